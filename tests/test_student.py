"""The student's copy of a lesson (helpers.site.student): no solutions or
answers, and a cell to answer in after the checks and the exercise."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR
from helpers.site.student import ANSWER_TAG, EXERCISE_CODE, questions_in, student_copy, with_answer_cells

LESSONS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def _lesson() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A lesson\n\nWhy?"),
        nbformat.v4.new_markdown_cell("## Check your understanding\n\n1. One?\n2. Two?\n3. Three?"),
        nbformat.v4.new_code_cell("show_answers(['a', 'b', 'c'])", metadata={"tags": ["answers"]}),
        nbformat.v4.new_markdown_cell("## Questions for discussion\n\n1. Why?"),
        nbformat.v4.new_markdown_cell("## Exercise\n\nCount the rows."),
        nbformat.v4.new_code_cell("rows = tables['x']  # starter code"),
        nbformat.v4.new_code_cell("len(rows)", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("The solution in words.", metadata={"tags": ["solution"]}),
    ]
    return notebook


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return cell.metadata.get("tags", [])


def test_the_answer_cells_follow_the_checks_and_close_the_exercise() -> None:
    copy = student_copy(_lesson())
    sources = [cell.source for cell in copy.cells]
    assert sources[0:2] == ["# A lesson\n\nWhy?", "## Check your understanding\n\n1. One?\n2. Two?\n3. Three?"]
    assert sources[2].endswith("\n\n1. \n2. \n3. ") and _tags(copy.cells[2]) == [ANSWER_TAG]
    assert sources[3].startswith("## Questions for discussion")
    assert sources[4:6] == ["## Exercise\n\nCount the rows.", "rows = tables['x']  # starter code"]
    assert copy.cells[6].cell_type == "code" and sources[6] == EXERCISE_CODE and _tags(copy.cells[6]) == [ANSWER_TAG]
    assert copy.cells[7].cell_type == "markdown" and "Your answer to the exercise" in sources[7]
    assert len(copy.cells) == 8  # the answers and both solution cells are gone
    assert [cell.id for cell in copy.cells if ANSWER_TAG in _tags(cell)] == ["answer-1", "answer-2", "answer-3"]


def test_the_copy_is_the_same_every_time_and_made_once() -> None:
    lesson = _lesson()
    first, second = student_copy(lesson), student_copy(lesson)
    assert nbformat.writes(first) == nbformat.writes(second)
    assert nbformat.writes(with_answer_cells(first)) == nbformat.writes(first)


def test_the_traps_are_named_in_the_exercise_cell() -> None:
    for trap in ("dtypes", ".isna()", '== "1955"', "<= 189893", "NaN or <NA>", "show_table(your_table)"):
        assert trap in EXERCISE_CODE


@pytest.mark.parametrize("text, count", [("1. a\n2. b", 2), ("no list", 0), ("1. a\n   2. not at the start", 1)])
def test_questions_are_counted(text: str, count: int) -> None:
    assert questions_in(text) == count


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_lesson_s_copy_has_a_place_to_answer(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    copy = student_copy(notebook)
    checks = next(cell for cell in notebook.cells if cell.source.startswith("## Check your understanding"))
    answers = [cell for cell in copy.cells if ANSWER_TAG in _tags(cell)]
    assert answers[0].source.count("\n1. ") == 1 and answers[0].source.rstrip().endswith(f"{questions_in(checks.source)}.")
    assert any(cell.cell_type == "code" for cell in answers) and len(answers) == 3
    assert not any(tag in ("solution", "answers") for cell in copy.cells for tag in _tags(cell))
    nbformat.validate(json.loads(nbformat.writes(copy)))
