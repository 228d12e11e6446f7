"""The chronology lesson's analysis, on small hand-made frames (and one rule
checked on the project's chronology table)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.lessons.chronology import (
    LEFT_OUT,
    NO_RESEARCH,
    RESEARCH,
    TOLD_DATED,
    TOLD_UNDATED,
    UNDATED,
    best_verdict,
    compare_claims,
    comparison_marks,
    coverage_matrix,
    dating_in_words,
    event_timeline,
    fit_in_words,
    left_out,
    phase_figure,
    phase_of,
    phase_range,
    prepare_chronology,
    research_disagreements,
    revolution_window,
    span_bounds,
    span_traces_xy,
    span_verdict,
    told_by_none,
    verdict_counts,
)

T = pd.Timestamp


def research_row(chron_id: str, event_id: str, date: str, date_end: str | None = None, grade: str = "B") -> dict:
    return {"chron_id": chron_id, "event_id": event_id, "date": date, "date_end": date_end,
            "date_precision": {4: "year", 7: "month", 10: "day"}[len(date)], "excerpt": "x",
            "source_title": f"Source {chron_id}", "source_url": "https://example.org", "grade": grade, "note": None}


def small_tables() -> dict[str, pd.DataFrame]:
    events = pd.DataFrame({
        "event_id": ["stalin_dies", "revolution_begins", "revolution_ends", "ceasefire", "execution", "exodus"],
        "label": ["Stalin dies", "Revolution begins", "Resistance ends", "Ceasefire", "Execution", "Flight"],
        "category": ["international", "uprising", "uprising", "domestic_politics", "repression", "repression"],
    })
    chronology = pd.DataFrame([
        research_row("chr-1", "revolution_ends", "1956-11-10"),
        research_row("chr-2", "revolution_ends", "1956-11-14", grade="C"),
        research_row("chr-3", "stalin_dies", "1953-03-05"),
        research_row("chr-4", "revolution_begins", "1956-10-23", grade="A"),
        research_row("chr-5", "ceasefire", "1956-10-28"),
        research_row("chr-6", "execution", "1958-06-16"),
        research_row("chr-7", "exodus", "1956-11-04", "1957-04-05"),
    ])
    return {"events": events, "chronology": chronology}


def claim(claim_id: str, doc_id: str, event_id: str, date: str | None, span: str = "body", quote: str = "q") -> dict:
    return {"claim_id": claim_id, "doc_id": doc_id, "span": span, "event_id": event_id, "date": date, "quote": quote}


# --- spans and verdicts ----------------------------------------------------------


def test_span_bounds_of_partial_dates_and_spans():
    assert span_bounds("1956-10") == (T("1956-10-01"), T("1956-10-31"))
    assert span_bounds("1956-10-19", "1956-10-21") == (T("1956-10-19"), T("1956-10-21"))
    assert span_bounds("1944-09", "1945-04") == (T("1944-09-01"), T("1945-04-30"))
    assert span_bounds("1956-11-04", None) == span_bounds("1956-11-04", float("nan")) == (T("1956-11-04"), T("1956-11-04"))
    with pytest.raises(ValueError, match="ends before it starts"):
        span_bounds("1956-11-04", "1956-10")


def test_span_verdict_point_sources_use_date_verdict():
    assert span_verdict("1956-10-28", "1956-10-28") == "same"
    assert span_verdict("1956-10", "1956-10-28") == "compatible"  # a month is a span of the month
    assert span_verdict("1956-06", "1956-07-18") == "conflict"
    assert span_verdict("1953", "1953-03-05") == "compatible"


def test_span_verdict_against_a_source_span():
    assert span_verdict("1956-11-20", "1956-11-04", "1957-04-05") == "compatible"
    assert span_verdict("1956-11-04", "1956-11-04", "1957-04-05") == "compatible"  # a span is never "the same" as a day
    assert span_verdict("1956-10", "1956-11-04", "1957-04-05") == "conflict"
    assert span_verdict("1957", "1956-11-04", "1957-04-05") == "compatible"


def test_best_verdict_prefers_the_closest_agreement():
    assert best_verdict(["conflict", "compatible"]) == "compatible"
    assert best_verdict(["conflict", "same", "compatible"]) == "same"
    assert best_verdict(["conflict"]) == "conflict"
    with pytest.raises(ValueError):
        best_verdict([])


# --- the chronology ---------------------------------------------------------------


def test_revolution_window_runs_to_the_latest_end_any_source_gives():
    chronology = prepare_chronology(small_tables())
    assert revolution_window(chronology) == (T("1956-10-23"), T("1956-11-14"))


def test_revolution_window_needs_start_and_end_rows():
    tables = small_tables()
    tables["chronology"] = tables["chronology"][tables["chronology"]["event_id"] != "revolution_ends"]
    with pytest.raises(ValueError, match="revolution_ends"):
        prepare_chronology(tables)


def test_phase_of_by_first_day():
    window = (T("1956-10-23"), T("1956-11-14"))
    assert phase_of(T("1956-10-22"), window) == "before"
    assert phase_of(T("1956-10-23"), window) == "during"
    assert phase_of(T("1956-11-14"), window) == "during"
    assert phase_of(T("1956-11-15"), window) == "after"


def test_prepare_chronology_orders_by_date_and_labels_phases():
    chronology = prepare_chronology(small_tables())
    assert chronology["event_id"].tolist()[:2] == ["stalin_dies", "revolution_begins"]
    phases = dict(zip(chronology["event_id"], chronology["phase"]))
    assert phases == {"stalin_dies": "before", "revolution_begins": "during", "ceasefire": "during",
                      "exodus": "during", "revolution_ends": "during", "execution": "after"}
    exodus = chronology[chronology["event_id"] == "exodus"].iloc[0]
    assert (exodus["first"], exodus["last"]) == (T("1956-11-04"), T("1957-04-05"))


def test_event_timeline_and_disagreements():
    chronology = prepare_chronology(small_tables())
    timeline = event_timeline(chronology).set_index("event_id")
    assert timeline.loc["revolution_ends", "sources"] == 2
    assert not timeline.loc["revolution_ends", "sources_agree"]
    assert timeline.loc["revolution_ends", "best_grade"] == "B"
    assert timeline.loc["stalin_dies", "sources_agree"]
    assert set(research_disagreements(chronology)["chron_id"]) == {"chr-1", "chr-2"}


def test_dating_in_words():
    assert dating_in_words(T("1956-11-04"), T("1956-11-04")) == "4 November 1956"
    assert dating_in_words(T("1956-10-19"), T("1956-10-21")) == "19–21 October 1956"
    assert dating_in_words(T("1956-10-01"), T("1956-10-31")) == "October 1956"
    assert dating_in_words(T("1944-09-01"), T("1945-04-30")) == "September 1944 – April 1945"
    assert dating_in_words(T("1956-11-04"), T("1957-04-05")) == "4 November 1956 – 5 April 1957"


# --- the documents against the research -------------------------------------------


def test_compare_claims_against_every_source():
    chronology = prepare_chronology(small_tables())
    claims = pd.DataFrame([
        claim("c-1", "a", "revolution_ends", "1956-11-10"),
        claim("c-2", "b", "revolution_ends", "1956-11"),
        claim("c-3", "a", "stalin_dies", "1953"),
        claim("c-4", "b", "ceasefire", "1956-10-30"),
        claim("c-5", "a", "ceasefire", None),
        claim("c-6", "b", "no_such_research", "1956"),
    ])
    compared = compare_claims(claims, chronology).set_index("claim_id")
    assert compared.loc["c-1", "verdict"] == "same" and compared.loc["c-1", "fits"] == 1
    assert compared.loc["c-2", "verdict"] == "compatible" and compared.loc["c-2", "fits"] == 2
    assert compared.loc["c-3", "verdict"] == "compatible"
    assert compared.loc["c-4", "verdict"] == "conflict" and compared.loc["c-4", "fits"] == 0
    assert compared.loc["c-5", "verdict"] == UNDATED
    assert compared.loc["c-6", "verdict"] == NO_RESEARCH
    assert compared.loc["c-2", "claim_first"] == T("1956-11-01")
    assert len(compared.loc["c-1", "research"]) == 2
    counts = verdict_counts(compared.reset_index(), ["b", "a"]).set_index("doc_id")
    assert counts.loc["b", "conflict"] == 1 and counts.loc["b", NO_RESEARCH] == 1
    assert counts.loc["a", "same"] == 1 and counts.loc["a", UNDATED] == 1


def test_fit_in_words():
    assert fit_in_words(1, 1) == "fits the one source"
    assert fit_in_words(0, 1) == "does not fit the one source"
    assert fit_in_words(0, 3) == "fits none of 3 sources"
    assert fit_in_words(2, 5) == "fits 2 of 5 sources"
    assert fit_in_words(2, 2) == "fits all 2 sources"


def test_coverage_counts_only_the_authors_text():
    chronology = prepare_chronology(small_tables())
    timeline = event_timeline(chronology)
    claims = pd.DataFrame([
        claim("c-1", "a", "stalin_dies", "1953"),
        claim("c-2", "a", "ceasefire", None),
        claim("c-3", "b", "execution", "1958", span="comments"),
        claim("c-4", "b", "stalin_dies", ""),
    ])
    matrix = coverage_matrix(claims, timeline, ["a", "b"])
    assert matrix.loc["stalin_dies", "a"] == TOLD_DATED
    assert matrix.loc["stalin_dies", "b"] == TOLD_UNDATED  # an empty date is no date
    assert matrix.loc["ceasefire", "a"] == TOLD_UNDATED
    assert matrix.loc["execution", "b"] == LEFT_OUT  # only a reader comment tells it
    summary = left_out(matrix, timeline).set_index("doc_id")
    assert summary.loc["a", "left_out"] == 4 and summary.loc["a", "of"] == 6
    assert summary.loc["b", "before"] == 0 and summary.loc["b", "after"] == 1
    assert "Execution" in summary.loc["b", "events"]
    assert told_by_none(matrix) == ["revolution_begins", "exodus", "revolution_ends", "execution"]


def test_span_traces_draw_a_line_per_span_and_a_marker_per_day():
    xs, ys, texts = span_traces_xy([T("1956-10-01"), T("1956-11-04")], [T("1956-10-31"), T("1956-11-04")],
                                   ["row 1", "row 2"], ["month", "day"])
    assert xs == [T("1956-10-01"), T("1956-10-31"), None, T("1956-11-04")]
    assert ys == ["row 1", "row 1", None, "row 2"]
    assert texts == ["month", "month", None, "day"]


def test_comparison_marks_put_research_and_documents_on_separate_lines():
    chronology = prepare_chronology(small_tables())
    claims = pd.DataFrame([claim("c-1", "a", "revolution_ends", "1956-11", quote="it ended"),
                           claim("c-2", "a", "ceasefire", None)])
    marks = comparison_marks(compare_claims(claims, chronology), chronology, {"a": "Essay"})
    assert set(marks["series"]) == {RESEARCH, "Essay"}
    assert len(marks[marks["series"] == RESEARCH]) == 2  # only the events some document dates
    essay = marks[marks["series"] == "Essay"].iloc[0]
    assert (essay["first"], essay["last"]) == (T("1956-11-01"), T("1956-11-30"))
    assert "it ended" in essay["hover"]


def test_every_research_span_of_the_project_ends_after_it_starts():
    from helpers.evidence.tables import load_all_tables

    chronology = load_all_tables()["chronology"]
    for date, date_end in zip(chronology["date"], chronology["date_end"]):
        first, last = span_bounds(date, date_end)
        assert first <= last


def test_phase_range_frames_each_phase():
    chronology = prepare_chronology(small_tables())
    assert phase_range(chronology, "during") == (T("1956-10-20"), T("1956-11-17"))
    low, high = phase_range(chronology, "before")
    assert low < T("1953-03-05") and high == T("1956-10-23")
    low, high = phase_range(chronology, "after")
    assert low == T("1956-11-14") and high > T("1958-06-16")
    with pytest.raises(ValueError):
        phase_range(chronology, "later")


def test_phase_figure_draws_series_in_style_order_within_the_range():
    marks = pd.DataFrame({
        "phase": ["during", "during", "before"],
        "row": ["Event 1", "Event 1", "Event 0"],
        "series": ["Essay", RESEARCH, RESEARCH],
        "first": [T("1956-10-01"), T("1956-10-28"), T("1953-03-05")],
        "last": [T("1956-10-31"), T("1956-10-28"), T("1953-03-05")],
        "hover": ["essay", "research", "old"],
    })
    styles = {RESEARCH: {"color": "#bdbdbd", "size": 26}, "Essay": {"color": "#0072B2", "size": 12}}
    figure = phase_figure(marks, "during", styles, title="t", x_range=(T("1956-10-20"), T("1956-11-17")))
    assert [trace.name for trace in figure.data] == [RESEARCH, "Essay"]  # the big grey mark is drawn first
    assert list(figure.data[1].x) == [T("1956-10-01"), T("1956-10-31")]
    assert "old" not in [t for trace in figure.data for t in trace.hovertext]
    assert tuple(figure.layout.xaxis.range) == (T("1956-10-20"), T("1956-11-17"))


def _marks(rows):
    import pandas as pd
    return pd.DataFrame(rows, columns=["phase", "row", "series", "first", "last", "hover", "verdict"])


def test_phase_figure_rings_conflicts_and_puts_legend_below():
    import pandas as pd
    from helpers.lessons.chronology import CONFLICT, phase_figure
    day = pd.Timestamp("1956-06-01")
    marks = _marks([("before", "A", "Research", day, day, "r", ""),
                    ("before", "A", "Essay", day, day + pd.Timedelta(days=29), "e", "conflict"),
                    ("before", "B", "Essay", day, day, "e2", "same")])
    fig = phase_figure(marks, "before", {"Research": {}, "Essay": {}}, title="T")
    names = [trace.name for trace in fig.data]
    assert CONFLICT in names
    ring = fig.data[names.index(CONFLICT)]
    assert list(ring.y) == ["A"]
    assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0  # under the plot, never on the title
    assert fig.layout.yaxis.tickfont.size >= 14


def test_split_phase_moves_rows_starting_after_the_cut():
    import pandas as pd
    from helpers.lessons.chronology import split_phase
    marks = _marks([("before", "old", "R", pd.Timestamp("1950-01-01"), pd.Timestamp("1950-01-01"), "", ""),
                    ("before", "new", "R", pd.Timestamp("1956-03-01"), pd.Timestamp("1956-03-01"), "", ""),
                    ("during", "x", "R", pd.Timestamp("1956-10-23"), pd.Timestamp("1956-10-23"), "", "")])
    out = split_phase(marks, "before", pd.Timestamp("1956-01-01"), "early")
    assert list(out["phase"]) == ["before", "early", "during"]


def test_phase_span_in_words_uses_first_days_not_span_ends():
    import pandas as pd
    from helpers.lessons.chronology import phase_span_in_words
    timeline = pd.DataFrame({"phase": ["after", "after"],
                             "first": pd.to_datetime(["1956-11-22", "1958-06-16"]),
                             "last": pd.to_datetime(["1956-11-22", "1963-12-31"])})
    assert phase_span_in_words(timeline, "after") == "2 events, from 22 November 1956 to 16 June 1958"


def test_research_only_people_lists_people_no_document_names():
    import pandas as pd
    from helpers.lessons.chronology import RESEARCH_ONLY, research_only_people
    people = pd.DataFrame({"canonical_name": ["Mátyás Rákosi"]})
    leadership = pd.DataFrame({
        "person_id": ["rakosi", "", ""], "person": ["Mátyás Rákosi", "Ernő Gerő", "Ernő Gerő"],
        "office": ["party_leader"] * 3, "change": ["lost_office", "took_office", "removed"],
        "date": ["1956-07-18", "1956-07-18", "1956-10-25"]})
    out = research_only_people(people, leadership)
    assert list(out["canonical_name"]) == ["Ernő Gerő"]
    assert out["named_by"].iloc[0] == RESEARCH_ONLY
    assert "18 July 1956 – 25 October 1956" in out["role"].iloc[0]


def test_agreement_in_words_says_one_source_for_a_lone_source():
    from helpers.lessons.chronology import ONE_SOURCE, agreement_in_words
    assert agreement_in_words(1, True) == ONE_SOURCE
    assert agreement_in_words(2, True) == "yes"
    assert agreement_in_words(3, False) == "no"
    with pytest.raises(ValueError):
        agreement_in_words(0, True)


def test_event_timeline_keeps_the_earliest_sources_precision():
    from helpers.lessons.chronology import events_span_in_words, first_dating_in_words
    tables = small_tables()
    tables["events"] = pd.concat([tables["events"], pd.DataFrame(
        {"event_id": ["occupation"], "label": ["Occupation"], "category": ["soviet_action"]})], ignore_index=True)
    tables["chronology"] = pd.concat([tables["chronology"], pd.DataFrame([
        research_row("chr-8", "occupation", "1944-09", "1945-04"), research_row("chr-9", "occupation", "1944-09-23"),
    ])], ignore_index=True)
    timeline = event_timeline(prepare_chronology(tables))
    occupation = timeline.set_index("event_id").loc["occupation"]
    assert occupation["first_date"] == "1944-09"
    assert first_dating_in_words(occupation.to_dict()) == "September 1944"
    before = timeline[timeline["phase"] == "before"]
    assert events_span_in_words(before) == "2 events, from September 1944 to 5 March 1953"
    # without first_date (a hand-made timeline), the first day is used
    assert first_dating_in_words({"first": T("1956-11-22")}) == "22 November 1956"


def test_coverage_quotes_lists_only_claims_filed_under_the_event():
    from helpers.lessons.chronology import coverage_quotes
    claims = pd.DataFrame({
        "doc_id": ["a", "a", "b", "b"], "span": ["body", "body", "body", "comments"],
        "event_id": ["trial", "repression", "trial", "trial"], "date": [None, None, "1949", None],
        "quote": ["Rajk was tried", "fierce repression", "in 1949 Rajk", "a reader on Rajk"],
    })
    timeline = pd.DataFrame({"event_id": ["trial", "repression"]})
    matrix = coverage_matrix(claims, timeline, ["a", "b"])
    out = coverage_quotes(claims, matrix)
    assert list(zip(out["event_id"], out["doc_id"], out["status"])) == [
        ("trial", "a", TOLD_UNDATED), ("trial", "b", TOLD_DATED), ("repression", "a", TOLD_UNDATED)]
    assert out["quotes"].tolist() == [["Rajk was tried"], ["in 1949 Rajk"], ["fierce repression"]]
    comments = coverage_quotes(claims, coverage_matrix(claims, timeline, ["a", "b"], span="comments"), span="comments")
    assert comments["quotes"].tolist() == [["a reader on Rajk"]]


def test_coverage_figure_puts_quotes_in_hovers_and_the_legend_under_the_plot():
    from helpers.lessons.chronology import coverage_figure, coverage_quotes
    claims = pd.DataFrame({"doc_id": ["a"], "span": ["body"], "event_id": ["trial"], "date": [None],
                           "quote": ["Rajk was tried"]})
    timeline = pd.DataFrame({"event_id": ["trial"], "label": ["The Rajk trial"]})
    matrix = coverage_matrix(claims, timeline, ["a", "b"])
    fig = coverage_figure(matrix, timeline, {"a": "Doc A", "b": "Doc B"}, "t", quotes=coverage_quotes(claims, matrix))
    undated = [trace for trace in fig.data if trace.name == TOLD_UNDATED][0]
    assert "“Rajk was tried”" in undated.hovertext[0]
    assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0
    assert fig.layout.xaxis.side == "top" and fig.layout.xaxis2.side == "bottom"  # names at the foot too
    assert list(fig.layout.xaxis2.categoryarray) == ["Doc A", "Doc B"]


def test_spellings_by_person_names_documents_and_marks_comments_and_misspellings():
    from helpers.lessons.chronology import spellings_by_person
    variants = pd.DataFrame({
        "person_id": ["kadar", "kadar", "kadar", "nagy", "nagy"],
        "doc_id": ["blog", "wiki", "essay", "blog", "blog"],
        "span": ["body", "body", "body", "comments", "body"],
        "spelling": ["Janos Kadar", "Janos Kadar", "János Kádár", "Kagy", "Nagy"],
        "is_misspelling": [False, False, False, True, False],
    })
    out = spellings_by_person(variants, {"blog": "Blog", "wiki": "Wiki", "essay": "Essay"}).set_index("person_id")
    assert out.loc["kadar", "named_by"] == "Blog, Wiki, Essay"
    assert out.loc["kadar", "spellings"] == "Janos Kadar: Blog, Wiki; János Kádár: Essay"
    assert out.loc["nagy", "spellings"] == "Kagy (misspelt): Blog (a reader's comment); Nagy: Blog"
    assert "wiki" not in out.loc["kadar", "spellings"]


def test_event_timeline_lists_the_kinds_of_source_in_words():
    from helpers.lessons.chronology import SOURCE_KIND_WORDS
    tables = small_tables()
    tables["chronology"] = tables["chronology"].assign(
        source_kind=["chronology", "wikipedia_copy", "encyclopedia", "archive", "chronology", "press", "archive"])
    timeline = event_timeline(prepare_chronology(tables)).set_index("event_id")
    assert timeline.loc["revolution_ends", "kinds"] == "chronology website, copy of Wikipedia"
    assert timeline.loc["stalin_dies", "kinds"] == SOURCE_KIND_WORDS["encyclopedia"]
    assert event_timeline(prepare_chronology(small_tables()))["kinds"].eq("").all()


def test_every_chronology_row_has_a_kind_in_words():
    from helpers.evidence.tables import load_all_tables
    from helpers.lessons.chronology import SOURCE_KIND_WORDS
    kinds = set(load_all_tables()["chronology"]["source_kind"])
    assert kinds <= set(SOURCE_KIND_WORDS)
