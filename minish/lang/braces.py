"""Brace expansion (bash): one word becomes several, before any other expansion.

    a{b,c}d      -> abd acd          {1..5}    -> 1 2 3 4 5
    {a..e..2}    -> a c e            {01..3}   -> 01 02 03
    x{a,{b,c}}   -> xa xb xc         {a}  {}   -> stay as they are

Only unquoted braces count: "{a,b}" and \\{a,b} are literal.  Parameters
and other expansions inside a brace are carried along untouched, so
{$x,y} gives $x and y, each expanded later.
"""
import re

from .syntax import Lit

_SEQUENCE = re.compile(r"^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?$")


def expand_braces(parts: tuple) -> list[tuple]:
    """The words (as tuples of parts) that brace expansion makes of one word."""
    items: list = []                           # one str per unquoted character, else a part
    for part in parts:
        if type(part) is Lit and not part.quoted:
            items.extend(part.text)
        else:
            items.append(part)
    if "{" not in items:
        return [parts]
    return [_to_parts(result) for result in _expand(items)]


def _expand(items: list) -> list[list]:
    start = 0
    while True:
        found = _first_brace(items, start)
        if found is None:
            return [items]
        i, j, alternatives = found
        if alternatives is None:
            start = i + 1                      # not an expansion: a literal {
            continue
        suffixes = _expand(items[j + 1:])
        return [items[:i] + alt + suffix
                for alt_items in alternatives for alt in _expand(alt_items)
                for suffix in suffixes]


def _first_brace(items: list, start: int):
    """(index of {, index of its }, the alternatives or None), or None."""
    for i in range(start, len(items)):
        if items[i] != "{":
            continue
        depth, commas = 0, []
        for j in range(i + 1, len(items)):
            c = items[j]
            if c == "{":
                depth += 1
            elif c == "}":
                if depth == 0:
                    break
                depth -= 1
            elif c == "," and depth == 0:
                commas.append(j)
        else:
            return None                        # no closing brace at all
        if commas:
            bounds = [i] + commas + [j]
            return i, j, [items[a + 1:b] for a, b in zip(bounds, bounds[1:])]
        return i, j, _sequence(items[i + 1:j])
    return None


def _sequence(inner: list):
    """{x..y[..step]} as lists of characters, or None if it is not one."""
    if not all(isinstance(c, str) for c in inner):
        return None
    m = _SEQUENCE.match("".join(inner))
    if not m:
        return None
    first, last, step = m.group(1), m.group(2), abs(int(m.group(3) or 1)) or 1
    if first.isalpha() != last.isalpha():
        return None
    if first.isalpha():
        a, b = ord(first), ord(last)
        values = [chr(v) for v in _range(a, b, step)]
    else:
        a, b = int(first), int(last)
        width = max(len(first), len(last)) if _padded(first) or _padded(last) else 0
        values = [f"{v:0{width}d}" if width else str(v) for v in _range(a, b, step)]
    return [list(v) for v in values]


def _padded(number: str) -> bool:
    digits = number.lstrip("-")
    return len(digits) > 1 and digits.startswith("0")


def _range(a: int, b: int, step: int) -> range:
    return range(a, b + 1, step) if a <= b else range(a, b - 1, -step)


def _to_parts(items: list) -> tuple:
    parts, buf = [], []
    for item in items:
        if isinstance(item, str):
            buf.append(item)
            continue
        if buf:
            parts.append(Lit("".join(buf)))
            buf = []
        parts.append(item)
    if buf:
        parts.append(Lit("".join(buf)))
    return tuple(parts)
