"""Casualty, refugee and repression counts: intervals, agreement, sensitivity, scholarship.

Works on the ``estimates`` table (every count a document gives, with its
interval from the qualifier convention of :mod:`helpers.estimates`) and on the
scholarly reference table ``data/reference/scholarly_estimates.csv``
(:func:`load_scholarly_estimates`).

Two estimates are compared only when they count the same thing (``measure``
and ``counted``) over the same *scope*. The scope comes from ``place``: a
count for Budapest alone is a part of a count for all Hungary, and a document
that names no place (``unspecified``) is read as speaking of the whole
country. Every function keeps each document's estimate apart and labelled.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.errors import TableError
from helpers.estimates import READINGS, Reading, interval_from_qualifier
from helpers.paths import DATAPACKAGE
from helpers.tables import load_table, read_datapackage, resource_descriptor

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
RESEARCH = "research"


# --------------------------------------------------------------------------
# The scholarly reference table
# --------------------------------------------------------------------------


def estimates_vocabulary(field: str) -> tuple[str, ...]:
    """The allowed values of a field of the ``estimates`` table, from the data package."""
    for spec in resource_descriptor("estimates")["schema"]["fields"]:
        if spec["name"] == field:
            return tuple(spec.get("constraints", {}).get("enum", ()))
    raise KeyError(f"estimates has no field {field!r}")


def check_scholarly_estimates(reference: pd.DataFrame,
                              label: str = "data/reference/scholarly_estimates.csv") -> pd.DataFrame:
    """The two rules of the scholarly table that Table Schema cannot state:
    ``high`` only together with ``low``, and every row gives ``value`` or
    ``low``. Returns the table unchanged, or raises
    :class:`helpers.errors.TableError` naming file, row and column."""
    for row, (value, low, high) in enumerate(reference[["value", "low", "high"]].itertuples(index=False), start=1):
        if pd.isna(low) and not pd.isna(high):
            raise TableError(label, row, "low", "high is set but low is empty: a range needs both ends")
        if pd.isna(value) and pd.isna(low):
            raise TableError(label, row, "value", "neither value nor low is set: the row gives no figure")
    return reference


def load_scholarly_estimates(datapackage: Path = DATAPACKAGE) -> pd.DataFrame:
    """The scholarly reference table, validated against the data package
    (types, vocabularies, URLs, grades, ``low <= high``, figures found in
    their excerpts, excerpts found verbatim in ``reference_facts.md``) and by
    :func:`check_scholarly_estimates`. A notebook that already holds the
    validated tables applies only the latter."""
    reference = load_table("scholarly_estimates", datapackage=datapackage)
    label = f"data/{resource_descriptor('scholarly_estimates', read_datapackage(datapackage))['path']}"
    return check_scholarly_estimates(reference, label)


def reference_interval(value: int | None, low: int | None, high: int | None) -> Interval:
    """The interval a reference row allows: its range, its open 'more than'
    bound, or its single figure."""
    if low is not None:
        return int(low), (None if high is None else int(high))
    if value is None:
        raise ValueError("a reference row needs a value or a low bound")
    return int(value), int(value)


def sources_table(reference: pd.DataFrame) -> pd.DataFrame:
    """Each cited source once (in order of first citation): its title,
    grade, address and the reference rows that cite it."""
    rows = []
    for (url, title, grade), group in reference.groupby(["source_url", "source_title", "grade"], sort=False):
        rows.append({"source_title": title, "grade": grade, "source_url": url, "rows": ", ".join(group["ref_id"])})
    return pd.DataFrame(rows, columns=["source_title", "grade", "source_url", "rows"])


# --------------------------------------------------------------------------
# Intervals, one per document estimate
# --------------------------------------------------------------------------


def _optional(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


# The tables here have tens of rows, so the time goes into pandas' per-call
# overhead, not into the data: the functions below loop over rows as plain
# dicts and group them in dicts, which costs a fraction of iterrows() and of
# filtering the frame with a boolean mask once per group.

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
    appearance and rows in their order (as ``groupby(sort=False)``; the
    keys here are required fields, never missing)."""
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        groups.setdefault(tuple(row[key] for key in keys), []).append(row)
    return groups


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


