/* printenv [OPTION]... [VARIABLE]...: print the environment, or the
 * values of the VARIABLEs. Exit status 1 when one of them is not set. */
#include <string.h>

#include "ulib.h"

int printenv_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {{"null", U_NO_ARG, '0'}, {NULL, 0, 0}};
    char end = '\n';
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "0", longopts)) != -1) {
        if (c != '0')
            return 2; /* GNU: 2 for a usage error */
        end = '\0';
    }
    if (g.ind == argc) {
        char *e;
        for (size_t i = 0; (e = u_environ(i)) != NULL; i++) {
            u_printf("%s%c", e, end);
            xfree(e);
        }
        return 0;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++) {
        char *v = strchr(argv[i], '=') ? NULL : u_getenv(argv[i]);
        if (!v) {
            status = 1;
            continue;
        }
        u_printf("%s%c", v, end);
        xfree(v);
    }
    return status;
}
