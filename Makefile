# pantau — every target does its own set-up, so a fresh clone needs only `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install system-deps demo test lint eval eval-dev bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip sync --python $(BIN)/python --quiet requirements.lock
	$(BIN)/uv pip install --python $(BIN)/python --quiet --no-deps -e .
	touch $(STAMP)

# Debian's chromium for the browser tests (Playwright drives /usr/bin/chromium; it never downloads one).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing Debian's chromium for the browser tests"; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

demo: install
	$(BIN)/pantau demo

test: install system-deps
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

eval: install
	$(BIN)/pantau eval tests/fixtures/labelled
	$(BIN)/pantau eval tests/fixtures/heldout

eval-dev: install
	@if [ -d ../shared/devset ]; then $(BIN)/pantau eval ../shared/devset; \
	else echo "../shared/devset not found: nothing to evaluate"; fi

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data build *.egg-info
