"""Running out of fds, impossible fd numbers, odd names: clear messages, nothing lost.

Each case runs under minish and bash with the same limits, in the same kind
of temporary directory, and compares what a user sees.
"""
from __future__ import annotations

import os
import resource
import subprocess

import pytest

from conftest import MINISH, shell_env
from interactive import Session


def run(shell: str, line: str, cwd, nofile: int | None = None, extra_fds: int = 0):
    """Run `line` with `shell -c`, under RLIMIT_NOFILE `nofile`, with fds
    3..extra_fds already open (as a program that leaked them would)."""
    def limit():
        if nofile is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
        for fd in range(3, extra_fds + 1):
            os.dup2(0, fd)
            os.set_inheritable(fd, True)
    return subprocess.run([shell, "-c", line], cwd=cwd, env=shell_env(cwd), preexec_fn=limit,
                          close_fds=False, capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL)


def test_out_of_fds_in_a_pipeline_is_reported_and_leaks_nothing(tmp_path):
    # (Each listing goes to a file: in a pipeline, ls could see the shell's
    # copy of the pipe it is writing to.)
    line = ("ls /proc/$$/fd > before; echo a | cat | cat | cat; echo st=$?; "
            "ls /proc/$$/fd > after; cmp before after && echo same; "
            "cat /proc/$$/task/$$/children; echo; echo end")
    out = run(MINISH, line, tmp_path, nofile=20, extra_fds=17)
    lines = out.stdout.splitlines()
    assert out.stderr == "minish: pipe: Too many open files\n"
    assert lines[:2] == ["st=1", "same"]               # the same fds before and after
    assert lines[-1] == "end"                          # and the script goes on
    assert len(lines[2].split()) == 1                  # no child left but that `cat`
    assert "internal error" not in out.stderr


def test_a_builtin_redirection_under_a_tiny_fd_limit(tmp_path):
    line = "echo hi > x; echo st=$?; cat x; echo b >x 3>y 4>z; echo st=$?; cat x"
    (tmp_path / "m").mkdir()
    (tmp_path / "b").mkdir()
    mine = run(MINISH, line, tmp_path / "m", nofile=10)
    bash = run("bash", line, tmp_path / "b", nofile=10)
    assert mine.stdout == bash.stdout == "st=0\nhi\nst=0\nb\n"
    assert mine.stderr == ""


@pytest.mark.parametrize("line", [
    "echo hi 30000>f",
    "echo hi >&99999999999",
    "echo hi 2>&30000",
])
def test_impossible_fd_numbers_fail_that_command_only(line, tmp_path):
    out = run(MINISH, line + "; echo next $?", tmp_path)
    number = line.split("&")[-1].split(">")[0].split(" ")[-1]
    assert out.stderr == f"minish: {number}: Bad file descriptor\n"
    assert out.stdout == "next 1\n"
    assert not (tmp_path / "f").exists()               # nothing opened, nothing truncated


def test_a_very_long_command_name_is_not_found(tmp_path):
    name = "a" * 300
    mine = run(MINISH, f"{name}; echo $?", tmp_path)
    bash = run("bash", f"{name}; echo $?", tmp_path)
    assert mine.stdout == bash.stdout == "127\n"
    assert mine.stderr == f"minish: {name}: command not found\n"


def test_interactive_minish_ignores_sigterm(tmp_path):
    session = Session(tmp_path)
    try:
        session.run("kill -TERM $$")
        session.run("kill 0")
        assert session.run("echo alive") == "alive\n"
    finally:
        session.close()
