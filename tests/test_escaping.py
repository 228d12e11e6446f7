"""One escaping rule per renderer, each tested in the renderer that reads it,
on hand-made hostile strings (see helpers.display.claims and helpers.site.guard):

- computed Markdown: rendered by nbconvert's mistune (as the site renders it)
  and by markdown-it-py with GitHub's extensions and linkify (CommonMark and
  GFM, as JupyterLab's marked reads them, bare domains linked too);
- plotly text: read back as plotly.js reads it (its entities, decoded once);
- HTML tables of the display layer, and pandas' own;
- the site builder's guard of cell outputs, pages and figure strings;
- the index, data and glossary templates (autoescaped), on a site built from
  a copy of the data whose document title is markup.

The browser test (tests/test_browser_hostile.py) runs the same text through
every lesson in Chromium.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from markdown_it import MarkdownIt
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from helpers.display import claims as display
from helpers.paths import DATA_DIR_VARIABLE
from helpers.site.guard import guard_output, guard_page, inert_plotly_strings, inert_plotly_text, url_scheme

LONG_TOKEN = "y" * 3000
HOSTILE = [
    "<b>unclosed bold",
    "</p></div><script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[data](data:text/html,<script>alert(1)</script>)",
    '<a href="javascript:alert(1)">link</a>',
    "see https://evil.example/page now",
    "see www.evil.com now",
    "see evil.com or mail@evil.com now",
    "<b>bold</b> and <i>it</i>",
    '<span style="color:red">red</span>',
    "&lt;not a tag&gt; &amp;lt; &#60;b&#62;",
    "*em* _em_ **strong** ~~struck~~ `code`",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "> not a quotation",
    "| not | a table |",
    "$x^2$ costs $5, \\(y\\), \\[z\\] and \\begin{equation}w\\end{equation}",
    "a \\ backslash and a \\\\ pair",
    "two lines\n# and a heading\n\n- and a list",
    LONG_TOKEN,
]
IDS = [text[:24] for text in HOSTILE]


def _flat(text: str) -> str:
    """A document's text as a computed sentence shows it: one line."""
    return re.sub(r"\r\n?|\n", " ", text)


