# The two commands of the README's quickstart: `make serve` and `make test`.
# Each creates the virtual environment on first use (and again when pyproject.toml changes).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test build bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

serve: $(BIN)/.installed
	$(BIN)/kgraph serve --host $(HOST) --port $(PORT)

build: $(BIN)/.installed
	$(BIN)/kgraph build

test: $(BIN)/.installed
	sh scripts/ensure-chromium
	sh scripts/ensure-hugo
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/pip install --quiet -e '.[test,bench]'
	sh scripts/ensure-wrk
	$(BIN)/python bench/build.py
	$(BIN)/python bench/sparql_http.py
	$(BIN)/python bench/ask.py
	$(BIN)/python bench/answers.py

clean:
	rm -rf $(VENV) .kgraph
