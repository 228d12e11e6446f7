"""The Soviet decision reversal: the timeline, the decisions, the reasons.

Works on ``event_claims``/``events``, ``soviet_decisions``,
``reversal_reasons`` and ``corrections``, and on the scholarly table
``data/reference/presidium_meetings.csv``. Every function keeps each
document's version apart: nothing here merges two documents into one row or
picks one document's date over another's.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from helpers.dates import partial_date_bounds, spans_agree, with_date_bounds

# Event categories drawn on the day-by-day timeline, and the lane each goes in.
LANES: dict[str, str] = {
    "uprising": "In Hungary",
    "domestic_politics": "In Hungary",
    "soviet_action": "The Soviet side",
    "international": "Abroad",
}
LANE_ORDER: tuple[str, ...] = ("In Hungary", "The Soviet side", "Abroad")

# Decisions of the Soviet leadership, grouped into the phases of the story.
PHASES: dict[str, tuple[str, ...]] = {
    "step back": ("withdraw_from_budapest", "withdraw_from_hungary", "not_remove_government",
                  "negotiate_withdrawal", "retreat"),
    "reversal": ("reverse_decision",),
    "send in troops": ("intervene",),
    "install a government": ("install_government",),
}
# A body that carries a decision out rather than taking it: "Soviet troops
# invaded" tells the invasion, not a decision in Moscow.
NOT_DECIDERS: tuple[str, ...] = ("soviet_troops",)
# Phases whose rows count even when the troops are the subject: the troops'
# retreat is the only form some documents give the step back.
TROOP_PHASES: tuple[str, ...] = ("step back",)

APPLIES_TO: dict[str, str] = {
    "reversal": "for the reversal",
    "intervention": "for an intervention<br>(no reversal told)",
    "kadar_justification": "what Kádár<br>declared",
}

# The international frame of the story, in reading order.
INTERNATIONAL_FRAME: tuple[str, ...] = (
    "un_appeal", "west_non_intervention", "suez_crisis", "radio_free_europe_role", "events_in_poland",
    "western_communist_reaction",
)


UNDATED = "undated"
_YEAR_IN_PARENS = re.compile(r"\s*\([^()]*\b1[89]\d\d\)")
_DAY_MONTH_YEAR = re.compile(
    r"\s*(?:of |on )?\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}\b"
)


# --- the day-by-day timeline -----------------------------------------------

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


def neutral_label(label: str) -> str:
    """An event label without the date the catalogue writes into it
    ("Ceasefire of 28 October 1956" becomes "Ceasefire"), so that the label
    never takes sides when documents date the event differently."""
    text = _YEAR_IN_PARENS.sub("", label)
    text = _DAY_MONTH_YEAR.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,;:")


def short_label(label: str, width: int = 46, lines: int = 2) -> str:
    """A label wrapped for a chart axis: at most ``lines`` lines of about
    ``width`` characters joined by ``<br>``, shortened with an ellipsis."""
    wrapped = textwrap.wrap(label, width)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = textwrap.shorten(wrapped[-1] + " …", width, placeholder=" …")
        if not wrapped[-1].endswith("…"):
            wrapped[-1] += " …"
    return "<br>".join(wrapped)


def timeline_rows(event_claims: pd.DataFrame, events: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp],
                  doc_ids: Sequence[str]) -> pd.DataFrame:
    """Each document's dating of each event inside ``window``: one row per
    event, document and date, for the categories of :data:`LANES`.

    A date that is only a year says nothing about the day and is left out;
    a month-precise date is kept as the whole month it allows. Several claims
    of one document giving the same date for the same event become one row
    (their claim ids joined); the quote shown is the first one that writes the
    date out, else the first. Rows are ordered by lane, then by the earliest
    day any document gives the event, then by document.
    """
    claims = event_claims.merge(events, on="event_id", how="left", validate="many_to_one")
    claims = claims[claims["category"].isin(list(LANES)) & claims["date"].notna()
                    & (claims["date_precision"] != "year")]
    claims = with_date_bounds(claims)
    start, end = window
    claims = claims[(claims["date_last"] >= start) & (claims["date_first"] <= end)].copy()
    claims["written"] = claims["date_text"].notna()
    claims = claims.sort_values(["written", "claim_id"], ascending=[False, True], kind="stable")
    # Per group, each column's first value that is not missing (one "first"
    # over all columns at once costs a fraction of one aggregation per column).
    by_dating = claims.groupby(["event_id", "doc_id", "date"], sort=False)
    grouped = by_dating[["label", "category", "date_precision", "date_first", "date_last", "date_text",
                         "date_note", "quote", "span"]].first()
    grouped["claim_ids"] = by_dating["claim_id"].agg(lambda ids: ", ".join(sorted(ids)))
    grouped = grouped.reset_index()
    grouped["lane"] = grouped["category"].map(LANES)
    grouped["event"] = grouped["label"].map(neutral_label)
    grouped["lane_rank"] = grouped["lane"].map({lane: i for i, lane in enumerate(LANE_ORDER)})
    # An event's place in its lane: the earliest middle day of any document's
    # span, cut to the window (a month-only date sits mid-way through its
    # part of the window instead of on the 1st).
    first = grouped["date_first"].clip(lower=start)
    middle = first + (grouped["date_last"].clip(upper=end) - first) / 2
    grouped["event_middle"] = middle.groupby(grouped["event_id"]).transform("min")
    grouped["doc_rank"] = grouped["doc_id"].map({doc: i for i, doc in enumerate(doc_ids)})
    ordered = grouped.sort_values(["lane_rank", "event_middle", "event", "doc_rank", "date"], kind="stable")
    columns = ["lane", "event_id", "event", "doc_id", "span", "date", "date_precision", "date_first", "date_last",
               "date_text", "date_note", "quote", "claim_ids"]
    return ordered[columns].reset_index(drop=True)


def slot_offsets(doc_ids: Sequence[str], band: float = 0.8) -> dict[str, float]:
    """The vertical offset of each document inside one row of a chart, so
    that documents sit side by side and never hide each other (the first
    document at the top of the row on a reversed axis)."""
    n = len(doc_ids)
    if n == 0:
        return {}
    step = band / n
    return {doc_id: (i - (n - 1) / 2) * step for i, doc_id in enumerate(doc_ids)}


def row_positions(keys: Sequence[tuple[str, str]], lane_gap: float = 0.6) -> dict[tuple[str, str], float]:
    """The y position of each ``(lane, row)`` key, in the given order, with a
    gap of ``lane_gap`` between lanes."""
    positions: dict[tuple[str, str], float] = {}
    y, previous_lane = 0.0, None
    for lane, row in keys:
        if (lane, row) in positions:
            continue
        if previous_lane is not None and lane != previous_lane:
            y += lane_gap
        positions[(lane, row)] = y
        y += 1.0
        previous_lane = lane
    return positions


def datings_side_by_side(event_claims: pd.DataFrame, events: pd.DataFrame, event_ids: Sequence[str],
                         doc_ids: Sequence[str]) -> pd.DataFrame:
    """For each event, what every document gives as its date: one column per
    document, the dates it gives (``undated`` when it tells the event without
    a date, empty when it does not mention it), and whether the dates
    differ: whether no single day fits every date given (see
    :func:`spans_agree`)."""
    labels = dict(zip(events["event_id"], events["label"].map(neutral_label)))
    # Each event's dates per document, gathered in one pass over the claims
    # (a missing date stays in, as NaN: it marks a claim without a date).
    given: dict[str, dict[str, list[Any]]] = {event_id: {} for event_id in event_ids}
    for event_id, doc_id, date in zip(event_claims["event_id"], event_claims["doc_id"], event_claims["date"]):
        if event_id in given:
            given[event_id].setdefault(doc_id, []).append(date)
    rows = []
    for event_id in event_ids:
        by_doc = given[event_id]
        row: dict[str, Any] = {"event_id": event_id, "event": labels[event_id]}
        for doc_id in doc_ids:
            row[doc_id] = _dates_text(by_doc.get(doc_id, []))
        dated = [date for dates in by_doc.values() for date in dates if not pd.isna(date)]
        row["dates_differ"] = not spans_agree(dated)
        rows.append(row)
    return pd.DataFrame(rows, columns=["event_id", "event", *doc_ids, "dates_differ"])


def dates_cell(given: pd.Series) -> str:
    """The dates one document gives for one thing, as a table cell: empty
    when it does not tell it at all, the distinct dates in order, and
    ``undated`` where it tells it without a date."""
    return _dates_text(given.tolist())


def _dates_text(given: list[Any]) -> str:
    """:func:`dates_cell` of a list of dates (missing ones NaN or None)."""
    if not given:
        return ""
    undated = [UNDATED] if any(pd.isna(date) for date in given) else []
    return " | ".join(sorted({date for date in given if not pd.isna(date)}) + undated)


# --- the decisions ----------------------------------------------------------

def moscow_phase(decision: str, body: str) -> str | None:
    """The phase of the story a Soviet decision belongs to (see
    :data:`PHASES`), or None. Troops carrying out an intervention are not a
    decision in Moscow; their retreat still counts as the step back."""
    for phase, decisions in PHASES.items():
        if decision in decisions:
            if body in NOT_DECIDERS and phase not in TROOP_PHASES:
                return None
            return phase
    return None


def reversal_story(soviet_decisions: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """The Soviet decisions of the story (step back, reversal, sending in
    troops, installing a government), one row per claim, with the body and
    the date as each document gives them; ordered by document, phase, date."""
    phases = [moscow_phase(d, b) for d, b in zip(soviet_decisions["decision"], soviet_decisions["body"])]
    story = soviet_decisions.assign(phase=phases)
    story = story[story["phase"].notna()].copy()
    story["phase_rank"] = story["phase"].map({phase: i for i, phase in enumerate(PHASES)})
    story["doc_rank"] = story["doc_id"].map({doc: i for i, doc in enumerate(doc_ids)})
    story = story.sort_values(["doc_rank", "phase_rank", "date", "claim_id"], kind="stable", na_position="last")
    columns = ["claim_id", "doc_id", "span", "phase", "decision", "body", "body_as_written", "date_text", "date",
               "date_precision", "date_note", "quote"]
    return story[columns].reset_index(drop=True)


def who_says_when(story: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """One row per document, one column per phase: the dates the document
    gives for that phase (``undated`` when it tells it without a date, empty
    when it does not tell it at all)."""
    given: dict[tuple[str, str], list[Any]] = {}
    for doc_id, phase, date in zip(story["doc_id"], story["phase"], story["date"]):
        given.setdefault((doc_id, phase), []).append(date)
    rows = [{"doc_id": doc_id, **{phase: _dates_text(given.get((doc_id, phase), [])) for phase in PHASES}}
            for doc_id in doc_ids]
    return pd.DataFrame(rows, columns=["doc_id", *PHASES])


def bodies_named(story: pd.DataFrame, phases: Sequence[str]) -> pd.DataFrame:
    """Which body each document names for the given phases, as written:
    one row per document and body (in the story's order)."""
    chosen = story[story["phase"].isin(list(phases))]
    out = chosen.groupby(["doc_id", "body"], sort=False).agg(
        as_written=("body_as_written", lambda names: " | ".join(dict.fromkeys(names.dropna()))),
        phases=("phase", lambda names: ", ".join(dict.fromkeys(names))),
        claims=("claim_id", "size"),
    )
    return out.reset_index()


# --- the reasons ------------------------------------------------------------

def reason_matrix(reasons: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Documents x reasons: how many claims of each document give each
    reason. Columns are ``(applies_to, reason)`` pairs, grouped in the order
    of :data:`APPLIES_TO`, reasons alphabetically within a group; every
    document is a row, including those that give no reason at all."""
    counts = pd.crosstab(reasons["doc_id"], [reasons["applies_to"], reasons["reason"]])
    order = sorted(counts.columns, key=lambda key: (list(APPLIES_TO).index(key[0]), key[1]))
    counts = counts.reindex(index=list(doc_ids), columns=pd.MultiIndex.from_tuples(order), fill_value=0)
    counts.index.name = "doc_id"
    counts.columns.names = ["applies_to", "reason"]
    return counts.fillna(0).astype(int)


def reason_support(reasons: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Per reason: what it is given for, which documents give it (in
    document order) and how many; fewest documents first."""
    rank = {doc: i for i, doc in enumerate(doc_ids)}
    given: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (applies_to, reason) -> (doc_id, span) of each claim
    for applies_to, reason, doc_id, span in zip(reasons["applies_to"], reasons["reason"], reasons["doc_id"],
                                                reasons["span"]):
        given.setdefault((applies_to, reason), []).append((doc_id, span))
    rows = []
    for (applies_to, reason), claims in sorted(given.items()):
        documents = sorted({doc_id for doc_id, _ in claims}, key=rank.__getitem__)
        rows.append({"reason": reason, "applies_to": applies_to, "documents": ", ".join(documents),
                     "n_documents": len(documents), "spans": ", ".join(sorted({span for _, span in claims}))})
    group = {applies_to: i for i, applies_to in enumerate(APPLIES_TO)}
    rows.sort(key=lambda row: (row["n_documents"], group.get(row["applies_to"], len(group)), row["reason"]))
    return pd.DataFrame(rows, columns=["reason", "applies_to", "documents", "n_documents", "spans"])


# --- scholarship ------------------------------------------------------------

def split_reference(reference: pd.DataFrame) -> pd.DataFrame:
    """The scholarly table with ``decision_or_reason`` split into ``kind``
    (``decision`` or ``reason``) and ``key`` (a soviet_decisions decision or a
    reversal_reasons reason), and the phase of each decision."""
    parts = reference["decision_or_reason"].str.split(":", n=1, expand=True)
    out = reference.assign(kind=parts[0], key=parts[1])
    out["phase"] = [moscow_phase(key, body) if kind == "decision" else None
                    for kind, key, body in zip(out["kind"], out["key"], out["body"])]
    return out


def compare_reasons(reasons: pd.DataFrame, reference: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Every reason that a document or scholarship gives, side by side: the
    documents that give it (with what for) and the scholarly facts that
    record it (id, date, grade). Reasons scholarship records come first."""
    support = reason_support(reasons, doc_ids)
    documents = support.assign(given_by=support["documents"] + " (" + support["applies_to"] + ")")
    documents = documents.groupby("reason", sort=True)["given_by"].agg("; ".join)
    scholarly = split_reference(reference)
    scholarly = scholarly[scholarly["kind"] == "reason"]
    facts: dict[str, list[str]] = {}  # reason -> the scholarly facts that record it
    for fact in scholarly.itertuples(index=False):
        facts.setdefault(fact.key, []).append(f"{fact.fact_id} ({fact.date}, grade {fact.grade})")
    cited = {reason: "; ".join(found) for reason, found in facts.items()}
    keys = sorted(set(documents.index) | set(cited))
    out = pd.DataFrame({"reason": keys})
    out["documents"] = out["reason"].map(documents).fillna("")
    out["scholarship"] = out["reason"].map(cited).fillna("")
    out = out.sort_values(["scholarship", "reason"], key=lambda c: c.eq("") if c.name == "scholarship" else c,
                          kind="stable")
    return out.reset_index(drop=True)


# --- quotes and corrections -------------------------------------------------

def frame_table(event_claims: pd.DataFrame, events: pd.DataFrame, doc_ids: Sequence[str],
                event_ids: Sequence[str] = INTERNATIONAL_FRAME) -> pd.DataFrame:
    """The claims about the given events (by default the international
    frame), with each document's date and quote, in event then document order."""
    labels = dict(zip(events["event_id"], events["label"].map(neutral_label)))
    claims = event_claims[event_claims["event_id"].isin(list(event_ids))].copy()
    claims["event_rank"] = claims["event_id"].map({e: i for i, e in enumerate(event_ids)})
    claims["doc_rank"] = claims["doc_id"].map({d: i for i, d in enumerate(doc_ids)})
    claims["event"] = claims["event_id"].map(labels)
    claims["date"] = claims["date"].fillna(UNDATED)
    claims = claims.sort_values(["event_rank", "doc_rank", "claim_id"], kind="stable")
    return claims[["event", "doc_id", "span", "date", "quote"]].reset_index(drop=True)


def corrections_for(claims: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """The corrections that concern the given claims (columns ``claim_id``,
    ``doc_id``, ``quote``): same document, and the correction's quote lies
    inside the claim's quote or contains it. One row per correction, with the
    ids of the claims it concerns."""
    quotes_of: dict[str, list[tuple[str, str]]] = {}  # doc_id -> (claim_id, quote) of its claims
    for claim_id, doc_id, quote in zip(claims["claim_id"], claims["doc_id"], claims["quote"]):
        quotes_of.setdefault(doc_id, []).append((claim_id, quote))
    rows = []
    for correction in corrections.itertuples(index=False):
        hits = sorted({claim_id for claim_id, quote in quotes_of.get(correction.doc_id, [])
                       if correction.quote in quote or quote in correction.quote})
        if hits:
            rows.append({"correction_id": correction.correction_id, "doc_id": correction.doc_id,
                         "kind": correction.kind, "claims": ", ".join(hits),
                         "what_is_wrong": correction.what_is_wrong, "correction": correction.correction,
                         "reference_url": correction.reference_url})
    columns = ["correction_id", "doc_id", "kind", "claims", "what_is_wrong", "correction", "reference_url"]
    return pd.DataFrame(rows, columns=columns)


def source_profile(doc_ids: Sequence[str], story: pd.DataFrame, reasons: pd.DataFrame,
                   rows: pd.DataFrame) -> pd.DataFrame:
    """Per document, how much it says about the Soviet side: decision claims
    in the story, the phases it tells, reason claims, the reasons' purposes,
    and the datings it contributes to the day-by-day timeline."""
    out = pd.DataFrame({"doc_id": list(doc_ids)})
    out["decisions"] = out["doc_id"].map(story["doc_id"].value_counts()).fillna(0).astype(int)
    phases = story.groupby("doc_id")["phase"].agg(lambda p: ", ".join(dict.fromkeys(p)))
    out["phases_told"] = out["doc_id"].map(phases).fillna("")
    out["reasons"] = out["doc_id"].map(reasons["doc_id"].value_counts()).fillna(0).astype(int)
    purposes = reasons.groupby("doc_id")["applies_to"].agg(lambda a: ", ".join(sorted(set(a))))
    out["reasons_given_for"] = out["doc_id"].map(purposes).fillna("")
    out["timeline_datings"] = out["doc_id"].map(rows["doc_id"].value_counts()).fillna(0).astype(int)
    return out


# --- charts -----------------------------------------------------------------

DAY_MS = 24 * 60 * 60 * 1000
PHASE_HOVER = "%{customdata[0]}<br>%{customdata[1]}<br>“%{customdata[2]}”<extra></extra>"


def add_spans(figure: Any, rows: pd.DataFrame, doc_ids: Sequence[str], colors: dict[str, str],
              hover_columns: Sequence[str], hovertemplate: str, width: float,
              row: int | None = None, col: int | None = None, show_legend: bool = True) -> None:
    """Draw each row as a horizontal bar over the days its date allows
    (``date_first`` to the end of ``date_last``) at height ``y``, one trace
    per document in its colour; dates that are not day-precise are hatched."""
    # What each bar shows, computed once for all rows, then dealt out to the
    # traces; the traces go to plotly as plain dicts, in one call (plotly
    # validates a trace object again when it is added).
    bases = rows["date_first"].dt.strftime("%Y-%m-%d").tolist()
    lengths = (((rows["date_last"] - rows["date_first"]).dt.days + 1) * DAY_MS).tolist()
    ys = rows["y"].round(4).tolist()
    hovers = rows[list(hover_columns)].fillna("").astype(str).to_numpy().tolist()
    partial_dates = (rows["date_precision"] != "day").tolist()
    bars_of: dict[tuple[str, bool], list[int]] = {}  # (doc_id, partial) -> positions of its rows
    for position, key in enumerate(zip(rows["doc_id"].tolist(), partial_dates)):
        bars_of.setdefault(key, []).append(position)
    traces: list[dict[str, Any]] = []
    for doc_id in doc_ids:
        for partial in (False, True):
            bars = bars_of.get((doc_id, partial))
            if not bars:
                continue
            traces.append(dict(
                type="bar", orientation="h", name=doc_id, legendgroup=doc_id,
                showlegend=show_legend and not partial,
                base=[bases[i] for i in bars], x=[lengths[i] for i in bars],
                y=[ys[i] for i in bars], width=width,
                marker={"color": colors[doc_id], "line": {"color": "white", "width": 1},
                        "pattern": {"shape": "/" if partial else "", "fgcolor": "white", "size": 6}},
                customdata=[hovers[i] for i in bars],
                hovertemplate=hovertemplate,
            ))
    if traces:
        figure.add_traces(traces, rows=None if row is None else [row] * len(traces),
                          cols=None if col is None else [col] * len(traces))


def timeline_figure(rows: pd.DataFrame, doc_ids: Sequence[str], colors: dict[str, str],
                    window: tuple[pd.Timestamp, pd.Timestamp]) -> Any:
    """The day-by-day timeline: one row per event, grouped in lanes; inside a
    row, each document's dating as a bar in its own slot and colour."""
    import plotly.graph_objects as go

    keys = list(dict.fromkeys(zip(rows["lane"], rows["event"])))
    positions = row_positions(keys)
    band = 0.7  # the share of a row the documents' slots take up
    offsets = slot_offsets(doc_ids, band=band)
    placed = rows.assign(y=[positions[(lane, event)] + offsets[doc]
                            for lane, event, doc in zip(rows["lane"], rows["event"], rows["doc_id"])])
    placed["date_shown"] = placed["date"] + " (" + placed["date_precision"] + ")"
    placed["as_written"] = placed["date_text"].fillna("— (from context: " + placed["date_note"].fillna("") + ")")
    # Every other row shaded, so a bar's row is plain: the shapes add_hrect
    # would make. The whole layout goes into the figure's constructor, which
    # validates it once; add_hrect or update_layout would re-check it per call.
    shading = [{"fillcolor": "#efefef", "layer": "below", "line": {"width": 0}, "type": "rect",
                "x0": 0, "x1": 1, "xref": "x domain", "y0": y - 0.5, "y1": y + 0.5, "yref": "y"}
               for i, y in enumerate(positions.values()) if i % 2 == 0]
    lane_titles = []
    for lane in LANE_ORDER:
        ys = [y for (l, _), y in positions.items() if l == lane]
        if ys:
            lane_titles.append({"x": 1, "xref": "paper", "xanchor": "right", "y": min(ys) - 0.5, "yanchor": "bottom",
                                "text": f"<b>{lane}</b>", "showarrow": False, "font": {"color": "#555555", "size": 12}})
    start, end = window
    top, bottom = min(positions.values()) - 1.0, max(positions.values()) + 0.6
    figure = go.Figure(layout={
        "shapes": shading, "annotations": lane_titles,
        "title": "Day by day: each document's date for each event",
        "barmode": "overlay", "height": 150 + 46 * (bottom - top), "legend_title_text": "document",
        "margin": {"l": 330, "t": 70},
        "yaxis": {"tickvals": list(positions.values()), "ticktext": [short_label(e) for _, e in positions],
                  "range": [bottom, top], "showgrid": False, "tickfont": {"size": 11}},
        "xaxis": {"type": "date", "title": "day (hatched: the document gives only the month, so the bar spans it)",
                  "range": [(start - pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
                            (end + pd.Timedelta(days=2)).strftime("%Y-%m-%d")],
                  "dtick": 2 * DAY_MS, "tickformat": "%-d %b", "showgrid": True, "gridcolor": "#e4e4e4"},
    })
    add_spans(figure, placed, doc_ids, colors, ["doc_id", "event", "date_shown", "as_written", "quote"],
              "<b>%{customdata[0]}</b>: %{customdata[1]}<br>date: %{customdata[2]}"
              "<br>as written: %{customdata[3]}<br>“%{customdata[4]}”<extra></extra>",
              width=band / max(len(doc_ids), 1) * 0.9)
    return figure


def reason_heatmap(matrix: pd.DataFrame, reasons: pd.DataFrame, colors: dict[str, str]) -> Any:
    """The documents x reasons matrix as three side-by-side heatmaps, one per
    ``applies_to``: what each reason is given for stays visible. Empty cells
    mean the document does not give that reason; hover shows the quote."""
    from plotly.subplots import make_subplots

    groups = [g for g in APPLIES_TO if g in matrix.columns.get_level_values(0)]
    widths = [int((matrix.columns.get_level_values(0) == g).sum()) for g in groups]
    figure = make_subplots(rows=1, cols=len(groups), shared_yaxes=True, column_widths=widths,
                           horizontal_spacing=0.02, subplot_titles=[APPLIES_TO[g] for g in groups])
    shades = {"reversal": "#2b2b2b", "intervention": "#6f6f6f", "kadar_justification": "#a6a6a6"}
    doc_ids = list(matrix.index)
    quotes_of: dict[tuple[str, str, str], list[str]] = {}  # (doc_id, applies_to, reason) -> quotes
    for doc, applies_to, reason, quote in zip(reasons["doc_id"], reasons["applies_to"], reasons["reason"],
                                              reasons["quote"]):
        quotes_of.setdefault((doc, applies_to, reason), []).append(quote)
    traces: list[dict[str, Any]] = []
    axes: dict[str, dict[str, Any]] = {}
    doc_axis = {"autorange": "reversed", "tickvals": doc_ids,
                "ticktext": [f"<span style='color:{colors[d]}'><b>{d}</b></span>" for d in doc_ids]}
    for i, group in enumerate(groups, start=1):
        block = matrix[group]
        quotes = [[" / ".join(quotes_of.get((doc, group, reason), [])) for reason in block.columns] for doc in doc_ids]
        z = [[int(v) if v else None for v in values] for values in block.to_numpy().tolist()]
        traces.append(dict(
            type="heatmap", z=z, x=list(block.columns), y=doc_ids, zmin=0, zmax=max(1, int(block.to_numpy().max())),
            colorscale=[[0, shades.get(group, "#444444")], [1, shades.get(group, "#444444")]], showscale=False,
            xgap=3, ygap=3, text=[[str(v) if v else "" for v in row] for row in z], texttemplate="%{text}",
            customdata=quotes,
            hovertemplate="<b>%{y}</b> · %{x}<br>“%{customdata}”<extra></extra>",
        ))
        subplot = figure.get_subplot(1, i)
        axes[subplot.xaxis.plotly_name] = {"tickangle": -40}
        axes[subplot.yaxis.plotly_name] = doc_axis
    figure.add_traces(traces, rows=[1] * len(traces), cols=list(range(1, len(traces) + 1)))
    _set_layout(figure, axes, title="Why? The reasons each document gives, by what they are given for",
                height=260 + 44 * len(doc_ids) + 120, plot_bgcolor="#f2f2f2", margin={"t": 110, "b": 150})
    return figure


def decisions_figure(story: pd.DataFrame, scholarship: pd.DataFrame, doc_ids: Sequence[str],
                     colors: dict[str, str], window: tuple[pd.Timestamp, pd.Timestamp],
                     reference_color: str) -> Any:
    """The Soviet decisions by phase and date: the documents on top, each in
    its slot and colour; scholarship below in its own panel, in grey."""
    from plotly.subplots import make_subplots

    start, end = window
    phases = list(PHASES)
    offsets = slot_offsets(doc_ids)
    dated = with_date_bounds(story[story["date"].notna()])
    dated = dated[(dated["date_last"] >= start) & (dated["date_first"] <= end)]
    dated = dated.groupby(["doc_id", "phase", "date"], sort=False).agg(
        date_precision=("date_precision", "first"), date_first=("date_first", "first"),
        date_last=("date_last", "first"), decision=("decision", lambda d: ", ".join(dict.fromkeys(d))),
        body_as_written=("body_as_written", lambda d: " | ".join(dict.fromkeys(d.dropna()))),
        quote=("quote", "first"),
    ).reset_index()
    dated["y"] = [phases.index(p) + offsets[d] for p, d in zip(dated["phase"], dated["doc_id"])]
    dated["what"] = "<b>" + dated["doc_id"] + "</b>: " + dated["decision"] + " · " + dated["date"]
    dated["who"] = "body as written: " + dated["body_as_written"]
    scholarly = with_date_bounds(scholarship[scholarship["phase"].notna()])
    scholarly = scholarly.assign(
        y=scholarly["phase"].map(phases.index).astype(float), doc_id="scholarship",
        what="<b>" + scholarly["fact_id"] + "</b>: " + scholarly["key"] + " · " + scholarly["date"],
        who=scholarly["source_title"] + " (grade " + scholarly["grade"] + ")",
        quote=scholarly["excerpt"],
    )
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                           subplot_titles=["What the documents say", "What scholarship records (reference table)"])
    add_spans(figure, dated, doc_ids, colors, ["what", "who", "quote"], PHASE_HOVER,
              width=0.8 / max(len(doc_ids), 1) * 0.9, row=1, col=1)
    add_spans(figure, scholarly, ["scholarship"], {"scholarship": reference_color}, ["what", "who", "quote"],
              PHASE_HOVER, width=0.5, row=2, col=1)
    days = {"type": "date", "range": [(start - pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
                                      (end + pd.Timedelta(days=2)).strftime("%Y-%m-%d")],
            "dtick": 2 * DAY_MS, "tickformat": "%-d %b", "showgrid": True, "gridcolor": "#e4e4e4"}
    axes: dict[str, dict[str, Any]] = {}
    for row in (1, 2):
        subplot = figure.get_subplot(row, 1)
        axes[subplot.yaxis.plotly_name] = {"tickvals": list(range(len(phases))), "ticktext": phases,
                                           "range": [len(phases) - 0.5, -0.5]}
        axes[subplot.xaxis.plotly_name] = {**days, **({"title": {"text": "day"}} if row == 2 else {})}
    _set_layout(figure, axes, title="When did Moscow decide? The documents, and scholarship kept apart",
                barmode="overlay", height=620, legend_title_text="source")
    return figure


def _set_layout(figure: Any, axes: dict[str, dict[str, Any]], **settings: Any) -> None:
    """Add to a figure from ``make_subplots`` the properties of its axes
    (axis name -> properties) and of its layout, setting the layout whole,
    once: update_layout on a figure re-checks every property path several
    times over, at a cost above all the rest of drawing these charts."""
    layout = figure.layout.to_plotly_json()  # the panels' domains and titles from make_subplots
    layout.pop("template", None)  # the figure takes the default template again, as make_subplots did
    for name, properties in axes.items():
        layout[name] = {**layout[name], **properties}
    layout.update(settings)
    figure.layout = layout
