"""The lesson site in a real browser (Debian's Chromium, driven by Playwright):
opened from disk (file://) and from a local web server; see browser_support.py.

From disk, each page is also checked with axe-core (WCAG 2.1 A and AA: no
serious or critical violation) and every figure must have a text alternative.

Also: text that looks like HTML (a fixture quote with a <script> and an
<img onerror>) stays text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from browser_support import HOSTILE, SCREENSHOTS, Tab

from helpers.paths import NOTEBOOKS_DIR
from helpers.site.builder import ASSETS, CARTESIAN_BUNDLE, CARTESIAN_TRACES, build_site


# One test per page and way of opening it, so that a failure names the page.
# The pages are the ones tests/test_site.py requires: one per notebook, the index and the data page.
PAGES = sorted([path.stem + ".html" for path in NOTEBOOKS_DIR.glob("*.ipynb")]
               + [path.stem + "-worksheet.html" for path in NOTEBOOKS_DIR.glob("*.ipynb")]
               + ["data.html", "index.html", "disagreements.html", "compare-the-sources.html"])


@pytest.fixture(scope="module")
def disk_tab(browser) -> Iterator[Tab]:
    tab = Tab(browser)
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def server_tab(browser) -> Iterator[Tab]:
    tab = Tab(browser)
    yield tab
    tab.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_from_disk(site: Path, disk_tab: Tab, name: str) -> None:
    html = (site / name).read_text(encoding="utf-8")
    partial_bundle = f"{ASSETS}/{CARTESIAN_BUNDLE.name}" in html
    result = disk_tab.visit((site / name).as_uri(), SCREENSHOTS / name.replace(".html", ".jpg"), partial_bundle,
                            accessibility=True)
    assert result["drawn"] == result["figures"]
    assert result["violations"] == [], "axe-core: serious or critical WCAG 2.1 A/AA violations"
    assert result["unlabelled"] == [], "figures or images without a text alternative"
    assert result["errors"] == []
    assert result["blocked"] == []
    if partial_bundle:  # the partial bundle draws exactly the trace types the site builder assumes
        assert sorted(result["traces"]) == sorted(CARTESIAN_TRACES)
    for link in result["links"]:
        target = urlparse(link)
        assert target.scheme == "file", link
        assert Path(target.path).is_file(), link


@pytest.mark.parametrize("name", PAGES)
def test_page_from_a_local_web_server(site: Path, server_tab: Tab, server: str, name: str) -> None:
    result = server_tab.visit(f"{server}/{name}")
    assert result["drawn"] == result["figures"]
    assert result["errors"] == [] and result["blocked"] == []


def test_text_that_looks_like_html_is_shown_not_run(tmp_path: Path, disk_tab: Tab) -> None:
    import pandas as pd
    import plotly.graph_objects as go

    notebook = nbformat.v4.new_notebook(metadata={"lesson": {"minutes": 1, "objectives": ["x"], "part": "sources"}})
    table = pd.DataFrame({"doc_id": ["fixture"], "quote": [HOSTILE]})
    figure = go.Figure(go.Bar(x=[1], y=[HOSTILE], name=HOSTILE, orientation="h", hovertext=[HOSTILE]))
    code = nbformat.v4.new_code_cell(f"quote = {HOSTILE!r}")  # code is shown as text too
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
    result = disk_tab.visit((tmp_path / "site" / "99_fixture.html").as_uri())
    assert result["xss"] is None
    assert result["drawn"] == 1 and result["errors"] == []
    assert "window.__xss = 2" in result["text"]  # the markup is visible as text
    assert "<script>window.__xss" not in (tmp_path / "site" / "99_fixture.html").read_text(encoding="utf-8")


def test_the_disagreement_filter_works_offline(site: Path, disk_tab: Tab) -> None:
    """Unticking a document hides every disagreement it stands alone on one
    side of, and only those; unticking every document hides every theme."""
    disk_tab.visit((site / "disagreements.html").as_uri())
    page = disk_tab.page
    shown = "[...document.querySelectorAll('article.disagreement')].filter(a => !a.hidden)"
    page.check("input[name=verdict][value=silent]")
    everything = page.evaluate(f"{shown}.length")
    assert everything == page.evaluate("document.querySelectorAll('article.disagreement').length")
    page.uncheck("input[name=doc][value=blog]")
    alone = ("[...document.querySelectorAll('article.disagreement')].filter(a => a.dataset.first === 'blog' "
             "|| a.dataset.second === 'blog')")
    assert page.evaluate(f"{alone}.length") > 0
    assert page.evaluate(f"{alone}.every(a => a.hidden)")
    assert page.evaluate(f"{shown}.length") == everything - page.evaluate(f"{alone}.length")
    for box in page.query_selector_all("input[name=doc]"):
        box.uncheck()
    assert page.evaluate(f"{shown}.length") == 0
    assert page.evaluate("[...document.querySelectorAll('section.disagreement-theme')].every(s => s.hidden)")
    assert disk_tab.errors == [] and disk_tab.blocked == []
