/* The tree as a backing store sees it (see vfs/image.h): the walk that
 * reports changes, and the calls that rebuild a stored tree at boot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/kmem.h"

#include "vfs/image.h"
#include "vfs/internal.h"

/* Is n a kind of node a store keeps, named in dir? */
static bool stored_kind(const Kernel *k, const VNode *dir, const VNode *n) {
    if (vfs_dir_sealed(k, dir) || n == k->vfs->dev || n == k->vfs->fd_dir || n == k->vfs->proc)
        return false;
    return n->type == VN_DIR || n->type == VN_FILE || n->type == VN_FIFO ||
           n->type == VN_SYMLINK;
}

static void describe(const Kernel *k, const VNode *n, VImageNode *out) {
    int64_t boot = (int64_t)k->cfg.boot_time_ns;
    uint32_t type = n->type == VN_DIR       ? AX_S_IFDIR
                    : n->type == VN_FIFO    ? AX_S_IFIFO
                    : n->type == VN_SYMLINK ? AX_S_IFLNK
                                            : AX_S_IFREG;
    *out = (VImageNode){
        .id = n->disk_id,
        .mode = type | n->perm,
        .uid = n->uid,
        .gid = n->gid,
        .atime = (int64_t)n->atime + boot,
        .mtime = (int64_t)n->mtime + boot,
        .ctime = (int64_t)n->ctime + boot,
        .size = n->type == VN_FILE ? n->u.file.size : n->type == VN_SYMLINK ? n->u.link.len : 0,
    };
}

uint64_t vfs_image_gen(Kernel *k) { return k->vfs->gen; }

uint64_t vfs_image_root_id(Kernel *k) { return k->vfs->root->disk_id; }

size_t vfs_image_read(VNode *n, uint64_t off, void *buf, size_t len) {
    if (n->type == VN_SYMLINK) { /* the target is a link's content */
        if (off >= n->u.link.len)
            return 0;
        size_t got = n->u.link.len - off < len ? (size_t)(n->u.link.len - off) : len;
        memcpy(buf, n->u.link.target + off, got);
        return got;
    }
    return n->type == VN_FILE ? vfs_file_peek(n, off, buf, len) : 0;
}

/* The nodes with several names a walk has reported (an open-addressing
 * set of pointers), so that each is reported once. */
typedef struct Reported {
    const VNode **slots;
    size_t cap, count; /* cap: a power of two, or 0 */
} Reported;

/* Add n; true when it was there already. -AX_ENOMEM leaves *fail set. */
static bool reported_add(Kernel *k, Reported *r, const VNode *n, int *fail) {
    if (2 * (r->count + 1) > r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        const VNode **slots = kmem_alloc(k, cap * sizeof *slots);
        if (!slots) {
            *fail = -AX_ENOMEM;
            return false;
        }
        for (size_t i = 0; i < r->cap; i++) {
            if (!r->slots[i])
                continue;
            size_t j = ((uintptr_t)r->slots[i] >> 4) & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = r->slots[i];
        }
        kmem_free(k, r->slots);
        r->slots = slots;
        r->cap = cap;
    }
    size_t j = ((uintptr_t)n >> 4) & (r->cap - 1);
    for (; r->slots[j]; j = (j + 1) & (r->cap - 1))
        if (r->slots[j] == n)
            return true;
    r->slots[j] = n;
    r->count++;
    return false;
}

typedef struct WalkDir {
    VNode *dir;
    bool fresh; /* stored for the first time in this walk */
} WalkDir;

typedef struct Walk {
    Kernel *k;
    uint64_t since;
    const VImageSink *sink;
    void *ud;
    WalkDir *stack;
    size_t depth, cap;
    VImageEntry *ents;
    size_t ncap;
    Reported multi; /* hard-linked nodes already reported */
} Walk;

