"""blocker SIG: block a signal (sigprocmask), then sleep up to 60 s.

While it sleeps, send it SIG: the signal is not delivered but *pending*
(`sigs PID` shows it, from SigPnd/ShdPnd in /proc/PID/status).  It would be
delivered -- and, USR1's default action, kill it -- the moment it is
unblocked; it never is.
"""
import signal
import sys
import time

from minish.i18n import _


def main(argv: list[str]) -> int:
    name = (argv[0] if argv else "USR1").upper().removeprefix("SIG")
    try:
        sig = signal.Signals["SIG" + name]
    except KeyError:
        print("blocker: " + _("{name}: no such signal").format(name=name), file=sys.stderr)
        return 2
    signal.pthread_sigmask(signal.SIG_BLOCK, {sig})
    print("blocker: " + _("{signal} blocked; sleeping").format(signal=sig.name), flush=True)
    time.sleep(60)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
