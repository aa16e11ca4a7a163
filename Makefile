# The README's two commands are `make run` and `make test`; both start with `make install`.
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The lock's own tool, pinned so that `make lock` writes the same file on every machine.
UV_VERSION := 0.13.9

.PHONY: install browser proxy run run-production test bench lint lock

install: $(VENV)/.installed

# Exact versions with their hashes from requirements.lock, then OpenAdmit itself.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -d $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# After changing a dependency in pyproject.toml: resolve every version again, for every
# platform and Python 3.11 and later, with the hash of every file.
lock:
	test -d $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --extra test --extra s3 --universal \
		--python-version 3.11 --generate-hashes --output-file requirements.lock --quiet

# Browser tests drive Debian's chromium package; never a browser download.
browser:
	@command -v chromium >/dev/null || scripts/install-chromium

# The production topology's reverse proxy and the fault tests use Debian's nginx.
proxy:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || scripts/install-nginx

run: install
	$(BIN)/openadmit serve --demo --host 127.0.0.1 --port $(PORT)

# The production topology on this machine; set the variables of README "Production" first.
run-production: install proxy
	$(BIN)/openadmit serve --production --host 127.0.0.1 --port $(PORT)

test: install browser proxy
	scripts/test

bench: install proxy
	$(BIN)/python bench/run.py $(BENCH)

# Ruff, then bandit and pip-audit (scripts/security-lint says what each covers and
# what it means when PyPI's advisory database cannot be reached).
lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/python scripts/security-lint
