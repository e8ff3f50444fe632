"""The lexer: source text -> tokens.  Pure, and total: it never raises.

One lexer serves both the parser and syntax highlighting, so it must
accept any keystroke.  Trouble is recorded on the token instead of being
raised: an open quote gives a WORD whose `incomplete` says what is
missing, and the parser decides what that means (a continuation prompt at
the REPL, a syntax error at the end of a script).

Quoting rules are POSIX XCU 2.2; word parts are the nodes in syntax.py.
"""

from .ansic import decode
from .syntax import Arith, CommandSub, Lit, Param, ProcSub, Word

OPERATORS = ("&&", "||", ";;", ">>", ">&", "<&", ">|", "<>", "<<-", "<<",
             "|", "&", ";", "(", ")", "<", ">",
             "&>>", "&>", "<<<", "|&",          # bash's both-fds, here-string, |&
             ";;&", ";&")                       # and case fall-through
OPERATOR_SET = frozenset(OPERATORS)
REDIRECT_OPS = frozenset({">", ">>", ">|", "<", "<>", ">&", "<&", "<<", "<<-",
                          "&>", "&>>", "<<<"})
METACHARS = frozenset(" \t\n|&;()<>")
WORD_STOPS = METACHARS | frozenset("\\'\"$`")     # where a plain run of a word ends
SPECIAL_PARAMS = frozenset("?$!#@*-0123456789")
NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
NAME_CHARS = NAME_START | frozenset("0123456789")


