"""Pytest settings for mutation runs only (benchmarks/mutation.py).

benchmarks/mutation.py copies this file to the root of the mutation work
folder (``build/mutation/work/conftest.py``, then mutmut's ``mutants/``), so
it applies to every test run there and never to ``make test``.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

HERE = Path(__file__).resolve().parent

# The same examples for every mutant: a mutant is killed by a test, never by
# the luck of a draw; no example database, so that a failure found under one
# mutant is not replayed against the next (and results do not depend on the
# order the mutants ran in); no deadline, since mutants run two at a time.
settings.register_profile("mutation", derandomize=True, database=None, deadline=None)
settings.load_profile("mutation")

_session_cache: Path | None = None
_cache_dirs: set[Path] = set()  # the project's cache folder, and every session's stand-in for it


def pytest_sessionstart(session: pytest.Session) -> None:
    """Check the tests exercise the mutated copy, and forget what the clean run remembered.

    mutmut runs the tests once unmutated, then forks every mutant's test run
    from that process: anything a helper cached in memory or on disk during
    the clean run would be served to the mutants instead of running their code.
    """
    global _session_cache
    import helpers.paths

    # Every session imports the test modules afresh: pytest escapes explicit
    # parametrize ids in place (a "\\n" in an id is escaped again by a second
    # collection in the same process), so the test ids mutmut recorded in its
    # first session would no longer be found in the next ones.
    tests = HERE / "tests"
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None) or ""
        if Path(file).parent == tests and Path(file).name.startswith("test_"):
            del sys.modules[name]

    # The editable install also puts the checkout's src/ on sys.path; mutmut
    # puts its mutated copy first. If that ever stops holding, every mutant
    # would "survive": refuse to run instead.
    if helpers.paths.PROJECT_ROOT != HERE:
        raise pytest.UsageError(f"the tests import helpers from {helpers.paths.PROJECT_ROOT}, "
                                f"not from the mutated copy in {HERE}")
    helpers_modules = [module for name, module in list(sys.modules.items())
                       if module is not None and (name == "helpers" or name.startswith("helpers."))]
    for module in helpers_modules:
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):  # functools.cache / lru_cache
                value.cache_clear()
    # An on-disk cache is keyed by the code's files, and one mutated file
    # holds every mutant: give each session (one per mutant) its own cache.
    if not _cache_dirs:
        _cache_dirs.add(helpers.paths.CACHE_DIR)
    _session_cache = Path(tempfile.mkdtemp(prefix="cache-", dir=HERE))
    for module in helpers_modules:
        if getattr(module, "CACHE_DIR", None) in _cache_dirs:
            module.CACHE_DIR = _session_cache
    _cache_dirs.add(_session_cache)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The quickest tests first, by the durations mutmut measured in its
    first run: each mutant's run stops at the first failure (-x), so a
    mutant a quick test kills is not kept waiting behind the slow ones. The
    order changes no verdict: a mutant survives only if every test passes."""
    stats = HERE / "mutmut-stats.json"  # written by mutmut in this folder (its mutants/)
    if not stats.is_file():
        return
    durations = json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {})
    items.sort(key=lambda item: durations.get(item.nodeid, 0.0))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _session_cache is not None:
        shutil.rmtree(_session_cache, ignore_errors=True)
