/* Opening paths, and program nodes (lookup for spawn/exec, installation).
 *
 * vfs_open makes every allocation before it changes the tree, so a failed
 * open creates nothing and truncates nothing. */
#include <string.h>

#include "loader/loader.h"
#include "vfs/internal.h"

/* The status flags an open object keeps. */
#define OBJ_FLAGS (AX_O_ACCMODE | AX_O_APPEND | AX_O_NONBLOCK)

/* Create a regular file named by vp (missing, in a directory) together
 * with its first open object. */
static int open_create(Kernel *k, Proc *p, const VPath *vp, int flags, uint32_t mode,
                       KObject **out) {
    VNode *dir = vp->dir;
    if (!vnode_dir_live(dir))
        return -AX_ENOENT;
    if (vfs_dir_sealed(k, dir))
        return -AX_EACCES;
    VAttrs attrs;
    vfs_new_attrs(p, dir, false, mode, &attrs);
    if (dirtab_reserve(k, &dir->u.dir.tab, 1) < 0)
        return -AX_ENOMEM;
    DirEnt *e = dirent_new(k, vp->name, vp->len, vp->hash);
    VNode *n = e ? vnode_new(k, VN_FILE, attrs.perm) : NULL;
    KObject *o = n ? obj_new(k, &vfs_file_ops, (uint32_t)flags & OBJ_FLAGS, n) : NULL;
    if (!o) {
        kmem_free(k, e);
        if (n)
            vnode_maybe_free(k, n);
        dirtab_shrink(k, &dir->u.dir.tab); /* undo the reservation */
        return -AX_ENOMEM;
    }
    n->refs = 1; /* the object's */
    vfs_set_owner(n, &attrs);
    tree_link(k, dir, e, n);
    *out = o;
    return 0;
}

int vfs_open_node(Kernel *k, Proc *p, VNode *n, int flags, KObject **out) {
    bool writable = (flags & AX_O_ACCMODE) != AX_O_RDONLY;
    uint32_t oflags = (uint32_t)flags & OBJ_FLAGS;
    if (n->type == VN_DIR) {
        if (writable || (flags & (AX_O_CREAT | AX_O_TRUNC)))
            return -AX_EISDIR;
        int denied = vfs_may_open(p, n, flags);
        return denied ? denied : vfs_dir_open(k, n, (int)oflags, out);
    }
    if (flags & AX_O_DIRECTORY)
        return -AX_ENOTDIR;
    int denied = vfs_may_open(p, n, flags);
    if (denied)
        return denied;
    if (n->type == VN_DEV)
        return vfs_dev_open(k, p, n, (int)oflags, out);
    if (n->type == VN_PROC) /* O_TRUNC asks for write: refused there */
        return procfs_open(k, p, n, flags, out);
    if (n->type == VN_FIFO || n->type == VN_SOCK) /* O_TRUNC means nothing to either */
        return n->u.special.ops && n->u.special.ops->open
                   ? n->u.special.ops->open(k, n, (int)oflags, out)
                   : -AX_ENXIO;
    /* O_TRUNC asks for write permission, even with O_RDONLY (Linux) */
    if (n->type == VN_PROG && (writable || (flags & AX_O_TRUNC)))
        return -AX_EACCES;
    KObject *o = obj_new(k, n->type == VN_PROG ? &vfs_prog_ops : &vfs_file_ops, oflags, n);
    if (!o)
        return -AX_ENOMEM;
    vfs_node_ref(n);
    /* Truncation last: it cannot fail, and a failed open must not do it.
     * O_RDONLY|O_TRUNC truncates too, as on Linux. */
    if (n->type == VN_FILE && (flags & AX_O_TRUNC))
        vfs_file_resize(k, n, 0);
    *out = o;
    return 0;
}

int vfs_open_ex(Kernel *k, Proc *p, VNode *start, const char *path, int flags, uint32_t mode,
                KObject **out, bool *created) {
    *created = false;
    /* A final symbolic link is followed, also to create its missing
     * target, unless O_NOFOLLOW or O_CREAT|O_EXCL (which must make a new
     * name: a dangling link there is EEXIST, as POSIX says). */
    bool excl = (flags & AX_O_CREAT) && (flags & AX_O_EXCL);
    unsigned how = (flags & AX_O_NOFOLLOW) || excl ? 0 : VW_FOLLOW;
    VPath vp;
    int r = vfs_walk_at(k, p, start, path, how, &vp);
    if (r < 0)
        return r;
    if ((flags & AX_O_ACCMODE) == AX_O_ACCMODE)
        return -AX_EINVAL;
    if (obj_room(k, 1) < 0)
        return -AX_ENFILE;
    if (vp.node) {
        if (excl)
            return -AX_EEXIST;
        if (vp.node->type == VN_SYMLINK) /* O_NOFOLLOW */
            return -AX_ELOOP;
        if (vp.node->type == VN_FDLINK)
            return fddev_open(k, vp.fd_proc, vp.fd, flags, out);
        if ((vp.flags & VP_SLASH) && vp.node->type != VN_DIR)
            return -AX_ENOTDIR;
        return vfs_open_node(k, p, vp.node, flags, out);
    }
    if (!(flags & AX_O_CREAT))
        return -AX_ENOENT;
    if (vp.flags & VP_SLASH) /* "newname/" cannot become a regular file */
        return -AX_EISDIR;
    if (flags & AX_O_DIRECTORY) /* O_CREAT|O_DIRECTORY never makes a directory */
        return -AX_EINVAL;
    if ((r = vfs_may_create(p, vp.dir)) < 0)
        return r;
    r = open_create(k, p, &vp, flags, mode, out);
    *created = r == 0;
    return r;
}

