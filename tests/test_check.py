"""`make check` (helpers.check): one run, every problem, each with how to fix it.

Each test makes one mistake a contributor makes in a copy of the data and
asserts that `python -m helpers.check --datapackage <copy>` exits 1 and says
where the mistake is and what to do; the real data passes.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import append_row, edit_cell, table_path

from helpers.check import contributing_problem, main, notebooks_problem


def _check(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--datapackage", str(data / "datapackage.json")])
    return status, capsys.readouterr().out


def _rows(data: Path, table: str) -> list[dict[str, str]]:
    with open(table_path(data, table), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_project_data_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0, capsys.readouterr().out
    assert "All checks passed" in capsys.readouterr().out


def test_a_copy_passes(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _check(data_copy, capsys)
    assert status == 0, out


def test_the_command_line_exits_non_zero(data_copy: Path) -> None:
    edit_cell(data_copy, "event_claims", 1, "doc_id", "esay")
    run = subprocess.run([sys.executable, "-m", "helpers.check", "--datapackage", str(data_copy / "datapackage.json")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "1 problem found" in run.stdout and "'esay'" in run.stdout


def test_a_straight_apostrophe_for_a_curly_one(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row, claim = next((number, row) for number, row in enumerate(_rows(data_copy, "event_claims"), start=1)
                      if "’" in row["quote"])
    edit_cell(data_copy, "event_claims", row, "quote", claim["quote"].replace("’", "'"))
    status, out = _check(data_copy, capsys)
    assert status == 1
    assert f"data/event_claims.csv, row {row} (line {row + 1}), column 'quote'" in out
    assert "not found verbatim" in out and "The nearest text is on line" in out
    assert "the quote has «'» (U+0027 APOSTROPHE) where the document has «’» (U+2019 RIGHT SINGLE QUOTATION MARK)" in out


def test_a_quote_from_another_document(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(data_copy, "event_claims")
    other = next(number for number, row in enumerate(rows, start=1) if row["doc_id"] != rows[0]["doc_id"])
    edit_cell(data_copy, "event_claims", other, "quote", rows[0]["quote"])
    status, out = _check(data_copy, capsys)
    assert status == 1 and f"The quote is in document {rows[0]['doc_id']!r}, word for word" in out


def test_a_misspelt_doc_id(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_cell(data_copy, "causes", 1, "doc_id", "simple_wik")
    status, out = _check(data_copy, capsys)
    assert status == 1 and "column 'doc_id'" in out
    from helpers.evidence.hints import known_values
    from helpers.evidence.tables import load_table

    known = sorted(load_table("documents", datapackage=data_copy / "datapackage.json")["doc_id"])
    assert "Did you mean 'simple_wiki'?" in out and f"Known: {known_values(known)}" in out


def test_claims_of_a_document_without_its_row(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    append_row(data_copy, "event_claims", {
        "claim_id": "ev-textbook-01", "doc_id": "textbook", "span": "body", "event_id": "revolution_begins",
        "description": "the rising begins", "quote": "words of a document not yet described"})
    status, out = _check(data_copy, capsys)
    assert status == 1
    assert "'textbook' is not a known doc_id of table 'documents'" in out
    assert "If it is a new document, add its row to data/documents.csv first" in out
    assert "python -m helpers.evidence.new_document" in out


def test_a_raw_file_without_its_row(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_copy / "raw" / "005_textbook.txt").write_text("A textbook page.\n", encoding="utf-8")
    status, out = _check(data_copy, capsys)
    assert status == 1 and "data/raw/005_textbook.txt has no row: add its row to documents.csv" in out
    assert "python -m helpers.evidence.new_document data/raw/005_textbook.txt" in out


def test_a_misspelt_vocabulary_term(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_cell(data_copy, "leadership_changes", 1, "change", "took_ofice")
    status, out = _check(data_copy, capsys)
    assert status == 1 and "column 'change'" in out
    assert "Did you mean 'took_office'" in out and "Known: took_office, regained_office" in out
    assert "python -m helpers.evidence.vocabularies change" in out
    assert "add a term with its description to x-vocabularies.change.terms" in out


def test_an_uncovered_number(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With no exclusions left, the numbers they covered are reported, each with its line."""
    first = _rows(data_copy, "coverage_exclusions")[0]
    path = table_path(data_copy, "coverage_exclusions")
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    status, out = _check(data_copy, capsys)
    assert status == 1
    assert f"(document {first['doc_id']!r}, {first['span']}) in «" in out
    assert "is not inside any claim's quote. Add a claim or an exclusion row" in out
    assert "data/coverage_exclusions.csv" in out and re.search(r"data/raw/\S+\.txt, line \d+: ", out)


