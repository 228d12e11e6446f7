"""What happened, and when: the historians' chronology, and each document's
datings of the same events placed against it.

Works on ``reference/chronology.csv`` (one row per event and source; a source
may give a span, ``date`` to ``date_end``) and ``event_claims`` (one row per
dated or undated event a document tells).

Every date is a *span* of days: "October 1956" is the whole month, "19–21
October 1956" three days, "23 October 1956" one day (see
:mod:`helpers.evidence.dates`). Two datings agree when some day fits both;
a document's dating is compared with every source's dating of the same event,
so that where the sources disagree (the end of the fighting: 7, 10, 11 or
14 November) a document can agree with some sources and not with others.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import pandas as pd

from helpers.evidence.dates import DATE_VERDICT_WORDS, span_bounds, span_verdict

Phase = Literal["before", "during", "after"]
PHASES: tuple[Phase, ...] = ("before", "during", "after")
PHASE_WORDS: dict[str, str] = {
    "before": "Before the revolution",
    "during": "The revolution and its crushing",
    "after": "After the fighting",
}
# The events whose dates bound the revolution: its start and the end of armed resistance.
START_EVENT = "revolution_begins"
END_EVENT = "revolution_ends"
# How a document's dating compares with the research dates of its event.
UNDATED = "undated"
NO_RESEARCH = "no research date"
CLAIM_VERDICT_WORDS: dict[str, str] = {
    **DATE_VERDICT_WORDS,
    "same": "the same as a source",
    "compatible": "fits a source, less precise",
    "conflict": "fits no source",
    UNDATED: "no date given",
    NO_RESEARCH: "no research date to compare",
}
VERDICT_ORDER: tuple[str, ...] = ("same", "compatible", "conflict")
RESEARCH = "Research"
# What kind of source a chronology row quotes (its column source_kind), in words.
SOURCE_KIND_WORDS: dict[str, str] = {
    "archive": "archive record",
    "research_institute": "research institute",
    "historians_book": "historian's book",
    "encyclopedia": "encyclopedia",
    "wikipedia": "Wikipedia",
    "wikipedia_copy": "copy of Wikipedia",
    "chronology": "chronology website",
    "press": "newspaper or radio",
    "teaching": "university teaching page",
    "website": "website",
    "user_page": "a Wikipedia user's notes",
}
# What a document does with an event of the chronology (body text only).
TOLD_DATED, TOLD_UNDATED, LEFT_OUT = "told with a date", "told without a date", "left out"


# --- spans --------------------------------------------------------------------


def best_verdict(verdicts: Iterable[str]) -> str:
    """The closest agreement among several sources' verdicts (``same`` before
    ``compatible`` before ``conflict``)."""
    found = set(verdicts)
    for verdict in VERDICT_ORDER:
        if verdict in found:
            return verdict
    raise ValueError("no verdicts to choose from")


# --- the chronology -----------------------------------------------------------


def revolution_window(chronology: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The revolution from the research rows: from the earliest first day any
    source gives for its start to the latest last day any source gives for
    the end of armed resistance (so every source's end lies inside it)."""
    starts = chronology[chronology["event_id"] == START_EVENT]
    ends = chronology[chronology["event_id"] == END_EVENT]
    if starts.empty or ends.empty:
        raise ValueError(f"the chronology needs rows for {START_EVENT!r} and {END_EVENT!r}")
    first = min(span_bounds(d, e)[0] for d, e in zip(starts["date"], starts["date_end"]))
    last = max(span_bounds(d, e)[1] for d, e in zip(ends["date"], ends["date_end"]))
    return first, last


def phase_of(first: pd.Timestamp, window: tuple[pd.Timestamp, pd.Timestamp]) -> Phase:
    """The phase of an event by its first day: before the revolution's start,
    during it (to the end of the last resistance), or after."""
    start, end = window
    if first < start:
        return "before"
    return "during" if first <= end else "after"


