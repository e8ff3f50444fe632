"""minish at a pty driven the way pexpect drives any shell: the caller's
TERM (xterm-256color), no PROMPT_TOOLKIT_NO_CPR, no MINISH_EDITOR.

Such a driver never answers the cursor-position request (CPR) minish sends
once at start-up, so minish must pick the readline editor, print PS1 byte
for byte and still edit: history, Tab, Ctrl-R, Ctrl-C, Ctrl-Z.  A driver
that does answer, as every terminal emulator does, gets the full editor.
Each scenario is also checked against bash where bash shows the same thing.
"""
from __future__ import annotations

import json
import re
import os
import termios

import pexpect
import pytest

from conftest import MINISH, shell_env
from interactive import kill_tagged, process_states, tagged_pids, wait_for

PS1 = "ACCPROMPT> "
CPR = "\x1b[6n"
CPR_ANSWER = "\x1b[1;1R"            # ESC [ row ; column R
WARNING = "cursor position requests"      # from prompt_toolkit's warning


class Driver:
    """A pexpect session with pexpect's defaults; optionally a terminal that
    answers CPRs (as xterm does: ESC [ row ; col R)."""

    def __init__(self, tmp_path, answer_cpr: bool = False, extra_env: dict | None = None,
                 argv: list[str] | None = None, ps1: str | None = PS1, program: str = MINISH):
        self.tag, self.answer_cpr = f"term-{os.getpid()}-{id(self)}", answer_cpr
        env = shell_env(tmp_path)
        del env["PROMPT_TOOLKIT_NO_CPR"]
        env.update(TERM="xterm-256color", MINISH_TEST_TAG=self.tag)
        env.update(extra_env or {})
        if ps1 is not None:
            env["PS1"] = ps1
        self.child = pexpect.spawn(program, argv or [], env=env, cwd=str(tmp_path),
                                   encoding="utf-8", codec_errors="replace", timeout=10)
        self.seen = ""                   # everything the shell wrote, for the warning check
        self.answered_ahead = False
        if answer_cpr and program == MINISH and argv is None:
            self.answer_ahead()

    def answer_ahead(self) -> None:
        """Type the answer to minish's first question now, so it is there
        however slowly this process gets to run on a loaded machine."""
        self.answered_ahead = True
        self.child.send(CPR_ANSWER)

    def expect(self, text) -> str:
        """Wait for `text`, answering CPRs on the way if this terminal does;
        return what came before it."""
        before = ""
        while True:
            if isinstance(text, re.Pattern):
                index = self.child.expect([text, re.escape(CPR)] if self.answer_cpr else [text])
            else:
                index = self.child.expect_exact([text, CPR] if self.answer_cpr else [text])
            before += self.child.before
            self.seen += self.child.before + self.child.after
            if index == 0:
                return before
            if self.answered_ahead:
                self.answered_ahead = False
            else:
                self.child.send(CPR_ANSWER)

    def run(self, line: str) -> str:
        """Type a line at the prompt; its echo and output, up to the next prompt."""
        self.child.send(line + "\r")
        return self.expect(PS1).replace("\r\n", "\n")

    def close(self) -> None:
        self.child.close(force=True)
        kill_tagged(self.tag)


@pytest.fixture
def term(tmp_path):
    driver = Driver(tmp_path)
    yield driver
    driver.close()


def shell_reads_lines(child) -> bool:
    """Is the pty back in the mode a command runs in: lines, ^C a signal?
    (The editors switch both off while they read a line.)"""
    mode = termios.tcgetattr(child.child_fd)
    return bool(mode[3] & termios.ICANON) and mode[6][termios.VINTR] == b"\x03"


def first_prompt(driver) -> str:
    return driver.expect(PS1)


def lines(text: str) -> str:
    """Output as lines: readline moves to column 0 with a spare \r or two."""
    return text.replace("\r", "")


def test_the_prompt_is_ps1_byte_for_byte_and_no_warning(term):
    assert first_prompt(term) == CPR          # the one question, then the prompt itself
    out = term.run("echo typed")
    assert out == "echo typed\ntyped\n"        # the echo of the typed text is plain
    assert WARNING not in term.seen


def test_the_default_prompt_is_plain_text_too(tmp_path):
    driver = Driver(tmp_path, ps1=None)
    try:
        prompt = driver.expect("# ")                 # tests run as root
        assert "\x1b[" not in prompt.replace(CPR, "") and prompt.endswith(":~")
    finally:
        driver.close()


