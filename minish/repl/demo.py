"""minish demo: play a lesson (or a plain script) at a real minish prompt,
for an instructor in front of a class.

    minish demo FILE [--record demo.cast] [--speed 2]

minish runs in a pseudo-terminal of its own; the demo types each command
into it with a human rhythm.  Keys:

    space / Enter   type the next command; once typed, run it
    t               narrate this step (set -o trace just for it)
    f               type freely at the prompt; Ctrl-] resumes the script
    q               end the demo

A lesson's explanations are typed as shell comments, so they appear at the
prompt and the shell ignores them.  --record writes an asciinema v2 file
that `asciinema play` replays.

The demo is a relay between the instructor's terminal and the shell's pty,
so it also relays the one question the shell asks the terminal (where is
the cursor? terminal.py): the question goes out with the shell's output,
and the terminal's answer, which arrives among the instructor's keys, is
passed back to the shell instead of being read as a key.  With no terminal
to answer, the shell falls back to the readline editor and does not wait.
"""
import json
import os
import select
import signal
import sys
import tempfile
import termios
import time
import tty

from ..teach import lesson as lessons
from ..run import process
from ..errors import report, write
from ..i18n import _, strerror
from .terminal import REQUEST, find_reply

RESUME = b"\x1d"                                 # Ctrl-]
KILL_LINE = b"\x15"                              # Ctrl-U: in readline, prompt_toolkit, a tty


def load_steps(target: str) -> tuple[list[tuple[list[str], str]], object | None]:
    """[(comment lines, command)] from a lesson, or from a script's lines."""
    path = lessons.find(target)
    if path and path.endswith(".lesson"):
        lesson = lessons.parse(path)
        heading = _("step {number}: {title}")
        steps = [([heading.format(number=i, title=s.title)] + [t for t in s.text if t], s.type)
                 for i, s in enumerate(lesson.steps, 1)]
        return steps, lesson
    with open(target, encoding="utf-8") as f:
        lines = f.read().splitlines()
    steps, comments = [], []
    for line in lines:
        if line.startswith("#!"):
            continue
        if line.strip().startswith("#"):
            comments.append(line.strip().lstrip("#").strip())
        elif line.strip():
            steps.append((comments, line))
            comments = []
    return steps, None


class Recorder:
    """asciinema v2: a JSON header line, then [seconds, "o", text] per output."""

    def __init__(self, path: str | None, width: int, height: int) -> None:
        self.file = open(path, "w", encoding="utf-8") if path else None
        self.start = time.monotonic()
        if self.file:
            header = {"version": 2, "width": width, "height": height,
                      "timestamp": int(time.time()), "title": "minish demo",
                      "env": {"SHELL": "minish", "TERM": os.environ.get("TERM", "xterm")}}
            self.file.write(json.dumps(header) + "\n")

    def output(self, data: bytes) -> None:
        if self.file:
            # A replay has no one to answer the shell's question: leave it out.
            text = data.replace(REQUEST, b"").decode("utf-8", "replace")
            if not text:
                return
            self.file.write(json.dumps([round(time.monotonic() - self.start, 6), "o", text]) + "\n")

    def close(self) -> None:
        if self.file:
            self.file.close()


class Demo:
    def __init__(self, steps, master: int, recorder: Recorder, speed: float) -> None:
        self.steps, self.master, self.recorder, self.speed = steps, master, recorder, speed
        self.step = 0
        self.state = "ready"                     # ready -> typing -> typed -> ready ...
        self.queue: list[bytes] = []             # keys still to type
        self.next_key_at = 0.0
        self.trace_this = False
        self.last_output = 0.0                   # when the shell last printed
        self.settling = False                    # waiting for the prompt after an Enter

    def delay(self, i: int) -> float:
        """A typing rhythm that looks human but is the same every run."""
        return (0.035 + 0.045 * ((i * 7919) % 11) / 10) / self.speed

    def type_text(self, text: str, then: str) -> None:
        self.queue = []
        for b in text.encode():
            self.queue.append(bytes([b]))
            if b == 13:                          # after Enter: let the shell answer first
                self.queue.append(None)
        self.state, self.after_typing = "typing", then
        self.next_key_at = time.monotonic()

    def saw_output(self) -> None:
        self.last_output = time.monotonic()

    def start_step(self) -> None:
        comments, command = self.steps[self.step]
        if self.trace_this:
            command = f"set -o trace; {command}; set +o trace"
        text = "".join(f"# {line}\r" for line in comments) + command
        self.type_text(text, "typed")

    def key(self, data: bytes) -> bool:
        """A key from the instructor; False ends the demo."""
        if self.state == "free":
            if RESUME in data:
                self.state = "ready"
            else:
                os.write(self.master, data)
            return True
        if self.state == "typing":
            return data != b"q"
        if data == b"q":
            return False
        if data == b"f":
            if self.state == "typed":            # typed but not run: start from an empty line
                os.write(self.master, KILL_LINE)
            self.state = "free"
        elif data == b"t" and self.state == "ready":
            self.trace_this = not self.trace_this
        elif data in (b" ", b"\r", b"\n"):
            if self.state == "typed":
                os.write(self.master, b"\r")
                self.step += 1
                self.state, self.trace_this = "ready", False
            elif self.step < len(self.steps):
                self.start_step()
            else:
                return False                     # all done
        elif data == b"\x03":                    # Ctrl-C goes to the shell
            os.write(self.master, data)
        return True

    def tick(self) -> None:
        """Type the next queued key when its time has come."""
        if self.state != "typing" or time.monotonic() < self.next_key_at:
            return
        if self.queue[0] is None:                # wait until the shell has gone quiet
            if time.monotonic() - max(self.last_output, self.next_key_at) < 0.15:
                return
            self.queue.pop(0)
            if not self.queue:
                self.state = self.after_typing
            return
        key = self.queue.pop(0)
        os.write(self.master, key)
        self.next_key_at = time.monotonic() + self.delay(len(self.queue))
        if not self.queue:
            self.state = self.after_typing

    def timeout(self) -> float | None:
        if self.state != "typing":
            return None
        if self.queue and self.queue[0] is None:
            return 0.05
        return max(0.0, self.next_key_at - time.monotonic())


