"""The teaching lens: narration that never lies, explain, fd tables, statuses.

The truth test runs minish --trace under `strace -f` and checks both ways:
every narrated call happened, in that process, with the same arguments and
result; and every pipe, dup2, fork and execve the shell made (and every
close of a descriptor it narrated into being) was narrated.
"""
from __future__ import annotations

import re
import subprocess
from collections import defaultdict

import pytest

from conftest import MINISH, shell_env
from interactive import Session, process_states, wait_for

STRACE_CALLS = ("pipe2,clone,clone3,dup2,dup3,close,openat,execve,wait4,setpgid,ioctl,"
                "fcntl,kill,rt_sigaction,rt_sigprocmask,waitid")

CORPUS = [
    "echo hi | cat | wc -l",
    "ls / nope 2>&1 > out | wc -l",
    "ls / nope > out 2>&1",
    "echo data > in; cat < in > out2 2>> err",
    "exec 3> f3; echo x >&3; exec 3>&-; cat f3",
    "{ echo a; echo b; } > g; cat g",
    "(cd /; ls) | head -1",
    "x=$(echo sub); echo $x",
    "nosuchcmd_xyz",
    "cat < missing",
    "./shebang.sh one 'two words'",
    "./noshebang.sh",
    "./badinterp.sh",
    "sh -c 'kill -9 $$'",
    "echo a >&7",
    "system 'exit 3'",
    "sleep 0.1 & wait",
    "true > /dev/null; false",
    "yes | head -1",
]

# The same lines under `set -o spawn` (posix_spawn: glibc's vfork child),
# with the cases that fall back to fork: a program not found, a failing
# `<`, a file with no #! line, a bad interpreter.
SPAWN_CORPUS = [
    "echo hi | cat | wc -l",
    "ls / nope 2>&1 > out | wc -l",
    "ls / nope > out 2>&1",
    "echo data > in; cat < in > out2 2>> err",
    "exec 3> f3; ls / >&3; exec 3>&-; cat f3 3>&-",
    "ls 7> f7 8>&7 / >&8",
    "ls / &> both; cat both",
    "nosuchcmd_xyz",
    "cat < missing",
    "./shebang.sh one 'two words'",
    "./noshebang.sh",
    "./badinterp.sh",
    "x=$(echo sub); echo $x | cat",
    "yes | head -1",
    "sh -c 'kill -9 $$'",
    "system 'exit 3'",
]
SPAWN_NEVER = {"nosuchcmd_xyz"}                  # the fork path says why


def parse_strace(text: str) -> dict[int, list[tuple[str, str, str]]]:
    """pid -> [(call, args, result)] in order, with <unfinished> lines joined."""
    events: dict[int, list] = defaultdict(list)
    pending: dict[int, str] = {}
    for line in text.splitlines():
        m = re.match(r"(\d+) +(.*)$", line)
        if not m:
            continue
        pid, rest = int(m.group(1)), m.group(2)
        if rest.startswith("---") or rest.startswith("+++"):
            continue
        if rest.endswith("<unfinished ...>"):
            pending[pid] = rest[: -len("<unfinished ...>")].rstrip()
            continue
        resumed = re.match(r"<\.\.\. \w+ resumed>(.*)$", rest)
        if resumed:
            rest = pending.pop(pid, "") + resumed.group(1)
        call = re.match(r"(\w+)\((.*)\)\s+= (.*)$", rest)
        if call:
            events[pid].append((call.group(1), call.group(2), call.group(3).strip()))
    return events


def parse_narration(text: str) -> list[tuple[int, str]]:
    """[(pid, 'call(args) = result')], continuation lines joined, notes dropped."""
    out: list[tuple[int, str]] = []
    for line in text.splitlines():
        m = re.match(r"\[pid (\d+)\] (.*)$", line)
        if not m:
            continue
        pid, rest = int(m.group(1)), m.group(2)
        if rest.startswith("# ") or rest.startswith("fd table"):
            continue
        if rest.startswith("  ... = "):
            index = max(i for i, (p, _) in enumerate(out) if p == pid)
            out[index] = (pid, out[index][1] + rest[len("  ..."):])
            continue
        out.append((pid, rest))
    return out