static int cmp_entry(const void *a, const void *b) {
    const VImageEntry *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->name, y->name, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Give n an id when it has none; report it when it changed. Returns 0 or
 * the sink's error; *fresh says whether n was new to the store. */
static int visit(Walk *w, VNode *n, bool *fresh) {
    bool all = w->since == 0;
    if (n->type != VN_DIR && n->links > 1) { /* reached by another name before? */
        int fail = 0;
        bool again = reported_add(w->k, &w->multi, n, &fail);
        if (fail || again) {
            *fresh = false;
            return fail;
        }
    }
    *fresh = n->disk_id == 0;
    if (*fresh)
        n->disk_id = w->sink->new_id(w->ud);
    int r = w->sink->seen(w->ud, n->disk_id);
    if (r < 0 || !(all || *fresh || n->gen > w->since))
        return r;
    VImageNode info;
    describe(w->k, n, &info);
    bool data = (n->type == VN_FILE || n->type == VN_SYMLINK) &&
                (all || *fresh || n->data_gen > w->since);
    return w->sink->node(w->ud, n, &info, data);
}

static int push(Walk *w, VNode *dir, bool fresh) {
    if (kmem_grow(w->k, &w->stack, &w->cap, sizeof *w->stack, w->depth + 1, 64) < 0)
        return -AX_ENOMEM;
    w->stack[w->depth++] = (WalkDir){dir, fresh};
    return 0;
}

/* The children of one directory: report them, then its entries. */
static int walk_dir(Walk *w, VNode *dir, bool dir_fresh) {
    size_t n = 0, pos = 0;
    DirEnt *e;
    while ((e = dirtab_next(&dir->u.dir.tab, &pos)) != NULL) {
        VNode *c = e->node;
        if (!stored_kind(w->k, dir, c))
            continue;
        bool fresh;
        int r = visit(w, c, &fresh);
        if (r == 0 && c->type == VN_DIR)
            r = push(w, c, fresh);
        if (r < 0)
            return r;
        if (kmem_grow(w->k, &w->ents, &w->ncap, sizeof *w->ents, n + 1, 64) < 0)
            return -AX_ENOMEM;
        w->ents[n++] = (VImageEntry){e->name, e->len, c->disk_id};
    }
    if (!(w->since == 0 || dir_fresh || dir->data_gen > w->since))
        return 0;
    qsort(w->ents, n, sizeof *w->ents, cmp_entry);
    return w->sink->entries(w->ud, dir->disk_id, w->ents, n);
}

int vfs_image_walk(Kernel *k, uint64_t since, const VImageSink *sink, void *ud) {
    Walk w = {k, since, sink, ud, NULL, 0, 0, NULL, 0, {NULL, 0, 0}};
    bool fresh;
    VNode *root = k->vfs->root;
    int r = visit(&w, root, &fresh);
    if (r == 0)
        r = push(&w, root, fresh);
    while (r == 0 && w.depth > 0) {
        WalkDir d = w.stack[--w.depth];
        r = walk_dir(&w, d.dir, d.fresh);
    }
    kmem_free(k, w.stack);
    kmem_free(k, w.ents);
    kmem_free(k, w.multi.slots);
    return r;
}

/* ---- rebuilding ---- */

static void set_meta(Kernel *k, VNode *n, const VImageNode *info) {
    int64_t boot = (int64_t)k->cfg.boot_time_ns;
    n->perm = info->mode & 07777;
    n->uid = info->uid;
    n->gid = info->gid;
    n->atime = (uint64_t)(info->atime - boot);
    n->mtime = (uint64_t)(info->mtime - boot);
    n->ctime = (uint64_t)(info->ctime - boot);
    n->disk_id = info->id;
}

/* Remove everything below dir but /dev and /proc, leaves first (no
 * recursion: the tree may be deep). */
static void remove_below(Kernel *k, VNode *top) {
    VNode *dir = top;
    while (dir) {
        size_t pos = 0;
        DirEnt *e, *victim = NULL;
        while ((e = dirtab_next(&dir->u.dir.tab, &pos)) != NULL) {
            if (e->node == k->vfs->dev || e->node == k->vfs->proc)
                continue;
            victim = e;
            break;
        }
        if (!victim) { /* dir is empty (but for /dev, /proc): go back up */
            if (dir == top)
                break;
            VNode *up = dir->u.dir.parent;
            DirEnt *self = dir->u.dir.self;
            tree_unlink(k, up, self);
            dir = up;
            continue;
        }
        if (victim->node->type == VN_DIR && victim->node->u.dir.tab.count > 0)
            dir = victim->node; /* empty it first */
        else
            tree_unlink(k, dir, victim);
    }
}

VNode *vfs_image_reset(Kernel *k, const VImageNode *root) {
    VNode *r = k->vfs->root;
    remove_below(k, r);
    set_meta(k, r, root);
    return r;
}

/* May name[0..len) be a new name in dir? */
static bool image_name_ok(const Kernel *k, const VNode *dir, const char *name, size_t len) {
    return !(len == 0 || len > AX_NAME_MAX || memchr(name, '/', len) || memchr(name, '\0', len) ||
             (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.') ||
             dir->type != VN_DIR || vfs_dir_sealed(k, dir));
}

int vfs_image_add(Kernel *k, VNode *dir, const char *name, size_t len, const VImageNode *info,
                  const VSpecialOps *fifo_ops, VNode **out) {
    VnType type;
    switch (info->mode & AX_S_IFMT) {
    case AX_S_IFDIR: type = VN_DIR; break;
    case AX_S_IFREG: type = VN_FILE; break;
    case AX_S_IFIFO: type = VN_FIFO; break;
    case AX_S_IFLNK: type = VN_SYMLINK; break; /* its target comes by vfs_image_fill */
    default: return -AX_EINVAL;
    }
    if (!image_name_ok(k, dir, name, len))
        return -AX_EINVAL;
    uint64_t hash = dirtab_hash(name, len);
    if (dirtab_find(&dir->u.dir.tab, name, len, hash))
        return -AX_EEXIST;
    /* the new name is no change of the directory's: it keeps its times */
    uint64_t mtime = dir->mtime, ctime = dir->ctime;
    VNode *n;
    int r = tree_create(k, dir, name, len, hash, type, info->mode & 07777, &n);
    if (r < 0)
        return r;
    dir->mtime = mtime;
    dir->ctime = ctime;
    if (type == VN_FIFO)
        n->u.special.ops = fifo_ops;
    /* a link's target comes later: empty until then (which resolves to
     * nothing, ENOENT) */
    if (type == VN_SYMLINK && !(n->u.link.target = kmem_alloc(k, 1))) {
        tree_unlink(k, dir, dirtab_find(&dir->u.dir.tab, name, len, hash));
        return -AX_ENOMEM;
    }
    set_meta(k, n, info);
    *out = n;
    return 0;
}

int vfs_image_link(Kernel *k, VNode *dir, const char *name, size_t len, VNode *n) {
    if (!image_name_ok(k, dir, name, len) || n->type == VN_DIR || n->links >= VFS_LINK_MAX)
        return -AX_EINVAL;
    uint64_t hash = dirtab_hash(name, len);
    if (dirtab_find(&dir->u.dir.tab, name, len, hash))
        return -AX_EEXIST;
    if (dirtab_reserve(k, &dir->u.dir.tab, 1) < 0)
        return -AX_ENOMEM;
    DirEnt *e = dirent_new(k, name, len, hash);
    if (!e) {
        dirtab_shrink(k, &dir->u.dir.tab);
        return -AX_ENOMEM;
    }
    /* a load is no change: the directory and the node keep their times */
    uint64_t times[4] = {dir->mtime, dir->ctime, n->mtime, n->ctime};
    tree_link(k, dir, e, n);
    dir->mtime = times[0], dir->ctime = times[1], n->mtime = times[2], n->ctime = times[3];
    return 0;
}

/* A symbolic link's target, all of it at once (its one chunk). */
static int fill_link(Kernel *k, VNode *n, uint64_t off, const void *data, size_t len) {
    if (off != 0 || n->u.link.len != 0 || len == 0 || len >= AX_PATH_MAX || memchr(data, '\0', len))
        return -AX_EINVAL;
    char *t = kmem_alloc(k, len + 1);
    if (!t)
        return -AX_ENOMEM;
    memcpy(t, data, len);
    kmem_free(k, n->u.link.target);
    n->u.link.target = t;
    n->u.link.len = (uint32_t)len;
    return 0;
}

int vfs_image_fill(Kernel *k, VNode *n, uint64_t off, const void *data, size_t len) {
    if (n->type == VN_SYMLINK)
        return fill_link(k, n, off, data, len);
    if (n->type != VN_FILE)
        return -AX_EINVAL;
    uint64_t mtime = n->mtime, ctime = n->ctime; /* a load is no change */
    int64_t r = vfs_file_write_at(k, n, off, data, len, NULL);
    n->mtime = mtime;
    n->ctime = ctime;
    if (r < 0)
        return r == -AX_ENOSPC ? -AX_ENOMEM : (int)r;
    return (size_t)r == len ? 0 : -AX_ENOMEM;
}

int vfs_image_size(Kernel *k, VNode *n, uint64_t size) {
    if (n->type == VN_SYMLINK) /* its target must have come whole */
        return n->u.link.len != 0 && n->u.link.len == size ? 0 : -AX_EINVAL;
    if (n->type != VN_FILE)
        return -AX_EINVAL;
    uint64_t mtime = n->mtime, ctime = n->ctime;
    int r = vfs_file_resize(k, n, size);
    n->mtime = mtime;
    n->ctime = ctime;
    return r;
}

/* kernel_spawn's processes start in the session's home, which named the
 * boot's node: the load put another tree in its place. Point it at the
 * loaded tree's /home/USER (the root when the disk has none); the boot's
 * node, nameless now, goes with its last reference. */
static void rebind_session_home(Kernel *k) {
    VNode *old = k->vfs->session_home;
    if (!old || old == k->vfs->root)
        return;
    char path[64];
    snprintf(path, sizeof path, "/home/%s", k->vfs->user);
    VNode *n;
    if (vfs_lookup(k, NULL, path, &n) != 0 || !n || n->type != VN_DIR)
        n = k->vfs->root;
    vfs_node_ref(n);
    k->vfs->session_home = n;
    vfs_node_unref(k, old);
}

uint64_t vfs_image_settle(Kernel *k) {
    rebind_session_home(k);
    return k->vfs->gen;
}

VNode *vfs_image_resolve(Kernel *k, const char *path) {
    VNode *n;
    return path && path[0] == '/' && vfs_lookup(k, NULL, path, &n) == 0 ? n : NULL;
}

VNode *vfs_image_lookup(VNode *dir, const char *name, size_t len) {
    if (dir->type != VN_DIR)
        return NULL;
    DirEnt *e = dirtab_find(&dir->u.dir.tab, name, len, dirtab_hash(name, len));
    return e ? e->node : NULL;
}

void vfs_image_remove(Kernel *k, VNode *dir, const char *name, size_t len) {
    DirEnt *e = dirtab_find(&dir->u.dir.tab, name, len, dirtab_hash(name, len));
    if (!e)
        return;
    if (e->node->type == VN_DIR)
        remove_below(k, e->node);
    tree_unlink(k, dir, e);
}

int vfs_image_mkdirs(Kernel *k, const char *path, VNode **out) {
    if (!path || path[0] != '/')
        return -AX_EINVAL;
    VNode *dir = k->vfs->root;
    for (const char *p = path; *p;) {
        while (*p == '/')
            p++;
        size_t len = strcspn(p, "/");
        if (len == 0)
            break;
        if (len > AX_NAME_MAX)
            return -AX_ENAMETOOLONG;
        VNode *next;
        if (len == 1 && p[0] == '.') {
            next = dir;
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            next = dir->u.dir.parent;
        } else if ((next = vfs_image_lookup(dir, p, len)) == NULL) {
            if (vfs_dir_sealed(k, dir))
                return -AX_EINVAL;
            int r = tree_create(k, dir, p, len, dirtab_hash(p, len), VN_DIR, 0755, &next);
            if (r < 0)
                return r;
        }
        if (next->type != VN_DIR)
            return -AX_ENOTDIR;
        if (next == k->vfs->dev || vfs_dir_sealed(k, next))
            return -AX_EINVAL;
        dir = next;
        p += len;
    }
    *out = dir;
    return 0;
}

void vfs_image_stat(Kernel *k, VNode *n, VImageNode *out) { describe(k, n, out); }

typedef struct Named {
    const char *name;
    size_t len;
    VNode *node;
} Named;

static int cmp_named(const void *a, const void *b) {
    const Named *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->name, y->name, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

int vfs_image_list(Kernel *k, VNode *dir,
                   int (*fn)(void *ud, const char *name, size_t len, VNode *n), void *ud) {
    if (dir->type != VN_DIR)
        return -AX_ENOTDIR;
    Named *v = NULL;
    size_t n = 0, cap = 0, pos = 0;
    DirEnt *e;
    while ((e = dirtab_next(&dir->u.dir.tab, &pos)) != NULL) {
        if (!stored_kind(k, dir, e->node))
            continue;
        if (kmem_grow(k, &v, &cap, sizeof *v, n + 1, 16) < 0) {
            kmem_free(k, v);
            return -AX_ENOMEM;
        }
        v[n++] = (Named){e->name, e->len, e->node};
    }
    if (n > 1) /* an empty directory has no list at all (v is NULL) */
        qsort(v, n, sizeof *v, cmp_named);
    /* the list is a snapshot: fn may not change this directory, and the
     * export it serves does not */
    int r = 0;
    for (size_t i = 0; i < n && r == 0; i++)
        r = fn(ud, v[i].name, v[i].len, v[i].node);
    kmem_free(k, v);
    return r;
}
