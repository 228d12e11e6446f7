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
import os
from pathlib import Path

import pandas as pd

from helpers.evidence.errors import TableError
from helpers.evidence.tables import load_table, read_document_text
from helpers.paths import RAW_DIR

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
    """Every way in which the raw files and ``documents.csv`` disagree, as
    messages (see :func:`corpus_errors`). An empty list means the corpus is intact."""
    return [str(error) for error in corpus_errors(documents, raw_dir)]


def verify_corpus(documents: pd.DataFrame, raw_dir: Path = RAW_DIR) -> None:
    """Raise the first of :func:`corpus_errors`, if any. The loader calls
    this whenever it loads the documents table, so a damaged raw file stops
    every notebook and the site, not only the tests."""
    errors = corpus_errors(documents, raw_dir)
    if errors:
        raise errors[0]


LABEL = "data/documents.csv"


def corpus_errors(documents: pd.DataFrame, raw_dir: Path = RAW_DIR) -> list[TableError]:
    """Every way in which the raw files and ``documents.csv`` disagree, each a
    :class:`TableError` on the documents table naming the row and column.

    Checked: every row names a plain file that exists in ``data/raw/``; the
    file's checksum and length; its bytes are UTF-8 with LF line endings;
    each span's start and end are both filled or both empty, lie inside the
    file and do not overlap, each starts at the start of a line's text and
    ends at the end of a line (so offsets that drift by even one character
    are caught); the title occurs in the file; and every file of
    ``data/raw/`` has a row (a document nobody describes would be silently
    left out of every table).
    """
    problems: list[TableError] = []
    try:
        raw_root: Path | None = raw_dir.resolve()
    except (OSError, RuntimeError):  # a loop of links
        raw_root = None
    for row, document in enumerate(documents.itertuples(index=False), start=1):
        def problem(column: str, message: str) -> None:
            problems.append(TableError(LABEL, row, column, f"{message} ({document.doc_id})"))

        name = document.file_name
        if name != Path(name).name or name.startswith(".") or "\\" in name:
            problem("file_name", f"{name!r} must be the plain name of a file in data/raw/ (no folders)")
            continue
        path = raw_dir / name
        if not path.is_file():
            what = "is a folder, not a file" if path.is_dir() else "is not a regular file" \
                if path.exists() or path.is_symlink() else "does not exist"
            problem("file_name", f"data/raw/{name} {what}: add the file or fix the name")
            continue
        # Only a link can lead outside (the name has no folders); resolving
        # every path would cost more than reading the file.
        try:
            inside = not path.is_symlink() or (raw_root is not None and path.resolve().is_relative_to(raw_root))
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            problem("file_name", f"data/raw/{name} is a link to a file outside data/raw/: put the document itself "
                                 "in data/raw/")
            continue
        raw = path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != document.sha256:
            problem("sha256", f"data/raw/{name} has changed (its checksum differs); the raw documents are never "
                              "edited: restore the file, or if it is a new version, record its new sha256, "
                              "n_chars and spans")
            continue  # a changed file may no longer even be valid UTF-8: its offsets mean nothing now
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problem("file_name", f"data/raw/{name}: byte {error.start} is not valid UTF-8; save the text as UTF-8")
            continue
        if "\r" in text:
            problem("file_name", f"data/raw/{name}: line {text[:text.index(chr(13))].count(chr(10)) + 1} ends with a "
                                 "carriage return; save the file with LF line endings, then record its sha256")
            continue
        if len(text) != document.n_chars:
            problem("n_chars", f"data/raw/{name} has {len(text)} characters, the table says {document.n_chars}")
        if document.title not in text:
            problem("title", "the title does not occur in the file; copy it exactly from the file")
        bounds: dict[str, tuple[int, int] | None] = {}
        for span in SPANS:
            start, end = getattr(document, f"{span}_start"), getattr(document, f"{span}_end")
            if pd.isna(start) != pd.isna(end):
                problem(f"{span}_end" if pd.isna(end) else f"{span}_start",
                        f"{span}_start and {span}_end must be both filled or both empty")
                bounds[span] = None
                continue
            bounds[span] = None if pd.isna(start) else (int(start), int(end))
        if bounds["body"] is None and not any(p.row == row and p.column.startswith("body") for p in problems):
            problem("body_start", "every document needs a body span (where the author's text starts and ends)")
        for span, found in bounds.items():
            if found is not None:
                for column, message in _span_problems(text, *found):
                    problem(f"{span}_{column}", message)
        if bounds["body"] and bounds["comments"]:
            (b0, b1), (c0, c1) = bounds["body"], bounds["comments"]
            if b0 < c1 and c0 < b1:
                problem("comments_start", "the comments overlap the body")
    if raw_dir.is_dir():
        described = set(documents["file_name"])
        for name in sorted(os.listdir(raw_dir)):
            if not name.startswith(".") and name not in described:
                problems.append(TableError(LABEL, None, "file_name",
                                           f"data/raw/{name} has no row: add its row to documents.csv "
                                           f"(python -m helpers.evidence.new_document data/raw/{name} proposes "
                                           "it), or move the file out of data/raw/"))
    return problems


def _span_problems(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """(``start`` or ``end``, message) for each way a span is not a span of whole lines."""
    if not 0 <= start < end <= len(text):
        column = "start" if not 0 <= start < len(text) else "end"
        return [(column, f"[{start}, {end}) is not a span inside the {len(text)} characters of the file")]
    problems = []
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t•") or text[start].isspace():
        problems.append(("start", f"start {start} is not at the beginning of a line's text"))
    if text[end - 1].isspace() or (end < len(text) and text[end] != "\n"):
        problems.append(("end", f"end {end} is not at the end of a line"))
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
