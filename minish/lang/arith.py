"""Arithmetic expansion: $(( expression )), integers only, C's operators.

A small precedence-climbing evaluator (no eval(): the text is user input).
Variables may be named without `$`; an unset or empty one counts as 0.
Supported, loosest first:  = += -= *= /= %=   ?:   ||   &&   |   ^   &
== !=   < <= > >=   << >>   + -   * / %   unary - + ! ~   ( )
"""

from ..errors import ShellError

BINARY = [  # precedence levels, loosest first
    ("||",), ("&&",), ("|",), ("^",), ("&",), ("==", "!="), ("<", "<=", ">", ">="),
    ("<<", ">>"), ("+", "-"), ("*", "/", "%"), ("**",),
]
ASSIGN_OPS = ("=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=")
OPERATORS = sorted({op for level in BINARY for op in level} |
                   set(ASSIGN_OPS) | {"?", ":", "(", ")", "!", "~", "++", "--", ","},
                   key=len, reverse=True)


def evaluate(text: str, variables) -> int:
    """Evaluate `text`; `variables` is the shell State (get/set)."""
    return _Evaluator(_tokens(text), variables, text).run()


def _tokens(text: str) -> list[str]:
    tokens, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c.isalnum() or c == "_":
            j = i
            while j < len(text) and (text[j].isalnum() or text[j] == "_"):
                j += 1
            if text[i:j].isdigit() and text.startswith("#", j):   # base#digits: 16#ff
                j += 1
                while j < len(text) and (text[j].isalnum() or text[j] in "@_"):
                    j += 1
            elif text.startswith("[", j) and not text[i].isdigit():  # a[i+1]: an element
                depth = 0
                for k in range(j, len(text)):
                    depth += (text[k] == "[") - (text[k] == "]")
                    if depth == 0:
                        j = k + 1
                        break
            tokens.append(text[i:j])
            i = j
        else:
            op = next((o for o in OPERATORS if text.startswith(o, i)), None)
            if op is None:
                raise ShellError(f"{text}: syntax error in expression (error token is \"{text[i:]}\")")
            tokens.append(op)
            i += len(op)
    return tokens


class _Evaluator:
    def __init__(self, tokens, variables, text):
        self.tokens, self.vars, self.text, self.i = tokens, variables, text, 0

    def run(self) -> int:
        if not self.tokens:
            return 0
        value = self.comma()
        if self.i != len(self.tokens):
            self._fail()
        return value

    def _peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _fail(self):
        rest = " ".join(self.tokens[self.i:]) or self.text
        raise ShellError(f"{self.text}: syntax error in expression (error token is \"{rest}\")")

    def comma(self) -> int:
        """a, b: evaluate both, the value is b's (C's comma operator)."""
        value = self.assignment()
        while self._peek() == ",":
            self.i += 1
            value = self.assignment()
        return value

    def assignment(self) -> int:
        tok, nxt = self._peek(), (self.tokens[self.i + 1] if self.i + 1 < len(self.tokens) else None)
        if tok and _is_name(tok) and nxt in ASSIGN_OPS:
            self.i += 2
            value = self.assignment()
            if nxt != "=":
                value = _apply(nxt[:-1], self._variable(tok), value)
            self._assign(tok, value)
            return value
        return self.conditional()

    def conditional(self) -> int:
        cond = self.binary(0)
        if self._peek() != "?":
            return cond
        self.i += 1
        yes = self.assignment()
        if self._peek() != ":":
            self._fail()
        self.i += 1
        no = self.conditional()
        return yes if cond else no

    def binary(self, level: int) -> int:
        if level == len(BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self._peek() in BINARY[level]:
            op = self.tokens[self.i]
            self.i += 1
            right = self.binary(level + 1)
            left = _apply(op, left, right)
        return left

    def unary(self) -> int:
        tok = self._peek()
        if tok in ("++", "--"):                # ++x, --x: change, then use
            self.i += 1
            name = self._peek()
            if name is None or not _is_name(name):
                self._fail()
            self.i += 1
            value = self._variable(name) + (1 if tok == "++" else -1)
            self._assign(name, value)
            return value
        if tok in ("-", "+", "!", "~"):
            self.i += 1
            value = self.unary()
            return {"-": -value, "+": value, "!": int(not value), "~": ~value}[tok]
        if tok == "(":
            self.i += 1
            value = self.comma()
            if self._peek() != ")":
                self._fail()
            self.i += 1
            return value
        if tok is None:
            self._fail()
        self.i += 1
        if tok[0].isascii() and tok[0].isdigit():
            return _number(tok, self.text)
        if _is_name(tok):
            if self._peek() in ("++", "--"):   # x++, x--: use, then change
                op = self.tokens[self.i]
                self.i += 1
                value = self._variable(tok)
                self._assign(tok, value + (1 if op == "++" else -1))
                return value
            return self._variable(tok)
        self.i -= 1
        self._fail()

    def _assign(self, name: str, value: int) -> None:
        base, sub = _split(name)
        if sub is None:
            self.vars.set(name, str(value))
        else:                                  # a[i] = value (bash arrays)
            self.vars.set_item(base, evaluate(sub, self.vars), str(value))

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
        digits = value.lstrip("-")
        if digits.isascii() and digits.isdigit():
            return int(value)
        return evaluate(value, self.vars)      # a variable may hold an expression


def _split(name: str) -> tuple[str, str | None]:
    """'a[i+1]' -> ('a', 'i+1'); 'x' -> ('x', None)."""
    if name.endswith("]") and "[" in name:
        base, _, sub = name[:-1].partition("[")
        return base, sub
    return name, None


def _is_name(tok: str) -> bool:
    return tok[0].isalpha() or tok[0] == "_"


def _number(tok: str, text: str) -> int:
    if "#" in tok:                             # base#digits, bases 2 to 64
        base, _, digits = tok.partition("#")
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@_"
        value, b = 0, int(base)
        if not 2 <= b <= 64 or not digits:
            raise ShellError(f"{text}: invalid arithmetic base (error token is \"{tok}\")")
        for d in digits:
            n = alphabet.index(d.lower() if b <= 36 else d) if d in alphabet else 99
            if n >= b:
                raise ShellError(f"{text}: value too great for base (error token is \"{tok}\")")
            value = value * b + n
        return value
    try:
        if tok.lower().startswith("0x"):
            return int(tok, 16)
        if tok.startswith("0") and len(tok) > 1:
            return int(tok, 8)
        return int(tok)
    except ValueError:
        raise ShellError(f"{text}: value too great for base (error token is \"{tok}\")") from None


def _apply(op: str, a: int, b: int) -> int:
    if op in ("/", "%") and b == 0:
        raise ShellError("division by 0")
    if op == "/":
        return int(a / b)                      # C truncates toward zero
    if op == "%":
        return a - b * int(a / b)
    if op == "**":
        if b < 0:
            raise ShellError("exponent less than 0")
        return a ** b
    return {
        "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
        "<<": lambda: a << b, ">>": lambda: a >> b, "<": lambda: int(a < b),
        "<=": lambda: int(a <= b), ">": lambda: int(a > b), ">=": lambda: int(a >= b),
        "==": lambda: int(a == b), "!=": lambda: int(a != b), "&": lambda: a & b,
        "^": lambda: a ^ b, "|": lambda: a | b, "&&": lambda: int(bool(a and b)),
        "||": lambda: int(bool(a or b)),
    }[op]()