def prepare_chronology(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The research rows with the event's label, each row's first and last
    day, and the event's phase (from the event's earliest first day), in
    order of date."""
    chronology = tables["chronology"].merge(tables["events"], on="event_id", how="left", validate="many_to_one")
    bounds = [span_bounds(d, e) for d, e in zip(chronology["date"], chronology["date_end"])]
    chronology["first"] = pd.to_datetime([b[0] for b in bounds])
    chronology["last"] = pd.to_datetime([b[1] for b in bounds])
    window = revolution_window(chronology)
    event_first = chronology.groupby("event_id")["first"].transform("min")
    chronology["phase"] = [phase_of(first, window) for first in event_first]
    chronology["event_first"] = event_first
    return chronology.sort_values(["event_first", "event_id", "first", "chron_id"]).reset_index(drop=True)


def sources_agree(rows: pd.DataFrame) -> bool:
    """Whether every source's dating of an event shares at least one day."""
    return bool(rows["first"].max() <= rows["last"].min())


def event_timeline(chronology: pd.DataFrame) -> pd.DataFrame:
    """One row per event: its label, phase, earliest and latest day any
    source gives, the earliest source's own date as written (``first_date``,
    a partial date: "1944-09" stays a month), the number of sources, whether
    they agree, the best grade among them, and the kinds of source in words
    (``kinds``, empty without a ``source_kind`` column); in order of date."""
    rows = []
    for event_id, group in chronology.groupby("event_id", sort=False):
        earliest = group.sort_values(["first", "last"]).iloc[0]
        rows.append({
            "event_id": event_id,
            "label": group["label"].iloc[0],
            "phase": group["phase"].iloc[0],
            "first": group["first"].min(),
            "first_date": earliest["date"],
            "last": group["last"].max(),
            "sources": len(group),
            "sources_agree": sources_agree(group),
            "best_grade": min(group["grade"]),
            "kinds": (", ".join(SOURCE_KIND_WORDS.get(k, k) for k in dict.fromkeys(group["source_kind"]))
                      if "source_kind" in group.columns else ""),
        })
    return pd.DataFrame(rows).sort_values(["first", "event_id"]).reset_index(drop=True)


ONE_SOURCE = "one source"


def agreement_in_words(sources: int, agree: bool) -> str:
    """Whether an event's sources agree, in words: "one source" when there
    is only one (a lone source can neither agree nor disagree), else "yes"
    or "no"."""
    if sources < 1:
        raise ValueError("an event of the chronology has at least one source")
    if sources == 1:
        return ONE_SOURCE
    return "yes" if agree else "no"


def research_disagreements(chronology: pd.DataFrame) -> pd.DataFrame:
    """The research rows of the events whose sources give dates that no
    single day fits."""
    disagreeing = [event_id for event_id, group in chronology.groupby("event_id") if not sources_agree(group)]
    return chronology[chronology["event_id"].isin(disagreeing)].reset_index(drop=True)


