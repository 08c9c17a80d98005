"""What a build defines: global expressions replaced by JSON values in every module.

In order, later entries winning:
- `process.env.NODE_ENV`: `"production"` in a build, `"development"` in a development build
  (watch), as esbuild, Vite and webpack make it;
- `import.meta.env`, as Vite makes it: `MODE` (the same word), `DEV`, `PROD`, `SSR` (false),
  `BASE_URL` (`[build] base`), and the variables of the env files in the source folder
  (`.env`, `.env.local`, `.env.[mode]`, `.env.[mode].local`, later files winning) whose names
  start with a public prefix (`[build] env_prefix`). No other variable of those files, and
  nothing of the process's environment, ever reaches the output;
- `[build.define]` and `--define KEY=JSON` (`config.py`, `commands/`): any global name or dotted
  path (`__APP_VERSION__`, `process.env.API`, `globalThis.DEBUG`, `import.meta.env.X`).

The result is one hashable value, sorted (path, JSON text) pairs, which the module graph puts in
its cache key and the analyser applies (`js/constants.py`). The env files are read once per
build; a malformed line is an error at its `file:line:col`.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, LineIndex, error
from .constants import Pairs, node_env
from .names import RESERVED

if TYPE_CHECKING:
    from ..config import BuildConfig

_PATH = re.compile(r"(?:import\.meta|[A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*)*")
_KEY_EXAMPLE = "a global name or dotted path such as __APP_VERSION__ or process.env.API"


def key_problem(key: str) -> str | None:
    """What is wrong with a define's key, or None."""
    if not _PATH.fullmatch(key) or key == "import.meta":
        return f"{key!r} is not {_KEY_EXAMPLE}"
    first = key.split(".")[0]
    if (first in RESERVED or first == "undefined") and not key.startswith("import.meta."):
        return f"{key!r} starts with {first!r}, which is not a global name"
    return None


def json_text(value: Any) -> tuple[str | None, str | None]:
    """(the JSON text a configured define value stands for, None) or (None, the problem). A
    string is JSON text, as with esbuild and Vite (`'"1.2.0"'` is the string 1.2.0); other TOML
    values (numbers, booleans, arrays, tables) are taken as they are."""
    if isinstance(value, str):
        return parse_json(value)
    problem = _json_problem(value)
    if problem:
        return None, problem
    return json.dumps(value, separators=(",", ":")), None


def parse_json(text: str) -> tuple[str | None, str | None]:
    """(canonical JSON text, None) for JSON text, or (None, the problem)."""
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except ValueError as exc:
        hint = ""
        if re.fullmatch(r"[^\"'{}\[\]]*", text.strip()):
            hint = f"; a string needs its quotes: '{json.dumps(text.strip())}'"
        return None, f"{text!r} is not JSON ({getattr(exc, 'msg', exc)}){hint}"
    return json.dumps(value, separators=(",", ":")), None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _json_problem(value: Any) -> str | None:
    if value is None or isinstance(value, bool | str | int):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value} is not a JSON number"
    if isinstance(value, list):
        return next((p for p in map(_json_problem, value) if p), None)
    if isinstance(value, dict):
        return next((p for p in map(_json_problem, value.values()) if p), None)
    kind = type(value).__name__
    return f"a {kind} ({value}) is not a JSON value (string, number, boolean, array, table)"


def parse_define(text: str) -> tuple[str, str]:
    """`KEY=JSON` from the command line as (key, JSON text); ValueError says what is wrong."""
    key, equals, value = text.partition("=")
    if not equals:
        raise ValueError(f"{text!r} is not KEY=VALUE (for example __APP_VERSION__='\"1.2.0\"')")
    problem = key_problem(key)
    if problem:
        raise ValueError(problem)
    canonical, problem = parse_json(value)
    if problem:
        raise ValueError(f"{key}: {problem}")
    return key, canonical or ""


