"""The builtins in the course's languages: `help` (the list and each page)
shows the catalog's translation of every summary and docstring, a usage
error says "usage" as bash does under that locale but keeps the usage line
itself, and the builtins' errors read as bash's do in Spanish and Portuguese.
English stays as it was."""
from __future__ import annotations

import subprocess

import pytest

from babel.messages.pofile import read_po

from conftest import MINISH, ROOT, shell_env
import minish.builtins                                   # noqa: F401  (fills BUILTINS)
from minish.builtins.registry import BUILTINS, load_all
from minish.builtins.session import KEYWORDS

LOCALES = {"es": "es_ES.UTF-8", "pt": "pt_BR.UTF-8"}


def run(shell: str, script: str, tmp_path, lc_all: str = "C") -> subprocess.CompletedProcess:
    env = {**shell_env(tmp_path), "LC_ALL": lc_all}
    return subprocess.run([shell, "-c", script], env=env, cwd=tmp_path, capture_output=True,
                          text=True)


def catalog(lang: str):
    with open(ROOT / "minish" / "locale" / lang / "LC_MESSAGES" / "minish.po", "rb") as f:
        return read_po(f, locale=lang)


def translated(lang: str, text: str) -> str:
    entry = catalog(lang).get(text)
    assert entry is not None and entry.string, f"not in the {lang} catalog: {text!r}"
    return entry.string


def help_list(output: str) -> dict[str, str]:
    """`help`'s lines, name -> summary."""
    pairs = [line.split(None, 1) for line in output.splitlines()]
    return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in pairs}


def page(usage: str, summary: str, body: str) -> str:
    """What `help NAME` shows: the usage line, the summary, the body's lines
    indented by four (however the catalog indents them)."""
    lines = "".join("    " + line.strip() + "\n" for line in body.splitlines())
    return f"{usage}\n    {summary}\n\n" + (lines + "\n" if body != summary else "")


def entry(name: str):
    load_all()
    return BUILTINS.get(name) or KEYWORDS[name]


# -- help ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", LOCALES)
def test_help_lists_every_builtin_with_the_catalogs_summary(lang, tmp_path):
    english = run(MINISH, "help", tmp_path)
    theirs = run(MINISH, "help", tmp_path, LOCALES[lang])
    assert english.returncode == theirs.returncode == 0
    english_list, their_list = help_list(english.stdout), help_list(theirs.stdout)
    assert list(their_list) == list(english_list)          # same builtins, same order
    assert len(their_list) > 60                             # every builtin of `minish -c`
    for name, summary in english_list.items():
        assert their_list[name] == translated(lang, summary), name
        assert their_list[name] != summary, f"{name}: still in English"


@pytest.mark.parametrize("name", ["cd", "kill", "set", "ipcs", "time"])
@pytest.mark.parametrize("lang", LOCALES)
def test_help_page_is_the_catalogs(lang, name, tmp_path):
    """A builtin of ours, one of the teaching lens's, and the `time` keyword:
    the usage line stays (it is syntax), the summary and the page are translated."""
    b = entry(name)
    said = run(MINISH, f"help {name}", tmp_path, LOCALES[lang])
    assert said.returncode == 0 and said.stderr == ""
    assert said.stdout == page(b.usage, translated(lang, b.summary), translated(lang, b.help))
    assert said.stdout.splitlines()[0] == b.usage
    assert b.help.splitlines()[0].strip() not in said.stdout


@pytest.mark.parametrize("name", ["cd", "help", "time", "ipcs"])
def test_english_help_is_the_docstring(name, tmp_path):
    b = entry(name)
    said = run(MINISH, f"help {name}", tmp_path)
    assert said.stdout == page(b.usage, b.summary, b.help)
    assert said.stdout.startswith(f"{b.usage}\n    {b.summary}\n\n")


def test_english_help_list_is_the_registrys_summaries(tmp_path):
    load_all()
    said = help_list(run(MINISH, "help", tmp_path).stdout)
    assert said == {name: BUILTINS[name].summary for name in sorted(BUILTINS)}
    assert said["cd"] == "change the working directory"


