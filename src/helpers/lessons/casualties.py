"""Casualty, refugee and repression counts: intervals, the yardstick, conflicts, charts.

Works on the ``estimates`` table (every count a document gives, with its
interval from the qualifier convention of :mod:`helpers.evidence.estimates`) and on the
yardstick table ``data/reference/scholarly_estimates.csv``
(:func:`load_scholarly_estimates`): figures from outside the documents, each
with its excerpt, source, grade and kind of source.

**One reading of words, on both sides.** A yardstick figure's words ("nearly
3,000", "some 200,000", "2,500 (est.)") are read by the same convention as a
document's ("around 3,000"): :func:`reference_interval` applies
:func:`helpers.evidence.estimates.interval_from_qualifier` to them, under
every reading. No figure on either side is taken as exact unless its words
are a bare number.

**The yardstick.** A lesson measures the documents against the rows that
:func:`yardstick` selects by one rule: figures graded A or B in
``reference_facts.md``, plus any figure the reference notes recommend (the
``recommendation`` column quotes the recommendation). The table holds every
figure the notes grade A or B for something the documents count; the figures
it leaves out are listed, each with its reason, in the table
``reference/yardstick_left_out.csv`` (excerpts checked verbatim), and
:func:`unaccounted_figures` checks the notes' table of casualty and refugee
figures row by row against both. Each figure is labelled by the kind of
source it is (:func:`source_label`), never simply "research".

**Comparisons.** Two counts are compared only when they count the same thing
(``measure``) of the same people (``group``: who is counted, where a text's
word for the same people differs — the people who fled Hungary are its
refugees, whether a text says "people" or "Hungarians", see
:data:`SAME_PEOPLE`). The scope comes from ``place``: a count for Budapest
alone is a part of a count for all Hungary, and a document that names no
place (``unspecified``) is read as speaking of the whole country. A part
*fits* a whole when it does not exceed it. One figure that a document gives
for several things at once ("tens of thousands ... arrested, imprisoned, and
deported") is kept as one estimate of those things *together*
(:func:`document_intervals`) and compared with no count of any one of them.
A count of one day's crowd (``counted`` = :data:`ONE_DAY_CROWD`: the crowd
in Budapest on 23 October) is not a count of everyone who took part in the
revolution, so it is compared with no document's count of participants.

**Readings.** A conflict found under the central reading of the words may
rest on that reading: :func:`conflict_readings` recomputes every conflict
under each reading, and :func:`conflict_sides` says where one disappears.

Every function keeps each document's estimate apart and labelled; the words
a class reads (document names, what is counted, intervals) are made here, so
that the lesson shows them through :mod:`helpers.display.claims` unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.evidence.errors import TableError
from helpers.evidence.verdicts import number_pair_verdict
from helpers.evidence.verdicts import overlaps as verdict_overlaps
from helpers.evidence.estimates import (
    NEARLY, READINGS, SYMMETRIC, UNQUANTIFIED, UP_TO, WORD_RANGES, Reading, interval_from_qualifier,
)
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
    "hungarians_under_rakosi": "Hungarians under Rákosi, before 1956",
    "soviet_soldiers": "Soviet soldiers",
    "soviet_forces": "Soviet forces",
    "people": "people",
    "regime_opponents": "opponents of the regime",
    "best_educated_hungarians": "best-educated Hungarians",
    "crowd_on_23_october": "one day's crowd (23 October)",
}
# One day's crowd: a count of the people in one crowd on one day, not of
# everyone who took part in the revolution.
ONE_DAY_CROWD = "crowd_on_23_october"
# What is counted, where a measure's phrase does not fit who is counted.
COUNT_PHRASES: dict[tuple[str, str], str] = {
    ("participants", ONE_DAY_CROWD): "People in one day's crowd (23 October)",
}
# Texts name the same people with different words: the people who fled
# Hungary are its refugees, and the people who took part in its revolution
# its participants, whether a text says "people" or "Hungarians". For these
# measures, counts of the first group are compared with counts of the second.
# Counts of another period than the revolution and its aftermath: a lesson
# keeps them apart from the repression after 1956.
BEFORE_THE_REVOLUTION: tuple[str, ...] = ("hungarians_under_rakosi",)
SAME_PEOPLE: dict[str, dict[str, str]] = {
    "refugees": {"people": "hungarians"},
    "participants": {"people": "hungarians"},
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
# What happened to the people counted, for a phrase that joins several
# measures ("Hungarians arrested, imprisoned and deported").
MEASURE_VERBS: dict[str, str] = {
    "dead": "who died", "wounded": "wounded", "imprisoned": "imprisoned", "arrested": "arrested",
    "executed": "executed", "deported": "deported", "refugees": "who fled", "participants": "taking part",
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
TOGETHER = "+"  # joins the measures of one figure given for several things at once
NUMBER_WORDS = {2: "both", 3: "all three", 4: "all four"}
QUALIFIER_WORDS: dict[str, str] = {
    "exact": "a bare number",
    "over": "over, more than",
    "around": "around, about, some",
    "estimated": "an estimated, (est.)",
    "nearly": "nearly, almost",
    "up_to": "as many as, up to",
    "hundreds": "hundreds",
    "thousands": "thousands",
    "tens_of_thousands": "tens of thousands",
    "many": "many, numerous (no number)",
    "some": "some (no number)",
    "most_of": "most of them (no number)",
}
# The kind of work a yardstick row cites, and who made the count it reports.
SOURCE_KIND_WORDS: dict[str, str] = {
    "encyclopedia": "encyclopedia",
    "refugee_agency": "UN refugee agency",
    "research_article": "research article on the archives",
    "historians_book": "historian's book",
    "archive_document": "Soviet meeting notes (archive)",
    "press": "newspaper",
    "website": "website",
}
SOURCE_KIND_VIA: dict[str, str] = {
    "encyclopedia": "an encyclopedia",
    "refugee_agency": "the refugee agency",
    "research_article": "a research article",
    "historians_book": "a historian's book",
    "archive_document": "an archive document",
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


def _name(doc_id: str, in_sentence: bool = False) -> str:
    """A document's readable name (:func:`helpers.display.claims.document_name`)."""
    from helpers.display.claims import document_name

    return document_name(doc_id, in_sentence)


