/* vfs/ internals: the inode (VNode), the directory hash table, path
 * resolution and the object operations of each node type. Nothing outside
 * vfs/ includes this file; the rest of the kernel sees vfs/vfs.h.
 *
 * Lifetime of a node: it lives while it has a name in a directory
 * (VNode.links) or a holder outside the tree (VNode.refs: open files, a
 * process's cwd, and each subdirectory, which keeps its parent so that
 * ".." and getcwd work from a removed directory). It is freed when both
 * reach zero. The root is pinned by a link that only vfs_fini drops.
 */
#ifndef AXOS_VFS_INTERNAL_H
#define AXOS_VFS_INTERNAL_H

#include "kernel/kernel.h"
#include "vfs/vfs.h"

/* A regular file's data (fdata.c): blocks of FDATA_BLOCK bytes in a radix
 * tree; unwritten blocks are holes that read as zeros. */
#define FDATA_BLOCK ((size_t)64 * 1024)
typedef struct FData {
    void *root;       /* height 0: the only block (or NULL); else a node */
    unsigned height;  /* the tree reaches blocks [0, 64^height) */
    uint64_t blocks;  /* allocated blocks */
    uint64_t nodes;   /* tree nodes */
    uint64_t bytes;   /* bytes the blocks hold (st_blocks) */
} FData;

/* Whole blocks come from 2 MiB host mappings (fpool.c). */
typedef struct FChunk FChunk;
typedef struct FPool {
    FChunk *partial;  /* chunks with a free slot */
    uint64_t chunks;  /* mapped */
} FPool;

typedef enum VnType {
    VN_DIR = 1,
    VN_FILE,  /* regular file, data in kmem */
    VN_DEV,   /* character device under /dev */
    VN_PROG,  /* executable program node: a ProgramMain, stat says regular */
    VN_FIFO,  /* a named pipe: ipc/ keeps what it stands for (u.special) */
    VN_SOCK,  /* a bound UNIX socket's name (u.special) */
    VN_PROC,  /* a /proc file generated when opened (vfs/procfs.c, u.proc) */
    VN_PROCLINK, /* a /proc link resolved by procfs_follow (u.proc), in /proc's directories */
    /* the kinds path resolution must look at in other directories, last:
     * one test finds both */
    VN_FDLINK,/* a name for one of the caller's fds (vfs/fddev.c) */
    VN_SYMLINK, /* a symbolic link: its target path (u.link) */
} VnType;
#define VN_WALK_SPECIAL VN_FDLINK /* type >= this: not a plain step of a walk */

/* One name in a directory. The name is stored inline, NUL-terminated. */
typedef struct DirEnt {
    VNode *node;
    uint64_t hash;
    uint16_t len;
    char name[];
} DirEnt;

/* Open-addressing hash table (linear probing, backward-shift deletion) of
 * a directory's entries. It grows at 3/4 load and shrinks when it is
 * mostly empty, so lookups stay O(1) however many entries there are. An
 * empty directory has no table at all (cap 0). */
typedef struct DirTable {
    DirEnt **slots;
    size_t cap;    /* power of two, or 0 */
    size_t count;
} DirTable;

/* A device: the operations of its open objects, or an open hook for
 * devices that hand out their own object (/dev/console, /dev/tty,
 * /dev/ptmx, /dev/pts/N: p is the opener, NULL for the host). */
typedef struct VDevice {
    const char *name;
    const ObjOps *ops;
    int (*open)(Kernel *k, Proc *p, VNode *n, int flags, KObject **out);
    uint32_t rdev;    /* Linux's device number, encoded as stat's st_rdev */
    uint32_t perm;    /* the node's mode and group at boot (owner root) */
    uint32_t gid;
} VDevice;

