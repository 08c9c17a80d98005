"""The workloads: every module in this package registers one or more with ``@workload``.

:func:`load_all` imports them all, in name order, so adding a workload is adding a file here.
Modules whose name starts with ``_`` are helpers and are not imported by it.
"""

from __future__ import annotations

import importlib
import pkgutil


def load_all() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
