"""The loader's rules one at a time, on a small hand-made data package.

Each test builds (or damages) a package of three tiny tables and one raw
document in a temporary folder, and checks one rule the docstrings of
``helpers.evidence`` (tables, checks, corpus, descriptor) and the README
("How the tables are kept honest") state. Written from the mutation-testing
report (``make mutation``): each test fails for a planted bug the rest of
the suite let through.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from helpers.evidence.errors import TableError
from helpers.evidence.tables import load_all_tables, load_table

# --- a small hand-made data package ---------------------------------------------------------------

TITLE = "Soviet troops news"
BODY_LINES = ["Soviet troops entered Budapest on 4 November 1956.", "The uprising began in October."]
COMMENT_LINES = ["A reader: Soviet troops left Hungary."]
TEXT = "\n".join([TITLE, *BODY_LINES, *COMMENT_LINES]) + "\n"
NOTES = "Budapest was occupied on 4 November 1956.\n"


def _field(name: str, kind: str = "string", **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": kind, **copy.deepcopy(extra)}  # a test may change it


REQUIRED = {"constraints": {"required": True}}


def descriptor() -> dict[str, Any]:
    """Documents; claims quoting them (every project rule on one table); facts excerpted from notes."""
    return {"name": "tiny", "resources": [
        {"name": "documents", "path": "documents.csv", "schema": {
            "fields": [_field("doc_id", **REQUIRED), _field("file_name"), _field("title"), _field("sha256"),
                       _field("n_chars", "integer"), _field("body_start", "integer"), _field("body_end", "integer"),
                       _field("comments_start", "integer"), _field("comments_end", "integer")],
            "primaryKey": ["doc_id"]}},
        {"name": "claims", "path": "claims.csv", "x-quoteSource": "quote", "x-interval": ["low", "high"],
         "schema": {
            "fields": [_field("claim_id"), _field("doc_id", **REQUIRED),
                       _field("span", constraints={"required": True, "enum": ["body", "comments"]}),
                       _field("quote", **REQUIRED), _field("as_written", **{"x-substringOf": "quote"}),
                       _field("date", **{"x-partialDate": "date_precision"}),
                       _field("date_precision", constraints={"enum": ["year", "month", "day"]}),
                       _field("low", "integer"), _field("high", "integer"), _field("share", "number"),
                       _field("vague", "boolean")],
            "primaryKey": ["claim_id"],
            "foreignKeys": [{"fields": "doc_id", "reference": {"resource": "documents", "fields": "doc_id"}}]}},
        {"name": "facts", "path": "facts.csv", "x-excerptFrom": {"column": "excerpt", "path": "notes.md"},
         "schema": {"fields": [_field("fact_id"), _field("excerpt", **REQUIRED)], "primaryKey": ["fact_id"]}},
    ]}


def document_row(text: str = TEXT) -> dict[str, str]:
    body_start = text.index(BODY_LINES[0])
    comments_start = text.index(COMMENT_LINES[0])
    return {"doc_id": "news", "file_name": "news.txt", "title": TITLE,
            "sha256": hashlib.sha256(text.encode()).hexdigest(), "n_chars": str(len(text)),
            "body_start": str(body_start), "body_end": str(text.index(BODY_LINES[-1]) + len(BODY_LINES[-1])),
            "comments_start": str(comments_start), "comments_end": str(comments_start + len(COMMENT_LINES[0]))}


CLAIM = {"claim_id": "c1", "doc_id": "news", "span": "body", "quote": "Soviet troops entered Budapest",
         "as_written": "troops", "date": "1956-11-04", "date_precision": "day", "low": "3", "high": "5",
         "share": "4.5", "vague": "false"}


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[row.get(name, "") for name in header] for row in rows])


def tiny_package(folder: Path, claims: list[dict[str, str]] | None = None,
                 documents: list[dict[str, str]] | None = None, package: dict[str, Any] | None = None) -> Path:
    """Write the small package into ``folder``; return its datapackage.json."""
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    (folder / "raw" / "news.txt").write_text(TEXT, encoding="utf-8")
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    write_csv(folder / "documents.csv", documents or [document_row()], list(document_row()))
    write_csv(folder / "claims.csv", claims or [CLAIM], list(CLAIM))
    write_csv(folder / "facts.csv", [{"fact_id": "f1", "excerpt": "occupied on 4 November"}], ["fact_id", "excerpt"])
    (folder / "datapackage.json").write_text(json.dumps(package or descriptor(), indent=2), encoding="utf-8")
    return folder / "datapackage.json"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return tiny_package(tmp_path / "data")


def claim(**changes: str) -> list[dict[str, str]]:
    return [{**CLAIM, **changes}]


def load_error(datapackage: Path, table: str | None = None) -> TableError:
    """The TableError loading the package (or one table) raises."""
    with pytest.raises(TableError) as caught:
        if table is None:
            load_all_tables(datapackage, use_cache=False)
        else:
            load_table(table, datapackage=datapackage)
    return caught.value


def where(error: TableError) -> tuple[str, int | None, str | None]:
    return error.file, error.row, error.column


def test_the_small_package_loads_as_written(package: Path) -> None:
    tables = load_all_tables(package, use_cache=False)
    assert list(tables) == ["documents", "claims", "facts"]
    row = tables["claims"].iloc[0]
    assert (row["low"], row["high"], row["share"], row["vague"]) == (3, 5, 4.5, False)
    assert tables["documents"].iloc[0]["n_chars"] == len(TEXT)


# --- helpers.evidence.corpus: reading the spans of the real raw files -----------------------------
# These helpers read data/raw/ itself: each test describes a real raw file with hand-made offsets.


def _real_document() -> tuple[str, str]:
    """The name and text of one real raw file."""
    from helpers.evidence.corpus import read_raw_text
    from helpers.paths import RAW_DIR

    name = sorted(path.name for path in RAW_DIR.iterdir() if path.suffix == ".txt")[0]
    return name, read_raw_text(name)


def _documents(name: str, text: str, body: tuple[int, int], comments: tuple[int, int] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["d"], "file_name": [name], "genre": ["essay"], "n_chars": [len(text)],
                         "body_start": [body[0]], "body_end": [body[1]],
                         "comments_start": [comments[0] if comments else None],
                         "comments_end": [comments[1] if comments else None]}).astype(
        {"n_chars": "Int64", "body_start": "Int64", "body_end": "Int64", "comments_start": "Int64",
         "comments_end": "Int64"})


def test_a_span_with_one_bound_missing_is_no_span() -> None:
    from helpers.evidence.corpus import span_bounds

    row = pd.Series({"body_start": 3, "body_end": 9, "comments_start": 4, "comments_end": pd.NA})
    assert span_bounds(row, "body") == (3, 9)
    assert span_bounds(row, "comments") is None
    assert span_bounds(pd.Series({"comments_start": pd.NA, "comments_end": 7}), "comments") is None


def test_the_overview_counts_body_comments_and_furniture() -> None:
    from helpers.evidence.corpus import document_overview

    name, text = _real_document()
    lines = text.split("\n")
    body = (0, len(lines[0]))
    comments = (len(lines[0]) + 1, len(lines[0]) + 1 + len(lines[1]))
    overview = document_overview(_documents(name, text, body, comments))
    row = overview.iloc[0]
    furniture = len(text) - len(lines[0]) - len(lines[1])
    assert (row["doc_id"], row["genre"], row["total_chars"]) == ("d", "essay", len(text))
    assert (row["body_chars"], row["comments_chars"], row["furniture_chars"]) == (len(lines[0]), len(lines[1]), furniture)
    assert row["furniture_share"] == pytest.approx(furniture / len(text))
    for column in ("total_chars", "body_chars", "comments_chars", "furniture_chars"):
        assert overview[column].dtype == "Int64", column  # the project's integers shown to a class
    without = document_overview(_documents(name, text, body)).iloc[0]
    assert without["comments_chars"] == 0 and without["furniture_chars"] == len(text) - len(lines[0])


def test_a_quote_offset_is_its_first_occurrence_inside_its_span() -> None:
    from helpers.evidence.corpus import quote_offsets

    name, text = _real_document()
    quote = text.split("\n")[0].rstrip("!")  # the title, which the page repeats
    first = text.find(quote)
    second = text.find(quote, first + 1)
    assert 0 <= first < second
    documents = _documents(name, text, body=(first + 1, len(text)), comments=(0, first + len(quote)))
    frame = pd.DataFrame({"doc_id": ["d", "d"], "quote": [quote, quote], "span": ["body", "comments"]},
                         index=[10, 11])
    offsets = quote_offsets(frame, documents)
    assert offsets.tolist() == [second, first] and offsets.index.tolist() == [10, 11]
    assert offsets.dtype == "Int64" and offsets.name == "offset"
    # Without spans, the first occurrence anywhere; a document without that span is searched whole.
    assert quote_offsets(frame.drop(columns="span"), documents).tolist() == [first, first]
    assert quote_offsets(frame.iloc[1:], _documents(name, text, body=(first + 1, len(text)))).tolist() == [first]
    assert quote_offsets(frame.rename(columns={"quote": "words"}), documents, column="words").tolist() == [second, first]


def test_topic_mentions_count_pattern_matches_in_the_body_only() -> None:
    from helpers.evidence.corpus import topic_mentions

    name, text = _real_document()
    line = max(text.split("\n"), key=len)
    start = text.index(line)
    documents = _documents(name, text, body=(start, start + len(line)))
    word = max(set(line.split()), key=line.split().count)
    topics = pd.DataFrame({"topic_id": ["word", "nothing"], "pattern": [rf"\b{word}\b", "zq{3}x"]})
    mentions = topic_mentions(documents, topics)
    assert mentions.index.name == "doc_id" and mentions.index.tolist() == ["d"]
    assert mentions.loc["d", "word"] == line.split().count(word) and mentions.loc["d", "nothing"] == 0
    assert list(mentions.columns) == ["word", "nothing"] and (mentions.dtypes == "Int64").all()
    # Text outside the body is not counted: an empty body mentions nothing.
    assert topic_mentions(_documents(name, text, body=(start, start)), topics).loc["d", "word"] == 0


def test_the_checksum_of_a_raw_file_is_the_one_its_row_records() -> None:
    from helpers.evidence.corpus import load_documents, sha256_of

    documents = load_documents()
    assert [sha256_of(name) for name in documents["file_name"]] == documents["sha256"].tolist()


# --- helpers.evidence.tables: the bytes, the header and the cells of a CSV ------------------------


def _write_claims(package: Path, content: bytes) -> None:
    (package.parent / "claims.csv").write_bytes(content)


def _claims_bytes(**changes: str) -> bytes:
    header = ",".join(CLAIM)
    return f"{header}\n{','.join({**CLAIM, **changes}.values())}\n".encode()


@pytest.mark.parametrize("content, row, words", [
    (b"", None, "empty"),
    (b" \n\n", None, "empty"),
    (b"\xef\xbb\xbf" + _claims_bytes(), None, "byte-order mark"),
    ("\ufeff".encode("utf-16-le") + _claims_bytes().decode().encode("utf-16-le"), None, "UTF-16"),
    ("\ufeff".encode("utf-16-be") + _claims_bytes().decode().encode("utf-16-be"), None, "UTF-16"),
    (_claims_bytes().replace(b"\n", b"\r\n", 1), None, "line 1 ends with a carriage return"),
    (_claims_bytes() + _claims_bytes(claim_id="c2").split(b"\n")[1] + b"\r\n", 2, "line 3 ends with a carriage return"),
    (_claims_bytes(note="x") .replace(b"c1", b"c\x001"), 1, "line 2 holds a NUL byte"),
    (_claims_bytes().replace(b"claim_id", b"claim\x00id"), None, "line 1 holds a NUL byte"),
    (_claims_bytes().replace(b"Budapest", b"Budapest\xe9"), 1, "is not valid UTF-8"),
    (b"claim\xe9_id" + _claims_bytes()[8:], None, "byte 5 is not valid UTF-8"),
], ids=["empty", "blank lines", "UTF-8 BOM", "UTF-16 LE", "UTF-16 BE", "CR on line 1", "CR on line 3",
        "NUL in a row", "NUL in the header", "Latin-1 byte in a row", "Latin-1 byte in the header"])
def test_bytes_a_csv_reader_would_silently_change_are_refused(package: Path, content: bytes, row: int | None,
                                                              words: str) -> None:
    _write_claims(package, content)
    error = load_error(package, "claims")
    assert where(error) == ("data/claims.csv", row, None) and words in str(error)


def test_a_table_path_that_is_a_folder_or_missing(package: Path) -> None:
    (package.parent / "claims.csv").unlink()
    error = load_error(package, "claims")
    assert where(error) == ("data/claims.csv", None, None) and "not found" in str(error)
    (package.parent / "claims.csv").mkdir()
    assert "is a folder" in str(load_error(package, "claims"))


@pytest.mark.parametrize("header, column, words", [
    ("claim_id,doc_id,span,quote", "as_written", "missing column (the header has 4 of 11 columns)"),
    ("Claim_ID,doc_id,span,quote,as_written,date,date_precision,low,high,share,vague", "claim_id",
     "the header has 'Claim_ID'; write it exactly 'claim_id'"),
    ("claim_id,doc_id,span,quote,as_written,date,date_precision,low,high,share,vague,extra", "extra",
     "unexpected column"),
    ("claim_id,doc_id,span,quote,as_written,date,date_precision,low,high,share,vague,vague", "vague", "named twice"),
    ("doc_id,claim_id,span,quote,as_written,date,date_precision,low,high,share,vague", "doc_id",
     "position 1 should be 'claim_id'"),
    ("claim_id,doc_id,span,quote,as_written,date,date_precision,low,high,vague,share", "vague",
     "position 10 should be 'share'"),
])
def test_a_wrong_header_names_the_column(package: Path, header: str, column: str, words: str) -> None:
    rows = _claims_bytes().decode().split("\n")
    cells = len(header.split(","))
    body = ",".join((rows[1].split(",") + ["x"] * cells)[:cells])
    _write_claims(package, f"{header}\n{body}\n".encode())
    error = load_error(package, "claims")
    assert where(error) == ("data/claims.csv", 0, column) and words in str(error)


@pytest.mark.parametrize("extra, row, words", [
    ("c2,news,body", 2, "has 3 cells, the header 11"),
    ('c2,news,body,"Soviet troops entered Budapest,troops,,,,,,', 2, "quotation marks"),
    ('c2,news,body,"Soviet" troops,troops,,,,,,', 2, "cannot be read as CSV"),
])
def test_a_row_of_the_wrong_length_is_named(package: Path, extra: str, row: int, words: str) -> None:
    _write_claims(package, _claims_bytes() + extra.encode() + b"\n" + _claims_bytes(claim_id="c3").split(b"\n")[1]
                  + b"\n")
    error = load_error(package, "claims")
    assert where(error) == ("data/claims.csv", row, None) and words in str(error)


def test_a_long_cell_is_read_whole(tmp_path: Path) -> None:
    long = "word " * 40_000 + "end"  # 200 kB, beyond the csv module's default limit
    data = tiny_package(tmp_path / "data")
    rows = (data.parent / "facts.csv").read_text(encoding="utf-8")
    (data.parent / "facts.csv").write_text(rows + f"f2,{long}\n", encoding="utf-8")
    (data.parent / "notes.md").write_text(NOTES + long + "\n", encoding="utf-8")
    assert load_table("facts", datapackage=data)["excerpt"].iloc[1] == long


@pytest.mark.parametrize("column, value, row_of_error, words", [
    ("low", "+3", 2, "'+3' is not an integer in plain digits"),
    ("low", "03", 2, "is not an integer"),
    ("low", "-0", 2, "is not an integer"),
    ("share", "4.", 2, "is not a number in plain digits"),
    ("share", ".5", 2, "is not a number"),
    ("share", "1e3", 2, "is not a number"),
    ("vague", "False", 2, "is not exactly true or false"),
    ("quote", "Soviet troops entered Budapest\u200b", 2, "begins or ends with a space"),
    ("quote", "\u00a0Soviet troops entered Budapest", 2, "begins or ends with a space"),
    ("as_written", "troops\t", 2, "control character"),
    ("as_written", "tro\x0cops", 2, "control character"),
])
def test_a_cell_not_in_its_canonical_form_is_named(package: Path, column: str, value: str, row_of_error: int,
                                                   words: str) -> None:
    good = {**CLAIM, "claim_id": "c0"}
    bad = {**CLAIM, column: value}
    write_csv(package.parent / "claims.csv", [good, bad, {**CLAIM, "claim_id": "c2"}], list(CLAIM))
    error = load_error(package, "claims")
    assert where(error) == ("data/claims.csv", row_of_error, column) and words in str(error)


@pytest.mark.parametrize("changes", [{"low": "0", "high": "0"}, {"low": "-7", "high": "-2"}, {"share": "0"},
                                     {"share": "-0.25"}, {"share": "10"}, {"vague": "true"},
                                     {"low": "", "high": "", "share": "", "vague": ""},
                                     {"as_written": "troops\nentered", "quote": "Soviet troops\nentered Budapest"}])
def test_canonical_cells_load_as_written(tmp_path: Path, changes: dict[str, str]) -> None:
    if "\n" in changes.get("quote", ""):
        return  # a quote holds no line break of the document here
    data = tiny_package(tmp_path / "data", claims=claim(**changes))
    row = load_table("claims", datapackage=data).iloc[0]
    for column, cell in changes.items():
        if cell == "":
            assert pd.isna(row[column]), column
        elif column in ("low", "high"):
            assert row[column] == int(cell)
        elif column == "share":
            assert row[column] == float(cell)
        elif column == "vague":
            assert row[column] is True or row[column] == True  # noqa: E712 (a pandas boolean)


def test_a_line_break_inside_a_cell_is_allowed(tmp_path: Path) -> None:
    data = tiny_package(tmp_path / "data")
    write_csv(data.parent / "facts.csv", [{"fact_id": "f1", "excerpt": "occupied on 4 November"},
                                          {"fact_id": "f2", "excerpt": "occupied on\n4 November"}],
              ["fact_id", "excerpt"])
    (data.parent / "notes.md").write_text(NOTES + "It was occupied on\n4 November.\n", encoding="utf-8")
    assert load_table("facts", datapackage=data)["excerpt"].tolist() == ["occupied on 4 November",
                                                                         "occupied on\n4 November"]


@pytest.mark.parametrize("column, value, words", [
    ("low", "9223372036854775808", "too large to store"),
    ("high", "-9223372036854775809", "too large to store"),
    ("share", "1234567890.123456", "more than 15 significant digits"),
    ("share", "-0.1234567890123456", "more than 15 significant digits"),
])
def test_a_number_pandas_cannot_hold_as_written_is_refused(tmp_path: Path, column: str, value: str, words: str) -> None:
    bad = {**CLAIM, "low": ""} if column == "high" else dict(CLAIM)  # a huge high above no low
    rows = [{**CLAIM, "claim_id": "c0"}, {**bad, column: value}]
    data = tiny_package(tmp_path / "data", claims=rows)
    error = load_error(data, "claims")
    assert where(error) == ("data/claims.csv", 2, column) and words in str(error)


@pytest.mark.parametrize("column, value", [("low", "9223372036854775807"), ("low", "-9223372036854775808"),
                                           ("share", "123456789012345"), ("share", "0.000000000000001"),
                                           ("share", "1000000000000000000000")])
def test_the_largest_numbers_pandas_holds_load_exactly(tmp_path: Path, column: str, value: str) -> None:
    changes = {column: value, "high": "9223372036854775807"} if column == "low" else {column: value}
    data = tiny_package(tmp_path / "data", claims=claim(**changes))
    loaded = load_table("claims", datapackage=data).iloc[0][column]
    assert loaded == (int(value) if column == "low" else float(value))


# --- helpers.evidence.tables: keys, Table Schema errors, loading order ----------------------------


def test_a_reference_to_an_unknown_document_is_named(tmp_path: Path) -> None:
    data = tiny_package(tmp_path / "data", claims=[CLAIM, {**CLAIM, "claim_id": "c2", "doc_id": "radio"}])
    error = load_error(data, "claims")
    assert where(error) == ("data/claims.csv", 2, "doc_id")
    assert "'radio' is not a known doc_id of table 'documents'" in str(error)


def _with_keys(package: dict[str, Any], table: str, keys: list[dict[str, Any]]) -> dict[str, Any]:
    resource = next(r for r in package["resources"] if r["name"] == table)
    resource["schema"]["foreignKeys"] = keys
    return package


def test_a_key_of_two_columns_must_match_one_row(tmp_path: Path) -> None:
    # facts (fact_id, excerpt) point at claims (claim_id, as_written) together.
    package = descriptor()
    facts = next(r for r in package["resources"] if r["name"] == "facts")
    facts["schema"]["fields"].append(_field("claim_id"))
    facts["schema"]["fields"].append(_field("as_written"))
    _with_keys(package, "facts", [{"fields": ["claim_id", "as_written"],
                                   "reference": {"resource": "claims", "fields": ["claim_id", "as_written"]}}])
    data = tiny_package(tmp_path / "data", package=package,
                        claims=[CLAIM, {**CLAIM, "claim_id": "c2", "as_written": "Budapest"}])
    rows = [{"fact_id": "f1", "excerpt": "occupied on 4 November", "claim_id": "c2", "as_written": "Budapest"},
            {"fact_id": "f2", "excerpt": "occupied on 4 November", "claim_id": "", "as_written": ""},
            {"fact_id": "f3", "excerpt": "occupied on 4 November", "claim_id": "c1", "as_written": "Budapest"}]
    write_csv(data.parent / "facts.csv", rows, ["fact_id", "excerpt", "claim_id", "as_written"])
    error = load_error(data, "facts")
    # Row 2 leaves its optional reference empty; row 3 pairs c1 with c2's spelling.
    assert where(error) == ("data/facts.csv", 3, "claim_id, as_written")
    assert "('c1', 'Budapest') is not a known claim_id/as_written of table 'claims'" in str(error)


def test_a_key_into_its_own_table(tmp_path: Path) -> None:
    package = descriptor()
    claims = next(r for r in package["resources"] if r["name"] == "claims")
    claims["schema"]["fields"].append(_field("follows"))
    claims["schema"]["foreignKeys"].append({"fields": "follows", "reference": {"resource": "", "fields": "claim_id"}})
    rows = [{**CLAIM, "follows": ""}, {**CLAIM, "claim_id": "c2", "follows": "c1"}]
    data = tiny_package(tmp_path / "data", package=package, claims=rows)
    write_csv(data.parent / "claims.csv", rows, [*CLAIM, "follows"])
    assert load_table("claims", datapackage=data)["follows"].tolist()[1] == "c1"
    rows.append({**CLAIM, "claim_id": "c3", "follows": "c9"})
    write_csv(data.parent / "claims.csv", rows, [*CLAIM, "follows"])
    error = load_error(data, "claims")
    assert where(error) == ("data/claims.csv", 3, "follows") and "of table 'claims'" in str(error)


def test_tables_already_loaded_are_not_loaded_again(tmp_path: Path) -> None:
    data = tiny_package(tmp_path / "data")
    documents = load_table("documents", datapackage=data)
    (data.parent / "documents.csv").write_text("broken", encoding="utf-8")  # would fail if read again
    assert load_table("claims", {"documents": documents}, datapackage=data).iloc[0]["claim_id"] == "c1"
    error = load_error(data, "claims")  # without them, the documents are loaded (and fail)
    assert error.file == "data/documents.csv"


def test_a_duplicate_key_names_the_first_row(tmp_path: Path) -> None:
    data = tiny_package(tmp_path / "data", claims=[CLAIM, {**CLAIM, "as_written": "Budapest"}])
    error = load_error(data, "claims")
    assert (error.file, error.row) == ("data/claims.csv", 2)
    assert "duplicate key: the same as row 1 (line 2); give this row its own id" in str(error)


@pytest.mark.parametrize("changes, column, words", [
    ({"span": "footer"}, "span", "'footer' is not one of the allowed values. Known: body, comments"),
    ({"quote": ""}, "quote", "This cell is required: fill it"),
])
def test_a_table_schema_error_says_how_to_fix_it(tmp_path: Path, changes: dict[str, str], column: str,
                                                 words: str) -> None:
    data = tiny_package(tmp_path / "data", claims=[CLAIM, {**CLAIM, "claim_id": "c2", **changes}])
    error = load_error(data, "claims")
    assert where(error) == ("data/claims.csv", 2, column) and words in str(error)


@pytest.mark.parametrize("constraints, cell, words", [
    ({"minimum": 2}, "1", "'1' must be at least 2"),
    ({"maximum": 4}, "5", "'5' must be at most 4"),
    ({"enum": [3, 5]}, "4", "'4' is not one of the allowed values. Known: 3, 5"),
])
def test_a_broken_constraint_on_a_number_says_the_bound(tmp_path: Path, constraints: dict[str, Any], cell: str,
                                                        words: str) -> None:
    package = descriptor()
    claims = next(r for r in package["resources"] if r["name"] == "claims")
    next(f for f in claims["schema"]["fields"] if f["name"] == "low")["constraints"] = constraints
    data = tiny_package(tmp_path / "data", package=package, claims=claim(low=cell, high="5"))
    error = load_error(data, "claims")
    assert where(error) == ("data/claims.csv", 1, "low") and str(error).endswith(words)


@pytest.mark.parametrize("constraints, cell, words", [
    ({"minLength": 3}, "ab", "'ab' must be at least 3 characters long"),
    ({"maxLength": 3}, "abcd", "'abcd' must be at most 3 characters long"),
    ({"pattern": "[a-c]+"}, "x1", "'x1' does not have the required form (the regular expression [a-c]+)"),
    ({"unique": True}, "abc", "duplicate key: the same as row 1 (line 2); give this row its own id"),
])
def test_a_broken_constraint_on_a_text_says_the_rule(tmp_path: Path, constraints: dict[str, Any], cell: str,
                                                     words: str) -> None:
    package = descriptor()
    facts = next(r for r in package["resources"] if r["name"] == "facts")
    facts["schema"]["fields"].append(_field("label", constraints=constraints))
    data = tiny_package(tmp_path / "data", package=package)
    write_csv(data.parent / "facts.csv", [{"fact_id": "f1", "excerpt": "occupied on 4 November", "label": "abc"},
                                          {"fact_id": "f2", "excerpt": "occupied on 4 November", "label": cell}],
              ["fact_id", "excerpt", "label"])
    error = load_error(data, "facts")
    assert where(error) == ("data/facts.csv", 2, "label") and str(error).endswith(words)


# --- the validation cache ---------------------------------------------------------------------------


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import helpers.evidence.tables

    folder = tmp_path / "cache"
    monkeypatch.setattr(helpers.evidence.tables, "CACHE_DIR", folder)
    return folder


def test_the_cache_keeps_the_most_recently_written_entries(cache_dir: Path) -> None:
    from helpers.evidence.tables import prune_cache

    cache_dir.mkdir()
    for age, name in enumerate(["d", "a", "c", "b"]):  # written in that order: d oldest, b newest
        path = cache_dir / f"tables-{name}.pickle"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    (cache_dir / "notes.txt").write_text("not a cache entry", encoding="utf-8")
    prune_cache(keep=2)
    assert sorted(path.name for path in cache_dir.iterdir()) == ["notes.txt", "tables-b.pickle", "tables-c.pickle"]
    prune_cache(keep=2)  # nothing more to remove
    assert len(list(cache_dir.iterdir())) == 3


def test_a_validated_load_is_cached_and_reused(cache_dir: Path, tmp_path: Path) -> None:
    data = tiny_package(tmp_path / "data")
    assert not cache_dir.exists() or not list(cache_dir.iterdir())
    first = load_all_tables(data, use_cache=False)
    assert not cache_dir.exists()  # use_cache=False neither reads nor writes the cache
    second = load_all_tables(data)
    entries = list(cache_dir.iterdir())
    assert [entry.name.startswith("tables-") and entry.suffix == ".pickle" for entry in entries] == [True]
    third = load_all_tables(data)
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])
        pd.testing.assert_frame_equal(first[name], third[name])


def test_the_fingerprint_covers_names_and_missing_files(tmp_path: Path) -> None:
    from helpers.evidence.tables import package_fingerprint

    data = tiny_package(tmp_path / "data")
    before = package_fingerprint(data)
    assert package_fingerprint(data) == before and len(before) == 64
    (data.parent / "raw" / "news.txt").rename(data.parent / "raw" / "radio.txt")  # same bytes, other name
    renamed = package_fingerprint(data)
    assert renamed != before
    (data.parent / "raw" / "radio.txt").unlink()
    (data.parent / "raw").rmdir()
    without_raw = package_fingerprint(data)  # no folder raw/: the load reports it, the fingerprint still exists
    (data.parent / "facts.csv").unlink()
    without_table = package_fingerprint(data)
    assert len({before, renamed, without_raw, without_table}) == 4


def test_a_notes_file_that_is_missing_or_not_utf8(tmp_path: Path) -> None:
    from helpers.evidence.tables import read_notes_file

    with pytest.raises(TableError) as caught:
        read_notes_file(tmp_path / "missing.md", "data/missing.md")
    assert where(caught.value) == ("data/missing.md", None, None) and "not found" in str(caught.value)
    (tmp_path / "latin.md").write_bytes(b"caf\xe9\n")
    with pytest.raises(TableError) as caught:
        read_notes_file(tmp_path / "latin.md", "data/latin.md")
    assert where(caught.value) == ("data/latin.md", None, None) and "byte 3 is not valid UTF-8" in str(caught.value)
    (tmp_path / "fine.md").write_text("Notes\r\nkept as written\n", encoding="utf-8", newline="")
    assert read_notes_file(tmp_path / "fine.md", "data/fine.md") == "Notes\r\nkept as written\n"


def test_an_edited_document_is_read_again(tmp_path: Path) -> None:
    from helpers.evidence.tables import read_document_text

    path = tmp_path / "doc.txt"
    path.write_text("first version\n", encoding="utf-8")
    assert read_document_text(path) == "first version\n"
    path.write_text("second version, longer\n", encoding="utf-8")
    assert read_document_text(path) == "second version, longer\n"


def test_an_unknown_table_is_named_with_the_known_ones(package: Path) -> None:
    error = load_error(package, "claim")
    assert where(error) == ("data/datapackage.json", None, None)
    assert "no table named 'claim'; known: documents, claims, facts" in str(error)


def test_an_integer_too_long_to_parse_says_how_long(tmp_path: Path) -> None:
    for digits in ("9" * 5000, "-" + "9" * 5000):
        data = tiny_package(tmp_path / digits[0], claims=claim(low=digits, high=""))
        error = load_error(data, "claims")
        assert where(error) == ("data/claims.csv", 1, "low")
        assert str(error).endswith("the integer has 5000 digits: it is too large to store")
    data = tiny_package(tmp_path / "data2", claims=claim(share="9" * 400))  # beyond the largest float
    error = load_error(data, "claims")
    assert where(error) == ("data/claims.csv", 1, "share") and "too large to store as a number" in str(error)


def test_a_document_replaced_by_a_link_changes_the_fingerprint(tmp_path: Path) -> None:
    # The same bytes, reached through a link that leaves raw/: the corpus check
    # refuses such a link, so a cached valid load must not be served for it.
    from helpers.evidence.tables import package_fingerprint

    data = tiny_package(tmp_path / "data")
    before = package_fingerprint(data)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(TEXT, encoding="utf-8")
    (data.parent / "raw" / "news.txt").unlink()
    (data.parent / "raw" / "news.txt").symlink_to(outside)
    linked = package_fingerprint(data)
    assert linked != before
    moved = tmp_path / "moved.txt"
    outside.rename(moved)
    (data.parent / "raw" / "news.txt").unlink()
    (data.parent / "raw" / "news.txt").symlink_to(moved)
    assert package_fingerprint(data) not in (before, linked)


# --- helpers.evidence.checks: the project rules, on hand-made frames --------------------------------


def _rule_error(check: Callable[..., None], *args: Any) -> TableError:
    with pytest.raises(TableError) as caught:
        check("t.csv", *args)
    return caught.value


def test_every_occurrence_of_a_quote_counts_not_only_the_first() -> None:
    from helpers.evidence.checks import check_quotes

    # Three occurrences: in the title (outside the body), cut ("Soviet troopship"), whole.
    text = "Soviet troops\nBody: Soviet troopship, then Soviet troops came.\n"
    documents = pd.DataFrame({"doc_id": ["d"], "file_name": ["d.txt"], "body_start": [14],
                              "body_end": [len(text) - 1], "comments_start": [None], "comments_end": [None]})
    frame = pd.DataFrame({"doc_id": ["d"], "quote": ["Soviet troops"], "span": ["body"]})
    check_quotes("t.csv", frame, "quote", documents, lambda name: text)
    cut_only = text.replace("then Soviet troops came", "then they came")
    with pytest.raises(TableError, match="cuts a word"):
        check_quotes("t.csv", frame, "quote", documents, lambda name: cut_only)


def test_a_quote_must_lie_inside_the_span_its_row_names() -> None:
    from helpers.evidence.checks import check_quotes

    text = "Title\nBody words here.\nComment words here.\n"
    body = (text.index("Body"), text.index("\nComment"))
    comments = (text.index("Comment"), len(text) - 1)
    documents = pd.DataFrame({"doc_id": ["d"], "file_name": ["d.txt"], "body_start": [body[0]],
                              "body_end": [body[1]], "comments_start": [comments[0]], "comments_end": [comments[1]]})
    for quote, span, fine in [("Body words", "body", True), ("Comment words", "comments", True),
                              ("Body words", "comments", False), ("Comment words", "body", False),
                              ("words here.", "body", True), ("words here.", "comments", True)]:
        frame = pd.DataFrame({"doc_id": ["d", "d"], "quote": ["Body words", quote], "span": ["body", span]})
        if fine:
            check_quotes("t.csv", frame, "quote", documents, lambda name: text)
        else:
            error = _rule_error(check_quotes, frame, "quote", documents, lambda name: text)
            assert (error.row, error.column) == (2, "quote") and f"not inside its {span} span" in str(error)


def test_a_missing_or_unknown_quote_is_named() -> None:
    from helpers.evidence.checks import check_quotes

    text = "Soviet troops entered Budapest.\n"
    documents = pd.DataFrame({"doc_id": ["d"], "file_name": ["d.txt"], "body_start": [0], "body_end": [31],
                              "comments_start": [None], "comments_end": [None]})
    frame = pd.DataFrame({"doc_id": ["d", "d"], "quote": ["Soviet troops", None]})
    error = _rule_error(check_quotes, frame, "quote", documents, lambda name: text)
    assert (error.row, error.column) == (2, "quote") and "a quote is required" in str(error)
    frame = pd.DataFrame({"doc_id": ["d", "d"], "quote": ["Soviet troops", "Soviet tanks"]})
    error = _rule_error(check_quotes, frame, "quote", documents, lambda name: text)
    assert (error.row, error.column) == (2, "quote") and "not found verbatim in document 'd' (data/raw/d.txt)" in str(error)


@pytest.mark.parametrize("quote, fine", [("troops entered", True), ("Soviet troops", True), ("1956 rising", True),
                                         ("Soviet", False), ("Budapest.", False), ("-- --", False),
                                         ("troops entered ", False), ("\ttroops entered", False)])
def test_a_quote_holds_two_words_and_no_padding(quote: str, fine: bool) -> None:
    from helpers.evidence.checks import check_quote_form

    if fine:
        check_quote_form("t.csv", 3, "quote", quote)
    else:
        error = _rule_error(lambda label, *args: check_quote_form(label, 3, "quote", *args), quote)
        assert (error.file, error.row, error.column) == ("t.csv", 3, "quote")


@pytest.mark.parametrize("text, start, end, expected", [
    ("ab cd", 0, 2, True), ("ab cd", 3, 5, True), ("ab cd", 0, 5, True), ("ab cd", 1, 5, False),
    ("ab cd", 0, 4, False), ("ab, cd", 0, 3, True), ("(ab) cd", 1, 3, True), ("x-ray", 2, 5, True),
    ("1956", 0, 2, False), ("a1 b", 1, 2, False), ("ab", 0, 2, True),
])
def test_word_boundaries_are_letters_and_digits_just_outside(text: str, start: int, end: int, expected: bool) -> None:
    from helpers.evidence.checks import on_word_boundaries

    assert on_word_boundaries(text, start, end) is expected


def test_occurrences_overlap() -> None:
    from helpers.evidence.checks import occurrences

    assert list(occurrences("aaaa", "aa")) == [0, 1, 2]
    assert list(occurrences("abc", "d")) == []
    assert list(occurrences("x abc abc", "abc")) == [2, 6]


def test_an_as_written_field_is_whole_words_of_its_quote() -> None:
    from helpers.evidence.checks import check_substrings

    fine = pd.DataFrame({"name": ["Rákosi", None, "Nagy"], "quote": ["Rákosi fell", "x y", "Imre Nagy, premier"]})
    check_substrings("t.csv", fine, "name", "quote")
    error = _rule_error(check_substrings, pd.DataFrame({"name": ["Nagy", "Rák"], "quote": ["Nagy", "Rákosi fell"]}),
                        "name", "quote")
    assert (error.row, error.column) == (2, "name") and "cuts a word of the row's quote in two" in str(error)
    # One whole occurrence is enough, even after a cut one.
    check_substrings("t.csv", pd.DataFrame({"name": ["Nagy"], "quote": ["Nagyvárad and Nagy"]}), "name", "quote")
    error = _rule_error(check_substrings, pd.DataFrame({"name": ["Nagy"], "quote": [None]}), "name", "quote")
    assert (error.row, error.column) == (1, "name") and "does not occur in the row's quote" in str(error)


@pytest.mark.parametrize("date, precision, column, words", [
    ("1956-10", None, "date_precision", "both filled or both empty"),
    (None, "day", "date", "both filled or both empty"),
    ("1956-10-32", "day", "date", "impossible date '1956-10-32'"),
    ("1956-10", "day", "date_precision", "'1956-10' has precision 'month', not 'day'"),
    ("1956", "month", "date_precision", "set date_precision to 'year'"),
])
def test_a_partial_date_and_its_precision(date: str | None, precision: str | None, column: str, words: str) -> None:
    from helpers.evidence.checks import check_partial_dates

    frame = pd.DataFrame({"date": ["1956-10-23", None, date], "date_precision": ["day", None, precision]})
    error = _rule_error(check_partial_dates, frame, "date", "date_precision")
    assert (error.row, error.column) == (3, column) and words in str(error)


@pytest.mark.parametrize("text, precision", [("1956", "year"), ("1956-02", "month"), ("1956-02-29", "day"),
                                             ("1800-01-01", "day"), ("2099", "year")])
def test_real_partial_dates_have_their_precision(text: str, precision: str) -> None:
    from helpers.evidence.checks import parse_partial_date

    assert parse_partial_date(text) == precision


@pytest.mark.parametrize("text", ["1957-02-29", "1956-00", "1956-10-00", "1799-12-31", "2100-01", "1956-1", "56",
                                  "1956-10-23 ", "1956/10/23"])
def test_impossible_partial_dates_are_refused(text: str) -> None:
    from helpers.evidence.checks import parse_partial_date

    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_an_interval_chain_never_decreases() -> None:
    from helpers.evidence.checks import check_interval

    fine = pd.DataFrame({"low": [1, None, 2, 5], "value": [2, 3, None, 5], "high": [3, 4, 1000, 5]})
    check_interval("t.csv", fine, "low", "value", "high")
    error = _rule_error(check_interval, pd.DataFrame({"low": [1, 4], "value": [None, None], "high": [2, 3]}),
                        "low", "value", "high")
    assert (error.row, error.column) == (2, "low") and "low 4 is greater than high 3" in str(error)
    error = _rule_error(check_interval, pd.DataFrame({"low": [1], "value": [7], "high": [6]}), "low", "value", "high")
    assert (error.row, error.column) == (1, "value") and "value 7 is greater than high 6" in str(error)


@pytest.mark.parametrize("start, end, column, words", [
    ("1956-10-23", "1956-10-22", "date_end", "ends (1956-10-22) before it starts (1956-10-23)"),
    ("1956-11", "1956-10-31", "date_end", "before it starts"),
    ("1957", "1956-12-31", "date_end", "before it starts"),
    ("1956-10-23", "1956-13", "date_end", "impossible date '1956-13'"),
    (None, "1956-10-30", "date", "needs its start: fill date"),
])
def test_a_span_end_is_a_date_not_before_its_start(start: str | None, end: str, column: str, words: str) -> None:
    from helpers.evidence.checks import check_span_ends

    frame = pd.DataFrame({"date": ["1956-10-23", start], "date_end": [None, end]})
    error = _rule_error(check_span_ends, frame, "date_end", "date")
    assert (error.row, error.column) == (2, column) and words in str(error)


@pytest.mark.parametrize("start, end", [("1956-10-23", "1956-10-23"), ("1956-10", "1956-10-01"),
                                        ("1956-10-31", "1956-10"), ("1956", "1956-01-01"), ("1956-12-31", "1956"),
                                        ("1956-02", "1956-02-29"), ("1956-10-23", "1957")])
def test_a_span_may_end_within_its_first_day_month_or_year(start: str, end: str) -> None:
    from helpers.evidence.checks import check_span_ends

    check_span_ends("t.csv", pd.DataFrame({"date": [start], "date_end": [end]}), "date_end", "date")


def test_a_regular_expression_cell_compiles_and_finds_something() -> None:
    from helpers.evidence.checks import check_regexes

    check_regexes("t.csv", pd.DataFrame({"pattern": [r"\bNagy\b", None, "a+"]}), "pattern")
    error = _rule_error(check_regexes, pd.DataFrame({"pattern": ["a+", "Nagy|"]}), "pattern")
    assert (error.row, error.column) == (2, "pattern") and "matches the empty text" in str(error)
    error = _rule_error(check_regexes, pd.DataFrame({"pattern": ["(Nagy"]}), "pattern")
    assert (error.row, error.column) == (1, "pattern") and "not a valid regular expression" in str(error)


def test_an_excerpt_is_two_whole_words_of_a_notes_file() -> None:
    from helpers.evidence.checks import check_excerpts

    sources = {"data/a.md": "Budapest was occupied.", "data/b.md": "Nagy was executed in 1958."}
    check_excerpts("t.csv", pd.DataFrame({"excerpt": ["was occupied", "executed in 1958"]}), "excerpt", sources)
    for excerpt, words in [("occupied", "at least 2 words"), ("as occupied", "cuts a word of the notes"),
                           ("was hanged", "not found verbatim in data/a.md or data/b.md")]:
        error = _rule_error(check_excerpts, pd.DataFrame({"excerpt": ["was occupied", excerpt]}), "excerpt", sources)
        assert (error.row, error.column) == (2, "excerpt") and words in str(error)
    # A cut occurrence in one file, a whole one in the other: fine.
    check_excerpts("t.csv", pd.DataFrame({"excerpt": ["was executed"]}),
                   "excerpt", {"data/a.md": "Nagy was executedly", "data/b.md": "Nagy was executed."})


def test_an_excerpt_rule_names_one_path_or_a_list() -> None:
    from helpers.evidence.checks import excerpt_paths

    assert excerpt_paths({"column": "x", "path": "a.md"}) == ["a.md"]
    assert excerpt_paths({"column": "x", "path": ["a.md", "b.md"]}) == ["a.md", "b.md"]


# The rules switched on from the descriptor, through the loader.


def _package_with(tmp_path: Path, change: Callable[[dict[str, Any]], None], claims: list[dict[str, str]],
                  header: list[str] | None = None) -> Path:
    package = descriptor()
    change(next(r for r in package["resources"] if r["name"] == "claims"))
    data = tiny_package(tmp_path / "data", package=package)
    write_csv(data.parent / "claims.csv", claims, header or list(claims[0]))
    return data


def test_the_loader_applies_the_span_end_and_regex_rules(tmp_path: Path) -> None:
    def add(resource: dict[str, Any]) -> None:
        resource["schema"]["fields"] += [_field("date_end", **{"x-spanEndOf": "date"}),
                                         _field("pattern", **{"x-regex": True})]

    rows = [{**CLAIM, "date_end": "1956-11-10", "pattern": "troops?"}]
    data = _package_with(tmp_path, add, rows)
    assert load_table("claims", datapackage=data).iloc[0]["date_end"] == "1956-11-10"
    data = _package_with(tmp_path / "b", add, [{**rows[0], "date_end": "1956-11-01"}])
    assert where(load_error(data, "claims")) == ("data/claims.csv", 1, "date_end")
    data = _package_with(tmp_path / "c", add, [{**rows[0], "pattern": "x*"}])
    assert where(load_error(data, "claims")) == ("data/claims.csv", 1, "pattern")


@pytest.mark.parametrize("changes, column, words", [
    ({"as_written": "Hungary"}, "as_written", "does not occur in the row's quote"),
    ({"date": "1956-11"}, "date_precision", "has precision 'month'"),
    ({"low": "6"}, "low", "low 6 is greater than high 5"),
    ({"quote": "Soviet troops left Hungary", "span": "body"}, "quote", "not inside its body span"),
    ({"quote": "Soviet troops left Hungary", "span": "comments", "as_written": ""}, None, None),
])
def test_the_loader_applies_every_rule_the_descriptor_declares(tmp_path: Path, changes: dict[str, str],
                                                               column: str | None, words: str | None) -> None:
    data = tiny_package(tmp_path / "data", claims=claim(**changes))
    if column is None:
        assert load_table("claims", datapackage=data).iloc[0]["span"] == "comments"
        return
    error = load_error(data, "claims")
    assert where(error) == ("data/claims.csv", 1, column) and words in str(error)


def test_the_loader_checks_excerpts_against_the_notes(package: Path) -> None:
    write_csv(package.parent / "facts.csv", [{"fact_id": "f1", "excerpt": "occupied on 5 November"}],
              ["fact_id", "excerpt"])
    error = load_error(package, "facts")
    assert where(error) == ("data/facts.csv", 1, "excerpt") and "not found verbatim in data/notes.md" in str(error)


# --- helpers.evidence.corpus: the raw files and their rows ------------------------------------------


def _raw(tmp_path: Path, text: str = TEXT, name: str = "news.txt") -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return raw


def _document_frame(**changes: Any) -> pd.DataFrame:
    row: dict[str, Any] = {**document_row(), **changes}
    for column in ("n_chars", "body_start", "body_end", "comments_start", "comments_end"):
        row[column] = None if row[column] in ("", None) else int(row[column])
    frame = pd.DataFrame([row])
    return frame.astype({column: "Int64" for column in ("n_chars", "body_start", "body_end", "comments_start",
                                                         "comments_end")})


def _problems(tmp_path: Path, documents: pd.DataFrame, raw: Path | None = None) -> list[tuple[int | None, str]]:
    from helpers.evidence.corpus import corpus_errors

    return [(error.row, error.column) for error in corpus_errors(documents, raw or _raw(tmp_path))]


def test_an_intact_document_has_no_problem(tmp_path: Path) -> None:
    from helpers.evidence.corpus import corpus_problems, verify_corpus

    raw = _raw(tmp_path)
    assert corpus_problems(_document_frame(), raw) == []
    verify_corpus(_document_frame(), raw)
    without_comments = _document_frame(comments_start="", comments_end="")
    assert corpus_problems(without_comments, raw) == []


BODY_START = TEXT.index(BODY_LINES[0])
BODY_END = TEXT.index(BODY_LINES[-1]) + len(BODY_LINES[-1])
COMMENTS_START = TEXT.index(COMMENT_LINES[0])


@pytest.mark.parametrize("changes, expected", [
    ({"n_chars": len(TEXT) + 1}, [(1, "n_chars")]),
    ({"title": "Soviet tanks news"}, [(1, "title")]),
    ({"body_end": ""}, [(1, "body_end")]),
    ({"body_start": ""}, [(1, "body_start")]),
    ({"comments_start": ""}, [(1, "comments_start")]),
    ({"body_start": "", "body_end": ""}, [(1, "body_start")]),
    ({"body_start": BODY_START + 1}, [(1, "body_start")]),
    ({"body_start": BODY_START - 1}, [(1, "body_start")]),
    ({"body_start": BODY_START + len(BODY_LINES[0]) + 1}, []),  # the start of the next line
    ({"body_end": BODY_END - 1}, [(1, "body_end")]),
    ({"body_end": BODY_END + 1}, [(1, "body_end")]),
    ({"body_end": BODY_END - len(BODY_LINES[-1]) - 1}, []),  # the end of the line before
    ({"body_start": BODY_END, "body_end": BODY_END}, [(1, "body_end")]),
    ({"body_start": -1}, [(1, "body_start")]),
    ({"body_start": len(TEXT)}, [(1, "body_start")]),
    ({"comments_end": len(TEXT) + 1}, [(1, "comments_end")]),
    ({"comments_end": len(TEXT)}, [(1, "comments_end")]),  # a line's end, but after its line break
    ({"comments_start": BODY_START, "comments_end": BODY_END}, [(1, "comments_start")]),
    ({"comments_start": TEXT.index(BODY_LINES[-1])}, [(1, "comments_start")]),  # overlaps the body's last line
    ({"n_chars": 1, "title": "x", "body_start": BODY_START + 1}, [(1, "n_chars"), (1, "title"), (1, "body_start")]),
    ({"title": "x", "body_start": "", "body_end": ""}, [(1, "title"), (1, "body_start")]),
    ({"body_end": "", "comments_start": COMMENTS_START + 1}, [(1, "body_end"), (1, "comments_start")]),
    ({"body_start": 0, "body_end": len(TEXT) + 1, "comments_start": "", "comments_end": ""}, [(1, "body_end")]),
    ({"comments_start": BODY_END}, [(1, "comments_start")]),  # on the body's line break: not an overlap
    ({"comments_start": 0, "comments_end": BODY_START}, [(1, "comments_end")]),  # ends where the body starts
])
def test_each_disagreement_of_a_row_with_its_file_is_named(tmp_path: Path, changes: dict[str, Any],
                                                           expected: list[tuple[int, str]]) -> None:
    assert _problems(tmp_path, _document_frame(**changes)) == expected


def test_a_span_may_start_after_a_bullet_and_end_at_the_end_of_the_file(tmp_path: Path) -> None:
    def row_of(text: str, start: int, end: int) -> dict[str, Any]:
        return {"title": text.split()[0], "sha256": hashlib.sha256(text.encode()).hexdigest(), "n_chars": len(text),
                "body_start": start, "body_end": end, "comments_start": "", "comments_end": ""}

    text = "\n• First point of the body.\nLast line without a line break"
    row = row_of(text, text.index("First"), len(text))
    raw = _raw(tmp_path, text)
    assert _problems(tmp_path, _document_frame(**row), raw) == []
    indented = "Title\n  Indented body line.\n"
    row = row_of(indented, indented.index("Indented"), len(indented) - 1)
    assert _problems(tmp_path, _document_frame(**row), _raw(tmp_path, indented)) == []
    row["body_start"] = indented.index("Indented") - 1  # on the space before the text
    assert _problems(tmp_path, _document_frame(**row), _raw(tmp_path, indented)) == [(1, "body_start")]
    for text, start, end in [("Title\nXenophon wrote it.\n", 7, 24),  # one letter into the line
                             ("Title\nBody line \n", 6, 16),  # after a trailing space
                             ("Body from the first character.\n", 0, 30)]:
        expected = [] if start == 0 else [(1, "body_start")] if start == 7 else [(1, "body_end")]
        assert _problems(tmp_path, _document_frame(**row_of(text, start, end)), _raw(tmp_path, text)) == expected


def test_a_changed_file_is_named_once(tmp_path: Path) -> None:
    # After a changed checksum, offsets mean nothing: no other problem is listed for the row.
    raw = _raw(tmp_path, TEXT.replace("October", "Octobre"))
    assert _problems(tmp_path, _document_frame(n_chars=1, body_start=1), raw) == [(1, "sha256")]


@pytest.mark.parametrize("content, words", [
    (TEXT.encode().replace(b"\n", b"\r\n"), "line 1 ends with a carriage return"),
    (TEXT.encode().replace(BODY_LINES[-1].encode() + b"\n", BODY_LINES[-1].encode() + b"\r\n").replace(
        COMMENT_LINES[0].encode() + b"\n", COMMENT_LINES[0].encode() + b"\r\n"), "line 3 ends with a carriage return"),
    (TEXT.encode() + b"caf\xe9\n", f"byte {len(TEXT) + 3} is not valid UTF-8"),
])
def test_a_recorded_file_that_is_not_utf8_with_lf_is_named(tmp_path: Path, content: bytes, words: str) -> None:
    from helpers.evidence.corpus import corpus_errors

    raw = _raw(tmp_path, content)
    documents = _document_frame(sha256=hashlib.sha256(content).hexdigest())
    errors = corpus_errors(documents, raw)
    assert [(e.row, e.column) for e in errors] == [(1, "file_name")] and words in str(errors[0])


@pytest.mark.parametrize("name, words", [("../news.txt", "plain name"), ("sub/news.txt", "plain name"),
                                         (".news.txt", "plain name"), ("sub\\news.txt", "plain name"),
                                         ("gone.txt", "does not exist")])
def test_a_file_name_that_is_not_a_plain_file_of_raw(tmp_path: Path, name: str, words: str) -> None:
    from helpers.evidence.corpus import corpus_errors

    errors = corpus_errors(_document_frame(file_name=name), _raw(tmp_path))
    assert [(e.row, e.column) for e in errors][0] == (1, "file_name") and words in str(errors[0])


def test_a_folder_or_a_link_out_of_raw_in_place_of_a_document(tmp_path: Path) -> None:
    from helpers.evidence.corpus import corpus_errors

    raw = _raw(tmp_path)
    (raw / "news.txt").unlink()
    (raw / "news.txt").mkdir()
    errors = corpus_errors(_document_frame(), raw)
    assert [(e.row, e.column) for e in errors] == [(1, "file_name")] and "is a folder" in str(errors[0])
    (raw / "news.txt").rmdir()
    (tmp_path / "outside.txt").write_text(TEXT, encoding="utf-8")
    (raw / "news.txt").symlink_to(tmp_path / "outside.txt")
    errors = corpus_errors(_document_frame(), raw)
    assert [(e.row, e.column) for e in errors] == [(1, "file_name")] and "outside data/raw/" in str(errors[0])
    (raw / "news.txt").unlink()
    (raw / "news.txt").symlink_to(raw / "news.txt")  # a link to itself
    errors = corpus_errors(_document_frame(), raw)
    assert [(e.row, e.column) for e in errors] == [(1, "file_name")] and "not a regular file" in str(errors[0])


def test_every_file_of_raw_needs_a_row(tmp_path: Path) -> None:
    from helpers.evidence.corpus import corpus_errors

    raw = _raw(tmp_path)
    (raw / "zz_new.txt").write_text("Undescribed.\n", encoding="utf-8")
    (raw / "aa_new.txt").write_text("Undescribed too.\n", encoding="utf-8")
    (raw / ".hidden").write_text("an editor's file\n", encoding="utf-8")
    errors = corpus_errors(_document_frame(), raw)
    assert [(e.row, e.column) for e in errors] == [(None, "file_name"), (None, "file_name")]
    assert "aa_new.txt has no row" in str(errors[0]) and "zz_new.txt has no row" in str(errors[1])
    assert corpus_errors(_document_frame(), tmp_path / "no_raw_folder")[0].column == "file_name"


def test_the_first_problem_stops_the_load_and_names_the_document(tmp_path: Path) -> None:
    from helpers.evidence.corpus import verify_corpus

    with pytest.raises(TableError) as caught:
        verify_corpus(_document_frame(n_chars=3, title="x"), _raw(tmp_path))
    assert where(caught.value) == ("data/documents.csv", 1, "n_chars") and "(news)" in str(caught.value)


def test_problems_of_several_rows_are_all_listed(tmp_path: Path) -> None:
    from helpers.evidence.corpus import corpus_problems

    raw = _raw(tmp_path)
    second = TEXT.replace("news", "radio")
    (raw / "radio.txt").write_text(second, encoding="utf-8")
    documents = pd.concat([_document_frame(title="x"),
                           _document_frame(**{**document_row(second), "doc_id": "radio", "file_name": "radio.txt",
                                              "title": "Soviet troops radio", "n_chars": 1})])
    problems = corpus_problems(documents, raw)
    assert len(problems) == 2
    assert "row 1" in problems[0] and "'title'" in problems[0] and "(news)" in problems[0]
    assert "row 2" in problems[1] and "'n_chars'" in problems[1] and "(radio)" in problems[1]


@pytest.mark.parametrize("error_type, note, cell, field, hint", [
    ("type-error", "", "+7", {"type": "integer"}, "'+7' is not an integer in plain digits (e.g. 1000: no sign, "
                                                  "spaces, separators or leading zeros)"),
    ("type-error", "", "yes", {"type": "boolean"}, "'yes' is not exactly true or false"),
    ("type-error", "", "x", {"type": "string"}, ""),
    ("constraint-error", 'constraint "required" is "True"', None, {"constraints": {"required": True}},
     "This cell is required: fill it"),
    ("constraint-error", 'constraint "minLength" is "3"', "ab", {"constraints": {"minLength": 3}},
     "'ab' must be at least 3 characters long"),
    ("constraint-error", 'constraint "maximum" is "9"', 10, {"constraints": {"maximum": 9}}, "10 must be at most 9"),
    ("constraint-error", 'constraint "unique" is "True"', "a", {"constraints": {"unique": True}},
     "Every value of this column must be different"),
    ("constraint-error", 'constraint "other" is "x"', "a", {}, ""),
    ("missing-cell", "", None, {}, "The row has a different number of cells from the header: check its commas and "
                                   "quotation marks"),
    ("extra-cell", "", "x", {}, "The row has a different number of cells from the header: check its commas and "
                                "quotation marks"),
    ("blank-row", "", None, {}, "Remove the empty line"),
    ("missing-label", "", None, {}, "The header must name each field of the schema once, in order"),
    ("duplicate-label", "", None, {}, "The header must name each field of the schema once, in order"),
    ("blank-label", "", None, {}, "The header must name each field of the schema once, in order"),
    ("extra-label", "", None, {}, "The header must name each field of the schema once, in order"),
    ("primary-key", "", None, {}, ""),
])
def test_each_table_schema_error_has_its_hint(error_type: str, note: str, cell: object, field: dict[str, Any],
                                              hint: str) -> None:
    from helpers.evidence.tables import fix_hint

    assert fix_hint(error_type, note, cell, field) == hint


# --- helpers.evidence.descriptor: the descriptor, checked whole before any table is read ----------

Package = dict[str, Any]


def _resource(package: Package, name: str) -> dict[str, Any]:
    return next(r for r in package["resources"] if r["name"] == name)


def _fields(package: Package, table: str) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in _resource(package, table)["schema"]["fields"]}


def descriptor_error(tmp_path: Path, damage: Callable[[Package], Any]) -> TableError:
    package = descriptor()
    damage(package)
    data = tiny_package(tmp_path / "data", package=package)
    return load_error(data)


def _add_field(package: Package, table: str, field: dict[str, Any]) -> None:
    _resource(package, table)["schema"]["fields"].append(field)


# (id, damage, resource position, property at fault, words the message holds)
DESCRIPTOR_CASES: list[tuple[str, Callable[[Package], Any], int | None, str | None, str]] = [
    ("package property of the wrong kind", lambda p: p.update({"title": ["a", "b"]}), None, "title", "must be a text"),
    ("unknown package property", lambda p: p.update({"homepage": "x"}), None, "homepage", "unknown property"),
    ("no resources", lambda p: p.pop("resources"), None, "resources", "needs this property"),
    ("empty resources", lambda p: p.update({"resources": []}), None, "resources", "non-empty list"),
    ("licence with an unknown property", lambda p: p.update({"licenses": [{"name": "x", "url": "y"}]}), None,
     "licenses[0].url", "unknown property"),
    ("source with a path out of data/", lambda p: p.update({"sources": [{"title": "x", "path": "../x.md"}]}), None,
     "sources[0].path", "relative path inside data/"),
    ("source with a missing path", lambda p: p.update({"sources": [{"title": "x", "path": "nowhere.md"}]}), None,
     "sources[0].path", "data/nowhere.md not found"),
    ("source folder that is a file", lambda p: p.update({"sources": [{"title": "x", "path": "notes.md/"}]}), None,
     "sources[0].path", "data/notes.md/ not found"),
    ("table name of capitals", lambda p: _resource(p, "facts").update({"name": "Facts"}), 3, "name",
     "lower-case letters"),
    ("table name used twice", lambda p: _resource(p, "facts").update({"name": "claims"}), 3, "name",
     "already used by resource 2"),
    ("one file for two tables", lambda p: _resource(p, "facts").update({"path": "./claims.csv"}), 3, "path",
     "plainly"),
    ("path into a folder and out", lambda p: _resource(p, "facts").update({"path": "raw/../claims.csv"}), 3, "path",
     "no '..'"),
    ("absolute path", lambda p: _resource(p, "facts").update({"path": "/tmp/facts.csv"}), 3, "path", "relative"),
    ("backslash path", lambda p: _resource(p, "facts").update({"path": "sub\\facts.csv"}), 3, "path", "relative"),
    ("home path", lambda p: _resource(p, "facts").update({"path": "~/facts.csv"}), 3, "path", "relative"),
    ("drive path", lambda p: _resource(p, "facts").update({"path": "c:facts.csv"}), 3, "path", "relative"),
    ("URL path", lambda p: _resource(p, "facts").update({"path": "http://x/facts.csv"}), 3, "path", "relative"),
    ("empty path", lambda p: _resource(p, "facts").update({"path": ""}), 3, "path", "relative"),
    ("path with a control character", lambda p: _resource(p, "facts").update({"path": "fa\x07cts.csv"}), 3, "path",
     "not a usable file name"),
    ("path with a part too long", lambda p: _resource(p, "facts").update({"path": "f" * 252 + ".csv"}), 3, "path",
     "not a usable file name"),
    ("path with a double slash", lambda p: _resource(p, "facts").update({"path": "raw//facts.csv"}), 3, "path",
     "as 'raw/facts.csv'"),
    ("path that is not a CSV", lambda p: _resource(p, "facts").update({"path": "facts.tsv"}), 3, "path",
     "must be a .csv file"),
    ("format not CSV", lambda p: _resource(p, "facts").update({"format": "xlsx"}), 3, "format", "csv"),
    ("encoding not UTF-8", lambda p: _resource(p, "facts").update({"encoding": "latin-1"}), 3, "encoding",
     "utf-8"),
    ("no schema", lambda p: _resource(p, "facts").pop("schema"), 3, "schema", "needs this property"),
    ("schema without fields", lambda p: _resource(p, "facts")["schema"].pop("fields"), 3, "schema.fields",
     "needs this property"),
    ("schema with no field", lambda p: _resource(p, "facts")["schema"].update({"fields": []}), 3, "schema.fields",
     "at least one field"),
    ("other missing values", lambda p: _resource(p, "facts")["schema"].update({"missingValues": ["", "-"]}), 3,
     "schema.missingValues", "only an empty cell means missing"),
    ("field name padded", lambda p: _fields(p, "facts")["excerpt"].update({"name": "excerpt "}), 3,
     "schema.fields[1].name", "no space at either end"),
    ("field name empty", lambda p: _fields(p, "facts")["excerpt"].update({"name": ""}), 3,
     "schema.fields[1].name", "no space at either end"),
    ("field declared twice", lambda p: _fields(p, "facts")["excerpt"].update({"name": "fact_id"}), 3,
     "schema.fields[1].name", "declared twice"),
    ("field type unknown", lambda p: _fields(p, "facts")["excerpt"].update({"type": "date"}), 3,
     "schema.fields[1].type", "not a type the loader reads"),
    ("field type missing", lambda p: _fields(p, "facts")["excerpt"].pop("type"), 3,
     "schema.fields[1].type", "not a type the loader reads"),
    ("a number's constraint on a text", lambda p: _fields(p, "facts")["excerpt"]["constraints"].update({"minimum": 1}),
     3, "schema.fields[1].constraints.minimum", "unknown property"),
    ("a count that is negative", lambda p: _fields(p, "facts")["excerpt"]["constraints"].update({"maxLength": -1}),
     3, "schema.fields[1].constraints.maxLength", "a whole number, 0 or more"),
    ("a bound of the wrong kind", lambda p: _fields(p, "claims")["low"].update({"constraints": {"minimum": "1"}}),
     2, "schema.fields[7].constraints.minimum", "a whole number"),
    ("a bound that is a boolean", lambda p: _fields(p, "claims")["low"].update({"constraints": {"minimum": True}}),
     2, "schema.fields[7].constraints.minimum", "a whole number"),
    ("a number bound of text", lambda p: _fields(p, "claims")["share"].update({"constraints": {"maximum": "9"}}),
     2, "schema.fields[9].constraints.maximum", "a number"),
    ("an enum of numbers with text", lambda p: _fields(p, "claims")["share"].update({"constraints": {"enum": [1, "2"]}}),
     2, "schema.fields[9].constraints.enum", "a list of numbers"),
    ("an enum of integers with a float", lambda p: _fields(p, "claims")["low"].update({"constraints": {"enum": [1.5]}}),
     2, "schema.fields[7].constraints.enum", "a list of whole numbers"),
    ("required as text", lambda p: _fields(p, "facts")["excerpt"]["constraints"].update({"required": "yes"}), 3,
     "schema.fields[1].constraints.required", "true or false"),
    ("an empty enum", lambda p: _fields(p, "claims")["span"]["constraints"].update({"enum": []}), 2,
     "schema.fields[2].constraints.enum", "non-empty list"),
    ("minimum above maximum", lambda p: _fields(p, "claims")["low"].update({"constraints": {"minimum": 5, "maximum": 4}}),
     2, "schema.fields[7].constraints.minimum", "greater than maximum"),
    ("minLength above maxLength", lambda p: _fields(p, "facts")["excerpt"]["constraints"].update(
        {"minLength": 5, "maxLength": 4}), 3, "schema.fields[1].constraints.minLength", "greater than maxLength"),
    ("a broken pattern", lambda p: _fields(p, "facts")["fact_id"].update({"constraints": {"pattern": "f[0-9"}}), 3,
     "schema.fields[0].constraints.pattern", "not a valid regular expression"),
    ("alternatives not grouped", lambda p: _fields(p, "facts")["fact_id"].update({"constraints": {"pattern": "f1|f2"}}),
     3, "schema.fields[0].constraints.pattern", "group the alternatives, as (f1|f2)"),
    ("a boolean read from yes", lambda p: _fields(p, "claims")["vague"].update({"trueValues": ["true", "yes"]}), 2,
     "schema.fields[10].trueValues", "exactly 'true'"),
    ("a boolean read from 0", lambda p: _fields(p, "claims")["vague"].update({"falseValues": ["0"]}), 2,
     "schema.fields[10].falseValues", "exactly 'false'"),
    ("false values on a text", lambda p: _fields(p, "facts")["excerpt"].update({"falseValues": ["no"]}), 3,
     "schema.fields[1].trueValues", "only a boolean field"),
    ("primary key on no field", lambda p: _resource(p, "facts")["schema"].update({"primaryKey": ["fact"]}), 3,
     "schema.primaryKey", "'fact' is not a field of table 'facts'"),
    ("foreign key without reference", lambda p: _resource(p, "claims")["schema"]["foreignKeys"][0].pop("reference"), 2,
     "schema.foreignKeys[0].reference", "needs this property"),
    ("reference without fields", lambda p: _resource(p, "claims")["schema"]["foreignKeys"][0]["reference"].pop(
        "fields"), 2, "schema.foreignKeys[0].reference.fields", "needs this property"),
    ("foreign key of no field", lambda p: _resource(p, "claims")["schema"]["foreignKeys"][0].update({"fields": []}), 2,
     "schema.foreignKeys[0].fields", "at least one field"),
    ("foreign key from no field", lambda p: _resource(p, "claims")["schema"]["foreignKeys"][0].update(
        {"fields": "doc"}), 2, "schema.foreignKeys[0].fields", "'doc' is not a field of table 'claims'"),
    ("foreign key to no table", lambda p: _resource(p, "claims")["schema"]["foreignKeys"][0]["reference"].update(
        {"resource": "docs"}), 2, "schema.foreignKeys[0].reference.resource", "known: documents, claims, facts"),
    ("foreign key to no field", lambda p: _resource(p, "claims")["schema"]["foreignKeys"][0]["reference"].update(
        {"fields": "id"}), 2, "schema.foreignKeys[0].reference.fields", "'id' is not a field of table 'documents'"),
    ("foreign key of two fields to one", lambda p: _resource(p, "claims")["schema"]["foreignKeys"][0].update(
        {"fields": ["doc_id", "span"]}), 2, "schema.foreignKeys[0].reference.fields", "as many fields"),
    ("foreign key joining two types", lambda p: _resource(p, "claims")["schema"]["foreignKeys"].append(
        {"fields": "low", "reference": {"resource": "documents", "fields": "doc_id"}}), 2,
     "schema.foreignKeys[1].fields", "'low' (integer) cannot refer to documents.doc_id (string)"),
    ("tables needing each other", lambda p: _resource(p, "documents")["schema"].update({"foreignKeys": [
        {"fields": "doc_id", "reference": {"resource": "claims", "fields": "claim_id"}}]}), 1,
     "schema.foreignKeys", "in a circle (documents -> claims -> documents)"),
    ("an as-written rule on a number", lambda p: _fields(p, "claims")["low"].update({"x-substringOf": "quote"}), 2,
     "schema.fields[7].x-substringOf", "must be a string field"),
    ("a regex rule on a number", lambda p: _fields(p, "claims")["low"].update({"x-regex": True}), 2,
     "schema.fields[7].x-regex", "must be a string field"),
    ("a rule naming its own field", lambda p: _fields(p, "claims")["as_written"].update({"x-substringOf": "as_written"}),
     2, "schema.fields[4].x-substringOf", "not the field itself"),
    ("a rule naming no field", lambda p: _fields(p, "claims")["as_written"].update({"x-substringOf": "quotes"}), 2,
     "schema.fields[4].x-substringOf", "'quotes' is not a field of table 'claims'"),
    ("a rule naming a number field", lambda p: _fields(p, "claims")["as_written"].update({"x-substringOf": "low"}), 2,
     "schema.fields[4].x-substringOf", "'low' is a integer field; this rule needs string"),
    ("a precision field without its enum", lambda p: _fields(p, "claims")["date_precision"].pop("constraints"), 2,
     "schema.fields[5].x-partialDate", "needs the constraint enum ['year', 'month', 'day']"),
    ("a precision field with other words", lambda p: _fields(p, "claims")["date_precision"]["constraints"].update(
        {"enum": ["year", "week"]}), 2, "schema.fields[5].x-partialDate", "needs the constraint enum"),
    ("a span end of a plain text", lambda p: _add_field(p, "claims", _field("date_end", **{"x-spanEndOf": "quote"})), 2,
     "schema.fields[11].x-spanEndOf", "must itself be a partial date"),
    ("a quote column that is optional", lambda p: _fields(p, "claims")["quote"].pop("constraints"), 2,
     "x-quoteSource", "the quote field 'quote' must be required"),
    ("a quote column of numbers", lambda p: _resource(p, "claims").update({"x-quoteSource": "low"}), 2,
     "x-quoteSource", "'low' is a integer field"),
    ("a quoted table without doc_id key", lambda p: _resource(p, "claims")["schema"].update({"foreignKeys": []}), 2,
     "x-quoteSource", "a required doc_id field with a foreign key to documents"),
    ("a quoted table with an optional doc_id", lambda p: _fields(p, "claims")["doc_id"].pop("constraints"), 2,
     "x-quoteSource", "a required doc_id field"),
    ("a quoted table with a key to another table", lambda p: _resource(p, "claims")["schema"]["foreignKeys"][0][
        "reference"].update({"resource": "facts", "fields": "fact_id"}), 2, "x-quoteSource", "foreign key to documents"),
    ("a span field that is optional", lambda p: _fields(p, "claims")["span"]["constraints"].pop("required"), 2,
     "x-quoteSource", "the span field must be a required string with enum ['body', 'comments']"),
    ("a span field with other spans", lambda p: _fields(p, "claims")["span"]["constraints"].update(
        {"enum": ["body", "footer"]}), 2, "x-quoteSource", "the span field must be"),
    ("a span field without an enum", lambda p: _fields(p, "claims")["span"]["constraints"].pop("enum"), 2,
     "x-quoteSource", "the span field must be"),
    ("a claim table quoting another column", lambda p: (_resource(p, "claims").update(
        {"x-claims": True, "x-quoteSource": "as_written"}), _fields(p, "claims")["as_written"].update(REQUIRED),
        _fields(p, "claims")["as_written"].pop("x-substringOf")), 2, "x-claims", "a field \"quote\""),
    ("claims flag not true", lambda p: _resource(p, "claims").update({"x-claims": False}), 2, "x-claims",
     "true (or left out)"),
    ("an interval of one column", lambda p: _resource(p, "claims").update({"x-interval": ["low"]}), 2, "x-interval",
     "two or more different columns"),
    ("an interval of one column twice", lambda p: _resource(p, "claims").update({"x-interval": ["low", "low"]}), 2,
     "x-interval", "two or more different columns"),
    ("an interval on text", lambda p: _resource(p, "claims").update({"x-interval": ["low", "quote"]}), 2, "x-interval",
     "'quote' is a string field; this rule needs integer or number"),
    ("an excerpt rule without path", lambda p: _resource(p, "facts")["x-excerptFrom"].pop("path"), 3,
     "x-excerptFrom.path", "needs this property"),
    ("an excerpt rule with no file", lambda p: _resource(p, "facts")["x-excerptFrom"].update({"path": []}), 3,
     "x-excerptFrom.path", "at least one notes file"),
    ("excerpts from a CSV", lambda p: _resource(p, "facts")["x-excerptFrom"].update({"path": "facts.csv"}), 3,
     "x-excerptFrom.path", "must be a .md file"),
    ("excerpts from a missing file", lambda p: _resource(p, "facts")["x-excerptFrom"].update({"path": ["notes.md",
     "more.md"]}), 3, "x-excerptFrom.path", "data/more.md not found"),
    ("excerpts of an optional column", lambda p: _fields(p, "facts")["excerpt"].pop("constraints"), 3,
     "x-excerptFrom.column", "must be required"),
    ("excerpts of no column", lambda p: _resource(p, "facts")["x-excerptFrom"].update({"column": "text"}), 3,
     "x-excerptFrom.column", "'text' is not a field of table 'facts'"),
    ("corrections rule on a table without kinds", lambda p: _resource(p, "claims").update({"x-concernsAClaim": {}}), 2,
     "x-concernsAClaim", "the fields correction_id, doc_id, kind, quote"),
    ("documents without a length", lambda p: _fields(p, "documents")["n_chars"].update({"type": "string"}), 1,
     "schema.fields", "the integer field 'n_chars'"),
    ("documents without a title", lambda p: _resource(p, "documents")["schema"]["fields"].pop(2), 1,
     "schema.fields", "the string field 'title'"),
]


@pytest.mark.parametrize("damage, position, column, words", [case[1:] for case in DESCRIPTOR_CASES],
                         ids=[case[0] for case in DESCRIPTOR_CASES])
def test_a_damaged_descriptor_names_the_resource_and_property(tmp_path: Path, damage: Callable[[Package], Any],
                                                              position: int | None, column: str | None,
                                                              words: str) -> None:
    error = descriptor_error(tmp_path, damage)
    assert where(error) == ("data/datapackage.json", position, column)
    assert words in str(error)
    if position is not None:  # the "row" of the descriptor is a resource, the "column" a property
        assert str(error).startswith(f"data/datapackage.json, resource {position}, property {column!r}: ")


def test_a_descriptor_frictionless_cannot_read_is_a_table_error(tmp_path: Path) -> None:
    # Defence in depth: what the descriptor check let through is still named, not raised as is.
    from helpers.evidence.tables import validate_with_frictionless

    (tmp_path / "x.csv").write_text("a\n1\n", encoding="utf-8")
    resource = {"name": "x", "path": "x.csv", "schema": {"fields": [{"name": "a", "type": "nosuchtype"}]}}
    with pytest.raises(TableError) as caught:
        validate_with_frictionless(resource, tmp_path)
    assert where(caught.value) == ("data/datapackage.json", None, "x")
    assert "table 'x' cannot be validated" in str(caught.value) and "nosuchtype" in str(caught.value)


def test_every_cell_is_read_as_the_text_written(tmp_path: Path) -> None:
    from helpers.evidence.tables import read_text_frame

    path = tmp_path / "t.csv"
    path.write_text('a,b\nNA,null\nnan,None\n,N/A\n"",x\n', encoding="utf-8")
    frame = read_text_frame(path, "data/t.csv")
    assert frame["a"].tolist()[:2] == ["NA", "nan"] and frame["b"].tolist() == ["null", "None", "N/A", "x"]
    assert frame["a"].isna().tolist() == [False, False, True, True]  # only an empty cell is missing


def test_a_csv_pandas_cannot_parse_is_a_table_error(tmp_path: Path) -> None:
    # Defence in depth: the header check runs first and says more.
    from helpers.evidence.tables import read_text_frame

    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n3,4,5\n", encoding="utf-8")
    with pytest.raises(TableError) as caught:
        read_text_frame(path, "data/t.csv")
    assert where(caught.value) == ("data/t.csv", 2, None) and "cannot be read as CSV" in str(caught.value)
    with pytest.raises(TableError) as caught:
        read_text_frame(path)
    assert caught.value.file == "t.csv"


@pytest.mark.parametrize("cells, row, words", [
    (["ok", "o\x00k", "ok"], 2, "NUL character"),
    (["ok", "ok", "o\x0bk"], 3, "control character"),
    (["ok", " ok", "ok "], 2, "begins or ends with a space"),
    (["ok", "ok", "ok\u2060"], 3, "begins or ends with a space"),
])
def test_a_cell_with_a_hidden_character_is_named(cells: list[str], row: int, words: str) -> None:
    # The file checks refuse NUL bytes first; the cell check names any that reach it.
    from helpers.evidence.tables import check_cell_forms

    schema = {"fields": [{"name": "id", "type": "string"}, {"name": "text", "type": "string"}]}
    frame = pd.DataFrame({"id": ["a", "b", "c"], "text": cells})
    with pytest.raises(TableError) as caught:
        check_cell_forms(frame, schema, "data/t.csv")
    assert where(caught.value) == ("data/t.csv", row, "text") and words in str(caught.value)


@pytest.mark.parametrize("date, words", [("1956/10", "'1956/10' is not YYYY, YYYY-MM or YYYY-MM-DD"),
                                         ("0956-10-23", "year 0956 is outside 1800-2099"),
                                         ("1956-02-30", "day is out of range")])
def test_an_impossible_date_says_why(date: str, words: str) -> None:
    from helpers.evidence.checks import check_partial_dates

    error = _rule_error(check_partial_dates, pd.DataFrame({"date": [date], "date_precision": ["day"]}), "date",
                        "date_precision")
    assert (error.row, error.column) == (1, "date") and words in str(error)


def test_every_regular_expression_cell_is_checked() -> None:
    from helpers.evidence.checks import check_regexes

    check_regexes("t.csv", pd.DataFrame({"pattern": ["[A-Z]{2,}", r"\w+"]}), "pattern")  # acronyms, words
    error = _rule_error(check_regexes, pd.DataFrame({"pattern": [None, "Nagy", "x*"]}), "pattern")
    assert (error.row, error.column) == (3, "pattern")


def test_a_span_with_one_bound_is_no_span_for_a_quote() -> None:
    from helpers.evidence.checks import check_quotes

    text = "Body words here.\nComment words here.\n"
    documents = pd.DataFrame({"doc_id": ["d"], "file_name": ["d.txt"], "body_start": [0], "body_end": [16],
                              "comments_start": [17], "comments_end": [None]})
    frame = pd.DataFrame({"doc_id": ["d"], "quote": ["Comment words"], "span": ["comments"]})
    error = _rule_error(check_quotes, frame, "quote", documents, lambda name: text)
    assert (error.row, error.column) == (1, "quote") and "not inside its comments span" in str(error)


def _second_row(tmp_path: Path, raw: Path) -> pd.DataFrame:
    """A second document, whose length is recorded wrong."""
    second = TEXT.replace(TITLE, "Radio news")
    (raw / "radio.txt").write_text(second, encoding="utf-8")
    return _document_frame(**{**document_row(second), "doc_id": "radio", "file_name": "radio.txt",
                              "title": "Radio news", "n_chars": 1})


@pytest.mark.parametrize("damage", ["file name with a folder", "missing file", "link out of raw", "changed file",
                                    "not UTF-8", "carriage return", "half a span", "missing body"])
def test_a_problem_in_one_row_does_not_hide_the_next_rows(tmp_path: Path, damage: str) -> None:
    from helpers.evidence.corpus import corpus_errors

    raw = _raw(tmp_path)
    first = _document_frame()
    if damage == "file name with a folder":
        first = _document_frame(file_name="sub/news.txt")
    elif damage == "missing file":
        first = _document_frame(file_name="gone.txt")
    elif damage == "link out of raw":
        (tmp_path / "outside.txt").write_text(TEXT, encoding="utf-8")
        (raw / "news.txt").unlink()
        (raw / "news.txt").symlink_to(tmp_path / "outside.txt")
    elif damage == "changed file":
        (raw / "news.txt").write_text(TEXT + "more\n", encoding="utf-8")
    elif damage in ("not UTF-8", "carriage return"):
        content = TEXT.encode() + (b"caf\xe9\n" if damage == "not UTF-8" else b"x\r\n")
        (raw / "news.txt").write_bytes(content)
        first = _document_frame(sha256=hashlib.sha256(content).hexdigest())
    elif damage == "half a span":
        first = _document_frame(comments_end="")
    elif damage == "missing body":
        first = _document_frame(body_start=BODY_START + 1)  # a body problem in row 1 ...
    second = _second_row(tmp_path, raw)
    if damage == "missing body":
        second = _document_frame(**{**second.iloc[0].to_dict(), "n_chars": len(TEXT), "body_start": "",
                                    "body_end": ""})  # ... does not excuse row 2's missing body
    errors = corpus_errors(pd.concat([first, second]), raw)
    assert errors[0].row == 1
    assert (2, "body_start" if damage == "missing body" else "n_chars") in [(e.row, e.column) for e in errors]


def test_a_document_without_a_body_is_told_it_needs_one(tmp_path: Path) -> None:
    from helpers.evidence.corpus import corpus_errors

    errors = corpus_errors(_document_frame(body_start="", body_end=""), _raw(tmp_path))
    assert [(e.row, e.column) for e in errors] == [(1, "body_start")]
    assert "every document needs a body span" in str(errors[0]) and str(errors[0]).endswith("(news)")


DESCRIPTOR_CASES_MORE: list[tuple[str, Callable[[Package], Any], int | None, str | None, str]] = [
    ("drive path in capitals", lambda p: _resource(p, "facts").update({"path": "C:facts.csv"}), 3, "path", "relative"),
    ("type named in the message", lambda p: _fields(p, "facts")["excerpt"].update({"type": "date"}), 3,
     "schema.fields[1].type", "'date' is not a type the loader reads; use one of string, integer, number, boolean"),
    ("unknown property of a resource", lambda p: _resource(p, "facts").update({"pathh": "x"}), 3, "pathh",
     "unknown property of a resource (a typo?). Known: name, path, title, description, format, encoding, schema"),
    ("unknown property of a schema", lambda p: _resource(p, "facts")["schema"].update({"primarykey": "x"}), 3,
     "schema.primarykey", "unknown property of a schema"),
    ("unknown property of a field", lambda p: _fields(p, "facts")["excerpt"].update({"format": "x"}), 3,
     "schema.fields[1].format", "unknown property of a field"),
    ("unknown constraint of a text", lambda p: _fields(p, "facts")["excerpt"]["constraints"].update({"maximum": 3}), 3,
     "schema.fields[1].constraints.maximum", "unknown property of the constraints of a string field"),
    ("unknown property of the excerpt rule", lambda p: _resource(p, "facts")["x-excerptFrom"].update({"file": "x"}), 3,
     "x-excerptFrom.file", "unknown property of the excerpt rule"),
    ("unknown property of a licence", lambda p: p.update({"licenses": [{"name": "x", "url": "y"}]}), None,
     "licenses[0].url", "unknown property of a licence"),
    ("unknown property of a source", lambda p: p.update({"sources": [{"title": "x", "url": "y"}]}), None,
     "sources[0].url", "unknown property of a source"),
    ("the package needs its resources", lambda p: p.pop("resources"), None, "resources",
     "the data package needs this property"),
    ("a quoted table without documents", lambda p: (p["resources"].pop(0), _resource(p, "claims")["schema"].update(
        {"foreignKeys": []})), 1, "x-quoteSource", "a quoted table needs a \"documents\" table"),
    ("a quoted table without doc_id", lambda p: (_resource(p, "claims")["schema"].update({"foreignKeys": []}),
                                                 _resource(p, "claims")["schema"]["fields"].pop(1)), 2,
     "x-quoteSource", "'doc_id' is not a field of table 'claims'"),
    ("documents quoting themselves", lambda p: (_resource(p, "documents").update({"x-quoteSource": "title"}),
                                                _fields(p, "documents")["title"].update(REQUIRED),
                                                _resource(p, "documents")["schema"].update({"foreignKeys": [
                                                    {"fields": "doc_id", "reference": {"resource": "documents",
                                                                                       "fields": "doc_id"}}]})),
     1, "schema.foreignKeys", "in a circle (documents -> documents)"),
]


@pytest.mark.parametrize("damage, position, column, words", [case[1:] for case in DESCRIPTOR_CASES_MORE],
                         ids=[case[0] for case in DESCRIPTOR_CASES_MORE])
def test_a_damaged_descriptor_says_what_is_wrong(tmp_path: Path, damage: Callable[[Package], Any],
                                                 position: int | None, column: str | None, words: str) -> None:
    error = descriptor_error(tmp_path, damage)
    assert where(error) == ("data/datapackage.json", position, column) and words in str(error)
    if column and not column.startswith("x-"):
        assert "project rule" not in str(error)  # the list of rules is for a misspelled x- property only


def _corrections(package: Package, kinds: list[str] | None, except_kinds: list[str] | None) -> None:
    """Add a corrections table (rule x-concernsAClaim) of the claims, which become claims (x-claims)."""
    _resource(package, "claims")["x-claims"] = True
    kind = _field("kind", constraints={"enum": kinds}) if kinds is not None else _field("kind")
    rule = {"exceptKinds": except_kinds} if except_kinds is not None else {}
    package["resources"].append({
        "name": "corrections", "path": "corrections.csv", "x-quoteSource": "quote", "x-concernsAClaim": rule,
        "schema": {"fields": [_field("correction_id"), _field("doc_id", **REQUIRED), kind, _field("quote", **REQUIRED)],
                   "foreignKeys": [{"fields": "doc_id", "reference": {"resource": "documents", "fields": "doc_id"}}]}})


def test_a_corrections_rule_names_only_known_kinds(tmp_path: Path) -> None:
    error = descriptor_error(tmp_path, lambda p: _corrections(p, ["typo", "wrong_fact"], ["typos"]))
    assert where(error) == ("data/datapackage.json", 4, "x-concernsAClaim.exceptKinds")
    assert "'typos' is not a kind of correction; known: typo, wrong_fact" in str(error)
    error = descriptor_error(tmp_path / "b", lambda p: _corrections(p, None, ["typo"]))
    assert where(error) == ("data/datapackage.json", 4, "x-concernsAClaim.exceptKinds")


def test_a_corrections_table_loads_and_its_rule_may_list_no_exception(tmp_path: Path) -> None:
    for name, except_kinds in (("a", None), ("b", ["typo"])):
        package = descriptor()
        _corrections(package, ["typo", "wrong_fact"], except_kinds)
        data = tiny_package(tmp_path / name, package=package)
        write_csv(data.parent / "corrections.csv", [{"correction_id": "k1", "doc_id": "news", "kind": "wrong_fact",
                                                     "quote": "entered Budapest on 4 November"}],
                  ["correction_id", "doc_id", "kind", "quote"])
        assert load_all_tables(data, use_cache=False)["corrections"]["kind"].tolist() == ["wrong_fact"]


def test_a_circle_through_the_corrections_rule_is_refused(tmp_path: Path) -> None:
    # Corrections need every claim table; a claim table that needs the corrections closes a circle.
    def damage(package: Package) -> None:
        _corrections(package, ["typo"], [])
        claims = _resource(package, "claims")
        claims["schema"]["fields"].append(_field("correction_id"))
        claims["schema"]["foreignKeys"].append({"fields": "correction_id",
                                                "reference": {"resource": "corrections", "fields": "correction_id"}})

    error = descriptor_error(tmp_path, damage)
    assert (error.column, "in a circle (claims -> corrections -> claims)") == (
        "schema.foreignKeys", "in a circle (claims -> corrections -> claims)") and \
        "in a circle (claims -> corrections -> claims)" in str(error)


@pytest.mark.parametrize("change", [
    lambda p: _fields(p, "claims")["low"].update({"constraints": {"minimum": 3, "maximum": 3}}),
    lambda p: _fields(p, "facts")["excerpt"]["constraints"].update({"minLength": 0, "maxLength": 0}) or
    _fields(p, "facts")["excerpt"]["constraints"].pop("maxLength"),
    lambda p: _fields(p, "claims")["share"].update({"constraints": {"enum": [4.5, 2]}}),
    lambda p: _fields(p, "claims")["low"].update({"constraints": {"enum": [3, 4]}}),
    lambda p: _fields(p, "facts")["fact_id"].update({"constraints": {"pattern": "(f1|f2)"}}),
    lambda p: p.update({"sources": [{"title": "notes", "path": "notes.md"}, {"title": "the raw files", "path": "raw/"}],
                        "licenses": [{"name": "CC-BY-4.0", "title": "x", "path": "notes.md"}]}),
    lambda p: _resource(p, "facts").update({"format": "csv", "encoding": "UTF-8"}),
    lambda p: _resource(p, "claims").update({"x-claims": True}),
], ids=["a bound equal to the other", "a length of zero", "an enum of numbers", "an enum of integers",
        "grouped alternatives", "sources and licences", "format and encoding spelled out", "a claim table"])
def test_a_valid_descriptor_loads(tmp_path: Path, change: Callable[[Package], Any]) -> None:
    package = descriptor()
    change(package)
    data = tiny_package(tmp_path / "data", package=package)
    assert set(load_all_tables(data, use_cache=False)) == {"documents", "claims", "facts"}


def test_a_source_may_be_a_folder_of_one_letter(tmp_path: Path) -> None:
    package = descriptor()
    package["sources"] = [{"title": "scans", "path": "s/"}]
    data = tiny_package(tmp_path / "data", package=package)
    (data.parent / "s").mkdir()
    assert "claims" in load_all_tables(data, use_cache=False)


def test_a_file_name_of_255_bytes_is_usable(tmp_path: Path) -> None:
    long = "f" * 251 + ".csv"
    package = descriptor()
    _resource(package, "facts")["path"] = long
    data = tiny_package(tmp_path / "data", package=package)
    (data.parent / "facts.csv").rename(data.parent / long)
    assert len(load_table("facts", datapackage=data)) == 1


@pytest.mark.parametrize("pattern, fine", [("(a|b)", True), (r"a\|b", True), ("[a|b]", True), (r"[\]|]x", True),
                                           ("(a)|b", False), ("a|b", False), (r"\\|b", False), ("[a]|b", False),
                                           ("((a|b)|c)", True), ("(a|(b))|c", False)])
def test_a_pattern_s_alternatives_must_be_grouped(pattern: str, fine: bool) -> None:
    from helpers.evidence.descriptor import pattern_problem

    problem = pattern_problem(pattern)
    assert (problem is None) is fine
    if not fine:
        assert problem == f"group the alternatives, as ({pattern}): the pattern must match the whole cell"


def test_a_descriptor_that_is_no_plain_json(tmp_path: Path) -> None:
    data = tiny_package(tmp_path / "data")
    for content, words in [('{"name": NaN}', "NaN is not a JSON number"),
                           ('{"name": -Infinity}', "-Infinity is not a JSON number"),
                           ("[" * 100_000 + "]" * 100_000, "at most a few levels of nesting")]:
        data.write_text(content, encoding="utf-8")
        error = load_error(data)
        assert where(error) == ("data/datapackage.json", None, None) and words in str(error)
    data.unlink()
    error = load_error(data)
    assert where(error) == ("data/datapackage.json", None, None)
    assert "not found: the data package descriptor is required" in str(error)


def test_a_csv_read_on_its_own_gets_its_schema_s_types_and_forms(tmp_path: Path) -> None:
    from helpers.evidence.tables import frame_from_csv

    schema = {"fields": [{"name": "n", "type": "integer"}, {"name": "x", "type": "number"},
                         {"name": "b", "type": "boolean"}, {"name": "s", "type": "string"}]}
    path = tmp_path / "t.csv"
    path.write_text("n,x,b,s\n7,2.5,false,NA\n,,,\n", encoding="utf-8")
    frame = frame_from_csv(path, schema)
    assert [str(t) for t in frame.dtypes][:3] == ["Int64", "Float64", "boolean"]
    assert frame.iloc[0].tolist() == [7, 2.5, False, "NA"] and frame.iloc[1].isna().all()
    path.write_text("n,x,b,s\n+7,2.5,false,a\n", encoding="utf-8")
    with pytest.raises(TableError) as caught:
        frame_from_csv(path, schema)
    assert where(caught.value) == ("t.csv", 1, "n")
    with pytest.raises(TableError) as caught:
        frame_from_csv(path, schema, "data/t.csv")
    assert caught.value.file == "data/t.csv"
    path.write_text("n,x,b,s\n" + "9" * 30 + ",1,true,a\n", encoding="utf-8")
    with pytest.raises(TableError, match="too large to store"):
        frame_from_csv(path, schema, "data/t.csv")


# --- checks.py: written from the mutation report ---


def _whole_words_check(rule: str, part: str, text: str) -> None:
    """Apply one of the three rules that ask for whole words: ``part`` must be whole words of ``text``."""
    from helpers.evidence.checks import check_excerpts, check_quotes, check_substrings

    if rule == "quote":
        documents = pd.DataFrame({"doc_id": ["d"], "file_name": ["d.txt"], "body_start": [0], "body_end": [len(text)],
                                  "comments_start": [None], "comments_end": [None]})
        frame = pd.DataFrame({"doc_id": ["d"], "quote": [part], "span": ["body"]})
        check_quotes("t.csv", frame, "quote", documents, lambda name: text)
    elif rule == "as written":
        check_substrings("t.csv", pd.DataFrame({"as_written": [part], "quote": [text]}), "as_written", "quote")
    else:
        check_excerpts("t.csv", pd.DataFrame({"excerpt": [part]}), "excerpt", {"data/notes.md": text})


@pytest.mark.parametrize("rule, column", [("quote", "quote"), ("as written", "as_written"), ("excerpt", "excerpt")])
def test_a_whole_occurrence_counts_after_one_cut_at_its_start(rule: str, column: str) -> None:
    # At least one occurrence on word boundaries is enough (the checks module's
    # docstring), also when an earlier one has a letter just before it.
    text = "The paratroops came first, then troops came."
    _whole_words_check(rule, "troops came", text)
    cut_only = text.replace("then troops came", "then tanks")
    with pytest.raises(TableError) as caught:
        _whole_words_check(rule, "troops came", cut_only)
    assert where(caught.value) == ("t.csv", 1, column) and "cuts a word" in str(caught.value)


# --- tables.py: written from the mutation report ---


# (Bytes, header, cells, and the tables each load passes on.)


@pytest.mark.parametrize("damage", [b"\x00", b"\r"], ids=["NUL", "CR"])
def test_the_first_damaged_line_of_a_file_is_named(package: Path, damage: bytes) -> None:
    # Lines 2 and 3 are both damaged: the error names line 2, i.e. row 1.
    rows = [_claims_bytes(claim_id=name).split(b"\n")[1] for name in ("c1", "c2")]
    damaged = [row.replace(b",news,", b",ne\x00ws,") if damage == b"\x00" else row + b"\r" for row in rows]
    _write_claims(package, b"\n".join([_claims_bytes().split(b"\n")[0], *damaged]) + b"\n")
    error = load_error(package, "claims")
    assert where(error) == ("data/claims.csv", 1, None)


def test_the_cell_length_limit_fits_a_32_bit_c_long(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "No limit" on a cell's length is the largest limit a C long of 32 bits
    # holds (Windows): csv.field_size_limit raises OverflowError beyond it there.
    import csv

    real = csv.field_size_limit

    def limit(*new: int) -> int:
        if new and not -(2**31) <= new[0] <= 2**31 - 1:
            raise OverflowError("Python int too large to convert to C long")
        return real(*new)

    monkeypatch.setattr(csv, "field_size_limit", limit)
    assert load_table("claims", datapackage=package)["claim_id"].tolist() == ["c1"]


def test_an_empty_header_given_to_the_header_check_misses_every_column(tmp_path: Path) -> None:
    # Called on its own (benchmarks/strict_checks.py does), the header check
    # names the first missing column of an empty file too.
    from helpers.evidence.tables import check_header

    schema = {"fields": [_field("a"), _field("b")]}
    (tmp_path / "t.csv").write_bytes(b"")
    with pytest.raises(TableError) as caught:
        check_header(tmp_path / "t.csv", "data/t.csv", schema)
    assert where(caught.value) == ("data/t.csv", 0, "a") and "missing column" in str(caught.value)


@pytest.mark.parametrize("header, first_row, row", [
    (",".join(CLAIM), 'c2,news,body,"Soviet" troops,troops,,,,,,', 1),
    (",".join(CLAIM).replace("doc_id", '"doc_id"x'), ",".join(CLAIM.values()), 0),
    (",".join(CLAIM).replace("doc_id", '"doc_id'), ",".join(CLAIM.values()), 0),
], ids=["first data row", "header", "quotation mark left open in the header"])
def test_a_quotation_mark_error_in_the_header_or_first_row_is_named(package: Path, header: str, first_row: str,
                                                                     row: int) -> None:
    _write_claims(package, f"{header}\n{first_row}\n".encode() + _claims_bytes(claim_id="c3").split(b"\n")[1] + b"\n")
    error = load_error(package, "claims")
    assert where(error) == ("data/claims.csv", row, None) and "quotation marks" in str(error)


@pytest.mark.parametrize("message, row", [
    ("Error tokenizing data. C error: Expected 11 fields in line 3, saw 12", 2),
    ("Error tokenizing data. C error: out of memory", None),
], ids=["with a line", "without a line"])
def test_a_failure_of_the_csv_reader_after_the_checks_names_the_file(package: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     message: str, row: int | None) -> None:
    # Defence in depth: should pandas fail where the header check did not,
    # the error is still a TableError on data/claims.csv (with its row if pandas gives one).
    def fail(*args: Any, **kwargs: Any) -> pd.DataFrame:
        raise pd.errors.ParserError(message)

    monkeypatch.setattr(pd, "read_csv", fail)
    error = load_error(package, "claims")
    assert where(error) == ("data/claims.csv", row, None) and "cannot be read as CSV" in str(error)


@pytest.mark.parametrize("bad, words", [("o\x0bk", "control character"), (" ok", "begins or ends with a space")])
def test_a_hidden_character_error_shows_the_cell_at_fault(bad: str, words: str) -> None:
    from helpers.evidence.tables import check_cell_forms

    schema = {"fields": [{"name": "text", "type": "string"}]}
    for cells, row in ((["first", bad, "last"], 2), ([bad, "second", "last"], 1)):
        with pytest.raises(TableError) as caught:
            check_cell_forms(pd.DataFrame({"text": cells}), schema, "data/t.csv")
        assert where(caught.value) == ("data/t.csv", row, "text") and words in str(caught.value)
        shown = str(caught.value)
        assert repr(bad) in shown and "'first'" not in shown and "'last'" not in shown


def test_loading_the_documents_verifies_the_raw_files(package: Path) -> None:
    (package.parent / "raw" / "news.txt").write_text(TEXT + "An added line.\n", encoding="utf-8")
    error = load_error(package, "documents")
    assert (error.file, error.row) == ("data/documents.csv", 1)


def test_a_notes_file_that_is_not_utf8_is_named_by_the_loader(package: Path) -> None:
    (package.parent / "notes.md").write_bytes(NOTES.encode() + b"caf\xe9\n")
    error = load_error(package, "facts")
    assert where(error) == ("data/notes.md", None, None) and "not valid UTF-8" in str(error)


def test_the_tables_given_are_passed_on_to_the_tables_a_load_needs(tmp_path: Path) -> None:
    # facts -> claims (a foreign key) -> documents; corrections -> claims (x-concernsAClaim).
    # The documents given are used all the way down, never read again.
    package = descriptor()
    _corrections(package, ["typo", "wrong_fact"], [])
    facts = _resource(package, "facts")
    facts["schema"]["fields"].append(_field("claim_id"))
    facts["schema"]["foreignKeys"] = [{"fields": "claim_id", "reference": {"resource": "claims", "fields": "claim_id"}}]
    data = tiny_package(tmp_path / "data", package=package)
    write_csv(data.parent / "facts.csv", [{"fact_id": "f1", "excerpt": "occupied on 4 November", "claim_id": "c1"}],
              ["fact_id", "excerpt", "claim_id"])
    write_csv(data.parent / "corrections.csv", [{"correction_id": "k1", "doc_id": "news", "kind": "wrong_fact",
                                                 "quote": "entered Budapest on 4 November"}],
              ["correction_id", "doc_id", "kind", "quote"])
    documents = load_table("documents", datapackage=data)
    (data.parent / "documents.csv").write_text("broken", encoding="utf-8")  # would fail if read again
    assert load_table("facts", {"documents": documents}, datapackage=data)["claim_id"].tolist() == ["c1"]
    assert load_table("corrections", {"documents": documents}, datapackage=data)["kind"].tolist() == ["wrong_fact"]


def test_a_document_edited_within_the_same_modification_time_is_read_again(tmp_path: Path) -> None:
    # A coarse clock (or a copy that keeps the time) can leave the time unchanged: the size still tells.
    from helpers.evidence.tables import read_document_text

    path = tmp_path / "doc.txt"
    path.write_text("first version\n", encoding="utf-8")
    before = path.stat()
    assert read_document_text(path) == "first version\n"
    path.write_text("second version, longer\n", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert read_document_text(path) == "second version, longer\n"


@pytest.mark.parametrize("header, column", [("a,b,c", "c"), ("a,c", "b")], ids=["extra column", "wrong column"])
def test_a_header_frictionless_refuses_names_its_column(tmp_path: Path, header: str, column: str) -> None:
    # Defence in depth: the header check runs first; a header error frictionless
    # finds is still a TableError naming the column (and no data row).
    from helpers.evidence.tables import validate_with_frictionless

    cells = ",".join("1" for _ in header.split(","))
    (tmp_path / "x.csv").write_text(f"{header}\n{cells}\n", encoding="utf-8")
    resource = {"name": "x", "path": "x.csv", "schema": {"fields": [_field("a"), _field("b")]}}
    with pytest.raises(TableError) as caught:
        validate_with_frictionless(resource, tmp_path)
    assert (caught.value.file, caught.value.column) == ("data/x.csv", column) and caught.value.row in (None, 0)


def test_an_integer_with_a_letter_is_not_told_it_is_too_large(tmp_path: Path) -> None:
    data = tiny_package(tmp_path / "data", claims=claim(low="X3"))
    error = load_error(data, "claims")
    assert where(error) == ("data/claims.csv", 1, "low")
    assert "'X3' is not an integer in plain digits" in str(error) and "too large" not in str(error)


def test_an_integer_column_is_int64_even_with_no_value(tmp_path: Path) -> None:
    from helpers.evidence.tables import frame_from_csv

    schema = {"fields": [{"name": "n", "type": "integer"}, {"name": "s", "type": "string"}]}
    path = tmp_path / "t.csv"
    for content in ("n,s\n", "n,s\n,a\n,b\n"):  # no row; no value in the column
        path.write_text(content, encoding="utf-8")
        assert str(frame_from_csv(path, schema)["n"].dtype) == "Int64", content


def test_typed_frame_keeps_each_value_in_its_row(tmp_path: Path) -> None:
    # Whatever the frame's index (here: the last two rows of a checked frame).
    from helpers.evidence.tables import typed_frame

    schema = {"fields": [{"name": "n", "type": "integer"}, {"name": "x", "type": "number"},
                         {"name": "b", "type": "boolean"}]}
    text = pd.DataFrame({"n": ["1", None, "9"], "x": ["0.5", "2.5", None], "b": ["true", None, "false"]},
                        index=[10, 20, 30]).iloc[1:]
    typed = typed_frame(text, schema, "data/t.csv")
    assert typed.index.tolist() == [20, 30]
    assert typed["n"].fillna(-1).tolist() == [-1, 9] and typed["x"].fillna(-1).tolist() == [2.5, -1]
    assert typed["b"].fillna(True).tolist() == [True, False]


def test_loading_every_table_loads_each_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The tables loaded so far are passed on (load_table's ``tables``): a table
    # a key points to is not validated again (documents: its whole corpus).
    import helpers.evidence.tables

    loaded: list[str] = []
    real = helpers.evidence.tables.load_table

    def counting(name: str, *args: Any, **kwargs: Any) -> pd.DataFrame:
        loaded.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(helpers.evidence.tables, "load_table", counting)
    load_all_tables(tiny_package(tmp_path / "data"), use_cache=False)
    assert sorted(loaded) == ["claims", "documents", "facts"]


def test_the_cache_folder_is_made_with_its_parents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import helpers.evidence.tables

    folder = tmp_path / "build" / "cache"  # a fresh checkout has no build/ yet
    monkeypatch.setattr(helpers.evidence.tables, "CACHE_DIR", folder)
    load_all_tables(tiny_package(tmp_path / "data"))
    assert [entry.suffix for entry in folder.iterdir()] == [".pickle"]


def test_pruning_the_cache_while_another_process_prunes_it(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests and notebooks run in parallel: entries listed here may be gone
    # (pruned by another process) before they are dated or removed.
    import helpers.evidence.tables
    from helpers.evidence.tables import prune_cache

    cache_dir.mkdir()
    for age, name in enumerate("abcd"):  # a oldest, d newest
        path = cache_dir / f"tables-{name}.pickle"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + age, 1_000_000 + age))

    class PrunedMeanwhile:
        def glob(self, pattern: str) -> list[Path]:
            listed = sorted(cache_dir.glob(pattern))
            for path in listed[:2]:
                path.unlink()  # the other process removes the two oldest
            return listed

    monkeypatch.setattr(helpers.evidence.tables, "CACHE_DIR", PrunedMeanwhile())
    prune_cache(keep=2)
    assert sorted(path.name for path in cache_dir.iterdir()) == ["tables-c.pickle", "tables-d.pickle"]


def test_a_cached_load_is_not_served_for_raw_names_that_run_together(cache_dir: Path, tmp_path: Path) -> None:
    # The fingerprint runs names and contents together: a document file
    # 'afoldernews.txt' must not pass for a folder 'a' then a file 'news.txt'
    # of the same bytes (every entry of raw/ is named by its path, raw/...).
    from helpers.evidence.tables import package_fingerprint

    data = tiny_package(tmp_path / "data", documents=[{**document_row(), "file_name": "afoldernews.txt"}])
    raw = data.parent / "raw"
    (raw / "news.txt").rename(raw / "afoldernews.txt")
    assert load_all_tables(data)["documents"]["file_name"].tolist() == ["afoldernews.txt"]  # valid: cached
    before = package_fingerprint(data)
    (raw / "afoldernews.txt").rename(raw / "news.txt")
    (raw / "a").mkdir()
    assert package_fingerprint(data) != before
    with pytest.raises(TableError) as caught:
        load_all_tables(data)
    assert caught.value.file == "data/documents.csv"


# --- corpus.py: written from the mutation report ---


def test_a_link_that_stays_inside_raw_is_checked_like_the_file(tmp_path: Path) -> None:
    # Only a link *out of* data/raw/ is refused. A document's name may link to
    # another file of raw/ (here a hidden one, which needs no row), also when
    # raw/ is itself a link to the folder that holds the documents.
    from helpers.evidence.corpus import corpus_errors

    store = tmp_path / "store"
    store.mkdir()
    (store / ".news-as-received.txt").write_text(TEXT, encoding="utf-8")
    (store / "news.txt").symlink_to(".news-as-received.txt")
    raw = tmp_path / "raw"
    raw.symlink_to(store, target_is_directory=True)
    assert corpus_errors(_document_frame(), raw) == []
    # The file is read through the link: its row is still checked against it.
    assert _problems(tmp_path, _document_frame(n_chars=1), raw) == [(1, "n_chars")]


# --- descriptor.py: written from the mutation report ---


@pytest.mark.parametrize("damage, position, column", [
    (lambda p: _resource(p, "claims")["schema"].update({"primaryKey": 7}), 2, "schema.primaryKey"),
    (lambda p: _resource(p, "claims")["schema"].update({"primaryKey": {"claim_id": 1}}), 2, "schema.primaryKey"),
    (lambda p: _resource(p, "claims")["schema"]["foreignKeys"][0].update({"fields": {"doc_id": 1}}), 2,
     "schema.foreignKeys[0].fields"),
    (lambda p: _resource(p, "claims")["schema"]["foreignKeys"][0]["reference"].update({"fields": {"doc_id": 1}}), 2,
     "schema.foreignKeys[0].reference.fields"),
    (lambda p: _resource(p, "facts")["x-excerptFrom"].update({"path": {"notes.md": 1}}), 3, "x-excerptFrom.path"),
], ids=["primary key a number", "primary key an object", "foreign key fields an object",
        "reference fields an object", "excerpt path an object"])
def test_a_text_or_list_of_texts_is_nothing_else(tmp_path: Path, damage: Callable[[Package], Any], position: int,
                                                  column: str) -> None:
    error = descriptor_error(tmp_path, damage)
    assert where(error) == ("data/datapackage.json", position, column) and "a list of texts" in str(error)


def test_documents_may_refer_to_a_table_that_quotes_nothing(tmp_path: Path) -> None:
    # Only a quoted table needs the documents; the documents may need a table that does not quote them.
    package = descriptor()
    _add_field(package, "documents", _field("fact_id"))
    _resource(package, "documents")["schema"]["foreignKeys"] = [
        {"fields": "fact_id", "reference": {"resource": "facts", "fields": "fact_id"}}]
    data = tiny_package(tmp_path / "data", package=package)
    write_csv(data.parent / "documents.csv", [{**document_row(), "fact_id": "f1"}], [*document_row(), "fact_id"])
    assert load_all_tables(data, use_cache=False)["documents"]["fact_id"].tolist() == ["f1"]


def test_a_circle_through_a_foreign_key_of_the_corrections_is_refused(tmp_path: Path) -> None:
    # The corrections need their foreign keys' tables as well as the claim tables.
    def damage(package: Package) -> None:
        _corrections(package, ["typo"], [])
        corrections, facts = _resource(package, "corrections"), _resource(package, "facts")
        corrections["schema"]["fields"].append(_field("fact_id"))
        corrections["schema"]["foreignKeys"].append({"fields": "fact_id",
                                                     "reference": {"resource": "facts", "fields": "fact_id"}})
        facts["schema"]["fields"].append(_field("correction_id"))
        facts["schema"]["foreignKeys"] = [{"fields": "correction_id",
                                           "reference": {"resource": "corrections", "fields": "correction_id"}}]

    error = descriptor_error(tmp_path, damage)
    assert where(error) == ("data/datapackage.json", 3, "schema.foreignKeys") and "in a circle" in str(error)


def test_a_property_of_the_wrong_kind_shows_the_value_written(tmp_path: Path) -> None:
    error = descriptor_error(tmp_path, lambda p: _resource(p, "facts").update({"title": ["Facts", 2]}))
    assert where(error) == ("data/datapackage.json", 3, "title") and '["Facts", 2]' in str(error)
