"""The one convention that turns an estimate's words into an interval."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.evidence.estimates import QUALIFIER_KEYS, READINGS, interval_from_qualifier
from helpers.evidence.tables import load_table, read_datapackage


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("exact", 13_000, (13_000, 13_000)),
        ("around", 3_000, (2_700, 3_300)),
        ("estimated", 200_000, (160_000, 240_000)),
        ("nearly", 1_000, (900, 1_000)),
        ("over", 2_000, (2_000, None)),
        ("hundreds", None, (200, 999)),
        ("thousands", None, (2_000, 9_999)),
        ("tens_of_thousands", None, (20_000, 99_999)),
        ("many", None, (None, None)),
        ("most_of", None, (None, None)),
    ],
)
def test_central_reading(key: str, value: int | None, expected: tuple) -> None:
    assert interval_from_qualifier(key, value) == expected


def test_readings_nest_narrow_inside_central_inside_wide() -> None:
    for key in QUALIFIER_KEYS:
        value = None if key in ("hundreds", "thousands", "tens_of_thousands", "many", "most_of") else 1_000
        narrow, central, wide = (interval_from_qualifier(key, value, r) for r in READINGS)
        if central == (None, None):
            continue
        assert wide[0] <= central[0] <= narrow[0], key
        top = [float("inf") if b is None else b for b in (narrow[1], central[1], wide[1])]
        assert top[0] <= top[1] <= top[2], key


def test_the_wide_reading_of_a_round_word_runs_on_as_everyday_english_does() -> None:
    """"thousands were imprisoned" of some 26,000: the central reading stops at 9,999, the wide one does not."""
    assert interval_from_qualifier("thousands", None, "central") == (2_000, 9_999)
    low, high = interval_from_qualifier("thousands", None, "wide")
    assert low <= 26_000 <= high
    assert interval_from_qualifier("hundreds", None, "wide") == (100, 9_999)
    assert interval_from_qualifier("tens_of_thousands", None, "wide") == (10_000, 999_999)


@pytest.mark.parametrize(
    "key, value, named",
    [("around", None, "'around'"), ("thousands", 5, "'thousands'"), ("vaguely", 3, "'vaguely'"), ("exact", -1, "-1")],
)
def test_words_that_do_not_fit_are_refused(key: str, value: int | None, named: str) -> None:
    """Refused with a message that names the word or number at fault."""
    with pytest.raises(ValueError, match=re.escape(named)):
        interval_from_qualifier(key, value)


@pytest.mark.parametrize("key, expected", [("exact", (0, 0)), ("around", (0, 0)), ("nearly", (0, 0)), ("over", (0, None))])
def test_zero_is_a_count(key: str, expected: tuple) -> None:
    """Only a negative count is refused: "over 0" is a number a document can write."""
    assert interval_from_qualifier(key, 0) == expected


def test_unknown_reading_is_refused() -> None:
    with pytest.raises(ValueError, match="reading"):
        interval_from_qualifier("around", 10, "generous")  # type: ignore[arg-type]


def test_schema_and_convention_know_the_same_qualifiers() -> None:
    resource = next(r for r in read_datapackage()["resources"] if r["name"] == "estimates")
    field = next(f for f in resource["schema"]["fields"] if f["name"] == "qualifier_key")
    assert set(field["constraints"]["enum"]) == set(QUALIFIER_KEYS)


def test_every_stored_interval_follows_the_convention() -> None:
    estimates = load_table("estimates")
    for row in estimates.itertuples(index=False):
        value = None if pd.isna(row.value) else int(row.value)
        low, high = interval_from_qualifier(row.qualifier_key, value)
        stored = tuple(None if pd.isna(x) else int(x) for x in (row.low, row.high))
        assert stored == (low, high), row.claim_id


def test_the_yardstick_words_follow_the_same_convention() -> None:
    """The figures from outside the documents ("nearly 3,000", "some 200,000",
    "2,500 (est.)") are read by the same rule as the documents' words; a
    range applies it to each end."""
    reference = load_table("scholarly_estimates")
    assert set(reference["qualifier_key"]) <= set(QUALIFIER_KEYS)
    for row in reference.itertuples(index=False):
        low, high = interval_from_qualifier(row.qualifier_key, int(row.value))
        if not pd.isna(row.value_to):
            high = interval_from_qualifier(row.qualifier_key, int(row.value_to))[1]
        stored = tuple(None if pd.isna(x) else int(x) for x in (row.low, row.high))
        assert stored == (low, high), row.ref_id
