"""CONTRIBUTING.md's worked example, followed step by step on a copy of the data.

The test reads the guide itself: it saves the example's raw file, runs the
helper command the guide gives (with the guide's arguments), checks that the
helper appends the row the guide shows, appends every CSV block of the guide
to its table, and runs `make check` (helpers.check) on the copy, which must
pass. If the guide and the code drift apart, this fails.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import table_path

from helpers.check import main as check_main
from helpers.evidence.new_document import main as new_document_main
from helpers.evidence.tables import load_all_tables
from helpers.paths import DATA_DIR, DATA_DIR_VARIABLE, NOTEBOOKS_DIR, PROJECT_ROOT

GUIDE = PROJECT_ROOT / "CONTRIBUTING.md"
BLOCK = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.M | re.S)


def _blocks(kind: str) -> list[tuple[str, str]]:
    """``(info, body)`` of every fenced block of the guide whose info starts with ``kind``."""
    return [(m["info"], m["body"]) for m in BLOCK.finditer(GUIDE.read_text(encoding="utf-8"))
            if m["info"] == kind or m["info"].startswith(kind + " ")]


def _option(info: str, name: str) -> str | None:
    found = re.search(rf"\b{name}=(\S+)", info)
    return found.group(1) if found else None


def _in_copy(data: Path, path: str) -> Path:
    assert path.startswith("data/"), path
    return data / path.removeprefix("data/")


def _follow_the_guide(data: Path, capsys: pytest.CaptureFixture[str] | None = None) -> None:
    (info, text), = [(i, b) for i, b in _blocks("text") if _option(i, "file")]
    _in_copy(data, _option(info, "file")).write_text(text, encoding="utf-8")
    commands = [line for _, body in _blocks("sh") for line in body.splitlines()
                if "helpers.evidence.new_document" in line and "--append" in line]
    assert len(commands) == 1, "the example runs the helper once, with --append"
    words = shlex.split(commands[0])
    arguments = words[words.index("helpers.evidence.new_document") + 1:]
    arguments = [str(_in_copy(data, a)) if a.startswith("data/") else a for a in arguments]
    assert new_document_main([*arguments, "--data-dir", str(data)]) == 0
    if capsys is not None:
        capsys.readouterr()
    (_, shown_row), = _blocks("csv documents-row")
    appended = (data / "documents.csv").read_text(encoding="utf-8").rstrip("\n").rsplit("\n", 1)[-1]
    assert appended == shown_row.strip(), "the guide shows the row the helper appends"
    for info, body in _blocks("csv"):
        table = _option(info, "table")
        if table is None:
            continue
        path = table_path(data, table)
        rows = list(csv.reader(io.StringIO(body)))
        with open(path, encoding="utf-8", newline="") as handle:
            assert rows[0] == next(csv.reader(handle)), f"the guide's header of {table} is the table's"
        with open(path, "a", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows[1:])


def test_the_worked_example_passes_make_check(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _follow_the_guide(data_copy, capsys)
    status = check_main(["--datapackage", str(data_copy / "datapackage.json")])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "All checks passed" in out


def test_the_worked_example_reaches_every_table_it_names(data_copy: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    _follow_the_guide(data_copy, capsys)
    tables = load_all_tables(data_copy / "datapackage.json")
    doc_id = tables["documents"]["doc_id"].iloc[-1]
    for info, body in _blocks("csv"):
        table = _option(info, "table")
        if table:
            header, *rows = list(csv.reader(io.StringIO(body)))
            if "doc_id" in header:
                assert (tables[table]["doc_id"] == doc_id).sum() == len(rows), table
            else:  # a catalogue (people, events): its new rows, by their key
                assert {row[0] for row in rows} <= set(tables[table][header[0]]), table


def test_before_the_claims_make_check_lists_what_to_cover(data_copy: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Step 3: with only the raw file and its row, the check names the numbers to cover."""
    (info, text), = [(i, b) for i, b in _blocks("text") if _option(i, "file")]
    _in_copy(data_copy, _option(info, "file")).write_text(text, encoding="utf-8")
    (command,) = [line for _, body in _blocks("sh") for line in body.splitlines() if "--append" in line]
    words = shlex.split(command)
    arguments = [str(_in_copy(data_copy, a)) if a.startswith("data/") else a
                 for a in words[words.index("helpers.evidence.new_document") + 1:]]
    assert new_document_main([*arguments, "--data-dir", str(data_copy)]) == 0
    capsys.readouterr()
    assert check_main(["--datapackage", str(data_copy / "datapackage.json")]) == 1
    out = capsys.readouterr().out
    for number in ("'23'", "'October'", "'1956'", "'twenty'", "'thousand'", "'200,000'", "'1957'", "'2'"):
        assert f"{number} (document " in out, number
    assert "Add a claim or an exclusion row" in out


