"""ipc_bench: how fast does each IPC mechanism move data, on this machine?

    ipc_bench [MIB]        move MIB MiB (default 16) from a child to its parent

Four ways, the same data, 8 KiB at a time:
    pipe          write(2)/read(2): each byte is copied into the kernel and out
    FIFO          the same pipe code, opened by name (mkfifo in this directory)
    message queue msgsnd(2)/msgrcv(2): copied in and out, plus a message header
    shared memory a System V segment: the child writes the memory, the parent
                  reads it; two semaphores (semop(2)) say whose turn it is

Shared memory copies nothing through the kernel, but it needs the
semaphores: one pair of semop calls per chunk is its price.  Python adds
its own cost to every call, so compare the numbers with each other, not
with C.  The objects are made with IPC_PRIVATE and removed at the end.
"""
import ctypes
import os
import sys
import time

from ..i18n import _
from ..kernel import sysv

CHUNK = 8192                    # <= MSGMAX (8192), the default message size limit


def _child(send) -> int:
    """Fork a child that runs send() and exits; return its pid."""
    pid = os.fork()
    if pid == 0:
        try:
            send()
        finally:
            os._exit(0)
    return pid


def pipe_way(total: int, fifo: str | None = None) -> None:
    if fifo:
        os.mkfifo(fifo)
        pid = _child(lambda: _write_all(os.open(fifo, os.O_WRONLY), total))
        read_end = os.open(fifo, os.O_RDONLY)
    else:
        read_end, write_end = os.pipe()

        def send():
            os.close(read_end)                 # the child only writes
            _write_all(write_end, total)
        pid = _child(send)
        os.close(write_end)                    # or the parent never sees end-of-file
    got = 0
    while chunk := os.read(read_end, 65536):
        got += len(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    if fifo:
        os.unlink(fifo)
    assert got == total, (got, total)


def _write_all(fd: int, total: int) -> None:
    data = b"x" * CHUNK
    for _ in range(total // CHUNK):
        os.write(fd, data)
    os.close(fd)


def queue_way(total: int) -> None:
    q = sysv.msgget(sysv.IPC_PRIVATE, sysv.IPC_CREAT | 0o600)
    try:
        data = b"x" * CHUNK

        def send():
            for _ in range(total // CHUNK):
                sysv.msgsnd(q, 1, data)
        pid = _child(send)
        got = sum(len(sysv.msgrcv(q, 0, 0, CHUNK)[1]) for _ in range(total // CHUNK))
        os.waitpid(pid, 0)
        assert got == total
    finally:
        sysv.msgctl_rmid(q)


def shm_way(total: int) -> None:
    shm = sysv.shmget(sysv.IPC_PRIVATE, CHUNK, sysv.IPC_CREAT | 0o600)
    sem = sysv.semget(sysv.IPC_PRIVATE, 2, sysv.IPC_CREAT | 0o600)   # 0: empty, 1: full
    try:
        sysv.semctl_setall(sem, [1, 0])
        address = sysv.shmat(shm)
        data = b"x" * CHUNK

        def send():
            for _ in range(total // CHUNK):
                sysv.semop(sem, [(0, -1, 0)])                  # wait until empty
                ctypes.memmove(address, data, CHUNK)
                sysv.semop(sem, [(1, 1, 0)])                   # full
        pid = _child(send)
        got, buffer = 0, ctypes.create_string_buffer(CHUNK)
        for _ in range(total // CHUNK):
            sysv.semop(sem, [(1, -1, 0)])                      # wait until full
            ctypes.memmove(buffer, address, CHUNK)
            got += CHUNK
            sysv.semop(sem, [(0, 1, 0)])                       # empty again
        os.waitpid(pid, 0)
        sysv.shmdt(address)
        assert got == total
    finally:
        sysv.shmctl_rmid(shm)
        sysv.semctl(sem, 0, sysv.IPC_RMID)


def main(argv: list[str]) -> int:
    try:
        mib = int(argv[0]) if argv else 16
    except ValueError:
        print("ipc_bench: " + _("{word}: not a number").format(word=argv[0]), file=sys.stderr)
        return 2
    total = mib * 1024 * 1024
    fifo = f"bench-{os.getpid()}.fifo"
    # Each way: its name in words, and the calls it makes (never translated)
    ways = [(_("pipe"), "pipe()", lambda: pipe_way(total)),
            ("FIFO", "mkfifo()", lambda: pipe_way(total, fifo)),
            (_("message queue"), "msgsnd()/msgrcv()", lambda: queue_way(total)),
            (_("shared memory + semaphores"), "shmat()+semop()", lambda: shm_way(total))]
    print(_("moving {mib} MiB from a child to its parent, {chunk} bytes at a time:").format(
        mib=mib, chunk=CHUNK))
    for name, calls, way in ways:
        start = time.perf_counter()
        way()
        seconds = time.perf_counter() - start
        print(f"  {name.ljust(28)} {calls:<18} {mib / seconds:8.1f} MiB/s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
