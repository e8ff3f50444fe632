"""Variables and options: export, unset, set, shift, read.

Shell variables live in the shell process (state.py); `export` marks the
ones every child gets in its environment (environ(7)).
"""
import os

from ..errors import ShellError, report
from ..lang.lexer import is_name
from . import args as check
from .core import out
from .registry import builtin


@builtin("export", "put variables in the environment of commands", "export [-p] [name[=value] ...]")
def export(sh, argv):
    """Mark variables for export: every command started afterwards gets
    them in its environment (environ(7)).  With no names, list them."""
    names = [a for a in argv[1:] if a != "-p"]
    if not names:
        for name in sorted(sh.state.exported):
            if name in sh.state.vars:
                out(f"export {name}={_quote_value(sh.state.vars[name])}\n")
        return 0
    status = 0
    for arg in names:
        name, eq, value = arg.partition("=")
        if not is_name(name):
            report(f"export: `{arg}': not a valid identifier")
            status = 1
            continue
        if eq:
            sh.state.set(name, value)
        sh.state.export(name)
    return status


def _quote_value(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


@builtin("unset", "remove variables", "unset [-v] name ...")
def unset(sh, argv):
    """Remove shell variables (and take them out of the environment)."""
    for name in argv[1:]:
        if name in ("-v", "-f"):
            continue
        if not is_name(name):
            report(f"unset: `{name}': not a valid identifier")
            return 1
        sh.state.unset(name)
    return 0


@builtin("set", "set options and positional parameters",
         "set [-efx] [-o option] [+o option] [--] [arg ...]")
def set_(sh, argv):
    """set -x / set -o xtrace   print each command before running it (to stderr)
    set -o trace             narrate every system call the shell makes (strace style)
    set -o fdtrace           show each child's fd table just before it execs
    set -o noreap            leave finished background jobs as zombies (see ps),
                             until `wait` reaps them
    set -e / set -o errexit  exit as soon as a command fails (not on the
                             left of && or ||, nor after !)
    set -f / set -o noglob   turn off pathname expansion
    set +x, set +o ...       turn an option off
    set -- a b c             replace the positional parameters $1 $2 $3
    set                      list the shell variables"""
    options = {"x": "xtrace", "f": "noglob", "e": "errexit"}
    long_only = {"trace", "fdtrace", "noreap"}
    state = sh.state
    args = argv[1:]
    if not args:
        for name in sorted(state.vars):
            out(f"{name}={_quote_value(state.vars[name])}\n")
        return 0
    while args:
        arg = args[0]
        if arg == "--":
            state.positional = args[1:]
            return 0
        if arg in ("-o", "+o"):
            if len(args) < 2:
                out("".join(f"{o:<15} {'on' if o in state.options else 'off'}\n"
                            for o in sorted(set(options.values()) | long_only)))
                return 0
            set_option(sh, args[1], arg[0] == "-", set(options.values()) | long_only)
            args = args[2:]
            continue
        if len(arg) < 2 or arg[0] not in "-+":
            state.positional = args
            return 0
        for letter in arg[1:]:
            if letter not in options:
                raise ShellError(f"-{letter}: invalid option", status=2)
            set_option(sh, options[letter], arg[0] == "-", set(options.values()))
        args = args[1:]
    return 0


def set_option(sh, name: str, on: bool, known: set | None = None) -> None:
    """Turn an option on or off, with its side effects on the teaching lens."""
    if known is not None and name not in known:
        raise ShellError(f"{name}: invalid option name", status=2)
    if on:
        sh.state.options.add(name)
    else:
        sh.state.options.discard(name)
    if name in ("trace", "fdtrace"):
        from ..run import trace
        trace.save_terminal()
        trace.narrate("trace" in sh.state.options)
        trace.FDS = "fdtrace" in sh.state.options
    elif name == "noreap":
        sh.jobs.noreap = on


@builtin("shift", "shift the positional parameters left", "shift [n]")
def shift(sh, argv):
    """Drop $1 .. $n; $n+1 becomes $1."""
    n = check.integer(argv[1], status=1) if len(argv) > 1 else 1
    if n < 0:
        raise ShellError(f"{argv[1]}: shift count out of range")
    if n > len(sh.state.positional):
        return 1
    del sh.state.positional[:n]
    return 0


@builtin("read", "read a line into variables", "read [-r] [-u fd] [name ...]")
def read(sh, argv):
    """Read one line from standard input, split it on $IFS into the names
    (the last name gets the rest).  Reads a byte at a time, so the rest of
    the input is left for the next command.
    -r     a backslash is an ordinary character
    -u FD  read from file descriptor FD instead of 0"""
    args, raw, fd = argv[1:], False, 0
    while args and args[0].startswith("-") and len(args[0]) > 1:
        option = args.pop(0)
        if option == "--":
            break
        if option == "-r":
            raw = True
        elif option == "-u":
            if not args:
                raise check.UsageError("-u: option requires an argument")
            fd = check.fd(args.pop(0))
            try:
                os.fstat(fd)                   # bash checks a -u fd before reading
            except OSError as e:
                raise ShellError(f"{fd}: invalid file descriptor: {e.strerror}") from None
        else:
            raise check.invalid_option(option)
    names = args or ["REPLY"]
    for name in names:
        if not is_name(name):
            raise ShellError(f"`{name}': not a valid identifier")
    data = bytearray()
    while True:
        try:
            byte = os.read(fd, 1)
        except OSError as e:                   # `read x <&-`: no stdin at all
            raise ShellError(f"read error: {fd}: {e.strerror}") from None
        if not byte or byte == b"\n":
            break
        data += byte
    line = data.decode("utf-8", "surrogateescape")
    if not raw:
        line = line.replace("\\\n", "")
    ifs = sh.state.vars.get("IFS", " \t\n")
    fields = line.strip(ifs).split(None, len(names) - 1) if ifs == " \t\n" else \
        line.split(ifs[:1], len(names) - 1)
    for i, name in enumerate(names):
        sh.state.set(name, fields[i] if i < len(fields) else "")
    return 0 if byte else 1
