"""The teaching lens: explain a command line without running it; show wait statuses.

    explain 'ls nope 2>&1 >f'   each process, its argv, what runs in the shell,
                                the pipes, and each child's fd table built up
                                redirection by redirection -- nothing runs
    status                      the raw wait status of every process of the
                                last foreground job, decoded
"""
import fcntl
import os

from ..run import process
from ..errors import ParseError, ShellError, write
from ..lang.expand import Expander
from ..lang.parser import parse
from ..lang.syntax import AndOr, Background, Group, Pipeline, Sequence, Simple, Subshell
from .registry import BUILTINS, builtin

OPEN_WORDS = {"<": "read", ">": "write, truncate", ">|": "write, truncate",
              ">>": "write, append", "<>": "read/write"}


@builtin("explain", "show what a command line would do, without running it", "explain 'LINE'")
def explain(sh, argv):
    """Print the plan for LINE: every process that would be forked, its argv
    after expansion, which parts run inside the shell itself, the pipes, and
    each child's file descriptor table after its redirections, applied left
    to right.  Compare:  explain 'ls nope 2>&1 >f'   explain 'ls nope >f 2>&1'
    $(...) is not run: explain shows where its output would go."""
    if len(argv) < 2:
        raise ShellError("usage: explain 'LINE'", status=2)
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
    plan.say(0, "# nothing is run: variables and globs expand as they would now; "
                "$(...) is not run")
    plan.node(tree, depth=0)
    write(1, "".join(plan.out))
    return 0


