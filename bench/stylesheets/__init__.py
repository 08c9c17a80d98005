"""Real stylesheets from npm, built by assetpipe and compared element by element in Chromium.

``python -m bench.stylesheets`` (see :mod:`bench.stylesheets.__main__` and bench/README.md):
each stylesheet of :mod:`.catalog` is vendored from its npm package into a site with a page of
its own components (:mod:`.pages`), built with ``assetpipe build``, and the page as written is
compared with the page as built in headless Chromium (:mod:`.snapshot`, :mod:`.compare`): the
computed style of every element and pseudo-element and its box, at two viewports, once the full
stylesheets loaded, with ``:hover``/``:focus`` forced, and at first paint (the inlined critical
CSS alone). :mod:`.run` ties it together; ``tests/css/test_real_stylesheets.py`` runs a few.
"""
