/* basename NAME [SUFFIX] / basename -a [-s SUFFIX] NAME...: strip the
 * directory part (and a suffix) of each name. */
#include <string.h>

#include "ulib.h"

static void put_base(const char *name, const char *suffix, char eol)
{
    size_t len = strlen(name);
    while (len > 1 && name[len - 1] == '/')
        len--;
    size_t start = len;
    while (start > 0 && name[start - 1] != '/')
        start--;
    if (len == 1 && name[0] == '/')
        start = 0; /* "/" and "///" give "/" */
    size_t n = len - start;
    size_t sl = suffix ? strlen(suffix) : 0;
    if (sl && sl < n && memcmp(name + start + n - sl, suffix, sl) == 0)
        n -= sl;
    u_fwrite(name + start, n, u_stdout());
    u_putc(eol, u_stdout());
}

int basename_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    bool multiple = false;
    const char *suffix = NULL;
    char eol = '\n';
    static const ULongOpt longopts[] = {
        {"multiple", U_NO_ARG, 'a'}, {"suffix", U_REQ_ARG, 's'}, {"zero", U_NO_ARG, 'z'},
        {NULL, 0, 0},
    };
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "as:z", longopts)) != -1) {
        switch (c) {
        case 'a': multiple = true; break;
        case 's': suffix = g.arg; multiple = true; break;
        case 'z': eol = '\0'; break;
        default: return 1;
        }
    }
    int n = argc - g.ind;
    if (n < 1) {
        u_usage_error(argv[0], "missing operand");
        return 1;
    }
    if (!multiple) {
        if (n > 2) {
            u_usage_error(argv[0], "extra operand '%s'", argv[g.ind + 2]);
            return 1;
        }
        put_base(argv[g.ind], n == 2 ? argv[g.ind + 1] : NULL, eol);
        return 0;
    }
    for (int i = g.ind; i < argc; i++)
        put_base(argv[i], suffix, eol);
    return 0;
}
