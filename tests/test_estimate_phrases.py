"""Whole phrases of a count, as a contributor copies them from a document,
read into the cells of an estimates row (helpers.evidence.estimates.estimate_from_text)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.evidence.estimates import EstimateCells, estimate_from_text, main
from helpers.evidence.tables import load_table


@pytest.mark.parametrize(("text", "cells"), [
    ("nearly a quarter of a million", ("nearly", "nearly", 250_000, 225_000, 250_000)),
    ("some twenty-five thousand", ("some", "around", 25_000, 22_500, 27_500)),
    ("As many as 200,000", ("As many as", "up_to", 200_000, 150_000, 200_000)),
    ("tens of thousands", ("tens of thousands", "tens_of_thousands", None, 20_000, 99_999)),
    ("some", ("some", "some", None, None, None)),
    ("over 1 000", ("over", "over", 1_000, 1_000, None)),
    ("2,500", ("", "exact", 2_500, 2_500, 2_500)),
    ("a hundred", ("", "exact", 100, 100, 100)),
    ("an  estimated 200,000", ("an estimated", "estimated", 200_000, 160_000, 240_000)),
])
def test_a_phrase_gives_the_cells_of_its_row(text: str, cells: tuple) -> None:
    read = estimate_from_text(text)
    assert read.number_text == " ".join(text.split())
    assert (read.qualifier_text, read.qualifier_key, read.value, read.low, read.high) == cells


@pytest.mark.parametrize("text", ["perhaps 10", "over", "thousands of 20", ""])
def test_a_phrase_it_cannot_read_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        estimate_from_text(text)


def test_every_row_of_the_table_reads_back_from_its_number_text() -> None:
    """Where the words begin with the qualifier ("over 1 000", not "a large
    contingent"), the phrase alone gives the row's cells."""
    rows = load_table("estimates")
    read = 0
    for row in rows[rows["number_text"].notna()].itertuples(index=False):
        qualifier = "" if pd.isna(row.qualifier_text) else row.qualifier_text
        if not row.number_text.lower().startswith(qualifier.lower()):
            continue
        stored = EstimateCells(row.number_text, qualifier, row.qualifier_key,
                               *(None if pd.isna(x) else int(x) for x in (row.value, row.low, row.high)))
        assert estimate_from_text(row.number_text) == stored, row.claim_id
        read += 1
    assert read > 10


def test_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nearly a quarter of a million"]) == 0
    out = capsys.readouterr().out
    assert "qualifier_key  nearly" in out and "value          250000" in out and "low            225000" in out
    assert main(["perhaps 10"]) == 1 and "unknown word 'perhaps'" in capsys.readouterr().err
    assert main([]) == 1


@pytest.mark.parametrize(("number_text", "qualifier_text", "key", "low", "high", "column"), [
    ("tens of thousands", "thousands", "thousands", 2_000, 9_999, "qualifier_key"),  # the words say another count
    ("thousands", "many", "many", None, None, "number_text"),  # the qualifier is not among the words
    ("many 2,000", "many", "many", None, None, "value"),  # a number written, no value
])
def test_a_row_without_a_value_is_read_whole(number_text: str, qualifier_text: str, key: str, low: object,
                                              high: object, column: str) -> None:
    from helpers.evidence.estimates import estimate_problems

    row = pd.DataFrame([{"claim_id": "c", "number_text": number_text, "qualifier_text": qualifier_text,
                         "qualifier_key": key, "value": None, "low": low, "high": high}])
    assert [(r, c) for r, c, _ in estimate_problems(row)] == [(1, column)]
