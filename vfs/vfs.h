/* The VFS: an in-memory tree of inodes (VNode), path resolution, and the
 * devices under /dev. This header is what the rest of the kernel uses;
 * vfs/ keeps its internals to itself (vfs/internal.h).
 *
 * Files:
 *   node.c     inodes: allocation, refcounts, stat
 *   dirhash.c  a directory's entries: hash table, O(1) lookup at any size
 *   tree.c     linking nodes under names, rename's move, teardown
 *   path.c     path resolution (no allocation)
 *   file.c     regular files (and program nodes) as open objects
 *   dir.c      open directories and readdir (sorted snapshots)
 *   dev.c      /dev/null, zero, full, random, urandom, console, tty, ptmx, pts/N
 *   fddev.c    /dev/fd/N, /dev/stdin, /dev/stdout, /dev/stderr
 *   open.c     vfs_open, program nodes
 *   syscalls.c open, stat, mkdir, rmdir, unlink, rename, exists, getcwd, chdir
 *   boot.c     vfs_init (the boot layout), vfs_fini
 *   procfs*.c  /proc (vfs/procfs.h)
 *
 * The fd syscalls on open files (read, write, lseek, fstat, readdir,
 * ftruncate, close, dup...) live in kernel/ and reach files through the
 * ObjOps this room gives each open object. Offsets are the KObject's, so
 * dup'd fds share them; all open objects of a file share its one inode.
 *
 * Paths: absolute, or relative to Proc.cwd; ".", "..", repeated slashes; a
 * trailing slash asks for a directory; ".." at "/" is "/". Path errors
 * (the "path errors" named below): -AX_EFAULT (NULL), -AX_ENOENT (empty,
 * or a component missing), -AX_ENAMETOOLONG (AX_PATH_MAX bytes or more,
 * or a component over AX_NAME_MAX), -AX_ENOTDIR (a non-directory used as
 * one).
 */
#ifndef AXOS_VFS_VFS_H
#define AXOS_VFS_VFS_H

#include "kernel/kernel.h"

typedef struct VNode VNode;
typedef struct VSpecialOps VSpecialOps;

/* Build the root, the boot layout (/bin /dev /etc /home /tmp (01777),
 * /etc/hostname "axos\n", /etc/motd) and the devices; seed /dev/random
 * from k->cfg.seed. Needs the clock (node times). Returns 0 or -AX_ENOMEM
 * (nothing is left allocated). */
int vfs_init(Kernel *k);
/* Free every node (kernel_destroy, after all processes and open objects
 * are gone: a node still referenced then is a leak and stays allocated). */
void vfs_fini(Kernel *k);

/* Does cfg name valid accounts (KernelConfig.user, the hashes, session)?
 * kernel_create refuses a config where it does not. */
bool vfs_accounts_valid(const KernelConfig *cfg);
/* The directory kernel_spawn's processes start in (the session user's
 * home, or "/"), borrowed; and the session user's login name. */
struct VNode *vfs_session_home(Kernel *k);
const char *vfs_session_user(Kernel *k);

/* Reference counting of nodes held outside the tree (a process's cwd,
 * open files). A node is freed when it has neither a name in a directory
 * nor a reference. NULL is a no-op for both. */
void vfs_node_ref(VNode *n);
void vfs_node_unref(Kernel *k, VNode *n);
/* The root directory (borrowed: take a reference to keep it as a cwd). */
VNode *vfs_root(Kernel *k);

/* Where an *at call's relative path starts: *start = the directory open
 * at dirfd in p's table, NULL for AX_AT_FDCWD (the cwd) and for a path
 * that is absolute, NULL or empty (dirfd is then not looked at, as on
 * Linux). Returns 0, -AX_EBADF (dirfd not open) or -AX_ENOTDIR (not a
 * directory). *start is borrowed from the fd: a call that may block
 * holds a reference of its own (vfs_node_ref). The plain calls pass
 * AX_AT_FDCWD, which costs them one compare. */
