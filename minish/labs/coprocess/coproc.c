/* coproc.c -- run ./add2 as a coprocess: a child whose stdin *and* stdout
 * are pipes to us.
 *
 *     printf '1 2\n30 40\n' | ./coproc        prints 3 and 70
 *
 * 1. Make two pipes: one to the coprocess (we write, add2 reads it as its
 *    stdin) and one from it (add2 writes its stdout there, we read).
 * 2. Fork; the child dup2s the right ends onto fd 0 and fd 1, closes all
 *    four pipe fds, and execs ./add2.  The parent closes the child's ends.
 * 3. For each line read from our stdin: write it to the coprocess, read
 *    the answer, print it.  One line at a time: a pipe holds only 64 KiB,
 *    so writing everything first and reading afterwards can deadlock.
 *    If you use stdio on a pipe, it is fully buffered: fflush after each
 *    line, or the request never leaves your buffer.
 * 4. At end of input, close the pipe to add2 (it then sees end of file and
 *    exits) and wait for it.
 *
 * Test by hand:   make && printf '1 2\n30 40\n' | ./coproc
 * Grade:          minish lab check
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    /* Your code here: pipe, fork, dup2, close, execl, write, read, waitpid. */
    return 1;
}
