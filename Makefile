# Noisy Signals: every target sets up .venv from the lock files when it is missing or outdated:
# requirements.lock for building and validating, requirements-test.lock added for the tests.
# The pipeline is `python -m noisy_signals build`: generate -> engine (ENGINE=mkdocs|zensical) -> finish.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
ENGINE ?= mkdocs
NS     := $(BIN)/python -m noisy_signals
export PYTHONPATH := $(CURDIR)/scripts
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build generate test check validate permalinks new-testimonial bench lint format browser deps lock clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	@touch $@

deps: $(TEST_STAMP) ## Set up .venv with everything, test tools included (Playwright's browser aside)

serve: $(STAMP) ## Serve at http://127.0.0.1:8000/noisy-signals/ with live reload (docs/, data/, scripts/, overrides/)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP) ## generate -> engine -> finish into site/; a failed build leaves the previous site/ untouched
	$(NS) build --engine $(ENGINE)

generate: $(STAMP) ## Only write the generated pages, fragments and mkdocs.generated.yml
	$(NS) generate

validate: $(STAMP) ## Check everything in data/ and the guide pages; print every problem
	$(NS) validate

new-testimonial: $(STAMP) ## Scaffold data/testimonials/<id>.yml by asking, or from flags: make new-testimonial ARGS="--id ... --who ..."
	$(BIN)/python scripts/new_testimonial.py $(ARGS)

bench: $(TEST_STAMP) ## Print build times of both engines, scale figures and page weight + Lighthouse
	$(BIN)/python scripts/bench_scale.py
	$(BIN)/python scripts/bench_pages.py

permalinks: $(STAMP) ## Add the links of new pages and headings to data/permalinks.yml (never removes one)
	$(NS) permalinks

lint: $(TEST_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

format: $(TEST_STAMP)
	$(BIN)/ruff format scripts tests
	$(BIN)/ruff check --fix scripts tests

browser: ## Debian's Chromium for the browser tests (Playwright cannot download browsers here)
	@bash scripts/ensure_chromium.sh

check: $(TEST_STAMP) lint ## Everything that needs no browser: validation, both engines' HTML, the link check
	$(BIN)/python -m pytest -n auto --dist worksteal -m "not browser"

test: $(TEST_STAMP) browser lint ## Every test, browser tests included (each engine builds once per run)
	$(BIN)/python -m pytest -n auto --dist worksteal

lock: ## Re-resolve requirements.lock (site) and requirements-test.lock (tests) from pyproject.toml
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	$(PYTHON) scripts/dependencies.py site | .lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -r /dev/stdin
	.lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools | grep -v '^wheel==' > requirements.lock
	$(PYTHON) scripts/dependencies.py test | .lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -r /dev/stdin
	.lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools | grep -v '^wheel==' | grep -v -i -x -F -f requirements.lock > requirements-test.lock
	rm -rf .lock-venv

clean:
	rm -rf site .site.partial $(VENV)

# BODY, ID and TITLE are read as shell variables, never as $(...). Untrusted text (an issue's title)
# must come in the environment: make expands $(...) in values given on its command line.
.PHONY: testimonial-from-issue
testimonial-from-issue: $(STAMP) ## data/testimonials/<id>.yml from a testimonial issue's body: make testimonial-from-issue BODY=FILE [ID=...] [TITLE=...]
	@test -n "$$BODY" || { echo "usage: make testimonial-from-issue BODY=FILE [ID=...] [TITLE=...]" >&2; exit 2; }
	$(BIN)/python -m noisy_signals.issue_form --body "$$BODY" $${ID:+--id "$$ID"} $${TITLE:+--title "$$TITLE"}
