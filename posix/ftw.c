/* nftw and ftw (POSIX), as glibc walks: each directory is read through a
 * descriptor opened relative to its parent's (openat, fdopendir), and
 * each entry is looked at with fstatat, so the walk does not build and
 * resolve whole paths again at every level. The callback gets the path
 * from the starting point, its stat, its type and (nftw) where its last
 * component starts and its depth. GNU's FTW_ACTIONRETVAL is taken too. */
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "posix/internal.h"

typedef struct Walk {
    int (*fn)(const char *, const struct stat *, int, struct FTW *); /* nftw */
    int (*fn3)(const char *, const struct stat *, int);             /* ftw */
    int flags;
    dev_t dev;      /* the start's device (FTW_MOUNT) */
    struct { dev_t dev; ino_t ino; } *seen; /* directories walked (not FTW_PHYS) */
    size_t nseen, capseen;
    char path[PATH_MAX];
} Walk;

/* Following links, a directory may be reached twice: glibc walks it
 * once and leaves the later names of it unreported. 1 when st was seen,
 * else 0 (now remembered), -1 without memory. */
static int walk_seen(Walk *w, const struct stat *st) {
    for (size_t i = 0; i < w->nseen; i++)
        if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
            return 1;
    if (w->nseen == w->capseen) {
        size_t cap = w->capseen ? 2 * w->capseen : 16;
        void *more = realloc(w->seen, cap * sizeof *w->seen);
        if (!more)
            return -1;
        w->seen = more;
        w->capseen = cap;
    }
    w->seen[w->nseen].dev = st->st_dev;
    w->seen[w->nseen++].ino = st->st_ino;
    return 0;
}

/* The callback's answer, 0 to go on. Under FTW_ACTIONRETVAL only
 * FTW_STOP ends the walk (the skips are the caller's to act on). */
static int walk_call(Walk *w, const struct stat *st, int type, int base, int level, int *skip) {
    int r;
    if (w->fn) {
        struct FTW f = {.base = base, .level = level};
        r = w->fn(w->path, st, type, &f);
    } else { /* ftw knows fewer types */
        r = w->fn3(w->path, st, type == FTW_SL ? FTW_F : type == FTW_SLN ? FTW_NS : type);
    }
    if (!(w->flags & FTW_ACTIONRETVAL))
        return r;
    *skip = r;
    return r == FTW_STOP ? FTW_STOP : 0;
}

static int walk_dir(Walk *w, int dirfd, size_t len, int level);

/* Look at the entry w->path names (name inside it, relative to dirfd, or
 * the start itself with dirfd AT_FDCWD) and call back for it, walking a
 * directory's entries. len: w->path's length; base: where name starts.
 * A start that cannot be looked at is an error (-1), not a callback. */
