"""Django: `{% load assetpipe %}{% assetpipe_tags "src/main.ts" %}` prints what loads an entry.

Add `"assetpipe.django"` to `INSTALLED_APPS` and say where the build is in settings:

    ASSETPIPE = {
        "manifest": BASE_DIR / "static" / "dist",   # the output folder (or a manifest file)
        "base_url": STATIC_URL + "dist/",           # where it is served (default: STATIC_URL)
        "dev_server": "http://127.0.0.1:8000" if DEBUG else "",  # `assetpipe watch`'s URL
    }

The tags are those of `assetpipe.manifest.Manifest.tags`; `{% assetpipe_url "src/logo.svg" %}`
prints one file's URL.
"""
