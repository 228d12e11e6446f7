"""Why did Hungarians rise in 1956? The causes each document gives, and what research adds.

Works on ``causes`` (one row per cause per quote of one document, with its
term, domain and how the document gives it) and the scholarly table
``data/reference/causes_reference.csv`` (the causes research names, each with
a verbatim excerpt, its source and grade). Three rules:

- **How a cause is given matters.** A cause the text *states* in causal
  words, one it only *implies* by telling it on the way to the rising, and
  one it *reports* as someone else's claim (a government's justification)
  are kept apart. A reported cause is never counted as the document's own.
- **A reader comment is the commenter's claim, not the author's.** Causes
  given only in a page's reader comments are counted in a voice of their
  own ("Readers' comments on ..."), never as the author's.
- **Left out is computed, not judged.** What a document leaves out is the
  causes research names that the document does not give in its own voice;
  leaving a cause out does not make a document wrong.
- **Research is labelled by its kind and grade**, never simply "research".

Nothing here names a document: everything works for any number of them.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence

import pandas as pd

from helpers.display.claims import GRADE_WORDS, document_name, words

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
    "nagy_removed": "Nagy ousted (1955)",
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
    """A cause as a class reads it: ``"nagy_removed"`` -> "Nagy ousted (1955)"."""
    return CAUSE_NAMES.get(code, words(code).capitalize())


def strongest_reading(readings: Iterable[str]) -> str:
    """The strongest way a cause is given among ``readings`` (stated, then
    implied, then reported); :data:`NOT_GIVEN` for none."""
    present = set(readings)
    return next((how for how in HOW_GIVEN if how in present), NOT_GIVEN)


def own_voice(causes: pd.DataFrame) -> pd.DataFrame:
    """The rows an author gives in their own voice: stated or implied, in the
    body of the page. Not the causes the author only reports others claiming,
    and not the readers' comments (the commenters' claims)."""
    return causes[causes["how_given"].isin(OWN_VOICE) & (causes["span"] != "comments")]


COMMENTS_SUFFIX = "|comments"


def voices(causes: pd.DataFrame, doc_ids: Sequence[str]) -> list[str]:
    """The voices of the grid: every document (its author), each followed by
    ``"<doc_id>|comments"`` when the document's reader comments give a cause."""
    with_comments = set(causes.loc[causes["span"] == "comments", "doc_id"])
    keys: list[str] = []
    for doc_id in doc_ids:
        keys.append(doc_id)
        if doc_id in with_comments:
            keys.append(doc_id + COMMENTS_SUFFIX)
    return keys


def voice_of(row_doc_id: str, span: str) -> str:
    """The voice key of one claim row: the document, or its reader comments."""
    return row_doc_id + COMMENTS_SUFFIX if span == "comments" else row_doc_id


def voice_name(key: str) -> str:
    """A voice by name: the document's name, or "Readers' comments on the ..."
    for the reader comments of a document (its name without "with reader comments")."""
    if key.endswith(COMMENTS_SUFFIX):
        name = document_name(key[: -len(COMMENTS_SUFFIX)], in_sentence=True)
        name = re.sub(r"\s+with reader comments$", "", name)
        return f"Readers' comments on the {name}"
    return document_name(key)


