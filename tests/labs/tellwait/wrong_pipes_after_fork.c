/* Classic mistake: each side makes its pipes when it first needs them, after
 * fork, so parent and child never share a pipe. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tellwait.h"

static int pfd1[2], pfd2[2];    /* pfd1: parent -> child, pfd2: child -> parent */

static void make_pipes(void)
{
    static int made;
    if (made++)
        return;
    if (pipe(pfd1) < 0 || pipe(pfd2) < 0) {
        perror("pipe");
        exit(1);
    }
}

void TELL_WAIT(void)
{
}

void TELL_PARENT(pid_t pid)
{
    (void)pid;
    make_pipes();
    if (write(pfd2[1], "c", 1) != 1) {
        perror("write");
        exit(1);
    }
}

void WAIT_PARENT(void)
{
    char c;
    make_pipes();
    if (read(pfd1[0], &c, 1) != 1) {
        perror("read");
        exit(1);
    }
}

void TELL_CHILD(pid_t pid)
{
    (void)pid;
    make_pipes();
    if (write(pfd1[1], "p", 1) != 1) {
        perror("write");
        exit(1);
    }
}

void WAIT_CHILD(void)
{
    char c;
    make_pipes();
    if (read(pfd2[0], &c, 1) != 1) {
        perror("read");
        exit(1);
    }
}