struct VNode {
    VnType type;
    uint32_t perm;   /* permission bits, 07777 */
    uint32_t uid, gid; /* owner and group */
    uint32_t links;  /* names in the tree: 0 or 1 for a directory, up to
                        VFS_LINK_MAX for the others (hard links) */
    uint32_t refs;   /* holders outside the tree */
    uint64_t ino;
    uint64_t atime, mtime, ctime; /* kernel ns (negative before boot, see FileStat) */
    /* For a backing store (vfs/image.c): the Vfs.gen of the last change of
     * anything the store keeps (gen) and of the content (data_gen), and the
     * store's key for the node (0: not stored yet). */
    uint64_t gen, data_gen, disk_id;
    union {
        struct {
            FData data;
            uint64_t size;
            /* durable.c: while dirty (changed by a process since its last
             * fsync or sync), the data a power loss may fall back to */
            FData durable;
            uint64_t durable_size;
            bool dirty;
        } file;
        struct {
            DirTable tab;
            VNode *parent;   /* referenced; the root is its own parent */
            DirEnt *self;    /* the entry naming this dir, NULL for root / removed */
            uint32_t nsubdirs;
            uint8_t procfs;  /* a /proc directory: its PROCFS_D_* kind, else 0 */
            int pid;         /* ... of process pid (PROCFS_D_PID, _FD, _FDINFO) */
        } dir;
        struct {
            const VDevice *type;
            void *data; /* the driver's (a pty for /dev/pts/N); NULL: gone */
            uint32_t rdev; /* FileStat.rdev */
        } dev;
        struct {
            ProgramMain main;               /* built in (kernel_install_program), or */
            struct LoadedProgram *loaded;   /* loaded (kernel_load_program): referenced */
        } prog;
        struct {
            char *target; /* NUL-terminated, 1..AX_PATH_MAX-1 bytes, kmem */
            uint32_t len;
        } link;      /* VN_SYMLINK */
        int fd;      /* VN_FDLINK: 0, 1, 2 for /dev/stdin...; -1 for /dev/fd/N */
        struct {
            uint8_t kind; /* PROCFS_F_* or PROCFS_L_* (vfs/procfs.h) */
            int pid;      /* the process it describes; 0 for system files */
            int fd;       /* fdinfo/N: N */
        } proc;      /* VN_PROC, VN_PROCLINK */
        struct {
            const VSpecialOps *ops;
            void *priv;  /* ipc's: the FIFO's pipe while open, the bound socket */
        } special;   /* VN_FIFO, VN_SOCK */
    } u;
};

/* The VFS state of one kernel (Kernel.vfs). */
typedef struct Vfs {
    VNode *root;
    VNode *dev, *fd_dir; /* /dev and /dev/fd: no names made or removed there */
    VNode *pts;          /* /dev/pts: only pairs make and remove names there */
    VNode *fd_entry;     /* what /dev/fd/N names (unlinked, pinned by a ref) */
    VNode *proc;         /* /proc (vfs/procfs.c) */
    FPool fpool;         /* whole file blocks */
    VNode *session_home; /* cwd of kernel_spawn's processes (referenced) */
    char user[33];       /* the ordinary user's login name (KernelConfig.user) */
    uint64_t next_ino;
    uint64_t gen;    /* changes made to the tree so far (VNode.gen) */
    uint64_t nodes;  /* live VNodes */
    uint64_t rng;    /* /dev/random generator state (splitmix64) */
    uint64_t file_bytes; /* sizes of all regular files (KernelConfig.fs_capacity) */
} Vfs;

/* Is dir one where programs make and remove no names (/dev, /dev/fd),
 * as a user's would be refused there (AX_EACCES)? */
static inline bool vfs_dir_sealed(const Kernel *k, const VNode *dir) {
    return dir == k->vfs->dev || dir == k->vfs->fd_dir || dir == k->vfs->pts ||
           (dir && dir->type == VN_DIR && dir->u.dir.procfs);
}

/* Largest regular file: every offset an lseek can reach (Linux's
 * MAX_LFS_FILESIZE). Memory, not this, limits what a file holds. */
#define VFS_FILE_MAX ((uint64_t)INT64_MAX)

/* Most names one inode may have (ext4's EXT4_LINK_MAX): link(2) past it
 * fails with AX_EMLINK. */
#define VFS_LINK_MAX 65000

/* st_dev values */
#define VFS_DEV_MEMFS 1
#define VFS_DEV_DEVICES 2
#define VFS_DEV_PROC 3

/* ---- durable.c: what a power loss keeps ---- */

/* Before a process changes n's data: a regular file that is clean (its
 * data durable) keeps a copy of it as the durable data and becomes dirty.
 * 0, or -AX_ENOMEM (no copy: the change must not happen). */
int vfs_durable_before_change(Kernel *k, VNode *n);
/* fsync: n's data is durable now. */
void vfs_durable_sync(Kernel *k, VNode *n);

/* ---- file.c: sizes against KernelConfig.fs_capacity ---- */

/* A regular file's size went from `from` to `to` bytes. */
void vfs_file_bytes_resized(Kernel *k, uint64_t from, uint64_t to);

/* ---- node.c: allocation, lifetime, metadata ---- */

/* A new unlinked node with refs 0 and links 0, or NULL (AX_ENOMEM). */
VNode *vnode_new(Kernel *k, VnType type, uint32_t perm);
/* Free n if it has neither links nor refs; walks up the chain of parents
 * the freed directories held (iteratively, however deep). */
