"""assetpipe: static-asset build and CDN deploy.

The Python API is what the command line is made of:

    from assetpipe import build, load_config
    config, warnings = load_config()
    result = build(config)          # raises BuildFailed with every diagnostic
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "BuildFailed",
    "BuildResult",
    "ConfigError",
    "Diagnostic",
    "__version__",
    "build",
    "load_config",
]


def __getattr__(name: str):  # heavy imports only when used, so `assetpipe --help` is instant
    if name == "build":
        from .pipeline.build import build

        return build
    if name == "load_config":
        from .config import load_config

        return load_config
    if name in ("BuildFailed", "ConfigError", "Diagnostic"):
        from . import diagnostics

        return getattr(diagnostics, name)
    if name == "BuildResult":
        from .pipeline.values import BuildResult

        return BuildResult
    raise AttributeError(name)