def test_a_pipeline(term):
    first_prompt(term)
    assert term.run("printf 'b\\na\\n' | sort | head -1") == \
        "printf 'b\\na\\n' | sort | head -1\na\n"


def test_ctrl_c_at_the_prompt_drops_the_line_as_bash_shows_it(term):
    first_prompt(term)
    term.child.send("echo discarded")
    term.child.sendcontrol("c")
    assert term.expect(PS1) == "echo discarded^C\r\n"
    assert term.run("echo $?") == "echo $?\n130\n"


def test_ctrl_c_at_the_prompt_again_and_again(term):
    """Ctrl-C is a key at the readline prompt: however soon it comes after
    the prompt, it is seen at once, never after the next key."""
    first_prompt(term)
    for i in range(25):
        term.child.send(f"echo never-{i}")
        term.child.sendcontrol("c")
        assert term.expect(PS1).endswith("^C\r\n")
    term.child.sendcontrol("c")                # on an empty line, straight after a prompt
    term.expect(PS1)
    assert "never" not in term.run("echo alive")


def test_ctrl_c_and_ctrl_z_reach_the_foreground_job(term):
    first_prompt(term)
    term.child.send("sleep 30\r")
    assert wait_for(lambda: process_states(tagged_pids(term.tag, "sleep")) == ["S"])
    term.child.sendcontrol("z")
    assert "[1]+  Stopped                 sleep 30" in term.expect(PS1)
    assert process_states(tagged_pids(term.tag, "sleep")) == ["T"]
    term.child.send("fg\r")
    assert wait_for(lambda: process_states(tagged_pids(term.tag, "sleep")) == ["S"])
    term.child.sendcontrol("c")
    term.expect(PS1)
    assert term.run("echo $?").endswith("130\n")
    assert tagged_pids(term.tag, "sleep") == []


@pytest.mark.parametrize("command", ["read x", "while :; do :; done"])
def test_ctrl_c_in_a_builtin_leaves_the_prompt_on_a_fresh_line(tmp_path, command):
    for argv in ([MINISH], ["bash", "--norc", "--noprofile", "-i"]):
        driver = Driver(tmp_path, program=argv[0], argv=argv[1:])
        try:
            first_prompt(driver)
            driver.child.send(command + "\r")
            driver.child.expect_exact(command + "\r\n")
            assert wait_for(lambda: shell_reads_lines(driver.child))    # the editor is done
            driver.child.sendcontrol("c")
            before = driver.expect(PS1)
            assert before.replace("\x1b[?2004l", "").replace("\x1b[?2004h", "") \
                .lstrip("\r") == "^C\r\n", argv[0]
        finally:
            driver.close()


def test_up_recalls_the_last_command(term):
    first_prompt(term)
    assert term.run("echo first-$((40 + 2))").endswith("first-42\n")
    term.child.send("\x1b[A\r")                          # Up, Enter
    assert term.expect(PS1).endswith("first-42\r\n")


def test_a_multi_line_command_is_one_history_entry(term, tmp_path):
    first_prompt(term)
    term.child.send("for i in 1 2; do\r")
    term.expect("> ")
    term.child.send("echo round-$i\r")
    term.expect("> ")
    term.child.send("done\r")
    assert term.expect(PS1).endswith("round-1\r\nround-2\r\n")
    term.child.send("\x1b[A\r")                           # Up: the whole loop comes back
    assert lines(term.expect(PS1)) == "for i in 1 2; do\necho round-$i\ndone\nround-1\nround-2\n"
    assert term.run("history").endswith(
        "    1  for i in 1 2; do\necho round-$i\ndone\n"
        "    2  for i in 1 2; do\necho round-$i\ndone\n    3  history\n")
    history = tmp_path / ".local" / "share" / "minish" / "history"
    entries = [block.splitlines()[1:] for block in history.read_text().split("\n\n")[1:]]
    assert entries[0] == ["+for i in 1 2; do", "+echo round-$i", "+done"]


def test_a_here_document_is_one_history_entry(term):
    first_prompt(term)
    term.child.send("cat <<END\r")
    term.expect("> ")
    term.child.send("typed $((6 * 7))\r")
    term.expect("> ")
    term.child.send("END\r")
    assert term.expect(PS1).endswith("typed 42\r\n")
    term.child.send("\x1b[A\r")
    assert lines(term.expect(PS1)) == "cat <<END\ntyped $((6 * 7))\nEND\ntyped 42\n"


