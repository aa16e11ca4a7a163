# The README's two commands are `make run` and `make test`; both start with `make install`.
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install browser run test bench lint

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Browser tests drive Debian's chromium package; never a browser download.
browser:
	@command -v chromium >/dev/null || scripts/install-chromium

run: install
	$(BIN)/openadmit serve --demo --host 127.0.0.1 --port $(PORT)

test: install browser
	scripts/test

bench: install
	$(BIN)/python bench/run.py $(BENCH)

# Ruff, then bandit and pip-audit (scripts/security-lint says what each covers and
# what it means when PyPI's advisory database cannot be reached).
lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/python scripts/security-lint
