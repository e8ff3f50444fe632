"""The shell's variables, positional parameters, options and last status.

Exported variables are the environment every child gets (environ(7)).
"""

import os
import time

from .. import i18n
from ..i18n import _
from ..errors import ShellError
from .program import Hashed


class ActiveAliases:
    """The alias table as the parser sees it: empty unless `expand_aliases`
    is on.  bash substitutes aliases only then, and an interactive shell
    starts with it on (bash(1), ALIASES).  Asked at each command, so that
    `shopt -s expand_aliases` works from the next line of a script."""

    def __init__(self, state) -> None:
        self.state = state

    def __bool__(self) -> bool:
        return "expand_aliases" in self.state.options and bool(self.state.aliases)

    def get(self, name: str) -> str | None:
        return self.state.aliases.get(name) if "expand_aliases" in self.state.options else None


class State:
    def __init__(self, arg0: str = "minish", args: list[str] | None = None) -> None:
        self.vars: dict[str, str] = dict(os.environ)
        self.exported: set[str] = set(os.environ)
        self._environ: dict[str, str] | None = None   # cache for environ()
        self.arg0 = arg0                       # $0
        self.positional = list(args or [])     # $1 ... $n
        self.last_status = 0                   # $?
        self.last_bg_pid: int | None = None    # $!
        self.shell_pid = os.getpid()           # $$ (a subshell keeps its parent's)
        # "xtrace", ... (builtins/options.py); bash starts with these on
        self.options: set[str] = {"braceexpand", "hashall", "interactive-comments"}
        self.interactive = False
        self.command_mode = False              # minish -c: $- shows c
        self.sub_status: int | None = None     # status of the last $(...) run
        self.history: list[str] = []           # commands typed at the prompt
        self.functions: dict = {}              # name -> syntax.Function
        self.traps: dict[int, str] = {}        # signal number (0: EXIT) -> commands
        self.loop_depth = 0                    # how many loops we are inside
        self.xtrace_level = 1                  # set -x: how often PS4's first character shows (run/xtrace.py)
        self.readonly: set[str] = set()        # `readonly NAME`: set() refuses
        # One frame per running function: name -> (value, exported) before
        # `local` (or a `X=1 fn` prefix) shadowed it; restored on return.
        self.local_frames: list[dict[str, tuple]] = []
        self.return_depth = 0                  # functions and `.` files running
        self.aliases: dict[str, str] = {}      # alias name -> text (parse time)
        self.active_aliases = ActiveAliases(self)   # what the parser substitutes
        self.dir_stack: list[str] = []         # pushd/popd, below $PWD
        self.getopts_place = (None, 1)         # getopts: (OPTIND, letter in a bundle)
        # Indexed arrays (bash): name -> {index: value}; sparse, like bash's.
        # $a is ${a[0]}; a name is either here or in vars, never both.
        self.arrays: dict[str, dict[int, str]] = {}
        self.vars.setdefault("IFS", " \t\n")
        self.vars.setdefault("PS2", "> ")
        self.vars["PPID"] = str(os.getppid())
        if not _is_cwd(self.vars.get("PWD")):  # an inherited $PWD must name "."
            try:
                self.vars["PWD"] = os.getcwd()
            except OSError:
                pass
        self.exported.add("PWD")
        self.vars["OPTIND"] = "1"              # getopts starts at $1
        self.start_time = time.monotonic()     # for $SECONDS
        self.vars.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
        self.vars.setdefault("PS4", "+ ")
        for name, value in (("UID", os.getuid()), ("EUID", os.geteuid())):
            self.vars[name] = str(value)       # bash makes them readonly
            self.readonly.add(name)
        self.vars.setdefault("OSTYPE", "linux-gnu")
        self.line_base = 1                     # line number of the text being parsed
        self.lineno = 0                        # $LINENO: the running command's line
        self.hashed = Hashed()                 # where PATH search found programs
        i18n.follow(self.vars)                 # messages in the language these variables name

    def get(self, name: str) -> str | None:
        value = self.vars.get(name)
        if value is None:
            if name in self.arrays:            # an array's name means element 0
                return self.arrays[name].get(0)
            if name == "LINENO":               # for $(( LINENO )) too
                return str(self.lineno)
        return value

    def set(self, name: str, value: str, export: bool = False) -> None:
        if name in self.readonly:
            raise ShellError(_("{name}: readonly variable").format(name=name))
        if name in self.arrays:                # a=x on an array sets a[0]
            self.arrays[name][0] = value
            return
        if name == "PATH":
            self.hashed.clear()                # bash forgets where programs were
        self.vars[name] = value
        if name in i18n.VARIABLES:             # bash too: LANG=es_ES.UTF-8 switches messages
            i18n.follow(self.vars)
        if export or "allexport" in self.options:
            self.exported.add(name)
        if name in self.exported:
            self._environ = None

    def set_array(self, name: str, values, append: bool = False) -> None:
        """a=(x y z), read -a a: a list (or an {index: value} dict) of values."""
        if name in self.readonly:
            raise ShellError(_("{name}: readonly variable").format(name=name))
        old = self.arrays.get(name, {})
        if name in self.vars:
            old = {0: self.vars.pop(name)}
        items = values if isinstance(values, dict) else dict(enumerate(values))
        if append:
            start = max(old, default=-1) + 1
            items = {**old, **{start + i: v for i, v in items.items()}}
        self.arrays[name] = items

    def set_item(self, name: str, index: int, value: str) -> None:
        """a[i]=value"""
        if name in self.readonly:
            raise ShellError(_("{name}: readonly variable").format(name=name))
        if name not in self.arrays:
            self.set_array(name, {})
        items = self.arrays[name]
        if index < 0:
            index += max(items, default=-1) + 1
            if index < 0:
                raise ShellError(_("{name}: bad array subscript")
                                 .format(name=f"{name}[{index}]"))
        items[index] = value

    def array_values(self, name: str) -> list[str] | None:
        """${a[@]}: the values in index order (a plain variable is one value)."""
        if name in self.arrays:
            items = self.arrays[name]
            return [items[i] for i in sorted(items)]
        value = self.vars.get(name)
        return None if value is None else [value]

    def make_local(self, name: str) -> None:
        """`local NAME`: remember NAME's value, to put back when the function
        returns (dynamic scope, as in bash: callees see the local)."""
        frame = self.local_frames[-1]
        if name not in frame:
            frame[name] = (self.vars.get(name), name in self.exported,
                           self.arrays.get(name))

    def pop_locals(self) -> None:
        """A function returns: its locals give way to the values they hid."""
        for name, (value, exported, array) in self.local_frames.pop().items():
            self.readonly.discard(name)
            self.arrays.pop(name, None)
            if array is not None:
                self.arrays[name] = array
            elif value is None:
                self.unset(name)
            else:
                self.vars[name] = value
                if exported:
                    self.exported.add(name)
                else:
                    self.exported.discard(name)
                self._environ = None

    def unexport(self, name: str) -> None:
        """export -n: keep the variable, out of the environment."""
        self.exported.discard(name)
        self._environ = None

    def export(self, name: str) -> None:
        self.exported.add(name)
        self._environ = None

    def unset(self, name: str) -> None:
        if name == "PATH":
            self.hashed.clear()
        self.vars.pop(name, None)
        if name in i18n.VARIABLES:
            i18n.follow(self.vars)
        self.arrays.pop(name, None)
        self.exported.discard(name)
        self._environ = None

    def environ(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The environment for a child: exported variables plus `extra`.

        Built in the parent before fork(2) and cached: work the child does
        between fork and exec touches memory it shares with the shell, and
        every page it writes to (reference counts!) must be copied first.
        """
        if self._environ is None:
            self._environ = {n: self.vars[n] for n in self.exported if n in self.vars}
        return {**self._environ, **extra} if extra else self._environ

    def option_letters(self) -> str:
        """$-: one letter per option that is on."""
        letters = {"xtrace": "x", "errexit": "e", "noglob": "f", "nounset": "u",
                   "noclobber": "C", "allexport": "a", "verbose": "v", "noexec": "n",
                   "notify": "b", "monitor": "m", "hashall": "h"}
        letters["braceexpand"] = "B"
        on = {letters[o] for o in self.options if o in letters} | \
            ({"i"} if self.interactive else set()) | ({"c"} if self.command_mode else set())
        return "".join(c for c in "abefhimnuvxBCc" if c in on)   # bash's order


def _is_cwd(path: str | None) -> bool:
    try:
        return bool(path) and path.startswith("/") and os.path.samefile(path, ".")
    except OSError:
        return False
