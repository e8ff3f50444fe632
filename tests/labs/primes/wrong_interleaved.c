/* Classic mistake: reads one number from each worker in turn, so the
 * output is not in increasing order. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t start_worker(int fd[2][2], int which, int low, int high)
{
    char a[16], b[16];
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(1);
    }
    if (pid == 0) {
        dup2(fd[which][1], STDOUT_FILENO);
        for (int i = 0; i < 2; i++) {
            close(fd[i][0]);
            close(fd[i][1]);
        }
        snprintf(a, sizeof a, "%d", low);
        snprintf(b, sizeof b, "%d", high);
        execl("./worker", "worker", a, b, (char *)0);
        perror("./worker");
        _exit(127);
    }
    return pid;
}

int main(int argc, char *argv[])
{
    int fd[2][2], n;
    if (argc != 3) {
        fprintf(stderr, "usage: %s LOW HIGH\n", argv[0]);
        return 2;
    }
    int low = atoi(argv[1]), high = atoi(argv[2]), mid = (low + high) / 2;
    if (pipe(fd[0]) < 0 || pipe(fd[1]) < 0) {
        perror("pipe");
        return 1;
    }
    pid_t one = start_worker(fd, 0, low, mid);
    pid_t two = start_worker(fd, 1, mid + 1, high);
    close(fd[0][1]);
    close(fd[1][1]);
    for (int open_pipes = 2; open_pipes > 0;) {
        open_pipes = 0;
        for (int i = 0; i < 2; i++)
            if (read(fd[i][0], &n, sizeof n) == sizeof n) {
                printf("%d\n", n);
                open_pipes++;
            }
    }
    waitpid(one, NULL, 0);
    waitpid(two, NULL, 0);
    return 0;
}
