/* find [STARTING-POINT...] [EXPRESSION]: walk directory trees and evaluate
 * an expression for every name, as GNU find does. The expression is
 * parsed once into a tree (find_expr.c) and evaluated here per file.
 *
 * Order: axos's directories read in name order, so the walk is sorted (GNU
 * find follows readdir order, which on Linux file systems is arbitrary).
 * Exit status: 0, or 1 when a file could not be reached or an -exec ...+
 * command failed (GNU). */
#include <fnmatch.h>
#include <string.h>

#include "find.h"

/* A file being looked at: its path, and its stat read at most once. */
typedef struct FindFile {
    const char *path;
    const char *name; /* last component (for -name) */
    int depth;
    uint32_t dtype;   /* AX_DT_* from the directory, or 0 */
    bool have_stat;
    bool stat_failed;
    FileStat st;
} FindFile;

static bool file_stat(FindState *s, FindFile *f)
{
    if (!f->have_stat) {
        f->have_stat = true;
        /* -P: links as themselves; -L: what they lead to (a dangling one
         * stays a link, as GNU); -H: so for the starting points only */
        bool follow = s->follow == 'L' || (s->follow == 'H' && f->depth == 0);
        SyscallResult r = follow ? sys_stat(f->path, &f->st) : sys_lstat(f->path, &f->st);
        if (follow && r.error == AX_ENOENT)
            r = sys_lstat(f->path, &f->st);
        if (r.error != AX_OK) {
            f->stat_failed = true;
            u_perror("find", f->path, r.error);
            s->status = 1;
        }
    }
    return !f->stat_failed;
}

static char type_letter(uint32_t mode)
{
    switch (mode & AX_S_IFMT) {
    case AX_S_IFDIR: return 'd';
    case AX_S_IFREG: return 'f';
    case AX_S_IFCHR: return 'c';
    case AX_S_IFIFO: return 'p';
    case AX_S_IFLNK: return 'l';
    case AX_S_IFSOCK: return 's';
    default: return '?';
    }
}

static bool cmp_num(const FindNode *n, int64_t v)
{
    if (n->cmp < 0)
        return v < n->num;
    if (n->cmp > 0)
        return v > n->num;
    return v == n->num;
}

/* -size: the file's size rounded up to the unit, as GNU find compares it. */
static bool test_size(const FindNode *n, const FileStat *st)
{
    uint64_t unit = n->unit;
    int64_t v = (int64_t)((st->size + unit - 1) / unit);
    return cmp_num(n, v);
}

/* -mtime & co: whole days (or minutes) since the time, rounded down. */
static bool test_age(FindState *s, const FindNode *n, const FileStat *st)
{
    uint64_t t = n->kind == FN_AMIN || n->kind == FN_ATIME ? st->atime_ns
               : n->kind == FN_CMIN || n->kind == FN_CTIME ? st->ctime_ns
                                                            : st->mtime_ns;
    int64_t age = (int64_t)(s->now - (int64_t)t);
    int64_t unit = n->kind == FN_MMIN || n->kind == FN_AMIN || n->kind == FN_CMIN
                       ? 60LL * 1000000000LL
                       : 86400LL * 1000000000LL;
    int64_t v = age >= 0 ? age / unit : -((-age + unit - 1) / unit);
    if (n->kind == FN_MMIN || n->kind == FN_AMIN || n->kind == FN_CMIN)
        v = age >= 0 ? (age + unit - 1) / unit : v; /* GNU rounds minutes up */
    return cmp_num(n, v);
}

static bool test_perm(const FindNode *n, uint32_t mode)
{
    mode &= 07777;
    if (n->cmp == 0)
        return mode == n->perm;
    if (n->cmp < 0) /* -perm -MODE: all these bits */
        return (mode & n->perm) == n->perm;
    return n->perm == 0 || (mode & n->perm) != 0; /* /MODE: any of them */
}

static bool is_empty(FindState *s, FindFile *f)
{
    if (AX_S_ISREG(f->st.mode))
        return f->st.size == 0;
    if (!AX_S_ISDIR(f->st.mode))
        return false;
    UDirEnt *ents;
    int64_t n = u_dir_read(f->path, &ents);
    if (n < 0) {
        u_perror("find", f->path, (SyscallError)-n);
        s->status = 1;
        return false;
    }
    u_dir_free(ents, (size_t)n);
    return n == 0;
}