def dating_in_words(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """A span as a person writes it: "4 November 1956", "19–21 October
    1956", "1 September 1944 – 30 April 1945"."""
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if first.year == last.year and first.month == last.month:
        if first.day == 1 and last.is_month_end:
            return f"{first:%B %Y}"
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year and first.day == 1 and last.is_month_end:
        return f"{first:%B}–{last:%B %Y}"
    if first.day == 1 and last.is_month_end and first.year != last.year:
        return f"{first:%B %Y} – {last:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


def research_dating(row: Mapping[str, object]) -> str:
    """One research row's dating in words, with its source and grade."""
    return f"{dating_in_words(row['first'], row['last'])} ({row['source_title']}; grade {row['grade']})"


# --- the documents against the research -------------------------------------


def compare_claims(claims: pd.DataFrame, chronology: pd.DataFrame) -> pd.DataFrame:
    """Every event claim with the research datings of its event: ``verdict``
    (the closest agreement with any source: ``same``, ``compatible``,
    ``conflict``; or ``undated``, or ``no research date``), how many sources
    it fits, and the research datings in words."""
    by_event = {event_id: group for event_id, group in chronology.groupby("event_id")}
    out = []
    for claim in claims.to_dict("records"):
        sources = by_event.get(claim["event_id"])
        date = claim["date"]
        dated = isinstance(date, str) and bool(date)
        record = dict(claim)
        record["research"] = ([research_dating(r) for r in sources.to_dict("records")]
                              if sources is not None else [])
        record["sources"] = 0 if sources is None else len(sources)
        if not dated:
            record.update(verdict=UNDATED, fits=0)
        elif sources is None:
            record.update(verdict=NO_RESEARCH, fits=0)
        else:
            verdicts = [span_verdict(date, d, e) for d, e in zip(sources["date"], sources["date_end"])]
            record.update(verdict=best_verdict(verdicts), fits=sum(v != "conflict" for v in verdicts))
        if dated:
            record["claim_first"], record["claim_last"] = span_bounds(date)
        else:
            record["claim_first"] = record["claim_last"] = pd.NaT
        out.append(record)
    frame = pd.DataFrame(out)
    frame["verdict_words"] = frame["verdict"].map(CLAIM_VERDICT_WORDS)
    return frame


def fit_in_words(fits: int, sources: int) -> str:
    """'fits 2 of 5 sources', 'fits the one source', 'fits none of 3 sources'."""
    if sources == 1:
        return "fits the one source" if fits else "does not fit the one source"
    if fits == 0:
        return f"fits none of {sources} sources"
    if fits == sources:
        return f"fits all {sources} sources"
    return f"fits {fits} of {sources} sources"


def verdict_counts(compared: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Per document: how many of its dated claims with a research date are
    the same as a source, fit one, or fit none (documents in the order given)."""
    rows = []
    for doc_id in doc_ids:
        mine = compared[compared["doc_id"] == doc_id]
        row = {"doc_id": doc_id}
        for verdict in (*VERDICT_ORDER, UNDATED, NO_RESEARCH):
            row[verdict] = int((mine["verdict"] == verdict).sum())
        rows.append(row)
    return pd.DataFrame(rows)


def coverage_matrix(claims: pd.DataFrame, timeline: pd.DataFrame, doc_ids: Sequence[str],
                    span: str = "body") -> pd.DataFrame:
    """For every event of the chronology (rows, in order of date) and every
    document (columns): told with a date, told without a date, or left out,
    counting only the claims of the given span (the author's text by default:
    a reader's comment is not the author's telling)."""
    mine = claims[claims["span"] == span]
    dated = mine["date"].notna() & (mine["date"].astype("string") != "")
    told = {(d, e) for d, e in zip(mine["doc_id"], mine["event_id"])}
    told_dated = {(d, e) for d, e in zip(mine.loc[dated, "doc_id"], mine.loc[dated, "event_id"])}
    matrix = pd.DataFrame(index=pd.Index(timeline["event_id"], name="event_id"), columns=list(doc_ids), dtype=object)
    for event_id in matrix.index:
        for doc_id in doc_ids:
            key = (doc_id, event_id)
            matrix.loc[event_id, doc_id] = TOLD_DATED if key in told_dated else TOLD_UNDATED if key in told else LEFT_OUT
    return matrix


def left_out(matrix: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """Per document: how many chronology events it leaves out, in each phase,
    and their labels."""
    phase_of_event = dict(zip(timeline["event_id"], timeline["phase"]))
    label_of_event = dict(zip(timeline["event_id"], timeline["label"]))
    rows = []
    for doc_id in matrix.columns:
        missing = [e for e in matrix.index if matrix.loc[e, doc_id] == LEFT_OUT]
        row = {"doc_id": doc_id, "left_out": len(missing), "of": len(matrix.index)}
        for phase in PHASES:
            row[phase] = sum(phase_of_event[e] == phase for e in missing)
        row["events"] = [label_of_event[e] for e in missing]
        rows.append(row)
    return pd.DataFrame(rows)


def told_by_none(matrix: pd.DataFrame) -> list[str]:
    """The chronology events that no document tells (in order of date)."""
    return [event_id for event_id in matrix.index if (matrix.loc[event_id] == LEFT_OUT).all()]


# --- figures ------------------------------------------------------------------


def wrap_label(text: str, width: int = 72) -> str:
    """A long axis label broken into lines with ``<br>``."""
    import textwrap

    return "<br>".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


def span_traces_xy(firsts: Sequence[pd.Timestamp], lasts: Sequence[pd.Timestamp], ys: Sequence[str],
                   hovers: Sequence[str]) -> tuple[list, list, list]:
    """The x, y and hover lists of one scatter trace that draws each span as
    a line from its first to its last day (a lone marker for one day),
    spans separated by gaps."""
    xs: list = []
    yy: list = []
    texts: list = []
    for first, last, y, hover in zip(firsts, lasts, ys, hovers):
        if xs:
            xs.append(None)
            yy.append(None)
            texts.append(None)
        xs.append(first)
        yy.append(y)
        texts.append(hover)
        if last != first:
            xs.append(last)
            yy.append(y)
            texts.append(hover)
    return xs, yy, texts


def phase_range(chronology: pd.DataFrame, phase: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a phase's chart shows: the revolution's days (with three
    days either side) for ``during``; from the first research date to the
    revolution's start for ``before``, and from its end to the last research
    date for ``after`` (each with a margin). A span that runs on beyond the
    phase (the flight of the refugees into 1957) runs off the chart's edge."""
    start, end = revolution_window(chronology)
    if phase == "during":
        return start - pd.Timedelta(days=3), end + pd.Timedelta(days=3)
    rows = chronology[chronology["phase"] == phase]
    if phase == "before":
        return rows["first"].min() - pd.Timedelta(days=120), start
    if phase == "after":
        return end, rows["last"].max() + pd.Timedelta(days=60)
    raise ValueError(f"no phase {phase!r}; the phases are {PHASES}")


def phase_figure(marks: pd.DataFrame, phase: str, styles: Mapping[str, Mapping[str, object]], *,
                 title: str, x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None,
                 x_title: str = "Date", row_height: int = 36) -> object:
    """A timeline of one phase: one line per ``row`` (top to bottom in the
    order of the frame), each mark a span from ``first`` to ``last`` (a line,
    or a lone marker for one day) with its ``hover`` text, drawn in its
    ``series``' style (``color``, marker ``size`` and ``symbol``, line
    ``width``). Series are drawn in the order of ``styles``, so a series
    with big markers drawn first stays visible behind smaller ones on the
    same day. ``marks`` has the columns phase, row, series, first, last, hover,
    and optionally ``verdict``: a mark whose verdict is ``conflict`` gets a
    red ring (series :data:`CONFLICT`). Rows are at least ``row_height``
    pixels apart, text is 14 px, and the legend sits under the plot so that
    it never covers the title."""
    import plotly.graph_objects as go

    mine = marks[marks["phase"] == phase]
    rows = list(dict.fromkeys(mine["row"]))
    figure = go.Figure()
    for series in [s for s in styles if s in set(mine["series"])]:
        group = mine[mine["series"] == series]
        style = styles[series]
        xs, ys, texts = span_traces_xy(list(group["first"]), list(group["last"]), list(group["row"]), list(group["hover"]))
        figure.add_trace(go.Scatter(
            x=xs, y=ys, hovertext=texts, hoverinfo="text", name=series, mode="lines+markers",
            line={"width": style.get("width", 6), "color": style.get("color")},
            marker={"size": style.get("size", 12), "color": style.get("color"), "symbol": style.get("symbol", "circle")},
        ))
    if "verdict" in mine.columns:
        conflicts = mine[mine["verdict"] == "conflict"]
        if not conflicts.empty:
            middles = [first + (last - first) / 2 for first, last in zip(conflicts["first"], conflicts["last"])]
            figure.add_trace(go.Scatter(
                x=middles, y=list(conflicts["row"]), hovertext=list(conflicts["hover"]), hoverinfo="text",
                name=CONFLICT, mode="markers",
                marker={"size": 30, "symbol": "circle-open", "color": CONFLICT_COLOR, "line": {"width": 4}},
            ))
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(rows)), title=None, automargin=True,
                        tickfont={"size": 14}, range=[-0.6, len(rows) - 0.4])
    figure.update_xaxes(title=x_title, type="date", range=list(x_range) if x_range else None, tickfont={"size": 14})
    figure.update_layout(title=title, height=max(360, 230 + row_height * len(rows)), font={"size": 14},
                         legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0.0, "x": 0,
                                 "font": {"size": 14}},
                         margin={"l": 10, "r": 20, "t": 60, "b": 130})
    return figure


