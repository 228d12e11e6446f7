"""The one error bad input raises."""

from __future__ import annotations


class TableError(ValueError):
    """A file of the data package is not what the package says it must be.

    ``file`` is the file's path as the contributor sees it (``data/...``).
    ``row`` is the 1-based data row (the header is row 0, so data row ``n`` is
    line ``n + 1`` of the file, unless a quoted cell spans lines); ``row`` and
    ``column`` are ``None`` when the problem concerns the whole file.

    In ``data/datapackage.json`` the "rows" are its resources (``unit="resource"``:
    row ``n`` is the n-th resource) and the "column" is the property at fault,
    written as a path (``schema.fields[3].type``). The message says what is
    wrong and how to fix it.
    """

    def __init__(self, file: str, row: int | None, column: str | None, message: str, *, unit: str = "row"):
        self.file, self.row, self.column, self.message, self.unit = file, row, column, message, unit
        where = [file]
        if unit != "row" and row is not None:
            where.append(f"{unit} {row}")
        elif row == 0:
            where.append("header (line 1)")
        elif row is not None:
            where.append(f"row {row} (line {row + 1})")
        if column is not None:
            where.append(f"{'property' if unit == 'resource' else 'column'} {column!r}")
        self.where = ", ".join(where)  # the place, as the message begins
        super().__init__(f"{self.where}: {message}")
