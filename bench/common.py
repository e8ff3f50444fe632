"""Helpers for the benchmarks: time commands side by side in one run.

Benchmarks are measurements, not tests: they print numbers and ratios
and never fail because something was slow.
"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
MINISH = str(VENV_BIN / "minish")
PYTHON = sys.executable                        # the venv's python, never a pyenv shim


def shells() -> dict[str, str]:
    """The shells to compare: minish and whichever of bash and dash exist."""
    found = {"minish": MINISH}
    for name in ("bash", "dash"):
        path = shutil.which(name)
        if path:
            found[name] = path
    return found


def run_once(argv: list[str], cwd: str | None = None, env: dict | None = None) -> float:
    """Wall time of one run of argv, with stdout/stderr to /dev/null;
    `env` adds to (or overrides) the benchmark environment."""
    return run_measured(argv, env)[0]


def run_measured(argv: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall time, CPU time) of one run of argv.  The CPU time is user +
    system of the process and every child it waited for (wait4's rusage):
    on a shared VM it moves less than wall time, which counts the time
    the hypervisor gave our CPU to someone else."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, {**bench_env(), **(env or {})},
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                       (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, _, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(devnull)
    return elapsed, usage.ru_utime + usage.ru_stime


def timed(argv: list[str], repeat: int) -> float:
    """Median wall time over `repeat` runs, after one warm-up run."""
    run_once(argv)
    return statistics.median(run_once(argv) for _ in range(repeat))


def timed_together(argvs: dict[str, list[str]], repeat: int, cpu: bool = False) -> dict:
    """Median time of each command, the commands run in turn (a, b, c, a,
    b, c, ...), so a change in the machine's load hits all of them alike.
    `cpu`: CPU time (see run_measured) instead of wall time."""
    for argv in argvs.values():
        run_once(argv)                         # warm-up: page cache, .pyc files
    times: dict[str, list[float]] = {name: [] for name in argvs}
    for _ in range(repeat):
        for name, argv in argvs.items():
            times[name].append(run_measured(argv)[1 if cpu else 0])
    return {name: statistics.median(values) for name, values in times.items()}


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # let Python use its .pyc files
    env["PATH"] = f"{VENV_BIN}:{env.get('PATH', '/usr/bin:/bin')}"
    return env


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
