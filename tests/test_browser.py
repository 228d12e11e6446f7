"""The lesson site in a real browser: Debian's Chromium, driven by Playwright.

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

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

from helpers.paths import PROJECT_ROOT
from helpers.site import build_site

SCREENSHOTS = PROJECT_ROOT / "build" / "screenshots"
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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(out)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # keep the test output quiet
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "about", "blob") or parsed.hostname in ("127.0.0.1", "localhost")


def visit(browser, url: str, screenshot: Path | None = None) -> dict:
    """Open one page; return what happened (figures, errors, blocked requests, links)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    blocked: list[str] = []

    def route(request_route) -> None:
        if is_local(request_route.request.url):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    figures = page.locator("div.plotly-figure").count()
    if figures:
        page.wait_for_function(
            "n => document.querySelectorAll('div.plotly-figure svg.main-svg').length >= n", arg=figures, timeout=20_000
        )
    drawn = page.evaluate("Array.from(document.querySelectorAll('div.plotly-figure')).filter(d => d.querySelector('svg.main-svg')).length")
    links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    xss = page.evaluate("window.__xss === undefined ? null : window.__xss")
    text = page.inner_text("body")
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    context.close()
    return {"figures": figures, "drawn": drawn, "errors": errors, "blocked": blocked, "links": links,
            "xss": xss, "text": text}


def pages(site: Path) -> list[str]:
    return sorted(path.name for path in site.glob("*.html"))


def test_every_page_from_disk(site: Path, browser) -> None:
    for name in pages(site):
        result = visit(browser, (site / name).as_uri(), SCREENSHOTS / name.replace(".html", ".png"))
        assert result["drawn"] == result["figures"], name
        assert result["errors"] == [], name
        assert result["blocked"] == [], name
        for link in result["links"]:
            target = urlparse(link)
            assert target.scheme == "file", (name, link)
            assert Path(target.path).is_file(), (name, link)


def test_every_page_from_a_local_web_server(site: Path, browser, server: str) -> None:
    for name in pages(site):
        result = visit(browser, f"{server}/{name}")
        assert result["drawn"] == result["figures"], name
        assert result["errors"] == [] and result["blocked"] == [], name


def test_text_that_looks_like_html_is_shown_not_run(tmp_path: Path, browser) -> None:
    import pandas as pd
    import plotly.graph_objects as go

    notebook = nbformat.v4.new_notebook(metadata={"lesson": {"minutes": 1, "objectives": ["x"]}})
    table = pd.DataFrame({"doc_id": ["fixture"], "quote": [HOSTILE]})
    figure = go.Figure(go.Bar(x=[1], y=[HOSTILE], name=HOSTILE, orientation="h", hovertext=[HOSTILE]))
    code = nbformat.v4.new_code_cell("shown")
    code.outputs = [
        nbformat.v4.new_output("display_data", {"text/markdown": f"A quote: {HOSTILE}", "text/plain": ""}),
        nbformat.v4.new_output("display_data", {"text/html": table.to_html(), "text/plain": ""}),
        nbformat.v4.new_output("display_data", {"application/vnd.plotly.v1+json": figure.to_plotly_json()}),
    ]
    notebook.cells = [nbformat.v4.new_markdown_cell("# Fixture\n\nHostile text."), code]
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(notebook, notebooks / "99_fixture.ipynb")
    build_site(tmp_path / "site", notebooks)
    result = visit(browser, (tmp_path / "site" / "99_fixture.html").as_uri())
    assert result["xss"] is None
    assert result["drawn"] == 1 and result["errors"] == []
    assert "window.__xss = 2" in result["text"]  # the markup is visible as text
