"""explain's fd tables: what a child's file descriptors would be, simulated
redirection by redirection, left to right (XCU 2.7) -- nothing is opened.

    inherited_fds()            the fds a child of this shell starts with
    steps(redirs, fds, ...)    the lines explain prints: each redirection,
                               the call it stands for, and the table after it
"""
import fcntl
import os

from ..errors import ExpansionError, ShellError
from .. import i18n
from ..i18n import N_, _
from ..run.redirect import default_fd

OPEN_WORDS = {"<": N_("read"), ">": N_("write, truncate"), ">|": N_("write, truncate"),
              ">>": N_("write, append"), "<>": N_("read/write")}


def inherited_fds() -> dict[int, str]:
    """The shell's fds a child inherits: all but the close-on-exec ones."""
    fds = {}
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
            if fd > 2 and fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC:
                continue
        except OSError:
            continue                           # the listing's own fd, gone
        fds[fd] = target
    return dict(sorted(fds.items()))


def steps(redirs, fds: dict[int, str], expander):
    """Yield explain's lines for `redirs` applied to `fds` (changed in place):
    the table at the start, then each redirection and the table after it.
    A redirection that would fail ends the list, as it ends the command."""
    yield _("fds at start:").ljust(28) + show(fds)
    for r in redirs:
        fd = r.fd if r.fd is not None else default_fd(r.op)
        try:
            target = expander.redirect_target(r.target)
        except (ShellError, ExpansionError) as e:
            yield _("error: {message} -- the command would not run").format(message=e.message)
            return
        text = f"{'' if r.fd is None else r.fd}{r.op}{target}"
        if r.op in (">&", "<&") and target == "-":
            fds.pop(fd, None)
            call = f"close({fd})"
        elif r.op in (">&", "<&") and target.isascii() and target.isdigit():
            source = int(target)
            if source not in fds:
                yield _("{redirection}: fd {fd} is not open -- error, the command would not "
                        "run (status 1)").format(redirection=text, fd=source)
                return
            fds[fd] = fds[source]
            call = f"dup2({source}, {fd})  " + _("fd {fd} now shares fd {source}'s file, as it "
                                                 "is now").format(fd=fd, source=source)
        elif r.op == "<<":
            fds[fd] = _("pipe (the here-document)")
            call = _("pipe(), write the document, close its write end, dup2 it to {fd}").format(
                fd=fd)
        else:
            how = i18n._(OPEN_WORDS.get(r.op, OPEN_WORDS[">"]))
            fds[fd] = f'"{target}" ({how})'
            call = _("open {file}, dup2 it to {fd}, close the extra fd").format(
                file=repr(target), fd=fd)
        yield f"{text:<10} {call}"
        yield f"{'':<28}{show(fds)}"


def show(fds: dict[int, str]) -> str:
    return "   ".join(f"{fd} -> {target}" for fd, target in sorted(fds.items()))
