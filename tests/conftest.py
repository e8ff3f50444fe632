"""Shared fixtures: where minish is, and a clean environment for shells."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MINISH = str(BIN / "minish") if (BIN / "minish").exists() else shutil.which("minish")


def shell_env(home: Path) -> dict[str, str]:
    """A small, fixed environment so bash and minish see the same world."""
    return {
        "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LC_ALL": "C",
        "TERM": "dumb",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }


@pytest.fixture
def minish_path() -> str:
    assert MINISH, "minish is not installed in this environment (run `make test`)"
    return MINISH
