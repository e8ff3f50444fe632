"""let and (( )): arithmetic as a command.

    let i=i+1 'j = i * 2'      each argument is an expression
    (( i++ )); (( n > 3 )) && echo big
The status is 0 when the (last) value is not zero, 1 when it is zero --
so (( )) works as a condition in `if` and `while`.
"""
from ..errors import ShellError, report
from ..i18n import _
from ..run import xtrace
from .registry import builtin


@builtin("let", "evaluate arithmetic expressions", "let expr ...")
def let(sh, argv):
    """Evaluate each argument as $(( )) would; status 1 if the last is 0."""
    if len(argv) < 2:
        raise ShellError(_("expression expected"))
    from ..lang.arith import evaluate
    value = 0
    for expr in argv[1:]:
        value = evaluate(expr, sh.state)
    return 0 if value else 1


def run_arith_command(sh, node) -> int:
    """(( expr )): the executor's arm for syntax.ArithCommand."""
    sh.state.lineno = node.line                # $LINENO
    try:
        return 0 if xtrace.arith(sh, node.expr) else 1
    except ShellError as e:
        report(e.message)
        return 1
