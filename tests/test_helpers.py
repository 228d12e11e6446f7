"""setup(), paths and style."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
import plotly.io as pio

from helpers import setup
from helpers.display.notebook import PLOTLY_RENDERER
from helpers.paths import DATAPACKAGE, NOTEBOOKS_DIR, PROJECT_ROOT, RAW_DIR
from helpers.display.style import DOCUMENT_PALETTE, PLOTLY_TEMPLATE, document_colors


def test_paths_come_from_the_package_location() -> None:
    assert (PROJECT_ROOT / "pyproject.toml").is_file()
    assert DATAPACKAGE.is_file() and RAW_DIR.is_dir() and NOTEBOOKS_DIR.is_dir()


def test_a_data_folder_named_in_the_environment_replaces_data(tmp_path) -> None:
    """HUNGARY1956_DATA_DIR (absolute) moves data/, its raw documents and its
    data package, in a new process; the validation cache is keyed by content,
    so a copy of the same files has the same fingerprint and a changed copy another."""
    import os
    import shutil
    import subprocess
    import sys

    from helpers.evidence.tables import package_fingerprint
    from helpers.paths import DATA_DIR, DATA_DIR_VARIABLE

    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    show = ("from helpers.paths import DATA_DIR, RAW_DIR, DATAPACKAGE; "
            "from helpers.evidence.tables import package_fingerprint; "
            "print(DATA_DIR, RAW_DIR, DATAPACKAGE, package_fingerprint(), sep='\\n')")
    moved = subprocess.run([sys.executable, "-c", show], env={**os.environ, DATA_DIR_VARIABLE: str(copy)},
                           capture_output=True, text=True, check=True).stdout.split()
    assert moved == [str(copy), str(copy / "raw"), str(copy / "datapackage.json"), package_fingerprint()]
    (copy / "raw" / "extra.txt").write_text("one more file", encoding="utf-8")
    assert package_fingerprint(copy / "datapackage.json") != package_fingerprint()
    relative = subprocess.run([sys.executable, "-c", show], env={**os.environ, DATA_DIR_VARIABLE: "data"},
                              capture_output=True, text=True)
    assert relative.returncode != 0 and "must be an absolute path" in relative.stderr


def test_setup_fixes_renderer_template_and_styles() -> None:
    pio.renderers.default = "browser"
    setup()
    assert pio.renderers.default == PLOTLY_RENDERER == "plotly_mimetype"
    assert pio.templates.default == PLOTLY_TEMPLATE
    assert mpl.rcParams["svg.hashsalt"] == "hu1956"
    assert pd.get_option("display.max_colwidth") == 160


def test_document_colours_are_stable_and_cycle() -> None:
    ids = [f"doc{i}" for i in range(len(DOCUMENT_PALETTE) + 2)]
    colours = document_colors(ids)
    assert colours["doc0"] == DOCUMENT_PALETTE[0]
    assert colours[ids[len(DOCUMENT_PALETTE)]] == DOCUMENT_PALETTE[0]
    assert document_colors(ids[:3]) == {k: colours[k] for k in ids[:3]}
