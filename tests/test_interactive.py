"""The interactive shell at a real pty: prompt, job control, signals, editing.

Scenarios follow the CS:APP shell-lab traces and Oils' spec/stateful
job-control cases.  Most run with plain line input (what lessons use);
the editor tests at the end run the full prompt_toolkit editor.
"""
from __future__ import annotations

import re

import pexpect
import pytest

from interactive import Session, process_states, tagged_pids, wait_for


def in_foreground(tag: str, command: str, count: int = 1) -> bool:
    """Wait until `count` `command` processes of the session hold the terminal:
    their process group is the terminal's foreground group (proc(5) stat:
    pgrp == tpgid), so a Ctrl-C or Ctrl-Z typed now goes to them."""
    def ready() -> bool:
        holding = 0
        for pid in tagged_pids(tag, command):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            holding += fields[0] in "RS" and fields[2] == fields[5]
        return holding >= count
    return wait_for(ready)


def signal_reached(pid: int, signum: int) -> bool:
    """Has `signum` been sent to `pid`: pending (proc(5) SigPnd/ShdPnd), or it died?"""
    try:
        with open(f"/proc/{pid}/status") as f:
            masks = [int(line.split()[1], 16) for line in f
                     if line.startswith(("SigPnd:", "ShdPnd:"))]
    except OSError:
        return True
    return process_states([pid]) != ["S"] or any(m & (1 << (signum - 1)) for m in masks)


def stop_in_foreground(sh, command: str, stages: int = 1) -> str:
    """Run `command` in the foreground, press Ctrl-Z once its `stages` processes
    hold the terminal; return what was printed."""
    sh.child.sendline(command)
    assert in_foreground(sh.tag, command.split()[0], stages)
    sh.control("z")
    return sh.prompt()


@pytest.fixture
def sh(tmp_path):
    session = Session(tmp_path)
    yield session
    session.close()


def test_runs_a_command(sh):
    assert sh.run("echo hello") == "hello\n"


def test_pipeline(sh):
    assert sh.run("printf 'b\\na\\n' | sort | head -1") == "a\n"


def test_status_of_last_command(sh):
    sh.run("false")
    assert sh.status() == 1


def test_background_job_announced_and_reported_done(sh):
    out = sh.run("sleep 0.2 &")
    assert out.startswith("[1] ")
    pid = int(out.split()[1])
    assert wait_for(lambda: process_states([pid]) == ["gone"])    # reaped by SIGCHLD
    out = sh.run("")
    assert "[1]+  Done                    sleep 0.2" in out
    assert process_states([pid]) == ["gone"]          # reaped, no zombie


def test_background_job_is_reaped_promptly_without_enter(sh):
    out = sh.run("sleep 0.2 &")
    pid = int(out.split()[1])
    assert wait_for(lambda: process_states([pid]) == ["gone"], 3)


def test_kill_right_after_starting_a_job_is_not_lost(sh):
    """The shell ignores SIGTERM; a child must not lose a SIGTERM that comes
    before it has put the default back (bash: st=143 every time)."""
    for _ in range(5):
        out = sh.run("sleep 30 & kill $!; wait $!; echo st=$?")
        assert "st=143" in out


def test_dollar_bang(sh):
    out = sh.run("sleep 5 &")
    pid = out.split()[1]
    assert sh.run("echo $!").strip() == pid
    sh.run("kill %1")


def test_jobs_lists_running_jobs(sh):
    sh.run("sleep 30 &")
    sh.run("sleep 31 &")
    out = sh.run("jobs")
    assert "[1]-  Running                 sleep 30 &" in out
    assert "[2]+  Running                 sleep 31 &" in out
    out = sh.run("jobs -p")
    assert len(out.split()) == 2


def test_ctrl_z_stops_the_foreground_job(sh):
    out = stop_in_foreground(sh, "sleep 30")
    assert "[1]+  Stopped                 sleep 30" in out
    assert process_states(tagged_pids(sh.tag, "sleep")) == ["T"]
    assert sh.status() == 148                       # 128 + SIGTSTP


def test_fg_resumes_a_stopped_job(sh):
    stopped = stop_in_foreground(sh, "sleep 0.5; echo finished")
    assert "finished" in stopped                    # as in bash, the rest of the list runs on
    out = sh.run("fg %1")
    assert "finished" not in out
    assert "sleep 0.5" in out


def test_fg_by_pid(sh):
    stop_in_foreground(sh, "sleep 0.3")
    pid = tagged_pids(sh.tag, "sleep")[0]
    out = sh.run(f"fg {pid}")
    assert "sleep 0.3" in out
    assert sh.status() == 0


