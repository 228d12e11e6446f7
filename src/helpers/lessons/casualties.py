"""Casualty, refugee and repression counts: intervals, the yardstick, conflicts, charts.

Works on the ``estimates`` table (every count a document gives, with its
interval from the qualifier convention of :mod:`helpers.evidence.estimates`) and on the
yardstick table ``data/reference/scholarly_estimates.csv``
(:func:`load_scholarly_estimates`): figures from outside the documents, each
with its excerpt, source, grade and kind of source.

**The yardstick.** A lesson measures the documents against the rows that
:func:`yardstick` selects by one rule: figures graded A or B in
``reference_facts.md``, plus any figure the reference notes recommend (the
``recommendation`` column quotes the recommendation). Each is labelled by the
kind of source it is (:func:`source_label`), never simply "research".

**Comparisons.** Two counts are compared only when they count the same thing
(``measure``) of the same people (``counted``). The scope comes from
``place``: a count for Budapest alone is a part of a count for all Hungary,
and a document that names no place (``unspecified``) is read as speaking of
the whole country. A Budapest-only count *fits* an all-Hungary figure when it
does not exceed it.

Every function keeps each document's estimate apart and labelled; the words
a class reads (document names, what is counted, intervals) are made here, so
that the lesson shows them through :mod:`helpers.display.claims` unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.evidence.errors import TableError
from helpers.evidence.estimates import READINGS, Reading, interval_from_qualifier
from helpers.paths import DATAPACKAGE
from helpers.evidence.tables import load_table, read_datapackage, resource_descriptor

Interval = tuple[int, int | None]  # (low, high); high None = no upper bound
Row = Mapping[str, Any]  # one table row as a plain dict (see _records)

# Scope of each place: Budapest is a part of the country; a place not stated
# is read as the whole country; "abroad" is where refugees and deportees went.
SCOPE_OF_PLACE: dict[str, str] = {
    "budapest": "Budapest only",
    "hungary": "all Hungary",
    "unspecified": "all Hungary",
    "abroad": "abroad",
}
PART, WHOLE = "Budapest only", "all Hungary"
PLACE_LABELS: dict[str, str] = {
    "budapest": "Budapest",
    "hungary": "Hungary",
    "unspecified": "place not stated",
    "abroad": "abroad",
}
# Who is counted, in words (a value not listed is shown with spaces for underscores).
COUNTED_WORDS: dict[str, str] = {
    "hungarians": "Hungarians",
    "soviet_soldiers": "Soviet soldiers",
    "soviet_forces": "Soviet forces",
    "people": "people",
    "regime_opponents": "opponents of the regime",
    "best_educated_hungarians": "best-educated Hungarians",
}
# What is counted, as a phrase around who is counted.
MEASURE_PHRASES: dict[str, str] = {
    "dead": "{who} who died",
    "wounded": "{who} wounded",
    "imprisoned": "{who} imprisoned",
    "arrested": "{who} arrested",
    "executed": "{who} executed",
    "deported": "{who} deported",
    "refugees": "{who} who fled",
    "troops": "soldiers ({who})",
    "tanks": "tanks ({who})",
    "repression_victims": "victims of repression ({who})",
    "participants": "{who} taking part",
}
# A chart panel's title per measure.
MEASURE_TITLES: dict[str, str] = {
    "dead": "Died",
    "wounded": "Wounded",
    "imprisoned": "Imprisoned",
    "arrested": "Arrested",
    "executed": "Executed",
    "deported": "Deported",
    "refugees": "Fled abroad (refugees)",
    "troops": "Soldiers",
    "tanks": "Tanks",
    "repression_victims": "Victims of repression",
    "participants": "Taking part",
}
QUALIFIER_WORDS: dict[str, str] = {
    "exact": "a bare number",
    "over": "over, more than",
    "around": "around, about",
    "estimated": "an estimated",
    "nearly": "nearly, almost",
    "hundreds": "hundreds",
    "thousands": "thousands",
    "tens_of_thousands": "tens of thousands",
    "many": "many, numerous (no number)",
    "most_of": "most of them (no number)",
}
# The kind of work a yardstick row cites, and who made the count it reports.
SOURCE_KIND_WORDS: dict[str, str] = {
    "encyclopedia": "encyclopedia",
    "refugee_agency": "UN refugee agency",
    "research_article": "research article on the archives",
    "historians_book": "historian's book",
    "press": "newspaper",
    "website": "website",
}
SOURCE_KIND_VIA: dict[str, str] = {
    "encyclopedia": "an encyclopedia",
    "refugee_agency": "the refugee agency",
    "research_article": "a research article",
    "historians_book": "a historian's book",
    "press": "the press",
    "website": "a website",
}
COUNTED_BY_WORDS: dict[str, str] = {
    "soviet_archives": "Soviet archives",
    "un_special_committee": "UN Special Committee",
    "statistical_office": "Hungarian statistical office",
}
# The selection rule of the yardstick.
YARDSTICK_GRADES: tuple[str, ...] = ("A", "B")
RECOMMENDED = "recommended by the reference notes"
YARDSTICK = "yardstick"
NO_NUMBER = "no number"


def _optional(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _name(doc_id: str) -> str:
    """A document's readable name (:func:`helpers.display.document_name`)."""
    from helpers.display.claims import document_name

    return document_name(doc_id)


def who(counted: str) -> str:
    """Who is counted, in words: ``soviet_soldiers`` -> "Soviet soldiers"."""
    return COUNTED_WORDS.get(counted, counted.replace("_", " "))


def count_phrase(measure: str, counted: str) -> str:
    """What is counted, in words: ("dead", "hungarians") -> "Hungarians who died"."""
    phrase = MEASURE_PHRASES.get(measure, measure.replace("_", " ") + " ({who})").format(who=who(counted))
    return phrase[:1].upper() + phrase[1:]


def place_words(place: str) -> str:
    return PLACE_LABELS.get(place, place)


def source_label(source_kind: str, counted_by: object = None) -> str:
    """The kind of source a yardstick figure is, in words: "UN refugee
    agency"; "UN Special Committee, via an encyclopedia" when the work
    reports someone else's count."""
    by = _text(counted_by)
    if by:
        return f"{COUNTED_BY_WORDS.get(by, by.replace('_', ' '))}, via {SOURCE_KIND_VIA.get(source_kind, source_kind)}"
    kind = SOURCE_KIND_WORDS.get(source_kind, source_kind.replace("_", " "))
    return kind[:1].upper() + kind[1:]


