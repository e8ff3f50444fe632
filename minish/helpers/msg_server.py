"""msg_server QUEUE-ID N: a server and N clients on ONE message queue.

The clients all send their requests with message type 1, the server's
type; each request carries the client's pid.  The server answers with the
client's pid as the message type, and each client receives only its own
type (msgrcv with type = getpid()): one queue, both directions, and no
client ever takes another's answer.  The clients run at the same time.
"""
import os
import sys

from ..i18n import _, strerror
from ..kernel import sysv

SERVER_TYPE = 1


def server(q: int, count: int) -> None:
    for _request in range(count):
        body = sysv.msgrcv(q, SERVER_TYPE)[1]
        pid, number = (int(w) for w in body.split())
        sysv.msgsnd(q, pid, str(number * number).encode())   # type: the client's pid


def client(q: int, number: int) -> str:
    me = os.getpid()
    sysv.msgsnd(q, SERVER_TYPE, f"{me} {number}".encode())
    mtype, answer = sysv.msgrcv(q, me)                        # only my own type
    # "3^2 = 9" and "mtype=PID" never change: the lesson checks them in every language
    return _("client {pid}: asked the server, which replied {result} ({mtype}: my pid)").format(
        pid=me, result=f"{number}^2 = {answer.decode()}", mtype=f"mtype={mtype}")


def main(argv: list[str]) -> int:
    try:
        q, count = int(argv[0]), int(argv[1]) if len(argv) > 1 else 3
    except (IndexError, ValueError):
        print(_("usage: {synopsis}").format(synopsis="msg_server QUEUE-ID [N]"), file=sys.stderr)
        return 2
    pids = []
    for role in ["server"] + list(range(1, count + 1)):
        pid = os.fork()
        if pid == 0:
            try:
                if role == "server":
                    server(q, count)
                else:
                    print(client(q, role), flush=True)
                os._exit(0)
            except OSError as e:
                print(f"msg_server: {strerror(e.errno)}", file=sys.stderr, flush=True)
                os._exit(1)
        pids.append(pid)
    status = 0
    for pid in pids:
        status |= os.waitpid(pid, 0)[1]
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