CONFLICT = "Fits no source"
CONFLICT_COLOR = "#d7191c"


def split_phase(marks: pd.DataFrame, phase: str, cut: pd.Timestamp, new_phase: str) -> pd.DataFrame:
    """The marks with those of ``phase`` whose row's first mark falls on or
    after ``cut`` moved to ``new_phase`` (e.g. the months of 1956 before the
    revolution, so that they get their own panel and are not squeezed
    against the edge of a chart that starts in 1944)."""
    out = marks.copy()
    mine = out["phase"] == phase
    row_first = out[mine].groupby("row")["first"].transform("min")
    out.loc[row_first.index[row_first >= cut], "phase"] = new_phase
    return out


def marks_range(marks: pd.DataFrame, phase: str, margin_days: int = 20) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a chart of one phase's marks shows: from the first mark's
    first day to the last mark's first day (a span that runs on beyond it runs
    off the edge), each with a margin."""
    mine = marks[marks["phase"] == phase]
    if mine.empty:
        raise ValueError(f"no marks in phase {phase!r}")
    margin = pd.Timedelta(days=margin_days)
    return mine["first"].min() - margin, mine["first"].max() + margin


def first_dating_in_words(row: Mapping[str, object]) -> str:
    """An event's start as its earliest source writes it: with that source's
    precision ("September 1944", never "1 September 1944" for a month) when
    the row has ``first_date``, else the first day."""
    date = row.get("first_date")
    if isinstance(date, str) and date:
        return dating_in_words(*span_bounds(date))
    first = row["first"]
    return dating_in_words(first, first)


def events_span_in_words(rows: pd.DataFrame) -> str:
    """How many events a set of timeline rows holds and from which start to
    which, counted from the events' *first* days (a span's end, such as the
    end of a count of refugees, does not stretch it), each written with its
    source's precision."""
    if rows.empty:
        return "no events"
    ordered = rows.sort_values("first")
    first, last = ordered.iloc[0].to_dict(), ordered.iloc[-1].to_dict()
    return f"{len(rows)} events, from {first_dating_in_words(first)} to {first_dating_in_words(last)}"


