"""Simple commands: `NAME=value... word... redirection...`, the leaves of the AST.

How one runs, in the order sh looks (XCU 2.9.1.1): assignments alone set
variables; otherwise the words are expanded and `resolve` says what
argv[0] is -- a function, a builtin or a program on PATH (explain asks it
too).  Functions and builtins run inside the shell, with their
redirections saved and restored around them; a program runs in a child
of a job (fork, or posix_spawn with `set -o spawn`), which applies the
redirections for good and execs.

Mixed into Executor (executor.py), as parse_compound.py is into the parser.
"""

from . import control, process, program, redirect, spawn, trace, xtrace
from ..builtins import BUILTINS
from ..builtins.lookup import keeps_prefix, skip_functions
from ..lang.expand import pure
from ..errors import ExpansionError, ShellError, report, write
from ..i18n import _
from ..lang.syntax import Simple


def resolve(state, name: str, functions: dict | None = None,
            remember: bool = True) -> tuple[str, object]:
    """How a command name runs, in the order sh looks (XCU 2.9.1.1):
    ("function", node), ("builtin", Builtin) or ("program", path or None),
    the path from the hash table (program.Hashed).  The executor and
    `explain` both ask this, so they cannot disagree.  (`functions`: the
    ones to consider; `remember`: False to leave the hash table alone, for
    explain and pipeline stages: Hashed.peek.)"""
    function = (functions if functions is not None else state.functions).get(name)
    if function is not None:
        return "function", function
    builtin = BUILTINS.get(name)
    if builtin is not None:
        return "builtin", builtin
    if not remember:
        return "program", state.hashed.peek(name, state.get("PATH"))
    return "program", state.hashed.lookup(name, state.get("PATH"))


