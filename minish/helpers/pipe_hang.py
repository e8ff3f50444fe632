"""pipe_hang: the classic pipe bug, on purpose.

The parent makes a pipe, forks a child that reads until end-of-file, writes
one line and then -- unless --close -- forgets to close its own write end.
The child never sees EOF: a pipe's reader gets EOF only when every write
end, in every process, is closed.
"""
import os
import select
import sys

from minish.i18n import _


def main() -> int:
    close_it = "--close" in sys.argv[1:]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:                                   # the reader
        os.close(write_end)                        # the child closes its copy...
        total = 0
        while chunk := os.read(read_end, 4096):
            total += len(chunk)
        os.write(1, (_("reader: got end-of-file after {total} bytes").format(total=total)
                     + "\n").encode())
        os._exit(0)
    os.close(read_end)
    os.write(write_end, b"one line\n")
    if close_it:
        os.close(write_end)                        # ...and now the parent does too
    # Wait up to a second for the reader to finish, without hanging for ever.
    for _tick in range(10):
        if os.waitpid(pid, os.WNOHANG)[0]:
            print(_("parent: the reader finished"))
            return 0
        select.select([], [], [], 0.1)
    print(_("parent: reader still waiting after 1 s -- our write end is still open, "
            "so it never sees end-of-file"))
    os.kill(pid, 15)
    os.waitpid(pid, 0)
    return 1


if __name__ == "__main__":
    sys.exit(main())
