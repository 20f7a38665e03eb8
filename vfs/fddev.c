/* Names for the caller's own fds: /dev/fd/N, and /dev/stdin, /dev/stdout
 * and /dev/stderr for fds 0, 1 and 2 (Linux makes these symlinks into
 * /proc/self/fd; axos has no symlinks, so they are nodes of their own
 * kind, VN_FDLINK, that path resolution follows to the fd).
 *
 * Opening one opens what the fd refers to anew, as Linux's /proc/self/fd
 * does: a regular file, directory or device gets a new open file (its own
 * offset, and O_TRUNC and O_APPEND as asked); the console a new console
 * object; anything else (a pipe end, a timer, a window) a new reference
 * to the fd's own open file, when the access mode asked for is one it
 * allows. A name whose fd is closed is missing (ENOENT), as a dangling
 * symlink would be. No name is made or removed here (AX_EACCES). */
#include <stdio.h>
#include <string.h>

#include "kernel/fd.h"
#include "vfs/internal.h"

static int fddev_link(Kernel *k, VNode *dir, const char *name, int fd) {
    size_t len = strlen(name);
    VNode *n;
    int r = tree_create(k, dir, name, len, dirtab_hash(name, len), VN_FDLINK, 0777, &n);
    if (r == 0)
        n->u.fd = fd;
    return r;
}

int fddev_init(Kernel *k, VNode *dev) {
    Vfs *v = k->vfs;
    VNode *fd_dir;
    int r = tree_create(k, dev, "fd", 2, dirtab_hash("fd", 2), VN_DIR, 0555, &fd_dir);
    if (r < 0)
        return r;
    v->fd_dir = fd_dir;
    if (!(v->fd_entry = vnode_new(k, VN_FDLINK, 0777)))
        return -AX_ENOMEM;
    v->fd_entry->u.fd = -1;
    v->fd_entry->refs = 1; /* vfs_fini drops it */
    static const char *const names[] = {"stdin", "stdout", "stderr"};
    for (int fd = 0; fd < 3; fd++)
        if ((r = fddev_link(k, dev, names[fd], fd)) < 0)
            return r;
    return 0;
}

VNode *fddev_lookup(Kernel *k, Proc *p, const char *name, size_t len, int *fd) {
    /* decimal, no sign, no leading zero (as Linux's /proc/self/fd) */
    if (len == 0 || len > 4 || (len > 1 && name[0] == '0'))
        return NULL;
    int n = 0;
    for (size_t i = 0; i < len; i++) {
        if (name[i] < '0' || name[i] > '9')
            return NULL;
        n = n * 10 + (name[i] - '0');
    }
    if (!p || !fd_get(p, n))
        return NULL;
    *fd = n;
    return k->vfs->fd_entry;
}

int fddev_open(Kernel *k, Proc *p, int fd, int flags, KObject **out) {
    KObject *o = fd_get(p, fd);
    if (!o)
        return -AX_ENOENT;
    if (o->ops->reopen)
        return o->ops->reopen(k, o, flags, out);
    int acc = flags & AX_O_ACCMODE;
    if ((acc != AX_O_WRONLY && !obj_readable(o)) || (acc != AX_O_RDONLY && !obj_writable(o)))
        return -AX_EACCES;
    if (flags & AX_O_DIRECTORY)
        return -AX_ENOTDIR; /* directories reopen: this is none */
    *out = obj_ref(o);
    return 0;
}
