"""fdpass FILE: pass an open file descriptor to another process (SCM_RIGHTS).

The parent opens FILE and sends the descriptor over a socketpair(2) as
ancillary data; the kernel installs a new descriptor in the child that
refers to the *same open file* (one offset, shared) -- under the lowest
number free in the child, which may or may not be the parent's number.
--show tells which, by asking the child, and shows the shared offset.
"""
import array
import os
import socket
import sys

from minish.i18n import _, strerror


def main() -> int:
    show = "--show" in sys.argv[1:]
    paths = [a for a in sys.argv[1:] if a != "--show"]
    if len(paths) != 1:
        print(_("usage: {synopsis}").format(synopsis="fdpass [--show] FILE"), file=sys.stderr)
        return 2
    path = paths[0]
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as e:
        print(f"fdpass: {path}: {strerror(e.errno)}", file=sys.stderr)
        return 1
    parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    pid = os.fork()
    if pid == 0:
        parent_end.close()
        os.close(fd)           # act as an unrelated process: we do not have the file
        busy = [os.open(os.devnull, os.O_RDONLY) for _ in range(2)]   # lowest fds taken
        msg, ancdata = child_end.recvmsg(64, socket.CMSG_SPACE(4))[:2]
        fds = array.array("i")
        for level, kind, data in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(data[:4])
        fd = fds[0]
        text = os.read(fd, 100).decode().strip()
        print(_("child: received fd {fd} ({message}), read: {text}").format(
            fd=fd, message=msg.decode(), text=text), flush=True)
        child_end.send(str(fd).encode())       # tell the parent which number we got
        for extra in busy:
            os.close(extra)
        os._exit(0)
    child_end.close()
    if show:
        print(_("parent: {file} is open as fd {fd}").format(file=path, fd=fd), flush=True)
    parent_end.sendmsg([_("a descriptor").encode()], [(socket.SOL_SOCKET, socket.SCM_RIGHTS,
                                            array.array("i", [fd]))])
    child_fd = int(parent_end.recv(16) or b"-1")
    os.waitpid(pid, 0)
    if show:
        same = _("the child got fd {child}, the parent has fd {parent}: the same number (the "
                 "kernel installs the lowest number free in the receiver)") if child_fd == fd \
            else _("the child got fd {child}, the parent has fd {parent}: a different number "
                   "(the kernel installs the lowest number free in the receiver)")
        print(same.format(child=child_fd, parent=fd))
        offset = os.lseek(fd, 0, os.SEEK_CUR)
        print(f"lseek({fd}, 0, SEEK_CUR) = {offset}: " + _(
            "the parent's offset, moved by the child's read -- one open file, shared"))
    os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
