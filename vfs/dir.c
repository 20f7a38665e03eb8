/* Open directories and readdir.
 *
 * The first readdir takes a snapshot of the listing, sorted by the bytes
 * of the names, and keeps it in the open object: later changes to the
 * directory do not show, and readers never see an entry twice or skip one
 * while others create and remove names. The object's offset is the index
 * of the next entry; seeking back to 0 drops the snapshot, so the next
 * readdir lists afresh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/timer.h"
#include "vfs/internal.h"

typedef struct SnapEnt {
    uint64_t ino;
    size_t name_off;
    uint16_t len;
    uint8_t type;
} SnapEnt;

typedef struct DirHandle {
    VNode *dir;      /* referenced */
    SnapEnt *ents;   /* the snapshot (entries, then the names), or NULL */
    const char *names;
    size_t count;
    bool taken;      /* a snapshot (maybe empty) is held */
} DirHandle;

static uint8_t dirent_type(const VNode *n) {
    switch (n->type) {
    case VN_DIR: return AX_DT_DIR;
    case VN_DEV: return AX_DT_CHR;
    case VN_FDLINK:
    case VN_SYMLINK:
    case VN_PROCLINK: return AX_DT_LNK;
    case VN_FIFO: return AX_DT_FIFO;
    case VN_SOCK: return AX_DT_SOCK;
    default: return AX_DT_REG;
    }
}

/* Sorting a big directory is dominated by cache misses on the entries,
 * so each sort key carries the first 8 bytes of its name (big-endian,
 * zero-padded: names hold no NUL, so padding sorts a prefix first) and
 * most comparisons never leave the key array. */
typedef struct SortKey {
    uint64_t prefix;
    const DirEnt *e;
} SortKey;

static uint64_t name_prefix(const DirEnt *e) {
    uint64_t p = 0;
    for (size_t i = 0; i < 8; i++)
        p = p << 8 | (i < e->len ? (unsigned char)e->name[i] : 0);
    return p;
}

static int cmp_keys(const SortKey *x, const SortKey *y) {
    if (x->prefix != y->prefix)
        return x->prefix < y->prefix ? -1 : 1;
    size_t len = x->e->len < y->e->len ? x->e->len : y->e->len;
    int c = memcmp(x->e->name, y->e->name, len);
    if (c)
        return c;
    return (x->e->len > y->e->len) - (x->e->len < y->e->len);
}

/* Bottom-up merge sort of a[0..n) with tmp[0..n) as scratch (kernel
 * memory, where libc's qsort would take its own from the host). */
static void sort_keys(SortKey *a, SortKey *tmp, size_t n) {
    SortKey *src = a, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = mid + width < n ? mid + width : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                dst[o++] = cmp_keys(&src[j], &src[i]) < 0 ? src[j++] : src[i++];
            while (i < mid)
                dst[o++] = src[i++];
            while (j < hi)
                dst[o++] = src[j++];
        }
        SortKey *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}

/* Byte order of the decimal names of two fds. */
static int cmp_fd_names(const void *x, const void *y) {
    char a[16], b[16];
    snprintf(a, sizeof a, "%d", *(const int *)x);
    snprintf(b, sizeof b, "%d", *(const int *)y);
    return strcmp(a, b);
}

/* /dev/fd's listing: the reader's open fds (none for the host). */
static int snapshot_fds(Kernel *k, DirHandle *h) {
    Proc *p = k->cur;
    size_t count = p ? (size_t)p->fds.used : 0;
    if (count == 0) {
        h->count = 0;
        h->taken = true;
        return 0;
    }
    enum { NAME = 4 }; /* "1023" */
    SnapEnt *ents = kmem_alloc(k, count * (sizeof *ents + NAME + sizeof(int)));
    if (!ents)
        return -AX_ENOMEM;
    char *blob = (char *)(ents + count);
    int *fds = (int *)(blob + count * NAME);
    size_t n = 0;
    for (int fd = 0; fd < p->fds.cap && n < count; fd++)
        if (p->fds.obj[fd])
            fds[n++] = fd;
    qsort(fds, n, sizeof *fds, cmp_fd_names);
    for (size_t i = 0; i < n; i++) {
        char name[16];
        int len = snprintf(name, sizeof name, "%d", fds[i]);
        memcpy(blob + i * NAME, name, (size_t)len);
        ents[i] = (SnapEnt){.ino = k->vfs->fd_entry->ino, .name_off = i * NAME,
                            .len = (uint16_t)len, .type = AX_DT_LNK};
    }
    h->ents = ents;
    h->names = blob;
    h->count = n;
    h->taken = true;
    return 0;
}

/* A /proc directory's listing, which procfs gives in its own order. */
static int snapshot_procfs(Kernel *k, DirHandle *h, ProcDirEnt *v, size_t count) {
    size_t names = 0;
    for (size_t i = 0; i < count; i++)
        names += strlen(v[i].name);
    SnapEnt *ents = kmem_alloc(k, (count ? count : 1) * sizeof *ents + names);
    if (!ents) {
        kmem_free(k, v);
        return -AX_ENOMEM;
    }
    char *blob = (char *)(ents + count);
    size_t off = 0;
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(v[i].name);
        ents[i] = (SnapEnt){.ino = v[i].ino, .name_off = off, .len = (uint16_t)len,
                            .type = v[i].type};
        memcpy(blob + off, v[i].name, len);
        off += len;
    }
    kmem_free(k, v);
    h->ents = ents;
    h->names = blob;
    h->count = count;
    h->taken = true;
    return 0;
}

