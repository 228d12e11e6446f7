"""Property-based tests (hypothesis): random damage to valid data.

Every mutation of a valid table, of the data package descriptor or of a raw
document ends in a valid load or in the project's own TableError, never in
another exception and never in a silently changed value; any changed byte of
a raw document is detected by the loader itself.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.paths import DATA_DIR
from helpers.evidence.tables import TableError, load_all_tables, load_table, read_datapackage, resource_descriptor

TABLES = ("estimates", "leadership_changes", "event_claims", "documents", "name_variants", "scholarly_estimates")
QUOTED_TABLES = ("estimates", "leadership_changes", "event_claims", "name_variants")
SETTINGS = settings(max_examples=10, deadline=None)


@contextmanager
def fresh_data() -> Iterator[Path]:
    """A writable copy of data/ for one example."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "data"
        shutil.copytree(DATA_DIR, target)
        for path in target.rglob("*"):
            path.chmod(0o644 if path.is_file() else 0o755)
        yield target


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def load_or_error(data: Path, table: str) -> pd.DataFrame | TableError:
    """The loaded table, or the TableError it raised; any other exception fails the test."""
    try:
        return load_table(table, datapackage=data / "datapackage.json")
    except TableError as error:
        assert error.file.startswith("data/") and str(error)
        return error


def same_value(cell: str, value: object, field_type: str) -> bool:
    """Does the loaded value say what the CSV cell says?"""
    if cell == "":
        return pd.isna(value)
    if pd.isna(value):
        return False
    if field_type == "integer":
        return int(cell) == value and str(int(cell)) == cell
    if field_type == "number":
        return float(cell) == value
    if field_type == "boolean":
        return {"true": True, "false": False}[cell] == value
    return cell == value


def assert_faithful(data: Path, table: str, frame: pd.DataFrame) -> None:
    """Every loaded value is exactly what the file says: nothing coerced or dropped."""
    resource = resource_descriptor(table, read_datapackage(data / "datapackage.json"))
    rows = read_rows(data / resource["path"])
    assert len(frame) == len(rows) - 1
    types = {field["name"]: field["type"] for field in resource["schema"]["fields"]}
    for position, row in enumerate(rows[1:]):
        for name, cell in zip(rows[0], row):
            assert same_value(cell, frame.iloc[position][name], types[name]), (position, name, cell)


@SETTINGS
@given(table=st.sampled_from(TABLES), where=st.tuples(st.integers(0, 10_000), st.integers(0, 100)),
       text=st.text(max_size=30))
def test_a_replaced_cell_loads_faithfully_or_fails_clearly(table: str, where: tuple[int, int], text: str) -> None:
    with fresh_data() as data:
        path = data / resource_descriptor(table, read_datapackage(data / "datapackage.json"))["path"]
        rows = read_rows(path)
        row, column = 1 + where[0] % (len(rows) - 1), where[1] % len(rows[0])
        rows[row][column] = text
        write_rows(path, rows)
        outcome = load_or_error(data, table)
        if isinstance(outcome, pd.DataFrame):
            assert_faithful(data, table, outcome)


@SETTINGS
@given(table=st.sampled_from(TABLES), which=st.integers(0, 10_000))
def test_a_duplicated_row_is_refused(table: str, which: int) -> None:
    with fresh_data() as data:
        path = data / resource_descriptor(table, read_datapackage(data / "datapackage.json"))["path"]
        rows = read_rows(path)
        row = 1 + which % (len(rows) - 1)
        write_rows(path, rows[: row + 1] + [rows[row]] + rows[row + 1:])
        outcome = load_or_error(data, table)
        assert isinstance(outcome, TableError) and outcome.row is not None


@SETTINGS
@given(table=st.sampled_from(TABLES), which=st.integers(0, 100),
       new_name=st.one_of(st.none(), st.from_regex(r"[a-z_]{1,12}", fullmatch=True)))
