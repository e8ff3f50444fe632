"""`minish lab`: the graders graded.

Each lab in tests/labs/NAME/ has a reference solution (good.c) that must
pass every check, and wrong solutions (wrong_*.c), each a classic mistake,
that must fail exactly the checks listed below, with a message that names
what is wrong.  Everything is real: cc compiles, strace traces, the kernel
runs the program as `nobody` under rlimits.
"""
from __future__ import annotations

import configparser
import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, MINISH, ROOT, ipc_objects

LABS = ROOT / "tests" / "labs"
PACKAGE_LABS = ROOT / "minish" / "labs"

# wrong solution -> {failing check title (start): [fragments its message must contain]}
# (None: the check may fail or pass -- the outcome of a race, checked deterministically
# by another check of the same solution)
EXPECTED = {
    ("system", "wrong_nowait"): {
        "my_system waits for its own child": ["never reaped the child", "zombie"],
        "my_system returns the raw wait status": ["returned 0, not 768"],
        "the status is 127": ["noshell=0", "_exit(127)"],
    },
    ("system", "wrong_nosignals"): {
        "SIGINT and SIGQUIT are ignored": ["no sigaction(SIGINT or SIGQUIT, SIG_IGN) before "
                                           "the fork", "caught INT=1 QUIT=1", "--- SIGINT"],
        "SIGCHLD is blocked": ["SIGCHLD was not blocked before the fork", "clone("],
    },
    ("system", "wrong_norestore"): {
        "the caller's SIGINT, SIGQUIT and mask are restored": [
            "restored INT=no QUIT=no CHLD=blocked"],
    },
    ("system", "wrong_decoded"): {
        "my_system returns the raw wait status": ["returned 3, not 768"],
        "the status is 127": ["noshell=127"],
    },
    ("system", "wrong_childsignals"): {
        "the child starts the command": ["still ignored when the shell started",
                                         'execve("/bin/sh"'],
    },
    ("pipeline", "wrong_parent_keeps_write"): {
        "`./pipeline ls wc` ends by itself": ["did not end in 5 s", "(wc, asleep in",
                                              "): 0 -> pipe:", "4 -> pipe:", "write end"],
        "the output is CMD2's": ["printed ''"],
        "the parent closes both ends": ["pipe #1 write end) when it started to wait"],
    },
    ("pipeline", "wrong_child_keeps_ends"): {
        "`./pipeline ls wc` ends by itself": ["did not end in 5 s"],
        "`./pipeline yes head` ends by itself": ["did not end in 5 s"],
        "the output is CMD2's": ["printed ''"],
        "each child dup2s its end": ["child 2 exec'd wc still holding",
                                     "it never sees end of file"],
    },
    ("pipeline", "wrong_dup2_order"): {
        "the output is CMD2's": ["0 0 0"],
        "each child dup2s its end": ["child 1 exec'd ls with fd 1 not on the pipe"],
    },
    ("pipeline", "wrong_nowait"): {
        "the program exits with CMD2's status": ["exited with 0"],
        "the parent reaps both children": ["never waited for child 1"],
    },
    ("popen", "wrong_pclose_nowait"): {
        "my_pclose returns the command's raw wait status": ["returned 0 where the status is 768"],
        "my_pclose waits for its own command's pid": ["was never waited for", "zombie"],
    },
    ("popen", "wrong_keeps_other_streams"): {
        "`./popen_driver two` ends by itself": ["did not end in 5 s", "(sh -c cat > b.txt",
                                                "write end"],
        "a later command does not inherit": ["fd 4 (pipe #1 write end)",
                                             "never gets end of file"],
    },
    ("popen", "wrong_parent_keeps_end"): {
        "a later command does not inherit": ["(pipe #1 read end)"],
        "the caller closes the command's end": ["`read`: the caller still held fd 4 (pipe #1 "
                                                "write end)"],
    },
    ("popen", "wrong_wait_any"): {
        "my_pclose waits for its own command's pid": ["wait4(-1, ...)", "waitpid(pid"],
    },
    ("sigsuspend", "wrong_pause"): {
        "`./alarm_driver race` ends by itself": ["did not end in 3 s", "pause() = ?"],
        "SIGALRM is blocked before alarm()": ["no sigprocmask blocking SIGALRM"],
        "the wait is rt_sigsuspend": ["waits in pause()", "after alarm() and before pause()",
                                      "--- SIGALRM"],
    },
    ("sigsuspend", "wrong_unblock_then_pause"): {
        "`./alarm_driver race` ends by itself": ["did not end in 3 s"],
        "the wait is rt_sigsuspend": ["waits in pause()", "had already come"],
    },
    ("sigsuspend", "wrong_no_restore"): {
        "the caller's mask and SIGALRM action are restored": ["handler=changed",
                                                              "SIGALRM=blocked"],
    },
    ("sigsuspend", "wrong_suspend_blocked"): {
        "`./alarm_driver real` ends by itself": ["rt_sigsuspend([USR1 ALRM], 8) = ?"],
        "`./alarm_driver race` ends by itself": ["did not end in 3 s"],
        "the wait is rt_sigsuspend": ["still blocks SIGALRM"],
        # wait_alarm never returned, so there was nothing restored to check
        "the caller's mask and SIGALRM action are restored": ["not checked yet"],
    },
    ("tellwait", "wrong_nosync"): {
        "the two lines come out whole and in turn": ["printed 'o", "not 'output from the"],
        "`parent-first`: the child reads from a pipe": ["wrote its first character before",
                                                        'write(1, "o", 1)'],
        "`child-first`: the parent reads from a pipe": ["WAIT_CHILD must block in read(2)"],
    },
    ("tellwait", "wrong_pipes_after_fork"): {
        "every run ends by itself": ["did not end in 3 s"],
        "`parent-first`: the child reads from a pipe": ["waited in read() on pipe #1 read end",
                                                        "pipe #3 write end"],
        "`child-first`: the parent reads from a pipe": ["nothing ever came"],
        "TELL_WAIT makes both pipes before the fork": ["the parent had 0 pipe(s)", "pipe2("],
    },
    ("tellwait", "wrong_swapped"): {
        "every run ends by itself": ["did not end in 3 s"],
        "`parent-first`: the child reads from a pipe": ["on pipe #1 read end",
                                                        "wrote its byte on pipe #2 write end"],
        "`child-first`: the parent reads from a pipe": ["on pipe #2 read end",
                                                        "wrote its byte on pipe #1 write end"],
    },
    ("primes", "wrong_keeps_write_ends"): {
        "every run ends by itself": ["`./master 1000 1100`: the program did not end in 5 s"],
        "the master holds no write end": ["fd 4 (pipe #1 write end), fd 6 (pipe #2 write end)"
                                          " at its first read"],
    },
    ("primes", "wrong_interleaved"): {
        "the primes come out one per line": ["not in order: 1051 comes right after 1009"],
    },
    ("primes", "wrong_nowait"): {
        "the master waits for both workers": ["never waited for worker 1",
                                              "never waited for worker 2"],
    },
    ("primes", "wrong_worker_inherits"): {
        "every run ends by itself": ["`./master 2 500000`: the program did not end in 10 s"],
        "each worker starts with only its own": ["worker 2 started still holding fd 3 "
                                                 "(pipe #1 read end), fd 4 (pipe #1 write end)"],
    },
    ("coprocess", "wrong_no_fflush"): {
        "every run ends by itself": ["did not end in 5 s", "read(5, "],
        "every line gets its sum": ["not checked yet", "a run that ends by itself"],
        "each request is written to the pipe": ["still in its stdio buffer", "fflush"],
        "one request at a time": ["not checked yet", "a request on the pipe to add2"],
        "at the end, the parent closes its pipe": ["not checked yet", "end of its input"],
    },
    ("coprocess", "wrong_batch"): {
        "every run ends by itself": ["did not end in 10 s", "asleep in", "pipe_write",
                                     "a deadlock"],
        "one request at a time": ["wrote 3 requests before it read the first answer"],
    },
    ("coprocess", "wrong_child_keeps_ends"): {
        "every run ends by itself": ["did not end in 5 s"],
        "every line gets its sum": ["not checked yet", "a run that ends by itself"],
        "add2 starts with fd 0 and fd 1": ["fd 4 (pipe #1 write end)",
                                           "never sees end of file"],
    },
    ("fifo-server", "wrong_no_writer"): {
        "every client gets its own word back": ["no reply for LATE"],
        "the server holds the FIFO open for writing": ["for reading only",
                                                       'openat(AT_FDCWD, "serv.fifo", O_RDONLY)',
                                                       "= 0"],
    },
    ("fifo-server", "wrong_big_read"): {
        "every run ends by itself": ["`./harness 8`: the program did not end in 5 s"],
        "every client gets its own word back": ["no reply for", "stopped waiting"],
        "each read on the FIFO takes exactly one request": ["took 512 bytes: 8 requests"],
        "on STOP the server removes serv.fifo": ["did not get as far as STOP"],
    },
    ("fifo-server", "wrong_no_close"): {
        "every run ends by itself": ["did not end in 5 s"],
        "every client gets its own word back": ["no reply for"],
        "the server closes each client's FIFO": ["still held fd 4 (client."],
        "on STOP the server removes serv.fifo": ["did not get as far as STOP"],
    },
    ("fifo-server", "wrong_no_unlink"): {
        "on STOP the server removes serv.fifo": ["still there", "unlink(2)"],
    },
    ("shm-sem", "wrong_no_rmid"): {
        "the shared memory segment and the semaphore set are removed": [
            "segment and semaphore set still existed", "IPC_RMID"],
    },
    ("shm-sem", "wrong_no_full"): {
        "the consumer prints 1..N": None,       # a race: usually wrong output, not always
        "the consumer waits on a semaphore only the producer raises": [
            "which it raises itself", "semtimedop("],
    },
    ("shm-sem", "wrong_empty_zero"): {
        "every run ends by itself": ["did not end in 5 s", "semtimedop("],
        "the semaphores start at EMPTY = 4": ["semaphore 0 = 0, semaphore 1 = 0"],
        "the consumer waits on a semaphore only": ["could not be checked"],
        "the producer waits on a semaphore only": ["could not be checked"],
    },
}