def chart_label_width(n_columns: int, plot_px: int = 760, char_px: int = 8, minimum: int = 8) -> int:
    """How many characters a column label may have per line so that
    ``n_columns`` labels side by side fit ``plot_px`` pixels at ``char_px`` a
    character (two characters kept free as a gap between labels)."""
    return max(minimum, plot_px // max(n_columns, 1) // char_px - 2)


def wrap_label(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters, at spaces
    only, joined by ``<br>`` (a word longer than ``width`` keeps its own line)."""
    return "<br>".join(textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False) or [""])


def causes_with_several_terms(causes: pd.DataFrame) -> set[str]:
    """The causes filed under more than one term across the documents: the
    term then follows each document's own date for it (e.g. de-Stalinisation
    placed in 1953 by one page and in 1956 by another)."""
    terms = causes.groupby("cause")["term"].nunique()
    return set(terms[terms > 1].index)


def claim_rows(causes: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Every claim with readable columns (``document``, ``voice``: the
    document or its readers' comments, ``cause_name``, ``term_name``: marked
    "by this document's date" when documents place the cause in different
    terms, ``domain_name``, ``how_name``), in the order of the documents, then
    from long-term to trigger, then as the text runs."""
    rows = causes[causes["doc_id"].isin(doc_ids)].copy()
    rows["document"] = rows["doc_id"].map(document_name)
    rows["cause_name"] = rows["cause"].map(cause_name)
    several = causes_with_several_terms(causes)
    rows["term_name"] = [TERM_WORDS[t] + (" (by this document's date)" if c in several else "")
                         for c, t in zip(rows["cause"], rows["term"])]
    rows["domain_name"] = rows["domain"].map(DOMAIN_WORDS)
    rows["how_name"] = rows["how_given"].map(HOW_GIVEN_WORDS)
    rows["voice"] = [voice_name(voice_of(d, s)) for d, s in zip(rows["doc_id"], rows["span"])]
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
    """The voice x cause grid: one row per cause some document gives (in
    :func:`cause_order`), one column per voice (:func:`voices`: every
    document's author, even one that gives no cause, and apart from it the
    document's readers' comments), each cell the strongest way the voice gives
    the cause (:func:`strongest_reading`) or :data:`NOT_GIVEN`."""
    rows = causes[causes["doc_id"].isin(doc_ids)].copy()
    rows["_voice"] = [voice_of(d, s) for d, s in zip(rows["doc_id"], rows["span"])]
    grid = pd.DataFrame(NOT_GIVEN, index=pd.Index(cause_order(rows), name="cause"), columns=voices(rows, doc_ids))
    for (cause, voice), readings in rows.groupby(["cause", "_voice"])["how_given"]:
        grid.loc[cause, voice] = strongest_reading(readings)
    return grid


def author_columns(grid: pd.DataFrame) -> list[str]:
    """The grid's columns that are documents' authors (not readers' comments)."""
    return [c for c in grid.columns if not c.endswith(COMMENTS_SUFFIX)]


def grid_table(grid: pd.DataFrame) -> pd.DataFrame:
    """The grid as a table a class reads: the cause by name, documents by
    name, cells in words."""
    table = grid.rename(columns=voice_name).apply(lambda col: col.map(lambda v: HOW_GIVEN_WORDS.get(v, "")))
    table.insert(0, "Cause", [cause_name(c) for c in grid.index])
    return table.reset_index(drop=True)


def grid_figure(grid: pd.DataFrame):
    """A plotly chart of :func:`cause_grid`: causes down, voices across,
    one mark per cell where a document gives the cause; one series per way of
    giving it (its name, colour and symbol say which: stated, implied,
    reported), so that the chart's text alternative lists every mark in words."""
    import plotly.graph_objects as go

    names = {d: voice_name(d) for d in grid.columns}
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
    # Column labels are wrapped to a width computed from the number of columns, so
    # that neighbours never run into each other at 1280x720; cause labels at 28.
    width = chart_label_width(len(grid.columns))
    wrapped = [wrap_label(names[d], width) for d in grid.columns]
    wrapped_causes = [wrap_label(c, 28) for c in causes]
    figure.update_layout(
        # No chart title: the column labels sit at the top, where a title would run into them;
        # the lesson's heading and the caption under the chart name it.
        height=200 + 42 * len(causes), margin={"l": 20, "r": 20, "t": 20, "b": 20},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "xanchor": "left", "x": 0, "title": None},
        xaxis={"side": "top", "title": "Who gives it", "type": "category", "categoryorder": "array",
               "categoryarray": list(names.values()), "tickvals": list(names.values()), "ticktext": wrapped,
               "range": [-0.5, len(names) - 0.5], "automargin": True, "tickangle": 0, "showgrid": True,
               "tickfont": {"size": 13}},
        yaxis={"title": "Cause", "type": "category", "categoryorder": "array", "categoryarray": causes[::-1],
               "tickvals": causes, "ticktext": wrapped_causes,
               "range": [-0.5, len(causes) - 0.5], "automargin": True, "showgrid": True},
        font={"size": 14},
    )
    return figure


def coverage_by_document(causes: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Per document: how many different causes its author gives in their own
    voice (``own``), how many the author only reports (``reported_only``), how
    many different causes its readers' comments give (``from_comments``), and
    which of the three terms the author's own causes cover (``terms``) and miss
    (``terms_missing``)."""
    records = []
    for doc_id in doc_ids:
        everything = causes[causes["doc_id"] == doc_id]
        rows = everything[everything["span"] != "comments"]
        mine = own_voice(rows)
        terms = [t for t in TERMS if t in set(mine["term"])]
        records.append({
            "doc_id": doc_id, "document": document_name(doc_id),
            "own": mine["cause"].nunique(),
            "reported_only": len(set(rows["cause"]) - set(mine["cause"])),
            "from_comments": everything.loc[everything["span"] == "comments", "cause"].nunique(),
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


def research_evidence(reference: pd.DataFrame) -> pd.DataFrame:
    """The research rows that are evidence: every row except another version
    of one of the documents' own pages (``same_page_as`` set), which can
    never be evidence for that document's claims."""
    same = reference["same_page_as"]
    return reference[same.isna() | (same.astype(str).str.strip() == "")]


def other_versions(reference: pd.DataFrame) -> pd.DataFrame:
    """The research rows whose source is another version of one of the
    documents' own pages (``same_page_as`` set), with readable columns."""
    same = reference["same_page_as"]
    return reference_rows(reference[same.notna() & (same.astype(str).str.strip() != "")])
