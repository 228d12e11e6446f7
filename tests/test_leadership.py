"""The two jobs, sequences, claims in plain words, one change as the documents tell it, and dates compared,
from the leadership table."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.display.claims import wrap_for_hover
from helpers.evidence.dates import with_date_bounds
from helpers.evidence.tables import load_all_tables
from helpers.lessons.leadership import (
    HISTORIANS,
    MAX_HEIGHT,
    CLAIMS_OF_CHANGE,
    change_label,
    claims_in_words,
    credit_table,
    date_as_given,
    date_comparison,
    dates_by_change,
    decider_meant,
    historians_dates,
    dates_in_words,
    holders_over_time,
    in_their_words,
    jobs_held_all_year,
    no_change_recorded,
    power_sequence,
    prepare_changes,
    prepare_reference,
    reference_sequences,
    replacement_claims,
    sequence_strings,
    slot_offsets,
    timeline_figure,
    timeline_points,
    verdict_counts,
    when_meant,
)

DOCS = pd.DataFrame({"doc_id": ["a", "b"], "file_name": ["a.txt", "b.txt"]})
PEOPLE = pd.DataFrame({"person_id": ["nagy", "rakosi", "kadar"], "canonical_name": ["Imre Nagy", "Mátyás Rákosi", "János Kádár"]})
KINDS = {"took_office": "gain", "regained_office": "gain", "removed": "loss", "lost_office": "loss",
         "resigned": "loss", "executed": "executed", "arrested": "arrested"}


def _changes(rows: list[dict]) -> pd.DataFrame:
    """A prepared-changes frame from a few hand-made claims."""
    defaults = {"office": "prime_minister", "office_as_written": pd.NA, "decided_by": "unspecified",
                "decided_by_as_written": pd.NA, "date_text": pd.NA, "date": pd.NA, "quote": "a quote"}
    frame = pd.DataFrame([{**defaults, **row} for row in rows])
    frame = with_date_bounds(frame)
    frame["kind"] = frame["change"].map(KINDS)
    frame["year"] = frame["date"].str.slice(0, 4)
    frame["canonical_name"] = frame["person_id"].map(dict(zip(PEOPLE["person_id"], PEOPLE["canonical_name"])))
    frame["claim_id"] = [f"c-{i:02d}" for i in range(len(frame))]
    return frame


def _reference(rows: list[dict]) -> pd.DataFrame:
    defaults = {"ref_id": "r", "person": pd.NA, "office": "prime_minister", "date_precision": "day",
                "excerpt": "an excerpt", "source_title": "A source", "source_url": "https://example.org", "grade": "B"}
    frame = pd.DataFrame([{**defaults, "ref_id": f"r-{i}", **row} for i, row in enumerate(rows)])
    return prepare_reference(frame, PEOPLE)


TWO_JOBS = [
    {"person_id": "kadar", "office": "party_leader", "change": "took_office", "date": "1956-10-25"},
    {"person_id": "rakosi", "office": "party_leader", "change": "lost_office", "date": "1956-07-18"},
    {"person": "Ernő Gerő", "office": "party_leader", "change": "took_office", "date": "1956-07-18"},
    {"person": "Ernő Gerő", "office": "party_leader", "change": "removed", "date": "1956-10-25"},
    {"person_id": "rakosi", "change": "lost_office", "date": "1953-07-04"},
    {"person_id": "nagy", "change": "took_office", "date": "1953-07-04"},
    {"person_id": "kadar", "office": "head_of_government", "change": "took_office", "date": "1956-11-04"},
    {"person_id": "nagy", "change": "removed", "date": "1956-11-04"},
]


def test_a_replacement_told_in_one_quote_puts_the_loser_first() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 10},
        {"doc_id": "a", "person_id": "rakosi", "change": "lost_office", "offset": 10},
        {"doc_id": "a", "person_id": "rakosi", "change": "regained_office", "offset": 50},
    ])
    sequence = power_sequence(changes)
    assert list(sequence["person_id"]) == ["rakosi", "nagy", "rakosi"]
    assert list(sequence["step"]) == [1, 2, 3]
    strings = sequence_strings(sequence, DOCS)
    assert strings.loc[0, "sequence"] == "Rákosi → Nagy → Rákosi"
    assert list(strings["changes_of_hands"]) == [2, 0]
    assert strings.loc[0, "quotes"] == ["a quote"] and strings.loc[1, "quotes"] == []  # the summary row's evidence


def test_repeats_collapse_and_foreign_offices_are_left_out() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 1},
        {"doc_id": "a", "person_id": "nagy", "change": "regained_office", "offset": 5},
        {"doc_id": "a", "person_id": "kadar", "change": "took_office", "offset": 7, "office": "soviet_leader"},
    ])
    assert list(power_sequence(changes)["person_id"]) == ["nagy"]


def test_historians_keep_two_jobs_apart_in_date_order() -> None:
    sequences = reference_sequences(_reference(TWO_JOBS)).set_index("office")
    assert sequences.loc["Party leader", "sequence"] == "Rákosi → Gerő → Kádár"
    assert sequences.loc["Head of government", "sequence"] == "Rákosi → Nagy → Kádár"
    assert sequences.loc["Head of government", "changes_of_hands"] == 2
    assert sequences.loc["Party leader", "first"] == "1956-07-18"


def test_who_held_each_job_after_each_change() -> None:
    holders = holders_over_time(_reference(TWO_JOBS))
    assert list(holders["when"]) == ["before 4 July 1953", "from 4 July 1953", "from 18 July 1956",
                                     "from 25 October 1956", "from 4 November 1956"]
    assert list(holders["Party leader"]) == ["Rákosi", "Rákosi", "Gerő", "Kádár", "Kádár"]
    assert list(holders["Head of government"]) == ["Rákosi", "Nagy", "Nagy", "Nagy", "Kádár"]
    assert holders.loc[1, "what_changed"] == "Nagy replaces Rákosi as head of government"
    assert pd.isna(holders.loc[0, "date"]) and holders.loc[0, "what_changed"] == ""


def test_the_first_row_starts_when_the_sources_say_the_holders_took_their_jobs() -> None:
    spans = [dict(row) for row in TWO_JOBS]
    spans[1]["excerpt"] = "In office 23 February 1945  18 July 1956"
    spans[4]["excerpt"] = "spanning from August 14, 1952, to July 4, 1953"
    holders = holders_over_time(_reference(spans))
    assert holders.loc[0, "date"] == "1952-08-14" and holders.loc[0, "when"] == "from 14 August 1952"
    assert holders.loc[0, "what_changed"] == "Rákosi becomes head of government and is already party leader"
    assert list(holders["Party leader"])[:2] == ["Rákosi", "Rákosi"]
    # one holder's start unknown: the first row only says "before" the first change
    spans[1]["excerpt"] = "First Secretary until 18 July 1956"
    assert holders_over_time(_reference(spans)).loc[0, "when"] == "before 4 July 1953"


def test_full_dates_in_words_are_read_in_either_order() -> None:
    assert dates_in_words("spanning from August 14, 1952, to July 4, 1953") == ["1952-08-14", "1953-07-04"]
    assert dates_in_words("In office 23 February 1945 – 18 July 1956") == ["1945-02-23", "1956-07-18"]
    assert dates_in_words("1953") == [] and dates_in_words(pd.NA) == []


def test_jobs_held_all_year() -> None:
    holders = holders_over_time(_reference(TWO_JOBS))
    assert jobs_held_all_year(holders, "Mátyás Rákosi", "1955") == ["party leader"]
    assert jobs_held_all_year(holders, "Mátyás Rákosi", "1956") == []
    assert jobs_held_all_year(holders, "Imre Nagy", "1954") == ["head of government"]


def test_a_job_left_empty_says_so() -> None:
    holders = holders_over_time(_reference([{"person_id": "nagy", "change": "removed", "date": "1955-04-18"}]))
    assert list(holders["Head of government"]) == ["Nagy", ""]
    assert holders.loc[1, "what_changed"] == "Nagy loses the job of head of government"


@pytest.mark.parametrize(("written", "missing", "expected"), [
    ("general secretary", "not named", "“general secretary”"),
    (pd.NA, "not named", "not named"),
    ("  ", "not written", "not written"),
])
def test_the_document_s_own_words_are_quoted(written, missing, expected) -> None:
    assert in_their_words(written, missing) == expected


def test_the_date_we_use_says_where_it_comes_from() -> None:
    assert when_meant("July of 1956", "1956-07") == "July 1956"
    assert when_meant(pd.NA, "1956-10") == "October 1956 (from the sentences around it)"
    assert when_meant("After Stalin died", pd.NA) == "not dated"


def test_the_decider_in_plain_words() -> None:
    names = dict(zip(PEOPLE["person_id"], PEOPLE["canonical_name"]))
    assert decider_meant("kremlin", "Imre Nagy", names) == "Moscow"
    assert decider_meant("self", "Mátyás Rákosi", names) == "Rákosi himself"
    assert decider_meant("unspecified", "Imre Nagy", names) == "no one named"
    assert decider_meant("kadar", "Imre Nagy", names) == "János Kádár"


def test_claims_in_words_keep_the_document_s_words_beside_the_reading() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "rakosi", "change": "resigned", "offset": 1, "office": "party_leader",
         "office_as_written": "general secretary", "decided_by": "soviet_politburo",
         "decided_by_as_written": "Soviet Politburo", "date_text": "June 1956", "date": "1956-06"},
        {"doc_id": "a", "person_id": "nagy", "change": "executed", "offset": 5, "office": pd.NA},
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 9, "office": "leader_unspecified"},
    ])
    claims = claims_in_words(changes, PEOPLE).set_index("claim_id")
    rakosi = claims.loc["c-00"]
    assert (rakosi["office_words"], rakosi["office_meaning"]) == ("“general secretary”", "party leader")
    assert (rakosi["decider_words"], rakosi["decider"]) == ("“Soviet Politburo”", "Moscow")
    assert (rakosi["when_words"], rakosi["when"]) == ("“June 1956”", "June 1956")
    assert rakosi["event"] == "Rákosi resigned"
    executed = claims.loc["c-01"]
    assert executed["office_words"] == "" and executed["office_meaning"] == "" and executed["decider"] == "no one named"
    assert claims.loc["c-02", "office_words"] == "not named" and claims.loc["c-02", "office_meaning"] == "not clear which job"
    # no analyst's notation in any cell
    assert not claims.astype(str).apply(lambda column: column.str.contains("read as")).any().any()
    # the curator's codes are untouched beside the shown text
    assert rakosi["office"] == "party_leader" and rakosi["date"] == "1956-06"


def test_one_change_as_the_documents_tell_it() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "rakosi", "change": "lost_office", "offset": 1, "date": "1953", "quote": "q1"},
        {"doc_id": "b", "person_id": "rakosi", "change": "removed", "offset": 1, "quote": "replaced Rákosi with Nagy"},
        {"doc_id": "b", "person_id": "nagy", "change": "took_office", "offset": 1, "quote": "replaced Rákosi with Nagy"},
        {"doc_id": "b", "person_id": "rakosi", "change": "removed", "offset": 9, "quote": "removed again"},
        {"doc_id": "a", "person_id": "rakosi", "change": "resigned", "offset": 5, "date": "1956-06", "quote": "q2"},
    ])
    reference = _reference(TWO_JOBS)
    loss = reference[(reference["person_id"] == "rakosi") & (reference["year"] == "1953")].iloc[0]
    gain = reference[(reference["person_id"] == "nagy") & (reference["year"] == "1953")].iloc[0]
    assert list(replacement_claims(changes, loss, gain)["quote"]) == ["q1", "replaced Rákosi with Nagy"]
    assert list(replacement_claims(changes, loss)["quote"]) == ["q1"]


def test_different_precision_is_no_conflict_but_different_months_are() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "rakosi", "change": "resigned", "offset": 1, "date": "1956-06", "date_text": "June 1956"},
        {"doc_id": "b", "person_id": "rakosi", "change": "removed", "offset": 1, "date": "1956-07", "date_text": "July 1956"},
        {"doc_id": "a", "person_id": "nagy", "change": "executed", "offset": 4, "date": "1958", "date_text": "1958"},
        {"doc_id": "b", "person_id": "nagy", "change": "executed", "offset": 4, "date": "1958-06-16",
         "date_text": "June 16, 1958"},
        {"doc_id": "a", "person_id": "kadar", "change": "took_office", "offset": 9, "date": "1956"},
    ])
    reference = _reference([
        {"person_id": "rakosi", "office": "party_leader", "change": "lost_office", "date": "1956-07-18"},
        {"person_id": "nagy", "office": pd.NA, "change": "executed", "date": "1958-06-16"},
    ])
    comparison = date_comparison(changes, reference)
    assert set(comparison["canonical_name"]) == {"Mátyás Rákosi", "Imre Nagy"}  # Kádár: one document only
    verdicts = verdict_counts(comparison)
    assert verdicts["conflict"] == ["Rákosi loses office, 1956"]
    assert verdicts["compatible"] == ["Nagy executed, 1958"]
    assert verdicts["same"] == []
    fits = dict(zip(comparison["date"], comparison["fits_historians"]))
    assert fits == {"1956-06": False, "1956-07": True, "1958": True, "1958-06-16": True}
    assert comparison.iloc[0]["verdict"] == "conflict"  # conflicts first


def test_claims_that_name_different_jobs_stay_on_different_rows() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "rakosi", "change": "lost_office", "offset": 1, "date": "1953", "date_text": "1953",
         "office": "leader_unspecified", "quote": "vague"},
        {"doc_id": "b", "person_id": "rakosi", "change": "lost_office", "offset": 1, "date": "1953", "date_text": "1953",
         "office": "prime_minister", "quote": "named"},
        {"doc_id": "c", "person_id": "rakosi", "change": "resigned", "offset": 1, "date": "1953", "date_text": "1953",
         "office": "leader_unspecified", "quote": "also vague"},
    ])
    reference = _reference([{"person_id": "rakosi", "change": "lost_office", "date": "1953-07-04"}])
    rows = dates_by_change(date_comparison(changes, reference)).set_index("job")
    assert set(rows.index) == {"not clear which job", "prime minister"}
    assert set(rows["verdict"]) == {"same"}  # the verdict is the change's, across its rows
    assert rows.loc["not clear which job", "quotes"] == ["vague", "also vague"]  # the evidence of the summary row
    assert rows.loc["prime minister", "quotes"] == ["named"]


def test_a_date_as_given_says_what_it_is_taken_as() -> None:
    doc = "x"  # an unknown id is shown as it is
    assert date_as_given(doc, "Until 1955", "1955", True) == "x: “Until 1955”, taken as 1955 (fits)"
    assert date_as_given(doc, "July of 1956", "1956-07", True) == "x: “July of 1956” (fits)"
    assert date_as_given(doc, "June 16, 1958", "1958-06-16") == "x: “June 16, 1958”"
    assert date_as_given(doc, pd.NA, "1956-10", False) == (
        "x: no date in the sentence; October 1956 from the sentences around it (does not fit)")


def test_a_claim_without_a_historians_row_says_so() -> None:
    changes = _changes([{"doc_id": "a", "person_id": "rakosi", "change": "regained_office", "offset": 1, "date": "1955"}])
    reference = _reference([{"person_id": "nagy", "change": "removed", "date": "1955-04-18"}])
    checked = historians_dates(changes, reference)
    assert checked.loc[0, "historians_date"] == "historians record no change of office for Rákosi in 1955"
    assert no_change_recorded(_reference(TWO_JOBS), "Mátyás Rákosi", "gain", "1955") == (
        "historians record no change of office for Rákosi in 1955: he was party leader all year")
    assert no_change_recorded(_reference(TWO_JOBS), "Mátyás Rákosi", "gain", "1955", short=True) == (
        "Historians: no change of office. Rákosi stayed party leader all year.")
    assert pd.isna(checked.loc[0, "fits_historians"])


def test_a_claim_that_names_a_job_is_checked_against_that_job() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "kadar", "change": "took_office", "offset": 1, "date": "1956-11-04",
         "office": "head_of_government"},
        {"doc_id": "b", "person_id": "kadar", "change": "took_office", "offset": 1, "date": "1956",
         "office": "leader_unspecified"},
    ])
    checked = historians_dates(changes, _reference(TWO_JOBS)).set_index("doc_id")
    assert checked.loc["a", "historians_date"] == "4 November 1956 (head of government)"
    assert checked.loc["b", "historians_date"] == "25 October 1956 (party leader); 4 November 1956 (head of government)"


def test_credit_table_counts_claims_about_changes_of_hungary_s_leaders_in_words_with_moscow_first() -> None:
    changes = _changes([
        {"doc_id": "a", "person_id": "nagy", "change": "took_office", "offset": 1, "decided_by": "kremlin", "quote": "q1"},
        {"doc_id": "a", "person_id": "nagy", "change": "removed", "offset": 2, "decided_by": "rakosi", "quote": "q2"},
        {"doc_id": "a", "person_id": "nagy", "change": "removed", "offset": 3, "quote": "q3"},
        {"doc_id": "a", "person_id": "kadar", "change": "took_office", "offset": 4, "office": "soviet_leader"},
        {"doc_id": "b", "person_id": "nagy", "change": "executed", "offset": 2, "decided_by": "kremlin", "office": pd.NA},
    ])
    table = credit_table(changes, PEOPLE, ["a", "b"]).set_index("doc_id")
    assert list(table.columns) == ["Moscow", "Mátyás Rákosi", "no one named", CLAIMS_OF_CHANGE,
                                   "Credited to Moscow", "quotes"]
    assert table.loc["a", "Credited to Moscow"] == "1 of 3" and table.loc["a", "quotes"] == ["q1", "q2", "q3"]
    assert CLAIMS_OF_CHANGE.startswith("Claims about") and table.loc["b", CLAIMS_OF_CHANGE] == 0 and table.loc["b", "Credited to Moscow"] == ""


def test_hover_lines_break_at_spaces_only_and_stay_plain_text() -> None:
    """Plain text until show_figure escapes it once (plotly_text): escaped
    here as well, a document's "<" would be shown as "&lt;"."""
    line = wrap_for_hover("A new pro-Soviet government <b>was</b> set up " * 3, width=20)
    assert "pro-Soviet" in line and "<b>was</b>" in line and "&lt;" not in line
    assert all(len(part) <= 20 for part in line.split("<br>"))


