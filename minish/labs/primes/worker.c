/* worker.c -- given: ./worker LOW HIGH writes every prime in [LOW, HIGH] on
 * its stdout, in increasing order, each as a 4-byte int (not as text).
 * Do not edit; the grader compiles its own copy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int is_prime(int n)
{
    if (n < 2)
        return 0;
    for (int k = 2; k * k <= n; k++)
        if (n % k == 0)
            return 0;
    return 1;
}

int main(int argc, char *argv[])
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s LOW HIGH\n", argv[0]);
        return 2;
    }
    int low = atoi(argv[1]), high = atoi(argv[2]);
    for (int n = low; n <= high; n++)
        if (is_prime(n) && write(STDOUT_FILENO, &n, sizeof n) != sizeof n)
            return 1;
    return 0;
}
