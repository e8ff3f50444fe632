"""Syscall narration: what the shell asks of the kernel, as it asks it.

    minish --trace -c 'ls | wc -l'      or, at the prompt, set -o trace

Each line is one system call in strace's notation, so a student can hold
it next to `strace -f` output:

    [pid 4000] pipe() = [3, 4]                    strace: pipe2([3, 4], O_CLOEXEC)
    [pid 4000] fork() = 4001                      strace: clone(...) = 4001
    [pid 4001] dup2(4, 1) = 1
    [pid 4001] execve("/usr/bin/ls", ["ls"], /* 20 vars */)
    [pid 4000] wait4(4001, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 4001

A line is written only *after* the call returned, with its real result
or errno (execve, which returns only on failure, is written before).
Children narrate their own calls between fork and exec.  Every line goes
out in one write(2) to a descriptor saved when minish started, so it
never lands in a redirected stdout, a pipe or a file, and lines from
different processes never mix.

It imports only signals (for the one signal-name table): process,
redirect, jobs and libc call it.
"""
import errno
import fcntl
import os

from . import signals
from ..i18n import strerror_en

ON = False                        # lines are made: narration shown, or recorded
SHOW = False                      # shown on the terminal (set -o trace / --trace)
FDS = False                       # also each child's fd table before exec (fdtrace)
_fd: int | None = None            # where narration goes
_record: int | None = None        # a lesson's record of what happened (teach/record.py)
_colour = False
NARRATION_FD_MIN = 100            # out of the way of the fds scripts use


def save_terminal() -> None:
    """At start-up: keep a descriptor for narration, close-on-exec.

    The terminal (/dev/tty) when there is one, else a copy of stderr as it
    was when minish started.
    """
    global _fd, _colour
    if _fd is not None:
        return
    try:
        tty = os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        _fd = fcntl.fcntl(tty, fcntl.F_DUPFD_CLOEXEC, NARRATION_FD_MIN)
        os.close(tty)
    except OSError:
        try:
            _fd = fcntl.fcntl(2, fcntl.F_DUPFD_CLOEXEC, NARRATION_FD_MIN)
        except OSError:
            _fd = None
    _colour = _fd is not None and os.isatty(_fd) and "NO_COLOR" not in os.environ


def narration_fd() -> int | None:
    return _fd


def narrate(on: bool) -> None:
    """set -o trace / set +o trace: show the lines on the terminal, or not."""
    global SHOW, ON
    SHOW = on
    ON = SHOW or _record is not None


def record_to(fd: int | None) -> None:
    """A lesson records every line (shown or not) in `fd`, an O_APPEND file
    opened close-on-exec: forked children write to it too, programs never
    see it.  None stops recording."""
    global _record, ON
    _record = fd
    ON = SHOW or _record is not None


def record(text: str) -> None:
    """A line for the lesson's record only (`builtin echo ...`): never shown."""
    if _record is not None:
        _write(_record, f"[pid {os.getpid()}] {text}\n")


def _write(fd: int, line: str) -> None:
    try:
        os.write(fd, line.encode("utf-8", "surrogateescape"))
    except OSError:
        pass


def say(text: str, show: bool = False, pid: int | None = None) -> None:
    """Write one narration line, prefixed with [pid N], in a single write(2).

    Shown with set -o trace (SHOW), or when `show` says so (fdtrace's
    tables, which do not need trace); recorded whenever a lesson records.
    (`pid`: another process's call, told by the shell: posix_spawn's child,
    which cannot narrate for itself, spawn.py.)"""
    pid = f"[pid {pid or os.getpid()}]"
    if _record is not None:
        _write(_record, f"{pid} {text}\n")
    if _fd is None or not (SHOW or show):
        return
    _write(_fd, f"\x1b[2m{pid}\x1b[0m \x1b[36m{text}\x1b[0m\n" if _colour else f"{pid} {text}\n")


def note(text: str) -> None:
    """An explanation between the calls: `# ...`."""
    if ON:
        say(f"# {text}")


def syscall(text: str, fn, *args, show=None):
    """Run fn(*args) -- one system call -- and narrate `text = result`.

    `show` formats the result (default: as it is).  On failure the errno is
    narrated, strace style (`= -1 EBADF (Bad file descriptor)`), and the
    OSError goes on up.
    """
    if not ON:
        return fn(*args)
    try:
        result = fn(*args)
    except OSError as e:
        say(f"{text} = {failure(e)}")
        raise
    shown = show(result) if show else (0 if result is None else result)
    say(f"{text} = {shown}")
    return result


def failure(e: OSError) -> str:
    name = errno.errorcode.get(e.errno, str(e.errno))
    return f"-1 {name} ({strerror_en(e.errno)})"       # strace's words, in any language


# ---- strace's notation ----------------------------------------------------------

def string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def argv(words: list[str]) -> str:
    return "[" + ", ".join(string(w) for w in words) + "]"


OPEN_FLAGS = [(os.O_WRONLY, "O_WRONLY"), (os.O_RDWR, "O_RDWR"), (os.O_CREAT, "O_CREAT"),
              (os.O_EXCL, "O_EXCL"), (os.O_TRUNC, "O_TRUNC"), (os.O_APPEND, "O_APPEND"),
              (os.O_NONBLOCK, "O_NONBLOCK"), (os.O_CLOEXEC, "O_CLOEXEC")]


def open_flags(flags: int) -> str:
    """O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC -- Python adds O_CLOEXEC (PEP 446)."""
    names = [] if flags & 3 else ["O_RDONLY"]
    names += [name for bit, name in OPEN_FLAGS if flags & bit]
    return "|".join(names)


def wait_flags(flags: int) -> str:
    names = [n for bit, n in ((os.WNOHANG, "WNOHANG"), (os.WUNTRACED, "WSTOPPED"),
                              (os.WCONTINUED, "WCONTINUED")) if flags & bit]
    return "|".join(names) or "0"


def wait_status(raw: int) -> str:
    """A raw status as strace prints it: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]."""
    def name(n):
        text = signals.name(n)                 # the one signal-name table
        return str(n) if text.startswith("signal ") else text
    if os.WIFEXITED(raw):
        return f"[{{WIFEXITED(s) && WEXITSTATUS(s) == {os.WEXITSTATUS(raw)}}}]"
    if os.WIFSIGNALED(raw):
        core = " && WCOREDUMP(s)" if os.WCOREDUMP(raw) else ""
        return f"[{{WIFSIGNALED(s) && WTERMSIG(s) == {name(os.WTERMSIG(raw))}{core}}}]"
    if os.WIFSTOPPED(raw):
        return f"[{{WIFSTOPPED(s) && WSTOPSIG(s) == {name(os.WSTOPSIG(raw))}}}]"
    return "[{WIFCONTINUED(s)}]"


def fd_table() -> str:
    """This process's fds as /proc/self/fd shows them: `0 -> /dev/pts/1 ...`.

    An fd with FD_CLOEXEC is marked: execve(2) closes it, so the program
    will never see it (the shell's own saved copies are such fds).
    """
    entries = []
    for name in sorted(os.listdir("/proc/self/fd"), key=int):
        fd = int(name)
        if fd == _fd:
            continue
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
            cloexec = fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
        except OSError:
            continue                           # the directory listing's own fd
        entries.append(f"{fd} -> {target}" + (" (close-on-exec)" if cloexec else ""))
    return ", ".join(entries)
