r"""Lessons: finding the lesson files, reading them, and checking a step.

The lessons ship inside the package (minish/lessons/), so `pip install`
and `pipx install` carry them; importlib.resources finds them wherever the
package was installed.  An instructor adds a directory of their own with
MINISH_LESSONS=DIR[:DIR...] or `minish lesson --lessons DIR`; a lesson
there with the same file name replaces the shipped one.  A translation
sits in a subdirectory named by its language (lessons/es/04-pipes.lesson)
and is the same lesson in other words: the same steps, commands, checks
and setup files; only a check on the output's text may be reworded
(tests/test_lesson_translations.py).

A lesson is a plain text file an instructor writes without Python:

    title: Pipes
    topic: 4
    needs: root, or runs unprivileged with shell-made records  (optional)
    goals:
      - build a pipeline and count what goes through it

    setup file data.txt:
        alpha
        beta
    setup exec helper.sh:            (the same, made executable)
        #!/bin/sh
    setup run: mkfifo fifo           (run before the first step, and on resume)
    cleanup run: ipcrm -Q $LESSON_KEY (run when the lesson ends, however it ends)

    step: Count the lines
        The explanation, in as many indented lines as it takes.
      goal: count the lines of data.txt with wc, giving it the file as stdin   (shown)
      predict: how many lines will wc print?          (optional, asked first)
      answer: 2                                        (words; `a | b` for either)
      type: wc -l < data.txt          (the full command: the last stage of `hint`)
      check: ran wc -l
      check: output matches ^\s*2\s*$
      why: wc -l should print 2        (the words shown when the check before fails)
      hint: Use < to give wc the file as its standard input.   (stages, in order)
      resume: q=$(ipcmk -Q -k $LESSON_KEY | cut -d' ' -f4)
                                      (re-creates what later steps need, when a
                                       lesson resumes after this step)

The student sees the goal, never the command: `hint` shows the hints one
stage at a time, and the full command last.  A step passes when all its
checks pass.  Checks look at what the command *did*, so printing the right
text with echo or printf never passes a step (teach/record.py records it):

  text (only for what is truly text)
    output contains TEXT | output lacks TEXT | output matches REGEX
                                     (an error text of the C library, such as
                                      `File exists`, counts in the student's
                                      language too)
    status N | status not N          ($? of the command line)
    typed contains TEXT              (what the student typed)
  processes
    ran WORDS          a program was exec'd, or a builtin run, with an argv
                       starting with WORDS (argv[0] by its base name; * is any
                       one word; $PYTHON is this interpreter)
    job exited N | job killed SIGNAME | job stopped SIGNAME | job processes N
                       the last foreground job waited for: its last process's
                       raw wait status, or how many processes it had
    syscall REGEX      the tracer saw a call (strace notation) matching REGEX:
                       `syscall fork\(\) = `, `syscall dup2\(\d+, 0\)`
    syscall in shell REGEX | syscall in child REGEX   (made by which process)
    syscalls N REGEX   exactly N such calls
    zombie exists | zombie missing   a child of the shell in state Z (/proc)
    child waits in WCHAN             a child blocked in that kernel function
                                     (/proc/PID/wchan): wait_for_partner is a
                                     FIFO's open, pipe_read, do_msgrcv...
  kernel objects (KEY: $LESSON_KEY, 0x..., or $var holding the object's id)
    ipc msg|shm|sem KEY exists | missing | dest (shm marked for removal)
    ipc msg KEY messages N | ipc shm KEY nattch N | ipc sem KEY values V V ...
    posix sem /NAME exists | missing | value N     (a named semaphore, /dev/shm)
  files, variables, options
    file NAME exists | missing | contains TEXT | is fifo | is executable
    var NAME set | unset | matches REGEX | is ipc msg|shm|sem KEY
    option NAME on | off             (set -o NAME)

Each lesson runs in a scratch directory of its own, and its commands see
three exported variables (lesson_env): LESSON_DIR (that directory), PYTHON
(this interpreter) and LESSON_KEY, a System V IPC key made by ftok(3) from
the scratch directory.  Two students, or two runs of the test suite, never
share a key that way.  A check may name `$LESSON_KEY`; it stands for the key
as ipcs prints it (0x%08x).
"""
import os
import re
import sys
import textwrap