static bool eval(FindState *s, const FindNode *n, FindFile *f, bool *prune);

static bool eval_action(FindState *s, const FindNode *n, FindFile *f)
{
    switch (n->kind) {
    case FN_PRINT:
        u_fputs(f->path, u_stdout());
        u_putc('\n', u_stdout());
        return true;
    case FN_PRINT0:
        u_fwrite(f->path, strlen(f->path) + 1, u_stdout());
        return true;
    case FN_FPRINTF:
    case FN_PRINTF:
        find_printf(s, n->str, f->path, f->name, f->depth, file_stat(s, f) ? &f->st : NULL);
        return true;
    case FN_DELETE: {
        if (strcmp(f->path, ".") == 0)
            return true; /* GNU: never the starting point "." */
        SyscallResult r = sys_unlink(f->path);
        if (r.error == AX_EISDIR || r.error == AX_EPERM)
            r = sys_rmdir(f->path);
        if (r.error != AX_OK) {
            u_eprintf("find: cannot delete '%s': %s\n", f->path, sys_strerror(r.error));
            s->status = 1;
            return false;
        }
        return true;
    }
    case FN_EXEC:
    case FN_OK:
        return find_exec(s, (FindNode *)n, f->path);
    case FN_QUIT:
        s->quit = true;
        return true;
    default:
        return false;
    }
}

static bool eval(FindState *s, const FindNode *n, FindFile *f, bool *prune)
{
    switch (n->kind) {
    case FN_AND:
        return eval(s, n->left, f, prune) && !s->quit && eval(s, n->right, f, prune);
    case FN_OR:
        return eval(s, n->left, f, prune) || (!s->quit && eval(s, n->right, f, prune));
    case FN_COMMA:
        eval(s, n->left, f, prune);
        return !s->quit && eval(s, n->right, f, prune);
    case FN_NOT:
        return !eval(s, n->left, f, prune);
    case FN_TRUE:
        return true;
    case FN_FALSE:
        return false;
    case FN_NAME:
        return fnmatch(n->str, f->name, n->icase ? FNM_CASEFOLD : 0) == 0;
    case FN_PATH:
        return fnmatch(n->str, f->path, n->icase ? FNM_CASEFOLD : 0) == 0;
    case FN_PRUNE:
        if (!s->depth_first)
            *prune = true;
        return true;
    case FN_PRINT:
    case FN_PRINT0:
    case FN_PRINTF:
    case FN_FPRINTF:
    case FN_DELETE:
    case FN_EXEC:
    case FN_OK:
    case FN_QUIT:
        return eval_action(s, n, f);
    default:
        break;
    }
    /* the rest look at the inode */
    if (n->kind == FN_TYPE && f->dtype != AX_DT_UNKNOWN && f->dtype != AX_DT_LNK && !f->have_stat) {
        static const char letters[16] = {[AX_DT_FIFO] = 'p', [AX_DT_CHR] = 'c', [AX_DT_DIR] = 'd',
                                         [AX_DT_REG] = 'f', [AX_DT_SOCK] = 's'};
        return strchr(n->str, letters[f->dtype & 15]) != NULL;
    }
    if (!file_stat(s, f))
        return false;
    switch (n->kind) {
    case FN_TYPE:
        return strchr(n->str, type_letter(f->st.mode)) != NULL;
    case FN_SIZE:
        return test_size(n, &f->st);
    case FN_MTIME:
    case FN_ATIME:
    case FN_CTIME:
    case FN_MMIN:
    case FN_AMIN:
    case FN_CMIN:
        return test_age(s, n, &f->st);
    case FN_NEWER:
        return (int64_t)f->st.mtime_ns > n->num;
    case FN_PERM:
        return test_perm(n, f->st.mode);
    case FN_EMPTY:
        return is_empty(s, f);
    case FN_LINKS:
        return cmp_num(n, f->st.nlink);
    case FN_INUM:
        return cmp_num(n, (int64_t)f->st.ino);
    case FN_UID:
        return cmp_num(n, f->st.uid);
    case FN_GID:
        return cmp_num(n, f->st.gid);
    default:
        return false;
    }
}

