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
| around ("around", "about") | v ± 5% | v ± 10% | v ± 25% |
| estimated ("an estimated") | v ± 10% | v ± 20% | v ± 50% |
| nearly ("nearly", "almost") | [0.95v, v] | [0.9v, v] | [0.75v, v] |
| over ("over", "more than") | [v, 1.5v] | [v, open) | [v, open) |
| hundreds | [200, 500] | [200, 999] | [100, 9,999] |
| thousands | [2,000, 5,000] | [2,000, 9,999] | [1,000, 99,999] |
| tens_of_thousands | [20,000, 50,000] | [20,000, 99,999] | [10,000, 999,999] |
| many, most_of (no number) | unquantified | unquantified | unquantified |

Plural round words ("thousands") start at two of the unit in the narrow and
central readings, because one thousand would be written "a thousand". The
central reading stops a plural round word below ten of its unit ("thousands"
at 9,999); in everyday English it can run on further ("thousands were
imprisoned" of some 26,000 people), so the wide reading lets it reach just
below a hundred of its unit ("thousands": 1,000 to 99,999). A conclusion that
holds under the central reading but not the wide one rests on how the round
word is read.
Bounds are rounded to whole people (or tanks).
"""

from __future__ import annotations

from typing import Literal

Reading = Literal["narrow", "central", "wide"]
READINGS: tuple[Reading, ...] = ("narrow", "central", "wide")
Interval = tuple[int | None, int | None]

# Relative half-widths for qualifiers that scale a stated number.
SYMMETRIC: dict[str, dict[Reading, float]] = {
    "exact": {"narrow": 0.0, "central": 0.0, "wide": 0.0},
    "around": {"narrow": 0.05, "central": 0.10, "wide": 0.25},
    "estimated": {"narrow": 0.10, "central": 0.20, "wide": 0.50},
}
NEARLY: dict[Reading, float] = {"narrow": 0.95, "central": 0.90, "wide": 0.75}
OVER_CAP: dict[Reading, float | None] = {"narrow": 1.5, "central": None, "wide": None}
# Qualifiers that are themselves the number: fixed ranges.
WORD_RANGES: dict[str, dict[Reading, tuple[int, int]]] = {
    "hundreds": {"narrow": (200, 500), "central": (200, 999), "wide": (100, 9_999)},
    "thousands": {"narrow": (2_000, 5_000), "central": (2_000, 9_999), "wide": (1_000, 99_999)},
    "tens_of_thousands": {"narrow": (20_000, 50_000), "central": (20_000, 99_999), "wide": (10_000, 999_999)},
}
UNQUANTIFIED = ("many", "most_of")
QUALIFIER_KEYS: tuple[str, ...] = (*SYMMETRIC, "nearly", "over", *WORD_RANGES, *UNQUANTIFIED)


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
    if qualifier_key == "nearly":
        return round(value * NEARLY[reading]), value
    cap = OVER_CAP[reading]
    return value, (round(value * cap) if cap is not None else None)
