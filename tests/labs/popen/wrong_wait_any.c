/* Classic mistake: my_pclose waits for any child (wait), not for its own command. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "my_popen.h"

static pid_t *childpid = NULL;  /* childpid[fd]: the pid of the command on fd */
static long maxfd;

FILE *my_popen(const char *cmdstring, const char *type)
{
    int pfd[2];
    pid_t pid;
    FILE *fp;

    if ((type[0] != 'r' && type[0] != 'w') || type[1] != 0) {
        errno = EINVAL;
        return NULL;
    }
    if (childpid == NULL) {
        maxfd = sysconf(_SC_OPEN_MAX);
        if ((childpid = calloc(maxfd, sizeof(pid_t))) == NULL)
            return NULL;
    }
    if (pipe(pfd) < 0)
        return NULL;
    if ((pid = fork()) < 0) {
        close(pfd[0]);
        close(pfd[1]);
        return NULL;
    }
    if (pid == 0) {
        if (*type == 'r') {
            close(pfd[0]);
            if (pfd[1] != STDOUT_FILENO) {
                dup2(pfd[1], STDOUT_FILENO);
                close(pfd[1]);
            }
        } else {
            close(pfd[1]);
            if (pfd[0] != STDIN_FILENO) {
                dup2(pfd[0], STDIN_FILENO);
                close(pfd[0]);
            }
        }
        for (long i = 0; i < maxfd; i++)   /* the streams of earlier popens */
            if (childpid[i] > 0)
                close(i);
        execl("/bin/sh", "sh", "-c", cmdstring, (char *)0);
        _exit(127);
    }
    if (*type == 'r') {
        close(pfd[1]);
        fp = fdopen(pfd[0], type);
    } else {
        close(pfd[0]);
        fp = fdopen(pfd[1], type);
    }
    if (fp == NULL)
        return NULL;
    childpid[fileno(fp)] = pid;
    return fp;
}

int my_pclose(FILE *fp)
{
    int fd, stat;
    pid_t pid;

    if (childpid == NULL) {
        errno = EINVAL;
        return -1;
    }
    fd = fileno(fp);
    if (fd < 0 || fd >= maxfd || (pid = childpid[fd]) == 0) {
        errno = EINVAL;
        return -1;
    }
    childpid[fd] = 0;
    if (fclose(fp) == EOF)
        return -1;
    (void)pid;
    while (wait(&stat) < 0)
        if (errno != EINTR)
            return -1;
    return stat;
}