def phase_span_in_words(timeline: pd.DataFrame, phase: str) -> str:
    """How many events a phase holds and from which start to which (see
    :func:`events_span_in_words`)."""
    return events_span_in_words(timeline[timeline["phase"] == phase])


GRADE_STYLES: dict[str, dict[str, object]] = {
    "Grade A": {"color": "#000000", "size": 20, "symbol": "diamond", "width": 8},
    "Grade B": {"color": "#6a51a3", "size": 15, "symbol": "circle", "width": 6},
    "Grade C": {"color": "#e6550d", "size": 10, "symbol": "square", "width": 4},
}
RESEARCH_STYLE: dict[str, object] = {"color": "#bdbdbd", "size": 26, "symbol": "square", "width": 16}


def comparison_styles(doc_ids: Sequence[str], names: Mapping[str, str], colors: Mapping[str, str]
                      ) -> dict[str, dict[str, object]]:
    """Research first (a wide grey band or square), then each document in
    its colour with a smaller marker than the one before, so that documents
    giving the same day show as rings around each other."""
    styles: dict[str, dict[str, object]] = {RESEARCH: dict(RESEARCH_STYLE)}
    for position, doc_id in enumerate(doc_ids):
        styles[names.get(doc_id, doc_id)] = {"color": colors[doc_id], "size": max(6, 18 - 3 * position),
                                             "symbol": "circle", "width": max(2, 8 - position)}
    return styles


