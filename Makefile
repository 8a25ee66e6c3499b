# One command to read the book, one to test it. Both set up everything they need first.
#   make run    install, then open briefing.ipynb in JupyterLab (DATA=my-book: another data folder)
#   make test   install (Chromium too), then run the whole test suite
#   make export write build/briefing.html, the offline book to send to readers
#   make bench  run the benchmarks and print their tables (Lighthouse on the exported page too)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# DATA=folder reads another book's data folder (run, export); relative to where make is run
ifdef DATA
export BRIEFING_DATA := $(abspath $(DATA))
endif

.PHONY: setup run test lint export bench chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-test.txt pyproject.toml package.json package-lock.json
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

# the library's bytecode, as pip writes it for installed packages: lib/ is installed editable,
# and where PYTHONDONTWRITEBYTECODE is set every fresh kernel would compile it again (0.1-0.2 s)
setup: $(STAMP)
	$(BIN)/python -m compileall -q lib

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

# JupyterLab refuses to start as root unless told to (containers and CI machines run as root)
run: setup
	$(BIN)/jupyter lab $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) briefing.ipynb

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup chromium lint
	$(BIN)/python -m pytest

export: setup
	$(BIN)/python -m briefing export

bench: setup chromium
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/lighthouse.py

clean:
	rm -rf build .pytest_cache .ruff_cache
