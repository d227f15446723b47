# Two commands on a fresh machine: `make run` (set up and serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app wsgi
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 4

.PHONY: install translations extract migrate demo run serve worker test test-sqlite test-postgres browser lint bench bench-graph bench-catalogue bench-network

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

translations: install
	$(BIN)/pybabel compile --statistics -d translations

extract: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

migrate: install
	$(FLASK) db upgrade

# The demo data, then today's early warnings on it (what cron runs daily in production).
demo: migrate
	$(FLASK) demo load
	$(FLASK) warnings run

run: translations demo
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	$(FLASK) run --host $(HOST) --port $(PORT)

# Production-style: no demo data (its logins are public). Several workers share nothing in
# memory: sessions are signed cookies, the secret key is a file under instance/ (or
# SECRET_KEY), and login limits live in Redis: with more than one worker it refuses to start
# without Redis rather than let each worker count on its own.
serve: translations migrate
	@if [ "$(WORKERS)" -gt 1 ]; then \
	  REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}" $(FLASK) check-redis || exit 1; fi
	REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}" $(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - wsgi:app

# Background jobs (network measures) for `make serve`: an RQ worker on the queue "network",
# sharing Redis (queue and cache) with the web workers. The job creates the app itself.
worker: install
	REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}" && export REDIS_URL && \
	  $(BIN)/rq worker --url "$$REDIS_URL" network

browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install -y chromium"; fi; }

test: translations browser
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: install
	@echo "== pytest on SQLite =="
	$(BIN)/pytest

test-postgres: install
	@if $(BIN)/python -m tests.pg_ready "$(TEST_DATABASE_URL)"; then \
	  echo "== pytest on PostgreSQL =="; \
	  TEST_DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL is required in CI and is not reachable at $(TEST_DATABASE_URL)"; exit 1; \
	else echo "PostgreSQL not reachable at $(TEST_DATABASE_URL): the PostgreSQL run is skipped"; fi

lint: install
	$(BIN)/ruff check .

# Page speed of the public pages against bare Flask views of the same rows (prints ratios),
# then the throughput of the alliance suggestions on generated patents, then the network
# analysis benchmark, then the catalogue search at 100,000 patents, then the cached network
# pages on the real co-applicant network.
bench: translations
	@command -v wrk >/dev/null || { [ "$$(id -u)" = "0" ] && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
	  echo "wrk is missing (apt-get install wrk): using the slower Python client"
	$(BIN)/python -m bench.pages
	$(BIN)/python -m bench.classification
	$(BIN)/python -m bench.splits
	$(MAKE) bench-graph
	$(MAKE) bench-catalogue
	$(MAKE) bench-network

# Measures panel against python-igraph and view payload against plain JSON, real network.
bench-graph: install
	$(BIN)/python -m bench.graph

# Catalogue search (page, API) against bare SQL at 100,000 generated patents, on SQLite and
# on PostgreSQL (its own database bench_catalogue, created and dropped; skipped when
# PostgreSQL is not reachable at BENCH_PG_SERVER). About 5 minutes.
BENCH_PG_SERVER ?= postgresql+psycopg://postgres@127.0.0.1:5432
bench-catalogue: translations
	@if $(BIN)/python -m tests.pg_ready "$(BENCH_PG_SERVER)/postgres"; then \
	  BENCH_PG_SERVER="$(BENCH_PG_SERVER)" $(BIN)/python -m bench.catalogue; \
	else echo "PostgreSQL not reachable at $(BENCH_PG_SERVER): SQLite only"; \
	  $(BIN)/python -m bench.catalogue --databases sqlite; fi

# Cached network pages (province, largest alliance, their graph.json) on the real network
# (11,630 organisations, 23,467 ties), as the platform admin, cache in memory and in Redis
# (its own key prefix, deleted; skipped when Redis is not reachable at BENCH_REDIS_URL), on
# SQLite and PostgreSQL (its own database bench_network, created and dropped). About 3 minutes.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/0
bench-network: translations
	@if $(BIN)/python -m tests.pg_ready "$(BENCH_PG_SERVER)/postgres"; then \
	  BENCH_PG_SERVER="$(BENCH_PG_SERVER)" BENCH_REDIS_URL="$(BENCH_REDIS_URL)" \
	    $(BIN)/python -m bench.network_page; \
	else echo "PostgreSQL not reachable at $(BENCH_PG_SERVER): SQLite only"; \
	  BENCH_REDIS_URL="$(BENCH_REDIS_URL)" $(BIN)/python -m bench.network_page --databases sqlite; fi
