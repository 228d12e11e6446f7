"""Partial dates as intervals."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.evidence.dates import partial_date_bounds, span_bounds, span_verdict, spans_agree, with_date_bounds


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("1953", dt.date(1953, 1, 1), dt.date(1953, 12, 31)),
        ("1956-02", dt.date(1956, 2, 1), dt.date(1956, 2, 29)),  # 1956 was a leap year
        ("1956-11", dt.date(1956, 11, 1), dt.date(1956, 11, 30)),
        ("1956-10-23", dt.date(1956, 10, 23), dt.date(1956, 10, 23)),
    ],
)
def test_bounds(text: str, first: dt.date, last: dt.date) -> None:
    assert partial_date_bounds(text) == (first, last)


@pytest.mark.parametrize("text", ["1956-02-30", "1956-13", "56", "1956/10/23"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        partial_date_bounds(text)


def test_frame_bounds_keep_gaps() -> None:
    frame = pd.DataFrame({"date": pd.Series(["1956-10", None], dtype="str")})
    out = with_date_bounds(frame)
    assert out.loc[0, "date_first"] == pd.Timestamp("1956-10-01")
    assert out.loc[0, "date_last"] == pd.Timestamp("1956-10-31")
    assert pd.isna(out.loc[1, "date_first"]) and "date_first" not in frame


@pytest.mark.parametrize(
    "dates, agree",
    [
        ([], True),  # "No dates, or one, always agree."
        (["1956-11-04"], True),
        (["1956-10", "1956-10-23"], True),
        (["1956-10-31", "1956-10"], True),  # the last day of the month fits both
        (["1956-11-01", "1956-11-04"], False),
    ],
)
def test_spans_agree_when_one_day_fits_them_all(dates: list[str], agree: bool) -> None:
    assert spans_agree(dates) is agree


def test_a_span_may_start_and_end_on_the_same_day() -> None:
    """Only a span that ends *before* it starts is refused."""
    day = pd.Timestamp("1956-10-23")
    assert span_bounds("1956-10-23", "1956-10-23") == (day, day)
    with pytest.raises(ValueError, match="ends before it starts"):
        span_bounds("1956-10-23", "1956-10-22")


def test_a_span_shares_its_first_and_last_day_with_a_dating() -> None:
    """A source's span agrees with any dating that shares a day with it, its
    two ends included; a day just outside is a conflict."""
    span = ("1956-11-04", "1957-04-05")
    assert span_verdict("1956-11-04", *span) == "compatible"
    assert span_verdict("1957-04-05", *span) == "compatible"
    assert span_verdict("1956-11-03", *span) == "conflict"
    assert span_verdict("1957-04-06", *span) == "conflict"
