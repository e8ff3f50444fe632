/* server.c -- a server on a well-known FIFO, replying on per-client FIFOs.
 *
 *     ./server serv.fifo
 *
 * 1. Create the well-known FIFO with mkfifo(3) and open it for reading.
 *    Also keep it open for *writing* (a second open, or O_RDWR): when the
 *    last client closes its end, a FIFO with no writer at all gives read()
 *    end of file, and the server would stop listening between clients.
 * 2. Read one request at a time: exactly sizeof(struct request) bytes
 *    (fifo.h).  Requests are smaller than PIPE_BUF, so each arrives whole;
 *    but several may be waiting, so never read more than one at once.
 * 3. For each request, open the client's FIFO (REPLY_FIFO with its pid),
 *    write the word in upper case followed by "\n", and close it -- the
 *    client reads until end of file.
 * 4. On the word "STOP", remove the well-known FIFO with unlink(2) and
 *    exit with status 0.
 *
 * Test by hand:   make && ./harness 5
 * Grade:          minish lab check
 */
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
    if (argc != 2) {
        fprintf(stderr, "usage: %s FIFO\n", argv[0]);
        return 2;
    }
    /* Your code here: mkfifo, open, read, open, write, close, unlink. */
    return 1;
}
