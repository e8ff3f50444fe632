"""The full line editor: prompt_toolkit, at a real terminal.

The only module that imports prompt_toolkit.  It owns colours (the
pygments lexer from highlight.py), completion (complete.py), history
(a file, Ctrl-R search, up/down) and fish-style suggestions from history.
Nothing here forks; the shell runs the line after prompt() returns.
"""
import os

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.formatted_text import ANSI
from prompt_toolkit.history import FileHistory, InMemoryHistory
from prompt_toolkit.lexers import PygmentsLexer
from prompt_toolkit.output import ColorDepth
from prompt_toolkit.styles import Style

from ..highlight import MinishLexer, on_path
from .complete import complete, executable_set

STYLE = Style.from_dict({
    "pygments.name.builtin": "#00aa00 bold",
    "pygments.name.function": "#00aa00",
    "pygments.error": "#ff0000 underline",
    "pygments.keyword": "#aa00aa bold",
    "pygments.operator": "#aa5500 bold",
    "pygments.literal.string": "#aaaa00",
    "pygments.name.variable": "#00aaaa",
    "pygments.comment": "#888888 italic",
    "pygments.literal.number": "#5555ff",
    "auto-suggestion": "#666666",
})


class SafeFileHistory(FileHistory):
    """FileHistory that never crashes the shell on an unreadable or corrupt file."""

    def load_history_strings(self):
        try:
            yield from super().load_history_strings()
        except (OSError, ValueError):
            return

    def store_string(self, string: str) -> None:
        try:
            os.makedirs(os.path.dirname(self.filename) or ".", exist_ok=True)
            super().store_string(string)
        except OSError:
            pass


class ShellCompleter(Completer):
    def __init__(self, shell) -> None:
        self.shell = shell

    def get_completions(self, document, complete_event):
        try:
            back, items = complete(document.text_before_cursor, self.shell.state,
                                   self.shell.executor.jobs)
        except Exception:                       # completion never breaks the prompt
            return
        for text, display in items:
            yield Completion(text, start_position=-back, display=display)


class Editor:
    plain = False

    def __init__(self, shell, history_path: str) -> None:
        self.shell = shell
        self.colour = "NO_COLOR" not in os.environ
        state = shell.state

        def command_exists(self_, name):
            path = state.vars.get("PATH", "")
            return on_path(name) if "/" in name else name in executable_set(path)

        lexer = type("ShellLexer", (MinishLexer,), {"command_exists": command_exists})
        try:
            history = SafeFileHistory(history_path)
        except OSError:
            history = InMemoryHistory()
        self.session = PromptSession(
            history=history,
            auto_suggest=AutoSuggestFromHistory(),
            lexer=PygmentsLexer(lexer) if self.colour else None,
            completer=ShellCompleter(shell),
            complete_while_typing=False,
            style=STYLE,
            include_default_pygments_style=False,
            color_depth=ColorDepth.MONOCHROME if not self.colour else None,
            enable_suspend=False,
        )

    def read(self, prompt: str) -> str | None:
        try:
            return self.session.prompt(ANSI(prompt))
        except EOFError:
            return None