def build_defines(build: BuildConfig, src: Path) -> tuple[Pairs, list[Diagnostic]]:
    """Every define of a build of `src` with `build` (see the module's docstring), and the
    problems of its env files."""
    mode = "development" if build.development else "production"
    defines = dict(node_env(build.development))
    variables, problems = read_env_files(src, mode)
    public = tuple(build.env_prefix)
    env: dict[str, Any] = {k: v for k, v in variables.items() if public and k.startswith(public)}
    base = build.base or "/"
    env.update(
        BASE_URL=base if base.endswith("/") else base + "/",
        DEV=build.development,
        MODE=mode,
        PROD=not build.development,
        SSR=False,
    )
    for key, text in build.define:  # `import.meta.env.X` is also a property of the object
        name = key.removeprefix("import.meta.env.")
        if name != key and "." not in name:
            env[name] = json.loads(text)
    defines["import.meta.env"] = json.dumps(dict(sorted(env.items())), separators=(",", ":"))
    defines.update(build.define)
    return tuple(sorted(defines.items())), problems


def env_files(src: Path, mode: str) -> list[Path]:
    """The env files a build in `mode` reads, the ones read later winning."""
    return [src / name for name in (".env", ".env.local", f".env.{mode}", f".env.{mode}.local")]


def read_env_files(src: Path, mode: str) -> tuple[dict[str, str], list[Diagnostic]]:
    variables: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for path in env_files(src, mode):
        if path.is_file():
            found, bad = parse_env(path.read_bytes().decode("utf-8", "replace"), str(path))
            variables.update(found)
            problems.extend(bad)
    return variables, problems


# `KEY=value`, `export KEY=value`, `KEY: value` (dotenv's syntax); the value is read after
_ASSIGNMENT = re.compile(r"[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*|:[ \t]+|:$)")
_UNQUOTED = re.compile(r"[^#\n]*")
_AFTER = re.compile(r"[ \t]*(?:#[^\n]*)?(?:\n|$)")


def parse_env(text: str, path: str) -> tuple[dict[str, str], list[Diagnostic]]:
    """The variables of an env file, as the `dotenv` package reads them (Vite's): `KEY=value`
    lines, `export ` before the key allowed, `#` comments (also after an unquoted value),
    values in '...', "..." or `...` (which may span lines; in "..." `\\n` and `\\r` are a
    line break and a carriage return), no `$VAR` expansion. A line that is none of these is an
    error (dotenv would skip it silently)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = LineIndex(text)
    variables: dict[str, str] = {}
    problems: list[Diagnostic] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if not line.strip() or line.lstrip().startswith("#"):
            pos = end + 1
            continue
        match = _ASSIGNMENT.match(text, pos, end)
        if match is None:
            at = pos + len(line) - len(line.lstrip())
            message = f"expected KEY=value, not {line.strip()[:40]!r}"
            problems.append(error("env-syntax", message, lines.locate(path, at)))
            pos = end + 1
            continue
        key, at = match.group(1), match.end()
        quote = text[at : at + 1]
        if quote in ("'", '"', "`"):
            close = text.find(quote, at + 1)
            if close < 0:
                message = f"{key}: the value's {quote} is never closed"
                problems.append(error("env-syntax", message, lines.locate(path, at)))
                break
            value = text[at + 1 : close]
            if quote == '"':
                value = value.replace("\\n", "\n").replace("\\r", "\r")
            after = _AFTER.match(text, close + 1)
            if after is None:
                message = f"{key}: unexpected text after the closing {quote}"
                problems.append(error("env-syntax", message, lines.locate(path, close + 1)))
                nl = text.find("\n", close)
                pos = len(text) if nl < 0 else nl + 1
                continue
            pos = after.end()
        else:
            unquoted = _UNQUOTED.match(text, at, end)
            value = unquoted.group(0).strip() if unquoted else ""
            pos = end + 1
        variables[key] = value
    return variables, problems
