"""The npm corpus: a differential test of assetpipe's bundler and minifier against esbuild.

About eighty popular npm packages (``packages.py``), most shipping ES modules and a dozen
CommonJS only (React, lodash, moment, ...), each exercised by a page (``pages/<slug>.js``) that
calls real functions deterministically and writes the results into the page. ``runner.py``
installs them, builds each page with assetpipe and with esbuild, loads both in headless Chromium
and compares what they wrote; esbuild's page is the reference. ``python -m bench.corpus`` prints
the table; ``tests/js/test_corpus.py`` runs the CI subset.
"""
