"""read: one line of input into variables, split on $IFS.

    read name            the whole line (leading and trailing blanks gone)
    read first rest      the first field, then the rest of the line
    read                 the line, untouched, into $REPLY
    read -r              backslashes are data (without -r, \\x means a literal x
                         and backslash-newline joins two lines)
    read -a arr          every field into the array arr
    read -d ':'          stop at ':' instead of newline ('' means NUL)
    read -n 3 / -N 3     at most 3 characters / exactly 3, ignoring the delimiter
    read -t 2            give up after 2 seconds (status > 128); -t 0: is input ready?
    read -p 'Name? '     prompt on stderr (only when input is a terminal)
    read -s              no echo (passwords): turns off ECHO with tcsetattr(3)
    read -u 3            read fd 3 instead of stdin

It reads one byte at a time with read(2): a pipe cannot be un-read, and
the rest of the input must be left for the next command (XCU read).
"""
import os

from ..errors import ShellError
from ..i18n import _, strerror
from ..lang.dollar import is_name
from . import args as check
from .registry import builtin

USAGE = "read [-ers] [-a array] [-d delim] [-n nchars] [-N nchars] [-p prompt] " \
        "[-t timeout] [-u fd] [name ...]"


def _options(args: list[str]) -> tuple[dict, list[str]]:
    """getopt-style parsing: -rs, -n3, -n 3, -d '' (options with a value)."""
    opts, i = {}, 0
    while i < len(args) and args[i].startswith("-") and len(args[i]) > 1:
        arg = args[i]
        i += 1
        if arg == "--":
            break
        j = 1
        while j < len(arg):
            letter = arg[j]
            if letter in "ers":
                opts[letter] = True
                j += 1
                continue
            if letter not in "adnNptu":
                raise check.invalid_option("-" + letter)
            value = arg[j + 1:]
            if not value:
                if i >= len(args):
                    raise ShellError(_("{option}: option requires an argument")
                                     .format(option="-" + letter), status=2)
                value = args[i]
                i += 1
            opts[letter] = value
            break
    return opts, args[i:]


def _count(text: str) -> int:
    """The character count of -n/-N (bash: status 1 when it is not a number)."""
    if not (text.isascii() and text.isdigit()):
        raise ShellError(_("{text}: invalid number").format(text=text))
    return int(text)


@builtin("read", "read a line into variables", USAGE)
def read(sh, argv):
    """Read a line from standard input and split it on $IFS into the names:
    each name gets a field and the last one gets the rest of the line.
    Status 1 at end of input (the names are still set)."""
    opts, names = _options(argv[1:])
    for name in names:
        if not is_name(name):
            raise ShellError(_("`{name}': not a valid identifier").format(name=name), status=1)
    fd = check.fd(opts["u"]) if "u" in opts else 0
    limit = _count(opts["N"] if "N" in opts else opts["n"]) \
        if ("n" in opts or "N" in opts) else None

    delim = opts.get("d", "\n")[:1] or "\0"
    timeout = None
    if "t" in opts:
        try:
            timeout = float(opts["t"])
        except ValueError:
            timeout = -1
        if timeout < 0:
            raise ShellError(_("{text}: invalid timeout specification").format(text=opts["t"]))
    if "u" in opts:                            # bash checks a -u fd before reading
        try:
            os.fstat(fd)
        except OSError as e:
            raise ShellError(_("{fd}: invalid file descriptor: {error}")
                             .format(fd=fd, error=strerror(e.errno))) from None
    if timeout == 0:                           # -t 0: only ask whether input is ready
        import select
        return 0 if select.select([fd], [], [], 0)[0] else 1
    if "p" in opts and os.isatty(fd):
        os.write(2, opts["p"].encode())
    chars, status = _read_chars(fd, delim, limit, exact="N" in opts,
                                raw="r" in opts, timeout=timeout, silent="s" in opts)
    ifs = sh.state.vars.get("IFS", " \t\n")
    state = sh.state
    if "a" in opts:
        fields = _split(chars, ifs, None)
        state.set_array(opts["a"], ["".join(c for c, _ in f) for f in fields])
        return status
    if not names:
        state.set("REPLY", "".join(c for c, _ in chars))
        return status
    if "N" in opts:
        ifs = ""                               # -N: no splitting (bash)
    fields = _split(chars, ifs, len(names))
    for i, name in enumerate(names):
        state.set(name, "".join(c for c, _ in fields[i]) if i < len(fields) else "")
    return status


