"""minish's command line compared with bash's: the same flags, the same
script, in the same temporary directory; stdout and status must agree."""
from __future__ import annotations

import subprocess  # the tests may use it; minish itself never does

import pytest

from conftest import MINISH, shell_env

CASES = [
    # (flags before the script, script on stdin or after -c, extra args)
    (["-e", "-c", "false; echo not reached"], None),
    (["-u", "-s"], "echo start; echo $nosuch; echo not reached\n"),
    (["-eu", "-c", "echo $-"], None),
    (["-o", "errexit", "-o", "noglob", "-c", "case $- in *e*f*) echo both;; esac"], None),
    (["-oo", "errexit", "noglob", "-c", "case $- in *e*f*) echo both;; esac"], None),
    (["+c", "echo plus-c"], None),
    (["-c", "--", "echo after dashes"], None),
    (["-c", "echo $0 $1 $2", "zero", "one", "two"], None),
    (["-x", "-c", "echo traced"], None),
    (["-l", "-c", "echo login"], None),
    (["--login", "-c", "echo login"], None),
    (["-Z", "-c", "echo bad option"], None),
    (["-O", "nullglob", "-c", "echo a *.none b"], None),
    (["-s"], "echo from stdin\n"),
    (["-"], "echo dash ends options\n"),
    (["-x", "-v", "--", "script.sh", "arg"], None),
]


def run(shell: str, args: list[str], stdin: str | None, tmp) -> tuple[str, int]:
    (tmp / "script.sh").write_text('echo "script $1"\n')
    proc = subprocess.run([shell, *args], cwd=tmp, env=shell_env(tmp),
                          input=(stdin or "").encode(), capture_output=True, timeout=20)
    return proc.stdout.decode(), proc.returncode


@pytest.mark.parametrize("args,stdin", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_flags_like_bash(args, stdin, tmp_path):
    mine = run(MINISH, args, stdin, tmp_path)
    theirs = run("bash", args, stdin, tmp_path)
    assert mine == theirs


def test_minishrc_is_read_by_an_interactive_shell(tmp_path):
    """~/.minishrc runs before the first prompt (and not for -c or scripts)."""
    (tmp_path / ".minishrc").write_text("alias hello='echo from-rc'\nRC=1\n")
    env = shell_env(tmp_path)
    proc = subprocess.run([MINISH, "-i"], cwd=tmp_path, env=env, input=b"hello\necho rc=$RC\n",
                          capture_output=True, timeout=20)
    assert b"from-rc" in proc.stdout and b"rc=1" in proc.stdout
    proc = subprocess.run([MINISH, "-c", "echo rc=$RC"], cwd=tmp_path, env=env,
                          capture_output=True, timeout=20)
    assert proc.stdout == b"rc=\n"
    proc = subprocess.run([MINISH, "-i", "--norc"], cwd=tmp_path, env=env,
                          input=b"echo rc=$RC\n", capture_output=True, timeout=20)
    assert b"rc=\n" in proc.stdout
