"""Propose the ``data/documents.csv`` row of a new raw document.

A contributor who adds a source document copies it, unchanged, into
``data/raw/`` and runs::

    python -m helpers.evidence.new_document data/raw/NEW.txt [--doc-id ID] [--title TEXT] \\
        [--genre TEXT] [--append] [--data-dir DIR]

The command checks the file's bytes (UTF-8 without BOM, LF line endings),
computes what is tedious by hand (checksum, length in characters) and
*proposes* the rest: a title, a doc_id and the body and comments spans.
It prints the row as one CSV line with every value explained, both ends of
every span, and a checklist of what the coverage audit will ask the
contributor to cover. ``--append`` appends the row to ``documents.csv`` and
loads the documents table to check it.

The spans are a PROPOSAL the contributor checks, found by a simple rule
(:func:`propose_spans`): a "paragraph line" is a line of at least
:data:`PARAGRAPH_WORDS` words. The body starts at the first paragraph line
after the title's line and ends at the end of the last paragraph line before
a comments heading ("3 Responses to ...", "Comments", "Leave a Reply") or the
end of the file. After a comments heading ("3 Responses", "Comments"; not a
reply form such as "Leave a Reply"), the comments span runs from the first
paragraph line to the last paragraph line before a reply form or the end.
Short lines at either end (captions, reference lists, "Name says:") are
therefore left out: move the offsets if the author's text includes them.

Offsets are Python ``str`` positions (code points), ``[start, end)``; a span
starts at the first character of a line's text and ends at the end of a line
(the rules of :func:`helpers.evidence.corpus.corpus_errors`).

Besides the standard library, only ``helpers.paths`` and ``helpers.evidence.errors``
are imported with this module; the helpers that need pandas (``coverage``,
``tables``) are imported when they are used, so ``--help`` and refusals answer at once.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from helpers.evidence.errors import TableError
from helpers.paths import DATA_DIR

Span = tuple[int, int]
Row = Mapping[str, str]

DOCUMENTS_FILE = "documents.csv"
PEOPLE_FILE = "people.csv"
VARIANTS_FILE = "name_variants.csv"
#: The columns of documents.csv this command fills (the row is written in the file's own header order).
COLUMNS: tuple[str, ...] = ("doc_id", "file_name", "title", "genre", "sha256", "n_chars", "body_start", "body_end",
                            "comments_start", "comments_end", "note")
DOC_ID_RULE = "[a-z][a-z0-9_]*"
DOC_ID = re.compile(DOC_ID_RULE)
#: A proposed doc_id is at most this long (whole words of the title, unless the first word alone is longer).
SLUG_LENGTH = 20
#: Words of a title left out of its slug ("Hungarian Revolution of 1956" -> hungarian_revolution).
SLUG_SKIPPED_WORDS = frozenset("a an and at by for from in of on or the to".split())
#: A line of at least this many words is a "paragraph line" (captions, headings and menus are shorter).
PARAGRAPH_WORDS = 12
#: Indentation a span may start after (the same characters corpus._span_problems strips).
INDENT = " \t•"
#: A heading that opens the readers' comments: "3 Responses to “Title”", "One comment", "Comments (3)".
COMMENTS_HEADING = re.compile(r"(?:\d+|one) (?:responses?|comments?|replies|reply|thoughts?)\b"
                              r"|(?:comments|responses|replies)\b[\s\d():]*$", re.IGNORECASE)
#: A heading of the reply form that follows the comments (or the body, on a page without comments).
REPLY_FORM_HEADING = re.compile(r"(?:leave a (?:reply|comment)|post a comment|add a comment)\b", re.IGNORECASE)
#: Context shown on either side of a mention in the checklist (about 40 characters in all).
CONTEXT_CHARS = 20
NO_YEAR = "No year appears: follow the missing-year rule in CONTRIBUTING.md"
NEXT_STEPS = "append it with --append (or paste the line into data/documents.csv), then run make check"
#: Checklist groups, in the order they are printed.
GROUPS: tuple[tuple[str, str], ...] = (
    ("number", "Numbers"),
    ("date", "Dates (month names, day-month, times of day, \"a day\"-like)"),
    ("number word", "Number words"),
    ("person", "People (people.csv canonical names, their surnames, and name_variants.csv spellings)"),
    ("unknown name", "Names people.csv does not know (two or more capitalised words): if one is a person a claim "
                     "needs, add them to people.csv"),
)
# Two or more capitalised words in a row ("Erno Gero", "Pál Maléter"): a name,
# perhaps of a person the tables do not know yet.
CAPITALISED_RUN = re.compile(r"(?<![\w])[A-ZÀ-ÖØ-ÞŐŰ][\w'’-]*(?:[ \u00a0][A-ZÀ-ÖØ-ÞŐŰ][\w'’-]*)+")


@dataclass(frozen=True)
class Line:
    """One line of a document (without its "\\n"), and where a span could start and end on it."""

    number: int  # 1-based
    offset: int  # offset of its first character in the document
    text: str

    @property
    def start(self) -> int:
        """Where a span starting on this line starts: after its indentation (:data:`INDENT`)."""
        return self.offset + len(self.text) - len(self.text.lstrip(INDENT))

    @property
    def end(self) -> int:
        """Where a span ending on this line ends: just before its "\\n"."""
        return self.offset + len(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def words(self) -> int:
        """Words: runs of non-space characters holding a letter or digit (a ">" or "•" is not one)."""
        return sum(1 for token in self.text.split() if any(character.isalnum() for character in token))

    @property
    def is_paragraph(self) -> bool:
        return self.words >= PARAGRAPH_WORDS

    @property
    def can_start(self) -> bool:
        """Can a span start on this line? Not if what follows the indentation is
        another space (a no-break space, say): the span rules refuse both."""
        rest = self.text.lstrip(INDENT)
        return bool(rest) and not rest[0].isspace()

    @property
    def can_end(self) -> bool:
        """Can a span end on this line? Not if it ends with a space or tab."""
        return bool(self.text) and not self.text[-1].isspace()


@dataclass(frozen=True)
class ChecklistItem:
    """Something the coverage audit (or the name tables) will ask about.

    ``kind`` is one of the :data:`GROUPS` keys; ``text`` the mention as the
    audit finds it (or the spelling of a person's name); ``context`` the line
    around it; ``person_id`` the people.csv id(s) of a person's name.
    """

    line: int
    kind: str
    text: str
    context: str
    person_id: str = ""


# --- reading the files --------------------------------------------------------------------------------------------


def shown(path: Path) -> str:
    """A path as the contributor sees it: relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a CSV file of the data package."""
    if not path.is_file():
        raise TableError(shown(path), None, None, "not found: --data-dir must name the data/ folder (or a copy)")
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def raw_file(path: Path, raw_dir: Path) -> Path:
    """``path``, checked to be a plain file directly inside ``raw_dir`` (the
    documents table names files of data/raw/, nothing else)."""
    hint = f"copy the file, unchanged, into {shown(raw_dir)}/ first: cp {path} {shown(raw_dir)}/"
    if not path.exists():
        raise TableError(str(path), None, None, f"does not exist; to add a document, {hint}")
    if not path.is_file():
        raise TableError(str(path), None, None, "is not a regular file: name the document's text file")
    try:
        inside = path.absolute().parent.resolve() == raw_dir.resolve()
        # A link in raw/ to a file elsewhere: corpus_errors refuses it too.
        inside = inside and (not path.is_symlink() or path.resolve().is_relative_to(raw_dir.resolve()))
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise TableError(str(path), None, None, f"is not in {shown(raw_dir)}/: {hint}")
    if path.name.startswith("."):
        raise TableError(shown(path), None, None, "a name starting with \".\" is ignored in data/raw/: rename the "
                                                  "file")
    return path


def decode_document(raw: bytes, label: str) -> str:
    """The text of a raw document's bytes, which must be UTF-8 without a
    byte-order mark, with LF line endings, and not blank."""
    never_changed = "before you add it: the raw file is never changed once it is in documents.csv"
    if raw.startswith(b"\xef\xbb\xbf"):
        raise TableError(label, 1, None, f"starts with a UTF-8 byte-order mark (BOM): save it as UTF-8 without "
                                         f"BOM {never_changed}", unit="line")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TableError(label, 1, None, f"is saved as UTF-16: save it as UTF-8 (iconv -f UTF-16 -t UTF-8) "
                                         f"{never_changed}", unit="line")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise TableError(label, line, None, f"byte {error.start} is not valid UTF-8: save it as UTF-8 (e.g. "
                                            f"iconv -f WINDOWS-1252 -t UTF-8) {never_changed}", unit="line") from None
    if "\r" in text:
        at = text.index("\r")
        line = text.count("\n", 0, at) + 1
        if text[at + 1:at + 2] == "\n":
            message = f"ends with a carriage return (CRLF): save it with LF line endings (dos2unix {label})"
        else:
            message = f"holds a carriage return (an old Mac line ending): save it with LF line endings " \
                      f"(mac2unix {label})"
        raise TableError(label, line, None, f"{message} {never_changed}", unit="line")
    if not text.strip():
        raise TableError(label, None, None, "holds no text: is it the right file?")
    return text


# --- the proposal -------------------------------------------------------------------------------------------------


def lines_of(text: str) -> list[Line]:
    """Every line of ``text`` (split at "\\n" only: a form feed or a line
    separator does not end a line for the span rules)."""
    lines, offset = [], 0
    for number, content in enumerate(text.split("\n"), start=1):
        lines.append(Line(number, offset, content))
        offset += len(content) + 1
    return lines


def first_title_line(text: str) -> str:
    """The first non-blank line, stripped: the proposed title."""
    return next(line.text.strip() for line in lines_of(text) if not line.blank)


def _outer_paragraphs(lines: Sequence[Line]) -> tuple[Line, Line] | None:
    """The first paragraph line that can start a span and the last that can
    end one, or None if there is no such pair."""
    first = next((line for line in lines if line.is_paragraph and line.can_start), None)
    last = next((line for line in reversed(lines) if line.is_paragraph and line.can_end), None)
    if first is None or last is None or last.number < first.number:
        return None
    return first, last


def _is_heading(line: Line, pattern: re.Pattern[str]) -> bool:
    """Is ``line`` a short line (not a paragraph) that ``pattern`` matches at its start?"""
    return not line.is_paragraph and pattern.match(line.text.strip()) is not None


def propose_spans(text: str, title: str | None = None) -> tuple[Span, Span | None]:
    """A PROPOSAL of the ``(start, end)`` of the body and of the comments
    (None if no comments are found), for the contributor to check.

    The body starts at the first paragraph line (at least :data:`PARAGRAPH_WORDS`
    words) after the line where ``title`` first occurs (after nothing, without a
    title), or at the first line after the title if there is no paragraph line;
    it ends at the end of the last paragraph line before a comments heading or
    a reply form, or the end of the file. After a comments heading, the
    comments span runs from its first to its last paragraph line before a reply
    form or the end of the file. Raises ``ValueError`` if no span can be placed.
    """
    lines = [line for line in lines_of(text) if not line.blank]
    if not lines:
        raise ValueError("the text has no non-blank line")
    candidates = lines
    if title:
        at = text.find(title)
        if at < 0:
            raise ValueError(f"the title {title!r} does not occur in the text")
        title_line = text.count("\n", 0, at) + 1
        # A page that is only its title: the title line is then the body.
        candidates = [line for line in lines if line.number > title_line] or lines
    start_line = next((line for line in candidates if line.is_paragraph and line.can_start), None) \
        or next((line for line in candidates if line.can_start), None)
    if start_line is None:
        raise ValueError("no line can start a span (every line begins with a space that is not a plain space "
                         "or tab)")
    rest = [line for line in candidates if line.number >= start_line.number]
    heading = next((index for index, line in enumerate(rest) if index > 0 and (
        _is_heading(line, COMMENTS_HEADING) or _is_heading(line, REPLY_FORM_HEADING))), len(rest))
    body_lines = rest[:heading]
    paragraphs = _outer_paragraphs(body_lines)
    if paragraphs is not None and paragraphs[0] is start_line:
        end_line = paragraphs[1]
    else:  # no paragraph line: the first line after the title to the last line before the heading
        end_line = next((line for line in reversed(body_lines) if line.can_end), None)
    if end_line is None:
        raise ValueError(f"no line from line {start_line.number} on can end a span (each ends with a space or "
                         "tab): remove the trailing spaces before you add the file")
    body = (start_line.start, end_line.end)
    comments = None
    if heading < len(rest) and _is_heading(rest[heading], COMMENTS_HEADING):
        after = rest[heading + 1:]
        reply_form = next((index for index, line in enumerate(after) if _is_heading(line, REPLY_FORM_HEADING)),
                          len(after))
        found = _outer_paragraphs(after[:reply_form])
        if found is not None:
            comments = (found[0].start, found[1].end)
    return body, comments


def slug(title: str, taken: Iterable[str] = ()) -> str:
    """A doc_id made of the title's first words: lowercase ASCII letters,
    digits and underscores, starting with a letter, at most about
    :data:`SLUG_LENGTH` characters, and not one of ``taken``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_title)
    words = [word for word in words if word not in SLUG_SKIPPED_WORDS] or words or ["doc"]
    if not words[0][0].isalpha():
        words.insert(0, "doc")
    base = words[0][:SLUG_LENGTH]
    for word in words[1:]:
        if len(base) + 1 + len(word) > SLUG_LENGTH:
            break
        base += "_" + word
    taken = set(taken)
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}_{number}"
    return candidate


