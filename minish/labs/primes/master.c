/* master.c -- find the primes in an interval with two worker processes.
 *
 *     ./master LOW HIGH          for example:  ./master 1000 2000
 *
 * The worker program is given (worker.c): `./worker A B` writes every
 * prime in [A, B] on its stdout, each as a 4-byte int.
 *
 * The master:
 *   1. makes two pipes, one per worker, before it forks;
 *   2. splits the interval in two halves, [LOW, MID] and [MID+1, HIGH] with
 *      MID = (LOW + HIGH) / 2, and forks two children; each one makes its
 *      pipe's write end its stdout, closes every pipe fd it does not need,
 *      and execs ./worker with its half as argv;
 *   3. reads the ints from the workers and prints them, one per line, in
 *      increasing order (printf("%d\n", n));
 *   4. waits for both workers.
 *
 * read(2) on a pipe returns 0 (end of file) only when no process at all
 * still holds its write end -- the master included.
 *
 * Test by hand:   make && ./master 1000 1100
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
        fprintf(stderr, "usage: %s LOW HIGH\n", argv[0]);
        return 2;
    }
    /* Your code here: pipe, fork, dup2, close, execl, read, waitpid. */
    return 1;
}
