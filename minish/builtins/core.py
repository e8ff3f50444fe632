"""The POSIX core builtins: the ones a shell cannot do without.

`cd`, `exit`, `export`, `unset`, `exec`, `.` and `set` must run inside the
shell process: a child cannot change its parent's directory, variables or
file descriptors.  `echo`, `pwd`, `true`... are builtins only for speed.
"""

import os

from ..run import process, program
from ..errors import ExitShell, LoopControl, ReturnFromFunction, ShellError, report, write
from ..i18n import _, strerror
from . import args as check
from .registry import BUILTINS, builtin


def out(text: str) -> None:
    write(1, text)


@builtin(":", "do nothing, successfully", ": [args]")
def colon(sh, argv):
    return 0


@builtin("true", "do nothing, successfully")
def true(sh, argv):
    return 0


@builtin("false", "do nothing, unsuccessfully")
def false(sh, argv):
    return 1


@builtin("echo", "print the arguments", "echo [-neE] [arg ...]")
def echo(sh, argv):
    """Print the arguments separated by blanks, then a newline.
    -n  no newline at the end
    -e  interpret \\n \\t \\\\ \\a \\b \\c \\e \\f \\r \\v \\0nnn \\xHH
    -E  do not interpret backslashes (the default)"""
    args, newline, escapes = argv[1:], True, False
    while args and len(args[0]) > 1 and args[0][0] == "-" and set(args[0][1:]) <= set("neE"):
        for flag in args.pop(0)[1:]:
            if flag == "n":
                newline = False
            else:
                escapes = flag == "e"
    text = " ".join(args)
    if escapes:
        text, stop = _echo_escapes(text)
        newline = newline and not stop
    out(text + ("\n" if newline else ""))
    return 0


def _echo_escapes(text: str) -> tuple[str, bool]:
    """Interpret echo -e escapes; True as second value means \\c was seen."""
    simple = {"n": "\n", "t": "\t", "\\": "\\", "a": "\a", "b": "\b",
              "e": "\x1b", "f": "\f", "r": "\r", "v": "\v"}
    result, i = [], 0
    while i < len(text):
        c = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if c != "\\" or not nxt:
            result.append(c)
            i += 1
        elif nxt in simple:
            result.append(simple[nxt])
            i += 2
        elif nxt == "c":
            return "".join(result), True
        elif nxt in "uU":                     # \uHHHH \UHHHHHHHH: a Unicode character
            from ..lang.ansic import escape_at
            piece, i = escape_at(text, i)
            result.append(piece)
        elif nxt == "0" or nxt == "x":
            digits = "01234567" if nxt == "0" else "0123456789abcdefABCDEF"
            j = i + 2
            while j < len(text) and j < i + (5 if nxt == "0" else 4) and text[j] in digits:
                j += 1
            if nxt == "x" and j == i + 2:
                result.append("\\x")
            else:
                from ..lang.ansic import byte
                result.append(byte(int(text[i + 2:j] or "0", 8 if nxt == "0" else 16) & 0xFF))
            i = j
        else:
            result.append(c)
            i += 1
    return "".join(result), False


@builtin("exit", "leave the shell", "exit [n]")
def exit_(sh, argv):
    """Exit the shell with status n (default: the status of the last command)."""
    if len(argv) > 2:
        raise ShellError(_("too many arguments"))
    if len(argv) == 2:
        try:
            status = check.integer(argv[1])
        except ShellError as e:
            report(f"exit: {e.message}")
            raise ExitShell(e.status) from None
    else:
        status = sh.state.last_status
    raise ExitShell(status & 0xFF)


@builtin("exec", "replace the shell with a command, or redirect the shell's own fds",
         "exec [command [arg ...]] [redirections]", keeps_redirections=True)
def exec_(sh, argv):
    """exec cmd args   the shell process becomes cmd (execve(2) with no fork):
                    when cmd ends, so does the shell
    exec 3>f        with only redirections, they apply to the shell itself
                    and stay in force (try `ls -l /proc/$$/fd`)"""
    if argv[1:2] == ["--"]:
        argv = argv[1:]
    if len(argv) < 2:
        return 0
    process.flush_std_streams()
    env = sh.state.environ()
    status = program.exec_command(argv[1:], env, sh.run_file_as_script)
    raise ExitShell(status)                    # exec failed: a shell exits (XCU 2.14)


@builtin(".", "run a file's commands in this shell", ". file [args]")
def dot(sh, argv):
    """Read FILE and run its commands in the current shell (not a child):
    variables and `cd` in it change this shell."""
    if argv[1:2] == ["--"]:
        argv = argv[1:]
    if len(argv) < 2:
        raise check.UsageError(_("filename argument required"))
    name = argv[1]
    path = name if "/" in name else (_search_readable(name, sh.state.get("PATH")) or name)
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
    except OSError as e:
        raise ShellError(f"{name}: {strerror(e.errno)}") from None
    saved = sh.state.positional
    if len(argv) > 2:
        sh.state.positional = argv[2:]
    sh.state.return_depth += 1                 # `return` is allowed in here
    try:
        from .evaluation import run_string   # a syntax error: status 2, as eval
        return run_string(sh, text, first_line=1) if text.strip() else 0   # empty: 0 (bash)
    except ReturnFromFunction as r:         # `return` ends the file, not the caller
        return r.status
    finally:
        sh.state.return_depth -= 1
        if len(argv) > 2:
            sh.state.positional = saved


def _search_readable(name: str, path: str | None) -> str | None:
    """`. name` looks along $PATH for a readable file (it need not be executable)."""
    for directory in (path or "").split(":"):
        candidate = os.path.join(directory or ".", name)
        if os.path.isfile(candidate) and os.access(candidate, os.R_OK):
            return candidate
    return None


BUILTINS["source"] = BUILTINS["."]


@builtin("break", "leave the innermost (or the Nth) enclosing loop", "break [n]")
def break_(sh, argv):
    """Leave a for, while or until loop; break 2 leaves two of them."""
    return _loop_control(sh, argv, "break")


@builtin("continue", "go on with the next round of a loop", "continue [n]")
def continue_(sh, argv):
    """Skip the rest of this round of the innermost (or the Nth) loop."""
    return _loop_control(sh, argv, "continue")


def _loop_control(sh, argv, kind: str) -> int:
    levels = 1
    if len(argv) > 1:
        if not argv[1].lstrip("-").isdigit():  # bash: a fatal error, the shell exits
            required = _("{text}: numeric argument required").format(text=argv[1])
            report(f"{argv[0]}: {required}")
            raise ExitShell(128)
        levels = int(argv[1])
        if levels < 1:
            raise ShellError(_("{count}: loop count out of range").format(count=argv[1]))
    if sh.state.loop_depth == 0:
        raise ShellError(_("only meaningful in a `for', `while', or `until' loop"), status=0)
    raise LoopControl(min(levels, sh.state.loop_depth), kind)


@builtin("return", "leave a function (or a . file) with a status", "return [n]")
def return_(sh, argv):
    """Return from the current function; its status is n (default: $?)."""
    if not sh.state.return_depth:              # no function or `.` file is running
        raise ShellError(_("can only `return' from a function or sourced script"), status=2)

    status = check.integer(argv[1]) & 0xFF if len(argv) > 1 else sh.state.last_status
    raise ReturnFromFunction(status)


