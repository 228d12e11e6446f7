"""The loader: dtypes from the data package, and one clear error for bad input.

Each bad-input case breaks a copy of a real table in one way and checks that
the error names the file, the row and the column, and that nothing loads.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.evidence.tables import (
    PANDAS_DTYPES,
    TableError,
    load_all_tables,
    load_table,
    package_fingerprint,
    read_datapackage,
    resource_names,
)


def test_every_table_loads_with_the_dtypes_its_schema_declares() -> None:
    tables = load_all_tables(use_cache=False)
    assert set(tables) == set(resource_names())
    for name, frame in tables.items():
        resource = next(r for r in read_datapackage()["resources"] if r["name"] == name)
        fields = resource["schema"]["fields"]
        assert list(frame.columns) == [field["name"] for field in fields]
        for field in fields:
            expected = pd.api.types.pandas_dtype(PANDAS_DTYPES[field.get("type", "string")])
            assert frame[field["name"]].dtype == expected, (name, field["name"])


def test_every_field_is_described() -> None:
    for resource in read_datapackage()["resources"]:
        assert resource.get("description"), resource["name"]
        for field in resource["schema"]["fields"]:
            assert field.get("type") in PANDAS_DTYPES, (resource["name"], field["name"])


def _rewrite(path: Path, edit) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(edit(lines)), encoding="utf-8")


def _error(data_copy: Path, table: str = "documents") -> TableError:
    with pytest.raises(TableError) as caught:
        load_table(table, datapackage=data_copy / "datapackage.json")
    return caught.value


def _set_cell(line: str, column: int, value: str) -> str:
    import csv
    import io

    cells = next(csv.reader([line]))
    cells[column] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def test_wrong_type(data_copy: Path) -> None:
    _rewrite(data_copy / "documents.csv", lambda ls: [ls[0], _set_cell(ls[1], 5, "many"), *ls[2:]])
    error = _error(data_copy)
    assert (error.file, error.row, error.column) == ("data/documents.csv", 1, "n_chars")
    assert "data/documents.csv, row 1 (line 2), column 'n_chars'" in str(error)


def test_negative_count(data_copy: Path) -> None:
    _rewrite(data_copy / "documents.csv", lambda ls: [ls[0], ls[1], _set_cell(ls[2], 6, "-4"), *ls[3:]])
    error = _error(data_copy)
    assert (error.row, error.column) == (2, "body_start")


def test_duplicate_key(data_copy: Path) -> None:
    _rewrite(data_copy / "documents.csv", lambda ls: [*ls[:3], _set_cell(ls[3], 0, "essay"), *ls[4:]])
    error = _error(data_copy)
    assert error.row == 3 and error.column == "doc_id"


def test_missing_column(data_copy: Path) -> None:
    def drop_genre(lines: list[str]) -> list[str]:
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for cells in csv.reader(lines[:-1] if lines[-1] == "" else lines):
            writer.writerow(cells[:3] + cells[4:])
        return out.getvalue().split("\n")

    _rewrite(data_copy / "documents.csv", drop_genre)
    error = _error(data_copy)
    assert (error.row, error.column) == (0, "genre") and "missing column" in str(error)


def test_extra_column(data_copy: Path) -> None:
    _rewrite(data_copy / "documents.csv", lambda ls: [ls[0] + ",source_url", *(l + ",x" if l else l for l in ls[1:])])
    error = _error(data_copy)
    assert (error.row, error.column) == (0, "source_url") and "unexpected column" in str(error)


def test_columns_out_of_order(data_copy: Path) -> None:
    _rewrite(data_copy / "topics.csv", lambda ls: ["label,topic_id,pattern", *ls[1:]])
    error = _error(data_copy, "topics")
    assert (error.row, error.column) == (0, "label") and "out of order" in str(error)


def test_empty_file(data_copy: Path) -> None:
    (data_copy / "documents.csv").write_bytes(b"")
    error = _error(data_copy)
    assert error.file == "data/documents.csv" and "empty" in str(error)


def test_byte_order_mark_is_rejected_not_mangled(data_copy: Path) -> None:
    path = data_copy / "documents.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert "byte-order mark" in str(_error(data_copy))


def test_crlf_line_endings_are_rejected_not_mangled(data_copy: Path) -> None:
    path = data_copy / "documents.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    error = _error(data_copy)
    assert "CRLF" in str(error) and error.file == "data/documents.csv"


def test_invalid_utf8_is_rejected(data_copy: Path) -> None:
    path = data_copy / "topics.csv"
    path.write_bytes(path.read_bytes().replace(b"R\xc3\xa1kosi", b"R\xe1kosi", 1))
    error = _error(data_copy, "topics")
    assert "UTF-8" in str(error) and error.row == 1


def test_missing_required_value(data_copy: Path) -> None:
    _rewrite(data_copy / "topics.csv", lambda ls: [ls[0], _set_cell(ls[1], 2, ""), *ls[2:]])
    error = _error(data_copy, "topics")
    assert (error.file, error.row, error.column) == ("data/topics.csv", 1, "pattern")


def test_the_cache_returns_exactly_what_validation_returns() -> None:
    validated = load_all_tables(use_cache=False)
    load_all_tables()  # writes the cache entry if it was missing
    cached = load_all_tables()
    assert validated.keys() == cached.keys()
    for name in validated:
        pd.testing.assert_frame_equal(validated[name], cached[name])


@pytest.mark.parametrize("changed", ["raw/000_8f1f4606637a7337.txt", "estimates.csv", "reference/reference_facts.md",
                                     "datapackage.json"])
def test_any_changed_input_changes_the_fingerprint(data_copy: Path, changed: str) -> None:
    before = package_fingerprint(data_copy / "datapackage.json")
    path = data_copy / changed
    path.write_bytes(path.read_bytes() + b" ")
    assert package_fingerprint(data_copy / "datapackage.json") != before


def test_a_broken_copy_is_validated_not_served_from_the_cache(data_copy: Path) -> None:
    load_all_tables(data_copy / "datapackage.json")  # a valid copy: cached
    path = data_copy / "estimates.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",over,", ",roughly,", 1), encoding="utf-8")
    with pytest.raises(TableError):
        load_all_tables(data_copy / "datapackage.json")
