"""Every lesson, end to end at a real pty: the right answers pass every step,
and a wrong answer gets the step's hint.  A lint test checks every file."""
from __future__ import annotations

import json
import os
import subprocess

import pexpect
import pytest

from conftest import MINISH, shell_env
from interactive import kill_tagged
from minish import lesson as lessons
from test_state_builtins import ipc_cleanup  # noqa: F401  (the fixture)

PATHS = lessons.all_paths()


def test_there_are_enough_lessons_covering_the_course():
    topics = set()
    for path in PATHS:
        topics.update(int(t) for t in lessons.parse(path).topic.split(",") if t.strip())
    assert len(PATHS) >= 16
    assert set(range(1, 19)) | {20, 21} <= topics


@pytest.mark.parametrize("path", PATHS, ids=[os.path.basename(p) for p in PATHS])
def test_lesson_file_is_well_formed(path):
    lesson = lessons.parse(path)
    assert lesson.title and lesson.goals
    for step in lesson.steps:
        assert step.checks and step.type and step.hints, step.title


def spawn(args, tmp_path, tag):
    env = shell_env(tmp_path)
    (tmp_path / "tmp").mkdir(exist_ok=True)          # scratch directories go here
    env.update(MINISH_TEST_TAG=tag, MINISH_EDITOR="plain", TERM="xterm",
               TMPDIR=str(tmp_path / "tmp"))
    return pexpect.spawn(MINISH, args, env=env, cwd=str(tmp_path), encoding="utf-8",
                         codec_errors="replace", timeout=30, dimensions=(50, 200))


@pytest.mark.parametrize("path", PATHS, ids=[os.path.basename(p) for p in PATHS])
def test_lesson_end_to_end(path, tmp_path, ipc_cleanup):  # noqa: F811
    lesson = lessons.parse(path)
    tag = f"lesson-{os.getpid()}-{lesson.name}"
    child = spawn(["lesson", lesson.name], tmp_path, tag)
    try:
        total = len(lesson.steps)
        child.expect_exact(f"lesson 1/{total}> ")
        child.sendline("echo wrong-answer")          # one wrong answer: the hint
        child.expect_exact("not yet:")
        child.expect_exact(f"hint: {lesson.steps[0].hints[0]}")
        for number, step in enumerate(lesson.steps, 1):
            child.expect_exact(f"lesson {number}/{total}> ")
            child.sendline(step.type)
            index = child.expect_exact(["✓ that's it", "not yet:"])
            assert index == 0, f"step {number} ({step.title}) failed:\n{child.before}{child.after}" \
                               f"{child.readline()}"
        child.expect_exact(f"lesson complete: {lesson.title}")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)
    progress = json.loads((tmp_path / ".local/share/minish/progress.json").read_text())
    assert progress[lesson.name]["done"] == len(lesson.steps)
    assert os.listdir(tmp_path / "tmp") == [], "the scratch directory was not removed"


def test_quit_keeps_progress_and_resumes(tmp_path):
    tag = f"lesson-quit-{os.getpid()}"
    child = spawn(["lesson", "pipes"], tmp_path, tag)
    try:
        child.expect_exact("lesson 1/5> ")
        child.sendline("cat fruit.txt | wc -l")
        child.expect_exact("lesson 2/5> ")
        child.sendline("quit")
        child.expect_exact("lesson paused at step 2")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    child = spawn(["lesson", "pipes"], tmp_path, tag)
    try:
        child.expect_exact("step 2/5: Three stages")
        child.sendcontrol("d")                        # Ctrl-D: paused too
        child.expect_exact("lesson paused at step 2")
    finally:
        child.close(force=True)
        kill_tagged(tag)


def test_exit_and_ctrl_c_inside_a_lesson(tmp_path):
    tag = f"lesson-exit-{os.getpid()}"
    child = spawn(["lesson", "pipes"], tmp_path, tag)
    try:
        child.expect_exact("lesson 1/5> ")
        child.sendline("sleep 10")
        child.sendcontrol("c")                        # interrupts the command only
        child.expect_exact("lesson 1/5> ")
        child.sendline("rm -rf *; ls")                # only the scratch directory
        child.expect_exact("lesson 1/5> ")
        child.sendline("exit")
        child.expect_exact("lesson paused at step 1")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)
    assert os.path.exists(tmp_path)                   # the student's directory is untouched


def test_lesson_listing_and_unknown_lesson(tmp_path):
    out = subprocess.run([MINISH, "lesson"], env=shell_env(tmp_path), capture_output=True,
                         text=True, cwd=tmp_path).stdout
    assert "04-pipes" in out and "Pipes: connecting processes" in out
    proc = subprocess.run([MINISH, "lesson", "nonexistent"], env=shell_env(tmp_path),
                          capture_output=True, text=True, cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert "no lesson called 'nonexistent'" in proc.stderr and proc.returncode == 1


BROKEN = [
    ("title: x\nstep: a\n  type: ls\n", "has no check"),
    ("title: x\nstep: a\n  check: status 0\n", "has no `type:`"),
    ("title: x\nstep: a\n  type: ls\n  check: frobnicate\n", "unknown check"),
    ("title: x\nstep: a\n  type: ls\n  check: output matches (\n", "bad regular expression"),
    ("title: x\nbogus line\n", "expected 'key: value'"),
    ("title: x\n", "at least one step"),
]


@pytest.mark.parametrize("text,message", BROKEN)
def test_malformed_lesson_reported_with_file_and_line(text, message, tmp_path):
    path = tmp_path / "broken.lesson"
    path.write_text(text)
    proc = subprocess.run([MINISH, "lesson", str(path)], env=shell_env(tmp_path),
                          capture_output=True, text=True, cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert proc.stderr.startswith(f"minish: lesson: {path}:")
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
