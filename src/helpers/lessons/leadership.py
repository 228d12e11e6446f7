"""Leadership changes: who held the two top jobs, what the documents say
about each change, who they say decided it, and their dates compared with
each other and with the historians'.

Works on the ``leadership_changes`` table. Documents tell changes in their
own order and often without dates, so every function here keeps each
document's version apart and orders claims by date where the document gives
one and by the place the claim has in the document's narrative otherwise.

A claim is shown as the document makes it (its words, and the office, date
and decider in its words), with our reading (what that office was, the date
we work with, who that decider was) in columns *beside* it, never in its
place: see :func:`claims_in_words`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from helpers.display.claims import GRADE_WORDS, document_name, human_date, words, wrap_for_hover
from helpers.evidence.corpus import quote_offsets
from helpers.evidence.dates import DATE_VERDICT_WORDS, date_verdict, spans_agree, with_date_bounds

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

# Our reading of the offices, in words a class reads.
OFFICE_WORDS: dict[str, str] = {
    "party_leader": "party leader",
    "prime_minister": "prime minister",
    "head_of_government": "head of government",
    "leader_unspecified": "not clear which job",
    "resistance_leader": "leader of the resistance",
    "soviet_leader": "leader of the Soviet Union",
}
CHANGE_WORDS: dict[str, str] = {"declared_traitor": "declared a traitor", "exiled": "sent into exile"}
KIND_WORDS: dict[str, str] = {
    "gain": "took or regained office", "loss": "lost office", "arrested": "arrested", "charged": "charged",
    "declared_traitor": "declared a traitor", "exiled": "sent into exile", "executed": "executed",
}
MOSCOW = "Moscow"
NO_ONE = "no one named"
DECIDER_WORDS: dict[str, str] = {"unspecified": NO_ONE, "party_rivals": "his rivals in the party"}
NOT_IN_WORDS = "not named"
NOT_DATED = "not dated"
FROM_CONTEXT = "from the sentences around it"
# Historians keep two jobs apart that the documents mix: the party's leader
# and the head of government (prime minister; from 1949 formally the
# chairman of the Council of Ministers).
OFFICE_FAMILY: dict[str, str] = {
    "party_leader": "Party leader", "prime_minister": "Head of government", "head_of_government": "Head of government",
}
VERDICT_WORDS: dict[str, str] = DATE_VERDICT_WORDS
# A change the documents tell that the historians' table does not record is
# labelled as the documents' claim, never in the lesson's own voice.
THEIR_CLAIM = "the documents' claim"
NO_CHANGE_OF_OFFICE = "historians record no change of office for {who} in {year}"
NO_SUCH_EVENT = "historians record no such event for {who} in {year}"
HISTORIANS = "Historians"


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
    """The historians' table with each person's name as the people table
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


def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == ""


# --- the claims, in plain words ------------------------------------------------

def office_meaning(office: object) -> str:
    """Our reading of an office code, in words ("party leader")."""
    return "" if _blank(office) else OFFICE_WORDS.get(str(office), words(office))


def change_words(change: object) -> str:
    return CHANGE_WORDS.get(str(change), words(change))


def in_their_words(written: object, missing: str = NOT_IN_WORDS) -> str:
    """A document's own words in quotation marks, or ``missing``."""
    return missing if _blank(written) else f"“{written}”"


def when_meant(date_text: object, date: object) -> str:
    """The date we work with, in words: "1953", "October 1956 (worked out
    from the sentences around it)" where the claim's own words give none,
    "not dated" where nothing can be worked out."""
    if _blank(date):
        return NOT_DATED
    shown = human_date(date)
    return shown if not _blank(date_text) else f"{shown} ({FROM_CONTEXT})"


def decider_meant(code: object, person: str, names: Mapping[str, str]) -> str:
    """Our reading of who decided, in words: every Soviet body or leader is
    Moscow; a person who acts on their own is "<surname> himself"."""
    if _blank(code):
        return ""
    code = str(code)
    if code in SOVIET_DECIDERS:
        return MOSCOW
    if code == "self":
        return f"{surname(person)} himself"
    return DECIDER_WORDS.get(code) or names.get(code) or words(code)


