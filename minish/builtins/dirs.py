"""The working directory: cd, pwd, and the directory stack (pushd, popd, dirs).

Every process has a current directory, changed with chdir(2) and read
with getcwd(3); a child cannot change its parent's, which is why `cd`
must be a builtin.  The shell also keeps $PWD, the *logical* path you
typed (through symbolic links), and $OLDPWD, where `cd -` goes back to.

    cd dir      searches $CDPATH for a relative dir (and then prints it)
    cd -P dir   resolve symbolic links: $PWD becomes the physical path
    pushd dir   cd, remembering where you were;  popd  goes back
    dirs        the stack, top first (~ for $HOME)
"""
import os

from ..errors import ShellError
from ..i18n import _, strerror
from .args import UsageError, invalid_option
from .core import out
from .registry import builtin


def _logical(old: str, target: str) -> str:
    path = os.path.normpath(os.path.join(old, target))
    if path.startswith("//") and not path.startswith("///"):
        path = path[1:]
    return path


def change_dir(sh, target: str, physical: bool = False) -> str:
    """chdir(2) to target; update PWD and OLDPWD (both exported); return PWD."""
    state = sh.state
    old = state.get("PWD") or os.getcwd()
    logical = _logical(old, target)
    # `cd nodir/..` must fail: the kernel resolves the path as written.
    raw = target if os.path.isabs(target) else os.path.join(old, target)
    try:
        if not physical and ".." in target.split("/") and not os.path.isdir(raw):
            raise FileNotFoundError(2, "No such file or directory")
        os.chdir(raw if physical else logical)
    except OSError as e:
        raise ShellError(f"{target}: {strerror(e.errno)}") from None
    state.set("OLDPWD", old, export=True)
    state.set("PWD", os.getcwd() if physical else logical, export=True)
    return state.get("PWD")


def _search_cdpath(sh, target: str) -> tuple[str, bool]:
    """A relative dir not starting with . or .. is looked for in $CDPATH."""
    cdpath = sh.state.get("CDPATH")
    if not cdpath or target.startswith("/") or target.split("/")[0] in (".", ".."):
        return target, False
    for directory in cdpath.split(":"):
        candidate = os.path.join(directory or ".", target)
        if os.path.isdir(candidate):
            return candidate, bool(directory)
    return target, False


@builtin("cd", "change the working directory", "cd [-L|-P] [dir | -]")
def cd(sh, argv):
    """Change the shell's working directory with chdir(2).
    cd        go to $HOME
    cd -      go back to $OLDPWD (and print it)
    cd -P dir resolve symbolic links (physical); -L (default) keeps them in $PWD
    A relative dir is also looked for in the directories of $CDPATH."""
    args = argv[1:]
    physical = False
    while args and args[0] in ("-L", "-P", "--"):
        if args.pop(0) == "--":
            break
        physical = argv[len(argv) - len(args) - 1] == "-P"
    if len(args) > 1:
        raise ShellError(_("too many arguments"))
    state = sh.state
    show = False
    if not args:
        target = state.get("HOME")
        if not target:
            raise ShellError(_("HOME not set"))
    elif args[0] == "-":
        target = state.get("OLDPWD")
        if not target:
            raise ShellError(_("OLDPWD not set"))
        show = True
    else:
        target, show = _search_cdpath(sh, args[0])
    pwd = change_dir(sh, target, physical)
    if show:
        out(pwd + "\n")
    return 0


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@builtin("pwd", "print the working directory", "pwd [-L|-P]")
def pwd(sh, argv):
    """Print the working directory: $PWD (-L, default) or getcwd(3) (-P)."""
    logical = sh.state.get("PWD")
    physical = "-P" in argv[1:]
    if not physical and logical and logical.startswith("/") and \
            (_same_file(logical, ".") or not os.path.exists(logical)):
        out(logical + "\n")                    # (even if the directory was removed)
        return 0
    try:
        out(os.getcwd() + "\n")
    except OSError as e:
        raise ShellError(_("error retrieving current directory: getcwd: {error}")
                         .format(error=strerror(e.errno))) from None
    return 0


def _stack(sh) -> list[str]:
    return sh.state.dir_stack                  # below the top, which is always $PWD


def _show(sh, path: str) -> str:
    home = sh.state.get("HOME")
    if home and (path == home or path.startswith(home.rstrip("/") + "/")):
        return "~" + path[len(home.rstrip("/")):]
    return path


def _print_stack(sh, long: bool = False, one_per_line: bool = False, numbered: bool = False,
                 only: list | None = None):
    """The stack as `dirs` shows it; `only`: [(index, entry)] to show instead."""
    entries = only or list(enumerate([sh.state.get("PWD") or os.getcwd()] + _stack(sh)))
    shown = [(i, e if long else _show(sh, e)) for i, e in entries]
    if numbered:
        out("".join(f"{i:2d}  {e}\n" for i, e in shown))
    elif one_per_line:
        out("".join(e + "\n" for _i, e in shown))
    else:
        out(" ".join(e for _i, e in shown) + "\n")


@builtin("pushd", "change directory, remembering the old one", "pushd [dir | +N]")
def pushd(sh, argv):
    """pushd dir   cd to dir and push the old directory on the stack
    pushd       swap the top two directories"""
    stack, args = _stack(sh), argv[1:]
    current = sh.state.get("PWD") or os.getcwd()
    if not args:
        if not stack:
            raise ShellError(_("no other directory"))
        target = stack[0]
        change_dir(sh, target)
        stack[0] = current
    else:
        change_dir(sh, args[0])
        stack.insert(0, current)
    _print_stack(sh)
    return 0


@builtin("popd", "go back to the directory on top of the stack", "popd")
def popd(sh, argv):
    """Leave the current directory for the one pushd remembered."""
    stack = _stack(sh)
    if not stack:
        raise ShellError(_("directory stack empty"))

    change_dir(sh, stack[0])
    del stack[0]
    _print_stack(sh)
    return 0


@builtin("dirs", "show the directory stack", "dirs [-clpv] [+N] [-N]")
def dirs(sh, argv):
    """dirs      the stack, current directory first
    dirs -v   numbered, one per line;  -p one per line;  -l no ~;  -c clear
    dirs +N   the Nth entry from the left (0: the current directory); -N from the right"""
    flags, index = set(), None
    for arg in argv[1:]:
        if arg == "--":
            break                              # bash ignores whatever follows
        if arg[:1] in "+-" and arg[1:].isascii() and arg[1:].isdigit():
            index = arg                        # the last one counts, as in bash
        elif arg.startswith("-") and len(arg) > 1 and set(arg[1:]) <= set("clpv"):
            flags |= set(arg[1:])
        elif arg.startswith(("-", "+")):
            raise UsageError(_("{text}: invalid number").format(text=arg))
        else:
            raise invalid_option(arg)
    if "c" in flags:
        _stack(sh).clear()
        return 0
    entries = None
    if index is not None:
        entries = [sh.state.get("PWD") or os.getcwd()] + _stack(sh)
        n = int(index[1:])
        if len(entries) == 1 and n > 0:
            raise ShellError(_("directory stack empty"))
        if n >= len(entries):
            raise ShellError(_("{n}: directory stack index out of range").format(n=n))
        n = n if index[0] == "+" else len(entries) - 1 - n
        entries = [(n, entries[n])]
    _print_stack(sh, long="l" in flags, one_per_line="p" in flags or "v" in flags,
                 numbered="v" in flags, only=entries)
    return 0
