"""A pipeline's statuses: $PIPESTATUS and `set -o pipefail`.

The status of `a | b | c` is c's (XCU 2.9.2).  bash also keeps every
stage's status in the array PIPESTATUS, and with `set -o pipefail` the
pipeline's status is that of the last stage that failed.
"""
from . import process


def pipe_status(state, raws: list[int], status: int) -> int:
    """Record PIPESTATUS from the stages' raw wait statuses; return $?."""
    statuses = [process.exit_status(raw) if raw >= 0 else 0 for raw in raws]
    state.vars.pop("PIPESTATUS", None)
    state.arrays["PIPESTATUS"] = {i: str(s) for i, s in enumerate(statuses)}
    if "pipefail" in state.options:
        failed = [s for s in statuses if s]
        return failed[-1] if failed else 0
    return status
