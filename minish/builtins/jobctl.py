"""Job control builtins: jobs, fg, bg, kill, wait, disown.

A job is a process group (see jobs.py).  `fg` hands it the terminal with
tcsetpgrp(3) and sends SIGCONT to the whole group with kill(2) on -pgid;
`bg` sends only the SIGCONT.
"""
import os

from ..errors import ShellError, report, write
from ..i18n import _, strerror
from ..run.job import format_job
from . import args as check
from .registry import builtin


def find_job(sh, name: str, spec: str | None):
    """The job `spec` names (default: the current job), or a ShellError."""
    job = sh.jobs.find(spec or "%+")
    if job is None and spec and spec.startswith("%") and len(sh.jobs.named(spec)) > 1:
        # bash says both: the ambiguity (without `%` or `%?`), then "no such job"
        report(f"{name}: " + _("{name}: ambiguous job spec").format(name=spec[1:].lstrip("?")))
    if job is None:
        raise ShellError(_("{job}: no such job").format(job=spec) if spec else
                         _("current: no such job"))
    return job


@builtin("jobs", "list the jobs", "jobs [-lp] [%job ...]")
def jobs(sh, argv):
    """List this shell's jobs: number, + (current) or - (previous), state, command.
    -l  also show the process group leader's pid
    -p  show only the pids"""
    flags = {a for a in argv[1:] if a.startswith("-")}
    specs = [a for a in argv[1:] if not a.startswith("-")]
    if flags - {"-l", "-p", "-lp", "-pl"}:
        raise check.invalid_option(sorted(flags - {"-l", "-p", "-lp", "-pl"})[0])
    sh.jobs.reap()
    chosen = [find_job(sh, "jobs", s) for s in specs] if specs else \
        [sh.jobs.jobs[i] for i in sorted(sh.jobs.jobs)]
    for job in chosen:
        if "p" in "".join(flags):
            write(1, f"{job.pids[0]}\n")
        else:
            write(1, format_job(job, sh.jobs.marker(job), pid="l" in "".join(flags)) + "\n")
        if job.done:
            sh.jobs.remove(job)                # reported: forget it, as bash does
    return 0


@builtin("fg", "bring a job to the foreground", "fg [%job]")
def fg(sh, argv):
    """Continue a job in the foreground: it gets the terminal (tcsetpgrp)
    and SIGCONT, and the shell waits for it.  %n, %+, %-, %string or a pid."""
    if sh.jobs.tty is None:
        raise ShellError(_("no job control"))
    job = find_job(sh, "fg", argv[1] if len(argv) > 1 else None)
    write(1, job.command + "\n")
    status = sh.jobs.wait_for(job, cont=True)
    sh.report_foreground(job)
    sh.jobs.check_interrupted(job)
    return status


@builtin("bg", "continue a stopped job in the background", "bg [%job ...]")
def bg(sh, argv):
    """Send SIGCONT to a stopped job and let it run in the background."""
    if sh.jobs.tty is None:
        raise ShellError(_("no job control"))
    for spec in argv[1:] or [None]:
        job = find_job(sh, "bg", spec)
        sh.jobs.continue_in_background(job)
        write(1, f"[{job.id}]{sh.jobs.marker(job)} {job.command} &\n")
    return 0


@builtin("kill", "send a signal to processes or jobs", "kill [-s SIG | -SIG | -N] pid|%job ... | kill -l [N]")
def kill(sh, argv):
    """Send a signal (default SIGTERM) with kill(2).  A %job means its whole
    process group (kill(-pgid, sig)).
    kill -l        list the signal names
    kill -l 137    the name of the signal behind an exit status"""
    args = argv[1:]
    if not args:
        raise check.UsageError()
    if args[0] == "-l":
        return _list_signals(args[1:])
    sig = 15                                   # SIGTERM
    if args[0] in ("-s", "-n"):
        if len(args) < 2:
            raise ShellError(_("{option}: option requires an argument").format(option=args[0]))
        sig = check.signal_number(args[1])
        args = args[2:]
    elif args[0].startswith("-") and args[0] != "--":
        sig = check.signal_number(args[0][1:])
        args = args[1:]
    if args and args[0] == "--":
        args = args[1:]
    if not args:                               # a signal but nobody to send it to
        raise check.UsageError()
    status = 0
    for target in args:
        try:
            if target.startswith("%"):
                job = find_job(sh, "kill", target)
                _send(job, -job.pgid if job.pgid else job.pids[0], sig)
                sh.jobs.settle(job)
            else:
                pid = check.pid(target)
                job = sh.jobs.by_pid(abs(pid))
                _send(job, pid, sig)
                if job is not None:
                    sh.jobs.settle(job)
        except (ProcessLookupError, PermissionError) as e:   # ESRCH, EPERM: as bash says them
            report(f"kill: ({target}) - {strerror(e.errno)}")
            status = 1
        except ShellError as e:
            report(f"kill: {e.message}")
            status = 1
    return status


