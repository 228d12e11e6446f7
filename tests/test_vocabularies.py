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
from helpers.paths import PROJECT_ROOT
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
    (lambda p: p["x-vocabularies"]["soviet_body"]["broader"].update({"politburo": "kremlim"}),
     "x-vocabularies.soviet_body.broader.politburo", "'kremlim' is not a term of this vocabulary"),
    (lambda p: p["x-vocabularies"]["soviet_body"]["broader"].update({"soviets": "soviet_troops"}),
     "x-vocabularies.soviet_body.broader.soviets", "comes back to it"),
    (lambda p: p["x-vocabularies"]["soviet_body"]["same_as"].update({"moscow": "moscow"}),
     "x-vocabularies.soviet_body.same_as.moscow", "cannot be related to itself"),
    (lambda p: p["x-vocabularies"]["office"].update({"vague": ["leader"]}),
     "x-vocabularies.office.vague", "'leader' is not a term of this vocabulary"),
    (lambda p: p["x-vocabularies"]["office"].update({"broader": ["prime_minister"]}),
     "x-vocabularies.office.broader", "must be"),
], ids=["misspelt vocabulary", "enum as well", "not a string", "term without meaning", "term not a name",
        "no terms", "no description", "not an object", "unknown property", "broader names no term",
        "broader loops", "another name for itself", "vague names no term", "broader not an object"])
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


# --- corners found by mutation testing --------------------------------------------------------

HAND_MADE: Package = {
    "resources": [{"name": "claims", "schema": {"fields": [
        {"name": "kind", "x-vocabulary": "kind"}, {"name": "other_kind", "x-vocabulary": "kind"}, {"name": "note"}]}}],
    "x-vocabularies": {
        "kind": {"description": "What kind of claim.",
                 "terms": {"plain": "A plain claim.", "piped": "Either a | b, or\na path C:\\data."}},
        "unused": {"description": "Declared, but no field takes its terms.", "terms": {"x": "An x."}},
    },
}


def test_the_fields_of_each_vocabulary_are_listed_and_an_unused_one_has_none() -> None:
    from helpers.evidence.vocabularies import vocabulary_text

    declared = vocabularies(HAND_MADE)
    assert list(declared) == ["kind", "unused"]
    assert declared["kind"].used_by == ["claims.kind", "claims.other_kind"] and declared["unused"].used_by == []
    assert vocabulary_text(declared["kind"]).split("\n")[1] == "  used by: claims.kind, claims.other_kind"
    assert vocabulary_text(declared["unused"]).split("\n")[1] == "  used by: no field"


def test_a_package_without_vocabularies_has_none() -> None:
    assert vocabularies({"resources": []}) == {}


def test_the_markdown_is_that_of_the_package_given_each_description_one_cell() -> None:
    """A | in a description is escaped (it would end the cell), a backslash
    doubled (it would escape what follows), a line break made a space."""
    markdown = vocabularies_markdown(HAND_MADE)
    assert "#### `kind`" in markdown and "#### `unused`" in markdown and "#### `change`" not in markdown
    assert "What kind of claim. Used by: `claims.kind`, `claims.other_kind`." in markdown
    assert "| `piped` | Either a \\| b, or a path C:\\\\data. |" in markdown.split("\n")


@pytest.mark.parametrize("text", ["<!-- vocabularies: generated by python -m helpers.evidence.vocabularies --markdown -->",
                                  "<!-- end of vocabularies -->"])
def test_a_text_with_only_one_of_the_marks_has_no_section(text: str) -> None:
    from helpers.evidence.vocabularies import section_of

    assert section_of(f"# Guide\n\n{text}\nthe list\n") is None


def test_writing_replaces_the_section_and_leaves_a_mention_of_the_marks_alone(tmp_path: Path) -> None:
    """The guide may name the marks in its prose after the section: only the
    section between the first start mark and the end mark after it is replaced."""
    from helpers.evidence.vocabularies import END_MARK, START_MARK

    prose = f"\nThe list between `{START_MARK}` and `{END_MARK}` is generated: do not edit it.\n"
    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_text(f"# Guide\n\n{START_MARK}\nan old list\n{END_MARK}\n{prose}", encoding="utf-8")
    assert main(["--write", str(guide)]) == 0
    assert guide.read_text(encoding="utf-8") == f"# Guide\n\n{vocabularies_markdown()}\n{prose}"


def test_writing_into_a_file_without_the_marks_says_what_to_put_back(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from helpers.evidence.vocabularies import END_MARK, START_MARK

    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_text("# Guide\n\nThe list was here.\n", encoding="utf-8")
    assert main(["--write", str(guide)]) == 1
    printed = capsys.readouterr()
    assert printed.out == "" and printed.err.startswith(f"{guide}: ")
    assert repr(START_MARK) in printed.err and repr(END_MARK) in printed.err
    assert guide.read_text(encoding="utf-8") == "# Guide\n\nThe list was here.\n"


def test_the_command_line_prints_the_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--markdown"]) == 0
    assert capsys.readouterr().out == vocabularies_markdown() + "\n"


def test_the_command_line_prints_each_vocabulary_named_a_blank_line_apart(capsys: pytest.CaptureFixture[str]) -> None:
    from helpers.evidence.vocabularies import vocabulary_text

    known = vocabularies()
    assert main(["change", "measure"]) == 0
    assert capsys.readouterr().out == f"{vocabulary_text(known['change'])}\n\n{vocabulary_text(known['measure'])}\n"
    assert main([]) == 0
    assert capsys.readouterr().out == "\n\n".join(vocabulary_text(v) for v in known.values()) + "\n"


def test_the_help_names_the_command_and_explains_each_argument(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import re

    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: python -m helpers.evidence.vocabularies ") and "--write FILE" in text
    assert "The terms of the claim tables' vocabularies and what they mean." in text
    flat = " ".join(text.split())
    for argument, words in (("names", "vocabularies to show (all when none is named)"),
                            ("--markdown", "print the section of CONTRIBUTING.md"),
                            ("--write FILE", "replace the section of FILE (CONTRIBUTING.md)")):
        assert re.search(re.escape(f" {argument} {words}"), flat), (argument, text)


def test_the_relations_between_terms_are_read_and_shown_to_contributors() -> None:
    from helpers.evidence.vocabularies import relations_text

    body = vocabularies()["soviet_body"]
    assert body.broader["soviet_troops"] == "soviets" and body.same_as["politburo"] == "presidium"
    assert vocabularies()["office"].vague == ["leader_unspecified"]
    assert vocabularies()["decided_by"].unnamed == ["unspecified"]
    text = relations_text(body)
    assert "`soviet_troops` is part of `soviets`" in text and "`politburo` is another name for `presidium`" in text
    assert relations_text(vocabularies()["change"]) == ""
    assert text in (PROJECT_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
