"""Shared fixtures: a throw-away copy of the data package to break on purpose."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import CHROMIUM_ARGS, chromium_path

from helpers.paths import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of ``data/`` (tables, data package and raw documents)."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return target


def table_path(data_dir: Path, table: str) -> Path:
    """Where the data package in ``data_dir`` keeps a table."""
    from helpers.evidence.tables import read_datapackage, resource_descriptor

    package = read_datapackage(data_dir / "datapackage.json")
    return data_dir / resource_descriptor(table, package)["path"]


def edit_cell(data_dir: Path, table: str, row: int, column: str, value: str) -> None:
    """Set one cell (1-based data row, by column name) of a CSV in a copy."""
    import csv

    path = table_path(data_dir, table)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def append_row(data_dir: Path, table: str, values: dict[str, str]) -> None:
    """Append a row (missing columns left empty) to a CSV in a copy."""
    import csv

    path = table_path(data_dir, table)
    with open(path, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with open(path, "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([values.get(name, "") for name in header])


# --- spreading the suite over both cores (pytest-xdist, --dist loadfile) ----


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Hand the test files to the workers longest first.

    xdist sends whole files to whichever worker is free, in collection order
    (``--no-loadscope-reorder``); starting with the longest files keeps both
    cores busy to the end: the browser test first, then the notebooks
    (each re-executed in a kernel), then the small files that fill the gaps.
    """
    browser_files = {item.path for item in items if "browser" in getattr(item, "fixturenames", ())}

    def rank(item: pytest.Item) -> int:
        return 0 if item.path in browser_files else 1 if item.path.suffix == ".ipynb" else 2

    items.sort(key=rank)  # stable: within a rank, collection order


# --- the lesson site and the browser test (tests/test_site.py, test_browser.py)--------------------------


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lesson site, built once per test run (tests only read it).

    Under pytest-xdist every worker has a base temp folder in one shared
    parent; the first worker to need the site builds it there, under a lock,
    and the other reuses it instead of building it a second time.
    """
    import fcntl

    from helpers.site.builder import build_site

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if base.name.startswith("popen-gw") else base
    out, done = shared / "lesson-site", shared / "lesson-site.built"
    with open(shared / "lesson-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            build_site(out)
            done.touch()
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # keep the test output quiet
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


# --- a hint when notebook outputs are stale -------------------------------------------------


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """nbval reports each differing cell on its own; when the cause is data or
    code changed since the notebooks were executed, say once what to do."""
    failed = terminalreporter.stats.get("failed", [])
    stale = [report for report in failed if ".ipynb::" in report.nodeid]
    if stale:
        terminalreporter.write_sep("=", "notebook outputs differ from a fresh run", yellow=True)
        terminalreporter.write_line(
            f"{len(stale)} notebook cell(s) give other outputs than the committed ones. If you changed data/ or "
            "src/helpers/, run `make notebooks` and commit the executed notebooks; `make check` says whether "
            "the data changed since they were executed.")
