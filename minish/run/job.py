"""A job: one command line's processes, as the shell started them.

Its pids (in order: a pipeline's stages), its process group, the raw wait
status of each process once it has ended (waitpid(2)), whether it is
stopped, and the state `jobs` prints for it: Running, Stopped, Done,
Exit N, or the signal that killed it, as bash words them.
"""
import os

from ..lang.syntax import text_of
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
        """Running, Stopped, Done, Exit N, or the signal that killed it (as bash)."""
        if self.is_stopped:
            names = {21: " (tty input)", 22: " (tty output)", 19: " (signal)"}
            return "Stopped" + names.get(self.stop_signal, "")
        if not self.done:
            if all(_is_zombie(p) for p in self.pids if p not in self.raw):
                return "Zombie (ended, not reaped)"
            return "Running"
        raw = self.raw[self.pids[-1]]
        if os.WIFSIGNALED(raw):
            from .signals import describe
            text = describe(os.WTERMSIG(raw))
            return text + (" (core dumped)" if os.WCOREDUMP(raw) else "")
        code = os.WEXITSTATUS(raw)
        return "Done" if code == 0 else f"Exit {code}"


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
    command = job.command + (" &" if state == "Running" else "")
    middle = f" {job.pids[0]} " if pid else "  "
    column = f"{state:<24}" if len(state) < 24 else state + "  "   # never run together
    return f"[{job.id}]{marker}{middle}{column}{command}"