def research_marks(chronology: pd.DataFrame) -> pd.DataFrame:
    """The marks of the research timeline: one per source row, on its event's line."""
    return pd.DataFrame({
        "phase": chronology["phase"],
        "row": [wrap_label(label) for label in chronology["label"]],
        "series": [f"Grade {grade}" for grade in chronology["grade"]],
        "first": chronology["first"],
        "last": chronology["last"],
        "hover": [f"{label}: {research_dating(r)}" for label, r in zip(chronology["label"], chronology.to_dict("records"))],
    })


def comparison_marks(compared: pd.DataFrame, chronology: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """The marks of the documents-against-research timeline, for every event
    that some document dates and research dates: on the event's line, the
    research rows (series "Research") and each document's dating (series =
    the document's name; hover = its words and verdict)."""
    dated = compared[compared["verdict"].isin(VERDICT_ORDER)]
    events = [e for e in chronology["event_id"].drop_duplicates() if e in set(dated["event_id"])]
    rows = []
    for event_id in events:
        research = chronology[chronology["event_id"] == event_id]
        label = research["label"].iloc[0]
        phase = research["phase"].iloc[0]
        for r in research.to_dict("records"):
            rows.append({"phase": phase, "row": wrap_label(label), "series": RESEARCH,
                         "first": r["first"], "last": r["last"], "hover": f"{label}: {research_dating(r)}",
                         "verdict": ""})
        for claim in dated[dated["event_id"] == event_id].to_dict("records"):
            name = names.get(claim["doc_id"], claim["doc_id"])
            rows.append({"phase": phase, "row": wrap_label(label), "series": name,
                         "first": claim["claim_first"], "last": claim["claim_last"],
                         "hover": f"{name}: “{claim['quote']}” ({claim['verdict_words']})",
                         "verdict": claim["verdict"]})
    return pd.DataFrame(rows, columns=["phase", "row", "series", "first", "last", "hover", "verdict"])


def coverage_quotes(claims: pd.DataFrame, matrix: pd.DataFrame, span: str = "body") -> pd.DataFrame:
    """The words behind every told square of a coverage matrix: one row per
    event and document that tells it, with the status and every quote of the
    document filed under that event (in the order of the claims), in the
    order of the matrix's events and documents. A claim counts for an event
    only if its row is filed under that event."""
    mine = claims[claims["span"] == span]
    rows = []
    for event_id in matrix.index:
        for doc_id in matrix.columns:
            status = matrix.loc[event_id, doc_id]
            if status == LEFT_OUT:
                continue
            told = mine[(mine["doc_id"] == doc_id) & (mine["event_id"] == event_id)]
            rows.append({"event_id": event_id, "doc_id": doc_id, "status": status,
                         "quotes": list(dict.fromkeys(told["quote"]))})
    return pd.DataFrame(rows, columns=["event_id", "doc_id", "status", "quotes"])


def coverage_figure(matrix: pd.DataFrame, timeline: pd.DataFrame, names: Mapping[str, str], title: str,
                    quotes: pd.DataFrame | None = None) -> object:
    """A grid of the chronology's events (rows, in order of date) against the
    documents (columns): a filled square where the document tells the event
    with a date, an open one where it tells it without a date, nothing where
    it leaves it out. With ``quotes`` (from :func:`coverage_quotes`) each
    square's hover gives the document's words. The document names stand at
    the top and again at the foot of the grid; the legend sits under the
    plot, away from the slanted names at the top."""
    import plotly.graph_objects as go

    labels = dict(zip(timeline["event_id"], timeline["label"]))
    words = ({} if quotes is None else
             {(r["doc_id"], r["event_id"]): r["quotes"] for r in quotes.to_dict("records")})
    rows = [wrap_label(labels[e], 60) for e in matrix.index]
    figure = go.Figure()
    for status, symbol, color in ((TOLD_DATED, "square", "#08519c"), (TOLD_UNDATED, "square-open", "#3182bd")):
        cells = [(d, e) for e in matrix.index for d in matrix.columns if matrix.loc[e, d] == status]
        hovers = [wrap_label(f"{names.get(d, d)}, {status}: " + " … ".join(f"“{q}”" for q in words.get((d, e), [])), 60)
                  if words.get((d, e)) else f"{names.get(d, d)}: {status}" for d, e in cells]
        figure.add_trace(go.Scatter(
            x=[names.get(d, d) for d, _ in cells], y=[wrap_label(labels[e], 60) for _, e in cells],
            mode="markers", name=status, hovertext=hovers, hoverinfo="text",
            marker={"symbol": symbol, "size": 14, "color": color, "line": {"width": 2, "color": color}},
        ))
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(rows)), automargin=True,
                        tickfont={"size": 12}, range=[-0.5, len(rows) - 0.5])
    columns = [names.get(d, d) for d in matrix.columns]
    # The document names again under the grid (an invisible trace on a second
    # axis), so that a tall grid keeps its column names in view at its foot.
    figure.add_trace(go.Scatter(x=columns, y=[rows[-1]] * len(columns), xaxis="x2", mode="markers",
                                marker={"opacity": 0}, hoverinfo="skip", showlegend=False))
    figure.update_xaxes(categoryorder="array", categoryarray=columns, side="top", automargin=True, title=None)
    figure.update_layout(title=title, height=300 + 24 * len(rows),
                         xaxis2={"overlaying": "x", "side": "bottom", "matches": "x", "categoryorder": "array",
                                 "categoryarray": columns, "automargin": True, "showgrid": False},
                         legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0.0, "x": 0,
                                 "font": {"size": 14}},
                         margin={"l": 10, "r": 10, "t": 160, "b": 110})
    return figure


