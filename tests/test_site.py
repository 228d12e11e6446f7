"""The lesson site builds offline from the committed notebooks."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from helpers.paths import NOTEBOOKS_DIR
import pytest

from helpers.site import builder as site_module
from helpers.site.builder import (
    CARTESIAN_BUNDLE,
    PLOTLY_MIMETYPE,
    build_site,
    bundle_version,
    figure_trace_types,
    plotly_bundle,
    plotly_figure_html,
    script_safe_json,
    student_copy,
)

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_one_page_per_notebook_and_an_index(site: Path) -> None:
    pages = {path.name for path in site.glob("*.html")}
    expected = {path.stem + ".html" for path in NOTEBOOKS_DIR.glob("*.ipynb")} | {"index.html", "data.html",
                                                                                   "glossary.html"}
    expected |= {path.stem + "-worksheet.html" for path in NOTEBOOKS_DIR.glob("*.ipynb")}
    expected |= {"disagreements.html", "compare-the-sources.html"}
    assert pages == expected
    index = (site / "index.html").read_text(encoding="utf-8")
    for page in expected - {"index.html", "data.html", "glossary.html"}:
        assert f'href="{page}"' in index


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), page.name
        # (mathjax_ignore is a class that keeps JupyterLab's MathJax off a table, not MathJax itself.)
        assert "cdn." not in text and "mathjax" not in text.lower().replace("mathjax_ignore", ""), page.name


def test_plotly_is_shipped_once_and_every_figure_is_drawn(site: Path) -> None:
    notebooks = [nbformat.read(path, as_version=4) for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))]
    bundle = plotly_bundle(set().union(*(figure_trace_types(notebook) for notebook in notebooks)))
    assert [p.name for p in site.rglob("plotly*.js")] == [bundle.name]
    assert (site / "assets" / bundle.name).read_bytes() == bundle.read_bytes()
    for notebook_path in NOTEBOOKS_DIR.glob("*.ipynb"):
        notebook = nbformat.read(notebook_path, as_version=4)
        figures = sum(PLOTLY_MIMETYPE in output.get("data", {})
                      for cell in notebook.cells for output in cell.get("outputs", []))
        page = (site / f"{notebook_path.stem}.html").read_text(encoding="utf-8")
        assert page.count("Plotly.newPlot(") == figures
        assert page.count('class="plotly-figure"') == figures
        if figures:
            assert f'<script src="assets/{bundle.name}"></script>' in page


def test_the_partial_plotly_bundle_is_chosen_only_when_every_trace_fits_it() -> None:
    assert plotly_bundle({"scatter", "bar", "heatmap"}) == CARTESIAN_BUNDLE
    assert plotly_bundle(set()) == CARTESIAN_BUNDLE
    assert plotly_bundle({"scatter", "scattergeo"}).name == "plotly.min.js"  # a map needs the full bundle


def test_a_partial_bundle_of_another_version_is_never_shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    older = tmp_path / "plotly-cartesian.min.js"
    older.write_text("/**\n* plotly.js (cartesian - minified) v3.0.0\n*/\n", encoding="utf-8")
    monkeypatch.setattr(site_module, "CARTESIAN_BUNDLE", older)
    assert plotly_bundle({"scatter"}).name == "plotly.min.js"


def test_the_vendored_bundle_matches_the_plotly_js_that_plotly_py_writes_for() -> None:
    from plotly.offline import get_plotlyjs_version

    assert bundle_version(CARTESIAN_BUNDLE) == get_plotlyjs_version(), (
        "plotly was upgraded: refresh the vendored bundle with `make vendor-plotly`")


def test_trace_types_are_read_from_every_figure() -> None:
    figure = {"data": [{"type": "bar"}, {"x": [1]}], "layout": {"template": {"data": {"scattergeo": [{}]}}}}
    cell = nbformat.v4.new_code_cell("f")
    cell.outputs = [nbformat.v4.new_output("display_data", {PLOTLY_MIMETYPE: figure})]
    notebook = nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("x")])
    assert figure_trace_types(notebook) == {"bar", "scatter"}  # template entries are not traces


def test_navigation_links_resolve(site: Path) -> None:
    for page in site.glob("*.html"):
        for target in re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8")):
            assert (site / target).is_file(), (page.name, target)


def test_text_that_looks_like_html_cannot_escape_a_figure_script() -> None:
    hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    html = plotly_figure_html({"data": [{"type": "bar", "name": hostile}], "layout": {}}, "f-1")
    script = html.split("<script>", 1)[1]
    assert "</script>" not in script.removesuffix("</script>")
    assert "<img" not in html
    assert script_safe_json(hostile).count("\\u003c") == 4


def _runs(notebook: nbformat.NotebookNode, tag: str) -> int:
    tagged = [tag in c.metadata.get("tags", []) for c in notebook.cells]
    return sum(1 for i, t in enumerate(tagged) if t and (i == 0 or not tagged[i - 1]))


def test_code_is_folded_and_solutions_are_hidden_behind_a_click(site: Path) -> None:
    for notebook_path in NOTEBOOKS_DIR.glob("*.ipynb"):
        notebook = nbformat.read(notebook_path, as_version=4)
        page = (site / f"{notebook_path.stem}.html").read_text(encoding="utf-8")
        code_cells = [c for c in notebook.cells if c.cell_type == "code"]
        assert _runs(notebook, "solution") >= 1
        assert page.count('<details class="code">') == len(code_cells)
        assert page.count('<details class="solution">') == _runs(notebook, "solution")
        assert _runs(notebook, "answers") >= 1
        for fold in ("method", "evidence", "answers"):
            assert page.count(f'<details class="{fold}">') == _runs(notebook, fold)
        assert page.count("<details") == page.count("</details>")


def test_each_run_of_folded_cells_is_one_fold(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook(metadata={"lesson": {"minutes": 1, "objectives": ["x"], "part": "events"}})
    tags = [[], ["method"], ["method"], [], ["method"], ["solution"], ["solution"]]
    notebook.cells = [nbformat.v4.new_markdown_cell("# Folds\n\nA test.")] + [
        nbformat.v4.new_markdown_cell(f"cell {i}", metadata={"tags": t}) for i, t in enumerate(tags)]
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(notebook, notebooks / "folds.ipynb")
    build_site(tmp_path / "site", notebooks)
    page = (tmp_path / "site" / "folds.html").read_text(encoding="utf-8")
    assert page.count('<details class="method">') == 2 and page.count('<details class="solution">') == 1
    assert page.index("cell 2") < page.index("</details>") < page.index("cell 3")


def test_a_figure_is_named_by_its_text_alternative() -> None:
    figure = {"data": [{"type": "bar"}], "layout": {"meta": {"alt": 'Bars "quoted" <b>x</b>', "caption": "c"}}}
    html = plotly_figure_html(figure, "f-1")
    assert 'role="figure" aria-label="Bars &quot;quoted&quot; &lt;b&gt;x&lt;/b&gt;"' in html


def test_student_copies_hold_everything_but_the_solutions_and_answers(site: Path) -> None:
    for notebook_path in NOTEBOOKS_DIR.glob("*.ipynb"):
        teacher = nbformat.read(notebook_path, as_version=4)
        student = nbformat.read(site / "student" / notebook_path.name, as_version=4)
        solutions = [c for c in teacher.cells if {"solution", "answers"} & set(c.metadata.get("tags", []))]
        for tag in ("solution", "answers"):
            assert any(tag in c.metadata.get("tags", []) for c in solutions), f"{notebook_path.name}: no {tag}"
        kept = [c for c in teacher.cells if c not in solutions]
        answer_cells = [c for c in student.cells if "answer" in c.metadata.get("tags", [])]
        assert [c for c in student.cells if c not in answer_cells] == kept  # no drift: the teacher's other cells
        assert len(answer_cells) == 3  # after the checks; code and words at the end of the exercise
        student_text = nbformat.writes(student)
        for cell in solutions:
            assert cell.source not in student_text


def test_student_copy_of_a_notebook_drops_only_tagged_cells() -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("answer = 42"),
                      nbformat.v4.new_code_cell("show_answers(['x'])"), nbformat.v4.new_code_cell("kept")]
    notebook.cells[1].metadata["tags"] = ["solution"]
    notebook.cells[2].metadata["tags"] = ["answers"]
    notebook.cells[3].metadata["tags"] = ["method"]
    copy = student_copy(notebook)
    assert [c.source for c in copy.cells] == ["# T", "kept"]  # no checks, no exercise: nothing to answer
    assert len(notebook.cells) == 4


def test_the_data_page_documents_every_table_and_field(site: Path) -> None:
    from helpers.evidence.tables import read_datapackage

    page = (site / "data.html").read_text(encoding="utf-8")
    for resource in read_datapackage()["resources"]:
        assert f'id="{resource["name"]}"' in page
        assert (site / "data" / resource["path"]).is_file()
        for field in resource["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in page


def test_the_glossary_page_has_every_term_and_every_key_word_link_lands_on_it(site: Path) -> None:
    from helpers.display.lesson import glossary, term_anchor

    page = (site / "glossary.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<dt id="([^"]+)"', page))
    assert anchors == {term_anchor(term) for term in glossary()["term"]}
    for lesson in NOTEBOOKS_DIR.glob("*.ipynb"):
        html = (site / f"{lesson.stem}.html").read_text(encoding="utf-8")
        links = re.findall(r'href="glossary\.html#([^"]+)"', html)
        assert links, f"{lesson.name}: no key word links to the glossary"
        assert set(links) <= anchors
        assert f'href="{lesson.stem}.html"' in page  # the glossary names the lessons using each word


def test_the_index_shows_the_unit_in_order_with_its_total_time(site: Path) -> None:
    from helpers.site.builder import PARTS, describe_lesson

    lessons = [describe_lesson(path) for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))]
    index = (site / "index.html").read_text(encoding="utf-8")
    positions = [index.index(f'<a href="{lesson.page}">') for lesson in lessons]
    assert positions == sorted(positions)
    assert f"about {sum(lesson.minutes for lesson in lessons)} minutes" in index
    for lesson in lessons:
        assert PARTS[lesson.part].replace("'", "&#39;") in index


def test_a_notebook_without_a_known_part_of_the_unit_is_refused(tmp_path: Path) -> None:
    from helpers.site.builder import describe_lesson

    notebook = nbformat.v4.new_notebook(metadata={"lesson": {"minutes": 1, "objectives": ["x"], "part": "misc"}})
    notebook.cells = [nbformat.v4.new_markdown_cell("# T\n\nA test.")]
    nbformat.write(notebook, tmp_path / "t.ipynb")
    with pytest.raises(ValueError, match=r"t\.ipynb: notebook metadata lesson\.part must be one of"):
        describe_lesson(tmp_path / "t.ipynb")


def test_bad_data_stops_the_build_with_its_one_error(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    from helpers.paths import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "raw" / "a_folder").mkdir()  # a folder where only documents belong
    result = subprocess.run([sys.executable, "-m", "helpers.site"], capture_output=True, text=True,
                            env={**os.environ, "HUNGARY1956_DATA_DIR": str(data)}, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "The site was not built: data/documents.csv" in result.stderr and "a_folder" in result.stderr


def test_a_stray_notebook_is_skipped_and_named_and_stale_output_removed(tmp_path: Path) -> None:
    """An Untitled.ipynb saved by JupyterLab, a student's copy without lesson
    metadata, or a broken file in notebooks/ never breaks the build; what an
    earlier build wrote for a notebook that is gone is removed."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    lesson = nbformat.v4.new_notebook(metadata={"lesson": {"minutes": 1, "objectives": ["x"], "part": "events"}})
    lesson.cells = [nbformat.v4.new_markdown_cell("# A lesson\n\nA test.")]
    nbformat.write(lesson, notebooks / "01_lesson.ipynb")
    nbformat.write(nbformat.v4.new_notebook(), notebooks / "Untitled.ipynb")
    (notebooks / "broken.ipynb").write_text("{not json", encoding="utf-8")
    site = tmp_path / "site"
    for folder in ("notebooks", "student"):
        (site / folder).mkdir(parents=True)
        (site / folder / "00_gone.ipynb").write_text("{}", encoding="utf-8")
    (site / "00_gone.html").write_text("old", encoding="utf-8")
    lessons, skipped = site_module.lesson_sources(notebooks)
    assert [p.name for p in lessons] == ["01_lesson.ipynb"]
    assert [(p.name, reason) for p, reason in skipped] == [("Untitled.ipynb", "no lesson metadata (not a lesson)"),
                                                           ("broken.ipynb", "not a readable notebook")]
    build_site(site, notebooks)
    assert sorted(p.name for p in site.glob("*.html")) == ["01_lesson-worksheet.html", "01_lesson.html",
                                                           "compare-the-sources.html", "data.html",
                                                           "disagreements.html", "glossary.html", "index.html"]
    assert [p.name for p in (site / "student").glob("*.ipynb")] == ["01_lesson.ipynb"]
    assert [p.name for p in (site / "notebooks").glob("*.ipynb")] == ["01_lesson.ipynb"]
    assert "Untitled" not in (site / "index.html").read_text(encoding="utf-8")


