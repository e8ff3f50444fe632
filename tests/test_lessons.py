"""Every lesson, end to end at a real pty: the right answers pass every step,
and a wrong answer gets the step's hint, in English and (with the Spanish or
Portuguese file, or the English one while there is none) in Spanish and
Portuguese.  A lint test checks every file."""
from __future__ import annotations

import gettext
import json
import re
import os
import signal
import subprocess
from pathlib import Path

import pexpect
import pytest

from conftest import MINISH, ROOT, ipc_objects, shell_env
from interactive import kill_tagged, process_states, wait_for
from minish import i18n
from minish.teach import lesson as lessons

PATHS = lessons.all_paths()
LOCALES = {"es": "es_ES.UTF-8", "pt": "pt_BR.UTF-8"}


class Words:
    """What the lesson runner says, in one language: the English text, or
    its translation read from the compiled catalog minish itself loads
    (minish/locale/LANG/LC_MESSAGES/minish.mo), never written out here."""

    def __init__(self, lang: str = "en") -> None:
        catalog = gettext.translation("minish", os.path.join(ROOT, "minish", "locale"),
                                      [lang]) if lang != "en" else gettext.NullTranslations()
        self.lang, self.say = lang, catalog.gettext
        self.passed = self.say("✓ that's it")
        self.not_yet = self.say("not yet: {why}").split("{why}")[0].rstrip()
        self.type_hint = self.say("(type hint for help)")
        self.answer = self.say("your answer> ")

    def prompt(self, number: int, total: int) -> str:
        return self.say("lesson {number}/{total}> ").format(number=number, total=total)

    def hint(self, text: str) -> str:
        return self.say("hint: {hint}").format(hint=text)

    def full_command(self, command: str) -> str:
        return self.say("the full command: {command}").format(command=command)

    def complete(self, title: str) -> str:
        return self.say("lesson complete: {title}").format(title=title)


ENGLISH = Words()


def translated(path: str, lang: str) -> str:
    """The file minish runs for this lesson in `lang`: lessons/LANG/NAME
    when the translation exists, else the English one (teach/lesson.py)."""
    mine = Path(path).parent / lang / Path(path).name
    return str(mine) if mine.is_file() else path


def test_there_are_enough_lessons_covering_the_course():
    topics = set()
    for path in PATHS:
        topics.update(int(t) for t in lessons.parse(path).topic.split(",") if t.strip())
    assert len(PATHS) >= 22
    assert set(range(1, 23)) <= topics


@pytest.mark.parametrize("path", PATHS, ids=[os.path.basename(p) for p in PATHS])
def test_lesson_file_is_well_formed(path):
    lesson = lessons.parse(path)
    assert lesson.title and lesson.goals
    for step in lesson.steps:
        assert step.checks and step.type and step.hints and step.goal, step.title
        assert " " not in step.type or step.type not in step.goal, \
            f"{step.title}: the goal gives the command away"
        assert step.text, f"{step.title}: a step explains what it shows"
        # at least one check on what happened, not only on the text it printed
        assert any(not check.startswith(("output ", "status ", "typed "))
                   for _, check, _ in step.checks), step.title
        # a failed regular expression is explained in words, never shown raw
        assert all(why for _, check, why in step.checks
                   if check.startswith("output matches ")), step.title


def test_lesson_files_are_numbered_by_their_topics():
    for path in PATHS:
        lesson = lessons.parse(path)
        number = os.path.basename(path).split("-", 1)[0]
        assert lesson.topic.split(",")[0].strip() == str(int(number)), path


def spawn(args, tmp_path, tag, prefix=(), lang="en"):
    env = shell_env(tmp_path)
    (tmp_path / "tmp").mkdir(exist_ok=True)          # scratch directories go here
    env.update(MINISH_TEST_TAG=tag, MINISH_EDITOR="plain", TERM="xterm",
               TMPDIR=str(tmp_path / "tmp"))
    if lang != "en":                                 # as a student's terminal says it
        del env["LC_ALL"]
        env["LANG"] = LOCALES[lang]
    command, args = (prefix[0], [*prefix[1:], MINISH, *args]) if prefix else (MINISH, args)
    return pexpect.spawn(command, args, env=env, cwd=str(tmp_path), encoding="utf-8",
                         codec_errors="replace", timeout=30, dimensions=(50, 200))


