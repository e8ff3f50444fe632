/* driver.c -- calls your my_system() the way the grader needs; do not edit
 * (the grader compiles its own copy).
 *
 *   ./system_driver status     three commands, and the raw statuses
 *   ./system_driver signals    a command that signals its caller, and then
 *                              whether the caller's signal state came back
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "my_system.h"

static volatile sig_atomic_t caught[NSIG];

static void count(int sig)
{
    caught[sig]++;
}

static int handler_is(int sig, void (*handler)(int))
{
    struct sigaction now;
    sigaction(sig, NULL, &now);
    return now.sa_handler == handler;
}

int main(int argc, char *argv[])
{
    setvbuf(stdout, NULL, _IONBF, 0);   /* nothing buffered is copied by fork */
    if (argc == 2 && strcmp(argv[1], "status") == 0) {
        printf("exit3=%d\n", my_system("exit 3"));
        printf("term=%d\n", my_system("kill -TERM $$"));
        printf("echo=%d\n", my_system("echo hello from the child"));
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "noshell") == 0) {
        printf("noshell=%d\n", my_system("exit 0"));
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "signals") == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = count;
        sa.sa_flags = SA_RESTART;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGQUIT, &sa, NULL);
        sigaction(SIGCHLD, &sa, NULL);
        int status = my_system("kill -INT $PPID; kill -QUIT $PPID; "
                               "grep '^SigIgn' /proc/$$/status");
        printf("status=%d\n", status);
        printf("caught INT=%d QUIT=%d\n", caught[SIGINT], caught[SIGQUIT]);
        sigset_t mask;
        sigprocmask(SIG_BLOCK, NULL, &mask);
        printf("restored INT=%s QUIT=%s CHLD=%s\n",
               handler_is(SIGINT, count) ? "yes" : "no",
               handler_is(SIGQUIT, count) ? "yes" : "no",
               sigismember(&mask, SIGCHLD) ? "blocked" : "yes");
        return 0;
    }
    fprintf(stderr, "usage: %s status|signals|noshell\n", argv[0]);
    return 2;
}
