/* The VFS of a fresh kernel, and its end.
 *
 * Boot layout:
 *   /bin  /dev  /etc  /home  /tmp (mode 01777)
 *   /etc/hostname  "axos\n"
 *   /etc/motd      a welcome line
 *   /dev/null zero full random urandom console tty ptmx, and /dev/pts (0755)
 *   /dev/fd/ stdin stdout stderr (names for the opener's fds)
 */
#include <string.h>

#include "vfs/internal.h"

static const char boot_hostname[] = "axos\n";
static const char boot_motd[] = "Welcome to axos, a Unix-like system simulated in one process.\n";

static int boot_mkdir(Kernel *k, VNode *dir, const char *name, uint32_t perm, VNode **out) {
    size_t len = strlen(name);
    return tree_create(k, dir, name, len, dirtab_hash(name, len), VN_DIR, perm, out);
}

static int boot_file(Kernel *k, VNode *dir, const char *name, const char *text) {
    size_t len = strlen(name), size = strlen(text);
    VNode *n;
    int r = tree_create(k, dir, name, len, dirtab_hash(name, len), VN_FILE, 0644, &n);
    if (r < 0)
        return r;
    return vfs_file_write_at(k, n, 0, text, size, NULL) == (int64_t)size ? 0 : -AX_ENOMEM;
}

static int boot_layout(Kernel *k, VNode *root) {
    static const struct {
        const char *name;
        uint32_t perm;
    } dirs[] = {{"bin", 0755}, {"dev", 0755}, {"etc", 0755}, {"home", 0755}, {"tmp", 01777}};
    VNode *d, *dev = NULL, *etc = NULL;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        int r = boot_mkdir(k, root, dirs[i].name, dirs[i].perm, &d);
        if (r < 0)
            return r;
        if (strcmp(dirs[i].name, "dev") == 0)
            dev = k->vfs->dev = d;
        else if (strcmp(dirs[i].name, "etc") == 0)
            etc = d;
    }
    for (const VDevice *const *dv = vfs_devices; *dv; dv++) {
        size_t len = strlen((*dv)->name);
        VNode *n;
        int r = tree_create(k, dev, (*dv)->name, len, dirtab_hash((*dv)->name, len), VN_DEV,
                            0666, &n);
        if (r < 0)
            return r;
        n->u.dev.type = *dv;
    }
    int r = boot_mkdir(k, dev, "pts", 0755, &k->vfs->pts);
    if (r == 0)
        r = fddev_init(k, dev);
    if (r < 0)
        return r;
    r = boot_file(k, etc, "hostname", boot_hostname);
    return r < 0 ? r : boot_file(k, etc, "motd", boot_motd);
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
    tree_teardown(k, v->root);
    if (v->fd_entry) {
        v->fd_entry->refs = 0;
        vnode_maybe_free(k, v->fd_entry);
    }
    kmem_free(k, v);
    k->vfs = NULL;
}
