"""The engine's messages in Spanish and Portuguese (issue #16): what a
student meets most -- a command not found, a syntax error, a redirection to
a missing file, a bad substitution, an unbound variable, arithmetic, a job
notice at the prompt -- reaches the terminal translated, with its
placeholders filled.

Expected texts come from the catalogs (minish/locale/LANG/.../minish.po,
read with Babel), never from a copy of the translation here; C library
texts (strerror, strsignal) from what bash prints under the same locale.
"""
from __future__ import annotations

import signal
import subprocess

import pytest
from babel.messages.pofile import read_po

from conftest import MINISH, ROOT, shell_env
from interactive import Session, process_states, tagged_pids, wait_for

LOCALES = {"es": "es_ES.UTF-8", "pt": "pt_BR.UTF-8"}
_catalogs: dict = {}


def said(lang: str, msgid: str, **values) -> str:
    """The catalog's translation of `msgid`, formatted; it must differ from
    the English (else the test could not tell a translated message)."""
    if lang not in _catalogs:
        path = ROOT / "minish" / "locale" / lang / "LC_MESSAGES" / "minish.po"
        with open(path, "rb") as f:
            _catalogs[lang] = read_po(f, locale=lang)
    entry = _catalogs[lang].get(msgid)
    assert entry is not None and entry.string and entry.string != msgid, msgid
    return entry.string.format(**values)


def run(shell: str, script: str, lang: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**shell_env(tmp_path), "LC_ALL": LOCALES[lang]}
    return subprocess.run([shell, "-c", script], env=env, cwd=tmp_path, capture_output=True,
                          text=True)


# (script, msgid, its placeholders, exit status -- bash's)
MESSAGES = [
    ("nosuch-cmd-xyz", "{name}: command not found", {"name": "nosuch-cmd-xyz"}, 127),
    ("echo a )", "syntax error near unexpected token `{token}'", {"token": ")"}, 2),
    ("echo ${x!}", "{name}: bad substitution", {"name": "${x!}"}, 1),
    ("set -u; echo $not_set_anywhere", "{name}: unbound variable",
     {"name": "not_set_anywhere"}, 127),
    ("readonly r=1; r=2", "{name}: readonly variable", {"name": "r"}, 1),
    ("echo hi > $nothing_here", "{name}: ambiguous redirect", {"name": "$nothing_here"}, 1),
    ("set -C; : > f; echo x > f", "{name}: cannot overwrite existing file", {"name": "f"}, 1),
    ("x=; : ${x:?}", "{name}: {message}", None, 127),
]


@pytest.mark.parametrize("lang", LOCALES)
@pytest.mark.parametrize("script,msgid,values,status", MESSAGES,
                         ids=[m[1].split(":")[-1].strip() for m in MESSAGES])
def test_message_reaches_stderr_translated(lang, script, msgid, values, status, tmp_path):
    if values is None:                          # ${x:?}: the default message of ${x?}
        expected = said(lang, "parameter null or not set")
        expected = f"x: {expected}"
    else:
        expected = said(lang, msgid, **values)
    result = run(MINISH, script, lang, tmp_path)
    assert result.stderr == f"minish: {expected}\n"
    assert result.returncode == status == run("bash", script, lang, tmp_path).returncode


@pytest.mark.parametrize("lang", LOCALES)
def test_arithmetic_error_is_one_sentence_with_its_problem_translated(lang, tmp_path):
    problem = said(lang, "division by 0")
    expected = said(lang, '{expression}: {problem} (error token is "{token}")',
                    expression="7/0", problem=problem, token="0")
    result = run(MINISH, "echo $((7/0))", lang, tmp_path)
    assert result.stderr == f"minish: {expected}\n"


