"""Every committed notebook is freshly executed and shaped like a lesson.

(nbval, run on every notebook by `make test`, re-executes each one and
compares its outputs; these checks cover what nbval does not.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_top_to_bottom_in_one_run(path: Path) -> None:
    notebook = _load(path)
    counts = [cell.get("execution_count") for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_errors_warnings_or_timing_in_outputs(path: Path) -> None:
    notebook = _load(path)
    for cell in notebook["cells"]:
        assert "execution" not in cell.get("metadata", {}), "executed with timing metadata"
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error"
            assert output.get("name") != "stderr", "".join(output.get("text", []))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_shape(path: Path) -> None:
    cells = _load(path)["cells"]
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    first_code = next("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert re.search(r"^setup\(\)$", first_code, re.M), "the first code cell must call setup()"
    assert "Questions for discussion" in "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_path_tricks(path: Path) -> None:
    code = "\n".join("".join(c["source"]) for c in _load(path)["cells"] if c["cell_type"] == "code")
    assert "sys.path" not in code and "../" not in code and "import *" not in code


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_metadata_for_the_index_page(path: Path) -> None:
    lesson = _load(path)["metadata"].get("lesson", {})
    assert isinstance(lesson.get("minutes"), int) and lesson["minutes"] > 0
    assert lesson.get("objectives") and all(isinstance(o, str) and o for o in lesson["objectives"])


PLAN_HEADING = "## Plan of the lesson"
PLAN_LINE = re.compile(r"^\s*[-*]\s*\*\*(\d+) min\*\*", re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_plan_adds_up_to_the_minutes_the_lesson_states(path: Path) -> None:
    """A lesson opens with key words and a plan of its core route, whose
    minutes add up to the time the index page promises."""
    notebook = _load(path)
    markdown = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"]
    assert any(m.lstrip().startswith("## Key words") for m in markdown), "no '## Key words'"
    plans = [m for m in markdown if m.lstrip().startswith(PLAN_HEADING)]
    assert len(plans) == 1, f"one markdown cell must start with {PLAN_HEADING!r}"
    minutes = [int(n) for n in PLAN_LINE.findall(plans[0])]
    assert minutes and sum(minutes) == notebook["metadata"]["lesson"]["minutes"], minutes
    assert "## Check your understanding" in "\n".join(markdown)


ANSWERS_TAG = "answers"
NUMBERED = re.compile(r"^(\d+)\. ", re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_checks_for_understanding_have_one_computed_answer_per_question(path: Path) -> None:
    """Three to five questions, then a cell tagged ``answers`` that computes
    one answer per question (folded on the site, left out of the student's copy)."""
    cells = _load(path)["cells"]
    at = next(i for i, c in enumerate(cells)
              if c["cell_type"] == "markdown" and "".join(c["source"]).lstrip().startswith("## Check your understanding"))
    questions = NUMBERED.findall("".join(cells[at]["source"]))
    assert 3 <= len(questions) <= 5, f"{len(questions)} questions"
    answers = cells[at + 1]
    assert answers["cell_type"] == "code" and ANSWERS_TAG in answers["metadata"].get("tags", [])
    assert "show_answers(" in "".join(answers["source"])
    shown = "".join("".join(o.get("data", {}).get("text/markdown", "")) for o in answers["outputs"])
    assert NUMBERED.findall(shown) == [str(n) for n in range(1, len(questions) + 1)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_key_words_are_shown_from_the_glossary(path: Path) -> None:
    from helpers.display.lesson import KEY_WORDS_METADATA

    cells = _load(path)["cells"]
    at = next(i for i, c in enumerate(cells)
              if c["cell_type"] == "markdown" and "".join(c["source"]).lstrip().startswith("## Key words"))
    assert "".join(cells[at]["source"]).strip() == "## Key words", "the definitions come from the glossary"
    shown = cells[at + 1]
    assert shown["cell_type"] == "code" and "show_key_words(" in "".join(shown["source"])
    assert any(o.get("metadata", {}).get(KEY_WORDS_METADATA) for o in shown["outputs"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_lesson_names_its_part_of_the_unit(path: Path) -> None:
    from helpers.site.builder import PARTS

    assert _load(path)["metadata"]["lesson"].get("part") in PARTS


def test_the_lessons_were_executed_with_todays_data() -> None:
    from helpers.check import notebooks_problem

    problem = notebooks_problem()
    assert problem is None, str(problem)


def test_a_change_of_data_makes_the_record_stale(data_copy: Path, tmp_path: Path) -> None:
    from helpers.check import notebooks_problem, record_notebook_data

    record = tmp_path / "executed_with.json"
    assert "no record" in str(notebooks_problem(data_copy, record))
    record_notebook_data(data_copy, record)
    assert notebooks_problem(data_copy, record) is None
    (data_copy / "raw" / "extra.txt").write_text("A new document.\n", encoding="utf-8")
    assert "run `make notebooks`" in str(notebooks_problem(data_copy, record))
