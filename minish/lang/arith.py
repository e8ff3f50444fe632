"""Arithmetic expansion: $(( expression )), bash's signed 64-bit integers.

A small precedence-climbing evaluator (no eval(): the text is user input).
Variables may be named without `$`; an unset or empty one counts as 0.
Supported, loosest first:  ,   = += -= *= /= %= <<= >>= &= ^= |=   ?:   ||
&&   |   ^   &   == !=   < <= > >=   << >>   + -   * / %   **
unary - + ! ~   ( ).  Numbers: 10, 010 (octal), 0x1f, BASE#DIGITS (2-64).

Every value is a C `intmax_t`, as in bash: results wrap around modulo 2**64
(`$((9223372036854775807 + 1))` is the most negative number), and a shift
count is taken modulo 64, as the x86-64 shift instructions do.  Python's
integers never overflow, so each result is folded back into 64 bits --
which also keeps `x=$((x*x))` in a loop from growing to gigabytes.
"""

from ..errors import ExpansionError
from ..i18n import _
from .dollar import is_name

BINARY = [  # precedence levels, loosest first
    ("||",), ("&&",), ("|",), ("^",), ("&",), ("==", "!="), ("<", "<=", ">", ">="),
    ("<<", ">>"), ("+", "-"), ("*", "/", "%"), ("**",),
]
ASSIGN_OPS = ("=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=")
OPERATORS = sorted({op for level in BINARY for op in level} | set(ASSIGN_OPS) |
                   {"?", ":", "(", ")", "!", "~", ",", "++", "--"}, key=len, reverse=True)
WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@#")
MIN, MAX = -2 ** 63, 2 ** 63 - 1
DEPTH_LIMIT = 32   # x='y+1' y='x+1': bash stops at 1024; Python's stack is smaller


def wrap(n: int) -> int:
    """Fold a Python integer into a signed 64-bit one, as C's arithmetic does."""
    return (n - MIN) % 2 ** 64 + MIN


def evaluate(text: str, variables, depth: int = 0) -> int:
    """Evaluate `text`; `variables` is the shell State (get/set)."""
    text = text.lstrip()                       # bash's messages show it so
    try:
        return _Evaluator(text, variables, depth).run()
    except RecursionError:
        raise ExpansionError(_error(text, _("expression recursion level exceeded"),
                                    text)) from None


def _error(expression: str, problem: str, token: str) -> str:
    """bash's arithmetic message: the expression, what is wrong (already
    translated) and the text from the offending token on."""
    return _("{expression}: {problem} (error token is \"{token}\")").format(
        expression=expression, problem=problem, token=token)


