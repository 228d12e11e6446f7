"""The parts every lesson has: its key words and the answers to its checks
for understanding.

- :func:`show_key_words` shows a lesson's key words with their definitions
  from ``data/glossary.csv``, the one place a term is defined; the site links
  each term to its glossary page. A term the glossary lacks is an error naming
  it, so a lesson cannot define a word on its own or use an undefined one.
- :func:`show_answers` shows the answers to a lesson's "Check your
  understanding" questions. A lesson computes them from the tables in a cell
  tagged ``answers``: the teacher's notebook keeps them, the site folds them
  behind a click, the student's copy leaves them out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

import pandas as pd

from helpers.display.claims import inert_markdown, markdown_text, with_corrections_markdown

GLOSSARY_FILE = "data/glossary.csv"
GLOSSARY_PAGE = "glossary.html"  # the site page the builder generates from the table
KEY_WORDS_METADATA = "key_words"  # output metadata: the terms shown, for the site's links


class GlossaryError(LookupError):
    """A lesson names a key word that ``data/glossary.csv`` does not define."""


@cache
def glossary() -> pd.DataFrame:
    """The glossary table, validated like every table of the data package."""
    from helpers.evidence.tables import load_all_tables

    return load_all_tables()["glossary"]


def term_anchor(term: str) -> str:
    """The id of a term on the glossary page: ``"Warsaw Pact"`` -> ``"term-warsaw-pact"``."""
    ascii_text = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode()
    return "term-" + (re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x")


def glossary_rows(terms: Sequence[str], table: pd.DataFrame | None = None) -> list[dict[str, str]]:
    """The glossary rows of ``terms``, in the order given (capital letters do
    not matter). Raises :class:`GlossaryError` naming every missing term."""
    table = glossary() if table is None else table
    by_key = {term.casefold(): row for term, row in zip(table["term"], table.to_dict("records"))}
    missing = [term for term in terms if term.casefold() not in by_key]
    if missing:
        raise GlossaryError(
            f"{GLOSSARY_FILE} has no row for the key word(s) {', '.join(repr(t) for t in missing)}: "
            "add a row with term, definition and source (and source_url for a web page), "
            "or use a term the glossary has")
    return [by_key[term.casefold()] for term in terms]


def key_words_markdown(terms: Sequence[str], link_to: str | None = None,
                       table: pd.DataFrame | None = None) -> str:
    """The key words as a Markdown list, ``- **Term**: definition``; with
    ``link_to`` (the glossary page) each term links to its entry there."""
    lines = []
    for row in glossary_rows(terms, table):
        # The glossary's words are data: shown as they are (markdown_text); the
        # only link is the one made here, to the site's own glossary page.
        term = markdown_text(row["term"])
        shown = f"[{term}]({link_to}#{term_anchor(row['term'])})" if link_to else term
        lines.append(f"- **{shown}**: {markdown_text(row['definition'])}")
    return "\n".join(lines)


def show_key_words(*terms: str) -> None:
    """Display a lesson's key words with their glossary definitions."""
    from IPython.display import Markdown, display

    if not terms:
        raise ValueError("show_key_words needs at least one term")
    glossary_rows(terms)  # fails before anything is shown
    display(Markdown(inert_markdown(key_words_markdown(terms))), metadata={KEY_WORDS_METADATA: list(terms)})


def answers_markdown(answers: Sequence[str]) -> str:
    """Numbered answers, each with the corrections its quotes call for
    (indented, so that a correction stays inside its answer's list item)."""
    return "\n\n".join(f"{number}. " + with_corrections_markdown(answer).replace("\n", "\n   ")
                         for number, answer in enumerate(answers, start=1))


def show_answers(answers: Sequence[str]) -> None:
    """Display the answers to the lesson's check-for-understanding questions,
    one computed string per question, in order."""
    from IPython.display import Markdown, display

    if isinstance(answers, str) or not answers:
        raise ValueError("show_answers takes a list with one answer per question")
    display(Markdown(inert_markdown("**Answers.**\n\n" + answers_markdown(answers))))
