"""umask: the file-creation mask (umask(2)).

The mask's bits are removed from the mode of every file a process
creates: open(2) asks for 0666, and under umask 022 the file gets 0644.

    umask            0022          umask -S     u=rwx,g=rx,o=rx
    umask 077        only the owner may read, write or run new files
    umask g-w,o=     symbolic, like chmod: who (u g o a), + - =, and
                     r w x, or u g o to copy another class's bits
    umask -p         as a command: umask 0022
"""
import os

from ..errors import ShellError
from ..i18n import _
from .core import out
from . import args as check
from .registry import builtin

WHO = {"u": 0o700, "g": 0o070, "o": 0o007, "a": 0o777}
PERM = {"r": 0o444, "w": 0o222, "x": 0o111, "X": 0o111, "s": 0, "t": 0}


def symbolic(mode: str, mask: int) -> int:
    """Apply a chmod-style mode to the *allowed* bits; return the new mask."""
    allowed = ~mask & 0o777
    for clause in mode.split(","):
        if not clause:
            raise ShellError(_("{mode}: invalid symbolic mode operator").format(mode=mode))
        i, who = 0, 0
        while i < len(clause) and clause[i] in WHO:
            who |= WHO[clause[i]]
            i += 1
        who = who or 0o777
        if i == len(clause):
            raise ShellError(_("{mode}: invalid symbolic mode operator").format(mode=clause))
        while i < len(clause):
            op = clause[i]
            if op not in "+-=":
                raise ShellError(_("`{operator}': invalid symbolic mode operator")
                                 .format(operator=clause[i]))
            i += 1
            bits = 0
            if i < len(clause) and clause[i] in "ugo":        # copy a class: a=u
                bits = ((allowed >> {"u": 6, "g": 3, "o": 0}[clause[i]]) & 7) * 0o111
                i += 1
            else:
                while i < len(clause) and clause[i] in PERM:
                    bits |= PERM[clause[i]]
                    i += 1
            bits &= who
            if op == "+":
                allowed |= bits
            elif op == "-":
                allowed &= ~bits
            else:
                allowed = (allowed & ~who) | bits
    return ~allowed & 0o777


def _as_symbols(mask: int) -> str:
    allowed = ~mask & 0o777
    return ",".join(who + "=" + "".join(c for c, bit in (("r", 4), ("w", 2), ("x", 1))
                                        if allowed >> shift & bit)
                    for who, shift in (("u", 6), ("g", 3), ("o", 0)))


@builtin("umask", "show or set the file-creation mask", "umask [-p] [-S] [mode]")
def umask(sh, argv):
    """The umask's bits are removed from the mode of every file created
    (open(2) with 0666 becomes 0644 under umask 022).  The mode is octal
    (022) or symbolic like chmod's (g-w,o=)."""
    args, flags = argv[1:], set()
    while args and args[0].startswith("-") and args[0] not in ("-", "--"):
        if any(c not in "pS" for c in args[0][1:]):
            raise check.invalid_option(args[0])    # `umask -1`: an option, not a mask
        flags |= set(args.pop(0)[1:])
    if args[:1] == ["--"]:
        args = args[1:]
    mask = os.umask(0)
    os.umask(mask)
    if not args or args == ["-"]:
        text = _as_symbols(mask) if "S" in flags else f"{mask:04o}"
        out(("umask " + ("-S " if "S" in flags else "") if "p" in flags else "") + text + "\n")
        return 0
    mode = args[0]
    if mode[:1].isdigit():
        try:
            new = int(mode, 8)
        except ValueError:
            raise ShellError(_("{text}: octal number out of range").format(text=mode)) from None
        if new > 0o7777:
            raise ShellError(_("{text}: octal number out of range").format(text=mode))

    else:
        new = symbolic(mode, mask)
    os.umask(new & 0o777)
    return 0