def test_tab_completes_a_command(term):
    first_prompt(term)
    term.child.send("ech\t")
    term.expect("echo ")
    assert term.run("completed-$((1 + 1))").endswith("completed-2\n")


def test_tab_completes_a_file_name_that_needs_quoting(term, tmp_path):
    (tmp_path / "my file.txt").write_text("content-of-file\n")
    first_prompt(term)
    term.child.send("cat my\t")
    term.expect("my\\ file.txt ")
    assert term.run("").endswith("content-of-file\n")


def test_ctrl_r_then_enter_runs_the_command_found(term):
    first_prompt(term)
    term.run("echo needle-$((3 * 3))")
    term.run("echo other")
    term.child.send("\x12needle\r")                      # Ctrl-R, the text, Enter
    term.expect("needle-9\r\n")
    term.expect(PS1)
    assert term.run("history 1") == "history 1\n    4  history 1\n"
    assert term.run("history 3").startswith("history 3\n    3  echo needle-$((3 * 3))\n")


def test_keys_typed_before_the_prompt_are_not_lost(tmp_path):
    driver = Driver(tmp_path)
    try:
        driver.child.send("echo early-$((5 * 5))\recho la")  # before minish has started
        out = driver.expect(PS1)
        out += driver.expect(PS1)
        assert "echo early-$((5 * 5))\r\nearly-25\r\n" in out
        driver.expect("echo la")                        # the start of a line, put back
        driver.child.send("te-$((1 + 1))\r")
        driver.expect("late-2\r\n")
    finally:
        driver.close()


def test_ctrl_d_exits_with_the_last_status_as_bash_does(tmp_path):
    statuses = []
    for argv in ([MINISH], ["bash", "--norc", "--noprofile", "-i"]):
        env = dict(shell_env(tmp_path), TERM="xterm-256color", PS1=PS1)
        child = pexpect.spawn(argv[0], argv[1:], env=env, cwd=str(tmp_path),
                              encoding="utf-8", timeout=10)
        child.expect_exact(PS1)
        child.send("false\r")
        child.expect_exact(PS1)
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
        child.close()
        statuses.append(child.exitstatus)
    assert statuses == [1, 1]


# ---- a terminal that answers: the full editor ---------------------------------

def editor_up(driver) -> None:
    """Wait until the full editor has taken over from the first prompt that
    minish draws while it loads (repl/early.py erases that one: ESC [ J)."""
    driver.expect("ACCPROMPT>")
    driver.expect("\x1b[J")


def test_keys_typed_while_the_full_editor_loads_are_not_lost_or_reordered(tmp_path):
    driver = Driver(tmp_path, answer_cpr=True)
    try:
        driver.child.send("echo one-$((0 + 1))\recho two-$((1 + 1))\recho thr")
        out = driver.expect("one-1\r\n")
        out += driver.expect("two-2\r\n")
        assert out.index("echo one") < out.index("echo two")
        driver.expect("thr")                            # the unfinished line, put back
        driver.child.send("ee-$((1 + 2))\r")
        driver.expect("three-3\r\n")
        assert WARNING not in driver.seen
    finally:
        driver.close()


def test_control_keys_typed_while_the_full_editor_loads_reach_it_in_order(tmp_path):
    driver = Driver(tmp_path, answer_cpr=True)
    try:
        driver.child.send("echo gone\x03echo x-$((2 + 2))\r")   # Ctrl-C drops the line
        driver.expect("x-4\r\n")
        assert "gone\r\n" not in driver.seen           # the Ctrl-C'd line never ran
        driver.child.send("\x04")                      # Ctrl-D: exit
        driver.child.expect(pexpect.EOF)
    finally:
        driver.close()


def test_a_terminal_that_answers_gets_the_full_editor(tmp_path):
    driver = Driver(tmp_path, answer_cpr=True)
    try:
        editor_up(driver)
        driver.child.send("echo $((6 * 7))\r")
        driver.expect("42\r\n")
        assert "\x1b[?25l" in driver.seen          # prompt_toolkit hides the cursor to draw
        assert WARNING not in driver.seen
    finally:
        driver.close()


