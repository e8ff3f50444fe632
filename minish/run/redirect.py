"""Redirections: open(2) the file, dup2(2) it onto the fd, close the original.

Applied strictly left to right, which is why `>f 2>&1` (both to f) and
`2>&1 >f` (stderr to the old stdout, stdout to f) differ (XCU 2.7).

Two entry points, one path:
- `apply_permanent(redirs, expander)`: in a child before exec, or for
  `exec 3>f` in the shell: the changes stay;
- `apply_saved(redirs, expander, saved)`: in the shell itself, around a
  builtin or a { group }: each fd is first copied out of the way, and
  `restore(saved)` puts everything back afterwards (the dash/Oils "push
  and pop").  The copies sit at fd 10 and above with close-on-exec set
  (F_DUPFD_CLOEXEC), so no child inherits them and `exec 3>f` never
  collides with them.

The pipe, dup2 and close calls are process.py's, so that narration and the
rules (PEP 446's inheritable dup2 targets) live in one place.
"""

import errno
import fcntl
import os

from . import process, trace
from ..errors import ShellError
from ..i18n import _, strerror

OPEN_FLAGS = {
    "<": os.O_RDONLY,
    ">": os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
    ">|": os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
    ">>": os.O_WRONLY | os.O_CREAT | os.O_APPEND,
    "<>": os.O_RDWR | os.O_CREAT,
}
SAVED_FD_MIN = 10


def default_fd(op: str) -> int:
    """`<` and friends redirect stdin; `>` and friends stdout."""
    return 0 if op.startswith("<") else 1


def apply_permanent(redirs, expander) -> None:
    """Apply `redirs` in order, for good; raise ShellError at the first that fails."""
    _apply(redirs, expander, None)


def apply_saved(redirs, expander, saved: list) -> None:
    """Apply `redirs` in order, remembering in `saved` how to undo each one,
    including those before a failing one: `restore(saved)` always works."""
    _apply(redirs, expander, saved)


def _apply(redirs, expander, saved: list | None) -> None:
    for r in redirs:
        if isinstance(r.fd, str):              # {name}>file (bash): a new fd >= 10
            _named(r, expander)
            continue
        fd = r.fd if r.fd is not None else default_fd(r.op)
        check_fd(fd)                           # before any file is opened or truncated
        if r.op == "<<":
            text = expander.single(r.target)
            _save(fd, saved)
            _here_document(text, fd)
            continue
        if r.op == "<<<":                      # bash's here-string: the word and a newline
            _save(fd, saved)
            _here_document(expander.single(r.target) + "\n", fd)
            continue
        target = expander.redirect_target(r.target)
        if r.op in (">&", "<&"):
            _duplicate(fd, target, r, saved)
            continue
        _save(fd, saved)
        new = _open_or_raise(target, _flags(r.op, target, expander.state.options))
        if r.op in ("&>", "&>>"):              # bash: stdout and stderr both to the file
            _save(2, saved)
            process.dup2(new, 2)
        _move(new, fd)


def check_fd(fd: int) -> None:
    """An fd number the process can have at all (below RLIMIT_NOFILE), or
    bash's "N: Bad file descriptor" -- said before anything is opened."""
    import resource                            # at first use: start-up time
    if fd >= resource.getrlimit(resource.RLIMIT_NOFILE)[0]:
        raise ShellError(f"{fd}: {strerror(errno.EBADF)}")


def _named(r, expander) -> None:
    """{name}>file: open the file on the lowest free fd >= 10 (fcntl F_DUPFD)
    and put its number in $name; {name}>&- closes the fd $name holds.
    Like bash, the fd stays open after the command: close it yourself."""
    state = expander.state
    target = expander.redirect_target(r.target)
    if r.op in (">&", "<&") and target == "-":
        number = state.get(r.fd) or ""
        if number.isdigit():
            _close_quietly(int(number))
        return
    duplicate = r.op in (">&", "<&")          # {name}>&3: a copy of fd 3
    if duplicate and not (target.isdigit() and _is_open(int(target))):
        raise ShellError(f"{target}: {strerror(errno.EBADF)}")
    source = int(target) if duplicate else \
        _open_or_raise(target, _flags(r.op, target, state.options))
    new = trace.syscall(f"fcntl({source}, F_DUPFD, {SAVED_FD_MIN})", fcntl.fcntl,
                        source, fcntl.F_DUPFD, SAVED_FD_MIN)
    if not duplicate:
        trace.syscall(f"close({source})", os.close, source)
    state.set(r.fd, str(new))


def _flags(op: str, target: str, options) -> int:
    """open(2) flags for `op`; under `set -C` (noclobber) `>` and `&>` refuse
    to truncate an existing regular file, and create with O_EXCL."""
    flags = OPEN_FLAGS[{"&>": ">", "&>>": ">>"}.get(op, op)]
    if op in (">", "&>") and "noclobber" in options:
        if os.path.isfile(target):
            raise ShellError(_("{name}: cannot overwrite existing file").format(name=target))
        if not os.path.exists(target):
            flags |= os.O_EXCL
    return flags


