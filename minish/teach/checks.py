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
from .. import i18n
from ..i18n import _, strerror

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
    head, _sep, rest = check.partition(" ")
    return _CHECKS[head](rest, did)


# ---- text ------------------------------------------------------------------------

def _output(rest: str, did) -> str | None:
    how, text = rest.split(" ", 1)
    said = _as_said(text)
    if how == "contains":
        return None if any(t in did.output for t in said) else \
            _("the output should contain {text}").format(text=repr(said[-1]))
    if how == "lacks":
        return None if not any(t in did.output for t in said) else \
            _("the output should not contain {text}").format(text=repr(said[-1]))
    return None if re.search(text, did.output, re.M) else \
        _("the output is not what this step is after")


def _as_said(text: str) -> list[str]:
    """`text`, and, when it is an error text of the C library (`File exists`,
    strerror(EEXIST) in English), that text as the C library says it in the
    student's language (`El fichero ya existe`): a lesson names it once, and
    what a student sees depends on the language and on the locales the
    machine has (minish/i18n.py)."""
    if i18n.language() == "en":
        return [text]
    code = _english_errors().get(text)
    return [text] if code is None else [text, strerror(code)]


_ENGLISH_ERRORS: dict[str, int] = {}


def _english_errors() -> dict[str, int]:
    """{strerror(3) text in the C locale: errno}; LC_MESSAGES is "C" meanwhile."""
    if not _ENGLISH_ERRORS:
        import errno
        import locale
        saved = locale.setlocale(locale.LC_MESSAGES)
        try:
            locale.setlocale(locale.LC_MESSAGES, "C")
            _ENGLISH_ERRORS.update((os.strerror(code), code) for code in errno.errorcode)
        finally:
            locale.setlocale(locale.LC_MESSAGES, saved)
    return _ENGLISH_ERRORS


def _status(rest: str, did) -> str | None:
    negate = rest.startswith("not ")
    want = int(rest.split()[-1])
    ok = (did.status != want) if negate else (did.status == want)
    if ok:
        return None
    why = _("$? should not be {want} (it was {status})") if negate else \
        _("$? should be {want} (it was {status})")
    return why.format(want=want, status=did.status)


def _typed(rest: str, did) -> str | None:
    text = rest[len("contains "):]
    return None if text in did.typed else \
        _("the command should use {text}").format(text=repr(text))


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
    return _("nothing ran `{command}`: run it yourself").format(command=rest)


def _job(rest: str, did) -> str | None:
    job, (what, arg) = did.job, rest.split(" ", 1)
    if job is None or not job.pids:
        return _("no command was waited for: run a program (echo and printf are no programs)")
    if what == "processes":
        n = len(job.pids)
        return None if n == int(arg) else \
            _("the job should have {want} processes (it had {n})").format(want=arg, n=n)
    raw = job.last_raw.get(job.pids[-1], -1)
    if what == "exited":
        if raw >= 0 and os.WIFEXITED(raw) and os.WEXITSTATUS(raw) == int(arg):
            return None
        return _("the last process should exit with status {want} ({what})").format(
            want=arg, what=_describe(raw))
    sig = _signum(arg)
    if what == "killed" and raw >= 0 and os.WIFSIGNALED(raw) and os.WTERMSIG(raw) == sig:
        return None
    if what == "stopped" and raw >= 0 and os.WIFSTOPPED(raw) and os.WSTOPSIG(raw) == sig:
        return None
    why = _("the last process should be killed by {signal} ({what})") if what == "killed" \
        else _("the last process should be stopped by {signal} ({what})")
    return why.format(signal=arg, what=_describe(raw))


def _describe(raw: int) -> str:
    if raw < 0:
        return _("it has not ended")
    if os.WIFEXITED(raw):
        return _("it exited with status {status}").format(status=os.WEXITSTATUS(raw))
    if os.WIFSIGNALED(raw):
        return _("it was killed by {signal}").format(
            signal=signal.Signals(os.WTERMSIG(raw)).name)
    if os.WIFSTOPPED(raw):
        return _("it was stopped by {signal}").format(
            signal=signal.Signals(os.WSTOPSIG(raw)).name)
    return _("it was continued")


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
    why = {"": _("the tracer saw no such call: {call}"),
           "shell": _("the tracer saw no such call in the shell: {call}"),
           "child": _("the tracer saw no such call in a child: {call}")}[where]
    return why.format(call=_plain(rest))


def _syscalls(rest: str, did) -> str | None:
    count, pattern = rest.split(" ", 1)
    n = sum(1 for call in did.syscalls() if re.match(pattern, call))
    return None if n == int(count) else \
        _("the tracer should see {want} calls {call} (it saw {n})").format(
            want=count, call=_plain(pattern), n=n)


def _plain(pattern: str) -> str:
    """A pattern as a student reads it: fork\\(\\) -> fork()."""
    return re.sub(r"\\(.)", r"\1", pattern).replace(r"\d+", "N").replace("^", "")


