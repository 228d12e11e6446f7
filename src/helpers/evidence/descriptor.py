"""The data package descriptor (``data/datapackage.json``), checked before any table is read.

The descriptor decides what every other check does: a misspelled rule name
would switch a rule off, a path climbing out of ``data/`` would read a file
the project does not own, a field type the loader cannot map would crash it.
So it is read strictly and checked whole, first:

- the file is UTF-8 JSON without a byte-order mark, an object with a list of
  resources;
- every property is one the project knows (Data Package / Table Schema
  properties, or a project rule of :mod:`helpers.evidence.checks`);
- resource names are unique identifiers; paths are relative, inside ``data/``,
  end in ``.csv`` and are unique;
- every field declares a known type (:data:`FIELD_TYPES`), a unique name, known
  constraints, and booleans read exactly ``true`` / ``false``;
- primary keys, foreign keys and project rules name fields and tables that
  exist; notes files named by ``x-excerptFrom`` exist inside ``data/``.

Every problem is a :class:`TableError` on ``data/datapackage.json`` whose
"row" is the resource (1-based) and whose "column" is the property at fault.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import Any

from helpers.evidence.checks import FIELD_RULES, RESOURCE_RULES
from helpers.evidence.errors import TableError

# Table Schema types the loader maps to a pandas dtype (see tables.PANDAS_DTYPES).
FIELD_TYPES = ("string", "integer", "number", "boolean")
PACKAGE_PROPERTIES = frozenset({
    "$schema", "profile", "name", "id", "title", "description", "homepage", "version", "created",
    "keywords", "image", "licenses", "sources", "contributors", "resources",
})
RESOURCE_PROPERTIES = frozenset({
    "name", "path", "profile", "title", "description", "format", "mediatype", "encoding", "bytes", "hash",
    "schema", "sources", "licenses",
}) | frozenset(RESOURCE_RULES)
SCHEMA_PROPERTIES = frozenset({"fields", "primaryKey", "foreignKeys", "missingValues", "title", "description"})
FIELD_PROPERTIES = frozenset({
    "name", "type", "title", "description", "example", "format", "constraints", "trueValues", "falseValues",
    "rdfType",
}) | frozenset(FIELD_RULES)
CONSTRAINTS = frozenset({"required", "unique", "minimum", "maximum", "minLength", "maxLength", "pattern", "enum"})
# What the loader needs to know of every raw document (helpers.evidence.corpus).
DOCUMENT_FIELDS = ("doc_id", "file_name", "title", "sha256", "n_chars", "body_start", "body_end",
                   "comments_start", "comments_end")
NAME = re.compile(r"[a-z][a-z0-9_]*")
LABEL = "data/datapackage.json"


def read_descriptor(path: Path) -> dict[str, Any]:
    """The descriptor at ``path``, read strictly and validated
    (:func:`validate_descriptor`); any problem is a :class:`TableError`."""
    if not path.is_file():
        raise TableError(LABEL, None, None, f"{path} not found: the data package descriptor is required")
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise TableError(LABEL, None, None, "starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TableError(LABEL, None, None, f"byte {error.start} is not valid UTF-8; save the file as UTF-8") from None
    try:
        package = json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as error:
        raise TableError(LABEL, None, None, f"not valid JSON at line {error.lineno}, column {error.colno}: "
                                            f"{error.msg}") from None
    except _DuplicateKey as error:
        raise TableError(LABEL, None, str(error), "this property is given twice in one object: keep one") from None
    validate_descriptor(package, path.parent)
    return package


class _DuplicateKey(ValueError):
    pass


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys: the first would vanish unread.
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def validate_descriptor(package: Any, base: Path) -> None:
    """Check a parsed descriptor whole (see the module docstring); ``base``
    is the folder of the data package (``data/``)."""
    if not isinstance(package, dict):
        raise TableError(LABEL, None, None, "the descriptor must be a JSON object with a \"resources\" list")
    _only_known(package, PACKAGE_PROPERTIES, None, "", "the data package")
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        raise TableError(LABEL, None, "resources", "must be a non-empty list of tables")
    for position, source in enumerate(package.get("sources", []) or [], start=1):
        if isinstance(source, dict) and "path" in source:
            _inside_data(source["path"], base, None, f"sources[{position - 1}].path", suffix=None)
    schemas: dict[str, dict[str, Any]] = {}
    paths: dict[str, str] = {}
    for position, resource in enumerate(resources, start=1):
        name = _check_resource(resource, position, base)
        if name in schemas:
            raise TableError(LABEL, position, "name", f"the name {name!r} is already used by resource "
                                                      f"{list(schemas).index(name) + 1}: names must be unique",
                             unit="resource")
        if resource["path"] in paths:
            raise TableError(LABEL, position, "path", f"{resource['path']!r} is already the path of table "
                                                      f"{paths[resource['path']]!r}", unit="resource")
        schemas[name], paths[resource["path"]] = resource["schema"], name
    for position, resource in enumerate(resources, start=1):
        _check_keys_and_rules(resource, position, schemas, base)
    if "documents" in schemas:
        missing = [name for name in DOCUMENT_FIELDS if name not in _field_names(schemas["documents"])]
        if missing:
            position = list(schemas).index("documents") + 1
            raise _fail(position, "schema.fields", f"the documents table needs the field {missing[0]!r} "
                                                   f"(it describes the raw files: {', '.join(DOCUMENT_FIELDS)})")


def _fail(position: int | None, where: str, message: str) -> TableError:
    return TableError(LABEL, position, where, message, unit="resource")


def _only_known(mapping: dict[str, Any], known: frozenset[str], position: int | None, prefix: str,
                what: str) -> None:
    for key in mapping:
        if key not in known:
            rules = " A project rule must be one of: " + ", ".join(sorted(RESOURCE_RULES | FIELD_RULES)) + "." \
                if key.startswith("x-") else ""
            raise _fail(position, f"{prefix}{key}", f"unknown property of {what} (a typo?).{rules} "
                                                    f"Known: {', '.join(sorted(k for k in known if not k.startswith('x-')))}")


def _inside_data(value: Any, base: Path, position: int | None, where: str, suffix: str | None = ".csv") -> None:
    """A path must be relative, stay inside ``data/``, and (for tables) end in ``.csv``."""
    if not isinstance(value, str) or not value.strip():
        raise _fail(position, where, "must be a path relative to data/, e.g. \"events.csv\"")
    posix = PurePosixPath(value)
    if posix.is_absolute() or value.startswith(("\\", "~")) or re.match(r"[A-Za-z]:", value) \
            or ".." in posix.parts or "\\" in value or "://" in value:
        raise _fail(position, where, f"{value!r} must be a relative path inside data/ (no '..', no absolute path)")
    resolved = (base / value).resolve()
    if not resolved.is_relative_to(base.resolve()):
        raise _fail(position, where, f"{value!r} leads outside data/ (through a link?)")
    if suffix and posix.suffix != suffix:
        raise _fail(position, where, f"{value!r} must be a {suffix} file")


def _check_resource(resource: Any, position: int, base: Path) -> str:
    if not isinstance(resource, dict):
        raise _fail(position, None, "a resource must be a JSON object with name, path and schema")
    _only_known(resource, RESOURCE_PROPERTIES, position, "", "a resource")
    name = resource.get("name")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise _fail(position, "name", f"{name!r} is not a table name: lower-case letters, digits and _")
    if "path" not in resource:
        raise _fail(position, "path", f"table {name!r} has no path: give its CSV file, relative to data/")
    _inside_data(resource["path"], base, position, "path")
    if resource.get("format", "csv") != "csv":
        raise _fail(position, "format", "only \"csv\" tables are read")
    if str(resource.get("encoding", "utf-8")).lower() != "utf-8":
        raise _fail(position, "encoding", "tables are read as \"utf-8\"; convert the file and say so")
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        raise _fail(position, "schema", f"table {name!r} needs a schema object with its fields")
    _only_known(schema, SCHEMA_PROPERTIES, position, "schema.", "a schema")
    if schema.get("missingValues", [""]) != [""]:
        raise _fail(position, "schema.missingValues", "only an empty cell means missing; remove this property")
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        raise _fail(position, "schema.fields", "must be a non-empty list of fields")
    names: set[str] = set()
    for index, field in enumerate(fields):
        where = f"schema.fields[{index}]"
        if not isinstance(field, dict):
            raise _fail(position, where, "a field must be a JSON object with name and type")
        _only_known(field, FIELD_PROPERTIES, position, f"{where}.", "a field")
        field_name = field.get("name")
        if not isinstance(field_name, str) or not field_name:
            raise _fail(position, f"{where}.name", "every field needs a name")
        if field_name in names:
            raise _fail(position, f"{where}.name", f"field {field_name!r} is declared twice")
        names.add(field_name)
        # Required, though Table Schema defaults it to string: a deleted type
        # would silently turn a column of numbers into text.
        field_type = field.get("type")
        if field_type not in FIELD_TYPES:
            raise _fail(position, f"{where}.type", f"{field_type!r} is not a type the loader reads; use one of "
                                                   f"{', '.join(FIELD_TYPES)}")
        _check_field(field, field_type, position, where)
    return name


def _check_field(field: dict[str, Any], field_type: str, position: int, where: str) -> None:
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        raise _fail(position, f"{where}.constraints", "must be an object")
    _only_known(constraints, CONSTRAINTS, position, f"{where}.constraints.", "constraints")
    for flag in ("required", "unique"):
        if flag in constraints and not isinstance(constraints[flag], bool):
            raise _fail(position, f"{where}.constraints.{flag}", "must be true or false")
    if "pattern" in constraints:
        try:
            re.compile(constraints["pattern"])
        except (re.error, TypeError) as error:
            raise _fail(position, f"{where}.constraints.pattern", f"not a valid regular expression: {error}") from None
    if "enum" in constraints and (not isinstance(constraints["enum"], list) or not constraints["enum"]):
        raise _fail(position, f"{where}.constraints.enum", "must be a non-empty list of the allowed values")
    if field_type == "boolean":
        for key, word in (("trueValues", "true"), ("falseValues", "false")):
            if field.get(key, [word]) != [word]:
                raise _fail(position, f"{where}.{key}", f"a boolean is written exactly {word!r}; set [\"{word}\"]")
    elif "trueValues" in field or "falseValues" in field:
        raise _fail(position, f"{where}.trueValues", "only a boolean field has trueValues / falseValues")


def _field_names(schema: dict[str, Any]) -> list[str]:
    return [field["name"] for field in schema["fields"]]


def _as_list(value: Any) -> list[Any]:
    return [value] if isinstance(value, str) else value if isinstance(value, list) else [value]


def _check_keys_and_rules(resource: dict[str, Any], position: int, schemas: dict[str, dict[str, Any]],
                          base: Path) -> None:
    schema, name = resource["schema"], resource["name"]
    own = _field_names(schema)
    types = {field["name"]: field.get("type", "string") for field in schema["fields"]}

    def need(column: Any, where: str) -> None:
        if not isinstance(column, str) or column not in own:
            raise _fail(position, where, f"{column!r} is not a field of table {name!r}; its fields: {', '.join(own)}")

    for column in _as_list(schema.get("primaryKey", [])):
        need(column, "schema.primaryKey")
    for index, key in enumerate(schema.get("foreignKeys", [])):
        where = f"schema.foreignKeys[{index}]"
        if not isinstance(key, dict) or not isinstance(key.get("reference"), dict):
            raise _fail(position, where, "a foreign key needs fields and a reference {resource, fields}")
        fields = _as_list(key.get("fields"))
        for column in fields:
            need(column, f"{where}.fields")
        target = key["reference"].get("resource")
        if not isinstance(target, str) or (target and target not in schemas):
            raise _fail(position, f"{where}.reference.resource",
                        f"{target!r} is not a table of the package; known: {', '.join(schemas)}")
        target_fields = _as_list(key["reference"].get("fields"))
        known = _field_names(schemas[target or name])
        for column in target_fields:
            if not isinstance(column, str) or column not in known:
                raise _fail(position, f"{where}.reference.fields",
                            f"{column!r} is not a field of table {target or name!r}; its fields: {', '.join(known)}")
        if len(target_fields) != len(fields):
            raise _fail(position, f"{where}.reference.fields", "must name as many fields as the key has")
    for index, field in enumerate(schema["fields"]):
        for rule in FIELD_RULES:
            if rule in field:
                need(field[rule], f"schema.fields[{index}].{rule}")
    if "x-quoteSource" in resource:
        need(resource["x-quoteSource"], "x-quoteSource")
        if "doc_id" not in own or "documents" not in schemas:
            raise _fail(position, "x-quoteSource", "a quoted table needs a doc_id field and a \"documents\" table")
    if "x-claims" in resource and resource["x-claims"] is not True:
        raise _fail(position, "x-claims", "must be true (or left out)")
    if "x-interval" in resource:
        pair = resource["x-interval"]
        if not isinstance(pair, list) or len(pair) != 2:
            raise _fail(position, "x-interval", "must be [low column, high column]")
        for column in pair:
            need(column, "x-interval")
            if types[column] not in ("integer", "number"):
                raise _fail(position, "x-interval", f"{column!r} must be an integer or number field")
    if "x-excerptFrom" in resource:
        rule = resource["x-excerptFrom"]
        if not isinstance(rule, dict) or set(rule) != {"column", "path"}:
            raise _fail(position, "x-excerptFrom", "must be {\"column\": ..., \"path\": notes file or list}")
        need(rule["column"], "x-excerptFrom.column")
        paths = rule["path"] if isinstance(rule["path"], list) else [rule["path"]]
        if not paths:
            raise _fail(position, "x-excerptFrom.path", "name at least one notes file")
        for path in paths:
            _inside_data(path, base, position, "x-excerptFrom.path", suffix=".md")
            if not (base / path).is_file():
                raise _fail(position, "x-excerptFrom.path", f"data/{path} not found: the excerpts are checked "
                                                            "against it; restore it or fix the path")
    if "x-concernsAClaim" in resource:
        rule = resource["x-concernsAClaim"]
        if not isinstance(rule, dict) or set(rule) - {"exceptKinds"} \
                or not isinstance(rule.get("exceptKinds", []), list):
            raise _fail(position, "x-concernsAClaim", "must be {\"exceptKinds\": [kinds exempt from the rule]}")
        if "x-quoteSource" not in resource:
            raise _fail(position, "x-concernsAClaim", "needs x-quoteSource on the same table")
