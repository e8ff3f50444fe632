"""The interactive shell: show a prompt, read a command, run it, repeat.

    run_repl(shell)
      take the terminal (job control: own process group, tcsetpgrp)
      loop: report finished jobs -> prompt (PS1, then PS2 while the parser
            says the input is incomplete) -> shell.run_line(text)

Two ways to read a line:
- the full editor (editor.py, prompt_toolkit: colours, completion,
  history search, suggestions), at a real terminal;
- plain lines (no escape sequences at all) when stdin is not a terminal,
  TERM=dumb, or PROMPT_TOOLKIT_NO_CPR=1 (how pexpect and lessons drive
  minish), so what they see is deterministic.  MINISH_EDITOR=full or
  MINISH_EDITOR=plain overrides the choice.
prompt_toolkit is imported only for the full editor, and never forks:
commands run after prompt() has returned and its event loop has stopped.
"""
import os
import signal

from ..run import signals
from ..errors import ExitShell, IncompleteInput, ParseError, report, write
from ..run.jobs import format_job
from ..lang.parser import parse
from ..shell import LineReader
from .prompt import render_prompt


def prepare(shell):
    """Everything an interactive session needs; returns the line reader."""
    state, jobs = shell.state, shell.executor.jobs
    if os.isatty(0):
        jobs.enable_job_control(0)
    signals.shell_handles(signal.SIGCHLD, lambda *_: _reap_background(shell))
    history_path = history_file()
    state.history = load_history(history_path)
    reader = _choose_reader(shell, history_path)
    _register_ui_builtins(shell, reader)
    return reader


def _register_ui_builtins(shell, reader) -> None:
    """Builtins that need the terminal UI: registered by the UI, not the engine."""
    from ..builtins.registry import builtin

    @builtin("lesson", "run a lesson, or list them", "lesson [NAME]")
    def lesson(sh, argv):
        """lesson          list the lessons and your progress
        lesson NAME     run one at this prompt: hint, skip and quit work inside"""
        from .lesson import list_lessons, run_lesson
        if len(argv) == 1:
            return list_lessons()
        return run_lesson(shell, reader, argv[1])


def run_repl(shell) -> int:
    state = shell.state
    history_path = history_file()
    reader = prepare(shell)
    session = {"warned_stopped": False}
    while True:
        try:                                    # Ctrl-C may strike anywhere in here
            status = _one_command(shell, reader, history_path, session)
        except KeyboardInterrupt:               # Ctrl-C: drop the line, new prompt
            if reader.plain:
                write(2, "\n")
            state.last_status = 130
            continue
        if status is not None:
            return status


def _one_command(shell, reader, history_path: str, session: dict) -> int | None:
    """Report jobs, read one command, run it; an int means: leave with it."""
    state, jobs = shell.state, shell.executor.jobs
    _report_jobs(shell)
    text = _read_command(reader, state)
    if text is None:                            # Ctrl-D on an empty line
        if _stopped_jobs(jobs) and not session["warned_stopped"]:
            write(2, "There are stopped jobs.\n")
            session["warned_stopped"] = True
            return None
        if reader.plain:
            write(2, "exit\n")
        return _leave(shell)
    if not text.strip():
        return None
    _remember(state, history_path, text, reader)
    try:
        shell.run_line(text)
    except ExitShell as e:
        if _stopped_jobs(jobs) and not session["warned_stopped"]:
            write(2, "There are stopped jobs.\n")
            session["warned_stopped"] = True
            state.last_status = e.status
            return None
        return _leave(shell, e.status)
    session["warned_stopped"] = False
    return None


def _read_command(reader, state) -> str | None:
    """One complete command: PS1 first, PS2 while the input is incomplete."""
    text = reader.read(render_prompt(state.vars.get("PS1"), state, reader.colour))
    if text is None:
        return None
    while True:
        try:
            parse(text)
            return text
        except IncompleteInput:
            more = reader.read(render_prompt(state.vars.get("PS2", "> "), state, False))
            if more is None:                   # EOF inside a quote: let run_line report it
                return text
            if text.endswith("\\"):            # backslash-newline joins the lines
                text = text[:-1] + more
            else:
                text += "\n" + more
        except ParseError:
            return text                        # run_line reports it


