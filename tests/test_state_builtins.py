"""Builtins that show process state, against the real kernel and reference tools:
util-linux ipcs/ipcmk/ipcrm, GNU acct's lastcomm/dump-acct, /proc, id(1)."""
from __future__ import annotations

import ctypes
import os
import pwd
import re
import subprocess
import sys

import pytest

from minish.kernel import sysv
from conftest import MINISH, ROOT, shell_env
from interactive import wait_for

SAMPLE = ROOT / "minish" / "data" / "sample.acct"


# Run minish as `nobody`.  The interpreter may live where nobody cannot reach
# it (a pyenv under /root), so Python starts as root, loads minish and the
# modules it will need, drops every privilege for good, then runs main().
AS_NOBODY = """
import os, sys, ctypes, datetime, errno, glob, grp, pwd, resource, signal, struct, time
import minish.shell, minish.builtins, minish.kernel.acct, minish.kernel.sysv
minish.builtins.registry.load_all()
from minish.__main__ import main
os.setgroups([]); os.setgid(65534); os.setuid(65534)
sys.exit(main(["-c", sys.argv[1]]))
"""


def minish(script: str, tmp_path, user: str | None = None, argv_prefix: tuple = ()):
    env = shell_env(tmp_path)
    if user == "nobody":
        argv = [sys.executable, "-c", AS_NOBODY, script]
        env["PYTHONPATH"] = str(ROOT)
    else:
        argv = [*argv_prefix, MINISH, "-c", script]
    proc = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=30, errors="replace")
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


# ---- ipcs against util-linux --------------------------------------------------------

def test_ipcs_matches_util_linux_column_for_column(tmp_path, ipc_cleanup):
    out = minish("q=$(ipcmk -Q | cut -d' ' -f4); msgsnd $q 1 hello; msgsnd $q 2 world;"
                 "s=$(ipcmk -S 3 -p 600 | cut -d' ' -f3); semop $s 1:+2;"
                 "m=$(ipcmk -M 8192 -p 640 | cut -d' ' -f4); echo $q $s $m", tmp_path).stdout
    q, s, m = out.split()
    attached = subprocess.Popen([MINISH, "-c", f"shmat {m} >/dev/null; sleep 30"],
                                start_new_session=True)     # its own group: killpg ends both
    try:
        assert wait_for(lambda: shm_nattch(int(m)) == 1, timeout=10)
        for fmt in ["", "-t", "-p", "-c", "-l", "-u", "-q", "-m -t", "-s -c", "-a -p"]:
            ours = minish(f"ipcs {fmt}", tmp_path).stdout
            theirs = subprocess.run(f"ipcs {fmt}", shell=True, capture_output=True, text=True).stdout
            assert ours == theirs, f"ipcs {fmt}"
        for flag, ident in (("-q", q), ("-m", m), ("-s", s)):
            ours = minish(f"ipcs {flag} -i {ident}", tmp_path).stdout
            theirs = subprocess.run(["ipcs", flag, "-i", ident], capture_output=True, text=True).stdout
            assert ours == theirs, f"ipcs {flag} -i"
    finally:
        os.killpg(attached.pid, 9)
        attached.wait()


def shm_nattch(shmid: int) -> int:
    """How many processes have segment `shmid` attached (/proc/sysvipc/shm)."""
    with open("/proc/sysvipc/shm") as f:
        header, *rows = f.read().splitlines()
    column = header.split().index("nattch")
    return next((int(r.split()[column]) for r in rows if int(r.split()[1]) == shmid), -1)


def test_ipcmk_objects_are_seen_by_util_linux_and_removed_by_ipcrm(tmp_path, ipc_cleanup):
    # Keys from ftok(3) of this test's own directory: no other run can hold them.
    keys = [f"0x{sysv.ftok(str(tmp_path), proj):08x}" for proj in (1, 2, 3)]
    out = minish(f"ipcmk -Q -k {keys[0]}; ipcmk -S 2 -k {keys[1]}; ipcmk -M 100 -k {keys[2]}",
                 tmp_path).stdout
    assert re.fullmatch(r"Message queue id: \d+\nSemaphore id: \d+\nShared memory id: \d+\n", out)
    listing = subprocess.run(["ipcs"], capture_output=True, text=True).stdout
    for key in keys:
        assert key in listing
    proc = minish(f"ipcrm -Q {keys[0]} -S {keys[1]} -M {keys[2]}", tmp_path)
    assert proc.returncode == 0
    listing = subprocess.run(["ipcs"], capture_output=True, text=True).stdout
    assert not any(key in listing for key in keys)