static int walk_entry(Walk *w, int dirfd, const char *name, size_t len, int base, int level,
                      int *skip) {
    struct stat st;
    int type, nofollow = (w->flags & FTW_PHYS) ? AT_SYMLINK_NOFOLLOW : 0;
    if (fstatat(dirfd, name, &st, nofollow) < 0) {
        int e = errno;
        if (e != ENOENT && e != EACCES)
            return -1;
        if (!nofollow && e == ENOENT && fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISLNK(st.st_mode))
            type = FTW_SLN;
        else if (level == 0)
            return px_fail(e);
        else
            type = FTW_NS;
    } else if (S_ISDIR(st.st_mode)) {
        type = FTW_D;
    } else {
        type = S_ISLNK(st.st_mode) ? FTW_SL : FTW_F;
    }
    if (type != FTW_D)
        return walk_call(w, &st, type, base, level, skip);
    if ((w->flags & FTW_MOUNT) && st.st_dev != w->dev)
        return 0; /* another file system: not reported, as glibc */
    if (!(w->flags & FTW_PHYS)) {
        int seen = walk_seen(w, &st);
        if (seen)
            return seen < 0 ? -1 : 0;
    }
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return walk_call(w, &st, FTW_DNR, base, level, skip);
    int r = 0;
    if (!(w->flags & FTW_DEPTH)) {
        r = walk_call(w, &st, FTW_D, base, level, skip);
        if (r || *skip == FTW_SKIP_SUBTREE || *skip == FTW_SKIP_SIBLINGS) {
            close(fd);
            return r;
        }
    }
    int here = -1;
    if ((w->flags & FTW_CHDIR) && ((here = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
                                   fchdir(fd) < 0)) {
        r = -1;
        fd = (close(fd), -1);
    }
    if (fd >= 0)
        r = walk_dir(w, fd, len, level + 1); /* closes fd */
    if (here >= 0) {
        if (fchdir(here) < 0 && r == 0)
            r = -1;
        close(here);
    }
    w->path[len] = '\0';
    if (r == 0 && (w->flags & FTW_DEPTH))
        r = walk_call(w, &st, FTW_DP, base, level, skip);
    return r;
}

/* Each entry of the directory open at dirfd (closed here), whose path is
 * w->path[0..len). */
static int walk_dir(Walk *w, int dirfd, size_t len, int level) {
    DIR *d = fdopendir(dirfd);
    if (!d) {
        close(dirfd);
        return -1;
    }
    int r = 0;
    struct dirent *e;
    while (r == 0 && (e = readdir(d))) {
        const char *n = e->d_name;
        if (n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2])))
            continue;
        size_t nl = strlen(n);
        if (len + 1 + nl >= sizeof w->path) {
            errno = ENAMETOOLONG;
            r = -1;
            break;
        }
        w->path[len] = '/';
        memcpy(w->path + len + 1, n, nl + 1);
        int skip = 0;
        r = walk_entry(w, dirfd, n, len + 1 + nl, (int)len + 1, level, &skip);
        if (skip == FTW_SKIP_SIBLINGS)
            break;
    }
    closedir(d);
    return r;
}

static int walk_start(Walk *w, const char *path) {
    if (!path[0])
        return px_fail(ENOENT);
    size_t len = strlen(path);
    if (len >= sizeof w->path)
        return px_fail(ENAMETOOLONG);
    memcpy(w->path, path, len + 1);
    while (len > 1 && w->path[len - 1] == '/') /* glibc drops trailing slashes */
        w->path[--len] = '\0';
    const char *slash = strrchr(w->path, '/');
    int base = slash && slash[1] ? (int)(slash - w->path) + 1 : 0;
    struct stat st;
    if ((w->flags & FTW_MOUNT) && stat(w->path, &st) == 0)
        w->dev = st.st_dev;
    int skip = 0;
    /* a relative start resolves from the cwd, as the whole walk would */
    return walk_entry(w, AT_FDCWD, w->path, len, base, 0, &skip);
}

int nftw(const char *path, int (*fn)(const char *, const struct stat *, int, struct FTW *),
         int fd_limit, int flags) {
    (void)fd_limit; /* one descriptor per level is held; axos has room */
    Walk *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    w->fn = fn;
    w->flags = flags;
    int r = walk_start(w, path);
    free(w->seen);
    free(w);
    return r;
}
/* The large-file names: on 64-bit hosts struct stat64 is struct stat. */
int nftw64(const char *path, int (*fn)(const char *, const struct stat64 *, int, struct FTW *),
           int fd_limit, int flags) {
    return nftw(path, (int (*)(const char *, const struct stat *, int, struct FTW *))fn, fd_limit,
                flags);
}

int ftw(const char *path, int (*fn)(const char *, const struct stat *, int), int fd_limit) {
    (void)fd_limit;
    Walk *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    w->fn3 = fn;
    int r = walk_start(w, path);
    free(w->seen);
    free(w);
    return r;
}
int ftw64(const char *path, int (*fn)(const char *, const struct stat64 *, int), int fd_limit) {
    return ftw(path, (int (*)(const char *, const struct stat *, int))fn, fd_limit);
}
