/* Path resolution: absolute paths from the root, relative ones from the
 * caller's cwd or from the directory an *at call names by its dirfd;
 * ".", "..", repeated slashes, a trailing slash (which asks for a
 * directory), ".." at the root staying at the root, and symbolic
 * links followed as Linux's path walk does, /proc's links (self,
 * PID/cwd...) too. Each directory looked in must grant the caller search
 * permission, those a link leads through too.
 *
 * The walk reads the path in place and allocates nothing (but /proc,
 * which makes /proc/PID at its first lookup): each component is hashed
 * and looked up in its directory's table as it is met. A link
 * met before the last component continues the walk in its target (from
 * the root when the target is absolute, else from the link's directory);
 * the rest of the path waits on a small stack, as at most AX_SYMLOOP_MAX
 * links are followed in one walk. Targets live in their link nodes, which
 * stay put while the walk runs (it changes nothing). */
#include <string.h>

#include "kernel/fd.h"
#include "vfs/internal.h"

VNode *vfs_cwd(Kernel *k, Proc *p) {
    return p && p->cwd ? p->cwd : k->vfs->root;
}

/* Linux's may_follow_link with fs.protected_symlinks = 1 (Debian's
 * default): in a sticky directory anyone may write to (/tmp), a link is
 * followed only by its owner, or when the directory's owner owns it too;
 * not even root is exempt. */
static bool walk_may_follow(const Proc *p, const VNode *dir, const VNode *link) {
    if (!p || p->cred.euid == link->uid)
        return true;
    if ((dir->perm & (AX_S_ISVTX | 0002)) != (AX_S_ISVTX | 0002))
        return true;
    return dir->uid == link->uid;
}