def test_objects_outlive_their_creator(tmp_path, ipc_cleanup):
    ident = minish("ipcmk -Q | cut -d' ' -f4", tmp_path).stdout.strip()
    minish(f"msgsnd {ident} 5 persistent", tmp_path)          # that minish has exited
    assert minish(f"msgrcv {ident}", tmp_path).stdout == "5 persistent\n"


def test_ftok_matches_the_c_library(tmp_path):
    (tmp_path / "keyfile").write_text("")
    out = minish("ftok keyfile 65", tmp_path)
    libc = ctypes.CDLL(None)
    libc.ftok.argtypes = [ctypes.c_char_p, ctypes.c_int]
    expected = libc.ftok(str(tmp_path / "keyfile").encode(), 65) & 0xFFFFFFFF
    assert out.stdout == f"0x{expected:08x}\n"
    st = os.stat(tmp_path / "keyfile")
    assert expected == (65 << 24) | ((st.st_dev & 0xFF) << 16) | (st.st_ino & 0xFFFF)
    assert "inode" in out.stderr


def test_message_types_zero_positive_negative(tmp_path, ipc_cleanup):
    script = ("q=$(ipcmk -Q | cut -d' ' -f4); msgsnd $q 3 three; msgsnd $q 1 one;"
              "msgsnd $q 2 two; msgsnd $q 5 five;"
              "msgrcv $q 2; msgrcv $q -4; msgrcv $q 0; msgrcv $q 0; msgrcv -n $q 0; echo status=$?")
    proc = minish(script, tmp_path)
    assert proc.stdout == "2 two\n1 one\n3 three\n5 five\nstatus=1\n"
    assert "No message of desired type" in proc.stderr


def test_semaphores_atomic_nowait_and_getall(tmp_path, ipc_cleanup):
    script = ("s=$(ipcmk -S 2 | cut -d' ' -f3); semctl $s setall 1 0;"
              "semop -n $s 0:-1 1:-1; echo nowait=$?; semctl $s getall;"   # all or nothing
              "semop $s 0:-1 1:+3; semctl $s getall; semctl $s getval 1")
    proc = minish(script, tmp_path)
    assert proc.stdout == "nowait=1\n1 0\n0 3\n3\n"
    assert "Resource temporarily unavailable" in proc.stderr


def test_semaphore_blocks_until_another_process_wakes_it(tmp_path, ipc_cleanup):
    script = ("s=$(ipcmk -S 1 | cut -d' ' -f3);"
              "semop $s 0:-1 & until [ $(semctl $s getncnt 0) = 1 ]; do sleep 0.01; done;"
              "echo waiting=$(semctl $s getncnt 0);"
              "semop $s 0:+1; wait $!; echo woke=$?; semctl $s getval 0")
    assert minish(script, tmp_path).stdout == "waiting=1\nwoke=0\n0\n"


def test_sem_undo_is_undone_when_the_process_exits(tmp_path, ipc_cleanup):
    script = ("s=$(ipcmk -S 1 | cut -d' ' -f3); (semop -u $s 0:+5; semctl $s getval 0);"
              "semctl $s getval 0; (semop $s 0:+2); semctl $s getval 0")
    assert minish(script, tmp_path).stdout == "5\n0\n2\n"


def test_shared_memory_attach_write_read_nattch_and_rmid(tmp_path, ipc_cleanup):
    # `ipcs > f` runs in the shell itself; `(ipcs)` in a forked child, and a
    # fork inherits the attachment: nattch counts it too.
    script = ("m=$(ipcmk -M 64 | cut -d' ' -f4); shmat $m > /dev/null;"
              "ipcs -m -i $m > one; grep -o 'nattch=[0-9]*' one;"
              "(ipcs -m -i $m > two); grep -o 'nattch=[0-9]*' two; shmwrite $m 'shared text';"
              "(shmread $m); ipcrm -m $m; ipcs -m | grep -c dest; shmread $m; shmdt $m;"
              "ipcs -m -i $m 2>&1 | grep -c 'not found'")
    proc = minish(script, tmp_path)
    assert proc.stdout == "nattch=1\nnattch=2\nshared text\n1\nshared text\n1\n"


