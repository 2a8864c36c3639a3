# The README's commands: `make demo` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ARCHIVE ?= archive.db
SHARED ?= ../shared
# No network but the package registries here: Prefect's telemetry would only log DNS errors.
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: install system-deps demo test lint typecheck eval bench bench-long bench-ocr bench-search bench-pages bench-rerun bench-ingest bench-workers train silver variants clean

install: system-deps $(STAMP)

system-deps:
	@scripts/system-deps.sh

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# uv.lock pins everything; --frozen installs exactly it (the model wheel comes from the index).
# --compile-bytecode: the first command after an install does not compile spaCy & co. (~3.5 s).
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet --compile-bytecode
	@touch $@

demo: install
	$(BIN)/expediente ingest samples --archive $(ARCHIVE)
	@echo
	@echo '$$ expediente search --signatory "Contreras" --archive $(ARCHIVE)'
	@$(BIN)/expediente search --signatory "Contreras" --archive $(ARCHIVE)
	@echo
	@echo "Browse and export with Datasette:  $(BIN)/expediente serve --archive $(ARCHIVE)"
	@echo "then open http://127.0.0.1:8001/$(basename $(notdir $(ARCHIVE)))"

test: install
	@scripts/system-deps.sh --browser
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

eval: install
	$(BIN)/expediente eval $(SHARED)/corpus/dev/gold.jsonl

# Fits the trained scorers on the dev gold (weights in extractors/data/scorers/, committed) and
# prints the plain and leave-one-source-out tables.
train: install
	$(BIN)/python training/train.py --gold $(SHARED)/corpus/dev/gold.jsonl

# Dates, kinds and signatories on ../shared/corpus/bulk (unannotated press releases), against
# the date in each one's source path: a check on documents no rule was tuned on.
silver: install
	$(BIN)/python training/silver.py --bulk $(SHARED)/corpus/bulk

# Letters generated from the general shapes of official writing (nothing from the corpus), with
# gold known by construction: where the rules are brittle. VARIANTS_ARGS=--scanned renders each
# one as a signed, stamped scan and reads it by OCR.
variants: install
	$(BIN)/python training/variants.py $(VARIANTS_ARGS)

bench: install
	$(BIN)/python bench/bench_extract.py

bench-long: install
	$(BIN)/python bench/bench_long.py

bench-ocr: install
	EXPEDIENTE_OCR_CACHE=off $(BIN)/python bench/bench_ocr.py

bench-workers: install
	EXPEDIENTE_OCR_CACHE=off $(BIN)/python bench/bench_workers.py

bench-search: install
	$(BIN)/python bench/bench_search.py

# The archive's own pages (front, document, person, institution) on bench-search's archive.
bench-pages: install
	$(BIN)/python bench/bench_pages.py

# 10,000 unchanged files re-ingested (the archive is built once, kept in ~/.cache/expediente).
bench-rerun: install
	$(BIN)/python bench/bench_rerun.py

# Whole ingest vs raw nlp.pipe(n_process=2), storing into an empty vs a 100,000-document archive
# (synthetic, cached in ~/.cache/expediente), peak RSS.
bench-ingest: install
	$(BIN)/python bench/bench_ingest.py

clean:
	rm -rf $(VENV) .tools .pytest_cache .eval-pred.jsonl
