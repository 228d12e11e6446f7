"""Mutation testing with mutmut: how many planted one-line bugs the tests catch.

    make mutation                                   # every module in MODULES
    .venv/bin/python benchmarks/mutation.py tables checks   # the modules of these test groups
    .venv/bin/python benchmarks/mutation.py src/helpers/evidence/dates.py   # just these
    .venv/bin/python benchmarks/mutation.py --without tests/test_loader_rules.py   # what a test file adds
    .venv/bin/python benchmarks/mutation.py --report tables checks   # the report of the last runs, without running
    .venv/bin/python benchmarks/mutation.py --again checks   # the last run's survivors again, with today's tests

mutmut changes one thing at a time in a module (``<`` to ``<=``, a number
plus one, a string emptied, an argument dropped...) and runs the tests that
reach the changed function; a mutant the tests do not fail on "survives".
The report (``build/mutation/report.md``, scores also in ``scores.json``)
gives the score per module and every survivor with its file, line and diff.
The score is reported, not asserted: the exit status is non-zero only when
the tool itself fails (for instance when the unmutated tests do not pass).
Survivors judged harmless are explained in benchmarks/mutation_survivors.md.

Which tests. mutmut first runs the test files it is given once, to learn
which tests reach which function, then runs only those for each mutant,
stopping at the first failure. The loader (tables, checks, corpus,
descriptor) is reached by nearly every test, since every lesson test loads
the tables, and every load reads the descriptor: with the whole suite, each
mutant the tests miss would run for minutes. So every module names a test
group (:data:`MODULES` -> :data:`TEST_GROUPS`): the fast test files that
exercise it directly, on small hand-made inputs or damaged copies of the
data. Group ``every`` is every file in tests/ except those in NOT_RUN (the
browser and the notebook re-execution). mutmut takes one list of test files
per run, so each group is one mutmut run, in its own work folder; the report
merges them. Adding a module is one line in MODULES; ``path:function,function``
mutates only those functions of a module (the site's escaping lives in
modules that also do much else).

Reporting again. ``--report`` rebuilds the report from the work folders of
the last runs (each keeps a ``run.json``) without running anything, so that
a group run again after new tests is reported with the others. ``--again``
runs only the mutants that survived a group's last run, with the tests as
they are now (after tests were written from the report): the mutants the
new tests kill are counted as caught, as a full run would count them. It
refuses a group whose mutated modules have changed since its run (the
mutants would no longer be those of the code): run that group afresh.

Not run: a mutant that only re-words an error message (a string of the
message's text wrapped in ``XX``, or put in upper or lower case; see
:func:`mutants_of`). Messages are read by people: tests check that an error
names the file, row and column and holds the words that say what is wrong,
not its exact wording. The report counts these mutants apart, and the score
is over the mutants run.

How it runs. Everything happens in ``build/mutation/work/<group>/``
(git-ignored, and pytest never looks inside ``build/``): a fresh copy of the
project's source, tests, data and notebooks, with mutmut's settings appended
to a copy of pyproject.toml; mutmut then makes its own copy, ``mutants/``,
inside it. So a run never touches the checkout, and the checkout's ``make
test`` never sees a mutant. Each run starts afresh, so the report always
describes the code as it is now. The tests run one process per mutant,
WORKERS at a time, without xdist, nbval or the test cache (the project's
addopts are replaced). benchmarks/mutation_conftest.py, copied to the work
folder's root, makes Hypothesis draw the same examples every time and gives
every test session (one per mutant) empty caches: a mutant never gets the
validated tables the clean code cached.

mutmut 3 mutates code inside functions only: module-level tables (the
estimate readings, the regular expressions, CANONICAL_FORMS) are not
mutated; the tests that compare them with hand-made expectations cover them.
"""

from __future__ import annotations

import ast
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

