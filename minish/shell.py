"""Shell: the engine's front door.  Text in, exit status out.

    lex -> parse -> expand -> redirect/process -> wait

`Shell.run_line(text)` is all a front end needs: the REPL, `-c`, a script
file and commands piped on stdin all come through here.  Nothing in the
engine imports prompt_toolkit; the REPL (repl.py) imports us.
"""

import os
import sys

from .run import signals, trace
from .i18n import _
from .errors import (ExitShell, ExpansionError, IncompleteInput, Interrupted, NestedTooDeeply,
                     ParseError, report)
from .run.executor import Executor
from .lang.parser import parse
from .run.state import State


# Parsing and running recurse a few Python frames per level of nesting, and
# the parser allows MAX_NESTING levels: 100 nested $(...) need about 1,500
# frames, more than Python's default limit of 1,000.
RECURSION_LIMIT = 4000


class Shell:
    def __init__(self, arg0: str = "minish", args: list[str] | None = None,
                 interactive: bool = False) -> None:
        sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
        self.state = State(arg0, args)
        self.state.interactive = interactive
        if interactive:
            self.state.options.add("expand_aliases")   # bash: on at the prompt, off in scripts
            self.state.options.add("emacs")            # the editing mode; `set -o vi` for vi
        self.executor = Executor(self.state)
        self.command_string = False            # started as `minish -c ...`
        signals.setup_shell(interactive)
        if interactive:
            trace.save_terminal()          # narration's own way to the terminal

    def run_line(self, text: str) -> int:
        """Run one or more lines of commands; return the last status.

        Never raises except ExitShell (from `exit`) and, in a script, the
        Ctrl-C that must end it: every other failure is reported in one line
        and the shell carries on.
        """
        try:
            return self.executor.run_text(text)
        except ExitShell:
            raise
        except (KeyboardInterrupt, Interrupted) as e:
            if not self.state.interactive:
                raise                          # a script dies of it (see __main__)
            self.state.last_status = getattr(e, "status", 130)
        except ExpansionError as e:            # ${x?}: see Executor.run_text
            report(e.message)
            if not self.state.interactive:     # bash exits 127 under -c, else 1
                raise ExitShell(127 if self.command_string else 1) from None
            self.state.last_status = 1
        except RecursionError:
            report(_("command nested too deeply"))
            self.state.last_status = 2
        except Exception as e:                 # the last-resort handler
            report(_("internal error: {error}").format(error=f"{type(e).__name__}: {e}"))
            self.state.last_status = 1
        return self.state.last_status

    def run_stdin(self) -> int:
        """Read commands from a non-terminal stdin and run them as they complete.

        Input is read a line at a time and no further, so a command that
        reads stdin itself (`read`, `cat`) gets the lines after it, as in sh.
        """
        reader = LineReader(0)
        pending, lines = "", 0
        while True:
            line = reader.readline()
            if not line:
                if pending.strip():
                    self.run_line(pending)     # reports the incomplete input
                return self.state.last_status
            pending += line
            try:
                if _needs_more(pending):
                    continue                   # an open quote, a trailing |: read on
            except NestedTooDeeply as e:       # not the script's fault: skip it, go on
                report(e.message)
                self.state.last_status = 2
                pending = ""
                continue
            self.state.line_base = lines + 1   # $LINENO counts from the first line read
            lines += pending.count("\n")
            self.run_line(pending)
            pending = ""


def _needs_more(text: str) -> bool:
    """Is `text` an unfinished command?  (A syntax error is finished: run_line
    reports it.)  Raises NestedTooDeeply."""
    body = text.rstrip("\n") if text.endswith("\\\n") else ""
    if body and (len(body) - len(body.rstrip("\\"))) % 2 == 1:
        return True                            # a backslash-newline: the line goes on
    try:
        parse(text)
    except IncompleteInput:
        return True
    except NestedTooDeeply:
        raise
    except (ParseError, RecursionError):       # run_line reports either
        return False
    return False


class LineReader:
    """readline() on a file descriptor without reading past the newline.

    On a pipe that means one byte per read(2) (a pipe cannot be rewound);
    on a regular file we read a block and lseek(2) back, as bash does.
    """

    def __init__(self, fd: int, wakeup: int | None = None) -> None:
        self.fd, self.wakeup = fd, wakeup
        try:
            os.lseek(fd, 0, os.SEEK_CUR)
            self.seekable = True
        except OSError:
            self.seekable = False
        # A terminal in canonical mode returns at most one line per read(2).
        self.block = 4096 if self.seekable or os.isatty(fd) else 1

    def readline(self) -> str:
        data = bytearray()
        while True:
            if self.wakeup is not None:
                self._wait_readable()
            try:
                chunk = os.read(self.fd, self.block)
            except BlockingIOError:
                continue                       # a Ctrl-C flushed the line: wait again
            except OSError:                    # `minish <&-` (EBADF), a hung-up tty (EIO):
                break                          # no more input, as bash sees it
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

    def _wait_readable(self) -> None:
        """select(2) on the input and the signal wake-up pipe.

        A Ctrl-C that lands just before read(2) would otherwise run its
        Python handler only when read returns -- after the next keystroke.
        signal.set_wakeup_fd makes the C-level handler write a byte to our
        pipe, so select returns at once and the handler runs now.  (The
        input fd is non-blocking too, or Ctrl-C flushing the line between
        select and read would leave read(2) blocked.)
        """
        import select
        while True:
            ready, _writable, _failed = select.select([self.fd, self.wakeup], [], [])
            if self.wakeup in ready:
                try:
                    os.read(self.wakeup, 512)      # drain; the handler runs next
                except BlockingIOError:
                    pass
            if self.fd in ready:
                return
