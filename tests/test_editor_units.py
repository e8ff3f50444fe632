"""Highlighting and completion, without a terminal.

The highlighter and completer are tested as functions, then through a real
prompt_toolkit PromptSession fed by create_pipe_input() into DummyOutput().
"""
from __future__ import annotations


import pytest
from hypothesis import given, settings, strategies as st
from pygments.token import Error, Name, Operator, String, Comment, Number

from minish.highlight import MinishLexer
from minish.repl.complete import complete, executables, quote, unquote


def tokens(text):
    return [(t, v) for _, t, v in MinishLexer().get_tokens_unprocessed(text) if v.strip()]


def test_highlight_marks_commands_builtins_and_unknown_names():
    toks = tokens("cd /tmp; ls | nosuchprogram_xyz")
    assert (Name.Builtin, "cd") in toks
    assert (Name.Function, "ls") in toks
    assert (Error, "nosuchprogram_xyz") in toks
    assert (Operator, "|") in toks


def test_highlight_strings_variables_comments_numbers():
    toks = tokens("echo 'a b' \"$x\" $HOME 2>&1 # note")
    assert (String.Single, "'a b'") in toks
    assert (String.Double, '"$x"') in toks
    assert (Name.Variable, "$HOME") in toks
    assert (Number, "2") in toks
    assert (Comment.Single, "# note") in toks


def test_highlight_argument_is_not_a_command():
    toks = tokens("echo nosuchprogram_xyz")
    assert (Error, "nosuchprogram_xyz") not in toks


def test_highlight_covers_every_character():
    text = "a=1 echo \"x $(ls)\" | wc -l >> f & { b; }\n# c"
    pieces = list(MinishLexer().get_tokens_unprocessed(text))
    assert "".join(v for _, _, v in pieces) == text
    positions = [p for p, _, _ in pieces]
    assert positions == sorted(positions)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_highlight_never_raises_on_any_keystroke(text):
    pieces = list(MinishLexer().get_tokens_unprocessed(text))
    assert "".join(v for _, _, v in pieces) == text


@pytest.fixture
def shell(shell_in_process):
    return shell_in_process


def names(result):
    return [text for text, _ in result[1]]


def test_complete_builtins_and_path_programs(shell, tmp_path):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for name in ("zzprog1", "zzprog2"):
        (bindir / name).write_text("#!/bin/sh\n")
        (bindir / name).chmod(0o755)
    (bindir / "zznotexec").write_text("")
    shell.state.set("PATH", str(bindir))
    assert names(complete("zz", shell.state, shell.executor.jobs)) == ["zzprog1 ", "zzprog2 "]
    assert "echo " in names(complete("ec", shell.state, shell.executor.jobs))


def test_complete_files_with_spaces_are_quoted(shell, tmp_path):
    (tmp_path / "my file.txt").write_text("")
    (tmp_path / "mydir").mkdir()
    back, items = complete("cat my", shell.state, shell.executor.jobs)
    assert back == 2
    assert [t for t, _ in items] == ["my\\ file.txt ", "mydir/"]


def test_complete_inside_quotes(shell, tmp_path):
    (tmp_path / "my file.txt").write_text("")
    back, items = complete("cat \"my f", shell.state, shell.executor.jobs)
    assert back == len("\"my f")
    assert [t for t, _ in items] == ["my\\ file.txt "]


def test_complete_variables_and_jobs(shell):
    shell.state.set("MINISH_TEST_VAR", "1")
    assert "$MINISH_TEST_VAR" in names(complete("echo $MINISH_T", shell.state,
                                                shell.executor.jobs))
    from minish.lang.parser import parse
    jobs = shell.executor.jobs
    job = jobs.new(parse("sleep 30"), background=True)   # a job, as `sleep 30 &` makes
    job.pids.append(999999)
    jobs.add(job)
    assert names(complete("fg %", shell.state, shell.executor.jobs)) == ["%1"]


def test_complete_unreadable_directory_gives_nothing(shell, tmp_path):
    assert complete("cat /nonexistent/dir/x", shell.state, shell.executor.jobs)[1] == []


def test_complete_after_redirection_and_pipe(shell, tmp_path):
    (tmp_path / "out.txt").write_text("")
    assert names(complete("echo a > ou", shell.state, shell.executor.jobs)) == ["out.txt "]
    assert "wc " in names(complete("echo a | w", shell.state, shell.executor.jobs))


def test_quote_round_trip():
    for name in ["plain", "a b", "it's", "$x", "a\\b", "semi;colon"]:
        assert unquote(quote(name)) == name


