# explainer: every target bootstraps .venv/ on first use (stdlib venv + pip; nothing global).
#   make serve    figures, then the site at http://127.0.0.1:8000 with live reload
#   make test     figures --check, lint, the test suite (strict site build and browser tests included)
#   make figures  regenerate what is stale in figures/
#   make site     strict build of the site into site/
#   make bench    benchmarks (not tests): figure pipeline, training, diagrams
#   make clean    remove build output and caches (keeps .venv; `make distclean` removes it too)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: all venv figures serve site test lint bench browser clean distclean

all: figures

venv: $(STAMP)

# Reinstall when the dependency declarations change. constraints.txt pins every version, so two
# machines draw the same bytes.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $@

figures: $(STAMP)
	$(BIN)/explainer figures

serve: figures
	$(BIN)/mkdocs serve --livereload -a 127.0.0.1:8000

site: figures
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# Chromium for the browser tests comes from Debian's package, installed here when we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "WARNING: no chromium on PATH and cannot install it: browser tests will be SKIPPED" >&2; \
	  fi; }

test: $(STAMP) browser
	$(BIN)/explainer figures --check
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf site .cache .pytest_cache .ruff_cache build dist
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
