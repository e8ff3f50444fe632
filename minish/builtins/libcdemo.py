"""Builtins that run minish.libc from the prompt: system and popen.

They show that system(3) and popen(3) are only fork + exec + pipe +
waitpid: each prints what it did and decodes the raw wait status.
"""
import os

from ..run import process
from ..errors import write
from ..i18n import _
from .args import UsageError
from .registry import builtin


def _restored(fn):
    """Run fn() with SIGPIPE and the job-control signals at their defaults.

    libc passes the caller's dispositions on to the command, and the shell
    ignores these; the command should see what a command run by the shell
    sees.
    """
    import signal
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGPIPE, signal.SIGTSTP,
                                                    signal.SIGTTIN, signal.SIGTTOU)}
    for sig in saved:
        signal.signal(sig, signal.SIG_DFL)
    try:
        return fn()
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@builtin("system", "run a command through minish.libc.system and decode its status",
         "system 'command'")
def system_(sh, argv):
    """Run the command the way system(3) does: fork, exec /bin/sh -c, waitpid,
    with SIGINT and SIGQUIT ignored and SIGCHLD blocked in the caller.
    Then show the raw wait status and what the <sys/wait.h> macros say.
      system 'date; exit 44'
      system 'kill -TERM $$'"""
    from ..libc import pr_exit, system
    if len(argv) != 2:
        raise UsageError()
    process.flush_std_streams()
    raw = _restored(lambda: system(argv[1]))
    write(2, "system: " + _("raw status {raw}: {decoded}").format(
        raw=f"{raw:#06x}", decoded=pr_exit(raw)) + "\n")
    return process.exit_status(raw)


@builtin("popen", "read from (or write to) a command through minish.libc.popen",
         "popen [-w] 'command'")
def popen_(sh, argv):
    """popen 'cmd'     popen(cmd, "r"): copy what cmd prints to our stdout
    popen -w 'cmd'  popen(cmd, "w"): copy our stdin into cmd
    Then pclose() waits for it, and its raw status is shown, decoded."""
    from ..libc import pclose, popen, popen_pid, pr_exit
    args = argv[1:]
    writing = bool(args) and args[0] == "-w"
    if writing:
        args = args[1:]
    if len(args) != 1:
        raise UsageError()

    def run():
        stream = popen(args[0], "wb" if writing else "rb")
        said = _("pid {pid}, we write its stdin") if writing else \
            _("pid {pid}, we read its stdout")
        write(2, "popen: " + said.format(pid=popen_pid(stream)) + "\n")
        while True:
            chunk = os.read(0, 65536) if writing else stream.read1(65536)
            if not chunk:
                break
            if writing:
                stream.write(chunk)
            else:
                os.write(1, chunk)
        return pclose(stream)

    raw = _restored(run)
    write(2, "pclose: " + _("raw status {raw}: {decoded}").format(
        raw=f"{raw:#06x}", decoded=pr_exit(raw)) + "\n")
    return process.exit_status(raw)