class PlainReader:
    """Lines from fd 0 with the prompt on stderr, as sh does: no escapes."""
    plain, colour = True, False

    def __init__(self) -> None:
        if not os.isatty(0):
            self.lines = LineReader(0)
            return
        # Our own open of the terminal, non-blocking: O_NONBLOCK on fd 0 would
        # be shared with every command that inherits it.  See LineReader.
        tty = _high(os.open(os.ttyname(0), os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY))
        wake_read, wake_write = (_high(fd) for fd in os.pipe2(os.O_NONBLOCK))
        signal.set_wakeup_fd(wake_write)
        self.lines = LineReader(tty, wakeup=wake_read)

    def read(self, prompt: str) -> str | None:
        write(2, prompt)
        line = self.lines.readline()
        if not line:
            return None
        return line[:-1] if line.endswith("\n") else line


def _high(fd: int) -> int:
    """Move one of the shell's own fds out of the way (>= 100, close-on-exec),
    so `exec 3>file` at the prompt cannot clobber it."""
    import fcntl
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100)
    os.close(fd)
    return high


def _choose_reader(shell, history_path):
    choice = os.environ.get("MINISH_EDITOR", "")
    headless = not (os.isatty(0) and os.isatty(1)) or os.environ.get("TERM") == "dumb" \
        or os.environ.get("PROMPT_TOOLKIT_NO_CPR") == "1"
    if choice == "plain" or (headless and choice != "full"):
        return PlainReader()
    try:
        from .editor import Editor             # imports prompt_toolkit: ~200 ms
        return Editor(shell, history_path)
    except Exception as e:                     # no usable terminal: fall back
        report(f"line editor unavailable ({e}); reading plain lines")
        return PlainReader()


def _reap_background(shell) -> None:
    """SIGCHLD: reap finished background jobs at once (no zombies)."""
    try:
        shell.executor.jobs.reap(forget=False)
    except Exception:
        pass


def _report_jobs(shell) -> None:
    """Before each prompt: `[1]+  Done  sleep 1` for every job that changed."""
    jobs = shell.executor.jobs
    jobs.reap()
    for job in sorted(jobs.jobs.values(), key=lambda j: j.id):
        if job.done and job.background:
            write(2, format_job(job, jobs.marker(job)) + "\n")
            jobs.remove(job)
        elif job.is_stopped and not job.notified:   # e.g. a background `cat` (SIGTTIN)
            write(2, format_job(job, jobs.marker(job)) + "\n")
            job.notified = True
        elif not job.is_stopped:
            job.notified = False


def _stopped_jobs(jobs) -> bool:
    return any(job.is_stopped for job in jobs.jobs.values())


def _leave(shell, status: int | None = None) -> int:
    """Exit: stopped jobs would stay stopped forever, so hang them up (as bash)."""
    for job in shell.executor.jobs.jobs.values():
        if job.is_stopped and job.pgid:
            for sig in (signal.SIGHUP, signal.SIGCONT):
                try:
                    os.killpg(job.pgid, sig)
                except OSError:
                    pass
    return shell.state.last_status if status is None else status


# ---- history ---------------------------------------------------------------

def history_file() -> str:
    """$MINISH_HISTFILE, else $XDG_DATA_HOME/minish/history (~/.local/share/...)."""
    explicit = os.environ.get("MINISH_HISTFILE")
    if explicit:
        return explicit
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"),
                                                           ".local", "share")
    return os.path.join(data, "minish", "history")


def load_history(path: str) -> list[str]:
    """The saved commands, oldest first; a missing or corrupt file gives []."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return []
    entries, current = [], []
    for line in data.decode("utf-8", "replace").splitlines():
        if line.startswith("+"):               # prompt_toolkit's FileHistory format
            current.append(line[1:])
        elif current:
            entries.append("\n".join(current))
            current = []
    if current:
        entries.append("\n".join(current))
    return entries


def _remember(state, path: str, text: str, reader) -> None:
    state.history.append(text)
    if not reader.plain:
        return                                  # the editor's FileHistory saves it
    # History is a convenience: failing to save it is never fatal.
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        import datetime
        with open(path, "a", encoding="utf-8", errors="surrogateescape") as f:
            f.write(f"\n# {datetime.datetime.now()}\n")
            f.write("".join(f"+{line}\n" for line in text.split("\n")))
    except OSError:
        return
