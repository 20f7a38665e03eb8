/* dirname [-z] NAME...: strip the last component of each name. */
#include <string.h>

#include "ulib.h"

static void put_dir(const char *name, char eol)
{
    size_t len = strlen(name);
    while (len > 1 && name[len - 1] == '/')
        len--; /* trailing slashes */
    while (len > 0 && name[len - 1] != '/')
        len--; /* the last component */
    if (len == 0) {
        u_putc('.', u_stdout());
        u_putc(eol, u_stdout());
        return;
    }
    while (len > 1 && name[len - 1] == '/')
        len--; /* slashes before it */
    u_fwrite(name, len, u_stdout());
    u_putc(eol, u_stdout());
}

int dirname_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    static const ULongOpt longopts[] = {{"zero", U_NO_ARG, 'z'}, {NULL, 0, 0}};
    char eol = '\n';
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "z", longopts)) != -1) {
        if (c == '?')
            return 1;
        eol = '\0';
    }
    if (g.ind >= argc) {
        u_usage_error(argv[0], "missing operand");
        return 1;
    }
    for (int i = g.ind; i < argc; i++)
        put_dir(argv[i], eol);
    return 0;
}
