/* Classic mistake: the well-known FIFO is opened for reading only, so read()
 * returns end of file as soon as no client has it open, and the server quits. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fifo.h"

int main(int argc, char *argv[])
{
    struct request req;
    char name[64], reply[64];

    if (argc != 2) {
        fprintf(stderr, "usage: %s FIFO\n", argv[0]);
        return 2;
    }
    if (mkfifo(argv[1], 0666) < 0 && errno != EEXIST) {
        perror(argv[1]);
        return 1;
    }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 1;
    }
    while (read(fd, &req, sizeof req) == sizeof req) {
        req.word[sizeof req.word - 1] = '\0';
        if (strcmp(req.word, "STOP") == 0)
            break;
        size_t i;
        for (i = 0; req.word[i] && i < sizeof reply - 2; i++)
            reply[i] = toupper((unsigned char)req.word[i]);
        reply[i++] = '\n';
        snprintf(name, sizeof name, REPLY_FIFO, (long)req.pid);
        int out = open(name, O_WRONLY);
        if (out < 0) {
            perror(name);
            continue;
        }
        write(out, reply, i);
        close(out);
    }
    close(fd);
    unlink(argv[1]);
    return 0;
}