def test_bg_continues_in_the_background(sh):
    stop_in_foreground(sh, "sleep 30")
    assert sh.run("bg %1") == "[1]+ sleep 30 &\n"
    assert process_states(tagged_pids(sh.tag, "sleep")) in (["S"], ["R"])
    assert "Running" in sh.run("jobs")


def test_bg_by_pid(sh):
    stop_in_foreground(sh, "sleep 30")
    pid = tagged_pids(sh.tag, "sleep")[0]
    assert sh.run(f"bg {pid}") == "[1]+ sleep 30 &\n"


def test_ctrl_z_stops_every_stage_and_fg_resumes_all(sh):
    stop_in_foreground(sh, "sleep 30 | sleep 31 | sleep 32", stages=3)
    pids = tagged_pids(sh.tag, "sleep")
    assert len(pids) == 3
    assert process_states(pids) == ["T", "T", "T"]
    sh.run("bg")
    assert all(s in "SR" for s in process_states(pids))
    sh.child.sendline("fg")
    assert in_foreground(sh.tag, "sleep", 3)
    sh.control("c")
    sh.prompt()
    assert wait_for(lambda: process_states(pids) == ["gone"] * 3)


def test_ctrl_c_reaches_every_process_of_the_foreground_group(sh, tmp_path):
    trap = "trap 'echo {0} > got_{0}; exit 0' INT; sleep 10 & wait"
    sh.child.sendline(f'sh -c "{trap.format("a")}" | sh -c "{trap.format("b")}"')
    assert in_foreground(sh.tag, "sleep", 2)         # each sh set its trap, then slept
    sh.control("c")
    sh.prompt()
    assert wait_for(lambda: (tmp_path / "got_a").exists() and (tmp_path / "got_b").exists())


def test_ctrl_c_does_not_reach_background_jobs(sh, tmp_path):
    sh.run("sh -c \"trap 'echo bg > got_bg' INT; sleep 30\" &")
    assert wait_for(lambda: len(tagged_pids(sh.tag, "sleep")) == 1)   # its trap is set
    [background] = tagged_pids(sh.tag, "sleep")
    sh.child.sendline("sleep 10")
    assert in_foreground(sh.tag, "sleep")
    sh.control("c")
    sh.prompt()                                      # the foreground sleep died of it, so
    assert not signal_reached(background, 2)         # a SIGINT sent to the job would show
    assert not (tmp_path / "got_bg").exists()
    assert "Running" in sh.run("jobs")


def test_ctrl_c_does_not_kill_the_shell(sh):
    sh.child.sendline("sleep 10")
    assert in_foreground(sh.tag, "sleep")
    sh.control("c")
    sh.prompt()
    assert sh.status() == 130
    assert sh.run("echo alive") == "alive\n"


def test_ctrl_c_at_the_prompt_discards_the_line(sh):
    sh.send("echo discarded")
    sh.control("c")
    sh.prompt()
    assert sh.status() == 130
    assert "discarded" not in sh.run("echo next")


@pytest.mark.parametrize("command", ["read x", "while :; do :; done"])
def test_ctrl_c_in_a_builtin_ends_the_line_before_the_prompt(sh, command):
    sh.child.sendline(command)
    sh.child.expect_exact(command + "\r\n")
    sh.control("c")
    assert sh.prompt() == "^C\r\n"                # bash too: ^C, newline, prompt
    assert sh.status() == 130


def test_kill_job_reports_terminated(sh):
    sh.run("sleep 30 &")
    # As in bash, the notice comes before the very next prompt.
    assert "[1]+  Terminated              sleep 30" in sh.run("kill %1")


def test_kill_signal_names_and_numbers(sh):
    sh.run("sleep 30 &")
    assert "Killed" in sh.run("kill -KILL %1")
    sh.run("sleep 30 &")
    assert "Killed" in sh.run("kill -9 %1")
    assert sh.run("kill -l 137").strip() == "KILL"


def test_kill_of_a_dead_pid(sh):
    out = sh.run("kill 999999")
    assert "minish: kill: (999999) - No such process" in out
    assert sh.status() == 1


def test_fg_with_no_jobs(sh):
    assert "minish: fg: current: no such job" in sh.run("fg")
    assert sh.status() == 1


def test_unknown_job_spec(sh):
    assert "minish: fg: %7: no such job" in sh.run("fg %7")
    assert "minish: kill: %7: no such job" in sh.run("kill %7")


def test_foreground_killed_by_signal(sh):
    out = sh.run("sh -c 'kill -KILL $$'")
    assert "Killed" in out
    assert sh.status() == 137


