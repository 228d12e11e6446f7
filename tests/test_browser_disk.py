"""The lesson site opened from disk (file://) in Chromium; see browser_support.py.

Also: text that looks like HTML (a fixture quote with a <script> and an
<img onerror>) stays text.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import nbformat
from browser_support import HOSTILE, SCREENSHOTS, pages, visit

from helpers.site import build_site


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
