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
import re
import shlex
from pathlib import Path

import pytest
from conftest import table_path

from helpers.check import main as check_main
from helpers.evidence.new_document import main as new_document_main
from helpers.evidence.tables import load_all_tables
from helpers.paths import PROJECT_ROOT

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


def _follow_the_guide(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (info, text), = [(i, b) for i, b in _blocks("text") if _option(i, "file")]
    _in_copy(data, _option(info, "file")).write_text(text, encoding="utf-8")
    commands = [line for _, body in _blocks("sh") for line in body.splitlines()
                if "helpers.evidence.new_document" in line and "--append" in line]
    assert len(commands) == 1, "the example runs the helper once, with --append"
    words = shlex.split(commands[0])
    arguments = words[words.index("helpers.evidence.new_document") + 1:]
    arguments = [str(_in_copy(data, a)) if a.startswith("data/") else a for a in arguments]
    assert new_document_main([*arguments, "--data-dir", str(data)]) == 0, capsys.readouterr()
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
            shown = len(list(csv.reader(io.StringIO(body)))) - 1
            assert (tables[table]["doc_id"] == doc_id).sum() == shown, table


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
    for number in ("'23'", "'October'", "'1956'", "'200,000'", "'1957'", "'2'"):
        assert f"{number} (document " in out, number
    assert "Add a claim or an exclusion row" in out
