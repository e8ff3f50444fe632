"""Shared fixtures: where minish is, and a clean environment for shells.

Isolation (issue #13): the whole session runs in an IPC namespace of its
own (unshare(2) CLONE_NEWIPC, as root), and `ipc_cleanup` gives each test
that makes System V objects a fresh one, so no two runs -- and no two
people on one machine -- can collide, and nothing is left in the host's.
Every process the suite starts carries MINISH_SUITE_TAG, and child
processes get a TMPDIR of the suite's own; at the end, `suite_leaves_nothing`
fails the run if any process, file or IPC object was left behind.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
import warnings
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]          # test_robust.py checks the hook below

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MINISH = str(BIN / "minish") if (BIN / "minish").exists() else shutil.which("minish")

CLONE_NEWIPC = 0x08000000                       # <sched.h>
_libc = ctypes.CDLL(None, use_errno=True)
SUITE_TAG = uuid.uuid4().hex
tempfile.gettempdir()                           # pytest's own tmp_path stays under /tmp;
SUITE_TMP = tempfile.mkdtemp(prefix="minish-suite-")   # the children's TMPDIR is this
os.environ.update(MINISH_SUITE_TAG=SUITE_TAG, TMPDIR=SUITE_TMP)
# Messages in English whatever the tester's locale (tests/test_i18n.py and the
# lesson tests choose a language themselves); minish/i18n.py reads these.
for _name in ("MINISH_LANG", "LANGUAGE", "LC_MESSAGES", "LANG"):
    os.environ.pop(_name, None)
os.environ["LC_ALL"] = "C.UTF-8"           # English; UTF-8 for asciinema and friends


def new_ipc_namespace() -> bool:
    """Move this process (and so its future children) into a new, empty IPC
    namespace (unshare(2)); False where the kernel refuses (no CAP_SYS_ADMIN)."""
    return _libc.unshare(CLONE_NEWIPC) == 0


OWN_IPC_WORLD = new_ipc_namespace()
if not OWN_IPC_WORLD:
    warnings.warn("unshare(CLONE_NEWIPC) refused: the tests share the host's System V IPC "
                  "namespace and remove only the objects they see appear")


def shell_env(home: Path) -> dict[str, str]:
    """A small, fixed environment so bash and minish see the same world."""
    return {
        "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LC_ALL": "C",
        "TERM": "dumb",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TMPDIR": SUITE_TMP,
        "MINISH_SUITE_TAG": SUITE_TAG,
    }


def ipc_objects() -> set[tuple[str, int]]:
    found = set()
    for kind in ("msg", "shm", "sem"):
        with open(f"/proc/sysvipc/{kind}") as f:
            for line in f.read().splitlines()[1:]:
                found.add((kind, int(line.split()[1])))
    return found


@pytest.fixture
def ipc_cleanup():
    """The test runs in an IPC namespace of its own, which dies with it: every
    object it makes is gone afterwards, even when it fails (setns(2) back)."""
    if OWN_IPC_WORLD:
        with open("/proc/self/ns/ipc") as session_ns:
            assert new_ipc_namespace(), "unshare(CLONE_NEWIPC) worked once, then not"
            try:
                yield
            finally:
                assert _libc.setns(session_ns.fileno(), CLONE_NEWIPC) == 0, \
                    os.strerror(ctypes.get_errno())
        return
    before = ipc_objects()                      # the host's namespace: remove what appeared
    yield
    flag = {"msg": "-q", "shm": "-m", "sem": "-s"}
    for kind, ident in ipc_objects() - before:
        subprocess.run(["ipcrm", flag[kind], str(ident)], capture_output=True)


# ---- nothing left behind ------------------------------------------------------------

@pytest.fixture(autouse=True)
def no_ipc_objects_left(request):
    """A test that makes IPC objects must remove them (or use ipc_cleanup)."""
    before = ipc_objects()
    yield
    if OWN_IPC_WORLD:                           # on the host, others' objects come and go
        left = ipc_objects() - before
        assert not left, f"{request.node.name} left System V objects: {sorted(left)}"


def suite_processes() -> list[str]:
    """Live processes started by this suite (they carry its tag), but not pytest."""
    marker = f"MINISH_SUITE_TAG={SUITE_TAG}".encode()
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if marker not in f.read().split(b"\0"):
                    continue
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
            found.append(f"{pid}: {command}")
        except OSError:
            continue                            # gone meanwhile, or a zombie
    return found


def outside_files() -> set[str]:
    """New untracked files in the repository's working tree (git status), where a
    test that forgot its tmp_path would write.  (A file you create there while
    the suite runs counts too.  The real ~/.local/share/minish is not watched:
    other people's minish on this machine write there.)"""
    if not (ROOT / ".git").exists() or not shutil.which("git"):
        return set()
    proc = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                          cwd=ROOT, capture_output=True, text=True)
    return {f"repo: {line}" for line in proc.stdout.splitlines() if line.startswith("??")}


@pytest.fixture(scope="session", autouse=True)
def suite_leaves_nothing():
    """At the end of the session: no process, no file outside the temp dirs, no IPC object."""
    files_before = outside_files()
    yield
    from interactive import wait_for
    wait_for(lambda: not suite_processes())     # a killed process takes a moment to go
    problems = [f"process left running: {p}" for p in suite_processes()]
    problems += [f"file left in TMPDIR: {SUITE_TMP}/{name}" for name in os.listdir(SUITE_TMP)]
    problems += [f"changed outside the temp dirs: {f}" for f in outside_files() - files_before]
    if OWN_IPC_WORLD:
        problems += [f"IPC object left: {kind} {ident}" for kind, ident in ipc_objects()]
    for line in suite_processes():              # leave the machine clean all the same
        try:
            os.kill(int(line.split(":")[0]), 9)
        except OSError:
            pass
    shutil.rmtree(SUITE_TMP, ignore_errors=True)
    assert not problems, "the suite left things behind:\n" + "\n".join(problems)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Fail a passing test whose captured output says "internal error".

    minish prints that only when an exception escaped every rule (its
    last-resort handler): each one is a missing rule, never acceptable
    output.  This sees what reached the test's own stdout and stderr (the
    output of a minish run that inherited them); a test that captures a
    run's output itself must check it, as test_bad_input does.
    """
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.passed:
        captured = report.capstdout + report.capstderr
        if "internal error" in captured:
            report.outcome = "failed"
            at = captured.index("internal error")
            report.longrepr = ("the test's output contains 'internal error':\n" +
                               captured[max(at - 200, 0):at + 400])


@pytest.fixture
def shell_in_process(tmp_path, monkeypatch):
    """A minish Shell inside the pytest process, in the test's own directory.

    Shell() sets the shell's own signal dispositions (SIGPIPE back to the
    default, a SIGINT handler...).  They are put back afterwards: with
    SIGPIPE at its default, a later test that writes to a pipe whose reader
    has gone would kill pytest itself.
    """
    import signal
    from minish.shell import Shell
    saved = {}
    for sig in signal.valid_signals():
        handler = signal.getsignal(sig)
        if handler is not None and sig not in (signal.SIGKILL, signal.SIGSTOP):
            saved[sig] = handler
    monkeypatch.chdir(tmp_path)
    shell = Shell("minish", [])
    shell.state.set("HOME", str(tmp_path))
    yield shell
    for sig, handler in saved.items():
        try:
            signal.signal(sig, handler)
        except (OSError, ValueError):
            pass
