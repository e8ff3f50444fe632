"""pipe_atomic: PIPE_BUF is about atomicity; 64 KiB is the capacity.

Two different numbers that are easy to mix up (pipe(7)):
- the capacity: how much a pipe holds before write(2) blocks -- 65536
  bytes by default on Linux (F_GETPIPE_SZ); found here by filling a pipe
  with O_NONBLOCK until EAGAIN;
- PIPE_BUF (4096 on Linux): a write of at most PIPE_BUF bytes is atomic --
  it never mixes with another writer's write.  Bigger writes may be split
  and interleaved with other writers' data.
It also shows EPIPE: a write with no reader left (Python ignores SIGPIPE,
so the write fails with EPIPE instead of the process being killed).
"""
import errno
import fcntl
import os
import select

from minish.i18n import _, strerror

WRITERS, RECORDS = 4, 200


def capacity() -> int:
    r, w = os.pipe()
    os.set_blocking(w, False)
    total = 0
    try:
        while True:
            total += os.write(w, b"x" * 1024)
    except BlockingIOError:
        pass
    size = fcntl.fcntl(w, 1032)                # F_GETPIPE_SZ
    os.close(r)
    os.close(w)
    print(_("capacity: {total} bytes went in before write failed with EAGAIN "
            "(F_GETPIPE_SZ says {size})").format(total=total, size=size))
    return total


def mixed_records(size: int, records: int = RECORDS) -> tuple[int, int]:
    """WRITERS children write RECORDS records of `size` bytes each, all of one
    letter, into one pipe; count the records that arrive not whole."""
    r, w = os.pipe()
    pids = []
    for k in range(WRITERS):
        pid = os.fork()
        if pid == 0:
            os.close(r)
            record = bytes([ord("a") + k]) * size
            for _ in range(records):
                os.write(w, record)            # one write(2) per record
            os._exit(0)
        pids.append(pid)
    os.close(w)
    data = bytearray()
    while chunk := os.read(r, 4096):           # a slow reader keeps the pipe full
        data += chunk
    os.close(r)
    for pid in pids:
        os.waitpid(pid, 0)
    records = [bytes(data[i:i + size]) for i in range(0, len(data), size)]
    broken = sum(1 for rec in records if rec.count(rec[:1]) != size)
    return len(records), broken


def epipe() -> None:
    r, w = os.pipe()
    os.close(r)                                # no reader any more
    try:
        os.write(w, b"x")
    except OSError as e:
        print(f"write() = -1 {errno.errorcode[e.errno]} ({strerror(e.errno)})  -- " + _(
            "no reader left; without Python's SIG_IGN, SIGPIPE would have killed us"))
    os.close(w)


def main() -> int:
    full = capacity()
    pipe_buf = select.PIPE_BUF                  # <limits.h>; fpathconf(_PC_PIPE_BUF)
    print(f"PIPE_BUF: {pipe_buf} bytes")        # bytes: the same word in es and pt
    for size, records in ((pipe_buf, RECORDS), (4 * full, 10)):
        count, broken = mixed_records(size, records)
        print(_("{writers} writers x {records} writes of {size} bytes: {broken} of {count} "
                "records arrived mixed").format(writers=WRITERS, records=records, size=size,
                                                broken=broken, count=count))
    epipe()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
