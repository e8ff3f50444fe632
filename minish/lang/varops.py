"""bash's extra ${...} operators, and array subscripts.

    ${x:2}  ${x:2:3}  ${x: -2}    substring: from offset 2 (3 characters);
                                  a negative offset counts from the end
    ${x/pat/rep}   ${x//pat/rep}  replace the first / every match of a glob
    ${x/#pat/rep}  ${x/%pat/rep}  ... only at the start / at the end
    ${x^} ${x^^} ${x,} ${x,,}     upper / lower case: first letter, or all
    ${!name}                      indirection: the value of the variable
                                  whose name is in $name
    ${a[i]} ${a[@]} ${#a[@]}      array elements (the index is arithmetic)

The POSIX ones (${x:-w}, ${x#p}...) stay in expand.py; this module only
computes values, it never reads the AST.
"""
from .pattern import match

from ..errors import ExpansionError
from ..i18n import _

# Builtins whose NAME=value arguments are assignments: not split, ~ expanded,
# and NAME=(...) is an array (bash).
DECLARATIONS = frozenset({"local", "export", "readonly", "declare", "typeset"})


def substring(value, offset: int, length: int | None):
    """${x:offset:length}, for a string or (for ${a[@]:o:l}) a list."""
    size = len(value)
    if offset < 0:
        offset = max(size + offset, 0) if size + offset >= 0 else size + 1
        if offset > size:
            return value[:0]
    if length is None:
        return value[offset:]
    if length < 0:
        end = size + length
        if end < offset:
            raise ExpansionError(_("{n}: substring expression < 0").format(n=length))
        return value[offset:end]
    return value[offset:offset + length]


def replace(value: str, pattern: str, new: str, op: str) -> str:
    """${x/p/r} (first), ${x//p/r} (all), ${x/#p/r} (prefix), ${x/%p/r} (suffix).

    The longest match wins at each position, as in bash.
    """
    if op == "/#":
        for end in range(len(value), -1, -1):
            if match(pattern, value[:end]):
                return new + value[end:]
        return value
    if op == "/%":
        for start in range(len(value) + 1):
            if match(pattern, value[start:]):
                return value[:start] + new
        return value
    if pattern == "":
        return value
    out, i, replaced = [], 0, False
    while i <= len(value):
        if not (replaced and op == "/"):
            end = next((e for e in range(len(value), i, -1)
                        if match(pattern, value[i:e])), None)
            if end is not None:
                out.append(new)
                i, replaced = end, True
                continue
        if i < len(value):
            out.append(value[i])
        i += 1
    return "".join(out)


def change_case(value: str, op: str, pattern: str = "") -> str:
    """${x^} ${x^^} ${x,} ${x,,}: only letters matching `pattern` (default all)."""
    upper = op[0] == "^"

    def one(c):
        if pattern and not match(pattern, c):
            return c
        return c.upper() if upper else c.lower()
    if len(op) == 2:
        return "".join(one(c) for c in value)
    return one(value[:1]) + value[1:] if value else value


def quote_value(value: str, op: str) -> str:
    """${x@Q}: quoted for reuse; ${x@U} ${x@L} ${x@u}: case."""
    if op == "Q":
        return "'" + value.replace("'", "'\\''") + "'"
    if op in ("U", "L", "u"):
        return value.upper() if op == "U" else value.lower() if op == "L" else \
            value[:1].upper() + value[1:]
    if op in ("E", "P", "A", "K", "a"):
        return value
    raise ExpansionError(_("{name}: bad substitution").format(name="${x@" + op + "}"))


def split_subscript(name: str) -> tuple[str, str | None]:
    """'a[i+1]' -> ('a', 'i+1'); 'a' -> ('a', None)."""
    if name.endswith("]") and "[" in name:
        base, _bracket, sub = name[:-1].partition("[")
        return base, sub
    return name, None


def split_assignment(lhs: str) -> tuple[str, str | None, bool] | None:
    """The left side of an assignment: 'a', 'a+', 'a[2]', 'a[i]+'.

    Returns (name, subscript or None, append?) or None when it is not one.
    """
    append = lhs.endswith("+")
    if append:
        lhs = lhs[:-1]
    name, sub = split_subscript(lhs)
    if not name.isidentifier() or not name.isascii() or (sub is not None and sub == ""):
        return None
    return name, sub, append
