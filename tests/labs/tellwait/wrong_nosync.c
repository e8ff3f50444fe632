/* Classic mistake: the pipes are made, but WAIT_PARENT and WAIT_CHILD do not wait. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tellwait.h"

static int pfd1[2], pfd2[2];    /* pfd1: parent -> child, pfd2: child -> parent */

void TELL_WAIT(void)
{
    if (pipe(pfd1) < 0 || pipe(pfd2) < 0) {
        perror("pipe");
        exit(1);
    }
}

void TELL_PARENT(pid_t pid)
{
    (void)pid;
    if (write(pfd2[1], "c", 1) != 1) {
        perror("write");
        exit(1);
    }
}

void WAIT_PARENT(void)
{
}

void TELL_CHILD(pid_t pid)
{
    (void)pid;
    if (write(pfd1[1], "p", 1) != 1) {
        perror("write");
        exit(1);
    }
}

void WAIT_CHILD(void)
{
}
