"""Benchmarks of assetpipe against the tools it replaces; run with ``python -m bench``.

See bench/README.md. The harness is :mod:`bench.harness`, workloads live in
:mod:`bench.workloads` (one module each), inputs are generated under ``bench/.work/`` and npm
anchors installed under ``bench/.node/``.
"""
