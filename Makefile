# ACTRIS CMS: two commands.
#   make run    set up (virtualenv, database, sample content, admin account) and serve on :8000
#   make test   set up and run the whole test suite on SQLite, then on PostgreSQL, then the
#               production stack's smoke test
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements-dev.lock | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/actris

.PHONY: help setup run test test-sqlite test-postgres smoke bench lint lock clean

help:
	@echo "make run     set up and serve the site on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test    set up and run all tests on SQLite and PostgreSQL"
	@echo "make smoke   start the production stack on loopback and use it (needs ISOMER_SITES_DIR)"
	@echo "make bench   measure it under load (wrk)"
	@echo "make lint    ruff"
	@echo "make lock    re-resolve requirements*.lock from pyproject.toml"

$(STAMP): requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python >= 3.12 is needed; set PYTHON=/path/to/python3.12")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP)

run: setup
	$(BIN)/python manage.py migrate --noinput
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python manage.py setup_site
	HOST=$(HOST) PORT=$(PORT) scripts/run-dev.sh

test: test-sqlite test-postgres
	SMOKE_OPTIONAL=1 $(MAKE) --no-print-directory smoke

test-sqlite: setup
	@scripts/ensure-browser.sh
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=actris_cms.settings.test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# PostgreSQL on 127.0.0.1:5432 (trust auth). Started here when it is installed but stopped.
test-postgres: setup
	@scripts/ensure-postgres.sh
	@scripts/ensure-browser.sh
	DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

# The production stack (PostgreSQL, Redis, 2 app servers, nginx) on loopback, used for real.
smoke: setup
	@scripts/ensure-stack.sh
	$(BIN)/python scripts/smoke.py

# Requests per second through the proxy and straight to the app (a script, not a test).
bench: setup
	@scripts/ensure-stack.sh
	$(BIN)/python bench/serve.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lock: setup
	$(BIN)/uv pip compile pyproject.toml --python-version 3.12 --generate-hashes -o requirements.lock -q 2>/dev/null || \
	  (echo "uv is needed to re-lock: $(BIN)/pip install uv" && false)
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.12 --generate-hashes -o requirements-dev.lock -q

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm test-artifacts
