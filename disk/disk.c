/* The disk's front: opening a database (after checking, without writing,
 * that it is an axos disk), the schema, the kernel's hooks, closing, and
 * the public kernel_disk_* calls.
 *
 * The database (schema version 1):
 *   meta(key, value)             root: the root's id; next_id: ids to come
 *   inode(id, mode, uid, gid, atime, mtime, ctime, size, target)
 *       one record per node; mode is AX_S_IF* | permission bits; times
 *       ns since 1970; target the text of a symbolic link (for when axos
 *       has them)
 *   chunk(key, bytes)            a regular file's content, DISK_CHUNK
 *       bytes a row, keyed (id << DISK_CHUNK_BITS) + the chunk's number;
 *       chunks of zeros are left out (holes)
 *   dirent(dir, name, id)        the names in each directory; a node may
 *       have several (hard links, for when axos has them)
 * PRAGMA application_id is "axos" and user_version the schema version, so
 * any other SQLite database is told apart before anything is written. The
 * database runs in WAL mode with an exclusive lock: one axos at a time,
 * and every write one transaction that a crash either keeps or undoes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disk/disk.h"
#include "hostlib/hostlib.h"
#include "kernel/kmem.h"
#include "vfs/image.h"

static const char schema[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "CREATE TABLE inode(id INTEGER PRIMARY KEY, mode INTEGER NOT NULL, uid INTEGER NOT NULL,"
    " gid INTEGER NOT NULL, atime INTEGER NOT NULL, mtime INTEGER NOT NULL,"
    " ctime INTEGER NOT NULL, size INTEGER NOT NULL, target BLOB);"
    "CREATE TABLE chunk(key INTEGER PRIMARY KEY, bytes BLOB NOT NULL);"
    "CREATE TABLE dirent(dir INTEGER NOT NULL, name BLOB NOT NULL, id INTEGER NOT NULL,"
    " PRIMARY KEY(dir, name)) WITHOUT ROWID;";

int disk_exec(Disk *d, const char *sql)
{
    return SQLITE(exec)(d->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -AX_EIO;
}

static int say(char *msg, size_t msglen, int err, const char *path, const char *what)
{
    if (msg && msglen)
        snprintf(msg, msglen, "%s: %s", path, what);
    return err;
}

enum { FILE_NEW, FILE_OURS, FILE_HOT };

/* A rollback journal beside the database: the last write of a transaction
 * may have been cut short, and the file's first bytes are not to be
 * trusted until SQLite has rolled it back. */
static bool hot_journal(const char *path)
{
    char *j = malloc(strlen(path) + 9);
    if (!j)
        return false;
    sprintf(j, "%s-journal", path);
    struct stat st;
    bool hot = stat(j, &st) == 0 && st.st_size > 0;
    free(j);
    return hot;
}

/* What is at path, judged from its first bytes without SQLite: FILE_NEW
 * (no file, or an empty one), FILE_OURS (an axos disk), FILE_HOT (a
 * journal says the bytes may change: SQLite must look first), or -AX_*. */
