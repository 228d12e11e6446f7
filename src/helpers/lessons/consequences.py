"""The world's reaction to the revolution, what followed it, and what it meant.

Works on three claim tables (``international_reactions``, ``consequences``,
``significance_verdicts``: what each document says) and the research table
``data/reference/consequences_reference.csv`` (what historians, archives, the
UN's own resolutions and the press say), which use the same vocabularies.
Three rules:

- **One long frame, one theme per row.** Every claim and every research row
  is put in one shape (:func:`claim_rows`, :func:`research_rows`) with a
  *theme* a class reads ("Appeals for help", "Repression and executions").
  The theme comes from the row's coded values (:func:`theme_of`); a value
  this module does not know yet gets a theme of its own, so a new document's
  new values still show.
- **Whose words.** A reader's comment is the commenter's claim; a verdict the
  document *reports* (Kádár's "counter-revolution") is not the author's own.
  Both are kept in the rows (``span``, ``judged_by``) and shown.
- **Compared, not merged.** Research rows are set beside the documents'
  claims of the same theme (:func:`coverage`, :func:`research_beside`), never
  mixed into them; a theme only research covers is what the documents leave
  out (:func:`left_out`).

Nothing here names a document: everything works for any number of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from helpers.display.claims import document_name, words

# --- the coded values in words -------------------------------------------------

ACTOR_WORDS: dict[str, str] = {
    "united_nations": "the United Nations",
    "west": "the West",
    "united_states": "the United States",
    "britain_france_israel": "Britain, France and Israel",
    "radio_free_europe": "Radio Free Europe",
    "western_communists": "communists in the West",
    "hungarys_neighbours": "Hungary's neighbours",
    "austria": "Austria",
    "many_countries": "many countries",
    "the_world": "the world",
    "unnamed": "nobody named",
}
REACTION_WORDS: dict[str, str] = {
    "appealed_to": "was asked for help",
    "did_not_intervene": "sent no military help",
    "distracted_by_suez": "was busy with Suez",
    "attacked_egypt": "attacked Egypt (Suez)",
    "accused_by_kadar": "was accused of stirring up the revolt",
    "misunderstanding": "a 'false understanding' is blamed",
    "role_minor": "played only a minor role",
    "promised_liberation": "had promised liberation",
    "broadcast_encouragement": "is charged with raising false hopes",
    "disagreed_among_themselves": "were divided",
    "condemned": "condemned the invasion in words",
    "called_for_withdrawal": "called for Soviet withdrawal",
    "investigated": "set up an inquiry",
    "took_in_refugees": "took in refugees",
}
REASON_WORDS: dict[str, str] = {
    "fear_of_war": "fear of war with the Soviet Union",
    "suez": "the Suez Crisis",
    "radio_misunderstanding": "a misunderstanding with Radio Free Europe",
}
SCOPE_WORDS: dict[str, str] = {
    "hungary": "Hungary",
    "eastern_bloc": "the Eastern bloc",
    "cold_war": "the Cold War",
}
CONSEQUENCE_WORDS: dict[str, str] = {
    "revolution_crushed": "the revolution is put down",
    "soviet_control_restored": "Soviet control restored",
    "kadar_regime": "Kádár's government installed",
    "casualties": "people killed or wounded",
    "repression": "arrests, prison, deportation",
    "executions": "executions",
    "nagy_executed": "Nagy caught, tried and executed",
    "refugees": "people flee Hungary",
    "brain_drain": "the best-educated leave",
    "bloc_kept_in_line": "the bloc held together",
    "west_wont_intervene": "shown: the West will not fight for Eastern Europe",
    "communist_parties_split": "Western communists divided",
    "later_reforms": "later amnesty and reforms",
    "nagy_reburied": "Nagy reburied in 1989",
}
VERDICT_WORDS: dict[str, str] = {
    "spontaneous_national_revolt": "a spontaneous national uprising",
    "national_democratic_event": "a national and democratic event",
    "counter_revolution": "a counter-revolution",
    "first_major_threat": "the first major threat to Soviet control",
    "failure": "a failure",
    "highly_influential": "highly influential",
    "step_to_soviet_collapse": "a step towards the Soviet collapse",
    "bloc_survived_threat": "a threat the bloc survived",
    "no_world_crisis": "no real crisis of world politics",
}
JUDGED_BY_WORDS: dict[str, str] = {
    "author": "the author",
    "commenter": "a reader",
    "nagy_government": "Nagy's government (reported)",
    "kadar": "Kádár (reported)",
    "soviet_side": "the Soviet side (reported)",
    "unclear": "unclear: the author's own, or the Soviet view the author reports",
}


def in_words(code: object, vocabulary: Mapping[str, str]) -> str:
    """A coded value in words from ``vocabulary``; an unknown code in plain
    words (``new_value`` -> "new value"); a missing one as ""."""
    if code is None or (not isinstance(code, str) and pd.isna(code)) or code == "":
        return ""
    return vocabulary.get(str(code), words(str(code)))


# --- themes ------------------------------------------------------------------

REACTION = "The world's reaction"
CONSEQUENCE = "Consequences"
SIGNIFICANCE = "What it meant"

# The overview's themes, in the order a lesson shows them: (part, theme, codes).
# A row belongs to the first theme that lists its actor, then its reaction,
# consequence or verdict (so Radio Free Europe's rows stay together).
THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (REACTION, "Appeals for help", ("appealed_to",)),
    (REACTION, "Radio Free Europe", ("radio_free_europe",)),
    (REACTION, "Suez", ("distracted_by_suez", "attacked_egypt", "britain_france_israel")),
    (REACTION, "The US promise of liberation", ("promised_liberation",)),
    (REACTION, "No military help", ("did_not_intervene",)),
    (REACTION, "The UN: words and an inquiry", ("condemned", "called_for_withdrawal", "investigated")),
    (REACTION, "Blamed on the West by Kádár", ("accused_by_kadar",)),
    (REACTION, "Refugees taken in", ("took_in_refugees",)),
    (CONSEQUENCE, "Killed and wounded", ("casualties",)),
    (CONSEQUENCE, "Revolution crushed, Soviet control back", ("revolution_crushed", "soviet_control_restored")),
    (CONSEQUENCE, "Kádár's government", ("kadar_regime",)),
    (CONSEQUENCE, "Repression and executions", ("repression", "executions")),
    (CONSEQUENCE, "Nagy executed", ("nagy_executed",)),
    (CONSEQUENCE, "Refugees", ("refugees", "brain_drain")),
    (CONSEQUENCE, "The bloc held together", ("bloc_kept_in_line",)),
    (CONSEQUENCE, "The West will not fight for the East", ("west_wont_intervene",)),
    # One theme for the western communists, whether a text tells it as their reaction or as a consequence.
    (CONSEQUENCE, "Western communist parties split", ("communist_parties_split", "western_communists",
                                                      "disagreed_among_themselves")),
    (CONSEQUENCE, "Later reforms and the 1989 reburial", ("later_reforms", "nagy_reburied")),
    (SIGNIFICANCE, "Spontaneous, or a counter-revolution?", ("spontaneous_national_revolt", "national_democratic_event",
                                                            "counter_revolution")),
    (SIGNIFICANCE, "A failure, or a threat to Soviet rule?", ("failure", "first_major_threat", "bloc_survived_threat",
                                                             "highly_influential", "no_world_crisis")),
    (SIGNIFICANCE, "A step to the Soviet collapse?", ("step_to_soviet_collapse",)),
)
CODED_COLUMNS: tuple[str, ...] = ("actor", "reaction", "consequence", "verdict")


def theme_of(row: Mapping[str, object]) -> tuple[str, str]:
    """The (part, theme) of one claim or research row, from its coded values
    (:data:`THEMES`); a code no theme lists gets a theme named after it."""
    codes = [str(row[c]) for c in CODED_COLUMNS if isinstance(row.get(c), str) and row.get(c)]
    for code in codes:
        for part, theme, listed_codes in THEMES:
            if code in listed_codes:
                return part, theme
    part = REACTION if row.get("reaction") else SIGNIFICANCE if row.get("verdict") else CONSEQUENCE
    return part, (words(codes[-1]).capitalize() if codes else "Other")


def theme_order(themes: Sequence[str]) -> list[str]:
    """The themes given, in :data:`THEMES` order, unknown ones after."""
    known = [theme for _, theme, _ in THEMES]
    return sorted(dict.fromkeys(themes), key=lambda t: (known.index(t) if t in known else len(known), t))


# --- one long frame ----------------------------------------------------------

def reaction_words(row: Mapping[str, object]) -> str:
    """Who did what, in words: "the West: sent no military help"."""
    return f"{in_words(row.get('actor'), ACTOR_WORDS)}: {in_words(row.get('reaction'), REACTION_WORDS)}"


LONG_COLUMNS = ["claim_id", "doc_id", "span", "part", "theme", "what", "detail", "quote", "note"]


def claim_rows(reactions: pd.DataFrame, consequences: pd.DataFrame, verdicts: pd.DataFrame) -> pd.DataFrame:
    """Every claim of the three tables in one shape: its theme, *what* it says
    in words ("the West: sent no military help"), a *detail* (the reason
    given, the scope, or whose verdict it is), the quote and the note."""
    rows = []
    for row in reactions.to_dict("records"):
        reason = in_words(row.get("reason_given"), REASON_WORDS)
        rows.append({**row, "what": reaction_words(row), "detail": f"reason given: {reason}" if reason else ""})
    for row in consequences.to_dict("records"):
        rows.append({**row, "what": in_words(row["consequence"], CONSEQUENCE_WORDS),
                     "detail": f"for {in_words(row['scope'], SCOPE_WORDS)}"})
    for row in verdicts.to_dict("records"):
        rows.append({**row, "what": in_words(row["verdict"], VERDICT_WORDS),
                     "detail": f"verdict of {in_words(row['judged_by'], JUDGED_BY_WORDS)}"})
    parts = [REACTION] * len(reactions) + [CONSEQUENCE] * len(consequences) + [SIGNIFICANCE] * len(verdicts)
    for row, part in zip(rows, parts):
        row["part"], row["theme"] = part, theme_of(row)[1]  # the part is the table's
    return pd.DataFrame(rows, columns=LONG_COLUMNS + ["scope", "judged_by"])


def research_rows(reference: pd.DataFrame) -> pd.DataFrame:
    """Every research row with its part, theme and *what* it says in words."""
    frame = reference.copy()
    themes = [theme_of(row) for row in frame.to_dict("records")]
    frame["part"] = [part for part, _ in themes]
    frame["theme"] = [theme for _, theme in themes]
    frame["what"] = [reaction_words(r) if isinstance(r.get("actor"), str) and r.get("actor")
                     else in_words(r.get("consequence"), CONSEQUENCE_WORDS) or in_words(r.get("verdict"), VERDICT_WORDS)
                     for r in frame.to_dict("records")]
    return frame


THEME_COLUMNS: dict[str, tuple[str, ...]] = {
    "international_reaction": ("actor", "reaction"),
    "consequence": ("scope", "consequence"),
    "significance": ("verdict",),
}


def check_reference(reference: pd.DataFrame) -> pd.DataFrame:
    """The research table, checked: each row fills the columns of its theme
    (:data:`THEME_COLUMNS`) and leaves the others empty. Raises ValueError
    naming the first row that does not."""
    coded = sorted({c for columns in THEME_COLUMNS.values() for c in columns})
    for row in reference.to_dict("records"):
        wanted = THEME_COLUMNS[row["theme"]]
        filled = {c for c in coded if isinstance(row.get(c), str) and row[c]}
        if filled != set(wanted):
            raise ValueError(f"{row['ref_id']}: theme {row['theme']!r} needs exactly {list(wanted)} filled, "
                             f"has {sorted(filled)}")
    return reference


# --- comparing ---------------------------------------------------------------

RESEARCH = "Research"


COMMENTS = "comments"


def column_key(doc_id: str, span: str) -> str:
    """The overview's column of a claim: the document for its author's text,
    ``<doc_id>|comments`` for its readers' comments (kept apart: a reader's
    claim is not the author's)."""
    return f"{doc_id}|{COMMENTS}" if span == COMMENTS else doc_id


