/* A program with globals and statics, for the loader's tests: each
 * process running it must have its own. Prints its counters after
 * letting other processes run in between. Usage: globals [ROUNDS] */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

int counter;
static int initialised = 42;
static char buffer[8192];

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 3;
    for (int i = 0; i < rounds; i++) {
        counter++;
        initialised++;
        buffer[i] = 'x';
        sched_yield();
    }
    printf("counter %d initialised %d buffer %.8s\n", counter, initialised, buffer);
    return 0;
}
