"""Grading the system lab: my_system() against the contract of system(3).

Three runs of the driver (minish/labs/system/driver.c):
- `status`: `exit 3`, `kill -TERM $$`, `echo`; the raw statuses come back;
- `signals`: the command sends SIGINT and SIGQUIT to its caller while it
  runs, and prints its own SigIgn/SigBlk (proc(5)); the driver then says
  whether its handlers and mask came back;
- `noshell`: strace makes execve("/bin/sh") fail (-e inject), so the child
  must _exit(127).
The checks read the caller's rt_sigaction/rt_sigprocmask calls and their
order relative to the clone() and the wait4(): what the program *did*, not
what its source says.  A check that finds nothing to look at (no child, no
shell started) fails too: the starter code, which forks nothing, must not
pass it.
"""
from ..run.strace_log import FORKS, in_set, string_list, unquote
from ..i18n import _
from .grade import Check, not_reached, ran_to_the_end, status_text

SIGINT_BIT, SIGQUIT_BIT = 1 << 1, 1 << 2        # bit n-1 for signal n (proc(5))


def grade(runner) -> list:
    status = runner.run(["status"])
    signals = runner.run(["signals"])
    noshell = runner.run(["noshell"], strace_options=(
        "-P", "/bin/sh", "-e", "inject=execve:error=ENOENT"))
    checks = [ran_to_the_end(r) for r in (status, signals, noshell)]
    if not all(c.ok for c in checks):
        return checks                           # a hung run's trace is not worth reading
    caller = status.log.root
    children = [p for p in caller.children]
    checks += [forks_and_execs(caller, children), waits(caller, children),
              raw_status(status), cannot_run(noshell)]
    checks += signal_rules(signals)
    return checks


def forks_and_execs(caller, children) -> Check:
    check = Check(_("my_system forks a child that runs /bin/sh -c COMMAND"))
    if not children:
        return check.fail(_("the caller never forked: no clone()/fork() in its trace. "
                            "my_system must fork(2) a child to run the shell in."))
    for child in children:
        execs = child.execs()
        if not execs:
            return check.fail(_("the child pid {pid} never called execve(2).").format(
                pid=child.pid), child.forked_by)
        path, argv = unquote(execs[0].args[0]), string_list(execs[0].args[1])
        if path != "/bin/sh" or argv[1:2] != ["-c"]:
            return check.fail(_("the child ran {command}, not /bin/sh -c COMMAND: system(3) "
                                "hands the whole string to the shell.").format(
                                    command=f"{path} {argv[1:]}"), execs[0])
    return check


def waits(caller, children) -> Check:
    check = Check(_("my_system waits for its own child with waitpid"))
    if not children:
        not_reached([check], _("a child that runs the command"))   # no pid to wait for
    for child in children:
        mine = caller.waits_for(child.pid)
        if not mine:
            return check.fail(
                _("the caller never reaped the child pid {pid}: no waitpid(2) for it in its "
                  "trace, so my_system returned while the command was still running and left "
                  "a zombie behind.").format(pid=child.pid), child.forked_by)
        if mine[0].name == "wait4" and int(mine[0].args[0]) == -1:
            return check.fail(
                _("my_system waited for *any* child (wait(2), or waitpid(-1)); it must wait "
                  "for the pid it forked, or it may reap a child that belongs to the caller."),
                mine[0])
    return check


def raw_status(run) -> Check:
    check = Check(_("my_system returns the raw wait status"))
    values = dict(line.split("=", 1) for line in run.out.splitlines() if "=" in line)
    for key, want in (("exit3", 3 << 8), ("term", 15)):
        got = values.get(key)
        if got != str(want):
            return check.fail(_("for {command} my_system returned {got}, not {want}: return the "
                                "status exactly as waitpid filled it in; the caller decodes it "
                                "with WIFEXITED/WEXITSTATUS.").format(
                command="`exit 3`" if key == "exit3" else "`kill -TERM $$`", got=got,
                want=status_text(want)))
    return check


def cannot_run(run) -> Check:
    check = Check(_("the status is 127 (exit code) when the shell cannot run"))
    if f"noshell={127 << 8}" not in run.out:
        got = run.out.strip() or _("nothing")
        return check.fail(_("with execve(\"/bin/sh\") failing, my_system gave {got}; the "
                            "child must then _exit(127), so the raw status is {raw}.").format(
                                got=got, raw=127 << 8))
    return check


