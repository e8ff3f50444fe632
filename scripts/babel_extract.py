"""Babel extractor for minish: the python extractor's messages, plus `help`'s.

`help` prints a builtin's one-line summary (the second argument of
@builtin) and its help page (the function's docstring), both translated
with `_()` at the moment they are shown (builtins/session.py).  Neither is
an argument of `_()` in the source, so Babel's python extractor cannot see
them; this one adds them, with the text exactly as builtins/registry.py
stores it: the summary as written, the page as `(fn.__doc__ or
summary).strip()`.  The docstring stays the one source of the English help.

Used by `make catalogs` (babel.cfg's [extractors] section; the Makefile puts
scripts/ on PYTHONPATH) and by tests/test_i18n.py's completeness test, so
the two always agree on what needs a translation.  See Babel's
"Writing Extraction Methods" for the protocol.
"""
import ast
import io

from babel.messages.extract import extract_python


def extract(fileobj, keywords, comment_tags, options):
    """Yield (lineno, funcname, message, comments), as extract_python does."""
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    try:
        tree = ast.parse(source)
    except SyntaxError:                         # extract_python has had its say
        return
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from _help_texts(node)


def _help_texts(fn):
    """The summary and the page of `fn` if it is decorated with @builtin(name, summary, ...)."""
    for decorator in fn.decorator_list:
        if not (isinstance(decorator, ast.Call) and _called(decorator.func) == "builtin"):
            continue
        args = decorator.args
        if len(args) < 2 or not all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                    for a in args[:2]):
            continue
        name, summary = args[0].value, args[1].value
        page = (ast.get_docstring(fn, clean=False) or summary).strip()
        yield decorator.lineno, None, summary, [f"summary of the builtin `{name}' (help)"]
        if page != summary:
            yield fn.body[0].lineno, None, page, [
                f"help page of the builtin `{name}': translate the prose; keep commands,"
                " options and examples as they are"]


def _called(func) -> str:
    """"builtin" for `builtin(...)` and `registry.builtin(...)`."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""
