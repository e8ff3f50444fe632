"""fds and sigs: a process's file descriptor table and signal sets, from /proc.

    fds [PID]    /proc/PID/fd (what each fd points to) + /proc/PID/fdinfo
                 (offset, flags): the table dup2(2) and close(2) change
    sigs [PID]   the pending, blocked, ignored and caught sets from
                 /proc/PID/status, decoded by name

With no PID they show the process running the builtin: the shell itself,
or -- inside a pipeline -- the forked child running that stage.
"""
import os

from ..run import trace
from ..errors import ShellError, write
from .. import i18n
from ..i18n import N_, _, strerror
from ..run.redirect import SAVED_FD_MIN
from .args import UsageError, signal_name
from .registry import builtin

ACCESS = {os.O_RDONLY: "r", os.O_WRONLY: "w", os.O_RDWR: "rw"}


def _pid(sh, argv) -> str:
    """PID, or %JOB (its first process, the group leader), or this process."""
    if len(argv) > 2:
        raise UsageError()
    if len(argv) == 1:
        return str(os.getpid())
    if argv[1].startswith("%"):
        from .jobctl import find_job
        return str(find_job(sh, argv[0], argv[1]).pids[0])
    if not (argv[1].isascii() and argv[1].isdigit()):
        raise ShellError(_("'{word}' is not a pid").format(word=argv[1]))
    if not os.path.exists(f"/proc/{argv[1]}"):
        raise ShellError(_("no process {pid}").format(pid=argv[1]))
    return argv[1]


def fd_table(pid: str) -> list[dict]:
    """One dict per open fd: fd, target, mode, offset, cloexec, flags."""
    rows = []
    try:
        fds = sorted(os.listdir(f"/proc/{pid}/fd"), key=int)
    except PermissionError:
        raise ShellError(_("{path}: {error} (not your process?)").format(
            path=f"/proc/{pid}/fd", error=strerror(13))) from None
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
            with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                info = dict(line.split(":", 1) for line in f.read().splitlines() if ":" in line)
        except OSError:
            continue                           # closed while we looked (our own listdir fd)
        flags = int(info.get("flags", "0").strip(), 8)
        rows.append({"fd": int(fd), "target": target, "mode": ACCESS.get(flags & 3, "?"),
                     "offset": int(info.get("pos", "0").strip()),
                     "cloexec": bool(flags & 0o2000000),
                     "append": bool(flags & os.O_APPEND),
                     "nonblock": bool(flags & os.O_NONBLOCK)})
    return rows


@builtin("fds", "show a process's file descriptor table", "fds [PID | %JOB]")
def fds(sh, argv):
    """The open file descriptors of PID (default: the process running this
    command), what each points to -- a file, pipe:[inode], socket:[inode],
    a terminal -- its access mode, file offset and close-on-exec flag.
    Two fds with the same pipe:[inode] are the two ends of one pipe.
    Try:  fds > out ; cat out      fds | cat      (exec 3>f; fds)"""
    pid = _pid(sh, argv)
    own = pid == str(os.getpid())
    rows = fd_table(pid)
    # FD and CLOEXEC are C's names; the other column headers are words.
    mode, offset, target = _("MODE"), _("OFFSET"), _("TARGET")
    lines = [f"{'FD':<4} {mode:<5} {offset:>8}  {'CLOEXEC':<8} {target}\n"]
    yes, no = _("yes"), _("no")
    for r in rows:
        if own and r["target"].endswith(f"/proc/{pid}/fd"):
            continue                            # the directory we are listing
        notes = [n for n in ("append", "nonblock") if r[n]]      # O_APPEND, O_NONBLOCK
        if own and r["fd"] == trace.narration_fd():
            notes.append(_("minish's narration fd"))
        elif own and r["fd"] >= SAVED_FD_MIN and r["cloexec"]:
            notes.append(_("minish's own copy"))
        note = f"   ({', '.join(notes)})" if notes else ""
        lines.append(f"{r['fd']:<4} {r['mode']:<5} {r['offset']:>8}  "
                     f"{yes if r['cloexec'] else no:<8} {r['target']}{note}\n")
    write(1, "".join(lines))
    return 0


SIGSETS = [("SigPnd", N_("pending (this thread)")), ("ShdPnd", N_("pending (process)")),
           ("SigBlk", N_("blocked")), ("SigIgn", N_("ignored")), ("SigCgt", N_("caught"))]


def decode_sigset(mask: int) -> list[str]:
    return [signal_name(n) for n in range(1, 65) if mask >> (n - 1) & 1]


@builtin("sigs", "show a process's blocked, ignored, caught and pending signals", "sigs [PID | %JOB]")
def sigs(sh, argv):
    """Decode the signal masks in /proc/PID/status (default: this process).
    ignored: SIG_IGN -- stays ignored across exec;  caught: a handler --
    reset to default by exec;  blocked: in the mask, delivered when unblocked."""
    pid = _pid(sh, argv)
    try:
        with open(f"/proc/{pid}/status") as f:
            status = dict(line.split(":\t", 1) for line in f.read().splitlines() if ":\t" in line)
    except OSError as e:
        raise ShellError(f"{pid}: {strerror(e.errno)}") from None
    out = []
    labels = [i18n._(label) for _field, label in SIGSETS]
    width = max([22] + [len(label) for label in labels])    # wider if the language needs it
    for (field, _label), label in zip(SIGSETS, labels):   # its name, its /proc field, the mask
        mask = int(status.get(field, "0").strip(), 16)
        names = decode_sigset(mask)
        out.append(label.ljust(width) + f" {field} {mask:016x}  {' '.join(names) or '-'}\n")
    write(1, "".join(out))
    return 0
