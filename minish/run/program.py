"""Programs: finding one on PATH, and becoming it with execve(2).

    search_path(name, path)   the file `name` would run from; on_path: all of them
    Hashed                    bash's `hash` table: name -> path, so PATH is
                              searched once per program, not once per command;
                              forgotten when PATH changes and by `hash -r`
    Exec                      a child's last act, prepared before fork: its
                              redirections, then execve(2) of the program
    exec_command(argv, ...)   execve(2) as execvp(3) does; in a child
    execv(path, argv, env)    execve(2) of one file (libc's /bin/sh)
    read_interpreter(path)    the `#!` line, as the kernel reads it

process.py makes the processes; this module is what a child does last.
"""

import errno
import os

from . import redirect, trace, xtrace
from ..errors import STATUS_NOEXEC, STATUS_NOTFOUND, report
from ..i18n import _, strerror

DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin"


class Hashed:
    """bash's hash table (`hash`, `hash -r`): where PATH search found each
    program, and how often it was used since.

    A program that has moved since is not searched for again: its execve
    fails (`No such file or directory`, 127) until `hash -r`, as in bash.
    Assigning PATH empties the table (State.set).
    """

    def __init__(self) -> None:
        self.paths: dict[str, list] = {}       # name -> [path, hits]

    def lookup(self, name: str, path: str | None) -> str | None:
        """The program `name` would run, remembered after the first search."""
        if "/" in name:
            return name
        entry = self.paths.get(name)
        if entry is None:
            found = search_path(name, path)
            if found is None:
                return None                    # "not found" is never remembered
            entry = self.paths[name] = [found, 0]
        entry[1] += 1
        return entry[0]

    def peek(self, name: str, path: str | None) -> str | None:
        """Where `name` is, as a subshell finds it: from the table when it is
        there, else by a PATH search that is not remembered (in bash a
        pipeline stage looks it up in its own child, so `hash` never shows
        it; `explain` must not change the table either)."""
        if "/" in name:
            return name
        entry = self.paths.get(name)
        return entry[0] if entry is not None else search_path(name, path)

    def remember(self, name: str, path: str | None) -> str | None:
        """`hash NAME`: search now, remember, count no use."""
        found = search_path(name, path)
        if found is not None:
            self.paths[name] = [found, 0]
        return found

    def clear(self) -> None:
        self.paths.clear()


def search_path(name: str, path: str | None) -> str | None:
    """The file `name` would run from: the first executable file on PATH."""
    if "/" in name:
        return name
    return next(on_path(name, path), None)


