"""Load the curated tables, validated against ``data/datapackage.json``.

The data package is the one source of truth: which tables exist, their
fields, types, constraints and keys. Validation of types, constraints,
primary and foreign keys is done by the ``frictionless`` library (the
reference implementation of Table Schema); this module adds only what Table
Schema cannot say, and turns every failure into one :class:`TableError` that
names the file, the row and the column.

Nothing is coerced or dropped: a table either loads exactly as written, or
fails with an error. Before any table is read, the descriptor itself is
checked (:mod:`helpers.evidence.descriptor`); loading the documents table
verifies the raw files it describes (:func:`helpers.evidence.corpus.verify_corpus`).

Strict forms, beyond Table Schema: an integer is plain ASCII digits with an
optional minus and no leading zero (``1000``, never ``+1000``, ``01000``,
``1_000``, ``1,000``, `` 1000`` or full-width digits); a number the same with
an optional decimal part (``4.5``); a boolean exactly ``true`` or ``false``;
and no cell begins or ends with a space (invisible in a spreadsheet, it
changes every comparison).
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from functools import cache
from typing import Any

import pandas as pd

from helpers.evidence.checks import check_project_rules
from helpers.evidence.errors import TableError
from helpers.paths import CACHE_DIR, DATAPACKAGE

__all__ = ["TableError", "load_all_tables", "load_table", "read_datapackage", "resource_names"]

# Table Schema type -> pandas dtype. Integers use the nullable "Int64" so a
# gap stays a gap instead of turning the column into floats.
PANDAS_DTYPES: dict[str, str] = {
    "string": "str",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
}
TRUE_TEXT, FALSE_TEXT = "true", "false"


def read_datapackage(path: Path = DATAPACKAGE) -> dict[str, Any]:
    """The data package descriptor, checked whole before anything else is
    read (:func:`helpers.evidence.descriptor.read_descriptor`)."""
    from helpers.evidence.descriptor import read_descriptor

    return read_descriptor(path)


def resource_names(package: dict[str, Any] | None = None) -> list[str]:
    """Names of the tables described by the data package, in its order."""
    package = package or read_datapackage()
    return [resource["name"] for resource in package["resources"]]


def resource_descriptor(name: str, package: dict[str, Any] | None = None) -> dict[str, Any]:
    """The descriptor of one table of the data package."""
    package = package or read_datapackage()
    for resource in package["resources"]:
        if resource["name"] == name:
            return resource
    raise TableError("data/datapackage.json", None, None,
                     f"no table named {name!r}; known: {', '.join(resource_names(package))}")


def pandas_dtypes(schema: dict[str, Any]) -> dict[str, str]:
    """The pandas dtype of every field of a Table Schema."""
    return {field["name"]: PANDAS_DTYPES[field["type"]] for field in schema["fields"]}


def check_file_bytes(path: Path, label: str) -> bool:
    """Reject what a CSV reader would silently change: no file, empty file,
    a byte-order mark, CR line endings, or bytes that are not UTF-8. Return
    whether the file holds a control character (:data:`CONTROL_CODES`): then
    :func:`check_cell_forms` must look for the cell that holds it."""
    if not path.is_file():
        what = "is a folder, not a CSV file" if path.is_dir() else "not found"
        raise TableError(label, None, None, f"{what}: restore the file, or fix the table's path in "
                                            "data/datapackage.json")
    raw = path.read_bytes()
    if not raw or raw.isspace():  # (strip() would copy the whole file)
        raise TableError(label, None, None, "the file is empty (a header row is required)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise TableError(label, None, None, "starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TableError(label, None, None, "is saved as UTF-16: save it as UTF-8 (CSV UTF-8 in a spreadsheet)")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise TableError(label, line - 1 if line > 1 else None, None,
                         f"line {line} holds a NUL byte: the file is damaged or not a CSV text file")
    if b"\r" in raw:
        line = raw[: raw.index(b"\r")].count(b"\n") + 1
        raise TableError(label, line - 1 if line > 1 else None, None,
                         f"line {line} ends with a carriage return (CRLF); use LF line endings")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TableError(label, line - 1 if line > 1 else None, None,
                         f"byte {error.start} is not valid UTF-8: save the file as UTF-8 (CSV UTF-8 in a "
                         "spreadsheet)") from None
    # One fast byte search per code (no byte of a multi-byte UTF-8 character
    # is below 0x80), where a pattern would test every character of every cell.
    return any(code in raw for code in CONTROL_BYTES)


def check_header(path: Path, label: str, schema: dict[str, Any]) -> None:
    """The header must name exactly the schema's fields, in order (say which
    column is missing, unexpected, repeated or out of place), and every row
    must have as many cells as the header (a comma too many or a quotation
    mark left open shifts every cell after it). The file is read again
    rather than parsed from the text :func:`check_file_bytes` decoded: the csv
    module reads a file faster than an ``io.StringIO`` (measured on the
    1000x corpus: 0.3 s of 2.3 s)."""
    import csv

    expected = [field["name"] for field in schema["fields"]]
    # No limit on a cell's length: the default (128 kB) would refuse a long
    # note, and frictionless raises it only once imported, so that the
    # outcome would depend on the order in which tables are loaded.
    csv.field_size_limit(2**31 - 1)
    with open(path, encoding="utf-8", newline="") as handle:
        # strict: '"Ab"cd' is an error, not the cell "Abcd".
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, [])
        except csv.Error as error:  # in the header: '"doc_id"x', or a quotation mark left open
            raise TableError(label, 0, None, f"the header cannot be read as CSV ({error}): check its quotation "
                                             "marks") from None
        _check_header_names(header, expected, label)
        row = 0
        try:
            for row, cells in enumerate(reader, start=1):
                if len(cells) != len(expected):
                    raise TableError(label, row, None, f"has {len(cells)} cells, the header {len(expected)}: "
                                                       "the row has a different number of cells from the header; "
                                                       "check its commas and quotation marks")
        except csv.Error as error:
            raise TableError(label, row + 1, None, f"cannot be read as CSV ({error}): check its quotation marks") from None


def _check_header_names(header: list[str], expected: list[str], label: str) -> None:
    if header == expected:
        return
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    repeated = [name for position, name in enumerate(header) if name in header[:position]]
    if missing:
        near = [name for name in extra if _plain(name) == _plain(missing[0])]
        hint = f": the header has {near[0]!r}; write it exactly {missing[0]!r}" if near else \
            f" (the header has {len(header)} of {len(expected)} columns)"
        raise TableError(label, 0, missing[0], f"missing column{hint}")
    if extra:
        raise TableError(label, 0, extra[0], "unexpected column: it is not in the schema (data/datapackage.json)")
    if repeated:
        raise TableError(label, 0, repeated[0], "this column is named twice in the header: remove one")
    first = next(i for i, (a, b) in enumerate(zip(header, expected)) if a != b)
    raise TableError(label, 0, header[first], f"column out of order: position {first + 1} should be {expected[first]!r}")


def _plain(name: str) -> str:
    """A column name without case, spaces or invisible marks, to spot near-misses."""
    return re.sub(r"[\s\ufeff\u200b-\u200f\u2060]", "", name).casefold()


def validate_with_frictionless(resource: dict[str, Any], basepath: Path) -> None:
    """Validate one table against its Table Schema (types, constraints,
    primary key); raise the first error as a :class:`TableError`."""
    from frictionless import Resource  # imported here: only validation needs it

    descriptor = {key: value for key, value in resource.items() if not key.startswith("x-")}
    descriptor["schema"] = {k: v for k, v in resource["schema"].items() if k != "foreignKeys"}
    # Comma-separated, always: frictionless would otherwise guess the
    # delimiter from the first lines (a note full of ';' makes it guess ';').
    descriptor["dialect"] = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True}
    from frictionless import FrictionlessException

    try:
        report = Resource(descriptor, basepath=str(basepath)).validate()
    except FrictionlessException as error:  # a descriptor the checks of helpers.evidence.descriptor let through
        raise TableError("data/datapackage.json", None, resource["name"],
                         f"table {resource['name']!r} cannot be validated: {error}") from None
    if report.valid:
        return
    label = f"data/{resource['path']}"
    errors = report.tasks[0].errors if report.tasks else report.errors
    error = errors[0]
    row_number = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None) or None
    row = row_number - 1 if row_number else None
    note = error.note
    duplicate = re.search(r"the same as in the row at position (\d+)", note)
    if duplicate:  # frictionless counts the header as position 1
        first = int(duplicate.group(1)) - 1
        note = f"duplicate key: the same as row {first} (line {first + 1}); give this row its own id"
    fields = {field["name"]: field for field in resource["schema"]["fields"]}
    hint = fix_hint(error.type, note, getattr(error, "cell", None), fields.get(column, {}))
    if error.type == "constraint-error" and '"enum"' in note:
        note = "not an allowed value"  # the hint lists the values, better than frictionless's repr of the list
    raise TableError(label, row, column, f"{error.title}: {note}" + (f". {hint}" if hint else ""))


def fix_hint(error_type: str, note: str, cell: object, field: dict[str, Any]) -> str:
    """How to fix a Table Schema error, in words (frictionless says only
    what rule was broken)."""
    constraints = field.get("constraints", {})
    if error_type == "type-error" and field.get("type") == "integer" and str(cell).lstrip("-").isdigit():
        return f"the integer has {len(str(cell).lstrip('-'))} digits: it is too large to store"
    if error_type == "type-error" and field.get("type") in CANONICAL_FORMS:
        return f"{cell!r} is not {CANONICAL_FORMS[field['type']][1]}"
    if error_type == "constraint-error":
        if '"required"' in note:
            return "This cell is required: fill it"
        if '"enum"' in note:
            return _unknown_term_hint(str(cell), constraints["enum"], field.get("x-vocabulary"))
        if '"pattern"' in note:
            return f"{cell!r} does not have the required form (the regular expression {constraints['pattern']})"
        for bound, words in (("minimum", "at least"), ("maximum", "at most"), ("minLength", "at least"),
                             ("maxLength", "at most")):
            if f'"{bound}"' in note:
                unit = " characters long" if "Length" in bound else ""
                return f"{cell!r} must be {words} {constraints[bound]}{unit}"
        if '"unique"' in note:
            return "Every value of this column must be different"
    if error_type in ("missing-cell", "extra-cell"):
        return "The row has a different number of cells from the header: check its commas and quotation marks"
    if error_type == "blank-row":
        return "Remove the empty line"
    if error_type in ("missing-label", "extra-label", "blank-label", "duplicate-label"):
        return "The header must name each field of the schema once, in order"
    return ""


def _unknown_term_hint(cell: str, allowed: list[Any], vocabulary: str | None) -> str:
    """Did-you-mean and the allowed values; for a vocabulary, where its terms
    are explained and how to add one."""
    from helpers.evidence.hints import unknown_value_hint

    hint = f"{cell!r} is not one of the allowed values. {unknown_value_hint(cell, [str(v) for v in allowed])}"
    if vocabulary is None:
        return hint
    return (f"{hint}. What each term means: python -m helpers.evidence.vocabularies {vocabulary} (or "
            f"CONTRIBUTING.md). If none fits, add a term with its description to x-vocabularies.{vocabulary}.terms "
            "in data/datapackage.json")


INT64_RANGE = (-(2**63), 2**63 - 1)  # what a pandas "Int64" column can hold


# The one written form of each type (see the module docstring).
CANONICAL_FORMS: dict[str, tuple[str, str]] = {
    "integer": (r"0|-?[1-9][0-9]*", "an integer in plain digits (e.g. 1000: no sign, spaces, separators "
                                        "or leading zeros)"),
    "number": (r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?", "a number in plain digits (e.g. 1000 or 4.5: no sign, "
                                                   "spaces, separators, exponent or leading zeros)"),
    "boolean": (r"true|false", "exactly true or false"),
}


def read_text_frame(path: Path, label: str | None = None) -> pd.DataFrame:
    """Every cell of a CSV as text, exactly as written (an empty cell is missing)."""
    try:
        return pd.read_csv(path, dtype="str", keep_default_na=False, na_values=[""], encoding="utf-8")
    except pd.errors.ParserError as error:  # the validation before should have said more
        line = re.search(r"(?:line|row) (\d+)", str(error))
        raise TableError(label or path.name, int(line.group(1)) - 1 if line else None, None,
                         f"cannot be read as CSV ({error}): check its commas and quotation marks") from None


def check_cell_forms(frame: pd.DataFrame, schema: dict[str, Any], label: str,
                     control_characters: bool = True) -> None:
    """Refuse any cell not in its type's canonical form (:data:`CANONICAL_FORMS`),
    any cell that begins or ends with a space, and any control character.
    ``control_characters=False``: the caller knows there is none (the file's
    bytes say so, :func:`check_file_bytes`), so the cells are not searched."""
    for field in schema["fields"]:
        name, field_type = field["name"], field["type"]
        cells = frame[name].fillna("").tolist()
        # One regular-expression scan of the whole column (NUL-separated: a CSV
        # cell of text has none); only a column that fails is walked cell by cell.
        joined = "\0".join(cells)
        if cells and joined.count("\0") != len(cells) - 1:
            row = _first_row(cells, lambda cell: "\0" in cell)
            raise TableError(label, row, name, "holds a NUL character (a damaged file?): retype the cell")
        if control_characters and CONTROL_CHARACTER.search(joined):
            row = _first_row(cells, lambda cell: CONTROL_CHARACTER.search(cell) is not None)
            raise TableError(label, row, name, f"{cells[row - 1][:60]!r} holds an invisible control character: "
                                               "retype the cell (a line break is allowed, a form feed or tab is not)")
        if _padded(joined):
            row = _first_row(cells, _padded)
            raise TableError(label, row, name, f"{cells[row - 1]!r} begins or ends with a space "
                                               "(or a line break, or an invisible mark): remove it")
        if field_type in CANONICAL_FORMS:
            pattern, form = CANONICAL_FORMS[field_type]
            if not re.fullmatch(f"(?:{pattern})?(?:\0(?:{pattern})?)*", joined):
                row = _first_row(cells, lambda cell: bool(cell) and not re.fullmatch(pattern, cell))
                raise TableError(label, row, name, f"{cells[row - 1]!r} is not {form}")


def _first_row(cells: list[str], wrong: Callable[[str], bool]) -> int:
    """1-based row of the first cell that is ``wrong`` (the scan of the whole
    column said there is one)."""
    return next(row for row, cell in enumerate(cells, start=1) if wrong(cell))


# Spaces, and characters that show nothing (zero-width space, word joiner,
# byte-order mark...), at either end of a cell: invisible in a spreadsheet,
# they make "Nagy" and "Nagy\u200b" two different values.
INVISIBLE = r"[\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
# A NUL (the separator of cells in a joined column) next to one of them.
# The pattern begins with the literal NUL, which the regular-expression
# engine finds with a fast scan; a pattern beginning with the class would
# try it at every character (ten times slower on a large table).
PADDED_INSIDE = re.compile(rf"\0(?:{INVISIBLE}|(?<={INVISIBLE}\0))")
INVISIBLE_CHARACTER = re.compile(INVISIBLE)


def _padded(text: str) -> bool:
    """Does a cell of ``text`` (one cell, or cells joined by NULs) begin or
    end with a space or an invisible mark?"""
    return bool(INVISIBLE_CHARACTER.match(text[:1]) or INVISIBLE_CHARACTER.match(text[-1:])
                or PADDED_INSIDE.search(text))
# Control characters refused in a cell (a line break is allowed; a tab or a
# form feed is not); NUL is refused with the file's bytes.
CONTROL_CODES = (*range(0x01, 0x0A), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)
CONTROL_CHARACTER = re.compile("[" + "".join(re.escape(chr(code)) for code in CONTROL_CODES) + "]")
CONTROL_BYTES = tuple(bytes((code,)) for code in CONTROL_CODES)


def typed_frame(frame: pd.DataFrame, schema: dict[str, Any], label: str) -> pd.DataFrame:
    """A checked text frame with the dtypes its schema declares.

    Table Schema integers have no upper bound, pandas' have: an integer
    beyond 64 bits raises a :class:`TableError`."""
    frame = frame.copy()
    for name, dtype in pandas_dtypes(schema).items():
        if dtype == "boolean":
            frame[name] = frame[name].map({TRUE_TEXT: True, FALSE_TEXT: False}).astype("boolean")
        elif dtype == "Int64":
            frame[name] = _integers(frame[name], label)
        elif dtype == "Float64":
            frame[name] = _numbers(frame[name], label)
    return frame


def frame_from_csv(path: Path, schema: dict[str, Any], label: str | None = None) -> pd.DataFrame:
    """Read a CSV with the dtypes its schema declares, refusing cells not in
    canonical form (:func:`check_cell_forms`)."""
    label = label or path.name
    text = read_text_frame(path)
    check_cell_forms(text, schema, label)
    return typed_frame(text, schema, label)


SIGNIFICANT_DIGITS = 15  # what a float keeps exactly, whatever the number


def _numbers(texts: pd.Series, label: str) -> pd.Series:
    """A checked column of numbers as text -> "Float64", refusing a number a
    float cannot hold as written (more than 15 significant digits)."""
    for row, text in enumerate(texts, start=1):
        if not pd.isna(text) and not math.isfinite(float(text)):
            raise TableError(label, row, str(texts.name), f"{text[:30]}... is too large to store as a number")
        if not pd.isna(text) and len(text.lstrip("-").replace(".", "").lstrip("0").rstrip("0")) > SIGNIFICANT_DIGITS:
            raise TableError(label, row, str(texts.name), f"{text} has more than {SIGNIFICANT_DIGITS} significant "
                                                          "digits: a number is stored as a float, which would change "
                                                          "it; round it")
    return texts.astype("Float64")


def _integers(texts: pd.Series, label: str) -> pd.Series:
    """A validated column of integers as text -> "Int64", refusing values beyond 64 bits."""
    values = [None if pd.isna(text) else int(text) for text in texts]
    for row, value in enumerate(values, start=1):
        if value is not None and not INT64_RANGE[0] <= value <= INT64_RANGE[1]:
            raise TableError(label, row, str(texts.name),
                             f"integer {value} is too large to store (the limit is ±{INT64_RANGE[1]:,})")
    return pd.Series(pd.array(values, dtype="Int64"), index=texts.index, name=texts.name)


def check_foreign_keys(resource: dict[str, Any], frame: pd.DataFrame, tables: dict[str, pd.DataFrame],
                       paths: dict[str, str] | None = None) -> None:
    """Every foreign key value of ``frame`` must exist in the table it points to
    (``paths``: each table's file in ``data/``, to name it in the hint)."""
    name = resource["name"]
    for key in resource["schema"].get("foreignKeys", []):
        fields = _as_list(key["fields"])
        target_name = key["reference"]["resource"] or name
        target_fields = _as_list(key["reference"]["fields"])
        target = tables[target_name] if target_name != name else frame
        known = set(target[target_fields].itertuples(index=False, name=None))
        for position, values in enumerate(frame[fields].itertuples(index=False, name=None), start=1):
            if any(pd.isna(value) for value in values):
                continue  # an optional reference left empty
            if values not in known:
                raise TableError(f"data/{resource['path']}", position, ", ".join(fields),
                                 _unknown_key_message(values, target_fields, target_name, known,
                                                      (paths or {}).get(target_name)))


def _unknown_key_message(values: tuple[Any, ...], fields: list[str], table: str, known: set[tuple[Any, ...]],
                         path: str | None) -> str:
    """What is wrong with a foreign key value, the nearest known values and
    how to add a new one (a new document's row goes into documents.csv)."""
    from helpers.evidence.hints import unknown_value_hint

    shown = values[0] if len(values) == 1 else values
    target_file = f"data/{path}" if path else f"table {table!r}"
    labels = sorted(str(k[0] if len(k) == 1 else k) for k in known)
    new = (f"If it is a new document, add its row to {target_file} first (python -m "
           f"helpers.evidence.new_document data/raw/<its file> proposes the row)"
           if table == "documents" else f"If it is a new one, add its row to {target_file} first")
    return (f"{shown!r} is not a known {'/'.join(fields)} of table {table!r}. "
            f"{unknown_value_hint(str(shown), labels, target_file)}. {new}")


def _as_list(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def load_table(name: str, tables: dict[str, pd.DataFrame] | None = None,
               datapackage: Path = DATAPACKAGE) -> pd.DataFrame:
    """Load one table of the data package as a validated DataFrame.

    ``tables`` holds the tables its foreign keys point to, when the caller
    has them already; otherwise they are loaded too.
    """
    datapackage = Path(datapackage)
    package = read_datapackage(datapackage)
    resource = resource_descriptor(name, package)
    basepath = datapackage.parent
    path = basepath / resource["path"]
    label = f"data/{resource['path']}"
    control_characters = check_file_bytes(path, label)
    check_header(path, label, resource["schema"])
    validate_with_frictionless(resource, basepath)
    text = read_text_frame(path, label)
    check_cell_forms(text, resource["schema"], label, control_characters)
    frame = typed_frame(text, resource["schema"], label)
    tables = dict(tables or {})
    for key in resource["schema"].get("foreignKeys", []):
        target = key["reference"]["resource"]
        if target and target != name and target not in tables:  # a key into itself needs no other table
            tables[target] = load_table(target, tables, datapackage)
    check_foreign_keys(resource, frame, tables, {r["name"]: r["path"] for r in package["resources"]})
    if name == "documents":
        from helpers.evidence.corpus import verify_corpus

        verify_corpus(frame, basepath / "raw")
    # A quoted table (x-quoteSource) has a foreign key to "documents" (the
    # descriptor check requires it): the loop above has loaded them.
    check_project_rules(resource, frame, tables,
                        text_of=lambda file_name: read_document_text(basepath / "raw" / file_name),
                        read_package_file=lambda relative: read_notes_file(basepath / relative, f"data/{relative}"))
    if "x-concernsAClaim" in resource:
        _check_concerns_a_claim(resource, frame, tables, datapackage)
    return frame


def _check_concerns_a_claim(resource: dict[str, Any], frame: pd.DataFrame, tables: dict[str, pd.DataFrame],
                            datapackage: Path) -> None:
    """Rule ``x-concernsAClaim`` (see :mod:`helpers.evidence.corrections`): load the
    claim tables it needs, then check every correction concerns a claim."""
    from helpers.evidence.corrections import check_corrections_concern_claims, claim_tables

    package = read_datapackage(datapackage)
    for name in claim_tables(package):
        if name not in tables:
            tables[name] = load_table(name, tables, datapackage)
    documents = tables["documents"]
    texts = {doc_id: read_document_text(datapackage.parent / "raw" / file_name)
             for doc_id, file_name in zip(documents["doc_id"], documents["file_name"])}
    rule = resource["x-concernsAClaim"]
    check_corrections_concern_claims(f"data/{resource['path']}", frame, [tables[n] for n in claim_tables(package)],
                                     texts, except_kinds=rule.get("exceptKinds", []))


def read_document_text(path: Path) -> str:
    """The exact text of a raw document or notes file (no newline
    translation), read once per version of the file: the cache is keyed by
    its size and modification time, so an edited file is read again."""
    status = path.stat()
    return _read_text(path, status.st_size, status.st_mtime_ns)


@cache
def _read_text(path: Path, size: int, modified: int) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def read_notes_file(path: Path, label: str) -> str:
    """A notes file of the package (e.g. the reference facts), as UTF-8 text."""
    if not path.is_file():
        raise TableError(label, None, None, "file not found: the excerpts of a reference table are checked against "
                                            "it; restore it or fix x-excerptFrom in datapackage.json")
    try:
        return read_document_text(path)
    except UnicodeDecodeError as error:
        raise TableError(label, None, None, f"byte {error.start} is not valid UTF-8; save the file as UTF-8") from None


def load_all_tables(datapackage: Path = DATAPACKAGE, use_cache: bool = True) -> dict[str, pd.DataFrame]:
    """Every table of the data package, validated, keyed by name.

    Validation is a pure function of the files and of the code that checks
    them, so its result is kept in ``build/cache/`` under a fingerprint of
    all of them (:func:`package_fingerprint`): the notebooks validate once,
    not once each. Any changed byte gives a new fingerprint and a full
    validation; ``use_cache=False`` always validates.
    """
    datapackage = Path(datapackage)
    cached = CACHE_DIR / f"tables-{package_fingerprint(datapackage)}.pickle" if use_cache else None
    if cached is not None and cached.is_file():
        with open(cached, "rb") as handle:
            return pickle.load(handle)
    tables: dict[str, pd.DataFrame] = {}
    for name in resource_names(read_datapackage(datapackage)):
        tables[name] = load_table(name, tables, datapackage)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Written under a temporary name and renamed, so that a reader never
        # sees half a file (tests and notebooks run in parallel).
        partial = cached.with_suffix(f".{os.getpid()}.partial")
        with open(partial, "wb") as handle:
            pickle.dump(tables, handle)
        os.replace(partial, cached)
        prune_cache(keep=CACHE_ENTRIES)
    return tables


CACHE_ENTRIES = 8  # validated versions of the data kept in build/cache/


def prune_cache(keep: int = CACHE_ENTRIES) -> None:
    """Remove all but the ``keep`` most recently written cache entries. Another
    process may be pruning too: an entry it removed first is no error."""
    entries = sorted(CACHE_DIR.glob("tables-*.pickle"), key=_written, reverse=True)
    for stale in entries[keep:]:
        stale.unlink(missing_ok=True)


def _written(path: Path) -> float:
    """When a cache entry was written (one removed since it was listed: never)."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return -math.inf


def package_fingerprint(datapackage: Path = DATAPACKAGE) -> str:
    """SHA-256 over everything a validated load depends on: the data
    package, every table, the raw documents and other package files it
    names, the modules that validate, and the library versions."""
    from importlib.metadata import version

    import helpers.evidence.checks
    import helpers.evidence.errors

    base = datapackage.parent
    package = read_datapackage(datapackage)
    files = [datapackage, *(base / r["path"] for r in package["resources"])]
    # Every entry of raw/, files or not: the corpus check refuses a folder
    # or a file without a row there, so their names are part of what it read.
    files += sorted((base / "raw").iterdir()) if (base / "raw").is_dir() else []
    files += [base / path for r in package["resources"] if "x-excerptFrom" in r
              for path in helpers.evidence.checks.excerpt_paths(r["x-excerptFrom"])]
    import helpers.evidence.corrections

    import helpers.evidence.corpus
    import helpers.evidence.descriptor

    files += [Path(__file__), Path(helpers.evidence.checks.__file__), Path(helpers.evidence.errors.__file__),
              Path(helpers.evidence.corrections.__file__), Path(helpers.evidence.corpus.__file__),
              Path(helpers.evidence.descriptor.__file__)]
    digest = hashlib.sha256()
    for name in ("pandas", "frictionless"):
        digest.update(f"{name}={version(name)};".encode())
    digest.update(sys.version.encode())
    for path in files:
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path.name).encode())
        # A missing file is part of the fingerprint too; the load then reports it.
        if path.is_symlink():  # a link's target is checked too (it must stay inside data/)
            digest.update(b"link to " + str(path.resolve()).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file()
                      else b"folder" if path.is_dir() else b"missing")
    return digest.hexdigest()