from .. import i18n
from ..i18n import _

SUFFIX = ".lesson"
KEY_PROJECT = 1                 # ftok(3)'s proj_id for LESSON_KEY (`ftok . 1` shows it)


class LessonError(Exception):
    """A malformed lesson file: says which file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")


class Step:
    def __init__(self, title: str, line: int) -> None:
        self.title, self.line = title, line
        self.text: list[str] = []
        self.type: str | None = None
        self.goal = ""
        self.predict, self.answer = "", ""
        self.checks: list[tuple[int, str, str]] = []   # (line, check, why in words)
        self.hints: list[str] = []             # stages; `type` is the last one
        self.resume: list[str] = []            # commands that re-create its state


class Lesson:
    def __init__(self, path: str) -> None:
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.title, self.topic, self.needs = self.name, "", ""
        self.goals: list[str] = []
        self.files: list[tuple[str, str, bool]] = []   # (name, content, executable)
        self.setup: list[str] = []
        self.cleanup: list[str] = []
        self.steps: list[Step] = []


def parse(path: str) -> Lesson:
    """Read a lesson file; raise LessonError(file, line) when it is malformed."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    lesson, i = Lesson(path), 0
    step: Step | None = None
    while i < len(lines):
        number, line = i + 1, lines[i]
        i += 1
        if not line.strip() or line.startswith("#"):
            if step is not None and not line.strip():
                step.text.append("")
            continue
        if not line[0].isspace():
            step = None
            key, sep, value = line.partition(":")
            if not sep:
                raise LessonError(path, number, _("expected 'key: value', got {line}")
                                  .format(line=repr(line)))
            key, value = key.strip(), value.strip()
            if key in ("title", "topic", "needs"):
                setattr(lesson, key, value)
            elif key == "goals":
                while i < len(lines) and lines[i].strip().startswith("- "):
                    lesson.goals.append(lines[i].strip()[2:])
                    i += 1
            elif key.startswith("setup file ") or key.startswith("setup exec "):
                block, i = _block(lines, i)
                lesson.files.append((key.split(" ", 2)[2], block, key.startswith("setup exec")))
            elif key == "setup run":
                lesson.setup.append(value)
            elif key == "cleanup run":
                lesson.cleanup.append(value)
            elif key == "step":
                step = Step(value, number)
                lesson.steps.append(step)
            else:
                raise LessonError(path, number, _("unknown key {key}").format(key=repr(key)))
            continue
        if step is None:
            raise LessonError(path, number, _("indented text outside a step"))
        stripped = line.strip()
        field, sep, value = stripped.partition(":")
        if line.startswith("  ") and not line.startswith("    ") and sep:
            value = value.strip()
            if field == "type":
                step.type = value
            elif field == "check":
                _check_form(path, number, value)
                step.checks.append((number, value, ""))
            elif field == "why":
                if not step.checks:
                    raise LessonError(path, number, _("`why:` must follow a check"))
                line_no, check = step.checks[-1][:2]
                step.checks[-1] = (line_no, check, value)
            elif field == "hint":
                step.hints.append(value)
            elif field in ("goal", "predict", "answer"):
                setattr(step, field, value)
            elif field == "resume":
                step.resume.append(value)
            else:
                raise LessonError(path, number, _("unknown step field {field}")
                                  .format(field=repr(field)))
        else:
            step.text.append(stripped)
    if not lesson.steps:
        raise LessonError(path, len(lines), _("a lesson needs at least one step"))
    for s in lesson.steps:
        if not s.checks:
            raise LessonError(path, s.line, _("step {title} has no check")
                              .format(title=repr(s.title)))
        if not s.type:
            raise LessonError(path, s.line, _("step {title} has no `type:`")
                              .format(title=repr(s.title)))
        if bool(s.predict) != bool(s.answer):
            raise LessonError(path, s.line, _("step {title}: `predict:` needs `answer:`")
                              .format(title=repr(s.title)))
    return lesson


