"""minish's command line: minish [-x] [-c COMMANDS [ARG0 [ARGS...]] | FILE [ARGS...]]

With no -c and no FILE, commands come from stdin: an interactive prompt
when stdin is a terminal (the REPL, imported only then), else line by line.
"""

import os
import sys

import _signal          # the C module behind `signal`, without enum's import cost

from .i18n import _, strerror


def usage() -> str:
    """`minish --help`, in the student's language (translated when printed)."""
    return _("""usage: minish [options] [-c COMMANDS [ARG0 [ARGS...]] | FILE [ARGS...]]
       minish lesson [--lessons DIR] [NAME] list the lessons, or run one
       minish lesson --clean                remove what killed lessons left behind
       minish demo FILE [--record F.cast]   play a lesson or script for a class
       minish lab [start NAME [DIR] | check [DIR]]   write C, get it graded
  -c COMMANDS   run COMMANDS, then exit; ARG0 becomes $0 and ARGS $1...
  FILE ARGS     run the script FILE with $1... set to ARGS
  -x -e -u ...  set options as `set` does (+x turns one off); -o NAME, -O NAME
  --trace       narrate every system call the shell makes (set -o trace)
  -o NAME       turn on an option, as set -o NAME (-o spawn: posix_spawn)
  -i            interactive even when stdin is not a terminal
  -l, --login   accepted (a login shell); --norc: skip ~/.minishrc; --rcfile F
  --help        this text
With neither, read commands from stdin (a prompt when it is a terminal).
""")


def main(argv: list[str] | None = None) -> int:
    _reserve_closed_std_fds()
    _signal.signal(_signal.SIGPIPE, _signal.SIG_DFL)   # see entry()
    args = list(sys.argv[1:] if argv is None else argv)
    parsed = _parse_options(args)
    if isinstance(parsed, int):
        return parsed
    options, command, interactive, rcfile = parsed

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
        shell.command_string = True
        shell.state.command_mode = True
    elif args:
        shell = Shell(args[0], args[1:])
    else:
        if interactive is None:
            interactive = os.isatty(0)
        shell = Shell("minish", [], interactive=interactive)
    from .builtins.options import LONG, set_option
    from .errors import Interrupted
    interrupted = 0
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
    except (KeyboardInterrupt, Interrupted) as e:
        interrupted = getattr(e, "signum", 2)
        status = 128 + interrupted
    shell.state.last_status = status
    try:
        shell.executor.run_exit_trap()         # trap '...' EXIT
    except ExitShell as e:
        status = e.status
    if interrupted:
        # A script stopped by Ctrl-C ends *by* SIGINT, so that the shell that
        # started it sees WIFSIGNALED and stops too (bash does the same).
        from .run.process import die_by_signal
        die_by_signal(interrupted)
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
            sys.stdout.write(usage())
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
                    _complain(_("{option}: option requires an argument").format(option="--rcfile"))
                    return 2
                rcfile = args.pop(0)
            continue
        if len(arg) < 2 or arg[0] not in "-+" or arg.startswith("--"):
            if arg.startswith("--"):
                _complain(_("{option}: invalid option").format(option=arg), usage())
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
                    _complain(_("{option}: option requires an argument")
                              .format(option="-" + letter))
                    return 2
                name = args.pop(0)
                if name not in (LONG if letter == "o" else SHOPT):
                    _complain(_("{name}: invalid option name").format(name=name))
                    return 2
                options[name] = on
            elif letter in LETTERS:
                options[LETTERS[letter]] = on
            else:
                _complain(_("{option}: invalid option").format(option=arg[0] + letter), usage())
                return 2
    command = None
    if command_mode:
        if not args:
            _complain(_("{option}: option requires an argument").format(option="-c"))
            return 2
        command = args.pop(0)
    return options, command, interactive, rcfile


