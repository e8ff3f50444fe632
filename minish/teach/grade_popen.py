"""Grading the popen lab: my_popen()/my_pclose() against popen(3)/pclose(3).

Four runs of the driver (minish/labs/popen/driver.c): `read` (a line and
then the status of `echo hello; exit 3`), `write` (a line through
`tr a-z A-Z`), `two` (two commands open at once, closed in order: the
classic hang when the second child keeps the first stream's pipe end) and
`mode` (a type that is neither "r" nor "w").

From the trace: which pipe ends each command's shell held when it called
execve, which ends the caller kept, and which pid each wait4 reaped.  A
check that finds nothing to look at (no command child, no second command
in `two`) fails too: the starter code, which forks nothing, must not pass
it.
"""
from ..run.strace_log import FORKS, describe_ends, fd_table_at, pipe_ends, unquote
from ..i18n import _
from .grade import Check, not_reached, ran_to_the_end, status_text

PIPE_CALLS = ("pipe", "pipe2")


def grade(runner) -> list:
    runs = {mode: runner.run([mode]) for mode in ("read", "write", "two", "mode")}
    checks = [ran_to_the_end(r) for r in runs.values()]
    checks += [data_flows(runs), statuses(runs), mode_checked(runs["mode"])]
    checks += fd_rules(runs)
    checks.append(waits(runs))
    return checks


def data_flows(runs) -> Check:
    check = Check(_('"r" reads the command\'s stdout and "w" writes to its stdin'))
    if "read=hello\n" not in runs["read"].out:
        check.fail(_("reading from {call} gave {got}, not hello.").format(
            call='my_popen("echo hello; exit 3", "r")', got=repr(_line(runs['read'], 'read='))))
    if "SHOUT\n" not in runs["write"].out:
        check.fail(_("writing `shout` to {call} printed {got}, with no SHOUT.").format(
            call='my_popen("tr a-z A-Z", "w")', got=repr(runs['write'].out.strip())))
    for proc in _commands(runs["read"]):
        execs = proc.execs()
        if not execs or unquote(execs[0].args[0]) != "/bin/sh":
            check.fail(_("the command's child must run /bin/sh -c CMDSTRING."),
                       execs[0] if execs else proc.forked_by)
    return check


def statuses(runs) -> Check:
    check = Check(_("my_pclose returns the command's raw wait status"))
    for run, key, want in ((runs["read"], "pclose=", 3 << 8), (runs["write"], "pclose=", 0),
                           (runs["two"], "pclose a=", 0), (runs["two"], "pclose b=", 0)):
        got = _line(run, key)
        if got != str(want) and not run.timed_out:
            check.fail(_("{command}: my_pclose returned {got} where the status is {want}: "
                         "close the stream, then waitpid for the command's pid and return the "
                         "status it gives.").format(command=f"`./popen_driver {run.args[1]}`",
                                                     got=got or _("nothing"),
                                                     want=status_text(want)))
    if "a.txt=first" not in runs["two"].out and not runs["two"].timed_out:
        check.fail(_("after my_pclose(a) returned, a.txt did not hold `first`: my_pclose must "
                     "wait until the command has ended ({got}).").format(
                         got=repr(_line(runs['two'], 'a.txt='))))
    return check


def mode_checked(run) -> Check:
    check = Check(_('a type other than "r" or "w" gives NULL and EINVAL'))
    if "mode x: NULL errno=EINVAL" not in run.out:
        check.fail(_("{call} gave {got}.").format(call='my_popen("true", "x")',
                                                   got=f"`{run.out.strip()}`"))
    return check