def _send(job, pid: int, sig: int) -> None:
    """kill(2); a stopped job also gets SIGCONT, or a SIGTERM would wait
    until someone continued it (bash's kill does the same)."""
    os.kill(pid, sig)
    if job is not None and job.is_stopped and sig not in (18, 9):
        try:
            os.kill(pid, 18)                   # SIGCONT
        except OSError:
            pass


def _list_signals(specs: list[str]) -> int:
    """kill -l: the table; kill -l 137: the name behind an exit status
    (128+n, see wait(2)); kill -l INT: the number."""
    if not specs:
        write(1, check.signal_table())
        return 0
    status = 0
    for spec in specs:
        try:
            if spec.isascii() and spec.isdigit():
                number = int(spec) - 128 if len(spec) < 4 and int(spec) > 128 else spec
                write(1, check.signal_name(check.signal_number(str(number)))
                      .removeprefix("SIG") + "\n")
            else:
                write(1, f"{check.signal_number(spec)}\n")
        except ShellError:                     # bash names what was typed, not 999 - 128
            report("kill: " + _("{spec}: invalid signal specification").format(spec=spec))
            status = 1
    return status


@builtin("wait", "wait for background jobs", "wait [pid | %job ...]")
def wait(sh, argv):
    """Wait for background jobs to end (waitpid(2)); the status is the last one's.
    With no argument, wait for all of them; `wait -n`: the next one to end.
    A trapped signal ends the wait
    at once, with status 128+signal, and its trap runs (POSIX)."""
    from ..run import signals
    signals.in_wait_builtin = True
    try:
        return _wait(sh, argv)
    except signals.TrapArrived as e:
        return 128 + e.signum
    finally:
        signals.in_wait_builtin = False


def _wait(sh, argv) -> int:
    if argv[1:2] == ["-n"]:                    # wait -n [id ...]: the next one to end
        return _wait_next(sh, argv[2:])
    if len(argv) == 1:
        for job in list(sh.jobs.jobs.values()):
            if job.background:
                sh.jobs.wait_for(job, foreground=False)
                sh.jobs.remove(job)
        return 0
    status = 0
    for arg in argv[1:]:
        job = sh.jobs.find(arg)
        if job is None:
            if arg.startswith("%"):
                report("wait: " + _("{job}: no such job").format(job=arg))
            elif arg.isascii() and arg.isdigit():
                report("wait: " + _("pid {pid} is not a child of this shell").format(pid=arg))
            else:
                report("wait: " + _("`{arg}': not a pid or valid job spec").format(arg=arg))

                status = 1
                continue
            status = 127
            continue
        status = sh.jobs.wait_for(job, foreground=False)
        sh.jobs.remove(job)
    return status


def _wait_next(sh, specs: list[str]) -> int:
    """wait -n: block until any of the jobs ends; remove it; its status.

    waitid(2) with WNOWAIT sleeps until *some* child has ended without
    reaping it; the job table then reaps it (WNOHANG) and we look again.
    SIGCHLD stays blocked from the check to the sleep, so the REPL's
    handler cannot reap the child in between and leave us asleep.
    """
    import signal
    jobs = sh.jobs
    wanted = [jobs.find(s) for s in specs] if specs else None
    while True:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        try:
            jobs.reap(forget=False)
            pool = [j for j in (wanted or list(jobs.jobs.values())) if j and j.background]
            done = [j for j in pool if j.done]
            if done:
                jobs.remove(done[0])
                return done[0].status
            if not pool:
                return 127
            if jobs.noreap:                    # zombies stay: wait for the first job
                status = jobs.wait(pool[0])
                jobs.remove(pool[0])
                return status
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOWAIT)
            if info is not None and jobs.by_pid(info.si_pid) is None:
                os.waitpid(info.si_pid, os.WNOHANG)   # not a job of ours: reap it
        except ChildProcessError:
            return 127
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


@builtin("disown", "forget a job (it keeps running)", "disown [%job ...]")
def disown(sh, argv):
    """Remove jobs from the table: the shell no longer reports or waits for them."""
    for spec in argv[1:] or [None]:
        sh.jobs.remove(find_job(sh, "disown", spec))
    return 0
