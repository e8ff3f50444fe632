"""accton and lastcomm: process accounting (acct(2), struct acct_v3).

    accton FILE         the kernel appends a record to FILE for every process
                        that ends, system-wide (needs root: CAP_SYS_PACCT)
    accton              turn it off
    accton --shell FILE minish writes records itself for the children it
                        reaps (used automatically when the kernel refuses)
    lastcomm [-v] [FILE]  the records, newest first, as GNU lastcomm prints them
"""
import os
import pwd
import time

from ..kernel import acct
from ..run import process
from ..errors import ShellError, write
from ..i18n import _, strerror
from .args import UsageError
from .registry import builtin

DEFAULT_FILE = "/var/log/account/pacct"


def _kernel_acct(path: str | None) -> None:
    """acct(2): start writing records to `path`, or stop (None)."""
    import ctypes                              # only when needed: 3 ms to import
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.acct(os.fsencode(path) if path else None) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), path)


@builtin("accton", "turn process accounting on or off", "accton [--shell] [FILE]")
def accton(sh, argv):
    """accton FILE          turn on the kernel's accounting into FILE (created
                         mode 0600 if needed): one record per process that ends
    accton               turn accounting off
    accton --shell FILE  let minish write the records for its own children
                         (no root needed; records are marked as shell-made)
    The kernel keeps a single accounting file for the whole machine: turning it
    on replaces whatever file was in use, and records every user's processes."""
    args = argv[1:]
    shell_only = "--shell" in args
    args = [a for a in args if a != "--shell"]
    if len(args) > 1:
        raise UsageError()
    if not args or args[0] in ("off", "none"):
        stopped = process.accounting is not None
        if stopped:
            process.accounting.close()
        process.accounting = None
        if not shell_only:
            try:
                _kernel_acct(None)
                stopped = True
            except OSError as e:
                if not stopped:
                    raise ShellError(_("cannot turn kernel accounting off: {error}").format(
                        error=strerror(e.errno))) from None
        write(2, "accton: " + _("process accounting is off") + "\n")
        return 0
    path = args[0]
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)
    except OSError as e:
        raise ShellError(f"{path}: {strerror(e.errno)}") from None
    if not shell_only:
        try:
            _kernel_acct(os.path.abspath(path))
            write(2, "accton: " + _("the kernel now records every process that ends, on the "
                                    "whole machine, in {file}\n        (one accounting file "
                                    "system-wide: this replaced any other; `accton` alone "
                                    "turns it off)").format(file=path) + "\n")
            return 0
        except OSError as e:
            reason = _reason(e.errno)
            if e.errno not in (1, 38):            # EPERM, ENOSYS: fall back; others: fail
                raise ShellError(f"{path}: {reason}") from None
            write(2, "accton: " + _("kernel accounting refused ({reason});\n        minish "
                                    "will write shell-made records for the processes it "
                                    "reaps").format(reason=reason) + "\n")
    if process.accounting is not None:
        process.accounting.close()
    process.accounting = acct.ShellAccounting(path)
    write(2, "accton: " + _("shell-made accounting into {file} (only minish's own children, "
                            "flagged {flag})").format(file=path, flag=f"0x{acct.SHELL_MADE:02x}")
          + "\n")
    return 0


@builtin("lastcomm", "show accounting records, newest first", "lastcomm [-v] [FILE]")
def lastcomm(sh, argv):
    """Print the records of an accounting file (default /var/log/account/pacct)
    newest first, as GNU lastcomm does: command, flags, user, terminal, CPU
    seconds (user + system), start time.  Flags:
      S  the process used superuser privilege     F  it forked but never exec'd
      C  compatibility mode    D  it dumped core  X  it was killed by a signal
    -v  every field of every record, with the comp_t arithmetic"""
    args = argv[1:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    if len(args) > 1 or any(a.startswith("-") for a in args):
        raise UsageError()
    path = args[0] if args else DEFAULT_FILE
    try:
        records = acct.read_records(path)
    except OSError as e:
        raise ShellError(f"{path}: {strerror(e.errno)}") from None
    except ValueError as e:
        raise ShellError(f"{path}: {e}") from None
    out = []
    for r in reversed(records):
        out.append(_verbose(r) if verbose else _line(r))
    write(1, "".join(out))
    return 0


def _reason(errno: int) -> str:
    """Why acct(2) refused, in words (the errno's own text for the others)."""
    if errno == 1:
        return _("not permitted: acct(2) needs root (CAP_SYS_PACCT)")
    if errno == 13:
        return _("permission denied on the file")
    if errno == 21:
        return _("it is a directory")
    if errno == 2:
        return _("no such file")
    return strerror(errno)


def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _line(r) -> str:
    """GNU lastcomm: "%-16.16s %c%c%c%c%c %-8.8s %-8.8s %6.2f secs %-16.16s"."""
    comm = "".join(c if c.isprintable() else "?" for c in r.comm)
    when = time.ctime(r.btime)[:16]
    return (f"{comm[:16]:<16} {r.flags()} {_user(r.uid)[:8]:<8} {acct.tty_name(r.tty)[:8]:<8} "
            f"{r.cpu_seconds:6.2f} secs {when:<16}\n")


def _verbose(r) -> str:
    lines = [_("{comm}  (pid {pid}, parent {ppid})").format(comm=r.comm, pid=r.pid, ppid=r.ppid)
             + ("   " + _("[shell-made record]") if r.flag & acct.SHELL_MADE else "")]
    names = [name for bit, name in ((acct.AFORK, "AFORK"), (acct.ASU, "ASU"),
             (acct.ACOMPAT, "ACOMPAT"), (acct.ACORE, "ACORE"), (acct.AXSIG, "AXSIG"))
             if r.flag & bit]
    lines.append(f"  ac_flag     {r.flag:#04x} {' '.join(names) or '-'}")
    lines.append(f"  ac_version  {r.version & 0x7f}")
    lines.append(f"  ac_tty      {r.tty} ({acct.tty_name(r.tty)})")
    lines.append(f"  ac_exitcode {r.exitcode} " + _("(raw wait status)"))
    lines.append(f"  ac_uid      {r.uid} ({_user(r.uid)})   ac_gid {r.gid}")
    lines.append(f"  ac_btime    {r.btime} ({time.ctime(r.btime)})")
    lines.append("  ac_etime    " + _("{ticks} ticks = {seconds} s elapsed").format(
        ticks=f"{r.etime:.2f}", seconds=f"{r.etime / acct.AHZ:.2f}"))
    for field in acct.COMP_FIELDS:
        extra = ""
        if field in ("utime", "stime"):
            extra = " " + _("ticks = {seconds} s").format(seconds=f"{r.value(field) / acct.AHZ:.2f}")
        lines.append(f"  ac_{field:<9}{acct.comp_t_explain(r.comp[field])}{extra}")
    return "\n".join(lines) + "\n\n"
