"""ulimit: the shell's resource limits, getrlimit(2) and setrlimit(2).

Every process has, for each resource, a soft limit (what the kernel
enforces) and a hard limit (the ceiling the soft one may be raised to;
only a privileged process may raise the hard one).  Limits are inherited
across fork and kept across exec, so a limit set in the shell holds for
every command it starts afterwards:

    ulimit -c unlimited     let crashing programs leave a core file
    ulimit -n 20            at most 20 open fds: watch pipelines fail
    ulimit -t 2             SIGXCPU after 2 seconds of CPU time

This must be a builtin: a child's setrlimit would change only the child.
Output, units and messages follow bash (not in POSIX mode: sizes are in
1024-byte blocks).
"""
import errno
import resource

from ..errors import ShellError, report, write
from ..i18n import _, strerror
from . import args as check
from .registry import builtin

PIPE_BLOCKS = 8          # -p: PIPE_BUF (4096) in 512-byte blocks; not a limit

# letter: (bash's description, unit, RLIMIT_*, scale), in bash's -a order
LIMITS = {
    "R": ("real-time non-blocking time", "microseconds", getattr(resource, "RLIMIT_RTTIME", 15), 1),
    "c": ("core file size", "blocks", resource.RLIMIT_CORE, 1024),
    "d": ("data seg size", "kbytes", resource.RLIMIT_DATA, 1024),
    "e": ("scheduling priority", "", getattr(resource, "RLIMIT_NICE", 13), 1),
    "f": ("file size", "blocks", resource.RLIMIT_FSIZE, 1024),
    "i": ("pending signals", "", getattr(resource, "RLIMIT_SIGPENDING", 11), 1),
    "l": ("max locked memory", "kbytes", resource.RLIMIT_MEMLOCK, 1024),
    "m": ("max memory size", "kbytes", resource.RLIMIT_RSS, 1024),
    "n": ("open files", "", resource.RLIMIT_NOFILE, 1),
    "p": ("pipe size", "512 bytes", None, 1),
    "q": ("POSIX message queues", "bytes", getattr(resource, "RLIMIT_MSGQUEUE", 12), 1),
    "r": ("real-time priority", "", getattr(resource, "RLIMIT_RTPRIO", 14), 1),
    "s": ("stack size", "kbytes", resource.RLIMIT_STACK, 1024),
    "t": ("cpu time", "seconds", resource.RLIMIT_CPU, 1),
    "u": ("max user processes", "", resource.RLIMIT_NPROC, 1),
    "v": ("virtual memory", "kbytes", resource.RLIMIT_AS, 1024),
    "x": ("file locks", "", getattr(resource, "RLIMIT_LOCKS", 10), 1),
}
UNLIMITED = resource.RLIM_INFINITY


@builtin("ulimit", "show or set the shell's resource limits (getrlimit/setrlimit)",
         "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]")   # bash's words, also for -b -k -P -T
def ulimit(sh, argv):
    """ulimit -a          every limit (the soft ones; -H for the hard ones)
    ulimit -n         one limit: -c core file, -f file size, -n open files,
                      -s stack, -t CPU seconds, -u processes, -v memory ...
    ulimit -n 100     set it: both soft and hard, or only one with -S or -H
    ulimit -c unlimited   no limit (also: hard, soft = the current value)
    Sizes are in 1024-byte blocks.  Children inherit the limits (fork(2))."""
    letters, hard, soft, value, every = [], False, False, None, False
    for arg in argv[1:]:
        if value is None and arg.startswith("-") and len(arg) > 1:
            for letter in arg[1:]:
                if letter == "H":
                    hard = True
                elif letter == "S":
                    soft = True
                elif letter == "a":
                    every = True
                elif letter in LIMITS:
                    letters.append(letter)
                else:
                    raise check.invalid_option(arg)
        elif value is None:
            value = arg                        # bash ignores what follows it
    letters = list(dict.fromkeys(letters or ["f"]))   # no option: the file size
    if every:                                  # -a only shows, even with a value (bash)
        letters, value = list(LIMITS), None
    if value is None:
        long_form = len(letters) > 1
        for letter in letters:
            write(1, _show(letter, hard, long_form))
        return 0
    status = 0
    for letter in letters:
        try:
            _set(letter, value, hard or not soft, soft or not hard)
        except ShellError as e:
            report(f"ulimit: {e.message}")
            status = 1
    return status


def _show(letter: str, hard: bool, long_form: bool) -> str:
    description, unit, which, scale = LIMITS[letter]
    if which is None:
        number = PIPE_BLOCKS
    else:
        number = resource.getrlimit(which)[1 if hard else 0]
    shown = "unlimited" if number == UNLIMITED else str(number // scale)
    if not long_form:
        return shown + "\n"
    label = f"({unit}, -{letter}) " if unit else f"(-{letter}) "
    return f"{description:<20} {label:>20}{shown}\n"


def _set(letter: str, text: str, hard: bool, soft: bool) -> None:
    """setrlimit(2) for one resource; raises ShellError with bash's message."""
    description, _unit, which, scale = LIMITS[letter]
    if which is None:
        raise ShellError(_("{limit}: cannot modify limit: {error}")
                         .format(limit=description, error=strerror(errno.EINVAL)))
    current_soft, current_hard = resource.getrlimit(which)
    if text == "unlimited":
        number = UNLIMITED
    elif text in ("hard", "soft"):
        number = current_hard if text == "hard" else current_soft
    elif text.isascii() and text.isdigit():
        number = int(text) * scale
        if number >= 2 ** 63 - 1:              # more than Python's rlim_t holds
            number = UNLIMITED                 # (RLIM_INFINITY, -1 in Python)
    else:
        raise ShellError(_("{text}: invalid number").format(text=text))
    limits = (number if soft else current_soft, number if hard else current_hard)
    try:
        resource.setrlimit(which, limits)
    except ValueError as e:
        # Python turns both EINVAL (soft above hard) and EPERM (raising the
        # hard limit without privilege) into ValueError; say which, as bash.
        why = strerror(errno.EPERM if "not allowed" in str(e) else errno.EINVAL)
        raise ShellError(_("{limit}: cannot modify limit: {error}")
                         .format(limit=description, error=why)) from None
    except OSError as e:
        raise ShellError(_("{limit}: cannot modify limit: {error}")
                         .format(limit=description, error=strerror(e.errno))) from None

