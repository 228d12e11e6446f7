"""The evidence tables: valid against the data package, anchored, complete."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import append_row
from frictionless import Package

from helpers.evidence.corpus import corpus_problems
from helpers.evidence.coverage import coverage_audit, coverage_summary
from helpers.paths import DATAPACKAGE
from helpers.evidence.tables import load_all_tables, read_datapackage


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_all_tables()


def test_frictionless_validates_the_whole_package() -> None:
    report = Package(str(DATAPACKAGE)).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:5]


def test_every_claim_table_is_anchored_in_quotes() -> None:
    for resource in read_datapackage()["resources"]:
        names = {field["name"] for field in resource["schema"]["fields"]}
        if "doc_id" in names and resource["name"] != "documents":
            assert resource.get("x-quoteSource") in names, resource["name"]


def test_every_document_makes_claims(tables: dict[str, pd.DataFrame]) -> None:
    for name in ("event_claims", "leadership_changes", "name_variants"):
        assert set(tables[name]["doc_id"]) == set(tables["documents"]["doc_id"]), name


def test_the_coverage_audit_passes(tables: dict[str, pd.DataFrame]) -> None:
    audit = coverage_audit(tables)
    assert len(audit) > 0
    uncovered = audit[audit["status"] == "uncovered"]
    assert uncovered.empty, uncovered.to_string()
    summary = coverage_summary(audit)
    assert summary["mentions"].sum() == len(audit)


def test_the_coverage_audit_catches_a_missing_claim(tables: dict[str, pd.DataFrame]) -> None:
    audit = coverage_audit(tables)
    mention = audit[audit["status"] == "claim"].iloc[0]
    # Drop, from every quoted table, the rows of that document whose quote
    # contains the mention: the audit must then report it as uncovered.
    reduced = {}
    for name, frame in tables.items():
        column = _quote_column(name)
        if column:
            covers = (frame["doc_id"] == mention["doc_id"]) & frame[column].str.contains(mention["text"], regex=False)
            frame = frame[~covers]
        reduced[name] = frame
    after = coverage_audit(reduced)
    same = after[(after["doc_id"] == mention["doc_id"]) & (after["start"] == mention["start"])]
    assert list(same["status"]) == ["uncovered"]


def _quote_column(name: str) -> str | None:
    resource = next(r for r in read_datapackage()["resources"] if r["name"] == name)
    return resource.get("x-quoteSource")


def test_a_sixth_document_flows_through_without_code_changes(data_copy: Path) -> None:
    text = "Title\n\nOn 23 October 1956 students marched in Budapest.\n"
    (data_copy / "raw" / "005_new.txt").write_text(text, encoding="utf-8")
    import hashlib

    append_row(data_copy, "documents", {
        "doc_id": "newdoc", "file_name": "005_new.txt", "title": "Title", "genre": "newspaper article",
        "sha256": hashlib.sha256(text.encode()).hexdigest(), "n_chars": str(len(text)),
        "body_start": str(text.index("On")), "body_end": str(len(text) - 1),
    })
    append_row(data_copy, "event_claims", {
        "claim_id": "ev-newdoc-01", "doc_id": "newdoc", "span": "body", "event_id": "revolution_begins",
        "description": "students march", "date_text": "23 October 1956", "date": "1956-10-23",
        "date_precision": "day", "quote": "On 23 October 1956 students marched in Budapest.",
    })
    tables = load_all_tables(data_copy / "datapackage.json")
    assert "newdoc" in set(tables["event_claims"]["doc_id"])
    assert corpus_problems(tables["documents"], raw_dir=data_copy / "raw") == []
    audit = coverage_audit(tables, data_copy / "datapackage.json")
    assert set(audit.loc[audit["doc_id"] == "newdoc", "status"]) == {"claim"}
