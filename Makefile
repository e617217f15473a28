# Portal Bansos: `make run` to try it, `make test` to test it. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEV := DEBUG=True

.PHONY: run test test-fast audit lint-imports install browser checkers lighthouse page-weight screenshots search-quality bench-search clean serve bench render-cost scan

run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo
	@echo ""
	@echo "Portal Bansos berjalan di http://$(HOST):$(PORT)/"
	@echo "Admin Humas:  http://$(HOST):$(PORT)/admin/  (akun demo di atas, hanya untuk lokal)"
	@echo ""
	$(DEV) NOTIFY_EMAIL=True EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend \
		NOTIFY_SITE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install browser checkers lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

# The quick tier while working: every test not marked slow, on both cores (see docs/pengembang.md#tes).
test-fast: install lint-imports
	$(BIN)/pytest -m "not slow" -n 2 $(PYTEST_ARGS)

# The import contracts in pyproject.toml [tool.importlinter]; a broken one stops `make test`.
lint-imports: install
	$(BIN)/lint-imports --no-cache --no-logo

# The browser tests drive Debian's Chromium (Playwright's own download is not used).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium fonts-liberation; }

# Search quality on the judged queries (SQLite, or the database in DATABASE_URL); fails below target.
search-quality: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py search_quality

# The content audit on the shipped demo content (imported in a transaction that is rolled back):
# fails on any error (a guess in the ministry's voice, a page or figure without a source, a flagged source…).
audit: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py audit_content --file bansos_portal/content_file/demo_content.json --errors-only

# Search latency at 10,000 and 100,000 generated entries, in a scratch database.
bench-search: install
	$(DEV) $(BIN)/python manage.py benchmark_search --entries 10000 --entries 100000 --queries 300

# --- Production (README "Menjalankan di produksi") ---
# gunicorn with its config file; settings from the environment (bansos_portal/deploy/production.env lists them).
serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/gunicorn -c bansos_portal/deploy/gunicorn.conf.py bansos_portal.wsgi

# wrk against gunicorn + PostgreSQL + Redis + the shipped nginx config; prints numbers and the targets.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bansos_bench
bench: install
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bansos_portal/deploy/bench.py

# CPU per page-cache miss (program page, home, a FAQ entry) with DEBUG=False in a scratch database;
# PROFILE=1 adds where the program page's time goes.
render-cost: install
	$(BIN)/python bansos_portal/deploy/render_cost.py $(if $(PROFILE),--profile)

# wapiti (in its own venv: it pins many packages) against a production server it starts; fails above "low".
scan: install
	$(BIN)/python bansos_portal/deploy/scan.py


# --- Browser checks: vnu and Lighthouse from npm, exact versions in package-lock.json. ---
NODE := tests/browser
NODE_INSTALLED := $(NODE)/node_modules/.installed

checkers: $(NODE_INSTALLED)
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless; }

# vnu-jar's postinstall would download a Java runtime; the system Java is used instead.
$(NODE_INSTALLED): $(NODE)/package.json $(NODE)/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	npm ci --prefix $(NODE) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_INSTALLED)

# The three pages' bytes on the wire, served like production (also part of `make test`).
page-weight: install browser checkers
	$(BIN)/pytest -q tests/browser/test_page_weight.py

# Lighthouse (mobile) on home, a program and a search page of a DEBUG=False server with the demo
# content; prints the scores and fails below 0.95.
lighthouse: install browser checkers
	$(BIN)/python tests/browser/lighthouse.py

# Refresh the README's screenshots: the public pages from the ones the accessibility tests save
# (pngquant keeps them small), and the admin pages of the guide for Humas.
SCREENSHOTS := beranda program cari-hasil klarifikasi
screenshots: install browser checkers
	$(BIN)/pytest -q tests/browser/test_accessibility.py -k "beranda or program or cari-hasil or klarifikasi"
	mkdir -p docs/screenshots
	for name in $(SCREENSHOTS); do for width in ponsel desktop; do \
	  pngquant --force --quality 60-85 --output docs/screenshots/$$name-$$width.png test-output/screenshots/$$name-$$width.png \
	  || cp test-output/screenshots/$$name-$$width.png docs/screenshots/; done; done
	$(BIN)/python -m tests.browser.take_screenshots
# --- end of browser checks ---

install: $(INSTALLED)

# Reinstall whenever the dependency list changes.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	touch $(INSTALLED)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles build *.egg-info $(NODE)/node_modules test-output