def test_a_dropped_or_renamed_column_is_refused(table: str, which: int, new_name: str | None) -> None:
    with fresh_data() as data:
        path = data / resource_descriptor(table, read_datapackage(data / "datapackage.json"))["path"]
        rows = read_rows(path)
        column = which % len(rows[0])
        if new_name is None:
            rows = [row[:column] + row[column + 1:] for row in rows]
        elif new_name in rows[0]:
            return  # renaming a column to a name the table already has is a different mutation
        else:
            rows[0][column] = new_name
        write_rows(path, rows)
        outcome = load_or_error(data, table)
        assert isinstance(outcome, TableError) and outcome.row == 0


@SETTINGS
@given(table=st.sampled_from(QUOTED_TABLES), which=st.integers(0, 10_000), at=st.integers(0, 10_000),
       char=st.characters(blacklist_categories=("Cs",)))
def test_a_changed_character_in_a_quote_is_caught(table: str, which: int, at: int, char: str) -> None:
    with fresh_data() as data:
        path = data / resource_descriptor(table, read_datapackage(data / "datapackage.json"))["path"]
        rows = read_rows(path)
        row, column = 1 + which % (len(rows) - 1), rows[0].index("quote")
        quote = rows[row][column]
        position = at % len(quote)
        if quote[position] == char:
            return
        rows[row][column] = quote[:position] + char + quote[position + 1:]
        write_rows(path, rows)
        outcome = load_or_error(data, table)
        if isinstance(outcome, pd.DataFrame):
            # Only possible if the changed quote still occurs verbatim in its document span.
            assert_faithful(data, table, outcome)


@SETTINGS
@given(which=st.integers(0, 100), at=st.integers(0, 100_000), byte=st.integers(0, 255),
       how=st.sampled_from(["replace", "insert", "delete"]))
def test_any_changed_byte_of_a_raw_document_stops_the_loader(which: int, at: int, byte: int, how: str) -> None:
    with fresh_data() as data:
        documents = load_table("documents", datapackage=data / "datapackage.json")
        row = which % len(documents)
        name = documents["file_name"].iloc[row]
        raw = bytearray((data / "raw" / name).read_bytes())
        position = at % len(raw)
        if how == "replace" and raw[position] == byte:
            return
        if how == "replace":
            raw[position] = byte
        elif how == "insert":
            raw.insert(position, byte)
        else:
            del raw[position]
        (data / "raw" / name).write_bytes(bytes(raw))
        outcome = load_or_error(data, "documents")
        assert isinstance(outcome, TableError)
        assert (outcome.file, outcome.row, outcome.column) == ("data/documents.csv", row + 1, "sha256")


# --- damaged descriptors -------------------------------------------------------------------

JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=12),
                         st.sampled_from(["string", "integer", "boolean", "../x.csv", "/etc/passwd", "quote",
                                          "documents", "x-quoteSource", "true", ""]))


def json_paths(node: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside a JSON document."""
    paths = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            paths += json_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            paths += json_paths(value, (*prefix, index))
    return paths


def damage_json(package: dict, path: tuple, how: str, value: object) -> None:
    """Delete, replace or rename (a key) the value at ``path``."""
    parent = package
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "rename" and isinstance(parent, dict):
        parent[str(value)] = parent.pop(last)
    else:
        parent[last] = value


@settings(max_examples=20, deadline=None)
@given(which=st.integers(0, 100_000), how=st.sampled_from(["delete", "replace", "rename"]), value=JSON_SCALARS)
def test_a_damaged_descriptor_loads_faithfully_or_fails_clearly(which: int, how: str, value: object) -> None:
    with fresh_data() as data:
        descriptor = data / "datapackage.json"
        package = json.loads(descriptor.read_text(encoding="utf-8"))
        paths = json_paths(package)
        damage_json(package, paths[which % len(paths)], how, value)
        descriptor.write_text(json.dumps(package), encoding="utf-8")
        try:
            tables = load_all_tables(descriptor, use_cache=False)
        except TableError as error:
            assert error.file.startswith("data/") and str(error)
            return
        for name, frame in tables.items():
            assert_faithful(data, name, frame)


