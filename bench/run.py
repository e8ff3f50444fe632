"""Run every benchmark and print one table (and store it in bench/README.md).

    make bench            # full run
    make bench ARGS=--quick
"""
from __future__ import annotations

import datetime
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import engine  # noqa: E402
import faults  # noqa: E402
import interactive  # noqa: E402
import languages  # noqa: E402
import libc_bench  # noqa: E402
from common import ROOT, table  # noqa: E402

MARK_START, MARK_END = "<!-- results:start -->", "<!-- results:end -->"


def main() -> None:
    quick = "--quick" in sys.argv
    import compileall
    compileall.compile_dir(str(ROOT / "minish"), quiet=1)   # time the .pyc path, as installed
    rows = [["benchmark", "minish", "bash", "dash", "ratio"]]
    rows += engine.run(quick)
    rows += faults.run(quick)
    rows += interactive.run(quick)
    rows += libc_bench.run(quick)
    rows += languages.run(quick)
    text = table(rows)
    print(text)
    if not quick:
        stamp = f"Measured {datetime.date.today()} on {platform.machine()}, " \
                f"{platform.python_implementation()} {platform.python_version()}, " \
                f"{_cpus()} CPUs (median of repeated runs, same run for all shells)."
        readme = ROOT / "bench" / "README.md"
        content = readme.read_text()
        before, _, rest = content.partition(MARK_START)
        _, _, after = rest.partition(MARK_END)
        readme.write_text(f"{before}{MARK_START}\n{stamp}\n\n{text}\n{MARK_END}{after}")


def _cpus() -> int:
    import os
    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
