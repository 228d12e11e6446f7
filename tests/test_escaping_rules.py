"""Each renderer's escaping rule, one at a time, on small hostile strings.

The escaping of document text is spread over three places (see
``helpers.display.claims``, ``helpers.site.guard`` and
``helpers.site.builder``): the display layer's rule for each renderer
(computed Markdown, HTML tables, plotly strings), the builder's guard of
cell outputs and pages, and the builder's own HTML and script escaping. Each
test checks what one docstring promises, on a hand-made input, in the same
process as the code (``tests/test_escaping.py`` also builds sites in a
subprocess, which a planted bug in the checkout's copy never reaches).
Written from the mutation-testing report (``make mutation``).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from helpers.display import claims as display
from helpers.evidence.corrections import Correction
from helpers.site import builder, guard


class _Parsed(HTMLParser):
    """Elements (tag, attributes) and text of a piece of HTML."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def tags(self) -> list[str]:
        return [tag for tag, _ in self.elements]


HOSTILE = '<b id="x">bold</b> & "quoted" <script>alert(1)</script>'


# --- the builder's own escaping --------------------------------------------------------------------


def test_escape_html_escapes_markup_and_quotes_only_when_asked() -> None:
    assert builder.escape_html('a & <b> "q" &lt;') == 'a &amp; &lt;b&gt; "q" &amp;lt;'
    assert builder.escape_html('a & <b> "q"', quote=True) == 'a &amp; &lt;b&gt; &quot;q&quot;'


def test_script_safe_json_cannot_end_its_script_and_reads_back_the_same() -> None:
    value = {"text": "</script><script>alert(1)</script> & <!-- x -->", "n": [1, 2.5], "é": "ő"}
    text = builder.script_safe_json(value)
    assert not re.search(r"[<>&]", text)
    assert json.loads(text) == value


def _call_arguments(call: str) -> tuple[str, list[object]]:
    """The element id and the three JSON arguments of ``Plotly.newPlot(...)``."""
    found = re.fullmatch(r'Plotly\.newPlot\("([^"]*)", (.*)\);', call, re.S)
    assert found, call
    decoder, rest, values = json.JSONDecoder(), found.group(2), []
    while rest:
        value, end = decoder.raw_decode(rest)
        values.append(value)
        rest = rest[end:].removeprefix(", ")
    return found.group(1), values


FIGURE = {"data": [{"type": "bar", "x": ["<b>a</b>", "b"], "y": [1, 2], "hovertemplate": "%{x}<extra></extra>"}],
          "layout": {"title": {"text": "A <i>title</i><br>on two lines"}, "meta": {"alt": "<b>alt</b>"}},
          "config": {"scrollZoom": True}}


def test_a_figure_s_call_draws_its_own_data_layout_and_config_with_no_tag_but_line_breaks() -> None:
    element, (data, layout, config) = _call_arguments(builder.plotly_call(FIGURE, "fig-1"))
    assert element == "fig-1"
    assert data == [{"type": "bar", "x": ["&lt;b&gt;a&lt;/b&gt;", "b"], "y": [1, 2],
                     "hovertemplate": "%{x}<extra></extra>"}]
    assert layout == {"title": {"text": "A &lt;i&gt;title&lt;/i&gt;<br>on two lines"}, "meta": {"alt": "<b>alt</b>"}}
    assert config == {**builder.PLOTLY_CONFIG, "scrollZoom": True}
    assert _call_arguments(builder.plotly_call({}, "empty"))[1] == [[], {}, builder.PLOTLY_CONFIG]


def test_a_figure_is_named_by_its_escaped_text_alternative() -> None:
    markup = builder.plotly_figure_html(FIGURE, "fig-2")
    parsed = _Parsed(markup)
    assert parsed.elements[0] == ("div", {"class": "plotly-figure", "id": "fig-2", "role": "figure",
                                          "aria-label": "<b>alt</b>"})
    assert '"<b>alt</b>"' not in markup and "&lt;b&gt;alt&lt;/b&gt;" in markup
    script = markup.split("<script>", 1)[1].removesuffix("</script>")
    assert script == builder.plotly_call(FIGURE, "fig-2")
    assert builder.plotly_figure_html(FIGURE, "fig-2", call="draw();").endswith("<script>draw();</script>")
    for unnamed in ({"data": []}, {"layout": {}}, {"layout": {"meta": "not a dict"}},
                    {"layout": {"meta": {"other": 1}}}):
        assert _Parsed(builder.plotly_figure_html(unnamed, "f")).elements[0] == (
            "div", {"class": "plotly-figure", "id": "f"})


