"""What "the documents disagree" means: one verdict for each pair of claims.

Two claims of two documents about the same thing (the same event, the same
change of office, the same count) are compared on one aspect at a time: a
date, a number, an agent, an office, a name, a reason, an order of events.
The comparison gives one of four verdicts, or none when the two say the same.
Every lesson and the page "Where the sources disagree" use these functions
and these words (:data:`VERDICTS`); none has a comparison of its own.

``conflict``
    As written, they cannot both be right: no day fits both dates ("June 1956" and
    "July 1956"); two counts of the same people over the same place share no
    number ("over 2,000" and "around 300"), or a count of a part is larger
    than a count of the whole; two offices of a vocabulary whose terms
    exclude each other differ and neither contains the other ("party leader"
    and "prime minister" for the same change); one document puts two events
    in one order and the other in the opposite; or the project's correction
    says one side is wrong on the very words compared (:func:`corrected_verdict`:
    "the Soviets" executed Nagy, against Kádár).
``compatible``
    Both can be right; they differ only in precision or wording: "1956" and
    "23 October 1956"; "thousands" and "around 3,000"; "the Soviets" and "the
    Politburo" (a part of the Soviet side); "leader" and "prime minister";
    "Rakosi" and "Mátyás Rákosi", or a misspelt "Kagy" and "Nagy" (the
    correction says which is right); "the Politburo" and "the Presidium"
    (another name for the same body); two different sets of reasons (reasons
    add up: none excludes another).
``different_scope``
    They speak of different extents of the thing, so they do not contradict
    each other: a count for Budapest that is below a count for all Hungary;
    "the Soviet troops" (who carried it out) and "the Soviet leaders" (who
    decided), two parts of the same side; any two different agents (who did
    it: "he resigned" and "the Soviets replaced him" can both be true when he
    resigned on Moscow's instruction). Who was responsible is for the class
    to weigh, with the corrections and research; the rule does not assume
    that only one agent acted.
``silent``
    One document tells the thing but says nothing on this aspect: it gives no
    date, names no agent, gives fewer of the reasons the other gives. (A
    document that does not tell the thing at all is an omission, listed
    apart.)

Relations between terms (which term is part of which, which are other names
for one another, which are vague, whether two unrelated terms exclude each
other) are data: ``broader``, ``same_as``, ``vague``, ``unnamed`` and
``exclusive`` in the vocabularies of ``data/datapackage.json``
(:class:`helpers.evidence.vocabularies.Vocabulary`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from helpers.evidence.dates import date_verdict, partial_date_bounds

Verdict = Literal["conflict", "compatible", "different_scope", "silent"]
Kind = Literal["date", "number", "agent", "office", "name", "reason", "order"]
KINDS: tuple[Kind, ...] = ("date", "number", "agent", "office", "name", "reason", "order")


@dataclass(frozen=True)
class VerdictMeaning:
    """A verdict as a reader meets it: a short label and its definition."""

    label: str
    definition: str
    counted: str  # after a number: "3 in conflict"


# The verdicts, most serious first; the same words on every page.
VERDICTS: dict[str, VerdictMeaning] = {
    "conflict": VerdictMeaning("In conflict", "As they are written, they cannot both be right.", "in conflict"),
    "compatible": VerdictMeaning("Compatible", "Both can be right: one is less precise, says it in other words, "
                                               "or gives other reasons.", "compatible"),
    "different_scope": VerdictMeaning("Different scope", "They speak of different parts of the thing (a part and "
                                                         "the whole; who acted and who decided), so both can be "
                                                         "right.", "of different scope"),
    "silent": VerdictMeaning("One is silent", "One document tells the thing but says nothing about this.",
                             "where one document is silent"),
}
# The kinds of disagreement in words.
KIND_WORDS: dict[str, str] = {
    "date": "When", "number": "How many", "agent": "Who did it", "office": "Which office",
    "name": "What it is called", "reason": "Why", "order": "In what order",
}


# Kinds of correction that say a statement is false (a vague or garbled one
# does not): a side they correct on the very words compared cannot be right.
WRONG_KINDS: frozenset[str] = frozenset({"wrong_date", "wrong_fact"})


def corrected_verdict(verdict: Verdict | None, one_side_corrected: bool) -> Verdict | None:
    """The verdict once the corrections are read: a pair the rules find
    ``compatible`` or of ``different_scope`` is a ``conflict`` when a
    correction says one side is wrong on the very words compared (both cannot
    be right if one is wrong); other verdicts stand."""
    if one_side_corrected and verdict in ("compatible", "different_scope"):
        return "conflict"
    return verdict


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------


def date_pair_verdict(first: str | None, second: str | None) -> Verdict | None:
    """Two datings (partial ISO dates, None when the document gives none) of
    the same thing: ``conflict`` when no day fits both, ``compatible`` when
    one day fits both but they are written differently ("1956-10" and
    "1956-10-23"), ``silent`` when only one is dated, None when they are the
    same or neither is dated. The day-by-day rule is
    :func:`helpers.evidence.dates.date_verdict`."""
    if first is None and second is None:
        return None
    if first is None or second is None:
        return "silent"
    verdict = date_verdict([first, second])
    return None if verdict == "same" else verdict  # type: ignore[return-value]


def strictly_before(first: str, second: str) -> bool:
    """Whether every day ``first`` allows is before every day ``second``
    allows ("1956-10" is strictly before "1956-11-04"; "1956" is not
    strictly before "1956-11-04")."""
    return partial_date_bounds(first)[1] < partial_date_bounds(second)[0]


def opposite_orders_verdict(first_puts_a_first: bool, second_puts_a_first: bool) -> Verdict | None:
    """Two statements of the order of events A and B (by dates, or told
    with "then"): ``conflict`` when one puts A first and the other B first;
    None when they agree."""
    return "conflict" if first_puts_a_first != second_puts_a_first else None


# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------

Interval = tuple[int, int | None]  # (low, high); high None = no upper bound


def overlaps(first: Interval, second: Interval) -> bool:
    """Whether two intervals share a number (None as high: no upper bound)."""
    low = max(first[0], second[0])
    highs = [high for high in (first[1], second[1]) if high is not None]
    return not highs or low <= min(highs)


def number_pair_verdict(first: Interval | None, second: Interval | None,
                        first_scope: str = "same", second_scope: str = "same",
                        part: str = "part", whole: str = "whole") -> Verdict | None:
    """Two counts of the same people (intervals, None when the words give no
    number, e.g. "many"), each with its scope (``part`` for a count of a part
    of the place, ``whole`` for the whole; equal scopes compare directly):

    - same scope: ``conflict`` when the intervals share no number,
      ``compatible`` when they do but differ, None when equal;
    - a part and the whole: ``conflict`` when the part's lowest number is
      above the whole's highest, ``different_scope`` otherwise;
    - one without a number: ``compatible`` ("many" fits any large count);
      None when neither has one;
    - any other pair of scopes (abroad and at home): None, not comparable.
    """
    scopes = {first_scope, second_scope}
    if first_scope != second_scope and scopes != {part, whole}:
        return None
    if first is None and second is None:
        return None
    if first is None or second is None:
        return "compatible"
    if first_scope == second_scope:
        if first == second:
            return None
        return "compatible" if overlaps(first, second) else "conflict"
    part_interval, whole_interval = (first, second) if first_scope == part else (second, first)
    if whole_interval[1] is not None and part_interval[0] > whole_interval[1]:
        return "conflict"
    return "different_scope"


# --------------------------------------------------------------------------
# Agents, offices, names, reasons: terms of a vocabulary
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class TermRelations:
    """How a vocabulary's terms relate (read from ``data/datapackage.json``):
    ``broader`` maps a term to the term that contains it, ``same_as`` to the
    term it is another name for; ``vague`` terms fit any other; ``unnamed``
    terms mean the document names no one."""

    broader: dict[str, str]
    same_as: dict[str, str]
    vague: frozenset[str] = frozenset()
    unnamed: frozenset[str] = frozenset()
    exclusive: bool = False  # two unrelated terms exclude each other (offices), or may both hold (agents)

    def canonical(self, term: str) -> str:
        """The term another name stands for ("politburo" -> "presidium")."""
        return self.same_as.get(term, term)

    def ancestors(self, term: str) -> list[str]:
        """The broader terms of a term, nearest first (its own name excluded)."""
        found, term = [], self.canonical(term)
        while term in self.broader:
            term = self.canonical(self.broader[term])
            found.append(term)
        return found


NO_RELATIONS = TermRelations({}, {})


def term_pair_verdict(first: str | None, second: str | None, relations: TermRelations = NO_RELATIONS
                      ) -> Verdict | None:
    """Two terms for the same role (who acted, which office): None when they
    are the same term; ``silent`` when one is missing or names no one;
    ``compatible`` when they are other names for the same thing, when one is
    vague, or when one contains the other; ``different_scope`` when both
    are parts of one broader term (the troops and the leaders of the Soviet
    side); otherwise ``conflict`` if the vocabulary's terms exclude each
    other (``exclusive``: two offices), else ``different_scope`` (two agents:
    both may have had a part)."""
    if first == second:
        return None
    missing = [term is None or term in relations.unnamed for term in (first, second)]
    if all(missing):
        return None
    if any(missing):
        return "silent"
    assert first is not None and second is not None
    a, b = relations.canonical(first), relations.canonical(second)
    if a == b or first in relations.vague or second in relations.vague:
        return "compatible"
    above_a, above_b = relations.ancestors(a), relations.ancestors(b)
    if a in above_b or b in above_a:
        return "compatible"
    if set(above_a) & set(above_b):
        return "different_scope"
    return "conflict" if relations.exclusive else "different_scope"


def name_pair_verdict(first: str, second: str, first_wrong: bool = False, second_wrong: bool = False
                      ) -> Verdict | None:
    """Two names of the same person or body as written: None when written the
    same (and both right or both wrong), ``compatible`` otherwise: other
    letters, a surname alone, another name, or a misspelling the tables
    record (a slip of writing, not another account: its correction says
    which is right)."""
    if first == second and first_wrong == second_wrong:
        return None
    return "compatible"


def reasons_verdict(first: Sequence[str], second: Sequence[str]) -> Verdict | None:
    """Two voices' reasons for the same decision: None when they give the
    same; ``silent`` when one gives only some of the other's (it is silent on
    the rest); ``compatible`` when each gives one the other does not (reasons
    add up; none excludes another)."""
    a, b = set(first), set(second)
    if a == b:
        return None
    return "silent" if a < b or b < a else "compatible"
