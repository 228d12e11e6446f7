"""Shared fixtures: a throw-away copy of the data package to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.paths import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of ``data/`` (tables, data package and raw documents)."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return target


def table_path(data_dir: Path, table: str) -> Path:
    """Where the data package in ``data_dir`` keeps a table."""
    from helpers.tables import read_datapackage, resource_descriptor

    package = read_datapackage(data_dir / "datapackage.json")
    return data_dir / resource_descriptor(table, package)["path"]


def edit_cell(data_dir: Path, table: str, row: int, column: str, value: str) -> None:
    """Set one cell (1-based data row, by column name) of a CSV in a copy."""
    import csv

    path = table_path(data_dir, table)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def append_row(data_dir: Path, table: str, values: dict[str, str]) -> None:
    """Append a row (missing columns left empty) to a CSV in a copy."""
    import csv

    path = table_path(data_dir, table)
    with open(path, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with open(path, "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([values.get(name, "") for name in header])
