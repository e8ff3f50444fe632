"""Errors the engine raises, and the exit statuses a shell uses.

Exit statuses follow bash/POSIX (XCU 2.8.2): 2 for a syntax error or bad
usage of a builtin, 126 when a file is found but cannot be executed, 127
when it is not found, 128+n when a process is killed by signal n.
"""
import os

STATUS_SYNTAX = 2
STATUS_NOEXEC = 126
STATUS_NOTFOUND = 127
STATUS_SIGNAL_BASE = 128


class ParseError(Exception):
    """A syntax error; `span` is the (start, end) of the offending text."""

    def __init__(self, message: str, span: tuple[int, int] = (0, 0)) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


class IncompleteInput(ParseError):
    """The input stopped mid-command (open quote, trailing |, &&, \\).

    The REPL answers with a continuation prompt (PS2); -c and scripts
    report it as a syntax error.
    """


class NestedTooDeeply(ParseError):
    """More levels of ( { if while $( ... than the parser follows (MAX_NESTING).

    A limit of the implementation, not a mistake in the text: even a shell
    reading a script from a pipe reports it and goes on with the next line.
    """


class ShellError(Exception):
    """A command failed in a way the shell reports: `minish: message`."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class ExpansionError(Exception):
    """An error while expanding a word: `${x?}`, `${x:?msg}`, a bad
    substitution, an arithmetic syntax error or a division by zero.

    Not a ShellError on purpose: it does not fail one command, it abandons
    the whole complete command it is in (bash: the rest of that line of a
    script).  A `fatal` one, ${x?}, ends a non-interactive shell as well
    (POSIX XCU 2.8.1).  Executor.run_text, Shell.run_line or, in a child,
    process._child report it and decide.
    """

    def __init__(self, message: str, fatal: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.fatal = fatal
        self.status = 1


class LoopControl(Exception):
    """`break N` / `continue N`: unwinds to the Nth enclosing loop.

    `status` is the loop's $? afterwards: 0 for `break`, 128+SIGTSTP when a
    job stopped by Ctrl-Z ends every loop it was in (as bash does).
    """

    def __init__(self, levels: int, kind: str, status: int = 0) -> None:
        super().__init__(kind)
        self.levels, self.kind, self.status = levels, kind, status


class Interrupted(Exception):
    """The foreground job died of SIGINT (Ctrl-C) or SIGQUIT (Ctrl-\\).

    The shell then acts as if the signal had hit it too: the whole command
    line is abandoned, loops, lists, functions and `.` files included, and
    $? is 128+signal.  (bash: "wait for the child, then decide": a child that
    caught the signal and exited normally does not stop the loop.)
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.status = STATUS_SIGNAL_BASE + signum


class ReturnFromFunction(Exception):
    """`return N` inside a function (or a `.` file)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class ExitShell(Exception):
    """Raised by `exit` (and fatal errors) to unwind to the top level."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def write(fd: int, text: str) -> None:
    """Write all of `text` to a file descriptor, bypassing Python's buffers.

    Builtins write straight to fd 1 so that their output goes wherever the
    shell's redirections (dup2) have pointed it.
    """
    data = text.encode("utf-8", "surrogateescape")
    while data:
        n = os.write(fd, data)
        data = data[n:]


# Who speaks in an error: "minish: ", or, while a script file runs,
# "SCRIPT: line N: " as bash says it, so that a student finds the line
# (__main__ sets it with in_script; N is the running command's $LINENO).
_script: tuple | None = None


def in_script(path: str, line) -> None:
    """From now on errors name `path` and the line `line()` returns."""
    global _script
    _script = (path, line)


def report(message: str) -> None:
    """Print `minish: message` (in a script: `FILE: line N: message`) on
    stderr; never raises."""
    where = f"{_script[0]}: line {_script[1]()}: " if _script else "minish: "
    try:
        write(2, f"{where}{message}\n")
    except OSError:
        pass
