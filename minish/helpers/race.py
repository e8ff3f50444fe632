"""race: parent and child both write, one character at a time.

Without synchronisation their output interleaves differently from run to
run.  With --sync the parent writes first and then tells the child through
a pipe (TELL_CHILD); the child blocks reading that pipe (WAIT_PARENT).
"""
import os
import sys
import time


def slowly(text: str) -> None:
    for ch in text:
        os.write(1, ch.encode())
        time.sleep(0.002)


def main() -> int:
    sync = "--sync" in sys.argv[1:]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(write_end)
        if sync:
            os.read(read_end, 1)                   # WAIT_PARENT: block until told
        slowly("from child: cccccccccc\n")
        os._exit(0)
    os.close(read_end)
    slowly("from parent: PPPPPPPPPP\n")
    if sync:
        os.write(write_end, b"x")                  # TELL_CHILD: your turn
    os.close(write_end)
    os.waitpid(pid, 0)
    if not sync:
        print("(without synchronisation: the two lines may be mixed; run it again)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