def matches(narrated: str, event: tuple[str, str, str]) -> bool:
    """Does one narrated line describe this strace event?"""
    call, args, result = event
    m = re.match(r"(\w+)\((.*)\) = (.*)$", narrated) or re.match(r"(\w+)\((.*)\)()$", narrated)
    assert m, f"narration not in call(args) = result form: {narrated!r}"
    n_call, n_args, n_result = m.group(1), m.group(2), m.group(3) or None
    errno = lambda r: r.split(" (")[0] if r else r
    if n_call == "fork":
        return call in ("clone", "clone3") and result == n_result
    if n_call == "posix_spawn":                # glibc: clone(CLONE_VM|CLONE_VFORK)
        return call in ("clone", "clone3") and "CLONE_VFORK" in args and \
            (result == n_result or n_result.startswith("-1"))
    if n_call == "pipe":
        return call == "pipe2" and args.startswith(n_result or "") and result == "0"
    if n_call == "tcsetpgrp":
        fd, pgrp = n_args.split(", ")
        return call == "ioctl" and args == f"{fd}, TIOCSPGRP, [{pgrp}]" and \
            errno(result) == errno(n_result)
    if n_call == "execve":
        path_argv = re.sub(r", /\* \d+ vars \*/$", "", n_args)
        expected = errno(n_result) if n_result else "0"
        return call == "execve" and args.startswith(path_argv + ", ") and \
            errno(result) == expected
    if n_call in ("rt_sigaction", "rt_sigprocmask"):
        first = n_args.split(",")[0]
        return call == n_call and args.startswith(first)
    if n_call == "wait4":
        return call == "wait4" and args.split(",")[0] == n_args.split(",")[0] and \
            (result == n_result or (n_result.startswith("-1") and errno(result) == errno(n_result)))
    if n_call == "fcntl" and n_args.endswith("F_GETFD"):
        return call == "fcntl" and args == n_args and \
            (result.split()[0] in ("0", "0x1") if not n_result.startswith("-1") else
             errno(result) == errno(n_result))
    if n_call == "kill" or n_call in ("close", "dup2", "openat", "fcntl", "ioctl", "setpgid"):
        return call == n_call and args == n_args and errno(result) == errno(n_result)
    return call == n_call and args.startswith(n_args.split(",")[0])


def run_traced(line: str, tmp_path, options=()):
    (tmp_path / "shebang.sh").write_text('#!/bin/sh -e\necho "args: $0 $*"\n')
    (tmp_path / "noshebang.sh").write_text("echo no shebang here\n")
    (tmp_path / "badinterp.sh").write_text("#!/no/such/interp\n")
    for name in ("shebang.sh", "noshebang.sh", "badinterp.sh"):
        (tmp_path / name).chmod(0o755)
    trace_file = tmp_path / "strace.txt"
    proc = subprocess.run(["strace", "-f", "-qq", "-o", str(trace_file), "-e",
                           f"trace={STRACE_CALLS}", MINISH, *options, "--trace", "-c", line],
                          cwd=tmp_path, env=shell_env(tmp_path), capture_output=True,
                          text=True, timeout=60, start_new_session=True)   # no /dev/tty
    return proc, parse_strace(trace_file.read_text()), parse_narration(proc.stderr)


def parents_first(events: dict, root: int) -> list[int]:
    """The traced pids, each after the process that cloned it (pids wrap
    around at pid_max, so sorting them would not do)."""
    order, queue = [], [root]
    while queue:
        pid = queue.pop(0)
        order.append(pid)
        queue += [int(result) for call, _, result in events.get(pid, [])
                  if call in ("clone", "clone3", "fork", "vfork") and result.isdigit()
                  and int(result) in events]
    return order + [pid for pid in events if pid not in order]


