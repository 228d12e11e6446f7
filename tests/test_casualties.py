"""Casualty and refugee estimates: the reference table and the interval logic."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import edit_cell

from helpers.casualties import (
    RESEARCH,
    agreement_table,
    axis_edge,
    chart_rows,
    conflicts,
    convention_table,
    document_intervals,
    document_profile,
    estimates_vocabulary,
    facet_titles,
    format_interval,
    intersection,
    interval_figure,
    load_scholarly_estimates,
    overlaps,
    part_whole_compatible,
    reference_interval,
    research_agreement,
    same_figure_other_scope,
    sensitivity_table,
    shared_figures,
    sources_table,
    stored_interval_mismatches,
    unquantified_claims,
    uses_log_scale,
)
from helpers.errors import TableError
from helpers.estimates import interval_from_qualifier
from helpers.paths import DATA_DIR
from helpers.tables import load_table, read_datapackage, resource_descriptor

# ---------------------------------------------------------------- fixtures


def estimate(claim_id: str, doc_id: str, measure: str, key: str, value: int | None = None, *,
             counted: str = "hungarians", place: str = "hungary", words: str = "some words",
             quote: str | None = None) -> dict:
    """One synthetic estimates row with its central interval."""
    low, high = interval_from_qualifier(key, value)
    return {"claim_id": claim_id, "doc_id": doc_id, "span": "body", "measure": measure, "counted": counted,
            "place": place, "number_text": words, "qualifier_text": None, "qualifier_key": key, "value": value,
            "low": low, "high": high, "quote": quote or f"quote of {claim_id}", "note": None}


def frame(*rows: dict) -> pd.DataFrame:
    out = pd.DataFrame(list(rows))
    for column in ("value", "low", "high"):
        out[column] = pd.array(out[column].tolist(), dtype="Int64")
    return out


def reference_frame(*rows: dict) -> pd.DataFrame:
    base = {"counted": "hungarians", "place": "hungary", "value": None, "low": None, "high": None,
            "excerpt": "x", "source_title": "t", "source_url": "https://example.org", "grade": "A", "note": None}
    out = pd.DataFrame([{**base, **row} for row in rows])
    for column in ("value", "low", "high"):
        out[column] = pd.array(out[column].tolist(), dtype="Int64")
    return out


# ---------------------------------------------------------------- the reference table


def test_reference_table_loads_with_explicit_dtypes() -> None:
    reference = load_scholarly_estimates()
    fields = resource_descriptor("scholarly_estimates", read_datapackage())["schema"]["fields"]
    assert list(reference.columns) == [field["name"] for field in fields]
    for field in fields:
        expected = "Int64" if field["type"] == "integer" else "str"
        assert reference[field["name"]].dtype == pd.api.types.pandas_dtype(expected), field["name"]
    assert reference["ref_id"].is_unique


def test_every_reference_row_is_cited_graded_a_or_b_and_ordered() -> None:
    reference = load_scholarly_estimates()
    assert reference["source_url"].map(lambda url: re.fullmatch(r"https?://\S+", url) is not None).all()
    assert set(reference["grade"]) <= {"A", "B"}
    both = reference["low"].notna() & reference["high"].notna()
    assert (reference.loc[both, "low"] <= reference.loc[both, "high"]).all()
    assert (reference["value"].isna() | (reference["value"] >= 0)).all()
    facts = (DATA_DIR / "reference" / "reference_facts.md").read_text(encoding="utf-8")
    assert all(excerpt in facts for excerpt in reference["excerpt"])
    assert all(figure in excerpt for figure, excerpt in zip(reference["figure_as_published"], reference["excerpt"]))


def test_reference_uses_the_vocabulary_of_the_estimates() -> None:
    reference = load_scholarly_estimates()
    assert set(reference["measure"]) <= set(estimates_vocabulary("measure"))
    assert set(reference["place"]) <= set(estimates_vocabulary("place"))


@pytest.mark.parametrize(
    "row, column, value, error_column, message",
    [
        (1, "low", "3500", "low", "greater than high"),
        (2, "value", "-2500", "value", "minimum"),
        (2, "value", "2,500", "value", "Type Error"),
        (3, "source_url", "", "source_url", "required"),
        (3, "source_url", "www.example.org/page", "source_url", "pattern"),
        (4, "measure", "killed", "measure", "enum"),
        (4, "grade", "D", "grade", "enum"),
        (5, "excerpt", "seven hundred killed", "figure_as_published", "does not occur in the row's excerpt"),
        (6, "excerpt", "31,550 troops were there", "excerpt", "not found verbatim"),
        (2, "high", "3000", "low", "high is set but low is empty"),
        (3, "value", "", "value", "neither value nor low"),
        (7, "ref_id", "sref-01", "ref_id", "duplicate key: the same as row 1"),
    ],
)
def test_bad_reference_rows_name_file_row_and_column(data_copy: Path, row: int, column: str,
                                                     value: str, error_column: str, message: str) -> None:
    edit_cell(data_copy, "scholarly_estimates", row, column, value)
    with pytest.raises(TableError) as caught:
        load_scholarly_estimates(data_copy / "datapackage.json")
    assert (caught.value.row, caught.value.column) == (row, error_column)
    assert message in str(caught.value)
    assert caught.value.file == "data/reference/scholarly_estimates.csv"


def test_missing_column_is_reported(data_copy: Path) -> None:
    table = data_copy / "reference" / "scholarly_estimates.csv"
    lines = table.read_text(encoding="utf-8").split("\n")
    lines[0] = lines[0].replace(",grade,", ",quality,")
    table.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TableError) as caught:
        load_scholarly_estimates(data_copy / "datapackage.json")
    assert (caught.value.row, caught.value.column) == (0, "grade")


def test_reference_interval() -> None:
    assert reference_interval(None, 2500, 3000) == (2500, 3000)
    assert reference_interval(100_000, 100_000, None) == (100_000, None)
    assert reference_interval(722, None, None) == (722, 722)
    with pytest.raises(ValueError):
        reference_interval(None, None, None)


# ---------------------------------------------------------------- intervals


def test_intersection_and_overlap() -> None:
    assert intersection([(2000, 9999), (2700, 3300), (2000, None)]) == (2700, 3300)
    assert intersection([(700, None), (200, 999)]) == (700, 999)
    assert intersection([(700, None), (100, None)]) == (700, None)
    assert intersection([(20_000, 99_999), (2000, 9999)]) is None
    assert overlaps((5, 5), (5, 10)) and not overlaps((1, 4), (5, 10))
    with pytest.raises(ValueError):
        intersection([])


def test_format_interval() -> None:
    assert format_interval(2700, 3300) == "2,700–3,300"
    assert format_interval(2000, None) == "at least 2,000"
    assert format_interval(13_000, 13_000) == "13,000"
    assert format_interval(None, None) == "no number"


def test_document_intervals_follow_the_reading() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 700), estimate("e-2", "b", "dead", "many"),
                 estimate("e-3", "c", "dead", "hundreds", place="unspecified"))
    central = document_intervals(rows)
    assert central["high"].isna().tolist() == [True, True, False]
    assert central["quantified"].tolist() == [True, False, True]
    assert central["open_high"].tolist() == [True, False, False]
    assert central["scope"].tolist() == ["all Hungary", "all Hungary", "all Hungary"]
    narrow = document_intervals(rows, "narrow")
    assert (narrow.loc[0, "low"], narrow.loc[0, "high"]) == (700, 1050)
    assert (narrow.loc[2, "low"], narrow.loc[2, "high"]) == (200, 500)


def test_stored_intervals_match_the_central_reading() -> None:
    estimates = load_table("estimates")
    assert stored_interval_mismatches(estimates) == []
    changed = estimates.copy()
    changed.loc[0, "high"] = 5
    changed.loc[0, "low"] = 1
    assert stored_interval_mismatches(changed) == [changed.loc[0, "claim_id"]]


def test_unquantified_claims_are_listed_not_dropped() -> None:
    rows = frame(estimate("e-1", "a", "executed", "many"), estimate("e-2", "a", "dead", "exact", 5))
    listed = unquantified_claims(rows)
    assert listed["measure"].tolist() == ["executed"]
    assert "quote" in listed.columns and "doc_id" in listed.columns


# ---------------------------------------------------------------- agreement, conflicts


def test_agreement_table_groups_by_scope() -> None:
    rows = frame(
        estimate("e-1", "a", "dead", "over", 2000, place="budapest"),
        estimate("e-2", "b", "dead", "thousands", place="unspecified"),
        estimate("e-3", "c", "dead", "around", 3000),
        estimate("e-4", "a", "imprisoned", "tens_of_thousands"),
        estimate("e-5", "b", "imprisoned", "thousands"),
    )
    table = agreement_table(document_intervals(rows))
    assert table[["measure", "scope", "documents"]].values.tolist() == [
        ["dead", "Budapest only", "a"], ["dead", "all Hungary", "b, c"], ["imprisoned", "all Hungary", "a, b"]]
    assert table["joint"].tolist() == ["at least 2,000", "2,700–3,300", "none: they conflict"]
    assert table["agree"].tolist() == [True, True, False]


def test_shared_figures_find_one_number_for_several_measures() -> None:
    quote = "tens of thousands arrested, imprisoned, and deported"
    rows = frame(estimate("e-1", "a", "imprisoned", "tens_of_thousands", quote=quote),
                 estimate("e-2", "a", "arrested", "tens_of_thousands", quote=quote),
                 estimate("e-3", "b", "imprisoned", "thousands"))
    assert shared_figures(rows) == {"e-1": ("imprisoned", "arrested"), "e-2": ("imprisoned", "arrested")}


def test_conflicts_are_named_with_their_kind() -> None:
    quote = "tens of thousands arrested, imprisoned"
    rows = frame(
        estimate("e-1", "a", "imprisoned", "tens_of_thousands", quote=quote),
        estimate("e-2", "a", "arrested", "tens_of_thousands", quote=quote),
        estimate("e-3", "b", "imprisoned", "thousands"),
        estimate("e-4", "a", "dead", "exact", 100, place="budapest"),
        estimate("e-5", "b", "dead", "thousands"),
        estimate("e-6", "a", "wounded", "exact", 9000, place="budapest"),
        estimate("e-7", "b", "wounded", "exact", 5000),
        estimate("e-8", "a", "tanks", "exact", 10),
        estimate("e-9", "b", "tanks", "exact", 20),
    )
    found = conflicts(document_intervals(rows), shared_figures(rows))
    kinds = dict(zip(found["measure"], found["kind"]))
    assert kinds == {"dead": "different place scope", "wounded": "error", "imprisoned": "definition", "tanks": "error"}
    assert "imprisoned, arrested together" in found.set_index("measure").loc["imprisoned", "reason"]
    assert "exceeds" in found.set_index("measure").loc["wounded", "reason"]


def test_no_conflict_where_intervals_fit() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 700, counted="soviet_soldiers"),
                 estimate("e-2", "b", "dead", "hundreds", counted="soviet_soldiers"),
                 estimate("e-3", "a", "refugees", "exact", 10, place="abroad"),
                 estimate("e-4", "b", "refugees", "exact", 99))  # abroad vs all Hungary: not compared
    assert conflicts(document_intervals(rows), {}).empty


def test_part_whole_compatibility() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 2000, place="budapest"), estimate("e-2", "b", "dead", "around", 3000))
    assert part_whole_compatible(document_intervals(rows)) == {("dead", "hungarians"): True}
    rows = frame(estimate("e-1", "a", "dead", "exact", 5000, place="budapest"), estimate("e-2", "b", "dead", "around", 3000))
    assert part_whole_compatible(document_intervals(rows)) == {("dead", "hungarians"): False}


# ---------------------------------------------------------------- scholarship and sensitivity


def test_research_agreement_compares_same_measure_counted_and_scope() -> None:
    rows = frame(estimate("e-1", "a", "dead", "around", 3000), estimate("e-2", "b", "dead", "thousands"),
                 estimate("e-3", "c", "dead", "exact", 2500, place="budapest"))
    reference = reference_frame({"ref_id": "sref-1", "measure": "dead", "value": 2500, "figure_as_published": "2,500"},
                                {"ref_id": "sref-2", "measure": "wounded", "value": 10, "figure_as_published": "10"})
    table = research_agreement(document_intervals(rows), reference).set_index("ref_id")
    assert (table.loc["sref-1", "agree"], table.loc["sref-1", "disagree"]) == ("b", "a")
    assert table.loc["sref-1", "n_compared"] == 2
    assert table.loc["sref-2", "n_compared"] == 0


def test_same_figure_other_scope() -> None:
    rows = frame(estimate("e-1", "a", "wounded", "exact", 13_000, place="budapest"))
    reference = reference_frame({"ref_id": "sref-1", "measure": "wounded", "value": 13_000, "figure_as_published": "13,000"})
    found = same_figure_other_scope(document_intervals(rows), reference)
    assert found[["claim_id", "ref_id", "place", "place_ref"]].values.tolist() == [["e-1", "sref-1", "budapest", "hungary"]]


def test_sensitivity_table_reports_a_flip() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 700, counted="soviet_soldiers"),
                 estimate("e-2", "b", "dead", "hundreds", counted="soviet_soldiers"),
                 estimate("e-3", "a", "imprisoned", "tens_of_thousands"), estimate("e-4", "b", "imprisoned", "thousands"))
    reference = reference_frame({"ref_id": "sref-1", "measure": "dead", "counted": "soviet_soldiers", "value": 720,
                                 "figure_as_published": "720"})
    table = sensitivity_table(rows, reference).set_index(["kind", "measure"])
    soviet = table.loc[("documents", "dead")]
    assert (soviet["narrow"], soviet["central"], soviet["wide"], soviet["flips"]) == ("no", "yes: 700–999", "yes: 700–999", True)
    prison = table.loc[("documents", "imprisoned")]
    assert (prison["central"], prison["flips"]) == ("no", False)
    research = table.loc[("research", "dead")]
    assert (research["narrow"], research["central"], research["flips"]) == ("a", "a, b", True)


# ---------------------------------------------------------------- profile, convention, chart


def test_document_profile_lists_every_document() -> None:
    documents = pd.DataFrame({"doc_id": ["a", "b", "z"], "genre": ["essay", "blog", "new"]})
    rows = frame(estimate("e-1", "a", "dead", "over", 700), estimate("e-2", "a", "dead", "many"),
                 estimate("e-3", "b", "dead", "around", 50))
    profile = document_profile(rows, documents).set_index("doc_id")
    assert profile.loc["a", ["counts", "with_number", "no_upper_bound", "no_number"]].tolist() == [2, 1, 1, 1]
    assert profile.loc["a", "qualifiers"] == "over, many"
    assert profile.loc["z", "counts"] == 0


def test_convention_table_shows_three_readings() -> None:
    rows = frame(estimate("e-1", "a", "dead", "thousands", words="Thousands"), estimate("e-2", "a", "dead", "around", 3000))
    table = convention_table(rows).set_index("qualifier_key")
    assert list(table.index) == ["around", "thousands"]
    assert table.loc["thousands", ["narrow", "central", "wide"]].tolist() == ["2,000–5,000", "2,000–9,999", "1,000–9,999"]
    assert table.loc["thousands", "example"] == "a: “Thousands”"


def test_facet_titles_count_claims_without_a_number() -> None:
    rows = frame(estimate("e-1", "a", "executed", "many"), estimate("e-2", "b", "executed", "many"),
                 estimate("e-3", "a", "dead", "exact", 1))
    assert facet_titles(rows, ["dead", "executed"]) == {
        "dead": "dead", "executed": "executed · 2 claims without a number, listed below"}


def test_chart_rows_label_place_and_counted_and_number_duplicates() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 2000, place="budapest"),
                 estimate("e-2", "a", "dead", "exact", 5, place="budapest"), estimate("e-3", "b", "dead", "many"))
    reference = reference_frame({"ref_id": "sref-1", "measure": "dead", "low": 10, "high": 20, "figure_as_published": "10–20"})
    drawn = chart_rows(document_intervals(rows), reference)
    assert drawn["label"].tolist() == ["a · Budapest · hungarians (1)", "a · Budapest · hungarians (2)",
                                       f"◆ {RESEARCH} sref-1 · Hungary · hungarians"]
    assert drawn["key"].tolist() == ["a", "a", RESEARCH]
    assert drawn["high"].isna().tolist() == [True, False, False]


def test_axis_edge_and_log_scale() -> None:
    drawn = pd.DataFrame({"low": pd.array([200, 2000], dtype="Int64"), "high": pd.array([999, None], dtype="Int64")})
    assert axis_edge(drawn) == 10_000
    assert uses_log_scale(pd.DataFrame({"low": pd.array([200, 100_000], dtype="Int64"),
                                        "high": pd.array([None, None], dtype="Int64")}))
    assert not uses_log_scale(drawn)


def test_interval_figure_draws_open_bounds_to_the_edge_and_research_apart() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 2000, place="budapest"),
                 estimate("e-2", "b", "dead", "around", 3000), estimate("e-3", "b", "refugees", "exact", 200_000, place="abroad"))
    reference = reference_frame({"ref_id": "sref-1", "measure": "dead", "value": 2700, "figure_as_published": "2,700"})
    drawn = chart_rows(document_intervals(rows), reference)
    figure = interval_figure(drawn, {"a": "#111111", "b": "#222222"}, "title", ["dead", "wounded", "refugees"],
                             reference_color="#555555")
    lines = [trace for trace in figure.data if trace.mode == "lines+markers"]
    open_line = next(trace for trace in lines if trace.line.dash == "dash")
    assert open_line.x[1] == axis_edge(drawn) and open_line.marker.symbol[1] == "triangle-right"
    labels = [text for trace in figure.data if trace.mode == "markers+text" for text in trace.text]
    assert "“some words”: no upper bound →" in labels
    research = [trace for trace in lines if trace.legendgroup == RESEARCH]
    assert research and all(trace.line.color == "#555555" and trace.marker.symbol[0] == "diamond" for trace in research)
    assert sorted(trace.name for trace in figure.data if trace.showlegend) == sorted(["a", "b", research[0].name])
    assert figure.layout.xaxis.type == "log"
    titles = [annotation.text for annotation in figure.layout.annotations]
    assert titles == ["dead", "refugees"]  # a facet without rows is left out


def test_readings_chart_rows_one_panel_per_group_three_labels_per_estimate() -> None:
    from helpers.casualties import readings_chart_rows

    rows = frame(estimate("e-1", "a", "dead", "over", 700, counted="soviet_soldiers"),
                 estimate("e-2", "b", "dead", "hundreds", counted="soviet_soldiers"),
                 estimate("e-3", "b", "wounded", "exact", 5))
    reference = reference_frame({"ref_id": "sref-1", "measure": "dead", "counted": "soviet_soldiers", "value": 720,
                                 "figure_as_published": "720"},
                                {"ref_id": "sref-2", "measure": "wounded", "value": 5, "figure_as_published": "5"})
    groups = pd.DataFrame({"measure": ["dead"], "counted": ["soviet_soldiers"], "scope": ["all Hungary"]})
    drawn = readings_chart_rows(rows, reference, groups)
    assert set(drawn["facet"]) == {"dead · soviet_soldiers · all Hungary"}
    assert drawn["label"].tolist()[:3] == ["a · Hungary · soviet_soldiers · narrow", "b · Hungary · soviet_soldiers · narrow",
                                           "a · Hungary · soviet_soldiers · central"]
    assert (drawn["key"] == RESEARCH).sum() == 1 and len(drawn) == 7
    narrow_a = drawn.iloc[0]
    assert (narrow_a["low"], narrow_a["high"]) == (700, 1050)


def test_sources_table_lists_each_source_once_with_its_rows() -> None:
    reference = reference_frame(
        {"ref_id": "sref-1", "measure": "dead", "value": 1, "figure_as_published": "1", "source_url": "https://a.org"},
        {"ref_id": "sref-2", "measure": "dead", "value": 2, "figure_as_published": "2", "source_url": "https://b.org"},
        {"ref_id": "sref-3", "measure": "tanks", "value": 3, "figure_as_published": "3", "source_url": "https://a.org"})
    table = sources_table(reference)
    assert table[["source_url", "rows"]].values.tolist() == [["https://a.org", "sref-1, sref-3"], ["https://b.org", "sref-2"]]
    assert len(sources_table(load_scholarly_estimates())) < len(load_scholarly_estimates())