def _check_doc_id(doc_id: str, documents: Sequence[Row], label: str) -> None:
    """Refuse a doc_id given with --doc-id that breaks the rule or is taken."""
    if not DOC_ID.fullmatch(doc_id):
        raise TableError(label, None, "doc_id", f"--doc-id {doc_id!r} is not a valid doc_id: it must match "
                                                f"{DOC_ID_RULE} (a lowercase letter, then lowercase letters, "
                                                "digits and underscores)")
    for row, document in enumerate(documents, start=1):
        if document.get("doc_id") == doc_id:
            raise TableError(label, row, "doc_id", f"--doc-id {doc_id!r} is taken (by "
                                                   f"{document.get('file_name')}): choose another")


def _check_text_value(option: str, value: str, label: str, column: str) -> None:
    """Refuse a --title or --genre that would be refused in the table: blank,
    padded with spaces, or holding a line break or control character."""
    if not value.strip() or value != value.strip() or any(unicodedata.category(c) == "Cc" for c in value):
        raise TableError(label, None, column, f"{option} {value!r} must be one line of text without tabs or "
                                              "control characters, and without spaces at either end")


def propose_row(path: Path, documents: Sequence[Row], doc_id: str | None = None, title: str | None = None,
                genre: str | None = None, label: str = "data/documents.csv", note: str | None = None) -> dict[str, str]:
    """The proposed documents.csv row (every value as text) for the raw file
    at ``path`` (already checked to be in data/raw/, :func:`raw_file`), given
    the rows ``documents`` already has. ``label`` names documents.csv in errors.

    Raises :class:`TableError` if the file's bytes are not acceptable, the file
    (or a file with the same bytes) already has a row, the title does not occur
    in the file, or a given doc_id is malformed or taken.
    """
    raw = path.read_bytes()
    text = decode_document(raw, shown(path))
    checksum = hashlib.sha256(raw).hexdigest()
    for row, document in enumerate(documents, start=1):
        if document.get("file_name") == path.name:
            raise TableError(label, row, "file_name", f"{path.name} already has a row (doc_id "
                                                      f"{document.get('doc_id')}): edit that row instead")
        if document.get("sha256") == checksum:
            raise TableError(label, row, "sha256", f"{path.name} has the same bytes as {document.get('file_name')} "
                                                   f"(doc_id {document.get('doc_id')}): a document is added once")
    option = "--title"
    if title is None:
        title, option = first_title_line(text), "the first non-blank line (give the title with --title instead)"
    _check_text_value(option, title, label, "title")
    if title not in text:
        raise TableError(label, None, "title", f"--title {title!r} does not occur in {path.name}: copy it exactly "
                                               "from the file")
    if doc_id is None:
        doc_id = slug(title, (document.get("doc_id", "") for document in documents))
    else:
        _check_doc_id(doc_id, documents, label)
    if genre:
        _check_text_value("--genre", genre, label, "genre")
    if note:
        _check_text_value("--note", note, label, "note")
    try:
        body, comments = propose_spans(text, title)
    except ValueError as error:
        raise TableError(shown(path), None, None, str(error)) from None
    return {
        "doc_id": doc_id, "file_name": path.name, "title": title, "genre": genre or "", "sha256": checksum,
        "n_chars": str(len(text)), "body_start": str(body[0]), "body_end": str(body[1]),
        "comments_start": str(comments[0]) if comments else "", "comments_end": str(comments[1]) if comments else "",
        "note": note or "",
    }


