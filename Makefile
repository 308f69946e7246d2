# Communique — two commands on a fresh machine:
#   make run    set up .venv (once), then run the pipeline on samples/ into data/communique.duckdb
#   make test   set up .venv (once), then run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= data/communique.duckdb

.PHONY: run test setup bench eval clean help
help:
	@echo "make run | make test | make eval | make bench | make clean"

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

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/communique eval --gold ../shared/eval/dev

bench: $(STAMP)
	$(BIN)/python benchmarks/nlp.py

clean:
	rm -rf $(VENV) data
