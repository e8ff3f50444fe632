"""test and [: file tests, string and integer comparisons.

    test -f file        [ -d dir ]        [ "$a" = "$b" ]     [ "$n" -lt 10 ]
    [ ! -e f ]          [ -n "$x" -a -r f ]                  [ \\( a \\) ]

Status 0 (true), 1 (false) or 2 (a usage error).  The file tests call
stat(2)/lstat(2)/access(2) on the name.  POSIX gives the rules for 0 to 4
arguments (XCU test); beyond that -a binds tighter than -o.  bash's
[[ ]] reuses the Tester class (builtins/cond.py).
"""
import os
import stat

from ..errors import ShellError
from ..i18n import _
from .registry import builtin

UNARY_FILE = {
    "-e": lambda st: True, "-a": lambda st: True,
    "-f": lambda st: stat.S_ISREG(st.st_mode), "-d": lambda st: stat.S_ISDIR(st.st_mode),
    "-b": lambda st: stat.S_ISBLK(st.st_mode), "-c": lambda st: stat.S_ISCHR(st.st_mode),
    "-p": lambda st: stat.S_ISFIFO(st.st_mode), "-S": lambda st: stat.S_ISSOCK(st.st_mode),
    "-s": lambda st: st.st_size > 0, "-g": lambda st: bool(st.st_mode & stat.S_ISGID),
    "-u": lambda st: bool(st.st_mode & stat.S_ISUID),
    "-k": lambda st: bool(st.st_mode & stat.S_ISVTX),
    "-O": lambda st: st.st_uid == os.geteuid(), "-G": lambda st: st.st_gid == os.getegid(),
    "-N": lambda st: st.st_mtime > st.st_atime,
}
UNARY = set(UNARY_FILE) | {"-r", "-w", "-x", "-L", "-h", "-t", "-z", "-n", "-v", "-o"}
INT_OPS = {"-eq": int.__eq__, "-ne": int.__ne__, "-lt": int.__lt__, "-le": int.__le__,
           "-gt": int.__gt__, "-ge": int.__ge__}
BINARY = set(INT_OPS) | {"=", "==", "!=", "<", ">", "-nt", "-ot", "-ef"}


class UsageError(Exception):
    """A malformed expression: status 2."""


