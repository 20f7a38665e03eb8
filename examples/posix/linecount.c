/* linecount: count lines, words and bytes of stdin with getline. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lines = 0, words = 0, bytes = 0;
    while ((len = getline(&line, &cap, stdin)) != -1) {
        lines++;
        bytes += len;
        int in = 0;
        for (ssize_t i = 0; i < len; i++) {
            if (isspace((unsigned char)line[i]))
                in = 0;
            else if (!in) {
                in = 1;
                words++;
            }
        }
    }
    free(line);
    printf("%ld lines, %ld words, %ld bytes\n", lines, words, bytes);
    return 0;
}
