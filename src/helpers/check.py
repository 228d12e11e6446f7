"""`make check`: is the data ready? Every check a contributor needs, in words.

``python -m helpers.check`` runs, in order, and reports every problem with
how to fix it (exit status 1 when there is any):

1. the data package: the descriptor, every table against its schema and the
   project's rules, the raw documents against ``documents.csv`` (the loader
   of :mod:`helpers.evidence.tables`; it stops at the first problem, which
   names the file, the row and the column);
2. the estimates against the estimate convention (words, key, value,
   interval: :func:`helpers.evidence.estimates.estimate_problems`); dated
   claims inside the unit's years (:data:`helpers.evidence.dates.PERIOD`); the
   coverage audit (:mod:`helpers.evidence.coverage`): every number and
   date of every document inside a claim's quote or a listed exclusion;
   and every document has at least one claim;
3. the lessons: the committed notebook outputs were made from today's data
   (``make notebooks`` records a fingerprint of ``data/`` in
   :data:`NOTEBOOK_RECORD`);
4. CONTRIBUTING.md: its list of vocabularies is the one ``data/datapackage.json``
   declares.

The loader's result is cached by content (``build/cache/``), so a second run
on unchanged data takes about a second.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from helpers.paths import DATA_DIR, DATAPACKAGE, NOTEBOOKS_DIR, PROJECT_ROOT

NOTEBOOK_RECORD: Path = NOTEBOOKS_DIR / "executed_with.json"
CONTRIBUTING: Path = PROJECT_ROOT / "CONTRIBUTING.md"
CONTEXT = 40  # characters shown on each side of an uncovered number


@dataclass(frozen=True)
class Problem:
    """One problem: where (as a contributor sees it) and what to do."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """SHA-256 over every file of the data folder (names and bytes): what
    the lessons' outputs are computed from."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def record_notebook_data(data_dir: Path = DATA_DIR, record: Path = NOTEBOOK_RECORD) -> None:
    """Write the fingerprint of the data the notebooks were just executed
    with (``make notebooks`` calls this after executing them)."""
    record.write_text(json.dumps({"data_sha256": data_fingerprint(data_dir),
                                  "written_by": "make notebooks"}, indent=2) + "\n", encoding="utf-8")


