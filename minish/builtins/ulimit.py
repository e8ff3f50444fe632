"""ulimit: resource limits (getrlimit(2)/setrlimit(2)), inherited by children.

    ulimit -n          how many files a process may have open (RLIMIT_NOFILE)
    ulimit -f 100      no file larger than 100 blocks of 1024 bytes
    ulimit -c unlimited  allow core dumps
    ulimit -a          every limit
Each limit has a soft value (what is enforced; -S) and a hard ceiling
(-H) that only root may raise.  Setting changes both unless -S or -H.
"""
import resource

from ..errors import ShellError
from .core import out
from .registry import builtin

# flag: (RLIMIT_ name, description, unit, bytes per unit)
LIMITS = {
    "c": ("CORE", "core file size", "blocks", 1024),
    "d": ("DATA", "data seg size", "kbytes", 1024),
    "e": ("NICE", "scheduling priority", "", 1),
    "f": ("FSIZE", "file size", "blocks", 1024),
    "i": ("SIGPENDING", "pending signals", "", 1),
    "l": ("MEMLOCK", "max locked memory", "kbytes", 1024),
    "m": ("RSS", "max memory size", "kbytes", 1024),
    "n": ("NOFILE", "open files", "", 1),
    "q": ("MSGQUEUE", "POSIX message queues", "bytes", 1),
    "r": ("RTPRIO", "real-time priority", "", 1),
    "s": ("STACK", "stack size", "kbytes", 1024),
    "t": ("CPU", "cpu time", "seconds", 1),
    "u": ("NPROC", "max user processes", "", 1),
    "v": ("AS", "virtual memory", "kbytes", 1024),
    "x": ("LOCKS", "file locks", "", 1),
}
LIMITS = {k: v for k, v in LIMITS.items() if hasattr(resource, "RLIMIT_" + v[0])}


def _show(value: int, scale: int) -> str:
    return "unlimited" if value == resource.RLIM_INFINITY else str(value // scale)


@builtin("ulimit", "show or set resource limits", "ulimit [-SHa] [-cdefilmnqrstuvx] [limit]")
def ulimit(sh, argv):
    """ulimit -n / -f / -c / -s ... [value]: see `help ulimit` and setrlimit(2)."""
    args, which, soft, hard, show_all = argv[1:], [], False, False, False
    while args and args[0].startswith("-") and len(args[0]) > 1:
        arg = args.pop(0)
        if arg == "--":
            break
        if arg == "--all":
            show_all = True
            continue
        for letter in arg[1:]:
            if letter == "S":
                soft = True
            elif letter == "H":
                hard = True
            elif letter == "a":
                show_all = True
            elif letter in LIMITS:
                which.append(letter)
            else:
                raise ShellError(f"-{letter}: invalid option", status=2)
    if show_all:
        for letter in sorted(LIMITS):          # bash's layout: description, (unit, -flag)
            name, text, unit, scale = LIMITS[letter]
            limits = resource.getrlimit(getattr(resource, "RLIMIT_" + name))
            flag = f"({unit + ', ' if unit else ''}-{letter})"
            out(f"{text:<28}{flag:>12} {_show(limits[1] if hard else limits[0], scale)}\n")
        return 0
    if len(which) > 1:
        raise ShellError("only one resource at a time", status=2)
    letter = which[0] if which else "f"
    name, _, _, scale = LIMITS[letter]
    rlimit = getattr(resource, "RLIMIT_" + name)
    current = resource.getrlimit(rlimit)
    if not args:
        out(_show(current[1] if hard and not soft else current[0], scale) + "\n")
        return 0
    if len(args) > 1:
        raise ShellError("too many arguments", status=2)
    text = args[0]
    if text == "unlimited":
        value = resource.RLIM_INFINITY
    elif text in ("hard", "soft"):
        value = current[1] if text == "hard" else current[0]
    else:
        if not (text.isascii() and text.isdigit()):
            raise ShellError(f"{text}: invalid number", status=1)
        value = int(text) * scale
        if value >= 1 << 63:
            raise ShellError(f"{text}: invalid number", status=1)
    new = (value if soft or not hard else current[0], value if hard or not soft else current[1])
    if not soft and not hard:
        new = (value, value)
    try:
        resource.setrlimit(rlimit, new)
    except (ValueError, OSError) as e:
        raise ShellError(f"{_describe(letter)}: cannot modify limit: "
                         f"{getattr(e, 'strerror', None) or 'Operation not permitted'}") from None
    return 0


def _describe(letter: str) -> str:
    name, text, unit, _ = LIMITS[letter]
    return f"{text} ({unit + ', ' if unit else ''}-{letter})"
