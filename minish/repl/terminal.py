"""Asking the terminal one question before the first prompt: do you answer
a cursor-position request (CPR)?

prompt_toolkit, the full editor, draws its prompt with cursor movements and
asks the terminal where the cursor is: it writes ESC [ 6 n and the terminal
types back ESC [ row ; col R (console_codes(4), "Device Status Report").
Every terminal emulator answers within milliseconds.  A program that drives
minish through a pty -- pexpect, expect, a test, `script` -- usually does
not, and prompt_toolkit would then stall for two seconds, print a warning
and draw the prompt as cursor moves that the driver cannot match.

So minish asks once, waits a bounded time, and picks the editor from the
answer (readers.py).  Keys typed while it waits are not lost: they come
back as `Typeahead`, which the chosen editor replays.

The price of a bound: a terminal slower than WAIT to answer gets the
readline editor, and its late answer arrives as keys (readline shows
`;1R` or so on the first line; Ctrl-U clears it).
"""
import os
import select
import termios
import time

REQUEST = b"\x1b[6n"
# Long enough for a terminal at the far end of an ssh link to answer, short
# enough that a driver that never answers hardly notices the wait.
WAIT = 0.5


def answers_cpr(fd: int, out: int, wait: float = WAIT) -> tuple[bool, bytes]:
    """Send a CPR to the terminal on `out`, wait up to `wait` seconds for
    the answer on `fd`.

    Returns (answered, typeahead): the bytes that arrived and were not the
    answer.  The terminal is put in non-canonical mode without echo (so the
    answer is neither shown nor held back until Enter) and without signals
    (so a Ctrl-C now is a key in the typeahead), then restored.
    """
    saved = termios.tcgetattr(fd)
    quiet = termios.tcgetattr(fd)
    quiet[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG)     # c_lflag
    quiet[6][termios.VMIN], quiet[6][termios.VTIME] = 0, 0
    termios.tcsetattr(fd, termios.TCSANOW, quiet)   # TCSANOW: keep the typeahead
    data = bytearray()
    try:
        os.write(out, REQUEST)
        deadline = time.monotonic() + wait
        while (reply := find_reply(data)) is None:
            left = deadline - time.monotonic()
            if left <= 0:
                return False, bytes(data)
            if select.select([fd], [], [], left)[0]:
                data += os.read(fd, 1024)
        start, end = reply
        return True, bytes(data[:start] + data[end:])
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)


def find_reply(data: bytes) -> tuple[int, int] | None:
    """Where ESC [ digits ; digits R is in `data`, as (start, end), or None."""
    start = data.find(b"\x1b[")
    while start >= 0:
        i = start + 2
        for part in (b";", b"R"):
            digits = i
            while i < len(data) and data[i:i + 1].isdigit():
                i += 1
            if i == digits or data[i:i + 1] != part:
                break
            i += 1
        else:
            return start, i
        start = data.find(b"\x1b[", start + 1)
    return None


class Typeahead:
    """Keys typed before the first prompt: whole lines first, then the start
    of one more, which the editor puts on its first line to finish."""

    def __init__(self, data: bytes = b"") -> None:
        text = data.decode("utf-8", "surrogateescape")
        text = text[text.rfind("\x03") + 1:]             # a Ctrl-C drops what came before
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        *self.lines, self.partial = text.split("\n")

    def next_line(self) -> str | None:
        return self.lines.pop(0) if self.lines else None

    def take_partial(self) -> str:
        partial, self.partial = self.partial, ""
        return partial