def test_executables_are_cached(tmp_path):
    dirs = []
    for i in range(30):
        d = tmp_path / f"d{i}"
        d.mkdir()
        for j in range(100):
            p = d / f"prog{i}_{j}"
            p.write_text("")
            p.chmod(0o755)
        dirs.append(str(d))
    path = ":".join(dirs)
    assert len(executables(path)) == 3000
    assert executables(path) is executables(path)     # cached until a dir changes


def test_prompt_session_with_pipe_input(shell, tmp_path):
    """The real editor, fed keys through a pipe, returns the typed line."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from minish.repl.editor import Editor

    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        editor = Editor(shell)
        inp.send_text("echo 'typed line'\r")
        assert editor.read("$ ") == "echo 'typed line'"


def test_editor_completer_offers_quoted_file_names(shell, tmp_path):
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document
    from minish.repl.editor import ShellCompleter

    (tmp_path / "unique name.txt").write_text("")
    found = list(ShellCompleter(shell).get_completions(Document("cat uniq"), CompleteEvent()))
    assert [(c.text, c.start_position) for c in found] == [("unique\\ name.txt ", -4)]


def test_prompt_session_ctrl_d_is_none(shell, tmp_path):
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from minish.repl.editor import Editor

    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        editor = Editor(shell)
        inp.send_text("\x04")
        assert editor.read("$ ") is None


def test_pygmentize_knows_minish():
    from pygments.lexers import get_lexer_by_name
    assert isinstance(get_lexer_by_name("minish"), MinishLexer)


def full_editor_session(shell, keys: str, typeahead=None) -> list:
    """Feed `keys` to the real full editor; the lines it returns until Ctrl-D."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from minish.repl.editor import Editor

    lines = []
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        editor = Editor(shell, typeahead)
        inp.send_text(keys + "\x04")
        while (line := editor.read("$ ")) is not None:
            lines.append(line)
            shell.state.history.append(line)          # what the REPL does
    return lines


def test_full_editor_recalls_a_multi_line_command_whole(shell):
    shell.state.history[:] = ["echo old", "for i in 1 2; do\necho $i\ndone"]
    assert full_editor_session(shell, "\x1b[A\r") == ["for i in 1 2; do\necho $i\ndone"]


def test_full_editor_ctrl_r_then_enter_runs_the_command_found(shell):
    shell.state.history[:] = ["echo needle", "echo other"]
    # Ctrl-R, "needle", Enter; then "x" and Enter must be a new line, not
    # typed into the middle of the found one.
    assert full_editor_session(shell, "\x12needle\rx\r") == ["echo needle", "x"]


def test_full_editor_replays_typeahead(shell):
    from minish.repl.terminal import Typeahead
    keys = Typeahead(b"echo first\rech")
    assert full_editor_session(shell, "o second\r", keys) == ["echo first", "echo second"]


@pytest.mark.parametrize("data, reply", [
    (b"\x1b[24;80R", (0, 8)),
    (b"ls\x1b[1;1Rx", (2, 8)),
    (b"\x1b[A\x1b[3;14R", (3, 10)),               # an arrow key first
    (b"\x1b[24;80", None),                      # not all there yet
    (b"\x1b[;1R", None),
    (b"", None),
])
def test_find_reply_picks_the_cpr_answer_out_of_typed_keys(data, reply):
    from minish.repl.terminal import find_reply
    assert find_reply(data) == reply


def test_typeahead_lines_then_the_start_of_one():
    from minish.repl.terminal import Typeahead
    keys = Typeahead(b"one\rtwo\npar")
    assert (keys.next_line(), keys.next_line(), keys.next_line()) == ("one", "two", None)
    assert (keys.take_partial(), keys.take_partial()) == ("par", "")
    dropped = Typeahead(b"rm -rf x\x03ls\r")            # Ctrl-C drops what came before it
    assert (dropped.next_line(), dropped.next_line()) == ("ls", None)


def test_history_file_is_prompt_toolkits_format_both_ways(tmp_path):
    from prompt_toolkit.history import FileHistory
    from minish.repl.history import load_history, save_command

    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    loop = "for i in 1 2; do\necho $i\ndone"
    for text in ("echo one", loop):
        save_command(str(ours), text)
        FileHistory(str(theirs)).store_string(text)
    assert list(FileHistory(str(ours)).load_history_strings()) == [loop, "echo one"]
    assert load_history(str(theirs)) == ["echo one", loop]
