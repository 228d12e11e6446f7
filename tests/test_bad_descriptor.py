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
from conftest import edit_cell

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
     "topics", lambda p: "path", "file of table 'documents' already"),
    ("resource without a path", lambda p: _resource(p, "people").pop("path"),
     "people", lambda p: "path", "needs this property"),
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
     "people", lambda p: "path", "must be a text"),
    ("name with capitals", lambda p: _resource(p, "people").update({"name": "People"}),
     "people", lambda p: "name", "lower-case letters"),
    ("resource without a name", lambda p: _resource(p, "people").pop("name"),
     "people", lambda p: "name", "needs this property"),
    ("format not CSV", lambda p: _resource(p, "people").update({"format": "xlsx"}),
     "people", lambda p: "format", "csv"),
    ("other encoding", lambda p: _resource(p, "people").update({"encoding": "latin-1"}),
     "people", lambda p: "encoding", "utf-8"),
    ("no schema", lambda p: _resource(p, "people").pop("schema"),
     "people", lambda p: "schema", "schema"),
    ("empty field list", lambda p: _resource(p, "people")["schema"].update({"fields": []}),
     "people", lambda p: "schema.fields", "at least one field"),
    ("misspelled schema property", lambda p: _rename(_resource(p, "events")["schema"], "primaryKey", "primarykey"),
     "events", lambda p: "schema.primarykey", "unknown property"),
    ("other missing values", lambda p: _resource(p, "events")["schema"].update({"missingValues": ["", "NA"]}),
     "events", lambda p: "schema.missingValues", "empty cell"),
    ("field without a name", lambda p: _field(p, "events", "label").pop("name"),
     "events", lambda p: f"schema.fields[{_field_index(p, 'events', 'label')}].name", "needs this property"),
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
     "estimates", lambda p: "schema.foreignKeys[0].reference", "needs this property"),
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
     "estimates", lambda p: "x-interval", "two or more different columns"),
    ("interval on text", lambda p: _resource(p, "estimates").update({"x-interval": ["low", "quote"]}),
     "estimates", lambda p: "x-interval", "integer or number"),
    ("excerpts from a missing notes file", lambda p: _resource(p, "chronology")["x-excerptFrom"]
     .update({"path": "reference/reference_fact.md"}),
     "chronology", lambda p: "x-excerptFrom.path", "not found"),
    ("excerpts from outside data/", lambda p: _resource(p, "chronology")["x-excerptFrom"].update({"path": "../README.md"}),
     "chronology", lambda p: "x-excerptFrom.path", "relative path"),
    ("excerpts from no column", lambda p: _resource(p, "chronology")["x-excerptFrom"].pop("column"),
     "chronology", lambda p: "x-excerptFrom.column", "needs this property"),
    ("excerpts from no file", lambda p: _resource(p, "chronology")["x-excerptFrom"].update({"path": []}),
     "chronology", lambda p: "x-excerptFrom.path", "at least one"),
    ("claims flag not true", lambda p: _resource(p, "causes").update({"x-claims": "yes"}),
     "causes", lambda p: "x-claims", "must be true"),
    ("correction rule misspelled inside", lambda p: _resource(p, "corrections")["x-concernsAClaim"]
     .update({"exceptKind": []}),
     "corrections", lambda p: "x-concernsAClaim.exceptKind", "unknown property"),
    # Found by an adversarial run: rules on the wrong type, keys that check nothing, loops.
    ("unknown resource property hash", lambda p: _resource(p, "people").update({"hash": 5}),
     "people", lambda p: "hash", "unknown property"),
    ("profile fetched from elsewhere", lambda p: _resource(p, "people").update({"profile": "http://10.0.0.1/p.json"}),
     "people", lambda p: "profile", "unknown property"),
    ("title that is not text", lambda p: _resource(p, "people").update({"title": ["x"]}),
     "people", lambda p: "title", "must be a text"),
    ("pattern with a global flag inside", lambda p: _field(p, "events", "event_id").setdefault("constraints", {})
     .update({"pattern": "[a-z_]+(?i)"}),
     "events", lambda p: f"schema.fields[{_field_index(p, 'events', 'event_id')}].constraints.pattern",
     "regular expression"),
    ("pattern with loose alternatives", lambda p: _field(p, "events", "category")["constraints"]
     .update({"pattern": "uprising|repression"}),
     "events", lambda p: f"schema.fields[{_field_index(p, 'events', 'category')}].constraints.pattern",
     "group the alternatives"),
    ("minimum that is text", lambda p: _field(p, "estimates", "value")["constraints"].update({"minimum": "abc"}),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'value')}].constraints.minimum",
     "whole number"),
    ("minimum on a text field", lambda p: _field(p, "estimates", "quote")["constraints"].update({"minimum": 1}),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'quote')}].constraints.minimum",
     "unknown property"),
    ("enum of numbers on a text field", lambda p: _field(p, "estimates", "measure")["constraints"].update({"enum": [1, 2]}),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'measure')}].constraints.enum",
     "list of texts"),
    ("foreign keys null", lambda p: _resource(p, "event_claims")["schema"].update({"foreignKeys": None}),
     "event_claims", lambda p: "schema.foreignKeys", "list of objects"),
    ("foreign key of no fields", lambda p: _resource(p, "estimates")["schema"]["foreignKeys"][0]
     .update({"fields": [], "reference": {"resource": "documents", "fields": []}}),
     "estimates", lambda p: "schema.foreignKeys[0].fields", "at least one field"),
    ("misspelled reference", lambda p: _rename(_resource(p, "estimates")["schema"]["foreignKeys"][0], "reference",
                                               "refrence"),
     "estimates", lambda p: "schema.foreignKeys[0].refrence", "unknown property"),
    ("foreign key from a number to a text", lambda p: _resource(p, "estimates")["schema"]["foreignKeys"][0]
     .update({"fields": "value"}),
     "estimates", lambda p: "schema.foreignKeys[0].fields", "cannot refer to"),
    ("tables that need each other", lambda p: _resource(p, "people")["schema"].setdefault("foreignKeys", []).append(
        {"fields": "person_id", "reference": {"resource": "name_variants", "fields": "person_id"}}),
     "people", lambda p: "schema.foreignKeys", "in a circle"),
    ("quoted table without its key to documents", lambda p: _resource(p, "causes")["schema"].update(
        {"foreignKeys": [k for k in _resource(p, "causes")["schema"]["foreignKeys"] if k["fields"] != "doc_id"]}),
     "causes", lambda p: "x-quoteSource", "foreign key to documents"),
    ("span without its values", lambda p: _field(p, "causes", "span").pop("x-vocabulary"),
     "causes", lambda p: "x-quoteSource", "span field"),
    ("quote from a yes/no column", lambda p: _resource(p, "name_variants").update({"x-quoteSource": "is_misspelling"}),
     "name_variants", lambda p: "x-quoteSource", "boolean field"),
    ("the documents quoting themselves", lambda p: _resource(p, "documents").update({"x-quoteSource": "title"}),
     "documents", lambda p: "x-quoteSource", "doc_id"),
    ("as-written rule on a number", lambda p: _field(p, "estimates", "value").update({"x-substringOf": "quote"}),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'value')}].x-substringOf", "reads text"),
    ("a date that is its own precision", lambda p: _field(p, "event_claims", "date").update({"x-partialDate": "date"}),
     "event_claims", lambda p: f"schema.fields[{_field_index(p, 'event_claims', 'date')}].x-partialDate",
     "another field"),
    ("a precision column without its values", lambda p: _field(p, "event_claims", "date_precision").pop("x-vocabulary"),
     "event_claims", lambda p: f"schema.fields[{_field_index(p, 'event_claims', 'date')}].x-partialDate",
     "precision field"),
    ("a span end of no date", lambda p: _field(p, "chronology", "date_end").update({"x-spanEndOf": "excerpt"}),
     "chronology", lambda p: f"schema.fields[{_field_index(p, 'chronology', 'date_end')}].x-spanEndOf",
     "partial date"),
    ("an interval of one column twice", lambda p: _resource(p, "estimates").update({"x-interval": ["low", "low"]}),
     "estimates", lambda p: "x-interval", "different columns"),
    ("excerpts from a number column", lambda p: _resource(p, "scholarly_estimates")["x-excerptFrom"]
     .update({"column": "value"}),
     "scholarly_estimates", lambda p: "x-excerptFrom.column", "integer field"),
    ("claims flag on a table quoting text", lambda p: _resource(p, "coverage_exclusions").update({"x-claims": True}),
     "coverage_exclusions", lambda p: "x-claims", "quote"),
    ("corrections rule on a claim table", lambda p: _resource(p, "causes").update({"x-concernsAClaim": {}}),
     "causes", lambda p: "x-concernsAClaim", "corrections table"),
    ("an exempt kind that does not exist", lambda p: _resource(p, "corrections")["x-concernsAClaim"]
     .update({"exceptKinds": ["broken_markp"]}),
     "corrections", lambda p: "x-concernsAClaim.exceptKinds", "not a kind"),
    ("document offsets as decimals", lambda p: _field(p, "documents", "body_start").update({"type": "number"}),
     "documents", lambda p: "schema.fields", "integer field 'body_start'"),
    ("regex rule on a number", lambda p: _field(p, "estimates", "value").update({"x-regex": True}),
     "estimates", lambda p: f"schema.fields[{_field_index(p, 'estimates', 'value')}].x-regex", "reads text"),
    ("path written with ./", lambda p: _resource(p, "people").update({"path": "./people.csv"}),
     "people", lambda p: "path", "plainly"),
    ("path with a final slash", lambda p: _resource(p, "people").update({"path": "people.csv/"}),
     "people", lambda p: "path", "plainly"),
    ("path with a NUL", lambda p: _resource(p, "people").update({"path": "people\u0000.csv"}),
     "people", lambda p: "path", "usable file name"),
    ("path too long", lambda p: _resource(p, "people").update({"path": "p" * 300 + ".csv"}),
     "people", lambda p: "path", "usable file name"),
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
    (b'{"resources": {}}', "list of objects"),
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
    assert (error.row, error.column) == (None, "resources") and "list of objects" in str(error)


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


