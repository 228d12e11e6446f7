"""Damage to a raw document, or to its row of documents.csv, stops the loader.

The loader that the notebooks and the site use verifies the corpus whenever
it loads the documents table: every case damages a copy and loads the whole
package; the only acceptable outcome is one TableError on
``data/documents.csv`` naming the document's row and the column to fix.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit_cell

from helpers.evidence.tables import TableError, load_all_tables, load_table

Row = dict[str, str]


def _documents(data: Path) -> list[Row]:
    with open(data / "documents.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _with_comments(data: Path) -> int:
    """1-based row of a document that has a comments span."""
    return next(i for i, row in enumerate(_documents(data), start=1) if row["comments_start"])


def _load_error(data: Path) -> TableError:
    with pytest.raises(TableError) as caught:
        load_all_tables(data / "datapackage.json", use_cache=False)
    return caught.value


def _rewrite(data: Path, row: int, change: Callable[[bytes], bytes], *, record: bool) -> None:
    """Change the raw bytes of the document of ``row``; with ``record``, also
    record the new checksum and length (a contributor who "fixed" the table)."""
    document = _documents(data)[row - 1]
    path = data / "raw" / document["file_name"]
    raw = change(path.read_bytes())
    path.write_bytes(raw)
    if record:
        edit_cell(data, "documents", row, "sha256", hashlib.sha256(raw).hexdigest())
        edit_cell(data, "documents", row, "n_chars", str(len(raw.decode("utf-8", errors="replace"))))


def _cell(data: Path, row: int, column: str) -> str:
    return _documents(data)[row - 1][column]


# (case id, damage(data, row), column, words in the message)
CASES: list[tuple[str, Callable[[Path, int], None], str, str]] = [
    ("text appended", lambda d, r: _rewrite(d, r, lambda b: b + b"\nAdded later.\n", record=False), "sha256", "changed"),
    ("one byte changed", lambda d, r: _rewrite(d, r, lambda b: b[:50] + bytes([b[50] ^ 1]) + b[51:], record=False),
     "sha256", "changed"),
    ("CRLF line endings", lambda d, r: _rewrite(d, r, lambda b: b.replace(b"\n", b"\r\n"), record=False),
     "sha256", "changed"),
    ("truncated", lambda d, r: _rewrite(d, r, lambda b: b[:-10], record=False), "sha256", "changed"),
    ("CRLF recorded", lambda d, r: _rewrite(d, r, lambda b: b.replace(b"\n", b"\r\n"), record=True),
     "file_name", "carriage return"),
    ("CR on a late line only, recorded", lambda d, r: _rewrite(d, r, lambda b: b[: b.rindex(b"\n")] + b"\r" + b[b.rindex(b"\n"):],
                                                            record=True), "file_name", "carriage return"),
    ("Latin-1 bytes recorded", lambda d, r: _rewrite(d, r, lambda b: b + b"caf\xe9\n", record=True),
     "file_name", "not valid UTF-8"),
    ("wrong checksum in the table", lambda d, r: edit_cell(d, "documents", r, "sha256", "0" * 64), "sha256", "changed"),
    ("raw file missing", lambda d, r: (d / "raw" / _cell(d, r, "file_name")).unlink(), "file_name", "does not exist"),
    ("folder in place of the file", lambda d, r: ((d / "raw" / _cell(d, r, "file_name")).unlink(),
                                                  (d / "raw" / _cell(d, r, "file_name")).mkdir()),
     "file_name", "folder"),
    ("file name with a folder", lambda d, r: edit_cell(d, "documents", r, "file_name", "../" + _cell(d, r, "file_name")),
     "file_name", "plain name"),
    ("hidden file name", lambda d, r: edit_cell(d, "documents", r, "file_name", ".hidden.txt"), "file_name", "plain name"),
    ("length one too many", lambda d, r: edit_cell(d, "documents", r, "n_chars", str(int(_cell(d, r, "n_chars")) + 1)),
     "n_chars", "characters"),
    ("length one too few", lambda d, r: edit_cell(d, "documents", r, "n_chars", str(int(_cell(d, r, "n_chars")) - 1)),
     "n_chars", "characters"),
    ("title not in the file", lambda d, r: edit_cell(d, "documents", r, "title", "A Title Nobody Wrote"), "title",
     "does not occur"),
    ("body ends past the end", lambda d, r: edit_cell(d, "documents", r, "body_end", str(int(_cell(d, r, "n_chars")) + 5)),
     "body_end", "not a span inside"),
    ("body starts past the end", lambda d, r: edit_cell(d, "documents", r, "body_start", str(int(_cell(d, r, "n_chars")) + 5)),
     "body_start", "not a span inside"),
    ("body ends before it starts", lambda d, r: edit_cell(d, "documents", r, "body_end", str(int(_cell(d, r, "body_start")) - 1)),
     "body_end", "not a span inside"),
    ("body starts one character late", lambda d, r: edit_cell(d, "documents", r, "body_start",
                                                               str(int(_cell(d, r, "body_start")) + 1)),
     "body_start", "beginning of a line"),
    ("body starts one character early", lambda d, r: edit_cell(d, "documents", r, "body_start",
                                                                str(int(_cell(d, r, "body_start")) - 1)),
     "body_start", "beginning of a line"),
    ("body ends one character early", lambda d, r: edit_cell(d, "documents", r, "body_end",
                                                              str(int(_cell(d, r, "body_end")) - 1)),
     "body_end", "end of a line"),
    ("comments start without an end", lambda d, r: edit_cell(d, "documents", _with_comments(d), "comments_end", ""),
     "comments_end", "both filled or both empty"),
    ("comments end without a start", lambda d, r: edit_cell(d, "documents", _with_comments(d), "comments_start", ""),
     "comments_start", "both filled or both empty"),
    ("comments overlapping the body", lambda d, r: edit_cell(d, "documents", _with_comments(d), "comments_start",
                                                              _cell(d, _with_comments(d), "body_start")),
     "comments_start", "overlap"),
]


@pytest.mark.parametrize("damage, column, words", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_damaged_document_is_named(data_copy: Path, damage: Callable[[Path, int], None], column: str,
                                     words: str) -> None:
    comments_case = "comments" in column or "comments" in words
    row = _with_comments(data_copy) if comments_case else 1
    damage(data_copy, row)
    error = _load_error(data_copy)
    assert (error.file, error.row, error.column) == ("data/documents.csv", row, column)
    assert words.lower() in str(error).lower()


def test_a_raw_file_without_a_row(data_copy: Path) -> None:
    (data_copy / "raw" / "999_new.txt").write_text("A document nobody described.\n", encoding="utf-8")
    error = _load_error(data_copy)
    assert (error.file, error.row, error.column) == ("data/documents.csv", None, "file_name")
    assert "999_new.txt" in str(error) and "add its row" in str(error)


def test_the_documents_table_alone_verifies_the_corpus(data_copy: Path) -> None:
    # The site and the notebooks load documents on their own too.
    _rewrite(data_copy, 2, lambda b: b + b"x", record=False)
    with pytest.raises(TableError) as caught:
        load_table("documents", datapackage=data_copy / "datapackage.json")
    assert (caught.value.row, caught.value.column) == (2, "sha256")


def test_a_missing_notes_file(data_copy: Path) -> None:
    (data_copy / "reference" / "reference_facts.md").unlink()
    error = _load_error(data_copy)
    assert error.file == "data/datapackage.json" and error.column.endswith(".path")
    assert "data/reference/reference_facts.md not found" in str(error)


def test_a_notes_file_that_is_not_utf8(data_copy: Path) -> None:
    (data_copy / "reference" / "reference_facts.md").write_bytes(b"\xff\xfe notes")
    error = _load_error(data_copy)
    assert (error.file, error.row, error.column) == ("data/reference/reference_facts.md", None, None)
    assert "not valid UTF-8" in str(error)


def test_a_raw_file_that_links_outside(data_copy: Path, tmp_path: Path) -> None:
    name = _cell(data_copy, 1, "file_name")
    outside = tmp_path / "outside.txt"
    outside.write_bytes((data_copy / "raw" / name).read_bytes())
    (data_copy / "raw" / name).unlink()
    (data_copy / "raw" / name).symlink_to(outside)
    error = _load_error(data_copy)
    assert (error.row, error.column) == (1, "file_name") and "outside data/raw/" in str(error)


def test_the_same_document_twice(data_copy: Path) -> None:
    from conftest import append_row

    first = _documents(data_copy)[0]
    (data_copy / "raw" / "copy.txt").write_bytes((data_copy / "raw" / first["file_name"]).read_bytes())
    append_row(data_copy, "documents", {**first, "doc_id": "copy", "file_name": "copy.txt"})
    error = _load_error(data_copy)
    assert (error.row, error.column) == (len(_documents(data_copy)), "sha256") and "unique" in str(error).lower()


def test_the_table_cache_does_not_hide_a_damaged_corpus(data_copy: Path, tmp_path: Path) -> None:
    # Validated once, cached; then a folder appears in raw/ and a document becomes a link outside.
    load_all_tables(data_copy / "datapackage.json")
    (data_copy / "raw" / "a_folder").mkdir()
    with pytest.raises(TableError, match="a_folder"):
        load_all_tables(data_copy / "datapackage.json")
    (data_copy / "raw" / "a_folder").rmdir()
    name = _cell(data_copy, 1, "file_name")
    outside = tmp_path / "outside.txt"
    outside.write_bytes((data_copy / "raw" / name).read_bytes())
    (data_copy / "raw" / name).unlink()
    (data_copy / "raw" / name).symlink_to(outside)
    with pytest.raises(TableError, match="outside data/raw/"):
        load_all_tables(data_copy / "datapackage.json")