SPAN_COLUMNS = ("body_start", "body_end", "comments_start", "comments_end")


def with_spans(row: Row, given: dict[str, int], text: str, label: str = "data/documents.csv") -> dict[str, str]:
    """The row with the span offsets the contributor gave (``--body-end 444``),
    checked by the corpus's span rules; a TableError names the column."""
    from helpers.evidence.corpus import _span_problems  # the one definition of a span of whole lines

    row = {**row, **{column: str(value) for column, value in given.items()}}
    for span in ("body", "comments"):
        start, end = row[f"{span}_start"], row[f"{span}_end"]
        if bool(start) != bool(end):
            raise TableError(label, None, f"{span}_{'end' if start else 'start'}",
                             f"give both --{span}-start and --{span}-end, or neither")
        if start:
            for column, message in _span_problems(text, int(start), int(end)):
                raise TableError(label, None, f"{span}_{column}", message)
    return row


def row_spans(row: Row) -> tuple[Span, Span | None]:
    """The body and comments spans of a row (as :func:`propose_row` returns it)."""
    body = (int(row["body_start"]), int(row["body_end"]))
    comments = (int(row["comments_start"]), int(row["comments_end"])) if row["comments_start"] else None
    return body, comments


# --- the checklist ------------------------------------------------------------------------------------------------


