"""Partial dates (``1956``, ``1956-10``, ``1956-10-23``) as intervals of days.

A document that says "in 1953" claims a date somewhere in that year; charts
draw such a date as the whole span it allows, never as 1 January. One
comparison of datings for every lesson: :func:`date_verdict` for partial
dates, :func:`span_verdict` when a source gives a span ("19–21 October").
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Literal

import pandas as pd

from helpers.evidence.checks import parse_partial_date

# The years the unit is about, from the end of the war to Nagy's execution: the
# chronology, the lessons' charts and the dated claims of the tables keep to them
# (``make check`` names a dated claim outside them).
PERIOD: tuple[int, int] = (1945, 1958)


def partial_date_bounds(date: str) -> tuple[dt.date, dt.date]:
    """First and last day a partial ISO date allows (inclusive)."""
    precision = parse_partial_date(date)
    year = int(date[:4])
    if precision == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(date[5:7])
    if precision == "month":
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date.fromisoformat(date)
    return day, day


def with_date_bounds(frame: pd.DataFrame, column: str = "date") -> pd.DataFrame:
    """A copy of ``frame`` with ``date_first`` and ``date_last`` columns
    (``datetime64``; missing where the date is missing)."""
    firsts, lasts = [], []
    for value in frame[column]:
        if pd.isna(value):
            firsts.append(pd.NaT)
            lasts.append(pd.NaT)
        else:
            first, last = partial_date_bounds(value)
            firsts.append(pd.Timestamp(first))
            lasts.append(pd.Timestamp(last))
    out = frame.copy()
    out["date_first"] = pd.to_datetime(pd.Series(firsts, index=frame.index, dtype="datetime64[us]"))
    out["date_last"] = pd.to_datetime(pd.Series(lasts, index=frame.index, dtype="datetime64[us]"))
    return out


# The one meaning of "the documents disagree about a date", used by every
# lesson: two datings conflict only when no single day fits both spans.
DateVerdict = Literal["same", "compatible", "conflict"]
# The verdicts in words, the same on every page.
DATE_VERDICT_WORDS: dict[str, str] = {
    "same": "written the same",
    "compatible": "compatible, only less precise",
    "conflict": "in conflict: no single day fits them all",
}


def spans_agree(dates: Iterable[str]) -> bool:
    """Whether partial dates (none missing) can all be the same day: some
    day lies inside every span they allow ("1956-10" and "1956-10-23" agree;
    "1956-11-01" and "1956-11-04" do not). No dates, or one, always agree."""
    bounds = [partial_date_bounds(date) for date in dates]
    if not bounds:
        return True
    return max(first for first, _ in bounds) <= min(last for _, last in bounds)


def date_verdict(dates: Iterable[str]) -> DateVerdict:
    """How partial dates of the same thing compare:

    - ``"same"``: they are written the same (``1958-06-16`` twice);
    - ``"compatible"``: written differently, but one day fits every span
      (``1958`` and ``1958-06-16``; ``1955`` and ``1955-04``): different
      precision, not a disagreement;
    - ``"conflict"``: no day fits them all (``1956-06`` and ``1956-07-18``).
    """
    dates = list(dates)
    if len(set(dates)) <= 1:
        return "same"
    return "compatible" if spans_agree(dates) else "conflict"


def span_bounds(date: str, date_end: object = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a dating: a partial date, or a span from
    ``date`` to ``date_end`` (inclusive; both partial dates). Raises
    ValueError if the span ends before it starts."""
    first, last = partial_date_bounds(date)
    if isinstance(date_end, str) and date_end:
        end_first, last = partial_date_bounds(date_end)
        if end_first < first:
            raise ValueError(f"span {date!r} to {date_end!r} ends before it starts")
    return pd.Timestamp(first), pd.Timestamp(last)


def span_verdict(claim_date: str, source_date: str, source_date_end: object = None) -> str:
    """How a dating compares with one source's: ``same``,
    ``compatible`` or ``conflict``. A single date is compared by
    :func:`helpers.evidence.dates.date_verdict`; a source's span agrees with
    any dating that shares a day with it (never "same": a span is not a day)."""
    if not (isinstance(source_date_end, str) and source_date_end):
        return date_verdict([claim_date, source_date])
    claim_first, claim_last = span_bounds(claim_date)
    first, last = span_bounds(source_date, source_date_end)
    return "compatible" if claim_first <= last and first <= claim_last else "conflict"
