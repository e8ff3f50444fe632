"""Engine benchmarks (issue 2): start-up, fork/exec, parsing, pipes.

Each row is measured for minish, bash and dash in the same run, and the
ratio column is minish divided by the reference named in that row.
"""
from __future__ import annotations

import os
import tempfile
import time

from common import MINISH, PYTHON, ms, shells, timed


# Ten lines of the kind a course script has; repeated 100 times.
TYPICAL_SCRIPT = """\
echo "Building $name in $dir"
cd "$HOME/project" || exit 1
ls -l *.txt | sort -k5 -n | tail -3
count=$(wc -l < data.txt)
cp "$src" "$dst" 2>/dev/null && echo copied
x=$((x + 1))
grep -v '^#' config > clean.conf
{ date; uname -a; } >> log.txt 2>&1
test -f "$file" && rm -f "$file"
printf '%s\\n' "$@"
"""


def startup(repeat: int) -> list[list[str]]:
    rows = []
    base = timed([PYTHON, "-c", "pass"], repeat)
    results = {name: timed([path, "-c", "true"], repeat) for name, path in shells().items()}
    rows.append(["start-up `-c true`", *_cells(results), f"{results['minish'] / base:.2f}× python -c pass ({ms(base)})"])
    return rows


def fork_exec(tmp: str, repeat: int) -> list[list[str]]:
    script = os.path.join(tmp, "true1000.sh")
    with open(script, "w") as f:
        f.write("/bin/true\n" * 1000)
    results = {name: timed([path, script], repeat) for name, path in shells().items()}
    spawned = dict(results, minish=timed([MINISH, "-o", "spawn", script], repeat))
    return [["1000 × /bin/true", *_cells(results), _ratio(results, "bash")],
            ["1000 × /bin/true, -o spawn", *_cells(spawned), _ratio(spawned, "bash")]]


def parse_only(tmp: str, repeat: int) -> list[list[str]]:
    """Parse a 1000-line script without running it (minish in-process; sh -n)."""
    script = os.path.join(tmp, "parse1000.sh")
    with open(script, "w") as f:
        f.write(TYPICAL_SCRIPT * 100)
    code = ("import time,sys; from minish.lang.parser import parse; t=open(sys.argv[1]).read(); "
            "s=time.perf_counter(); parse(t); print(time.perf_counter()-s)")
    import subprocess  # bench only: minish itself never uses subprocess
    runs = [float(subprocess.run([PYTHON, "-c", code, script], capture_output=True,
                                 text=True).stdout) for _ in range(repeat)]
    results = {"minish": sorted(runs)[len(runs) // 2]}
    for name, path in shells().items():
        if name != "minish":
            results[name] = timed([path, "-n", script], repeat)
    return [["parse 1000 typical lines", *_cells(results), "minish: parse() only, in-process"]]


def throughput(repeat: int) -> list[list[str]]:
    cmd = "head -c 1G /dev/zero | cat | cat | wc -c"
    results = {name: timed([path, "-c", cmd], repeat) for name, path in shells().items()}
    return [["1 GB through `| cat | cat |`", *_cells(results), _ratio(results, "bash")]]


def yes_head(repeat: int) -> list[list[str]]:
    results = {name: timed([path, "-c", "yes | head -1"], repeat)
               for name, path in shells().items()}
    spawned = dict(results, minish=timed([MINISH, "-o", "spawn", "-c", "yes | head -1"], repeat))
    return [["`yes | head -1`", *_cells(results), _ratio(results, "bash")],
            ["`yes | head -1`, -o spawn", *_cells(spawned), _ratio(spawned, "bash")]]


def _cells(results: dict) -> list[str]:
    return [ms(results.get(name, float("nan"))) for name in ("minish", "bash", "dash")]


def _ratio(results: dict, ref: str) -> str:
    return f"{results['minish'] / results[ref]:.2f}× {ref}"


def run(quick: bool = False) -> list[list[str]]:
    n = 5 if quick else 21
    with tempfile.TemporaryDirectory() as tmp:
        rows = startup(n * 2) + fork_exec(tmp, max(3, n // 3)) + parse_only(tmp, 5)
        rows += throughput(3) + yes_head(n)
    return rows
