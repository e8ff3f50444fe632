"""The executor: walks the AST and decides what runs where.

One `match` on the node type.  The two questions it answers for each
command are *builtin or program?* (`simple.resolve`, which `explain` asks
too; simple commands are simple.py's) and *in the shell or in a child?*:

- a builtin or function alone runs inside the shell (so `cd` and `exit`
  can work), with its redirections saved and restored around it;
- a program, a pipeline stage, a ( subshell ) or a background job runs in
  a child made by process.py; a child that only has to run one program
  execs it directly instead of forking again.

Every child belongs to a job made before its first fork (jobs.py), and
`wait` is the one place the executor waits: it reports what happened to
the job, abandons the command line after Ctrl-C (Interrupted), and leaves
every enclosing loop after Ctrl-Z, as bash does.
"""

import os

from . import control, process, redirect, signals
from ..errors import (STATUS_SYNTAX, ExitShell, ExpansionError, LoopControl, ParseError,
                      ReturnFromFunction, ShellError, report, write)
from ..i18n import strerror
from ..lang.expand import Expander
from ..lang.parser import Parser
from ..lang.syntax import (AndOr, ArithCommand, ArithFor, Background, Case, Cond, For,
                           Function, Group, If, Loop, Pipeline, Sequence, Simple, Subshell)
from .job import Job, format_job
from .jobs import JobTable
from .pipestatus import pipe_status
from .simple import SimpleCommands, verbose


