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


def _triple(ids: tuple, name) -> str:
    return "  ".join(f"{label} {i} ({name(i)})"
                     for label, i in zip(("real", "effective", "saved"), ids))


def _self_report() -> str:
    lines = [f"user IDs     {_triple(os.getresuid(), _user)}",
             f"group IDs    {_triple(os.getresgid(), _group)}",
             "groups       " + (" ".join(f"{g} ({_group(g)})" for g in os.getgroups()) or "-")]
    try:
        lines.append(f"login name   {os.getlogin()}  (getlogin: from the utmp entry of the terminal)")
    except OSError as e:
        lines.append(f"login name   getlogin() failed: {e.strerror} -- no login session on this "
                     f"terminal; the password file names uid {os.getuid()} "
                     f"'{_user(os.getuid())}'")
    lines.append(f"process      pid {os.getpid()}  ppid {os.getppid()}  "
                 f"process group {os.getpgrp()}  session {os.getsid(0)}")
    lines.append(_terminal_line())
    return "\n".join(lines) + "\n"


def _terminal_line() -> str:
    for fd in (0, 1, 2):
        try:
            name = os.ttyname(fd)
            fg = os.tcgetpgrp(fd)
            role = "(we are in the foreground)" if fg == os.getpgrp() else "(we are in the background)"
            return f"terminal     {name}  foreground process group {fg} {role}"
        except OSError:
            continue
    return "terminal     none (no controlling terminal on fds 0-2)"


def _other_report(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/status") as f:
            status = dict(line.split(":", 1) for line in f.read().splitlines() if ":" in line)
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        raise ShellError(f"no process {pid}") from None
    uids = [int(v) for v in status["Uid"].split()[:3]]
    gids = [int(v) for v in status["Gid"].split()[:3]]
    groups = [int(g) for g in status.get("Groups", "").split()]
    pgrp, session, tty_nr, tpgid = int(fields[2]), int(fields[3]), int(fields[4]), int(fields[5])
    tty = f"device {os.major(tty_nr)},{os.minor(tty_nr)}  foreground process group {tpgid}" \
        if tty_nr else "none"
    return (f"process {pid} ({status['Name'].strip()})\n"
            f"user IDs     {_triple(uids, _user)}\n"
            f"group IDs    {_triple(gids, _group)}\n"
            "groups       " + (" ".join(f"{g} ({_group(g)})" for g in groups) or "-") + "\n"
            f"process      pid {pid}  ppid {status['PPid'].strip()}  process group {pgrp}  "
            f"session {session}\nterminal     {tty}\n")


# ---- the set-uid explorer ------------------------------------------------------

CALLS = {  # name: (number of arguments, function, user or group)
    "setuid": (1, os.setuid, "u"), "seteuid": (1, os.seteuid, "u"),
    "setreuid": (2, os.setreuid, "u"), "setresuid": (3, os.setresuid, "u"),
    "setgid": (1, os.setgid, "g"), "setegid": (1, os.setegid, "g"),
    "setregid": (2, os.setregid, "g"), "setresgid": (3, os.setresgid, "g"),
}

RULES_UNPRIVILEGED = {
    "setuid": "without privilege, setuid may only set the effective ID, and only to the "
              "real ID or the saved set-user-ID",
    "seteuid": "without privilege, the effective ID may only become the real ID or the saved ID",
    "setreuid": "without privilege, the real ID may only become the real or effective ID, and "
                "the effective ID only the real, effective or saved ID",
    "setresuid": "without privilege, each new ID must be one of the current real, effective "
                 "or saved IDs",
}
RULES_PRIVILEGED = {
    "setuid": "with privilege (effective ID 0), setuid sets all three IDs: real, effective "
              "and saved -- there is no way back",
    "seteuid": "seteuid changes only the effective ID; the saved ID keeps the old privilege",
    "setreuid": "setreuid sets real and effective; the saved ID follows the new effective ID "
                "when the real ID is set or the effective ID becomes different from the old real ID",
    "setresuid": "setresuid sets exactly what it is given (-1 leaves an ID alone)",
}


def parse_calls(words: list[str]) -> list[tuple[str, list[int]]]:
    """'seteuid 1000 then seteuid 0' -> [('seteuid', [1000]), ('seteuid', [0])]"""
    calls, current = [], []
    for word in words + ["then"]:
        if word != "then":
            current.append(word)
            continue
        if not current:
            raise ShellError("empty call (two `then`s in a row?)", status=2)
        name, *args = current
        if name not in CALLS:
            raise ShellError(f"unknown call '{name}' (try: {', '.join(CALLS)})", status=2)
        if len(args) != CALLS[name][0]:
            raise ShellError(f"{name} takes {CALLS[name][0]} argument(s)", status=2)
        try:
            calls.append((name, [_id(a, CALLS[name][2], CALLS[name][0] > 1) for a in args]))
        except ValueError:
            raise ShellError(f"{name}: '{' '.join(args)}' is not a user/group id or name",
                             status=2) from None
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
    write(1, f"start         uid {_triple(os.getresuid(), _user)}\n"
             f"              gid {_triple(os.getresgid(), _group)}\n")
    for name, args in calls:
        fn, kind = CALLS[name][1], CALLS[name][2]
        getter, namer = (os.getresuid, _user) if kind == "u" else (os.getresgid, _group)
        privileged = os.geteuid() == 0
        call = f"{name}({', '.join(map(str, args))})"
        try:
            fn(*args)
        except OSError as e:
            failed = 1
            write(1, f"{call:<13} = -1 {_errno_name(e.errno)} ({e.strerror})\n"
                     f"              {_rule(name, privileged)}\n")
            continue
        write(1, f"{call:<13} = 0  -> {_triple(getter(), namer)}\n"
                 f"              ({_rule(name, privileged)})\n")
    return failed


def _rule(name: str, privileged: bool) -> str:
    """The rule that applies to `name`; the gid calls follow the uid rules
    (credentials(7)), told in their own words: setgid, group, set-group-ID."""
    rule = (RULES_PRIVILEGED if privileged else RULES_UNPRIVILEGED)[name.replace("gid", "uid")]
    if name.endswith("gid"):
        rule = rule.replace("uid", "gid").replace("set-user-ID", "set-group-ID") \
                   .replace("user", "group")
    return rule


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
                raise ShellError(f"sim: from: '{e}' is not a user id or name", status=2) from None
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