# --------------------------------------------------------------------------
# The yardstick table
# --------------------------------------------------------------------------


def estimates_vocabulary(field: str) -> tuple[str, ...]:
    """The allowed values of a field of the ``estimates`` table, from the data package."""
    for spec in resource_descriptor("estimates")["schema"]["fields"]:
        if spec["name"] == field:
            return tuple(spec.get("constraints", {}).get("enum", ()))
    raise KeyError(f"estimates has no field {field!r}")


def _facts_text(datapackage: Path = DATAPACKAGE) -> str:
    resource = resource_descriptor("scholarly_estimates", read_datapackage(datapackage))
    return (datapackage.parent / resource["x-excerptFrom"]["path"]).read_text(encoding="utf-8")


def check_scholarly_estimates(reference: pd.DataFrame, label: str = "data/reference/scholarly_estimates.csv",
                              facts: str | None = None) -> pd.DataFrame:
    """The rules of the yardstick table that Table Schema cannot state:
    ``high`` only together with ``low``; every row gives ``value`` or
    ``low``; a ``recommendation`` occurs verbatim in the reference notes
    (``facts``, the text of ``reference_facts.md``; read from the project's
    data when not given). Returns the table unchanged, or raises
    :class:`helpers.evidence.errors.TableError` naming file, row and column."""
    for row, (value, low, high) in enumerate(reference[["value", "low", "high"]].itertuples(index=False), start=1):
        if pd.isna(low) and not pd.isna(high):
            raise TableError(label, row, "low", "high is set but low is empty: a range needs both ends")
        if pd.isna(value) and pd.isna(low):
            raise TableError(label, row, "value", "neither value nor low is set: the row gives no figure")
    if "recommendation" in reference.columns:
        facts = _facts_text() if facts is None else facts
        for row, recommendation in enumerate(reference["recommendation"], start=1):
            if _text(recommendation) and _text(recommendation) not in facts:
                raise TableError(label, row, "recommendation", "not found verbatim in the reference notes")
    return reference


def load_scholarly_estimates(datapackage: Path = DATAPACKAGE) -> pd.DataFrame:
    """The yardstick table, validated against the data package (types,
    vocabularies, URLs, grades, ``low <= high``, figures found in their
    excerpts, excerpts found verbatim in ``reference_facts.md``) and by
    :func:`check_scholarly_estimates`. A notebook that already holds the
    validated tables applies only the latter."""
    reference = load_table("scholarly_estimates", datapackage=datapackage)
    label = f"data/{resource_descriptor('scholarly_estimates', read_datapackage(datapackage))['path']}"
    return check_scholarly_estimates(reference, label, _facts_text(datapackage))


def selection_reason(reference: pd.DataFrame, grades: Sequence[str] = YARDSTICK_GRADES) -> pd.Series:
    """Why each row belongs to the yardstick: "graded A", "graded B", or
    "recommended by the reference notes" (a recommendation beats the grade
    only when the grade alone would leave the row out); "" for a row the
    rule leaves out."""
    reasons = []
    for grade, recommendation in zip(reference["grade"], reference.get("recommendation", [None] * len(reference))):
        if grade in grades:
            reasons.append(f"graded {grade}")
        elif _text(recommendation):
            reasons.append(RECOMMENDED)
        else:
            reasons.append("")
    return pd.Series(reasons, index=reference.index, name="why_chosen", dtype="object")


def yardstick(reference: pd.DataFrame, grades: Sequence[str] = YARDSTICK_GRADES) -> pd.DataFrame:
    """The rows of the yardstick table that the selection rule keeps, with
    ``why_chosen`` (:func:`selection_reason`) and ``source`` (the kind of
    source in words, :func:`source_label`)."""
    out = reference.copy()
    out["why_chosen"] = selection_reason(reference, grades)
    out["source"] = [source_label(kind, by) for kind, by in zip(out["source_kind"], out["counted_by"])]
    return out[out["why_chosen"] != ""].reset_index(drop=True)


def reference_interval(value: int | None, low: int | None, high: int | None) -> Interval:
    """The interval a reference row allows: its range, its open 'more than'
    bound, or its single figure."""
    if low is not None:
        return int(low), (None if high is None else int(high))
    if value is None:
        raise ValueError("a reference row needs a value or a low bound")
    return int(value), int(value)


def reference_with_scope(reference: pd.DataFrame) -> pd.DataFrame:
    """The reference rows with their scope and interval (``ref_low``/``ref_high``)."""
    out = reference.copy()
    out["scope"] = out["place"].map(lambda place: SCOPE_OF_PLACE.get(place, place))
    bounds = [reference_interval(_optional(v), _optional(lo), _optional(hi))
              for v, lo, hi in zip(reference["value"], reference["low"], reference["high"])]
    out["ref_low"] = pd.array([lo for lo, _ in bounds], dtype="Int64")
    out["ref_high"] = pd.array([hi for _, hi in bounds], dtype="Int64")
    return out


def yardstick_table(chosen: pd.DataFrame) -> pd.DataFrame:
    """The yardstick as a class reads it: what is counted, where, the figure
    as published, the kind of source, its grade (A, B or C, as
    ``reference_facts.md`` grades the source), why it was chosen, the
    excerpt and the curator's note; in the order of the measures' vocabulary."""
    rows = [{
        "count": count_phrase(row["measure"], row["counted"]), "where": place_words(row["place"]),
        "figure": row["figure_as_published"], "source": row["source"],
        "grade": row["grade"], "why_chosen": row["why_chosen"],
        "excerpt": row["excerpt"], "note": _text(row["note"]), "measure": row["measure"],
    } for row in _records(chosen)]
    return pd.DataFrame(_in_measure_order(rows, []),
                        columns=["count", "where", "figure", "source", "grade", "why_chosen", "excerpt", "note"])


def sources_table(reference: pd.DataFrame) -> pd.DataFrame:
    """Each cited source once (in order of first citation): its title, kind,
    grade, address, and the figures that cite it."""
    rows = []
    for (url, title, grade, kind), group in reference.groupby(["source_url", "source_title", "grade", "source_kind"],
                                                               sort=False):
        rows.append({"source_title": title, "kind": SOURCE_KIND_WORDS.get(kind, kind), "grade": grade,
                     "source_url": url, "figures": ", ".join(group["figure_as_published"])})
    return pd.DataFrame(rows, columns=["source_title", "kind", "grade", "source_url", "figures"])


# --------------------------------------------------------------------------
# Intervals, one per document estimate
# --------------------------------------------------------------------------