class _Evaluator:
    def __init__(self, text: str, variables, depth: int) -> None:
        self.text, self.vars, self.depth = text, variables, depth
        self.tokens, self.starts = _tokens(text)
        self.i = 0
        self.skip = 0          # > 0 on the side of && || ?: that is not evaluated

    def run(self) -> int:
        if not self.tokens:
            return 0
        value = self.comma()
        if self.i != len(self.tokens):
            tok = self.tokens[self.i]
            self._fail(_("syntax error: invalid arithmetic operator") if _is_junk(tok)
                       else _("syntax error in expression"))
        return value

    # -- helpers ---------------------------------------------------------------
    def _peek(self, ahead: int = 0):
        i = self.i + ahead
        return self.tokens[i] if i < len(self.tokens) else None

    def _fail(self, message: str = "", at: int | None = None):
        """bash's message: the expression, what is wrong, and the text from
        the offending token on ("error token")."""
        at = self.i if at is None else at
        at = min(max(at, 0), len(self.tokens) - 1)
        rest = self.text[self.starts[at]:] if self.tokens else self.text
        problem = message or _("syntax error: operand expected")   # `++1`: no operand after ++
        raise ExpansionError(_error(self.text, problem, rest))

    # -- grammar, loosest first ----------------------------------------------
    def comma(self) -> int:
        """a, b: evaluate both, the value is b's (C's comma operator)."""
        value = self.assignment()
        while self._peek() == ",":
            self.i += 1
            value = self.assignment()
        return value

    def assignment(self) -> int:
        tok, op = self._peek(), self._peek(1)
        if op in ASSIGN_OPS and tok is not None:
            if not _is_name(tok):
                self.i += 1
                self._fail(_("attempted assignment to non-variable"))
            self.i += 2
            value = self.assignment()
            if op != "=":
                value = self._apply(op[:-1], self._variable(tok), value, self.i - 1)
            self._assign(tok, value)
            return value
        return self.conditional()

    def conditional(self) -> int:
        cond = self.binary(0)
        if self._peek() != "?":
            return cond
        self.i += 1
        yes = self._maybe(not cond, self.comma)
        if self._peek() != ":":
            self._fail(_("`:' expected for conditional expression"))
        self.i += 1
        no = self._maybe(bool(cond), self.conditional)
        return yes if cond else no

    def _maybe(self, skipped: bool, rule) -> int:
        """Parse with `rule`, evaluating only if not `skipped` (short circuit)."""
        self.skip += skipped
        try:
            return rule()
        finally:
            self.skip -= skipped

    def binary(self, level: int) -> int:
        if level == len(BINARY):
            return self.unary()
        if BINARY[level] == ("**",):           # the one right-associative level
            left = self.unary()
            if self._peek() == "**":
                self.i += 1
                right = self.binary(level)
                return self._apply("**", left, right, self.i - 1)
            return left
        left = self.binary(level + 1)
        while self._peek() in BINARY[level]:
            op = self.tokens[self.i]
            self.i += 1
            if op in ("&&", "||"):
                decided = (op == "&&" and not left) or (op == "||" and left)
                right = self._maybe(decided, lambda: self.binary(level + 1))
                left = int(bool(left)) if decided else int(bool(right))
                continue
            right = self.binary(level + 1)
            left = self._apply(op, left, right, self.i - 1)
        return left

    def unary(self) -> int:
        tok = self._peek()
        if tok in ("++", "--"):                # ++x, --x: change, then use
            self.i += 1
            name = self._peek()
            if name is not None and not _is_name(name):
                return self.unary()            # bash: ++1 is +(+1), --1 is -(-1)
            if name is None:
                self._fail()
            self.i += 1
            value = self._variable(name) + (1 if tok == "++" else -1)
            self._assign(name, value)
            return value
        if tok in ("-", "+", "!", "~"):
            self.i += 1
            value = self.unary()
            return {"-": wrap(-value), "+": value, "!": int(not value), "~": ~value}[tok]
        if tok == "(":
            self.i += 1
            value = self.comma()
            if self._peek() != ")":
                self._fail(_("missing `)'"))
            self.i += 1
            return value
        if tok is None or tok in OPERATORS or _is_junk(tok):
            self._fail(_("syntax error: operand expected"), self.i - (tok is None))
        self.i += 1
        if tok[0].isascii() and tok[0].isdigit():
            return self._number(tok)
        if _is_name(tok):
            if self._peek() in ("++", "--"):   # x++, x--: use, then change
                op = self.tokens[self.i]
                self.i += 1
                value = self._variable(tok)
                self._assign(tok, value + (1 if op == "++" else -1))
                return value
            return self._variable(tok)
        self._fail(_("syntax error in expression"), self.i - 1)

    def _assign(self, name: str, value: int) -> None:
        """x = value, or a[i] = value (bash arrays); nothing on a skipped side."""
        if self.skip:
            return
        base, sub = _split(name)
        if sub is None:
            self.vars.set(name, str(value))
        else:
            self.vars.set_item(base, evaluate(sub, self.vars), str(value))

    # -- operands ----------------------------------------------------------------
    def _variable(self, name: str) -> int:
        base, sub = _split(name)
        if sub is not None:                    # a[i]: the element, 0 if unset
            items = self.vars.arrays.get(base)
            index = evaluate(sub, self.vars)
            if items is None:
                raw = self.vars.get(base) if index == 0 else None
            else:
                raw = items.get(index + (max(items, default=-1) + 1 if index < 0 else 0))
            value = (raw or "").strip()
        else:
            value = (self.vars.get(name) or "").strip()
        if not value:
            return 0
        digits = value[1:] if value[0] in "+-" else value
        if digits.isascii() and digits.isdigit():
            number = _digits(digits, 10)
            return wrap(-number if value[0] == "-" else number)
        if self.depth >= DEPTH_LIMIT:
            self._fail(_("expression recursion level exceeded"), self.i - 1)
        return evaluate(value, self.vars, self.depth + 1)   # it may hold an expression

    def _number(self, tok: str) -> int:
        base, digits = 10, tok
        if "#" in tok:
            prefix, _hash, digits = tok.partition("#")
            base = int(prefix) if prefix.isdigit() and len(prefix) < 3 else 0
            if not 2 <= base <= 64:
                self._fail(_("invalid arithmetic base"), self.i - 1)
        elif tok[:2] in ("0x", "0X"):
            base, digits = 16, tok[2:] or "0"
        elif tok[0] == "0":
            base = 8
        value = _digits(digits, base)
        if value is None:                      # bash names only the number here
            raise ExpansionError(_error(tok, _("value too great for base"), tok))
        return wrap(value)

    def _apply(self, op: str, a: int, b: int, at: int) -> int:
        """One binary operator on 64-bit values; `at` is the right operand's
        last token, which bash names in its error messages."""
        if op in ("/", "%"):
            if b == 0:
                if self.skip:
                    return 0
                self._fail(_("division by 0"), at)
            if a == MIN and b == -1:           # the one quotient that overflows
                return MIN if op == "/" else 0
            q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)  # C truncates
            return q if op == "/" else a - b * q
        if op == "**":
            if b < 0:
                if self.skip:
                    return 0
                self._fail(_("exponent less than 0"), at)
            return wrap(pow(a, b, 2 ** 64))
        if op in ("<<", ">>"):
            b &= 63                            # the count is taken modulo 64
            return wrap(a << b) if op == "<<" else a >> b
        return wrap({
            "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
            "<": lambda: int(a < b), "<=": lambda: int(a <= b), ">": lambda: int(a > b),
            ">=": lambda: int(a >= b), "==": lambda: int(a == b), "!=": lambda: int(a != b),
            "&": lambda: a & b, "^": lambda: a ^ b, "|": lambda: a | b,
        }[op]())