def own_pid_namespace(lesson) -> tuple:
    """acct(2) is per pid namespace: the accounting lesson turns accounting on
    and off in a namespace of its own, never on the host (unshare(1))."""
    if "accounting" not in lesson.name:          # (the file name: titles are translated)
        return ()
    works = subprocess.run(["unshare", "--pid", "--fork", "true"], capture_output=True)
    return ("unshare", "--pid", "--fork") if works.returncode == 0 else ()


def scratch_of(tmp_path) -> tuple[str, str]:
    """The running lesson's scratch directory and its LESSON_KEY."""
    [name] = [n for n in os.listdir(tmp_path / "tmp") if n.startswith("minish-lesson-")]
    path = str(tmp_path / "tmp" / name)
    return path, f"0x{lessons.lesson_key(path):08x}"


def answer_prediction(child, step, words=ENGLISH):
    if step.predict:
        child.expect_exact(words.answer)
        child.sendline(step.answer.split(" | ")[0])


def run_step(child, step, number, total, words=ENGLISH) -> str:
    """Type the step's command; it must pass.  Returns what it printed."""
    child.sendline(step.type)
    index = child.expect_exact([words.passed, words.not_yet])
    printed = child.before.replace("\r\n", "\n")
    assert index == 0, f"step {number} ({step.title}) failed:\n{printed}{child.readline()}"
    return printed.split("\n", 1)[1].rstrip(" ") if "\n" in printed else ""


def wrong_answer_and_hints(child, step, total, words=ENGLISH):
    """A wrong answer shows no command; `hint` gives the stages, the command last."""
    child.sendline("echo wrong-answer")
    child.expect_exact(words.not_yet)
    child.expect_exact(words.type_hint)
    child.expect_exact(words.prompt(1, total))
    for stage in [*step.hints, words.full_command(step.type)]:
        child.sendline("hint")
        child.expect_exact(words.hint(stage))
        child.expect_exact(words.prompt(1, total))


def replay_script(tmp_path, output: str, old: tuple[str, str], new: tuple[str, str]) -> str:
    """A file that prints `output` with printf -- the honest output of the
    step in an earlier run, with that run's directory and key made this
    run's -- for `. FILE` at the lesson prompt."""
    for was, now in zip(old, new):
        output = output.replace(was, now)
    path = tmp_path / "replay.sh"
    path.write_text("printf '%s' '" + output.replace("'", "'\\''") + "'\n")
    return str(path)


@pytest.mark.parametrize("path", PATHS, ids=[os.path.basename(p) for p in PATHS])
def test_lesson_end_to_end_and_printed_answers_never_pass(path, tmp_path, ipc_cleanup):
    """Run 1: the right commands pass every step; we keep what each printed.
    Run 2: at every step, printing run 1's output with printf is rejected
    before the right command passes again."""
    play_lesson(lessons.parse(path), tmp_path, runs=(1, 2))


TRANSLATED = [(path, lang) for lang in i18n.SPOKEN for path in PATHS]


@pytest.mark.parametrize("path,lang", TRANSLATED,
                         ids=[f"{lang}-{os.path.basename(p)}" for p, lang in TRANSLATED])
def test_lesson_end_to_end_in_spanish_and_portuguese(path, lang, tmp_path, ipc_cleanup):
    """A student whose LANG is Spanish or Portuguese gets the lesson file in
    that language (or the English one, while it has none) and the runner's
    words from the catalog; the right commands pass every step.  (Run 1
    only: what a check accepts does not depend on the language.)"""
    play_lesson(lessons.parse(translated(path, lang)), tmp_path, runs=(1,), lang=lang)


