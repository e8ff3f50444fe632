"""Jobs: the pipelines the shell started, their process groups, the terminal.

A job is one pipeline: its pids, its process group (pgid) and its text.
With job control (an interactive shell), each job gets its own process
group (setpgid(2)), and the foreground job owns the terminal
(tcsetpgrp(3)).  That way Ctrl-C and Ctrl-Z, which the terminal sends to
its foreground *group*, reach every process of the job and never the
shell.  We wait with WUNTRACED, so a stopped job comes back to us as
"stopped" rather than leaving the shell hanging (waitpid(2)).

Background jobs are reaped with WNOHANG as soon as SIGCHLD says one ended,
so they never linger as zombies; the REPL prints their notices.
"""
import fcntl
import os
import termios

from . import signals, trace
from .process import exit_status, waitpid


class Job:
    __slots__ = ("id", "pgid", "pids", "command", "raw", "background", "stopped",
                 "stop_signal", "tmodes", "notified", "last_raw")

    def __init__(self, id: int, pids: list[int], command: str, pgid: int | None,
                 background: bool) -> None:
        self.id, self.pids, self.command = id, pids, command
        self.pgid, self.background = pgid, background
        self.raw: dict[int, int] = {}          # pid -> raw wait status, once ended
        self.stopped: set[int] = set()         # pids stopped by a signal
        self.stop_signal = 0                   # the signal that stopped it
        self.last_raw: dict[int, int] = {}     # pid -> latest status, stops included
        self.tmodes = None                     # terminal modes when it stopped
        self.notified = False

    @property
    def done(self) -> bool:
        return len(self.raw) == len(self.pids)

    @property
    def is_stopped(self) -> bool:
        return not self.done and bool(self.stopped) and \
            all(p in self.raw or p in self.stopped for p in self.pids)

    @property
    def status(self) -> int:
        """The job's $?: the status of its last process."""
        return exit_status(self.raw[self.pids[-1]])

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


