"""trap: run commands when the shell receives a signal (or exits).

    trap 'echo got INT' INT     catch SIGINT: a handler records it, and the
                                commands run between two commands, never
                                in the middle of one
    trap '' QUIT                ignore it -- and so will every command started
                                (an ignored signal stays ignored across exec)
    trap - INT                  back to the default action
    trap 'rm -f $tmp' EXIT      run when the shell exits
    trap                        list the traps
A caught signal is reset to its default in every child (exec cannot keep
a handler: the code it points to is gone), as sigaction(2) says.
"""
from ..run import signals
from ..errors import ShellError, report, write
from ..i18n import _
from . import args as check
from .registry import builtin

EXIT = 0
SIGKILL, SIGSTOP = 9, 19


def parse_signal(spec: str) -> int:
    number = check.signal_number(spec)
    if number in (SIGKILL, SIGSTOP):
        raise ShellError(_("{spec}: SIGKILL and SIGSTOP cannot be caught or ignored")
                         .format(spec=spec))

    return number


@builtin("trap", "run commands when a signal arrives, or at exit", "trap [-lp] ['commands' | '' | -] SIGNAL...")
def trap(sh, argv):
    """trap 'commands' SIG...  run the commands when SIG arrives (between commands)
    trap '' SIG...          ignore SIG (commands started afterwards ignore it too)
    trap - SIG...           restore SIG's default action
    trap 'commands' EXIT    run the commands when the shell exits
    trap                    list the traps that are set
    trap -p [SIG...]        the same, or only for these signals
    trap -l                 the signal names and numbers"""
    args, listing = argv[1:], False
    while args and args[0].startswith("-") and args[0] not in ("-", "--") and \
            not args[0][1:].isdigit():
        option = args.pop(0)
        if option == "-l":                     # the signal names, as kill -l
            write(1, check.signal_table())
            return 0
        if option != "-p":
            raise check.invalid_option(option)
        listing = True
    if args and args[0] == "--":
        args.pop(0)
    traps = sh.state.traps
    if listing or not args:                    # trap, trap -p [SIGNAL...]
        chosen = {parse_signal(spec) for spec in args} if args else set(traps)
        for number in sorted(chosen & set(traps)):
            action = traps[number].replace("'", "'\\''")
            write(1, f"trap -- '{action}' {check.signal_name(number)}\n")
        return 0
    if len(args) == 1 or (args[0].isascii() and args[0].isdigit()):
        # `trap INT` or `trap 0 2`: a first operand that is a signal number
        # (or a lone operand) means "reset these" (XCU trap)
        args = ["-"] + args if args[0] not in ("-", "") else args
    action, specs = args[0], args[1:]
    if not specs:
        raise check.UsageError()
    status = 0
    for spec in specs:
        try:
            number = parse_signal(spec)
        except ShellError as e:                # bash goes on with the other signals
            report(f"trap: {e.message}")
            status = 1
            continue
        if action == "-":
            traps.pop(number, None)
        else:
            traps[number] = action
        if number != EXIT:
            _set_disposition(number, None if action == "-" else
                             "ignore" if action == "" else "catch")
    return status


def _set_disposition(number: int, how: str | None) -> None:
    """sigaction(2) refuses 32 and 33 (glibc keeps them for its threads,
    nptl(7)); bash records the trap anyway and says nothing, and so do we."""
    try:
        signals.set_trap(number, how)
    except OSError:
        pass