def test_make_html_names_what_it_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))[:1]:
        (notebooks / path.name).write_bytes(path.read_bytes())
    nbformat.write(nbformat.v4.new_notebook(), notebooks / "Untitled.ipynb")
    site_module.main(tmp_path / "site", notebooks)
    out = capsys.readouterr().out
    assert "Skipped notebooks/Untitled.ipynb: no lesson metadata (not a lesson)" in out
    assert (tmp_path / "site" / sorted(NOTEBOOKS_DIR.glob("*.ipynb"))[0].with_suffix(".html").name).is_file()


@pytest.mark.parametrize("page", ["disagreements.html", "compare-the-sources.html"])
def test_every_quote_on_the_disagreement_pages_that_the_project_knows_is_wrong_has_its_correction(
        site: Path, page: str) -> None:
    """Read back from the HTML: each quoted sentence, then what follows it up
    to the next quote; every correction about the past that concerns the
    sentence must be there (its corrected text)."""
    import html as html_module
    import re

    from helpers.display.claims import corrections_index

    text = (site / page).read_text(encoding="utf-8")
    parts = re.split(r"<blockquote>(.*?)</blockquote>", text, flags=re.S)
    checked = 0
    index = corrections_index()
    for quote, after in zip(parts[1::2], parts[2::2]):
        beside = html_module.unescape(after.split("<blockquote>")[0].split("</article>")[0].split("</li>")[0])
        for correction in index.concerning(html_module.unescape(quote)):
            if correction.is_about_the_past:
                checked += 1
                assert correction.correction in beside, (page, correction.correction_id, quote[:60])
    assert checked > 10