class JobTable:
    def __init__(self) -> None:
        self.jobs: dict[int, Job] = {}
        self.order: list[int] = []             # most recent first: %+ then %-
        self.tty: int | None = None            # the terminal's fd, with job control
        self.shell_pgid = os.getpgrp()
        self.shell_tmodes = None
        self.noreap = False                    # set -o noreap: let zombies be

    # -- the table -------------------------------------------------------------
    def add(self, pids: list[int], command: str, pgid: int | None = None,
            background: bool = True) -> Job:
        job_id = max(self.jobs, default=0) + 1
        job = self.jobs[job_id] = Job(job_id, pids, command, pgid, background)
        self.touch(job)
        return job

    def touch(self, job: Job) -> None:
        """Make `job` the current job (%+)."""
        if job.id in self.order:
            self.order.remove(job.id)
        self.order.insert(0, job.id)

    def remove(self, job: Job) -> None:
        self.jobs.pop(job.id, None)
        if job.id in self.order:
            self.order.remove(job.id)

    def marker(self, job: Job) -> str:
        """'+' for the current job, '-' for the previous one (as `jobs` shows)."""
        live = [i for i in self.order if i in self.jobs]
        if live and live[0] == job.id:
            return "+"
        if len(live) > 1 and live[1] == job.id:
            return "-"
        return " "

    def find(self, spec: str) -> Job | None:
        """%n, %+, %%, %-, %string (command starts with), %?string, or a pid."""
        live = [i for i in self.order if i in self.jobs]
        if not spec.startswith("%"):
            if spec.isascii() and spec.isdigit():
                return self.by_pid(int(spec))
            return None
        body = spec[1:]
        if body in ("", "+", "%"):
            return self.jobs[live[0]] if live else None
        if body == "-":
            return self.jobs[live[1]] if len(live) > 1 else None
        if body.isascii() and body.isdigit():
            return self.jobs.get(int(body))
        if body.startswith("?"):
            hits = [j for j in self.jobs.values() if body[1:] in j.command]
        else:
            hits = [j for j in self.jobs.values() if j.command.startswith(body)]
        return hits[0] if len(hits) == 1 else None

    def by_pid(self, pid: int) -> Job | None:
        return next((j for j in self.jobs.values() if pid in j.pids), None)

    def clear(self) -> None:
        """In a new subshell: the parent's jobs are not our children."""
        self.jobs.clear()
        self.order.clear()
        self.tty = None

    # -- reaping -----------------------------------------------------------------
    def reap(self, forget: bool = True) -> list[Job]:
        """Collect ended or stopped processes without blocking (WNOHANG).

        A finished job stays in the table, status and all, until `wait`
        asks for it or the REPL reports it: `sleep 1 & ...; wait $!` must
        still find the job's status after it was reaped.
        """
        changed = []
        if self.noreap:
            return changed                     # they stay <defunct> until `wait`
        for job in list(self.jobs.values()):
            if job.done or not job.background:  # the foreground job is waited for
                continue
            was_stopped = job.is_stopped
            for pid in job.pids:
                if pid not in job.raw:
                    self._collect(job, pid, os.WNOHANG | os.WUNTRACED | os.WCONTINUED)
            if job.done or job.is_stopped != was_stopped:
                changed.append(job)
        if forget:                             # not from a signal handler
            self._forget_old()
        return changed

    def _collect(self, job: Job, pid: int, flags: int) -> bool:
        """One waitpid on `pid`; record what happened.  False if nothing did."""
        try:
            got, raw = waitpid(pid, flags)
        except ChildProcessError:
            # Already reaped: by the SIGCHLD handler (then job.raw has it), or
            # by someone else entirely.
            if pid in job.raw:
                return True
            got, raw = pid, 0
        if not got:
            return False
        job.last_raw[pid] = raw
        if os.WIFSTOPPED(raw):
            job.stopped.add(pid)
            job.stop_signal = os.WSTOPSIG(raw)
        elif os.WIFCONTINUED(raw):
            job.stopped.discard(pid)
        else:
            job.raw[pid] = raw
            job.stopped.discard(pid)
        return True

    def _forget_old(self, keep: int = 100) -> None:
        """A script may start thousands of jobs it never waits for."""
        done = [job_id for job_id, job in self.jobs.items() if job.done]
        for job_id in done[:-keep]:
            self.remove(self.jobs[job_id])

    def wait(self, job: Job, stop_ok: bool = False) -> int:
        """Block until every process of `job` has ended (or, with `stop_ok`,
        until the job stops); return its status."""
        flags = os.WUNTRACED if stop_ok else 0
        while not job.done:
            if stop_ok and job.is_stopped:
                return 128 + job.stop_signal
            pid = next(p for p in job.pids if p not in job.raw and
                       (p not in job.stopped or not stop_ok))
            self._collect(job, pid, flags)
        return job.status

    # -- job control: the terminal ------------------------------------------------
    def enable_job_control(self, tty_fd: int) -> bool:
        """Take charge of the terminal: our own process group, in the foreground.

        Returns False (no job control) when that is impossible.
        """
        try:
            # Wait until we are in the foreground (a shell started with `&`
            # must not steal the terminal): SIGTTIN stops us until `fg`.
            while os.tcgetpgrp(tty_fd) != os.getpgrp():
                os.kill(-os.getpgrp(), 21)     # SIGTTIN
            if os.getpgrp() != os.getpid():
                os.setpgid(0, 0)               # our own group, led by us
            os.tcsetpgrp(tty_fd, os.getpgrp())
            self.tty = fcntl.fcntl(tty_fd, fcntl.F_DUPFD_CLOEXEC, 10)
            self.shell_pgid = os.getpgrp()
            self.shell_tmodes = termios.tcgetattr(self.tty)
            return True
        except OSError:
            self.tty = None
            return False

    def foreground(self, job: Job, cont: bool = False) -> int:
        """Give `job` the terminal, wait until it ends or stops, take it back.

        Returns the job's status: its exit status, or 128+signal when it
        stopped.  A stopped job stays in the table for `fg`/`bg`.
        """
        job.background = False
        try:
            if self.tty is not None and job.pgid:
                _quiet(f"tcsetpgrp({self.tty}, {job.pgid})", os.tcsetpgrp, self.tty, job.pgid)
                if cont and job.tmodes is not None:
                    _quiet(f"tcsetattr({self.tty}, TCSADRAIN, ...)", termios.tcsetattr,
                           self.tty, termios.TCSADRAIN, job.tmodes)
        finally:
            signals.release_sigint(job.pgid)   # see process.fork: blocked until now
        if cont:
            job.stopped.clear()
            _quiet(f"kill(-{job.pgid}, SIGCONT)", os.killpg, job.pgid, 18)
        signals.job_running = True
        try:
            status = self.wait(job, stop_ok=self.tty is not None)
        finally:
            signals.job_running = False
            self._take_terminal_back(job)
        if job.is_stopped:
            job.background = True
            self.touch(job)
        else:
            self.remove(job)
        return status

    def _take_terminal_back(self, job: Job) -> None:
        if self.tty is not None:
            _quiet(f"tcsetpgrp({self.tty}, {self.shell_pgid})", os.tcsetpgrp,
                   self.tty, self.shell_pgid)
            if job.is_stopped:                 # keep its modes for `fg` (vi, less)
                job.tmodes = _quiet(f"tcgetattr({self.tty}, ...)", termios.tcgetattr, self.tty)
            if self.shell_tmodes is not None:  # a program may have left raw mode on
                _quiet(f"tcsetattr({self.tty}, TCSADRAIN, ...)", termios.tcsetattr,
                       self.tty, termios.TCSADRAIN, self.shell_tmodes)

    def continue_in_background(self, job: Job) -> None:
        """bg: SIGCONT to the whole group, and leave it running."""
        job.stopped.clear()
        job.background = True
        _quiet(f"kill(-{job.pgid}, SIGCONT)", os.killpg, job.pgid, 18)


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
    return f"[{job.id}]{marker}{middle}{state:<24}{command}"


def _quiet(text: str, fn, *args):
    """Terminal calls fail harmlessly when the job or terminal is gone."""
    try:
        return trace.syscall(text, fn, *args, show=lambda r: 0)
    except OSError:
        return None
