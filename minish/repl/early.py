"""The first prompt, drawn before the full editor has loaded.

Importing prompt_toolkit and pygments (editor.py) takes a few hundred ms;
bash shows its prompt in a few.  So when the full editor is chosen (by
MINISH_EDITOR=full, or because the terminal answered the question in
terminal.py, which a terminal does within a millisecond or two):

1. the prompt is drawn at once, and the terminal is put in non-canonical
   mode without echo or signals (termios(3)); keys are read here and
   echoed as a plain line: printable text, Backspace and Enter;
2. meanwhile (started once the prompt is out: it would hold the GIL) one
   thread imports editor.py, and does nothing else (it never
   forks; the shell runs no command before the hand-over, so no fork can
   happen while that thread is alive);
3. when the editor is loaded, what was drawn here is erased and the keys
   go to the editor as Typeahead: whole lines run first, then the
   unfinished one is the editor's first line.  From the first key this
   plain line cannot do (Tab, Ctrl-C, Ctrl-D, an arrow...) on, keys are
   only collected, not shown, and the editor is given them as they came,
   as keys, after that first line.  No key is lost or re-ordered.

A driver that never answers (pexpect, expect) gets the readline editor,
which loads in a few ms: it sees no early prompt and no erasing, only the
prompt readline prints, byte for byte.
"""
import _thread                   # threading's C core: `threading` would import collections
import os
import select
import termios

from .prompt import render_prompt, visible

POLL = 0.01                       # how often the loop looks whether the import is done


def load_editor_behind_prompt(shell, typed: bytes = b"") -> tuple[bytes, bytes]:
    """Draw PS1, read keys until editor.py is imported (`typed`: those that
    came before).  Returns (text, keys): the plain text typed, for
    Typeahead, then the keys from the first one plain text cannot hold."""
    loading = _thread.allocate_lock()
    loading.acquire()                          # released when the import is over

    def load() -> None:
        try:
            from . import editor               # noqa: F401  (the slow import)
        except Exception:                      # readers.py imports it again and reports
            pass
        finally:
            loading.release()

    state = shell.state
    prompt = visible(render_prompt(state.vars.get("PS1"), state, "NO_COLOR" not in os.environ,
                                   ("\001", "\002")))
    line = _Line(prompt)
    pending = bytearray(typed)
    started = False
    try:
        saved = termios.tcgetattr(0)
        quiet = termios.tcgetattr(0)
        quiet[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG)     # c_lflag
        quiet[6][termios.VMIN], quiet[6][termios.VTIME] = 0, 0
        termios.tcsetattr(0, termios.TCSANOW, quiet)   # TCSANOW: keep what is typed
        try:
            line.echo(prompt)
            # Only now: once the import runs, this thread waits its turn for
            # the GIL (up to sys.getswitchinterval(), 5 ms, at a time).
            _thread.start_new_thread(load, ())
            started = True
            while True:
                line.take(pending)
                if not loading.locked():
                    break
                if select.select([0], [], [], POLL)[0]:
                    pending += os.read(0, 1024)
        finally:
            termios.tcsetattr(0, termios.TCSANOW, saved)
            line.erase()
    finally:
        if started:
            loading.acquire()                  # the import is over: forks are safe again
    return bytes(line.keys), bytes(line.rest)


class _Line:
    """What was typed, for Typeahead, and what is on the screen, to erase it."""

    def __init__(self, prompt: str) -> None:
        self.prompt, self.keys = prompt, bytearray()
        self.rest = bytearray()                # from the first key we cannot show on
        self.rows = prompt.count("\n")         # rows drawn below the first

    def echo(self, text: str) -> None:
        os.write(1, text.encode("utf-8", "surrogateescape"))

    def take(self, pending: bytearray) -> None:
        """Interpret the keys in `pending` (and empty it)."""
        for i, byte in enumerate(pending):
            if self.rest or not (byte >= 0x20 or byte in b"\r\n\x7f\x08"):
                self.rest += pending[i:]       # Tab, Ctrl-C, ESC...: the editor's
                break
            if byte in b"\r\n":
                self.keys += b"\n"
                self.echo("\r\n")
                self.rows += 1
            elif byte in (0x7f, 0x08):         # Backspace: one character back
                if self.keys and self.keys[-1] != 0x0a:
                    while self.keys and 0x80 <= self.keys[-1] < 0xc0:   # UTF-8 tail
                        del self.keys[-1]
                    del self.keys[-1]
                    self.echo("\b \b")
            else:                              # text (UTF-8 bytes pass as they are)
                self.keys.append(byte)
                os.write(1, bytes([byte]))
        del pending[:]

    def erase(self) -> None:
        """Back to where the prompt started, and clear the screen below: the
        editor draws the prompt again, with the keys in it."""
        up = f"\x1b[{self.rows}A" if self.rows else ""
        self.echo("\r" + up + "\x1b[J")
