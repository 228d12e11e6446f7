"""The causes of the uprising: the grid, what documents leave out, what research adds.

Every rule is tested on small hand-made frames, not on today's data."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.lessons.causes import (
    CAUSE_NAMES,
    HOW_GIVEN,
    HOW_GIVEN_COLORS,
    HOW_GIVEN_SYMBOLS,
    HOW_GIVEN_WORDS,
    NOT_GIVEN,
    TERMS,
    best_grade,
    cause_grid,
    cause_name,
    cause_order,
    claim_rows,
    coverage_by_document,
    documents_only,
    grid_figure,
    grid_table,
    left_out,
    other_versions,
    own_voice,
    reference_rows,
    research_only,
    strongest_reading,
)


def claims(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """Claim rows (doc_id, cause, term, how_given) with the other columns filled in."""
    return pd.DataFrame([
        {"claim_id": f"cause-{d}-{i:02d}", "doc_id": d, "span": "body", "cause": c, "term": t, "domain": "political",
         "how_given": h, "quote": f"words {i}", "note": ""}
        for i, (d, c, t, h) in enumerate(rows, start=1)])


def research(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """Research rows (cause, term, grade)."""
    return pd.DataFrame([
        {"ref_id": f"cref-{i:02d}", "cause": c, "term": t, "domain": "political", "excerpt": f"excerpt {i}",
         "source_title": f"Source {i}", "source_url": f"https://example.org/{i}", "grade": g,
         "source_kind": "encyclopedia", "same_page_as": None, "note": ""}
        for i, (c, t, g) in enumerate(rows, start=1)])


def test_the_strongest_reading_wins_and_none_is_not_given() -> None:
    assert strongest_reading(["reported", "implied"]) == "implied"
    assert strongest_reading(["implied", "stated", "reported"]) == "stated"
    assert strongest_reading(["reported"]) == "reported"
    assert strongest_reading([]) == NOT_GIVEN


def test_a_reported_cause_is_not_the_documents_own() -> None:
    frame = claims(("a", "x", "long_term", "stated"), ("a", "y", "short_term", "reported"),
                   ("b", "y", "short_term", "implied"))
    assert own_voice(frame)["cause"].tolist() == ["x", "y"]
    assert own_voice(frame)["doc_id"].tolist() == ["a", "b"]


def test_the_grid_has_every_document_and_the_strongest_reading_per_cell() -> None:
    frame = claims(("a", "x", "long_term", "implied"), ("a", "x", "long_term", "stated"),
                   ("b", "y", "trigger", "reported"))
    grid = cause_grid(frame, ["a", "b", "c"])
    assert list(grid.columns) == ["a", "b", "c"]  # "c" gives no cause and still has its column
    assert grid.loc["x", "a"] == "stated"
    assert grid.loc["y", "b"] == "reported"
    assert grid.loc["x", "b"] == NOT_GIVEN and (grid["c"] == NOT_GIVEN).all()


def test_the_grid_ignores_documents_not_asked_for() -> None:
    frame = claims(("a", "x", "long_term", "stated"), ("z", "only_z", "trigger", "stated"))
    assert list(cause_grid(frame, ["a"]).index) == ["x"]


def test_causes_run_from_long_term_to_trigger_then_by_frequency() -> None:
    frame = claims(("a", "spark", "trigger", "stated"), ("a", "rare", "long_term", "stated"),
                   ("a", "common", "long_term", "stated"), ("b", "common", "long_term", "implied"),
                   ("a", "mid", "short_term", "stated"))
    assert cause_order(frame) == ["common", "rare", "mid", "spark"]
    # A cause one document calls long-term and another short-term sits with the long-term ones.
    mixed = claims(("a", "d", "short_term", "stated"), ("b", "d", "long_term", "stated"),
                   ("a", "e", "short_term", "stated"), ("b", "e", "short_term", "stated"), ("c", "e", "short_term", "stated"))
    assert cause_order(mixed) == ["d", "e"]
    assert cause_order(pd.DataFrame(columns=["cause", "term"])) == []


def test_coverage_counts_own_causes_and_missing_terms() -> None:
    frame = claims(("a", "x", "long_term", "stated"), ("a", "x", "long_term", "implied"),
                   ("a", "y", "trigger", "implied"), ("b", "z", "short_term", "reported"))
    coverage = coverage_by_document(frame, ["a", "b"]).set_index("doc_id")
    assert coverage.loc["a", "own"] == 2 and coverage.loc["a", "reported_only"] == 0
    assert coverage.loc["a", "terms_missing"] == ["Short-term"]
    assert coverage.loc["b", "own"] == 0 and coverage.loc["b", "reported_only"] == 1
    assert len(coverage.loc["b", "terms_missing"]) == len(TERMS)


def test_left_out_is_what_research_names_and_the_document_does_not_give_itself() -> None:
    frame = claims(("a", "x", "long_term", "stated"), ("b", "y", "short_term", "reported"))
    ref = research(("x", "long_term", "A"), ("y", "short_term", "B"), ("w", "trigger", "C"))
    gaps = left_out(frame, ref, ["a", "b"]).set_index("doc_id")
    assert gaps.loc["a", "left_out"] == ["y", "w"]
    assert gaps.loc["b", "left_out"] == ["x", "y", "w"]  # only reporting a cause is not giving it
    assert gaps.loc["b", "n_left_out"] == 3


def test_research_only_and_documents_only() -> None:
    frame = claims(("a", "x", "long_term", "stated"), ("a", "alleged", "short_term", "reported"),
                   ("b", "y", "short_term", "reported"))
    ref = research(("x", "long_term", "A"), ("y", "short_term", "B"))
    assert research_only(frame, ref) == ["y"]  # y is only reported by a document
    assert documents_only(frame, ref) == ["alleged"]


def test_reference_rows_put_the_best_grade_first_and_say_kind_and_grade() -> None:
    ref = research(("x", "long_term", "C"), ("x", "long_term", "A"), ("y", "trigger", "B"))
    rows = reference_rows(ref)
    assert rows["grade"].tolist() == ["A", "C", "B"]
    assert "grade A" in rows["source_shown"].iloc[0] and "encyclopedia" in rows["source_shown"].iloc[0]
    assert best_grade(ref, "x") == "A" and best_grade(ref, "nothing") is None


def test_other_versions_are_only_the_rows_marked_as_a_documents_page() -> None:
    ref = research(("x", "long_term", "C"), ("y", "trigger", "B"))
    ref.loc[0, "same_page_as"] = "a"
    assert other_versions(ref)["ref_id"].tolist() == ["cref-01"]


def test_claim_rows_are_in_document_order_then_by_term() -> None:
    frame = claims(("b", "x", "long_term", "stated"), ("a", "spark", "trigger", "stated"),
                   ("a", "x", "long_term", "implied"))
    rows = claim_rows(frame, ["a", "b"])
    assert rows["doc_id"].tolist() == ["a", "a", "b"]
    assert rows["term"].tolist() == ["long_term", "trigger", "long_term"]
    assert rows["how_name"].iloc[0] == "Implied by the story"


def test_names_of_causes() -> None:
    assert cause_name("nagy_removed") == CAUSE_NAMES["nagy_removed"]
    assert cause_name("brand_new_cause") == "Brand new cause"


def test_the_grid_chart_has_one_series_per_reading_and_a_mark_per_given_cell() -> None:
    frame = claims(("a", "x", "long_term", "stated"), ("b", "x", "long_term", "reported"),
                   ("b", "y", "trigger", "implied"))
    figure = grid_figure(cause_grid(frame, ["a", "b", "c"]))
    series = {trace.name: list(zip(trace.x, trace.y)) for trace in figure.data}
    assert set(series) == {HOW_GIVEN_WORDS[h] for h in ("stated", "implied", "reported")}
    assert series[HOW_GIVEN_WORDS["reported"]] == [("b", cause_name("x"))]
    assert sum(len(points) for points in series.values()) == 3  # nothing drawn for "not given"
    # Every document keeps its column, even one that gives no cause.
    assert len(figure.layout.xaxis.categoryarray) == 3


def test_a_reading_nobody_uses_draws_no_empty_series() -> None:
    figure = grid_figure(cause_grid(claims(("a", "x", "long_term", "stated")), ["a"]))
    assert [trace.name for trace in figure.data] == [HOW_GIVEN_WORDS["stated"]]


def test_the_grid_as_a_table_has_words_not_codes() -> None:
    grid = cause_grid(claims(("a", "x", "long_term", "stated"), ("b", "y", "trigger", "implied")), ["a", "b"])
    table = grid_table(grid)
    assert table.columns[0] == "Cause"
    assert table.iloc[0, 1] == HOW_GIVEN_WORDS["stated"] and table.iloc[1, 1] == ""


@pytest.mark.parametrize("table", [HOW_GIVEN_COLORS, HOW_GIVEN_SYMBOLS, HOW_GIVEN_WORDS])
def test_every_reading_is_drawn_and_named_its_own_way(table: dict[str, str]) -> None:
    assert set(table) == set(HOW_GIVEN) and len(set(table.values())) == len(HOW_GIVEN)
