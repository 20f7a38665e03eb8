/* Per-process fd tables. */
#include <string.h>

#include "kernel/fd.h"
#include "ipc/ipc.h"

/* Make room for fd `need` (grows by doubling up to AX_OPEN_MAX). */
static int fd_grow(Kernel *k, FdTable *t, int need) {
    if (need < t->cap)
        return 0;
    if (need >= AX_OPEN_MAX)
        return -AX_EMFILE;
    int cap = t->cap ? t->cap : 16;
    while (cap <= need)
        cap *= 2;
    if (cap > AX_OPEN_MAX)
        cap = AX_OPEN_MAX;
    KObject **obj = kmem_realloc(k, t->obj, (size_t)cap * sizeof *obj);
    if (!obj)
        return -AX_ENOMEM;
    t->obj = obj;
    uint8_t *ce = kmem_realloc(k, t->cloexec, (size_t)cap);
    if (!ce)
        return -AX_ENOMEM; /* obj grew; harmless, cap unchanged */
    t->cloexec = ce;
    memset(t->obj + t->cap, 0, (size_t)(cap - t->cap) * sizeof *obj);
    memset(t->cloexec + t->cap, 0, (size_t)(cap - t->cap));
    t->cap = cap;
    return 0;
}

static void fd_set(Kernel *k, FdTable *t, int fd, KObject *o, bool cloexec) {
    t->obj[fd] = o;
    t->cloexec[fd] = cloexec;
    t->used++;
    k->nfds++;
}

int fd_install(Kernel *k, Proc *p, KObject *o, int min, bool cloexec) {
    FdTable *t = &p->fds;
    if (min < 0 || min >= AX_OPEN_MAX)
        return -AX_EINVAL;
    int fd = min;
    while (fd < t->cap && t->obj[fd])
        fd++;
    if (fd >= AX_OPEN_MAX)
        return -AX_EMFILE;
    int r = fd_grow(k, t, fd);
    if (r < 0)
        return r;
    fd_set(k, t, fd, o, cloexec);
    return fd;
}

int fd_install_at(Kernel *k, Proc *p, KObject *o, int fd, bool cloexec) {
    if (fd < 0 || fd >= AX_OPEN_MAX)
        return -AX_EBADF;
    int r = fd_grow(k, &p->fds, fd);
    if (r < 0)
        return r;
    if (p->fds.obj[fd])
        fd_close(k, p, fd);
    fd_set(k, &p->fds, fd, o, cloexec);
    return fd;
}

int fd_close(Kernel *k, Proc *p, int fd) {
    KObject *o = fd_get(p, fd);
    if (!o)
        return -AX_EBADF;
    p->fds.obj[fd] = NULL;
    p->fds.cloexec[fd] = 0;
    p->fds.used--;
    k->nfds--;
    if (p->rec_locks)
        ipc_fd_closed(k, p, o);
    obj_unref(k, o);
    return 0;
}

int fd_free_count(const Proc *p) {
    return AX_OPEN_MAX - p->fds.used;
}

int fd_table_inherit(Kernel *k, Proc *child, const Proc *parent) {
    const FdTable *pt = &parent->fds;
    int top = -1;
    for (int fd = 0; fd < pt->cap; fd++)
        if (pt->obj[fd])
            top = fd;
    if (top < 0)
        return 0;
    int r = fd_grow(k, &child->fds, top);
    if (r < 0) {
        fd_table_release(k, child);
        return -AX_ENOMEM;
    }
    for (int fd = 0; fd <= top; fd++)
        if (pt->obj[fd])
            fd_set(k, &child->fds, fd, obj_ref(pt->obj[fd]), pt->cloexec[fd]);
    return 0;
}

void fd_close_cloexec(Kernel *k, Proc *p) {
    for (int fd = 0; fd < p->fds.cap; fd++)
        if (p->fds.obj[fd] && p->fds.cloexec[fd])
            fd_close(k, p, fd);
}

void fd_table_release(Kernel *k, Proc *p) {
    for (int fd = 0; fd < p->fds.cap; fd++)
        if (p->fds.obj[fd])
            fd_close(k, p, fd);
    kmem_free(k, p->fds.obj);
    kmem_free(k, p->fds.cloexec);
    memset(&p->fds, 0, sizeof p->fds);
}
