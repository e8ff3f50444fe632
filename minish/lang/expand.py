"""Word expansion: the words of a command -> the argv it runs with.

The steps, in POSIX order (XCU 2.6): tilde expansion, parameter expansion
and command substitution, field splitting of the *unquoted* results on
$IFS, pathname expansion (globbing) of unquoted pattern characters, and
quote removal (already done: quoted text arrives as `Lit(quoted=True)`).

A field under construction is a list of (text, quoted) pieces, so that
globbing can tell a quoted `*` from a pattern `*`.
"""

import os
import pwd

from ..errors import ExpansionError, ShellError
from .dollar import is_name
from .syntax import Arith, CommandSub, Lit, Param, Word

GLOB_CHARS = frozenset("*?[")


class Expander:
    def __init__(self, state, command_sub) -> None:
        self.state = state
        self.command_sub = command_sub         # callable(body) -> output text

    # -- entry points ---------------------------------------------------------
    def words(self, words) -> list[str]:
        """Full expansion of a command's words into argv."""
        argv: list[str] = []
        for word in words:
            parts = word.parts
            if len(parts) == 1 and type(parts[0]) is Lit and _plain(parts[0].text):
                argv.append(parts[0].text)     # fast path: nothing to expand
            else:
                argv.extend(self._fields(word))
        return argv

    def single(self, word: Word) -> str:
        """Expansion without splitting or globbing (assignments, ${x:-w})."""
        parts = _expand_tilde(word.parts, self.state.vars.get("HOME"))
        out = []
        for part in parts:
            value = self._value(part)
            out.append(" ".join(value) if isinstance(value, list) else value)
        return "".join(out)

    def pattern(self, word: Word) -> str:
        """A case pattern for fnmatch: expanded, quoted characters made literal."""
        import glob
        out = []
        for part in _expand_tilde(word.parts, self.state.vars.get("HOME")):
            value = self._value(part)
            if isinstance(value, list):
                value = " ".join(value)
            out.append(glob.escape(value) if part.quoted else value)
        return "".join(out)

    def redirect_target(self, word: Word) -> str:
        """A redirection's file name: must expand to exactly one field."""
        fields = self._fields(word)
        if len(fields) != 1:
            raise ShellError(f"{_source(word)}: ambiguous redirect")
        return fields[0]

    # -- fields -----------------------------------------------------------------
    def _fields(self, word: Word) -> list[str]:
        fields: list[tuple[list, bool]] = []   # (pieces, forced-to-exist)
        current: list[tuple[str, bool]] = []
        forced = False
        ifs = self.state.vars.get("IFS", " \t\n")

        def close(hard: bool = False) -> None:
            nonlocal current, forced
            if forced or hard or any(text for text, _ in current):
                fields.append(current)
            current, forced = [], False

        for part in _expand_tilde(word.parts, self.state.vars.get("HOME")):
            if isinstance(part, Lit):
                current.append((part.text, part.quoted))
                forced = forced or part.quoted
                continue
            value = self._value(part)
            if isinstance(value, list):        # $@ or $*
                if part.quoted and part.name == "@":
                    for i, item in enumerate(value):
                        if i:
                            close(hard=True)
                        current.append((item, True))
                        forced = True
                    continue
                if part.quoted:                # "$*": joined by the first IFS char
                    value = (ifs[:1]).join(value)
                else:
                    value = " ".join(value) if ifs else "".join(value)
            if part.quoted:
                current.append((value, True))
                forced = True
                continue
            if not ifs:
                current.append((value, False))
                continue
            pieces, rest = split_fields(value, ifs)
            for text, hard in pieces:
                current.append((text, False))
                close(hard)
            current.append((rest, False))
        close()
        return [out for pieces in fields for out in self._glob(pieces)]

    def _glob(self, pieces: list[tuple[str, bool]]) -> list[str]:
        text = "".join(t for t, _ in pieces)
        if "noglob" in self.state.options or not any(
                not quoted and GLOB_CHARS & set(t) for t, quoted in pieces):
            return [text]
        import glob                            # imported only when a pattern appears
        pattern = "".join(glob.escape(t) if quoted else t for t, quoted in pieces)
        matches = sorted(glob.glob(pattern))
        return matches or [text]               # no match: the word stays as it is (sh)

    # -- parameters ---------------------------------------------------------------
    def _value(self, part):
        """The text of one expansion part (a list for $@ and $*)."""
        if isinstance(part, Lit):
            return part.text
        if isinstance(part, CommandSub):
            return self.command_sub(part.body).rstrip("\n")
        if isinstance(part, Arith):
            from .arith import evaluate        # imported only when $(( )) appears
            return str(evaluate(self.single(part.expr), self.state))
        return self._param(part)

    def _param(self, part: Param):
        name, op = part.name, part.op
        if op == "bad":                        # ${x!}, ${}: the lexer marked it
            raise ExpansionError(f"${{{part.arg}}}: bad substitution")
        value = self.lookup(name)
        if op is None:
            return value if value is not None else ""
        if op == "#" and part.arg is None:      # ${#name}: the length
            if name in ("@", "*"):
                return str(len(self.state.positional))
            return str(len(value or ""))
        if isinstance(value, list):
            value = " ".join(value) if value else None
        if op in ("#", "##", "%", "%%"):
            return _trim(value or "", self.pattern(part.arg), op)
        unset = value is None or (op.startswith(":") and value == "")
        kind = op[-1]
        if kind == "-":
            return self.single(part.arg) if unset else value
        if kind == "+":
            return "" if unset else self.single(part.arg)
        if kind == "=":
            if not unset:
                return value
            if not is_name(name):
                raise ExpansionError(f"${name}: cannot assign in this way")
            new = self.single(part.arg)
            self.state.set(name, new)
            return new
        if unset:                              # ${x?message}
            message = self.single(part.arg) or "parameter null or not set"
            raise ExpansionError(f"{name}: {message}")
        return value

    def lookup(self, name: str):
        """A parameter's value: str, a list for @ and *, None when unset."""
        st = self.state
        if name.isascii() and name.isdigit():
            n = int(name)
            if n == 0:
                return st.arg0
            return st.positional[n - 1] if n <= len(st.positional) else None
        special = {
            "?": lambda: str(st.last_status),
            "$": lambda: str(st.shell_pid),
            "!": lambda: "" if st.last_bg_pid is None else str(st.last_bg_pid),
            "#": lambda: str(len(st.positional)),
            "@": lambda: list(st.positional),
            "*": lambda: list(st.positional),
            "-": st.option_letters,
        }.get(name)
        return special() if special else st.vars.get(name)


