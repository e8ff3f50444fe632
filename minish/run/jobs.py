"""Jobs: the commands the shell started, their process groups, the terminal,
and the one function that waits for them.

A job is made *before* its first fork (dash's makejob, then forkshell):
the executor asks `JobTable.new(node)` for one, every fork registers its
pid with it (process.fork), and `wait_for(job)` waits for it.  Scripts and
the interactive shell share that wait; job control only adds:
- a process group per job (setpgid(2)) and the terminal for the
  foreground one (tcsetpgrp(3)), so that Ctrl-C and Ctrl-Z, which the
  terminal sends to its foreground *group*, reach the job and never the
  shell (see `child_steps`);
- WUNTRACED, so a stopped job comes back to us as "stopped" rather than
  leaving the shell hanging (waitpid(2)).

After a foreground job, `wait_for` decides what its end means: a job
killed by SIGINT or SIGQUIT abandons the whole command line: the one rule
for that is `check_interrupted`.

What a job is, and the text `jobs` prints for it, is job.py's.

Background jobs are reaped with WNOHANG as soon as SIGCHLD says one ended,
so they never linger as zombies; the REPL prints their notices.
"""
import os

from . import process, signals, trace
from ..errors import Interrupted
from ..lang.syntax import Pipeline, text_of
from .job import Job
from .process import waitpid

SIGINT, SIGQUIT, SIGCONT = 2, 3, 18


