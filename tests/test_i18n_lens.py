"""The teaching lens in Spanish and Portuguese: status, explain, ids, sigs,
times -v, the System V tools and a helper program say the catalog's words
with the numbers filled in, while what no language changes (macros, errno
and signal names, syscall notation, /proc field names) stays as it is; and
English is what it was.  Expected texts come from the .po files (babel),
never from a copy of the translation."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from conftest import MINISH, ROOT, shell_env

LOCALES = {"es": "es_ES.UTF-8", "pt": "pt_BR.UTF-8"}
_catalogs: dict = {}


def said(lang: str, msgid: str, **values) -> str:
    """The catalog's text for `msgid` in `lang`, its placeholders filled."""
    if lang not in _catalogs:
        with open(ROOT / "minish" / "locale" / lang / "LC_MESSAGES" / "minish.po", "rb") as f:
            _catalogs[lang] = read_po(f, locale=lang)
    entry = _catalogs[lang].get(msgid)
    assert entry is not None and entry.string, f"no {lang} translation of {msgid!r}"
    return entry.string.format(**values)


def run(script: str, tmp_path, lang: str | None = None) -> subprocess.CompletedProcess:
    env = shell_env(tmp_path)
    if lang:
        env["LC_ALL"] = LOCALES[lang]
    proc = subprocess.run([MINISH, "-c", script], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=30)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.mark.parametrize("lang", LOCALES)
def test_status_decodes_in_the_students_language(lang, tmp_path):
    out = run("status; sh -c 'exit 3'; status; sh -c 'kill -PIPE $$'; status", tmp_path,
              lang).stdout.splitlines()
    assert out[1] == said(lang, "no job has run yet")
    exited = said(lang, "normal exit, status {code} (WIFEXITED, WEXITSTATUS = {code})", code=3)
    killed = said(lang, "killed by signal {n} {name} (WIFSIGNALED, WTERMSIG = {n})",
                  n=13, name="SIGPIPE")
    row = re.compile(r"pid (\d+) +(.*?)  (.*)$")
    for line, raw, decoded in ((out[3], "0x0300", exited), (out[5], "0x000d", killed)):
        pid, command, rest = row.fullmatch(line).groups()
        assert line == said(lang, "pid {pid} {command}  raw {raw}  {decoded}",
                            pid=f"{pid:<7}", command=command, raw=raw, decoded=decoded)
    # what a lesson checks is there in every language
    assert "WEXITSTATUS = 3)" in out[3] and "WTERMSIG = 13)" in out[5]


def test_status_in_english_is_unchanged(tmp_path):
    out = run("sh -c 'exit 3'; status", tmp_path).stdout
    assert re.fullmatch(r"\$\? = 3\npid \d+ +sh -c 'exit 3'  raw 0x0300  normal exit, status 3 "
                        r"\(WIFEXITED, WEXITSTATUS = 3\)\n", out)


@pytest.mark.parametrize("lang", LOCALES)
def test_explain_a_pipeline(lang, tmp_path):
    out = run("explain 'ls | wc -l'", tmp_path, lang).stdout
    lines = out.splitlines()
    assert lines[0] == "# " + said(lang, "nothing is run: variables and globs expand as they "
                                         "would now; $(...) is not run")
    assert lines[1] == said(lang, "pipeline of {n}: {pipes} pipe(s), {n} fork()s -- every stage "
                                  "is a child, builtins too; the shell closes its copies of the "
                                  "pipe ends", n=2, pipes=1)
    stage = said(lang, "stage {n}: ", n=1) + said(lang, "child process: {what}",
                                                  what="execve('/usr/bin/ls', ['ls'])")
    assert lines[2].strip() == stage
    assert said(lang, "pipe {n} (write end)", n=1) in lines[3]
    assert said(lang, "the shell waits for all {n} (wait4); $? is the last stage's status",
                n=2) in lines
    assert lines[-1] == "# " + said(lang, "in all: {n} fork()s", n=2)


@pytest.mark.parametrize("lang", LOCALES)
def test_explain_keeps_the_call_notation(lang, tmp_path):
    out = run("explain 'ls nope 2>&1 >f'", tmp_path, lang).stdout
    assert "dup2(1, 2)  " + said(lang, "fd {fd} now shares fd {source}'s file, as it is now",
                                  fd=2, source=1) in out
    assert said(lang, "open {file}, dup2 it to {fd}, close the extra fd", file="'f'", fd=1) in out


