"""The raw documents and the spans of their text that carry claims.

``data/documents.csv`` records, for every raw file in ``data/raw/``, its
checksum, its length in characters (Python ``str`` positions, i.e. Unicode
code points) and the ``[start, end)`` offsets of the author's main text
(``body``) and, where a page has them, of the readers' comments
(``comments``). Everything outside those spans is page furniture: titles,
cookie banners, breadcrumbs, share buttons, revision-page chrome.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from helpers.paths import RAW_DIR
from helpers.evidence.tables import load_table, read_document_text

SPANS: tuple[str, ...] = ("body", "comments")


def load_documents() -> pd.DataFrame:
    """The documents table, validated."""
    return load_table("documents")


def read_raw_text(file_name: str, raw_dir: Path = RAW_DIR) -> str:
    """The exact text of one raw document (no newline translation)."""
    return read_document_text(raw_dir / file_name)


def sha256_of(file_name: str, raw_dir: Path = RAW_DIR) -> str:
    """Hex SHA-256 of a raw document's bytes."""
    return hashlib.sha256((raw_dir / file_name).read_bytes()).hexdigest()


def span_bounds(document: pd.Series, span: str) -> tuple[int, int] | None:
    """``(start, end)`` of a span of one document row, or None if it has none."""
    start, end = document[f"{span}_start"], document[f"{span}_end"]
    if pd.isna(start) or pd.isna(end):
        return None
    return int(start), int(end)


def span_text(document: pd.Series, span: str) -> str:
    """The text of one span of a document ("" when the document has none)."""
    bounds = span_bounds(document, span)
    if bounds is None:
        return ""
    return read_raw_text(document["file_name"])[bounds[0]:bounds[1]]


def corpus_problems(documents: pd.DataFrame, raw_dir: Path = RAW_DIR) -> list[str]:
    """Every way in which the raw files and ``documents.csv`` disagree.

    Checked: the checksum and length of each file; that each span lies
    inside the file, spans do not overlap, and each starts at the start of a
    line's text and ends at the end of a line (so offsets that drift by even
    one character are caught); that the title occurs in the file. An empty
    list means the corpus is intact.
    """
    problems: list[str] = []
    for row_number, document in enumerate(documents.itertuples(index=False), start=1):
        where = f"data/documents.csv, row {row_number} ({document.doc_id})"
        path = raw_dir / document.file_name
        if not path.is_file():
            problems.append(f"{where}, column 'file_name': data/raw/{document.file_name} does not exist")
            continue
        if sha256_of(document.file_name, raw_dir) != document.sha256:
            problems.append(f"{where}, column 'sha256': data/raw/{document.file_name} has changed (checksum differs)")
            continue  # a changed file may no longer even be valid UTF-8: its offsets mean nothing now
        text = read_raw_text(document.file_name, raw_dir)
        if len(text) != document.n_chars:
            problems.append(f"{where}, column 'n_chars': file has {len(text)} characters, table says {document.n_chars}")
        if document.title not in text:
            problems.append(f"{where}, column 'title': the title does not occur in the file")
        bounds = {span: span_bounds(pd.Series(document._asdict()), span) for span in SPANS}
        if bounds["body"] is None:
            problems.append(f"{where}, column 'body_start': every document needs a body span")
        for span, found in bounds.items():
            if found is not None:
                problems.extend(f"{where}, column '{span}_start/{span}_end': {p}" for p in _span_problems(text, *found))
        if bounds["body"] and bounds["comments"]:
            (b0, b1), (c0, c1) = bounds["body"], bounds["comments"]
            if b0 < c1 and c0 < b1:
                problems.append(f"{where}, column 'comments_start': the comments overlap the body")
    return problems


def _span_problems(text: str, start: int, end: int) -> list[str]:
    if not 0 <= start < end <= len(text):
        return [f"[{start}, {end}) is not a span inside the {len(text)} characters of the file"]
    problems = []
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t•") or text[start].isspace():
        problems.append(f"start {start} is not at the beginning of a line's text")
    if text[end - 1].isspace() or (end < len(text) and text[end] != "\n"):
        problems.append(f"end {end} is not at the end of a line")
    return problems


def document_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """Characters of each document in its body, its comments and its page
    furniture (everything else), and the furniture's share of the whole."""
    rows = []
    for _, document in documents.iterrows():
        lengths = {span: len(span_text(document, span)) for span in SPANS}
        furniture = int(document["n_chars"]) - sum(lengths.values())
        rows.append({
            "doc_id": document["doc_id"],
            "genre": document["genre"],
            "total_chars": int(document["n_chars"]),
            "body_chars": lengths["body"],
            "comments_chars": lengths["comments"],
            "furniture_chars": furniture,
            "furniture_share": furniture / int(document["n_chars"]),
        })
    return pd.DataFrame(rows).astype({"total_chars": "Int64", "body_chars": "Int64",
                                      "comments_chars": "Int64", "furniture_chars": "Int64"})


def topic_mentions(documents: pd.DataFrame, topics: pd.DataFrame) -> pd.DataFrame:
    """How often each topic's pattern matches in each document's body:
    one row per document, one column per topic id (documents x topics)."""
    import re

    patterns = list(zip(topics["topic_id"], topics["pattern"]))
    counts = {}
    for _, document in documents.iterrows():
        body = span_text(document, "body")
        counts[document["doc_id"]] = {topic_id: len(re.findall(pattern, body)) for topic_id, pattern in patterns}
    frame = pd.DataFrame.from_dict(counts, orient="index").astype("Int64")
    frame.index.name = "doc_id"
    return frame


def quote_offsets(frame: pd.DataFrame, documents: pd.DataFrame, column: str = "quote") -> pd.Series:
    """Character offset of each row's quote in its document (its first
    occurrence inside the row's span, if the table has spans): the order in
    which the document tells its claims."""
    by_id = {document["doc_id"]: document for _, document in documents.iterrows()}
    has_spans = "span" in frame.columns
    spans = frame["span"] if has_spans else [None] * len(frame)
    offsets = []
    for doc_id, quote, span in zip(frame["doc_id"], frame[column], spans):
        document = by_id[doc_id]
        text = read_raw_text(document["file_name"])
        start = 0
        if has_spans:
            bounds = span_bounds(document, span)
            start = bounds[0] if bounds else 0
        offsets.append(text.find(quote, start))
    return pd.Series(offsets, index=frame.index, dtype="Int64", name="offset")
