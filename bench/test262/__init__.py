"""test262 differential runner: each test in Node as written, and after assetpipe and esbuild
bundled and minified it; reports every test whose outcome changed (``python -m bench.test262``).

Modules: :mod:`~bench.test262.frontmatter` (test metadata), :mod:`~bench.test262.corpus` (the
tarball, the tests, batches), :mod:`~bench.test262.node` (the Node runner, ``runner.mjs`` and
``worker.mjs``, and pass/fail), :mod:`~bench.test262.bundlers` (one build per batch and tool),
:mod:`~bench.test262.run` (the run, parallel and cached), :mod:`~bench.test262.report`.
"""
