"""Where variables live: local, declare (typeset), readonly.

A shell has one table of variables.  `local x` inside a function saves
x's old value in the function's frame (state.local_frames) and puts it
back when the function returns.  That is bash's *dynamic* scope: a
function called from this one sees the local x, not the global one.

    f() { local x=inner; g; }     g() { echo $x; }     x=outer; f   # inner
"""
from ..errors import ShellError, report
from ..i18n import _
from ..lang.dollar import is_name
from .core import out
from .registry import builtin


def _split_flags(argv: list[str], known: str) -> tuple[set[str], set[str], list[str]]:
    """-x / +x flags before the names: (flags turned on, turned off, names)."""
    on, off, args = set(), set(), argv[1:]
    while args and len(args[0]) > 1 and args[0][0] in "-+":
        arg = args.pop(0)
        if arg == "--":
            break
        for letter in arg[1:]:
            if letter not in known:
                raise ShellError(_("{option}: invalid option").format(option=arg[0] + letter),
                                 status=2)
            (on if arg[0] == "-" else off).add(letter)
    return on, off, args


def _assign_each(sh, who: str, names: list[str], flags: set[str],
                 off: set[str] = frozenset(), local: bool = False) -> int:
    """name or name=value, for local/declare/readonly; 1 if any was refused."""
    state, status = sh.state, 0
    for arg in names:
        name, eq, value = arg.partition("=")
        if name.endswith("+"):                 # name+=value appends
            name = name[:-1]
            value = (state.get(name) or "") + value
        if not is_name(name):
            report(f"{who}: " + _("`{name}': not a valid identifier").format(name=arg))
            status = 1
            continue
        if local:
            state.make_local(name)
            if not eq and not ("x" in flags or "r" in flags):
                state.vars.pop(name, None)     # `local x` leaves x unset, like bash
        if eq:
            try:
                state.set(name, value)
            except ShellError as e:
                report(e.message)
                status = 1
                continue
        if "x" in flags:
            state.export(name)
        if "x" in off:
            state.unexport(name)
        if "r" in flags:
            state.readonly.add(name)
    return status


@builtin("local", "make variables local to the running function", "local [name[=value] ...]")
def local(sh, argv):
    """Inside a function: name gets a new value for the rest of the call;
    the old one comes back when the function returns.  Functions called
    from here see the local value (dynamic scope, as in bash)."""
    if not sh.state.local_frames:
        raise ShellError(_("can only be used in a function"))
    on, off, names = _split_flags(argv, "aAirx")
    if not names:
        for name in sorted(sh.state.local_frames[-1]):
            if name in sh.state.vars:
                out(f"{name}={sh.state.vars[name]}\n")
        return 0
    return _assign_each(sh, "local", names, on, off, local=True)


@builtin("declare", "set variables and their attributes", "declare [-prx] [name[=value] ...]")
def declare(sh, argv):
    """declare x=1      in a function, the same as local
    declare -x x=1   export it;  declare -r x=1   make it readonly
    declare -p x     print x as a command that would recreate it"""
    on, off, names = _split_flags(argv, "aAfFgilnprtux")
    state = sh.state
    if "f" in on or "F" in on:
        status = 0
        for name in names or sorted(state.functions):
            if name not in state.functions:
                status = 1
            elif "F" in on:
                out(f"{name}\n")
        return status
    if "p" in on or not names:
        return _print(sh, names)
    local = bool(state.local_frames) and "g" not in on
    return _assign_each(sh, argv[0], names, on, off, local=local)


def _print(sh, names: list[str]) -> int:
    state, status = sh.state, 0
    for name in names or sorted(state.vars):
        if name not in state.vars:
            report("declare: " + _("{name}: not found").format(name=name))

            status = 1
            continue
        attrs = ("r" if name in state.readonly else "") + ("x" if name in state.exported else "")
        value = state.vars[name].replace("\\", "\\\\").replace('"', '\\"') \
            .replace("$", "\\$").replace("`", "\\`")
        out(f"declare -{attrs or '-'} {name}=\"{value}\"\n")
    return status


@builtin("typeset", "the old name of declare", "typeset [-prx] [name[=value] ...]")
def typeset(sh, argv):
    """typeset is declare under the name ksh gave it."""
    return declare(sh, argv)


@builtin("readonly", "make variables unchangeable", "readonly [-p] [name[=value] ...]")
def readonly(sh, argv):
    """After `readonly x`, assigning to x or unsetting it is an error
    (the variable lives on until the shell exits)."""
    on, _off, names = _split_flags(argv, "aApf")
    if not names:
        for name in sorted(sh.state.readonly):
            if name in sh.state.vars:
                out(f"declare -r {name}=\"{sh.state.vars[name]}\"\n")
            else:
                out(f"declare -r {name}\n")
        return 0
    return _assign_each(sh, "readonly", names, {"r"})
