"""Corrections, and the claims each one concerns.

``data/corrections.csv`` records where a document is wrong, garbled or
self-contradictory, each with a reason and a reference; the document's quote
is never changed. A correction *concerns* a claim when, in the same
document, the correction's quote and the claim's quote share at least one
character (their spans of the text overlap): "to resign as general
secretary" concerns the claim whose quote is the whole sentence, and a
garbled run-on sentence concerns every claim read from any part of it.

The display layer (:mod:`helpers.display.claims`) uses :class:`CorrectionIndex` to
put every correction beside every claim it concerns, wherever a lesson shows
that claim's quote: in a table row, a hover text or a computed sentence.

Which tables hold claims is declared in ``data/datapackage.json``: every
resource with ``"x-claims": true``. The corrections resource declares
``"x-concernsAClaim"``, and the loader (:func:`check_corrections_concern_claims`)
refuses a correction that concerns no claim, except for the kinds the rule
lists (broken wiki markup is a fault of the page, not of a statement).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers.evidence.checks import occurrences
from helpers.evidence.errors import TableError

# How each kind of correction is named on a page.
KIND_LABELS: dict[str, str] = {
    "wrong_date": "Wrong date",
    "wrong_fact": "Wrong fact",
    "self_contradiction": "Contradicts itself",
    "vague": "Misleading or vague",
    "garbled_text": "Garbled text",
    "misspelling": "Misspelling",
    "typo": "Typing error",
    "broken_markup": "Broken page markup",
}
# Kinds that concern what a document says about the past (the others concern
# how it is written: spelling, garbling, markup).
KINDS_ABOUT_THE_PAST: frozenset[str] = frozenset({"wrong_date", "wrong_fact", "self_contradiction", "vague"})


@dataclass(frozen=True)
class Correction:
    """One row of ``corrections.csv``."""

    correction_id: str
    doc_id: str
    quote: str
    kind: str
    what_is_wrong: str
    correction: str
    reason: str
    reference_url: str | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.replace("_", " ").capitalize())

    @property
    def is_about_the_past(self) -> bool:
        return self.kind in KINDS_ABOUT_THE_PAST


def normalise(text: str) -> str:
    """Text as a reader sees it, for matching: plotly's ``<br>`` line breaks
    and runs of white space become one space."""
    return " ".join(text.replace("<br>", " ").split())


def claim_tables(package: Mapping[str, Any]) -> list[str]:
    """Names of the resources that hold claims (``"x-claims": true``)."""
    return [resource["name"] for resource in package["resources"] if resource.get("x-claims") is True]


def _ranges(text: str, quote: str) -> list[tuple[int, int]]:
    return [(at, at + len(quote)) for at in occurrences(text, quote)]


def _overlap(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> bool:
    return any(a < d and c < b for a, b in first for c, d in second)


def concerned_quotes(corrections: pd.DataFrame, claims: Iterable[pd.DataFrame],
                     texts: Mapping[str, str]) -> dict[str, set[str]]:
    """For each correction id, the quotes of the claims it concerns (claim
    quotes overlapping the correction's quote in the same document).
    ``texts`` maps each doc_id to its document's text."""
    quotes_by_doc: dict[str, set[str]] = {}
    for frame in claims:
        for doc_id, quote in zip(frame["doc_id"], frame["quote"]):
            quotes_by_doc.setdefault(doc_id, set()).add(quote)
    concerned: dict[str, set[str]] = {}
    ranges: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for correction_id, doc_id, quote in zip(corrections["correction_id"], corrections["doc_id"],
                                            corrections["quote"]):
        text = texts[doc_id]
        own = _ranges(text, quote)
        hits = set()
        for claim_quote in quotes_by_doc.get(doc_id, ()):
            key = (doc_id, claim_quote)
            if key not in ranges:
                ranges[key] = _ranges(text, claim_quote)
            if _overlap(own, ranges[key]):
                hits.add(claim_quote)
        concerned[correction_id] = hits
    return concerned


def check_corrections_concern_claims(label: str, corrections: pd.DataFrame, claims: Iterable[pd.DataFrame],
                                     texts: Mapping[str, str], except_kinds: Iterable[str] = ()) -> None:
    """Rule ``x-concernsAClaim``: every correction's quote overlaps the quote
    of at least one claim of its document, unless its kind is excepted."""
    excepted = set(except_kinds)
    concerned = concerned_quotes(corrections, claims, texts)
    for row, (correction_id, kind) in enumerate(zip(corrections["correction_id"], corrections["kind"]), start=1):
        if kind not in excepted and not concerned[correction_id]:
            raise TableError(label, row, "quote",
                             f"correction {correction_id!r} concerns no claim: no claim of document "
                             f"{corrections['doc_id'].iloc[row - 1]!r} has a quote that overlaps it. Record the "
                             "statement as a claim first (or widen the quote to the words that are wrong)")


QUOTED_RUN = 6  # words in a row: a run this long of a corrected quote is a quotation of it, not a shared phrase


def word_runs(text: str, size: int = QUOTED_RUN) -> set[tuple[str, ...]]:
    """Every run of ``size`` consecutive words of a text (lower case, no punctuation)."""
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


class CorrectionIndex:
    """Finds the corrections that concern any text shown to a reader.

    A text shows a corrected claim when it contains (after
    :func:`normalise`) the correction's own quote or the quote of a claim
    that the correction concerns, or quotes part of the corrected words:
    :data:`QUOTED_RUN` words in a row of the correction's quote (a lesson
    that shows only a claim's number words, "nearly a quarter of a
    million", shows what the correction corrects).
    """

    def __init__(self, corrections: Iterable[Correction], concerned: Mapping[str, Iterable[str]]):
        self.corrections: tuple[Correction, ...] = tuple(corrections)
        self._needles: list[tuple[Correction, tuple[str, ...]]] = [
            (c, tuple(sorted({normalise(c.quote), *(normalise(q) for q in concerned.get(c.correction_id, ()))})))
            for c in self.corrections
        ]
        self._runs: list[set[tuple[str, ...]]] = [word_runs(c.quote) for c in self.corrections]

    def concerning(self, text: str) -> list[Correction]:
        """The corrections whose quote, or the quote of a claim they
        concern, the text contains, or :data:`QUOTED_RUN` words in a row of
        whose quote it shows; in the order of the corrections table."""
        shown = normalise(text)
        runs = word_runs(shown)
        return [c for (c, needles), own_runs in zip(self._needles, self._runs)
                if any(needle in shown for needle in needles) or not runs.isdisjoint(own_runs)]

    def for_document(self, doc_id: str) -> CorrectionIndex:
        """The index of one document's corrections only (built once): what
        a finder uses for a claim whose document it knows, at the cost of
        that document's corrections instead of all of them."""
        cache = self.__dict__.setdefault("_by_document", {})
        if not cache:
            for (c, needles), runs in zip(self._needles, self._runs):
                sub = cache.setdefault(c.doc_id, CorrectionIndex((), {}))
                sub.corrections += (c,)
                sub._needles.append((c, needles))
                sub._runs.append(runs)
        return cache.get(doc_id) or CorrectionIndex((), {})

    def needles(self, correction_id: str) -> tuple[str, ...]:
        """The quotes whose appearance calls for the correction."""
        for c, needles in self._needles:
            if c.correction_id == correction_id:
                return needles
        raise KeyError(correction_id)


def corrections_from(frame: pd.DataFrame) -> list[Correction]:
    """The rows of the corrections table as :class:`Correction` objects."""
    return [Correction(**{k: (None if pd.isna(v) else v) for k, v in row.items()})
            for row in frame.to_dict("records")]


def correction_index(tables: Mapping[str, pd.DataFrame], package: Mapping[str, Any], texts: Mapping[str, str]
                     ) -> CorrectionIndex:
    """The index over the loaded tables."""
    claims = [tables[name] for name in claim_tables(package)]
    concerned = concerned_quotes(tables["corrections"], claims, texts)
    return CorrectionIndex(corrections_from(tables["corrections"]), concerned)
