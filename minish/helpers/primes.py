"""primes FROM TO WORKERS: count primes with a master and workers over pipes.

The master forks WORKERS children; each gets its slice of the interval on a
pipe, counts the primes in it and writes the count back on another pipe.
The master reads every answer and adds them up.
"""
import os
import sys

from minish.i18n import _


def is_prime(n: int) -> bool:
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True


def main() -> int:
    low, high, workers = (int(a) for a in sys.argv[1:4]) if len(sys.argv) > 3 else (1, 1000, 4)
    step = (high - low + workers) // workers
    answers = []
    for w in range(workers):
        to_worker_r, to_worker_w = os.pipe()
        from_worker_r, from_worker_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(to_worker_w)
            os.close(from_worker_r)
            a, b = (int(x) for x in os.read(to_worker_r, 100).split())
            count = sum(1 for n in range(a, b + 1) if is_prime(n))
            os.write(from_worker_w, f"{count}\n".encode())
            os._exit(0)
        os.close(to_worker_r)
        os.close(from_worker_w)
        a, b = low + w * step, min(low + (w + 1) * step - 1, high)
        os.write(to_worker_w, f"{a} {b}".encode())
        os.close(to_worker_w)
        answers.append((pid, from_worker_r, a, b))
    total = 0
    for pid, fd, a, b in answers:
        count = int(os.read(fd, 100))
        os.close(fd)
        os.waitpid(pid, 0)
        said = _("worker {pid}: {count} prime in {interval}") if count == 1 else \
            _("worker {pid}: {count} primes in {interval}")
        print(said.format(
            pid=pid, count=count, interval=f"[{a}, {b}]"))
        total += count
    # TRANSLATORS: keep "{interval}: {total}" together: a lesson checks "[1, 1000]: 168"
    print(_("primes in {interval}: {total}").format(interval=f"[{low}, {high}]", total=total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
