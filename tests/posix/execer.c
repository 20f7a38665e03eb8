/* Execs the program named by its argument (the loader's exec test). */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2)
        return 2;
    printf("execer: exec %s\n", argv[1]);
    fflush(stdout);
    execv(argv[1], argv + 1);
    perror("execer");
    return 127;
}
