"""system(3), popen(3), pclose(3) and coprocesses, written out in Python.

The C library's versions are nothing but process creation, exec, pipes
and waitpid.  These are the classic fork() versions (APUE, and glibc's
own before 2.29); since 2.29 glibc's system() and popen() start the
child with posix_spawn(3) instead -- clone(CLONE_VM|CLONE_VFORK), which
copies no page tables -- but the signal handling and the waiting are the
same.  The fork version is the one taught because every step is visible
and can be narrated; posix_spawn does the same steps inside libc.  A
student can read these, and a lesson can import them:

    from minish.libc import system, popen, pclose, pr_exit, coprocess

Statuses are *raw wait statuses*, as in C: decode them with os.WIFEXITED
and friends, or print them with pr_exit().

A caveat for Python callers: Python ignores SIGPIPE, and an ignored signal
stays ignored across exec.  Like the C versions, these pass the caller's
dispositions on unchanged, so `yes | head -1` started from a Python program
sees EPIPE instead of dying of SIGPIPE.  minish's own builtins run them
with the shell's dispositions restored.
"""
import errno
import os

from .run import process, program, signals, trace
from .run.signals import signal    # the C module behind `signal` (see signals.py)

SHELL = "/bin/sh"


class InvalidArgument(OSError, ValueError):
    """EINVAL, the C library's answer to a bad mode or a foreign stream."""

    def __init__(self, what: str) -> None:
        super().__init__(errno.EINVAL, f"{os.strerror(errno.EINVAL)}: {what}")


# ---- system ------------------------------------------------------------------

SPAWN = False       # `set -o spawn` turns it on: system() is then system_spawn()


def system(command: str | None) -> int:
    """system(3): run `command` with /bin/sh -c; return its raw wait status.

    Which one runs: system_fork, the classic fork + exec + waitpid (what
    the lessons read, and the default), or, when SPAWN is on (`set -o
    spawn`), system_spawn, which starts /bin/sh with posix_spawn as glibc's
    own system() has done since 2.29.  Same statuses, same signal rules.
    """
    if SPAWN and command is not None:
        return system_spawn(command)
    return system_fork(command)


def system_fork(command: str | None) -> int:
    """system(3) the classic way: fork, exec /bin/sh -c, waitpid.

    The calls, in order (as glibc's sysdeps/posix/system.c before 2.29):
      sigaction(SIGINT, SIG_IGN), sigaction(SIGQUIT, SIG_IGN)
          -- Ctrl-C at the terminal is for the command, not for us
      sigprocmask(SIG_BLOCK, {SIGCHLD})
          -- a SIGCHLD handler in the caller must not reap our child
      fork()
        child:  sigaction x2 and sigprocmask back to the caller's originals,
                execve("/bin/sh", ["sh", "-c", command]), or _exit(127)
        parent: waitpid(pid, &status, 0), retried on EINTR
      sigaction x2, sigprocmask: restore the caller's state

    system(None) says whether a shell is available (non-zero if so).
    Returns 127 << 8 (exit status 127) when the shell cannot be run; raises
    OSError when fork(2) fails (C returns -1 and sets errno).
    """
    if command is None:
        return int(os.access(SHELL, os.X_OK))
    old_int = _sigaction(signal.SIGINT, signal.SIG_IGN)
    old_quit = _sigaction(signal.SIGQUIT, signal.SIG_IGN)
    old_mask = _sigprocmask(signal.SIG_BLOCK, {signal.SIGCHLD})
    try:
        def child() -> int:
            _sigaction(signal.SIGINT, old_int)
            _sigaction(signal.SIGQUIT, old_quit)
            _sigprocmask(signal.SIG_SETMASK, old_mask)
            return _exec_shell(command)
        pid = process.fork(child, [process.RestoreSignals()])
        # PEP 475: os.waitpid already retries when a signal interrupts it (EINTR).
        return process.wait_pid(pid)
    finally:
        _sigaction(signal.SIGINT, old_int)
        _sigaction(signal.SIGQUIT, old_quit)
        _sigprocmask(signal.SIG_SETMASK, old_mask)


