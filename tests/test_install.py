"""minish installed the way a student installs it: a wheel, in a venv outside
the repository, run from a directory that is not the checkout.

The wheel is built from a copy of the source (so the build writes nothing in
the checkout) and installed with pip, `--no-deps --no-index`: the copy of
minish under test comes only from the wheel.  Its dependencies
(prompt_toolkit, pygments) are the ones already installed in the project's
venv, made visible by one .pth line; that keeps the test offline and fast.
A check below makes sure `minish` itself is imported from the new venv.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pexpect
import pytest

from conftest import ROOT, SUITE_TAG, SUITE_TMP
from interactive import kill_tagged

SOURCE_IGNORE = shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info", "build",
                                       ".pytest_cache", ".hypothesis")
LESSONS = sorted(p.name for p in (ROOT / "minish" / "lessons").glob("*.lesson"))


class Installed:
    def __init__(self, top: Path) -> None:
        self.top = top
        self.venv = top / "venv"
        self.bin = self.venv / "bin"
        self.minish = str(self.bin / "minish")
        self.python = str(self.bin / "python")
        self.home = top / "home"
        self.home.mkdir()

    def env(self, **extra: str) -> dict[str, str]:
        return {"PATH": f"{self.bin}:/usr/local/bin:/usr/bin:/bin", "HOME": str(self.home),
                "LC_ALL": "C.UTF-8", "TERM": "dumb", "PROMPT_TOOLKIT_NO_CPR": "1",
                "TMPDIR": SUITE_TMP, "MINISH_SUITE_TAG": SUITE_TAG, **extra}

    def run(self, argv: list[str], **extra) -> subprocess.CompletedProcess:
        return subprocess.run(argv, cwd=self.home, env=self.env(**extra), capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=60)


def pip(*args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    top = tmp_path_factory.mktemp("install")
    shutil.copytree(ROOT, top / "src", ignore=SOURCE_IGNORE)
    pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(top / "wheel"), str(top / "src"))
    inst = Installed(top)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(inst.venv)], check=True)
    wheel = next((top / "wheel").glob("minish-*.whl"))
    pip("--python", inst.python, "install", "--quiet", "--no-deps", "--no-index", str(wheel))
    site = subprocess.run([inst.python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "project-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    inst.wheel = wheel
    return inst


def test_the_wheel_carries_every_lesson(installed):
    names = zipfile.ZipFile(installed.wheel).namelist()
    shipped = sorted(n.removeprefix("minish/lessons/") for n in names
                     if n.startswith("minish/lessons/") and n.endswith(".lesson"))
    # the translations (lessons/es/, lessons/pt/) travel with the English files
    every = sorted(str(p.relative_to(ROOT / "minish" / "lessons"))
                   for p in (ROOT / "minish" / "lessons").rglob("*.lesson"))
    assert shipped == every and len(LESSONS) >= 16


def test_minish_comes_from_the_new_venv_not_the_checkout(installed):
    # `minish` is a namespace package: every portion of it must be the venv's.
    out = installed.run([installed.python, "-c", "import minish, minish.shell; "
                         "print(*minish.__path__, minish.shell.__file__)"]).stdout
    assert out.split() and all(p.startswith(str(installed.venv)) for p in out.split()), out
    assert installed.run(["minish", "-c", "echo $((6 * 7))"]).stdout == "42\n"


def test_installed_minish_lists_every_lesson(installed):
    proc = installed.run(["minish", "lesson"])
    assert proc.returncode == 0, proc.stderr
    for name in LESSONS:
        assert name.removesuffix(".lesson") in proc.stdout
    assert "Pipes: connecting processes" in proc.stdout


def test_installed_minish_runs_a_lesson(installed):
    tag = f"install-lesson-{os.getpid()}"
    child = pexpect.spawn(installed.minish, ["lesson", "pipes"], cwd=str(installed.home),
                          env=installed.env(MINISH_TEST_TAG=tag, MINISH_EDITOR="plain",
                                            TERM="xterm"),
                          encoding="utf-8", codec_errors="replace", timeout=30)
    try:
        child.expect_exact("your answer> ")         # step 1 asks for a prediction first
        child.sendline("2")
        child.expect_exact("lesson 1/6> ")
        child.sendline("cat fruit.txt | wc -l")
        child.expect_exact("✓ that's it")
        child.expect_exact("lesson 2/6> ")
        child.sendline("quit")
        child.expect_exact("lesson paused at step 2")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)


def test_installed_demo_help(installed):
    proc = installed.run(["minish", "demo", "--help"])
    assert proc.returncode == 0 and proc.stderr == ""
    assert "minish demo FILE" in proc.stdout and "--record" in proc.stdout


def test_installed_pygments_lexer(installed):
    # `pygmentize -l minish` is `python -m pygments -l minish`; run with the new
    # venv's python, so the entry point is the wheel's own metadata.
    proc = subprocess.run([installed.python, "-m", "pygments", "-l", "minish", "-f", "html"],
                          input="echo hi | wc -l > out\n", capture_output=True, text=True,
                          env=installed.env(), cwd=installed.home, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert '<div class="highlight">' in proc.stdout and "echo" in proc.stdout
    where = installed.run([installed.python, "-c",
                           "import sys; from pygments.lexers import get_lexer_by_name; "
                           "print(sys.modules[type(get_lexer_by_name('minish')).__module__].__file__)"])
    assert where.stdout.startswith(str(installed.venv)), where.stdout + where.stderr


def test_an_instructors_lessons_directory(installed, tmp_path):
    mine = tmp_path / "course"
    mine.mkdir()
    (mine / "99-welcome.lesson").write_text(
        "title: Welcome to our course\ngoals:\n  - say hello\n\nstep: Hello\n"
        "  type: echo hello\n  check: output contains hello\n  hint: echo hello\n")
    by_env = installed.run(["minish", "lesson"], MINISH_LESSONS=str(mine))
    by_option = installed.run(["minish", "lesson", "--lessons", str(mine)])
    for proc in (by_env, by_option):
        assert "99-welcome" in proc.stdout and "Welcome to our course" in proc.stdout
        assert "04-pipes" in proc.stdout                 # the shipped ones stay
    missing = installed.run(["minish", "lesson", "--lessons", str(tmp_path / "nowhere")])
    assert missing.returncode == 1
    assert missing.stderr == f"minish: lesson: {tmp_path / 'nowhere'}: No such file or directory\n"
