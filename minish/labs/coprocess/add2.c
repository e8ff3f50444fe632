/* add2.c -- given: the filter.  It reads lines "A B" on stdin and writes
 * "A+B" on stdout, one line per line, flushing each answer (a pipe makes
 * stdio buffer fully, so without the fflush the answer would sit in its
 * buffer and the program driving it would wait for ever).
 * Do not edit; the grader compiles its own copy.
 */
#include <stdio.h>

int main(void)
{
    char line[256];
    long a, b;
    while (fgets(line, sizeof line, stdin) != NULL) {
        if (sscanf(line, "%ld %ld", &a, &b) == 2)
            printf("%ld\n", a + b);
        else
            printf("invalid args\n");
        fflush(stdout);
    }
    return 0;
}
