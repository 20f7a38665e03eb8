/* The VFS of a fresh kernel, and its end.
 *
 * Boot layout:
 *   /bin  /dev  /etc  /home  /tmp (mode 01777)
 *   /etc/hostname  "axos\n"
 *   /etc/motd      a welcome line
 *   /etc/passwd, group, shadow; /root, /home/USER (boot_users.c)
 *   /dev/null zero full random urandom console tty ptmx, and /dev/pts (0755)
 *   /dev/fd/ stdin stdout stderr (names for the opener's fds)
 *   /proc (procfs.c)
 */
#include <string.h>

#include "vfs/internal.h"

static const char boot_hostname[] = "axos\n";
static const char boot_motd[] = "Welcome to axos, a Unix-like system simulated in one process.\n";

int vfs_boot_mkdir(Kernel *k, VNode *dir, const char *name, uint32_t perm, VNode **out) {
    size_t len = strlen(name);
    return tree_create(k, dir, name, len, dirtab_hash(name, len), VN_DIR, perm, out);
}

int vfs_boot_file(Kernel *k, VNode *dir, const char *name, const char *text, VNode **out) {
    size_t len = strlen(name), size = strlen(text);
    VNode *n;
    int r = tree_create(k, dir, name, len, dirtab_hash(name, len), VN_FILE, 0644, &n);
    if (r < 0)
        return r;
    if (out)
        *out = n;
    return vfs_file_write_at(k, n, 0, text, size, NULL) == (int64_t)size ? 0 : -AX_ENOMEM;
}

static int boot_layout(Kernel *k, VNode *root) {
    static const struct {
        const char *name;
        uint32_t perm;
    } dirs[] = {{"bin", 0755}, {"dev", 0755}, {"etc", 0755}, {"home", 0755}, {"tmp", 01777}};
    VNode *d, *dev = NULL, *etc = NULL, *home = NULL;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        int r = vfs_boot_mkdir(k, root, dirs[i].name, dirs[i].perm, &d);
        if (r < 0)
            return r;
        if (strcmp(dirs[i].name, "dev") == 0)
            dev = k->vfs->dev = d;
        else if (strcmp(dirs[i].name, "etc") == 0)
            etc = d;
        else if (strcmp(dirs[i].name, "home") == 0)
            home = d;
    }
    for (const VDevice *const *dv = vfs_devices; *dv; dv++) {
        size_t len = strlen((*dv)->name);
        VNode *n;
        int r = tree_create(k, dev, (*dv)->name, len, dirtab_hash((*dv)->name, len), VN_DEV,
                            (*dv)->perm, &n);
        if (r < 0)
            return r;
        n->gid = (*dv)->gid;
        n->u.dev.type = *dv;
        n->u.dev.rdev = (*dv)->rdev;
    }
    int r = vfs_boot_mkdir(k, dev, "pts", 0755, &k->vfs->pts);
    if (r == 0)
        r = fddev_init(k, dev);
    if (r == 0)
        r = vfs_boot_file(k, etc, "hostname", boot_hostname, NULL);
    if (r == 0)
        r = vfs_boot_file(k, etc, "motd", boot_motd, NULL);
    if (r == 0)
        r = procfs_init(k, root);
    return r < 0 ? r : vfs_boot_users(k, root, etc, home);
}

int vfs_init(Kernel *k) {
    Vfs *v = kmem_alloc(k, sizeof *v);
    if (!v)
        return -AX_ENOMEM;
    v->next_ino = 1;
    v->rng = k->cfg.seed;
    k->vfs = v;
    VNode *root = vnode_new(k, VN_DIR, 0755);
    if (!root) {
        kmem_free(k, v);
        k->vfs = NULL;
        return -AX_ENOMEM;
    }
    root->links = 1; /* pinned until vfs_fini */
    root->u.dir.parent = root;
    v->root = root;
    if (boot_layout(k, root) < 0) {
        vfs_fini(k);
        return -AX_ENOMEM;
    }
    return 0;
}

void vfs_fini(Kernel *k) {
    Vfs *v = k->vfs;
    if (!v)
        return;
    if (v->session_home) /* a named node: the teardown frees it */
        v->session_home->refs--;
    tree_teardown(k, v->root);
    if (v->fd_entry) {
        v->fd_entry->refs = 0;
        vnode_maybe_free(k, v->fd_entry);
    }
    kmem_free(k, v);
    k->vfs = NULL;
}
