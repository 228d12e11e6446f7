"""Hostile document text, end to end: the lessons run on a copy of the data in
which a document holds markup, scripts, links of every kind and a 3,000-character
word (tests/hostile_data.py); the site is built from those lessons and opened
in Chromium, and every point of every figure is hovered.

Fails on any dialog, any element the text injected (ids ``injected-*``), the
flag ``window.__xss``, any link to another host or with a ``javascript:`` or
``data:`` URL, any page wider than its window, and a hover label that is not
shown or reads the text as markup. The hostile text must be seen, as text, in
a computed paragraph, a table, a hover label and on the index and data pages:
otherwise the test would prove nothing.

The lessons run in a kernel whose ``HUNGARY1956_DATA_DIR`` names the copy
(see helpers.paths); the site is built in a process with the same variable,
so that its data page and downloads come from the copy too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_support import Tab
from hostile_data import HOSTILE_TITLE, LONG_TOKEN, SHOWN, hostile_copy

from helpers.paths import DATA_DIR_VARIABLE, NOTEBOOKS_DIR

PAGES = sorted([path.stem + ".html" for path in NOTEBOOKS_DIR.glob("*.ipynb")]
               + ["data.html", "glossary.html", "index.html"])
# The lesson whose outputs quote the hostile claim in all three renderers.
CHRONOLOGY = "01_what_happened.html"
BUILD = "import sys; from pathlib import Path; from helpers.site.builder import build_site; " \
        "build_site(Path(sys.argv[1]), Path(sys.argv[2]))"

# Everything a page shows or did, in one call: what the text may have turned into.
PAGE_STATE = """() => ({
  injected: Array.from(document.querySelectorAll('[id^="injected-"], [onerror], [onclick], [onload]'))
    .map(e => e.outerHTML.slice(0, 120)),
  xss: window.__xss === undefined ? null : String(window.__xss),
  links: Array.from(document.querySelectorAll('a, area'))
    .filter(a => a.hasAttribute('href') || a.hasAttribute('xlink:href'))
    .map(a => {
      const written = a.getAttribute('href') ?? a.getAttribute('xlink:href');
      try { return [written, new URL(written, document.baseURI).href]; } catch (e) { return [written, 'invalid:']; }
    }),
  width: document.documentElement.scrollWidth, window: window.innerWidth,
})"""

# Hover every point of one figure; plotly.js throttles hovers to one per 50 ms
# of Date.now(), so the clock is moved on between hovers (in this page only).
HOVER_ALL = """(index) => {
  const gd = document.querySelectorAll('div.plotly-figure')[index];
  const clock = Date.now; let now = clock();
  Date.now = () => (now += 1000);
  const labels = [];
  try {
    gd._fullData.forEach((trace, curve) => {
      if (trace.visible !== true || trace.hoverinfo === 'skip' || trace.hoverinfo === 'none') return;
      const subplot = (trace.xaxis || 'x') + (trace.yaxis || 'y');
      const points = [];  // an event for Plotly.Fx.hover, and the point's name
      if (trace.type === 'heatmap') {  // a cell is found by its place on the axes
        const xa = gd._fullLayout[(trace.xaxis || 'x').replace('x', 'xaxis')];
        const ya = gd._fullLayout[(trace.yaxis || 'y').replace('y', 'yaxis')];
        (trace.z || []).forEach((row, i) => row.forEach((_, j) => points.push([
          {xval: trace.x ? xa.d2c(trace.x[j]) : j, yval: trace.y ? ya.d2c(trace.y[i]) : i}, `${i},${j}`])));
      } else {
        const n = Math.max((trace.x || []).length, (trace.y || []).length);
        for (let j = 0; j < n; j++) {
          if ((trace.x || [])[j] == null && (trace.y || [])[j] == null) continue;
          points.push([[{curveNumber: curve, pointNumber: j}], String(j)]);
        }
      }
      for (const [event, point] of points) {
        Plotly.Fx.hover(gd, event, subplot);
        const layer = gd.querySelector('.hoverlayer');
        labels.push({curve, point, text: layer ? layer.textContent : '',
                     links: layer ? layer.querySelectorAll('a').length : 0,
                     width: document.documentElement.scrollWidth, window: window.innerWidth});
      }
    });
    Plotly.Fx.unhover(gd);
  } finally {
    Date.now = clock;
  }
  return {labels, svgLinks: gd.querySelectorAll('a').length};
}"""


def _run(command: list[str], env: dict[str, str]) -> None:
    """Run a step; if it fails, fail with the end of what it said."""
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{command[2:4]} failed on the hostile copy:\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lessons executed on the hostile copy, and the site built from them."""
    work = tmp_path_factory.mktemp("hostile")
    data = hostile_copy(work / "data")
    env = {**os.environ, DATA_DIR_VARIABLE: str(data)}
    notebooks = work / "notebooks"
    _run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(notebooks),
          "--NotebookClient.record_timing=False", "--ExecutePreprocessor.kernel_name=python3",
          *map(str, sorted(NOTEBOOKS_DIR.glob("*.ipynb")))], env)
    site = work / "site"
    _run([sys.executable, "-c", BUILD, str(site), str(notebooks)], env)
    # The site was built from the copy, not from data/.
    assert (site / "data" / "documents.csv").read_bytes() == (data / "documents.csv").read_bytes()
    return site


