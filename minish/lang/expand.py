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
import time

from ..errors import ExpansionError, ShellError
from ..i18n import _, strerror
from . import assignment, bashops, varops
from .dollar import is_name
from .pattern import escape, expand_path, match
from .syntax import Arith, CommandSub, Lit, Param, ProcSub, Simple, Word

GLOB_CHARS = frozenset("*?[")



def pattern_of(parts: list[tuple[str, bool]]) -> str:
    """Expander.pattern_parts joined into a pattern: quoted text made literal."""
    return "".join(escape(text) if quoted else text for text, quoted in parts)

class Expander:
    def __init__(self, state, command_sub, proc_sub=None) -> None:
        self.state = state
        self.command_sub = command_sub         # callable(body) -> output text
        self.proc_sub = proc_sub               # callable(body, reading) -> "/dev/fd/N"

    # -- entry points ---------------------------------------------------------
    def words(self, words) -> list[str]:
        """Full expansion of a command's words into argv."""
        argv: list[str] = []
        declaring = False                      # local/export/readonly... NAME=value
        for word in words:
            parts = word.parts
            if declaring and assignment.is_assignment_word(parts):
                argv.append(self.assignment_value(word))   # not split, not globbed
            elif len(parts) == 1 and type(parts[0]) is Lit and _plain(parts[0].text):
                argv.append(parts[0].text)     # fast path: nothing to expand
            elif "braceexpand" in self.state.options and any(
                    type(p) is Lit and not p.quoted and "{" in p.text for p in parts):
                from .braces import expand_braces      # {a,b} {1..5} (bash)
                for one in expand_braces(parts):
                    argv.extend(self._fields(Word(one, word.span)))
            else:
                argv.extend(self._fields(word))
            if len(argv) == 1 and argv[0] in varops.DECLARATIONS:
                declaring = True
        return argv

    def assignment_value(self, word: Word) -> str:
        """The value of NAME=value (assignment.py): ~ rules, no splitting."""
        return assignment.value(self, word)

    def single(self, word: Word) -> str:
        """Expansion without splitting or globbing (assignments, ${x:-w})."""
        parts = expand_tilde(word.parts, self.state.vars.get("HOME"))
        out = []
        for part in parts:
            value = self._value(part)
            out.append(" ".join(value) if isinstance(value, list) else value)
        return "".join(out)

    def pattern(self, word: Word) -> str:
        """A pattern (pattern.py): expanded, quoted characters made literal."""
        return pattern_of(self.pattern_parts(word))

    def pattern_parts(self, word: Word) -> list[tuple[str, bool]]:
        """Each part of a pattern word expanded once: (text, quoted)."""
        out = []
        for part in expand_tilde(word.parts, self.state.vars.get("HOME")):
            value = self._value(part)
            out.append((" ".join(value) if isinstance(value, list) else value, part.quoted))
        return out

    def redirect_target(self, word: Word) -> str:
        """A redirection's file name: must expand to exactly one field."""
        fields = self._fields(word)
        if len(fields) != 1:
            raise ShellError(_("{name}: ambiguous redirect").format(name=_source(word)))
        return fields[0]

    # -- fields -----------------------------------------------------------------
    def _fields(self, word: Word) -> list[str]:
        """Split the expanded parts into fields on $IFS (XCU 2.6.5), then glob.

        Each part becomes atoms (see _atoms): quoted text is never split,
        unquoted literal text neither, only the results of unquoted
        expansions are.  "$@" puts hard breaks between its elements.
        """
        fields: list[list] = []
        current: list[tuple[str, bool]] = []   # (text, quoted) pieces of this field
        forced = False                         # a quoted part: the field exists even if ""
        ifs = self.state.vars.get("IFS", " \t\n")

        def close(hard: bool = False) -> None:
            nonlocal current, forced
            if forced or hard or any(text for text, _ in current):
                fields.append(current)
            current, forced = [], False

        for part in expand_tilde(word.parts, self.state.vars.get("HOME")):
            for atom in self._atoms(part):
                if atom is HARD:
                    close(hard=True)
                    continue
                if atom is SOFT:
                    close()
                    continue
                text, kind = atom
                if kind != "exp" or not ifs:
                    current.append((text, kind == "q"))
                    forced = forced or kind == "q"
                    continue
                pieces, rest = split_fields(text, ifs)
                for piece, hard in pieces:
                    current.append((piece, False))
                    close(hard)
                current.append((rest, False))
        close()
        return [out for pieces in fields for out in self._glob(pieces)]

    def _atoms(self, part, quoted: bool = False) -> list:
        """One part as atoms: (text, kind) with kind "q" (quoted), "lit"
        (unquoted literal: globbed, not split) or "exp" (split and globbed),
        and SOFT / HARD field breaks between the elements of $@ and $*."""
        quoted = quoted or part.quoted
        if isinstance(part, Lit):
            return [(part.text, "q" if quoted else "lit")]
        if isinstance(part, Param) and part.op in ("-", ":-", "+", ":+") \
                and part.arg is not None:
            value = self.lookup(part.name)
            if isinstance(value, list):        # $@, ${a[@]}: unset when empty,
                ifs = self.state.vars.get("IFS", " \t\n")     # null when joined is ""
                empty = not value or (part.op[0] == ":" and ifs[:1].join(value) == "")
            else:
                empty = value is None or (part.op[0] == ":" and value == "")
            if empty == (part.op[-1] == "-"):  # the word is used
                arg = part.arg.parts if quoted else \
                    expand_tilde(part.arg.parts, self.state.vars.get("HOME"))
                atoms = [a for p in arg for a in self._word_atom(p, quoted)]
                return atoms or ([("", "q")] if quoted else [])
            if part.op[-1] == "+":
                return [("", "q")] if quoted else []
        else:
            value = self._value(part)
        if not isinstance(value, list):
            return [(value, "q" if quoted else "exp")]
        if quoted and not (isinstance(part, Param) and _at_sign(part)):
            ifs = self.state.vars.get("IFS", " \t\n")
            return [(ifs[:1].join(value), "q")]   # "$*": joined by IFS's first char
        atoms = []
        for i, item in enumerate(value):
            if i:
                atoms.append(HARD if quoted else SOFT)
            atoms.append((item, "q" if quoted else "exp"))
        return atoms

    def _word_atom(self, part, quoted: bool) -> list:
        """A part of the word in ${x:-word}: its unquoted text is an expansion
        result, so it is split too ("exp", not "lit")."""
        if isinstance(part, Lit) and not (quoted or part.quoted):
            return [(part.text, "exp")]
        return self._atoms(part, quoted)

    def _glob(self, pieces: list[tuple[str, bool]]) -> list[str]:
        text = "".join(t for t, _quoted in pieces)
        if "noglob" in self.state.options or not any(
                not quoted and GLOB_CHARS & set(t) for t, quoted in pieces):
            return [text]
        pattern = "".join(escape(t) if quoted else t for t, quoted in pieces)
        options = self.state.options
        matches = expand_path(pattern, "dotglob" in options, "globstar" in options)
        if not matches and "failglob" in options:
            raise ShellError(_("no match: {pattern}").format(pattern=text))
        if not matches and "nullglob" in options:
            return []                          # shopt -s nullglob: the word disappears
        return matches or [text]               # no match: the word stays as it is (sh)

    # -- parameters ---------------------------------------------------------------
    def _value(self, part):
        """The text of one expansion part (a list for $@ and $*)."""
        if isinstance(part, Lit):
            return part.text
        if isinstance(part, CommandSub):
            body = part.body                   # $(< file): the file, with no child (bash)
            if isinstance(body, Simple) and not body.words and not body.assigns and \
                    len(body.redirs) == 1 and body.redirs[0].op == "<":
                return _read_file(self.redirect_target(body.redirs[0].target)).rstrip("\n")
            return self.command_sub(body).rstrip("\n")
        if isinstance(part, ProcSub):
            if self.proc_sub is None:
                raise ShellError(_("process substitution: not here"))
            return self.proc_sub(part.body, part.reading)
        if isinstance(part, Arith):
            from .arith import evaluate        # imported only when $(( )) appears
            return str(evaluate(self.single(part.expr), self.state))
        return self._param(part)

    def _param(self, part: Param):
        name, op = part.name, part.op
        if op == "bad":                        # ${x!}, ${}: the lexer marked it
            raise ExpansionError(_("{name}: bad substitution").format(name="${" + part.arg + "}"))
        if op in ("!", "!*"):                  # ${!x}, ${!a[@]}, ${!prefix@}
            return bashops.indirect(self, name, op)
        value = self.lookup(name)
        if value is None and "nounset" in self.state.options and \
                (op is None or op in ("#", "##", "%", "%%")) and name not in ("@", "*"):
            self.unbound(name)
        if op is None:
            return value if value is not None else ""
        if op == "#" and part.arg is None:      # ${#name}: the length
            if isinstance(value, list):        # $#, ${#a[@]}
                return str(len(value))
            return str(len(value or ""))
        if op in BASH_OPS:
            return bashops.bash_op(self, part, value)
        if isinstance(value, list) and op in ("#", "##", "%", "%%"):
            pattern = self.pattern(part.arg)   # ${@%x}: element by element
            return [_trim(v, pattern, op) for v in value]
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
                raise ExpansionError(_("${name}: cannot assign in this way").format(name=name))
            new = self.single(part.arg)
            self.state.set(name, new)
            return new
        if unset:                              # ${x?message}: a script stops (XCU 2.6.2)
            message = self.single(part.arg) or (_("parameter null or not set")
                                                if op.startswith(":") else _("parameter not set"))
            raise ExpansionError(f"{name}: {message}", fatal=True)
        return value

    def unbound(self, name: str):
        """set -u: an unset variable abandons the line -- and ends a script
        (Shell.run_line decides, as for ${x?})."""
        raise ExpansionError(_("{name}: unbound variable").format(name=name), fatal=True)

    def arith(self, word: Word) -> int:
        from .arith import evaluate            # imported only when needed
        return evaluate(self.single(word), self.state)

    def assign(self, a) -> str:
        """x=1, x+=1, a[i]=1, a=(1 2): see assignment.py."""
        return assignment.assign(self, a)

    def index(self, sub: str) -> int:
        """An array subscript is arithmetic: a[i+1], a[$n], a[-1]."""
        if sub.isascii() and sub.lstrip("-").isdigit():
            return int(sub)
        from .lexer import tokenize
        words = [t.word for t in tokenize(f'"{sub}"') if t.word is not None]
        return self.arith(words[0]) if words else 0

    def lookup(self, name: str):
        """A parameter's value: str, a list for @ and *, None when unset."""
        st = self.state
        if name in st.arrays:
            return st.arrays[name].get(0)
        if name.endswith("]"):                 # a[i], a[@]
            base, sub = varops.split_subscript(name)
            if sub in ("@", "*"):
                return st.array_values(base) or []
            index = self.index(sub)
            if base in st.arrays:
                items = st.arrays[base]
                if index < 0:
                    index += max(items, default=-1) + 1
                return items.get(index)
            return st.vars.get(base) if index == 0 else None
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
            "LINENO": lambda: str(st.lineno),
            "RANDOM": _random,
            "SECONDS": lambda: str(int(time.monotonic() - st.start_time)),
            "BASHPID": lambda: str(os.getpid()),
        }.get(name)
        return special() if special else st.vars.get(name)