EVERY = "every"  # the test group of every file in tests/ except NOT_RUN
LOADER_RULES = "tests/test_loader_rules.py"  # the loader's rules one at a time, on a small hand-made package
ESCAPING_RULES = "tests/test_escaping_rules.py"  # each renderer's escaping rule, on small hostile strings
# The test files each group runs (paths from the project root): the files
# that test its modules directly (bad input of every kind, damaged copies,
# hand-made frames), not the lessons, which load the tables too.
TEST_GROUPS: dict[str, tuple[str, ...]] = {
    "tables": ("tests/test_tables.py", "tests/test_bad_input.py", LOADER_RULES),
    "checks": ("tests/test_checks.py", "tests/test_bad_input.py", LOADER_RULES),
    "corpus": ("tests/test_corpus.py", "tests/test_bad_corpus.py", LOADER_RULES),
    "descriptor": ("tests/test_bad_descriptor.py", "tests/test_tables.py", LOADER_RULES),
    # The estimate convention: its readings, its readers of the words, the rows against it.
    "estimates": ("tests/test_estimates.py", "tests/test_estimate_phrases.py", "tests/test_casualties.py"),
    # What a contributor meets: the fix hints, the vocabularies, make check.
    "contributing": ("tests/test_hints.py", "tests/test_vocabularies.py", "tests/test_check.py"),
    # What "the documents disagree" means, and the finder that applies it (hand-made claim sets).
    "disagreements": ("tests/test_disagreements.py",),
    # What the display layer and the site builder do with hostile text.
    "escaping": ("tests/test_escaping.py", "tests/test_display.py", "tests/test_site.py", ESCAPING_RULES),
}
# The modules to mutate, one a line: path (from the project root), optionally
# ":function,function" to mutate only those, -> test group.
MODULES: dict[str, str] = {
    "src/helpers/evidence/dates.py": EVERY,
    "src/helpers/evidence/estimates.py": "estimates",
    "src/helpers/evidence/coverage.py": EVERY,
    "src/helpers/evidence/tables.py": "tables",
    "src/helpers/evidence/checks.py": "checks",
    "src/helpers/evidence/corpus.py": "corpus",
    "src/helpers/evidence/descriptor.py": "descriptor",
    "src/helpers/evidence/hints.py": "contributing",
    "src/helpers/evidence/vocabularies.py": "contributing",
    "src/helpers/check.py": "contributing",
    "src/helpers/evidence/verdicts.py": "disagreements",
    "src/helpers/lessons/disagreements.py": "disagreements",
    # The site's escaping: the display layer's rule for each renderer (Markdown,
    # HTML tables, plotly strings), the builder's guard, and the builder's own escaping.
    "src/helpers/display/claims.py:markdown_text,inert_markdown,markdown_as_text,plotly_text,plotly_figure_text,"
    "correction_html,quoted,Table._repr_html_": "escaping",
    "src/helpers/site/guard.py": "escaping",
    "src/helpers/site/builder.py:script_safe_json,plotly_call,plotly_figure_html,escape_html,_templates": "escaping",
}
# Test files never run here: they need a browser or a Jupyter kernel, and
# test no module's functions directly.
NOT_RUN: tuple[str, ...] = ("tests/test_browser.py", "tests/test_notebooks.py")
WORKERS = 2  # mutants tested at once (the machine has two cores)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "mutation"
WORK = OUT / "work"
# What the tests read besides the code: copied into the work folder.
COPIED = ("src", "tests", "data", "notebooks", "pyproject.toml", "requirements.lock", "environment.yml",
          "CONTRIBUTING.md")
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints", ".hypothesis", ".pytest_cache")
# Plugins named, not autoloaded, as in pyproject.toml; no xdist, no nbval.
ADDOPTS = "--disable-plugin-autoload -p _hypothesis_pytestplugin"
CAUGHT = {"killed", "timeout", "segfault"}  # the tests failed, or the mutant never finished
NOT_CHECKED = "not checked"  # mutmut's status of a mutant it was not asked to run (another function's)
WORDING = "message wording"  # the status, in the report, of the mutants that only re-word a message (not run)
# Calls that build an error message, and the position of the message among their arguments.
MESSAGE_ARGUMENT: dict[str, int] = {"TableError": 3, "_fail": 2, "problem": 1, "ValueError": 0, "_Unreadable": 0,
                                    "Problem": 1}


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
        f"also_copy = {toml_list(['data', 'notebooks', 'requirements.lock', 'environment.yml', 'conftest.py', 'CONTRIBUTING.md'])}",
        f"pytest_add_cli_args = {toml_list(['-p', 'no:cacheprovider', '-o', f'addopts={ADDOPTS}'])}",
        f"pytest_add_cli_args_test_selection = {toml_list(tests)}",
        "use_git_change_detection = false",
        "",
    ])


