"""The display of claims: how every lesson shows tables, figures and
computed sentences to a class.

One layer, so that every page follows the same rules:

- **Words, not pandas.** Column labels in plain English (:data:`LABELS`, or
  the column name in words), document names instead of ids, dates as a person
  writes them ("4 November 1956", "June 1956", "1956"), coded values in words
  ("took office"), empty cells instead of ``NaN``, no 0..n index.
- **Document text is data.** Nothing a document says becomes markup, a
  link or a script, in any renderer; one rule per renderer, here:

  - *HTML* (tables, captions, text alternatives): :func:`html.escape`, inside
    an element of class ``mathjax_ignore`` (:data:`NO_FORMULAS`), so that
    JupyterLab's MathJax does not read a ``$`` of the data as a formula.
  - *Markdown* (computed sentences, in JupyterLab and on the site): text from
    the data goes in through :func:`markdown_text`, which backslash-escapes
    every ASCII punctuation character (so no emphasis, heading, list, link,
    autolink, entity or HTML can start in it) and sets ``$`` and ``\\`` in code
    type (the only form in which JupyterLab's MathJax never reads them as a
    formula's delimiters). :func:`show_markdown` then passes the whole text
    through :func:`inert_markdown`, which neutralises what no computed
    sentence may hold whatever the lesson forgot to escape: HTML, links,
    autolinks of ``https://``, ``www.`` and e-mail addresses, entities, formulas.
  - *plotly* (hover texts, labels, names, titles, annotations): a figure's
    strings are plain text in which ``<br>`` is a line break;
    :func:`show_figure` escapes everything else in every string of every trace
    and of the layout (:func:`plotly_text`), so plotly's own subset of HTML
    (``<a href>``, ``<b>``, ``<span style>``) never comes from the data.
- **Corrections travel with claims.** Whenever a table row, a hover text or a
  computed sentence shows a document's words that ``data/corrections.csv``
  corrects (see :mod:`helpers.evidence.corrections`), the correction is put beside
  them: a *Correction* column in the row, a line in the hover text, a note
  under the sentence. A lesson cannot show a corrected claim without it,
  because the lesson never formats a claim itself.
- **Every figure has a caption and a text alternative** generated from the
  figure's own data (:func:`show_figure`).

Lessons call :func:`show_table`, :func:`show_figure` and
:func:`show_markdown`; nothing else in a lesson needs to format a claim.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import pandas as pd

from helpers.evidence.corrections import Correction, CorrectionIndex, correction_index

# Column labels a class reads. A column not listed here is shown as its name
# in words ("date_text" -> "Date text"); a lesson may always pass its own.
LABELS: dict[str, str] = {
    "doc_id": "Document",
    "document": "Document",
    "documents": "Documents",
    "span": "Part of the page",
    "quote": "The document's words",
    "date": "Date",
    "date_text": "Date as written",
    "date_precision": "Precision",
    "date_note": "How the date was read",
    "note": "Curator's note",
    "genre": "Kind of text",
    "title": "Title",
    "n_chars": "Characters",
    "kind": "Kind",
    "event": "Event",
    "label": "Event",
    "person": "Person",
    "canonical_name": "Person",
    "office_as_written": "Office as written",
    "decided_by_as_written": "Decided by, as written",
    "body_as_written": "Deciding body, as written",
    "reason": "Reason",
    "applies_to": "Reason given for",
    "measure": "What is counted",
    "counted": "Who is counted",
    "place": "Place",
    "number_text": "Number as written",
    "qualifier_text": "Qualifier as written",
    "grade": "Grade",
    "source_title": "Source",
    "source_url": "Address",
    "excerpt": "Excerpt, word for word",
    "what_is_wrong": "What is wrong",
    "correction": "Correction",
}
# The reliability grades of data/reference/reference_facts.md, in words.
GRADE_WORDS: dict[str, str] = {
    "A": "archive or research institute",
    "B": "encyclopedia or reference work",
    "C": "press, blog or school site",
}
SPAN_WORDS = {"body": "author's text", "comments": "reader comment"}
PRECISION_WORDS = {"day": "day", "month": "month only", "year": "year only"}
CORRECTION_COLUMN = "Correction"
# JupyterLab's MathJax typesets "$...$" and "\\(...\\)" in HTML outputs too, escaped or
# not; it skips an element of this class (MathJax 3's default ignoreHtmlClass).
NO_FORMULAS = "mathjax_ignore"
UNDATED = "undated"
ISO_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LONG_TOKEN = 30  # characters without a space
CODE_WORD = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


# --- the evidence the display needs, loaded once per process ---------------

@cache
def _evidence() -> tuple[dict[str, pd.DataFrame], CorrectionIndex]:
    from helpers.evidence.corpus import read_raw_text
    from helpers.evidence.tables import load_all_tables, read_datapackage

    tables = load_all_tables()
    documents = tables["documents"]
    texts = {d: read_raw_text(f) for d, f in zip(documents["doc_id"], documents["file_name"])}
    return tables, correction_index(tables, read_datapackage(), texts)


def corrections_index() -> CorrectionIndex:
    """The corrections of the project's data, ready to match shown text."""
    return _evidence()[1]