@pytest.mark.parametrize("lang", LOCALES)
def test_help_for_an_unknown_name(lang, tmp_path):
    said = run(MINISH, "help nosuch-topic", tmp_path, LOCALES[lang])
    message = translated(lang, "no help topics match `{name}'").format(name="nosuch-topic")
    assert said.stderr == f"minish: help: {message}\n"
    assert said.returncode == 1
    # ... and it begins as bash's does under that locale (bash adds suggestions)
    bash = run("bash", "help nosuch-topic", tmp_path, LOCALES[lang]).stderr
    assert message in bash


# -- usage errors and bash's messages ---------------------------------------

@pytest.mark.parametrize("lang", LOCALES)
def test_usage_error_translates_the_word_not_the_line(lang, tmp_path):
    ours = run(MINISH, "umask -x", tmp_path, LOCALES[lang])
    bash = run("bash", "umask -x", tmp_path, LOCALES[lang])
    assert ours.returncode == bash.returncode == 2
    complaint, usage = ours.stderr.splitlines()
    bash_complaint, bash_usage = bash.stderr.splitlines()
    assert complaint.removeprefix("minish: ") == bash_complaint.split(": ", 2)[2]
    word = bash_usage.split(": ")[1]                       # "modo de empleo", "uso"
    assert word not in ("usage", "")
    assert usage == f"umask: {word}: umask [-p] [-S] [mode]"


BASH_SAYS_THE_SAME = [
    "cd /nonexistent-dir", "cd a b", "unset HOME; cd", "shift a", "shift 1 2", "popd", "pushd",
    "kill %3", "fg", "export 1a", "let", "test 1 -eq a", "[ 1", "test a -z", "alias zz",
    "unalias zz", "type zz", "hash zz", "read -t x", "read -n x", "umask 999",
    "set -o foo",
    "shopt -s foo", "kill -9 99999999", "wait %4", "trap x FOO", "exit a",
    "echo hi > /dev/full",
]


@pytest.mark.parametrize("script", BASH_SAYS_THE_SAME)
@pytest.mark.parametrize("lang", LOCALES)
def test_builtin_errors_read_as_bashs(lang, script, tmp_path):
    """The same error, the same words: stderr minus the shell's name and
    bash's "línea 1: "/"linha 1: " prefix, and the same status."""
    ours = run(MINISH, script, tmp_path, LOCALES[lang])
    bash = run("bash", script, tmp_path, LOCALES[lang])
    assert ours.returncode == bash.returncode
    bash_lines = [line.split(": ", 2)[2] for line in bash.stderr.splitlines()]
    assert bash_lines and all(line.startswith("minish: ") for line in ours.stderr.splitlines())
    assert [line.removeprefix("minish: ") for line in ours.stderr.splitlines()] == bash_lines
    english = run(MINISH, script, tmp_path).stderr
    assert english != ours.stderr                          # it was translated


@pytest.mark.parametrize("lang", LOCALES)
def test_type_says_what_a_name_is_in_the_catalogs_words(lang, tmp_path):
    said = run(MINISH, "f() { :; }; type cd if f", tmp_path, LOCALES[lang])
    assert said.stdout.splitlines() == [
        translated(lang, "{name} is a shell builtin").format(name="cd"),
        translated(lang, "{name} is a shell keyword").format(name="if"),
        translated(lang, "{name} is a function").format(name="f")]


@pytest.mark.parametrize("script", ["getopts", "printf", "printf -v", "unalias", "eval -x", "umask -x"])
def test_usage_errors_take_the_one_usage_path(script, tmp_path):
    """Every usage error is printed by the registry (builtins/args.py's
    UsageError): in English exactly bash's lines and status."""
    ours = run(MINISH, script, tmp_path)
    bash = run("bash", script, tmp_path)
    assert ours.returncode == bash.returncode == 2
    bash_lines = [line.replace("bash: line 1: ", "minish: ", 1) for line in bash.stderr.splitlines()]
    assert ours.stderr.splitlines() == bash_lines
