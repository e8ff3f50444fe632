"""explain: what a command line would do, without running it.

    explain 'ls nope 2>&1 >f'   each process, its argv, what runs in the shell,
                                the pipes, and each child's fd table built up
                                redirection by redirection -- nothing runs

The plan follows the executor's own rules: `resolve` (function, builtin or
program) is the executor's function (run/simple.py), and each node below is
handled the way Executor.run and Executor.child_main handle it.  The fd
tables are fdplan.py's.  The last line counts
the fork()s, which `set -o trace` shows for real; a test compares the two.
"""
import os

from ..errors import ExpansionError, ParseError, ShellError, write
from ..i18n import _
from ..lang.expand import Expander
from ..lang.parser import parse
from ..lang.syntax import (AndOr, ArithCommand, ArithFor, Background, Case, Cond, For,
                           Function, Group, If, Loop, Pipeline, Sequence, Simple, Subshell)
from ..run import program
from ..run.simple import resolve
from . import fdplan
from .args import UsageError
from .registry import builtin


@builtin("explain", "show what a command line would do, without running it", "explain 'LINE'")
def explain(sh, argv):
    """Print the plan for LINE: every process that would be forked, its argv
    after expansion, which parts run inside the shell itself, the pipes, and
    each child's file descriptor table after its redirections, applied left
    to right.  Compare:  explain 'ls nope 2>&1 >f'   explain 'ls nope >f 2>&1'
    $(...) is not run: explain shows where its output would go."""
    if len(argv) < 2:
        raise UsageError()                     # the one usage path: builtins/args.py
    line = " ".join(argv[1:])
    try:
        tree = parse(line)
    except ParseError as e:
        start = max(0, min(e.span[0], len(line)))
        write(1, f"{line}\n{' ' * start}^ {e.message}\n")
        return 2
    if tree is None:
        return 0
    plan = Planner(sh)
    plan.say(0, "# " + _("nothing is run: variables and globs expand as they would now; "
                       "$(...) is not run"))
    plan.node(tree, depth=0)
    # one message per form (es and pt say 1 apart from the rest too)
    if plan.loops:
        total = _("in all: {n} fork() (each loop counted once)") if plan.forks == 1 else \
            _("in all: {n} fork()s (each loop counted once)")
    else:
        total = _("in all: {n} fork()") if plan.forks == 1 else _("in all: {n} fork()s")
    plan.say(0, "# " + total.format(n=plan.forks))
    write(1, "".join(plan.out))
    return 0


