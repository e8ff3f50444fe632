/* my_system.c -- write my_system() with the contract of system(3).
 *
 * my_system(cmd) runs `/bin/sh -c cmd` in a child process and returns the
 * child's raw wait status, as waitpid(2) filled it in (the caller decodes it
 * with WIFEXITED, WEXITSTATUS...).  If the shell cannot be run at all, the
 * status is that of a child that called _exit(127).
 *
 * While the command runs, the caller must not be disturbed:
 *   - SIGINT and SIGQUIT are ignored in the caller (the terminal sends them
 *     to the command, not to the program that asked for it);
 *   - SIGCHLD is blocked in the caller, so a SIGCHLD handler of the caller
 *     cannot reap the child before my_system does;
 *   - when the child has been reaped, all three are put back as they were.
 * The child itself starts the command with the caller's original signal
 * dispositions and mask.
 *
 * Test by hand:   make && ./system_driver status
 * Grade:          minish lab check
 */
#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "my_system.h"

int my_system(const char *cmdstring)
{
    (void)cmdstring;
    /* Your code here: sigaction, sigprocmask, fork, execl, waitpid. */
    return -1;
}
