"""Compound commands: if, while/until, for, and calling functions.

Each takes the Executor (`ex`) and a node from syntax.py.  Loops are left
by the LoopControl exception that `break` and `continue` raise; a function
by ReturnFromFunction from `return`.  Conditions run with `set -e` held off
(ex._unchecked): a failing test is not an error.
"""
from . import xtrace
from ..errors import LoopControl, ReturnFromFunction, ShellError, report
from ..lang.syntax import ArithFor, Case, For, Function, If, Loop


def if_clause(ex, node: If) -> int:
    """Run each condition in turn (set -e does not apply to them); the
    first that succeeds chooses its body."""
    for cond, body in node.clauses:
        if ex._unchecked(ex.run, cond) == 0:
            return ex.run(body)
    return ex.run(node.else_body) if node.else_body is not None else 0


def loop(ex, node: Loop) -> int:
    """while/until: the body runs as long as the condition succeeds (fails)."""
    def rounds():
        while True:
            try:                               # `while break` breaks this loop
                if (ex._unchecked(ex.run, node.cond) == 0) == node.until:
                    return
            except LoopControl as c:
                if _leave_loop(c):
                    return
                continue
            yield
    return _repeat(ex, node.body, rounds())


def for_loop(ex, node: For) -> int:
    """for NAME in WORDS: the body once per word, NAME set to it."""
    try:
        words = ex.expander.words(node.words) if node.words is not None \
            else list(ex.state.positional)
    except ShellError as e:
        report(e.message)
        return e.status

    def rounds():
        for word in words:
            if xtrace.on(ex):                  # bash: each round, the words as written
                written = " ".join(xtrace.source_text(node, w) for w in node.words) \
                    if node.words is not None else '"$@"'
                xtrace.show(ex, f"for {node.name} in {written}")
            ex.state.set(node.name, word)
            yield
    return _repeat(ex, node.body, rounds())


def arith_for(ex, node: ArithFor) -> int:
    """for (( init; cond; step )): C's loop; an empty cond is true."""
    def rounds():                              # (xtrace shows each part it evaluates)
        xtrace.arith(ex, node.init, part="init")
        while xtrace.arith(ex, node.cond, part="cond") != 0:
            yield
            xtrace.arith(ex, node.step, part="step")
    try:
        return _repeat(ex, node.body, rounds())
    except ShellError as e:
        report(e.message)
        return 1


def _repeat(ex, body, rounds) -> int:
    """Run `body` once per round; `break` and `continue` arrive as LoopControl."""
    status = 0
    ex.state.loop_depth += 1
    try:
        for _ in rounds:
            try:
                status = ex.run(body)
            except LoopControl as c:
                if _leave_loop(c):
                    status = c.status
                    break
    finally:
        ex.state.loop_depth -= 1
    return status


def _leave_loop(c: LoopControl) -> bool:
    """True to leave this loop (break); re-raise when aimed at an outer one."""
    if c.levels > 1:
        c.levels -= 1
        raise c
    return c.kind == "break"


def call_function(ex, fn: Function, argv: list[str], redirs, assigns=None) -> int:
    """Run a function's body with $1... set to its arguments.  `X=1 fn`
    makes X a local of the call, exported to the commands it runs."""
    saved = ex.state.positional
    ex.state.positional = argv[1:]
    ex.state.local_frames.append({})
    ex.state.return_depth += 1                 # `return` is allowed in here
    try:
        for name, value in (assigns or {}).items():
            ex.state.make_local(name)
            ex.state.set(name, value, export=True)
        return ex.with_redirections(redirs, lambda: ex.run(fn.body))
    except ReturnFromFunction as r:
        return r.status
    except ShellError as e:
        report(e.message)
        return e.status
    finally:
        ex.state.return_depth -= 1
        ex.state.positional = saved
        ex.state.pop_locals()


def case_clause(ex, node: Case) -> int:
    """case: the body of the first pattern that matches the word (lang/pattern.py)."""
    from ..lang.pattern import match
    status, falling = 0, False
    try:
        word = ex.expander.single(node.word)
        if xtrace.on(ex):                      # the word as written (bash)
            xtrace.show(ex, f"case {xtrace.source_text(node, node.word)} in")
        for patterns, body, end in node.items:
            if falling or any(match(ex.expander.pattern(p), word) for p in patterns):
                status = ex.run(body) if body is not None else 0
                if end == ";;":
                    return status
                falling = end == ";&"          # ;& runs the next body; ;;& tests on
    except ShellError as e:
        report(e.message)
        return e.status
    return status
