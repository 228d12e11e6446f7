# Two commands do everything: `make html` builds the lesson site, `make test`
# runs every test. Both create the pinned environment (.venv) on first use and
# reuse it afterwards; it is rebuilt only when the lock file or pyproject change.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
ENV_STAMP := $(VENV)/.installed
# Executing notebooks without timing metadata keeps re-runs byte-identical.
EXECUTE := $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	--NotebookClient.record_timing=False --ExecutePreprocessor.kernel_name=python3

.PHONY: html test check vocabularies lab lab-teacher env notebooks lock browser bench mutation vendor-plotly vendor-axe clean

html: $(ENV_STAMP)
	$(BIN)/python -m helpers.site

# Bytecode is cached even where PYTHONDONTWRITEBYTECODE is set (in the project's
# git-ignored __pycache__/ folders): otherwise every test process and kernel
# recompiles the helpers and redoes pytest's assertion rewriting of the tests.
test: $(ENV_STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

# Check the data alone (tables, raw documents, coverage of every number and
# date, the lessons executed with today's data, CONTRIBUTING's vocabularies):
# every problem with how to fix it, a non-zero exit if there is any.
check: $(ENV_STAMP)
	@$(BIN)/python -m helpers.check

# Write CONTRIBUTING.md's list of vocabularies again from data/datapackage.json.
vocabularies: $(ENV_STAMP)
	$(BIN)/python -m helpers.evidence.vocabularies --write CONTRIBUTING.md

# Jupyter refuses to run as root unless told (containers, CI); a user never needs this.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# JupyterLab on a git-ignored workspace (helpers.workspace), never on the
# committed notebooks: `make lab` for students (their copies, with cells to
# answer in), `make lab-teacher` for the full lessons with the solutions.
lab: $(ENV_STAMP)
	$(BIN)/python -m helpers.workspace student
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=workspace/student $(LAB_ROOT)

lab-teacher: $(ENV_STAMP)
	$(BIN)/python -m helpers.workspace teacher
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=workspace/teacher $(LAB_ROOT)

env: $(ENV_STAMP)

# The browser test (tests/test_browser.py) needs Debian's Chromium; without it
# the test is skipped on your machine (it must run under CI).
browser:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }
	@chromium --version

# Re-execute every notebook top to bottom in the pinned environment (do this
# after changing a notebook, a table or a helper, then commit the result).
# `make check` and the tests then know the outputs were made from today's data.
notebooks: $(ENV_STAMP)
	$(EXECUTE) notebooks/*.ipynb
	$(BIN)/python -m helpers.check --record-notebooks

# Re-resolve requirements.lock from pyproject.toml (needs the network).
lock: $(ENV_STAMP)
	$(BIN)/uv pip compile pyproject.toml --all-extras --universal \
		--python-version 3.11 --generate-hashes --no-header \
		--override requirements.overrides -o requirements.lock

# Refresh the vendored plotly.js partial bundle (src/helpers/site/vendor/) to the
# version plotly.py writes its figures for, after a plotly upgrade (needs npm
# and the network; commit the result). The files are npm's, unmodified.
VENDORED_PLOTLY := src/helpers/site/vendor/plotly.js-cartesian-dist-min
vendor-plotly: $(ENV_STAMP)
	version=$$($(BIN)/python -c 'from plotly.offline import get_plotlyjs_version; print(get_plotlyjs_version())') && \
	tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent plotly.js-cartesian-dist-min@$$version >/dev/null && tar xzf *.tgz) && \
	rm -rf $(VENDORED_PLOTLY) && mv $$tmp/package $(VENDORED_PLOTLY) && rm -rf $$tmp
	ls -l $(VENDORED_PLOTLY)

$(ENV_STAMP): requirements.lock pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	# --compile-bytecode: without .pyc files every kernel and test process
	# recompiles every module it imports (PYTHONDONTWRITEBYTECODE may be set).
	$(BIN)/uv pip sync --python $(BIN)/python --compile-bytecode --require-hashes requirements.lock
	$(BIN)/uv pip install --python $(BIN)/python --compile-bytecode --no-deps -e .
	touch $@

# Refresh the vendored axe-core (tests/vendor/axe-core/), the accessibility
# rules the browser test runs inside every page (needs npm and the network;
# commit the result). The files are npm's, unmodified.
VENDORED_AXE := tests/vendor/axe-core
vendor-axe:
	tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent axe-core >/dev/null && tar xzf *.tgz) && \
	rm -rf $(VENDORED_AXE) && mkdir -p $(VENDORED_AXE) && \
	cp $$tmp/package/axe.min.js $$tmp/package/LICENSE $$tmp/package/package.json $$tmp/package/README.md $(VENDORED_AXE)/ && \
	rm -rf $$tmp
	ls -l $(VENDORED_AXE)

# Benchmarks (see benchmarks/bench.py); hyperfine comes from Debian.
bench: $(ENV_STAMP)
	@command -v hyperfine >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq hyperfine; }
	benchmarks/run

# Mutation testing (mutmut) of the modules listed in benchmarks/mutation.py:
# a few minutes on two cores, not part of `make test`. The report, with the
# score per module and every surviving mutant, is build/mutation/report.md;
# survivors judged harmless are explained in benchmarks/mutation_survivors.md.
mutation: $(ENV_STAMP)
	$(BIN)/python benchmarks/mutation.py

clean:
	rm -rf site $(VENV)
