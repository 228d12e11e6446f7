"""The Soviet decision reversal: claims as the documents make them, the
timeline, the Presidium's notes, the reasons."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.paths import DATA_DIR
from helpers.lessons.soviet import (
    AFTERWARDS,
    APPLIES_TO,
    IN_BUDAPEST,
    INVASION,
    NO_DOCUMENT,
    NO_HELP,
    CONFIRMED_WORDS,
    ON_THE_DAY,
    SOURCE_KIND_WORDS,
    NOTES_TO_EVENT,
    REASON_WORDS,
    STEP_BACK,
    STEP_BACK_DECISIONS,
    STORY_EVENTS,
    TIMELINE,
    TIMELINE_MAX_HEIGHT,
    UNDATED,
    WORKED_OUT,
    claims_about,
    compare_with_notes,
    dates_by_document,
    dating_line,
    dating_text,
    day_positions,
    event_words,
    given_by_text,
    month_only,
    neutral_label,
    note_for_class,
    notes_reasons_with_documents,
    one_claim_per_document,
    notes_with_documents,
    one_row_per_quote,
    reason_timing,
    reason_rows,
    recorded_after,
    reasons_compared,
    split_reference,
    story_window,
    timeline_figure,
    timeline_hover,
    timeline_points,
    verdicts,
    words_for,
)
from helpers.evidence.tables import load_all_tables, load_table, read_datapackage, resource_descriptor

REFERENCE_FACTS = DATA_DIR / "reference" / "reference_facts.md"
WINDOW = (pd.Timestamp("1956-10-23"), pd.Timestamp("1956-11-11"))
DOCS = ["a", "b", "c"]
COLORS = {"a": "#111111", "b": "#222222", "c": "#333333"}


def claim(claim_id: str, doc_id: str, event_id: str, date: str | None, date_text: str | None = None,
          quote: str = "q", span: str = "body", note: str | None = None) -> dict:
    precision = None if date is None else {4: "year", 7: "month", 10: "day"}[len(date)]
    return {"claim_id": claim_id, "doc_id": doc_id, "span": span, "event_id": event_id, "description": f"d {claim_id}",
            "date_text": date_text, "date": date, "date_precision": precision,
            "date_note": None if date_text or date is None else "from context", "quote": quote, "note": note}


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame([
        {"event_id": "revolution_begins", "label": "Outbreak (23 October 1956)", "category": "uprising"},
        {"event_id": "revolution_ends", "label": "End of the revolution", "category": "uprising"},
        {"event_id": "soviet_non_intervention_decision", "label": "Initial decision", "category": "soviet_action"},
        {"event_id": "soviet_first_withdrawal", "label": "Troops retreat", "category": "soviet_action"},
        {"event_id": "soviet_decision_to_intervene", "label": "Reversal", "category": "soviet_action"},
        {"event_id": "soviet_reinforcements_sent", "label": "New troops enter Hungary", "category": "soviet_action"},
        {"event_id": "soviet_second_intervention", "label": "Invasion of 4 November 1956",
         "category": "soviet_action"},
        {"event_id": "purge", "label": "A purge of 1949", "category": "repression"},
    ])


@pytest.fixture
def event_claims() -> pd.DataFrame:
    return pd.DataFrame([
        claim("ev-a-01", "a", "revolution_begins", "1956-10-24"),
        claim("ev-b-01", "b", "revolution_begins", "1956-10-23", "23 October"),
        claim("ev-c-01", "c", "revolution_begins", "1956-10", "October"),           # a month: not a dot
        claim("ev-c-09", "c", "revolution_begins", "1956"),                          # a year: neither
        claim("ev-b-05", "b", "soviet_non_intervention_decision", "1956-10-30", note="x; see corrections.csv (corr-1)"),
        claim("ev-c-05", "c", "soviet_non_intervention_decision", None),
        claim("ev-a-05", "a", "soviet_first_withdrawal", None, quote="forced to retreat"),
        claim("ev-b-06", "b", "soviet_decision_to_intervene", "1956-10-31", "31 October"),
        claim("ev-c-06", "c", "soviet_decision_to_intervene", "1956-11-04", "4 November"),
        claim("ev-a-02", "a", "soviet_reinforcements_sent", "1956-11-01", "1st November", quote="invaded Hungary"),
        claim("ev-a-03", "a", "soviet_second_intervention", "1956-11-04", "the 4th", quote="re-entering Budapest"),
        claim("ev-b-02", "b", "soviet_second_intervention", "1956-11-04", quote="inferred"),
        claim("ev-b-03", "b", "soviet_second_intervention", "1956-11-04", "November 4", quote="written"),
        claim("ev-c-03", "c", "soviet_second_intervention", None, quote="a comment", span="comments"),
        claim("ev-b-04", "b", "revolution_ends", "1956-11-11", "November 11"),
        claim("ev-b-07", "b", "soviet_reinforcements_sent", None, quote="same sentence, two events"),
        claim("ev-b-08", "b", "soviet_second_intervention", None, quote="same sentence, two events"),
        claim("ev-c-04", "c", "revolution_ends", "1956-11-10", "10 November"),
        claim("ev-a-09", "a", "purge", "1949"),
    ])


@pytest.fixture
def reasons() -> pd.DataFrame:
    rows = [
        ("rr-c-01", "c", "suez", "reversal", "q1"), ("rr-c-02", "c", "appearance_of_weakness", "reversal", "q2"),
        ("rr-a-01", "a", "leaving_soviet_camp", "intervention", "qa"), ("rr-a-02", "a", "neutrality", "intervention", "qa"),
        ("rr-b-01", "b", "hungarian_request", "soviet_declaration", "qb"),
        ("rr-c-03", "c", "hungarian_request", "kadar_justification", "q3"),
    ]
    return pd.DataFrame([{"claim_id": i, "doc_id": d, "span": "body", "reason": r, "applies_to": a, "quote": q,
                          "note": None} for i, d, r, a, q in rows])


@pytest.fixture
def reference() -> pd.DataFrame:
    rows = [
        ("pm-01", "1956-10-23", "decision:intervene", "sending troops", "A"),
        ("pm-03", "1956-10-30", "decision:negotiate_withdrawal", "a declaration", "A"),
        ("pm-04", "1956-10-31", "decision:reverse_decision", "We should reexamine", "A"),
        ("pm-05", "1956-10-31", "proposal:install_government", "We should create", "B"),
        ("pm-08", "1956-10-31", "reason:suez", "To Egypt", "A"),
        ("pm-10", "1956-10-31", "reason:leaving_soviet_camp", "Will Hungary leave", "B"),
        ("pm-11", "1956-11-01", "reason:spread_to_satellites", "spreading", "A"),
        ("pm-06", "1956-11-01", "decision:intervene", "support the application of force", "A"),
    ]
    kinds = {"pm-03": "archive_summary", "pm-05": "educational_website", "pm-11": "archive_summary"}
    return pd.DataFrame([{"fact_id": f, "date": d, "date_precision": "day", "body": "presidium", "decision_or_reason": k,
                          "excerpt": e, "source_title": "S", "source_url": "https://example.org", "grade": g,
                          "source_kind": kinds.get(f, "notes"), "note": None}
                         for f, d, k, e, g in rows])


# --- words ---------------------------------------------------------------------

@pytest.mark.parametrize("label, neutral", [
    ("Ceasefire of 28 October 1956", "Ceasefire"),
    ("Second Soviet intervention: attack on Budapest (4 November 1956)", "Second Soviet intervention: attack on Budapest"),
    ("Execution of Imre Nagy (1958)", "Execution of Imre Nagy"),
    ("Nagy's appeal to the United Nations (and western governments)",
     "Nagy's appeal to the United Nations (and western governments)"),
])
def test_neutral_label_drops_the_catalogue_date(label: str, neutral: str) -> None:
    assert neutral_label(label) == neutral


def test_event_words_use_the_story_names_else_the_label_without_its_date(events) -> None:
    names = event_words(events)
    assert names["soviet_second_intervention"] == STORY_EVENTS["soviet_second_intervention"][1]
    assert names["purge"] == "A purge of 1949"   # not a day-month-year: kept
    assert all(event_id in STORY_EVENTS for event_id in TIMELINE)


def test_words_for_a_new_code_still_reads_as_words() -> None:
    assert words_for("suez", REASON_WORDS) == REASON_WORDS["suez"]
    assert words_for("a_new_reason", REASON_WORDS) == "a new reason"
    assert words_for(None, REASON_WORDS) == ""


def test_note_for_class_drops_pointers_to_the_corrections_file() -> None:
    assert note_for_class("from a heading (see corrections.csv (corr-14, corr-15))") == "from a heading"
    assert note_for_class("dates it to 31 October; see corrections.csv (corr-19)") == "dates it to 31 October"
    assert note_for_class("nothing to drop") == "nothing to drop"


# --- the claims, as the documents make them ---------------------------------------

def test_claims_about_keeps_each_claim_with_the_curators_reading_beside_it(event_claims, events) -> None:
    claims = claims_about(event_claims, events, ["soviet_reinforcements_sent", "soviet_second_intervention",
                                                 "soviet_non_intervention_decision"], DOCS)
    assert claims["claim_id"].tolist() == ["ev-a-02", "ev-b-07", "ev-a-03", "ev-b-02", "ev-b-03", "ev-b-08", "ev-c-03",
                                           "ev-b-05", "ev-c-05"]
    first = claims.iloc[0]   # the document's words and date, unchanged; the event beside them
    assert (first["quote"], first["date"], first["event"]) == (
        "invaded Hungary", "1956-11-01", STORY_EVENTS["soviet_reinforcements_sent"][1])
    assert claims.set_index("claim_id").loc["ev-c-05", "date_shown"] == UNDATED
    assert claims.set_index("claim_id").loc["ev-b-02", "as_written"] == WORKED_OUT
    assert claims.set_index("claim_id").loc["ev-b-05", "reading"] == "x"
    assert claims.set_index("claim_id").loc["ev-c-03", "document"].endswith("(a reader's comment)")


def test_a_forced_retreat_is_not_a_decision_to_withdraw() -> None:
    assert "soviet_first_withdrawal" in STEP_BACK and "soviet_first_withdrawal" not in STEP_BACK_DECISIONS


def test_dates_by_document_and_verdicts(event_claims, events) -> None:
    claims = claims_about(event_claims, events, ["soviet_reinforcements_sent", "soviet_second_intervention",
                                                 "soviet_non_intervention_decision", "revolution_begins",
                                                 "revolution_ends"], DOCS)
    given = dates_by_document(claims, DOCS)
    # Troops entering Hungary on 1 November and the attack on 4 November are two events, so one document's two
    # dates are never counted as a disagreement.
    assert given["soviet_reinforcements_sent"] == {"a": ["1956-11-01"], "b": []}
    assert given["soviet_second_intervention"] == {"a": ["1956-11-04"], "b": ["1956-11-04"], "c": []}
    assert verdicts(claims) == {"soviet_reinforcements_sent": "same", "soviet_second_intervention": "same",
                                "soviet_non_intervention_decision": "same", "revolution_begins": "conflict",
                                "revolution_ends": "conflict"}
    assert dating_text(claims, "soviet_non_intervention_decision", DOCS).endswith(f"c: {UNDATED}")
    assert dating_text(claims, "soviet_non_intervention_decision", DOCS, dated_only=True) == "b: 30 October 1956"
    assert dating_line(claims, "revolution_ends", DOCS).endswith("(these 2 dates: no single day fits them all)")
    # The verdict follows the dates it compares and names them (not only the last document's); the documents
    # that give no date come after it.
    assert dating_line(claims, "soviet_second_intervention", DOCS) == (
        f"a: 4 November 1956; b: 4 November 1956 (these 2 dates: the same day); c: {UNDATED}")
    assert "(" not in dating_line(claims, "soviet_non_intervention_decision", DOCS)   # one date: nothing to compare


def test_one_claim_per_document_shows_the_dated_decision_a_sentence_speaks_of(event_claims, events) -> None:
    extra = pd.DataFrame([claim("ev-b-00", "b", "soviet_non_intervention_decision", None, quote="undated first"),
                          claim("ev-a-00", "a", "soviet_first_withdrawal", None, quote="a comment", span="comments")])
    claims = claims_about(pd.concat([extra, event_claims]), events, STEP_BACK, DOCS)
    shown = one_claim_per_document(claims, DOCS, prefer=STEP_BACK_DECISIONS)
    # b's undated claim comes first, but b dates the decision elsewhere: the table shows that dated claim, so a
    # sentence "only b gives it a day" is true of the table itself.
    assert shown["claim_id"].tolist() == ["ev-b-05", "ev-c-05", "ev-a-05"]
    assert shown["doc_id"].is_unique and set(shown["doc_id"]) == set(DOCS)
    # a's reader's comment comes first, but the author's own text is shown.
    assert "ev-a-00" in claims["claim_id"].tolist()


def test_one_row_per_quote_shows_a_sentence_once_with_its_events(event_claims, events) -> None:
    claims = claims_about(event_claims, events, ["soviet_reinforcements_sent", "soviet_second_intervention"], DOCS)
    rows = one_row_per_quote(claims, ["c", "b", "a"])
    shared = rows[rows["quote"] == "same sentence, two events"]
    assert len(shared) == 1 and shared.iloc[0]["claims"] == ["ev-b-07", "ev-b-08"]
    assert shared.iloc[0]["event"] == "; ".join(STORY_EVENTS[e][1] for e in ("soviet_reinforcements_sent",
                                                                             "soviet_second_intervention"))
    assert rows["doc_id"].tolist()[0] == "c" and len(rows) == len(claims) - 1


def test_a_month_fits_a_day_in_it(event_claims, events) -> None:
    claims = claims_about(event_claims[event_claims["claim_id"].isin(["ev-b-01", "ev-c-01"])], events,
                          ["revolution_begins"], DOCS)
    assert verdicts(claims) == {"revolution_begins": "compatible"}


# --- the timeline ------------------------------------------------------------------

def test_window_runs_from_the_earliest_outbreak_to_the_latest_end(event_claims) -> None:
    assert story_window(event_claims) == (pd.Timestamp("1956-10-23"), pd.Timestamp("1956-11-11"))


def test_window_needs_day_precise_dates(event_claims) -> None:
    with pytest.raises(ValueError, match="revolution_ends"):
        story_window(event_claims[event_claims["event_id"] != "revolution_ends"])


def test_timeline_points_are_days_in_the_window(event_claims, events) -> None:
    claims = claims_about(event_claims, events, ["revolution_begins", "soviet_second_intervention", "purge"], DOCS)
    points = timeline_points(claims, WINDOW)
    assert "ev-c-01" not in set(points["claim_id"]) and "ev-c-09" not in set(points["claim_id"])
    assert "ev-a-09" not in set(points["claim_id"])                       # outside the window
    invasion = points[points["event_id"] == "soviet_second_intervention"]
    assert invasion[["doc_id", "date"]].values.tolist() == [["a", "1956-11-04"], ["b", "1956-11-04"]]
    assert invasion.iloc[1]["quote"] == "written"                          # the claim that writes the date out
    assert month_only(claims, WINDOW)["claim_id"].tolist() == ["ev-c-09", "ev-c-01"]   # a year, a month: no day


def test_day_positions_keep_every_dot_inside_its_day_and_apart(event_claims, events) -> None:
    points = timeline_points(claims_about(event_claims, events, TIMELINE, DOCS), WINDOW)
    positions = day_positions(points)
    assert [x[:10] for x in positions] == points["date"].tolist()        # the day is never moved
    same_day = points.assign(x=positions).groupby(["event", "date"])["x"]
    assert (same_day.nunique() == same_day.size()).all()                  # two documents, two dots
    alone = points.groupby(["event", "date"])["date"].transform("size") == 1
    assert all(x.endswith("12:00") for x, lone in zip(positions, alone) if lone)   # a lone dot sits mid-day


def test_timeline_hover_keeps_document_text_as_text(event_claims, events) -> None:
    """Plain text, with no markup of its own but line breaks: show_figure
    escapes it for plotly (plotly_text), once."""
    from helpers.display.claims import plotly_text

    hostile = event_claims.assign(quote=event_claims["quote"].where(event_claims["claim_id"] != "ev-b-01",
                                                                    "<script>x</script>"))
    points = timeline_points(claims_about(hostile, events, ["revolution_begins"], DOCS), WINDOW)
    hovers = timeline_hover(points)
    assert any("“<script>x</script>”" in h for h in hovers)
    assert all(set(re.findall(r"<[^>]*>", h.replace("<script>x</script>", ""))) <= {"<br>"} for h in hovers)
    assert not any("<script>" in plotly_text(h) for h in hovers)


def test_timeline_figure_groups_rows_by_lane_with_words_on_the_axis(event_claims, events) -> None:
    claims = claims_about(event_claims, events, TIMELINE, DOCS)
    points = timeline_points(claims, WINDOW)
    figure = timeline_figure(points, DOCS, COLORS, WINDOW)
    assert sum(len(trace.x) for trace in figure.data) == len(points)
    assert figure.layout.yaxis.type == "category"
    rows = list(figure.layout.yaxis.categoryarray)
    assert rows[0] == "The revolution breaks out"
    assert rows.index("The revolution ends") < rows.index(STORY_EVENTS["soviet_second_intervention"][1])
    # Fits a projector: no taller than the limit, no font under 14 px.
    assert figure.layout.height <= TIMELINE_MAX_HEIGHT <= 650
    assert min(figure.layout.xaxis.tickfont.size, figure.layout.yaxis.tickfont.size, figure.layout.legend.font.size,
               *(a.font.size for a in figure.layout.annotations)) >= 14
    assert {a.text for a in figure.layout.annotations} == {"In Hungary", "Moscow and the Soviet army"}
    assert {a.font.weight for a in figure.layout.annotations} == {"bold"}
    assert all(isinstance(y, str) for trace in figure.data for y in trace.y)   # the text alternative reads words


# --- the Presidium's notes ---------------------------------------------------------------

def test_split_reference_says_what_each_excerpt_is(reference) -> None:
    split = split_reference(reference).set_index("fact_id")
    assert split[["kind", "key"]].values.tolist()[:3] == [
        ["decision", "intervene"], ["decision", "negotiate_withdrawal"], ["decision", "reverse_decision"]]
    assert split.loc["pm-08", "what"] == REASON_WORDS["suez"]
    # A summary is never shown as the notes' words; a website graded B is not called a reference work.
    assert split.loc["pm-03", "excerpt_is"] == SOURCE_KIND_WORDS["archive_summary"]
    assert split.loc["pm-05", "source_shown"] == f"{SOURCE_KIND_WORDS['educational_website']} (grade B)"
    # A proposal in the notes is not a decision.
    assert split.loc["pm-05", "recorded"].startswith("Proposal, not a decision: ")
    # A decision recorded after the reversal is labelled for what it records, not as a new decision.
    assert recorded_after(reference) == [reference.index[reference["fact_id"] == "pm-06"][0]]
    assert split.loc["pm-06", "recorded"] == f"After the decision of 31 October 1956: {CONFIRMED_WORDS['intervene']}"
    assert split.loc["pm-01", "recorded"] == "Decision: send in the army"   # before the reversal: a decision
    assert recorded_after(reference[reference["fact_id"] != "pm-04"]) == []  # no reversal, nothing after it


def test_compare_with_notes_gives_each_document_its_verdict(event_claims, events, reference) -> None:
    scholarship = split_reference(reference)
    claims = claims_about(event_claims, events, list(dict.fromkeys(NOTES_TO_EVENT.values())), DOCS)
    comparison = compare_with_notes(scholarship, claims, DOCS)
    assert comparison[["fact_id", "doc_id", "verdict"]].values.tolist() == [
        ["pm-03", "b", "same"], ["pm-03", "c", "undated"], ["pm-04", "b", "same"], ["pm-04", "c", "conflict"]]
    shown = notes_with_documents(scholarship, comparison).set_index("fact_id")["documents"]
    assert shown["pm-01"] == NO_DOCUMENT and shown["pm-05"] == NO_DOCUMENT   # a proposal is compared with nothing
    assert shown["pm-04"] == "b: 31 October 1956 (the same day); c: 4 November 1956 (a different day)"
    assert shown["pm-03"].endswith(f"c: {UNDATED}")


# --- the reasons -------------------------------------------------------------------------

def test_reason_rows_keep_purposes_apart_and_one_sentence_one_row(reasons) -> None:
    rows = reason_rows(reasons, DOCS)
    assert rows["applies_to"].tolist() == ["reversal", "reversal", "intervention", "soviet_declaration",
                                           "kadar_justification"]
    assert rows["purpose"].tolist()[0] == APPLIES_TO["reversal"]
    essay = rows[rows["doc_id"] == "a"].iloc[0]
    assert essay["keys"] == ["leaving_soviet_camp", "neutrality"]
    assert essay["reasons"] == f"{REASON_WORDS['leaving_soviet_camp']}; {REASON_WORDS['neutrality']}"


def test_a_reason_recorded_after_the_decision_is_marked(reasons, reference) -> None:
    scholarship = split_reference(reference)
    timing = reason_timing(scholarship)
    assert timing["pm-08"] == f"31 October 1956, {ON_THE_DAY}"
    assert timing["pm-11"] == f"1 November 1956, {AFTERWARDS}"
    table = notes_reasons_with_documents(scholarship, reasons, DOCS).set_index("fact_id")
    assert table.loc["pm-11", "timing"].endswith(AFTERWARDS)
    assert table.loc["pm-08", "in_documents"] == "c, for the reversal: “q1”" and table.loc["pm-08", "quotes"] == ["q1"]
    assert table.loc["pm-11", "quotes"] == []
    with pytest.raises(ValueError, match="reverse_decision"):
        reason_timing(scholarship[scholarship["key"] != "reverse_decision"])


def test_reasons_compared_finds_a_reason_under_one_name(reasons, reference) -> None:
    compared = reasons_compared(reasons, split_reference(reference), DOCS).set_index("key")
    assert list(compared.index[:3]) == ["suez", "leaving_soviet_camp", "spread_to_satellites"]  # the notes' first
    assert compared.loc["leaving_soviet_camp", "given_by"] == [("a", "intervention")]
    assert compared.loc["spread_to_satellites", "given_by"] == []
    assert compared.loc["hungarian_request", "given_by"] == [("b", "soviet_declaration"), ("c", "kadar_justification")]
    assert given_by_text([]) == "no document"
    assert given_by_text([("a", "intervention")], in_sentence=True) == "the a (as a reason for sending in the army)"


# --- the project's own data ------------------------------------------------------------

@pytest.fixture(scope="module")
def project() -> dict[str, pd.DataFrame]:
    return load_all_tables()


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


def test_reference_keys_use_the_tables_vocabularies(project_reference: pd.DataFrame, project) -> None:
    package = read_datapackage()
    fields = {f["name"]: f for f in resource_descriptor("soviet_decisions", package)["schema"]["fields"]}
    split = split_reference(project_reference)
    assert set(split.loc[split["kind"] == "decision", "key"]) <= set(fields["decision"]["constraints"]["enum"])
    assert set(split.loc[split["kind"] == "reason", "key"]) <= set(REASON_WORDS)
    assert set(NOTES_TO_EVENT.values()) <= set(project["events"]["event_id"])


def test_every_reason_and_purpose_of_the_project_has_words(project) -> None:
    assert set(project["reversal_reasons"]["reason"]) <= set(REASON_WORDS)
    assert set(project["reversal_reasons"]["applies_to"]) == set(APPLIES_TO)
    assert set(STORY_EVENTS) <= set(project["events"]["event_id"])


def test_on_the_project_tables_every_claim_keeps_its_documents_date(project) -> None:
    doc_ids = project["documents"]["doc_id"].tolist()
    claims = claims_about(project["event_claims"], project["events"], list(STORY_EVENTS), doc_ids)
    source = project["event_claims"].set_index("claim_id")
    shown = claims.set_index("claim_id")
    assert set(shown.index) == set(source.index[source["event_id"].isin(list(STORY_EVENTS))])
    assert (shown["quote"] == source.loc[shown.index, "quote"]).all()
    assert shown["date"].equals(source.loc[shown.index, "date"])


def test_reference_rows_say_what_their_excerpt_is(project_reference: pd.DataFrame) -> None:
    assert set(project_reference["source_kind"]) <= set(SOURCE_KIND_WORDS)
    titles = dict(zip(project_reference["fact_id"], project_reference["source_title"].str.lower()))
    for row in project_reference.itertuples(index=False):
        if "summary" in titles[row.fact_id] or "catalogue" in titles[row.fact_id]:
            assert row.source_kind == "archive_summary", row.fact_id


def test_on_the_project_tables_only_the_reversal_is_dated_in_conflict(project) -> None:
    """Claims of different things are filed under different events, so that
    the only disagreement left is a real one: the day of the decision."""
    doc_ids = project["documents"]["doc_id"].tolist()
    shown = list(dict.fromkeys([*TIMELINE, *IN_BUDAPEST, *INVASION, *STEP_BACK, *NO_HELP]))
    claims = claims_about(project["event_claims"], project["events"], shown, doc_ids)
    assert {e for e, v in verdicts(claims).items() if v == "conflict"} == {"soviet_decision_to_intervene"}


def test_on_the_project_tables_a_claim_the_sources_do_not_settle_carries_a_note(project) -> None:
    claims = project["event_claims"]
    radio = claims[(claims["event_id"] == "radio_free_europe_role") & (claims["span"] == "body")]
    same_sentence = claims[claims["quote"].isin(radio["quote"])]
    assert len(radio) and same_sentence["note"].notna().all()


def test_a_proposal_linked_to_an_event_is_compared_and_says_it_is_a_proposal(event_claims, events, reference) -> None:
    proposed = reference.assign(decision_or_reason=reference["decision_or_reason"].replace(
        "decision:negotiate_withdrawal", "proposal:negotiate_withdrawal"))
    scholarship = split_reference(proposed)
    claims = claims_about(event_claims, events, list(dict.fromkeys(NOTES_TO_EVENT.values())), DOCS)
    comparison = compare_with_notes(scholarship, claims, DOCS)
    assert comparison.loc[comparison["fact_id"] == "pm-03", "doc_id"].tolist() == ["b", "c"]
    shown = notes_with_documents(scholarship, comparison).set_index("fact_id")
    assert shown.loc["pm-03", "recorded"].startswith("Proposal, not a decision: ")
    assert shown.loc["pm-03", "documents"] != NO_DOCUMENT
