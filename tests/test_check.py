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
from helpers.evidence.dates import PERIOD


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


# --- corners found by mutation testing --------------------------------------------------------


def _add_document(data: Path, doc_id: str, file_name: str, text: str, title: str, body_start: int) -> None:
    """A new raw document in a copy, with its row (body from ``body_start`` to the last line's end)."""
    import hashlib

    (data / "raw" / file_name).write_text(text, encoding="utf-8")
    append_row(data, "documents", {
        "doc_id": doc_id, "file_name": file_name, "title": title, "genre": "leaflet",
        "sha256": hashlib.sha256(text.encode()).hexdigest(), "n_chars": str(len(text)),
        "body_start": str(body_start), "body_end": str(len(text.rstrip("\n")))})


def test_an_uncovered_number_is_shown_on_its_line_of_its_own_document(data_copy: Path) -> None:
    """A new document's number is read from the copy's raw folder and shown
    with its line number and the words of its line around it (not those of
    the lines before or after); a document whose only row is an exclusion
    still has no claim."""
    from helpers.check import run_checks

    _add_document(data_copy, "newdoc", "005_new.txt",
                  "\nThey sang.\nThe people marched in 1956 in the rain.\nThey went home.\nThe end.\n", "They sang.", 1)
    _add_document(data_copy, "otherdoc", "006_other.txt", "In 1956 the people rose.\nBy 1957 it was over.\n",
                  "the people rose", 0)
    append_row(data_copy, "coverage_exclusions", {"doc_id": "otherdoc", "span": "body", "text": "By 1957",
                                                  "reason": "the end of the story, not a claim"})
    problems, _ = run_checks(data_copy / "datapackage.json", notebooks=False)
    assert [problem.where for problem in problems] == [
        "data/raw/005_new.txt, line 3", "data/raw/006_other.txt, line 1", "data/documents.csv", "data/documents.csv"]
    assert problems[0].message.startswith(
        "'1956' (document 'newdoc', body) in «The people marched in 1956 in the rain.» is not inside any claim's quote")
    assert problems[1].message.startswith("'1956' (document 'otherdoc', body) in «In 1956 the people rose.» is not")
    assert problems[2].message.startswith("document 'newdoc' has no claim in any table")
    assert problems[3].message.startswith("document 'otherdoc' has no claim in any table")


def test_problems_name_the_files_the_data_package_names(data_copy: Path) -> None:
    """Tables the data package keeps under other names are named so; every
    check's problems come in the order of the module docstring, the
    lessons' last (the copy's data differs from the data they were made from)."""
    import json

    from helpers.check import run_checks

    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] in ("estimates", "leadership_changes"):
            (data_copy / resource["path"]).rename(data_copy / f"renamed_{resource['path']}")
            resource["path"] = f"renamed_{resource['path']}"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    estimate = next(number for number, row in enumerate(_rows(data_copy, "estimates"), start=1) if row["low"])
    edit_cell(data_copy, "estimates", estimate, "low", "1")
    leader = next(number for number, row in enumerate(_rows(data_copy, "leadership_changes"), start=1)
                  if row["date_precision"] == "year")
    edit_cell(data_copy, "leadership_changes", leader, "date", str(PERIOD[1] + 30))
    problems, _ = run_checks(path)
    wheres = [problem.where for problem in problems]
    assert wheres[:2] == [f"data/renamed_estimates.csv, row {estimate} (line {estimate + 1}), column 'low'",
                          f"data/renamed_leadership_changes.csv, row {leader} (line {leader + 1}), column 'date'"]
    assert "notebooks/" in wheres[2:]


@pytest.mark.parametrize(("year", "outside"), [
    (PERIOD[0], False), (PERIOD[1], False), (PERIOD[0] - 1, True), (PERIOD[1] + 1, True)])
def test_the_first_and_last_years_of_the_period_are_inside_it(year: int, outside: bool) -> None:
    """PERIOD holds the first and the last year of the unit: both are in it, the years beyond are not."""
    from helpers.check import period_problems
    from helpers.evidence.tables import load_all_tables

    tables = dict(load_all_tables())
    frame = tables["leadership_changes"].copy()
    frame.loc[frame.index[0], "date"] = str(year)
    tables["leadership_changes"] = frame
    expected = ["data/leadership_changes.csv, row 1 (line 2), column 'date'"] if outside else []
    assert [problem.where for problem in period_problems(tables)] == expected


def test_a_fresh_record_and_an_editor_s_lock_file_leave_the_lessons_current(data_copy: Path, tmp_path: Path) -> None:
    """Just after `make notebooks` the lessons are current; a hidden file
    (an editor's lock file) in data/ is no data and changes nothing; a
    changed cell does, and the problem names notebooks/."""
    from helpers.check import record_notebook_data

    record = tmp_path / "executed_with.json"
    record_notebook_data(data_copy, record)
    assert notebooks_problem(data_copy, record) is None
    (data_copy / ".~lock.estimates.csv#").write_text("someone,host,2024\n", encoding="utf-8")
    assert notebooks_problem(data_copy, record) is None
    edit_cell(data_copy, "event_claims", 1, "note", "a changed note")
    problem = notebooks_problem(data_copy, record)
    assert problem is not None and problem.where == "notebooks/"


