# Portal Bansos: `make run` to try it, `make test` to test it. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEV := DEBUG=True

.PHONY: run test install browser search-quality bench-search screenshots clean serve bench scan

run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo
	@echo ""
	@echo "Portal Bansos berjalan di http://$(HOST):$(PORT)/"
	@echo "Admin Humas:  http://$(HOST):$(PORT)/admin/  (akun demo di atas, hanya untuk lokal)"
	@echo ""
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install browser
	$(BIN)/pytest $(PYTEST_ARGS)

# The browser tests drive Debian's Chromium (Playwright's own download is not used).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium fonts-liberation; }

# Search quality on the judged queries (SQLite, or the database in DATABASE_URL); fails below target.
search-quality: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py search_quality

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

# wapiti (in its own venv: it pins many packages) against a production server it starts; fails above "low".
scan: install
	$(BIN)/python bansos_portal/deploy/scan.py

# Humas workflow (issue 4): the admin screenshots in docs/screenshots/ used by the README's guide.
screenshots: install browser
	$(BIN)/pytest -q tests/browser/take_screenshots.py

install: $(INSTALLED)

# Reinstall whenever the dependency list changes.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	touch $(INSTALLED)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles build *.egg-info
