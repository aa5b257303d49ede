# storyline: two commands on a fresh machine.
#   make run   create .venv, install, extract the bundled examples and print a summary
#   make test  create .venv, install with test extras, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint typecheck bench schema examples clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@mkdir -p build
	$(BIN)/storyline extract examples/articles.jsonl examples/web --out build/examples.jsonl
	$(BIN)/storyline show build/examples.jsonl
	$(BIN)/storyline ingest examples/articles.jsonl examples/web --db build/storyline.duckdb --no-progress
	@echo ""
	@echo "Stored in build/storyline.duckdb. To browse the timeline, actor graph, map and articles:"
	@echo "  $(BIN)/storyline serve --db build/storyline.duckdb"
	@echo "then open http://127.0.0.1:8765/ (API docs at http://127.0.0.1:8765/docs)."

test: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

schema: $(STAMP)
	$(BIN)/storyline schema > src/storyline/schema/article-record.schema.json

examples: $(STAMP)
	$(BIN)/python scripts/make_examples.py

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