@pytest.mark.parametrize("line", CORPUS)                  # strace: installed by .ci/run
def test_narration_is_the_truth(line, tmp_path):
    check_truth(*run_traced(line, tmp_path))


@pytest.mark.parametrize("line", SPAWN_CORPUS)
def test_spawn_narration_is_the_truth(line, tmp_path):
    proc, events, narration = run_traced(line, tmp_path, ["-o", "spawn"])
    check_truth(proc, events, narration)
    spawned = any(text.startswith("posix_spawn(") for _, text in narration)
    assert spawned == (line not in SPAWN_NEVER), narration


def check_truth(proc, events, narration):
    assert narration, proc.stderr
    root = next(pid for pid, calls in events.items()             # not min(): pids wrap
                if calls and calls[0][0] == "execve" and MINISH in calls[0][1])
    matched: dict[int, set[int]] = defaultdict(set)
    # 1. Everything narrated happened, in that process, in that order.
    position: dict[int, int] = defaultdict(int)
    for pid, text in narration:
        for i in range(position[pid], len(events[pid])):
            if matches(text, events[pid][i]):
                matched[pid].add(i)
                position[pid] = i + 1
                break
        else:
            pytest.fail(f"narrated but not in strace: [pid {pid}] {text}")
    # A failed posix_spawn's child was reaped inside glibc before its pid
    # was ever returned: the shell cannot name it, so its calls are not
    # required (the failure itself, and the fork that follows, are).
    unnamed = {int(events[pid][i][2]) for pid in matched for i in matched[pid]
               if events[pid][i][0] in ("clone", "clone3") and
               "CLONE_VFORK" in events[pid][i][1] and events[pid][i][2].isdigit() and
               not any(t.endswith(f"= {events[pid][i][2]}") for p, t in narration if p == pid)}
    # 2. Everything the shell did for the command was narrated.
    narrated_fds: dict[int, set[int]] = defaultdict(set)
    children = {}
    for pid in parents_first(events, root):
        if pid in children:
            narrated_fds[pid] = set(narrated_fds[children[pid]])
        first_exec_skipped = pid != root
        for i, (call, args, result) in enumerate(events[pid]):
            required = False
            if call in ("clone", "clone3") and result.isdigit():
                children[int(result)] = pid
                required = True
            elif call in ("pipe2", "dup2"):
                required = True
                fds = re.findall(r"\d+", args.split("]")[0]) if call == "pipe2" else [result]
                narrated_fds[pid].update(int(f) for f in fds if f.isdigit())
            elif call == "openat" and i in matched[pid] and result.isdigit():
                narrated_fds[pid].add(int(result))
            elif call == "fcntl" and "F_DUPFD_CLOEXEC" in args and i in matched[pid]:
                narrated_fds[pid].add(int(result))
            elif call == "close":
                fd = int(args)
                required = fd in narrated_fds[pid]
                narrated_fds[pid].discard(fd)
            elif call == "execve":
                if not first_exec_skipped:
                    first_exec_skipped = True            # minish itself starting
                    continue
                required = True
            if required and pid not in unnamed:
                assert i in matched[pid], f"not narrated: [pid {pid}] {call}({args}) = {result}"
            if call == "execve" and result == "0":
                break                                    # no longer minish
    assert "Traceback" not in proc.stderr


def test_narration_never_changes_the_output(tmp_path):
    for line in ["echo hi | tr a-z A-Z", "ls / nope 2>&1 | sort", "x=$(echo a b); echo $x"]:
        plain = subprocess.run([MINISH, "-c", line], cwd=tmp_path, capture_output=True,
                               text=True, start_new_session=True)
        traced = subprocess.run([MINISH, "--trace", "-c", line], cwd=tmp_path,
                                capture_output=True, text=True, start_new_session=True)
        assert (plain.stdout, plain.returncode) == (traced.stdout, traced.returncode)