def split_spec(spec: str) -> tuple[str, tuple[str, ...]]:
    """``path:f,g`` -> (path, ("f", "g")); a plain path -> (path, ()) (every function)."""
    path, _, functions = spec.partition(":")
    return path, tuple(name for name in functions.split(",") if name)


def group_tests(group: str, without: list[str]) -> list[str]:
    """The test files of a group, but ``without``; a listed file that does not
    exist is an error (a renamed test file must not silently drop out)."""
    if group == EVERY:
        tests = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests").glob("test_*.py"))
        return [test for test in tests if test not in NOT_RUN and test not in without]
    missing = [test for test in TEST_GROUPS[group] if not (ROOT / test).is_file() and test not in without]
    if missing:
        sys.exit(f"test group {group!r} names files that do not exist: {missing}")
    return [test for test in TEST_GROUPS[group] if test not in without]


def prepare(work: Path, modules: list[str], tests: list[str]) -> None:
    """A fresh work folder for one group."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=IGNORED)
        else:
            shutil.copy2(source, work / name)
    shutil.copy2(ROOT / "benchmarks" / "mutation_conftest.py", work / "conftest.py")
    pyproject = (work / "pyproject.toml").read_text(encoding="utf-8")
    if "[tool.mutmut]" in pyproject:
        sys.exit("pyproject.toml has a [tool.mutmut] table: benchmarks/mutation.py writes its own")
    (work / "pyproject.toml").write_text(pyproject + mutmut_settings(modules, tests), encoding="utf-8")


def mutmut(work: Path, *args: str, log: Path | None = None) -> subprocess.CompletedProcess:
    """Run mutmut (from this environment) in a work folder."""
    command = [str(Path(sys.executable).parent / "mutmut"), *args]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if log is None:
        return subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
    with open(log, "w", encoding="utf-8") as handle:
        return subprocess.run(command, cwd=work, env=env, stdout=handle, stderr=subprocess.STDOUT, text=True)


def module_name(path: str) -> str:
    """``src/helpers/evidence/dates.py`` -> ``helpers.evidence.dates``."""
    return ".".join(Path(path).relative_to("src").with_suffix("").parts)


def function_of(mutant: str) -> str:
    """``pkg.mod.x_f__mutmut_3`` -> ``f``; a method's ``pkg.mod.xǁCǁm__mutmut_3`` -> ``C.m``."""
    key = re.sub(r"__mutmut_\d+$", "", mutant.rpartition(".")[2])
    return ".".join(key.split("ǁ")[1:]) if "ǁ" in key else key.removeprefix("x_")


def mutant_patterns(path: str, functions: tuple[str, ...]) -> list[str]:
    """Globs of mutmut's mutant names for a module (or only some of its functions)."""
    prefix = module_name(path) + "."
    if not functions:
        return [prefix + "*"]
    return [prefix + ("xǁ" + "ǁ".join(name.split(".")) if "." in name else "x_" + name) + "__mutmut_*"
            for name in functions]


def _scalars(node: ast.AST) -> list[object]:
    """A node's own values (names, operators' types, constants), not its children's."""
    return [type(node)] + [value for field, value in ast.iter_fields(node)
                           if not isinstance(value, (ast.AST, list)) and field != "name"]


def _only_change(original: ast.AST, mutant: ast.AST) -> tuple[ast.AST, ast.AST] | None:
    """The one node a mutant changes in a function (same shape, one node's own
    values differ), or None when it changes more, or the shape."""
    pairs = list(zip(ast.walk(original), ast.walk(mutant)))
    if len(pairs) != len(list(ast.walk(original))) or len(pairs) != len(list(ast.walk(mutant))):
        return None
    changed = [(a, b) for a, b in pairs if _scalars(a) != _scalars(b)]
    return changed[0] if len(changed) == 1 else None


def _is_message_text(constant: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Is this string part of the text of an error message (:data:`MESSAGE_ARGUMENT`),
    reached only through f-strings, ``+``, the branches of ``a if c else b``
    and ``", ".join``, never as a key, a test or another call's argument?"""
    child, node = constant, parents.get(constant)
    while node is not None:
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in MESSAGE_ARGUMENT:
                position = MESSAGE_ARGUMENT[name]
                return position < len(node.args) and node.args[position] is child
            if not (name == "join" and isinstance(node.func, ast.Attribute) and node.func.value is child):
                return False
        elif isinstance(node, ast.Attribute) and node.attr == "join" and node.value is child:
            pass
        elif isinstance(node, ast.IfExp):
            if node.test is child:
                return False
        elif not isinstance(node, (ast.JoinedStr, ast.FormattedValue)) and not (
                isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)):
            return False
        child, node = node, parents.get(node)
    return False


