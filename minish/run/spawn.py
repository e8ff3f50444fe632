"""posix_spawn(3): start a program without copying the shell (`set -o spawn`).

    minish -o spawn script.sh          or, at the prompt, set -o spawn

fork(2) copies the shell: its page tables, and then, one page at a time,
every page either process writes before the child's execve (a Python
process writes all over its heap: every reference count is a write).
posix_spawn asks glibc for the whole fork + set-up + exec in one call.
glibc makes the child with clone(CLONE_VM|CLONE_VFORK): the child runs in
the shell's own memory, nothing is copied, and the shell sleeps until the
child's execve (APUE 8.4, vfork).  The child may then only run a fixed
list of steps, given in advance:

    fork path (process.py)        posix_spawn
    JoinGroup   setpgid           setpgroup=PGID
    RestoreSignals sigaction...   setsigdef={...} and setsigmask=()
    redirections open/dup2/close  file actions OPEN, DUP2, CLOSE
    MoveFd      pipe ends         file actions DUP2 (the originals are
                                  close-on-exec, PEP 446: exec closes them)
    TakeTerminal tcsetpgrp        -- none: the parent does it (see start)

What the list cannot express falls back to fork, and the narration says
so: a here-document (someone must write into its pipe), `>&file`, a dup of
an fd the shell cannot vouch for, noclobber, a signal that must stay
ignored, and any word whose expansion could have a side effect (in a
pipeline stage, $(...) or ${x:=v} must happen in the child, not here).
When posix_spawn itself fails (no such file for `<`, a file with no #!
line), its child has already exited: the command is run again on the fork
path, which reports the error as sh does, or runs the file as a script.

The default stays fork: it is what the course teaches.
"""

import fcntl
import os

from . import process, redirect, signals, trace
from ..errors import ExpansionError, ShellError
from ..i18n import _
from ..lang.expand import pure

OPEN, DUP2, CLOSE = os.POSIX_SPAWN_OPEN, os.POSIX_SPAWN_DUP2, os.POSIX_SPAWN_CLOSE


class CannotSpawn(Exception):
    """posix_spawn cannot say this; the caller forks instead."""


class Program:
    """One program to posix_spawn: where it is, its argv and environment,
    the file actions for its redirections, and `fallback`, the fork-path
    body that runs it if posix_spawn says no."""

    def __init__(self, path, argv, env, actions, sigdef, fallback, jobs) -> None:
        self.path, self.argv, self.env = path, argv, env
        self.actions, self.sigdef, self.fallback, self.jobs = actions, sigdef, fallback, jobs

    def start(self, job, stdin=None, stdout=None) -> int:
        """posix_spawn it as a process of `job` (see start below)."""
        return start(self, job, self.jobs, stdin, stdout)


def for_command(sh, path, argv, env, redirs, fallback) -> Program | None:
    """With `set -o spawn`: a Program for a command the executor has
    expanded, or None (fork; the narration says why).  `sh`: the Executor."""
    if "spawn" not in sh.state.options:
        return None
    try:
        return plan(sh.state, sh.expander, sh.jobs, path, argv, env, redirs, fallback)
    except CannotSpawn as e:
        if trace.ON:
            trace.note(_("fork, not posix_spawn: {reason}").format(reason=e))
        return None


def plan(state, expander, jobs, path, argv, env, redirs, fallback) -> Program:
    """A Program for a command whose words are already expanded; raises
    CannotSpawn when the fork path must run it (`fallback`: its body)."""
    if path is None:
        raise CannotSpawn(_("not found on PATH: the fork path reports it"))
    sigdef = signals.spawn_defaults()
    if sigdef is None:
        raise CannotSpawn(_("a signal must stay ignored: posix_spawn can only reset to default"))
    try:
        actions = file_actions(redirs, expander, state.options)
    except (ShellError, ExpansionError):
        raise CannotSpawn(_("the redirection fails: the fork path reports it")) from None
    return Program(path, argv, env, actions, sigdef, fallback, jobs)


