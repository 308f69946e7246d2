# Communique — two commands on a fresh machine:
#   make run    set up .venv (once), then run the pipeline on samples/ into data/communique.duckdb
#   make test   set up .venv (once), then run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= data/communique.duckdb

.PHONY: run test check parses setup browser bench eval serve clean help
help:
	@echo "make run | make test | make check | make parses | make eval | make bench | make serve | make clean"

setup: $(STAMP)

# torch first, from the CPU wheel on local disk: anything else pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/communique run --input samples --db $(DB)

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# the fast loop: unit tests, golden sentence cases and one-act sentences per type, the rules run on the
# frozen parses in tests/parses/ (no model is loaded, no flows)
check: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit tests/golden tests/oneact

# parse the golden and one-act texts that have no frozen parse from the installed parser (new or edited
# cases, other models or parse-time code) and remove the parses no case uses; the rest is left as it is
parses: $(STAMP)
	$(BIN)/python -m tests.parses.regenerate

# Debian's Chromium for the browser tests, dashboard and Prefect UI (Playwright drives it; nothing is
# downloaded by Playwright itself). Without root or apt those tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: the browser tests will skip"; \
	  else echo "chromium is missing (sudo apt-get install chromium): the browser tests will skip"; fi; }

serve: $(STAMP)
	$(BIN)/communique serve

eval: $(STAMP)
	$(BIN)/communique eval --gold ../shared/eval/dev

bench: $(STAMP)
	$(BIN)/python benchmarks/pipeline.py

clean:
	rm -rf $(VENV) data