class _Rendered(HTMLParser):
    """The tags of rendered HTML, and its text as a reader sees it."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self.outside_code: list[str] = []
        self._code = 0
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self.links += [value or "" for name, value in attrs if name in ("href", "src")]
        self._code += tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self._code -= tag == "code"

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if not self._code:
            self.outside_code.append(data)


def _jupyterlab_like(markdown: str) -> str:
    """CommonMark with GitHub's tables, strikethrough and autolinks (linkify:
    "https://", "www.", e-mail addresses and bare domains), every URL allowed."""
    renderer = MarkdownIt("gfm-like", {"linkify": True})
    renderer.validateLink = lambda url: True  # keep javascript: links, as a careless renderer would
    return renderer.render(markdown)


RENDERERS = {"site (nbconvert's mistune)": markdown2html_mistune, "GFM (markdown-it-py)": _jupyterlab_like}


# --- computed Markdown ----------------------------------------------------------


@pytest.mark.parametrize("renderer", RENDERERS, ids=list(RENDERERS))
@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
@pytest.mark.parametrize("inert", [False, True], ids=["markdown_text", "then inert_markdown"])
def test_a_document_s_words_in_a_sentence_are_shown_exactly_and_are_nothing_else(renderer: str, text: str,
                                                                                  inert: bool) -> None:
    sentence = f"The document says “{display.markdown_text(text)}”, word for word."
    rendered = _Rendered(RENDERERS[renderer](display.inert_markdown(sentence) if inert else sentence))
    assert set(rendered.tags) <= {"p", "code"}, f"markup from the document: {rendered.tags}"
    assert rendered.attributes == []
    assert "".join(rendered.text).strip() == f"The document says “{_flat(text)}”, word for word."
    # JupyterLab's MathJax reads "$" and "\(" in the rendered text, outside code only.
    assert not re.search(r"[$\\]", "".join(rendered.outside_code))


@pytest.mark.parametrize("renderer", RENDERERS, ids=list(RENDERERS))
@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_text_a_lesson_forgot_to_escape_still_makes_no_html_link_or_formula(renderer: str, text: str) -> None:
    rendered = _Rendered(RENDERERS[renderer](display.inert_markdown(f"A lesson forgot: {text}")))
    live = {"img", "script", "b", "i", "span", "iframe", "input", "style"}
    assert not live & set(rendered.tags), rendered.tags
    # Its own headings may still render, with nbconvert's anchor to themselves.
    assert all(link.startswith("#") for link in rendered.links), rendered.links
    assert not {"src", "onerror", "style"} & set(rendered.attributes)
    assert not re.search(r"[$\\]", "".join(rendered.outside_code))
    for piece in ("<script>", "<b>", "<span", "javascript:", "https://evil.example/page", "www.evil.com"):
        if piece in text:  # what the document wrote is still there, as text
            assert piece in "".join(rendered.text)


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_the_markdown_rules_are_idempotent_and_reversible(text: str) -> None:
    escaped = display.markdown_text(text)
    assert display.inert_markdown(escaped) == escaped
    once = display.inert_markdown(text)
    assert display.inert_markdown(once) == once
    assert display.markdown_as_text(escaped) == _flat(text)


def test_every_ascii_punctuation_character_is_escaped_and_the_lesson_s_own_markup_kept() -> None:
    import string

    escaped = display.markdown_text(string.punctuation.replace("$", "").replace("\\", ""))
    assert escaped == "".join("\\" + c for c in string.punctuation if c not in "$\\")
    assert display.markdown_text("$5 \\ ok") == "`$`5 `\\` ok"
    assert display.inert_markdown("**Bold** and *words*:\n\n- one\n- two") == "**Bold** and *words*:\n\n- one\n- two"


def test_a_quote_in_a_computed_sentence_brings_its_correction() -> None:
    corrected = display.corrections_index().corrections[0]
    sentence = display.with_corrections_markdown(f"It says {display.quoted(corrected.doc_id, corrected.quote)}.")
    assert corrected.correction_id in display.markdown_as_text(sentence)


def test_key_words_are_data_too() -> None:
    from helpers.display.lesson import key_words_markdown

    glossary = pd.DataFrame({"term": ["<b>Term</b>"], "definition": ["[x](javascript:alert(1)) www.evil.com"],
                             "source": ["s"], "source_url": [None]})
    linked = _Rendered(markdown2html_mistune(key_words_markdown(["<b>Term</b>"], link_to="glossary.html", table=glossary)))
    assert rendered_links(linked) == 1 and "b" not in linked.tags  # the one link: to the glossary
    assert "<b>Term</b>" in "".join(linked.text) and "[x](javascript:alert(1))" in "".join(linked.text)


def rendered_links(rendered: _Rendered) -> int:
    return rendered.tags.count("a")


# --- plotly text ---------------------------------------------------------------

# plotly.js's convertEntities (src/lib/svg_text_utils.js): the entities it
# decodes, once, in every string it draws as text.
_PLOTLY_ENTITIES = {"mu": "μ", "amp": "&", "lt": "<", "gt": ">", "nbsp": "\xa0", "times": "×", "plusmn": "±", "deg": "°"}


def plotly_shows(text: str) -> str:
    """What plotly.js draws for a string with no tags: its entities decoded once."""
    def decode(found: re.Match[str]) -> str:
        name = found.group(1)
        if name.startswith("#"):
            return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))
        return _PLOTLY_ENTITIES.get(name, found.group())

    return re.sub(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);", decode, text)


@pytest.mark.parametrize("text", HOSTILE + ["a literal <br> line break"], ids=IDS + ["br"])
def test_plotly_text_has_no_tag_but_line_breaks_and_reads_as_the_document_wrote_it(text: str) -> None:
    shown = display.plotly_text(text)
    assert set(re.findall(r"<[^>]*>", shown)) <= {"<br>"}
    assert plotly_shows(shown.replace("<br>", "\n")) == text.replace("<br>", "\n")


def test_line_breaks_of_the_display_layer_stay_line_breaks_and_nothing_else_does() -> None:
    assert display.plotly_text("one<br>two") == "one<br>two"
    assert display.plotly_text("<BR> <br/> <br >") == "&lt;BR&gt; &lt;br/&gt; &lt;br &gt;"
    assert display.plotly_text("%{y}<br>%{x}<extra></extra>", template=True) == "%{y}<br>%{x}<extra></extra>"
    assert display.plotly_text("<extra></extra>") == "&lt;extra&gt;&lt;/extra&gt;"


def test_show_figure_escapes_every_string_plotly_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names, category values (and the tick values and category order that
    must match them), hover and plain texts, custom data, titles, annotations,
    legend title: every string, whatever the lesson forgot."""
    import plotly.graph_objects as go
    import plotly.io as pio

    bad = '<a href="https://evil.example/">x</a> <b>&lt;</b>'
    figure = go.Figure(go.Bar(x=[1, 2], y=[bad, "plain"], name=bad, orientation="h", text=[bad, "t"], hovertext=[bad, "h"],
                              customdata=[bad, "c"], hovertemplate="%{y}<br>%{customdata}<extra></extra>"))
    figure.update_layout(title={"text": bad}, legend={"title": {"text": bad}},
                         yaxis={"title": {"text": bad}, "categoryorder": "array", "categoryarray": [bad, "plain"],
                                "tickvals": [bad, "plain"], "ticktext": [bad, "plain"]},
                         annotations=[{"text": bad, "x": 1, "y": 0}])
    shown: list[dict] = []
    monkeypatch.setattr(pio, "show", lambda fig, **options: shown.append(fig))
    monkeypatch.setattr("IPython.display.display", lambda *args, **kwargs: None)
    display.show_figure(figure, "A caption", "A summary.")
    (drawn,) = shown
    strings = list(_strings({"data": drawn["data"], "layout": {k: v for k, v in drawn["layout"].items() if k != "meta"}}))
    assert all(set(re.findall(r"<[^>]*>", s)) <= {"<br>", "<extra>", "</extra>"} for _, s in strings)
    escaped = display.plotly_text(bad)
    places = {key for key, s in strings if s == escaped}
    assert {"y", "name", "text", "hovertext", "customdata", "categoryarray", "tickvals", "ticktext"} <= places
    assert sum(s == escaped for key, s in strings if key == "text") >= 4  # trace, title, legend, axis, annotation texts
    assert figure.data[0].name == bad  # the lesson's figure keeps its plain text


