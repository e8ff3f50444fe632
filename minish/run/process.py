"""Processes: every fork(2), pipe(2), dup2(2) and wait4(2) is here.

The executor decides *what* to run; this module knows *how* a Unix shell
makes processes.  A new child is set up by a short list of named steps,
applied in the child right after fork (and, for some, in the parent too):

    JoinGroup      setpgid(2): the job's own process group   (job control)
    TakeTerminal   tcsetpgrp(3): the foreground job owns the terminal
    RestoreSignals put back what the shell ignores or catches (signal(7))
    Close          close pipe ends this child does not use
    MoveFd         dup2(2) a pipe end onto fd 0 or 1, close the original
    NullStdin      a background job of a script reads /dev/null (XCU 2.9.3)

in that order, as CPython's _posixsubprocess and dash do: group and
terminal first (before a program can read the terminal), signals next,
then the fds.  `fork(body, steps, job)` applies them and runs body(); the
child never returns into the shell's code, it ends in os._exit whatever
happens.  Around fork the signals a child puts back are blocked, until
its RestoreSignals step has (signals.block_for_fork: `cmd & kill $!`).  Every pid is registered with its job (jobs.py) as soon as fork
returns, so one wait function serves every kind of command.

What a child does last, execve(2), is program.py's.  (The programs in
helpers/ are the lessons' own stand-alone examples, and make their calls
themselves.)

Each system call goes through trace.syscall(), which narrates it when
`set -o trace` is on and otherwise just makes the call.
"""

import gc
import os
import sys

from . import signals, trace
from ..errors import ExitShell, ExpansionError, Interrupted, ShellError, report
from ..i18n import _, strerror

def flush_std_streams() -> None:
    """Flush Python's buffers before fork, or both processes print them."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass


def pipe() -> tuple[int, int]:
    """pipe(2): [read end, write end].  (strace shows pipe2(..., O_CLOEXEC):
    Python makes every fd close-on-exec, PEP 446; dup2 clears that.)"""
    try:
        return trace.syscall("pipe()", os.pipe, show=lambda r: f"[{r[0]}, {r[1]}]")
    except OSError as e:                       # EMFILE: the fd table is full
        raise ShellError(f"pipe: {strerror(e.errno)}") from None


def close(fd: int) -> None:
    trace.syscall(f"close({fd})", os.close, fd)


def dup2(old: int, new: int) -> None:
    trace.syscall(f"dup2({old}, {new})", os.dup2, old, new)


# ---- the steps a child takes before it runs ---------------------------------

class JoinGroup:
    """setpgid(2), from both sides: whichever of parent and child runs first,
    the child is in the job's group before the program starts.  The first
    process of a job starts the group (pgid 0: "my own pid")."""

    def __init__(self, job) -> None:
        self.job = job

    def in_child(self) -> None:
        set_pgid_quietly(0, self.job.pgid or 0)

    def in_parent(self, pid: int) -> None:
        if not self.job.pgid:
            self.job.pgid = pid                # the first child leads the group
        set_pgid_quietly(pid, self.job.pgid)


class TakeTerminal:
    """tcsetpgrp(3) from the child too, so the program owns the terminal
    before it can read it.  Done before signals are restored: a background
    group calling tcsetpgrp gets SIGTTOU unless it ignores it."""

    def __init__(self, tty: int) -> None:
        self.tty = tty

    def in_child(self) -> None:
        try:
            trace.syscall(f"tcsetpgrp({self.tty}, {os.getpgrp()})", os.tcsetpgrp,
                          self.tty, os.getpgrp())
        except OSError:
            pass

    def in_parent(self, pid: int) -> None:
        pass


class RestoreSignals:
    """Put back every disposition the shell changed; then let a Ctrl-C that
    came during start-up (blocked by the job, see jobs.py) kill us.

    The list is made in the parent, so that the child only makes the
    sigaction(2) calls (see program.Exec on why the child does so little)."""

    def __init__(self, background: bool = False) -> None:
        self.changes = signals.for_child(background)
        self.unblock = signals.holding_sigint

    def in_child(self) -> None:
        for sig, handler in self.changes:
            signals.signal.signal(sig, handler)
        signals.unblock_after_fork()           # what came meanwhile is delivered now
        if self.unblock:
            signals.unblock_sigint()

    def in_parent(self, pid: int) -> None:
        pass


class Close:
    """Close pipe ends this child does not use: a write end left open
    anywhere means its reader never sees end-of-file."""

    def __init__(self, *fds: int | None) -> None:
        self.fds = [fd for fd in fds if fd is not None]

    def in_child(self) -> None:
        for fd in self.fds:
            close(fd)

    def in_parent(self, pid: int) -> None:
        pass


class MoveFd:
    """dup2(fd, target) then close(fd): a pipe end becomes stdin or stdout."""

    def __init__(self, fd: int | None, target: int) -> None:
        self.fd, self.target = fd, target

    def in_child(self) -> None:
        if self.fd is not None and self.fd != self.target:
            dup2(self.fd, self.target)
            close(self.fd)

    def in_parent(self, pid: int) -> None:
        pass


class NullStdin:
    """`cmd &` in a shell without job control reads /dev/null, not the
    script's input (POSIX XCU 2.9.3); its own `<` redirections come later."""

    def in_child(self) -> None:
        flags = trace.open_flags(os.O_RDONLY | os.O_CLOEXEC)
        fd = trace.syscall(f'openat(AT_FDCWD, "/dev/null", {flags})', os.open,
                           os.devnull, os.O_RDONLY)
        if fd != 0:
            dup2(fd, 0)
            close(fd)

    def in_parent(self, pid: int) -> None:
        pass


