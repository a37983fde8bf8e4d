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

# Lighthouse audits the gallery page (tests/page/test_lighthouse.py): npm's package, pinned
# exactly, in the git-ignored .tools/; installed once per version (Node 20 is on the machine),
# then the stamp is there and make decides in milliseconds.
LIGHTHOUSE_VERSION := 12.2.3
LIGHTHOUSE := .tools/lighthouse/.installed-$(LIGHTHOUSE_VERSION)

$(LIGHTHOUSE):
	@command -v npm >/dev/null || { echo "la-render: npm is missing (install Node.js 20 with npm)" >&2; exit 1; }
	mkdir -p .tools/lighthouse
	cd .tools/lighthouse && npm install -E --no-audit --no-fund --prefix . lighthouse@$(LIGHTHOUSE_VERSION)
	@touch $@

# The browser tests of the gallery page need Debian's Chromium, and Lighthouse.
test: export EXTRA_PACKAGES := chromium
test: export LA_RENDER_REQUIRE_LIGHTHOUSE := 1
test: setup $(LIGHTHOUSE)
	$(PY) -m ruff check .
	$(PY) -m pytest -q -n $(JOBS) --dist loadgroup --durations=15

render: setup
	$(VENV)/bin/la-render render

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
