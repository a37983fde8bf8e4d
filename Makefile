# `make render` and `make test` set up everything they need (Debian packages, .venv, the package)
# and are fast when nothing is missing.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup system test lint render figures page lecture clean

setup: system $(STAMP)

system:
	@bash scripts/setup-system.sh

# Re-install only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | system
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev,voice]' 2>&1 | { grep -v "is ignored: it is neither" || true; }
	@touch $(STAMP)

lint: setup
	$(PY) -m ruff check .

# The browser test of the gallery page needs Debian's Chromium.
test: export EXTRA_PACKAGES := chromium
test: setup
	$(PY) -m ruff check .
	$(PY) -m pytest -q -n $(JOBS) --dist loadgroup

render: setup
	$(VENV)/bin/la-render render

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
