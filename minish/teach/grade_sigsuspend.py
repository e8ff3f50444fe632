"""Grading the sigsuspend lab: wait_alarm() must not lose an early SIGALRM.

Two runs of the driver (minish/labs/sigsuspend/driver.c):
- `real`: wait_alarm(1) with a real alarm; afterwards the driver reports
  whether its own SIGALRM handler and its mask (SIGUSR1 blocked, SIGALRM
  not) came back;
- `race`: wait_alarm(10), while strace delivers SIGALRM the moment alarm()
  returns (`-e inject=alarm:signal=SIGALRM:when=1`).  That is the window
  between alarm() and pause() made as wide as it can be: a version with
  the race hangs every time, not once in a thousand runs.
From the trace: was SIGALRM blocked before alarm()?  Did the program wait
in rt_sigsuspend with a mask that lets SIGALRM in, or in pause()?  Where
did the signal land, relative to those calls?
"""
from ..run.strace_log import in_set
from ..i18n import _
from .grade import Check, not_reached, ran_to_the_end

INJECT = ("-e", "inject=alarm:signal=SIGALRM:when=1")


def grade(runner) -> list:
    real = runner.run(["real"], also_trace="alarm,setitimer")
    race = runner.run(["race"], strace_options=INJECT, also_trace="alarm,setitimer",
                      timeout=3.0)
    checks = [ran_to_the_end(real), ran_to_the_end(race)]
    checks += [blocked_first(real), atomic_wait(race), restored(real)]
    return checks


def _alarm(proc):
    return next((c for c in proc.calls if c.name in ("alarm", "setitimer")), None)


def blocked_first(run) -> Check:
    check = Check(_("SIGALRM is blocked before alarm() is called"))
    proc = run.log.root
    alarm = _alarm(proc)
    if alarm is None:
        return check.fail(_("the program never called alarm() (or setitimer)."))
    before = proc.calls[:proc.index(alarm)]
    if not any(c.name == "rt_sigprocmask" and c.result == 0 and c.args[0] in
               ("SIG_BLOCK", "SIG_SETMASK") and c.args[1] != "NULL" and
               in_set("SIGALRM", c.args[1]) for c in before[_driver_done(before):]):
        check.fail(_("no sigprocmask blocking SIGALRM before alarm(): from then on, the "
                     "signal can arrive before the program is ready to wait for it."), alarm)
    return check


def _driver_done(calls) -> int:
    """Skip the driver's own set-up: its SIG_BLOCK of [USR1] before the call."""
    for i, c in enumerate(calls):
        if c.name == "rt_sigprocmask" and c.args[:2] == ["SIG_BLOCK", "[USR1]"]:
            return i + 1
    return 0


def atomic_wait(run) -> Check:
    check = Check(_("the wait is rt_sigsuspend with SIGALRM unblocked (no pause() race)"))
    proc = run.log.root
    alarm = _alarm(proc)
    if alarm is None:
        return check.fail(_("the program never called alarm() (or setitimer)."))
    after = proc.calls[proc.index(alarm) + 1:]
    arrived = next((c for c in after if c.signal == "SIGALRM"), None)
    waits = [c for c in after if c.name in ("pause", "rt_sigsuspend")]
    if not waits:
        return check.fail(_("after alarm(), the program never waited: no pause() and no "
                            "sigsuspend()."), alarm)
    wait = waits[0]
    if wait.name == "pause":
        early = arrived is not None and proc.index(arrived) < proc.index(wait)
        why = _("the program waits in pause(). SIGALRM arrived at line {line}, after alarm() "
                "and before pause() began, so its handler ran early and pause() then waited "
                "for a signal that had already come. Block SIGALRM before alarm(), then wait "
                "with sigsuspend(), which unblocks and waits in one step.") if early else \
            _("the program waits in pause(). Block SIGALRM before alarm(), then wait with "
              "sigsuspend(), which unblocks and waits in one step.")
        return check.fail(why.format(line=arrived.line if early else 0), alarm, arrived, wait)
    if in_set("SIGALRM", wait.args[0]):
        check.fail(_("sigsuspend was given the mask {mask}, which still blocks SIGALRM, so the "
                     "alarm can never wake it: pass the old mask without SIGALRM.").format(
                         mask=wait.args[0]), wait)
    return check


def restored(run) -> Check:
    check = Check(_("the caller's mask and SIGALRM action are restored"))
    want = {"handler": "restored", "SIGALRM": "unblocked", "SIGUSR1": "blocked"}
    got = dict(line.split("=", 1) for line in run.out.splitlines() if "=" in line)
    wrong = [f"{key}={got.get(key, '?')}" for key in want if got.get(key) != want[key]]
    # The driver installs its own SIGALRM handler first; wait_alarm's is the next.
    installs = [c for c in run.log.root.calls if c.name == "rt_sigaction"
                and c.args[:1] == ["SIGALRM"] and c.args[1:2] != ["NULL"]]
    if len(installs) < 2 or "returned" not in run.out:
        # nothing was changed, or wait_alarm never came back: nothing to restore yet
        not_reached([check], _("wait_alarm installing its SIGALRM handler and returning"))
    elif wrong:
        check.fail(_("after wait_alarm returned, the driver found {found}: put back the old "
                     "action with sigaction and the old mask with sigprocmask(SIG_SETMASK, "
                     "&old, NULL) -- not an empty mask.").format(found=", ".join(wrong)))
    return check
