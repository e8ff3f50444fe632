"""Prompt strings: PS1/PS2 with bash's backslash escapes (bash(1), PROMPTING),
and minish's default.

    \\u user   \\h host (\\H in full)   \\w cwd (~ for $HOME)   \\W its last part
    \\$ '#' for root, else '$'   \\? last status   \\j jobs   \\s shell   \\l tty
    \\t \\T \\@ \\A time   \\d date   \\D{strftime format}   \\! history number
    \\# command number   \\v \\V version   \\n \\r \\a \\e \\NNN (octal)   \\\\ backslash
"""
import os
import pwd
import time

VERSION = "0.1"

COLOURS = {"user": "\x1b[1;32m", "dir": "\x1b[1;34m", "error": "\x1b[1;31m", "reset": "\x1b[0m"}


def render_prompt(template: str | None, state, colour: bool,
                  zero_width: tuple[str, str] = ("", ""), jobs: int = 0,
                  command_number: int = 1) -> str:
    """PS1 or PS2 expanded.  `zero_width` is what \\[ and \\] become: the
    marks with which an editor is told that escapes between them take no
    room on the screen (readline's and prompt_toolkit's \\001 and \\002);
    plain lines drop them.  `jobs` is for \\j, `command_number` for \\#."""
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
        if code in "[]":
            out.append(zero_width["[]".index(code)])
        elif code == "D" and template.startswith("{", i) and "}" in template[i:]:
            end = template.index("}", i)         # \\D{format}: strftime(3); {} is bash's %X
            out.append(time.strftime(template[i + 1:end] or "%X"))
            i = end + 1
        elif code in "01234567":                 # \\NNN: the character with that octal code
            digits = code
            while len(digits) < 3 and i < len(template) and template[i] in "01234567":
                digits += template[i]
                i += 1
            out.append(chr(int(digits, 8)))
        elif code == "j":
            out.append(str(jobs))
        elif code == "#":
            out.append(str(command_number))
        else:
            out.append(_escape(code, state))
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
    if code == "!":
        return str(len(state.history) + 1)     # history number: the file's entries count
    if code in SIMPLE:
        return SIMPLE[code]
    if code in CLOCK:
        return time.strftime(CLOCK[code])
    if code == "H":
        return os.uname().nodename
    if code == "s":
        return os.path.basename(state.arg0) or "minish"
    if code == "l":
        return _tty_name()
    return "\\" + code if code != "\\" else "\\"


SIMPLE = {"n": "\n", "r": "\r", "a": "\a", "e": "\x1b", "v": VERSION, "V": VERSION + ".0"}
CLOCK = {"t": "%H:%M:%S", "T": "%I:%M:%S", "@": "%I:%M %p", "A": "%H:%M", "d": "%a %b %d"}


def _tty_name() -> str:
    """\\l: the basename of the terminal's device, as ttyname(3) gives it."""
    try:
        return os.path.basename(os.ttyname(0))
    except OSError:
        return "tty"


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