@pytest.mark.parametrize("lang", LOCALES)
def test_ids_try_and_sim_give_the_rules(lang, tmp_path):
    out = run("ids try setuid 0", tmp_path, lang).stdout.splitlines()
    assert out[0].startswith(said(lang, "start"))
    assert out[2].startswith("setuid(0)     = 0  -> " + said(lang, "real {id} ({name})",
                                                            id=0, name="root"))
    assert out[3].strip() == "(" + said(lang, "with privilege (effective ID 0), setuid sets all "
                                              "three IDs: real, effective and saved -- there "
                                              "is no way back") + ")"
    # a refusal: EPERM and its text as the C library says it in that language
    sim = run("ids sim from 1000 1000 1000 setuid 0", tmp_path, lang)
    lines = sim.stdout.splitlines()
    assert sim.returncode == 1
    assert lines[0] == said(lang, "SIMULATION: the kernel's rules (kernel/sys.c) applied in "
                                  "Python; no system call is made")
    eperm = subprocess.run([sys.executable, "-c", "import locale, os; locale.setlocale("
                            "locale.LC_ALL, ''); print(os.strerror(1))"], capture_output=True,
                           text=True, env={"LC_ALL": LOCALES[lang]}).stdout.strip()
    assert lines[3] == f"setuid(0)     = -1 EPERM ({eperm})"
    assert lines[4].strip() == said(lang, "without privilege, setuid may only set the effective "
                                          "ID, and only to the real ID or the saved "
                                          "set-user-ID")


@pytest.mark.parametrize("lang", LOCALES)
def test_sigs_names_each_set(lang, tmp_path):
    out = run("trap '' QUIT; trap 'echo' TERM; sigs", tmp_path, lang).stdout.splitlines()
    fields = ["SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt"]
    labels = ["pending (this thread)", "pending (process)", "blocked", "ignored", "caught"]
    for line, field, label in zip(out, fields, labels):
        assert line.startswith(said(lang, label) + " ") and f" {field} " in line
    assert "SIGQUIT" in out[3] and "SIGTERM" in out[4]
    assert len(out) == 5


@pytest.mark.parametrize("lang", LOCALES)
def test_times_v_fills_in_the_numbers(lang, tmp_path):
    out = run("times -v", tmp_path, lang).stdout.splitlines()
    ticks = os.sysconf("SC_CLK_TCK")
    assert re.fullmatch(r"struct tms: tms_utime=\d+ tms_stime=\d+ tms_cutime=\d+ "
                        r"tms_cstime=\d+  " + re.escape(said(lang, "(clock ticks)")), out[2])
    assert out[3] == said(lang, "CLK_TCK={n} ticks per second", n=ticks)
    pattern = "elapsed " + re.escape(said(lang, "(times' return value): {ticks} ticks = "
                                               "{seconds} s", ticks="TICKS", seconds="SECONDS"))
    assert re.fullmatch(pattern.replace("TICKS", r"\d+").replace("SECONDS", r"\d+\.\d\d"), out[4])


@pytest.mark.parametrize("lang", LOCALES)
def test_system_v_errors_keep_the_errno_name(lang, tmp_path, ipc_cleanup):
    proc = run("q=$(ipcmk -Q | cut -d' ' -f4); msgrcv -n $q; ipcrm -q $q", tmp_path, lang)
    assert proc.stderr.startswith("minish: msgrcv: ")
    assert "(ENOMSG) -- " + said(lang, "no message of that type (and IPC_NOWAIT)") in proc.stderr
    proc = run("ipcs -z", tmp_path, lang)
    assert proc.stderr == "minish: ipcs: " + said(lang, "invalid option -- '{letter}'",
                                                   letter="z") + "\n"


def test_ipcs_listings_stay_as_util_linux_prints_them(tmp_path):
    """util-linux's listings are not translated on a system without its
    translations (util-linux-locales); ours follow what this one prints."""
    env = {**shell_env(tmp_path), "LC_ALL": LOCALES["es"]}
    theirs = subprocess.run(["ipcs", "-l"], env=env, capture_output=True, text=True).stdout
    ours = run("ipcs -l", tmp_path, "es").stdout
    if theirs.splitlines()[1] != "------ Messages Limits --------":
        pytest.fail("util-linux translates ipcs here: translate our listings too")
    assert ours == theirs


@pytest.mark.parametrize("lang", LOCALES)
def test_a_helper_program_speaks_the_language(lang, tmp_path):
    env = {**shell_env(tmp_path), "LC_ALL": LOCALES[lang], "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "minish.helpers.primes", "1", "100", "2"],
                         env=env, capture_output=True, text=True, cwd=tmp_path).stdout
    assert out.splitlines()[-1] == said(lang, "primes in {interval}: {total}",
                                        interval="[1, 100]", total=25)
    assert re.search(r"^" + re.escape(said(lang, "worker {pid}: {count} primes in {interval}",
                                           pid="PID", count=15, interval="[1, 50]"))
                     .replace("PID", r"\d+") + "$", out, re.M)
