"""Hostile input and hostile conditions (issue #11), compared with bash.

Each reproduction from the issue runs under minish and under bash, in the
same fresh directory one after the other; stdout, stderr (with `bash: line
N:` read as `minish:`), the exit status and the files left must agree.
Then the cases bash has no counterpart for, and a bounded fuzz test.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import MINISH, shell_env
from interactive import Session


def run(shell: str, script: str, cwd, closed: str = "", stdin=subprocess.DEVNULL):
    """`shell -c script` in `cwd`; `closed` ('>&-', '2>&-', '<&-') starts it
    with that standard fd closed (dash's `"$@" >&-` closes it, then execs)."""
    argv = [shell, "-c", script]
    if closed:
        argv = ["dash", "-c", f'"$@" {closed}', "dash", *argv]
    proc = subprocess.run(argv, cwd=cwd, env=shell_env(cwd), stdin=stdin,
                          capture_output=True, timeout=30)
    err = proc.stderr.decode("utf-8", "replace")
    err = re.sub(r"^(bash|environment): (line \d+: )?", "minish: ", err, flags=re.M)
    return proc.stdout.decode("utf-8", "replace"), err, proc.returncode


def files(top) -> dict:
    return {p.name: p.read_bytes() for p in sorted(top.iterdir()) if p.is_file()}


def same_as_bash(script: str, tmp_path, closed: str = ""):
    """Run under both shells; assert they agree; return minish's result."""
    work = tmp_path / "work"
    work.mkdir()
    ours = run(MINISH, script, work, closed)
    our_files = files(work)
    shutil.rmtree(work)
    work.mkdir()
    theirs = run("bash", script, work, closed)
    assert ours == theirs, f"minish {ours!r} != bash {theirs!r}"
    assert our_files == files(work)
    return ours


# (script, standard fd closed at start-up)
LIKE_BASH = [
    ("/bin/true; echo ran > f; echo out; cat f >&2", ">&-"),
    ("/bin/true; echo ran > f; echo err >&2; cat f", "2>&-"),
    ("read x; echo $?; echo ran > f; cat f", "<&-"),
    ("return; echo $?", ""),
    ("trap x 99; echo $?", ""),
    ("trap x 32; echo $?; trap", ""),
    ("umask 7777777777777777777777777; echo $?", ""),
    ("umask -1; echo $?", ""),
    ("kill 99999999999999999999; echo $?", ""),
    ("kill -l 99; echo $?", ""),
    ("read x <&-; echo $?", ""),
    ("false; . /dev/null; echo $?", ""),
    ("f() { return 99999999999999999999; }; f; echo $?", ""),
    ("shift x; echo $?; shift -1; echo $?", ""),
    ("echo $((1 << 99999999999)) $((1 << -1)) $((2 ** 64))", ""),
    ("x=2; for i in 1 2 3 4 5 6 7 8 9; do x=$((x * x + 1)); done; echo $x", ""),
    ("echo $((1 / 0))", ""),
    ("echo $((5 % 0 + 3))", ""),
    ("echo $((2 ** -1))", ""),
    ("echo $((1 _ 2))", ""),
    ("echo $((08))", ""),
    ("echo $((1 = 2))", ""),
    ("echo $((1 @ 2))", ""),
    ("echo $(( '1' ))", ""),
    ("echo $((65#1))", ""),
    ("echo ${x!}", ""),
    ("cat <<EOF", ""),
    ("cat <<EOF\nabc $((2 + 3))", ""),
    ("x=V; cat <<EOF\na\\\"b $x\nEOF", ""),
    ("cat <<'EOF'\na\\\"b $x", ""),
    ("ulimit -n abc; echo $?; ulimit -y; echo $?", ""),
    ("ulimit -S -n 99999999; echo $?", ""),
    ("ulimit -a 32 | wc -l; ulimit -t", ""),
    ("exit 99999999999999999999", ""),
]


@pytest.mark.parametrize("script,closed", LIKE_BASH)
def test_like_bash(script, closed, tmp_path):
    same_as_bash(script, tmp_path, closed)


def test_closed_stdout_write_error_then_carries_on(tmp_path):
    out, err, status = same_as_bash("echo one; echo two > f; cat f >&2", tmp_path, ">&-")
    assert err == "minish: echo: write error: Bad file descriptor\ntwo\n"


def test_closed_stdin_shell_reads_no_commands(tmp_path):
    proc = subprocess.run(["dash", "-c", '"$@" <&-', "dash", MINISH], cwd=tmp_path,
                          env=shell_env(tmp_path), capture_output=True, timeout=30)
    assert (proc.stdout, proc.stderr, proc.returncode) == (b"", b"", 0)


def test_no_open_lands_on_a_closed_std_fd(tmp_path):
    """With fd 1 closed, a file the shell opens must not become stdout."""
    script = "echo x > f; exec 3< f; /bin/echo visible 2>/dev/null; cat <&3 >&2"
    out, err, status = run(MINISH, script, tmp_path, ">&-")
    assert err == "x\n"                        # /bin/echo found fd 1 closed


def test_ids_try_refuses_bad_ids(tmp_path):
    out, err, status = run(MINISH, "ids try setuid -5; echo $?", tmp_path)
    assert err == "minish: ids: setuid: '-5' is not a user/group id or name\n"
    assert out == "2\n"


def test_ids_try_setgid_explains_the_gid_rule(tmp_path):
    out, _, _ = run(MINISH, "ids try setgid 5 then seteuid 65534", tmp_path)
    assert "setgid sets all three IDs" in out and "setuid sets" not in out
    assert "seteuid(65534) = 0  ->" in out


# -- nesting -----------------------------------------------------------------------

def nested(opening: str, closing: str, n: int) -> str:
    return opening * n + "echo x" + closing * n


DEEP = [nested("$(", ")", 120), nested("( ", " )", 400), nested("{ ", "; }", 400),
        nested("if true; then ", "; fi", 300), nested("while false; do ", "; done", 300)]


@pytest.mark.parametrize("line", DEEP, ids=["cmdsub", "subshell", "group", "if", "while"])
def test_deep_nesting_from_a_pipe_reports_and_goes_on(line, tmp_path):
    proc = subprocess.run([MINISH], input=f"{line}\necho next\n", cwd=tmp_path, text=True,
                          env=shell_env(tmp_path), capture_output=True, timeout=60)
    assert proc.stderr == "minish: commands nested too deeply (more than 100 levels)\n"
    assert proc.stdout == "next\n"


@pytest.mark.parametrize("line", DEEP[:2], ids=["cmdsub", "subshell"])
def test_deep_nesting_in_c_mode(line, tmp_path):
    out, err, status = run(MINISH, line, tmp_path)
    assert (err, status) == ("minish: commands nested too deeply (more than 100 levels)\n", 2)


def test_nesting_up_to_the_limit_runs(tmp_path):
    assert run(MINISH, nested("( ", " )", 100), tmp_path)[:2] == ("x\n", "")
    assert run(MINISH, nested("echo $(", ")", 99), tmp_path)[:2] == ("x\n", "")


def test_deep_nesting_typed_at_the_prompt(tmp_path):
    session = Session(tmp_path)
    try:
        assert "nested too deeply" in session.run(nested("( ", " )", 400))
        assert session.status() == 2
        assert session.run("echo next").strip() == "next"
    finally:
        session.close()


# -- output into a pipe nobody reads -------------------------------------------------

def into_closed_pipe(argv, tmp_path):
    """Run with stdout a pipe whose read end is already closed."""
    r, w = os.pipe()
    os.close(r)
    try:
        proc = subprocess.run(argv, stdout=w, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              cwd=tmp_path, env=shell_env(tmp_path), timeout=30)
    finally:
        os.close(w)
    return proc.returncode, proc.stderr


@pytest.mark.parametrize("args", [["lesson"], ["lesson", "pipes"], ["--help"],
                                  ["demo", "--help"], ["-c", "echo hi"], ["-c", "ulimit -a"],
                                  ["-c", "kill -l"], ["-c", "help"]])
def test_writing_into_a_closed_pipe_dies_of_sigpipe(args, tmp_path):
    assert into_closed_pipe([MINISH, *args], tmp_path) == (-signal.SIGPIPE, b"")


def test_bash_builtins_die_of_sigpipe_too(tmp_path):
    assert into_closed_pipe(["bash", "-c", "echo hi"], tmp_path) == (-signal.SIGPIPE, b"")


def test_internal_error_in_a_tests_output_fails_it(pytester, capfd):
    """The conftest hook: a test whose output says "internal error" fails.
    (The inner run's report is read off with capfd, or the hook would see
    it in this test's own output.)"""
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text())
    pytester.makepyfile(test_inner="""
        import os
        def test_shows_one():
            os.write(2, b"minish: internal error: KeyError: 'x'\\n")
        def test_clean():
            os.write(2, b"minish: x: command not found\\n")
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    capfd.readouterr()
    result.assert_outcomes(passed=1, failed=1)


# -- the fuzz test ---------------------------------------------------------------------

SAFE_PROGRAMS = ["echo", "cat", "wc", "printf", "head", "test", "[", "env"]   # none loops
WORDS = ["a", "'q t'", '"$x"', "$x", "${x:-d}", "${x%a}", "${#x}", "${x?}", "${x:?m}",
         "${x=v}", "${1}", "$((1+2))", "$((x*x))", "$((1<<63))", "$((1/0))", "$((x _ 1))",
         "$(echo s)", "`echo b`", "*", "~", "\\$", "$?", "$#", "$@", "\"$@\"", "$$", "-n",
         "99999999999999999999", "-1", "0777", "%1", "INT", "32", "'", "\"", "${x!}", "${"]
COMMANDS = SAFE_PROGRAMS + ["true", "false", ":", "x=1", "x=$x$x", "cd", "export", "unset",
                            "set --", "shift", "read", "return", "break", "continue", "umask",
                            "trap", "type", "ulimit -a", "history", "jobs", "wait",
                            "help", "times", "kill -l", "nosuch", "f", "echo >&-", "local"]
REDIRECTIONS = ["> o", ">> o", "< o", "2>&1", ">&-", "<&-", "3>&1", "2>/dev/null", "9>&2",
                "> /nonexistent/x", "<&9", "<<EOF\nbody $x\nEOF\n", "<<'E'\n$x\nE\n", "<> o"]
SHAPES = ["( {} )", "{{ {}; }}", "if {}; then {}; fi", "for i in a b; do {}; done",
          "while false; do {}; done", "case a in a) {};; *) {};; esac", "g() {{ {}; }}; g",
          "echo $({})", "! {}", "{} | {}", "{} && {}", "{} || {}", "{}; {}", "{} &"]
NOISE = st.text(alphabet=" ;|&<>()$`'\"\\{}=*?[]#~!019ax\n", max_size=24)


@st.composite
def command_lines(draw, depth=0):
    if depth < 2 and draw(st.booleans()):
        shape = draw(st.sampled_from(SHAPES))
        holes = shape.count("{}")
        inner = [draw(command_lines(depth + 1)) for _ in range(holes)]
        return shape.format(*inner)
    words = [draw(st.sampled_from(COMMANDS))]
    words += draw(st.lists(st.sampled_from(WORDS), max_size=3))
    words += draw(st.lists(st.sampled_from(REDIRECTIONS), max_size=1))
    if draw(st.integers(0, 9)) == 0:
        words.append(draw(NOISE))
    return " ".join(words)


@pytest.fixture(scope="module")
def fuzz_bin(tmp_path_factory):
    """A PATH of harmless programs only: no rm, no kill, no ipcrm."""
    path = tmp_path_factory.mktemp("fuzzbin")
    for name in SAFE_PROGRAMS:
        os.symlink(shutil.which(name), path / name)
    return path


@settings(max_examples=600, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(command_lines(), min_size=1, max_size=4))
def test_fuzz_never_an_internal_error(lines, fuzz_bin, tmp_path_factory):
    scratch = tmp_path_factory.mktemp("fuzz")
    (scratch / "d").mkdir()
    env = {**shell_env(scratch), "PATH": str(fuzz_bin)}
    script = "\n".join(lines)
    try:
        proc = subprocess.run([MINISH, "-c", script, "arg0", "p1"], cwd=scratch, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    err = proc.stderr.decode("utf-8", "replace")
    assert "internal error" not in err, script
    assert "Traceback" not in err, script
    assert proc.returncode >= 0 or proc.returncode == -signal.SIGPIPE, script


def test_fuzz_vocabulary_has_no_dangerous_command():
    """The fuzz test must never run something that reaches outside its directory."""
    everything = " ".join(COMMANDS + WORDS + REDIRECTIONS + SHAPES)
    for word in ("rm", "kill -9", "kill 0", "ipcrm", "accton", "exec", "ulimit -n", ".."):
        assert word not in everything.replace("kill -l", "")
