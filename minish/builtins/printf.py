"""printf: formatted output, as printf(3) does it.

    printf '%s has %d files\\n' "$dir" "$n"
    printf '%-10s|%5.2f\\n' name 3.14159      # width, precision, flags
    printf '%s\\n' a b c                       # the format is reused: three lines
    printf -v line '%03d' 7                   # into a variable: line=007
    printf '%q\\n' "it's"                      # quoted so the shell reads it back
    printf '%b' 'a\\tb\\n'                      # the argument's escapes, as echo -e

Conversions: %d %i %u %o %x %X %c %s %f %F %e %E %g %G %b %q %% and
%(strftime)T.  A number may be written 0x1F, 017 or 'c (the code of c).
"""
import time

from ..errors import ShellError, report, write
from ..i18n import _
from .core import _echo_escapes
from .args import UsageError
from .registry import builtin

USAGE = "printf [-v var] format [arguments]"
_START = time.time()                           # for %(...)T with -2: the shell's start


class _Stop(Exception):
    """\\c in a %b argument: stop printing at once."""


@builtin("printf", "print arguments under control of a format", USAGE)
def printf(sh, argv):
    """Print the arguments as the format says (printf(3)).  The format is
    used again and again until every argument is consumed."""
    args, var = argv[1:], None
    if args[:1] == ["-v"]:
        if len(args) < 2:
            raise UsageError(_("{option}: option requires an argument").format(option="-v"))
        var, args = args[1], args[2:]
        from ..lang.varops import split_assignment
        if split_assignment(var) is None or var.endswith("+"):
            raise ShellError(_("`{name}': not a valid identifier").format(name=var), status=2)
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        raise UsageError()
    fmt, args = args[0], args[1:]
    formatter = _Formatter(args)
    out = []
    try:
        while True:
            out.append(formatter.run(fmt))
            if formatter.i >= len(args) or formatter.i == 0:
                break
    except _Stop:
        out.append(formatter.partial)
    text = "".join(out)
    if var is None:
        write(1, text)
    else:
        _assign(sh, var, text)
    return formatter.status


def _assign(sh, var: str, text: str) -> None:
    from ..lang.varops import split_assignment
    name, sub, _value = split_assignment(var)
    if sub is None:
        sh.state.set(name, text)
    else:
        sh.state.set_item(name, sh.expander.index(sub), text)


