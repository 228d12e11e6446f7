"""Shared parts of the browser test (test_browser.py): Debian's Chromium, driven by Playwright.

Every page is opened from disk (file://) and from a local web server, with
every request to another host blocked and recorded. Asserted: each plotly
figure is drawn (its SVG is in the DOM), no console error, no request left
the machine, every link resolves. A screenshot of each page is saved in
``build/screenshots/`` for a person to look at. Text that looks like HTML
(a fixture quote with a <script> and an <img onerror>) stays text.

Under CI this test must run: a missing Chromium fails it. On a user's
machine without Chromium it is skipped with one line saying how to install it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers.paths import PROJECT_ROOT

SCREENSHOTS = PROJECT_ROOT / "build" / "screenshots"
# axe-core, vendored unmodified from npm (MPL-2.0; `make vendor-axe` refreshes it): the accessibility
# rules every page is checked against, run inside the page, offline.
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
INSTALL_HINT = "Chromium not found: install it with `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM=/path/to/chromium"
HOSTILE = '</script><script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> <b>bold?</b>'


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(INSTALL_HINT + " (under CI the browser test must run; .ci/run installs it)")
    pytest.skip(INSTALL_HINT)


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "about", "blob") or parsed.hostname in ("127.0.0.1", "localhost")


class Tab:
    """One browser tab that opens page after page, as a student clicking
    through the site does; what each page did is recorded separately.

    Chromium keeps the compiled plotly.js of a tab in memory, so a page
    opened after another costs about half a second less; every page still
    loads and runs its own scripts (navigation resets all JavaScript state).
    """

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, request_route) -> None:
        if is_local(request_route.request.url):
            request_route.continue_()
        else:
            self.blocked.append(request_route.request.url)
            request_route.abort()

    def visit(self, url: str, screenshot: Path | None = None, trace_modules: bool = False,
              accessibility: bool = False) -> dict:
        """Open one page; return what happened (figures, errors, blocked
        requests, links; with ``trace_modules``, the trace types its plotly.js can draw;
        with ``accessibility``, axe-core's serious and critical WCAG 2.1 A/AA violations
        and the figures that have no text alternative)."""
        self.blocked.clear()
        self.errors.clear()
        page = self.page
        page.goto(url, wait_until="load")
        figures = page.locator("div.plotly-figure").count()
        if figures:
            page.wait_for_function(
                "n => document.querySelectorAll('div.plotly-figure svg.main-svg').length >= n", arg=figures,
                timeout=20_000,
            )
        drawn = page.evaluate("Array.from(document.querySelectorAll('div.plotly-figure')).filter(d => d.querySelector('svg.main-svg')).length")
        links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
        xss = page.evaluate("window.__xss === undefined ? null : window.__xss")
        text = page.inner_text("body")
        traces = page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)") if trace_modules else None
        violations = unlabelled = None
        if accessibility:
            unlabelled = page.evaluate(
                # the page's content (plotly also adds a hidden measuring <svg> to <body>)
                "Array.from(document.querySelectorAll('main div.plotly-figure, main svg, main img'))"
                ".filter(e => !e.closest('div.plotly-figure[aria-label]'))"
                ".filter(e => !(e.getAttribute('aria-label') || e.getAttribute('alt') || '').trim())"
                ".map(e => e.id || e.outerHTML.slice(0, 80))")
            page.add_script_tag(path=str(AXE))
            found = page.evaluate(
                # preload: false, or axe fetches the stylesheets with XHR, which file:// pages refuse
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false})"
                ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))", WCAG_TAGS)
            violations = [v for v in found if v["impact"] in BLOCKING_IMPACTS]
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            # JPEG: a full page is ~20 megapixels, and Chromium encodes JPEG about twice as fast as PNG
            page.screenshot(path=str(screenshot), full_page=True, type="jpeg", quality=80)
        return {"figures": figures, "drawn": drawn, "errors": list(self.errors), "blocked": list(self.blocked),
                "links": links, "xss": xss, "text": text, "traces": traces,
                "violations": violations, "unlabelled": unlabelled}

    def close(self) -> None:
        self.context.close()
