/* The path syscalls: open, stat, mkdir, rmdir, unlink, rename, exists,
 * getcwd, chdir, and their *at forms (openat, fstatat, mkdirat,
 * unlinkat, renameat). Each plain call is its *at form with the cwd as
 * the start directory: one implementation per call takes the start.
 * (The fd calls that reach open objects - read, write, lseek, fstat,
 * readdir, ftruncate... - live in kernel/ and call the ObjOps of
 * vfs/file.c, dir.c and dev.c.)
 *
 * Each handler checks everything before it changes anything, so an error
 * leaves the tree as it was. */
#include <string.h>

#include "kernel/fd.h"
#include "syscall/handlers.h"
#include "vfs/internal.h"

/* openat's hold on its start directory, for a task killed in a FIFO's
 * open (WaitUndo). */
typedef struct StartUndo {
    WaitUndo u;
    VNode *dir;
} StartUndo;

static void start_undo(Kernel *k, WaitUndo *u) { vfs_node_unref(k, ((StartUndo *)u)->dir); }

/* open and openat. Inlined into each: the plain call is the hot one, and
 * a shared out-of-line body cost it ~15 instructions (callgrind). */
static inline __attribute__((always_inline)) int64_t open_at(Kernel *k, int dirfd,
                                                             const char *path, int flags,
                                                             uint32_t mode) {
    Proc *p = k->cur;
    if (fd_free_count(p) == 0) /* Linux takes the fd before walking */
        return -AX_EMFILE;
    VNode *start;
    int r = vfs_at_start(p, dirfd, path, &start);
    if (r < 0)
        return r;
    /* The open of a FIFO waits in place: the start directory is held for
     * the call (a failed install walks again from it to take its new file
     * back), and let go by proc_exit if the task is killed there. */
    StartUndo undo = {{NULL, start_undo}, start};
    if (start) {
        vfs_node_ref(start);
        proc_undo_push(p, &undo.u);
    }
    KObject *o;
    bool created;
    int64_t fd = vfs_open_ex(k, p, start, path, flags, mode, &o, &created);
    if (fd == 0) {
        fd = fd_install(k, p, o, 0, (flags & AX_O_CLOEXEC) != 0);
        if (fd < 0) {
            if (created)
                vfs_uncreate(k, p, start, path, o);
            obj_unref(k, o);
        } else {
            obj_open_ctty(k, p, o, flags);
        }
    }
    if (start) {
        proc_undo_pop(p, &undo.u);
        vfs_node_unref(k, start);
    }
    return fd;
}

int64_t ksys_open(Kernel *k, const SyscallArgs *a) {
    return open_at(k, AX_AT_FDCWD, ARG_PTR(const char *, 0), ARG_INT(1), (uint32_t)ARG_U64(2));
}

int64_t ksys_openat(Kernel *k, const SyscallArgs *a) {
    return open_at(k, ARG_INT(0), ARG_PTR(const char *, 1), ARG_INT(2), (uint32_t)ARG_U64(3));
}

/* stat, lstat and fstatat: how says whether a final symbolic link is
 * followed. Inlined into each, as open_at. */
static inline __attribute__((always_inline)) int64_t stat_at(Kernel *k, int dirfd,
                                                             const char *path, FileStat *st,
                                                             unsigned how) {
    if (!st)
        return -AX_EFAULT;
    VNode *start;
    int r = vfs_at_start(k->cur, dirfd, path, &start);
    if (r < 0)
        return r;
    VPath vp;
    if ((r = vfs_walk_at(k, k->cur, start, path, how, &vp)) < 0)
        return r;
    if (!vp.node)
        return -AX_ENOENT;
    /* stat follows a name for an fd, as a symlink; lstat shows the name */
    if (vp.node->type == VN_FDLINK && ((how & VW_FOLLOW) || (vp.flags & VP_SLASH)))
        return obj_stat(k, fd_get(vp.fd_proc, vp.fd), st);
    if ((vp.flags & VP_SLASH) && vp.node->type != VN_DIR)
        return -AX_ENOTDIR;
    vnode_stat(vp.node, st);
    return 0;
}

int64_t ksys_stat(Kernel *k, const SyscallArgs *a) {
    return stat_at(k, AX_AT_FDCWD, ARG_PTR(const char *, 0), ARG_PTR(FileStat *, 1), VW_FOLLOW);
}

