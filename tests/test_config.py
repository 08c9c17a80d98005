from __future__ import annotations

import dataclasses

import pytest

from assetpipe.config import FILE_TYPES, TABLES, Config, describe, field_types, load_config
from assetpipe.diagnostics import ConfigError


def write(tmp_path, rel, text):
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    monkeypatch.delenv("ASSETPIPE_CONFIG", raising=False)
    monkeypatch.delenv("ASSETPIPE_ENV", raising=False)


def test_defaults_without_a_file(tmp_path):
    config, notes = load_config(cwd=tmp_path)
    assert config.file is None and notes == []
    assert (config.build.src, config.build.out, config.build.cache_dir) == (
        "site_src",
        "dist",
        ".assetpipe-cache",
    )
    assert config.build.minify is True and config.build.base == "/"


def test_discovery_order(tmp_path, monkeypatch):
    write(tmp_path, "assetpipe.toml", '[build]\nout = "from-root"\n')
    assert load_config(cwd=tmp_path)[0].build.out == "from-root"
    write(tmp_path, "config/assetpipe.toml", '[build]\nout = "from-config-dir"\n')
    assert load_config(cwd=tmp_path)[0].build.out == "from-config-dir"
    write(tmp_path, "env.toml", '[build]\nout = "from-env-var"\n')
    monkeypatch.setenv("ASSETPIPE_CONFIG", "env.toml")
    assert load_config(cwd=tmp_path)[0].build.out == "from-env-var"
    write(tmp_path, "flag.toml", '[build]\nout = "from-flag"\n')
    assert load_config("flag.toml", cwd=tmp_path)[0].build.out == "from-flag"


def test_a_named_file_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_config("nope.toml", cwd=tmp_path)
    assert "nope.toml" in info.value.diagnostics[0].message


def test_env_tables_override_and_flags_override_everything(tmp_path, monkeypatch):
    write(
        tmp_path,
        "assetpipe.toml",
        """
[build]
out = "dist"
minify = true
base = "/"
[env.staging.build]
minify = false
base = "/staging/"
""",
    )
    config, _ = load_config(env="staging", cwd=tmp_path)
    assert (config.build.minify, config.build.base, config.build.out) == (
        False,
        "/staging/",
        "dist",
    )
    monkeypatch.setenv("ASSETPIPE_ENV", "staging")
    assert load_config(cwd=tmp_path)[0].build.base == "/staging/"
    config, _ = load_config(
        env="staging", cwd=tmp_path, overrides={"build.minify": True, "build.out": None}
    )
    assert config.build.minify is True and config.build.out == "dist"


def test_unknown_env_is_a_warning(tmp_path):
    write(tmp_path, "assetpipe.toml", "[env.production.build]\nminify = true\n")
    _, notes = load_config(env="prod", cwd=tmp_path)
    assert notes[0].severity == "warning" and "production" in notes[0].message


def test_every_error_is_reported_at_once_with_its_dotted_key(tmp_path):
    write(
        tmp_path,
        "assetpipe.toml",
        """
[build]
minfy = false
out = 3
base = "docs"
public_dir = "../x"

[biuld]
src = "x"

[env.production.build]
outt = "x"
""",
    )
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    messages = [d.message for d in info.value.diagnostics]
    assert any("build.minfy" in m and "did you mean 'minify'" in m for m in messages)
    assert any("build.out" in m and "expected a string" in m for m in messages)
    assert any("build.base" in m for m in messages)
    assert any("build.public_dir" in m for m in messages)
    assert any("'biuld'" in m and "did you mean 'build'" in m for m in messages)
    assert any("env.production.build.outt" in m and "'out'" in m for m in messages)
    assert len(messages) == 6


def test_a_key_in_the_wrong_table_is_pointed_to_its_table(tmp_path):
    write(tmp_path, "assetpipe.toml", "minify = false\n")
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert "it belongs in 'build.minify'" in info.value.diagnostics[0].message


def test_every_key_is_type_checked_by_its_real_type(tmp_path):
    # each field's type (resolved, not its annotation's text) has a check of the file's value
    for table, cls in TABLES.items():
        for name, kind in field_types(cls).items():
            assert kind in FILE_TYPES, f"{table}.{name}: {kind}"
    write(
        tmp_path,
        "assetpipe.toml",
        '[build]\nminify = 1\nexclude = ["a", 2]\n[images]\nwidths = [320, true]\n'
        '[deploy]\ncache_control = "x"\n[budgets]\ncls = true\npages = 1\n',
    )
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert sorted(d.message for d in info.value.diagnostics) == [
        "budgets.cls: expected a number, got a boolean (True)",
        'budgets.pages: expected tables by glob ([budgets.pages."blog/*"]), got an integer (1)',
        "build.exclude: expected a list of strings, got a list (['a', 2])",
        "build.minify: expected true or false, got an integer (1)",
        'deploy.cache_control: expected a table of strings ({ "*.html" = "..." }), '
        "got a string ('x')",
        "images.widths: expected a list of integers, got a list ([320, True])",
    ]


def test_budgets_are_checked_with_sizes_and_page_globs(tmp_path):
    write(
        tmp_path,
        "assetpipe.toml",
        '[budgets]\npage_js_gzip = "170 KBs"\npage_requests = "40"\ncls = "x"\n'
        'on_exceed = "fail"\nmax_page_kb = 200\n'
        '[budgets.pages."gallery/*"]\npage_totl_gzip = "1.5 MB"\n',
    )
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    messages = sorted(d.message for d in info.value.diagnostics)
    assert messages == [
        "budgets.cls: expected a number, got a string ('x')",
        "budgets.on_exceed: must be one of 'error', 'warn'",
        "budgets.page_js_gzip: '170 KBs' is not a size such as \"170 KB\"",
        "budgets.page_requests: expected an integer, got a string ('40')",
        "budgets.pages: \"gallery/*\": unknown budget 'page_totl_gzip'; "
        "did you mean 'page_total_gzip'?",
        "unknown key 'budgets.max_page_kb'",
    ]