@pytest.mark.parametrize("replace, by, words", [
    ('"minimum": 0', '"minimum": NaN', "not a JSON number"),
    ('"minimum": 0', '"minimum": 1' + "0" * 5000, "plain numbers"),
    ('"licenses": [', '"deep": ' + "[" * 100_000 + "]" * 100_000 + ', "licenses": [', "nesting"),
    ('"licenses": [', '"licenses": "CC-BY", "x": [', "list of objects"),
], ids=["NaN", "a 5000-digit number", "nesting 100 000 deep", "licence as text"])
def test_json_that_python_would_read_but_the_package_cannot_hold(data_copy: Path, replace: str, by: str,
                                                                  words: str) -> None:
    path = data_copy / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    assert replace in text
    path.write_text(text.replace(replace, by, 1), encoding="utf-8")
    error = _load_error(data_copy)
    assert error.file == "data/datapackage.json" and words in str(error)


def test_a_table_path_that_links_to_itself(data_copy: Path) -> None:
    (data_copy / "loop.csv").symlink_to(data_copy / "loop.csv")
    original = _damaged(data_copy, lambda p: _resource(p, "people").update({"path": "loop.csv"}))
    error = _load_error(data_copy)
    assert (error.row, error.column) == (_position(original, "people"), "path") and "leads nowhere" in str(error)


