"""Alias substitution, done by the parser (POSIX XCU 2.3.1), mixed into Parser.

When the word where a command starts is an unquoted alias name, its
tokens are replaced by the tokens of the alias's text before the parser
looks at them, so an alias can hold anything a command line can
(`alias ll='ls -l'`, `alias q='echo a; echo b'`).  Because this happens at
parse time, an alias defined on a line is used from the *next* line on.

Two rules keep it finite and useful:
- an alias is not expanded again inside its own text (`alias ls='ls -F'`);
- when the text ends in a blank, the word after it is checked too
  (`alias sudo='sudo '` makes `sudo ll` work).
"""
from .lexer import tokenize
from .syntax import Lit


class AliasRules:
    aliases: dict[str, str]

    def _expand_aliases(self) -> bool:
        """Replace the current token while it names an alias; True if it did."""
        changed = False
        while True:
            tok = self.tok
            if tok.kind != "WORD":
                return changed
            parts = tok.word.parts
            if len(parts) != 1 or type(parts[0]) is not Lit or parts[0].quoted \
                    or parts[0].text != tok.text:
                return changed                 # a quoted word is never an alias
            value = self.aliases.get(tok.text)
            used = self._alias_used.get(id(tok), frozenset())
            if value is None or tok.text in used:
                return changed
            new = [t for t in tokenize(value) if t.kind not in ("COMMENT", "EOF")]
            used = used | {tok.text}
            for t in new:
                t.span = tok.span              # errors point at the alias's name
                self._alias_used[id(t)] = used
            self.tokens[self.i:self.i + 1] = new
            if value[-1:] in (" ", "\t") and self.i + len(new) < len(self.tokens):
                self._alias_next.add(id(self.tokens[self.i + len(new)]))
            self._goto(self.i)
            changed = True