# The Python variants: graded by the same checks.
EXPECTED_PYTHON = {
    ("pipeline", "wrong_parent_keeps_write"): {
        "`./pipeline.py ls wc` ends by itself": ["did not end in 5 s", "(wc, asleep in"],
        "the output is CMD2's": ["printed ''"],
        "the parent closes both ends": ["write end) when it started to wait"],
    },
    ("pipeline", "wrong_dup2_order"): {
        "the output is CMD2's": ["0 0 0"],
        "each child dup2s its end": ["child 1 exec'd ls with fd 1 not on the pipe"],
    },
    ("pipeline", "wrong_nowait"): {
        "the program exits with CMD2's status": ["exited with 0"],
        "the parent reaps both children": ["never waited for child 1"],
    },
}


def lab_env(tmp_path: Path) -> dict[str, str]:
    return {"PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"), "TMPDIR": str(tmp_path), "LC_ALL": "C"}


def minish_lab(args: list[str], tmp_path: Path, env: dict | None = None):
    return subprocess.run([MINISH, "lab", *args], cwd=tmp_path, env=env or lab_env(tmp_path),
                          capture_output=True, text=True, timeout=120)


def checked(lab: str, solution: Path, tmp_path: Path):
    """Start the lab, put `solution` in place of the student's file, check it."""
    assert minish_lab(["start", lab, "work"], tmp_path).returncode == 0
    student = next(f for f in (PACKAGE_LABS / lab).iterdir()
                   if f.name == _student_file(lab))
    shutil.copy(solution, tmp_path / "work" / student.name)
    return minish_lab(["check", "work"], tmp_path)


