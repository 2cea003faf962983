# Targets anyone can guess. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
BENCH_ARGS ?=

.PHONY: run test lint format messages bench clean install

$(STAMP): requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	bin/run

test: $(STAMP)
	bin/test

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy secon bench

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(STAMP)
	cd secon && ../$(VENV)/bin/python ../manage.py makemessages -l pl -l en --no-obsolete --no-location
	cd secon && ../$(VENV)/bin/python ../manage.py compilemessages

# wrk is the load generator (native, keep-alive); installed where apt-get can, else a clear stop.
bench: $(STAMP)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get install -y -q wrk; } || { echo "make bench needs wrk: sudo apt-get install -y wrk" >&2; exit 1; }
	$(VENV)/bin/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
