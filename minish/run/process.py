"""Processes: every fork(2), pipe(2), dup2(2), execve(2) and _exit(2) is here.

The executor decides *what* to run; this module knows *how* a Unix shell
makes processes.  The order in a child follows CPython's _posixsubprocess
and dash: join the process group (and take the terminal) -> restore
signals -> close the pipe ends it does not use -> dup2 its pipe ends onto
0/1 -> run (or exec).

A child never returns into the shell's code: `_child` ends in os._exit,
whatever happens, so a failing child cannot go on running the parent's
command line a second time.

Each system call goes through trace.syscall(), which narrates it when
`set -o trace` is on and otherwise just makes the call.
"""

import errno
import os
import sys

from . import signals, trace
from ..errors import STATUS_NOEXEC, STATUS_NOTFOUND, ExitShell, report

DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin"


def flush_std_streams() -> None:
    """Flush Python's buffers before fork, or both processes print them."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass


def pipe() -> tuple[int, int]:
    """pipe(2): [read end, write end].  (strace shows pipe2(..., O_CLOEXEC):
    Python makes every fd close-on-exec, PEP 446; dup2 clears that.)"""
    return trace.syscall("pipe()", os.pipe, show=lambda r: f"[{r[0]}, {r[1]}]")


def close(fd: int) -> None:
    trace.syscall(f"close({fd})", os.close, fd)


def dup2(old: int, new: int) -> None:
    trace.syscall(f"dup2({old}, {new})", os.dup2, old, new)


def fork(body, *, stdin: int | None = None, stdout: int | None = None,
         unused: tuple = (), pgid: int | None = None, tty: int | None = None,
         background: bool = False) -> int:
    """Fork a child that runs body() -> status and exits; return its pid.

    `stdin`/`stdout`: pipe ends to dup2 onto fd 0/1.  `unused`: pipe ends
    this child must close (or a reader never sees EOF).  `pgid`: with job
    control, the process group to join (0: start a new one); `tty`: give
    that group the terminal, for a foreground job.
    """
    flush_std_streams()
    if tty is not None:
        signals.hold_sigint()                  # until the job owns the terminal
    pid = os.fork()
    if pid == 0:
        _child(body, stdin, stdout, unused, pgid, tty, background)
    if trace.ON:
        trace.say(f"fork() = {pid}")
    if pgid is not None:
        set_pgid_quietly(pid, pgid or pid)     # the child does it too: no race
    return pid


def _child(body, stdin, stdout, unused, pgid, tty, background):    # -> NoReturn
    status = 1
    try:
        if pgid is not None:
            set_pgid_quietly(0, pgid)          # 0: the child's own pid
            if tty is not None:
                # Take the terminal before the program can read it.  Done
                # before signals are restored: a background group calling
                # tcsetpgrp gets SIGTTOU unless it ignores it (tcsetpgrp(3)).
                try:
                    trace.syscall(f"tcsetpgrp({tty}, {os.getpgrp()})", os.tcsetpgrp,
                                  tty, os.getpgrp())
                except OSError:
                    pass
        signals.restore_in_child(background and pgid is None)
        if tty is not None:
            signals.unblock_sigint()           # a pending Ctrl-C now kills us, as it should
        for fd in unused:
            close(fd)
        if stdin is not None:
            dup2(stdin, 0)
            close(stdin)
        if stdout is not None:
            dup2(stdout, 1)
            close(stdout)
        status = body()
    except ExitShell as e:
        status = e.status
    except KeyboardInterrupt:
        status = 130
    except BaseException as e:                 # last resort: one line, no traceback
        report(f"internal error in child: {type(e).__name__}: {e}")
        status = 1
    finally:
        flush_std_streams()
        os._exit(status & 0xFF)


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


def run_pipeline(stages, pgid: int | None = None, tty: int | None = None) -> list[int]:
    """Fork one child per stage; each stage's stdout feeds the next one's stdin.

    `stages` are callables returning an exit status.  One pipe is made per
    `|`, and the parent closes each end as soon as the children that need
    it exist: a write end left open in the shell means the reader never
    sees end-of-file (the classic hang).
    """
    pids: list[int] = []
    prev_read = None
    for i, stage in enumerate(stages):
        last = i == len(stages) - 1
        read_end, write_end = (None, None) if last else pipe()
        pid = fork(stage, stdin=prev_read, stdout=write_end,
                   unused=() if last else (read_end,), pgid=pgid, tty=tty)
        if pgid == 0:
            pgid = pid                         # the first child leads the group
        if prev_read is not None:
            close(prev_read)
        if write_end is not None:
            close(write_end)
        prev_read = read_end
        pids.append(pid)
    return pids


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


def capture(body) -> tuple[str, int]:
    """Command substitution: run body() in a child, return (its stdout, status)."""
    read_end, write_end = pipe()
    pid = fork(body, stdout=write_end, unused=(read_end,))
    close(write_end)                            # or we would never see end-of-file
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    close(read_end)
    raw = wait_pid(pid)
    return b"".join(chunks).decode("utf-8", "surrogateescape"), exit_status(raw)


def substitute(body, reading: bool) -> tuple[int, int]:
    """Process substitution <(body) (reading) or >(body): body() runs in a
    child whose stdout (or stdin) is a pipe.  The shell keeps the other end
    open across exec, so the command can open it as /dev/fd/N (proc(5)).
    Returns (pid, the shell's end)."""
    read_end, write_end = pipe()
    if reading:
        pid = fork(body, stdout=write_end, unused=(read_end,))
        close(write_end)
        mine = read_end
    else:
        pid = fork(body, stdin=read_end, unused=(write_end,))
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


# ---- exec ------------------------------------------------------------------

def search_path(name: str, path: str | None) -> str | None:
    """The file `name` would run from: the first executable file on PATH."""
    if "/" in name:
        return name
    for directory in (path if path is not None else DEFAULT_PATH).split(":"):
        candidate = os.path.join(directory or ".", name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def exec_command(argv: list[str], env: dict[str, str], run_as_script) -> int:
    """execve(2) argv[0], searching PATH as execvp(3) does.

    Returns only on failure, with the status sh uses: 127 not found, 126
    found but not executable.  A file the kernel refuses with ENOEXEC (no
    `#!` line, not a binary) is run by `run_as_script(path, argv)` instead,
    as POSIX asks of a shell (XCU 2.9.1.1).
    """
    name = argv[0]
    if not name:
        report(": command not found")
        return STATUS_NOTFOUND
    if "/" in name:
        candidates = [name]
    else:
        path = env.get("PATH", DEFAULT_PATH)
        candidates = [os.path.join(d or ".", name) for d in path.split(":")]
    denied = None
    if trace.ON or trace.FDS:
        _narrate_exec_plan(name, candidates)
    for candidate in candidates:
        try:
            if trace.ON:
                _narrate_execve(candidate, argv, env)
            os.execve(candidate, argv, env)
        except OSError as e:
            if trace.ON:
                trace.say(f"  ... = {trace.failure(e)}")
            if e.errno == errno.ENOEXEC:
                trace.note(f"ENOEXEC: {candidate} has no #! line and is not a binary, so "
                           "the shell itself runs it as a script, in this child")
                return run_as_script(candidate, argv)
            if e.errno in (errno.ENOENT, errno.ENOTDIR) and "/" not in name:
                continue                        # not in this directory
            if e.errno == errno.EACCES and "/" not in name:
                denied = denied or candidate    # remember, keep searching
                continue
            return _exec_failed(candidate, e)
    if denied:
        return _exec_failed(denied, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
    report(f"{name}: command not found")
    return STATUS_NOTFOUND


def _exec_failed(path: str, e: OSError) -> int:
    """Explain why execve(path) failed, and return 126 or 127."""
    if e.errno == errno.ENOENT and os.path.exists(path):
        interpreter = read_interpreter(path)   # the file is there: its #! is not
        if interpreter:
            report(f"{path}: bad interpreter {interpreter[0]}: {os.strerror(errno.ENOENT)}")
            return STATUS_NOTFOUND
    if e.errno == errno.EACCES and os.path.isdir(path):
        report(f"{path}: Is a directory")
        return STATUS_NOEXEC
    report(f"{path}: {e.strerror}")
    return STATUS_NOTFOUND if e.errno == errno.ENOENT else STATUS_NOEXEC


def read_interpreter(path: str) -> list[str] | None:
    """The `#! interpreter [arg]` of a file, as the kernel reads it, or None.

    Linux (fs/binfmt_script.c) takes the first line, splits off the
    interpreter at the first blank and keeps the rest, unsplit, as ONE
    optional argument.
    """
    try:
        with open(path, "rb") as f:
            line = f.readline(256)
    except OSError:
        return None
    if not line.startswith(b"#!"):
        return None
    text = line[2:].decode("utf-8", "surrogateescape").strip()
    interpreter, _, arg = text.partition(" ")
    return [interpreter] + ([arg.strip()] if arg.strip() else [])



def _narrate_exec_plan(name: str, candidates: list[str]) -> None:
    if "/" in name:
        trace.note(f"{name} contains a slash: no PATH search")
    else:
        trace.note(f"searching PATH for {name}: execve in each directory until one works")
    if trace.FDS:
        trace.say(f"fd table before exec: {trace.fd_table()}")


def _narrate_execve(path: str, argv: list[str], env: dict) -> None:
    """execve(...) -- and, for a #! file, the argv the kernel will build."""
    trace.say(f"execve({trace.string(path)}, {trace.argv(argv)}, /* {len(env)} vars */)")
    if os.path.isfile(path):
        interpreter = read_interpreter(path)
        if interpreter:
            new_argv = interpreter + [path] + argv[1:]
            trace.note(f"{path} starts with #!: the kernel runs {interpreter[0]} instead "
                       f"(no PATH search for it; one optional argument, unsplit; the "
                       f"#! line may be at most 255 bytes) with")
            trace.note(f"  argv = {trace.argv(new_argv)}  (argv[0] {trace.string(argv[0])} "
                       f"is replaced by the script's path)")
