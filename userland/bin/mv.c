/* mv [-finuvT] [-t DIR] SOURCE DEST / SOURCE... DIRECTORY: rename files
 * and directories (one filesystem holds them all, so it is always a
 * rename). -i asks before overwriting, -n never overwrites, -u only
 * replaces older files. */
#include "ulib.h"

typedef struct MvOpts {
    bool no_clobber, verbose, interactive, update;
} MvOpts;

static int move_one(const char *src, const char *dst, void *ctx)
{
    const MvOpts *o = ctx;
    FileStat sst, dst_st;
    SyscallResult s = sys_stat(src, &sst);
    if (s.error != AX_OK) {
        u_eprintf("mv: cannot stat '%s': %s\n", src, sys_strerror(s.error));
        return 1;
    }
    if (sys_stat(dst, &dst_st).error == AX_OK) {
        if (dst_st.dev == sst.dev && dst_st.ino == sst.ino) {
            u_eprintf("mv: '%s' and '%s' are the same file\n", src, dst);
            return 1;
        }
        if (o->no_clobber)
            return 0;
        if (o->update && (int64_t)dst_st.mtime_ns >= (int64_t)sst.mtime_ns)
            return 0;
        if (o->interactive) {
            u_eprintf("mv: overwrite '%s'? ", dst);
            if (!u_yes())
                return 0;
        }
    }
    SyscallResult r = sys_rename(src, dst);
    if (r.error == AX_EINVAL) {
        u_eprintf("mv: cannot move '%s' to a subdirectory of itself, '%s'\n", src, dst);
        return 1;
    }
    if (r.error == AX_EISDIR || r.error == AX_ENOTDIR) {
        u_eprintf("mv: cannot overwrite %s'%s' with %s'%s'\n",
                  r.error == AX_EISDIR ? "directory " : "non-directory ", dst,
                  r.error == AX_EISDIR ? "non-directory " : "directory ", src);
        return 1;
    }
    if (r.error != AX_OK) {
        u_eprintf("mv: cannot move '%s' to '%s': %s\n", src, dst, sys_strerror(r.error));
        return 1;
    }
    if (o->verbose)
        u_printf("renamed '%s' -> '%s'\n", src, dst);
    return 0;
}

static const ULongOpt mv_longopts[] = {
    {"force", U_NO_ARG, 'f'},       {"interactive", U_NO_ARG, 'i'},
    {"no-clobber", U_NO_ARG, 'n'},  {"update", U_NO_ARG, 'u'},
    {"verbose", U_NO_ARG, 'v'},     {"target-directory", U_REQ_ARG, 't'},
    {"no-target-directory", U_NO_ARG, 'T'},
    {NULL, 0, 0},
};

int mv_main(int argc, char **argv)
{
    MvOpts o = {0};
    UGetopt g = U_GETOPT_INIT;
    const char *target_dir = NULL;
    bool no_target_dir = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "finuvt:T", mv_longopts)) != -1) {
        switch (c) {
        case 'f': o.no_clobber = o.interactive = false; break;
        case 'i': o.interactive = true; o.no_clobber = false; break;
        case 'n': o.no_clobber = true; o.interactive = false; break;
        case 'u': o.update = true; break;
        case 'v': o.verbose = true; break;
        case 't': target_dir = g.arg; break;
        case 'T': no_target_dir = true; break;
        default: return 1;
        }
    }
    return u_each_target("mv", argc, argv, g.ind, target_dir, no_target_dir, move_one, &o);
}