@pytest.mark.parametrize("template, context, shown", [
    ("data.html.j2", {"resources": [], "documents": [{"file_name": "x.txt", "title": HOSTILE, "genre": "<i>g</i>"}]},
     [HOSTILE, "<i>g</i>"]),
    ("glossary.html.j2", {"entries": [{"anchor": "term-x", "term": HOSTILE, "definition": "<u>d</u>",
                                       "source": "<s>s</s>", "source_url": "", "lessons": []}]},
     [HOSTILE, "<u>d</u>", "<s>s</s>"]),
])
def test_the_site_s_templates_show_the_data_as_text(template: str, context: dict, shown: list[str]) -> None:
    page = builder._templates().get_template(template).render(assets="assets", **context)
    parsed = _Parsed(page)
    assert not {"script", "u", "s", "i"} & set(parsed.tags()) and ("b", {"id": "x"}) not in parsed.elements
    for text in shown:
        assert text in "".join(parsed.text)


@pytest.mark.parametrize("template", ["data.html.j2", "glossary.html.j2"])
def test_a_page_from_the_site_s_templates_ends_with_a_line_break(template: str) -> None:
    # A page is a text file: it ends with a line break, as the template does
    # (otherwise git and diff tools flag every page with "no newline at end of file").
    page = builder._templates().get_template(template).render(assets="assets", resources=[], documents=[],
                                                              entries=[])
    assert page.endswith("</html>\n")


# --- the guard of outputs and pages ------------------------------------------------------------------


@pytest.mark.parametrize("value, scheme", [("javascript:x", "javascript"), ("JavaScript:x", "javascript"),
                                           (" java\tscript:x", "javascript"), ("glossary.html", None),
                                           ("#top", None), ("a/b:c", None), ("HTTPS://x", "https")])
def test_the_scheme_a_browser_reads(value: str, scheme: str | None) -> None:
    assert guard.url_scheme(value) == scheme


@pytest.mark.parametrize("markup, kept", [
    ('<a href="JavaScript:alert(1)">x</a>', "x"),
    ('<area href="javascript:alert(1)">', ""),
    ('<img srcset="a.png 1x, javascript:alert(1) 2x">', "<img>"),
    ('<img srcset="a.png 1x,javascript:alert(1) 2x">', "<img>"),
    ('<img srcset="data:image/png;base64,AAAA 1x">', '<img srcset="data:image/png;base64,AAAA 1x">'),
    ('<img src="data:image/png;base64,AAAA">', '<img src="data:image/png;base64,AAAA">'),
    ('<img src=" data:image/png;base64,AAAA">', '<img src=" data:image/png;base64,AAAA">'),
    ('<img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E">', '<img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E">'),
    ('<video poster="data:text/html,x"></video>', "<video></video>"),
    ('<a href="https://example.org/">out</a>', '<a href="https://example.org/">out</a>'),
    ('<b title=\'say "hi" &amp; go\' formaction="javascript:x">b</b>', '<b title="say &quot;hi&quot; &amp; go">b</b>'),
    ('<input disabled formaction="javascript:x"/>', "<input disabled />"),
    ('R&#D <a href="javascript:alert(1)">x</a>', "R&#D x"),
])
def test_no_page_keeps_a_url_that_runs_code(markup: str, kept: str) -> None:
    assert guard.guard_page(markup) == kept


@pytest.mark.parametrize("markup, kept", [
    ('<a href="glossary.html#term-x">x</a>', '<a href="glossary.html#term-x">x</a>'),
    ('<a href="gloss\tary.html#term-x">x</a>', '<a href="gloss\tary.html#term-x">x</a>'),
    ("<a href>x</a>", "<a href>x</a>"),
    ('<a href="/glossary.html">x</a>', "x"),
    ('<a href="\\glossary.html">x</a>', "x"),
    ('<a href="//example.org">x</a>', "x"),
    ('<a id="top">top</a>', '<a id="top">top</a>'),
    ('<area href="other.html">', ""),
    ('<a href="https://example.org/"/>out</a>', "out"),
    ('<area href="https://example.org/"/>', ""),
    ('<a href="glossary.html">map<area href="https://example.org/"> key</a> after',
     '<a href="glossary.html">map key</a> after'),
    ('<img src="x" onerror="alert(1)"/>', '<img src="x" />'),
    ('<img src="x.png" alt="a map" onerror="alert(1)">', '<img src="x.png" alt="a map">'),
    ('<b ONCLICK="alert(1)">x</b>', "<b>x</b>"),
    ("<style>body { display: none }", ""),
    ("before<style>never closed", "before"),
    ('<a href="https://example.org/"><b onclick="x">in</b></a> and <i onclick="y">after</i>',
     "<b>in</b> and <i>after</i>"),
])
def test_a_cell_output_links_only_to_the_site(markup: str, kept: str) -> None:
    assert guard.guard_output(markup, pages={"glossary.html"}) == kept


