"""A printable worksheet for each lesson: ``<slug>-worksheet.html``.

A teacher prints it for a class working on paper. It holds, from the
lesson's notebook: the title and the enquiry question, the key words with
their glossary definitions, and the sections "Check your understanding",
"Questions for discussion" and "Exercise" (their hand-written Markdown
cells only: no code cell, and none of the cells a lesson page folds away,
see :data:`helpers.site.builder.FOLDS`, so no solution and no answer). Each
numbered question of the first two sections is followed by ruled lines to
write on, the exercise by a larger box; a line for the student's name, class
and date heads the page.

The Markdown is rendered with markdown-it-py with HTML switched off: a tag a
notebook holds (``<script>``, ``<b>``) is shown as text, never as markup.
Images are not rendered (nothing is loaded from anywhere), and the rendered
cells pass :func:`helpers.site.guard.guard_output`, so a link survives only
if it goes to one of the site's own pages; the whole page then passes
:func:`helpers.site.guard.guard_page`, as every page of the site does.

The builder (:func:`helpers.site.builder.build_site`) writes one worksheet
per lesson with :func:`write_worksheet`; its print rules are the
``.worksheet`` block of ``site.css``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat
from jinja2 import Environment
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from markupsafe import Markup

from helpers.site.builder import ASSETS, FOLDS, Lesson, key_words_of
from helpers.site.guard import guard_output, guard_page

WORKSHEET_SUFFIX = "-worksheet.html"
TEMPLATE = "worksheet.html.j2"
# The lesson's sections a worksheet prints (their "## " headings), in this
# order, each with the class its <section> carries.
SECTIONS: dict[str, str] = {
    "Check your understanding": "checks",
    "Questions for discussion": "discussion",
    "Exercise": "exercise",
}
# The sections whose numbered questions each get lines to write on (the
# exercise's numbered items are steps of one task: it gets one large box).
QUESTION_SECTIONS = frozenset({"checks", "discussion"})
ANSWER_LINES = 3  # ruled lines after each question: room for two or three sentences
ANSWER_LINES_HTML = ('<div class="answer-lines" aria-hidden="true">'
                     + '<div class="answer-line"></div>' * ANSWER_LINES + "</div>\n")


@dataclass(frozen=True)
class Section:
    """One section of a lesson as its worksheet prints it."""

    title: str  # the text of its "## " heading
    kind: str  # "checks", "discussion" or "exercise" (see SECTIONS)
    markdown: tuple[str, ...]  # its Markdown cells in order, the heading line left out

    @property
    def has_questions(self) -> bool:
        """Whether each numbered item is a question to answer on lines of its own."""
        return self.kind in QUESTION_SECTIONS


def worksheet_page(lesson: Lesson) -> str:
    """The file name of a lesson's worksheet: ``03_leadership_changes-worksheet.html``."""
    return f"{lesson.slug}{WORKSHEET_SUFFIX}"


def heading_of(cell: nbformat.NotebookNode) -> tuple[int, str] | None:
    """The level and text of the heading a Markdown cell starts with
    (``"## Exercise"`` -> ``(2, "Exercise")``), or ``None``."""
    if cell.cell_type != "markdown":
        return None
    first = cell.source.lstrip().split("\n", 1)[0]
    marks = len(first) - len(first.lstrip("#"))
    if 1 <= marks <= 6 and first[marks:marks + 1] == " ":
        return marks, first[marks:].strip()
    return None


def is_printed(cell: nbformat.NotebookNode) -> bool:
    """A cell a worksheet may print: Markdown, and not tagged as one of the
    folds of a lesson page (solution, answers, method, evidence)."""
    return cell.cell_type == "markdown" and not set(cell.metadata.get("tags", [])) & set(FOLDS)


def section_cells(cells: list[nbformat.NotebookNode], start: int) -> list[nbformat.NotebookNode]:
    """The cells of the section whose heading is ``cells[start]``: up to the
    next ``# `` or ``## `` heading (a ``### `` heading stays inside)."""
    end = next((position for position in range(start + 1, len(cells))
                if (heading := heading_of(cells[position])) and heading[0] <= 2), len(cells))
    return cells[start:end]


def without_heading(markdown: str) -> str:
    """A section's first cell without its heading line (the worksheet writes its own heading)."""
    return markdown.lstrip().split("\n", 1)[1] if "\n" in markdown.lstrip() else ""


def worksheet_sections(notebook: nbformat.NotebookNode) -> list[Section]:
    """The sections of :data:`SECTIONS` the notebook has, in that order, each
    with the Markdown cells a worksheet prints (:func:`is_printed`); a section
    the notebook lacks is left out."""
    headings = {position: heading for position, cell in enumerate(notebook.cells)
                if (heading := heading_of(cell)) is not None and heading[0] == 2}
    sections = []
    for title, kind in SECTIONS.items():
        start = next((position for position, (_, text) in headings.items()
                      if text.casefold() == title.casefold()), None)
        if start is None or not is_printed(notebook.cells[start]):
            continue
        cells = [cell for cell in section_cells(notebook.cells, start) if is_printed(cell)]
        markdown = [without_heading(cells[0].source)] + [cell.source for cell in cells[1:]]
        sections.append(Section(title, kind, tuple(text for text in markdown if text.strip())))
    return sections


def enquiry_markdown(notebook: nbformat.NotebookNode) -> str:
    """The first paragraph after the lesson's ``# `` title, as Markdown (the
    paragraph :func:`helpers.site.builder.describe_lesson` calls the summary:
    it ends with the lesson's enquiry question)."""
    for cell in notebook.cells:
        heading = heading_of(cell)
        if heading and heading[0] == 1:
            paragraphs = [p.strip() for p in without_heading(cell.source).split("\n\n") if p.strip()]
            return paragraphs[0] if paragraphs else ""
    return ""


