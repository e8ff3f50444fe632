"""`minish lab`: list the labs, start one, check one.

    minish lab                      the labs, with your progress
    minish lab start NAME [DIR]     copy the skeleton, driver, Makefile, README to DIR
    minish lab start NAME [DIR] --python    the Python variant, where a lab has one
    minish lab check [DIR]          compile, run under strace, print each check

`check` exits 0 only when every check passes.  Progress (how many checks
passed last time) is kept next to the lessons' progress, in labs.json.
"""
import errno
import importlib
import json
import os
import shutil
import sys

from ..errors import report
from ..i18n import _, ngettext, strerror
from ..run import program
from . import lab as labs

MARKER = ".minish-lab"                          # in DIR: which lab it holds
GREEN, RED, BOLD, DIM, RESET = "\x1b[32m", "\x1b[31m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


def main(args: list[str]) -> int:
    if not args:
        return list_labs()
    python = "--python" in args[2:]
    if python:
        args = [a for a in args if a != "--python"]
    if args[0] == "start" and len(args) in (2, 3):
        return start(args[1], args[2] if len(args) == 3 else args[1], python)
    if args[0] == "check" and len(args) in (1, 2):
        return check(args[1] if len(args) == 2 else ".")
    report("lab: " + _("usage: {synopsis}").format(
        synopsis="minish lab | minish lab start NAME [DIR] [--python] | minish lab check [DIR]"))
    return 2


def _progress_path() -> str:
    from .progress import progress_file          # one owner for where progress lives
    return os.path.join(os.path.dirname(progress_file()), "labs.json")


def _load() -> dict:
    try:
        with open(_progress_path()) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def _save(progress: dict) -> None:
    path = _progress_path()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump(progress, f, indent=1)
    except OSError as e:
        report("lab: " + _("cannot save progress in {path}: {error}").format(
            path=path, error=strerror(e.errno)))


def list_labs() -> int:
    progress = _load()
    for lab in labs.all_labs():
        record = progress.get(lab.name)
        if record is None:
            state = _("not started")
        elif record.get("total") and record["passed"] == record["total"]:
            state = _("{passed}/{total} checks passed - done").format(**record)
        elif record.get("total"):
            state = _("{passed}/{total} checks passed").format(**record)
        else:
            state = _("started in {dir}").format(**record)
        print(f"  {lab.name:<12} {lab.title}  [{state}]")
    print("\n" + _("minish lab start NAME [DIR]   then   minish lab check [DIR]"))
    return 0


def start(name: str, directory: str, python: bool = False) -> int:
    try:
        lab = labs.Lab(name)
    except LookupError:
        report(f"lab: {name}: " + _("no such lab (`minish lab` lists them)"))
        return 1
    if python and not lab.python:
        report(f"lab: {name}: " + _("this lab has no Python variant"))
        return 1
    mine = lab.python if python else lab.student_file
    if os.path.exists(os.path.join(directory, mine)):
        report(f"lab: {directory}/{mine}: " + _("already exists; not overwriting it"))
        return 1
    try:
        os.makedirs(directory, exist_ok=True)
        for file in lab.files(python):
            shutil.copy(os.path.join(lab.dir, file), directory)
        with open(os.path.join(directory, MARKER), "w") as f:
            f.write(name + (" python" if python else "") + "\n")
    except OSError as e:
        report(f"lab: {directory}: {strerror(e.errno)}")
        return 1
    progress = _load()
    progress[name] = {"dir": os.path.abspath(directory)}
    _save(progress)
    print(f"{directory}/: {', '.join(lab.files(python))}")
    print(_("Write {file}, read {readme}, then: minish lab check {directory}").format(
        file=mine, readme=lab.readme(), directory=directory))
    return 0


def _which(directory: str):
    """(the Lab, whether it is the Python variant) that DIR holds, or (None, False)."""
    try:
        with open(os.path.join(directory, MARKER)) as f:
            words = f.read().split()
        return labs.Lab(words[0]), words[1:] == ["python"]
    except (OSError, LookupError, IndexError):
        pass
    for lab in labs.all_labs():                 # no marker: recognise the student's file
        if os.path.exists(os.path.join(directory, lab.student_file)):
            return lab, False
        if lab.python and os.path.exists(os.path.join(directory, lab.python)):
            return lab, True
    return None, False


def check(directory: str) -> int:
    lab, python = _which(directory)
    if lab is None:
        report(f"lab: {directory}: " + _("no lab here (start one with `minish lab start NAME`)"))
        return 1
    for tool in ("python3" if python else "cc", "strace"):
        if program.search_path(tool, os.environ.get("PATH")) is None:
            why = _("not found; the grader needs it (to see your system calls; on "
                    "Debian/Ubuntu: apt install {package})") if tool == "strace" else \
                _("not found; the grader needs it (to run your file; on Debian/Ubuntu: "
                  "apt install {package})")
            report(f"lab: {tool}: " + why.format(package="gcc" if tool == "cc" else tool))
            return 127
    # The grader's children must start as a C program would: Python ignores
    # SIGPIPE and SIGXFSZ, and signals.py owns the list of what to put back.
    import signal
    from ..run import signals
    signals.setup_shell(interactive=False)
    signals.shell_handles(signal.SIGINT, signal.default_int_handler)
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    paint = (lambda code, text: f"{code}{text}{RESET}") if colour else (lambda c, t: t)
    mine = lab.python if python else lab.student_file
    if not os.path.isfile(os.path.join(directory, mine)):
        report(f"lab: {os.path.join(directory, mine)}: {strerror(errno.ENOENT)}")
        return 1
    runner = labs.Runner(lab, directory, python=python)
    try:
        compiled, messages = runner.compile()
        if messages:
            sys.stdout.write(messages)
        if not compiled:
            print(paint(RED, _("{file} does not compile; fix the errors above.").format(
                file=mine)))
            return 1
        grader = importlib.import_module(f"minish.teach.grade_{lab.name.replace('-', '_')}")
        try:
            checks = grader.grade(runner)
        except (ValueError, IndexError, KeyError, StopIteration, AttributeError) as e:
            # A trace the grader did not expect: say so plainly, never a traceback.
            report(f"lab: {lab.name}: " + _("the grader could not read this run's trace "
                                            "({error}); please report it with your file")
                   .format(error=f"{type(e).__name__}: {e}"))
            return 1
    finally:
        runner.cleanup()
    passed = sum(c.ok for c in checks)
    for c in checks:
        print(paint(GREEN, "  PASS  ") + c.title if c.ok else paint(RED, "  FAIL  ") + c.title)
        if not c.ok:
            for line in c.why.splitlines():
                print("        " + line)
            for call in c.lines:
                print(paint(DIM, "        " + _("trace: {call}").format(call=call.where())))
            if lab.lesson:
                print(paint(DIM, "        " + _("see: minish lesson {lesson}").format(
                    lesson=lab.lesson)))
    print(paint(BOLD, ngettext("{passed} of {total} check passed.",
                               "{passed} of {total} checks passed.", len(checks))
                .format(passed=passed, total=len(checks))))
    progress = _load()
    progress[lab.name] = {"dir": os.path.abspath(directory), "passed": passed,
                          "total": len(checks)}
    _save(progress)
    return 0 if passed == len(checks) else 1
