/* Reference: APUE's coprocess driver, with read/write on the pipes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int to[2], from[2];
    char line[256], answer[256];
    pid_t pid;

    if (pipe(to) < 0 || pipe(from) < 0) {
        perror("pipe");
        return 1;
    }
    if ((pid = fork()) < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        dup2(to[0], STDIN_FILENO);
        dup2(from[1], STDOUT_FILENO);
        close(to[0]);
        close(to[1]);
        close(from[0]);
        close(from[1]);
        execl("./add2", "add2", (char *)0);
        perror("./add2");
        _exit(127);
    }
    close(to[0]);
    close(from[1]);
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t n = strlen(line);
        if (write(to[1], line, n) != (ssize_t)n) {
            perror("write");
            return 1;
        }
        ssize_t got = read(from[0], answer, sizeof answer - 1);
        if (got <= 0) {
            fprintf(stderr, "coprocess closed its pipe\n");
            return 1;
        }
        answer[got] = '\0';
        fputs(answer, stdout);
    }
    close(to[1]);
    close(from[0]);
    waitpid(pid, NULL, 0);
    return 0;
}