int vfs_at_dirfd(Proc *p, int dirfd, const char *path, VNode **start);
static inline int vfs_at_start(Proc *p, int dirfd, const char *path, VNode **start) {
    if (dirfd == AX_AT_FDCWD) {
        *start = NULL;
        return 0;
    }
    return vfs_at_dirfd(p, dirfd, path, start);
}

/* Open path for p (relative paths from p->cwd; p NULL: from "/") and
 * return a new KObject with refcount 1 in *out. flags as sys_open:
 * AX_O_RDONLY / WRONLY / RDWR, CREAT (mode: permission bits), EXCL, TRUNC,
 * APPEND, NONBLOCK, DIRECTORY; AX_O_CLOEXEC is the caller's (fd flag).
 * The object's flags keep the access mode, AX_O_APPEND and AX_O_NONBLOCK.
 * Errors: path errors, -AX_EINVAL (access mode 3, or CREAT|DIRECTORY
 * making a file), -AX_EEXIST (CREAT|EXCL on an existing path), -AX_EISDIR
 * (a directory opened for writing, with CREAT or TRUNC, or "name/" to be
 * created), -AX_ENOTDIR (DIRECTORY on a non-directory), -AX_EACCES (a
 * program node opened for writing), -AX_ENOMEM. On error nothing is
 * created or truncated. */
int vfs_open(Kernel *k, Proc *p, const char *path, int flags, uint32_t mode, KObject **out);

/* vfs_open with a relative path starting at the directory start (NULL:
 * p's cwd; openat), and *created says whether it made a new file, so that
 * a caller failing afterwards can take it back with vfs_uncreate. The
 * caller keeps start alive across the call (the open of a FIFO may wait). */
int vfs_open_ex(Kernel *k, Proc *p, VNode *start, const char *path, int flags, uint32_t mode,
                KObject **out, bool *created);

/* Take back the file vfs_open_ex created as o at path (from start, as
 * given to it): its name goes if it still names o's file (o itself is the
 * caller's to drop). Cannot fail. */
void vfs_uncreate(Kernel *k, Proc *p, VNode *start, const char *path, KObject *o);

/* What exec needs of a program node: what it runs (a main built into the
 * host, or a program loaded from a file, loader/, whose processes each
 * get an image), and its owner and mode for the set-user-ID and
 * set-group-ID bits (cred_exec). */
typedef struct VProgram {
    ProgramMain main;
    struct LoadedProgram *loaded;
    uint32_t uid, gid, mode;
    VNode *node;  /* the program node (borrowed): Proc.exe, /proc/PID/exe */
} VProgram;

/* Resolve path to a program p may execute (execve's checks, as Linux):
 * path errors; -AX_EACCES for a directory, device, FIFO or socket, or a
 * file without execute permission for p (root needs one execute bit);
 * -AX_ENOEXEC for an executable regular file that is no program (a
 * script: the shell then runs it itself); -AX_EFAULT (out NULL). *out is
 * borrowed: valid until the node changes. */
int vfs_program_lookup(Kernel *k, Proc *p, const char *path, VProgram *out);

/* Install a program node (kernel_install_program): mode 0755, creating
 * missing parent directories (mode 0755); a program already at path gets
 * the new main; a file or device there is replaced. Relative paths start
 * at "/". Returns 0, -AX_EINVAL (path or main NULL, path empty),
 * -AX_EISDIR (path names a directory or ends with '/'), -AX_ENOTDIR,
 * -AX_ENAMETOOLONG, -AX_ENOMEM (parents made before the failure stay). */
int vfs_install_program(Kernel *k, const char *path, ProgramMain main);
/* The same for a loaded program (kernel_load_program): on success the node
 * takes a reference to lp; on error lp is untouched. */
int vfs_install_loaded(Kernel *k, const char *path, struct LoadedProgram *lp);

/* FIFOs and UNIX socket names: the inode is the VFS's, what it stands for
 * belongs to ipc/, which hands the node its operations when it makes it
 * and keeps its own state in the node's priv pointer. */