def test_narration_goes_to_the_terminal_not_into_redirections(tmp_path):
    session = Session(tmp_path)
    try:
        session.run("set -o trace")
        session.child.sendline("echo redirected > out.txt 2> err.txt; cat out.txt")
        session.child.expect_exact("openat(AT_FDCWD, \"out.txt\"")
        session.prompt()
        assert (tmp_path / "out.txt").read_text() == "redirected\n"
        assert (tmp_path / "err.txt").read_text() == ""
        session.run("set +o trace")
        assert session.run("echo quiet") == "quiet\n"
    finally:
        session.close()


def test_trace_shows_the_job_control_calls(tmp_path):
    session = Session(tmp_path)
    try:
        session.run("set -o trace")
        out = session.run("sleep 0.1")
        assert re.search(r"setpgid\(\d+, \d+\)", out)
        assert "tcsetpgrp(" in out and "wait4(" in out
    finally:
        session.close()


def test_interpreter_file_argv_rewrite_echoarg(tmp_path):
    """The course's echoarg demonstration: what argv the interpreter receives."""
    echoarg = tmp_path / "echoarg"
    echoarg.write_text("#!/bin/sh\nn=0; for a in \"$0\" \"$@\"; do echo \"argv[$n]: $a\"; "
                       "n=$((n+1)); done\n")
    script = tmp_path / "testinterp"
    script.write_text(f"#!{echoarg} foo\n")
    echoarg.chmod(0o755)
    script.chmod(0o755)
    proc = subprocess.run([MINISH, "--trace", "-c", "./testinterp myarg1 'MY ARG2'"],
                          cwd=tmp_path, capture_output=True, text=True, start_new_session=True)
    assert proc.stdout == (f"argv[0]: {echoarg}\nargv[1]: foo\nargv[2]: ./testinterp\n"
                           "argv[3]: myarg1\nargv[4]: MY ARG2\n")
    assert f'argv = ["{echoarg}", "foo", "./testinterp", "myarg1", "MY ARG2"]' in proc.stderr


def test_enoexec_fallback_is_explained(tmp_path):
    (tmp_path / "plain").write_text("echo from plain\n")
    (tmp_path / "plain").chmod(0o755)
    proc = subprocess.run([MINISH, "--trace", "-c", "./plain"], cwd=tmp_path,
                          capture_output=True, text=True, start_new_session=True)
    assert proc.stdout == "from plain\n"
    assert "ENOEXEC" in proc.stderr and "runs it as a script" in proc.stderr


def test_fdtrace_shows_the_real_table_before_exec(tmp_path):
    proc = subprocess.run([MINISH, "-c", "set -o fdtrace; ls nope 2>&1 >f | cat"],
                          cwd=tmp_path, capture_output=True, text=True, start_new_session=True)
    tables = [line for line in proc.stderr.splitlines() if "fd table before exec" in line]
    ls_table = next(t for t in tables if f"1 -> {tmp_path}/f" in t)
    assert re.search(r"2 -> pipe:\[\d+\]", ls_table)      # 2>&1 came first: stderr -> pipe


def test_fdtrace_marks_close_on_exec_fds(tmp_path):
    # Around a redirected { group } the shell keeps a copy of its stdout at
    # fd 10 or above, close-on-exec: the program never sees it.
    proc = subprocess.run([MINISH, "-c", "set -o fdtrace; { /bin/true; } > out"],
                          cwd=tmp_path, capture_output=True, text=True, start_new_session=True,
                          stdin=subprocess.DEVNULL)
    table = next(line for line in proc.stderr.splitlines() if "fd table before exec" in line)
    entries = dict(entry.split(" -> ", 1) for entry in table.split(": ", 1)[1].split(", "))
    assert entries["1"] == f"{tmp_path}/out"
    saved = [fd for fd, target in entries.items() if int(fd) >= 10 and "close-on-exec" in target]
    assert saved and all(not target.endswith("(close-on-exec)")
                         for fd, target in entries.items() if int(fd) < 3)