def _check_form(path: str, number: int, check: str) -> None:
    """A check must be in the vocabulary (teach/checks.FORMS); its regex must compile."""
    from . import checks
    if not checks.is_known(check):
        raise LessonError(path, number, _("unknown check {check}").format(check=repr(check)))
    pattern = _pattern(check)
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as e:
            raise LessonError(path, number, _("bad regular expression: {error}")
                              .format(error=e)) from None


def _pattern(check: str) -> str | None:
    """The regular expression in a check, if it has one."""
    for prefix in ("output matches ", "syscall in shell ", "syscall in child ", "syscall "):
        if check.startswith(prefix):
            return check[len(prefix):]
    if check.startswith("syscalls "):
        return check.split(" ", 2)[2]
    if check.startswith("var ") and " matches " in check:
        return check.split(" matches ", 1)[1]
    return None


def right_prediction(step: Step, said: str) -> bool:
    """Is `said` the answer?  Words compared without case or extra blanks;
    `a | b` in the lesson accepts either."""
    def norm(text: str) -> str:
        return " ".join(text.lower().split())
    return norm(said) in {norm(a) for a in step.answer.split(" | ")}


def _block(lines: list[str], i: int) -> tuple[str, int]:
    """The indented block after a `setup file NAME:` line."""
    block = []
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith("    ")):
        block.append(lines[i])
        i += 1
    while block and not block[-1].strip():
        block.pop()
    return textwrap.dedent("\n".join(block)) + "\n", i


def lesson_dirs() -> list[str]:
    """Where lessons come from: the instructor's directories first, then the package's."""
    extra = [d for d in os.environ.get("MINISH_LESSONS", "").split(os.pathsep) if d]
    from importlib.resources import files      # only when lessons are wanted: not at start-up
    dirs = extra + [os.fspath(files("minish.lessons"))]
    # A translation (lessons/es/, lessons/pt/) comes before the English file
    # of the same name, which stays the fallback (minish/i18n.py chooses).
    lang = i18n.language()
    if lang != "en":
        with_translations = []
        for directory in dirs:                 # (a missing directory is still reported)
            translated = os.path.join(directory, lang)
            if os.path.isdir(translated):
                with_translations.append(translated)
            with_translations.append(directory)
        dirs = with_translations
    return dirs


def all_paths() -> list[str]:
    """Every lesson file, sorted by name; a directory earlier in lesson_dirs() wins a name.

    A directory that cannot be read is reported (OSError), never taken as
    "no lessons": an install without its lessons must say so.
    """
    found: dict[str, str] = {}
    for directory in lesson_dirs():
        for entry in sorted(os.listdir(directory)):
            if entry.endswith(SUFFIX):
                found.setdefault(entry, os.path.join(directory, entry))
    return [found[name] for name in sorted(found)]


def find(name: str) -> str | None:
    """A lesson by file name, with or without its number prefix and suffix."""
    for path in all_paths():
        base = os.path.splitext(os.path.basename(path))[0]
        if name in (base, path, base.split("-", 1)[-1]):
            return path
    return name if os.path.isfile(name) else None


def lesson_key(scratch: str) -> int:
    """The IPC key of the lesson running in `scratch`: ftok(3) of that directory."""
    from ..kernel import sysv
    return sysv.ftok(scratch, KEY_PROJECT)


def lesson_env(scratch: str) -> dict[str, str]:
    """The variables every lesson command sees (see the top of this file)."""
    return {"LESSON_DIR": scratch, "PYTHON": sys.executable,
            "LESSON_KEY": f"0x{lesson_key(scratch):08x}"}
