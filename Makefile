# Framescope: `make run` serves the dashboard, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
export BROWSER_PATH ?= /usr/bin/chromium

.PHONY: run test bench soak fuzz scan clean-cache

# The virtual environment, rebuilt when a requirements file changes.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

.venv: $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) -m streamlit run dashboard.py

# Chromium comes from Debian; nothing is downloaded from a browser vendor.
/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test: $(VENV)/.installed-test /usr/bin/chromium
	$(PY) -m pytest -q tests

# Every property test at 10,000 examples, spread over the cores (one test per worker at a time).
fuzz: $(VENV)/.installed-test
	FRAMESCOPE_FUZZ_EXAMPLES=10000 $(PY) -m pytest -q tests/unit -k fuzz -n auto --dist worksteal --durations=0

bench: $(VENV)/.installed-test
	$(PY) -m bench

soak: $(VENV)/.installed-test
	$(PY) -m bench soak

scan: $(VENV)/.installed
	$(PY) -m lib scan data
