"""system_signals: why system() ignores SIGINT while it waits.

The command sends SIGINT to its parent (us).  With system_naive our
handler runs -- Ctrl-C at the terminal would reach us too; with system()
SIGINT is ignored while the command runs, so the handler does not.
"""
import signal
import sys

from minish.i18n import _
from minish.libc import system, system_naive


def main() -> int:
    caught = []
    signal.signal(signal.SIGINT, lambda *a: caught.append("INT"))
    for fn in (system_naive, system):
        caught.clear()
        fn("kill -INT $PPID; sleep 0.2")
        verdict = _("our SIGINT handler ran") if caught else _("our SIGINT handler did not run")
        print(f"{fn.__name__:<13}: len(caught) = {len(caught)} -- {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
