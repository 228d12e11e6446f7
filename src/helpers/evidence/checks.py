"""Project rules that Table Schema cannot express, declared in the data package.

Custom properties in ``data/datapackage.json`` switch them on, so the schema
stays the one place that says what a table must satisfy:

- resource ``"x-quoteSource": "<column>"``: that column's text occurs verbatim
  in the row's document (``doc_id``), inside the row's ``span`` when the
  table has one (at least one occurrence must lie inside the span);
- field ``"x-substringOf": "<column>"``: the field, when filled, is a
  substring of that column of the same row (an "as written" field must be
  found in its quote);
- field ``"x-partialDate": "<precision column>"``: a real calendar date in
  ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` form, whose precision column says
  ``year``, ``month`` or ``day`` accordingly; both empty or both filled;
- resource ``"x-interval": ["low", "high"]``: ``low <= high`` where both are set;
- resource ``"x-excerptFrom": {"column": ..., "path": ...}``: that column's text
  occurs verbatim in the file at ``path`` (relative to the data package), as
  scholarly excerpts must in ``reference/reference_facts.md``; ``path`` may be
  a list of such files (the compiled reference facts and the project's own
  research notes), and the excerpt must then occur in one of them.

Each rule raises a :class:`helpers.evidence.tables.TableError` naming file, row, column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd

from helpers.evidence.errors import TableError

PRECISION_OF_LENGTH = {4: "year", 7: "month", 10: "day"}


def parse_partial_date(text: str) -> str:
    """The precision of a partial ISO date (``year``, ``month`` or ``day``);
    raise ValueError if it is not a real date (``1956-02-30``, ``1956-13``)."""
    precision = PRECISION_OF_LENGTH.get(len(text))
    if precision is None:
        raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    padded = {"year": f"{text}-01-01", "month": f"{text}-01", "day": text}[precision]
    dt.date.fromisoformat(padded)  # raises ValueError for an impossible date
    return precision


def _rows(frame: pd.DataFrame, *columns: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(1-based row number, values) for the given columns."""
    for position, values in enumerate(frame[list(columns)].itertuples(index=False, name=None), start=1):
        yield position, values


def check_partial_dates(label: str, frame: pd.DataFrame, field: str, precision_field: str) -> None:
    """Rule ``x-partialDate`` (see the module docstring)."""
    for row, (value, precision) in _rows(frame, field, precision_field):
        if pd.isna(value) and pd.isna(precision):
            continue
        if pd.isna(value) or pd.isna(precision):
            missing = field if pd.isna(value) else precision_field
            raise TableError(label, row, missing, f"{field} and {precision_field} must be both filled or both empty")
        try:
            actual = parse_partial_date(value)
        except ValueError as error:
            raise TableError(label, row, field, f"impossible date {value!r} ({error})") from None
        if actual != precision:
            raise TableError(label, row, precision_field, f"{value!r} has precision {actual!r}, not {precision!r}")


def check_substrings(label: str, frame: pd.DataFrame, field: str, container: str) -> None:
    """Rule ``x-substringOf`` (see the module docstring)."""
    for row, (part, whole) in _rows(frame, field, container):
        if not pd.isna(part) and (pd.isna(whole) or part not in whole):
            raise TableError(label, row, field, f"{part!r} does not occur in the row's {container}")


def check_interval(label: str, frame: pd.DataFrame, low: str, high: str) -> None:
    """Rule ``x-interval`` (see the module docstring)."""
    for row, (lower, upper) in _rows(frame, low, high):
        if not pd.isna(lower) and not pd.isna(upper) and lower > upper:
            raise TableError(label, row, low, f"{low} {lower} is greater than {high} {upper}")


def check_quotes(label: str, frame: pd.DataFrame, column: str, documents: pd.DataFrame,
                 text_of: Callable[[str], str]) -> None:
    """Rule ``x-quoteSource``: ``text_of(file_name)`` gives a document's text."""
    # Each document's text and span bounds, looked up once (not once per row).
    texts: dict[str, str] = {}
    bounds: dict[tuple[str, str], tuple[int, int] | None] = {}
    for document in documents.itertuples(index=False):
        texts[document.doc_id] = text_of(document.file_name)
        for span in ("body", "comments"):
            start, end = getattr(document, f"{span}_start"), getattr(document, f"{span}_end")
            bounds[document.doc_id, span] = None if pd.isna(start) or pd.isna(end) else (int(start), int(end))
    spans = frame["span"] if "span" in frame.columns else [None] * len(frame)
    for row, (doc_id, quote, span) in enumerate(zip(frame["doc_id"], frame[column], spans), start=1):
        text = texts[doc_id]
        if quote not in text:
            file_name = documents.loc[documents["doc_id"] == doc_id, "file_name"].iloc[0]
            raise TableError(label, row, column, f"not found verbatim in document {doc_id!r} ({file_name})")
        if span is not None:
            found = bounds[doc_id, span]
            if found is None or not any(found[0] <= at and at + len(quote) <= found[1] for at in occurrences(text, quote)):
                raise TableError(label, row, column, f"found in document {doc_id!r}, but not inside its {span} span")


def occurrences(text: str, part: str) -> Iterator[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``part``."""
    at = text.find(part)
    while at != -1:
        yield at
        at = text.find(part, at + 1)


def excerpt_paths(rule: dict[str, Any]) -> list[str]:
    """The notes files an ``x-excerptFrom`` rule names (one path or a list)."""
    paths = rule["path"]
    return [paths] if isinstance(paths, str) else list(paths)


def check_excerpts(label: str, frame: pd.DataFrame, column: str, sources: dict[str, str]) -> None:
    """Rule ``x-excerptFrom`` (see the module docstring): ``sources`` maps
    each notes file's label to its text."""
    for row, (excerpt,) in _rows(frame, column):
        if not any(excerpt in text for text in sources.values()):
            where = " or ".join(sources)
            raise TableError(label, row, column, f"not found verbatim in {where}; copy the excerpt exactly "
                                                 "from the notes (or add it there with its source address)")


def check_project_rules(resource: dict[str, Any], frame: pd.DataFrame, tables: dict[str, pd.DataFrame],
                        text_of: Callable[[str], str], read_package_file: Callable[[str], str]) -> None:
    """Apply every rule the resource declares. ``text_of(file_name)`` gives a
    raw document's text, ``read_package_file(path)`` any file of the package."""
    label = f"data/{resource['path']}"
    # The quote first: it is the anchor every other "as written" field hangs on.
    if "x-quoteSource" in resource:
        check_quotes(label, frame, resource["x-quoteSource"], tables["documents"], text_of)
    for field in resource["schema"]["fields"]:
        if "x-substringOf" in field:
            check_substrings(label, frame, field["name"], field["x-substringOf"])
        if "x-partialDate" in field:
            check_partial_dates(label, frame, field["name"], field["x-partialDate"])
    if "x-interval" in resource:
        check_interval(label, frame, *resource["x-interval"])
    if "x-excerptFrom" in resource:
        rule = resource["x-excerptFrom"]
        sources = {f"data/{path}": read_package_file(path) for path in excerpt_paths(rule)}
        check_excerpts(label, frame, rule["column"], sources)
