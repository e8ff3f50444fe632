"""Reader for spec cases in Oils' format.

    #### name of the case
    shell script ...
    ## stdout: one line           (or ## STDOUT: ... ## END for several)
    ## status: 2
    ## bash-differs: why           (an intended divergence: don't compare with bash)

Cases without `## stdout` / `## status` are checked only against bash.
"""
from __future__ import annotations

from pathlib import Path


class Case:
    def __init__(self, file: str, line: int, name: str) -> None:
        self.file, self.line, self.name = file, line, name
        self.script_lines: list[str] = []
        self.stdout: str | None = None
        self.status: int | None = None
        self.bash_differs: str | None = None

    @property
    def script(self) -> str:
        return "".join(self.script_lines)

    @property
    def id(self) -> str:
        return f"{Path(self.file).stem}:{self.line}:{self.name}"


def read_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    block: list[str] | None = None
    for number, line in enumerate(path.read_text().splitlines(keepends=True), 1):
        if line.startswith("#### "):
            cases.append(Case(str(path), number, line[5:].strip()))
            continue
        if not cases:
            continue
        case = cases[-1]
        if block is not None:
            if line.strip() == "## END":
                case.stdout = "".join(block)
                block = None
            else:
                block.append(line)
        elif line.startswith("## STDOUT:"):
            block = []
        elif line.startswith("## stdout:"):
            case.stdout = line[len("## stdout:"):].strip() + "\n"
        elif line.startswith("## stdout-json:"):
            import json
            case.stdout = json.loads(line[len("## stdout-json:"):])
        elif line.startswith("## status:"):
            case.status = int(line[len("## status:"):])
        elif line.startswith("## bash-differs:"):
            case.bash_differs = line[len("## bash-differs:"):].strip()
        elif line.startswith("## "):
            raise ValueError(f"{path}:{number}: unknown annotation {line.strip()}")
        else:
            case.script_lines.append(line)
    return cases