def answer_lines_after(self: RendererHTML, tokens: list[Token], position: int, options: OptionsDict,
                       env: dict) -> str:
    """markdown-it's rule for the end of a list item: a numbered question
    (marked by :func:`mark_questions`) ends with its lines to write on."""
    lines = ANSWER_LINES_HTML if tokens[position].meta.get("answer_lines") else ""
    return lines + self.renderToken(tokens, position, options, env)


@cache
def markdown_renderer() -> MarkdownIt:
    """Markdown as a notebook writes it (CommonMark with tables and
    strikethrough), with raw HTML shown as text and no images."""
    renderer = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"]).disable("image")
    renderer.add_render_rule("list_item_close", answer_lines_after)
    return renderer


def mark_questions(tokens: list[Token]) -> None:
    """Mark the end of every item of a top-level numbered list (a question)
    to be followed by answer lines; items of nested or bulleted lists are not
    questions of their own."""
    lists: list[str] = []  # the open lists, outermost first
    for token in tokens:
        if token.type in ("ordered_list_open", "bullet_list_open"):
            lists.append(token.type)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            lists.pop()
        elif token.type == "list_item_close" and lists == ["ordered_list_open"]:
            token.meta["answer_lines"] = True


def render_markdown(markdown: str, pages: set[str], questions: bool = False) -> Markup:
    """One notebook cell's Markdown as safe HTML: tags in it shown as text,
    links kept only to the site's own ``pages``; with ``questions``, ruled
    answer lines after each numbered question."""
    renderer = markdown_renderer()
    tokens = renderer.parse(markdown)
    if questions:
        mark_questions(tokens)
    return Markup(guard_output(renderer.renderer.render(tokens, renderer.options, {}), pages))


def render_inline(markdown: str, pages: set[str]) -> Markup:
    """A paragraph's Markdown as safe inline HTML (bold kept, tags shown as text)."""
    return Markup(guard_output(markdown_renderer().renderInline(markdown), pages))


CAPTION = re.compile(r"<caption>(.*?)</caption>", re.S)
# Words that say an exercise can be done on paper (its "without a computer" version).
ON_PAPER = re.compile(r"(?i)without (?:a computer|code)|on paper|printed table")
COMPUTER_ONLY_NOTE = ("This exercise is done on a computer, in JupyterLab (the student's notebook of this lesson). "
                      "On paper, answer the questions above.")


def table_outputs(notebook: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    """``(cell index, caption, html)`` of every table a lesson shows (an HTML
    output of a code cell, folded on the page or not, but never a solution's
    or an answer's), in order."""
    from helpers.site.student import is_teacher_only

    found = []
    for position, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or is_teacher_only(cell):
            continue
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html")
            markup = "".join(markup) if isinstance(markup, list) else markup
            if markup and "<table" in markup:
                caption = CAPTION.search(markup)
                found.append((position, html.unescape(caption.group(1)) if caption else "", markup))
    return found


def exercise_tables(notebook: nbformat.NotebookNode, sections: list[Section]) -> list[str]:
    """The tables a worksheet's exercise works on: those the lesson shows
    inside its exercise section, and those its questions or exercise name by
    their caption ("the printed table “Refugees: what the documents say”")."""
    texts = " ".join(" ".join(html.unescape(text).split()) for section in sections for text in section.markdown)
    start = next((position for position, cell in enumerate(notebook.cells)
                  if (heading := heading_of(cell)) and heading[0] == 2
                  and heading[1].casefold() == "exercise"), None)
    inside = set()
    if start is not None:
        inside = set(range(start, start + len(section_cells(notebook.cells, start))))
    return [markup for position, caption, markup in table_outputs(notebook)
            if position in inside or (caption and caption in texts)]


def key_word_entries(notebook: nbformat.NotebookNode) -> list[dict]:
    """The lesson's key words, each once and in the lesson's order, with
    their glossary definitions and anchors on the glossary page."""
    from helpers.display.lesson import glossary_rows, term_anchor

    terms = list(dict.fromkeys(key_words_of(notebook)))
    return [{"term": row["term"], "definition": row["definition"], "anchor": term_anchor(row["term"])}
            for row in glossary_rows(terms)]


def render_worksheet(lesson: Lesson, notebook: nbformat.NotebookNode, env: Environment, pages: set[str],
                     assets: str = ASSETS) -> str:
    """The worksheet page of one lesson, guarded as every page of the site."""
    found = worksheet_sections(notebook)
    sections = [{"title": section.title, "kind": section.kind,
                 "cells": [render_markdown(text, pages, section.has_questions) for text in section.markdown],
                 "note": (COMPUTER_ONLY_NOTE if section.kind == "exercise"
                          and not any(ON_PAPER.search(text) for text in section.markdown) else ""),
                 "tables": ([Markup(guard_output(markup, pages)) for markup in exercise_tables(notebook, found)]
                            if section.kind == "exercise" else [])}
                for section in found]
    page = env.get_template(TEMPLATE).render(
        lesson=lesson,
        enquiry=render_inline(enquiry_markdown(notebook), pages),
        key_words=key_word_entries(notebook),
        sections=sections,
        assets=assets,
    )
    return guard_page(page)


def write_worksheet(out_dir: Path, lesson: Lesson, notebook: nbformat.NotebookNode, env: Environment,
                    pages: set[str]) -> Path:
    """Write a lesson's worksheet into ``out_dir``; return its path."""
    target = out_dir / worksheet_page(lesson)
    target.write_text(render_worksheet(lesson, notebook, env, pages), encoding="utf-8")
    return target