def on_path(name: str, path: str | None):
    """Every executable file called `name` in PATH's directories, in order
    (`type -a`); an empty entry means the current directory (XCU 8.3)."""
    if "/" in name:
        if os.path.isfile(name) and os.access(name, os.X_OK):
            yield name
        return
    for directory in (path if path is not None else DEFAULT_PATH).split(":"):
        candidate = os.path.join(directory or ".", name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            yield candidate


class Exec:
    """What a child that runs a program does after the set-up steps: apply
    the command's redirections, then execve(2).  The parent makes it before
    fork, with everything worked out (argv, the environment, the path from
    the hash table), so the child runs this one function and the calls.

    Why one function: between fork and exec every page the child writes is
    copied first (copy-on-write), and each Python function called writes
    to several (reference counts, the interpreter's own counters): about
    ten page faults a function, paid once per command (bench/README.md).
    So the usual case, a hashed program and no narration, goes straight to
    execve; anything else, or a failed execve, takes exec_command's long
    way, which explains errors as sh does.
    """
    __slots__ = ("argv", "env", "path", "redirs", "shell", "xtrace")

    def __init__(self, argv: list[str], env: dict[str, str], path: str | None,
                 redirs, shell, xtrace: dict | None = None) -> None:
        self.argv, self.env, self.path, self.redirs, self.shell = argv, env, path, redirs, shell
        self.xtrace = xtrace                   # set -x: the assignments to show with argv

    def __call__(self) -> int:
        if self.xtrace is not None:            # the child prints its own `+ cmd` line, as in sh
            xtrace.command(self.shell, self.xtrace, self.argv)
        if self.redirs:                        # a failed one is reported by process._child
            redirect.apply_permanent(self.redirs, self.shell.expander)
        if self.path is not None and not (trace.ON or trace.FDS):
            try:
                os.execve(self.path, self.argv, self.env)
            except OSError:
                pass                           # the long way below says why
        return exec_command(self.argv, self.env, self.shell.run_file_as_script, self.path)


def exec_command(argv: list[str], env: dict[str, str], run_as_script,
                 hashed: str | None = None) -> int:
    """execve(2) argv[0], searching PATH as execvp(3) does.

    `hashed`: where the shell's hash table says argv[0] is; then only it is
    tried, as bash does: if the program has moved, the error says so, and
    `hash -r` makes the shell search again.  Returns only on
    failure, with the status sh uses: 127 not found, 126 found but not
    executable.  A file the kernel refuses with ENOEXEC (no `#!` line, not
    a binary) is run by `run_as_script(path, argv)` instead, as POSIX asks
    of a shell (XCU 2.9.1.1).
    """
    name = argv[0]
    if not name:
        report(_("{name}: command not found").format(name=""))
        return STATUS_NOTFOUND
    denied = None
    if trace.ON or trace.FDS:
        _narrate_exec_plan(name, hashed)
    for candidate in _candidates(name, env, hashed):
        e = execv(candidate, argv, env)         # returns only if it failed
        if candidate is hashed and e.errno != errno.ENOEXEC:
            return _exec_failed(candidate, e)   # it moved: `hash -r` forgets it
        if e.errno == errno.ENOEXEC:
            if trace.ON:
                trace.note(_("ENOEXEC: {path} has no #! line and is not a binary, so the "
                             "shell itself runs it as a script, in this child")
                           .format(path=candidate))
            return run_as_script(candidate, argv)
        if e.errno in (errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG) and "/" not in name:
            continue                            # not in this directory
        if e.errno == errno.EACCES and "/" not in name:
            denied = denied or candidate        # remember, keep searching
            continue
        return _exec_failed(candidate, e)
    if denied:
        return _exec_failed(denied, PermissionError(errno.EACCES, ""))
    report(_("{name}: command not found").format(name=name))
    return STATUS_NOTFOUND


def _candidates(name: str, env: dict[str, str], hashed: str | None):
    """The files to try, in order; a generator, so that when the hashed
    path works (almost always) PATH is never even split.  This runs in the
    child between fork and exec, where every step costs once per command."""
    if "/" in name:
        yield name
        return
    if hashed is not None:                     # bash (no `shopt -s checkhash`): only it
        yield hashed
        return
    for directory in env.get("PATH", DEFAULT_PATH).split(":"):
        yield os.path.join(directory or ".", name)


def execv(path: str, argv: list[str], env: dict[str, str]) -> OSError:
    """execve(2) of one file, no PATH search (libc's system and popen run
    /bin/sh this way).  Returns only if it failed, with the error."""
    try:
        if trace.ON:
            _narrate_execve(path, argv, env)
        os.execve(path, argv, env)
    except OSError as e:
        if trace.ON:
            trace.say(f"  ... = {trace.failure(e)}")
        return e


def _exec_failed(path: str, e: OSError) -> int:
    """Explain why execve(path) failed, and return 126 or 127."""
    if e.errno == errno.ENOENT and os.path.exists(path):
        interpreter = read_interpreter(path)   # the file is there: its #! is not
        if interpreter:
            report(_("{path}: bad interpreter {interpreter}: {error}").format(
                path=path, interpreter=interpreter[0], error=strerror(errno.ENOENT)))
            return STATUS_NOTFOUND
    if e.errno == errno.EACCES and os.path.isdir(path):
        report(f"{path}: {strerror(errno.EISDIR)}")
        return STATUS_NOEXEC
    report(f"{path}: {strerror(e.errno)}")
    return STATUS_NOTFOUND if e.errno == errno.ENOENT else STATUS_NOEXEC


def read_interpreter(path: str) -> list[str] | None:
    """The `#! interpreter [arg]` of a file, as the kernel reads it, or None.

    Linux (fs/binfmt_script.c) takes the first line, splits off the
    interpreter at the first blank and keeps the rest, unsplit, as ONE
    optional argument.
    """
    try:
        with open(path, "rb") as f:
            line = f.readline(256)
    except OSError:
        return None
    if not line.startswith(b"#!"):
        return None
    text = line[2:].decode("utf-8", "surrogateescape").strip()
    interpreter, _blank, arg = text.partition(" ")
    return [interpreter] + ([arg.strip()] if arg.strip() else [])


def _narrate_exec_plan(name: str, hashed: str | None) -> None:
    if "/" in name:
        trace.note(_("{name} contains a slash: no PATH search").format(name=name))
    elif hashed is not None:
        trace.note(_("{name}: the shell looked it up on PATH and remembers it at {path} "
                     "(its hash table: `hash` lists it, `hash -r` empties it)")
                   .format(name=name, path=hashed))
    else:
        trace.note(_("searching PATH for {name}: execve in each directory until one works")
                   .format(name=name))
    if trace.FDS:
        trace.say(_("fd table before exec: {table}").format(table=trace.fd_table()), show=True)


def _narrate_execve(path: str, argv: list[str], env: dict) -> None:
    """execve(...) -- and, for a #! file, the argv the kernel will build."""
    trace.say(f"execve({trace.string(path)}, {trace.argv(argv)}, /* {len(env)} vars */)")
    if os.path.isfile(path):
        interpreter = read_interpreter(path)
        if interpreter:
            new_argv = interpreter + [path] + argv[1:]
            trace.note(_("{path} starts with #!: the kernel runs {interpreter} instead "
                         "(no PATH search for it; one optional argument, unsplit; the "
                         "#! line may be at most 255 bytes) with")
                       .format(path=path, interpreter=interpreter[0]))
            trace.note(_("  argv = {argv}  (argv[0] {arg0} is replaced by the script's path)")
                       .format(argv=trace.argv(new_argv), arg0=trace.string(argv[0])))
