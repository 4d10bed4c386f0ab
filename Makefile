# Two entry points for a fresh Debian machine (Python 3.11, root): `make run`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED ?= seeds/000_79484ec29896c521.txt

.PHONY: run test lint typecheck unit sysdeps bench eval fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { apt-get update && apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# System packages the OCR path and the renderer need; installed only when missing.
sysdeps:
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx chi_sim \
	    || ! ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1; then \
	  echo "installing tesseract-ocr, tesseract-ocr-chi-sim, fonts-noto-cjk"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk >/dev/null; \
	fi

run: $(VENV)/.installed
	$(BIN)/relayout $(SEED)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed
	$(BIN)/mypy

unit: $(VENV)/.installed sysdeps
	$(BIN)/python -m pytest -n 2

test: lint typecheck unit

bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks.bench_text

# The larger evaluation run documented in docs/evaluation.md (not part of `make test`).
eval: $(VENV)/.installed
	$(BIN)/python -m fixtures.generate --pages 200 --seed 7 --out build/pages --no-images
	$(BIN)/relayout eval build/pages

# Deep fuzzing on purpose (not part of `make test`, which runs the same tests on a fixed
# small set of examples): FUZZ_EXAMPLES random examples in all, shared out among the tests in
# tests/test_fuzz.py. Command, figures and result: docs/reliability.md.
FUZZ_EXAMPLES ?= 102000
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest \
	  tests/test_fuzz.py -n 2 --hypothesis-show-statistics

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