int vfs_open(Kernel *k, Proc *p, const char *path, int flags, uint32_t mode, KObject **out) {
    bool created;
    return vfs_open_ex(k, p, NULL, path, flags, mode, out, &created);
}

void vfs_uncreate(Kernel *k, Proc *p, VNode *start, const char *path, KObject *o) {
    VPath vp;
    if (vfs_walk_at(k, p, start, path, VW_FOLLOW, &vp) == 0 && vp.ent && vp.node == o->priv)
        tree_unlink(k, vp.dir, vp.ent);
}

int vfs_program_lookup(Kernel *k, Proc *p, const char *path, VProgram *out) {
    if (!out)
        return -AX_EFAULT;
    VNode *n;
    int r = vfs_lookup(k, p, path, &n);
    if (r < 0)
        return r;
    if (n->type != VN_PROG && n->type != VN_FILE)
        return -AX_EACCES;
    if ((r = vfs_may(p, n, AX_X_OK)) < 0)
        return r;
    if (n->type != VN_PROG)
        return -AX_ENOEXEC;
    out->main = n->u.prog.main;
    out->loaded = n->u.prog.loaded;
    out->uid = n->uid;
    out->gid = n->gid;
    out->mode = n->perm;
    out->node = n;
    return 0;
}

/* Make every directory on the way to path's last component exist. */
static int make_parents(Kernel *k, const char *path) {
    char buf[AX_PATH_MAX + 1];
    size_t len = strlen(path);
    memcpy(buf, path, len + 1);
    for (size_t i = 1; i < len; i++) {
        if (buf[i] != '/' || buf[i - 1] == '/')
            continue;
        buf[i] = '\0';
        VPath vp;
        int r = vfs_walk(k, NULL, buf, VW_FOLLOW, &vp);
        buf[i] = '/';
        if (r < 0)
            return r;
        if (!vp.node) {
            VNode *d;
            r = tree_create(k, vp.dir, vp.name, vp.len, vp.hash, VN_DIR, 0755, &d);
            if (r < 0)
                return r;
        } else if (vp.node->type != VN_DIR) {
            return -AX_ENOTDIR;
        }
    }
    return 0;
}

int vfs_obj_reopen_node(Kernel *k, KObject *o, int flags, KObject **out) {
    return vfs_open_node(k, k->cur, o->priv, flags, out);
}

/* Point a program node at main or lp (exactly one set), letting go of
 * what it ran before. */
static void prog_set(Kernel *k, VNode *n, ProgramMain main, struct LoadedProgram *lp) {
    struct LoadedProgram *old = n->u.prog.loaded;
    if (lp)
        loader_program_ref(lp);
    n->u.prog.main = main;
    n->u.prog.loaded = lp;
    loader_program_unref(k, old);
}

static int install_node(Kernel *k, const char *path, ProgramMain main, struct LoadedProgram *lp) {
    if (!path || !*path)
        return -AX_EINVAL;
    VPath vp;
    int r = vfs_walk(k, NULL, path, VW_PARENT, &vp);
    if (r == -AX_ENOENT) {
        r = make_parents(k, path);
        if (r == 0)
            r = vfs_walk(k, NULL, path, VW_PARENT, &vp);
    }
    if (r < 0)
        return r;
    if ((vp.flags & (VP_SLASH | VP_DOT | VP_DOTDOT | VP_ROOT)) ||
        (vp.node && vp.node->type == VN_DIR))
        return -AX_EISDIR;
    if (vp.node && vp.node->type == VN_PROG) {
        prog_set(k, vp.node, main, lp);
        vnode_touch_content(k, vp.node);
        return 0;
    }
    VNode *n;
    if (!vp.node)
        r = tree_create(k, vp.dir, vp.name, vp.len, vp.hash, VN_PROG, 0755, &n);
    else if (!(n = vnode_new(k, VN_PROG, 0755)))
        r = -AX_ENOMEM;
    else /* a file or device there: the program takes its name */
        tree_replace(k, vp.dir, vp.ent, n);
    if (r < 0)
        return r;
    prog_set(k, n, main, lp);
    return 0;
}

int vfs_install_program(Kernel *k, const char *path, ProgramMain main) {
    return main ? install_node(k, path, main, NULL) : -AX_EINVAL;
}

int vfs_install_loaded(Kernel *k, const char *path, struct LoadedProgram *lp) {
    return lp ? install_node(k, path, NULL, lp) : -AX_EINVAL;
}
