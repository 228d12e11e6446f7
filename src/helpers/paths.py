"""Every path the project uses, in one place.

The project root is found from this file's own location (``src/helpers/``),
so notebooks, tests and scripts work from any working directory.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parents[2]
DATA_DIR: Path = PROJECT_ROOT / "data"
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
        "editable mode from the project checkout (`make env`)."
    )
