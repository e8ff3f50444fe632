"""alarm_pause: the race between a signal and pause(2), and sigsuspend's fix.

    if (!got_alarm)       <- the signal may arrive right here ...
        pause();          <- ... and pause() then waits for the *next* one

APUE's answer: block the signal (sigprocmask), test the flag, then
sigsuspend(old mask): it unblocks and sleeps in one atomic step, so a
signal that came in between is pending and ends the sleep at once.

To show the race every time, not once in a million, this program sends
itself SIGALRM exactly inside the window.  A second timer rescues the
naive version after a second (setitimer), so that it does end.
"""
import ctypes
import signal

from minish.i18n import _

libc = ctypes.CDLL(None, use_errno=True)
got = []


def on_alarm(signum, frame) -> None:
    got.append(signum)


def naive() -> str:
    got.clear()
    if not got:
        signal.raise_signal(signal.SIGALRM)     # the signal, in the window
        signal.setitimer(signal.ITIMER_REAL, 1.0)   # the rescue, a second later
        signal.pause()                          # waits for the *next* SIGALRM
    signal.setitimer(signal.ITIMER_REAL, 0)
    # "pause(): N SIGALRM": the call and the count, the same in every language
    return f"pause():      {len(got)} SIGALRM -- " + _(
        "the first came before pause() and was lost; only the second, the rescue timer's, "
        "ended the sleep")


def with_sigsuspend() -> str:
    got.clear()
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    if not got:
        signal.raise_signal(signal.SIGALRM)     # the same moment: now it stays pending
        pending = signal.SIGALRM in signal.sigpending()
        mask = ctypes.create_string_buffer(128)     # a sigset_t: the old mask
        libc.sigemptyset(mask)
        for sig in old:
            libc.sigaddset(mask, int(sig))
        libc.sigsuspend(mask)                   # unblock + sleep, atomically: returns at once
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
    said = _("it was pending while blocked; sigsuspend unblocked it and returned at once, "
             "no rescue needed") if pending else _("it was not pending while blocked")
    return f"sigsuspend(): {len(got)} SIGALRM -- " + said


def main() -> int:
    signal.signal(signal.SIGALRM, on_alarm)
    print(naive(), flush=True)
    print(with_sigsuspend(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
