"""What the site's pages may carry: the builder's defence in depth.

The display layer (:mod:`helpers.display.claims`) already shows every
document's text as text. This module makes sure of it once more, on the
HTML the builder writes, with a real HTML parser (the standard library's
:class:`html.parser.HTMLParser`), not with patterns over the markup:

- :func:`guard_output` — computed output (a cell's output, never a
  hand-written Markdown cell) may link only to the site's own pages
  (``glossary.html#term-...``); any other ``<a>`` becomes its plain text.
  It may carry no event-handler attribute (``onerror=``) and none of the
  elements that run, load or redirect (``<script>`` other than the builder's
  own plotly calls, ``<iframe>``, ``<object>``, ``<base>``, ``<meta>`` ...).
- :func:`guard_page` — on any page, a ``javascript:``, ``vbscript:`` or
  ``data:`` URL (other than an image's ``data:image/...`` in ``<img>``) is
  dropped, and a link that held one becomes its plain text.
- :func:`inert_plotly_strings` — a plotly figure's strings hold no tag but
  the line break ``<br>`` (and plotly's ``<extra></extra>`` in a template):
  any other ``<`` or ``>`` is escaped. Idempotent, and a no-op on what
  :func:`helpers.display.show_figure` writes.

Everything else is written back byte for byte: the guard edits only the tags
it must, found by the positions the parser reports.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Attributes a browser reads as a URL (and SVG animation values, which can set one).
URL_ATTRIBUTES = frozenset({
    "href", "xlink:href", "src", "srcset", "action", "formaction", "poster", "background", "cite", "data",
    "ping", "manifest", "codebase", "longdesc", "usemap", "icon", "archive", "classid", "lowsrc", "dynsrc",
    "to", "from", "values", "by",
})
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# An image in a data: URL runs nothing inside <img> (nbconvert writes image outputs so;
# an SVG shown by <img> runs no script).
IMAGE_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp|svg\+xml)[;,]", re.I)
# Elements computed output may not hold: they run code, load other pages or
# change how the page's links resolve. A script is allowed only if the
# builder wrote it (a plotly figure).
FORBIDDEN_IN_OUTPUT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
    "form", "portal",
})
# Their content is code, not text: it goes with them.
RAW_TEXT = frozenset({"script", "style"})
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these around and inside a URL's scheme


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in a URL (lower case), or ``None`` for a
    relative URL. Control characters and spaces are removed first, as a
    browser does around a scheme (``" java\\tscript:"`` is ``javascript``)."""
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", _IGNORED_IN_URL.sub("", value))
    return found.group(1).lower() if found else None


def runs_script(name: str, value: str, tag: str) -> bool:
    """Whether an attribute holds a URL that runs code or smuggles a page in
    (``javascript:``, ``vbscript:``, ``data:``), an ``<img>``'s image excepted."""
    if name not in URL_ATTRIBUTES:
        return False
    candidates = value.split(",") if name == "srcset" else [value]
    for candidate in candidates:
        if url_scheme(candidate) in SCRIPT_SCHEMES and not (
                tag == "img" and name in ("src", "srcset") and IMAGE_DATA.match(_IGNORED_IN_URL.sub("", candidate))):
            return True
    return False


def is_site_link(href: str, pages: Collection[str]) -> bool:
    """A relative link to one of the site's own pages (``glossary.html#x``),
    or to a place on the same page (``#x``)."""
    cleaned = _IGNORED_IN_URL.sub("", href)
    if url_scheme(cleaned) is not None or cleaned.startswith(("/", "\\")):
        return False
    path = urlsplit(cleaned).path
    return path == "" or path in pages


