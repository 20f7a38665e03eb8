/* disk/: the file tree kept in an SQLite database (`axos --disk FILE`).
 * The public calls are kernel_disk_* (axos.h); these are the room's
 * own pieces, shared by its files:
 *   disk.c   opening (checks, the schema), closing, the public calls
 *   sync.c   writing what changed: a walk of the tree into one transaction
 *   load.c   building the tree from the database at boot
 *   ids.c    the set of node ids on the disk, to find the ones gone
 * The room reaches the VFS only through vfs/image.h, and FIFOs through
 * ipc/fifo.h. SQLite stays inside it, and is not linked: it is loaded
 * at the first kernel_disk_open (hostlib.h), so the runs that attach no
 * disk never pay for it. */
#ifndef AXOS_DISK_DISK_H
#define AXOS_DISK_DISK_H

#include <sqlite3.h>

#include "kernel/kernel.h"

/* Every SQLite function the room calls, without its sqlite3_ prefix;
 * SQLITE(fn)(...) calls sqlite3_fn through the table disk.c fills. */
#define DISK_SQLITE_FUNCTIONS                                                                      \
    X(bind_blob) X(bind_int64) X(bind_text) X(changes) X(clear_bindings) X(close)                 \
    X(column_blob) X(column_bytes) X(column_int) X(column_int64) X(column_text) X(errcode)        \
    X(errmsg) X(exec) X(extended_errcode) X(finalize) X(open_v2) X(prepare_v2) X(reset) X(step)

typedef struct DiskSqliteApi {
#define X(fn) __typeof__(sqlite3_##fn) *fn;
    DISK_SQLITE_FUNCTIONS
#undef X
} DiskSqliteApi;

extern DiskSqliteApi disk_sqlite;
#define SQLITE(fn) (disk_sqlite.fn)

/* The database's marks: PRAGMA application_id (ASCII "axos") and the
 * schema version (PRAGMA user_version). */
#define DISK_APP_ID 0x61786f73
#define DISK_VERSION 1

/* File content is stored in chunks of this many bytes (the last may be
 * short); a chunk that is all zeros is not stored (a hole). A chunk's key
 * is the file's id shifted up by DISK_CHUNK_BITS, plus its number. */
#define DISK_CHUNK (256 * 1024)
#define DISK_CHUNK_BITS 20

/* A set of node ids, each with the sync epoch that last saw it. */
typedef struct IdSet {
    uint64_t *ids;     /* 0: an empty slot */
    uint32_t *epoch;
    size_t cap;        /* power of two, or 0 */
    size_t count;
} IdSet;

struct Disk {
    sqlite3 *db;
    char *path;
    uint64_t synced_gen; /* the tree's generation at the last commit */
    uint64_t next_id;    /* the next node id to give out */
    uint32_t epoch;      /* of the current sync */
    IdSet ids;           /* every node id the database holds */
    DiskInfo info;
    bool failed;         /* the last write failed: write everything next time */
};
typedef struct Disk Disk;

/* ids.c: 0 or -AX_ENOMEM. */
int ids_add(Kernel *k, IdSet *s, uint64_t id, uint32_t epoch);
/* Mark id seen in epoch; false when the set does not hold it. */
bool ids_mark(IdSet *s, uint64_t id, uint32_t epoch);
/* Call fn for each id not marked in epoch and take it out of the set. */
int ids_sweep(IdSet *s, uint32_t epoch, int (*fn)(void *ud, uint64_t id), void *ud);
void ids_free(Kernel *k, IdSet *s);

/* sync.c: write what changed since d->synced_gen (all of it with
 * everything set) in one transaction. 0 or -AX_EIO / -AX_ENOMEM. */
int disk_write(Kernel *k, Disk *d, bool everything);

/* load.c: replace the tree with the database's. 0 or -AX_* with a
 * message in msg. */
int disk_load(Kernel *k, Disk *d, char *msg, size_t msglen);

/* load.c: fill d->ids with the ids the database holds. 0 or -AX_EIO /
 * -AX_ENOMEM (the set is then empty). */
int disk_read_ids(Kernel *k, Disk *d);

/* disk.c: run one SQL statement without results; 0 or -AX_EIO. */
int disk_exec(Disk *d, const char *sql);

#endif
