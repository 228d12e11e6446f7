"""From the words of an estimate to an explicit interval: one convention.

A document writes "over 2000", "around 3,000", "an estimated 200,000",
"thousands", "hundreds". Each qualifier is read as an interval ``[low, high]``
(``high`` is ``None`` for an open upper bound, both are ``None`` when the
words give no number at all, as in "many more"). The *central* reading is
the one stored in ``data/estimates.csv``; the *narrow* and *wide* readings
let a lesson test whether a conclusion survives a different reading of the
vague words.

| qualifier | narrow | central | wide |
|---|---|---|---|
| exact (a bare number) | v | v | v |
| around | v ± 5% | v ± 10% | v ± 25% |
| estimated | v ± 10% | v ± 20% | v ± 50% |
| nearly | [0.95v, v] | [0.9v, v] | [0.75v, v] |
| up_to | [0.9v, v] | [0.75v, v] | [0, v] |
| over | [v, 1.5v] | [v, open) | [v, open) |
| hundreds | [200, 500] | [200, 999] | [100, 9,999] |
| thousands | [2,000, 5,000] | [2,000, 9,999] | [1,000, 99,999] |
| tens_of_thousands | [20,000, 50,000] | [20,000, 99,999] | [10,000, 999,999] |
| many, most_of, some (no number) | unquantified | unquantified | unquantified |

Plural round words ("thousands") start at two of the unit in the narrow and
central readings, because one thousand would be written "a thousand". The
central reading stops a plural round word below ten of its unit ("thousands"
at 9,999); in everyday English it can run on further ("thousands were
imprisoned" of some 26,000 people), so the wide reading lets it reach just
below a hundred of its unit ("thousands": 1,000 to 99,999). A conclusion that
holds under the central reading but not the wide one rests on how the round
word is read.

"nearly 600" says the count fell a little short of 600; "as many as 600"
(``up_to``) says only that 600 is the most it could be. Such a ceiling is one
the writer chose to impress, so the central reading allows a quarter less
(a tenth in the narrow reading, anything from zero in the wide one).
The bare word "some" ("some were arrested") gives no number, like "many";
"some" before a number ("some 20,000") is read as ``around``: that is a
phrase of the table below, not a key of its own.
Bounds are rounded to whole people (or tanks).

Which words give which key (:data:`QUALIFIER_PHRASES`, read by
:func:`qualifier_from_text`, case and spacing ignored; a test checks that
this table and the dict agree). A word can stand before a number, be the
count itself, or (only "some") either, with a different key:

| words | before a number | as the count itself |
|---|---|---|
| "" (a bare number) | exact | – |
| "over" | over | – |
| "more than" | over | – |
| "around" | around | – |
| "about" | around | – |
| "some" | around | some |
| "approximately" | around | – |
| "roughly" | around | – |
| "an estimated" | estimated | – |
| "estimated" | estimated | – |
| "nearly" | nearly | – |
| "almost" | nearly | – |
| "close to" | nearly | – |
| "as many as" | up_to | – |
| "up to" | up_to | – |
| "hundreds" | – | hundreds |
| "thousands" | – | thousands |
| "tens of thousands" | – | tens_of_thousands |
| "many" | – | many |
| "many more" | – | many |
| "numerous" | – | many |
| "large" ("a large contingent") | – | many |
| "most" | – | most_of |
| "most of them" | – | most_of |

A phrase not in the table is refused: reading new words is a decision about
the convention, made by adding them here.

The number itself is read by :func:`number_from_text`:

- Digits, plain (``2500``) or grouped in threes by commas (``2,500``) or by
  spaces (``2 500``, also no-break and thin spaces), one kind of separator
  per number. The documents are in English, so a comma never marks decimals.
- A dot between groups of three is read only when there are two or more
  (``1.000.000``): no decimal number has two points. A single dot before
  exactly three digits (``200.000``) is refused as ambiguous: 200,000 with
  a dot between thousands (Hungarian, German) or 200 with a decimal point.
- A decimal point only before ``thousand`` or ``million`` (``1.5 million``),
  and the result must be a whole number.
- Number words: ``twenty-five thousand``, ``two hundred``, ``a thousand``,
  ``a hundred and fifty``, ``fifteen hundred``, ``two thousand and five``.
- Fractions of a round word: ``half a million``, ``a quarter of a million``,
  ``three quarters of a million``, ``a quarter million``,
  ``one and a half million``.
- Everything else (a range, a plural round word such as "thousands", words
  that qualify a number, a fraction that does not come out whole) is
  refused with a ValueError saying why.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Literal, NamedTuple

Reading = Literal["narrow", "central", "wide"]
READINGS: tuple[Reading, ...] = ("narrow", "central", "wide")
Interval = tuple[int | None, int | None]

# Relative half-widths for qualifiers that scale a stated number.
SYMMETRIC: dict[str, dict[Reading, float]] = {
    "exact": {"narrow": 0.0, "central": 0.0, "wide": 0.0},
    "around": {"narrow": 0.05, "central": 0.10, "wide": 0.25},
    "estimated": {"narrow": 0.10, "central": 0.20, "wide": 0.50},
}
# Qualifiers whose number is a ceiling: the lower bound as a share of it.
NEARLY: dict[Reading, float] = {"narrow": 0.95, "central": 0.90, "wide": 0.75}
UP_TO: dict[Reading, float] = {"narrow": 0.90, "central": 0.75, "wide": 0.0}
CEILINGS: dict[str, dict[Reading, float]] = {"nearly": NEARLY, "up_to": UP_TO}
OVER_CAP: dict[Reading, float | None] = {"narrow": 1.5, "central": None, "wide": None}
# Qualifiers that are themselves the number: fixed ranges.
WORD_RANGES: dict[str, dict[Reading, tuple[int, int]]] = {
    "hundreds": {"narrow": (200, 500), "central": (200, 999), "wide": (100, 9_999)},
    "thousands": {"narrow": (2_000, 5_000), "central": (2_000, 9_999), "wide": (1_000, 99_999)},
    "tens_of_thousands": {"narrow": (20_000, 50_000), "central": (20_000, 99_999), "wide": (10_000, 999_999)},
}
UNQUANTIFIED = ("many", "most_of", "some")
QUALIFIER_KEYS: tuple[str, ...] = (*SYMMETRIC, *CEILINGS, "over", *WORD_RANGES, *UNQUANTIFIED)


class PhraseKeys(NamedTuple):
    """The keys one phrase gives: before a number, and as the count itself
    (None where the phrase cannot stand that way)."""

    before_number: str | None
    as_count: str | None


# The one table of phrases (the docstring renders it; a test keeps them equal).
QUALIFIER_PHRASES: dict[str, PhraseKeys] = {
    "": PhraseKeys("exact", None),
    "over": PhraseKeys("over", None),
    "more than": PhraseKeys("over", None),
    "around": PhraseKeys("around", None),
    "about": PhraseKeys("around", None),
    "some": PhraseKeys("around", "some"),
    "approximately": PhraseKeys("around", None),
    "roughly": PhraseKeys("around", None),
    "an estimated": PhraseKeys("estimated", None),
    "estimated": PhraseKeys("estimated", None),
    "nearly": PhraseKeys("nearly", None),
    "almost": PhraseKeys("nearly", None),
    "close to": PhraseKeys("nearly", None),
    "as many as": PhraseKeys("up_to", None),
    "up to": PhraseKeys("up_to", None),
    "hundreds": PhraseKeys(None, "hundreds"),
    "thousands": PhraseKeys(None, "thousands"),
    "tens of thousands": PhraseKeys(None, "tens_of_thousands"),
    "many": PhraseKeys(None, "many"),
    "many more": PhraseKeys(None, "many"),
    "numerous": PhraseKeys(None, "many"),
    "large": PhraseKeys(None, "many"),  # the adjective of "a large contingent", "a large number"
    "most": PhraseKeys(None, "most_of"),
    "most of them": PhraseKeys(None, "most_of"),
}


def interval_from_qualifier(qualifier_key: str, value: int | None, reading: Reading = "central") -> Interval:
    """The interval ``(low, high)`` that the words of an estimate allow.

    ``value`` is the number the document writes (None for number words such
    as "thousands"). Raises ValueError for an unknown qualifier or reading, a
    qualifier that needs a number but got none, or one that is the number
    itself but got one as well.
    """
    if reading not in READINGS:
        raise ValueError(f"unknown reading {reading!r}; use one of {READINGS}")
    if qualifier_key in WORD_RANGES or qualifier_key in UNQUANTIFIED:
        if value is not None:
            raise ValueError(f"{qualifier_key!r} gives no number of its own, but value is {value}")
        if qualifier_key in UNQUANTIFIED:
            return None, None
        return WORD_RANGES[qualifier_key][reading]
    if qualifier_key not in QUALIFIER_KEYS:
        raise ValueError(f"unknown qualifier {qualifier_key!r}; known: {QUALIFIER_KEYS}")
    if value is None:
        raise ValueError(f"{qualifier_key!r} qualifies a number, but none was given")
    if value < 0:
        raise ValueError(f"a count cannot be negative: {value}")
    if qualifier_key in SYMMETRIC:
        width = SYMMETRIC[qualifier_key][reading]
        return round(value * (1 - width)), round(value * (1 + width))
    if qualifier_key in CEILINGS:
        return round(value * CEILINGS[qualifier_key][reading]), value
    cap = OVER_CAP[reading]
    return value, (round(value * cap) if cap is not None else None)


def _normalised(text: str) -> str:
    """Lower case, runs of any whitespace (no-break and thin spaces too) as one space."""
    return " ".join(text.split()).lower()


def _known_phrases() -> str:
    """The phrases of the table, quoted, for an error message."""
    return ", ".join(repr(phrase) for phrase in QUALIFIER_PHRASES)


def qualifier_from_text(text: str, number_follows: bool | None = None) -> str:
    """The qualifier key of the words before a number ("more than" -> over),
    or of the words that are the count themselves ("tens of thousands").

    ``number_follows`` says whether the document writes a number after the
    words; it is needed only for "some" ("some 20,000" is around, "some
    were arrested" is some), and when given it is checked ("thousands" can
    have no number after it, "over" must). Case and spacing are ignored.
    Raises ValueError for words not in :data:`QUALIFIER_PHRASES`, listing
    the known phrases.
    """
    phrase = _normalised(text)
    if phrase not in QUALIFIER_PHRASES:
        raise ValueError(f"unknown qualifier words {text!r}; known phrases: {_known_phrases()}. "
                         "Add new words to QUALIFIER_PHRASES in helpers/evidence/estimates.py")
    keys = QUALIFIER_PHRASES[phrase]
    if number_follows is None:
        readings = [key for key in keys if key is not None]
        if len(readings) > 1:
            raise ValueError(f"{phrase!r} is read as {keys.before_number!r} before a number and as "
                             f"{keys.as_count!r} when it is the count itself; say which with number_follows")
        return readings[0]
    key = keys.before_number if number_follows else keys.as_count
    if key is None:
        if number_follows:
            raise ValueError(f"{phrase!r} is itself the count: no number can follow it")
        raise ValueError(f"{phrase!r} qualifies a number, but no number follows"
                         if phrase else "no words and no number: nothing to read")
    return key


# Number words. "zero" is left out: a document writes a count of none as words
# such as "no one", which are not a number to read.
UNIT_WORDS: dict[str, int] = {
    word: value for value, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split(), start=1)
}
TENS_WORDS: dict[str, int] = {
    word: 10 * value for value, word in enumerate(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)
}
SCALE_WORDS: dict[str, int] = {"thousand": 1_000, "million": 1_000_000}
FRACTION_WORDS: dict[str, Fraction] = {"half": Fraction(1, 2), "quarter": Fraction(1, 4),
                                       "quarters": Fraction(1, 4)}
ROUND_WORD_PLURALS = ("hundreds", "thousands", "millions", "tens", "dozens")
# Every word a number in words may use; the grammar below says in which order.
NUMBER_VOCABULARY = frozenset({*UNIT_WORDS, *TENS_WORDS, *SCALE_WORDS, *FRACTION_WORDS, "hundred", "a", "and", "of"})

# Digits: one kind of separator per number, groups of three after the first.
_PLAIN = r"0|[1-9][0-9]*"
_GROUPED = (r"[1-9][0-9]{0,2}(?:,[0-9]{3})+", r"[1-9][0-9]{0,2}(?: [0-9]{3})+",
            r"[1-9][0-9]{0,2}(?:\.[0-9]{3}){2,}")
_WHOLE_DIGITS = re.compile("|".join((_PLAIN, *_GROUPED)))
_DECIMAL = re.compile(r"(?:0|[1-9][0-9]*)\.[0-9]+")
_DIGITS_THEN_WORD = re.compile(r"(?P<digits>[0-9][0-9,. ]*?)(?: (?P<scale>[a-z]+))?")
_RANGE = re.compile(r"[0-9] ?[-\u2013\u2014] ?[0-9]|[0-9] to [0-9]")
DIGITS = "0123456789"
HOW_TO_WRITE = ("write digits ('2,500', '2 500', '1.5 million') or number words "
                "('twenty-five thousand', 'a hundred and fifty', 'half a million')")


class _Unreadable(Exception):
    """Why a text is not a number (turned into one ValueError by number_from_text)."""


def number_from_text(text: str) -> int:
    """The whole number a document writes, as digits or as words.

    Reads the forms listed in the module docstring ("2,500", "2 500",
    "1.5 million", "twenty-five thousand", "a hundred and fifty", "half a
    million", "three quarters of a million"); case and spacing are ignored.
    Raises ValueError, naming the text and the reason, for anything else:
    ambiguous digits ("200.000"), ranges, qualifier words left on ("over
    2,000"), plural round words ("thousands"), fractions that do not come
    out whole.
    """
    normalised = _normalised(text)
    try:
        return _read_number(normalised)
    except _Unreadable as reason:
        raise ValueError(f"cannot read {text!r} as a number: {reason}; {HOW_TO_WRITE}") from None


def _read_number(text: str) -> int:
    """The number of normalised text; raises _Unreadable with the reason."""
    if not text:
        raise _Unreadable("the text is empty")
    if text[0] in "-\u2212":
        raise _Unreadable("a count cannot be negative")
    _refuse_qualifier_words(text)
    starts_with_digit = text[0] in DIGITS
    words = text.split() if starts_with_digit else text.replace("-", " ").split()
    plural = next((w for w in words if w in ROUND_WORD_PLURALS), None)
    if plural is not None:
        raise _Unreadable(f"{plural!r} is a round word that is itself the count, not a number: "
                          "read it with qualifier_from_text (it gives an interval, no value)")
    if _RANGE.search(text):
        raise _Unreadable("a range: read each end on its own")
    return _read_digits(text) if starts_with_digit else _read_words(words)


def _refuse_qualifier_words(text: str) -> None:
    """Refuse a text that is, or begins with, a phrase of QUALIFIER_PHRASES."""
    phrase = next((p for p in sorted(QUALIFIER_PHRASES, key=len, reverse=True)
                   if p and (text == p or text.startswith(p + " "))), None)
    if phrase is None:
        return
    if QUALIFIER_PHRASES[phrase].before_number is not None and text != phrase:
        raise _Unreadable(f"{phrase!r} qualifies the number: split it off and read it with qualifier_from_text")
    raise _Unreadable(f"{phrase!r} is a phrase of an estimate, not a number: read it with qualifier_from_text")


def _whole(amount: Fraction, text: str) -> int:
    """``amount`` as an int; refused when it is not a whole number."""
    if amount.denominator != 1:
        raise _Unreadable(f"{text!r} is not a whole number ({float(amount):,.2f})")
    return int(amount)


def _read_digits(text: str) -> int:
    """Digits, optionally followed by "thousand" or "million"."""
    match = _DIGITS_THEN_WORD.fullmatch(text)
    if match is None:
        raise _Unreadable("digits followed by more than one word")
    digits, scale_word = match["digits"], match["scale"]
    if scale_word is not None and scale_word not in SCALE_WORDS:
        raise _Unreadable(f"{scale_word!r} after digits; only {' or '.join(SCALE_WORDS)} may follow them")
    scale = SCALE_WORDS[scale_word] if scale_word else 1
    if re.fullmatch(r"[0-9]+\.[0-9]{3}", digits):
        raise _Unreadable(f"{digits!r} is ambiguous: a dot between thousands (Hungarian, German) or a "
                          "decimal point, and this reader does not guess which")
    if _WHOLE_DIGITS.fullmatch(digits):
        return int(re.sub("[,. ]", "", digits)) * scale
    if _DECIMAL.fullmatch(digits):
        if scale_word is None:
            raise _Unreadable(f"{digits!r} has a decimal point but no 'thousand' or 'million' after it")
        return _whole(Fraction(digits) * scale, text)
    raise _Unreadable(f"{digits!r} is not grouped in threes by one kind of separator "
                      "(a comma, a space, or two or more dots)")


def _read_words(words: list[str]) -> int:
    """Number words, with or without a fraction of a round word."""
    unknown = next((word for word in words if word not in NUMBER_VOCABULARY), None)
    if unknown is not None:
        raise _Unreadable(f"unknown word {unknown!r}")
    fraction_at = [i for i, word in enumerate(words) if word in FRACTION_WORDS]
    if len(fraction_at) > 1:
        raise _Unreadable("more than one fraction word")
    if fraction_at:
        return _read_fraction(words, fraction_at[0])
    value, end = _read_whole_words(words, 0)
    if end != len(words):
        raise _Unreadable(f"unexpected word {words[end]!r}")
    return value


def _read_fraction(words: list[str], at: int) -> int:
    """"half a million", "a quarter of a million", "three quarters of a
    million", "a quarter million", "one and a half million"."""
    before, fraction_word, after = words[:at], words[at], words[at + 1:]
    text = " ".join(words)
    if not after or after[-1] not in SCALE_WORDS or after[:-1] not in ([], ["a"], ["of", "a"]):
        raise _Unreadable(f"a fraction must be of a round word: '{fraction_word} a million', "
                          f"'{fraction_word} of a million'")
    scale = SCALE_WORDS[after[-1]]
    whole = 0
    if fraction_word == "quarters":
        if before != ["three"]:
            raise _Unreadable("'quarters' needs 'three' before it ('three quarters of a million')")
        share = FRACTION_WORDS[fraction_word] * 3
    else:
        share = FRACTION_WORDS[fraction_word]
        if before[-2:] == ["and", "a"]:  # "one and a half million"
            if len(before) == 2:
                raise _Unreadable(f"no whole number before 'and a {fraction_word}'")
            whole, end = _read_whole_words(before[:-2], 0, below_thousand=True)
            if end != len(before) - 2:
                raise _Unreadable(f"unexpected word {before[end]!r}")
        elif before not in ([], ["a"], ["one"]):
            raise _Unreadable(f"cannot read the words before {fraction_word!r}")
    return _whole((whole + share) * scale, text)


def _read_below_hundred(words: list[str], at: int) -> tuple[int, int] | None:
    """1 to 99 from words[at] on ("seven", "forty", "forty two"), or None."""
    word = words[at] if at < len(words) else None
    if word in UNIT_WORDS:
        return UNIT_WORDS[word], at + 1
    if word in TENS_WORDS:
        following = words[at + 1] if at + 1 < len(words) else None
        if following in UNIT_WORDS and UNIT_WORDS[following] < 10:
            return TENS_WORDS[word] + UNIT_WORDS[following], at + 2
        return TENS_WORDS[word], at + 1
    return None


def _read_group(words: list[str], at: int) -> tuple[int, int] | None:
    """A group before a round word or at the end: "a hundred and fifty",
    "two hundred", "fifteen hundred", "forty-two", or None."""
    if words[at:at + 2] == ["a", "hundred"]:
        count, at = 1, at + 1
    else:
        below = _read_below_hundred(words, at)
        if below is None:
            return None
        count, at = below
        if at >= len(words) or words[at] != "hundred":
            return count, at
    at += 1  # past "hundred"
    value = count * 100
    with_and = at < len(words) and words[at] == "and"
    rest = _read_below_hundred(words, at + 1 if with_and else at)
    if rest is None:
        if with_and:
            raise _Unreadable("'and' after 'hundred' must be followed by a number below a hundred")
        return value, at
    return value + rest[0], rest[1]


def _read_whole_words(words: list[str], at: int, below_thousand: bool = False) -> tuple[int, int]:
    """A whole number in words from words[at] on: groups, each but the last
    followed by a round word larger than the next ("two million five hundred
    thousand"); returns the value and where it stopped reading (the caller
    refuses words left over)."""
    total, smallest_scale = 0, None
    while at < len(words):
        if words[at] == "a" and at + 1 < len(words) and words[at + 1] in SCALE_WORDS:
            group = (1, at + 1)
        else:
            group = _read_group(words, at)
        if group is None:
            break
        count, at = group
        scale_word = words[at] if at < len(words) else None
        if scale_word not in SCALE_WORDS:
            if smallest_scale is not None and count >= smallest_scale:
                raise _Unreadable(f"{count:,} cannot follow a {smallest_scale:,}")
            total += count
            break
        scale = SCALE_WORDS[scale_word]
        if below_thousand or count >= 1_000 or (smallest_scale is not None and scale >= smallest_scale):
            raise _Unreadable(f"{scale_word!r} out of place")
        total, smallest_scale, at = total + count * scale, scale, at + 1
        if at < len(words) and words[at] == "and":  # "two thousand and five"
            rest = _read_below_hundred(words, at + 1)
            if rest is None:
                raise _Unreadable(f"'and' after {scale_word!r} must be followed by a number below a hundred")
            total, at = total + rest[0], rest[1]
            break
    return total, at


# --- a table's rows against the convention -------------------------------------------------


def estimate_problems(estimates: Any) -> list[tuple[int, str, str]]:
    """``(row, column, message)`` for every row of an estimates table whose
    words, key, value or interval disagree with this convention (rows
    1-based, as in a :class:`helpers.evidence.errors.TableError`):

    - ``qualifier_text`` reads as ``qualifier_key`` (:func:`qualifier_from_text`);
    - ``number_text`` is the qualifier words followed by the number, and the
      number reads as ``value`` (:func:`number_from_text`); a row without a
      value writes no number, its words contain the qualifier words, and
      read whole (:func:`estimate_from_text`) they give its key;
    - ``low`` and ``high`` are the central reading (:func:`interval_from_qualifier`).

    Each message says what the convention reads, so the fix is to copy it.
    """
    problems: list[tuple[int, str, str]] = []
    for row, claim in enumerate(estimates.itertuples(index=False), start=1):
        qualifier = "" if _missing(claim.qualifier_text) else str(claim.qualifier_text)
        has_value = not _missing(claim.value)
        try:
            key = qualifier_from_text(qualifier, number_follows=has_value)
        except ValueError as error:
            problems.append((row, "qualifier_text", f"{error}"))
            continue
        if key != claim.qualifier_key:
            problems.append((row, "qualifier_key", f"the words {qualifier!r} read as {key!r} by the estimate "
                                                   f"convention, not {claim.qualifier_key!r}: set qualifier_key "
                                                   f"to {key!r} (or correct qualifier_text)"))
            continue
        if not _missing(claim.number_text):
            text = str(claim.number_text)
            if not has_value:
                try:
                    number = number_from_text(text)
                except ValueError:
                    number = None
                if number is not None or re.search(r"[0-9]", text):
                    shown = f" reads as {number}: fill value with {number}" if number is not None else \
                        " writes a number: fill value with it"
                    problems.append((row, "value", f"number_text {text!r}{shown} (and qualifier_key for the words "
                                                   "before it)"))
                    continue
                if qualifier and not re.search(rf"(?<!\w){re.escape(qualifier.casefold())}(?!\w)", text.casefold()):
                    problems.append((row, "number_text", f"{text!r} must contain the qualifier words {qualifier!r}: "
                                                         "number_text is the whole phrase, as written"))
                    continue
                try:
                    whole = estimate_from_text(text).qualifier_key
                except ValueError:
                    whole = None  # words around the qualifier ("a large contingent"): read by qualifier_text alone
                if whole is not None and whole != claim.qualifier_key:
                    problems.append((row, "qualifier_key", f"the words {text!r} read as {whole!r} by the estimate "
                                                           f"convention, not {claim.qualifier_key!r}: set "
                                                           f"qualifier_key to {whole!r} and qualifier_text to the "
                                                           "words that say it"))
                    continue
            elif not text.casefold().startswith(qualifier.casefold()):
                problems.append((row, "number_text", f"{text!r} must begin with the qualifier words "
                                                     f"{qualifier!r}: number_text is the words and the number, "
                                                     "as written"))
                continue
            else:
                try:
                    number = number_from_text(text[len(qualifier):].strip())
                except ValueError as error:
                    problems.append((row, "number_text", str(error)))
                    continue
                if number != int(claim.value):
                    problems.append((row, "value", f"number_text {text!r} reads as {number}, not {int(claim.value)}: "
                                                   f"set value to {number}"))
                    continue
        try:
            expected = interval_from_qualifier(claim.qualifier_key, int(claim.value) if has_value else None)
        except ValueError as error:
            problems.append((row, "value", str(error)))
            continue
        stored = tuple(None if _missing(x) else int(x) for x in (claim.low, claim.high))
        if stored != expected:
            shown = ", ".join("empty" if x is None else str(x) for x in expected)
            problems.append((row, "low", f"low, high are ({', '.join('empty' if x is None else str(x) for x in stored)})"
                                         f"; the convention's central reading of {claim.qualifier_key!r} gives "
                                         f"({shown}): copy those"))
    return problems


def _missing(value: Any) -> bool:
    """An empty cell (None, NaN or pandas' NA)."""
    import pandas as pd  # only tables need it; the readers above do not

    return bool(pd.isna(value))


# --- a whole phrase, as a contributor meets it -----------------------------------------------


class EstimateCells(NamedTuple):
    """The cells of an estimates row that the words of a count fill."""

    number_text: str
    qualifier_text: str
    qualifier_key: str
    value: int | None
    low: int | None
    high: int | None


def estimate_from_text(text: str) -> EstimateCells:
    """Read a count as a document writes it, qualifier and number together
    ("nearly a quarter of a million", "some 20,000", "tens of thousands",
    "2,500"), into the cells of an estimates row (central reading).

    The qualifier is the longest phrase of :data:`QUALIFIER_PHRASES` that
    begins the text on a word boundary; the rest is read by
    :func:`number_from_text`. Raises ValueError (with the reason) for words
    it cannot read."""
    words = " ".join(text.split())
    folded = words.lower()
    candidates = sorted((p for p in QUALIFIER_PHRASES if p and (folded == p or folded.startswith(p + " "))),
                        key=len, reverse=True)
    first_error: ValueError | None = None  # why the number after the longest qualifier did not read
    for phrase in candidates + [""]:
        rest = words[len(phrase):].strip()
        qualifier_text = words[:len(phrase)]
        if not rest:
            key = qualifier_from_text(qualifier_text, number_follows=False)
            value = None
        else:
            try:
                value = number_from_text(rest)
            except ValueError as error:
                if phrase:  # a shorter phrase may leave a readable number ("some" + "twenty-five thousand")
                    first_error = first_error or error
                    continue
                raise first_error or error from None
            key = qualifier_from_text(qualifier_text, number_follows=True)
        low, high = interval_from_qualifier(key, value)
        return EstimateCells(words, qualifier_text, key, value, low, high)
    raise ValueError(f"cannot read {text!r}")  # pragma: no cover - the loop ends with the empty phrase


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.evidence.estimates "nearly a quarter of a million"``:
    the cells of an estimates row for each phrase given (1 if one cannot be read)."""
    import sys

    phrases = sys.argv[1:] if argv is None else argv
    if not phrases:
        print('usage: python -m helpers.evidence.estimates "as many as 200,000" ["thousands" ...]', file=sys.stderr)
        return 1
    status = 0
    for phrase in phrases:
        try:
            cells = estimate_from_text(phrase)
        except ValueError as error:
            print(f"{phrase!r}: {error}", file=sys.stderr)
            status = 1
            continue
        print(f"{phrase!r}:")
        for name, value in cells._asdict().items():
            print(f"  {name:<15}{'' if value is None else value}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
