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
  ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` form (ASCII digits, a year in
  :data:`PLAUSIBLE_YEARS`), whose precision column says ``year``, ``month``
  or ``day`` accordingly; both empty or both filled;
- field ``"x-spanEndOf": "<date column>"``: the end of a span that starts at
  that (partial) date column: a real partial date, in the plausible years,
  whose last day is not before the start's first day;
- field ``"x-regex": true``: the cell is a regular expression that compiles
  and does not match the empty text (it would "find" itself everywhere);
- resource ``"x-interval": ["low", "high"]``: ``low <= high`` where both are
  set; more columns make a chain (``["low", "value", "high"]``: each filled
  value is at most the next filled one);
- resource ``"x-excerptFrom": {"column": ..., "path": ...}``: that column's text
  occurs verbatim in the file at ``path`` (relative to the data package), as
  scholarly excerpts must in ``reference/reference_facts.md``; ``path`` may be
  a list of such files (the compiled reference facts and the project's own
  research notes), and the excerpt must then occur in one of them, as a
  meaningful span like a quote (two words or more, on word boundaries).

An "as written" field (``x-substringOf``) must also begin and end on word
boundaries of its container: "Rák" is not how a quote writes "Rákosi".

What makes a quote (rule ``x-quoteSource``) a meaningful span of its document:
at least :data:`MIN_QUOTE_WORDS` words, no space at either end, and at least
one occurrence inside the row's span that begins and ends on a word boundary
(it does not cut a word of the document in two: "volution began" is refused).

:data:`RESOURCE_RULES` and :data:`FIELD_RULES` list every rule; the data
package may use no other ``x-`` property (a misspelled rule would otherwise
switch itself off silently).

Each rule raises a :class:`helpers.evidence.tables.TableError` naming file, row, column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pandas as pd

from helpers.evidence.errors import TableError
from helpers.evidence.hints import quote_hint

# Every project rule the data package may declare, with what it asks for.
RESOURCE_RULES: dict[str, str] = {
    "x-quoteSource": "a column whose text occurs verbatim in the row's document (\"quote\")",
    "x-claims": "true: every row is one claim of one document",
    "x-interval": "[low column, high column]: low <= high where both are set",
    "x-excerptFrom": "{\"column\": ..., \"path\": notes file or list}: the column's text occurs in a notes file",
    "x-concernsAClaim": "{\"exceptKinds\": [...]}: every correction's quote overlaps some claim's quote",
}
FIELD_RULES: dict[str, str] = {
    "x-substringOf": "a column of the same row that this field, when filled, must occur in",
    "x-partialDate": "the precision column (year, month or day) of this partial date",
    "x-spanEndOf": "the partial-date column where the span this field ends begins",
    "x-regex": "true: every cell is a regular expression",
}
PRECISIONS = ("year", "month", "day")

PRECISION_OF_LENGTH = {4: "year", 7: "month", 10: "day"}
PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
# The collection is about the twentieth century and its memory; a year
# outside this range is a typo ("0956", "9156"), not a date a document gives.
PLAUSIBLE_YEARS = range(1800, 2100)
MIN_QUOTE_WORDS = 2
# MIN_QUOTE_WORDS words: each word is tried once from its first letter, and
# the possessive quantifiers never backtrack (a long unbroken token costs
# its length, not its square); one search, where counting every word would
# build a list for each of hundreds of thousands of quotes.
ENOUGH_WORDS = re.compile(r"(?<!\w)\w++" + r"(?:\W++\w++)" * (MIN_QUOTE_WORDS - 1))


def parse_partial_date(text: str) -> str:
    """The precision of a partial ISO date (``year``, ``month`` or ``day``);
    raise ValueError if it is not a real date (``1956-02-30``, ``1956-13``),
    not written with ASCII digits as ``YYYY[-MM[-DD]]``, or its year lies
    outside :data:`PLAUSIBLE_YEARS`."""
    if not PARTIAL_DATE.fullmatch(text):
        raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    precision = PRECISION_OF_LENGTH[len(text)]
    if int(text[:4]) not in PLAUSIBLE_YEARS:
        raise ValueError(f"year {text[:4]} is outside {PLAUSIBLE_YEARS.start}-{PLAUSIBLE_YEARS.stop - 1}; "
                         "is it a typo?")
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
            raise TableError(label, row, field, f"impossible date {value!r} ({error}); write YYYY, YYYY-MM or "
                                                f"YYYY-MM-DD as far as the source is precise") from None
        if actual != precision:
            raise TableError(label, row, precision_field, f"{value!r} has precision {actual!r}, not {precision!r}: "
                                                          f"set {precision_field} to {actual!r}")


def check_substrings(label: str, frame: pd.DataFrame, field: str, container: str) -> None:
    """Rule ``x-substringOf`` (see the module docstring)."""
    for row, (part, whole) in _rows(frame, field, container):
        if not pd.isna(part) and not pd.isna(whole) and part in whole \
                and not on_whole_words(whole, part, occurrences(whole, part)):
            raise TableError(label, row, field, f"{part!r} cuts a word of the row's {container} in two: copy whole "
                                                "words")
        if not pd.isna(part) and (pd.isna(whole) or part not in whole):
            raise TableError(label, row, field, f"{part!r} does not occur in the row's {container}: copy it from "
                                                f"the {container}, same letters and case")


def check_interval(label: str, frame: pd.DataFrame, *columns: str) -> None:
    """Rule ``x-interval`` (see the module docstring): the filled values of
    ``columns`` never decrease along the row."""
    for row, values in _rows(frame, *columns):
        filled = [(column, value) for column, value in zip(columns, values) if not pd.isna(value)]
        for (low, lower), (high, upper) in zip(filled, filled[1:]):
            if lower > upper:
                raise TableError(label, row, low, f"{low} {lower} is greater than {high} {upper}: swap them or "
                                                  "correct one")


def date_range(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of a valid partial date."""
    import calendar

    year = int(text[:4])
    if len(text) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(text[5:7])
    if len(text) == 7:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date.fromisoformat(text)
    return day, day


def check_span_ends(label: str, frame: pd.DataFrame, field: str, start: str) -> None:
    """Rule ``x-spanEndOf`` (see the module docstring)."""
    for row, (end, begin) in _rows(frame, field, start):
        if pd.isna(end):
            continue
        try:
            parse_partial_date(end)
        except ValueError as error:
            raise TableError(label, row, field, f"impossible date {end!r} ({error}); write YYYY, YYYY-MM or "
                                                "YYYY-MM-DD") from None
        if pd.isna(begin):
            raise TableError(label, row, start, f"a span that ends ({field}) needs its start: fill {start}")
        if date_range(end)[1] < date_range(begin)[0]:
            raise TableError(label, row, field, f"the span ends ({end}) before it starts ({begin}): swap or correct "
                                                "them")


def check_regexes(label: str, frame: pd.DataFrame, field: str) -> None:
    """Rule ``x-regex`` (see the module docstring)."""
    for row, (pattern,) in _rows(frame, field):
        if pd.isna(pattern):
            continue
        try:
            compiled = re.compile(pattern)
        except re.error as error:
            raise TableError(label, row, field, f"not a valid regular expression ({error})") from None
        if compiled.search(""):
            raise TableError(label, row, field, f"{pattern!r} matches the empty text, so it would match "
                                                "everywhere: check its | and * ")


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
        if pd.isna(quote):
            raise TableError(label, row, column, "a quote is required: copy the document's words")
        check_quote_form(label, row, column, quote)
        text = texts[doc_id]
        if quote not in text:
            file_name = documents.loc[documents["doc_id"] == doc_id, "file_name"].iloc[0]
            others = {other: other_text for other, other_text in texts.items() if other != doc_id}
            raise TableError(label, row, column, f"not found verbatim in document {doc_id!r} (data/raw/{file_name}). "
                                                 + quote_hint(quote, text, others))
        inside = [at for at in occurrences(text, quote)
                  if span is None or (bounds[doc_id, span] is not None
                                      and bounds[doc_id, span][0] <= at and at + len(quote) <= bounds[doc_id, span][1])]
        if not inside:
            raise TableError(label, row, column, f"found in document {doc_id!r}, but not inside its {span} span: "
                                                 "check the row's span (body or comments) and the document's "
                                                 "offsets in documents.csv")
        if not on_whole_words(text, quote, inside):
            raise TableError(label, row, column, f"cuts a word of document {doc_id!r} in two: begin and end the "
                                                 "quote with whole words")


def check_quote_form(label: str, row: int, column: str, quote: str) -> None:
    """A quote is a meaningful span: :data:`MIN_QUOTE_WORDS` words or more,
    no space at either end (see the module docstring)."""
    if quote != quote.strip():
        raise TableError(label, row, column, "the quote begins or ends with a space: remove it")
    if not ENOUGH_WORDS.search(quote):
        raise TableError(label, row, column, f"a quote must hold at least {MIN_QUOTE_WORDS} words, so that it "
                                             f"anchors the claim in its context: {quote!r} is too short")


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` begin and end on word boundaries (no letter or
    digit of the same word just outside it)?"""
    return on_whole_words(text, text[start:end], (start,))


def on_whole_words(text: str, part: str, offsets: Iterable[int]) -> bool:
    """Does ``part``, found in ``text`` at ``offsets``, begin and end on word
    boundaries at one of them? (The loader asks this of every quote: the
    ends of ``part`` are looked at once, not once per occurrence.)"""
    # A part that begins (ends) with a letter or digit must not have one just before (after) it.
    first_in_word, last_in_word, length = part[:1].isalnum(), part[-1:].isalnum(), len(part)
    for start in offsets:
        end = start + length
        if first_in_word and start > 0 and text[start - 1].isalnum():
            continue
        if last_in_word and end < len(text) and text[end].isalnum():
            continue
        return True
    return False


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
        check_quote_form(label, row, column, excerpt)
        if any(excerpt in text for text in sources.values()) and not any(
                on_whole_words(text, excerpt, occurrences(text, excerpt)) for text in sources.values()):
            raise TableError(label, row, column, "cuts a word of the notes in two: begin and end the excerpt with "
                                                 "whole words")
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
        if "x-spanEndOf" in field:
            check_span_ends(label, frame, field["name"], field["x-spanEndOf"])
        if field.get("x-regex"):
            check_regexes(label, frame, field["name"])
    if "x-interval" in resource:
        check_interval(label, frame, *resource["x-interval"])
    if "x-excerptFrom" in resource:
        rule = resource["x-excerptFrom"]
        sources = {f"data/{path}": read_package_file(path) for path in excerpt_paths(rule)}
        check_excerpts(label, frame, rule["column"], sources)