@pytest.fixture(scope="module")
def tab(browser) -> Iterator[Tab]:
    tab = Tab(browser)
    tab.dialogs = []
    tab.page.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    tab.close()


def _open(tab: Tab, site: Path, name: str) -> None:
    tab.dialogs.clear()
    tab.errors.clear()
    tab.blocked.clear()
    tab.page.goto((site / name).as_uri(), wait_until="load")
    figures = tab.page.locator("div.plotly-figure").count()
    if figures:
        tab.page.wait_for_function(
            "n => document.querySelectorAll('div.plotly-figure svg.main-svg').length >= n", arg=figures, timeout=20_000)


def _assert_nothing_ran(tab: Tab, site: Path, where: str) -> None:
    state = tab.page.evaluate(PAGE_STATE)
    assert tab.dialogs == [], f"{where}: a dialog opened: {tab.dialogs}"
    assert state["xss"] is None, f"{where}: document text ran as a script (window.__xss = {state['xss']})"
    assert state["injected"] == [], f"{where}: document text became elements: {state['injected']}"
    for written, resolved in state["links"]:
        target = urlparse(resolved)
        assert target.scheme == "file", f"{where}: a link to {written!r}"
        assert Path(target.path).resolve().is_relative_to(site.resolve()), f"{where}: a link out of the site: {written!r}"
    assert state["width"] <= state["window"], f"{where}: the page is {state['width']} px wide in a {state['window']} px window"
    assert tab.blocked == [], f"{where}: requests to other hosts: {tab.blocked}"


@pytest.mark.parametrize("name", PAGES)
def test_hostile_text_stays_text_on_every_page_and_in_every_hover(hostile_site: Path, tab: Tab, name: str) -> None:
    _open(tab, hostile_site, name)
    _assert_nothing_ran(tab, hostile_site, name)
    figures = tab.page.locator("div.plotly-figure").count()
    for index in range(figures):
        where = f"{name}, figure {index + 1}"
        hovered = tab.page.evaluate(HOVER_ALL, index)
        assert hovered["labels"], f"{where}: no point to hover"
        unlabelled = [(label["curve"], label["point"]) for label in hovered["labels"] if not label["text"].strip()]
        assert unlabelled == [], f"{where}: hovering these (trace, point) showed no label"
        assert hovered["svgLinks"] == 0 and not any(label["links"] for label in hovered["labels"]), f"{where}: a link"
        wide = [label for label in hovered["labels"] if label["width"] > label["window"]]
        assert not wide, f"{where}: a hover label widened the page to {wide[0]['width']} px"
        _assert_nothing_ran(tab, hostile_site, where)
    assert tab.errors == [], f"{name}: console errors {tab.errors}"


def test_the_hostile_text_is_shown_as_text_in_a_paragraph_a_table_and_a_hover(hostile_site: Path, tab: Tab) -> None:
    _open(tab, hostile_site, CHRONOLOGY)
    paragraphs = tab.page.evaluate(
        "Array.from(document.querySelectorAll('.output_markdown')).map(e => e.innerText)")
    cells = tab.page.evaluate("Array.from(document.querySelectorAll('td')).map(e => e.textContent)")
    assert any(SHOWN in text for text in paragraphs), "the hostile quote is in no computed paragraph"
    assert any(SHOWN in text and LONG_TOKEN in text for text in cells), "the hostile quote is in no table cell"
    # A hover label's lines are drawn one by one: compared without the spaces where they break.
    hovers = ["".join(label["text"].split()) for index in range(tab.page.locator("div.plotly-figure").count())
              for label in tab.page.evaluate(HOVER_ALL, index)["labels"]]
    assert any("".join(SHOWN.split()) in text for text in hovers), "the hostile quote is in no hover label"
    for page in ("index.html", "data.html"):
        _open(tab, hostile_site, page)
        assert HOSTILE_TITLE in tab.page.inner_text("body"), f"{page}: the hostile title is not shown as text"
