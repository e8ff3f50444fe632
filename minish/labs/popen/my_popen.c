/* my_popen.c -- write my_popen() and my_pclose() with the contract of popen(3).
 *
 * my_popen(cmd, "r") runs `/bin/sh -c cmd` with its stdout on a pipe and
 * returns a stream that reads from that pipe; with "w", the command's stdin
 * is the pipe and the stream writes to it.  Any other type: return NULL
 * with errno = EINVAL.
 *
 * my_pclose(fp) closes the stream, waits for *that* command's shell with
 * waitpid, and returns its raw wait status (-1 if fp did not come from
 * my_popen).
 *
 * A child made by my_popen must close the streams of every earlier
 * my_popen that is still open: otherwise it keeps a copy of their pipe
 * ends, and a command reading from one of them never sees end of file.
 * (Keep, for example, an array of child pids indexed by the stream's fd.)
 *
 * Test by hand:   make && ./popen_driver read && ./popen_driver two
 * Grade:          minish lab check
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "my_popen.h"

FILE *my_popen(const char *cmdstring, const char *type)
{
    (void)cmdstring;
    (void)type;
    /* Your code here: pipe, fork, dup2, close, execl, fdopen. */
    errno = ENOSYS;
    return NULL;
}

int my_pclose(FILE *fp)
{
    (void)fp;
    /* Your code here: fclose, waitpid. */
    return -1;
}
