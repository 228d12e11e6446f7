"""The world's reaction and the consequences: themes, coverage, what is left
out, and the research table's rules, on small hand-made frames."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers.lessons.consequences import (
    CONSEQUENCE,
    REACTION,
    RESEARCH,
    SIGNIFICANCE,
    THEMES,
    check_reference,
    claim_rows,
    column_key,
    consequences_by_scope,
    coverage,
    in_document_order,
    in_words,
    left_out,
    research_beside,
    research_rows,
    theme_of,
    theme_order,
    themes_no_document_covers,
    verdicts_by_whom,
)
from helpers.paths import DATA_DIR


def reactions(*rows: tuple[str, str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"claim_id": f"intl-{d}-{i:02d}", "doc_id": d, "span": s, "actor": a, "reaction": r,
                          "reason_given": None, "quote": f"q{i}", "note": ""}
                         for i, (d, s, a, r, _) in enumerate(rows, 1)])


def consequences(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"claim_id": f"cons-{d}-{i:02d}", "doc_id": d, "span": "body", "scope": s, "consequence": c,
                          "quote": f"c{i}", "note": ""} for i, (d, s, c) in enumerate(rows, 1)])


def verdicts(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"claim_id": f"sig-{d}-{i:02d}", "doc_id": d, "span": "body", "verdict": v, "judged_by": j,
                          "quote": f"v{i}", "note": ""} for i, (d, v, j) in enumerate(rows, 1)])


def reference(*rows: dict) -> pd.DataFrame:
    base = {"actor": None, "reaction": None, "scope": None, "consequence": None, "verdict": None,
            "excerpt": "e", "source_title": "S", "source_url": "https://x", "grade": "A", "note": ""}
    return pd.DataFrame([{**base, "ref_id": f"qref-{i:02d}", **row} for i, row in enumerate(rows, 1)])


def test_the_actor_decides_the_theme_before_the_reaction() -> None:
    # Radio Free Europe's rows stay together whatever the reaction.
    assert theme_of({"actor": "radio_free_europe", "reaction": "role_minor"}) == (REACTION, "Radio Free Europe")
    assert theme_of({"actor": "west", "reaction": "did_not_intervene"}) == (REACTION, "No military help")
    assert theme_of({"consequence": "executions"}) == (CONSEQUENCE, "Repression and executions")
    assert theme_of({"verdict": "counter_revolution"}) == (SIGNIFICANCE, "Spontaneous, or a counter-revolution?")


def test_an_unknown_code_gets_a_theme_of_its_own() -> None:
    assert theme_of({"consequence": "new_border_fence"}) == (CONSEQUENCE, "New border fence")
    assert theme_of({"actor": "mars", "reaction": "sent_rockets"}) == (REACTION, "Sent rockets")
    assert theme_order(["Zebra", "Suez", "Appeals for help"]) == ["Appeals for help", "Suez", "Zebra"]


def test_every_code_is_listed_under_one_theme_only() -> None:
    codes = [code for _, _, listed in THEMES for code in listed]
    assert len(codes) == len(set(codes))


def test_in_words_uses_the_vocabulary_and_falls_back_to_plain_words() -> None:
    assert in_words("west", {"west": "the West"}) == "the West"
    assert in_words("new_thing", {}) == "new thing"
    assert in_words(None, {}) == "" and in_words(float("nan"), {}) == ""


def test_coverage_counts_claims_and_research_per_theme_with_comments_apart() -> None:
    claims = claim_rows(
        reactions(("a", "body", "west", "did_not_intervene", ""),
                  ("a", "comments", "united_states", "did_not_intervene", ""),
                  ("b", "body", "united_nations", "appealed_to", "")),
        consequences(("b", "hungary", "refugees")), verdicts())
    research = research_rows(reference({"theme": "consequence", "scope": "hungary", "consequence": "later_reforms"},
                                       {"theme": "consequence", "scope": "hungary", "consequence": "refugees"}))
    table = coverage(claims, research, ["a", "b", "c"])
    assert list(table.columns) == ["part", "a", column_key("a", "comments"), "b", "c", RESEARCH]
    assert table.loc["No military help", "a"] == 1 and table.loc["No military help", "a|comments"] == 1
    assert table.loc["Refugees", "b"] == 1 and table.loc["Refugees", RESEARCH] == 1
    assert table.loc["Later reforms and the 1989 reburial"].drop(["part", RESEARCH]).sum() == 0
    assert table.loc["Later reforms and the 1989 reburial", "part"] == CONSEQUENCE
    assert (table["c"] == 0).all()  # a document with no claim still has its column
    assert themes_no_document_covers(table, ["a", "b", "c"]) == ["Later reforms and the 1989 reburial"]


def test_left_out_lists_only_researched_themes_and_ignores_readers() -> None:
    claims = claim_rows(reactions(("a", "comments", "radio_free_europe", "role_minor", "")),
                        consequences(("b", "hungary", "casualties")), verdicts())
    research = research_rows(reference({"theme": "international_reaction", "actor": "radio_free_europe",
                                        "reaction": "broadcast_encouragement"}))
    gaps = left_out(coverage(claims, research, ["a", "b"]), ["a", "b"])
    # The reader's comment does not fill the author's gap; casualties have no research row, so they are no gap.
    assert gaps == {"a": ["Radio Free Europe"], "b": ["Radio Free Europe"]}


def test_check_reference_refuses_a_row_that_fills_the_wrong_columns() -> None:
    good = reference({"theme": "significance", "verdict": "failure"},
                     {"theme": "international_reaction", "actor": "west", "reaction": "condemned"})
    assert check_reference(good) is good
    with pytest.raises(ValueError, match="qref-01"):
        check_reference(reference({"theme": "significance", "verdict": "failure", "scope": "hungary"}))
    with pytest.raises(ValueError, match="qref-01"):
        check_reference(reference({"theme": "international_reaction", "actor": "west"}))


def test_research_beside_puts_both_sides_of_a_theme_in_one_row() -> None:
    claims = claim_rows(reactions(("b", "body", "west", "distracted_by_suez", ""),
                                  ("a", "body", "west", "distracted_by_suez", "")), consequences(), verdicts())
    research = research_rows(reference({"theme": "international_reaction", "actor": "west",
                                        "reaction": "distracted_by_suez", "excerpt": "busy", "grade": "C"}))
    beside = research_beside(claims, research, ["Suez", "Refugees"], ["a", "b"])
    suez = beside.set_index("theme").loc["Suez"]
    assert suez["documents"].startswith("a: ") and " | b: " in suez["documents"]  # in the order of doc_ids
    assert "“busy”" in suez["research"] and "grade C" in suez["research"]
    assert sorted(suez["quotes"]) == ["q1", "q2"]
    assert beside.set_index("theme").loc["Refugees", "documents"] == "no document"


def test_verdicts_keep_whose_verdict_it_is_in_document_order() -> None:
    claims = claim_rows(reactions(), consequences(),
                        verdicts(("b", "failure", "author"), ("a", "counter_revolution", "kadar")))
    shown = verdicts_by_whom(claims, ["a", "b"])
    assert list(shown["doc_id"]) == ["a", "b"]
    assert shown.iloc[0]["detail"] == "verdict of Kádár (reported)"


def test_the_research_table_uses_the_claim_tables_vocabularies() -> None:
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]}
    ref = fields["consequences_reference"]
    pairs = [("actor", "international_reactions"), ("reaction", "international_reactions"),
             ("scope", "consequences"), ("consequence", "consequences"), ("verdict", "significance_verdicts")]
    for column, table in pairs:
        # One vocabulary, declared once (x-vocabularies), named by both fields.
        assert ref[column]["x-vocabulary"] == fields[table][column]["x-vocabulary"], column


def test_a_claims_part_is_its_table_even_where_its_theme_is_shared() -> None:
    claims = claim_rows(reactions(("a", "body", "western_communists", "disagreed_among_themselves", "")),
                        consequences(("a", "cold_war", "communist_parties_split")), verdicts())
    assert list(claims["part"]) == [REACTION, CONSEQUENCE]
    # One theme, whether a text tells the split as a reaction or as a consequence.
    assert list(claims["theme"]) == ["Western communist parties split", "Western communist parties split"]


def test_rows_in_document_order_authors_before_readers() -> None:
    frame = pd.DataFrame({"claim_id": ["x-b-01", "x-a-02", "x-a-01", "x-z-01"], "doc_id": ["b", "a", "a", "z"],
                          "span": ["body", "body", "comments", "body"]})
    assert list(in_document_order(frame, ["a", "b"])["claim_id"]) == ["x-a-02", "x-a-01", "x-b-01", "x-z-01"]


def test_consequences_by_scope_gives_every_document_a_row_and_each_scope_a_cell() -> None:
    claims = claim_rows(reactions(), consequences(("a", "hungary", "refugees"), ("a", "hungary", "refugees"),
                                                  ("a", "eastern_bloc", "bloc_kept_in_line")), verdicts())
    table = consequences_by_scope(claims, ["a", "b"]).set_index("doc_id")
    # said twice, listed once, with the shorter of its two quotes beside the reading
    assert table.loc["a", "hungary"] == "“c1” (read as: people flee Hungary)"
    assert table.loc["a", "eastern_bloc"] == "“c3” (read as: the bloc held together)" and table.loc["a", "cold_war"] == ""
    assert table.loc["b", "hungary"] == "" and table.loc["b", "quotes"] == []
    assert table.loc["a", "quotes"] == ["c1", "c2", "c3"]


def test_a_documents_comments_have_their_own_column_name() -> None:
    from helpers.lessons.consequences import column_name

    assert column_key("a", "body") == "a" and column_key("a", "comments") == "a|comments"
    assert column_name("a|comments") == f"{column_name('a')} (comments only)"


def test_the_overview_is_at_most_a_screen_high_and_keeps_research_apart() -> None:
    from helpers.lessons.consequences import overview_figure

    claims = claim_rows(reactions(("a", "body", "west", "did_not_intervene", "")), consequences(), verdicts())
    research = research_rows(reference(*[{"theme": "significance", "verdict": "failure"}] * 40))
    figure = overview_figure(coverage(claims, research, ["a"]))
    assert figure.layout.height <= 720
    # one grid: both traces share the columns, each fills only its own
    assert [list(trace.x) for trace in figure.data] == [["a", "Research rows"]] * 2
    assert figure.data[0].z[0][-1] is None and figure.data[1].z[0][0] is None
    assert figure.layout.xaxis.tickangle == 0


def test_labels_are_wrapped_and_short() -> None:
    from helpers.lessons.consequences import short_column_name, wrapped

    assert wrapped("Simple-English encyclopedia article", 14) == "Simple-English<br>encyclopedia<br>article"
    assert short_column_name("a|comments") == "Readers' comments on the a"


def test_the_documents_words_stand_beside_the_reading() -> None:
    from helpers.lessons.consequences import said_with_quotes

    claims = claim_rows(reactions(("a", "body", "west", "did_not_intervene", ""),
                                  ("a", "comments", "west", "did_not_intervene", "")), consequences(), verdicts())
    assert said_with_quotes(claims, ["a"]) == ["a: “q1” (read as: the West: sent no military help)",
                                               "a (a reader's comment): “q2” (read as: the West: sent no military help)"]


def test_reasons_are_found_in_every_theme() -> None:
    from helpers.lessons.consequences import reasons_given

    frame = reactions(("a", "body", "west", "did_not_intervene", ""), ("b", "body", "west", "distracted_by_suez", ""),
                      ("c", "body", "west", "did_not_intervene", ""))
    frame["reason_given"] = ["fear_of_war", "suez", None]
    found = reasons_given(claim_rows(frame, consequences(), verdicts()))
    assert list(found["doc_id"]) == ["a", "b"] and set(found["theme"]) == {"No military help", "Suez"}


def test_a_word_is_found_in_the_quotes_not_in_the_codes() -> None:
    from helpers.lessons.consequences import claims_using_word

    verdict_rows = verdicts(("a", "counter_revolution", "soviet_side"), ("b", "national_democratic_event", "nagy_government"))
    verdict_rows["quote"] = ["foreign and reactionary influence", "not as Counter-revolutionary"]
    frame = reactions(("b", "body", "west", "accused_by_kadar", ""))
    frame["quote"] = ["not as Counter-revolutionary"]
    found = claims_using_word(claim_rows(frame, consequences(), verdict_rows), "counter-revolution")
    # the coded verdict without the word is not found; the same quote twice is one row, the verdict kept
    assert list(found["doc_id"]) == ["b"] and list(found["part"]) == [SIGNIFICANCE]


def test_a_longer_quote_holding_the_same_use_of_the_word_counts_once() -> None:
    from helpers.lessons.consequences import claims_using_word

    verdict_rows = verdicts(("a", "counter_revolution", "unclear"), ("a", "bloc_survived_threat", "author"),
                            ("b", "counter_revolution", "kadar"))
    verdict_rows["quote"] = ["the counter-revolution", "Despite the counter-revolution, the bloc held", "the counter-revolution"]
    found = claims_using_word(claim_rows(reactions(), consequences(), verdict_rows), "Counter-Revolution")
    assert list(found["claim_id"]) == ["sig-a-01", "sig-b-03"]
