"""How to fix a mistake, in words: the hints that error messages carry.

An error that only names the place ("not found verbatim") leaves a contributor
to hunt for a curly apostrophe by eye. These functions find what the
contributor probably meant and say it:

- :func:`did_you_mean`: the known values nearest to a value that is not one
  of them (a vocabulary term, a doc_id, an event id);
- :func:`known_values`: the known values, listed (shortened when there are many);
- :func:`nearest_text`: the text of a document nearest to a quote that is not
  in it verbatim, and :func:`character_differences`, the differing characters
  written so that they can be seen (``’`` U+2019 against ``'`` U+0027).

They run only when something is already wrong, so they may take their time.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Characters a keyboard, a word processor or a web page swap for each other.
LOOKALIKES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\t": " ", "\n": " ",
    "\u2026": ".",  # "…" for "..." is not one character for one; close enough to find the place
})
MAX_LISTED = 40  # known values listed in full up to this many
MIN_SIMILARITY = 0.6  # below it, the "nearest" text is not worth showing


def did_you_mean(value: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known values closest to ``value`` (case and separators ignored
    first, then spelling), best first; empty when none is close."""
    known = list(dict.fromkeys(str(k) for k in known))
    folded = {_fold(k): k for k in known}
    if _fold(value) in folded:
        return [folded[_fold(value)]]
    close = difflib.get_close_matches(_fold(value), list(folded), n=limit, cutoff=0.6)
    return [folded[match] for match in close]


def _fold(text: str) -> str:
    return re.sub(r"[\s_\-]+", "_", str(text).strip().casefold())


def known_values(known: Iterable[str], where: str = "") -> str:
    """"a, b, c" — or, when there are many, the first ones and where to see all."""
    values = list(dict.fromkeys(str(k) for k in known))
    if len(values) <= MAX_LISTED:
        return ", ".join(values)
    return ", ".join(values[:MAX_LISTED]) + f", … ({len(values)} in all{'; see ' + where if where else ''})"


def unknown_value_hint(value: str, known: Sequence[str], where: str = "") -> str:
    """"Did you mean 'x'? Known: …" for a value that is not one of ``known``."""
    guesses = did_you_mean(value, known)
    guess = f"Did you mean {' or '.join(repr(g) for g in guesses)}? " if guesses else ""
    return f"{guess}Known: {known_values(known, where)}"


@dataclass(frozen=True)
class NearestText:
    """Where a document comes closest to a quote it does not contain."""

    start: int
    end: int
    text: str
    similarity: float  # 0..1, difflib's ratio of the quote and the text

    def line(self, document: str) -> int:
        """1-based line of the document where the nearest text starts."""
        return document.count("\n", 0, self.start) + 1