def play_lesson(lesson, tmp_path, runs, lang="en") -> None:
    words = Words(lang)
    tag = f"lesson-{os.getpid()}-{lang}-{lesson.name}"
    total, outputs = len(lesson.steps), []
    for run in runs:
        child = spawn(["lesson", lesson.name], tmp_path, tag, own_pid_namespace(lesson), lang)
        try:
            for number, step in enumerate(lesson.steps, 1):
                answer_prediction(child, step, words)
                child.expect_exact(words.prompt(number, total))
                if run == 1 and number == 1:
                    first = scratch_of(tmp_path)
                    keys = {first[1]}
                    wrong_answer_and_hints(child, step, total, words)
                if run == 2:
                    now = scratch_of(tmp_path)
                    keys.add(now[1])
                    replay = replay_script(tmp_path, outputs[number - 1], first, now)
                    child.sendline(". " + replay)
                    index = child.expect_exact([words.passed, words.not_yet])
                    assert index == 1, f"step {number} ({step.title}) passed by printf of " \
                                       f"its output:\n{outputs[number - 1]}"
                    child.expect_exact(words.prompt(number, total))
                printed = run_step(child, step, number, total, words)
                if run == 1:
                    outputs.append(printed)
            child.expect_exact(words.complete(lesson.title))
            child.expect(pexpect.EOF)
        finally:
            child.close(force=True)
            kill_tagged(tag)
        progress = json.loads((tmp_path / ".local/share/minish/progress.json").read_text())
        assert progress[lesson.name]["passed"] == list(range(1, total + 1))
        predicted = progress[lesson.name].get("predictions", {})
        assert all(p["right"] for p in predicted.values())
        assert len(predicted) == sum(1 for s in lesson.steps if s.predict)
        assert os.listdir(tmp_path / "tmp") == [], "the scratch directory was not removed"
        assert ipc_objects() == set(), "the lesson's cleanup left IPC objects"   # (our namespace)
        assert not any(os.path.exists(f"/dev/shm/sem.lesson-{key}") for key in keys), \
            "the lesson's cleanup left a POSIX semaphore"


MQ = len(lessons.parse(lessons.find("message-queues")).steps)


def start_message_queue_lesson(tmp_path, tag):
    """Lesson 15 at step 2, with its queue made (key: ftok of its scratch directory)."""
    child = spawn(["lesson", "message-queues"], tmp_path, tag)
    try:
        child.expect_exact(f"lesson 1/{MQ}> ")
        child.sendline("q=$(ipcmk -Q -k $LESSON_KEY | cut -d' ' -f4); echo queue $q")
        child.expect_exact(f"lesson 2/{MQ}> ")
    except BaseException:
        child.close(force=True)
        kill_tagged(tag)
        raise
    assert [kind for kind, _ in ipc_objects()] == ["msg"]
    [scratch] = os.listdir(tmp_path / "tmp")
    assert scratch.startswith(f"minish-lesson-{child.pid}-15-message-queues-")
    return child


def end_by(child, how: str) -> None:
    """Send `child` the signal named `how`, or close its terminal ("terminal
    closed"), and wait until it has ended."""
    if how == "terminal closed":
        child.ptyproc.fileobj.close()            # the master side: the kernel hangs up
    else:
        child.kill(getattr(signal, how))
    assert wait_for(lambda: process_states([child.pid]) in (["Z"], ["gone"]), 10)


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "terminal closed"])
def test_a_killed_lesson_still_cleans_up(how, tmp_path, ipc_cleanup):
    tag = f"lesson-killed-{os.getpid()}"
    child = start_message_queue_lesson(tmp_path, tag)
    try:
        end_by(child, how)
        assert os.listdir(tmp_path / "tmp") == [], "scratch directory or capture file left"
        assert ipc_objects() == set(), "the lesson's queue was left"
    finally:
        child.close(force=True)
        kill_tagged(tag)
    if how != "terminal closed":                     # it dies of the signal, as asked
        assert child.signalstatus == getattr(signal, how)