def file_actions(redirs, expander, options) -> list:
    """The redirections, left to right, as posix_spawn file actions."""
    actions: list = []
    opened: set[int] = set()                   # fds an earlier action opens
    for r in redirs:
        fd = r.fd if r.fd is not None else redirect.default_fd(r.op)
        redirect.check_fd(fd)
        if r.op in ("<<", "<<<"):
            raise CannotSpawn(_("a here-document needs a pipe the shell writes into"))
        if not pure(r.target):
            raise CannotSpawn(_("the target's expansion could have a side effect"))
        target = expander.redirect_target(r.target)
        if r.op in (">&", "<&"):
            if target == "-":
                actions.append((CLOSE, fd))
                opened.discard(fd)
                continue
            if not (target.isascii() and target.isdigit()) or len(target) > 9:
                raise CannotSpawn(_(">&file and friends"))
            source = int(target)
            if source not in opened and not _shell_fd(source):
                raise CannotSpawn(_("fd {fd} is not one the command may use").format(fd=source))
            if source != fd:
                actions.append((DUP2, source, fd))
                opened.add(fd)
            continue
        if "noclobber" in options and r.op in (">", "&>"):
            raise CannotSpawn(_("set -C: the shell must look at the file first"))
        flags = redirect.OPEN_FLAGS[{"&>": ">", "&>>": ">>"}.get(r.op, r.op)]
        actions.append((OPEN, fd, target, flags, 0o666))
        opened.add(fd)
        if r.op in ("&>", "&>>"):              # bash: stdout and stderr both to the file
            actions.append((DUP2, fd, 2))
            opened.add(2)
    return actions


def _shell_fd(fd: int) -> bool:
    """An fd the shell has open for its commands (not one of its own copies,
    which sit at 10 and above)."""
    return fd < redirect.SAVED_FD_MIN and _is_open(fd)


def start(program: Program, job, jobs, stdin=None, stdout=None) -> int:
    """posix_spawn `program` as a process of `job`; returns its pid.

    With job control the child starts its job's group (setpgroup); as
    posix_spawn has no tcsetpgrp, the shell hands the terminal over right
    after the call.  A child that touched the terminal before that was
    stopped by SIGTTIN (the terminal was still the shell's): it is sent
    SIGCONT, now that it may read.  Falls back to the fork path when
    posix_spawn fails.
    """
    actions = [(DUP2, fd, target) for fd, target in ((stdin, 0), (stdout, 1))
               if fd is not None and fd != target] + program.actions
    options = {"setsigdef": program.sigdef, "setsigmask": ()}   # the child unblocks SIGINT (jobs.py)
    first = not job.pgid
    if jobs.job_control:
        options["setpgroup"] = job.pgid or 0
    fds_before = _open_fds() if trace.ON else None
    process.flush_std_streams()
    try:
        pid = os.posix_spawn(program.path, program.argv, program.env,
                             file_actions=actions, **options)
    except OSError as e:
        if trace.ON:
            trace.say(f"posix_spawn({trace.string(program.path)}, {trace.argv(program.argv)}"
                      f", ...) = {trace.failure(e)}")
            trace.note(_("glibc's child failed before or in execve and has already exited "
                         "(posix_spawn reaped it); minish runs the command again by fork, "
                         "which says why as sh does"))
        return process.fork(program.fallback, jobs.child_steps(job), job)
    if trace.ON:
        narrate(pid, program.path, program.argv, program.env, actions, options, fds_before)
    job.pids.append(pid)
    if jobs.job_control:
        if first:
            job.pgid = pid                     # the first child leads the group
        if first and not job.background:
            _take_terminal(jobs.tty, job.pgid, pid)
    return pid