int64_t ksys_lstat(Kernel *k, const SyscallArgs *a) {
    return stat_at(k, AX_AT_FDCWD, ARG_PTR(const char *, 0), ARG_PTR(FileStat *, 1), 0);
}

int64_t ksys_fstatat(Kernel *k, const SyscallArgs *a) {
    int dirfd = ARG_INT(0);
    const char *path = ARG_PTR(const char *, 1);
    FileStat *st = ARG_PTR(FileStat *, 2);
    int flags = ARG_INT(3);
    /* Linux's vfs_fstatat: the flags first (AT_NO_AUTOMOUNT means
     * nothing here: nothing is automounted) */
    if (flags & ~(AX_AT_SYMLINK_NOFOLLOW | AX_AT_NO_AUTOMOUNT | AX_AT_EMPTY_PATH))
        return -AX_EINVAL;
    if (vfs_at_empty(flags, path)) { /* the file open at dirfd itself */
        if (!st)
            return -AX_EFAULT;
        if (dirfd == AX_AT_FDCWD) {
            vnode_stat(vfs_cwd(k, k->cur), st);
            return 0;
        }
        KObject *o = fd_get(k->cur, dirfd);
        return o ? obj_stat(k, o, st) : -AX_EBADF;
    }
    return stat_at(k, dirfd, path, st, (flags & AX_AT_SYMLINK_NOFOLLOW) ? 0 : VW_FOLLOW);
}

/* The name path leads to from dirfd, for a call that acts on the name
 * itself (VW_PARENT): 0 and *vp, or a dirfd or path error. */
static int name_at(Kernel *k, int dirfd, const char *path, VPath *vp) {
    VNode *start;
    int r = vfs_at_start(k->cur, dirfd, path, &start);
    return r < 0 ? r : vfs_walk_at(k, k->cur, start, path, VW_PARENT, vp);
}

static int64_t mkdir_at(Kernel *k, int dirfd, const char *path, uint32_t mode) {
    VPath vp;
    int r = name_at(k, dirfd, path, &vp);
    if (r < 0)
        return r;
    if (vp.node) /* also "/", "." and ".." */
        return -AX_EEXIST;
    if (vfs_dir_sealed(k, vp.dir))
        return -AX_EACCES;
    if ((r = vfs_may_create(k->cur, vp.dir)) < 0)
        return r;
    VAttrs attrs;
    vfs_new_attrs(k->cur, vp.dir, true, mode, &attrs);
    VNode *d;
    r = tree_create(k, vp.dir, vp.name, vp.len, vp.hash, VN_DIR, attrs.perm, &d);
    if (r == 0)
        vfs_set_owner(d, &attrs);
    return r;
}

int64_t ksys_mkdir(Kernel *k, const SyscallArgs *a) {
    return mkdir_at(k, AX_AT_FDCWD, ARG_PTR(const char *, 0), (uint32_t)ARG_U64(1));
}

int64_t ksys_mkdirat(Kernel *k, const SyscallArgs *a) {
    return mkdir_at(k, ARG_INT(0), ARG_PTR(const char *, 1), (uint32_t)ARG_U64(2));
}

int vfs_mknod(Kernel *k, Proc *p, VNode *start, const char *path, uint32_t mode,
              const VSpecialOps *ops, VNode **out) {
    VnType type;
    switch (mode & AX_S_IFMT) {
    case 0:
    case AX_S_IFREG: type = VN_FILE; break;
    case AX_S_IFIFO: type = VN_FIFO; break;
    case AX_S_IFSOCK: type = VN_SOCK; break;
    default: return -AX_EINVAL;
    }
    VPath vp;
    int r = vfs_walk_at(k, p, start, path, VW_PARENT, &vp);
    if (r < 0)
        return r;
    if (vp.node) /* also "/", "." and ".." */
        return -AX_EEXIST;
    if (vfs_dir_sealed(k, vp.dir))
        return -AX_EACCES;
    if ((r = vfs_may_create(p, vp.dir)) < 0)
        return r;
    VAttrs attrs;
    vfs_new_attrs(p, vp.dir, false, mode & 07777, &attrs);
    VNode *n;
    r = tree_create(k, vp.dir, vp.name, vp.len, vp.hash, type, attrs.perm, &n);
    if (r < 0)
        return r;
    vfs_set_owner(n, &attrs);
    if (type != VN_FILE)
        n->u.special.ops = ops;
    if (out)
        *out = n;
    return 0;
}

