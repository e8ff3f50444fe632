/* driver.c -- calls your my_popen()/my_pclose() the way the grader needs;
 * do not edit (the grader compiles its own copy).
 *
 *   ./popen_driver read     read a line from a command, then its status
 *   ./popen_driver write    write a line to a command
 *   ./popen_driver two      two commands open at once, closed in order
 *   ./popen_driver mode     a type that is neither "r" nor "w"
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "my_popen.h"

static void show(const char *file)
{
    char line[100] = "";
    FILE *f = fopen(file, "r");
    if (f != NULL) {
        if (fgets(line, sizeof line, f) == NULL)
            line[0] = '\0';
        fclose(f);
    }
    line[strcspn(line, "\n")] = '\0';
    printf("%s=%s\n", file, line);
}

int main(int argc, char *argv[])
{
    setvbuf(stdout, NULL, _IONBF, 0);   /* nothing buffered is copied by fork */
    const char *mode = argc == 2 ? argv[1] : "";
    if (strcmp(mode, "read") == 0) {
        char line[100] = "";
        FILE *fp = my_popen("echo hello; exit 3", "r");
        if (fp == NULL) {
            printf("my_popen returned NULL\n");
            return 1;
        }
        if (fgets(line, sizeof line, fp) == NULL)
            strcpy(line, "(nothing)\n");
        printf("read=%s", line);
        printf("pclose=%d\n", my_pclose(fp));
        return 0;
    }
    if (strcmp(mode, "write") == 0) {
        FILE *fp = my_popen("tr a-z A-Z", "w");
        if (fp == NULL) {
            printf("my_popen returned NULL\n");
            return 1;
        }
        fputs("shout\n", fp);
        printf("pclose=%d\n", my_pclose(fp));
        return 0;
    }
    if (strcmp(mode, "two") == 0) {
        FILE *a = my_popen("cat > a.txt", "w");
        FILE *b = my_popen("cat > b.txt", "w");
        if (a == NULL || b == NULL) {
            printf("my_popen returned NULL\n");
            return 1;
        }
        fputs("first\n", a);
        fputs("second\n", b);
        printf("pclose a=%d\n", my_pclose(a));
        show("a.txt");
        printf("pclose b=%d\n", my_pclose(b));
        show("b.txt");
        return 0;
    }
    if (strcmp(mode, "mode") == 0) {
        errno = 0;
        FILE *fp = my_popen("true", "x");
        printf("mode x: %s errno=%s\n", fp == NULL ? "NULL" : "a stream",
               errno == EINVAL ? "EINVAL" : strerror(errno));
        return 0;
    }
    fprintf(stderr, "usage: %s read|write|two|mode\n", argv[0]);
    return 2;
}
