"""Vocabularies are declared once, in data/datapackage.json, and used everywhere.

The loader gives each field its vocabulary's terms as its enum; a damaged
vocabulary declaration is one TableError naming the property; CONTRIBUTING.md
shows the same terms; the command line lists them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers.check import contributing_problem
from helpers.evidence.errors import TableError
from helpers.evidence.tables import load_all_tables, read_datapackage
from helpers.evidence.vocabularies import main, vocabularies, vocabularies_markdown
from helpers.paths import DATAPACKAGE

Package = dict[str, Any]


def _field(package: Package, table: str, name: str) -> dict[str, Any]:
    resource = next(r for r in package["resources"] if r["name"] == table)
    return next(f for f in resource["schema"]["fields"] if f["name"] == name)


def _damaged(data: Path, damage: Callable[[Package], None]) -> TableError:
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    damage(package)
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(TableError) as caught:
        load_all_tables(path, use_cache=False)
    return caught.value


def test_every_field_of_a_vocabulary_gets_its_terms_as_enum() -> None:
    raw = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    package = read_datapackage()
    used = 0
    for raw_resource, resource in zip(raw["resources"], package["resources"]):
        for raw_field, field in zip(raw_resource["schema"]["fields"], resource["schema"]["fields"]):
            if "x-vocabulary" in raw_field:
                used += 1
                assert "enum" not in raw_field.get("constraints", {}), "declared twice in the file"
                terms = list(raw["x-vocabularies"][raw_field["x-vocabulary"]]["terms"])
                assert field["constraints"]["enum"] == terms
    assert used >= len(raw["x-vocabularies"])


def test_every_vocabulary_is_used_and_every_term_is_explained() -> None:
    for vocabulary in vocabularies().values():
        assert vocabulary.used_by, f"{vocabulary.name} is used by no field"
        assert vocabulary.description.strip()
        assert all(meaning.strip() for meaning in vocabulary.terms.values())


def test_the_terms_the_claim_tables_use_are_declared() -> None:
    tables = load_all_tables()
    for vocabulary in vocabularies().values():
        for use in vocabulary.used_by:
            table, field = use.split(".")
            values = set(tables[table][field].dropna())
            assert values <= set(vocabulary.terms), (use, values - set(vocabulary.terms))


@pytest.mark.parametrize(("damage", "column", "words"), [
    (lambda p: _field(p, "leadership_changes", "change").update({"x-vocabulary": "chnage"}),
     "schema.fields[4].x-vocabulary", "Did you mean 'change'"),
    (lambda p: _field(p, "leadership_changes", "change").setdefault("constraints", {}).update({"enum": ["removed"]}),
     "schema.fields[4].constraints.enum", "remove this enum"),
    (lambda p: _field(p, "leadership_changes", "change").update({"type": "integer"}),
     "schema.fields[4].x-vocabulary", "must be a string"),
    (lambda p: p["x-vocabularies"]["change"]["terms"].update({"removed": ""}),
     "x-vocabularies.change.terms.removed", "say in words what the term means"),
    (lambda p: p["x-vocabularies"]["change"]["terms"].update({"Removed!": "Pushed out"}),
     "x-vocabularies.change.terms.Removed!", "a term is a name"),
    (lambda p: p["x-vocabularies"]["change"].update({"terms": {}}),
     "x-vocabularies.change.terms", "at least one term"),
    (lambda p: p["x-vocabularies"]["change"].pop("description"),
     "x-vocabularies.change.description", "needs this property"),
    (lambda p: p["x-vocabularies"].update({"change": ["removed"]}),
     "x-vocabularies.change", "must be an object"),
    (lambda p: p["x-vocabularies"]["change"].update({"values": {}}),
     "x-vocabularies.change.values", "unknown property of a vocabulary"),
], ids=["misspelt vocabulary", "enum as well", "not a string", "term without meaning", "term not a name",
        "no terms", "no description", "not an object", "unknown property"])
def test_a_damaged_vocabulary_is_named(data_copy: Path, damage: Callable[[Package], None], column: str,
                                       words: str) -> None:
    error = _damaged(data_copy, damage)
    assert error.file == "data/datapackage.json" and error.column == column and words in error.message


def test_a_term_removed_from_a_vocabulary_fails_the_rows_that_use_it(data_copy: Path) -> None:
    error = _damaged(data_copy, lambda p: p["x-vocabularies"]["change"]["terms"].pop("executed"))
    assert error.file == "data/leadership_changes.csv" and error.column == "change"
    assert "'executed' is not one of the allowed values" in error.message


def test_contributing_lists_the_vocabularies() -> None:
    assert contributing_problem() is None
    markdown = vocabularies_markdown()
    for vocabulary in vocabularies().values():
        assert f"#### `{vocabulary.name}`" in markdown
        assert all(f"| `{term}` |" in markdown for term in vocabulary.terms)


def test_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["measure"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("measure: ") and "\n  dead " in out and "used by: estimates.measure" in out
    assert main(["measures"]) == 1
    assert "Did you mean 'measure'" in capsys.readouterr().err


def test_every_kind_of_correction_has_a_label() -> None:
    from helpers.evidence.corrections import KIND_LABELS, KINDS_ABOUT_THE_PAST

    terms = set(vocabularies()["correction_kind"].terms)
    assert set(KIND_LABELS) == terms and KINDS_ABOUT_THE_PAST <= terms
