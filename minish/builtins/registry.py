"""The builtin registry: name -> Builtin, filled by the @builtin decorator."""

from ..errors import ShellError, report

BUILTINS: dict[str, "Builtin"] = {}


class Builtin:
    __slots__ = ("name", "fn", "summary", "usage", "help", "keeps_redirections")

    def __init__(self, name, fn, summary, usage, help, keeps_redirections):
        self.name, self.fn, self.summary, self.usage = name, fn, summary, usage
        self.help, self.keeps_redirections = help, keeps_redirections

    def run(self, sh, argv: list[str]) -> int:
        """Call the builtin; report ShellError and write errors in one line."""
        try:
            return self.fn(sh, argv)
        except ShellError as e:
            report(f"{self.name}: {e.message}")
            return e.status
        except OSError as e:
            report(f"{self.name}: write error: {e.strerror}")
            return 1


def builtin(name: str, summary: str, usage: str = "", keeps_redirections: bool = False):
    """Register fn(sh, argv) -> status as builtin `name`; its docstring is the help."""
    def register(fn):
        BUILTINS[name] = Builtin(name, fn, summary, usage or name,
                                 (fn.__doc__ or summary).strip(), keeps_redirections)
        return fn
    return register


def usage_error(b_usage: str) -> ShellError:
    return ShellError(f"usage: {b_usage}", status=2)
