"""The project rules of helpers.evidence.checks, on small hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.evidence.checks import (
    check_excerpts,
    check_interval,
    check_partial_dates,
    check_quotes,
    check_substrings,
    on_word_boundaries,
    parse_partial_date,
)
from helpers.evidence.errors import TableError

# A page: a title line (furniture), then the body, then a comment.
TEXT = "Soviet troops news\nSoviet troops entered Budapest.\nA reader: Soviet troops left.\n"
BODY = (TEXT.index("Soviet troops entered"), TEXT.index("\nA reader"))
COMMENTS = (TEXT.index("A reader"), len(TEXT) - 1)
DOCUMENTS = pd.DataFrame({"doc_id": ["page"], "file_name": ["page.txt"], "body_start": [BODY[0]],
                          "body_end": [BODY[1]], "comments_start": [COMMENTS[0]], "comments_end": [COMMENTS[1]]})


def _check(quote: str, span: str | None = "body", text: str = TEXT, documents: pd.DataFrame = DOCUMENTS) -> None:
    frame = pd.DataFrame({"doc_id": ["page"], "quote": [quote]})
    if span is not None:
        frame["span"] = [span]
    check_quotes("t.csv", frame, "quote", documents, lambda name: text)


def test_a_quote_found_later_inside_its_span_passes() -> None:
    # Its first occurrence is in the title (furniture); the second is in the body.
    _check("Soviet troops")


def test_a_quote_only_in_another_span_fails() -> None:
    with pytest.raises(TableError, match="not inside its body span"):
        _check("Soviet troops left")


def test_a_quote_ending_exactly_at_the_span_end_passes_and_one_past_fails() -> None:
    _check("entered Budapest.")
    ends_after = DOCUMENTS.assign(body_end=BODY[1] - 1)
    with pytest.raises(TableError, match="not inside"):
        _check("entered Budapest.", documents=ends_after)


def test_a_quote_starting_exactly_at_the_span_start_passes_and_one_before_fails() -> None:
    _check("Soviet troops entered")
    starts_after = DOCUMENTS.assign(body_start=BODY[0] + 1)
    with pytest.raises(TableError, match="not inside"):
        _check("Soviet troops entered", documents=starts_after)


def test_a_quote_in_a_table_without_spans_may_be_anywhere() -> None:
    _check("troops news", span=None)


def test_a_document_without_that_span_refuses_the_quote() -> None:
    with pytest.raises(TableError, match="not inside its comments span"):
        _check("Soviet troops left", documents=DOCUMENTS.assign(comments_start=[None], comments_end=[None]),
               span="comments")


@pytest.mark.parametrize("quote", ["oviet troops entered", "Soviet troops entere", "troops enter"])
def test_a_quote_that_cuts_a_word_fails(quote: str) -> None:
    with pytest.raises(TableError, match="cuts a word"):
        _check(quote)


def test_a_cut_occurrence_does_not_hide_a_whole_one() -> None:
    text = "Body: the Sovietization and the Soviet troops.\n"
    documents = DOCUMENTS.assign(body_start=0, body_end=len(text) - 1, comments_start=[None], comments_end=[None])
    _check("Soviet troops", text=text, documents=documents)


@pytest.mark.parametrize("quote, rule", [("troops", "at least 2 words"), ("Soviet troops ", "space"),
                                         (" Soviet troops", "space"), ("Budapest.", "at least 2 words")])
def test_a_quote_that_anchors_nothing_fails(quote: str, rule: str) -> None:
    with pytest.raises(TableError, match=rule):
        _check(quote)


def test_an_error_names_the_row_and_column() -> None:
    frame = pd.DataFrame({"doc_id": ["page", "page"], "quote": ["Soviet troops entered", "Soviet tanks"],
                          "span": ["body", "body"]})
    with pytest.raises(TableError) as caught:
        check_quotes("t.csv", frame, "quote", DOCUMENTS, lambda name: TEXT)
    assert (caught.value.file, caught.value.row, caught.value.column) == ("t.csv", 2, "quote")


@pytest.mark.parametrize("start, end, expected", [
    (0, 6, True), (1, 6, False), (0, 5, False), (7, 13, True), (6, 13, True), (7, 14, True), (8, 13, False),
])
def test_word_boundaries(start: int, end: int, expected: bool) -> None:
    assert on_word_boundaries("Soviet troops.", start, end) is expected


def test_the_as_written_check_is_case_sensitive() -> None:
    frame = pd.DataFrame({"office_as_written": ["Prime Minister", "prime minister"],
                          "quote": ["Nagy became prime minister", "Nagy became prime minister"]})
    with pytest.raises(TableError) as caught:
        check_substrings("t.csv", frame, "office_as_written", "quote")
    assert (caught.value.row, caught.value.column) == (1, "office_as_written")


def test_an_empty_as_written_field_passes() -> None:
    check_substrings("t.csv", pd.DataFrame({"a": [None], "quote": ["x y"]}), "a", "quote")


@pytest.mark.parametrize("text, precision", [("1956", "year"), ("1956-10", "month"), ("1956-10-23", "day"),
                                             ("1800", "year"), ("2099-12-31", "day")])
def test_partial_dates(text: str, precision: str) -> None:
    assert parse_partial_date(text) == precision


@pytest.mark.parametrize("text", ["0956", "1799", "2100", "1956-13", "1956-02-30", "1956-W43-2", "195", "1956-10-2",
                                  "\uff11\uff19\uff15\uff16", "19561023"])
def test_impossible_partial_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_a_date_and_its_precision_go_together() -> None:
    frame = pd.DataFrame({"date": ["1956-10", None, "1956"], "date_precision": ["month", None, "day"]})
    with pytest.raises(TableError) as caught:
        check_partial_dates("t.csv", frame, "date", "date_precision")
    assert (caught.value.row, caught.value.column) == (3, "date_precision")
    with pytest.raises(TableError) as caught:
        check_partial_dates("t.csv", pd.DataFrame({"date": [None], "date_precision": ["year"]}), "date", "date_precision")
    assert caught.value.column == "date"


def test_an_interval_may_be_a_point_but_not_reversed() -> None:
    check_interval("t.csv", pd.DataFrame({"low": [5, None, 3], "high": [5, 2, None]}), "low", "high")
    with pytest.raises(TableError) as caught:
        check_interval("t.csv", pd.DataFrame({"low": [1, 6], "high": [2, 5]}), "low", "high")
    assert (caught.value.row, caught.value.column) == (2, "low")


def test_an_excerpt_may_come_from_any_notes_file() -> None:
    sources = {"a.md": "First notes here.", "b.md": "Second notes here."}
    check_excerpts("t.csv", pd.DataFrame({"excerpt": ["Second notes", "First notes"]}), "excerpt", sources)
    with pytest.raises(TableError) as caught:
        check_excerpts("t.csv", pd.DataFrame({"excerpt": ["First notes", "Third notes"]}), "excerpt", sources)
    assert (caught.value.row, caught.value.column) == (2, "excerpt") and "a.md or b.md" in str(caught.value)
