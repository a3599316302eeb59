# Front door of Wijkpraktijk. Every target sets up .venv itself.
PY := .venv/bin/python
CLI := PYTHONPATH=scripts $(PY) -m wijkpraktijk
# First of all, with the system Python and nothing from the checkout on its path: refuse build state that git
# tracks (.cache/, .venv/, node_modules/, compiled code, .env, ...) and symlinks where the build reads (guard.py).
GUARD := python3 -I scripts/wijkpraktijk/guard.py
# The site engine for serve, cms and build: mkdocs or zensical, e.g. make build ENGINE=mkdocs. Empty means the
# defaults scripts/wijkpraktijk/engine.py sets (BUILD_ENGINE: zensical; PREVIEW_ENGINE, serve and cms: mkdocs).
ENGINE ?=
ENGINE_FLAG := $(if $(ENGINE),--engine $(ENGINE))

.PHONY: setup setup-dev serve cms build preview check generate test test-fast fuzz lint bench chromium clean new linkcheck

## make setup: what the site needs (requirements.txt, npm packages); setup-dev adds the test tools
setup:
	@$(GUARD)
	@bash scripts/setup/venv.sh
	@bash scripts/setup/print.sh
	@bash scripts/setup/npm.sh

setup-dev:
	@$(GUARD)
	@bash scripts/setup/venv.sh dev
	@bash scripts/setup/print.sh
	@bash scripts/setup/npm.sh dev

chromium:
	@bash scripts/setup/chromium.sh

## make serve: set up, generate and serve on http://127.0.0.1:8000 with live reload (ENGINE=mkdocs|zensical)
serve: setup
	$(CLI) serve $(ENGINE_FLAG)

## make cms: the contributors' form on this computer: make serve plus decap-server; open http://127.0.0.1:8000/admin/
cms: setup
	$(CLI) cms $(ENGINE_FLAG)

## make build: set up, generate and write the static site to site/ (ENGINE=mkdocs|zensical; no browser: the cards PDF is WeasyPrint's)
build: setup
	$(CLI) build $(ENGINE_FLAG)

## make preview: serve the built site/ (after make build) on http://127.0.0.1:8001, search included
preview:
	@test -f site/index.html || { echo "Er is nog geen site/: voer eerst 'make build' uit."; exit 1; }
	@echo "De gebouwde site, met zoeken: http://127.0.0.1:8001/  (Ctrl-C stopt)"
	@python3 -m http.server --bind 127.0.0.1 --directory site 8001

## make check: validate practices/ only (fast, no site build)
check: setup
	@$(CLI) check

## make new: a new page from the template; asks, or: make new TYPE=methode TITLE="Naam"
new: setup
	@$(CLI) new --type "$(TYPE)" --title "$(TITLE)"

## make linkcheck: check every internal link of the built site/ (offline; run after make build)
linkcheck: setup
	@$(CLI) linkcheck

generate: setup
	$(CLI) generate

## make test: set up and run the whole test suite (also what CI runs), on every core (pytest-xdist); whole
## files per worker, so a file's module and session fixtures (the real site built once) are not made twice
test: setup-dev chromium
	$(PY) -m ruff check scripts tests benchmarks
	$(PY) -m ruff format --check scripts tests benchmarks
	$(PY) -m pytest -n auto --dist loadfile

## make fuzz: the property tests with new random cases on each run (make test draws the same ones every time)
fuzz: setup-dev
	HYPOTHESIS_PROFILE=explore $(PY) -m pytest tests/test_fuzz.py tests/test_references.py tests/test_urls.py tests/test_search_terms.py

## make test-fast: the tests that build no site and start no browser (under a minute on two cores)
test-fast: setup-dev
	$(PY) -m pytest -m "not slow" -n auto --dist loadfile

lint: setup-dev
	$(PY) -m ruff check scripts tests benchmarks
	$(PY) -m ruff format --check scripts tests benchmarks

## make bench: print the benchmark figures (slow; not part of make test)
bench: setup
	PYTHONPATH=scripts $(PY) benchmarks/pipeline_scale.py
	PYTHONPATH=scripts $(PY) benchmarks/handout_scale.py
	PYTHONPATH=scripts $(PY) benchmarks/search_scale.py
	PYTHONPATH=scripts $(PY) benchmarks/views_scale.py
	PYTHONPATH=scripts $(PY) benchmarks/map_scale.py
	PYTHONPATH=scripts $(PY) benchmarks/check_safety.py
	PYTHONPATH=scripts $(PY) benchmarks/page_weight.py
	PYTHONPATH=scripts $(PY) benchmarks/search_speed.py
	PYTHONPATH=scripts $(PY) benchmarks/search_speed.py --paste
	PYTHONPATH=scripts $(PY) benchmarks/werkmap_print.py
	PYTHONPATH=scripts $(PY) benchmarks/wait_times.py

## make clean: the built site, the generated folders and files, and this checkout's caches (outside it)
clean:
	rm -rf site site.old .site-* .cache docs/kennisbank docs/admin docs/pagefind docs/.pagefind-* *.generated.yml
	@if [ -x $(PY) ]; then $(CLI) forget-cache; fi
