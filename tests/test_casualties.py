"""Casualty and refugee estimates: the yardstick table, the interval logic, the charts."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import edit_cell

from helpers.lessons.casualties import (
    ARROW_SHARE,
    AXIS_ROOM,
    BEFORE_THE_REVOLUTION,
    ONE_DAY_CROWD,
    YARDSTICK,
    against_yardstick,
    agreement_table,
    chart_rows,
    check_scholarly_estimates,
    claims_table,
    compared_as,
    conflict_readings,
    conflict_sides,
    conflicts,
    convention_table,
    count_phrase,
    document_intervals,
    estimate_figure,
    estimates_vocabulary,
    figure_height,
    figure_summary,
    figure_words,
    format_interval,
    intersection,
    left_out_table,
    load_scholarly_estimates,
    measure_title,
    measures_within,
    notes_grades,
    notes_rows,
    overlaps,
    panel_top,
    part_whole_compatible,
    readings_chart_rows,
    reference_interval,
    reference_notes_text,
    reference_with_scope,
    research_agreement,
    same_figure_other_scope,
    scorecard,
    selection_reason,
    sensitivity_table,
    shared_figures,
    source_label,
    sources_table,
    stored_interval_mismatches,
    unaccounted_figures,
    yardstick,
    yardstick_pairs,
    yardstick_spread,
    yardstick_table,
)
from helpers.evidence.errors import TableError
from helpers.evidence.estimates import QUALIFIER_KEYS, interval_from_qualifier
from helpers.paths import DATA_DIR
from helpers.evidence.tables import load_all_tables, load_table, read_datapackage, resource_descriptor

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
    """Synthetic yardstick rows; low/high follow the convention unless given."""
    base = {"counted": "hungarians", "place": "hungary", "value_to": None, "qualifier_key": "exact",
            "excerpt": "x", "source_title": "t", "source_url": "https://example.org", "grade": "A", "note": None,
            "source_kind": "encyclopedia", "counted_by": None, "recommendation": None}
    full = []
    for row in rows:
        row = {**base, **row}
        low, high = reference_interval(row["qualifier_key"], row["value"], row["value_to"])
        full.append({"low": low, "high": high, **row})
    out = pd.DataFrame(full)
    for column in ("value", "value_to", "low", "high"):
        out[column] = pd.array(out[column].tolist(), dtype="Int64")
    return out


# ---------------------------------------------------------------- the yardstick table


def test_reference_table_loads_with_explicit_dtypes() -> None:
    reference = load_scholarly_estimates()
    fields = resource_descriptor("scholarly_estimates", read_datapackage())["schema"]["fields"]
    assert list(reference.columns) == [field["name"] for field in fields]
    for field in fields:
        expected = "Int64" if field["type"] == "integer" else "str"
        assert reference[field["name"]].dtype == pd.api.types.pandas_dtype(expected), field["name"]
    assert reference["ref_id"].is_unique


def test_every_reference_row_is_cited_chosen_by_the_rule_and_read_by_the_convention() -> None:
    reference = load_scholarly_estimates()
    assert reference["source_url"].map(lambda url: re.fullmatch(r"https?://\S+", url) is not None).all()
    assert (selection_reason(reference) != "").all()  # every row meets the yardstick rule
    facts = (DATA_DIR / "reference" / "reference_facts.md").read_text(encoding="utf-8")
    assert all(excerpt in facts for excerpt in reference["excerpt"])
    assert all(text in facts for text in reference["recommendation"].dropna())
    for row in reference.itertuples():
        assert all(part in row.excerpt for part in row.figure_as_published.split(" + ")), row.ref_id
        to = None if pd.isna(row.value_to) else int(row.value_to)
        high = None if pd.isna(row.high) else int(row.high)
        assert (int(row.low), high) == reference_interval(row.qualifier_key, int(row.value), to), row.ref_id
    assert set(reference["qualifier_key"]) <= set(QUALIFIER_KEYS)


def test_the_yardstick_reads_its_own_words_as_the_documents_are_read() -> None:
    """'nearly', 'some', '(est.)', 'as many as', 'more than' are intervals, not exact numbers."""
    reference = load_scholarly_estimates().set_index("figure_as_published")
    assert (reference.loc["Nearly 3,000", "low"], reference.loc["Nearly 3,000", "high"]) == (2700, 3000)
    assert (reference.loc["2,500 killed (est.)", "low"], reference.loc["2,500 killed (est.)", "high"]) == (2000, 3000)
    assert (reference.loc["some 200,000", "low"], reference.loc["some 200,000", "high"]) == (180_000, 220_000)
    assert pd.isna(reference.loc["more than 100,000", "high"])
    assert reference.loc["2700", "qualifier_key"] == "exact"
    # "around 3,000" (2,700-3,300) against "2,500 (est.)": no conflict, because both are read as words
    rows = frame(estimate("e-1", "a", "dead", "around", 3000))
    chosen = yardstick(load_scholarly_estimates())
    pairs = yardstick_pairs(document_intervals(rows), chosen).merge(chosen[["ref_id", "figure_as_published"]])
    assert pairs.set_index("figure_as_published").loc["2,500 killed (est.)", "fits"]
    # under every reading the yardstick's words move with the documents'
    wide = reference_with_scope(chosen, "wide").set_index("figure_as_published")
    assert (wide.loc["Nearly 3,000", "ref_low"], wide.loc["Nearly 3,000", "ref_high"]) == (2250, 3000)


def test_the_figures_the_reference_notes_recommend_are_in_the_yardstick() -> None:
    """reference_facts.md §4 recommends the statistical office's count of the
    dead, 720-722 Soviet dead, ~200,000 refugees and 225-229 executions."""
    chosen = yardstick(load_scholarly_estimates())
    recommended = chosen[chosen["recommendation"].notna()]
    by_measure = {measure: sorted(group["value"].dropna().astype(int)) for measure, group in recommended.groupby("measure")}
    assert by_measure["executed"] == [225, 229]
    assert 2700 in by_measure["dead"] and {720, 722} <= set(by_measure["dead"])
    assert 200_000 in by_measure["refugees"]
    statistical = chosen[chosen["counted_by"] == "statistical_office"]
    assert set(statistical["source"]) == {"Hungarian statistical office, via the press",
                                          "Hungarian statistical office, via a website"}
    assert "research" not in " ".join(chosen["source"]).lower().replace("research article", "")


def test_the_rule_statement_is_true_every_a_or_b_figure_is_in_or_left_out_with_a_reason() -> None:
    reference = load_scholarly_estimates()
    table = load_all_tables()["yardstick_left_out"]
    assert unaccounted_figures(reference, table) == []
    values = {(m, int(v)) for m, v in zip(reference["measure"], reference["value"])}
    # the figures the cold review found missing
    assert {("dead", 3000), ("wounded", 15_000), ("refugees", 193_885), ("refugees", 200_139),
            ("participants", 100_000)} <= values
    facts = reference_notes_text()
    left_out = left_out_table(table)
    assert all(excerpt in facts for excerpt in left_out["excerpt"])
    assert (left_out["reason"] != "").all() and (left_out["kind"] != "").all()
    # nothing is both on the yardstick and left out
    assert not [(entry["figure"], ref.ref_id) for entry in table.to_dict("records") for ref in reference.itertuples()
                if entry["excerpt"] in ref.excerpt and entry["figure"] in ref.figure_as_published]


def test_unaccounted_figures_reports_a_row_the_rule_should_take() -> None:
    facts = "\n".join([
        "## 3. Figures", "", "| Measure | Figure(s) | Source (grade) and URL | Verbatim excerpt |", "|---|---|---|---|",
        '| **Dead** | 10 | Archive (A) | "10 died" |',
        '| | 20 | A paper (C) | "20 died" |',
        '| | 30 | no grade given | "30 died" |',
        '| **Wounded** | 5 | Book (A/B) | "5 wounded" |',
        "| | **Disagreement:** 10 against 20 | | |",
        "", "## 4. Other",
    ])
    reference = reference_frame({"ref_id": "sref-1", "measure": "dead", "value": 10, "figure_as_published": "10",
                                 "excerpt": "10 died"})
    columns = ["what", "figure", "excerpt", "reason", "kind", "notes_row"]
    none = pd.DataFrame(columns=columns)
    assert unaccounted_figures(reference, none, facts) == ["Dead: 30", "Wounded: 5"]
    left_out = pd.DataFrame([{"what": "w", "figure": "5", "excerpt": "5 wounded", "reason": "r", "kind": "k"},
                             {"what": "d", "figure": "30", "excerpt": "30 died", "reason": "r", "kind": "k"}])
    assert unaccounted_figures(reference, left_out, facts) == []
    with pytest.raises(ValueError, match="not in the reference notes"):
        unaccounted_figures(reference, pd.DataFrame([{"figure": "7", "excerpt": "7 wounded", "reason": "r"}]), facts)


def test_notes_rows_and_grades_read_the_reference_notes() -> None:
    assert notes_grades("Kramer (A)") == ["A"]
    assert notes_grades("Házi et al. (A/B)") == ["A", "B"]
    assert notes_grades("Daily News Hungary (C, reporting A)") == ["C"]
    assert notes_grades("amieuropank.com (C; source not stated)") == ["C"]
    assert notes_grades("knowt (B-derived); chieracostui.com (C)") == ["B-derived", "C"]
    assert notes_grades("current en.wikipedia; knigochet") == []
    rows = notes_rows(reference_notes_text())
    labels = {row["label"] for row in rows}
    assert {"Hungarian dead", "Soviet forces", "Refugees (total)", "Executions"} <= labels
    assert not [row for row in rows if row["figure"].startswith("Disagreement") or "NOT FOUND" in row["figure"]]


def test_reference_uses_the_vocabulary_of_the_estimates() -> None:
    reference = load_scholarly_estimates()
    assert set(reference["measure"]) <= set(estimates_vocabulary("measure"))
    assert set(reference["place"]) <= set(estimates_vocabulary("place"))
    assert set(reference["qualifier_key"]) <= set(estimates_vocabulary("qualifier_key"))


@pytest.mark.parametrize(
    "row, column, value, error_column, message",
    [
        (1, "low", "3500", "low", "is greater than"),
        (2, "value", "-2500", "value", "minimum"),
        (2, "value", "2,500", "value", "plain digits"),
        (3, "source_url", "", "source_url", "required"),
        (3, "source_url", "www.example.org/page", "source_url", "pattern"),
        (4, "measure", "killed", "measure", "not an allowed value"),
        (4, "grade", "D", "grade", "not an allowed value"),
        (4, "source_kind", "blog", "source_kind", "not an allowed value"),
        (4, "source_kind", "", "source_kind", "required"),
        (2, "qualifier_key", "thousands", "qualifier_key", "gives no number of its own"),
        (5, "counted_by", "the_kgb", "counted_by", "not an allowed value"),
        (5, "figure_as_published", "seven hundred", "figure_as_published", "does not occur in the row's excerpt"),
        (6, "excerpt", "31,550 troops were there", "excerpt", "not found verbatim"),
        (4, "recommendation", "Use 720 for Soviet dead", "recommendation", "not found verbatim in the reference notes"),
        (2, "high", "3500", "low", "are not the interval"),
        (1, "value_to", "2000", "value", "is greater than value_to"),
        (3, "value", "", "value", "required"),
        (22, "value", "193000", "low", "is greater than value"),
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


def test_a_total_that_is_not_the_sum_of_its_parts(data_copy: Path) -> None:
    for column in ("value", "low", "high"):
        edit_cell(data_copy, "scholarly_estimates", 22, column, "193000")
    with pytest.raises(TableError) as caught:
        load_scholarly_estimates(data_copy / "datapackage.json")
    assert (caught.value.row, caught.value.column) == (22, "value") and "is not the sum" in str(caught.value)


def test_a_recommendation_is_checked_against_the_notes_it_is_given() -> None:
    reference = reference_frame({"ref_id": "sref-1", "measure": "dead", "value": 1, "figure_as_published": "1",
                                 "excerpt": "1 died", "recommendation": "Use one"})
    assert check_scholarly_estimates(reference, facts="notes: Use one for all") is reference
    with pytest.raises(TableError, match="not found verbatim"):
        check_scholarly_estimates(reference, facts="notes: Use two")


def test_missing_column_is_reported(data_copy: Path) -> None:
    table = data_copy / "reference" / "scholarly_estimates.csv"
    lines = table.read_text(encoding="utf-8").split("\n")
    lines[0] = lines[0].replace(",grade,", ",quality,")
    table.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TableError) as caught:
        load_scholarly_estimates(data_copy / "datapackage.json")
    assert (caught.value.row, caught.value.column) == (0, "grade")


def test_the_selection_rule_keeps_grades_a_and_b_and_recommended_figures() -> None:
    reference = reference_frame(
        {"ref_id": "sref-1", "measure": "dead", "value": 1, "figure_as_published": "1", "grade": "A"},
        {"ref_id": "sref-2", "measure": "dead", "value": 2, "figure_as_published": "2", "grade": "B",
         "recommendation": "Use 2"},
        {"ref_id": "sref-3", "measure": "dead", "value": 3, "figure_as_published": "3", "grade": "C",
         "recommendation": "Use 3", "source_kind": "press", "counted_by": "statistical_office"},
        {"ref_id": "sref-4", "measure": "dead", "value": 4, "figure_as_published": "4", "grade": "C",
         "source_kind": "press"},
    )
    assert selection_reason(reference).tolist() == ["graded A", "graded B", "recommended by the reference notes", ""]
    chosen = yardstick(reference)
    assert chosen["ref_id"].tolist() == ["sref-1", "sref-2", "sref-3"]
    assert chosen["source"].tolist() == ["Encyclopedia", "Encyclopedia", "Hungarian statistical office, via the press"]
    # with grade A alone, the B row stays only because the notes recommend it
    assert selection_reason(reference, grades=("A",)).tolist()[:2] == ["graded A", "recommended by the reference notes"]
    shown = yardstick_table(chosen)
    assert shown.columns.tolist() == ["count", "where", "figure", "read_as", "source", "grade", "why_chosen", "excerpt",
                                      "note"]
    assert shown["count"].tolist() == ["Hungarians who died"] * 3
    assert not shown.isna().any().any()


def test_source_label_and_count_phrase_are_words() -> None:
    assert source_label("refugee_agency") == "UN refugee agency"
    assert source_label("encyclopedia", "un_special_committee") == "UN Special Committee, via an encyclopedia"
    assert source_label("encyclopedia", float("nan")) == "Encyclopedia"
    assert source_label("archive_document") == "Soviet meeting notes (archive)"
    assert source_label("new_kind") == "New kind"
    assert count_phrase("dead", "soviet_soldiers") == "Soviet soldiers who died"
    assert count_phrase("refugees", "people") == "People who fled"
    assert count_phrase("new_measure", "new_people") == "New measure (new people)"
    assert count_phrase("arrested+imprisoned+deported", "hungarians") == (
        "Hungarians arrested, imprisoned and deported, counted together")
    assert count_phrase("troops+tanks", "soviet_forces") == "Soldiers and tanks (Soviet forces), counted together"
    assert measure_title("arrested+imprisoned+deported") == (
        "Arrested, imprisoned and deported: one figure for all three together")
    assert "before 1956" in count_phrase("repression_victims", BEFORE_THE_REVOLUTION[0])


def test_the_people_who_fled_are_compared_whatever_word_a_text_uses() -> None:
    assert compared_as("refugees", "people") == compared_as("refugees", "hungarians") == "hungarians"
    assert compared_as("participants", "people") == "hungarians"
    assert compared_as("dead", "people") == "people"  # "people who died" may include Soviet soldiers
    assert compared_as("dead", "soviet_soldiers") == "soviet_soldiers"


def test_reference_interval_reads_the_words() -> None:
    assert reference_interval("exact", 2500, 3000) == (2500, 3000)
    assert reference_interval("over", 100_000) == (100_000, None)
    assert reference_interval("exact", 722) == (722, 722)
    assert reference_interval("nearly", 3000) == (2700, 3000)
    assert reference_interval("estimated", 75_000, 200_000) == (60_000, 240_000)
    assert reference_interval("nearly", 3000, reading="narrow") == (2850, 3000)


def test_figure_words_separate_thousands_and_show_sums() -> None:
    assert figure_words("2700") == "2,700"
    assert figure_words("2,500–3,000") == "2,500–3,000"
    assert figure_words("100 thous.") == "100 thous."
    assert figure_words("174 704 + 19 181", 193_885) == "174,704 + 19,181 = 193,885"
    assert figure_words("180.288 + 19.851", 200_139) == "180,288 + 19,851 = 200,139"
    assert figure_words("1,600–4,000", 1600, "estimated") == "1,600–4,000 (estimated)"
    assert figure_words("2,500 killed (est.)", 2500, "estimated") == "2,500 killed (est.)"


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
    assert format_interval(2700, 3300) == "2,700 to 3,300"
    assert format_interval(2000, None) == "at least 2,000, no upper bound"
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


def test_one_figure_for_several_things_is_one_estimate() -> None:
    quote = "tens of thousands arrested, imprisoned, and deported"
    rows = frame(estimate("e-1", "a", "arrested", "tens_of_thousands", quote=quote, words="tens of thousands"),
                 estimate("e-2", "a", "imprisoned", "tens_of_thousands", quote=quote, words="tens of thousands"),
                 estimate("e-3", "a", "deported", "tens_of_thousands", quote=quote, words="tens of thousands",
                          place="abroad"),
                 estimate("e-4", "b", "imprisoned", "thousands"))
    together = document_intervals(rows)
    assert together["measure"].tolist() == ["arrested+imprisoned+deported", "imprisoned"]
    assert together["claim_ids"].tolist() == [("e-1", "e-2", "e-3"), ("e-4",)]
    assert together["place"].tolist()[0] == "unspecified"  # the parts named different places
    assert len(document_intervals(rows, together=False)) == 4
    assert measures_within(together, ["arrested", "imprisoned", "deported"]) == [
        "imprisoned", "arrested+imprisoned+deported"]
    assert conflicts(together).empty  # never set against a count of one of them
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "arrested", "value": 100_000, "qualifier_key": "over",
                           "figure_as_published": "more than 100,000"})
    card = scorecard(together, chosen).set_index("claim_id")
    assert card.loc["e-1", "verdict"] == "not compared: one figure for all three together, not a count of any one of them"
    drawn = chart_rows(together, chosen)
    assert drawn["panel"].tolist().count("arrested+imprisoned+deported") == 1 and "deported" not in set(drawn["panel"])


def test_stored_intervals_match_the_central_reading() -> None:
    estimates = load_table("estimates")
    assert stored_interval_mismatches(estimates) == []
    changed = estimates.copy()
    changed.loc[0, "high"] = 5
    changed.loc[0, "low"] = 1
    assert stored_interval_mismatches(changed) == [changed.loc[0, "claim_id"]]


def test_claims_table_keeps_claims_without_a_number_in_measure_order() -> None:
    rows = frame(estimate("e-1", "a", "executed", "many", words="many more"),
                 estimate("e-2", "b", "dead", "over", 2000, words="over 2000", place="budapest"),
                 estimate("e-3", "b", "refugees", "around", 10, counted="people", place="abroad"))
    table = claims_table(document_intervals(rows))
    assert table.columns.tolist() == ["doc_id", "count", "where", "words", "read_as", "count_where", "reading", "quote",
                                      "claim_ids", "quantified"]
    assert table["reading"].tolist()[0] == "“over 2000”: at least 2,000, no upper bound"
    assert table["count_where"].tolist()[0] == "Hungarians who died, Budapest"
    assert table["count"].tolist() == ["Hungarians who died", "Hungarians executed", "People who fled"]
    assert table["read_as"].tolist() == ["at least 2,000, no upper bound", "no number", "9 to 11"]
    assert table["where"].tolist() == ["Budapest", "Hungary", "abroad"]
    assert claims_table(document_intervals(rows), measures=["executed"])["quote"].tolist() == ["quote of e-1"]
    assert claims_table(document_intervals(rows), counted=["people"])["doc_id"].tolist() == ["b"]


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
    assert table[["measure", "scope"]].values.tolist() == [
        ["dead", "Budapest only"], ["dead", "all Hungary"], ["imprisoned", "all Hungary"]]
    assert table["doc_ids"].tolist() == [["a"], ["b", "c"], ["a", "b"]]
    assert table["joint"].tolist() == ["at least 2,000, no upper bound", "2,700 to 3,300", "none: they conflict"]
    assert table["agree"].tolist() == [True, True, False]
    assert table["intervals"].tolist()[1] == "b: 2,000 to 9,999; c: 2,700 to 3,300"


def test_shared_figures_find_one_number_for_several_measures() -> None:
    quote = "tens of thousands arrested, imprisoned, and deported"
    rows = frame(estimate("e-1", "a", "imprisoned", "tens_of_thousands", quote=quote),
                 estimate("e-2", "a", "arrested", "tens_of_thousands", quote=quote),
                 estimate("e-3", "b", "imprisoned", "thousands"),
                 estimate("e-4", "b", "troops", "many", quote="numerous troops and tanks", counted="soviet_forces"),
                 estimate("e-5", "b", "tanks", "many", quote="numerous troops and tanks", counted="soviet_forces"))
    assert shared_figures(rows) == {"e-1": ("imprisoned", "arrested"), "e-2": ("imprisoned", "arrested"),
                                    "e-4": ("troops", "tanks"), "e-5": ("troops", "tanks")}


def test_conflicts_are_named_with_their_kind() -> None:
    rows = frame(
        estimate("e-3", "b", "imprisoned", "thousands"),
        estimate("e-1", "a", "imprisoned", "tens_of_thousands"),
        estimate("e-4", "a", "dead", "exact", 100, place="budapest"),
        estimate("e-5", "b", "dead", "thousands"),
        estimate("e-6", "a", "wounded", "exact", 9000, place="budapest"),
        estimate("e-7", "b", "wounded", "exact", 5000),
        estimate("e-8", "a", "tanks", "exact", 10),
        estimate("e-9", "b", "tanks", "exact", 20),
    )
    found = conflicts(document_intervals(rows))
    kinds = dict(zip(found["measure"], found["kind"]))
    assert kinds == {"dead": "different place scope", "wounded": "error", "imprisoned": "error", "tanks": "error"}
    by_measure = found.set_index("measure")
    assert "exceeds" in by_measure.loc["wounded", "reason"]
    assert (by_measure.loc["imprisoned", "first_claim"], by_measure.loc["imprisoned", "second_claim"]) == ("e-3", "e-1")
    assert by_measure.loc["dead", "first"] == "a (Budapest): 100"


def test_no_conflict_where_intervals_fit() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 700, counted="soviet_soldiers"),
                 estimate("e-2", "b", "dead", "hundreds", counted="soviet_soldiers"),
                 estimate("e-3", "a", "refugees", "exact", 10, place="abroad"),
                 estimate("e-4", "b", "refugees", "exact", 99))  # abroad vs all Hungary: not compared
    assert conflicts(document_intervals(rows)).empty


def test_part_whole_compatibility() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 2000, place="budapest"), estimate("e-2", "b", "dead", "around", 3000))
    assert part_whole_compatible(document_intervals(rows)) == {("dead", "hungarians"): True}
    rows = frame(estimate("e-1", "a", "dead", "exact", 5000, place="budapest"), estimate("e-2", "b", "dead", "around", 3000))
    assert part_whole_compatible(document_intervals(rows)) == {("dead", "hungarians"): False}


# ---------------------------------------------------------------- against the yardstick


def yardstick_of(*rows: dict) -> pd.DataFrame:
    return yardstick(reference_frame(*rows))


def test_yardstick_pairs_compare_same_place_part_with_whole_and_whole_with_part() -> None:
    rows = frame(estimate("e-1", "a", "dead", "around", 3000), estimate("e-2", "b", "dead", "thousands"),
                 estimate("e-3", "c", "dead", "exact", 2500, place="budapest"),
                 estimate("e-4", "c", "dead", "exact", 4000, place="budapest"),
                 estimate("e-5", "c", "refugees", "exact", 10, place="abroad"),
                 estimate("e-6", "c", "participants", "tens_of_thousands", counted="people"))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "dead", "value": 2500, "figure_as_published": "2,500"},
                          {"ref_id": "sref-2", "measure": "wounded", "value": 10, "figure_as_published": "10"},
                          {"ref_id": "sref-3", "measure": "participants", "place": "budapest", "value": 100_000,
                           "figure_as_published": "100 thous."})
    pairs = yardstick_pairs(document_intervals(rows), chosen)
    assert pairs[["claim_id", "relation", "fits"]].values.tolist() == [
        ["e-1", "same place", False], ["e-2", "same place", True],
        ["e-3", "part of the whole", True], ["e-4", "part of the whole", False],
        ["e-6", "whole against a part", False]]
    table = research_agreement(document_intervals(rows), chosen).set_index("ref_id")
    assert (table.loc["sref-1", "agree"], table.loc["sref-1", "disagree"]) == (["b", "c"], ["a", "c"])
    assert table.loc["sref-1", "n_compared"] == 4
    assert table.loc["sref-2", "n_compared"] == 0


def test_scorecard_gives_every_estimate_a_verdict_in_words() -> None:
    rows = frame(estimate("e-1", "a", "dead", "around", 3000), estimate("e-2", "b", "dead", "thousands"),
                 estimate("e-3", "a", "dead", "many"),
                 estimate("e-4", "a", "refugees", "over", 200_000, counted="people", place="abroad"),
                 estimate("e-5", "a", "tanks", "exact", 5, counted="soviet_forces"),
                 estimate("e-6", "a", "dead", "exact", 700, counted="soviet_soldiers"))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "dead", "value": 2500, "figure_as_published": "2,500"},
                          {"ref_id": "sref-2", "measure": "dead", "value": 3000, "figure_as_published": "3,000",
                           "source_kind": "refugee_agency"},
                          {"ref_id": "sref-3", "measure": "refugees", "place": "abroad", "value": 190_000,
                           "figure_as_published": "190,000"})
    card = scorecard(document_intervals(rows), chosen).set_index("claim_id")
    assert card.loc["e-1", "verdict"] == "fits 1 of 2"
    assert card.loc["e-1", "fits"] == "3,000 (UN refugee agency)"
    assert card.loc["e-1", "misses"] == "2,500 (Encyclopedia)"
    assert card.loc["e-2", "verdict"] == "fits all 2"
    assert card.loc["e-3", "verdict"] == "no number to compare"
    assert card.loc["e-4", "verdict"] == "misses the one figure"  # 'people' who fled are compared with the refugees
    assert card.loc["e-5", "verdict"] == "no yardstick figure for this count"
    assert card.loc["e-6", "verdict"] == "no yardstick figure: the yardstick counts Hungarians, this document Soviet soldiers"
    assert not card.drop(columns=["claim_ids"]).isna().any().any()
    sentence = against_yardstick(card.reset_index(), ["dead"], ["hungarians"])
    assert sentence == ("Against the yardstick: all 2 estimates with a number meet a yardstick figure for the same "
                        "count, and 1 of them fits every figure they meet. The a's “some words” misses 2,500 "
                        "(Encyclopedia).")
    assert against_yardstick(card.reset_index(), ["tanks"]) == (
        "Against the yardstick: no estimate here with a number meets a yardstick figure for the same count. "
        "The a's “some words” meets no yardstick figure.")


def test_conflict_sides_put_the_texts_side_by_side() -> None:
    rows = frame(estimate("e-1", "a", "imprisoned", "thousands", quote="thousands were imprisoned"),
                 estimate("e-2", "b", "participants", "tens_of_thousands", counted="people", quote="tens of thousands"))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "imprisoned", "value": 26_000, "qualifier_key": "nearly",
                           "figure_as_published": "nearly 26,000", "excerpt": "nearly 26,000 in prison"},
                          {"ref_id": "sref-2", "measure": "participants", "place": "budapest", "value": 100_000,
                           "figure_as_published": "100 thous.", "excerpt": "100 thous. demonstrate",
                           "note": "[Gloss: a hundred thousand.]"})
    intervals = document_intervals(rows)
    sides = conflict_sides(intervals, chosen, conflicts(intervals))
    assert sides.columns.tolist() == ["conflict", "source", "text", "gloss", "read_as", "how", "number", "side_id"]
    assert sides["number"].tolist() == [1, 1, 2, 2] and sides["side_id"].tolist() == ["e-1", "sref-1", "e-2", "sref-2"]
    assert sides["conflict"].tolist() == ["1. Hungarians imprisoned", "", "2. People taking part", ""]
    assert sides["text"].tolist() == ["thousands were imprisoned", "nearly 26,000 in prison", "tens of thousands",
                                      "100 thous. demonstrate"]
    assert sides["read_as"].tolist()[1] == "23,400 to 26,000"  # the yardstick's "nearly" read as the rule says
    assert sides["source"].tolist()[1] == "◆ Encyclopedia (grade A)"
    assert sides["how"].tolist() == ["", "above the document's range: no number fits both", "",
                                     "a count for Budapest alone, larger than the document allows for all Hungary"]
    assert sides["gloss"].tolist()[3] == "a hundred thousand."


def test_a_conflict_that_rests_on_the_reading_says_so() -> None:
    """"thousands were imprisoned" misses "nearly 26,000" only because the
    central reading stops "thousands" at 9,999; read widely, they meet."""
    rows = frame(estimate("e-1", "a", "imprisoned", "thousands", quote="thousands were imprisoned"),
                 estimate("e-2", "b", "refugees", "over", 200_000, place="abroad"))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "imprisoned", "value": 26_000, "qualifier_key": "nearly",
                           "figure_as_published": "nearly 26,000", "excerpt": "nearly 26,000 in prison"},
                          {"ref_id": "sref-2", "measure": "refugees", "place": "abroad", "value": 189_893,
                           "figure_as_published": "189,893", "excerpt": "189,893"})
    by_reading = conflict_readings(rows, chosen).set_index("claim_id")
    assert by_reading.loc["e-1", ["other", "kind", "words", "holds", "meets"]].tolist() == [
        "sref-1", YARDSTICK, "some words", ("narrow", "central"), ("wide",)]
    assert by_reading.loc["e-1", ["read_as_there", "other_there"]].tolist() == ["1,000 to 99,999", "19,500 to 26,000"]
    assert by_reading.loc["e-2", ["holds", "meets", "read_as_there"]].tolist() == [("narrow", "central", "wide"), (), ""]
    intervals = document_intervals(rows)
    sides = conflict_sides(intervals, chosen, conflicts(intervals), by_reading.reset_index())
    how = dict(zip(sides["side_id"], sides["how"]))
    assert how["sref-1"] == ("above the document's range by the rule above; read widely (1,000 to 99,999 against "
                             "19,500 to 26,000), they meet: the conflict rests on how the words are read")
    assert how["sref-2"] == "below the document's range: no number fits both"


def test_one_days_crowd_is_not_a_count_of_everyone_who_took_part() -> None:
    """The crowd in Budapest on 23 October is not compared with a count of
    the people taking part in the whole revolution."""
    rows = frame(estimate("e-1", "a", "participants", "tens_of_thousands", counted="people", place="hungary"))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "participants", "counted": ONE_DAY_CROWD, "place": "budapest",
                           "value": 100_000, "figure_as_published": "100 thous."})
    intervals = document_intervals(rows)
    assert yardstick_pairs(intervals, chosen).empty
    assert conflict_sides(intervals, chosen, conflicts(intervals)).empty
    card = scorecard(intervals, chosen).set_index("claim_id")
    assert card.loc["e-1", "verdict"] == ("no yardstick figure for the same count: the yardstick counts only people in "
                                          "one day's crowd (23 October), Budapest")
    assert count_phrase("participants", ONE_DAY_CROWD) == "People in one day's crowd (23 October)"
    # in the project's data: every crowd count is one day's, and no document is set against it
    reference = yardstick(load_scholarly_estimates())
    crowds = reference[reference["measure"] == "participants"]
    assert len(crowds) and (crowds["counted"] == ONE_DAY_CROWD).all() and crowds["note"].str.contains("23 October").all()
    pairs = yardstick_pairs(document_intervals(load_table("estimates")), reference)
    assert not pairs["measure"].eq("participants").any()


def test_yardstick_spread_lists_figures_of_the_same_count() -> None:
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "troops", "counted": "soviet_forces", "value": 31_550,
                           "figure_as_published": "31,550", "counted_by": "soviet_archives"},
                          {"ref_id": "sref-2", "measure": "troops", "counted": "soviet_forces", "value": 75_000,
                           "value_to": 200_000, "qualifier_key": "estimated", "figure_as_published": "75,000–200,000"},
                          {"ref_id": "sref-3", "measure": "dead", "value": 5, "figure_as_published": "5"})
    spread = yardstick_spread(chosen)
    assert spread[["count", "lowest", "highest", "n_figures"]].values.tolist() == [
        ["Soldiers (Soviet forces)", "31,550", "240,000", 2]]
    assert spread.loc[0, "figures"] == ("31,550 (Soviet archives, via an encyclopedia); "
                                        "75,000–200,000 (estimated) (Encyclopedia)")


def test_same_figure_other_scope() -> None:
    rows = frame(estimate("e-1", "a", "wounded", "exact", 13_000, place="budapest"))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "wounded", "value": 13_000, "figure_as_published": "13,000"})
    found = same_figure_other_scope(document_intervals(rows), chosen)
    assert found[["claim_id", "ref_id", "where", "where_ref", "source", "figure"]].values.tolist() == [
        ["e-1", "sref-1", "Budapest", "Hungary", "Encyclopedia", "13,000"]]


def test_sensitivity_table_reports_a_flip() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 700, counted="soviet_soldiers"),
                 estimate("e-2", "b", "dead", "hundreds", counted="soviet_soldiers"),
                 estimate("e-3", "a", "imprisoned", "tens_of_thousands"), estimate("e-4", "b", "imprisoned", "thousands"))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "dead", "counted": "soviet_soldiers", "value": 720,
                           "figure_as_published": "720"})
    table = sensitivity_table(rows, chosen).set_index(["kind", "measure"])
    soviet = table.loc[("documents", "dead")]
    assert (soviet["narrow"], soviet["central"], soviet["wide"], soviet["flips"]) == (
        "no", "yes: 700 to 999", "yes: 700 to 9,999", True)
    prison = table.loc[("documents", "imprisoned")]  # "thousands" read widely runs on into the tens of thousands
    assert (prison["central"], prison["wide"], prison["flips"]) == ("no", "yes: 10,000 to 99,999", True)
    against = table.loc[(YARDSTICK, "dead")]
    assert (against["narrow"], against["central"], against["flips"]) == ("a", "a, b", True)
    assert against["conclusion"] == "Soviet soldiers who died: which documents fit 720 (Encyclopedia)?"


def test_the_yardstick_is_read_under_each_reading_too() -> None:
    rows = frame(estimate("e-1", "a", "dead", "around", 3000))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "dead", "value": 2500, "qualifier_key": "estimated",
                           "figure_as_published": "2,500 (est.)"})
    table = sensitivity_table(rows, chosen).set_index("kind")
    assert (table.loc[YARDSTICK, "narrow"], table.loc[YARDSTICK, "central"]) == ("none", "a")


# ---------------------------------------------------------------- the real data


def test_the_lesson_data_keeps_apart_what_the_documents_count_differently() -> None:
    estimates = load_table("estimates")
    chosen = yardstick(load_scholarly_estimates())
    intervals = document_intervals(estimates)
    # "tens of thousands ... arrested, imprisoned, and deported": one estimate, not three, and no deportation count
    shared = intervals[intervals["measure"].str.contains("deported")]
    assert shared["measure"].tolist() == ["arrested+imprisoned+deported"]
    drawn = chart_rows(intervals, chosen)
    assert "deported" not in set(drawn["panel"])
    # Rákosi's victims before 1956 are not counted with the repression after the revolution
    before = intervals[intervals["counted"].isin(BEFORE_THE_REVOLUTION)]
    assert before["measure"].tolist() == ["repression_victims"] and before["quote"].str.contains("Hungarians").all()
    # the people who fled are compared once, with one verdict
    card = scorecard(intervals, chosen)
    fled = card[(card["measure"] == "refugees") & (card["counted"] == "people")]
    assert fled["compared"].tolist() == [len(chosen[chosen["measure"] == "refugees"])]
    lindt = chosen.loc[chosen["value"] == 189_893, "ref_id"].item()
    pairs = yardstick_pairs(intervals, chosen)
    assert not pairs[(pairs["ref_id"] == lindt) & pairs["claim_id"].isin(fled["claim_id"])]["fits"].any()
    # the Soviet forces' figures say that the notes give them no date
    archive = chosen[chosen["counted_by"] == "soviet_archives"]
    assert archive["note"].str.contains("no date or phase").all()


# ---------------------------------------------------------------- convention, chart


def test_convention_table_shows_the_rule_with_examples_from_both_sides() -> None:
    rows = frame(estimate("e-1", "a", "dead", "thousands", words="Thousands"), estimate("e-2", "b", "dead", "around", 3000))
    reference = reference_frame({"ref_id": "sref-1", "measure": "dead", "value": 3000, "qualifier_key": "nearly",
                                 "figure_as_published": "nearly 3,000"})
    table = convention_table(rows, reference).set_index("qualifier")
    assert list(table.index) == ["around, about, some", "nearly, almost", "thousands"]
    assert table.loc["thousands", ["narrow", "central", "wide"]].tolist() == ["2,000 to 5,000", "2,000 to 9,999", "1,000 to 99,999"]
    assert (table.loc["thousands", "example"], table.loc["thousands", "doc_id"]) == ("“Thousands” → 2,000 to 9,999", "a")
    assert table.loc["nearly, almost", "yardstick_example"] == "“nearly 3,000” → 2,700 to 3,000"
    assert table.loc["nearly, almost", "rule"] == "from 90% of the number up to the number"
    assert table.loc["around, about, some", "rule"] == "10% either side of the number"
    assert table.loc["nearly, almost", "example"] == ""


def test_chart_rows_label_in_words_and_number_duplicates() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 2000, place="budapest", words="over 2000"),
                 estimate("e-2", "a", "dead", "exact", 5, place="budapest"), estimate("e-3", "b", "dead", "many"))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "dead", "value": 10, "value_to": 20,
                           "figure_as_published": "10–20", "source_kind": "refugee_agency"},
                          {"ref_id": "sref-2", "measure": "dead", "value": 30, "qualifier_key": "nearly",
                           "figure_as_published": "nearly 30"})
    drawn = chart_rows(document_intervals(rows), chosen)
    assert drawn["label"].tolist() == ["a<br>Hungarians, Budapest (1)", "a<br>Hungarians, Budapest (2)",
                                       "◆ UN refugee agency<br>Hungarians, Hungary: 10–20",
                                       "◆ Encyclopedia<br>Hungarians, Hungary: nearly 30"]
    assert drawn["key"].tolist() == ["a", "a", YARDSTICK, YARDSTICK]
    assert drawn["high"].isna().tolist() == [True, False, False, False]
    assert drawn["text"].tolist() == ["“over 2000”: at least 2,000, no upper bound", "“some words”: 5", "",
                                      "allows 27 to 30"]


def test_hover_texts_keep_document_text_as_text() -> None:
    """Plain text, which show_figure escapes once for plotly (plotly_text)."""
    from helpers.display.claims import plotly_text

    rows = frame(estimate("e-1", "a", "dead", "exact", 5, quote="<a href='x'>5</a> died"))
    hover = chart_rows(document_intervals(rows))["hover"].tolist()[0]
    assert "<a href='x'>5</a>" in hover
    assert "<a href" not in plotly_text(hover) and "&lt;a href=" in plotly_text(hover)


def test_panel_top_ignores_open_bounds() -> None:
    drawn = pd.DataFrame({"low": pd.array([200, 2000], dtype="Int64"), "high": pd.array([999, None], dtype="Int64")})
    assert panel_top(drawn) == 2000


def open_figure():
    rows = frame(estimate("e-1", "a", "dead", "over", 2000, place="budapest"),
                 estimate("e-2", "b", "dead", "around", 3000), estimate("e-3", "b", "refugees", "exact", 200_000, place="abroad"),
                 estimate("e-4", "a", "repression_victims", "over", 300_000))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "dead", "value": 2700, "figure_as_published": "2,700"})
    drawn = chart_rows(document_intervals(rows), chosen)
    return drawn, estimate_figure(drawn, {"a": "#111111", "b": "#222222"}, ["dead", "wounded", "refugees", "repression_victims"],
                                  reference_color="#555555")


def test_estimate_figure_uses_linear_axes_ending_near_the_largest_real_number() -> None:
    drawn, figure = open_figure()
    axes = [figure.layout[name] for name in ("xaxis", "xaxis2", "xaxis3")]
    assert all(axis.type == "linear" and axis.range[0] == 0 for axis in axes)
    assert [axis.range[1] for axis in axes] == [3300 * AXIS_ROOM, 200_000 * AXIS_ROOM, 300_000 * AXIS_ROOM]
    assert all(axis.title.text == "Number of people" and axis.tickfont.size >= 14 for axis in axes)
    titles = [annotation.text for annotation in figure.layout.annotations if not annotation.showarrow and
              annotation.text in ("Died", "Wounded", "Fled abroad (refugees)", "Victims of repression")]
    assert titles == ["Died", "Fled abroad (refugees)", "Victims of repression"]  # a panel without rows is left out
    assert figure.layout.height == figure_height(drawn, ["dead", "refugees", "repression_victims"]) <= 650


def test_estimate_figure_draws_an_open_bound_as_a_short_arrow_with_words() -> None:
    drawn, figure = open_figure()
    arrows = [a for a in figure.layout.annotations if a.showarrow]
    assert len(arrows) == 2
    first = next(a for a in arrows if a.xref == "x")
    assert (first.ax, first.x) == (2000, 2000 + ARROW_SHARE * 3300)
    words = [a.text for a in figure.layout.annotations]
    assert "“some words”: at least 2,000, no upper bound" in words
    bars = [shape for shape in figure.layout.shapes if shape.xref == "x"]
    assert [(bar.x0, bar.x1) for bar in bars] == [(2700, 3300)]
    assert all(a.font.size >= 14 for a in figure.layout.annotations if a.text)


def test_estimate_figure_marks_one_point_per_estimate_yardstick_in_grey_diamonds() -> None:
    drawn, figure = open_figure()
    assert sum(len(trace.x) for trace in figure.data) == len(drawn)
    yardstick_traces = [trace for trace in figure.data if trace.legendgroup == YARDSTICK]
    assert yardstick_traces and all(t.marker.color == "#555555" and t.marker.symbol == "diamond" for t in yardstick_traces)
    assert sorted({trace.name for trace in figure.data}) == ["a", "b", "◆ yardstick"]
    assert figure.layout.showlegend is False  # every row's label names its source
    died = figure.layout.yaxis.categoryarray
    assert died[-1].startswith("a<br>") and died[0].startswith("◆")  # documents on top, the yardstick below
    with pytest.raises(ValueError):
        estimate_figure(drawn, {"a": "#111111"}, ["tanks"])


def test_figure_summary_says_what_the_panels_show() -> None:
    drawn, _ = open_figure()
    summary = figure_summary(drawn, ["dead", "refugees"])
    assert summary == ("Died: the documents run from 2,000 to no upper bound, the yardstick figures give 2,700; "
                       "Fled abroad (refugees): the documents give 200,000, the yardstick figures give no number.")
    assert figure_summary(drawn, ["tanks"]) == ""


def test_readings_chart_rows_one_panel_per_group_three_labels_per_estimate() -> None:
    rows = frame(estimate("e-1", "a", "dead", "over", 700, counted="soviet_soldiers"),
                 estimate("e-2", "b", "dead", "hundreds", counted="soviet_soldiers"),
                 estimate("e-3", "b", "wounded", "exact", 5))
    chosen = yardstick_of({"ref_id": "sref-1", "measure": "dead", "counted": "soviet_soldiers", "value": 720,
                           "qualifier_key": "nearly", "figure_as_published": "nearly 720"},
                          {"ref_id": "sref-2", "measure": "wounded", "value": 5, "figure_as_published": "5"})
    groups = pd.DataFrame({"measure": ["dead"], "group": ["soviet_soldiers"], "scope": ["all Hungary"]})
    drawn = readings_chart_rows(rows, chosen, groups)
    assert set(drawn["panel"]) == {"Soviet soldiers who died · all Hungary"}
    assert drawn["label"].tolist()[:3] == ["a<br>Soviet soldiers, Hungary · narrow", "b<br>Soviet soldiers, Hungary · narrow",
                                           "◆ Encyclopedia<br>Soviet soldiers, Hungary: nearly 720 · narrow"]
    assert (drawn["key"] == YARDSTICK).sum() == 3 and len(drawn) == 9
    narrow_a, narrow_ref = drawn.iloc[0], drawn.iloc[2]
    assert (narrow_a["low"], narrow_a["high"]) == (700, 1050)
    assert (narrow_ref["low"], narrow_ref["high"]) == (684, 720)  # the yardstick's "nearly" read narrowly too


def test_sources_table_lists_each_source_once_with_its_figures() -> None:
    reference = reference_frame(
        {"ref_id": "sref-1", "measure": "dead", "value": 1, "figure_as_published": "1", "source_url": "https://a.org"},
        {"ref_id": "sref-2", "measure": "dead", "value": 2, "figure_as_published": "2", "source_url": "https://b.org"},
        {"ref_id": "sref-3", "measure": "tanks", "value": 3, "figure_as_published": "3", "source_url": "https://a.org"})
    table = sources_table(reference)
    assert table[["source_url", "figures", "kind"]].values.tolist() == [["https://a.org", "1, 3", "encyclopedia"],
                                                                          ["https://b.org", "2", "encyclopedia"]]
    assert len(sources_table(load_scholarly_estimates())) < len(load_scholarly_estimates())
