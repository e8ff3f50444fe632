"""A lesson's commands write to a terminal, and the lesson still reads it.

A step's command must run as it would at the prompt: `ls -l /proc/self/fd`
shows a terminal on fd 1, a pager pages, a blocked `cat fifo` is seen
blocking while it happens.  A file in between would change all of that.
So the lesson gives its commands a pseudo-terminal of their own (pty(7)),
and a small process, the pump, copies everything written to it onto the
student's terminal as it comes, keeping a copy for the checks:

    command --fd 1, 2--> pty slave ==> master --pump--> student's terminal
                                                   \\--> capture file

To know where one command's output ends, the runner writes a mark into
the slave after the command; the pump, when it reads the mark, does not
show it and answers with one byte on a pipe (`mark!` ends the pump).  Everything before the mark
is then in the capture file (a pty keeps the order of what is written).

Who calls it: repl/lesson.py.
System calls: openpty, ioctl(TIOCGWINSZ/TIOCSWINSZ), tcsetattr, fork and
pipe (through run/process.py), read, write, waitpid.
"""
import fcntl
import os
import signal
import termios

from ..run import process

TEE_FD_MIN = 91                 # the slave, kept out of the way of `exec 3> f`


class Tee:
    def __init__(self, scratch: str) -> None:
        master, slave = os.openpty()
        _same_size(1, slave)
        attrs = termios.tcgetattr(slave)
        attrs[1] &= ~termios.OPOST             # bytes pass as written: no \n -> \r\n
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        self.mark = f"\0\0minish-lesson-mark-{os.getpid()}\0\0".encode()
        path = os.path.join(scratch, ".minish-output")
        capture = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        os.unlink(path)                        # nothing left behind, however we end
        self.acks, ack_write = process.pipe()
        self.pid = process.fork(lambda: _pump(master, capture, ack_write, self.mark),
                                [process.Close(slave, self.acks)])
        process.close(master)
        process.close(ack_write)
        self.slave = fcntl.fcntl(slave, fcntl.F_DUPFD_CLOEXEC, TEE_FD_MIN)
        os.close(slave)
        self.capture, self.offset = capture, 0

    def output(self) -> str:
        """Everything written to the pty since the last call."""
        self._write(self.mark + b".")
        os.read(self.acks, 1)                  # b"" if the pump is gone: go on anyway
        size = os.fstat(self.capture).st_size
        data = os.pread(self.capture, size - self.offset, self.offset)
        self.offset = size
        return data.decode("utf-8", "replace")

    def close(self) -> None:
        """The pump ends at the end mark; then wait for it (waitpid(2))."""
        self._write(self.mark + b"!")
        for fd in (self.slave, self.acks, self.capture):
            os.close(fd)
        try:
            process.wait_pid(self.pid)
        except ChildProcessError:
            pass

    def _write(self, data: bytes) -> None:
        try:
            os.write(self.slave, data)
        except OSError:
            pass                               # the pump is gone: nothing reads it


def _same_size(source: int, target: int) -> None:
    """The pty gets the terminal's size, so `ls` and pagers lay out as usual."""
    try:
        fcntl.ioctl(target, termios.TIOCSWINSZ, fcntl.ioctl(source, termios.TIOCGWINSZ, b"\0" * 8))
    except OSError:
        pass


def _pump(master: int, capture: int, acks: int, mark: bytes) -> int:
    """The pump's life: master -> fd 1 and the capture file, until the end mark."""
    for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTOU, signal.SIGTTIN):
        signal.signal(sig, signal.SIG_IGN)     # Ctrl-C is for the command, not for us
    pending = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:                        # EIO: every slave fd is closed
            chunk = b""
        if not chunk:
            _copy(pending, capture)
            return 0
        pending += chunk
        while (at := pending.find(mark)) >= 0 and len(pending) > at + len(mark):
            _copy(pending[:at], capture)
            kind, pending = pending[at + len(mark)], pending[at + len(mark) + 1:]
            if kind == ord("!"):               # the end (Tee.close)
                _copy(pending, capture)
                return 0
            os.write(acks, b".")
        at = pending.find(mark)                # a mark whose kind has not come yet,
        keep = len(pending) - at if at >= 0 else _partial_mark(pending, mark)  # or half one
        _copy(pending[:len(pending) - keep], capture)
        pending = pending[len(pending) - keep:]


def _partial_mark(data: bytes, mark: bytes) -> int:
    """How many bytes at the end of `data` could begin a mark."""
    for n in range(min(len(mark) - 1, len(data)), 0, -1):
        if mark.startswith(data[-n:]):
            return n
    return 0


def _copy(data: bytes, capture: int) -> None:
    if not data:
        return
    os.write(capture, data)
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(1, view):]
        except OSError:                        # the terminal went away: keep capturing
            return