def test_lesson_clean_removes_what_killed_lessons_left(tmp_path, ipc_cleanup):
    tag = f"lesson-clean-{os.getpid()}"
    killed = start_message_queue_lesson(tmp_path, tag)
    killed.kill(signal.SIGKILL)                      # no cleanup can run
    assert wait_for(lambda: process_states([killed.pid]) in (["Z"], ["gone"]))
    killed.close(force=True)
    [left] = os.listdir(tmp_path / "tmp")
    stale_capture = tmp_path / "tmp" / f"minish-out-{killed.pid}-x1y2z3"
    stale_capture.write_text("")
    assert len(ipc_objects()) == 1
    alive = spawn(["lesson", "pipes"], tmp_path, tag)  # a running lesson must be spared
    try:
        alive.expect_exact("your answer> ")
        env = shell_env(tmp_path)
        env["TMPDIR"] = str(tmp_path / "tmp")
        proc = subprocess.run([MINISH, "lesson", "--clean"], env=env, capture_output=True,
                              text=True, cwd=tmp_path, stdin=subprocess.DEVNULL)
        assert proc.returncode == 0 and proc.stderr == ""
        assert f"removed {tmp_path / 'tmp' / left}\n" in proc.stdout
        assert f"removed {stale_capture}\n" in proc.stdout
        assert "removed IPC msg" in proc.stdout
        assert ipc_objects() == set()
        [remaining] = os.listdir(tmp_path / "tmp")
        assert remaining.startswith(f"minish-lesson-{alive.pid}-04-pipes-")
        alive.sendline("quit")
        alive.expect(pexpect.EOF)
    finally:
        alive.close(force=True)
        kill_tagged(tag)


def test_quit_keeps_progress_and_resume_recreates_the_state(tmp_path, ipc_cleanup):
    """Lesson 15 paused after step 2: resuming re-creates $q and its three
    messages in a new scratch directory, so step 3 works at once."""
    tag = f"lesson-quit-{os.getpid()}"
    child = start_message_queue_lesson(tmp_path, tag)
    try:
        child.sendline("msgsnd $q 3 three; msgsnd $q 1 one; msgsnd $q 2 two")
        child.expect_exact(f"lesson 3/{MQ}> ")
        child.sendline("quit")
        child.expect_exact("lesson paused at step 3")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)
    assert ipc_objects() == set(), "quitting removes the queue"
    child = spawn(["lesson", "message-queues"], tmp_path, tag)
    try:
        child.expect_exact("resuming: re-creating what the earlier steps made:")
        child.expect_exact(f"step 3/{MQ}: Exactly type 2")
        child.expect_exact(f"lesson 3/{MQ}> ")
        assert [kind for kind, _ in ipc_objects()] == ["msg"]
        child.sendline("msgrcv $q 2")
        child.expect_exact("✓ that's it")
        child.expect_exact("your answer> ")           # step 4 asks for a prediction
        child.sendcontrol("d")                        # Ctrl-D: paused too
        child.expect_exact("lesson paused at step 4")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)


RESUMES = [(path, k) for path in PATHS
           for k in range(len(lessons.parse(path).steps))
           if k > 0]


@pytest.mark.parametrize("path,done", RESUMES,
                         ids=[f"{os.path.basename(p)}-at-{k + 1}" for p, k in RESUMES])
def test_resumed_lesson_recreates_what_the_step_needs(path, done, tmp_path, ipc_cleanup):
    """A student who stopped after step `done` comes back: in a new scratch
    directory, with a new key, the `resume:` lines re-create what the
    earlier steps made, and the next step's own command passes at once."""
    lesson = lessons.parse(path)
    progress = tmp_path / ".local/share/minish/progress.json"
    progress.parent.mkdir(parents=True)
    progress.write_text(json.dumps({lesson.name: {"done": done,
                                                  "passed": list(range(1, done + 1))}}))
    tag = f"lesson-resume-{os.getpid()}-{lesson.name}"
    child = spawn(["lesson", lesson.name], tmp_path, tag, own_pid_namespace(lesson))
    total, step = len(lesson.steps), lesson.steps[done]
    try:
        answer_prediction(child, step)
        child.expect_exact(f"lesson {done + 1}/{total}> ")
        run_step(child, step, done + 1, total)
        child.sendline("quit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)
    assert ipc_objects() == set() and os.listdir(tmp_path / "tmp") == []


def test_skipped_steps_do_not_count(tmp_path):
    tag = f"lesson-skip-{os.getpid()}"
    lesson = lessons.parse(lessons.find("primes"))
    child = spawn(["lesson", "primes"], tmp_path, tag)
    try:
        child.expect_exact("your answer> ")
        child.sendline("")                            # no prediction
        child.expect_exact("lesson 1/3> ")
        child.sendline("skip")
        child.expect_exact("it does not count as done")
        for number in (2, 3):
            answer_prediction(child, lesson.steps[number - 1])
            child.expect_exact(f"lesson {number}/3> ")
            child.sendline(lesson.steps[number - 1].type)
            child.expect_exact("✓ that's it")
        child.expect_exact("steps not done yet: 1")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)
    listing = subprocess.run([MINISH, "lesson"], env=shell_env(tmp_path), capture_output=True,
                             text=True, cwd=tmp_path, stdin=subprocess.DEVNULL).stdout
    assert "21-primes" in listing and " 2/3 " in listing
    progress = json.loads((tmp_path / ".local/share/minish/progress.json").read_text())
    assert progress["21-primes"]["passed"] == [2, 3]