def document_names() -> dict[str, str]:
    """A name a class can read for every document: its genre ("School
    essay"); where two documents share a genre, the title is added."""
    documents = _evidence()[0]["documents"]
    genres = documents["genre"].tolist()
    names = {}
    for doc_id, genre, title in zip(documents["doc_id"], genres, documents["title"]):
        name = genre[:1].upper() + genre[1:]
        names[doc_id] = f"{name}: {title}" if genres.count(genre) > 1 else name
    return names


def document_name(doc_id: str, in_sentence: bool = False) -> str:
    """The readable name of one document (the id itself if unknown);
    ``in_sentence`` lowers its first letter ("the school essay")."""
    name = document_names().get(doc_id, doc_id)
    return name[:1].lower() + name[1:] if in_sentence else name


def listed(items: Iterable[str], empty: str = "none") -> str:
    """"A", "A and B", "A, B and C"."""
    items = [str(item) for item in items]
    if not items:
        return empty
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def document_list(doc_ids: Iterable[str], empty: str = "none", in_sentence: bool = False) -> str:
    """Document names joined as a person writes a list."""
    return listed((document_name(d, in_sentence) for d in doc_ids), empty)


def count_in_words(count: int, noun: str, plural: str | None = None) -> str:
    """"one document", "five documents", "12 documents" (words up to ten)."""
    word = COUNT_WORDS[count] if 0 <= count < len(COUNT_WORDS) else str(count)
    return f"{word} {noun if count == 1 else plural or noun + 's'}"


COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def with_article(noun_phrase: str) -> str:
    """"a blog post", "an essay", "a university textbook", "an hour's talk"
    (by sound where the spelling misleads)."""
    text = noun_phrase.strip()
    vowel_sound = text[:1].lower() in "aeiou" and not re.match(r"(?i)(uni|use|usu|eu|one\b|once)", text)
    vowel_sound = vowel_sound or bool(re.match(r"(?i)(hour|honest|honou?r)", text))
    return f"{'an' if vowel_sound else 'a'} {text}"


def collection_sentence(documents: pd.DataFrame) -> str:
    """What the collection holds, in one sentence computed from
    ``documents.csv`` ("The lessons read five documents: a school essay, …
    and an educational web page."), so that no lesson types it."""
    kinds = [with_article(genre) for genre in documents["genre"]]
    return f"The lessons read {count_in_words(len(documents), 'document')}: {listed(kinds)}."


# --- values in words ---------------------------------------------------------


