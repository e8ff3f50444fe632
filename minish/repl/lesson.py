"""Running a lesson at a real minish prompt: show a step, let the student
type, check what happened, move on.

    minish lesson            list the lessons, with your progress
    minish lesson pipes      run one (also `lesson pipes` at the prompt)

At the lesson prompt the student has the whole shell; besides commands,
`hint`, `skip` and `quit` are understood.  Each step shows its goal, not
its command; `hint` gives help in stages, the full command last.  A step
may first ask for a prediction; right ones are kept in the progress file.

Commands run on a pty whose output is copied to the terminal as it comes
(teach/tee.py), and what they did is recorded (teach/record.py) for the
checks (teach/checks.py).  The lesson runs in a scratch directory made for
it (so `rm` there never touches the student's files).  Progress is saved
after every step; skipped steps are not counted as done; resuming runs
the `resume:` commands of the steps already done.  However the lesson
ends (quit, Ctrl-D, an error, SIGTERM, or SIGHUP when its terminal
closes), its cleanup commands run and the shell gets back its options,
traps and variables, with the lesson's jobs killed and reaped
(teach/snapshot.py).  Only SIGKILL escapes that: `minish lesson --clean`
(teach/scratch.py) sweeps up the files and IPC objects after it.
"""
import os
import shutil
import signal

from ..teach import checks
from ..teach import lesson as lessons
from ..teach import scratch as scratches
from ..run import signals
from ..teach.record import Happened, Recording
from ..teach.progress import load_progress, save_progress
from ..teach.snapshot import Snapshot
from ..teach.tee import Tee
from ..errors import ExitShell, report, write
from ..i18n import _, strerror
from ..lang.syntax import Lit, Redir, Word

GREEN, YELLOW, BOLD, DIM, RESET = "\x1b[32m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


def list_lessons() -> int:
    """`minish lesson`: every lesson, its topic and how far you got."""
    progress = load_progress()
    try:
        paths = lessons.all_paths()
    except OSError as e:                        # a broken install, or a bad --lessons DIR
        report(f"lesson: {e.filename}: {strerror(e.errno)}")
        return 1
    for path in paths:
        try:
            lesson = lessons.parse(path)
        except lessons.LessonError as e:
            report(str(e))
            continue
        passed = len(progress.get(lesson.name, {}).get("passed", []))
        mark = _("done") if passed >= len(lesson.steps) else f"{passed}/{len(lesson.steps)}"
        write(1, f"  {lesson.name:<28} {mark:>6}  {lesson.title}\n")
    write(1, "\n" + _("run one with: minish lesson NAME   (or `lesson NAME` at the prompt)")
          + "\n")
    return 0