# Parameters whose value depends on the process that expands them: a
# child's $BASHPID is its own pid, and its $RANDOM its own sequence.
PER_PROCESS = frozenset({"BASHPID", "RANDOM"})


def pure(word) -> bool:
    """Expanding `word` has no side effect and gives the same in a child:
    literal text and plain $name only (no $(...), no $((...)), no ${x:=v},
    no $BASHPID), so it may happen in the shell."""
    return all(isinstance(p, Lit) or
               (isinstance(p, Param) and p.op is None and p.name not in PER_PROCESS)
               for p in word.parts)


HARD, SOFT = object(), object()                 # field breaks inside $@ (see _atoms)
BASH_OPS = frozenset({":", "/", "//", "/#", "/%", "^", "^^", ",", ",,", "@"})


def _at_sign(part: Param) -> bool:
    """"$@" and "${a[@]}" give one field per element."""
    return part.name == "@" or part.name.endswith("[@]") or \
        (part.op == "!*" and part.name.endswith("@"))


def _read_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            return f.read()
    except OSError as e:
        raise ShellError(f"{path}: {strerror(e.errno)}") from None


def _random() -> str:
    """$RANDOM: 0..32767, different each time (bash's is an LCG too)."""
    import random
    return str(random.randrange(32768))


def _trim(value: str, pattern: str, op: str) -> str:
    """${x#p} ${x##p}: drop the shortest/longest prefix matching p;
    ${x%p} ${x%%p}: the same for a suffix (XCU 2.6.2)."""
    cuts = range(len(value) + 1)
    if op in ("##", "%"):
        cuts = reversed(cuts)                  # longest prefix / shortest suffix first
    for i in cuts:
        if op.startswith("#") and match(pattern, value[:i]):
            return value[i:]
        if op.startswith("%") and match(pattern, value[i:]):
            return value[:i]
    return value


def _plain(text: str) -> bool:
    """Unquoted text with no tilde or glob character expands to itself."""
    return not (text.startswith("~") or GLOB_CHARS.intersection(text) or "{" in text)


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


def expand_tilde(parts: tuple, home: str | None) -> tuple:
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
