"""The Soviet decision reversal: timeline, decisions, reasons, scholarship."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.paths import DATA_DIR
from helpers.soviet import (
    APPLIES_TO,
    INTERNATIONAL_FRAME,
    UNDATED,
    bodies_named,
    dates_cell,
    compare_reasons,
    corrections_for,
    datings_side_by_side,
    decisions_figure,
    frame_table,
    moscow_phase,
    neutral_label,
    reason_heatmap,
    reason_matrix,
    reason_support,
    reversal_story,
    row_positions,
    short_label,
    slot_offsets,
    source_profile,
    spans_agree,
    split_reference,
    story_window,
    timeline_figure,
    timeline_rows,
    who_says_when,
)
from helpers.tables import (
    load_all_tables,
    load_table,
    read_datapackage,
    resource_descriptor,
)

REFERENCE_FACTS = DATA_DIR / "reference" / "reference_facts.md"
WINDOW = (pd.Timestamp("1956-10-23"), pd.Timestamp("1956-11-11"))
DOCS = ["a", "b", "c"]
COLORS = {"a": "#111111", "b": "#222222", "c": "#333333"}


def claim(claim_id: str, doc_id: str, event_id: str, date: str | None, date_text: str | None = None,
          quote: str = "q", span: str = "body") -> dict:
    precision = None if date is None else {4: "year", 7: "month", 10: "day"}[len(date)]
    return {"claim_id": claim_id, "doc_id": doc_id, "span": span, "event_id": event_id, "date_text": date_text,
            "date": date, "date_precision": precision, "date_note": None if date_text else "from context",
            "quote": quote}


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame([
        {"event_id": "revolution_begins", "label": "Outbreak (23 October 1956)", "category": "uprising"},
        {"event_id": "revolution_ends", "label": "End of the revolution", "category": "uprising"},
        {"event_id": "invasion", "label": "Invasion of 4 November 1956", "category": "soviet_action"},
        {"event_id": "suez_crisis", "label": "Suez", "category": "international"},
        {"event_id": "un_appeal", "label": "Appeal to the UN", "category": "international"},
        {"event_id": "purge", "label": "A purge", "category": "repression"},
    ])


@pytest.fixture
def event_claims() -> pd.DataFrame:
    return pd.DataFrame([
        claim("ev-a-01", "a", "revolution_begins", "1956-10-24"),
        claim("ev-b-01", "b", "revolution_begins", "1956-10-23", "23 October"),
        claim("ev-c-01", "c", "revolution_begins", "1956"),                       # a year: not drawn
        claim("ev-a-02", "a", "invasion", "1956-11-01", "1st November"),
        claim("ev-b-02", "b", "invasion", "1956-11-04", quote="inferred"),
        claim("ev-b-03", "b", "invasion", "1956-11-04", "November 4", quote="written"),
        claim("ev-c-02", "c", "invasion", None),
        claim("ev-a-03", "a", "revolution_ends", "1956-11"),                      # a month: a span
        claim("ev-b-04", "b", "revolution_ends", "1956-11-11", "11 November"),
        claim("ev-c-03", "c", "suez_crisis", "1956-10-29", "October 29"),
        claim("ev-c-04", "c", "purge", "1956-10-25", "25 October"),               # not a timeline category
        claim("ev-a-04", "a", "suez_crisis", "1956-12-01", "1 December"),         # outside the window
        claim("ev-a-05", "a", "un_appeal", None, quote="appealed", span="comments"),
    ])


def decision(claim_id: str, doc_id: str, kind: str, body: str, date: str | None = None,
             as_written: str | None = None, span: str = "body") -> dict:
    return {"claim_id": claim_id, "doc_id": doc_id, "span": span, "decision": kind, "body": body,
            "body_as_written": as_written or body, "date_text": None, "date": date,
            "date_precision": None if date is None else "day", "date_note": None, "quote": f"quote {claim_id}"}


@pytest.fixture
def decisions() -> pd.DataFrame:
    return pd.DataFrame([
        decision("sd-a-01", "a", "intervene", "soviet_troops", "1956-11-01"),   # troops: not a decision
        decision("sd-a-02", "a", "retreat", "soviet_troops"),                    # but their retreat is a step back
        decision("sd-b-01", "b", "reverse_decision", "politburo", "1956-11-04", "the Politburo"),
        decision("sd-b-02", "b", "negotiate_withdrawal", "politburo", None, "the Politburo"),
        decision("sd-b-03", "b", "intervene", "politburo", "1956-11-04", "the Politburo"),
        decision("sd-b-04", "b", "remove_leader", "kremlin", "1955-04"),          # not part of the story
        decision("sd-c-01", "c", "not_remove_government", "presidium", "1956-10-30", "the Presidium"),
        decision("sd-c-02", "c", "reverse_decision", "soviet_leaders", "1956-10-31", "the leaders"),
        decision("sd-c-03", "c", "reverse_decision", "soviet_leaders", None, "the leaders"),
    ])


@pytest.fixture
def reasons() -> pd.DataFrame:
    rows = [
        ("rr-c-01", "c", "suez", "reversal"), ("rr-c-02", "c", "appearance_of_weakness", "reversal"),
        ("rr-a-01", "a", "suez", "reversal"), ("rr-a-02", "a", "neutrality", "intervention"),
        ("rr-c-03", "c", "illegal_government", "kadar_justification"),
    ]
    return pd.DataFrame([{"claim_id": i, "doc_id": d, "span": "body", "reason": r, "applies_to": a,
                          "quote": f"quote {i}", "note": None} for i, d, r, a in rows])


@pytest.fixture
def reference() -> pd.DataFrame:
    rows = [
        ("pm-01", "1956-10-31", "day", "presidium", "decision:reverse_decision", "We should reexamine", "Bulletin",
         "https://example.org/b", "A"),
        ("pm-02", "1956-10-31", "day", "presidium", "reason:suez", "To Egypt", "Bulletin", "https://example.org/b", "A"),
        ("pm-03", "1956-11-01", "day", "presidium", "reason:leaving_camp", "Will Hungary leave", "Copy",
         "https://example.org/c", "B"),
    ]
    return pd.DataFrame(rows, columns=["fact_id", "date", "date_precision", "body", "decision_or_reason", "excerpt",
                                       "source_title", "source_url", "grade"])


# --- the timeline ------------------------------------------------------------

def test_window_runs_from_the_earliest_outbreak_to_the_latest_end(event_claims: pd.DataFrame) -> None:
    assert story_window(event_claims) == (pd.Timestamp("1956-10-23"), pd.Timestamp("1956-11-11"))


def test_window_needs_day_precise_dates(event_claims: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="revolution_ends"):
        story_window(event_claims[event_claims["event_id"] != "revolution_ends"])


@pytest.mark.parametrize("label, neutral", [
    ("Ceasefire of 28 October 1956", "Ceasefire"),
    ("Second Soviet intervention: attack on Budapest (4 November 1956)", "Second Soviet intervention: attack on Budapest"),
    ("Execution of Imre Nagy (1958)", "Execution of Imre Nagy"),
    ("Nagy's appeal to the United Nations (and western governments)",
     "Nagy's appeal to the United Nations (and western governments)"),
])
def test_neutral_label_drops_the_catalogue_date(label: str, neutral: str) -> None:
    assert neutral_label(label) == neutral


def test_short_label_wraps_and_shortens() -> None:
    assert short_label("short") == "short"
    wrapped = short_label("word " * 40, width=20, lines=2)
    assert wrapped.count("<br>") == 1 and wrapped.endswith("…")
    assert all(len(line) <= 22 for line in wrapped.split("<br>"))


def test_timeline_rows_keep_every_dating_in_the_window(event_claims, events) -> None:
    rows = timeline_rows(event_claims, events, WINDOW, DOCS)
    assert "ev-c-01" not in set(rows["claim_ids"])          # a year says nothing about the day
    assert "ev-c-04" not in set(rows["claim_ids"])          # a category that is not drawn
    assert "ev-a-04" not in set(rows["claim_ids"])          # outside the window
    month = rows[rows["claim_ids"] == "ev-a-03"].iloc[0]
    assert (month["date_first"], month["date_last"]) == (pd.Timestamp("1956-11-01"), pd.Timestamp("1956-11-30"))
    invasion = rows[rows["event_id"] == "invasion"]
    assert invasion[["doc_id", "date"]].values.tolist() == [["a", "1956-11-01"], ["b", "1956-11-04"]]
    merged = invasion[invasion["doc_id"] == "b"].iloc[0]
    assert merged["claim_ids"] == "ev-b-02, ev-b-03" and merged["quote"] == "written"   # the written date's quote


def test_timeline_rows_are_ordered_by_lane_then_day(event_claims, events) -> None:
    rows = timeline_rows(event_claims, events, WINDOW, DOCS)
    assert list(dict.fromkeys(rows["lane"])) == ["In Hungary", "The Soviet side", "Abroad"]
    in_hungary = list(dict.fromkeys(rows.loc[rows["lane"] == "In Hungary", "event_id"]))
    assert in_hungary == ["revolution_begins", "revolution_ends"]
    assert rows.loc[rows["event_id"] == "revolution_begins", "event"].iloc[0] == "Outbreak"


def test_slots_are_symmetric_and_in_document_order() -> None:
    offsets = slot_offsets(["x", "y", "z"], band=0.6)
    assert offsets == pytest.approx({"x": -0.2, "y": 0.0, "z": 0.2})
    assert slot_offsets([]) == {}


def test_row_positions_leave_a_gap_between_lanes() -> None:
    positions = row_positions([("L1", "a"), ("L1", "b"), ("L2", "c"), ("L1", "a")], lane_gap=0.5)
    assert positions == {("L1", "a"): 0.0, ("L1", "b"): 1.0, ("L2", "c"): 2.5}


@pytest.mark.parametrize("dates, agree", [
    ([], True), (["1956-11-04"], True), (["1956-10", "1956-10-23"], True),
    (["1956-11-01", "1956-11-04"], False), (["1956-11", "1956-11-04", "1956-11-05"], False),
])
def test_spans_agree_when_one_day_fits_all(dates: list[str], agree: bool) -> None:
    assert spans_agree(pd.Series(dates, dtype="str")) is agree


def test_datings_side_by_side(event_claims, events) -> None:
    side = datings_side_by_side(event_claims, events, ["invasion", "revolution_ends", "revolution_begins"], DOCS)
    invasion = side.set_index("event_id").loc["invasion"]
    assert (invasion["a"], invasion["b"], invasion["c"]) == ("1956-11-01", "1956-11-04", UNDATED)
    assert bool(invasion["dates_differ"])
    ends = side.set_index("event_id").loc["revolution_ends"]
    assert not ends["dates_differ"] and ends["c"] == ""     # November allows the 11th; c does not mention it
    assert side.set_index("event_id").loc["revolution_begins", "dates_differ"]


# --- the decisions -----------------------------------------------------------

@pytest.mark.parametrize("kind, body, phase", [
    ("withdraw_from_budapest", "khrushchev", "step back"),
    ("retreat", "soviet_troops", "step back"),
    ("reverse_decision", "politburo", "reversal"),
    ("intervene", "politburo", "send in troops"),
    ("intervene", "soviet_troops", None),
    ("install_government", "moscow", "install a government"),
    ("remove_leader", "kremlin", None),
])
def test_moscow_phase(kind: str, body: str, phase: str | None) -> None:
    assert moscow_phase(kind, body) == phase


def test_reversal_story_and_who_says_when(decisions) -> None:
    story = reversal_story(decisions, DOCS)
    assert "sd-a-01" not in set(story["claim_id"]) and "sd-b-04" not in set(story["claim_id"])
    assert story["doc_id"].tolist() == ["a", "b", "b", "b", "c", "c", "c"]
    table = who_says_when(story, DOCS + ["d"]).set_index("doc_id")
    assert table.loc["a", "step back"] == UNDATED and table.loc["a", "reversal"] == ""
    assert table.loc["c", "reversal"] == f"1956-10-31 | {UNDATED}"
    assert table.loc["d"].tolist() == ["", "", "", ""]     # a document that tells nothing still has its row


def test_bodies_named_as_written(decisions) -> None:
    named = bodies_named(reversal_story(decisions, DOCS), ["step back", "reversal"])
    assert named[["doc_id", "as_written"]].values.tolist() == [
        ["a", "soviet_troops"], ["b", "the Politburo"], ["c", "the Presidium"], ["c", "the leaders"]]
    assert named.loc[named["doc_id"] == "b", "phases"].item() == "step back, reversal"  # in story order


# --- the reasons ---------------------------------------------------------------

def test_reason_matrix_groups_by_purpose_and_keeps_silent_documents(reasons) -> None:
    matrix = reason_matrix(reasons, DOCS)
    assert list(matrix.index) == DOCS and matrix.loc["b"].sum() == 0
    assert [group for group, _ in matrix.columns] == ["reversal", "reversal", "intervention", "kadar_justification"]
    assert matrix.loc["a", ("reversal", "suez")] == 1 and matrix.loc["c", ("reversal", "suez")] == 1


def test_reason_support_lists_single_sources_first(reasons) -> None:
    support = reason_support(reasons, DOCS)
    assert support["n_documents"].tolist() == [1, 1, 1, 2]
    assert support.iloc[-1][["reason", "documents"]].tolist() == ["suez", "a, c"]


def test_heatmap_has_one_panel_per_purpose(reasons) -> None:
    figure = reason_heatmap(reason_matrix(reasons, DOCS), reasons, COLORS)
    assert len(figure.data) == 3
    assert [t.text for t in figure.layout.annotations] == [APPLIES_TO[g] for g in APPLIES_TO]
    assert figure.data[0].customdata[2][1] == "quote rr-c-01"   # document c, reason suez


# --- scholarship ---------------------------------------------------------------

def test_split_reference(reference) -> None:
    split = split_reference(reference)
    assert split[["kind", "key"]].values.tolist() == [
        ["decision", "reverse_decision"], ["reason", "suez"], ["reason", "leaving_camp"]]
    assert split["phase"].iloc[0] == "reversal" and pd.isna(split["phase"].iloc[1])


def test_compare_reasons_puts_scholarship_first(reasons, reference) -> None:
    compared = compare_reasons(reasons, reference, DOCS)
    assert compared["reason"].tolist()[:2] == ["leaving_camp", "suez"]
    suez = compared.set_index("reason").loc["suez"]
    assert suez["documents"] == "a, c (reversal)" and suez["scholarship"] == "pm-02 (1956-10-31, grade A)"
    assert compared.set_index("reason").loc["neutrality", "scholarship"] == ""


def test_decisions_figure_keeps_scholarship_in_its_own_panel(decisions, reference) -> None:
    story = reversal_story(decisions, DOCS)
    figure = decisions_figure(story, split_reference(reference), DOCS, COLORS, WINDOW, "#555555")
    scholarly = [t for t in figure.data if t.name == "scholarship"]
    assert len(scholarly) == 1 and scholarly[0].yaxis == "y2" and scholarly[0].marker.color == "#555555"
    assert {t.name for t in figure.data if t.yaxis == "y"} == {"b", "c"}   # a's rows are undated


# --- quotes, corrections, profile --------------------------------------------

def test_frame_table_orders_events_and_marks_undated(event_claims, events) -> None:
    frame = frame_table(event_claims, events, DOCS)
    assert frame["event"].tolist() == ["Appeal to the UN", "Suez", "Suez"]
    assert frame[["doc_id", "date"]].values.tolist() == [["a", UNDATED], ["a", "1956-12-01"], ["c", "1956-10-29"]]
    assert set(INTERNATIONAL_FRAME) >= {"un_appeal", "suez_crisis"}


def test_corrections_for_matches_quotes_both_ways() -> None:
    claims = pd.DataFrame({"claim_id": ["x-1", "x-2", "y-1"], "doc_id": ["x", "x", "y"],
                           "quote": ["On 1st November, troops invaded", "short", "On 1st November"]})
    corrections = pd.DataFrame([
        {"correction_id": "corr-1", "doc_id": "x", "quote": "1st November", "kind": "wrong_date",
         "what_is_wrong": "w", "correction": "c", "reference_url": None},
        {"correction_id": "corr-2", "doc_id": "x", "quote": "a short text", "kind": "typo",
         "what_is_wrong": "w", "correction": "c", "reference_url": None},
        {"correction_id": "corr-3", "doc_id": "z", "quote": "nothing", "kind": "typo",
         "what_is_wrong": "w", "correction": "c", "reference_url": None},
    ])
    found = corrections_for(claims, corrections)
    assert found[["correction_id", "claims"]].values.tolist() == [["corr-1", "x-1"], ["corr-2", "x-2"]]


def test_source_profile_counts_each_document(decisions, reasons, event_claims, events) -> None:
    story = reversal_story(decisions, DOCS)
    rows = timeline_rows(event_claims, events, WINDOW, DOCS)
    profile = source_profile(DOCS + ["d"], story, reasons, rows).set_index("doc_id")
    assert profile.loc["b", "phases_told"] == "step back, reversal, send in troops"
    assert profile.loc["a", "reasons_given_for"] == "intervention, reversal"
    assert profile.loc["d"].tolist() == [0, "", 0, "", 0]


def test_timeline_figure_hatches_partial_dates(event_claims, events) -> None:
    rows = timeline_rows(event_claims, events, WINDOW, DOCS)
    figure = timeline_figure(rows, DOCS, COLORS, WINDOW)
    hatched = [t for t in figure.data if t.marker.pattern.shape == "/"]
    assert len(hatched) == 1 and hatched[0].name == "a" and not hatched[0].showlegend
    assert sum(len(t.y) for t in figure.data) == len(rows)
    assert {t.name for t in figure.data if t.showlegend} == {"a", "b", "c"}


# --- the project's own data ----------------------------------------------------

@pytest.fixture(scope="module")
def project_reference() -> pd.DataFrame:
    return load_table("presidium_meetings")  # validated against data/datapackage.json


def test_reference_rows_cite_https_sources_with_a_grade(project_reference: pd.DataFrame) -> None:
    assert len(project_reference) > 0
    for row in project_reference.itertuples(index=False):
        assert re.fullmatch(r"https://\S+", row.source_url), row.fact_id
        assert row.grade in ("A", "B", "C"), row.fact_id


def test_reference_excerpts_are_verbatim_in_the_committed_reference_file(project_reference: pd.DataFrame) -> None:
    facts = REFERENCE_FACTS.read_text(encoding="utf-8")
    for row in project_reference.itertuples(index=False):
        assert row.excerpt in facts, row.fact_id
        assert row.source_url in facts, row.fact_id


def test_reference_keys_use_the_tables_vocabularies(project_reference: pd.DataFrame) -> None:
    package = read_datapackage()
    fields = {f["name"]: f for f in resource_descriptor("soviet_decisions", package)["schema"]["fields"]}
    decisions = set(fields["decision"]["constraints"]["enum"])
    split = split_reference(project_reference)
    assert set(split.loc[split["kind"] == "decision", "key"]) <= decisions
    assert split.loc[split["kind"] == "reason", "key"].str.fullmatch(r"[a-z][a-z0-9_]*").all()


def test_on_the_project_tables_every_document_keeps_its_row() -> None:
    tables = load_all_tables()
    doc_ids = tables["documents"]["doc_id"].tolist()
    window = story_window(tables["event_claims"])
    rows = timeline_rows(tables["event_claims"], tables["events"], window, doc_ids)
    assert set(rows["doc_id"]) <= set(doc_ids) and rows["date_first"].le(window[1]).all()
    assert list(reason_matrix(tables["reversal_reasons"], doc_ids).index) == doc_ids
    story = reversal_story(tables["soviet_decisions"], doc_ids)
    assert who_says_when(story, doc_ids)["doc_id"].tolist() == doc_ids


def test_dates_cell() -> None:
    assert dates_cell(pd.Series([], dtype="str")) == ""
    assert dates_cell(pd.Series(["1956-11-04", None, "1956-10-31", "1956-11-04"], dtype="str")) == \
        "1956-10-31 | 1956-11-04 | undated"
