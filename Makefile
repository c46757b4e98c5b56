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

# The benchmark (a tool, not a test; ~30 min on 2 cores): whole `newsfacts run`s on the Reuters
# corpus as JSONL, as one file per article (then 1% changed) and tripled; the peers (spaCy,
# Python re, quantulum3 + dateparser) on 5,000 of its articles; then extraction alone.
# Writes bench/results/<date>.json and bench/results/latest.md (the README's table).
BENCH_CORPUS ?= ../shared/corpora/reuters_financial_2006_2013.jsonl.gz
BENCH_REPEATS ?= 3
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) bench/requirements.txt
	$(BIN)/python -m pip install --quiet -c requirements.lock -r bench/requirements.txt
	@touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/bench_run.py $(BENCH_CORPUS) --repeats $(BENCH_REPEATS)
	$(BIN)/python bench/bench_extract.py $(BENCH_CORPUS) --mb 32

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