def test_wait_for_a_background_job(sh):
    sh.run("(sleep 0.3; exit 7) &")
    sh.run("wait %1")
    assert sh.status() == 7


def test_background_tty_reader_is_stopped(sh):
    out = sh.run("cat &")                           # the notice may come at once,
    assert wait_for(lambda: process_states(tagged_pids(sh.tag, "cat")) == ["T"])
    out += sh.run("")                               # or before the next prompt
    assert "[1]+  Stopped (tty input)     cat" in out
    assert process_states(tagged_pids(sh.tag, "cat")) == ["T"]
    sh.run("kill -KILL %1")


def test_continuation_prompt_for_open_quote(sh):
    sh.child.sendline("echo 'one")
    sh.child.expect_exact("> ")
    sh.child.sendline("two'")
    out = sh.prompt()
    assert "one\r\ntwo" in out


def test_continuation_prompt_for_trailing_pipe_and_and(sh):
    sh.child.sendline("echo abc |")
    sh.child.expect_exact("> ")
    sh.child.sendline("tr a-c A-C &&")
    sh.child.expect_exact("> ")
    sh.child.sendline("echo done")
    out = sh.prompt()
    assert "ABC" in out and "done" in out


def test_continuation_prompt_for_backslash(sh):
    sh.child.sendline("echo con\\")
    sh.child.expect_exact("> ")
    sh.child.sendline("tinued")
    assert "continued" in sh.prompt()


def test_syntax_error_keeps_the_shell(sh):
    assert "minish: syntax error near unexpected token `;;'" in sh.run("echo a ;; b")
    assert sh.status() == 2
    assert sh.run("echo ok") == "ok\n"


def test_ctrl_d_exits_with_last_status(sh):
    sh.run("sh -c 'exit 5'")
    sh.control("d")
    sh.child.expect(pexpect.EOF)
    sh.child.close()
    assert sh.child.exitstatus == 5


def test_exit_with_stopped_jobs_warns_once(sh):
    stop_in_foreground(sh, "sleep 30")
    assert "There are stopped jobs." in sh.run("exit")
    sh.child.sendline("exit")
    sh.child.expect(pexpect.EOF)


def test_ctrl_d_with_stopped_jobs_warns_once(sh):
    stop_in_foreground(sh, "sleep 30")
    sh.control("d")
    assert "There are stopped jobs." in sh.prompt()
    sh.control("d")
    sh.child.expect(pexpect.EOF)


def test_program_that_leaves_the_terminal_raw(sh):
    sh.run("stty raw -echo")
    out = sh.run("stty -a")
    assert " icanon" in out and " echo " in out


def test_binary_output_then_a_working_prompt(sh):
    sh.run("head -c 3000 /dev/urandom")
    sh.child.sendline("")
    sh.prompt()
    assert sh.run("echo alive") == "alive\n"


def test_huge_pasted_line(sh):
    word = "x" * 3000
    out = sh.run(f"echo {word} | wc -c")
    assert out.strip().endswith("3001")


def test_history_builtin(sh):
    sh.run("echo one")
    sh.run("echo two")
    out = sh.run("history")
    assert "echo one" in out and "echo two" in out and "history" in out


def test_exec_redirection_survives_in_the_shell(sh, tmp_path):
    sh.run("exec 3> fd3.txt")
    sh.run("echo via-three >&3")
    sh.run("exec 3>&-")
    assert (tmp_path / "fd3.txt").read_text() == "via-three\n"


# ---- the full editor (prompt_toolkit) at a pty ------------------------------

@pytest.fixture
def editor(tmp_path):
    session = Session(tmp_path, editor="full")
    yield session
    session.close()


def test_editor_history_recall_with_up_arrow(editor):
    # Typed text and output differ ($((...))), so matching the output proves
    # the recalled line ran; the editor redraws the prompt as keys arrive.
    editor.child.sendline("echo first-$((40 + 2))")
    editor.child.expect_exact("first-42")
    editor.send("\x1b[A")                          # up
    editor.child.expect(r"first-(\x1b\[[0-9;]*m)*\$\(\(")   # the recalled line is drawn
    editor.send("\r")
    editor.child.expect_exact("first-42")


def test_editor_tab_completes_a_file_name_with_a_space(editor, tmp_path):
    (tmp_path / "my file.txt").write_text("content-of-file\n")
    editor.send("cat my")
    editor.send("\t")
    editor.child.expect_exact("file.txt")           # the completion is drawn
    editor.send("\r")
    editor.child.expect_exact("content-of-file")