def _read_chars(fd, delim, limit, exact, raw, timeout, silent):
    """Read up to the delimiter: [(char, escaped)], and the status.

    Without -r a backslash protects the next character from splitting, and
    backslash-newline is removed (the line continues).
    """
    import codecs
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    chars, escape, status = [], False, 1
    deadline = None
    if timeout is not None:
        import time
        deadline = time.monotonic() + timeout
    restore = _no_echo(fd) if silent else None
    try:
        while limit is None or len(chars) < limit:
            if deadline is not None and not _wait(fd, deadline):
                return chars, 142              # 128 + SIGALRM, as bash reports it
            try:
                byte = os.read(fd, 1)
            except OSError as e:               # `read x <&-`: no stdin at all
                raise ShellError(_("read error: {fd}: {error}")
                                 .format(fd=fd, error=strerror(e.errno))) from None

            if not byte:
                break
            c = decoder.decode(byte)
            if not c:
                continue                       # the middle of a UTF-8 sequence
            if escape:
                escape = False
                if c == "\n":
                    continue                   # backslash-newline: keep reading
                chars.append((c, True))
                continue
            if c == "\\" and not raw:
                escape = True
                continue
            if c == delim and not exact:
                status = 0
                break
            chars.append((c, False))
        else:
            status = 0                         # -n N / -N N: got them all
    finally:
        if restore:
            restore()
    return chars, status


def _wait(fd: int, deadline: float) -> bool:
    import select
    import time
    left = deadline - time.monotonic()
    return left > 0 and bool(select.select([fd], [], [], left)[0])


def _no_echo(fd: int):
    """read -s: switch the terminal's ECHO off (termios(3)); return the undo."""
    if not os.isatty(fd):
        return None
    import termios
    old = termios.tcgetattr(fd)
    new = list(old)
    new[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, new)
    return lambda: termios.tcsetattr(fd, termios.TCSANOW, old)


def _split(chars, ifs: str, count: int | None) -> list:
    """Split [(char, escaped)] on IFS for `count` names (None: no limit).

    The rules are field splitting's (XCU 2.6.5) -- IFS white space
    collapses, each other IFS character ends one field -- except that the
    last name gets the rest of the line, minus trailing IFS white space
    and minus a delimiter that merely ends its only field.
    """
    white = set(ifs) & set(" \t\n")

    def is_ifs(i):
        return not chars[i][1] and chars[i][0] in ifs

    def is_white(i):
        return not chars[i][1] and chars[i][0] in white

    n, i, fields = len(chars), 0, []
    if count == 1 and not ifs:
        return [chars]
    while i < n and is_white(i):
        i += 1
    while i < n:
        if count is not None and len(fields) == count - 1:
            end = n
            while end > i and is_white(end - 1):
                end -= 1
            rest = chars[i:end]
            fields.append(_drop_last_delimiter(rest, ifs, white))
            break
        start = i
        while i < n and not is_ifs(i):
            i += 1
        fields.append(chars[start:i])
        if i < n:                              # the delimiter: white* [other white*]
            hard = not is_white(i)
            i += 1
            while i < n and is_white(i):
                i += 1
            if not hard and i < n and is_ifs(i) and not is_white(i):
                i += 1
                while i < n and is_white(i):
                    i += 1
    return fields


def _drop_last_delimiter(rest, ifs, white):
    """'a:' -> 'a' but 'a:b:' stays: one field and its delimiter give the field."""
    k = next((m for m, (c, esc) in enumerate(rest) if not esc and c in ifs), None)
    if k is None:
        return rest
    m = k
    while m < len(rest) and not rest[m][1] and rest[m][0] in white:
        m += 1
    if m < len(rest) and not rest[m][1] and rest[m][0] in ifs:
        m += 1
    while m < len(rest) and not rest[m][1] and rest[m][0] in white:
        m += 1
    return rest[:k] if m == len(rest) else rest