# --- step 6: the lessons, executed with the new document ----------------------------------


@pytest.fixture(scope="module")
def example_lessons(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The data with the guide's example added, and every lesson executed on it."""
    work = tmp_path_factory.mktemp("contributing")
    data = work / "data"
    shutil.copytree(DATA_DIR, data)
    _follow_the_guide(data)
    notebooks = work / "notebooks"
    done = subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(notebooks),
         "--NotebookClient.record_timing=False", "--ExecutePreprocessor.kernel_name=python3",
         *map(str, sorted(NOTEBOOKS_DIR.glob("*.ipynb")))],
        env={**os.environ, DATA_DIR_VARIABLE: str(data)}, capture_output=True, text=True)
    assert done.returncode == 0, f"a lesson failed with the example document:\n{done.stderr[-3000:]}"
    return data, notebooks


def _outputs_text(path: Path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join(json.dumps(output, ensure_ascii=False) for cell in notebook["cells"]
                     for output in cell.get("outputs", []))


def test_every_lesson_runs_with_the_example_and_shows_no_error(example_lessons: tuple[Path, Path]) -> None:
    _, notebooks = example_lessons
    lessons = sorted(notebooks.glob("*.ipynb"))
    assert [p.name for p in lessons] == [p.name for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))]
    for path in lessons:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                assert output["output_type"] != "error" and output.get("name") != "stderr", path.name


def test_the_example_appears_where_its_claims_belong(example_lessons: tuple[Path, Path]) -> None:
    """Its name in the lessons on the sources, the events, the leaders, the counts and the
    consequences (its rows are in their tables); its correction in some lesson."""
    data, notebooks = example_lessons
    name = load_all_tables(data / "datapackage.json")["documents"]["genre"].iloc[-1].capitalize()
    shown = {path.name: _outputs_text(path) for path in sorted(notebooks.glob("*.ipynb"))}
    for lesson in ("00_", "01_", "03_", "05_", "06_"):
        (text,) = [t for n, t in shown.items() if n.startswith(lesson)]
        assert name in text, f"{lesson}: {name!r} not shown"
    for correction in ("Imre Nagy was sentenced to death on 15 June 1958 and executed on 16 June 1958.",
                       "the statistical office's count: some 2,700"):
        assert correction in CONTRIBUTING_TEXT and any(correction in text for text in shown.values()), correction
    (casualties,) = [t for n, t in shown.items() if n.startswith("05_")]
    assert "Other counts" in casualties  # the dead counted as "people": no chart is for them, a table is


def test_no_lesson_shows_the_example_s_wrong_claim_without_its_correction(
        example_lessons: tuple[Path, Path]) -> None:
    from test_lesson_outputs import shown_units

    from helpers.evidence.corrections import correction_index, normalise
    from helpers.evidence.tables import read_datapackage

    data, notebooks = example_lessons
    tables = load_all_tables(data / "datapackage.json")
    documents = tables["documents"]
    texts = {doc_id: (data / "raw" / file_name).read_text(encoding="utf-8")
             for doc_id, file_name in zip(documents["doc_id"], documents["file_name"])}
    index = correction_index(tables, read_datapackage(data / "datapackage.json"), texts)
    checked = 0
    for path in sorted(notebooks.glob("*.ipynb")):
        for where, text in shown_units(path):
            for correction in index.concerning(text):
                checked += correction.doc_id == documents["doc_id"].iloc[-1]
                assert normalise(correction.correction) in normalise(text), (where, correction.correction_id)
    assert checked > 0, "the example's corrected claim is shown somewhere"


CONTRIBUTING_TEXT = GUIDE.read_text(encoding="utf-8")


def _run_failing_check(env: dict[str, str]) -> str:
    """The error a lesson's failed check shows, in a kernel started with ``env``."""
    import nbclient
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from helpers import setup\nsetup()"),
                                               nbformat.v4.new_code_cell("documents = 6\nassert documents == 5")])
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        with pytest.raises(nbclient.exceptions.CellExecutionError):
            nbclient.NotebookClient(notebook, kernel_name="python3").execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    (error,) = [o for o in notebook.cells[1].outputs if o["output_type"] == "error"]
    return error["evalue"]


def test_a_lesson_check_that_new_data_breaks_says_what_to_do(example_lessons: tuple[Path, Path]) -> None:
    from helpers.display.notebook import FAILED_CHECK_HINT

    data, _ = example_lessons
    assert _run_failing_check({DATA_DIR_VARIABLE: str(data)}) == FAILED_CHECK_HINT
    assert "When a lesson stops" in CONTRIBUTING_TEXT


def test_with_the_data_the_lessons_were_executed_with_a_failed_check_is_plain() -> None:
    assert _run_failing_check({}) == ""
