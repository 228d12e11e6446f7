"""Each kind of bad claim row gets one clear error naming file, row and column.

Every test breaks one cell of a copy of a real table; nothing may load.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit_cell, table_path

from helpers.evidence.tables import TableError, load_table


def _error(data_copy: Path, table: str) -> TableError:
    with pytest.raises(TableError) as caught:
        load_table(table, datapackage=data_copy / "datapackage.json")
    return caught.value


def _first_row_with(data_copy: Path, table: str, column: str, unlike: str = "") -> int:
    """The first data row whose ``column`` is filled (and differs from ``unlike``)."""
    import csv

    with open(table_path(data_copy, table), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return next(i for i, row in enumerate(rows, start=1) if row[column] and row[column] != unlike)


@pytest.mark.parametrize(
    "table, column, value, message",
    [
        ("event_claims", "date", "1956-02-30", "impossible date"),
        ("event_claims", "date", "1956-13", "impossible date"),
        ("event_claims", "date_precision", "month", "precision"),
        ("estimates", "value", "-5", "minimum"),
        ("estimates", "value", "about 300", "plain digits"),
        ("estimates", "value", "20000000000000000000", "too large to store"),  # found by hypothesis
        ("estimates", "doc_id", "newspaper", "not a known doc_id"),
        ("leadership_changes", "person_id", "no_such_person", "not a known person_id"),
        ("leadership_changes", "claim_id", "lead-essay-01", "duplicate key: the same as row 1 (line 2)"),
        ("event_claims", "quote", "Soviet troops left Hungary for good.", "not found verbatim"),
        ("leadership_changes", "office_as_written", "Grand Vizier", "does not occur in the row's quote"),
        ("estimates", "qualifier_key", "roughly", "Constraint Error"),
        ("name_variants", "is_misspelling", "yes", "exactly true or false"),
        ("leadership_reference", "excerpt", "Nagy was never prime minister.", "not found verbatim"),
        ("leadership_reference", "person_id", "no_such_person", "not a known person_id"),
        ("causes", "cause", "bad_harvest", "Constraint Error"),
        ("causes", "term", "medium_term", "Constraint Error"),
        ("causes", "quote", "The revolution was caused by the weather.", "not found verbatim"),
        ("international_reactions", "doc_id", "newspaper", "not a known doc_id"),
        ("consequences", "scope", "the_moon", "Constraint Error"),
        ("significance_verdicts", "span", "footer", "Constraint Error"),
        ("chronology", "excerpt", "The revolution began in 1848.", "not found verbatim"),
        ("chronology", "date", "1956-10-32", "impossible date"),
        ("chronology", "event_id", "moon_landing", "not a known event_id"),
        ("causes_reference", "excerpt", "Nobody knows why.", "not found verbatim"),
        ("consequences_reference", "grade", "D", "Constraint Error"),
        ("glossary", "term", "Source", "duplicate key"),
        # Strict forms: one written form per type, nothing coerced.
        ("estimates", "value", "+1000", "plain digits"),
        ("estimates", "value", "01000", "plain digits"),
        ("estimates", "value", "1_000", "plain digits"),
        ("estimates", "value", "1,000", "plain digits"),
        ("estimates", "value", "1 000", "plain digits"),
        ("estimates", "value", "1e3", "plain digits"),
        ("estimates", "value", "1000.0", "plain digits"),
        ("estimates", "value", "0x10", "plain digits"),
        ("estimates", "value", "-0", "plain digits"),
        ("estimates", "value", " 1000", "begins or ends with a space"),
        ("estimates", "value", "1000 ", "begins or ends with a space"),
        ("estimates", "value", "\uff11\uff10\uff10\uff10", "plain digits"),  # full-width digits
        ("estimates", "low", "\u0663", "plain digits"),  # Arabic-Indic three
        ("estimates", "high", "\u096a\u0966", "plain digits"),  # Devanagari forty
        ("scholarly_estimates", "value", "+2500", "plain digits"),
        ("name_variants", "is_misspelling", "True", "exactly true or false"),
        ("name_variants", "is_misspelling", "TRUE", "exactly true or false"),
        ("name_variants", "is_misspelling", "1", "exactly true or false"),
        ("name_variants", "is_misspelling", "0", "exactly true or false"),
        ("name_variants", "is_misspelling", "no", "exactly true or false"),
        ("name_variants", "is_misspelling", "false ", "exactly true or false"),
        ("leadership_changes", "office_is_vague", "False", "exactly true or false"),
        ("event_claims", "date", "0956", "outside 1800-2099"),
        ("event_claims", "date", "0956-10-23", "outside 1800-2099"),
        ("event_claims", "date", "2956-10-23", "outside 1800-2099"),
        ("chronology", "date", "1756-10-23", "outside 1800-2099"),
        ("leadership_changes", "date", "0195", "outside 1800-2099"),
        ("event_claims", "date", "1956-W43-2", "required form"),
        ("event_claims", "date", "\uff11\uff19\uff15\uff16", "required form"),
        ("event_claims", "date", "19561023", "required form"),
        ("event_claims", "date", "1956-10-23T00:00", "required form"),
        ("event_claims", "date", "1956-1-2", "required form"),
        ("estimates", "measure", "ghosts", "Known: dead, wounded"),
        ("estimates", "measure", "", "required: fill it"),
        # Found by an adversarial run.
        ("chronology", "date_end", "1956-02-30", "impossible date"),
        ("chronology", "date_end", "1943", "before it starts"),
        ("chronology", "date_end", "0194", "outside 1800-2099"),
        ("scholarly_estimates", "value", "99999999", "is greater than"),
        ("topics", "pattern", "R[a\u00e1", "not a valid regular expression"),
        ("topics", "pattern", "Rakosi|", "matches the empty text"),
        ("leadership_reference", "excerpt", "the", "at least 2 words"),
        ("glossary", "term", "Source\u200b", "invisible mark"),
        ("events", "label", "Soviet\u2060", "invisible mark"),
        ("events", "label", "a form\x0cfeed", "control character"),
        ("events", "label", "a\ttab", "control character"),
        ("people", "person_id", "\ufeffnagy", "required form"),
        # A quote is a meaningful span of its document.
        ("event_claims", "quote", "Hungary", "at least 2 words"),
        ("event_claims", "quote", "1956", "at least 2 words"),
        ("event_claims", "quote", "\"", "at least 2 words"),
        ("event_claims", "quote", "   ", "begins or ends with a space"),
        ("corrections", "quote", "Hungary", "at least 2 words"),
        ("events", "label", " padded label", "begins or ends with a space"),
        ("event_claims", "note", "trailing space ", "begins or ends with a space"),
        ("event_claims", "note", "a line break\n", "line break"),
    ],
)
def test_bad_cell(data_copy: Path, table: str, column: str, value: str, message: str) -> None:
    # For the key, copy row 1's id into the next row that has a different one.
    row = _first_row_with(data_copy, table, column, unlike=value)
    edit_cell(data_copy, table, row, column, value)
    error = _error(data_copy, table)
    assert (error.file, error.row, error.column) == (f"data/{table_path(data_copy, table).relative_to(data_copy)}", row, column)
    assert message.lower() in str(error).lower()


def test_low_above_high(data_copy: Path) -> None:
    row = _first_row_with(data_copy, "estimates", "high")
    edit_cell(data_copy, "estimates", row, "low", "99999999")
    error = _error(data_copy, "estimates")
    assert (error.row, error.column) == (row, "low") and "greater than" in str(error)


def test_quote_outside_its_span(data_copy: Path) -> None:
    # The blog's reader comments are their own span: a comment's words
    # attributed to the author's body must be refused.
    import csv

    with open(data_copy / "name_variants.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = next(i for i, r in enumerate(rows, start=1) if r["span"] == "comments")
    edit_cell(data_copy, "name_variants", row, "span", "body")
    error = _error(data_copy, "name_variants")
    assert (error.row, error.column) == (row, "quote") and "not inside its body span" in str(error)


def test_date_without_precision(data_copy: Path) -> None:
    row = _first_row_with(data_copy, "event_claims", "date")
    edit_cell(data_copy, "event_claims", row, "date_precision", "")
    error = _error(data_copy, "event_claims")
    assert (error.row, error.column) == (row, "date_precision")


def test_a_correction_that_concerns_no_claim(data_copy: Path) -> None:
    # Words of a page's furniture (before its body): in the document, but in no claim's quote.
    import csv

    from conftest import append_row

    with open(data_copy / "documents.csv", encoding="utf-8", newline="") as handle:
        document = max(csv.DictReader(handle), key=lambda d: int(d["body_start"]))
    furniture = (data_copy / "raw" / document["file_name"]).read_text(encoding="utf-8")[:int(document["body_start"])]
    append_row(data_copy, "corrections", {
        "correction_id": "corr-99", "doc_id": document["doc_id"], "quote": furniture.split("\n")[0][:12],
        "kind": "wrong_fact",
        "what_is_wrong": "x", "correction": "y", "reason": "z"})
    error = _error(data_copy, "corrections")
    rows = (data_copy / "corrections.csv").read_text(encoding="utf-8").count("\n") - 1
    assert (error.row, error.column) == (rows, "quote")
    assert "concerns no claim" in str(error) and "Record the statement as a claim" in str(error)


def test_a_correction_whose_quote_is_not_in_its_document(data_copy: Path) -> None:
    row = _first_row_with(data_copy, "corrections", "quote")
    edit_cell(data_copy, "corrections", row, "quote", "Words no document contains.")
    error = _error(data_copy, "corrections")
    assert (error.row, error.column) == (row, "quote") and "not found verbatim" in str(error)


def test_a_quote_that_cuts_a_word(data_copy: Path) -> None:
    import csv

    with open(data_copy / "event_claims.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row, quote = next((i, r["quote"]) for i, r in enumerate(rows, start=1) if r["quote"][:3].isalpha())
    edit_cell(data_copy, "event_claims", row, "quote", quote[1:])  # "oviet troops..." from "Soviet troops..."
    error = _error(data_copy, "event_claims")
    assert (error.row, error.column) == (row, "quote") and "cuts a word" in str(error)


def test_a_carriage_return_on_a_late_line(data_copy: Path) -> None:
    path = table_path(data_copy, "events")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[5] += "\r"
    path.write_text("\n".join(lines), encoding="utf-8")
    error = _error(data_copy, "events")
    assert (error.row, error.column) == (5, None) and "carriage return" in str(error)


def test_false_is_read_as_false_not_missing(data_copy: Path) -> None:
    import csv

    with open(data_copy / "name_variants.csv", encoding="utf-8", newline="") as handle:
        cells = [row["is_misspelling"] for row in csv.DictReader(handle)]
    loaded = load_table("name_variants", datapackage=data_copy / "datapackage.json")["is_misspelling"]
    assert "false" in cells and "true" in cells
    assert [{"true": True, "false": False}[cell] for cell in cells] == loaded.tolist()


def test_a_nul_byte_in_a_table(data_copy: Path) -> None:
    path = table_path(data_copy, "events")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3][:5] + "\x00" + lines[3][5:]
    path.write_text("\n".join(lines), encoding="utf-8")
    error = _error(data_copy, "events")
    assert (error.row, error.column) == (3, None) and "NUL" in str(error)


def test_an_empty_table_with_its_header_loads_empty(data_copy: Path) -> None:
    path = table_path(data_copy, "coverage_exclusions")
    path.write_text(path.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    assert load_table("coverage_exclusions", datapackage=data_copy / "datapackage.json").empty


@pytest.mark.parametrize("line, words", [
    ('x,"a quotation mark never closed', "quotation marks"),
    ("a,b,c,d,e,f,g,h,i,j,k,l,m,n", "different number of cells"),
    ("only_one_cell", "different number of cells"),
], ids=["unclosed quotation mark", "too many cells", "too few cells"])
def test_a_broken_csv_row(data_copy: Path, line: str, words: str) -> None:
    path = table_path(data_copy, "events")
    rows = path.read_text(encoding="utf-8").count("\n") - 1
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    error = _error(data_copy, "events")
    assert (error.file, error.row) == ("data/events.csv", rows + 1) and words in str(error)


def test_a_column_named_twice(data_copy: Path) -> None:
    path = table_path(data_copy, "events")
    lines = path.read_text(encoding="utf-8").split("\n")
    last = lines[0].split(",")[-1]
    lines = [line + ",x" if line else line for line in lines]
    lines[0] = lines[0][: -len(",x")] + "," + last
    path.write_text("\n".join(lines), encoding="utf-8")
    error = _error(data_copy, "events")
    assert (error.row, error.column) == (0, last) and "named twice" in str(error)


def test_an_as_written_field_that_cuts_a_word(data_copy: Path) -> None:
    import csv

    with open(data_copy / "leadership_changes.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row, written = next((i, r["office_as_written"]) for i, r in enumerate(rows, start=1)
                        if len(r["office_as_written"]) > 4 and r["office_as_written"][-2:].isalpha())
    edit_cell(data_copy, "leadership_changes", row, "office_as_written", written[:-1])
    error = _error(data_copy, "leadership_changes")
    assert (error.row, error.column) == (row, "office_as_written") and "cuts a word" in str(error)


def test_an_excerpt_that_cuts_a_word(data_copy: Path) -> None:
    import csv

    path = table_path(data_copy, "leadership_reference")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row, excerpt = next((i, r["excerpt"]) for i, r in enumerate(rows, start=1) if r["excerpt"][:3].isalpha())
    edit_cell(data_copy, "leadership_reference", row, "excerpt", excerpt[1:])
    error = _error(data_copy, "leadership_reference")
    assert (error.row, error.column) == (row, "excerpt") and "cuts a word" in str(error)


def test_a_quotation_mark_inside_an_unquoted_cell(data_copy: Path) -> None:
    path = table_path(data_copy, "events")
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[5].split(",")
    cells[-1] = '"Ab"cd'
    lines[5] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    error = _error(data_copy, "events")
    assert (error.file, error.row) == ("data/events.csv", 5) and "quotation marks" in str(error)


def test_a_table_saved_as_utf16(data_copy: Path) -> None:
    path = table_path(data_copy, "events")
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    error = _error(data_copy, "events")
    assert (error.row, error.column) == (None, None) and "UTF-16" in str(error)


def test_a_header_that_nearly_names_a_column(data_copy: Path) -> None:
    path = table_path(data_copy, "events")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("label", "Label ", 1), encoding="utf-8")
    error = _error(data_copy, "events")
    assert (error.row, error.column) == (0, "label") and "write it exactly 'label'" in str(error)


@pytest.mark.parametrize("note", ["Called 'Uncle'; 'Imre b\u00e1csi'; by students", "x" * 200_000],
                         ids=["semicolons and quotes", "200 000 characters"])
def test_valid_unusual_cells_load(data_copy: Path, note: str) -> None:
    # frictionless would guess ';' as the delimiter; csv would refuse a cell over 128 kB.
    edit_cell(data_copy, "documents", 1, "note", note)
    assert load_table("documents", datapackage=data_copy / "datapackage.json")["note"].iloc[0] == note


def test_an_edited_document_is_read_again_in_the_same_process(data_copy: Path) -> None:
    import hashlib

    from helpers.evidence.tables import load_all_tables

    load_all_tables(data_copy / "datapackage.json", use_cache=False)
    documents = load_table("documents", datapackage=data_copy / "datapackage.json")
    path = data_copy / "raw" / documents["file_name"].iloc[0]
    raw = path.read_bytes()
    words = next(q for q, d in zip(*[load_table("event_claims", datapackage=data_copy / "datapackage.json")[c]
                                     for c in ("quote", "doc_id")]) if d == documents["doc_id"].iloc[0])
    changed = raw.replace(words.encode(), words.upper().encode())
    assert changed != raw
    path.write_bytes(changed)
    edit_cell(data_copy, "documents", 1, "sha256", hashlib.sha256(changed).hexdigest())
    with pytest.raises(TableError) as caught:
        load_all_tables(data_copy / "datapackage.json", use_cache=False)
    assert caught.value.column == "quote" and "not found verbatim" in str(caught.value)
