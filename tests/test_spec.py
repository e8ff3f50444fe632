"""Spec cases (tests/spec/*.test.sh) run under minish *and* bash.

Each case runs in a fresh temporary directory under each shell; the two
must agree on stdout, exit status and the files left behind, and both
must match the case's own `## stdout` / `## status` when it has them.
minish's stderr is not compared with bash's (the wording differs), but it
must never hold a Python traceback or "internal error".
"""
from __future__ import annotations

import os
import shutil
import subprocess  # the tests may use it; minish itself never does
from pathlib import Path

import pytest

from conftest import MINISH, shell_env
from spec_format import read_cases

SPEC_DIR = Path(__file__).parent / "spec"
CASES = [c for f in sorted(SPEC_DIR.glob("*.test.sh")) for c in read_cases(f)]


INTERNAL = ("Traceback (most recent call last)", "internal error")


def run_case(shell: str, script: str, tmp: Path) -> tuple[str, int, dict, str]:
    work = tmp / "work"
    work.mkdir(parents=True)
    (tmp / "home").mkdir()
    proc = subprocess.run([shell, "-c", script, "sh"], cwd=work, env=shell_env(tmp / "home"),
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
    return (proc.stdout.decode("utf-8", "replace"), proc.returncode, snapshot(work),
            proc.stderr.decode("utf-8", "replace"))


def snapshot(top: Path) -> dict:
    """Every file under `top`, with its contents (directories as '<dir>')."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(top):
        for name in dirnames:
            files[os.path.relpath(os.path.join(dirpath, name), top)] = "<dir>"
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or not os.path.isfile(path):
                files[os.path.relpath(path, top)] = "<special>"
            else:
                with open(path, "rb") as f:
                    files[os.path.relpath(path, top)] = f.read()
    return files


def test_enough_cases():
    assert len(CASES) >= 200


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_spec(case, tmp_path):
    # Both shells run in the same directory (one after the other), so paths
    # printed by `pwd` and friends are the same.
    run_dir = tmp_path / "run"
    out, status, files, err = run_case(MINISH, case.script, run_dir)
    assert not any(text in err for text in INTERNAL), f"minish failed inside:\n{err}"
    if case.stdout is not None:
        assert out == case.stdout, "stdout differs from the case's expectation"
    if case.status is not None:
        assert status == case.status, "status differs from the case's expectation"
    if case.bash_differs:
        return
    shutil.rmtree(run_dir)
    b_out, b_status, b_files, _ = run_case("bash", case.script, run_dir)
    assert (out, status) == (b_out, b_status), "minish and bash disagree"
    assert files == b_files, "minish and bash left different files"