def _take_terminal(tty: int, pgid: int, pid: int) -> None:
    """tcsetpgrp for the new job, then wake its first process if it already
    stopped for reading a terminal that was not yet its own (waitid with
    WNOWAIT only looks: the wait in jobs.py still reaps)."""
    try:
        trace.syscall(f"tcsetpgrp({tty}, {pgid})", os.tcsetpgrp, tty, pgid)
    except OSError:
        return
    # WEXITED too, although only a stop matters here: a child that has
    # already exited is a zombie, and waitid(2) without WEXITED says ECHILD
    # for it (WNOWAIT: nothing is reaped, the wait in jobs.py does that).
    looked = trace.syscall(f"waitid(P_PID, {pid}, ..., WEXITED|WSTOPPED|WNOHANG|WNOWAIT)",
                           os.waitid, os.P_PID, pid,
                           os.WEXITED | os.WSTOPPED | os.WNOHANG | os.WNOWAIT, show=lambda r: 0)
    if looked is not None and looked.si_code == os.CLD_STOPPED:
        if trace.ON:
            trace.note(_("{pid} read the terminal before it was its own (SIGTTIN): continue it")
                       .format(pid=pid))
        trace.syscall(f"kill({pid}, SIGCONT)", os.kill, pid, signals.signal.SIGCONT)


# ---- narration --------------------------------------------------------------------

def _open_fds() -> set[int]:
    """The shell's open fds (all of them: the child starts with every one,
    close-on-exec or not, until its execve).  Only for the narration."""
    listed = [int(name) for name in os.listdir("/proc/self/fd")]
    return {fd for fd in listed if _is_open(fd)}   # not listdir's own fd


def _is_open(fd: int) -> bool:
    try:
        fcntl.fcntl(fd, fcntl.F_GETFD)
        return True
    except OSError:
        return False


def narrate(pid: int, path: str, argv: list[str], env, actions, options,
            fds: set[int]) -> None:
    """What the child did, in strace's notation, under the child's pid.

    The steps are glibc's (sysdeps/unix/sysv/linux/spawni.c), in its order:
    setpgid, the file actions, the signal mask, execve.  An OPEN action
    closes the fd, opens the file (the kernel gives the lowest free fd) and,
    if that is not the fd asked for, dup2s it there and closes the other.
    """
    trace.say(f"posix_spawn({trace.string(path)}, {trace.argv(argv)}, ...) = {pid}")
    trace.note(_("posix_spawn = clone(CLONE_VM|CLONE_VFORK) + execve: the child runs in its "
                 "parent's memory (nothing copied) and the parent sleeps until its execve"))

    def child(text: str) -> None:
        trace.say(text, pid=pid)

    if "setpgroup" in options:
        child(f"setpgid(0, {options['setpgroup']}) = 0")
    for action in actions:
        if action[0] == OPEN:
            _open, fd, file, flags, mode = action
            child(f"close({fd}) = {0 if fd in fds else '-1 EBADF (Bad file descriptor)'}")
            fds.discard(fd)
            got = min(set(range(len(fds) + 1)) - fds)
            shown_mode = f", {mode:04o}" if flags & os.O_CREAT else ""
            child(f"openat(AT_FDCWD, {trace.string(file)}, {trace.open_flags(flags)}"
                  f"{shown_mode}) = {got}")
            fds.add(got)
            if got != fd:
                child(f"dup2({got}, {fd}) = {fd}")
                child(f"close({got}) = 0")
                fds.discard(got)
                fds.add(fd)
        elif action[0] == DUP2:
            _dup2, old, new = action
            child(f"dup2({old}, {new}) = {new}")
            fds.add(new)
        else:
            _close, fd = action
            ok = fd in fds
            child(f"close({fd}) = {0 if ok else '-1 EBADF (Bad file descriptor)'}")
            fds.discard(fd)
    if options["setsigdef"]:
        names = ", ".join(signals.name(sig) for sig in sorted(options["setsigdef"]))
        trace.note(_("setsigdef: {names} back to their defaults (glibc's child also resets "
                     "every caught signal: a handler cannot survive execve)").format(names=names))
    child("rt_sigprocmask(SIG_SETMASK, [...], NULL, 8) = 0")
    child(f"execve({trace.string(path)}, {trace.argv(argv)}, /* {len(env)} vars */)")
