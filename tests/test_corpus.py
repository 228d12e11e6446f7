"""The raw documents are intact and documents.csv describes them exactly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.evidence.corpus import (
    SPANS,
    corpus_problems,
    document_overview,
    load_documents,
    span_text,
)
from helpers.paths import RAW_DIR


def test_every_raw_file_matches_its_row() -> None:
    assert corpus_problems(load_documents()) == []


def test_every_raw_file_has_a_row() -> None:
    described = set(load_documents()["file_name"])
    on_disk = {path.name for path in RAW_DIR.iterdir()}
    assert on_disk == described


def test_a_changed_byte_is_detected(data_copy: Path) -> None:
    documents = load_documents()
    victim = data_copy / "raw" / documents.loc[0, "file_name"]
    raw = bytearray(victim.read_bytes())
    raw[-1] = ord("X") if raw[-1] != ord("X") else ord("Y")
    victim.write_bytes(bytes(raw))
    problems = corpus_problems(documents, raw_dir=data_copy / "raw")
    assert any("sha256" in problem and documents.loc[0, "doc_id"] in problem for problem in problems)


@pytest.mark.parametrize("column, shift", [("body_start", 1), ("body_end", -1), ("comments_start", 2)])
def test_offsets_that_drift_are_detected(column: str, shift: int) -> None:
    documents = load_documents()
    row = documents[column].first_valid_index()
    documents.loc[row, column] = documents.loc[row, column] + shift
    problems = corpus_problems(documents)
    assert any(column.split("_")[0] in problem for problem in problems), problems


def test_spans_hold_text_and_furniture_is_the_rest() -> None:
    documents = load_documents()
    overview = document_overview(documents)
    for (_, document), (_, row) in zip(documents.iterrows(), overview.iterrows()):
        body = span_text(document, "body")
        assert body and body == body.strip()
        assert row["body_chars"] + row["comments_chars"] + row["furniture_chars"] == document["n_chars"]
    assert overview["furniture_share"].between(0, 1).all()


def test_a_document_without_comments_has_an_empty_comment_span() -> None:
    documents = load_documents()
    without = documents[documents["comments_start"].isna()]
    assert not without.empty
    assert all(span_text(row, "comments") == "" for _, row in without.iterrows())
    assert SPANS == ("body", "comments")
    assert pd.api.types.is_integer_dtype(documents["comments_start"])
