"""Syntax highlighting: a pygments lexer built on minish's own lexer.

One lexer serves parsing and colour, so what is highlighted is exactly
what will be parsed.  Registered as a pygments plugin (`pygmentize -l
minish file.sh`).  It must never raise: it runs on every keystroke.
"""
import os

from pygments.lexer import Lexer
from pygments.token import (Comment, Error, Keyword, Name, Number, Operator,
                            String, Text)

from .builtins import BUILTINS
from .lang.dollar import NAME_CHARS, is_name
from .lang.lexer import REDIRECT_OPS, tokenize

# After these operators (or at the start) a word is a command name.
COMMAND_STARTERS = frozenset({"|", "||", "&&", ";", "&", "(", ")", "\n", "{", "!"})
RESERVED = frozenset({"{", "}", "!", "time", "if", "then", "elif", "else", "fi", "while",
                      "until", "do", "done", "for", "in", "case", "esac"})


def on_path(name: str) -> bool:
    """Default test for 'is this a command?': a builtin or a file on $PATH."""
    if name in BUILTINS:
        return True
    if "\0" in name:
        return False
    if "/" in name:
        return os.access(name, os.X_OK) and not os.path.isdir(name)
    return any(os.access(os.path.join(d or ".", name), os.X_OK)
               for d in os.environ.get("PATH", "").split(":"))


class MinishLexer(Lexer):
    name = "minish"
    aliases = ["minish"]
    filenames = ["*.minish"]
    mimetypes = ["text/x-minish"]

    def command_exists(self, name: str) -> bool:      # the REPL overrides this
        return on_path(name)

    def get_tokens_unprocessed(self, text):
        done = 0
        try:
            for pos, kind, value in _highlight(text, self.command_exists):
                yield pos, kind, value
                done = pos + len(value)
        except Exception:                       # never break the prompt
            yield done, Text, text[done:]


def _highlight(text, command_exists):
    pos, expect_command, expect_target = 0, True, False
    for tok in tokenize(text):
        start, end = tok.span
        if start > pos:
            yield pos, Text.Whitespace, text[pos:start]
            pos = start
        raw = text[start:end]
        if tok.kind == "EOF":
            break
        if tok.kind == "COMMENT":
            yield start, Comment.Single, raw
        elif tok.kind == "NEWLINE":
            yield start, Text.Whitespace, raw
            expect_command = True
        elif tok.kind == "IO_NUMBER":
            yield start, Number, raw
        elif tok.kind == "OP":
            yield start, Operator, raw
            expect_target = tok.text in REDIRECT_OPS
            if tok.text in COMMAND_STARTERS:
                expect_command = True
        elif expect_target:
            yield from _word(start, raw)
            expect_target = False
        elif expect_command and raw in RESERVED:
            yield start, Keyword, raw
        elif expect_command and _is_assignment(raw):
            name = raw.partition("=")[0]
            yield start, Name.Variable, name + "="
            yield from _word(start + len(name) + 1, raw[len(name) + 1:])
        elif expect_command:
            plain = all(c not in "$`'\"\\" for c in raw)
            if not plain or tok.incomplete:
                yield from _word(start, raw)
            elif raw in BUILTINS:
                yield start, Name.Builtin, raw
            elif command_exists(raw):
                yield start, Name.Function, raw
            else:
                yield start, Error, raw           # not a command: shown as such
            expect_command = False
        else:
            yield from _word(start, raw)
        pos = end
    if pos < len(text):
        yield pos, Text, text[pos:]


def _is_assignment(raw: str) -> bool:
    name, eq, _ = raw.partition("=")
    return bool(eq) and is_name(name)


def _word(offset: int, raw: str):
    """Colour the inside of a word: quotes, $expansions, escapes."""
    i, n, plain_start = 0, len(raw), 0

    def plain_until(j):
        return (offset + plain_start, Text, raw[plain_start:j]) if j > plain_start else None

    while i < n:
        c = raw[i]
        if c == "'":
            end = raw.find("'", i + 1)
            end = n if end < 0 else end + 1
            kind = String.Single
        elif c == '"':
            end = i + 1
            while end < n and raw[end] != '"':
                end += 2 if raw[end] == "\\" else 1
            end = min(end + 1, n)
            kind = String.Double
        elif c == "\\":
            end, kind = min(i + 2, n), String.Escape
        elif c == "$" or c == "`":
            end = i + 1
            if c == "$" and end < n and raw[end] in "({":
                close = ")" if raw[end] == "(" else "}"
                depth = 0
                while end < n:
                    depth += (raw[end] in "({") - (raw[end] in ")}")
                    end += 1
                    if depth == 0 and raw[end - 1] == close:
                        break
            elif c == "$":
                while end < n and (raw[end] in NAME_CHARS):
                    end += 1
                if end == i + 1 and end < n and raw[end] in "?$!#@*-0123456789":
                    end += 1
            else:
                close = raw.find("`", i + 1)
                end = n if close < 0 else close + 1
            kind = Name.Variable if c == "$" and end > i + 1 and raw[i + 1] not in "(" \
                else String.Interpol
        else:
            i += 1
            continue
        piece = plain_until(i)
        if piece:
            yield piece
        yield offset + i, kind, raw[i:end]
        i = plain_start = end
    piece = plain_until(n)
    if piece:
        yield piece
