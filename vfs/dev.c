/* The devices under /dev.
 *
 *   null     reads end of file, swallows writes
 *   zero     reads endless zeros, swallows writes
 *   full     reads zeros, writes fail with AX_ENOSPC
 *   random   a generator seeded from KernelConfig.seed, so a run repeats;
 *   urandom  both names read the same stream, writes are swallowed
 *   console  the console's own object (console/)
 *   tty      the opener's controlling terminal: the console or a pty's
 *            slave, for the processes of the session it controls; ENXIO
 *            for others
 *   fd/, stdin, stdout, stderr: the opener's fds (fddev.c)
 *   ptmx     a new pseudo-terminal pair's master (console/pty.c)
 *   pts/N    the slave of pair N, there while its master is open
 *
 * Device objects keep their (referenced) node in priv for fstat. Seeking
 * them succeeds and leaves the offset at 0, as on Linux. */
#include <stdio.h>
#include <string.h>

#include "console/console.h"
#include "console/pty.h"
#include "vfs/internal.h"

static int64_t dev_read_eof(Kernel *k, KObject *o, void *buf, size_t n) { return 0; }

static int64_t dev_read_zero(Kernel *k, KObject *o, void *buf, size_t n) {
    memset(buf, 0, n);
    return (int64_t)n;
}

static int64_t dev_write_sink(Kernel *k, KObject *o, const void *buf, size_t n) {
    return (int64_t)n;
}

static int64_t dev_write_full(Kernel *k, KObject *o, const void *buf, size_t n) {
    return -AX_ENOSPC;
}

/* splitmix64: small, fast, and a good enough stream for a simulation.
 * Not for secrets (nothing in axos is). */