# ---- explain -------------------------------------------------------------------------

def explain(line: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run([MINISH, "-c", f"explain {line!r}"], cwd=tmp_path,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          start_new_session=True)


def test_explain_runs_nothing(tmp_path):
    (tmp_path / "victim").mkdir()                   # there first: `rm -rf victim` must spare it
    out = explain("touch made; echo x > out | rm -rf victim", tmp_path)
    assert out.returncode == 0
    assert not (tmp_path / "made").exists() and not (tmp_path / "out").exists()
    assert (tmp_path / "victim").exists()


def test_explain_shows_the_order_of_redirections(tmp_path):
    a = explain("ls nope 2>&1 >f", tmp_path).stdout
    b = explain("ls nope >f 2>&1", tmp_path).stdout
    final_a = a.strip().splitlines()[-3]      # before "waits" and "# in all"
    final_b = b.strip().splitlines()[-3]
    assert '1 -> "f"' in final_a and '2 -> "f"' not in final_a
    assert '1 -> "f"' in final_b and '2 -> "f"' in final_b


def test_explain_golden_pipeline(tmp_path):
    out = explain("cat < in | sort | head -1 > out", tmp_path).stdout
    assert "pipeline of 3: 2 pipe(s), 3 fork()s" in out
    assert "stage 1: child process: execve(" in out and "'cat'" in out
    assert "0 -> pipe 1 (read end)   1 -> pipe 2 (write end)" in out
    assert '1 -> "out" (write, truncate)' in out
    assert "$? is the last stage's status" in out


def test_explain_builtins_subshells_and_groups(tmp_path):
    out = explain("cd /tmp && (x=1) || { echo no; } 2>/dev/null", tmp_path).stdout
    assert "cd is a builtin: it runs inside the shell, no fork" in out
    assert "( ... ): fork() with no exec" in out
    assert "{ ...; } runs inside the shell (no fork)" in out


def test_explain_syntax_error_points_at_it(tmp_path):
    out = explain("echo a | ;", tmp_path)
    assert out.stdout == "echo a | ;\n         ^ syntax error near unexpected token `;'\n"
    assert out.returncode == 2


def test_explain_bad_fd(tmp_path):
    assert "fd 7 is not open -- error" in explain("echo a >&7", tmp_path).stdout


# ---- wait statuses and zombies ----------------------------------------------------------

def test_status_decodes_each_process_of_the_last_job(tmp_path):
    out = subprocess.run([MINISH, "-c", "yes | head -1 > /dev/null; status"], cwd=tmp_path,
                         capture_output=True, text=True).stdout
    assert out.startswith("$? = 0\n")
    assert re.search(r"yes\s+raw 0x000d  killed by signal 13 SIGPIPE", out)
    assert re.search(r"head -1 > /dev/null\s+raw 0x0000  normal exit, status 0", out)


def test_status_after_a_signal_and_an_exit_code(tmp_path):
    out = subprocess.run([MINISH, "-c", "sh -c 'kill -KILL $$'; status; sh -c 'exit 3'; status"],
                         cwd=tmp_path, capture_output=True, text=True).stdout
    assert "$? = 137" in out and "killed by signal 9 SIGKILL" in out
    assert "$? = 3" in out and "raw 0x0300  normal exit, status 3" in out


def test_noreap_leaves_a_zombie_until_wait(tmp_path):
    session = Session(tmp_path)
    try:
        session.run("set -o noreap")
        pid = session.run("sleep 0.1 &").split()[1]
        assert wait_for(lambda: process_states([int(pid)]) == ["Z"])
        assert "<defunct>" in session.run(f"ps -o stat,cmd -p {pid}") or \
            "Z" in session.run(f"ps -o stat= -p {pid}")
        assert "Zombie" in session.run("jobs")
        session.run(f"wait {pid}")
        assert session.run(f"ps -p {pid} > /dev/null; echo $?").strip() == "1"
    finally:
        session.close()
