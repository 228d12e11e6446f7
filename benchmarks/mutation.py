"""Mutation testing with mutmut: how many planted one-line bugs the tests catch.

    make mutation                                   # the modules in MODULES
    .venv/bin/python benchmarks/mutation.py src/helpers/evidence/dates.py   # just these

mutmut changes one thing at a time in a module (``<`` to ``<=``, a number
plus one, a string emptied, an argument dropped...) and runs the tests that
reach the changed function; a mutant the tests do not fail on "survives".
The report (``build/mutation/report.md``, scores also in ``scores.json``)
gives the score per module and every survivor with its file, line and diff.
The score is reported, not asserted: the exit status is non-zero only when
the tool itself fails (for instance when the unmutated tests do not pass).
Survivors judged harmless are explained in benchmarks/mutation_survivors.md.

How it runs. Everything happens in ``build/mutation/work/`` (git-ignored, and
pytest never looks inside ``build/``): a fresh copy of the project's source,
tests, data and notebooks, with mutmut's settings appended to a copy of
pyproject.toml; mutmut then makes its own copy, ``mutants/``, inside it. So a
run never touches the checkout, and the checkout's ``make test`` never sees a
mutant. Each run starts afresh (a few minutes), so the report always
describes the code as it is now.

The tests: every file in tests/ except the ones in NOT_RUN (the browser and
the notebook re-execution), one process per mutant, WORKERS at a time,
without xdist, nbval or the test cache (the project's addopts are replaced).
mutmut first runs them all once to learn which tests reach which function,
then runs only those for each mutant. Hypothesis draws the same examples
every time (benchmarks/mutation_conftest.py, copied to the work folder's root,
which also clears the helpers' caches before every test session).

mutmut 3 mutates code inside functions only: module-level tables (the
estimate readings, the regular expressions) are not mutated; the tests that
compare them with hand-made expectations cover them.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

# The modules to mutate, one a line (paths from the project root).
MODULES: tuple[str, ...] = (
    "src/helpers/evidence/dates.py",
    "src/helpers/evidence/estimates.py",
    "src/helpers/evidence/coverage.py",
)
# Test files never run here: they need a browser or a Jupyter kernel, and
# test no module's functions directly.
NOT_RUN: tuple[str, ...] = ("tests/test_browser.py", "tests/test_notebooks.py")
WORKERS = 2  # mutants tested at once (the machine has two cores)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "mutation"
WORK = OUT / "work"
# What the tests read besides the code: copied into the work folder.
COPIED = ("src", "tests", "data", "notebooks", "pyproject.toml", "requirements.lock", "environment.yml")
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints", ".hypothesis", ".pytest_cache")
# Plugins named, not autoloaded, as in pyproject.toml; no xdist, no nbval.
ADDOPTS = "--disable-plugin-autoload -p _hypothesis_pytestplugin"
CAUGHT = {"killed", "timeout", "segfault"}  # the tests failed, or the mutant never finished


def toml_list(values: list[str]) -> str:
    """A TOML array of strings (written as JSON, which TOML reads the same for plain strings)."""
    return json.dumps(values)


def mutmut_settings(modules: list[str], tests: list[str]) -> str:
    """The ``[tool.mutmut]`` table appended to the work folder's pyproject.toml."""
    return "\n".join([
        "",
        "[tool.mutmut]  # written by benchmarks/mutation.py",
        'source_paths = ["src"]',
        f"only_mutate = {toml_list(modules)}",
        f"also_copy = {toml_list(['data', 'notebooks', 'requirements.lock', 'environment.yml', 'conftest.py'])}",
        f"pytest_add_cli_args = {toml_list(['-p', 'no:cacheprovider', '-o', f'addopts={ADDOPTS}'])}",
        f"pytest_add_cli_args_test_selection = {toml_list(tests)}",
        "use_git_change_detection = false",
        "",
    ])


def prepare(modules: list[str]) -> list[str]:
    """A fresh work folder; the test files to run."""
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, WORK / name, ignore=IGNORED)
        else:
            shutil.copy2(source, WORK / name)
    shutil.copy2(ROOT / "benchmarks" / "mutation_conftest.py", WORK / "conftest.py")
    tests = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests").glob("test_*.py"))
    tests = [test for test in tests if test not in NOT_RUN]
    pyproject = (WORK / "pyproject.toml").read_text(encoding="utf-8")
    if "[tool.mutmut]" in pyproject:
        sys.exit("pyproject.toml has a [tool.mutmut] table: benchmarks/mutation.py writes its own")
    (WORK / "pyproject.toml").write_text(pyproject + mutmut_settings(modules, tests), encoding="utf-8")
    return tests


def mutmut(*args: str, log: Path | None = None) -> subprocess.CompletedProcess:
    """Run mutmut (from this environment) in the work folder."""
    command = [str(Path(sys.executable).parent / "mutmut"), *args]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if log is None:
        return subprocess.run(command, cwd=WORK, env=env, capture_output=True, text=True)
    with open(log, "w", encoding="utf-8") as handle:
        return subprocess.run(command, cwd=WORK, env=env, stdout=handle, stderr=subprocess.STDOUT, text=True)


def module_name(path: str) -> str:
    """``src/helpers/evidence/dates.py`` -> ``helpers.evidence.dates``."""
    return ".".join(Path(path).relative_to("src").with_suffix("").parts)