static char *child_path(const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    bool slash = dl > 0 && dir[dl - 1] == '/';
    size_t nl = strlen(name);
    char *p = xmalloc(dl + !slash + nl + 1);
    memcpy(p, dir, dl);
    if (!slash)
        p[dl++] = '/';
    memcpy(p + dl, name, nl + 1);
    return p;
}

/* The directories a walk is in, innermost first: with links followed,
 * a directory met again is a loop (GNU reports it and goes on). */
typedef struct FindAnc {
    uint64_t dev, ino;
    const char *path;
    const struct FindAnc *up;
} FindAnc;

static void walk(FindState *s, const char *path, const char *name, int depth, uint32_t dtype,
                 const FindAnc *up)
{
    FindFile f = {path, name, depth, dtype, false, false, {0}};
    bool is_dir = dtype == AX_DT_DIR;
    if (dtype == AX_DT_UNKNOWN || s->follow == 'L') {
        if (!file_stat(s, &f))
            return;
        is_dir = AX_S_ISDIR(f.st.mode);
    }
    FindAnc here = {f.st.dev, f.st.ino, path, up};
    if (is_dir && s->follow != 'P' && f.have_stat) {
        for (const FindAnc *a = up; a; a = a->up) {
            if (a->dev == f.st.dev && a->ino == f.st.ino) {
                u_eprintf("find: File system loop detected; '%s' is part of the same file "
                          "system loop as '%s'.\n", path, a->path);
                s->status = 1;
                return; /* neither listed nor entered (GNU) */
            }
        }
    }
    bool prune = false;
    if (!s->depth_first && depth >= s->mindepth)
        eval(s, s->expr, &f, &prune);
    if (s->quit)
        return;
    if (is_dir && !prune && (s->maxdepth < 0 || depth < s->maxdepth)) {
        UDirEnt *ents;
        int64_t n = u_dir_read(path, &ents);
        if (n < 0) {
            u_perror("find", path, (SyscallError)-n);
            s->status = 1;
        } else {
            for (int64_t i = 0; i < n && !s->quit; i++) {
                char *child = child_path(path, ents[i].name);
                walk(s, child, ents[i].name, depth + 1, ents[i].type, &here);
                xfree(child);
            }
            u_dir_free(ents, (size_t)n);
        }
    }
    if (s->depth_first && depth >= s->mindepth && !s->quit)
        eval(s, s->expr, &f, &prune);
}

/* The name -name compares for a starting point: its last component, with
 * trailing slashes dropped ("dir/" is "dir"; "/" stays "/"). */
static char *start_name(const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    size_t b = len;
    while (b > 0 && path[b - 1] != '/')
        b--;
    if (b == len) /* "/" */
        return xstrndup(path, len);
    return xstrndup(path + b, len - b);
}

int find_main(int argc, char **argv)
{
    u_std_options(argc, argv);
    FindState s = {.maxdepth = -1};
    SyscallResult now = sys_clock_gettime(AX_CLOCK_MONOTONIC);
    s.now = (int64_t)now.value;
    int first = 1;
    /* -P, -L, -H before the starting points: how links are treated */
    s.follow = 'P';
    for (; first < argc; first++) {
        const char *a = argv[first];
        if (strcmp(a, "-P") != 0 && strcmp(a, "-L") != 0 && strcmp(a, "-H") != 0)
            break;
        s.follow = a[1];
    }
    /* GNU: the starting points are the arguments before the first one that
     * starts with '-' (but not "-" alone), '(' or '!'. */
    int nstart = 0;
    while (first + nstart < argc) {
        const char *a = argv[first + nstart];
        if ((a[0] == '-' && a[1]) || strcmp(a, "(") == 0 || strcmp(a, "!") == 0)
            break;
        nstart++;
    }
    if (find_parse(&s, argc - first - nstart, argv + first + nstart) < 0)
        return 1;
    char *dot[] = {"."};
    char **starts = nstart ? argv + first : dot;
    if (!nstart)
        nstart = 1;
    for (int i = 0; i < nstart && !s.quit; i++) {
        if (!*starts[i]) {
            u_eprintf("find: '': No such file or directory\n");
            s.status = 1;
            continue;
        }
        char *name = start_name(starts[i]);
        walk(&s, starts[i], name, 0, AX_DT_UNKNOWN, NULL);
        xfree(name);
    }
    find_exec_flush(&s);
    find_free(&s);
    u_fflush(u_stdout());
    return s.status;
}
