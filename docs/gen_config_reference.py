"""Write docs/configuration.md, the configuration reference, from the schema in assetpipe.config.

    python docs/gen_config_reference.py          # rewrite docs/configuration.md
    python docs/gen_config_reference.py --check  # exit 1 if it is out of date

Every key, its default and its documentation come from `assetpipe.config` (`describe()` and
`TABLES`); only the introduction and the one-line summary of each table are written here.
`tests/test_docs.py` checks that the page is what this script writes.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere, without an installed package
    sys.path.insert(0, str(ROOT))

from assetpipe import config  # noqa: E402

OUTPUT = ROOT / "docs" / "configuration.md"

INTRO = """\
# Configuration reference

Every key of the configuration file, its default and what it does; generated from the schema in
`assetpipe/config.py` by `python docs/gen_config_reference.py` (do not edit this page by hand).

## The file

TOML, read from `--config FILE`, else `$ASSETPIPE_CONFIG`, else `./config/assetpipe.toml`,
else `./assetpipe.toml`; none means the defaults. Paths are relative to the working folder,
like the command-line defaults.

Precedence: defaults < the file < its `[env.NAME]` table < command-line flags. An
`[env.NAME]` table overrides any table for `--env NAME` (or `$ASSETPIPE_ENV`):

```toml
[build]
base = "/"

[env.dev.build]     # assetpipe build --env dev
minify = false
```

Every problem is reported at once, each named by its dotted key (exit status 2); an unknown key
is an error that suggests the nearest known one (or the table it belongs in). Secrets never go
in this file: deploy credentials come from the standard AWS chain and CDN tokens from the
environment (see [Deploy](deploy.md)).
"""

# One line per table: what it is for, and where the user guide explains it
TABLE_SUMMARY = {
    "build": "The source and output folders, URLs, minification, source maps, defines and "
    "`.env` variables. See [Commands](commands.md), [Sources and output](output.md) and "
    "[Defines and environment variables](bundling.md#defines-and-environment-variables).",
    "js": "The JavaScript bundler. See [Bundling JavaScript](bundling.md).",
    "css": "Minification targets and critical CSS. See [CSS and critical CSS](css.md).",
    "fonts": "Web font fallbacks and subsets. See [Web fonts](css.md#web-fonts).",
    "images": "Image variants, `<picture>` markup, lazy loading and priority. See "
    "[Images](images.md).",
    "deploy": "Uploads to S3 or an S3-compatible store, headers, retries and pruning. See "
    "[Deploy](deploy.md).",
    "cdn": "The CDN purged after a deploy. See [Deploy](deploy.md#purges-by-provider).",
    "budgets": "Limits a build or an audit fails (or warns) beyond. See "
    "[Budgets](report.md#budgets).",
}


def toml_value(value: object, annotation: str) -> str:
    """A default as it would be written in the TOML file."""
    if annotation.startswith("tuple[tuple["):  # a table by key: { "sw.js" = "no-cache" }
        pairs = ", ".join(f"{json.dumps(k)} = {toml_value(v, '')}" for k, v in value)
        return "{ " + pairs + " }" if pairs else "{}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(toml_value(v, "") for v in value) + "]"
    return repr(value)


def cell(text: str) -> str:
    """Text for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    annotations = {
        f"{table}.{f.name}": str(f.type)
        for table, cls in config.TABLES.items()
        for f in dataclasses.fields(cls)
    }
    rows: dict[str, list[str]] = {table: [] for table in config.TABLES}
    for key, default, doc in config.describe():
        table = key.split(".", 1)[0]
        value = toml_value(ast.literal_eval(default), annotations[key])
        rows[table].append(f"| `{key}` | `{cell(value)}` | {cell(doc) or '—'} |")

    parts = [INTRO]
    for table, lines in rows.items():
        summary = TABLE_SUMMARY.get(table, "")
        head = f"## `[{table}]`\n\n" + (f"{summary}\n\n" if summary else "")
        parts.append(
            head + "| key | default | meaning |\n|---|---|---|\n" + "\n".join(lines) + "\n"
        )
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            name = OUTPUT.relative_to(ROOT)
            print(f"{name} is out of date: run python docs/gen_config_reference.py")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(config.describe())} keys)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
