"""The parts every lesson has: key words from the glossary, and answers."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.display.claims import markdown_as_text
from helpers.display.lesson import (
    GlossaryError, answers_markdown, glossary, glossary_rows, key_words_markdown, term_anchor,
)

TINY = pd.DataFrame({"term": ["Warsaw Pact", "Neutrality"],
                     "definition": ["An alliance.", "Belonging to no alliance."],
                     "source": ["Britannica", "Project definition"], "source_url": [None, None]})


def test_a_missing_key_word_is_an_error_naming_it_and_the_glossary() -> None:
    with pytest.raises(GlossaryError) as raised:
        glossary_rows(["Warsaw Pact", "Satellite state"], TINY)
    message = str(raised.value)
    assert "'Satellite state'" in message and "data/glossary.csv" in message and "Warsaw Pact'" not in message


def test_key_words_keep_the_lessons_order_and_ignore_capitals() -> None:
    text = key_words_markdown(["neutrality", "WARSAW PACT"], table=TINY)
    # The glossary's words are escaped for Markdown (markdown_text): "\." is a full stop.
    assert text.splitlines() == ["- **Neutrality**: Belonging to no alliance\\.", "- **Warsaw Pact**: An alliance\\."]


def test_key_words_link_to_their_glossary_entry_only_when_asked() -> None:
    linked = key_words_markdown(["Warsaw Pact"], link_to="glossary.html", table=TINY)
    assert linked == "- **[Warsaw Pact](glossary.html#term-warsaw-pact)**: An alliance\\."
    assert "](" not in key_words_markdown(["Warsaw Pact"], table=TINY)


@pytest.mark.parametrize("term, anchor", [("Warsaw Pact", "term-warsaw-pact"), ("ÁVH", "term-avh"),
                                          ("Moscow, the Kremlin, the Politburo", "term-moscow-the-kremlin-the-politburo"),
                                          ("!!!", "term-x")])
def test_term_anchors_are_plain_ascii_ids(term: str, anchor: str) -> None:
    assert term_anchor(term) == anchor


def test_every_glossary_term_has_its_own_anchor() -> None:
    anchors = [term_anchor(term) for term in glossary()["term"]]
    assert len(anchors) == len(set(anchors))


def test_answers_are_numbered_and_a_correction_stays_inside_its_answer() -> None:
    from helpers.display.claims import corrections_index

    corrected = corrections_index().corrections[0]
    text = answers_markdown(["First.", f"It says “{corrected.quote}”.", "Third."])
    items = re.findall(r"^(\d+)\. ", text, re.M)
    assert items == ["1", "2", "3"]
    second = text[text.index("2. "):text.index("3. ")]
    assert corrected.correction_id in markdown_as_text(second)
    assert all(line.startswith("   ") for line in second.splitlines()[1:] if line)
