"""The parser: tokens -> AST, by recursive descent.  Pure: it runs nothing.

Each method's docstring is its grammar rule (a subset of POSIX XCU 2.10):

    program       : linebreak (complete_cmd NEWLINE linebreak)* EOF
    complete_cmd  : and_or ((';' | '&') and_or)* (';' | '&')?
    and_or        : pipeline (('&&' | '||') linebreak pipeline)*
    pipeline      : ('time' '-p'?)? '!'? command ('|' linebreak command)*
    command       : '(' list ')' redirect*  |  '{' list '}' redirect*
                  | if_clause redirect* | loop redirect* | for_loop redirect*
                  | case_clause redirect* | function  |  simple
    simple        : (ASSIGNMENT | redirect)* (WORD | redirect)*
    redirect      : IO_NUMBER? ('<' | '>' | '>>' | '>|' | '<>' | '>&' | '<&' | '<<' | '<<-') WORD

The compound commands' rules (if_clause, loop, for_loop, case_clause,
function) are in parse_compound.py, mixed into Parser.

Errors: `ParseError` for a syntax error, `IncompleteInput` (a subclass) when
the text simply stops too early, so the REPL can ask for another line.
"""

from ..errors import IncompleteInput, NestedTooDeeply, ParseError, report
from ..i18n import _
from .alias_expand import AliasRules
from .dollar import is_name
from .lexer import REDIRECT_OPS, Token, _Lexer, tokenize
from .parse_compound import CompoundRules
from .parse_cond import CondRules
from .varops import DECLARATIONS, split_assignment
from .syntax import (AndOr, Arith, Assign, Background, CommandSub, Group, Lit, Param, ProcSub,
                     Pipeline, Redir, Sequence, Simple, Subshell, Word, attach_source)

# Words that are reserved at the start of a command (XCU 2.4).
RESERVED = frozenset({"if", "then", "elif", "else", "fi", "while", "until", "do", "done",
                      "for", "in", "case", "esac", "{", "}", "!"})
CLOSERS = frozenset({"then", "elif", "else", "fi", "do", "done", "}", "in", "esac"})


# How deeply commands may nest: ( ( ( ...,  { { ...,  if ... if ...,  $( $( ...
# Each level costs the parser (and later the executor) a handful of Python
# frames; past this the shell says so instead of running out of stack.
# bash has no fixed limit, but no script comes near it.
MAX_NESTING = 100


def parse(text: str, depth: int = 0, final: bool = False,
          aliases: dict[str, str] | None = None, first_line: int = 1):
    """Parse a whole program; return its AST (None for an empty program).
    `depth`: how many commands enclose it (for the text of a $(...)).
    `final`: see Parser; the default asks for more input (IncompleteInput).
    `aliases`: the shell's alias table, for the text of a $(...) too.
    `first_line`: the $LINENO of its first line (a $(...): the line it is on)."""
    parser = Parser(text, depth, final, aliases, first_line)
    commands = []
    while (cmd := parser.next_command()) is not None:
        commands.append(cmd)
    if not commands:
        return None
    if len(commands) == 1:
        return commands[0]
    whole = Sequence(tuple(commands), (0, len(text)))
    attach_source(whole, text)
    return whole


def parse_here_text(text: str) -> Word:
    """`text` read as the body of a here-document is: $ forms and `...`
    are expanded, quotes are ordinary characters (PS4: run/xtrace.py)."""
    parts = tuple(_Lexer(text)._double_quoted(here_document=True))
    return Word(Parser("")._resolve_parts(parts))