void vnode_maybe_free(Kernel *k, VNode *n);
void vnode_stat(const VNode *n, FileStat *st);
/* Mark content (mtime and ctime) or metadata (ctime) as changed now. */
void vnode_touch_content(Kernel *k, VNode *n);
void vnode_touch_meta(Kernel *k, VNode *n);
static inline bool vnode_is_dir(const VNode *n) { return n->type == VN_DIR; }
/* Is the directory still in the tree (so it may get new entries)? */
static inline bool vnode_dir_live(const VNode *d) { return d->links > 0; }

/* ---- boot.c, boot_users.c ---- */

/* A directory or a file with text made at boot in dir, owned by root
 * (mode 0644 for files); *out (may be NULL for files) gets the node.
 * 0 or -AX_ENOMEM. */
int vfs_boot_mkdir(Kernel *k, VNode *dir, const char *name, uint32_t perm, VNode **out);
int vfs_boot_file(Kernel *k, VNode *dir, const char *name, const char *text, VNode **out);
/* The account files, /root, the user's home and the session's
 * credentials (KernelConfig.user, user_hash, root_hash, session). */
int vfs_boot_users(Kernel *k, VNode *root, VNode *etc, VNode *home);

/* ---- perm.c: what cred is asked about inodes ---- */

/* May p (NULL: the host, as root) reach n for want (AX_R_OK, AX_W_OK,
 * AX_X_OK)? 0 or -AX_EACCES (kernel/cred.h decides). */
int vfs_may(Proc *p, const VNode *n, int want);
/* Search permission on directory d, asked once per path component: a
 * directory everyone may search (the usual 0755) or the host costs one
 * test, and root never fails a search. */
static inline int vfs_may_search(Proc *p, const VNode *d) {
    if (!p || (d->perm & 0111) == 0111 || p->cred.euid == 0)
        return 0;
    return vfs_may(p, d, AX_X_OK);
}
/* May p make a name in dir (write and search on it)? 0 or -AX_EACCES. */
int vfs_may_create(Proc *p, const VNode *dir);
/* May p remove or replace victim's name in dir: write and search on dir
 * (-AX_EACCES), then the sticky rule (-AX_EPERM, as Linux's may_delete). */
int vfs_may_delete(Proc *p, const VNode *dir, const VNode *victim);
/* May p open n with these open flags: read for AX_O_RDONLY or AX_O_RDWR,
 * write for AX_O_WRONLY, AX_O_RDWR or AX_O_TRUNC? 0 or -AX_EACCES. */
int vfs_may_open(Proc *p, const VNode *n, int flags);

/* Owner, group and permission bits of a new node. */
typedef struct VAttrs {
    uint32_t uid, gid, perm;
} VAttrs;
/* What a node p creates in dir, asked for with mode (07777), gets:
 * cred_new_owner with p's umask (the host: root, no mask). */
void vfs_new_attrs(Proc *p, const VNode *dir, bool is_dir, uint32_t mode, VAttrs *out);
/* Give n those attributes. */
void vfs_set_owner(VNode *n, const VAttrs *a);

/* ---- dirhash.c: the entry table ---- */

uint64_t dirtab_hash(const char *name, size_t len);
/* The entry named name[0..len) or NULL. Allocates nothing. */
DirEnt *dirtab_find(const DirTable *t, const char *name, size_t len, uint64_t hash);
/* Make room for `extra` more entries. Returns 0 or -AX_ENOMEM (table
 * unchanged). */
int dirtab_reserve(Kernel *k, DirTable *t, size_t extra);
/* Insert e; the caller has reserved room and checked the name is new. */
void dirtab_insert(DirTable *t, DirEnt *e);
/* Take e out of the table (e itself is not freed). Cannot fail, and
 * keeps the table's size, so room reserved before stays reserved. */
void dirtab_remove(DirTable *t, DirEnt *e);
/* Give memory back when the table is mostly empty. */
void dirtab_shrink(Kernel *k, DirTable *t);
/* Next occupied slot from *pos on (start at 0), or NULL at the end. */
DirEnt *dirtab_next(const DirTable *t, size_t *pos);

/* ---- tree.c: linking nodes into directories ---- */

/* A new entry for name[0..len) (not yet in any table), or NULL. */
DirEnt *dirent_new(Kernel *k, const char *name, size_t len, uint64_t hash);
/* Link n into dir under e (room reserved by the caller, name new). */
void tree_link(Kernel *k, VNode *dir, DirEnt *e, VNode *n);
/* Remove entry e from dir, free it, drop its node's link (the node is
 * freed unless something holds it). */
