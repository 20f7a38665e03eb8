/* mv [-fnv] SOURCE DEST / mv [-fnv] SOURCE... DIRECTORY: rename files and
 * directories (one filesystem holds them all, so it is always a rename). */
#include "ulib.h"

typedef struct MvOpts {
    bool no_clobber, verbose;
} MvOpts;

static int move_one(const char *src, const char *dst, const MvOpts *o)
{
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

int mv_main(int argc, char **argv)
{
    MvOpts o = {false, false};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "fnv")) != -1) {
        switch (c) {
        case 'f': o.no_clobber = false; break;
        case 'n': o.no_clobber = true; break;
        case 'v': o.verbose = true; break;
        default: return 1;
        }
    }
    int n = argc - g.ind;
    if (n < 2) {
        if (n == 0)
            u_eprintf("mv: missing file operand\n");
        else
            u_eprintf("mv: missing destination file operand after '%s'\n", argv[g.ind]);
        u_eprintf("Try 'mv --help' for more information.\n");
        return 1;
    }
    const char *dest = argv[argc - 1];
    FileStat st;
    bool dest_dir = sys_stat(dest, &st).error == AX_OK && AX_S_ISDIR(st.mode);
    if (n > 2 && !dest_dir) {
        u_eprintf("mv: target '%s' is not a directory\n", dest);
        return 1;
    }
    int status = 0;
    for (int i = g.ind; i < argc - 1; i++) {
        if (!dest_dir) {
            status |= move_one(argv[i], dest, &o);
            continue;
        }
        char *base = u_path_base(argv[i]);
        char *target = u_path_join(dest, base);
        status |= move_one(argv[i], target, &o);
        xfree(target);
        xfree(base);
    }
    return status;
}
