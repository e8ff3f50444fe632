"""Builtins: commands the shell runs itself, one module per topic.

Importing this package registers them all in BUILTINS: the everyday ones
are imported now, the process-state ones when first used.
"""
from .registry import BUILTINS, Builtin, builtin, lazy  # noqa: F401
from . import core, jobctl, session, traps, variables  # noqa: F401,E402  (register builtins)
from . import alias, dirs, evaluation, getopts, let, lookup, options, printf, read, scope, test, umask  # noqa: F401,E402,E501

lazy("accounting", ["accton", "lastcomm"])
lazy("ids", ["ids"])
lazy("ipcops", ["msgsnd", "msgrcv", "semop", "semctl", "shmat", "shmdt", "shmwrite",
                "shmread"])
lazy("ipcs", ["ipcs"])
lazy("ipctools", ["ipcrm", "ipcmk", "ftok"])
lazy("lens", ["explain", "status"])
lazy("libcdemo", ["system", "popen"])
lazy("procinfo", ["fds", "sigs"])
lazy("times", ["times"])
lazy("ulimit", ["ulimit"])
