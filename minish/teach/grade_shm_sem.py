"""Grading the shm-sem lab (stretch): producer and consumer over System V IPC.

Runs: `./prodcons 300` (a busy run: 300 items through 4 slots) and
`./prodcons 5`.  The output must be 1..N exactly: a lost or duplicated
item shows there.  From the trace, by meaning rather than by semaphore
number: the consumer must wait (semop -1) on a semaphore that only the
producer raises (that is FULL), and the producer on one that only the
consumer raises (EMPTY).  The objects it created must be gone when it
ends (the runner looks in /proc/sysvipc; the grader removes leftovers
anyway).
"""
import re

from ..i18n import _
from .grade import Check, not_reached, run_until_hang

_OP = re.compile(r"sem_num=(\d+), sem_op=(-?\d+)")
SLOTS = 4                                       # the ring's size, in prodcons.c


def grade(runner) -> list:
    runs, ends = run_until_hang(runner, [(["300"], {}), (["5"], {})])
    checks = [ends, items(runs), initial_values(runs[0])]
    checks += waits(runs[0])
    checks.append(removed(runs))
    return checks


def initial_values(run) -> Check:
    check = Check(_("the semaphores start at EMPTY = {slots}, FULL = 0, MUTEX = 1").format(
        slots=SLOTS))
    values = {}
    for call in run.log.root.calls if run.log.root else []:
        if call.name == "semctl" and call.result == 0 and call.args[2:3] == ["SETVAL"]:
            text = call.args[3]
            values[int(call.args[1])] = 0 if text == "NULL" else int(text, 0)
    if not values:
        not_reached([check], _("the semaphores, each set with semctl(SETVAL)"))
    elif sorted(values.values()) != [0, 1, SLOTS]:
        shown = ", ".join(_("semaphore {n} = {value}").format(n=n, value=v)
                          for n, v in sorted(values.items()))
        check.fail(_("semctl(SETVAL) set {values}. One counting semaphore (EMPTY) must start at "
                     "the number of free slots, {slots}; with none above 0 but the mutex, "
                     "producer and consumer each wait for the other, for ever.").format(
                         values=shown, slots=SLOTS),
                   *[c for c in run.log.root.calls if c.name == "semctl"][:3])
    return check


def items(runs) -> Check:
    check = Check(_("the consumer prints 1..N: no item lost, none twice"))
    for run in runs:
        if run.timed_out:
            continue
        n = int(run.args[1])
        got = run.out.split()
        if got != [str(i) for i in range(1, n + 1)]:
            numbers = [int(w) for w in got if w.lstrip("-").isdigit()]
            lost = sorted(set(range(1, n + 1)) - set(numbers))
            twice = sorted({x for x in numbers if numbers.count(x) > 1})
            wrong = sorted({x for x in numbers if not 0 < x <= n})
            findings = [_("{command} printed {n} numbers").format(
                command=f"`./prodcons {n}`", n=len(got))]
            if lost:
                findings.append(_("lost: {numbers}").format(numbers=_few(lost)))
            if twice:
                findings.append(_("twice: {numbers}").format(numbers=_few(twice)))
            if wrong:
                findings.append(_("out of range: {numbers}").format(numbers=_few(wrong)))
            check.fail("; ".join(findings) + ".")
    return check


def _few(values: list) -> str:
    return ", ".join(map(str, values[:8])) + (" ..." if len(values) > 8 else "")


def _semops(proc) -> list:
    """[(semaphore number, delta, call)] for every successful semop of proc."""
    out = []
    for call in proc.calls:
        if call.name in ("semop", "semtimedop") and call.result == 0:
            out += [(int(num), int(op), call) for num, op in _OP.findall(call.args[1])]
    return out


def waits(run) -> list:
    consumer_waits = Check(_("the consumer waits on a semaphore only the producer raises (FULL)"))
    producer_waits = Check(_("the producer waits on a semaphore only the consumer raises (EMPTY)"))
    producer = run.log.root
    if run.timed_out:
        why = _("could not be checked: the run did not end (see above).")
        return [consumer_waits.fail(why), producer_waits.fail(why)]
    if producer is None or not producer.children:
        consumer_waits.fail(_("the program never forked a consumer."))
        not_reached([producer_waits], _("a consumer process"))
        return [consumer_waits, producer_waits]
    consumer = producer.children[0]
    mine, theirs = _semops(consumer), _semops(producer)
    for who, check, own, other, name in (
            ("consumer", consumer_waits, mine, theirs, "FULL"),
            ("producer", producer_waits, theirs, mine, "EMPTY")):
        raised_by_self = {num for num, op, _call in own if op > 0}
        raised_by_other = {num for num, op, _call in other if op > 0}
        waited = {num for num, op, _call in own if op < 0}
        if not waited & (raised_by_other - raised_by_self):
            first = next((c for _num, op, c in own if op < 0), None)
            why = _("the consumer waits (semop -1) only on semaphore(s) {waited}, which it raises "
                    "itself: nothing makes it wait for the other side. It needs a P on {name}, "
                    "which only the producer raises (V) once per item.") if who == "consumer" \
                else _("the producer waits (semop -1) only on semaphore(s) {waited}, which it "
                       "raises itself: nothing makes it wait for the other side. It needs a P on "
                       "{name}, which only the consumer raises (V) once per item.")
            check.fail(why.format(waited=sorted(waited) or _("none"), name=name), first)
    return [consumer_waits, producer_waits]


def removed(runs) -> Check:
    check = Check(_("the shared memory segment and the semaphore set are removed (IPC_RMID)"))
    if not any(run.ipc_made for run in runs):
        not_reached([check], _("a segment and a semaphore set"))
    for run in runs:
        if run.ipc_left and not run.timed_out:  # a killed program cannot clean up
            kinds = sorted({k for k, _ident in run.ipc_left})      # msgget, semget, shmget
            kinds = [_("segment") if k == "shmget" else _("semaphore set") if k == "semget"
                     else _("queue") for k in kinds[::-1]]
            objects = kinds[0] if len(kinds) == 1 else \
                _("{first} and {last}").format(first=", ".join(kinds[:-1]), last=kinds[-1])
            check.fail(_("after {command} ended, its {objects} still existed (ipcs lists them). "
                         "System V objects outlive their processes: remove them with shmctl(id, "
                         "IPC_RMID, NULL) and semctl(id, 0, IPC_RMID). (The grader removed them "
                         "for you.)").format(command=f"`./prodcons {run.args[1]}`",
                                             objects=objects), once="left")
    return check
