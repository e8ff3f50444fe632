"""getopts: parse a script's (or a function's) options, one per call.

    while getopts 'hc:' opt; do
        case $opt in
            h) echo help ;;
            c) echo "c with $OPTARG" ;;
            '?') exit 2 ;;
        esac
    done
    shift $((OPTIND - 1))        # the operands are left in "$@"

Each call looks at argument number $OPTIND (starting at 1), puts the
next option letter in the variable and its argument in $OPTARG, and
fails (status 1) when the options are over: at the first non-option,
after `--`, or at the end.  A letter followed by `:` takes an argument.
A leading `:` in the spec asks for silent errors: opt is `?` (unknown
option) or `:` (argument missing), with the letter in $OPTARG.
"""
from ..errors import report
from ..i18n import _
from ..lang.dollar import is_name
from .args import UsageError
from .registry import builtin


@builtin("getopts", "parse options, one per call", "getopts optstring name [arg ...]")
def getopts(sh, argv):
    """Put the next option of "$@" (or of the args) in NAME; see `help getopts`."""
    if len(argv) < 3:
        raise UsageError()                     # "getopts: usage: ...", as bash
    spec, name = argv[1], argv[2]
    args = argv[3:] if len(argv) > 3 else list(sh.state.positional)
    state = sh.state
    silent = spec.startswith(":")
    try:
        optind = int(state.get("OPTIND") or "1")
    except ValueError:
        optind = 1
    # Where in a bundle like -abc we are: kept beside the OPTIND it goes with,
    # so assigning OPTIND=1 starts over (as bash does).
    saved_optind, pos = state.getopts_place
    if saved_optind != optind or optind < 1:
        pos = 1
    optind = max(optind, 1)

    def finish(letter: str, optarg: str | None, next_ind: int, next_pos: int) -> int:
        state.set("OPTIND", str(next_ind))
        state.getopts_place = (next_ind, next_pos)
        if optarg is None:
            state.unset("OPTARG")
        else:
            state.set("OPTARG", optarg)
        if not is_name(name):
            report("getopts: " + _("`{name}': not a valid identifier").format(name=name))
            return 2
        state.set(name, letter)
        return 0

    if optind > len(args):                     # nothing left (OPTIND no further than $#+1)
        finish("?", None, min(optind, len(args) + 1), 1)
        return 1
    arg = args[optind - 1]
    if pos == 1 and (arg == "--"):
        finish("?", None, optind + 1, 1)
        return 1
    if pos == 1 and (len(arg) < 2 or arg[0] != "-"):
        finish("?", None, optind, 1)
        return 1
    letter = arg[pos]
    last = pos + 1 >= len(arg)                 # the last letter of this bundle?
    next_ind, next_pos = (optind + 1, 1) if last else (optind, pos + 1)
    where = spec.find(letter) if letter != ":" else -1
    if where < 0:
        if not silent:
            report_as(sh, _("illegal option -- {letter}").format(letter=letter))
        return finish("?", letter if silent else None, next_ind, next_pos)
    if spec[where + 1:where + 2] != ":":
        return finish(letter, None, next_ind, next_pos)
    if not last:                               # -cVALUE
        return finish(letter, arg[pos + 1:], optind + 1, 1)
    if optind < len(args):                     # -c VALUE
        return finish(letter, args[optind], optind + 2, 1)
    if silent:
        return finish(":", letter, optind + 1, 1)
    report_as(sh, _("option requires an argument -- {letter}").format(letter=letter))

    return finish("?", None, optind + 1, 1)


def report_as(sh, message: str) -> None:
    """getopts's own errors name the script ($0), as bash's do."""
    from ..errors import write
    try:
        write(2, f"{sh.state.arg0}: {message}\n")
    except OSError:
        pass
