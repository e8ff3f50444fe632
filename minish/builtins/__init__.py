"""Builtins: commands the shell runs itself, one module per topic.

Importing this package registers them all in BUILTINS: the everyday ones
are imported now, the process-state ones when first used.
"""
from .registry import BUILTINS, Builtin, builtin, lazy  # noqa: F401
from . import core, jobctl, variables  # noqa: F401,E402  (register builtins)
from . import dirs, lookup, options, scope  # noqa: F401,E402

# Not needed by most scripts: imported at first use (minish -c's start-up).
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