class Token:
    """kind is WORD, IO_NUMBER, IO_NAME, OP, NEWLINE, COMMENT or EOF."""
    __slots__ = ("kind", "text", "span", "word", "incomplete", "heredoc")

    def __init__(self, kind, text, span, word=None, incomplete=None):
        self.kind, self.text, self.span = kind, text, span
        self.word, self.incomplete = word, incomplete
        self.heredoc: Word | None = None       # for a << delimiter: the document

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.text!r})"


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens, ending with an EOF token."""
    return _Lexer(text).run()


class _Lexer:
    def __init__(self, text: str, pos: int = 0) -> None:
        self.text, self.pos = text, pos
        self.incomplete: str | None = None    # set by the word scanners

    # -- the token loop ------------------------------------------------------
    def run(self, stop_at_paren: bool = False) -> list[Token]:
        """Lex to the end, or (for $(...)) to the first unbalanced ')'."""
        tokens, text, depth = [], self.text, 0
        cases = 0                              # open `case`s: their ) end patterns, not $(
        pending: list[tuple[Token, bool]] = []  # << delimiters waiting for their lines
        while True:
            c = self._skip_blanks()
            start = self.pos
            if c == "":
                for delimiter, _ in pending:
                    delimiter.incomplete = f"<<{delimiter.text}"
                tokens.append(Token("EOF", "", (start, start)))
                return tokens
            if c == "\n":
                self.pos += 1
                tokens.append(Token("NEWLINE", "\n", (start, self.pos)))
                for delimiter, strip_tabs in pending:   # the documents start here
                    self._here_document(delimiter, strip_tabs)
                pending.clear()
            elif c == "#":
                end = text.find("\n", start)
                self.pos = len(text) if end < 0 else end
                tokens.append(Token("COMMENT", text[start:self.pos], (start, self.pos)))
            elif c == "(" and text.startswith("((", start) and \
                    (end := _arith_end(text, start + 2)) is not None:
                # bash's (( expr )): one opaque word between the parentheses,
                # so a `<<` inside is a shift, never a here-document.
                inner = Word((Lit(text[start + 2:end], quoted=True),), (start + 2, end))
                tokens += [Token("OP", "(", (start, start + 1)),
                           Token("OP", "(", (start + 1, start + 2)),
                           Token("WORD", text[start + 2:end], (start + 2, end), inner),
                           Token("OP", ")", (end, end + 1)), Token("OP", ")", (end + 1, end + 2))]
                self.pos = end + 2
            elif c in METACHARS and not _proc_sub_at(text, start):
                op = _operator_at(text, start)
                if stop_at_paren and op == ")" and depth == 0 and not cases:
                    return tokens
                if not (op == ")" and depth == 0 and cases):    # not a case pattern's )
                    depth += (op == "(") - (op == ")")
                self.pos += len(op)
                tokens.append(Token("OP", op, (start, self.pos)))
            else:
                tokens.append(self._word_token(start))
                if stop_at_paren and tokens[-1].text in ("case", "esac"):
                    cases = max(cases + (1 if tokens[-1].text == "case" else -1), 0)
                if len(tokens) > 1 and tokens[-2].kind == "OP" and tokens[-2].text in ("<<", "<<-"):
                    pending.append((tokens[-1], tokens[-2].text == "<<-"))

    def _here_document(self, delimiter: Token, strip_tabs: bool) -> None:
        """Read the lines after the newline up to the delimiter line (XCU 2.7.4).

        A quoted delimiter ('EOF', "EOF", \\EOF) makes the document literal;
        otherwise $, ` and \\ work in it as inside double quotes.  With <<-
        leading tabs are removed.
        """
        text = self.text
        end_word = "".join(p.text for p in delimiter.word.parts if isinstance(p, Lit))
        quoted = any(c in delimiter.text for c in "'\"\\")
        lines = []
        while True:
            if self.pos >= len(text):
                delimiter.incomplete = f"<<{end_word}"
                break
            newline = text.find("\n", self.pos)
            line = text[self.pos:] if newline < 0 else text[self.pos:newline]
            self.pos = len(text) if newline < 0 else newline + 1
            if strip_tabs:
                line = line.lstrip("\t")
            if line == end_word:
                break
            lines.append(line + "\n")
        body = "".join(lines)
        if quoted:
            parts = (Lit(body, quoted=True),)
        else:
            parts = tuple(_Lexer(body)._double_quoted_text())
        delimiter.heredoc = Word(parts, delimiter.span)

    def _skip_blanks(self) -> str:
        text, n = self.text, len(self.text)
        while self.pos < n:
            c = text[self.pos]
            if c in " \t":
                self.pos += 1
            elif c == "\\" and text.startswith("\\\n", self.pos):
                self.pos += 2                  # line continuation between words
            else:
                return c
        return ""

    def _word_token(self, start: int) -> Token:
        self.incomplete = None
        parts = self._word_parts()
        end = self.pos
        raw = self.text[start:end]
        kind = "WORD"
        if raw.isascii() and raw.isdigit() and end < len(self.text) and self.text[end] in "<>":
            kind = "IO_NUMBER"                 # the 2 in 2>file (XCU 2.10.1)
        elif raw[:1] == "{" and raw[-1:] == "}" and raw[1:-1].isidentifier() and \
                end < len(self.text) and self.text[end] in "<>":
            kind = "IO_NAME"                   # bash's {fd}>file: the shell picks the fd
        return Token(kind, raw, (start, end), Word(tuple(parts), (start, end)),
                     self.incomplete)

    # -- inside a word -------------------------------------------------------
    def _word_parts(self) -> list:
        """Scan one unquoted word; return its parts.

        Plain text accumulates in `buf` and becomes one unquoted Lit
        whenever a quote or an expansion interrupts it.
        """
        parts, buf, text, n = [], [], self.text, len(self.text)
        while self.pos < n:
            c = text[self.pos]
            if _proc_sub_at(text, self.pos):   # bash's <(...) and >(...)
                if buf:
                    parts.append(Lit("".join(buf)))
                    buf.clear()
                parts.append(self._proc_sub())
                continue
            if c in METACHARS:
                break
            if c not in WORD_STOPS:            # a run of ordinary characters, in bulk
                end = self.pos + 1
                while end < n and text[end] not in WORD_STOPS:
                    end += 1
                buf.append(text[self.pos:end])
                self.pos = end
                continue
            if c == "$" or c == "`":
                part = self._dollar(quoted=False) if c == "$" else self._backquote(False)
                if part is None:               # a lone $ is just a character
                    buf.append(c)
                    self.pos += 1
                    continue
            elif c == "\\":
                if self.pos + 1 >= n:
                    self.incomplete = "\\"      # a trailing backslash continues the line
                    self.pos += 1
                    break
                nxt = text[self.pos + 1]
                self.pos += 2
                if nxt == "\n":                # backslash-newline disappears
                    if self.pos >= n:
                        self.incomplete = "\\"  # ... and the word goes on next line
                    continue
                part = Lit(nxt, quoted=True)
            elif c == "'":
                end = text.find("'", self.pos + 1)
                if end < 0:
                    self.incomplete = "'"
                    end = n
                part = Lit(text[self.pos + 1:end], quoted=True)
                self.pos = min(end + 1, n)
            else:                              # c == '"'
                part = None
            if buf:
                parts.append(Lit("".join(buf)))
                buf.clear()
            if part is None:
                parts.extend(self._double_quoted())
            else:
                parts.append(part)
        if buf:
            parts.append(Lit("".join(buf)))
        return parts

    def _double_quoted(self) -> list:
        """Scan "...": $ and ` still work; \\ escapes only $ ` " \\ newline."""
        parts, buf, text, n = [], [], self.text, len(self.text)
        self.pos += 1                          # the opening quote
        while True:
            if self.pos >= n:
                self.incomplete = '"'
                break
            c = text[self.pos]
            if c == '"':
                self.pos += 1
                break
            if c == "\\" and self.pos + 1 < n and text[self.pos + 1] in '$`"\\\n':
                if text[self.pos + 1] != "\n":
                    buf.append(text[self.pos + 1])
                self.pos += 2
                continue
            part = None
            if c == "$":
                part = self._dollar(quoted=True)
            elif c == "`":
                part = self._backquote(True)
            if part is None:
                buf.append(c)
                self.pos += 1
            else:
                if buf:
                    parts.append(Lit("".join(buf), quoted=True))
                    buf.clear()
                parts.append(part)
        if buf or not parts:
            parts.append(Lit("".join(buf), quoted=True))   # "" is an empty argument
        return parts

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
                inner = _Lexer(text[i + 2:end])
                return Arith(Word(tuple(inner._double_quoted_text())), quoted)
        if c == "(":
            sub = _Lexer(text, i + 1)
            sub.run(stop_at_paren=True)
            if sub.pos >= len(text):
                self.incomplete = "$("
                self.pos = len(text)
                return CommandSub(None, quoted, text[i + 1:])
            self.pos = sub.pos + 1
            return CommandSub(None, quoted, text[i + 1:sub.pos])
        return None

    def _proc_sub(self) -> ProcSub:
        """<(list) / >(list): lexed like $(list), parsed later by the parser."""
        text, i = self.text, self.pos + 2
        sub = _Lexer(text, i)
        sub.run(stop_at_paren=True)
        reading = text[self.pos] == "<"
        if sub.pos >= len(text):
            self.incomplete = text[self.pos:self.pos + 2]
            self.pos = len(text)
            return ProcSub(None, reading, text[i:])
        self.pos = sub.pos + 1
        return ProcSub(None, reading, text[i:sub.pos])

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
        word_lexer = _Lexer(text)
        arg = word_lexer._double_quoted_text() if quoted else word_lexer._word_all()
        return Word(tuple(arg))

    def _word_all(self) -> list:
        """The word of ${x:-word} when unquoted: quotes apply, blanks are kept."""
        parts, text = [], self.text
        while self.pos < len(text):
            if text[self.pos] in METACHARS:
                parts.append(Lit(text[self.pos]))
                self.pos += 1
            else:
                parts.extend(self._word_parts())
        return parts

    def _double_quoted_text(self) -> list:
        """The word of "${x:-word}": scanned as if inside double quotes."""
        self.text = '"' + self.text.replace('"', '\\"') + '"'
        return self._double_quoted()

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


def _proc_sub_at(text: str, i: int) -> bool:
    """Does a process substitution <( or >( start at text[i]?"""
    return text[i] in "<>" and text.startswith("(", i + 1) and \
        (i == 0 or text[i - 1] in " \t\n") and not text.startswith("((", i + 1)


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


def _operator_at(text: str, i: int) -> str:
    """The longest operator starting at text[i] (">>" wins over ">")."""
    for size in (3, 2):
        if text[i:i + size] in OPERATOR_SET:
            return text[i:i + size]
    return text[i]
