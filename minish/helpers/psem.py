"""psem: POSIX named semaphores, one call per command (sem_overview(7)).

    psem open NAME VALUE   sem_open(NAME, O_CREAT, 0600, VALUE), then sem_close
    psem wait NAME         sem_wait: take one, or block until there is one
    psem post NAME         sem_post: give one back, waking a waiter
    psem value NAME        sem_getvalue
    psem unlink NAME       sem_unlink: the name goes; the semaphore lives on
                           while a process still has it open

A named semaphore is a small file in /dev/shm (sem.NAME without the
slash), mapped into each process that opens it: sem_wait and sem_post
change it in memory with atomic instructions, and go into the kernel
(futex(2)) only to sleep or to wake a sleeper.  So it persists like a
file in a RAM file system: until sem_unlink or a reboot.

Called through ctypes, from the C library itself.  teach/checks.py uses
`value` for its `posix sem NAME value N` check.
"""
import ctypes
import os
import sys

from minish.i18n import _, strerror

O_CREAT = os.O_CREAT
_libc = ctypes.CDLL(None, use_errno=True)
_libc.sem_open.restype = ctypes.c_void_p
_libc.sem_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_uint, ctypes.c_uint]
SEM_FAILED = ctypes.c_void_p(0).value          # (void *) 0 on glibc


def _check(result, call: str):
    if result in (-1, None, SEM_FAILED):
        e = ctypes.get_errno()
        raise OSError(e, f"{call}: {strerror(e)}")
    return result


def sem_open(name: str, create: bool = False, value: int = 0) -> int:
    flags = O_CREAT if create else 0
    return _check(_libc.sem_open(name.encode(), flags, 0o600, value), "sem_open")


def value(name: str) -> int:
    """sem_getvalue of the semaphore called `name` (OSError if there is none)."""
    sem = sem_open(name)
    try:
        out = ctypes.c_int()
        _check(_libc.sem_getvalue(ctypes.c_void_p(sem), ctypes.byref(out)), "sem_getvalue")
        return out.value
    finally:
        _libc.sem_close(ctypes.c_void_p(sem))


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("open", "wait", "post", "value", "unlink"):
        print(_("usage: {synopsis}").format(
            synopsis="psem open NAME VALUE | wait|post|value|unlink NAME"), file=sys.stderr)
        return 2
    what, name = argv[0], argv[1]
    try:
        if what == "unlink":
            _check(_libc.sem_unlink(name.encode()), "sem_unlink")
            print(f"sem_unlink({name}) = 0")
        elif what == "value":
            print(_("{name}: value {value}").format(name=name, value=value(name)))
        else:
            sem = ctypes.c_void_p(sem_open(name, what == "open",
                                           int(argv[2]) if len(argv) > 2 else 0))
            if what == "wait":
                _check(_libc.sem_wait(sem), "sem_wait")
            elif what == "post":
                _check(_libc.sem_post(sem), "sem_post")
            _libc.sem_close(sem)
            print(f"sem_{what}({name}) = 0", flush=True)
    except OSError as e:
        print(f"psem: {e.strerror}", file=sys.stderr)
        return 1
    except ValueError:
        print("psem: " + _("{word}: not a number").format(word=argv[2]), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
