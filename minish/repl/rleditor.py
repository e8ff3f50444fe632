"""The readline editor: GNU readline, bash's own line editor, through
Python's `readline` module.  Used at a terminal that does not answer
cursor-position requests (readers.py), or with MINISH_EDITOR=readline.

Its output is literal: the prompt exactly as PS1 expands, then the typed
text as it is typed.  So a program driving minish through a pty sees the
prompt it set, and still gets Up/Down history, Tab completion (the same
complete() as the full editor), Ctrl-R search and bash's key bindings
(readline(3); ~/.inputrc is read as bash reads it).

Ctrl-C.  Python's readline waits in select(2) and runs signal handlers
only when select is interrupted, so a SIGINT that lands just before select
would be noticed only at the next key.  So at this prompt Ctrl-C is a key,
not a signal: read() switches off the terminal's interrupt character
(termios(3), VINTR) around readline.  A ^C typed before the switch was
delivered already, and Python raises KeyboardInterrupt as soon as the
tcsetattr call returns, before readline starts.  After the switch, the key
runs a readline macro: go to the end of the line, insert a literal ^C,
accept the line.  The screen shows `typed text^C` and a new line, as bash
shows it, and read() turns the ^C into KeyboardInterrupt.  (So a line
really ending in Ctrl-V Ctrl-C counts as interrupted.)
"""
import os
import readline
import termios

from ..errors import write
from ..i18n import _
from .complete import complete
from .prompt import visible
from .terminal import Typeahead

INTERRUPT = "\x03"


class ReadlineEditor:
    plain, colour = False, False              # no colours: the prompt is PS1, byte for byte
    zero_width = ("\001", "\002")             # how readline is told \[...\] has no width

    def __init__(self, shell, typeahead: Typeahead | None = None) -> None:
        if "libedit" in (readline.__doc__ or ""):    # macOS: other bindings, no macro
            raise RuntimeError(_("Python's readline is libedit, not GNU readline"))
        self.shell, self.typeahead = shell, typeahead or Typeahead()
        self.prompt, self.partial, self.matches = "", "", []
        readline.set_auto_history(False)       # the REPL adds whole commands: see history.py
        readline.parse_and_bind("set enable-meta-key off")    # no ESC [?1034h before a prompt
        self.mode = "emacs"
        self._bind_keys()
        # No word delimiters: readline hands complete() the whole line before
        # the cursor, and complete() decides where the word starts (quotes,
        # backslashes, operators), as it does for the full editor.
        readline.set_completer_delims("")
        readline.set_completer(self._complete)
        readline.set_completion_display_matches_hook(self._show_matches)
        readline.set_pre_input_hook(self._pre_input)

    def _bind_keys(self) -> None:
        """Our two bindings, in the keymap of the current editing mode."""
        readline.parse_and_bind(r'"\C-c": "\C-e\C-v\C-c\C-j"')
        readline.parse_and_bind("tab: complete")

    def _follow_editing_mode(self) -> None:
        """`set -o vi` / `set -o emacs`: readline's two editing modes, as in bash."""
        mode = "vi" if "vi" in self.shell.state.options else "emacs"
        if mode != self.mode:
            self.mode = mode
            readline.parse_and_bind(f"set editing-mode {mode}")
            self._bind_keys()                  # vi-insert is another keymap

    def read(self, prompt: str) -> str | None:
        self._follow_editing_mode()
        line = self.typeahead.next_line()
        if line is not None:                   # typed before the first prompt
            write(1, visible(prompt) + line + "\n")
            return line
        self.prompt, self.partial = prompt, self.typeahead.take_partial()
        self._sync_history()
        try:
            saved = termios.tcgetattr(0)
        except termios.error:
            saved = None                       # not a terminal: input() reads plain lines
        try:
            if saved is not None:
                quiet = termios.tcgetattr(0)
                quiet[6][termios.VINTR] = 0    # _POSIX_VDISABLE: ^C is just a key
                termios.tcsetattr(0, termios.TCSANOW, quiet)
            line = input(prompt)
        except EOFError:                       # Ctrl-D on an empty line
            return None
        finally:
            if saved is not None:
                termios.tcsetattr(0, termios.TCSANOW, saved)
        if line.endswith(INTERRUPT):           # the ^C macro; readline printed the newline
            raise KeyboardInterrupt
        return line

    def _sync_history(self) -> None:
        """readline's history is the shell's (state.history): whole commands."""
        history = self.shell.state.history
        if readline.get_current_history_length() == len(history) and \
                (not history or readline.get_history_item(len(history)) == history[-1]):
            return
        readline.clear_history()
        for text in history:
            readline.add_history(text)

    def _pre_input(self) -> None:
        """Called by readline once the prompt is shown: put back typeahead."""
        if self.partial:
            readline.insert_text(self.partial)
            readline.redisplay()
            self.partial = ""

    def _complete(self, line: str, n: int) -> str | None:
        """readline asks for match 0, 1, 2... of `line` (the text before the cursor)."""
        if n == 0:
            self.matches = []
            try:
                back, items = complete(line, self.shell.state, self.shell.executor.jobs)
            except Exception:                  # completion never breaks the prompt
                return None
            start = line[:len(line) - back]
            self.matches = [(start + text, display) for text, display in items]
        return self.matches[n][0] if n < len(self.matches) else None

    def _show_matches(self, substitution, matches, longest) -> None:
        """List the matches by their short names (not the whole line), in columns."""
        names = [display for _, display in self.matches] or list(matches)
        width = max(len(name) for name in names) + 2
        columns = max(1, os.get_terminal_size(1).columns // width if os.isatty(1) else 1)
        rows = [names[i:i + columns] for i in range(0, len(names), columns)]
        text = "".join("".join(n.ljust(width) for n in row).rstrip() + "\n" for row in rows)
        write(1, "\n" + text + visible(self.prompt) + readline.get_line_buffer())
