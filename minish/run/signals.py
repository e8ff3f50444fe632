"""Signal dispositions: what the shell changes, and what every child restores.

The two lists sit side by side so a reader can see the contract: anything
the shell ignores or catches for itself, a child puts back before exec(2),
because ignored signals stay ignored across exec (signal(7)).
"""

# `_signal` is the C module behind `signal`: the same calls, without the
# 3 ms import of `enum` that `signal` makes to give names to the numbers.
# Start-up time matters (bench/README.md); `name()` imports the full module.
import _signal as signal

# The interactive shell ignores these, so that Ctrl-Z, Ctrl-\\ and terminal
# access from the background stop or kill the *job*, never the shell; and
# SIGTERM, so that a stray `kill 0` does not end the student's session
# (bash and dash do the same).
SHELL_IGNORES = (signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU, signal.SIGQUIT,
                 signal.SIGTERM)

# Every child resets these.  SIGPIPE and SIGXFSZ are on the list because
# Python ignores them at start-up; a `cat` that inherited SIG_IGN would get
# EPIPE errors instead of dying quietly when `head` stops reading.
CHILD_RESTORES = (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN,
                  signal.SIGTTOU, signal.SIGTERM, signal.SIGPIPE, signal.SIGXFSZ)

# An interactive shell gives its jobs these at their defaults, whatever it
# was started with: a shell started by a tmux pane command may inherit them
# ignored, and then `cat &` would read EIO instead of stopping (SIGTTIN).
JOB_DEFAULTS = (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU)

_at_entry: dict[int, object] = {}
_to_restore: dict[int, object] = {}           # what a child must put back


def setup_shell(interactive: bool) -> None:
    """Record the dispositions minish was started with, then set its own."""
    for sig in CHILD_RESTORES:
        _at_entry[sig] = signal.getsignal(sig)
    # Python ignores SIGPIPE and catches SIGINT; a C program starts with both
    # at their defaults unless its parent ignored them (nohup, a background &).
    # Python also ignores SIGXFSZ, so a program exceeding its file-size limit
    # would get EFBIG instead of being killed.
    _at_entry[signal.SIGPIPE] = signal.SIG_DFL
    _at_entry[signal.SIGXFSZ] = signal.SIG_DFL
    _shell_sets(signal.SIGXFSZ, signal.SIG_DFL)
    if _at_entry[signal.SIGINT] != signal.SIG_IGN:
        _at_entry[signal.SIGINT] = signal.SIG_DFL
    if interactive:
        for sig in JOB_DEFAULTS:
            _at_entry[sig] = signal.SIG_DFL
        for sig in SHELL_IGNORES:
            _shell_sets(sig, signal.SIG_IGN)
        _shell_sets(signal.SIGPIPE, signal.SIG_IGN)     # a builtin gets EPIPE
        _shell_sets(signal.SIGINT, on_sigint)
    else:
        # A script dies of a closed pipe exactly as sh does, and of Ctrl-C --
        # but only after the foreground child has decided (see on_sigint).
        _shell_sets(signal.SIGPIPE, signal.SIG_DFL)
        if _at_entry[signal.SIGINT] != signal.SIG_IGN:
            _shell_sets(signal.SIGINT, on_sigint)


def _shell_sets(sig: int, handler) -> None:
    """Change the shell's own disposition, and note what children must restore."""
    _at_entry.setdefault(sig, signal.getsignal(sig))
    signal.signal(sig, handler)
    if handler == _at_entry[sig]:
        _to_restore.pop(sig, None)
    else:
        _to_restore[sig] = _at_entry[sig]


waiting = False         # True while the shell waits for a foreground job
sigint_arrived = False  # a SIGINT reached the shell during that wait


def on_sigint(signum, frame) -> None:
    """The shell's SIGINT handler: Ctrl-C, when it reaches the shell itself.

    While the shell runs its own code (the prompt, a builtin, a `while :`
    loop) Ctrl-C raises KeyboardInterrupt: the command line is dropped.
    While it waits for a foreground job, it only takes note: bash's rule is
    "wait for the child, then decide".  A child that died of SIGINT means
    the user meant to stop everything (jobs.py raises Interrupted); a child
    that caught the signal and exited normally (python3, less) means the
    script goes on.  In a job-control shell Ctrl-C never reaches the shell
    while a job runs (the terminal signals the job's group), and a stray
    `kill -INT $$` is only noted.
    """
    global sigint_arrived
    if waiting:
        sigint_arrived = True
    else:
        raise KeyboardInterrupt


def is_trapped(sig: int) -> bool:
    """Has `trap` set commands for `sig`?  Then the trap decides, not us."""
    return signal.getsignal(sig) is _record_trap


holding_sigint = False      # SIGINT blocked by hold_sigint, until release_sigint


def hold_sigint() -> None:
    """Block SIGINT while a foreground job is being started.

    Between fork and tcsetpgrp the terminal's foreground group is still the
    shell's, so a quick Ctrl-C would hit the shell, not the new job.
    Blocked, it waits; `release_sigint` passes it on to the job.
    """
    global holding_sigint
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    holding_sigint = True


