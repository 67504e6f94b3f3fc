# jixiao — make demo · make test · make test-pg · make lint · make bench
# Every target creates .venv when it is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
DEMO_SETTINGS ?= jixiao.config.settings.base
# loadfile: a module's tests stay on one worker, so a module-scoped fixture (the demo database) is built once, not once per worker
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: demo test test-pg lint bench venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

DEMO_REPORT := var/2023年度常宁市科学技术协会整体支出绩效评价报告.docx

demo: $(STAMP)
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(VENV)/bin/jixiao demo
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(VENV)/bin/jixiao report --department 常宁市科学技术协会 --year 2023 --format docx --out "$(DEMO_REPORT)"
	@export DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS); \
	$(VENV)/bin/jixiao worker > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	echo "后台任务进程已启动（日志 var/worker.log）"; \
	$(VENV)/bin/jixiao serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-pg: $(STAMP)
	DATABASE_URL=$(PG_URL) $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check jixiao tests bench
	$(VENV)/bin/ruff format --check jixiao tests bench
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	@for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache
