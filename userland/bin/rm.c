/* rm [-rRfvd] FILE...: remove files, and directory trees with -r. */
#include <string.h>

#include "ulib.h"

typedef struct RmOpts {
    bool recursive, force, verbose, dirs;
} RmOpts;

static int fail(const char *path, SyscallError err)
{
    u_eprintf("rm: cannot remove '%s': %s\n", path, sys_strerror(err));
    return 1;
}

static int remove_path(const char *path, const RmOpts *o);

static int remove_tree(const char *path, const RmOpts *o)
{
    UDirEnt *ents;
    int64_t n = u_dir_read(path, &ents);
    if (n < 0)
        return fail(path, (SyscallError)-n);
    int status = 0;
    for (int64_t i = 0; i < n; i++) {
        char *child = u_path_join(path, ents[i].name);
        status |= remove_path(child, o);
        xfree(child);
    }
    u_dir_free(ents, (size_t)n);
    if (status)
        return status; /* the directory is not empty: its error was told */
    SyscallResult r = sys_rmdir(path);
    if (r.error != AX_OK)
        return fail(path, r.error);
    if (o->verbose)
        u_printf("removed directory '%s'\n", path);
    return 0;
}

static int remove_path(const char *path, const RmOpts *o)
{
    FileStat st;
    SyscallResult s = sys_stat(path, &st);
    if (s.error != AX_OK) {
        if (o->force && s.error == AX_ENOENT)
            return 0;
        return fail(path, s.error);
    }
    if (AX_S_ISDIR(st.mode)) {
        if (o->recursive)
            return remove_tree(path, o);
        if (!o->dirs)
            return fail(path, AX_EISDIR);
        SyscallResult r = sys_rmdir(path);
        if (r.error != AX_OK)
            return fail(path, r.error);
    } else {
        SyscallResult r = sys_unlink(path);
        if (r.error != AX_OK)
            return fail(path, r.error);
    }
    if (o->verbose)
        u_printf("removed %s'%s'\n", AX_S_ISDIR(st.mode) ? "directory " : "", path);
    return 0;
}

/* "." and ".." as the last component are refused, as POSIX requires. */
static bool is_dot_or_dotdot(const char *path)
{
    char *base = u_path_base(path);
    bool dots = strcmp(base, ".") == 0 || strcmp(base, "..") == 0;
    xfree(base);
    return dots;
}

int rm_main(int argc, char **argv)
{
    RmOpts o = {false, false, false, false};
    UGetopt g = U_GETOPT_INIT;
    static const ULongOpt longopts[] = {
        {"recursive", U_NO_ARG, 'r'}, {"force", U_NO_ARG, 'f'}, {"verbose", U_NO_ARG, 'v'},
        {"dir", U_NO_ARG, 'd'},       {NULL, 0, 0},
    };
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "rRfvdi", longopts)) != -1) {
        switch (c) {
        case 'r':
        case 'R': o.recursive = true; break;
        case 'f': o.force = true; break;
        case 'v': o.verbose = true; break;
        case 'd': o.dirs = true; break;
        case 'i': o.force = false; break; /* no prompting here: just undo -f */
        default: return 1;
        }
    }
    if (g.ind >= argc) {
        if (o.force)
            return 0;
        u_eprintf("rm: missing operand\nTry 'rm --help' for more information.\n");
        return 1;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++) {
        const char *path = argv[i];
        if (is_dot_or_dotdot(path)) {
            u_eprintf("rm: refusing to remove '.' or '..' directory: skipping '%s'\n", path);
            status = 1;
            continue;
        }
        if (o.recursive && strspn(path, "/") == strlen(path)) {
            u_eprintf("rm: it is dangerous to operate recursively on '/'\n"
                      "rm: use --no-preserve-root to override this failsafe\n");
            status = 1;
            continue;
        }
        status |= remove_path(path, &o);
    }
    return status;
}