class Parser(CompoundRules, CondRules, AliasRules):
    """Parses `text` one complete command (one line's worth) at a time.

    A shell runs a script line by line: `echo a` on line 1 runs before a
    syntax error on line 2 is even seen, as in sh.
    """

    def __init__(self, text: str, depth: int = 0, final: bool = True,
                 aliases: dict[str, str] | None = None, first_line: int = 1) -> None:
        """`final`: no more input will come (a script, -c, the last lines
        of stdin), so a here-document that the end of the text cuts short
        is taken as it is, with bash's warning.  The REPL and the stdin
        reader ask with final=False whether to read another line.
        `aliases`: name -> text, expanded as commands are read (alias_expand.py);
        `first_line`: the $LINENO of the text's first line."""
        self.text = text
        self.first_line, self._line_mark = first_line, (0, first_line)   # $LINENO
        self.aliases = aliases if aliases is not None else {}   # alias_expand.py
        self._alias_used: dict[int, frozenset] = {}
        self._alias_next: set[int] = set()
        self.tokens = [t for t in tokenize(text) if t.kind != "COMMENT"]
        self.depth = depth                     # commands around the current one
        self.final = final
        self._goto(0)

    # -- token helpers ---------------------------------------------------------
    def _goto(self, i: int) -> None:
        """Make token i the current one, `self.tok`."""
        self.i = i
        self.tok = self.tokens[i]

    def _advance(self) -> Token:
        tok = self.tok
        self._goto(self.i + 1)
        return tok

    def _is_op(self, *ops: str) -> bool:
        return self.tok.kind == "OP" and self.tok.text in ops

    def _is_redirect(self) -> bool:
        tok = self.tok
        return tok.kind in ("IO_NUMBER", "IO_NAME") or \
            (tok.kind == "OP" and tok.text in REDIRECT_OPS)

    def _is_reserved(self, word: str) -> bool:
        return self.tok.kind == "WORD" and self.tok.text == word

    def _skip_newlines(self) -> None:
        while self.tok.kind == "NEWLINE":
            self._advance()

    def _error(self, tok: Token | None = None):
        """Raise the right error for an unexpected token."""
        tok = tok or self.tok
        if tok.kind == "EOF":
            raise IncompleteInput(_("syntax error: unexpected end of file"), tok.span)
        shown = "newline" if tok.kind == "NEWLINE" else tok.text
        raise ParseError(_("syntax error near unexpected token `{token}'").format(token=shown),
                         tok.span)

    # -- grammar ---------------------------------------------------------------
    def next_command(self):
        """program: return the next complete command, or None at EOF."""
        self._skip_newlines()
        if self.tok.kind == "EOF":
            return None
        cmd = self._list(closer=None)
        if self.tok.kind == "NEWLINE":
            self._advance()
        attach_source(cmd, self.text)          # job texts come from the node
        return cmd

    def _list(self, closer: str | None):
        """complete_cmd (closer=None) or the body of ( ) / { } (closer=')' or '}')."""
        start = self.tok.span[0]
        items = []
        while True:
            if closer:
                self._skip_newlines()
            if self._at_close(closer):
                break
            node = self.and_or()
            if self._is_op("&"):
                self._advance()
                node = Background(node, (node.span[0], self.tokens[self.i - 1].span[1]))
            elif self._is_op(";") or (closer and self.tok.kind == "NEWLINE"):
                self._advance()
            elif not self._at_close(closer):
                self._error()
            items.append(node)
            if closer is None and self.tok.kind in ("NEWLINE", "EOF"):
                break
        if not items:
            self._error()
        if len(items) == 1:
            return items[0]
        return Sequence(tuple(items), (start, items[-1].span[1]))

    def _at_close(self, closer) -> bool:
        """Has the list ended?  `closer`: None (end of line), ")" or a set of words."""
        if closer is None:
            return self.tok.kind in ("NEWLINE", "EOF")
        if closer == ")":
            return self._is_op(")")
        return self.tok.kind in ("WORD", "OP") and self.tok.text in closer

    def and_or(self):
        """and_or: pipeline (('&&' | '||') linebreak pipeline)*"""
        node = self.pipeline()
        while self._is_op("&&", "||"):
            op = self._advance().text
            self._skip_newlines()
            right = self.pipeline()
            node = AndOr(node, op, right, (node.span[0], right.span[1]))
        return node

    def pipeline(self):
        """pipeline: ('time' '-p'?)? '!'? command ('|' linebreak command)*"""
        start = self.tok.span[0]
        timed = None
        if self._is_reserved("time"):
            self._advance()
            timed = "bash"
            if self._is_reserved("-p"):
                self._advance()
                timed = "posix"
        negated = self._is_reserved("!")
        if negated:
            self._advance()
        commands = [self.command()]
        while self._is_op("|", "|&"):
            if self._advance().text == "|&":      # bash: stderr down the pipe too
                commands[-1] = self._stderr_too(commands[-1])
            self._skip_newlines()
            commands.append(self.command())
        if len(commands) == 1 and not negated and not timed:
            return commands[0]
        return Pipeline(tuple(commands), negated, timed, (start, commands[-1].span[1]))

    def command(self):
        """command: '(' list ')' redirect* | '{' list '}' redirect* | simple"""
        if self.depth > MAX_NESTING:
            raise NestedTooDeeply(_("commands nested too deeply (more than {n} levels)")
                                  .format(n=MAX_NESTING), self.tok.span)
        self.depth += 1
        try:
            return self._command()
        finally:
            self.depth -= 1

    def _command(self):
        if self.aliases:
            self._expand_aliases()
        start = self.tok.span[0]
        if self._is_op("(") and self.text.startswith("((", start):
            node = self.arith_command()        # bash's (( expr )), parse_cond.py
            if node is not None:
                return self._with_redirects(node)
        if self.tok.kind == "WORD" and self.tok.text == "[[":
            return self._with_redirects(self.cond_command())
        if self._is_op("("):
            self._advance()
            body = self._list(closer=")")
            self._expect_op(")")
            return Subshell(body, self._redirects(), (start, self.tokens[self.i - 1].span[1]))
        if self._is_reserved("{"):
            self._advance()
            body = self._list(closer={"}"})
            if not self._is_reserved("}"):
                self._error()
            self._advance()
            return Group(body, self._redirects(), (start, self.tokens[self.i - 1].span[1]))
        if self.tok.kind == "WORD" and self.tok.text in ("if", "while", "until", "for", "case"):
            node = {"if": self.if_clause, "while": self.loop, "until": self.loop,
                    "for": self.for_loop, "case": self.case_clause}[self.tok.text]()
            return self._with_redirects(node)
        if self.tok.kind == "WORD" and self.tok.text in CLOSERS:
            self._error()                          # `fi` or `done` with nothing open
        if self.tok.kind == "WORD" and self.tokens[self.i + 1].kind == "OP" and \
                self.tokens[self.i + 1].text == "(" and is_name(self.tok.text):
            return self.function()
        return self.simple()

    def _expect_op(self, op: str) -> None:
        if not self._is_op(op):
            self._error()
        self._advance()

    def _redirects(self) -> tuple:
        redirs = []
        while self._is_redirect():
            redirs.append(self.redirect())
        return tuple(redirs)

    def simple(self):
        """simple: (ASSIGNMENT | redirect)* (WORD | redirect)*"""
        start = self.tok.span[0]
        assigns, words, redirs, arrays = [], [], [], []
        while True:
            tok = self.tok
            if self._is_redirect():
                redirs.append(self.redirect())
            elif tok.kind == "WORD":
                if self.aliases and (not words or id(tok) in self._alias_next) \
                        and self._expand_aliases():
                    continue
                self._advance()
                word = self._resolve(tok)
                first = words[0].parts if words else ()
                declaring = len(first) == 1 and type(first[0]) is Lit and \
                    not first[0].quoted and first[0].text in DECLARATIONS
                assign = _as_assignment(word, tok) if not words or declaring else None
                if assign and not assign.value.parts and self._is_op("(") and \
                        self.tok.span[0] == tok.span[1]:
                    assign = self._array_literal(assign)
                    if declaring:                  # local a=(1 2): see _declare_arrays
                        arrays.append(assign)
                        words.append(Word((Lit(assign.name.rstrip("+")),), assign.span))
                        continue
                if assign and not words:
                    assigns.append(assign)
                else:
                    words.append(word)
            else:
                break
        if not (assigns or words or redirs):
            self._error()
        node = Simple(tuple(assigns), tuple(words), tuple(redirs),
                      (start, self.tokens[self.i - 1].span[1]), self.line_at(start))
        return self._declare_arrays(node, arrays) if arrays else node

    def _declare_arrays(self, node: Simple, arrays: list) -> Sequence:
        """`local a=(1 2)` becomes `local a; a=(1 2)` (`readonly a=(1 2)` and
        `export`: the assignment first), so the builtin only sees names."""
        sets = Simple(tuple(arrays), (), (), node.span, node.line)
        first = node.words[0].parts[0].text in ("local", "declare", "typeset")
        return Sequence((node, sets) if first else (sets, node), node.span)

    def line_at(self, offset: int) -> int:
        """The line number of a source offset ($LINENO), counting from first_line.

        Commands come in order, so count newlines from the last one asked about.
        """
        mark, line = self._line_mark
        if offset < mark:
            mark, line = 0, self.first_line
        line += self.text.count("\n", mark, offset)
        self._line_mark = (offset, line)
        return line

    def _array_literal(self, assign: Assign) -> Assign:
        """a=(x y z): bash's indexed-array assignment; the value is a tuple of words."""
        self._advance()
        words = []
        while True:
            self._skip_newlines()
            if self._is_op(")"):
                break
            if self.tok.kind not in ("WORD", "IO_NUMBER"):
                self._error()
            words.append(self._resolve(self._advance()))
        end = self._advance().span[1]
        return Assign(assign.name, tuple(words), (assign.span[0], end))

    def redirect(self) -> Redir:
        """redirect: IO_NUMBER? op WORD"""
        start = self.tok.span[0]
        fd = None
        if self.tok.kind == "IO_NUMBER":
            fd = int(self._advance().text)
        elif self.tok.kind == "IO_NAME":       # {name}>file: fd is the variable's name
            fd = self._advance().text[1:-1]
        op_tok = self._advance()
        if self.tok.kind not in ("WORD", "IO_NUMBER"):
            self._error()
        target = self._advance()
        if op_tok.text in ("<<", "<<-"):           # the document, read by the lexer
            return Redir(fd, "<<", self._here_document(target), (start, target.span[1]))
        return Redir(fd, op_tok.text, self._resolve(target), (start, target.span[1]))

    def _here_document(self, target: Token) -> Word:
        """The document the lexer read for a << delimiter (the lines after it)."""
        cut_short = target.incomplete and target.incomplete.startswith("<<")
        if cut_short and self.final:
            line = self.text.count("\n", 0, target.span[0]) + 1
            report(_("warning: here-document at line {line} delimited by end-of-file "
                     "(wanted `{word}')").format(line=line, word=target.incomplete[2:]))
        elif target.incomplete or target.heredoc is None:
            raise IncompleteInput(_("here-document wanted `{word}'").format(word=target.text),
                                  target.span)
        parts = target.heredoc.parts if target.heredoc is not None else ()
        return Word(self._resolve_parts(parts, self.line_at(target.span[0])), target.span)

    # -- words -------------------------------------------------------------------
    def _resolve(self, tok: Token) -> Word:
        """Check a word is complete and parse the commands inside $(...)."""
        if tok.incomplete:
            raise IncompleteInput(_("unexpected end of file looking for `{text}'")
                                  .format(text=tok.incomplete),
                                  tok.span)
        if all(type(part) is Lit for part in tok.word.parts):
            return tok.word                    # the common case: nothing inside to parse
        return Word(self._resolve_parts(tok.word.parts, self.line_at(tok.span[0])), tok.span)

    def _resolve_parts(self, parts: tuple, line: int = 1) -> tuple:
        """Parse the commands inside each $(...) and <(...) of a word (with the
        shell's aliases), recursively.  `line`: the line the word is on, where
        the $LINENO of the commands inside starts (bash)."""
        out = []
        for part in parts:
            if isinstance(part, CommandSub) and part.body is None:
                body = parse(part.source, self.depth, self.final, self.aliases, line)
                part = CommandSub(body or Sequence((), (0, 0)), part.quoted, part.source)
            elif isinstance(part, ProcSub) and part.body is None:
                body = parse(part.source, self.depth, self.final, self.aliases, line)
                part = ProcSub(body or Sequence((), (0, 0)), part.reading, part.source)
            elif isinstance(part, Arith):
                part = Arith(Word(self._resolve_parts(part.expr.parts, line)), part.quoted)
            elif isinstance(part, Param) and part.op == "bad":
                out.append(part)               # reported when expanded, as bash does
                continue
            elif isinstance(part, Param) and isinstance(part.arg, tuple):   # ${x/p/r}
                part = Param(part.name, part.quoted, part.op,
                             tuple(Word(self._resolve_parts(w.parts, line)) for w in part.arg))
            elif isinstance(part, Param) and part.arg is not None:
                part = Param(part.name, part.quoted, part.op,
                             Word(self._resolve_parts(part.arg.parts, line)))
            out.append(part)
        return tuple(out)


def _as_assignment(word: Word, tok: Token) -> Assign | None:
    """NAME=value when NAME is unquoted and valid (XCU 2.10.2 rule 7)."""
    first = word.parts[0] if word.parts else None
    if not isinstance(first, Lit) or first.quoted or "=" not in first.text:
        return None
    name, _equals, rest = first.text.partition("=")
    if split_assignment(name) is None:         # NAME, NAME+, NAME[i] (varops.py)
        return None
    value_parts = ((Lit(rest),) if rest else ()) + word.parts[1:]
    return Assign(name, Word(value_parts, tok.span), tok.span)

