# The two commands that do everything on a fresh machine with Python 3.11:
#   make demo   - create .venv, install dyad, ingest the bundled demo corpus and write the brief
#   make test   - create .venv, install dyad with its test tools, run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test install browser lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Browser tests drive Debian's chromium; install it when it is missing and we may (root, apt).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed: browser tests will skip"; }

demo: $(STAMP)
	$(VENV)/bin/dyad demo

test: $(STAMP) browser lint typecheck
	$(VENV)/bin/python -m pytest

# ruff's lint rules (pyproject.toml) and its formatter, checked on every test run
lint: $(STAMP)
	$(VENV)/bin/ruff check dyad tests scripts benchmarks
	$(VENV)/bin/ruff format --check dyad tests scripts benchmarks

# mypy on dyad/ (settings in pyproject.toml), checked on every test run
typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/bench.py

clean:
	rm -rf $(VENV) build *.egg-info
