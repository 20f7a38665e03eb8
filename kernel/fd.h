/* Per-process fd tables: slots that hold a reference to a KObject plus the
 * close-on-exec flag. The lowest free fd is always the one given; the
 * table grows on demand up to AX_OPEN_MAX. */
#ifndef AXOS_KERNEL_FD_H
#define AXOS_KERNEL_FD_H

#include "kernel/kernel.h"

/* Install o (the caller's reference moves into the table) at the lowest
 * free fd >= min. Returns the fd, or -AX_EMFILE / -AX_ENOMEM, in which case
 * the caller still owns its reference. */
int fd_install(Kernel *k, Proc *p, KObject *o, int min, bool cloexec);

/* Install o at exactly fd, closing what was there. Same ownership rule.
 * Returns fd or -AX_EBADF (fd out of range) / -AX_ENOMEM. */
int fd_install_at(Kernel *k, Proc *p, KObject *o, int fd, bool cloexec);

/* The object at fd (borrowed), or NULL. */
static inline KObject *fd_get(Proc *p, int fd) {
    if (fd < 0 || fd >= p->fds.cap)
        return NULL;
    return p->fds.obj[fd];
}

/* Close fd. Returns 0 or -AX_EBADF. */
int fd_close(Kernel *k, Proc *p, int fd);

/* How many free slots p has (for calls that need several at once). */
int fd_free_count(const Proc *p);

/* Copy parent's table into child's (empty) table, close-on-exec flags
 * included, taking a reference per fd (spawn closes the close-on-exec ones
 * only after its file actions, as posix_spawn does). Returns 0 or
 * -AX_ENOMEM (child's table is left empty). */
int fd_table_inherit(Kernel *k, Proc *child, const Proc *parent);

/* Close every close-on-exec fd (exec). */
void fd_close_cloexec(Kernel *k, Proc *p);

/* Close everything and free the table (exit). */
void fd_table_release(Kernel *k, Proc *p);

#endif