# --- people -------------------------------------------------------------------

OFFICE_WORDS: dict[str, str] = {"party_leader": "party leader", "prime_minister": "prime minister",
                                "head_of_government": "head of government"}
RESEARCH_ONLY = "no document (reference sources only)"


def spellings_by_person(variants: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Per person of the name variants: which documents name them
    (``named_by``, document names in the order first met) and how each
    spelling is used (``spellings``: "Janos Kadar: Blog post, Wiki revision
    page; …"), a misspelling marked, a spelling found only in a reader's
    comment (or in both the author's text and a comment) marked as such."""
    rows = []
    for person_id, group in variants.groupby("person_id", sort=False):
        docs = [names.get(d, d) for d in dict.fromkeys(group["doc_id"])]
        parts = []
        for spelling, used in group.groupby("spelling", sort=False):
            misspelt = used["is_misspelling"].astype(str).str.lower().eq("true").any()
            where = []
            for doc_id, spans in used.groupby("doc_id", sort=False)["span"]:
                kinds = set(spans)
                marker = ("" if kinds == {"body"} else " (a reader's comment)" if kinds == {"comments"}
                          else " (the author and a reader's comment)")
                where.append(names.get(doc_id, doc_id) + marker)
            parts.append(f"{spelling}{' (misspelt)' if misspelt else ''}: {', '.join(where)}")
        rows.append({"person_id": person_id, "named_by": ", ".join(docs), "spellings": "; ".join(parts)})
    return pd.DataFrame(rows, columns=["person_id", "named_by", "spellings"])


def research_only_people(people: pd.DataFrame, leadership: pd.DataFrame) -> pd.DataFrame:
    """The people of the research table of offices whom no document names
    (no ``person_id``): their name, the offices they held with the dates
    (from that table), and the marker "named by research only"."""
    known = set(people["canonical_name"])
    rows = []
    unnamed = leadership[(leadership["person_id"].fillna("") == "") & ~leadership["person"].isin(known)]
    for person, group in unnamed.groupby("person", sort=False):
        group = group.sort_values("date")
        parts = []
        for office, held in group.groupby("office", sort=False):
            took = held.loc[held["change"] == "took_office", "date"]
            left = held.loc[held["change"] != "took_office", "date"]
            span = " – ".join(dating_in_words(*span_bounds(d)) for d in [*took[:1], *left[:1]])
            parts.append(f"{OFFICE_WORDS.get(office, office.replace('_', ' '))}, {span}")
        rows.append({"canonical_name": person, "role": (lambda text: text[:1].upper() + text[1:])("; ".join(parts)), "named_by": RESEARCH_ONLY})
    return pd.DataFrame(rows, columns=["canonical_name", "role", "named_by"])
