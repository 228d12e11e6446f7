"""The Soviet decision reversal: the step back, the reversal, the reasons, the invasion.

Works on ``event_claims``/``events`` (what each document says happened, and
when), ``reversal_reasons`` (why, as each document says) and the scholarly
table ``data/reference/presidium_meetings.csv`` (what the Soviet leaders'
own meeting notes record). Three rules:

- **A claim is shown as the document makes it.** Every table keeps the
  document's words and the date it gives; the curator's reading (the event of
  the catalogue a claim was filed under, the curator's note) stands beside
  them, never instead of them.
- **Claims that differ in meaning stay apart.** Troops "forced to retreat"
  are not leaders deciding to withdraw; troops entering Hungary are not the
  attack on Budapest; the grounds a side proclaimed are not an author's
  explanation of its reasons. In the scholarly table, a proposal is not a
  decision, an archive's summary is not the notes' own words, and a reason
  recorded after a decision is marked as such.
- **One computation per question.** Every sentence a lesson writes about a
  date or a reason is computed from the same frame as the table it stands
  under (:func:`claims_about`, :func:`reason_rows`, :func:`compare_with_notes`),
  and every comparison of dates is :func:`helpers.evidence.dates.date_verdict`.

Nothing here names a document: everything works for any number of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from helpers.evidence.dates import date_verdict, with_date_bounds
from helpers.display.claims import document_name, human_date, listed, wrap_for_hover

UNDATED = "no date given"

# --- the story, in words a class reads ----------------------------------------

LANES: tuple[str, ...] = ("In Hungary", "Moscow and the Soviet army", "Abroad")

# The events of the story: their lane and a short name. The names say what
# the catalogue's event is, without a date (which would take sides when
# documents date it differently).
STORY_EVENTS: dict[str, tuple[str, str]] = {
    "revolution_begins": ("In Hungary", "The revolution breaks out"),
    "ceasefire_oct28": ("In Hungary", "Ceasefire"),
    "nagy_announces_soviet_withdrawal": ("In Hungary", "Nagy: Soviet troops to leave"),
    "avh_dissolution_announced": ("In Hungary", "Nagy: the secret police to be dissolved"),
    "multi_party_system_announced": ("In Hungary", "Nagy: end of one-party rule"),
    "free_elections_promised": ("In Hungary", "Nagy: free elections"),
    "non_communists_in_government": ("In Hungary", "Nagy: non-Communists in the government"),
    "warsaw_pact_withdrawal_declared": ("In Hungary", "Hungary leaves the Warsaw Pact"),
    "revolution_ends": ("In Hungary", "The revolution ends"),
    "revolution_end_proclaimed": ("In Hungary", "Kádár proclaims the end of the revolution"),
    "soviet_first_intervention": ("Moscow and the Soviet army", "First Soviet intervention"),
    "soviet_first_withdrawal": ("Moscow and the Soviet army", "Soviet troops pull back"),
    "soviet_decision_withdraw_budapest": ("Moscow and the Soviet army", "Decision to leave Budapest"),
    "soviet_non_intervention_decision": ("Moscow and the Soviet army", "Decision to step back"),
    "soviet_decision_to_intervene": ("Moscow and the Soviet army", "Decision to crush the revolution"),
    "soviet_reinforcements_sent": ("Moscow and the Soviet army", "New Soviet troops enter Hungary"),
    "soviet_second_intervention": ("Moscow and the Soviet army", "The attack on Budapest"),
    "suez_crisis": ("Abroad", "Suez crisis"),
    "un_appeal": ("Abroad", "Appeal to the United Nations"),
    "west_non_intervention": ("Abroad", "The West does not help"),
    "radio_free_europe_role": ("Abroad", "Radio Free Europe"),
}

# The events each part of the lesson shows. The step back keeps Moscow's
# decisions apart from the troops pulling back: a retreat is not a decision.
STEP_BACK: tuple[str, ...] = ("soviet_decision_withdraw_budapest", "soviet_non_intervention_decision",
                              "soviet_first_withdrawal")
STEP_BACK_DECISIONS: tuple[str, ...] = ("soviet_decision_withdraw_budapest", "soviet_non_intervention_decision")
# What Budapest heard in the same days: one event per announcement, so that
# a claim is compared only with claims of the same announcement.
IN_BUDAPEST: tuple[str, ...] = ("ceasefire_oct28", "nagy_announces_soviet_withdrawal", "avh_dissolution_announced",
                                "multi_party_system_announced", "free_elections_promised",
                                "non_communists_in_government")
THE_REVERSAL = "soviet_decision_to_intervene"
THE_INVASION = "soviet_second_intervention"
THE_WEST = "west_non_intervention"
REVERSAL: tuple[str, ...] = (THE_REVERSAL,)
# The army's return is two events: new troops entering Hungary, and the
# attack on Budapest (a document may date each).
INTO_HUNGARY = "soviet_reinforcements_sent"
INVASION: tuple[str, ...] = (INTO_HUNGARY, THE_INVASION)
NO_HELP: tuple[str, ...] = (THE_WEST, "radio_free_europe_role")
# The day-by-day timeline: the turning points a class follows, in lanes
# (few rows, so that it reads on a projector). The troops pulling back is left
# out: no document dates it (one tells only that Hungarians *believed* the
# troops had gone, on the day of the ceasefire). Kádár's proclamation of the
# end is left out too: it is not the end of the fighting.
TIMELINE: tuple[str, ...] = (
    "revolution_begins", "ceasefire_oct28", "revolution_ends", "soviet_non_intervention_decision",
    "soviet_decision_to_intervene", INTO_HUNGARY, "soviet_second_intervention", "suez_crisis",
)

# The decisions of the soviet_decisions vocabulary (which the scholarly table
# uses too), in words.
DECISION_WORDS: dict[str, str] = {
    "withdraw_from_budapest": "withdraw the troops from Budapest",
    "withdraw_from_hungary": "withdraw the troops from Hungary",
    "not_remove_government": "leave Nagy's government in place",
    "negotiate_withdrawal": "negotiate a withdrawal of the Soviet troops",
    "reverse_decision": "reverse the decision to withdraw",
    "intervene": "send in the army",
    "install_government": "set up a new government under Kádár",
    "retreat": "retreat (the troops, not a decision)",
    "remove_leader": "remove a Hungarian leader",
    "replace_leader": "replace a Hungarian leader",
    "arrest_leader": "arrest a Hungarian leader",
    "execute_leader": "execute a Hungarian leader",
}
# What a row of the scholarly table records, and what its excerpt is.
KIND_WORDS: dict[str, str] = {
    "decision": "Decision",
    "proposal": "Proposal, not a decision",
    "reason": "Reason",
}
SOURCE_KIND_WORDS: dict[str, str] = {
    "notes": "The notes' own words, translated",
    "archive_summary": "An archive's summary of the notes",
    "educational_website": "An educational website quoting the notes",
}
# A decision of the Presidium's notes and the event of the catalogue under
# which the documents tell the same decision (decisions with no such event,
# like the first sending of troops on 23 October, are compared with nothing).
NOTES_TO_EVENT: dict[str, str] = {
    "withdraw_from_budapest": "soviet_decision_withdraw_budapest",
    "negotiate_withdrawal": "soviet_non_intervention_decision",
    "reverse_decision": "soviet_decision_to_intervene",
}

# The reasons, by what they mean. Two documents that mean the same thing
# share a key; the key of the scholarly table is used where it fits.
REASON_WORDS: dict[str, str] = {
    "threat_to_communist_rule": "The revolt threatened communist rule in Hungary",
    "appearance_of_weakness": "Doing nothing would look like weakness to the West",
    "suez": "Britain, France and Israel were attacking Egypt (Suez) at the same time",
    "spread_to_satellites": "The revolt could spread to the neighbouring communist countries",
    "soviet_party_opinion": "The Soviet Communist Party would not accept doing nothing",
    "leaving_soviet_camp": "Hungary might leave the Soviet camp (the Warsaw Pact)",
    "neutrality": "Hungary would become neutral",
    "events_in_poland": "Similar unrest in Poland",
    "threat_to_soviet_rule_in_region": "The revolts threatened Soviet rule across the region",
    "hungarian_request": "The Hungarian government had asked for Soviet help",
    "western_subversion": "Foreign, western or 'reactionary' forces were behind the revolt",
    "illegal_government": "Nagy's government was illegal",
}
# What a reason is given for, in words, in the order a lesson shows them.
APPLIES_TO: dict[str, str] = {
    "reversal": "Why Moscow reversed its decision (the author's explanation)",
    "intervention": "Why Moscow sent in the army (the author's explanation; no reversal told)",
    "soviet_declaration": "What the Soviet side claimed in public",
    "kadar_justification": "What Kádár declared when he called for Soviet help",
}


def words_for(code: object, vocabulary: Mapping[str, str]) -> str:
    """A coded value in words: from ``vocabulary``, else the code with its
    underscores as spaces (a new value still reads as words)."""
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return ""
    return vocabulary.get(str(code), str(code).replace("_", " "))


_YEAR_IN_PARENS = re.compile(r"\s*\([^()]*\b1[89]\d\d\)")
_DAY_MONTH_YEAR = re.compile(
    r"\s*(?:of |on )?\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}\b"
)


def neutral_label(label: str) -> str:
    """An event label without the date the catalogue writes into it
    ("Ceasefire of 28 October 1956" becomes "Ceasefire"), so that the label
    never takes sides when documents date the event differently."""
    text = _YEAR_IN_PARENS.sub("", label)
    text = _DAY_MONTH_YEAR.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,;:")


def event_words(events: pd.DataFrame) -> dict[str, str]:
    """A short name for every event: the story's own (:data:`STORY_EVENTS`),
    else the catalogue's label without its date."""
    return {event_id: STORY_EVENTS[event_id][1] if event_id in STORY_EVENTS else neutral_label(label)
            for event_id, label in zip(events["event_id"], events["label"])}


