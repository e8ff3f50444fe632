"""add2: read lines of two integers, write their sum -- a coprocess filter.

    python -m minish.helpers.add2             flushes after every line
    python -m minish.helpers.add2 --buffered  block-buffered, like stdio on a
                                              pipe: driven as a coprocess it
                                              deadlocks (the buffering trap)
"""
import sys

from minish.i18n import _


def main() -> int:
    buffered = "--buffered" in sys.argv[1:]
    # Our own stream, so PYTHONUNBUFFERED cannot hide the trap: 8 KiB blocks,
    # as stdio gives any program whose stdout is a pipe.
    out = open(sys.stdout.fileno(), "w", buffering=8192, closefd=False)
    for line in sys.stdin:
        words = line.split()
        try:
            a, b = int(words[0]), int(words[1])
            out.write(f"{a + b}\n")
        except (ValueError, IndexError):
            out.write(_("invalid args") + "\n")
        if not buffered:
            out.flush()
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
