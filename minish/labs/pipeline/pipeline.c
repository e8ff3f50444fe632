/* pipeline.c -- run CMD1 | CMD2, as a shell does.
 *
 *     ./pipeline CMD1 CMD2        for example:  ./pipeline ls wc
 *
 * CMD1 and CMD2 are program names with no arguments, found on PATH
 * (execlp(3)).  The program makes one pipe and two children: the first
 * runs CMD1 with its stdout on the pipe, the second runs CMD2 with its
 * stdin on the pipe.  Then it waits for both children and exits with
 * CMD2's exit status (or 128+N if CMD2 was killed by signal N), as sh does.
 *
 * A reader sees end of file only when *every* write end of the pipe is
 * closed, in every process.
 *
 * Test by hand:   make && ./pipeline ls wc && ./pipeline yes head
 * Grade:          minish lab check
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CMD1 CMD2\n", argv[0]);
        return 2;
    }
    /* Your code here: pipe, fork, dup2, close, execlp, waitpid. */
    return 1;
}
