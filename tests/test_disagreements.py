"""The disagreement finder's verdicts: the pure rules of
:mod:`helpers.evidence.verdicts`, then the finder of
:mod:`helpers.lessons.disagreements` on small hand-made claim sets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pytest
from helpers.evidence.verdicts import (
    TermRelations,
    date_pair_verdict,
    name_pair_verdict,
    number_pair_verdict,
    opposite_orders_verdict,
    overlaps,
    reasons_verdict,
    strictly_before,
    term_pair_verdict,
)
from helpers.evidence.vocabularies import Vocabulary
from helpers.lessons.disagreements import (
    TABLE_COLUMNS,
    Evidence,
    counts,
    find_disagreements,
    omissions,
)

# ==========================================================================
# A. The pure verdict functions
# ==========================================================================

# --- dates ----------------------------------------------------------------


def test_date_same_is_no_disagreement():
    assert date_pair_verdict("1956-10-23", "1956-10-23") is None


def test_date_year_and_day_inside_it_are_compatible():
    assert date_pair_verdict("1956", "1956-10-23") == "compatible"
    assert date_pair_verdict("1956-10-23", "1956") == "compatible"


def test_date_month_and_day_inside_it_are_compatible():
    assert date_pair_verdict("1956-10", "1956-10-23") == "compatible"


def test_date_two_different_months_conflict():
    assert date_pair_verdict("1956-06", "1956-07") == "conflict"


def test_date_day_outside_the_month_conflicts():
    assert date_pair_verdict("1956-06", "1956-07-18") == "conflict"


def test_date_one_undated_is_silent():
    assert date_pair_verdict("1956", None) == "silent"
    assert date_pair_verdict(None, "1956-10-23") == "silent"


def test_date_both_undated_is_no_disagreement():
    assert date_pair_verdict(None, None) is None


def test_strictly_before_needs_every_day_before():
    assert strictly_before("1956-10", "1956-11-04")
    assert not strictly_before("1956", "1956-11-04")
    assert not strictly_before("1956-11-04", "1956-10")
    assert not strictly_before("1956-10-23", "1956-10-23")


# --- order ----------------------------------------------------------------


def test_order_opposite_orders_conflict():
    # One puts A before B; the other puts B before A.
    assert opposite_orders_verdict(True, False) == "conflict"
    assert opposite_orders_verdict(False, True) == "conflict"


def test_order_same_order_is_no_disagreement():
    assert opposite_orders_verdict(True, True) is None
    assert opposite_orders_verdict(False, False) is None


# --- numbers --------------------------------------------------------------


def test_overlaps():
    assert overlaps((100, 200), (150, 300))
    assert overlaps((100, 200), (200, 300))
    assert not overlaps((100, 200), (201, 300))
    assert overlaps((100, None), (50, 150))
    assert not overlaps((100, None), (50, 60))
    assert overlaps((1, None), (2, None))


def test_number_same_scope_overlapping_is_compatible():
    assert number_pair_verdict((100, 200), (150, 300)) == "compatible"


def test_number_same_scope_disjoint_conflict():
    assert number_pair_verdict((100, 200), (300, 400)) == "conflict"


def test_number_equal_is_no_disagreement():
    assert number_pair_verdict((100, 200), (100, 200)) is None


def test_number_part_below_whole_is_different_scope():
    assert number_pair_verdict((100, 200), (1000, 2000), "part", "whole") == "different_scope"
    assert number_pair_verdict((1000, 2000), (100, 200), "whole", "part") == "different_scope"


def test_number_part_overlapping_whole_is_different_scope():
    # Budapest's count may be most of the country's.
    assert number_pair_verdict((900, 1100), (1000, 2000), "part", "whole") == "different_scope"


def test_number_part_above_whole_conflicts():
    assert number_pair_verdict((3000, 4000), (1000, 2000), "part", "whole") == "conflict"
    assert number_pair_verdict((1000, 2000), (3000, 4000), "whole", "part") == "conflict"


def test_number_part_against_unbounded_whole_is_different_scope():
    assert number_pair_verdict((5000, None), (1000, None), "part", "whole") == "different_scope"


def test_number_with_named_scopes():
    assert number_pair_verdict((3000, 3000), (1000, 1000), "Budapest only", "all Hungary",
                               "Budapest only", "all Hungary") == "conflict"


def test_number_one_without_a_number_is_compatible():
    assert number_pair_verdict(None, (100, 200)) == "compatible"
    assert number_pair_verdict((100, 200), None) == "compatible"


def test_number_neither_with_a_number_is_no_disagreement():
    assert number_pair_verdict(None, None) is None


def test_number_abroad_and_whole_are_not_compared():
    assert number_pair_verdict((100, 200), (5000, 6000), "abroad", "whole") is None
    assert number_pair_verdict((100, 200), (5000, 6000), "abroad", "part") is None


# --- terms ----------------------------------------------------------------

# A small Soviet side: the troops and the leaders are parts of "soviets";
# the Presidium is part of the leaders; "politburo" is another name for the
# Presidium; "leader" is vague; "unspecified" names no one.
RELATIONS = TermRelations(
    broader={"soviet_troops": "soviets", "soviet_leaders": "soviets", "presidium": "soviet_leaders"},
    same_as={"politburo": "presidium"},
    vague=frozenset({"leader"}),
    unnamed=frozenset({"unspecified"}),
)


def test_term_same_is_no_disagreement():
    assert term_pair_verdict("soviets", "soviets", RELATIONS) is None


def test_term_unnamed_or_missing_is_silent():
    assert term_pair_verdict("unspecified", "soviets", RELATIONS) == "silent"
    assert term_pair_verdict("soviets", "unspecified", RELATIONS) == "silent"
    assert term_pair_verdict(None, "soviets", RELATIONS) == "silent"
    assert term_pair_verdict("soviets", None, RELATIONS) == "silent"


def test_term_both_missing_is_no_disagreement():
    assert term_pair_verdict("unspecified", None, RELATIONS) is None


def test_term_same_as_is_compatible():
    assert term_pair_verdict("politburo", "presidium", RELATIONS) == "compatible"


def test_term_vague_is_compatible():
    assert term_pair_verdict("leader", "soviet_troops", RELATIONS) == "compatible"
    assert term_pair_verdict("self", "leader", RELATIONS) == "compatible"


def test_term_broader_is_compatible():
    assert term_pair_verdict("presidium", "soviet_leaders", RELATIONS) == "compatible"
    assert term_pair_verdict("soviet_leaders", "presidium", RELATIONS) == "compatible"


def test_term_siblings_under_a_broader_term_are_different_scope():
    assert term_pair_verdict("soviet_troops", "soviet_leaders", RELATIONS) == "different_scope"


def test_term_unrelated_agents_are_different_scope_and_unrelated_offices_conflict():
    # Two agents: both may have had a part ("he resigned", "the Soviets replaced him").
    assert term_pair_verdict("soviets", "self", RELATIONS) == "different_scope"
    assert term_pair_verdict("soviets", "self") == "different_scope"  # no relations at all
    # Two offices of a vocabulary whose terms exclude each other.
    offices = TermRelations({"prime_minister": "head_of_government"}, {}, exclusive=True)
    assert term_pair_verdict("party_leader", "prime_minister", offices) == "conflict"
    assert term_pair_verdict("head_of_government", "prime_minister", offices) == "compatible"


def test_term_chain_of_broader_terms():
    assert RELATIONS.ancestors("politburo") == ["soviet_leaders", "soviets"]
    # Two steps up (and through another name): still contained.
    assert term_pair_verdict("presidium", "soviets", RELATIONS) == "compatible"
    assert term_pair_verdict("soviets", "politburo", RELATIONS) == "compatible"
    # Parts of one side, met two steps up on one branch.
    assert term_pair_verdict("politburo", "soviet_troops", RELATIONS) == "different_scope"


# --- names and reasons ----------------------------------------------------


def test_name_misspelt_against_right_is_compatible_a_slip_not_another_account():
    assert name_pair_verdict("Kagy", "Imre Nagy", True, False) == "compatible"
    assert name_pair_verdict("Imre Nagy", "Kagy", False, True) == "compatible"
    assert name_pair_verdict("Kagy", "Kagy", True, False) == "compatible"  # the same letters, one marked wrong


def test_name_same_is_no_disagreement():
    assert name_pair_verdict("Imre Nagy", "Imre Nagy") is None


def test_name_other_spelling_is_compatible():
    assert name_pair_verdict("Matyas Rakosi", "Mátyás Rákosi") == "compatible"


def test_reasons_fewer_are_silent_other_reasons_are_compatible():
    assert reasons_verdict(["neutrality", "suez"], ["neutrality"]) == "silent"
    assert reasons_verdict(["neutrality"], ["neutrality", "events_in_poland"]) == "silent"
    assert reasons_verdict(["neutrality"], ["suez"]) == "compatible"
    assert reasons_verdict(["neutrality", "suez"], ["suez", "neutrality"]) is None


# ==========================================================================
# B. The finder on hand-made claim sets
# ==========================================================================


def _frame(table: str, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    columns = TABLE_COLUMNS[table]
    for row in rows:
        unknown = set(row) - set(columns)
        assert not unknown, f"{table}: no columns {unknown}"
    return pd.DataFrame([{column: row.get(column) for column in columns} for row in rows], columns=columns)


def _vocabulary(name: str, broader: dict[str, str] | None = None, same_as: dict[str, str] | None = None,
                vague: list[str] | None = None, unnamed: list[str] | None = None, exclusive: bool = False
                ) -> Vocabulary:
    return Vocabulary(name, f"test vocabulary {name}", {}, [], broader or {}, same_as or {}, vague or [],
                      unnamed or [], exclusive)


VOCABULARIES = {
    "decided_by": _vocabulary("decided_by", broader={"soviet_politburo": "soviets", "kremlin": "soviets"},
                              unnamed=["unspecified"]),
    "office": _vocabulary("office", broader={"prime_minister": "head_of_government"},
                          vague=["leader_unspecified"], exclusive=True),
    "soviet_body": _vocabulary("soviet_body",
                               broader={"presidium": "soviet_leaders", "soviet_leaders": "soviets",
                                        "soviet_troops": "soviets"},
                               same_as={"politburo": "presidium"}),
}

EVENTS = [
    {"event_id": "rakosi_removed", "label": "Rákosi removed", "category": "leadership"},
    {"event_id": "stalin_dies", "label": "Stalin dies", "category": "domestic_politics"},
    {"event_id": "uprising_begins", "label": "The uprising begins", "category": "uprising"},
    {"event_id": "second_intervention", "label": "Soviet troops return", "category": "soviet_action"},
]


def make_evidence(texts: Mapping[str, str] | None = None, **rows: Sequence[Mapping[str, Any]]) -> Evidence:
    """Evidence from hand-made rows per table; each document's text holds
    every quote of its claims (one after the other, in table order) unless
    ``texts`` gives it."""
    tables = {table: _frame(table, table_rows) for table, table_rows in rows.items()}
    tables.setdefault("events", _frame("events", EVENTS))
    quotes: dict[str, list[str]] = {}
    for table, table_rows in rows.items():
        for row in table_rows:
            if "doc_id" in row and "quote" in row and row["quote"] not in quotes.get(row["doc_id"], []):
                quotes.setdefault(row["doc_id"], []).append(row["quote"])
    all_texts = {doc_id: " ".join(doc_quotes) for doc_id, doc_quotes in quotes.items()}
    all_texts.update(texts or {})
    for doc_id, text in all_texts.items():
        for table_rows in rows.values():
            for row in table_rows:
                if row.get("doc_id") == doc_id and "quote" in row:
                    assert row["quote"] in text, f"quote {row['quote']!r} not in the text of {doc_id}"
    if "documents" not in tables:
        tables["documents"] = _frame("documents", [{"doc_id": doc_id} for doc_id in all_texts])
    return Evidence(tables, all_texts, VOCABULARIES)


def _claim(claim_id: str, doc_id: str, event_id: str, date: str | None, quote: str) -> dict[str, Any]:
    return {"claim_id": claim_id, "doc_id": doc_id, "event_id": event_id, "date_text": date, "date": date,
            "quote": quote}


def rows_of(found: pd.DataFrame, kind: str) -> pd.DataFrame:
    return found[found["kind"] == kind].reset_index(drop=True)


def only_row(found: pd.DataFrame, kind: str) -> pd.Series:
    chosen = rows_of(found, kind)
    assert len(chosen) == 1, chosen[["thing_id", "verdict", "first_docs", "second_docs"]].to_string()
    return chosen.iloc[0]


# --- dates ----------------------------------------------------------------


def test_finder_date_conflict():
    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-a", "a", "rakosi_removed", "1956-06", "In June 1956 Rákosi was removed."),
        _claim("e-b", "b", "rakosi_removed", "1956-07", "In July 1956 Rákosi was removed."),
    ]))
    row = only_row(found, "date")
    assert row["verdict"] == "conflict"
    assert row["thing_id"] == "event:rakosi_removed"
    assert {*row["first_docs"], *row["second_docs"]} == {"a", "b"}
    assert set(row["first_docs"]).isdisjoint(row["second_docs"])


def test_finder_date_compatible_with_different_precision():
    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-a", "a", "uprising_begins", "1956", "In 1956 the Hungarians rose."),
        _claim("e-b", "b", "uprising_begins", "1956-10-23", "On 23 October 1956 the Hungarians rose."),
    ]))
    row = only_row(found, "date")
    assert row["verdict"] == "compatible"
    assert {*row["first_docs"], *row["second_docs"]} == {"a", "b"}


def test_finder_date_silent_puts_the_silent_document_second():
    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-b", "b", "uprising_begins", None, "The Hungarians rose."),
        _claim("e-a", "a", "uprising_begins", "1956-10-23", "On 23 October 1956 the Hungarians rose."),
    ]))
    row = only_row(found, "date")
    assert row["verdict"] == "silent"
    assert row["first_docs"] == ("a",)
    assert row["second_docs"] == ("b",)


def test_finder_same_value_documents_stand_on_one_side():
    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-a", "a", "rakosi_removed", "1956-06", "In June 1956 Rákosi was removed."),
        _claim("e-b", "b", "rakosi_removed", "1956-06", "Rákosi fell in June 1956."),
        _claim("e-c", "c", "rakosi_removed", "1956-07", "In July 1956 Rákosi was removed."),
    ]))
    row = only_row(found, "date")
    assert row["verdict"] == "conflict"
    assert row["first_docs"] == ("a", "b")
    assert row["first_claims"] == ("e-a", "e-b")
    assert row["second_docs"] == ("c",)


def test_finder_same_document_dates_are_never_a_disagreement():
    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-a1", "a", "rakosi_removed", "1956-06", "In June 1956 Rákosi was removed."),
        _claim("e-a2", "a", "rakosi_removed", "1956-07", "In July 1956 Rákosi was removed."),
    ]))
    assert found.empty


def test_finder_document_dating_an_event_once_is_not_silent_on_it():
    # a tells the event twice, once undated; b dates it the same: nothing to report.
    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-a1", "a", "uprising_begins", "1956-10-23", "On 23 October 1956 the Hungarians rose."),
        _claim("e-a2", "a", "uprising_begins", None, "The rising spread."),
        _claim("e-b", "b", "uprising_begins", "1956-10-23", "The revolt began on 23 October 1956."),
    ]))
    assert found.empty


# --- order ----------------------------------------------------------------


def test_finder_order_two_documents_in_opposite_orders_conflict():
    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-a1", "a", "stalin_dies", "1956-06", "Stalin died in June 1956."),
        _claim("e-a2", "a", "rakosi_removed", "1956-07", "Rákosi went in July 1956."),
        _claim("e-b1", "b", "stalin_dies", "1956-08", "Stalin died in August 1956."),
        _claim("e-b2", "b", "rakosi_removed", "1956-07", "Rákosi went in July 1956."),
    ]))
    row = only_row(found, "order")
    assert row["verdict"] == "conflict"
    assert row["theme"] == "events"
    assert {row["first_docs"], row["second_docs"]} == {("a",), ("b",)}


def test_finder_order_left_open_by_a_year_only_date_is_not_reported():
    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-a1", "a", "stalin_dies", "1956-06", "Stalin died in June 1956."),
        _claim("e-a2", "a", "rakosi_removed", "1956-07", "Rákosi went in July 1956."),
        _claim("e-b1", "b", "stalin_dies", "1956", "Stalin died in 1956."),
        _claim("e-b2", "b", "rakosi_removed", "1956-07", "Rákosi went in July 1956."),
    ]))
    assert rows_of(found, "order").empty


def test_finder_order_words_against_own_dates():
    # The words tell the uprising "then" Rákosi's removal; the dates put the removal first.
    first = "On 23 October 1956 the Hungarians rose."
    second = "Then, in July 1956, Rákosi was removed."
    found = find_disagreements(make_evidence(
        texts={"a": f"{first} {second}"},
        event_claims=[
            _claim("e-a1", "a", "uprising_begins", "1956-10-23", first),
            _claim("e-a2", "a", "rakosi_removed", "1956-07", second),
        ]))
    row = only_row(found, "order")
    assert row["verdict"] == "conflict"
    assert row["first_docs"] == ("a",)
    assert row["second_docs"] == ("a",)
    words = " ".join((*row["first_words"], *row["second_words"]))
    assert "by its dates" in words
    assert "“then”" in words


def test_finder_order_words_that_agree_with_own_dates_are_not_reported():
    first = "In July 1956 Rákosi was removed."
    second = "Then, on 23 October 1956, the Hungarians rose."
    found = find_disagreements(make_evidence(
        texts={"a": f"{first} {second}"},
        event_claims=[
            _claim("e-a1", "a", "rakosi_removed", "1956-07", first),
            _claim("e-a2", "a", "uprising_begins", "1956-10-23", second),
        ]))
    assert rows_of(found, "order").empty


# --- numbers --------------------------------------------------------------


def _estimate(claim_id: str, doc_id: str, qualifier_key: str, value: int | None, number_text: str, quote: str,
              place: str = "hungary", measure: str = "dead", counted: str = "hungarians") -> dict[str, Any]:
    return {"claim_id": claim_id, "doc_id": doc_id, "span": "body", "measure": measure, "counted": counted,
            "place": place, "number_text": number_text, "qualifier_text": None, "qualifier_key": qualifier_key,
            "value": value, "low": None, "high": None, "quote": quote, "note": None}


def test_finder_number_conflict():
    found = find_disagreements(make_evidence(estimates=[
        _estimate("n-a", "a", "exact", 2500, "2,500", "2,500 Hungarians died."),
        _estimate("n-b", "b", "around", 300, "around 300", "Around 300 Hungarians died."),
    ]))
    row = only_row(found, "number")
    assert row["verdict"] == "conflict"
    assert row["theme"] == "numbers"
    assert {*row["first_docs"], *row["second_docs"]} == {"a", "b"}


def test_finder_number_compatible():
    found = find_disagreements(make_evidence(estimates=[
        _estimate("n-a", "a", "thousands", None, "thousands", "Thousands of Hungarians died."),
        _estimate("n-b", "b", "around", 3000, "around 3,000", "Around 3,000 Hungarians died."),
    ]))
    row = only_row(found, "number")
    assert row["verdict"] == "compatible"
    assert {*row["first_docs"], *row["second_docs"]} == {"a", "b"}


def test_finder_number_budapest_below_hungary_is_different_scope():
    found = find_disagreements(make_evidence(estimates=[
        _estimate("n-a", "a", "exact", 1000, "1,000", "1,000 Hungarians died in Budapest.", place="budapest"),
        _estimate("n-b", "b", "exact", 2500, "2,500", "2,500 Hungarians died in Hungary.", place="hungary"),
    ]))
    row = only_row(found, "number")
    assert row["verdict"] == "different_scope"
    assert {*row["first_docs"], *row["second_docs"]} == {"a", "b"}


def test_finder_number_budapest_above_hungary_conflicts():
    found = find_disagreements(make_evidence(estimates=[
        _estimate("n-a", "a", "exact", 5000, "5,000", "5,000 Hungarians died in Budapest.", place="budapest"),
        _estimate("n-b", "b", "exact", 2500, "2,500", "2,500 Hungarians died in Hungary.", place="hungary"),
    ]))
    assert only_row(found, "number")["verdict"] == "conflict"


def test_finder_numbers_of_one_document_are_never_a_disagreement():
    found = find_disagreements(make_evidence(estimates=[
        _estimate("n-a1", "a", "exact", 2500, "2,500", "2,500 Hungarians died."),
        _estimate("n-a2", "a", "exact", 300, "300", "Only 300 Hungarians died."),
    ]))
    assert found.empty


def test_finder_counts_of_different_people_are_not_compared():
    found = find_disagreements(make_evidence(estimates=[
        _estimate("n-a", "a", "exact", 2500, "2,500", "2,500 Hungarians died."),
        _estimate("n-b", "b", "exact", 300, "300", "300 Soviet soldiers died.", counted="soviet_soldiers"),
    ]))
    assert found.empty


# --- agents and offices of changes of office --------------------------------


def _change(claim_id: str, doc_id: str, quote: str, decided_by: str | None = "unspecified",
            office: str | None = "party_leader", change: str = "removed", person_id: str = "rakosi",
            ) -> dict[str, Any]:
    return {"claim_id": claim_id, "doc_id": doc_id, "person_id": person_id, "change": change, "office": office,
            "office_as_written": None, "decided_by": decided_by, "decided_by_as_written": None, "quote": quote}


def _changes_evidence(changes: Sequence[dict[str, Any]], tie: Sequence[str] = ("a", "b")) -> Evidence:
    """Each change tied to "rakosi_removed" by an event claim of its
    document with the same quote (for the documents in ``tie``)."""
    claims = [_claim(f"e-{row['claim_id']}", row["doc_id"], "rakosi_removed", None, row["quote"])
              for row in changes if row["doc_id"] in tie]
    return make_evidence(event_claims=claims, leadership_changes=changes,
                         people=[{"person_id": "rakosi", "canonical_name": "Mátyás Rákosi"}])


def test_finder_two_agents_are_different_scope():
    found = find_disagreements(_changes_evidence([
        _change("l-a", "a", "The Soviets removed Rákosi.", decided_by="soviets"),
        _change("l-b", "b", "Rákosi removed himself.", decided_by="self"),
    ]))
    row = only_row(found, "agent")
    assert row["verdict"] == "different_scope"
    assert row["theme"] == "leaders"
    assert row["thing_id"].startswith("change:rakosi_removed:rakosi:")
    assert {*row["first_docs"], *row["second_docs"]} == {"a", "b"}


def test_finder_agent_silent():
    found = find_disagreements(_changes_evidence([
        _change("l-b", "b", "Rákosi was removed.", decided_by="unspecified"),
        _change("l-a", "a", "The Soviets removed Rákosi.", decided_by="soviets"),
    ]))
    row = only_row(found, "agent")
    assert row["verdict"] == "silent"
    assert row["first_docs"] == ("a",)
    assert row["second_docs"] == ("b",)


def test_finder_removed_and_resigned_are_the_same_change():
    found = find_disagreements(_changes_evidence([
        _change("l-a", "a", "The Soviets removed Rákosi.", decided_by="soviets", change="removed"),
        _change("l-b", "b", "Rákosi resigned of his own will.", decided_by="self", change="resigned"),
    ]))
    assert only_row(found, "agent")["verdict"] == "different_scope"


def test_finder_changes_not_tied_to_the_same_event_are_not_compared():
    # b's change has no event claim overlapping its quote: it is another thing.
    found = find_disagreements(_changes_evidence([
        _change("l-a", "a", "The Soviets removed Rákosi.", decided_by="soviets"),
        _change("l-b", "b", "Rákosi removed himself.", decided_by="self"),
    ], tie=("a",)))
    assert rows_of(found, "agent").empty


def test_finder_office_vague_against_specific_is_compatible():
    found = find_disagreements(_changes_evidence([
        _change("l-a", "a", "Rákosi lost his post as leader.", office="leader_unspecified"),
        _change("l-b", "b", "Rákosi lost his post as party leader.", office="party_leader"),
    ]))
    row = only_row(found, "office")
    assert row["verdict"] == "compatible"
    assert {*row["first_docs"], *row["second_docs"]} == {"a", "b"}


def test_finder_office_two_unrelated_offices_conflict():
    found = find_disagreements(_changes_evidence([
        _change("l-a", "a", "Rákosi lost his post as party leader.", office="party_leader"),
        _change("l-b", "b", "Rákosi lost his post as prime minister.", office="prime_minister"),
    ]))
    row = only_row(found, "office")
    assert row["verdict"] == "conflict"
    assert {*row["first_docs"], *row["second_docs"]} == {"a", "b"}


# --- agents of Soviet decisions ---------------------------------------------


def test_finder_soviet_bodies_under_one_side_are_different_scope():
    decisions = [
        {"claim_id": "s-a", "doc_id": "a", "decision": "intervene", "body": "soviet_troops",
         "body_as_written": "Soviet troops", "quote": "Soviet troops invaded Hungary."},
        {"claim_id": "s-b", "doc_id": "b", "decision": "intervene", "body": "presidium",
         "body_as_written": "the Presidium", "quote": "The Presidium sent the army back in."},
    ]
    claims = [_claim(f"e-{row['claim_id']}", row["doc_id"], "second_intervention", None, row["quote"])
              for row in decisions]
    found = find_disagreements(make_evidence(event_claims=claims, soviet_decisions=decisions))
    row = only_row(found, "agent")
    assert row["verdict"] == "different_scope"
    assert row["theme"] == "soviet"
    assert {*row["first_docs"], *row["second_docs"]} == {"a", "b"}


# --- names ----------------------------------------------------------------


def _variant(doc_id: str, spelling: str, quote: str, wrong: bool = False) -> dict[str, Any]:
    return {"person_id": "nagy_imre", "doc_id": doc_id, "spelling": spelling, "is_misspelling": wrong,
            "quote": quote}


NAGY = [{"person_id": "nagy_imre", "canonical_name": "Imre Nagy"}]


def test_finder_name_misspelling_is_compatible():
    found = find_disagreements(make_evidence(people=NAGY, name_variants=[
        _variant("a", "Imre Nagy", "Imre Nagy became prime minister."),
        _variant("b", "Kagy", "Kagy was a hero.", wrong=True),
    ]))
    row = only_row(found, "name")
    assert row["verdict"] == "compatible"
    assert row["thing"] == "Imre Nagy"
    assert {*row["first_docs"], *row["second_docs"]} == {"a", "b"}


def test_finder_name_surname_alone_is_no_disagreement():
    found = find_disagreements(make_evidence(people=NAGY, name_variants=[
        _variant("a", "Imre Nagy", "Imre Nagy became prime minister."),
        _variant("b", "Nagy", "Nagy was a hero."),
    ]))
    assert found.empty


def test_finder_name_other_letters_are_compatible():
    found = find_disagreements(make_evidence(people=NAGY, name_variants=[
        _variant("a", "Imre Nagy", "Imre Nagy became prime minister."),
        _variant("b", "Imre Nágy", "Imre Nágy was a hero."),
    ]))
    assert only_row(found, "name")["verdict"] == "compatible"


def test_finder_name_misspelling_within_one_document_is_no_disagreement():
    found = find_disagreements(make_evidence(people=NAGY, name_variants=[
        _variant("a", "Imre Nagy", "Imre Nagy became prime minister."),
        _variant("a", "Kagy", "Kagy was a hero.", wrong=True),
    ]))
    assert found.empty


# --- reasons --------------------------------------------------------------


def test_finder_reason_one_gives_and_other_does_not_is_silent():
    found = find_disagreements(make_evidence(reversal_reasons=[
        {"claim_id": "r-a1", "doc_id": "a", "reason": "neutrality", "applies_to": "intervention",
         "quote": "Hungary wished to be neutral."},
        {"claim_id": "r-a2", "doc_id": "a", "reason": "suez", "applies_to": "intervention",
         "quote": "The West was busy at Suez."},
        {"claim_id": "r-b1", "doc_id": "b", "reason": "neutrality", "applies_to": "intervention",
         "quote": "Neutrality was too much for Moscow."},
    ]))
    row = only_row(found, "reason")
    assert row["verdict"] == "silent"
    assert row["thing_id"] == "reasons:reason:intervention"
    assert row["first_docs"] == ("a",) and row["first_words"] == ("gives: neutrality; suez",)
    assert row["second_docs"] == ("b",) and row["second_words"] == ("gives: neutrality",)


def test_finder_reasons_for_what_the_vocabulary_calls_the_same_decision_are_compared():
    evidence = make_evidence(reversal_reasons=[
        {"claim_id": "r-a", "doc_id": "a", "reason": "suez", "applies_to": "intervention",
         "quote": "The West was busy at Suez."},
        {"claim_id": "r-b", "doc_id": "b", "reason": "neutrality", "applies_to": "reversal",
         "quote": "Neutrality was too much for Moscow."},
    ])
    evidence.vocabularies = {**VOCABULARIES, "applies_to": _vocabulary("applies_to",
                                                                       same_as={"intervention": "reversal"})}
    row = only_row(find_disagreements(evidence), "reason")
    assert (row["thing_id"], row["first_docs"], row["second_docs"]) == ("reasons:reason:reversal", ("a",), ("b",))


def test_finder_reasons_the_world_gave_for_staying_out_are_compared():
    evidence = make_evidence(international_reactions=[
        {"claim_id": "i-a", "doc_id": "a", "actor": "west", "reaction": "did_not_intervene",
         "reason_given": "fear_of_war", "quote": "The West feared a world war."},
        {"claim_id": "i-b", "doc_id": "b", "actor": "west", "reaction": "distracted_by_suez",
         "reason_given": "suez", "quote": "The West looked at Suez."},
        {"claim_id": "i-c", "doc_id": "c", "actor": "united_nations", "reaction": "appealed_to",
         "reason_given": None, "quote": "Nagy appealed to the UN."},
    ])
    evidence.vocabularies = {**VOCABULARIES, "reaction": _vocabulary(
        "reaction", broader={"distracted_by_suez": "did_not_intervene"})}
    row = only_row(find_disagreements(evidence), "reason")
    assert row["thing_id"] == "reasons:reason_given:did_not_intervene"
    assert {row["first_words"], row["second_words"]} == {("gives: fear of war",), ("gives: suez",)}


def test_a_reader_comment_is_a_voice_of_its_own():
    found = find_disagreements(make_evidence(event_claims=[
        {**_claim("e-a1", "a", "rakosi_removed", "1956-07", "Rákosi fell in July 1956."), "span": "body"},
        {**_claim("e-a2", "a", "rakosi_removed", "1956-06", "No, he fell in June 1956."), "span": "comments"},
    ]))
    row = only_row(found, "date")
    assert row["verdict"] == "conflict"
    assert (row["first_docs"], row["first_spans"], row["second_docs"], row["second_spans"]) == (
        ("a",), ("body",), ("a",), ("comments",))


def test_a_document_on_both_sides_leaves_the_pair():
    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-a1", "a", "uprising_begins", "1956-10-23", "On 23 October the Hungarians rose."),
        _claim("e-a2", "a", "uprising_begins", "1956-10", "The uprising of October 1956 began."),
        _claim("e-b1", "b", "uprising_begins", "1956-10-23", "The revolt began on 23 October 1956."),
    ]))
    assert rows_of(found, "date").empty  # a says both: b disagrees with no one


def test_finder_reasons_for_different_decisions_are_not_compared():
    found = find_disagreements(make_evidence(reversal_reasons=[
        {"claim_id": "r-a", "doc_id": "a", "reason": "suez", "applies_to": "intervention",
         "quote": "The West was busy at Suez."},
        {"claim_id": "r-b", "doc_id": "b", "reason": "neutrality", "applies_to": "reversal",
         "quote": "Neutrality was too much for Moscow."},
    ]))
    assert found.empty


# --- omissions and counts ---------------------------------------------------


def test_omissions_lists_an_event_a_document_does_not_tell():
    evidence = make_evidence(event_claims=[
        _claim("e-a1", "a", "uprising_begins", "1956-10-23", "On 23 October 1956 the Hungarians rose."),
        _claim("e-a2", "a", "second_intervention", "1956-11-04", "On 4 November the Soviets returned."),
        _claim("e-b1", "b", "uprising_begins", "1956-10-23", "The revolt began on 23 October 1956."),
    ])
    missing = omissions(evidence)
    assert list(zip(missing["doc_id"], missing["thing_id"])) == [("b", "event:second_intervention")]
    row = missing.iloc[0]
    assert row["told_by"] == ("a",)
    assert row["theme"] == "soviet"


def test_omissions_lists_a_count_a_document_does_not_give():
    evidence = make_evidence(
        event_claims=[_claim("e-b", "b", "uprising_begins", "1956-10-23", "The revolt began on 23 October 1956.")],
        estimates=[_estimate("n-a", "a", "exact", 2500, "2,500", "2,500 Hungarians died.")],
    )
    missing = omissions(evidence)
    by_doc = {doc: set(group["thing_id"]) for doc, group in missing.groupby("doc_id")}
    assert by_doc == {"a": {"event:uprising_begins"}, "b": {"count:dead:hungarians"}}


def test_counts_tallies_kinds_and_verdicts():
    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-a", "a", "rakosi_removed", "1956-06", "In June 1956 Rákosi was removed."),
        _claim("e-b", "b", "rakosi_removed", "1956-07", "In July 1956 Rákosi was removed."),
        _claim("e-c", "c", "uprising_begins", "1956", "In 1956 the Hungarians rose."),
        _claim("e-d", "d", "uprising_begins", "1956-10-23", "On 23 October 1956 the Hungarians rose."),
    ]))
    table = counts(found)
    assert table.loc["date", "conflict"] == 1
    assert table.loc["date", "compatible"] == 1
    assert int(table.to_numpy().sum()) == len(found) == 2
    assert list(table.index) == ["date", "number", "agent", "office", "name", "reason", "order"]


def test_finder_reads_absent_tables_as_empty():
    evidence = make_evidence()
    for table, columns in TABLE_COLUMNS.items():
        assert list(evidence.table(table).columns) == columns
        assert evidence.table(table).empty or table in ("events", "documents")
    assert find_disagreements(evidence).empty
    assert omissions(evidence).empty


# --- corrections that settle a comparison -----------------------------------


def test_a_correction_of_one_side_turns_compatible_or_different_scope_into_conflict():
    from helpers.evidence.verdicts import corrected_verdict

    assert corrected_verdict("compatible", True) == "conflict"
    assert corrected_verdict("different_scope", True) == "conflict"
    assert corrected_verdict("silent", True) == "silent"
    assert corrected_verdict("different_scope", False) == "different_scope"
    assert corrected_verdict(None, True) is None


def _corrected(what_is_wrong: str, kind: str = "wrong_fact") -> Evidence:
    """Two documents crediting Rákosi's removal to different agents, the
    first corrected: its correction's quote is the whole sentence."""
    from helpers.evidence.corrections import Correction, CorrectionIndex

    changes = [{**_change("l-a", "a", "The Soviets removed Rákosi.", decided_by="soviets"),
                "decided_by_as_written": "The Soviets"},
               {**_change("l-b", "b", "Kadar removed Rákosi.", decided_by="kadar"), "decided_by_as_written": "Kadar"}]
    evidence = _changes_evidence(changes)
    correction = Correction("corr-1", "a", "The Soviets removed Rákosi.", kind, what_is_wrong, "Someone else did.",
                            "a reason", None)
    evidence.corrections = CorrectionIndex([correction], {"corr-1": ["The Soviets removed Rákosi."]})
    return evidence