def line_number(text: str, offset: int) -> int:
    """1-based line of the character at ``offset``."""
    return text.count("\n", 0, offset) + 1


def context(text: str, start: int, end: int) -> str:
    """About :data:`CONTEXT_CHARS` characters either side of ``text[start:end]``,
    within its line, with "…" where the line is cut."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left, right = max(line_start, start - CONTEXT_CHARS), min(line_end, end + CONTEXT_CHARS)
    return ("…" if left > line_start else "") + text[left:right] + ("…" if right < line_end else "")


def _mention_kind(span_text: str, start: int, end: int, kind: str, months: Sequence[str]) -> str:
    """The checklist group of one mention find_mentions yields (``kind`` is its
    regular-expression group): a day number next to a month name is a date."""
    if kind in ("month", "time", "relative"):
        return "date"
    if kind == "word":
        return "number word"
    month = "|".join(months)
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", span_text[start:end], re.IGNORECASE) and (
            re.match(rf"\s+(?:of\s+)?(?:{month})\b", span_text[end:], re.IGNORECASE)
            or re.search(rf"\b(?:{month})\s+$", span_text[:start], re.IGNORECASE)):
        return "date"
    return "number"


def _fold(name: str) -> str:
    """``name`` without its accents (Kádár -> Kadar)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def name_spellings(people: Sequence[Row], variants: Sequence[Row]) -> dict[str, list[str]]:
    """Each spelling to look for -> the person_id(s) it names: every canonical
    name and its surname (the last word), both also without accents, and every
    spelling of name_variants.csv."""
    spellings: dict[str, list[str]] = {}

    def add(spelling: str, person_id: str) -> None:
        if spelling and person_id not in spellings.setdefault(spelling, []):
            spellings[spelling].append(person_id)

    for person in people:
        name = person.get("canonical_name", "").strip()
        for form in (name, name.split()[-1] if name else "", _fold(name), _fold(name.split()[-1]) if name else ""):
            add(form, person["person_id"])
    for variant in variants:
        add(variant.get("spelling", "").strip(), variant["person_id"])
    return spellings


