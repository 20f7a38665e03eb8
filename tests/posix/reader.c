/* Blocks reading stdin, then prints what it read (the loader's tests
 * replace or kill it meanwhile). */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    char buf[64];
    ssize_t n = read(0, buf, sizeof buf);
    printf("reader got %zd bytes\n", n);
    return 0;
}