static uint64_t rng_next(Vfs *v) {
    uint64_t z = (v->rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int64_t dev_read_random(Kernel *k, KObject *o, void *buf, size_t n) {
    unsigned char *p = buf;
    size_t left = n;
    while (left > 0) {
        uint64_t r = rng_next(k->vfs);
        size_t take = left < sizeof r ? left : sizeof r;
        for (size_t i = 0; i < take; i++, r >>= 8)
            *p++ = (unsigned char)r;
        left -= take;
    }
    return (int64_t)n;
}

static int64_t dev_lseek(Kernel *k, KObject *o, int64_t off, int whence) {
    if (whence != AX_SEEK_SET && whence != AX_SEEK_CUR && whence != AX_SEEK_END)
        return -AX_EINVAL;
    o->offset = 0;
    return 0;
}

/* The random devices never wait (Linux's random_poll says so too; null,
 * zero and full have no poll, as on Linux: always ready, not for epoll). */
static unsigned dev_poll_ready(Kernel *k, KObject *o, PollTable *pt) {
    return AX_POLLIN | AX_POLLRDNORM | AX_POLLOUT | AX_POLLWRNORM;
}

#define DEV_OPS(id, rd, wr, pl)                                                      \
    static const ObjOps id = {.kind = "device", .read = rd, .write = wr,             \
                              .lseek = dev_lseek, .stat = vfs_obj_stat_node,         \
                              .poll = pl, .release = vfs_obj_release_node,           \
                              .reopen = vfs_obj_reopen_node, .stat_mode = AX_S_IFCHR}
DEV_OPS(null_ops, dev_read_eof, dev_write_sink, NULL);
DEV_OPS(zero_ops, dev_read_zero, dev_write_sink, NULL);
DEV_OPS(full_ops, dev_read_zero, dev_write_full, NULL);
DEV_OPS(random_ops, dev_read_random, dev_write_sink, dev_poll_ready);

static int console_dev_open(Kernel *k, Proc *p, VNode *n, int flags, KObject **out) {
    return console_open(k, flags, 1, out);
}

static int tty_dev_open(Kernel *k, Proc *p, VNode *n, int flags, KObject **out) {
    return console_open_ctty(k, p, flags, out);
}

static int ptmx_dev_open(Kernel *k, Proc *p, VNode *n, int flags, KObject **out) {
    return pty_open_master(k, flags, out);
}

/* A pts node whose pair is gone (only held, not named any more) opens as
 * a node without a driver. */
static int pts_dev_open(Kernel *k, Proc *p, VNode *n, int flags, KObject **out) {
    return n->u.dev.data ? pty_open_slave(k, n->u.dev.data, flags, out) : -AX_ENXIO;
}

/* Device numbers and modes as Linux's: mem devices 1:N, root 0666;
 * tty 5:0 and ptmx 5:2 group tty (5) 0666; the console 5:1, which the
 * boot gives to the session's user as login does; pts/N 136:N. */
#define DEV_GID_TTY 5
static const VDevice dev_null = {"null", &null_ops, NULL, 0x103, 0666, 0};
static const VDevice dev_zero = {"zero", &zero_ops, NULL, 0x105, 0666, 0};
static const VDevice dev_full = {"full", &full_ops, NULL, 0x107, 0666, 0};
static const VDevice dev_random = {"random", &random_ops, NULL, 0x108, 0666, 0};
static const VDevice dev_urandom = {"urandom", &random_ops, NULL, 0x109, 0666, 0};
static const VDevice dev_console = {"console", NULL, console_dev_open, 0x501, 0600, 0};
static const VDevice dev_tty = {"tty", NULL, tty_dev_open, 0x500, 0666, DEV_GID_TTY};
static const VDevice dev_ptmx = {"ptmx", NULL, ptmx_dev_open, 0x502, 0666, DEV_GID_TTY};
static const VDevice dev_pts = {"pts", NULL, pts_dev_open, 0, 0620, DEV_GID_TTY};

const VDevice *const vfs_devices[] = {
    &dev_null,    &dev_zero, &dev_full, &dev_random, &dev_urandom,
    &dev_console, &dev_tty,  &dev_ptmx, NULL,
};

int vfs_dev_open(Kernel *k, Proc *p, VNode *n, int flags, KObject **out) {
    const VDevice *d = n->u.dev.type;
    if (d->open)
        return d->open(k, p, n, flags, out);
    KObject *o = obj_new(k, d->ops, (uint32_t)flags, n);
    if (!o)
        return -AX_ENOMEM;
    vfs_node_ref(n);
    *out = o;
    return 0;
}

int vfs_pts_add(Kernel *k, int index, void *pty, VNode **out, uint64_t *ino) {
    VNode *dir = k->vfs->pts;
    char name[16];
    size_t len = (size_t)snprintf(name, sizeof name, "%d", index);
    uint64_t hash = dirtab_hash(name, len);
    VNode *n;
    int r = tree_create(k, dir, name, len, hash, VN_DEV, dev_pts.perm, &n);
    if (r < 0)
        return r;
    /* devpts: the opener of /dev/ptmx owns the slave, group tty */
    n->uid = k->cur ? k->cur->cred.euid : 0;
    n->gid = dev_pts.gid;
    /* Linux's new_encode_dev of 136:index */
    n->u.dev.rdev = (136u << 8) | ((uint32_t)index & 0xff) | (((uint32_t)index & ~0xffu) << 12);
    n->u.dev.type = &dev_pts;
    n->u.dev.data = pty;
    vfs_node_ref(n);
    *out = n;
    *ino = n->ino;
    return 0;
}

void vfs_pts_remove(Kernel *k, int index, VNode *n) {
    n->u.dev.data = NULL; /* an open of it from now on: ENXIO */
    char name[16];
    size_t len = (size_t)snprintf(name, sizeof name, "%d", index);
    DirEnt *e = dirtab_find(&k->vfs->pts->u.dir.tab, name, len, dirtab_hash(name, len));
    if (e && e->node == n)
        tree_unlink(k, k->vfs->pts, e);
    vfs_node_unref(k, n);
}
