"""How a name is run: type, command, builtin, hash.

When the first word of a command is NAME, the shell looks, in order, for
an alias (at parse time), a reserved word, a function, a builtin and
finally a file on $PATH (XCU 2.9.1.1).  `type` shows that search;
`command NAME` runs NAME skipping functions, `builtin NAME` runs only a
builtin.  `hash` remembers where PATH search found a program.
"""
import os

from ..errors import ShellError, report
from ..i18n import _
from ..run import program
from .core import out
from .registry import BUILTINS, builtin

# Words the parser treats specially at the start of a command.
KEYWORDS = frozenset({"if", "then", "elif", "else", "fi", "while", "until", "do", "done",
                      "for", "in", "case", "esac", "{", "}", "!", "time", "[[", "]]",
                      "function", "select", "coproc"})


# POSIX's special builtins (XCU 2.14): under `set -o posix` no function
# can hide them, and X=1 before one of them stays set afterwards.
SPECIAL_BUILTINS = frozenset({":", ".", "break", "continue", "eval", "exec", "exit", "export",
                              "readonly", "return", "set", "shift", "times", "trap", "unset"})


def keeps_prefix(state, name: str) -> bool:
    """Does `X=1 name` leave X set (a special builtin in posix mode)?"""
    return name in SPECIAL_BUILTINS and "posix" in state.options


def skip_functions(argv: list[str], state=None) -> tuple[list[str], bool]:
    """`command NAME args` (and `command -p`): the executor runs NAME with
    no function lookup.  Returns (argv to run, True) when it applies."""
    if state is not None:
        if argv[0] in state.functions:
            return argv, False                 # a function called `command` wins
        if keeps_prefix(state, argv[0]):
            return argv, True
    found = False
    while argv and argv[0] == "command" and len(argv) > 1:
        rest = argv[1:]
        if rest[0] == "-p":
            rest = rest[1:]
        if rest and rest[0] == "--":
            rest = rest[1:]
        if not rest or rest[0].startswith("-"):
            break                              # command -v / -V: the builtin below
        argv, found = rest, True
    return argv, found


def kinds(sh, name: str, path_too: bool = True) -> list[tuple[str, str]]:
    """Every way `name` could run, in search order: (kind, detail)."""
    found = []
    if name in sh.state.aliases:
        found.append(("alias", sh.state.aliases[name]))
    if name in KEYWORDS:
        found.append(("keyword", ""))
    if name in sh.state.functions:
        found.append(("function", ""))
    if name in BUILTINS:
        found.append(("builtin", ""))
    if path_too:
        for path in program.on_path(name, sh.state.get("PATH")):
            found.append(("file", path))
    return found


def _describe(name: str, kind: str, detail: str) -> str:
    """`type`'s sentence (and `command -V`'s) about one way `name` would run."""
    if kind == "alias":
        sentence = _("{name} is aliased to `{detail}'")
    elif kind == "keyword":
        sentence = _("{name} is a shell keyword")
    elif kind == "function":
        sentence = _("{name} is a function")
    elif kind == "builtin":
        sentence = _("{name} is a shell builtin")
    else:
        sentence = _("{name} is {detail}")
    return sentence.format(name=name, detail=detail)



@builtin("type", "tell how a name would be run", "type [-afptP] name ...")
def type_(sh, argv):
    """For each name: an alias, a keyword, a function, a builtin, or the
    file found by searching $PATH.
    -t   one word: alias, keyword, function, builtin or file
    -p   the file's path only;  -P  search $PATH even for builtins
    -a   every match, not only the first"""
    flags, names = set(), argv[1:]
    while names and names[0].startswith("-") and len(names[0]) > 1:
        arg = names.pop(0)
        if arg == "--":
            break
        flags |= set(arg[1:])
    status = 0
    for name in names:
        found = kinds(sh, name)
        if "f" in flags:
            found = [k for k in found if k[0] != "function"]
        if "P" in flags:
            found = [k for k in found if k[0] == "file"]
        if not ("a" in flags):
            found = found[:1]
        if not found:
            if not ("t" in flags or "p" in flags or "P" in flags):
                report("type: " + _("{name}: not found").format(name=name))
            status = 1
            continue
        for kind, detail in found:
            if "t" in flags:
                out(kind + "\n")
            elif "p" in flags or "P" in flags:
                if kind == "file":
                    out(detail + "\n")
            else:
                out(_describe(name, kind, detail) + "\n")
    return status


@builtin("command", "run a command, skipping functions; or tell what a name is",
         "command [-pVv] name [arg ...]")
def command(sh, argv):
    """command ls      run ls even if a function is called ls
    command -v ls   print how ls would be run (the path, or just the name
                    for a builtin or function); status 1 if not found
    command -V ls   the same, in words (as `type`)"""
    args = argv[1:]
    flags = set()
    while args and args[0].startswith("-") and len(args[0]) > 1:
        arg = args.pop(0)
        if arg == "--":
            break
        for letter in arg[1:]:
            if letter not in "pvV":
                raise ShellError(_("{option}: invalid option").format(option="-" + letter),
                                 status=2)
            flags.add(letter)
    if not args:
        return 0
    if not ("v" in flags or "V" in flags):
        # Reached only from a pipeline stage or `command -p`: the executor
        # handles a plain `command NAME` itself (skip_functions).
        b = BUILTINS.get(args[0])
        if b is None:
            raise ShellError(_("{name}: not found").format(name=args[0]), status=127)
        return b.run(sh, args)
    status = 0
    for name in args:
        found = kinds(sh, name)
        if not found:
            if "V" in flags:
                report("command: " + _("{name}: not found").format(name=name))
            status = 1
            continue
        kind, detail = found[0]
        if "V" in flags:
            out(_describe(name, kind, detail) + "\n")
        elif kind == "alias":
            out(f"alias {name}='{detail}'\n")
        elif kind == "file":
            out(os.path.abspath(detail) if "/" not in name else detail)
            out("\n")
        else:
            out(name + "\n")
    return status


@builtin("builtin", "run a shell builtin, even if a function has its name",
         "builtin name [arg ...]")
def builtin_(sh, argv):
    """Run the builtin NAME (not a function or a program of that name)."""
    if len(argv) < 2:
        return 0
    b = BUILTINS.get(argv[1])
    if b is None:
        raise ShellError(_("{name}: not a shell builtin").format(name=argv[1]))
    return b.run(sh, argv[1:])


@builtin("hash", "remember where programs are", "hash [-r] [name ...]")
def hash_(sh, argv):
    """hash ls     search $PATH for ls now and remember it
    hash        list what is remembered
    hash -r     forget everything (after moving programs around)"""
    args, table = argv[1:], sh.state.hashed.paths     # run/program.py: Hashed
    if args[:1] == ["-r"]:
        sh.state.hashed.clear()
        args = args[1:]
        if not args:
            return 0
    if not args:
        if not table:
            out("hash: " + _("hash table empty") + "\n")
            return 0
        out(_("hits\tcommand") + "\n")
        for name, (path, hits) in table.items():
            out(f"{hits:4d}\t{path}\n")
        return 0
    status = 0
    for name in args:
        if name in BUILTINS or name in sh.state.functions:
            continue
        if sh.state.hashed.remember(name, sh.state.get("PATH")) is None:
            report("hash: " + _("{name}: not found").format(name=name))

            status = 1
    return status
