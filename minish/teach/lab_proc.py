"""What /proc says about the processes of a lab run (proc(5)).

    session(sid)       every live process in the run's session
    open_fds_of(pid)   its fd table, pipe ends marked read or write
    waiting_in(pid)    where in the kernel it sleeps (wchan)
    ipc_exists(...)    whether a System V object it made is still there

The lab runner (lab.py) reads these before it kills a run that did not
end, so the student sees which pipe ends were still open, and in which
process.  Reading only, except kill(), which sends SIGKILL.
"""
import os
import signal

from ..i18n import _


def count_processes(uid: int) -> int:
    count = 0
    for name in os.listdir("/proc"):
        try:
            if name.isdigit() and os.stat(f"/proc/{name}").st_uid == uid:
                count += 1
        except OSError:
            pass
    return count


def owner(pid: int) -> int | None:
    """The uid that owns a live process, or None when it is gone."""
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except OSError:
        return None


def session(sid: int) -> list[int]:
    """Every live process in session `sid` (field 6 of /proc/PID/stat, proc(5))."""
    members = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            members.append(int(name))
    return members


def kill(pids, sig: int = signal.SIGKILL) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def open_fds_of(pid: int) -> list[tuple[int, str]]:
    """[(fd, 'pipe:[123] write end'), ...] from /proc/PID/fd and fdinfo (proc(5))."""
    table = []
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return table
    for name in sorted(names, key=int):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
            with open(f"/proc/{pid}/fdinfo/{name}") as f:
                flags = int(f.read().split("flags:")[1].split()[0], 8)
        except (OSError, IndexError, ValueError):
            continue
        if target.startswith("pipe:"):
            end = _("{pipe} write end") if flags & os.O_WRONLY else _("{pipe} read end")
            target = end.format(pipe=target)
        table.append((int(name), target))
    return table


def waiting_in(pid: int) -> str:
    """Where in the kernel a process sleeps: pipe_read, pipe_write, do_wait... (proc(5))."""
    try:
        with open(f"/proc/{pid}/wchan") as f:
            return f.read().strip().strip("0")
    except OSError:
        return ""


def command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return " ".join(a.decode(errors="replace") for a in f.read().split(b"\0") if a)
    except OSError:
        return "?"


def ipc_exists(kind: str, ident: int) -> bool:
    """Is this System V object still there?  /proc/sysvipc/{msg,sem,shm}, column 2."""
    table = {"msgget": "msg", "semget": "sem", "shmget": "shm"}[kind]
    try:
        with open(f"/proc/sysvipc/{table}") as f:
            return any(line.split()[1] == str(ident) for line in f.read().splitlines()[1:])
    except OSError:
        return False
