"""The fix hints error messages carry (helpers.evidence.hints), one function at a time."""

from __future__ import annotations

import pytest

from helpers.evidence.hints import (
    MAX_LISTED, character_differences, did_you_mean, known_values, nearest_text, quote_hint, unknown_value_hint,
    visible,
)

DOCUMENT = ("Title\n\nThe Soviet Union’s troops entered Budapest on 24 October.\n"
            "Imre Nagy   became prime minister — again.\n")


@pytest.mark.parametrize(("value", "known", "expected"), [
    ("took_ofice", ["took_office", "lost_office", "removed"], ["took_office", "lost_office"]),
    ("Took Office", ["took_office", "removed"], ["took_office"]),  # case and separators ignored first
    ("took-office", ["took_office", "removed"], ["took_office"]),
    ("zzz", ["took_office", "removed"], []),
    ("simple_wik", ["essay", "simple_wiki", "wiki_rev"], ["simple_wiki"]),
])
def test_did_you_mean(value: str, known: list[str], expected: list[str]) -> None:
    assert did_you_mean(value, known) == expected


def test_did_you_mean_gives_at_most_the_limit() -> None:
    guesses = did_you_mean("aaaa", ["aaab", "aaac", "aaad", "aaae"], limit=2)
    assert len(guesses) == 2 and set(guesses) <= {"aaab", "aaac", "aaad", "aaae"}


def test_known_values_are_listed_or_shortened() -> None:
    assert known_values(["a", "b", "a"]) == "a, b"
    many = [f"v{i}" for i in range(MAX_LISTED + 5)]
    shortened = known_values(many, "data/events.csv")
    assert shortened.startswith("v0, v1, ") and f"v{MAX_LISTED - 1}, …" in shortened
    assert f"v{MAX_LISTED}," not in shortened and f"({MAX_LISTED + 5} in all; see data/events.csv)" in shortened
    assert known_values(many).endswith(f"({MAX_LISTED + 5} in all)")


def test_unknown_value_hint() -> None:
    assert unknown_value_hint("esay", ["essay", "blog"]) == "Did you mean 'essay'? Known: essay, blog"
    assert unknown_value_hint("x", ["essay", "blog"]) == "Known: essay, blog"
    assert unknown_value_hint("wiki_re", ["wiki_rev", "wiki_reg"]) == ("Did you mean 'wiki_rev' or 'wiki_reg'? "
                                                                       "Known: wiki_rev, wiki_reg")


def test_visible_names_the_character() -> None:
    assert visible("’") == "«’» (U+2019 RIGHT SINGLE QUOTATION MARK)"
    assert visible("'") == "«'» (U+0027 APOSTROPHE)"
    assert visible(" ") == "a space (U+0020)" and visible("\n") == "a line break (U+000A)"
    assert visible("\t") == "a tab (U+0009)"
    assert visible("\u00a0") == "U+00A0 NO-BREAK SPACE"  # not printable: named only
    assert visible("\u200b") == "U+200B ZERO WIDTH SPACE"


def test_nearest_text_finds_look_alike_characters_exactly() -> None:
    near = nearest_text("The Soviet Union's troops entered Budapest", DOCUMENT)
    assert near is not None and near.text == "The Soviet Union’s troops entered Budapest"
    assert near.line(DOCUMENT) == 3 and near.similarity > 0.9
    spaced = nearest_text("Imre Nagy became prime minister - again.", DOCUMENT)
    assert spaced is not None and spaced.text == "Imre Nagy   became prime minister — again."


def test_nearest_text_finds_a_misspelt_quote() -> None:
    near = nearest_text("The Soviet Unoin’s troops entred Budapest", DOCUMENT)
    assert near is not None and near.text.startswith("The Soviet Union’s troops") and near.text.endswith("Budapest")


@pytest.mark.parametrize("quote", ["nothing like this at all here", "", "qqqq wwww"])
def test_nothing_near(quote: str) -> None:
    assert nearest_text(quote, DOCUMENT) is None


def test_character_differences() -> None:
    assert character_differences("Union's troops", "Union’s troops") == [
        "the quote has «'» (U+0027 APOSTROPHE) where the document has «’» (U+2019 RIGHT SINGLE QUOTATION MARK) "
        "after 'Union'"]
    assert character_differences("Xthe end", "the end") == ["the quote has «X» (U+0058 LATIN CAPITAL LETTER X) at "
                                                            "the start, which the document does not"]
    assert character_differences("the end", "the  end") == [
        "the document has a space (U+0020) after 'the ', which the quote leaves out"]
    assert character_differences("ab cd", "ab xyz cd")[0].startswith("the document has «xyz »")
    many = character_differences("a1b2c3d4e5", "a9b8c7d6e0", limit=2)
    assert len(many) == 3 and many[-1] == "and 3 more"


def test_quote_hint_in_another_document() -> None:
    hint = quote_hint("troops entered Budapest", "Other text entirely.", {"blog": DOCUMENT})
    assert hint == "The quote is in document 'blog', word for word: is the row's doc_id right?"


def test_quote_hint_nearest_and_nothing() -> None:
    hint = quote_hint("The Soviet Union's troops entered Budapest", DOCUMENT)
    assert hint.startswith("The nearest text is on line 3: 'The Soviet Union’s troops entered Budapest'. "
                           "Differences: the quote has «'»")
    assert hint.endswith("Fix the quote: copy the words exactly as the file has them (apostrophes, dashes, spaces "
                         "and typos included)")
    nothing = quote_hint("completely unrelated words of another page", DOCUMENT)
    assert nothing.startswith("Nothing in the document comes close: check the row's doc_id, and copy")
