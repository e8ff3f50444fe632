"""Grading the fifo-server lab: one well-known FIFO in, a FIFO per client out.

The harness (minish/labs/fifo-server/harness.c) starts ./server, stops it
(SIGSTOP) once it has the FIFO open, starts N clients at once and lets the
server go on only when all N requests are waiting in the FIFO together:
the busiest case, every time.  When all are answered it sends one late
client, then STOP.

From the trace: how the server opened the well-known FIFO (a reader that
is also a writer never sees end of file between clients), how many bytes
each read took (one request, or several at once), which reply FIFOs it
still held, and whether it removed the FIFO when told to stop.  A check
whose behaviour never happened (no FIFO opened, no client, no request
read, no reply) fails too, saying what has to happen first: the starter
code must not pass it.
"""
import os

from ..run.strace_log import fd_table_at, string_list, unquote
from ..i18n import _
from .grade import Check, not_reached, run_until_hang

FIFO = "serv.fifo"
REQUEST = 64                                    # sizeof(struct request), fifo.h
FILE_CALLS = "mknodat,mknod,unlink,unlinkat"


def grade(runner) -> list:
    runs, ends = run_until_hang(runner, [(["8"], {"also_trace": FILE_CALLS}),
                                         (["3"], {"also_trace": FILE_CALLS})])
    run = runs[0]
    server = _server(run.log)
    checks = [ends, replies(runs)]
    if server is None:
        return checks + [Check(_("the server runs")).fail(_("the harness never managed to "
                                                            "exec ./server."))]
    return checks + [keeps_writer(run, server), one_per_read(run, server),
                     closes_replies(run, server), stops(runs, server)]


def _server(log):
    for proc in log.all():
        execs = proc.execs()
        if execs and os.path.basename(unquote(execs[0].args[0])) == "server":
            return proc
    return None


def replies(runs) -> Check:
    check = Check(_("every client gets its own word back in upper case: none lost, none mixed"))
    for run in runs:
        words = {}
        for proc in run.log.all():
            execs = proc.execs()
            if execs and os.path.basename(unquote(execs[0].args[0])) == "client":
                argv = string_list(execs[0].args[1])
                if argv[2:] and argv[2] != "STOP":
                    words[proc.pid] = argv[2].upper()
        if not words:                           # no client asked: nothing was answered
            not_reached([check], _("a server that makes serv.fifo and opens it"))
            continue
        got = dict(line.split(": ", 1) for line in run.out.splitlines() if ": " in line)
        lost = [w for pid, w in words.items() if str(pid) not in got]
        mixed = [_("{pid} got {reply}").format(pid=pid, reply=repr(got[str(pid)]))
                 for pid, w in words.items() if str(pid) in got and got[str(pid)] != w]
        if lost or mixed:
            findings = []
            if lost and run.timed_out:
                findings.append(_("no reply for {words} by the time the grader stopped waiting")
                                .format(words=", ".join(lost)))
            elif lost:
                findings.append(_("no reply for {words}").format(words=", ".join(lost)))
            if mixed:
                findings.append(_("wrong replies: {replies}").format(replies=", ".join(mixed)))
            check.fail(_("{command}: {n} clients asked; {findings}.").format(
                command=f"`./harness {run.args[1]}`", n=len(words), findings="; ".join(findings)))
    return check


def _fifo_opens(server):
    return [c for c in server.calls if c.name in ("openat", "open")
            and c.result is not None and c.result >= 0
            and unquote(c.args[1 if c.name == "openat" else 0]).endswith(FIFO)]


def keeps_writer(run, server) -> Check:
    check = Check(_("the server holds the FIFO open for writing too, so read never sees EOF"))
    opens = _fifo_opens(server)
    if not opens:                               # "reading only" would be untrue
        not_reached([check], _("the server to open serv.fifo"))
        return check
    flags = " ".join(c.args[2 if c.name == "openat" else 1] for c in opens)
    if "O_RDWR" in flags or "O_WRONLY" in flags:
        return check
    eof = next((c for c in server.calls if c.name == "read" and c.result == 0), None)
    why = _("the server opened serv.fifo for reading only. When no client has it open, read() "
            "returns 0 (end of file) -- it did, at line {line} -- and a server that stops there "
            "misses every later client. Open it with O_RDWR, or open it a second time for "
            "writing.") if eof else \
        _("the server opened serv.fifo for reading only. When no client has it open, read() "
          "returns 0 (end of file) and a server that stops there misses every later client. "
          "Open it with O_RDWR, or open it a second time for writing.")
    check.fail(why.format(line=eof.line if eof else 0), *opens[:1], eof)
    return check


def one_per_read(run, server) -> Check:
    check = Check(_("each read on the FIFO takes exactly one request"))
    reads = [c for c in server.calls
             if c.name == "read" and (c.result or 0) > 0 and c.args[0].isdigit()
             and _on_fifo(run.log, server, c)]
    if not reads:                               # no read took anything: nothing to judge
        not_reached([check], _("a request read from serv.fifo"))
        return check
    call = next((c for c in reads if c.result > REQUEST), None)
    if call is not None:
        check.fail(_("one read() took {bytes} bytes: {n} requests at once. A server that "
                     "then answers only the first loses the others. Read sizeof(struct "
                     "request) = {size} bytes at a time.").format(
                         bytes=call.result, n=call.result // REQUEST, size=REQUEST), call)
    return check


def _on_fifo(log, server, call) -> bool:
    """Whether `call` (a read) is on the server's well-known FIFO."""
    end = fd_table_at(log, server, call).get(int(call.args[0]))
    return end is not None and end.what.endswith(FIFO)


def closes_replies(run, server) -> Check:
    check = Check(_("the server closes each client's FIFO after replying"))
    family = [server]                           # a server may fork to reply: count those too
    for proc in family:
        family.extend(proc.children)
    opened = [c for proc in family for c in proc.calls if c.name in ("openat", "open")
              and c.result is not None and c.result >= 0
              and "client." in unquote(c.args[1 if c.name == "openat" else 0])]
    if not opened:                              # no reply FIFO ever held: none left open
        not_reached([check], _("the server to open a client's FIFO and reply"))
        return check
    last = next((c for c in reversed(server.calls) if c.name), None)
    held = {fd: e for fd, e in fd_table_at(run.log, server, last).items()
            if "client." in e.what}
    if held:
        names = ", ".join(f"fd {fd} ({os.path.basename(e.what)})" for fd, e in sorted(held.items()))
        check.fail(_("at its last call the server still held {fds}. A client reads its FIFO "
                     "until end of file, which comes only when the server closes it.").format(
                         fds=names), last)
    return check


def stops(runs, server) -> Check:
    check = Check(_("on STOP the server removes serv.fifo and exits with status 0"))
    run = runs[-1]
    if run.timed_out:
        return check.fail(_("the run did not get as far as STOP."))
    if "server exit=" not in run.out:           # the harness gave up first (no serv.fifo)
        not_reached([check], _("a run that gets as far as STOP"))
        return check
    if "server exit=0" not in run.out:
        check.fail(_("the harness saw {line}.").format(line=f"`{_line(run, 'server exit=')}`"))
    if "serv.fifo removed" not in run.out:
        unlinks = [c for c in server.calls if c.name in ("unlink", "unlinkat")]
        check.fail(_("serv.fifo was still there after the server exited: a FIFO is a file, and "
                     "stays until somebody calls unlink(2)."), *unlinks[:1])
    return check


def _line(run, key: str) -> str:
    return next((line for line in run.out.splitlines() if line.startswith(key)), _("nothing"))
