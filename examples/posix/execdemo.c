/* execdemo: replace this program with another (execvp): what it printed
 * before must be flushed, and nothing after exec runs unless it fails.
 * Usage: execdemo PROGRAM [ARG...] */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: execdemo PROGRAM [ARG...]\n");
        return 2;
    }
    printf("about to exec %s\n", argv[1]);
    fflush(stdout);
    execvp(argv[1], argv + 1);
    perror("execdemo: execvp");
    return 127;
}