def test_a_missing_record_is_named(data_copy: Path, tmp_path: Path) -> None:
    """The record is named by its path, from the project's root when it is inside the project."""
    from helpers.paths import PROJECT_ROOT

    outside = tmp_path / "executed_with.json"
    problem = notebooks_problem(data_copy, outside)
    assert problem is not None and problem.where == str(outside)
    assert "no record of the data the lessons were executed with" in problem.message
    assert "run `make notebooks`" in problem.message
    inside = notebooks_problem(data_copy, PROJECT_ROOT / "notebooks" / "no_such_record.json")
    assert inside is not None and inside.where == "notebooks/no_such_record.json"


def test_a_missing_contributing_is_named(tmp_path: Path) -> None:
    from helpers.paths import PROJECT_ROOT

    problem = contributing_problem(tmp_path / "CONTRIBUTING.md")
    assert problem is not None and problem.where == str(tmp_path / "CONTRIBUTING.md")
    assert "not found" in problem.message and "git checkout CONTRIBUTING.md" in problem.message
    inside = contributing_problem(PROJECT_ROOT / "no_such_CONTRIBUTING.md")
    assert inside is not None and inside.where == "no_such_CONTRIBUTING.md"


def test_contributing_is_compared_with_the_vocabularies_of_the_data_checked(data_copy: Path, tmp_path: Path) -> None:
    """A copy whose vocabularies have a new term: the guide written from the
    copy is current for it, the project's guide is not."""
    import json

    from helpers.evidence.tables import read_datapackage
    from helpers.evidence.vocabularies import END_MARK, START_MARK, vocabularies_markdown

    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["x-vocabularies"]["change"]["terms"]["abdicated"] = "Gave up the office of one's own will."
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_text(f"# Contributing\n\n{vocabularies_markdown(read_datapackage(path))}\n", encoding="utf-8")
    assert START_MARK in guide.read_text(encoding="utf-8") and END_MARK in guide.read_text(encoding="utf-8")
    assert contributing_problem(guide, path) is None
    stale = contributing_problem(datapackage=path)
    assert stale is not None and stale.where == "CONTRIBUTING.md" and "make vocabularies" in stale.message


def _claim_rows(data: Path) -> tuple[int, int]:
    """The rows of the claim tables (every table with a doc_id but documents) and the documents, counted from the CSVs."""
    import json

    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    claims = documents = 0
    for resource in package["resources"]:
        with open(data / resource["path"], encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        if resource["name"] == "documents":
            documents = len(rows)
        elif "doc_id" in (reader.fieldnames or []):
            claims += len(rows)
    return claims, documents


def test_a_copy_passing_says_what_was_checked(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _check(data_copy, capsys)
    claims, documents = _claim_rows(data_copy)
    found = re.fullmatch(r"All checks passed in (\d+\.\d) s: (\d+) tables valid, (\d+) rows anchored in (\d+) "
                         r"documents by verbatim quotes, every number and date covered\.\n", out)
    assert status == 0 and found is not None, out
    assert 0 <= float(found.group(1)) < 600
    assert (int(found.group(3)), int(found.group(4))) == (claims, documents)


def test_the_project_passing_says_the_lessons_and_the_guide_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert capsys.readouterr().out.endswith(
        "every number and date covered, the lessons executed with today's data, CONTRIBUTING.md's vocabularies "
        "current.\n")


def test_the_project_s_own_files_are_checked_with_its_data(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`make check` on the project (not a copy) checks the lessons too."""
    import helpers.check

    monkeypatch.setattr(helpers.check, "notebooks_problem",
                        lambda *args: helpers.check.Problem("notebooks/", "made from other data"))
    assert main([]) == 1
    out = capsys.readouterr().out
    assert out.startswith("1 problem found:\n\n1. notebooks/: made from other data\n\n")
    assert out.endswith("Fix them in the order given (an early one can cause later ones), then run `make check` "
                        "again.\n")


def test_problems_are_counted_and_numbered(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [number for number, row in enumerate(_rows(data_copy, "estimates"), start=1) if row["low"]][:2]
    for row in rows:
        edit_cell(data_copy, "estimates", row, "low", "1")
    status, out = _check(data_copy, capsys)
    assert status == 1 and out.startswith("2 problems found:\n\n1. data/estimates.csv, row ")
    assert f"\n\n2. data/estimates.csv, row {rows[1]} (line {rows[1] + 1}), column 'low'" in out


def test_recording_the_notebooks_data_is_all_that_option_does(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import helpers.check

    recorded = []
    monkeypatch.setattr(helpers.check, "record_notebook_data", lambda: recorded.append(True))
    assert main(["--record-notebooks"]) == 0
    assert recorded == [True] and capsys.readouterr().out == ""


def test_the_help_names_the_command_and_explains_each_option(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import helpers.check

    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: python -m helpers.check ")
    summary = helpers.check.__doc__.split("\n")[0]  # the docstring's first line, not all of it
    assert f"\n\n{summary}\n\n" in text and "runs, in order" not in text
    flat = " ".join(text.split())
    for option, words in (("--datapackage", "check a copy of the data"),
                          ("--record-notebooks", "record that the notebooks were just executed")):
        assert re.search(re.escape(option) + r"(?: [A-Z_]+)? " + re.escape(words), flat), (option, text)