def unblock_sigint() -> None:
    """In the child, once its dispositions are restored: a Ctrl-C that came
    during the start-up is delivered now, with the default action."""
    global holding_sigint
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    holding_sigint = False


def release_sigint(job_pgid: int | None) -> None:
    """The job has the terminal: forward a Ctrl-C that came too early, unblock."""
    import os
    global holding_sigint
    if signal.SIGINT in signal.sigpending():
        signal.sigtimedwait({signal.SIGINT}, 0)    # take it off the shell...
        if job_pgid:
            try:
                os.killpg(job_pgid, signal.SIGINT)  # ...and give it to the job
            except OSError:
                pass
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    holding_sigint = False


pending_traps: list[int] = []      # caught signals whose trap has not run yet


class TrapArrived(Exception):
    """A trapped signal arrived while the `wait` builtin was blocked: POSIX
    says wait returns at once, with 128+signal, and the trap then runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


in_wait_builtin = False            # True while `wait` blocks (builtins/jobctl.py)
at_prompt = False                  # True while the REPL reads a command (repl/__init__.py)


def _record_trap(signum, frame) -> None:
    """A trapped signal arrived: note it; the executor runs the trap soon.
    (A blocked `wait` is interrupted, XCU 2.11 wait.)  A Ctrl-C at the
    prompt still drops the line being typed; the REPL then runs the trap."""
    pending_traps.append(signum)
    if in_wait_builtin:
        raise TrapArrived(signum)
    if at_prompt and signum == signal.SIGINT:
        raise KeyboardInterrupt


def set_trap(sig: int, how: str | None) -> None:
    """trap: "catch" (run commands), "ignore", or None (the default action).

    A child resets a caught signal to its default but keeps an ignored one
    ignored (exec cannot keep a handler; SIG_IGN survives exec).
    """
    _at_entry.setdefault(sig, signal.getsignal(sig))
    if how == "catch":
        signal.signal(sig, _record_trap)
        _to_restore[sig] = signal.SIG_DFL
    elif how == "ignore":
        signal.signal(sig, signal.SIG_IGN)
        _to_restore.pop(sig, None)             # children inherit SIG_IGN
    else:
        signal.signal(sig, signal.SIG_DFL)
        _to_restore.pop(sig, None)


def shell_handles(sig: int, handler) -> None:
    """For the REPL: catch `sig` in the shell; children get it back as it was."""
    _shell_sets(sig, handler)


_mask_at_fork = None        # the signal mask before block_for_fork (a set), until restored


def block_for_fork() -> None:
    """Before fork: block every signal a child puts back, until it has.

    `cmd & kill $!` sends SIGTERM at once, maybe before the child has run
    its RestoreSignals step; a signal the child still ignores (as the
    shell does) would be lost, and `cmd` would run on.  A blocked signal
    is never discarded (Linux queues it even while ignored, signal(7)), so
    it waits, and reaches the program once its disposition is the
    default.  glibc's posix_spawn blocks signals around its clone for the
    same reason.  Both sides call unblock_after_fork."""
    global _mask_at_fork
    _mask_at_fork = signal.pthread_sigmask(signal.SIG_BLOCK, {*CHILD_RESTORES, *_to_restore})


def unblock_after_fork() -> None:
    """Put back the mask block_for_fork saved: in the parent right after
    fork, in the child once its dispositions are restored.  Only once."""
    global _mask_at_fork
    if _mask_at_fork is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, _mask_at_fork)
        _mask_at_fork = None


def for_child(background: bool = False) -> list[tuple[int, object]]:
    """What a new child must do to put back every disposition the shell
    changed: (signal, handler) pairs for it to pass to signal().

    Only those: each sigaction(2) runs between fork and exec, where every
    microsecond is paid once per command.  A background job of a shell
    without job control ignores SIGINT and SIGQUIT, so Ctrl-C at the
    terminal does not kill it (POSIX XCU 2.11).
    """
    changes = list(_to_restore.items())
    if background:
        changes += [(signal.SIGINT, signal.SIG_IGN), (signal.SIGQUIT, signal.SIG_IGN)]
    return changes


def python_defaults() -> None:
    """In a child of a process that is not the shell (the lab grader): undo
    what Python itself did at start-up -- it ignores SIGPIPE and SIGXFSZ and
    catches SIGINT -- so the program exec'd next starts as a C program
    expects, with all three at their defaults (signal(7): SIG_IGN survives
    execve)."""
    for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)


def spawn_defaults() -> tuple | None:
    """for_child for posix_spawn (run/spawn.py): the signals to put
    back to SIG_DFL (its `setsigdef`), or None when one must go back to
    SIG_IGN, which posix_spawn cannot do (the fork path can)."""
    if any(handler != signal.SIG_DFL for handler in _to_restore.values()):
        return None
    return tuple(_to_restore)


def name(signum: int) -> str:
    """SIGTERM for 15, and so on."""
    import signal as named
    try:
        return named.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def describe(signum: int) -> str:
    """The one-word description a shell prints for a job killed by a signal:
    strsignal(3), in the student's language as bash prints it."""
    from ..i18n import strsignal
    return strsignal(signum) or name(signum)