# --- the claims, as the documents make them -----------------------------------

_SEE_CORRECTIONS = (re.compile(r"\s*\(see corrections\.csv \([^()]*\)\)"),
                    re.compile(r"[;,]?\s*see corrections\.csv \([^()]*\)"))


def note_for_class(note: str) -> str:
    """A curator's note without its pointers to ``corrections.csv``: the
    lesson shows the corrections themselves beside the claim."""
    for pattern in _SEE_CORRECTIONS:
        note = pattern.sub("", note)
    return note.strip()


CLAIM_COLUMNS = ["claim_id", "event_id", "event", "doc_id", "document", "span", "description", "date",
                 "date_precision", "date_shown", "as_written", "date_note", "quote", "note", "reading"]
WORKED_OUT = "worked out from the text"


def claims_about(event_claims: pd.DataFrame, events: pd.DataFrame, event_ids: Sequence[str],
                 doc_ids: Sequence[str]) -> pd.DataFrame:
    """Every claim about the given events, as each document makes it: the
    document's words (``quote``), the date it gives (``date``; ``date_shown``
    says :data:`UNDATED` where it gives none), how the date is written
    (``as_written``: the words of the text, or :data:`WORKED_OUT`), and
    beside them the curator's reading: the event of the catalogue the claim
    is filed under (``event``) and the curator's note (``reading``, without
    its pointers to the corrections, which a lesson shows in full).
    ``document`` is the document's name, marked where a reader's comment
    makes the claim. Ordered by event (in the given order), then by date
    (undated last), then by document."""
    names = event_words(events)
    claims = event_claims[event_claims["event_id"].isin(list(event_ids))].copy()
    claims["event"] = claims["event_id"].map(names)
    claims["document"] = [document_name(d) + (" (a reader's comment)" if span == "comments" else "")
                          for d, span in zip(claims["doc_id"], claims["span"])]
    claims["date_shown"] = claims["date"].fillna(UNDATED)
    written = claims["date_text"].notna()
    claims["as_written"] = ""
    claims.loc[written, "as_written"] = claims.loc[written, "date_text"]
    claims.loc[~written & claims["date"].notna(), "as_written"] = WORKED_OUT
    claims["reading"] = [note_for_class(note) if isinstance(note, str) else "" for note in claims["note"]]
    claims["event_rank"] = claims["event_id"].map({e: i for i, e in enumerate(event_ids)})
    claims["doc_rank"] = claims["doc_id"].map({d: i for i, d in enumerate(doc_ids)})
    claims = claims.sort_values(["event_rank", "date", "doc_rank", "claim_id"], kind="stable", na_position="last")
    return claims[CLAIM_COLUMNS].reset_index(drop=True)


