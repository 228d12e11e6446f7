"""The lesson site served by a local web server, in Chromium; see browser_support.py."""

from __future__ import annotations

from pathlib import Path

from browser_support import pages, visit


def test_every_page_from_a_local_web_server(site: Path, browser, server: str) -> None:
    for name in pages(site):
        result = visit(browser, f"{server}/{name}")
        assert result["drawn"] == result["figures"], name
        assert result["errors"] == [] and result["blocked"] == [], name
