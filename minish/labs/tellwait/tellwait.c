/* tellwait.c -- let a parent and its child take turns, with two pipes.
 *
 * TELL_WAIT() is called once before fork(): make two pipes, one for each
 * direction.  After the fork each side uses one end of each pipe:
 *
 *   TELL_CHILD(pid)   the parent writes one byte on the parent->child pipe
 *   WAIT_PARENT()     the child reads that byte (read(2) blocks until then)
 *   TELL_PARENT(pid)  the child writes one byte on the child->parent pipe
 *   WAIT_CHILD()      the parent reads it
 *
 * The pid arguments are not needed with pipes (a signal version would use
 * them with kill(2)).
 *
 * Test by hand:   make && ./tellwait_driver parent-first
 * Grade:          minish lab check
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tellwait.h"

void TELL_WAIT(void)
{
    /* Your code here: two pipes. */
}

void TELL_PARENT(pid_t pid)
{
    (void)pid;
}

void WAIT_PARENT(void)
{
}

void TELL_CHILD(pid_t pid)
{
    (void)pid;
}

void WAIT_CHILD(void)
{
}
