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
