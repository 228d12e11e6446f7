"""Partial dates as intervals."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.evidence.dates import partial_date_bounds, with_date_bounds


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