typedef struct VSpecialOps {
    /* open(2) of the node, with the caller's flags (access mode,
     * O_NONBLOCK...): a new object in *out, or -AX_*. May wait in place
     * (sched_wait_here) and return -KERR_INTR. NULL: -AX_ENXIO (a socket
     * is not opened, it is connected to). */
    int (*open)(Kernel *k, VNode *n, int flags, KObject **out);
} VSpecialOps;

/* Make a node at path for p (a relative path from the directory start;
 * NULL: p's cwd): mode's file type is AX_S_IFREG (or 0),
 * AX_S_IFIFO or AX_S_IFSOCK, its permission bits the node's. ops (may be
 * NULL for a regular file) become the node's; *out (may be NULL) gets the
 * node, borrowed: it lives by its name. Returns 0, path errors,
 * -AX_EEXIST (anything at path, "/", "." and ".." included), -AX_EACCES
 * (a sealed directory: /dev), -AX_ENOENT (the directory was removed),
 * -AX_EINVAL (another file type), -AX_ENOMEM. Nothing changes on error. */
int vfs_mknod(Kernel *k, Proc *p, VNode *start, const char *path, uint32_t mode,
              const VSpecialOps *ops, VNode **out);

/* What path names for p, when it is a node of file type `type`
 * (AX_S_IFSOCK...): 0 and *out (borrowed), path errors (-AX_ENOENT...),
 * or -AX_ECONNREFUSED when it is something else (connect's answer). */
int vfs_lookup_special(Kernel *k, Proc *p, const char *path, uint32_t type, VNode **out);

/* The priv pointer ipc keeps in a VN_FIFO or VN_SOCK node. */
void *vfs_node_priv(const VNode *n);
void vfs_node_set_priv(VNode *n, void *priv);

/* stat of a node (an open FIFO's fstat shows its inode). */
void vfs_node_stat(const VNode *n, FileStat *st);

/* /dev/pts/<index>, the slave node of a pseudo-terminal pair: opening it
 * calls pty_open_slave(pty). Made with mode 0620; /dev/pts is sealed (no
 * other names are made, removed or moved there), so the name is free.
 * Returns 0, *out (a referenced node, for vfs_pts_remove) and *ino (its
 * inode number), or -AX_ENOMEM. */
int vfs_pts_add(Kernel *k, int index, void *pty, VNode **out, uint64_t *ino);
/* The pair is gone: unlink /dev/pts/<index> and drop the reference
 * vfs_pts_add gave. */
void vfs_pts_remove(Kernel *k, int index, VNode *n);

/* Process p is reaped: its /proc/PID (if a lookup made one) goes. Only
 * called when p->proc_dir is set. Cannot fail. */
void procfs_proc_gone(Kernel *k, Proc *p);
/* Let go of p->exe (NULL is a no-op); set it to n, referenced. */
void vfs_set_exe(Kernel *k, Proc *p, VNode *n);

/* Number of live inodes (kernel_stats). 0 before vfs_init. */
uint64_t vfs_node_count(Kernel *k);

/* ---- durability (durable.c): what a power loss keeps ---- */

/* A draw in [0, bound) (bound >= 1) from the caller's seeded stream. */
typedef uint64_t (*VfsCrashDraw)(void *ud, uint64_t bound);
typedef struct VfsCrashStats {
    uint64_t kept, dropped, torn; /* dirty files, by what the crash did */
} VfsCrashStats;
/* sync(2): every file's data is durable now. */
void vfs_sync_all(Kernel *k);
/* A power loss: each file changed since its last fsync is kept, dropped
 * back to its durable data, or torn, as draw decides; every file is
 * durable afterwards. Directory entries stay as they are. 0, or
 * -AX_ENOMEM (some directories could not be walked). */
int vfs_crash(Kernel *k, VfsCrashDraw draw, void *ud, VfsCrashStats *st);
/* Bytes in all regular files (the sizes KernelConfig.fs_capacity counts). */
uint64_t vfs_file_bytes(const Kernel *k);

#endif
