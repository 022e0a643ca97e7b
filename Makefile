# Spotlight: `make site` builds the demo site, `make test` runs every test.
# Both set up .venv first (pinned packages from requirements.lock); setup is skipped
# when nothing it depends on changed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Node tools for the tests (package.json: the Nu HTML Checker, vnu.jar, run with the system java).
NPM ?= npm
NPM_STAMP := node_modules/.installed
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
PORT ?= 8000
SAMPLE_SCRAPE := content/_scrapes/sample-scrape.txt
SAMPLE_POST := content/interviews/builder-stories-4-sunniva-achterberg-developer-advocate-at-brightkettle-robotics.md

.PHONY: setup site serve test clean help FORCE

help:
	@echo "make site   set up and build the demo site and feeds into output/"
	@echo "make serve  build, serve on http://127.0.0.1:$(PORT)/ and rebuild on changes"
	@echo "make test   set up and run every test"
	@echo "make setup  only create .venv with the pinned packages (and node_modules/ with the HTML checker)"

# Spotlight's own modules are compiled ahead (an editable install is not, and where Python is
# told not to write bytecode, every command would compile them again: about 0.1 s each time).
setup: $(STAMP) $(NPM_STAMP)
	@$(BIN)/python -m compileall -q spotlight >/dev/null

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; Spotlight needs Python 3.11 (set PYTHON=/path/to/python3.11)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# pip 23 (Python 3.11's own) trips over the same extra asked twice (lxml[html_clean]); 25.3 resolves it
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	@touch $(STAMP)

# npm ci empties node_modules/ first, so the stamp lives inside it; FORCE reinstalls when the jar
# is missing. Without npm the HTML validation test is skipped, so only warn.
$(NPM_STAMP): package.json package-lock.json $(if $(wildcard $(VNU_JAR)),,FORCE)
	@if command -v $(NPM) >/dev/null 2>&1; then \
	  echo "$(NPM) ci --ignore-scripts --no-audit --no-fund --silent"; \
	  $(NPM) ci --ignore-scripts --no-audit --no-fund --silent && touch $(NPM_STAMP); \
	else \
	  echo "warning: $(NPM) not found; the Nu HTML Checker test will be skipped (install Node.js and npm, then run make setup)" >&2; \
	fi

FORCE:

$(SAMPLE_POST): | $(STAMP)
	$(BIN)/spotlight import $(SAMPLE_SCRAPE) --date 2025-06-10 --out content/interviews

site: setup $(SAMPLE_POST)
	$(BIN)/spotlight build
	@echo
	@echo "The site is in output/ (home page: output/index.html, feed: output/feeds/rss.xml)."
	@echo "Look at it with: make serve   (then open http://127.0.0.1:$(PORT)/)"

serve: setup $(SAMPLE_POST)
	$(BIN)/spotlight serve --port $(PORT)

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf output .pytest_cache .hypothesis
