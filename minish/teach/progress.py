"""The progress file: how far each lesson got, which steps were passed, and
the predictions made.

    $XDG_DATA_HOME/minish/progress.json   (default ~/.local/share/minish/)

    {"04-pipes": {"done": 3,               the step to resume at (0-based)
                  "passed": [1, 3],        steps passed (a skipped step is not)
                  "predictions": {"1": {"said": "2", "right": true}}}}

Written whole to a temporary file and renamed over the old one
(rename(2) is atomic), so a crash never leaves half a file.

Who calls it: repl/lesson.py.
"""
import json
import os


def progress_file() -> str:
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"),
                                                           ".local", "share")
    return os.path.join(data, "minish", "progress.json")


def load_progress() -> dict:
    try:
        with open(progress_file()) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}                               # missing or corrupt: start afresh


def save_progress(progress: dict) -> None:
    path = progress_file()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".tmp", "w") as f:
            json.dump(progress, f, indent=1)
        os.replace(path + ".tmp", path)
    except OSError:
        pass
