"""Builtins: commands the shell runs itself, one module per topic.

Importing this package registers them all in BUILTINS.
"""
from .registry import BUILTINS, Builtin, builtin  # noqa: F401
from . import (accounting, core, ids, ipcops, ipcs, jobctl, libcdemo,  # noqa: F401,E402
               lens, procinfo, times)