def claims_in_words(changes: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """One row per claim, in each document's narrative order, for a class:
    who, what happened, and for the office, the date and the decider two
    plain columns each: the document's words (``*_words``) and our reading
    (``office_meaning``, ``when``, ``decider``). The curator's codes stay in
    their own columns, untouched."""
    names = dict(zip(people["person_id"], people["canonical_name"]))
    out = changes.sort_values(["doc_id", "offset", "claim_id"], kind="stable").copy()
    out["person"] = out["canonical_name"]
    out["what_happened"] = [change_words(c) for c in out["change"]]
    out["event"] = [f"{surname(p)} {w}" for p, w in zip(out["person"], out["what_happened"])]
    fate = out["kind"].isin(FATES)
    out["office_words"] = ["" if is_fate and _blank(w) else in_their_words(w)
                           for is_fate, w in zip(fate, out["office_as_written"])]
    out["office_meaning"] = [office_meaning(o) for o in out["office"]]
    out["when_words"] = [in_their_words(t, "not written") for t in out["date_text"]]
    out["when"] = [when_meant(t, d) for t, d in zip(out["date_text"], out["date"])]
    out["decider_words"] = [in_their_words(w) for w in out["decided_by_as_written"]]
    out["decider"] = [decider_meant(c, p, names) for c, p in zip(out["decided_by"], out["person"])]
    return out.reset_index(drop=True)


# The columns of a table of every claim: our reading beside the document's
# words; show_table adds the corrections. (The office, date and decider as
# the document writes them are words of the quote, which the loader checks;
# a table that needs them as columns takes ``office_words``, ``when_words``,
# ``decider_words``.)
CLAIM_COLUMNS: dict[str, str] = {
    "event": "What the document says happened",
    "office_meaning": "Which office (our reading)",
    "when": "Date (our reading)",
    "decider": "Who decided (our reading)",
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


# --- the two top jobs, as historians record them ---------------------------------

MONTH_NUMBERS: dict[str, int] = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
_MONTH = "(" + "|".join(MONTH_NUMBERS) + ")"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)


def dates_in_words(text: object) -> list[str]:
    """The full dates a text writes in words ("14 August 1952", "August 14,
    1952"), as ISO dates, in the order they appear."""
    if _blank(text):
        return []
    found = [(m.start(), int(m.group(3)), MONTH_NUMBERS[m.group(2).lower()], int(m.group(1)))
             for m in _DAY_MONTH_YEAR.finditer(str(text))]
    found += [(m.start(), int(m.group(3)), MONTH_NUMBERS[m.group(1).lower()], int(m.group(2)))
              for m in _MONTH_DAY_YEAR.finditer(str(text))]
    return [f"{y:04d}-{mo:02d}-{d:02d}" for _, y, mo, d in sorted(found)]


def start_in_excerpt(move: Any) -> str | None:
    """When the holder of a job took it, where the source's words on their
    loss of it give the span of their time in office ("spanning from August
    14, 1952, to July 4, 1953"): the earliest full date in the excerpt before
    the loss. None where the excerpt gives no earlier date."""
    earlier = [d for d in dates_in_words(move["excerpt"]) if d < str(move["date"])]
    return min(earlier) if earlier else None


def _holders_before(moves: pd.DataFrame) -> tuple[str, str | None]:
    """Who held a job before its first recorded change (the person whose
    first recorded move is losing it), and since when, where the source's
    words on that loss say (else None)."""
    first = moves.sort_values(["date_first", "loss_first"], kind="stable").iloc[0]
    if first["kind"] != "loss":
        return "", None
    return first["canonical_name"], start_in_excerpt(first) if "excerpt" in first.index else None


def _first_row(holder: Mapping[str, str], since: Mapping[str, str | None], first_change: str | None
               ) -> dict[str, Any]:
    """The row for the holders before the first change: from the day the
    last of them took their job, where the sources say when each did;
    otherwise "before" the first change."""
    held = [f for f in holder if holder[f]]
    starts = [since[f] for f in held]
    if held and all(starts):
        start = max(starts)  # type: ignore[type-var]
        began = [f for f in held if since[f] == start]
        already = [f for f in held if since[f] != start]
        said = "; ".join(f"{surname(holder[f])} becomes {f.lower()}" for f in began)
        for f in already:
            who = surname(holder[f])
            same = all(surname(holder[b]) == who for b in began)
            said += (f" and is already {f.lower()}" if same else f"; {who} is already {f.lower()}")
        return {"date": start, "when": f"from {human_date(start)}", "what_changed": said}
    return {"date": pd.NA, "when": f"before {human_date(first_change)}" if first_change else "", "what_changed": ""}


def holders_over_time(reference: pd.DataFrame) -> pd.DataFrame:
    """Who held each of the two top jobs (party leader; head of government)
    after every change the historians' table records, one row per date,
    with a first row for the holders before the first change. That row
    starts on the day the last of them took their job where the sources'
    words on their losses say when each took it ("spanning from August 14,
    1952, to July 4, 1953"), and is otherwise "before" the first change
    with a missing ``date``. Columns: ``date``, ``when`` in words, one
    column per job (surnames; empty where the table names no holder),
    ``what_changed`` in words. ``reference`` as returned by
    :func:`prepare_reference`."""
    moves = reference[reference["office"].isin(list(OFFICE_FAMILY)) & reference["kind"].isin(["gain", "loss"])].copy()
    moves["family"] = moves["office"].map(OFFICE_FAMILY)
    moves["loss_first"] = moves["kind"].ne("loss")
    families = list(dict.fromkeys(OFFICE_FAMILY.values()))
    before = {f: _holders_before(moves[moves["family"] == f]) if (moves["family"] == f).any() else ("", None)
              for f in families}
    holder = {f: before[f][0] for f in families}
    dates = sorted(moves["date"].unique(), key=lambda d: moves.loc[moves["date"] == d, "date_first"].iloc[0])
    first = _first_row(holder, {f: before[f][1] for f in families}, dates[0] if dates else None)
    rows = [{"date": first["date"], "when": first["when"],
             **{f: surname(holder[f]) if holder[f] else "" for f in families}, "what_changed": first["what_changed"]}]
    for date in dates:
        changed = []
        for family in families:
            mine = moves[(moves["date"] == date) & (moves["family"] == family)].sort_values("loss_first", kind="stable")
            if mine.empty:
                continue
            previous = holder[family]
            for move in mine.itertuples(index=False):
                if move.kind == "loss" and holder[family] == move.canonical_name:
                    holder[family] = ""
                elif move.kind == "gain":
                    holder[family] = move.canonical_name
            after = holder[family]
            job = family.lower()
            if previous and after:
                changed.append(f"{surname(after)} replaces {surname(previous)} as {job}")
            elif after:
                changed.append(f"{surname(after)} becomes {job}")
            elif previous:
                changed.append(f"{surname(previous)} loses the job of {job}")
        rows.append({"date": date, "when": f"from {human_date(date)}", **{f: surname(holder[f]) if holder[f] else ""
                                                                for f in families},
                     "what_changed": "; ".join(changed)})
    return pd.DataFrame(rows, columns=["date", "when", *families, "what_changed"])


def jobs_held_all_year(holders: pd.DataFrame, name: str, year: object) -> list[str]:
    """The jobs (lower case: "party leader") that a person held all through
    a year, by :func:`holders_over_time` (a row with a missing date holds
    from before the table starts)."""
    year = str(year)
    rows = holders.reset_index(drop=True)
    starts = [pd.Timestamp.min if _blank(d) else pd.Timestamp(d) for d in rows["date"]]
    ends = starts[1:] + [pd.Timestamp.max]
    first_day, last_day = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-31")
    overlapping = [i for i in range(len(rows)) if starts[i] <= last_day and ends[i] > first_day]
    if not overlapping or starts[overlapping[0]] > first_day:
        return []
    families = [c for c in dict.fromkeys(OFFICE_FAMILY.values()) if c in rows.columns]
    return [f.lower() for f in families if all(rows.loc[i, f] == surname(name) for i in overlapping)]


def no_change_recorded(reference: pd.DataFrame, name: str, kind: str, year: object, short: bool = False) -> str:
    """What the historians' table says about a change the documents tell and
    it does not record: "historians record no change of office for Rákosi in
    1955: he was party leader all year" (the jobs by
    :func:`jobs_held_all_year`); ``short``, for a chart's row that already
    names the person and year: "Historians: no change of office. Rákosi
    stayed party leader all year." """
    if kind not in ("gain", "loss"):
        return "Historians: no such event." if short else NO_SUCH_EVENT.format(who=surname(name), year=year)
    kept = jobs_held_all_year(holders_over_time(reference), name, year)
    if short:
        return "Historians: no change of office." + (
            f" {surname(name)} stayed {' and '.join(kept)} all year." if kept else "")
    said = NO_CHANGE_OF_OFFICE.format(who=surname(name), year=year)
    return said + (f": he was {' and '.join(kept)} all year" if kept else "")


def reference_sequences(reference: pd.DataFrame) -> pd.DataFrame:
    """The historians' holders of each job (party leader; head of
    government), in date order: one row per job with "A → B → ..." and
    the number of changes of hands. ``reference`` as returned by
    :func:`prepare_reference`."""
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


def reference_for_class(reference: pd.DataFrame) -> pd.DataFrame:
    """The historians' table as a class reads it: the change in words
    ("lost office as party leader"), in the order of its dates, and the
    grade in words."""
    out = reference.sort_values(["date_first", "ref_id"], kind="stable").copy()
    out["what_changed"] = [change_words(c) + (f" as {office_meaning(o)}" if not _blank(o) else "")
                           for c, o in zip(out["change"], out["office"])]
    out["grade_shown"] = [f"{g}: {GRADE_WORDS.get(g, '')}" for g in out["grade"]]
    return out.reset_index(drop=True)


# --- the sequence of power, as each document tells it ----------------------------

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
                     "date": claim.date, "claim_id": claim.claim_id, "quote": claim.quote})
    sequence = pd.DataFrame(rows, columns=["doc_id", "step", "person_id", "name", "how", "date_text", "date",
                                           "claim_id", "quote"])
    sequence["step"] = sequence.groupby("doc_id").cumcount() + 1
    return sequence


