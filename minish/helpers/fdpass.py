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


def main() -> int:
    show = "--show" in sys.argv[1:]
    paths = [a for a in sys.argv[1:] if a != "--show"]
    if len(paths) != 1:
        print("usage: fdpass [--show] FILE", file=sys.stderr)
        return 2
    path = paths[0]
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as e:
        print(f"fdpass: {path}: {e.strerror}", file=sys.stderr)
        return 1
    parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    pid = os.fork()
    if pid == 0:
        parent_end.close()
        os.close(fd)           # act as an unrelated process: we do not have the file
        busy = [os.open(os.devnull, os.O_RDONLY) for _ in range(2)]   # lowest fds taken
        msg, ancdata, _, _ = child_end.recvmsg(16, socket.CMSG_SPACE(4))
        fds = array.array("i")
        for level, kind, data in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(data[:4])
        fd = fds[0]
        text = os.read(fd, 100).decode().strip()
        print(f"child: received fd {fd} ({msg.decode()}), read: {text}", flush=True)
        child_end.send(str(fd).encode())       # tell the parent which number we got
        for extra in busy:
            os.close(extra)
        os._exit(0)
    child_end.close()
    if show:
        print(f"parent: {path} is open as fd {fd}", flush=True)
    parent_end.sendmsg([b"a descriptor"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS,
                                            array.array("i", [fd]))])
    child_fd = int(parent_end.recv(16) or b"-1")
    os.waitpid(pid, 0)
    if show:
        same = "the same number" if child_fd == fd else "a different number"
        print(f"the child got fd {child_fd}, the parent has fd {fd}: {same} (the kernel "
              f"installs the lowest number free in the receiver)")
        offset = os.lseek(fd, 0, os.SEEK_CUR)
        print(f"the parent's offset is now {offset}: the child's read moved it -- "
              f"one open file, shared")
    os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
