"""Watch mode and the dev server (`assetpipe watch`)."""
