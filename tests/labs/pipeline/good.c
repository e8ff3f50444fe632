/* Reference: one pipe, two children, every unused end closed, both reaped. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t spawn(const char *cmd, int fd[2], int end, int target)
{
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(1);
    }
    if (pid == 0) {
        if (dup2(fd[end], target) < 0)
            _exit(126);
        close(fd[0]);
        close(fd[1]);
        execlp(cmd, cmd, (char *)0);
        perror(cmd);
        _exit(127);
    }
    return pid;
}

int main(int argc, char *argv[])
{
    int fd[2], status1, status2;
    if (argc != 3) {
        fprintf(stderr, "usage: %s CMD1 CMD2\n", argv[0]);
        return 2;
    }
    if (pipe(fd) < 0) {
        perror("pipe");
        return 1;
    }
    pid_t first = spawn(argv[1], fd, 1, STDOUT_FILENO);
    pid_t second = spawn(argv[2], fd, 0, STDIN_FILENO);
    close(fd[0]);
    close(fd[1]);
    waitpid(first, &status1, 0);
    waitpid(second, &status2, 0);
    if (WIFSIGNALED(status2))
        return 128 + WTERMSIG(status2);
    return WEXITSTATUS(status2);
}