def _complain(message: str, then: str = "") -> None:
    """`minish: message` on stderr, and the usage text if it helps."""
    sys.stderr.write(f"minish: {message}\n{then}")


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
    from .errors import in_script, report
    if command is not None:
        return shell.run_line(command)
    if args:
        try:
            with open(args[0], encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
        except OSError as e:
            report(f"{args[0]}: {strerror(e.errno)}")
            return 127 if isinstance(e, FileNotFoundError) else 126
        in_script(args[0], lambda: shell.state.lineno)
        return shell.run_line(text)
    if shell.state.interactive:
        from .repl import run_repl             # only now: prompt_toolkit is heavy
        return run_repl(shell)
    return shell.run_stdin()


def _subcommand(args: list[str], options: set) -> int:
    """minish lesson [--lessons DIR] [--clean] [NAME] | minish demo FILE [--record FILE.cast]"""
    from .errors import ExitShell, report
    from .shell import Shell
    if any(a in ("-h", "--help") for a in args[1:]):
        # The synopsis lines of usage(), whatever word the language puts before them.
        lines = [line[line.find("minish "):] for line in usage().splitlines()]
        sys.stdout.write("".join(_("usage: {synopsis}").format(synopsis=line) + "\n"
                                 for line in lines if line.startswith(f"minish {args[0]} ")))
        return 0
    while len(args) > 1 and args[1] in ("--lessons", "--clean"):
        if args[1] == "--clean":
            if args[0] != "lesson":
                break                          # only `minish lesson` has --clean
            from .teach.scratch import clean
            return clean(lambda line: sys.stdout.write(line + "\n"))
        if len(args) < 3:
            report(_("{option}: option requires an argument").format(
                option=args[0] + ": --lessons"))
            return 2
        # The instructor's directory goes first in MINISH_LESSONS, the one
        # place lessons.lesson_dirs() looks, so a demo's child sees it too.
        old = os.environ.get("MINISH_LESSONS")
        os.environ["MINISH_LESSONS"] = os.pathsep.join(filter(None, (args[2], old)))
        del args[1:3]
    if args[0] == "lesson" and len(args) == 1:
        from .repl.lesson import list_lessons
        return list_lessons()
    shell = Shell("minish", [], interactive=True)
    # The interactive shell ignores SIGPIPE (a builtin gets EPIPE and says
    # "write error"); the lesson runner as a whole is a program like `cat`:
    # `minish lesson pipes | head` ends it quietly.
    from .run import signals
    signals.shell_handles(_signal.SIGPIPE, _signal.SIG_DFL)
    if args[0] == "lesson":
        from .repl import prepare
        from .repl.lesson import run_lesson
        try:
            return run_lesson(shell, prepare(shell), args[1])
        except ExitShell as e:
            return e.status
    from .repl.demo import run_demo
    return run_demo(args[1:])


def _reserve_closed_std_fds() -> None:
    """Started with fd 0, 1 or 2 closed (`minish -c ... >&-`)?  Keep it closed
    to every command, but reserved, as bash behaves.

    Else the next open(2) would return it (the lowest free fd, open(2)), and
    a script file or a saved fd would silently become our stdin or stdout.
    An O_PATH descriptor holds the number: read(2) and write(2) on it fail
    with EBADF exactly as on a closed fd, and close-on-exec closes it in
    every program we start.  Python left sys.stdout (etc.) None for a closed
    fd; give it a stream whose writes fail the same way, not a crash.
    """
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        held = os.open("/dev/null", os.O_PATH | os.O_CLOEXEC)
        if held != fd:                         # cannot happen: 0..fd-1 are open
            os.close(held)
            continue
        if getattr(sys, name) is None:
            setattr(sys, name, open(fd, mode, closefd=False))


def entry() -> None:
    """The console script: exit with main()'s status, flushing first."""
    from .errors import report
    from .run.process import die_by_signal
    try:
        status = main()
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:                    # our reader has gone: as `cat` would
        die_by_signal(_signal.SIGPIPE)     # silently, as `cat` would
    except Exception as e:                     # the very last resort: one line
        report(_("internal error: {error}").format(error=f"{type(e).__name__}: {e}"))
        status = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        die_by_signal(_signal.SIGPIPE)     # silently, as `cat` would
    except (OSError, ValueError):
        pass
    os._exit(status)


if __name__ == "__main__":
    entry()
