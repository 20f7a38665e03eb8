/* The axos REPL: interim, it boots a kernel and says so (issue 6 brings
 * the shell, line editing and the console bridge). */
#include <stdio.h>
#include <string.h>

#include "axos.h"

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("axos %s\n", AX_VERSION_STRING);
        return 0;
    }
    Kernel *k = kernel_create(NULL);
    if (!k) {
        fprintf(stderr, "axos: cannot create a kernel\n");
        return 1;
    }
    printf("axos %s: kernel booted; the shell arrives with the next release.\n",
           AX_VERSION_STRING);
    kernel_destroy(k);
    return 0;
}
