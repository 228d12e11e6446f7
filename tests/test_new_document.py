"""The new-document helper: it proposes a valid documents.csv row, refuses bad
input with a clear message, and lists what the coverage audit will ask."""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers.evidence.corpus import _span_problems
from helpers.evidence.new_document import (
    NO_YEAR,
    checklist,
    first_title_line,
    main,
    propose_row,
    propose_spans,
    slug,
)
from helpers.evidence.tables import load_table
from helpers.paths import DATA_DIR

# A short page, written for these tests: a title with a number outside every
# span, a body of two paragraph lines, a "2 Comments" heading, a commenter's
# name line, one comment, and a reply form with a long line of its own.
SHORT_TITLE = "Page 7: Students and Tanks"
SHORT_DOCUMENT = (
    f"{SHORT_TITLE}\n"  # line 1
    "\n"
    "Students of Budapest marched on 23 October 1956, and by the evening the crowd had grown to two hundred "
    "thousand people.\n"  # line 3
    "Imre Nagy spoke to them from a balcony of the parliament building, and the next morning fighting spread "
    "across the city.\n"  # line 4
    "\n"
    "2 Comments\n"  # line 6
    "\n"
    "Anna says:\n"  # line 8
    "I read that Nagy was executed in 1958 after a secret trial, and that his reburial drew a huge crowd.\n"  # line 9
    "\n"
    "Leave a Reply\n"  # line 11
    "Your email address will not be published, and the required fields are marked with a star.\n"  # line 12
)
SHORT_NAME = "900_short_test_page.txt"


def expected_short_spans() -> tuple[tuple[int, int], tuple[int, int]]:
    """The spans the rule gives the short page: the body from its first to its
    last paragraph line, the comments the one comment (not "Anna says:")."""
    text = SHORT_DOCUMENT
    body = (text.index("Students of"), text.index("across the city.") + len("across the city."))
    comments = (text.index("I read"), text.index("a huge crowd.") + len("a huge crowd."))
    return body, comments


def put_in_raw(data_dir: Path, name: str = SHORT_NAME, content: bytes | str = SHORT_DOCUMENT) -> Path:
    """Write a document into the copy's raw/ folder."""
    path = data_dir / "raw" / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of one run of the command."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- appending --------------------------------------------------------------------------------------------------