CLAIM_LABELS: dict[str, str] = {"document": "Document", "date_shown": "Date the document gives",
                                "quote": "The document's words", "reading": "The curator's note"}


def one_claim_per_document(claims: pd.DataFrame, doc_ids: Sequence[str],
                           prefer: Sequence[str] = ()) -> pd.DataFrame:
    """One claim of each document of ``doc_ids``, the one that says the
    most: the author's text before a reader's comment, a claim of a
    ``prefer`` event before the others, a dated claim before an undated
    one, then the first in the order of ``claims`` (the rows keep that
    order). A sentence about the claims shown (which documents tell a
    ``prefer`` event, which of them date it) is then true of the table
    itself: a document that dates a preferred event is shown with that
    dated claim."""
    ranked = claims.assign(_comment=claims["span"] == "comments", _other=~claims["event_id"].isin(list(prefer)),
                           _undated=claims["date"].isna(), _order=range(len(claims)))
    ranked = ranked[ranked["doc_id"].isin(list(doc_ids))]
    chosen = ranked.sort_values(["_comment", "_other", "_undated", "_order"], kind="stable").drop_duplicates("doc_id")
    return chosen.sort_values("_order").drop(columns=["_comment", "_other", "_undated", "_order"]) \
        .reset_index(drop=True)


