"""The shell's variables, positional parameters, options and last status.

Exported variables are the environment every child gets (environ(7)).
"""
from __future__ import annotations

import os


class State:
    def __init__(self, arg0: str = "minish", args: list[str] | None = None) -> None:
        self.vars: dict[str, str] = dict(os.environ)
        self.exported: set[str] = set(os.environ)
        self.arg0 = arg0                       # $0
        self.positional = list(args or [])     # $1 ... $n
        self.last_status = 0                   # $?
        self.last_bg_pid: int | None = None    # $!
        self.shell_pid = os.getpid()           # $$ (a subshell keeps its parent's)
        self.options: set[str] = set()         # "xtrace", ...
        self.interactive = False
        self.sub_status: int | None = None     # status of the last $(...) run
        self.vars.setdefault("IFS", " \t\n")
        self.vars.setdefault("PS1", "$ ")
        self.vars.setdefault("PS2", "> ")
        self.vars["PPID"] = str(os.getppid())
        self.vars.setdefault("PWD", os.getcwd())

    def get(self, name: str) -> str | None:
        return self.vars.get(name)

    def set(self, name: str, value: str, export: bool = False) -> None:
        self.vars[name] = value
        if export:
            self.exported.add(name)

    def unset(self, name: str) -> None:
        self.vars.pop(name, None)
        self.exported.discard(name)

    def environ(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The environment for a child: exported variables plus `extra`."""
        env = {name: self.vars[name] for name in self.exported if name in self.vars}
        if extra:
            env.update(extra)
        return env

    def option_letters(self) -> str:
        """$-: one letter per option that is on."""
        letters = {"xtrace": "x", "errexit": "e", "noglob": "f"}
        flags = "".join(letters[o] for o in sorted(self.options) if o in letters)
        return flags + ("i" if self.interactive else "")
