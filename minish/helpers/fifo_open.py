"""fifo_open FIFO: what opening a FIFO with O_NONBLOCK does with no reader.

open(O_RDONLY | O_NONBLOCK) succeeds at once; open(O_WRONLY | O_NONBLOCK)
with no reader fails with ENXIO (fifo(7)).  Without O_NONBLOCK either open
would block until the other side opened.
"""
import errno
import os
import sys

from minish.i18n import _, strerror


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "fifo"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        print(f"open(O_WRONLY|O_NONBLOCK) = {fd}: " + _("someone is reading"))
        os.close(fd)
    except OSError as e:
        print(f"open(O_WRONLY|O_NONBLOCK) = -1 {errno.errorcode[e.errno]} "
              f"({strerror(e.errno)}): " + _("no process has the FIFO open for reading"))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    print(f"open(O_RDONLY|O_NONBLOCK) = {fd}: " + _("a reader never waits for a writer here"))
    os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
