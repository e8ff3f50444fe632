/* driver.c -- the classic race, written one character at a time; do not
 * edit (the grader compiles its own copy).
 *
 *   ./tellwait_driver parent-first   the child waits for the parent
 *   ./tellwait_driver child-first    the parent waits for the child
 *
 * Each side writes its line with one write(2) per character, so without
 * the TELL/WAIT calls the two lines come out mixed.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tellwait.h"

static void charatatime(const char *s)
{
    for (; *s; s++)
        write(STDOUT_FILENO, s, 1);
}

int main(int argc, char *argv[])
{
    int parent_first = argc == 2 && strcmp(argv[1], "parent-first") == 0;
    if (argc != 2 || (!parent_first && strcmp(argv[1], "child-first") != 0)) {
        fprintf(stderr, "usage: %s parent-first|child-first\n", argv[0]);
        return 2;
    }
    TELL_WAIT();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        if (parent_first)
            WAIT_PARENT();
        charatatime("output from the child\n");
        if (!parent_first)
            TELL_PARENT(getppid());
        _exit(0);
    }
    if (!parent_first)
        WAIT_CHILD();
    charatatime("output from the parent\n");
    if (parent_first)
        TELL_CHILD(pid);
    waitpid(pid, NULL, 0);
    return 0;
}
