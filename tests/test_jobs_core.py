"""Jobs own fork and wait: Ctrl-C, Ctrl-Z and kill act on loops, lists and scripts.

Each scenario was first run with bash at a pty (same keys, same lines) and
asserts what bash does.  Keys are sent only once the foreground program is
really running (its process is seen in /proc), never after a bare sleep.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid

import pexpect
import pytest

from conftest import MINISH, shell_env
from interactive import PROMPT, Session, process_states, tagged_pids, wait_for
from test_interactive import in_foreground


@pytest.fixture
def sh(tmp_path):
    session = Session(tmp_path)
    yield session
    session.close()


def start(sh, line: str, command: str) -> list[int]:
    """Type `line`, and return once a `command` process of it is running."""
    sh.child.sendline(line)
    pids: list[int] = []
    assert wait_for(lambda: pids.extend(tagged_pids(sh.tag, command)) or pids, 10), \
        f"{command} never started"
    return pids


def after_key(sh, key: str) -> str:
    """Press Ctrl-`key`; return what came before the next prompt, without
    the echo of the line that was typed."""
    sh.control(key)
    out = sh.prompt().replace("\r\n", "\n")
    return out.split("\n", 1)[1] if "\n" in out else out


# ---- Ctrl-C abandons the whole command line ------------------------------------------

@pytest.mark.parametrize("line", [
    "while true; do sleep 5; done; echo after",
    "for i in 1 2 3; do sleep 5; echo round$i; done",
    "sleep 5; echo after",
    "sleep 5 && echo after",
    "f() { sleep 5; echo in-f; }; f; echo after-f",
    "until false; do sleep 5; done",
])
def test_ctrl_c_abandons_loops_lists_and_functions(sh, line):
    start(sh, line, "sleep")
    out = after_key(sh, "c")
    assert "after" not in out and "round" not in out and "in-f" not in out
    assert sh.status() == 130


def test_ctrl_c_abandons_a_sourced_script(sh, tmp_path):
    (tmp_path / "lib.sh").write_text("sleep 5\necho still-here\n")
    start(sh, ". ./lib.sh; echo after", "sleep")
    out = after_key(sh, "c")
    assert "still-here" not in out and "after" not in out
    assert sh.status() == 130


def test_ctrl_backslash_abandons_the_loop_with_131(sh):
    start(sh, "while true; do sleep 5; done; echo after", "sleep")
    out = after_key(sh, "\\")
    assert "after" not in out
    assert sh.status() == 131


def test_a_child_that_catches_sigint_does_not_stop_the_loop(sh, tmp_path):
    # The program catches SIGINT and exits normally (as python3's REPL or
    # less would): bash waits for it, sees no death by SIGINT, goes on.
    (tmp_path / "catcher.py").write_text(
        "import signal, sys, time\n"
        "signal.signal(signal.SIGINT, lambda *a: sys.exit(0))\n"
        "print('ready', flush=True)\n"
        "time.sleep(10)\n")
    sh.child.sendline(f"for i in 1 2; do {sys.executable} catcher.py; echo round$i; done")
    sh.child.expect_exact("ready")
    sh.control("c")
    sh.child.expect_exact("round1")
    sh.child.expect_exact("ready")                     # the loop went on
    sh.control("c")
    out = sh.prompt()
    assert "round2" in out
    assert sh.status() == 0


# ---- Ctrl-Z leaves loops, not lists ---------------------------------------------------

def test_ctrl_z_in_a_loop_stops_the_job_and_leaves_the_loop(sh):
    pids = start(sh, "while true; do sleep 5; done", "sleep")
    out = after_key(sh, "z")
    assert "Stopped" in out and "sleep 5" in out
    assert sh.status() == 148
    assert "[1]+  Stopped                 sleep 5" in sh.run("jobs")
    assert process_states(pids) == ["T"]
    sh.run("kill %1")


def test_ctrl_z_ends_the_loop_but_the_list_goes_on(sh):
    start(sh, "for i in 1 2; do sleep 5; echo round$i; done; echo after", "sleep")
    out = after_key(sh, "z")
    assert "round" not in out and "after" in out      # as bash: only the loops end
    sh.run("kill %1")


# ---- kill of a stopped job ----------------------------------------------------------------

def test_kill_of_a_stopped_job_continues_it_so_it_terminates(sh):
    pids = start(sh, "sleep 30", "sleep")
    after_key(sh, "z")
    assert process_states(pids) == ["T"]
    out = sh.run("kill %1")                           # SIGTERM, then SIGCONT
    assert wait_for(lambda: process_states(pids) == ["gone"])
    assert "[1]+  Terminated              sleep 30" in out


def test_kill_by_pid_of_a_stopped_job(sh):
    pids = start(sh, "sleep 30", "sleep")
    after_key(sh, "z")
    sh.run(f"kill {pids[0]}")
    assert wait_for(lambda: process_states(pids) == ["gone"])


# ---- a shell started with job-control signals ignored -------------------------------------

class IgnoringSession(Session):
    """minish started by a parent that ignores the job-control signals."""

    def __init__(self, tmp_path) -> None:
        self.tag = uuid.uuid4().hex
        env = shell_env(tmp_path)
        env.update(PS1=PROMPT + " ", MINISH_TEST_TAG=self.tag, MINISH_EDITOR="plain")
        starter = ("import os, signal, sys\n"
                   "for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN,"
                   " signal.SIGTTOU):\n    signal.signal(s, signal.SIG_IGN)\n"
                   "os.execv(sys.argv[1], sys.argv[1:])\n")
        self.child = pexpect.spawn(sys.executable, ["-c", starter, MINISH], env=env,
                                   cwd=str(tmp_path), encoding="utf-8", timeout=10)
        self.prompt()


def test_children_get_default_signals_even_if_the_shell_was_started_ignoring_them(tmp_path):
    # A tmux pane command, or `nohup`, may start the shell with these ignored;
    # `cat &` must still stop on SIGTTIN instead of reading EIO.
    session = IgnoringSession(tmp_path)
    try:
        session.run("cat &")
        assert wait_for(lambda: process_states(tagged_pids(session.tag, "cat")) == ["T"])
        assert "Stopped (tty input)" in session.run("jobs")
        start(session, "sleep 5; echo after", "sleep")
        out = after_key(session, "c")                  # SIGINT at its default in the job
        assert "after" not in out
    finally:
        session.close()


# ---- job texts come from the node that runs -------------------------------------------------

def test_job_text_after_a_trap_and_a_sourced_file(sh, tmp_path):
    (tmp_path / "lib.sh").write_text("f() {\n  sleep 31\n}\n")
    sh.run("trap 'true' USR1; kill -USR1 $$")
    sh.run(". ./lib.sh")
    out = sh.run("f &")
    assert out.startswith("[1] ")
    assert "[1]+  Running                 f &" in sh.run("jobs")
    out = sh.run("sleep 32 &")
    assert "sleep 32 &" in sh.run("jobs")
    sh.run("kill %1 %2")


def test_job_text_inside_an_enoexec_script(tmp_path):
    script = tmp_path / "noshebang"
    script.write_text("sleep 33 &\njobs\nkill %1\n")
    script.chmod(0o755)
    out = subprocess.run([MINISH, "-c", "./noshebang"], cwd=tmp_path, env=shell_env(tmp_path),
                         capture_output=True, text=True, timeout=20)
    assert "Running                 sleep 33 &" in out.stdout, out


# ---- scripts: background stdin, failures in children --------------------------------------

@pytest.mark.parametrize("shell", ["bash", "dash", MINISH])
def test_background_job_of_a_script_reads_dev_null(shell):
    out = subprocess.run([shell, "-c", "cat & wait"], input="hi\n", capture_output=True,
                         text=True, timeout=20)
    assert out.stdout == "" and out.returncode == 0


def test_failure_in_a_child_is_reported_as_in_the_parent(tmp_path):
    for line in ["( cat ) < /nonexistent", "cat < /nonexistent | cat", "{ cat; } < /nonexistent"]:
        mine = subprocess.run([MINISH, "-c", line + "; echo $?"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=20)
        bash = subprocess.run(["bash", "-c", line + "; echo $?"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=20)
        assert mine.stdout == bash.stdout
        assert mine.stderr == "minish: /nonexistent: No such file or directory\n"
        assert "internal error" not in mine.stderr


def test_a_script_interrupted_in_a_loop_dies_of_sigint(tmp_path):
    # The script's shell itself gets SIGINT (same process group) and the
    # child dies of it: the script must end, and end *by* SIGINT.
    script = tmp_path / "loop.sh"
    script.write_text("trap 'echo bye' EXIT\nwhile true; do sleep 5; done\necho after\n")
    proc = subprocess.Popen([MINISH, str(script)], cwd=tmp_path, stdout=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        assert wait_for(lambda: any(_is_sleep_child(pid, proc.pid)
                                    for pid in _children(proc.pid)), 10)
        os.killpg(proc.pid, signal.SIGINT)               # what Ctrl-C does to the group
        out, _ = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert "after" not in out and "bye" in out
    assert proc.returncode == -signal.SIGINT


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _is_sleep_child(pid: int, parent: int) -> bool:
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip() == "sleep"
    except OSError:
        return False


# ---- notices come before the next prompt -----------------------------------------------

def test_done_notice_comes_before_the_next_prompt(sh):
    out = sh.run("sleep 0.1 & sleep 0.5")
    assert "[1]+  Done                    sleep 0.1" in out


def test_killed_notice_comes_before_the_next_prompt(sh):
    out = sh.run("sleep 34 &")
    pid = int(out.split()[1])
    out = sh.run("kill -9 %1")
    assert wait_for(lambda: process_states([pid]) == ["gone"])
    assert "[1]+  Killed                  sleep 34" in out


def test_a_script_may_use_fd_10_at_the_prompt(sh, tmp_path):
    # The shell's own copy of the terminal sits at 255, as bash's does:
    # `exec 10>lock` (the flock idiom) must not take it away.
    sh.run("exec 10>lock")
    assert sh.run("ls lock") == "lock\n"
    start(sh, "sleep 5; echo after", "sleep")
    assert "after" not in after_key(sh, "c")           # job control still works


@pytest.mark.parametrize("shell", ["bash", MINISH])
def test_dollar_bang_of_a_background_pipeline_is_its_last_stage(shell, tmp_path):
    # Until it execs, a stage is a copy of the shell: wait (a bounded loop, on
    # the condition) for $!'s process to become cat or sleep, then name it.
    script = ("sleep 2 | cat & pid=$!; jobs -p > /dev/null; for i in $(seq 2000); do "
              "c=$(ps -o comm= -p $pid); case $c in cat|sleep) break;; esac; done; echo \"$c\"; "
              "kill %1")
    out = subprocess.run([shell, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                         timeout=20)
    assert out.stdout == "cat\n"


def test_jobs_get_sighup_when_the_terminal_goes(sh):
    # bash passes SIGHUP on to every job, running or stopped: nothing the
    # student started outlives the terminal window.
    sh.run("sleep 301 &")
    sh.child.sendline("sleep 302")
    assert wait_for(lambda: in_foreground(sh.tag, "sleep"))
    after_key(sh, "z")
    pids = tagged_pids(sh.tag, "sleep")
    assert len(pids) == 2
    sh.child.close(force=False)                         # the terminal goes away
    assert wait_for(lambda: process_states(pids) == ["gone", "gone"])
