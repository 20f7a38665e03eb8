/* Writing a disk: walk the tree (vfs/image.h) and put what changed since
 * the last commit into one transaction: node records (with the content of
 * files that changed), the entries of directories whose names changed,
 * and the removal of nodes the walk no longer reached. */
#include <string.h>

#include "disk/disk.h"
#include "kernel/kmem.h"
#include "vfs/image.h"

typedef struct Writer {
    Kernel *k;
    Disk *d;
    sqlite3_stmt *put_node, *put_meta, *del_node, *del_entries, *put_entry;
    sqlite3_stmt *del_chunks, *put_chunk;
    char *buf;  /* DISK_CHUNK bytes */
    DiskInfo counts;
} Writer;

static uint64_t w_new_id(void *ud)
{
    Writer *w = ud;
    return w->d->next_id++;
}

static int w_seen(void *ud, uint64_t id)
{
    Writer *w = ud;
    if (ids_mark(&w->d->ids, id, w->d->epoch))
        return 0;
    return ids_add(w->k, &w->d->ids, id, w->d->epoch); /* new to the disk */
}

static void bind_meta(sqlite3_stmt *s, const VImageNode *n)
{
    SQLITE(bind_int64)(s, 1, (sqlite3_int64)n->id);
    SQLITE(bind_int64)(s, 2, n->mode);
    SQLITE(bind_int64)(s, 3, n->uid);
    SQLITE(bind_int64)(s, 4, n->gid);
    SQLITE(bind_int64)(s, 5, n->atime);
    SQLITE(bind_int64)(s, 6, n->mtime);
    SQLITE(bind_int64)(s, 7, n->ctime);
    SQLITE(bind_int64)(s, 8, (sqlite3_int64)n->size);
}

static int step_done(sqlite3_stmt *s)
{
    int rc = SQLITE(step)(s);
    SQLITE(reset)(s);
    SQLITE(clear_bindings)(s);
    return rc == SQLITE_DONE ? 0 : -AX_EIO;
}

static int drop_chunks(Writer *w, uint64_t id)
{
    SQLITE(bind_int64)(w->del_chunks, 1, (sqlite3_int64)(id << DISK_CHUNK_BITS));
    SQLITE(bind_int64)(w->del_chunks, 2, (sqlite3_int64)((id + 1) << DISK_CHUNK_BITS));
    return step_done(w->del_chunks);
}