def test_a_wrong_fact_about_the_agent_and_the_thing_makes_two_agents_a_conflict():
    found = find_disagreements(_corrected("Credits the Soviets with removing Rákosi."))
    row = only_row(found, "agent")
    assert row["verdict"] == "conflict" and row["corrections"] == ("corr-1",)


@pytest.mark.parametrize("what_is_wrong, kind", [
    ("Says the Soviets acted alone.", "wrong_fact"),  # names the agent, not the thing
    ("Credits the Soviets with removing Rákosi.", "vague"),  # not a kind that says it is false
    ("Credits the Soviets with removing Rákosi.", "wrong_date"),  # a date correction, not about who
    ("Names Rákosi's office wrongly.", "wrong_fact"),  # about the thing, not the agent
])
def test_a_correction_about_something_else_leaves_the_verdict(what_is_wrong: str, kind: str):
    found = find_disagreements(_corrected(what_is_wrong, kind))
    row = only_row(found, "agent")
    assert row["verdict"] == "different_scope" and row["corrections"] == ("corr-1",)


def test_each_document_counts_the_comparisons_it_stands_in_by_verdict():
    from helpers.lessons.disagreements import most_in_conflict_sentence, verdicts_by_document

    found = find_disagreements(make_evidence(event_claims=[
        _claim("e-a1", "a", "rakosi_removed", "1956-06", "Rákosi fell in June 1956."),
        _claim("e-b1", "b", "rakosi_removed", "1956-07", "Rákosi fell in July 1956."),
        _claim("e-c1", "c", "rakosi_removed", "1956", "Rákosi fell in 1956."),
    ]))
    table = verdicts_by_document(found, ["a", "b", "c", "d"], names={"a": "Essay", "b": "Blog", "c": "Wiki"})
    assert table.set_index("doc_id")[["conflict", "compatible"]].to_dict("index") == {
        "a": {"conflict": 1, "compatible": 1}, "b": {"conflict": 1, "compatible": 1},
        "c": {"conflict": 0, "compatible": 2}, "d": {"conflict": 0, "compatible": 0}}
    # c's "1956" fits both June and July: compatible with each, in conflict with neither
    assert most_in_conflict_sentence(table) == "The essay and the blog are in conflict with another document most often (one time each)."


