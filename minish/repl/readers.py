"""Choosing how to read a command line, and the plainest way to do it.

Three readers, one interface -- read(prompt) -> line, or None at EOF;
a Ctrl-C raises KeyboardInterrupt:

  full       editor.py: prompt_toolkit (colours, completion, suggestions),
             at a terminal that answers cursor-position requests;
  readline   rleditor.py: GNU readline, bash's own editor, whose output is
             the prompt and the typed text, byte for byte;
  plain      PlainReader below: lines from fd 0, no editing, no escapes.

MINISH_EDITOR=full|readline|plain chooses; otherwise pipes and TERM=dumb
get plain lines, and a terminal gets the full editor if it answers the
question in terminal.py, readline if it does not (pexpect, expect...).
The full editor loads behind a prompt that is already on the screen
(early.py).
"""
import os
# _signal: the C module behind `signal`, without its import of enum (the
# first prompt waits for every import; see run/signals.py)
import _signal as signal
import termios

from ..errors import report, write
from ..i18n import _
from ..shell import LineReader
from .early import load_editor_behind_prompt
from .terminal import Typeahead, answers_cpr


def choose_reader(shell):
    choice = os.environ.get("MINISH_EDITOR", "")
    at_terminal = os.isatty(0) and os.isatty(1) and os.environ.get("TERM") != "dumb"
    if choice == "plain" or not (at_terminal or choice in ("full", "readline")):
        return PlainReader()
    keys, raw = b"", b""
    if choice not in ("full", "readline"):
        choice = "readline"
        # prompt_toolkit's own switch: "this terminal answers no CPR".
        if os.environ.get("PROMPT_TOOLKIT_NO_CPR") != "1":
            try:
                answered, keys = answers_cpr(0, 1)
            except OSError:                    # e.g. not our terminal after all
                answered, keys = False, b""
            choice = "full" if answered else "readline"
    if choice == "full":
        # The full editor takes a few hundred ms to import: show the prompt
        # and take keys meanwhile (early.py).
        try:
            keys, raw = load_editor_behind_prompt(shell, keys)
        except (OSError, termios.error):       # e.g. not our terminal after all
            pass
    typeahead = Typeahead(keys)
    try:
        if choice == "full":
            from .editor import Editor         # imports prompt_toolkit: ~200 ms
            return Editor(shell, typeahead, raw)
        from .rleditor import ReadlineEditor
        return ReadlineEditor(shell, typeahead)
    except Exception as e:                     # no usable terminal: fall back
        report(_("line editor unavailable ({error}); reading plain lines").format(error=e))
        return PlainReader()


class PlainReader:
    """Lines from fd 0 with the prompt on stderr, as sh does: no escapes."""
    plain, colour = True, False

    def __init__(self) -> None:
        if not os.isatty(0):
            self.lines = LineReader(0)
            return
        # Our own open of the terminal, non-blocking: O_NONBLOCK on fd 0 would
        # be shared with every command that inherits it.  See LineReader.
        tty = _high(os.open(os.ttyname(0), os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY))
        wake_read, wake_write = (_high(fd) for fd in os.pipe2(os.O_NONBLOCK))
        signal.set_wakeup_fd(wake_write)
        self.lines = LineReader(tty, wakeup=wake_read)

    def read(self, prompt: str) -> str | None:
        write(2, prompt)
        line = self.lines.readline()
        if not line:
            return None
        return line[:-1] if line.endswith("\n") else line

    def remember(self, text: str) -> None:
        """Plain lines have no recall; the REPL keeps the history."""


def _high(fd: int) -> int:
    """Move one of the shell's own fds out of the way (>= 100, close-on-exec),
    so `exec 3>file` at the prompt cannot clobber it."""
    import fcntl
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100)
    os.close(fd)
    return high
