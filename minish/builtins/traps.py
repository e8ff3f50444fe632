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
import signal

from ..run import signals
from ..errors import ShellError, write
from .registry import builtin

EXIT = 0


def parse_signal(spec: str) -> int:
    if spec.upper() in ("EXIT", "0"):
        return EXIT
    if spec.isascii() and spec.isdigit():
        number = int(spec)
    else:
        name = spec.upper() if spec.upper().startswith("SIG") else "SIG" + spec.upper()
        try:
            number = signal.Signals[name].value
        except KeyError:
            raise ShellError(f"{spec}: invalid signal specification") from None
    if number in (signal.SIGKILL, signal.SIGSTOP):
        raise ShellError(f"{spec}: SIGKILL and SIGSTOP cannot be caught or ignored")
    return number


def _name(number: int) -> str:
    return "EXIT" if number == EXIT else signal.Signals(number).name


@builtin("trap", "run commands when a signal arrives, or at exit", "trap [-p] ['commands' | '' | -] SIGNAL...")
def trap(sh, argv):
    """trap 'commands' SIG...  run the commands when SIG arrives (between commands)
    trap '' SIG...          ignore SIG (commands started afterwards ignore it too)
    trap - SIG...           restore SIG's default action
    trap 'commands' EXIT    run the commands when the shell exits
    trap                    list the traps that are set"""
    args = [a for a in argv[1:] if a != "-p"]
    if args[:1] == ["--"]:
        args = args[1:]
    traps = sh.state.traps
    if not args:
        for number in sorted(traps):
            action = traps[number].replace("'", "'\\''")
            write(1, f"trap -- '{action}' {_name(number)}\n")
        return 0
    if len(args) == 1 or (args[0].isascii() and args[0].isdigit()):
        # `trap INT` or `trap 0 2`: a first operand that is a signal number
        # (or a lone operand) means "reset these" (XCU trap)
        args = ["-"] + args if args[0] not in ("-", "") else args
    action, specs = args[0], args[1:]
    if not specs:
        raise ShellError("usage: trap ['commands' | '' | -] SIGNAL...", status=2)
    for spec in specs:
        number = parse_signal(spec)
        if action == "-":
            traps.pop(number, None)
            if number != EXIT:
                signals.set_trap(number, None)
        else:
            traps[number] = action
            if number != EXIT:
                signals.set_trap(number, "ignore" if action == "" else "catch")
    return 0
