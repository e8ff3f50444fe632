"""minish's command line: minish [-x] [-c COMMANDS [ARG0 [ARGS...]] | FILE [ARGS...]]

With no -c and no FILE, commands come from stdin: an interactive prompt
when stdin is a terminal (the REPL, imported only then), else line by line.
"""

import os
import sys

USAGE = """usage: minish [options] [-c COMMANDS [ARG0 [ARGS...]] | FILE [ARGS...]]
       minish lesson [NAME]                 list the lessons, or run one
       minish demo FILE [--record F.cast]   play a lesson or script for a class
       minish lab [start NAME [DIR] | check [DIR]]   write C, get it graded
  -c COMMANDS   run COMMANDS, then exit; ARG0 becomes $0 and ARGS $1...
  FILE ARGS     run the script FILE with $1... set to ARGS
  -x            print each command before running it (set -x)
  --trace       narrate every system call the shell makes (set -o trace)
  -i            interactive even when stdin is not a terminal
  --help        this text
With neither, read commands from stdin (a prompt when it is a terminal).
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    options, command, interactive = set(), None, None
    while args and args[0].startswith("-") and args[0] != "-":
        opt = args.pop(0)
        if opt == "--":
            break
        if opt in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        if opt == "-c":
            if not args:
                sys.stderr.write("minish: -c: option requires an argument\n")
                return 2
            command = args.pop(0)
            break
        if opt == "-x":
            options.add("xtrace")
        elif opt == "--trace":
            options.add("trace")
        elif opt == "-i":
            interactive = True
        elif opt == "-s":
            break
        else:
            sys.stderr.write(f"minish: {opt}: invalid option\n{USAGE}")
            return 2

    if command is None and args and args[0] == "lab" and not os.path.exists("lab"):
        from .teach.lab_cli import main as lab_main     # C labs graded by strace
        return lab_main(args[1:])
    from .errors import ExitShell
    from .shell import Shell
    if command is None and args and args[0] in ("lesson", "demo") and \
            not os.path.exists(args[0]):
        return _subcommand(args, options)
    if command is not None:
        shell = Shell(args[0] if args else "minish", args[1:])
    elif args:
        shell = Shell(args[0], args[1:])
    else:
        if interactive is None:
            interactive = os.isatty(0)
        shell = Shell("minish", [], interactive=interactive)
    from .builtins.variables import set_option
    for option in options:
        set_option(shell.executor, option, True)
    try:
        status = _run(shell, command, args)
    except ExitShell as e:
        status = e.status
    shell.state.last_status = status
    try:
        shell.executor.run_exit_trap()         # trap '...' EXIT
    except ExitShell as e:
        status = e.status
    return status


def _run(shell, command: str | None, args: list[str]) -> int:
    """-c COMMANDS, a script FILE, the REPL, or lines from stdin."""
    from .errors import report
    if command is not None:
        return shell.run_line(command)
    if args:
        try:
            with open(args[0], encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
        except OSError as e:
            report(f"{args[0]}: {e.strerror}")
            return 127 if isinstance(e, FileNotFoundError) else 126
        return shell.run_line(text)
    if shell.state.interactive:
        from .repl import run_repl             # only now: prompt_toolkit is heavy
        return run_repl(shell)
    return shell.run_stdin()


def _subcommand(args: list[str], options: set) -> int:
    """minish lesson [NAME] | minish demo FILE [--record FILE.cast]"""
    from .errors import ExitShell
    from .shell import Shell
    if args[0] == "lesson" and len(args) == 1:
        from .repl.lesson import list_lessons
        return list_lessons()
    shell = Shell("minish", [], interactive=True)
    if args[0] == "lesson":
        from .repl import prepare
        from .repl.lesson import run_lesson
        try:
            return run_lesson(shell, prepare(shell), args[1])
        except ExitShell as e:
            return e.status
    from .repl.demo import run_demo
    return run_demo(args[1:])


def entry() -> None:
    """The console script: exit with main()'s status, flushing first."""
    try:
        status = main()
    except KeyboardInterrupt:
        status = 130
    except Exception as e:                     # the very last resort: one line
        sys.stderr.write(f"minish: internal error: {type(e).__name__}: {e}\n")
        status = 1
    try:
        sys.stdout.flush()
    except OSError:
        pass
    os._exit(status)


if __name__ == "__main__":
    entry()
