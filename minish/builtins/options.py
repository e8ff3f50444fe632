"""Options: set and shopt.

`set` holds the POSIX options (one letter each, or a long name after -o);
`shopt` holds bash's extra ones.  Both live in state.options as names, so
`set -u` and `set -o nounset` are the same switch.

    set -e  errexit     exit when a command fails
    set -u  nounset     expanding an unset variable is an error
    set -x  xtrace      print each command before running it
    set -f  noglob      no pathname expansion
    set -C  noclobber   `>` refuses to overwrite a file (`>|` still does)
    set -a  allexport   every variable assigned is exported
    set -n  noexec      read commands but do not run them
    set -o pipefail     a pipeline fails if any stage fails
"""
from ..errors import ShellError
from ..i18n import _
from . import args as check
from .core import out
from .registry import builtin

LETTERS = {"a": "allexport", "b": "notify", "C": "noclobber", "e": "errexit",
           "f": "noglob", "h": "hashall", "m": "monitor", "n": "noexec", "u": "nounset",
           "v": "verbose", "x": "xtrace", "B": "braceexpand"}
# Every name `set -o` knows, bash's and minish's teaching ones.
LONG = sorted(set(LETTERS.values()) | {
    "emacs", "errtrace", "functrace", "histexpand", "history", "ignoreeof",
    "interactive-comments", "keyword", "nolog", "onecmd", "physical", "pipefail",
    "posix", "privileged", "vi", "trace", "fdtrace", "noreap", "spawn"})
SHOPT = sorted({"expand_aliases", "nullglob", "failglob", "dotglob", "globstar", "extglob",
                "nocaseglob", "nocasematch", "lastpipe", "xpg_echo", "inherit_errexit",
                "sourcepath", "checkwinsize", "cmdhist", "histappend", "login_shell",
                "autocd", "cdspell", "extquote", "promptvars", "progcomp", "hostcomplete",
                "interactive_comments", "complete_fullquote", "force_fignore", "globasciiranges"})


@builtin("set", "set options and positional parameters",
         "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]")
def set_(sh, argv):
    """set -x / set -o xtrace   print each command before running it (to stderr)
    set -o trace             narrate every system call the shell makes (strace style)
    set -o fdtrace           show each child's fd table just before it execs
    set -o noreap            leave finished background jobs as zombies (see ps),
                             until `wait` reaps them
    set -o spawn             start programs with posix_spawn (vfork + exec)
                             instead of fork + exec: faster, same results
    set -e / set -o errexit  exit as soon as a command fails (not on the
                             left of && or ||, nor after !)
    set -u / set -o nounset  an unset variable is an error
    set -f / set -o noglob   turn off pathname expansion
    set -C / set -o noclobber  `>` will not overwrite a file (use `>|`)
    set -a / set -o allexport  export every variable you assign
    set -o pipefail          a pipeline's status is its last failing stage's
    set +x, set +o ...       turn an option off
    set -o / set +o          list the options (+o: as commands)
    set -- a b c             replace the positional parameters $1 $2 $3
    set                      list the shell variables"""
    state = sh.state
    args = argv[1:]
    if not args:
        for name in sorted(state.vars):
            out(f"{name}={quote(state.vars[name])}\n")
        return 0
    while args:
        arg = args[0]
        if arg in ("--", "-"):
            if arg == "-":                     # the old way: also turns off -x and -v
                state.options.discard("xtrace")
                state.options.discard("verbose")
            if len(args) > 1 or arg == "--":
                state.positional = args[1:]
            return 0
        if arg in ("-o", "+o"):
            if len(args) < 2:
                _list(state, arg == "+o")
                return 0
            set_option(sh, args[1], arg[0] == "-")
            args = args[2:]
            continue
        if arg == "+":
            args = args[1:]
            continue
        if len(arg) < 2 or arg[0] not in "-+":
            state.positional = args
            return 0
        for letter in arg[1:]:
            if letter not in LETTERS:
                raise check.invalid_option(f"{arg[0]}{letter}")
            set_option(sh, LETTERS[letter], arg[0] == "-")
        args = args[1:]
    return 0


def _list(state, as_commands: bool) -> None:
    for name in LONG:
        on = name in state.options
        if as_commands:
            out(f"set {'-' if on else '+'}o {name}\n")
        else:
            out(f"{name:<15}\t{'on' if on else 'off'}\n")


def set_option(sh, name: str, on: bool) -> None:
    """Turn an option on or off, with its side effects on the teaching lens."""
    if name not in LONG:
        raise ShellError(_("{name}: invalid option name").format(name=name), status=2)
    if on:
        sh.state.options.add(name)
        if name in ("emacs", "vi"):            # the two editing modes exclude each other
            sh.state.options.discard("vi" if name == "emacs" else "emacs")
    else:
        sh.state.options.discard(name)
    if name in ("trace", "fdtrace"):
        from ..run import trace
        trace.save_terminal()
        trace.narrate("trace" in sh.state.options)
        trace.FDS = "fdtrace" in sh.state.options
    elif name == "noreap":
        sh.jobs.noreap = on
    elif name == "spawn":                      # the `system` builtin too
        from .. import libc
        libc.SPAWN = on


def quote(value: str) -> str:
    """A value as bash's `set` prints it: bare when safe, else in '...'."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_")
    if value and all(c in safe for c in value):
        return value
    return "'" + value.replace("'", "'\\''") + "'"


@builtin("shopt", "set bash's extra shell options", "shopt [-pqsuo] [optname ...]")
def shopt(sh, argv):
    """shopt -s NAME   turn NAME on;  shopt -u NAME   turn it off
    shopt -q NAME   status 0 if all NAMEs are on (prints nothing)
    shopt -p        print the options as commands;  -o: the `set -o` ones
    Known: nullglob (a glob that matches nothing disappears), dotglob,
    failglob, globstar (** matches directories too), expand_aliases..."""
    flags, args = set(), argv[1:]
    while args and args[0].startswith("-") and len(args[0]) > 1:
        arg = args.pop(0)
        if arg == "--":
            break
        for letter in arg[1:]:
            if letter not in "pqsuo":
                raise check.invalid_option(f"-{letter}")
            flags.add(letter)
    known = LONG if "o" in flags else SHOPT
    options = sh.state.options
    bad = [name for name in args if name not in known]
    for name in bad:
        from ..errors import report
        invalid = _("{name}: invalid option name") if "o" in flags else \
            _("{name}: invalid shell option name")
        report("shopt: " + invalid.format(name=name))

    if bad and ("s" in flags or "u" in flags or "q" in flags or "p" in flags):
        return 1 if not ("p" in flags) else 2
    if "s" in flags or "u" in flags:
        for name in args:
            if "o" in flags:
                set_option(sh, name, "s" in flags)
            elif "s" in flags:
                options.add(name)
            else:
                options.discard(name)
        return 0
    names = args or known
    if "q" in flags:
        return 0 if all(n in options for n in names) else 1
    status = 0
    for name in names:
        on = name in options
        if args and not on:
            status = 1
        if "p" in flags:
            if "o" in flags:
                out(f"set {'-' if on else '+'}o {name}\n")
            else:
                out(f"shopt {'-s' if on else '-u'} {name}\n")
        else:
            out(f"{name:<15}\t{'on' if on else 'off'}\n")
    return 1 if bad else status
