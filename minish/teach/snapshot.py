"""A lesson leaves the student's shell as it found it.

A lesson turns options on (`set -o noreap`), sets traps (`trap ... USR1`),
starts jobs, leaves zombies and sets variables ($q, $LESSON_KEY).  Quitting
half way must undo all of that, not only finishing: `Snapshot(shell)` is
taken when the lesson starts, and `restore()` runs however it ends.

What it undoes, and how:
- options: set -o / set +o, through the builtin's own set_option;
- traps: `trap - SIG` or the old `trap -- 'commands' SIG`;
- jobs started during the lesson: SIGKILL, then reaped (kill(2), waitpid(2)),
  so no zombie and no `[1]+ Killed` notice is left;
- variables: the old values, exports included.
Accounting turned on by a lesson is turned off by the lesson's own
`cleanup run: accton`, which runs however it ends (repl/lesson.py).

Who calls it: repl/lesson.py.
"""
import os
import signal


class Snapshot:
    def __init__(self, shell) -> None:
        self.shell = shell
        state = shell.state
        self.options = set(state.options)
        self.traps = dict(state.traps)
        self.vars, self.exported = dict(state.vars), set(state.exported)
        self.jobs = set(shell.executor.jobs.jobs)

    def restore(self) -> None:
        self._options()
        self._jobs()
        self._traps()
        self._variables()

    def _options(self) -> None:
        from ..builtins.options import set_option
        now = self.shell.state.options
        for name in sorted(now ^ self.options):
            set_option(self.shell.executor, name, name in self.options)

    def _jobs(self) -> None:
        table = self.shell.executor.jobs
        for job_id in sorted(set(table.jobs) - self.jobs):
            job = table.jobs[job_id]
            for pid in job.pids:
                if pid not in job.raw:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass                   # ended meanwhile
            try:
                table.wait_for(job, foreground=False)
            except OSError:
                pass
            table.remove(job)

    def _traps(self) -> None:
        now = self.shell.state.traps
        for number in sorted(set(now) | set(self.traps)):
            if now.get(number) == self.traps.get(number):
                continue
            name = "EXIT" if number == 0 else signal.Signals(number).name[3:]
            if number in self.traps:
                action = self.traps[number].replace("'", "'\\''")
                self.shell.run_line(f"trap -- '{action}' {name}")
            else:
                self.shell.run_line(f"trap - {name}")

    def _variables(self) -> None:
        state = self.shell.state
        for name in set(state.vars) - set(self.vars):
            state.unset(name)
        for name, value in self.vars.items():
            if state.vars.get(name) != value:
                state.set(name, value)
        for name in set(state.exported) - self.exported:
            state.exported.discard(name)
        state._environ = None                  # the environment cache (state.py)