def one_row_per_quote(claims: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Claims (from :func:`claims_about`) with one row per document, part of
    the page and quote: a sentence the curator filed under two events is
    shown once, its events joined in ``event`` ("The West does not help;
    Radio Free Europe") and its distinct notes in ``reading``. Ordered by
    document (in the order of ``doc_ids``), the author's text before the
    readers' comments, then as in ``claims``."""
    def joined(values: pd.Series) -> str:
        return "; ".join(dict.fromkeys(v for v in values if isinstance(v, str) and v))

    grouped = claims.groupby(["doc_id", "span", "quote"], sort=False).agg(
        claim_id=("claim_id", "first"), event_id=("event_id", "first"), event=("event", joined),
        document=("document", "first"), date_shown=("date_shown", joined), reading=("reading", joined),
        claims=("claim_id", list),
    ).reset_index()
    rank = {d: i for i, d in enumerate(doc_ids)}
    grouped = grouped.assign(doc_rank=grouped["doc_id"].map(lambda d: rank.get(d, len(rank))),
                             comment=grouped["span"] == "comments")
    grouped = grouped.sort_values(["doc_rank", "comment"], kind="stable")
    return grouped[["claim_id", "claims", "event_id", "event", "doc_id", "document", "span", "date_shown",
                    "quote", "reading"]].reset_index(drop=True)


def dates_by_document(claims: pd.DataFrame, doc_ids: Sequence[str]) -> dict[str, dict[str, list[str]]]:
    """For each event of ``claims``, the distinct dates each document gives,
    earliest first (a document that tells the event without a date maps to
    an empty list). Documents in the order of ``doc_ids``."""
    rank = {doc: i for i, doc in enumerate(doc_ids)}
    out: dict[str, dict[str, list[str]]] = {}
    for event_id, doc_id, date in sorted(zip(claims["event_id"], claims["doc_id"], claims["date"]),
                                         key=lambda row: rank.get(row[1], len(rank))):
        dates = out.setdefault(event_id, {}).setdefault(doc_id, [])
        if not pd.isna(date) and date not in dates:
            dates.append(date)
    for by_doc in out.values():
        for dates in by_doc.values():
            dates.sort()
    return out


def verdicts(claims: pd.DataFrame) -> dict[str, str]:
    """For each event, how the dates its documents give compare
    (:func:`helpers.evidence.dates.date_verdict`: ``same``, ``compatible`` or
    ``conflict``), or ``undated`` where no document gives a date."""
    out = {}
    for event_id, dates in claims.groupby("event_id", sort=False)["date"]:
        given = dates.dropna().tolist()
        out[event_id] = date_verdict(given) if given else "undated"
    return out


def dates_text(dates: Sequence[str]) -> str:
    """Dates in words, as a list ("1 November 1956 and 4 November 1956"),
    or :data:`UNDATED`."""
    return listed((human_date(d) for d in dates), empty=UNDATED)


def dating_text(claims: pd.DataFrame, event_id: str, doc_ids: Sequence[str], dated_only: bool = False) -> str:
    """What each document gives as the date of one event, in words:
    "School essay: 1 November 1956 and 4 November 1956; Blog ...: no date
    given" (``dated_only`` leaves out the documents that give no date)."""
    given = dates_by_document(claims, doc_ids).get(event_id, {})
    return "; ".join(f"{document_name(d)}: {dates_text(dates)}" for d, dates in given.items()
                     if dates or not dated_only)


AGREEMENT_WORDS: dict[str, str] = {
    "same": "the same day",
    "compatible": "the dates fit together",
    "conflict": "no single day fits them all",
}


def dating_line(claims: pd.DataFrame, event_id: str, doc_ids: Sequence[str]) -> str:
    """What each document gives as the date of one event: the documents
    that give a date first, followed where two or more dates are given by
    how they compare (:data:`AGREEMENT_WORDS`, from
    :func:`helpers.evidence.dates.date_verdict`), then the documents that
    give none: "School essay: 4 November 1956; Wiki revision page: 4
    November 1956 (these 2 dates: the same day); Educational web page: no
    date given"."""
    given = dates_by_document(claims, doc_ids).get(event_id, {})
    text = dating_text(claims, event_id, doc_ids, dated_only=True)
    dates = [date for by_doc in given.values() for date in by_doc]
    if len(dates) > 1:  # two documents, or one document giving two dates
        # The verdict names what it compares: all the dates given, not the last document's.
        text += f" (these {len(dates)} dates: {AGREEMENT_WORDS[date_verdict(dates)]})"
    undated = [f"{document_name(d)}: {UNDATED}" for d, by_doc in given.items() if not by_doc]
    return "; ".join([text] * bool(text) + undated)


# --- the day-by-day timeline ----------------------------------------------------

def story_window(event_claims: pd.DataFrame, start_event: str = "revolution_begins",
                 end_event: str = "revolution_ends") -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days the story covers, as the documents give them: from the
    earliest day any document gives for ``start_event`` to the latest day
    any document gives for ``end_event`` (day-precise dates only)."""
    days = with_date_bounds(event_claims[event_claims["date_precision"] == "day"])
    starts = days.loc[days["event_id"] == start_event, "date_first"]
    ends = days.loc[days["event_id"] == end_event, "date_last"]
    if starts.empty or ends.empty:
        raise ValueError(f"no document gives a day for {start_event!r} and for {end_event!r}")
    return starts.min(), ends.max()


def timeline_points(claims: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp]) -> pd.DataFrame:
    """The claims a day-by-day chart can draw: a day inside ``window``.
    Several claims of one document giving the same day for the same event
    are one point (the words of the claim that writes the date out, if
    any). In the order of ``claims``' events, then by day."""
    start, end = window
    days = claims[claims["date_precision"] == "day"]
    stamps = pd.to_datetime(days["date"])
    days = days[(stamps >= start) & (stamps <= end)]
    days = days.assign(written=days["as_written"] != WORKED_OUT).sort_values("written", ascending=False,
                                                                             kind="stable")
    points = days.groupby(["event_id", "doc_id", "date"], sort=False).first().reset_index()
    order = {event_id: i for i, event_id in enumerate(dict.fromkeys(claims["event_id"]))}
    points = points.assign(event_rank=points["event_id"].map(order))
    points = points.sort_values(["event_rank", "date"], kind="stable")
    return points.drop(columns=["event_rank", "written"]).reset_index(drop=True)


def month_only(claims: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp]) -> pd.DataFrame:
    """The claims that give only a month (or a year) overlapping ``window``:
    they fit many days, so a day-by-day chart cannot draw them as a dot."""
    start, end = window
    partial = with_date_bounds(claims[claims["date"].notna() & (claims["date_precision"] != "day")])
    overlapping = partial[(partial["date_last"] >= start) & (partial["date_first"] <= end)]
    return overlapping.drop(columns=["date_first", "date_last"]).reset_index(drop=True)


def lane_of(event_id: str) -> str:
    """The lane of an event on the timeline (the first lane if unknown)."""
    return STORY_EVENTS.get(event_id, (LANES[0], ""))[0]


def timeline_hover(points: pd.DataFrame) -> list[str]:
    """One hover text per point: document, event, the date as the document
    gives it, and its words (plain text: show_figure escapes it for plotly)."""
    texts = []
    for row in points.itertuples(index=False):
        written = (f"written “{row.as_written}”" if row.as_written != WORKED_OUT else WORKED_OUT)
        texts.append(f"{wrap_for_hover(row.document)}<br>{wrap_for_hover(row.event)}: "
                     f"{human_date(row.date)} ({wrap_for_hover(written)})<br>{wrap_for_hover(f'“{row.quote}”')}")
    return texts


TIMELINE_ROW_HEIGHT = 56
TIMELINE_MAX_HEIGHT = 640
TIMELINE_SPREAD_HOURS = 8


def day_positions(points: pd.DataFrame, spread_hours: float = TIMELINE_SPREAD_HOURS) -> list[str]:
    """Where each point of :func:`timeline_points` is drawn: inside the box of
    its day, centred at noon; documents giving the same day for the same
    event sit side by side (``spread_hours`` apart, in the order of
    ``points``), so that no dot hides another and none leaves its day."""
    cluster = points.groupby(["event", "date"], sort=False).cumcount()
    size = points.groupby(["event", "date"], sort=False)["date"].transform("size")
    positions = []
    for date, i, k in zip(points["date"], cluster, size):
        offset = pd.Timedelta(hours=12 + (i - (k - 1) / 2) * spread_hours)
        positions.append((pd.Timestamp(date) + offset).strftime("%Y-%m-%d %H:%M"))
    return positions


def timeline_figure(points: pd.DataFrame, doc_ids: Sequence[str], colors: Mapping[str, str],
                    window: tuple[pd.Timestamp, pd.Timestamp]) -> Any:
    """The day-by-day timeline: one row per event, grouped in lanes; each
    document's day for the event as a dot in the document's colour, in the
    box of that day (a grid line at every midnight), beside the dots of the
    other documents that give the same day (:func:`day_positions`)."""
    import plotly.graph_objects as go

    rows = list(dict.fromkeys(points["event"]))
    lanes = dict(zip(points["event"], points["event_id"].map(lane_of)))
    rows.sort(key=lambda row: LANES.index(lanes[row]))
    hovers = timeline_hover(points)
    xs = day_positions(points)
    figure = go.Figure()
    for doc_id in doc_ids:
        mine = [i for i, d in enumerate(points["doc_id"]) if d == doc_id]
        if not mine:
            continue
        figure.add_trace(go.Scatter(
            x=[xs[i] for i in mine], y=[points["event"].iloc[i] for i in mine],
            mode="markers", name=document_name(doc_id),
            marker={"color": colors[doc_id], "size": 12, "line": {"color": "white", "width": 1}},
            hovertext=[hovers[i] for i in mine], hoverinfo="text",
        ))
    # Every other row shaded, so that a dot's row is plain; each lane's title
    # above its first row, and a rule between lanes.
    shapes: list[dict[str, Any]] = [
        {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": i - 0.5, "y1": i + 0.5,
         "fillcolor": "#ececec", "line": {"width": 0}, "layer": "below"}
        for i in range(0, len(rows), 2)]
    titles = []
    for lane in LANES:
        members = [i for i, row in enumerate(rows) if lanes[row] == lane]
        if not members:
            continue
        top = members[0] - 0.5
        titles.append({"x": 0, "xref": "paper", "xanchor": "right", "xshift": -10, "y": top, "yref": "y",
                       "yanchor": "middle", "text": lane, "showarrow": False,
                       "font": {"size": 15, "color": "#333333", "weight": "bold"}})
        if members[0] > 0:
            shapes.append({"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": top, "y1": top,
                           "line": {"color": "#666666", "width": 1.5}})
    start, end = window
    # Sized for a projector (1280 x 720): the whole chart, legend and date
    # axis included, stays within TIMELINE_MAX_HEIGHT pixels.
    height = min(TIMELINE_MAX_HEIGHT, 150 + TIMELINE_ROW_HEIGHT * len(rows))
    figure.update_layout(
        height=height, margin={"l": 310, "r": 20, "t": 80, "b": 70},
        legend={"orientation": "h", "x": 0, "y": 1.0, "xanchor": "left", "yanchor": "bottom", "font": {"size": 15},
                "entrywidth": 0.5, "entrywidthmode": "fraction"},
        shapes=shapes, annotations=titles, hoverlabel={"align": "left", "font": {"size": 14}},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": rows,
               "range": [len(rows) - 0.5, -0.5], "tickfont": {"size": 15}, "showgrid": False,
               "title": {"text": "Event", "font": {"size": 15}}},
        xaxis={"type": "date", "range": [(start - pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
                                         (end + pd.Timedelta(days=2)).strftime("%Y-%m-%d")],
               # A grid line at every midnight (each day a box), a label in the middle of every third day:
               # level labels that fit a projector.
               "dtick": 24 * 60 * 60 * 1000, "tick0": "1956-10-01", "ticklabelmode": "period",
               "ticklabelstep": 3, "tickangle": 0, "tickformat": "%-d %b", "tickfont": {"size": 15},
               "showgrid": True, "gridcolor": "#d9d9d9",
               "title": {"text": "Day (1956)", "font": {"size": 15}, "standoff": 8}},
    )
    return figure


# --- scholarship: the Presidium's notes --------------------------------------------

def split_reference(reference: pd.DataFrame) -> pd.DataFrame:
    """The scholarly table with ``decision_or_reason`` split into ``kind``
    (``decision``, ``proposal`` or ``reason``) and ``key`` (a
    soviet_decisions decision or a reversal_reasons reason); ``what`` (the
    key in words), ``recorded`` (what the row records, in words: "Proposal,
    not a decision: set up ..."), ``excerpt_is`` (what the excerpt is:
    the notes' own words, an archive's summary, a website quoting them) and
    ``source_shown`` (that, with the grade: "... (grade A)"). A decision
    recorded after the reversal (:func:`recorded_after`) is recorded as what
    it does: "After the decision of 31 October 1956: the use of force
    confirmed" (:data:`CONFIRMED_WORDS`), never as a new decision.
    The grade stays the reference file's letter: its words ("encyclopedia or
    reference work") would mislabel a website the file grades B."""
    parts = reference["decision_or_reason"].str.split(":", n=1, expand=True)
    out = reference.assign(kind=parts[0], key=parts[1])
    out["what"] = [words_for(key, REASON_WORDS if kind == "reason" else DECISION_WORDS)
                   for kind, key in zip(out["kind"], out["key"])]
    out["recorded"] = [f"{words_for(kind, KIND_WORDS)}: {what}" for kind, what in zip(out["kind"], out["what"])]
    # A decision recorded after the reversal carries it out: it is not a new
    # decision, and says so (as a reason recorded afterwards does).
    later = recorded_after(out)
    if later:
        turn = out.loc[(out["kind"] == "decision") & (out["key"] == "reverse_decision"), "date"]
        after = f"{AFTER_THE_DECISION} of {listed(human_date(d) for d in dict.fromkeys(turn))}"
        for i in later:
            words = CONFIRMED_WORDS.get(out.at[i, "key"], out.at[i, "recorded"])
            out.at[i, "recorded"] = f"{after[:1].upper()}{after[1:]}: {words}"
    out["excerpt_is"] = [words_for(kind, SOURCE_KIND_WORDS) for kind in out["source_kind"]]
    out["source_shown"] = [f"{what} (grade {grade})" for what, grade in zip(out["excerpt_is"], out["grade"])]
    out["note"] = out["note"].fillna("") if "note" in out else ""
    return out


AFTER_THE_DECISION = "after the decision"
# What a decision of the notes recorded after the reversal does, in words.
CONFIRMED_WORDS: dict[str, str] = {
    "intervene": "the use of force confirmed",
}


def recorded_after(scholarship: pd.DataFrame, decision: str = "reverse_decision") -> list[Any]:
    """The index labels of the decisions and proposals of the notes recorded
    wholly after the day of ``decision`` (none if the notes do not record
    it): they cannot be the decision itself."""
    kinds = scholarship["decision_or_reason"].str.split(":", n=1, expand=True)
    decided = scholarship[(kinds[0] == "decision") & (kinds[1] == decision)]
    if decided.empty:
        return []
    last = with_date_bounds(decided)["date_last"].max()
    others = with_date_bounds(scholarship[kinds[0].isin(["decision", "proposal"]) & (kinds[1] != decision)])
    return others.index[others["date_first"] > last].tolist()


def compare_with_notes(scholarship: pd.DataFrame, claims: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Each document's date for a decision the Presidium's notes record (or
    a course proposed at a meeting, row ``kind`` ``proposal``), against the
    notes' date: one row per decision or proposal of the notes and document
    that tells the same decision (see :data:`NOTES_TO_EVENT`), with the
    document's dates (``doc_dates``) and the verdict of
    :func:`helpers.evidence.dates.date_verdict` on the notes' date and the
    document's: ``conflict`` if any date the document gives conflicts,
    ``undated`` when it gives none."""
    given = dates_by_document(claims, doc_ids)
    rows = []
    # A proposal is compared too (its row says it is a proposal, not a decision).
    decisions = scholarship[scholarship["kind"].isin(["decision", "proposal"])]
    for fact in decisions.itertuples(index=False):
        event_id = NOTES_TO_EVENT.get(fact.key)
        for doc_id, dates in given.get(event_id, {}).items():
            if not dates:
                verdict = "undated"
            elif any(date_verdict([fact.date, date]) == "conflict" for date in dates):
                verdict = "conflict"
            else:
                verdict = date_verdict([fact.date, *dates])
            rows.append({"fact_id": fact.fact_id, "key": fact.key, "what": fact.what, "notes_date": fact.date,
                         "grade": fact.grade, "event_id": event_id, "doc_id": doc_id, "doc_dates": dates,
                         "verdict": verdict})
    return pd.DataFrame(rows, columns=["fact_id", "key", "what", "notes_date", "grade", "event_id", "doc_id",
                                       "doc_dates", "verdict"])


NO_DOCUMENT = "not compared"
# A document's date for a decision against the notes' date, in words.
NOTES_AGREEMENT: dict[str, str] = {
    "same": "the same day",
    "compatible": "fits the notes' day",
    "conflict": "a different day",
}


def notes_with_documents(scholarship: pd.DataFrame, comparison: pd.DataFrame) -> pd.DataFrame:
    """The decisions (and proposals) in the notes, in date order, each with
    what the documents say of the same decision in one cell, ``documents``:
    "Wiki revision page: 31 October 1956 (the same day); ..." (from
    :func:`compare_with_notes`), or :data:`NO_DOCUMENT`."""
    cells: dict[str, list[str]] = {}
    for row in comparison.itertuples(index=False):
        verdict = "" if row.verdict == "undated" else f" ({NOTES_AGREEMENT[row.verdict]})"
        cells.setdefault(row.fact_id, []).append(f"{document_name(row.doc_id)}: {dates_text(row.doc_dates)}{verdict}")
    decisions = scholarship[scholarship["kind"] != "reason"].sort_values(["date", "fact_id"], kind="stable")
    documents = ["; ".join(cells[f]) if f in cells else NO_DOCUMENT for f in decisions["fact_id"]]
    return decisions.assign(documents=documents).reset_index(drop=True)


# --- the reasons -------------------------------------------------------------------

ON_THE_DAY = "on the day of the decision"
AFTERWARDS = "after the decision: it first appears in these notes afterwards"
BEFOREHAND = "before the decision"


def reason_timing(scholarship: pd.DataFrame, decision: str = "reverse_decision") -> dict[str, str]:
    """For each reason of the notes (by fact id), when it was recorded
    against the day of ``decision`` in the same notes: :data:`ON_THE_DAY`
    (the dates fit, :func:`helpers.evidence.dates.date_verdict`),
    :data:`AFTERWARDS` (first recorded later: these notes do not show it
    at the decision, though it may have been voiced elsewhere before) or :data:`BEFOREHAND`; the reason's date in words first."""
    decided = scholarship[(scholarship["kind"] == "decision") & (scholarship["key"] == decision)]
    if decided.empty:
        raise ValueError(f"the notes record no decision {decision!r}")
    day = with_date_bounds(decided)
    first, last = day["date_first"].min(), day["date_last"].max()
    reasons = with_date_bounds(scholarship[scholarship["kind"] == "reason"])
    out = {}
    for row in reasons.itertuples(index=False):
        if any(date_verdict([row.date, d]) != "conflict" for d in decided["date"]):
            when = ON_THE_DAY
        elif row.date_first > last:
            when = AFTERWARDS
        elif row.date_last < first:
            when = BEFOREHAND
        else:
            when = ON_THE_DAY
        out[row.fact_id] = f"{human_date(row.date)}, {when}"
    return out


def notes_reasons_with_documents(scholarship: pd.DataFrame, reasons: pd.DataFrame,
                                 doc_ids: Sequence[str]) -> pd.DataFrame:
    """The reasons of the notes, each beside the words our documents use for
    the same reason: ``timing`` (:func:`reason_timing`), ``in_documents``
    ("Wiki revision page, for the reversal: “...”", one per document and
    sentence, joined with " / "; :data:`NOT_GIVEN` if none) and ``quotes``
    (the documents' quotes, for the corrections of a summary row)."""
    timing = reason_timing(scholarship)
    rank = {d: i for i, d in enumerate(doc_ids)}
    ordered = reasons.assign(rank=reasons["doc_id"].map(lambda d: rank.get(d, len(rank))))
    ordered = ordered.sort_values(["rank", "claim_id"], kind="stable")
    notes = scholarship[scholarship["kind"] == "reason"].copy()
    cells, quotes = [], []
    for key in notes["key"]:
        mine = ordered[ordered["reason"] == key].drop_duplicates(["doc_id", "applies_to", "quote"])
        cells.append(" / ".join(f"{document_name(r.doc_id)}, {words_for(r.applies_to, PURPOSE_FOR)}: “{r.quote}”"
                                for r in mine.itertuples(index=False)) or NOT_GIVEN)
        quotes.append(mine["quote"].tolist())
    notes["timing"] = notes["fact_id"].map(timing)
    notes["in_documents"] = cells
    notes["quotes"] = quotes
    return notes.reset_index(drop=True)


def reason_rows(reasons: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """The reasons the documents give, for a class: one row per purpose,
    document and quote (a sentence that gives two reasons is one row, its
    reasons in words joined), ordered by purpose (:data:`APPLIES_TO`), then
    document. ``keys`` keeps the reasons' keys."""
    purpose_rank = {a: i for i, a in enumerate(APPLIES_TO)}
    doc_rank = {d: i for i, d in enumerate(doc_ids)}
    grouped = reasons.groupby(["applies_to", "doc_id", "span", "quote"], sort=False).agg(
        keys=("reason", lambda keys: list(dict.fromkeys(keys))),
        note=("note", lambda notes: " / ".join(dict.fromkeys(notes.dropna()))),
        first=("claim_id", "min"),
    ).reset_index()
    grouped["reasons"] = ["; ".join(words_for(k, REASON_WORDS) for k in keys) for keys in grouped["keys"]]
    grouped["purpose"] = [words_for(a, APPLIES_TO) for a in grouped["applies_to"]]
    grouped["document"] = [document_name(d) + (" (a reader's comment)" if span == "comments" else "")
                           for d, span in zip(grouped["doc_id"], grouped["span"])]
    grouped["purpose_rank"] = grouped["applies_to"].map(lambda a: purpose_rank.get(a, len(purpose_rank)))
    grouped["doc_rank"] = grouped["doc_id"].map(lambda d: doc_rank.get(d, len(doc_rank)))
    grouped = grouped.sort_values(["purpose_rank", "doc_rank", "first"], kind="stable")
    return grouped[["applies_to", "purpose", "doc_id", "document", "span", "reasons", "keys", "quote", "note"]] \
        .reset_index(drop=True)


def reasons_compared(reasons: pd.DataFrame, scholarship: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Every reason, from the documents or the Presidium's notes: which
    documents give it and for what (``given_by``: (doc_id, applies_to)
    pairs in document order) and which facts of the notes record it
    (``facts``: fact ids). The reasons the notes record first, in the
    notes' order; then the others in the order of :data:`REASON_WORDS`."""
    rank = {d: i for i, d in enumerate(doc_ids)}
    given: dict[str, list[tuple[str, str]]] = {}
    for key, doc_id, applies_to in sorted(zip(reasons["reason"], reasons["doc_id"], reasons["applies_to"]),
                                          key=lambda row: rank.get(row[1], len(rank))):
        pairs = given.setdefault(key, [])
        if (doc_id, applies_to) not in pairs:
            pairs.append((doc_id, applies_to))
    notes = scholarship[scholarship["kind"] == "reason"]
    facts: dict[str, list[str]] = {}
    for key, fact_id in zip(notes["key"], notes["fact_id"]):
        facts.setdefault(key, []).append(fact_id)
    vocabulary = list(REASON_WORDS)
    others = sorted(set(given) - set(facts),
                    key=lambda k: (vocabulary.index(k) if k in vocabulary else len(vocabulary), k))
    keys = list(facts) + others
    return pd.DataFrame({"key": keys, "reason": [words_for(k, REASON_WORDS) for k in keys],
                         "given_by": [given.get(k, []) for k in keys], "facts": [facts.get(k, []) for k in keys]})


def given_by_text(pairs: Sequence[tuple[str, str]], short: Mapping[str, str] | None = None,
                  in_sentence: bool = False) -> str:
    """The documents that give a reason, and what for, in words:
    "School essay (as a reason for sending in the army)", or inside a
    sentence "the school essay (...)"; :data:`NOT_GIVEN` if none."""
    short = PURPOSE_SHORT if short is None else short
    names = {d: (f"the {document_name(d, in_sentence=True)}" if in_sentence else document_name(d)) for d, _ in pairs}
    return listed((f"{names[d]} ({words_for(a, short)})" for d, a in pairs), empty=NOT_GIVEN)


NOT_GIVEN = "no document"
PURPOSE_FOR: dict[str, str] = {
    "reversal": "for the reversal",
    "intervention": "for sending in the army",
    "soviet_declaration": "as what the Soviet side claimed",
    "kadar_justification": "as what Kádár declared",
}
PURPOSE_SHORT: dict[str, str] = {
    "reversal": "as a reason for the reversal",
    "intervention": "as a reason for sending in the army",
    "soviet_declaration": "as what the Soviet side claimed",
    "kadar_justification": "as what Kádár declared",
}
