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


# --- corners found by mutation testing --------------------------------------------------------


def test_a_row_without_a_value_whose_number_cannot_be_read_is_told_to_fill_it() -> None:
    """"many 200.000" writes digits that do not read as a number: the message
    says a number is written (to fill value with), and shows no reading of it."""
    from helpers.evidence.estimates import estimate_problems

    row = pd.DataFrame([{"claim_id": "c", "number_text": "many 200.000", "qualifier_text": "many",
                         "qualifier_key": "many", "value": None, "low": None, "high": None}])
    problems = estimate_problems(row)
    assert [(r, c) for r, c, _ in problems] == [(1, "value")]
    message = problems[0][2]
    assert "'many 200.000' writes a number: fill value with it" in message
    assert "None" not in message and "reads as" not in message


def test_each_row_without_a_value_is_checked_whatever_comes_before_it() -> None:
    """A row without a value whose words lack its qualifier, or say another
    count, is one problem; the rows after it are still checked."""
    from helpers.evidence.estimates import estimate_problems

    rows = pd.DataFrame([
        {"number_text": "thousands", "qualifier_text": "many", "qualifier_key": "many"},
        {"number_text": "tens of thousands", "qualifier_text": "thousands", "qualifier_key": "thousands",
         "low": 2_000, "high": 9_999},
        {"number_text": "hundreds", "qualifier_text": "hundreds", "qualifier_key": "hundreds", "low": 1, "high": 2},
    ], columns=["claim_id", "number_text", "qualifier_text", "qualifier_key", "value", "low", "high"], dtype=object)
    problems = estimate_problems(rows)
    assert [(r, c) for r, c, _ in problems] == [(1, "number_text"), (2, "qualifier_key"), (3, "low")]
    assert "'thousands' must contain the qualifier words 'many'" in problems[0][2]
    assert "set qualifier_key to 'tens_of_thousands'" in problems[1][2]
    assert "gives (200, 999)" in problems[2][2]  # "hundreds", central reading


@pytest.mark.parametrize("text", ["over 200.000", "about thousands", "nearly 2-3"])
def test_a_qualifier_before_words_that_are_no_number_is_refused_with_how_to_write_one(text: str) -> None:
    """The qualifier reads, the rest does not: the refusal names the text
    and says how to write a number, as number_from_text's does."""
    with pytest.raises(ValueError) as refused:
        estimate_from_text(text)
    message = str(refused.value)
    assert repr(text.split(" ", 1)[1]) in message  # the words after the qualifier: those that do not read
    assert "write digits ('2,500', '2 500', '1.5 million') or number words" in message


def test_the_command_line_reads_its_arguments(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Without an argument list, main reads the phrases of the command line (after the program's name)."""
    import sys

    monkeypatch.setattr(sys, "argv", ["python -m helpers.evidence.estimates", "nearly 600"])
    assert main() == 0
    out = capsys.readouterr().out
    assert out.startswith("'nearly 600':\n") and "value          600\n" in out and "low            540\n" in out


def test_the_command_line_without_a_phrase_says_how_to_call_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 1
    printed = capsys.readouterr()
    assert printed.out == ""
    assert "python -m helpers.evidence.estimates \"as many as 200,000\"" in printed.err


def test_the_command_line_reads_every_phrase_and_leaves_empty_cells_empty(capsys: pytest.CaptureFixture[str]) -> None:
    """A phrase it cannot read makes the status 1 but does not stop the
    phrases after it; a cell the words leave empty is printed empty."""
    assert main(["perhaps 10", "thousands"]) == 1
    printed = capsys.readouterr()
    assert "'perhaps 10': " in printed.err and "'perhaps 10'" not in printed.out
    lines = printed.out.splitlines()
    assert lines[0] == "'thousands':"
    cells = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert cells == {"number_text": ["thousands"], "qualifier_text": ["thousands"], "qualifier_key": ["thousands"],
                     "value": [], "low": ["2000"], "high": ["9999"]}


@pytest.mark.parametrize(("text", "reason"), [("over 200.000", "'200.000' is ambiguous"),
                                              ("about 2-3 thousand", "a range")])
def test_a_number_that_does_not_read_is_named_after_its_qualifier(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        estimate_from_text(text)
