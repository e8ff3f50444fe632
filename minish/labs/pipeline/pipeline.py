"""pipeline.py -- run CMD1 | CMD2, as a shell does: the Python variant.

    python3 pipeline.py CMD1 CMD2        for example:  python3 pipeline.py ls wc

The same task as pipeline.c, with the os module: os.pipe, os.fork,
os.dup2, os.close, os.execvp, os.waitpid.  (No subprocess: the point is to
make the calls yourself.)  Exit with CMD2's status, or 128+N if CMD2 was
killed by signal N.

Python opens every fd close-on-exec (PEP 446), so a pipe fd you forget to
close in a child vanishes at exec anyway; os.dup2 makes its target
inheritable.  The parent has no exec to save it: it must close both ends.

Test by hand:   python3 pipeline.py ls wc
Grade:          minish lab check
"""
import os
import sys


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(f"usage: {argv[0]} CMD1 CMD2", file=sys.stderr)
        return 2
    # Your code here: os.pipe, os.fork, os.dup2, os.close, os.execvp, os.waitpid.
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
