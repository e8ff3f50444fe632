"""set -x (xtrace): the line the shell writes before it runs a command.

POSIX (XCU 2.14, `set -x`; 2.5.3, PS4): once a command is expanded and
before it runs, the shell writes it to stderr after the expansion of PS4
("+ " unless changed).  As bash does:
- the first character of PS4 is repeated once more per level of nesting:
  `++` for a command inside $(...), <(...), eval or `.`;
- PS4 unset or empty means no prefix at all, and a PS4 whose expansion
  fails is reported and written as it is;
- besides simple commands, what the shell tests or loops on is shown:
  `for NAME in WORDS` (as written) before each round, `case WORD in`,
  `(( EXPR ))`, each part of `for (( ; ; ))`, and each test inside
  `[[ ]]` (builtins/cond.py).

Everything here is written with `sh`, the shell (it has .state and
.expander).  Nothing is printed when xtrace is off: callers check first.
"""
from ..errors import ExpansionError, ParseError, ShellError, report, write

SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_")

_parsed: dict = {}                             # PS4 text -> its Word, parsed once


def on(sh) -> bool:
    return "xtrace" in sh.state.options


def show(sh, text: str, lead: str | None = None) -> None:
    """Write `text` after the expanded PS4 (or `lead`, PS4 as it was), on stderr."""
    try:
        write(2, (prefix(sh) if lead is None else lead) + text + "\n")
    except OSError:                            # stderr closed: the command still runs
        pass


def command(sh, assigns: dict, argv: list[str], lead: str | None = None) -> None:
    """A simple command: each assignment on a line of its own, then the
    words, each quoted so that the shell would read it back (bash)."""
    for name, value in assigns.items():
        show(sh, f"{name}={quote(value) if value else ''}", lead)   # `x=`, but `echo ''`
    if argv:
        show(sh, " ".join(quote(a) for a in argv), lead)


def assignments(sh, assigns) -> dict:
    """Expand a command's prefix assignments (`a=1 b=$(x) cmd`), showing
    each once its value is known: the trace of a $(...) in b's value comes
    after `a=1` and before `b=...`, as in bash."""
    values = {}
    for a in assigns:
        values[a.name] = value = sh.expander.assignment_value(a.value)
        command(sh, {a.name: value}, [])
    return values


def quote(word: str) -> str:
    """Quote a word so that the shell would read it back unchanged."""
    if word and all(c in SAFE for c in word):
        return word
    return "'" + word.replace("'", "'\\''") + "'"


def source_text(node, word) -> str:
    """A word as it was written (`for` and `case` show their words so)."""
    span = getattr(node, "span", None)
    source = getattr(span, "source", None)
    if source is None or not word.span[1]:
        return "?"
    return source[word.span[0]:word.span[1]]


def prefix(sh) -> str:
    state = sh.state
    template = state.vars.get("PS4")
    if not template:
        return ""
    if "$" in template or "`" in template:
        template = _expand(sh, template)
    return template[:1] * state.xtrace_level + template[1:]


def _expand(sh, template: str) -> str:
    """PS4's parameters, $(...) and $((...)), as in a here-document; the
    commands of a $(...) in it are not traced themselves (bash)."""
    from ..lang.parser import parse_here_text
    word = _parsed.get(template)
    options = sh.state.options
    options.discard("xtrace")
    try:
        if word is None:
            word = _parsed[template] = parse_here_text(template)
        return sh.expander.single(word)
    except (ShellError, ExpansionError, ParseError) as e:
        report(e.message)                      # bash: said, and PS4 written unexpanded
        return template
    finally:
        options.add("xtrace")


def arith(sh, word, part: str = "") -> int:
    """Evaluate (( WORD )), or a `part` of for (( init; cond; step )), and
    show it as bash does: `(( ` + the expanded text + ` ))`; a part
    without its leading blanks.  An empty part is 1 (an empty condition
    is true), and shown so."""
    from ..lang.arith import evaluate
    text = sh.expander.single(word) if word.parts else ""
    if part and not text.strip():
        if on(sh):
            show(sh, "(( 1 ))")
        return 1
    if on(sh):
        show(sh, f"(( {text.lstrip() if part else text} ))")
    return evaluate(text, sh.state)
