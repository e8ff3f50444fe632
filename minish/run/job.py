"""A job: one command line's processes, as the shell started them.

Its pids (in order: a pipeline's stages), its process group, the raw wait
status of each process once it has ended (waitpid(2)), whether it is
stopped, and the state `jobs` prints for it: Running, Stopped, Done,
Exit N, or the signal that killed it, as bash words them.
"""
import os

from ..lang.syntax import text_of
from ..i18n import _
from .process import exit_status


class Job:
    __slots__ = ("id", "pgid", "pids", "node", "command", "raw", "background", "stopped",
                 "stop_signal", "tmodes", "notified", "last_raw", "holds_sigint")

    def __init__(self, node, background: bool) -> None:
        self.id = 0                            # a number once it is in the table
        self.node, self.command = node, text_of(node)
        self.pids: list[int] = []              # process.fork appends each child
        self.pgid: int | None = None           # set by the first fork (job control)
        self.background = background
        self.raw: dict[int, int] = {}          # pid -> raw wait status, once ended
        self.stopped: set[int] = set()         # pids stopped by a signal
        self.stop_signal = 0                   # the signal that stopped it
        self.last_raw: dict[int, int] = {}     # pid -> latest status, stops included
        self.tmodes = None                     # terminal modes when it stopped
        self.notified = False
        self.holds_sigint = False              # SIGINT blocked until it has the terminal

    @property
    def done(self) -> bool:
        return len(self.raw) == len(self.pids)

    @property
    def is_stopped(self) -> bool:
        return not self.done and bool(self.stopped) and \
            all(p in self.raw or p in self.stopped for p in self.pids)

    @property
    def status(self) -> int:
        """The job's $?: the status of its last process (1 if no fork worked)."""
        return exit_status(self.raw[self.pids[-1]]) if self.pids else 1

    def state(self) -> str:
        """Running, Stopped, Done, Exit N, or the signal that killed it, as
        bash words them -- in Spanish and Portuguese too (bash's catalogs;
        a signal's description is the C library's strsignal(3))."""
        if self.is_stopped:
            if self.stop_signal == 21:         # SIGTTIN
                return _("Stopped (tty input)")
            if self.stop_signal == 22:         # SIGTTOU
                return _("Stopped (tty output)")
            if self.stop_signal == 19:         # SIGSTOP
                return _("Stopped (signal)")
            return _("Stopped")
        if not self.done:
            if all(_is_zombie(p) for p in self.pids if p not in self.raw):
                return _("Zombie (ended, not reaped)")
            return _("Running")
        raw = self.raw[self.pids[-1]]
        if os.WIFSIGNALED(raw):
            from .signals import describe
            text = describe(os.WTERMSIG(raw))
            return _("{signal} (core dumped)").format(signal=text) if os.WCOREDUMP(raw) else text
        code = os.WEXITSTATUS(raw)
        return _("Done") if code == 0 else _("Exit {status}").format(status=code)


def _is_zombie(pid: int) -> bool:
    """State Z in /proc/PID/stat: it has exited and nobody has waited for it."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


def format_job(job: Job, marker: str, pid: bool = False) -> str:
    """One line of `jobs` (and of the notices), in bash's layout."""
    state = job.state()
    command = job.command + (" &" if state == _("Running") else "")
    middle = f" {job.pids[0]} " if pid else "  "
    column = f"{state:<24}" if len(state) < 24 else state + "  "   # never run together
    return f"[{job.id}]{marker}{middle}{column}{command}"
