"""What a class sees, read from the executed notebooks' outputs.

- Every correction of ``data/corrections.csv`` appears in some lesson, and
  every table row, hover text or computed paragraph that shows a corrected
  claim's words also shows the correction (see helpers.evidence.corrections for when
  a correction concerns a claim).
- Tables are made for a class: no ``NaN``/``None`` cells, no bare 0..n
  index, no snake_case column headers.
- Every figure has a caption and a text alternative (plotly's
  ``layout.meta``, set by helpers.display.show_figure), and no lesson shows
  a matplotlib figure without one.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.evidence.corrections import QUOTED_RUN, normalise, word_runs
from helpers.display.claims import corrections_index
from helpers.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
MISSING = {"nan", "NaN", "None", "<NA>", "NaT", "null"}


class TableParser(HTMLParser):
    """The tables of an HTML output: header cells, and body rows as lists of
    (tag, text) cells; and every row's whole text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._row: list[tuple[str, str]] | None = None
        self._section = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "table":
            self.tables.append({"head": [], "rows": []})
        elif tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append((tag, " ".join("".join(self._cell).split())))
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            target = self.tables[-1]["head"] if self._section == "thead" else self.tables[-1]["rows"]
            target.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables_of(markup: str) -> list[dict]:
    parser = TableParser()
    parser.feed(markup)
    return parser.tables


def _markdown_cells(path: Path) -> Iterator[tuple[int, str]]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for position, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "markdown":
            yield position, "".join(cell["source"])


def _outputs(path: Path) -> Iterator[tuple[int, dict]]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for position, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            yield position, output.get("data", {})


def _joined(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def markdown_as_read(markdown: str) -> str:
    """Computed Markdown as a reader sees it: rendered as the site renders
    it (the display layer escapes the documents' words in it), tags dropped."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return html.unescape(re.sub(r"<[^>]+>", " ", markdown2html_mistune(markdown)))


def shown_units(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every unit a reader sees at once: a table row, a
    hover text, a computed paragraph (with its notes), a chart's caption,
    a paragraph written by hand (which therefore may not quote corrected
    words: only computed prose can carry their correction)."""
    for position, source in _markdown_cells(path):
        yield f"{path.name} markdown cell {position}", source
    for position, data in _outputs(path):
        where = f"{path.name} cell {position}"
        if "text/html" in data:
            markup = _joined(data["text/html"])
            for table in tables_of(markup):
                for number, row in enumerate(table["rows"], start=1):
                    yield f"{where} table row {number}", html.unescape(" ".join(text for _, text in row))
            outside = re.sub(r"<table.*?</table>", " ", markup, flags=re.S)
            yield where, html.unescape(re.sub(r"<[^>]+>", " ", outside))
        elif "text/markdown" in data:
            yield where, markdown_as_read(_joined(data["text/markdown"]))
        if PLOTLY in data:
            for trace in data[PLOTLY].get("data", []):
                for key in ("hovertext", "text"):
                    values = trace.get(key)
                    for value in ([values] if isinstance(values, str) else values or []):
                        if isinstance(value, str):
                            yield f"{where} figure {key}", html.unescape(value)


@pytest.fixture(scope="module")
def index():
    return corrections_index()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_corrected_claim_is_never_shown_without_its_correction(path: Path, index) -> None:
    for where, text in shown_units(path):
        shown = normalise(text)
        for correction in index.concerning(text):
            assert normalise(correction.correction) in shown, (
                f"{where} shows words that {correction.correction_id} corrects, without the correction: "
                f"{shown[:200]}")


SHINGLE = QUOTED_RUN  # words: a run this long is a quotation, not a shared phrase


def shingles(text: str, size: int = SHINGLE) -> set[tuple[str, ...]]:
    """Every run of ``size`` consecutive words (lower case, no punctuation):
    the display layer's own rule (``word_runs``)."""
    return word_runs(text, size)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_part_of_a_corrected_claim_is_never_shown_without_its_correction(path: Path, index) -> None:
    """A sentence that quotes only part of the words a correction corrects (six
    words or more in a row of its quote) needs the correction too, whether
    written by hand or computed. (The other words of a corrected claim may be
    shown alone: a claim table may hold a sentence's uncorrected half.)"""
    corrected = [(c, shingles(c.quote)) for c in index.corrections]
    for where, text in shown_units(path):
        runs, shown = shingles(text), normalise(text)
        for correction, needle_runs in corrected:
            if runs & needle_runs:
                assert normalise(correction.correction) in shown, (
                    f"{where} quotes part of the words {correction.correction_id} corrects, without the "
                    f"correction: {' '.join(sorted(runs & needle_runs)[0])!r}")


def test_every_correction_appears_in_some_lesson(index) -> None:
    shown = " ".join(normalise(text) for path in NOTEBOOKS for _, text in shown_units(path))
    missing = [c.correction_id for c in index.corrections if normalise(c.correction) not in shown]
    assert missing == [], f"corrections that no lesson shows: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_tables_are_made_for_a_class(path: Path) -> None:
    for position, data in _outputs(path):
        for table in tables_of(_joined(data.get("text/html", ""))):
            where = f"{path.name} cell {position}"
            headers = [text for row in table["head"] for _, text in row]
            assert not [h for h in headers if SNAKE_CASE.match(h)], f"{where}: snake_case headers {headers}"
            cells = [text for row in table["rows"] for _, text in row]
            assert not MISSING & set(cells), f"{where}: a missing value shown as text"
            first = [row[0] for row in table["rows"] if row]
            index_like = [text for tag, text in first if tag == "th"]
            assert index_like != [str(n) for n in range(len(first))] or not first, f"{where}: a bare 0..n index"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_computed_prose_never_shows_a_missing_value(path: Path) -> None:
    for position, data in _outputs(path):
        text = _joined(data.get("text/markdown", ""))
        found = re.findall(r"\b(?:nan|NaN|None|NaT)\b|<NA>", text)
        assert not found, f"{path.name} cell {position}: {found} in {text[:200]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_a_caption_and_a_text_alternative(path: Path) -> None:
    outputs = list(_outputs(path))
    for number, (position, data) in enumerate(outputs):
        where = f"{path.name} cell {position}"
        assert "image/svg+xml" not in data and "image/png" not in data, f"{where}: a static image has no text alternative"
        if PLOTLY not in data:
            continue
        meta = data[PLOTLY].get("layout", {}).get("meta", {})
        assert meta.get("caption") and meta.get("alt"), f"{where}: a figure without caption or text alternative"
        following = _joined(outputs[number + 1][1].get("text/html", "")) if number + 1 < len(outputs) else ""
        assert 'class="text-alternative"' in following, f"{where}: no text alternative after the figure"


def test_the_checks_can_fail() -> None:
    """The table parser sees what the checks look for."""
    table = tables_of('<table><thead><tr><th>doc_id</th></tr></thead><tbody><tr><th>0</th><td>nan</td></tr></tbody></table>')[0]
    assert table["head"] == [[("th", "doc_id")]] and table["rows"] == [[("th", "0"), ("td", "nan")]]
    assert SNAKE_CASE.match("doc_id") and not SNAKE_CASE.match("Document")