@pytest.mark.parametrize("lang", LOCALES)
def test_missing_file_on_a_redirection_says_what_bash_says(lang, tmp_path):
    """The C library's text (strerror), as bash prints it under that locale."""
    ours = run(MINISH, "cat < no-such-file", lang, tmp_path)
    bash = run("bash", "cat < no-such-file", lang, tmp_path)
    assert ours.stderr.startswith("minish: no-such-file: ")
    assert ours.stderr.rsplit(": ", 1)[1] == bash.stderr.rsplit(": ", 1)[1]
    assert "No such file" not in ours.stderr            # the machine has the locale
    assert ours.returncode == bash.returncode == 1


@pytest.mark.parametrize("lang", LOCALES)
def test_usage_is_translated(lang, tmp_path):
    from minish.__main__ import usage                        # English here (conftest)
    env = {**shell_env(tmp_path), "LC_ALL": LOCALES[lang]}
    helped = subprocess.run([MINISH, "--help"], env=env, capture_output=True, text=True)
    assert helped.stdout == said(lang, usage())
    bad = subprocess.run([MINISH, "--bogus"], env=env, capture_output=True, text=True)
    assert bad.stderr.startswith("minish: " + said(lang, "{option}: invalid option",
                                                   option="--bogus") + "\n")
    assert bad.returncode == 2


def test_messages_are_in_english_under_c(tmp_path):
    """The same scripts under LC_ALL=C: bash's English wording, unchanged."""
    env = shell_env(tmp_path)
    for script, msgid, values, _status in MESSAGES:
        if values is None:
            continue
        result = subprocess.run([MINISH, "-c", script], env=env, cwd=tmp_path,
                                capture_output=True, text=True)
        assert result.stderr == "minish: " + msgid.format(**values) + "\n"


# ---- at the prompt ---------------------------------------------------------------

@pytest.fixture(params=list(LOCALES))
def session(request, tmp_path):
    lang = request.param
    sh = Session(tmp_path, extra_env={"LC_ALL": LOCALES[lang]})
    sh.lang = lang
    yield sh
    sh.close()


def _strsignal(lang: str, signum: int) -> str:
    """strsignal(3) under that locale: what bash prints for a killed job."""
    code = ("import locale, signal; locale.setlocale(locale.LC_MESSAGES, %r); "
            "print(signal.strsignal(%d))" % (LOCALES[lang], signum))
    return subprocess.run(["python3", "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_job_notices_at_the_prompt_are_translated(session):
    sh, lang = session, session.lang
    pid = int(sh.run("sleep 0.1 &").split()[-1])             # "[1] 4242"
    assert wait_for(lambda: process_states([pid]) == ["gone"])   # ended and reaped
    out = sh.run("true")
    assert f"[1]+  {said(lang, 'Done'):<24}sleep 0.1" in out

    sh.run("sleep 30 &")
    running = said(lang, "Running")
    assert f"[1]+  {running:<24}sleep 30 &" in sh.run("jobs")
    out = sh.run("kill %1")
    killed = _strsignal(lang, signal.SIGTERM)
    assert killed != "Terminated"
    assert f"[1]+  {killed:<24}sleep 30" in out


def test_stopped_job_and_the_exit_warning_are_translated(session):
    sh, lang = session, session.lang
    sh.child.sendline("sleep 30")
    assert wait_for(lambda: tagged_pids(sh.tag, "sleep") != [])
    sh.control("z")
    stopped = said(lang, "Stopped")
    assert f"[1]+  {stopped:<24}sleep 30" in sh.prompt()
    assert sh.run("exit") == said(lang, "There are stopped jobs.") + "\n"
    sh.run("kill -9 %1")


def test_lang_typed_at_the_prompt_switches_the_notices(tmp_path):
    """As in bash: LANG assigned in the shell decides its next messages."""
    sh = Session(tmp_path, extra_env={"LC_ALL": ""})
    try:
        assert sh.run("nosuch-a") == "minish: nosuch-a: command not found\n"
        sh.run("LANG=pt_BR.UTF-8")
        assert sh.run("nosuch-b") == "minish: " + said(
            "pt", "{name}: command not found", name="nosuch-b") + "\n"
    finally:
        sh.close()