def checklist(text: str, spans: Iterable[Span | None], people: Sequence[Row],
              variants: Sequence[Row]) -> list[ChecklistItem]:
    """What the contributor must account for inside ``spans``: every number
    and date expression the coverage audit counts (:func:`helpers.evidence.coverage.find_mentions`,
    run on each span's text as the audit runs it) and every known person's
    name, and every run of capitalised words that names no known person
    (:data:`CAPITALISED_RUN`: perhaps a person the tables lack), grouped as
    :data:`GROUPS` and in the order of the text."""
    from helpers.evidence.coverage import MONTHS, find_mentions  # pandas: only when needed

    spellings = name_spellings(people, variants)
    # Longest first, so "Imre Nagy" is one mention rather than "Nagy" inside it.
    names = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in sorted(spellings, key=lambda s: (-len(s), s)))
                       + r")(?!\w)") if spellings else None
    found: list[tuple[int, int, ChecklistItem]] = []
    order = {kind: rank for rank, (kind, _) in enumerate(GROUPS)}
    for span in spans:
        if span is None:
            continue
        start, end = span
        piece = text[start:end]
        for at, until, mention, kind in find_mentions(piece):
            group = _mention_kind(piece, at, until, kind, MONTHS)
            offset = start + at
            item = ChecklistItem(line_number(text, offset), group, mention, context(text, offset, start + until))
            found.append((order[group], offset, item))
        known = []
        for match in names.finditer(piece) if names else ():
            offset = start + match.start()
            known.append((match.start(), match.end()))
            item = ChecklistItem(line_number(text, offset), "person", match.group(),
                                 context(text, offset, start + match.end()), "/".join(spellings[match.group()]))
            found.append((order["person"], offset, item))
        for match in CAPITALISED_RUN.finditer(piece):
            if any(a < match.end() and match.start() < b for a, b in known):
                continue  # a known person's name (or part of one)
            offset = start + match.start()
            item = ChecklistItem(line_number(text, offset), "unknown name", match.group(),
                                 context(text, offset, start + match.end()))
            found.append((order["unknown name"], offset, item))
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in found]