def sequence_strings(sequence: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document: its sequence of power as "A → B → ...", the
    number of changes of hands it records (steps minus one) and the quotes
    of its steps with the words their corrections cite (``quotes``, a list:
    the evidence of a summary row)."""
    surnames = sequence["name"].map(surname)
    joined = surnames.groupby(sequence["doc_id"]).agg(" → ".join)
    steps = sequence.groupby("doc_id").size()
    quotes = sequence.groupby("doc_id")["quote"].agg(lambda q: list(dict.fromkeys(q)))
    out = pd.DataFrame({"doc_id": documents["doc_id"]})
    out["sequence"] = out["doc_id"].map(joined).fillna("")
    out["changes_of_hands"] = out["doc_id"].map(steps - 1).fillna(0).astype(int)
    out["quotes"] = [quotes.get(d, []) for d in out["doc_id"]]
    return out


# --- one change, as the documents tell it ------------------------------------------

def replacement_claims(changes: pd.DataFrame, loss: Mapping[str, Any], gain: Mapping[str, Any] | None = None
                       ) -> pd.DataFrame:
    """The documents' claims about one change the historians record: the
    person losing office (``loss``, a row of the prepared reference), in
    the same year; and, where ``gain`` (the successor's row) is given, an
    undated loss told in the same sentence as the successor taking office
    ("After Stalin died, ... replaced Rákosi with Imre Nagy"). One row per
    claim, in the order of the documents."""
    losses = changes[(changes["canonical_name"] == loss["canonical_name"]) & (changes["kind"] == "loss")]
    same_year = losses["year"] == loss["year"]
    told_with_successor = pd.Series(False, index=losses.index)
    if gain is not None:
        successor = changes[(changes["canonical_name"] == gain["canonical_name"]) & (changes["kind"] == "gain")]
        pairs = set(zip(successor["doc_id"], successor["quote"]))
        told_with_successor = pd.Series([(d, q) in pairs for d, q in zip(losses["doc_id"], losses["quote"])],
                                        index=losses.index) & losses["date"].isna()
    return losses[same_year | told_with_successor].sort_values(["doc_id", "offset"], kind="stable")


# --- who decided ---------------------------------------------------------------------

CLAIMS_OF_CHANGE = "Claims about changes of leader"


def credit_table(changes: pd.DataFrame, people: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """For each document, how many of its claims about changes of Hungary's
    leaders (gains and losses of a Hungarian office) it credits to each decider, in
    our reading (every Soviet body or leader counts as Moscow), with the
    total and the share credited to Moscow in words ("2 of 5"). Columns are
    named in words; Moscow first, "no one named" last. ``quotes`` lists the
    quotes counted in each row (the evidence of a summary row)."""
    names = dict(zip(people["person_id"], people["canonical_name"]))
    moves = changes[changes["kind"].isin(["gain", "loss"]) & changes["office"].isin(HUNGARIAN_OFFICES)].copy()
    moves["decider"] = ["the leader himself" if c == "self" else decider_meant(c, p, names)
                        for c, p in zip(moves["decided_by"], moves["canonical_name"])]
    table = pd.crosstab(moves["doc_id"], moves["decider"]).reindex(list(doc_ids), fill_value=0)
    middle = sorted(c for c in table.columns if c not in (MOSCOW, NO_ONE))
    order = [c for c in (MOSCOW, *middle, NO_ONE) if c in table.columns]
    table = table[order]
    table.columns.name = None
    total = table.sum(axis=1)
    moscow = table[MOSCOW] if MOSCOW in table.columns else pd.Series(0, index=table.index)
    table[CLAIMS_OF_CHANGE] = total
    table["Credited to Moscow"] = [f"{m} of {t}" if t else "" for m, t in zip(moscow, total)]
    quotes = moves.groupby("doc_id")["quote"].agg(lambda q: list(dict.fromkeys(q)))
    table["quotes"] = [quotes.get(d, []) for d in table.index]
    return table.reset_index(names="doc_id")


# --- dates compared ------------------------------------------------------------------

def _families(offices: Iterable[object]) -> set[str] | None:
    """The jobs a set of claims names, or None where any of them leaves the
    job unclear (then every job is a candidate)."""
    found = set()
    for office in offices:
        if _blank(office) or str(office) not in OFFICE_FAMILY:
            return None
        found.add(OFFICE_FAMILY[str(office)])
    return found


def _matching_reference(reference: pd.DataFrame, name: str, kind: str, year: object, offices: Iterable[object]
                        ) -> pd.DataFrame:
    """The historians' rows on a change (same person, same kind, same year),
    narrowed to the job the claims name where they all name one."""
    rows = reference[(reference["canonical_name"] == name) & (reference["kind"] == kind) & (reference["year"] == year)]
    families = _families(offices) if kind in ("gain", "loss") else None
    if families:
        narrowed = rows[rows["office"].map(OFFICE_FAMILY).isin(families)]
        if not narrowed.empty:
            return narrowed
    return rows


def historians_dates(claims: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """For each dated claim, the historians' rows on the same change (same
    person, same kind of change, same year; the same job where the claim
    names one) and whether the claim's date fits one of them
    (:func:`helpers.evidence.dates.spans_agree`: "1956" fits 18 July 1956,
    "June 1956" does not). ``reference`` as returned by
    :func:`prepare_reference`. Adds ``historians_date`` (words; where the
    historians record no such change, :func:`no_change_recorded`),
    ``historians_sources`` and ``fits_historians`` (True, False, or missing
    where the historians' table has no such row)."""
    out = claims.copy()
    found, sources, fits = [], [], []
    for name, kind, year, date, office in zip(out["canonical_name"], out["kind"], out["year"], out["date"],
                                              out["office"]):
        rows = (_matching_reference(reference, name, kind, year, [office]) if not _blank(date)
                else reference.iloc[0:0])
        if rows.empty:
            found.append(no_change_recorded(reference, name, kind, year) if not _blank(date) else "")
            sources.append("")
            fits.append(pd.NA)
            continue
        found.append("; ".join(
            human_date(d) + (f" ({office_meaning(o)})" if not _blank(o) else "")
            for d, o in zip(rows["date"], rows["office"])))
        sources.append("; ".join(dict.fromkeys(rows["source_title"])))
        fits.append(any(spans_agree([date, d]) for d in rows["date"]))
    out["historians_date"] = found
    out["historians_sources"] = sources
    out["fits_historians"] = pd.array(fits, dtype="boolean")
    return out


def change_label(name: str, kind: str, year: object, changes: Iterable[str] = (), recorded: bool = True) -> str:
    """A change in words: "Rákosi loses office, 1953", "Nagy back in power,
    1956" (when every claim is a return), "Nagy executed, 1958". A change
    the historians do not record (``recorded=False``) is labelled as the
    documents' claim: "Rákosi back in power, 1955 (the documents' claim)"."""
    changes = list(changes)
    if kind == "gain":
        verb = "back in power" if changes and all(c == "regained_office" for c in changes) else "takes office"
    elif kind == "loss":
        verb = "loses office"
    else:
        verb = KIND_WORDS.get(kind, words(kind))
    return f"{surname(name)} {verb}, {year}" + ("" if recorded else f" ({THEIR_CLAIM})")


def _label(reference: pd.DataFrame, key: tuple, group: pd.DataFrame) -> str:
    """The label of the change a group of claims (same person, kind, year)
    tells, as the documents' claim where the historians record no such
    change."""
    recorded = not _matching_reference(reference, *key, group["office"]).empty
    return change_label(*key, group["change"], recorded=recorded)


def date_comparison(changes: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Changes that two or more documents date (same person, same kind of
    change, same year), one row per claim: the verdict of the documents'
    dates taken together (:func:`helpers.evidence.dates.date_verdict`: same,
    compatible, conflict) and the historians' date with whether this
    claim's date fits it. ``reference`` as returned by
    :func:`prepare_reference`."""
    dated = changes[changes["date"].notna()].copy()
    keys = ["canonical_name", "kind", "year"]
    told_by = dated.groupby(keys)["doc_id"].transform("nunique")
    dated = dated[told_by >= 2]
    verdicts = dated.groupby(keys)["date"].agg(lambda d: date_verdict(d)).rename("verdict").reset_index()
    dated = dated.merge(verdicts, on=keys, how="left")
    labels = {key: _label(reference, key, group) for key, group in dated.groupby(keys)}
    dated["change_label"] = [labels[key] for key in zip(dated["canonical_name"], dated["kind"], dated["year"])]
    dated["verdict_words"] = dated["verdict"].map(VERDICT_WORDS)
    dated = historians_dates(dated, reference)
    dated["fits_words"] = [("" if pd.isna(f) else "yes" if f else "no") for f in dated["fits_historians"]]
    order = {"conflict": 0, "compatible": 1, "same": 2}
    dated["verdict_order"] = dated["verdict"].map(order)
    return dated.sort_values(["verdict_order", "date_first", "canonical_name", "kind", "doc_id"], kind="stable"
                             ).reset_index(drop=True)


MONTHS = {m.lower() for m in ("January February March April May June July August September October November "
                              "December").split()}


def date_as_given(doc_id: str, date_text: object, date: object, fits: object = pd.NA) -> str:
    """One document's date for a change, in words: "School essay: “June
    1956”", with the date we work with where the document's words say more
    or less than a date ("“Until 1955”, taken as 1955"), and whether it
    fits the historians' date."""
    said = f"{document_name(doc_id)}: "
    if _blank(date_text):
        said += f"no date in the sentence; {human_date(date)} {FROM_CONTEXT}"
    else:
        said += f"“{date_text}”"
        tokens = re.findall(r"[A-Za-z]+", str(date_text))
        if any(t.lower() not in MONTHS | {"of", "the", "st", "nd", "rd", "th"} for t in tokens):
            said += f", taken as {human_date(date)}"
    if not pd.isna(fits):
        said += " (fits)" if fits else " (does not fit)"
    return said


def dates_by_change(comparison: pd.DataFrame) -> pd.DataFrame:
    """:func:`date_comparison` as one row per change and job: the documents'
    dates in their words (with whether each fits the historians' date), the
    verdict for the change, the historians' date, and the claims' quotes
    with the words their corrections cite (``quotes``, a list: the evidence
    of a summary row). Claims that name
    different jobs (or one names a job and another leaves it unclear) stay
    on different rows."""
    rows = []
    comparison = comparison.assign(job=[office_meaning(o) for o in comparison["office"]])
    for (label, job), group in comparison.groupby(["change_label", "job"], sort=False, dropna=False):
        rows.append({
            "change_label": label, "job": job, "verdict": group["verdict"].iloc[0],
            "verdict_words": group["verdict_words"].iloc[0], "verdict_order": group["verdict_order"].iloc[0],
            "dates": "; ".join(date_as_given(d, t, dt, f) for d, t, dt, f in
                               zip(group["doc_id"], group["date_text"], group["date"], group["fits_historians"])),
            "historians_date": "; ".join(dict.fromkeys(group["historians_date"])),
            "doc_ids": list(dict.fromkeys(group["doc_id"])),
            "quotes": list(dict.fromkeys(group["quote"])),
        })
    columns = ["change_label", "job", "verdict", "verdict_words", "verdict_order", "dates", "historians_date",
               "doc_ids", "quotes"]
    return pd.DataFrame(rows, columns=columns)


def verdict_counts(comparison: pd.DataFrame) -> dict[str, list[str]]:
    """For each verdict, the changes (their labels) that have it."""
    groups = comparison.drop_duplicates("change_label")
    return {verdict: groups.loc[groups["verdict"] == verdict, "change_label"].tolist() for verdict in VERDICT_WORDS}


# --- the timeline --------------------------------------------------------------------

PERIODS: dict[str, str | None] = {"year": "M12", "month": "M1", "day": None}
SCATTER_GAP = 0.1
MAX_HEIGHT = 640
LABEL_WIDTH = 28  # characters a row's label takes before it wraps
NOTE_WIDTH = 36  # characters of a line of a row's note (two lines fit a row)


def timeline_points(changes: pd.DataFrame, reference: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The dated claims about Hungary's leaders (offices of Hungary and the
    leaders' fates), one row of the chart per change (same person, kind and
    year), with the historians' dates for the same change.

    Returns (points, row labels in order). ``points`` has a ``source``
    column (a doc_id, or :data:`HISTORIANS`) and a ``row`` label ("Rákosi
    loses office, 1953"). Rows are in the order of their earliest date;
    on a tie, a loss comes before a gain (the loser held the office first).
    ``reference`` as returned by :func:`prepare_reference`."""
    claims = changes[changes["date"].notna() & (changes["office"].isin(HUNGARIAN_OFFICES) | changes["office"].isna())]
    claims = claims.assign(source=claims["doc_id"])
    keys = ["canonical_name", "kind", "year"]
    parts = [claims]
    labels: dict[tuple, str] = {}
    for key, group in claims.groupby(keys, sort=False):
        labels[key] = _label(reference, key, group)
        theirs = _matching_reference(reference, *key, group["office"])
        theirs = theirs[theirs["date"].notna()]
        if not theirs.empty:
            parts.append(theirs.assign(source=HISTORIANS))
    points = pd.concat(parts, ignore_index=True, sort=False)
    points["row"] = [labels[key] for key in zip(points["canonical_name"], points["kind"], points["year"])]
    rank = points["kind"].map({"loss": 0, "gain": 1}).fillna(2)
    firsts = points.assign(rank=rank).groupby("row").agg(first=("date_first", "min"), rank=("rank", "min"))
    rows = firsts.sort_values(["first", "rank"], kind="stable").index.tolist()
    return points, rows


def _claim_hover(point: Any) -> str:
    lines = [f"{document_name(point.source)}: {point.canonical_name} {change_words(point.change)}",
             "Date given: " + (f"“{point.date_text}”" if not _blank(point.date_text)
                               else f"none in the sentence; {human_date(point.date)} {FROM_CONTEXT}"),
             f"“{point.quote}”"]
    return "<br>".join(wrap_for_hover(line) for line in lines)


def _reference_hover(point: Any) -> str:
    what = change_words(point.change) + (f" as {office_meaning(point.office)}" if not _blank(point.office) else "")
    lines = [f"Historians: {point.canonical_name} {what}, {human_date(point.date)}",
             f"Source: {point.source_title} (grade {point.grade}: {GRADE_WORDS.get(point.grade, '')})",
             f"“{point.excerpt}”"]
    return "<br>".join(wrap_for_hover(line) for line in lines)


def slot_offsets(count: int, gap: float = SCATTER_GAP) -> list[float]:
    """Where plotly draws each of ``count`` offset groups inside a category
    row (``scattermode="group"``), as a shift from the row's centre."""
    width = 1 - gap
    return [-width / 2 + (k + 0.5) * width / count for k in range(count)]


def timeline_figure(changes: pd.DataFrame, reference: pd.DataFrame, documents: pd.DataFrame):
    """Interactive timeline: one row per change that a document dates. In
    each row every document that dates the change has its own lane (its
    colour): a dot in the middle of the span its date allows (a whole year,
    a month, a day) and a pale bar over that span. The historians' date is
    a black upright line across the row (last in the legend, first in the
    data, so that the dots are drawn over it). A change the historians do
    not record says so in words on its row (:func:`no_change_recorded`).
    Hover texts carry the document's words. ``reference`` as returned by :func:`prepare_reference`."""
    import plotly.graph_objects as go

    from helpers.display.style import document_colors

    doc_ids = documents["doc_id"].tolist()
    colors = document_colors(doc_ids)
    points, rows = timeline_points(changes, reference)
    position = {r: i for i, r in enumerate(rows)}
    lanes = [d for d in doc_ids if (points["source"] == d).any()]
    offsets = dict(zip(lanes, slot_offsets(len(lanes))))
    traces: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    for doc_id in lanes:
        mine = points[points["source"] == doc_id]
        color = colors[doc_id]
        for first, last, row in zip(mine["date_first"], mine["date_last"], mine["row"]):
            if last > first:
                y = position[row] + offsets[doc_id]
                shapes.append({"type": "line", "xref": "x", "yref": "y", "layer": "below",
                               "x0": first.strftime("%Y-%m-%d"),
                               "x1": (last + pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
                               "y0": y, "y1": y, "opacity": 0.4, "line": {"color": color, "width": 6}})
        shown_in_legend = False
        for precision, period in PERIODS.items():
            part = mine[mine["date_precision"] == precision]
            if part.empty:
                continue
            trace = dict(type="scatter", mode="markers", orientation="h", offsetgroup=doc_id, legendgroup=doc_id,
                         x=part["date"].tolist(), y=part["row"].tolist(), name=document_name(doc_id),
                         showlegend=not shown_in_legend,
                         marker={"color": color, "size": 10, "line": {"color": "white", "width": 1}},
                         hovertext=[_claim_hover(p) for p in part.itertuples(index=False)],
                         hovertemplate="%{hovertext}<extra></extra>")
            if period:
                trace.update(xperiod=period, xperiodalignment="middle")
            traces.append(trace)
            shown_in_legend = True
    scholarship = points[points["source"] == HISTORIANS]
    if not scholarship.empty:
        # Upright: not one of the documents' lanes, so it stands across the whole
        # row; drawn first, so that the documents' dots stay visible on top of it.
        traces.insert(0, dict(type="scatter", mode="markers", orientation="v", name="Historians' date", legendrank=2000,
                           x=scholarship["date"].tolist(), y=scholarship["row"].tolist(),
                           marker={"symbol": "line-ns", "size": 34, "color": "#111111",
                                   "line": {"color": "#111111", "width": 2}},
                           hovertext=[_reference_hover(p) for p in scholarship.itertuples(index=False)],
                           hovertemplate="%{hovertext}<extra></extra>"))
    # A change the historians do not record says so on its row, at the right
    # edge of the chart (inside it: never cut off).
    annotations = []
    told = points[points["source"] != HISTORIANS]
    for row in rows:
        if not scholarship.empty and (scholarship["row"] == row).any():
            continue
        mine = told[told["row"] == row].iloc[0]
        note = no_change_recorded(reference, mine["canonical_name"], mine["kind"], mine["year"], short=True)
        annotations.append({"x": 1, "xref": "x domain", "y": row, "yref": "y", "xanchor": "right",
                            "showarrow": False, "align": "left", "font": {"size": 15, "color": "#111111"},
                            "text": wrap_for_hover(note, width=NOTE_WIDTH)})
    # Every other row shaded, so that a lane's row is plain.
    for i in range(0, len(rows), 2):
        shapes.append({"type": "rect", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": i - 0.5,
                       "y1": i + 0.5, "fillcolor": "#f2f2f2", "line": {"width": 0}, "layer": "below"})
    first_year = int(points["date_first"].min().year)
    last_year = int(points["date_last"].max().year)
    row_height = min(52, (MAX_HEIGHT - 150) // max(len(rows), 1))
    return go.Figure(data=traces, layout={
        "height": 150 + row_height * len(rows), "shapes": shapes, "annotations": annotations, "hovermode": "closest",
        "hoverlabel": {"align": "left"}, "scattermode": "group", "scattergap": SCATTER_GAP,
        "font": {"size": 15}, "margin": {"l": 10, "r": 20, "t": 10, "b": 10},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.12, "yanchor": "top",
                   "font": {"size": 15}, "title": {"text": ""}},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": rows, "range": [len(rows) - 0.5, -0.5],
                  "tickvals": rows, "ticktext": [wrap_for_hover(r, width=LABEL_WIDTH) for r in rows],
                  "showgrid": False, "ticks": "", "automargin": True, "title": {"text": "What changed"},
                  "tickfont": {"size": 15}},
        "xaxis": {"type": "date", "range": [f"{first_year}-01-01", f"{last_year + 1}-01-01"],
                  "dtick": "M12", "tickformat": "%Y", "ticklabelmode": "period", "showgrid": True,
                  "gridcolor": "#d0d0d0", "title": {"text": "Date the source gives", "standoff": 6},
                  "tickfont": {"size": 15}, "automargin": True},
    })