def _tokens(text: str) -> tuple[list[str], list[int]]:
    """Split into numbers/names and operators; also each token's offset."""
    tokens, starts, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
            continue
        starts.append(i)
        if c in WORD_CHARS and c not in "@#":
            j = i
            while j < len(text) and text[j] in WORD_CHARS:
                j += 1
            if text.startswith("[", j) and not c.isdigit():   # a[i+1]: an element
                depth = 0
                for k in range(j, len(text)):
                    depth += (text[k] == "[") - (text[k] == "]")
                    if depth == 0:
                        j = k + 1
                        break
            tokens.append(text[i:j])
            i = j
            continue
        op = next((o for o in OPERATORS if text.startswith(o, i)), None)
        if op is None:                         # junk: the evaluator says where it is
            tokens.append(text[i:])
            break
        if op in ("++", "--") and tokens and (tokens[-1][0].isdigit() or tokens[-1] == ")"):
            op = op[0]                         # bash: 1+++2 is 1 + ++2 (a number has no x++)
        tokens.append(op)
        i += len(op)
    return tokens, starts


def _split(name: str) -> tuple[str, str | None]:
    """'a[i+1]' -> ('a', 'i+1'); 'x' -> ('x', None)."""
    if name.endswith("]") and "[" in name:
        base, _bracket, sub = name[:-1].partition("[")
        return base, sub
    return name, None


def _is_name(tok: str) -> bool:
    """A variable, or an element of an array variable (a[i])."""
    return is_name(_split(tok)[0])


def _is_junk(tok: str) -> bool:
    """Neither a number, a name nor an operator (the rest of the text)."""
    return tok not in OPERATORS and (tok[0] in "@#" or tok[0] not in WORD_CHARS)


def _digits(digits: str, base: int) -> int | None:
    """The value of `digits` in `base`, modulo 2**64; None for a bad digit.

    Digit by digit, as bash does: int() would refuse a 5000-digit literal
    (Python's int-to-str limit) and keep more bits than a C integer can.
    """
    value = 0
    for c in digits:
        if c.isdigit() and c.isascii():
            d = ord(c) - 48
        elif "a" <= c <= "z":
            d = ord(c) - 87
        elif "A" <= c <= "Z":
            d = ord(c) - 55 if base <= 36 else ord(c) - 29
        elif c == "@":
            d = 62
        elif c == "_":
            d = 63
        else:
            return None
        if d >= base:
            return None
        value = (value * base + d) % 2 ** 64
    return value
