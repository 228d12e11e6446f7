"""Render the committed notebooks into an offline HTML lesson site.

``python -m helpers.site`` (``make html``) writes ``site/``: an index page,
one page per notebook, and ``assets/`` holding the one copy of plotly.js the
whole site uses. Notebooks are rendered from their committed outputs; nothing
is re-executed, and no page loads anything from another host.

Plotly figures are stored in the notebooks as plotly's JSON mimetype (see
``helpers.display.notebook``). Stock nbconvert drops that mimetype, so each figure is
turned into a ``<div>`` plus a call to the local plotly.js before export.

Document text never becomes markup here either (defence in depth behind the
display layer, see :mod:`helpers.site.guard`): computed Markdown is made inert
(no HTML, link, autolink or formula), every cell output may link only to the
site's own pages, a figure's strings hold no tag but ``<br>``, and no page
carries a ``javascript:``, ``vbscript:`` or ``data:`` URL.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from nbconvert import HTMLExporter
from pygments.formatters import HtmlFormatter

from helpers.paths import NOTEBOOKS_DIR, SITE_DIR, TEMPLATES_DIR, VENDOR_DIR
from helpers.site.guard import guard_output, guard_page, inert_plotly_strings
from helpers.site.student import ANSWERS_TAG, SOLUTION_TAG, student_copy

PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
ASSETS = "assets"
# No toolbar: on a projector it sits on top of legends, and nothing a class
# needs is in it (hover texts still show).
PLOTLY_CONFIG = {"responsive": True, "displaylogo": False, "displayModeBar": False}

# plotly.js comes in two builds of the same version. The full one (4.8 MB,
# shipped inside plotly.py) draws every trace type; the "cartesian" partial
# bundle (1.5 MB, vendored unmodified from npm's plotly.js-cartesian-dist-min,
# see `make vendor-plotly`) draws the 2-D charts below, and a lesson page
# opens about a second sooner on a modest laptop. The site ships the partial
# bundle when every figure of every lesson fits it, the full one otherwise.
CARTESIAN_BUNDLE = VENDOR_DIR / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"
CARTESIAN_TRACES = frozenset({
    "bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image", "pie",
    "scatter", "scatterternary", "violin",
})  # the bundle's README; tests/test_browser.py checks it against the bundle itself


# Cells a page folds away, by tag: exercise solutions, the answers to the
# checks for understanding, and the methods only an analyst needs (the class
# reads the lesson's core; a click opens the rest).
FOLDS: dict[str, str] = {
    SOLUTION_TAG: "Show the solution",
    ANSWERS_TAG: "Show the answers",
    "method": "How this was worked out (for the analyst)",
    "evidence": "Every claim, word for word, with its corrections",
}


@dataclass(frozen=True)
class Lesson:
    """One notebook as the site shows it."""

    source: Path
    slug: str
    title: str
    summary: str
    minutes: int
    objectives: tuple[str, ...]
    part: str

    @property
    def page(self) -> str:
        return f"{self.slug}.html"


def script_safe_json(value: object) -> str:
    """JSON that cannot end the ``<script>`` element it is embedded in:
    ``<``, ``>`` and ``&`` are written as unicode escapes, so text from the
    documents that looks like HTML stays text."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def plotly_call(figure: dict, element_id: str) -> str:
    """The script that draws one figure with the site's plotly.js. Its
    strings hold no tag but ``<br>`` (:func:`helpers.site.guard.inert_plotly_strings`:
    plotly.js would read ``<a href>`` or ``<b>`` in them)."""
    data = script_safe_json(inert_plotly_strings(figure.get("data", [])))
    layout = script_safe_json(inert_plotly_strings(figure.get("layout", {})))
    config = script_safe_json({**PLOTLY_CONFIG, **figure.get("config", {})})
    return f'Plotly.newPlot("{element_id}", {data}, {layout}, {config});'


