"""The abstract syntax tree: what a command line *is*, with no logic.

The parser builds these nodes; the executor walks them with one `match`.
Every node keeps `span`, the (start, end) offsets of the source text it
came from, so errors and the teaching lens can point at it.  Nodes are
never changed after the parser makes them (treat them as frozen).

Why not @dataclass(frozen=True)?  Importing `dataclasses` costs ~15 ms (it
pulls in `inspect`), which would double minish's start-up time, and a
frozen dataclass sets each field through object.__setattr__, which made
parsing 3x slower (the parser makes ~20 nodes per line).  So each class
spells out its __init__, and `Node` adds equality, hashing, repr and
`match` support from `__slots__`.
"""


_WHERE = ("span", "line")                       # where a node came from: not what it is


class Node:
    """Base class: the fields are the names in `__slots__`."""
    __slots__ = ()

    def __init_subclass__(cls) -> None:
        cls.__match_args__ = cls.__slots__      # enables `case Simple(words=...)`

    def _fields(self) -> tuple:
        return tuple(getattr(self, n) for n in self.__slots__ if n not in _WHERE)

    def __eq__(self, other) -> bool:            # spans do not count
        return type(self) is type(other) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__
                           if n not in _WHERE)
        return f"{type(self).__name__}({fields})"


# ---- Words -----------------------------------------------------------------
# A word is a tuple of parts.  `quoted` records whether the part was inside
# quotes: quoted text is neither field-split nor globbed (POSIX XCU 2.6).

class Lit(Node):
    """Literal text; unquoted literal text may still be a glob pattern."""
    __slots__ = ("text", "quoted")

    def __init__(self, text: str, quoted: bool = False) -> None:
        self.text, self.quoted = text, quoted


class Param(Node):
    """$name, ${name}, $1, $?, ... with an optional ${name OP word} operator."""
    __slots__ = ("name", "quoted", "op", "arg")

    def __init__(self, name: str, quoted: bool = False, op: str | None = None,
                 arg: "Word | None" = None) -> None:
        self.name, self.quoted, self.op, self.arg = name, quoted, op, arg


class CommandSub(Node):
    """$(...) or `...`: run `body` in a child and take its output."""
    __slots__ = ("body", "quoted", "source")

    def __init__(self, body, quoted: bool, source: str) -> None:
        self.body, self.quoted, self.source = body, quoted, source


class ProcSub(Node):
    """<(...) or >(...) (bash): `body` runs in a child joined to the command
    by a pipe, which the command sees as the file /dev/fd/N."""
    __slots__ = ("body", "reading", "source", "quoted")

    def __init__(self, body, reading: bool, source: str, quoted: bool = False) -> None:
        self.body, self.reading, self.source, self.quoted = body, reading, source, quoted


class Arith(Node):
    """$(( expression )): integer arithmetic; `expr` is expanded first."""
    __slots__ = ("expr", "quoted")

    def __init__(self, expr: "Word", quoted: bool = False) -> None:
        self.expr, self.quoted = expr, quoted


class Word(Node):
    __slots__ = ("parts", "span")

    def __init__(self, parts: tuple, span: tuple = (0, 0)) -> None:
        self.parts, self.span = parts, span


# ---- Commands --------------------------------------------------------------

class Redir(Node):
    """`fd op target`: op is one of < > >> >| <> >& <&  (target '-' closes)."""
    __slots__ = ("fd", "op", "target", "span")

    def __init__(self, fd: int | None, op: str, target: Word, span: tuple = (0, 0)) -> None:
        self.fd, self.op, self.target, self.span = fd, op, target, span


class Assign(Node):
    """NAME=value before (or instead of) a command."""
    __slots__ = ("name", "value", "span")

    def __init__(self, name: str, value: Word, span: tuple = (0, 0)) -> None:
        self.name, self.value, self.span = name, value, span


class Simple(Node):
    """A simple command: assignments, words (argv) and redirections.
    `line` is its line number in the script ($LINENO)."""
    __slots__ = ("assigns", "words", "redirs", "span", "line")

    def __init__(self, assigns: tuple, words: tuple, redirs: tuple = (),
                 span: tuple = (0, 0), line: int = 0) -> None:
        self.assigns, self.words, self.redirs, self.span = assigns, words, redirs, span
        self.line = line


class Subshell(Node):
    """( list ): the list runs in a forked copy of the shell."""
    __slots__ = ("body", "redirs", "span")

    def __init__(self, body, redirs: tuple = (), span: tuple = (0, 0)) -> None:
        self.body, self.redirs, self.span = body, redirs, span


class Group(Node):
    """{ list; }: the list runs in the shell itself."""
    __slots__ = ("body", "redirs", "span")

    def __init__(self, body, redirs: tuple = (), span: tuple = (0, 0)) -> None:
        self.body, self.redirs, self.span = body, redirs, span


class Pipeline(Node):
    """cmd | cmd | ...; `negated` for a leading `!`; `timed` for `time`
    ("bash" format, or "posix" for `time -p`)."""
    __slots__ = ("commands", "negated", "timed", "span")

    def __init__(self, commands: tuple, negated: bool = False, timed: str | None = None,
                 span: tuple = (0, 0)) -> None:
        self.commands, self.negated, self.timed, self.span = commands, negated, timed, span


