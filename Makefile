# Two entry points for a fresh Debian machine (Python 3.11, root): `make run`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED ?= seeds/000_79484ec29896c521.txt

.PHONY: run test lint typecheck unit sysdeps bench eval fuzz realistic clean

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
	@# fixtures.realistic: Chromium typesets, poppler extracts and renders; Noto CJK, Liberation
	@if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null \
	    || ! ls /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf >/dev/null 2>&1 \
	    || ! ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1; then \
	  echo "installing chromium, poppler-utils, fonts-liberation2, fonts-dejavu-core"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium poppler-utils fonts-noto-cjk fonts-liberation2 fonts-dejavu-core >/dev/null; \
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

# Pages typeset by Chromium and extracted by real tools (docs/evaluation.md, "Realistic pages"):
# 300 Chinese pages (the first 50 with page.png and scan.png) and 100 Latin-script pages, all
# from the held-out test split. Slow (pdfminer reads Chromium's Type 3 CJK fonts at ~15 s a page).
realistic: $(VENV)/.installed sysdeps
	$(BIN)/python -m fixtures.realistic.generate --lang zh --pages 300 --images 50 --split test --out build/realistic/zh
	$(BIN)/python -m fixtures.realistic.generate --lang en --pages 50 --split test --out build/realistic/latin
	$(BIN)/python -m fixtures.realistic.generate --lang fr --pages 25 --split test --out build/realistic/latin
	$(BIN)/python -m fixtures.realistic.generate --lang de --pages 25 --split test --out build/realistic/latin
	$(BIN)/relayout eval build/realistic/zh --by extractor
	$(BIN)/relayout eval build/realistic/latin --by extractor

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
