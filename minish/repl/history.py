"""The history file: whole commands, in prompt_toolkit's FileHistory format.

    # 2026-11-30 07:12:01.123456
    +for i in 1 2; do
    +echo $i
    +done

Each command is one entry, however many lines it was typed on (as bash's
`cmdhist` keeps it), so Up brings back the whole `for` loop or here-document.
Every editor reads and writes this one format; the REPL appends each
command as it runs it.  History is a convenience: a missing, unreadable or
corrupt file gives an empty history, never an error.
"""
import os


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
        if line.startswith("+"):
            current.append(line[1:])
        elif current:
            entries.append("\n".join(current))
            current = []
    if current:
        entries.append("\n".join(current))
    return entries


def save_command(path: str, text: str) -> None:
    """Append one command: a '#' time-stamp line, then '+' before each of its lines."""
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        import datetime
        with open(path, "a", encoding="utf-8", errors="surrogateescape") as f:
            f.write(f"\n# {datetime.datetime.now()}\n")
            f.write("".join(f"+{line}\n" for line in text.split("\n")))
    except OSError:
        return
