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
    author_columns,
    best_grade,
    cause_grid,
    cause_name,
    cause_order,
    causes_with_several_terms,
    chart_label_width,
    claim_rows,
    coverage_by_document,
    documents_only,
    grid_figure,
    grid_table,
    left_out,
    other_versions,
    own_voice,
    reference_rows,
    research_evidence,
    research_only,
    strongest_reading,
    voice_name,
    wrap_label,
)


def claims(*rows: tuple[str, ...]) -> pd.DataFrame:
    """Claim rows (doc_id, cause, term, how_given[, span]) with the other columns filled in (span "body")."""
    return pd.DataFrame([
        {"claim_id": f"cause-{row[0]}-{i:02d}", "doc_id": row[0], "span": row[4] if len(row) > 4 else "body",
         "cause": row[1], "term": row[2], "domain": "political", "how_given": row[3], "quote": f"words {i}", "note": ""}
        for i, row in enumerate(rows, start=1)])


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


def test_a_reader_comment_is_never_the_authors_own_voice() -> None:
    frame = claims(("a", "x", "long_term", "stated", "comments"), ("a", "y", "long_term", "implied"))
    assert own_voice(frame)["cause"].tolist() == ["y"]
    coverage = coverage_by_document(frame, ["a"]).set_index("doc_id")
    assert coverage.loc["a", "own"] == 1 and coverage.loc["a", "from_comments"] == 1
    assert coverage.loc["a", "reported_only"] == 0  # a comment's cause is not "only reported" by the author
    ref = research(("x", "short_term", "A"))
    assert left_out(frame, ref, ["a"]).set_index("doc_id").loc["a", "left_out"] == ["x"]
    assert research_only(frame, ref) == ["x"]


def test_the_grid_gives_reader_comments_their_own_column_after_their_document() -> None:
    frame = claims(("a", "x", "long_term", "stated", "comments"), ("a", "y", "long_term", "implied"),
                   ("b", "y", "long_term", "stated"))
    grid = cause_grid(frame, ["a", "b"])
    assert list(grid.columns) == ["a", "a|comments", "b"]
    assert author_columns(grid) == ["a", "b"]
    assert grid.loc["x", "a"] == NOT_GIVEN and grid.loc["x", "a|comments"] == "stated"
    assert voice_name("a|comments").startswith("Readers' comments on the ")


def test_column_labels_are_wrapped_to_fit_side_by_side() -> None:
    for n in (1, 3, 6, 12):
        width = chart_label_width(n, plot_px=760, char_px=8)
        assert width >= 8
        if n <= 6:
            assert n * (width + 2) * 8 <= 760  # the labels and their gaps fit the plot
    label = wrap_label("Simple-English encyclopedia article with a long name", 14)
    assert all(len(line) <= 14 for line in label.split("<br>"))
    assert wrap_label("Encyclopedias", 5) == "Encyclopedias"  # a long word keeps its line, never cut


def test_a_cause_placed_in_different_terms_is_marked_by_the_documents_date() -> None:
    frame = claims(("a", "d", "long_term", "stated"), ("b", "d", "short_term", "stated"),
                   ("a", "e", "long_term", "stated"))
    assert causes_with_several_terms(frame) == {"d"}
    rows = claim_rows(frame, ["a", "b"]).set_index(["doc_id", "cause"])
    assert "by this document's date" in rows.loc[("b", "d"), "term_name"]
    assert rows.loc[("a", "e"), "term_name"] == "Long-term"


def test_another_version_of_a_documents_page_is_never_research_evidence() -> None:
    ref = research(("x", "long_term", "A"), ("y", "long_term", "C"))
    ref.loc[0, "same_page_as"] = "a"
    assert research_evidence(ref)["ref_id"].tolist() == ["cref-02"]
    ref.loc[1, "same_page_as"] = ""  # an empty cell (as the CSV loader may give it) is not a page
    assert research_evidence(ref)["ref_id"].tolist() == ["cref-02"]


def test_the_nagy_1955_label_does_not_repeat_the_corrected_error() -> None:
    # Rákosi did not come back as leader in 1955 (he had stayed party leader): the label must not say so.
    assert "Rákosi" not in cause_name("nagy_removed")
