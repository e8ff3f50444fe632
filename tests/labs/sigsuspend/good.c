/* Reference: block SIGALRM, alarm, sigsuspend with it unblocked, restore. */
#include <signal.h>
#include <unistd.h>

#include "wait_alarm.h"

static void on_alarm(int sig)
{
    (void)sig;
}

void wait_alarm(unsigned int seconds)
{
    struct sigaction sa, old_action;
    sigset_t alrm, old_mask, wait_mask;

    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, &old_action);

    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, &old_mask);

    alarm(seconds);
    wait_mask = old_mask;
    sigdelset(&wait_mask, SIGALRM);
    sigsuspend(&wait_mask);

    sigaction(SIGALRM, &old_action, NULL);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
}