def plotly_figure_html(figure: dict, element_id: str, call: str | None = None) -> str:
    """The HTML that draws one plotly figure with the site's local plotly.js
    (``call``, by default :func:`plotly_call`); the figure's text alternative
    (``layout.meta.alt``, set by :func:`helpers.display.show_figure`) is its
    accessible name."""
    meta = figure.get("layout", {}).get("meta")
    alt = meta.get("alt", "") if isinstance(meta, dict) else ""
    # role "figure", not "img": a plotly chart holds buttons (its mode bar), and an image may not.
    label = f' role="figure" aria-label="{escape_html(alt, quote=True)}"' if alt else ""
    return (
        f'<div class="plotly-figure" id="{element_id}"{label}></div>\n'
        f"<script>{call or plotly_call(figure, element_id)}</script>"
    )


def escape_html(text: str, quote: bool = False) -> str:
    """Text as HTML that shows it: ``&``, ``<`` and ``>`` escaped;
    ``quote=True`` also escapes double quotes, for attribute values."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def fold_of(cell: nbformat.NotebookNode) -> str | None:
    """The fold a cell belongs to (its first tag of :data:`FOLDS`), if any."""
    return next((tag for tag in cell.metadata.get("tags", []) if tag in FOLDS), None)


# The parts of the unit, in the order a course teaches them (lesson.part).
PARTS: dict[str, str] = {
    "sources": "Working with the sources",
    "events": "What happened",
    "causes": "Why it happened",
    "decisions": "Who decided: Hungary's leaders and the Soviet leadership",
    "consequences": "What followed",
}


def mark_folds(cells: list[nbformat.NotebookNode]) -> None:
    """Mark the first and last cell of each run of consecutive cells of the
    same fold, so that the page hides the whole run behind one click."""
    for position, cell in enumerate(cells):
        fold = fold_of(cell)
        if fold is None:
            continue
        before = fold_of(cells[position - 1]) if position > 0 else None
        after = fold_of(cells[position + 1]) if position + 1 < len(cells) else None
        if before != fold:
            cell.metadata["fold_opens"] = {"class": fold, "summary": FOLDS[fold]}
        cell.metadata["fold_closes"] = after != fold


def with_plotly_as_html(notebook: nbformat.NotebookNode, slug: str,
                        scripts: set[str] | None = None) -> nbformat.NotebookNode:
    """A copy of ``notebook`` ready for export: plotly JSON outputs become
    HTML snippets with element ids numbered in order (so pages are
    reproducible), whose scripts are added to ``scripts`` (the only scripts an
    output may hold, see :func:`helpers.site.guard.guard_output`); computed
    Markdown is made inert (:func:`helpers.display.claims.inert_markdown`:
    no HTML, link or formula, whatever a lesson forgot to escape); key words
    link to the glossary page, the one link computed output carries."""
    from helpers.display.claims import inert_markdown
    from helpers.display.lesson import GLOSSARY_PAGE, KEY_WORDS_METADATA, key_words_markdown

    notebook = copy.deepcopy(notebook)
    mark_folds(notebook.cells)
    count = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            terms = output.get("metadata", {}).get(KEY_WORDS_METADATA)
            if "text/markdown" in data:
                markdown = data["text/markdown"]
                markdown = "".join(markdown) if isinstance(markdown, list) else markdown
                # The key words are rebuilt from the glossary with their links (their words escaped there).
                data["text/markdown"] = (key_words_markdown(terms, link_to=GLOSSARY_PAGE) if terms
                                         else inert_markdown(markdown))
            if PLOTLY_MIMETYPE in data:
                count += 1
                element_id = f"{slug}-figure-{count}"
                call = plotly_call(data[PLOTLY_MIMETYPE], element_id)
                if scripts is not None:
                    scripts.add(call)
                output["data"] = {"text/html": plotly_figure_html(data[PLOTLY_MIMETYPE], element_id, call)}
    return notebook


def describe_lesson(path: Path) -> Lesson:
    """Title (the first ``# `` heading), summary (the first paragraph after
    it), estimated time and learning objectives (the notebook's ``lesson``
    metadata) of a notebook."""
    notebook = nbformat.read(path, as_version=4)
    lesson = notebook.metadata.get("lesson")
    if not lesson or "minutes" not in lesson or not lesson.get("objectives"):
        raise ValueError(f"{path.name}: notebook metadata needs lesson.minutes and lesson.objectives")
    if lesson.get("part") not in PARTS:
        raise ValueError(f"{path.name}: notebook metadata lesson.part must be one of {sorted(PARTS)}, "
                         f"not {lesson.get('part')!r}")
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        if lines and lines[0].startswith("# "):
            paragraphs = [p.strip() for p in "\n".join(lines[1:]).split("\n\n") if p.strip()]
            summary = re.sub(r"[*_`]", "", paragraphs[0]) if paragraphs else ""
            return Lesson(path, path.stem, lines[0][2:].strip(), summary,
                          int(lesson["minutes"]), tuple(lesson["objectives"]), lesson["part"])
    raise ValueError(f"{path.name}: the first markdown cell must start with a '# ' title")


def _copy_data(out_dir: Path) -> list[dict]:
    """Copy every table, the data package and the raw documents into
    ``out_dir/data``; return the package's resources for the data page."""
    from helpers.paths import DATA_DIR, DATAPACKAGE, RAW_DIR
    from helpers.evidence.tables import read_datapackage

    target = out_dir / "data"
    package = read_datapackage()
    for resource in package["resources"]:
        (target / resource["path"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA_DIR / resource["path"], target / resource["path"])
    for source in package.get("sources", []):
        if source.get("path", "").endswith(".md"):
            (target / source["path"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(DATA_DIR / source["path"], target / source["path"])
    shutil.copyfile(DATAPACKAGE, target / DATAPACKAGE.name)
    (target / "raw").mkdir(exist_ok=True)
    for raw in sorted(RAW_DIR.iterdir()):
        shutil.copyfile(raw, target / "raw" / raw.name)
    return package["resources"]


def key_words_of(notebook: nbformat.NotebookNode) -> list[str]:
    """The key words a lesson shows (from its ``show_key_words`` outputs)."""
    from helpers.display.lesson import KEY_WORDS_METADATA

    return [term for cell in notebook.cells for output in cell.get("outputs", [])
            for term in output.get("metadata", {}).get(KEY_WORDS_METADATA, [])]


def glossary_entries(lessons: list[Lesson], notebooks: dict[str, nbformat.NotebookNode]) -> list[dict]:
    """Every glossary term in alphabetical order, with its anchor on the
    glossary page and the lessons that use it as a key word."""
    from helpers.display.lesson import glossary, term_anchor

    used_in: dict[str, list[Lesson]] = {}
    for lesson in lessons:
        for term in dict.fromkeys(t.casefold() for t in key_words_of(notebooks[lesson.slug])):
            used_in.setdefault(term, []).append(lesson)
    entries = [{**row, "anchor": term_anchor(row["term"]), "lessons": used_in.get(row["term"].casefold(), []),
                "source_url": row["source_url"] if isinstance(row["source_url"], str) else ""}
               for row in glossary().to_dict("records")]
    return sorted(entries, key=lambda entry: entry["term"].casefold())


def unit_parts(lessons: list[Lesson]) -> list[dict]:
    """The lessons in their order, grouped into consecutive runs of the same
    part of the unit, for the index page."""
    runs: list[dict] = []
    for lesson in lessons:
        if not runs or runs[-1]["part"] != lesson.part:
            runs.append({"part": lesson.part, "title": PARTS[lesson.part], "lessons": []})
        runs[-1]["lessons"].append(lesson)
    return runs


def _templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )


def figure_trace_types(notebook: nbformat.NotebookNode) -> set[str]:
    """The plotly trace types the figures of a notebook draw (a trace
    without a type is a scatter, as in plotly.js)."""
    return {trace.get("type", "scatter")
            for cell in notebook.cells for output in cell.get("outputs", [])
            for trace in output.get("data", {}).get(PLOTLY_MIMETYPE, {}).get("data", [])}


def bundle_version(bundle: Path) -> str:
    """The version in a plotly.js bundle's licence header ('4.1.1')."""
    header = bundle.read_text(encoding="utf-8")[:300]
    found = re.search(r"plotly\.js(?: \([^)]*\))? v(\d+\.\d+\.\d+)", header)
    if not found:
        raise ValueError(f"{bundle}: no plotly.js version in its header")
    return found.group(1)


def plotly_bundle(trace_types: set[str]) -> Path:
    """The plotly.js file the site ships: the cartesian partial bundle when it
    draws every trace type used and has the version plotly.py writes its
    figures for, the full bundle otherwise."""
    import plotly

    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if trace_types <= CARTESIAN_TRACES and bundle_version(CARTESIAN_BUNDLE) == bundle_version(full):
        return CARTESIAN_BUNDLE
    return full


def _copy_assets(out_dir: Path, bundle: Path) -> None:
    assets = out_dir / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    for old in assets.glob("plotly*.js"):  # a previous build may have shipped the other bundle
        old.unlink()
    shutil.copyfile(bundle, assets / bundle.name)
    shutil.copyfile(TEMPLATES_DIR / "site.css", assets / "site.css")
    (assets / "pygments.css").write_text(HtmlFormatter(style="default").get_style_defs(".highlight"), encoding="utf-8")


def lesson_sources(notebooks_dir: Path = NOTEBOOKS_DIR) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The lessons of ``notebooks_dir`` (notebooks whose metadata has a
    ``lesson`` entry), and every other notebook there with the reason it is
    not one: an ``Untitled.ipynb`` saved by JupyterLab, or a student's copy,
    is skipped and named, never rendered and never an error."""
    lessons, skipped = [], []
    for path in sorted(notebooks_dir.glob("*.ipynb")):
        try:
            metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        except (OSError, UnicodeDecodeError, ValueError, AttributeError):
            skipped.append((path, "not a readable notebook"))
            continue
        if isinstance(metadata, dict) and "lesson" in metadata:
            lessons.append(path)
        else:
            skipped.append((path, "no lesson metadata (not a lesson)"))
    return lessons, skipped


def _remove_stale(out_dir: Path, pages: set[str], notebook_names: set[str]) -> None:
    """Remove what an earlier build wrote for a notebook that is no longer a
    lesson: its page, and its teacher's and student's copies."""
    for page in out_dir.glob("*.html"):
        if page.name not in pages:
            page.unlink()
    for folder in ("notebooks", "student"):
        for copy_ in (out_dir / folder).glob("*.ipynb"):
            if copy_.name not in notebook_names:
                copy_.unlink()


def build_site(out_dir: Path = SITE_DIR, notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Render every lesson of ``notebooks_dir`` (:func:`lesson_sources`) and
    the index into ``out_dir``, removing the output of notebooks that are no
    longer lessons; return the pages written."""
    from helpers.evidence.tables import load_all_tables
    from helpers.site.worksheet import worksheet_page, write_worksheet

    # The data first (cached once validated): a damaged table, descriptor or
    # raw document stops the build with its TableError before anything is copied.
    load_all_tables()
    sources, _ = lesson_sources(notebooks_dir)
    if not sources:
        raise FileNotFoundError(f"no lessons in {notebooks_dir} (a lesson's metadata has a \"lesson\" entry)")
    lessons = [describe_lesson(path) for path in sources]
    notebooks = {lesson.slug: nbformat.read(lesson.source, as_version=4) for lesson in lessons}
    bundle = plotly_bundle(set().union(*(figure_trace_types(notebook) for notebook in notebooks.values())))
    out_dir.mkdir(parents=True, exist_ok=True)
    _copy_assets(out_dir, bundle)
    (out_dir / "notebooks").mkdir(exist_ok=True)
    (out_dir / "student").mkdir(exist_ok=True)
    resources = _copy_data(out_dir)
    env = _templates()
    env.globals["worksheet_page"] = worksheet_page  # the lesson pages and the index link to each worksheet
    exporter = HTMLExporter(
        template_name="lesson",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    # Every cell output passes the guard (the lesson template's "guard_output"
    # filter): it may link to the site's own pages only, and run no script but
    # the builder's plotly calls.
    from helpers.site import disagreements

    pages = {lesson.page for lesson in lessons} | {"index.html", "data.html", "glossary.html",
                                                    disagreements.PAGE, disagreements.WORKSHEET}
    pages |= {worksheet_page(lesson) for lesson in lessons}  # kept by _remove_stale; a gone lesson's is removed
    _remove_stale(out_dir, pages, {lesson.source.name for lesson in lessons})
    scripts: set[str] = set()
    exporter.register_filter("guard_output", lambda html: guard_output(str(html), pages, scripts))
    written = []
    for position, lesson in enumerate(lessons):
        body, _ = exporter.from_notebook_node(with_plotly_as_html(notebooks[lesson.slug], lesson.slug, scripts))
        page = env.get_template("page.html.j2").render(
            lesson=lesson,
            body=Markup(body),
            previous=lessons[position - 1] if position > 0 else None,
            next=lessons[position + 1] if position + 1 < len(lessons) else None,
            assets=ASSETS,
            plotly_js=f"{ASSETS}/{bundle.name}",
        )
        target = out_dir / lesson.page
        target.write_text(guard_page(page), encoding="utf-8")
        shutil.copyfile(lesson.source, out_dir / "notebooks" / lesson.source.name)
        nbformat.write(student_copy(notebooks[lesson.slug]), out_dir / "student" / lesson.source.name)
        written.append(target)
    for lesson in lessons:  # the printable worksheets (helpers.site.worksheet)
        written.append(write_worksheet(out_dir, lesson, notebooks[lesson.slug], env, pages))
    # Where the sources disagree: computed from the tables, not from a notebook.
    written += disagreements.write_pages(out_dir, env, ASSETS, {lesson.page: lesson.title for lesson in lessons})
    from helpers.evidence.corpus import load_documents

    documents = load_documents().to_dict("records")
    unit = {"lessons": lessons, "parts": unit_parts(lessons), "documents": documents,
            "total_minutes": sum(lesson.minutes for lesson in lessons), "parts_by_key": PARTS}
    for name, context in [("index.html", unit),
                          ("data.html", {"resources": resources, "documents": documents}),
                          ("glossary.html", {"entries": glossary_entries(lessons, notebooks)})]:
        page = out_dir / name
        page.write_text(guard_page(env.get_template(f"{name}.j2").render(assets=ASSETS, **context)), encoding="utf-8")
        written.append(page)
    return written


def main(out_dir: Path = SITE_DIR, notebooks_dir: Path = NOTEBOOKS_DIR) -> None:
    """Build the site into ``site/`` and say where it is, and which notebooks
    it skipped; bad data ends the build with its one error (file, row,
    column, fix), not a traceback."""
    import sys

    from helpers.evidence.errors import TableError

    try:
        pages = build_site(out_dir, notebooks_dir)
    except TableError as error:
        sys.exit(f"The site was not built: {error}")
    for path, reason in lesson_sources(notebooks_dir)[1]:
        print(f"Skipped notebooks/{path.name}: {reason}")
    size = sum(path.stat().st_size for path in out_dir.rglob("*") if path.is_file())
    print(f"Wrote {len(pages)} pages to {out_dir} ({size / 1e6:.1f} MB with assets); open {out_dir / 'index.html'}")


if __name__ == "__main__":
    main()