class Planner:
    def __init__(self, sh) -> None:
        self.sh = sh
        self.out: list[str] = []
        # Expansion as the shell would do it -- except that $(...) is not run.
        self.expander = Expander(sh.state, lambda body: "<output of $(...)>")
        self.pipes = 0

    def say(self, depth: int, text: str) -> None:
        self.out.append("  " * depth + text + "\n")

    def node(self, node, depth: int) -> None:
        match node:
            case Sequence(commands=commands):
                for command in commands:
                    self.node(command, depth)
            case AndOr(left=left, op=op, right=right):
                self.node(left, depth)
                when = "succeeded (status 0)" if op == "&&" else "failed (status not 0)"
                self.say(depth, f"{op}: then, only if that {when}:")
                self.node(right, depth)
            case Background(body=body):
                self.say(depth, "& : fork(); the shell does not wait -- $! is the child's pid;")
                self.say(depth, "    without job control the child ignores SIGINT and SIGQUIT")
                self.node(body, depth + 1)
            case Pipeline(commands=commands, negated=negated, timed=timed):
                if timed:
                    self.say(depth, "time: times(2) before and after, real/user/sys on stderr")
                self.pipeline(commands, depth)
                if negated:
                    self.say(depth, "! : $? becomes 0 if the pipeline failed, 1 if it succeeded")
            case Subshell():
                self.child(node, depth, stdin=None, stdout=None)
            case Group(body=body, redirs=redirs):
                self.say(depth, "{ ...; } runs inside the shell (no fork)"
                         + ("; its redirections are applied to the shell's fds and undone after"
                            if redirs else ""))
                if redirs:
                    self.fd_steps(redirs, self.shell_fds(), depth + 1)
                self.node(body, depth + 1)
            case Simple():
                self.simple(node, depth)

    def pipeline(self, commands, depth: int) -> None:
        n = len(commands)
        first = self.pipes + 1
        self.pipes += n - 1
        self.say(depth, f"pipeline of {n}: {n - 1} pipe(s), {n} fork()s -- every stage is a "
                        "child, builtins too; the shell closes its copies of the pipe ends")
        for i, command in enumerate(commands):
            stdin = f"pipe {first + i - 1} (read end)" if i else None
            stdout = f"pipe {first + i} (write end)" if i < n - 1 else None
            self.child(command, depth + 1, stdin, stdout, stage=i + 1)
        self.say(depth, f"the shell waits for all {n} (wait4); $? is the last stage's status")

    def child(self, node, depth, stdin, stdout, stage=None) -> None:
        label = f"stage {stage}: " if stage else ""
        fds = self.shell_fds()
        if stdin:
            fds[0] = stdin
        if stdout:
            fds[1] = stdout
        if isinstance(node, Subshell):
            self.say(depth, f"{label}( ... ): fork() with no exec -- a copy of the shell runs:")
            if node.redirs:
                self.fd_steps(node.redirs, fds, depth + 1)
            self.node(node.body, depth + 1)
            return
        if isinstance(node, Simple):
            argv = self.argv(node)
            self.say(depth, f"{label}child process: {self.what_runs(argv, in_child=True)}")
            self.fd_steps(node.redirs, fds, depth + 1)
            return
        self.say(depth, f"{label}child process (a copy of the shell) runs:")
        self.node(node, depth + 1)

    def simple(self, node: Simple, depth: int) -> None:
        argv = self.argv(node)
        if not argv:
            names = ", ".join(a.name for a in node.assigns)
            self.say(depth, "inside the shell: " + (f"set variable(s) {names}" if names else
                     "only redirections: the files are opened (created/truncated) and closed"))
            if node.redirs:
                self.fd_steps(node.redirs, self.shell_fds(), depth + 1)
            return
        if argv[0] in BUILTINS:
            self.say(depth, f"{argv[0]} is a builtin: it runs inside the shell, no fork "
                            f"(argv {argv})")
            if node.redirs:
                self.say(depth + 1, "its redirections change the shell's own fds: each is first "
                                    "copied to fd 10+ (F_DUPFD_CLOEXEC), then put back")
                self.fd_steps(node.redirs, self.shell_fds(), depth + 1)
            return
        self.say(depth, f"fork(); the child {self.what_runs(argv, in_child=False)}")
        self.fd_steps(node.redirs, self.shell_fds(), depth + 1)
        self.say(depth, "the shell waits for it (wait4); $? is its exit status, "
                        "or 128+n if signal n killed it")

    def argv(self, node: Simple) -> list[str]:
        try:
            return self.expander.words(node.words)
        except ShellError as e:
            return [f"<expansion error: {e.message}>"]

    def what_runs(self, argv: list[str], in_child: bool) -> str:
        if argv[0] in BUILTINS:
            return f"runs the builtin {argv[0]} {argv[1:]} and exits (no exec)"
        path = process.search_path(argv[0], self.sh.state.vars.get("PATH"))
        if path is None or not os.path.exists(path):
            return f"finds no {argv[0]!r} on PATH: prints 'command not found', exits 127"
        text = f"execve({path!r}, {argv})"
        interpreter = process.read_interpreter(path) if os.path.isfile(path) else None
        if interpreter:
            text += (f"; the file starts with #!, so the kernel runs "
                     f"{interpreter + [path] + argv[1:]}")
        return text

    def shell_fds(self) -> dict[int, str]:
        """The fds a child inherits: the shell's, except close-on-exec ones."""
        fds = {}
        for name in os.listdir("/proc/self/fd"):
            fd = int(name)
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
                if fd > 2 and fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC:
                    continue
            except OSError:
                continue
            fds[fd] = target
        return dict(sorted(fds.items()))

    def fd_steps(self, redirs, fds: dict[int, str], depth: int) -> None:
        """The fd table at the start, after each redirection, in order."""
        self.say(depth, f"{'fds at start:':<28}{show(fds)}")
        for r in redirs:
            fd = r.fd if r.fd is not None else (0 if r.op.startswith("<") else 1)
            try:
                target = self.expander.redirect_target(r.target)
            except ShellError as e:
                self.say(depth, f"error: {e.message} -- the command would not run")
                return
            text = f"{'' if r.fd is None else r.fd}{r.op}{target}"
            if r.op in (">&", "<&") and target == "-":
                fds.pop(fd, None)
                call = f"close({fd})"
            elif r.op in (">&", "<&") and target.isascii() and target.isdigit():
                source = int(target)
                if source not in fds:
                    self.say(depth, f"{text}: fd {source} is not open -- error, the command "
                                    "would not run (status 1)")
                    return
                fds[fd] = fds[source]
                call = f"dup2({source}, {fd})  fd {fd} now shares fd {source}'s file, as it is now"
            else:
                fds[fd] = f'"{target}" ({OPEN_WORDS.get(r.op, "write, truncate")})'
                call = f"open {target!r}, dup2 it to {fd}, close the extra fd"
            self.say(depth, f"{text:<10} {call}")
            self.say(depth, f"{'':<28}{show(fds)}")


def show(fds: dict[int, str]) -> str:
    return "   ".join(f"{fd} -> {target}" for fd, target in sorted(fds.items()))


@builtin("status", "show the raw wait status of each process of the last job",
         "status")
def status(sh, argv):
    """For each process of the last foreground job: its raw wait status as
    waitpid(2) returned it, and what the <sys/wait.h> macros make of it
    (WIFEXITED/WEXITSTATUS, WIFSIGNALED/WTERMSIG, WCOREDUMP, WIFSTOPPED/
    WSTOPSIG) -- next to $?, which the shell computed from the last one."""
    from ..libc import pr_exit
    write(1, f"$? = {sh.state.last_status}\n")
    table = sh.last_job_table()
    if not table:
        write(1, "no job has run yet\n")
        return 0
    width = max(len(text) for _, text, _ in table)
    for pid, text, raw in table:
        decoded = pr_exit(raw) if raw >= 0 else "still running"
        write(1, f"pid {pid:<7} {text:<{width}}  raw {raw & 0xFFFF:#06x}  {decoded}\n")
    return sh.state.last_status
