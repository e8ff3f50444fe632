"""minish's command line: minish [-x] [-c COMMANDS [ARG0 [ARGS...]] | FILE [ARGS...]]

With no -c and no FILE, commands come from stdin: an interactive prompt
when stdin is a terminal (the REPL, imported only then), else line by line.
"""

import os
import sys

USAGE = """usage: minish [options] [-c COMMANDS [ARG0 [ARGS...]] | FILE [ARGS...]]
       minish lesson [NAME]                 list the lessons, or run one
       minish demo FILE [--record F.cast]   play a lesson or script for a class
  -c COMMANDS   run COMMANDS, then exit; ARG0 becomes $0 and ARGS $1...
  FILE ARGS     run the script FILE with $1... set to ARGS
  -x -e -u ...  set options as `set` does (+x turns one off); -o NAME, -O NAME
  --trace       narrate every system call the shell makes (set -o trace)
  -i            interactive even when stdin is not a terminal
  -l, --login   accepted (a login shell); --norc: skip ~/.minishrc; --rcfile F
  --help        this text
With neither, read commands from stdin (a prompt when it is a terminal).
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parsed = _parse_options(args)
    if isinstance(parsed, int):
        return parsed
    options, command, interactive, rcfile = parsed

    from .errors import ExitShell
    from .shell import Shell
    if command is None and args and args[0] in ("lesson", "demo") and \
            not os.path.exists(args[0]):
        return _subcommand(args, options)
    if command is not None:
        shell = Shell(args[0] if args else "minish", args[1:])
        shell.state.command_mode = True
    elif args:
        shell = Shell(args[0], args[1:])
    else:
        if interactive is None:
            interactive = os.isatty(0)
        shell = Shell("minish", [], interactive=interactive)
    from .builtins.options import LONG, set_option
    try:
        for option, on in options.items():
            if option in LONG:
                set_option(shell.executor, option, on)
            elif on:                           # -O name: a shopt option
                shell.state.options.add(option)
        if shell.state.interactive and rcfile:
            _source_rc(shell, rcfile)
        status = _run(shell, command, args)
    except ExitShell as e:
        status = e.status
    shell.state.last_status = status
    try:
        shell.executor.run_exit_trap()         # trap '...' EXIT
    except ExitShell as e:
        status = e.status
    return status


def _parse_options(args: list[str]):
    """Options before the script, as sh(1) takes them: -x -e -u... (or +x to
    turn one off), -o NAME, -O NAME (shopt), -c, -i, -s, -l/--login, --norc,
    --rcfile FILE; `-` or `--` ends them.  Removes them from `args`.
    Returns (options, command, interactive, rcfile), or an exit status."""
    from .builtins.options import LETTERS, LONG, SHOPT
    options: dict[str, bool] = {}
    command_mode, interactive = False, None
    rcfile = os.path.expanduser("~/.minishrc")
    while args:
        arg = args[0]
        if arg in ("--", "-"):
            args.pop(0)
            break
        if arg in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        if arg in ("--login", "--norc", "--noprofile", "--posix", "--noediting", "--trace",
                   "--rcfile"):
            args.pop(0)
            if arg == "--trace":
                options["trace"] = True
            elif arg == "--norc":
                rcfile = None
            elif arg == "--rcfile":
                if not args:
                    sys.stderr.write("minish: --rcfile: option requires an argument\n")
                    return 2
                rcfile = args.pop(0)
            continue
        if len(arg) < 2 or arg[0] not in "-+" or arg.startswith("--"):
            if arg.startswith("--"):
                sys.stderr.write(f"minish: {arg}: invalid option\n{USAGE}")
                return 2
            break
        args.pop(0)
        on = arg[0] == "-"
        for letter in arg[1:]:
            if letter == "c":
                command_mode = True             # bash takes +c as -c too
            elif letter == "i":
                interactive = on
            elif letter in "sl":
                pass                           # stdin is the default; a login shell reads no profile
            elif letter in "oO":
                if not args:
                    sys.stderr.write(f"minish: -{letter}: option requires an argument\n")
                    return 2
                name = args.pop(0)
                if name not in (LONG if letter == "o" else SHOPT):
                    sys.stderr.write(f"minish: {name}: invalid option name\n")
                    return 2
                options[name] = on
            elif letter in LETTERS:
                options[LETTERS[letter]] = on
            else:
                sys.stderr.write(f"minish: {arg[0]}{letter}: invalid option\n{USAGE}")
                return 2
    command = None
    if command_mode:
        if not args:
            sys.stderr.write("minish: -c: option requires an argument\n")
            return 2
        command = args.pop(0)
    return options, command, interactive, rcfile


def _source_rc(shell, path: str) -> None:
    """An interactive minish first runs ~/.minishrc (or --rcfile FILE), if
    it exists, as bash runs ~/.bashrc: aliases, PS1, functions..."""
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
    except OSError:
        return
    shell.run_line(text)


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