# The tables here have tens of rows, so the time goes into pandas' per-call
# overhead, not into the data: the functions below loop over rows as plain
# dicts and group them in dicts.

def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as plain dicts, column name -> value (a missing
    number is ``pd.NA``, as in the frame)."""
    columns = list(frame.columns)
    return [dict(zip(columns, values)) for values in zip(*(frame[column].tolist() for column in columns))]


def _quantified(intervals: pd.DataFrame) -> list[dict[str, Any]]:
    """The estimates of ``intervals`` that have a number, as plain dicts, in table order."""
    return [row for row in _records(intervals) if row["quantified"]]


def _grouped(rows: Iterable[Row], keys: Sequence[str]) -> dict[tuple, list[Row]]:
    """Rows grouped by the values of ``keys``, groups in order of first
    appearance and rows in their order."""
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        groups.setdefault(tuple(row[key] for key in keys), []).append(row)
    return groups


def _in_measure_order(rows: list[dict[str, Any]], by: Sequence[str]) -> list[dict[str, Any]]:
    """Rows sorted by measure in the vocabulary's order, then ``by`` (a stable sort)."""
    order = {measure: position for position, measure in enumerate(estimates_vocabulary("measure"))}
    return sorted(rows, key=lambda row: (order.get(row["measure"], len(order)), *(row[column] for column in by)))


def document_intervals(estimates: pd.DataFrame, reading: Reading = "central") -> pd.DataFrame:
    """Every estimate with its interval under ``reading`` (narrow, central,
    wide) and its scope; ``quantified`` is False when the words give no
    number ("many"), ``open_high`` when the interval has no upper bound."""
    bounds = [interval_from_qualifier(key, _optional(value), reading)
              for key, value in zip(estimates["qualifier_key"], estimates["value"])]
    out = estimates[["claim_id", "doc_id", "span", "measure", "counted", "place", "number_text",
                     "qualifier_text", "qualifier_key", "value", "quote", "note"]].copy()
    out["scope"] = out["place"].map(lambda place: SCOPE_OF_PLACE.get(place, place))
    out["low"] = pd.array([low for low, _ in bounds], dtype="Int64")
    out["high"] = pd.array([high for _, high in bounds], dtype="Int64")
    out["quantified"] = out["low"].notna().to_numpy()
    out["open_high"] = (out["quantified"] & out["high"].isna()).to_numpy()
    out["reading"] = reading
    return out.reset_index(drop=True)


def stored_interval_mismatches(estimates: pd.DataFrame) -> list[str]:
    """claim_ids whose stored low/high differ from the central reading of
    their qualifier (should be none)."""
    central = document_intervals(estimates, "central")
    differs = (central["low"].astype("object").fillna(-1).to_numpy() != estimates["low"].astype("object").fillna(-1).to_numpy()) | (
        central["high"].astype("object").fillna(-1).to_numpy() != estimates["high"].astype("object").fillna(-1).to_numpy())
    return central.loc[differs, "claim_id"].tolist()


def format_count(number: int | None) -> str:
    """12345 -> '12,345'; None -> '∞' (used for an open upper bound)."""
    return "∞" if number is None else f"{int(number):,}"


def format_interval(low: int | None, high: int | None) -> str:
    """An interval in words: '2,700 to 3,300', 'at least 2,000, no upper
    bound', '13,000', or 'no number'."""
    if low is None:
        return NO_NUMBER
    if high is None:
        return f"at least {format_count(low)}, no upper bound"
    if low == high:
        return format_count(low)
    return f"{format_count(low)} to {format_count(high)}"


def intersection(intervals: Iterable[Interval]) -> Interval | None:
    """The range every interval allows, or None when they do not all overlap.
    An upper bound of None is open (no upper bound)."""
    items = list(intervals)
    if not items:
        raise ValueError("the intersection of no intervals is undefined")
    low = max(item[0] for item in items)
    finite = [item[1] for item in items if item[1] is not None]
    high = min(finite) if finite else None
    if high is not None and low > high:
        return None
    return low, high


def overlaps(first: Interval, second: Interval) -> bool:
    """Whether two intervals share at least one value."""
    return intersection([first, second]) is not None


def _interval(row: Row) -> Interval:
    return int(row["low"]), _optional(row["high"])


def _row_interval(row: Row) -> str:
    return format_interval(_optional(row["low"]), _optional(row["high"]))


def _words(number_text: object, qualifier_text: object) -> str:
    """The estimate's words as written: the qualifier is usually part of the number text."""
    number = _text(number_text)
    qualifier = _text(qualifier_text)
    if not qualifier or qualifier in number:
        return number
    return f"{qualifier} {number}"


ESTIMATE_WORDS = ["count", "where", "words", "read_as", "count_where", "reading"]


def _estimate_words(row: Row) -> dict[str, str]:
    """One estimate in words: what is counted ("Hungarians who died"), where,
    the number as written, the interval it is read as; ``count_where`` and
    ``reading`` join them ("Hungarians who died, Budapest"; "“over 2000”:
    at least 2,000, no upper bound")."""
    count, where = count_phrase(row["measure"], row["counted"]), place_words(row["place"])
    words, read_as = _words(row["number_text"], row["qualifier_text"]), _row_interval(row)
    return {"count": count, "where": where, "words": words, "read_as": read_as,
            "count_where": f"{count}, {where}", "reading": f"“{words}”: {read_as}"}


def claims_table(intervals: pd.DataFrame, measures: Iterable[str] | None = None,
                 counted: Iterable[str] | None = None) -> pd.DataFrame:
    """The documents' counts as a class reads them (of the given measures and
    people, or all): document, the words of :func:`_estimate_words` (what
    is counted, where, the number as written, the interval it is read as,
    and two columns joining them) and the quote; in the order of the
    measures' vocabulary, then of the table."""
    wanted_measures = None if measures is None else set(measures)
    wanted_counted = None if counted is None else set(counted)
    rows = []
    for position, row in enumerate(_records(intervals)):
        if wanted_measures is not None and row["measure"] not in wanted_measures:
            continue
        if wanted_counted is not None and row["counted"] not in wanted_counted:
            continue
        rows.append({"doc_id": row["doc_id"], **_estimate_words(row), "quote": row["quote"], "measure": row["measure"],
                     "position": position})
    return pd.DataFrame(_in_measure_order(rows, ["position"]), columns=["doc_id", *ESTIMATE_WORDS, "quote"])