def test_full_editor_ctrl_r_then_enter_runs_the_command_found(tmp_path):
    driver = Driver(tmp_path, answer_cpr=True)
    try:
        editor_up(driver)
        driver.child.send("echo needle-$((3 * 3))\r")
        driver.expect("needle-9\r\n")
        driver.expect("ACCPROMPT>")                      # its keys are read in raw mode
        driver.child.send("\x12needle\r")               # Ctrl-R, the text, Enter
        driver.expect("needle-9\r\n")
    finally:
        driver.close()


def editor_at_prompt(tmp_path, full: bool) -> Driver:
    """minish at its first prompt, with the full editor (a terminal that
    answers CPRs) or with GNU readline (one that does not)."""
    driver = Driver(tmp_path, answer_cpr=full)
    try:
        editor_up(driver) if full else first_prompt(driver)
    except BaseException:
        driver.close()
        raise
    return driver


@pytest.mark.parametrize("full", [False, True], ids=["readline", "prompt_toolkit"])
def test_set_o_vi_switches_both_editors_to_vi_keys(tmp_path, full):
    """ESC b i X: in vi mode, back a word and insert X; in emacs mode, M-b
    then the letters i X typed as text."""
    driver = editor_at_prompt(tmp_path, full)
    try:
        driver.child.send("echo ready-$((2 + 2))\r")     # the editor itself reads from here on
        driver.expect("ready-4\r\n")
        driver.expect("ACCPROMPT>")                      # (and the terminal's CPR answered)
        driver.child.send("echo hello\x1bbiX\r")
        driver.expect("iXhello\r\n")                    # emacs, the default
        driver.expect("ACCPROMPT>")
        driver.child.send("set -o vi; echo mode-$((1 + 1))\r")
        driver.expect("mode-2\r\n")
        driver.expect("ACCPROMPT>")
        driver.child.send("echo hello\x1bbiX\r")
        driver.expect(re.compile(r"(?<!i)Xhello\r\n"))  # not emacs's iXhello
        driver.expect("ACCPROMPT>")
        driver.child.send("set -o emacs; set -o | grep -E '^(vi|emacs) ' | tr -s ' \\t' =\r")
        driver.expect("emacs=on\r\nvi=off\r\n")
    finally:
        driver.close()


@pytest.mark.parametrize("full", [False, True], ids=["readline", "prompt_toolkit"])
def test_the_prompt_survives_exec_of_stdout_to_dev_null(tmp_path, full):
    """`exec >/dev/null` sends the commands' output away, not the editor's:
    the prompt and the typed line still reach the terminal (bash: its
    readline draws on stderr).  `exec >&-` likewise."""
    driver = editor_at_prompt(tmp_path, full)
    try:
        driver.child.send("exec 3>&1 >/dev/null; echo one-$((0 + 1)) >&3\r")
        driver.expect("one-1\r\n")
        driver.expect("ACCPROMPT>")                      # a prompt, on the terminal
        driver.child.send("echo hidden; echo two-$((1 + 1)) >&3\r")
        out = driver.expect("two-2\r\n")
        shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", lines(out))   # colours, cursor moves
        assert "echo hidden" in shown and "\nhidden" not in shown
        driver.expect("ACCPROMPT>")
        driver.child.send("exec >&-; echo three-$((1 + 2)) >&3\r")
        driver.expect("three-3\r\n")
        driver.expect("ACCPROMPT>")
        driver.child.send("echo four-$((2 + 2)) >&3\r")
        driver.expect("four-4\r\n")
    finally:
        driver.close()


def test_ignoreeof_keeps_the_shell_on_ctrl_d_until_ignoreeof_runs_out(tmp_path):
    driver = editor_at_prompt(tmp_path, False)
    try:
        driver.child.send("set -o ignoreeof; IGNOREEOF=2\r")
        driver.expect(PS1)
        for _ in range(2):
            driver.child.sendcontrol("d")
            driver.expect('Use "exit" to leave the shell.')
            driver.expect(PS1)
        driver.child.send("echo alive-$((1 + 1))\r")
        driver.expect("alive-2\r\n")
        driver.expect(PS1)
        for _ in range(2):                               # a command line starts the count again
            driver.child.sendcontrol("d")
            driver.expect('Use "exit" to leave the shell.')
            driver.expect(PS1)                           # typed at the prompt, as a person does
        driver.child.sendcontrol("d")                    # the third in a row: out
        driver.child.expect(pexpect.EOF)
    finally:
        driver.close()


