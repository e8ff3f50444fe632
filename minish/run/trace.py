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

This module imports nothing from minish: process, redirect, jobs and libc
call it.
"""
import errno
import fcntl
import os

ON = False                        # narration on (set -o trace / --trace)
FDS = False                       # also each child's fd table before exec (fdtrace)
_fd: int | None = None            # where narration goes
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


def say(text: str, pid: int | None = None) -> None:
    """Write one narration line, prefixed with [pid N], in a single write(2).
    (`pid`: another process's call, told by the shell: posix_spawn's child,
    which cannot narrate for itself, spawn.py.)"""
    if _fd is None:
        return
    pid = f"[pid {pid or os.getpid()}]"
    line = f"\x1b[2m{pid}\x1b[0m \x1b[36m{text}\x1b[0m\n" if _colour else f"{pid} {text}\n"
    try:
        os.write(_fd, line.encode("utf-8", "surrogateescape"))
    except OSError:
        pass


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
    return f"-1 {name} ({os.strerror(e.errno)})"


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
    import signal
    def name(n):
        try:
            return signal.Signals(n).name
        except ValueError:
            return str(n)
    if os.WIFEXITED(raw):
        return f"[{{WIFEXITED(s) && WEXITSTATUS(s) == {os.WEXITSTATUS(raw)}}}]"
    if os.WIFSIGNALED(raw):
        core = " && WCOREDUMP(s)" if os.WCOREDUMP(raw) else ""
        return f"[{{WIFSIGNALED(s) && WTERMSIG(s) == {name(os.WTERMSIG(raw))}{core}}}]"
    if os.WIFSTOPPED(raw):
        return f"[{{WIFSTOPPED(s) && WSTOPSIG(s) == {name(os.WSTOPSIG(raw))}}}]"
    return "[{WIFCONTINUED(s)}]"


def fd_table() -> str:
    """This process's fds as /proc/self/fd shows them: `0 -> /dev/pts/1 ...`."""
    entries = []
    for name in sorted(os.listdir("/proc/self/fd"), key=int):
        fd = int(name)
        if fd == _fd:
            continue
        try:
            entries.append(f"{fd} -> {os.readlink(f'/proc/self/fd/{fd}')}")
        except OSError:
            continue                           # the directory listing's own fd
    return ", ".join(entries)