@pytest.mark.parametrize("script,message", [
    ("ipcrm -q x", "minish: ipcrm: invalid id 'x'\n"),
    ("ipcrm -q 2147483000", "minish: ipcrm: msgctl(IPC_RMID): Invalid argument (no message queue with id 2147483000)\n"),
    ("msgsnd 1", "msgsnd: usage: msgsnd [-n] ID TYPE TEXT...\n"),
    ("semop 1 nonsense", "minish: semop: invalid operation 'nonsense' (want NUM:OP, e.g. 0:-1)\n"),
    ("ipcs -z", "minish: ipcs: invalid option -- 'z'\n"),
    ("ipcs -i 1", "minish: ipcs: -i needs one of -q, -m or -s\n"),
    ("ftok /no/such 1", "minish: ftok: /no/such: No such file or directory\n"),
])
def test_ipc_bad_input(script, message, tmp_path):
    proc = minish(script, tmp_path)
    assert proc.stderr == message
    assert proc.returncode in (1, 2)


# ---- accounting ----------------------------------------------------------------------

def test_lastcomm_matches_gnu_lastcomm_on_the_sample(tmp_path):
    theirs = subprocess.run(["lastcomm", "-f", str(SAMPLE)], capture_output=True, text=True).stdout
    assert theirs
    assert minish(f"lastcomm {SAMPLE}", tmp_path).stdout == theirs


def test_lastcomm_v_agrees_with_dump_acct(tmp_path):
    dump = subprocess.run(["dump-acct", str(SAMPLE)], capture_output=True, text=True).stdout
    ours = minish(f"lastcomm -v {SAMPLE}", tmp_path).stdout
    blocks = ours.strip().split("\n\n")[::-1]                  # oldest first, like dump-acct
    for line, block in zip(dump.splitlines(), blocks):
        fields = [f.strip() for f in line.split("|")]
        comm, utime, stime, etime, uid, gid, mem, io, pid, ppid = (
            fields[0], *fields[2:11])
        assert block.startswith(f"{comm}  (pid {pid}, parent {ppid})")
        assert f"ac_etime    {float(etime):.2f} ticks" in block
        assert re.search(rf"ac_mem\s+0x[0-9a-f]+ = \d+ \* 8\^\d = {int(float(mem))}\n", block)
        assert re.search(rf"ac_utime\s+0x[0-9a-f]+ = \d+ \* 8\^\d = {int(float(utime))} ", block)
        assert f"ac_uid      {uid} " in block and f"ac_gid {gid}" in block
        assert re.search(rf"ac_stime\s+0x[0-9a-f]+ = \d+ \* 8\^\d = {int(float(stime))} ", block)
        assert re.search(rf"ac_io\s+0x[0-9a-f]+ = \d+ \* 8\^\d = {int(float(io))}\n", block)


def pid_namespace_works() -> bool:
    return subprocess.run(["unshare", "--pid", "--fork", "true"], capture_output=True).returncode == 0


def test_kernel_accounting_records_what_we_run(tmp_path):
    # acct(2) is per pid namespace: in a namespace of its own the test turns
    # accounting on and off there only, never the host's (which may be on).
    # Where unshare is refused, so is acct(2) (both need privileges a bare
    # container lacks), and minish falls back to shell-made records.
    acct_file = tmp_path / "pacct"
    prefix = ("unshare", "--pid", "--fork") if pid_namespace_works() else ()
    proc = minish(f"accton {acct_file}; /bin/true; sh -c 'kill -TERM $$'; (:); accton",
                  tmp_path, argv_prefix=prefix)
    assert acct_file.stat().st_mode & 0o777 == 0o600
    if "kernel accounting refused" in proc.stderr:            # a container without CAP_SYS_PACCT
        assert "shell-made" in proc.stderr
    else:
        assert "whole machine" in proc.stderr
    theirs = subprocess.run(["lastcomm", "-f", str(acct_file)], capture_output=True,
                            text=True).stdout
    ours = minish(f"lastcomm {acct_file}", tmp_path).stdout
    assert ours == theirs
    assert re.search(r"^true\s", ours, re.M)
    assert re.search(r"^sh\s+X ", ours, re.M)                 # killed by a signal
    assert re.search(r"^minish\s+F ", ours, re.M)             # (:) forked, never exec'd


def test_shell_made_accounting_is_readable_by_gnu_tools(tmp_path):
    acct_file = tmp_path / "shell.acct"
    minish(f"accton --shell {acct_file}; /bin/true; (exit 3); sh -c 'kill -KILL $$'; accton --shell",
           tmp_path)
    theirs = subprocess.run(["lastcomm", "-f", str(acct_file)], capture_output=True,
                            text=True).stdout
    assert [line.split()[0] for line in theirs.splitlines()] == ["sh", "minish", "true"]
    verbose = minish(f"lastcomm -v {acct_file}", tmp_path).stdout
    assert verbose.count("[shell-made record]") == 3
    assert "AXSIG" in verbose and "AFORK" in verbose


