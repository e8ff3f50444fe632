"""REPL benchmarks (issue 3): time to first prompt, idle memory, completion.

Measured side by side in one run: minish's full editor, bash, and a bare
prompt_toolkit PromptSession script (the floor: importing prompt_toolkit
alone costs most of the start-up).
"""
import os
import statistics
import sys
import tempfile
import time

import pexpect

from common import MINISH, PYTHON, bench_env, ms

BARE_SESSION = """
from prompt_toolkit import PromptSession
s = PromptSession()
while True:
    try:
        s.prompt("BENCH> ")
    except EOFError:
        break
"""


def _spawn(argv, env):
    return pexpect.spawn(argv[0], argv[1:], env=env, encoding="utf-8", timeout=20,
                         dimensions=(40, 200))


def first_prompt(argv: list[str], env: dict, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        child = _spawn(argv, env)
        child.expect("BENCH>")
        times.append(time.perf_counter() - start)
        child.close(force=True)
    return statistics.median(times)


def idle_rss(argv: list[str], env: dict) -> int:
    child = _spawn(argv, env)
    child.expect("BENCH>")
    time.sleep(0.5)
    with open(f"/proc/{child.pid}/status") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    child.close(force=True)
    return rss


def completion_latency(repeat: int) -> float:
    """complete() on an empty line with a PATH of 3000 programs (warm cache)."""
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from minish.repl.complete import complete
    from minish.shell import Shell
    with tempfile.TemporaryDirectory() as tmp:
        dirs = []
        for i in range(30):
            d = os.path.join(tmp, f"bin{i}")
            os.mkdir(d)
            for j in range(100):
                p = os.path.join(d, f"prog{i}_{j}")
                with open(p, "w"):
                    pass
                os.chmod(p, 0o755)
            dirs.append(d)
        shell = Shell()
        shell.state.set("PATH", ":".join(dirs))
        first = time.perf_counter()
        complete("", shell.state, shell.executor.jobs)
        cold = time.perf_counter() - first
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            back, items = complete("", shell.state, shell.executor.jobs)
            times.append(time.perf_counter() - start)
        assert len(items) >= 3000
        return statistics.median(times), cold


def run(quick: bool = False) -> list[list[str]]:
    n = 3 if quick else 9
    env = bench_env()
    env.update(TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", PS1="BENCH> ", MINISH_EDITOR="full")
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = home
        minish = [MINISH]
        bash = ["/bin/bash", "--norc", "--noprofile", "-i"]
        bare = [PYTHON, "-c", BARE_SESSION]
        t_min, t_bash, t_bare = (first_prompt(a, env, n) for a in (minish, bash, bare))
        r_min, r_bash, r_bare = (idle_rss(a, env) for a in (minish, bash, bare))
    warm, cold = completion_latency(n * 5)
    return [
        ["first prompt at a pty", ms(t_min), ms(t_bash), "–",
         f"{t_min / t_bash:.2f}× bash; {t_min / t_bare:.2f}× bare PromptSession ({ms(t_bare)})"],
        ["idle RSS", f"{r_min / 1024:.1f} MB", f"{r_bash / 1024:.1f} MB", "–",
         f"{r_min / r_bare:.2f}× bare PromptSession ({r_bare / 1024:.1f} MB)"],
        ["complete '' with 3000 on PATH", ms(warm), "–", "–", f"first call {ms(cold)}"],
    ]
