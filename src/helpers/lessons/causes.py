"""Why did Hungarians rise in 1956? The causes each document gives, and what research adds.

Works on ``causes`` (one row per cause per quote of one document, with its
term, domain and how the document gives it) and the scholarly table
``data/reference/causes_reference.csv`` (the causes research names, each with
a verbatim excerpt, its source and grade). Three rules:

- **How a cause is given matters.** A cause the text *states* in causal
  words, one it only *implies* by telling it on the way to the rising, and
  one it *reports* as someone else's claim (a government's justification)
  are kept apart. A reported cause is never counted as the document's own.
- **Left out is computed, not judged.** What a document leaves out is the
  causes research names that the document does not give in its own voice;
  leaving a cause out does not make a document wrong.
- **Research is labelled by its kind and grade**, never simply "research".

Nothing here names a document: everything works for any number of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from helpers.display.claims import GRADE_WORDS, document_name, words, wrap_for_hover

TERMS: tuple[str, ...] = ("long_term", "short_term", "trigger")
TERM_WORDS: dict[str, str] = {"long_term": "Long-term", "short_term": "Short-term", "trigger": "Trigger (23 October)"}
DOMAIN_WORDS: dict[str, str] = {"political": "Political", "economic": "Economic", "social": "Social",
                                "international": "International"}
# Strongest first: a cell of the grid shows the strongest way a document gives the cause.
HOW_GIVEN: tuple[str, ...] = ("stated", "implied", "reported")
HOW_GIVEN_WORDS: dict[str, str] = {"stated": "Stated", "implied": "Implied by the story",
                                   "reported": "Reported as someone else's claim"}
OWN_VOICE: frozenset[str] = frozenset({"stated", "implied"})
NOT_GIVEN = "Not given"
# How each reading is drawn in the grid: colour and symbol both differ (colour-blind safe, greyscale safe).
HOW_GIVEN_COLORS: dict[str, str] = {"stated": "#0072B2", "implied": "#56B4E9", "reported": "#E69F00"}
HOW_GIVEN_SYMBOLS: dict[str, str] = {"stated": "square", "implied": "circle", "reported": "diamond-open"}
SOURCE_KIND_WORDS: dict[str, str] = {
    "research_institute": "research institute", "archive_document": "record made at the time",
    "encyclopedia": "encyclopedia or chronology", "periodical": "periodical (essay)", "website": "website",
    "wiki": "user-edited wiki",
}

# Readable names of the causes (a code not listed here is shown in words).
CAUSE_NAMES: dict[str, str] = {
    "soviet_domination": "Soviet control of Hungary",
    "communist_dictatorship": "One-party communist rule",
    "rakosi_dictatorship": "Rákosi's Stalinist rule",
    "secret_police": "The secret police (ÁVH)",
    "economic_hardship": "Low living standards, economic hardship",
    "collectivisation": "Forced collective farms",
    "nagy_hopes": "Hopes raised by Nagy (1953)",
    "nagy_removed": "Nagy removed, Rákosi back (1955)",
    "de_stalinisation": "De-Stalinisation",
    "khrushchev_secret_speech": "Khrushchev's Secret Speech (1956)",
    "intellectual_ferment": "Writers' and students' debates (Petőfi Circle)",
    "events_in_poland": "Events in Poland (Poznań, Polish October)",
    "rakosi_removed": "Rákosi removed (July 1956)",
    "party_lost_authority": "The party loses its authority",
    "rajk_reburial": "The reburial of Rajk (6 October 1956)",
    "popular_discontent": "People tired of communist rule",
    "youth_discontent": "The anger of the young",
    "nationalism": "National feeling against Soviet rule",
    "wish_for_freedom": "The wish for freedom and democracy",
    "students_demands": "The demonstrators' demands",
    "student_demonstration": "The student demonstration",
    "violence_at_rally": "Shots and fighting at the demonstration",
    "foreign_instigation": "Foreign plotting (a claim of the Soviet side and Kádár)",
}


def cause_name(code: str) -> str:
    """A cause as a class reads it: ``"nagy_removed"`` -> "Nagy removed, Rákosi back (1955)"."""
    return CAUSE_NAMES.get(code, words(code).capitalize())


def strongest_reading(readings: Iterable[str]) -> str:
    """The strongest way a cause is given among ``readings`` (stated, then
    implied, then reported); :data:`NOT_GIVEN` for none."""
    present = set(readings)
    return next((how for how in HOW_GIVEN if how in present), NOT_GIVEN)


def own_voice(causes: pd.DataFrame) -> pd.DataFrame:
    """The rows a document gives in its own voice (stated or implied), not
    the causes it only reports others claiming."""
    return causes[causes["how_given"].isin(OWN_VOICE)]


def claim_rows(causes: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Every claim with readable columns (``document``, ``cause_name``,
    ``term_name``, ``domain_name``, ``how_name``), in the order of the
    documents, then from long-term to trigger, then as the text runs."""
    rows = causes[causes["doc_id"].isin(doc_ids)].copy()
    rows["document"] = rows["doc_id"].map(document_name)
    rows["cause_name"] = rows["cause"].map(cause_name)
    rows["term_name"] = rows["term"].map(TERM_WORDS)
    rows["domain_name"] = rows["domain"].map(DOMAIN_WORDS)
    rows["how_name"] = rows["how_given"].map(HOW_GIVEN_WORDS)
    rows["_doc"] = rows["doc_id"].map({d: i for i, d in enumerate(doc_ids)})
    rows["_term"] = rows["term"].map({t: i for i, t in enumerate(TERMS)})
    rows["_line"] = range(len(rows))
    return rows.sort_values(["_doc", "_term", "_line"]).drop(columns=["_doc", "_term", "_line"]).reset_index(drop=True)


