"""Every path the project uses, in one place.

The project root is found from this file's own location (``src/helpers/``),
so notebooks, tests and scripts work from any working directory.

``HUNGARY1956_DATA_DIR``: when this environment variable holds an absolute
path, it replaces ``data/`` (and with it :data:`RAW_DIR` and
:data:`DATAPACKAGE`) for the whole process and every kernel it starts. The
tests use it to execute the lessons, and build the site, from a damaged or
hostile copy of the data; the validation cache is keyed by the files'
content, so a copy never reuses the real data's entry. It is read once, when
this module is first imported.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_VARIABLE = "HUNGARY1956_DATA_DIR"

PROJECT_ROOT: Path = Path(__file__).resolve().parents[2]


def _data_dir() -> Path:
    """``data/``, or the folder ``HUNGARY1956_DATA_DIR`` names (absolute only:
    a relative path would mean something else in every working directory)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if not override:
        return PROJECT_ROOT / "data"
    if not Path(override).is_absolute():
        raise RuntimeError(f"{DATA_DIR_VARIABLE}={override!r} must be an absolute path")
    return Path(override)


DATA_DIR: Path = _data_dir()
RAW_DIR: Path = DATA_DIR / "raw"
DATAPACKAGE: Path = DATA_DIR / "datapackage.json"
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
SITE_DIR: Path = PROJECT_ROOT / "site"
TEMPLATES_DIR: Path = Path(__file__).resolve().parent / "site" / "templates"
VENDOR_DIR: Path = Path(__file__).resolve().parent / "site" / "vendor"  # third-party files shipped unmodified
BUILD_DIR: Path = PROJECT_ROOT / "build"
CACHE_DIR: Path = BUILD_DIR / "cache"

if not DATAPACKAGE.is_file():  # pragma: no cover - only on a broken install
    raise RuntimeError(
        f"{DATAPACKAGE} not found: the helpers package must be installed in "
        f"editable mode from the project checkout (`make env`), and {DATA_DIR_VARIABLE}, "
        "if set, must name a copy of data/."
    )