def line_of(path: Path, mutant: str, diff: str) -> int | None:
    """The line of ``path`` that a mutant changes, from mutmut's diff of the
    function (its lines are numbered from the function's ``def``)."""
    key = re.sub(r"__mutmut_\d+$", "", mutant.rpartition(".")[2])
    # mutmut names a function's mutants x_function__mutmut_N, a method's xǁClassǁmethod__mutmut_N
    function = key.split("ǁ")[-1] if "ǁ" in key else key.removeprefix("x_")
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    defs = [node for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function]
    hunk = re.search(r"^@@ -(\d+)", diff, re.M)
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    if not defs or not hunk or not removed:
        return None
    start = int(hunk.group(1))
    offset = 0
    for line in diff[hunk.end():].splitlines()[1:]:
        if line.startswith("-"):
            break
        if not line.startswith("+"):
            offset += 1
    for node in defs:
        guess = node.lineno + start - 1 + offset
        if 0 < guess <= len(lines) and lines[guess - 1] == removed[0]:
            return guess
        for number in range(node.lineno, (node.end_lineno or node.lineno) + 1):  # the diff's numbering was off
            if lines[number - 1] == removed[0]:
                return number
    return None


def mutant_number(name: str) -> int:
    """``x_f__mutmut_12`` -> 12 (to list a line's mutants in mutmut's order)."""
    return int(name.rpartition("_")[2]) if name.rpartition("_")[2].isdigit() else 0


def report(modules: list[str], seconds: float) -> dict[str, dict]:
    """Write build/mutation/report.md and scores.json; return the scores."""
    listing = mutmut("results", "--all", "true")
    if listing.returncode != 0:
        sys.exit(f"mutmut results failed:\n{listing.stdout}{listing.stderr}")
    status_of = dict(re.findall(r"^\s+(\S+): (.+)$", listing.stdout, re.M))
    scores: dict[str, dict] = {}
    survivors: dict[str, list[tuple[int | None, str, str, str]]] = {path: [] for path in modules}
    for path in modules:
        prefix = module_name(path) + "."
        mine = {name: status for name, status in status_of.items() if name.startswith(prefix)}
        counts: dict[str, int] = {}
        for status in mine.values():
            counts[status] = counts.get(status, 0) + 1
        caught = sum(n for status, n in counts.items() if status in CAUGHT)
        scores[path] = {"mutants": len(mine), "caught": caught,
                        "score": round(caught / len(mine), 4) if mine else None, "by_status": counts}
        for name, status in sorted(mine.items(), key=lambda item: item[0]):
            if status in CAUGHT:
                continue
            shown = mutmut("show", name)
            diff = "\n".join(line for line in shown.stdout.splitlines() if not line.startswith("# "))
            survivors[path].append((line_of(WORK / path, name, diff), name.removeprefix(prefix), status, diff))
    lines = ["# Mutation testing report", "",
             f"mutmut, {WORKERS} workers, {seconds:.0f} s. Score = mutants the tests caught (killed or timed out) "
             "/ all mutants. Survivors judged harmless: benchmarks/mutation_survivors.md.", "",
             "| module | mutants | caught | score | not caught |", "|---|---|---|---|---|"]
    for path, score in scores.items():
        missed = ", ".join(f"{n} {status}" for status, n in sorted(score["by_status"].items()) if status not in CAUGHT)
        percent = "–" if score["score"] is None else f"{score['score']:.1%}"
        lines.append(f"| `{path}` | {score['mutants']} | {score['caught']} | {percent} | {missed or 'none'} |")
    for path, found in survivors.items():
        lines += ["", f"## `{path}`: {len(found)} not caught", ""]
        for line, name, status, diff in sorted(found, key=lambda item: (item[0] or 0, mutant_number(item[1]))):
            lines += [f"### {path}:{line if line is not None else '?'}, {status} (`{name}`)", "", "```diff",
                      diff, "```", ""]
    (OUT / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (OUT / "scores.json").write_text(json.dumps({"seconds": round(seconds), "workers": WORKERS, "modules": scores},
                                                indent=2) + "\n", encoding="utf-8")
    return scores


def main(argv: list[str]) -> int:
    modules = argv or list(MODULES)
    unknown = [path for path in modules if not (ROOT / path).is_file() or not path.startswith("src/")]
    if unknown:
        sys.exit(f"not modules under src/: {unknown}")
    OUT.mkdir(parents=True, exist_ok=True)
    tests = prepare(modules)
    print(f"mutating {len(modules)} modules, with {len(tests)} test files, in {WORK.relative_to(ROOT)}", flush=True)
    log = OUT / "mutmut.log"
    started = time.monotonic()
    run = mutmut("run", "--max-children", str(WORKERS), log=log)
    seconds = time.monotonic() - started
    if run.returncode != 0:
        print(log.read_text(encoding="utf-8", errors="replace")[-6000:])
        print(f"mutmut failed (exit status {run.returncode}); full output in {log.relative_to(ROOT)}")
        return run.returncode or 1
    scores = report(modules, seconds)
    for path, score in scores.items():
        percent = "no mutants" if score["score"] is None else f"{score['score']:.1%}"
        print(f"{path}: {score['caught']}/{score['mutants']} caught ({percent})")
    print(f"{seconds:.0f} s; report: {(OUT / 'report.md').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
