"""The grammar of compound commands, mixed into parser.Parser.

    if_clause     : 'if' list 'then' list ('elif' list 'then' list)* ('else' list)? 'fi'
    loop          : ('while' | 'until') list 'do' list 'done'
    for_loop      : 'for' NAME ('in' WORD* (';' | NEWLINE))? linebreak 'do' list 'done'
    case_clause   : 'case' WORD linebreak 'in' linebreak
                        ('('? WORD ('|' WORD)* ')' list? ((';;' | ';&' | ';;&') linebreak)?)* 'esac'
    function      : NAME '(' ')' linebreak command

The reserved words (if, then, do, ...) are plain WORD tokens; they are
reserved only where a command could start (POSIX XCU 2.4).  The methods
use Parser's token helpers (_advance, _is_op, _list, ...).
"""
from .dollar import is_name
from .lexer import Token
from .syntax import Case, For, Function, If, Loop


class CompoundRules:
    def _with_redirects(self, node):
        redirs = self._redirects()
        if not redirs:
            return node
        fields = {name: getattr(node, name) for name in node.__slots__}
        fields["redirs"], fields["span"] = redirs, (node.span[0], redirs[-1].span[1])
        return type(node)(**fields)

    def _expect_word(self, word: str) -> None:
        if not self._is_reserved(word):
            self._error()
        self._advance()

    def if_clause(self):
        """if_clause: 'if' list 'then' list ('elif' list 'then' list)* ('else' list)? 'fi'"""
        start = self._advance().span[0]
        clauses = []
        while True:
            cond = self._list(closer={"then"})
            self._expect_word("then")
            body = self._list(closer={"elif", "else", "fi"})
            clauses.append((cond, body))
            if not self._is_reserved("elif"):
                break
            self._advance()
        else_body = None
        if self._is_reserved("else"):
            self._advance()
            else_body = self._list(closer={"fi"})
        end = self.tok.span[1]
        self._expect_word("fi")
        return If(tuple(clauses), else_body, (), (start, end))

    def loop(self):
        """loop: ('while' | 'until') list 'do' list 'done'"""
        keyword = self._advance()
        cond = self._list(closer={"do"})
        self._expect_word("do")
        body = self._list(closer={"done"})
        end = self.tok.span[1]
        self._expect_word("done")
        return Loop(cond, body, keyword.text == "until", (), (keyword.span[0], end))

    def for_loop(self):
        """for_loop: 'for' NAME ('in' WORD* (';' | NEWLINE))? linebreak 'do' list 'done'"""
        start = self._advance().span[0]
        if self._is_op("(") and self.text.startswith("((", self.tok.span[0]):
            return self.arith_for(start)       # for (( ; ; )): parse_cond.py
        if self.tok.kind != "WORD" or not is_name(self.tok.text):
            self._error()
        name = self._advance().text
        words = None
        self._skip_newlines()
        if self._is_reserved("in"):
            self._advance()
            words = []
            while self.tok.kind in ("WORD", "IO_NUMBER"):
                words.append(self._resolve(self._advance()))
            words = tuple(words)
            if self._is_op(";") or self.tok.kind == "NEWLINE":
                self._advance()
        elif self._is_op(";"):
            self._advance()
        self._skip_newlines()
        self._expect_word("do")
        body = self._list(closer={"done"})
        end = self.tok.span[1]
        self._expect_word("done")
        return For(name, words, body, (), (start, end))

    def case_clause(self):
        """case_clause: 'case' WORD 'in' ('('? pattern ('|' pattern)* ')' list? ';;')* 'esac'"""
        start = self._advance().span[0]
        if self.tok.kind not in ("WORD", "IO_NUMBER"):
            self._error()
        word = self._resolve(self._advance())
        self._skip_newlines()
        self._expect_word("in")
        self._skip_newlines()
        items = []
        while not self._is_reserved("esac"):
            if self._is_op("("):
                self._advance()
            patterns = []
            while True:
                if self.tok.kind not in ("WORD", "IO_NUMBER"):
                    self._error()
                patterns.append(self._resolve(self._advance()))
                if not self._is_op("|"):
                    break
                self._advance()
            self._expect_op(")")
            self._skip_newlines()
            body = None
            if not (self._is_op(";;", ";&", ";;&") or self._is_reserved("esac")):
                body = self._list(closer={";;", ";&", ";;&", "esac"})
            end = ";;"                         # bash: ;& runs the next body too,
            if self._is_op(";;", ";&", ";;&"):  # ;;& goes on testing patterns
                end = self._advance().text
                self._skip_newlines()
            elif not self._is_reserved("esac"):
                self._error()
            items.append((tuple(patterns), body, end))
        end = self.tok.span[1]
        self._advance()
        return Case(word, tuple(items), (), (start, end))

    def function(self):
        """NAME '(' ')' linebreak command -- a function definition."""
        name_tok = self._advance()
        self._expect_op("(")
        if self.tok.kind == "EOF":             # `f (`: the ) must be on this line (bash),
            self._error(Token("NEWLINE", "\n", self.tok.span))   # so no PS2 for it
        self._expect_op(")")
        self._skip_newlines()
        body = self.command()
        return Function(name_tok.text, body, (name_tok.span[0], body.span[1]))