class AndOr(Node):
    """left && right, left || right (left-associative)."""
    __slots__ = ("left", "op", "right", "span")

    def __init__(self, left, op: str, right, span: tuple = (0, 0)) -> None:
        self.left, self.op, self.right, self.span = left, op, right, span


class Background(Node):
    """cmd &: run without waiting."""
    __slots__ = ("body", "span")

    def __init__(self, body, span: tuple = (0, 0)) -> None:
        self.body, self.span = body, span


class Sequence(Node):
    """cmd ; cmd ; ... (or newlines)."""
    __slots__ = ("commands", "span")

    def __init__(self, commands: tuple, span: tuple = (0, 0)) -> None:
        self.commands, self.span = commands, span


class If(Node):
    """if c1; then b1; elif c2; then b2; else b3; fi -- `clauses` are (cond, body)."""
    __slots__ = ("clauses", "else_body", "redirs", "span")

    def __init__(self, clauses: tuple, else_body=None, redirs: tuple = (),
                 span: tuple = (0, 0)) -> None:
        self.clauses, self.else_body, self.redirs, self.span = clauses, else_body, redirs, span


class Loop(Node):
    """while cond; do body; done  (or `until`: run while cond fails)."""
    __slots__ = ("cond", "body", "until", "redirs", "span")

    def __init__(self, cond, body, until: bool = False, redirs: tuple = (),
                 span: tuple = (0, 0)) -> None:
        self.cond, self.body, self.until, self.redirs, self.span = cond, body, until, redirs, span


class For(Node):
    """for name in words; do body; done  (`words` None: the positional parameters)."""
    __slots__ = ("name", "words", "body", "redirs", "span")

    def __init__(self, name: str, words, body, redirs: tuple = (), span: tuple = (0, 0)) -> None:
        self.name, self.words, self.body, self.redirs, self.span = name, words, body, redirs, span


class Case(Node):
    """case word in pattern|pattern) body;; ... esac -- `items` are (patterns, body)."""
    __slots__ = ("word", "items", "redirs", "span")

    def __init__(self, word, items: tuple, redirs: tuple = (), span: tuple = (0, 0)) -> None:
        self.word, self.items, self.redirs, self.span = word, items, redirs, span


class Function(Node):
    """name() { body; } -- defines a function; running it runs body."""
    __slots__ = ("name", "body", "span")

    def __init__(self, name: str, body, span: tuple = (0, 0)) -> None:
        self.name, self.body, self.span = name, body, span


class Cond(Node):
    """[[ expression ]] (bash): `items` are ("op", text) for && || ! ( ) < >
    and ("word", Word) for the rest; nothing is split or globbed."""
    __slots__ = ("items", "redirs", "span", "line")

    def __init__(self, items: tuple, redirs: tuple = (), span: tuple = (0, 0),
                 line: int = 0) -> None:
        self.items, self.redirs, self.span, self.line = items, redirs, span, line


class ArithCommand(Node):
    """(( expression )) (bash): status 0 when the value is not zero."""
    __slots__ = ("expr", "redirs", "span", "line")

    def __init__(self, expr: Word, redirs: tuple = (), span: tuple = (0, 0),
                 line: int = 0) -> None:
        self.expr, self.redirs, self.span, self.line = expr, redirs, span, line


class ArithFor(Node):
    """for (( init; cond; step )); do body; done (bash): C's for loop."""
    __slots__ = ("init", "cond", "step", "body", "redirs", "span")

    def __init__(self, init: Word, cond: Word, step: Word, body, redirs: tuple = (),
                 span: tuple = (0, 0)) -> None:
        self.init, self.cond, self.step, self.body = init, cond, step, body
        self.redirs, self.span = redirs, span


# Every kind of command node, for code that must handle each one (the
# executor's dispatch and `explain`; a test feeds each through both).
COMMANDS = (Simple, Subshell, Group, Pipeline, AndOr, Background, Sequence, If, Loop, For,
            Case, Function, Cond, ArithCommand, ArithFor)


class Span(tuple):
    """A node's (start, end), plus the text those offsets point into.

    A job's text (`jobs`, `[1]+ Stopped ...`) is cut from the node it runs,
    so the node must carry its own source: a function defined on one line
    and called from another, a trap, a `.` file each come from a different
    text.
    """

    def __new__(cls, start: int, end: int, source: str) -> "Span":
        span = tuple.__new__(cls, (start, end))
        span.source = source
        return span

    @property
    def text(self) -> str:
        return self.source[self[0]:self[1]].strip()


def attach_source(node, source: str) -> None:
    """Give each command node of a freshly parsed tree a Span into `source`.

    Done once by the parser, before anyone else sees the tree.  (Words are
    left alone: nothing needs their text, and they are most of the nodes.)
    """
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, tuple):
            pending.extend(item)
        elif isinstance(item, COMMANDS):
            if not isinstance(item.span, Span):
                item.span = Span(item.span[0], item.span[1], source)
            for name in item.__slots__:
                if name not in ("span", "words", "assigns", "redirs", "word", "name"):
                    pending.append(getattr(item, name))


def text_of(node) -> str:
    """The source text of a command node ("?" when it has none)."""
    span = getattr(node, "span", None)
    return (span.text if isinstance(span, Span) else "") or "?"