def system_spawn(command: str) -> int:
    """system(3) as glibc has written it since 2.29: posix_spawn, not fork.

    The same signal rules as system_fork, but the child's part is given to
    posix_spawn in advance instead of run after fork: setsigdef puts SIGINT
    and SIGQUIT back to their defaults (unless the caller ignored them),
    setsigmask gives back the caller's mask.  glibc makes the child with
    clone(CLONE_VM|CLONE_VFORK): no copy of the caller's memory, which is
    why this is several times quicker than a fork from Python.
    """
    restores = signals.spawn_defaults()
    if restores is None:                       # a signal must go back to SIG_IGN
        return system_fork(command)
    old_int = _sigaction(signal.SIGINT, signal.SIG_IGN)
    old_quit = _sigaction(signal.SIGQUIT, signal.SIG_IGN)
    old_mask = _sigprocmask(signal.SIG_BLOCK, {signal.SIGCHLD})
    try:
        sigdef = {sig for sig, old in ((signal.SIGINT, old_int), (signal.SIGQUIT, old_quit))
                  if old != signal.SIG_IGN} | set(restores)
        argv = ["sh", "-c", command]
        process.flush_std_streams()
        try:
            # os.environb: the same variables as os.environ, already bytes, so
            # posix_spawn does not encode every one of them at each call.
            pid = os.posix_spawn(SHELL, argv, os.environb, setsigdef=sigdef,
                                 setsigmask=old_mask)
        except OSError:                        # /bin/sh could not run: as glibc
            return 127 << 8
        if trace.ON:
            from .run import spawn
            spawn.narrate(pid, SHELL, argv, os.environ, [], {"setsigdef": sigdef}, set())
        return process.wait_pid(pid)
    finally:
        _sigaction(signal.SIGINT, old_int)
        _sigaction(signal.SIGQUIT, old_quit)
        _sigprocmask(signal.SIG_SETMASK, old_mask)


def _sigaction(sig: int, handler):
    """signal(2) via sigaction, narrated; returns the old disposition."""
    if not trace.ON:                           # no narration to format (system's speed)
        return signal.signal(sig, handler)
    names = {signal.SIG_IGN: "SIG_IGN", signal.SIG_DFL: "SIG_DFL"}
    shown = names.get(handler, "a handler")
    return trace.syscall(f"rt_sigaction({signals.name(sig)}, {{{shown}}})",
                         signal.signal, sig, handler, show=lambda r: 0)


def _sigprocmask(how: int, mask):
    if not trace.ON:
        return signal.pthread_sigmask(how, mask)
    what = {signal.SIG_BLOCK: "SIG_BLOCK", signal.SIG_SETMASK: "SIG_SETMASK"}[how]
    names = ", ".join(signals.name(s)[3:] for s in sorted(mask)) if mask else ""
    return trace.syscall(f"rt_sigprocmask({what}, [{names}])", signal.pthread_sigmask,
                         how, mask, show=lambda r: 0)


def system_naive(command: str) -> int:
    """system() without the signal handling: fork, exec, waitpid.

    Kept beside the real one so a lesson can show what goes wrong: while it
    waits, Ctrl-C kills the caller too, and a caller's SIGCHLD handler may
    reap the child first (then waitpid fails with ECHILD).
    """
    pid = process.fork(lambda: _exec_shell(command), [process.RestoreSignals()])
    return process.wait_pid(pid)


def _exec_shell(command: str) -> int:
    """In a child: become /bin/sh -c command; 127 if that is impossible."""
    program.execv(SHELL, ["sh", "-c", command], dict(os.environ))
    return 127


# ---- popen / pclose -------------------------------------------------------------

_children: dict[int, int] = {}      # id(stream) -> pid, for every stream still open
_streams: dict[int, object] = {}    # id(stream) -> stream


def popen(command: str, mode: str = "r"):
    """Start /bin/sh -c command with a pipe to or from it; return the stream.

    mode "r" (or "rb"): we read what the command writes on its stdout.
    mode "w" (or "wb"): what we write becomes the command's stdin.
    The calls, in order:
      pipe() -> [read_end, write_end]
      fork()
        child:  close the streams of every earlier popen() still open
                (POSIX requires it), dup2 its end of the pipe onto fd 1
                ("r") or fd 0 ("w"), close both pipe fds,
                execve("/bin/sh", ["sh", "-c", command]), or _exit(127)
        parent: close the child's end; wrap our end in a file object
    Raises InvalidArgument (an OSError with EINVAL, and a ValueError) for
    any other mode.
    """
    if mode not in ("r", "w", "rb", "wb"):
        raise InvalidArgument(f"popen mode {mode!r}")
    reading = mode[0] == "r"
    read_end, write_end = process.pipe()
    ours, theirs = (read_end, write_end) if reading else (write_end, read_end)
    earlier = [s.fileno() for s in _streams.values() if not s.closed]

    pid = process.fork(lambda: _exec_shell(command), [
        process.RestoreSignals(),
        process.Close(*earlier),                # the previous popen()s' streams
        process.MoveFd(theirs, 1 if reading else 0),
        process.Close(ours)])
    process.close(theirs)
    stream = os.fdopen(ours, mode)              # fully buffered, like a stdio pipe
    _children[id(stream)] = pid
    _streams[id(stream)] = stream
    return stream