def _zombie(rest: str, did) -> str | None:
    zombies = [pid for pid, state, _wchan in record.descendants() if state == "Z"]
    if rest == "exists":
        return None if zombies else _("no child of the shell is a zombie (state Z)")
    return None if not zombies else \
        _("pid {pid} is still a zombie: nobody reaped it").format(pid=zombies[0])


def _child(rest: str, did) -> str | None:
    """A child that was just started needs a moment to get where it blocks:
    look again for up to five seconds (names vary a little between kernels:
    __do_semtimedop, anon_pipe_read, so a part of the name is enough)."""
    import time
    wchan, end = rest.split()[-1], time.monotonic() + 5
    while True:
        if any(wchan in w for _pid, _state, w in record.descendants()):
            return None
        if time.monotonic() > end:
            return _("no child of the shell is waiting in the kernel's {wchan}").format(
                wchan=wchan)
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
    if what == "missing":
        return None if row is None else \
            _("the {kind} object {key} should be gone").format(kind=kind, key=spec)
    if row is None:
        return _("the {kind} object {key} does not exist").format(kind=kind, key=spec)
    if what == "exists":
        return None
    if what == "dest":
        return None if int(row["perms"], 8) & 0o1000 else \
            _("the {kind} object {key} should be marked for removal").format(kind=kind, key=spec)
    if what in ("messages", "nattch"):
        got = row["qnum" if what == "messages" else "nattch"]
        why = _("the {kind} object {key} should have messages {want} (it has {got})") \
            if what == "messages" else \
            _("the {kind} object {key} should have nattch {want} (it has {got})")
        return None if got == args[0] else why.format(kind=kind, key=spec, want=args[0], got=got)
    from ..kernel import sysv
    try:
        values = sysv.semctl_getall(int(row["semid"]), int(row["nsems"]))
    except OSError as e:
        return _("the {kind} object {key}: semctl: {error}").format(
            kind=kind, key=spec, error=strerror(e.errno))
    want = [int(v) for v in args]
    return None if values == want else \
        _("the {kind} object {key} should hold {want} (it holds {got})").format(
            kind=kind, key=spec, want=" ".join(args), got=" ".join(map(str, values)))


def _posix(rest: str, did) -> str | None:
    """A POSIX named semaphore: a file sem.NAME in /dev/shm (sem_overview(7))."""
    name, what, *args = rest.split()[1:]
    there = os.path.exists(f"/dev/shm/sem.{name[1:]}")
    if what in ("exists", "missing"):
        if there == (what == "exists"):
            return None
        why = _("the semaphore {name} should exist") if what == "exists" else \
            _("the semaphore {name} should be unlinked")
        return why.format(name=name)
    from ..helpers import psem
    try:
        got = psem.value(name)
    except OSError:
        return _("there is no semaphore {name}").format(name=name)
    return None if got == int(args[0]) else \
        _("the semaphore {name} should hold {want} (it holds {got})").format(
            name=name, want=args[0], got=got)


def _file(rest: str, did) -> str | None:
    name, what = rest.split(" ", 1)
    path = os.path.join(did.cwd, name)
    if what in ("exists", "missing"):
        there = os.path.lexists(path)
        if there == (what == "exists"):
            return None
        why = _("file {name} should exist") if what == "exists" else \
            _("file {name} should not exist")
        return why.format(name=name)
    if what.startswith("is "):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return _("file {name} does not exist").format(name=name)
        fifo = what == "is fifo"
        if stat.S_ISFIFO(mode) if fifo else bool(mode & 0o111):
            return None
        why = _("file {name} should be a FIFO") if fifo else \
            _("file {name} should be executable")
        return why.format(name=name)
    text = what[len("contains "):]
    try:
        with open(path, errors="replace") as f:
            found = text in f.read()
    except OSError:
        found = False
    return None if found else \
        _("file {name} should contain {text}").format(name=name, text=repr(text))


def _var(rest: str, did) -> str | None:
    name, what, *args = rest.split(" ", 2)
    value = did.shell.state.get(name)
    if what in ("set", "unset"):
        if (value is not None) == (what == "set"):
            return None
        why = _("${name} should be set") if what == "set" else _("${name} should be unset")
        return why.format(name=name)
    if value is None:
        return _("${name} is not set").format(name=name)
    if what == "matches":
        return None if re.search(args[0], value) else \
            _("${name} does not hold what it should").format(name=name)
    kind, spec = args[0].split()[1:]
    row = find_ipc(kind, spec, did)
    column = "msqid" if kind == "msg" else kind + "id"
    return None if row and row[column] == value.strip() else \
        _("${name} should hold the id of the {kind} object {key}").format(
            name=name, kind=kind, key=spec)


def _option(rest: str, did) -> str | None:
    name, want = rest.split()
    on = name in did.shell.state.options
    if on == (want == "on"):
        return None
    why = _("option {name} should be on") if want == "on" else _("option {name} should be off")
    return why.format(name=name)


_CHECKS = {"output": _output, "status": _status, "typed": _typed, "ran": _ran, "job": _job,
           "syscall": _syscall, "syscalls": _syscalls, "zombie": _zombie, "child": _child,
           "ipc": _ipc, "posix": _posix, "file": _file, "var": _var, "option": _option}
