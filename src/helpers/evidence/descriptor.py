"""The data package descriptor (``data/datapackage.json``), checked before any table is read.

The descriptor decides what every other check does: a misspelled rule name
would switch a rule off, a path climbing out of ``data/`` would read a file
the project does not own, a field type the loader cannot map would crash it,
a rule on a column of the wrong type would fail on every row instead of on
the descriptor. So it is read strictly and checked whole, first:

- the file is UTF-8 JSON without a byte-order mark (no ``NaN`` or
  ``Infinity``), an object with a list of resources;
- every property is one the project reads (:data:`PACKAGE`, :data:`RESOURCE`,
  :data:`SCHEMA`, :data:`FIELD`, :data:`CONSTRAINTS`, or a project rule of
  :mod:`helpers.evidence.checks`), and its value has the JSON type it needs;
- resource names are unique identifiers; paths are relative, written
  plainly (``reference/x.csv``, not ``./reference//x.csv``), stay inside
  ``data/`` even through links, end in ``.csv`` and name distinct files;
- every field declares a type the loader reads (:data:`FIELD_TYPES`) and
  only the constraints of its type; a pattern is a valid regular expression
  whose alternatives are grouped (Table Schema anchors it as ``^pattern$``,
  so ``a|b`` would only test the start of ``a`` and the end of ``b``);
  booleans read exactly ``true`` / ``false``;
- primary keys, foreign keys and project rules name fields and tables that
  exist and have the types the rule needs; a foreign key joins fields of the
  same type; tables do not depend on each other in a circle;
- notes files (``x-excerptFrom``, ``sources``) exist inside ``data/``;
- every vocabulary (``x-vocabularies``: a description and its terms, each
  term a name with a description) is declared once, for the whole package; a
  string field that takes its values from one names it (``x-vocabulary``)
  instead of listing an ``enum``, and the descriptor read is given that
  ``enum`` (so Table Schema validation, the hints and CONTRIBUTING.md use
  the one list).

Every problem is a :class:`TableError` on ``data/datapackage.json`` whose
"row" is the resource (1-based) and whose "column" is the property at fault.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import Any

from helpers.evidence.checks import FIELD_RULES, PRECISIONS, RESOURCE_RULES
from helpers.evidence.errors import TableError

LABEL = "data/datapackage.json"
# Table Schema types the loader maps to a pandas dtype (see tables.PANDAS_DTYPES).
FIELD_TYPES = ("string", "integer", "number", "boolean")

# What each object may hold: property -> kind of JSON value (see _is_kind).
PACKAGE: dict[str, str] = {"name": "text", "title": "text", "description": "text", "licenses": "objects",
                           "sources": "objects", "resources": "objects", "x-vocabularies": "object"}
LICENSE: dict[str, str] = {"name": "text", "title": "text", "path": "text"}
SOURCE: dict[str, str] = {"title": "text", "path": "text", "email": "text"}
RESOURCE: dict[str, str] = {"name": "name", "path": "text", "title": "text", "description": "text",
                            "format": "text", "encoding": "text", "schema": "object",
                            "x-quoteSource": "text", "x-claims": "true", "x-interval": "texts",
                            "x-excerptFrom": "object", "x-concernsAClaim": "object"}
SCHEMA: dict[str, str] = {"fields": "objects", "primaryKey": "text or texts", "foreignKeys": "objects",
                          "missingValues": "texts"}
FIELD: dict[str, str] = {"name": "text", "type": "text", "title": "text", "description": "text",
                         "constraints": "object", "trueValues": "texts", "falseValues": "texts",
                         "x-substringOf": "text", "x-partialDate": "text", "x-spanEndOf": "text",
                         "x-regex": "true", "x-vocabulary": "name"}
VOCABULARY: dict[str, str] = {"description": "text", "terms": "object", "broader": "object", "same_as": "object",
                              "vague": "texts", "unnamed": "texts", "exclusive": "boolean"}
FOREIGN_KEY: dict[str, str] = {"fields": "text or texts", "reference": "object"}
REFERENCE: dict[str, str] = {"resource": "text", "fields": "text or texts"}
EXCERPT_RULE: dict[str, str] = {"column": "text", "path": "text or texts"}
CORRECTIONS_RULE: dict[str, str] = {"exceptKinds": "texts"}
CONSTRAINTS: dict[str, dict[str, str]] = {
    "string": {"required": "boolean", "unique": "boolean", "pattern": "text", "enum": "texts",
               "minLength": "count", "maxLength": "count"},
    "integer": {"required": "boolean", "unique": "boolean", "minimum": "integer", "maximum": "integer",
                "enum": "integers"},
    "number": {"required": "boolean", "unique": "boolean", "minimum": "number", "maximum": "number",
               "enum": "numbers"},
    "boolean": {"required": "boolean"},
}
# What the loader needs to know of every raw document (helpers.evidence.corpus), and its types.
DOCUMENT_FIELDS: dict[str, str] = {"doc_id": "string", "file_name": "string", "title": "string",
                                   "sha256": "string", "n_chars": "integer", "body_start": "integer",
                                   "body_end": "integer", "comments_start": "integer", "comments_end": "integer"}
# What the corrections rule (x-concernsAClaim) reads of its table.
CORRECTION_FIELDS = ("correction_id", "doc_id", "kind", "quote")
SPANS = ("body", "comments")
NAME = re.compile(r"[a-z][a-z0-9_]*")


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
        package = json.loads(text, object_pairs_hook=_refuse_duplicate_keys, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise TableError(LABEL, None, None, f"not valid JSON at line {error.lineno}, column {error.colno}: "
                                            f"{error.msg}") from None
    except _DuplicateKey as error:
        raise TableError(LABEL, None, str(error), "this property is given twice in one object: keep one") from None
    except (ValueError, RecursionError) as error:  # NaN/Infinity, a 5000-digit number, nesting a mile deep
        raise TableError(LABEL, None, None, f"not a data package JSON can hold ({str(error) or 'nested too deeply'}): "
                                            "use plain numbers and at most a few levels of nesting") from None
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


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _is_kind(value: Any, kind: str) -> bool:
    """Does a JSON value have the kind a property needs?"""
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    checks = {
        "text": lambda v: isinstance(v, str),
        "name": lambda v: isinstance(v, str) and NAME.fullmatch(v) is not None,
        "texts": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "text or texts": lambda v: isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v)),
        "object": lambda v: isinstance(v, dict),
        "objects": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
        "true": lambda v: v is True,
        "boolean": lambda v: isinstance(v, bool),
        "count": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: is_number,
        "integers": lambda v: isinstance(v, list) and all(isinstance(x, int) and not isinstance(x, bool) for x in v),
        "numbers": lambda v: isinstance(v, list) and all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                         for x in v),
    }
    return checks[kind](value)


KIND_WORDS = {"text": "a text", "name": "a name of lower-case letters, digits and _", "texts": "a list of texts",
              "text or texts": "a text or a list of texts", "object": "a JSON object", "objects": "a list of objects",
              "true": "true (or left out)", "boolean": "true or false", "count": "a whole number, 0 or more",
              "integer": "a whole number", "number": "a number", "integers": "a list of whole numbers",
              "numbers": "a list of numbers"}


def _fail(position: int | None, where: str | None, message: str) -> TableError:
    return TableError(LABEL, position, where, message, unit="resource")


def _check_object(mapping: dict[str, Any], spec: dict[str, str], position: int | None, prefix: str, what: str,
                  required: tuple[str, ...] = ()) -> None:
    """Only known properties, each of the kind it needs; the required ones present."""
    for key, value in mapping.items():
        if key not in spec:
            rules = " A project rule must be one of: " + ", ".join(sorted(RESOURCE_RULES | FIELD_RULES)) + "." \
                if key.startswith("x-") else ""
            raise _fail(position, f"{prefix}{key}", f"unknown property of {what} (a typo?).{rules} Known: "
                                                    f"{', '.join(k for k in spec if not k.startswith('x-'))}")
        if not _is_kind(value, spec[key]):
            raise _fail(position, f"{prefix}{key}", f"must be {KIND_WORDS[spec[key]]}, not {json.dumps(value)[:60]}")
    for key in required:
        if key not in mapping:
            raise _fail(position, f"{prefix}{key}", f"{what} needs this property")


def validate_descriptor(package: Any, base: Path) -> None:
    """Check a parsed descriptor whole (see the module docstring); ``base``
    is the folder of the data package (``data/``)."""
    if not isinstance(package, dict):
        raise TableError(LABEL, None, None, "the descriptor must be a JSON object with a \"resources\" list")
    _check_object(package, PACKAGE, None, "", "the data package", required=("resources",))
    vocabularies = package.get("x-vocabularies", {})
    _check_vocabularies(vocabularies)
    if not package["resources"]:
        raise TableError(LABEL, None, "resources", "must be a non-empty list of tables")
    for index, licence in enumerate(package.get("licenses", [])):
        _check_object(licence, LICENSE, None, f"licenses[{index}].", "a licence")
    for index, source in enumerate(package.get("sources", [])):
        _check_object(source, SOURCE, None, f"sources[{index}].", "a source")
        if "path" in source:
            _inside_data(source["path"], base, None, f"sources[{index}].path", suffix=None, must_exist=True,
                         folder_allowed=True)
    fields: dict[str, dict[str, dict[str, Any]]] = {}  # table -> field name -> field
    files: dict[Path, str] = {}
    for position, resource in enumerate(package["resources"], start=1):
        name = _check_resource(resource, position, base, vocabularies)
        if name in fields:
            raise _fail(position, "name", f"the name {name!r} is already used by resource "
                                          f"{list(fields).index(name) + 1}: names must be unique")
        target = (base / resource["path"]).resolve()
        if target in files:
            raise _fail(position, "path", f"{resource['path']!r} is the file of table {files[target]!r} already")
        fields[name] = {field["name"]: field for field in resource["schema"]["fields"]}
        files[target] = name
    _apply_vocabularies(package)
    for position, resource in enumerate(package["resources"], start=1):
        _check_keys(resource, position, fields)
        _check_rules(resource, position, fields, base)
    if "documents" in fields:
        _check_documents(fields["documents"], [r["name"] for r in package["resources"]].index("documents") + 1)
    _refuse_cycles(package["resources"], fields)


def _inside_data(value: str, base: Path, position: int | None, where: str, suffix: str | None = ".csv",
                 must_exist: bool = False, folder_allowed: bool = False) -> None:
    """A path must be relative, written plainly, stay inside ``data/`` (also
    through links) and, for tables, end in ``.csv``; a source may be a
    folder, written with a final ``/`` (``raw/``)."""
    folder = folder_allowed and value.endswith("/") and len(value) > 1
    value = value[:-1] if folder else value
    posix = PurePosixPath(value)
    if not value or posix.is_absolute() or value.startswith(("\\", "~")) or re.match(r"[A-Za-z]:", value) \
            or ".." in posix.parts or "\\" in value or "://" in value:
        raise _fail(position, where, f"{value!r} must be a relative path inside data/ (no '..', no absolute path)")
    if re.search(r"[\x00-\x1f\x7f]", value) or any(len(part.encode()) > 255 for part in posix.parts):
        raise _fail(position, where, f"{value!r} is not a usable file name (control characters, or too long)")
    if str(posix) != value:
        raise _fail(position, where, f"write the path plainly, as {str(posix)!r}")
    if suffix and posix.suffix != suffix:
        raise _fail(position, where, f"{value!r} must be a {suffix} file")
    try:
        resolved = (base / value).resolve(strict=False)
    except (OSError, RuntimeError):  # a link to itself, a loop of links
        raise _fail(position, where, f"data/{value} is a link that leads nowhere (a loop?): "
                                     "replace it with the file itself") from None
    if not resolved.is_relative_to(base.resolve()):
        raise _fail(position, where, f"{value!r} leads outside data/ (through a link?): keep the file in data/")
    if must_exist and not (resolved.is_dir() if folder else resolved.is_file()):
        raise _fail(position, where, f"data/{value}{'/' if folder else ''} not found: restore it or fix the path")


def _check_vocabularies(vocabularies: dict[str, Any]) -> None:
    """Each vocabulary: a name, a description and a non-empty object of
    terms, each term a name with a non-empty description."""
    for name, vocabulary in vocabularies.items():
        where = f"x-vocabularies.{name}"
        if NAME.fullmatch(name) is None:
            raise _fail(None, where, f"a vocabulary's name is {KIND_WORDS['name']}")
        if not isinstance(vocabulary, dict):
            raise _fail(None, where, "must be an object with a \"description\" and its \"terms\"")
        _check_object(vocabulary, VOCABULARY, None, f"{where}.", "a vocabulary", required=("description", "terms"))
        if not vocabulary["terms"]:
            raise _fail(None, f"{where}.terms", "a vocabulary needs at least one term")
        for term, description in vocabulary["terms"].items():
            if NAME.fullmatch(term) is None:
                raise _fail(None, f"{where}.terms.{term}", f"a term is {KIND_WORDS['name']}")
            if not isinstance(description, str) or not description.strip():
                raise _fail(None, f"{where}.terms.{term}", "say in words what the term means (a non-empty text): "
                                                           "contributors choose terms by their descriptions")
        _check_relations(vocabulary, where)


def _check_relations(vocabulary: dict[str, Any], where: str) -> None:
    """The relations between terms that the disagreement finder reads
    (:mod:`helpers.evidence.verdicts`): ``broader`` and ``same_as`` map a
    term to another term; ``vague`` and ``unnamed`` list terms; every name is
    a term of the vocabulary, and following ``broader`` never comes back."""
    terms = vocabulary["terms"]
    for relation in ("broader", "same_as"):
        for term, other in vocabulary.get(relation, {}).items():
            for name in (term, other):
                if name not in terms:
                    raise _fail(None, f"{where}.{relation}.{term}", f"{name!r} is not a term of this vocabulary: "
                                "relations link its own terms (add the term to \"terms\" first)")
            if term == other:
                raise _fail(None, f"{where}.{relation}.{term}", "a term cannot be related to itself")
    for relation in ("vague", "unnamed"):
        for name in vocabulary.get(relation, []):
            if name not in terms:
                raise _fail(None, f"{where}.{relation}", f"{name!r} is not a term of this vocabulary: "
                                                         "list only its own terms")
    broader = vocabulary.get("broader", {})
    for start in broader:
        seen, term = {start}, start
        while term in broader:
            term = broader[term]
            if term in seen:  # named by the term where the loop closes, which is in the loop
                raise _fail(None, f"{where}.broader.{term}", "following \"broader\" from this term comes back to "
                                                             "it: a broader term cannot be narrower too")
            seen.add(term)


def _apply_vocabularies(package: dict[str, Any]) -> None:
    """Give every field that names a vocabulary its terms as an ``enum``
    constraint (the form Table Schema validates)."""
    vocabularies = package.get("x-vocabularies", {})
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            if "x-vocabulary" in field:
                constraints = field.setdefault("constraints", {})
                constraints["enum"] = list(vocabularies[field["x-vocabulary"]]["terms"])


def _check_resource(resource: dict[str, Any], position: int, base: Path,
                    vocabularies: dict[str, Any] | None = None) -> str:
    _check_object(resource, RESOURCE, position, "", "a resource", required=("name", "path", "schema"))
    name = resource["name"]
    _inside_data(resource["path"], base, position, "path")
    if resource.get("format", "csv") != "csv":
        raise _fail(position, "format", "only \"csv\" tables are read")
    if resource.get("encoding", "utf-8").lower() != "utf-8":
        raise _fail(position, "encoding", "tables are read as \"utf-8\"; convert the file and say so")
    schema = resource["schema"]
    _check_object(schema, SCHEMA, position, "schema.", "a schema", required=("fields",))
    if schema.get("missingValues", [""]) != [""]:
        raise _fail(position, "schema.missingValues", "only an empty cell means missing; remove this property")
    if not schema["fields"]:
        raise _fail(position, "schema.fields", f"table {name!r} needs at least one field")
    names: set[str] = set()
    for index, field in enumerate(schema["fields"]):
        where = f"schema.fields[{index}]"
        _check_object(field, FIELD, position, f"{where}.", "a field", required=("name",))
        if not field["name"] or field["name"] != field["name"].strip():
            raise _fail(position, f"{where}.name", "a field name is a word with no space at either end")
        if field["name"] in names:
            raise _fail(position, f"{where}.name", f"field {field['name']!r} is declared twice")
        names.add(field["name"])
        # Required, though Table Schema defaults it to string: a deleted type
        # would silently turn a column of numbers into text.
        if field.get("type") not in FIELD_TYPES:
            raise _fail(position, f"{where}.type", f"{field.get('type')!r} is not a type the loader reads; use one "
                                                   f"of {', '.join(FIELD_TYPES)}")
        _check_field(field, position, where)
        if "x-vocabulary" in field:
            _check_vocabulary_use(field, position, where, vocabularies or {})
    return name


def _check_vocabulary_use(field: dict[str, Any], position: int, where: str, vocabularies: dict[str, Any]) -> None:
    """A field names a known vocabulary, is a string, and lists no enum of its own."""
    from helpers.evidence.hints import unknown_value_hint

    name = field["x-vocabulary"]
    if name not in vocabularies:
        known = list(vocabularies)
        raise _fail(position, f"{where}.x-vocabulary", f"{name!r} is not a vocabulary of x-vocabularies. "
                    + (unknown_value_hint(name, known) if known else "Declare it in x-vocabularies first"))
    if field["type"] != "string":
        raise _fail(position, f"{where}.x-vocabulary", "a vocabulary's terms are texts: the field must be a string")
    if "enum" in field.get("constraints", {}):
        raise _fail(position, f"{where}.constraints.enum", f"the field takes its values from vocabulary {name!r}: "
                                                           "remove this enum (a list is declared once)")


def _check_field(field: dict[str, Any], position: int, where: str) -> None:
    field_type = field["type"]
    _check_object(field.get("constraints", {}), CONSTRAINTS[field_type], position, f"{where}.constraints.",
                  f"the constraints of a {field_type} field")
    constraints = field.get("constraints", {})
    if "pattern" in constraints:
        problem = pattern_problem(constraints["pattern"])
        if problem:
            raise _fail(position, f"{where}.constraints.pattern", problem)
    if "enum" in constraints and not constraints["enum"]:
        raise _fail(position, f"{where}.constraints.enum", "must be a non-empty list of the allowed values")
    for low, high in (("minimum", "maximum"), ("minLength", "maxLength")):
        if low in constraints and high in constraints and constraints[low] > constraints[high]:
            raise _fail(position, f"{where}.constraints.{low}", f"is greater than {high}")
    if field_type == "boolean":
        for key, word in (("trueValues", "true"), ("falseValues", "false")):
            if field.get(key, [word]) != [word]:
                raise _fail(position, f"{where}.{key}", f"a boolean is written exactly {word!r}; set [\"{word}\"]")
    elif "trueValues" in field or "falseValues" in field:
        raise _fail(position, f"{where}.trueValues", "only a boolean field has trueValues / falseValues")


def pattern_problem(pattern: str) -> str | None:
    """Why a Table Schema pattern cannot be used as written, or None.

    Table Schema (and frictionless) match ``^pattern$``: an alternative at
    the top level (``a|b``) would then test only the start of one and the
    end of the other, so it must be grouped, ``(a|b)``."""
    try:
        re.compile(f"^{pattern}$")
    except re.error as error:
        return f"not a valid regular expression ({error})"
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return f"group the alternatives, as ({pattern}): the pattern must match the whole cell"
    return None


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def _check_keys(resource: dict[str, Any], position: int, fields: dict[str, dict[str, dict[str, Any]]]) -> None:
    schema, name = resource["schema"], resource["name"]
    own = fields[name]
    for column in _as_list(schema.get("primaryKey", [])):
        if column not in own:
            raise _fail(position, "schema.primaryKey", f"{column!r} is not a field of table {name!r}; its fields: "
                                                       f"{', '.join(own)}")
    for index, key in enumerate(schema.get("foreignKeys", [])):
        where = f"schema.foreignKeys[{index}]"
        _check_object(key, FOREIGN_KEY, position, f"{where}.", "a foreign key", required=("fields", "reference"))
        _check_object(key["reference"], REFERENCE, position, f"{where}.reference.", "a reference",
                      required=("resource", "fields"))
        columns, target = _as_list(key["fields"]), key["reference"]["resource"] or name
        target_columns = _as_list(key["reference"]["fields"])
        if not columns:
            raise _fail(position, f"{where}.fields", "name at least one field")
        for column in columns:
            if column not in own:
                raise _fail(position, f"{where}.fields", f"{column!r} is not a field of table {name!r}; its fields: "
                                                         f"{', '.join(own)}")
        if target not in fields:
            raise _fail(position, f"{where}.reference.resource",
                        f"{target!r} is not a table of the package; known: {', '.join(fields)}")
        for column in target_columns:
            if column not in fields[target]:
                raise _fail(position, f"{where}.reference.fields", f"{column!r} is not a field of table {target!r}; "
                                                                   f"its fields: {', '.join(fields[target])}")
        if len(target_columns) != len(columns):
            raise _fail(position, f"{where}.reference.fields", "must name as many fields as the key has")
        for column, target_column in zip(columns, target_columns):
            if own[column]["type"] != fields[target][target_column]["type"]:
                raise _fail(position, f"{where}.fields", f"{column!r} ({own[column]['type']}) cannot refer to "
                                                         f"{target}.{target_column} ({fields[target][target_column]['type']})")


def _field_of(own: dict[str, dict[str, Any]], column: str, table: str, position: int, where: str,
              types: tuple[str, ...] = ("string",)) -> dict[str, Any]:
    """The field a rule names, which must exist and have one of ``types``."""
    if column not in own:
        raise _fail(position, where, f"{column!r} is not a field of table {table!r}; its fields: {', '.join(own)}")
    if own[column]["type"] not in types:
        raise _fail(position, where, f"{column!r} is a {own[column]['type']} field; this rule needs "
                                     f"{' or '.join(types)}")
    return own[column]


def _required(field: dict[str, Any]) -> bool:
    return field.get("constraints", {}).get("required") is True


def _check_rules(resource: dict[str, Any], position: int, fields: dict[str, dict[str, dict[str, Any]]],
                 base: Path) -> None:
    """Every project rule names fields of the types it reads (see helpers.evidence.checks)."""
    name, own = resource["name"], fields[resource["name"]]
    for index, field in enumerate(resource["schema"]["fields"]):
        where = f"schema.fields[{index}]"
        rules = [rule for rule in ("x-substringOf", "x-partialDate", "x-spanEndOf") if rule in field]
        if (rules or "x-regex" in field) and field["type"] != "string":
            raise _fail(position, f"{where}.{(rules or ['x-regex'])[0]}", "this rule reads text: the field must be "
                                                                           "a string field")
        for rule in rules:
            if field[rule] == field["name"]:
                raise _fail(position, f"{where}.{rule}", "must name another field, not the field itself")
            other = _field_of(own, field[rule], name, position, f"{where}.{rule}")
            if rule == "x-partialDate" and not set(other.get("constraints", {}).get("enum", ["?"])) <= set(PRECISIONS):
                raise _fail(position, f"{where}.{rule}", f"the precision field {field[rule]!r} needs the constraint "
                                                         f"enum {list(PRECISIONS)}")
            if rule == "x-spanEndOf" and "x-partialDate" not in other:
                raise _fail(position, f"{where}.{rule}", f"{field[rule]!r} must itself be a partial date "
                                                         "(x-partialDate)")
    if "x-quoteSource" in resource:
        column = resource["x-quoteSource"]
        if not _required(_field_of(own, column, name, position, "x-quoteSource")):
            raise _fail(position, "x-quoteSource", f"the quote field {column!r} must be required")
        if "documents" not in fields:
            raise _fail(position, "x-quoteSource", "a quoted table needs a \"documents\" table")
        doc_id = _field_of(own, "doc_id", name, position, "x-quoteSource")
        keys = resource["schema"].get("foreignKeys", [])
        if not _required(doc_id) or not any(_as_list(k["fields"]) == ["doc_id"] and k["reference"]["resource"] ==
                                            "documents" for k in keys):
            raise _fail(position, "x-quoteSource", "a quoted table needs a required doc_id field with a foreign "
                                                   "key to documents")
        if "span" in own:
            span = own["span"]
            if span["type"] != "string" or not _required(span) or \
                    not set(span.get("constraints", {}).get("enum", ["?"])) <= set(SPANS):
                raise _fail(position, "x-quoteSource", f"the span field must be a required string with enum "
                                                       f"{list(SPANS)}")
    if "x-claims" in resource and resource.get("x-quoteSource") != "quote":
        raise _fail(position, "x-claims", "a claim table keeps its quote in a field \"quote\" (x-quoteSource: "
                                          "\"quote\")")
    if "x-interval" in resource:
        columns = resource["x-interval"]
        if len(columns) < 2 or len(set(columns)) != len(columns):
            raise _fail(position, "x-interval", "must list two or more different columns, lowest first: [low, high]")
        for column in columns:
            _field_of(own, column, name, position, "x-interval", types=("integer", "number"))
    if "x-excerptFrom" in resource:
        rule = resource["x-excerptFrom"]
        _check_object(rule, EXCERPT_RULE, position, "x-excerptFrom.", "the excerpt rule", required=("column", "path"))
        if not _required(_field_of(own, rule["column"], name, position, "x-excerptFrom.column")):
            raise _fail(position, "x-excerptFrom.column", f"the excerpt field {rule['column']!r} must be required")
        paths = _as_list(rule["path"])
        if not paths:
            raise _fail(position, "x-excerptFrom.path", "name at least one notes file")
        for path in paths:
            _inside_data(path, base, position, "x-excerptFrom.path", suffix=".md", must_exist=True)
    if "x-concernsAClaim" in resource:
        rule = resource["x-concernsAClaim"]
        _check_object(rule, CORRECTIONS_RULE, position, "x-concernsAClaim.", "the corrections rule")
        if resource.get("x-quoteSource") != "quote" or any(column not in own for column in CORRECTION_FIELDS):
            raise _fail(position, "x-concernsAClaim", f"a corrections table has the fields "
                                                      f"{', '.join(CORRECTION_FIELDS)} and x-quoteSource \"quote\"")
        kinds = own["kind"].get("constraints", {}).get("enum")
        unknown = [kind for kind in rule.get("exceptKinds", []) if kinds is None or kind not in kinds]
        if unknown:
            raise _fail(position, "x-concernsAClaim.exceptKinds", f"{unknown[0]!r} is not a kind of correction; "
                                                                  f"known: {', '.join(kinds or [])}")


def _check_documents(own: dict[str, dict[str, Any]], position: int) -> None:
    for column, field_type in DOCUMENT_FIELDS.items():
        if column not in own or own[column]["type"] != field_type:
            raise _fail(position, "schema.fields", f"the documents table needs the {field_type} field {column!r} "
                                                   f"(it describes the raw files: {', '.join(DOCUMENT_FIELDS)})")


def _refuse_cycles(resources: list[dict[str, Any]], fields: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Loading a table loads the tables it needs first (foreign keys; the
    documents for a quoted table; every claim table for corrections): that
    order must exist."""
    needs: dict[str, set[str]] = {}
    claim_tables = {r["name"] for r in resources if r.get("x-claims")}
    for resource in resources:
        name = resource["name"]
        targets = {k["reference"]["resource"] for k in resource["schema"].get("foreignKeys", [])}
        if "x-quoteSource" in resource:
            targets.add("documents")
        if "x-concernsAClaim" in resource:
            targets |= claim_tables
        needs[name] = {target for target in targets if target and target != name} | \
            ({name} if name == "documents" and "x-quoteSource" in resource else set())
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(needs[name]):
            if state.get(target) == "open":
                cycle = path[path.index(target):] + [target] if target in path else [name, target]
                position = [r["name"] for r in resources].index(cycle[0]) + 1
                raise _fail(position, "schema.foreignKeys", "tables depend on each other in a circle ("
                                                            f"{' -> '.join(cycle)}): one of them must not need the other")
            if target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for resource in resources:
        if resource["name"] not in state:
            visit(resource["name"], [resource["name"]])
