"""The coverage audit: is every number and date of every document accounted for?

Every date expression and every number in a document's body and comments
(digits, number words, ordinals, month names, relative expressions such as
"a day later") must lie inside the quote of some claim row in some table, or
inside a text listed with a reason in ``coverage_exclusions``. Anything else
is a claim the tables have missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from pathlib import Path

from helpers.evidence.checks import occurrences
from helpers.evidence.corpus import SPANS, read_raw_text, span_bounds
from helpers.paths import DATAPACKAGE
from helpers.evidence.tables import read_datapackage

EXCLUSIONS_TABLE = "coverage_exclusions"

MONTHS = ("January February March April May June July August September October November December").split()
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion dozen dozens decade decades quarter "
    "first second third fourth fifth sixth seventh eighth ninth tenth half"
).split()
MENTION = re.compile(
    r"(?P<time>\b\d{1,2}:\d{2}\b)"
    r"|(?P<number>\d+(?:[ ,.]\d{3})*(?:st|nd|rd|th)?)"
    rf"|(?P<month>\b(?:{'|'.join(MONTHS)})\b)"
    rf"|(?P<word>\b(?:{'|'.join(NUMBER_WORDS)})\b)"
    r"|(?P<relative>\ba (?:day|week|month|year)\b)",
    re.IGNORECASE,
)
AUDIT_COLUMNS = ["doc_id", "span", "start", "end", "text", "kind", "status", "covered_by"]


def find_mentions(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, text, kind)`` of every number or date expression."""
    for match in MENTION.finditer(text):
        yield match.start(), match.end(), match.group(), match.lastgroup or ""


def _quote_intervals(tables: dict[str, pd.DataFrame], documents: pd.DataFrame,
                     datapackage: Path) -> dict[str, list[tuple[int, int, str, str]]]:
    """For each doc_id: ``(start, end, status, label)`` of every place a
    claim quote (or an exclusion text) occurs in the document."""
    raw_dir = datapackage.parent / "raw"
    files = dict(zip(documents["doc_id"], documents["file_name"]))
    intervals: dict[str, list[tuple[int, int, str, str]]] = {doc_id: [] for doc_id in files}
    for resource in read_datapackage(datapackage)["resources"]:
        column = resource.get("x-quoteSource")
        if not column or resource["name"] not in tables:
            continue
        frame = tables[resource["name"]]
        excluded = resource["name"] == EXCLUSIONS_TABLE
        keys = zip(*(frame[field].astype(str) for field in resource["schema"]["primaryKey"]))
        labels = (("excluded: " + frame["reason"]) if excluded else
                  [f"{resource['name']}:{'/'.join(key)}" for key in keys])
        status = "excluded" if excluded else "claim"
        texts: dict[str, str] = {}  # doc_id -> its text, looked up once
        for doc_id, quote, label in zip(frame["doc_id"], frame[column], labels):
            if doc_id not in texts:
                texts[doc_id] = read_raw_text(files[doc_id], raw_dir)
            text = texts[doc_id]
            intervals[doc_id].extend((at, at + len(quote), status, label) for at in occurrences(text, quote))
    return intervals


def coverage_audit(tables: dict[str, pd.DataFrame], datapackage: Path = DATAPACKAGE) -> pd.DataFrame:
    """One row per number or date expression in every body and comments span,
    with its ``status``: ``claim`` (inside some claim's quote), ``excluded``
    (inside a listed exclusion) or ``uncovered``; ``covered_by`` names the
    first claim row (table:key) or the exclusion's reason."""
    documents = tables["documents"]
    intervals = _quote_intervals(tables, documents, datapackage)
    raw_dir = datapackage.parent / "raw"
    rows = []
    for _, document in documents.iterrows():
        text = read_raw_text(document["file_name"], raw_dir)
        for span in SPANS:
            bounds = span_bounds(document, span)
            if bounds is None:
                continue
            for start, end, found, kind in find_mentions(text[bounds[0]:bounds[1]]):
                start, end = start + bounds[0], end + bounds[0]
                covering = [(status, label) for a, b, status, label in intervals[document["doc_id"]]
                            if a <= start and end <= b]
                # A claim beats an exclusion: the number is then part of a claim.
                covering.sort(key=lambda item: item[0] != "claim")
                status, label = covering[0] if covering else ("uncovered", "")
                rows.append([document["doc_id"], span, start, end, found, kind, status, label])
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS).astype({"start": "Int64", "end": "Int64"})


def coverage_summary(audit: pd.DataFrame) -> pd.DataFrame:
    """Counts of mentions per document and span, by status: a column for
    each status (zeros included), rows in the order the audit lists them."""
    summary = (audit.groupby(["doc_id", "span", "status"], sort=False).size()
               .unstack("status", fill_value=0)
               .reindex(columns=["claim", "excluded", "uncovered"], fill_value=0))
    summary.insert(0, "mentions", summary.sum(axis=1))
    return summary.reset_index()


def claim_counts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows per document in every quoted table (claims, corrections,
    exclusions): one row per document, one column per table."""
    documents = tables["documents"]["doc_id"]
    counts = {
        resource["name"]: tables[resource["name"]]["doc_id"].value_counts().reindex(documents, fill_value=0)
        for resource in read_datapackage()["resources"]
        if resource.get("x-quoteSource") and resource["name"] in tables
    }
    frame = pd.DataFrame(counts).astype("Int64")
    frame.index.name = "doc_id"
    return frame