def test_two_names_for_one_file(data_copy: Path) -> None:
    (data_copy / "people_link.csv").symlink_to(data_copy / "people.csv")
    original = _damaged(data_copy, lambda p: p["resources"].append({**_resource(p, "people"), "name": "people_again",
                                                                    "path": "people_link.csv"}))
    error = _load_error(data_copy)
    assert (error.row, error.column) == (len(original["resources"]) + 1, "path") and "already" in str(error)


def test_a_key_into_its_own_table_named_explicitly(data_copy: Path) -> None:
    _damaged(data_copy, lambda p: _resource(p, "people")["schema"].setdefault("foreignKeys", []).append(
        {"fields": "person_id", "reference": {"resource": "people", "fields": "person_id"}}))
    assert not load_all_tables(data_copy / "datapackage.json", use_cache=False)["people"].empty


@pytest.mark.parametrize("value, words", [("1" + "0" * 400, "too large"), ("0.1000000000000000055511151231257827",
                                                                           "significant digits")],
                         ids=["beyond a float", "more digits than a float keeps"])
def test_a_number_a_float_cannot_hold(data_copy: Path, value: str, words: str) -> None:
    _damaged(data_copy, lambda p: _field(p, "estimates", "value").update({"type": "number"}))
    edit_cell(data_copy, "estimates", 1, "value", value)
    edit_cell(data_copy, "estimates", 1, "high", "")
    with pytest.raises(TableError) as caught:
        load_all_tables(data_copy / "datapackage.json", use_cache=False)
    assert (caught.value.row, caught.value.column) == (1, "value") and words in str(caught.value)