def cause_order(*frames: pd.DataFrame) -> list[str]:
    """The causes of all ``frames`` (each with ``cause`` and ``term``), from
    long-term to trigger (by the earliest term any row gives a cause), then
    by how many rows give it (most first), then by name."""
    rows = pd.concat([f[["cause", "term"]] for f in frames], ignore_index=True)
    if rows.empty:
        return []
    rows["_term"] = rows["term"].map({t: i for i, t in enumerate(TERMS)})
    summary = rows.groupby("cause").agg(term=("_term", "min"), n=("_term", "size")).reset_index()
    summary["name"] = summary["cause"].map(cause_name)
    summary = summary.sort_values(["term", "n", "name"], ascending=[True, False, True])
    return summary["cause"].tolist()


def cause_grid(causes: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """The document x cause grid: one row per cause some document gives (in
    :func:`cause_order`), one column per document (all of ``doc_ids``, even
    one that gives no cause), each cell the strongest way the document gives
    the cause (:func:`strongest_reading`) or :data:`NOT_GIVEN`."""
    rows = causes[causes["doc_id"].isin(doc_ids)]
    grid = pd.DataFrame(NOT_GIVEN, index=pd.Index(cause_order(rows), name="cause"), columns=list(doc_ids))
    for (cause, doc_id), readings in rows.groupby(["cause", "doc_id"])["how_given"]:
        grid.loc[cause, doc_id] = strongest_reading(readings)
    return grid


def grid_table(grid: pd.DataFrame) -> pd.DataFrame:
    """The grid as a table a class reads: the cause by name, documents by
    name, cells in words."""
    table = grid.rename(columns=document_name).apply(lambda col: col.map(lambda v: HOW_GIVEN_WORDS.get(v, "")))
    table.insert(0, "Cause", [cause_name(c) for c in grid.index])
    return table.reset_index(drop=True)


def grid_figure(grid: pd.DataFrame, title: str = "Which document gives which cause"):
    """A plotly chart of :func:`cause_grid`: causes down, documents across,
    one mark per cell where a document gives the cause; one series per way of
    giving it (its name, colour and symbol say which: stated, implied,
    reported), so that the chart's text alternative lists every mark in words."""
    import plotly.graph_objects as go

    names = {d: document_name(d) for d in grid.columns}
    causes = [cause_name(c) for c in grid.index]
    figure = go.Figure()
    for how in HOW_GIVEN:
        cells = [(names[d], cause_name(c)) for c in grid.index for d in grid.columns if grid.loc[c, d] == how]
        if not cells:
            continue
        figure.add_trace(go.Scatter(
            x=[x for x, _ in cells], y=[y for _, y in cells], mode="markers", name=HOW_GIVEN_WORDS[how],
            marker={"symbol": HOW_GIVEN_SYMBOLS[how], "size": 20, "color": HOW_GIVEN_COLORS[how],
                    "line": {"width": 1, "color": "#333333"}},
            hovertemplate="%{y}<br>%{x}: " + HOW_GIVEN_WORDS[how].lower() + "<extra></extra>",
        ))
    # Every document and every cause keeps its place, even a document that gives none.
    wrapped = [wrap_for_hover(names[d], width=18) for d in grid.columns]
    figure.update_layout(
        title=title, height=170 + 28 * len(causes), margin={"l": 20, "r": 20, "t": 40, "b": 20},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "xanchor": "left", "x": 0, "title": None},
        xaxis={"side": "top", "title": "Document", "type": "category", "categoryorder": "array",
               "categoryarray": list(names.values()), "tickvals": list(names.values()), "ticktext": wrapped,
               "range": [-0.5, len(names) - 0.5], "automargin": True, "tickangle": 0, "showgrid": True},
        yaxis={"title": "Cause", "type": "category", "categoryorder": "array", "categoryarray": causes[::-1],
               "range": [-0.5, len(causes) - 0.5], "automargin": True, "showgrid": True},
        font={"size": 14},
    )
    return figure