class Tester:
    """Evaluates a test expression given as a list of strings.

    `sh` is the executor (for -v and -o); `match` compares for = / ==
    (test: plain string equality; [[ ]]: pattern matching).
    """

    binary_ops = BINARY

    def __init__(self, sh, args: list[str], who: str = "test") -> None:
        self.sh, self.args, self.i, self.who = sh, args, 0, who

    def run(self) -> bool:
        args = self.args
        if not args:
            return False
        # POSIX's rules by argument count keep `[ "$x" = -n ]` and `[ -n ]` sane.
        if len(args) <= 4 and "(" not in args[1:-1]:
            result = self._by_count(args)
            if result is not None:
                return result
        value = self._or()
        if self.i != len(args):
            raise UsageError(_("{operator}: unexpected operator").format(operator=args[self.i])
                             if self.i < len(args) else _("argument expected"))
        return value

    def _by_count(self, args) -> bool | None:
        n = len(args)
        if n == 1:
            return args[0] != ""
        if n == 2:
            if args[0] == "!":
                return args[1] == ""
            if args[0] in UNARY:
                return self.unary(args[0], args[1])
            raise UsageError(_("{operator}: unary operator expected").format(operator=args[0]))
        if n == 3:
            if args[1] in self.binary_ops:
                return self.binary(args[0], args[1], args[2])
            if args[1] in ("-a", "-o"):
                return None
            if args[0] == "!":
                return not self._by_count(args[1:])
            if args[0] == "(" and args[2] == ")":
                return args[1] != ""
            raise UsageError(_("{operator}: binary operator expected").format(operator=args[1]))
        if n == 4 and args[0] == "!":
            result = self._by_count(args[1:])
            return None if result is None else not result
        if n == 4 and args[0] == "(" and args[3] == ")":
            return self._by_count(args[1:3])
        return None

    # -- the general grammar: or := and (-o and)* ; and := not (-a not)* -----
    def _peek(self):
        return self.args[self.i] if self.i < len(self.args) else None

    def _or(self) -> bool:
        value = self._and()
        while self._peek() == "-o":
            self.i += 1
            value = self._and() or value
        return value

    def _and(self) -> bool:
        value = self._not()
        while self._peek() == "-a":
            self.i += 1
            value = self._not() and value
        return value

    def _not(self) -> bool:
        if self._peek() == "!":
            self.i += 1
            return not self._not()
        return self._primary()

    def _primary(self) -> bool:
        tok = self._peek()
        if tok is None:
            raise UsageError(_("argument expected"))
        if tok == "(":
            self.i += 1
            value = self._or()
            if self._peek() != ")":
                raise UsageError(_("`)' expected"))
            self.i += 1
            return value
        nxt = self.args[self.i + 1] if self.i + 1 < len(self.args) else None
        if nxt in self.binary_ops and self.i + 2 < len(self.args):
            self.i += 3
            return self.binary(tok, nxt, self.args[self.i - 1])
        if tok in UNARY and nxt is not None:
            self.i += 2
            return self.unary(tok, nxt)
        self.i += 1
        return tok != ""

    # -- the operators ----------------------------------------------------------
    def unary(self, op: str, arg: str) -> bool:
        if op == "-z":
            return arg == ""
        if op == "-n":
            return arg != ""
        if op == "-t":
            return arg.isdigit() and os.isatty(int(arg))
        if op == "-v":
            return self.sh.expander.lookup(arg) is not None
        if op == "-o":
            return arg in self.sh.state.options
        if op in ("-r", "-w", "-x"):
            mode = {"-r": os.R_OK, "-w": os.W_OK, "-x": os.X_OK}[op]
            return os.access(arg, mode)
        try:
            st = os.lstat(arg) if op in ("-L", "-h") else os.stat(arg)
        except (OSError, ValueError):
            return False
        if op in ("-L", "-h"):
            return stat.S_ISLNK(st.st_mode)
        return UNARY_FILE[op](st)

    def binary(self, left: str, op: str, right: str) -> bool:
        if op in INT_OPS:
            return INT_OPS[op](self.integer(left), self.integer(right))
        if op in ("=", "=="):
            return self.equal(left, right)
        if op == "!=":
            return not self.equal(left, right)
        if op == "<":
            return left < right
        if op == ">":
            return left > right
        try:
            if op == "-ef":
                return os.path.samefile(left, right)
            a = os.stat(left).st_mtime if os.path.exists(left) else None
            b = os.stat(right).st_mtime if os.path.exists(right) else None
        except OSError:
            return False
        if op == "-nt":
            return a is not None and (b is None or a > b)
        return b is not None and (a is None or a < b)

    def equal(self, left: str, right: str) -> bool:
        return left == right

    def integer(self, text: str) -> int:
        body = text.strip()
        digits = body[1:] if body[:1] in "+-" else body
        if not (digits.isascii() and digits.isdigit()):
            raise UsageError(_("{text}: integer expression expected").format(text=text))
        return int(body)


def run_test(sh, args: list[str], who: str) -> int:
    try:
        return 0 if Tester(sh, args, who).run() else 1
    except UsageError as e:
        raise ShellError(str(e), status=2) from None


@builtin("test", "check files, compare strings and numbers", "test EXPR")
def test(sh, argv):
    """test -e FILE (exists) -f (regular file) -d (directory) -r -w -x (access)
    -s (not empty) -L (symlink); -z STR (empty) -n STR (not empty);
    A = B, A != B (strings); N -eq M, -ne -lt -le -gt -ge (integers);
    ! EXPR, EXPR -a EXPR, EXPR -o EXPR, ( EXPR )"""
    return run_test(sh, argv[1:], "test")


@builtin("[", "the same as test, ending in ]", "[ EXPR ]")
def bracket(sh, argv):
    """[ EXPR ] is test EXPR; the closing ] is required."""
    if argv[-1] != "]":
        raise ShellError(_("missing `]'"), status=2)

    return run_test(sh, argv[1:-1], "[")
