"""Jobs: the pipelines the shell started and has not finished waiting for.

A job is one pipeline: its pids, its process group and the command text.
Background jobs are reaped with waitpid(2, WNOHANG) before each command so
they never linger as zombies.
"""

import os

from .process import exit_status


class Job:
    __slots__ = ("id", "pgid", "pids", "command", "raw", "background")

    def __init__(self, id: int, pids: list[int], command: str, pgid: int | None,
                 background: bool) -> None:
        self.id, self.pids, self.command = id, pids, command
        self.pgid, self.background = pgid, background
        self.raw: dict[int, int] = {}          # pid -> raw wait status, once reaped

    @property
    def done(self) -> bool:
        return len(self.raw) == len(self.pids)

    @property
    def status(self) -> int:
        """The job's $?: the status of its last process."""
        return exit_status(self.raw[self.pids[-1]])


class JobTable:
    def __init__(self) -> None:
        self.jobs: dict[int, Job] = {}

    def add(self, pids: list[int], command: str, pgid: int | None = None,
            background: bool = True) -> Job:
        job_id = max(self.jobs, default=0) + 1
        job = self.jobs[job_id] = Job(job_id, pids, command, pgid, background)
        return job

    def reap(self) -> list[Job]:
        """Collect finished processes without blocking (waitpid WNOHANG).

        A finished job stays in the table, status and all, until `wait`
        asks for it or the REPL reports it: `sleep 1 & ...; wait $!` must
        still find the job's status after it was reaped.
        """
        newly_done = []
        for job in list(self.jobs.values()):
            if job.done:
                continue
            for pid in job.pids:
                if pid in job.raw:
                    continue
                try:
                    got, raw = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    got, raw = pid, 0          # already reaped elsewhere
                if got:
                    job.raw[pid] = raw
            if job.done:
                newly_done.append(job)
        self._forget_old()
        return newly_done

    def _forget_old(self, keep: int = 100) -> None:
        """A script may start thousands of jobs it never waits for."""
        done = [job_id for job_id, job in self.jobs.items() if job.done]
        for job_id in done[:-keep]:
            del self.jobs[job_id]

    def wait(self, job: Job) -> int:
        """Block until every process of `job` has ended; return its status."""
        for pid in job.pids:
            if pid not in job.raw:
                try:
                    job.raw[pid] = os.waitpid(pid, 0)[1]
                except ChildProcessError:
                    job.raw[pid] = 0
        self.jobs.pop(job.id, None)
        return job.status

    def by_pid(self, pid: int) -> Job | None:
        return next((j for j in self.jobs.values() if pid in j.pids), None)

    def clear(self) -> None:
        """In a new subshell: the parent's jobs are not our children."""
        self.jobs.clear()