def coverage_by_document(causes: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Per document: how many different causes it gives in its own voice
    (``own``), how many it only reports (``reported_only``), and which of the
    three terms its own causes cover (``terms``) and miss (``terms_missing``)."""
    records = []
    for doc_id in doc_ids:
        rows = causes[causes["doc_id"] == doc_id]
        mine = own_voice(rows)
        terms = [t for t in TERMS if t in set(mine["term"])]
        records.append({
            "doc_id": doc_id, "document": document_name(doc_id),
            "own": mine["cause"].nunique(),
            "reported_only": len(set(rows["cause"]) - set(mine["cause"])),
            "terms": [TERM_WORDS[t] for t in terms],
            "terms_missing": [TERM_WORDS[t] for t in TERMS if t not in terms],
        })
    return pd.DataFrame(records)


def left_out(causes: pd.DataFrame, reference: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Per document, the causes research names (``reference``) that the
    document does not give in its own voice, in :func:`cause_order` of the
    research rows: ``left_out`` (codes), ``left_out_names`` and ``n_left_out``."""
    named = cause_order(reference)
    records = []
    for doc_id in doc_ids:
        given = set(own_voice(causes[causes["doc_id"] == doc_id])["cause"])
        missing = [c for c in named if c not in given]
        records.append({"doc_id": doc_id, "document": document_name(doc_id), "left_out": missing,
                        "left_out_names": [cause_name(c) for c in missing], "n_left_out": len(missing)})
    return pd.DataFrame(records)


def research_only(causes: pd.DataFrame, reference: pd.DataFrame) -> list[str]:
    """The causes research names that no document gives in its own voice."""
    given = set(own_voice(causes)["cause"])
    return [c for c in cause_order(reference) if c not in given]


def documents_only(causes: pd.DataFrame, reference: pd.DataFrame) -> list[str]:
    """The causes documents give (in any voice) that no research row names."""
    named = set(reference["cause"])
    return [c for c in cause_order(causes) if c not in named]


def reference_rows(reference: pd.DataFrame) -> pd.DataFrame:
    """The research rows with readable columns (``cause_name``, ``term_name``,
    ``source_shown``: the source with its kind and grade in words), from
    long-term to trigger, the best-graded source first within a cause."""
    rows = reference.copy()
    rows["cause_name"] = rows["cause"].map(cause_name)
    rows["term_name"] = rows["term"].map(TERM_WORDS)
    rows["source_shown"] = [
        f"{title} ({SOURCE_KIND_WORDS.get(kind, kind)}; grade {grade}: {GRADE_WORDS[grade]})"
        for title, kind, grade in zip(rows["source_title"], rows["source_kind"], rows["grade"])]
    order = {c: i for i, c in enumerate(cause_order(reference))}
    rows["_cause"] = rows["cause"].map(order)
    return rows.sort_values(["_cause", "grade", "ref_id"]).drop(columns="_cause").reset_index(drop=True)


def best_grade(reference: pd.DataFrame, cause: str) -> str | None:
    """The best grade (A before B before C) of the research rows naming ``cause``; None if none does."""
    grades = sorted(reference.loc[reference["cause"] == cause, "grade"])
    return grades[0] if grades else None


def other_versions(reference: pd.DataFrame) -> pd.DataFrame:
    """The research rows whose source is another version of one of the
    documents' own pages (``same_page_as`` set), with readable columns."""
    return reference_rows(reference[reference["same_page_as"].notna()])
