"""The controlling terminal: which process group owns it, and its modes.

With job control, the terminal has one *foreground* process group: only
its processes may read from the terminal, and Ctrl-C, Ctrl-Z and Ctrl-\\
signal that whole group (termios(3), tcsetpgrp(3)).  The interactive shell
takes the terminal at start-up, gives it to each foreground job, and takes
it back when the job ends or stops, restoring its own terminal modes in
case the program left raw mode on (an editor killed mid-screen).

Used by jobs.JobTable; the calls go through trace.syscall like every other.
"""
import fcntl
import os
import termios

from . import trace

SIGTTIN = 21


class Terminal:
    def __init__(self, fd: int) -> None:
        self.fd = fd                           # our own copy, at 10+, close-on-exec
        self.shell_pgid = os.getpgrp()
        self.shell_modes = termios.tcgetattr(fd)

    @classmethod
    def take(cls, tty_fd: int) -> "Terminal | None":
        """Our own process group, in the foreground of `tty_fd`; None (no job
        control) when that is impossible."""
        try:
            # Wait until we are in the foreground (a shell started with `&`
            # must not steal the terminal): SIGTTIN stops us until `fg`.
            while os.tcgetpgrp(tty_fd) != os.getpgrp():
                os.kill(-os.getpgrp(), SIGTTIN)
            if os.getpgrp() != os.getpid():
                os.setpgid(0, 0)               # our own group, led by us
            os.tcsetpgrp(tty_fd, os.getpgrp())
            return cls(_out_of_the_way(tty_fd))
        except OSError:
            return None

    def give(self, job, cont: bool) -> None:
        """tcsetpgrp: the job's group becomes the terminal's foreground;
        `fg` of a stopped job also gets back the modes it had (vi, less)."""
        _quiet(f"tcsetpgrp({self.fd}, {job.pgid})", os.tcsetpgrp, self.fd, job.pgid)
        if cont and job.tmodes is not None:
            _quiet(f"tcsetattr({self.fd}, TCSADRAIN, ...)", termios.tcsetattr,
                   self.fd, termios.TCSADRAIN, job.tmodes)

    def take_back(self, job) -> None:
        """The shell's group in the foreground again, with the shell's modes;
        a stopped job's modes are kept for its `fg`."""
        _quiet(f"tcsetpgrp({self.fd}, {self.shell_pgid})", os.tcsetpgrp,
               self.fd, self.shell_pgid)
        if job.is_stopped:
            job.tmodes = _quiet(f"tcgetattr({self.fd}, ...)", termios.tcgetattr, self.fd)
        _quiet(f"tcsetattr({self.fd}, TCSADRAIN, ...)", termios.tcsetattr,
               self.fd, termios.TCSADRAIN, self.shell_modes)


    def lend_stdout(self) -> int | None:
        """While a line is edited, fd 1 is the terminal, even after `exec
        >/dev/null` or `exec >&-`: the editors draw on fd 1, and a student
        who sends the commands' output away still needs a prompt (bash's
        readline draws on stderr for that reason).  Returns what to give
        back to `return_stdout`; -1 when fd 1 is the terminal already.
        Not narrated by `set -o trace`: plumbing between commands."""
        try:
            if os.path.samestat(os.fstat(1), os.fstat(self.fd)):
                return -1
            saved = fcntl.fcntl(1, fcntl.F_DUPFD_CLOEXEC, 10)
        except OSError:
            saved = None                       # fd 1 closed: closed again afterwards
        os.dup2(self.fd, 1)                    # (dup2 clears close-on-exec on fd 1)
        return saved

    def return_stdout(self, saved: int | None) -> None:
        """Put back the fd 1 that lend_stdout replaced."""
        if saved == -1:
            return
        if saved is None:
            os.close(1)
        else:
            os.dup2(saved, 1)
            os.close(saved)


def _out_of_the_way(fd: int) -> int:
    """Our copy of the terminal, close-on-exec, at 255 as bash keeps it: far
    from the fds scripts use (`exec 10>lock` must not take the terminal
    from the shell).  Under a tiny `ulimit -n`, the lowest free fd >= 10."""
    try:
        return fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 255)
    except OSError:
        return fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)


def _quiet(text: str, fn, *args):
    """Terminal calls fail harmlessly when the job or terminal is gone."""
    try:
        return trace.syscall(text, fn, *args, show=lambda r: 0)
    except OSError:
        return None
