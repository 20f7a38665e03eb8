/* rmdir [-pv] [--ignore-fail-on-non-empty] DIR...: remove empty
 * directories. */
#include <string.h>

#include "ulib.h"

typedef struct RmdirOpts {
    bool parents, verbose, ignore_nonempty;
} RmdirOpts;

static int remove_dir(const char *path, const RmdirOpts *o)
{
    if (o->verbose)
        u_printf("rmdir: removing directory, '%s'\n", path);
    SyscallResult r = sys_rmdir(path);
    if (r.error == AX_ENOTEMPTY && o->ignore_nonempty)
        return 1; /* stops -p, but is no failure */
    if (r.error != AX_OK) {
        u_eprintf("rmdir: failed to remove '%s': %s\n", path, sys_strerror(r.error));
        return 2;
    }
    return 0;
}

/* -p: remove DIR, then each ancestor named in it ("a/b/c", "a/b", "a"). */
static int remove_parents(const char *path, const RmdirOpts *o)
{
    char *buf = xstrdup(path);
    int status = remove_dir(buf, o);
    for (size_t len = strlen(buf); status == 0;) {
        while (len > 0 && buf[len - 1] == '/')
            len--;
        while (len > 0 && buf[len - 1] != '/')
            len--;
        while (len > 0 && buf[len - 1] == '/')
            len--;
        if (len == 0)
            break;
        buf[len] = '\0';
        status = remove_dir(buf, o);
    }
    xfree(buf);
    return status;
}

enum { OPT_IGNORE = 256 };
static const ULongOpt rmdir_longopts[] = {
    {"parents", U_NO_ARG, 'p'},
    {"verbose", U_NO_ARG, 'v'},
    {"ignore-fail-on-non-empty", U_NO_ARG, OPT_IGNORE},
    {NULL, 0, 0},
};

int rmdir_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    RmdirOpts o = {false, false, false};
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "pv", rmdir_longopts)) != -1) {
        switch (c) {
        case 'p': o.parents = true; break;
        case 'v': o.verbose = true; break;
        case OPT_IGNORE: o.ignore_nonempty = true; break;
        default: return 1;
        }
    }
    if (g.ind >= argc) {
        u_eprintf("rmdir: missing operand\nTry 'rmdir --help' for more information.\n");
        return 1;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++)
        if ((o.parents ? remove_parents(argv[i], &o) : remove_dir(argv[i], &o)) == 2)
            status = 1;
    return status;
}