int vfs_walk_at(Kernel *k, Proc *p, VNode *start, const char *path, unsigned how, VPath *out) {
    if (!path)
        return -AX_EFAULT;
    /* POSIX: an empty path names nothing; PATH_MAX counts the NUL. */
    size_t total = strnlen(path, AX_PATH_MAX);
    if (total == 0)
        return -AX_ENOENT;
    if (total >= AX_PATH_MAX)
        return -AX_ENAMETOOLONG;

    VNode *cur = path[0] == '/' ? k->vfs->root : start ? start : vfs_cwd(k, p);
    const char *s = path;
    /* what is left of the paths whose links are being followed */
    const char *rest[AX_SYMLOOP_MAX];
    unsigned depth = 0, follows = 0;
    unsigned carry = 0; /* VP_SLASH: a final link followed had a trailing slash */
    memset(out, 0, sizeof *out);
    for (;;) {
        while (*s == '/')
            s++;
        if (*s == '\0') {
            if (depth > 0) { /* a link's target is done: back to its path */
                s = rest[--depth];
                continue;
            }
            /* No component at all: "/" (or "///", or a final link to "/"). */
            out->node = cur;
            out->flags = VP_ROOT | VP_SLASH;
            return 0;
        }
        const char *name = s;
        while (*s && *s != '/')
            s++;
        size_t len = (size_t)(s - name);
        if (len > AX_NAME_MAX)
            return -AX_ENAMETOOLONG;
        /* Is this the last component? Skip the slashes that follow. */
        const char *next = s;
        while (*next == '/')
            next++;
        bool last = *next == '\0' && depth == 0;

        if (cur->type != VN_DIR)
            return -AX_ENOTDIR;
        /* every lookup in a directory, "." and ".." included, needs its
         * search permission (Linux's may_lookup) */
        int denied = vfs_may_search(p, cur);
        if (denied)
            return denied;
        VNode *found, *link = NULL; /* link: a /proc link followed */
        DirEnt *e = NULL;
        unsigned flags = 0;
        uint64_t hash = 0;
        if (len == 1 && name[0] == '.') {
            found = cur;
            flags = VP_DOT;
        } else if (len == 2 && name[0] == '.' && name[1] == '.') {
            found = cur->u.dir.parent;
            flags = VP_DOTDOT;
        } else if (cur->u.dir.procfs) {
            hash = dirtab_hash(name, len);
            int r = procfs_lookup(k, p, cur, name, len, hash, out, &found, &e);
            if (r < 0)
                return r;
            /* A /proc link leads where procfs says; it is followed as a
             * symbolic link would be, and counts as one. */
            if (found && found->type == VN_PROCLINK &&
                (!last || (how & VW_FOLLOW) || (!(how & VW_PARENT) && (next != s || carry)))) {
                if (++follows > AX_SYMLOOP_MAX)
                    return -AX_ELOOP;
                link = found;
                if ((r = procfs_follow(k, p, link, &found)) < 0)
                    return r;
                e = NULL;
            }
        } else {
            hash = dirtab_hash(name, len);
            e = dirtab_find(&cur->u.dir.tab, name, len, hash);
            found = e ? e->node : NULL;
            if (__builtin_expect(!found, 0)) {
                if (cur == k->vfs->fd_dir) {
                    found = fddev_lookup(k, p, name, len, &out->fd);
                    out->fd_proc = p;
                }
            } else if (__builtin_expect(found->type < VN_WALK_SPECIAL, 1)) {
                /* a plain step */
            } else if (found->type == VN_SYMLINK) {
                /* Followed unless it is the last component, asked for
                 * as itself, without a trailing slash (Linux's
                 * lookup_last forces following for "link/", and so for
                 * the links that one leads to). */
                if (!last || (how & VW_FOLLOW) ||
                    (!(how & VW_PARENT) && (next != s || carry))) {
                    if (++follows > AX_SYMLOOP_MAX)
                        return -AX_ELOOP;
                    if (!walk_may_follow(p, cur, found))
                        return -AX_EACCES;
                    if (last)
                        carry |= next != s ? VP_SLASH : 0;
                    else
                        rest[depth++] = next;
                    s = found->u.link.target;
                    if (*s == '\0') /* only a half-loaded disk has one */
                        return -AX_ENOENT;
                    if (*s == '/')
                        cur = k->vfs->root;
                    continue;
                }
            } else if (found->type == VN_FDLINK) {
                out->fd = found->u.fd;
                out->fd_proc = p;
                if (!p || !fd_get(p, out->fd)) /* the fd is closed: a dangling name */
                    found = NULL, e = NULL;
            }
        }
        if (last) {
            out->link = link;
            out->dir = cur;
            out->node = found;
            out->ent = e;
            out->name = name;
            out->len = len;
            out->hash = hash;
            out->flags = flags | carry | (next != s ? VP_SLASH : 0);
            return 0;
        }
        if (!found)
            return -AX_ENOENT;
        cur = found;
        s = next;
    }
}

int vfs_at_dirfd(Proc *p, int dirfd, const char *path, VNode **start) {
    *start = NULL;
    /* Linux's path_init: an absolute path (and a NULL or empty one, which
     * the walk refuses) never looks at dirfd */
    if (dirfd == AX_AT_FDCWD || !path || path[0] == '/' || path[0] == '\0')
        return 0;
    KObject *o = p ? fd_get(p, dirfd) : NULL;
    if (!o)
        return -AX_EBADF;
    VNode *n = vfs_obj_node(o);
    if (!n || n->type != VN_DIR)
        return -AX_ENOTDIR;
    *start = n;
    return 0;
}

int vfs_at_fd_node(Kernel *k, Proc *p, int dirfd, VNode **out) {
    if (dirfd == AX_AT_FDCWD) {
        *out = vfs_cwd(k, p);
        return 0;
    }
    KObject *o = p ? fd_get(p, dirfd) : NULL;
    if (!o)
        return -AX_EBADF;
    *out = vfs_obj_node(o);
    return 0;
}

int vfs_lookup_at(Kernel *k, Proc *p, VNode *start, const char *path, unsigned how,
                  VNode **out) {
    VPath vp;
    int r = vfs_walk_at(k, p, start, path, how, &vp);
    if (r < 0)
        return r;
    if (!vp.node)
        return -AX_ENOENT;
    if ((vp.flags & VP_SLASH) && vp.node->type != VN_DIR)
        return -AX_ENOTDIR;
    *out = vp.node;
    return 0;
}