void tree_unlink(Kernel *k, VNode *dir, DirEnt *e);
/* Make entry e of dir name n instead of its node, which loses the link. */
void tree_replace(Kernel *k, VNode *dir, DirEnt *e, VNode *n);
/* Rename: move the node named by oe in odir to ndir under ne, which is
 * either an entry of ndir whose node is replaced, or a new entry (node
 * NULL, room reserved in ndir). The caller has checked the POSIX rules. */
void tree_move(Kernel *k, VNode *odir, DirEnt *oe, VNode *ndir, DirEnt *ne);
/* Create a node of `type` named name[0..len) in dir. Returns 0 and the
 * node (borrowed: it lives by its link) or -AX_ENOENT (dir removed) /
 * -AX_ENOMEM; nothing changes on error. */
int tree_create(Kernel *k, VNode *dir, const char *name, size_t len, uint64_t hash,
                VnType type, uint32_t perm, VNode **out);
/* Is `anc` the directory d or one of its ancestors? */
bool tree_is_ancestor(const VNode *anc, const VNode *d);
/* Unlink everything below the root and free the root (vfs_fini). */
void tree_teardown(Kernel *k, VNode *root);

/* ---- path.c: resolution ---- */

#define VP_SLASH 0x1  /* the path ends with '/' */
#define VP_DOT 0x2    /* the last component is "." */
#define VP_DOTDOT 0x4 /* the last component is ".." */
#define VP_ROOT 0x8   /* the path is "/" (no component) */

/* Result of a walk: the directory holding the last component and what it
 * names. Pointers are borrowed from the tree and valid until it changes. */
typedef struct VPath {
    VNode *dir;       /* holder of the last component; NULL with VP_ROOT */
    VNode *node;      /* what the path names, NULL when the last name is missing */
    DirEnt *ent;      /* node's entry in dir (NULL for ".", "..", "/", missing) */
    const char *name; /* the last component, inside the path string */
    size_t len;
    uint64_t hash;
    unsigned flags;   /* VP_* */
    int fd;           /* node VN_FDLINK: the fd it names (open) ... */
    Proc *fd_proc;    /* ... in this process's table (/proc/PID/fd/N: PID's) */
    VNode *link;      /* the last component was this /proc link, which the
                         walk followed (node is its target): lstat and
                         readlink look at it */
} VPath;

#define VW_FOLLOW 0x1 /* follow a symbolic link the last component names */
#define VW_PARENT 0x2 /* the call acts on the last name itself (creating,
                       * removing, renaming it): a trailing slash does not
                       * follow a link there, as in Linux's parent lookups */

/* Walk path for p, a relative path from start (NULL: p->cwd; p NULL or
 * no cwd: "/"), an absolute one from the root.
 * Every component but the last must exist and be a directory, symbolic
 * links on the way followed; the last is followed too with VW_FOLLOW or
 * a trailing slash (but for VW_PARENT) (then dir, name and node describe where the link
 * leads: a missing node is a dangling link's target). A name for one of
 * p's fds (/dev/stdin, /dev/fd/N) is missing when that fd is not open.
 * Returns 0, or -AX_EFAULT (NULL), -AX_ENOENT (empty), -AX_ENAMETOOLONG,
 * -AX_ENOENT, -AX_ENOTDIR, -AX_EACCES (search), -AX_ELOOP (more than
 * AX_SYMLOOP_MAX links). Allocates nothing. */
int vfs_walk_at(Kernel *k, Proc *p, VNode *start, const char *path, unsigned how, VPath *out);
static inline int vfs_walk(Kernel *k, Proc *p, const char *path, unsigned how, VPath *out) {
    return vfs_walk_at(k, p, NULL, path, how, out);
}
/* Does an *at call with these flags act on dirfd's file itself
 * (AX_AT_EMPTY_PATH and path "")? */
static inline bool vfs_at_empty(int flags, const char *path) {
    return (flags & AX_AT_EMPTY_PATH) && path && path[0] == '\0';
}
/* The inode open at dirfd in p's table (AX_AT_FDCWD: the cwd), for an
 * *at call on "" with AX_AT_EMPTY_PATH: 0 and *out (borrowed; NULL for an
 * object outside the tree: a pipe, the console), or -AX_EBADF. */
int vfs_at_fd_node(Kernel *k, Proc *p, int dirfd, VNode **out);
/* Walk (following a final link with VW_FOLLOW) and require the node to exist (and be a
 * directory when the path ends with '/'). Returns 0 and *out (borrowed)
 * or a path error. */
