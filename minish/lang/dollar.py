"""The $ forms inside a word: $name, ${name...}, $(...), $((...)), `...`.

Mixed into the lexer's _Lexer (lexer.py), as parse_compound.py is into the
parser: these methods scan from `self.pos` in `self.text` and use the
lexer's own scanners (`run`, `_word_parts`, `_double_quoted`) for what is
nested inside.  Also here: what a name is, the one rule for it.
"""

from .ansic import decode
from .syntax import Arith, CommandSub, Lit, Param, Word

SPECIAL_PARAMS = frozenset("?$!#@*-0123456789")
NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
NAME_CHARS = NAME_START | frozenset("0123456789")


def is_name(text: str) -> bool:
    """A shell variable name (XCU 3.235): ASCII letters, digits, _; no digit first.

    The one rule: the parser, `export`, `unset` and `read` all call this, so
    `export é=1` is refused everywhere alike.
    """
    return bool(text) and text[0] in NAME_START and all(c in NAME_CHARS for c in text)


# Past this many levels of $( ${ $(( inside each other the lexer stops
# descending (it scans for the closing bracket instead), so that it stays
# total: no RecursionError.  The parser reports such nesting (MAX_NESTING).
MAX_DEPTH = 150


class DollarForms:
    def _dollar(self, quoted: bool):
        """$name, $1, $?, ${...}, $(...); None when '$' is just a character."""
        text, i = self.text, self.pos + 1
        c = text[i] if i < len(text) else ""
        if c in NAME_START:
            j = i
            while j < len(text) and text[j] in NAME_CHARS:
                j += 1
            self.pos = j
            return Param(text[i:j], quoted)
        if c and c in SPECIAL_PARAMS:
            self.pos = i + 1
            return Param(c, quoted)
        if c == "{":
            return self._braced(quoted)
        if c == '"' and not quoted:           # $"...": the same as "..." (no locale)
            self.pos = i
            return Lit("", quoted=True)
        if c == "'" and not quoted:           # bash's $'...': C escapes, quoted
            end, j = None, i + 1
            while j < len(text):
                if text[j] == "\\":
                    j += 2
                    continue
                if text[j] == "'":
                    end = j
                    break
                j += 1
            if end is None:
                self.incomplete = "'"
                self.pos = len(text)
                return Lit(decode(text[i + 1:]), quoted=True)
            self.pos = end + 1
            return Lit(decode(text[i + 1:end]), quoted=True)
        if text.startswith("((", i):
            end = _arith_end(text, i + 2)
            if end is not None:
                self.pos = end + 2
                if self.depth >= MAX_DEPTH:
                    return Arith(Word((Lit(text[i + 2:end], quoted=True),)), quoted)
                inner = self._inner(text[i + 2:end])
                return Arith(Word(tuple(inner._double_quoted(arithmetic=True))), quoted)
        if c == "(":
            sub = self._inner(text, i + 1)
            if self.depth >= MAX_DEPTH:
                sub.pos = _close_paren(text, i + 1)
            else:
                sub.run(stop_at_paren=True)
            if sub.pos >= len(text):
                self.incomplete = "$("
                self.pos = len(text)
                return CommandSub(None, quoted, text[i + 1:])
            self.pos = sub.pos + 1
            return CommandSub(None, quoted, text[i + 1:sub.pos])
        return None

    def _braced(self, quoted: bool):
        """${name}, ${#name}, ${name:-word}, ${name%pattern} and the other POSIX operators."""
        text, start = self.text, self.pos + 2
        depth, j = 1, start
        while j < len(text):                   # find the matching }
            if text[j] == "\\":
                j += 1
            elif text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if j >= len(text):
            self.incomplete = "${"
            self.pos = len(text)
            return Param("", quoted, "bad", text[start:])
        self.pos = j + 1
        inner = text[start:j]
        if inner.startswith("#") and len(inner) > 1:
            return Param(inner[1:], quoted, "#", None)
        if inner.startswith("!") and len(inner) > 1:    # ${!x}: the variable x names
            name = inner[1:]
            if name[-1:] in "@*" and name[:-1] and name[:-1].isidentifier():
                return Param(name, quoted, "!*", None)  # ${!prefix@}: the names
            return Param(name, quoted, "!", None)
        if inner[:1].isascii() and inner[:1].isdigit():   # ${10}: positional, all digits
            k = len(inner) - len(inner.lstrip("0123456789"))
        elif inner[:1] and inner[0] in SPECIAL_PARAMS:
            k = 1
        else:
            k = 0
            while k < len(inner) and inner[k] in NAME_CHARS:
                k += 1
            if k and inner[k:k + 1] == "[":       # ${a[i]}: an array element
                close = inner.find("]", k)
                k = close + 1 if close > 0 else k
        name, rest = inner[:k], inner[k:]
        if not rest:
            return Param(name, quoted, None, None) if name else Param("", quoted, "bad", inner)
        for op in (":-", ":=", ":+", ":?", "-", "=", "+", "?", "##", "#", "%%", "%",
                   "//", "/#", "/%", "/", "^^", "^", ",,", ",", ":", "@"):
            if rest.startswith(op) and name:
                body = rest[len(op):]
                if self.depth >= MAX_DEPTH:
                    return Param(name, quoted, op, Word((Lit(body, quoted=True),)))
                # A pattern is lexed as unquoted text even inside "...":
                # "${x#*}" still strips (only quotes *inside* the braces count).
                pattern = op in ("##", "#", "%%", "%") or op[0] == "/"
                if op in ("//", "/#", "/%", "/", ":"):   # two words: pat/string, offset:length
                    words = split_operands(body, op[0])
                    return Param(name, quoted, op, tuple(
                        self._arg_word(w, quoted and not pattern) for w in words))
                return Param(name, quoted, op, self._arg_word(body, quoted and not pattern))
        return Param(name, quoted, "bad", inner)

    def _arg_word(self, text: str, quoted: bool) -> Word:
        """The word after a ${name OP ...}: quotes apply; unquoted, blanks are kept."""
        word_lexer = self._inner(text)
        arg = word_lexer._double_quoted_text() if quoted else word_lexer._word_all()
        return Word(tuple(arg))

    def _backquote(self, quoted: bool):
        """`...`: the old command substitution; \\$ \\` \\\\ are unescaped."""
        text, j, out = self.text, self.pos + 1, []
        while j < len(text) and text[j] != "`":
            if text[j] == "\\" and j + 1 < len(text) and text[j + 1] in "$`\\":
                j += 1
            out.append(text[j])
            j += 1
        if j >= len(text):
            self.incomplete = "`"
            self.pos = len(text)
        else:
            self.pos = j + 1
        return CommandSub(None, quoted, "".join(out))


def split_operands(text: str, sep: str) -> list[str]:
    """'pat/rep' -> ['pat', 'rep']; '1:2' -> ['1', '2'] (bash's ${x/p/r}, ${x:o:l}).

    Splits at the first `sep` outside quotes, backslashes and brackets.
    """
    depth, i, quote = 0, 0, ""
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
        elif c == sep and depth <= 0:
            return [text[:i], text[i + 1:]]
        i += 1
    return [text]


def _close_paren(text: str, start: int) -> int:
    """Index of the ')' that closes the '(' before `start`, counting only
    parentheses (the lexer's fallback beyond MAX_DEPTH); len(text) if none."""
    depth = 0
    for j in range(start, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            if depth == 0:
                return j
            depth -= 1
    return len(text)


def _arith_end(text: str, start: int) -> int | None:
    """Index of the `))` closing $(( at `start`, or None if it is not arithmetic."""
    depth, j = 0, start
    while j < len(text):
        c = text[j]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return j if text.startswith("))", j) else None
            depth -= 1
        j += 1
    return None
