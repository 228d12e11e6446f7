"""Benchmarks, measured in one run and reported as ratios (see benchmarks/run).

Whole commands are timed with hyperfine, interleaved: each round runs floor,
execute, test, html and check once, so that a slow spell of this (shared, virtual)
machine slows every measurement alike instead of one of them; medians over
the rounds, and the ratios of the medians:

- floor:   executing N notebooks whose only cell is ``setup()`` and the usual
           imports (N = the number of real notebooks): kernel start plus
           imports, the cost no notebook can avoid;
- execute: executing every notebook as committed;
- test:    the whole test suite (``make test`` on an existing environment);
- html:    ``make html`` from the committed notebooks;
- check:   ``make check`` on a warm environment (the issue's budget: under 2 s).

Scale: synthetic corpora 10x, 100x and 1000x the real one
(benchmarks/synthetic_corpus.py); load + full validation + quote
verification + coverage audit on each, and ``frictionless validate`` on the
same package for comparison; and the share of a full load that the loader's
strict checks take (benchmarks/strict_checks.py); and the disagreement finder's
time on each (benchmarks/finder.py), beside the bound it must stay under:
claims times claims per group.

Determinism: every notebook executed twice in a row must give identical
outputs. With ``--cold``: ``make test`` on a fresh clone with an empty package
cache, against a bare install of the lock file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from helpers.paths import NOTEBOOKS_DIR, PROJECT_ROOT

VENV_BIN = PROJECT_ROOT / ".venv" / "bin"
EXECUTE = (f"{VENV_BIN}/jupyter nbconvert --to notebook --execute --NotebookClient.record_timing=False "
           "--ExecutePreprocessor.kernel_name=python3 --log-level=ERROR --output-dir {out} {notebooks}")
FLOOR_CELL = """from helpers import setup, show_markdown
from helpers.evidence.tables import load_all_tables
import matplotlib.pyplot as plt
import plotly.express as px

setup()"""
SCALE_PIPELINE = ("from pathlib import Path; from helpers.evidence.tables import load_all_tables; "
                  "from helpers.evidence.coverage import coverage_audit; p = Path('{dp}'); t = load_all_tables(p, use_cache=False); "
                  "a = coverage_audit(t, p); assert (a['status'] != 'uncovered').all()")


def hyperfine(name: str, command: str, runs: int, work: Path) -> dict:
    """Median and spread of ``runs`` runs of a shell command."""
    export = work / f"{name}.json"
    subprocess.run(["hyperfine", "--runs", str(runs), "--style", "basic", "--export-json", str(export),
                    "--command-name", name, command], check=True, cwd=PROJECT_ROOT)
    result = json.loads(export.read_text())["results"][0]
    return {"median_s": result["median"], "min_s": result["min"], "max_s": result["max"], "runs": runs}


def interleaved(commands: dict[str, str], rounds: int, work: Path) -> dict[str, dict]:
    """Each command run once per round, the commands taking turns; per
    command the median, min and max wall time and the median CPU time
    (user + system, the command's child processes included)."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(1, rounds + 1):
        for name, command in commands.items():
            print(f"-- round {round_number}/{rounds}: {name}", flush=True)
            export = work / f"{name}-{round_number}.json"
            subprocess.run(["hyperfine", "--runs", "1", "--style", "none", "--export-json", str(export),
                            "--command-name", name, command], check=True, cwd=PROJECT_ROOT)
            result = json.loads(export.read_text())["results"][0]
            walls[name].append(result["times"][0])
            cpus[name].append(result["user"] + result["system"])
    return {name: {"median_s": statistics.median(walls[name]), "min_s": min(walls[name]), "max_s": max(walls[name]),
                   "cpu_median_s": statistics.median(cpus[name]), "runs": rounds, "times_s": walls[name]}
            for name in commands}


def floor_notebooks(count: int, folder: Path) -> list[Path]:
    """``count`` copies of the minimal notebook."""
    folder.mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                 "language": "python"}})
    notebook.cells = [nbformat.v4.new_code_cell(FLOOR_CELL)]
    paths = [folder / f"floor_{i}.ipynb" for i in range(count)]
    for path in paths:
        nbformat.write(notebook, path)
    return paths


def outputs_of(path: Path) -> list:
    """The outputs of every code cell (what nbval compares)."""
    notebook = nbformat.read(path, as_version=4)
    return [cell.get("outputs", []) for cell in notebook.cells if cell.cell_type == "code"]