# --- research beside a date, and the lessons' view ---------------------------


def _dated_pair() -> Evidence:
    return make_evidence(event_claims=[
        _claim("e-a1", "a", "rakosi_removed", "1956-06", "Rákosi fell in June 1956."),
        {**_claim("e-b1", "b", "rakosi_removed", "1956-07", "Rákosi fell in July 1956."), "span": "comments"},
    ])


def _chronology(*rows: tuple[str, str | None, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"chron_id": f"chr-{i}", "event_id": "rakosi_removed", "date": date, "date_end": end,
                          "source_title": title, "grade": grade} for i, (date, end, title, grade) in enumerate(rows)])


def test_the_research_beside_a_date_is_its_best_graded_source():
    evidence = _dated_pair()
    evidence.tables = {**evidence.tables, "chronology": _chronology(
        ("1956-07-18", None, "A chronology", "B"), ("1956-07-18", None, "An archive", "A"))}
    row = only_row(find_disagreements(evidence), "date")
    assert row["research"] == "18 July 1956 (An archive; grade A)"


def test_where_the_reference_sources_differ_every_dating_is_given_in_order_of_date():
    evidence = _dated_pair()
    evidence.tables = {**evidence.tables, "chronology": _chronology(
        ("1956-07-21", None, "Late source", "B"), ("1956-07-18", None, "Early source", "C"))}
    row = only_row(find_disagreements(evidence), "date")
    assert row["research"] == ("the sources differ: 18 July 1956 (Early source; grade C); "
                               "21 July 1956 (Late source; grade B)")


