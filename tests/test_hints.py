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


# --- corners found by mutation testing --------------------------------------------------------

LONG = ("In the early hours of 4 November 1956, Soviet tanks re-entered Budapest from several directions at once; "
        "by the evening the radio had fallen silent, and the government’s last appeal, read out in English, "
        "asked the world for help that never came. Thousands of people fled west across the border in the weeks "
        "that followed.\n")


def test_an_exact_match_ignoring_case_and_separators_is_the_only_guess() -> None:
    """Case and separators are ignored first: a value that is a known one
    written otherwise gets that one alone, not also the ones spelt alike."""
    known = ["took_offices", "took_office", "lost_office"]
    assert did_you_mean("Took Office", known) == ["took_office"]
    assert did_you_mean("took-office", known) == ["took_office"]


@pytest.mark.parametrize(("value", "known", "expected"), [
    ("ye r", ["year", "month", "day"], ["year"]),  # a space typed for a letter
    ("mo-th", ["year", "month", "day"], ["month"]),
    ("u_to", ["exact", "over", "around", "nearly", "up_to", "many", "some", "most_of"], ["up_to"]),  # a letter left out
])
def test_a_separator_counts_as_one_character_in_the_spelling(value: str, known: list[str],
                                                             expected: list[str]) -> None:
    """Runs of separators are made one before spelling is compared, so a
    slip next to a separator weighs as much as any other: the value meant
    is guessed, not one that shares little with it but the separator."""
    assert did_you_mean(value, known) == expected


def test_did_you_mean_gives_three_guesses_at_most_by_default() -> None:
    known = ["took_office", "took_offices", "took_ofice", "took_offce", "tok_office"]
    guesses = did_you_mean("took_offic", known)
    assert len(guesses) == 3 and set(guesses) <= set(known)


def test_known_values_are_listed_in_full_up_to_the_limit() -> None:
    values = [f"v{i}" for i in range(MAX_LISTED)]
    assert known_values(values, "data/events.csv") == ", ".join(values)


def test_a_long_list_of_known_values_says_where_to_see_them_all() -> None:
    many = [f"event_{i}" for i in range(MAX_LISTED + 5)]
    assert unknown_value_hint("zzz", many, "data/events.csv").endswith(
        f"event_{MAX_LISTED - 1}, … ({MAX_LISTED + 5} in all; see data/events.csv)")
    assert unknown_value_hint("zzz", many).endswith(f"event_{MAX_LISTED - 1}, … ({MAX_LISTED + 5} in all)")


def test_the_line_of_the_nearest_text_counts_the_lines_before_it() -> None:
    document = "\nfirst line\nsecond line\nthird line\nfourth line\n"
    near = nearest_text("second line", document)
    assert near is not None and near.line(document) == 3


@pytest.mark.parametrize(("quote", "document", "expected"), [
    ("don't", "they don’t know", "don’t"),  # a curly apostrophe: no run of four characters in common
    ("it's", "it’s over", "it’s"),  # at the very start of the document
    ("nagy", "Imre Nagy spoke", "Nagy"),  # case
    ("to  be", "not to be", "to be"),  # two spaces for one
    ("'Go!'", "He shouted ‘Go!’ twice.", "‘Go!’"),  # 3 of 5 characters alike: just MIN_SIMILARITY, still shown
])
def test_a_short_quote_with_look_alike_characters_is_found_exactly(quote: str, document: str, expected: str) -> None:
    near = nearest_text(quote, document)
    assert near is not None and near.text == expected and document[near.start:near.end] == expected


@pytest.mark.parametrize(("quote", "document", "expected"), [
    ("Hungery", "Hungary rose in 1956.", "Hungary"),  # four letters in common, at the start of the document
    ("Hugary 1956", "Hungary 1956\n\nThe Soviet Union’s troops entered Budapest.", "Hungary 1956"),
    ("Xhe Soviet Union’s troops", DOCUMENT, "The Soviet Union’s troops"),  # a slip in the first letter
    ("entered Budapesd", DOCUMENT, "entered Budapest"),  # and in the last
    ("prime minister — agan.", DOCUMENT, "prime minister — again."),
    ("across the boredr", LONG, "across the border"),
    # A quote shortened with an ellipsis: the passage runs from its first words to its last.
    ("by the evening … the government’s last appeal", LONG,
     "by the evening the radio had fallen silent, and the government’s last appeal"),
])
def test_a_misspelt_quote_is_matched_with_the_passage_it_was_copied_from(quote: str, document: str,
                                                                         expected: str) -> None:
    near = nearest_text(quote, document)
    assert near is not None and near.text == expected and document[near.start:near.end] == expected


def test_a_passage_that_shares_only_a_word_is_not_near() -> None:
    assert nearest_text("Budapest was quiet all that long week", DOCUMENT) is None


def test_a_long_quote_with_swapped_letters_is_found_and_each_slip_named() -> None:
    """Four pairs of swapped letters in 201 characters: the passage is found
    whole, 197 of its characters alike (difflib's ratio 2 * 197 / 402), and
    each swap is two differences (a letter left out, a letter added)."""
    passage = LONG[LONG.index("the radio"):].strip()
    quote = (passage.replace("radio", "raido").replace("silent", "silnet").replace("appeal", "apepal")
             .replace("English", "Englihs"))
    near = nearest_text(quote, LONG)
    assert near is not None and near.text == passage
    assert near.similarity == pytest.approx(2 * 197 / 402)
    differences = character_differences(quote, near.text)
    assert len(differences) == 4 and differences[-1] == "and 5 more"
    assert differences[0] == ("the document has «d» (U+0064 LATIN SMALL LETTER D) after 'the ra', which the quote "
                              "leaves out")


def test_character_differences_shows_three_by_default_and_no_more_line_for_exactly_three() -> None:
    assert len(character_differences("a1b2c3", "a9b8c7")) == 3
    five = character_differences("a1b2c3d4e5", "a9b8c7d6e0")
    assert len(five) == 4 and five[-1] == "and 2 more"


def test_several_characters_for_others_are_shown_between_guillemets() -> None:
    """Two hyphens for an em dash, two for two en dashes: the longer text
    between « and », a single character by its code and name."""
    assert character_differences("1956--57", "1956—57") == [
        "the quote has «--» where the document has «—» (U+2014 EM DASH) after '1956'"]
    assert character_differences("in 1956--57", "in 1956––57") == [
        "the quote has «--» where the document has «––» after 'in 1956'"]


def test_invisible_characters_are_written_as_escapes() -> None:
    """Two tabs where the quote has a space cannot be seen between « and »."""
    assert character_differences("a b", "a\t\tb") == [
        "the quote has a space (U+0020) where the document has '\\t\\t' after 'a'"]


def test_a_character_without_a_name_is_said_to_have_none() -> None:
    assert visible("\ue000") == "U+E000 unnamed character"  # private use: no name, not printable