def _student_file(lab: str) -> str:
    for line in (PACKAGE_LABS / lab / "lab.ini").read_text().splitlines():
        if line.startswith("student"):
            return line.split("=", 1)[1].strip()
    raise AssertionError(f"{lab}: lab.ini names no student file")


def failures(output: str) -> dict[str, str]:
    """{check title: its explanation} for every FAIL line of `lab check`."""
    found, current = {}, None
    for line in output.splitlines():
        if line.startswith("  FAIL  "):
            current = line[8:]
            found[current] = ""
        elif line.startswith("  PASS  ") or not line.startswith("        "):
            current = None
        elif current is not None:
            found[current] += line.strip() + "\n"
    return found


def labs_with_tests() -> list[str]:
    return sorted(p.name for p in LABS.iterdir() if p.is_dir())


@pytest.mark.parametrize("lab", labs_with_tests())
def test_reference_solution_passes_every_check(lab, tmp_path):
    result = checked(lab, LABS / lab / "good.c", tmp_path)
    assert failures(result.stdout) == {}, result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS" in result.stdout and "checks passed." in result.stdout
    assert not list(tmp_path.glob("minish-lab-*")), "the scratch dir was left behind"


@pytest.mark.parametrize("lab,wrong", sorted(EXPECTED))
def test_wrong_solution_fails_with_the_right_message(lab, wrong, tmp_path, ipc_cleanup):
    result = checked(lab, LABS / lab / f"{wrong}.c", tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    failed = failures(result.stdout)
    expected = EXPECTED[(lab, wrong)]
    titles = {want: [t for t in failed if t.startswith(want)] for want in expected}
    required = {want for want, fragments in expected.items() if fragments is not None}
    assert all(len(titles[want]) == 1 for want in required), result.stdout
    assert all(len(t) <= 1 for t in titles.values()), result.stdout
    assert len(failed) == sum(len(t) for t in titles.values()), \
        f"unexpected failures:\n{result.stdout}"
    for want in required:
        fragments, message = expected[want], failed[titles[want][0]]
        for fragment in fragments:
            assert fragment in message, f"{want}: {fragment!r} not in\n{message}"
    assert "see: minish lesson" in result.stdout
    assert "Traceback" not in result.stderr


def checked_python(lab: str, solution: Path, tmp_path: Path):
    assert minish_lab(["start", lab, "work", "--python"], tmp_path).returncode == 0
    assert not (tmp_path / "work" / "Makefile").exists()
    shutil.copy(solution, tmp_path / "work" / f"{lab}.py")
    return minish_lab(["check", "work"], tmp_path)


@pytest.mark.parametrize("lab", sorted({lab for lab, _ in EXPECTED_PYTHON}))
def test_python_reference_passes_the_same_checks(lab, tmp_path):
    python = checked_python(lab, LABS / lab / "python" / "good.py", tmp_path)
    assert python.returncode == 0, python.stdout + python.stderr
    (tmp_path / "c").mkdir()
    c = checked(lab, LABS / lab / "good.c", tmp_path / "c")
    titles = [line.split("`")[-1] for line in python.stdout.splitlines() if "PASS" in line]
    assert titles == [line.split("`")[-1] for line in c.stdout.splitlines() if "PASS" in line]


@pytest.mark.parametrize("lab,wrong", sorted(EXPECTED_PYTHON))
def test_python_wrong_solution_fails_with_the_right_message(lab, wrong, tmp_path):
    result = checked_python(lab, LABS / lab / "python" / f"{wrong}.py", tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    failed = failures(result.stdout)
    expected = EXPECTED_PYTHON[(lab, wrong)]
    assert len(failed) == len(expected), result.stdout
    for want, fragments in expected.items():
        [title] = [t for t in failed if t.startswith(want)]
        for fragment in fragments:
            assert fragment in failed[title], f"{want}: {fragment!r} not in\n{failed[title]}"


def test_every_wrong_solution_is_in_the_table():
    shipped = {(p.parent.name, p.stem) for p in LABS.glob("*/wrong_*.c")}
    assert shipped == set(EXPECTED)
    python = {(p.parent.parent.name, p.stem) for p in LABS.glob("*/python/wrong_*.py")}
    assert python == set(EXPECTED_PYTHON)
    for lab in labs_with_tests():
        assert len([w for (name, w) in EXPECTED if name == lab]) >= 3, lab


@pytest.mark.parametrize("lab", labs_with_tests())
def test_the_skeleton_compiles_and_fails(lab, tmp_path):
    assert minish_lab(["start", lab, "work"], tmp_path).returncode == 0
    result = minish_lab(["check", "work"], tmp_path)
    assert result.returncode == 1
    assert "FAIL" in result.stdout and "does not compile" not in result.stdout
    assert " error" not in result.stdout, result.stdout
    # The starter code does nothing: it may end by itself, and that is all.
    # A check that found nothing to look at fails ("not checked yet").
    passed = [line[8:] for line in result.stdout.splitlines() if line.startswith("  PASS  ")]
    assert all(title.endswith("ends by itself") for title in passed), result.stdout


def test_every_lab_is_complete_and_points_at_a_real_lesson():
    from minish.teach import lab, lesson
    for each in lab.all_labs():
        assert {"Makefile", "README.md", each.student_file} <= set(each.files()), each.name
        assert lesson.find(each.lesson) is not None, each.lesson
        assert (ROOT / "minish" / "teach" / f"grade_{each.name.replace('-', '_')}.py").exists()
        assert (LABS / each.name / "good.c").exists(), f"{each.name}: no reference solution"


def test_list_start_and_progress(tmp_path):
    listing = minish_lab([], tmp_path)
    assert listing.returncode == 0
    for lab in labs_with_tests():
        assert f"  {lab} " in listing.stdout
    assert "[not started]" in listing.stdout
    started = minish_lab(["start", "pipeline"], tmp_path)
    assert started.returncode == 0
    assert {"pipeline.c", "Makefile", "README.md"} <= set(os.listdir(tmp_path / "pipeline"))
    assert "started in" in minish_lab([], tmp_path).stdout
    shutil.copy(LABS / "pipeline" / "good.c", tmp_path / "pipeline" / "pipeline.c")
    os.chdir(tmp_path / "pipeline")
    try:                                        # `minish lab check` with no DIR: here
        result = subprocess.run([MINISH, "lab", "check"], env=lab_env(tmp_path),
                                capture_output=True, text=True, timeout=120)
    finally:
        os.chdir(ROOT)
    assert result.returncode == 0, result.stdout
    assert "9/9 checks passed - done" in minish_lab([], tmp_path).stdout


def test_the_makefile_builds_the_reference(tmp_path):
    """What README.md tells the student to do by hand works."""
    assert minish_lab(["start", "pipeline", "w"], tmp_path).returncode == 0
    shutil.copy(LABS / "pipeline" / "good.c", tmp_path / "w" / "pipeline.c")
    subprocess.run(["make", "-s"], cwd=tmp_path / "w", check=True, capture_output=True)
    run = subprocess.run(["./pipeline", "echo", "wc"], cwd=tmp_path / "w",
                         capture_output=True, text=True, timeout=10)
    assert run.stdout.split() == ["1", "0", "1"]


@pytest.mark.parametrize("args,message,status", [
    (["start", "nope"], "minish: lab: nope: no such lab", 1),
    (["start", "system", "w", "--python"], "minish: lab: system: this lab has no Python", 1),
    (["check", "empty"], "minish: lab: empty: no lab here", 1),
    (["check", "gone"], "minish: lab: gone/pipeline.c: No such file or directory", 1),
    (["frobnicate"], "minish: lab: usage:", 2),
])
def test_bad_input(args, message, status, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "gone").mkdir()
    (tmp_path / "gone" / ".minish-lab").write_text("pipeline\n")
    result = minish_lab(args, tmp_path)
    assert result.returncode == status
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr


def test_start_does_not_overwrite_the_students_work(tmp_path):
    assert minish_lab(["start", "system", "w"], tmp_path).returncode == 0
    (tmp_path / "w" / "my_system.c").write_text("/* mine */\n")
    result = minish_lab(["start", "system", "w"], tmp_path)
    assert result.returncode == 1 and "already exists" in result.stderr
    assert (tmp_path / "w" / "my_system.c").read_text() == "/* mine */\n"


def test_compile_errors_are_shown(tmp_path):
    assert minish_lab(["start", "pipeline", "w"], tmp_path).returncode == 0
    (tmp_path / "w" / "pipeline.c").write_text("int main(void) { return nope; }\n")
    result = minish_lab(["check", "w"], tmp_path)
    assert result.returncode == 1
    assert "'nope' undeclared" in result.stdout
    assert "pipeline.c does not compile" in result.stdout


def test_missing_strace_is_a_clear_message(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "cc").symlink_to(shutil.which("cc"))
    env = dict(lab_env(tmp_path), PATH=str(bin_dir))
    assert minish_lab(["start", "pipeline", "w"], tmp_path).returncode == 0
    result = minish_lab(["check", "w"], tmp_path, env)
    assert result.returncode == 127
    assert result.stderr.startswith("minish: lab: strace: not found"), result.stderr


def test_fork_bomb_is_contained_and_cleaned_up(tmp_path):
    """RLIMIT_NPROC (as `nobody` when root), the time limit, then kill the session."""
    assert minish_lab(["start", "pipeline", "w"], tmp_path).returncode == 0
    (tmp_path / "w" / "pipeline.c").write_text(
        "#include <unistd.h>\nint main(void) { for (;;) fork(); }\n")
    result = minish_lab(["check", "w"], tmp_path)
    assert result.returncode == 1
    assert "did not end in 5 s" in result.stdout
    assert not list(tmp_path.glob("minish-lab-*"))
    leftovers = [pid for pid in os.listdir("/proc") if pid.isdigit()
                 and _cwd(pid).startswith(str(tmp_path))]
    assert leftovers == []


def test_a_crash_is_reported_with_its_signal(tmp_path):
    assert minish_lab(["start", "pipeline", "w"], tmp_path).returncode == 0
    (tmp_path / "w" / "pipeline.c").write_text(
        "int main(void) { *(volatile int *)0 = 1; return 0; }\n")
    result = minish_lab(["check", "w"], tmp_path)
    assert result.returncode == 1
    message = failures(result.stdout)["`./pipeline ls wc` ends by itself"]
    assert "killed by a signal" in message and "WTERMSIG(s) == SIGSEGV" in message


def test_ipc_objects_the_program_leaves_are_removed(tmp_path, ipc_cleanup):
    """A program that creates System V objects and exits: the grader removes them."""
    assert minish_lab(["start", "pipeline", "w"], tmp_path).returncode == 0
    (tmp_path / "w" / "pipeline.c").write_text(
        "#include <sys/ipc.h>\n#include <sys/sem.h>\n#include <sys/shm.h>\n"
        "#include <sys/msg.h>\n"
        "int main(void) { semget(IPC_PRIVATE, 1, 0600); shmget(IPC_PRIVATE, 4096, 0600);\n"
        "                 msgget(IPC_PRIVATE, 0600); return 0; }\n")
    before = ipc_objects()
    result = minish_lab(["check", "w"], tmp_path)
    assert result.returncode == 1 and "FAIL" in result.stdout
    assert ipc_objects() == before


def _cwd(pid: str) -> str:
    try:
        return os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return ""


# ---- in the student's language -----------------------------------------------------

LOCALES = {"es": "es_ES.UTF-8", "pt": "pt_BR.UTF-8"}


def in_words(template: str, **known) -> re.Pattern:
    """A catalog message as a pattern: the named values given, any other {name}
    as whatever the grader found (a pid...)."""
    parts = re.split(r"(\{\w+\})", template)
    return re.compile("".join(re.escape(str(known[p[1:-1]])) if p[1:-1] in known else ".+?"
                              if p.startswith("{") else re.escape(p) for p in parts))


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_the_lab_runner_and_grader_speak_the_students_language(lang, tmp_path):
    """With LANG=es_ES.UTF-8 or pt_BR.UTF-8, `minish lab` lists the labs with
    their titles in that language, `lab start` hands over the README in it,
    and a wrong solution's failed checks are explained in it: every text
    as the catalog (minish/locale) and lab.ini say, never English."""
    catalog = gettext.translation("minish", str(ROOT / "minish" / "locale"), [lang])
    say = catalog.gettext
    env = dict(lab_env(tmp_path), LANG=LOCALES[lang])
    del env["LC_ALL"]
    ini = configparser.ConfigParser()
    ini.read(PACKAGE_LABS / "pipeline" / "lab.ini", encoding="utf-8")
    listing = minish_lab([], tmp_path, env)
    assert listing.returncode == 0
    assert f"  pipeline     {ini['lab'][f'title.{lang}']}  [{say('not started')}]" in listing.stdout
    readme = f"README.{lang}.md" if (PACKAGE_LABS / "pipeline" / f"README.{lang}.md").exists() \
        else "README.md"
    started = minish_lab(["start", "pipeline", "work"], tmp_path, env)
    assert started.stdout.endswith(say("Write {file}, read {readme}, then: minish lab check "
                                       "{directory}").format(file="pipeline.c", readme=readme,
                                                             directory="work") + "\n")
    assert {"README.md", readme} <= set(os.listdir(tmp_path / "work"))
    shutil.copy(LABS / "pipeline" / "wrong_nowait.c", tmp_path / "work" / "pipeline.c")
    result = minish_lab(["check", "work"], tmp_path, env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    failed = failures(result.stdout)
    status, reaps = say("the program exits with CMD2's status"), \
        say("the parent reaps both children (no zombie)")
    assert set(failed) == {status, reaps}, result.stdout
    assert say("`./{name} true false` exited with {status}; `true | false` gives 1, false's "
               "status: wait for CMD2 and exit with WEXITSTATUS.").format(
                   name="pipeline", status=0) in failed[status].replace("\n", " ")
    for child in (1, 2):
        assert in_words(say("the parent never waited for child {number} (pid {pid}); it exited "
                            "leaving it to init, and its status was lost."), number=child) \
            .search(failed[reaps].replace("\n", " ")), failed[reaps]
    assert say("see: minish lesson {lesson}").format(lesson="pipes") in result.stdout
    total = len(re.findall(r"^  (PASS|FAIL)  ", result.stdout, re.M))
    assert catalog.ngettext("{passed} of {total} check passed.",
                            "{passed} of {total} checks passed.", total).format(
                                passed=total - 2, total=total) in result.stdout
