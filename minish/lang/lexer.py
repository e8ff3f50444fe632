"""The lexer: source text -> tokens.  Pure, and total: it never raises.

One lexer serves both the parser and syntax highlighting, so it must
accept any keystroke.  Trouble is recorded on the token instead of being
raised: an open quote gives a WORD whose `incomplete` says what is
missing, and the parser decides what that means (a continuation prompt at
the REPL, a syntax error at the end of a script).

Quoting rules are POSIX XCU 2.2; word parts are the nodes in syntax.py.
"""

from .dollar import DollarForms, _arith_end
from .syntax import Lit, ProcSub, Word

OPERATORS = ("&&", "||", ";;", ">>", ">&", "<&", ">|", "<>", "<<-", "<<",
             "|", "&", ";", "(", ")", "<", ">",
             "&>>", "&>", "<<<", "|&",          # bash's both-fds, here-string, |&
             ";;&", ";&")                       # and case fall-through
OPERATOR_SET = frozenset(OPERATORS)
REDIRECT_OPS = frozenset({">", ">>", ">|", "<", "<>", ">&", "<&", "<<", "<<-",
                          "&>", "&>>", "<<<"})
METACHARS = frozenset(" \t\n|&;()<>")
WORD_STOPS = METACHARS | frozenset("\\'\"$`")     # where a plain run of a word ends
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


class _Lexer(DollarForms):
    """The token loop, here-documents and quoting; the $ forms are in dollar.py."""

    def __init__(self, text: str, pos: int = 0, depth: int = 0) -> None:
        self.text, self.pos, self.depth = text, pos, depth
        self.incomplete: str | None = None    # set by the word scanners

    def _inner(self, text: str, pos: int = 0) -> "_Lexer":
        """A lexer for what is nested inside $( ${ $(( or a here-document."""
        return _Lexer(text, pos, self.depth + 1)

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
                for delimiter, _ in pending:     # `cat <<EOF` and no line after it
                    delimiter.incomplete = f"<<{_end_word(delimiter)}"
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
        end_word = _end_word(delimiter)
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
            parts = tuple(self._inner(body)._double_quoted(here_document=True))
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

    def _double_quoted(self, here_document: bool = False, arithmetic: bool = False) -> list:
        """Scan "...": $ and ` still work; \\ escapes only $ ` " \\ newline.

        A here-document's text is scanned the same way to its end, except
        that " is an ordinary character there, even after \\ (XCU 2.7.4).
        So is the inside of $(( )), except that a " is removed: bash's
        $(( "$x" + 1 )) is $(( $x + 1 )).
        """
        parts, buf, text, n = [], [], self.text, len(self.text)
        to_the_end = here_document or arithmetic
        escapable = '$`\\\n' if here_document else '$`"\\\n'
        if not to_the_end:
            self.pos += 1                      # the opening quote
        while True:
            if self.pos >= n:
                if not to_the_end:
                    self.incomplete = '"'
                break
            c = text[self.pos]
            if c == '"' and not here_document:
                self.pos += 1
                if arithmetic:
                    continue                   # quote removal
                break
            if c == "\\" and self.pos + 1 < n and text[self.pos + 1] in escapable:
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

    def _proc_sub(self) -> ProcSub:
        """<(list) / >(list): lexed like $(list), parsed later by the parser."""
        text, i = self.text, self.pos + 2
        sub = self._inner(text, i)
        sub.run(stop_at_paren=True)
        reading = text[self.pos] == "<"
        if sub.pos >= len(text):
            self.incomplete = text[self.pos:self.pos + 2]
            self.pos = len(text)
            return ProcSub(None, reading, text[i:])
        self.pos = sub.pos + 1
        return ProcSub(None, reading, text[i:sub.pos])

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

def _end_word(delimiter: Token) -> str:
    """The line that ends a here-document: the delimiter with quotes removed."""
    return "".join(p.text for p in delimiter.word.parts if isinstance(p, Lit))


def _proc_sub_at(text: str, i: int) -> bool:
    """Does a process substitution <( or >( start at text[i]?"""
    return text[i] in "<>" and text.startswith("(", i + 1) and \
        (i == 0 or text[i - 1] in " \t\n") and not text.startswith("((", i + 1)


def _operator_at(text: str, i: int) -> str:
    """The longest operator starting at text[i] (">>" wins over ">")."""
    for size in (3, 2):
        if text[i:i + size] in OPERATOR_SET:
            return text[i:i + size]
    return text[i]