def signal_rules(run) -> list:
    """The four signal rules, from the `signals` run."""
    caller = run.log.root
    ignored = Check(_("SIGINT and SIGQUIT are ignored in the caller while the command runs"))
    blocked = Check(_("SIGCHLD is blocked in the caller until the child is reaped"))
    restored = Check(_("the caller's SIGINT, SIGQUIT and mask are restored afterwards"))
    child_ok = Check(_("the child starts the command with the caller's dispositions and mask"))
    checks = [ignored, blocked, restored, child_ok]
    clone = next((c for c in caller.calls if c.name in FORKS), None)
    if clone is None:
        # No fork, no command: nothing was blocked, restored or handed to a child.
        ignored.fail(_("the caller never forked, so there is nothing to check yet."))
        not_reached(checks, _("a fork"))
        return checks
    before = caller.calls[:caller.index(clone)]
    child = next((p for p in caller.children if p.forked_by is clone), None)
    if child is None:                           # a thread, not a process
        ignored.fail(_("the caller's first clone() made a thread, not a child "
                       "process: my_system must fork(2)."), clone)
        not_reached(checks, _("a fork"))
        return checks
    reaped = caller.waits_for(child.pid)
    after = caller.calls[caller.index(reaped[0]) + 1:] if reaped else []
    missing = [s for s in ("SIGINT", "SIGQUIT") if not any(_sets(c, s, "SIG_IGN") for c in before)]
    if missing:
        ignored.fail(_("no {call} before the fork (trace line {line}); the command signalled "
                       "the caller and its handler ran: {output}.").format(
            call=f"sigaction({' or '.join(missing)}, SIG_IGN)", line=clone.line,
            output=f"`{_out(run, 'caught')}`"), clone, *[_delivered(caller, s) for s in missing])
    if not any(_blocks_chld(c) for c in before):
        blocked.fail(_("SIGCHLD was not blocked before the fork (rt_sigprocmask SIG_BLOCK "
                       "[CHLD]); a SIGCHLD handler in the caller could reap the child first, "
                       "and then waitpid fails with ECHILD."), clone)
    if _out(run, "restored") != "restored INT=yes QUIT=yes CHLD=yes":
        last = [c for c in after if c.name in ("rt_sigaction", "rt_sigprocmask")]
        restored.fail(_("after my_system returned, the driver found {output} (\"no\": its "
                        "handler is gone; \"blocked\": SIGCHLD still blocked). Once the child "
                        "is reaped, put back the old actions with sigaction and the old mask "
                        "with sigprocmask(SIG_SETMASK, &old, NULL).").format(
                            output=f"`{_out(run, 'restored')}`"),
                      reaped[0] if reaped and not last else (last[-1] if last else None))
    ign = _sig_ignored(run)
    execve = child.execs()[0] if child.execs() else None
    in_child = child.calls[:child.index(execve)] if execve else child.calls
    if execve is None or ign is None:
        # The command never started (or never got to print its SigIgn): there is no
        # disposition or mask of its to look at.
        not_reached([child_ok], _("the command's shell to start and print its SigIgn"))
    elif ign & (SIGINT_BIT | SIGQUIT_BIT):
        child_ok.fail(_("SIGINT and SIGQUIT were still ignored when the shell started ({field} "
                        "in its /proc/PID/status), so Ctrl-C could not stop the command. "
                        "Between fork and exec, the child must put back the caller's old "
                        "actions.").format(field=f"SigIgn={ign:016x}"), execve)
    elif any(_blocks_chld(c) for c in before) and not any(_unblocks_chld(c) for c in in_child):
        child_ok.fail(_("the child exec'd the shell with SIGCHLD still blocked: no "
                        "rt_sigprocmask between its fork and its execve puts back the "
                        "caller's old mask."), execve)
    return checks


def _sets(call, sig: str, handler: str | None) -> bool:
    """rt_sigaction(sig, {sa_handler=handler...}); handler None: anything but SIG_IGN."""
    if call.name != "rt_sigaction" or call.result != 0 or not call.args[0] == sig:
        return False
    new = call.args[1]
    if new == "NULL":
        return False
    return f"sa_handler={handler}" in new if handler else "sa_handler=SIG_IGN" not in new


def _blocks_chld(call) -> bool:
    if call.name != "rt_sigprocmask" or call.result != 0:
        return False
    how, new = call.args[0], call.args[1]
    return how in ("SIG_BLOCK", "SIG_SETMASK") and new != "NULL" and in_set("SIGCHLD", new)


def _unblocks_chld(call) -> bool:
    if call.name != "rt_sigprocmask" or call.result != 0 or call.args[1] == "NULL":
        return False
    how, new = call.args[0], call.args[1]
    return how == "SIG_UNBLOCK" and in_set("SIGCHLD", new) or \
        how == "SIG_SETMASK" and not in_set("SIGCHLD", new)


def _delivered(proc, sig: str):
    return next((c for c in proc.calls if c.signal == sig), None)


def _out(run, word: str) -> str:
    return next((line for line in run.out.splitlines() if line.startswith(word)), "?")


def _sig_ignored(run) -> int | None:
    """SigIgn as the command's shell printed it from /proc/$$/status (proc(5)),
    or None if it printed none."""
    for line in run.out.splitlines():
        if line.startswith("SigIgn:"):
            return int(line.split()[1], 16)
    return None