def column_name(key: str) -> str:
    """A column key in words: the document's name, "(comments only)" added
    for the column of its readers' comments."""
    doc_id, _, span = key.partition("|")
    return f"{document_name(doc_id)} (comments only)" if span else document_name(doc_id)


def coverage(claims: pd.DataFrame, research: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Claims per theme (rows, in :data:`THEMES` order) and document
    (columns, in the order given; a document's reader comments in a column of
    their own after it, when it has any), with a last column counting the
    research rows of the theme. Every theme of either side is a row; a
    document that says nothing of it has 0."""
    themes = theme_order(list(claims["theme"]) + list(research["theme"]))
    keys = [column_key(d, s) for d, s in zip(claims["doc_id"], claims["span"])]
    columns = [k for d in doc_ids for k in (d, column_key(d, COMMENTS)) if k == d or k in keys]
    counts = pd.crosstab(pd.Series(list(claims["theme"]), name="theme"), pd.Series(keys, name="column")) \
        if len(claims) else pd.DataFrame()
    table = counts.reindex(index=themes, columns=columns, fill_value=0).fillna(0).astype(int)
    table[RESEARCH] = research["theme"].value_counts().reindex(themes, fill_value=0).astype(int)
    part = {theme: p for p, theme in zip(list(claims["part"]) + list(research["part"]),
                                          list(claims["theme"]) + list(research["theme"]))}
    part |= {theme: p for p, theme, _ in THEMES}  # a known theme's part is fixed
    table.insert(0, "part", [part[t] for t in themes])
    table.index.name = "theme"
    table.columns.name = None
    return table


def left_out(table: pd.DataFrame, doc_ids: Sequence[str]) -> dict[str, list[str]]:
    """For each document, the themes research covers that its author never
    mentions (a reader's comment does not fill the author's gap)."""
    researched = table[table[RESEARCH] > 0]
    return {d: [theme for theme, count in researched[d].items() if count == 0] for d in doc_ids}


def themes_no_document_covers(table: pd.DataFrame, doc_ids: Sequence[str]) -> list[str]:
    """Themes only research covers."""
    sources = [c for c in table.columns if c not in ("part", RESEARCH)]
    return [theme for theme, row in table.iterrows() if row[sources].sum() == 0]


def shortest_quotes(rows: pd.DataFrame) -> dict[str, str]:
    """For each *what* of ``rows`` (in their order), the shortest quote that
    says it: the document's own words to set beside the curator's reading."""
    quotes: dict[str, str] = {}
    for what, quote in zip(rows["what"], rows["quote"]):
        if what not in quotes or len(str(quote)) < len(quotes[what]):
            quotes[what] = str(quote)
    return quotes


def said_with_quotes(mine: pd.DataFrame, doc_ids: Sequence[str]) -> list[str]:
    """Each document's claims on one theme: its words first, the curator's
    reading beside them ("School essay: “...” (read as: ...)"); a reader's
    comment is labelled as such."""
    said = []
    for doc_id in doc_ids:
        for span in ("body", COMMENTS):
            theirs = mine[(mine["doc_id"] == doc_id) & (mine["span"] == span)]
            if not len(theirs):
                continue
            who = document_name(doc_id) + (" (a reader's comment)" if span == COMMENTS else "")
            said.extend(f"{who}: “{quote}” (read as: {what})" for what, quote in shortest_quotes(theirs).items())
    return said


def research_beside(claims: pd.DataFrame, research: pd.DataFrame, themes: Sequence[str],
                    doc_ids: Sequence[str]) -> pd.DataFrame:
    """One row per theme: each document's own words on it with the curator's
    reading beside them (:func:`said_with_quotes`), and every research excerpt
    of the theme with its source and grade, so that a class reads both sides
    of a theme in one row."""
    rows = []
    for theme in themes:
        mine = claims[claims["theme"] == theme]
        said = said_with_quotes(mine, doc_ids)
        found = research[research["theme"] == theme]
        rows.append({"theme": theme,
                     "documents": " | ".join(said) if said else "no document",
                     "research": " | ".join(f"“{r.excerpt}” ({r.source_title}; grade {r.grade})"
                                            for r in found.itertuples()) or "no research row",
                     "quotes": list(mine["quote"])})
    return pd.DataFrame(rows, columns=["theme", "documents", "research", "quotes"])


def reasons_given(reactions: pd.DataFrame) -> pd.DataFrame:
    """The claims that give a reason for the world's reaction, whatever their
    theme ("No military help", "Suez", ...), once per document, part of the
    page and reason."""
    return reactions[reactions["detail"] != ""].drop_duplicates(["doc_id", "span", "detail"])


def claims_using_word(claims: pd.DataFrame, word: str) -> pd.DataFrame:
    """The claims whose quote contains ``word`` (any case; "counter-revolution"
    also finds "counter-revolutionary"), once per use of the word: of the
    quotes of one document that contain one another, only the shortest is
    kept, and of equal quotes a verdict row (it says whose words they are)."""
    found = claims[claims["quote"].str.contains(word, case=False, regex=False)]
    found = found.assign(_verdict=found["part"].ne(SIGNIFICANCE), _length=found["quote"].str.len())
    found = found.sort_values(["_length", "_verdict"], kind="stable")
    kept: list[int] = []
    for index, row in found.iterrows():
        if not any(found.at[k, "doc_id"] == row["doc_id"] and found.at[k, "quote"] in row["quote"] for k in kept):
            kept.append(index)
    return found.loc[sorted(kept)].drop(columns=["_verdict", "_length"])


def verdicts_by_whom(claims: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """The verdicts on the revolution, one row per verdict and document,
    saying whose verdict it is (the author's own, or one the page reports)."""
    verdicts = claims[claims["part"] == SIGNIFICANCE].copy()
    verdicts["order"] = verdicts["doc_id"].map({d: i for i, d in enumerate(doc_ids)})
    return verdicts.sort_values(["order", "claim_id"], kind="stable").drop(columns="order")


def in_document_order(frame: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """The rows sorted by document (in the order given; unknown ones last),
    each document's author's text before its readers' comments, then by claim."""
    order = {d: i for i, d in enumerate(doc_ids)}
    keys = frame.assign(_doc=frame["doc_id"].map(order).fillna(len(order)), _span=frame["span"].eq("comments"))
    return keys.sort_values(["_doc", "_span", "claim_id"], kind="stable").drop(columns=["_doc", "_span"])


def consequences_by_scope(claims: pd.DataFrame, doc_ids: Sequence[str]) -> pd.DataFrame:
    """One row per document: the consequences it gives for each scope, each
    in the document's words with the curator's reading beside them
    ("“...” (read as: executions)"), and the quotes they rest on
    (``quotes``, for the corrections a table shows beside them). A document
    that gives none has empty cells; a reader's comment is labelled."""
    mine = claims[claims["part"] == CONSEQUENCE]
    rows = []
    for doc_id in doc_ids:
        theirs = mine[mine["doc_id"] == doc_id]
        row = {"doc_id": doc_id, "quotes": list(theirs["quote"])}
        for scope in SCOPE_WORDS:
            cells = []
            for span in ("body", COMMENTS):
                here = theirs[(theirs["scope"] == scope) & (theirs["span"] == span)]
                label = "a reader: " if span == COMMENTS else ""
                cells.extend(f"{label}“{quote}” (read as: {what})" for what, quote in shortest_quotes(here).items())
            row[scope] = "; ".join(cells)
        rows.append(row)
    return pd.DataFrame(rows, columns=["doc_id", *SCOPE_WORDS, "quotes"])


# --- the overview chart --------------------------------------------------------

def wrapped(label: str, width: int = 14) -> str:
    """A label broken into lines of about ``width`` characters (``<br>``
    between them), so that chart columns can be labelled without rotating."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def short_column_name(key: str) -> str:
    """A column key as a short chart label: the document's name up to any
    " with ..." or ":" (a blog post "with reader comments" is the author's
    text), and "Readers' comments on the ..." for its comments' column."""
    doc_id, _, span = key.partition("|")
    name = document_name(doc_id).split(":")[0].split(" with ")[0]
    return f"Readers' comments on the {name[:1].lower() + name[1:]}" if span else name


def counted_words(count: int, thing: str) -> str:
    """``1 claim``, ``2 claims``: a count and its noun, singular or plural."""
    return f"{count} {thing}" if count == 1 else f"{count} {thing}s"


def overview_figure(table: pd.DataFrame):
    """A heatmap: themes down, documents (and research) across, the number
    of claims (research rows) in each cell; a document's reader comments in a
    column of their own. The research column is the last column, in grey, on
    the same grid. Labels are horizontal, wrapped and 14 px; the chart
    fits a 720-px screen."""
    import plotly.graph_objects as go

    sources = [c for c in table.columns if c not in ("part", RESEARCH)]
    research_label = "Research rows"
    columns = [wrapped(short_column_name(c)) for c in sources] + [wrapped(research_label)]
    themes = list(table.index)
    counts = table[sources].to_numpy()
    research = table[RESEARCH].to_numpy()
    documents_z = [[*map(float, row), None] for row in counts]
    research_z = [[None] * len(sources) + [float(v)] for v in research]
    text = [[str(v) if v else "" for v in row] + [str(r) if r else ""] for row, r in zip(counts, research)]
    # The hover's count in words ("1 claim", "2 claims"): plotly's template cannot choose the plural.
    counted = [[counted_words(int(v), "claim") for v in row] + [counted_words(int(r), "research row")]
               for row, r in zip(counts, research)]
    figure = go.Figure()
    for z, colour in ((documents_z, "#0072B2"), (research_z, "#555555")):
        figure.add_trace(go.Heatmap(
            z=z, x=columns, y=themes, colorscale=[[0, "#f7f7f7"], [1, colour]], showscale=False, text=text,
            texttemplate="%{text}", textfont={"size": 15}, customdata=counted,
            hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>", xgap=3, ygap=3, hoverongaps=False))
    figure.update_layout(height=min(720, max(420, 28 * len(themes) + 110)), font={"size": 14},
                         margin={"l": 20, "r": 20, "t": 20, "b": 20},
                         xaxis={"side": "top", "tickangle": 0, "automargin": True, "tickfont": {"size": 14}},
                         yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 14}})
    return figure
