"""An expansion error ends the command line, and a script (POSIX XCU 2.8.1).

Compared with bash: same stdout, same exit status (the messages differ
only in the shell's name and bash's "line N:").
"""
from __future__ import annotations

import subprocess

import pytest

from conftest import MINISH, shell_env

CASES = [
    "while ! echo ${x?}; do :; done; echo after",      # once an endless loop
    "until echo $((1 _ 2)); do :; done; echo after",
    "x=${y?}; echo after",
    "echo ${x?unset}; echo after",
    "f() { echo ${x?}; }; f; echo after",
    "for i in ${x?}; do :; done; echo after",
    "case ${x?} in *) ;; esac; echo after",
    "echo $((1/0)); echo after",
    "echo $(echo ${x?}); echo after $?",
    "echo hi > ${x?}; echo after",
]


@pytest.mark.parametrize("line", CASES)
def test_expansion_error_ends_a_script_as_in_bash(line, tmp_path):
    mine = subprocess.run([MINISH, "-c", line], cwd=tmp_path, env=shell_env(tmp_path),
                          capture_output=True, text=True, timeout=20)
    bash = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=shell_env(tmp_path),
                          capture_output=True, text=True, timeout=20)
    assert (mine.stdout, mine.returncode) == (bash.stdout, bash.returncode)
    assert mine.stderr.startswith("minish: ") and mine.stderr.count("\n") == 1


def test_at_the_prompt_the_line_is_abandoned_and_the_shell_goes_on(tmp_path):
    from interactive import Session
    session = Session(tmp_path)
    try:
        out = session.run("while ! echo ${x?}; do :; done; echo after")
        assert "after" not in out and "parameter" in out
        assert session.status() == 1
        assert session.run("echo alive") == "alive\n"
    finally:
        session.close()
