/* Classic mistake: fork, exec and waitpid, but no signal handling at all. */
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "my_system.h"

int my_system(const char *cmdstring)
{
    int status;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmdstring, (char *)0);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0)
        return -1;
    return status;
}
