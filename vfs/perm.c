/* The VFS side of permissions: what the credentials module (kernel/cred.h)
 * is asked about an inode, and the owner, group and mode new inodes get.
 * The decisions themselves are cred's; this file only hands it the
 * inode's owner and mode and the caller's credentials. The host (p NULL)
 * acts as root. */
#include "vfs/internal.h"

int vfs_may(Proc *p, const VNode *n, int want) {
    if (!p)
        return 0;
    return cred_permission(&p->cred, n->uid, n->gid, n->perm, n->type == VN_DIR, want);
}

int vfs_may_create(Proc *p, const VNode *dir) {
    return vfs_may(p, dir, AX_W_OK | AX_X_OK);
}

int vfs_may_delete(Proc *p, const VNode *dir, const VNode *victim) {
    int r = vfs_may(p, dir, AX_W_OK | AX_X_OK);
    if (r == 0 && p)
        r = cred_sticky_check(&p->cred, dir->uid, dir->perm, victim->uid);
    return r;
}

int vfs_may_open(Proc *p, const VNode *n, int flags) {
    int acc = flags & AX_O_ACCMODE, want = 0;
    if (acc == AX_O_RDONLY || acc == AX_O_RDWR)
        want |= AX_R_OK;
    if (acc == AX_O_WRONLY || acc == AX_O_RDWR || (flags & AX_O_TRUNC))
        want |= AX_W_OK;
    return vfs_may(p, n, want);
}

void vfs_new_attrs(Proc *p, const VNode *dir, bool is_dir, uint32_t mode, VAttrs *out) {
    Cred root;
    const Cred *c = p ? &p->cred : &root;
    if (!p)
        cred_init_root(&root);
    cred_new_owner(c, dir->gid, dir->perm, is_dir, mode, p ? p->umask : 0, &out->uid, &out->gid,
                   &out->perm);
}

void vfs_set_owner(VNode *n, const VAttrs *a) {
    n->uid = a->uid;
    n->gid = a->gid;
    n->perm = a->perm;
}
