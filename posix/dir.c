/* Directory streams: opendir, readdir and the rest, over sys_readdir,
 * which lists entries sorted by name without "." and ".."; readdir gives
 * those two first, as Linux file systems do. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "posix/internal.h"

#define DIR_BATCH 16

struct __dirstream {
    int fd;
    long pos;           /* entries handed out so far, "." and ".." included */
    size_t have, next;  /* entries in batch, the next to hand out */
    ino_t self_ino, parent_ino;
    DirEntry batch[DIR_BATCH];
    struct dirent ent;
};

static unsigned char dtype_of(uint32_t ax) {
    switch (ax) {
    case AX_DT_DIR: return DT_DIR;
    case AX_DT_REG: return DT_REG;
    case AX_DT_CHR: return DT_CHR;
    case AX_DT_FIFO: return DT_FIFO;
    case AX_DT_LNK: return DT_LNK;
    case AX_DT_SOCK: return DT_SOCK;
    default: return DT_UNKNOWN;
    }
}

/* A stream on the directory open at fd. ".." names the parent, whose
 * inode is had through fd (0 when it cannot be searched). */
static DIR *dir_new(int fd) {
    struct stat st, pst;
    if (fstat(fd, &st) < 0)
        return NULL;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return NULL;
    }
    DIR *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->fd = fd;
    d->self_ino = st.st_ino;
    d->parent_ino = fstatat(fd, "..", &pst, 0) == 0 ? pst.st_ino : 0;
    return d;
}

DIR *opendir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    DIR *d = dir_new(fd);
    if (!d) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return d;
}

DIR *fdopendir(int fd) {
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0)
        return NULL;
    if ((fl & O_ACCMODE) == O_WRONLY) {
        errno = EBADF;
        return NULL;
    }
    return dir_new(fd);
}

struct dirent *readdir(DIR *d) {
    struct dirent *e = &d->ent;
    memset(e, 0, sizeof *e);
    e->d_reclen = sizeof *e;
    if (d->pos < 2) {
        e->d_ino = d->pos == 0 ? d->self_ino : d->parent_ino;
        e->d_type = DT_DIR;
        strcpy(e->d_name, d->pos == 0 ? "." : "..");
        e->d_off = ++d->pos;
        return e;
    }
    if (d->next == d->have) {
        SyscallResult r = sys_readdir(d->fd, d->batch, DIR_BATCH);
        if (r.error != AX_OK) {
            errno = (int)r.error;
            return NULL;
        }
        if (r.value == 0)
            return NULL; /* the end: errno untouched */
        d->have = (size_t)r.value;
        d->next = 0;
    }
    const DirEntry *de = &d->batch[d->next++];
    e->d_ino = de->ino;
    e->d_type = dtype_of(de->type);
    memcpy(e->d_name, de->name, sizeof e->d_name < sizeof de->name ? sizeof e->d_name : sizeof de->name);
    e->d_name[sizeof e->d_name - 1] = '\0';
    e->d_off = ++d->pos;
    return e;
}

/* The large-file names: on 64-bit hosts struct dirent64 is struct dirent. */
_Static_assert(sizeof(struct dirent64) == sizeof(struct dirent), "dirent64 is dirent");
struct dirent64 *readdir64(DIR *d) {
    return (struct dirent64 *)readdir(d);
}

int readdir_r(DIR *d, struct dirent *entry, struct dirent **result) {
    int saved = errno;
    errno = 0;
    struct dirent *e = readdir(d);
    int err = errno;
    errno = saved;
    if (!e) {
        *result = NULL;
        return err;
    }
    *entry = *e;
    *result = entry;
    return 0;
}

int closedir(DIR *d) {
    if (!d)
        return px_fail(EBADF);
    int r = close(d->fd);
    free(d);
    return r;
}

void rewinddir(DIR *d) {
    lseek(d->fd, 0, SEEK_SET); /* the kernel takes a new listing */
    d->pos = 0;
    d->have = d->next = 0;
}

int dirfd(DIR *d) {
    return d->fd;
}

long telldir(DIR *d) {
    return d->pos;
}

/* Back to the start, then forward: a listing is sorted, so position N is
 * the same entry as long as the directory did not change. */
void seekdir(DIR *d, long pos) {
    rewinddir(d);
    while (d->pos < pos && readdir(d))
        ;
}

int alphasort(const struct dirent **a, const struct dirent **b) {
    return strcoll((*a)->d_name, (*b)->d_name);
}
int alphasort64(const struct dirent64 **a, const struct dirent64 **b) {
    return strcoll((*a)->d_name, (*b)->d_name);
}

int versionsort(const struct dirent **a, const struct dirent **b) {
    return strverscmp((*a)->d_name, (*b)->d_name);
}

int scandir(const char *path, struct dirent ***out, int (*filter)(const struct dirent *),
            int (*compar)(const struct dirent **, const struct dirent **)) {
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent **list = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int saved = errno;
    errno = 0;
    while ((e = readdir(d))) {
        if (filter && !filter(e))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            struct dirent **grown = realloc(list, cap * sizeof *grown);
            if (!grown)
                goto fail;
            list = grown;
        }
        if (!(list[n] = malloc(sizeof *e)))
            goto fail;
        *list[n++] = *e;
    }
    if (errno)
        goto fail;
    errno = saved;
    closedir(d);
    if (compar && n > 1)
        qsort(list, n, sizeof *list, (int (*)(const void *, const void *))compar);
    *out = list;
    return (int)n;
fail:;
    int e2 = errno;
    while (n)
        free(list[--n]);
    free(list);
    closedir(d);
    errno = e2;
    return -1;
}
int scandir64(const char *path, struct dirent64 ***out, int (*filter)(const struct dirent64 *),
              int (*compar)(const struct dirent64 **, const struct dirent64 **)) {
    return scandir(path, (struct dirent ***)out, (int (*)(const struct dirent *))filter,
                   (int (*)(const struct dirent **, const struct dirent **))compar);
}
