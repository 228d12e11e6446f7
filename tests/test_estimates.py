"""The one convention that turns an estimate's words into an interval."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.evidence import estimates
from helpers.evidence.estimates import (
    estimate_problems,
    QUALIFIER_KEYS, QUALIFIER_PHRASES, READINGS, UNQUANTIFIED, WORD_RANGES, interval_from_qualifier,
    number_from_text, qualifier_from_text,
)
from helpers.evidence.tables import load_table, read_datapackage

NO_NUMBER_KEYS = (*WORD_RANGES, *UNQUANTIFIED)


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("exact", 13_000, (13_000, 13_000)),
        ("around", 3_000, (2_700, 3_300)),
        ("estimated", 200_000, (160_000, 240_000)),
        ("nearly", 1_000, (900, 1_000)),
        ("over", 2_000, (2_000, None)),
        ("hundreds", None, (200, 999)),
        ("thousands", None, (2_000, 9_999)),
        ("tens_of_thousands", None, (20_000, 99_999)),
        ("many", None, (None, None)),
        ("most_of", None, (None, None)),
        ("up_to", 600, (450, 600)),
        ("some", None, (None, None)),
    ],
)
def test_central_reading(key: str, value: int | None, expected: tuple) -> None:
    assert interval_from_qualifier(key, value) == expected


def test_readings_nest_narrow_inside_central_inside_wide() -> None:
    for key in QUALIFIER_KEYS:
        value = None if key in NO_NUMBER_KEYS else 1_000
        narrow, central, wide = (interval_from_qualifier(key, value, r) for r in READINGS)
        if central == (None, None):
            continue
        assert wide[0] <= central[0] <= narrow[0], key
        top = [float("inf") if b is None else b for b in (narrow[1], central[1], wide[1])]
        assert top[0] <= top[1] <= top[2], key


def test_the_wide_reading_of_a_round_word_runs_on_as_everyday_english_does() -> None:
    """"thousands were imprisoned" of some 26,000: the central reading stops at 9,999, the wide one does not."""
    assert interval_from_qualifier("thousands", None, "central") == (2_000, 9_999)
    low, high = interval_from_qualifier("thousands", None, "wide")
    assert low <= 26_000 <= high
    assert interval_from_qualifier("hundreds", None, "wide") == (100, 9_999)
    assert interval_from_qualifier("tens_of_thousands", None, "wide") == (10_000, 999_999)


@pytest.mark.parametrize(
    "key, value, named",
    [("around", None, "'around'"), ("thousands", 5, "'thousands'"), ("vaguely", 3, "'vaguely'"), ("exact", -1, "-1")],
)
def test_words_that_do_not_fit_are_refused(key: str, value: int | None, named: str) -> None:
    """Refused with a message that names the word or number at fault."""
    with pytest.raises(ValueError, match=re.escape(named)):
        interval_from_qualifier(key, value)


@pytest.mark.parametrize("key, expected", [("exact", (0, 0)), ("around", (0, 0)), ("nearly", (0, 0)), ("over", (0, None))])
def test_zero_is_a_count(key: str, expected: tuple) -> None:
    """Only a negative count is refused: "over 0" is a number a document can write."""
    assert interval_from_qualifier(key, 0) == expected


def test_unknown_reading_is_refused() -> None:
    with pytest.raises(ValueError, match="reading"):
        interval_from_qualifier("around", 10, "generous")  # type: ignore[arg-type]


def test_the_convention_reads_exactly_the_qualifiers_the_schema_allows() -> None:
    """Every key a row may hold has a reading, and every reading a key."""
    resource = next(r for r in read_datapackage()["resources"] if r["name"] == "estimates")
    field = next(f for f in resource["schema"]["fields"] if f["name"] == "qualifier_key")
    assert set(field["constraints"]["enum"]) == set(QUALIFIER_KEYS)


def test_every_stored_interval_follows_the_convention() -> None:
    estimates = load_table("estimates")
    for row in estimates.itertuples(index=False):
        value = None if pd.isna(row.value) else int(row.value)
        low, high = interval_from_qualifier(row.qualifier_key, value)
        stored = tuple(None if pd.isna(x) else int(x) for x in (row.low, row.high))
        assert stored == (low, high), row.claim_id


def test_the_yardstick_words_follow_the_same_convention() -> None:
    """The figures from outside the documents ("nearly 3,000", "some 200,000",
    "2,500 (est.)") are read by the same rule as the documents' words; a
    range applies it to each end."""
    reference = load_table("scholarly_estimates")
    assert set(reference["qualifier_key"]) <= set(QUALIFIER_KEYS)
    for row in reference.itertuples(index=False):
        low, high = interval_from_qualifier(row.qualifier_key, int(row.value))
        if not pd.isna(row.value_to):
            high = interval_from_qualifier(row.qualifier_key, int(row.value_to))[1]
        stored = tuple(None if pd.isna(x) else int(x) for x in (row.low, row.high))
        assert stored == (low, high), row.ref_id


# --- the keys up_to and some ---------------------------------------------------------------


@pytest.mark.parametrize(
    "reading, expected",
    [("narrow", (540, 600)), ("central", (450, 600)), ("wide", (0, 600))],
)
def test_up_to_is_a_ceiling_read_more_loosely_in_each_wider_reading(reading: str, expected: tuple) -> None:
    """"as many as 600": 600 at most; a tenth, a quarter, or all of it less."""
    assert interval_from_qualifier("up_to", 600, reading) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("reading", READINGS)
def test_up_to_allows_less_than_nearly_under_every_reading(reading: str) -> None:
    """"nearly 600" says the count came close to 600; "as many as 600" does not."""
    up_to = interval_from_qualifier("up_to", 600, reading)  # type: ignore[arg-type]
    nearly = interval_from_qualifier("nearly", 600, reading)  # type: ignore[arg-type]
    assert up_to[1] == nearly[1] == 600
    assert up_to[0] < nearly[0]


@pytest.mark.parametrize("reading", READINGS)
def test_some_without_a_number_gives_no_interval(reading: str) -> None:
    assert interval_from_qualifier("some", None, reading) == (None, None)  # type: ignore[arg-type]


def test_the_new_keys_are_refused_with_the_wrong_kind_of_value() -> None:
    with pytest.raises(ValueError, match="'some'"):
        interval_from_qualifier("some", 20_000)
    with pytest.raises(ValueError, match="'up_to'"):
        interval_from_qualifier("up_to", None)
    with pytest.raises(ValueError, match="-600"):
        interval_from_qualifier("up_to", -600)


# --- number_from_text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2500", 2_500),
        ("0", 0),
        ("2,500", 2_500),
        ("200,000", 200_000),
        ("1,000,000", 1_000_000),
        ("2 500", 2_500),
        ("13 000", 13_000),
        ("13\u00a0000", 13_000),  # a no-break space, as typeset pages have it
        ("13\u202f000", 13_000),  # a narrow no-break space
        ("1 000 000", 1_000_000),
        ("1.000.000", 1_000_000),
        ("1.5 million", 1_500_000),
        ("2.75 million", 2_750_000),
        ("100 thousand", 100_000),
        ("1,500 million", 1_500_000_000),
        ("seven", 7),
        ("ninety-nine", 99),
        ("two hundred", 200),
        ("a hundred and fifty", 150),
        ("one hundred fifty", 150),
        ("fifteen hundred", 1_500),
        ("a thousand", 1_000),
        ("two thousand and five", 2_005),
        ("twenty-five thousand", 25_000),
        ("twenty five thousand", 25_000),
        ("a hundred thousand", 100_000),
        ("a hundred and fifty thousand", 150_000),
        ("one thousand two hundred and thirty-four", 1_234),
        ("a million", 1_000_000),
        ("two million five hundred thousand", 2_500_000),
        ("half a million", 500_000),
        ("a half million", 500_000),
        ("a quarter of a million", 250_000),
        ("a quarter million", 250_000),
        ("one quarter of a million", 250_000),
        ("three quarters of a million", 750_000),
        ("three-quarters of a million", 750_000),
        ("one and a half million", 1_500_000),
        ("two and a half thousand", 2_500),
        ("half a thousand", 500),
        ("  Twenty-Five   THOUSAND ", 25_000),
        ("Half A Million", 500_000),
    ],
)
def test_number_from_text_reads_what_documents_write(text: str, expected: int) -> None:
    assert number_from_text(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("200.000", "ambiguous"),
        ("180.288", "ambiguous"),
        ("1.500 million", "ambiguous"),
        ("2.5", "decimal point"),
        ("1,5 million", "'1,5'"),
        ("2,50", "'2,50'"),
        ("02500", "'02500'"),
        ("2,500 000", "one kind of separator"),
        ("25 00", "'25 00'"),
        ("-5", "negative"),
        ("1.2345 thousand", "not a whole number"),
        ("a third of a million", "'third'"),
        ("2,500\u20133,000", "range"),
        ("2,500 to 3,000", "range"),
        ("over 2,000", "'over' qualifies the number"),
        ("over", "'over' is a phrase of an estimate"),
        ("some 20,000", "'some'"),
        ("as many as 600", "'as many as'"),
        ("thousands", "'thousands'"),
        ("tens of thousands", "'tens of thousands'"),
        ("hundreds of", "'hundreds'"),
        ("many", "'many' is a phrase of an estimate"),
        ("millions", "'millions' is a round word that is itself the count"),
        ("2 thousands", "'thousands' is a round word that is itself the count"),
        ("a large contingent", "'large'"),
        ("200 people", "'people'"),
        ("2 thousand 500", "more than one word"),
        ("five five", "'five'"),
        ("twenty thirty", "'thirty'"),
        ("a", "'a'"),
        ("hundred", "'hundred'"),
        ("a thousand thousand", "'thousand'"),
        ("fifteen hundred thousand", "'thousand' out of place"),
        ("a thousand fifteen hundred", "cannot follow"),
        ("one hundred and", "'and' after 'hundred'"),
        ("two thousand and", "'and' after 'thousand'"),
        ("half", "round word"),
        ("half a hundred", "round word"),
        ("half a half million", "more than one fraction"),
        ("one quarters of a million", "'quarters' needs"),
        ("two quarters of a million", "'quarters' needs"),
        ("a quarter of million", "round word"),
        ("twenty eleven", "'eleven'"),
        ("three quarter of a million", "before 'quarter'"),
        ("and a half million", "no whole number"),
        ("a thousand and a half million", "out of place"),
        ("one two and a half million", "unexpected word 'two'"),
        ("zero", "'zero'"),
        ("\uff12\uff15\uff10\uff10", "unknown word"),  # full-width digits are not the digits documents write
    ],
)
def test_number_from_text_refuses_what_it_cannot_read(text: str, reason: str) -> None:
    """One ValueError that names the text, says why, and shows the forms it reads."""
    with pytest.raises(ValueError) as refused:
        number_from_text(text)
    message = str(refused.value)
    assert repr(text) in message
    assert reason in message
    assert "'twenty-five thousand'" in message


def _spelled(n: int) -> str:
    """``n`` (1 to 999,999,999) in British number words, written independently of the reader."""
    units = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
             "seventeen eighteen nineteen").split()
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()

    def below_hundred(k: int) -> str:
        if k < 20:
            return units[k - 1]
        return tens[k // 10 - 2] + ("" if k % 10 == 0 else "-" + units[k % 10 - 1])

    def below_thousand(k: int) -> str:
        hundreds, rest = divmod(k, 100)
        if not hundreds:
            return below_hundred(rest)
        return f"{units[hundreds - 1]} hundred" + (f" and {below_hundred(rest)}" if rest else "")

    parts = []
    for scale, word in ((1_000_000, "million"), (1_000, "thousand"), (1, "")):
        group, n = divmod(n, scale)
        if group:
            parts.append(f"{below_thousand(group)} {word}".strip())
    return " ".join(parts)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 10**12))
def test_grouped_digits_read_back_as_the_number(n: int) -> None:
    assert number_from_text(f"{n:,}") == n
    assert number_from_text(f"{n:,}".replace(",", " ")) == n
    assert number_from_text(str(n)) == n
    if n >= 1_000_000:
        assert number_from_text(f"{n:,}".replace(",", ".")) == n


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 999_999_999))
def test_number_words_read_back_as_the_number(n: int) -> None:
    assert number_from_text(_spelled(n)) == n


# --- qualifier_from_text and its one table of phrases ----------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "exact"),
        ("over", "over"),
        ("more than", "over"),
        ("around", "around"),
        ("about", "around"),
        ("approximately", "around"),
        ("roughly", "around"),
        ("an estimated", "estimated"),
        ("estimated", "estimated"),
        ("nearly", "nearly"),
        ("almost", "nearly"),
        ("close to", "nearly"),
        ("as many as", "up_to"),
        ("up to", "up_to"),
        ("hundreds", "hundreds"),
        ("thousands", "thousands"),
        ("tens of thousands", "tens_of_thousands"),
        ("many", "many"),
        ("many more", "many"),
        ("numerous", "many"),
        ("large", "many"),
        ("most", "most_of"),
        ("most of them", "most_of"),
        ("More than", "over"),
        ("  Tens   of\tThousands ", "tens_of_thousands"),
        ("AS MANY AS", "up_to"),
    ],
)
def test_qualifier_from_text_reads_each_phrase(text: str, expected: str) -> None:
    assert qualifier_from_text(text) == expected


def test_some_is_around_before_a_number_and_its_own_key_without_one() -> None:
    """"some 20,000" is about 20,000; "some were arrested" gives no number."""
    assert qualifier_from_text("some", number_follows=True) == "around"
    assert qualifier_from_text("Some", number_follows=False) == "some"
    with pytest.raises(ValueError, match="number_follows"):
        qualifier_from_text("some")


@pytest.mark.parametrize(
    "text, number_follows, named",
    [
        ("thousands", True, "'thousands' is itself the count"),
        ("many more", True, "'many more' is itself the count"),
        ("over", False, "'over' qualifies a number"),
        ("as many as", False, "'as many as' qualifies a number"),
        ("", False, "no words and no number"),
    ],
)
def test_words_in_the_wrong_place_are_refused(text: str, number_follows: bool, named: str) -> None:
    with pytest.raises(ValueError, match=re.escape(named)):
        qualifier_from_text(text, number_follows=number_follows)


def test_words_in_their_place_are_read_when_the_place_is_given() -> None:
    assert qualifier_from_text("over", number_follows=True) == "over"
    assert qualifier_from_text("", number_follows=True) == "exact"
    assert qualifier_from_text("thousands", number_follows=False) == "thousands"


@pytest.mark.parametrize("text", ["vaguely", "over about", "in excess of", "some 20,000"])
def test_unknown_words_are_refused_with_the_known_phrases(text: str) -> None:
    with pytest.raises(ValueError) as refused:
        qualifier_from_text(text)
    message = str(refused.value)
    assert repr(text) in message
    for phrase in ("'more than'", "'as many as'", "'tens of thousands'", "'most of them'"):
        assert phrase in message


def test_every_phrase_gives_keys_the_convention_reads_in_their_place() -> None:
    """A key before a number takes one; a key that is the count takes none."""
    for phrase, keys in QUALIFIER_PHRASES.items():
        assert keys.before_number is not None or keys.as_count is not None, phrase
        if keys.before_number is not None:
            assert keys.before_number not in NO_NUMBER_KEYS, phrase
            interval_from_qualifier(keys.before_number, 100)
        if keys.as_count is not None:
            assert keys.as_count in NO_NUMBER_KEYS, phrase
            interval_from_qualifier(keys.as_count, None)


def test_every_key_has_words_that_give_it() -> None:
    given = {key for keys in QUALIFIER_PHRASES.values() for key in keys if key is not None}
    assert given == set(QUALIFIER_KEYS)


def test_the_phrases_are_stored_normalised() -> None:
    """Lower case, single spaces: the form qualifier_from_text looks up."""
    for phrase in QUALIFIER_PHRASES:
        assert phrase == " ".join(phrase.lower().split()), phrase


def test_no_phrase_is_read_as_a_number() -> None:
    for phrase in QUALIFIER_PHRASES:
        with pytest.raises(ValueError):
            number_from_text(phrase)


def test_the_docstring_table_of_phrases_is_the_dict() -> None:
    """The module docstring lists every phrase with the keys the dict gives it, and nothing else."""
    row = re.compile(r'^\| "([^"]*)"[^|]*\| (\w+|–) \| (\w+|–) \|$')
    documented = {}
    for line in (estimates.__doc__ or "").splitlines():
        match = row.match(line.strip())
        if match:
            phrase, before, as_count = match.groups()
            assert phrase not in documented, phrase
            documented[phrase] = (None if before == "–" else before, None if as_count == "–" else as_count)
    assert documented == {phrase: tuple(keys) for phrase, keys in QUALIFIER_PHRASES.items()}


# --- the documents' own words ---------------------------------------------------------------


def test_every_estimate_s_words_read_as_stored() -> None:
    """Each row's words give its key, its value and its interval (the rules
    of :func:`estimate_problems`, which ``make check`` applies)."""
    estimates_table = load_table("estimates")
    assert estimates_table["number_text"].notna().sum() > 0
    assert estimate_problems(estimates_table) == []


@pytest.mark.parametrize(("claim_id", "column", "value", "problem_column", "words"), [
    ("est-wiki_rev-01", "qualifier_key", "around", "qualifier_key", "read as 'over' by the estimate convention, "
                                                                    "not 'around'"),
    ("est-wiki_rev-03", "value", 13, "value", "reads as 13000, not 13: set value to 13000"),
    ("est-wiki_rev-03", "low", 999, "low", "gives (13000, 13000): copy those"),
    ("est-wiki_rev-03", "number_text", "over 13 000", "number_text", "over 13 000"),
    ("est-wiki_rev-01", "number_text", "1 000", "number_text", "must begin with the qualifier words 'over'"),
    ("est-wiki_rev-03", "qualifier_text", "perhaps", "qualifier_text", "perhaps"),
    ("est-simple_wiki-02", "number_text", "2,000", "value", "reads as 2000: fill value with 2000"),
])
def test_a_row_against_the_convention_is_named(claim_id: str, column: str, value: object, problem_column: str,
                                               words: str) -> None:
    estimates_table = load_table("estimates")
    row = int(estimates_table.index[estimates_table["claim_id"] == claim_id][0])
    damaged = estimates_table.astype(object)
    damaged.loc[row, column] = value
    problems = estimate_problems(damaged)
    assert [(r, c) for r, c, _ in problems] == [(row + 1, problem_column)]
    assert words in problems[0][2]


# --- corners of the readers and of the table check (each found by mutation testing) ---------


@pytest.mark.parametrize("text", ["many more", "most of them"])
def test_a_phrase_that_begins_with_a_shorter_one_is_named_whole(text: str) -> None:
    """"many more" begins with "many", and "most of them" with "most": the
    refusal names the longest phrase of the table that the text is."""
    with pytest.raises(ValueError) as refused:
        number_from_text(text)
    assert f"{text!r} is a phrase of an estimate" in str(refused.value)


def test_a_decimal_that_is_not_whole_is_named_in_the_reason() -> None:
    """"1.2345 thousand" is 1,234.5 people: the reason names the words that
    are not a whole number, not only the message around it."""
    with pytest.raises(ValueError) as refused:
        number_from_text("1.2345 thousand")
    assert "'1.2345 thousand' is not a whole number" in str(refused.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        # "one hundred twenty-five" is 125 (a group without "and", as "one hundred fifty"),
        # and a half more, of a thousand: 125.5 * 1,000.
        ("one hundred twenty-five and a half thousand", 125_500),
        ("a hundred and fifty and a half thousand", 150_500),
        ("two hundred and a half million", 200_500_000),
    ],
)
def test_a_whole_number_of_several_words_before_and_a_half(text: str, expected: int) -> None:
    """"one and a half million" with a longer whole number before "and a half"."""
    assert number_from_text(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        # A tens word takes a unit below ten after it: "twenty-one" to "twenty-nine";
        # "twenty ten" is not thirty.
        ("twenty ten", "unexpected word 'ten'"),
        ("twenty-ten", "unexpected word 'ten'"),
        # After a round word, the rest must be smaller than it: "ten hundred" is a thousand.
        ("two thousand ten hundred", "cannot follow"),
        # Only a number below a thousand counts thousands or millions: "ten hundred" is not.
        ("ten hundred thousand", "'thousand' out of place"),
        # Each round word at most once, largest first.
        ("two thousand three thousand", "'thousand' out of place"),
        ("a million two million", "'million' out of place"),
    ],
)
def test_number_words_out_of_order_are_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as refused:
        number_from_text(text)
    message = str(refused.value)
    assert repr(text) in message
    assert reason in message


ROW_COLUMNS = ("claim_id", "qualifier_text", "qualifier_key", "number_text", "value", "low", "high")


def _rows(*rows: tuple) -> pd.DataFrame:
    """A hand-made estimates table with the columns estimate_problems reads (None: an empty cell)."""
    return pd.DataFrame(list(rows), columns=list(ROW_COLUMNS), dtype=object)


def test_every_row_s_problem_is_reported_not_only_the_first() -> None:
    """One problem per faulty row, each with its column, whatever rows come
    before or after it; the rows that follow the convention give none."""
    table = _rows(
        ("words", "vaguely", "around", "vaguely 300", 300, 270, 330),
        ("key", "over", "around", "over 300", 300, 270, 330),
        ("fine-1", "around", "around", "around 3,000", 3_000, 2_700, 3_300),
        ("no-value", "many", "many", "2,000", None, None, None),
        ("prefix", "over", "over", "about 2,000", 2_000, 2_000, None),
        ("unreadable", "around", "around", "around 3.000", 3_000, 2_700, 3_300),
        ("value", "around", "around", "around 3,500", 3_000, 2_700, 3_300),
        ("negative", None, "exact", None, -5, -5, -5),
        ("fine-2", "thousands", "thousands", "thousands", None, 2_000, 9_999),
        ("interval", "over", "over", "over 2,000", 2_000, 2_000, 3_000),
        ("last", "around", "around", "around 2,000", 2_000, 1_800, None),
    )
    problems = estimate_problems(table)
    assert [(row, column) for row, column, _ in problems] == [
        (1, "qualifier_text"), (2, "qualifier_key"), (4, "value"), (5, "number_text"), (6, "number_text"),
        (7, "value"), (8, "value"), (10, "low"), (11, "low"),
    ]
    words = {row: message for row, _, message in problems}
    assert "'vaguely'" in words[1]
    assert "set qualifier_key to 'over'" in words[2]
    assert "fill value with 2000" in words[4]
    assert "must begin with the qualifier words 'over'" in words[5]
    assert "ambiguous" in words[6]
    assert "reads as 3500, not 3000" in words[7]
    assert "negative" in words[8] and "-5" in words[8]


@pytest.mark.parametrize(
    "row, stored, expected",
    [
        # "over 2,000": at least 2,000 with no upper bound (central reading), so high is empty.
        (("over", "over", "over 2,000", 2_000, 2_000, 3_000), "(2000, 3000)", "(2000, empty)"),
        # "around 2,000": 2,000 ± 10% (central reading); the stored high is missing.
        (("around", "around", "around 2,000", 2_000, 1_800, None), "(1800, empty)", "(1800, 2200)"),
        (("thousands", "thousands", "thousands", None, None, None), "(empty, empty)", "(2000, 9999)"),
    ],
)
def test_a_wrong_interval_is_shown_beside_the_convention_s(row: tuple, stored: str, expected: str) -> None:
    """The message shows the stored bounds and the convention's, an empty cell as "empty", to copy."""
    problems = estimate_problems(_rows(("claim", *row)))
    assert [(r, c) for r, c, _ in problems] == [(1, "low")]
    message = problems[0][2]
    assert f"low, high are {stored}" in message
    assert f"gives {expected}: copy those" in message


def test_some_is_read_by_whether_the_row_has_a_number() -> None:
    """"some 20,000" is around 20,000 (central: ± 10%), "some were arrested" gives no number."""
    table = _rows(
        ("some-number", "some", "around", "some 20,000", 20_000, 18_000, 22_000),
        ("some-alone", "Some", "some", "Some", None, None, None),
    )
    assert estimate_problems(table) == []


def test_a_qualifier_without_its_number_is_a_problem_of_its_words() -> None:
    """"over" with no number after it: the words are at fault, not the (empty) value."""
    problems = estimate_problems(_rows(("claim", "over", "over", "over", None, None, None)))
    assert [(r, c) for r, c, _ in problems] == [(1, "qualifier_text")]
    assert "'over' qualifies a number, but no number follows" in problems[0][2]
