"""bash's [[ ]], (( )), for (( )) and |&, mixed into parser.Parser.

    cond_command  : '[[' cond_item* ']]'
    arith_command : '((' text '))'
    arith_for     : 'for' '((' text ';' text ';' text '))' (';' | NEWLINE)? 'do' list 'done'
    cmd |& cmd    : the same as cmd 2>&1 | cmd

Inside [[ ]] the lexer's operators && || ( ) < > are part of the
expression, not of the command line, and after =~ everything up to the
next blank-separated && || or ]] is one regular expression.
"""
from ..errors import IncompleteInput
from ..i18n import _
from .dollar import _arith_end
from .lexer import _Lexer
from .syntax import ArithCommand, ArithFor, Cond, Lit, Redir, Word

COND_OPS = frozenset({"&&", "||", "(", ")", "<", ">"})


class CondRules:
    def cond_command(self):
        """'[[' cond_item* ']]'"""
        start = self._advance().span[0]
        items = []
        while True:
            tok = self.tok
            if tok.kind == "NEWLINE":
                self._advance()
                continue
            if tok.kind == "EOF":
                raise IncompleteInput(_("unexpected end of file looking for `]]'"), tok.span)
            if tok.kind == "WORD" and tok.text == "]]":
                break
            if tok.kind == "OP" and tok.text in COND_OPS:
                items.append(("op", self._advance().text))
            elif tok.kind == "WORD" and tok.text == "!":
                items.append(("op", self._advance().text))
            elif tok.kind in ("WORD", "IO_NUMBER"):
                word = self._resolve(self._advance())
                items.append(("word", word))
                if tok.text == "=~":
                    items.append(("word", self._regex()))
            else:
                self._error()
        end = self._advance().span[1]
        if not items:
            self._error()
        return Cond(tuple(items), (), (start, end), self.line_at(start))

    def _regex(self) -> Word:
        """The right side of =~: tokens glued together up to a blank before
        && || or ]] (a regex may hold ( ) | < >)."""
        parts, depth, last_end = [], 0, None
        while True:
            tok = self.tok
            if tok.kind in ("EOF", "NEWLINE"):
                break
            if depth == 0 and last_end is not None and tok.span[0] != last_end and \
                    (tok.text in ("]]", "&&", "||") or tok.kind == "OP" and tok.text == ")"):
                break
            if depth == 0 and last_end is None and tok.text == "]]":
                break
            if last_end is not None and tok.span[0] != last_end:
                parts.append(Lit(self.text[last_end:tok.span[0]], quoted=True))
            if tok.kind == "OP":
                depth += (tok.text == "(") - (tok.text == ")")
                parts.append(Lit(tok.text))
                self._advance()
            else:
                parts.extend(self._resolve(self._advance()).parts)
            last_end = tok.span[1]
        return Word(tuple(parts))

    def arith_command(self):
        """'((' expression '))' -- when the text after (( closes with ))."""
        start = self.tok.span[0]
        end = _arith_end(self.text, start + 2)
        if end is None:
            return None
        expr = Word(tuple(_Lexer(self.text[start + 2:end])._double_quoted_text()))
        expr = Word(self._resolve_parts(expr.parts, self.line_at(start)))   # $(...) inside
        while self.tok.kind != "EOF" and self.tok.span[0] < end + 2:
            self._advance()
        return ArithCommand(expr, (), (start, end + 2), self.line_at(start))

    def _stderr_too(self, node):
        """`cmd |& next`: cmd gets a final 2>&1, so its stderr joins stdout."""
        if "redirs" not in node.__slots__:
            self._error()
        fields = {name: getattr(node, name) for name in node.__slots__}
        fields["redirs"] = tuple(node.redirs) + (Redir(2, ">&", Word((Lit("1"),)), node.span),)
        return type(node)(**fields)

    def arith_for(self, start: int):
        """for (( init; cond; step )) do list done -- after the `for`."""
        end = _arith_end(self.text, self.tok.span[0] + 2)
        if end is None:
            self._error()
        pieces = self.text[self.tok.span[0] + 2:end].split(";")
        if len(pieces) != 3:
            self._error()
        line = self.line_at(self.tok.span[0])
        init, cond, step = (Word(self._resolve_parts(tuple(_Lexer(p)._double_quoted_text()), line))
                            if p.strip() else Word(()) for p in pieces)
        while self.tok.kind != "EOF" and self.tok.span[0] < end + 2:
            self._advance()
        if self._is_op(";") or self.tok.kind == "NEWLINE":
            self._advance()
        self._skip_newlines()
        self._expect_word("do")
        body = self._list(closer={"done"})
        last = self.tok.span[1]
        self._expect_word("done")
        return ArithFor(init, cond, step, body, (), (start, last))
