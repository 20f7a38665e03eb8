/* gen: write N numbered lines (a producer for the pipe examples).
 * Usage: gen N [WORD] */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 10;
    const char *word = argc > 2 ? argv[2] : "line";
    for (long i = 1; i <= n; i++)
        printf("%s %ld\n", word, i);
    return 0;
}
