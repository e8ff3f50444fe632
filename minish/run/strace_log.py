"""Reading what `strace -f -ff -o PREFIX` wrote: one file per process.

    strace -f -ff -qq -o trace/t -e trace=process,desc,signal,ipc ./prog
    -> trace/t.4000, trace/t.4001, ...   (one per pid; with -ff no call is
       split into `<unfinished ...>` and `<... resumed>` halves)

The lab grader (minish/teach/lab.py) reads those files into `Process`
objects: each one's calls in order, its parent, the line where it was
forked.  It sits next to trace.py because both speak strace's notation:
trace.py *writes* lines like `dup2(4, 1) = 1` about the shell, this module
*reads* them about a student's program, and both name flags and statuses
with trace.py's words.

`FdTable` replays pipe2/dup2/close/openat/execve on a process's fd table,
so a grader can ask "which pipe ends did this child hold when it exec'd?"
by meaning, not by the fd numbers libc happened to choose.

Nothing here makes a system call except reading files.
"""
import os
import re

from . import trace
from ..i18n import _

_RESULT = re.compile(r"\)\s+= (?=-?\d|\?|0x)")   # the `) = ` before a result


class Call:
    """One line of a per-pid trace: `name(args) = result`, or a signal."""

    def __init__(self, pid: int, line: int, text: str) -> None:
        self.pid, self.line, self.text = pid, line, text
        self.name, self.args, self.result, self.error = "", [], None, None
        self.signal = None                      # `--- SIGINT {...} ---`: "SIGINT"
        if text.startswith("--- "):
            self.signal = text[4:].split(" ", 1)[0]
            return
        if text.startswith("+++") or "(" not in text:
            return
        self.name, rest = text.split("(", 1)
        # strace pads `) = result` to a column: `close(3)        = 0`
        ends = list(_RESULT.finditer(rest))
        if ends:
            args, result = rest[:ends[-1].start()], rest[ends[-1].end():]
        else:                                   # killed inside the call: no result
            args, result = rest.replace("<unfinished ...>", "").rstrip().rstrip(")"), ""
        self.args = split_args(args.replace("<unfinished ...>", "").rstrip())
        words = result.split()
        if words and words[0].lstrip("-").isdigit():
            self.result = int(words[0])
            if self.result == -1 and len(words) > 1:
                self.error = words[1]           # ENOENT
        elif words and words[0] == "?" and len(words) > 1:
            self.error = words[1]               # ERESTARTNOHAND: interrupted

    def where(self) -> str:
        """How a message points at this line: `pid 4001, line 12: dup2(4, 1) = 1`."""
        text = " ".join(self.text.split())     # strace's column padding
        call = text if len(text) < 110 else text[:100] + " ... " + text[-8:]
        return _("pid {pid}, line {line}: {call}").format(pid=self.pid, line=self.line, call=call)

    def __repr__(self) -> str:
        return f"<{self.where()}>"


def split_args(text: str) -> list[str]:
    """Split strace's argument list at top-level commas (not inside "", [], {})."""
    out, depth, quoted, start, i = [], 0, False, 0, 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\":
                i += 1
            elif c == '"':
                quoted = False
        elif c == '"':
            quoted = True
        elif c in "[{(":
            depth += 1
        elif c in "]})":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
        i += 1
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def unquote(arg: str) -> str:
    """"/bin/sh" -> /bin/sh (strace's C escapes for the common cases)."""
    if not arg.startswith('"'):
        return arg
    body = arg[1:arg.rfind('"')]
    return body.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def string_list(arg: str) -> list[str]:
    """["sh", "-c", "exit 3"] -> ['sh', '-c', 'exit 3']"""
    return [unquote(a) for a in split_args(arg.strip()[1:-1])]


def signal_set(arg: str) -> set[str]:
    """[INT QUIT CHLD] -> {'SIGINT', 'SIGQUIT', 'SIGCHLD'}; ~[...] is everything but."""
    names = {"SIG" + n for n in arg.strip("~[]").split() if not n.startswith("RT")}
    if arg.startswith("~"):
        return {"~"} | names                    # rare; callers test membership with in_set
    return names


def in_set(sig: str, arg: str) -> bool:
    names = signal_set(arg)
    return (sig not in names) if "~" in names else (sig in names)


FORKS = ("clone", "clone3", "fork", "vfork")
WAITS = ("wait4", "waitid")


class Process:
    """One pid's calls, and where it came from."""

    def __init__(self, pid: int, calls: list[Call]) -> None:
        self.pid, self.calls = pid, calls
        self.parent: "Process | None" = None
        self.forked_by: Call | None = None      # the clone() in the parent
        self.children: list["Process"] = []

    def find(self, name: str, start: int = 0) -> list[Call]:
        return [c for c in self.calls[start:] if c.name == name]

    def index(self, call: Call) -> int:
        return self.calls.index(call)

    def execs(self) -> list[Call]:
        return [c for c in self.calls if c.name == "execve" and c.result == 0]

    def program(self) -> str:
        """What this process ran last: /bin/sh, or the parent's program."""
        for c in reversed(self.calls):
            if c.name == "execve" and c.result == 0:
                return unquote(c.args[0])
        return self.parent.program() if self.parent else "?"

    def exit_code(self) -> int | None:
        for c in reversed(self.calls):
            if c.name in ("exit_group", "exit") and c.args:
                return int(c.args[0])
        return None

    def waits_for(self, pid: int) -> list[Call]:
        """The wait4/waitid calls that reaped `pid`."""
        return [c for c in self.calls if c.name in WAITS and c.result == pid
                or c.name == "waitid" and c.result == 0 and f"si_pid={pid}," in c.text]

    def __repr__(self) -> str:
        return f"<pid {self.pid} {self.program()}>"