class JobTable:
    def __init__(self) -> None:
        self.jobs: dict[int, Job] = {}
        self.order: list[int] = []             # most recent first: %+ then %-
        self.terminal = None                   # a tty.Terminal, with job control
        self.noreap = False                    # set -o noreap: let zombies be
        self.last: Job | None = None           # the last foreground job (`status`)

    @property
    def job_control(self) -> bool:
        """Process groups and the terminal: only in the interactive shell
        itself (a forked copy of it clears `terminal`)."""
        return self.terminal is not None

    @property
    def tty(self) -> int | None:
        """The terminal's fd, with job control."""
        return self.terminal.fd if self.terminal else None

    # -- making jobs --------------------------------------------------------------
    def new(self, node, background: bool = False) -> Job:
        """A job for `node`, before its first fork.

        A foreground job with job control blocks SIGINT until it owns the
        terminal: between fork and tcsetpgrp the terminal's foreground group
        is still the shell's, so a quick Ctrl-C would hit the shell, not the
        new job.  `wait_for` passes such a Ctrl-C on to the job.
        """
        job = Job(node, background)
        if self.job_control and not background:
            signals.hold_sigint()
            job.holds_sigint = True
        return job

    def child_steps(self, job: Job) -> list:
        """What every child of `job` does before it runs (see process.py)."""
        if self.job_control:
            steps = [process.JoinGroup(job)]
            if not job.background:
                steps.append(process.TakeTerminal(self.tty))
            return steps + [process.RestoreSignals()]
        if job.background:                     # no job control: XCU 2.9.3 and 2.11
            return [process.RestoreSignals(background=True), process.NullStdin()]
        return [process.RestoreSignals()]

    # -- the table -------------------------------------------------------------
    def add(self, job: Job) -> Job:
        """Give `job` a number and make it the current job (%+)."""
        if not job.id:
            job.id = max(self.jobs, default=0) + 1
            self.jobs[job.id] = job
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
        hits = self.named(spec)
        return hits[0] if len(hits) == 1 else None

    def named(self, spec: str) -> list[Job]:
        """The jobs %string (command starts with) or %?string (contains) names;
        more than one is bash's "ambiguous job spec"."""
        body = spec[1:]
        if body.startswith("?"):
            return [j for j in self.jobs.values() if body[1:] in j.command]
        return [j for j in self.jobs.values() if j.command.startswith(body)]

    def by_pid(self, pid: int) -> Job | None:
        return next((j for j in self.jobs.values() if pid in j.pids), None)

    def clear(self, listed: bool = False) -> None:
        """In a new subshell: the parent's jobs are not our children.
        `listed`: keep them for `jobs` to list, never to reap, as bash does
        in $(...) and in a pipeline (so that `kill $(jobs -p)` works)."""
        self.terminal = None
        if listed:
            self.noreap = True
            return
        self.jobs.clear()
        self.order.clear()

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

    def settle(self, job: Job, timeout: float = 0.2) -> None:
        """After `kill %N`: give the job a moment to die, so its notice
        ("[1]+  Killed") comes before the next prompt rather than after the
        next command.  waitid(WNOHANG|WNOWAIT) only looks; reap() reaps."""
        import time
        flags = os.WEXITED | os.WSTOPPED | os.WNOHANG | os.WNOWAIT   # not WCONTINUED: see kill
        end = time.monotonic() + timeout
        for pid in job.pids:
            while pid not in job.raw and time.monotonic() < end:
                try:
                    if os.waitid(os.P_PID, pid, flags) is not None:
                        break
                except ChildProcessError:
                    break
                time.sleep(0.002)

    def _forget_old(self, keep: int = 100) -> None:
        """A script may start thousands of jobs it never waits for."""
        done = [job_id for job_id, job in self.jobs.items() if job.done]
        for job_id in done[:-keep]:
            self.remove(self.jobs[job_id])

    # -- the one wait --------------------------------------------------------------
    def wait_for(self, job: Job, foreground: bool = True, cont: bool = False) -> int:
        """Wait until every process of `job` has ended; return its $?.

        This is the only place the shell blocks in waitpid(2) for a job.  A
        foreground job with job control gets the terminal first, is waited
        for with WUNTRACED (Ctrl-Z gives it back to us as stopped, status
        128+SIGTSTP, kept in the table for `fg`/`bg`), and the terminal comes
        back afterwards.  `cont`: `fg` of a stopped job, which gets SIGCONT.
        """
        control = foreground and self.job_control and job.pgid
        try:
            if control:
                job.background = False
                self.terminal.give(job, cont)
        finally:
            if job.holds_sigint:
                job.holds_sigint = False
                signals.release_sigint(job.pgid)
        if cont and job.pgid:
            job.stopped.clear()
            _quiet(f"kill(-{job.pgid}, SIGCONT)", os.killpg, job.pgid, SIGCONT)
        signals.waiting, signals.sigint_arrived = foreground, False
        try:
            flags = os.WUNTRACED if control else 0
            while not job.done and not (control and job.is_stopped):
                pid = next(p for p in job.pids if p not in job.raw and p not in job.stopped)
                self._collect(job, pid, flags)
        finally:
            signals.waiting = False
            if control:
                self.terminal.take_back(job)
        if not foreground:
            return job.status
        self.last = job
        if job.is_stopped:
            job.background = True
            self.add(job)
            return 128 + job.stop_signal
        self.remove(job)
        return job.status

    def check_interrupted(self, job: Job) -> None:
        """A foreground job killed by SIGINT (Ctrl-C) or SIGQUIT (Ctrl-\\)
        ends the whole command line, as if the shell had been hit too.  With
        job control the shell never sees the signal, so the child's death is
        the evidence; without it, the shell must have seen SIGINT itself
        (bash's rule), or a program killed by someone else would stop a
        script.  A trap on the signal takes over instead."""
        for raw in job.raw.values():
            sig = os.WTERMSIG(raw) if os.WIFSIGNALED(raw) else 0
            if sig not in (SIGINT, SIGQUIT) or signals.is_trapped(sig):
                continue
            if self.job_control or (sig == SIGINT and signals.sigint_arrived):
                raise Interrupted(sig)

    def last_table(self) -> list[tuple[int, str, int]]:
        """(pid, command text, raw status) for each process of the last
        foreground job (the `status` builtin)."""
        job = self.last
        if job is None:
            return []
        node = job.node
        stages = node.commands if isinstance(node, Pipeline) else [node] * len(job.pids)
        return [(pid, text_of(stage), job.last_raw.get(pid, -1))
                for pid, stage in zip(job.pids, stages)]

    # -- job control: the terminal (tty.py) ---------------------------------------
    def enable_job_control(self, tty_fd: int) -> bool:
        """Take charge of the terminal; False (no job control) if impossible."""
        from .tty import Terminal             # only with job control: start-up time
        self.terminal = Terminal.take(tty_fd)
        return self.terminal is not None

    def continue_in_background(self, job: Job) -> None:
        """bg: SIGCONT to the whole group, and leave it running."""
        job.stopped.clear()
        job.background = True
        _quiet(f"kill(-{job.pgid}, SIGCONT)", os.killpg, job.pgid, SIGCONT)


def _quiet(text: str, fn, *args):
    """Terminal calls fail harmlessly when the job or terminal is gone."""
    try:
        return trace.syscall(text, fn, *args, show=lambda r: 0)
    except OSError:
        return None
