"""fifo_server: a server reading requests from one well-known FIFO, answering
each client on a FIFO of its own (named after the client's pid).

    python -m minish.helpers.fifo_server DIR N   run a server and N clients

A request is one line "PID NUMBER", sent in one write(2) -- shorter than
PIPE_BUF, so requests from clients writing at the same time never mix
(pipe(7): writes of <= PIPE_BUF bytes are atomic).  The clients run
concurrently, and the server checks that every line it read is whole.
The server keeps a write descriptor of its own on the FIFO, so that it
does not see end-of-file between clients.
"""
import os
import sys

from minish.i18n import _


def server(well_known: str, count: int) -> None:
    requests = open(well_known, "r")               # blocks until a client opens it
    # Also open it for writing, and never write: otherwise each time the last
    # client closes its end, our reads would return end-of-file.
    keep_open = os.open(well_known, os.O_WRONLY)
    whole = 0
    for _request in range(count):
        line = requests.readline()
        pid, number = line.split()
        whole += line.endswith("\n") and pid.isdigit() and number.isdigit()
        reply = os.path.join(os.path.dirname(well_known), f"client.{pid}")
        with open(reply, "w") as out:
            out.write(f"{int(number) ** 2}\n")
    os.close(keep_open)
    requests.close()
    print(_("server: {count} requests from clients writing at once, {whole} whole lines "
            "(each write of <= PIPE_BUF bytes is atomic)").format(count=count, whole=whole),
          flush=True)


def client(well_known: str, number: int) -> str:
    mine = os.path.join(os.path.dirname(well_known), f"client.{os.getpid()}")
    os.mkfifo(mine)
    fd = os.open(well_known, os.O_WRONLY)
    os.write(fd, f"{os.getpid()} {number}\n".encode())   # one write: atomic
    os.close(fd)
    with open(mine) as answer:
        result = answer.read().strip()
    os.unlink(mine)
    return result


def main() -> int:
    directory = sys.argv[1] if len(sys.argv) > 1 else "."
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    well_known = os.path.join(directory, "server.fifo")
    if not os.path.exists(well_known):
        os.mkfifo(well_known)
    pids = []
    server_pid = os.fork()
    if server_pid == 0:
        server(well_known, count)
        os._exit(0)
    for n in range(1, count + 1):
        pid = os.fork()
        if pid == 0:
            # "3^2 = 9" is one placeholder: the lesson checks it in every language
            print(_("client {pid}: asked the server, which replied {result}").format(
                pid=os.getpid(), result=f"{n}^2 = {client(well_known, n)}"), flush=True)
            os._exit(0)
        pids.append(pid)                           # all of them at once
    for pid in pids:
        os.waitpid(pid, 0)
    os.waitpid(server_pid, 0)
    os.unlink(well_known)
    return 0


if __name__ == "__main__":
    sys.exit(main())