def unquantified_claims(estimates: pd.DataFrame) -> pd.DataFrame:
    """The estimates whose words give no number ("many", "most of them"):
    never drawn as intervals, always listed."""
    rows = estimates[estimates["low"].isna() & estimates["high"].isna()]
    return rows[["doc_id", "measure", "counted", "place", "number_text", "quote"]].reset_index(drop=True)


def format_count(number: int | None) -> str:
    """12345 -> '12,345'; None -> '∞' (used for an open upper bound)."""
    return "∞" if number is None else f"{int(number):,}"


def format_interval(low: int | None, high: int | None) -> str:
    """An interval as prose: '2,700–3,300', 'at least 2,000', '13,000', or 'no number'."""
    if low is None:
        return "no number"
    if high is None:
        return f"at least {format_count(low)}"
    if low == high:
        return format_count(low)
    return f"{format_count(low)}–{format_count(high)}"


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


def document_profile(estimates: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document (every document, in documents.csv order): how
    many counts it gives, how many with a number, with no upper bound, with
    no number at all, and the qualifiers it uses."""
    order = {key: position for position, key in enumerate(estimates_vocabulary("qualifier_key"))}
    rows = []
    for doc_id, genre in zip(documents["doc_id"], documents["genre"]):
        mine = estimates[estimates["doc_id"] == doc_id]
        keys = sorted(set(mine["qualifier_key"]), key=lambda k: order.get(k, len(order)))
        rows.append({
            "doc_id": doc_id, "genre": genre, "counts": len(mine),
            "with_number": int(mine["low"].notna().sum()),
            "no_upper_bound": int((mine["low"].notna() & mine["high"].isna()).sum()),
            "no_number": int(mine["low"].isna().sum()),
            "qualifiers": ", ".join(keys),
        })
    return pd.DataFrame(rows, columns=["doc_id", "genre", "counts", "with_number", "no_upper_bound",
                                       "no_number", "qualifiers"])


def convention_table(estimates: pd.DataFrame, readings: Sequence[Reading] = READINGS) -> pd.DataFrame:
    """For each qualifier the documents use (in the vocabulary's order): one
    example of its words, and the interval those words give under each reading."""
    order = {key: position for position, key in enumerate(estimates_vocabulary("qualifier_key"))}
    rows = []
    for key in sorted(set(estimates["qualifier_key"]), key=lambda k: order.get(k, len(order))):
        example = estimates[estimates["qualifier_key"] == key].iloc[0]
        value = _optional(example["value"])
        rows.append({
            "qualifier_key": key,
            "example": f"{example['doc_id']}: “{_words(example['number_text'], example['qualifier_text'])}”",
            **{reading: format_interval(*interval_from_qualifier(key, value, reading)) for reading in readings},
        })
    return pd.DataFrame(rows, columns=["qualifier_key", "example", *readings])


def facet_titles(estimates: pd.DataFrame, measures: Iterable[str]) -> dict[str, str]:
    """A chart panel title per measure, saying how many of its claims give
    no number (those are listed in a table, not drawn)."""
    missing = estimates[estimates["low"].isna()].groupby("measure").size()
    titles = {}
    for measure in measures:
        n = int(missing.get(measure, 0))
        titles[measure] = measure + (f" · {n} claim{'s' if n != 1 else ''} without a number, listed below" if n else "")
    return titles


# --------------------------------------------------------------------------
# Agreement and conflicts
# --------------------------------------------------------------------------


def _in_measure_order(rows: list[dict[str, Any]], by: Sequence[str]) -> list[dict[str, Any]]:
    """Rows sorted by measure in the vocabulary's order, then ``by`` (a stable sort)."""
    order = {measure: position for position, measure in enumerate(estimates_vocabulary("measure"))}
    return sorted(rows, key=lambda row: (order.get(row["measure"], len(order)), *(row[column] for column in by)))


AGREEMENT_COLUMNS = ["measure", "counted", "scope", "documents", "n_documents", "intervals", "agree", "joint"]


def _agreement_rows(intervals: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of :func:`agreement_table`, as dicts."""
    rows = []
    for (measure, counted, scope), group in _grouped(_quantified(intervals), ["measure", "counted", "scope"]).items():
        joint = intersection(_interval(row) for row in group)
        documents = list(dict.fromkeys(row["doc_id"] for row in group))
        rows.append({
            "measure": measure, "counted": counted, "scope": scope,
            "documents": ", ".join(documents),
            "n_documents": len(documents),
            "intervals": "; ".join(f"{row['doc_id']}: {format_interval(_optional(row['low']), _optional(row['high']))}"
                                   for row in group),
            "agree": joint is not None,
            "joint": format_interval(*joint) if joint else "none: they conflict",
        })
    return _in_measure_order(rows, ["counted", "scope"])


def agreement_table(intervals: pd.DataFrame) -> pd.DataFrame:
    """Per measure, counted and scope: the documents with a number, and the
    range they all allow (``joint``; 'none: they conflict' when their
    intervals do not all overlap)."""
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


def _describe(row: Row) -> str:
    return f"{row['doc_id']} · {PLACE_LABELS.get(row['place'], row['place'])} · {format_interval(_optional(row['low']), _optional(row['high']))}"


def conflicts(intervals: pd.DataFrame, shared: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Every pair of estimates of the same measure and counted whose
    intervals do not fit together, with the kind of reason:

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
                             "second": _describe(second), "kind": kind, "reason": reason})
    return pd.DataFrame(_in_measure_order(rows, ["counted"]),
                        columns=["measure", "counted", "first", "second", "kind", "reason"])


def _classify(first: Row, second: Row, shared: dict[str, tuple[str, ...]]) -> tuple[str | None, str]:
    """(kind, reason) for a pair that does not fit together; (None, '') otherwise."""
    a, b = _interval(first), _interval(second)
    if first["scope"] == second["scope"]:
        if overlaps(a, b):
            return None, ""
        for row in (first, second):
            if row["claim_id"] in shared:
                together = ", ".join(shared[row["claim_id"]])
                return "definition", f"{row['doc_id']} gives one figure for {together} together"
        return "error", "same scope and definition, yet no overlap: at least one is wrong (or the words are read too narrowly)"
    scopes = {first["scope"]: first, second["scope"]: second}
    if set(scopes) != {PART, WHOLE}:
        return None, ""  # e.g. abroad against all Hungary: not comparable
    part, whole = scopes[PART], scopes[WHOLE]
    part_low, part_high = _interval(part)
    whole_low, whole_high = _interval(whole)
    if whole_high is not None and part_low > whole_high:
        return "error", f"the Budapest-only count of {part['doc_id']} exceeds the all-Hungary count of {whole['doc_id']}"
    if part_high is not None and part_high < whole_low:
        return "different place scope", f"{part['doc_id']} counts Budapest only, {whole['doc_id']} all Hungary: a part may be smaller"
    return None, ""


# --------------------------------------------------------------------------
# Against scholarship, and sensitivity to the reading of vague words
# --------------------------------------------------------------------------


def reference_with_scope(reference: pd.DataFrame) -> pd.DataFrame:
    """The reference rows with their scope and interval (``ref_low``/``ref_high``)."""
    out = reference.copy()
    out["scope"] = out["place"].map(lambda place: SCOPE_OF_PLACE.get(place, place))
    bounds = [reference_interval(_optional(v), _optional(lo), _optional(hi))
              for v, lo, hi in zip(reference["value"], reference["low"], reference["high"])]
    out["ref_low"] = pd.array([lo for lo, _ in bounds], dtype="Int64")
    out["ref_high"] = pd.array([hi for _, hi in bounds], dtype="Int64")
    return out


RESEARCH_AGREEMENT_COLUMNS = ["ref_id", "measure", "counted", "scope", "research", "grade",
                              "agree", "disagree", "n_compared"]


def _research_rows(intervals: pd.DataFrame, reference: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of :func:`research_agreement`, as dicts."""
    groups = _grouped(_quantified(intervals), ["measure", "counted", "scope"])
    rows = []
    for ref in _records(reference_with_scope(reference)):
        same = groups.get((ref["measure"], ref["counted"], ref["scope"]), [])
        research = (int(ref["ref_low"]), _optional(ref["ref_high"]))
        fits = [(row["doc_id"], overlaps(_interval(row), research)) for row in same]
        rows.append({
            "ref_id": ref["ref_id"], "measure": ref["measure"], "counted": ref["counted"], "scope": ref["scope"],
            "research": ref["figure_as_published"], "grade": ref["grade"],
            "agree": ", ".join(dict.fromkeys(doc for doc, fit in fits if fit)),
            "disagree": ", ".join(dict.fromkeys(doc for doc, fit in fits if not fit)),
            "n_compared": len(same),
        })
    return rows


def research_agreement(intervals: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """For each reference row: the documents whose estimate of the same
    measure, counted and scope overlaps the research figure (``agree``), and
    those whose estimate does not (``disagree``); reference rows no document
    can be compared with are kept, with both lists empty."""
    return pd.DataFrame(_research_rows(intervals, reference), columns=RESEARCH_AGREEMENT_COLUMNS)


def same_figure_other_scope(intervals: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Document estimates whose number equals a research figure for the same
    measure and counted but another scope (e.g. a count read as Budapest
    only that equals a research figure for all Hungary): a hint that the
    place may have been read too narrowly, or the figure copied."""
    scoped = reference_with_scope(reference)
    quantified = intervals[intervals["quantified"] & intervals["value"].notna()]
    merged = quantified.merge(scoped[["ref_id", "measure", "counted", "scope", "value", "place", "figure_as_published"]],
                              on=["measure", "counted", "value"], suffixes=("", "_ref"))
    merged = merged[merged["scope"] != merged["scope_ref"]]
    return merged[["claim_id", "doc_id", "measure", "counted", "place", "number_text", "ref_id", "place_ref",
                   "figure_as_published", "quote", "note"]].reset_index(drop=True)


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


def sensitivity_table(estimates: pd.DataFrame, reference: pd.DataFrame,
                      readings: Sequence[Reading] = READINGS) -> pd.DataFrame:
    """The conclusions of this lesson under each reading of the vague words.

    One row per conclusion (``kind`` 'documents' or 'research', with the
    ``ref_id`` of a research conclusion and its measure, counted, scope), one column
    per reading with the answer, and ``flips``: whether the answer's yes/no
    (or the set of agreeing documents) changes from one reading to another.
    Conclusions: do the documents' intervals of one measure, counted and
    scope all overlap (groups of two or more documents); is a Budapest-only
    count compatible with the all-Hungary ones; which documents agree with
    each research figure (where any document can be compared).
    """
    answers: dict[str, dict[str, str]] = {}
    verdicts: dict[str, dict[str, object]] = {}
    about: dict[str, dict[str, str]] = {}

    def record(question: str, subject: dict[str, str], reading: str, answer: str, verdict: object) -> None:
        about.setdefault(question, subject)
        answers.setdefault(question, {})[reading] = answer
        verdicts.setdefault(question, {})[reading] = verdict

    for reading in readings:
        intervals = document_intervals(estimates, reading)
        for group in _agreement_rows(intervals):
            if group["n_documents"] < 2:
                continue
            question = (f"Do the intervals of {group['documents']} for {group['measure']} "
                        f"({group['counted']}, {group['scope']}) all overlap?")
            answer = f"yes: {group['joint']}" if group["agree"] else "no"
            subject = {"kind": "documents", "ref_id": "", "measure": group["measure"], "counted": group["counted"],
                       "scope": group["scope"]}
            record(question, subject, reading, answer, bool(group["agree"]))
        for (measure, counted), ok in part_whole_compatible(intervals).items():
            question = f"Is every Budapest-only count of {measure} ({counted}) within the all-Hungary counts?"
            subject = {"kind": "documents", "ref_id": "", "measure": measure, "counted": counted, "scope": f"{PART} in {WHOLE}"}
            record(question, subject, reading, "yes" if ok else "no", ok)
        for ref in _research_rows(intervals, reference):
            if ref["n_compared"] == 0:
                continue
            question = (f"Which documents agree with {ref['ref_id']} ({ref['research']}) "
                        f"on {ref['measure']} ({ref['counted']})?")
            subject = {"kind": "research", "ref_id": ref["ref_id"], "measure": ref["measure"], "counted": ref["counted"],
                       "scope": ref["scope"]}
            record(question, subject, reading, ref["agree"] or "none", ref["agree"])
    rows = [{**about[q], "conclusion": q, **answers[q],
             "flips": len({repr(v) for v in verdicts[q].values()}) > 1} for q in answers]
    return pd.DataFrame(rows, columns=["kind", "ref_id", "measure", "counted", "scope", "conclusion", *readings, "flips"])


# --------------------------------------------------------------------------
# The interval chart
# --------------------------------------------------------------------------

CHART_COLUMNS = ["facet", "group", "label", "key", "low", "high", "text", "hover"]


def estimate_label(doc_id: str, place: str, counted: str) -> str:
    """The y label of one estimate: 'doc_id · Budapest · hungarians'."""
    return f"{doc_id} · {PLACE_LABELS.get(place, place)} · {counted}"


def _words(number_text: str, qualifier_text: object) -> str:
    """The estimate's words as written: the qualifier is usually part of the number text."""
    if pd.isna(qualifier_text) or str(qualifier_text) in number_text:
        return number_text
    return f"{qualifier_text} {number_text}"


def chart_rows(intervals: pd.DataFrame, reference: pd.DataFrame | None = None,
               facet: str = "measure", label_suffix: str | None = None) -> pd.DataFrame:
    """One row per drawn interval: the document estimates with a number
    (``key`` = doc_id) and, optionally, the research figures (``key`` =
    'research'), each with its facet (the column ``facet``), group (who is
    counted), y label, bounds, text and hover text. ``label_suffix`` names a
    column of ``intervals`` whose value is appended to the labels. A label
    that would repeat within a facet gets a running number."""
    rows = []
    for row in _quantified(intervals):
        label = estimate_label(row["doc_id"], row["place"], row["counted"])
        if label_suffix:
            label = f"{label} · {row[label_suffix]}"
        low, high = int(row["low"]), _optional(row["high"])
        rows.append({
            "facet": row[facet], "group": row["counted"], "label": label, "key": row["doc_id"],
            "low": low, "high": high, "text": f"“{_words(row['number_text'], row['qualifier_text'])}”",
            "hover": f"{row['claim_id']}: {format_interval(low, high)}<br>“{_wrap(row['quote'])}”",
        })
    if reference is not None:
        for ref in _records(reference_with_scope(reference)):
            place = PLACE_LABELS.get(ref["place"], ref["place"])
            rows.append({
                "facet": ref[facet] if facet in ref else ref["measure"], "group": ref["counted"],
                "label": f"◆ {RESEARCH} {ref['ref_id']} · {place} · {ref['counted']}",
                "key": RESEARCH, "low": int(ref["ref_low"]), "high": _optional(ref["ref_high"]),
                "text": ref["figure_as_published"],
                "hover": f"{ref['ref_id']} (grade {ref['grade']}): {ref['figure_as_published']}<br>{_wrap(ref['source_title'])}",
            })
    totals = Counter((row["facet"], row["label"]) for row in rows)
    running: Counter[tuple[str, str]] = Counter()
    for row in rows:
        key = (row["facet"], row["label"])
        if totals[key] > 1:
            running[key] += 1
            row["label"] = f"{row['label']} ({running[key]})"
    frame = pd.DataFrame(rows, columns=CHART_COLUMNS)
    frame["low"] = frame["low"].astype("Int64")
    frame["high"] = pd.array(frame["high"].tolist(), dtype="Int64")
    return frame


def readings_chart_rows(estimates: pd.DataFrame, reference: pd.DataFrame, groups: pd.DataFrame,
                        readings: Sequence[Reading] = READINGS) -> pd.DataFrame:
    """Chart rows for the estimates of the given groups (columns measure,
    counted, scope) under every reading, one panel per group
    ('measure · counted · scope'), each label ending in its reading; the
    research figures of the same groups are added to their panels."""
    keys = ["measure", "counted", "scope"]
    groups = groups[keys].drop_duplicates()

    def with_panel(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.merge(groups, on=keys, how="inner")
        return frame.assign(panel=frame["measure"] + " · " + frame["counted"] + " · " + frame["scope"])

    by_reading = pd.concat([document_intervals(estimates, reading) for reading in readings], ignore_index=True)
    research = with_panel(reference_with_scope(reference))
    return chart_rows(with_panel(by_reading), research, facet="panel", label_suffix="reading")


def _wrap(text: str, width: int = 70) -> str:
    import textwrap

    return "<br>".join(textwrap.wrap(str(text), width))


def axis_edge(rows: pd.DataFrame) -> int:
    """Where open upper bounds end on the chart: a power of ten at least
    twice every finite bound, so an arrow there lies visibly beyond all the numbers."""
    finite = [int(v) for v in rows["low"]] + [int(v) for v in rows["high"].dropna()]
    return 10 ** len(str(2 * max(finite)))


def uses_log_scale(rows: pd.DataFrame) -> bool:
    """Whether the bounds span two orders of magnitude or more (then the x axis is logarithmic)."""
    finite = [int(v) for v in rows["low"]] + [int(v) for v in rows["high"].dropna()]
    return max(finite) >= 100 * max(min(finite), 1)


def interval_figure(rows: pd.DataFrame, colors: dict[str, str], title: str, facets: Sequence[str],
                    facet_titles: dict[str, str] | None = None, reference_color: str = "#555555"):
    """A plotly figure with one panel per facet (in the given order; facets
    without rows are left out), one horizontal interval per row of ``rows``
    (from :func:`chart_rows`), on a shared x axis, logarithmic when the
    bounds span orders of magnitude. Within a panel, rows are grouped by who
    is counted, documents in the order of ``colors`` and research last.
    Documents take their colour from ``colors``; research rows are diamonds
    in ``reference_color``. An open upper bound is a dashed line to the
    right edge of the axis, ending in an arrow, its words labelled 'no upper bound'."""
    import math

    from plotly.subplots import make_subplots

    rank = {key: position for position, key in enumerate(colors)}
    records = sorted(_records(rows), key=lambda row: (row["group"], rank.get(row["key"], len(rank))))
    panels = {facet: panel for (facet,), panel in _grouped(records, ["facet"]).items()}
    facets = [f for f in facets if f in panels]
    counts = [len(panels[f]) for f in facets]
    top, bottom, row_px, gap_px = 130, 60, 34, 80
    height = top + bottom + row_px * sum(counts) + gap_px * len(facets)
    figure = make_subplots(rows=len(facets), cols=1, shared_xaxes=True, row_heights=[c + 1.5 for c in counts],
                           subplot_titles=[(facet_titles or {}).get(f, f) for f in facets],
                           vertical_spacing=min(gap_px / (height - top - bottom), 1 / max(len(facets), 2)))
    edge = axis_edge(rows)
    log_x = uses_log_scale(rows)
    if log_x:
        low = min(int(v) for v in rows["low"])
        x_range = [math.floor(math.log10(max(low, 1))) - 0.05, math.log10(edge) + 0.1]
    else:
        x_range = [0, edge * 1.02]

    def fraction(x: int) -> float:
        """Where x lies across the axis, from 0 (left) to 1 (right)."""
        at = math.log10(max(x, 1)) if log_x else x
        return (at - x_range[0]) / (x_range[1] - x_range[0])

    present = {row["key"] for row in records}
    keys = [k for k in colors if k in present] + ([RESEARCH] if RESEARCH in present else [])
    in_legend: set[str] = set()
    # Traces (as plain dicts) and axes are collected and handed to plotly at
    # once: each add_trace or update_*axes call costs plotly a validation pass.
    traces: list[dict[str, Any]] = []
    trace_rows: list[int] = []
    axes: dict[str, dict[str, Any]] = {}
    for position, facet in enumerate(facets, start=1):
        panel = panels[facet]
        for key in keys:
            mine = [row for row in panel if row["key"] == key]
            research = key == RESEARCH
            colour = reference_color if research else colors[key]
            symbol = "diamond" if research else "circle"
            for is_open in (False, True):
                part = [row for row in mine if pd.isna(row["high"]) == is_open]
                if not part:
                    continue
                xs, ys, hovers, symbols = [], [], [], []
                label_x, label_y, label_text, label_position = [], [], [], []
                for row in part:
                    left, right = int(row["low"]), (edge if is_open else int(row["high"]))
                    xs += [left, right, None]
                    ys += [row["label"], row["label"], None]
                    hovers += [row["hover"], row["hover"], ""]
                    symbols += [symbol, "triangle-right" if is_open else symbol, symbol]
                    # A label starts at the low end, unless that lies in the right
                    # part of the axis: then it ends at the right end, inside the plot.
                    from_right = fraction(left) > 0.55
                    label_x.append(right if from_right else left)
                    label_y.append(row["label"])
                    label_text.append(f"{row['text']}: no upper bound →" if is_open else row["text"])
                    label_position.append("top left" if from_right else "top right")
                traces.append(dict(
                    type="scatter", x=xs, y=ys, mode="lines+markers", legendgroup=key,
                    showlegend=key not in in_legend, legendrank=rank.get(key, len(rank)) + 1,
                    name="◆ research (reference table)" if research else key,
                    hovertext=hovers, hoverinfo="text",
                    line={"color": colour, "width": 2 if research else 4, "dash": "dash" if is_open else "solid"},
                    marker={"color": colour, "symbol": symbols, "size": 12 if research else 9},
                ))
                # Labels in a trace of their own: plotly.js drops some texts of a
                # trace whose points have gaps (None) between the intervals.
                traces.append(dict(
                    type="scatter", x=label_x, y=label_y, mode="markers+text", text=label_text,
                    textposition=label_position, marker={"size": 10, "opacity": 0},
                    textfont={"size": 11, "color": colour}, legendgroup=key, showlegend=False, hoverinfo="skip",
                ))
                trace_rows += [position, position]
                in_legend.add(key)
        labels = list(dict.fromkeys(row["label"] for row in panel))
        subplot = figure.get_subplot(position, 1)
        axes[subplot.xaxis.plotly_name] = {"type": "log" if log_x else "linear", "range": x_range,
                                           "showticklabels": True, "showgrid": True, "gridcolor": "#e5e5e5"}
        axes[subplot.yaxis.plotly_name] = {"type": "category", "categoryorder": "array",
                                           "categoryarray": labels[::-1], "range": [-0.6, len(labels) - 0.2],
                                           "automargin": True, "tickfont": {"size": 11}}
    bottom_axis = figure.get_subplot(len(facets), 1).xaxis.plotly_name
    axes[bottom_axis]["title"] = {"text": "count" + (" (log scale)" if log_x else "")}
    figure.add_traces(traces, rows=trace_rows, cols=[1] * len(traces))
    # The layout is set whole, once: update_layout on a figure re-checks every
    # property path several times over, at a cost above all the rest.
    layout = figure.layout.to_plotly_json()  # the panels' domains and titles from make_subplots
    layout.pop("template", None)  # the figure takes the default template again, as make_subplots did
    for name, settings in axes.items():
        layout[name] = {**layout[name], **settings}
    layout.update(title={"text": title, "yref": "container", "y": 1 - 20 / height, "yanchor": "top"},
                  height=height,
                  legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1 - 62 / height,
                          "yanchor": "top", "yref": "container", "title_text": None},
                  margin={"l": 20, "r": 20, "t": top, "b": bottom})
    figure.layout = layout
    return figure