def _trim(value: str, pattern: str, op: str) -> str:
    """${x#p} ${x##p}: drop the shortest/longest prefix matching p;
    ${x%p} ${x%%p}: the same for a suffix (XCU 2.6.2)."""
    from fnmatch import fnmatchcase
    cuts = range(len(value) + 1)
    if op in ("##", "%"):
        cuts = reversed(cuts)                  # longest prefix / shortest suffix first
    for i in cuts:
        if op.startswith("#") and fnmatchcase(value[:i], pattern):
            return value[i:]
        if op.startswith("%") and fnmatchcase(value[i:], pattern):
            return value[:i]
    return value


def _plain(text: str) -> bool:
    """Unquoted text with no tilde or glob character expands to itself."""
    return not (text.startswith("~") or GLOB_CHARS.intersection(text))


def split_fields(value: str, ifs: str) -> tuple[list[tuple[str, bool]], str]:
    """Split on IFS (XCU 2.6.5): return the closed fields and the open rest.

    Each closed field comes with `hard`: True when it was ended by a
    non-whitespace IFS character, which makes even an empty field count.
    """
    white = "".join(c for c in ifs if c in " \t\n")
    pieces, cur, i, n = [], [], 0, len(value)
    while i < n:
        c = value[i]
        if c not in ifs:
            cur.append(c)
            i += 1
            continue
        while i < n and value[i] in white:
            i += 1
        hard = i < n and value[i] in ifs and value[i] not in white
        if hard:
            i += 1
            while i < n and value[i] in white:
                i += 1
        pieces.append(("".join(cur), hard))
        cur = []
    return pieces, "".join(cur)


def _expand_tilde(parts: tuple, home: str | None) -> tuple:
    """~ (the shell's $HOME) and ~user (from the password file) at the start of a word."""
    first = parts[0] if parts else None
    if not isinstance(first, Lit) or first.quoted or not first.text.startswith("~"):
        return parts
    prefix, slash, rest = first.text.partition("/")
    if not slash and len(parts) > 1:
        return parts                           # ~"user": quoted, no expansion
    user = prefix[1:]
    try:
        if user or home is None:
            home = pwd.getpwnam(user).pw_dir if user else pwd.getpwuid(os.getuid()).pw_dir
    except KeyError:
        return parts                           # unknown user: left as typed
    return (Lit(home, quoted=True), Lit(slash + rest)) + parts[1:]


def _source(word: Word) -> str:
    return "".join(p.text if isinstance(p, Lit) else "$" + getattr(p, "name", "(...)")
                   for p in word.parts)
