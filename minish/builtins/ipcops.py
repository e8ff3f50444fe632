"""Operating on System V IPC objects from the prompt.

    msgsnd [-n] ID TYPE TEXT...       msgsnd(2); -n: IPC_NOWAIT
    msgrcv [-n] ID [TYPE]             msgrcv(2): TYPE 0, >0 or <0
    semop [-n] [-u] ID NUM:OP ...     semop(2): all operations at once
    semctl ID getval|setval|getall|setall|getncnt|getzcnt|getpid ...
    shmat ID / shmdt ID               shmat(2)/shmdt(2) in the shell itself
    shmwrite ID TEXT [OFFSET]         store bytes in the segment
    shmread ID [LENGTH] [OFFSET]      print bytes from the segment

Every call is the real one, so a student can watch a process block in
semop until another one adds to the semaphore, or see nattch change in
`ipcs -m` while the shell keeps a segment attached.
"""
from ..errors import ShellError, write
from ..i18n import _, strerror
from . import args as check
from .args import UsageError
from .registry import builtin

# Each builtin imports `sysv` (and with it ctypes) itself, when first used:
# importing ctypes costs 3 ms, and every `minish -c` would pay it.

_attached: dict[int, int] = {}                 # shmid -> address, in this process


# The C types the numbers go to (sysv.py): anything else is refused here,
# before ctypes would truncate it or raise.  Ids and keys: check.number's default.
SIZE = (0, 2 ** 63 - 1)                        # offsets and lengths (size_t)
LONG = (-2 ** 63, 2 ** 63 - 1)                 # a message's type
USHORT = (0, 65535)                            # a semaphore's number and value
SHORT = (-32768, 32767)                        # a semop operation


def _flags(args: list[str], letters: str) -> tuple[set, list[str]]:
    """Leading -n / -u options, then the rest."""
    found = set()
    while args and args[0].startswith("-") and len(args[0]) > 1 and \
            all(c in letters for c in args[0][1:]):
        found.update(args.pop(0)[1:])
    return found, args


def _explain(e: OSError, call: str) -> ShellError:
    """The C library's text, the errno's name (which no language changes),
    and what it means here."""
    import errno
    hints = {11: _("it would block and IPC_NOWAIT (-n) was given"),
             42: _("no message of that type (and IPC_NOWAIT)"),
             22: _("no such object, or an invalid argument"),
             43: _("the object was removed while we waited"),
             13: _("permission denied by the object's mode"),
             34: _("the value would go out of range")}          # only ever built to be said
    hint = hints.get(e.errno)
    prefix = f"{e.filename}: " if e.filename and e.filename != call else ""
    name = errno.errorcode.get(e.errno, str(e.errno))
    return ShellError(f"{prefix}{strerror(e.errno)} ({name})" + (f" -- {hint}" if hint else ""))


@builtin("msgsnd", "send a message to a System V message queue", "msgsnd [-n] ID TYPE TEXT...")
def msgsnd(sh, argv):
    """Put TEXT on queue ID with message type TYPE (a positive number).
    -n  IPC_NOWAIT: fail at once instead of waiting when the queue is full"""
    from ..kernel import sysv
    flags, args = _flags(argv[1:], "n")
    if len(args) < 3:
        raise UsageError()
    qid, mtype = check.number(args[0], "id"), check.number(args[1], "type", *LONG)
    if mtype <= 0:
        raise ShellError(_("the message type must be > 0"))
    try:
        sysv.msgsnd(qid, mtype, " ".join(args[2:]).encode(), sysv.IPC_NOWAIT if "n" in flags else 0)
    except OSError as e:
        raise _explain(e, "msgsnd") from None
    return 0


