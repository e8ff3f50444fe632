"""prime_worker FROM TO: print the primes in [FROM, TO], one a line, in order.

The worker of the course's master/worker exercise: it gets its interval in
argv (it is exec'd, not just forked) and writes its results to stdout --
whatever the shell made of it: a pipe, a FIFO, a file.
"""
import sys

from ..i18n import _
from .primes import is_prime


def main(argv: list[str]) -> int:
    try:
        low, high = int(argv[0]), int(argv[1])
    except (IndexError, ValueError):
        print(_("usage: {synopsis}").format(synopsis="prime_worker FROM TO"), file=sys.stderr)
        return 2
    sys.stdout.write("".join(f"{n}\n" for n in range(low, high + 1) if is_prime(n)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
