"""Spells, sequences and disagreements derived from the leadership table."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.leadership import (
    credit_table,
    office_spells,
    power_sequence,
    prepare_changes,
    scholarship_for,
    sequence_strings,
    soviet_share,
    variants_side_by_side,
)
from helpers.tables import load_all_tables

DOCS = pd.DataFrame({"doc_id": ["a", "b"], "file_name": ["a.txt", "b.txt"]})


def _changes(rows: list[dict]) -> pd.DataFrame:
    """A prepared-changes frame from a few hand-made claims."""
    defaults = {"office": "prime_minister", "office_as_written": pd.NA, "decided_by": "unspecified",
                "decided_by_as_written": pd.NA, "date_text": pd.NA, "date": pd.NA,
                "date_first": pd.NaT, "date_last": pd.NaT}
    frame = pd.DataFrame([{**defaults, **row} for row in rows])
    frame["kind"] = frame["change"].map({"took_office": "gain", "regained_office": "gain", "removed": "loss",
                                          "lost_office": "loss", "resigned": "loss", "executed": "executed"})
    frame["year"] = frame["date"].str.slice(0, 4)
    frame["canonical_name"] = frame["person_id"].str.title()
    frame["claim_id"] = [f"c-{i:02d}" for i in range(len(frame))]
    return frame


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
    assert strings.loc[0, "sequence"] == "Rakosi → Nagy → Rakosi"
    assert list(strings["changes_of_hands"]) == [2, 0]


def test_repeats_collapse_and_foreign_offices_are_left_out() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 1},
        {"doc_id": "a", "person_id": "nagy", "change": "regained_office", "offset": 5},
        {"doc_id": "a", "person_id": "khrushchev", "change": "took_office", "offset": 7, "office": "soviet_leader"},
    ])
    assert list(power_sequence(changes)["person_id"]) == ["nagy"]


def test_a_spell_runs_from_a_gain_to_the_next_loss_and_keeps_gaps() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 1, "date": "1953",
         "date_first": pd.Timestamp("1953-01-01"), "date_last": pd.Timestamp("1953-12-31")},
        {"doc_id": "a", "person_id": "nagy", "change": "removed", "offset": 9, "date": "1955-04",
         "date_first": pd.Timestamp("1955-04-01"), "date_last": pd.Timestamp("1955-04-30")},
        {"doc_id": "b", "person_id": "nagy", "change": "took_office", "offset": 3},
    ])
    spells = office_spells(changes).set_index("doc_id")
    assert spells.loc["a", "start"] == pd.Timestamp("1953-01-01")
    assert spells.loc["a", "end"] == pd.Timestamp("1955-04-30")
    assert pd.isna(spells.loc["b", "start"]) and pd.isna(spells.loc["b", "end"])


def test_variants_show_only_changes_told_by_two_documents() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "rakosi", "change": "resigned", "offset": 1, "date": "1956-06", "date_text": "June 1956"},
        {"doc_id": "b", "person_id": "rakosi", "change": "removed", "offset": 1, "date": "1956-07", "date_text": "July 1956"},
        {"doc_id": "b", "person_id": "nagy", "change": "executed", "offset": 4, "date": "1958", "date_text": "1958"},
    ])
    variants = variants_side_by_side(changes)
    assert len(variants) == 1
    row = variants.iloc[0]
    assert (row["canonical_name"], row["kind"], row["year"], bool(row["dates_differ"])) == ("Rakosi", "loss", "1956", True)
    assert (row["a"], row["b"]) == ("June 1956", "July 1956")


def test_credit_and_soviet_share() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 1, "decided_by": "kremlin"},
        {"doc_id": "a", "person_id": "nagy", "change": "removed", "offset": 2, "decided_by": "party_rivals"},
        {"doc_id": "b", "person_id": "nagy", "change": "executed", "offset": 2, "decided_by": "kremlin"},
    ])
    assert credit_table(changes).loc["kremlin", "a"] == 1
    assert soviet_share(changes).to_dict() == {"a": 0.5}


def test_the_real_tables_give_every_document_a_sequence() -> None:
    tables = load_all_tables()
    changes = prepare_changes(tables)
    assert changes["offset"].ge(0).all()
    sequence = power_sequence(changes)
    assert set(sequence["doc_id"]) <= set(tables["documents"]["doc_id"])
    matched = scholarship_for(variants_side_by_side(changes), tables["leadership_reference"], tables["people"])
    assert matched["source_url"].str.startswith("http").all()


@pytest.mark.parametrize("kind", ["gain", "loss"])
def test_prepared_kinds_cover_every_change(kind: str) -> None:
    changes = prepare_changes(load_all_tables())
    assert changes["kind"].notna().all()
    assert (changes["kind"] == kind).any()