@builtin("msgrcv", "receive a message from a System V message queue", "msgrcv [-n] ID [TYPE]")
def msgrcv(sh, argv):
    """Take one message off queue ID and print `TYPE TEXT`.
    TYPE 0   the first message on the queue, whatever its type (default)
    TYPE >0  the first message of exactly that type
    TYPE <0  the first message of the lowest type <= |TYPE| (a priority queue)
    -n       IPC_NOWAIT: fail (ENOMSG) instead of waiting for one"""
    from ..kernel import sysv
    flags, args = _flags(argv[1:], "n")
    if len(args) not in (1, 2):
        raise UsageError()
    qid = check.number(args[0], "id")
    mtype = check.number(args[1], "type", *LONG) if len(args) == 2 else 0
    try:
        got, data = sysv.msgrcv(qid, mtype, sysv.IPC_NOWAIT if "n" in flags else 0)
    except OSError as e:
        raise _explain(e, "msgrcv") from None
    write(1, f"{got} {data.decode('utf-8', 'replace')}\n")
    return 0


@builtin("semop", "operate on a System V semaphore set", "semop [-n] [-u] ID NUM:OP ...")
def semop(sh, argv):
    """Apply the operations to set ID all at once (atomically): NUM:OP adds OP
    to semaphore NUM; a negative OP waits until the value is big enough,
    0 waits until the value is zero.  Blocks until every operation can be
    done together.
    -n  IPC_NOWAIT: fail (EAGAIN) instead of blocking
    -u  SEM_UNDO: the kernel undoes these operations when this process exits
    Example: semop 3 0:-1 1:+1   (take one from #0, add one to #1)"""
    from ..kernel import sysv
    flags, args = _flags(argv[1:], "nu")
    if len(args) < 2:
        raise UsageError()
    semid = check.number(args[0], "id")
    bits = (sysv.IPC_NOWAIT if "n" in flags else 0) | (sysv.SEM_UNDO if "u" in flags else 0)
    ops = []
    for spec in args[1:]:
        num, sep, op = spec.partition(":")
        if not sep:
            raise ShellError(_("invalid operation '{spec}' (want NUM:OP, e.g. 0:-1)").format(
                spec=spec))
        ops.append((check.number(num, "semaphore number", *USHORT),
                    check.number(op, "operation", *SHORT), bits))
    try:
        sysv.semop(semid, ops)
    except OSError as e:
        raise _explain(e, "semop") from None
    return 0


SEMCTL = {"getval": "GETVAL", "getncnt": "GETNCNT", "getzcnt": "GETZCNT", "getpid": "GETPID"}


@builtin("semctl", "read or set the values of a System V semaphore set",
         "semctl ID getval|getncnt|getzcnt|getpid NUM | setval NUM V | getall | setall V...")
def semctl(sh, argv):
    """getval NUM    the value of semaphore NUM
    getncnt NUM   how many processes wait for it to increase
    getzcnt NUM   how many wait for it to become zero
    getpid NUM    the pid of the last process to operate on it
    setval NUM V  set it (waking whoever can now proceed)
    getall / setall V...   every value at once"""
    from ..kernel import sysv
    if len(argv) < 3:
        raise UsageError()
    semid, cmd, rest = check.number(argv[1], "id"), argv[2].lower(), argv[3:]
    try:
        if cmd in SEMCTL and len(rest) == 1:
            number = check.number(rest[0], "number", *USHORT)
            write(1, f"{sysv.semctl(semid, number, getattr(sysv, SEMCTL[cmd]))}\n")
        elif cmd == "setval" and len(rest) == 2:
            sysv.semctl(semid, check.number(rest[0], "number", *USHORT), sysv.SETVAL,
                        check.number(rest[1], "value", *USHORT))
        elif cmd == "getall" and not rest:
            write(1, " ".join(map(str, sysv.semctl_getall(semid, _nsems(semid)))) + "\n")
        elif cmd == "setall" and rest:
            sysv.semctl_setall(semid, [check.number(v, "value", *USHORT) for v in rest])
        else:
            raise UsageError()
    except OSError as e:
        raise _explain(e, "semctl") from None
    return 0


