"""mmap_demo: shared memory with mmap(2), anonymous and of a file.

    mmap_demo anon        MAP_SHARED|MAP_ANONYMOUS vs MAP_PRIVATE across a fork
    mmap_demo file FILE   map FILE MAP_SHARED, change it in memory, msync

An anonymous MAP_SHARED mapping made before fork(2) is the same memory in
parent and child: what the child writes, the parent reads, with no system
call.  MAP_PRIVATE is copy-on-write: the child's write gives it a copy of
its own, and the parent never sees it.  A MAP_SHARED mapping of a file
*is* the file's page cache: writing to memory changes the file.
"""
import mmap
import os
import sys

from minish.i18n import _, strerror

SIZE = 4096


def anon() -> None:
    for kind, flag in (("MAP_SHARED", mmap.MAP_SHARED), ("MAP_PRIVATE", mmap.MAP_PRIVATE)):
        area = mmap.mmap(-1, SIZE, flags=flag | mmap.MAP_ANONYMOUS)
        area[:6] = b"parent"
        pid = os.fork()
        if pid == 0:
            area[:6] = b"child!"                # the child writes to "the same" memory
            os._exit(0)
        os.waitpid(pid, 0)
        print(f"{kind:<12} " + _("the child wrote {written}; then the parent reads {read}")
              .format(written=repr("child!"), read=repr(area[:6].decode())))
        area.close()


def file(path: str) -> int:
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as e:
        print(f"mmap_demo: {path}: {strerror(e.errno)}", file=sys.stderr)
        return 1
    size = os.fstat(fd).st_size
    if size == 0:
        print(f"mmap_demo: {path}: " + _("empty: nothing to map"), file=sys.stderr)
        return 1
    area = mmap.mmap(fd, size, flags=mmap.MAP_SHARED)
    os.close(fd)                                # the mapping keeps the file
    area[:] = area[:].upper()                   # no write(2): only memory
    area.flush()                                # msync(2)
    area.close()
    print(_("mapped {file} ({size} bytes) MAP_SHARED, upper-cased it in memory, msync").format(
        file=path, size=size))
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["anon"]:
        anon()
        return 0
    if len(argv) == 2 and argv[0] == "file":
        return file(argv[1])
    print(_("usage: {synopsis}").format(synopsis="mmap_demo anon | file FILE"), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