def test_append_adds_a_row_that_loads(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = put_in_raw(data_copy)
    documents_csv = data_copy / "documents.csv"
    before = documents_csv.read_bytes()
    code, out, err = run(capsys, str(path), "--doc-id", "students_tanks", "--genre", "test page", "--append",
                         "--data-dir", str(data_copy))
    assert (code, err) == (0, "")
    after = documents_csv.read_bytes()
    assert after.startswith(before) and after.endswith(b"\n")
    appended = after[len(before):].decode("utf-8")
    assert appended.count("\n") == 1
    assert appended.rstrip("\n") in out.splitlines()  # the line printed is the line appended

    documents = load_table("documents", datapackage=data_copy / "datapackage.json")
    row = documents.set_index("doc_id").loc["students_tanks"]
    (body_start, body_end), (comments_start, comments_end) = expected_short_spans()
    assert row["file_name"] == SHORT_NAME
    assert row["title"] == SHORT_TITLE
    assert row["genre"] == "test page"
    assert row["sha256"] == hashlib.sha256(SHORT_DOCUMENT.encode("utf-8")).hexdigest()
    assert row["n_chars"] == len(SHORT_DOCUMENT)
    assert (row["body_start"], row["body_end"]) == (body_start, body_end)
    assert (row["comments_start"], row["comments_end"]) == (comments_start, comments_end)


def test_append_to_a_file_without_a_final_newline(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    documents_csv = data_copy / "documents.csv"
    rows_before = read_csv(documents_csv)
    documents_csv.write_bytes(documents_csv.read_bytes().rstrip(b"\n"))
    path = put_in_raw(data_copy)
    code, _, err = run(capsys, str(path), "--genre", "test page", "--append", "--data-dir", str(data_copy))
    assert (code, err) == (0, "")
    rows_after = read_csv(documents_csv)
    assert rows_after[:-1] == rows_before  # the last old row is not glued to the new one
    assert rows_after[-1]["file_name"] == SHORT_NAME
    load_table("documents", datapackage=data_copy / "datapackage.json")


def test_a_row_that_does_not_load_is_reported_and_left(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Two new files, one row: the documents table then refuses the file without one.
    path = put_in_raw(data_copy)
    put_in_raw(data_copy, "901_second_page.txt", SHORT_DOCUMENT + "A second page that nobody has described yet.\n")
    code, _, err = run(capsys, str(path), "--genre", "test page", "--append", "--data-dir", str(data_copy))
    assert code == 1
    assert "901_second_page.txt has no row" in err
    assert "still there" in err
    assert read_csv(data_copy / "documents.csv")[-1]["file_name"] == SHORT_NAME


# --- refusals ---------------------------------------------------------------------------------------------------


def _outside(data_dir: Path) -> tuple[list[str], list[str]]:
    path = data_dir.parent / "outside.txt"
    path.write_text(SHORT_DOCUMENT, encoding="utf-8")
    return [str(path)], ["copy the file, unchanged, into", f"cp {path} "]


def _crlf(data_dir: Path) -> tuple[list[str], list[str]]:
    lines = SHORT_DOCUMENT.split("\n")
    content = "\n".join(lines[:2]) + "\n" + "\r\n".join(lines[2:])  # lines 1-2 LF, CRLF from line 3 on
    return [str(put_in_raw(data_dir, content=content))], ["line 3", "LF line endings", "dos2unix", "never changed"]


def _bom(data_dir: Path) -> tuple[list[str], list[str]]:
    path = put_in_raw(data_dir, content=b"\xef\xbb\xbf" + SHORT_DOCUMENT.encode("utf-8"))
    return [str(path)], ["line 1", "byte-order mark", "without BOM"]


def _not_utf8(data_dir: Path) -> tuple[list[str], list[str]]:
    path = put_in_raw(data_dir, content=b"Title\nCaf\xe9 in Budapest\n")
    return [str(path)], ["line 2", "not valid UTF-8"]


def _described(data_dir: Path) -> tuple[list[str], list[str]]:
    first = read_csv(data_dir / "documents.csv")[0]
    return [str(data_dir / "raw" / first["file_name"])], ["already has a row", first["doc_id"]]


def _taken_doc_id(data_dir: Path) -> tuple[list[str], list[str]]:
    taken = read_csv(data_dir / "documents.csv")[1]["doc_id"]
    return [str(put_in_raw(data_dir)), "--doc-id", taken], ["taken", taken, "choose another"]


def _bad_doc_id(data_dir: Path) -> tuple[list[str], list[str]]:
    return [str(put_in_raw(data_dir)), "--doc-id", "Students-Tanks"], ["'Students-Tanks'", "[a-z][a-z0-9_]*"]


def _append_without_genre(data_dir: Path) -> tuple[list[str], list[str]]:
    return [str(put_in_raw(data_dir)), "--append"], ["--genre is required with --append"]


def _title_not_in_file(data_dir: Path) -> tuple[list[str], list[str]]:
    return [str(put_in_raw(data_dir)), "--title", "Students and Tanks!"], ["does not occur", "Students and Tanks!"]


@pytest.mark.parametrize("case", [_outside, _crlf, _bom, _not_utf8, _described, _taken_doc_id, _bad_doc_id,
                                  _append_without_genre, _title_not_in_file], ids=lambda case: case.__name__[1:])
def test_bad_input_is_refused(case: Callable[[Path], tuple[list[str], list[str]]], data_copy: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    documents_before = (data_copy / "documents.csv").read_bytes()
    argv, expected = case(data_copy)
    # --append everywhere (with a genre, except where its absence is the case): nothing may be written.
    extra = ["--append"] if "--append" in argv else ["--genre", "test page", "--append"]
    argv = [arg for arg in argv if arg != "--append"] + extra
    code, out, err = run(capsys, *argv, "--data-dir", str(data_copy))
    assert code == 1
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1
    for words in expected:
        assert words in err
    assert (data_copy / "documents.csv").read_bytes() == documents_before


# --- the span proposal on the real documents ------------------------------------------------------------------


REAL_DOCUMENTS = read_csv(DATA_DIR / "documents.csv")


def real_text(document: dict[str, str]) -> str:
    with open(DATA_DIR / "raw" / document["file_name"], encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.mark.parametrize("document", REAL_DOCUMENTS, ids=[document["doc_id"] for document in REAL_DOCUMENTS])
@pytest.mark.parametrize("title_from", ["none", "first line", "documents.csv"])
def test_proposed_spans_of_the_real_documents_follow_the_span_rules(document: dict[str, str],
                                                                    title_from: str) -> None:
    text = real_text(document)
    title = {"none": None, "first line": first_title_line(text), "documents.csv": document["title"]}[title_from]
    body, comments = propose_spans(text, title)
    assert _span_problems(text, *body) == []
    assert text[body[0]:body[1]].strip()
    if comments is not None:
        assert _span_problems(text, *comments) == []
        assert body[1] < comments[0]  # no overlap: the comments follow the body


@pytest.mark.parametrize("doc_id", ["essay", "wiki_rev", "simple_wiki", "edu_page"])
def test_the_proposal_finds_the_curated_body_of_pages_of_paragraphs(doc_id: str) -> None:
    # These pages hold their author's text as paragraph lines between a short
    # heading (the title, a timestamp) and short furniture, without comments:
    # the rule must find the body the curators marked.
    document = next(document for document in REAL_DOCUMENTS if document["doc_id"] == doc_id)
    body, comments = propose_spans(real_text(document), document["title"])
    assert body == (int(document["body_start"]), int(document["body_end"]))
    assert comments is None


def test_the_blog_comments_lie_between_the_responses_heading_and_the_reply_form() -> None:
    document = next(document for document in REAL_DOCUMENTS if document["comments_start"])
    text = real_text(document)
    body, comments = propose_spans(text, document["title"])
    heading, reply_form = text.index("3 Responses"), text.index("Leave a Reply")
    assert body[0] == int(document["body_start"])
    assert body[1] < heading
    assert comments is not None and heading < comments[0] < comments[1] <= reply_form


def test_a_long_title_line_is_not_the_body() -> None:
    text = ("A title long enough to count as a paragraph line if it were one of the text\n\n"
            "The text itself starts here and goes on for well over twelve words in all.\n")
    body, comments = propose_spans(text, first_title_line(text))
    assert body == (text.index("The text"), len(text) - 1)
    assert comments is None


def test_a_span_never_ends_on_trailing_spaces() -> None:
    # A span must end just before a "\n" on a character that is not a space:
    # a last paragraph line with trailing spaces cannot end the body.
    text = ("Title\n\n"
            "The first paragraph of this text goes on for well over twelve words in all.\n"
            "The second paragraph of this text also goes on for more than twelve words.  \n")
    body, _ = propose_spans(text, "Title")
    assert _span_problems(text, *body) == []
    assert text[body[0]:body[1]].startswith("The first")


def test_the_rule_starts_after_the_title_line() -> None:
    # The cookie banner of edu_page is a line of twelve words: without the real
    # title the body would start on it; with it, after the title line.
    document = next(document for document in REAL_DOCUMENTS if document["doc_id"] == "edu_page")
    text = real_text(document)
    title_at = text.index(document["title"])
    assert propose_spans(text)[0][0] < title_at < propose_spans(text, document["title"])[0][0]


# --- the row and the checklist ----------------------------------------------------------------------------------


def test_the_proposed_doc_id_is_a_fresh_slug(data_copy: Path) -> None:
    path = put_in_raw(data_copy)
    first = propose_row(path, [])["doc_id"]
    taken = [{"doc_id": first, "file_name": "other.txt", "sha256": "0" * 64}]
    second = propose_row(path, taken)["doc_id"]
    for doc_id in (first, second):
        assert doc_id[0].isascii() and doc_id[0].isalpha()
        assert doc_id.replace("_", "").isalnum() and doc_id == doc_id.lower() and doc_id.isascii()
    assert len(first) <= 20 and first.startswith("page")
    assert second != first


@pytest.mark.parametrize("title", ["Antidisestablishmentarianismus in Hungary", "Kádár’s Hungary, 1956–1989",
                                   "1956: the Hungarian Uprising", "Ő"])
def test_a_slug_follows_the_doc_id_rule(title: str) -> None:
    doc_id = slug(title)
    assert doc_id.isascii() and doc_id[0].isalpha() and doc_id.replace("_", "").isalnum()
    assert doc_id == doc_id.lower() and len(doc_id) <= 20
    assert slug(title, [doc_id]) != doc_id


def test_the_checklist_names_the_numbers_dates_and_people_of_the_spans(data_copy: Path) -> None:
    people = read_csv(data_copy / "people.csv")
    variants = read_csv(data_copy / "name_variants.csv")
    items = checklist(SHORT_DOCUMENT, expected_short_spans(), people, variants)
    found = {(item.line, item.kind, item.text) for item in items}
    assert (3, "number", "1956") in found
    assert (9, "number", "1958") in found
    assert (3, "date", "October") in found
    assert (3, "date", "23") in found  # the day of "23 October"
    assert (3, "number word", "hundred") in found
    assert (4, "person", "Imre Nagy") in found
    assert (9, "person", "Nagy") in found
    assert {item.person_id for item in items if item.kind == "person"} == {"nagy_imre"}
    assert (4, "person", "Nagy") not in found  # "Imre Nagy" is one mention, not two
    # Outside the spans: the "7" of the title and the "2" of "2 Comments".
    assert not [item for item in items if item.line in (1, 6)]
    nagy = next(item for item in items if item.text == "Imre Nagy")
    assert "Imre Nagy spoke" in nagy.context and len(nagy.context) < 60


def test_the_report_lists_the_checklist_and_the_next_steps(data_copy: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = put_in_raw(data_copy)
    code, out, err = run(capsys, str(path), "--data-dir", str(data_copy))
    assert (code, err) == (0, "")
    assert "line 3: 1956 in «" in out
    assert "line 3: October in «" in out
    assert "line 4: Imre Nagy (nagy_imre) in «" in out
    assert "1956, 1958" in out and NO_YEAR not in out
    assert "genre" in out and "REQUIRED" in out
    assert "append it with --append (or paste the line into data/documents.csv), then run make check" in out
    body = expected_short_spans()[0]
    assert f"starts «{SHORT_DOCUMENT[body[0]:body[0] + 60]}»" in out
    assert f"ends   «{SHORT_DOCUMENT[body[1] - 60:body[1]]}»" in out
    # The CSV line is in the header order of documents.csv.
    with open(data_copy / "documents.csv", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    line = next(line for line in out.splitlines() if SHORT_NAME in line and "," in line)
    row = dict(zip(header, next(csv.reader([line]))))
    assert row["file_name"] == SHORT_NAME and row["n_chars"] == str(len(SHORT_DOCUMENT))
    assert row["genre"] == ""


def test_a_document_without_a_year_is_flagged(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = SHORT_DOCUMENT.replace(" 1956", "").replace(" in 1958", "")
    path = put_in_raw(data_copy, content=content)
    code, out, _ = run(capsys, str(path), "--data-dir", str(data_copy))
    assert code == 0
    assert NO_YEAR in out


def test_a_year_in_the_title_counts(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The missing-year rule asks whether the document gives a year anywhere, its title included.
    content = SHORT_DOCUMENT.replace(" 1956", "").replace(" in 1958", "").replace("Page 7", "Autumn 1956")
    path = put_in_raw(data_copy, content=content)
    code, out, _ = run(capsys, str(path), "--data-dir", str(data_copy))
    assert code == 0
    assert NO_YEAR not in out
    assert "1956" in out.split("CHECKLIST")[1]


def test_the_output_is_the_same_on_two_runs(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = put_in_raw(data_copy)
    first = run(capsys, str(path), "--genre", "test page", "--data-dir", str(data_copy))
    second = run(capsys, str(path), "--genre", "test page", "--data-dir", str(data_copy))
    assert first == second
    assert first[0] == 0 and "CHECKLIST" in first[1]


def test_the_module_starts_without_pandas() -> None:
    # The command should answer fast: pandas is imported only when a checklist is made.
    code = "import sys, helpers.evidence.new_document; sys.exit('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_name_the_tables_do_not_know_is_listed(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ("Hungary Rises\n\nThat night Erno Gero, the party leader, spoke on the radio, and Imre Nagy waited "
            "while the crowd in Budapest grew larger and larger.\n")
    path = put_in_raw(data_copy, "009_panel.txt", text)
    code, out, _ = run(capsys, str(path), "--data-dir", str(data_copy))
    assert code == 0
    section = out[out.index("Names people.csv does not know"):].splitlines()[1:]
    listed_names = [line.split(" in «")[0] for line in section[:next(i for i, l in enumerate(section)
                                                                   if not l.startswith("  "))]]
    assert listed_names == ["  line 3: Erno Gero"]  # not Imre Nagy (known), nor "That night" (not a name)
    items = checklist(text, [(15, len(text) - 1)], read_csv(data_copy / "people.csv"),
                      read_csv(data_copy / "name_variants.csv"))
    assert [item.text for item in items if item.kind == "unknown name"] == ["Erno Gero"]


def test_the_note_goes_into_the_row(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = put_in_raw(data_copy)
    note = "Title and comment heading outside the spans; no author named."
    code, _, err = run(capsys, str(path), "--genre", "test page", "--note", note, "--append",
                       "--data-dir", str(data_copy))
    assert (code, err) == (0, "")
    assert read_csv(data_copy / "documents.csv")[-1]["note"] == note
    code, _, err = run(capsys, str(path).replace(SHORT_NAME, SHORT_NAME), "--note", " padded ", "--data-dir",
                       str(data_copy))
    assert code == 1


def test_a_span_can_be_given_and_is_checked(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ("Remembering\n\nThe students marched on the parliament and the crowd grew all through the long "
            "afternoon of that day.\nKadar took over and ruled for thirty years.\n\nLeave a Reply\n")
    path = put_in_raw(data_copy, "010_short_last_line.txt", text)
    code, out, _ = run(capsys, str(path), "--title", "Remembering", "--data-dir", str(data_copy))
    assert code == 0 and "    line 4: «Kadar took over and ruled for thirty years.»" in out  # cut short: said
    end = text.index("years.") + len("years.")
    code, out, _ = run(capsys, str(path), "--title", "Remembering", "--body-end", str(end),
                       "--data-dir", str(data_copy))
    assert code == 0 and f"body [13, {end})" in out and "    line 4: «Kadar" not in out  # no longer left out
    assert "line 4: thirty in «" in out  # and the checklist covers the last line
    code, _, err = run(capsys, str(path), "--title", "Remembering", "--body-end", str(end - 2),
                       "--data-dir", str(data_copy))
    assert code == 1 and "column 'body_end'" in err and "is not at the end of a line" in err
    code, _, err = run(capsys, str(path), "--title", "Remembering", "--comments-start", "13",
                       "--data-dir", str(data_copy))
    assert code == 1 and "give both --comments-start and --comments-end" in err
