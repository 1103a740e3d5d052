# Samhandling: `make run` to try it, `make test` to test it. `make` alone lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= samhandling.settings.dev
# `make run` serves the demo as a visitor sees it (debug off); `make dev` the debug server.
DEMO_SETTINGS ?= samhandling.settings.demo

.DEFAULT_GOAL := help
.PHONY: help run dev scheduler migrate-db test test-unit test-browser lint format migrations-check check-deploy assets lock messages compile-messages demo clean worker bench bench-hearings bench-newsletter bench-pages profile-pages bandit backup restore audit audit-refresh

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/.runtime: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	@touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(PIP) install --quiet -r requirements-dev.lock
	@touch $@

compile-messages: $(VENV)/.runtime ## Compile the translations (.po to .mo) without GNU gettext
	@$(PY) scripts/compile_messages.py

# Hashed and compressed static files, as production serves them; collected again only when a
# static file or a dependency changed.
staticfiles/staticfiles.json: $(VENV)/.runtime $(shell find samhandling/static -type f 2>/dev/null)
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(PY) manage.py collectstatic --no-input --verbosity 0
	@touch $@

migrate-db: $(VENV)/.runtime
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(PY) manage.py migrate --no-input --verbosity 0

demo: $(VENV)/.runtime compile-messages ## Migrate the database, collect static files and load the demo content
	@$(MAKE) --no-print-directory -j2 staticfiles/staticfiles.json migrate-db
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(PY) manage.py load_demo --port $(PORT)

run: demo ## Set up everything and serve the demo at http://127.0.0.1:8000 (web, worker, scheduler)
	@echo "Serving on http://$(HOST):$(PORT)/ with the task worker and the scheduler (Ctrl+C stops all)"
	@HOST=$(HOST) SAMHANDLING_PORT=$(PORT) DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(VENV)/bin/honcho start -f Procfile

dev: demo ## Like run, but with Django's debug server (debug pages, reload on change)
	@HOST=$(HOST) SAMHANDLING_PORT=$(PORT) DJANGO_SETTINGS_MODULE=samhandling.settings.dev $(VENV)/bin/honcho start -f Procfile.dev

worker: $(VENV)/.runtime ## Run only the background task worker (e-mail, notifications)
	$(PY) manage.py db_worker

scheduler: $(VENV)/.runtime ## Run only the periodic jobs (outbox retries, reminders, purges)
	$(PY) manage.py run_scheduler

test: $(VENV)/.dev compile-messages ## Run the whole test suite (browser tests need Chromium)
	@$(PY) scripts/check_browser.py
	DJANGO_SETTINGS_MODULE=samhandling.settings.test $(PY) -m pytest $(PYTEST_ARGS)

test-unit: $(VENV)/.dev compile-messages ## Run the tests without the browser tests
	DJANGO_SETTINGS_MODULE=samhandling.settings.test $(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

test-browser: $(VENV)/.dev compile-messages ## Run only the browser tests (headless Chromium)
	DJANGO_SETTINGS_MODULE=samhandling.settings.test $(PY) -m pytest -m browser $(PYTEST_ARGS)

bench: $(VENV)/.dev ## Sign-up rush: 500 parallel sign-ups over HTTP (gunicorn + PostgreSQL; BENCH_ARGS)
	$(PY) -m benchmarks.signup_rush $(BENCH_ARGS)

bench-hearings: $(VENV)/.dev ## Hearing at scale: 300 responses with attachments, 1,000 comments; board, page and ZIP figures
	$(PY) -m benchmarks.hearing_scale $(BENCH_ARGS)

bench-newsletter: $(VENV)/.dev ## Newsletter send: 10,000 subscribers by the task worker to a local SMTP sink, then with the worker killed halfway
	$(PY) -m benchmarks.newsletter_send $(BENCH_ARGS)

bench-pages: $(VENV)/.dev ## Pages: uncached, app-cached and through Varnish against bare Django and nginx (wrk; BENCH_ARGS=--quick)
	$(PY) -m benchmarks.pages $(BENCH_ARGS)

profile-pages: $(VENV)/.dev compile-messages ## Queries, in-process ms and bytes per public page type of the demo, beside a bare Django view
	$(PY) -m benchmarks.page_profile $(BENCH_ARGS)

lint: $(VENV)/.dev ## ruff check, ruff format --check and makemigrations --check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DJANGO_SETTINGS_MODULE=samhandling.settings.test $(PY) manage.py makemigrations --check --dry-run

bandit: $(VENV)/.dev ## Security lint of samhandling/ with bandit (config in pyproject.toml)
	$(VENV)/bin/bandit -c pyproject.toml -r samhandling -q

audit: $(VENV)/.dev ## Audit the pinned dependencies against the committed OSV export, offline (fails on stale or empty data)
	$(PY) scripts/dependency_audit.py check

audit-refresh: $(VENV)/.dev ## Refresh security/osv/ from the package index (and ADVISORY_DB=<dir of OSV records>)
	$(PY) scripts/dependency_audit.py refresh $(if $(ADVISORY_DB),--advisory-db "$(ADVISORY_DB)" --label "$(ADVISORY_DB_LABEL)")

backup: $(VENV)/.runtime ## Back up the database and media with a manifest into BACKUP_DIR (default var/backups)
	$(PY) manage.py backup $(BACKUP_ARGS)

restore: $(VENV)/.runtime ## Check and restore a backup into an empty database (BACKUP=<folder>, default the newest)
	$(PY) manage.py restore $(BACKUP) $(RESTORE_ARGS)

format: $(VENV)/.dev ## Format and fix the code with ruff
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

messages: $(VENV)/.dev ## Update the .po files from the code (needs GNU gettext)
	$(PY) manage.py makemessages --locale nn --locale nb --locale en --no-obsolete --no-location --ignore ".venv/*" --ignore "tests/*"
	$(PY) manage.py makemessages --domain djangojs --locale nn --locale nb --locale en --no-obsolete --ignore ".venv/*" --ignore "tests/*" --ignore "staticfiles/*" --ignore "*/vendor/*"

check-deploy: $(VENV)/.runtime ## manage.py check --deploy with production settings and .env.example
	set -a && . ./.env.example && set +a && DJANGO_SETTINGS_MODULE=samhandling.settings.production $(PY) manage.py check --deploy --fail-level WARNING

assets: ## Refresh Designsystemet, Inter and axe-core from the npm registry (needs npm)
	bash scripts/build_assets.sh

lock: $(VENV)/.dev ## Re-pin every dependency (requirements.lock, requirements-dev.lock)
	$(VENV)/bin/pip-compile -q --strip-extras --no-header --allow-unsafe -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile -q --strip-extras --no-header --allow-unsafe --extra dev -c requirements.lock -o requirements-dev.lock pyproject.toml
	sed -i '/^--extra-index-url\|^--find-links\|^--index-url/d' requirements.lock requirements-dev.lock

clean: ## Remove the virtual environment, database, media and caches
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media var staticfiles .pytest_cache .ruff_cache

.PHONY: oidc-provider
oidc-provider: ## Local test identity provider for the demo's public login on :8081 (Node.js; README "Public login")
	cd tests/oidc/provider && { test -d node_modules/oidc-provider || npm ci --no-audit --no-fund; } && node provider.mjs "$$(cat demo.json)"
