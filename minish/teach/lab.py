"""Running a student's C program for the lab grader, confined and traced.

    runner = Runner(lab, student_dir)     # a scratch dir of its own
    runner.compile()                      # cc -Wall ...; warnings go to the student
    result = runner.run(["status"])       # under strace -f -ff, with limits
    runner.cleanup()                      # scratch dir, leftover processes, IPC

A run is confined so that a fork bomb or a forgotten loop cannot hurt the
machine or the grader:
- it runs in its own directory and its own session (setsid(2)), so the
  grader can find every process it made (field 6 of /proc/PID/stat), even
  one that moved to a process group of its own;
- setrlimit(2): RLIMIT_CPU (runaway loops), RLIMIT_FSIZE (runaway files),
  RLIMIT_NPROC (fork bombs).  The kernel does not apply RLIMIT_NPROC to
  root, so when the grader runs as root the program runs as `nobody`
  (strace -u nobody: strace stays root to trace it); its limit is then
  counted against nobody's processes;
- a wall-clock limit: when it passes, the fds of every process still alive
  are read from /proc/PID/fd (the usual reason a pipe program hangs is a
  write end left open), then every process is killed;
- System V IPC objects the trace shows it created are removed.

Every fork and exec goes through minish/run/process.py, as in the shell.
"""
import configparser
import os
import pwd
import resource
import select
import shutil
import signal
import tempfile

from .. import i18n
from ..i18n import _
from ..run import process, program, signals
from ..run.strace_log import Log
from .lab_proc import (command_line, count_processes, ipc_exists, kill, open_fds_of, owner,
                       session, waiting_in)

LABS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "labs")
TRACE_CLASSES = "process,desc,signal,ipc"
CPU_SECONDS, FILE_BYTES, EXTRA_PROCESSES = 5, 8 << 20, 48
# `python3 FILE` (and runpy) turn FILE into an absolute path, which `nobody`
# may not be allowed to look up: the scratch dir's parents can be private.
# This opens it relative to the working directory, as a C program's ./prog.
RUN_PYTHON = ("import sys; sys.argv[:] = sys.argv[1:]; "
              "exec(compile(open(sys.argv[0]).read(), sys.argv[0], 'exec'), "
              "{'__name__': '__main__', '__file__': sys.argv[0]})")


class Lab:
    """One lab's package data: minish/labs/NAME/lab.ini and its files.

    Its texts come in the student's language when the lab has them
    (minish/i18n.py chooses), else in English: lab.ini's `title.es =`
    beside `title =`, and README.es.md beside README.md.
    """

    def __init__(self, name: str) -> None:
        self.name, self.dir = name, os.path.join(LABS_DIR, name)
        ini = configparser.ConfigParser()
        if not ini.read(os.path.join(self.dir, "lab.ini"), encoding="utf-8"):
            raise LookupError(name)
        section = ini["lab"]
        self.titles = {key.split(".", 1)[1]: value for key, value in section.items()
                       if key.startswith("title.")}
        self.titles["en"] = section["title"]
        self.student_file = section["student"]
        self.sources = section["sources"].split()
        self.program = section.get("program", name)
        self.helpers = section.get("helpers", "").split()   # given programs: worker.c
        self.lesson = section.get("lesson", "")
        self.order = section.getint("order", 99)
        self.python = section.get("python", "")      # the Python variant's file, if any

    @property
    def title(self) -> str:
        """The title in the student's language, or in English."""
        return self.titles.get(i18n.language(), self.titles["en"])

    def readme(self) -> str:
        """README.LANG.md in the student's language if the lab has it, else README.md."""
        translated = f"README.{i18n.language()}.md"
        return translated if os.path.isfile(os.path.join(self.dir, translated)) else "README.md"

    def files(self, python: bool = False) -> list[str]:
        """What `lab start` copies: the C lab (all but lab.ini), or the Python
        variant; the English README and the one in the student's language."""
        readmes = sorted({"README.md", self.readme()})
        if python:
            return [self.python, *readmes]
        return sorted(f for f in os.listdir(self.dir)
                      if f not in ("lab.ini", self.python) and not f.startswith(".")
                      and not (f.startswith("README.") and f not in readmes)
                      and os.path.isfile(os.path.join(self.dir, f)))    # not __pycache__


def all_labs() -> list[Lab]:
    labs = []
    for name in os.listdir(LABS_DIR):
        if os.path.isfile(os.path.join(LABS_DIR, name, "lab.ini")):
            labs.append(Lab(name))
    return sorted(labs, key=lambda lab: (lab.order, lab.name))


