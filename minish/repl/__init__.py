"""The interactive shell: show a prompt, read a command, run it, repeat.

    run_repl(shell)
      take the terminal (job control: own process group, tcsetpgrp)
      loop: report finished jobs -> prompt (PS1, then PS2 while the parser
            says the input is incomplete) -> shell.run_line(text)

How a line is read -- the full editor, GNU readline or plain lines -- is
chosen in readers.py.  Whichever it is, one command is one history entry
(history.py), however many lines it took.  prompt_toolkit is imported only
for the full editor, and never forks: commands run after prompt() has
returned and its event loop has stopped.
"""
import os
# _signal: the C module behind `signal`, without its import of enum (the
# first prompt waits for every import; see run/signals.py)
import _signal as signal

from ..run import signals
from ..errors import ExitShell, IncompleteInput, ParseError, write
from ..i18n import _
from ..run.job import format_job
from ..lang.parser import parse
from .history import history_file, load_history, save_command
from .prompt import render_prompt
from .readers import choose_reader


def prepare(shell):
    """Everything an interactive session needs; returns the line reader."""
    state, jobs = shell.state, shell.executor.jobs
    if os.isatty(0):
        jobs.enable_job_control(0)
    signals.shell_handles(signal.SIGINT, _on_sigint)
    signals.shell_handles(signal.SIGCHLD, lambda *_: _reap_background(shell))
    signals.shell_handles(signal.SIGHUP, lambda *_: _hang_up(shell))
    state.history = load_history(history_file())
    reader = choose_reader(shell)
    _register_ui_builtins(shell, reader)
    return reader


# Did a Ctrl-C reach the shell as SIGINT?  Then the terminal echoed `^C`
# and no newline (termios(3), ECHOCTL), and the next prompt would follow it
# on the same line.  A Ctrl-C that an editor reads as a key (readline's
# macro, prompt_toolkit) ends its line itself; one that kills a job is the
# job's (jobs.py ends that line).
_sigint_seen = [False]


def _on_sigint(signum, frame) -> None:
    """Note the Ctrl-C, then let the engine's handler decide what it means."""
    _sigint_seen[0] = True
    signals.on_sigint(signum, frame)


def end_interrupted_line() -> None:
    """Before the next prompt: finish the line a Ctrl-C left (`read x`, a
    `while :` loop, the plain reader), so the prompt starts on its own line."""
    if _sigint_seen[0]:
        _sigint_seen[0] = False
        write(2, "\n")


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
    session = {"warned_stopped": False, "history_start": len(state.history)}   # \# counts from here
    while True:
        try:                                    # Ctrl-C may strike anywhere in here
            status = _one_command(shell, reader, history_path, session)
        except KeyboardInterrupt:               # Ctrl-C: drop the line, new prompt
            end_interrupted_line()
            state.last_status = 130
            if state.traps.get(signal.SIGINT):  # trap '...' INT runs now, as in bash (the
                if signal.SIGINT not in signals.pending_traps:   # editor read ^C as a key)
                    signals.pending_traps.append(signal.SIGINT)
                shell.executor.run_traps()
            continue
        if status is not None:
            return status


def _one_command(shell, reader, history_path: str, session: dict) -> int | None:
    """Report jobs, read one command, run it; an int means: leave with it."""
    state, jobs = shell.state, shell.executor.jobs
    _sigint_seen[0] = False
    _report_jobs(shell)
    lent = jobs.terminal.lend_stdout() if jobs.terminal else -1
    signals.at_prompt = True                   # a trapped Ctrl-C still drops the line
    try:
        text = _read_command(reader, state, jobs=len(jobs.jobs),
                             number=len(state.history) - session["history_start"] + 1)
    finally:
        signals.at_prompt = False
        if jobs.terminal:
            jobs.terminal.return_stdout(lent)
    if text is None:                            # Ctrl-D on an empty line
        if "ignoreeof" in state.options and session.get("eofs", 0) < _eof_limit(state):
            session["eofs"] = session.get("eofs", 0) + 1      # bash: IGNOREEOF times, then out
            write(2, _('Use "exit" to leave the shell.') + "\n")
            return None
        if _stopped_jobs(jobs) and not session["warned_stopped"]:
            write(2, _("There are stopped jobs.") + "\n")
            session["warned_stopped"] = True
            return None
        write(2, "exit\n")                      # as bash says it
        return _leave(shell)
    session["eofs"] = 0
    if not text.strip():
        return None
    state.history.append(text)
    save_command(history_path, text)
    try:
        shell.run_line(text)
    except ExitShell as e:
        if _stopped_jobs(jobs) and not session["warned_stopped"]:
            write(2, _("There are stopped jobs.") + "\n")
            session["warned_stopped"] = True
            state.last_status = e.status
            return None
        return _leave(shell, e.status)
    finally:
        end_interrupted_line()
    session["warned_stopped"] = False
    return None


def _eof_limit(state) -> int:
    """How many Ctrl-Ds in a row `set -o ignoreeof` ignores: $IGNOREEOF, else 10 (bash)."""
    value = state.get("IGNOREEOF") or ""
    return int(value) if value.isascii() and value.isdigit() else 10


def _read_command(reader, state, jobs: int = 0, number: int = 1) -> str | None:
    """One complete command: PS1 first, PS2 while the input is incomplete."""
    marks = getattr(reader, "zero_width", ("", ""))
    text = reader.read(render_prompt(state.vars.get("PS1"), state, reader.colour, marks,
                                     jobs, number))
    if text is None:
        return None
    while True:
        try:
            parse(text)
            return text
        except IncompleteInput:
            more = reader.read(render_prompt(state.vars.get("PS2", "> "), state, False, marks))
            if more is None:                   # EOF inside a quote: let run_line report it
                return text
            if text.endswith("\\"):            # backslash-newline joins the lines
                text = text[:-1] + more
            else:
                text += "\n" + more
        except ParseError:
            return text                        # run_line reports it


def _hang_up(shell) -> None:
    """SIGHUP: the terminal has gone.  Pass it on to every job, running or
    stopped (with SIGCONT, or a stopped one would never see it), as bash
    does; then end as the signal says (no job outlives its terminal)."""
    for job in list(shell.executor.jobs.jobs.values()):
        if job.pgid and not job.done:
            for sig in (signal.SIGHUP, signal.SIGCONT):
                try:
                    os.killpg(job.pgid, sig)
                except OSError:
                    pass
    from ..run.process import die_by_signal
    die_by_signal(signal.SIGHUP)


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
    """Exit: stopped jobs would stay stopped forever, so hang them up (as
    bash).  If the input ended because the terminal itself went away (its
    end of input can come before the SIGHUP does), every job is hung up,
    as _hang_up does."""
    gone = _terminal_gone(shell)
    for job in shell.executor.jobs.jobs.values():
        if job.pgid and not job.done and (job.is_stopped or gone):
            for sig in (signal.SIGHUP, signal.SIGCONT):
                try:
                    os.killpg(job.pgid, sig)
                except OSError:
                    pass
    return shell.state.last_status if status is None else status


def _terminal_gone(shell) -> bool:
    """After a hangup the terminal is no longer ours: tcgetpgrp(3) fails."""
    tty = shell.executor.jobs.tty
    if tty is None:
        return False
    try:
        os.tcgetpgrp(tty)
        return False
    except OSError:
        return True
