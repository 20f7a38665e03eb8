/* The tree: linking nodes under names in directories and taking them out,
 * with the bookkeeping that goes with it (links, subdirectory counts, the
 * parent reference a directory holds, times), and the final teardown. */
#include <string.h>

#include "vfs/internal.h"

DirEnt *dirent_new(Kernel *k, const char *name, size_t len, uint64_t hash) {
    DirEnt *e = kmem_alloc(k, sizeof *e + len + 1);
    if (!e)
        return NULL;
    e->hash = hash;
    e->len = (uint16_t)len;
    memcpy(e->name, name, len);
    e->name[len] = '\0';
    return e;
}

/* Name n by e in dir (e->node set, counts kept). A directory moves its
 * parent reference to dir. */
static void attach(Kernel *k, VNode *dir, DirEnt *e, VNode *n) {
    e->node = n;
    n->links++;
    if (n->type == VN_DIR) {
        VNode *old = n->u.dir.parent;
        n->u.dir.parent = dir;
        n->u.dir.self = e;
        dir->refs++;
        dir->u.dir.nsubdirs++;
        if (old && old != n) {
            old->refs--;
            vnode_maybe_free(k, old);
        }
    }
    vnode_touch_meta(k, n);
    vnode_touch_content(k, dir);
}

/* n loses the name it had in dir. The caller frees n if need be. */
static void detach(Kernel *k, VNode *dir, VNode *n) {
    n->links--;
    if (n->type == VN_DIR) {
        /* The directory keeps its parent reference until it is freed, so
         * ".." still works for a process whose cwd it is. */
        n->u.dir.self = NULL;
        dir->u.dir.nsubdirs--;
    }
    vnode_touch_meta(k, n);
    vnode_touch_content(k, dir);
}

void tree_link(Kernel *k, VNode *dir, DirEnt *e, VNode *n) {
    dirtab_insert(&dir->u.dir.tab, e);
    attach(k, dir, e, n);
}

void tree_unlink(Kernel *k, VNode *dir, DirEnt *e) {
    VNode *n = e->node;
    dirtab_remove(&dir->u.dir.tab, e);
    dirtab_shrink(k, &dir->u.dir.tab);
    kmem_free(k, e);
    detach(k, dir, n);
    vnode_maybe_free(k, n);
}

void tree_replace(Kernel *k, VNode *dir, DirEnt *e, VNode *n) {
    VNode *old = e->node;
    detach(k, dir, old);
    attach(k, dir, e, n);
    vnode_maybe_free(k, old);
}

int tree_create(Kernel *k, VNode *dir, const char *name, size_t len, uint64_t hash,
                VnType type, uint32_t perm, VNode **out) {
    if (!vnode_dir_live(dir))
        return -AX_ENOENT;
    if (dirtab_reserve(k, &dir->u.dir.tab, 1) < 0)
        return -AX_ENOMEM;
    DirEnt *e = dirent_new(k, name, len, hash);
    VNode *n = e ? vnode_new(k, type, perm) : NULL;
    if (!n) {
        kmem_free(k, e);
        dirtab_shrink(k, &dir->u.dir.tab); /* undo the reservation */
        return -AX_ENOMEM;
    }
    tree_link(k, dir, e, n);
    *out = n;
    return 0;
}

void tree_move(Kernel *k, VNode *odir, DirEnt *oe, VNode *ndir, DirEnt *ne) {
    VNode *n = oe->node;
    n->refs++; /* nameless for a moment: keep it */
    dirtab_remove(&odir->u.dir.tab, oe);
    kmem_free(k, oe);
    detach(k, odir, n);
    if (ne->node) {
        tree_replace(k, ndir, ne, n);
    } else {
        dirtab_insert(&ndir->u.dir.tab, ne);
        attach(k, ndir, ne, n);
    }
    /* Shrink only now: ndir may be odir, and its reserved room is used. */
    dirtab_shrink(k, &odir->u.dir.tab);
    n->refs--;
}

bool tree_is_ancestor(const VNode *anc, const VNode *d) {
    for (;;) {
        if (d == anc)
            return true;
        const VNode *up = d->u.dir.parent;
        if (up == d)
            return false;
        d = up;
    }
}

/* Teardown empties directories depth first without recursion: it walks
 * down into non-empty subdirectories and back up through the parent
 * pointers. Each directory's table is consumed from its last slot down,
 * and `cap` is used as the cursor (the table is dying, nobody looks names
 * up any more), so each slot is visited once. */
void tree_teardown(Kernel *k, VNode *root) {
    VNode *cur = root;
    for (;;) {
        DirTable *t = &cur->u.dir.tab;
        DirEnt *e = NULL;
        while (t->cap > 0 && !(e = t->slots[t->cap - 1]))
            t->cap--;
        if (e) {
            VNode *n = e->node;
            if (n->type == VN_DIR && n->u.dir.tab.count > 0) {
                cur = n;
                continue;
            }
            t->slots[t->cap - 1] = NULL;
            t->count--;
            kmem_free(k, e);
            detach(k, cur, n);
            vnode_maybe_free(k, n);
            continue;
        }
        if (cur == root)
            break;
        cur = cur->u.dir.parent;
    }
    root->links = 0;
    vnode_maybe_free(k, root);
}