def years_given(text: str) -> list[str]:
    """The distinct four-digit years (1000-2099) anywhere in ``text``, title and
    page furniture included (the missing-year rule of CONTRIBUTING.md asks
    whether the document gives a year anywhere), in order."""
    from helpers.evidence.coverage import find_mentions  # pandas: only when needed

    return sorted({found for _, _, found, kind in find_mentions(text)
                   if kind == "number" and re.fullmatch(r"1\d{3}|20\d{2}", found)})


# --- the report ---------------------------------------------------------------------------------------------------


def csv_line(values: Sequence[str]) -> str:
    """One CSV record as documents.csv is written (comma, minimal quoting, LF)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _visible(text: str) -> str:
    """A snippet on one line: line breaks shown as ⏎."""
    return text.replace("\n", "⏎")


def explain_row(row: Row, documents: Sequence[Row], title_given: bool, doc_id_given: bool) -> list[str]:
    """One line per value of the row, saying where it comes from."""
    genres = sorted({document.get("genre", "") for document in documents} - {""})
    has_comments = bool(row["comments_start"])
    explanations = {
        "doc_id": ("given with --doc-id" if doc_id_given else
                   f"a slug of the title; must match {DOC_ID_RULE} and be unique; choose another with --doc-id"),
        "file_name": "the file's name in data/raw/",
        "title": ("given with --title; it occurs in the file" if title_given else
                  "the first non-blank line; if the real title is another line, give it with --title "
                  "(verbatim as in the file)"),
        "genre": ("given with --genre" if row["genre"] else
                  "REQUIRED, still empty: say what kind of text it is with --genre"
                  + (f" (so far: {'; '.join(genres)})" if genres else "")),
        "sha256": "SHA-256 of the file's bytes: the file must never change after this",
        "n_chars": "length of the text in characters (code points)",
        "body_start": "PROPOSED: where the author's text starts (see the spans below)",
        "body_end": "PROPOSED: just past where the author's text ends",
        "comments_start": ("PROPOSED: where the readers' comments start" if has_comments else
                           "empty: no comments heading found (fill both comments columns if the page has comments)"),
        "comments_end": ("PROPOSED: just past where the readers' comments end" if has_comments else
                         "empty, as comments_start"),
        "note": "optional, empty: what lies outside the spans (titles, banners, comment headings) and anything "
                "else a reader should know",
    }
    width = max(len(column) for column in COLUMNS)
    return [f"  {column:<{width}} = {row[column]!r}  — {explanations[column]}" for column in COLUMNS]


def describe_spans(text: str, spans: tuple[Span, Span | None]) -> list[str]:
    """Both ends of each proposed span, for the contributor to check."""
    lines = []
    for name, span in zip(("body", "comments"), spans):
        if span is None:
            lines.append(f"  {name}: none proposed")
            continue
        start, end = span
        lines.append(f"  {name} [{start}, {end}): lines {line_number(text, start)}-{line_number(text, end - 1)}, "
                     f"{end - start} characters")
        lines.append(f"    starts «{_visible(text[start:min(end, start + 60)])}»")
        lines.append(f"    ends   «{_visible(text[max(start, end - 60):end])}»")
    left_out = lines_left_out(text, spans)
    if left_out:
        lines.append("  Lines outside the spans after the body starts (page furniture, or text the proposal cut "
                     "short? Move the span with --body-end / --comments-start if one belongs to the text):")
        lines += [f"    line {line.number}: «{_visible(line.text[:70])}»" for line in left_out[:MAX_LEFT_OUT]]
        if len(left_out) > MAX_LEFT_OUT:
            lines.append(f"    … and {len(left_out) - MAX_LEFT_OUT} more")
    return lines


MAX_LEFT_OUT = 8  # lines shown of what the spans leave out


def lines_left_out(text: str, spans: tuple[Span, Span | None]) -> list[Line]:
    """The non-blank lines after the start of the body that neither span
    holds: a comments heading, share buttons, or a short last line of the
    text that the proposal left out."""
    inside = [span for span in spans if span is not None]
    body_start = spans[0][0]
    return [line for line in lines_of(text) if not line.blank and line.start >= body_start
            and not any(start <= line.start and line.end <= end for start, end in inside)]


def describe_checklist(items: Sequence[ChecklistItem], text: str) -> list[str]:
    """The checklist, grouped, then whether ``text`` gives any year."""
    lines = []
    for kind, heading in GROUPS:
        mine = [item for item in items if item.kind == kind]
        lines.append(f"{heading}: {len(mine)}")
        for item in mine:
            who = f" ({item.person_id})" if item.person_id else ""
            lines.append(f"  line {item.line}: {item.text}{who} in «{item.context}»")
    years = years_given(text)
    lines.append(f"Years given in the text (anywhere, title included): {', '.join(years)}" if years else NO_YEAR)
    return lines


def report(row: Row, header: Sequence[str], documents: Sequence[Row], text: str, items: Sequence[ChecklistItem],
           title_given: bool, doc_id_given: bool, label: str = "data/documents.csv", appending: bool = False) -> str:
    """The whole human-readable, deterministic report (``label``: documents.csv
    as the contributor sees it; ``appending``: the row is about to be appended,
    so the next steps are said after that)."""
    spans = row_spans(row)
    parts = [
        f"Proposed row for {label} (columns in its header order):",
        csv_line([row.get(column, "") for column in header]).rstrip("\n"),
        "",
        "Each value:",
        *explain_row(row, documents, title_given, doc_id_given),
        "",
        "Spans: a PROPOSAL to check. The body starts at the first line of at least "
        f"{PARAGRAPH_WORDS} words after the title and ends at the last such line before a comments heading "
        "(\"3 Responses\", \"Comments\", \"Leave a Reply\") or the end of the file; comments run from the first "
        "to the last such line after a comments heading. Shorter lines at either end (captions, reference "
        "lists, \"Name says:\") are left out: move the offsets if they belong to the text. A span starts at the "
        "first character of a line's text and ends at the end of a line; offsets count characters (code points).",
        *describe_spans(text, spans),
        "",
        "CHECKLIST: the coverage audit will ask you to cover each number and date below with the quote of a claim "
        "row (or a row of coverage_exclusions.csv with its reason); record each person's spelling in "
        "name_variants.csv.",
        *describe_checklist(items, text),
    ]
    if not appending:
        parts += ["", f"Next steps: {NEXT_STEPS}."]
    return "\n".join(parts) + "\n"


# --- appending ----------------------------------------------------------------------------------------------------


def append_row(path: Path, header: Sequence[str], row: Row) -> None:
    """Append ``row`` to the CSV at ``path`` as the file is written (comma,
    minimal quoting, LF), after a missing final newline if need be."""
    content = path.read_bytes()
    ends_with_newline = not content or content.endswith(b"\n")
    with open(path, "a", encoding="utf-8", newline="") as handle:
        if not ends_with_newline:
            handle.write("\n")  # else the new row would be glued to the last one
        handle.write(csv_line([row.get(column, "") for column in header]))


def load_documents_table(data_dir: Path) -> None:
    """Load (and so validate) the documents table of the data package in ``data_dir``."""
    from helpers.evidence.tables import load_table  # pandas: only when needed

    load_table("documents", datapackage=data_dir / "datapackage.json")


# --- the command --------------------------------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.evidence.new_document",
        description="Propose the data/documents.csv row of a new raw document (checksum, length, title, doc_id, "
                    "proposed spans) and list what the coverage audit will ask about it.")
    parser.add_argument("path", type=Path, metavar="PATH", help="the new document, already copied into data/raw/")
    parser.add_argument("--doc-id", help=f"the doc_id ({DOC_ID_RULE}, unique); default: a slug of the title")
    parser.add_argument("--title", help="the title, verbatim as in the file; default: the first non-blank line")
    parser.add_argument("--genre", help="what kind of text it is (required with --append)")
    parser.add_argument("--note", help="what lies outside the spans and anything a reader should know (optional)")
    for column in SPAN_COLUMNS:
        parser.add_argument(f"--{column.replace('_', '-')}", type=int, metavar="OFFSET",
                            help=f"set {column} yourself instead of the proposal (a character offset)")
    parser.add_argument("--append", action="store_true", help="append the row to documents.csv and check it")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="the data folder (default: data/)")
    return parser.parse_args(argv)


def run(arguments: argparse.Namespace) -> int:
    """Propose (and with --append, append) the row; raise TableError on bad input."""
    data_dir: Path = arguments.data_dir
    documents_path = data_dir / DOCUMENTS_FILE
    label = shown(documents_path)
    if arguments.append and not arguments.genre:
        raise TableError(label, None, "genre", "--genre is required with --append (every document says what kind "
                                               "of text it is); run without --append to see the proposal first")
    path = raw_file(arguments.path, data_dir / "raw")
    header, documents = read_rows(documents_path)
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise TableError(label, 0, missing[0], "is missing from the header: restore the header of the file")
    row = propose_row(path, documents, arguments.doc_id, arguments.title, arguments.genre, label, arguments.note)
    given = {column: getattr(arguments, column) for column in SPAN_COLUMNS if getattr(arguments, column) is not None}
    if given:
        row = with_spans(row, given, path.read_bytes().decode("utf-8"), label)
    _, people = read_rows(data_dir / PEOPLE_FILE)
    _, variants = read_rows(data_dir / VARIANTS_FILE)
    text = path.read_bytes().decode("utf-8")
    items = checklist(text, row_spans(row), people, variants)
    print(report(row, header, documents, text, items, arguments.title is not None, arguments.doc_id is not None,
                 label, arguments.append), end="")
    if not arguments.append:
        return 0
    append_row(documents_path, header, row)
    try:
        load_documents_table(data_dir)
    except TableError as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"The row was appended to {label} and is still there: fix it (or delete its line), then run "
              "make check.", file=sys.stderr)
        return 1
    print(f"\nAppended the row for {row['doc_id']} to {label}; the documents table loads. Now run make check.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring); 0 on success, 1 on bad input."""
    arguments = parse_arguments(argv)
    try:
        return run(arguments)
    except TableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
