"""Spells, sequences, claims as written, and dates compared, from the leadership table."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from helpers.evidence.dates import with_date_bounds
from helpers.lessons.leadership import (
    HISTORIANS,
    as_written_and_read,
    claims_as_written,
    credit_table,
    date_comparison,
    date_shown,
    fate_overview,
    historians_dates,
    office_spells,
    power_sequence,
    prepare_changes,
    prepare_reference,
    reference_sequences,
    sequence_strings,
    soviet_share,
    timeline_figure,
    timeline_rows,
    verdict_counts,
    wrap_hover_line,
)
from helpers.evidence.tables import load_all_tables

DOCS = pd.DataFrame({"doc_id": ["a", "b"], "file_name": ["a.txt", "b.txt"]})
PEOPLE = pd.DataFrame({"person_id": ["nagy", "rakosi", "kadar"], "canonical_name": ["Imre Nagy", "Mátyás Rákosi", "János Kádár"]})
KINDS = {"took_office": "gain", "regained_office": "gain", "removed": "loss", "lost_office": "loss",
         "resigned": "loss", "executed": "executed", "arrested": "arrested"}


def _changes(rows: list[dict]) -> pd.DataFrame:
    """A prepared-changes frame from a few hand-made claims."""
    defaults = {"office": "prime_minister", "office_as_written": pd.NA, "decided_by": "unspecified",
                "decided_by_as_written": pd.NA, "date_text": pd.NA, "date": pd.NA, "quote": "a quote"}
    frame = pd.DataFrame([{**defaults, **row} for row in rows])
    frame = with_date_bounds(frame)
    frame["kind"] = frame["change"].map(KINDS)
    frame["year"] = frame["date"].str.slice(0, 4)
    frame["canonical_name"] = frame["person_id"].map(dict(zip(PEOPLE["person_id"], PEOPLE["canonical_name"])))
    frame["claim_id"] = [f"c-{i:02d}" for i in range(len(frame))]
    return frame


def _reference(rows: list[dict]) -> pd.DataFrame:
    defaults = {"ref_id": "r", "person": pd.NA, "office": "prime_minister", "date_precision": "day",
                "excerpt": "an excerpt", "source_title": "A source", "source_url": "https://example.org", "grade": "B"}
    frame = pd.DataFrame([{**defaults, "ref_id": f"r-{i}", **row} for i, row in enumerate(rows)])
    return prepare_reference(frame, PEOPLE)


def test_a_replacement_told_in_one_quote_puts_the_loser_first() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 10},
        {"doc_id": "a", "person_id": "rakosi", "change": "lost_office", "offset": 10},
        {"doc_id": "a", "person_id": "rakosi", "change": "regained_office", "offset": 50},
    ])
    sequence = power_sequence(changes)
    assert list(sequence["person_id"]) == ["rakosi", "nagy", "rakosi"]
    assert list(sequence["step"]) == [1, 2, 3]
    strings = sequence_strings(sequence, DOCS)
    assert strings.loc[0, "sequence"] == "Rákosi → Nagy → Rákosi"
    assert list(strings["changes_of_hands"]) == [2, 0]


def test_repeats_collapse_and_foreign_offices_are_left_out() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 1},
        {"doc_id": "a", "person_id": "nagy", "change": "regained_office", "offset": 5},
        {"doc_id": "a", "person_id": "kadar", "change": "took_office", "offset": 7, "office": "soviet_leader"},
    ])
    assert list(power_sequence(changes)["person_id"]) == ["nagy"]


def test_historians_keep_two_offices_apart_in_date_order() -> None:
    reference = _reference([
        {"person_id": "kadar", "office": "party_leader", "change": "took_office", "date": "1956-10-25"},
        {"person_id": "rakosi", "office": "party_leader", "change": "lost_office", "date": "1956-07-18"},
        {"person": "Ernő Gerő", "office": "party_leader", "change": "took_office", "date": "1956-07-18"},
        {"person_id": "rakosi", "change": "lost_office", "date": "1953-07-04"},
        {"person_id": "nagy", "change": "took_office", "date": "1953-07-04"},
        {"person_id": "kadar", "office": "head_of_government", "change": "took_office", "date": "1956-11-04"},
    ])
    sequences = reference_sequences(reference).set_index("office")
    assert sequences.loc["Party leader", "sequence"] == "Rákosi → Gerő → Kádár"
    assert sequences.loc["Head of government", "sequence"] == "Rákosi → Nagy → Kádár"
    assert sequences.loc["Head of government", "changes_of_hands"] == 2
    assert sequences.loc["Party leader", "first"] == "1956-07-18"


def test_a_spell_runs_from_a_gain_to_the_next_loss_and_keeps_gaps() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 1, "date": "1953"},
        {"doc_id": "a", "person_id": "nagy", "change": "removed", "offset": 9, "date": "1955-04"},
        {"doc_id": "b", "person_id": "nagy", "change": "took_office", "offset": 3},
    ])
    spells = office_spells(changes).set_index("doc_id")
    assert spells.loc["a", "start"] == pd.Timestamp("1953-01-01")
    assert spells.loc["a", "end"] == pd.Timestamp("1955-04-30")
    assert spells.loc["a", "end_date"] == "1955-04"
    assert pd.isna(spells.loc["b", "start"]) and pd.isna(spells.loc["b", "end"])


@pytest.mark.parametrize(("written", "reading", "expected"), [
    ("general secretary", "party leader", "“general secretary” (read as: party leader)"),
    ("Prime Minister", "prime minister", "“Prime Minister”"),
    (pd.NA, "prime minister", "not named (read as: prime minister)"),
    (None, "", "not named"),
])
def test_the_document_s_words_stay_beside_the_reading(written, reading, expected) -> None:
    assert as_written_and_read(written, reading, "not named") == expected


def test_dates_as_written_and_as_read() -> None:
    assert date_shown("July of 1956", "1956-07") == "“July of 1956” (read as: July 1956)"
    assert date_shown("June 1956", "1956-06") == "“June 1956”"
    assert date_shown(pd.NA, "1956-10") == "not written (read as: October 1956)"
    assert date_shown("After Stalin died", pd.NA) == "“After Stalin died”"
    assert date_shown(pd.NA, pd.NA) == "no date"


def test_claims_as_written_keep_the_claim_and_add_the_reading() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "rakosi", "change": "resigned", "offset": 1, "office": "party_leader",
         "office_as_written": "general secretary", "decided_by": "soviet_politburo",
         "decided_by_as_written": "Soviet Politburo", "date_text": "June 1956", "date": "1956-06"},
        {"doc_id": "a", "person_id": "nagy", "change": "executed", "offset": 5, "office": pd.NA},
    ])
    claims = claims_as_written(changes, PEOPLE).set_index("person_id")
    assert claims.loc["rakosi", "office_shown"] == "“general secretary” (read as: party leader)"
    assert claims.loc["rakosi", "decided_by_shown"] == "“Soviet Politburo” (read as: Moscow)"
    assert claims.loc["rakosi", "date_shown"] == "“June 1956”"
    assert claims.loc["nagy", "office_shown"] == "" and claims.loc["nagy", "decided_by_shown"] == "no one named"
    # the curator's codes are untouched beside the shown text
    assert claims.loc["rakosi", "office"] == "party_leader" and claims.loc["rakosi", "date"] == "1956-06"


def test_different_precision_is_no_conflict_but_different_months_are() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "rakosi", "change": "resigned", "offset": 1, "date": "1956-06", "date_text": "June 1956"},
        {"doc_id": "b", "person_id": "rakosi", "change": "removed", "offset": 1, "date": "1956-07", "date_text": "July 1956"},
        {"doc_id": "a", "person_id": "nagy", "change": "executed", "offset": 4, "date": "1958", "date_text": "1958"},
        {"doc_id": "b", "person_id": "nagy", "change": "executed", "offset": 4, "date": "1958-06-16",
         "date_text": "June 16, 1958"},
        {"doc_id": "a", "person_id": "kadar", "change": "took_office", "offset": 9, "date": "1956"},
    ])
    reference = _reference([
        {"person_id": "rakosi", "office": "party_leader", "change": "lost_office", "date": "1956-07-18"},
        {"person_id": "nagy", "office": pd.NA, "change": "executed", "date": "1958-06-16"},
    ])
    comparison = date_comparison(changes, reference)
    assert set(comparison["canonical_name"]) == {"Mátyás Rákosi", "Imre Nagy"}  # Kádár: one document only
    verdicts = verdict_counts(comparison)
    assert verdicts["conflict"] == ["Mátyás Rákosi lost office (1956)"]
    assert verdicts["compatible"] == ["Imre Nagy executed (1958)"]
    assert verdicts["same"] == []
    fits = dict(zip(comparison["date"], comparison["fits_historians"]))
    assert fits == {"1956-06": False, "1956-07": True, "1958": True, "1958-06-16": True}
    assert comparison.iloc[0]["verdict"] == "conflict"  # conflicts first


def test_a_claim_without_a_scholarly_row_says_so() -> None:
    changes = _changes([{"doc_id": "a", "person_id": "rakosi", "change": "regained_office", "offset": 1, "date": "1955"}])
    reference = _reference([{"person_id": "nagy", "change": "removed", "date": "1955-04-18"}])
    checked = historians_dates(changes, reference)
    assert checked.loc[0, "historians_date"] == "not in the scholarly table"
    assert pd.isna(checked.loc[0, "fits_historians"])


def test_fates_are_matched_to_the_historians_in_any_year() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "executed", "offset": 1, "office": pd.NA, "date": "1958"},
        {"doc_id": "b", "person_id": "nagy", "change": "executed", "offset": 1, "office": pd.NA},
        {"doc_id": "b", "person_id": "nagy", "change": "arrested", "offset": 2, "office": pd.NA},
    ])
    reference = _reference([{"person_id": "nagy", "office": pd.NA, "change": "executed", "date": "1958-06-16"}])
    overview = fate_overview(changes, reference).set_index("fate")
    assert overview.loc["executed", "doc_ids"] == ["a", "b"]
    assert overview.loc["executed", "all_fit"] is True
    assert overview.loc["arrested", "all_fit"] is None and overview.loc["arrested", "historians"] == []


def test_credit_table_counts_in_words_with_moscow_first() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 1, "decided_by": "kremlin"},
        {"doc_id": "a", "person_id": "nagy", "change": "removed", "offset": 2, "decided_by": "rakosi"},
        {"doc_id": "a", "person_id": "nagy", "change": "removed", "offset": 3},
        {"doc_id": "b", "person_id": "nagy", "change": "executed", "offset": 2, "decided_by": "kremlin"},
    ])
    table = credit_table(changes, PEOPLE, ["a", "b"]).set_index("doc_id")
    assert list(table.columns) == ["Moscow", "Mátyás Rákosi", "no one named", "All changes of office", "Credited to Moscow"]
    assert table.loc["a", "Credited to Moscow"] == "1 of 3"
    assert table.loc["b", "All changes of office"] == 0 and table.loc["b", "Credited to Moscow"] == ""
    assert soviet_share(changes).to_dict() == {"a": pytest.approx(1 / 3)}


def test_hover_lines_break_at_spaces_only_and_are_escaped() -> None:
    line = wrap_hover_line("A new pro-Soviet government <b>was</b> set up " * 3, width=20)
    assert "pro-Soviet" in line and "<b>" not in line and "&lt;b&gt;" in line
    assert all(len(html.unescape(part)) <= 20 for part in line.split("<br>"))


def test_the_real_tables_make_a_timeline_with_one_row_per_person_and_source() -> None:
    tables = load_all_tables()
    changes = prepare_changes(tables)
    assert changes["offset"].ge(0).all()
    assert set(power_sequence(changes)["doc_id"]) <= set(tables["documents"]["doc_id"])
    reference = prepare_reference(tables["leadership_reference"], tables["people"])
    doc_ids = tables["documents"]["doc_id"].tolist()
    points, rows, ticks = timeline_rows(changes, reference, doc_ids)
    assert set(points["row"]) == set(rows) and len(rows) == len(set(rows))
    # every person's rows are together, named once, with the historians' row last
    people_in_order = [row.split(" · ")[0] for row in rows]
    assert people_in_order == sorted(people_in_order, key=people_in_order.index)
    for name in dict.fromkeys(people_in_order):
        mine = [row for row in rows if row.startswith(name + " · ")]
        assert ticks[mine[0]] == name and all(ticks[row] == "" for row in mine[1:])
        if any(row.endswith(HISTORIANS) for row in mine):
            assert mine[-1].endswith(HISTORIANS)
    figure = timeline_figure(changes, reference, tables["people"], tables["documents"])
    marks = [t for t in figure.data if t.x is not None and t.x[0] is not None]
    assert sum(len(t.x) for t in marks) == len(points)
    # partial dates keep their text (the chart in words reads "1953"), drawn in the middle of their span
    for trace in marks:
        if any(len(x) < 10 for x in trace.x):
            assert trace.xperiodalignment == "middle"
    quotes = " ".join(h for t in marks for h in t.hovertext)
    assert "Nagy was caught and later executed for treason in 1958" in quotes.replace("<br>", " ")


@pytest.mark.parametrize("kind", ["gain", "loss"])
def test_prepared_kinds_cover_every_change(kind: str) -> None:
    changes = prepare_changes(load_all_tables())
    assert changes["kind"].notna().all()
    assert (changes["kind"] == kind).any()