def test_budget_limits_for_a_page_take_the_first_matching_glob(tmp_path):
    from assetpipe.report.budgets import limits_for

    write(
        tmp_path,
        "assetpipe.toml",
        '[budgets]\npage_js_gzip = "170 KB"\npage_total_gzip = "1 MiB"\ncls = 0.05\n'
        '[budgets.pages."gallery/*"]\npage_total_gzip = "1.5 MB"\nlcp_ms = 2500\n'
        '[budgets.pages."*"]\npage_js_gzip = "0"\n',
    )
    budgets = load_config(cwd=tmp_path)[0].budgets
    gallery = limits_for(budgets, "gallery/index.html")
    assert (gallery.page_js_gzip, gallery.page_total_gzip, gallery.lcp_ms) == (
        170_000,
        1_500_000,
        2500,
    )
    assert gallery.where("page_total_gzip") == 'budgets.pages."gallery/*".page_total_gzip'
    assert gallery.where("page_js_gzip") == "budgets.page_js_gzip"
    home = limits_for(budgets, "index.html")
    assert (home.page_js_gzip, home.page_total_gzip, home.cls) == (None, 1_048_576, 0.05)


def test_deploy_and_cdn_tables_are_checked(tmp_path):
    write(
        tmp_path,
        "assetpipe.toml",
        '[deploy]\nbucket = "site"\nprefix = "/www"\n'
        'cache_control = ["no-cache"]\nconcurency = 4\n[cdn]\nprovider = "akamai"\n',
    )
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    messages = [d.message for d in info.value.diagnostics]
    assert any("deploy.prefix: must be a key prefix" in m for m in messages)
    assert any("deploy.cache_control: expected a table of strings" in m for m in messages)
    assert any("'deploy.concurency'; did you mean 'concurrency'?" in m for m in messages)
    assert any("cdn.provider: must be one of" in m for m in messages)
    write(
        tmp_path,
        "assetpipe.toml",
        '[deploy]\nbucket = "site"\n'
        'cache_control = { "sw.js" = "no-cache" }\n[cdn]\nprovider = "cloudfront"\n',
    )
    config = load_config(cwd=tmp_path)[0]
    assert config.deploy.cache_control == (("sw.js", "no-cache"),)
    assert config.cdn.provider == "cloudfront"


def test_toml_syntax_error_is_located(tmp_path):
    path = write(tmp_path, "assetpipe.toml", '[build]\nout = "dist"\nminify = tru\n')
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    (d,) = info.value.diagnostics
    assert d.location.path == str(path) and d.location.line == 3
    assert "minify = tru" in d.render()


def test_reference_lists_every_key():
    """Every field of every table of the schema (`Config`), once, with its default and a
    description."""
    rows = describe()
    keys = [key for key, _, _ in rows]
    defaults = Config()
    tables = {
        f.name: f.default_factory
        for f in dataclasses.fields(Config)
        if dataclasses.is_dataclass(f.default_factory)
    }
    assert "build" in tables and "budgets" in tables
    expected = [f"{t}.{f.name}" for t, cls in tables.items() for f in dataclasses.fields(cls)]
    assert len(keys) == len(set(keys))
    assert sorted(keys) == sorted(expected)
    for key, default, doc in rows:
        table, name = key.split(".")
        assert default == repr(getattr(getattr(defaults, table), name)), key
        assert doc.strip(), f"{key} has no description"


def test_defines_are_json_values_that_env_tables_and_flags_add_to(tmp_path):
    write(
        tmp_path,
        "assetpipe.toml",
        """
[build.define]
"__APP_VERSION__" = '"1.2.0"'
"globalThis.DEBUG" = false
"__LIMITS__" = { max = 3, names = ["a"] }

[env.ci.build.define]
"globalThis.DEBUG" = true
""",
    )
    flags = {"build.define": (("process.env.API", '"https://api.example.com"'),)}
    config, _ = load_config(cwd=tmp_path, env="ci", overrides=flags)
    assert dict(config.build.define) == {
        "__APP_VERSION__": '"1.2.0"',
        "__LIMITS__": '{"max":3,"names":["a"]}',
        "globalThis.DEBUG": "true",
        "process.env.API": '"https://api.example.com"',
    }
    assert config.build.env_prefix == ("VITE_", "PUBLIC_")


def test_bad_defines_and_env_prefixes_are_reported_with_their_keys(tmp_path):
    write(
        tmp_path,
        "assetpipe.toml",
        """
[build]
env_prefix = ["VITE_", ""]

[build.define]
"__V__" = "1.2.0"
"process.env.API" = "https://api.example.com"
"a-b" = 1
"__WHEN__" = 1979-05-27

[env.x.build]
define = 3
""",
    )
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    messages = [d.message for d in info.value.diagnostics]
    assert len(messages) == 3, messages
    (prefix,) = [m for m in messages if m.startswith("build.env_prefix")]
    assert "every variable of the .env files" in prefix
    (define,) = [m for m in messages if m.startswith("build.define:")]
    assert """"__V__": '1.2.0' is not JSON""" in define
    assert """a string needs its quotes: '"https://api.example.com"'""" in define
    assert "'a-b' is not a global name or dotted path" in define
    assert "a date (1979-05-27) is not a JSON value" in define
    (table,) = [m for m in messages if m.startswith("env.x.build.define")]
    assert "expected a table of JSON values" in table
