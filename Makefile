# newshygiene — the two commands a new user needs:
#   make sample   install into .venv, run the clean-corpus flow on sample_corpus/, write outputs/
#   make test     install into .venv if needed, lint, run the test suite (.ci/run calls this)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup sample test lint format clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("newshygiene needs Python >= 3.11, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)

sample: $(STAMP)
	$(BIN)/newshygiene run sample_corpus --output outputs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) outputs/articles outputs/duplicates outputs/quarantine outputs/manifest.json outputs/_state outputs/DATASET_CARD.md
