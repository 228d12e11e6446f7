"""The coverage audit, on a hand-made document: every number and date is found and accounted for."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers.evidence.coverage import claim_counts, coverage_audit, coverage_summary, find_mentions

TEXT = (
    "Page title 2024\n"  # page furniture: outside both spans, never audited
    "On 23 October 1956 two thousand students marched.\n"
    "A day later the crowd was 3,000 strong at 10:30.\n"
    "See Vol. 35 of the journal.\n"
    "Comments\n"
    "Ann: I read it in March.\n"
)
BODY = (TEXT.index("On 23"), TEXT.index("journal.") + len("journal."))
COMMENTS = (TEXT.index("Ann:"), len(TEXT) - 1)


def test_find_mentions_names_the_kind_of_each_expression() -> None:
    text = "At 10:30 on 23 October 1956, two thousand (12,000 in all) came; a week later, the 4th."
    assert [(found, kind) for _, _, found, kind in find_mentions(text)] == [
        ("10:30", "time"), ("23", "number"), ("October", "month"), ("1956", "number"), ("two", "word"),
        ("thousand", "word"), ("12,000", "number"), ("a week", "relative"), ("4th", "number"),
    ]
    assert all(text[start:end] == found for start, end, found, _ in find_mentions(text))


def tiny_tables() -> dict[str, pd.DataFrame]:
    """One document, claims in three tables (one with a key of several
    columns), and two exclusions, one of them overlapping a claim."""
    documents = pd.DataFrame({"doc_id": ["tiny"], "file_name": ["tiny.txt"],
                              "body_start": [BODY[0]], "body_end": [BODY[1]],
                              "comments_start": [COMMENTS[0]], "comments_end": [COMMENTS[1]]})
    # Two claims quote the same date; the first row in the table is the one named.
    event_claims = pd.DataFrame({"claim_id": ["c2", "c1"], "doc_id": ["tiny", "tiny"],
                                 "quote": ["On 23 October 1956 two thousand students marched", "23 October 1956"]})
    name_variants = pd.DataFrame({"person_id": ["p1"], "doc_id": ["tiny"], "span": ["comments"],
                                  "spelling": ["Ann"], "quote": ["I read it in March"]})
    consequences = pd.DataFrame({"claim_id": ["k1"], "doc_id": ["tiny"], "quote": ["the crowd was 3,000 strong"]})
    exclusions = pd.DataFrame({"doc_id": ["tiny", "tiny"], "span": ["body", "body"],
                               "text": ["Vol. 35", "crowd was 3,000"],
                               "reason": ["a volume number", "overlaps a claim"]})
    return {"documents": documents, "event_claims": event_claims, "name_variants": name_variants,
            "consequences": consequences, "coverage_exclusions": exclusions}


@pytest.fixture(params=["exclusions first", "exclusions last"])
def tiny_package(request: pytest.FixtureRequest, data_copy: Path) -> Path:
    """The project's data package (copied) with the tiny document among its
    raw files; the exclusions table declared before, or after, every claim
    table (a claim must win either way)."""
    (data_copy / "raw" / "tiny.txt").write_text(TEXT, encoding="utf-8", newline="")
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    exclusions = [r for r in package["resources"] if r["name"] == "coverage_exclusions"]
    others = [r for r in package["resources"] if r["name"] != "coverage_exclusions"]
    package["resources"] = exclusions + others if request.param == "exclusions first" else others + exclusions
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_every_mention_in_the_spans_is_accounted_for(tiny_package: Path) -> None:
    audit = coverage_audit(tiny_tables(), tiny_package)
    rows = list(audit[["span", "text", "kind", "status", "covered_by"]].itertuples(index=False, name=None))
    assert rows == [
        ("body", "23", "number", "claim", "event_claims:c2"),
        ("body", "October", "month", "claim", "event_claims:c2"),
        ("body", "1956", "number", "claim", "event_claims:c2"),
        ("body", "two", "word", "claim", "event_claims:c2"),
        ("body", "thousand", "word", "claim", "event_claims:c2"),
        ("body", "A day", "relative", "uncovered", ""),
        ("body", "3,000", "number", "claim", "consequences:k1"),  # a claim beats the exclusion around it
        ("body", "10:30", "time", "uncovered", ""),
        ("body", "35", "number", "excluded", "excluded: a volume number"),
        ("comments", "March", "month", "claim", "name_variants:p1/tiny/comments/Ann"),
    ]
    assert set(audit["doc_id"]) == {"tiny"}


def test_a_document_without_a_body_still_has_its_comments_audited(tiny_package: Path) -> None:
    tables = tiny_tables()
    tables["documents"] = tables["documents"].assign(body_start=[None], body_end=[None])
    audit = coverage_audit(tables, tiny_package)
    assert list(audit[["span", "text", "status"]].itertuples(index=False, name=None)) == [
        ("comments", "March", "claim")]


def test_offsets_are_positions_in_the_whole_document(tiny_package: Path) -> None:
    audit = coverage_audit(tiny_tables(), tiny_package)
    assert [TEXT[start:end] for start, end in zip(audit["start"], audit["end"])] == list(audit["text"])
    assert audit["start"].iloc[0] == TEXT.index("23")


def test_the_summary_counts_each_span_by_status_in_the_documents_order() -> None:
    audit = pd.DataFrame({
        "doc_id": ["zeta", "zeta", "zeta", "alpha", "alpha"],
        "span": ["body", "body", "body", "body", "comments"],
        "status": ["claim", "uncovered", "claim", "excluded", "claim"],
    })
    expected = pd.DataFrame({"doc_id": ["zeta", "alpha", "alpha"], "span": ["body", "body", "comments"],
                             "mentions": [3, 1, 1], "claim": [2, 0, 1], "excluded": [0, 1, 0],
                             "uncovered": [1, 0, 0]})
    summary = coverage_summary(audit)
    pd.testing.assert_frame_equal(summary, expected, check_dtype=False, check_names=False)


def test_a_status_that_never_occurs_still_has_its_column_of_zeros() -> None:
    audit = pd.DataFrame({"doc_id": ["a", "b"], "span": ["body", "body"], "status": ["claim", "claim"]})
    summary = coverage_summary(audit)
    assert list(summary.columns) == ["doc_id", "span", "mentions", "claim", "excluded", "uncovered"]
    assert summary[["mentions", "claim", "excluded", "uncovered"]].values.tolist() == [[1, 1, 0, 0], [1, 1, 0, 0]]


def test_claim_counts_has_a_row_per_document_and_a_column_per_quoted_table() -> None:
    tables = {
        "documents": pd.DataFrame({"doc_id": ["a", "b", "c"]}),
        "event_claims": pd.DataFrame({"doc_id": ["a", "c", "a"]}),
        "consequences": pd.DataFrame({"doc_id": ["b"]}),
        "topics": pd.DataFrame({"topic_id": ["t1"]}),  # quotes nothing: no column
    }
    expected = pd.DataFrame({"event_claims": [2, 0, 1], "consequences": [0, 1, 0]},
                            index=pd.Index(["a", "b", "c"], name="doc_id"))
    counts = claim_counts(tables)
    pd.testing.assert_frame_equal(counts, expected, check_dtype=False, check_like=True)
    assert all(pd.api.types.is_integer_dtype(dtype) for dtype in counts.dtypes)  # counts, never 2.0