def popen_pid(stream) -> int | None:
    """The pid of the command behind a popen() stream (None if not ours)."""
    return _children.get(id(stream))


def pclose(stream) -> int:
    """Close a popen() stream and wait for its command; return the raw status.

    The calls: fclose(stream) (flushing what is buffered, then close(2): the
    command sees end-of-file), then waitpid(pid) for that child only.
    A stream popen() did not make raises InvalidArgument (EINVAL).
    """
    pid = _children.pop(id(stream), None)
    if pid is None or _streams.get(id(stream)) is not stream:
        raise InvalidArgument("stream was not opened by popen()")
    del _streams[id(stream)]
    fd = stream.fileno()
    # A BrokenPipeError while flushing means the command stopped reading:
    # not an error for pclose, which still waits for it below.
    try:
        stream.close()
    except BrokenPipeError:
        pass
    if trace.ON:
        trace.say(f"close({fd}) = 0   (fclose: buffered data flushed first)")
    return process.wait_pid(pid)


# ---- coprocesses ----------------------------------------------------------------

class Coprocess:
    """A filter driven through two pipes: we write its stdin, read its stdout.

    The buffering trap: when its stdout is a pipe, a program using stdio
    buffers its output in blocks (4-8 KiB), not lines.  We write a line and
    wait for the answer; it waits for more input before flushing: deadlock.
    The filter must flush after each line (setvbuf/fflush, `python -u`,
    `stdbuf -oL`).  On our side, `stdin` is line-buffered for the same reason.
    """

    def __init__(self, command: str, binary: bool = False) -> None:
        to_child_r, to_child_w = process.pipe()     # our writes -> its stdin
        from_child_r, from_child_w = process.pipe()  # its stdout -> our reads

        self.pid = process.fork(lambda: _exec_shell(command), [
            process.RestoreSignals(),
            process.MoveFd(to_child_r, 0),
            process.MoveFd(from_child_w, 1),
            process.Close(to_child_w, from_child_r)])
        process.close(to_child_r)
        process.close(from_child_w)
        if binary:
            self.stdin = os.fdopen(to_child_w, "wb", buffering=0)
            self.stdout = os.fdopen(from_child_r, "rb", buffering=0)
        else:
            self.stdin = os.fdopen(to_child_w, "w", buffering=1)   # line-buffered
            self.stdout = os.fdopen(from_child_r, "r")
        self.status: int | None = None

    def ask(self, line: str) -> str:
        """Write one line, read one line back."""
        self.stdin.write(line.rstrip("\n") + "\n")
        return self.stdout.readline()

    def close(self) -> int:
        """Close our end of its stdin (it sees EOF), then wait for it."""
        if not self.stdin.closed:
            try:
                self.stdin.close()
            except BrokenPipeError:
                pass
        return self.wait()

    def wait(self) -> int:
        if self.status is None:
            self.status = process.wait_pid(self.pid)
            self.stdout.close()
        return self.status


def coprocess(command: str, binary: bool = False) -> Coprocess:
    """Start `command` (through /bin/sh -c) as a coprocess."""
    return Coprocess(command, binary)


# ---- decoding a wait status ----------------------------------------------------------

def pr_exit(status: int) -> str:
    """Describe a raw wait status in the terms of the <sys/wait.h> macros.

    The words are the student's language (minish/i18n.py); the macros and
    the numbers in parentheses never are, so a lesson can check them."""
    from .i18n import _
    if os.WIFEXITED(status):
        code = os.WEXITSTATUS(status)
        return _("normal exit, status {code} (WIFEXITED, WEXITSTATUS = {code})").format(code=code)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        text = _("killed by signal {n} {name} (WIFSIGNALED, WTERMSIG = {n})")
        if os.WCOREDUMP(status):
            text = _("killed by signal {n} {name} (WIFSIGNALED, WTERMSIG = {n}), core dumped "
                     "(WCOREDUMP)")
        return text.format(n=sig, name=_name(sig))
    if os.WIFSTOPPED(status):
        sig = os.WSTOPSIG(status)
        return _("stopped by signal {n} {name} (WIFSTOPPED, WSTOPSIG = {n})").format(
            n=sig, name=_name(sig))
    if os.WIFCONTINUED(status):
        return _("continued (WIFCONTINUED)")
    return _("unknown status {status}").format(status=f"{status:#x}")


def _name(sig: int) -> str:
    name = signals.name(sig)
    return "?" if name.startswith("signal ") else name