def notebooks_problem(data_dir: Path = DATA_DIR, record: Path = NOTEBOOK_RECORD) -> Problem | None:
    """A problem when the committed notebook outputs were made from other data."""
    hint = "run `make notebooks` (about 30 s) and commit the executed notebooks with the data"
    try:
        recorded = json.loads(record.read_text(encoding="utf-8"))["data_sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return Problem(_shown(record), f"no record of the data the lessons were executed with: {hint}")
    if recorded != data_fingerprint(data_dir):
        return Problem("notebooks/", f"the lessons' outputs were made from other data than today's data/, so "
                                     f"their tables, charts and numbers are out of date: {hint}")
    return None


def coverage_problems(tables: dict, datapackage: Path = DATAPACKAGE) -> list[Problem]:
    """An uncovered number or date, and a document with no claim, each a problem."""
    from helpers.evidence.corpus import read_raw_text
    from helpers.evidence.coverage import claim_counts, coverage_audit

    documents = tables["documents"].set_index("doc_id")
    raw_dir = datapackage.parent / "raw"
    problems = []
    audit = coverage_audit(tables, datapackage)
    for mention in audit[audit["status"] == "uncovered"].itertuples(index=False):
        file_name = documents.loc[mention.doc_id, "file_name"]
        text = read_raw_text(file_name, raw_dir)
        line = text.count("\n", 0, mention.start) + 1
        before = text[max(0, mention.start - CONTEXT):mention.start].rsplit("\n", 1)[-1]
        after = text[mention.end:mention.end + CONTEXT].split("\n", 1)[0]
        problems.append(Problem(
            f"data/raw/{file_name}, line {line}",
            f"{mention.text!r} (document {mention.doc_id!r}, {mention.span}) in «{before}{mention.text}{after}» is "
            f"not inside any claim's quote. Add a claim or an exclusion row: a row in the table the claim belongs "
            f"to, whose quote contains these words, or a row of data/coverage_exclusions.csv (doc_id, span, the "
            f"words as text, and the reason they are not a claim)"))
    counts = claim_counts(tables)
    claim_tables = [name for name in counts.columns if name not in ("corrections", "coverage_exclusions")]
    for doc_id, total in counts[claim_tables].sum(axis=1).items():
        if total == 0:
            problems.append(Problem("data/documents.csv", f"document {doc_id!r} has no claim in any table: add its "
                                                          "claims (see CONTRIBUTING.md, step 4)"))
    return problems


def estimate_problems(tables: dict, datapackage: Path = DATAPACKAGE) -> list[Problem]:
    """Estimates whose words, key, value or interval disagree with the
    estimate convention (:func:`helpers.evidence.estimates.estimate_problems`)."""
    from helpers.evidence.errors import TableError
    from helpers.evidence.estimates import estimate_problems as convention_problems
    from helpers.evidence.tables import read_datapackage, resource_descriptor

    if "estimates" not in tables:
        return []
    label = f"data/{resource_descriptor('estimates', read_datapackage(datapackage))['path']}"
    problems = []
    for row, column, message in convention_problems(tables["estimates"]):
        error = TableError(label, row, column, message)
        problems.append(Problem(error.where, error.message))
    return problems


def period_problems(tables: dict, datapackage: Path = DATAPACKAGE) -> list[Problem]:
    """A dated claim outside the unit's period (:data:`helpers.evidence.dates.PERIOD`): the
    lessons' charts and their checks keep to it, so such a row stops a lesson."""
    from helpers.evidence.dates import PERIOD
    from helpers.evidence.errors import TableError
    from helpers.evidence.tables import read_datapackage

    first, last = PERIOD
    problems = []
    for resource in read_datapackage(datapackage)["resources"]:
        frame = tables.get(resource["name"])
        if not resource.get("x-claims") or frame is None or "date" not in frame.columns:
            continue
        for row, date in enumerate(frame["date"], start=1):
            if isinstance(date, str) and not first <= int(date[:4]) <= last:
                error = TableError(f"data/{resource['path']}", row, "date",
                                   f"{date} is outside the years the lessons are about ({first}–{last}): a claim "
                                   "about a later or earlier time is not a dated claim of this table. Keep its "
                                   "words where they belong (a consequence, a verdict) or list them in "
                                   "data/coverage_exclusions.csv with the reason, and remove this row")
                problems.append(Problem(error.where, error.message))
    return problems


def contributing_problem(contributing: Path = CONTRIBUTING, datapackage: Path = DATAPACKAGE) -> Problem | None:
    """A problem when CONTRIBUTING.md lists other vocabularies than the data package."""
    from helpers.evidence.tables import read_datapackage
    from helpers.evidence.vocabularies import section_of, vocabularies_markdown

    if not contributing.is_file():
        return Problem(_shown(contributing), "not found: restore it (git checkout CONTRIBUTING.md)")
    written = section_of(contributing.read_text(encoding="utf-8"))
    if written != vocabularies_markdown(read_datapackage(datapackage)):
        return Problem(_shown(contributing), "its list of vocabularies differs from data/datapackage.json: run "
                                             "`make vocabularies` to write it again")
    return None


def run_checks(datapackage: Path = DATAPACKAGE, notebooks: bool = True) -> tuple[list[Problem], dict]:
    """Every problem (see the module docstring) and the loaded tables
    (empty when the data does not load). ``notebooks=False`` skips the
    checks about the project's own files (lessons, CONTRIBUTING), for a
    copy of the data."""
    from helpers.evidence.errors import TableError
    from helpers.evidence.tables import load_all_tables

    try:
        tables = load_all_tables(datapackage)
    except TableError as error:
        return [Problem(error.where, error.message)], {}
    problems = (estimate_problems(tables, datapackage) + period_problems(tables, datapackage)
                + coverage_problems(tables, datapackage))
    if notebooks:
        problems += [p for p in (notebooks_problem(datapackage.parent), contributing_problem(datapackage=datapackage))
                     if p is not None]
    return problems, tables


def _shown(path: Path) -> str:
    return path.relative_to(PROJECT_ROOT).as_posix() if path.is_relative_to(PROJECT_ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    """``make check`` (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m helpers.check", description=__doc__.split("\n")[0])
    parser.add_argument("--datapackage", type=Path, default=DATAPACKAGE,
                        help="check a copy of the data (its datapackage.json) instead of data/")
    parser.add_argument("--record-notebooks", action="store_true",
                        help="record that the notebooks were just executed with today's data (make notebooks)")
    arguments = parser.parse_args(argv)
    if arguments.record_notebooks:
        record_notebook_data()
        return 0
    started = time.perf_counter()
    datapackage = arguments.datapackage.resolve()
    problems, tables = run_checks(datapackage, notebooks=datapackage == DATAPACKAGE.resolve())
    seconds = time.perf_counter() - started
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found:\n")
        for number, problem in enumerate(problems, start=1):
            print(f"{number}. {problem}\n")
        print("Fix them in the order given (an early one can cause later ones), then run `make check` again.")
        return 1
    claims = sum(len(frame) for name, frame in tables.items() if "doc_id" in frame.columns and name != "documents")
    print(f"All checks passed in {seconds:.1f} s: {len(tables)} tables valid, {claims} rows anchored in "
          f"{len(tables['documents'])} documents by verbatim quotes, every number and date covered"
          + (", the lessons executed with today's data, CONTRIBUTING.md's vocabularies current."
             if datapackage == DATAPACKAGE.resolve() else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
