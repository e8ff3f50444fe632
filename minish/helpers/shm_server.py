"""shm_server SHM-ID N: a server and N clients on shared memory + semaphores.

The segment holds one request or one answer at a time, as text.  Three
semaphores (a set made with IPC_PRIVATE, removed at the end) say whose
turn it is:
    0  free     1 = a client may use the segment (a mutex between clients)
    1  request  1 = a request is in the segment, for the server
    2  reply    1 = the answer is in the segment, for the client
A client: P(free), write, V(request), P(reply), read, V(free).
The server: P(request), read, write the answer, V(reply).
No data goes through the kernel: only the semop calls do.
"""
import ctypes
import os
import sys

from ..i18n import _, strerror
from ..kernel import sysv

FREE, REQUEST, REPLY = 0, 1, 2
SIZE = 64


def _put(address: int, text: str) -> None:
    data = text.encode()[:SIZE - 1] + b"\0"
    ctypes.memmove(address, data, len(data))


def _get(address: int) -> str:
    return ctypes.string_at(address).decode()


def server(shm: int, sem: int, count: int) -> None:
    address = sysv.shmat(shm)
    for _ in range(count):
        sysv.semop(sem, [(REQUEST, -1, 0)])
        pid, number = (int(w) for w in _get(address).split())
        _put(address, f"{pid} {number * number}")
        sysv.semop(sem, [(REPLY, 1, 0)])
    sysv.shmdt(address)


def client(shm: int, sem: int, number: int) -> str:
    address, me = sysv.shmat(shm), os.getpid()
    sysv.semop(sem, [(FREE, -1, 0)])
    _put(address, f"{me} {number}")
    sysv.semop(sem, [(REQUEST, 1, 0)])
    sysv.semop(sem, [(REPLY, -1, 0)])
    pid, answer = _get(address).split()
    sysv.semop(sem, [(FREE, 1, 0)])
    sysv.shmdt(address)
    return _("client {pid}: asked the server, which replied {result} (through the segment)") \
        .format(pid=me, result=f"{number}^2 = {answer}")


def main(argv: list[str]) -> int:
    try:
        shm, count = int(argv[0]), int(argv[1]) if len(argv) > 1 else 3
    except (IndexError, ValueError):
        print(_("usage: {synopsis}").format(synopsis="shm_server SHM-ID [N]"), file=sys.stderr)
        return 2
    sem = sysv.semget(sysv.IPC_PRIVATE, 3, sysv.IPC_CREAT | 0o600)
    try:
        sysv.semctl_setall(sem, [1, 0, 0])
        pids = []
        for role in ["server"] + list(range(1, count + 1)):
            pid = os.fork()
            if pid == 0:
                try:
                    if role == "server":
                        server(shm, sem, count)
                    else:
                        print(client(shm, sem, role), flush=True)
                    os._exit(0)
                except OSError as e:
                    print(f"shm_server: {strerror(e.errno)}", file=sys.stderr, flush=True)
                    os._exit(1)
            pids.append(pid)
        status = 0
        for pid in pids:
            status |= os.waitpid(pid, 0)[1]
    finally:
        sysv.semctl(sem, 0, sysv.IPC_RMID)
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
