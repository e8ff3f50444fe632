"""ipcs, ipcrm, ipcmk, ftok: System V IPC objects, as the kernel keeps them.

`ipcs` reads the kernel's tables in /proc/sysvipc/{msg,shm,sem} and its
limits in /proc/sys/kernel/*, and prints them column for column as
util-linux ipcs(1) does.  The objects outlive the processes that made
them (kernel persistence) until someone removes them: `ipcrm`.

Language: the listings, and ipcmk's "Message queue id: N", stay in English,
as util-linux prints them where its translations are not installed (Debian
puts them in util-linux-locales); lessons and scripts parse them
(`ipcmk -Q | cut -d' ' -f4`).  The option errors are glibc getopt's, which
glibc translates: so do we; minish's own explanations are translated.
"""
import grp
import os
import pwd
import time

from ..errors import ShellError, write
from ..i18n import _
from .args import number
from .registry import builtin

KINDS = {"q": "msg", "m": "shm", "s": "sem"}
SHM_DEST, SHM_LOCKED = 0o1000, 0o2000


def read_table(kind: str) -> list[dict]:
    """The rows of /proc/sysvipc/<kind>, as dicts of ints keyed by column name."""
    try:
        with open(f"/proc/sysvipc/{kind}") as f:
            header, *lines = f.read().splitlines()
    except OSError:
        return []
    names = header.split()
    rows = [dict(zip(names, (int(v, 8 if n == "perms" else 10)   # perms is octal text
                             for n, v in zip(names, line.split()))))
            for line in lines]
    id_field = {"msg": "msqid", "shm": "shmid", "sem": "semid"}[kind]
    for row in rows:
        row["id"] = row[id_field]
        row["key"] &= 0xFFFFFFFF
    return sorted(rows, key=lambda r: r["id"])


def _kernel(name: str) -> list[int]:
    with open(f"/proc/sys/kernel/{name}") as f:
        return [int(v) for v in f.read().split()]