def test_the_guard_says_what_it_removed() -> None:
    long_style = "<style>" + "x" * 300 + "</style>"
    removed = guard.removed_by_guard(f'<b onclick="x">b</b><a href="https://e.org">e</a>{long_style}',
                                     pages={"index.html"})
    assert removed[:2] == ['<b onclick="x">', '<a href="https://e.org">'] and removed[-1] == long_style[:120]
    assert guard.removed_by_guard('<a href="https://e.org">e</a>', output=False) == []
    assert guard.removed_by_guard('<a href="javascript:x">e</a>', output=False) == ['<a href="javascript:x">']
    assert guard.removed_by_guard('<a href="glossary.html">g</a>', pages=["glossary.html"]) == []
    script = "draw();"
    assert guard.removed_by_guard(f"<script>{script}</script>", scripts={script}) == []
    assert guard.removed_by_guard(f"<script>{script}</script>") == [f"<script>{script}</script>"]


def test_plotly_strings_keep_no_tag_but_line_breaks() -> None:
    assert guard.inert_plotly_text("<b>a</b><br><extra>x</extra>") == \
        "&lt;b&gt;a&lt;/b&gt;<br>&lt;extra&gt;x&lt;/extra&gt;"
    assert guard.inert_plotly_text("<b>a</b><br><extra>x</extra>", template=True) == "&lt;b&gt;a&lt;/b&gt;<br><extra>x</extra>"
    figure = {"data": [{"hovertemplate": ["<extra></extra>", "<i>"], "text": ["<extra>"]}],
              "layout": {"meta": {"alt": "<b>kept</b>"}, "title": "<b>t</b>"}}
    assert guard.inert_plotly_strings(figure) == {
        "data": [{"hovertemplate": ["<extra></extra>", "&lt;i&gt;"], "text": ["&lt;extra&gt;"]}],
        "layout": {"meta": {"alt": "<b>kept</b>"}, "title": "&lt;b&gt;t&lt;/b&gt;"}}
    assert guard.inert_plotly_strings("<extra>") == "&lt;extra&gt;"


# --- the display layer -------------------------------------------------------------------------------


def test_text_from_the_data_in_markdown_is_that_text() -> None:
    assert display.markdown_text(None) == ""
    assert display.markdown_text(1956) == "1956"
    assert display.markdown_text("a*b $5 \\ x\r\ny") == "a\\*b `$`5 `\\` x y"
    assert display.markdown_as_text(display.markdown_text("a*b $5 \\ [x](y)")) == "a*b $5 \\ [x](y)"


@pytest.mark.parametrize("markdown, inert", [
    ("costs $5", "costs `$`5"),
    ("$$x$$", "`$$`x`$$`"),
    ("a \\$ b", "a `$` b"),
    ("a \\\\ b", "a `\\` b"),
    ("**bold** and \\* kept", "**bold** and \\* kept"),
    ("see www.example.org", "see www\\.example\\.org"),
])
def test_computed_markdown_shows_no_formula_or_link(markdown: str, inert: str) -> None:
    assert display.inert_markdown(markdown) == inert


def test_a_quote_in_a_sentence_names_its_document() -> None:
    doc_id = display.document_names().popitem()[0]
    name = display.document_name(doc_id)
    assert name != doc_id  # the readable name, not the id
    assert display.quoted(doc_id, "a *b*") == f"“a \\*b\\*” ({display.markdown_text(name)})"


def test_plotly_figure_strings_are_escaped_once_templates_kept() -> None:
    figure = {"data": [{"hovertemplate": ["%{x}<extra></extra>", "<b>%{y}</b><extra></extra>"],
                        "text": np.array(["<i>a</i>", "b<br>c"], dtype=object), "y": np.array([1, 2]),
                        "x": ("<u>", "v")}],
              "layout": {"meta": {"alt": "<b>kept</b>"}, "title": {"text": "&"}}}
    shown = display.plotly_figure_text(figure)
    trace = shown["data"][0]
    assert trace["hovertemplate"] == ["%{x}<extra></extra>", "&lt;b&gt;%{y}&lt;/b&gt;<extra></extra>"]
    assert trace["text"] == ["&lt;i&gt;a&lt;/i&gt;", "b<br>c"] and trace["x"] == ["&lt;u&gt;", "v"]
    assert isinstance(trace["y"], np.ndarray) and trace["y"].tolist() == [1, 2]
    assert shown["layout"] == {"meta": {"alt": "<b>kept</b>"}, "title": {"text": "&amp;"}}
    assert display.plotly_figure_text("<extra>") == "&lt;extra&gt;"