def test_many_datings_are_summed_up_as_their_span():
    from helpers.lessons.disagreements import MAX_RESEARCH_DATINGS

    evidence = _dated_pair()
    days = [f"1956-07-{day:02d}" for day in range(10, 11 + MAX_RESEARCH_DATINGS)]
    evidence.tables = {**evidence.tables, "chronology": _chronology(*[(d, None, "S", "B") for d in days])}
    row = only_row(find_disagreements(evidence), "date")
    assert row["research"] == (f"the sources differ ({len(days)} datings), from 10 July 1956 to "
                               f"{int(days[-1][-2:])} July 1956")


def test_the_lessons_view_is_in_words_with_each_voice_named():
    from helpers.lessons.disagreements import VIEW_COLUMNS, disagreement_view

    found = find_disagreements(_dated_pair())
    view = disagreement_view(found, "leaders", ("conflict",), names={"a": "Essay", "b": "Blog"})
    assert list(view.columns) == list(VIEW_COLUMNS)
    row = view.iloc[0]
    assert row["question"] == "When? Rákosi removed" and row["verdict_words"] == "In conflict"
    # (the hand-made claims' date_text is the ISO date itself, hence the quoted "1956-06")
    assert row["first"] == "Essay: “1956-06” (June 1956), “Rákosi fell in June 1956.”"
    assert row["second"] == "Blog (reader comment): “1956-07” (July 1956), “Rákosi fell in July 1956.”"
    assert disagreement_view(found, "leaders", ("compatible",), names={}).empty
    assert disagreement_view(found, "leaders", None, names={}, kinds=("agent",)).empty
    assert disagreement_view(found, "soviet", None, names={}).empty


def test_the_theme_sentence_counts_by_verdict_and_says_what_the_table_shows():
    from helpers.lessons.disagreements import theme_sentence

    found = find_disagreements(_dated_pair())
    assert theme_sentence(found, "leaders", ("conflict",)) == (
        "On this lesson's theme, *Who led Hungary*, two documents say different things one time: 1 in conflict. "
        "The table shows the one comparison in conflict; the folded table below, and the site's page "
        "*Where the sources disagree*, list them all.")
    assert "None is compatible about when" in theme_sentence(found, "leaders", ("compatible",), ("date",))
    assert theme_sentence(found, "soviet") == (
        "On this lesson's theme, *The Soviet decisions*, no two documents say different things.")