def _strings(value: object, key: str = ""):
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v, key)


def test_the_builder_leaves_no_tag_but_line_breaks_in_a_figure() -> None:
    figure = {"data": [{"name": "<b>x</b><br>y", "hovertemplate": "%{y}<br><i>z</i><extra></extra>",
                        "text": ["&lt;kept&gt;"]}],
              "layout": {"title": {"text": '<a href="https://evil.example/">t</a>'}, "meta": {"alt": "<b>a</b>"}}}
    guarded = inert_plotly_strings(figure)
    assert guarded["data"][0]["name"] == "&lt;b&gt;x&lt;/b&gt;<br>y"
    assert guarded["data"][0]["hovertemplate"] == "%{y}<br>&lt;i&gt;z&lt;/i&gt;<extra></extra>"
    assert guarded["data"][0]["text"] == ["&lt;kept&gt;"]  # already escaped: left as it is
    assert guarded["layout"]["title"]["text"].startswith("&lt;a href=")
    assert guarded["layout"]["meta"] == {"alt": "<b>a</b>"}  # the builder's own, escaped where it is used
    assert inert_plotly_strings(guarded) == guarded
    assert inert_plotly_text("a > b < c") == "a &gt; b &lt; c"


# --- HTML tables ---------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_a_table_shows_every_cell_caption_and_header_as_text(text: str) -> None:
    frame = pd.DataFrame({"quote": [text], "note": [text]})
    markup = display.table(frame, {"quote": "Quote", "note": text}, caption=text)._repr_html_()
    rendered = _Rendered(markup)
    assert set(rendered.tags) <= {"div", "table", "caption", "thead", "tbody", "tr", "th", "td", "span"}
    assert set(rendered.attributes) <= {"class", "role", "tabindex", "aria-label", "scope"}
    assert "".join(rendered.text).count(text) == 4  # caption, header, quote, note
    # JupyterLab's MathJax reads "$" in HTML outputs too: every table is kept out of its reach.
    assert markup.startswith(f'<div class="table-scroll {display.NO_FORMULAS}"')
    pandas_markup = _Rendered(frame._repr_html_())
    assert set(pandas_markup.tags) <= {"div", "style", "table", "thead", "tbody", "tr", "th", "td"}


def test_a_long_token_in_a_table_may_wrap_anywhere() -> None:
    markup = display.table(pd.DataFrame({"note": [LONG_TOKEN], "quote": [LONG_TOKEN]}))._repr_html_()
    assert f'<td class="long-token">{LONG_TOKEN}</td>' in markup and f"“{LONG_TOKEN}”" in markup


# --- the site builder's guard -------------------------------------------------

PAGES = {"glossary.html", "01_what_happened.html"}


@pytest.mark.parametrize("markup, kept", [
    ('<a href="glossary.html#term-x">x</a>', '<a href="glossary.html#term-x">x</a>'),
    ('<a href="#here">x</a>', '<a href="#here">x</a>'),
    ('<a href="https://evil.example/">x</a>', "x"),
    ('<a href="//evil.example/">x</a>', "x"),
    ('<a href="/etc/passwd">x</a>', "x"),
    ('<a href="other.html">x</a>', "x"),
    ('<a href=" jav&#x09;ascript:alert(1)">x</a>', "x"),
    ('<A HREF="JAVASCRIPT:alert(1)">x</A>', "x"),
    ('<a href="data:text/html,&lt;script&gt;">x</a>', "x"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "<svg><text>x</text></svg>"),
    ('<img src=x onerror="alert(1)">', '<img src="x">'),
    ('<b onclick="alert(1)">x</b>', "<b>x</b>"),
    ("<script>alert(1)</script>after", "after"),
    ("<script>never closed", ""),
    ("<style>body { display: none }</style>text", "text"),
    ('<iframe src="https://evil.example/"></iframe>', ""),
    ('<base href="https://evil.example/">x', "x"),
    ('<img src="data:image/png;base64,AAAA">', '<img src="data:image/png;base64,AAAA">'),
    ("<p>&lt;b&gt; stays &amp; text</p>", "<p>&lt;b&gt; stays &amp; text</p>"),
])
def test_a_cell_output_may_link_only_to_the_site_and_run_nothing(markup: str, kept: str) -> None:
    assert guard_output(markup, PAGES) == kept


