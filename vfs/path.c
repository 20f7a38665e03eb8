/* Path resolution: absolute paths from the root, relative ones from the
 * caller's cwd; ".", "..", repeated slashes, a trailing slash (which asks
 * for a directory), ".." at the root staying at the root. No symlinks;
 * /proc's links (self, PID/cwd...) are followed wherever they are met.
 * Each directory looked in must grant the caller search permission.
 *
 * The walk reads the path in place and allocates nothing (but /proc,
 * which makes /proc/PID at its first lookup): each component is hashed
 * and looked up in its directory's table as it is met. */
#include <string.h>

#include "kernel/fd.h"
#include "vfs/internal.h"

VNode *vfs_cwd(Kernel *k, Proc *p) {
    return p && p->cwd ? p->cwd : k->vfs->root;
}

int vfs_walk(Kernel *k, Proc *p, const char *path, VPath *out) {
    if (!path)
        return -AX_EFAULT;
    /* POSIX: an empty path names nothing; PATH_MAX counts the NUL. */
    size_t total = strnlen(path, AX_PATH_MAX);
    if (total == 0)
        return -AX_ENOENT;
    if (total >= AX_PATH_MAX)
        return -AX_ENAMETOOLONG;

    VNode *cur = path[0] == '/' ? k->vfs->root : vfs_cwd(k, p);
    const char *s = path;
    memset(out, 0, sizeof *out);
    for (;;) {
        while (*s == '/')
            s++;
        if (*s == '\0') {
            /* No component at all: "/" (or "///"). */
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
        bool last = *next == '\0';

        if (cur->type != VN_DIR)
            return -AX_ENOTDIR;
        /* every lookup in a directory, "." and ".." included, needs its
         * search permission (Linux's may_lookup) */
        int denied = vfs_may_search(p, cur);
        if (denied)
            return denied;
        VNode *found;
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
        } else {
            hash = dirtab_hash(name, len);
            e = dirtab_find(&cur->u.dir.tab, name, len, hash);
            found = e ? e->node : NULL;
            if (found && found->type == VN_FDLINK) {
                out->fd = found->u.fd;
                out->fd_proc = p;
                if (!p || !fd_get(p, out->fd)) /* the fd is closed: a dangling name */
                    found = NULL, e = NULL;
            } else if (!found && cur == k->vfs->fd_dir) {
                found = fddev_lookup(k, p, name, len, &out->fd);
                out->fd_proc = p;
            }
        }
        /* a /proc link leads where procfs says, whichever component it is */
        VNode *link = NULL;
        if (found && found->type == VN_PROCLINK) {
            link = found;
            int r = procfs_follow(k, p, link, &found);
            if (r < 0)
                return r;
            e = NULL;
        }
        if (last) {
            out->link = link;
            out->dir = cur;
            out->node = found;
            out->ent = e;
            out->name = name;
            out->len = len;
            out->hash = hash;
            out->flags = flags | (next != s ? VP_SLASH : 0);
            return 0;
        }
        if (!found)
            return -AX_ENOENT;
        cur = found;
        s = next;
    }
}

int vfs_lookup(Kernel *k, Proc *p, const char *path, VNode **out) {
    VPath vp;
    int r = vfs_walk(k, p, path, &vp);
    if (r < 0)
        return r;
    if (!vp.node)
        return -AX_ENOENT;
    if ((vp.flags & VP_SLASH) && vp.node->type != VN_DIR)
        return -AX_ENOTDIR;
    *out = vp.node;
    return 0;
}
