"""Engine benchmarks (issue 2): start-up, fork/exec, parsing, pipes.

Each row is measured for minish, bash and dash in the same run, and the
ratio column is minish divided by the reference named in that row.
"""
from __future__ import annotations

import os
import tempfile

from common import MINISH, PYTHON, ms, shells, timed, timed_together


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
    argvs = {name: [path, "-c", "true"] for name, path in shells().items()}
    results = timed_together({**argvs, "python": [PYTHON, "-c", "pass"]}, repeat)
    base = results["python"]
    return [["start-up `-c true`", *_cells(results),
             f"{results['minish'] / base:.2f}× python -c pass ({ms(base)})"]]


# The floor for the fork path: the same 1000 commands from a Python loop
# that does nothing but fork, execve and waitpid (no parsing, no jobs).
FORK_FLOOR = """\
import os
env = dict(os.environ)
for _ in range(1000):
    pid = os.fork()
    if pid == 0:
        try:
            os.execve("/bin/true", ["/bin/true"], env)
        finally:
            os._exit(127)
    os.waitpid(pid, 0)
"""


def fork_exec(tmp: str, repeat: int) -> list[list[str]]:
    """Per command: the ratio is given in wall time and in CPU time (user +
    system of the whole tree), measured in the same interleaved runs."""
    script = os.path.join(tmp, "true1000.sh")
    with open(script, "w") as f:
        f.write("/bin/true\n" * 1000)
    argvs = {name: [path, script] for name, path in shells().items()}
    argvs["spawn"] = [MINISH, "-o", "spawn", script]
    argvs["floor"] = [PYTHON, "-c", FORK_FLOOR]
    wall = timed_together(argvs, repeat)
    cpu = timed_together(argvs, repeat, cpu=True)
    rows = []
    for label, key in (("1000 × /bin/true", "minish"), ("1000 × /bin/true, -o spawn", "spawn"),
                       ("1000 × fork+execve+waitpid, bare Python loop", "floor")):
        results = dict(wall, minish=wall[key])
        ratio = f"{_ratio(results, 'bash')}; CPU {cpu[key] / cpu['bash']:.2f}× bash"
        rows.append([label, *_cells(results), ratio])
    return rows


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
    argvs = {name: [path, "-c", "yes | head -1"] for name, path in shells().items()}
    argvs["spawn"] = [MINISH, "-o", "spawn", "-c", "yes | head -1"]
    results = timed_together(argvs, repeat)
    spawned = dict(results, minish=results["spawn"])
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
