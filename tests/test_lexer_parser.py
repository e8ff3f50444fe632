"""Table-driven unit tests for the lexer and the parser, and a property test."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from minish.errors import IncompleteInput, ParseError
from minish.lang.lexer import tokenize
from minish.lang.parser import parse
from minish.lang.syntax import (AndOr, Assign, Background, CommandSub, Group, Lit, Param,
                           Pipeline, Redir, Sequence, Simple, Subshell, Word)


def kinds(text):
    return [(t.kind, t.text) for t in tokenize(text)][:-1]     # drop EOF


LEXER_TABLE = [
    ("echo hi", [("WORD", "echo"), ("WORD", "hi")]),
    ("a|b", [("WORD", "a"), ("OP", "|"), ("WORD", "b")]),
    ("a||b&&c", [("WORD", "a"), ("OP", "||"), ("WORD", "b"), ("OP", "&&"), ("WORD", "c")]),
    ("x 2>&1", [("WORD", "x"), ("IO_NUMBER", "2"), ("OP", ">&"), ("WORD", "1")]),
    ("x 2 >f", [("WORD", "x"), ("WORD", "2"), ("OP", ">"), ("WORD", "f")]),
    ("a>>b", [("WORD", "a"), ("OP", ">>"), ("WORD", "b")]),
    ("'a b' c", [("WORD", "'a b'"), ("WORD", "c")]),
    ('"a;b"', [("WORD", '"a;b"')]),
    ("a # c", [("WORD", "a"), ("COMMENT", "# c")]),
    ("a#b", [("WORD", "a#b")]),
    ("a\nb", [("WORD", "a"), ("NEWLINE", "\n"), ("WORD", "b")]),
    ("(a)", [("OP", "("), ("WORD", "a"), ("OP", ")")]),
    ("$(a b)c", [("WORD", "$(a b)c")]),
    ("<>f >|g", [("OP", "<>"), ("WORD", "f"), ("OP", ">|"), ("WORD", "g")]),
]


@pytest.mark.parametrize("text,expected", LEXER_TABLE)
def test_lexer(text, expected):
    assert kinds(text) == expected


WORD_TABLE = [
    ("abc", (Lit("abc"),)),
    ("'a b'", (Lit("a b", True),)),
    ('"x$y"', (Lit("x", True), Param("y", True))),
    ("a\\ b", (Lit("a"), Lit(" ", True), Lit("b"))),
    ('""', (Lit("", True),)),
    ("${x}", (Param("x", False, None, None),)),
    ("$?$#", (Param("?", False), Param("#", False))),
    ("${#x}", (Param("x", False, "#", None),)),
    ("$", (Lit("$"),)),
]


@pytest.mark.parametrize("text,parts", WORD_TABLE)
def test_word_parts(text, parts):
    (tok, _eof) = tokenize(text)
    assert tok.word.parts == parts


def simple(*words, assigns=(), redirs=()):
    return Simple(tuple(assigns), tuple(Word((Lit(w),)) for w in words), tuple(redirs))


PARSER_TABLE = [
    ("ls", simple("ls")),
    ("ls -l", simple("ls", "-l")),
    ("a | b", Pipeline((simple("a"), simple("b")), False)),
    ("! a", Pipeline((simple("a"),), True)),
    ("a && b || c", AndOr(AndOr(simple("a"), "&&", simple("b")), "||", simple("c"))),
    ("a; b", Sequence((simple("a"), simple("b")))),
    ("a &", Background(simple("a"))),
    ("(a)", Subshell(simple("a"), ())),
    ("{ a; }", Group(simple("a"), ())),
    ("(a) > f", Subshell(simple("a"), (Redir(None, ">", Word((Lit("f"),))),))),
    ("x=1", Simple((Assign("x", Word((Lit("1"),))),), (), ())),
    ("x=1 cmd", Simple((Assign("x", Word((Lit("1"),))),), (Word((Lit("cmd"),)),), ())),
    ("cmd x=1", simple("cmd", "x=1")),
    ("> f", Simple((), (), (Redir(None, ">", Word((Lit("f"),))),))),
    ("a 2>&1", simple("a", redirs=[Redir(2, ">&", Word((Lit("1"),)))])),
    ("a <&-", simple("a", redirs=[Redir(None, "<&", Word((Lit("-"),)))])),
    ("a |\n b", Pipeline((simple("a"), simple("b")), False)),
    ("echo }", simple("echo", "}")),
]


@pytest.mark.parametrize("text,tree", PARSER_TABLE)
def test_parser(text, tree):
    assert parse(text) == tree


def test_command_substitution_is_parsed():
    tree = parse("echo $(a | b)")
    sub = tree.words[1].parts[0]
    assert isinstance(sub, CommandSub)
    assert sub.body == Pipeline((simple("a"), simple("b")), False)


ERROR_TABLE = [
    ("| a", ParseError, "`|'"),
    ("a ;;", ParseError, "`;;'"),
    ("a )", ParseError, "`)'"),
    (";", ParseError, "`;'"),
    ("a >", IncompleteInput, "end of file"),
    ("a |", IncompleteInput, "end of file"),
    ("a &&", IncompleteInput, "end of file"),
    ("'abc", IncompleteInput, "`'"),
    ('"abc', IncompleteInput, '`"'),
    ("( a", IncompleteInput, "end of file"),
    ("{ a", IncompleteInput, "end of file"),
    ("$(a", IncompleteInput, "$("),
    ("a <<EOF", IncompleteInput, "here-document wanted `EOF'"),
]


@pytest.mark.parametrize("text,error,fragment", ERROR_TABLE)
def test_parse_errors(text, error, fragment):
    with pytest.raises(error) as info:
        parse(text)
    assert type(info.value) is error
    assert fragment in info.value.message


def test_error_span_points_at_the_token():
    with pytest.raises(ParseError) as info:
        parse("echo ok ; ;")
    assert info.value.span == (10, 11)


def test_spans_cover_the_source():
    text = "echo a | wc -l && true"
    tree = parse(text)
    assert text[slice(*tree.span)] == text
    assert text[slice(*tree.left.span)] == "echo a | wc -l"


SHELL_ALPHABET = st.sampled_from(list("ab $'\"\\|&;()<>{}#\n\t`=*?[]~!-12"))


@settings(max_examples=1500, deadline=None)
@given(st.text(SHELL_ALPHABET, max_size=40) | st.text(max_size=40))
def test_any_text_gives_a_tree_or_a_parse_error(text):
    """The lexer never raises; the parser raises only its own errors."""
    tokens = tokenize(text)
    assert tokens[-1].kind == "EOF"
    try:
        parse(text)
    except ParseError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.text(SHELL_ALPHABET, max_size=30))
def test_token_spans_are_in_order(text):
    last = 0
    for tok in tokenize(text):
        assert last <= tok.span[0] <= tok.span[1] <= len(text)
        last = tok.span[1]
