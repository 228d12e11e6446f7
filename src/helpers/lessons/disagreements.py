"""Where the sources disagree: one table of every disagreement, for any set of documents.

The finder groups the claims of every claim table that speak about the same
thing, compares what two voices say about it, one aspect at a time, and
gives each pair a verdict (:mod:`helpers.evidence.verdicts`, where each
verdict is defined with examples). A voice is a document's own text, or its
reader comments (a comment can dispute the post above it). What counts as
"the same thing":

- **an event** (``event_claims.event_id``): dates are compared as spans of
  days (**date**); two events that two voices put in opposite orders, by
  their dates or by telling one "then" the other, are a disagreement of
  **order** (a voice whose words reverse its own dates too);
- **a change of office** (``leadership_changes``): the same person and the
  same kind of change (a gain, a loss, or a fate such as an arrest), in the
  same episode: a change is tied to every event whose claim, in the same
  document, quotes overlapping words, and changes whose events meet are one
  episode (:func:`episodes`). Compared: who decided it (**agent**), which
  office (**office**) and what the office is called (**name**);
- **a Soviet decision** (``soviet_decisions``): the same decision in the same
  episode; compared: the body that decided or acted (**agent**), and a body
  the vocabulary knows by another name (**name**);
- **a count** (``estimates``): the same measure of the same people
  (:func:`helpers.lessons.casualties.document_intervals`), compared as
  intervals, a count for Budapest against one for all Hungary as a part
  against the whole (**number**);
- **a person's name** as each voice writes it (``name_variants``) (**name**);
- **the reasons** given for the same Soviet decision (``reversal_reasons``,
  by ``applies_to``) or for the same reaction of the world
  (``international_reactions``, ``reason_given``), as each voice's set
  (**reason**).

Which terms contain others, or are other names for them, is data (the
vocabularies' relations, :class:`helpers.evidence.vocabularies.Vocabulary`).
Two claims of one voice are never set against each other (a document that
contradicts itself has a correction of kind ``self_contradiction``), and a
voice that stands on both sides of a pair leaves it. Every row carries both
sides' words and quotes, the corrections that concern either quote (a
correction that says one side is wrong on the point compared makes the pair
a conflict), and, for dates and numbers, the research figure.

:func:`omissions` lists, for each document, the events and counts the other
documents tell and it does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.evidence.checks import occurrences
from helpers.evidence.corrections import CorrectionIndex
from helpers.evidence.dates import partial_date_bounds
from helpers.evidence.verdicts import (
    KIND_WORDS, KINDS, VERDICTS, Interval, TermRelations, date_pair_verdict, name_pair_verdict,
    WRONG_KINDS, corrected_verdict, number_pair_verdict, opposite_orders_verdict, reasons_verdict, strictly_before, term_pair_verdict,
)
from helpers.evidence.vocabularies import Vocabulary

# The themes of the page, in its order, each with the lesson that teaches it.
THEMES: dict[str, str] = {
    "events": "What happened, and when",
    "leaders": "Who led Hungary",
    "soviet": "The Soviet decisions",
    "numbers": "How many",
    "names": "Names",
}
THEME_LESSONS: dict[str, str] = {
    "events": "01_what_happened", "leaders": "03_leadership_changes", "soviet": "04_soviet_decision_reversal",
    "numbers": "05_casualties_and_refugees", "names": "01_what_happened",
}
# An event's theme follows its category (events.csv); a category not listed is "events".
THEME_OF_CATEGORY: dict[str, str] = {"leadership": "leaders", "soviet_action": "soviet"}
# Which event category a claim of each table is told of first, when its quote
# overlaps the claims of several events.
PREFERRED_CATEGORY: dict[str, tuple[str, ...]] = {
    "leadership_changes": ("leadership", "repression"),
    "soviet_decisions": ("soviet_action", "leadership", "repression"),
}
# The kinds of change of office that are the same change told in other words.
CHANGE_GROUPS: dict[str, str] = {
    "took_office": "gained office", "regained_office": "gained office",
    "lost_office": "lost office", "resigned": "lost office", "removed": "lost office",
}
NO_DATE = "no date"
NO_ONE = "no one named"
NOT_GIVEN = "not given"

# One row per disagreement: the thing, the kind and the verdict; on each side
# the claims that say the same (their documents, claim ids, words and quotes,
# as tuples of one entry per claim); the corrections that concern any of
# those quotes; the research figure in words (dates and numbers).
COLUMNS = ["theme", "thing_id", "thing", "kind", "verdict", "first_docs", "first_spans", "first_claims",
           "first_words", "first_quotes", "second_docs", "second_spans", "second_claims", "second_words",
           "second_quotes", "corrections", "research"]


# The columns the finder reads of each table (an absent table is read as empty).
TABLE_COLUMNS: dict[str, list[str]] = {
    "documents": ["doc_id"],
    "events": ["event_id", "label", "category"],
    "people": ["person_id", "canonical_name"],
    "event_claims": ["claim_id", "doc_id", "span", "event_id", "date_text", "date", "quote"],
    "leadership_changes": ["claim_id", "doc_id", "span", "person_id", "change", "office", "office_as_written",
                           "decided_by", "decided_by_as_written", "quote"],
    "soviet_decisions": ["claim_id", "doc_id", "span", "decision", "body", "body_as_written", "quote"],
    "estimates": ["claim_id", "doc_id", "span", "measure", "counted", "place", "number_text", "qualifier_text",
                  "qualifier_key", "value", "low", "high", "quote", "note"],
    "name_variants": ["person_id", "doc_id", "span", "spelling", "is_misspelling", "quote"],
    "reversal_reasons": ["claim_id", "doc_id", "span", "reason", "applies_to", "quote"],
    "international_reactions": ["claim_id", "doc_id", "span", "actor", "reaction", "reason_given", "quote"],
}


@dataclass(frozen=True)
class Side:
    """What one claim says about one aspect of a thing."""

    doc_id: str
    claim_id: str
    value: Any  # what is compared: a partial date, an interval, a term, a spelling
    words: str  # the value as a reader reads it
    quote: str
    extra: Mapping[str, Any] = field(default_factory=dict)
    span: str = "body"
    written: str = ""  # the document's own words for the value ("June 1956", "The Soviets"), if any

    @property
    def voice(self) -> str:
        """Who speaks: the document's author, or its readers' comments (a
        comment that disputes the post it is under is a second voice)."""
        return self.doc_id if _blank(self.span) or self.span == "body" else f"{self.doc_id}|{self.span}"


@dataclass
class Evidence:
    """What the finder reads: the loaded tables, the raw texts and the
    vocabularies' relations."""

    tables: Mapping[str, pd.DataFrame]
    texts: Mapping[str, str]
    vocabularies: Mapping[str, Vocabulary]
    corrections: CorrectionIndex | None = None

    def table(self, name: str) -> pd.DataFrame:
        """A loaded table, or an empty one with the columns the finder reads
        (a hand-made set of claims need not hold every table)."""
        found = self.tables.get(name)
        return found if found is not None else pd.DataFrame(columns=TABLE_COLUMNS.get(name, []))

    def relations(self, vocabulary: str) -> TermRelations:
        known = self.vocabularies.get(vocabulary)
        if known is None:
            return TermRelations({}, {})
        return TermRelations(known.broader, known.same_as, frozenset(known.vague), frozenset(known.unnamed),
                             known.exclusive)

    def meanings(self, vocabulary: str) -> dict[str, str]:
        """A vocabulary's terms and what each means (empty if unknown)."""
        known = self.vocabularies.get(vocabulary)
        return dict(known.terms) if known is not None else {}