class SimpleCommands:
    def simple(self, node: Simple, exec_in_place: bool = False) -> int:
        """Expand, then run a builtin in the shell or a program in a child."""
        state = self.state
        state.sub_status = None
        state.lineno = node.line               # $LINENO
        try:
            argv = self.expander.words(node.words)
            if not argv:
                return self._assignments_only(node)
            if "xtrace" in state.options:      # each shown as it is expanded
                assigns = self._writable(xtrace.assignments(self, node.assigns))
            else:
                assigns = self._writable({a.name: self.expander.assignment_value(a.value)
                                          for a in node.assigns})
        except ShellError as e:
            report(e.message)
            return e.status
        if "xtrace" in state.options:
            xtrace.command(self, {}, argv)
        state.vars["_"] = argv[-1]             # $_: the last argument (bash)
        argv, no_functions = skip_functions(argv, state)     # `command NAME`
        kind, what = resolve(state, argv[0], {} if no_functions else None)
        if kind == "function":
            return control.call_function(self, what, argv, node.redirs, assigns)
        if kind == "builtin":
            return self._builtin(what, argv, assigns, node.redirs)
        env = self.state.environ(assigns)       # before fork: see State.environ
        body = program.Exec(argv, env, what, node.redirs, self)   # what the child does
        if exec_in_place:
            return body()
        spawned = spawn.for_command(self, what, argv, env, node.redirs, body)   # set -o spawn
        job = self.jobs.new(node)
        if spawned is not None:
            return self.start_and_wait(job, lambda: spawned.start(job))
        return self.start_and_wait(job, lambda: self.fork(job, body))

    def stage(self, node):
        """What the child of a pipeline stage runs (process.run_pipeline):
        a prepared program.Exec when there is one (see `prepared`), else
        child_main(node).  With `set -o spawn`, a spawn.Program instead."""
        prepared = self.prepared(node)
        if prepared is None:
            return lambda: self.child_main(node, keep_jobs=True)
        spawned = spawn.for_command(self, prepared.path, prepared.argv, prepared.env,
                                    prepared.redirs, prepared)
        if spawned is None:
            return prepared
        if prepared.xtrace is not None:        # no child of ours will print it
            xtrace.command(self, prepared.xtrace, prepared.argv)
        return spawned

    def prepared(self, node) -> program.Exec | None:
        """A child's command made ready in the shell, before fork: for a
        pipeline stage or a $(command substitution), which sh runs in a
        child that expands the words itself.

        When `node` is a simple command that runs a program and whose words
        expand without side effects (expand.pure: no $(...), no ${x:=v}),
        expanding them here gives the same argv: then the child gets a
        program.Exec and only takes its set-up steps before execve, as for
        a command outside a pipeline (program.Exec says why that matters).
        None: the child does it all (child_main).  The hash table is looked
        at but not added to (Hashed.peek), as the child's lookup would be."""
        if not isinstance(node, Simple):
            return None
        if not all(pure(w) for w in [*node.words, *(a.value for a in node.assigns)]):
            if trace.ON and "spawn" in self.state.options:
                trace.note(_("fork, not posix_spawn: a word's expansion could have a side effect"))
            return None
        line, self.state.lineno = self.state.lineno, node.line   # $LINENO, as the child's
        try:
            argv = self.expander.words(node.words)
            assigns = {a.name: self.expander.assignment_value(a.value) for a in node.assigns}
        except (ShellError, ExpansionError):
            return None                        # the child reports it
        finally:
            self.state.lineno = line
        argv, no_functions = skip_functions(argv) if argv else (argv, False)
        if not argv or any(name in self.state.readonly for name in assigns):
            return None                        # the child reports those too
        kind, what = resolve(self.state, argv[0], {} if no_functions else None, remember=False)
        if kind != "program":
            return None
        return program.Exec(argv, self.state.environ(assigns), what, node.redirs, self,
                            assigns if "xtrace" in self.state.options else None)

    def _assignments_only(self, node: Simple) -> int:
        """`x=1` alone sets shell variables; `> f` alone creates f.

        A failed assignment (`r=2` to a readonly r) abandons the rest of the
        command line, as an expansion error does: bash goes on with the next
        line of a script, not the next command (XCU 2.8.1, "variable
        assignment error")."""
        for a in node.assigns:
            # PS4 as it is before the assignment (`PS4=...` is shown with the old one)
            lead = xtrace.prefix(self) if "xtrace" in self.state.options else None
            try:
                value = self.expander.assign(a)    # x=1, x+=1, a[i]=1, a=(1 2)
            except ShellError as e:
                if "errexit" in self.state.options:
                    raise                      # set -e: a failure that ends the shell, as in bash
                raise ExpansionError(e.message) from None
            if lead is not None:
                xtrace.command(self, {a.name: value}, [], lead)
        status = self.with_redirections(node.redirs, lambda: 0)
        if status == 0 and self.state.sub_status is not None:
            status = self.state.sub_status     # x=$(false) sets $? to 1
        return status

    def _builtin(self, builtin, argv, assigns, redirs) -> int:
        """A builtin runs in the shell; `X=1 builtin` sets X only for it."""
        trace.record(f"builtin {trace.argv(argv)}")   # for a lesson's checks (teach/record)
        if builtin.keeps_redirections:          # exec 3>f changes the shell itself
            for name, value in assigns.items():
                self.state.set(name, value, export=True)   # X=1 exec cmd: in cmd's env
            try:
                redirect.apply_permanent(redirs, self.expander)
            except ShellError as e:
                report(e.message)
                return 1
            return builtin.run(self, argv)
        old = {name: self.state.get(name) for name in assigns}
        for name, value in assigns.items():
            self.state.set(name, value)
        try:
            return self.with_redirections(redirs, lambda: builtin.run(self, argv))
        finally:
            for name, value in old.items():
                if keeps_prefix(self.state, argv[0]):
                    break                      # posix: X=1 : leaves X set
                if value is None:
                    self.state.unset(name)
                else:
                    self.state.set(name, value)

    def _writable(self, assigns: dict) -> dict:
        """`X=1 cmd`'s prefixes without the readonly ones, each reported:
        the command still runs, as in bash."""
        for name in [n for n in assigns if n in self.state.readonly]:
            report(_("{name}: readonly variable").format(name=name))
            del assigns[name]
        return assigns

    def with_redirections(self, redirs, body) -> int:
        """Run body() in the shell with `redirs` applied, then undo them."""
        if not redirs:
            return body()
        saved: list = []
        try:
            redirect.apply_saved(redirs, self.expander, saved)
            return body()
        except ShellError as e:
            report(e.message)
            return e.status
        finally:
            process.flush_std_streams()
            redirect.restore(saved)


def verbose(text: str, span) -> None:
    """set -v: the whole lines the command came from, on stderr."""
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[1])
    try:
        write(2, text[start:end if end >= 0 else len(text)] + "\n")
    except OSError:
        pass
