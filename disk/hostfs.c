/* Host trees in and out: kernel_import copies a host directory's contents
 * into the file tree at boot, kernel_export copies a directory of the tree
 * out to the host at the end. These are the only places axos touches host
 * files for a person's data; inside the machine there is no way to them.
 *
 * Neither ever follows a host symbolic link. Import: axos has no symbolic
 * links yet, so a link is left out with a warning (when it comes, one
 * that points outside the imported tree is to be copied as a link).
 * Export: every host name is opened with O_NOFOLLOW below a directory fd
 * opened the same way, so a link planted in the target cannot lead the
 * copy elsewhere. Devices and sockets are left out both ways. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipc/fifo.h"
#include "kernel/kmem.h"
#include "vfs/image.h"

#define COPY_CHUNK 65536

typedef struct Copy {
    Kernel *k;
    char *msg;      /* the first problem, for the caller */
    size_t msglen;
    FILE *warn;     /* where skipped entries are reported (may be NULL) */
    char *buf;      /* COPY_CHUNK bytes */
    int err;        /* the first error */
} Copy;

/* Record a problem (the first one is what the caller hears of; others go
 * to the warning stream) and say whether to go on: a name that cannot be
 * copied does not stop the others, running out of memory does. */
static int problem(Copy *c, int err, const char *path, const char *what)
{
    if (c->err == 0) {
        c->err = err;
        if (c->msg && c->msglen)
            snprintf(c->msg, c->msglen, "%s: %s", path, what);
    } else if (c->warn) {
        fprintf(c->warn, "axos: %s: %s\n", path, what);
    }
    return err == -AX_ENOMEM ? err : 0;
}

static void warn(Copy *c, const char *path, const char *what)
{
    if (c->warn)
        fprintf(c->warn, "axos: %s: %s\n", path, what);
}

static int64_t ts_ns(struct timespec t) { return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec; }

/* ---- import ---- */

static int import_dir(Copy *c, int hostfd, const char *hostpath, VNode *dir);

static int import_file(Copy *c, int fd, const char *path, VNode *n, uint64_t size)
{
    uint64_t off = 0;
    while (off < size) {
        ssize_t got = read(fd, c->buf, COPY_CHUNK);
        if (got < 0)
            return problem(c, -AX_EIO, path, strerror(errno));
        if (got == 0)
            break;
        int r = vfs_image_fill(c->k, n, off, c->buf, (size_t)got);
        if (r < 0)
            return problem(c, r, path, r == -AX_EFBIG ? "too large for axos" : "out of memory");
        off += (uint64_t)got;
    }
    return 0;
}

/* One host entry named name in hostfd, into dir. */
static int import_one(Copy *c, int hostfd, const char *hostpath, const char *name, VNode *dir)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", hostpath, name);
    struct stat st;
    if (fstatat(hostfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return problem(c, -AX_EIO, path, strerror(errno));
    size_t len = strlen(name);
    if (len > AX_NAME_MAX) {
        warn(c, path, "name too long for axos: left out");
        return 0;
    }
    if (S_ISLNK(st.st_mode)) {
        warn(c, path, "a symbolic link (axos has none yet): left out, not followed");
        return 0;
    }
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        warn(c, path, "not a file, directory or FIFO: left out");
        return 0;
    }
    VImageNode info = {
        .mode = (S_ISDIR(st.st_mode) ? AX_S_IFDIR : S_ISFIFO(st.st_mode) ? AX_S_IFIFO : AX_S_IFREG) |
                (st.st_mode & 07777),
        .atime = ts_ns(st.st_atim),
        .mtime = ts_ns(st.st_mtim),
        .ctime = ts_ns(st.st_ctim),
    };
    VNode *n = vfs_image_lookup(dir, name, len);
    if (n && S_ISDIR(st.st_mode)) {
        VImageNode have;
        vfs_image_stat(c->k, n, &have);
        if ((have.mode & AX_S_IFMT) != AX_S_IFDIR) {
            vfs_image_remove(c->k, dir, name, len);
            n = NULL;
        }
    } else if (n) {
        vfs_image_remove(c->k, dir, name, len); /* the host's copy wins */
        n = NULL;
    }
    int r = 0;
    if (!n && (r = vfs_image_add(c->k, dir, name, len, &info, ipc_fifo_node_ops(), &n)) < 0)
        return problem(c, r, path, r == -AX_ENOMEM ? "out of memory" : "cannot be made in axos");
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        int fd = openat(hostfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return problem(c, -AX_EIO, path, strerror(errno));
        r = import_file(c, fd, path, n, (uint64_t)st.st_size);
        close(fd);
    } else if (S_ISDIR(st.st_mode)) {
        int fd = openat(hostfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return problem(c, -AX_EIO, path, strerror(errno));
        r = import_dir(c, fd, path, n); /* closes fd */
    }
    return r;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every entry of the host directory at hostfd (which this closes), in
 * name order so that the same tree always imports the same way. */
static int import_dir(Copy *c, int hostfd, const char *hostpath, VNode *dir)
{
    DIR *d = fdopendir(hostfd);
    if (!d) {
        close(hostfd);
        return problem(c, -AX_EIO, hostpath, strerror(errno));
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int r = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap) {
            char **v = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *v);
            if (!v) {
                r = problem(c, -AX_ENOMEM, hostpath, "out of memory");
                break;
            }
            names = v;
        }
        if (!(names[n] = strdup(e->d_name))) {
            r = problem(c, -AX_ENOMEM, hostpath, "out of memory");
            break;
        }
        n++;
    }
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n && r == 0; i++)
        r = import_one(c, dirfd(d), hostpath, names[i], dir);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return r;
}