def mutants_of(path: Path) -> tuple[list[str], set[str]]:
    """Every mutant mutmut makes of a module (local names, ``x_f__mutmut_3``),
    and those that only re-word an error message: a string of the message's
    text wrapped in ``XX`` or changed to upper or lower case. mutmut's own
    mutation function is called on the source (it is deterministic: ``mutmut
    run`` makes the same mutants)."""
    from mutmut.mutation.file_mutation import mutate_file_contents

    mutated = mutate_file_contents(str(path), path.read_text(encoding="utf-8"))
    functions = {node.name: node for node in ast.walk(ast.parse(mutated.code))
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    wording: set[str] = set()
    for name in mutated.mutant_names:
        original = functions[re.sub(r"__mutmut_\d+$", "__mutmut_orig", name)]
        change = _only_change(original, functions[name])
        if change is None:
            continue
        before, after = change
        if not (isinstance(before, ast.Constant) and isinstance(after, ast.Constant)
                and isinstance(before.value, str) and isinstance(after.value, str)):
            continue
        if after.value.replace("XX", "", 2) != before.value and after.value.lower() != before.value.lower():
            continue
        parents = {child: node for node in ast.walk(original) for child in ast.iter_child_nodes(node)}
        if _is_message_text(before, parents):
            wording.add(name)
    return list(mutated.mutant_names), wording


def line_of(path: Path, mutant: str, diff: str) -> int | None:
    """The line of ``path`` that a mutant changes, from mutmut's diff of the
    function (its lines are numbered from the function's ``def``)."""
    function = function_of(mutant).split(".")[-1]
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


Survivor = tuple[int | None, str, str, str]  # line, mutant, status, diff


def results(work: Path, specs: list[str], wording: set[str]) -> tuple[dict[str, dict], dict[str, list[Survivor]]]:
    """Scores and survivors of the modules one group's run mutated (``wording``:
    the mutants not run because they only re-word a message)."""
    listing = mutmut(work, "results", "--all", "true")
    if listing.returncode != 0:
        sys.exit(f"mutmut results failed:\n{listing.stdout}{listing.stderr}")
    status_of = dict(re.findall(r"^\s+(\S+): (.+)$", listing.stdout, re.M))
    status_of.update({name: WORDING for name in wording if name in status_of})
    scores: dict[str, dict] = {}
    survivors: dict[str, list[Survivor]] = {}
    for spec in specs:
        path, functions = split_spec(spec)
        prefix = module_name(path) + "."
        every = {name: status for name, status in status_of.items()
                 if any(fnmatch.fnmatchcase(name, pattern) for pattern in mutant_patterns(path, functions))}
        mine = {name: status for name, status in every.items() if status != NOT_CHECKED}
        counts: dict[str, int] = {}
        for status in mine.values():
            counts[status] = counts.get(status, 0) + 1
        caught = sum(n for status, n in counts.items() if status in CAUGHT)
        run = len(mine) - counts.get(WORDING, 0)
        scores[spec] = {"mutants": len(every), "wording": counts.get(WORDING, 0), "run": run, "caught": caught,
                        "score": round(caught / run, 4) if run else None, "by_status": counts}
        survivors[spec] = []
        for name, status in sorted(mine.items()):
            if status in CAUGHT or status == WORDING:
                continue
            shown = mutmut(work, "show", name)
            diff = "\n".join(line for line in shown.stdout.splitlines() if not line.startswith("# "))
            survivors[spec].append((line_of(work / path, name, diff), name.removeprefix(prefix), status, diff))
    return scores, survivors


def report(runs: dict[str, dict], scores: dict[str, dict], survivors: dict[str, list[Survivor]]) -> None:
    """Write build/mutation/report.md and scores.json."""
    seconds = sum(run["seconds"] for run in runs.values())
    lines = ["# Mutation testing report", "",
             f"mutmut, {WORKERS} workers, {seconds:.0f} s in all. Score = mutants the tests caught (killed or timed "
             "out) / mutants run. Not run: the mutants that only re-word an error message (a string of its text "
             "wrapped in XX or put in upper or lower case). Survivors judged harmless: "
             "benchmarks/mutation_survivors.md.", "",
             "| module | mutants | message wording (not run) | run | caught | score | not caught |",
             "|---|---|---|---|---|---|---|"]
    for spec, score in scores.items():
        missed = ", ".join(f"{n} {status}" for status, n in sorted(score["by_status"].items())
                           if status not in CAUGHT and status != WORDING)
        percent = "–" if score["score"] is None else f"{score['score']:.1%}"
        lines.append(f"| `{spec}` | {score['mutants']} | {score['wording']} | {score['run']} | {score['caught']} | {percent} "
                     f"| {missed or 'none'} |")
    lines += ["", "| test group | seconds | test files |", "|---|---|---|"]
    for group, run in runs.items():
        shown = "every file in tests/ but " + ", ".join(NOT_RUN) if group == EVERY else ", ".join(run["tests"])
        lines.append(f"| {group} | {run['seconds']:.0f} | {shown} |")
    for spec, found in survivors.items():
        path = split_spec(spec)[0]
        lines += ["", f"## `{spec}`: {len(found)} not caught", ""]
        for line, name, status, diff in sorted(found, key=lambda item: (item[0] or 0, mutant_number(item[1]))):
            lines += [f"### {path}:{line if line is not None else '?'}, {status} (`{name}`)", "", "```diff",
                      diff, "```", ""]
    (OUT / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (OUT / "scores.json").write_text(json.dumps({"seconds": round(seconds), "workers": WORKERS,
                                                 "groups": {g: {"seconds": round(r["seconds"]), "tests": r["tests"]}
                                                            for g, r in runs.items()},
                                                 "modules": scores}, indent=2) + "\n", encoding="utf-8")


def chosen_mutants(specs: list[str]) -> tuple[list[str], set[str]]:
    """mutmut's names of the mutants of these module specs to run, and of those
    not run because they only re-word a message."""
    run: list[str] = []
    wording: set[str] = set()
    for spec in specs:
        path, functions = split_spec(spec)
        names, rewording = mutants_of(ROOT / path)
        prefix = module_name(path) + "."
        patterns = mutant_patterns(path, functions)
        for name in names:
            if any(fnmatch.fnmatchcase(prefix + name, pattern) for pattern in patterns):
                (wording.add if name in rewording else run.append)(prefix + name)
    return run, wording


def chosen(argv: list[str]) -> dict[str, list[str]]:
    """The module specs to mutate, by test group: those the arguments name
    (module paths, or group names), or every one in MODULES."""
    by_path = {split_spec(spec)[0]: (spec, group) for spec, group in MODULES.items()}
    groups: dict[str, list[str]] = {}
    for arg in argv or list(MODULES):
        if arg in TEST_GROUPS or arg == EVERY:
            for spec, group in MODULES.items():
                if group == arg:
                    groups.setdefault(group, []).append(spec)
            continue
        path, functions = split_spec(arg)
        if not (ROOT / path).is_file() or not path.startswith("src/") or not path.endswith(".py"):
            sys.exit(f"not a module under src/ nor a test group ({', '.join([EVERY, *TEST_GROUPS])}): {arg}")
        spec, group = by_path.get(path, (arg, EVERY))
        groups.setdefault(group, []).append(arg if functions else spec)
    return groups


def run_survivors_again(group: str, work: Path, specs: list[str], wording: set[str]) -> float:
    """Run the mutants that survived a group's last run again, with the
    checkout's tests copied into its work folder; the seconds it took."""
    changed = [path for path in sorted({split_spec(spec)[0] for spec in specs})
               if (work / path).read_bytes() != (ROOT / path).read_bytes()]
    if changed:
        sys.exit(f"{', '.join(changed)} changed since group {group!r} ran: its mutants are not those of the code "
                 f"now; run the group afresh (benchmarks/mutation.py {group})")
    shutil.rmtree(work / "tests")
    shutil.copytree(ROOT / "tests", work / "tests", ignore=IGNORED)
    # The modules not mutated, as they are now (today's tests may need them):
    # into the work folder, and into mutmut's copy, which it never refreshes.
    mutated = {split_spec(spec)[0] for spec in specs}
    for source in (ROOT / "src").rglob("*"):
        relative = str(source.relative_to(ROOT))
        if source.is_file() and relative not in mutated and "__pycache__" not in source.parts \
                and not any(part.endswith(".egg-info") for part in source.parts):
            for copy in (work / relative, work / "mutants" / relative):
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy)
    listing = mutmut(work, "results", "--all", "true")
    status_of = dict(re.findall(r"^\s+(\S+): (.+)$", listing.stdout, re.M))
    names = [name for name, status in status_of.items()
             if status not in CAUGHT and status != NOT_CHECKED and name not in wording]
    print(f"{group}: {len(names)} survivors of the last run, again with today's tests", flush=True)
    started = time.monotonic()
    run = mutmut(work, "run", "--max-children", str(WORKERS), *names, log=OUT / f"mutmut-{group}-again.log")
    if run.returncode != 0:
        sys.exit(f"mutmut failed (exit status {run.returncode}); see build/mutation/mutmut-{group}-again.log")
    return time.monotonic() - started


def main(argv: list[str]) -> int:
    # --without FILE (repeatable): leave a test file out of every group, to
    # measure what it adds (the score before it was written).
    without = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--without"]
    # --report: no run; the report of what the groups' work folders hold.
    report_only = "--report" in argv
    # --again: the survivors of the groups' last runs, with today's tests.
    again = "--again" in argv
    argv = [arg for i, arg in enumerate(argv) if arg not in ("--without", "--report", "--again")
            and (i == 0 or argv[i - 1] != "--without")]
    groups = chosen(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    runs: dict[str, dict] = {}
    scores: dict[str, dict] = {}
    survivors: dict[str, list[Survivor]] = {}
    failed: list[str] = []
    for group, specs in groups.items():
        work = WORK / group
        if report_only or again:
            if not (work / "run.json").is_file():
                sys.exit(f"no finished run of group {group!r} in {work.relative_to(ROOT)}: run it first")
            runs[group] = json.loads((work / "run.json").read_text(encoding="utf-8"))
            wording = chosen_mutants(specs)[1]
            if again:
                runs[group]["again_seconds"] = run_survivors_again(group, work, runs[group]["specs"], wording)
                (work / "run.json").write_text(json.dumps(runs[group], indent=2) + "\n", encoding="utf-8")
            group_scores, group_survivors = results(work, runs[group]["specs"], wording)
            scores.update(group_scores)
            survivors.update(group_survivors)
            continue
        tests = group_tests(group, without)
        paths = sorted({split_spec(spec)[0] for spec in specs})
        prepare(work, paths, tests)
        print(f"{group}: mutating {', '.join(specs)} with {len(tests)} test files, in {work.relative_to(ROOT)}",
              flush=True)
        log = OUT / f"mutmut-{group}.log"
        names, wording = chosen_mutants(specs)
        print(f"  {len(names)} mutants to run, {len(wording)} that only re-word a message not run", flush=True)
        started = time.monotonic()
        run = mutmut(work, "run", "--max-children", str(WORKERS), *names, log=log)
        seconds = time.monotonic() - started
        if run.returncode != 0:  # the other groups still run
            print(log.read_text(encoding="utf-8", errors="replace")[-3000:])
            print(f"  mutmut failed (exit status {run.returncode}); full output in {log.relative_to(ROOT)}")
            failed.append(group)
            continue
        runs[group] = {"seconds": seconds, "tests": tests, "specs": specs}
        (work / "run.json").write_text(json.dumps(runs[group], indent=2) + "\n", encoding="utf-8")
        group_scores, group_survivors = results(work, specs, wording)
        scores.update(group_scores)
        survivors.update(group_survivors)
        for spec, score in group_scores.items():
            percent = "no mutants" if score["score"] is None else f"{score['score']:.1%}"
            print(f"  {spec}: {score['caught']}/{score['mutants'] - score['wording']} caught ({percent}); "
                  f"{score['wording']} message-wording mutants not run", flush=True)
        print(f"  {seconds:.0f} s", flush=True)
    report(runs, scores, survivors)
    print(f"{sum(run['seconds'] for run in runs.values()):.0f} s in all; report: {(OUT / 'report.md').relative_to(ROOT)}")
    if failed:
        print(f"mutmut failed for the groups {', '.join(failed)}: they are not in the report")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
