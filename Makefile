# Vägen: `make run` serves the demo on SQLite; `make test` runs every test.
# Both install what they need first, on a fresh machine too.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask
export FLASK_APP := webapp:create_app

.PHONY: run test install catalogues browser migrate

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

catalogues: install
	SECRET_KEY=build $(FLASK) translate compile >/dev/null

# A development secret, made once per checkout and never committed.
instance/secret_key:
	mkdir -p instance
	$(PY) -c 'import secrets; print(secrets.token_hex(32))' > $@

run: catalogues instance/secret_key
	export SECRET_KEY=$$(cat instance/secret_key) PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://127.0.0.1:5000} MALLOC_ARENA_MAX=2; \
	$(FLASK) db upgrade && $(FLASK) seed-demo && \
	$(FLASK) run --host 127.0.0.1 --port 5000

# Chromium, fonts and LibreOffice (.ci/install-browser); Java and the Nu HTML checker (.ci/install-vnu).
browser:
	bash .ci/install-browser
	bash .ci/install-vnu

# One worker per core (pytest-xdist); a journey file stays whole on one worker, with its own server.
test: catalogues browser
	$(PY) -m pytest -n auto --dist loadfile tests e2e