def test_editor_tab_completes_a_command(editor):
    editor.send("ech")
    editor.send("\t")
    editor.child.expect_exact("echo")               # completed (and redrawn as known)
    editor.send("completed-$((1 + 1))\r")
    editor.child.expect_exact("completed-2")


def test_editor_history_is_saved_to_a_file(editor, tmp_path):
    editor.child.sendline("echo saved-line")
    editor.child.expect_exact("saved-line")
    history = tmp_path / ".local" / "share" / "minish" / "history"
    assert wait_for(lambda: history.exists() and "echo saved-line" in history.read_text())


def test_editor_ctrl_c_discards_and_ctrl_d_exits(editor):
    editor.send("echo never")
    editor.control("c")
    # The prompt after Ctrl-C cannot be told from the one the editor draws
    # when it takes over from the early prompt (with "echo never" in it),
    # and a Ctrl-D sent between two prompts meets the terminal in canonical
    # mode.  So a command's output marks the fresh prompt.
    editor.child.sendline("echo after-$((20 + 1))")
    editor.child.expect_exact("after-21")
    shown = editor.child.before
    editor.prompt()
    editor.control("d")
    editor.child.expect(pexpect.EOF)
    assert not re.search(r"(^|\n)never\r?\n", shown)    # the discarded line never ran


@pytest.mark.parametrize("editor", ["plain", "full"])
def test_a_trap_on_int_runs_when_ctrl_c_is_pressed_at_the_prompt(editor, tmp_path):
    """trap '...' INT, then Ctrl-C on a half-typed line: the line is dropped
    and the trap runs at once, before the next prompt (bash); $? is 130."""
    session = Session(tmp_path, editor=editor)
    try:
        session.child.sendline("trap 'echo caught-$((40 + 2))' INT")
        session.prompt()
        session.send("echo half-typed")
        session.control("c")
        session.child.expect_exact("caught-42")
        session.prompt()
        session.child.sendline("echo status-$?")
        session.child.expect_exact("status-130")
    finally:
        session.close()


def test_editor_survives_a_corrupt_history_file(tmp_path):
    history = tmp_path / ".local" / "share" / "minish" / "history"
    history.parent.mkdir(parents=True)
    history.write_bytes(b"\xff\xfe\x00garbage\n+\xff\n")
    session = Session(tmp_path, editor="full")
    try:
        session.child.sendline("echo fine-$((2 * 3))")
        session.child.expect_exact("fine-6")
    finally:
        session.close()


def test_continuation_prompt_for_a_here_document(sh):
    sh.child.sendline("cat <<END")
    sh.child.expect_exact("> ")
    sh.child.sendline("typed $((6 * 7))")
    sh.child.expect_exact("> ")
    sh.child.sendline("END")
    assert "typed 42" in sh.prompt()


def test_loop_at_the_prompt(sh):
    sh.child.sendline("for i in 1 2; do")
    sh.child.expect_exact("> ")
    sh.child.sendline("echo round-$i")
    sh.child.expect_exact("> ")
    sh.child.sendline("done")
    out = sh.prompt()
    assert "round-1" in out and "round-2" in out


def test_lesson_builtin_at_the_prompt(sh, tmp_path):
    sh.child.sendline("lesson pipes")
    sh.child.expect_exact("your answer> ")           # step 1 asks for a prediction first
    sh.child.sendline("2")
    sh.child.expect_exact("lesson 1/6> ")
    sh.child.sendline("cat fruit.txt | wc -l")
    sh.child.expect_exact("✓ that's it")
    sh.child.expect_exact("lesson 2/6> ")
    sh.child.sendline("quit")
    out = sh.prompt()
    assert "lesson paused at step 2" in out
    assert sh.run("pwd").strip() == str(tmp_path)      # back where the student was


def test_prompt_escapes_for_jobs_numbers_and_time(sh):
    """bash's \\j (jobs), \\# (command number), \\! (history number), \\s, \\t, \\d, \\D{}."""
    sh.child.sendline(r"PS1='<\j|\#|\!|\s|\t|\d|\D{%Y}|\101>$ '")
    sh.child.expect(r"<0\|(\d+)\|(\d+)\|minish\|\d\d:\d\d:\d\d\|\w{3} \w{3} \d\d\|\d{4}\|A>\$ ")
    number, history = int(sh.child.match.group(1)), int(sh.child.match.group(2))
    sh.child.sendline("sleep 30 &")
    sh.child.expect(rf"<1\|{number + 1}\|{history + 1}\|")
    sh.child.sendline("kill %1")
    sh.child.expect(rf"<\d\|{number + 2}\|{history + 2}\|")
