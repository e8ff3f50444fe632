"""minish.libc against the real C library (through ctypes), same commands.

Each test that changes signal handling runs in a fresh Python process, so
the pytest process keeps its own dispositions.
"""
from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import MINISH
from minish import libc
from minish.libc import coprocess, pclose, popen, pr_exit, system, system_fork, system_spawn

C = ctypes.CDLL(None, use_errno=True)
C.popen.restype = ctypes.c_void_p
C.popen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
C.pclose.argtypes = [ctypes.c_void_p]
C.fread.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_void_p]


COMMANDS = [
    "true",
    "false",
    "exit 3",
    "exit 255",
    "nosuchcommand_xyz 2>/dev/null",
    "kill -TERM $$",
    "kill -KILL $$",
    "kill -SEGV $$",
    "echo out | false",
    "false | true",
    "sh -c 'exit 7' && exit 9",
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("which", [system, system_fork, system_spawn])
def test_system_status_matches_the_c_library(command, which):
    assert which(command) == C.system(command.encode())


@pytest.mark.parametrize("which", [system_fork, system_spawn])
def test_system_passes_the_callers_environment_as_it_is_now(tmp_path, monkeypatch, which):
    """A variable set, changed or removed through os.environ reaches the
    child, as it reaches the C library's system() (which reads environ)."""
    monkeypatch.setenv("MINISH_T_A", "first ä")
    monkeypatch.setenv("MINISH_T_B", "gone")
    report = 'echo "[$MINISH_T_A] [${MINISH_T_B-unset}]" >> '
    for step in ("as set", "changed", "removed"):
        if step == "changed":
            monkeypatch.setenv("MINISH_T_A", "second")
        if step == "removed":
            monkeypatch.delenv("MINISH_T_B")
        assert which(report + str(tmp_path / "ours")) == 0
        assert C.system((report + str(tmp_path / "glibc")).encode()) == 0
    assert (tmp_path / "ours").read_text() == (tmp_path / "glibc").read_text()
    assert (tmp_path / "ours").read_text().splitlines()[-1] == "[second] [unset]"


def test_system_is_system_fork_unless_spawn_is_on(monkeypatch):
    calls = []
    monkeypatch.setattr(libc, "system_fork", lambda c: calls.append(("fork", c)) or 0)
    monkeypatch.setattr(libc, "system_spawn", lambda c: calls.append(("spawn", c)) or 0)
    libc.system("true")
    monkeypatch.setattr(libc, "SPAWN", True)
    libc.system("true")
    assert calls == [("fork", "true"), ("spawn", "true")]


def test_set_o_spawn_makes_the_system_builtin_use_posix_spawn(tmp_path):
    traced = [subprocess.run([MINISH, *opts, "--trace", "-c", "system 'exit 3'"],
                             capture_output=True, text=True, timeout=20, cwd=tmp_path,
                             start_new_session=True).stderr for opts in ([], ["-o", "spawn"])]
    assert "posix_spawn(" not in traced[0] and "fork() = " in traced[0]
    assert "posix_spawn(\"/bin/sh\"" in traced[1] and "fork() = " not in traced[1]
    assert all("normal exit, status 3" in text for text in traced)


def test_system_none_says_a_shell_exists():
    assert system(None) != 0
    assert bool(system(None)) == bool(C.system(None))


def _c_popen_read(command: str) -> tuple[bytes, int]:
    stream = C.popen(command.encode(), b"r")
    buf = ctypes.create_string_buffer(1 << 16)
    out = b""
    while (n := C.fread(buf, 1, len(buf), stream)) > 0:
        out += buf.raw[:n]
    return out, C.pclose(stream)


@pytest.mark.parametrize("command", COMMANDS + ["echo hello; echo world", "seq 1 1000"])
def test_popen_read_matches_the_c_library(command):
    stream = popen(command, "rb")
    ours = stream.read(), pclose(stream)
    assert ours == _c_popen_read(command)


def test_popen_write_direction(tmp_path):
    out = tmp_path / "out"
    stream = popen(f"tr a-z A-Z > {out}", "w")
    stream.write("shout\n")
    assert pclose(stream) == 0
    assert out.read_text() == "SHOUT\n"


def test_popen_text_and_binary_modes():
    with_text = popen("printf 'a\\nb\\n'", "r")
    assert with_text.readlines() == ["a\n", "b\n"]
    pclose(with_text)
    with_bytes = popen("printf '\\377'", "rb")
    assert with_bytes.read() == b"\xff"
    pclose(with_bytes)


@pytest.mark.parametrize("mode", ["", "x", "rw", "r+", "a"])
def test_popen_invalid_mode_is_einval(mode):
    with pytest.raises(ValueError) as info:
        popen("true", mode)
    assert info.value.errno == 22


def test_pclose_of_a_foreign_stream_is_einval(tmp_path):
    with open(tmp_path / "f", "w") as f:
        with pytest.raises(OSError) as info:
            pclose(f)
    assert info.value.errno == 22


def test_50_megabytes_through_popen_without_deadlock():
    stream = popen("head -c 52428800 /dev/zero", "rb")
    total = 0
    while chunk := stream.read(1 << 20):
        total += len(chunk)
    assert pclose(stream) == 0
    assert total == 52428800


def test_50_megabytes_into_popen_without_deadlock():
    stream = popen("wc -c > /dev/null", "wb")
    block = b"x" * (1 << 20)
    for _ in range(50):
        stream.write(block)
    assert pclose(stream) == 0


def test_second_popen_child_does_not_hold_the_first_pipe():
    first = popen("cat > /dev/null; echo done", "w")
    second = popen("sleep 5", "r")
    second_pid = libc.popen_pid(second)
    first_fd = first.fileno()
    inode = os.fstat(first_fd).st_ino
    for _ in range(200):                        # until the child has become `sleep`
        with open(f"/proc/{second_pid}/comm") as f:
            if f.read().strip() == "sleep":
                break
        time.sleep(0.01)
    held = []
    for fd in os.listdir(f"/proc/{second_pid}/fd"):
        try:
            held.append(os.stat(f"/proc/{second_pid}/fd/{fd}").st_ino)
        except OSError:
            pass
    assert inode not in held
    assert pclose(first) == 0                   # cat saw EOF although `sleep` lives
    os.kill(second_pid, signal.SIGKILL)
    assert os.WTERMSIG(pclose(second)) == signal.SIGKILL


def test_no_zombie_after_pclose():
    stream = popen("echo x", "r")
    pid = libc.popen_pid(stream)
    stream.read()
    pclose(stream)
    assert not os.path.exists(f"/proc/{pid}")


def test_no_fd_leaked_after_1000_popen_pclose_pairs():
    before = sorted(os.listdir("/proc/self/fd"))
    for i in range(1000):
        stream = popen("true", "r" if i % 2 else "w")
        pclose(stream)
    assert sorted(os.listdir("/proc/self/fd")) == before


SIGNAL_SCRIPT = textwrap.dedent(r"""
    import os, signal, sys
    from minish.libc import system, system_naive, system_spawn
    caught = []
    signal.signal(signal.SIGINT, lambda *a: caught.append("INT"))
    status = {fn}("kill -INT $PPID; sleep 0.3; exec grep -E '^Sig(Ign|Blk|Cgt)' /proc/self/status > {out}")
    print(len(caught), status)
""")


def _run_signal_script(fn, tmp_path):
    out = tmp_path / f"{fn}.txt"
    proc = subprocess.run([sys.executable, "-c", SIGNAL_SCRIPT.format(fn=fn, out=out)],
                          capture_output=True, text=True, timeout=30)
    caught, status = proc.stdout.split()
    masks = dict(line.split(":") for line in out.read_text().splitlines())
    return int(caught), int(status), {k: int(v, 16) for k, v in masks.items()}


def _has(mask: int, sig: int) -> bool:
    return bool(mask >> (sig - 1) & 1)


def test_system_caller_ignores_sigint_while_waiting(tmp_path):
    caught, status, masks = _run_signal_script("system", tmp_path)
    assert caught == 0                          # the caller's handler never ran
    assert status == 0
    assert not _has(masks["SigIgn"], signal.SIGINT)      # child: default, not ignored
    assert not _has(masks["SigIgn"], signal.SIGQUIT)
    assert not _has(masks["SigBlk"], signal.SIGCHLD)     # child: mask restored


def test_system_spawn_keeps_the_same_signal_rules(tmp_path):
    caught, status, masks = _run_signal_script("system_spawn", tmp_path)
    assert caught == 0
    assert status == 0
    assert not _has(masks["SigIgn"], signal.SIGINT)
    assert not _has(masks["SigIgn"], signal.SIGQUIT)
    assert not _has(masks["SigBlk"], signal.SIGCHLD)


def test_system_naive_lets_the_handler_run(tmp_path):
    caught, status, masks = _run_signal_script("system_naive", tmp_path)
    assert caught == 1                          # the difference a lesson shows


@pytest.mark.parametrize("which", [system_fork, system_spawn])
def test_system_127_when_the_shell_cannot_run(monkeypatch, which):
    monkeypatch.setattr(libc, "SHELL", "/nonexistent/sh")
    status = which("true")
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 127


def test_system_restores_the_callers_dispositions():
    code = textwrap.dedent("""
        import signal
        from minish.libc import system
        handler = lambda *a: None
        signal.signal(signal.SIGINT, handler)
        system("true")
        print(signal.getsignal(signal.SIGINT) is handler,
              signal.getsignal(signal.SIGQUIT) == signal.SIG_DFL,
              signal.SIGCHLD not in signal.pthread_sigmask(signal.SIG_BLOCK, []))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.split() == ["True", "True", "True"]


def test_coprocess_adds_two_numbers():
    co = coprocess(f"{sys.executable} -m minish.helpers.add2")
    assert co.ask("3 4") == "7\n"
    assert co.ask("100 -1") == "99\n"
    assert co.ask("x y") == "invalid args\n"
    assert co.close() == 0


def test_coprocess_buffering_trap_is_real():
    """A block-buffered filter never answers a single line: we time out."""
    import select
    co = coprocess(f"{sys.executable} -m minish.helpers.add2 --buffered")
    co.stdin.write("1 2\n")
    ready, _, _ = select.select([co.stdout], [], [], 0.5)
    assert ready == []                          # no answer: it is sitting in its buffer
    assert co.close() == 0                      # EOF makes it flush and exit


PR_EXIT = [
    (0x0000, "normal exit, status 0 (WIFEXITED, WEXITSTATUS = 0)"),
    (0x2c00, "normal exit, status 44 (WIFEXITED, WEXITSTATUS = 44)"),
    (0x0009, "killed by signal 9 SIGKILL (WIFSIGNALED, WTERMSIG = 9)"),
    (0x008b, "killed by signal 11 SIGSEGV (WIFSIGNALED, WTERMSIG = 11), core dumped (WCOREDUMP)"),
    (0x147f, "stopped by signal 20 SIGTSTP (WIFSTOPPED, WSTOPSIG = 20)"),
    (0xffff, "continued (WIFCONTINUED)"),
]


@pytest.mark.parametrize("status,text", PR_EXIT)
def test_pr_exit(status, text):
    assert pr_exit(status) == text


def test_system_builtin_from_the_prompt(tmp_path):
    from conftest import MINISH, shell_env
    proc = subprocess.run([MINISH, "-c", "system 'echo out; exit 44'; echo $?"],
                          capture_output=True, text=True, env=shell_env(tmp_path))
    assert proc.stdout == "out\n44\n"
    assert "raw status 0x2c00: normal exit, status 44" in proc.stderr


def test_popen_builtin_both_directions(tmp_path):
    from conftest import MINISH, shell_env
    proc = subprocess.run([MINISH, "-c", "popen 'echo from-child'; echo up | popen -w 'tr a-z A-Z'"],
                          capture_output=True, text=True, env=shell_env(tmp_path))
    assert proc.stdout == "from-child\nUP\n"
    assert proc.stderr.count("pclose: raw status 0x0000") == 2