def test_lanes_sit_where_plotly_groups_them() -> None:
    assert slot_offsets(1, 0.2) == [0.0]
    assert slot_offsets(2, 0.2) == pytest.approx([-0.2, 0.2])


def test_change_labels_in_words() -> None:
    assert change_label("Mátyás Rákosi", "gain", "1955", ["regained_office"]) == "Rákosi back in power, 1955"
    assert change_label("Mátyás Rákosi", "gain", "1955", ["regained_office"], recorded=False) == (
        "Rákosi back in power, 1955 (the documents' claim)")
    assert change_label("Mátyás Rákosi", "gain", "1955", ["regained_office", "took_office"]) == "Rákosi takes office, 1955"
    assert change_label("Imre Nagy", "executed", "1958") == "Nagy executed, 1958"


def test_the_real_tables_make_a_timeline_with_one_row_per_change() -> None:
    tables = load_all_tables()
    changes = prepare_changes(tables)
    assert changes["offset"].ge(0).all()
    assert set(power_sequence(changes)["doc_id"]) <= set(tables["documents"]["doc_id"])
    reference = prepare_reference(tables["leadership_reference"], tables["people"])
    points, rows = timeline_points(changes, reference)
    assert set(points["row"]) == set(rows) and len(rows) == len(set(rows))
    # every row has a document's date; the historians' dates only sit beside them
    assert set(points.loc[points["source"] != HISTORIANS, "row"]) == set(rows)
    figure = timeline_figure(changes, reference, tables["documents"])
    marks = [t for t in figure.data if t.x is not None and t.x[0] is not None]
    assert sum(len(t.x) for t in marks) == len(points)
    # partial dates keep their text (the chart in words reads "1953"), drawn in the middle of their span
    for trace in marks:
        if any(len(x) < 10 for x in trace.x):
            assert trace.xperiodalignment == "middle"
    # one lane per document: every trace of a document in the same offset group
    lanes = {t.name: t.offsetgroup for t in marks if t.orientation == "h"}
    assert len(set(lanes.values())) == len(lanes)
    quotes = " ".join(h for t in marks for h in t.hovertext)
    assert "Nagy was caught and later executed for treason in 1958" in quotes.replace("<br>", " ")
    # read on a projector: no element taller than the limit, no text under 14 px
    layout = figure.layout
    assert layout.height <= MAX_HEIGHT
    assert min(layout.font.size, layout.legend.font.size, layout.xaxis.tickfont.size, layout.yaxis.tickfont.size) >= 14
    assert layout.xaxis.title.text and layout.yaxis.title.text
    # a change the historians do not record is labelled as the documents' claim, and its row says so in words
    unrecorded = set(rows) - set(points.loc[points["source"] == HISTORIANS, "row"])
    assert unrecorded and all(r.endswith("(the documents' claim)") for r in unrecorded)
    assert len(layout.annotations) == len(unrecorded) and all(a.font.size >= 14 for a in layout.annotations)
    assert all(a.text.startswith("Historians: no") and a.text.count("<br>") <= 1 for a in layout.annotations)
    # the historians' first holders start where their source says (Rákosi's premiership: 14 August 1952)
    assert holders_over_time(reference).loc[0, "when"] == "from 14 August 1952"


@pytest.mark.parametrize("kind", ["gain", "loss"])
def test_prepared_kinds_cover_every_change(kind: str) -> None:
    changes = prepare_changes(load_all_tables())
    assert changes["kind"].notna().all()
    assert (changes["kind"] == kind).any()