def run_demo(args: list[str]) -> int:
    record, speed, target = None, 1.0, None
    usage = _("usage: {synopsis}").format(
        synopsis="minish demo FILE [--record FILE.cast] [--speed N]")
    while args:
        arg = args.pop(0)
        if arg in ("-h", "--help"):
            write(1, usage + "\n")
            return 0
        if arg == "--record" and args:
            record = args.pop(0)
        elif arg == "--speed" and args:
            number = args.pop(0)
            try:
                speed = float(number)
            except ValueError:
                speed = 0.0
            if not speed > 0:                   # also nan: a speed must be a positive number
                report("demo: --speed: " + _("{value}: not a positive number")
                       .format(value=number))
                return 2
        elif target is None:
            target = arg
        else:
            report(usage)
            return 2
    if target is None:
        report(usage)
        return 2
    try:
        steps, lesson = load_steps(target)
    except OSError as e:
        report(f"demo: {e.filename or target}: {strerror(e.errno)}")
        return 1
    except lessons.LessonError as e:
        report(f"demo: {e}")
        return 1
    from .lesson import EndOnSignals, LessonKilled
    ended_by = EndOnSignals()                  # SIGHUP, SIGTERM: clean up, then die of it
    scratch = tempfile.mkdtemp(prefix="minish-demo-")
    try:
        return _play(steps, lesson, scratch, record, speed)
    except (LessonKilled, BrokenPipeError) as e:   # (SIGPIPE is ignored meanwhile)
        ended_by.signum = getattr(e, "signum", signal.SIGPIPE)
        return 128 + ended_by.signum
    finally:
        import shutil
        shutil.rmtree(scratch, ignore_errors=True)
        ended_by.restore()                     # and die of the signal, if one came


def _play(steps, lesson, scratch: str, record: str | None, speed: float) -> int:
    env = dict(os.environ, **lessons.lesson_env(scratch))   # LESSON_DIR, LESSON_KEY...
    if lesson is not None:
        for name, content, executable in lesson.files:
            path = os.path.join(scratch, name)
            with open(path, "w") as f:
                f.write(content)
            if executable:
                os.chmod(path, 0o755)
    cols, rows = os.get_terminal_size(0) if os.isatty(0) else (80, 24)
    old_cwd = os.getcwd()
    os.chdir(scratch if lesson is not None else old_cwd)
    pid, master = process.fork_in_pty([sys.executable, "-m", "minish"], env)
    os.chdir(old_cwd)
    _set_size(master, rows, cols)
    recorder = Recorder(record, cols, rows)
    demo = Demo(steps, master, recorder, speed)
    saved = termios.tcgetattr(0) if os.isatty(0) else None
    if saved is not None:
        tty.setraw(0)
    try:
        if lesson is not None:
            for command in lesson.setup:           # typed at once, before the show
                os.write(master, (command + "\r").encode())
        _relay(demo, master, recorder)
    finally:
        try:                                   # the terminal may have gone (SIGHUP)
            if saved is not None:
                termios.tcsetattr(0, termios.TCSADRAIN, saved)
            os.write(1, b"\n")                  # leave the terminal on a fresh line
        except (OSError, termios.error):
            pass
        recorder.output(b"\r\n")
        recorder.close()
        try:
            os.write(master, b"exit\r")
        except OSError:
            pass
        os.close(master)
        process.wait_pid(pid)
    return 0


def _relay(demo: Demo, master: int, recorder: Recorder) -> None:
    while True:
        ready, _, _ = select.select([0, master], [], [], demo.timeout())
        if master in ready:
            try:
                data = os.read(master, 4096)
            except OSError:
                return                               # the shell has exited
            if not data:
                return
            os.write(1, data)
            recorder.output(data)
            demo.saw_output()
        if 0 in ready:
            data = os.read(0, 1024)
            if not data:
                return
            while (reply := find_reply(data)) is not None:     # the terminal answering
                os.write(master, data[reply[0]:reply[1]])      # the shell's question
                data = data[:reply[0]] + data[reply[1]:]
            if data and not demo.key(data):
                return
        demo.tick()


def _set_size(fd: int, rows: int, cols: int) -> None:
    import fcntl
    import struct
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    except OSError:
        pass
