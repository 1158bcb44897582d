# Noisy Signals: every target sets up .venv from requirements.lock when it is missing or outdated.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)/scripts
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test validate permalinks new-testimonial bench lint format browser lock clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

serve: $(STAMP) ## Serve at http://127.0.0.1:8000/noisy-signals/ (the path of site_url) with live reload (watches docs/, data/, scripts/, overrides/)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP) ## Strict build into site/; a failed build leaves the previous site/ untouched
	@rm -rf .site.partial
	$(BIN)/mkdocs build --strict --quiet --site-dir .site.partial
	@rm -rf site && mv .site.partial site

validate: $(STAMP) ## Check everything in data/ and the guide pages; print every problem
	$(BIN)/python scripts/validate.py

new-testimonial: $(STAMP) ## Scaffold data/testimonials/<id>.yml by asking, or from flags: make new-testimonial ARGS="--id ... --who ..."
	$(BIN)/python scripts/new_testimonial.py $(ARGS)

bench: $(STAMP) ## Print scale figures (build time, size at 0/1,000/10,000 testimonials) and page weight + Lighthouse
	$(BIN)/python scripts/bench_scale.py
	$(BIN)/python scripts/bench_pages.py

permalinks: $(STAMP) ## Add the links of new pages and headings to data/permalinks.yml (never removes one)
	$(BIN)/python scripts/permalinks.py

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

format: $(STAMP)
	$(BIN)/ruff format scripts tests
	$(BIN)/ruff check --fix scripts tests

browser: ## Debian's Chromium for the browser tests (Playwright cannot download browsers here)
	@bash scripts/ensure_chromium.sh

test: build browser lint ## Build, then every test, browser tests included
	$(BIN)/python -m pytest

lock: ## Re-resolve the pinned versions in requirements.lock from pyproject.toml
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	$(PYTHON) scripts/dependencies.py | .lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -r /dev/stdin
	.lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools | grep -v '^wheel==' > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site .site.partial $(VENV)

# BODY, ID and TITLE are read as shell variables, never as $(...). Untrusted text (an issue's title)
# must come in the environment: make expands $(...) in values given on its command line.
.PHONY: testimonial-from-issue
testimonial-from-issue: $(STAMP) ## data/testimonials/<id>.yml from a testimonial issue's body: make testimonial-from-issue BODY=FILE [ID=...] [TITLE=...]
	@test -n "$$BODY" || { echo "usage: make testimonial-from-issue BODY=FILE [ID=...] [TITLE=...]" >&2; exit 2; }
	$(BIN)/python -m noisy_signals.issue_form --body "$$BODY" $${ID:+--id "$$ID"} $${TITLE:+--title "$$TITLE"}