static bool all_zero(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

/* The content of file n, in chunks (holes left out), replacing what was
 * stored. The file's bytes are read where they are, a chunk at a time. */
static int write_data(Writer *w, VNode *n, const VImageNode *info)
{
    int r = drop_chunks(w, info->id);
    uint64_t chunk = 0;
    for (uint64_t off = 0; off < info->size && r == 0; off += DISK_CHUNK, chunk++) {
        if (chunk >> DISK_CHUNK_BITS)
            return -AX_EFBIG; /* past 256 GiB: more than a key holds */
        size_t got = vfs_image_read(n, off, w->buf, DISK_CHUNK);
        if (got == 0)
            break;
        if (all_zero(w->buf, got))
            continue;
        sqlite3_stmt *s = w->put_chunk;
        SQLITE(bind_int64)(s, 1, (sqlite3_int64)((info->id << DISK_CHUNK_BITS) + chunk));
        SQLITE(bind_blob)(s, 2, w->buf, (int)got, SQLITE_STATIC);
        r = step_done(s);
        w->counts.bytes_written += got;
    }
    return r;
}

static int w_node(void *ud, VNode *n, const VImageNode *info, bool data)
{
    Writer *w = ud;
    w->counts.nodes_written++;
    if (!data) { /* metadata only: the content stays as it is */
        sqlite3_stmt *s = w->put_meta;
        bind_meta(s, info);
        int r = step_done(s);
        if (r == 0 && SQLITE(changes)(w->d->db) == 1)
            return 0;
        if (r < 0)
            return r;
        /* no record yet (a directory or FIFO stored for the first time) */
    }
    sqlite3_stmt *s = w->put_node;
    bind_meta(s, info);
    int r = step_done(s);
    if (r == 0 && data) {
        w->counts.data_written++;
        r = write_data(w, n, info);
    }
    return r;
}

static int w_entries(void *ud, uint64_t dir, const VImageEntry *ents, size_t n)
{
    Writer *w = ud;
    w->counts.dirs_written++;
    SQLITE(bind_int64)(w->del_entries, 1, (sqlite3_int64)dir);
    int r = step_done(w->del_entries);
    for (size_t i = 0; i < n && r == 0; i++) {
        sqlite3_stmt *s = w->put_entry;
        SQLITE(bind_int64)(s, 1, (sqlite3_int64)dir);
        SQLITE(bind_blob)(s, 2, ents[i].name, (int)ents[i].len, SQLITE_STATIC);
        SQLITE(bind_int64)(s, 3, (sqlite3_int64)ents[i].id);
        r = step_done(s);
    }
    return r;
}

/* A node the walk did not reach: its record and, for a directory, its
 * entries go. */
static int w_gone(void *ud, uint64_t id)
{
    Writer *w = ud;
    w->counts.nodes_deleted++;
    SQLITE(bind_int64)(w->del_node, 1, (sqlite3_int64)id);
    int r = step_done(w->del_node);
    if (r == 0) {
        SQLITE(bind_int64)(w->del_entries, 1, (sqlite3_int64)id);
        r = step_done(w->del_entries);
    }
    if (r == 0)
        r = drop_chunks(w, id);
    return r;
}

static const VImageSink writer_sink = {w_new_id, w_seen, w_node, w_entries};

static int prepare(Disk *d, const char *sql, sqlite3_stmt **out)
{
    return SQLITE(prepare_v2)(d->db, sql, -1, out, NULL) == SQLITE_OK ? 0 : -AX_EIO;
}

static int put_counter(Disk *d, const char *key, uint64_t value)
{
    sqlite3_stmt *s;
    if (prepare(d, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", &s) < 0)
        return -AX_EIO;
    SQLITE(bind_text)(s, 1, key, -1, SQLITE_STATIC);
    SQLITE(bind_int64)(s, 2, (sqlite3_int64)value);
    int rc = SQLITE(step)(s);
    SQLITE(finalize)(s);
    return rc == SQLITE_DONE ? 0 : -AX_EIO;
}

int disk_write(Kernel *k, Disk *d, bool everything)
{
    uint64_t gen = vfs_image_gen(k);
    if (!everything && !d->failed && gen == d->synced_gen)
        return 0; /* nothing changed: no transaction at all */
    Writer w = {.k = k, .d = d};
    int r = 0;
    if (prepare(d, "INSERT OR REPLACE INTO inode(id, mode, uid, gid, atime, mtime, ctime, size) "
                   "VALUES(?, ?, ?, ?, ?, ?, ?, ?)", &w.put_node) < 0 ||
        prepare(d, "DELETE FROM chunk WHERE key >= ? AND key < ?", &w.del_chunks) < 0 ||
        prepare(d, "INSERT INTO chunk(key, bytes) VALUES(?, ?)", &w.put_chunk) < 0 ||
        prepare(d, "UPDATE inode SET mode = ?2, uid = ?3, gid = ?4, atime = ?5, mtime = ?6, "
                   "ctime = ?7, size = ?8 WHERE id = ?1", &w.put_meta) < 0 ||
        prepare(d, "DELETE FROM inode WHERE id = ?", &w.del_node) < 0 ||
        prepare(d, "DELETE FROM dirent WHERE dir = ?", &w.del_entries) < 0 ||
        prepare(d, "INSERT INTO dirent(dir, name, id) VALUES(?, ?, ?)", &w.put_entry) < 0)
        r = -AX_EIO;
    w.buf = r == 0 ? kmem_alloc(k, DISK_CHUNK) : NULL;
    if (r == 0 && !w.buf)
        r = -AX_ENOMEM;
    if (r == 0)
        r = disk_exec(d, "BEGIN IMMEDIATE");
    if (r == 0) {
        d->epoch++;
        /* after a failed write, nothing is known to be on the disk that the
         * rolled-back transaction wrote: write everything */
        r = vfs_image_walk(k, everything || d->failed ? 0 : d->synced_gen, &writer_sink, &w);
        if (r == 0)
            r = ids_sweep(&d->ids, d->epoch, w_gone, &w);
        if (r == 0)
            r = put_counter(d, "next_id", d->next_id);
        if (r == 0)
            r = put_counter(d, "root", vfs_image_root_id(k));
        if (r == 0)
            r = disk_exec(d, "COMMIT");
        if (r < 0)
            disk_exec(d, "ROLLBACK");
    }
    SQLITE(finalize)(w.put_node);
    SQLITE(finalize)(w.put_meta);
    SQLITE(finalize)(w.del_node);
    SQLITE(finalize)(w.del_entries);
    SQLITE(finalize)(w.put_entry);
    SQLITE(finalize)(w.del_chunks);
    SQLITE(finalize)(w.put_chunk);
    kmem_free(k, w.buf);
    if (r < 0) {
        /* The rollback undid what the walk wrote and deleted: the id set no
         * longer says what the database holds. Read it again; the next
         * write rewrites every node (ids given out meanwhile stay given:
         * the nodes keep them, and next_id only grows). */
        d->failed = true;
        disk_read_ids(k, d);
        return r == -AX_ENOMEM ? r : -AX_EIO;
    }
    d->failed = false;
    d->synced_gen = gen;
    w.counts.syncs = d->info.syncs + 1;
    w.counts.nodes = d->ids.count;
    d->info = w.counts;
    return 0;
}