def determinism(work: Path) -> dict:
    """Execute every notebook twice; report the notebooks whose outputs differ."""
    notebooks = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    runs = []
    for attempt in ("first", "second"):
        out = work / f"determinism_{attempt}"
        subprocess.run(EXECUTE.format(out=out, notebooks=" ".join(map(str, notebooks))), shell=True, check=True)
        runs.append(out)
    differing = [p.name for p in notebooks if outputs_of(runs[0] / p.name) != outputs_of(runs[1] / p.name)]
    committed = [p.name for p in notebooks if outputs_of(runs[0] / p.name) != outputs_of(p)]
    return {"notebooks": len(notebooks), "differ_between_runs": differing, "differ_from_committed": committed}


def cold_setup(work: Path) -> dict:
    """First ``make test`` on a fresh clone with an empty package cache, and a
    bare install of the lock file (venv + uv + sync) with an empty cache."""
    clone = work / "clone"
    subprocess.run(["git", "clone", "-q", str(PROJECT_ROOT), str(clone)], check=True)
    env = {**os.environ, "UV_CACHE_DIR": str(work / "uv-cache-1"), "PIP_NO_CACHE_DIR": "1"}
    make = time_once("cold make test", ["make", "test"], clone, env)
    bare_env = {**os.environ, "UV_CACHE_DIR": str(work / "uv-cache-2"), "PIP_NO_CACHE_DIR": "1"}
    venv = work / "bare-venv"
    script = (f"{sys.executable} -m venv {venv} && {venv}/bin/python -m pip install -q uv && "
              f"{venv}/bin/uv pip sync -q --python {venv}/bin/python --compile-bytecode --require-hashes "
              f"{PROJECT_ROOT / 'requirements.lock'}")
    bare = time_once("bare install of the lock", ["bash", "-c", script], PROJECT_ROOT, bare_env)
    return {"cold_make_test_s": make, "bare_lock_install_s": bare, "ratio": make / bare}


def time_once(label: str, command: list[str], cwd: Path, env: dict) -> float:
    """Wall time of one run (a cold start cannot be repeated without redoing it)."""
    import time

    print(f"-- {label}", flush=True)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def scale(work: Path, factors: list[int], runs: int) -> list[dict]:
    """Load + validation + quotes + coverage on synthetic corpora, and
    frictionless validate on the same package."""
    results = []
    for factor in factors:
        folder = work / f"corpus{factor}"
        subprocess.run([sys.executable, str(PROJECT_ROOT / "benchmarks" / "synthetic_corpus.py"),
                        "--factor", str(factor), "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
        datapackage = folder / "data" / "datapackage.json"
        rows = sum(sum(1 for _ in open(p, encoding="utf-8")) - 1 for p in (folder / "data").rglob("*.csv"))
        ours = hyperfine(f"pipeline {factor}x", f"{sys.executable} -c \"{SCALE_PIPELINE.format(dp=datapackage)}\"",
                         runs, work)
        theirs = hyperfine(f"frictionless {factor}x", f"{VENV_BIN}/frictionless validate --trusted {datapackage}",
                           runs, work)
        # The strict checks of issue 14, each timed alone against a full load (benchmarks/strict_checks.py).
        strict = subprocess.run([sys.executable, str(PROJECT_ROOT / "benchmarks" / "strict_checks.py"),
                                 "--datapackage", str(datapackage), "--runs", str(runs)],
                                check=True, capture_output=True, text=True)
        # The disagreement finder on the same package (benchmarks/finder.py), with the bound the
        # issue sets: it must grow no faster than claims x claims per group.
        finder = subprocess.run([sys.executable, str(PROJECT_ROOT / "benchmarks" / "finder.py"),
                                 "--datapackage", str(datapackage), "--runs", str(runs)],
                                check=True, capture_output=True, text=True)
        results.append({"factor": factor, "documents": 5 * factor, "rows": rows, "pipeline": ours,
                        "frictionless_validate": theirs, "strict_checks": json.loads(strict.stdout),
                        "finder": json.loads(finder.stdout)})
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure the collection; print medians and ratios.")
    parser.add_argument("--rounds", type=int, default=5,
                        help="rounds of floor, execute, test and html, interleaved (default 5)")
    parser.add_argument("--runs", type=int, default=3, help="runs per scale measurement (default 3)")
    parser.add_argument("--factors", default="10,100,1000", help="synthetic corpus sizes (default 10,100,1000)")
    parser.add_argument("--cold", action="store_true", help="also measure a cold set-up (downloads packages)")
    arguments = parser.parse_args()
    if not shutil.which("hyperfine"):
        sys.exit("hyperfine not found: install it with `sudo apt-get install hyperfine` (or `make bench`)")
    notebooks = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    report: dict = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                                "python": platform.python_version()}}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        floor = floor_notebooks(len(notebooks), work / "floor")
        report.update(interleaved({
            "floor": EXECUTE.format(out=work / "floor_out", notebooks=" ".join(map(str, floor))),
            "execute": EXECUTE.format(out=work / "exec_out", notebooks=" ".join(map(str, notebooks))),
            "test": "make test",
            "html": "make html",
            "check": "make check",
        }, arguments.rounds, work))
        report["scale"] = scale(work, [int(f) for f in arguments.factors.split(",")], arguments.runs)
        report["determinism"] = determinism(work)
        if arguments.cold:
            report["cold"] = cold_setup(work)
    floor_s = report["floor"]["median_s"]
    report["ratios"] = {
        "execute/floor": report["execute"]["median_s"] / floor_s,
        "test/floor": report["test"]["median_s"] / floor_s,
        "html/execute": report["html"]["median_s"] / report["execute"]["median_s"],
        "check/floor": report["check"]["median_s"] / floor_s,
        "execute/floor, CPU time": report["execute"]["cpu_median_s"] / report["floor"]["cpu_median_s"],
        "test/floor, CPU time": report["test"]["cpu_median_s"] / report["floor"]["cpu_median_s"],
    }
    scale_rows = report["scale"]
    report["ratios"].update({f"strict checks / load, {row['factor']}x": row["strict_checks"]["extra/load"]
                             for row in scale_rows})
    report["ratios"].update({
        f"pipeline {b['factor']}x / {a['factor']}x": b["pipeline"]["median_s"] / a["pipeline"]["median_s"]
        for a, b in zip(scale_rows, scale_rows[1:])
    })
    report["ratios"].update({
        f"pipeline / frictionless validate, {s['factor']}x": s["pipeline"]["median_s"] / s["frictionless_validate"]["median_s"]
        for s in scale_rows
    })
    for a, b in zip(scale_rows, scale_rows[1:]):
        report["ratios"][f"finder {b['factor']}x / {a['factor']}x"] = b["finder"]["finder_s"] / a["finder"]["finder_s"]
        report["ratios"][f"claims x claims per group {b['factor']}x / {a['factor']}x"] = (
            b["finder"]["claims_x_claims_per_group"] / a["finder"]["claims_x_claims_per_group"])
    out = PROJECT_ROOT / "build" / "benchmarks.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print_report(report)
    print(f"\nFull results: {out}")


