/* Open files of /proc: the whole text is generated at open, so that each
 * open sees one consistent snapshot however it reads it (Linux's
 * single_open files behave so for small files), and reads and seeks are
 * served from that copy. Nothing is ever written: an open asking for
 * write access (or O_TRUNC) is refused with AX_EACCES. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vfs/internal.h"

static bool pbuf_room(Kernel *k, PBuf *b, size_t n) {
    if (b->oom)
        return false;
    if (b->len + n + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *s = kmem_realloc(k, b->s, cap);
    if (!s) {
        b->oom = true;
        return false;
    }
    b->s = s;
    b->cap = cap;
    return true;
}

void pbuf_put(Kernel *k, PBuf *b, const void *data, size_t n) {
    if (!pbuf_room(k, b, n))
        return;
    memcpy(b->s + b->len, data, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void pbuf_printf(Kernel *k, PBuf *b, const char *fmt, ...) {
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        pbuf_put(k, b, small, (size_t)n);
        return;
    }
    if (!pbuf_room(k, b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

typedef struct ProcOpen {
    VNode *node; /* referenced, for fstat */
    char *text;
    size_t len;
} ProcOpen;

static int64_t pfile_read(Kernel *k, KObject *o, void *buf, size_t n) {
    ProcOpen *po = o->priv;
    if (o->offset < 0 || (uint64_t)o->offset >= po->len)
        return 0;
    size_t left = po->len - (size_t)o->offset;
    if (n > left)
        n = left;
    memcpy(buf, po->text + o->offset, n);
    o->offset += (int64_t)n;
    return (int64_t)n;
}

/* SEEK_END counts from the end of the snapshot (Linux's proc files have
 * no size and refuse it; a snapshot has one, so it is answered). */
static int64_t pfile_lseek(Kernel *k, KObject *o, int64_t off, int whence) {
    ProcOpen *po = o->priv;
    int64_t base;
    switch (whence) {
    case AX_SEEK_SET: base = 0; break;
    case AX_SEEK_CUR: base = o->offset; break;
    case AX_SEEK_END: base = (int64_t)po->len; break;
    default: return -AX_EINVAL;
    }
    if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
        return -AX_EINVAL;
    o->offset = base + off;
    return o->offset;
}

static int pfile_stat(Kernel *k, KObject *o, FileStat *st) {
    vnode_stat(((ProcOpen *)o->priv)->node, st);
    return 0;
}

static void pfile_release(Kernel *k, KObject *o) {
    ProcOpen *po = o->priv;
    vfs_node_unref(k, po->node);
    kmem_free(k, po->text);
    kmem_free(k, po);
}

static int pfile_reopen(Kernel *k, KObject *o, int flags, KObject **out) {
    return vfs_open_node(k, k->cur, ((ProcOpen *)o->priv)->node, flags, out);
}

static const ObjOps procfs_file_ops = {
    .kind = "proc",
    .read = pfile_read,
    .lseek = pfile_lseek,
    .stat = pfile_stat,
    .release = pfile_release,
    .reopen = pfile_reopen,
    .stat_mode = AX_S_IFREG,
};

int procfs_open(Kernel *k, Proc *p, VNode *n, int flags, KObject **out) {
    if ((flags & AX_O_ACCMODE) != AX_O_RDONLY || (flags & AX_O_TRUNC))
        return -AX_EACCES;
    PBuf b = {0};
    int r;
    if (n->u.proc.kind <= PROCFS_F_PID_LAST) {
        Proc *t = proc_find(k, n->u.proc.pid);
        if (!t || !n->links) /* its /proc/PID is gone */
            return -AX_ESRCH;
        r = procfs_gen_pid(k, p, t, n, &b);
    } else {
        r = procfs_gen_sys(k, p, n, &b);
    }
    ProcOpen *po = r == 0 && !b.oom ? kmem_alloc(k, sizeof *po) : NULL;
    KObject *o = po ? obj_new(k, &procfs_file_ops, (uint32_t)flags & AX_O_NONBLOCK, po) : NULL;
    if (!o) {
        kmem_free(k, po);
        kmem_free(k, b.s);
        return r < 0 ? r : -AX_ENOMEM;
    }
    po->node = n;
    po->text = b.s;
    po->len = b.len;
    vfs_node_ref(n);
    *out = o;
    return 0;
}
