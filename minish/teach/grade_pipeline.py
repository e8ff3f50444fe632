"""Grading the pipeline lab: ./pipeline CMD1 CMD2 must behave as `CMD1 | CMD2`.

Four runs: `ls wc` (the output must be wc's count of one file name),
`true false` and `false true` (the exit status must be CMD2's: 1, then 0),
`yes head` (must end: yes dies of SIGPIPE once head has read its ten
lines).  Then the trace of the first run is read for meaning: how many
pipes the parent made, which pipe ends each child held when it called
execve, which ends the parent still held when it started to wait, and
whether it reaped both children.  Without the two children those last
three checks fail too: they have nothing to pass on (the starter code
must not pass them).
"""
import os

from ..run.strace_log import describe_ends, unquote
from ..i18n import _
from .grade import Check, not_reached, pipe_ends_at, ran_to_the_end


def grade(runner) -> list:
    count = runner.run(["ls", "wc"])
    status = runner.run(["true", "false"])
    status_0 = runner.run(["false", "true"])
    sigpipe = runner.run(["yes", "head"])
    checks = [ran_to_the_end(r) for r in (count, status, sigpipe)]
    checks += [output(count, sigpipe), exit_status(status, status_0)]
    checks += structure(count)
    return checks


def output(count, sigpipe) -> Check:
    check = Check(_("the output is CMD2's, reading what CMD1 wrote"))
    name = count.args[0]                        # the only file where it runs
    want = ["1", "1", str(len(name) + 1)]
    if count.out.split() != want:
        return check.fail(_("`./{name} ls wc` printed {got}; `ls | wc` prints {want} here (one "
                            "name, `{name}`). wc must read ls's output from the pipe, and only "
                            "that.").format(name=name, got=repr(count.out.strip()),
                                            want=" ".join(want)))
    if sigpipe.out.split() != ["y"] * 10:
        check.fail(_("`./{name} yes head` printed {got}, not ten lines of y.").format(
            name=name, got=repr(sigpipe.out[:60])))
    return check


def exit_status(run, run_0) -> Check:
    check = Check(_("the program exits with CMD2's status"))
    if run.exit_code() != 1:
        check.fail(_("`./{name} true false` exited with {status}; `true | false` gives 1, "
                     "false's status: wait for CMD2 and exit with WEXITSTATUS.").format(
                         name=run.args[0], status=run.exit_code()))
    elif run_0.exit_code() != 0 and not run_0.timed_out:
        check.fail(_("`./{name} false true` exited with {status}; `false | true` gives 0, "
                     "true's status: wait for CMD2 and exit with WEXITSTATUS.").format(
                         name=run_0.args[0], status=run_0.exit_code()))
    return check


def structure(run) -> list:
    log = run.log
    parent = log.root
    one_pipe = Check(_("the parent makes one pipe, then two children"))
    ends = Check(_("each child dup2s its end and closes both originals before exec"))
    closes = Check(_("the parent closes both ends before it waits"))
    reaps = Check(_("the parent reaps both children (no zombie)"))
    pipes = [c for c in parent.calls if c.name in ("pipe", "pipe2") and c.result == 0]
    if len(pipes) != 1:
        one_pipe.fail(_("the parent called pipe {n} times; `CMD1 | CMD2` needs exactly one "
                        "pipe, made before the first fork so both children inherit it.")
                      .format(n=len(pipes)), *pipes[:2])
    kids = parent.children
    if len(kids) != 2:
        one_pipe.fail(_("the parent forked {n} children, not two.").format(n=len(kids)),
                      *[k.forked_by for k in kids])
        not_reached([ends, closes, reaps], _("the pipe and the two children"))
        return [one_pipe, ends, closes, reaps]
    if _ran(kids[0]) == "wc":                    # forked in the other order: fine
        kids = kids[::-1]
    for number, (child, fd, end, cmd) in enumerate(
            [(kids[0], 1, "write", "ls"), (kids[1], 0, "read", "wc")], 1):
        execs = child.execs()
        if not execs:
            ends.fail(_("child {number} (pid {pid}) never managed to exec {command}.").format(
                number=number, pid=child.pid, command=cmd), child.forked_by)
            continue
        held = pipe_ends_at(log, child, execs[0])
        name = _ran(child)
        want = held.get(fd)
        if want is None or want.write != (end == "write"):
            held_as = _("fd {fd} = {end}") if want else _("fd {fd} not on the pipe")
            why = _("child {number} exec'd {name} with {held}; it should be the pipe's read "
                    "end: {call} (dup2(old, new) makes new a copy of old).") if end == "read" \
                else _("child {number} exec'd {name} with {held}; it should be the pipe's "
                       "write end: {call} (dup2(old, new) makes new a copy of old).")
            ends.fail(why.format(number=number, name=name,
                                 held=held_as.format(fd=fd, end=want),
                                 call=f"dup2(fd[{0 if end == 'read' else 1}], {fd})"), execs[0])
        extra = {n: e for n, e in held.items() if n != fd}
        if extra:
            why = _("child {number} exec'd {name} still holding {ends} -- and while it holds a "
                    "write end, it never sees end of file. Close both pipe fds after dup2, "
                    "before exec.") if number == 2 and any(e.write for e in extra.values()) \
                else _("child {number} exec'd {name} still holding {ends}. Close both pipe fds "
                       "after dup2, before exec.")
            ends.fail(why.format(number=number, name=name, ends=describe_ends(extra)), execs[0])
    waits = [c for c in parent.calls if c.name in ("wait4", "waitid")]
    stop = waits[0] if waits else None
    held = pipe_ends_at(log, parent, stop)
    if held:
        write = any(e.write for e in held.values())
        if stop and write:
            why = _("the parent still held {ends} when it started to wait: wc waits for end "
                    "of file, which never comes while the parent holds a write end.")
        elif stop:
            why = _("the parent still held {ends} when it started to wait.")
        elif write:
            why = _("the parent still held {ends} when it exited: wc waits for end of file, "
                    "which never comes while the parent holds a write end.")
        else:
            why = _("the parent still held {ends} when it exited.")
        closes.fail(why.format(ends=describe_ends(held)), stop)
    waiting = {int(c.args[0]) for c in waits if c.result is None and c.args[0].isdigit()}
    for number, child in enumerate(kids, 1):
        if not parent.waits_for(child.pid) and child.pid not in waiting:
            reaps.fail(_("the parent never waited for child {number} (pid {pid}); it exited "
                         "leaving it to init, and its status was lost.").format(
                             number=number, pid=child.pid), child.forked_by)
    return [one_pipe, ends, closes, reaps]


def _ran(child) -> str:
    """The name of the program a child exec'd: ls, wc (or '' if none)."""
    execs = child.execs()
    return os.path.basename(unquote(execs[0].args[0])) if execs else ""
