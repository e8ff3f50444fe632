"""`set -o spawn` (minish -o spawn): programs start with posix_spawn.

The same spec cases as test_spec.py, for the files where processes,
pipes and redirections are made, run by `minish -o spawn` and by bash; the
narration shows which path ran; job control at a real pty still works
(Ctrl-C, Ctrl-Z, fg, a program reading the terminal).  The strace truth
test for the spawn path is in test_trace.py.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import MINISH, shell_env
from interactive import Session, process_states, tagged_pids, wait_for
from test_interactive import in_foreground
from test_spec import CASES, INTERNAL, snapshot

SPAWN_FILES = ("redirect", "pipeline", "exec", "heredoc", "cmdsub", "subshell", "robust",
               "trap", "control")
SPAWN_CASES = [c for c in CASES if c.file.split("/")[-1].split(".")[0] in SPAWN_FILES]


def run_case(argv: list[str], script: str, tmp) -> tuple[str, int, dict, str]:
    work = tmp / "work"
    work.mkdir(parents=True)
    (tmp / "home").mkdir()
    proc = subprocess.run([*argv, "-c", script, "sh"], cwd=work, env=shell_env(tmp / "home"),
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
    return (proc.stdout.decode("utf-8", "replace"), proc.returncode, snapshot(work),
            proc.stderr.decode("utf-8", "replace"))


def test_enough_spawn_cases():
    assert len(SPAWN_CASES) >= 150


@pytest.mark.parametrize("case", SPAWN_CASES, ids=[c.id for c in SPAWN_CASES])
def test_spec_with_spawn(case, tmp_path):
    run_dir = tmp_path / "run"
    out, status, files, err = run_case([MINISH, "-o", "spawn"], case.script, run_dir)
    assert not any(text in err for text in INTERNAL), f"minish failed inside:\n{err}"
    if case.stdout is not None:
        assert out == case.stdout, "stdout differs from the case's expectation"
    if case.status is not None:
        assert status == case.status, "status differs from the case's expectation"
    if case.bash_differs:
        return
    shutil.rmtree(run_dir)
    b_out, b_status, b_files, _ = run_case(["bash"], case.script, run_dir)
    assert (out, status) == (b_out, b_status), "minish -o spawn and bash disagree"
    assert files == b_files, "minish -o spawn and bash left different files"


def narrate(line: str, tmp_path, *options: str) -> str:
    proc = subprocess.run([MINISH, *options, "--trace", "-c", line], cwd=tmp_path,
                          env=shell_env(tmp_path), capture_output=True, text=True, timeout=20,
                          start_new_session=True)      # narration to stderr, not /dev/tty
    assert "Traceback" not in proc.stderr
    return proc.stderr


def test_spawn_is_what_runs_and_fork_stays_the_default(tmp_path):
    assert "posix_spawn(" in narrate("/bin/true", tmp_path, "-o", "spawn")
    assert "CLONE_VFORK" in narrate("/bin/true", tmp_path, "-o", "spawn")
    default = narrate("/bin/true", tmp_path)
    assert "posix_spawn(" not in default and "fork() = " in default
    off = narrate("set +o spawn; /bin/true", tmp_path, "-o", "spawn")
    assert "posix_spawn(" not in off and "fork() = " in off


@pytest.mark.parametrize("line, why", [
    ("cat <<EOF\nhi\nEOF", "here-document"),
    ("cat <<< hi", "here-document"),
    ("echo $(echo x) | cat", "side effect"),
    ("set -C; cat > f", "set -C"),
    ("cat < missing", "runs the command again by fork"),
])
def test_what_posix_spawn_cannot_say_falls_back_to_fork_and_says_so(line, why, tmp_path):
    text = narration = narrate(line, tmp_path, "-o", "spawn")
    assert why in text, narration
    assert "fork() = " in text


def test_signals_the_shell_ignores_are_not_inherited(tmp_path):
    # Python ignores SIGPIPE; the spawned `yes` must die of it (setsigdef),
    # not loop on EPIPE errors.
    proc = subprocess.run([MINISH, "-o", "spawn", "-c",
                           "yes | head -1; echo ${PIPESTATUS[@]}"], cwd=tmp_path,
                          env=shell_env(tmp_path), capture_output=True, text=True, timeout=20)
    assert proc.stdout == "y\n141 0\n"
    assert proc.stderr == ""


@pytest.fixture
def sh(tmp_path):
    session = Session(tmp_path)
    session.run("set -o spawn")
    yield session
    session.close()


def test_ctrl_z_stops_a_spawned_job_and_fg_resumes_it(sh):
    sh.child.sendline("sleep 30")
    assert in_foreground(sh.tag, "sleep")
    sh.control("z")
    assert "Stopped" in sh.prompt()
    pids = tagged_pids(sh.tag, "sleep")
    assert process_states(pids) == ["T"]
    sh.child.sendline("fg")
    assert in_foreground(sh.tag, "sleep")
    sh.control("c")
    sh.prompt()
    assert wait_for(lambda: process_states(pids) == ["gone"])
    assert sh.status() == 130


def test_ctrl_c_kills_every_stage_of_a_spawned_pipeline(sh):
    sh.child.sendline("sleep 30 | sleep 31")
    assert in_foreground(sh.tag, "sleep", 2)
    pids = tagged_pids(sh.tag, "sleep")
    sh.control("c")
    sh.prompt()
    assert wait_for(lambda: process_states(pids) == ["gone", "gone"])
    assert sh.status() == 130


def test_a_spawned_program_reads_the_terminal(sh):
    # The job gets the terminal from the shell after posix_spawn returns;
    # a `cat` that read first was stopped (SIGTTIN) and is continued.
    for _ in range(5):
        sh.child.sendline("cat")
        assert in_foreground(sh.tag, "cat")
        sh.child.sendline("typed line")
        sh.child.expect_exact("typed line")
        sh.child.expect_exact("typed line")     # the tty's echo, then cat's copy
        sh.control("d")
        sh.prompt()
        assert sh.status() == 0


def test_quick_programs_at_the_prompt(sh):
    # A spawned program may have exited (a zombie) before the shell hands it
    # the terminal; looking at it must not fail (waitid wants WEXITED then).
    sh.run("set -o spawn")
    assert sh.run("for i in 1 2 3 4 5 6 7 8 9 10; do /bin/true; done; echo st=$?") == "st=0\n"
    assert sh.run("/bin/echo hi") == "hi\n"
