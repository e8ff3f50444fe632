/* client.c -- given: ./client SERVER_FIFO WORD
 *
 * Makes its reply FIFO client.PID.fifo, sends one request on the server's
 * FIFO, prints "sent" (the harness waits for that), then reads its reply
 * until end of file, prints it as "PID: REPLY" and removes its FIFO.
 * Do not edit; the grader compiles its own copy.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fifo.h"

int main(int argc, char *argv[])
{
    struct request req;
    char name[64], reply[256];
    if (argc != 3) {
        fprintf(stderr, "usage: %s SERVER_FIFO WORD\n", argv[0]);
        return 2;
    }
    memset(&req, 0, sizeof req);
    req.pid = getpid();
    snprintf(req.word, sizeof req.word, "%s", argv[2]);
    snprintf(name, sizeof name, REPLY_FIFO, (long)req.pid);
    if (strcmp(argv[2], "STOP") != 0 && mkfifo(name, 0600) < 0) {
        perror(name);
        return 1;
    }
    /* STOP must not wait for a server that has already gone: O_NONBLOCK
     * makes open fail with ENXIO when no process has the FIFO open for
     * reading (fifo(7)). */
    int stop = strcmp(argv[2], "STOP") == 0;
    int server = open(argv[1], O_WRONLY | (stop ? O_NONBLOCK : 0));
    if (server < 0 || write(server, &req, sizeof req) != sizeof req) {
        perror(argv[1]);
        return 1;
    }
    close(server);
    write(STDOUT_FILENO, "sent\n", 5);     /* one write: other clients share this pipe */
    if (stop)
        return 0;
    int fd = open(name, O_RDONLY);         /* blocks until the server opens it */
    ssize_t got, total = 0;
    while ((got = read(fd, reply + total, sizeof reply - 1 - total)) > 0)
        total += got;
    reply[total] = '\0';
    close(fd);
    unlink(name);
    char line[300];
    int len = snprintf(line, sizeof line, "%ld: %s", (long)req.pid, reply);
    write(STDOUT_FILENO, line, len);
    return 0;
}
