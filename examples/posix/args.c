/* args: print the arguments and a few environment variables, the first
 * program of every Unix course. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    printf("argc = %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d] = \"%s\"\n", i, argv[i]);
    const char *names[] = {"GREETING", "UNSET_VARIABLE"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = getenv(names[i]);
        printf("%s %s\n", names[i], v ? v : "(unset)");
    }
    return argc > 1 ? 0 : 1;
}