/* Take the sorted listing of h->dir. Returns 0 or -AX_ENOMEM. */
static int snapshot_take(Kernel *k, DirHandle *h) {
    if (h->dir == k->vfs->fd_dir)
        return snapshot_fds(k, h);
    if (h->dir->u.dir.procfs) {
        ProcDirEnt *v;
        size_t n;
        int r = procfs_list(k, h->dir, &v, &n);
        if (r < 0)
            return r;
        if (r > 0)
            return snapshot_procfs(k, h, v, n);
    }
    const DirTable *t = &h->dir->u.dir.tab;
    size_t count = t->count;
    if (count == 0) {
        h->count = 0;
        h->taken = true;
        return 0;
    }
    SortKey *keys = kmem_alloc(k, 2 * count * sizeof *keys); /* keys, scratch */
    if (!keys)
        return -AX_ENOMEM;
    size_t pos = 0, names = 0;
    for (size_t i = 0; i < count; i++) {
        keys[i].e = dirtab_next(t, &pos);
        keys[i].prefix = name_prefix(keys[i].e);
        names += keys[i].e->len;
    }
    sort_keys(keys, keys + count, count);
    SnapEnt *ents = kmem_alloc(k, count * sizeof *ents + names);
    if (!ents) {
        kmem_free(k, keys);
        return -AX_ENOMEM;
    }
    char *blob = (char *)(ents + count);
    size_t off = 0;
    for (size_t i = 0; i < count; i++) {
        const DirEnt *e = keys[i].e;
        ents[i] = (SnapEnt){.ino = e->node->ino, .name_off = off, .len = e->len,
                            .type = dirent_type(e->node)};
        memcpy(blob + off, e->name, e->len);
        off += e->len;
    }
    kmem_free(k, keys);
    h->ents = ents;
    h->names = blob;
    h->count = count;
    h->taken = true;
    return 0;
}

static void snapshot_drop(Kernel *k, DirHandle *h) {
    kmem_free(k, h->ents);
    h->ents = NULL;
    h->names = NULL;
    h->count = 0;
    h->taken = false;
}

static int64_t dir_readdir(Kernel *k, KObject *o, DirEntry *out, size_t count) {
    DirHandle *h = o->priv;
    if (!out && count > 0)
        return -AX_EFAULT;
    if (!h->taken) {
        int r = snapshot_take(k, h);
        if (r < 0)
            return r;
        h->dir->atime = clock_now(k);
    }
    if (o->offset < 0 || (uint64_t)o->offset >= h->count)
        return 0;
    size_t i = (size_t)o->offset, n = 0;
    for (; n < count && i < h->count; n++, i++) {
        const SnapEnt *s = &h->ents[i];
        out[n].ino = s->ino;
        out[n].type = s->type;
        memcpy(out[n].name, h->names + s->name_off, s->len);
        out[n].name[s->len] = '\0';
    }
    o->offset = (int64_t)i;
    return (int64_t)n;
}

static int64_t dir_read(Kernel *k, KObject *o, void *buf, size_t n) { return -AX_EISDIR; }

/* Offsets are entry indexes. Any move to 0 rewinds: the next readdir
 * takes a new snapshot. */
static int64_t dir_lseek(Kernel *k, KObject *o, int64_t off, int whence) {
    DirHandle *h = o->priv;
    int64_t base;
    switch (whence) {
    case AX_SEEK_SET: base = 0; break;
    case AX_SEEK_CUR: base = o->offset; break;
    default: return -AX_EINVAL;
    }
    if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
        return -AX_EINVAL;
    o->offset = base + off;
    if (o->offset == 0)
        snapshot_drop(k, h);
    return o->offset;
}

static int dir_stat(Kernel *k, KObject *o, FileStat *st) {
    DirHandle *h = o->priv;
    vnode_stat(h->dir, st);
    return 0;
}

VNode *vfs_dir_node(KObject *o) { return ((DirHandle *)o->priv)->dir; }

static void dir_release(Kernel *k, KObject *o) {
    DirHandle *h = o->priv;
    snapshot_drop(k, h);
    vfs_node_unref(k, h->dir);
    kmem_free(k, h);
}

static int dir_reopen(Kernel *k, KObject *o, int flags, KObject **out) {
    DirHandle *h = o->priv;
    return vfs_open_node(k, k->cur, h->dir, flags, out);
}

const ObjOps vfs_dir_ops = {
    .kind = "dir",
    .read = dir_read,
    .lseek = dir_lseek,
    .stat = dir_stat,
    .readdir = dir_readdir,
    .release = dir_release,
    .reopen = dir_reopen,
    .stat_mode = AX_S_IFDIR,
};

int vfs_dir_open(Kernel *k, VNode *n, int flags, KObject **out) {
    DirHandle *h = kmem_alloc(k, sizeof *h);
    if (!h)
        return -AX_ENOMEM;
    KObject *o = obj_new(k, &vfs_dir_ops, (uint32_t)flags, h);
    if (!o) {
        kmem_free(k, h);
        return -AX_ENOMEM;
    }
    h->dir = n;
    vfs_node_ref(n);
    *out = o;
    return 0;
}
