# Atelier: `make run` starts the studio, `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
STREAMLIT_FLAGS := --browser.gatherUsageStats false --server.fileWatcherType none

.PHONY: run serve test bench doctor system-deps

run: $(VENV)/.stamp-run  ## start the studio on http://localhost:8501 (this computer only)
	HF_HUB_OFFLINE=1 $(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) $(STREAMLIT_FLAGS)

serve: $(VENV)/.stamp-run  ## open the studio to tablets on the library network (they need the workshop code)
	HF_HUB_OFFLINE=1 ATELIER_REQUIRE_CODE=1 $(BIN)/streamlit run app.py --server.address 0.0.0.0 --server.port $(PORT) \
		--server.headless true $(STREAMLIT_FLAGS)

# `make test` runs the suite in two parts: every test outside tests/e2e on TEST_WORKERS processes (pytest-xdist,
# 2 by default, a test file staying on one worker), then the browser tests one at a time, because each starts a
# studio and a Chromium whose waits are what suffers when the cores are shared. Both parts run; either failing fails.
# `make test TEST_WORKERS=1` runs the first part in one process too.
TEST_WORKERS ?= 2
XDIST := $(if $(filter-out 1,$(TEST_WORKERS)),-n $(TEST_WORKERS) --maxprocesses 4 --dist loadfile,)
test: $(VENV)/.stamp-test system-deps  ## install what the tests need and run the whole suite
	$(BIN)/ruff check .
	status=0; \
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest $(XDIST) --ignore=tests/e2e || status=1; \
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest tests/e2e || status=1; \
	exit $$status

bench: $(VENV)/.stamp-test  ## speed and quality benchmarks (figures printed, not asserted)
	HF_HUB_OFFLINE=1 $(BIN)/python -m bench

doctor: $(VENV)/.stamp-run
	$(BIN)/python -m pipelines doctor

system-deps:  ## chromium, epubcheck, poppler-utils, espeak-ng (Debian/Ubuntu, needs root or sudo)
	@bash scripts/system-deps.sh

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# PyPI's torch wheel for Linux pulls about 3 GB of CUDA libraries a library computer never uses. The CPU build
# of the same versions (pinned in requirements.txt; `torch==X` accepts `X+cpu`, PEP 440 local versions) comes
# from PyTorch's own index when it can be reached; else PyPI's build is installed by the next line.
TORCH_PINS = $(shell grep -E '^(torch|torchvision)==' requirements.txt)
TORCH_CPU_INDEX ?= https://download.pytorch.org/whl/cpu

$(VENV)/.stamp-run: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --timeout 20 --retries 1 --index-url $(TORCH_CPU_INDEX) $(TORCH_PINS) \
		|| echo "PyTorch's CPU index cannot be reached: torch comes from PyPI (with its CUDA libraries)."
	$(BIN)/pip install -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .  # `python -m pipelines` from any folder
	touch $@

$(VENV)/.stamp-test: requirements.txt requirements-dev.txt tests/e2e/package.json $(VENV)/.stamp-run
	$(BIN)/pip install -r requirements-dev.txt
	cd tests/e2e && npm install --no-audit --no-fund --no-package-lock  # axe-core for the accessibility tests
	touch $@