def test_a_script_in_an_output_runs_only_if_the_builder_wrote_it() -> None:
    call = 'Plotly.newPlot("f-1", [], {}, {});'
    assert guard_output(f"<div></div><script>{call}</script>", PAGES, {call}) == f"<div></div><script>{call}</script>"
    assert guard_output(f"<script>{call}alert(1)</script>", PAGES, {call}) == ""


def test_no_page_keeps_a_script_url_anywhere() -> None:
    page = ('<nav><a href="index.html">Lessons</a><a href="https://example.org/">out</a>'
            '<a href="javascript:alert(1)">js</a><img src="data:text/html,x"><form action="vbscript:x"></form></nav>')
    assert guard_page(page) == ('<nav><a href="index.html">Lessons</a><a href="https://example.org/">out</a>'
                                'js<img><form></form></nav>')
    assert url_scheme("\x01java\nscript:alert(1)") == "javascript" and url_scheme("glossary.html#a:b") is None


def test_the_builder_makes_every_output_inert(tmp_path: Path) -> None:
    from helpers.site.builder import build_site

    hostile = '[js](javascript:alert(1)) <a href="https://evil.example/">a</a> <img src=x onerror="alert(2)"> www.evil.com'
    notebook = nbformat.v4.new_notebook(metadata={"lesson": {"minutes": 1, "objectives": ["x"], "part": "sources"}})
    code = nbformat.v4.new_code_cell("x")
    code.outputs = [nbformat.v4.new_output("display_data", {"text/markdown": hostile, "text/plain": ""}),
                    nbformat.v4.new_output("display_data", {"text/html": hostile, "text/plain": ""}),
                    nbformat.v4.new_output("display_data", {"application/javascript": "window.__xss = 1"})]
    # A hand-written Markdown cell is the author's: its link stays.
    notebook.cells = [nbformat.v4.new_markdown_cell("# Fixture\n\nA [link](https://example.org/)."), code]
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(notebook, notebooks / "99_fixture.ipynb")
    build_site(tmp_path / "site", notebooks)
    page = (tmp_path / "site" / "99_fixture.html").read_text(encoding="utf-8")
    outputs = page[page.index('class="output_wrapper"'):page.index("</main>")]
    shown = _Rendered(outputs)
    assert "a" not in shown.tags and "onerror" not in shown.attributes and "window.__xss" not in outputs
    assert '<a href="https://example.org/">link</a>' in page
    assert "".join(shown.text).count('<a href="https://evil.example/">a</a>') == 1  # the Markdown's words, as text


# --- the templates: autoescaped ----------------------------------------------------


def test_the_index_and_data_pages_escape_the_data(tmp_path: Path) -> None:
    """Built from a copy of the data whose document title is markup (the title
    is appended to that document, as a title must occur in it): the pages
    show it as text, which they do only while Jinja autoescapes them."""
    import shutil

    from hostile_data import append_to_document

    from helpers.paths import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    for path in data.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    title = '<b id="injected-title">A title</b>'
    append_to_document(data, "essay", f"The page's title was {title}.", title=title)
    notebook = nbformat.v4.new_notebook(metadata={"lesson": {"minutes": 1, "objectives": [title], "part": "sources"}})
    notebook.cells = [nbformat.v4.new_markdown_cell("# Fixture\n\nA test.")]
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(notebook, notebooks / "99_fixture.ipynb")
    build = "import sys; from pathlib import Path; from helpers.site.builder import build_site; " \
            "build_site(Path(sys.argv[1]), Path(sys.argv[2]))"
    subprocess.run([sys.executable, "-c", build, str(tmp_path / "site"), str(notebooks)],
                   env={**os.environ, DATA_DIR_VARIABLE: str(data)}, check=True, capture_output=True)
    for name, times in (("index.html", 2), ("data.html", 1)):  # the index: the title and the lesson's objective
        page = (tmp_path / "site" / name).read_text(encoding="utf-8")
        assert title not in page, f"{name}: the title became markup"
        shown = _Rendered(page)
        assert "".join(shown.text).count(title) == times, f"{name}: the title is not shown as text"
        assert "injected-title" not in str(shown.attributes)
