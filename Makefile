# Two commands for a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench install clean deps

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools wheel
	$(BIN)/pip install -q ".[test]"
	touch $(STAMP)

# Re-install the package itself (no dependency resolution) so the tests and the
# CLI always run the code in this checkout, mapped into `policyvc.*`.
install: $(STAMP)
	rm -rf build/lib build/bdist.*  # setuptools builds in-tree: never ship a stale copy
	$(BIN)/pip install -q --no-deps --no-build-isolation --force-reinstall .

run: install
	$(BIN)/policyvc build

# the Debian packages the tests drive for real (LibreOffice, pdftotext, Chromium, fonts), when missing
deps:
	tools/debian-deps

test: install deps
	$(BIN)/pytest
	$(BIN)/ruff check .
	$(MAKE) typecheck

# mypy sees the package through a farm of symlinks laid out like the install.
typecheck: $(STAMP)
	rm -rf build/typecheck && mkdir -p build/typecheck/policyvc
	for f in policyvc/*.py policyvc/py.typed; do ln -s ../../../$$f build/typecheck/policyvc/; done
	for d in store history rules; do ln -s ../../../policyvc/$$d build/typecheck/policyvc/$$d; done
	for d in parser grammar renderer; do ln -s ../../../$$d build/typecheck/policyvc/$$d; done
	cd build/typecheck && ../../$(BIN)/mypy --config-file ../../pyproject.toml -p policyvc

bench: install
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

clean:
	rm -rf $(VENV) build *.egg-info
