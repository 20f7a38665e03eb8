/* What survives a power loss (sim/crash.c asks; docs/simulation.md).
 *
 * A regular file's data is durable once fsync (or sync) has made it so;
 * a file whose data changed after that is "dirty" and keeps, beside its
 * live data, the durable copy: taken just before the first change after
 * a sync (copy before write), so a program that never syncs pays a flag
 * per write and no copy, and one that syncs pays a copy at its next
 * change. A file made after the last sync has no durable data (empty).
 * Only processes' changes count: what the host writes at boot is durable.
 *
 * All of it only with KernelConfig.crash_model (or once a powerloss rule
 * is set): otherwise no file is ever dirty and nothing is copied.
 *
 * At a power loss each dirty file is, by the seed, kept (every change
 * reached the disk), dropped (back to its durable copy) or torn (its new
 * size, but from a seeded offset on, the new bytes never reached the
 * disk: the durable bytes show there, zeros past them), as the ALICE study
 * found real file systems may leave appended and overwritten data.
 * Directory entries are kept as they are (a journaled file system's
 * ordered metadata): a rename is durable, the renamed file's data is not,
 * which is the zero-length-file-after-crash case. */
#include <string.h>

#include "vfs/internal.h"

/* Copy n bytes of src (from 0) into the empty dst. 0 or -AX_ENOMEM (dst
 * emptied again). */
static int durable_copy(Kernel *k, FData *dst, const FData *src, uint64_t n) {
    char buf[4096];
    for (uint64_t pos = 0; pos < n;) {
        size_t step = n - pos < sizeof buf ? (size_t)(n - pos) : sizeof buf;
        fdata_read(src, pos, buf, step);
        if (fdata_write(k, dst, pos, buf, step, NULL) != step) {
            fdata_truncate(k, dst, 0);
            return -AX_ENOMEM;
        }
        pos += step;
    }
    return 0;
}

int vfs_durable_before_change(Kernel *k, VNode *n) {
    if (n->type != VN_FILE || n->u.file.dirty || !k->cur || !k->cfg.crash_model)
        return 0;
    if (durable_copy(k, &n->u.file.durable, &n->u.file.data, n->u.file.size) < 0)
        return -AX_ENOMEM;
    n->u.file.durable_size = n->u.file.size;
    n->u.file.dirty = true;
    return 0;
}

void vfs_durable_sync(Kernel *k, VNode *n) {
    if (n->type != VN_FILE || !n->u.file.dirty)
        return;
    fdata_truncate(k, &n->u.file.durable, 0);
    n->u.file.durable_size = 0;
    n->u.file.dirty = false;
}

/* Every regular file in the tree, each once: fn(k, file, ud); NULL fn
 * syncs them. Directories are walked with a list of their own, not by
 * recursion, however deep the tree. Returns 0 or -AX_ENOMEM (the walk
 * could not grow its list: some files were left out). */
static int durable_walk(Kernel *k, void (*fn)(Kernel *k, VNode *n, void *ud), void *ud) {
    VNode **todo = NULL;
    size_t n = 0, cap = 0;
    int e = 0;
    if (kmem_grow(k, &todo, &cap, sizeof *todo, 1, 16) < 0)
        return -AX_ENOMEM;
    todo[n++] = k->vfs->root;
    while (n) {
        VNode *dir = todo[--n];
        size_t pos = 0;
        for (DirEnt *de; (de = dirtab_next(&dir->u.dir.tab, &pos));) {
            VNode *c = de->node;
            if (c->type == VN_FILE) {
                if (fn)
                    fn(k, c, ud);
                else
                    vfs_durable_sync(k, c);
            } else if (c->type == VN_DIR && c != dir) {
                if (kmem_grow(k, &todo, &cap, sizeof *todo, n + 1, 16) < 0) {
                    e = -AX_ENOMEM;
                    continue;
                }
                todo[n++] = c;
            }
        }
    }
    kmem_free(k, todo);
    return e;
}

void vfs_sync_all(Kernel *k) {
    durable_walk(k, NULL, NULL);
}

/* [from, to) of n's data becomes what the durable copy has there
 * (zeros past its end). Best effort: a block that cannot be had stays. */
static void durable_revert_range(Kernel *k, VNode *n, uint64_t from, uint64_t to) {
    char buf[4096];
    for (uint64_t pos = from; pos < to;) {
        size_t step = to - pos < sizeof buf ? (size_t)(to - pos) : sizeof buf;
        memset(buf, 0, step);
        if (pos < n->u.file.durable_size) {
            uint64_t have = n->u.file.durable_size - pos;
            fdata_read(&n->u.file.durable, pos, buf, have < step ? (size_t)have : step);
        }
        fdata_write(k, &n->u.file.data, pos, buf, step, NULL);
        pos += step;
    }
}

typedef struct CrashWalk {
    VfsCrashDraw draw;
    void *ud;
    VfsCrashStats *st;
} CrashWalk;

static void durable_crash_file(Kernel *k, VNode *n, void *ud) {
    CrashWalk *w = ud;
    if (!n->u.file.dirty)
        return;
    uint64_t size = n->u.file.size;
    switch (w->draw(w->ud, 3)) {
    case 0: /* kept: every change reached the disk */
        w->st->kept++;
        break;
    case 1: /* dropped: back to the durable copy */
        fdata_truncate(k, &n->u.file.data, 0);
        durable_revert_range(k, n, 0, n->u.file.durable_size);
        n->u.file.size = n->u.file.durable_size;
        w->st->dropped++;
        break;
    default: { /* torn: the new size, the new bytes only up to a seeded offset */
        uint64_t from = size ? w->draw(w->ud, size) : 0;
        durable_revert_range(k, n, from, size);
        w->st->torn++;
        break;
    }
    }
    vfs_file_bytes_resized(k, size, n->u.file.size);
    vfs_durable_sync(k, n);
}

int vfs_crash(Kernel *k, VfsCrashDraw draw, void *ud, VfsCrashStats *st) {
    memset(st, 0, sizeof *st);
    CrashWalk w = {draw, ud, st};
    return durable_walk(k, durable_crash_file, &w);
}

uint64_t vfs_file_bytes(const Kernel *k) {
    return k->vfs ? k->vfs->file_bytes : 0;
}
