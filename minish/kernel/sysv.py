"""System V IPC calls, straight through ctypes: msg*, sem*, shm*, ftok.

Thin on purpose: each function is one system call, named after it, with
errors raised as OSError(errno) -- so a builtin can show the student the
very call and the very errno.  (sysv_ipc, the usual Python library, only
offers semaphore sets of one; the course needs whole sets and GETNCNT.)
The kernel's tables themselves are read from /proc/sysvipc by ipcs.
"""
import ctypes
import os

IPC_PRIVATE = 0
IPC_CREAT, IPC_EXCL, IPC_NOWAIT = 0o1000, 0o2000, 0o4000
IPC_RMID, IPC_SET, IPC_STAT = 0, 1, 2
GETPID, GETVAL, GETALL, GETNCNT, GETZCNT, SETVAL, SETALL = 11, 12, 13, 14, 15, 16, 17
SEM_UNDO = 0x1000
MSG_NOERROR = 0o10000

_libc = ctypes.CDLL(None, use_errno=True)
_libc.shmat.restype = ctypes.c_void_p
_libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
_libc.shmdt.argtypes = [ctypes.c_void_p]
_libc.msgrcv.restype = ctypes.c_ssize_t
_libc.msgrcv.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_long,
                         ctypes.c_int]
_libc.msgsnd.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
_libc.shmget.argtypes = [ctypes.c_int, ctypes.c_size_t, ctypes.c_int]
_libc.ftok.argtypes = [ctypes.c_char_p, ctypes.c_int]


class SemBuf(ctypes.Structure):
    """struct sembuf: which semaphore, what to add, flags (semop(2))."""
    _fields_ = [("sem_num", ctypes.c_ushort), ("sem_op", ctypes.c_short),
                ("sem_flg", ctypes.c_short)]


def _check(result: int, call: str) -> int:
    if result == -1:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), call)   # filename slot: the call that failed
    return result


def ftok(path: str, proj: int) -> int:
    """The key ftok(3) makes: (proj & 0xff) << 24 | (st_dev & 0xff) << 16 | (st_ino & 0xffff)."""
    key = _libc.ftok(os.fsencode(path), proj)
    _check(key, "ftok")
    return key & 0xFFFFFFFF


# ---- message queues -----------------------------------------------------------

def msgget(key: int, flags: int) -> int:
    return _check(_libc.msgget(ctypes.c_int(_signed(key)), flags), "msgget")


def msgsnd(msqid: int, mtype: int, data: bytes, flags: int = 0) -> None:
    """Send `data` with type `mtype` (> 0): struct { long mtype; char mtext[]; }."""
    buf = ctypes.create_string_buffer(ctypes.sizeof(ctypes.c_long) + len(data))
    ctypes.c_long.from_buffer(buf).value = mtype
    ctypes.memmove(ctypes.addressof(buf) + ctypes.sizeof(ctypes.c_long), data, len(data))
    _check(_libc.msgsnd(msqid, buf, len(data), flags), "msgsnd")


def msgrcv(msqid: int, mtype: int, flags: int = 0, size: int = 65536) -> tuple[int, bytes]:
    """Receive by type: 0 the first message; >0 the first of that type;
    <0 the first of the lowest type <= |mtype|.  Returns (type, data)."""
    buf = ctypes.create_string_buffer(ctypes.sizeof(ctypes.c_long) + size)
    n = _check(_libc.msgrcv(msqid, buf, size, mtype, flags), "msgrcv")
    got_type = ctypes.c_long.from_buffer(buf).value
    return got_type, buf.raw[ctypes.sizeof(ctypes.c_long):ctypes.sizeof(ctypes.c_long) + n]


def msgctl_rmid(msqid: int) -> None:
    _check(_libc.msgctl(msqid, IPC_RMID, None), "msgctl(IPC_RMID)")


# ---- semaphores ------------------------------------------------------------------

def semget(key: int, nsems: int, flags: int) -> int:
    return _check(_libc.semget(ctypes.c_int(_signed(key)), nsems, flags), "semget")


def semop(semid: int, ops: list[tuple[int, int, int]]) -> None:
    """Apply all (num, op, flags) at once, atomically, or block until possible."""
    array = (SemBuf * len(ops))(*[SemBuf(n, op, fl) for n, op, fl in ops])
    _check(_libc.semop(semid, array, len(ops)), "semop")


def semctl(semid: int, num: int, cmd: int, value: int = 0) -> int:
    """GETVAL/GETNCNT/GETZCNT/GETPID return a number; SETVAL sets one; IPC_RMID."""
    return _check(_libc.semctl(semid, num, cmd, ctypes.c_int(value)), "semctl")


def semctl_getall(semid: int, nsems: int) -> list[int]:
    array = (ctypes.c_ushort * nsems)()
    _check(_libc.semctl(semid, 0, GETALL, array), "semctl(GETALL)")
    return list(array)


def semctl_setall(semid: int, values: list[int]) -> None:
    array = (ctypes.c_ushort * len(values))(*values)
    _check(_libc.semctl(semid, 0, SETALL, array), "semctl(SETALL)")


# ---- shared memory -------------------------------------------------------------------

def shmget(key: int, size: int, flags: int) -> int:
    return _check(_libc.shmget(ctypes.c_int(_signed(key)), size, flags), "shmget")


def shmat(shmid: int, flags: int = 0) -> int:
    """Attach the segment; return its address in this process."""
    address = _libc.shmat(shmid, None, flags)
    if address is None or address == ctypes.c_void_p(-1).value:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), "shmat")
    return address


def shmdt(address: int) -> None:
    _check(_libc.shmdt(ctypes.c_void_p(address)), "shmdt")


def shmctl_rmid(shmid: int) -> None:
    _check(_libc.shmctl(shmid, IPC_RMID, None), "shmctl(IPC_RMID)")


def _signed(key: int) -> int:
    """key_t is a signed 32-bit int; 0xdeadbeef must go in as negative."""
    key &= 0xFFFFFFFF
    return key - (1 << 32) if key >= 1 << 31 else key