CORRECTION = Correction(correction_id="corr-1", doc_id="d", quote="q", kind="wrong_date",
                        what_is_wrong="<b>wrong</b>", correction="<i>right</i>", reason="r",
                        reference_url='https://www.example.org/page?"x"')


def test_a_correction_in_html_shows_its_reference_as_text() -> None:
    parsed = _Parsed(display.correction_html(CORRECTION))
    assert parsed.tags() == ["div", "strong", "span", "strong", "span"]
    assert parsed.elements[-1] == ("span", {"class": "reference", "title": 'https://www.example.org/page?"x"'})
    assert "".join(parsed.text).endswith("<i>right</i> Reference: example.org")
    without = display.correction_html(Correction(**{**CORRECTION.__dict__, "reference_url": None}))
    assert _Parsed(without).tags() == ["div", "strong", "span", "strong"] and without.endswith("&lt;/i&gt;</div>")


def _table(headers: list[str], rows: list[list[str]], corrections: list[list[Correction]], caption: str | None,
           quote_columns: set[int]) -> _Parsed:
    return _Parsed(display.Table(headers, rows, corrections, caption, quote_columns)._repr_html_())


def _cells(parsed: _Parsed) -> list[tuple[str, str | None]]:
    return [(tag, attrs.get("class")) for tag, attrs in parsed.elements if tag in ("th", "td", "tr")]


def test_a_table_puts_a_correction_under_the_quote_it_corrects() -> None:
    parsed = _table(["Quote", "<Date>"], [["the words", "1956"], ["other words", "y" * 40]],
                    [[CORRECTION], []], "A <caption>", {0})
    assert _cells(parsed) == [("tr", None), ("th", None), ("th", None), ("tr", "corrected"), ("td", "quote"),
                              ("td", None), ("tr", None), ("td", "quote"), ("td", "long-token")]
    assert parsed.elements[0][1]["aria-label"] == "A <caption>"
    assert "".join(parsed.text).startswith("A <caption>Quote<Date>“the words”Wrong date")


def test_a_table_without_quotes_gives_corrections_a_column() -> None:
    parsed = _table(["Who", "When"], [["Nagy", "1956"], ["Kádár", ""]], [[], [CORRECTION]], None, set())
    assert _cells(parsed) == [("tr", None), ("th", None), ("th", None), ("th", None), ("tr", None), ("td", None),
                              ("td", None),
                              ("td", "corrections"), ("tr", "corrected"), ("td", None), ("td", None),
                              ("td", "corrections")]
    assert parsed.elements[0][1]["aria-label"] == "Table" and "caption" not in parsed.tags()
    assert "".join(parsed.text).startswith("WhoWhenCorrectionNagy1956Kádár")
    plain = _table(["Who"], [["Nagy"]], [[]], None, set())
    assert _cells(plain) == [("tr", None), ("th", None), ("tr", None), ("td", None)]


def test_an_empty_quote_cell_still_carries_its_row_s_correction() -> None:
    parsed = _table(["Quote", "Note"], [["", "n"]], [[CORRECTION]], None, {0})
    assert _cells(parsed) == [("tr", None), ("th", None), ("th", None), ("tr", "corrected"), ("td", "quote"),
                              ("td", None)]
    assert "“" not in "".join(parsed.text) and "Wrong date" in "".join(parsed.text)


def test_every_correction_of_a_row_is_its_own_paragraph() -> None:
    second = Correction(**{**CORRECTION.__dict__, "correction_id": "corr-2", "reference_url": None})
    markup = display.Table(["Quote"], [["the words"]], [[CORRECTION, second]], None, {0})._repr_html_()
    both = display.correction_html(CORRECTION) + display.correction_html(second)
    assert both in markup


@pytest.mark.parametrize("length, long", [(display.LONG_TOKEN, False), (display.LONG_TOKEN + 1, True)])
def test_only_a_token_longer_than_the_limit_may_wrap_anywhere(length: int, long: bool) -> None:
    parsed = _table(["Address"], [["see " + "y" * length]], [[]], None, set())
    assert ("td", "long-token" if long else None) in _cells(parsed)


def test_a_hover_template_array_keeps_plotly_s_own_tags() -> None:
    figure = {"hovertemplate": np.array(["%{x}<extra></extra>", "<b>%{y}</b>"], dtype=object)}
    assert display.plotly_figure_text(figure) == {"hovertemplate": ["%{x}<extra></extra>", "&lt;b&gt;%{y}&lt;/b&gt;"]}
