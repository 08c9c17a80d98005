"""What a build defines (assetpipe/js/defines.py): `process.env.NODE_ENV`, Vite's `import.meta.env`
with the public variables of the env files, and `[build.define]`; the bundles run in Node, and
nothing else of the env files or of the process's environment is in the output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assetpipe.config import load_config
from assetpipe.diagnostics import BuildFailed
from assetpipe.pipeline.build import build
from assetpipe.pipeline.watch import development_config

from .conftest import tree_bytes, write_files
from .js.test_bundle import run_node

MAIN = """\
const env = import.meta.env
console.log(JSON.stringify([env.MODE, env.DEV, env.PROD, env.SSR, env.BASE_URL]))
console.log(JSON.stringify(import.meta.env))
console.log(JSON.stringify([env.SECRET_KEY, env.VITE_FROM_SHELL, import.meta.env.VITE_NOPE]))
console.log(__APP_VERSION__, process.env.NODE_ENV, typeof __APP_VERSION__)
if (import.meta.env.DEV) {
  const { tools } = await import('./devtools.js')
  tools()
}
"""

ENV_FILES = {
    ".env": (
        "# shared by every mode\n"
        "VITE_API=https://base.example.com\n"
        "SECRET_KEY=hunter2\n"
        'PUBLIC_QUOTED="two\\nlines" # a comment\n'
    ),
    ".env.local": "VITE_LOCAL='local, # not a comment'\n",
    ".env.production": "export VITE_API=https://prod.example.com\n",
    ".env.production.local": "VITE_LAST=production-local\n",
    ".env.development": "VITE_API=https://dev.example.com\nVITE_DEV_ONLY=yes\n",
}


def make_site(tmp_path: Path, files: dict[str, str], config: str = "") -> Path:
    src = write_files(tmp_path / "src", {"index.html": _PAGE, **files})
    (tmp_path / "assetpipe.toml").write_text(
        f'[build]\nsrc = "{src}"\nout = "{tmp_path / "out"}"\ncache_dir = "{tmp_path / "c"}"\n'
        f"{config}\n[js]\nimport_map = false\n"
    )
    return src


_PAGE = '<!doctype html><script type="module" src="main.js"></script>\n'


def build_site(tmp_path: Path, development: bool = False) -> tuple[Path, dict[str, bytes]]:
    """Build the site (a watch build if `development`); its entry chunk and every output."""
    config, _ = load_config(cwd=tmp_path)
    if development:
        config = development_config(config)
    build(config)
    out = tmp_path / "out"
    manifest = json.loads((out / ".assetpipe/manifest.json").read_text())
    return out / manifest["entries"]["main.js"]["file"], tree_bytes(out)


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("VITE_FROM_SHELL", "from-the-shell")  # never read: not a .env file
    return make_site(
        tmp_path,
        {
            "main.js": MAIN,
            "devtools.js": "export function tools() { console.log('DEVTOOLS_LOADED') }\n",
            **ENV_FILES,
        },
        'base = "/app"\n[build.define]\n"__APP_VERSION__" = \'"1.2.0"\'\n',
    )


def test_a_build_defines_production_and_the_public_env_variables(site: Path, tmp_path: Path):
    entry, outputs = build_site(tmp_path)
    lines = run_node(entry).splitlines()
    assert lines[0] == '["production",false,true,false,"/app/"]'
    assert json.loads(lines[1]) == {
        "BASE_URL": "/app/",
        "DEV": False,
        "MODE": "production",
        "PROD": True,
        "PUBLIC_QUOTED": "two\nlines",
        "SSR": False,
        "VITE_API": "https://prod.example.com",  # .env.production wins over .env
        "VITE_LAST": "production-local",
        "VITE_LOCAL": "local, # not a comment",
    }
    assert lines[2] == "[null,null,null]"  # unknown: undefined
    assert lines[3] == "1.2.0 production string"
    assert lines[4:] == []
    everything = b"".join(outputs.values())
    for absent in (b"hunter2", b"SECRET_KEY=", b"from-the-shell", b"dev.example.com", b"yes"):
        assert absent not in everything
    js = b"".join(data for path, data in outputs.items() if path.endswith(".js"))
    assert b"DEVTOOLS_LOADED" not in js and b"import.meta" not in js  # no devtools chunk


def test_watch_defines_development(site: Path, tmp_path: Path):
    entry, outputs = build_site(tmp_path, development=True)
    lines = run_node(entry).splitlines()
    assert lines[0] == '["development",true,false,false,"/app/"]'
    env = json.loads(lines[1])
    assert env["VITE_API"] == "https://dev.example.com" and env["VITE_DEV_ONLY"] == "yes"
    assert "VITE_LAST" not in env  # .env.production.local is production's
    assert lines[3] == "1.2.0 development string"
    assert lines[4] == "DEVTOOLS_LOADED"
    assert b"hunter2" not in b"".join(outputs.values())


def test_the_public_prefixes_are_configurable(tmp_path: Path):
    make_site(
        tmp_path,
        {
            "main.js": "console.log(JSON.stringify(import.meta.env))\n",
            ".env": "APP_TITLE=Hello\nVITE_API=/api\n",
        },
        'env_prefix = ["APP_"]',
    )
    entry, outputs = build_site(tmp_path)
    env = json.loads(run_node(entry))
    assert env["APP_TITLE"] == "Hello" and "VITE_API" not in env
    assert b"/api" not in b"".join(outputs.values())


def test_a_malformed_env_line_is_an_error_at_its_place(tmp_path: Path):
    make_site(
        tmp_path,
        {
            "main.js": "console.log(import.meta.env.VITE_A)\n",
            ".env": "VITE_A=1\n\nthis line is wrong\n",
            ".env.local": "VITE_B = 'never closed\n",
        },
    )
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path)
    found = sorted(
        (Path(d.location.path).name, d.location.line, d.location.column, d.message)
        for d in failed.value.diagnostics
    )
    assert found == [
        (".env", 3, 1, "expected KEY=value, not 'this line is wrong'"),
        (".env.local", 1, 10, "VITE_B: the value's ' is never closed"),
    ]
    assert all(d.code == "env-syntax" for d in failed.value.diagnostics)
    assert not (tmp_path / "out").exists()


def test_defines_decide_what_is_bundled(tmp_path: Path):
    """A branch a define makes dead is left out before tree shaking: what only it imports is
    not bundled, and what only it uses goes."""
    make_site(
        tmp_path,
        {
            "main.js": (
                "import { heavy } from './heavy.js'\n"
                "if (__FEATURE__ === 'off') { heavy() } else { console.log('light') }\n"
                "export const lazy = globalThis.DEBUG ? import('./debug.js') : null\n"
                "console.log(typeof lazy, __LIMITS__.max, __LIMITS__.names.join('+'))\n"
            ),
            "heavy.js": "export function heavy() { console.log('HEAVY_CODE') }\n",
            "debug.js": "console.log('DEBUG_CODE')\n",
        },
        '[build.define]\n__FEATURE__ = \'"on"\'\n"globalThis.DEBUG" = false\n'
        '__LIMITS__ = { max = 3, names = ["a", "b"] }\n',
    )
    entry, outputs = build_site(tmp_path)
    assert run_node(entry) == "light\nobject 3 a+b\n"
    js = b"".join(data for path, data in outputs.items() if path.endswith(".js"))
    assert b"HEAVY_CODE" not in js and b"DEBUG_CODE" not in js