def test_accton_errors(tmp_path):
    (tmp_path / "dir").mkdir()
    proc = minish("accton dir", tmp_path)
    assert proc.returncode == 1 and "minish: accton: dir:" in proc.stderr
    proc = minish("accton /no/such/dir/file", tmp_path)
    assert proc.stderr == "minish: accton: /no/such/dir/file: No such file or directory\n"
    proc = minish("lastcomm /no/such", tmp_path)
    assert proc.stderr == "minish: lastcomm: /no/such: No such file or directory\n"


def test_accton_unprivileged_falls_back_to_shell_made_records(tmp_path):
    tmp_path.chmod(0o777)
    proc = minish("accton nobody.acct; /bin/true; accton", tmp_path, user="nobody")
    assert "not permitted" in proc.stderr and "shell-made" in proc.stderr
    out = subprocess.run(["lastcomm", "-f", str(tmp_path / "nobody.acct")],
                         capture_output=True, text=True).stdout
    assert out.split()[:2] == ["true", "nobody"]


# ---- ids -------------------------------------------------------------------------------

def test_ids_reports_the_kernels_view(tmp_path):
    out = minish("ids", tmp_path).stdout
    uid = os.getuid()
    name = pwd.getpwuid(uid).pw_name
    assert f"user IDs     real {uid} ({name})  effective {uid} ({name})  saved {uid} ({name})" in out
    assert "login name" in out and "process group" in out and "session" in out


def test_ids_of_another_process(tmp_path):
    sleeper = subprocess.Popen(["sleep", "5"], user="nobody", group="nogroup", extra_groups=[])
    try:
        out = minish(f"ids {sleeper.pid}", tmp_path).stdout
        assert "real 65534 (nobody)  effective 65534 (nobody)" in out
        assert f"process {sleeper.pid} (sleep)" in out
    finally:
        sleeper.kill()
        sleeper.wait()


def test_ids_try_as_root_setuid_is_one_way(tmp_path):
    out = minish("ids try setuid 65534 then setuid 0", tmp_path)
    assert "setuid(65534) = 0  -> real 65534 (nobody)  effective 65534 (nobody)  saved 65534 (nobody)" in out.stdout
    assert "setuid(0)     = -1 EPERM" in out.stdout
    assert out.returncode == 1
    assert minish("ids", tmp_path).stdout.startswith("user IDs     real 0")   # shell unchanged


def test_ids_try_seteuid_drops_and_regains(tmp_path):
    out = minish("ids try seteuid 65534 then seteuid 0", tmp_path).stdout
    assert "seteuid(65534) = 0  -> real 0 (root)  effective 65534 (nobody)  saved 0 (root)" in out
    assert "seteuid(0)    = 0  -> real 0 (root)  effective 0 (root)  saved 0 (root)" in out


def test_ids_try_as_an_unprivileged_user(tmp_path):
    proc = minish("ids try setuid 0 then seteuid 65534 then setreuid -1 0", tmp_path, user="nobody")
    assert "setuid(0)     = -1 EPERM" in proc.stdout
    assert "only to the real ID or the saved set-user-ID" in proc.stdout
    assert "seteuid(65534) = 0" in proc.stdout
    assert "setreuid(-1, 0) = -1 EPERM" in proc.stdout


def test_ids_bad_input(tmp_path):
    assert minish("ids try frobnicate 1", tmp_path).returncode == 2
    assert minish("ids try setuid", tmp_path).stderr == "minish: ids: setuid takes 1 argument(s)\n"
    assert minish("ids 999999999", tmp_path).stderr == "minish: ids: no process 999999999\n"


# ---- times, time, fds, sigs ----------------------------------------------------------------

def test_times_format_like_bash(tmp_path):
    out = minish("times", tmp_path).stdout
    assert re.fullmatch(r"(\d+m\d+\.\d{3}s \d+m\d+\.\d{3}s\n){2}", out)
    bash = subprocess.run(["bash", "-c", "times"], capture_output=True, text=True).stdout
    assert re.fullmatch(r"(\d+m\d+\.\d{3}s \d+m\d+\.\d{3}s\n){2}", bash)


def test_times_counts_children_only_after_wait(tmp_path):
    out = minish("times -v > before; sh -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done'; "
                 "times -v", tmp_path).stdout
    ticks = dict(re.findall(r"(tms_\w+)=(\d+)", out))
    assert int(ticks["tms_cutime"]) + int(ticks["tms_cstime"]) > 0
    assert "CLK_TCK=" in out


