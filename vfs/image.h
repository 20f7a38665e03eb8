/* The file tree as a backing store sees it (disk/, the SQLite disk): a walk
 * that hands over what changed since a generation, and the calls that
 * rebuild a tree at boot. This is the store's whole view of the VFS; it
 * includes no other vfs/ header.
 *
 * What is stored: the root, directories, regular files, FIFOs and
 * symbolic links (their target as their content), with their permission
 * bits, owners and times; a node with several names (hard links) is one
 * node, named in several entries. What is not: /dev (devices and
 * /dev/fd), program nodes (code in the host, installed at every boot),
 * socket names (nothing listens on them after a boot), and files no name
 * reaches (unlinked, still open). Reading a file changes nothing a store
 * keeps (axos stores atime only along with other changes).
 *
 * Times cross the interface as ns since 1970 (the kernel keeps them as
 * kernel-clock ns, which start at 0 at every boot). */
#ifndef AXOS_VFS_IMAGE_H
#define AXOS_VFS_IMAGE_H

#include "kernel/kernel.h"

typedef struct VNode VNode;
typedef struct VSpecialOps VSpecialOps;

typedef struct VImageNode {
    uint64_t id;     /* the store's key for the node; 0 before it is stored */
    uint32_t mode;   /* AX_S_IFDIR / AX_S_IFREG / AX_S_IFIFO / AX_S_IFLNK | permission bits */
    uint32_t uid, gid; /* owner and group */
    int64_t atime, mtime, ctime; /* ns since 1970 */
    uint64_t size;   /* bytes of a regular file or a link's target, else 0 */
} VImageNode;

typedef struct VImageEntry {
    const char *name; /* not NUL-terminated */
    size_t len;
    uint64_t id;      /* the node it names */
} VImageEntry;

/* What a walk reports to the store. Every callback returns 0 or -AX_*;
 * an error ends the walk with that error. */
typedef struct VImageSink {
    /* An id for a node stored for the first time (never 0, never reused). */
    uint64_t (*new_id)(void *ud);
    /* Every stored node the walk reaches, changed or not (the store can
     * tell which of its nodes are gone). */
    int (*seen)(void *ud, uint64_t id);
    /* A node that is new, or changed since the walk's generation: its
     * metadata, and with data set (regular files whose content changed)
     * its bytes, to be read with vfs_image_read(n, ...). */
    int (*node)(void *ud, VNode *n, const VImageNode *info, bool data);
    /* The entries of a directory that is new or whose names changed. */
    int (*entries)(void *ud, uint64_t dir, const VImageEntry *ents, size_t n);
} VImageSink;

/* The tree's change count: a walk with `since` set to it reports nothing
 * until something changes. */
uint64_t vfs_image_gen(Kernel *k);

/* Walk every stored node from the root (directories before what they
 * hold), reporting those changed since generation `since` (0: all; a
 * node with several names once), and
 * give new nodes their ids. The tree does not change during a walk (it
 * runs on the host or inside one syscall). Returns 0 or a sink's error;
 * after an error the ids given out stay given. */
int vfs_image_walk(Kernel *k, uint64_t since, const VImageSink *sink, void *ud);

/* The store's id of the root (0 before the first walk). */
uint64_t vfs_image_root_id(Kernel *k);

/* Copy up to len bytes of regular file n (or of symbolic link n's
 * target) from off into buf; returns the count. */
size_t vfs_image_read(VNode *n, uint64_t off, void *buf, size_t len);

/* ---- rebuilding a tree at boot ---- */

/* Empty the tree for a load: every stored kind of node below the root
 * goes (/dev stays, and so do programs, which are not stored), and the
 * root takes info's metadata and id. Returns the root. */
VNode *vfs_image_reset(Kernel *k, const VImageNode *root);
/* Make the node info describes, named name[0..len) in dir (a directory
 * made by this interface or the root). fifo_ops: the operations of a FIFO
 * node (ipc's). Returns 0 and *out (borrowed), or -AX_EINVAL (a bad name
 * or type), -AX_EEXIST (the name is taken), -AX_ENOMEM. */
int vfs_image_add(Kernel *k, VNode *dir, const char *name, size_t len, const VImageNode *info,
                  const VSpecialOps *fifo_ops, VNode **out);
/* Give n, made by vfs_image_add and not a directory, one more name,
 * name[0..len) in dir (a hard link); times stay. 0, -AX_EINVAL (a bad
 * name, a directory, too many names), -AX_EEXIST or -AX_ENOMEM. */
int vfs_image_link(Kernel *k, VNode *dir, const char *name, size_t len, VNode *n);
/* Put len bytes at off into regular file n (made by vfs_image_add), and
 * set its size (what no fill reaches is a hole, reading as zeros); its
 * times stay. Return 0, -AX_EFBIG or -AX_ENOMEM. A symbolic link takes
 * its whole target in one fill at 0 (else -AX_EINVAL), and its size
 * call checks it came (-AX_EINVAL otherwise). */
int vfs_image_fill(Kernel *k, VNode *n, uint64_t off, const void *data, size_t len);
int vfs_image_size(Kernel *k, VNode *n, uint64_t size);
/* ---- host trees in and out (axos --import / --export) ---- */

/* The node at absolute path (no ".", ".." or empty components needed;
 * they are accepted), or NULL. */
VNode *vfs_image_resolve(Kernel *k, const char *path);
/* The directory at absolute path, made with its missing parents (mode
 * 0755, stamped now). Returns 0 and *out, or -AX_ENOTDIR (something else
 * is in the way), -AX_EINVAL (a relative path, or one into /dev),
 * -AX_ENOMEM. */
int vfs_image_mkdirs(Kernel *k, const char *path, VNode **out);
/* The node named name[0..len) in dir, or NULL. */
VNode *vfs_image_lookup(VNode *dir, const char *name, size_t len);
/* Remove the name name[0..len) from dir, with all that is below it. */
void vfs_image_remove(Kernel *k, VNode *dir, const char *name, size_t len);
/* What n is: its metadata (id included) as a store sees it. */
void vfs_image_stat(Kernel *k, VNode *n, VImageNode *out);
/* Call fn for each stored kind of node named in directory dir, sorted by
 * name; stops at fn's first error and returns it, else 0. */
int vfs_image_list(Kernel *k, VNode *dir,
                   int (*fn)(void *ud, const char *name, size_t len, VNode *n), void *ud);

/* The load is done: what it made counts as stored. Returns the tree's
 * generation (see vfs_image_gen). */
uint64_t vfs_image_settle(Kernel *k);

#endif