class Executor(SimpleCommands):
    def __init__(self, state) -> None:
        self.state = state
        self.expander = Expander(state, self.command_sub, self.process_sub)
        self.substitutions: list[tuple[int, int]] = []   # <(...): (pid, fd) to clean up
        self.jobs = JobTable()
        self.in_child = False                  # True in a forked copy of the shell
        self.errexit_off = 0                   # >0 while `set -e` must not fire
        self.text_depth = 0                    # run_text calls in progress

    # -- running text ------------------------------------------------------------
    def run_text(self, text: str) -> int:
        """Parse and run `text` one complete command at a time.

        A syntax error stops the run with status 2; the commands before it
        have already run, as in sh.  An expansion error abandons the
        complete command it is in; the outermost run_text goes on with the
        next one (bash), unless the error is fatal (${x?}: Shell.run_line).
        """
        self.text_depth += 1
        try:
            return self._run_commands(Parser(text, aliases=self.state.active_aliases,
                                             first_line=self.state.line_base))
        finally:
            self.text_depth -= 1

    def _run_commands(self, parser) -> int:
        status = self.state.last_status
        while True:
            try:
                node = parser.next_command()
            except ParseError as e:             # a script's error names the line it is on
                self.state.lineno = parser.text.count("\n", 0, e.span[0]) + self.state.line_base
                report(e.message)
                self.state.last_status = STATUS_SYNTAX
                if not self.state.interactive:
                    raise ExitShell(STATUS_SYNTAX) from None
                return STATUS_SYNTAX
            if node is None:
                return status
            if "verbose" in self.state.options:  # set -v: echo the input as it is read
                verbose(parser.text, node.span)
            try:
                status = self.run(node)
            except ExpansionError as e:
                if e.fatal or self.text_depth > 1 or self.in_child:
                    raise
                report(e.message)
                status = self.state.last_status = e.status

    # -- the walk ----------------------------------------------------------------
    def run(self, node) -> int:
        """Run one node in the shell; set and return $?."""
        if signals.pending_traps:
            self.run_traps()
        if self.jobs.jobs:
            self.jobs.reap()
        if "noexec" in self.state.options and not self.state.interactive:
            return 0                           # set -n: read and parse only
        mark = len(self.substitutions)         # <(...) started for this node
        match node:
            case Simple():
                status = self.simple(node)
                self.state.arrays["PIPESTATUS"] = {0: str(status)}
            case Pipeline(timed=timed) if timed:
                from ..builtins.times import timed as time_it
                untimed = Pipeline(node.commands, node.negated, None, node.span)
                status = time_it(lambda: self.run(untimed), posix=timed == "posix")
            case Pipeline(negated=True):
                # `! cmd` is a test: never trips set -e
                untested = Pipeline(node.commands, False, None, node.span)
                status = int(self._unchecked(self.run, untested) == 0)
                self.state.last_status = status
                return status
            case Pipeline(commands=(single,)):
                status = self.run(single)
            case Pipeline():
                status = self.pipeline(node)
            case AndOr(left=left, op=op, right=right):
                # `set -e` ignores a failure on the left of && and ||: the
                # script is testing it (XCU 2.14, set -e).
                status = self._unchecked(self.run, left)
                if (status == 0) == (op == "&&"):
                    status = self.run(right)
                self.state.last_status = status
                return status
            case Sequence(commands=commands):
                status = 0
                for command in commands:
                    status = self.run(command)
            case Background():
                status = self.background(node)
            case Subshell():
                # ( list ): fork with no exec.  The child is a copy of the whole
                # shell, variables and all, so `cd` or `x=1` inside it changes
                # only the copy: the purest demonstration of fork(2).
                job = self.jobs.new(node)
                status = self.start_and_wait(job, lambda: self.fork(job, lambda: self.child_main(node)))
            case Group(body=body, redirs=redirs):
                status = self.with_redirections(redirs, lambda: self.run(body))
            case If(redirs=redirs):
                status = self.with_redirections(redirs, lambda: control.if_clause(self, node))
            case Loop(redirs=redirs):
                status = self.with_redirections(redirs, lambda: control.loop(self, node))
            case For(redirs=redirs):
                status = self.with_redirections(redirs, lambda: control.for_loop(self, node))
            case Case(redirs=redirs):
                status = self.with_redirections(redirs, lambda: control.case_clause(self, node))
            case ArithFor(redirs=redirs):       # for (( ; ; ))
                status = self.with_redirections(redirs, lambda: control.arith_for(self, node))
            case Cond(redirs=redirs):           # [[ ]]: builtins/cond.py
                from ..builtins.cond import run_cond     # at first use: start-up (bench/)
                status = self.with_redirections(redirs, lambda: self._catch(run_cond, node))
            case ArithCommand(redirs=redirs):   # (( )): builtins/let.py
                from ..builtins.let import run_arith_command
                status = self.with_redirections(redirs, lambda: run_arith_command(self, node))
            case Function(name=name):
                self.state.functions[name] = node
                status = 0
            case _:
                raise TypeError(f"the executor has no rule for {type(node).__name__}")
        if len(self.substitutions) > mark:
            self.end_substitutions(mark)
        self.state.last_status = status
        if status and "errexit" in self.state.options and not self.errexit_off and not (
                isinstance(node, (Group, Sequence, If, Loop, For, Case))
                and not getattr(node, "redirs", ())):
            # a compound command fails through a command inside it (which had
            # its own chance to stop the shell) -- or through its redirections
            raise ExitShell(status)
        return status

    def _catch(self, fn, node) -> int:
        try:
            return fn(self, node)
        except ShellError as e:
            report(e.message)
            return e.status

    def _unchecked(self, fn, arg) -> int:
        """Run fn(arg) with `set -e` suspended."""
        self.errexit_off += 1
        try:
            return fn(arg)
        finally:
            self.errexit_off -= 1

    def run_traps(self) -> None:
        """Run the commands of the traps whose signals have arrived; $? is kept."""
        status = self.state.last_status
        while signals.pending_traps:
            action = self.state.traps.get(signals.pending_traps.pop(0))
            if action:
                self.run_text(action)
        self.state.last_status = status

    def run_exit_trap(self) -> None:
        action = self.state.traps.pop(0, None)
        if action:
            self.run_text(action)

    def child_main(self, node, keep_jobs: bool = False) -> int:
        """What a forked child runs: `node`, then the child exits.

        We are already in a new process, so a simple command execs right
        here, and a ( subshell ) needs no second fork.  `keep_jobs`: for
        $(...) and pipeline stages, where `jobs` still lists the shell's.
        """
        self.become_child(keep_jobs)
        try:
            if isinstance(node, Subshell):
                redirect.apply_permanent(node.redirs, self.expander)
                status = self.run(node.body)
            elif isinstance(node, Simple):
                status = self.simple(node, exec_in_place=True)
            else:
                status = self.run(node)
        except LoopControl:
            status = 1                          # `break` in a pipeline stage ends the stage (bash: 1)
        except ReturnFromFunction as r:
            status = r.status
        except ExitShell as e:
            status = e.status
        # A trap on EXIT set inside this subshell runs as it ends (bash).
        self.state.last_status = status
        try:
            self.run_exit_trap()
        except ExitShell as e:
            status = e.status
        return status

    def become_child(self, keep_jobs: bool = False) -> None:
        """In a new child: the shell's jobs are not its children, and its
        traps are reset, except for ignored signals (XCU 2.12)."""
        self.in_child = True
        self.jobs.clear(listed=keep_jobs)
        self.state.traps = {n: a for n, a in self.state.traps.items() if a == ""}

    # -- jobs: start, wait ---------------------------------------------------------
    def pipeline(self, node: Pipeline) -> int:
        """cmd | cmd | ...: every stage forks, builtins too."""
        bodies = [self.stage(c) for c in node.commands]   # simple.py: some are prepared
        job = self.jobs.new(node)
        status = self.start_and_wait(
            job, lambda: process.run_pipeline(job, bodies, self.jobs.child_steps(job)))
        return pipe_status(self.state, [job.raw.get(pid, -1) for pid in job.pids], status)

    def fork(self, job: Job, body) -> int:
        """One child of `job`, set up as the job needs, running body()."""
        return process.fork(body, self.jobs.child_steps(job), job)

    def start_and_wait(self, job: Job, start) -> int:
        """start() forks the job's processes (via process.fork); then wait.

        A fork or pipe that fails (EAGAIN, EMFILE) is reported like any
        failed command; the processes already started are still waited for,
        so none is left a zombie.
        """
        failed = None
        try:
            start()
        except ShellError as e:
            report(e.message)
            failed = e
        status = self.wait(job)
        return failed.status if failed else status

    def wait(self, job: Job) -> int:
        """Wait for a foreground job; then act on how it ended."""
        status = self.jobs.wait_for(job)
        if self.jobs.job_control:
            self.report_foreground(job)
        self.jobs.check_interrupted(job)       # Ctrl-C, Ctrl-\: abandon the line
        if job.is_stopped and self.state.loop_depth:
            # Ctrl-Z inside a loop: the loop would only start the next
            # command; bash leaves every enclosing loop, and so do we.
            raise LoopControl(self.state.loop_depth, "break", status)
        return status

    def background(self, node: Background) -> int:
        """cmd &: fork, do not wait; remember the job and set $!.

        A pipeline is started stage by stage, as in the foreground, so that
        $! is its last stage and `kill $!` reaches a real process (bash).
        """
        body = node.body
        job = self.jobs.new(body, background=True)
        try:
            if isinstance(body, Pipeline) and len(body.commands) > 1 and \
                    not body.negated and not body.timed:
                bodies = [lambda c=c: self.child_main(c) for c in body.commands]
                process.run_pipeline(job, bodies, self.jobs.child_steps(job))
            else:
                self.fork(job, self.prepared(body) or (lambda: self.child_main(body)))
        except ShellError as e:
            report(e.message)
            if not job.pids:
                return e.status
        self.jobs.add(job)
        self.state.last_bg_pid = job.pids[-1]
        if self.state.interactive and not self.in_child:
            write(2, f"[{job.id}] {job.pids[-1]}\n")
        return 0

    def last_job_table(self) -> list[tuple[int, str, int]]:
        """(pid, command text, raw status) for each process of the last foreground job."""
        return self.jobs.last_table()

    def report_foreground(self, job: Job) -> None:
        """Tell the user a foreground job stopped or was killed (as bash does)."""
        if job.is_stopped:
            write(2, "\n" + format_job(job, self.jobs.marker(job)) + "\n")
            job.notified = True
            return
        raw = job.raw.get(job.pids[-1], 0) if job.pids else 0
        if os.WIFSIGNALED(raw):
            sig = os.WTERMSIG(raw)
            if sig == 2:                        # Ctrl-C: just end the line
                write(2, "\n")
            elif sig != 13:                     # SIGPIPE is how pipelines end
                write(2, job.state() + "\n")

    # -- simple commands -------------------------------------------------------------
    # -- helpers used by expansion and builtins ------------------------------------------
    def command_sub(self, body) -> str:
        """$(...): run body in a child with stdout on a pipe; return what it printed."""
        job = Job(body, background=False)      # no group of its own, no table entry
        self.state.xtrace_level += 1           # set -x inside shows ++ (run/xtrace.py)
        try:
            child = self.prepared(body) or (lambda: self.child_main(body, keep_jobs=True))
            output = process.capture(child, job)
        finally:
            self.state.xtrace_level -= 1
            status = self.jobs.wait_for(job, foreground=False)
        self.state.sub_status = status
        self.state.last_status = status
        return output

    def process_sub(self, body, reading: bool) -> str:
        """<(body) / >(body): start it on a pipe; the word becomes /dev/fd/N."""
        def child() -> int:
            self.state.xtrace_level += 1       # set -x inside shows ++ (run/xtrace.py)
            return self.child_main(body)
        pid, fd = process.substitute(child, reading)
        self.substitutions.append((pid, fd))
        return f"/dev/fd/{fd}"

    def end_substitutions(self, mark: int) -> None:
        """After the command: close our pipe ends (EOF or SIGPIPE for the
        children), then reap them."""
        done, self.substitutions = self.substitutions[mark:], self.substitutions[:mark]
        for _, fd in done:
            process.close(fd)
        for pid, _ in done:
            process.wait_pid(pid)

    def run_file_as_script(self, path: str, argv: list[str]) -> int:
        """The kernel said ENOEXEC: no #! line, so we interpret the file (XCU 2.9.1.1)."""
        try:
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
        except OSError as e:
            report(f"{path}: {strerror(e.errno)}")
            return 126
        self.state.arg0, self.state.positional = path, list(argv[1:])
        self.become_child()                    # a new shell, as far as the script knows
        try:
            return self.run_text(text)
        except ExitShell as e:
            return e.status
