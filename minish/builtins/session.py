"""The session: history and help."""
from .. import i18n
from ..errors import report
from ..i18n import N_, _
from . import args as check
from .core import out
from .registry import BUILTINS, Builtin, builtin


@builtin("history", "list the commands typed at the prompt", "history [-c] [n]")
def history(sh, argv):
    """Show the command history, numbered (the last n with a number).
    history -c   forget it (the file keeps what was saved)"""
    entries = sh.state.history
    if "-c" in argv[1:]:
        entries.clear()
        return 0
    count = len(entries)
    if len(argv) > 1:
        if argv[1].startswith("-") and not argv[1][1:].isdigit():
            raise check.invalid_option(argv[1])
        count = max(check.integer(argv[1], status=1), 0)
    start = max(len(entries) - count, 0)
    for number, text in enumerate(entries[start:], start + 1):
        out(f"{number:5d}  {text}\n")
    return 0


# Keywords with a help page: the parser handles them, but students ask for them as in bash.
# (Marked with N_ here, translated by `help`, as the builtins' own texts are.)
KEYWORDS = {"time": Builtin(
    "time", None, N_("run a pipeline, then print the time it took"), "time [-p] pipeline",
    N_("""real is the wall-clock time; user and sys are the CPU time the pipeline's
    processes used, counted once they have been waited for (times(2)).
    -p  the POSIX format: seconds, one line each for real, user and sys"""), False)}


def _translated(text: str) -> str:
    """A summary or help page in the student's language.

    Not a literal: the texts come from the @builtin decorators and the
    docstrings, and scripts/babel_extract.py puts every one of them in the
    catalog (tests/test_i18n.py checks they are all translated).  Called as
    i18n._ because `_()` itself takes only literals (test_i18n's marking
    rule).  "" stays "": gettext would answer it with the catalog's header.
    """
    return i18n._(text) if text else text


@builtin("help", "list the builtins, or explain one", "help [name]")
def help_(sh, argv):
    """help        one line for every builtin
    help NAME   what NAME does and how to call it"""
    from .registry import load_all
    load_all()
    if len(argv) == 1:
        width = max(len(name) for name in BUILTINS)
        for name in sorted(BUILTINS):
            out(f"{name:<{width}}  {_translated(BUILTINS[name].summary)}\n")
        return 0
    status = 0
    for name in argv[1:]:
        b = BUILTINS.get(name) or KEYWORDS.get(name)
        if b is None:
            report("help: " + _("no help topics match `{name}'").format(name=name))
            status = 1
            continue
        out(f"{b.usage}\n    {_translated(b.summary)}\n\n")
        body = _translated(b.help) if b.help != b.summary else ""

        if body:
            out("".join("    " + line.strip() + "\n" for line in body.splitlines()) + "\n")
    return status
