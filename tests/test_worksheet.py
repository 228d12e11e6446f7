"""Every lesson has a printable worksheet (helpers.site.worksheet): its
questions and exercise with room to answer, no code and no answers."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR
from helpers.site.builder import build_site, describe_lesson, key_words_of
from helpers.site.student import questions_in

LESSONS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
SECTION_TITLES = ("Check your understanding", "Questions for discussion", "Exercise")
HIDDEN_TAGS = {"solution", "answers", "method", "evidence"}


class _Page(HTMLParser):
    """The tags and the text (whitespace collapsed) of a page."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []
        self._text: list[str] = []
        self.feed(markup)
        self.close()
        self.text = " ".join("".join(self._text).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [value or "" for name, value in attrs if name == "href"]

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def _worksheet(site: Path, notebook: Path) -> str:
    return (site / f"{notebook.stem}-worksheet.html").read_text(encoding="utf-8")


def _plain(markdown: str) -> str:
    """The words of a line of Markdown as a page shows them (no emphasis
    marks, heading marks, code ticks or backslash escapes), whitespace collapsed."""
    return " ".join(re.sub(r"(?m)^#+ |\\(?=[^\w\s])|\*+|`", "", markdown).split())


def _section_cells(notebook: nbformat.NotebookNode, title: str) -> list[nbformat.NotebookNode]:
    """The cells from the "## title" heading up to the next "# " or "## " heading."""
    cells, inside = [], False
    for cell in notebook.cells:
        starts_section = cell.cell_type == "markdown" and re.match(r"#{1,2} ", cell.source.lstrip())
        if starts_section:
            inside = cell.source.lstrip().startswith(f"## {title}")
        if inside:
            cells.append(cell)
    return cells


def _shown_markdown(cells: list[nbformat.NotebookNode]) -> list[str]:
    return [cell.source for cell in cells
            if cell.cell_type == "markdown" and not HIDDEN_TAGS & set(cell.metadata.get("tags", []))]


def _questions(markdown: str) -> list[str]:
    """The first line of each numbered question in a cell."""
    return [_plain(line) for line in re.findall(r"(?m)^\d+\.\s+(.*)$", markdown)]


def test_every_lesson_has_a_worksheet_and_nothing_else_does(site: Path) -> None:
    assert LESSONS
    expected = {f"{notebook.stem}-worksheet.html" for notebook in LESSONS}
    assert {path.name for path in site.glob("*-worksheet.html")} == expected


@pytest.mark.parametrize("notebook_path", LESSONS, ids=[path.stem for path in LESSONS])
def test_a_worksheet_holds_the_lesson_s_words_and_questions(site: Path, notebook_path: Path) -> None:
    from helpers.display.lesson import glossary

    lesson = describe_lesson(notebook_path)
    notebook = nbformat.read(notebook_path, as_version=4)
    page = _Page(_worksheet(site, notebook_path))
    assert lesson.title in page.text and " ".join(lesson.summary.split()) in page.text
    assert f"about {lesson.minutes} minutes" in page.text
    assert re.search(r"Name: _{4,}\s*Class: _{4,}\s*Date: _{4,}", page.text)
    definitions = dict(zip(glossary()["term"].str.casefold(), glossary()["definition"]))
    terms = key_words_of(notebook)
    assert terms, f"{notebook_path.name}: a lesson shows its key words"
    for term in terms:
        assert term in page.text and " ".join(definitions[term.casefold()].split()) in page.text, term
    for title in SECTION_TITLES:
        shown = _shown_markdown(_section_cells(notebook, title))
        assert shown, f"{notebook_path.name}: no section {title!r}"
        assert f"{title}" in page.text
        questions = [question for markdown in shown for question in _questions(markdown)]
        if title != "Exercise":
            assert questions, f"{notebook_path.name}: {title} holds numbered questions"
        for question in questions:
            assert question in page.text, (title, question)
    exercise = _shown_markdown(_section_cells(notebook, "Exercise"))[0].split("\n")
    assert _plain(exercise[2]) in page.text  # the first line of text below the heading


@pytest.mark.parametrize("notebook_path", LESSONS, ids=[path.stem for path in LESSONS])
def test_a_worksheet_shows_no_code_and_no_answers(site: Path, notebook_path: Path) -> None:
    notebook = nbformat.read(notebook_path, as_version=4)
    html = _worksheet(site, notebook_path)
    page = _Page(html)
    for code in ("<pre", 'class="highlight"', "input_area", "<details", "<script"):
        assert code not in html, code
    hidden = [cell for cell in notebook.cells if HIDDEN_TAGS & set(cell.metadata.get("tags", []))]
    assert any("solution" in cell.metadata.tags for cell in hidden)
    assert any("answers" in cell.metadata.tags for cell in hidden)
    for cell in hidden:
        if cell.cell_type == "markdown" and len(_plain(cell.source)) > 30:
            assert _plain(cell.source)[:60] not in page.text, cell.source[:60]
    # A code cell leaves no trace: none of its comments (its own prose) is on the page.
    comments = [line.strip("# ").strip() for cell in notebook.cells if cell.cell_type == "code"
                for line in cell.source.splitlines() if line.strip().startswith("# ")]
    assert comments
    for comment in comments:
        if len(comment) > 25:
            assert " ".join(comment.split()) not in page.text, comment


@pytest.mark.parametrize("notebook_path", LESSONS, ids=[path.stem for path in LESSONS])
def test_each_question_has_lines_to_write_on_and_the_exercise_a_box(site: Path, notebook_path: Path) -> None:
    notebook = nbformat.read(notebook_path, as_version=4)
    html = _worksheet(site, notebook_path)
    questions = sum(questions_in(markdown) for title in SECTION_TITLES[:2]
                    for markdown in _shown_markdown(_section_cells(notebook, title)))
    assert questions >= 4
    assert html.count('<div class="answer-lines"') == questions
    # The lines sit inside their question, at its end.
    assert len(re.findall(r'<div class="answer-lines"[^>]*>(?:<div class="answer-line"></div>){3}</div>\s*</li>',
                          html)) == questions
    exercise = html[html.index('<section class="worksheet-section exercise">'):]
    assert 'class="answer-lines"' not in exercise
    assert exercise.count('<div class="answer-box">') == 1 and html.count('class="answer-box"') == 1
    assert exercise.index('class="answer-box"') > exercise.index("</div>")  # after the exercise's text


def test_the_print_rules_fit_a4_and_letter_and_keep_questions_whole(site: Path) -> None:
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    page_rules = re.findall(r"@page\s*\{([^}]*)\}", css)
    assert page_rules and all("size" not in rule for rule in page_rules)
    assert any(re.search(r"margin:\s*15mm", rule) for rule in page_rules)
    prints = " ".join(re.findall(r"@media print\s*\{((?:[^{}]|\{[^{}]*\})*)\}", css))
    assert re.search(r"main\.worksheet\s*\{[^}]*max-width:\s*180mm", prints)
    assert re.search(r"\.worksheet li[^{]*\{[^}]*break-inside:\s*avoid", prints)
    assert re.search(r"\.lesson-nav\s*\{\s*display:\s*none", prints)
    assert re.search(r"\.worksheet, \.worksheet \*\s*\{[^}]*color:\s*#000[^}]*background:\s*#fff", prints)
    assert "break-before: page" not in prints and "page-break-before: always" not in prints
    # The lines to write on are borders (browsers leave backgrounds out of a printout), not images.
    assert re.search(r"\.answer-line\s*\{[^}]*border-bottom:", css)
    assert not re.search(r"answer[^{]*\{[^}]*(?:url\(|background-image)", css)


def test_the_lesson_pages_and_the_index_link_to_the_worksheets(site: Path) -> None:
    index = _Page((site / "index.html").read_text(encoding="utf-8"))
    for notebook in LESSONS:
        worksheet = f"{notebook.stem}-worksheet.html"
        lesson_page = (site / f"{notebook.stem}.html").read_text(encoding="utf-8")
        assert f'<a href="{worksheet}">Printable worksheet</a>' in lesson_page
        assert worksheet in index.links
        assert f'href="{notebook.stem}.html"' in _worksheet(site, notebook)  # and back to the lesson
    assert index.text.count("Printable worksheet") == len(LESSONS)


# --- a worksheet from hand-made notebooks: what a lesson writes stays text --------------------------

HOSTILE_CHECKS = """## Check your understanding

1. Is <b>this</b> bold?
2. What does <script>alert(1)</script> do?
   1. A sub-step, not a question of its own.
"""
HOSTILE_DISCUSSION = """## Questions for discussion

1. Read [the page elsewhere](https://example.org/page), <https://example.org/auto> and
   ![a picture](https://example.org/i.png).
2. Compare with [the other lesson's worksheet](02_other-worksheet.html).
"""
HOSTILE_EXERCISE = """## Exercise

Write a <b>raw</b> tag with `code <i>here</i>` in it.

<script>window.hacked = 1</script>
<img src=x onerror="window.hacked = 2">
"""


def _lesson(title: str, cells: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook(metadata={"lesson": {"minutes": 25, "objectives": ["x"], "part": "events"}})
    notebook.cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\nSome context. **Is this the question?**"), *cells]
    return notebook


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site from two hand-made lessons, built over the worksheet of a lesson that is gone."""
    root = tmp_path_factory.mktemp("worksheets")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    key_words = nbformat.v4.new_code_cell('show_key_words("Claim")')
    key_words.outputs = [nbformat.v4.new_output("display_data", {"text/markdown": "- **Claim**: ..."},
                                                metadata={"key_words": ["Claim"]})]
    exercise_code = nbformat.v4.new_code_cell("secret_code = 'kept out of the worksheet'")
    solution = nbformat.v4.new_markdown_cell("**Solution.** The secret answer is here.",
                                             metadata={"tags": ["solution"]})
    answers = nbformat.v4.new_markdown_cell("1. The hidden answer to the first check.", metadata={"tags": ["answers"]})
    hostile = _lesson("A hostile lesson", [
        nbformat.v4.new_markdown_cell("## Key words"), key_words,
        nbformat.v4.new_markdown_cell(HOSTILE_CHECKS), answers,
        nbformat.v4.new_markdown_cell("## Caveats\n\n1. Not a question of the worksheet."),
        nbformat.v4.new_markdown_cell(HOSTILE_DISCUSSION),
        nbformat.v4.new_markdown_cell(HOSTILE_EXERCISE), exercise_code, solution,
    ])
    nbformat.write(hostile, notebooks / "01_hostile.ipynb")
    nbformat.write(_lesson("Another lesson", []), notebooks / "02_other.ipynb")
    site = root / "site"
    site.mkdir()
    (site / "00_gone-worksheet.html").write_text("old", encoding="utf-8")
    build_site(site, notebooks)
    return site


def test_html_in_a_lesson_s_cells_stays_text(small_site: Path) -> None:
    html = (small_site / "01_hostile-worksheet.html").read_text(encoding="utf-8")
    page = _Page(html)
    assert not {"script", "b", "i", "img"} & set(page.tags)
    for shown in ("Is <b>this</b> bold?", "What does <script>alert(1)</script> do?", "Write a <b>raw</b> tag",
                  "<script>window.hacked = 1</script>", '<img src=x onerror="window.hacked = 2">'):
        assert shown in page.text, shown
    assert "<code>code &lt;i&gt;here&lt;/i&gt;</code>" in html  # a code span stays code, its tags text
    assert "<strong>Is this the question?</strong>" in html  # the enquiry question keeps its bold


def test_only_links_to_the_site_s_own_pages_stay_live(small_site: Path) -> None:
    page = _Page((small_site / "01_hostile-worksheet.html").read_text(encoding="utf-8"))
    assert not [link for link in page.links if "example.org" in link]
    assert "02_other-worksheet.html" in page.links  # a worksheet is one of the site's pages
    assert "Read the page elsewhere, https://example.org/auto and !a picture." in page.text


def test_a_hand_made_worksheet_leaves_out_code_answers_and_other_sections(small_site: Path) -> None:
    html = (small_site / "01_hostile-worksheet.html").read_text(encoding="utf-8")
    page = _Page(html)
    for hidden in ("secret_code", "kept out of the worksheet", "The secret answer", "The hidden answer",
                   "Not a question of the worksheet"):
        assert hidden not in page.text, hidden
    assert html.count('class="answer-lines"') == 4  # two checks, two discussion questions; not the sub-step
    assert "Claim" in page.text and "about 25 minutes" in page.text
    from helpers.display.lesson import glossary

    definition = glossary().set_index("term").loc["Claim", "definition"]
    assert " ".join(definition.split()) in page.text


def test_a_lesson_without_the_sections_gets_a_worksheet_all_the_same(small_site: Path) -> None:
    html = (small_site / "02_other-worksheet.html").read_text(encoding="utf-8")
    page = _Page(html)
    assert "Another lesson" in page.text and "Is this the question?" in page.text
    for absent in ("Key words", "Check your understanding", "Questions for discussion", "Exercise"):
        assert absent not in page.text, absent
    assert "answer-lines" not in html and "answer-box" not in html


def test_a_gone_lesson_s_worksheet_is_removed_and_the_current_ones_kept(small_site: Path) -> None:
    assert sorted(path.name for path in small_site.glob("*-worksheet.html")) == [
        "01_hostile-worksheet.html", "02_other-worksheet.html"]


def _table_output(caption: str, cell_text: str) -> dict:
    markup = (f'<table class="lesson-table"><caption>{caption}</caption><tbody><tr><td>{cell_text}</td></tr>'
              "</tbody></table>")
    return nbformat.v4.new_output("display_data", data={"text/html": markup, "text/plain": cell_text})


def test_the_exercise_s_tables_are_printed_and_a_computer_only_exercise_says_so() -> None:
    from helpers.site.worksheet import COMPUTER_ONLY_NOTE, exercise_tables, worksheet_sections

    evidence = nbformat.v4.new_code_cell("show_table(x)", metadata={"tags": ["evidence"]})
    evidence.outputs = [_table_output("Refugees: what the documents say", "named row")]
    other = nbformat.v4.new_code_cell("show_table(y)")
    other.outputs = [_table_output("Another table", "unnamed row")]
    inside = nbformat.v4.new_code_cell("show_table(z)")
    inside.outputs = [_table_output("", "row inside the exercise")]
    solution = nbformat.v4.new_code_cell("show_table(s)", metadata={"tags": ["solution"]})
    solution.outputs = [_table_output("", "the solution's row")]
    notebook = _lesson("Tables", [
        evidence, other,
        nbformat.v4.new_markdown_cell("## Exercise\n\n**Without a computer.** On the printed table \"Refugees:\n"
                                      "what the documents say\", mark each row."),
        inside, solution])
    tables = " ".join(exercise_tables(notebook, worksheet_sections(notebook)))
    assert "named row" in tables and "row inside the exercise" in tables
    assert "unnamed row" not in tables and "the solution's row" not in tables
    code_only = _lesson("Code", [nbformat.v4.new_markdown_cell("## Exercise\n\nFilter `tables[\"x\"]`.")])
    (section,) = worksheet_sections(code_only)
    assert section.kind == "exercise"
    from helpers.site.worksheet import ON_PAPER

    assert not any(ON_PAPER.search(text) for text in section.markdown) and "JupyterLab" in COMPUTER_ONLY_NOTE


def test_the_lessons_worksheets_print_the_tables_their_exercises_name(site: Path) -> None:
    page = (site / "05_casualties_and_refugees-worksheet.html").read_text(encoding="utf-8")
    assert "<caption>Refugees: what the documents say</caption>" in page
    assert "<caption>Hungarians who died or were wounded: what the documents say</caption>" in page
    assert 'class="worksheet-note"' not in page  # it has a version without a computer
    assert 'class="worksheet-note"' in (site / "00_sources-worksheet.html").read_text(encoding="utf-8")
