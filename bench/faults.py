"""What a fork-path command costs, in figures that do not move with the
machine's load (issue 17): page faults and Python functions per command.

Wall time on a shared VM moves by 2x from run to run; these counts move by
a few per cent.  They explain the ratios the engine benchmark prints:
- page faults of the whole process tree per `/bin/true` line (wait4's
  rusage), for minish, bash, dash and the two bare Python loops (fork +
  execve + waitpid, and posix_spawn + waitpid), which are the floors;
- how many distinct Python functions minish's parent calls per line.  In
  CPython 3.11 each call writes its function's and its code object's
  reference counts (_PyFrame_Push), so after a fork each one costs a page
  fault or two; a page fault here costs 2-5 µs.
- the import of the parser alone, against `python -c pass`: the floor
  for `minish -c true`.
"""
from __future__ import annotations

import os
import sys
import tempfile

from common import MINISH, PYTHON, ROOT, bench_env, ms, shells, timed_together
from engine import FORK_FLOOR as FORK_LOOP

SPAWN_LOOP = """\
import os
env = dict(os.environ)
for _ in range(1000):
    os.waitpid(os.posix_spawn("/bin/true", ["/bin/true"], env), 0)
"""

# Run inside minish's own interpreter: one line at a time, as a script
# runs; after 20 lines to warm up, count the functions one line enters.
COUNT_FUNCTIONS = """\
import sys
from minish.shell import Shell
shell = Shell("minish", [])
for _ in range(20):
    shell.run_line("/bin/true")
called = set()
def note(frame, event, arg):
    if event == "call":
        called.add(frame.f_code)
sys.setprofile(note)
shell.run_line("/bin/true")
sys.setprofile(None)
print(len(called))
"""


def page_faults(argv: list[str]) -> int:
    """Minor page faults of argv and every process it waited for."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    pid = os.posix_spawn(argv[0], argv, bench_env(),
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
    _, _, usage = os.wait4(pid, 0)
    os.close(devnull)
    return usage.ru_minflt


def per_command(tmp: str) -> list[list[str]]:
    script = os.path.join(tmp, "true1000.sh")
    with open(script, "w") as f:
        f.write("/bin/true\n" * 1000)
    empty = os.path.join(tmp, "empty.sh")
    open(empty, "w").close()
    argvs = {name: [path, script] for name, path in shells().items()}
    argvs["spawn"] = [MINISH, "-o", "spawn", script]
    argvs["fork loop"] = [PYTHON, "-c", FORK_LOOP]
    argvs["spawn loop"] = [PYTHON, "-c", SPAWN_LOOP]
    start = {name: page_faults([argv[0], empty] if name in shells() or name == "spawn"
                               else [PYTHON, "-c", "pass"])
             for name, argv in argvs.items()}
    faults = {name: (min(page_faults(argv) for _ in range(3)) - start[name]) / 1000
              for name, argv in argvs.items()}
    floors = f"loops: fork {faults['fork loop']:.0f}, posix_spawn {faults['spawn loop']:.0f}"
    cells = [f"{faults.get(n, float('nan')):.0f}" for n in ("minish", "bash", "dash")]
    spawn_cells = [f"{faults['spawn']:.0f}", *cells[1:]]
    import subprocess  # bench only: minish itself never uses subprocess
    functions = subprocess.run([PYTHON, "-c", COUNT_FUNCTIONS], cwd=ROOT, capture_output=True,
                               text=True).stdout.strip()
    return [["page faults per /bin/true line", *cells,
             f"{faults['minish'] / faults['bash']:.2f}× bash; {floors}"],
            ["page faults per line, -o spawn", *spawn_cells,
             f"{faults['spawn'] / faults['bash']:.2f}× bash"],
            ["Python functions per line (parent)", functions, "–", "–",
             "each writes its function and code object"]]


def parser_import(repeat: int) -> list[list[str]]:
    argvs = {"pass": [PYTHON, "-c", "pass"],
             "parser": [PYTHON, "-c", "import minish.lang.parser"],
             "minish": [MINISH, "-c", "true"]}
    results = timed_together(argvs, repeat)
    base = results["pass"]
    return [["import the parser alone", ms(results["parser"]), "–", "–",
             f"{results['parser'] / base:.2f}× python -c pass; "
             f"`-c true` {results['minish'] / base:.2f}×"]]


def run(quick: bool = False) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        return per_command(tmp) + parser_import(10 if quick else 41)


if __name__ == "__main__":
    from common import table
    print(table([["figure", "minish", "bash", "dash", "ratio"], *run("--quick" in sys.argv)]))
