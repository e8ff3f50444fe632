"""The set*id rules, simulated: what the kernel would do, for students who
are not root (as another user every real set*id call just fails with EPERM,
and the saved set-user-ID is never seen at work).

    ids sim [from R E S] CALL ARGS [then CALL ARGS ...]

starts from the user ID triple (R, E, S) -- by default your own; a
set-user-ID-root program run by you starts as (you, 0, 0) -- and applies
each call with the kernel's rules, printing exactly what `ids try` prints.
It is labelled SIMULATION on every run: no system call is made.

The rules are kernel/sys.c's (__sys_setuid, __sys_setreuid,
__sys_setresuid; seteuid(e) is glibc's setresuid(-1, e, -1)).  "Privileged"
is CAP_SETUID in the effective set, which a process without securebits
has exactly when its effective user ID is 0 (capabilities(7), "Effect of
user ID changes on capabilities"); CAP_SETGID likewise for the gid calls.
tests/test_lessons.py runs the same calls for real, as root, and compares.
"""
import errno

KEEP = -1


def apply(name: str, args: list[int], uids: tuple, gids: tuple) -> tuple[int, tuple, tuple]:
    """One call: (0 or errno, new uids, new gids)."""
    privileged = uids[1] == 0                  # CAP_SETUID / CAP_SETGID: effective uid 0
    which = 0 if name.endswith("uid") else 1
    old = (uids, gids)[which]
    rule = name.replace("gid", "uid")
    new = _rules[rule](list(old), args, privileged)
    if new is None:
        return errno.EPERM, uids, gids
    new = tuple(new)
    return (0, new, gids) if which == 0 else (0, uids, new)


def _setuid(old, args, privileged):
    (u,) = args
    if privileged:
        return [u, u, u]
    if u not in (old[0], old[2]):
        return None
    return [old[0], u, old[2]]


def _seteuid(old, args, privileged):
    return _setresuid(old, [KEEP, args[0], KEEP], privileged)


def _setreuid(old, args, privileged):
    r, e = args
    new = list(old)
    if r != KEEP:
        if r not in (old[0], old[1]) and not privileged:
            return None
        new[0] = r
    if e != KEEP:
        if e not in old and not privileged:
            return None
        new[1] = e
    if r != KEEP or (e != KEEP and e != old[0]):
        new[2] = new[1]
    return new


def _setresuid(old, args, privileged):
    if not privileged and any(a != KEEP and a not in old for a in args):
        return None
    return [old[i] if a == KEEP else a for i, a in enumerate(args)]


_rules = {"setuid": _setuid, "seteuid": _seteuid, "setreuid": _setreuid,
          "setresuid": _setresuid}


def explore(calls, uids: tuple, gids: tuple, write) -> int:
    """`ids try`'s report, for the simulated process; status 1 if a call failed."""
    from ..builtins.ids import done_lines, failed_lines, start_lines, _group, _triple, _user
    from ..i18n import _
    write(_("SIMULATION: the kernel's rules (kernel/sys.c) applied in Python; "
            "no system call is made") + "\n")
    write(start_lines(uids, gids))
    failed = 0
    for name, args in calls:
        privileged = uids[1] == 0
        call = f"{name}({', '.join(map(str, args))})"
        error, uids, gids = apply(name, args, uids, gids)
        if error:
            failed = 1
            write(failed_lines(call, error, name, privileged))
            continue
        triple, namer = (uids, _user) if not name.endswith("gid") else (gids, _group)
        write(done_lines(call, _triple(triple, namer), name, privileged))
    return failed
