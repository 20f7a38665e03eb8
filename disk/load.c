/* Loading a disk at boot: read every node record and directory entry,
 * then rebuild the tree from the root down through vfs/image.h, then fill
 * the files with their content in one pass over the records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disk/disk.h"
#include "ipc/fifo.h"
#include "kernel/kmem.h"
#include "vfs/image.h"

typedef struct Rec {
    VImageNode info;
    VNode *node; /* once made */
} Rec;

typedef struct Ent {
    uint64_t dir, id;
    char *name;
    size_t len;
} Ent;

typedef struct Loader {
    Kernel *k;
    Disk *d;
    Rec *recs; /* sorted by id */
    size_t nrecs, rcap;
    Ent *ents; /* sorted by dir, then name */
    size_t nents, ecap;
    char *msg;
    size_t msglen;
} Loader;

static int fail(Loader *l, int err, const char *what)
{
    if (l->msg && l->msglen)
        snprintf(l->msg, l->msglen, "%s: %s", l->d->path, what);
    return err;
}

static Rec *find_rec(Loader *l, uint64_t id)
{
    size_t lo = 0, hi = l->nrecs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (l->recs[mid].info.id == id)
            return &l->recs[mid];
        if (l->recs[mid].info.id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int read_recs(Loader *l)
{
    sqlite3_stmt *s;
    if (SQLITE(prepare_v2)(l->d->db, "SELECT id, mode, uid, gid, atime, mtime, ctime, size "
                                     "FROM inode ORDER BY id", -1, &s, NULL) != SQLITE_OK)
        return fail(l, -AX_EIO, SQLITE(errmsg)(l->d->db));
    int rc;
    while ((rc = SQLITE(step)(s)) == SQLITE_ROW) {
        if (kmem_grow(l->k, &l->recs, &l->rcap, sizeof *l->recs, l->nrecs + 1, 1024) < 0) {
            SQLITE(finalize)(s);
            return fail(l, -AX_ENOMEM, "out of memory");
        }
        VImageNode *n = &l->recs[l->nrecs++].info;
        n->id = (uint64_t)SQLITE(column_int64)(s, 0);
        n->mode = (uint32_t)SQLITE(column_int64)(s, 1);
        n->uid = (uint32_t)SQLITE(column_int64)(s, 2);
        n->gid = (uint32_t)SQLITE(column_int64)(s, 3);
        n->atime = SQLITE(column_int64)(s, 4);
        n->mtime = SQLITE(column_int64)(s, 5);
        n->ctime = SQLITE(column_int64)(s, 6);
        n->size = (uint64_t)SQLITE(column_int64)(s, 7);
        l->recs[l->nrecs - 1].node = NULL;
    }
    SQLITE(finalize)(s);
    return rc == SQLITE_DONE ? 0 : fail(l, -AX_EIO, SQLITE(errmsg)(l->d->db));
}

static int read_ents(Loader *l)
{
    sqlite3_stmt *s;
    if (SQLITE(prepare_v2)(l->d->db, "SELECT dir, name, id FROM dirent ORDER BY dir, name", -1, &s,
                           NULL) != SQLITE_OK)
        return fail(l, -AX_EIO, SQLITE(errmsg)(l->d->db));
    int rc;
    while ((rc = SQLITE(step)(s)) == SQLITE_ROW) {
        if (kmem_grow(l->k, &l->ents, &l->ecap, sizeof *l->ents, l->nents + 1, 1024) < 0) {
            SQLITE(finalize)(s);
            return fail(l, -AX_ENOMEM, "out of memory");
        }
        Ent *e = &l->ents[l->nents];
        e->dir = (uint64_t)SQLITE(column_int64)(s, 0);
        e->id = (uint64_t)SQLITE(column_int64)(s, 2);
        const void *name = SQLITE(column_blob)(s, 1);
        e->len = (size_t)SQLITE(column_bytes)(s, 1);
        e->name = kmem_alloc(l->k, e->len + 1);
        if (!e->name) {
            SQLITE(finalize)(s);
            return fail(l, -AX_ENOMEM, "out of memory");
        }
        if (e->len)
            memcpy(e->name, name, e->len);
        l->nents++;
    }
    SQLITE(finalize)(s);
    return rc == SQLITE_DONE ? 0 : fail(l, -AX_EIO, SQLITE(errmsg)(l->d->db));
}

/* The first entry of directory dir, by binary search. */
static size_t first_ent(const Loader *l, uint64_t dir)
{
    size_t lo = 0, hi = l->nents;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (l->ents[mid].dir < dir)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Make the tree: the root, then each directory's entries, breadth first
 * (a queue of made directories; each is made once, so a cycle or a second
 * name for a directory shows as corruption). */
static int build(Loader *l, uint64_t root_id)
{
    Rec *root = find_rec(l, root_id);
    if (!root || (root->info.mode & AX_S_IFMT) != AX_S_IFDIR)
        return fail(l, -AX_EIO, "corrupt disk: no root directory");
    root->node = vfs_image_reset(l->k, &root->info);
    Rec **queue = NULL;
    size_t qcap = 0, qhead = 0, qlen = 0;
    if (kmem_grow(l->k, &queue, &qcap, sizeof *queue, 1, 256) < 0)
        return fail(l, -AX_ENOMEM, "out of memory");
    queue[qlen++] = root;
    int r = 0;
    while (qhead < qlen && r == 0) {
        Rec *dir = queue[qhead++];
        for (size_t i = first_ent(l, dir->info.id); i < l->nents && l->ents[i].dir == dir->info.id;
             i++) {
            Ent *e = &l->ents[i];
            Rec *c = find_rec(l, e->id);
            if (!c) {
                r = fail(l, -AX_EIO, "corrupt disk: an entry names a missing node");
                break;
            }
            if (c->node) /* one more name: a hard link (never a directory's) */
                r = vfs_image_link(l->k, dir->node, e->name, e->len, c->node);
            else
                r = vfs_image_add(l->k, dir->node, e->name, e->len, &c->info,
                                  ipc_fifo_node_ops(), &c->node);
            if (r == -AX_ENOMEM) {
                r = fail(l, r, "out of memory");
                break;
            }
            if (r < 0) {
                r = fail(l, -AX_EIO, "corrupt disk: a bad name or node type, or a directory "
                                     "with two names");
                break;
            }
            if ((c->info.mode & AX_S_IFMT) == AX_S_IFDIR) {
                if (kmem_grow(l->k, &queue, &qcap, sizeof *queue, qlen + 1, 256) < 0) {
                    r = fail(l, -AX_ENOMEM, "out of memory");
                    break;
                }
                queue[qlen++] = c;
            }
        }
    }
    kmem_free(l->k, queue);
    return r;
}

/* The content of every regular file, in one pass over the chunks (in key
 * order: file by file, each from its start), then each file's size (a
 * hole at the end has no chunk). */
static int fill(Loader *l)
{
    sqlite3_stmt *s;
    if (SQLITE(prepare_v2)(l->d->db, "SELECT key, bytes FROM chunk ORDER BY key", -1, &s, NULL) !=
        SQLITE_OK)
        return fail(l, -AX_EIO, SQLITE(errmsg)(l->d->db));
    int rc, r = 0;
    Rec *c = NULL;
    while (r == 0 && (rc = SQLITE(step)(s)) == SQLITE_ROW) {
        uint64_t key = (uint64_t)SQLITE(column_int64)(s, 0);
        uint64_t id = key >> DISK_CHUNK_BITS;
        uint64_t off = (key & ((1u << DISK_CHUNK_BITS) - 1)) * (uint64_t)DISK_CHUNK;
        if (!c || c->info.id != id)
            c = find_rec(l, id);
        if (!c || !c->node)
            continue; /* a node no name reaches: dropped at the first sync */
        const void *data = SQLITE(column_blob)(s, 1);
        size_t len = (size_t)SQLITE(column_bytes)(s, 1);
        uint32_t type = c->info.mode & AX_S_IFMT;
        if ((type != AX_S_IFREG && type != AX_S_IFLNK) || len > DISK_CHUNK ||
            off + len > c->info.size) {
            r = fail(l, -AX_EIO, "corrupt disk: a file's content does not match its size");
            break;
        }
        r = vfs_image_fill(l->k, c->node, off, data, len);
        if (r < 0)
            r = fail(l, r == -AX_EINVAL ? -AX_EIO : r,
                     r == -AX_ENOMEM   ? "out of memory"
                     : r == -AX_EINVAL ? "corrupt disk: a bad symbolic link"
                                       : "a file too large for axos");
    }
    if (r == 0 && rc != SQLITE_DONE)
        r = fail(l, -AX_EIO, SQLITE(errmsg)(l->d->db));
    SQLITE(finalize)(s);
    for (size_t i = 0; r == 0 && i < l->nrecs; i++) {
        Rec *f = &l->recs[i];
        uint32_t type = f->info.mode & AX_S_IFMT;
        if (!f->node || (type != AX_S_IFREG && type != AX_S_IFLNK))
            continue;
        if ((r = vfs_image_size(l->k, f->node, f->info.size)) < 0)
            r = type == AX_S_IFLNK ? fail(l, -AX_EIO, "corrupt disk: a symbolic link without "
                                                      "its target")
                                   : fail(l, r, "a file too large for axos");
    }
    return r;
}

static int get_counter(Disk *d, const char *key, uint64_t *out)
{
    sqlite3_stmt *s;
    if (SQLITE(prepare_v2)(d->db, "SELECT value FROM meta WHERE key = ?", -1, &s, NULL) !=
        SQLITE_OK)
        return -AX_EIO;
    SQLITE(bind_text)(s, 1, key, -1, SQLITE_STATIC);
    int rc = SQLITE(step)(s);
    if (rc == SQLITE_ROW)
        *out = (uint64_t)SQLITE(column_int64)(s, 0);
    SQLITE(finalize)(s);
    return rc == SQLITE_ROW ? 0 : -AX_EIO;
}

int disk_read_ids(Kernel *k, Disk *d)
{
    ids_free(k, &d->ids);
    sqlite3_stmt *s;
    if (SQLITE(prepare_v2)(d->db, "SELECT id FROM inode", -1, &s, NULL) != SQLITE_OK)
        return -AX_EIO;
    int rc, r = 0;
    while (r == 0 && (rc = SQLITE(step)(s)) == SQLITE_ROW)
        r = ids_add(k, &d->ids, (uint64_t)SQLITE(column_int64)(s, 0), d->epoch);
    SQLITE(finalize)(s);
    if (r == 0 && rc != SQLITE_DONE)
        r = -AX_EIO;
    if (r < 0)
        ids_free(k, &d->ids);
    return r;
}

int disk_load(Kernel *k, Disk *d, char *msg, size_t msglen)
{
    Loader l = {.k = k, .d = d, .msg = msg, .msglen = msglen};
    uint64_t root_id;
    if (get_counter(d, "root", &root_id) < 0 || get_counter(d, "next_id", &d->next_id) < 0)
        return fail(&l, -AX_EIO, "corrupt disk: its counters are missing");
    if (root_id == 0) {
        /* made, but its first tree never committed (a crash while it was
         * being written): a new disk still */
        int r = disk_write(k, d, true);
        return r < 0 ? fail(&l, r, SQLITE(errmsg)(d->db)) : 0;
    }
    int r = read_recs(&l);
    if (r == 0)
        r = read_ents(&l);
    if (r == 0)
        r = build(&l, root_id);
    if (r == 0)
        r = fill(&l);
    /* every record's id, reached or not: those no name reaches are gone at
     * the first sync */
    for (size_t i = 0; r == 0 && i < l.nrecs; i++) {
        if (l.recs[i].info.id >= d->next_id)
            d->next_id = l.recs[i].info.id + 1;
        r = ids_add(k, &d->ids, l.recs[i].info.id, d->epoch);
        if (r < 0)
            fail(&l, r, "out of memory");
    }
    for (size_t i = 0; i < l.nents; i++)
        kmem_free(k, l.ents[i].name);
    kmem_free(k, l.ents);
    kmem_free(k, l.recs);
    if (r == 0)
        d->synced_gen = vfs_image_settle(k);
    return r;
}