int kernel_import(Kernel *k, const char *hostdir, const char *path, char *msg, size_t msglen)
{
    if (msg && msglen)
        msg[0] = '\0';
    if (!k || !hostdir || !path || !*hostdir)
        return -AX_EINVAL;
    Copy c = {k, msg, msglen, stderr, NULL, 0};
    if (path[0] != '/') {
        problem(&c, -AX_EINVAL, path, "must be an absolute path in axos");
        return c.err;
    }
    int fd = open(hostdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        problem(&c, errno == ENOTDIR ? -AX_ENOTDIR : errno == EACCES ? -AX_EACCES : -AX_ENOENT,
                hostdir, strerror(errno));
        return c.err;
    }
    VNode *dir;
    int r = vfs_image_mkdirs(k, path, &dir);
    if (r < 0) {
        close(fd);
        problem(&c, r, path, r == -AX_ENOTDIR ? "a file is in the way in axos"
                                              : "cannot be made in axos");
        return c.err;
    }
    if (!(c.buf = malloc(COPY_CHUNK))) {
        close(fd);
        return problem(&c, -AX_ENOMEM, hostdir, "out of memory");
    }
    r = import_dir(&c, fd, hostdir, dir);
    free(c.buf);
    return r < 0 ? r : c.err;
}

/* ---- export ---- */

typedef struct ExportDir {
    Copy *c;
    int fd;           /* the host directory written into */
    const char *path; /* its host path, for messages */
} ExportDir;

static int export_one(void *ud, const char *name, size_t len, VNode *n)
{
    ExportDir *ed = ud;
    Copy *c = ed->c;
    char cname[AX_NAME_MAX + 1], path[8192];
    memcpy(cname, name, len);
    cname[len] = '\0';
    snprintf(path, sizeof path, "%s/%s", ed->path, cname);
    VImageNode info;
    vfs_image_stat(c->k, n, &info);
    mode_t perm = info.mode & 07777;
    struct timespec times[2] = {{info.atime / 1000000000, info.atime % 1000000000},
                                {info.mtime / 1000000000, info.mtime % 1000000000}};
    if (times[0].tv_nsec < 0)
        times[0].tv_sec--, times[0].tv_nsec += 1000000000;
    if (times[1].tv_nsec < 0)
        times[1].tv_sec--, times[1].tv_nsec += 1000000000;
    switch (info.mode & AX_S_IFMT) {
    case AX_S_IFDIR: {
        if (mkdirat(ed->fd, cname, 0700) != 0 && errno != EEXIST)
            return problem(c, -AX_EIO, path, strerror(errno));
        int fd = openat(ed->fd, cname, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return problem(c, -AX_EIO, path, strerror(errno));
        ExportDir sub = {c, fd, path};
        int r = vfs_image_list(c->k, n, export_one, &sub);
        fchmod(fd, perm);
        futimens(fd, times);
        close(fd);
        return r;
    }
    case AX_S_IFIFO:
        if (mkfifoat(ed->fd, cname, perm) != 0 && errno != EEXIST)
            return problem(c, -AX_EIO, path, strerror(errno));
        utimensat(ed->fd, cname, times, AT_SYMLINK_NOFOLLOW);
        return 0;
    default: {
        int fd = openat(ed->fd, cname, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                        perm | 0200);
        if (fd < 0)
            return problem(c, -AX_EIO, path, strerror(errno));
        int r = 0;
        for (uint64_t off = 0; off < info.size && r == 0;) {
            size_t got = vfs_image_read(n, off, c->buf, COPY_CHUNK);
            if (got == 0)
                break;
            for (size_t done = 0; done < got && r == 0;) {
                ssize_t w = write(fd, c->buf + done, got - done);
                if (w < 0)
                    r = problem(c, -AX_EIO, path, strerror(errno));
                else
                    done += (size_t)w;
            }
            off += got;
        }
        fchmod(fd, perm);
        futimens(fd, times);
        close(fd);
        return r;
    }
    }
}

int kernel_export(Kernel *k, const char *path, const char *hostdir, char *msg, size_t msglen)
{
    if (msg && msglen)
        msg[0] = '\0';
    if (!k || !hostdir || !path || !*hostdir)
        return -AX_EINVAL;
    Copy c = {k, msg, msglen, stderr, NULL, 0};
    VNode *dir = vfs_image_resolve(k, path);
    if (!dir) {
        problem(&c, -AX_ENOENT, path, "no such directory in axos");
        return c.err;
    }
    VImageNode info;
    vfs_image_stat(k, dir, &info);
    if ((info.mode & AX_S_IFMT) != AX_S_IFDIR) {
        problem(&c, -AX_ENOTDIR, path, "not a directory in axos");
        return c.err;
    }
    if (mkdir(hostdir, 0755) != 0 && errno != EEXIST) {
        problem(&c, errno == EACCES ? -AX_EACCES : -AX_EIO, hostdir, strerror(errno));
        return c.err;
    }
    int fd = open(hostdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        problem(&c, errno == ENOTDIR ? -AX_ENOTDIR : -AX_EIO, hostdir, strerror(errno));
        return c.err;
    }
    if (!(c.buf = malloc(COPY_CHUNK))) {
        close(fd);
        return problem(&c, -AX_ENOMEM, hostdir, "out of memory");
    }
    ExportDir top = {&c, fd, hostdir};
    int r = vfs_image_list(k, dir, export_one, &top);
    free(c.buf);
    close(fd);
    return r < 0 ? r : c.err;
}
