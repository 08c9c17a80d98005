"""The command-line layer (`assetpipe/commands/`) and the Python API under it (`assetpipe/api.py`):
shared options on every command that takes them, no private imports between the command
modules, the guard's exit statuses, the progress line, and API functions that return values
without printing. The commands' output end to end is in test_cli.py and the commands' tests."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import assetpipe
from assetpipe import api
from assetpipe.commands import main
from assetpipe.commands.output import ProgressLine, guard
from assetpipe.diagnostics import ConfigError, error

COMMANDS = Path(assetpipe.__file__).parent / "commands"

# option → the commands that take it; every other command must not
SHARED = {
    "--config": {"build", "watch", "deploy", "purge", "audit", "rum summarize"},
    "--env": {"build", "watch", "deploy", "purge", "audit", "rum summarize"},
    "--out": {"build", "watch", "deploy", "audit"},
    "--json": {"build", "deploy", "audit", "rum summarize"},
    "--verbose": {"build", "deploy"},
    "--src": {"build", "watch"},
    "--cache-dir": {"build", "watch"},
    "--define": {"build", "watch"},
    "--cdn": {"deploy", "purge"},
}


def _commands() -> Iterator[tuple[str, click.Command]]:
    """Every command by its name, a group's as "group command" (`rum summarize`)."""
    for name, command in main.commands.items():
        if isinstance(command, click.Group):
            for sub, each in command.commands.items():
                yield f"{name} {sub}", each
        else:
            yield name, command


def test_the_group_has_one_module_per_command():
    assert set(main.commands) == {"build", "watch", "deploy", "purge", "audit", "rum"}
    for name, command in main.commands.items():
        assert command.callback.__module__ == f"assetpipe.commands.{name}"
    assert [name for name, _ in _commands() if " " in name] == ["rum summarize"]


@pytest.mark.parametrize("option", sorted(SHARED))
def test_shared_options_are_on_the_commands_that_take_them(option: str):
    having = {
        name for name, command in _commands() if any(option in p.opts for p in command.params)
    }
    assert having == SHARED[option]
    # declared once: the same names, metavar and destination wherever it appears
    shapes = {
        (tuple(p.opts), p.name, p.metavar)
        for _, command in _commands()
        for p in command.params
        if option in p.opts
    }
    assert len(shapes) == 1


def _imports(path: Path) -> Iterator[tuple[str, str]]:
    """(module, name) of each `from X import name` in `path`, relative modules resolved."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            package = ["assetpipe", "commands"][: 3 - node.level] if node.level else []
            module = ".".join([*package, *filter(None, [node.module])])
            for alias in node.names:
                yield module, alias.name


def test_no_private_names_and_no_cycle_between_the_command_modules():
    for path in sorted(COMMANDS.glob("*.py")):
        for module, name in _imports(path):
            private = name.startswith("_") and not name.startswith("__")
            assert not private, f"{path.name} imports {module}.{name}"
            if path.name != "__init__.py":  # only the group imports the package's commands
                assert (module, name) not in {("assetpipe.commands", n) for n in main.commands}
                assert module != "assetpipe.commands" or name in ("options", "output")


def test_the_command_line_imports_no_stage():
    code = (
        "import sys, assetpipe.commands; "
        "print(sorted(m for m in sys.modules if m.startswith('assetpipe')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = eval(out.stdout)
    assert {m.rpartition(".")[0] or m for m in loaded} <= {"assetpipe", "assetpipe.commands"}


def test_every_public_name_resolves():
    for name in assetpipe.__all__:
        assert getattr(assetpipe, name) is not None
    assert assetpipe.build is api.build and assetpipe.deploy is api.deploy
    with pytest.raises(AttributeError):
        assetpipe.nothing  # noqa: B018


def _invoke(body) -> click.testing.Result:
    @click.command()
    @click.pass_context
    def command(ctx: click.Context) -> None:
        with guard(ctx, "deploy"):
            body(ctx)

    return CliRunner().invoke(command, [])


def test_the_guard_turns_exceptions_into_exit_statuses():
    def config_error(ctx):
        raise ConfigError([error("config-missing", "no bucket")])

    def bug(ctx):
        raise RuntimeError("boom")

    result = _invoke(config_error)
    assert result.exit_code == 2
    assert result.stderr == "error[config-missing]: no bucket\ndeploy failed: 1 error\n"
    result = _invoke(bug)
    assert result.exit_code == 1 and result.stderr.startswith("internal error: RuntimeError: boom")
    result = _invoke(lambda ctx: ctx.exit(3))  # a command's own exit is not an internal error
    assert result.exit_code == 3 and result.stderr == ""


def test_one_progress_line_for_counts_and_runs():
    @click.command()
    def command() -> None:
        line = ProgressLine()
        line.count("images", 0, 4)
        line.count("images", 4, 4)  # done: erased
        line.runs("index.html", 1, 3)
        line.runs("", 3, 3)
        line.close()  # nothing left to erase

    result = CliRunner().invoke(command, [], color=True)  # as on a terminal: escapes kept
    assert result.stderr == (
        "\rimages  [------------------------] 0/4"
        "\rimages  [########################] 4/4\r\033[K"
        "\r\033[Kauditing index.html  run 2/3\r\033[K"
    )


class MemoryStorage:
    """An empty bucket that records what is put."""

    name = "memory://site/"
    requests = 0

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}

    def get(self, key):
        return self.objects.get(key)

    def head(self, key):
        return None

    def list(self, prefix):
        return iter([k for k in self.objects if k.startswith(prefix)])

    def put(self, key, data, **headers):
        self.objects[key] = data

    def delete(self, keys):
        return []


def test_the_api_returns_values_and_prints_nothing(tmp_path: Path, capsys):
    (tmp_path / "src").mkdir()
    (tmp_path / "src/index.html").write_text("<!doctype html><title>t</title><p>hello</p>\n")
    (tmp_path / "assetpipe.toml").write_text('[build]\nsrc = "src"\nout = "dist"\n')
    config, _ = api.load_config(
        str(tmp_path / "assetpipe.toml"),
        overrides={
            "build.src": str(tmp_path / "src"),
            "build.out": str(tmp_path / "dist"),
            "build.cache_dir": str(tmp_path / "cache"),
        },
        cwd=tmp_path,
    )
    result = api.build(config)
    assert result.pages == ("index.html",) and (tmp_path / "dist/index.html").is_file()
    baseline = api.load_baseline(str(tmp_path / "dist"))
    assert api.compare(baseline, result.report)["pages"] is not None
    planned = api.deploy(config, dry_run=True, storage=MemoryStorage())
    assert planned.dry_run and [u.path for u in planned.plan.uploads] == ["index.html"]
    with pytest.raises(ConfigError) as no_bucket:
        api.deploy(config)
    assert no_bucket.value.diagnostics[0].message.startswith("no bucket to deploy to")
    with pytest.raises(ConfigError) as no_cdn:
        api.purge(config, ["/"])
    assert no_cdn.value.diagnostics[0].message.startswith("no CDN to purge")
    assert capsys.readouterr() == ("", "")
