"""Leadership changes: the claims as written, the sequence of power, who
decided, dates compared with each other and with scholarship.

Works on the ``leadership_changes`` table. Documents tell changes in their
own order and often without dates, so every function here keeps each
document's version apart and orders claims by date where the document gives
one and by the place the claim has in the document's narrative otherwise.

A claim is shown as the document makes it (office, date and decider as
written), with the curator's reading (the normalised office, the resolved
date, the decider's code) *beside* it, never in its place: see
:func:`claims_as_written`.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from helpers.evidence.corpus import quote_offsets
from helpers.evidence.dates import DATE_VERDICT_WORDS, date_verdict, spans_agree, with_date_bounds
from helpers.display.claims import document_name, human_date, words

GAINS: tuple[str, ...] = ("took_office", "regained_office")
LOSSES: tuple[str, ...] = ("lost_office", "resigned", "removed")
FATES: tuple[str, ...] = ("arrested", "charged", "declared_traitor", "exiled", "executed")
# Offices of government in Hungary; a resistance leadership or the Soviet
# leadership are not steps in the sequence of power over Hungary.
HUNGARIAN_OFFICES: tuple[str, ...] = ("party_leader", "prime_minister", "head_of_government", "leader_unspecified")
SOVIET_DECIDERS: tuple[str, ...] = (
    "soviet_politburo", "soviet_presidium", "kremlin", "soviet_leaders", "khrushchev", "moscow", "soviets",
)
CHANGE_KIND = {**{c: "gain" for c in GAINS}, **{c: "loss" for c in LOSSES}, **{c: c for c in FATES}}

# The curator's codes in words (a code not listed is shown as its name in words).
OFFICE_WORDS: dict[str, str] = {
    "party_leader": "party leader",
    "prime_minister": "prime minister",
    "head_of_government": "head of government",
    "leader_unspecified": "leader, office not named",
    "resistance_leader": "leader of the resistance",
    "soviet_leader": "Soviet leader",
}
CHANGE_WORDS: dict[str, str] = {"declared_traitor": "declared a traitor", "exiled": "sent into exile"}
KIND_WORDS: dict[str, str] = {
    "gain": "took or regained office", "loss": "lost office", "arrested": "arrested", "charged": "charged",
    "declared_traitor": "declared a traitor", "exiled": "sent into exile", "executed": "executed",
}
MOSCOW = "Moscow"
DECIDER_WORDS: dict[str, str] = {
    "self": "the person themselves", "unspecified": "no one named", "party_rivals": "party rivals",
}
# Historians keep two offices apart that the documents mix: the party's
# leader and the head of government (prime minister; from 1949 formally the
# chairman of the Council of Ministers).
OFFICE_FAMILY: dict[str, str] = {
    "party_leader": "Party leader", "prime_minister": "Head of government", "head_of_government": "Head of government",
}
VERDICT_WORDS: dict[str, str] = DATE_VERDICT_WORDS
NO_REFERENCE = "not in the scholarly table"
HISTORIANS = "Historians (scholarly table)"


def prepare_changes(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Leadership changes with the person's name, the date's bounds, the
    change's kind (gain, loss or a fate), its offset in the document and its
    year (text, like the date: ``"1956"``; missing where undated)."""
    changes = tables["leadership_changes"].merge(
        tables["people"][["person_id", "canonical_name"]], on="person_id", how="left", validate="many_to_one"
    )
    changes = with_date_bounds(changes)
    changes["kind"] = changes["change"].map(CHANGE_KIND)
    changes["offset"] = quote_offsets(changes, tables["documents"]).to_numpy()
    changes["year"] = changes["date"].str.slice(0, 4)
    return changes