def at_prompt(tmp_path, tag):
    env = shell_env(tmp_path)
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env.update(MINISH_TEST_TAG=tag, MINISH_EDITOR="plain", TERM="xterm", PS1="TOP> ",
               TMPDIR=str(tmp_path / "tmp"))
    child = pexpect.spawn(MINISH, [], env=env, cwd=str(tmp_path), encoding="utf-8",
                          codec_errors="replace", timeout=30, dimensions=(50, 200))
    child.expect_exact("TOP> ")
    return child


def test_quitting_a_lesson_leaves_the_shell_as_it_was(tmp_path):
    """Quit `lesson processes` with noreap on and a zombie; finish `lesson
    signals` with its USR1 trap set: the shell gets its options, traps,
    jobs and variables back."""
    tag = f"lesson-restore-{os.getpid()}"
    child = at_prompt(tmp_path, tag)
    try:
        child.sendline("lesson processes")
        steps = lessons.parse(lessons.find("processes")).steps
        zombie = next(i for i, step in enumerate(steps, 1) if step.title == "A zombie")
        total = len(steps)
        for number in range(1, zombie):               # skip to it; predictions left empty
            index = child.expect_exact(["your answer> ", f"lesson {number}/{total}> "])
            if index == 0:
                child.sendline("")
                child.expect_exact(f"lesson {number}/{total}> ")
            child.sendline("skip")
        child.expect_exact(f"lesson {zombie}/{total}> ")
        child.sendline(steps[zombie - 1].type)
        child.expect_exact("✓ that's it")
        child.expect_exact(f"lesson {zombie + 1}/{total}> ")
        child.sendline("quit")
        child.expect_exact("TOP> ")
        child.sendline("set -o | grep noreap; jobs; echo q=${q-unset} key=${LESSON_KEY-unset}")
        child.expect(r"noreap\s+off")
        child.expect_exact("q=unset key=unset")
        assert "Zombie" not in child.before
        child.expect_exact("TOP> ")
        assert all(state != "Z" for state in process_states(children_of(child.pid)))
        child.sendline("lesson signals")
        steps = lessons.parse(lessons.find("signals")).steps
        total = len(steps)
        assert steps[-1].title == "A handler of our own"
        for number in range(1, total + 1):
            index = child.expect_exact(["your answer> ", f"lesson {number}/{total}> "])
            if index == 0:
                child.sendline("")
                child.expect_exact(f"lesson {number}/{total}> ")
            if number < total:
                child.sendline("skip")
        child.sendline("trap 'echo caught USR1' USR1; kill -USR1 $$; sigs > mine; grep caught mine")
        child.expect_exact("✓ that's it")
        child.expect_exact("TOP> ")
        child.sendline("trap; echo end-of-traps")
        child.expect_exact("end-of-traps")
        assert "USR1" not in child.before
    finally:
        child.close(force=True)
        kill_tagged(tag)


def children_of(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(p) for p in f.read().split()]


