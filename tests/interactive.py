"""Driving minish at a real pty with pexpect, and cleaning up after it.

Every process a test starts carries a unique MINISH_TEST_TAG in its
environment, so teardown can find and kill all of them -- background
jobs live in their own process groups and would outlive the shell.

Two switches run the same scenarios another way (run the suite both ways):
  MINISH_TEST_NO_CPR=0       spawn without PROMPT_TOOLKIT_NO_CPR=1
  MINISH_TEST_EDITOR=NAME    the editor of sessions that ask for "plain":
                             readline, full, or auto (minish chooses)
"""
from __future__ import annotations

import os
import signal
import time
import uuid

import pexpect

from conftest import MINISH, shell_env

PROMPT = "MINISH-TEST>"


def session_env(tmp_path, editor: str, extra_env: dict | None = None) -> dict:
    """The environment of a pexpect session, after the two switches above."""
    env = shell_env(tmp_path)
    env.update(PS1=PROMPT + " ", TERM="xterm", MINISH_EDITOR=editor,
               PROMPT_TOOLKIT_NO_CPR="1")
    if editor == "plain" and os.environ.get("MINISH_TEST_EDITOR"):
        env["MINISH_EDITOR"] = os.environ["MINISH_TEST_EDITOR"]
    if env["MINISH_EDITOR"] == "auto":
        del env["MINISH_EDITOR"]
    if os.environ.get("MINISH_TEST_NO_CPR") == "0":
        del env["PROMPT_TOOLKIT_NO_CPR"]
    env.update(extra_env or {})
    return env


class Session:
    def __init__(self, tmp_path, editor: str = "plain", extra_env: dict | None = None):
        self.tag = uuid.uuid4().hex
        env = session_env(tmp_path, editor, extra_env)
        env["MINISH_TEST_TAG"] = self.tag
        self.child = pexpect.spawn(MINISH, env=env, cwd=str(tmp_path), encoding="utf-8",
                                   codec_errors="replace", timeout=10, dimensions=(40, 200))
        self.prompt()

    def prompt(self, timeout: float = 10) -> str:
        """Wait for the next prompt; return what came before it."""
        self.child.expect_exact(PROMPT, timeout=timeout)
        return self.child.before

    def run(self, line: str) -> str:
        """Type a line; return its output (without the echoed command)."""
        self.child.sendline(line)
        out = self.prompt()
        first, _, rest = out.partition("\n")
        return rest.replace("\r\n", "\n").replace("\r", "")

    def status(self) -> int:
        return int(self.run("echo $?").strip().splitlines()[-1])

    def send(self, text: str) -> None:
        self.child.send(text)

    def control(self, key: str) -> None:
        self.child.sendcontrol(key)

    def close(self) -> None:
        self.child.close(force=True)
        kill_tagged(self.tag)


def kill_tagged(tag: str) -> None:
    """SIGKILL every process whose environment carries `tag`."""
    marker = f"MINISH_TEST_TAG={tag}".encode()
    for _ in range(3):
        found = False
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/environ", "rb") as f:
                    if marker in f.read().split(b"\0"):
                        os.kill(int(pid), signal.SIGKILL)
                        found = True
            except OSError:
                continue
        if not found:
            return
        time.sleep(0.05)


def process_states(pids: list[int]) -> list[str]:
    """The one-letter state (R, S, T, Z...) of each pid, from /proc."""
    states = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                states.append(f.read().rsplit(")", 1)[1].split()[0])
        except OSError:
            states.append("gone")
    return states


def wait_for(predicate, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def tagged_pids(tag: str, command: str) -> list[int]:
    """Pids of running `command` processes started by the session tagged `tag`."""
    marker = f"MINISH_TEST_TAG={tag}".encode()
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if marker not in f.read().split(b"\0"):
                    continue
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == command:
                    pids.append(int(pid))
        except OSError:
            continue
    return sorted(pids)
