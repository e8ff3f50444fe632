"""Shell: the engine's front door.  Text in, exit status out.

    lex -> parse -> expand -> redirect/process -> wait

`Shell.run_line(text)` is all a front end needs: the REPL, `-c`, a script
file and commands piped on stdin all come through here.  Nothing in the
engine imports prompt_toolkit; the REPL (repl.py) imports us.
"""

import os

from . import signals, trace
from .errors import ExitShell, IncompleteInput, ParseError, report
from .executor import Executor
from .parser import parse
from .state import State


class Shell:
    def __init__(self, arg0: str = "minish", args: list[str] | None = None,
                 interactive: bool = False) -> None:
        self.state = State(arg0, args)
        self.state.interactive = interactive
        self.executor = Executor(self.state)
        signals.setup_shell(interactive)
        if interactive:
            trace.save_terminal()          # narration's own way to the terminal

    def run_line(self, text: str) -> int:
        """Run one or more lines of commands; return the last status.

        Never raises except ExitShell (from `exit`): every other failure is
        reported in one line and the shell carries on.
        """
        try:
            return self.executor.run_text(text)
        except ExitShell:
            raise
        except KeyboardInterrupt:
            self.state.last_status = 130
        except RecursionError:
            report("command nested too deeply")
            self.state.last_status = 2
        except Exception as e:                 # the last-resort handler
            report(f"internal error: {type(e).__name__}: {e}")
            self.state.last_status = 1
        return self.state.last_status

    def run_stdin(self) -> int:
        """Read commands from a non-terminal stdin and run them as they complete.

        Input is read a line at a time and no further, so a command that
        reads stdin itself (`read`, `cat`) gets the lines after it, as in sh.
        """
        reader = LineReader(0)
        pending = ""
        while True:
            line = reader.readline()
            if not line:
                if pending.strip():
                    self.run_line(pending)     # reports the incomplete input
                return self.state.last_status
            pending += line
            try:
                parse(pending)
            except IncompleteInput:
                continue                       # an open quote, a trailing |: read on
            except ParseError:
                pass                           # run_line reports it
            self.run_line(pending)
            pending = ""


class LineReader:
    """readline() on a file descriptor without reading past the newline.

    On a pipe that means one byte per read(2) (a pipe cannot be rewound);
    on a regular file we read a block and lseek(2) back, as bash does.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        try:
            os.lseek(fd, 0, os.SEEK_CUR)
            self.seekable = True
        except OSError:
            self.seekable = False

    def readline(self) -> str:
        data = bytearray()
        while True:
            chunk = os.read(self.fd, 4096 if self.seekable else 1)
            if not chunk:
                break
            newline = chunk.find(b"\n")
            if newline >= 0:
                data += chunk[:newline + 1]
                if self.seekable:
                    os.lseek(self.fd, newline + 1 - len(chunk), os.SEEK_CUR)
                break
            data += chunk
        return data.decode("utf-8", "surrogateescape")