def _listed(items: Iterable[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def who(counted: str) -> str:
    """Who is counted, in words: ``soviet_soldiers`` -> "Soviet soldiers"."""
    return COUNTED_WORDS.get(counted, counted.replace("_", " "))


def parts_of(measure: str) -> tuple[str, ...]:
    """The measures a figure counts: one, or several counted together."""
    return tuple(measure.split(TOGETHER))


def is_together(measure: str) -> bool:
    """Whether one figure counts several measures together."""
    return TOGETHER in measure


def together_words(measure: str) -> str:
    """"one figure for all three together" for a figure that counts three things."""
    count = len(parts_of(measure))
    return f"one figure for {NUMBER_WORDS.get(count, f'all {count}')} together"


def count_phrase(measure: str, counted: str) -> str:
    """What is counted, in words: ("dead", "hungarians") -> "Hungarians who
    died"; a figure for several things at once says so ("Hungarians
    arrested, imprisoned and deported, counted together")."""
    if is_together(measure):
        parts = parts_of(measure)
        if all(part in MEASURE_VERBS for part in parts):
            phrase = f"{who(counted)} {_listed(MEASURE_VERBS[part] for part in parts)}"
        else:
            phrase = f"{_listed(MEASURE_TITLES.get(p, p).lower() for p in parts)} ({who(counted)})"
        phrase += ", counted together"
    elif (measure, counted) in COUNT_PHRASES:
        phrase = COUNT_PHRASES[(measure, counted)]
    else:
        phrase = MEASURE_PHRASES.get(measure, measure.replace("_", " ") + " ({who})").format(who=who(counted))
    return phrase[:1].upper() + phrase[1:]


def measure_title(measure: str) -> str:
    """A chart panel's title: "Died"; "Arrested, imprisoned and deported: one
    figure for all three together"."""
    if is_together(measure):
        return f"{_listed(MEASURE_TITLES.get(p, p) if i == 0 else MEASURE_TITLES.get(p, p).lower() for i, p in enumerate(parts_of(measure)))}: {together_words(measure)}"
    return MEASURE_TITLES.get(measure, measure.replace("_", " "))


def compared_as(measure: str, counted: str) -> str:
    """The group a count is compared in: ``counted``, except where a text's
    word names the same people as another's (:data:`SAME_PEOPLE`)."""
    return SAME_PEOPLE.get(measure, {}).get(counted, counted)


def group_phrase(measure: str, group: str) -> str:
    """What a group of compared counts counts, in words: "People who fled"
    where texts name the same people differently, else :func:`count_phrase`."""
    merged = {counted for counted, into in SAME_PEOPLE.get(measure, {}).items() if into == group}
    return count_phrase(measure, "people" if merged else group)


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


# Numbers as a source writes them: "2700", "174 704", "180.288" (not "2,500",
# which already has its separators, nor "100" in "100 thous.").
_UNSEPARATED = re.compile(r"(?<![\d,.])(?:\d{1,3}(?:[ .]\d{3})+|\d{4,})(?![\d,]|\.\d)")


def _as_number(text: str) -> int:
    """The whole number a figure's digits make: "174 704" -> 174704."""
    digits = re.sub(r"\D", "", text)
    if not digits:
        raise ValueError(f"no digits in {text!r}")
    return int(digits)


def figure_parts(figure: str) -> list[str]:
    """The parts of a figure as published: "174 704 + 19 181" -> two parts;
    a single figure is one part."""
    return figure.split(" + ")


def figure_words(figure: str, value: object = None, qualifier_key: object = None) -> str:
    """A published figure for a class: every number with thousands separators
    ("2700" -> "2,700", "174 704" -> "174,704"), the qualifier words kept;
    figures added up show their sum ("174,704 + 19,181 = 193,885"); an
    estimate whose figure does not say so itself (the word is elsewhere in
    the excerpt) is marked "(estimated)"."""
    text = _UNSEPARATED.sub(lambda match: f"{_as_number(match.group()):,}", figure)
    if len(figure_parts(figure)) > 1 and _optional(value) is not None:
        text += f" = {int(value):,}"
    if _text(qualifier_key) == "estimated" and "est" not in figure.lower():
        text += " (estimated)"
    return text


def _figure(ref: Row) -> str:
    """A yardstick row's figure for a class (:func:`figure_words`)."""
    return figure_words(ref["figure_as_published"], ref["value"], ref.get("qualifier_key"))


# --------------------------------------------------------------------------
# The yardstick table
# --------------------------------------------------------------------------


def estimates_vocabulary(field: str) -> tuple[str, ...]:
    """The allowed values of a field of the ``estimates`` table, from the data package."""
    for spec in resource_descriptor("estimates")["schema"]["fields"]:
        if spec["name"] == field:
            return tuple(spec.get("constraints", {}).get("enum", ()))
    raise KeyError(f"estimates has no field {field!r}")


def reference_notes_text(datapackage: Path = DATAPACKAGE) -> str:
    """The text of the reference notes the yardstick's excerpts come from (``reference_facts.md``)."""
    resource = resource_descriptor("scholarly_estimates", read_datapackage(datapackage))
    return (datapackage.parent / resource["x-excerptFrom"]["path"]).read_text(encoding="utf-8")


def reference_interval(qualifier_key: str, value: int, value_to: int | None = None,
                       reading: Reading = "central") -> Interval:
    """The interval a yardstick figure's words allow, by the documents'
    convention: ``interval_from_qualifier`` applied to the number (and to
    each end of a range: "(est.) 75,000–200,000" runs from the lowest the
    first number allows to the highest the second allows)."""
    low, high = interval_from_qualifier(qualifier_key, int(value), reading)
    if value_to is not None:
        high = interval_from_qualifier(qualifier_key, int(value_to), reading)[1]
    return low, high


def check_scholarly_estimates(reference: pd.DataFrame, label: str = "data/reference/scholarly_estimates.csv",
                              facts: str | None = None) -> pd.DataFrame:
    """The rules of the yardstick table that Table Schema cannot state:
    every part of ``figure_as_published`` occurs in the excerpt, and parts
    joined by " + " add up to ``value``; ``value_to`` (a range) is not below
    ``value``; ``low``/``high`` are the interval the words allow by the
    documents' convention (:func:`reference_interval`, central reading); a
    ``recommendation`` occurs verbatim in the reference notes (``facts``,
    the text of ``reference_facts.md``; read from the project's data when
    not given). Returns the table unchanged, or raises
    :class:`helpers.evidence.errors.TableError` naming file, row and column."""
    columns = ["figure_as_published", "excerpt", "qualifier_key", "value", "value_to", "low", "high"]
    for row, (figure, excerpt, key, value, value_to, low, high) in enumerate(
            reference[columns].itertuples(index=False), start=1):
        parts = figure_parts(figure)
        for part in parts:
            if part not in _text(excerpt):
                raise TableError(label, row, "figure_as_published", f"{part!r} does not occur in the row's excerpt")
        if len(parts) > 1 and sum(_as_number(part) for part in parts) != value:
            raise TableError(label, row, "value", f"{value} is not the sum of the parts of {figure!r}")
        to = _optional(value_to)
        if to is not None and to < value:
            raise TableError(label, row, "value_to", f"the range {value}–{to} runs backwards")
        try:
            expected = reference_interval(key, value, to)
        except ValueError as error:  # a qualifier that gives no number, on a row that must have one
            raise TableError(label, row, "qualifier_key", f"{error}: a yardstick figure is a number, so use a "
                                                          "qualifier that qualifies one (exact, over, around, "
                                                          "estimated, nearly, up_to)") from None
        if (_optional(low), _optional(high)) != expected:
            raise TableError(label, row, "low", f"low/high ({_optional(low)}, {_optional(high)}) are not the interval "
                                                f"{key!r} gives: {expected}")
    if "recommendation" in reference.columns:
        facts = reference_notes_text() if facts is None else facts
        for row, recommendation in enumerate(reference["recommendation"], start=1):
            if _text(recommendation) and _text(recommendation) not in facts:
                raise TableError(label, row, "recommendation", "not found verbatim in the reference notes")
    return reference


def load_scholarly_estimates(datapackage: Path = DATAPACKAGE) -> pd.DataFrame:
    """The yardstick table, validated against the data package (types,
    vocabularies, URLs, grades, ``low <= high``, excerpts found verbatim in
    ``reference_facts.md``) and by :func:`check_scholarly_estimates`. A
    notebook that already holds the validated tables applies only the latter."""
    reference = load_table("scholarly_estimates", datapackage=datapackage)
    label = f"data/{resource_descriptor('scholarly_estimates', read_datapackage(datapackage))['path']}"
    return check_scholarly_estimates(reference, label, reference_notes_text(datapackage))


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


def reference_with_scope(reference: pd.DataFrame, reading: Reading = "central") -> pd.DataFrame:
    """The reference rows with their scope, comparison group and the interval
    their words allow under ``reading`` (``ref_low``/``ref_high``)."""
    out = reference.copy()
    out["scope"] = out["place"].map(lambda place: SCOPE_OF_PLACE.get(place, place))
    out["group"] = [compared_as(m, c) for m, c in zip(out["measure"], out["counted"])]
    bounds = [reference_interval(key, int(v), _optional(to), reading)
              for key, v, to in zip(reference["qualifier_key"], reference["value"], reference["value_to"])]
    out["ref_low"] = pd.array([lo for lo, _ in bounds], dtype="Int64")
    out["ref_high"] = pd.array([hi for _, hi in bounds], dtype="Int64")
    out["reading"] = reading
    return out


def yardstick_table(chosen: pd.DataFrame) -> pd.DataFrame:
    """The yardstick as a class reads it: what is counted, where, the figure
    (numbers with separators), the interval its words allow, the kind of
    source, its grade (A, B or C, as ``reference_facts.md`` grades the
    source), why it was chosen, the excerpt and the curator's note; in the
    order of the measures' vocabulary."""
    rows = [{
        "count": count_phrase(row["measure"], row["counted"]), "where": place_words(row["place"]),
        "figure": _figure(row),
        "read_as": format_interval(_optional(row["ref_low"]), _optional(row["ref_high"])), "source": row["source"],
        "grade": row["grade"], "why_chosen": row["why_chosen"],
        "excerpt": row["excerpt"], "note": _text(row["note"]), "measure": row["measure"],
    } for row in _records(reference_with_scope(chosen))]
    return pd.DataFrame(_in_measure_order(rows, ["count"]),
                        columns=["count", "where", "figure", "read_as", "source", "grade", "why_chosen", "excerpt", "note"])


def sources_table(reference: pd.DataFrame) -> pd.DataFrame:
    """Each cited source once (in order of first citation): its title, kind,
    grade, address, and the figures that cite it."""
    rows = []
    for (url, title, grade, kind), group in reference.groupby(["source_url", "source_title", "grade", "source_kind"],
                                                               sort=False):
        rows.append({"source_title": title, "kind": SOURCE_KIND_WORDS.get(kind, kind), "grade": grade,
                     "source_url": url,
                     "figures": ", ".join(_figure(ref) for ref in _records(group))})
    return pd.DataFrame(rows, columns=["source_title", "kind", "grade", "source_url", "figures"])


# --------------------------------------------------------------------------
# What the yardstick leaves out of the reference notes, and why
# --------------------------------------------------------------------------

# Every figure the reference notes grade A or B (and any whose grade they do
# not state) that is not on the yardstick, with the reason. ``excerpt`` is the
# source's words as the notes give them (verbatim in reference_facts.md),
# ``figure`` the number in it; ``notes_row`` names a row label of the notes'
# table of casualty and refugee figures (§3) whose every figure this reason
# covers, where the row gives no excerpt of its own.
# Why a figure is left out, in words that finish "left out as ...".
# The kinds of reason for leaving a figure of the notes off the yardstick
# (data/reference/yardstick_left_out.csv, column ``kind``), in words.
LEFT_OUT_KINDS: dict[str, str] = {
    "not_counted": "something no document counts",
    "copy": "a figure already taken from another copy of the same encyclopedia",
    "part_of_total": "a part of a total on the yardstick",
    "share": "a share, not a count",
    "not_graded": "not graded A or B",
}
LEFT_OUT_COLUMNS = ["what", "figure", "grade", "source", "reason", "excerpt", "kind"]
NOTES_SECTION = "## 3."  # the notes' table of casualty and refugee figures


def left_out_table(left_out: pd.DataFrame) -> pd.DataFrame:
    """The figures of the reference notes that the yardstick leaves out
    (the table ``yardstick_left_out``), each with its reason and the kind of
    reason in words, as a class reads them."""
    out = left_out.assign(kind=left_out["kind"].map(LEFT_OUT_KINDS))
    return out[LEFT_OUT_COLUMNS].fillna("").reset_index(drop=True)


def _plain_markdown(text: str) -> str:
    return re.sub(r"[*`]", "", text).strip()


def notes_grades(source_cell: str) -> list[str]:
    """The grades a cell of the reference notes gives its sources: "(B)" ->
    ["B"]; "(A/B)" -> ["A", "B"]; "(C, reporting A)" -> ["C"] (the source's
    own grade); "(B-derived)" -> ["B-derived"]."""
    grades: list[str] = []
    for found in re.findall(r"\(([ABC](?:/[ABC])?(?:-derived)?)(?=[,;)\s])", source_cell):
        grades += found.split("/") if "-derived" not in found else [found]
    return grades


def notes_rows(facts: str, section: str = NOTES_SECTION) -> list[dict[str, Any]]:
    """The rows of the table in one section of the reference notes, each
    with its row label (carried down from the row above when empty), figure
    cell, source cell, excerpt cell, grades and whole line. Rows that only
    restate a disagreement, or report a figure not found, are left out."""
    found = re.search(rf"(?m)^{re.escape(section)}", facts)
    if found is None:
        raise ValueError(f"the reference notes have no section {section!r}")
    start = found.start()
    end = facts.find("\n## ", start + 1)
    rows: list[dict[str, Any]] = []
    label = ""
    for line in facts[start:end if end != -1 else None].splitlines():
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) < 4 or cells[0] == "Measure":
            continue
        label = _plain_markdown(cells[0]) or label
        figure = _plain_markdown(cells[1])
        if figure.startswith("Disagreement") or "NOT FOUND" in figure:
            continue
        excerpt = cells[3].replace('\\"', '"').replace("\\|", "|")
        rows.append({"label": label, "figure": figure, "source": cells[2], "excerpt": excerpt.strip('"'),
                     "grades": notes_grades(cells[2]), "line": line.replace('\\"', '"').replace("\\|", "|")})
    return rows


def unaccounted_figures(reference: pd.DataFrame, left_out: pd.DataFrame, facts: str | None = None,
                        grades: Sequence[str] = YARDSTICK_GRADES) -> list[str]:
    """The rows of the notes' table of casualty and refugee figures (§3)
    that the yardstick's rule should take but that are neither in the
    yardstick table (``reference``) nor left out with a reason
    (``left_out``, the table ``yardstick_left_out``): rows graded A or B, and rows whose grade the notes do
    not state. A row is in the table when its line holds a table row's
    excerpt, its excerpt lies inside one, or its figure is a table row's
    figure; left out when its line holds a left-out excerpt, or its label is
    a left-out ``notes_row``. Raises ValueError for a left-out entry whose
    words are not in the notes. An empty list: the rule is kept."""
    facts = reference_notes_text() if facts is None else facts
    left_out = left_out.fillna("").to_dict("records")
    for entry in left_out:
        if entry["excerpt"] not in facts or entry["figure"] not in entry["excerpt"]:
            raise ValueError(f"left-out figure {entry['figure']!r}: its words are not in the reference notes")
    excerpts = [_text(e) for e in reference["excerpt"]]
    figures = [_text(f) for f in reference["figure_as_published"]]
    missing = []
    for row in notes_rows(facts):
        if row["grades"] and not set(row["grades"]) & set(grades):
            continue  # graded C only: outside the rule unless recommended (then it is in the table)
        quote = row["excerpt"]
        in_table = (any(excerpt in row["line"] for excerpt in excerpts)
                    or (len(quote) > 12 and any(quote in excerpt for excerpt in excerpts))
                    or any(row["figure"].strip('"') in figure for figure in figures if row["figure"].strip('"')))
        out = (any(entry["excerpt"] in row["line"] for entry in left_out)
               or any(entry.get("notes_row") == row["label"] for entry in left_out))
        if not (in_table or out):
            missing.append(f"{row['label']}: {row['figure']}")
    return missing


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


def _measure_rank(measure: str) -> float:
    """A measure's place in the vocabulary's order; a figure for several
    measures together comes right after the first of them."""
    order = {m: position for position, m in enumerate(estimates_vocabulary("measure"))}
    parts = parts_of(measure)
    return order.get(parts[0], len(order)) + (0.5 if len(parts) > 1 else 0)


def _in_measure_order(rows: list[dict[str, Any]], by: Sequence[str]) -> list[dict[str, Any]]:
    """Rows sorted by measure in the vocabulary's order, then ``by`` (a stable sort)."""
    return sorted(rows, key=lambda row: (_measure_rank(row["measure"]), *(row[column] for column in by)))


def shared_figures(estimates: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """claim_id -> every measure that the same words of the same quote count
    for the same people, for estimates whose words count several measures at
    once ("tens of thousands ... arrested, imprisoned, and deported";
    "numerous Soviet troops and tanks"); measures in the order of the rows."""
    shared: dict[str, tuple[str, ...]] = {}
    rows = _records(estimates[["claim_id", "doc_id", "quote", "number_text", "counted", "measure"]])
    for group in _grouped(rows, ["doc_id", "quote", "number_text", "counted"]).values():
        measures = tuple(dict.fromkeys(row["measure"] for row in group))
        if len(measures) > 1:
            for row in group:
                shared[row["claim_id"]] = measures
    return dict(sorted(shared.items()))


def _together(rows: list[dict[str, Any]], shared: Mapping[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    """One row for each figure a document gives for several measures at once
    (the first row of the figure, with ``measure`` joining them, every
    claim in ``claim_ids`` and the place they share, or 'unspecified')."""
    out: list[dict[str, Any]] = []
    merged: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        if row["claim_id"] not in shared:
            out.append(row)
            continue
        key = (row["doc_id"], row["quote"], row["number_text"], row["counted"])
        if key in merged:
            first = merged[key]
            first["claim_ids"] = (*first["claim_ids"], row["claim_id"])
            if first["place"] != row["place"]:
                first["place"] = "unspecified"
            continue
        merged[key] = {**row, "measure": TOGETHER.join(shared[row["claim_id"]])}
        out.append(merged[key])
    return out


INTERVAL_COLUMNS = ["claim_id", "claim_ids", "doc_id", "span", "measure", "counted", "group", "place", "scope",
                    "number_text", "qualifier_text", "qualifier_key", "value", "quote", "note", "low", "high",
                    "quantified", "open_high", "reading"]


def document_intervals(estimates: pd.DataFrame, reading: Reading = "central", together: bool = True) -> pd.DataFrame:
    """Every estimate with its interval under ``reading`` (narrow, central,
    wide), its scope and its comparison group (:func:`compared_as`);
    ``quantified`` is False when the words give no number ("many"),
    ``open_high`` when the interval has no upper bound. With ``together``
    (the default), the rows of one figure given for several measures at once
    (:func:`shared_figures`) become one estimate whose ``measure`` joins
    them ("arrested+imprisoned+deported") and whose ``claim_ids`` lists
    them; otherwise one row per claim, in table order."""
    rows = []
    for row in _records(estimates):
        low, high = interval_from_qualifier(row["qualifier_key"], _optional(row["value"]), reading)
        rows.append({**row, "claim_ids": (row["claim_id"],), "low": low, "high": high})
    if together:
        rows = _together(rows, shared_figures(estimates))
    for row in rows:
        row["scope"] = SCOPE_OF_PLACE.get(row["place"], row["place"])
        row["group"] = compared_as(row["measure"], row["counted"])
        row["quantified"] = row["low"] is not None
        row["open_high"] = row["low"] is not None and row["high"] is None
        row["reading"] = reading
    out = pd.DataFrame(rows, columns=INTERVAL_COLUMNS)
    for column in ("value", "low", "high"):
        out[column] = pd.array([_optional(v) for v in out[column]], dtype="Int64")
    out["quantified"] = out["quantified"].astype(bool)
    out["open_high"] = out["open_high"].astype(bool)
    return out


def stored_interval_mismatches(estimates: pd.DataFrame) -> list[str]:
    """claim_ids whose stored low/high differ from the central reading of
    their qualifier (should be none)."""
    central = document_intervals(estimates, "central", together=False)
    differs = (central["low"].astype("object").fillna(-1).to_numpy() != estimates["low"].astype("object").fillna(-1).to_numpy()) | (
        central["high"].astype("object").fillna(-1).to_numpy() != estimates["high"].astype("object").fillna(-1).to_numpy())
    return central.loc[differs, "claim_id"].tolist()


def measures_within(intervals: pd.DataFrame, measures: Iterable[str]) -> list[str]:
    """The measures of ``intervals`` (a figure for several together
    included) that count only things among ``measures``, in the
    vocabulary's order."""
    wanted = set(measures)
    found = {m for m in intervals["measure"] if set(parts_of(m)) <= wanted}
    return sorted(found, key=_measure_rank)


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
    """Whether two intervals share at least one value (the one rule:
    :func:`helpers.evidence.verdicts.overlaps`)."""
    return verdict_overlaps(first, second)


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
    people, or all; a figure for several measures together is taken when
    all of them are given): document, the words of :func:`_estimate_words`
    (what is counted, where, the number as written, the interval it is read
    as, and two columns joining them), the quote, and the claims it stands
    for (``claim_ids``); in the order of the measures' vocabulary, then of
    the table."""
    wanted_measures = None if measures is None else set(measures)
    wanted_counted = None if counted is None else set(counted)
    rows = []
    for position, row in enumerate(_records(intervals)):
        if wanted_measures is not None and not set(parts_of(row["measure"])) <= wanted_measures:
            continue
        if wanted_counted is not None and row["counted"] not in wanted_counted:
            continue
        rows.append({"doc_id": row["doc_id"], **_estimate_words(row), "quote": row["quote"], "measure": row["measure"],
                     "claim_ids": row["claim_ids"], "quantified": row["quantified"], "position": position})
    return pd.DataFrame(_in_measure_order(rows, ["position"]),
                        columns=["doc_id", *ESTIMATE_WORDS, "quote", "claim_ids", "quantified"])


def rule_words(qualifier_key: str) -> str:
    """The convention's central reading of a kind of words, in words."""
    if qualifier_key in SYMMETRIC:
        width = SYMMETRIC[qualifier_key]["central"]
        return "the number itself" if width == 0 else f"{width:.0%} either side of the number"
    if qualifier_key == "nearly":
        return f"from {NEARLY['central']:.0%} of the number up to the number"
    if qualifier_key == "up_to":
        return f"a ceiling: from {UP_TO['central']:.0%} of the number up to the number"
    if qualifier_key == "over":
        return "the number or more: no upper bound"
    if qualifier_key in WORD_RANGES:
        low, high = WORD_RANGES[qualifier_key]["central"]
        return f"{low:,} to {high:,}"
    if qualifier_key in UNQUANTIFIED:
        return "no number"
    return qualifier_key.replace("_", " ")


def convention_table(estimates: pd.DataFrame, reference: pd.DataFrame | None = None,
                     readings: Sequence[Reading] = READINGS) -> pd.DataFrame:
    """For each kind of words the documents or the yardstick use (in the
    vocabulary's order): the kind in words, the rule (central reading), one
    example from a document and one from the yardstick, each with the
    interval it gives ("“around 3,000” → 2,700 to 3,300"), the document
    (``doc_id``) and the quote (``example_quote``: a table shows it as
    evidence, so a corrected example carries its correction) of the
    document's example and, per reading, the interval of the first example."""
    order = {key: position for position, key in enumerate(estimates_vocabulary("qualifier_key"))}
    keys = set(estimates["qualifier_key"]) | (set() if reference is None else set(reference["qualifier_key"]))
    rows = []
    for key in sorted(keys, key=lambda k: order.get(k, len(order))):
        mine = estimates[estimates["qualifier_key"] == key]
        theirs = reference[reference["qualifier_key"] == key] if reference is not None else reference
        document = example = yardstick_example = example_quote = ""
        first: tuple[int | None, int | None] | None = None
        if len(mine):
            row = mine.iloc[0]
            example_quote = row["quote"]  # the example's claim, so that its correction goes beside it
            value = _optional(row["value"])
            words = _words(row["number_text"], row["qualifier_text"])
            example = f"“{words}” → {format_interval(*interval_from_qualifier(key, value))}"
            document = row["doc_id"]
            first = (value, None)
        if theirs is not None and len(theirs):
            # A bare single number reads as itself: the clearest yardstick example is a qualified one or a range.
            ranked = theirs.assign(_range=theirs["value_to"].notna()).sort_values("_range", ascending=False, kind="stable")
            row = ranked.iloc[0]
            yardstick_example = (f"“{_figure(row)}” → "
                                 f"{format_interval(*reference_interval(key, int(row['value']), _optional(row['value_to'])))}")
            first = first or (int(row["value"]), _optional(row["value_to"]))
        by_reading = {}
        for reading in readings:
            value, value_to = first
            if value is None:
                by_reading[reading] = format_interval(*interval_from_qualifier(key, None, reading))
            else:
                by_reading[reading] = format_interval(*reference_interval(key, value, value_to, reading))
        rows.append({"qualifier": QUALIFIER_WORDS.get(key, key.replace("_", " ")), "rule": rule_words(key),
                     "example": example, "doc_id": document, "example_quote": example_quote,
                     "yardstick_example": yardstick_example, **by_reading})
    return pd.DataFrame(rows, columns=["qualifier", "rule", "example", "doc_id", "example_quote", "yardstick_example",
                                       *readings])


# --------------------------------------------------------------------------
# Agreement and conflicts among the documents
# --------------------------------------------------------------------------


AGREEMENT_COLUMNS = ["measure", "group", "scope", "count", "doc_ids", "n_documents", "intervals", "agree", "joint"]


def _agreement_rows(intervals: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of :func:`agreement_table`, as dicts."""
    rows = []
    for (measure, group, scope), members in _grouped(_quantified(intervals), ["measure", "group", "scope"]).items():
        joint = intersection(_interval(row) for row in members)
        documents = list(dict.fromkeys(row["doc_id"] for row in members))
        rows.append({
            "measure": measure, "group": group, "scope": scope, "count": group_phrase(measure, group),
            "doc_ids": documents,
            "n_documents": len(documents),
            "intervals": "; ".join(f"{_name(row['doc_id'])}: {_row_interval(row)}" for row in members),
            "agree": joint is not None,
            "joint": format_interval(*joint) if joint else "none: they conflict",
        })
    return _in_measure_order(rows, ["group", "scope"])


def agreement_table(intervals: pd.DataFrame) -> pd.DataFrame:
    """Per measure, comparison group and scope: the documents with a number
    (their ids in ``doc_ids``, their intervals in words), and the range
    they all allow (``joint``; 'none: they conflict' when their intervals do
    not all overlap)."""
    return pd.DataFrame(_agreement_rows(intervals), columns=AGREEMENT_COLUMNS)


CONFLICT_COLUMNS = ["measure", "group", "first", "second", "first_claim", "second_claim", "kind", "reason"]


def conflicts(intervals: pd.DataFrame) -> pd.DataFrame:
    """Every pair of document estimates of the same measure and comparison
    group whose intervals do not fit together (``first_claim``/``second_claim``
    their claim ids, ``first``/``second`` their document and interval in
    words), with the kind of reason:

    - ``different place scope``: a Budapest-only count below an all-Hungary
      count; a part may be smaller than the whole, so this is no contradiction;
    - ``error``: a Budapest-only count above an all-Hungary count (a part
      cannot exceed the whole), or two counts of the same scope that do not
      overlap.

    A figure for several measures together has its own measure, so it is
    never set against a count of one of them.
    """
    rows = []
    for (measure, group), members in _grouped(_quantified(intervals), ["measure", "group"]).items():
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                kind, reason = _classify(first, second)
                if kind is None:
                    continue
                rows.append({"measure": measure, "group": group, "first": _describe(first),
                             "second": _describe(second), "first_claim": first["claim_id"],
                             "second_claim": second["claim_id"], "kind": kind, "reason": reason})
    return pd.DataFrame(_in_measure_order(rows, ["group"]), columns=CONFLICT_COLUMNS)


def _describe(row: Row) -> str:
    return f"{_name(row['doc_id'])} ({place_words(row['place'])}): {_row_interval(row)}"


def _classify(first: Row, second: Row) -> tuple[str | None, str]:
    """(kind, reason) for a pair that does not fit together; (None, '') otherwise.
    Whether two counts conflict is the one rule of
    :func:`helpers.evidence.verdicts.number_pair_verdict`; this lesson names
    the kinds of misfit it teaches."""
    a, b = _interval(first), _interval(second)
    verdict = number_pair_verdict(a, b, first["scope"], second["scope"], PART, WHOLE)
    if first["scope"] == second["scope"]:
        if verdict != "conflict":
            return None, ""
        return "error", "the same thing counted over the same place, yet no overlap: at least one is wrong (or the words are read too narrowly)"
    if verdict is None:
        return None, ""  # e.g. abroad against all Hungary: not comparable
    scopes = {first["scope"]: first, second["scope"]: second}
    part, whole = scopes[PART], scopes[WHOLE]
    part_high = _interval(part)[1]
    whole_low = _interval(whole)[0]
    if verdict == "conflict":
        return "error", f"the Budapest count of the {_name(part['doc_id'], True)} exceeds the all-Hungary count of the {_name(whole['doc_id'], True)}"
    if part_high is not None and part_high < whole_low:
        return ("different place scope", f"the {_name(part['doc_id'], True)} counts Budapest only, the "
                f"{_name(whole['doc_id'], True)} all Hungary: a part may be smaller than the whole")
    return None, ""


def part_whole_compatible(intervals: pd.DataFrame) -> dict[tuple[str, str], bool]:
    """(measure, group) -> whether every Budapest-only count is at most the
    all-Hungary counts allow; only where both scopes have a number."""
    out: dict[tuple[str, str], bool] = {}
    for (measure, group), members in sorted(_grouped(_quantified(intervals), ["measure", "group"]).items()):
        parts = [row for row in members if row["scope"] == PART]
        wholes = [row for row in members if row["scope"] == WHOLE]
        if not parts or not wholes:
            continue
        out[(measure, group)] = all(
            _optional(whole["high"]) is None or int(part["low"]) <= int(whole["high"])
            for part in parts for whole in wholes
        )
    return out


# --------------------------------------------------------------------------
# The documents against the yardstick
# --------------------------------------------------------------------------


SAME_PLACE, PART_OF_WHOLE, WHOLE_AND_PART = "same place", "part of the whole", "whole against a part"
PAIR_COLUMNS = ["claim_id", "doc_id", "measure", "counted", "group", "scope", "ref_id", "ref_scope", "figure",
                "source", "relation", "fits"]


def _reading_of(intervals: pd.DataFrame) -> Reading:
    readings = set(intervals["reading"]) if "reading" in intervals.columns else set()
    if len(readings) > 1:
        raise ValueError(f"the estimates mix readings {sorted(readings)}; compare one reading at a time")
    return readings.pop() if readings else "central"


def yardstick_pairs(intervals: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Every (document estimate with a number, yardstick figure) pair that
    can be compared: same measure and comparison group, and the same scope
    (``relation`` 'same place'), a Budapest-only estimate against an
    all-Hungary figure ('part of the whole') or an all-Hungary estimate
    against a Budapest-only figure ('whole against a part'). The yardstick's
    words are read under the estimates' reading. ``fits``: the intervals
    overlap (same place); the Budapest count can be no larger than the whole
    country's (part of the whole); the whole country's count can be at least
    the Budapest one (whole against a part)."""
    figures = _grouped(_records(reference_with_scope(chosen, _reading_of(intervals))), ["measure", "group"])
    rows = []
    for row in _quantified(intervals):
        low, high = _interval(row)
        for ref in figures.get((row["measure"], row["group"]), []):
            research = (int(ref["ref_low"]), _optional(ref["ref_high"]))
            if ref["scope"] == row["scope"]:
                relation, fits = SAME_PLACE, overlaps((low, high), research)
            elif row["scope"] == PART and ref["scope"] == WHOLE:
                relation, fits = PART_OF_WHOLE, research[1] is None or low <= research[1]
            elif row["scope"] == WHOLE and ref["scope"] == PART:
                relation, fits = WHOLE_AND_PART, high is None or high >= research[0]
            else:
                continue
            rows.append({"claim_id": row["claim_id"], "doc_id": row["doc_id"], "measure": row["measure"],
                         "counted": row["counted"], "group": row["group"], "scope": row["scope"],
                         "ref_id": ref["ref_id"], "ref_scope": ref["scope"],
                         "figure": _figure(ref),
                         "source": ref.get("source") or source_label(ref["source_kind"], ref["counted_by"]),
                         "relation": relation, "fits": bool(fits)})
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _figure_list(pairs: list[Row]) -> str:
    scope = {PART_OF_WHOLE: ", all Hungary", WHOLE_AND_PART: ", Budapest only"}
    return "; ".join(f"{pair['figure']} ({pair['source']}{scope.get(pair['relation'], '')})" for pair in pairs)


SCORECARD_COLUMNS = ["doc_id", *ESTIMATE_WORDS, "verdict", "fits", "misses", "quote", "claim_id", "claim_ids", "measure",
                     "counted", "group", "compared", "quantified"]


def scorecard(intervals: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Every document estimate against the yardstick, one row each: the
    estimate in words (:func:`_estimate_words`), a verdict in words, the
    yardstick figures it fits and misses, how many it was compared with and
    whether it gives a number at all (see :func:`yardstick_pairs`)."""
    pairs = _grouped(_records(yardstick_pairs(intervals, chosen)), ["claim_id"])
    scoped = _records(reference_with_scope(chosen))
    by_scope = _grouped(scoped, ["measure", "scope"])
    by_measure = _grouped(scoped, ["measure"])
    rows = []
    for position, row in enumerate(_records(intervals)):
        mine = pairs.get((row["claim_id"],), [])
        fits = [pair for pair in mine if pair["fits"]]
        misses = [pair for pair in mine if not pair["fits"]]
        if not row["quantified"]:
            verdict = "no number to compare"
        elif is_together(row["measure"]):
            verdict = (f"not compared: {together_words(row['measure'])}, "
                       f"not a count of any one of them")
        elif not mine:
            others = sorted({who(ref["counted"]) for ref in by_scope.get((row["measure"], row["scope"]), [])})
            elsewhere = list(dict.fromkeys(f"{_lower_first(count_phrase(ref['measure'], ref['counted']))}, "
                                           f"{place_words(ref['place'])}"
                                           for ref in by_measure.get((row["measure"],), [])))
            if others:
                verdict = (f"no yardstick figure: the yardstick counts {' and '.join(others)}, "
                           f"this document {who(row['counted'])}")
            elif elsewhere:
                verdict = f"no yardstick figure for the same count: the yardstick counts only {' and '.join(elsewhere)}"
            else:
                verdict = "no yardstick figure for this count"
        elif not misses:
            verdict = f"fits all {len(mine)}" if len(mine) > 1 else "fits the one figure"
        elif not fits:
            verdict = f"misses all {len(mine)}" if len(mine) > 1 else "misses the one figure"
        else:
            verdict = f"fits {len(fits)} of {len(mine)}"
        rows.append({"doc_id": row["doc_id"], **_estimate_words(row), "verdict": verdict, "fits": _figure_list(fits),
                     "misses": _figure_list(misses), "quote": row["quote"], "measure": row["measure"],
                     "counted": row["counted"], "group": row["group"], "position": position, "claim_id": row["claim_id"],
                     "claim_ids": row["claim_ids"], "compared": len(mine), "quantified": bool(row["quantified"])})
    return pd.DataFrame(_in_measure_order(rows, ["position"]), columns=SCORECARD_COLUMNS)


def against_yardstick(card: pd.DataFrame, measures: Iterable[str], groups: Iterable[str] | None = None) -> str:
    """A few sentences: how the estimates with a number of these measures
    (and comparison groups) fare against the yardstick, naming every miss,
    every figure for several things together (not compared) and every
    estimate that meets no yardstick figure."""
    wanted = set(measures)
    mine = card[card["quantified"] & card["measure"].map(lambda m: set(parts_of(m)) <= wanted)]
    if groups is not None:
        mine = mine[mine["group"].isin(set(groups))]
    if mine.empty:
        return "No document gives a number here."
    met = mine[mine["compared"] > 0]
    missing = met[met["misses"] != ""]
    n, k, fit = len(mine), len(met), len(met) - len(missing)
    if k == 0:
        first = "no estimate here with a number meets"
    elif k == n:
        first = f"all {n} estimates with a number meet" if n > 1 else "the one estimate with a number meets"
    else:
        first = f"{k} of the {n} estimates with a number {'meets' if k == 1 else 'meet'}"
    sentence = f"Against the yardstick: {first} a yardstick figure for the same count"
    if k:
        if fit == k:
            sentence += ", and " + ("all of them fit every figure they meet" if k > 1 else "it fits every figure it meets")
        elif fit == 0:
            sentence += ", and " + ("none of them fits every figure it meets" if k > 1 else "it misses")
        else:
            sentence += f", and {fit} of them {'fits' if fit == 1 else 'fit'} every figure they meet"
    sentences = [sentence + "."]
    sentences += [f"The {_name(row.doc_id, True)}'s “{row.words}” misses {_listed(row.misses.split('; '))}."
                  for row in missing.itertuples()]
    for row in mine[mine["compared"] == 0].itertuples():
        if is_together(row.measure):
            sentences.append(f"The {_name(row.doc_id, True)}'s “{row.words}” is one figure for several things "
                             "together, so it is not compared.")
        else:
            sentences.append(f"The {_name(row.doc_id, True)}'s “{row.words}” meets no yardstick figure.")
    return " ".join(sentences)


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
                     "group": compared_as(ref["measure"], ref["counted"]),
                     "figure": _figure(ref),
                     "agree": list(dict.fromkeys(pair["doc_id"] for pair in mine if pair["fits"])),
                     "disagree": list(dict.fromkeys(pair["doc_id"] for pair in mine if not pair["fits"])),
                     "n_compared": len(mine)})
    return pd.DataFrame(rows, columns=["ref_id", "measure", "counted", "group", "figure", "agree", "disagree", "n_compared"])


SIDES_COLUMNS = ["conflict", "source", "text", "gloss", "read_as", "how", "number", "side_id"]


def gloss_of(note: object) -> str:
    """The curator's English gloss of an excerpt not in English ("[Gloss: ...]" in a note), or ""."""
    found = re.search(r"\[Gloss: (.*?)\]", _text(note))
    return found.group(1) if found else ""


READING_WORDS: dict[str, str] = {"narrow": "strictly", "central": "as above", "wide": "widely"}
CONFLICT_READING_COLUMNS = ["claim_id", "other", "kind", "doc_id", "words", "figure", "holds", "meets",
                            "read_as_there", "other_there"]


def conflict_readings(estimates: pd.DataFrame, chosen: pd.DataFrame, readings: Sequence[Reading] = READINGS,
                      reading: Reading = "central") -> pd.DataFrame:
    """Every conflict found under ``reading`` (two documents, :func:`conflicts`;
    a document estimate and a yardstick figure it misses,
    :func:`yardstick_pairs`), recomputed under each of ``readings``: one row
    per conflict with the claim (``claim_id``, ``doc_id``, its ``words``),
    the other side (``other``: a claim id or a ref id; ``figure``: the other
    side in words), ``kind`` ('documents' or 'yardstick'), the readings under
    which the conflict ``holds`` and those under which the two ``meets``
    (tuples), and, for the first reading under which they meet, the
    interval each side's words allow there (``read_as_there``,
    ``other_there``; empty when the conflict holds under every reading)."""
    per_reading = {r: document_intervals(estimates, r) for r in dict.fromkeys([reading, *readings])}
    found = conflicts(per_reading[reading])
    pairs = yardstick_pairs(per_reading[reading], chosen)
    rows = []
    for conflict in _records(found):
        rows.append({"claim_id": conflict["first_claim"], "other": conflict["second_claim"], "kind": "documents"})
    for pair in _records(pairs[~pairs["fits"]]):
        rows.append({"claim_id": pair["claim_id"], "other": pair["ref_id"], "kind": YARDSTICK,
                     "figure": f"{pair['figure']} ({pair['source']})"})
    for row in rows:
        row["holds"], row["meets"], row["read_as_there"], row["other_there"] = (), (), "", ""
        for r in readings:
            mine = per_reading[r].set_index("claim_id", drop=False)
            if row["kind"] == "documents":
                there = conflicts(per_reading[r])
                holds = bool(((there["first_claim"] == row["claim_id"]) & (there["second_claim"] == row["other"])).any())
                other_there = _row_interval(mine.loc[row["other"]])
            else:
                there = yardstick_pairs(per_reading[r], chosen)
                match = there[(there["claim_id"] == row["claim_id"]) & (there["ref_id"] == row["other"])]
                holds = not bool(match["fits"].all()) if len(match) else False
                ref = reference_with_scope(chosen, r).set_index("ref_id").loc[row["other"]]
                other_there = format_interval(int(ref["ref_low"]), _optional(ref["ref_high"]))
            claim = mine.loc[row["claim_id"]]
            if holds:
                row["holds"] += (r,)
            else:
                row["meets"] += (r,)
                if not row["read_as_there"]:
                    row["read_as_there"], row["other_there"] = _row_interval(claim), other_there
        claim = per_reading[reading].set_index("claim_id", drop=False).loc[row["claim_id"]]
        row["doc_id"] = claim["doc_id"]
        row["words"] = _words(claim["number_text"], claim["qualifier_text"])
        if row["kind"] == "documents":
            other = per_reading[reading].set_index("claim_id", drop=False).loc[row["other"]]
            row["figure"] = f"“{_words(other['number_text'], other['qualifier_text'])}” ({_name(other['doc_id'])})"
    return pd.DataFrame(rows, columns=CONFLICT_READING_COLUMNS)


def _rests_on_reading(row: Row) -> str:
    """The words a conflict side gets when the conflict disappears under another reading."""
    meets = [r for r in row["meets"]]
    return (f" by the rule above; read {_listed(READING_WORDS.get(r, r) for r in meets)} "
            f"({row['read_as_there']} against {row['other_there']}), they meet: the conflict rests on how the "
            "words are read")


def conflict_sides(intervals: pd.DataFrame, chosen: pd.DataFrame, found: pd.DataFrame,
                   by_reading: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every conflict with its texts side by side, one row per side: the
    conflicts among the documents (``found``, from :func:`conflicts`) first,
    two rows each; then every document estimate that misses yardstick
    figures, its own row followed by one row per figure it misses. Columns:
    the conflict (number and what is counted, on its first row), who says
    it (a document or a kind of source), their words (a document's quote or
    a source's excerpt), the curator's English gloss of an excerpt not in
    English, the interval the words allow (both sides read by the same
    convention), and how a side differs from the document's; ``number``
    (the conflict's number) and ``side_id`` (the side's claim id or ref id)
    for a lesson's code. With
    ``by_reading`` (:func:`conflict_readings`), a side whose conflict
    disappears under another reading of the words says so, and under which
    reading."""
    rests = {} if by_reading is None else {(row["claim_id"], row["other"]): row for row in _records(by_reading)
                                           if row["meets"]}
    by_claim = {row["claim_id"]: row for row in _records(intervals)}
    by_ref = {row["ref_id"]: row for row in _records(reference_with_scope(chosen, _reading_of(intervals)))}
    rows: list[dict[str, str]] = []
    number = 0
    for conflict in _records(found):
        number += 1
        first, second = by_claim[conflict["first_claim"]], by_claim[conflict["second_claim"]]
        for position, row in enumerate((first, second)):
            rows.append({"conflict": f"{number}. {group_phrase(conflict['measure'], conflict['group'])}"
                         if position == 0 else "", "number": number, "side_id": row["claim_id"],
                         "source": _name(row["doc_id"]), "text": row["quote"], "gloss": "",
                         "read_as": _row_interval(row),
                         "how": "" if position == 0 else f"{conflict['kind']}: {conflict['reason']}"
                         + (_rests_on_reading(rests[key]) if (key := (conflict["first_claim"],
                                                                       conflict["second_claim"])) in rests else "")})
    pairs = yardstick_pairs(intervals, chosen)
    for (claim_id,), missed in _grouped(_records(pairs[~pairs["fits"]]), ["claim_id"]).items():
        number += 1
        row = by_claim[claim_id]
        low, high = _interval(row)
        rows.append({"conflict": f"{number}. {group_phrase(row['measure'], row['group'])}",
                     "number": number, "side_id": claim_id, "source": _name(row["doc_id"]), "text": row["quote"], "gloss": "",
                     "read_as": format_interval(low, high), "how": ""})
        for pair in missed:
            ref = by_ref[pair["ref_id"]]
            research = (int(ref["ref_low"]), _optional(ref["ref_high"]))
            if pair["relation"] == WHOLE_AND_PART:
                how = "a count for Budapest alone, larger than the document allows for all Hungary"
            elif pair["relation"] == PART_OF_WHOLE:
                how = "a count for all Hungary, smaller than the document's for Budapest alone"
            else:
                side = "below" if research[1] is not None and research[1] < low else "above"
                how = f"{side} the document's range"
                how += (_rests_on_reading(rests[(claim_id, pair["ref_id"])]) if (claim_id, pair["ref_id"]) in rests
                        else ": no number fits both")
            rows.append({"conflict": "", "number": number, "side_id": pair["ref_id"],
                         "source": f"◆ {pair['source']} (grade {ref['grade']})",
                         "text": ref["excerpt"], "gloss": gloss_of(ref["note"]), "read_as": format_interval(*research),
                         "how": how})
    return pd.DataFrame(rows, columns=SIDES_COLUMNS)


def yardstick_spread(chosen: pd.DataFrame) -> pd.DataFrame:
    """Where the yardstick itself holds more than one figure for the same
    count and place: the figures with their kinds of source, and the lowest
    and highest number their words allow (an open bound shown as such)."""
    rows = []
    for (measure, group, scope), members in _grouped(_records(reference_with_scope(chosen)),
                                                     ["measure", "group", "scope"]).items():
        if len(members) < 2:
            continue
        lows = [int(ref["ref_low"]) for ref in members]
        highs = [_optional(ref["ref_high"]) for ref in members]
        top = None if any(high is None for high in highs) else max(highs)
        rows.append({"measure": measure, "count": group_phrase(measure, group), "where": scope,
                     "figures": "; ".join(f"{_figure(ref)} ({ref['source']})" for ref in members),
                     "lowest": f"{min(lows):,}", "highest": "no upper bound" if top is None else f"{top:,}",
                     "n_figures": len(members)})
    return pd.DataFrame(_in_measure_order(rows, []),
                        columns=["count", "where", "figures", "lowest", "highest", "n_figures"])


def same_figure_other_scope(intervals: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Document estimates whose number equals a yardstick figure for the same
    measure and comparison group but another scope (e.g. a count read as
    Budapest only that equals a figure for all Hungary): a hint that the
    place may have been read too narrowly, or the figure copied."""
    scoped = reference_with_scope(reference)
    quantified = intervals[intervals["quantified"] & intervals["value"].notna()]
    merged = quantified.merge(scoped[["ref_id", "measure", "group", "scope", "value", "place", "figure_as_published",
                                      "source_kind", "counted_by", "qualifier_key"]].rename(
                                          columns={"qualifier_key": "ref_qualifier_key"}),
                              on=["measure", "group", "value"], suffixes=("", "_ref"))
    merged = merged[merged["scope"] != merged["scope_ref"]]
    out = merged.assign(
        count=[count_phrase(m, c) for m, c in zip(merged["measure"], merged["counted"])],
        where=merged["place"].map(place_words), where_ref=merged["place_ref"].map(place_words),
        source=[source_label(k, b) for k, b in zip(merged["source_kind"], merged["counted_by"])],
        figure=[figure_words(f, v, k) for f, v, k in
                zip(merged["figure_as_published"], merged["value"], merged["ref_qualifier_key"])],
    )
    return out[["claim_id", "doc_id", "count", "number_text", "where", "ref_id", "figure", "source",
                "where_ref", "quote", "note"]].reset_index(drop=True)


# --------------------------------------------------------------------------
# Sensitivity to the reading of vague words
# --------------------------------------------------------------------------


def sensitivity_table(estimates: pd.DataFrame, chosen: pd.DataFrame,
                      readings: Sequence[Reading] = READINGS) -> pd.DataFrame:
    """The lesson's conclusions under each reading of the vague words (the
    documents' and the yardstick's alike).

    One row per conclusion (``kind`` 'documents' or 'yardstick', with the
    ``ref_id`` of a yardstick conclusion and its measure, group, scope),
    one column per reading with the answer in words, and ``flips``: whether
    the answer (yes/no, or the set of documents that fit) changes from one
    reading to another. Conclusions: do the documents' intervals of one
    measure, group and scope all overlap (groups of two or more
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
            names = " and ".join(_name(doc, True) for doc in group["doc_ids"])
            question = f"{group['count']} ({group['scope']}): do the {names} agree?"
            answer = f"yes: {group['joint']}" if group["agree"] else "no"
            subject = {"kind": "documents", "ref_id": "", "measure": group["measure"], "group": group["group"],
                       "scope": group["scope"]}
            record(question, subject, reading, answer, bool(group["agree"]))
        for (measure, group_key), ok in part_whole_compatible(intervals).items():
            question = f"{group_phrase(measure, group_key)}: is every Budapest count within the all-Hungary counts?"
            subject = {"kind": "documents", "ref_id": "", "measure": measure, "group": group_key,
                       "scope": f"{PART} in {WHOLE}"}
            record(question, subject, reading, "yes" if ok else "no", ok)
        for ref in _records(research_agreement(intervals, chosen)):
            if ref["n_compared"] == 0:
                continue
            source = sources.get(ref["ref_id"], "")
            question = (f"{group_phrase(ref['measure'], ref['group'])}: which documents fit "
                        f"{ref['figure']} ({source})?")
            subject = {"kind": YARDSTICK, "ref_id": ref["ref_id"], "measure": ref["measure"], "group": ref["group"],
                       "scope": ""}
            fitting = tuple(ref["agree"])
            record(question, subject, reading, ", ".join(_name(doc) for doc in fitting) or "none", fitting)
    rows = [{**about[q], "conclusion": q, **answers[q],
             "flips": len({repr(v) for v in verdicts[q].values()}) > 1} for q in answers]
    return pd.DataFrame(rows, columns=["kind", "ref_id", "measure", "group", "scope", "conclusion", *readings, "flips"])


# --------------------------------------------------------------------------
# The interval chart
# --------------------------------------------------------------------------

CHART_COLUMNS = ["panel", "group", "label", "key", "low", "high", "text", "hover"]
UNIT_TITLES: dict[str, str] = {"tanks": "Number of tanks"}  # an x axis's title per measure; else people
PEOPLE_TITLE = "Number of people"


def _wrap_hover(text: str) -> str:
    from helpers.display.claims import wrap_for_hover

    return wrap_for_hover(text)


def chart_rows(intervals: pd.DataFrame, chosen: pd.DataFrame | None = None,
               label_suffix: str | None = None, panel: str = "measure") -> pd.DataFrame:
    """One row per drawn estimate: the document estimates with a number
    (``key`` = doc_id) and, optionally, the yardstick figures (``key`` =
    'yardstick', their words read under the estimates' reading), each with
    its panel (the column ``panel``), group (:func:`compared_as`), a
    two-line label in words (who says it; who is counted and where, and a
    yardstick figure as published), bounds, the words to write beside it
    (a document's words and the interval they allow; for a yardstick figure
    whose words are not a bare number, the interval) and a hover text
    (plain text, which show_figure escapes for plotly). ``label_suffix`` names a column whose value is
    added to the labels. A label that would repeat within a panel gets a
    running number."""
    rows = []
    for row in _quantified(intervals):
        second = _capital(f"{who(row['counted'])}, {place_words(row['place'])}")
        if label_suffix:
            second += f" · {row[label_suffix]}"
        low, high = int(row["low"]), _optional(row["high"])
        words = _words(row["number_text"], row["qualifier_text"])
        rows.append({
            "panel": row[panel], "group": row["group"], "label": f"{_name(row['doc_id'])}<br>{second}",
            "key": row["doc_id"], "low": low, "high": high, "text": f"“{words}”: {format_interval(low, high)}",
            "hover": _wrap_hover(f"{_name(row['doc_id'])}: “{words}” allows {format_interval(low, high)}. "
                                 f"The document's words: “{row['quote']}”"),
        })
    if chosen is not None:
        for ref in _records(reference_with_scope(chosen, _reading_of(intervals))):
            source = ref.get("source") or source_label(ref["source_kind"], ref["counted_by"])
            low, high = int(ref["ref_low"]), _optional(ref["ref_high"])
            figure = _figure(ref)
            second = _capital(f"{who(ref['counted'])}, {place_words(ref['place'])}: {figure}")
            if label_suffix and label_suffix in ref:
                second += f" · {ref[label_suffix]}"
            bare = ref["qualifier_key"] == "exact"  # a bare number or a range as written: the label says it
            rows.append({
                "panel": ref[panel] if panel in ref else ref["measure"], "group": ref["group"],
                "label": f"◆ {source}<br>{second}",
                "key": YARDSTICK, "low": low, "high": high,
                "text": "" if bare else f"allows {format_interval(low, high)}",
                "hover": _wrap_hover(f"{source}, grade {ref['grade']}: “{figure}” allows {format_interval(low, high)}. "
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


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def panel_top(rows: pd.DataFrame) -> int:
    """The largest real number of a panel: every lower bound and every finite
    upper bound (an open bound adds nothing)."""
    finite = [int(v) for v in rows["low"]] + [int(v) for v in rows["high"].dropna()]
    return max(finite + [1])


ARROW_SHARE = 0.12  # an open bound's arrow, as a share of the panel's largest number
AXIS_ROOM = 1.2  # the axis ends this far beyond the largest number, to leave room for arrows
# Sizes in pixels: the figure is as tall as its rows need, and no taller.
TOP_PX, BOTTOM_PX, ROW_PX, PANEL_PX, TITLE_PX = 10, 10, 40, 80, 40
# The words beside a mark are placed so that they stay inside the plot: the
# plot is about this wide on a projector, and a character about this wide.
PLOT_PX, CHAR_PX = 520, 8.0


def _text_anchor(low: int, right: int, x_end: float, text: str) -> tuple[float, str]:
    """Where the words beside a mark start (x, xanchor): after the mark's left
    end when they fit there, else ending at its right end, else ending at the
    axis's right end."""
    share = len(text) * CHAR_PX / PLOT_PX * x_end  # the words' width in the axis's units
    if low + share <= x_end:
        return low, "left"
    if right - share >= 0:
        return right, "right"
    return x_end, "right"


def _sorted_panel(rows: list[Row], rank: Mapping[str, int]) -> list[Row]:
    """A panel's rows top to bottom: the documents (in colour order, then by
    who is counted), then the yardstick figures."""
    return sorted(rows, key=lambda row: (row["key"] == YARDSTICK, rank.get(row["key"], len(rank)), row["group"]))


def figure_height(rows: pd.DataFrame, panels: Sequence[str], title: str = "") -> int:
    """The height in pixels :func:`estimate_figure` gives these rows."""
    drawn = [p for p in panels if (rows["panel"] == p).any()]
    return (TOP_PX + (TITLE_PX if title else 0) + BOTTOM_PX + ROW_PX * int(rows["panel"].isin(drawn).sum())
            + PANEL_PX * len(drawn))


def estimate_figure(rows: pd.DataFrame, colors: Mapping[str, str], panels: Sequence[str],
                    panel_titles: Mapping[str, str] | None = None, title: str = "",
                    reference_color: str = "#555555", x_titles: Mapping[str, str] | None = None):
    """A plotly figure for a projector: one panel per entry of ``panels``
    that has rows (others are left out), each with its own **linear** x axis
    from 0 to a little beyond the panel's largest real number, so that an
    open estimate never stretches the scale, titled by its unit ("Number of
    people"). One row per estimate (from :func:`chart_rows`), labelled in
    words: the documents first, then the yardstick. A range is a bar from
    low to high, a single figure a marker; an estimate with no upper bound is
    a marker at its lower bound with a short arrow and the words "no upper
    bound". The words beside a mark say how it is read. Documents take
    their colour from ``colors`` (circles); yardstick figures are grey
    diamonds. The labels name every row, so there is no legend; the figure
    has a title only when ``title`` is given (a lesson's caption names it).

    The marks a reader can hover (and that the text alternative lists) are
    one marker per estimate, at its lower bound or single figure; bars,
    arrows and the words beside them are layout shapes and annotations."""
    from plotly.subplots import make_subplots

    rank = {key: position for position, key in enumerate(colors)}
    by_panel = _grouped(_records(rows), ["panel"])
    panels = [p for p in panels if (p,) in by_panel]
    if not panels:
        raise ValueError("no rows to draw in the given panels")
    counts = [len(by_panel[(p,)]) for p in panels]
    top_px = TOP_PX + (TITLE_PX if title else 0)
    height = figure_height(rows, panels, title)
    plot_px = height - top_px - BOTTOM_PX
    spacing = (PANEL_PX - 4) / plot_px if len(panels) > 1 else 0
    figure = make_subplots(rows=len(panels), cols=1, shared_xaxes=False, row_heights=[c + 0.6 for c in counts],
                           subplot_titles=[(panel_titles or {}).get(p, measure_title(str(p))) for p in panels],
                           vertical_spacing=spacing)
    traces: list[dict[str, Any]] = []
    trace_rows: list[int] = []
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    axes: dict[str, dict[str, Any]] = {}
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
                legendgroup=key, showlegend=False,
                hovertext=[row["hover"] for row in part], hoverinfo="text",
                marker={"color": colour, "size": 15 if key == YARDSTICK else 13,
                        "symbol": "diamond" if key == YARDSTICK else "circle", "line": {"color": "white", "width": 1}},
            ))
            trace_rows.append(position)
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
                if not row["text"]:
                    continue  # a yardstick figure that is a bare number: its label names it
                x, anchor = _text_anchor(low, right, x_end, str(row["text"]))
                annotations.append(dict(
                    xref=xname, yref=yname, x=x, y=y + 0.2, showarrow=False,
                    xanchor=anchor, yanchor="bottom",
                    text=str(row["text"]), font={"size": 14, "color": "#222222"},
                ))
        axes[subplot.xaxis.plotly_name] = {"type": "linear", "range": [0, x_end], "tickformat": ",d",
                                           "showgrid": True, "gridcolor": "#e5e5e5", "tickfont": {"size": 14},
                                           "nticks": 6, "zeroline": False,
                                           "title": {"text": (x_titles or {}).get(panel, UNIT_TITLES.get(str(panel), PEOPLE_TITLE)),
                                                     "font": {"size": 14}, "standoff": 4}}
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
        height=height, shapes=shapes, annotations=titles + annotations, showlegend=False,
        margin={"l": 20, "r": 30, "t": top_px + 26, "b": BOTTOM_PX + 36},
        hoverlabel={"font": {"size": 14}, "align": "left"},
    )
    if title:
        layout["title"] = {"text": title, "yref": "container", "y": 1 - 10 / height,
                           "yanchor": "top", "font": {"size": 20}}
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
        title = (panel_titles or {}).get(panel, measure_title(str(panel)))
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
    group, scope) under every reading, one panel per group, each label
    ending in its reading; the yardstick figures of the same groups, read
    under the same readings, are added to their panels."""
    keys = ["measure", "group", "scope"]
    groups = groups[keys].drop_duplicates()

    def with_panel(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.merge(groups, on=keys, how="inner")
        return frame.assign(panel=[f"{group_phrase(m, g)} · {s}" for m, g, s in
                                   zip(frame["measure"], frame["group"], frame["scope"])])

    parts = []
    for reading in readings:
        intervals = with_panel(document_intervals(estimates, reading))
        references = reference_with_scope(chosen, reading)
        references = references.merge(groups, on=keys, how="inner")
        references = references.assign(panel=[f"{group_phrase(m, g)} · {s}" for m, g, s in
                                              zip(references["measure"], references["group"], references["scope"])])
        references = references.drop(columns=["scope", "group", "ref_low", "ref_high"])
        parts.append(chart_rows(intervals, references, label_suffix="reading", panel="panel"))
    out = pd.concat(parts, ignore_index=True)
    # Keep each panel's rows together, in the order the readings were drawn.
    order = {panel: position for position, panel in enumerate(dict.fromkeys(out["panel"]))}
    return out.sort_values("panel", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
