"""Checking one step: does what happened (teach/record.Happened) pass a check?

The vocabulary is documented for instructors at the top of teach/lesson.py
and in docs/lessons.md; FORMS below is its grammar, one regular expression
per check, and `failed` its meaning.  Each failure is a sentence a student
can act on, never a raw regular expression.

Who calls it: teach/lesson.py (FORMS, when parsing), repl/lesson.py (failed).
System calls: stat, open/read of /proc (proc(5), /proc/sysvipc), semctl(GETALL).
"""
import os
import re
import signal
import stat

from . import record

KEY = r"(0x[0-9a-fA-F]+|\$\w+)"               # a key, $LESSON_KEY, or $var holding an id
FORMS = [
    r"output (contains|lacks) .+", r"output matches .+", r"status (not )?-?\d+",
    r"typed contains .+",
    r"ran .+",
    r"job (exited \d+|killed SIG\w+|stopped SIG\w+|processes \d+)",
    r"syscall (in (shell|child) )?.+", r"syscalls \d+ .+",
    r"zombie (exists|missing)", r"child waits in \w+",
    rf"ipc (msg|shm|sem) {KEY} (exists|missing|dest)",
    rf"ipc msg {KEY} messages \d+", rf"ipc shm {KEY} nattch \d+",
    rf"ipc sem {KEY} values( -?\d+)+",
    r"posix sem /\S+ (exists|missing|value \d+)",
    r"file \S+ (exists|missing)", r"file \S+ contains .+", r"file \S+ is (fifo|executable)",
    r"var \w+ (set|unset)", r"var \w+ matches .+", rf"var \w+ is ipc (msg|shm|sem) {KEY}",
    r"option \w+ (on|off)",
]


def is_known(check: str) -> bool:
    return any(re.fullmatch(form, check) for form in FORMS)


def failed(check: str, did: record.Happened) -> str | None:
    """None if `check` passes, else what was expected, in words."""
    if did.key:
        check = check.replace("$LESSON_KEY", did.key)
    head, _, rest = check.partition(" ")
    return _CHECKS[head](rest, did)


# ---- text ------------------------------------------------------------------------

def _output(rest: str, did) -> str | None:
    how, _, text = rest.partition(" ")
    if how == "contains":
        return None if text in did.output else f"the output should contain {text!r}"
    if how == "lacks":
        return None if text not in did.output else f"the output should not contain {text!r}"
    return None if re.search(text, did.output, re.M) else \
        "the output is not what this step is after"


def _status(rest: str, did) -> str | None:
    negate = rest.startswith("not ")
    want = int(rest.split()[-1])
    ok = (did.status != want) if negate else (did.status == want)
    return None if ok else f"$? should {'not ' if negate else ''}be {want} (it was {did.status})"


def _typed(rest: str, did) -> str | None:
    text = rest[len("contains "):]
    return None if text in did.typed else f"the command should use {text!r}"


# ---- processes -----------------------------------------------------------------------

def _ran(rest: str, did) -> str | None:
    """The argv, joined by spaces, starts with the words (`*`: any text)."""
    words = rest.split()
    if words[0].startswith("$"):                # $PYTHON: the shell's variable
        words[0] = did.shell.state.get(words[0][1:]) or words[0]
    words[0] = os.path.basename(words[0])
    pattern = " ".join(".*?" if w == "*" else re.escape(w) for w in words) + r"(\s|$)"
    for argv in did.runs():
        if re.match(pattern, " ".join([os.path.basename(argv[0]), *argv[1:]]), re.S):
            return None
    return f"nothing ran `{rest}`: run it yourself"


def _job(rest: str, did) -> str | None:
    job, (what, arg) = did.job, rest.split(" ", 1)
    if job is None or not job.pids:
        return "no command was waited for: run a program (echo and printf are no programs)"
    if what == "processes":
        n = len(job.pids)
        return None if n == int(arg) else f"the job should have {arg} processes (it had {n})"
    raw = job.last_raw.get(job.pids[-1], -1)
    if what == "exited":
        if raw >= 0 and os.WIFEXITED(raw) and os.WEXITSTATUS(raw) == int(arg):
            return None
        return f"the last process should exit with status {arg} ({_describe(raw)})"
    sig = _signum(arg)
    if what == "killed" and raw >= 0 and os.WIFSIGNALED(raw) and os.WTERMSIG(raw) == sig:
        return None
    if what == "stopped" and raw >= 0 and os.WIFSTOPPED(raw) and os.WSTOPSIG(raw) == sig:
        return None
    return f"the last process should be {what} by {arg} ({_describe(raw)})"


def _describe(raw: int) -> str:
    if raw < 0:
        return "it has not ended"
    if os.WIFEXITED(raw):
        return f"it exited with status {os.WEXITSTATUS(raw)}"
    if os.WIFSIGNALED(raw):
        return f"it was killed by {signal.Signals(os.WTERMSIG(raw)).name}"
    if os.WIFSTOPPED(raw):
        return f"it was stopped by {signal.Signals(os.WSTOPSIG(raw)).name}"
    return "it was continued"


def _signum(name: str) -> int:
    try:
        return signal.Signals[name].value
    except KeyError:
        return -1


def _syscall(rest: str, did) -> str | None:
    where = ""
    if rest.startswith(("in shell ", "in child ")):
        where, rest = rest.split(" ", 2)[1:]
    if any(re.match(rest, call) for call in did.syscalls(where)):
        return None
    whose = {"": "", "shell": " in the shell", "child": " in a child"}[where]
    return f"the tracer saw no such call{whose}: {_plain(rest)}"


