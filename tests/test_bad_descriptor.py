"""A damaged data package descriptor gets one clear error before any table is read.

Every case damages one thing in a copy of ``data/datapackage.json`` and loads
the whole package: the only acceptable outcome is a TableError on
``data/datapackage.json`` naming the resource (its 1-based position, the
"row") and the property at fault (the "column").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers.evidence.checks import FIELD_RULES, RESOURCE_RULES
from helpers.evidence.tables import TableError, load_all_tables

Package = dict[str, Any]


def _resource(package: Package, name: str) -> dict[str, Any]:
    return next(r for r in package["resources"] if r["name"] == name)


def _position(package: Package, name: str) -> int:
    return [r["name"] for r in package["resources"]].index(name) + 1


def _field_index(package: Package, table: str, field: str) -> int:
    return [f["name"] for f in _resource(package, table)["schema"]["fields"]].index(field)


def _field(package: Package, table: str, field: str) -> dict[str, Any]:
    return _resource(package, table)["schema"]["fields"][_field_index(package, table, field)]


def _load_error(data: Path) -> TableError:
    with pytest.raises(TableError) as caught:
        load_all_tables(data / "datapackage.json", use_cache=False)
    return caught.value


def _damaged(data: Path, damage: Callable[[Package], None]) -> Package:
    """Apply ``damage`` to the copy's descriptor and write it back; return the
    undamaged descriptor (to compute the expected position)."""
    path = data / "datapackage.json"
    original = json.loads(path.read_text(encoding="utf-8"))
    package = json.loads(path.read_text(encoding="utf-8"))
    damage(package)
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    return original


def _rename(mapping: dict[str, Any], old: str, new: str) -> None:
    mapping[new] = mapping.pop(old)


# (case id, damage, table whose resource is at fault, property, words the message must hold)
CASES: list[tuple[str, Callable[[Package], None], str, Callable[[Package], str], str]] = [
    ("misspelled resource rule", lambda p: _rename(_resource(p, "event_claims"), "x-quoteSource", "x-quoteSorce"),
     "event_claims", lambda p: "x-quoteSorce", "x-quoteSource"),
    ("misspelled field rule", lambda p: _rename(_field(p, "leadership_changes", "office_as_written"),
                                                "x-substringOf", "x-substringof"),
     "leadership_changes", lambda p: f"schema.fields[{_field_index(p, 'leadership_changes', 'office_as_written')}]"
                                     ".x-substringof", "x-substringOf"),
    ("invented rule", lambda p: _resource(p, "causes").update({"x-verified": True}),
     "causes", lambda p: "x-verified", "project rule"),
    ("unknown resource property", lambda p: _resource(p, "events").update({"pathh": "events.csv"}),
     "events", lambda p: "pathh", "unknown property"),
    ("duplicate resource name", lambda p: _resource(p, "topics").update({"name": "documents"}),
     "topics", lambda p: "name", "already used"),
    ("duplicate path", lambda p: _resource(p, "topics").update({"path": "documents.csv"}),
     "topics", lambda p: "path", "already the path"),
    ("resource without a path", lambda p: _resource(p, "people").pop("path"),
     "people", lambda p: "path", "no path"),
    ("absolute path", lambda p: _resource(p, "people").update({"path": "/etc/passwd"}),
     "people", lambda p: "path", "relative path"),
    ("path climbing out of data/", lambda p: _resource(p, "people").update({"path": "../README.md"}),
     "people", lambda p: "path", "relative path"),
    ("path climbing out after a folder", lambda p: _resource(p, "people").update({"path": "reference/../../x.csv"}),
     "people", lambda p: "path", "relative path"),
    ("Windows drive path", lambda p: _resource(p, "people").update({"path": "C:\\people.csv"}),
     "people", lambda p: "path", "relative path"),
    ("home-folder path", lambda p: _resource(p, "people").update({"path": "~/people.csv"}),
     "people", lambda p: "path", "relative path"),
    ("URL as path", lambda p: _resource(p, "people").update({"path": "https://example.org/people.csv"}),
     "people", lambda p: "path", "relative path"),
    ("path that is not a CSV", lambda p: _resource(p, "people").update({"path": "people.txt"}),
     "people", lambda p: "path", ".csv"),
    ("path that is not text", lambda p: _resource(p, "people").update({"path": 7}),
     "people", lambda p: "path", "relative to data/"),
    ("name with capitals", lambda p: _resource(p, "people").update({"name": "People"}),
     "people", lambda p: "name", "not a table name"),
    ("resource without a name", lambda p: _resource(p, "people").pop("name"),
     "people", lambda p: "name", "not a table name"),
    ("format not CSV", lambda p: _resource(p, "people").update({"format": "xlsx"}),
     "people", lambda p: "format", "csv"),
    ("other encoding", lambda p: _resource(p, "people").update({"encoding": "latin-1"}),
     "people", lambda p: "encoding", "utf-8"),
    ("no schema", lambda p: _resource(p, "people").pop("schema"),
     "people", lambda p: "schema", "schema"),
    ("empty field list", lambda p: _resource(p, "people")["schema"].update({"fields": []}),
     "people", lambda p: "schema.fields", "non-empty"),
    ("misspelled schema property", lambda p: _rename(_resource(p, "events")["schema"], "primaryKey", "primarykey"),
     "events", lambda p: "schema.primarykey", "unknown property"),
    ("other missing values", lambda p: _resource(p, "events")["schema"].update({"missingValues": ["", "NA"]}),
     "events", lambda p: "schema.missingValues", "empty cell"),
    ("field without a name", lambda p: _field(p, "events", "label").pop("name"),
     "events", lambda p: f"schema.fields[{_field_index(p, 'events', 'label')}].name", "needs a name"),
    ("field declared twice", lambda p: _field(p, "events", "label").update({"name": "event_id"}),
     "events", lambda p: f"schema.fields[{_field_index(p, 'events', 'label')}].name", "declared twice"),
    ("type the loader does not map", lambda p: _field(p, "estimates", "value").update({"type": "date"}),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'value')}].type", "not a type"),
    ("field without a type", lambda p: _field(p, "estimates", "value").pop("type"),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'value')}].type", "not a type"),
    ("array type", lambda p: _field(p, "estimates", "quote").update({"type": "array"}),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'quote')}].type", "not a type"),
    ("misspelled field property", lambda p: _rename(_field(p, "estimates", "value"), "constraints", "constraint"),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'value')}].constraint", "unknown property"),
    ("misspelled constraint", lambda p: _field(p, "estimates", "measure")["constraints"].update({"requird": True}),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'measure')}].constraints.requird",
     "unknown property"),
    ("required as text", lambda p: _field(p, "estimates", "measure")["constraints"].update({"required": "yes"}),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'measure')}].constraints.required",
     "true or false"),
    ("broken pattern", lambda p: _field(p, "events", "event_id").setdefault("constraints", {}).update({"pattern": "[a-"}),
     "events", lambda p: f"schema.fields[{_field_index(p, 'events', 'event_id')}].constraints.pattern",
     "regular expression"),
    ("empty enum", lambda p: _field(p, "estimates", "measure")["constraints"].update({"enum": []}),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'measure')}].constraints.enum", "non-empty"),
    ("boolean read from yes", lambda p: _field(p, "name_variants", "is_misspelling").update({"trueValues": ["true", "yes"]}),
     "name_variants", lambda p: f"schema.fields[{_field_index(p, 'name_variants', 'is_misspelling')}].trueValues",
     "exactly"),
    ("boolean false read from 0", lambda p: _field(p, "name_variants", "is_misspelling").update({"falseValues": ["0"]}),
     "name_variants", lambda p: f"schema.fields[{_field_index(p, 'name_variants', 'is_misspelling')}].falseValues",
     "exactly"),
    ("true values on text", lambda p: _field(p, "events", "label").update({"trueValues": ["x"]}),
     "events", lambda p: f"schema.fields[{_field_index(p, 'events', 'label')}].trueValues", "only a boolean"),
    ("primary key on no field", lambda p: _resource(p, "events")["schema"].update({"primaryKey": ["event_key"]}),
     "events", lambda p: "schema.primaryKey", "not a field"),
    ("foreign key from no field", lambda p: _resource(p, "estimates")["schema"]["foreignKeys"][0].update({"fields": "doc"}),
     "estimates", lambda p: "schema.foreignKeys[0].fields", "not a field"),
    ("foreign key to an unknown table", lambda p: _resource(p, "estimates")["schema"]["foreignKeys"][0]["reference"]
     .update({"resource": "document"}),
     "estimates", lambda p: "schema.foreignKeys[0].reference.resource", "not a table"),
    ("foreign key to an unknown field", lambda p: _resource(p, "estimates")["schema"]["foreignKeys"][0]["reference"]
     .update({"fields": "id"}),
     "estimates", lambda p: "schema.foreignKeys[0].reference.fields", "not a field"),
    ("foreign key of two fields to one", lambda p: _resource(p, "estimates")["schema"]["foreignKeys"][0]
     .update({"fields": ["doc_id", "span"]}),
     "estimates", lambda p: "schema.foreignKeys[0].reference.fields", "as many fields"),
    ("foreign key without a reference", lambda p: _resource(p, "estimates")["schema"]["foreignKeys"][0].pop("reference"),
     "estimates", lambda p: "schema.foreignKeys[0]", "reference"),
    ("quote rule on no column", lambda p: _resource(p, "event_claims").update({"x-quoteSource": "quotes"}),
     "event_claims", lambda p: "x-quoteSource", "not a field"),
    ("quote rule without documents", lambda p: _resource(p, "events").update({"x-quoteSource": "label"}),
     "events", lambda p: "x-quoteSource", "doc_id"),
    ("substring rule on no column", lambda p: _field(p, "leadership_changes", "office_as_written")
     .update({"x-substringOf": "quotation"}),
     "leadership_changes", lambda p: f"schema.fields[{_field_index(p, 'leadership_changes', 'office_as_written')}]"
                                     ".x-substringOf", "not a field"),
    ("date rule on no column", lambda p: _field(p, "event_claims", "date").update({"x-partialDate": "precision"}),
     "event_claims", lambda p: f"schema.fields[{_field_index(p, 'event_claims', 'date')}].x-partialDate",
     "not a field"),
    ("interval of one column", lambda p: _resource(p, "estimates").update({"x-interval": ["low"]}),
     "estimates", lambda p: "x-interval", "[low column, high column]"),
    ("interval on text", lambda p: _resource(p, "estimates").update({"x-interval": ["low", "quote"]}),
     "estimates", lambda p: "x-interval", "integer or number"),
    ("excerpts from a missing notes file", lambda p: _resource(p, "chronology")["x-excerptFrom"]
     .update({"path": "reference/reference_fact.md"}),
     "chronology", lambda p: "x-excerptFrom.path", "not found"),
    ("excerpts from outside data/", lambda p: _resource(p, "chronology")["x-excerptFrom"].update({"path": "../README.md"}),
     "chronology", lambda p: "x-excerptFrom.path", "relative path"),
    ("excerpts from no column", lambda p: _resource(p, "chronology")["x-excerptFrom"].pop("column"),
     "chronology", lambda p: "x-excerptFrom", "column"),
    ("excerpts from no file", lambda p: _resource(p, "chronology")["x-excerptFrom"].update({"path": []}),
     "chronology", lambda p: "x-excerptFrom.path", "at least one"),
    ("claims flag not true", lambda p: _resource(p, "causes").update({"x-claims": "yes"}),
     "causes", lambda p: "x-claims", "must be true"),
    ("correction rule misspelled inside", lambda p: _resource(p, "corrections")["x-concernsAClaim"]
     .update({"exceptKind": []}),
     "corrections", lambda p: "x-concernsAClaim", "exceptKinds"),
    ("documents without a checksum", lambda p: _resource(p, "documents")["schema"]["fields"]
     .remove(_field(p, "documents", "sha256")),
     "documents", lambda p: "schema.fields", "sha256"),
]


@pytest.mark.parametrize("damage, table, where, words", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_damaged_resource_is_named(data_copy: Path, damage: Callable[[Package], None], table: str,
                                     where: Callable[[Package], str], words: str) -> None:
    original = _damaged(data_copy, damage)
    error = _load_error(data_copy)
    assert (error.file, error.row, error.column) == ("data/datapackage.json", _position(original, table), where(original))
    assert words.lower() in str(error).lower()


def test_an_unknown_rule_lists_the_known_ones(data_copy: Path) -> None:
    _damaged(data_copy, lambda p: _rename(_resource(p, "causes"), "x-quoteSource", "x-quote-source"))
    message = str(_load_error(data_copy))
    assert all(rule in message for rule in [*RESOURCE_RULES, *FIELD_RULES])


def test_a_source_path_out_of_data_is_refused(data_copy: Path) -> None:
    _damaged(data_copy, lambda p: p["sources"].append({"title": "x", "path": "../../etc/passwd"}))
    error = _load_error(data_copy)
    assert (error.row, error.column) == (None, f"sources[{len(json.loads((data_copy / 'datapackage.json').read_text())['sources']) - 1}].path")


def test_a_path_through_a_link_out_of_data_is_refused(data_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text((data_copy / "people.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (data_copy / "linked.csv").symlink_to(outside)
    original = _damaged(data_copy, lambda p: _resource(p, "people").update({"path": "linked.csv"}))
    error = _load_error(data_copy)
    assert (error.row, error.column) == (_position(original, "people"), "path") and "outside data/" in str(error)


@pytest.mark.parametrize("content, words", [
    (b'{"resources": [', "not valid JSON"),
    (b"\xef\xbb\xbf{}", "byte-order mark"),
    (b'{"name": "caf\xe9"}', "not valid UTF-8"),
    (b"[]", "JSON object"),
    (b'{"resources": {}}', "non-empty list"),
    (b'{"resources": []}', "non-empty list"),
    (b'{"name": "a", "x-rule": 1, "resources": [{}]}', "unknown property"),
    (b"", "not valid JSON"),
], ids=["truncated", "byte-order mark", "Latin-1 byte", "a list", "resources an object", "no resources",
        "unknown package property", "empty file"])
def test_a_broken_descriptor_file(data_copy: Path, content: bytes, words: str) -> None:
    (data_copy / "datapackage.json").write_bytes(content)
    error = _load_error(data_copy)
    assert error.file == "data/datapackage.json" and error.row is None
    assert words.lower() in str(error).lower()


def test_a_resource_that_is_not_an_object(data_copy: Path) -> None:
    _damaged(data_copy, lambda p: p["resources"].insert(1, "events.csv"))
    error = _load_error(data_copy)
    assert (error.row, error.column) == (2, None) and "JSON object" in str(error)


def test_a_property_given_twice(data_copy: Path) -> None:
    text = (data_copy / "datapackage.json").read_text(encoding="utf-8")
    (data_copy / "datapackage.json").write_text(text.replace('"name": "events",', '"name": "events", "name": "events2",', 1),
                                                encoding="utf-8")
    error = _load_error(data_copy)
    assert (error.row, error.column) == (None, "name") and "twice" in str(error)


def test_a_missing_descriptor(data_copy: Path) -> None:
    (data_copy / "datapackage.json").unlink()
    error = _load_error(data_copy)
    assert (error.file, error.row, error.column) == ("data/datapackage.json", None, None)