int vfs_lookup_special(Kernel *k, Proc *p, const char *path, uint32_t type, VNode **out) {
    VNode *n;
    int r = vfs_lookup(k, p, path, &n);
    if (r < 0)
        return r;
    FileStat st;
    vnode_stat(n, &st);
    if ((st.mode & AX_S_IFMT) != type)
        return -AX_ECONNREFUSED;
    *out = n;
    return 0;
}

static int64_t rmdir_at(Kernel *k, int dirfd, const char *path) {
    VPath vp;
    int r = name_at(k, dirfd, path, &vp);
    if (r < 0)
        return r;
    if (vp.flags & VP_ROOT)
        return -AX_EBUSY;
    if (vp.flags & VP_DOT)
        return -AX_EINVAL;
    if (vp.flags & VP_DOTDOT) /* the parent holds at least the caller's dir */
        return -AX_ENOTEMPTY;
    if (!vp.node)
        return -AX_ENOENT;
    /* Linux's order: may_delete (permission, sticky, type), then the
     * directory's emptiness */
    if ((r = vfs_may_delete(k->cur, vp.dir, vp.node)) < 0)
        return r;
    if (vp.node->type != VN_DIR)
        return -AX_ENOTDIR;
    if (vp.node->u.dir.tab.count > 0)
        return -AX_ENOTEMPTY;
    if (vfs_dir_sealed(k, vp.dir))
        return -AX_EACCES;
    tree_unlink(k, vp.dir, vp.ent);
    return 0;
}

int64_t ksys_rmdir(Kernel *k, const SyscallArgs *a) {
    return rmdir_at(k, AX_AT_FDCWD, ARG_PTR(const char *, 0));
}

static int64_t unlink_at(Kernel *k, int dirfd, const char *path) {
    VPath vp;
    int r = name_at(k, dirfd, path, &vp);
    if (r < 0)
        return r;
    if (!vp.node)
        return -AX_ENOENT;
    /* "/", ".", ".." and "name/" are refused before any permission
     * check; a plain name of a directory after it (Linux's may_delete) */
    if (vp.flags & (VP_ROOT | VP_DOT | VP_DOTDOT))
        return -AX_EISDIR;
    if (vp.flags & VP_SLASH)
        return vp.node->type == VN_DIR ? -AX_EISDIR : -AX_ENOTDIR;
    if ((r = vfs_may_delete(k->cur, vp.dir, vp.node)) < 0)
        return r;
    if (vp.node->type == VN_DIR)
        return -AX_EISDIR;
    if (vfs_dir_sealed(k, vp.dir))
        return -AX_EACCES;
    tree_unlink(k, vp.dir, vp.ent);
    return 0;
}

int64_t ksys_unlink(Kernel *k, const SyscallArgs *a) {
    return unlink_at(k, AX_AT_FDCWD, ARG_PTR(const char *, 0));
}

int64_t ksys_unlinkat(Kernel *k, const SyscallArgs *a) {
    int dirfd = ARG_INT(0), flags = ARG_INT(2);
    const char *path = ARG_PTR(const char *, 1);
    if (flags & ~AX_AT_REMOVEDIR) /* Linux checks them first */
        return -AX_EINVAL;
    return (flags & AX_AT_REMOVEDIR) ? rmdir_at(k, dirfd, path) : unlink_at(k, dirfd, path);
}

/* The POSIX checks of rename(n at vo, to vn) by p, in Linux's order.
 * Returns 0 when the move may go ahead, 1 when there is nothing to do, or
 * -AX_E*. */
static int rename_check(Proc *p, const VPath *vo, const VPath *vn) {
    const unsigned special = VP_ROOT | VP_DOT | VP_DOTDOT;
    if ((vo->flags & special) || (vn->flags & special))
        return -AX_EBUSY;
    VNode *n = vo->node, *m = vn->node;
    if (!n)
        return -AX_ENOENT;
    bool is_dir = n->type == VN_DIR;
    if (!is_dir && ((vo->flags | vn->flags) & VP_SLASH))
        return -AX_ENOTDIR;
    if (m == n)
        return 1;
    if (is_dir && tree_is_ancestor(n, vn->dir))
        return -AX_EINVAL;
    int r = vfs_may_delete(p, vo->dir, n);
    if (r == 0)
        r = m ? vfs_may_delete(p, vn->dir, m) : vfs_may_create(p, vn->dir);
    /* a directory moved to another parent rewrites its "..": it must be
     * writable too */
    if (r == 0 && is_dir && vo->dir != vn->dir)
        r = vfs_may(p, n, AX_W_OK);
    if (r < 0)
        return r;
    if (!m)
        return vnode_dir_live(vn->dir) ? 0 : -AX_ENOENT;
    if (is_dir && m->type != VN_DIR)
        return -AX_ENOTDIR;
    if (!is_dir && m->type == VN_DIR)
        return -AX_EISDIR;
    if (m->type == VN_DIR && m->u.dir.tab.count > 0)
        return -AX_ENOTEMPTY;
    return 0;
}

