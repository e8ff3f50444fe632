/* harness.c -- how the grader runs your server; do not edit (the grader
 * compiles its own copy).  ./harness N:
 *
 *   1. starts ./server serv.fifo, and waits until serv.fifo exists;
 *   2. once the server has opened it, stops the server (SIGSTOP), starts N clients at once, each with its
 *      own word, and waits until all N have sent their request -- so all
 *      N requests are in the FIFO together, the busiest case;
 *   3. lets the server go on (SIGCONT) and collects the N replies;
 *   4. when all are done, sends one more client, "late";
 *   5. sends STOP, waits for the server, and says whether serv.fifo and
 *      the clients' FIFOs are gone.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FIFO "serv.fifo"

static pid_t spawn(const char *prog, const char *arg1, const char *arg2, int out)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (out >= 0) {
            dup2(out, STDOUT_FILENO);
            close(out);
        }
        execl(prog, prog, arg1, arg2, (char *)0);
        perror(prog);
        _exit(127);
    }
    return pid;
}

int main(int argc, char *argv[])
{
    int n = argc == 2 ? atoi(argv[1]) : 0;
    if (n < 1 || n > 50) {
        fprintf(stderr, "usage: %s N (1-50 clients)\n", argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t server = spawn("./server", FIFO, NULL, -1);
    struct stat st;
    struct timespec tick = {0, 1000000};
    for (int i = 0; i < 3000 && stat(FIFO, &st) < 0; i++)
        nanosleep(&tick, NULL);                 /* up to 3 s for the server's mkfifo */
    if (stat(FIFO, &st) < 0 || !S_ISFIFO(st.st_mode)) {
        printf("no FIFO: the server did not create %s\n", FIFO);
        kill(server, SIGKILL);
        waitpid(server, NULL, 0);
        return 1;
    }
    /* Opening the FIFO for writing returns once the server has it open for
     * reading (fifo(7)): only then is it safe to stop it. */
    int keep = open(FIFO, O_WRONLY);
    kill(server, SIGSTOP);
    int fd[2];
    pipe(fd);
    char word[16];
    for (int i = 0; i < n; i++) {
        snprintf(word, sizeof word, "word%d", i);
        spawn("./client", FIFO, word, fd[1]);
    }
    close(fd[1]);
    FILE *from = fdopen(fd[0], "r");
    char line[256];
    int sent = 0;
    while (sent < n && fgets(line, sizeof line, from) != NULL)
        sent += strcmp(line, "sent\n") == 0;
    kill(server, SIGCONT);
    close(keep);
    while (fgets(line, sizeof line, from) != NULL)
        fputs(line, stdout);
    int status = 0, server_done = 0;
    for (int reaped = 0; reaped < n;) {          /* the clients (or an early server exit) */
        int st2;
        pid_t pid = wait(&st2);
        if (pid < 0)
            break;
        if (pid == server) {
            server_done = 1;
            status = st2;
        } else {
            reaped++;
        }
    }
    printf("clients done\n");
    pid_t late = spawn("./client", FIFO, "late", -1);   /* after a quiet moment */
    waitpid(late, NULL, 0);
    pid_t stop = spawn("./client", FIFO, "STOP", -1);
    waitpid(stop, NULL, 0);
    if (!server_done)
        waitpid(server, &status, 0);
    printf("server exit=%d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    printf("serv.fifo %s\n", stat(FIFO, &st) == 0 ? "still there" : "removed");
    return 0;
}
