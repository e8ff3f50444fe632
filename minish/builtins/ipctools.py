"""ipcrm, ipcmk, ftok: removing and making System V IPC objects, and keys.

ipcmk's output and options follow util-linux; its key is random unless
-k gives one (IPC_PRIVATE would make every key 0x00000000).
"""
import os

from ..errors import ShellError, report, write
from .. import i18n
from ..i18n import N_, _, strerror
from .args import number
from .ipcs import KINDS, read_table
from .args import UsageError
from .registry import builtin


@builtin("ipcrm", "remove System V IPC objects", "ipcrm [-q|-m|-s ID] [-Q|-M|-S KEY] [-a]")
def ipcrm(sh, argv):
    """Remove objects by id (-q, -m, -s) or by key (-Q, -M, -S), or all of them (-a).
    A shared memory segment still attached is only marked for removal
    ('dest' in ipcs) and goes away when the last process detaches."""
    args, status = argv[1:], 0
    if not args:
        raise UsageError()
    while args:
        opt = args.pop(0)
        if opt == "-a":
            for kind in ("msg", "shm", "sem"):
                for row in read_table(kind):
                    status |= _remove(kind, row["id"])
            continue
        if opt not in ("-q", "-m", "-s", "-Q", "-M", "-S") or not args:
            raise UsageError()
        kind = KINDS[opt[1].lower()]
        value = args.pop(0)
        if opt[1].isupper():
            key = number(value, "key")
            row = next((r for r in read_table(kind) if r["key"] == key & 0xFFFFFFFF), None)
            if row is None or key == 0:
                report("ipcrm: " + i18n._(_NO_KEY[kind]).format(key=value))
                status = 1
                continue
            status |= _remove(kind, row["id"])
        else:
            status |= _remove(kind, number(value, "id"))
    return status


_NO_KEY = {"msg": N_("key {key}: no such message queue"),
           "shm": N_("key {key}: no such shared memory segment"),
           "sem": N_("key {key}: no such semaphore set")}
_NO_ID = {"msg": N_("no message queue with id {id}"),
          "shm": N_("no shared memory segment with id {id}"),
          "sem": N_("no semaphore set with id {id}")}


def _remove(kind: str, ident: int) -> int:
    from ..kernel import sysv
    try:
        {"msg": sysv.msgctl_rmid, "shm": sysv.shmctl_rmid,
         "sem": lambda i: sysv.semctl(i, 0, sysv.IPC_RMID)}[kind](ident)
        return 0
    except OSError as e:
        why = {22: i18n._(_NO_ID[kind]).format(id=ident), 1: _("you are neither its owner nor root"),
               13: _("permission denied")}.get(e.errno, "")
        report(f"ipcrm: {e.filename}: {strerror(e.errno)}" + (f" ({why})" if why else ""))
        return 1


@builtin("ipcmk", "make a System V IPC object", "ipcmk [-Q] [-S N] [-M SIZE] [-p MODE] [-k KEY]")
def ipcmk(sh, argv):
    """Create a message queue (-Q), a set of N semaphores (-S N) or a shared
    memory segment of SIZE bytes (-M SIZE), with permissions -p MODE
    (default 0644) and key -k KEY (default: a random key, as util-linux)."""
    args, made, mode, key = argv[1:], [], 0o644, None
    while args:
        opt = args.pop(0)
        if opt == "-Q":
            made.append(("msg", 0))
        elif opt in ("-S", "-M", "-p", "-k") and args:
            value = args.pop(0)
            if opt == "-S":
                made.append(("sem", number(value, "number of semaphores")))
            elif opt == "-M":
                made.append(("shm", _size(value)))
            elif opt == "-p":
                mode = number("0o" + value.lstrip("0") if value.strip("0") else "0", "mode")
            else:
                key = number(value, "key")
        else:
            raise UsageError()
    if not made:
        raise UsageError()
    import random
    from ..kernel import sysv
    for kind, size in made:
        k = key if key is not None else random.getrandbits(31) or 1
        flags = sysv.IPC_CREAT | sysv.IPC_EXCL | mode
        try:
            if kind == "msg":
                write(1, f"Message queue id: {sysv.msgget(k, flags)}\n")
            elif kind == "sem":
                write(1, f"Semaphore id: {sysv.semget(k, size, flags)}\n")
            else:
                write(1, f"Shared memory id: {sysv.shmget(k, size, flags)}\n")
        except OSError as e:
            # ipcmk's own words stay as util-linux prints them; this one is ours
            taken = " (EEXIST: " + _("that key is taken") + ")" if e.errno == 17 else ""
            raise ShellError(strerror(e.errno) + taken) from None
    return 0


def _size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    scale = units.get(text[-1:].upper(), 1)
    return number(text[:-1] if scale > 1 else text, "size", 0, 2 ** 63 - 1) * scale


@builtin("ftok", "make a System V key from a file and a project id", "ftok PATH PROJ")
def ftok(sh, argv):
    """Print the key ftok(3) makes for PATH and PROJ, and how it is built:
    the low 8 bits of PROJ, then the low 8 bits of the file's device number,
    then the low 16 bits of its inode number.  Same file, same PROJ: same key."""
    if len(argv) != 3:
        raise UsageError()
    path, proj = argv[1], number(argv[2], "project id")
    from ..kernel import sysv
    try:
        st = os.stat(path)
        key = sysv.ftok(path, proj)
    except OSError as e:
        raise ShellError(f"{path}: {strerror(e.errno)}") from None
    write(1, f"0x{key:08x}\n")
    write(2, f"  = proj 0x{proj & 0xff:02x} << 24 | dev 0x{st.st_dev & 0xff:02x} << 16"
             f" | inode 0x{st.st_ino & 0xffff:04x}   (st_dev={st.st_dev}, st_ino={st.st_ino})\n")
    return 0
