"""times and the `time` keyword: where the CPU went (times(2)).

times(2) fills a struct tms: tms_utime/tms_stime for this process,
tms_cutime/tms_cstime for its children *that have been waited for*, all in
clock ticks (sysconf(_SC_CLK_TCK), usually 100 a second).
"""
import os
import time

from ..errors import write
from ..i18n import _
from .args import UsageError
from .registry import builtin


def _minutes(seconds: float) -> str:
    """bash's %lR format: 0m0.012s."""
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}m{rest:.3f}s"


@builtin("times", "print the CPU time used by the shell and its children", "times [-v]")
def times(sh, argv):
    """Line 1: user and system CPU time of the shell itself.
    Line 2: user and system CPU time of all the children it has waited for.
    -v  also the raw struct tms fields in clock ticks, CLK_TCK and the
        elapsed wall-clock time since an arbitrary point (times' return value)"""
    if argv[1:] not in ([], ["-v"]):
        raise UsageError()
    t = os.times()
    write(1, f"{_minutes(t.user)} {_minutes(t.system)}\n"
             f"{_minutes(t.children_user)} {_minutes(t.children_system)}\n")
    if argv[1:] == ["-v"]:
        tck = os.sysconf("SC_CLK_TCK")
        ticks = [round(v * tck) for v in (t.user, t.system, t.children_user, t.children_system)]
        fields = f"struct tms: tms_utime={ticks[0]} tms_stime={ticks[1]} " \
                 f"tms_cutime={ticks[2]} tms_cstime={ticks[3]}"
        write(1, fields + "  " + _("(clock ticks)") + "\n"
              + _("CLK_TCK={n} ticks per second").format(n=tck) + "\n"
              # "elapsed" is os.times()'s field name, in every language (lessons grep it)
              + "elapsed " + _("(times' return value): {ticks} ticks = {seconds} s").format(
                  ticks=round(t.elapsed * tck), seconds=f"{t.elapsed:.2f}") + "\n")
    return 0


def timed(run, posix: bool = False) -> int:
    """Run run() and report real, user and sys time on stderr, as bash's `time`.

    user/sys add the shell's own CPU time to that of the children reaped
    meanwhile: os.times() before and after, the difference.
    """
    before, start = os.times(), time.monotonic()
    try:
        return run()
    finally:
        after, real = os.times(), time.monotonic() - start
        user = (after.user - before.user) + (after.children_user - before.children_user)
        system = (after.system - before.system) + (after.children_system - before.children_system)
        if posix:
            write(2, f"real {real:.2f}\nuser {user:.2f}\nsys {system:.2f}\n")
        else:
            write(2, f"\nreal\t{_minutes(real)}\nuser\t{_minutes(user)}\nsys\t{_minutes(system)}\n")