def test_a_document_with_no_claims(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "A Title\n\nPeople marched in the streets of the capital that autumn.\n"
    (data_copy / "raw" / "005_new.txt").write_text(text, encoding="utf-8")
    import hashlib

    append_row(data_copy, "documents", {
        "doc_id": "newdoc", "file_name": "005_new.txt", "title": "A Title", "genre": "leaflet",
        "sha256": hashlib.sha256(text.encode()).hexdigest(), "n_chars": str(len(text)),
        "body_start": str(text.index("People")), "body_end": str(len(text) - 1)})
    status, out = _check(data_copy, capsys)
    assert status == 1 and "document 'newdoc' has no claim in any table: add its claims" in out


def test_stale_notebooks(data_copy: Path, tmp_path: Path) -> None:
    from helpers.check import record_notebook_data

    record = tmp_path / "executed_with.json"
    record_notebook_data(data_copy, record)
    edit_cell(data_copy, "event_claims", 1, "note", "a changed note")
    problem = notebooks_problem(data_copy, record)
    assert problem is not None and "run `make notebooks`" in problem.message


def test_contributing_out_of_date(tmp_path: Path) -> None:
    from helpers.evidence.vocabularies import END_MARK, START_MARK

    stale = tmp_path / "CONTRIBUTING.md"
    stale.write_text(f"# Contributing\n\n{START_MARK}\nold list\n{END_MARK}\n", encoding="utf-8")
    problem = contributing_problem(stale)
    assert problem is not None and "make vocabularies" in problem.message
    from helpers.evidence.vocabularies import main as vocabularies_main

    assert vocabularies_main(["--write", str(stale)]) == 0
    assert contributing_problem(stale) is None


def test_every_problem_is_reported_in_one_run(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Coverage problems are all listed, not only the first."""
    path = table_path(data_copy, "coverage_exclusions")
    header = path.read_text(encoding="utf-8").split("\n", 1)[0]
    path.write_text(header + "\n", encoding="utf-8")
    status, out = _check(data_copy, capsys)
    found = re.search(r"^(\d+) problems found", out, re.M)
    assert status == 1 and found is not None
    assert out.count("Add a claim or an exclusion row") == int(found.group(1)) > 1


def test_an_interval_against_the_convention(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = next(number for number, row in enumerate(_rows(data_copy, "estimates"), start=1) if row["low"])
    edit_cell(data_copy, "estimates", row, "low", "1")
    status, out = _check(data_copy, capsys)
    assert status == 1 and f"data/estimates.csv, row {row} (line {row + 1}), column 'low'" in out
    assert "the convention's central reading" in out and "copy those" in out


def test_a_dated_claim_outside_the_lessons_years(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from helpers.evidence.dates import PERIOD

    row = next(number for number, row in enumerate(_rows(data_copy, "leadership_changes"), start=1)
               if row["date_precision"] == "year")
    edit_cell(data_copy, "leadership_changes", row, "date", str(PERIOD[1] + 30))
    status, out = _check(data_copy, capsys)
    assert status == 1 and f"data/leadership_changes.csv, row {row} (line {row + 1}), column 'date'" in out
    assert f"is outside the years the lessons are about ({PERIOD[0]}–{PERIOD[1]})" in out
