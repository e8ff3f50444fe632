"""Shared fixtures: where minish is, and a clean environment for shells."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]          # test_robust.py checks the hook below

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


def ipc_objects() -> set[tuple[str, int]]:
    found = set()
    for kind in ("msg", "shm", "sem"):
        with open(f"/proc/sysvipc/{kind}") as f:
            for line in f.read().splitlines()[1:]:
                found.add((kind, int(line.split()[1])))
    return found


@pytest.fixture
def ipc_cleanup():
    """Remove every IPC object a test creates, even when it fails."""
    before = ipc_objects()
    yield
    flag = {"msg": "-q", "shm": "-m", "sem": "-s"}
    for kind, ident in ipc_objects() - before:
        subprocess.run(["ipcrm", flag[kind], str(ident)], capture_output=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Fail a passing test whose captured output says "internal error".

    minish prints that only when an exception escaped every rule (its
    last-resort handler): each one is a missing rule, never acceptable
    output.  This sees what reached the test's own stdout and stderr (the
    output of a minish run that inherited them); a test that captures a
    run's output itself must check it, as test_bad_input does.
    """
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.passed:
        captured = report.capstdout + report.capstderr
        if "internal error" in captured:
            report.outcome = "failed"
            at = captured.index("internal error")
            report.longrepr = ("the test's output contains 'internal error':\n" +
                               captured[max(at - 200, 0):at + 400])