def test_full_editor_suggests_from_history_and_right_arrow_takes_it(tmp_path):
    """fish-style suggestions: a command typed before is offered in grey as
    the student types its start; the right arrow accepts it."""
    driver = Driver(tmp_path, answer_cpr=True)
    try:
        editor_up(driver)
        driver.child.send("echo suggested-$((2 * 5))\r")
        driver.expect("suggested-10\r\n")
        driver.expect("ACCPROMPT>")
        driver.child.send("echo sug")
        driver.expect("gested-$((2 * 5))")               # the suggestion, drawn after the cursor
        driver.child.send("\x1b[C\r")                   # right arrow, Enter
        driver.expect("suggested-10\r\n")
    finally:
        driver.close()


@pytest.mark.parametrize("no_color", [False, True])
def test_no_color_turns_colour_off_in_the_full_editor(tmp_path, no_color):
    driver = Driver(tmp_path, answer_cpr=True, extra_env={"NO_COLOR": "1"} if no_color else {})
    try:
        editor_up(driver)
        driver.child.send("echo $((6 * 7))\r")
        driver.expect("42\r\n")
        assert ("38;5;" in driver.seen) is not no_color      # the highlighter's colours
    finally:
        driver.close()


def test_term_dumb_and_forced_editors_ask_no_question(tmp_path):
    for extra in ({"TERM": "dumb"}, {"MINISH_EDITOR": "readline"}, {"MINISH_EDITOR": "plain"},
                  {"PROMPT_TOOLKIT_NO_CPR": "1"}):
        driver = Driver(tmp_path, extra_env=extra)
        try:
            assert first_prompt(driver) == "", extra
            assert driver.run("echo $((2 + 3))").endswith("5\n"), extra
        finally:
            driver.close()


# ---- minish demo -------------------------------------------------------------------

def demo(tmp_path, answer_cpr: bool, cast) -> Driver:
    (tmp_path / "tmp").mkdir()
    script = tmp_path / "show.sh"
    script.write_text("# a first step\necho step-$((20 + 1))\n")
    return Driver(tmp_path, answer_cpr=answer_cpr, ps1="DEMO> ",
                  argv=["demo", str(script), "--record", str(cast), "--speed", "20"],
                  extra_env={"TMPDIR": str(tmp_path / "tmp")})


def recorded(cast) -> str:
    events = [json.loads(line) for line in cast.read_text().splitlines()[1:]]
    return "".join(text for _, _, text in events)


def test_demo_with_a_silent_terminal_free_typing_and_quit(tmp_path):
    """No answer to the shell's question: readline, no stall, no warning."""
    cast = tmp_path / "demo.cast"
    driver = demo(tmp_path, False, cast)
    try:
        driver.expect("DEMO> ")
        driver.child.send(" ")                           # type the step, do not run it
        driver.expect("echo step-$((20 + 1))")
        driver.child.send("f")                           # free typing: from an empty line
        driver.child.send("echo free-$((2 + 3))\r")
        driver.expect("free-5\r\n")
        driver.child.send("\x1d")                        # Ctrl-]: back to the script
        driver.child.send("q")
        driver.child.expect(pexpect.EOF)
        driver.seen += driver.child.before
    finally:
        driver.close()
    assert WARNING not in driver.seen and "step-21" not in driver.seen
    assert driver.seen.endswith("DEMO> \r\n")            # q leaves a fresh line
    assert WARNING not in recorded(cast) and CPR not in recorded(cast)


def test_demo_relays_the_question_to_a_terminal_that_answers(tmp_path):
    """The instructor's terminal answers through the demo: the full editor,
    no warning, and the question is not in the recording."""
    cast = tmp_path / "demo.cast"
    driver = demo(tmp_path, True, cast)
    try:
        # Typed before the demo is in raw mode, the answer would be flushed
        # (tty.setraw: TCSAFLUSH); from then on the demo relays it.
        assert wait_for(lambda: not shell_reads_lines(driver.child))
        driver.answer_ahead()
        driver.expect("DEMO>")
        driver.expect("\x1b[?25h")                       # the prompt is drawn
        driver.child.send("q")
        driver.child.expect(pexpect.EOF)
        driver.seen += driver.child.before
    finally:
        driver.close()
    assert "\x1b[?25l" in driver.seen                    # prompt_toolkit drew it
    assert WARNING not in driver.seen and driver.seen.endswith("\r\n")
    assert WARNING not in recorded(cast) and CPR not in recorded(cast)
