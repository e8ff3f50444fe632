/* What the server and its clients agree on.  Do not edit. */
#include <sys/types.h>

/* A request: exactly sizeof(struct request) == 64 bytes, written in one
 * write(2).  That is less than PIPE_BUF, so the kernel never mixes two
 * clients' requests, even when they write at the same moment. */
struct request {
    pid_t pid;          /* the client: its reply FIFO is client.PID.fifo */
    char word[60];      /* NUL-terminated; "STOP" stops the server */
};

#define REPLY_FIFO "client.%ld.fifo"    /* in the current directory */