def convention_table(estimates: pd.DataFrame, readings: Sequence[Reading] = READINGS) -> pd.DataFrame:
    """For each qualifier the documents use (in the vocabulary's order): the
    qualifier in words, one example of its words and the document it comes
    from, and the interval those words give under each reading."""
    order = {key: position for position, key in enumerate(estimates_vocabulary("qualifier_key"))}
    rows = []
    for key in sorted(set(estimates["qualifier_key"]), key=lambda k: order.get(k, len(order))):
        example = estimates[estimates["qualifier_key"] == key].iloc[0]
        value = _optional(example["value"])
        rows.append({
            "qualifier": QUALIFIER_WORDS.get(key, key.replace("_", " ")),
            "example": _words(example["number_text"], example["qualifier_text"]),
            "doc_id": example["doc_id"],
            **{reading: format_interval(*interval_from_qualifier(key, value, reading)) for reading in readings},
        })
    return pd.DataFrame(rows, columns=["qualifier", "example", "doc_id", *readings])


# --------------------------------------------------------------------------
# Agreement and conflicts among the documents
# --------------------------------------------------------------------------


AGREEMENT_COLUMNS = ["measure", "counted", "scope", "count", "doc_ids", "n_documents", "intervals", "agree", "joint"]


def _agreement_rows(intervals: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of :func:`agreement_table`, as dicts."""
    rows = []
    for (measure, counted, scope), group in _grouped(_quantified(intervals), ["measure", "counted", "scope"]).items():
        joint = intersection(_interval(row) for row in group)
        documents = list(dict.fromkeys(row["doc_id"] for row in group))
        rows.append({
            "measure": measure, "counted": counted, "scope": scope, "count": count_phrase(measure, counted),
            "doc_ids": documents,
            "n_documents": len(documents),
            "intervals": "; ".join(f"{_name(row['doc_id'])}: {_row_interval(row)}" for row in group),
            "agree": joint is not None,
            "joint": format_interval(*joint) if joint else "none: they conflict",
        })
    return _in_measure_order(rows, ["counted", "scope"])


def agreement_table(intervals: pd.DataFrame) -> pd.DataFrame:
    """Per measure, counted and scope: the documents with a number (their
    ids in ``doc_ids``, their intervals in words), and the range they all
    allow (``joint``; 'none: they conflict' when their intervals do not all
    overlap)."""
    return pd.DataFrame(_agreement_rows(intervals), columns=AGREEMENT_COLUMNS)


def shared_figures(estimates: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """claim_id -> every measure that the same words of the same quote count,
    for estimates whose one figure covers several measures at once
    ("tens of thousands ... arrested, imprisoned, and deported")."""
    order = {measure: position for position, measure in enumerate(estimates_vocabulary("measure"))}
    quantified = estimates[estimates["low"].notna()]
    shared: dict[str, tuple[str, ...]] = {}
    for _, group in quantified.groupby(["doc_id", "quote", "number_text"], sort=False):
        measures = tuple(sorted(set(group["measure"]), key=lambda m: order.get(m, len(order))))
        if len(measures) > 1:
            for claim_id in group["claim_id"]:
                shared[claim_id] = measures
    return dict(sorted(shared.items()))


CONFLICT_COLUMNS = ["measure", "counted", "first", "second", "first_claim", "second_claim", "kind", "reason"]


def conflicts(intervals: pd.DataFrame, shared: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Every pair of estimates of the same measure and counted whose
    intervals do not fit together (``first_claim``/``second_claim`` their
    claim ids, ``first``/``second`` their document and interval in words),
    with the kind of reason:

    - ``different place scope``: a Budapest-only count below an all-Hungary
      count; a part may be smaller than the whole, so this is no contradiction;
    - ``error``: a Budapest-only count above an all-Hungary count (a part
      cannot exceed the whole), or two counts of the same scope that do not
      overlap although neither counts several measures at once;
    - ``definition``: same scope, but one figure counts several measures
      together (``shared``, from :func:`shared_figures`).
    """
    rows = []
    for (measure, counted), group in _grouped(_quantified(intervals), ["measure", "counted"]).items():
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                kind, reason = _classify(first, second, shared)
                if kind is None:
                    continue
                rows.append({"measure": measure, "counted": counted, "first": _describe(first),
                             "second": _describe(second), "first_claim": first["claim_id"],
                             "second_claim": second["claim_id"], "kind": kind, "reason": reason})
    return pd.DataFrame(_in_measure_order(rows, ["counted"]), columns=CONFLICT_COLUMNS)


def _describe(row: Row) -> str:
    return f"{_name(row['doc_id'])} ({place_words(row['place'])}): {_row_interval(row)}"


def _classify(first: Row, second: Row, shared: dict[str, tuple[str, ...]]) -> tuple[str | None, str]:
    """(kind, reason) for a pair that does not fit together; (None, '') otherwise."""
    a, b = _interval(first), _interval(second)
    if first["scope"] == second["scope"]:
        if overlaps(a, b):
            return None, ""
        for row in (first, second):
            if row["claim_id"] in shared:
                together = ", ".join(shared[row["claim_id"]])
                return "definition", f"the {_name(row['doc_id'])} gives one figure for {together} together"
        return "error", "the same thing counted over the same place, yet no overlap: at least one is wrong (or the words are read too narrowly)"
    scopes = {first["scope"]: first, second["scope"]: second}
    if set(scopes) != {PART, WHOLE}:
        return None, ""  # e.g. abroad against all Hungary: not comparable
    part, whole = scopes[PART], scopes[WHOLE]
    part_low, part_high = _interval(part)
    whole_low, whole_high = _interval(whole)
    if whole_high is not None and part_low > whole_high:
        return "error", f"the Budapest count of the {_name(part['doc_id'])} exceeds the all-Hungary count of the {_name(whole['doc_id'])}"
    if part_high is not None and part_high < whole_low:
        return ("different place scope", f"the {_name(part['doc_id'])} counts Budapest only, the "
                f"{_name(whole['doc_id'])} all Hungary: a part may be smaller than the whole")
    return None, ""


def part_whole_compatible(intervals: pd.DataFrame) -> dict[tuple[str, str], bool]:
    """(measure, counted) -> whether every Budapest-only count is at most the
    all-Hungary counts allow; only where both scopes have a number."""
    out: dict[tuple[str, str], bool] = {}
    for (measure, counted), group in sorted(_grouped(_quantified(intervals), ["measure", "counted"]).items()):
        parts = [row for row in group if row["scope"] == PART]
        wholes = [row for row in group if row["scope"] == WHOLE]
        if not parts or not wholes:
            continue
        out[(measure, counted)] = all(
            _optional(whole["high"]) is None or int(part["low"]) <= int(whole["high"])
            for part in parts for whole in wholes
        )
    return out


# --------------------------------------------------------------------------
# The documents against the yardstick
# --------------------------------------------------------------------------


PAIR_COLUMNS = ["claim_id", "doc_id", "measure", "counted", "scope", "ref_id", "ref_scope", "figure", "source",
                "relation", "fits"]


def yardstick_pairs(intervals: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Every (document estimate with a number, yardstick figure) pair that
    can be compared: same measure and people, and the same scope
    (``relation`` 'same place') or a Budapest-only estimate against an
    all-Hungary figure ('part of the whole'). ``fits``: the intervals
    overlap (same place), or the Budapest count does not exceed the
    figure for the whole country (part of the whole)."""
    figures = _grouped(_records(reference_with_scope(chosen)), ["measure", "counted"])
    rows = []
    for row in _quantified(intervals):
        low, high = _interval(row)
        for ref in figures.get((row["measure"], row["counted"]), []):
            research = (int(ref["ref_low"]), _optional(ref["ref_high"]))
            if ref["scope"] == row["scope"]:
                relation, fits = "same place", overlaps((low, high), research)
            elif row["scope"] == PART and ref["scope"] == WHOLE:
                relation, fits = "part of the whole", research[1] is None or low <= research[1]
            else:
                continue
            rows.append({"claim_id": row["claim_id"], "doc_id": row["doc_id"], "measure": row["measure"],
                         "counted": row["counted"], "scope": row["scope"], "ref_id": ref["ref_id"],
                         "ref_scope": ref["scope"], "figure": ref["figure_as_published"],
                         "source": ref.get("source") or source_label(ref["source_kind"], ref["counted_by"]),
                         "relation": relation, "fits": bool(fits)})
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _figure_list(pairs: list[Row]) -> str:
    return "; ".join(f"{pair['figure']} ({pair['source']}"
                     + (", all Hungary" if pair["relation"] == "part of the whole" else "") + ")" for pair in pairs)


def scorecard(intervals: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Every document estimate against the yardstick, one row each: the
    estimate in words (:func:`_estimate_words`), a verdict in words, the
    yardstick figures it fits and misses, how many it was compared with and
    whether it gives a number at all. A Budapest-only count is set
    against the all-Hungary figures (it fits when it does not exceed them)."""
    pairs = _grouped(_records(yardstick_pairs(intervals, chosen)), ["claim_id"])
    by_people = _grouped(_records(reference_with_scope(chosen)), ["measure", "scope"])
    rows = []
    for position, row in enumerate(_records(intervals)):
        mine = pairs.get((row["claim_id"],), [])
        fits = [pair for pair in mine if pair["fits"]]
        misses = [pair for pair in mine if not pair["fits"]]
        if not row["quantified"]:
            verdict = "no number to compare"
        elif not mine:
            others = sorted({who(ref["counted"]) for ref in by_people.get((row["measure"], row["scope"]), [])})
            verdict = (f"no yardstick figure: the yardstick counts {' and '.join(others)}, this document {who(row['counted'])}"
                       if others else "no yardstick figure for this count")
        elif not misses:
            verdict = f"fits all {len(mine)}" if len(mine) > 1 else "fits the one figure"
        elif not fits:
            verdict = f"misses all {len(mine)}" if len(mine) > 1 else "misses the one figure"
        else:
            verdict = f"fits {len(fits)} of {len(mine)}"
        rows.append({"doc_id": row["doc_id"], **_estimate_words(row), "verdict": verdict, "fits": _figure_list(fits),
                     "misses": _figure_list(misses), "measure": row["measure"], "counted": row["counted"],
                     "position": position, "claim_id": row["claim_id"], "compared": len(mine),
                     "quantified": bool(row["quantified"])})
    return pd.DataFrame(_in_measure_order(rows, ["position"]),
                        columns=["doc_id", *ESTIMATE_WORDS, "verdict", "fits", "misses", "claim_id", "measure",
                                 "counted", "compared", "quantified"])


def research_agreement(intervals: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """For each yardstick figure: the documents whose estimate fits it
    (``agree``) and those whose estimate misses it (``disagree``), as lists
    of doc ids, by :func:`yardstick_pairs`; figures no document can be
    compared with are kept, with both lists empty."""
    pairs = _grouped(_records(yardstick_pairs(intervals, chosen)), ["ref_id"])
    rows = []
    for ref in _records(chosen):
        mine = pairs.get((ref["ref_id"],), [])
        rows.append({"ref_id": ref["ref_id"], "measure": ref["measure"], "counted": ref["counted"],
                     "figure": ref["figure_as_published"],
                     "agree": list(dict.fromkeys(pair["doc_id"] for pair in mine if pair["fits"])),
                     "disagree": list(dict.fromkeys(pair["doc_id"] for pair in mine if not pair["fits"])),
                     "n_compared": len(mine)})
    return pd.DataFrame(rows, columns=["ref_id", "measure", "counted", "figure", "agree", "disagree", "n_compared"])


SIDES_COLUMNS = ["conflict", "source", "text", "read_as", "how"]


def conflict_sides(intervals: pd.DataFrame, chosen: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """Every conflict with both texts, one row per side: the conflicts among
    the documents (``found``, from :func:`conflicts`) first, then every
    document estimate that misses a yardstick figure. Columns: the conflict
    (number and what is counted), who says it (a document or a kind of
    source), their words (a document's quote or a source's excerpt), how
    they are read, and how the two differ (on the first row of a pair)."""
    by_claim = {row["claim_id"]: row for row in _records(intervals)}
    by_ref = {row["ref_id"]: row for row in _records(reference_with_scope(chosen))}
    rows: list[dict[str, str]] = []

    def add(number: int, count: str, sides: list[tuple[str, str, str]], how: str) -> None:
        for position, (source, text, read_as) in enumerate(sides):
            rows.append({"conflict": f"{number}. {count}" if position == 0 else "", "source": source,
                         "text": text, "read_as": read_as, "how": how if position == 0 else ""})

    number = 0
    for conflict in _records(found):
        number += 1
        first, second = by_claim[conflict["first_claim"]], by_claim[conflict["second_claim"]]
        sides = [(_name(row["doc_id"]), row["quote"], _row_interval(row)) for row in (first, second)]
        add(number, count_phrase(conflict["measure"], conflict["counted"]), sides,
            f"Two documents ({conflict['kind']}): {conflict['reason']}.")
    for pair in _records(yardstick_pairs(intervals, chosen)):
        if pair["fits"]:
            continue
        number += 1
        row, ref = by_claim[pair["claim_id"]], by_ref[pair["ref_id"]]
        research = (int(ref["ref_low"]), _optional(ref["ref_high"]))
        low, high = _interval(row)
        side = "below" if research[1] is not None and research[1] < low else "above"
        how = (f"Document against the yardstick: the document's words allow {format_interval(low, high)}; "
               f"the yardstick figure ({pair['source']}) is {ref['figure_as_published']}, {side} that range.")
        sides = [(_name(row["doc_id"]), row["quote"], format_interval(low, high)),
                 (f"◆ {pair['source']} (grade {ref['grade']})", ref["excerpt"], format_interval(*research))]
        add(number, count_phrase(row["measure"], row["counted"]), sides, how)
    return pd.DataFrame(rows, columns=SIDES_COLUMNS)


def yardstick_spread(chosen: pd.DataFrame) -> pd.DataFrame:
    """Where the yardstick itself holds more than one figure for the same
    count and place: the figures with their kinds of source, and the lowest
    and highest number they allow (an open bound shown as such)."""
    rows = []
    for (measure, counted, scope), group in _grouped(_records(reference_with_scope(chosen)),
                                                     ["measure", "counted", "scope"]).items():
        if len(group) < 2:
            continue
        lows = [int(ref["ref_low"]) for ref in group]
        highs = [_optional(ref["ref_high"]) for ref in group]
        top = None if any(high is None for high in highs) else max(highs)
        rows.append({"measure": measure, "count": count_phrase(measure, counted), "where": scope,
                     "figures": "; ".join(f"{ref['figure_as_published']} ({ref['source']})" for ref in group),
                     "lowest": f"{min(lows):,}", "highest": "no upper bound" if top is None else f"{top:,}",
                     "n_figures": len(group)})
    return pd.DataFrame(_in_measure_order(rows, []),
                        columns=["count", "where", "figures", "lowest", "highest", "n_figures"])


def same_figure_other_scope(intervals: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Document estimates whose number equals a yardstick figure for the same
    measure and counted but another scope (e.g. a count read as Budapest
    only that equals a figure for all Hungary): a hint that the place may
    have been read too narrowly, or the figure copied."""
    scoped = reference_with_scope(reference)
    quantified = intervals[intervals["quantified"] & intervals["value"].notna()]
    merged = quantified.merge(scoped[["ref_id", "measure", "counted", "scope", "value", "place", "figure_as_published",
                                      "source_kind", "counted_by"]],
                              on=["measure", "counted", "value"], suffixes=("", "_ref"))
    merged = merged[merged["scope"] != merged["scope_ref"]]
    out = merged.assign(
        count=[count_phrase(m, c) for m, c in zip(merged["measure"], merged["counted"])],
        where=merged["place"].map(place_words), where_ref=merged["place_ref"].map(place_words),
        source=[source_label(k, b) for k, b in zip(merged["source_kind"], merged["counted_by"])],
    )
    return out[["claim_id", "doc_id", "count", "number_text", "where", "ref_id", "figure_as_published", "source",
                "where_ref", "quote", "note"]].reset_index(drop=True)


# --------------------------------------------------------------------------
# Sensitivity to the reading of vague words
# --------------------------------------------------------------------------


def sensitivity_table(estimates: pd.DataFrame, chosen: pd.DataFrame,
                      readings: Sequence[Reading] = READINGS) -> pd.DataFrame:
    """The lesson's conclusions under each reading of the vague words.

    One row per conclusion (``kind`` 'documents' or 'yardstick', with the
    ``ref_id`` of a yardstick conclusion and its measure, counted, scope),
    one column per reading with the answer in words, and ``flips``: whether
    the answer (yes/no, or the set of documents that fit) changes from one
    reading to another. Conclusions: do the documents' intervals of one
    measure, counted and scope all overlap (groups of two or more
    documents); is a Budapest-only count within the all-Hungary ones; which
    documents fit each yardstick figure (where any document can be compared).
    """
    answers: dict[str, dict[str, str]] = {}
    verdicts: dict[str, dict[str, object]] = {}
    about: dict[str, dict[str, str]] = {}

    def record(question: str, subject: dict[str, str], reading: str, answer: str, verdict: object) -> None:
        about.setdefault(question, subject)
        answers.setdefault(question, {})[reading] = answer
        verdicts.setdefault(question, {})[reading] = verdict

    sources = {ref["ref_id"]: ref.get("source") or source_label(ref["source_kind"], ref["counted_by"])
               for ref in _records(chosen)}
    for reading in readings:
        intervals = document_intervals(estimates, reading)
        for group in _agreement_rows(intervals):
            if group["n_documents"] < 2:
                continue
            names = " and ".join(_name(doc) for doc in group["doc_ids"])
            question = f"{group['count']} ({group['scope']}): do the {names} agree?"
            answer = f"yes: {group['joint']}" if group["agree"] else "no"
            subject = {"kind": "documents", "ref_id": "", "measure": group["measure"], "counted": group["counted"],
                       "scope": group["scope"]}
            record(question, subject, reading, answer, bool(group["agree"]))
        for (measure, counted), ok in part_whole_compatible(intervals).items():
            question = f"{count_phrase(measure, counted)}: is every Budapest count within the all-Hungary counts?"
            subject = {"kind": "documents", "ref_id": "", "measure": measure, "counted": counted, "scope": f"{PART} in {WHOLE}"}
            record(question, subject, reading, "yes" if ok else "no", ok)
        for ref in _records(research_agreement(intervals, chosen)):
            if ref["n_compared"] == 0:
                continue
            source = sources.get(ref["ref_id"], "")
            question = (f"{count_phrase(ref['measure'], ref['counted'])}: which documents fit "
                        f"{ref['figure']} ({source})?")
            subject = {"kind": YARDSTICK, "ref_id": ref["ref_id"], "measure": ref["measure"], "counted": ref["counted"],
                       "scope": ""}
            fitting = tuple(ref["agree"])
            record(question, subject, reading, ", ".join(_name(doc) for doc in fitting) or "none", fitting)
    rows = [{**about[q], "conclusion": q, **answers[q],
             "flips": len({repr(v) for v in verdicts[q].values()}) > 1} for q in answers]
    return pd.DataFrame(rows, columns=["kind", "ref_id", "measure", "counted", "scope", "conclusion", *readings, "flips"])


# --------------------------------------------------------------------------
# The interval chart
# --------------------------------------------------------------------------

CHART_COLUMNS = ["panel", "group", "label", "key", "low", "high", "text", "hover"]


def _wrap_hover(text: str) -> str:
    from helpers.display.claims import wrap_for_hover

    return wrap_for_hover(text)


def chart_rows(intervals: pd.DataFrame, chosen: pd.DataFrame | None = None,
               label_suffix: str | None = None, panel: str = "measure") -> pd.DataFrame:
    """One row per drawn estimate: the document estimates with a number
    (``key`` = doc_id) and, optionally, the yardstick figures (``key`` =
    'yardstick'), each with its panel (the column ``panel``), group (who is
    counted), a two-line label in words (who says it; who is counted and
    where), bounds, the words to write beside it and a hover text (document
    text escaped). ``label_suffix`` names a column of ``intervals`` whose
    value is added to the labels. A label that would repeat within a panel
    gets a running number."""
    rows = []
    for row in _quantified(intervals):
        second = f"{who(row['counted'])}, {place_words(row['place'])}"
        if label_suffix:
            second += f" · {row[label_suffix]}"
        low, high = int(row["low"]), _optional(row["high"])
        words = _words(row["number_text"], row["qualifier_text"])
        rows.append({
            "panel": row[panel], "group": row["counted"], "label": f"{_name(row['doc_id'])}<br>{second}",
            "key": row["doc_id"], "low": low, "high": high, "text": f"“{words}”: {format_interval(low, high)}",
            "hover": _wrap_hover(f"{_name(row['doc_id'])}: “{words}”, read as {format_interval(low, high)}. "
                                 f"The document's words: “{row['quote']}”"),
        })
    if chosen is not None:
        for ref in _records(reference_with_scope(chosen)):
            source = ref.get("source") or source_label(ref["source_kind"], ref["counted_by"])
            low, high = int(ref["ref_low"]), _optional(ref["ref_high"])
            rows.append({
                "panel": ref[panel] if panel in ref else ref["measure"], "group": ref["counted"],
                "label": f"◆ {source}<br>{who(ref['counted'])}, {place_words(ref['place'])}: {ref['figure_as_published']}",
                "key": YARDSTICK, "low": low, "high": high,
                "text": (f"{ref['figure_as_published']}, no upper bound" if high is None else ref["figure_as_published"]),
                "hover": _wrap_hover(f"{source}, grade {ref['grade']}: {ref['figure_as_published']}. "
                                     f"{ref['source_title']}. Excerpt: “{ref['excerpt']}”"),
            })
    totals: dict[tuple[str, str], int] = {}
    for row in rows:
        totals[(row["panel"], row["label"])] = totals.get((row["panel"], row["label"]), 0) + 1
    running: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["panel"], row["label"])
        if totals[key] > 1:
            running[key] = running.get(key, 0) + 1
            row["label"] = f"{row['label']} ({running[key]})"
    frame = pd.DataFrame(rows, columns=CHART_COLUMNS)
    frame["low"] = pd.array(frame["low"].tolist(), dtype="Int64")
    frame["high"] = pd.array(frame["high"].tolist(), dtype="Int64")
    return frame


def panel_top(rows: pd.DataFrame) -> int:
    """The largest real number of a panel: every lower bound and every finite
    upper bound (an open bound adds nothing)."""
    finite = [int(v) for v in rows["low"]] + [int(v) for v in rows["high"].dropna()]
    return max(finite + [1])


ARROW_SHARE = 0.12  # an open bound's arrow, as a share of the panel's largest number
AXIS_ROOM = 1.2  # the axis ends this far beyond the largest number, to leave room for arrows


def _sorted_panel(rows: list[Row], rank: Mapping[str, int]) -> list[Row]:
    """A panel's rows top to bottom: the documents (in colour order, then by
    who is counted), then the yardstick figures."""
    return sorted(rows, key=lambda row: (row["key"] == YARDSTICK, rank.get(row["key"], len(rank)), row["group"]))


def estimate_figure(rows: pd.DataFrame, colors: Mapping[str, str], panels: Sequence[str],
                    panel_titles: Mapping[str, str] | None = None, title: str = "",
                    reference_color: str = "#555555"):
    """A plotly figure for a projector: one panel per entry of ``panels``
    that has rows (others are left out), each with its own **linear** x axis
    from 0 to a little beyond the panel's largest real number, so that an
    open estimate never stretches the scale. One row per estimate (from
    :func:`chart_rows`), labelled in words: the documents first, then the
    yardstick. A range is a bar from low to high, a single figure a marker;
    an estimate with no upper bound is a marker at its lower bound with a
    short arrow and the words "no upper bound". A document's words stand
    beside its mark; a yardstick figure is named in its label (and gets
    words beside it only when it has no upper bound). Documents take their colour
    from ``colors`` (circles); yardstick figures are grey diamonds.

    The marks a reader can hover (and that the text alternative lists) are
    one marker per estimate, at its lower bound or single figure; bars,
    arrows and the words beside them are layout shapes and annotations."""
    import html

    from plotly.subplots import make_subplots

    rank = {key: position for position, key in enumerate(colors)}
    by_panel = _grouped(_records(rows), ["panel"])
    panels = [p for p in panels if (p,) in by_panel]
    if not panels:
        raise ValueError("no rows to draw in the given panels")
    counts = [len(by_panel[(p,)]) for p in panels]
    top_px, bottom_px, row_px, panel_px = 130, 30, 42, 62
    height = top_px + bottom_px + row_px * sum(counts) + panel_px * len(panels)
    spacing = (panel_px - 8) / (height - top_px - bottom_px) if len(panels) > 1 else 0
    figure = make_subplots(rows=len(panels), cols=1, shared_xaxes=False, row_heights=[c + 0.5 for c in counts],
                           subplot_titles=[(panel_titles or {}).get(p, MEASURE_TITLES.get(p, str(p))) for p in panels],
                           vertical_spacing=spacing)
    traces: list[dict[str, Any]] = []
    trace_rows: list[int] = []
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    axes: dict[str, dict[str, Any]] = {}
    in_legend: set[str] = set()
    for position, panel in enumerate(panels, start=1):
        mine = _sorted_panel(by_panel[(panel,)], rank)
        top = panel_top(pd.DataFrame(mine, columns=CHART_COLUMNS))
        arrow, x_end = ARROW_SHARE * top, AXIS_ROOM * top
        subplot = figure.get_subplot(position, 1)
        xname = subplot.xaxis.plotly_name.replace("axis", "")  # 'xaxis2' -> 'x2', as shapes name it
        yname = subplot.yaxis.plotly_name.replace("axis", "")
        labels = [row["label"] for row in mine]
        # A category axis: the first label at the top; shapes and annotations
        # place themselves by a category's serial number in that order.
        at = {label: len(labels) - 1 - index for index, label in enumerate(labels)}
        keys = [k for k in colors if any(row["key"] == k for row in mine)]
        keys += [YARDSTICK] if any(row["key"] == YARDSTICK for row in mine) else []
        for key in keys:
            part = [row for row in mine if row["key"] == key]
            colour = reference_color if key == YARDSTICK else colors[key]
            traces.append(dict(
                type="scatter", x=[int(row["low"]) for row in part], y=[row["label"] for row in part],
                mode="markers", name=("◆ yardstick" if key == YARDSTICK else _name(key)),
                legendgroup=key, showlegend=key not in in_legend,
                legendrank=(len(rank) + 1) if key == YARDSTICK else rank.get(key, len(rank)) + 1,
                hovertext=[row["hover"] for row in part], hoverinfo="text",
                marker={"color": colour, "size": 15 if key == YARDSTICK else 13,
                        "symbol": "diamond" if key == YARDSTICK else "circle", "line": {"color": "white", "width": 1}},
            ))
            trace_rows.append(position)
            in_legend.add(key)
            for row in part:
                y = at[row["label"]]
                low, high = int(row["low"]), _optional(row["high"])
                half = 0.13 if key == YARDSTICK else 0.17
                if high is not None and high > low:
                    shapes.append(dict(type="rect", xref=xname, yref=yname, x0=low, x1=high, y0=y - half, y1=y + half,
                                       fillcolor=colour, opacity=0.45 if key == YARDSTICK else 0.8,
                                       line={"width": 0}, layer="below"))
                right = low + arrow if high is None else high
                if high is None:
                    annotations.append(dict(xref=xname, yref=yname, axref=xname, ayref=yname, x=right, y=y,
                                            ax=low, ay=y, text="", showarrow=True, arrowhead=2, arrowsize=1.2,
                                            arrowwidth=3, arrowcolor=colour))
                if key == YARDSTICK and high is not None:
                    continue  # the label names the figure; only an open bound needs words beside it
                from_right = low > 0.55 * x_end
                annotations.append(dict(
                    xref=xname, yref=yname, x=right if from_right else low, y=y + 0.2, showarrow=False,
                    xanchor="right" if from_right else "left", yanchor="bottom",
                    text=html.escape(str(row["text"]), quote=False), font={"size": 14, "color": "#222222"},
                ))
        axes[subplot.xaxis.plotly_name] = {"type": "linear", "range": [0, x_end], "tickformat": ",d",
                                           "showgrid": True, "gridcolor": "#e5e5e5", "tickfont": {"size": 14},
                                           "nticks": 6, "zeroline": False}
        axes[subplot.yaxis.plotly_name] = {"type": "category", "categoryorder": "array", "categoryarray": labels[::-1],
                                           "range": [-0.5, len(labels) - 0.25], "tickfont": {"size": 14},
                                           "automargin": True, "showgrid": False, "zeroline": False}
    figure.add_traces(traces, rows=trace_rows, cols=[1] * len(traces))
    # The layout is set whole, once: update_layout re-checks every property
    # path several times over.
    layout = figure.layout.to_plotly_json()  # the panels' domains and titles from make_subplots
    layout.pop("template", None)
    for name, settings in axes.items():
        layout[name] = {**layout.get(name, {}), **settings}
    titles = [{**a, "font": {"size": 17}, "xanchor": "left", "x": 0} for a in layout.get("annotations", [])]
    layout.update(
        title={"text": html.escape(title, quote=False), "yref": "container", "y": 1 - 14 / height, "yanchor": "top",
               "font": {"size": 20}},
        height=height, shapes=shapes, annotations=titles + annotations,
        legend={"orientation": "h", "x": 0, "xanchor": "left", "xref": "container", "y": 1 - 48 / height,
                "yanchor": "top", "yref": "container", "title_text": None, "font": {"size": 14}},
        margin={"l": 20, "r": 30, "t": top_px, "b": bottom_px},
        hoverlabel={"font": {"size": 14}, "align": "left"},
    )
    figure.layout = layout
    return figure


def figure_summary(rows: pd.DataFrame, panels: Sequence[str], panel_titles: Mapping[str, str] | None = None) -> str:
    """The text alternative's sentence, computed from the drawn rows: per
    panel (joined by semicolons, in one sentence), the documents' lowest and
    highest bounds and the yardstick's."""
    parts = []
    for panel in panels:
        mine = rows[rows["panel"] == panel]
        if mine.empty:
            continue
        title = (panel_titles or {}).get(panel, MEASURE_TITLES.get(panel, str(panel)))
        pieces = []
        for name, part in (("the documents", mine[mine["key"] != YARDSTICK]),
                           ("the yardstick figures", mine[mine["key"] == YARDSTICK])):
            if part.empty:
                pieces.append(f"{name} give no number")
                continue
            low = int(part["low"].min())
            high = None if part["high"].isna().any() else int(part["high"].max())
            if high == low:
                pieces.append(f"{name} give {low:,}")
            else:
                pieces.append(f"{name} run from {low:,} to " + ("no upper bound" if high is None else f"{high:,}"))
        parts.append(f"{title}: {pieces[0]}, {pieces[1]}")
    return "; ".join(parts) + "." if parts else ""


def readings_chart_rows(estimates: pd.DataFrame, chosen: pd.DataFrame, groups: pd.DataFrame,
                        readings: Sequence[Reading] = READINGS) -> pd.DataFrame:
    """Chart rows for the estimates of the given groups (columns measure,
    counted, scope) under every reading, one panel per group, each label
    ending in its reading; the yardstick figures of the same groups are
    added to their panels."""
    keys = ["measure", "counted", "scope"]
    groups = groups[keys].drop_duplicates()

    def with_panel(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.merge(groups, on=keys, how="inner")
        return frame.assign(panel=[f"{count_phrase(m, c)} · {s}" for m, c, s in
                                   zip(frame["measure"], frame["counted"], frame["scope"])])

    by_reading = pd.concat([document_intervals(estimates, reading) for reading in readings], ignore_index=True)
    return chart_rows(with_panel(by_reading), with_panel(reference_with_scope(chosen)), label_suffix="reading",
                      panel="panel")
