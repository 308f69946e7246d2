"""Headless Chromium for the browser tests: Debian's package, driven by Playwright, with its own
background traffic (updates, sync, QUIC probes) off so that every request seen is the page's."""
from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs "
                                                             "it as root: apt-get install chromium)")


def host_of(url: str) -> str | None:
    """The host a request goes to; a blob: URL's is its origin's, a data: URL has none."""
    if url.startswith("data:"):
        return None
    return urlsplit(url.removeprefix("blob:")).hostname
