# The README's two commands are `make run` and `make test`; everything else is what they use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_ENV := DJANGO_DEBUG=true

.PHONY: run setup test lint worker beat screenshots clean

## make run: set everything up (venv, packages, database, reference and demo data) and serve :8000
run: setup
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

setup: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py setup_demo

## make test: the whole test suite (services it finds configured are used; see tests/conftest.py)
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

## make screenshots: docs/screenshots/*.png of the main pages, with the demo data (needs Chromium)
screenshots: setup
	$(DEV_ENV) $(BIN)/python scripts/screenshots.py

worker: $(STAMP)
	$(BIN)/celery -A conflict_tracker worker --loglevel=INFO --concurrency=2

# Periodic tasks (the sweep that re-queues reports stuck after a crash); one per deployment.
beat: $(STAMP)
	$(BIN)/celery -A conflict_tracker beat --loglevel=INFO

$(STAMP): pyproject.toml package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	npm ci --no-audit --no-fund
	touch $(STAMP)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
