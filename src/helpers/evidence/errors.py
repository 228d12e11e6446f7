"""The one error bad input raises."""

from __future__ import annotations


class TableError(ValueError):
    """A table does not match its schema.

    ``row`` is the 1-based data row (the header is row 0, so data row ``n`` is
    line ``n + 1`` of the file, unless a quoted cell spans lines); ``row`` and
    ``column`` are ``None`` when the problem concerns the whole file.
    """

    def __init__(self, file: str, row: int | None, column: str | None, message: str):
        self.file, self.row, self.column, self.message = file, row, column, message
        where = [file]
        if row == 0:
            where.append("header (line 1)")
        elif row is not None:
            where.append(f"row {row} (line {row + 1})")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}")