class Planner:
    def __init__(self, sh) -> None:
        self.sh = sh
        self.out: list[str] = []
        # Expansion as the shell would do it -- except that $(...) is not run.
        self.expander = Expander(sh.state, lambda body: _("<output of $(...)>"))
        self.pipes = 0
        self.forks = 0
        self.loops = False
        self.calling: set[str] = set()         # functions being explained (recursion)
        self.inherited: dict[int, str] | None = None   # inside a child: its fds
        self.functions = dict(sh.state.functions)      # plus those the line defines

    def say(self, depth: int, text: str) -> None:
        self.out.append("  " * depth + text + "\n")

    def fork(self, depth: int, text: str) -> None:
        self.forks += 1
        self.say(depth, text)

    def node(self, node, depth: int) -> None:
        """One node run by the shell itself (Executor.run).  Redirections of
        a compound command hold for what runs inside it, and no further."""
        outer = self.inherited
        try:
            self._node(node, depth)
        finally:
            self.inherited = outer

    def _node(self, node, depth: int) -> None:
        match node:
            case Simple():
                self.simple(node, depth)
            case Pipeline(timed=timed) if timed:
                self.say(depth, _("time: times(2) before and after, real/user/sys on stderr"))
                self.node(Pipeline(node.commands, node.negated, None, node.span), depth)
            case Pipeline(negated=True):
                self.node(Pipeline(node.commands, False, None, node.span), depth)
                self.say(depth, _("! : $? becomes 0 if that failed, 1 if it succeeded"))
            case Pipeline(commands=(single,)):
                self.node(single, depth)
            case Pipeline(commands=commands):
                self.pipeline(commands, depth)
            case AndOr(left=left, op=op, right=right):
                self.node(left, depth)
                then = _("{op}: then, only if that succeeded (status 0):") if op == "&&" else \
                    _("{op}: then, only if that failed (status not 0):")
                self.say(depth, then.format(op=op))
                self.node(right, depth)
            case Sequence(commands=commands):
                for command in commands:
                    self.node(command, depth)
            case Background(body=body):
                self.fork(depth, _("& : fork(); the shell does not wait -- $! is the child's "
                                   "pid, and `jobs` lists it"))
                self.say(depth, "    " + _("without job control the child ignores SIGINT and "
                                           "SIGQUIT and reads /dev/null"))
                self.child(body, depth + 1)
            case Subshell():
                self.fork(depth, _("( ... ): fork() with no exec -- a copy of the shell runs:"))
                self.child(node, depth + 1)
                self.waits(depth)
            case Group(body=body, redirs=redirs):
                self.say(depth, _("{ ...; } runs inside the shell (no fork)"))
                self.shell_redirs(redirs, depth + 1)
                self.node(body, depth + 1)
            case If(clauses=clauses, else_body=else_body, redirs=redirs):
                self.say(depth, _("if: runs inside the shell; each test is a command whose "
                                  "status decides"))
                self.shell_redirs(redirs, depth + 1)
                for i, (cond, body) in enumerate(clauses):
                    self.say(depth, "if:" if i == 0 else "elif:")
                    self.node(cond, depth + 1)
                    self.say(depth, _("then (status 0):"))
                    self.node(body, depth + 1)
                if else_body is not None:
                    self.say(depth, "else:")
                    self.node(else_body, depth + 1)
            case Loop(cond=cond, body=body, until=until, redirs=redirs):
                self.loops = True
                self.say(depth, _("until loop: runs inside the shell; each round runs the test, "
                                  "then, while it fails, the body") if until else
                         _("while loop: runs inside the shell; each round runs the test, "
                           "then, while it succeeds, the body"))
                self.shell_redirs(redirs, depth + 1)
                self.node(cond, depth + 1)
                self.say(depth, "do:")
                self.node(body, depth + 1)
            case For(name=name, words=words, body=body, redirs=redirs):
                self.loops = True
                items = self.expand(words) if words is not None else \
                    list(self.sh.state.positional)
                self.say(depth, _("for loop: runs inside the shell; {name} takes each of "
                                  "{items} in turn, and the body runs once for each:")
                         .format(name=name, items=items))
                self.shell_redirs(redirs, depth + 1)
                self.node(body, depth + 1)
            case Case(redirs=redirs):
                self.say(depth, _("case: runs inside the shell; the word is matched against "
                                  "each pattern (fnmatch), and the first match's body runs"))
                self.shell_redirs(redirs, depth + 1)
                for item in node.items:           # (patterns, body, ;; or ;& or ;;&)
                    body = item[1]
                    if body is not None:
                        self.node(body, depth + 1)
            case Cond(redirs=redirs):
                self.say(depth, _("[[ ... ]]: a test inside the shell (no fork); its words are "
                                  "neither split nor globbed, == matches a pattern, =~ a regex"))
                self.shell_redirs(redirs, depth + 1)
            case ArithCommand(redirs=redirs):
                self.say(depth, _("(( ... )): arithmetic inside the shell (no fork); status 0 "
                                  "when the value is not 0, else 1"))
                self.shell_redirs(redirs, depth + 1)
            case ArithFor(body=body, redirs=redirs):
                self.loops = True
                self.say(depth, _("for (( init; test; step )): C's loop, inside the shell (no "
                                  "fork); the body runs while the test is not 0"))
                self.shell_redirs(redirs, depth + 1)
                self.node(body, depth + 1)
            case Function(name=name):
                self.functions[name] = node
                self.say(depth, _("defines the function {name}: nothing runs until it is called")
                         .format(name=name))
            case _:
                raise TypeError(f"explain has no rule for {type(node).__name__}")

    def waits(self, depth: int) -> None:
        self.say(depth, _("the shell waits for it (wait4); $? is its exit status, "
                          "or 128+n if signal n killed it"))

    def pipeline(self, commands, depth: int) -> None:
        n = len(commands)
        first = self.pipes + 1
        self.pipes += n - 1
        self.say(depth, _("pipeline of {n}: {pipes} pipe(s), {n} fork()s -- every stage is a "
                          "child, builtins too; the shell closes its copies of the pipe ends")
                 .format(n=n, pipes=n - 1))
        for i, command in enumerate(commands):
            self.forks += 1
            stdin = _("pipe {n} (read end)").format(n=first + i - 1) if i else None
            stdout = _("pipe {n} (write end)").format(n=first + i) if i < n - 1 else None
            self.child(command, depth + 1, stdin, stdout, stage=i + 1)
        self.say(depth, _("the shell waits for all {n} (wait4); $? is the last stage's status")
                 .format(n=n))

    def child(self, node, depth, stdin=None, stdout=None, stage=None) -> None:
        """What a forked child runs (Executor.child_main): a simple command
        execs in place, a ( subshell ) runs its body with no second fork."""
        label = _("stage {n}: ").format(n=stage) if stage else ""
        fds = self.shell_fds()
        if stdin:
            fds[0] = stdin
        if stdout:
            fds[1] = stdout
        outer, self.inherited = self.inherited, fds
        try:
            self.in_child(node, depth, label, fds)
        finally:
            self.inherited = outer

    def in_child(self, node, depth: int, label: str, fds: dict[int, str]) -> None:
        if isinstance(node, Subshell):
            self.say(depth, label + _("( ... ): a copy of the shell runs, no exec:"))
            if node.redirs:
                self.fd_steps(node.redirs, fds, depth + 1)
            self.node(node.body, depth + 1)
            return
        if isinstance(node, Simple):
            argv = self.expand(node.words)
            if not argv:
                self.say(depth, label + _("child process: only assignments and redirections, "
                                          "then it exits"))
            else:
                self.say(depth, label + _("child process: {what}").format(
                    what=self.what_runs(argv, in_child=True)))
                if resolve(self.sh.state, argv[0], self.functions, remember=False)[0] == "function":
                    self.call(argv, depth + 1)
            self.fd_steps(node.redirs, fds, depth + 1)
            return
        self.say(depth, label + _("child process (a copy of the shell) runs:"))
        self.node(node, depth + 1)

    def simple(self, node: Simple, depth: int) -> None:
        argv = self.expand(node.words)
        if not argv:
            names = [a.name for a in node.assigns]
            self.say(depth, _("inside the shell: set variable(s) {names}")
                     .format(names=", ".join(names)) if names else
                     _("inside the shell: only redirections: the files are opened "
                       "(created/truncated) and closed"))
            self.shell_redirs(node.redirs, depth + 1)
            return
        kind, _path = resolve(self.sh.state, argv[0], self.functions, remember=False)
        if kind == "function":
            self.say(depth, _("{name} is a function: its body runs inside the shell, "
                              "with $1... = {args}").format(name=argv[0], args=argv[1:]))
            self.shell_redirs(node.redirs, depth + 1)
            self.call(argv, depth + 1)
            return
        if kind == "builtin":
            self.say(depth, _("{name} is a builtin: it runs inside the shell, no fork "
                              "(argv {argv})").format(name=argv[0], argv=argv))
            self.shell_redirs(node.redirs, depth + 1)
            return
        self.fork(depth, _("fork(); the child {what}").format(
            what=self.what_runs(argv, in_child=False)))
        self.fd_steps(node.redirs, self.shell_fds(), depth + 1)
        self.waits(depth)

    def call(self, argv: list[str], depth: int) -> None:
        name = argv[0]
        if name in self.calling:
            self.say(depth, _("(calls {name} again: recursion, not expanded further)")
                     .format(name=name))
            return
        self.calling.add(name)
        self.node(self.functions[name].body, depth)
        self.calling.discard(name)

    def shell_redirs(self, redirs, depth: int) -> None:
        if redirs:
            self.say(depth, _("its redirections change the shell's own fds: each is first "
                              "copied to fd 10+ (F_DUPFD_CLOEXEC), then put back"))
            fds = self.shell_fds()
            self.fd_steps(redirs, fds, depth)
            self.inherited = fds               # what the commands inside inherit

    def expand(self, words) -> list[str]:
        try:
            return self.expander.words(words)
        except (ShellError, ExpansionError) as e:
            return [_("<expansion error: {message}>").format(message=e.message)]

    def what_runs(self, argv: list[str], in_child: bool) -> str:
        kind, path = resolve(self.sh.state, argv[0], self.functions, remember=False)
        if kind == "function":
            return _("runs the function {name} (no exec), then exits").format(name=argv[0])
        if kind == "builtin":
            return _("runs the builtin {name} {args} and exits (no exec)").format(
                name=argv[0], args=argv[1:])
        if "/" in argv[0] and not os.path.exists(argv[0]):     # a path is never searched for
            return _("execve({name}) fails with ENOENT (no such file): exits 127").format(
                name=repr(argv[0]))
        if path is None or not os.path.exists(path):
            return _("finds no {name} on PATH: prints 'command not found', exits 127").format(
                name=repr(argv[0]))
        text = f"execve({path!r}, {argv})"
        interpreter = program.read_interpreter(path) if os.path.isfile(path) else None
        if interpreter:
            text += "; " + _("the file starts with #!, so the kernel runs {argv}").format(
                argv=interpreter + [path] + argv[1:])
        return text

    def shell_fds(self) -> dict[int, str]:
        """The fds a child inherits: the shell's (or, inside a child, the
        ones that child has)."""
        if self.inherited is not None:
            return dict(self.inherited)
        return fdplan.inherited_fds()

    def fd_steps(self, redirs, fds: dict[int, str], depth: int) -> None:
        """The fd table at the start, after each redirection, in order."""
        for line in fdplan.steps(redirs, fds, self.expander):
            self.say(depth, line)
