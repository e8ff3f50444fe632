"""bash's ${...} operators, evaluated for the Expander (`ex`).

    ${x:o:l} ${x/p/r} ${x^^} ${x,,} ${x@Q}   bash_op: element by element for
                                          ${a[@]} and $@ (the string work
                                          itself is in varops.py)
    ${!x} ${!a[@]} ${!prefix@}            indirect: a name held in a variable,
                                          an array's indices, names by prefix
"""
from ..errors import ExpansionError
from ..i18n import _
from . import varops
from .syntax import Param


def bash_op(ex, part: Param, value):
    """${x:o:l} ${x/p/r} ${x^^} ${x@Q} (varops.py), element by element
    for ${a[@]} and $@."""
    op, arg = part.op, part.arg
    if op == ":":
        offset = ex.arith(arg[0])
        length = ex.arith(arg[1]) if len(arg) > 1 else None
        if part.name in ("@", "*"):        # ${@:0} starts at $0
            value = [ex.state.arg0] + list(ex.state.positional)
        return varops.substring(value if value is not None else "", offset, length)
    if op.startswith("/"):
        pattern, new = ex.pattern(arg[0]), (ex.single(arg[1]) if len(arg) > 1 else "")
        one = lambda v: varops.replace(v, pattern, new, op[:2] if op != "//" else op)
    elif op == "@":
        letter = ex.single(arg)
        one = lambda v: varops.quote_value(v, letter)
    else:
        pattern = ex.pattern(arg) if arg.parts else ""
        one = lambda v: varops.change_case(v, op, pattern)
    if isinstance(value, list):
        return [one(v) for v in value]
    return one(value) if value is not None else ""


def indirect(ex, name: str, op: str):
    st = ex.state
    if op == "!*":                         # ${!prefix@}: names starting with prefix
        names = set(st.vars) | set(st.arrays)
        return sorted(n for n in names if n.startswith(name[:-1]))
    base, sub = varops.split_subscript(name)
    if sub in ("@", "*"):                  # ${!a[@]}: the indices
        if base in st.arrays:
            return [str(i) for i in sorted(st.arrays[base])]
        return ["0"] if base in st.vars else []
    # Both errors abandon the rest of the command line, as bash's do.
    target = ex.lookup(name)
    if target is None:                     # (set -u or not: bash says the same)
        raise ExpansionError(_("{name}: invalid indirect expansion").format(name=name))
    if isinstance(target, list):
        target = " ".join(target)
    value = ex.lookup(target) if target else None
    if not target or (value is None and not _valid_ref(target)):
        raise ExpansionError(_("{name}: invalid variable name").format(name=target))
    return value if value is not None else ""


def _valid_ref(name: str) -> bool:
    base, _subscript = varops.split_subscript(name)
    return base.isidentifier() or base in ("@", "*", "#", "?", "-", "$", "!") or base.isdigit()
