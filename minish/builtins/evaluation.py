"""eval: run text as shell commands, in this shell.

    cmd='ls | wc -l'; eval "$cmd"
The arguments are joined with spaces and parsed again, so a second round
of expansion happens: `eval echo \\$HOME` prints the home directory.
"""
from ..errors import ExpansionError, ParseError, report
from ..lang.parser import Parser
from .args import invalid_option
from .registry import builtin


def run_string(sh, text: str, first_line: int | None = None) -> int:
    """Parse and run `text` one complete command at a time in shell `sh`.

    A syntax error is reported and gives status 2; the script that called
    eval goes on (unlike a syntax error in the script itself).
    """
    parser = Parser(text, aliases=sh.state.active_aliases,
                    first_line=first_line if first_line is not None else max(sh.state.lineno, 1))
    status = 0
    sh.state.xtrace_level += 1                 # set -x shows ++ for eval's and .'s commands
    try:
        while True:                            # (job texts come from each node's span)
            try:
                node = parser.next_command()
            except ParseError as e:
                report(e.message)
                return 2
            if node is None:
                return status
            status = sh.run(node)
    finally:
        sh.state.xtrace_level -= 1


@builtin("eval", "run the arguments as a shell command", "eval [arg ...]")
def eval_(sh, argv):
    """Join the arguments with spaces and run the result as shell commands
    in this shell (so variables it sets stay set)."""
    args = argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    elif args and args[0].startswith("-") and len(args[0]) > 1:
        raise invalid_option(args[0])

    try:
        return run_string(sh, " ".join(args))
    except ExpansionError as e:                # $((1/0)), r=2 to a readonly r:
        if e.fatal:                            # bash abandons eval's text, eval fails,
            raise                              # and the caller goes on (${x?} still ends it)
        report(e.message)
        return e.status
