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


# A sixth document that says something different from the five on every kind
# of thing the disagreement finder compares (see the test below).
SIXTH_TEXT = (
    "Title\n\n"
    "On 23 October 1956 students marched in Budapest.\n"
    "Imre Nagy became party leader in 1953.\n"
    "Rakosi resigned as party leader in June 1956.\n"
    "About 5,000 Hungarians died.\n"
    "The Soviets invaded because of the Suez crisis.\n"
    "The revolution ended on 10 November 1956. Then, on 4 November 1956, Soviet tanks attacked Budapest.\n"
)
SIXTH_EVENTS = [  # (event_id, date, precision, quote)
    ("revolution_begins", "1956-10-23", "day", "On 23 October 1956 students marched in Budapest."),
    ("nagy_replaces_rakosi_1953", "1953", "year", "Imre Nagy became party leader in 1953."),
    ("rakosi_removed_1956", "1956-06", "month", "Rakosi resigned as party leader in June 1956."),
    ("revolution_ends", "1956-11-10", "day", "The revolution ended on 10 November 1956."),
    ("soviet_second_intervention", "1956-11-04", "day", "Then, on 4 November 1956, Soviet tanks attacked Budapest."),
]


def add_sixth_document(data_dir: Path) -> None:
    """Write the sixth document and its claims into a copy of the data."""
    import hashlib

    (data_dir / "raw" / "005_new.txt").write_text(SIXTH_TEXT, encoding="utf-8")
    append_row(data_dir, "documents", {
        "doc_id": "newdoc", "file_name": "005_new.txt", "title": "Title", "genre": "newspaper article",
        "sha256": hashlib.sha256(SIXTH_TEXT.encode()).hexdigest(), "n_chars": str(len(SIXTH_TEXT)),
        "body_start": str(SIXTH_TEXT.index("On")), "body_end": str(len(SIXTH_TEXT) - 1),
    })
    for number, (event_id, date, precision, quote) in enumerate(SIXTH_EVENTS, start=1):
        date_text = next(part for part in (date[:4], "23 October 1956", "June 1956", "10 November 1956",
                                           "4 November 1956") if part in quote and len(part) > 4) \
            if precision != "year" else date
        append_row(data_dir, "event_claims", {
            "claim_id": f"ev-newdoc-{number:02d}", "doc_id": "newdoc", "span": "body", "event_id": event_id,
            "description": event_id.replace("_", " "), "date_text": date_text, "date": date,
            "date_precision": precision, "quote": quote,
        })
    append_row(data_dir, "leadership_changes", {
        "claim_id": "lead-newdoc-01", "doc_id": "newdoc", "span": "body", "person_id": "nagy_imre",
        "change": "took_office", "office": "party_leader", "office_as_written": "party leader",
        "office_is_vague": "false", "decided_by": "unspecified", "date_text": "1953", "date": "1953",
        "date_precision": "year", "quote": "Imre Nagy became party leader in 1953."})
    append_row(data_dir, "leadership_changes", {
        "claim_id": "lead-newdoc-02", "doc_id": "newdoc", "span": "body", "person_id": "rakosi",
        "change": "resigned", "office": "party_leader", "office_as_written": "party leader",
        "office_is_vague": "false", "decided_by": "self", "date_text": "June 1956", "date": "1956-06",
        "date_precision": "month", "quote": "Rakosi resigned as party leader in June 1956."})
    append_row(data_dir, "name_variants", {
        "person_id": "rakosi", "doc_id": "newdoc", "span": "body", "spelling": "Rakosi", "is_misspelling": "false",
        "quote": "Rakosi resigned as party leader in June 1956."})
    append_row(data_dir, "estimates", {
        "claim_id": "est-newdoc-01", "doc_id": "newdoc", "span": "body", "measure": "dead", "counted": "hungarians",
        "place": "unspecified", "number_text": "About 5,000", "qualifier_text": "About", "qualifier_key": "around",
        "value": "5000", "low": "4500", "high": "5500", "quote": "About 5,000 Hungarians died."})
    append_row(data_dir, "reversal_reasons", {
        "claim_id": "rr-newdoc-01", "doc_id": "newdoc", "span": "body", "reason": "suez", "applies_to": "intervention",
        "quote": "The Soviets invaded because of the Suez crisis."})


def test_a_sixth_document_flows_through_without_code_changes(data_copy: Path, tmp_path: Path) -> None:
    """A sixth document and its claims, added to a copy of the data: the
    loader accepts them, the coverage audit finds every number covered, and
    the page "Where the sources disagree" shows its disagreements of every
    kind, with no change of code or prose."""
    import os
    import re
    import subprocess
    import sys

    add_sixth_document(data_copy)
    tables = load_all_tables(data_copy / "datapackage.json")
    assert "newdoc" in set(tables["event_claims"]["doc_id"])
    assert corpus_problems(tables["documents"], raw_dir=data_copy / "raw") == []
    audit = coverage_audit(tables, data_copy / "datapackage.json")
    assert set(audit.loc[audit["doc_id"] == "newdoc", "status"]) == {"claim"}
    result = subprocess.run([sys.executable, "-m", "helpers.site.disagreements", str(tmp_path / "site")],
                            capture_output=True, text=True, env={**os.environ, "HUNGARY1956_DATA_DIR": str(data_copy)})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "disagreements.html").read_text(encoding="utf-8")
    articles = re.findall(r'<article class="disagreement verdict-(\w+)"[^>]*data-first="([^"]*)" '
                          r'data-second="([^"]*)"[^>]*>\s*<h3>(.*?)</h3>', page, re.S)
    mine = {(verdict, re.search(r"· ([^<]+)</span>", heading).group(1)) for verdict, first, second, heading in articles
            if "newdoc" in (*first.split(), *second.split())}
    expected = {("conflict", "When"), ("conflict", "How many"), ("different_scope", "How many"),
                ("different_scope", "Who did it"), ("conflict", "Which office"), ("compatible", "What it is called"),
                ("compatible", "Why"), ("conflict", "In what order")}
    assert expected <= mine, expected - mine
    assert "Newspaper article" in page and "About 5,000 Hungarians died." in page
    worksheet = (tmp_path / "site" / "compare-the-sources.html").read_text(encoding="utf-8")
    assert "Rakosi resigned as party leader in June 1956." in worksheet