def prepare_reference(reference: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """The scholarly table with each person's name as the people table
    writes it (or as the reference writes it, for a person no document
    names), the kind of change, the year and the date's bounds."""
    names = dict(zip(people["person_id"], people["canonical_name"]))
    out = with_date_bounds(reference)
    out["canonical_name"] = [names.get(p, n) if not pd.isna(p) else n
                             for p, n in zip(out["person_id"], out["person"])]
    out["kind"] = out["change"].map(CHANGE_KIND)
    out["year"] = out["date"].str.slice(0, 4)
    return out


def surname(name: str) -> str:
    return str(name).split()[-1]


# --- the claims as the documents make them ---------------------------------

def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == ""


def as_written_and_read(written: object, reading: str, missing: str, nothing: str | None = None) -> str:
    """A document's words with the curator's reading beside them:
    ``“general secretary” (read as: party leader)``; the words alone where
    the reading says the same; ``missing (read as: ...)`` where the document
    writes nothing and the curator reads something from the context;
    ``nothing`` (default: ``missing``) where neither says anything."""
    if _blank(written):
        return f"{missing} (read as: {reading})" if reading else (missing if nothing is None else nothing)
    text = str(written)
    if not reading or " ".join(text.lower().split()) == reading.lower():
        return f"“{text}”"
    return f"“{text}” (read as: {reading})"


def date_shown(date_text: object, date: object) -> str:
    """The date as the document writes it, with the curator's reading:
    ``“July of 1956” (read as: July 1956)``, ``not written (read as:
    October 1956)`` for a date taken from the context, ``no date``."""
    return as_written_and_read(date_text, "" if _blank(date) else human_date(date), "not written", "no date")


def office_reading(office: object) -> str:
    return "" if _blank(office) else OFFICE_WORDS.get(str(office), words(office))


def decider_reading(code: object, names: Mapping[str, str]) -> str:
    """The curator's reading of who decided, in words: every Soviet body
    or leader is read as Moscow."""
    if _blank(code):
        return ""
    code = str(code)
    if code in SOVIET_DECIDERS:
        return MOSCOW
    return DECIDER_WORDS.get(code) or names.get(code) or words(code)


def change_words(change: object) -> str:
    return CHANGE_WORDS.get(str(change), words(change))


def claims_as_written(changes: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """One row per claim, for a class: the person, the change, and the
    office, date and decider each as the document writes them with the
    curator's reading beside them, and the quote. Rows in each document's
    narrative order."""
    names = dict(zip(people["person_id"], people["canonical_name"]))
    out = changes.sort_values(["doc_id", "offset", "claim_id"], kind="stable").copy()
    out["person"] = out["canonical_name"]
    out["what_changed"] = [change_words(c) for c in out["change"]]
    offices = []
    for kind, written, office in zip(out["kind"], out["office_as_written"], out["office"]):
        reading = office_reading(office)
        # A fate is no office: nothing to show unless the document names one.
        offices.append("" if kind in FATES and _blank(written) and not reading
                       else as_written_and_read(written, reading, "not named"))
    out["office_shown"] = offices
    out["date_shown"] = [date_shown(t, d) for t, d in zip(out["date_text"], out["date"])]
    out["decided_by_shown"] = [
        "no one named" if code == "unspecified" and _blank(written)
        else as_written_and_read(written, decider_reading(code, names), "not named")
        for code, written in zip(out["decided_by"], out["decided_by_as_written"])
    ]
    out["claim_shown"] = [
        claim_sentence(person, what, office, date, decider, "Done by" if kind in FATES else "Decided by")
        for person, what, office, date, decider, kind in zip(out["person"], out["what_changed"], out["office_shown"],
                                                               out["date_shown"], out["decided_by_shown"], out["kind"])
    ]
    return out.reset_index(drop=True)


def claim_sentence(person: str, what: str, office: str, date: str, decider: str, decider_label: str = "Decided by") -> str:
    """A claim in one cell: "Mátyás Rákosi resigned. Office: “general
    secretary” (read as: party leader). Date: “June 1956”. Decided by: ..."."""
    parts = [f"{person} {what}."]
    if office:
        parts.append(f"Office: {office}.")
    parts.append(f"Date: {date}.")
    parts.append(f"{decider_label}: {decider}.")
    return " ".join(parts)


# The columns of a claims table: the claim as recorded (the document's words
# in quotation marks, the curator's reading after "read as"), then the quote;
# show_table adds the corrections.
CLAIM_COLUMNS: dict[str, str] = {
    "doc_id": "Document",
    "claim_shown": "What it claims",
    "quote": "The document's words",
}


def spellings(name_variants: pd.DataFrame, people: pd.DataFrame, person_ids: Iterable[str]) -> pd.DataFrame:
    """How the documents spell each of the given people: one row per person
    with their spellings (correct ones first) and the misspellings' quotes."""
    names = dict(zip(people["person_id"], people["canonical_name"]))
    rows = []
    for person_id in person_ids:
        mine = name_variants[name_variants["person_id"] == person_id]
        if mine.empty:
            continue
        right = list(dict.fromkeys(mine.loc[~mine["is_misspelling"], "spelling"]))
        wrong = mine[mine["is_misspelling"]]
        rows.append({"person_id": person_id, "person": names.get(person_id, person_id), "spellings": right,
                     "misspellings": list(zip(wrong["doc_id"], wrong["spelling"], wrong["quote"]))})
    return pd.DataFrame(rows, columns=["person_id", "person", "spellings", "misspellings"])


# --- the sequence of power ----------------------------------------------------

def power_sequence(changes: pd.DataFrame) -> pd.DataFrame:
    """Each document's sequence of holders of power over Hungary, in the
    order the document tells it: one row per step, consecutive repeats of
    the same person collapsed.

    A person enters the sequence when the document has them gain an office,
    or lose one (losing it means they held it). Where one quote tells both
    ("X replaced Y"), the loss comes first.
    """
    moves = changes[changes["kind"].isin(["gain", "loss"]) & changes["office"].isin(HUNGARIAN_OFFICES)].copy()
    moves["loss_first"] = moves["kind"].ne("loss")
    rows = []
    previous: dict[str, str] = {}  # doc_id -> the person of its latest step
    for claim in moves.sort_values(["doc_id", "offset", "loss_first", "claim_id"]).itertuples(index=False):
        if previous.get(claim.doc_id) == claim.person_id:
            continue
        previous[claim.doc_id] = claim.person_id
        rows.append({"doc_id": claim.doc_id, "step": 0, "person_id": claim.person_id,
                     "name": claim.canonical_name, "how": claim.change, "date_text": claim.date_text,
                     "date": claim.date, "claim_id": claim.claim_id})
    sequence = pd.DataFrame(rows, columns=["doc_id", "step", "person_id", "name", "how", "date_text", "date", "claim_id"])
    sequence["step"] = sequence.groupby("doc_id").cumcount() + 1
    return sequence


def sequence_strings(sequence: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document: its sequence of power as "A → B → ..." and the
    number of changes of hands it records (steps minus one)."""
    surnames = sequence["name"].map(surname)
    joined = surnames.groupby(sequence["doc_id"]).agg(" → ".join)
    steps = sequence.groupby("doc_id").size()
    out = pd.DataFrame({"doc_id": documents["doc_id"]})
    out["sequence"] = out["doc_id"].map(joined).fillna("")
    out["changes_of_hands"] = out["doc_id"].map(steps - 1).fillna(0).astype(int)
    return out


def reference_sequences(reference: pd.DataFrame) -> pd.DataFrame:
    """The scholarly table's holders of each office (party leader; head of
    government), in the order of the dates historians give: one row per
    office with "A → B → ..." and the number of changes of hands.
    ``reference`` as returned by :func:`prepare_reference`."""
    moves = reference[reference["office"].isin(list(OFFICE_FAMILY)) & reference["kind"].isin(["gain", "loss"])].copy()
    moves["family"] = moves["office"].map(OFFICE_FAMILY)
    moves["loss_first"] = moves["kind"].ne("loss")
    rows = []
    for family in dict.fromkeys(OFFICE_FAMILY.values()):
        mine = moves[moves["family"] == family].sort_values(["date_first", "loss_first", "ref_id"], kind="stable")
        holders: list[str] = []
        for name in mine["canonical_name"]:
            if not holders or holders[-1] != name:
                holders.append(name)
        if holders:
            rows.append({"office": family, "sequence": " → ".join(surname(n) for n in holders),
                         "changes_of_hands": len(holders) - 1,
                         "first": mine["date"].iloc[0], "last": mine["date"].iloc[-1]})
    return pd.DataFrame(rows, columns=["office", "sequence", "changes_of_hands", "first", "last"])


def office_spells(changes: pd.DataFrame) -> pd.DataFrame:
    """Spells in office as each document tells them: a gain opens a spell
    for that person, the person's next loss or fate in the same document
    closes it. Spells whose start or end the document leaves undated keep
    missing dates (they are not guessed)."""
    rows = []
    claims_of: dict[tuple[str, str], list[Any]] = {}  # (doc_id, person_id) -> its claims, in document order
    for claim in changes.sort_values(["doc_id", "person_id", "offset", "claim_id"]).itertuples(index=False):
        claims_of.setdefault((claim.doc_id, claim.person_id), []).append(claim)
    for (doc_id, person_id), claims in sorted(claims_of.items()):
        open_spell = None
        for claim in claims:
            if claim.kind == "gain" and claim.office in HUNGARIAN_OFFICES:
                if open_spell is not None:
                    rows.append(open_spell)
                open_spell = {"doc_id": doc_id, "person_id": person_id, "name": claim.canonical_name,
                              "office": claim.office, "office_as_written": claim.office_as_written,
                              "start_text": claim.date_text, "start_date": claim.date, "start": claim.date_first,
                              "end_text": pd.NA, "end_date": pd.NA, "end": pd.NaT,
                              "start_claim": claim.claim_id, "end_claim": pd.NA}
            elif open_spell is not None and claim.kind != "gain":
                open_spell.update(end_text=claim.date_text, end_date=claim.date, end=claim.date_last,
                                  end_claim=claim.claim_id)
                rows.append(open_spell)
                open_spell = None
        if open_spell is not None:
            rows.append(open_spell)
    columns = ["doc_id", "person_id", "name", "office", "office_as_written", "start_text", "start_date", "start",
               "end_text", "end_date", "end", "start_claim", "end_claim"]
    return pd.DataFrame(rows, columns=columns)


# --- who decided ------------------------------------------------------------

def credit_table(changes: pd.DataFrame, people: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """For each document, how many of its gains and losses of office it
    credits to each decider (the curator's reading: every Soviet body or
    leader counts as Moscow), with the total and the share credited to
    Moscow in words ("2 of 5"). Columns are named in words; Moscow first,
    "no one named" last."""
    names = dict(zip(people["person_id"], people["canonical_name"]))
    moves = changes[changes["kind"].isin(["gain", "loss"])].copy()
    moves["decider"] = [decider_reading(c, names) for c in moves["decided_by"]]
    table = pd.crosstab(moves["doc_id"], moves["decider"]).reindex(list(doc_ids), fill_value=0)
    last = DECIDER_WORDS["unspecified"]
    middle = sorted(c for c in table.columns if c not in (MOSCOW, last))
    order = [c for c in (MOSCOW, *middle, last) if c in table.columns]
    table = table[order]
    table.columns.name = None
    total = table.sum(axis=1)
    moscow = table[MOSCOW] if MOSCOW in table.columns else pd.Series(0, index=table.index)
    table["All changes of office"] = total
    table["Credited to Moscow"] = [f"{m} of {t}" if t else "" for m, t in zip(moscow, total)]
    return table.reset_index(names="doc_id")


def soviet_share(changes: pd.DataFrame) -> pd.Series:
    """Per document, the share of its gains and losses of office that it
    credits to Moscow (any Soviet body or leader)."""
    moves = changes[changes["kind"].isin(["gain", "loss"])]
    return moves["decided_by"].isin(SOVIET_DECIDERS).groupby(moves["doc_id"]).mean().rename("soviet_share")


# --- dates compared -------------------------------------------------------------

def historians_dates(claims: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """For each dated claim, the scholarly rows on the same change (same
    person, same kind of change, same year) and whether the claim's date
    fits one of them (:func:`helpers.evidence.dates.spans_agree`: "1956" fits
    18 July 1956, "June 1956" does not). ``reference`` as returned by
    :func:`prepare_reference`. Adds ``historians_date`` (words),
    ``historians_sources`` and ``fits_historians`` (True, False, or
    missing where the scholarly table has no such row)."""
    out = claims.copy()
    found, sources, fits = [], [], []
    for name, kind, year, date in zip(out["canonical_name"], out["kind"], out["year"], out["date"]):
        rows = reference[(reference["canonical_name"] == name) & (reference["kind"] == kind)
                         & (reference["year"] == year)] if not _blank(date) else reference.iloc[0:0]
        if rows.empty:
            found.append(NO_REFERENCE if not _blank(date) else "")
            sources.append("")
            fits.append(pd.NA)
            continue
        found.append("; ".join(
            human_date(d) + (f" ({office_reading(o)})" if not _blank(o) else "")
            for d, o in zip(rows["date"], rows["office"])))
        sources.append("; ".join(dict.fromkeys(rows["source_title"])))
        fits.append(any(spans_agree([date, d]) for d in rows["date"]))
    out["historians_date"] = found
    out["historians_sources"] = sources
    out["fits_historians"] = pd.array(fits, dtype="boolean")
    return out


def date_comparison(changes: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Changes that two or more documents date (same person, same kind of
    change, same year), one row per claim: the date as written and as read,
    the verdict of the documents' dates taken together
    (:func:`helpers.evidence.dates.date_verdict`: same, compatible, conflict) and the
    historians' date with whether this claim's date fits it.
    ``reference`` as returned by :func:`prepare_reference`."""
    dated = changes[changes["date"].notna()].copy()
    keys = ["canonical_name", "kind", "year"]
    told_by = dated.groupby(keys)["doc_id"].transform("nunique")
    dated = dated[told_by >= 2]
    verdicts = dated.groupby(keys)["date"].agg(lambda d: date_verdict(d)).rename("verdict").reset_index()
    dated = dated.merge(verdicts, on=keys, how="left")
    dated["change_label"] = [f"{name} {KIND_WORDS.get(kind, words(kind))} ({year})"
                             for name, kind, year in zip(dated["canonical_name"], dated["kind"], dated["year"])]
    dated["date_shown"] = [date_shown(t, d) for t, d in zip(dated["date_text"], dated["date"])]
    dated["verdict_words"] = dated["verdict"].map(VERDICT_WORDS)
    dated = historians_dates(dated, reference)
    dated["fits_words"] = [("" if pd.isna(f) else "yes" if f else "no") for f in dated["fits_historians"]]
    order = {"conflict": 0, "compatible": 1, "same": 2}
    dated["verdict_order"] = dated["verdict"].map(order)
    return dated.sort_values(["verdict_order", "year", "canonical_name", "kind", "doc_id"], kind="stable"
                             ).reset_index(drop=True)


def comparison_by_wording(comparison: pd.DataFrame) -> pd.DataFrame:
    """:func:`date_comparison` with the documents that write a change's date
    the same way on one row (``doc_id`` then holds a list of documents)."""
    keys = ["verdict_order", "change_label", "date_shown", "verdict_words", "historians_date", "fits_words"]
    grouped = comparison.groupby(keys, sort=False, dropna=False).agg(
        doc_id=("doc_id", list), verdict=("verdict", "first"), year=("year", "first")).reset_index()
    return grouped.sort_values(["verdict_order"], kind="stable").reset_index(drop=True)


def verdict_counts(comparison: pd.DataFrame) -> dict[str, list[str]]:
    """For each verdict, the changes (their labels) that have it."""
    groups = comparison.drop_duplicates("change_label")
    return {verdict: groups.loc[groups["verdict"] == verdict, "change_label"].tolist() for verdict in VERDICT_WORDS}


def fate_overview(changes: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """What the documents say became of each leader, one row per person and
    fate: the documents that tell it, the dates they give (as written), the
    historians' dates for that fate (any year: a fate happens once) and
    whether every dated claim fits one of them (None where nothing can be
    compared). ``reference`` as returned
    by :func:`prepare_reference`."""
    fates = changes[changes["kind"].isin(FATES)]
    rows = []
    for (name, kind), mine in fates.groupby(["canonical_name", "kind"], sort=True):
        theirs = reference[(reference["canonical_name"] == name) & (reference["kind"] == kind)]
        dated = mine[mine["date"].notna()]
        fits = [any(spans_agree([d, r]) for r in theirs["date"]) for d in dated["date"]] if not theirs.empty else []
        rows.append({
            "person": name, "fate": KIND_WORDS.get(kind, words(kind)),
            "doc_ids": list(dict.fromkeys(mine["doc_id"])),
            "dates": [(doc, date_shown(t, d))
                      for doc, t, d in zip(dated["doc_id"], dated["date_text"], dated["date"])],
            "historians": [(human_date(d), source) for d, source in zip(theirs["date"], theirs["source_title"])],
            "all_fit": (all(fits) if fits else None),
        })
    return pd.DataFrame(rows, columns=["person", "fate", "doc_ids", "dates", "historians", "all_fit"])


def reference_for_class(reference: pd.DataFrame) -> pd.DataFrame:
    """The scholarly table as a class reads it: the change in words
    ("lost office as party leader"), in the order of its dates."""
    out = reference.sort_values(["date_first", "ref_id"], kind="stable").copy()
    out["what_changed"] = [change_words(c) + (f" as {office_reading(o)}" if not _blank(o) else "")
                           for c, o in zip(out["change"], out["office"])]
    return out.reset_index(drop=True)


# --- the timeline -----------------------------------------------------------------

KIND_SYMBOLS: dict[str, str] = {
    "gain": "triangle-up",
    "loss": "triangle-down",
    "arrested": "x",
    "charged": "square",
    "declared_traitor": "square-open",
    "exiled": "diamond-open",
    "executed": "cross",
}
PERIODS: dict[str, str | None] = {"year": "M12", "month": "M1", "day": None}
ROW_SEPARATOR = " · "


def timeline_rows(changes: pd.DataFrame, reference: pd.DataFrame, doc_ids: Sequence[str]) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """The dated claims and the scholarly dates on one row per person and
    source ("Imre Nagy · School essay"; the historians' row last in each
    person's group), people in the order of their first date.

    Returns (points, row names in order, tick label of each row: the
    person's name on the first row of their group, empty on the others).
    Only offices of Hungary and the fates of leaders are drawn.
    ``reference`` as returned by :func:`prepare_reference`."""
    claims = changes[changes["date"].notna() & (changes["office"].isin(HUNGARIAN_OFFICES) | changes["office"].isna())]
    claims = claims.assign(source=claims["doc_id"])
    scholarship = reference[reference["date"].notna()].assign(source=HISTORIANS)
    points = pd.concat([claims, scholarship], ignore_index=True, sort=False)
    points["source_name"] = [s if s == HISTORIANS else document_name(s) for s in points["source"]]
    # People in the order of their first date; on a tie, whoever first
    # loses an office comes before whoever first gains one (the loser held it).
    rank = points["kind"].map({"loss": 0, "gain": 1}).fillna(2)
    firsts = (points.assign(rank=rank).sort_values(["date_first", "rank"], kind="stable")
              .drop_duplicates("canonical_name").set_index("canonical_name"))
    source_order = {s: i for i, s in enumerate([*doc_ids, HISTORIANS])}
    rows: list[str] = []
    ticks: dict[str, str] = {}
    for name in firsts.index:
        sources = sorted(points.loc[points["canonical_name"] == name, "source"].unique(), key=source_order.get)
        for position, source in enumerate(sources):
            row = name + ROW_SEPARATOR + (HISTORIANS if source == HISTORIANS else document_name(source))
            rows.append(row)
            ticks[row] = name if position == 0 else ""
    points["row"] = points["canonical_name"] + ROW_SEPARATOR + points["source_name"]
    return points, rows, ticks


def wrap_hover_line(text: str, width: int = 70) -> str:
    """One line of a hover text, escaped and broken into lines of at most
    ``width`` characters with ``<br>``, at spaces only: a hyphenated word
    ("pro-Soviet") stays whole, so the quote in a hover still matches the
    claim's quote (and gets its corrections)."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _claim_hover(point: Any, names: Mapping[str, str]) -> str:
    lines = [f"{point.source_name}: {point.canonical_name} {change_words(point.change)}",
             "Date: " + date_shown(point.date_text, point.date)]
    office = office_reading(point.office)
    if office or not _blank(point.office_as_written):
        lines.append("Office: " + as_written_and_read(point.office_as_written, office, "not named"))
    lines.append("Decided by: " + ("no one named" if point.decided_by == "unspecified" and _blank(point.decided_by_as_written)
                                   else as_written_and_read(point.decided_by_as_written,
                                                            decider_reading(point.decided_by, names), "not named")))
    lines.append(f"“{point.quote}”")
    return "<br>".join(wrap_hover_line(line) for line in lines)


def _reference_hover(point: Any) -> str:
    what = change_words(point.change) + (f" as {office_reading(point.office)}" if not _blank(point.office) else "")
    lines = [f"{HISTORIANS}: {point.canonical_name} {what}, {human_date(point.date)}",
             f"Source: {point.source_title} (grade {point.grade})", f"“{point.excerpt}”"]
    return "<br>".join(wrap_hover_line(line) for line in lines)


def timeline_figure(changes: pd.DataFrame, reference: pd.DataFrame, people: pd.DataFrame,
                    documents: pd.DataFrame):
    """Interactive timeline: one row per person and source. Each dated
    claim is a marker in the middle of the span its date allows (a whole
    year, a month, a day) with a bar over that span, coloured by document
    and shaped by kind of change; the historians' dates in grey on the last
    row of each person. Hover texts carry the document's words.
    ``reference`` as returned by :func:`prepare_reference`."""
    import plotly.graph_objects as go

    from helpers.display.style import REFERENCE_COLOR, document_colors

    doc_ids = documents["doc_id"].tolist()
    colors = {**document_colors(doc_ids), HISTORIANS: REFERENCE_COLOR}
    names = dict(zip(people["person_id"], people["canonical_name"]))
    points, rows, ticks = timeline_rows(changes, reference, doc_ids)
    traces: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    # Every other person's group of rows shaded, so a row's person is plain.
    groups = [[r for r in rows if r.startswith(name + ROW_SEPARATOR)] for name in dict.fromkeys(
        r.split(ROW_SEPARATOR)[0] for r in rows)]
    position = {r: i for i, r in enumerate(rows)}
    for i, group in enumerate(groups):
        if i % 2 == 0:
            shapes.append({"type": "rect", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y",
                           "y0": position[group[0]] - 0.5, "y1": position[group[-1]] + 0.5,
                           "fillcolor": "#f0f0f0", "line": {"width": 0}, "layer": "below"})
    for source in [*doc_ids, HISTORIANS]:
        mine = points[points["source"] == source]
        if mine.empty:
            continue
        color = colors[source]
        for first, last, row in zip(mine["date_first"], mine["date_last"], mine["row"]):
            if last > first:
                shapes.append({"type": "line", "xref": "x", "yref": "y", "layer": "below",
                               "x0": first.strftime("%Y-%m-%d"),
                               "x1": (last + pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
                               "y0": position[row], "y1": position[row], "opacity": 0.45,
                               "line": {"color": color, "width": 8}})
        for precision, period in PERIODS.items():
            part = mine[mine["date_precision"] == precision]
            if part.empty:
                continue
            hovers = [_reference_hover(p) if source == HISTORIANS else _claim_hover(p, names)
                      for p in part.itertuples(index=False)]
            trace = dict(type="scatter", mode="markers", x=part["date"].tolist(), y=part["row"].tolist(),
                         name=part["source_name"].iloc[0], legendgroup=source, showlegend=False,
                         marker={"color": color, "size": 13, "line": {"color": "white", "width": 1},
                                 "symbol": [KIND_SYMBOLS.get(k, "circle") for k in part["kind"]]},
                         hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>")
            if period:
                trace.update(xperiod=period, xperiodalignment="middle")
            traces.append(trace)
        # The legend entry: a plain square in the source's colour (no data,
        # so it adds no mark and no row to the chart in words).
        traces.append(dict(type="scatter", mode="markers", x=[None], y=[None], name=mine["source_name"].iloc[0],
                           legendgroup=source, hoverinfo="skip",
                           marker={"color": color, "size": 14, "symbol": "square"}))
    # A second legend for the shapes of the marks (no data: these add no
    # marks and no rows to the chart in words).
    kinds = [k for k in KIND_SYMBOLS if k in set(points["kind"])]
    for kind in kinds:
        traces.append(dict(type="scatter", mode="markers", x=[None], y=[None], name=KIND_WORDS[kind],
                           legend="legend2", hoverinfo="skip",
                           marker={"color": "#333333", "size": 12, "symbol": KIND_SYMBOLS[kind]}))
    first_year = int(points["date_first"].min().year)
    last_year = int(points["date_last"].max().year)
    height = 190 + 30 * len(rows)
    return go.Figure(data=traces, layout={
        "height": height, "shapes": shapes, "hovermode": "closest", "hoverlabel": {"align": "left"},
        "margin": {"l": 150, "r": 20, "t": 50, "b": 90},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.06, "yanchor": "top",
                   "title": {"text": ""}, "font": {"size": 14}},
        "legend2": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom",
                    "title": {"text": "Marks: "}, "font": {"size": 14}},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": rows,
                  "tickvals": rows, "ticktext": [ticks[r] for r in rows], "range": [len(rows) - 0.5, -0.5],
                  "showgrid": False, "ticks": ""},
        "xaxis": {"type": "date", "range": [f"{first_year}-01-01", f"{last_year + 1}-01-01"],
                  "dtick": "M12", "tickformat": "%Y", "ticklabelmode": "period", "showgrid": True,
                  "gridcolor": "#d9d9d9"},
    })