def human_date(value: object) -> str:
    """A date as a person writes it: ``1956-11-04`` -> "4 November 1956",
    ``1956-06`` -> "June 1956", ``1956`` -> "1956"; a timestamp or date
    the same way; missing -> "" (a table cell left empty)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.date)):
        return f"{value.day} {value:%B %Y}"
    text = str(value)
    if not ISO_PARTIAL_DATE.match(text):
        return text
    if len(text) == 4:
        return text
    if len(text) == 7:
        return dt.date(int(text[:4]), int(text[5:7]), 1).strftime("%B %Y")
    day = dt.date.fromisoformat(text)
    return f"{day.day} {day:%B %Y}"


def words(code: object) -> str:
    """A coded value in words: ``took_office`` -> "took office"."""
    text = "" if code is None or (not isinstance(code, str) and pd.isna(code)) else str(code)
    return text.replace("_", " ") if CODE_WORD.match(text) else text


def label_for(column: str) -> str:
    """The plain-English label of a column."""
    if column in LABELS:
        return LABELS[column]
    text = column.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def cell_text(column: str, value: object) -> str:
    """One cell as shown: dates, document ids, spans, numbers and codes in words."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(column, v) for v in value)
    if not isinstance(value, str) and pd.isna(value):
        return ""
    if column == "doc_id":
        return document_name(str(value))
    if column == "span":
        return SPAN_WORDS.get(str(value), str(value))
    if column == "date_precision":
        return PRECISION_WORDS.get(str(value), str(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (pd.Timestamp, dt.date)):
        return human_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if "year" in column else f"{value:,}"
    if isinstance(value, float):
        return (str(int(value)) if "year" in column else f"{int(value):,}") if value.is_integer() else f"{value:,.2f}"
    text = str(value)
    if ISO_PARTIAL_DATE.match(text) and ("date" in column or column in ("start", "end")):
        return human_date(text)
    return words(text)


# --- corrections beside what is shown -----------------------------------------


def correction_text(correction: Correction) -> str:
    """A correction in one paragraph of plain text."""
    reference = f" Reference: {correction.reference_url}" if correction.reference_url else ""
    return (f"{correction.kind_label} ({correction.correction_id}): {correction.what_is_wrong} "
            f"Corrected: {correction.correction}{reference}")


def _site_of(address: str) -> str:
    """The host of a web address ("https://en.wikipedia.org/wiki/X" ->
    "en.wikipedia.org"), or the text itself when it is not one."""
    found = re.match(r"^[a-z]+://(?:www\.)?([^/\s?#]+)", address.strip(), re.I)
    return found.group(1) if found else address


def correction_html(correction: Correction) -> str:
    """A correction as escaped HTML (the reference address is text, not a
    link: the lesson pages link to nothing outside the site)."""
    # The page names the reference by its site; the full address is in the
    # corrections table (data page) and in the element's title.
    reference = (f' <span class="reference" title="{html.escape(correction.reference_url, quote=True)}">'
                 f"Reference: {html.escape(_site_of(correction.reference_url))}</span>"
                 if correction.reference_url else "")
    return (f'<div class="correction"><strong>{html.escape(correction.kind_label)}</strong> '
            f'<span class="correction-id">({html.escape(correction.correction_id)})</span>: '
            f"{html.escape(correction.what_is_wrong)} <strong>Corrected:</strong> "
            f"{html.escape(correction.correction)}{reference}</div>")


def corrections_in(*texts: object) -> list[Correction]:
    """The corrections that concern any of the given texts, and those that
    the shown corrections' own words call for (a correction that quotes a
    sentence brings that sentence's correction too), in table order."""
    shown = " \n ".join(str(t) for t in texts if isinstance(t, str))
    if not shown:
        return []
    index = corrections_index()
    found = index.concerning(shown)
    while True:
        cited = " \n ".join(f"{c.what_is_wrong} {c.correction}" for c in found)
        more = [c for c in index.concerning(cited) if c not in found]
        if not more:
            return [c for c in index.corrections if c in found]
        found += more


def with_corrections_markdown(text: str) -> str:
    """Markdown followed by a note for every correction its quotes call for
    (the quotes are found in the text as a reader sees it, without the
    escapes of :func:`markdown_text`)."""
    found = corrections_in(markdown_as_text(text))
    if not found:
        return text
    # A paragraph of its own per correction, marked with a sign rather than
    # Markdown's "> ", which computed Markdown shows as text.
    notes = "\n\n".join(f"⚠ **{markdown_text(c.kind_label)}** ({markdown_text(c.correction_id)}): "
                        f"{markdown_text(c.what_is_wrong)} **Corrected:** {markdown_text(c.correction)}"
                        + (f" Reference: {markdown_text(c.reference_url)}" if c.reference_url else "")
                        for c in found)
    return f"{text}\n\n{notes}"


def hover_with_corrections(text: str, width: int = 70) -> str:
    """A plotly hover text with every correction it calls for appended
    (line-wrapped with ``<br>``, as plotly needs)."""
    found = corrections_in(text)
    if not found:
        return text
    extra = "<br>".join(wrap_for_hover(f"⚠ {correction_text(c)}", width) for c in found)
    return f"{text}<br>{extra}"


def wrap_for_hover(text: str, width: int = 70) -> str:
    """Text broken into lines of at most ``width`` characters with ``<br>``.
    The text stays plain (not escaped): :func:`show_figure` escapes every
    string of a figure once (:func:`plotly_text`)."""
    import textwrap

    # Lines break at spaces only: a quote split inside "pro-Soviet" would no
    # longer read (or match) as the document's words.
    lines = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
    return "<br>".join(lines or [""])


# --- tables -----------------------------------------------------------------


class Table:
    """A table ready for a class: rendered by Jupyter (``_repr_html_``) and
    as plain text; built by :func:`table`."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
                 corrections: Sequence[Sequence[Correction]], caption: str | None, quote_columns: set[int]):
        self.headers = list(headers)
        self.rows = [list(row) for row in rows]
        self.corrections = [list(c) for c in corrections]
        self.caption = caption
        self.quote_columns = quote_columns
        self.has_corrections = any(self.corrections)

    def __len__(self) -> int:
        return len(self.rows)

    def _corrections_in_quote(self) -> int | None:
        """The column whose cells carry their row's corrections: the first
        quote column, so that a correction sits right under the words it
        corrects and can never be scrolled out of sight; ``None`` (a last
        *Correction* column) when the table shows no quote."""
        return min(self.quote_columns) if self.quote_columns else None

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in self.headers)
        inside = self._corrections_in_quote()
        column = self.has_corrections and inside is None
        if column:
            head += f'<th scope="col">{CORRECTION_COLUMN}</th>'
        body = []
        for row, found in zip(self.rows, self.corrections):
            notes = "".join(correction_html(c) for c in found)
            cells = []
            for position, value in enumerate(row):
                escaped = html.escape(value)
                # A long unbroken token (an address) may break anywhere, so
                # that it cannot stretch the table; numbers and words never do.
                long_token = ' class="long-token"' if max(map(len, value.split()), default=0) > LONG_TOKEN else ""
                below = notes if position == inside else ""
                if position in self.quote_columns and value:
                    cells.append(f'<td class="quote"><span class="quoted">“{escaped}”</span>{below}</td>')
                elif below:
                    cells.append(f'<td class="quote">{below}</td>')
                else:
                    cells.append(f"<td{long_token}>{escaped}</td>")
            if column:
                cells.append(f'<td class="corrections">{notes}</td>')
            marked = ' class="corrected"' if found else ""
            body.append(f"<tr{marked}>{''.join(cells)}</tr>")
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return (f'<div class="table-scroll {NO_FORMULAS}" role="region" tabindex="0" '
                f'aria-label="{html.escape(self.caption or "Table")}">'
                f'<table class="lesson-table">{caption}<thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(body)}</tbody></table></div>")

    def __repr__(self) -> str:
        lines = [self.caption] if self.caption else []
        lines.append(" | ".join(self.headers + ([CORRECTION_COLUMN] if self.has_corrections else [])))
        for row, found in zip(self.rows, self.corrections):
            extra = [" ".join(correction_text(c) for c in found)] if self.has_corrections else []
            lines.append(" | ".join(row + extra))
        return "\n".join(lines)


def table(frame: pd.DataFrame, columns: Mapping[str, str] | Sequence[str] | None = None, *,
          caption: str | None = None, quote_columns: Iterable[str] = ("quote",),
          evidence_columns: Iterable[str] = (), correct: bool = True) -> Table:
    """A frame (or a Series, such as a count per group) as a class reads it.

    ``columns`` picks and orders the columns, as a list of names or as a
    mapping of names to labels (default: every column, labelled by
    :data:`LABELS`). A named index is kept as a first column; a plain 0..n
    index is dropped. ``quote_columns`` are shown in quotation marks.
    Every row whose shown text contains a corrected claim gets its
    correction in a last column (``correct=False`` only for tables whose
    rows *are* corrections). A row that stands for claims without showing
    their words (a summary: "dated 1953 by three documents") names their
    quotes in ``evidence_columns`` (a quote, or a list of quotes, per row):
    they are not shown, but their corrections are.
    """
    if isinstance(frame, pd.Series):  # a count per group ("groupby(...).size()"): its index becomes columns
        frame = frame.rename(frame.name if isinstance(frame.name, str) else "count").to_frame()
    if frame.index.name is not None or isinstance(frame.index, pd.MultiIndex):
        frame = frame.reset_index()
    frame = frame.rename(columns={c: str(c) for c in frame.columns if not isinstance(c, str)})
    if columns is None:
        columns = list(frame.columns)
    labels = dict(columns) if isinstance(columns, Mapping) else {c: label_for(c) for c in columns}
    missing = [c for c in labels if c not in frame.columns]
    if missing:
        raise KeyError(f"no column {missing[0]!r} in the frame; it has {list(frame.columns)}")
    quoted = {position for position, c in enumerate(labels) if c in set(quote_columns)}
    evidence = [c for c in evidence_columns if c not in labels]
    missing = [c for c in evidence if c not in frame.columns]
    if missing:
        raise KeyError(f"no evidence column {missing[0]!r} in the frame; it has {list(frame.columns)}")
    rows, found = [], []
    for record in frame[[*labels, *evidence]].to_dict("records"):
        row = [cell_text(c, record[c]) for c in labels]
        rows.append(row)
        # The corrections look at the document's words as stored, not as relabelled.
        raw = [text for c in [*labels, *evidence] for text in _texts(record[c])]
        found.append(corrections_in(*raw) if correct else [])
    return Table(list(labels.values()), rows, found, caption, quoted)


def _texts(value: object) -> list[str]:
    """The strings a cell holds (a list cell may hold several quotes)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def show_table(frame: pd.DataFrame, columns: Mapping[str, str] | Sequence[str] | None = None, **options: Any) -> None:
    """Display :func:`table` (see there)."""
    from IPython.display import display

    display(table(frame, columns, **options))


# --- computed sentences -------------------------------------------------------


def show_markdown(text: str) -> None:
    """Display computed prose as Markdown, with a note under it for every
    correction that a quote in it calls for. Text from the data goes in
    through :func:`markdown_text` (or :func:`quoted`); whatever a lesson
    forgot to escape still cannot become HTML, a link or a formula
    (:func:`inert_markdown`)."""
    from IPython.display import Markdown, display

    display(Markdown(inert_markdown(with_corrections_markdown(text))))


def quoted(doc_id: str, quote: str) -> str:
    """A document's words for a computed sentence: “quote” (document name),
    as Markdown that shows them exactly (:func:`markdown_text`).
    :func:`show_markdown` adds the corrections."""
    return f"“{markdown_text(quote)}” ({markdown_text(document_name(doc_id))})"


# --- text from the data inside computed Markdown ------------------------------
#
# Two renderers read a lesson's computed Markdown: JupyterLab (marked, GitHub
# flavour, then MathJax over the rendered page) and the site (nbconvert's
# mistune, with HTML and every URL scheme allowed). Both follow CommonMark:
# "any ASCII punctuation character may be backslash-escaped", and an escaped
# character is "treated as a literal character without its usual meaning".
# JupyterLab's MathJax reads "$...$" and "\(...\)" in the rendered text,
# after Markdown has done its work, and skips only code: a "$" or a "\" from
# the data is therefore set as code, the one form both renderers show as the
# same character and MathJax never reads.

_LINE_BREAK = re.compile(r"\r\n?|\n")
_PUNCTUATION_BUT_MATH = "".join(re.escape(c) for c in string.punctuation if c not in "$\\")
# One token of text from the data: a run of "$" and "\", or another ASCII punctuation character.
_MARKDOWN_SPECIAL = re.compile(rf"[$\\]+|[{_PUNCTUATION_BUT_MATH}]")


def markdown_text(text: object) -> str:
    r"""Text from the data (a document's words, a title, a label) as Markdown
    that shows exactly that text, and nothing else, in JupyterLab and on
    the site: every ASCII punctuation character is backslash-escaped, a run
    of ``$`` and ``\`` is set as code, and a line break becomes a space (a
    quote is run into a sentence; a new line could start a list or a heading).
    """
    flat = _LINE_BREAK.sub(" ", "" if text is None else str(text))
    return _MARKDOWN_SPECIAL.sub(
        lambda found: f"`{found.group()}`" if found.group()[0] in "$\\" else "\\" + found.group(), flat)


# What inert_markdown reads, left to right, as CommonMark does. An escaped
# "\\" or "\$", or a backslash that escapes nothing, leaves a "\" or "$" in
# the rendered text: those are set in code type, like markdown_text's.
_INERT_TOKEN = re.compile(
    rf"(?P<escape>\\[{_PUNCTUATION_BUT_MATH}])"
    # A code span on one line, without "|" (a table cell ends at "|" before its code spans are read):
    r"|(?P<code>(?P<fence>`+)(?:[^`\n|]|[^\n|]*?[^`\n|])(?P=fence)(?!`))"
    r"|(?P<ticks>`+)"
    rf"|(?P<math>(?:\\[\\$]|\\(?![{_PUNCTUATION_BUT_MATH}\n])|\$)+)"
    r"|(?P<scheme>:(?=//))"
    # A dot inside a word ("evil.com"): some renderers link a bare domain, as JupyterLab links "www.".
    r"|(?P<dot>(?<=[^\W_])\.(?=[^\W_]))"
    r"|(?P<www>(?i:www)\.)"
    r"|(?P<special>[<>\[\]&@])"
)


def inert_markdown(markdown: str) -> str:
    """Computed Markdown that can show no HTML, link, image, autolink
    (``https://``, ``www.``, a bare domain, an e-mail address), entity or
    formula, in JupyterLab or on the site, whatever text a lesson put in it;
    its own emphasis, lists and headings still render. Idempotent: text
    already passed through it, or through :func:`markdown_text`, is left as
    it is."""
    def inert(found: re.Match[str]) -> str:
        text = found.group()
        if found.group("escape") or found.group("code") or found.group("ticks"):
            return text
        if found.group("math"):
            return "`" + re.sub(r"\\([\\$])", r"\1", text) + "`"
        if found.group("www"):
            return text[:3] + "\\."
        return "\\" + text

    return _INERT_TOKEN.sub(inert, markdown)


_ESCAPED = re.compile(rf"`(?P<code>[$\\]+)`|\\(?P<escaped>[{re.escape(string.punctuation)}])")


def markdown_as_text(markdown: str) -> str:
    """The words of computed Markdown without the escapes of
    :func:`markdown_text` and :func:`inert_markdown` (to find the quotes in
    it; emphasis marks are kept)."""
    return _ESCAPED.sub(lambda found: found.group("code") or found.group("escaped"), markdown)


# --- text from the data inside a plotly figure --------------------------------
#
# plotly.js reads a subset of HTML in every string it draws as text (<a href>,
# <b>, <i>, <span style>, <sup>, <br>), and decodes the entities &lt; &gt;
# &amp; (once). The invariant: a figure handed to show_figure carries plain
# text, in which <br> is a line break; show_figure escapes everything else, in
# every string, exactly once. Nothing before it escapes (wrap_for_hover does
# not), or a document's "<" would be shown as "&lt;".

LINE_BREAK = "<br>"
# Strings plotly reads as templates, where "<extra></extra>" is its own syntax.
_TEMPLATE_TAGS = ("<extra>", "</extra>")


def plotly_text(text: str, template: bool = False) -> str:
    """Plain text as plotly must be given it: ``&``, ``<`` and ``>`` escaped,
    except the line breaks ``<br>`` (and, in a ``hovertemplate``, plotly's
    ``<extra></extra>``). plotly shows ``&lt;`` as ``<``."""
    escaped = html.escape(text, quote=False).replace(html.escape(LINE_BREAK), LINE_BREAK)
    if template:
        for tag in _TEMPLATE_TAGS:
            escaped = escaped.replace(html.escape(tag), tag)
    return escaped


# Figure keys whose strings plotly never draws: the builder's own metadata.
_NOT_TEXT = frozenset({"meta"})


def plotly_figure_text(value: Any, key: str = "") -> Any:
    """A figure (``figure.to_plotly_json()``, or any part of it) with
    :func:`plotly_text` applied to every string: names, hover and plain
    texts, category values of an axis (and the tick values that must match
    them), titles, annotations, legend titles. Escaping leaves every other
    kind of string (colours, dates, modes, axis references) as it is."""
    import numpy as np

    if isinstance(value, str):
        return plotly_text(value, template=key.endswith("template"))
    if isinstance(value, dict):
        return {k: v if k in _NOT_TEXT else plotly_figure_text(v, k) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return [plotly_figure_text(v, key) for v in value.tolist()] if value.dtype.kind in "OUS" else value
    if isinstance(value, (list, tuple)):
        return [plotly_figure_text(v, key) for v in value]
    return value


# --- figures ----------------------------------------------------------------


def _with_corrected_hovers(figure: Any) -> None:
    for trace in figure.data:
        for key in ("hovertext", "text"):
            value = getattr(trace, key, None)
            if isinstance(value, str):
                trace[key] = hover_with_corrections(value)
            elif value is not None and len(value) and any(isinstance(v, str) for v in value):
                trace[key] = [hover_with_corrections(v) if isinstance(v, str) else v for v in value]


def _plain(text: str) -> str:
    """A figure's string as words: its line breaks become spaces (figure
    strings are plain text until :func:`show_figure` escapes them)."""
    return " ".join(text.replace(LINE_BREAK, " ").split())


def figure_rows(figure: Any) -> list[dict[str, str]]:
    """Every mark of a figure as a row of words: series, position and hover
    text; the table behind the text alternative."""
    rows = []
    for trace in figure.data:
        # plotly express names a lone trace "" or a number: that is no series name.
        name = _plain(str(trace.name)) if trace.name and not str(trace.name).isdigit() else ""
        xs = list(trace.x) if getattr(trace, "x", None) is not None else []
        ys = list(trace.y) if getattr(trace, "y", None) is not None else []
        texts = getattr(trace, "hovertext", None)
        if texts is None or isinstance(texts, str):
            texts = getattr(trace, "text", None)
        count = max(len(xs), len(ys))
        if getattr(trace, "type", "") == "heatmap":
            z = trace.z
            for i, y in enumerate(ys):
                for j, x in enumerate(xs):
                    rows.append({"series": name, "x": _axis_value(x), "y": _axis_value(y),
                                 "value": _axis_value(z[i][j]), "details": ""})
            continue
        points = []
        for i in range(count):
            x = xs[i] if i < len(xs) else None
            y = ys[i] if i < len(ys) else None
            detail = texts[i] if isinstance(texts, (list, tuple)) and i < len(texts) else texts
            points.append((x, y, _plain(detail) if isinstance(detail, str) else ""))
        # A line broken by gaps (None) draws one mark per piece: a span from its
        # first to its last point is one row ("1953", not two made-up days).
        pieces = (_pieces(points) if "lines" in str(getattr(trace, "mode", None) or "")
                  else [[p] for p in points if p[0] is not None or p[1] is not None])
        for piece in pieces:
            (x0, y0, _), (x1, y1, _) = piece[0], piece[-1]
            details = list(dict.fromkeys(d for _, _, d in piece if d))
            rows.append({"series": name, "x": _span_value(x0, x1), "y": _span_value(y0, y1), "value": "",
                         "details": " ".join(details)})
    return rows


def _pieces(points: list[tuple[object, object, str]]) -> list[list[tuple[object, object, str]]]:
    """The runs of points between gaps (a point with no x and no y)."""
    pieces: list[list[tuple[object, object, str]]] = [[]]
    for point in points:
        if point[0] is None and point[1] is None:
            pieces.append([])
        else:
            pieces[-1].append(point)
    return [piece for piece in pieces if piece]


def _span_value(first: object, last: object) -> str:
    """One position, or the span between two, in words; a span of dates that
    covers exactly a calendar year or month is named as one ("1953", "June 1956")."""
    start, end = _axis_value(first), _axis_value(last)
    if start == end:
        return start
    iso_day = re.compile(r"^\d{4}-\d{2}-\d{2}")
    if not (iso_day.match(str(first)) and iso_day.match(str(last))):
        return f"{start} – {end}"
    a, b = pd.Timestamp(str(first)[:10]), pd.Timestamp(str(last)[:10])
    if a.day == 1 and b == a + pd.offsets.MonthEnd(0):
        return human_date(a.strftime("%Y-%m"))
    if (a.month, a.day) == (1, 1) and (b.month, b.day) == (12, 31) and a.year == b.year:
        return str(a.year)
    return f"{start} – {end}"


def _axis_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return human_date(value[:10])
    if isinstance(value, str) and ISO_PARTIAL_DATE.match(value):
        return human_date(value)
    if isinstance(value, (pd.Timestamp, dt.date)):
        return human_date(value)
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() or abs(value) >= 100 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return _plain(str(value))


def _axis_title(figure: Any, axis: str, default: str) -> str:
    """An axis's title, for the column of the chart's text alternative."""
    title = figure.layout[axis].title.text if figure.layout[axis] is not None else None
    return _plain(title).capitalize() if title else default


def show_figure(figure: Any, caption: str, summary: str, *, height: int | None = None) -> None:
    """Display a plotly figure for a class: hover texts carry their
    corrections; a one-sentence ``caption`` under it; a text alternative made
    of ``summary`` (one or two sentences computed from the data) and a table
    of every mark, folded under the caption. The site builder turns
    ``layout.meta`` into the figure's accessible name."""
    from IPython.display import HTML, display

    # The chart in words is read before the hover texts get their corrections:
    # its table adds each row's corrections once, in their own place.
    import plotly.io as pio

    marks = figure_rows(figure)
    _with_corrected_hovers(figure)
    if height:
        figure.update_layout(height=height)
    figure.update_layout(meta={"caption": caption, "alt": f"{caption} {summary}"})
    # Shown escaped (plotly_figure_text); the figure object keeps its plain text.
    pio.show(plotly_figure_text(figure.to_plotly_json()), validate=False)
    columns = {key: label for key, label in [("series", "Series"),
                                             ("x", _axis_title(figure, "xaxis", "Horizontal axis")),
                                             ("y", _axis_title(figure, "yaxis", "Vertical axis")),
                                             ("value", "Value"), ("details", "Details")]
               if any(row[key] for row in marks)}
    if len({row["series"] for row in marks}) <= 1:
        columns.pop("series", None)  # one series: its name is the chart's title
    text_table = table(pd.DataFrame(marks, columns=list(columns)), columns, correct=True)
    # A caption or summary that shows corrected words carries the correction too.
    notes = "".join(correction_html(c) for c in corrections_in(caption, summary))
    notes = f'<div class="corrections">{notes}</div>' if notes else ""
    display(HTML(
        f'<figure class="figure-text {NO_FORMULAS}"><figcaption>{html.escape(caption)}</figcaption>'
        f'<details class="text-alternative"><summary>The chart in words</summary>'
        f"<p>{html.escape(summary)}</p>{notes}{text_table._repr_html_()}</details></figure>"
    ))
