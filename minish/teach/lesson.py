"""Lessons: finding the lesson files, reading them, and checking a step.

The lessons ship inside the package (minish/lessons/), so `pip install`
and `pipx install` carry them; importlib.resources finds them wherever the
package was installed.  An instructor adds a directory of their own with
MINISH_LESSONS=DIR[:DIR...] or `minish lesson --lessons DIR`; a lesson
there with the same file name replaces the shipped one.

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
    setup run: mkfifo fifo           (run before the first step)
    cleanup run: ipcrm -Q $LESSON_KEY (run when the lesson ends, however it ends)

    step: Count the lines
        The explanation, in as many indented lines as it takes.
      type: wc -l < data.txt
      check: output matches ^\\s*2\\s*$
      check: status 0
      hint: Use < to give wc the file as its standard input.

Checks (all of a step's checks must pass):
    output contains TEXT | output lacks TEXT | output matches REGEX
    status N | status not N
    file NAME exists | file NAME missing | file NAME contains TEXT
    ipc msg|shm|sem KEY exists | ipc msg|shm|sem KEY missing
    typed contains TEXT              (what the student typed)

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
        self.checks: list[tuple[int, str]] = []   # (line, check)
        self.hints: list[str] = []


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


CHECK_FORMS = [
    r"output (contains|lacks) .+", r"output matches .+", r"status (not )?-?\d+",
    r"file \S+ (exists|missing)", r"file \S+ contains .+",
    r"ipc (msg|shm|sem) (0x[0-9a-fA-F]+|\$LESSON_KEY) (exists|missing)", r"typed contains .+",
]


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
                raise LessonError(path, number, f"expected 'key: value', got {line!r}")
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
                raise LessonError(path, number, f"unknown key {key!r}")
            continue
        if step is None:
            raise LessonError(path, number, "indented text outside a step")
        stripped = line.strip()
        field, sep, value = stripped.partition(":")
        if line.startswith("  ") and not line.startswith("    ") and sep:
            value = value.strip()
            if field == "type":
                step.type = value
            elif field == "check":
                if not any(re.fullmatch(form, value) for form in CHECK_FORMS):
                    raise LessonError(path, number, f"unknown check {value!r}")
                if value.startswith("output matches "):
                    try:
                        re.compile(value[len("output matches "):])
                    except re.error as e:
                        raise LessonError(path, number, f"bad regular expression: {e}") from None
                step.checks.append((number, value))
            elif field == "hint":
                step.hints.append(value)
            else:
                raise LessonError(path, number, f"unknown step field {field!r}")
        else:
            step.text.append(stripped)
    if not lesson.steps:
        raise LessonError(path, len(lines), "a lesson needs at least one step")
    for s in lesson.steps:
        if not s.checks:
            raise LessonError(path, s.line, f"step {s.title!r} has no check")
        if not s.type:
            raise LessonError(path, s.line, f"step {s.title!r} has no `type:`")
    return lesson


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
    return extra + [os.fspath(files("minish.lessons"))]


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


# ---- checking a step ---------------------------------------------------------------

def failed_check(check: str, typed: str, output: str, status: int, cwd: str,
                 key: str = "") -> str | None:
    """None if the check passes, else a sentence saying what was expected.

    `key` is the lesson's LESSON_KEY (0x%08x), put in for `$LESSON_KEY`."""
    if key:
        check = check.replace("$LESSON_KEY", key)
    words = check.split(" ", 2)
    if check.startswith("output contains "):
        text = check[len("output contains "):]
        return None if text in output else f"the output should contain {text!r}"
    if check.startswith("output lacks "):
        text = check[len("output lacks "):]
        return None if text not in output else f"the output should not contain {text!r}"
    if check.startswith("output matches "):
        pattern = check[len("output matches "):]
        return None if re.search(pattern, output, re.M) else \
            f"the output should match /{pattern}/"
    if check.startswith("status "):
        negate = check.startswith("status not ")
        want = int(check.split()[-1])
        ok = (status != want) if negate else (status == want)
        return None if ok else f"$? should {'not ' if negate else ''}be {want} (it was {status})"
    if check.startswith("typed contains "):
        text = check[len("typed contains "):]
        return None if text in typed else f"the command should use {text!r}"
    if words[0] == "file":
        path = os.path.join(cwd, words[1])
        rest = words[2]
        if rest == "exists":
            return None if os.path.exists(path) else f"file {words[1]} should exist"
        if rest == "missing":
            return None if not os.path.exists(path) else f"file {words[1]} should not exist"
        text = rest[len("contains "):]
        try:
            with open(path, errors="replace") as f:
                found = text in f.read()
        except OSError:
            found = False
        return None if found else f"file {words[1]} should contain {text!r}"
    if words[0] == "ipc":
        kind, key_and_state = words[1], words[2]
        key, state = key_and_state.split()
        present = _ipc_key_present(kind, int(key, 16))
        want = state == "exists"
        return None if present == want else \
            f"the {kind} object with key {key} should {'exist' if want else 'be gone'}"
    return f"unknown check {check!r}"


def _ipc_key_present(kind: str, key: int) -> bool:
    try:
        with open(f"/proc/sysvipc/{kind}") as f:
            rows = f.read().splitlines()[1:]
    except OSError:
        return False
    return any(int(row.split()[0]) & 0xFFFFFFFF == key for row in rows)
