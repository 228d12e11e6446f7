"""The student's workspace in JupyterLab, in a real browser (Debian's Chromium, driven by Playwright).

A Lab server is started on 127.0.0.1 with a random port and token, on a
workspace made by `make lab` (helpers.workspace) in a temporary folder. Each
student copy is opened as a student opens it; before anything runs, every
figure of its committed outputs must be displayed (matplotlib's SVG needs a
trusted notebook, plotly's JSON its renderer). Then "Run All Cells" must
finish without an error or a warning in any output. No request may leave
the machine. The server's start time and each copy's run-all time are
written to build/lab_timings.json.

Under CI this test must run (a missing Chromium fails it); elsewhere it is
skipped with one line saying how to install Chromium.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from browser_support import SCREENSHOTS, is_local

from helpers.paths import BUILD_DIR
from helpers.workspace import lesson_paths, make_workspace

PLOTLY = "application/vnd.plotly.v1+json"
IMAGES = ("image/svg+xml", "image/png")
START_TIMEOUT_S = 90
RUN_TIMEOUT_S = 120
# The first page loads JupyterLab's scripts and starts a kernel: generous on a busy two-core machine.
LOAD_TIMEOUT_MS = 120_000
TIMINGS = BUILD_DIR / "lab_timings.json"
# Every cell in the page at once (JupyterLab 4 otherwise draws only the cells in view).
NOTEBOOK_SETTINGS = {"windowingMode": "none"}


@dataclass
class Lab:
    url: str
    token: str
    folder: Path
    start_s: float
    timings: dict = field(default_factory=dict)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[Lab]:
    work = tmp_path_factory.mktemp("lab")
    folder = work / "student"
    make_workspace("student", folder)
    settings = work / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps(NOTEBOOK_SETTINGS), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(24)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={folder}", f"--LabApp.user_settings_dir={work / 'settings'}",
               f"--LabApp.workspaces_dir={work / 'workspaces'}", "--LabApp.news_url=",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.extension_manager=readonly"] + (["--allow-root"] if os.geteuid() == 0 else [])
    log = open(work / "lab.log", "w")
    started = time.perf_counter()
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.perf_counter() - started > START_TIMEOUT_S:
                pytest.fail(f"JupyterLab did not start: {(work / 'lab.log').read_text()[-2000:]}")
            time.sleep(0.2)
        lab = Lab(url, token, folder, time.perf_counter() - started)
        yield lab
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    TIMINGS.parent.mkdir(exist_ok=True)
    TIMINGS.write_text(json.dumps({"lab_start_s": round(lab.start_s, 2), "run_all_s": lab.timings}, indent=2) + "\n")


def _expected(path: Path) -> tuple[int, int]:
    """(images, plotly figures) among the committed outputs of a notebook."""
    notebook = nbformat.read(path, as_version=4)
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    images = sum(1 for o in outputs if any(kind in o.get("data", {}) for kind in IMAGES))
    figures = sum(1 for o in outputs if PLOTLY in o.get("data", {}))
    return images, figures


def _shown(page) -> tuple[int, int]:
    images = page.locator(".jp-OutputArea .jp-RenderedSVG, .jp-OutputArea .jp-RenderedImage").count()
    return images, page.locator(".jp-OutputArea .jp-RenderedPlotly").count()


def _started(page) -> bool:
    """Has any code cell begun to run ([*]) or run ([n])?"""
    prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
    return any(p.strip() not in ("[ ]:", "") for p in prompts)


def _run_all_cells(page) -> float:
    """Run > Run All Cells, as a student does; again if the click reached no
    cell (a menu opened while the notebook was still settling). Returns when it started."""
    for _ in range(3):
        started = time.perf_counter()
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        deadline = started + 15
        while time.perf_counter() < deadline:
            if _started(page):
                return started
            page.wait_for_timeout(200)
        page.keyboard.press("Escape")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "lab-run-all-not-started.png"))
    pytest.fail(f"Run All Cells started no cell (screenshot: {SCREENSHOTS / 'lab-run-all-not-started.png'})")


@pytest.mark.parametrize("name", [path.name for path in lesson_paths()])
def test_a_student_copy_shows_its_figures_then_runs_without_error(lab: Lab, browser, name: str) -> None:
    copy = lab.folder / "lessons" / name
    expected = _expected(copy)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def only_local(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    try:
        # ?reset: a fresh layout, not the previous test's open notebooks restored beside this one.
        page.goto(f"{lab.url}/lab/tree/lessons/{name}?reset&token={lab.token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=LOAD_TIMEOUT_MS)
        # Before anything runs: every committed figure is drawn.
        deadline = time.perf_counter() + LOAD_TIMEOUT_MS / 1000
        while _shown(page) != expected and time.perf_counter() < deadline:
            page.wait_for_timeout(250)
        assert _shown(page) == expected, f"{name}: figures shown {_shown(page)}, committed {expected}"
        assert page.locator(".jp-Notebook").get_by_text("<Figure size").count() == 0
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=LOAD_TIMEOUT_MS)
        started = _run_all_cells(page)
        code_cells = page.locator(".jp-CodeCell")
        total = code_cells.count()
        deadline = started + RUN_TIMEOUT_S
        while time.perf_counter() < deadline:
            prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
            if len(prompts) == total and all(p.strip().strip("[]:").isdigit() for p in prompts):
                break
            page.wait_for_timeout(250)
        else:
            waiting = [(i, p) for i, p in enumerate(prompts) if not p.strip().strip("[]:").isdigit()]
            pytest.fail(f"{name}: Run All Cells did not finish in {RUN_TIMEOUT_S} s: {len(prompts)} prompts for "
                        f"{total} code cells; not run: {waiting[:5]}")
        lab.timings[name] = round(time.perf_counter() - started, 2)
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, f"{name}: {errors.all_inner_texts()[:3]}"
        assert _shown(page)[1] == expected[1], f"{name}: plotly figures after the run"
        assert outside == [], f"{name}: requests left the machine: {outside[:5]}"
    finally:
        context.close()
