"""Grading the tellwait lab: parent and child take turns through two pipes.

The driver (minish/labs/tellwait/driver.c) writes each side's line one
character at a time.  The grader runs it many times in both directions
(`parent-first`, `child-first`), half of the runs with every write(2)
slowed down by strace (`-e inject=write:delay_enter=...`), which is the
"under load" that makes an unsynchronised version mix its lines.

The output must be right every time.  In the trace, the waiting process
must read a byte from a pipe *before* its first character goes out, and
both pipes must exist before the fork, so that the two processes share
them.
"""
from ..run.strace_log import fd_table_at, pipe_ends
from ..i18n import _
from .grade import Check, ran_to_the_end

RUNS = 6                                        # per direction
SLOW = ("-e", "inject=write:delay_enter=2000")  # 2 ms before each write(2)
LINES = {"parent-first": "output from the parent\noutput from the child\n",
         "child-first": "output from the child\noutput from the parent\n"}


def grade(runner) -> list:
    runs, hung = [], None
    for i in range(RUNS):
        for mode in LINES:
            if hung is not None and any(r.args[1] == mode for r in runs):
                continue                        # after a hang, one run of each is enough
            run = runner.run([mode], strace_options=SLOW if i % 2 else (), timeout=3.0)
            runs.append(run)
            hung = hung or (run if run.timed_out else None)
    ends = Check(_("every run ends by itself"))
    if hung is not None:
        found = ran_to_the_end(hung)
        ends.fail(f"`./{' '.join(hung.args)}`: {found.why}")
    first = {mode: next(r for r in runs if r.args[1] == mode) for mode in LINES}
    return [ends, order(runs), waits_first(first["parent-first"]),
            waits_first(first["child-first"]), shared(runs[0])]


def order(runs) -> Check:
    check = Check(_("the two lines come out whole and in turn, in all {n} runs").format(
        n=2 * RUNS))
    for n, run in enumerate(runs, 1):
        if run.timed_out:
            continue
        want = LINES[run.args[1]]
        if run.out != want:
            return check.fail(_("run {n} ({command}) printed {got}, not {want}.").format(
                n=n, command=f"`{' '.join(run.args)}`", got=repr(run.out), want=repr(want)))
    return check


def waits_first(run) -> Check:
    mode = run.args[1]
    waiter = "child" if mode == "parent-first" else "parent"
    title = _("{mode}: the child reads from a pipe before its first character") \
        if waiter == "child" else \
        _("{mode}: the parent reads from a pipe before its first character")
    check = Check(title.format(mode=f"`{mode}`"))
    parent = run.log.root
    if parent is None or not parent.children:
        return check.fail(_("the program never forked."))
    proc = parent.children[0] if waiter == "child" else parent
    start = proc.index(parent.children[0].forked_by) if proc is parent else 0
    writes = [c for c in proc.calls[start:] if c.name == "write" and c.args[0] == "1"]
    first = writes[0] if writes else None
    upto = proc.calls[start:proc.index(first)] if first else proc.calls[start:]
    for call in upto:
        if call.name == "read":
            end = pipe_ends(fd_table_at(run.log, proc, call)).get(int(call.args[0]))
            if end is not None and not end.write and (call.result or 0) > 0:
                return check
            if end is not None and call.result is None:
                told = _tells(run, proc)
                where = ", ".join(f"{e}" for _call, e in told) or _("no pipe at all")
                why = _("the child waited in read() on {end} and nothing ever came: the other "
                        "side wrote its byte on {where}.") if waiter == "child" else \
                    _("the parent waited in read() on {end} and nothing ever came: the other "
                      "side wrote its byte on {where}.")
                return check.fail(why.format(end=end, where=where),
                                  call, *[c for c, _end in told])
    if first is None:                           # killed before it did either
        why = _("the child neither read a byte from a pipe nor wrote its line before it was "
                "stopped: {macro} must block in read(2) until the other side's TELL has written "
                "its byte.") if waiter == "child" else \
            _("the parent neither read a byte from a pipe nor wrote its line before it was "
              "stopped: {macro} must block in read(2) until the other side's TELL has written "
              "its byte.")
    else:
        why = _("the child wrote its first character before it had read anything from a "
                "pipe: {macro} must block in read(2) until the other side's TELL has written "
                "its byte.") if waiter == "child" else \
            _("the parent wrote its first character before it had read anything from a pipe: "
              "{macro} must block in read(2) until the other side's TELL has written its byte.")
    return check.fail(why.format(macro="WAIT_PARENT" if waiter == "child" else "WAIT_CHILD"),
                      first)


def _tells(run, waiter) -> list:
    """The other side's writes on a pipe: where its byte really went."""
    others = [p for p in run.log.all() if p is not waiter]
    found = []
    for proc in others:
        for call in proc.calls:
            if call.name == "write" and call.args[0] != "1" and call.result == 1:
                end = pipe_ends(fd_table_at(run.log, proc, call)).get(int(call.args[0]))
                if end is not None:
                    found.append((call, end))
    return found[:1]


def shared(run) -> Check:
    check = Check(_("TELL_WAIT makes both pipes before the fork, so both sides share them"))
    parent = run.log.root
    if parent is None or not parent.children:
        return check.fail(_("the program never forked."))
    clone = parent.children[0].forked_by
    before = pipe_ends(fd_table_at(run.log, parent, clone))
    pipes = {end.what for end in before.values()}
    if len(pipes) < 2:
        made_after = [c for p in run.log.all() for c in p.calls
                      if c.name in ("pipe", "pipe2") and not (p is parent and
                                                              p.index(c) < p.index(clone))]
        check.fail(_("at the fork, the parent had {n} pipe(s); a pipe made after fork belongs "
                     "to one process only, so the other can never read what is written on it.")
                   .format(n=len(pipes)), clone, *made_after[:2])
    return check
