"""What every lab grader shares: a Check, and the findings all labs make.

A grader module (grade_system.py, grade_pipeline.py ...) has one function,
`grade(runner) -> list[Check]`.  It runs the program with runner.run(),
reads the trace (minish/run/strace_log.py) and says, check by check, what
the program did.  A Check that failed carries the explanation: the system
call, the trace line, and the lesson to read.
"""
import os

from ..i18n import _
from ..run import strace_log, trace


class Check:
    def __init__(self, title: str, ok: bool = True, why: str = "",
                 lines: list | None = None) -> None:
        self.title, self.ok, self.why = title, ok, why
        self.lines = lines or []               # trace lines (Call) that show it
        self.seen: set[str] = set()

    def fail(self, why: str, *calls, once: str = "") -> "Check":
        """Mark it failed, adding a reason (a check may find several).

        Reasons given the same `once` key are shown only the first time:
        the same mistake in four runs is one message.
        """
        self.ok = False
        if once and once in self.seen:
            return self
        self.seen.add(once)
        self.why = f"{self.why}\n{why}" if self.why else why
        self.lines += [c for c in calls if c is not None and c not in self.lines]
        return self


def not_reached(checks, missing: str) -> None:
    """Fail each check that found nothing to look at: a check passes only
    when the behaviour it names happened and was right, never because the
    program did nothing (the starter code must not pass it).  `missing`
    says what has to happen first, e.g. "the pipe and the two children"."""
    for check in checks:
        if check.ok:
            check.fail(_("not checked yet: this needs {missing} first.").format(missing=missing))


def status_text(raw: int) -> str:
    """A raw wait status in the words strace and `minish --trace` use."""
    return f"{raw} {trace.wait_status(raw)}"


def ran_to_the_end(result) -> Check:
    """The finding every run can make: it ended, or it hung and we killed it."""
    check = Check(_("{command} ends by itself").format(command=f"`./{' '.join(result.args)}`"))
    if result.timed_out:
        pipes = any("pipe:" in target for _pid, fds, _wchan in result.open_fds.values()
                    for _fd, target in fds)
        lines = [_("the program did not end in {seconds} s, so the grader killed it.")
                 .format(seconds=f"{result.timeout:g}")]
        sleeps = [wchan for _pid, _fds, wchan in result.open_fds.values()]
        if sleeps and all(w.endswith("pipe_write") for w in sleeps):
            lines += _("Every process is asleep writing to a full pipe, and none is reading:\n"
                       "a deadlock. Somebody has to read while the other side writes.").split("\n")
        elif pipes:
            lines += _("A process waiting for ever on a pipe usually means that some process\n"
                       "still holds a write end: look at which pipe ends are still open."
                       ).split("\n")
        lines.append(_("These fds were open when it was killed:"))
        for pid, (command, fds, wchan) in sorted(result.open_fds.items()):
            shown = ", ".join(f"{fd} -> {target}" for fd, target in fds) or _("none")
            line = _("pid {pid} ({command}, asleep in {wchan}): {fds}") if wchan else \
                _("pid {pid} ({command}): {fds}")
            lines.append("  " + line.format(pid=pid, command=command, wchan=wchan, fds=shown))
        blocked = last_calls(result.log)
        if blocked:
            lines.append(_("and each one's last system call was:"))
            lines += [f"  {c.where()}" for c in blocked]
        check.fail("\n".join(lines))
    elif os.WIFSIGNALED(result.status):         # strace dies of its tracee's signal
        why = _("the program was killed by a signal: {status} (a bad pointer).") \
            if os.WTERMSIG(result.status) == 11 else \
            _("the program was killed by a signal: {status}.")
        check.fail(why.format(status=status_text(result.status)))
    return check


def run_until_hang(runner, runs: list) -> tuple[list, Check]:
    """Run each (args, options) in turn, stopping at the first that hangs.

    One hang is enough to explain; the rest would each cost the whole
    time limit.  Returns the results and one "every run ends" check.
    """
    results, ends = [], Check(_("every run ends by itself"))
    for args, options in runs:
        result = runner.run(args, **options)
        results.append(result)
        if result.timed_out:
            ends.fail(f"`./{' '.join(result.args)}`: {ran_to_the_end(result).why}")
            break
    return results, ends


def last_calls(log) -> list:
    """The call each process was inside when it was stopped and killed.

    Freezing it (SIGSTOP) interrupts a blocking call: strace then writes
    `= ? ERESTARTSYS` or the like, meaning "would have gone on waiting"
    (or `-1 EINTR`, for calls such as semop that are never restarted).
    """
    out = []
    for proc in log.all():
        calls = [c for c in proc.calls if c.name and c.name not in ("exit_group", "exit")]
        while calls and calls[-1].name == "restart_syscall":
            calls.pop()                        # a stop and resume in between: the call it resumed
        last = calls[-1] if calls else None
        if last is not None and (last.result is None or last.error == "EINTR") and \
                (last.error or "?").startswith(("?", "ERESTART", "EINTR")):
            out.append(last)
    return out


def pipe_ends_at(log, proc, call) -> dict:
    """The pipe ends `proc` held just before `call` (an execve, a wait4...)."""
    return strace_log.pipe_ends(strace_log.fd_table_at(log, proc, call))

