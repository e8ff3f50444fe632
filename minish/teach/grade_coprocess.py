"""Grading the coprocess lab: ./coproc drives ./add2 through two pipes.

Two runs: three lines on stdin, fully traced; then 50 000 lines, tracing
only the calls that make processes and fds (`--seccomp-bpf`, so the other
calls cost nothing).  The answers to 50 000 lines are far more than a pipe
holds, so a program that writes every request before reading any answer
deadlocks: add2 blocks writing answers nobody reads, and coproc blocks
writing requests add2 no longer reads.

From the trace of the small run: add2's fds at its execve; the parent's
own ends; whether a request was really written (not left in a stdio
buffer) before the parent waited for its answer; one request at a time;
add2 reaped at the end.  A check whose behaviour never happened (no run
that ended, no child, no answer read, no wait) fails too, saying what
has to happen first: the starter code must not pass it.
"""
from ..run.strace_log import describe_ends, fd_table_at, pipe_ends
from ..i18n import _
from .grade import Check, not_reached, run_until_hang

SMALL = "1 2\n30 40\n-5 5\n"
BIG_LINES = 50000
FEW_CALLS = "process,signal,pipe,pipe2,dup,dup2,dup3,close"


def grade(runner) -> list:
    big = "".join(f"{i} 1\n" for i in range(BIG_LINES))
    runs, ends = run_until_hang(runner, [
        ([], {"stdin": SMALL}),
        ([], {"stdin": big, "calls": FEW_CALLS, "timeout": 10.0})])
    checks = [ends, answers(runs)]
    checks += trace_rules(runs[0])
    return checks


def answers(runs) -> Check:
    check = Check(_("every line gets its sum, in order"))
    wants = ["3\n70\n0\n", "".join(f"{i + 1}\n" for i in range(BIG_LINES))]
    # A run the grader had to stop printed only part of its answers, or none
    # (still in a stdio buffer): it says nothing either way.
    ended = [(run, want) for run, want in zip(runs, wants) if not run.timed_out]
    for run, want in ended:
        if run.out != want:
            got = run.out.splitlines()
            check.fail(_("with {lines} lines on stdin, ./coproc printed {n} lines (first: "
                         "{first}), not {lines}.").format(
                lines=want.count("\n"), n=len(got), first=" ".join(got[:3]) or _("nothing")))
    if not ended:
        not_reached([check], _("a run that ends by itself"))
    return check


def trace_rules(run) -> list:
    log, parent = run.log, run.log.root
    child_fds = Check(_("add2 starts with fd 0 and fd 1 on the two pipes, and no other pipe fd"))
    own = Check(_("the parent closes add2's ends of the pipes"))
    sent = Check(_("each request is written to the pipe before the answer is awaited"))
    turns = Check(_("one request at a time: write a line, read its answer"))
    reaped = Check(_("at the end, the parent closes its pipe to add2 and waits for it"))
    kids = parent.children
    if len(kids) != 1 or not kids[0].execs():
        child_fds.fail(_("the parent forked {n} children; it needs one, which execs ./add2.")
                       .format(n=len(kids)), *[k.forked_by for k in kids])
        not_reached([own, sent, turns, reaped], _("one child that execs ./add2"))
        return [child_fds, own, sent, turns, reaped]
    child = kids[0]
    execve = child.execs()[0]
    held = pipe_ends(fd_table_at(log, child, execve))
    stdin, stdout = held.get(0), held.get(1)
    if stdin is None or stdin.write or stdout is None or not stdout.write \
            or stdin.what == stdout.what:
        child_fds.fail(_("add2 started with fd 0 = {stdin} and fd 1 = {stdout}: it must read "
                         "requests from one pipe and write answers to the other.").format(
            stdin=stdin or _("no pipe"), stdout=stdout or _("no pipe")), execve)
    extra = {fd: e for fd, e in held.items() if fd > 1}
    if extra:
        keeps_input = any(e.write and stdin and e.what == stdin.what for e in extra.values())
        why = _("add2 started still holding {ends}. It holds a write end of its own input "
                "pipe, so it never sees end of file and never exits.") if keeps_input else \
            _("add2 started still holding {ends}.")
        child_fds.fail(why.format(ends=describe_ends(extra)), execve)
    if stdin is None or stdout is None:         # which pipe carries what is unknown
        not_reached([own, sent, turns, reaped], _("add2 with fd 0 and fd 1 on the two pipes"))
        return [child_fds, own, sent, turns, reaped]
    io = [c for c in parent.calls[parent.index(child.forked_by):]
          if c.name in ("read", "write") and c.args[0].isdigit()]
    ends = {}
    for call in io:
        end = pipe_ends(fd_table_at(log, parent, call)).get(int(call.args[0]))
        ends[call.line] = end
    writes = [c for c in io if ends[c.line] and ends[c.line].what == stdin.what
              and c.name == "write"]
    reads = [c for c in io if ends[c.line] and ends[c.line].what == stdout.what
             and c.name == "read"]
    if reads:
        table = pipe_ends(fd_table_at(log, parent, reads[0]))
        kept = {fd: e for fd, e in table.items()
                if (e.what == stdin.what and not e.write) or (e.what == stdout.what and e.write)}
        if kept:
            why = _("the parent still held {ends}, add2's ends, when it first read an answer: "
                    "with a write end of the answer pipe open, its read can never see end of "
                    "file.") if any(e.write for e in kept.values()) else \
                _("the parent still held {ends}, add2's ends, when it first read an answer.")
            own.fail(why.format(ends=describe_ends(kept)), reads[0])
        before = [w for w in writes if w.line < reads[0].line and (w.result or 0) > 0]
        if not before:
            sent.fail(_("the parent waited for an answer (read on the answer pipe) before it "
                        "had written anything on the request pipe: the request is still in its "
                        "stdio buffer. A stream on a pipe is fully buffered -- fflush after "
                        "each line, or use write(2)."), reads[0])
            # No request reached add2 before that read: no turn was taken,
            # so there is no turn to judge yet.
            not_reached([turns], _("a request on the pipe to add2"))
        elif len(before) > 1:
            turns.fail(_("the parent wrote {n} requests before it read the first answer. A "
                         "pipe holds 64 KiB: with enough lines, add2 blocks writing answers "
                         "nobody reads, and the parent blocks writing requests add2 no longer "
                         "reads.").format(n=len(before)), before[0], reads[0])
    else:                                       # never asked add2 for anything
        not_reached([own, sent, turns], _("an answer read from add2's pipe"))
    # A wait still blocked when the run was stopped counts: the parent did
    # close and wait, and it is add2 that never exited (fd 0 held open).
    waits = parent.waits_for(child.pid) or [
        c for c in parent.calls if c.name in ("wait4", "waitid") and c.result is None
        and c.args and c.args[0] in (str(child.pid), "-1")]
    if not waits and not run.timed_out:
        reaped.fail(_("the parent never waited for add2 (pid {pid}); close the request pipe so "
                      "that add2 sees end of file, then waitpid for it.").format(pid=child.pid),
                    child.forked_by)
    elif waits:
        table = pipe_ends(fd_table_at(log, parent, waits[0]))
        writers = {fd: e for fd, e in table.items() if e.write and e.what == stdin.what}
        if writers:
            reaped.fail(_("the parent still held {ends} when it waited: add2 is waiting for "
                          "end of file on that pipe.").format(ends=describe_ends(writers)),
                        waits[0])
    else:                                       # stopped, hung, before it got that far
        not_reached([reaped], _("the parent to reach the end of its input"))
    return [child_fds, own, sent, turns, reaped]
