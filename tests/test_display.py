"""The display layer (helpers.display.claims): what a class reads, and corrections
that cannot be left out."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from helpers.display import claims as display
from helpers.evidence.corrections import CorrectionIndex, corrections_from, normalise
from helpers.evidence.dates import date_verdict
from helpers.evidence.tables import load_all_tables


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_all_tables()


@pytest.mark.parametrize("value, shown", [
    ("1956-11-04", "4 November 1956"), ("1956-06", "June 1956"), ("1956", "1956"),
    (pd.Timestamp("1956-10-23"), "23 October 1956"), (None, ""), (float("nan"), ""),
    ("the 4th of November", "the 4th of November"),  # as written: never reinterpreted
])
def test_dates_as_a_person_writes_them(value, shown) -> None:
    assert display.human_date(value) == shown


@pytest.mark.parametrize("dates, verdict", [
    (["1958-06-16", "1958-06-16"], "same"), (["1958", "1958-06-16"], "compatible"),
    (["1955", "1955-04"], "compatible"), (["1956-06", "1956-07-18"], "conflict"),
    (["1956-11-01", "1956-11-04"], "conflict"),
])
def test_one_meaning_of_disagreeing_dates(dates, verdict) -> None:
    assert date_verdict(dates) == verdict


def test_a_table_is_words_not_pandas(tables) -> None:
    frame = pd.DataFrame({"doc_id": [tables["documents"]["doc_id"].iloc[0]], "date": [None],
                          "change": ["took_office"], "value": [2500]}, index=[7])
    shown = display.table(frame)
    markup = shown._repr_html_()
    assert shown.headers == ["Document", "Date", "Change", "Value"]
    assert shown.rows == [[display.document_name(frame["doc_id"].iloc[0]), "", "took office", "2,500"]]
    assert ">7<" not in markup and "nan" not in markup.lower() and "doc_id" not in markup


def _corrected_claim(tables) -> tuple[str, str, str]:
    """A claim quote that a correction concerns: (doc_id, quote, correction text)."""
    index = display.corrections_index()
    for frame in (tables["event_claims"], tables["leadership_changes"], tables["estimates"]):
        for doc_id, quote in zip(frame["doc_id"], frame["quote"]):
            found = index.concerning(quote)
            if found:
                return doc_id, quote, found[0].correction
    raise AssertionError("no corrected claim in the data")


def test_a_corrected_claim_brings_its_correction_into_its_row(tables) -> None:
    doc_id, quote, correction = _corrected_claim(tables)
    clean = next(q for d, q in zip(tables["event_claims"]["doc_id"], tables["event_claims"]["quote"])
                 if not display.corrections_index().concerning(q))
    shown = display.table(pd.DataFrame({"doc_id": [doc_id, doc_id], "quote": [quote, clean]}))
    assert shown.headers[-1] != display.CORRECTION_COLUMN  # added by the renderer, not the caller
    markup = html.unescape(shown._repr_html_())
    rows = markup.split("<tr")[2:]
    assert correction in rows[0] and "class=\"correction\"" in rows[0]
    assert correction not in rows[1]
    assert correction in repr(shown)


def test_a_sentence_and_a_hover_text_bring_theirs(tables) -> None:
    doc_id, quote, correction = _corrected_claim(tables)
    sentence = display.with_corrections_markdown(f"The document says {display.quoted(doc_id, quote)}.")
    assert correction in display.markdown_as_text(sentence)
    hover = display.hover_with_corrections(display.wrap_for_hover(quote))
    assert normalise(correction) in normalise(hover)
    assert display.with_corrections_markdown("Nothing quoted here.") == "Nothing quoted here."


def test_a_correction_concerns_the_claims_its_quote_overlaps() -> None:
    corrections = pd.DataFrame([{"correction_id": "c1", "doc_id": "d", "quote": "bad words", "kind": "typo",
                                 "what_is_wrong": "w", "correction": "fixed", "reason": "r", "reference_url": None}])
    from helpers.evidence.corrections import concerned_quotes

    text = "Some good words. Some bad words here."
    claims = pd.DataFrame({"doc_id": ["d", "d", "d"], "quote": ["Some bad", "good words.", "words here"]})
    concerned = concerned_quotes(corrections, [claims], {"d": text})
    assert concerned == {"c1": {"Some bad", "words here"}}
    index = CorrectionIndex(corrections_from(corrections), concerned)
    assert [c.correction_id for c in index.concerning("… Some   bad …")] == ["c1"]
    assert index.concerning("good words.") == []


def test_document_text_never_becomes_markup() -> None:
    hostile = '<img src=x onerror="alert(1)"> [x](javascript:alert(2))'
    markup = display.table(pd.DataFrame({"quote": [hostile]}))._repr_html_()
    assert "<img" not in markup and "&lt;img" in markup
    assert "<img" not in display.plotly_text(display.wrap_for_hover(hostile))
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    sentence = markdown2html_mistune(display.inert_markdown(f"It says {display.quoted('x', hostile)}."))
    assert "<img" not in sentence and "<a" not in sentence and "&lt;img" in sentence


def test_a_frame_shown_as_it_is_still_carries_its_corrections(tables) -> None:
    from helpers.display.notebook import frame_html_with_corrections

    doc_id, quote, correction = _corrected_claim(tables)
    frame = pd.DataFrame({"doc_id": [doc_id], "quote": [quote]})
    assert correction in html.unescape(frame_html_with_corrections(frame))
    clean = pd.DataFrame({"doc_id": [doc_id], "quote": ["Words of nobody."]})
    assert frame_html_with_corrections(clean) == f'<div class="{display.NO_FORMULAS}">{clean._repr_html_()}</div>'


def test_a_summary_row_brings_the_corrections_of_the_claims_it_stands_for(tables) -> None:
    doc_id, quote, correction = _corrected_claim(tables)
    summary = pd.DataFrame({"doc_id": [[doc_id]], "claims": [[quote, "Words of nobody."]], "date": ["1956"]})
    shown = display.table(summary, ["doc_id", "date"], evidence_columns=["claims"])
    assert quote not in repr(shown) and correction in repr(shown)
    with pytest.raises(KeyError):
        display.table(summary, ["doc_id"], evidence_columns=["no such column"])


def test_a_correction_that_quotes_a_corrected_sentence_brings_that_correction(monkeypatch) -> None:
    rows = [{"correction_id": "c1", "doc_id": "d", "quote": "bad words", "kind": "vague", "reason": "r",
             "what_is_wrong": 'It repeats "other words" from the sentence before.', "correction": "fixed one",
             "reference_url": None},
            {"correction_id": "c2", "doc_id": "d", "quote": "other words", "kind": "wrong_fact", "reason": "r",
             "what_is_wrong": "Wrong.", "correction": "fixed two", "reference_url": None}]
    index = CorrectionIndex(corrections_from(pd.DataFrame(rows)), {"c1": {"bad words"}, "c2": {"other words"}})
    monkeypatch.setattr(display, "corrections_index", lambda: index)
    assert [c.correction_id for c in display.corrections_in("Some bad words here.")] == ["c1", "c2"]
    assert [c.correction_id for c in display.corrections_in("Some other words.")] == ["c2"]


def test_a_broken_line_is_read_as_one_row_per_span() -> None:
    """A timeline draws a year as a line from 1 January to 31 December: its
    text alternative names the year, not two days that no source gave."""
    import plotly.graph_objects as go

    figure = go.Figure(go.Scatter(
        x=["1953-01-01", "1953-12-31", None, "1956-06-01", "1956-06-30", None, "1956-10-23", None,
           "1956-11-04", "1956-11-11"],
        y=["Stalin dies", "Stalin dies", None, "Rákosi falls", "Rákosi falls", None, "Rally", None, "Fighting", "Fighting"],
        hovertext=["a year", "a year", None, "a month", "a month", None, "a day", None, "a week", "a week"],
        mode="lines+markers", name="Essay"))
    rows = display.figure_rows(figure)
    assert [(r["x"], r["y"], r["details"]) for r in rows] == [
        ("1953", "Stalin dies", "a year"), ("June 1956", "Rákosi falls", "a month"),
        ("23 October 1956", "Rally", "a day"), ("4 November 1956 – 11 November 1956", "Fighting", "a week")]


def test_markers_without_lines_stay_one_row_per_point() -> None:
    import plotly.graph_objects as go

    figure = go.Figure(go.Scatter(x=[1, 2], y=["a", "b"], mode="markers"))
    assert [(r["x"], r["y"]) for r in display.figure_rows(figure)] == [("1", "a"), ("2", "b")]


def test_a_correction_sits_under_the_quote_it_corrects() -> None:
    index = display.corrections_index()
    corrected = index.corrections[0]
    frame = pd.DataFrame({"doc_id": [corrected.doc_id], "quote": [corrected.quote], "note": ["x"]})
    markup = display.table(frame)._repr_html_()
    quote_cell = markup[markup.index('<td class="quote">'):]
    quote_cell = quote_cell[:quote_cell.index("</td>")]
    assert corrected.correction_id in quote_cell and f">{display.CORRECTION_COLUMN}<" not in markup


def test_the_collection_in_one_sentence_comes_from_documents_csv() -> None:
    import pandas as pd

    from helpers.display.claims import collection_sentence, count_in_words, with_article

    documents = pd.DataFrame({"genre": ["school essay", "university textbook", "hour-long film", "leaflet"]})
    assert collection_sentence(documents) == ("The lessons read four documents: a school essay, a university "
                                              "textbook, an hour-long film and a leaflet.")
    assert collection_sentence(documents.head(1)) == "The lessons read one document: a school essay."
    assert count_in_words(12, "document") == "12 documents" and count_in_words(0, "row") == "no rows"
    assert with_article("educational web page") == "an educational web page"
    assert with_article("one-page leaflet") == "a one-page leaflet"


def test_a_count_per_group_is_shown_as_a_table() -> None:
    import pandas as pd

    from helpers.display.claims import table

    counts = pd.DataFrame({"kind": ["typo", "typo", "vague"], "doc_id": ["a", "b", "a"]}).groupby(
        ["kind", "doc_id"]).size()
    shown = table(counts)
    assert shown.headers == ["Kind", "Document", "Count"] and [row[-1] for row in shown.rows] == ["1", "1", "1"]
    assert table(pd.Series([3, 1], index=pd.Index(["typo", "vague"], name="kind"), name="n")).headers == ["Kind", "N"]
