# Two commands do all the set-up (see README):
#   make run    start minish (creates .venv on first use)
#   make test   run the whole test suite (creates .venv on first use)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test bench clean

$(BIN)/minish: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	$(BIN)/python -m compileall -q minish
	touch $@

run: $(BIN)/minish
	$(BIN)/minish

test: $(BIN)/minish
	@command -v strace >/dev/null || { echo "make test: strace is needed (apt install strace)" >&2; exit 1; }
	PATH="$(CURDIR)/$(BIN):$$PATH" PROMPT_TOOLKIT_NO_CPR=1 $(BIN)/python -m pytest

bench: $(BIN)/minish
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