static int check_file(const char *path, char *msg, size_t msglen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT) {
            /* its directory must exist: SQLite would say "unable to open" */
            char *dir = strdup(path);
            char *slash = dir ? strrchr(dir, '/') : NULL;
            bool ok = true;
            if (slash && slash != dir) {
                *slash = '\0';
                ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
            }
            free(dir);
            return ok ? 0 : say(msg, msglen, -AX_ENOENT, path, "its directory does not exist");
        }
        return say(msg, msglen, errno == EACCES ? -AX_EACCES : -AX_EIO, path, strerror(errno));
    }
    if (S_ISDIR(st.st_mode))
        return say(msg, msglen, -AX_EISDIR, path, "is a directory, not a disk");
    if (access(path, R_OK | W_OK) != 0)
        return say(msg, msglen, -AX_EACCES, path, "cannot be read and written (permission denied)");
    if (st.st_size == 0)
        return FILE_NEW;
    if (hot_journal(path))
        return FILE_HOT;
    unsigned char head[100];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, head, sizeof head) : -1;
    if (fd >= 0)
        close(fd);
    if (n < 0)
        return say(msg, msglen, -AX_EIO, path, strerror(errno));
    if (n < (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
        return say(msg, msglen, -AX_EOPNOTSUPP, path,
                   "not an axos disk (not an SQLite database); it was left as it is");
    uint32_t app = (uint32_t)head[68] << 24 | head[69] << 16 | head[70] << 8 | head[71];
    uint32_t ver = (uint32_t)head[60] << 24 | head[61] << 16 | head[62] << 8 | head[63];
    if (app != DISK_APP_ID)
        return say(msg, msglen, -AX_EOPNOTSUPP, path,
                   "not an axos disk (another program's SQLite database); it was left as it is");
    if (ver != DISK_VERSION)
        return say(msg, msglen, -AX_EOPNOTSUPP, path,
                   "an axos disk of another format version; it was left as it is");
    return FILE_OURS;
}

/* A file with a hot journal, once SQLite has rolled it back (its first
 * read does): FILE_NEW (nothing was ever committed), FILE_OURS, or the
 * refusal of another program's database. */
static int check_recovered(Disk *d, char *msg, size_t msglen)
{
    sqlite3_stmt *s;
    int app = -1, ver = -1, tables = -1;
    if (SQLITE(prepare_v2)(d->db, "SELECT (SELECT application_id FROM pragma_application_id),"
                                  " (SELECT user_version FROM pragma_user_version),"
                                  " (SELECT count(*) FROM sqlite_schema)", -1, &s, NULL) == SQLITE_OK &&
        SQLITE(step)(s) == SQLITE_ROW) {
        app = SQLITE(column_int)(s, 0);
        ver = SQLITE(column_int)(s, 1);
        tables = SQLITE(column_int)(s, 2);
    }
    bool busy = SQLITE(errcode)(d->db) == SQLITE_BUSY;
    SQLITE(finalize)(s);
    if (busy)
        return say(msg, msglen, -AX_EBUSY, d->path, "in use by another axos");
    if (tables < 0)
        return say(msg, msglen, -AX_EIO, d->path, "corrupt; it was left as it is");
    if (app == 0 && ver == 0 && tables == 0)
        return FILE_NEW;
    if ((uint32_t)app != DISK_APP_ID)
        return say(msg, msglen, -AX_EOPNOTSUPP, d->path,
                   "not an axos disk (another program's SQLite database); it was left as it is");
    if (ver != DISK_VERSION)
        return say(msg, msglen, -AX_EOPNOTSUPP, d->path,
                   "an axos disk of another format version; it was left as it is");
    return FILE_OURS;
}

/* Read-only checks of an existing disk: SQLite's own consistency check,
 * and the tables this version needs. */
static int check_database(Disk *d, char *msg, size_t msglen)
{
    sqlite3_stmt *s;
    int rc = SQLITE(prepare_v2)(d->db, "PRAGMA quick_check", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = SQLITE(step)(s);
    bool busy = rc == SQLITE_BUSY || SQLITE(errcode)(d->db) == SQLITE_BUSY;
    bool ok = rc == SQLITE_ROW && strcmp((const char *)SQLITE(column_text)(s, 0), "ok") == 0;
    SQLITE(finalize)(s);
    if (busy)
        return say(msg, msglen, -AX_EBUSY, d->path, "in use by another axos");
    if (!ok)
        return say(msg, msglen, -AX_EIO, d->path,
                   "corrupt (SQLite's check failed); it was left as it is");
    rc = SQLITE(prepare_v2)(d->db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                   "('meta', 'inode', 'dirent', 'chunk')", -1, &s, NULL);
    int tables = rc == SQLITE_OK && SQLITE(step)(s) == SQLITE_ROW ? SQLITE(column_int)(s, 0) : -1;
    SQLITE(finalize)(s);
    if (tables != 4)
        return say(msg, msglen, -AX_EIO, d->path, "corrupt (tables are missing); it was left as it is");
    return 0;
}

/* The settings of an open disk: one axos at a time, WAL, and a commit
 * that reaches the host's disk before it counts. (New disks get 64 KiB
 * pages first: big blobs read and write faster.) */
static int configure(Disk *d)
{
    if (disk_exec(d, "PRAGMA locking_mode = EXCLUSIVE") < 0)
        return -AX_EIO;
    if (disk_exec(d, "PRAGMA journal_mode = WAL") < 0 ||
        disk_exec(d, "PRAGMA synchronous = FULL") < 0)
        return -AX_EIO;
    return 0;
}

static int create_schema(Kernel *k, Disk *d)
{
    char sql[160];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
             (int)DISK_APP_ID, DISK_VERSION);
    if (disk_exec(d, "BEGIN IMMEDIATE") < 0)
        return -AX_EIO;
    int r = disk_exec(d, sql);
    if (r == 0)
        r = disk_exec(d, schema);
    if (r == 0)
        r = disk_exec(d, "INSERT INTO meta(key, value) VALUES('root', 0), ('next_id', 1)");
    if (r == 0)
        r = disk_exec(d, "COMMIT");
    if (r < 0)
        disk_exec(d, "ROLLBACK");
    return r;
}

static int hook_sync(Kernel *k) { return kernel_disk_sync(k) == 0 ? 0 : -AX_EIO; }

static void hook_close(Kernel *k) { kernel_disk_close(k); }

static void disk_free(Kernel *k, Disk *d)
{
    if (d->db)
        SQLITE(close)(d->db);
    ids_free(k, &d->ids);
    free(d->path);
    kmem_free(k, d);
}

#ifndef AXOS_SQLITE_SONAME
#define AXOS_SQLITE_SONAME "libsqlite3.so.0" /* SQLite 3's ABI name on Linux */
#endif

DiskSqliteApi disk_sqlite;
static const char *const disk_sqlite_names[] = {
#define X(fn) #fn,
    DISK_SQLITE_FUNCTIONS
#undef X
};
static HostLib disk_sqlite_lib =
    HOSTLIB_INIT(AXOS_SQLITE_SONAME, "sqlite3_", disk_sqlite_names, disk_sqlite);

int kernel_disk_open(Kernel *k, const char *path, char *msg, size_t msglen)
{
    if (msg && msglen)
        msg[0] = '\0';
    if (!k || !path || !*path)
        return -AX_EINVAL;
    if (k->disk)
        return say(msg, msglen, -AX_EEXIST, path, "the kernel has a disk already");
    if (!hostlib_load(&disk_sqlite_lib))
        return say(msg, msglen, -AX_EOPNOTSUPP, path, "cannot load SQLite (" AXOS_SQLITE_SONAME ")");
    int kind = check_file(path, msg, msglen);
    if (kind < 0)
        return kind;
    Disk *d = kmem_alloc(k, sizeof *d);
    if (!d || !(d->path = strdup(path))) {
        kmem_free(k, d);
        return say(msg, msglen, -AX_ENOMEM, path, "out of memory");
    }
    int flags = SQLITE_OPEN_READWRITE | (kind == FILE_NEW ? SQLITE_OPEN_CREATE : 0) |
                SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    int r = 0;
    if (SQLITE(open_v2)(path, &d->db, flags, NULL) != SQLITE_OK) {
        r = say(msg, msglen, -AX_EIO, path, d->db ? SQLITE(errmsg)(d->db) : "cannot open");
    } else if (kind == FILE_HOT && (kind = r = check_recovered(d, msg, msglen)) < 0) {
        /* refused; SQLite's rollback restored what its owner last committed */
    } else if (kind == FILE_OURS && (r = check_database(d, msg, msglen)) < 0) {
        /* nothing was written */
    } else if (kind == FILE_NEW && (disk_exec(d, "PRAGMA locking_mode = EXCLUSIVE") < 0 ||
                             disk_exec(d, "PRAGMA page_size = 65536") < 0 ||
                             create_schema(k, d) < 0)) {
        /* a new disk gets its marks and tables before WAL mode, so that
         * the file itself says "axos" from the start (in WAL mode a change
         * sits in the -wal file until a checkpoint) */
        r = say(msg, msglen, -AX_EIO, path, SQLITE(errmsg)(d->db));
    } else if (configure(d) < 0) {
        bool busy = SQLITE(extended_errcode)(d->db) == SQLITE_BUSY ||
                    SQLITE(errcode)(d->db) == SQLITE_BUSY;
        r = busy ? say(msg, msglen, -AX_EBUSY, path, "in use by another axos")
                 : say(msg, msglen, -AX_EIO, path, SQLITE(errmsg)(d->db));
    } else if (kind == FILE_NEW) {
        /* a new disk: the tree as it is now */
        d->next_id = 1;
        r = disk_write(k, d, true);
        if (r < 0)
            say(msg, msglen, r, path, SQLITE(errmsg)(d->db));
    } else {
        r = disk_load(k, d, msg, msglen);
    }
    if (r < 0) {
        disk_free(k, d);
        return r;
    }
    k->disk = d;
    k->disk_sync = hook_sync;
    k->disk_close = hook_close;
    return 0;
}

int kernel_disk_sync(Kernel *k)
{
    if (!k || !k->disk)
        return -AX_ENODEV;
    return disk_write(k, k->disk, false) == 0 ? 0 : -AX_EIO;
}

int kernel_disk_close(Kernel *k)
{
    if (!k || !k->disk)
        return -AX_ENODEV;
    int r = kernel_disk_sync(k);
    disk_free(k, k->disk);
    k->disk = NULL;
    k->disk_sync = NULL;
    k->disk_close = NULL;
    return r;
}

int kernel_disk_info(Kernel *k, DiskInfo *out)
{
    if (!out)
        return -AX_EINVAL;
    memset(out, 0, sizeof *out);
    if (!k || !k->disk)
        return -AX_ENODEV;
    *out = k->disk->info;
    out->nodes = k->disk->ids.count;
    return 0;
}
