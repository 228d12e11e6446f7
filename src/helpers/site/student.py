"""The student's copy of a lesson: no solutions, no answers, a place to answer.

A teacher's notebook holds the exercise solutions and the answers to the
checks for understanding (cells tagged ``solution`` and ``answers``). The
student's copy leaves them out and adds, after the checks for understanding
and at the end of the exercise, cells tagged ``answer`` in which to write:
a Markdown cell with one numbered line per question, and for the exercise a
code cell that starts with the traps a student is most likely to meet.

The site offers these copies for download (``site/student/``) and
``make lab`` puts them in the student's workspace (:mod:`helpers.workspace`).
"""

from __future__ import annotations

import copy
import re

import nbformat

SOLUTION_TAG = "solution"
ANSWERS_TAG = "answers"
ANSWER_TAG = "answer"  # the cells a student writes in
# Cells the teacher's notebook keeps and the student's copy leaves out.
TEACHER_ONLY = frozenset({SOLUTION_TAG, ANSWERS_TAG})

CHECKS_HEADING = "## Check your understanding"
EXERCISE_HEADING = "## Exercise"
# The traps of pandas a student meets first, said before they bite.
EXERCISE_CODE = """# Your code for the exercise. Put the name of your table where this says your_table.
# Before you compare a column with a value, look at what it holds: your_table.dtypes
#   text ("object" or "str") is compared with text, in quotes:  your_table["year"] == "1955"
#   whole numbers ("Int64", "int64") with numbers, no quotes:   your_table["low"] <= 189893
#   an empty cell is missing (shown NaN or <NA>) and equals nothing: test it with .isna() or .notna()
# show_table(your_table) shows it in words; your_table.head() shows its first rows as they are stored.
"""
EXERCISE_ANSWER = "**Your answer to the exercise** (double-click this cell to write in it):\n\n"


def is_teacher_only(cell: nbformat.NotebookNode) -> bool:
    """A solution or an answer: in the teacher's notebook, not the student's."""
    return bool(TEACHER_ONLY & set(cell.metadata.get("tags", [])))


def _answer_cell(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cell.metadata["tags"] = [ANSWER_TAG]
    return cell


def questions_in(markdown: str) -> int:
    """How many numbered questions (``1.``, ``2.``, … at the start of a line) a cell holds."""
    return len(re.findall(r"(?m)^\d+\.\s", markdown))


def _section_end(cells: list[nbformat.NotebookNode], start: int) -> int:
    """Index just past the section that starts at ``cells[start]`` (a ``## `` heading)."""
    for position in range(start + 1, len(cells)):
        cell = cells[position]
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith(("# ", "## ")):
            return position
    return len(cells)


def with_answer_cells(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` with the cells a student answers in: after the
    checks for understanding, one numbered line per question; at the end of
    the exercise, a code cell (with the traps to watch for) and a Markdown
    cell for the written answer. A notebook that has them already is
    returned unchanged (copied)."""
    notebook = copy.deepcopy(notebook)
    cells = notebook.cells
    if any(ANSWER_TAG in cell.metadata.get("tags", []) for cell in cells):
        return notebook
    inserts: list[tuple[int, list[nbformat.NotebookNode]]] = []
    for position, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            continue
        heading = cell.source.lstrip()
        if heading.startswith(CHECKS_HEADING):
            count = questions_in(cell.source)
            lines = "\n".join(f"{n}. " for n in range(1, count + 1)) if count else ""
            inserts.append((position + 1, [_answer_cell(nbformat.v4.new_markdown_cell(
                "**Your answers** (double-click this cell to write in it):\n\n" + lines))]))
        elif heading.startswith(EXERCISE_HEADING):
            end = _section_end(cells, position)
            inserts.append((end, [_answer_cell(nbformat.v4.new_code_cell(EXERCISE_CODE)),
                                  _answer_cell(nbformat.v4.new_markdown_cell(EXERCISE_ANSWER))]))
    for position, new in sorted(inserts, key=lambda item: item[0], reverse=True):
        cells[position:position] = new
    answers = (cell for cell in cells if ANSWER_TAG in cell.metadata.get("tags", []))
    for number, cell in enumerate(answers, start=1):  # fixed ids: the same copy every time
        cell["id"] = f"answer-{number}"
    return notebook


def student_copy(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of a teacher's notebook without its exercise solutions and the
    answers to its checks (the cells of :data:`TEACHER_ONLY`), with the cells
    to answer in (:func:`with_answer_cells`); everything else is kept as it is."""
    notebook = copy.deepcopy(notebook)
    notebook.cells = [cell for cell in notebook.cells if not is_teacher_only(cell)]
    return with_answer_cells(notebook)
