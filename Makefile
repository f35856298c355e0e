# detente: every target creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared/eval

.PHONY: demo test eval bench bench-scale bench-web bench-robustness lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/detente ingest examples/articles examples/articles.jsonl --published-csv examples/published.csv --db detente.duckdb
	$(BIN)/detente dyad BLR LTU --db detente.duckdb --by month
	$(BIN)/detente report --db detente.duckdb --dyad BLR:LTU --dyad CHN:PHL -o report.html
	@echo "wrote detente.duckdb and report.html"

test: $(STAMP)
	command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium) || echo "no chromium: the browser tests will skip"
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest
	sh scripts/check_wheel.sh

eval: $(STAMP)
	$(BIN)/detente eval --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.stages

bench-scale: $(STAMP)
	$(BIN)/python -m benchmarks.scale

bench-web: $(STAMP)
	$(BIN)/python -m benchmarks.web_load

bench-robustness: $(STAMP)
	$(BIN)/python -m benchmarks.robustness

clean:
	rm -rf $(VENV) eval-out bench-out detente.duckdb report.html
