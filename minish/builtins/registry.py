"""The builtin registry: name -> Builtin, filled by the @builtin decorator."""

from ..errors import ShellError, report, write
from ..i18n import _, strerror
from .args import UsageError

BUILTINS: dict[str, "Builtin"] = {}


class Builtin:
    __slots__ = ("name", "fn", "summary", "usage", "help", "keeps_redirections", "module")

    def __init__(self, name, fn, summary, usage, help, keeps_redirections, module=None):
        self.name, self.fn, self.summary, self.usage = name, fn, summary, usage
        self.help, self.keeps_redirections, self.module = help, keeps_redirections, module

    def run(self, sh, argv: list[str]) -> int:
        """Call the builtin; report ShellError and write errors in one line."""
        if self.fn is None:                     # not imported yet: do it now
            return load(self.module)[self.name].run(sh, argv)
        try:
            return self.fn(sh, argv)
        except UsageError as e:                 # bash: the message, then the usage line
            if e.message:
                report(f"{self.name}: {e.message}")
            try:
                # bash translates the word, not the line: "cd: modo de empleo: cd [-L|-P] ..."
                usage = _("usage: {usage}").format(usage=self.usage)
                write(2, f"{self.name}: {usage}\n")
            except OSError:
                pass
            return e.status
        except ShellError as e:
            report(f"{self.name}: {e.message}")
            return e.status
        except OSError as e:                    # what else fails is writing the output
            error = _("write error: {error}").format(error=strerror(e.errno))
            report(f"{self.name}: {error}")

            return 1


def builtin(name: str, summary: str, usage: str = "", keeps_redirections: bool = False):
    """Register fn(sh, argv) -> status as builtin `name`; its docstring is the help."""
    def register(fn):
        BUILTINS[name] = Builtin(name, fn, summary, usage or name,
                                 (fn.__doc__ or summary).strip(), keeps_redirections)
        return fn
    return register


def lazy(module: str, names: list[str]) -> None:
    """Know `names` now, import `module` (which defines them) on first use.

    Start-up time: the process-state builtins pull in ctypes and friends,
    which every `minish -c` would otherwise pay for.
    """
    for name in names:
        BUILTINS.setdefault(name, Builtin(name, None, "", name, "", False, module))


def load(module: str) -> dict:
    __import__(f"minish.builtins.{module}")     # its @builtin decorators fill BUILTINS
    return BUILTINS


def load_all() -> None:
    """Import every lazily known builtin (for `help`)."""
    for module in {b.module for b in BUILTINS.values() if b.fn is None}:
        load(module)
