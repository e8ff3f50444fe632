"""race: parent and child both write, one character at a time.

    race                  20 runs without synchronisation: count the orders
    race --parent-first   the child waits on a pipe until the parent is done
    race --child-first    the parent waits on a second pipe for the child

Without synchronisation who writes first is up to the scheduler, and the
two outputs may even mix.  APUE's TELL_WAIT does it with pipes both ways:
WAIT_PARENT is the child blocking in read(2) until TELL_CHILD writes a
byte; WAIT_CHILD / TELL_PARENT is the same on a pipe the other way.
Each run writes into a pipe of its own, so the order can be counted.
"""
import os
import sys
import time

from minish.i18n import _

RUNS = 20


def slowly(fd: int, text: str) -> None:
    for ch in text:
        os.write(fd, ch.encode())
        time.sleep(0.0005)                    # give the other one a chance to cut in


def one_run(mode: str) -> str:
    """One race; what both wrote, in the order the pipe got it."""
    out_r, out_w = os.pipe()
    to_child_r, to_child_w = os.pipe()        # TELL_CHILD -> WAIT_PARENT
    to_parent_r, to_parent_w = os.pipe()      # TELL_PARENT -> WAIT_CHILD
    pid = os.fork()
    if pid == 0:
        if mode == "parent-first":
            os.read(to_child_r, 1)            # WAIT_PARENT: block until told
        slowly(out_w, "cccc")
        if mode == "child-first":
            os.write(to_parent_w, b"x")       # TELL_PARENT: your turn
        os._exit(0)
    if mode == "child-first":
        os.read(to_parent_r, 1)               # WAIT_CHILD
    slowly(out_w, "PPPP")
    if mode == "parent-first":
        os.write(to_child_w, b"x")            # TELL_CHILD
    os.waitpid(pid, 0)
    for fd in (out_w, to_child_r, to_child_w, to_parent_r, to_parent_w):
        os.close(fd)
    text = os.read(out_r, 64).decode()
    os.close(out_r)
    return text


def main() -> int:
    args = sys.argv[1:]
    mode = "parent-first" if "--parent-first" in args or "--sync" in args else \
        "child-first" if "--child-first" in args else "race"
    counts = {"parent": 0, "child": 0, "mixed": 0}
    for _run in range(RUNS):
        text = one_run(mode)
        kind = "parent" if text == "PPPPcccc" else "child" if text == "ccccPPPP" else "mixed"
        counts[kind] += 1
    print(_("last run: {text}").format(text=text))
    # the three counts in this order, whatever the language: the lesson checks them
    print(_("orders seen in {runs} runs: parent first {parent}, child first {child}, mixed "
            "{mixed}").format(runs=RUNS, **counts))
    if mode == "race":
        print(_("(without synchronisation the order is the scheduler's choice: run it again)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
