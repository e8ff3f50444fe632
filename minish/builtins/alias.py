"""alias and unalias: short names for command text.

    alias ll='ls -l'     from the next line on, `ll /tmp` runs `ls -l /tmp`
    alias                list them, in a form the shell can read back
    unalias ll           forget one;  unalias -a  forget all
The parser does the substitution (see lang/alias_expand.py), so an alias
works only where a command starts, and only from the line after it is made.
"""
from ..errors import report
from ..i18n import _
from .args import UsageError, invalid_option
from .core import out
from .registry import builtin


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


@builtin("alias", "define or list aliases", "alias [-p] [name[=value] ...]")
def alias(sh, argv):
    """alias name=value   make name stand for value at the start of a command
    alias name         show one alias
    alias              show them all"""
    aliases = sh.state.aliases
    first = argv[1] if len(argv) > 1 else ""
    if first.startswith("-") and first not in ("-", "-p", "--"):
        raise invalid_option(first)
    args = [a for a in argv[1:] if a not in ("-p", "--")]
    if not args:
        for name in sorted(aliases):
            out(f"alias {name}={_quoted(aliases[name])}\n")
        return 0
    status = 0
    for arg in args:
        name, eq, value = arg.partition("=")
        if eq:
            if not name or any(c in name for c in " \t\n|&;()<>$`\\\"'/="):
                report("alias: " + _("`{name}': invalid alias name").format(name=name))
                status = 1
                continue
            aliases[name] = value
        elif name in aliases:
            out(f"alias {name}={_quoted(aliases[name])}\n")
        else:
            report("alias: " + _("{name}: not found").format(name=name))
            status = 1
    return status


@builtin("unalias", "remove aliases", "unalias [-a] name [name ...]")
def unalias(sh, argv):
    """unalias name ...   forget these aliases;  unalias -a  forget all of them"""
    args = argv[1:]
    if args[:1] == ["-a"]:
        sh.state.aliases.clear()
        return 0
    if not args:
        raise UsageError()
    status = 0
    for name in args:
        if name == "--":
            continue
        if sh.state.aliases.pop(name, None) is None:
            report("unalias: " + _("{name}: not found").format(name=name))

            status = 1
    return status
