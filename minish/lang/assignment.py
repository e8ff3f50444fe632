"""Assignments: NAME=value, NAME+=value, NAME[i]=value and NAME=(x y).

The value of an assignment is expanded like a double-quoted word -- no
field splitting, no globbing -- except that a tilde expands at its start
and after every unquoted ':' (PATH=~/bin:~/sbin, XCU 2.6.1).  The same
holds for the NAME=value arguments of local, export, readonly, declare.
An array literal's words, on the other hand, are expanded like a command's.
"""
from . import varops
from .syntax import Lit, Word


def assign(ex, a) -> str:
    """Perform one Assign node with Expander `ex`; return the value (for set -x)."""
    name, sub, append = varops.split_assignment(a.name)
    st = ex.state
    if isinstance(a.value, tuple):             # an array literal
        values = ex.words(a.value)
        st.set_array(name, values, append)
        return "(" + " ".join(values) + ")"
    text = value(ex, a.value)
    if sub is not None:
        index = ex.index(sub)
        if append:
            text = (st.arrays.get(name, {}).get(index, "")) + text
        st.set_item(name, index, text)
        return text
    if append:
        text = (ex.lookup(name) or "") + text
    st.set(name, text)
    return text


def value(ex, word: Word) -> str:
    """The value of NAME=value: ~ expands at the start and after each
    unquoted ':'; no field splitting, no globbing."""
    from .expand import expand_tilde
    home = ex.state.vars.get("HOME")
    parts = []
    for i, part in enumerate(word.parts):
        if type(part) is Lit and not part.quoted and "~" in part.text:
            text, start = part.text, i == 0
            if start and is_assignment_word((part,)):     # local x=~/src
                name, _, text = text.partition("=")
                parts.append(Lit(name + "="))
            parts.extend(_tilde_after_colons(text, home, start, expand_tilde))
        else:
            parts.append(part)
    return ex.single(Word(tuple(parts), word.span))


def is_assignment_word(parts: tuple) -> bool:
    """Does the word look like NAME=... (for local/export/readonly)?"""
    first = parts[0] if parts else None
    if type(first) is not Lit or first.quoted or "=" not in first.text:
        return False
    return varops.split_assignment(first.text.partition("=")[0]) is not None


def _tilde_after_colons(text: str, home: str | None, at_start: bool, expand_tilde) -> list:
    parts = []
    for k, piece in enumerate(text.split(":")):
        if k:
            parts.append(Lit(":"))
        if (k or at_start) and piece.startswith("~"):
            parts.extend(expand_tilde((Lit(piece),), home))
        else:
            parts.append(Lit(piece))
    return parts
