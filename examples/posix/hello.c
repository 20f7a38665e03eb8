/* hello: the program of the axos-cc example (examples/ci.sh):
 *   axos-cc hello.c -o hello.so && axos --program hello.so -c 'hello world' */
#include <stdio.h>

int main(int argc, char **argv) {
    printf("hello, %s\n", argc > 1 ? argv[1] : "axos");
    return 0;
}