class Result:
    """What one run did: its status, its output, and its trace."""

    def __init__(self, status: int, out: str, err: str, log: Log, timed_out: bool,
                 open_fds: dict, args: list[str]) -> None:
        self.status, self.out, self.err, self.log = status, out, err, log
        self.timed_out, self.open_fds, self.args = timed_out, open_fds, args

    def exit_code(self) -> int | None:
        return os.WEXITSTATUS(self.status) if os.WIFEXITED(self.status) else None


class Runner:
    def __init__(self, lab: Lab, student_dir: str, timeout: float = 5.0,
                 python: bool = False) -> None:
        self.lab, self.student_dir, self.timeout = lab, student_dir, timeout
        self.python = python                    # the Python variant: no cc, python3 runs it
        self.program = lab.python if python else lab.program
        self.scratch = tempfile.mkdtemp(prefix=f"minish-lab-{lab.name}-")
        os.chmod(self.scratch, 0o755)           # `nobody` must reach the program
        self.build = os.path.join(self.scratch, "build")
        os.mkdir(self.build)
        self.runs, self.ipc, self.sessions = 0, set(), set()
        self.user = _confined_user()

    # ---- compiling -------------------------------------------------------------

    def compile(self) -> tuple[bool, str]:
        """cc -Wall -Wextra: the student's file, with the lab's own driver.

        Only the student's file comes from their directory; the driver and
        headers come from the package, so a grade cannot be earned by
        editing the driver.  Returns (compiled, cc's messages).
        """
        if self.python:                         # "compiling" is checking the syntax
            shutil.copy(os.path.join(self.student_dir, self.lab.python), self.build)
            os.chmod(self.build, 0o755)
            argv = ["python3", "-m", "py_compile", self.lab.python]
            status, _, messages = self._spawn(argv, self.build, confined=False, timeout=60)
            return status == 0, messages
        for name in self.lab.sources:
            origin = self.student_dir if name == self.lab.student_file else self.lab.dir
            shutil.copy(os.path.join(origin, name), self.build)
        for name in self.lab.files():
            if name.endswith(".h"):
                shutil.copy(os.path.join(self.lab.dir, name), self.build)
        argv = ["cc", "-Wall", "-Wextra", "-g", "-o", self.lab.program, *self.lab.sources]
        status, _, messages = self._spawn(argv, self.build, confined=False, timeout=60)
        for helper in self.lab.helpers:         # other programs: ./worker, or the student's ./server
            mine = helper == self.lab.student_file
            shutil.copy(os.path.join(self.student_dir if mine else self.lab.dir, helper),
                        self.build)
            argv = ["cc", "-Wall", "-Wextra", "-g", "-o", helper[:-2], helper] if mine \
                else ["cc", "-O", "-o", helper[:-2], helper]
            built, _, errors = self._spawn(argv, self.build, confined=False, timeout=60)
            if built != 0:
                status, messages = built, messages + errors
        os.chmod(self.build, 0o755)
        return status == 0, messages

    # ---- running ----------------------------------------------------------------

    def run(self, args: list[str], strace_options: tuple = (), stdin: str = "",
            timeout: float | None = None, also_trace: str = "",
            calls: str = TRACE_CLASSES) -> Result:
        """Run the program once under strace -f -ff, in a fresh directory.

        `strace_options` may inject faults or signals (`-e inject=...`);
        `also_trace` names calls outside the usual classes (`alarm`);
        `calls` replaces the classes, for a run too long to trace in full.
        """
        self.runs += 1
        where = os.path.join(self.scratch, f"run{self.runs}")
        traces = os.path.join(self.scratch, f"trace{self.runs}")
        os.mkdir(where)
        os.mkdir(traces)
        for built in [self.program] + [h[:-2] for h in self.lab.helpers]:
            shutil.copy(os.path.join(self.build, built), where)
        if self.user is not None:
            os.chown(where, self.user.pw_uid, self.user.pw_gid)
        prefix = os.path.join(traces, "t")
        argv = ["strace", "-f", "-ff", "-qq", "-s", "256", "-o", prefix,
                "-e", f"trace={calls}" + (f",{also_trace}" if also_trace else ""),
                *strace_options]
        if calls != TRACE_CLASSES:              # untraced calls then cost nothing (seccomp)
            argv.append("--seccomp-bpf")
        if self.user is not None:
            argv += ["-u", self.user.pw_name]
        argv += (["python3", "-c", RUN_PYTHON] if self.python else []) + \
            ["./" + self.program, *args]
        status, out, err, timed_out, fds = self._spawn(argv, where, stdin=stdin,
                                                       timeout=timeout or self.timeout,
                                                       details=True)
        err = "".join(line for line in err.splitlines(True) if not line.startswith("strace: "))
        for _, files, _ in fds.values():        # the grader's own files, by name
            files[:] = [(fd, self._name(target)) for fd, target in files]
        log = Log(prefix)
        created = self._note_ipc(log)
        left = {(kind, ident) for kind, ident in created if ipc_exists(kind, ident)}
        if self.user is not None:               # one that left the session (setsid, daemon)
            kill(p for p in log.processes if owner(p) == self.user.pw_uid)
        result = Result(status, out, err, log, timed_out, fds, [self.program, *args])
        result.timeout = timeout or self.timeout
        result.ipc_made = created               # System V objects it made
        result.ipc_left = left                  # ... and did not remove
        return result

    def _spawn(self, argv, cwd, stdin="", confined=True, timeout=5.0, details=False):
        """fork + exec argv with stdio in files; wait at most `timeout` s."""
        io = os.path.join(self.scratch, f"io{self.runs}")
        with open(io + ".in", "w") as f:
            f.write(stdin)
        fds = [os.open(io + ".in", os.O_RDONLY),
               os.open(io + ".out", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
               os.open(io + ".err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
        limits = self._limits() if confined else {}
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C", "HOME": cwd}

        def child() -> int:
            signals.python_defaults()           # or the program inherits SIGPIPE ignored
            os.setsid()                         # one session: all its processes are findable
            os.chdir(cwd)
            for limit, value in limits.items():
                resource.setrlimit(limit, (value, value))
            for target, fd in enumerate(fds):
                process.dup2(fd, target)
            os.closerange(3, os.sysconf("SC_OPEN_MAX"))    # the program starts with 0, 1, 2
            return program.exec_command(argv, env, lambda path, args: 126)

        pid = process.fork(child)
        self.sessions.add(pid)
        for fd in fds:
            process.close(fd)
        status, timed_out, open_fds = self._wait(pid, timeout)
        with open(io + ".out", errors="replace") as f:
            out = f.read()
        with open(io + ".err", errors="replace") as f:
            err = f.read()
        if details:
            return status, out, err, timed_out, open_fds
        return status, out, err

    def _name(self, target: str) -> str:
        if target.startswith(os.path.join(self.scratch, "io")):
            return {"in": _("stdin file"), "out": _("stdout file"), "err": _("stderr file")}.get(
                target.rsplit(".", 1)[1], target)
        return target

    def _limits(self) -> dict:
        users = count_processes(self.user.pw_uid if self.user else os.getuid())
        return {resource.RLIMIT_CPU: CPU_SECONDS, resource.RLIMIT_FSIZE: FILE_BYTES,
                resource.RLIMIT_NPROC: users + EXTRA_PROCESSES}

    def _wait(self, pid: int, timeout: float) -> tuple[int, bool, dict]:
        """Wait for pid, or at the deadline record every fd, then kill the session."""
        pidfd = os.pidfd_open(pid)
        try:
            ready, _, _ = select.select([pidfd], [], [], timeout)   # no polling loop
        finally:
            os.close(pidfd)
        open_fds = {}
        if not ready:
            for member in session(pid):
                if member != pid:               # strace itself: it must write its files
                    open_fds[member] = (command_line(member), open_fds_of(member),
                                        waiting_in(member))
            # Freeze them all first: killing the parent would close its copy of
            # a pipe and let a stuck reader finish, hiding what went wrong.
            members = [member for member in session(pid) if member != pid]
            kill(members, signal.SIGSTOP)
            kill(members)
            # strace writes the last lines of the log (the call each process
            # was in) as it sees them die: give it time on a loaded machine,
            # since killing it loses what it has not written yet.
            pidfd = os.pidfd_open(pid)
            if not select.select([pidfd], [], [], 10.0)[0]:
                kill([pid])
            os.close(pidfd)
        status = process.wait_pid(pid)
        kill(session(pid))                      # a child left running in the background
        return status, not ready, open_fds

    # ---- cleaning up -----------------------------------------------------------

    def _note_ipc(self, log: Log) -> set:
        """Remember every System V object the program created, to remove it."""
        created = set()
        for proc in log.all():
            for call in proc.calls:
                if call.name in ("msgget", "semget", "shmget") and (call.result is not None
                                                                    and call.result >= 0):
                    created.add((call.name, call.result))
        self.ipc |= created
        return created

    def cleanup(self) -> None:
        """Kill what is left (even after Ctrl-C), remove IPC objects and files."""
        for sid in self.sessions:
            kill(session(sid))
        from ..kernel import sysv
        remove = {"msgget": sysv.msgctl_rmid, "shmget": sysv.shmctl_rmid,
                  "semget": lambda semid: sysv.semctl(semid, 0, 0)}     # 0: IPC_RMID
        for kind, ident in self.ipc:
            try:
                remove[kind](ident)
            except OSError:
                pass                            # the program removed it itself: good
        shutil.rmtree(self.scratch, ignore_errors=True)


def _confined_user():
    """`nobody` when we are root (RLIMIT_NPROC does not bind root), else None."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        return None
