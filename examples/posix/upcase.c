/* upcase: copy stdin to stdout in capitals, a byte at a time through
 * stdio (a consumer for the pipe examples). */
#include <ctype.h>
#include <stdio.h>

int main(void) {
    int c;
    long n = 0;
    while ((c = getchar()) != EOF) {
        putchar(toupper(c));
        n++;
    }
    fprintf(stderr, "upcase: %ld bytes\n", n);
    return 0;
}
