"""The full line editor: prompt_toolkit, at a terminal that answers
cursor-position requests (readers.py chooses).

The only module that imports prompt_toolkit.  It owns colours (the
pygments lexer from highlight.py), completion (complete.py), history
(Up/Down, Ctrl-R search) and fish-style suggestions from history.
Nothing here forks; the shell runs the line after prompt() returns.
"""
import os

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.enums import EditingMode
from prompt_toolkit.filters import is_searching
from prompt_toolkit.formatted_text import ANSI
from prompt_toolkit.history import History
from prompt_toolkit.input.typeahead import store_typeahead
from prompt_toolkit.input.vt100_parser import Vt100Parser
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.key_binding.bindings.search import accept_search_and_accept_input
from prompt_toolkit.lexers import PygmentsLexer
from prompt_toolkit.output import ColorDepth
from prompt_toolkit.styles import Style

from ..errors import write
from ..highlight import MinishLexer, on_path
from .complete import complete, executable_set
from .prompt import visible
from .terminal import Typeahead

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


class ShellHistory(History):
    """The shell's own history (state.history): whole commands, oldest first.

    prompt_toolkit would add each line it reads, so a `for` loop typed on
    three lines would become three entries; the REPL adds the whole command
    instead (and writes the file, history.py).  Read afresh at every
    prompt, so `history -c` is seen at once.
    """

    def __init__(self, commands: list[str]) -> None:
        super().__init__()
        self.commands = commands

    async def load(self):
        for text in reversed(self.commands):   # newest first
            yield text

    def load_history_strings(self):
        return reversed(self.commands)

    def get_strings(self) -> list[str]:
        # Oldest first.  History's own copy is filled only by its load(),
        # which we replace; fish-style suggestions (AutoSuggestFromHistory)
        # and history search read this, and without it suggested nothing.
        return list(self.commands)

    def append_string(self, string: str) -> None:
        pass                                   # one line of a command: not an entry

    def store_string(self, string: str) -> None:
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


def _key_bindings() -> KeyBindings:
    keys = KeyBindings()
    # Ctrl-R, then Enter runs the command found, as in bash and fish
    # (prompt_toolkit's default only puts it on the line).
    keys.add("enter", filter=is_searching)(accept_search_and_accept_input)
    return keys


class Editor:
    plain = False
    zero_width = ("\001", "\002")              # ANSI() treats \001...\002 as zero width

    def __init__(self, shell, typeahead: Typeahead | None = None, keys: bytes = b"") -> None:
        self.shell, self.typeahead = shell, typeahead or Typeahead()
        self.keys = keys                       # typed while we loaded, as keys (early.py)
        self.colour = "NO_COLOR" not in os.environ
        state = shell.state

        def command_exists(self_, name):
            path = state.vars.get("PATH", "")
            return on_path(name) if "/" in name else name in executable_set(path)

        lexer = type("ShellLexer", (MinishLexer,), {"command_exists": command_exists})
        self.session = PromptSession(
            history=ShellHistory(state.history),
            auto_suggest=AutoSuggestFromHistory(),
            lexer=PygmentsLexer(lexer) if self.colour else None,
            completer=ShellCompleter(shell),
            complete_while_typing=False,
            key_bindings=_key_bindings(),
            style=STYLE,
            include_default_pygments_style=False,
            color_depth=ColorDepth.MONOCHROME if not self.colour else None,
            enable_suspend=False,
        )

    def read(self, prompt: str) -> str | None:
        line = self.typeahead.next_line()
        if line is not None:                   # typed before the first prompt
            write(1, visible(prompt) + line + "\n")
            return line
        if self.keys:                          # prompt_toolkit reads its typeahead first
            presses = []
            Vt100Parser(presses.append).feed_and_flush(
                self.keys.decode("utf-8", "surrogateescape"))
            store_typeahead(self.session.input, presses)
            self.keys = b""
        try:
            mode = EditingMode.VI if "vi" in self.shell.state.options else EditingMode.EMACS
            return self.session.prompt(ANSI(prompt), default=self.typeahead.take_partial(),
                                       editing_mode=mode)           # set -o vi / emacs
        except EOFError:
            return None