class Runner:
    def __init__(self, shell, reader, lesson) -> None:
        self.shell, self.reader, self.lesson = shell, reader, lesson
        self.colour = getattr(reader, "colour", False) and "NO_COLOR" not in os.environ

    def paint(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.colour else text

    def run(self) -> int:
        lesson = self.lesson
        progress = load_progress()
        record = progress.setdefault(lesson.name, {})
        record.setdefault("done", 0)
        passed = set(record.get("passed", []))
        start = record["done"] if record["done"] < len(lesson.steps) else 0
        old_cwd = os.getcwd()
        snapshot = Snapshot(self.shell)
        scratch = scratches.make_scratch(lesson.name)
        self.key = lessons.lesson_env(scratch)["LESSON_KEY"]
        self.tee, self.recording = None, Recording(scratch)
        ended_by = EndOnSignals()
        try:
            self.tee = Tee(scratch)
            self.prepare(scratch, start)
            write(1, self.paint(BOLD, f"\n== {lesson.title} ==") + "\n")
            if lesson.needs:
                write(1, _("needs: {needs}").format(needs=lesson.needs) + "\n")
            for goal in lesson.goals:
                write(1, f"  * {goal}\n")
            write(1, _("(working in {directory}; type hint, skip or quit at any time)")
                  .format(directory=scratch) + "\n")
            for number in range(start, len(lesson.steps)):
                outcome = self.step(number, record)
                if outcome == "quit":
                    write(1, _("lesson paused at step {number}; `lesson {name}` resumes it")
                          .format(number=number + 1, name=lesson.name) + "\n")
                    return 0
                if outcome == "done":
                    passed.add(number + 1)
                record["done"], record["passed"] = number + 1, sorted(passed)
                save_progress(progress)
            if len(passed) == len(lesson.steps):
                done = _("lesson complete: {title}").format(title=lesson.title)
                write(1, "\n" + self.paint(GREEN, done) + "\n")
            else:
                skipped = sorted(set(range(1, len(lesson.steps) + 1)) - passed)
                write(1, "\n" + _("lesson ended; steps not done yet: {steps}")
                      .format(steps=" ".join(map(str, skipped))) + "\n")
            return 0
        except (LessonKilled, BrokenPipeError) as e:
            ended_by.killed = True
            ended_by.signum = getattr(e, "signum", signal.SIGPIPE)
            return 128 + ended_by.signum
        finally:
            ended_by.killed = True              # a late signal must not cut the cleanup
            self.finish(scratch, old_cwd, snapshot)
            ended_by.restore()                  # and die of the signal, if one came

    def prepare(self, scratch: str, start: int) -> None:
        for name, content, executable in self.lesson.files:
            path = os.path.join(scratch, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(content)
            if executable:
                os.chmod(path, 0o755)
        os.chdir(scratch)
        state = self.shell.state
        state.set("PWD", scratch)
        for name, value in lessons.lesson_env(scratch).items():  # LESSON_KEY, PYTHON...
            state.set(name, value, export=True)
        for command in self.lesson.setup:
            self.captured(command)
        resume = [c for step in self.lesson.steps[:start] for c in step.resume]
        if resume:
            write(1, _("resuming: re-creating what the earlier steps made:") + "\n")
        for command in resume:
            write(1, self.paint(DIM, f"  $ {command}") + "\n")
            self.captured(command)

    def finish(self, scratch: str, old_cwd: str, snapshot) -> None:
        for command in self.lesson.cleanup:
            try:
                self.captured(command)
            except ExitShell:
                pass
        snapshot.restore()                      # options, traps, jobs, variables
        if self.tee is not None:
            self.tee.close()
        try:
            os.chdir(old_cwd)
        except OSError:
            os.chdir("/")
        shutil.rmtree(scratch, ignore_errors=True)

    def step(self, number: int, record: dict) -> str:
        step, total = self.lesson.steps[number], len(self.lesson.steps)
        heading = _("step {number}/{total}: {title}").format(number=number + 1, total=total,
                                                             title=step.title)
        write(1, "\n" + self.paint(BOLD, heading) + "\n")
        write(1, "".join(f"  {line}\n" for line in step.text).rstrip() + "\n")
        if step.goal:                           # (an older lesson may have none)
            write(1, "  " + _("goal: {goal}").format(goal=self.paint(YELLOW, step.goal)) + "\n")
        self.hints, self.guess = 0, None
        if step.predict:
            write(1, "  " + _("predict first: {question}").format(question=step.predict) + "\n")
            while True:                         # hint, skip and quit work here too
                self.guess = self.reader.read("  " + _("your answer> "))
                said = (self.guess or "").strip()
                if self.guess is None or said in ("quit", "exit"):
                    return "quit"
                if said == "skip":
                    write(1, _("skipped (it does not count as done).") + "\n")
                    return "skipped"
                if said != "hint":
                    break
                write(1, "  " + _("a guess is fine: the step shows the answer afterwards") + "\n")
        while True:
            try:                                # Ctrl-C may strike anywhere in here
                outcome = self.attempt(step, number, total)
            except KeyboardInterrupt:
                from . import end_interrupted_line
                end_interrupted_line()
                continue
            if outcome:
                if outcome == "done" and step.predict:
                    self.judge(step, number, record)
                return outcome

    def judge(self, step, number: int, record: dict) -> None:
        """Say whether the prediction was right, and keep it in the progress file."""
        said = (self.guess or "").strip()
        right = bool(said) and lessons.right_prediction(step, said)
        record.setdefault("predictions", {})[str(number + 1)] = {"said": said, "right": right}
        answer = step.answer.split(" | ")[0]
        verdict = _("you predicted {said}: right!") if right else \
            _("you predicted {said}: the answer was {answer}")
        write(1, "  " + verdict.format(said=repr(said), answer=repr(answer)) + "\n")

    def attempt(self, step, number: int, total: int) -> str | None:
        """Read one line at the lesson prompt and deal with it; None: ask again."""
        typed = self.reader.read(_("lesson {number}/{total}> ").format(number=number + 1,
                                                                        total=total))
        if typed is None or typed.strip() in ("quit", "exit"):
            return "quit"
        typed = typed.strip()
        if not typed:
            return None
        if typed == "skip":
            write(1, _("skipped (it does not count as done).") + "\n")
            return "skipped"
        if typed == "hint":
            write(1, _("hint: {hint}").format(hint=self.next_hint(step)) + "\n")
            return None
        self.shell.state.history.append(typed)
        before = self.shell.executor.jobs.last
        self.recording.start()
        try:
            output, status = self.captured(typed)
        except ExitShell:
            return "quit"                       # `exit` ends the lesson, not the shell
        finally:
            events = self.recording.stop()
        job = self.shell.executor.jobs.last
        did = Happened(typed, output, status, events, job if job is not before else None,
                       self.shell, self.key)
        failures = [why or failure for _line, check, why in step.checks
                    if (failure := checks.failed(check, did))]
        if not failures:
            write(1, self.paint(GREEN, "  " + _("✓ that's it")) + "\n")
            return "done"
        write(1, self.paint(YELLOW, "  " + _("not yet: {why}").format(why=failures[0])) + "\n")
        write(1, self.paint(DIM, "  " + _("(type hint for help)")) + "\n")
        return None

    def next_hint(self, step) -> str:
        """The hints one stage at a time; the full command is the last stage."""
        stages = [*step.hints, _("the full command: {command}").format(command=step.type)]
        hint = stages[min(self.hints, len(stages) - 1)]
        self.hints += 1
        return hint

    def captured(self, text: str) -> tuple[str, int]:
        """Run `text` in the shell with stdout and stderr on the lesson's pty
        (teach/tee.py): the student sees it live, and we get a copy."""
        slave = Word((Lit(str(self.tee.slave)),))
        redirs = (Redir(1, ">&", slave), Redir(2, ">&", Word((Lit("1"),))))
        status = self.shell.executor.with_redirections(
            redirs, lambda: self.shell.run_line(text))
        output = self.tee.output()
        return output, self.shell.state.last_status if status is None else status


class LessonKilled(BaseException):
    """SIGHUP or SIGTERM arrived during a lesson: unwind so its cleanup runs.

    A BaseException, like KeyboardInterrupt, so no `except Exception` on the
    way up can swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class EndOnSignals:
    """While a lesson (or a demo: demo.py) runs, SIGHUP (its terminal
    closed) and SIGTERM raise LessonKilled, so the `finally:` that cleans
    up runs.  A
    second signal during that cleanup is only noted: the cleanup must
    finish.  SIGPIPE (`minish lesson pipes | head`: the reader went away)
    is ignored meanwhile, so the write fails with EPIPE instead, and the
    lesson ends the same way (Runner.run).

    A forked child that has not exec'd yet inherits the handler; it must
    simply die of the signal as it would have, not clean up the lesson.
    After the cleanup, restore() puts the old handlers back and, if a
    signal ended the lesson, re-sends it: the parent (a terminal, a test)
    sees a process killed by SIGHUP/SIGTERM, as it asked (signal(7)).
    """
    SIGNALS = (signal.SIGHUP, signal.SIGTERM)

    def __init__(self) -> None:
        self.owner, self.signum, self.killed = os.getpid(), 0, False
        self.old = {sig: signal.signal(sig, self.handler) for sig in self.SIGNALS}
        # (_signal's own constants: it accepts no others, see run/signals.py)
        self.old_pipe = signals.signal.getsignal(signal.SIGPIPE)
        signals.shell_handles(signal.SIGPIPE, signals.signal.SIG_IGN)   # children get it back

    def handler(self, signum, frame) -> None:
        if os.getpid() != self.owner:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if self.killed:
            return
        self.killed = True
        raise LessonKilled(signum)

    def restore(self) -> None:
        for sig, old in self.old.items():
            signal.signal(sig, old)
        signals.shell_handles(signal.SIGPIPE, self.old_pipe)
        if self.signum:
            signal.signal(self.signum, signal.SIG_DFL)
            os.kill(os.getpid(), self.signum)


def run_lesson(shell, reader, name: str) -> int:
    try:
        path = lessons.find(name)
    except OSError as e:
        report(f"lesson: {e.filename}: {strerror(e.errno)}")
        return 1
    if path is None:
        report("lesson: " + _("no lesson called {name} (`minish lesson` lists them)")
               .format(name=repr(name)))
        return 1
    try:
        lesson = lessons.parse(path)
    except lessons.LessonError as e:
        report(f"lesson: {e}")
        return 2
    except OSError as e:
        report(f"lesson: {path}: {strerror(e.errno)}")
        return 1
    return Runner(shell, reader, lesson).run()
