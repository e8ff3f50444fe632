"""Shell patterns (XCU 2.13): matching and pathname expansion.

    *   any string      ?   any one character      \\c  the character c itself
    [abc] [a-z] [!a-z] [^a-z] [[:alpha:]] [[:digit:]] ...   one character of a set

Used by `case`, `[[ x == pattern ]]`, ${x#pattern} and friends, and by
globbing.  Python's fnmatch and glob almost fit but not quite: they know
neither backslash escapes nor [[:classes:]], and glob sorts and filters
hidden files its own way.  So a pattern becomes a regular expression here,
and `expand_path` walks the directories itself with scandir(3).

Quoted characters in a word are escaped with a backslash (`escape`)
before they get here, so `"*"` matches only a star.
"""
import os


class _LazyRe:
    """Stands for the `re` module until a pattern is first matched, then
    puts the real module in its place.  `re` (with enum and functools,
    which it imports) is a third of what `minish -c true` would import
    otherwise, and most commands never match a pattern (bench/README.md)."""

    def __getattr__(self, name):
        import re as module
        globals()["re"] = module
        return getattr(module, name)


re = _LazyRe()

SPECIAL = frozenset("*?[\\")
CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z",
    "lower": "a-z", "space": " \\t\\n\\r\\f\\v", "blank": " \\t", "xdigit": "0-9A-Fa-f",
    "punct": r"""!"\#\$%\&'\(\)\*\+,\-\./:;<=>\?@\[\\\]\^_`\{\|\}\~""",   # re.escape'd "cntrl": "\\x00-\\x1f\\x7f",
    "print": "\\x20-\\x7e", "graph": "\\x21-\\x7e", "word": "a-zA-Z0-9_",
}


def escape(text: str) -> str:
    """Make every character of `text` stand for itself in a pattern."""
    return "".join("\\" + c if c in SPECIAL else c for c in text)


def has_magic(pattern: str) -> bool:
    """Does the pattern contain an unescaped * ? or [ ?"""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c in "*?[":
            return True
        i += 1
    return False


def unescape(pattern: str) -> str:
    return re.sub(r"\\(.)", r"\1", pattern, flags=re.S)


def match(pattern: str, text: str) -> bool:
    """Does the whole of `text` match `pattern`?"""
    return _compiled(pattern).match(text) is not None


_cache: dict[str, object] = {}


def _compiled(pattern: str):
    """The compiled regex for `pattern`, remembered (a `case` in a loop
    matches the same patterns again and again)."""
    compiled = _cache.get(pattern)
    if compiled is None:
        if len(_cache) >= 256:
            _cache.clear()
        compiled = _cache[pattern] = re.compile(translate(pattern) + r"\Z", re.S)
    return compiled


def translate(pattern: str) -> str:
    """The pattern as the source of an (unanchored-at-end) regular expression."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == "\\":
            out.append(re.escape(pattern[i]) if i < n else re.escape("\\"))
            i += 1
        elif c == "*":
            if not out or out[-1] != ".*":
                out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            bracket, end = _bracket(pattern, i)
            if bracket is None:
                out.append(re.escape("["))
            else:
                out.append(bracket)
                i = end
        else:
            out.append(re.escape(c))
    return "".join(out)


def _bracket(pattern: str, i: int) -> tuple[str | None, int]:
    """[...] starting after the '[' at i-1: (regex class, index after ']')."""
    n, items = len(pattern), []
    negate = i < n and pattern[i] in "!^"
    if negate:
        i += 1
    first = True
    while i < n:
        c = pattern[i]
        if c == "]" and not first:
            body = "".join(items)
            return ("[^" if negate else "[") + body + "]", i + 1
        first = False
        if c == "[" and pattern.startswith("[:", i):
            end = pattern.find(":]", i + 2)
            if end > 0 and pattern[i + 2:end] in CLASSES:
                items.append(CLASSES[pattern[i + 2:end]])
                i = end + 2
                continue
        if c == "\\" and i + 1 < n:
            c = pattern[i + 1]
            i += 1
        i += 1
        if i + 1 < n and pattern[i] == "-" and pattern[i + 1] != "]":
            hi = pattern[i + 1]
            i += 2
            if hi == "\\" and i < n:
                hi = pattern[i]
                i += 1
            items.append(_class_char(c) + "-" + _class_char(hi))
        else:
            items.append(_class_char(c))
    return None, i                             # no closing ]: a literal [


def _class_char(c: str) -> str:
    return "\\" + c if c in "\\]^-[" else c


def expand_path(pattern: str, dotglob: bool = False, globstar: bool = False) -> list[str]:
    """Pathname expansion: the existing paths matching `pattern`, sorted."""
    absolute = pattern.startswith("/")
    parts = [p for p in pattern.split("/") if p]
    trailing = pattern.endswith("/") and len(pattern) > 1
    paths = ["/" if absolute else ""]
    for k, part in enumerate(parts):
        last = k == len(parts) - 1
        new = []
        for base in paths:
            new.extend(_step(base, part, dotglob, globstar, need_dir=not last or trailing))
        paths = new
        if not paths:
            return []
    return sorted(paths)


def _step(base: str, part: str, dotglob: bool, globstar: bool, need_dir: bool) -> list[str]:
    directory = base or "."
    if not has_magic(part):
        path = base + unescape(part)
        ok = os.path.isdir(path) if need_dir else os.path.lexists(path)
        return [path + "/"] if ok and need_dir else ([path] if ok else [])
    if part == "**" and globstar:
        found = [base] if need_dir else []
        for dirpath, dirnames, filenames in os.walk(directory):
            dirnames[:] = sorted(d for d in dirnames if dotglob or not d.startswith("."))
            rel = os.path.relpath(dirpath, directory)
            prefix = base + ("" if rel == "." else rel + "/")
            names = dirnames if need_dir else dirnames + filenames
            found.extend(prefix + n + ("/" if need_dir else "")
                         for n in names if dotglob or not n.startswith("."))
        return found
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return []
    show_hidden = dotglob or part.startswith(".") or part.startswith("\\.")
    out = []
    for entry in entries:
        name = entry.name
        if name.startswith(".") and not show_hidden:
            continue
        if not match(part, name):
            continue
        if need_dir:
            try:
                if not entry.is_dir():
                    continue
            except OSError:
                continue
            out.append(base + name + "/")
        else:
            out.append(base + name)
    return out
