"""assetpipe: static-asset build and CDN deploy.

The Python API is what the command line is made of (`assetpipe/api.py`):

    import assetpipe
    config, warnings = assetpipe.load_config(env="production")
    result = assetpipe.build(config)     # raises BuildFailed with every diagnostic
    assetpipe.deploy(config)             # raises DeployFailed; .result says what it did
"""

from __future__ import annotations

__version__ = "0.1.0"

# Each public name and the module that defines it, imported on first use so that `assetpipe
# --help` imports none of the build machinery.
_EXPORTS = {
    "load_config": "api",
    "build": "api",
    "build_shard": "api",
    "load_baseline": "api",
    "load_page_weights": "api",
    "compare": "api",
    "Watch": "api",
    "watch": "api",
    "deploy": "api",
    "purge": "api",
    "audit": "api",
    "rum_summary": "api",
    "BuildFailed": "diagnostics",
    "ConfigError": "diagnostics",
    "Diagnostic": "diagnostics",
    "CompareError": "report.compare",
    "PageWeightsError": "report.cache_hits",
    "DeployFailed": "deployment.execute",
    "BuildResult": "pipeline.values",
    "ShardResult": "pipeline.build",
    "DeployResult": "deployment.execute",
    "PurgeResult": "deployment.cdn",
    "AuditResult": "lab.run",
    "RumSummary": "report.rum",
    "RumError": "report.beacons",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'assetpipe' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
