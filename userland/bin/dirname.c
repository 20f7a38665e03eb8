/* dirname NAME...: strip the last component of each name. */
#include <string.h>

#include "ulib.h"

static void put_dir(const char *name)
{
    size_t len = strlen(name);
    while (len > 1 && name[len - 1] == '/')
        len--; /* trailing slashes */
    while (len > 0 && name[len - 1] != '/')
        len--; /* the last component */
    if (len == 0) {
        u_puts(".");
        return;
    }
    while (len > 1 && name[len - 1] == '/')
        len--; /* slashes before it */
    u_fwrite(name, len, u_stdout());
    u_putc('\n', u_stdout());
}

int dirname_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    if (u_getopt(&g, argc, argv, "") == '?')
        return 1;
    if (g.ind >= argc) {
        u_eprintf("dirname: missing operand\nTry 'dirname --help' for more information.\n");
        return 1;
    }
    for (int i = g.ind; i < argc; i++)
        put_dir(argv[i]);
    return 0;
}