def _syscalls(rest: str, did) -> str | None:
    count, pattern = rest.split(" ", 1)
    n = sum(1 for call in did.syscalls() if re.match(pattern, call))
    return None if n == int(count) else \
        f"the tracer should see {count} calls {_plain(pattern)} (it saw {n})"


def _plain(pattern: str) -> str:
    """A pattern as a student reads it: fork\\(\\) -> fork()."""
    return re.sub(r"\\(.)", r"\1", pattern).replace(r"\d+", "N").replace("^", "")


def _zombie(rest: str, did) -> str | None:
    zombies = [pid for pid, state, _ in record.descendants() if state == "Z"]
    if rest == "exists":
        return None if zombies else "no child of the shell is a zombie (state Z)"
    return None if not zombies else f"pid {zombies[0]} is still a zombie: nobody reaped it"


def _child(rest: str, did) -> str | None:
    """A child that was just started needs a moment to get where it blocks:
    look again for up to five seconds (names vary a little between kernels:
    __do_semtimedop, anon_pipe_read, so a part of the name is enough)."""
    import time
    wchan, end = rest.split()[-1], time.monotonic() + 5
    while True:
        if any(wchan in w for _, _, w in record.descendants()):
            return None
        if time.monotonic() > end:
            return f"no child of the shell is waiting in the kernel's {wchan}"
        time.sleep(0.02)


# ---- kernel objects, files, variables, options ---------------------------------------

def _ipc_rows(kind: str) -> list[dict[str, str]]:
    try:
        with open(f"/proc/sysvipc/{kind}") as f:
            header, *rows = f.read().splitlines()
    except OSError:
        return []
    names = header.split()
    return [dict(zip(names, row.split())) for row in rows]


def find_ipc(kind: str, spec: str, did) -> dict[str, str] | None:
    """The /proc/sysvipc row of the object named by a key (0x...) or by a
    variable holding its id ($q)."""
    if spec.startswith("$"):
        ident = did.shell.state.get(spec[1:]) or ""
        column, want = ("msqid" if kind == "msg" else kind + "id"), ident.strip()
        return next((r for r in _ipc_rows(kind) if r.get(column) == want), None)
    key = int(spec, 16)
    return next((r for r in _ipc_rows(kind) if int(r["key"]) & 0xFFFFFFFF == key), None)


def _ipc(rest: str, did) -> str | None:
    kind, spec, what, *args = rest.split()
    row = find_ipc(kind, spec, did)
    name = f"the {kind} object {spec}"
    if what == "missing":
        return None if row is None else f"{name} should be gone"
    if row is None:
        return f"{name} does not exist"
    if what == "exists":
        return None
    if what == "dest":
        return None if int(row["perms"], 8) & 0o1000 else f"{name} should be marked for removal"
    if what in ("messages", "nattch"):
        got = row["qnum" if what == "messages" else "nattch"]
        return None if got == args[0] else f"{name} should have {what} {args[0]} (it has {got})"
    from ..kernel import sysv
    try:
        values = sysv.semctl_getall(int(row["semid"]), int(row["nsems"]))
    except OSError as e:
        return f"{name}: semctl: {e.strerror}"
    want = [int(v) for v in args]
    return None if values == want else \
        f"{name} should hold {' '.join(args)} (it holds {' '.join(map(str, values))})"


def _posix(rest: str, did) -> str | None:
    """A POSIX named semaphore: a file sem.NAME in /dev/shm (sem_overview(7))."""
    _, name, what, *args = rest.split()
    there = os.path.exists(f"/dev/shm/sem.{name[1:]}")
    if what in ("exists", "missing"):
        return None if there == (what == "exists") else \
            f"the semaphore {name} should {'exist' if what == 'exists' else 'be unlinked'}"
    from ..helpers import psem
    try:
        got = psem.value(name)
    except OSError:
        return f"there is no semaphore {name}"
    return None if got == int(args[0]) else f"{name} should hold {args[0]} (it holds {got})"


def _file(rest: str, did) -> str | None:
    name, _, what = rest.partition(" ")
    path = os.path.join(did.cwd, name)
    if what in ("exists", "missing"):
        there = os.path.lexists(path)
        return None if there == (what == "exists") else \
            f"file {name} should {'exist' if what == 'exists' else 'not exist'}"
    if what.startswith("is "):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return f"file {name} does not exist"
        ok = stat.S_ISFIFO(mode) if what == "is fifo" else bool(mode & 0o111)
        return None if ok else f"file {name} should be {what[3:]}"
    text = what[len("contains "):]
    try:
        with open(path, errors="replace") as f:
            found = text in f.read()
    except OSError:
        found = False
    return None if found else f"file {name} should contain {text!r}"


def _var(rest: str, did) -> str | None:
    name, what, *args = rest.split(" ", 2)
    value = did.shell.state.get(name)
    if what in ("set", "unset"):
        return None if (value is not None) == (what == "set") else \
            f"${name} should be {'set' if what == 'set' else 'unset'}"
    if value is None:
        return f"${name} is not set"
    if what == "matches":
        return None if re.search(args[0], value) else f"${name} does not hold what it should"
    _, kind, spec = args[0].split()
    row = find_ipc(kind, spec, did)
    column = "msqid" if kind == "msg" else kind + "id"
    return None if row and row[column] == value.strip() else \
        f"${name} should hold the id of the {kind} object {spec}"


def _option(rest: str, did) -> str | None:
    name, want = rest.split()
    on = name in did.shell.state.options
    return None if on == (want == "on") else f"option {name} should be {want}"


_CHECKS = {"output": _output, "status": _status, "typed": _typed, "ran": _ran, "job": _job,
           "syscall": _syscall, "syscalls": _syscalls, "zombie": _zombie, "child": _child,
           "ipc": _ipc, "posix": _posix, "file": _file, "var": _var, "option": _option}
