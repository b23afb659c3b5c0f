# Ruta: `make run` serves the site with demo content; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes per pass (pytest-xdist); CI has two cores.
PYTEST_WORKERS ?= 2

.PHONY: run test setup setup-test system-packages lint checks messages check-messages \
        pytest-sqlite pytest-postgres requirements bench soak stack stack-packages soak-stack clean backup restore \
        audit

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --once
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) search_index --rebuild

# The task worker (PDF builds, e-mails, search index) runs beside the server and stops
# with it (Ctrl-C).
run: setup
	@echo "Ruta is serving on http://$(HOST):$(PORT)/es/ (admin: http://$(HOST):$(PORT)/admin/)"
	@$(MANAGE) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

# System packages the tests need (Debian, as root): Chromium for browser tests, gettext
# for the catalogues, PostgreSQL server binaries for the second pass, redis-server for the
# shared-cache tests.
system-packages:
	@bash scripts/system_packages.sh

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup-test: $(VENV)/.installed-dev system-packages node_modules/.installed

lint: setup-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

checks: setup-test
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) makemigrations --check --dry-run
	@bash scripts/check_deploy.sh $(PY)
	$(VENV)/bin/bandit -q -c pyproject.toml -r . -ll
	$(VENV)/bin/lint-imports --no-cache

messages: $(VENV)/.installed
	@bash scripts/messages.sh $(PY) update

check-messages: setup-test
	@bash scripts/messages.sh $(PY) check

pytest-sqlite: setup-test
	@echo "=== pytest pass 1/2: SQLite (embedded default) ==="
	env -u DATABASE_URL $(VENV)/bin/pytest -n $(PYTEST_WORKERS)

pytest-postgres: setup-test
	@echo "=== pytest pass 2/2: PostgreSQL (throwaway server) ==="
	@bash scripts/with_postgres.sh $(VENV)/bin/pytest -n $(PYTEST_WORKERS)

test: lint checks check-messages pytest-sqlite pytest-postgres
	@echo "make test: all checks passed"

bench: setup-test
	@for script in benchmarks/[!_]*.py; do case "$$script" in benchmarks/soak*.py) continue;; esac; echo "=== $$script ==="; $(PY) $$script || exit 1; done

# Load and fault test: 50 readers for 60 s with Elasticsearch down, PostgreSQL restarted
# during referral writes (loopback only; a few minutes).
soak: setup-test
	$(PY) benchmarks/soak.py

# The reference production layout on this machine, loopback only (docs/deployment.md):
# PostgreSQL, Redis, two gunicorn servers behind nginx, the task worker. Ctrl-C stops it.
# Debian packages: nginx, redis-server, postgresql (installed when missing, as root).
# nginx's port (STACK_PORT=0: any free one; a taken one is refused); the other parts take
# free loopback ports, so several engineers' stacks run side by side.
STACK_PORT ?= 8080
stack: $(VENV)/.installed stack-packages
	$(PY) deploy/stack.py --port $(STACK_PORT)

stack-packages:
	@bash scripts/system_packages.sh stack

# Faults under load on that stack: an application server killed, Redis and PostgreSQL
# restarted, a publish purged, under 50 readers and referral writes (a few minutes).
soak-stack: setup-test stack-packages
	$(PY) benchmarks/soak_stack.py

requirements:
	$(PYTHON) -m venv /tmp/ruta-req && /tmp/ruta-req/bin/pip install -q -r requirements.in \
	  && { echo "# Pinned from requirements.in (make requirements). Do not edit by hand."; \
	       /tmp/ruta-req/bin/pip freeze; } > requirements.txt

# Backup and restore: the database (SQLite online backup or pg_dump) plus media and private
# files, in one archive under var/backups/ (see docs/operations.md).
backup: $(VENV)/.installed
	$(MANAGE) backup

restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/ruta-backup-….tar.gz"; exit 2; }
	$(MANAGE) restore "$(FILE)"

# Needs a machine that can reach a vulnerability database (ours cannot): see docs/security.md.
audit: $(VENV)/.installed-dev
	$(PY) -m pip install --quiet pip-audit
	$(VENV)/bin/pip-audit -r requirements.txt -r requirements-dev.txt

clean:
	rm -rf $(VENV) var/static var/static-dev var/test-media