class _Formatter:
    def __init__(self, args: list[str]) -> None:
        self.args, self.i, self.status = args, 0, 0
        self.partial = ""

    def _next(self) -> str | None:
        if self.i < len(self.args):
            self.i += 1
            return self.args[self.i - 1]
        return None

    def run(self, fmt: str) -> str:
        """One pass over the format."""
        out, i, n = [], 0, len(fmt)
        while i < n:
            c = fmt[i]
            if c == "\\":
                text, i = _escape(fmt, i)
                out.append(text)
                continue
            if c != "%":
                out.append(c)
                i += 1
                continue
            if fmt.startswith("%%", i):
                out.append("%")
                i += 2
                continue
            j = i + 1
            while j < n and fmt[j] in "-+ #0'":
                j += 1
            flags = fmt[i + 1:j].replace("'", "")
            width, j = self._star_or_digits(fmt, j)
            precision = None
            if j < n and fmt[j] == ".":
                precision, j = self._star_or_digits(fmt, j + 1)
                precision = precision or "0"
            if j < n and fmt[j] == "(":        # %(strftime)T
                close = fmt.find(")", j)
                if close < 0 or fmt[close + 1:close + 2] != "T":
                    raise ShellError(_("`{format}': invalid format character")
                                     .format(format=fmt[i:]))
                text = self._time(fmt[j + 1:close])
                if precision is not None:
                    text = text[:int(precision)]
                out.append(_pad(text, flags, width))
                i = close + 2
                continue
            if j >= n:
                raise ShellError(_("`{format}': missing format character").format(format=fmt[i:]))
            conv = fmt[j]
            self.partial = "".join(out)
            out.append(self._convert(conv, flags, width, precision, fmt[i:j + 1]))
            i = j + 1
        return "".join(out)

    def _star_or_digits(self, fmt: str, j: int) -> tuple[str | None, int]:
        if j < len(fmt) and fmt[j] == "*":
            return str(self._integer(self._next() or "0")), j + 1
        k = j
        while k < len(fmt) and fmt[k].isdigit():
            k += 1
        return (fmt[j:k] or None), k

    def _convert(self, conv, flags, width, precision, spec) -> str:
        arg = self._next()
        if conv in "sbqc":
            text = arg or ""
            if conv == "b":
                text, stop = _echo_escapes(_octal_b(text))
                if stop:
                    self.partial += _pad(text, flags, width)
                    raise _Stop
            elif conv == "q":
                text = shell_quote(text)
            elif conv == "c":
                text = text[:1]
            if precision is not None and conv != "q":
                text = text[:int(precision)]
            return _pad(text, flags, width)
        python = "%" + flags + (width or "") + ("." + precision if precision is not None else "")
        if conv in "diouxX":
            value = self._integer(arg or "0")
            if conv in "ouxX" and value < 0:
                value += 1 << 64               # C prints the unsigned bits
            if conv == "o" and "#" in flags:
                # C's alternate octal form is a leading 0 (010), Python's is 0o10:
                # printf(3) says "the precision is increased to force a 0 first".
                digits = len(f"{value:o}") + (1 if value else 0)
                python = "%" + flags.replace("#", "") + (width or "") + \
                    "." + str(max(digits, int(precision or 0)))
            return (python + ("d" if conv in "iu" else conv)) % value
        if conv in "fFeEgGaA":
            value = self._float(arg or "0")
            if conv in "aA":
                return value.hex()
            return (python + conv) % value
        raise ShellError(_("`{format}': invalid format character").format(format=conv))

    def _integer(self, text: str) -> int:
        """A number as strtol(3) reads it, or 'c for c's code."""
        if text[:1] in ("'", '"'):
            return ord(text[1]) if len(text) > 1 else 0
        body = text.strip()
        sign = -1 if body.startswith("-") else 1
        digits = body.lstrip("+-")
        try:
            if digits.lower().startswith("0x"):
                return sign * int(digits[2:], 16)
            if digits.startswith("0") and len(digits) > 1:
                return sign * int(digits, 8)
            return sign * int(digits)
        except ValueError:
            report("printf: " + _("{text}: invalid number").format(text=text))
            self.status = 1
            prefix = ""
            for ch in digits:
                if not ch.isdigit():
                    break
                prefix += ch
            return sign * int(prefix) if prefix else 0

    def _float(self, text: str) -> float:
        if text[:1] in ("'", '"'):
            return float(ord(text[1])) if len(text) > 1 else 0.0
        try:
            return float(text)
        except ValueError:
            report("printf: " + _("{text}: invalid number").format(text=text))
            self.status = 1
            return 0.0


    def _time(self, fmt: str) -> str:
        arg = self._next()
        when = time.time() if arg in (None, "", "-1") else \
            _START if arg == "-2" else self._integer(arg)
        return time.strftime(fmt or "%X", time.localtime(when))


def _pad(text: str, flags: str, width: str | None) -> str:
    if not width:
        return text
    return text.ljust(int(width)) if "-" in flags else text.rjust(int(width))


def _escape(fmt: str, i: int) -> tuple[str, int]:
    """A backslash escape in the format (the same ones as $'...')."""
    from ..lang.ansic import escape_at
    return escape_at(fmt, i, control=False)


def _octal_b(text: str) -> str:
    """%b takes \\NNN as octal (like echo -e's \\0NNN)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in "1234567":
            j = i + 1
            while j < len(text) and j < i + 4 and text[j] in "01234567":
                j += 1
            out.append("\\0" + text[i + 1:j])
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def shell_quote(text: str) -> str:
    """%q: quote `text` with backslashes so the shell reads it back as is."""
    if text == "":
        return "''"
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        inner = "".join({"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\E", "'": "\\'",
                         "\\": "\\\\"}.get(c) or (f"\\{ord(c):03o}" if ord(c) < 32 or
                                                  ord(c) == 127 else c) for c in text)
        return f"$'{inner}'"
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_")
    return "".join(c if c in safe or ord(c) > 127 else "\\" + c for c in text)
