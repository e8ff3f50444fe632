# Two commands do all the set-up (see README):
#   make run    start minish (creates .venv on first use)
#   make test   run the whole test suite (creates .venv on first use; first
#               makes sure the reference tools are there: scripts/ensure-tools)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test tools bench clean catalogs

# How `pip install -e` exposes the checkout: we keep setuptools' "compat"
# mode, a plain .pth path entry.  Its default mode instead installs an import
# hook whose finder module imports pathlib, re and fnmatch at *every* Python
# start: measured with `python -X importtime -c pass` (2026-11-30, 2 busy
# cores, medians of 7), `site` took 2 ms with compat and 13 ms with the hook,
# which alone would break the start-up target (1.5x `python -c pass`, ~19 ms;
# bench/README.md).  The cost: setuptools may drop compat one day (hence the
# <85 pin in pyproject.toml); then `make EDITABLE=strict` (a link tree, no
# hook) is the way.  Students' installs (pipx/pip install .) have no hook.
EDITABLE ?= compat

$(BIN)/minish: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]' --config-settings editable_mode=$(EDITABLE)
	$(BIN)/python -m compileall -q minish
	touch $@

# Compiled catalogs (gettext .mo) beside their .po; a wheel gets its own
# from setup.py.  minish/i18n.py says how a language is chosen.
PO := $(wildcard minish/locale/*/LC_MESSAGES/minish.po)
MO := $(PO:.po=.mo)
%.mo: %.po $(BIN)/minish
	$(BIN)/pybabel compile -i $< -o $@ -l $(word 3,$(subst /, ,$<))

# After marking new messages with _(): extract them into the template and
# merge it into each language's .po, whose translators then fill the gaps
# (tests/test_i18n.py fails on a missing, fuzzy or mismatched one).
catalogs: $(BIN)/minish
	PYTHONPATH=scripts $(BIN)/pybabel extract -F babel.cfg --no-wrap --sort-by-file -o minish/locale/minish.pot \
		--project=minish --copyright-holder="minish authors" -c TRANSLATORS: .
	$(BIN)/pybabel update -i minish/locale/minish.pot -d minish/locale -D minish --no-wrap \
		--no-fuzzy-matching --ignore-pot-creation-date
	$(MAKE) $(MO)

# minish runs with the venv first on PATH, so inside it `minish -c ...` and
# `#!/usr/bin/env minish` find it too; put-on-path links it for elsewhere.
# Ctrl-D exits with the status of the last command, as bash and dash do;
# that is the student's business, not a failed build for make to report.
run: $(BIN)/minish $(MO)
	@bash scripts/put-on-path "$(CURDIR)/$(BIN)/minish"
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/minish || true

tools:
	PYTHON=$(PYTHON) bash scripts/ensure-tools

test: tools $(BIN)/minish $(MO)
	PATH="$(CURDIR)/$(BIN):$$PATH" PROMPT_TOOLKIT_NO_CPR=1 $(BIN)/python -m pytest

bench: $(BIN)/minish
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
