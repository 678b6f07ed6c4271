# Award dossiers — developer entry points.
#
#   make run       install if needed, migrate, seed demo data, start web + worker + beat
#   make test      install if needed, make sure PostgreSQL/Redis/Chromium are up, run pytest
#   make lint      ruff, and the layer contracts (lint-imports)
#   make messages  extract translatable strings (vi, en) and compile them
#
# Only Python 3.11 is needed on a fresh machine; everything else goes into .venv.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV    := .venv
BIN     := $(VENV)/bin
PY      := $(BIN)/python
STAMP   := var/.installed
PORT    ?= 8000

# `make test` talks to real services; these defaults apply only when unset in the environment.
TEST_DATABASE_URL := postgres://postgres@127.0.0.1:5432/awards
TEST_REDIS_URL    := redis://127.0.0.1:6379/0
PYTEST_ARGS       ?=

.PHONY: help install run test lint messages

help:
	@echo "make run       start web (http://127.0.0.1:$(PORT)), Celery worker and beat"
	@echo "make test      run the test suite against PostgreSQL + Redis (PYTEST_ARGS=... passes through)"
	@echo "make lint      ruff check . and lint-imports (the layers)"
	@echo "make messages  makemessages -l vi -l en, then compile"

# --- install -----------------------------------------------------------------------------

# The virtualenv, made with Python 3.11 (python3.11, or python3 when that is 3.11).
$(VENV)/pyvenv.cfg:
	@py="$$(command -v python3.11 || true)"; \
	if [[ -z "$$py" ]] && command -v python3 >/dev/null \
	   && python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then \
	    py="$$(command -v python3)"; \
	fi; \
	if [[ -z "$$py" ]]; then \
	    echo "Python 3.11 is required: install python3.11 (with its venv module) and retry." >&2; \
	    exit 1; \
	fi; \
	echo "Creating $(VENV) with $$py"; \
	"$$py" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml (or the virtualenv) is newer than the stamp.
$(STAMP): pyproject.toml $(VENV)/pyvenv.cfg
	$(PY) -m pip install --quiet -e '.[test]'
	@mkdir -p $(dir $@)
	@touch $@

install: $(STAMP)

# --- run ---------------------------------------------------------------------------------

run: $(STAMP)
	@mkdir -p "$${VAR_DIR:-var}"
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compiletranslations
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py seed_demo
	PORT=$(PORT) bash scripts/run.sh

# --- test --------------------------------------------------------------------------------

test: export DATABASE_URL ?= $(TEST_DATABASE_URL)
test: export REDIS_URL ?= $(TEST_REDIS_URL)
test: $(STAMP)
	bash scripts/ensure_services.sh
	$(PY) manage.py compiletranslations
	@mkdir -p var
	@rm -f var/test-results.xml
	$(BIN)/pytest -n 2 --junitxml=var/test-results.xml $(PYTEST_ARGS)

# --- code quality and translations -------------------------------------------------------

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

messages: $(STAMP)
	@command -v xgettext >/dev/null || { \
	    echo "makemessages needs GNU gettext (Debian/Ubuntu: sudo apt-get install gettext)." >&2; \
	    exit 1; }
	$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=var --ignore=tests --add-location=file
	@# viewflow's UI strings are not in our sources: merge them back (see locale/README).
	msgattrib --no-obsolete locale/vi/LC_MESSAGES/django.po -o locale/vi/LC_MESSAGES/django.po
	msgcat --use-first locale/vi/LC_MESSAGES/django.po locale/vi/viewflow-ui.po -o locale/vi/LC_MESSAGES/django.po
	@msgattrib --untranslated --no-obsolete locale/vi/LC_MESSAGES/django.po | grep -q msgid \
	    && echo "Untranslated Vietnamese strings remain: translate them in locale/vi/LC_MESSAGES/django.po" || true
	$(PY) manage.py compiletranslations
