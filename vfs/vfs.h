/* The VFS: an in-memory tree of inodes (VNode), path resolution, and the
 * devices under /dev. This header is what the rest of the kernel uses;
 * vfs/ keeps its internals to itself. */
#ifndef AXOS_VFS_VFS_H
#define AXOS_VFS_VFS_H

#include "kernel/kernel.h"

typedef struct VNode VNode;

/* Build the root, the boot layout (/bin /dev /etc /home /tmp,
 * /etc/hostname, /etc/motd) and the devices. Returns 0 or -AX_ENOMEM. */
int vfs_init(Kernel *k);
/* Free every node (kernel_destroy, after all processes are gone). */
void vfs_fini(Kernel *k);

/* Reference counting of nodes held outside the tree (cwd, open files). */
void vfs_node_ref(VNode *n);
void vfs_node_unref(Kernel *k, VNode *n);
VNode *vfs_root(Kernel *k);

/* Open path for p (relative paths from p->cwd; p NULL: from "/") and
 * return a new KObject with refcount 1 in *out. Flags and errors as
 * sys_open. */
int vfs_open(Kernel *k, Proc *p, const char *path, int flags, uint32_t mode, KObject **out);

/* Resolve path to an executable program. Returns 0 and *main, or
 * -AX_ENOENT / -AX_ENOTDIR / -AX_EACCES (exists, not a program) and the
 * path errors. */
int vfs_program_lookup(Kernel *k, Proc *p, const char *path, ProgramMain *main);

/* Install a program node (kernel_install_program). */
int vfs_install_program(Kernel *k, const char *path, ProgramMain main);

/* Number of live inodes (kernel_stats). */
uint64_t vfs_node_count(Kernel *k);

#endif
