/* driver.c -- calls your wait_alarm() the way the grader needs; do not
 * edit (the grader compiles its own copy).
 *
 *   ./alarm_driver real     wait_alarm(1), then is the caller's state back?
 *   ./alarm_driver race     wait_alarm(10); the grader makes SIGALRM arrive
 *                           the moment alarm() returns (strace -e inject)
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wait_alarm.h"

static volatile sig_atomic_t callers_handler_ran;

static void callers_handler(int sig)
{
    (void)sig;
    callers_handler_ran++;
}

int main(int argc, char *argv[])
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc != 2 || (strcmp(argv[1], "real") != 0 && strcmp(argv[1], "race") != 0)) {
        fprintf(stderr, "usage: %s real|race\n", argv[0]);
        return 2;
    }
    /* The caller's own state, which wait_alarm must give back. */
    struct sigaction sa, now;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = callers_handler;
    sigaction(SIGALRM, &sa, NULL);
    sigset_t usr1, mask;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);

    wait_alarm(strcmp(argv[1], "race") == 0 ? 10 : 1);
    alarm(0);
    printf("returned\n");

    sigaction(SIGALRM, NULL, &now);
    sigprocmask(SIG_BLOCK, NULL, &mask);
    printf("handler=%s\n", now.sa_handler == callers_handler ? "restored" : "changed");
    printf("SIGALRM=%s\n", sigismember(&mask, SIGALRM) ? "blocked" : "unblocked");
    printf("SIGUSR1=%s\n", sigismember(&mask, SIGUSR1) ? "blocked" : "unblocked");
    return 0;
}
