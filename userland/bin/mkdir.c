/* mkdir [-p] [-v] [-m MODE] DIR...: make directories. */
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

typedef struct MkdirOpts {
    bool parents, verbose;
    uint32_t mode;
} MkdirOpts;

static SyscallError make_one(const char *path, const MkdirOpts *o)
{
    SyscallResult r = sys_mkdir(path, o->mode);
    if (r.error == AX_OK && o->verbose)
        u_printf("mkdir: created directory '%s'\n", path);
    return r.error;
}

/* -p: make each missing ancestor, and accept directories that exist. */
static SyscallError make_parents(const char *path, const MkdirOpts *o)
{
    char *buf = xstrdup(path);
    SyscallError err = AX_OK;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = '\0';
        FileStat st;
        if (sys_stat(buf, &st).error != AX_OK) {
            err = make_one(buf, o);
            if (err != AX_OK && err != AX_EEXIST)
                break;
        }
        *p = '/';
        err = AX_OK;
    }
    if (err == AX_OK) {
        err = make_one(path, o);
        FileStat st;
        if (err == AX_EEXIST && sys_stat(path, &st).error == AX_OK && AX_S_ISDIR(st.mode))
            err = AX_OK;
    }
    xfree(buf);
    return err;
}

int mkdir_main(int argc, char **argv)
{
    MkdirOpts o = {false, false, 0755};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "pvm:")) != -1) {
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
        SyscallError err = o.parents ? make_parents(argv[i], &o) : make_one(argv[i], &o);
        if (err != AX_OK) {
            u_eprintf("mkdir: cannot create directory '%s': %s\n", argv[i], sys_strerror(err));
            status = 1;
        }
    }
    return status;
}
