"""Leadership changes: spells in office, the sequence of power, disagreements.

Works on the ``leadership_changes`` table. Documents tell changes in their
own order and often without dates, so every function here keeps each
document's version apart and orders claims by date where the document gives
one and by the place the claim has in the document's narrative otherwise.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.corpus import quote_offsets
from helpers.dates import with_date_bounds

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


def prepare_changes(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Leadership changes with the person's name, the date's bounds, the
    change's kind (gain, loss or a fate) and its offset in the document."""
    changes = tables["leadership_changes"].merge(
        tables["people"][["person_id", "canonical_name"]], on="person_id", how="left", validate="many_to_one"
    )
    changes = with_date_bounds(changes)
    changes["kind"] = changes["change"].map(CHANGE_KIND)
    changes["offset"] = quote_offsets(changes, tables["documents"]).to_numpy()
    changes["year"] = changes["date"].str.slice(0, 4)
    return changes


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
    surname = sequence["name"].str.split().str[-1]
    joined = surname.groupby(sequence["doc_id"]).agg(" → ".join)
    steps = sequence.groupby("doc_id").size()
    out = pd.DataFrame({"doc_id": documents["doc_id"]})
    out["sequence"] = out["doc_id"].map(joined).fillna("")
    out["changes_of_hands"] = out["doc_id"].map(steps - 1).fillna(0).astype("Int64")
    return out


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
                              "start_text": claim.date_text, "start": claim.date_first,
                              "end_text": pd.NA, "end": pd.NaT,
                              "start_claim": claim.claim_id, "end_claim": pd.NA}
            elif open_spell is not None and claim.kind != "gain":
                open_spell.update(end_text=claim.date_text, end=claim.date_last, end_claim=claim.claim_id)
                rows.append(open_spell)
                open_spell = None
        if open_spell is not None:
            rows.append(open_spell)
    columns = ["doc_id", "person_id", "name", "office", "office_as_written", "start_text", "start",
               "end_text", "end", "start_claim", "end_claim"]
    return pd.DataFrame(rows, columns=columns)


def variants_side_by_side(changes: pd.DataFrame, kinds: tuple[str, ...] = ("gain", "loss", *FATES)) -> pd.DataFrame:
    """Changes that two or more documents tell (same person, same kind of
    change, same year), one column per document showing what it writes:
    date as written · office as written · who decided as written."""
    dated = changes[changes["kind"].isin(kinds) & changes["year"].notna()].copy()

    def cell(*parts: object) -> str:
        return " · ".join(str(p) for p in parts if not pd.isna(p) and str(p))

    dated["what_it_says"] = [cell(*parts) for parts in zip(dated["date_text"], dated["office_as_written"],
                                                            dated["decided_by_as_written"])]
    dated["dates"] = dated["date"]
    grouped = dated.groupby(["canonical_name", "kind", "year", "doc_id"], sort=True).agg(
        what_it_says=("what_it_says", " | ".join), date=("dates", lambda d: " | ".join(sorted(set(d)))))
    told_by = grouped.reset_index().groupby(["canonical_name", "kind", "year"])["doc_id"].transform("nunique")
    grouped = grouped.reset_index()[told_by.to_numpy() >= 2]
    distinct_dates = grouped.groupby(["canonical_name", "kind", "year"])["date"].transform("nunique")
    grouped = grouped.assign(dates_differ=distinct_dates.to_numpy() > 1)
    wide = grouped.pivot_table(index=["canonical_name", "kind", "year", "dates_differ"], columns="doc_id",
                               values="what_it_says", aggfunc="first")
    wide.columns.name = None
    return wide.reset_index()


def credit_table(changes: pd.DataFrame) -> pd.DataFrame:
    """How many gains and losses of office each document credits to each
    kind of decider (rows: decided_by, columns: doc_id)."""
    moves = changes[changes["kind"].isin(["gain", "loss"])]
    table = pd.crosstab(moves["decided_by"], moves["doc_id"])
    table.columns.name = None
    return table


