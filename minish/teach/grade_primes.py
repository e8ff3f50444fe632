"""Grading the primes lab: a master, two exec'd workers, two pipes.

Runs: `./master 1000 1100`, `./master 2 30`, `./master 1 1` (no primes at
all), and `./master 2 500000`: more than 64 KiB of results per worker, so
a worker blocks on a full pipe until the master reads it.  A master that
cannot finish reading worker 1 before worker 2 exits (because worker 2
holds a copy of pipe #1's write end) then deadlocks for real.

From the trace of the first run: two pipes before the forks; each worker
exec'd with its half of the interval and only its own pipe's write end, on
fd 1; the master holding no write end when it first reads; both reaped.
"""
import os

from ..run.strace_log import describe_ends, string_list, unquote
from ..i18n import _
from .grade import Check, not_reached, pipe_ends_at, run_until_hang

INTERVALS = [("1000", "1100"), ("2", "30"), ("1", "1")]
BIG = ("2", "500000")
# The big run traces only the calls that make processes and fds: tracing
# every one of its 40 000 read(2)s would take longer than the time limit.
BIG_CALLS = "process,signal,pipe,pipe2,dup,dup2,dup3,close"


def grade(runner) -> list:
    plan = [(list(i), {}) for i in INTERVALS] + [(list(BIG), {"calls": BIG_CALLS,
                                                             "timeout": 10.0})]
    runs, ends = run_until_hang(runner, plan)
    return [ends, output(runs)] + structure(runs[0])


def primes(low: int, high: int) -> list[int]:
    """The primes in [low, high], by the sieve of Eratosthenes."""
    sieve = bytearray([1]) * (high + 1)
    sieve[:2] = b"\0\0"[:min(2, high + 1)]
    for k in range(2, int(high ** 0.5) + 1):
        if sieve[k]:
            sieve[k * k::k] = bytes(len(range(k * k, high + 1, k)))
    return [n for n in range(max(low, 2), high + 1) if sieve[n]]


def output(runs) -> Check:
    check = Check(_("the primes come out one per line, in increasing order, none lost"))
    for run in runs:
        if run.timed_out:
            continue
        low, high = int(run.args[1]), int(run.args[2])
        want = primes(low, high)
        got = run.out.split()
        if got == [str(n) for n in want]:
            continue
        numbers = [int(w) for w in got if w.isdigit()]
        if sorted(numbers) == want:
            at = next(i for i, (a, b) in enumerate(zip(numbers, want)) if a != b)
            why = _("{command}: all the primes are there, but not in order: {number} comes "
                    "right after {previous}. Read worker 1's pipe to end of file first, then "
                    "worker 2's.") if at else \
                _("{command}: all the primes are there, but not in order: {number} comes "
                  "first. Read worker 1's pipe to end of file first, then worker 2's.")
            return check.fail(why.format(command=f"`./master {low} {high}`", number=numbers[at],
                                         previous=numbers[at - 1] if at else ""))
        return check.fail(_("{command} printed {n} numbers; there are {want} primes in "
                            "{interval} (first lines: {first}).").format(
            command=f"`./master {low} {high}`", n=len(got), want=len(want),
            interval=f"[{low}, {high}]", first=" ".join(got[:5]) or _("nothing")))
    return check


def structure(run) -> list:
    log, master = run.log, run.log.root
    made = Check(_("the master makes two pipes, then two workers with half the interval each"))
    ends = Check(_("each worker starts with only its own pipe's write end, on fd 1"))
    closes = Check(_("the master holds no write end when it starts reading"))
    reaps = Check(_("the master waits for both workers"))
    workers = master.children
    clones = [w.forked_by for w in workers]
    pipes = [c for c in master.calls[:master.index(clones[0])] if c.name in ("pipe", "pipe2")] \
        if clones else []
    if len(pipes) != 2 or len(workers) != 2:
        made.fail(_("before its first fork the master made {pipes} pipe(s), and it forked "
                    "{workers} worker(s); it needs two of each.").format(
                        pipes=len(pipes), workers=len(workers)), *pipes, *clones)
    if not workers:
        not_reached([ends, reaps], _("the workers"))
    low, high = int(run.args[1]), int(run.args[2])
    mid = (low + high) // 2
    halves = [[str(low), str(mid)], [str(mid + 1), str(high)]]
    for number, worker in enumerate(workers, 1):
        execs = worker.execs()
        if not execs:
            ends.fail(_("worker {number} (pid {pid}) never exec'd ./worker.").format(
                number=number, pid=worker.pid), worker.forked_by)
            continue
        argv = string_list(execs[0].args[1])
        if os.path.basename(unquote(execs[0].args[0])) != "worker" or argv[1:] not in halves:
            made.fail(_("worker {number} ran {argv}; the halves of {interval} are {first} and "
                        "{second}.").format(number=number, argv=argv, interval=f"[{low}, {high}]",
                                            first=halves[0], second=halves[1]), execs[0])
        held = pipe_ends_at(log, worker, execs[0])
        out = held.get(1)
        if out is None or not out.write:
            ends.fail(_("worker {number} started with fd 1 = {end}: dup2(its pipe's write end, "
                        "1) before exec.").format(number=number, end=out or _("not a pipe")),
                      execs[0])
        extra = {fd: e for fd, e in held.items() if fd != 1}
        if extra:
            ends.fail(_("worker {number} started still holding {ends}. A write end kept by a "
                        "worker is one more writer: the master's read on that pipe cannot see "
                        "end of file until this worker exits (and with a full pipe of its own, "
                        "it never does).").format(number=number, ends=describe_ends(extra)),
                      execs[0])
    reads = [c for c in master.calls if c.name == "read" and c.args[0] != "0"]
    first = next((c for c in reads if pipe_ends_at(log, master, c).get(int(c.args[0]))), None)
    if first is None:
        not_reached([closes], _("a read on a worker's pipe"))
    else:
        writers = {fd: e for fd, e in pipe_ends_at(log, master, first).items() if e.write}
        if writers:
            closes.fail(_("the master still held {ends} at its first read: that read can never "
                          "return 0 (end of file), because the master itself is a writer.")
                        .format(ends=describe_ends(writers)), first)
    pending = {c.args[0] for c in master.calls if c.name == "wait4" and c.result is None}
    for number, worker in enumerate(workers, 1):
        if not master.waits_for(worker.pid) and str(worker.pid) not in pending \
                and not run.timed_out:
            reaps.fail(_("the master never waited for worker {number} (pid {pid}).").format(
                number=number, pid=worker.pid), worker.forked_by)
    return [made, ends, closes, reaps]
