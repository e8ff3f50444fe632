/* wait_alarm.c -- wait for an alarm without losing it.
 *
 * wait_alarm(n) sets an alarm for n seconds with alarm(2) and returns once
 * SIGALRM has been delivered.
 *
 * The obvious version has a race:
 *
 *     signal(SIGALRM, handler);  alarm(n);  pause();
 *
 * If SIGALRM arrives after alarm() but before pause() starts (a busy
 * machine can take n seconds to get there), the handler runs then, and
 * pause() waits for a signal that has already come: for ever.
 *
 * Close the window: block SIGALRM *before* alarm(), then wait with
 * sigsuspend(2), which unblocks it and waits as one atomic step.
 *
 * When wait_alarm returns, the caller's signal mask and its action for
 * SIGALRM must be as they were before the call.
 *
 * Test by hand:   make && ./alarm_driver real
 * Grade:          minish lab check
 */
#include <signal.h>
#include <unistd.h>

#include "wait_alarm.h"

void wait_alarm(unsigned int seconds)
{
    (void)seconds;
    /* Your code here: sigaction, sigprocmask, alarm, sigsuspend. */
}
