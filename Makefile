# Two commands for a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test unit lint format typecheck bench fuzz install clean deps

# An editable install: `pytest`, `python -m policyvc` and `.venv/bin/policyvc` run this checkout's files
# (parser/, grammar/, renderer/ mapped into `policyvc.*` by [tool.setuptools.package-dir]); edits need no reinstall.
$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools wheel
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: install
	@$(BIN)/policyvc build; status=$$?; \
	echo; echo "policyvc is installed in $(BIN) (not on PATH): run $(BIN)/policyvc --help, or . $(BIN)/activate first"; \
	echo "view the site with search: $(BIN)/policyvc site --serve"; \
	exit $$status

# the Debian packages the tests drive for real (LibreOffice, pdftotext, Chromium, fonts), when missing
deps:
	tools/debian-deps

# the whole suite (CI): every tier, then lint, format and types
test: install deps
	HYPOTHESIS_PROFILE=ci $(BIN)/pytest
	$(MAKE) lint typecheck

# the fast tier for the inner loop, on both cores: no slow tests, no real producers (LibreOffice, Chromium,
# poppler), no browser
unit: install
	HYPOTHESIS_PROFILE=dev $(BIN)/pytest -n 2 -m "not slow and not producers and not browser"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .

# mypy --strict on the checkout's files under their installed module names (tools/typecheck.py)
typecheck: $(STAMP)
	$(BIN)/python tools/typecheck.py

# every benchmark records its figures in benchmarks/results.json; the speed tables of README.md and
# docs/manual/speed.md are then made from that file (tests/test_speed_tables.py holds them equal to it)
bench: install
	$(BIN)/python benchmarks/bench_start.py
	$(BIN)/python benchmarks/bench_parse.py
	$(BIN)/python benchmarks/bench_diff.py
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_site.py
	$(BIN)/python benchmarks/bench_history_read.py
	$(BIN)/python benchmarks/bench_rules.py
	$(BIN)/python benchmarks/bench_audit.py
	$(BIN)/python benchmarks/bench_input.py
	$(BIN)/python benchmarks/bench_outline.py
	$(BIN)/python benchmarks/report.py --write

# fuzz targets (tests/fuzz/, atheris): the parser and the request reader, FUZZ_SECONDS (default 120) each;
# kept out of `make test`
fuzz: install
	$(BIN)/pip install -q -e ".[fuzz]"
	PYTHON=$(BIN)/python tests/fuzz/run.sh

clean:
	rm -rf $(VENV) build *.egg-info