def test_commands_in_a_lesson_write_to_a_terminal(tmp_path):
    """fd 1 of a lesson's command is a terminal (the lesson's pty), and
    what it writes reaches the student's terminal as it is written."""
    tag = f"lesson-tty-{os.getpid()}"
    child = spawn(["lesson", "redirection"], tmp_path, tag)
    try:
        child.expect_exact("lesson 1/5> ")
        child.sendline("test -t 1 && echo fd1-is-a-terminal; readlink /proc/self/fd/1")
        child.expect_exact("fd1-is-a-terminal")
        child.expect(r"/dev/pts/\d+")
        child.expect_exact("not yet:")
        child.expect_exact("lesson 1/5> ")
        child.sendline("echo early-output; sleep 30")  # seen while the command still runs
        child.expect_exact("early-output")
        assert wait_for(lambda: any(open(f"/proc/{pid}/comm").read() == "sleep\n"
                                    for pid in children_of(child.pid)))
        child.sendcontrol("c")
        child.expect_exact("lesson 1/5> ")
        child.sendline("quit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)


def test_lesson_listing_and_unknown_lesson(tmp_path):
    out = subprocess.run([MINISH, "lesson"], env=shell_env(tmp_path), capture_output=True,
                         text=True, cwd=tmp_path).stdout
    assert "04-pipes" in out and "Pipes: connecting processes" in out
    proc = subprocess.run([MINISH, "lesson", "nonexistent"], env=shell_env(tmp_path),
                          capture_output=True, text=True, cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert "no lesson called 'nonexistent'" in proc.stderr and proc.returncode == 1


@pytest.mark.parametrize("lang", ["C.UTF-8", "es_ES.UTF-8", "pt_BR.UTF-8"])
def test_a_missing_lessons_directory_is_reported_in_every_language(lang, tmp_path):
    """An instructor's --lessons DIR that is not there is an error, never "no
    lessons of yours" (the translated lessons' lookup must not hide it)."""
    proc = subprocess.run([MINISH, "lesson", "--lessons", str(tmp_path / "nope")],
                          env={**shell_env(tmp_path), "LC_ALL": lang}, capture_output=True,
                          text=True, cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith(f"minish: lesson: {tmp_path / 'nope'}: ")


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


# ---- instructor demos ---------------------------------------------------------------

def demo_session(args, tmp_path, tag, lang="en"):
    env = shell_env(tmp_path)
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env.update(PS1="DEMO> ", MINISH_EDITOR="plain", TERM="xterm", MINISH_TEST_TAG=tag,
               TMPDIR=str(tmp_path / "tmp"))
    if lang != "en":
        del env["LC_ALL"]
        env["LANG"] = LOCALES[lang]
    return pexpect.spawn(MINISH, ["demo", *args, "--speed", "20"], env=env, cwd=str(tmp_path),
                         encoding="utf-8", codec_errors="replace", timeout=20,
                         dimensions=(30, 120))


def asciinema_cat(cast) -> str:
    import shutil
    import sys
    tool = shutil.which("asciinema") or os.path.join(os.path.dirname(sys.executable), "asciinema")
    # asciinema refuses to run without a UTF-8 locale (conftest sets LC_ALL=C)
    proc = subprocess.run([tool, "cat", str(cast)], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("name", ["pipes", "redirection"])
def test_demo_plays_a_lesson_and_records_it(name, tmp_path):
    lesson = lessons.parse(lessons.find(name))
    cast = tmp_path / "demo.cast"
    tag = f"demo-{os.getpid()}-{name}"
    child = demo_session([name, "--record", str(cast)], tmp_path, tag)
    try:
        child.expect_exact("DEMO> ")
        for step in lesson.steps[:2]:
            child.send(" ")                              # type the next command
            child.expect_exact(step.type)
            child.send(" ")                              # and run it
            child.expect_exact("DEMO> ")
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)
    header, *events = cast.read_text().splitlines()
    assert json.loads(header)["version"] == 2
    times = [json.loads(e)[0] for e in events]
    assert times == sorted(times) and all(json.loads(e)[1] == "o" for e in events)
    replay = asciinema_cat(cast)
    assert lesson.steps[0].type in replay and f"# step 1: {lesson.steps[0].title}" in replay


@pytest.mark.parametrize("how", ["SIGHUP", "SIGTERM", "terminal closed"])
def test_a_killed_demo_removes_its_scratch_directory(how, tmp_path):
    """An instructor closes the terminal (or kills the demo): the lesson's
    scratch directory goes, and the demo dies of the signal."""
    tag = f"demo-killed-{os.getpid()}"
    child = demo_session(["pipes"], tmp_path, tag)
    try:
        child.expect_exact("DEMO> ")
        [scratch] = os.listdir(tmp_path / "tmp")
        assert scratch.startswith("minish-demo-")
        end_by(child, how)
        assert os.listdir(tmp_path / "tmp") == [], "the demo's scratch directory was left"
    finally:
        child.close(force=True)
        kill_tagged(tag)
    if how != "terminal closed":
        assert child.signalstatus == getattr(signal, how)


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_demo_speaks_the_classs_language(lang, tmp_path):
    """Under LANG=es_ES/pt_BR the demo plays the lesson in that language and
    heads each step with the catalog's words."""
    lesson = lessons.parse(translated(lessons.find("pipes"), lang))
    tag = f"demo-{os.getpid()}-{lang}"
    child = demo_session(["pipes"], tmp_path, tag, lang)
    try:
        child.expect_exact("DEMO> ")
        child.send(" ")
        heading = Words(lang).say("step {number}: {title}").format(number=1,
                                                                  title=lesson.steps[0].title)
        child.expect_exact(f"# {heading}")
        child.expect_exact(lesson.steps[0].type)
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)


def test_demo_of_a_plain_script_with_free_typing_and_narration(tmp_path):
    script = tmp_path / "show.sh"
    script.write_text("# a comment becomes a typed comment\necho first-command\n"
                      "echo second | tr a-z A-Z\n")
    tag = f"demo-script-{os.getpid()}"
    child = demo_session([str(script)], tmp_path, tag)
    try:
        child.expect_exact("DEMO> ")
        child.send(" ")
        child.expect_exact("echo first-command")
        child.send(" ")
        child.expect_exact("first-command\r\n")
        child.send("f")                                  # the instructor types freely
        child.send("echo typed-by-hand\r")
        child.expect_exact("typed-by-hand\r\n")
        child.send("\x1d")                               # Ctrl-] resumes the script
        child.send("t")                                  # narrate the next step
        child.send(" ")
        child.expect_exact("set -o trace; echo second | tr a-z A-Z; set +o trace")
        child.send(" ")
        child.expect(r"pipe\(\) = \[\d+, \d+\]")
        child.expect_exact("SECOND")
        child.send(" ")                                  # past the end: the demo ends
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)


def test_demo_bad_input(tmp_path):
    proc = subprocess.run([MINISH, "demo", "nonexistent-file"], env=shell_env(tmp_path),
                          capture_output=True, text=True, cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert proc.stderr.startswith("minish: demo: ") and proc.returncode == 1


# ---- lesson 11 for students who are not root: `ids sim` ---------------------------------

def random_calls(rng, n: int) -> str:
    ids = ["0", "1000", "65534"]
    calls = []
    for _ in range(n):
        name = rng.choice(["setuid", "seteuid", "setreuid", "setresuid", "setgid", "setregid"])
        count = {"setuid": 1, "seteuid": 1, "setgid": 1, "setreuid": 2, "setregid": 2}.get(name, 3)
        args = [rng.choice(ids + (["-1"] if count > 1 else [])) for _ in range(count)]
        calls.append(" ".join([name, *args]))
    return " then ".join(calls)


def ids_output(command: str, user: int | None = None) -> str:
    prefix = [] if user is None else ["setpriv", f"--reuid={user}", f"--regid={user}",
                                      "--clear-groups"]
    proc = subprocess.run([*prefix, MINISH, "-c", command], capture_output=True, text=True,
                          cwd="/", env={"PATH": os.environ["PATH"], "HOME": "/nonexistent"},
                          stdin=subprocess.DEVNULL)
    assert proc.stderr == ""
    return proc.stdout


@pytest.mark.parametrize("user", [None, 1000], ids=["root", "uid-1000"])
def test_ids_sim_follows_the_kernel(user):
    """The simulation and the real calls (`ids try`, in a forked child) give
    the same triples and the same errors, as root and as an ordinary user."""
    import random
    rng = random.Random(11 if user is None else 1000)
    for _ in range(40):
        calls = random_calls(rng, 4)
        real = ids_output(f"ids try {calls}", user)
        simulated = ids_output(f"ids sim {calls}", user)
        assert simulated.startswith("SIMULATION: ")
        assert simulated.split("\n", 1)[1] == real, calls


def test_user_ids_lesson_as_an_ordinary_user(tmp_path):
    """Lesson 11 as uid 1000: the real calls fail with EPERM (and the steps
    say that is the unprivileged rule), `ids sim` shows the saved
    set-user-ID at work.  The process keeps only CAP_DAC_OVERRIDE, to reach
    the test's own 0700 temporary directory; it has no CAP_SETUID."""
    lesson = lessons.parse(lessons.find("user-ids"))
    tag = f"lesson-uid1000-{os.getpid()}"
    prefix = ("setpriv", "--reuid=1000", "--regid=1000", "--clear-groups",
              "--inh-caps=+dac_override", "--ambient-caps=+dac_override")
    child = spawn(["lesson", lesson.name], tmp_path, tag, prefix)
    total, printed = len(lesson.steps), []
    try:
        for number, step in enumerate(lesson.steps, 1):
            answer_prediction(child, step)
            child.expect_exact(f"lesson {number}/{total}> ")
            printed.append(run_step(child, step, number, total))
        child.expect_exact(f"lesson complete: {lesson.title}")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)
    assert "real 1000" in printed[0]
    real_calls = [out for step, out in zip(lesson.steps, printed) if "ids try" in step.type]
    assert real_calls and all("EPERM" in out for out in real_calls)
    [simulated] = [out for step, out in zip(lesson.steps, printed) if "ids sim" in step.type]
    assert "SIMULATION" in simulated and re.search(r"seteuid\(0\)\s+= 0", simulated)


def test_failures_are_said_in_words(tmp_path):
    """A failed check says what was expected, in words, never a raw regex."""
    tag = f"lesson-words-{os.getpid()}"
    child = spawn(["lesson", "pipes"], tmp_path, tag)
    try:
        child.expect_exact("your answer> ")
        child.sendline("3")
        child.expect_exact("lesson 1/6> ")
        child.sendline("cat fruit.txt | wc -l | cat")
        child.expect_exact("not yet: the job should have 2 processes (it had 3)")
        child.expect_exact("lesson 1/6> ")
        child.sendline("cat fruit.txt fruit.txt | wc -l")
        child.expect_exact("not yet: wc -l should print 4")
        assert "\\s" not in child.before
        child.expect_exact("lesson 1/6> ")
        child.sendline("cat fruit.txt | wc -l")
        child.expect_exact("✓ that's it")
        child.expect_exact("you predicted '3': the answer was '2'")
        child.expect_exact("lesson 2/6> ")
        child.sendline("quit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        kill_tagged(tag)
    progress = json.loads((tmp_path / ".local/share/minish/progress.json").read_text())
    assert progress["04-pipes"]["predictions"] == {"1": {"said": "3", "right": False}}


@pytest.mark.parametrize("lang", ["en", *sorted(i18n.SPOKEN)])
def test_tee_into_a_fifo_needs_wc_count_besides_sorts_lines(lang):
    """Lesson 08's tee step: sort -r prints 3, 2, 1 and the background wc
    prints 3, in either order.  sort's output alone (wc never ran through
    the FIFO) must not pass: its own 3 is not wc's count."""
    from types import SimpleNamespace
    from minish.teach import checks
    path = next(p for p in PATHS if os.path.basename(p).startswith("08-"))
    lesson = lessons.parse(translated(path, lang) if lang != "en" else path)
    step = next(s for s in lesson.steps if "tee fifo1" in s.type)
    outputs = [c for _line, c, _why in step.checks if c.startswith("output ")]

    def passes(output: str) -> bool:
        did = SimpleNamespace(key=None, output=output)
        return all(checks.failed(c, did) is None for c in outputs)
    assert not passes("3\n2\n1\n")
    for order in ("3\n3\n2\n1\n", "3\n2\n      3\n1\n", "3\n2\n1\n3\n"):
        assert passes(order), order