def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) or value == ""


def _text(value: object) -> str | None:
    return None if _blank(value) else str(value)


# --------------------------------------------------------------------------
# Which event a claim is told of
# --------------------------------------------------------------------------


def _ranges(text: str, quote: str) -> list[tuple[int, int]]:
    return [(at, at + len(quote)) for at in occurrences(text, quote)]


def _shared(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> int:
    """How many characters two sets of ranges share (the largest overlap)."""
    return max((min(b, d) - max(a, c) for a, b in first for c, d in second), default=0)


class EventLinks:
    """Ties a claim of another table to the event a claim of the same
    document tells in overlapping words."""

    def __init__(self, event_claims: pd.DataFrame, events: pd.DataFrame, texts: Mapping[str, str]):
        self.texts = texts
        category = dict(zip(events["event_id"], events["category"]))
        self.by_doc: dict[str, list[tuple[str, str, list[tuple[int, int]]]]] = {}
        for doc_id, event_id, quote in zip(event_claims["doc_id"], event_claims["event_id"], event_claims["quote"]):
            text = texts.get(doc_id, "")
            self.by_doc.setdefault(doc_id, []).append((event_id, category.get(event_id, ""), _ranges(text, quote)))

    def events_of(self, doc_id: str, quote: str, preferred: Sequence[str] = ()) -> list[str]:
        """Every event told in words that overlap ``quote`` (those of a
        preferred category only, when there are any), most shared characters
        first: a sentence can tell several events ("giving power to Kadar,
        arresting and executing Nagy")."""
        own = _ranges(self.texts.get(doc_id, ""), quote)
        found = [(_shared(own, ranges), category, event_id) for event_id, category, ranges in self.by_doc.get(doc_id, [])]
        found = [item for item in found if item[0] > 0]
        if any(category in preferred for _, category, _ in found):
            found = [item for item in found if item[1] in preferred]
        return list(dict.fromkeys(event_id for _, _, event_id in sorted(found, key=lambda item: -item[0])))


# --------------------------------------------------------------------------
# Pairs of sides
# --------------------------------------------------------------------------


def _distinct(sides: Iterable[Side]) -> list[Side]:
    """One side per voice and value (the first claim that says it)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for side in sides:
        key = (side.voice, repr(side.value))
        if key not in seen:
            seen.add(key)
            out.append(side)
    return out


def by_value(sides: Iterable[Side]) -> list[list[Side]]:
    """The sides grouped by what they say (one claim per document and
    value), groups in order of first appearance: every document that says
    the same stands on the same side of a disagreement."""
    groups: dict[str, list[Side]] = {}
    for side in _distinct(sides):
        groups.setdefault(repr(side.value), []).append(side)
    return list(groups.values())


def _is_silent(side: Side) -> bool:
    """Whether a side says nothing on the aspect compared (no value, or a
    term that names no one)."""
    return side.value is None or bool(side.extra.get("silent"))


def _folded(text: str) -> str:
    """Text for matching: one space between words, lower case."""
    return " ".join(text.split()).casefold()


def _stems(label: str) -> set[str]:
    """The first six letters of each word of five letters or more of a
    thing's label ("executed" -> "execut", which "execution" shares)."""
    return {word[:6] for word in re.findall(r"\w+", label.casefold()) if len(word) >= 5}


def _apart(first: Sequence[Side], second: Sequence[Side]) -> bool:
    """Whether two groups hold claims of at least two different voices (two
    claims of one author are never set against each other)."""
    return len({side.voice for side in (*first, *second)}) > 1


def without_shared_voices(first: Sequence[Side], second: Sequence[Side]) -> tuple[list[Side], list[Side]]:
    """The two groups without the voices that stand on both sides: a
    document that says "23 October" and, elsewhere, "October 1956" does not
    disagree with a third that says "23 October"; nor does one that says
    Kádár made himself head of government and, elsewhere, that the Soviets
    gave him power, with one that says he made himself."""
    shared = {side.voice for side in first} & {side.voice for side in second}
    return [s for s in first if s.voice not in shared], [s for s in second if s.voice not in shared]


@dataclass
class Finder:
    """Collects the rows of the disagreement table."""

    evidence: Evidence
    rows: list[dict[str, Any]] = field(default_factory=list)

    def _corrections(self, side: Side) -> list[str]:
        index = self.evidence.corrections
        if index is None:
            return []
        return [c.correction_id for c in index.for_document(side.doc_id).concerning(side.quote)]

    def corrected_on_the_point(self, side: Side, kind: str, thing: str) -> bool:
        """Whether a correction says this side is wrong on the very point
        compared: a correction of the kind that says such a statement is
        false (:data:`helpers.evidence.verdicts.WRONG_KINDS`: a wrong date
        for a date, a wrong fact for the rest) whose account of what is
        wrong names the thing (a word of its label that is not one of the
        side's own words) and either holds the
        side's own words in both its quote and its account ("The Soviets"
        for Nagy's execution: "credits the Soviets with it") or quotes words
        inside the side's (a reason)."""
        index = self.evidence.corrections
        written = _folded(side.written)
        if index is None or not written:
            return False
        stems = _stems(thing) - _stems(side.written)  # the thing, not the words compared ("soviet")
        for c in index.for_document(side.doc_id).concerning(side.quote):
            if c.kind not in WRONG_KINDS or (c.kind == "wrong_date") != (kind == "date"):
                continue
            what, quote = _folded(c.what_is_wrong), _folded(c.quote)
            if not any(stem in what for stem in stems):
                continue
            if (written in quote and written in what) or quote in written:
                return True
        return False

    def add(self, theme: str, thing_id: str, thing: str, kind: str, verdict: str | None, first: Sequence[Side],
            second: Sequence[Side], research: str = "", same_document: bool = False) -> None:
        """One row: ``first`` and ``second`` are the claims on each side (the
        silent side goes second); ``same_document`` allows both sides to be
        one document's (its words against its own dates)."""
        if verdict is None or not (same_document or _apart(first, second)):
            return
        verdict = corrected_verdict(verdict, any(self.corrected_on_the_point(side, kind, thing)
                                                 for side in (*first, *second)))
        if verdict == "silent" and _is_silent(first[0]):
            first, second = second, first
        corrections = [c for side in (*first, *second) for c in self._corrections(side)]
        row: dict[str, Any] = {"theme": theme, "thing_id": thing_id, "thing": thing, "kind": kind, "verdict": verdict}
        for name, sides in (("first", first), ("second", second)):
            row[f"{name}_docs"] = tuple(side.doc_id for side in sides)
            row[f"{name}_spans"] = tuple(side.span for side in sides)
            row[f"{name}_claims"] = tuple(side.claim_id for side in sides)
            row[f"{name}_words"] = tuple(side.words for side in sides)
            row[f"{name}_quotes"] = tuple(side.quote for side in sides)
        row["corrections"] = tuple(dict.fromkeys(corrections))
        row["research"] = research
        self.rows.append(row)

    def compare(self, theme: str, thing_id: str, thing: str, kind: str, sides: Sequence[Side],
                verdict_of, research: str = "", keep_shared: bool = False) -> None:
        """Every pair of groups of sides that say different things, judged
        by ``verdict_of(first, second)`` on one side of each; a group that
        is silent is set once against the first group that is not. A voice
        on both sides of a pair leaves it (:func:`without_shared_voices`)
        unless ``keep_shared`` (a misspelling is wrong even where the same
        writer spells the name right elsewhere)."""
        groups = by_value(sides)
        silent_done = False
        for first, second in combinations(groups, 2):
            verdict = verdict_of(first[0], second[0])
            if not keep_shared:
                first, second = without_shared_voices(first, second)
                if not first or not second:
                    continue
            if verdict == "silent" and (_is_silent(first[0]) or _is_silent(second[0])):
                if silent_done:
                    continue
                silent_done = _apart(first, second)
            self.add(theme, thing_id, thing, kind, verdict, first, second, research)


# --------------------------------------------------------------------------
# Each kind of thing
# --------------------------------------------------------------------------


def _date_words(date_text: object, date: object) -> str:
    from helpers.display.claims import human_date

    written, meant = _text(date_text), _text(date)
    if meant is None:
        return f"“{written}” (no date)" if written else NO_DATE
    shown = human_date(meant)
    return f"“{written}” ({shown})" if written and written != shown else shown


MAX_RESEARCH_DATINGS = 6  # datings of one event listed in full; more are summed up as a span


def _research_by_event(evidence: Evidence) -> dict[str, str]:
    """Each event's research dating in words, with its source and grade;
    where the reference sources give different datings, every one of them
    in order of date (no source is picked: lesson 01 shows why they differ),
    or their whole span when there are more than :data:`MAX_RESEARCH_DATINGS`."""
    chronology = evidence.tables.get("chronology")
    if chronology is None or chronology.empty:
        return {}
    from helpers.lessons.chronology import dating_in_words
    from helpers.evidence.dates import span_bounds

    out = {}
    for event_id, group in chronology.groupby("event_id", sort=False):
        # One entry per distinct dating, from its best-graded source.
        datings: dict[tuple, str] = {}
        for row in group.sort_values(["grade", "chron_id"], kind="stable").itertuples(index=False):
            span = span_bounds(row.date, row.date_end)
            datings.setdefault(span, f"{dating_in_words(*span)} ({row.source_title}; grade {row.grade})")
        spans = sorted(datings)
        if len(spans) == 1:
            out[event_id] = datings[spans[0]]
        elif len(spans) <= MAX_RESEARCH_DATINGS:
            out[event_id] = "the sources differ: " + "; ".join(datings[span] for span in spans)
        else:
            first, last = spans[0][0], max(end for _, end in spans)
            out[event_id] = (f"the sources differ ({len(spans)} datings), from {dating_in_words(first, first)} "
                             f"to {dating_in_words(last, last)}")
    return out


def _event_dates(finder: Finder) -> None:
    evidence = finder.evidence
    claims, events = evidence.table("event_claims"), evidence.table("events")
    labels = dict(zip(events["event_id"], events["label"]))
    categories = dict(zip(events["event_id"], events["category"]))
    research = _research_by_event(evidence)
    by_event: dict[str, list[Side]] = {}
    for row in claims.itertuples(index=False):
        by_event.setdefault(row.event_id, []).append(
            Side(row.doc_id, row.claim_id, _text(row.date), _date_words(row.date_text, row.date), row.quote,
                 {"event_id": row.event_id}, row.span, _text(row.date_text) or ""))
    for event_id, sides in by_event.items():
        theme = THEME_OF_CATEGORY.get(categories.get(event_id, ""), "events")
        dated_docs = {side.doc_id for side in sides if side.value is not None}
        # A document that dates the event is not silent on its date, even if
        # another of its sentences tells the event without one.
        kept = [side for side in sides if side.value is not None or side.doc_id not in dated_docs]
        finder.compare(theme, f"event:{event_id}", labels.get(event_id, event_id), "date", kept,
                       lambda a, b: date_pair_verdict(a.value, b.value), research.get(event_id, ""))
    _orders(finder, claims, by_event, labels, research)


# Words that tell the next event as coming after the one before ("then",
# "later"); "after" alone is left out: "After Stalin died, ..." dates the
# sentence by another event, not by the sentence before.
SEQUENCE_WORDS = re.compile(r"\b(?:then|later|afterwards|subsequently|eventually|after th(?:at|is)|soon after)\b",
                            re.IGNORECASE)
SEQUENCE_WINDOW = 25  # characters before a quote in which a sequence word still ties it to the sentence before


@dataclass(frozen=True)
class OrderStatement:
    """A document puts event ``before`` ahead of event ``after``: by its
    dates, or by telling one after the other with a word such as "then"."""

    doc_id: str
    before: Side
    after: Side
    how: str  # "dates" or the sequence word


def told_orders(claims: pd.DataFrame, texts: Mapping[str, str], sides: Mapping[str, Side]) -> list[OrderStatement]:
    """Each document's orders told in words: two event claims in a row whose
    second opens (or is preceded within :data:`SEQUENCE_WINDOW` characters)
    by a sequence word."""
    out = []
    for doc_id, group in claims.groupby("doc_id", sort=False):
        text = texts.get(doc_id, "")
        placed = sorted((text.find(quote), claim_id) for quote, claim_id in zip(group["quote"], group["claim_id"]))
        for (start, first_id), (next_start, second_id) in zip(placed, placed[1:]):
            first, second = sides[first_id], sides[second_id]
            if first.extra["event_id"] == second.extra["event_id"] or next_start <= start:
                continue
            window = text[max(start + len(first.quote), next_start - SEQUENCE_WINDOW):next_start
                          + min(60, len(second.quote))]
            found = SEQUENCE_WORDS.search(window)
            if found:
                out.append(OrderStatement(doc_id, first, second, found.group(0).lower()))
    return out


def _dated_orders(by_event: Mapping[str, list[Side]]) -> dict[tuple[str, str], list[OrderStatement]]:
    """(earlier event, later event) -> the documents whose most precise
    dates put one strictly before the other."""
    dating: dict[str, dict[str, Side]] = {}
    for sides in by_event.values():
        for side in sides:
            if side.value is None:
                continue
            best = dating.setdefault(side.doc_id, {}).get(side.extra["event_id"])
            if best is None or _width(side.value) < _width(best.value):
                dating[side.doc_id][side.extra["event_id"]] = side
    out: dict[tuple[str, str], list[OrderStatement]] = {}
    for doc_id, events in dating.items():
        ordered = sorted(events.values(), key=lambda side: partial_date_bounds(side.value))
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                if strictly_before(first.value, second.value):
                    key = (first.extra["event_id"], second.extra["event_id"])
                    out.setdefault(key, []).append(OrderStatement(doc_id, first, second, "dates"))
    return out


def _orders(finder: Finder, claims: pd.DataFrame, by_event: Mapping[str, list[Side]], labels: Mapping[str, str],
            research: Mapping[str, str]) -> None:
    """Two events that one document puts in one order and another document
    (or the same document's own dates) in the opposite order."""
    statements = _dated_orders(by_event)
    sides = {side.claim_id: side for group in by_event.values() for side in group}
    for told in told_orders(claims, finder.evidence.texts, sides):
        key = (told.before.extra["event_id"], told.after.extra["event_id"])
        statements.setdefault(key, []).append(told)
    done: set[tuple[str, str]] = set()
    for (a, b), one_way in statements.items():
        other_way = statements.get((b, a), [])
        if not other_way or (b, a) in done:
            continue
        done.add((a, b))
        verdict = opposite_orders_verdict(True, False)  # one side puts a first, the other b: the rule for order
        first = [_order_side(s, labels) for s in one_way]
        second = [_order_side(s, labels) for s in other_way]
        # A document whose words tell an order its own dates reverse
        # contradicts itself: that is a disagreement too.
        finder.add("events", f"order:{a}:{b}", f"{labels.get(a, a)} / {labels.get(b, b)}", "order", verdict,
                   first, second, "; ".join(f"{labels.get(e, e)}: {research[e]}" for e in (a, b) if e in research),
                   same_document=True)


def _order_side(statement: OrderStatement, labels: Mapping[str, str]) -> Side:
    """A document's order of two events as one side of a disagreement."""
    before, after = statement.before, statement.after
    how = "by its dates" if statement.how == "dates" else f"told with “{statement.how}”"
    words = (f"{labels.get(before.extra['event_id'], '')} ({before.words}) before "
             f"{labels.get(after.extra['event_id'], '')} ({after.words}), {how}")
    quote = before.quote if before.quote == after.quote else f"{before.quote} … {after.quote}"
    return Side(statement.doc_id, f"{before.claim_id}+{after.claim_id}", (before.extra["event_id"], statement.how),
                words, quote, span=before.span)


def _width(date: str) -> int:
    first, last = partial_date_bounds(date)
    return (last - first).days


def episodes(rows: Sequence[Any], candidates: Sequence[Sequence[str]]) -> list[tuple[str, list[Any]]]:
    """Rows about the same person and change (or the same decision) split
    into episodes: two rows are one episode when the events their words
    tell share one (a sentence may tell several events, so each row brings
    every event its quote overlaps). Returns (the event most of the
    episode's rows tell, or "" for rows tied to no event; the rows), in the
    order of the rows."""
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for i, events in enumerate(candidates):
        for event_id in events:
            if event_id in first_with:
                parent[root(i)] = root(first_with[event_id])
            else:
                first_with[event_id] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(root(i), []).append(i)
    out = []
    for members in sorted(groups.values()):
        # The episode's event: the one most of its rows tell, then the one
        # their words share most (earliest in each row's list).
        tally: dict[str, list[int]] = {}
        for i in members:
            for position, event_id in enumerate(candidates[i]):
                tally.setdefault(event_id, []).append(position)
        event_id = min(tally, key=lambda e: (-len(tally[e]), sum(tally[e]) / len(tally[e]), e)) if tally else ""
        out.append((event_id, [rows[i] for i in members]))
    return out


def _changes(finder: Finder, links: EventLinks) -> None:
    evidence = finder.evidence
    changes = evidence.table("leadership_changes")
    people = dict(zip(evidence.table("people")["person_id"], evidence.table("people")["canonical_name"]))
    labels = dict(zip(evidence.table("events")["event_id"], evidence.table("events")["label"]))
    agents, offices = evidence.relations("decided_by"), evidence.relations("office")
    meanings = evidence.meanings("decided_by")
    by_change: dict[tuple[str, str], list[Any]] = {}
    for row in changes.itertuples(index=False):
        by_change.setdefault((row.person_id, CHANGE_GROUPS.get(row.change, row.change)), []).append(row)
    for (person_id, change), rows in by_change.items():
        candidates = [links.events_of(r.doc_id, r.quote, PREFERRED_CATEGORY["leadership_changes"]) for r in rows]
        for event_id, members in episodes(rows, candidates):
            name = people.get(person_id, person_id)
            thing = f"{name}: {change.replace('_', ' ')}" + (f" ({labels.get(event_id, event_id)})" if event_id else "")
            thing_id = f"change:{event_id}:{person_id}:{change}"
            agent_sides = [Side(r.doc_id, r.claim_id, r.decided_by,
                                _agent_words(r.decided_by_as_written, r.decided_by, agents, meanings), r.quote,
                                {"silent": r.decided_by in agents.unnamed or _blank(r.decided_by)}, r.span,
                                _text(r.decided_by_as_written) or "")
                           for r in members]
            finder.compare("leaders", thing_id, thing, "agent", agent_sides,
                           lambda a, b: term_pair_verdict(a.value, b.value, agents))
            with_office = [r for r in members if _text(r.office) is not None]
            office_sides = [Side(r.doc_id, r.claim_id, r.office, _office_words(r.office_as_written, r.office, offices),
                                 r.quote, span=r.span, written=_text(r.office_as_written) or "") for r in with_office]
            finder.compare("leaders", thing_id, thing, "office", office_sides,
                           lambda a, b: term_pair_verdict(a.value, b.value, offices))
            # The same office in other words ("general secretary", "leader of the party").
            named = [Side(r.doc_id, r.claim_id, (r.office, _plain_name(r.office_as_written)),
                          f"“{r.office_as_written}” (read as: {r.office.replace('_', ' ')})", r.quote, span=r.span,
                          written=r.office_as_written)
                     for r in with_office if _text(r.office_as_written) and r.office not in offices.vague]
            finder.compare("leaders", thing_id, thing, "name", named,
                           lambda a, b: None if a.value[0] != b.value[0] or _contains(a.value[1], b.value[1])
                           else name_pair_verdict(a.value[1], b.value[1]))


def _agent_words(as_written: object, term: object, relations: TermRelations,
                 meanings: Mapping[str, str] | None = None) -> str:
    """Who acted, as a reader reads it: the document's own words in quotation
    marks; where it has none, the meaning of the term (from its vocabulary)."""
    written = _text(as_written)
    if term in relations.unnamed or _blank(term):
        return NO_ONE
    if written:
        return f"“{written}”"
    return f"{_meaning(str(term), meanings)} (not in so many words)"


def _meaning(term: str, meanings: Mapping[str, str] | None) -> str:
    """A term's meaning in a few words: its vocabulary description up to the
    first bracket, colon or semicolon (the term with spaces if it has none)."""
    described = (meanings or {}).get(term, "")
    short = re.split(r" \(|[:;]", described, maxsplit=1)[0].strip().rstrip(".")
    return short if short and len(short) <= 70 else term.replace("_", " ")


VAGUE_OFFICE = "no office named"


def _office_words(as_written: object, term: object, relations: TermRelations) -> str:
    """An office as a reader reads it: the document's words and what they
    are read as (a vague term: no office named)."""
    written = _text(as_written)
    meaning = VAGUE_OFFICE if term in relations.vague else str(term).replace("_", " ")
    return f"“{written}” (read as: {meaning})" if written else meaning


def _decisions(finder: Finder, links: EventLinks) -> None:
    evidence = finder.evidence
    decisions = evidence.table("soviet_decisions")
    labels = dict(zip(evidence.table("events")["event_id"], evidence.table("events")["label"]))
    bodies = evidence.relations("soviet_body")
    by_decision: dict[str, list[Any]] = {}
    for row in decisions.itertuples(index=False):
        by_decision.setdefault(row.decision, []).append(row)
    for decision, rows in by_decision.items():
        candidates = [links.events_of(r.doc_id, r.quote, PREFERRED_CATEGORY["soviet_decisions"]) for r in rows]
        told = episodes(rows, candidates)
        for event_id, members in told:
            # A decision told of one episode is one thing; one told of several
            # (troops sent on 24 October and on 4 November) is one per episode.
            words = decision.replace("_", " ")
            thing = f"Soviet decision: {words}" + (
                f" ({labels.get(event_id, event_id)})" if event_id and len(told) > 1 else "")
            sides = [Side(r.doc_id, r.claim_id, r.body,
                          _agent_words(r.body_as_written, r.body, bodies, evidence.meanings("soviet_body")), r.quote,
                          {"silent": r.body in bodies.unnamed or _blank(r.body)}, r.span,
                          _text(r.body_as_written) or "") for r in members]
            finder.compare("soviet", f"decision:{event_id}:{decision}", thing, "agent", sides,
                           lambda a, b: term_pair_verdict(a.value, b.value, bodies))


def _numbers(finder: Finder) -> None:
    from helpers.lessons import casualties

    estimates = finder.evidence.table("estimates")
    if estimates.empty:
        return
    intervals = casualties.document_intervals(estimates)
    research = _yardstick_by_group(finder.evidence, intervals)
    groups: dict[tuple[str, str], list[Side]] = {}
    for row in casualties._records(intervals):
        interval: Interval | None = None
        if row["quantified"]:
            interval = (int(row["low"]), None if pd.isna(row["high"]) else int(row["high"]))
        words = casualties._words(row["number_text"], row["qualifier_text"])
        read_as = casualties.format_interval(*(interval or (None, None)))
        place = casualties.place_words(row["place"])
        groups.setdefault((row["measure"], row["group"]), []).append(
            Side(row["doc_id"], row["claim_id"], (interval, row["scope"]),
                 f"“{words}” ({place}; read as {read_as})", row["quote"], {"scope": row["scope"]}, row["span"],
                 _text(row["number_text"]) or ""))
    for (measure, group), sides in groups.items():
        thing = casualties.group_phrase(measure, group)
        thing = thing[:1].upper() + thing[1:]
        finder.compare("numbers", f"count:{measure}:{group}", thing, "number", sides,
                       lambda a, b: number_pair_verdict(a.value[0], b.value[0], a.value[1], b.value[1],
                                                        casualties.PART, casualties.WHOLE),
                       research.get((measure, group), ""))


def _yardstick_by_group(evidence: Evidence, intervals: pd.DataFrame) -> dict[tuple[str, str], str]:
    """Each measure and group's research figures (the lesson's yardstick), in words."""
    reference = evidence.tables.get("scholarly_estimates")
    if reference is None or reference.empty:
        return {}
    from helpers.lessons import casualties

    chosen = casualties.yardstick(reference)
    if chosen.empty:
        return {}
    pairs = casualties.yardstick_pairs(intervals, chosen)
    titles = dict(zip(reference["ref_id"], reference["source_title"]))
    grades = dict(zip(reference["ref_id"], reference["grade"]))
    out: dict[tuple[str, str], list[str]] = {}
    for row in pairs.itertuples(index=False):
        text = f"{row.figure} ({row.ref_scope}; {titles.get(row.ref_id, row.source)}; grade {grades.get(row.ref_id, '?')})"
        listed = out.setdefault((row.measure, row.group), [])
        if text not in listed:
            listed.append(text)
    return {key: "; ".join(texts) for key, texts in out.items()}


def _names(finder: Finder) -> None:
    """A person's name as each voice writes it: every spelling that is not
    the same name as another's (:func:`_same_spelling`), and every misspelling."""
    evidence = finder.evidence
    variants = evidence.table("name_variants")
    people = dict(zip(evidence.table("people")["person_id"], evidence.table("people")["canonical_name"]))
    by_person: dict[str, list[Side]] = {}
    for row in variants.itertuples(index=False):
        by_person.setdefault(row.person_id, []).append(
            Side(row.doc_id, "", row.spelling, f"“{row.spelling}”", row.quote,
                 {"wrong": bool(row.is_misspelling)}, row.span, row.spelling))
    for person_id, sides in by_person.items():
        # A surname alone stands with the full name it ends ("Nagy" with "Imre
        # Nagy"): each correct spelling takes the fullest spelling it is part of.
        right = sorted({side.value for side in sides if not side.extra["wrong"]}, key=len, reverse=True)
        fullest = {name: next(full for full in right if _same_spelling(name, full)) for name in right}
        kept = [Side(side.doc_id, side.claim_id, side.value if side.extra["wrong"] else fullest[side.value],
                     side.words, side.quote, side.extra, side.span, side.written) for side in sides]
        finder.compare("names", f"name:{person_id}", people.get(person_id, person_id), "name", kept,
                       lambda a, b: name_pair_verdict(a.value, b.value, a.extra["wrong"], b.extra["wrong"]),
                       keep_shared=True)
    _body_names(finder)


def _same_spelling(name: str, full: str) -> bool:
    """Whether ``name`` is ``full`` or its last words ("Nagy", "Imre Nagy"),
    capitals aside."""
    a, b = name.casefold().split(), full.casefold().split()
    return len(a) <= len(b) and b[len(b) - len(a):] == a


def _body_names(finder: Finder) -> None:
    """A Soviet body that the vocabulary says has other names (``same_as``:
    "the Politburo" for the Presidium), named differently by two voices;
    bodies with no declared other name are compared as agents only."""
    relations = finder.evidence.relations("soviet_body")
    named = set(relations.same_as) | set(relations.same_as.values())
    groups: dict[str, list[Side]] = {}
    for row in finder.evidence.table("soviet_decisions").to_dict("records"):
        term, written = _text(row["body"]), _text(row["body_as_written"])
        if term is None or written is None or term not in named:
            continue
        groups.setdefault(relations.canonical(term), []).append(
            Side(row["doc_id"], row["claim_id"], _plain_name(written), f"“{written}”",
                 row["quote"], span=row["span"], written=written))
    for term, sides in groups.items():
        label = term.replace("_", " ")
        finder.compare("soviet", f"body-name:{term}", f"Names for: {label[:1].upper()}{label[1:]}", "name", sides,
                       lambda a, b: None if _contains(a.value, b.value) else name_pair_verdict(a.value, b.value))


def joined_quotes(quotes: Iterable[str]) -> str:
    """Several quotes of one voice as one text: each once, none that another
    already contains, joined by an ellipsis."""
    distinct = list(dict.fromkeys(quotes))
    kept = [q for q in distinct if not any(q != other and q in other for other in distinct)]
    return " … ".join(kept)


def _plain_name(written: str) -> tuple[str, ...]:
    """A name's words for comparing: lower case, no leading "the", no
    plural "s" ("The Soviets" and "Soviet" are one name)."""
    words = re.findall(r"[\w’'-]+", written.casefold())
    words = words[1:] if words and words[0] == "the" else words
    return tuple(word[:-1] if len(word) > 3 and word.endswith("s") else word for word in words)


def _contains(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether one name's words run inside the other's ("Soviet troops" in
    "nearby contingents of Soviet troops"): the same name, with more words."""
    shorter, longer = sorted((first, second), key=len)
    return any(longer[i:i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


def _reasons(finder: Finder) -> None:
    """The reasons each voice gives for the same decision or reaction: two
    voices that give different sets of reasons are each silent on the
    other's (reasons add up; none excludes another). Soviet decisions by
    ``reversal_reasons.applies_to``, the world's reactions by
    ``international_reactions.reaction`` (with ``reason_given``); terms the
    vocabularies declare other names for, or parts of, count as one."""
    applies = finder.evidence.relations("applies_to")
    reactions = finder.evidence.relations("reaction")
    sources = [
        (finder.evidence.table("reversal_reasons"), "reason", lambda row: applies.canonical(row["applies_to"]),
         "soviet", finder.evidence.meanings("reversal_reason")),
        # A reaction is grouped under its broadest term (being distracted by
        # Suez is a way of staying out).
        (finder.evidence.table("international_reactions"), "reason_given",
         lambda row: [reactions.canonical(row["reaction"]), *reactions.ancestors(row["reaction"])][-1], "events",
         finder.evidence.meanings("reason_given")),
    ]
    for frame, column, thing_of, theme, meanings in sources:
        by_thing: dict[str, dict[str, dict[str, Any]]] = {}
        for row in frame.to_dict("records"):
            thing = thing_of(row)
            if thing is None or _text(row[column]) is None:
                continue
            voice = Side(row["doc_id"], row["claim_id"], None, "", row["quote"], span=row["span"]).voice
            given = by_thing.setdefault(thing, {}).setdefault(voice, {})
            given.setdefault(row[column], row)
        for thing, voices in by_thing.items():
            sides = []
            for given in voices.values():
                first = next(iter(given.values()))
                reasons = tuple(sorted(given))
                sides.append(Side(first["doc_id"], "+".join(r["claim_id"] for r in given.values()), reasons,
                                  "gives: " + "; ".join(_meaning(r, meanings) for r in given),
                                  joined_quotes(r["quote"] for r in given.values()), span=first["span"],
                                  written=joined_quotes(r["quote"] for r in given.values())))
            label = thing.replace("_", " ")
            finder.compare(theme, f"reasons:{column}:{thing}", f"Reasons given: {label}", "reason", sides,
                           lambda a, b: reasons_verdict(a.value, b.value))


# --------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------


def load_evidence(datapackage: Path | None = None) -> Evidence:
    """The evidence of a data package, loaded and validated: the project's
    (shared with the display layer) by default."""
    from helpers.evidence.corpus import read_raw_text
    from helpers.evidence.vocabularies import vocabularies

    if datapackage is None:
        from helpers.display.claims import _evidence

        tables, index = _evidence()
        package = None
        raw_dir = None
    else:
        from helpers.evidence.corrections import correction_index
        from helpers.evidence.tables import load_all_tables, read_datapackage

        tables = load_all_tables(datapackage, use_cache=False)
        package = read_datapackage(datapackage)
        raw_dir = datapackage.parent / "raw"
    documents = tables["documents"]
    texts = {d: (read_raw_text(f) if raw_dir is None else read_raw_text(f, raw_dir))
             for d, f in zip(documents["doc_id"], documents["file_name"])}
    if package is not None:
        index = correction_index(tables, package, texts)
    return Evidence(tables, texts, vocabularies(package), index)


def find_disagreements(evidence: Evidence | None = None) -> pd.DataFrame:
    """Every disagreement between two documents (see the module docstring),
    one row per pair of claims and aspect (:data:`COLUMNS`), ordered by theme
    (:data:`THEMES`), verdict (most serious first), kind and thing."""
    evidence = evidence or load_evidence()
    finder = Finder(evidence)
    links = EventLinks(evidence.table("event_claims"), evidence.table("events"), evidence.texts)
    _event_dates(finder)
    _changes(finder, links)
    _decisions(finder, links)
    _numbers(finder)
    _names(finder)
    _reasons(finder)
    frame = pd.DataFrame(finder.rows, columns=COLUMNS)
    theme_rank = {theme: i for i, theme in enumerate(THEMES)}
    verdict_rank = {verdict: i for i, verdict in enumerate(VERDICTS)}
    kind_rank = {kind: i for i, kind in enumerate(KINDS)}
    frame["_order"] = range(len(frame))
    frame = frame.sort_values(
        ["theme", "verdict", "kind", "_order"],
        key=lambda column: column.map({"theme": theme_rank, "verdict": verdict_rank, "kind": kind_rank}.get(
            column.name, {})) if column.name in ("theme", "verdict", "kind") else column, kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True)


def counts(found: pd.DataFrame) -> pd.DataFrame:
    """How many disagreements of each kind have each verdict (kinds as
    rows, in :data:`KINDS` order; verdicts as columns)."""
    table = pd.crosstab(pd.Categorical(found["kind"], categories=list(KINDS)),
                        pd.Categorical(found["verdict"], categories=list(VERDICTS)), dropna=False)
    table.index.name, table.columns.name = "kind", "verdict"
    return table


OMISSION_COLUMNS = ["doc_id", "theme", "thing_id", "thing", "told_by"]


def omissions(evidence: Evidence | None = None) -> pd.DataFrame:
    """For each document, the events and the counts that other documents
    tell and it does not (``told_by``: their doc_ids), by theme."""
    evidence = evidence or load_evidence()
    documents = list(evidence.table("documents")["doc_id"])
    events = evidence.table("events")
    labels = dict(zip(events["event_id"], events["label"]))
    categories = dict(zip(events["event_id"], events["category"]))
    told: dict[tuple[str, str, str], list[str]] = {}
    claims = evidence.table("event_claims")
    for event_id, doc_id in zip(claims["event_id"], claims["doc_id"]):
        key = (THEME_OF_CATEGORY.get(categories.get(event_id, ""), "events"), f"event:{event_id}",
               labels.get(event_id, event_id))
        told.setdefault(key, [])
        if doc_id not in told[key]:
            told[key].append(doc_id)
    estimates = evidence.table("estimates")
    if not estimates.empty:
        from helpers.lessons import casualties

        intervals = casualties.document_intervals(estimates, together=False)
        for measure, group, doc_id in zip(intervals["measure"], intervals["group"], intervals["doc_id"]):
            phrase = casualties.group_phrase(measure, group)
            key = ("numbers", f"count:{measure}:{group}", phrase[:1].upper() + phrase[1:])
            told.setdefault(key, [])
            if doc_id not in told[key]:
                told[key].append(doc_id)
    rows = []
    for doc_id in documents:
        for (theme, thing_id, thing), tellers in told.items():
            if doc_id not in tellers:
                rows.append({"doc_id": doc_id, "theme": theme, "thing_id": thing_id, "thing": thing,
                             "told_by": tuple(tellers)})
    theme_rank = {theme: i for i, theme in enumerate(THEMES)}
    rows.sort(key=lambda row: (documents.index(row["doc_id"]), theme_rank.get(row["theme"], len(theme_rank)),
                               -len(row["told_by"])))
    return pd.DataFrame(rows, columns=OMISSION_COLUMNS)


# --------------------------------------------------------------------------
# The lessons' view of the table
# --------------------------------------------------------------------------

VIEW_COLUMNS: dict[str, str] = {"question": "Question", "verdict_words": "Verdict",
                                "first": "One side says", "second": "The other side says",
                                "research": "Research"}
# What a lesson shows in its core: the disagreements a class argues over.
CORE_VERDICTS: tuple[str, ...] = ("conflict", "different_scope")


def voice_name(doc_id: str, span: str | None, names: Mapping[str, str]) -> str:
    """Who speaks, in words: the document's name, and "(reader comment)"
    for its comments."""
    from helpers.display.claims import SPAN_WORDS

    name = names.get(doc_id, doc_id)
    return name if _blank(span) or span == "body" else f"{name} ({SPAN_WORDS.get(span, span)})"


def _side_text(docs: Sequence[str], spans: Sequence[str], words: Sequence[str], quotes: Sequence[str],
               names: Mapping[str, str]) -> str:
    return " / ".join(f"{voice_name(d, s, names)}: {w}, “{q}”" for d, s, w, q in zip(docs, spans, words, quotes))


def disagreement_view(found: pd.DataFrame, theme: str | None = None, verdicts: Sequence[str] | None = None,
                      names: Mapping[str, str] | None = None, kinds: Sequence[str] | None = None) -> pd.DataFrame:
    """The disagreements of one theme (all when None) with the given
    verdicts and kinds (all when None), in words for a lesson's table
    (:data:`VIEW_COLUMNS`): the question ("When? Rákosi forced to
    resign"), the verdict, each side's voices, words and quotes, research."""
    if names is None:
        from helpers.display.claims import document_names

        names = document_names()
    rows = found
    if theme is not None:
        rows = rows[rows["theme"] == theme]
    if verdicts is not None:
        rows = rows[rows["verdict"].isin(list(verdicts))]
    if kinds is not None:
        rows = rows[rows["kind"].isin(list(kinds))]
    out = pd.DataFrame({
        "question": [f"{KIND_WORDS[k]}? {t}" for k, t in zip(rows["kind"], rows["thing"])],
        "verdict_words": [VERDICTS[v].label for v in rows["verdict"]],
        "first": [_side_text(*sides, names) for sides in zip(rows["first_docs"], rows["first_spans"],
                                                                rows["first_words"], rows["first_quotes"])],
        "second": [_side_text(*sides, names) for sides in zip(rows["second_docs"], rows["second_spans"],
                                                                 rows["second_words"], rows["second_quotes"])],
        "research": rows["research"],
    }, columns=list(VIEW_COLUMNS))
    return out.reset_index(drop=True)


def theme_sentence(found: pd.DataFrame, theme: str, shown: Sequence[str] = CORE_VERDICTS,
                   kinds: Sequence[str] | None = None) -> str:
    """How many disagreements a theme has, by verdict, and how many of them
    the lesson's table shows (those with a verdict in ``shown``, and a kind
    in ``kinds`` when given), in one sentence of Markdown (the site's page
    that lists them all is named)."""
    from helpers.display.claims import count_in_words, listed

    rows = found[found["theme"] == theme]
    title = f"*{THEMES[theme]}*"
    if rows.empty:
        return f"On this lesson's theme, {title}, no two documents say different things."
    by_verdict = rows["verdict"].value_counts()
    parts = [f"{int(by_verdict[v])} {VERDICTS[v].counted}" for v in VERDICTS if v in by_verdict]
    chosen = rows["verdict"].isin(list(shown))
    if kinds is not None:
        chosen &= rows["kind"].isin(list(kinds))
    count = int(chosen.sum())
    which = listed([VERDICTS[v].counted for v in VERDICTS if v in shown], empty="none").replace(" and ", " or ")
    about = f" about {listed([KIND_WORDS[k].lower() for k in kinds]).replace(' and ', ' or ')}" if kinds else ""
    table = (f"The table shows the {count_in_words(count, 'comparison')} {which}{about}" if count
             else f"None is {which}{about}")
    return (f"On this lesson's theme, {title}, two documents say different things "
            f"{count_in_words(len(rows), 'time')}: {listed(parts)}. {table}; the folded table below, and the "
            "site's page *Where the sources disagree*, list them all.")


def verdicts_by_document(found: pd.DataFrame, doc_ids: Sequence[str],
                         names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """For each document (its name in ``document``), how many comparisons it
    stands in, on either side, with each verdict (a column per verdict)."""
    if names is None:
        from helpers.display.claims import document_names

        names = document_names()
    rows = []
    for doc_id in doc_ids:
        mine = [doc_id in (*first, *second) for first, second in zip(found["first_docs"], found["second_docs"])]
        counted = found.loc[mine, "verdict"].value_counts()
        rows.append({"doc_id": doc_id, "document": names.get(doc_id, doc_id),
                     **{verdict: int(counted.get(verdict, 0)) for verdict in VERDICTS}})
    return pd.DataFrame(rows, columns=["doc_id", "document", *VERDICTS])


def most_in_conflict_sentence(by_document: pd.DataFrame) -> str:
    """Which document stands most often in conflict with another, in one
    sentence (every document tied for the most is named)."""
    from helpers.display.claims import count_in_words, listed

    most = int(by_document["conflict"].max()) if len(by_document) else 0
    if most == 0:
        return "No document is in conflict with another."
    leaders = by_document.loc[by_document["conflict"] == most, "document"].tolist()
    return (f"{listed(f'the {name[:1].lower() + name[1:]}' for name in leaders).capitalize()} "
            f"{'is' if len(leaders) == 1 else 'are'} in conflict with another document most often "
            f"({count_in_words(most, 'time')}{'' if len(leaders) == 1 else ' each'}).")
