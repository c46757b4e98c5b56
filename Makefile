# newsfacts: two commands on a fresh machine -- `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Prefect's embedded server keeps its database here, so `newsfacts ui` sees the same history.
export PREFECT_HOME ?= $(CURDIR)/.prefect

.PHONY: run test lint typecheck unit bench faults conformance lock docs clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsfacts run

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check flows transforms tests bench conformance
	$(BIN)/ruff format --check flows transforms tests bench conformance

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

# Regenerate the generated DDL and data dictionary from transforms/schemas.py.
docs: $(STAMP)
	$(BIN)/python -m flows.codegen

# Wall time and peak memory of a full run on a real corpus (default: BBC news, 2,225 articles).
BENCH_INPUT ?= ../shared/corpora/bbc_news.jsonl
EXTRACT_BENCH_INPUT ?= ../shared/corpora/reuters_financial_2006_2013.jsonl.gz
bench: $(STAMP)
	$(BIN)/python bench/bench_run.py $(BENCH_INPUT)
	$(BIN)/python bench/bench_extract.py $(EXTRACT_BENCH_INPUT)

# Crash safety: SIGKILL `newsfacts run` at 24 points (named fault points and random times),
# check the published warehouse after each kill and the tables after the next run.
faults: $(STAMP)
	$(BIN)/python bench/faults.py --kills 24

# Score the extractors against ../shared/suites (skips when the folder is absent).
conformance: $(STAMP)
	$(BIN)/python -m conformance

# Re-resolve the pinned dependency set (needs network access to the package index).
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) .prefect .mypy_cache .ruff_cache .pytest_cache
