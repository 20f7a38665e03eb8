/* rm [-rRfvdiI] FILE...: remove files, and directory trees with -r.
 * -i asks before each removal (and before descending into a directory),
 * -I once before removing more than three files or any recursively, as
 * GNU rm does; the answer is a line on stdin, and one that does not start
 * with y or Y leaves the file (not an error). Of -f, -i and -I the last
 * one given counts. */
#include <string.h>

#include "ulib.h"

enum { RM_NEVER, RM_ONCE, RM_ALWAYS }; /* when to ask */

typedef struct RmOpts {
    bool recursive, force, verbose, dirs;
    int interactive;
} RmOpts;

/* GNU's words for a file's type in a question. */
static const char *type_text(const FileStat *st)
{
    if (AX_S_ISDIR(st->mode))
        return "directory";
    if (AX_S_ISREG(st->mode))
        return st->size == 0 ? "regular empty file" : "regular file";
    if (AX_S_ISLNK(st->mode))
        return "symbolic link";
    if (AX_S_ISFIFO(st->mode))
        return "fifo";
    if (AX_S_ISSOCK(st->mode))
        return "socket";
    if (AX_S_ISCHR(st->mode))
        return "character special file";
    return "file";
}

/* "rm: VERB WHAT 'path'? " on stderr; true when the answer is yes. */
static bool ask(const char *verb, const char *what, const char *path)
{
    u_eprintf("rm: %s %s '%s'? ", verb, what, path);
    return u_yes();
}

static bool ask_remove(const FileStat *st, const char *path)
{
    return ask("remove", type_text(st), path);
}

/* What removing one operand came to: RM_KEPT when the user said no to
 * it or to something under it, so the directories above it stay without
 * a question or an error (GNU). */
enum { RM_DONE, RM_KEPT, RM_FAILED };

static int fail(const char *path, SyscallError err)
{
    u_eprintf("rm: cannot remove '%s': %s\n", path, sys_strerror(err));
    return RM_FAILED;
}

static int remove_path(const char *path, const RmOpts *o);

static int remove_tree(const char *path, const FileStat *st, const RmOpts *o)
{
    if (o->interactive == RM_ALWAYS && !ask("descend into", "directory", path))
        return RM_KEPT;
    UDirEnt *ents;
    int64_t n = u_dir_read(path, &ents);
    if (n < 0)
        return fail(path, (SyscallError)-n);
    int status = RM_DONE;
    for (int64_t i = 0; i < n; i++) {
        char *child = u_path_join(path, ents[i].name);
        int r = remove_path(child, o);
        if (r > status)
            status = r; /* a failure beats a file kept */
        xfree(child);
    }
    u_dir_free(ents, (size_t)n);
    if (status != RM_DONE)
        return status; /* the directory is not empty: told, or wanted so */
    if (o->interactive == RM_ALWAYS && !ask_remove(st, path))
        return RM_KEPT;
    SyscallResult r = sys_rmdir(path);
    if (r.error != AX_OK)
        return fail(path, r.error);
    if (o->verbose)
        u_printf("removed directory '%s'\n", path);
    return RM_DONE;
}

static int remove_path(const char *path, const RmOpts *o)
{
    /* a symbolic link is removed itself, never what it leads to */
    FileStat st;
    SyscallResult s = sys_lstat(path, &st);
    if (s.error != AX_OK) {
        if (o->force && s.error == AX_ENOENT)
            return RM_DONE;
        return fail(path, s.error);
    }
    if (AX_S_ISDIR(st.mode)) {
        if (o->recursive)
            return remove_tree(path, &st, o);
        if (!o->dirs)
            return fail(path, AX_EISDIR);
        if (o->interactive == RM_ALWAYS && !ask_remove(&st, path))
            return RM_KEPT;
        SyscallResult r = sys_rmdir(path);
        if (r.error != AX_OK)
            return fail(path, r.error);
    } else {
        if (o->interactive == RM_ALWAYS && !ask_remove(&st, path))
            return RM_KEPT;
        SyscallResult r = sys_unlink(path);
        if (r.error != AX_OK)
            return fail(path, r.error);
    }
    if (o->verbose)
        u_printf("removed %s'%s'\n", AX_S_ISDIR(st.mode) ? "directory " : "", path);
    return RM_DONE;
}

/* "." and ".." as the last component are refused, as POSIX requires. */
static bool is_dot_or_dotdot(const char *path)
{
    char *base = u_path_base(path);
    bool dots = strcmp(base, ".") == 0 || strcmp(base, "..") == 0;
    xfree(base);
    return dots;
}

/* --interactive[=WHEN]: never, once or always (GNU's words and
 * synonyms); -1 for anything else. */
static int interactive_when(const char *arg)
{
    static const char *const words[][4] = {
        {"never", "no", "none", NULL},
        {"once", NULL},
        {"always", "yes", NULL},
    };
    if (!arg)
        return RM_ALWAYS;
    for (int w = 0; w < 3; w++)
        for (int i = 0; words[w][i]; i++)
            if (strcmp(arg, words[w][i]) == 0)
                return w;
    return -1;
}

int rm_main(int argc, char **argv)
{
    RmOpts o = {false, false, false, false, RM_NEVER};
    UGetopt g = U_GETOPT_INIT;
    static const ULongOpt longopts[] = {
        {"recursive", U_NO_ARG, 'r'},   {"force", U_NO_ARG, 'f'},
        {"verbose", U_NO_ARG, 'v'},     {"dir", U_NO_ARG, 'd'},
        {"interactive", U_OPT_ARG, 'W'}, {NULL, 0, 0},
    };
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "rRfvdiI", longopts)) != -1) {
        switch (c) {
        case 'r':
        case 'R': o.recursive = true; break;
        case 'f':
            o.force = true;
            o.interactive = RM_NEVER;
            break;
        case 'v': o.verbose = true; break;
        case 'd': o.dirs = true; break;
        case 'i':
        case 'I':
            o.force = false;
            o.interactive = c == 'i' ? RM_ALWAYS : RM_ONCE;
            break;
        case 'W':
            o.interactive = interactive_when(g.arg);
            if (o.interactive < 0) {
                u_eprintf("rm: invalid argument '%s' for '--interactive'\n"
                          "Valid arguments are:\n  - 'never', 'no', 'none'\n  - 'once'\n"
                          "  - 'always', 'yes'\nTry 'rm --help' for more information.\n",
                          g.arg);
                return 1;
            }
            if (o.interactive != RM_NEVER)
                o.force = false;
            break;
        default: return 1;
        }
    }
    if (g.ind >= argc) {
        if (o.force)
            return 0;
        u_eprintf("rm: missing operand\nTry 'rm --help' for more information.\n");
        return 1;
    }
    int nargs = argc - g.ind;
    if (o.interactive == RM_ONCE && (nargs > 3 || o.recursive)) {
        u_eprintf("rm: remove %d argument%s%s? ", nargs, nargs == 1 ? "" : "s",
                  o.recursive ? " recursively" : "");
        if (!u_yes())
            return 0;
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
        if (remove_path(path, &o) == RM_FAILED)
            status = 1;
    }
    return status;
}
