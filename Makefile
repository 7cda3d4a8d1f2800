# afspraken — two commands on a fresh machine: `make extract` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= corpus
DB ?= output/afspraken.db
FROM ?=
TO ?=
PORT ?= 8001
FORMAT ?= md
BENCH_ARGS ?=
# Debian packages: poppler-utils gives pdftotext (benchmark baseline); chromium drives the browser test.
APT_PACKAGES ?= poppler-utils chromium
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup sysdeps bytecode extract test lint format eval bench diff track serve golden clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  make %-9s %s\n", $$1, $$2}'
	@echo "  Variables: CORPUS=$(CORPUS) DB=$(DB) FROM= TO= FORMAT=$(FORMAT) PORT=$(PORT)"

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,serve,dask]' 2>&1 | grep -v '^WARNING: Location' || true
	@$(BIN)/python -c 'import pipeline.cli, pypdfium2, docx, spacy' || { echo "setup failed: packages did not install"; exit 1; }
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the project with its dependencies

sysdeps: ## Install the Debian packages the tests and benchmark use (best effort; tests skip without them)
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo -n"; \
	    echo "installing Debian packages:$$missing"; \
	    ( $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing ) >/dev/null 2>&1 \
	      || echo "note: could not install$$missing; the tests that need them will be skipped"; \
	  else echo "note: no apt-get; the tests that need$$missing will be skipped"; fi; \
	fi

# Bytecode of the project's own modules, compiled ahead: where PYTHONDONTWRITEBYTECODE is set (CI,
# containers) every run would otherwise compile them from source again, about 0.1 s of CPU in the
# writer and in each worker. compileall skips what is up to date.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q extractors pipeline schemas >/dev/null

extract: $(STAMP) bytecode ## Extract CORPUS into DB (only new or changed files are processed)
	@mkdir -p $(dir $(DB))
	$(BIN)/afspraken extract $(CORPUS) --db $(DB)

test: $(STAMP) sysdeps ## Lint, then run the test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(STAMP) ## Lint and check formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Apply ruff formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

eval: $(STAMP) ## Score the database against gold annotations (fails below the baseline floors)
	$(BIN)/afspraken eval --db $(DB)

bench: $(STAMP) sysdeps bytecode ## Benchmark: scaled corpus, cold/warm extract, diff; writes output/bench.json (BENCH_ARGS="--repeat 3 --profile")
	$(BIN)/python -m pipeline.bench $(BENCH_ARGS)

diff: $(STAMP) ## Change report between two documents: make diff FROM=a TO=b [FORMAT=md|html|json]
	@test -n "$(FROM)" -a -n "$(TO)" || { echo "usage: make diff FROM=<document id or file> TO=<document id or file>"; exit 2; }
	$(BIN)/afspraken diff "$(FROM)" "$(TO)" --db $(DB) --format $(FORMAT)

track: $(STAMP) ## Track an agreement against progress documents: make track FROM=agreement TO="progress ..."
	@test -n "$(FROM)" -a -n "$(TO)" || { echo "usage: make track FROM=<agreement doc> TO='<progress doc> ...'"; exit 2; }
	$(BIN)/afspraken track "$(FROM)" $(TO) --db $(DB) --format $(FORMAT)

serve: $(STAMP) ## Browse the database in Datasette on 127.0.0.1:PORT
	$(BIN)/afspraken serve --db $(DB) --port $(PORT)

golden: $(STAMP) ## Regenerate golden files (review the diff, commit separately)
	$(BIN)/python -m pytest tests --update-golden -q

clean: ## Remove output/ (database, reports)
	rm -rf output/*.db output/*.db-* output/reports
