"""Classic mistake, Python variant: dup2 arguments swapped."""
import os
import signal
import sys


def spawn(cmd: str, fd: int, target: int, ends: tuple[int, int]) -> int:
    pid = os.fork()
    if pid == 0:
        try:
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # Python ignores it; yes must not
            os.dup2(target, fd)
            os.close(ends[0])
            os.close(ends[1])
            os.execvp(cmd, [cmd])
        finally:
            os._exit(127)
    return pid


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(f"usage: {argv[0]} CMD1 CMD2", file=sys.stderr)
        return 2
    r, w = os.pipe()
    first = spawn(argv[1], w, 1, (r, w))
    second = spawn(argv[2], r, 0, (r, w))
    os.close(r)
    os.close(w)
    os.waitpid(first, 0)
    _, status = os.waitpid(second, 0)
    return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
