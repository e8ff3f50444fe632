"""A lesson's scratch things, and sweeping up after lessons that were killed.

A lesson makes two kinds of thing outside the student's own files:
    $TMPDIR/minish-lesson-PID-NAME-XXXX/   its scratch directory (the record
                                           of what a command did and the copy
                                           of its output live in there)
    System V objects keyed by LESSON_KEY   ftok(3) of the scratch directory
    /dev/shm/sem.lesson-LESSON_KEY         a POSIX named semaphore
(Older versions also left $TMPDIR/minish-out-PID-XXXX capture files; they
are swept up too.)
The runner removes them however the lesson ends -- unless the process is
killed outright (SIGKILL, a power cut).  The PID in each name says whose
they are, so `minish lesson --clean` removes exactly the ones whose owner no
longer runs (kill(2) with signal 0 asks "does this pid exist?").

Who calls it: repl/lesson.py (making them), __main__ (`lesson --clean`).
System calls: mkdir, kill(pid, 0), msgctl/semctl/shmctl(IPC_RMID) via sysv.
"""
import os
import shutil
import tempfile

from ..i18n import _, ngettext

LESSON_PREFIX = "minish-lesson-"
OUT_PREFIX = "minish-out-"


def make_scratch(name: str) -> str:
    """A new scratch directory for lesson `name`, owned by this process."""
    return tempfile.mkdtemp(prefix=f"{LESSON_PREFIX}{os.getpid()}-{name}-")


def _owner_gone(entry: str, prefix: str) -> bool:
    """True if the process named in `entry` (prefix PID-...) has ended."""
    pid = entry[len(prefix):].split("-", 1)[0]
    if not pid.isdigit():
        return True                            # named before PIDs were: nobody owns it
    try:
        os.kill(int(pid), 0)                   # kill(2): signal 0 only checks
    except ProcessLookupError:
        return True
    except PermissionError:
        return False                           # alive, someone else's
    return False


def leftovers() -> list[str]:
    """This user's scratch directories and capture files whose lesson has died."""
    top, uid, found = tempfile.gettempdir(), os.getuid(), []
    try:
        entries = sorted(os.listdir(top))
    except OSError:
        return []
    for entry in entries:
        prefix = next((p for p in (LESSON_PREFIX, OUT_PREFIX) if entry.startswith(p)), None)
        path = os.path.join(top, entry)
        try:
            mine = os.lstat(path).st_uid == uid
        except OSError:
            continue
        if prefix and mine and _owner_gone(entry, prefix):
            found.append(path)
    return found


def ipc_objects_with_key(key: int) -> list[tuple[str, int]]:
    """(kind, id) of this user's System V objects with `key`, from /proc/sysvipc."""
    found = []
    for kind in ("msg", "sem", "shm"):
        try:
            with open(f"/proc/sysvipc/{kind}") as f:
                header, *rows = f.read().splitlines()
        except OSError:
            continue
        uid_column = header.split().index("uid")
        for row in rows:
            fields = row.split()
            if int(fields[0]) & 0xFFFFFFFF == key and int(fields[uid_column]) == os.getuid():
                found.append((kind, int(fields[1])))
    return found


def remove_ipc(key: int) -> list[str]:
    """Remove this user's objects with `key`; say what was removed."""
    from ..kernel import sysv
    remove = {"msg": sysv.msgctl_rmid, "shm": sysv.shmctl_rmid,
              "sem": lambda ident: sysv.semctl(ident, 0, sysv.IPC_RMID)}
    removed = []
    for kind, ident in ipc_objects_with_key(key):
        try:
            remove[kind](ident)
            removed.append(f"{kind} {ident} (key 0x{key:08x})")
        except OSError:
            pass                               # gone meanwhile, or not ours to remove
    return removed


def remove_posix_semaphore(key: int) -> bool:
    """Lessons name their POSIX semaphore /lesson-LESSON_KEY (sem_unlink(3)
    is unlink of its file in /dev/shm)."""
    try:
        os.unlink(f"/dev/shm/sem.lesson-0x{key:08x}")
        return True
    except OSError:
        return False


def clean(report_line) -> int:
    """`minish lesson --clean`: remove what killed lessons left; one line per thing."""
    from .lesson import lesson_key
    count = 0
    for path in leftovers():
        if os.path.isdir(path) and not os.path.islink(path):
            try:
                key = lesson_key(path)         # before the directory (its inode) goes
            except OSError:
                key = None
            for what in remove_ipc(key) if key is not None else []:
                report_line(_("removed IPC {what}").format(what=what))
                count += 1
            if key is not None and remove_posix_semaphore(key):
                report_line(_("removed {path}").format(path=f"/dev/shm/sem.lesson-0x{key:08x}"))
                count += 1
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                continue
        report_line(_("removed {path}").format(path=path))
        count += 1
    report_line(ngettext("{n} left-over item removed", "{n} left-over items removed", count)
                .format(n=count))
    return 0
