# Presisi: two commands do everything on a fresh machine.
#   make run    set up, build what is missing, serve the app on 127.0.0.1
#   make test   the same set-up, then lint and the whole test suite
# Other targets: make help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
PORT   ?= 8501

# Boundaries: the pinned upstream commit by default; a local copy of the
# upstream files when one sits beside the project (dev and CI).
GEO_SOURCE ?= $(firstword $(wildcard $(CURDIR)/../shared/geo/upstream/db))
export GEO_SOURCE

.PHONY: help setup prepare run test lint format bench clean-data

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP) ## create .venv and install pinned dependencies

prepare: setup ## fetch Leaflet, build boundaries and the default dataset if missing
	$(BIN)/python -m dashboard prepare

run: prepare ## serve the dashboard on http://127.0.0.1:$(PORT) (local mode: no login, says so on every page)
	PRESISI_LOCAL_MODE=1 $(BIN)/python -m streamlit run dashboard/app.py --server.address 127.0.0.1 --server.port $(PORT)

lint: setup ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: prepare lint ## lint, then unit, app and browser tests
	$(BIN)/python -m pytest

format: setup ## apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: prepare ## measure build and query times (prints figures; never pass/fail)
	$(BIN)/python -m dashboard bench

clean-data: ## remove built data (boundaries, datasets); raw exports you added stay
	rm -rf data/geo/* data/processed/* dashboard/static/vendor