class _Guard(HTMLParser):
    """Finds the tags to change; :func:`_apply` writes the result."""

    def __init__(self, source: str, output: bool, pages: Collection[str], scripts: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.output = output
        self.pages = pages
        self.scripts = scripts
        self.edits: list[tuple[int, int, str]] = []
        self.removed: list[str] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._anchors: list[bool] = []  # for each open <a>: kept (True) or turned into text
        self._dropping: tuple[str, int] | None = None  # a raw-text element being removed, and where it began
        self._raw_start: tuple[str, int, int] | None = None  # a script's start and end of start tag, to check its body

    def _here(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        start = self._here()
        text = self.get_starttag_text() or ""
        end = start + len(text)
        if self.output and tag in FORBIDDEN_IN_OUTPUT:
            if tag == "script" and not closed:
                self._raw_start = (tag, start, end)  # kept only if its body is one the builder wrote
                return
            self._remove(start, end, text)
            if tag in RAW_TEXT and not closed:
                self._dropping = (tag, start)
            return
        kept = [(name, value) for name, value in attrs
                if not runs_script(name, value or "", tag) and not (self.output and name.startswith("on"))]
        # "<a .../>" opens a link all the same: a browser ignores the "/" of a tag that is not void.
        if tag in ("a", "area"):
            href = next((value or "" for name, value in attrs if name in ("href", "xlink:href")), None)
            link = href is not None and (is_site_link(href, self.pages) if self.output
                                         else not runs_script("href", href, tag))
            if tag == "a":  # <area> is void: it has no text and no end tag
                self._anchors.append(link or href is None)
            if href is not None and not link:
                self._remove(start, end, text)
                return
        if kept != attrs:
            self.removed.append(text)
            rebuilt = "".join(f" {name}" if value is None else f' {name}="{escape(value, quote=True)}"'
                              for name, value in kept)
            self.edits.append((start, end, f"<{tag}{rebuilt}{' /' if closed else ''}>"))

    def handle_endtag(self, tag: str) -> None:
        start = self._here()
        end = self.source.index(">", start) + 1
        if self._raw_start is not None and tag == self._raw_start[0]:
            _, opened, body_start = self._raw_start
            self._raw_start = None
            if self.source[body_start:start] not in self.scripts:
                self._remove(opened, end, self.source[opened:end])
            return
        if self._dropping is not None and tag == self._dropping[0]:
            self._remove(self._dropping[1], end, self.source[self._dropping[1]:end], replace=True)
            self._dropping = None
            return
        if self.output and tag in FORBIDDEN_IN_OUTPUT:
            self._remove(start, end, self.source[start:end])
        elif tag == "a" and self._anchors and not self._anchors.pop():
            self.edits.append((start, end, ""))

    def _remove(self, start: int, end: int, text: str, replace: bool = False) -> None:
        if replace:  # the element's start tag was already removed: remove through its end instead
            self.edits = [edit for edit in self.edits if edit[0] != start]
        self.removed.append(text[:120])
        self.edits.append((start, end, ""))


def _apply(source: str, edits: list[tuple[int, int, str]]) -> str:
    pieces, position = [], 0
    for start, end, replacement in sorted(edits):
        if start < position:  # inside a span already removed
            continue
        pieces += [source[position:start], replacement]
        position = end
    return "".join(pieces) + source[position:]


def _guarded(source: str, output: bool, pages: Collection[str], scripts: Collection[str]) -> tuple[str, list[str]]:
    guard = _Guard(source, output, pages, scripts)
    guard.feed(source)
    guard.close()
    if guard._dropping is not None or guard._raw_start is not None:  # never closed: the rest is code
        opened = (guard._dropping or guard._raw_start)[1]  # type: ignore[index]
        guard._remove(opened, len(source), source[opened:], replace=True)
    return _apply(source, guard.edits), guard.removed


def guard_output(html: str, pages: Collection[str], scripts: Collection[str] = ()) -> str:
    """One cell output's HTML as the site may show it: links only to
    ``pages`` (the site's own), no event handlers, no element that runs or
    loads anything but the ``scripts`` the builder itself wrote."""
    return _guarded(html, True, pages, scripts)[0]


def guard_page(html: str) -> str:
    """A whole page without any ``javascript:``, ``vbscript:`` or ``data:``
    URL (a raster image's ``data:image/...`` excepted); a link that held one
    is left as its text."""
    return _guarded(html, False, (), ())[0]


def removed_by_guard(html: str, output: bool = True, pages: Collection[str] = (),
                     scripts: Collection[str] = ()) -> list[str]:
    """What :func:`guard_output` (or, with ``output=False``, :func:`guard_page`)
    would remove from ``html``: the start of each tag or element."""
    return _guarded(html, output, pages, scripts)[1]


# The only markup a figure's strings may hold (plotly's own pseudo-HTML).
_PLOTLY_TAGS = re.compile(r"(<br>)")
_PLOTLY_TEMPLATE_TAGS = re.compile(r"(<br>|<extra>|</extra>)")


def inert_plotly_text(text: str, template: bool = False) -> str:
    """A plotly string with every ``<`` and ``>`` escaped but those of
    ``<br>`` (and of ``<extra></extra>`` in a template): plotly.js reads
    ``<a href>``, ``<b>``, ``<span style>`` in text, so a tag that reached the
    builder is shown as text. Already escaped text is left as it is."""
    parts = (_PLOTLY_TEMPLATE_TAGS if template else _PLOTLY_TAGS).split(text)
    return "".join(part if position % 2 else part.replace("<", "&lt;").replace(">", "&gt;")
                   for position, part in enumerate(parts))


def inert_plotly_strings(value: object, key: str = "") -> object:
    """A figure's JSON (or any part of it) with :func:`inert_plotly_text`
    applied to every string (``layout.meta``, the builder's own, aside)."""
    if isinstance(value, str):
        return inert_plotly_text(value, template=key.endswith("template"))
    if isinstance(value, dict):
        return {k: v if k == "meta" else inert_plotly_strings(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [inert_plotly_strings(v, key) for v in value]
    return value