def test_time_keyword_format(tmp_path):
    proc = minish("time sleep 0.2 | cat", tmp_path)
    match = re.fullmatch(r"\nreal\t0m(\d\.\d{3})s\nuser\t0m\d\.\d{3}s\nsys\t0m\d\.\d{3}s\n",
                         proc.stderr)
    assert match and float(match.group(1)) >= 0.2
    posix = minish("time -p true 2>/dev/null", tmp_path)
    assert re.fullmatch(r"real \d+\.\d\d\nuser \d+\.\d\d\nsys \d+\.\d\d\n",
                        minish("time -p true", tmp_path).stderr)
    assert posix.returncode == 0


def test_fds_shows_redirections_and_pipes(tmp_path):
    out = minish("exec 3> three.txt; echo hello >&3; fds; fds | cat", tmp_path).stdout
    first, second = out.split("FD   MODE")[1:]
    assert re.search(rf"^3\s+w\s+6\s+no\s+{re.escape(str(tmp_path))}/three.txt$", first, re.M)
    assert re.search(r"^1\s+w\s+\d+\s+no\s+pipe:\[\d+\]$", second, re.M)


def test_fds_of_another_process(tmp_path):
    sleeper = subprocess.Popen(["sleep", "5"], stdin=subprocess.PIPE)
    try:
        out = minish(f"fds {sleeper.pid}", tmp_path).stdout
        assert re.search(r"^0\s+r\s+0\s+no\s+pipe:\[\d+\]$", out, re.M)
    finally:
        sleeper.kill()
        sleeper.wait()


def test_sigs_decodes_ignored_and_caught(tmp_path):
    # Wait until sh has set both traps (sigs shows TERM caught), not a fixed time;
    # a busy loop, not `sleep`, so killing sh leaves no orphan behind.
    out = minish("sh -c 'trap \"\" INT; trap \"echo\" TERM; while :; do :; done' & "
                 "until sigs $! | grep -q 'caught.*SIGTERM'; do sleep 0.01; done; "
                 "sigs $!; kill -KILL %1", tmp_path).stdout
    ignored = next(line for line in out.splitlines() if line.startswith("ignored"))
    caught = next(line for line in out.splitlines() if line.startswith("caught"))
    assert "SIGINT" in ignored and "SIGTERM" in caught


def test_new_builtins_have_help(tmp_path):
    for name in ("ids", "times", "accton", "lastcomm", "ipcs", "ipcrm", "ipcmk", "ftok",
                 "msgsnd", "msgrcv", "semop", "semctl", "shmat", "shmdt", "shmread",
                 "shmwrite", "fds", "sigs", "system", "popen"):
        proc = minish(f"help {name}", tmp_path)
        assert proc.returncode == 0 and len(proc.stdout.splitlines()) >= 3, name


# ---- fds/sigs of a job, and job specs ------------------------------------------------

def test_fds_and_sigs_take_a_job_spec(tmp_path):
    """`fds %1` / `sigs %2` look at the job's first process, as `kill %1` targets it."""
    proc = minish('sleep 5 & trap "" USR2; sleep 5 & fds %1 > f.out; sigs %2 > s.out; '
                  'jobs -p > p.out; kill %1 %2; wait; fds %3', tmp_path)
    first, second = (tmp_path / "p.out").read_text().split()
    fds = (tmp_path / "f.out").read_text()
    assert re.search(r"^0\s+r\s+\d+\s+no\s+/dev/null$", fds, re.M)       # `cmd &`: stdin /dev/null
    ignored = re.search(r"^ignored\s+SigIgn \S+\s+(.*)$", (tmp_path / "s.out").read_text(), re.M)
    assert "SIGUSR2" in ignored.group(1).split()
    assert int(first) != int(second)
    assert proc.stderr == "minish: fds: %3: no such job\n" and proc.returncode == 1


def test_an_ambiguous_job_spec_says_so_as_bash_does(tmp_path):
    script = "sleep 5 & sleep 5 & jobs %sleep; echo $?; jobs %?lee; kill %1 %2; wait"
    ours = minish(script, tmp_path)
    bash = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=shell_env(tmp_path),
                          capture_output=True, text=True, timeout=30)
    assert ours.stdout == bash.stdout
    assert ours.stderr.replace("minish:", "bash: line 1:") == bash.stderr   # (no line numbers yet)