def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _group(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _owner(row: dict, width: int) -> str:
    """printf("%-Nd %-10.10s", id, owner) as util-linux does."""
    return f"{row['id']:<{width}} {_user(row['uid'])[:10]:<10}"


def _when(t: int, short: bool) -> str:
    """ctime(3), or "Not set": short drops the weekday and the year."""
    if not t:
        return "Not set"
    text = time.ctime(t)
    return text[4:20] if short else text[:24]


# ---- the listings -----------------------------------------------------------------

TITLES = {
    ("msg", None): ("Message Queues", "%-10s %-10s %-10s %-10s %-12s %-12s",
                    ("key", "msqid", "owner", "perms", "used-bytes", "messages")),
    ("shm", None): ("Shared Memory Segments", "%-10s %-10s %-10s %-10s %-10s %-10s %-12s",
                    ("key", "shmid", "owner", "perms", "bytes", "nattch", "status")),
    ("sem", None): ("Semaphore Arrays", "%-10s %-10s %-10s %-10s %-10s",
                    ("key", "semid", "owner", "perms", "nsems")),
    ("msg", "t"): ("Message Queues Send/Recv/Change Times", "%-8s %-10s %-20s %-20s %-20s",
                   ("msqid", "owner", "send", "recv", "change")),
    ("shm", "t"): ("Shared Memory Attach/Detach/Change Times", "%-10s %-10s %-20s %-20s %-20s",
                   ("shmid", "owner", "attached", "detached", "changed")),
    ("sem", "t"): ("Semaphore Operation/Change Times", "%-8s %-10s %-26.24s %-26.24s",
                   ("semid", "owner", "last-op", "last-changed")),
    ("msg", "p"): ("Message Queues PIDs", "%-10s %-10s %-10s %-10s",
                   ("msqid", "owner", "lspid", "lrpid")),
    ("shm", "p"): ("Shared Memory Creator/Last-op PIDs", "%-10s %-10s %-10s %-10s",
                   ("shmid", "owner", "cpid", "lpid")),
    ("msg", "c"): ("Message Queues Creators/Owners", None, ("msqid",)),
    ("shm", "c"): ("Shared Memory Segment Creators/Owners", None, ("shmid",)),
    ("sem", "c"): ("Semaphore Arrays Creators/Owners", None, ("semid",)),
}


def listing(kind: str, fmt: str | None) -> str:
    if fmt == "l":
        return _limits(kind)
    if fmt == "u":
        return _summary(kind)
    if kind == "sem" and fmt == "p":
        return ""                                # util-linux prints nothing here
    title, header, names = TITLES[(kind, fmt)]
    if header is None:                           # -c
        header = "%-10s %-10s %-10s %-10s %-10s %-10s"
        names = names + ("perms", "cuid", "cgid", "uid", "gid")
    out = [f"------ {title} --------\n", (header % names) + "\n"]
    for row in read_table(kind):
        out.append(_row(kind, fmt, row) + "\n")
    return "".join(out)


def _row(kind: str, fmt: str | None, r: dict) -> str:
    if fmt == "c":
        return (f"{r['id']:<10} {r['perms'] & 0o777:<10o} {_user(r['cuid']):<10} "
                f"{_group(r['cgid']):<10} {_user(r['uid']):<10} {_group(r['gid']):<10}")
    if fmt == "t":
        if kind == "sem":
            return f"{_owner(r, 8)}  {_when(r['otime'], False):<26} {_when(r['ctime'], False):<26}"
        times = ("stime", "rtime", "ctime") if kind == "msg" else ("atime", "dtime", "ctime")
        return _owner(r, 8 if kind == "msg" else 10) + "".join(
            f" {_when(r[t], True):<20}" for t in times)
    if fmt == "p":
        if kind == "msg":
            return f"{_owner(r, 8)}  {r['lspid']:5d}     {r['lrpid']:5d}"
        return f"{_owner(r, 10)} {r['cpid']:<10} {r['lpid']:<10}"
    key = f"0x{r['key']:08x} {_owner(r, 10)} {r['perms'] & 0o777:<10o}"
    if kind == "msg":
        return f"{key} {r['cbytes']:<12} {r['qnum']:<12}"
    if kind == "sem":
        return f"{key} {r['nsems']:<10}"
    dest = "dest" if r["perms"] & SHM_DEST else " "
    locked = "locked" if r["perms"] & SHM_LOCKED else " "
    return f"{key} {r['size']:<10} {r['nattch']:<10} {dest:<6} {locked:<6}"


def _limits(kind: str) -> str:
    if kind == "msg":
        (mni,), (mmax,), (mnb,) = _kernel("msgmni"), _kernel("msgmax"), _kernel("msgmnb")
        return ("------ Messages Limits --------\n"
                f"max queues system wide = {mni}\nmax size of message (bytes) = {mmax}\n"
                f"default max size of queue (bytes) = {mnb}\n")
    if kind == "shm":
        (mni,), (smax,), (sall,) = _kernel("shmmni"), _kernel("shmmax"), _kernel("shmall")
        per_page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
        total_kb = min(sall, (2 ** 64 - 1) // per_page_kb) * per_page_kb   # no overflow
        return ("------ Shared Memory Limits --------\n"
                f"max number of segments = {mni}\nmax seg size (kbytes) = {smax // 1024}\n"
                f"max total shared memory (kbytes) = {total_kb}\nmin seg size (bytes) = 1\n")
    msl, mns, opm, mni = _kernel("sem")
    return ("------ Semaphore Limits --------\n"
            f"max number of arrays = {mni}\nmax semaphores per array = {msl}\n"
            f"max semaphores system wide = {mns}\nmax ops per semop call = {opm}\n"
            "semaphore max value = 32767\n")


def _summary(kind: str) -> str:
    rows = read_table(kind)
    if kind == "msg":
        return ("------ Messages Status --------\n"
                f"allocated queues = {len(rows)}\n"
                f"used headers = {sum(r['qnum'] for r in rows)}\n"
                f"used space = {sum(r['cbytes'] for r in rows)} bytes\n")
    if kind == "shm":
        page = os.sysconf("SC_PAGE_SIZE")
        return ("------ Shared Memory Status --------\n"
                f"segments allocated {len(rows)}\n"
                f"pages allocated {sum((r['size'] + page - 1) // page for r in rows)}\n"
                f"pages resident  {sum(r['rss'] for r in rows) // page}\n"
                f"pages swapped   {sum(r['swap'] for r in rows) // page}\n"
                "Swap performance: 0 attempts\t 0 successes\n")
    return ("------ Semaphore Status --------\n"
            f"used arrays = {len(rows)}\nallocated semaphores = {sum(r['nsems'] for r in rows)}\n")


def _c_octal(n: int) -> str:
    """printf's %#o: a leading 0, not Python's 0o."""
    return f"0{n:o}" if n else "0"


def detail(kind: str, ident: int) -> str:
    """ipcs -m/-q/-s -i ID."""
    row = next((r for r in read_table(kind) if r["id"] == ident), None)
    if row is None:
        raise ShellError(f"id {ident} not found")      # util-linux's words, untranslated here
    from ..kernel import sysv  # ctypes: imported only when used
    ids = f"uid={row['uid']}\tgid={row['gid']}\tcuid={row['cuid']}\tcgid={row['cgid']}"
    mode = row["perms"]
    if kind == "shm":
        return (f"\nShared memory Segment shmid={ident}\n{ids}\n"
                f"mode={_c_octal(mode)}\taccess_perms={_c_octal(mode & 0o777)}\n"
                f"bytes={row['size']}\tlpid={row['lpid']}\tcpid={row['cpid']}\tnattch={row['nattch']}\n"
                f"att_time={_when(row['atime'], False):<26}\n"
                f"det_time={_when(row['dtime'], False):<26}\n"
                f"change_time={_when(row['ctime'], False):<26}\n\n")
    if kind == "msg":
        qbytes = _kernel("msgmnb")[0]
        return (f"\nMessage Queue msqid={ident}\n{ids}\tmode={_c_octal(mode)}\n"
                f"cbytes={row['cbytes']}\tqbytes={qbytes}\tqnum={row['qnum']}\t"
                f"lspid={row['lspid']}\tlrpid={row['lrpid']}\n"
                f"send_time={_when(row['stime'], False):<26}\n"
                f"rcv_time={_when(row['rtime'], False):<26}\n"
                f"change_time={_when(row['ctime'], False):<26}\n\n")
    ids = ids.replace("\t", "\t ")
    out = [f"\nSemaphore Array semid={ident}\n{ids}\n",
           f"mode={_c_octal(mode)}, access_perms={_c_octal(mode & 0o777)}\n",
           f"nsems = {row['nsems']}\n",
           f"otime = {_when(row['otime'], False):<26}\n",
           f"ctime = {_when(row['ctime'], False):<26}\n",
           "%-10s %-10s %-10s %-10s %-10s\n" % ("semnum", "value", "ncount", "zcount", "pid")]
    for n in range(row["nsems"]):
        values = [sysv.semctl(ident, n, c) for c in (sysv.GETVAL, sysv.GETNCNT,
                                                      sysv.GETZCNT, sysv.GETPID)]
        out.append("%-10d %-10d %-10d %-10d %-10d\n" % (n, *values))
    return "".join(out) + "\n"


@builtin("ipcs", "show System V IPC objects (as util-linux ipcs)",
         "ipcs [-q|-m|-s|-a] [-t|-p|-c|-l|-u] [-i ID]")
def ipcs(sh, argv):
    """List the message queues (-q), shared memory segments (-m) and
    semaphore sets (-s) the kernel holds -- all three by default.
      -t times   -p pids   -c creators/owners   -l limits   -u summary
      -i ID      everything about one object (with -q, -m or -s)
    They persist after the process that made them exits: see `ipcrm`."""
    kinds, fmt, ident, args = [], None, None, argv[1:]
    while args:
        arg = args.pop(0)
        if arg == "-i" or arg == "--id":
            if not args:
                raise ShellError(_("option requires an argument -- '{letter}'").format(
                    letter="i"), status=2)
            ident = number(args.pop(0), "id")
            continue
        if not arg.startswith("-") or len(arg) < 2:
            raise ShellError(_("unexpected argument '{word}'").format(word=arg), status=2)
        for letter in arg[1:]:
            if letter in KINDS:
                kinds.append(KINDS[letter])
            elif letter == "a":
                kinds += ["msg", "shm", "sem"]
            elif letter in "tpclu":
                fmt = letter
            else:
                raise ShellError(_("invalid option -- '{letter}'").format(letter=letter),
                                 status=2)
    order = [k for k in ("msg", "shm", "sem") if k in kinds] or ["msg", "shm", "sem"]
    if ident is not None:
        if not kinds:
            raise ShellError(_("-i needs one of -q, -m or -s"), status=2)
        write(1, "".join(detail(k, ident) for k in order))
        return 0
    write(1, "\n" + "".join(listing(k, fmt) + "\n" for k in order))
    return 0
