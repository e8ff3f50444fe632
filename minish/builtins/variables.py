"""Variables: export, unset, shift.

Shell variables live in the shell process (state.py); `export` marks the
ones every child gets in its environment (environ(7)).
"""
from ..errors import ShellError, report
from ..i18n import _
from ..lang.dollar import is_name
from . import args as check
from .core import out
from .registry import builtin


@builtin("export", "put variables in the environment of commands", "export [-np] [name[=value] ...]")
def export(sh, argv):
    """Mark variables for export: every command started afterwards gets
    them in its environment (environ(7)).  With no names, list them."""
    names, unexport = argv[1:], False
    while names and names[0] in ("-p", "-n", "-f", "--"):
        unexport = unexport or names[0] == "-n"
        if names.pop(0) == "--":
            break
    if names and names[0].startswith("-") and len(names[0]) > 1 and "=" not in names[0]:
        raise check.invalid_option(names[0])
    if not names:
        for name in sorted(sh.state.exported):
            if name in sh.state.vars:
                out(f"declare -x {name}={_quote_value(sh.state.vars[name])}\n")
        return 0
    status = 0
    for arg in names:
        name, eq, value = arg.partition("=")
        if not is_name(name):
            report("export: " + _("`{name}': not a valid identifier").format(name=arg))
            status = 1
            continue
        if eq:
            try:
                sh.state.set(name, value)
            except ShellError as e:
                report(e.message)
                status = 1
                continue
        if unexport:                           # export -n: a shell variable again
            sh.state.unexport(name)
        else:
            sh.state.export(name)
    return status


def _quote_value(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


@builtin("unset", "remove variables", "unset [-v] name ...")
def unset(sh, argv):
    """Remove shell variables (and take them out of the environment).
    unset -f name   remove a function; plain `unset name` removes the
                    function only when no variable has that name"""
    args, kind, status = argv[1:], "", 0
    while args and args[0] in ("-v", "-f", "--"):
        kind = args.pop(0)[1:]
    for name in args:
        if kind == "f" or (not kind and name not in sh.state.vars
                           and name in sh.state.functions):
            sh.state.functions.pop(name, None)
            continue
        if name.endswith("]") and "[" in name and is_name(name.partition("[")[0]):
            status |= _unset_element(sh, name)  # unset 'a[1]'
        elif not is_name(name):
            report("unset: " + _("`{name}': not a valid identifier").format(name=name))
            status = 1
        elif name in sh.state.readonly:
            report("unset: " + _("{name}: cannot unset: readonly variable").format(name=name))
            status = 1
        else:
            sh.state.unset(name)
    return status


@builtin("shift", "shift the positional parameters left", "shift [n]")
def shift(sh, argv):
    """Drop $1 .. $n; $n+1 becomes $1.  Status 1 if there are fewer than n."""
    if len(argv) > 2:
        raise ShellError(_("too many arguments"))
    n = check.integer(argv[1], status=1) if len(argv) > 1 else 1
    if n < 0:
        raise ShellError(_("{count}: shift count out of range").format(count=argv[1]))
    if n > len(sh.state.positional):
        return 1
    del sh.state.positional[:n]
    return 0


def _unset_element(sh, name: str) -> int:
    """unset 'a[i]': remove one element of an array (the others keep their index)."""
    base, _bracket, sub = name[:-1].partition("[")
    items = sh.state.arrays.get(base)
    index = sh.expander.index(sub)
    if items is None:
        if index == 0 and base in sh.state.vars:
            sh.state.unset(base)
        return 0
    if index < 0:
        index += max(items, default=-1) + 1
        if index < 0:
            report("unset: " + _("[{subscript}]: bad array subscript").format(subscript=sub))

            return 1
    items.pop(index, None)
    return 0