class Log:
    """Every process of one traced run, linked parent to child."""

    def __init__(self, prefix: str) -> None:
        directory, base = os.path.split(prefix)
        self.processes: dict[int, Process] = {}
        self.pipe_names: dict[tuple[int, int], str] = {}     # (pid, line) -> "pipe #1"
        for name in os.listdir(directory):
            if name.startswith(base + ".") and name[len(base) + 1:].isdigit():
                pid = int(name[len(base) + 1:])
                with open(os.path.join(directory, name), errors="replace") as f:
                    calls = [Call(pid, n, text.rstrip("\n")) for n, text in enumerate(f, 1)]
                self.processes[pid] = Process(pid, calls)
        for proc in self.processes.values():
            for call in proc.calls:
                child = self.processes.get(call.result) if call.name in FORKS else None
                if child is not None and "CLONE_THREAD" not in call.text:
                    child.parent, child.forked_by = proc, call
                    proc.children.append(child)
        roots = [p for p in self.processes.values() if p.parent is None]
        self.root = min(roots, key=lambda p: p.pid) if roots else None

    def all(self) -> list[Process]:
        return sorted(self.processes.values(), key=lambda p: p.pid)


# ---- fd tables -------------------------------------------------------------------

class End:
    """One open file description, as a grader names it: `pipe #1 write end`."""

    def __init__(self, what: str, write: bool, cloexec: bool = False) -> None:
        self.what, self.write, self.cloexec = what, write, cloexec

    def is_pipe(self) -> bool:
        return self.what.startswith("pipe")

    def __str__(self) -> str:
        if self.is_pipe():
            if self.write:
                return _("{pipe} write end").format(pipe=self.what)
            return _("{pipe} read end").format(pipe=self.what)
        return self.what


def fd_table_at(log: Log, proc: Process, stop: Call | None = None) -> dict:
    """Replay `proc`'s calls up to (not including) `stop` on its fd table.

    The table starts as the parent's was at the clone() (for the first
    process: 0, 1, 2 as the grader opened them).  Pipes are named in the
    order the run made them, `pipe #1`, `pipe #2`.
    """
    if proc.parent is not None and proc.forked_by is not None:
        table = dict(fd_table_at(log, proc.parent, proc.forked_by))
    else:
        table = {0: End("stdin", False), 1: End("stdout", True), 2: End("stderr", True)}
    for call in proc.calls:
        if call is stop:
            break
        _apply(log, table, call)
    return table


def _flags(text: str) -> set[str]:
    """O_WRONLY|O_CREAT|O_CLOEXEC -> the names, as trace.open_flags writes them."""
    known = {name for _flag, name in trace.OPEN_FLAGS} | {"O_RDONLY"}
    return {f for f in text.split("|") if f in known}


def _apply(log: Log, table: dict, call: Call) -> None:
    """What one call does to an fd table (only calls that succeeded)."""
    if call.result is None or call.result < 0:
        return
    name, a = call.name, call.args
    if name in ("pipe", "pipe2") and a:
        names = log.pipe_names
        label = names.setdefault((call.pid, call.line), f"pipe #{len(names) + 1}")   # a name, like pipe:[inode]
        r, w = (int(x) for x in split_args(a[0].strip("[]")))
        cloexec = len(a) > 1 and "O_CLOEXEC" in _flags(a[1])
        table[r], table[w] = End(label, False, cloexec), End(label, True, cloexec)
    elif name in ("dup2", "dup3") and int(a[0]) in table:
        table[int(a[1])] = End(table[int(a[0])].what, table[int(a[0])].write,
                               name == "dup3" and "O_CLOEXEC" in a[2])
    elif name == "dup" and int(a[0]) in table:
        table[call.result] = End(table[int(a[0])].what, table[int(a[0])].write)
    elif name == "fcntl" and len(a) > 1 and a[1].startswith("F_DUPFD") and int(a[0]) in table:
        old = table[int(a[0])]
        table[call.result] = End(old.what, old.write, a[1] == "F_DUPFD_CLOEXEC")
    elif name == "close":
        table.pop(int(a[0]), None)
    elif name in ("openat", "open"):
        flags = _flags(a[2] if name == "openat" else a[1])
        table[call.result] = End(unquote(a[1] if name == "openat" else a[0]),
                                 bool(flags & {"O_WRONLY", "O_RDWR"}), "O_CLOEXEC" in flags)
    elif name == "execve":
        for fd in [fd for fd, end in table.items() if end.cloexec]:
            del table[fd]


def pipe_ends(table: dict) -> dict:
    """{fd: End} for the pipe ends only."""
    return {fd: end for fd, end in sorted(table.items()) if end.is_pipe()}


def describe_ends(ends: dict) -> str:
    return ", ".join(f"fd {fd} ({end})" for fd, end in sorted(ends.items()))
