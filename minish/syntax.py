"""The abstract syntax tree: what a command line *is*, with no logic.

The parser builds these nodes; the executor walks them with one `match`.
Every node is immutable and keeps `span`, the (start, end) offsets of the
source text it came from, so errors and the teaching lens can point at it.

Why not @dataclass(frozen=True)?  Importing `dataclasses` costs ~15 ms
(it pulls in `inspect`), which would double minish's start-up time; see
bench/README.md.  `Node` below gives the same three things we need:
keyword/positional construction, equality, and immutability.
"""
from __future__ import annotations


class Node:
    """Base class: fields are the names in `__slots__`."""
    __slots__ = ()

    def __init_subclass__(cls) -> None:
        cls.__match_args__ = cls.__slots__      # enables `case Simple(words=...)`

    def __init__(self, *args, **kwargs) -> None:
        values = dict(zip(self.__slots__, args), **kwargs)
        for name in self.__slots__:
            object.__setattr__(self, name, values.get(name, _DEFAULTS.get(name)))

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other) -> bool:
        return type(self) is type(other) and all(
            getattr(self, n) == getattr(other, n) for n in self.__slots__ if n != "span")

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self.__slots__ if n != "span"))

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__ if n != "span")
        return f"{type(self).__name__}({fields})"


_DEFAULTS = {"quoted": False, "span": (0, 0), "redirs": (), "negated": False}


# ---- Words -----------------------------------------------------------------
# A word is a tuple of parts.  `quoted` records whether the part was inside
# quotes: quoted text is neither field-split nor globbed (POSIX XCU 2.6).

class Lit(Node):
    """Literal text; unquoted literal text may still be a glob pattern."""
    __slots__ = ("text", "quoted")


class Param(Node):
    """$name, ${name}, $1, $?, ... with an optional ${name OP word} operator."""
    __slots__ = ("name", "quoted", "op", "arg")


class CommandSub(Node):
    """$(...) or `...`: run `body` in a child and take its output."""
    __slots__ = ("body", "quoted", "source")


class Arith(Node):
    """$(( expression )): integer arithmetic; `expr` is expanded first."""
    __slots__ = ("expr", "quoted")


class Word(Node):
    __slots__ = ("parts", "span")


# ---- Commands --------------------------------------------------------------

class Redir(Node):
    """`fd op target`: op is one of < > >> >| <> >& <&  (target '-' closes)."""
    __slots__ = ("fd", "op", "target", "span")


class Assign(Node):
    """NAME=value before (or instead of) a command."""
    __slots__ = ("name", "value", "span")


class Simple(Node):
    """A simple command: assignments, words (argv) and redirections."""
    __slots__ = ("assigns", "words", "redirs", "span")


class Subshell(Node):
    """( list ): the list runs in a forked copy of the shell."""
    __slots__ = ("body", "redirs", "span")


class Group(Node):
    """{ list; }: the list runs in the shell itself."""
    __slots__ = ("body", "redirs", "span")


class Pipeline(Node):
    """cmd | cmd | ...; `negated` for a leading `!`."""
    __slots__ = ("commands", "negated", "span")


class AndOr(Node):
    """left && right, left || right (left-associative)."""
    __slots__ = ("left", "op", "right", "span")


class Background(Node):
    """cmd &: run without waiting."""
    __slots__ = ("body", "span")


class Sequence(Node):
    """cmd ; cmd ; ... (or newlines)."""
    __slots__ = ("commands", "span")
