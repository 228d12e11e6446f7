"""A copy of the data with hostile text in it, for the tests of escaping
(tests/test_escaping.py, tests/test_browser_hostile.py).

The hostile text is appended to one raw document of the copy (the school
essay, whose author's text runs to the end of the file), and the copy's
``documents.csv`` row follows it (checksum, length, end of the body span), so
the copy passes every check a real document passes: the text is then quoted
by claim rows as any document's words are. Every marker element carries an id
starting ``injected-`` and every script sets ``window.__xss``: a page where
one exists, or that flag is set, ran the document's text as markup.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

from helpers.paths import DATA_DIR

DOCUMENT = "essay"  # its body span runs to the end of its file: appended lines fall inside it
LONG_TOKEN = "x" * 3000  # one unbroken word: it must wrap, not widen the page
HOSTILE_DATE_TEXT = "22 October 1956"
# One line of the document, every piece of it hostile in some renderer.
HOSTILE_LINE = (
    f"On {HOSTILE_DATE_TEXT} the crowd read <b id=\"injected-1\">bold</b> {LONG_TOKEN} <b>unclosed "
    "<img id=\"injected-2\" src=x onerror=\"window.__xss = 1\"> </p><script>window.__xss = 2</script> "
    "[markdown link](javascript:window.__xss=3) <javascript:window.__xss=4> "
    "[data link](data:text/html,<script>window.__xss=5</script>) "
    "<a id=\"injected-3\" href=\"javascript:window.__xss=6\">html link</a> "
    "<a href=\"https://evil.example/out\">outbound link</a> "
    "<span id=\"injected-4\" style=\"color:red\">styled</span> "
    "https://evil.example/page www.evil.com mail@evil.com &lt;not a tag&gt; *not emphasis* "
    "$x$ and \\(y\\), end of the hostile line."
)
# What a reader must see, as text, wherever the quote is shown.
SHOWN = "<b id=\"injected-1\">bold</b>"
# A title must occur in its document: this one is a piece of the hostile line, long token and all.
HOSTILE_TITLE = f"{SHOWN} {LONG_TOKEN}"
CLAIM_ID = "ev-essay-900"


def _resource_path(data_dir: Path, table: str) -> Path:
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return data_dir / next(r["path"] for r in package["resources"] if r["name"] == table)


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]], header: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def append_to_document(data_dir: Path, doc_id: str, line: str, title: str | None = None) -> None:
    """Append ``line`` to the end of a document's body in a copy of the data,
    and bring its ``documents.csv`` row up to date (optionally with a new title)."""
    documents = _resource_path(data_dir, "documents")
    rows = _read(documents)
    row = next(r for r in rows if r["doc_id"] == doc_id)
    raw = data_dir / "raw" / row["file_name"]
    text = raw.read_bytes().decode("utf-8")
    assert int(row["body_end"]) == len(text) == int(row["n_chars"]), "the body must end the file"
    text += "\n" + line
    raw.write_bytes(text.encode("utf-8"))
    row.update(sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), n_chars=str(len(text)),
               body_end=str(len(text)))
    if title is not None:
        row["title"] = title
    _write(documents, rows, _header(documents))


def add_claim(data_dir: Path, table: str, like: str, values: dict[str, str]) -> None:
    """Append a claim row to a table of the copy: a copy of the row ``like``
    (a claim_id), with ``values`` changed."""
    path = _resource_path(data_dir, table)
    rows = _read(path)
    model = next(r for r in rows if r["claim_id"] == like)
    rows.append({**model, **values})
    _write(path, rows, _header(path))


def hostile_copy(target: Path) -> Path:
    """A copy of ``data/`` in ``target`` whose school essay ends with
    :data:`HOSTILE_LINE`, with the essay's title set to :data:`HOSTILE_TITLE`
    and a dated event claim quoting the line (it dates the outbreak of the
    revolution a day early, so lesson 01 lists it among the claims that fit
    no research, draws it on its timelines, and lesson 04 on its own)."""
    shutil.copytree(DATA_DIR, target)
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    append_to_document(target, DOCUMENT, HOSTILE_LINE, title=HOSTILE_TITLE)
    add_claim(target, "event_claims", like="ev-simple_wiki-02", values={
        "claim_id": CLAIM_ID, "doc_id": DOCUMENT, "span": "body", "event_id": "revolution_begins",
        "description": "A hostile line of text", "date_text": HOSTILE_DATE_TEXT, "date": "1956-10-22",
        "date_precision": "day", "date_note": "", "quote": HOSTILE_LINE, "note": ""})
    return target
