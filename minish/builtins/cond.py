"""bash's [[ ... ]]: test's expressions without test's traps.

    [[ $file == *.txt ]]   pattern match (quote the right side for a literal)
    [[ $s =~ ^[0-9]+$ ]]   regular expression; the groups go to BASH_REMATCH
    [[ -f a && ! -d b ]]   && || ! ( ) inside, no word splitting, no globbing

The parser (lang/parse_cond.py) keeps the operators apart from the words,
so `[[ $x = -a ]]` cannot be misread; the executor calls run_cond.  The
file tests and comparisons are test's (builtins/test.py).
"""
from ..errors import ShellError
from ..i18n import _
from ..run import xtrace
from .test import BINARY, UNARY, Tester, UsageError


class CondTester(Tester):
    """[[ ]]: == and != match glob patterns, =~ a regular expression."""
    binary_ops = BINARY | {"=~"}

    def __init__(self, sh, args, patterns) -> None:
        super().__init__(sh, args, "[[")
        self.patterns = patterns                 # right-hand sides, as patterns

    def equal(self, left: str, right: str) -> bool:
        from ..lang.pattern import match
        return match(self.patterns.get(id(right), right), left)

    def integer(self, text: str) -> int:
        from ..lang.arith import evaluate      # [[ ]] evaluates arithmetic: [[ x+1 -eq 2 ]]
        return evaluate(text, self.sh.state) if text.strip() else 0


def run_cond(sh, node) -> int:
    """[[ ... ]]: expand the words (no splitting, no globbing), then test.

    The right side of == and != is a pattern (its quoted parts literal);
    the right side of =~ a regular expression (re(3)-like), whose groups
    go to the array BASH_REMATCH.
    """
    sh.state.lineno = node.line                # $LINENO
    items, args, patterns = node.items, [], {}
    ops = {"&&": "-a", "||": "-o"}
    for i, (kind, value) in enumerate(items):
        if kind == "op":
            args.append(ops.get(value, value))
            continue
        prev = items[i - 1][1] if i and items[i - 1][0] == "word" else None
        prev_text = _literal(prev)
        text = sh.expander.single(value)
        if prev_text in ("==", "=", "!="):
            from ..lang.expand import pattern_of
            parts = sh.expander.pattern_parts(value)     # expanded once, for both uses
            text = _Marked(text)
            patterns[id(text)] = pattern_of(parts)
            if "xtrace" in sh.state.options:   # shown as bash does: every quoted character escaped
                text.shown = "".join("".join("\\" + c for c in t) if quoted else t
                                     for t, quoted in parts)
        elif prev_text == "=~":
            text = _Marked(text)
            patterns[id(text)] = ("re", _regex(sh, value))
        args.append(text)
    tester = _CondRunner(sh, args, patterns)
    try:
        return 0 if tester.run() else 1
    except UsageError as e:
        raise ShellError(str(e), status=2) from None
    except ShellError as e:
        raise ShellError(e.message, status=1) from None


class _Marked(str):
    """A right-hand side string whose pattern is looked up by identity."""
    shown = None                               # (==) how set -x shows it


def _literal(word) -> str | None:
    if word is None or len(word.parts) != 1 or word.parts[0].__class__.__name__ != "Lit":
        return None
    return None if word.parts[0].quoted else word.parts[0].text


def _regex(sh, word) -> str:
    import re
    out = []
    for part in word.parts:
        from ..lang.syntax import Word
        text = sh.expander.single(Word((part,)))
        out.append(re.escape(text) if getattr(part, "quoted", False) else text)
    return "".join(out)


class _CondRunner(CondTester):
    def __init__(self, sh, args, patterns) -> None:
        super().__init__(sh, args, patterns)
        self.i = 0

    def run(self) -> bool:                     # no POSIX by-count rules in [[ ]]
        value = self._or()
        if self.i != len(self.args):
            raise UsageError(_("syntax error in conditional expression near `{token}'")
                             .format(token=self.args[self.i]))

        return value

    def _or(self) -> bool:                     # && and || short-circuit in [[ ]]
        value = self._and()
        while self._peek() == "-o" and not isinstance(self._peek(), _Marked):
            self.i += 1
            if value:
                self._skip(self._and)
            else:
                value = self._and()
        return value

    def _and(self) -> bool:
        value = self._not()
        while self._peek() == "-a" and not isinstance(self._peek(), _Marked):
            self.i += 1
            if not value:
                self._skip(self._not)
            else:
                value = self._not()
        return value

    def _primary(self) -> bool:
        if "xtrace" in self.sh.state.options and not isinstance(self.sh, _NoSideEffects):
            self._show()
        return super()._primary()

    def _show(self) -> None:
        """set -x: each test as it is made, `[[ a == b* ]]` (bash), the
        right side of == as the pattern it is (quoted parts escaped)."""
        args, i = self.args, self.i
        tok = args[i] if i < len(args) else None
        if tok is None or (tok == "(" and not isinstance(tok, _Marked)):
            return
        nxt = args[i + 1] if i + 1 < len(args) else None
        if nxt in self.binary_ops and i + 2 < len(args):
            right = args[i + 2]
            words = (tok, nxt, getattr(right, "shown", None) or right)
        elif tok in UNARY and nxt is not None:
            words = (tok, nxt)
        else:
            words = ("-n", tok)
        test = " ".join(word or "''" for word in words)     # an empty word shows as ''
        negated = i and args[i - 1] == "!" and not isinstance(args[i - 1], _Marked)
        xtrace.show(self.sh, f"[[ {'! ' if negated else ''}{test} ]]")

    def _skip(self, rule) -> None:
        """Parse the operand without acting on it (short-circuit)."""
        saved = self.sh
        self.sh = _NoSideEffects(saved)
        try:
            rule()
        finally:
            self.sh = saved

    def binary(self, left, op, right) -> bool:
        if op == "=~":
            import re
            try:
                match = re.search(self.patterns[id(right)][1], left)
            except re.error:
                return False
            if isinstance(self.sh, _NoSideEffects):
                return bool(match)
            groups = [match.group(0)] + [g or "" for g in match.groups()] if match else []
            self.sh.state.set_array("BASH_REMATCH", groups)
            return bool(match)
        return super().binary(left, op, right)


class _NoSideEffects:
    def __init__(self, sh) -> None:
        self.state, self.expander = sh.state, sh.expander