static int64_t rename_at(Kernel *k, int olddirfd, const char *oldpath, int newdirfd,
                         const char *newpath) {
    VPath vo, vn;
    int r = name_at(k, olddirfd, oldpath, &vo);
    if (r == 0)
        r = name_at(k, newdirfd, newpath, &vn);
    if (r == 0)
        r = rename_check(k->cur, &vo, &vn);
    if (r == 0 && (vfs_dir_sealed(k, vo.dir) || vfs_dir_sealed(k, vn.dir)))
        r = -AX_EACCES;
    if (r != 0)
        return r < 0 ? r : 0;
    DirEnt *ne = vn.ent;
    if (!ne) {
        if (dirtab_reserve(k, &vn.dir->u.dir.tab, 1) < 0)
            return -AX_ENOMEM;
        if (!(ne = dirent_new(k, vn.name, vn.len, vn.hash))) {
            dirtab_shrink(k, &vn.dir->u.dir.tab);
            return -AX_ENOMEM;
        }
    }
    tree_move(k, vo.dir, vo.ent, vn.dir, ne);
    return 0;
}

int64_t ksys_rename(Kernel *k, const SyscallArgs *a) {
    return rename_at(k, AX_AT_FDCWD, ARG_PTR(const char *, 0), AX_AT_FDCWD,
                     ARG_PTR(const char *, 1));
}

int64_t ksys_renameat(Kernel *k, const SyscallArgs *a) {
    return rename_at(k, ARG_INT(0), ARG_PTR(const char *, 1), ARG_INT(2), ARG_PTR(const char *, 3));
}

int64_t ksys_exists(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = vfs_lookup(k, k->cur, ARG_PTR(const char *, 0), &n);
    if (r == -AX_ENOENT || r == -AX_ENOTDIR)
        return 0;
    return r < 0 ? r : 1;
}

int64_t ksys_getcwd(Kernel *k, const SyscallArgs *a) {
    char *buf = ARG_PTR(char *, 0);
    size_t size = ARG_SIZE(1);
    if (!buf)
        return -AX_EFAULT;
    if (size == 0)
        return -AX_EINVAL; /* POSIX; only a short buffer is ERANGE */
    VNode *root = k->vfs->root, *cwd = vfs_cwd(k, k->cur);
    if (cwd != root && !cwd->u.dir.self) /* removed: no path leads to it */
        return -AX_ENOENT;
    size_t len = 0;
    for (VNode *d = cwd; d != root; d = d->u.dir.parent)
        len += 1 + d->u.dir.self->len;
    if (len == 0)
        len = 1;
    if (size < len + 1)
        return -AX_ERANGE;
    buf[0] = '/';
    buf[len] = '\0';
    size_t end = len;
    for (VNode *d = cwd; d != root; d = d->u.dir.parent) {
        const DirEnt *e = d->u.dir.self;
        end -= e->len;
        memcpy(buf + end, e->name, e->len);
        buf[--end] = '/';
    }
    return (int64_t)len;
}

/* chdir and fchdir: n (may be NULL: an fd's object outside the tree)
 * becomes p's cwd. */
static int64_t set_cwd(Kernel *k, Proc *p, VNode *n) {
    if (!n || n->type != VN_DIR)
        return -AX_ENOTDIR;
    int r = vfs_may(p, n, AX_X_OK);
    if (r < 0)
        return r;
    vfs_node_ref(n);
    if (p->cwd)
        vfs_node_unref(k, p->cwd);
    p->cwd = n;
    return 0;
}

int64_t ksys_chdir(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = vfs_lookup(k, k->cur, ARG_PTR(const char *, 0), &n);
    return r < 0 ? r : set_cwd(k, k->cur, n);
}

int64_t ksys_fchdir(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    return o ? set_cwd(k, k->cur, vfs_obj_node(o)) : -AX_EBADF;
}