def _duplicate(fd: int, target: str, r, saved) -> None:
    """N>&M makes N a copy of M; N>&- closes N; N>&M- moves M to N."""
    move = len(target) > 1 and target.endswith("-") and target[:-1].isdigit()
    if move:
        target = target[:-1]
    if target == "-":
        _save(fd, saved)
        _close_quietly(fd)
        return
    if not (target.isascii() and target.isdigit()):
        if r.op == ">&" and r.fd is None:      # bash's `>& file`: stdout and stderr
            _save(1, saved)
            _save(2, saved)
            new = _open_or_raise(target, OPEN_FLAGS[">"])
            process.dup2(new, 2)
            _move(new, 1)
            return
        raise ShellError(_("{name}: ambiguous redirect").format(name=target))
    source = int(target)
    if len(target) > 9 or not _is_open(source) or _is_private(source, saved):
        raise ShellError(f"{target}: {strerror(errno.EBADF)}")
    _save(fd, saved)
    if source != fd:
        process.dup2(source, fd)               # dup2 targets are inheritable (PEP 446)
        if move:                               # N>&M- (bash): dup2, then close M
            _save(source, saved)
            _close_quietly(source)


def _here_document(text: str, fd: int) -> None:
    """<<: the document becomes fd's contents.  A pipe holds it when it fits
    (64 KiB: the writer would block otherwise), an unnamed temporary file
    (O_TMPFILE) when it does not."""
    data = text.encode("utf-8", "surrogateescape")
    if len(data) < 65536:
        read_end, write_end = process.pipe()
        trace.syscall(f"write({write_end}, ..., {len(data)})", os.write, write_end, data)
        process.close(write_end)
        _move(read_end, fd)
        return
    try:
        new = trace.syscall('openat(AT_FDCWD, "/tmp", O_RDWR|O_TMPFILE|O_CLOEXEC, 0600)',
                            os.open, "/tmp", os.O_RDWR | os.O_TMPFILE, 0o600)
    except OSError as e:
        raise ShellError(_("here-document: {error}").format(error=strerror(e.errno))) from None
    while data:
        data = data[os.write(new, data):]
    os.lseek(new, 0, os.SEEK_SET)
    _move(new, fd)


def _open_or_raise(path: str, flags: int) -> int:
    """open(2) -- strace shows openat(AT_FDCWD, ...), with O_CLOEXEC added by Python."""
    text = f"openat(AT_FDCWD, {trace.string(path)}, {trace.open_flags(flags | os.O_CLOEXEC)}" + \
        (", 0666)" if flags & os.O_CREAT else ")")
    try:
        return trace.syscall(text, os.open, path, flags, 0o666)
    except OSError as e:
        raise ShellError(f"{path}: {strerror(e.errno)}") from None


def _move(new: int, fd: int) -> None:
    """Put the freshly opened `new` at `fd`."""
    if new == fd:
        # open(2) returned exactly the fd we wanted (it was closed).  Python
        # opens everything close-on-exec (PEP 446); a redirection must be
        # inherited by the command, so clear the flag.
        trace.syscall(f"ioctl({fd}, FIONCLEX)", os.set_inheritable, fd, True, show=lambda r: 0)
    else:
        try:
            process.dup2(new, fd)
        except OSError as e:
            raise ShellError(f"{fd}: {strerror(e.errno)}") from None
        finally:
            process.close(new)


def _save(fd: int, saved: list | None) -> None:
    """Copy fd out of the way (or note that it was closed) for `restore`.

    Only EBADF means "fd was closed".  Any other failure (EMFILE, EINVAL:
    no free fd at 10 or above) must stop the redirection: going on would
    overwrite an fd we could not put back.
    """
    if saved is None:
        return
    _evict(fd, saved)
    try:
        copy = _copy_high(fd)
    except OSError as e:
        if e.errno != errno.EBADF:
            raise ShellError(_("{fd}: cannot save: {error}")
                             .format(fd=fd, error=strerror(e.errno))) from None
        copy = None
    saved.append((fd, copy))


def _copy_high(fd: int) -> int:
    """F_DUPFD_CLOEXEC: a copy of fd at the lowest free number >= 10 -- or,
    under a tiny `ulimit -n` (10 or less, EINVAL), at any free number."""
    try:
        return trace.syscall(f"fcntl({fd}, F_DUPFD_CLOEXEC, {SAVED_FD_MIN})", fcntl.fcntl,
                             fd, fcntl.F_DUPFD_CLOEXEC, SAVED_FD_MIN)
    except OSError as e:
        if e.errno != errno.EINVAL:
            raise
        return trace.syscall(f"fcntl({fd}, F_DUPFD_CLOEXEC, 3)", fcntl.fcntl,
                             fd, fcntl.F_DUPFD_CLOEXEC, 3)


def _evict(fd: int, saved: list) -> None:
    """If one of our saved copies sits at `fd` (possible only under a tiny
    ulimit), move it elsewhere before the redirection overwrites it."""
    for i, (original, copy) in enumerate(saved):
        if copy == fd:
            try:
                moved = _copy_high(fd)
            except OSError as e:
                raise ShellError(_("{fd}: cannot save: {error}")
                             .format(fd=fd, error=strerror(e.errno))) from None
            process.close(fd)
            saved[i] = (original, moved)


def restore(saved: list) -> None:
    """Undo what `apply_saved` did, newest first; close the saved copies."""
    for fd, copy in reversed(saved):
        if copy is None:
            _close_quietly(fd)
        else:
            process.dup2(copy, fd)
            process.close(copy)
    saved.clear()


def _is_open(fd: int) -> bool:
    try:
        trace.syscall(f"fcntl({fd}, F_GETFD)", fcntl.fcntl, fd, fcntl.F_GETFD)
        return True
    except OSError:
        return False


def _is_private(fd: int, saved) -> bool:
    """The shell's own saved copies are not for commands to use."""
    return saved is not None and any(copy == fd for _original, copy in saved)


def _close_quietly(fd: int) -> None:
    try:
        process.close(fd)
    except OSError:
        pass
