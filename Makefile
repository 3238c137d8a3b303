# Two commands matter: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run dev test test-dates lint format install migrate messages compile demo bench clean worker

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

compile: install
	$(PY) manage.py compile_catalogs

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py sync_roles

demo: migrate compile
	$(PY) manage.py load_demo --if-empty

# The production stack on this machine: DEBUG off, gunicorn + whitenoise, the task worker and the
# scheduler (`manage.py serve`), plain HTTP on 127.0.0.1. The secret key is generated into var/.
RUN_ENV := SHANYRAQ_DEBUG=0 SHANYRAQ_LOCAL_HTTP=1 PORT=$(PORT)

run: demo
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@$(RUN_ENV) $(PY) manage.py demo_logins
	@$(RUN_ENV) $(PY) manage.py mail_where
	@# The first archive at install (then nightly by the scheduler), so /health is green from the start.
	@ls var/backups/*.tar.gz >/dev/null 2>&1 || $(RUN_ENV) $(PY) manage.py backup >/dev/null
	@echo "Serving on http://127.0.0.1:$(PORT)/ with gunicorn, the task worker and the scheduler. Ctrl-C stops all three."
	@$(RUN_ENV) $(PY) manage.py serve

# For developers: Django's auto-reloading development server with DEBUG on, and the worker.
dev: demo
	@echo "Development server on http://127.0.0.1:$(PORT)/ (DEBUG on, reloads on change). Ctrl-C stops it."
	@trap 'kill 0' INT TERM EXIT; \
	  PORT=$(PORT) $(PY) manage.py db_worker & \
	  PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint compile
	$(PY) manage.py makemigrations --check --dry-run --settings=shanyraq.settings_test
	$(BIN)/pytest $(PYTEST_ARGS)

# The suite must pass on any day, not only today: CI runs it again as if today were each of these
# (--on-date in conftest.py): a Monday that is the day after a demo exhibition closes, the day after
# the other one closes, a Friday that is 31 December, 29 February, and a Monday in 2031.
TEST_DATES ?= 2027-03-22 2027-09-01 2027-12-31 2028-02-29 2031-06-16
DATES_PYTEST_ARGS ?= -q -n 2

test-dates: compile
	@for day in $(TEST_DATES); do \
	  echo "=== the suite as if today were $$day ==="; \
	  timeout 900 $(BIN)/pytest --on-date=$$day $(DATES_PYTEST_ARGS) || exit 1; \
	done

messages: install
	for app in shanyraq/*/; do if [ -d $$app/locale ]; then (cd $$app && ../../$(PY) ../../manage.py makemessages -l zh_Hans -l kk -l ru --no-obsolete); fi; done

bench: migrate
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf var/test var/static