def soviet_share(changes: pd.DataFrame) -> pd.Series:
    """Per document, the share of its gains and losses of office that it
    credits to Moscow (any Soviet body or leader)."""
    moves = changes[changes["kind"].isin(["gain", "loss"])]
    return moves["decided_by"].isin(SOVIET_DECIDERS).groupby(moves["doc_id"]).mean().rename("soviet_share")


def scholarship_for(variants: pd.DataFrame, reference: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """The scholarly reference rows on the same person, kind of change and
    year as each row of :func:`variants_side_by_side`."""
    cited = reference.merge(people[["person_id", "canonical_name"]], on="person_id", how="inner")
    cited = cited.assign(kind=cited["change"].map(CHANGE_KIND), year=cited["date"].str.slice(0, 4))
    keys = variants[["canonical_name", "kind", "year"]].drop_duplicates()
    matched = keys.merge(cited, on=["canonical_name", "kind", "year"], how="inner")
    return matched[["canonical_name", "kind", "year", "office", "date", "excerpt", "source_title", "source_url", "grade"]]


# --- charts ---------------------------------------------------------------

KIND_SYMBOLS: dict[str, tuple[str, str]] = {
    # kind: (plotly symbol, matplotlib marker)
    "gain": ("triangle-up", "^"),
    "loss": ("triangle-down", "v"),
    "arrested": ("x", "x"),
    "charged": ("square", "s"),
    "declared_traitor": ("square-open", "s"),
    "exiled": ("diamond", "D"),
    "executed": ("cross", "P"),
}


def timeline_points(changes: pd.DataFrame, reference: pd.DataFrame, people: pd.DataFrame,
                    doc_ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Dated claims and scholarly dates placed on lanes, one lane per person.

    Returns (claims, scholarship, lane names). Each document's claims sit at
    a small fixed offset inside the lane, so documents never hide each other.
    Only offices of Hungary and the fates of leaders are drawn.
    """
    claims = changes[changes["date"].notna() & (changes["office"].isin(HUNGARIAN_OFFICES) | changes["office"].isna())]
    scholarship = with_date_bounds(reference)
    scholarship["kind"] = scholarship["change"].map(CHANGE_KIND)
    names = dict(zip(people["person_id"], people["canonical_name"]))
    scholarship["canonical_name"] = [names.get(p, n) if not pd.isna(p) else n
                                     for p, n in zip(scholarship["person_id"], scholarship["person"])]
    firsts = pd.concat([claims[["canonical_name", "date_first"]], scholarship[["canonical_name", "date_first"]]])
    lanes = firsts.groupby("canonical_name")["date_first"].min().sort_values(kind="stable").index.tolist()
    lane_of = {name: i for i, name in enumerate(lanes)}
    step = 0.6 / max(len(doc_ids), 1)
    offset = {doc_id: (i - (len(doc_ids) - 1) / 2) * step for i, doc_id in enumerate(doc_ids)}
    claims = claims.assign(y=[lane_of[n] + offset[d] for n, d in zip(claims["canonical_name"], claims["doc_id"])])
    scholarship = scholarship.assign(y=scholarship["canonical_name"].map(lane_of) + 0.42)
    return claims, scholarship, lanes


def timeline_figure(changes: pd.DataFrame, reference: pd.DataFrame, people: pd.DataFrame,
                    documents: pd.DataFrame):
    """Interactive timeline: each dated claim as the span its date allows,
    coloured by document, marked by kind; scholarship as grey diamonds."""
    import plotly.graph_objects as go

    from helpers.style import REFERENCE_COLOR, document_colors

    doc_ids = documents["doc_id"].tolist()
    colors = document_colors(doc_ids)
    claims, scholarship, lanes = timeline_points(changes, reference, people, doc_ids)
    # The traces (plain dicts) and the layout go into the figure's constructor,
    # which validates them once; add_trace and update_layout re-check per call.
    traces: list[dict[str, Any]] = []
    for doc_id in doc_ids:
        mine = claims[claims["doc_id"] == doc_id]
        if mine.empty:
            continue
        xs, ys = [], []
        for first, last, y in zip(mine["date_first"], mine["date_last"], mine["y"]):
            xs += [first, last + pd.Timedelta(days=1), None]
            ys += [y, y, None]
        traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", line={"color": colors[doc_id], "width": 5},
                           legendgroup=doc_id, showlegend=False, hoverinfo="skip"))
        traces.append(dict(
            type="scatter", x=mine["date_first"] + (mine["date_last"] - mine["date_first"]) / 2, y=mine["y"],
            mode="markers", name=doc_id, legendgroup=doc_id,
            marker={"color": colors[doc_id], "size": 11, "symbol": [KIND_SYMBOLS[k][0] for k in mine["kind"]],
                    "line": {"color": "white", "width": 1}},
            customdata=mine[["change", "date_text", "office_as_written", "quote"]].fillna("").to_numpy(),
            hovertemplate=(f"<b>{doc_id}</b>: %{{customdata[0]}}<br>date as written: %{{customdata[1]}}"
                           "<br>office as written: %{customdata[2]}<br>“%{customdata[3]}”<extra></extra>"),
        ))
    traces.append(dict(
        type="scatter", x=scholarship["date_first"], y=scholarship["y"], mode="markers", name="scholarship",
        marker={"color": REFERENCE_COLOR, "size": 9, "symbol": "diamond"},
        customdata=scholarship[["change", "date", "source_title", "grade"]].fillna("").to_numpy(),
        hovertemplate="<b>scholarship</b>: %{customdata[0]} on %{customdata[1]}<br>%{customdata[2]} (grade %{customdata[3]})<extra></extra>",
    ))
    return go.Figure(data=traces, layout={
        "title": "Changes of office and fates of leaders, as each document dates them",
        "height": 120 + 70 * len(lanes), "legend_title_text": "document",
        "yaxis": {"tickvals": list(range(len(lanes))), "ticktext": lanes, "range": [-0.6, len(lanes) - 0.4],
                  "autorange": "reversed"},
        "xaxis": {"title": "date (a bar is the span a partial date allows: a year, a month)",
                  "range": list(year_range(claims, scholarship))},
    })


def year_range(claims: pd.DataFrame, scholarship: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """From the start of the first year to the end of the last year drawn."""
    firsts = pd.concat([claims["date_first"], scholarship["date_first"]])
    lasts = pd.concat([claims["date_last"], scholarship["date_last"]])
    return pd.Timestamp(year=firsts.min().year, month=1, day=1), pd.Timestamp(year=lasts.max().year + 1, month=1, day=1)


def timeline_axes(ax, changes: pd.DataFrame, reference: pd.DataFrame, people: pd.DataFrame,
                  documents: pd.DataFrame) -> None:
    """The same timeline drawn on a matplotlib Axes, for print."""
    from helpers.style import REFERENCE_COLOR, document_colors

    doc_ids = documents["doc_id"].tolist()
    colors = document_colors(doc_ids)
    claims, scholarship, lanes = timeline_points(changes, reference, people, doc_ids)
    for doc_id in doc_ids:
        mine = claims[claims["doc_id"] == doc_id]
        if mine.empty:
            continue
        ax.hlines(mine["y"], mine["date_first"], mine["date_last"] + pd.Timedelta(days=1),
                  color=colors[doc_id], linewidth=4)
        for kind, points in mine.groupby("kind", sort=True):
            ax.scatter(points["date_first"] + (points["date_last"] - points["date_first"]) / 2, points["y"],
                       color=colors[doc_id], marker=KIND_SYMBOLS[kind][1], s=36, zorder=3)
        ax.scatter([], [], color=colors[doc_id], marker="o", label=doc_id)
    ax.scatter(scholarship["date_first"], scholarship["y"], color=REFERENCE_COLOR, marker="D", s=18,
               label="scholarship", zorder=3)
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(len(lanes) - 0.4, -0.6)
    ax.set_xlim(*year_range(claims, scholarship))
    ax.legend(frameon=False, fontsize=8, loc="lower left", ncols=3)