int vfs_lookup_at(Kernel *k, Proc *p, VNode *start, const char *path, unsigned how,
                  VNode **out);
static inline int vfs_lookup(Kernel *k, Proc *p, const char *path, VNode **out) {
    return vfs_lookup_at(k, p, NULL, path, VW_FOLLOW, out);
}
/* The directory relative paths of p start from. */
VNode *vfs_cwd(Kernel *k, Proc *p);

/* ---- file.c, dir.c, dev.c: open objects ---- */

extern const ObjOps vfs_file_ops;
extern const ObjOps vfs_prog_ops;
extern const ObjOps vfs_dir_ops;

/* Resize a regular file to len bytes: growth is a hole (no memory, reads
 * as zeros), a cut frees the blocks past the end. Returns 0 or -AX_EFBIG
 * (over VFS_FILE_MAX; the file is unchanged). */
int vfs_file_resize(Kernel *k, VNode *n, uint64_t len);
/* For backing stores (vfs/image.c): copy up to len bytes of regular file n
 * at off into buf and return the count (0 past the end; holes read as
 * zeros). Changes nothing, times included. */
size_t vfs_file_peek(const VNode *n, uint64_t off, void *buf, size_t len);
/* Write len bytes at pos into the file (growing it), charged to a (NULL:
 * the system alone). Returns the bytes written: fewer than len when a
 * memory limit (or the host) refused a block, the rest left undone;
 * -AX_ENOSPC when nothing could be written; -AX_EFBIG at VFS_FILE_MAX. */
int64_t vfs_file_write_at(Kernel *k, VNode *n, uint64_t pos, const void *buf, size_t len,
                          struct MemAccount *a);

/* ---- fdata.c ---- */

/* Copy n bytes from pos (holes and unwritten tails as zeros): n. */
size_t fdata_read(const FData *d, uint64_t pos, void *buf, size_t n);
/* Write n bytes at pos, allocating blocks charged to a; returns how many
 * went in (fewer when a limit or the host refused a block). */
size_t fdata_write(Kernel *k, FData *d, uint64_t pos, const void *buf, size_t n,
                   struct MemAccount *a);
/* Free the blocks wholly past size and zero the tail of the block size
 * ends in (size 0: everything). Cannot fail. */
void fdata_truncate(Kernel *k, FData *d, uint64_t size);

/* ---- fpool.c ---- */

/* A zeroed FDATA_BLOCK slot and its chunk, or NULL (the host refused). */
unsigned char *fpool_alloc(Kernel *k, FPool *p, FChunk **chunk);
/* Give a slot back (its memory goes back to the host). */
void fpool_free(Kernel *k, FPool *p, FChunk *c, unsigned char *data);
/* Open the existing node n (no fd link) for p as open(2) would. */
int vfs_open_node(Kernel *k, Proc *p, VNode *n, int flags, KObject **out);
/* ObjOps.reopen of the objects whose priv is their node. */
int vfs_obj_reopen_node(Kernel *k, KObject *o, int flags, KObject **out);

#include "vfs/procfs.h"

/* ---- fddev.c: /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr ---- */

/* Build /dev/fd and the three names in dev. 0 or -AX_ENOMEM. */
int fddev_init(Kernel *k, VNode *dev);
/* The node /dev/fd/name[0..len) stands for when it names an open fd of
 * p (its number in *fd), else NULL. */
VNode *fddev_lookup(Kernel *k, Proc *p, const char *name, size_t len, int *fd);
/* Open what p's fd names (the open of a VN_FDLINK). */
int fddev_open(Kernel *k, Proc *p, int fd, int flags, KObject **out);

/* Open objects on a directory (priv holds a listing snapshot). */
int vfs_dir_open(Kernel *k, VNode *n, int flags, KObject **out);
/* Open a device node for p. */
int vfs_dev_open(Kernel *k, Proc *p, VNode *n, int flags, KObject **out);
/* The devices /dev holds, NULL-terminated. */
extern const VDevice *const vfs_devices[];

/* The directory an object of vfs_dir_ops stands for. */
VNode *vfs_dir_node(KObject *o);
/* The node behind an open file, directory, program or device; NULL for
 * objects outside the file system (pipes, the console, timers...). */
VNode *vfs_obj_node(KObject *o);

/* Release hook shared by objects whose priv is a referenced VNode. */
void vfs_obj_release_node(Kernel *k, KObject *o);
/* stat hook shared by those objects. */
int vfs_obj_stat_node(Kernel *k, KObject *o, FileStat *st);

#endif