def _nsems(semid: int) -> int:
    from .ipcs import read_table
    row = next((r for r in read_table("sem") if r["id"] == semid), None)
    if row is None:
        raise OSError(22, "Invalid argument")
    return row["nsems"]


@builtin("shmat", "attach a System V shared memory segment to the shell", "shmat ID")
def shmat(sh, argv):
    """Attach segment ID in the shell process (nattch goes up in `ipcs -m`)."""
    from ..kernel import sysv
    shmid = _one_id(argv, "shmat ID")
    if shmid in _attached:
        raise ShellError(_("segment {id} is already attached at {address}").format(
            id=shmid, address=f"{_attached[shmid]:#x}"))
    try:
        _attached[shmid] = sysv.shmat(shmid)
    except OSError as e:
        raise _explain(e, "shmat") from None
    write(1, _("attached segment {id} at {address}").format(
        id=shmid, address=f"{_attached[shmid]:#x}") + "\n")
    return 0


@builtin("shmdt", "detach a shared memory segment from the shell", "shmdt ID")
def shmdt(sh, argv):
    """Detach segment ID (a segment marked for removal disappears at the last detach)."""
    from ..kernel import sysv
    shmid = _one_id(argv, "shmdt ID")
    if shmid not in _attached:
        raise ShellError(_("segment {id} is not attached to this shell").format(id=shmid))
    sysv.shmdt(_attached.pop(shmid))
    return 0


def _one_id(argv, usage: str) -> int:
    if len(argv) != 2:
        raise UsageError()
    return check.number(argv[1], "id")


def _with_segment(shmid: int, fn):
    """fn(address), attaching for the moment if the shell has not attached it."""
    from ..kernel import sysv
    if shmid in _attached:
        return fn(_attached[shmid])
    try:
        address = sysv.shmat(shmid)
    except OSError as e:
        raise _explain(e, "shmat") from None
    try:
        return fn(address)
    finally:
        sysv.shmdt(address)


def _segment_size(shmid: int) -> int:
    from .ipcs import read_table
    row = next((r for r in read_table("shm") if r["id"] == shmid), None)
    if row is None:
        raise ShellError(_("no shared memory segment with id {id}").format(id=shmid))
    return row["size"]


@builtin("shmwrite", "store text in a shared memory segment", "shmwrite ID TEXT [OFFSET]")
def shmwrite(sh, argv):
    """Copy TEXT (and a terminating NUL byte) into segment ID at OFFSET."""
    import ctypes
    if len(argv) not in (3, 4):
        raise UsageError()
    shmid, data = check.number(argv[1], "id"), argv[2].encode() + b"\0"
    offset = check.number(argv[3], "offset", *SIZE) if len(argv) == 4 else 0
    if offset < 0 or offset + len(data) > _segment_size(shmid):
        raise ShellError(_("that does not fit in the segment"))
    _with_segment(shmid, lambda a: ctypes.memmove(a + offset, data, len(data)))
    return 0


@builtin("shmread", "print text from a shared memory segment", "shmread ID [LENGTH] [OFFSET]")
def shmread(sh, argv):
    """Print the bytes of segment ID from OFFSET, up to a NUL byte or LENGTH."""
    import ctypes
    if len(argv) not in (2, 3, 4):
        raise UsageError()
    shmid = check.number(argv[1], "id")
    size = _segment_size(shmid)
    offset = check.number(argv[3], "offset", *SIZE) if len(argv) == 4 else 0
    length = check.number(argv[2], "length", *SIZE) if len(argv) >= 3 else size - offset
    if offset < 0 or length < 0 or offset + length > size:
        raise ShellError(_("that is outside the segment"))
    data = _with_segment(shmid, lambda a: ctypes.string_at(a + offset, length))
    write(1, data.split(b"\0", 1)[0].decode("utf-8", "replace") + "\n")
    return 0
