"""minish.libc benchmarks (issue 4): system() and popen() against the C library.

Both run in this process, one after the other, so they share the machine's
state: system("true") through minish.libc and through glibc (ctypes), and
reading a big file through popen("cat FILE") against `cat FILE > /dev/null`.
"""
import ctypes
import statistics
import sys
import tempfile
import time

from common import ROOT, ms, run_once

sys.path.insert(0, str(ROOT))
from minish.libc import pclose, popen, system_fork, system_spawn  # noqa: E402

C = ctypes.CDLL(None)


def _median(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _medians_together(fns: dict, repeat: int) -> dict:
    """Median time of each call, the calls made in turn (a, b, c, a, ...),
    so that a change in the machine's load hits all of them alike."""
    times: dict = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def run(quick: bool = False) -> list[list[str]]:
    n = 30 if quick else 300
    got = _medians_together({"fork": lambda: system_fork("true"),
                             "spawn": lambda: system_spawn("true"),
                             "glibc": lambda: C.system(b"true")}, n)
    ours, spawned, theirs = got["fork"], got["spawn"], got["glibc"]
    rows = [["system_fork(\"true\")", ms(ours), "–", "–",
             f"{ours / theirs:.2f}× glibc system ({ms(theirs)})"],
            ["system(\"true\"), -o spawn", ms(spawned), "–", "–",
             f"{spawned / theirs:.2f}× glibc system ({ms(theirs)})"]]
    size = 256 << 20
    with tempfile.NamedTemporaryFile() as big:
        block = b"\0" * (1 << 20)
        for _ in range(size >> 20):
            big.write(block)
        big.flush()

        def read_all():
            stream = popen(f"cat {big.name}", "rb")
            while stream.read1(1 << 20):
                pass
            pclose(stream)

        t_popen = _median(read_all, 3 if quick else 7)
        runs = 3 if quick else 7
        t_cat = statistics.median(run_once(["/bin/sh", "-c", f"cat {big.name} > /dev/null"])
                                  for _ in range(runs))
        t_pipe = statistics.median(run_once(["/bin/sh", "-c", f"cat {big.name} | cat > /dev/null"])
                                   for _ in range(runs))
    mb = size / (1 << 20)
    rows.append(["popen(\"cat 256 MB\").read()", f"{mb / t_popen:.0f} MB/s", "–", "–",
                 f"{t_cat / t_popen:.2f}× `cat f > /dev/null` ({mb / t_cat:.0f} MB/s); "
                 f"{t_pipe / t_popen:.2f}× `cat f | cat > /dev/null` ({mb / t_pipe:.0f} MB/s)"])
    return rows
