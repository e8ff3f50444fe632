"""explain and the executor follow one set of rules.

`explain` plans a line without running it; `set -o trace` narrates what the
shell really does.  For lines whose every part runs once, the two must agree
on how many fork()s there are.  And every kind of command node must have a
rule in both, with a loud error for a node that has none.
"""
from __future__ import annotations

import re
import subprocess

import pytest

from conftest import MINISH, shell_env
from minish.builtins.explain import Planner
from minish.lang import syntax
from minish.lang.parser import parse

LINES = [
    "ls",
    "ls | wc -l",
    "ls | sort | head -1",
    "(ls)",
    "(cd /; ls) | cat",
    "{ ls; } | cat",
    "true && ls",
    "false || ls",
    "! ls",
    "echo hi > out; cat out",
    "f() { ls | cat; }; f",
    "f() { ls; }; f | cat",
    "if true; then ls; fi",
    "for i in one; do ls; done",
    "case a in a) ls;; esac",
    "ls & wait",
    "x=1; echo $x",
    "cat <<EOF\nhi\nEOF",
    "[[ -n x ]] && (( 1 + 1 )) && ls",
]


def explained_forks(line: str, cwd) -> int:
    out = subprocess.run([MINISH, "-c", 'explain "$1"', "minish", line], cwd=cwd,
                         env=shell_env(cwd), capture_output=True, text=True, timeout=20)
    found = re.search(r"^# in all: (\d+) fork", out.stdout, re.M)
    assert found, out.stdout + out.stderr
    return int(found.group(1))


def narrated_forks(line: str, cwd) -> int:
    out = subprocess.run([MINISH, "--trace", "-c", line], cwd=cwd, env=shell_env(cwd),
                         capture_output=True, text=True, timeout=20)
    return len(re.findall(r"^\[pid \d+\] fork\(\) = \d+", out.stderr, re.M))


@pytest.mark.parametrize("line", LINES)
def test_explain_counts_the_forks_the_trace_shows(line, tmp_path):
    assert explained_forks(line, tmp_path) == narrated_forks(line, tmp_path)


SAMPLES = {
    syntax.Simple: "true",
    syntax.Subshell: "(true)",
    syntax.Group: "{ true; }",
    syntax.Pipeline: "true | true",
    syntax.AndOr: "true && true",
    syntax.Background: "true &",
    syntax.Sequence: "true; true",
    syntax.If: "if true; then true; fi",
    syntax.Loop: "while false; do :; done",
    syntax.For: "for i in a; do :; done",
    syntax.Case: "case a in a) true;; esac",
    syntax.Function: "f() { true; }",
    syntax.Cond: "[[ a == a ]]",
    syntax.ArithCommand: "(( 1 ))",
    syntax.ArithFor: "for (( i = 0; i < 1; i++ )); do :; done",
}
WORD_LEVEL = {syntax.Lit, syntax.Param, syntax.CommandSub, syntax.Arith, syntax.Word,
              syntax.Redir, syntax.Assign, syntax.ProcSub}


class Stray(syntax.Node):
    """A command node nobody taught the executor about."""
    __slots__ = ("span",)

    def __init__(self) -> None:
        self.span = (0, 0)


@pytest.fixture
def shell(shell_in_process):
    return shell_in_process


def test_every_command_node_has_a_sample():
    nodes = set(syntax.Node.__subclasses__()) - WORD_LEVEL - {Stray}
    assert nodes == set(syntax.COMMANDS) == set(SAMPLES)


@pytest.mark.parametrize("kind", list(SAMPLES), ids=lambda k: k.__name__)
def test_every_command_node_runs_and_is_explained(kind, shell):
    node = parse(SAMPLES[kind])
    assert type(node) is kind
    assert shell.executor.run(node) == 0
    shell.executor.jobs.reap()
    plan = Planner(shell.executor)
    plan.node(node, 0)
    assert plan.out


def test_a_node_without_a_rule_is_an_error_in_both(shell):
    with pytest.raises(TypeError, match="no rule for Stray"):
        shell.executor.run(Stray())
    with pytest.raises(TypeError, match="no rule for Stray"):
        Planner(shell.executor).node(Stray(), 0)


def test_explain_a_function_and_a_background_job(tmp_path):
    out = subprocess.run([MINISH, "-c", "f() { ls; }; explain f; explain 'sleep 1 &'"],
                         cwd=tmp_path, env=shell_env(tmp_path), capture_output=True,
                         text=True, timeout=20).stdout
    assert "f is a function: its body runs inside the shell" in out
    assert "execve('/usr/bin/ls'" in out or "execve('/bin/ls'" in out
    background = out.split("# nothing is run")[-1]
    assert "the shell does not wait" in background
    assert "the shell waits for it" not in background


def test_explain_of_an_empty_assignment_in_a_pipeline(tmp_path):
    out = subprocess.run([MINISH, "-c", "explain 'x= | cat'"], cwd=tmp_path,
                         env=shell_env(tmp_path), capture_output=True, text=True, timeout=20)
    assert out.returncode == 0 and "internal error" not in out.stderr
    assert "only assignments and redirections" in out.stdout


@pytest.mark.parametrize("line", ["{ cat; } < in", "while read x; do cat; done < in",
                                  "if true; then cat; fi < in"])
def test_a_compound_commands_redirections_reach_the_commands_inside(line, tmp_path):
    out = subprocess.run([MINISH, "-c", 'explain "$1"', "minish", line], cwd=tmp_path,
                         env=shell_env(tmp_path), capture_output=True, text=True, timeout=20)
    cat = out.stdout.split("execve('/usr/bin/cat'", 1)[1]
    assert cat.splitlines()[1].split("fds at start:")[1].split()[:3] == ["0", "->", '"in"']
