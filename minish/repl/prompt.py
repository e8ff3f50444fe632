"""Prompt strings: PS1/PS2 with bash's backslash escapes, and minish's default.

    \\u user   \\h host   \\w cwd (~ for $HOME)   \\W its last part
    \\$ '#' for root, else '$'   \\? last status   \\n newline   \\\\ backslash
"""
import os
import pwd

COLOURS = {"user": "\x1b[1;32m", "dir": "\x1b[1;34m", "error": "\x1b[1;31m", "reset": "\x1b[0m"}


def render_prompt(template: str | None, state, colour: bool,
                  zero_width: tuple[str, str] = ("", "")) -> str:
    """PS1 or PS2 expanded.  `zero_width` is what \\[ and \\] become: the
    marks with which an editor is told that escapes between them take no
    room on the screen (readline's and prompt_toolkit's \\001 and \\002);
    plain lines drop them."""
    if template is None:
        return default_prompt(state, colour)
    out, i = [], 0
    while i < len(template):
        c = template[i]
        if c != "\\" or i + 1 == len(template):
            out.append(c)
            i += 1
            continue
        code = template[i + 1]
        i += 2
        out.append(zero_width["[]".index(code)] if code in "[]" else _escape(code, state))
    return "".join(out)


def visible(prompt: str) -> str:
    """The prompt as the terminal shows it, without the zero-width marks."""
    return prompt.replace("\001", "").replace("\002", "")


def _escape(code: str, state) -> str:
    if code == "u":
        return _user()
    if code == "h":
        return _host()
    if code == "w":
        return _short_cwd(state)
    if code == "W":
        cwd = _short_cwd(state)
        return cwd if cwd in ("/", "~") else os.path.basename(cwd)
    if code == "$":
        return "#" if os.geteuid() == 0 else "$"
    if code == "?":
        return str(state.last_status)
    if code == "n":
        return "\n"
    if code == "e":
        return "\x1b"
    return "\\" + code if code != "\\" else "\\"


def default_prompt(state, colour: bool) -> str:
    """user@host:~/dir$  -- with the last status in front when it failed."""
    c = COLOURS if colour and "NO_COLOR" not in os.environ else dict.fromkeys(COLOURS, "")
    status = f"{c['error']}[{state.last_status}]{c['reset']} " if state.last_status else ""
    host = _host()
    sign = "#" if os.geteuid() == 0 else "$"
    return (f"{status}{c['user']}{_user()}@{host}{c['reset']}:"
            f"{c['dir']}{_short_cwd(state)}{c['reset']}{sign} ")


def _user() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return str(os.geteuid())


def _short_cwd(state) -> str:
    cwd = state.vars.get("PWD") or os.getcwd()
    home = state.vars.get("HOME")
    if home and home != "/" and (cwd == home or cwd.startswith(home.rstrip("/") + "/")):
        return "~" + cwd[len(home.rstrip("/")):]
    return cwd


def _host() -> str:
    """The short host name, from uname(2) (no need to import socket for it)."""
    return os.uname().nodename.split(".")[0]
