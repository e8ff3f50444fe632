"""Tab completion, as plain functions (the editor wraps them for prompt_toolkit).

What is completed depends on where the cursor is:
  command position   builtins and the executables on $PATH
  $NA                variable names
  %                  job specs
  anything else      file and directory names (quoted if they need it)
"""
import os

from ..builtins import BUILTINS
from ..highlight import COMMAND_STARTERS
from ..lang.lexer import REDIRECT_OPS, tokenize

SAFE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                       "_-+.,/:@%=")


def complete(line: str, state, jobs) -> tuple[int, list[tuple[str, str]]]:
    """Completions for the end of `line`.

    Returns (how many characters before the cursor to replace, a list of
    (replacement, what to display)), sorted.
    """
    tokens = [t for t in tokenize(line) if t.kind not in ("EOF", "COMMENT")]
    partial = ""
    if tokens and tokens[-1].kind == "WORD" and tokens[-1].span[1] == len(line):
        partial = tokens.pop().text
    position = "command"
    for tok in tokens:
        if tok.kind == "OP":
            position = "target" if tok.text in REDIRECT_OPS else \
                "command" if tok.text in COMMAND_STARTERS else position
        elif tok.kind == "NEWLINE":
            position = "command"
        elif tok.kind == "WORD":
            if position == "command" and "=" in tok.text and not tok.text.startswith("="):
                continue                       # x=1 cmd: still the command position
            position = "argument"
    if partial.startswith("$") and "/" not in partial:
        return len(partial), _variables(partial, state)
    if partial.startswith("%"):
        return len(partial), _jobs(partial, jobs)
    if position == "command" and "/" not in partial and not partial.startswith("~"):
        return len(partial), _commands(partial, state.vars.get("PATH", ""))
    return len(partial), _files(partial, state.vars.get("HOME", ""))


def _variables(partial: str, state) -> list[tuple[str, str]]:
    prefix = partial.lstrip("${")
    braced = partial.startswith("${")
    return [("${" + n + "}" if braced else "$" + n, "$" + n)
            for n in sorted(state.vars) if n.startswith(prefix)]


def _jobs(partial: str, jobs) -> list[tuple[str, str]]:
    out = []
    for job in sorted(jobs.jobs.values(), key=lambda j: j.id):
        spec = f"%{job.id}"
        if spec.startswith(partial):
            out.append((spec, f"{spec}  {job.command}"))
    return out


_path_cache: dict[str, tuple[tuple, list[str], frozenset]] = {}


def executable_set(path: str) -> frozenset:
    """The same names as executables(path), as a set (for the highlighter)."""
    executables(path)
    return _path_cache[path][2]


def executables(path: str) -> list[str]:
    """Every executable name on `path`, cached until a directory changes."""
    dirs = [d for d in path.split(":") if d]
    stamps = tuple(_mtime(d) for d in dirs)
    cached = _path_cache.get(path)
    if cached and cached[0] == stamps:
        return cached[1]
    names = set()
    for d in dirs:
        try:
            with os.scandir(d) as entries:
                for entry in entries:
                    try:
                        if entry.is_file() and os.access(entry.path, os.X_OK):
                            names.add(entry.name)
                    except OSError:
                        continue
        except OSError:
            continue                           # unreadable or missing directory
    result = sorted(names)
    _path_cache[path] = (stamps, result, frozenset(result))
    return result


def _mtime(d: str) -> float:
    try:
        return os.stat(d).st_mtime
    except OSError:
        return -1.0


def _commands(partial: str, path: str) -> list[tuple[str, str]]:
    names = set(n for n in BUILTINS if n.startswith(partial))
    names.update(n for n in executables(path) if n.startswith(partial))
    return [(quote(n) + " ", n) for n in sorted(names)]


def _files(partial: str, home: str) -> list[tuple[str, str]]:
    typed = unquote(partial)
    directory, _, prefix = typed.rpartition("/")
    if "/" in typed:
        directory += "/"
    listing = directory or "."
    if listing.startswith("~"):
        listing = home + listing[1:] if listing[:2] in ("~/", "~") else listing
    try:
        names = sorted(os.listdir(listing or "/"))
    except OSError:
        return []                              # unreadable: no completions, no crash
    out = []
    for name in names:
        if not name.startswith(prefix) or (name.startswith(".") and not prefix.startswith(".")):
            continue
        is_dir = os.path.isdir(os.path.join(listing or "/", name))
        text = quote(directory + name) + ("/" if is_dir else " ")
        out.append((text, name + ("/" if is_dir else "")))
    return out


def quote(text: str) -> str:
    """Backslash-escape characters the shell would otherwise interpret."""
    if text.startswith("~"):
        return "~" + quote(text[1:]) if text[1:] else text
    return "".join(c if c in SAFE_CHARS else "\\" + c for c in text)


def unquote(raw: str) -> str:
    """What a partly typed word means: quotes and backslashes removed."""
    out, i, quote_char = [], 0, None
    while i < len(raw):
        c = raw[i]
        if quote_char:
            if c == quote_char:
                quote_char = None
            elif c == "\\" and quote_char == '"' and i + 1 < len(raw):
                i += 1
                out.append(raw[i])
            else:
                out.append(c)
        elif c in "'\"":
            quote_char = c
        elif c == "\\" and i + 1 < len(raw):
            i += 1
            out.append(raw[i])
        else:
            out.append(c)
        i += 1
    return "".join(out)
