"""The command line: a thin Click layer over the Python API (`assetpipe/api.py`).

One module per command (parse the options, load the configuration, call the API, print);
`options.py` declares the options several commands share, `output.py` prints diagnostics and
turns errors into exit statuses (see its docstring). The stages are imported only when a
command runs, so that `assetpipe --help` stays instant.
"""

from __future__ import annotations

import click

from .. import __version__
from .audit import audit
from .build import build
from .deploy import deploy
from .purge import purge
from .rum import rum
from .watch import watch


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assetpipe")
@click.option("--debug", is_flag=True, help="Show Python tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build a website's assets into a hashed, cacheable dist/ folder."""
    ctx.obj = {"debug": debug}


for command in (build, watch, deploy, purge, audit, rum):
    main.add_command(command)
