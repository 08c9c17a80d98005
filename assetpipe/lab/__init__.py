"""`assetpipe audit`: paint times of a site's pages in headless Chromium, throttled.

`run.py` is the audit (pages, loads, medians, budgets), `cdp.py` the DevTools-protocol client,
`serve.py` the loopback server that serves a folder as a CDN would, `command.py` the Click
command. The Python API is `assetpipe.lab.run.audit(config, ...) -> AuditResult`.
"""
