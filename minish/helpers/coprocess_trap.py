"""coprocess_trap: drive the add2 filter with block-buffered output.

We send one line and wait a second for the answer.  None comes: the
filter's answer sits in its stdio buffer because its stdout is a pipe.
Closing our end makes it see EOF, flush and exit -- then the answer arrives.
"""
import select
import sys

from minish.i18n import _
from minish.libc import coprocess


def main() -> int:
    co = coprocess(f"{sys.executable} -m minish.helpers.add2 --buffered")
    co.stdin.write("20 22\n")
    ready = select.select([co.stdout], [], [], 1.0)[0]
    if not ready:                       # select(2) as strace shows a timeout, then why
        print("select() = 0 (Timeout): " + _("no answer after 1 s: the filter's output is "
                                             "sitting in its stdio buffer"))
    co.stdin.close()
    print(_("after we closed its stdin it flushed: {answer}").format(
        answer=co.stdout.read().strip()))
    co.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