def print_report(report: dict) -> None:
    """The medians and ratios, as a small table."""
    print(f"\nMachine: {report['machine']['cpus']} CPUs, {report['machine']['platform']}, "
          f"Python {report['machine']['python']}")
    print(f"{'measurement':<44}{'median (s)':>12}{'min–max (s)':>14}{'CPU (s)':>10}")
    for name in ("floor", "execute", "test", "html", "check"):
        row = report[name]
        spread = f"{row['min_s']:.1f}–{row['max_s']:.1f}"
        print(f"{name:<44}{row['median_s']:>12.2f}{spread:>14}{row['cpu_median_s']:>10.1f}")
    for row in report["scale"]:
        print(f"{'pipeline, ' + str(row['factor']) + 'x (' + str(row['rows']) + ' rows)':<44}"
              f"{row['pipeline']['median_s']:>12.2f}")
        print(f"{'frictionless validate, ' + str(row['factor']) + 'x':<44}"
              f"{row['frictionless_validate']['median_s']:>12.2f}")
        print(f"{'disagreement finder, ' + str(row['factor']) + 'x (' + str(row['finder']['claims']) + ' claims)':<44}"
              f"{row['finder']['finder_s']:>12.2f}")
    if "cold" in report:
        print(f"{'cold make test (fresh clone, empty cache)':<44}{report['cold']['cold_make_test_s']:>12.2f}")
        print(f"{'bare install of the lock (empty cache)':<44}{report['cold']['bare_lock_install_s']:>12.2f}")
    print(f"\n{'ratio':<44}{'value':>12}")
    for name, value in report["ratios"].items():
        print(f"{name:<44}{value:>12.2f}")
    determinism = report["determinism"]
    print(f"\nDeterminism: {determinism['notebooks']} notebooks executed twice; differ between runs: "
          f"{determinism['differ_between_runs'] or 'none'}; differ from the committed outputs: "
          f"{determinism['differ_from_committed'] or 'none'}")


if __name__ == "__main__":
    main()