def fd_rules(runs) -> list:
    own = Check(_("the command's child keeps only its end of the pipe, on fd 0 or 1"))
    others = Check(_("a later command does not inherit an earlier stream (it would never end)"))
    caller = Check(_("the caller closes the command's end of the pipe"))
    looked_at = {mode: 0 for mode in runs}      # commands whose fds were read, per run
    for mode, run in runs.items():
        log, parent = run.log, run.log.root
        if parent is None:
            continue
        for child in _commands(run):
            mine = _own_pipe(log, parent, child)
            execs = child.execs()
            if mine is None or not execs:
                continue
            looked_at[mode] += 1
            held = pipe_ends(fd_table_at(log, child, execs[0]))
            fd = 0 if mode in ("write", "two") else 1
            end = held.get(fd)
            if end is None or end.what != mine:
                own.fail(_("{mode}: the command started with fd {fd} = {end}, not {pipe}.")
                         .format(mode=f"`{mode}`", fd=fd, end=end or _("no pipe"), pipe=mine),
                         execs[0])
            extra = {n: e for n, e in held.items() if n != fd and e.what == mine}
            if extra:
                own.fail(_("{mode}: the command started still holding {ends}; close the pipe's "
                           "original fds after dup2.").format(mode=f"`{mode}`",
                                                             ends=describe_ends(extra)), execs[0])
            foreign = {n: e for n, e in held.items() if e.what != mine}
            if foreign:
                why = _("{mode}: the second command's shell started holding {ends}, from the "
                        "earlier stream's pipe: the child must close every stream an earlier "
                        "my_popen opened. When my_pclose closes that stream, its command still "
                        "sees a writer, never gets end of file, and my_pclose waits for ever.") \
                    if any(e.write for e in foreign.values()) else \
                    _("{mode}: the second command's shell started holding {ends}, from the "
                      "earlier stream's pipe: the child must close every stream an earlier "
                      "my_popen opened.")
                others.fail(why.format(mode=f"`{mode}`", ends=describe_ends(foreign)), execs[0])
            after = _first_use(parent, child.forked_by)
            table = pipe_ends(fd_table_at(log, parent, after))
            kept = {n: e for n, e in table.items() if e.what == mine and
                    e.write == (mode == "read")}
            if kept:
                why = _("{mode}: the caller still held {ends} (the command's end) at {call}; "
                        "its own read never sees end of file.") if mode == "read" else \
                    _("{mode}: the caller still held {ends} (the command's end) at {call}; "
                      "close it right after fork.")
                caller.fail(why.format(mode=f"`{mode}`", ends=describe_ends(kept),
                                       call=after.name if after else "exit"), after)
    # No command exec'd on a pipe made before its fork: there were no ends to look at.
    if not any(looked_at.values()):
        not_reached([own, caller], _("a pipe, then a child that execs the command"))
    # Only the second command of `two` can inherit an earlier stream.
    if looked_at["two"] < 2:
        not_reached([others], _("two commands open at once (`./popen_driver two`)"))
    return [own, others, caller]


def waits(runs) -> Check:
    check = Check(_("my_pclose waits for its own command's pid"))
    if not any(_commands(run) for run in runs.values()):
        not_reached([check], _("a child that runs the command"))   # no pid to wait for
        return check
    for mode, run in runs.items():
        parent = run.log.root
        for child in _commands(run):
            reaped = parent.waits_for(child.pid)
            pending = [c for c in parent.calls if c.name == "wait4" and c.result is None]
            if not reaped and not pending:
                check.fail(_("{mode}: the command's shell (pid {pid}) was never waited for; "
                             "my_pclose must waitpid for it, or it stays a zombie.").format(
                                 mode=f"`{mode}`", pid=child.pid), child.forked_by, once="never")
            for call in reaped:
                if call.name == "wait4" and call.args[0] in ("-1", "0"):
                    check.fail(_("{mode}: my_pclose called {call}, which reaps *any* child; "
                                 "with two streams open it can take the other command's status. "
                                 "Use waitpid(pid, ...).").format(
                                     mode=f"`{mode}`", call=f"wait4({call.args[0]}, ...)"),
                               call, once="any")
    return check


def _commands(run) -> list:
    return list(run.log.root.children) if run.log.root else []


def _own_pipe(log, parent, child) -> str | None:
    """The label of the last pipe the parent made before forking this child."""
    clone = child.forked_by
    before = parent.calls[:parent.index(clone)]
    pipes = [c for c in before if c.name in PIPE_CALLS and c.result == 0]
    if not pipes:
        return None
    fd_table_at(log, parent, clone)           # names the pipes, in the order they were made
    return log.pipe_names.get((parent.pid, pipes[-1].line))


def _first_use(parent, clone):
    """The caller's first read/write/wait/fork after this fork (or None)."""
    for call in parent.calls[parent.index(clone) + 1:]:
        if call.name in ("read", "write", "wait4", "waitid") + FORKS:
            return call
    return None


def _line(run, key: str) -> str:
    for line in run.out.splitlines():
        if line.startswith(key):
            return line[len(key):]
    return ""
