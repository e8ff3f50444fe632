"""A builtin's arguments: the one usage-error path, and each number rule once.

A builtin that is called wrongly says so the way bash does, for example

    minish: umask: -1: invalid option
    umask: usage: umask [-p] [-S] [mode]                 (status 2)

by raising `UsageError`; `registry.Builtin.run` prints it, with the
builtin's usage line.  The numbers builtins take -- integers, signals, pids,
file-creation masks, file descriptors -- are checked here, once each, with
bash's messages, so two builtins never disagree about what a signal is.
(The signal numbers' names come from run/signals.py, their one owner.)
"""

from ..errors import ShellError
from ..i18n import _
from ..run import signals

INT64_MIN, INT64_MAX = -2 ** 63, 2 ** 63 - 1
PID_MIN, PID_MAX = -2 ** 31, 2 ** 31 - 1       # pid_t is a C int
NSIG = 65                                      # signals 1..64 on Linux (signal(7))
SIGRTMIN, SIGRTMAX = 34, 64                    # as glibc numbers them for programs


class UsageError(ShellError):
    """The builtin was called wrongly: its message (if any), then its usage line."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message, status=2)


def invalid_option(option: str) -> UsageError:
    return UsageError(_("{option}: invalid option").format(option=option))


def integer(text: str, status: int = 2) -> int:
    """A decimal integer that fits in 64 bits, as bash's legal_number reads it
    (blanks around it, an optional sign); else `TEXT: numeric argument required`."""
    digits = text.strip(" \t\n")
    sign = -1 if digits[:1] == "-" else 1
    digits = digits[1:] if digits[:1] in ("-", "+") else digits
    if digits.isascii() and digits.isdigit() and len(digits) <= 19:
        value = sign * int(digits)
        if INT64_MIN <= value <= INT64_MAX:
            return value
    raise ShellError(_("{text}: numeric argument required").format(text=text), status=status)


def pid(text: str) -> int:
    """A process (or, negative, a process group) ID for kill(2)."""
    try:
        value = integer(text)
    except ShellError:
        value = None
    if value is None or not PID_MIN <= value <= PID_MAX:
        raise ShellError(_("{text}: arguments must be process or job IDs").format(text=text))
    return value


def mask(text: str) -> int:
    """An octal file-creation mask for umask(2): bash takes up to 07777 and
    keeps the permission bits."""
    if not text or any(c not in "01234567" for c in text) or int(text, 8) > 0o7777:
        raise ShellError(_("{text}: octal number out of range").format(text=text))
    return int(text, 8) & 0o777


def number(text: str, what: str, low: int = -2 ** 31, high: int = 2 ** 32 - 1) -> int:
    """A number as the IPC tools read one, 10 or 0x1f (int(text, 0)), that
    fits the C type it goes to: by default a key or an id (32 bits).
    `what` names the kind of number, one of _invalid_number's."""
    try:
        value = int(text, 0)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ShellError(_invalid_number(what).format(text=text))
    return value


def _invalid_number(what: str) -> str:
    """number()'s complaint: a whole sentence for each kind of number (a
    translated "invalid" before a translated "key" would not read right in
    Spanish or Portuguese).  Translated only when there is an error to print."""
    return {"id": _("invalid id '{text}'"),
            "key": _("invalid key '{text}'"),
            "type": _("invalid type '{text}'"),
            "semaphore number": _("invalid semaphore number '{text}'"),
            "operation": _("invalid operation '{text}'"),
            "number": _("invalid number '{text}'"),
            "value": _("invalid value '{text}'"),
            "offset": _("invalid offset '{text}'"),
            "length": _("invalid length '{text}'"),
            "size": _("invalid size '{text}'")}[what]


def fd(text: str) -> int:
    """A file descriptor number (read -u FD); it must fit in a C int."""
    if not (text.isascii() and text.isdigit()) or int(text) > PID_MAX:
        raise ShellError(_("{text}: invalid file descriptor specification").format(text=text))
    return int(text)


def signal_number(spec: str) -> int:
    """2 for `2`, `INT`, `int`, `SIGINT`; 0 for `0` and `EXIT`; 37 for
    `RTMIN+3`.  Anything else: `SPEC: invalid signal specification`."""
    if spec.isascii() and spec.isdigit():
        if len(spec) < 4 and int(spec) < NSIG:
            return int(spec)
    else:
        name = spec.upper().removeprefix("SIG")
        for number in range(NSIG):
            if signal_name(number).removeprefix("SIG") == name:
                return number
    raise ShellError(_("{spec}: invalid signal specification").format(spec=spec))



def signal_name(number: int) -> str:
    """SIGINT for 2, SIGRTMIN+3 for 37, EXIT for 0, as bash names them.

    Python names only SIGRTMIN and SIGRTMAX of the real-time signals; 32 and
    33 are glibc's own (nptl(7)), with no name, so bash shows the number.
    """
    if number == 0:
        return "EXIT"
    name = signals.name(number)
    if not name.startswith("signal "):
        return name
    if SIGRTMIN < number < SIGRTMAX:
        above = number - SIGRTMIN
        return f"SIGRTMIN+{above}" if above <= 16 else f"SIGRTMAX-{SIGRTMAX - number}"
    return str(number)


def signal_table() -> str:
    """`kill -l`: every signal, five to a line, as bash prints them."""
    cells = [f"{n:2d}) {signal_name(n)}" for n in range(1, NSIG) if n not in (32, 33)]
    return "".join(cell + ("\n" if i % 5 == 4 else "\t") for i, cell in enumerate(cells)) + "\n"
