"""ids: who this process is, to the kernel -- and a set-uid rules explorer.

Every process has three user IDs (credentials(7)):
  real       who started it (login sets it, it rarely changes)
  effective  what permission checks use
  saved      a copy of the effective ID from exec time, so a set-user-ID
             program can drop its privilege and take it back later
and the same three for groups, plus supplementary groups.

`ids try CALL ARGS [then CALL ARGS ...]` runs setuid(2), seteuid(2),
setreuid(2), setresuid(2) (and the gid ones) for real, in a forked child
so the shell keeps its own IDs, and shows the (real, effective, saved)
triple after each call or the errno and the rule that refused it.
"""
import os
import pwd
import grp

from ..run import process
from ..errors import ShellError, write
from .. import i18n
from ..i18n import N_, _, strerror
from .args import UsageError
from .registry import builtin


def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return "?"


def _group(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return "?"


TRIPLE = (N_("real {id} ({name})"), N_("effective {id} ({name})"), N_("saved {id} ({name})"))


def _triple(ids: tuple, name) -> str:
    return "  ".join(i18n._(label).format(id=i, name=name(i)) for label, i in zip(TRIPLE, ids))


def _label(text: str) -> str:
    """A report line's label, translated, in a column 13 wide."""
    return i18n._(text).ljust(12) + " "


def _process_line(pid, ppid, pgrp, session) -> str:
    return _label(N_("process")) + _("pid {pid}  ppid {ppid}  process group {pgrp}  session "
                                     "{sid}").format(pid=pid, ppid=ppid, pgrp=pgrp, sid=session)


def _self_report() -> str:
    # Each line names the call it comes from: getresuid(2), getgroups(2)...
    lines = [_label(N_("user IDs")) + _triple(os.getresuid(), _user) + "   (getresuid)",
             _label(N_("group IDs")) + _triple(os.getresgid(), _group) + "   (getresgid)",
             _label(N_("groups"))
             + (" ".join(f"{g} ({_group(g)})" for g in os.getgroups()) or "-")]
    try:
        lines.append(_label(N_("login name")) + _("{name}  (getlogin: from the utmp entry of "
                                                  "the terminal)").format(name=os.getlogin()))
    except OSError as e:
        lines.append(_label(N_("login name")) + _(
            "getlogin() failed: {error} -- no login session on this terminal; the password "
            "file names uid {uid} '{name}'").format(error=strerror(e.errno), uid=os.getuid(),
                                                    name=_user(os.getuid())))
    lines.append(_process_line(os.getpid(), os.getppid(), os.getpgrp(), os.getsid(0))
                 + "   (getpgrp, getsid)")
    lines.append(_terminal_line())
    return "\n".join(lines) + "\n"


def _terminal_line() -> str:
    for fd in (0, 1, 2):
        try:
            name = os.ttyname(fd)
            fg = os.tcgetpgrp(fd)
            line = _("{tty}  foreground process group {pgrp} (we are in the foreground)") \
                if fg == os.getpgrp() else \
                _("{tty}  foreground process group {pgrp} (we are in the background)")
            return _label(N_("terminal")) + line.format(tty=name, pgrp=fg)
        except OSError:
            continue
    return _label(N_("terminal")) + _("none (no controlling terminal on fds 0-2)")


def _other_report(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/status") as f:
            status = dict(line.split(":", 1) for line in f.read().splitlines() if ":" in line)
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        raise ShellError(_("no process {pid}").format(pid=pid)) from None
    uids = [int(v) for v in status["Uid"].split()[:3]]
    gids = [int(v) for v in status["Gid"].split()[:3]]
    groups = [int(g) for g in status.get("Groups", "").split()]
    pgrp, session, tty_nr, tpgid = int(fields[2]), int(fields[3]), int(fields[4]), int(fields[5])
    tty = _("device {major},{minor}  foreground process group {pgrp}").format(
        major=os.major(tty_nr), minor=os.minor(tty_nr), pgrp=tpgid) if tty_nr else _("none")
    lines = [_("process {pid} ({name})").format(pid=pid, name=status["Name"].strip()),
             _label(N_("user IDs")) + _triple(uids, _user),
             _label(N_("group IDs")) + _triple(gids, _group),
             _label(N_("groups")) + (" ".join(f"{g} ({_group(g)})" for g in groups) or "-"),
             _process_line(pid, status["PPid"].strip(), pgrp, session),
             _label(N_("terminal")) + tty]
    return "\n".join(lines) + "\n"


# ---- the set-uid explorer ------------------------------------------------------

CALLS = {  # name: (number of arguments, function, user or group)
    "setuid": (1, os.setuid, "u"), "seteuid": (1, os.seteuid, "u"),
    "setreuid": (2, os.setreuid, "u"), "setresuid": (3, os.setresuid, "u"),
    "setgid": (1, os.setgid, "g"), "setegid": (1, os.setegid, "g"),
    "setregid": (2, os.setregid, "g"), "setresgid": (3, os.setresgid, "g"),
}

# The rules of credentials(7), in words.  The gid calls follow the uid rules;
# a gid call has its own sentence only where the words differ (setgid,
# set-group-ID), else _rule takes the uid call's.
RULES_UNPRIVILEGED = {
    "setuid": N_("without privilege, setuid may only set the effective ID, and only to the "
                 "real ID or the saved set-user-ID"),
    "seteuid": N_("without privilege, the effective ID may only become the real ID or the "
                  "saved ID"),
    "setreuid": N_("without privilege, the real ID may only become the real or effective ID, "
                   "and the effective ID only the real, effective or saved ID"),
    "setresuid": N_("without privilege, each new ID must be one of the current real, "
                    "effective or saved IDs"),
    "setgid": N_("without privilege, setgid may only set the effective ID, and only to the "
                 "real ID or the saved set-group-ID"),
}
RULES_PRIVILEGED = {
    "setuid": N_("with privilege (effective ID 0), setuid sets all three IDs: real, effective "
                 "and saved -- there is no way back"),
    "seteuid": N_("seteuid changes only the effective ID; the saved ID keeps the old privilege"),
    "setreuid": N_("setreuid sets real and effective; the saved ID follows the new effective "
                   "ID when the real ID is set or the effective ID becomes different from the "
                   "old real ID"),
    "setresuid": N_("setresuid sets exactly what it is given (-1 leaves an ID alone)"),
    "setgid": N_("with privilege (effective ID 0), setgid sets all three IDs: real, effective "
                 "and saved -- there is no way back"),
    "setegid": N_("setegid changes only the effective ID; the saved ID keeps the old privilege"),
    "setregid": N_("setregid sets real and effective; the saved ID follows the new effective "
                   "ID when the real ID is set or the effective ID becomes different from the "
                   "old real ID"),
    "setresgid": N_("setresgid sets exactly what it is given (-1 leaves an ID alone)"),
}


def parse_calls(words: list[str]) -> list[tuple[str, list[int]]]:
    """'seteuid 1000 then seteuid 0' -> [('seteuid', [1000]), ('seteuid', [0])]"""
    calls, current = [], []
    for word in words + ["then"]:
        if word != "then":
            current.append(word)
            continue
        if not current:
            raise ShellError(_("empty call (two `then`s in a row?)"), status=2)
        name, *args = current
        if name not in CALLS:
            raise ShellError(_("unknown call '{name}' (try: {calls})").format(
                name=name, calls=", ".join(CALLS)), status=2)
        if len(args) != CALLS[name][0]:
            raise ShellError(_("{name} takes {n} argument(s)").format(
                name=name, n=CALLS[name][0]), status=2)
        try:
            calls.append((name, [_id(a, CALLS[name][2], CALLS[name][0] > 1) for a in args]))
        except ValueError:
            raise ShellError(_("{name}: '{args}' is not a user/group id or name").format(
                name=name, args=" ".join(args)), status=2) from None
        current = []
    return calls


def _id(text: str, kind: str, may_keep: bool) -> int:
    """A uid or gid (a number or a name); -1 ("leave it alone") only for the
    calls that take several IDs, setreuid(2) and setresuid(2)."""
    if text.lstrip("-").isascii() and text.lstrip("-").isdigit():
        number = int(text)
        if 0 <= number < 2 ** 32 - 1 or (number == -1 and may_keep):   # uid_t, not (uid_t)-1
            return number
        raise ValueError(text)
    try:
        return pwd.getpwnam(text).pw_uid if kind == "u" else grp.getgrnam(text).gr_gid
    except KeyError:
        raise ValueError(text) from None


def explore(calls) -> int:
    """In a child: make each call, show the triples; status 1 if one failed."""
    failed = 0
    write(1, start_lines(os.getresuid(), os.getresgid()))
    for name, args in calls:
        fn, kind = CALLS[name][1], CALLS[name][2]
        getter, namer = (os.getresuid, _user) if kind == "u" else (os.getresgid, _group)
        privileged = os.geteuid() == 0
        call = f"{name}({', '.join(map(str, args))})"
        try:
            fn(*args)
        except OSError as e:
            failed = 1
            write(1, failed_lines(call, e.errno, name, privileged))
            continue
        write(1, done_lines(call, _triple(getter(), namer), name, privileged))
    return failed


def start_lines(uids: tuple, gids: tuple) -> str:
    """The first two lines of `ids try` (and `ids sim`): the triples at the start."""
    start = _("start").ljust(13)
    return f"{start} uid {_triple(uids, _user)}\n{'':<13} gid {_triple(gids, _group)}\n"


def failed_lines(call: str, error: int, name: str, privileged: bool) -> str:
    """A refused call in strace's notation, then the rule that refused it."""
    return f"{call:<13} = -1 {_errno_name(error)} ({strerror(error)})\n" \
           f"{'':<14}{_rule(name, privileged)}\n"


def done_lines(call: str, triple: str, name: str, privileged: bool) -> str:
    return f"{call:<13} = 0  -> {triple}\n{'':<14}({_rule(name, privileged)})\n"


def _rule(name: str, privileged: bool) -> str:
    """The rule that applies to `name` (credentials(7)), in the student's language."""
    rules = RULES_PRIVILEGED if privileged else RULES_UNPRIVILEGED
    return i18n._(rules.get(name) or rules[name.replace("gid", "uid")])


def _errno_name(n: int) -> str:
    import errno
    return errno.errorcode.get(n, str(n))


@builtin("ids", "show user/group IDs, process group, session, terminal; try set*id calls",
         "ids [PID] | ids try|sim CALL ARGS [then CALL ARGS ...]")
def ids(sh, argv):
    """ids        this process: real/effective/saved user and group IDs, groups,
               login name, pid, ppid, process group, session, terminal
    ids PID    the same for another process (from /proc/PID/status)
    ids try seteuid 1000 then seteuid 0
               run the calls for real in a forked child and show how the
               (real, effective, saved) triple changes, or why it cannot
               calls: setuid N, seteuid N, setreuid R E, setresuid R E S
                      (-1 = leave alone) and the same for gid
    ids sim [from R E S] seteuid 1000 then seteuid 0
               the same, SIMULATED with the kernel's rules, starting from
               the user IDs R E S (a set-user-ID-root program run by you:
               from YOUR-UID 0 0): for students who are not root"""
    args = argv[1:]
    if not args:
        write(1, _self_report())
        return 0
    if args[0] == "try":
        calls = parse_calls(args[1:])
        if not calls:
            raise UsageError()
        pid = process.fork(lambda: explore(calls))
        return process.exit_status(process.wait_pid(pid))
    if args[0] == "sim":                        # helpers/uid_sim.py: labelled SIMULATION
        from ..helpers import uid_sim
        start, words = os.getresuid(), args[1:]
        if words[:1] == ["from"]:
            try:
                start, words = tuple(_id(w, "u", False) for w in words[1:4]), words[4:]
            except ValueError as e:
                raise ShellError(_("sim: from: '{word}' is not a user id or name").format(
                    word=e), status=2) from None
        if len(start) != 3:
            raise UsageError()
        calls = parse_calls(words)
        if not calls:
            raise UsageError()
        return uid_sim.explore(calls, start, os.getresgid(), lambda text: write(1, text))
    if len(args) == 1 and args[0].isascii() and args[0].isdigit():
        write(1, _other_report(args[0]))
        return 0
    raise UsageError()