def nearest_text(quote: str, document: str) -> NearestText | None:
    """The passage of ``document`` nearest to ``quote``, or None if nothing is
    at least :data:`MIN_SIMILARITY` alike.

    First the quote is looked for with look-alike characters made equal
    (curly and straight quotes, dashes, spaces, case), which finds the usual
    slips exactly; failing that, the passage around the longest run the two
    share is taken and its ends fitted to the quote's length."""
    if not quote or not document:
        return None
    found = _lookalike_search(quote, document)
    if found is None:
        found = _fuzzy_search(quote, document)
    if found is None:
        return None
    start, end = found
    text = document[start:end]
    similarity = difflib.SequenceMatcher(None, quote, text, autojunk=False).ratio()
    return NearestText(start, end, text, similarity) if similarity >= MIN_SIMILARITY else None


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` with look-alikes made equal, runs of spaces made one, and
    lower-cased; with the position in ``text`` of every character kept."""
    out: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text.translate(LOOKALIKES)):
        lower = char.lower()
        char = lower if len(lower) == 1 else char
        if char == " " and out and out[-1] == " ":
            continue
        out.append(char)
        positions.append(index)
    return "".join(out), positions


def _lookalike_search(quote: str, document: str) -> tuple[int, int] | None:
    needle, _ = _normalised(quote.strip())
    haystack, positions = _normalised(document)
    at = haystack.find(needle) if needle else -1
    if at < 0:
        return None
    last = at + len(needle) - 1
    return positions[at], positions[last] + 1


def _fuzzy_search(quote: str, document: str) -> tuple[int, int] | None:
    matcher = difflib.SequenceMatcher(None, document, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(document), 0, len(quote))
    if match.size < 4:
        return None
    # Align the quote with the passage around that run: the first and last
    # runs they share fix the passage's ends, stretched by what the quote has
    # before its first and after its last shared run.
    low = max(0, match.a - match.b - len(quote))
    high = min(len(document), match.a + 2 * len(quote))
    blocks = [block for block in difflib.SequenceMatcher(None, document[low:high], quote, autojunk=False)
              .get_matching_blocks() if block.size >= 2]
    first, last = blocks[0], blocks[-1]
    begin = low + first.a - first.b
    end = low + last.a + last.size + (len(quote) - last.b - last.size)
    return max(0, begin), min(len(document), end)


def visible(char: str) -> str:
    """One character written so that it can be told apart: ``«’» (U+2019
    RIGHT SINGLE QUOTATION MARK)``; a space or a line break is named."""
    names = {" ": "a space", "\n": "a line break", "\t": "a tab"}
    if char in names:
        return f"{names[char]} (U+{ord(char):04X})"
    name = unicodedata.name(char, "unnamed character")
    return f"«{char}» (U+{ord(char):04X} {name})" if char.isprintable() else f"U+{ord(char):04X} {name}"


def character_differences(quote: str, found: str, limit: int = 3) -> list[str]:
    """Each place where ``quote`` and the document's ``found`` text differ,
    in words, e.g. "the quote has «'» (U+0027 APOSTROPHE) where the document
    has «’» (U+2019 RIGHT SINGLE QUOTATION MARK)"; at most ``limit``."""
    differences = []
    matcher = difflib.SequenceMatcher(None, quote, found, autojunk=False)
    for tag, q0, q1, f0, f1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours, theirs = quote[q0:q1], found[f0:f1]
        context = quote[max(0, q0 - 12):q0]
        at = f" after {context!r}" if context else " at the start"
        if tag == "replace" and len(ours) == len(theirs) == 1:
            differences.append(f"the quote has {visible(ours)} where the document has {visible(theirs)}{at}")
        elif tag == "delete":
            differences.append(f"the quote has {_shown(ours)}{at}, which the document does not")
        elif tag == "insert":
            differences.append(f"the document has {_shown(theirs)}{at}, which the quote leaves out")
        else:
            differences.append(f"the quote has {_shown(ours)} where the document has {_shown(theirs)}{at}")
    shown = differences[:limit]
    if len(differences) > limit:
        shown.append(f"and {len(differences) - limit} more")
    return shown


def _shown(text: str) -> str:
    """A character by :func:`visible`; a longer text between « and »."""
    if len(text) == 1:
        return visible(text)
    return f"«{text}»" if text.isprintable() else repr(text)


def quote_hint(quote: str, document: str, other_documents: dict[str, str] | None = None) -> str:
    """What to tell a contributor whose quote is not in ``document`` verbatim:
    the nearest passage (with its line) and the characters that differ; or
    that the quote is in another document (a wrong doc_id); or that nothing
    close was found."""
    for doc_id, text in (other_documents or {}).items():
        if quote in text:
            return f"The quote is in document {doc_id!r}, word for word: is the row's doc_id right?"
    exactly = "copy the words exactly as the file has them (apostrophes, dashes, spaces and typos included)"
    near = nearest_text(quote, document)
    if near is None:
        return f"Nothing in the document comes close: check the row's doc_id, and {exactly}"
    differences = character_differences(quote, near.text)
    return (f"The nearest text is on line {near.line(document)}: {near.text!r}. Differences: "
            + "; ".join(differences) + f". Fix the quote: {exactly}")
