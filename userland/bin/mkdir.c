/* mkdir [-p] [-v] [-m MODE] DIR...: make directories. */
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

typedef struct MkdirOpts {
    bool parents, verbose, mode_given;
    uint32_t mode;
} MkdirOpts;

static SyscallError make_one(const char *path, const MkdirOpts *o)
{
    SyscallResult r = sys_mkdir(path, o->mode);
    /* -m sets the mode exactly, whatever the umask (GNU: a chmod after) */
    if (r.error == AX_OK && o->mode_given)
        r = sys_chmod(path, o->mode);
    if (r.error == AX_OK && o->verbose)
        u_printf("mkdir: created directory '%s'\n", path);
    return r.error;
}

static int fail(const char *path, SyscallError err)
{
    u_eprintf("mkdir: cannot create directory '%s': %s\n", path, sys_strerror(err));
    return 1;
}

/* -p: make each missing ancestor, and accept directories that exist. An
 * error names the component that failed, as GNU mkdir does. */
static int make_parents(const char *path, const MkdirOpts *o)
{
    char *buf = xstrdup(path);
    int status = 0;
    size_t len = strlen(buf);
    for (size_t i = 1; i <= len && status == 0; i++) {
        if (i < len && (buf[i] != '/' || buf[i - 1] == '/'))
            continue;
        buf[i] = '\0';
        FileStat st;
        if (sys_stat(buf, &st).error == AX_OK) {
            if (!AX_S_ISDIR(st.mode))
                status = fail(buf, i == len ? AX_EEXIST : AX_ENOTDIR);
        } else {
            SyscallError err = make_one(buf, o);
            if (err != AX_OK && err != AX_EEXIST)
                status = fail(buf, err);
        }
        buf[i] = '/';
    }
    xfree(buf);
    return status;
}

static const ULongOpt mkdir_longopts[] = {
    {"parents", U_NO_ARG, 'p'},
    {"verbose", U_NO_ARG, 'v'},
    {"mode", U_REQ_ARG, 'm'},
    {NULL, 0, 0},
};

int mkdir_main(int argc, char **argv)
{
    MkdirOpts o = {false, false, false, 0777}; /* less the umask */
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "pvm:", mkdir_longopts)) != -1) {
        switch (c) {
        case 'p': o.parents = true; break;
        case 'v': o.verbose = true; break;
        case 'm': {
            char *end;
            long m = strtol(g.arg, &end, 8);
            if (*end || m < 0 || m > 07777) {
                u_eprintf("mkdir: invalid mode '%s'\n", g.arg);
                return 1;
            }
            o.mode = (uint32_t)m;
            o.mode_given = true;
            break;
        }
        default: return 1;
        }
    }
    if (g.ind >= argc) {
        u_eprintf("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
        return 1;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++) {
        if (o.parents) {
            status |= make_parents(argv[i], &o);
            continue;
        }
        SyscallError err = make_one(argv[i], &o);
        if (err != AX_OK)
            status = fail(argv[i], err);
    }
    return status;
}
