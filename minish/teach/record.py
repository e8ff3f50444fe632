"""What one command did, as a lesson's checks see it.

A lesson must tell doing from copying: `printf 'normal exit, status 3'`
prints the right text but forks no `sh`, gets no wait status 3 and makes
no queue.  So while a step's command runs, the runner records:
- every line the tracer makes (run/trace.py: record_to), shown or not:
  `[pid 41] fork() = 42`, `[pid 42] dup2(3, 0) = 0`,
  `[pid 42] execve("/usr/bin/ls", ["ls", "-l"], ...)`, and
  `[pid 41] builtin ["status"]` for each builtin the shell ran;
- the last foreground job the command waited for (run/jobs.py: `last`),
  with its pids and raw wait statuses;
- what it wrote to the terminal (teach/tee.py), for the checks on text.

The record is an O_APPEND file in the scratch directory, opened
close-on-exec and unlinked at once: the shell and its forked children
append to it (one write(2) per line, so lines never mix); exec'd programs
never see it, and neither does `ls -a`.

Who calls it: repl/lesson.py (Recording), teach/checks.py (Happened).
System calls: open, read, close (the record file); /proc reads.
"""
import json
import os
import re

from ..run import trace

RECORD_FD_MIN = 90              # out of the way of a student's `exec 3> f`
_LINE = re.compile(r"\[pid (\d+)\] (.*)")
_EXECVE = re.compile(r'execve\(("(?:[^"\\]|\\.)*"), (\[.*?\]), /\*')


class Happened:
    """Everything a check may look at, for one command."""

    def __init__(self, typed: str, output: str, status: int, events: list[tuple[int, str]],
                 job, shell, key: str) -> None:
        self.typed, self.output, self.status = typed, output, status
        self.events = events                   # (pid, call text), in order
        self.job = job                         # the last foreground job, or None
        self.shell = shell                     # the Shell: variables, options
        self.shell_pid = os.getpid()
        self.key = key                         # LESSON_KEY, 0x%08x
        self.cwd = os.getcwd()

    def runs(self) -> list[list[str]]:
        """The argv of every program exec'd and every builtin run, in order."""
        found = []
        for i, (pid, text) in enumerate(self.events):
            if text.startswith("builtin "):
                found.append(_json_list(text[len("builtin "):]))
            elif (m := _EXECVE.match(text)) and not self._failed(i, pid):
                found.append(_json_list(m.group(2)))
        return [argv for argv in found if argv]

    def _failed(self, i: int, pid: int) -> bool:
        """An execve is narrated before it is made; a failure follows it
        (`  ... = -1 ENOENT`, from the same pid, in the PATH search)."""
        later = [text for p, text in self.events[i + 1:] if p == pid]
        return bool(later) and later[0].strip().startswith("... = -1")

    def syscalls(self, where: str = "") -> list[str]:
        """The narrated calls, without their pids: all of them, or only the
        shell's (`shell`) or only its children's (`child`)."""
        keep = {"": lambda pid: True, "shell": lambda pid: pid == self.shell_pid,
                "child": lambda pid: pid != self.shell_pid}[where]
        return [text for pid, text in self.events
                if keep(pid) and not text.startswith(("#", "builtin "))]


def _json_list(text: str) -> list[str]:
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


class Recording:
    """The record file of one lesson; `start()` before a command, `stop()` after."""

    def __init__(self, scratch: str) -> None:
        self.path = os.path.join(scratch, ".minish-record")
        self.fd: int | None = None

    def start(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
                     | os.O_CLOEXEC, 0o600)
        os.unlink(self.path)                   # nothing to see, or to delete, in `ls -a`
        import fcntl
        self.fd = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, RECORD_FD_MIN)
        os.close(fd)
        trace.record_to(self.fd)

    def stop(self) -> list[tuple[int, str]]:
        """Stop recording; the (pid, text) lines recorded since start()."""
        trace.record_to(None)
        if self.fd is None:
            return []
        try:
            data = os.pread(self.fd, os.fstat(self.fd).st_size, 0)
        finally:
            os.close(self.fd)
            self.fd = None
        lines = data.decode("utf-8", "replace").splitlines()
        return [(int(m.group(1)), m.group(2)) for line in lines if (m := _LINE.match(line))]


# ---- /proc: the shell's children and their states ---------------------------------

def descendants() -> list[tuple[int, str, str]]:
    """(pid, state letter, wchan) of every process below this one (proc(5)).

    Our pid as /proc numbers it: in a pid namespace of its own with the
    host's /proc (unshare --pid), getpid() and /proc disagree."""
    root = int(os.readlink("/proc/self"))
    parent, state = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry)], state[int(entry)] = int(fields[1]), fields[0]
    found, frontier = [], {root}
    while frontier:
        children = {pid for pid, ppid in parent.items() if ppid in frontier}
        found.extend(children)
        frontier = children
    return [(pid, state[pid], _wchan(pid)) for pid in sorted(found)]


def _wchan(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/wchan") as f:
            return f.read().strip()
    except OSError:
        return ""