# ---- fork ----------------------------------------------------------------------

def fork(body, steps=(), job=None) -> int:
    """fork(2) a child that takes `steps`, runs body() -> status and exits.

    Returns the child's pid, already registered with `job` (if given).
    """
    flush_std_streams()
    _freeze_start_up()
    signals.block_for_fork()                   # see there: `cmd & kill $!`
    try:
        pid = os.fork()
    except OSError as e:                       # EAGAIN: too many processes
        signals.unblock_after_fork()
        raise ShellError(f"fork: {strerror(e.errno)}") from None
    if pid == 0:
        gc.disable()                           # no collection between fork and exec
        _child(body, steps)
    signals.unblock_after_fork()
    if trace.ON:
        trace.say(f"fork() = {pid}")
    for step in steps:
        step.in_parent(pid)
    if job is not None:
        job.pids.append(pid)
    return pid


_frozen = False


def _freeze_start_up() -> None:
    """gc.freeze() once, before the first fork: everything start-up made
    (modules, builtins, the parser's tables) moves to the collector's
    permanent generation, which it never walks again.  A full collection
    in either process would otherwise write to every object's GC header,
    and after fork each such page is a copy-on-write fault.  (Only once:
    what is frozen is never collected, so freezing at every fork would keep
    each command's garbage cycles forever.)"""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def _child(body, steps):    # -> NoReturn
    status = 1
    try:
        for step in steps:
            step.in_child()
        signals.unblock_after_fork()           # if no RestoreSignals step did
        status = body()
    except ExitShell as e:
        status = e.status
    except Interrupted as e:
        die_by_signal(e.signum)
    except KeyboardInterrupt:
        die_by_signal(signals.signal.SIGINT)
    except (ShellError, ExpansionError) as e:  # reported as the shell would
        report(e.message)
        status = e.status
    except RecursionError:
        report(_("command nested too deeply"))
        status = 2
    except BaseException as e:                 # last resort: one line, no traceback
        report(_("internal error in child: {error}").format(error=f"{type(e).__name__}: {e}"))
        status = 1
    finally:
        flush_std_streams()
        os._exit(status & 0xFF)


def die_by_signal(signum: int) -> None:
    """End this process *by* `signum`, so its parent's wait sees WIFSIGNALED
    (a shell that was interrupted must look interrupted to its own parent)."""
    flush_std_streams()
    signals.signal.signal(signum, signals.signal.SIG_DFL)
    signals.signal.pthread_sigmask(signals.signal.SIG_UNBLOCK, {signum})
    os.kill(os.getpid(), signum)
    os._exit(128 + signum)                     # not reached


def fork_in_pty(argv: list[str], env: dict[str, str]) -> tuple[int, int]:
    """forkpty(3): a child whose stdin/stdout/stderr are a new pseudo-terminal
    (and its controlling terminal); the parent gets the master side.  Used by
    `minish demo` to run a shell it can type into and record."""
    flush_std_streams()
    pid, master = os.forkpty()
    if pid == 0:
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, master


def set_pgid_quietly(pid: int, pgid: int) -> None:
    """setpgid(2) from both parent and child; whichever runs second may get
    EACCES (the child already exec'd) or ESRCH (it already exited)."""
    try:
        trace.syscall(f"setpgid({pid}, {pgid})", os.setpgid, pid, pgid)
    except OSError:
        pass


