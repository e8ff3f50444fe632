"""Builtins: commands the shell runs itself, one module per topic.

Importing this package registers them all in BUILTINS: the everyday ones
are imported now, the process-state ones when first used.
"""
from .registry import BUILTINS, Builtin, builtin, lazy  # noqa: F401
from . import core, lookup, options  # noqa: F401,E402  (register builtins)

# Imported at first use: start-up time (`minish -c`, bench/README.md) is
# paid for every module, and most scripts use few of these.
lazy("dirs", ["cd", "pwd", "pushd", "popd", "dirs"])
lazy("jobctl", ["jobs", "fg", "bg", "kill", "wait", "disown"])
lazy("scope", ["local", "declare", "typeset", "readonly"])
lazy("variables", ["export", "unset", "shift"])
lazy("alias", ["alias", "unalias"])
lazy("session", ["history", "help"])
lazy("traps", ["trap"])
lazy("evaluation", ["eval"])
lazy("let", ["let"])
lazy("test", ["test", "["])
lazy("umask", ["umask"])
lazy("getopts", ["getopts"])
lazy("printf", ["printf"])
lazy("read", ["read"])

lazy("accounting", ["accton", "lastcomm"])
lazy("ids", ["ids"])
lazy("ipcops", ["msgsnd", "msgrcv", "semop", "semctl", "shmat", "shmdt", "shmwrite",
                "shmread"])
lazy("ipcs", ["ipcs"])
lazy("ipctools", ["ipcrm", "ipcmk", "ftok"])
lazy("explain", ["explain"])
lazy("lens", ["status"])
lazy("libcdemo", ["system", "popen"])
lazy("procinfo", ["fds", "sigs"])
lazy("times", ["times"])
lazy("ulimit", ["ulimit"])