def run_pipeline(job, bodies, steps) -> None:
    """Fork one child per body; each one's stdout feeds the next one's stdin.
    (A body may instead be a spawn.Program, started by posix_spawn.)

    One pipe is made per `|`, and the parent closes each end as soon as the
    children that need it exist: a write end left open in the shell means
    the reader never sees end-of-file (the classic hang).  If a pipe or a
    fork fails half way (EMFILE, EAGAIN), the ends made so far are closed
    and the ShellError goes up; the children already made are registered
    with `job`, so the caller's wait still reaps them.
    """
    prev_read = None
    for i, body in enumerate(bodies):
        last = i == len(bodies) - 1
        try:
            read_end, write_end = (None, None) if last else pipe()
        except ShellError:
            _close_all(prev_read)
            raise
        try:
            if callable(body):
                fork(body, [*steps, Close(read_end), MoveFd(prev_read, 0),
                            MoveFd(write_end, 1)], job)
            else:                              # a spawn.Program (set -o spawn)
                body.start(job, stdin=prev_read, stdout=write_end)
        except ShellError:
            _close_all(prev_read, read_end, write_end)
            raise
        _close_all(prev_read, write_end)       # the children have their copies
        prev_read = read_end


def _close_all(*fds: int | None) -> None:
    for fd in fds:
        if fd is not None:
            close(fd)


def capture(body, job) -> str:
    """Command substitution: run body() in a child whose stdout is a pipe;
    return everything it wrote.  The caller waits for `job`."""
    read_end, write_end = pipe()
    try:
        fork(body, [RestoreSignals(), Close(read_end), MoveFd(write_end, 1)], job)
    finally:
        close(write_end)                       # or we would never see end-of-file
    chunks = []
    try:
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
    finally:
        close(read_end)
    return b"".join(chunks).decode("utf-8", "surrogateescape")


# Shell-made accounting (`accton --shell`): an acct.ShellAccounting, or None.
accounting = None


def wait_pid(pid: int, flags: int = 0) -> int:
    """waitpid(2); return the raw wait status (EINTR is retried, PEP 475)."""
    return waitpid(pid, flags)[1]


def waitpid(pid: int, flags: int = 0) -> tuple[int, int]:
    """waitpid(2) -> (pid or 0, raw status), recording the child when the
    shell keeps its own accounting.  (strace shows wait4: glibc's waitpid.)"""
    if accounting is None:
        return _wait4(pid, flags)
    # waitid(WNOWAIT) waits *without* reaping: the child stays a zombie, so
    # /proc/PID still describes it while we write its record.
    wanted = os.WEXITED | os.WNOWAIT | (flags & os.WNOHANG)
    if flags & os.WUNTRACED:
        wanted |= os.WSTOPPED
    if flags & os.WCONTINUED:
        wanted |= os.WCONTINUED
    info = trace.syscall(f"waitid(P_PID, {pid}, ..., WEXITED|WNOWAIT...)", os.waitid,
                         os.P_PID, pid, wanted, show=lambda r: 0)
    if info is None:
        return 0, 0                             # WNOHANG and nothing happened
    if info.si_code not in (os.CLD_EXITED, os.CLD_KILLED, os.CLD_DUMPED):
        return _wait4(pid, flags)               # stopped or continued: nothing to record
    details = accounting.zombie(pid)
    got, raw, usage = os.wait4(pid, 0)
    if trace.ON:
        trace.say(f"wait4({pid}, {trace.wait_status(raw)}, 0, {{ru_utime=..., ...}}) = {got}")
    accounting.record(got, details, raw, usage)
    return got, raw


def _wait4(pid: int, flags: int) -> tuple[int, int]:
    try:
        got, raw = os.waitpid(pid, flags)
    except OSError as e:
        if trace.ON:
            trace.say(f"wait4({pid}, ..., {trace.wait_flags(flags)}, NULL) = {trace.failure(e)}")
        raise
    if trace.ON:
        status = trace.wait_status(raw) if got else "..."
        trace.say(f"wait4({pid}, {status}, {trace.wait_flags(flags)}, NULL) = {got}")
    return got, raw


def substitute(body, reading: bool) -> tuple[int, int]:
    """Process substitution <(body) (reading) or >(body): body() runs in a
    child whose stdout (or stdin) is a pipe.  The shell keeps the other end
    open across exec, so the command can open it as /dev/fd/N (proc(5)).
    Returns (pid, the shell's end); the caller waits for the pid."""
    read_end, write_end = pipe()
    if reading:
        pid = fork(body, [RestoreSignals(), Close(read_end), MoveFd(write_end, 1)])
        close(write_end)
        mine = read_end
    else:
        pid = fork(body, [RestoreSignals(), Close(write_end), MoveFd(read_end, 0)])
        close(read_end)
        mine = write_end
    trace.syscall(f"ioctl({mine}, FIONCLEX)", os.set_inheritable, mine, True,
                  show=lambda r: 0)            # PEP 446: or exec would close it
    return pid, mine


def exit_status(raw: int) -> int:
    """The shell's $? for a raw wait status: the exit code, or 128+signal."""
    if os.WIFSIGNALED(raw):
        return 128 + os.WTERMSIG(raw)
    if os.WIFSTOPPED(raw):
        return 128 + os.WSTOPSIG(raw)
    return os.WEXITSTATUS(raw)
