/* The /proc tree (vfs/procfs.h says what each file is for).
 *
 * /proc and its fixed entries (meminfo, sys/kernel/hostname, self...) are
 * made at boot. /proc/PID is made the first time a lookup names it (or a
 * listing of /proc shows it), with its fixed entries made on the first
 * lookup inside it, and it goes, with everything below it, when the
 * process is reaped: nodes an open file or a cwd still holds outlive
 * their names as any removed file does. The nodes of /proc/PID take the
 * process's effective uid and gid at each lookup, as Linux's revalidation
 * does, so environ (0400) and fd/ (0500) are private to its user.
 *
 * /proc/PID/fd/N is no node of its own: it resolves to vfs's fd entry with
 * the fd and its process in the walk, as /dev/fd/N does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/fd.h"
#include "vfs/internal.h"

typedef struct ProcEntry {
    const char *name;
    VnType type;     /* VN_PROC, VN_PROCLINK or VN_DIR */
    uint8_t kind;    /* PROCFS_F_*, PROCFS_L_* or PROCFS_D_* */
    uint32_t perm;
} ProcEntry;

static const ProcEntry root_entries[] = {
    {"cpuinfo", VN_PROC, PROCFS_F_CPUINFO, 0444},
    {"filesystems", VN_PROC, PROCFS_F_FILESYSTEMS, 0444},
    {"loadavg", VN_PROC, PROCFS_F_LOADAVG, 0444},
    {"meminfo", VN_PROC, PROCFS_F_MEMINFO, 0444},
    {"mounts", VN_PROC, PROCFS_F_MOUNTS, 0444},
    {"self", VN_PROCLINK, PROCFS_L_SELF, 0777},
    {"stat", VN_PROC, PROCFS_F_KSTAT, 0444},
    {"uptime", VN_PROC, PROCFS_F_UPTIME, 0444},
    {"version", VN_PROC, PROCFS_F_VERSION, 0444},
};

static const ProcEntry kernel_entries[] = {
    {"hostname", VN_PROC, PROCFS_F_HOSTNAME, 0444},
    {"osrelease", VN_PROC, PROCFS_F_OSRELEASE, 0444},
    {"ostype", VN_PROC, PROCFS_F_OSTYPE, 0444},
    {"pid_max", VN_PROC, PROCFS_F_PIDMAX, 0444},
};

/* Modes as Linux's: environ is the owner's, fd/ the owner's to search. */
static const ProcEntry pid_entries[] = {
    {"cmdline", VN_PROC, PROCFS_F_CMDLINE, 0444},
    {"comm", VN_PROC, PROCFS_F_COMM, 0444},
    {"cwd", VN_PROCLINK, PROCFS_L_CWD, 0777},
    {"environ", VN_PROC, PROCFS_F_ENVIRON, 0400},
    {"exe", VN_PROCLINK, PROCFS_L_EXE, 0777},
    {"fd", VN_DIR, PROCFS_D_FD, 0500},
    {"fdinfo", VN_DIR, PROCFS_D_FDINFO, 0555},
    {"limits", VN_PROC, PROCFS_F_LIMITS, 0444},
    {"root", VN_PROCLINK, PROCFS_L_ROOT, 0777},
    {"stat", VN_PROC, PROCFS_F_STAT, 0444},
    {"statm", VN_PROC, PROCFS_F_STATM, 0444},
    {"status", VN_PROC, PROCFS_F_STATUS, 0444},
    {"wchan", VN_PROC, PROCFS_F_WCHAN, 0444},
};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int make_entry(Kernel *k, VNode *dir, const ProcEntry *pe, int pid, VNode **out) {
    size_t len = strlen(pe->name);
    VNode *n;
    int r = tree_create(k, dir, pe->name, len, dirtab_hash(pe->name, len), pe->type, pe->perm, &n);
    if (r < 0)
        return r;
    n->uid = dir->uid;
    n->gid = dir->gid;
    if (pe->type == VN_DIR) {
        n->u.dir.procfs = pe->kind;
        n->u.dir.pid = pid;
    } else {
        n->u.proc.kind = pe->kind;
        n->u.proc.pid = pid;
    }
    if (out)
        *out = n;
    return 0;
}

static int make_entries(Kernel *k, VNode *dir, const ProcEntry *pe, size_t n, int pid) {
    for (size_t i = 0; i < n; i++) {
        int r = make_entry(k, dir, &pe[i], pid, NULL);
        if (r < 0)
            return r;
    }
    return 0;
}

int procfs_init(Kernel *k, VNode *root) {
    static const ProcEntry proc = {"proc", VN_DIR, PROCFS_D_ROOT, 0555};
    static const ProcEntry sys = {"sys", VN_DIR, PROCFS_D_PLAIN, 0555};
    static const ProcEntry kern = {"kernel", VN_DIR, PROCFS_D_PLAIN, 0555};
    VNode *dir, *sysdir, *kdir;
    int r = make_entry(k, root, &proc, 0, &dir);
    if (r == 0)
        r = make_entries(k, dir, root_entries, NELEM(root_entries), 0);
    if (r == 0)
        r = make_entry(k, dir, &sys, 0, &sysdir);
    if (r == 0)
        r = make_entry(k, sysdir, &kern, 0, &kdir);
    if (r == 0)
        r = make_entries(k, kdir, kernel_entries, NELEM(kernel_entries), 0);
    if (r == 0)
        k->vfs->proc = dir;
    return r;
}

/* The decimal number name[0..len) (no sign, no leading zero, as Linux's
 * names), or -1. */
static int parse_num(const char *name, size_t len) {
    if (len == 0 || len > 9 || (len > 1 && name[0] == '0'))
        return -1;
    int v = 0;
    for (size_t i = 0; i < len; i++) {
        if (name[i] < '0' || name[i] > '9')
            return -1;
        v = v * 10 + (name[i] - '0');
    }
    return v;
}

/* Give dir and the fixed nodes below it t's effective ids. */
static void pid_dir_owner(VNode *dir, const Proc *t) {
    dir->uid = t->cred.euid;
    dir->gid = t->cred.egid;
    size_t pos = 0;
    for (DirEnt *e; (e = dirtab_next(&dir->u.dir.tab, &pos));) {
        e->node->uid = t->cred.euid;
        e->node->gid = t->cred.egid;
    }
}

/* t's /proc/PID, made if it is not there yet. 0 or -AX_ENOMEM. */
static int pid_dir(Kernel *k, Proc *t, VNode **out) {
    if (!t->proc_dir) {
        char name[16];
        size_t len = (size_t)snprintf(name, sizeof name, "%d", t->pid);
        VNode *d;
        int r = tree_create(k, k->vfs->proc, name, len, dirtab_hash(name, len), VN_DIR, 0555, &d);
        if (r < 0)
            return r;
        d->u.dir.procfs = PROCFS_D_PID;
        d->u.dir.pid = t->pid;
        t->proc_dir = d;
    }
    pid_dir_owner(t->proc_dir, t);
    *out = t->proc_dir;
    return 0;
}

/* The fixed entries of /proc/PID, made at the first look inside. */
static int pid_dir_fill(Kernel *k, VNode *dir) {
    if (dir->u.dir.tab.count > 0 || !vnode_dir_live(dir))
        return 0;
    int r = make_entries(k, dir, pid_entries, NELEM(pid_entries), dir->u.dir.pid);
    if (r < 0) { /* all or nothing: the next look tries again */
        size_t pos = 0;
        for (DirEnt *e; (e = dirtab_next(&dir->u.dir.tab, &pos)); pos = 0)
            tree_unlink(k, dir, e);
    }
    return r;
}

/* The process a directory of /proc/PID stands for, if it is still there
 * (a removed directory's pid may be reused). */
static Proc *dir_proc(Kernel *k, const VNode *dir) {
    Proc *t = proc_find(k, dir->u.dir.pid);
    return t && vnode_dir_live(dir) ? t : NULL;
}

int procfs_lookup(Kernel *k, Proc *p, VNode *dir, const char *name, size_t len, uint64_t hash,
                  VPath *vp, VNode **found, DirEnt **ent) {
    *found = NULL;
    *ent = NULL;
    int num = parse_num(name, len);
    switch (dir->u.dir.procfs) {
    case PROCFS_D_ROOT: {
        Proc *t = num > 0 ? proc_find(k, num) : NULL;
        if (t) {
            int r = pid_dir(k, t, found);
            if (r < 0)
                return r;
            *ent = (*found)->u.dir.self;
            return 0;
        }
        break;
    }
    case PROCFS_D_PID: {
        int r = pid_dir_fill(k, dir);
        if (r < 0)
            return r;
        break;
    }
    case PROCFS_D_FD: {
        Proc *t = dir_proc(k, dir);
        if (t && num >= 0 && fd_get(t, num)) {
            vp->fd = num;
            vp->fd_proc = t;
            *found = k->vfs->fd_entry;
        }
        return 0;
    }
    case PROCFS_D_FDINFO: {
        Proc *t = dir_proc(k, dir);
        if (!t || num < 0 || !fd_get(t, num))
            return 0;
        DirEnt *e = dirtab_find(&dir->u.dir.tab, name, len, hash);
        if (!e) { /* first look at this fd: a node for it, kept with the dir */
            static const ProcEntry info = {NULL, VN_PROC, PROCFS_F_FDINFO, 0444};
            ProcEntry pe = info;
            char nm[16];
            snprintf(nm, sizeof nm, "%d", num);
            pe.name = nm;
            VNode *n;
            int r = make_entry(k, dir, &pe, t->pid, &n);
            if (r < 0)
                return r;
            n->u.proc.fd = num;
            e = n->links ? dirtab_find(&dir->u.dir.tab, name, len, hash) : NULL;
        }
        *found = e ? e->node : NULL;
        *ent = e;
        return 0;
    }
    default:
        break;
    }
    DirEnt *e = dirtab_find(&dir->u.dir.tab, name, len, hash);
    if (e && !(e->node->type == VN_DIR && e->node->u.dir.procfs == PROCFS_D_PID)) {
        *found = e->node;
        *ent = e;
    }
    return 0;
}

bool procfs_may_inspect(const Proc *p, const Proc *t) {
    if (!p || p == t || p->cred.euid == 0)
        return true;
    const Cred *c = &t->cred;
    return p->cred.euid == c->ruid && p->cred.euid == c->euid && p->cred.euid == c->suid;
}

/* The live process behind link n that p may look into: 0 and *t, or
 * -AX_ENOENT / -AX_EACCES. */
static int link_proc(Kernel *k, Proc *p, const VNode *n, Proc **t) {
    *t = proc_find(k, n->u.proc.pid);
    if (!*t || (*t)->state == PROC_ZOMBIE || !n->links)
        return -AX_ENOENT;
    return procfs_may_inspect(p, *t) ? 0 : -AX_EACCES;
}

int procfs_follow(Kernel *k, Proc *p, VNode *n, VNode **out) {
    if (n->u.proc.kind == PROCFS_L_SELF)
        return p ? pid_dir(k, p, out) : -AX_ENOENT;
    Proc *t;
    int r = link_proc(k, p, n, &t);
    if (r < 0)
        return r;
    switch (n->u.proc.kind) {
    case PROCFS_L_CWD: *out = t->cwd ? t->cwd : k->vfs->root; return 0;
    case PROCFS_L_ROOT: *out = k->vfs->root; return 0;
    default: break;
    }
    *out = t->exe;
    return t->exe ? 0 : -AX_ENOENT;
}

int64_t procfs_readlink(Kernel *k, Proc *p, const VPath *vp, char *buf, size_t size) {
    PBuf b = {0};
    const VNode *n = vp->link;
    if (n && n->u.proc.kind == PROCFS_L_SELF) {
        if (!p)
            return -AX_ENOENT;
        pbuf_printf(k, &b, "%d", p->pid);
    } else if (n) {
        Proc *t;
        int r = link_proc(k, p, n, &t);
        if (r < 0)
            return r;
        if (n->u.proc.kind == PROCFS_L_ROOT)
            pbuf_put(k, &b, "/", 1);
        else if (!procfs_node_path(k, n->u.proc.kind == PROCFS_L_CWD ? vp->node : t->exe, &b))
            pbuf_printf(k, &b, " (deleted)");
    } else if (vp->node && vp->node->type == VN_FDLINK && vp->fd_proc) {
        procfs_fd_text(k, vp->fd_proc, vp->fd, &b);
    } else {
        return -AX_EINVAL;
    }
    if (b.oom) {
        kmem_free(k, b.s);
        return -AX_ENOMEM;
    }
    size_t n_out = b.len < size ? b.len : size;
    memcpy(buf, b.s, n_out);
    kmem_free(k, b.s);
    return (int64_t)n_out;
}

void procfs_proc_gone(Kernel *k, Proc *p) {
    VNode *d = p->proc_dir;
    p->proc_dir = NULL;
    if (!vnode_dir_live(d))
        return;
    /* depth first over a tree two levels deep: fd/, fdinfo/, then d */
    size_t pos = 0;
    for (DirEnt *e; (e = dirtab_next(&d->u.dir.tab, &pos));) {
        VNode *sub = e->node;
        if (sub->type != VN_DIR)
            continue;
        size_t sp = 0;
        for (DirEnt *se; (se = dirtab_next(&sub->u.dir.tab, &sp)); sp = 0)
            tree_unlink(k, sub, se);
    }
    pos = 0;
    for (DirEnt *e; (e = dirtab_next(&d->u.dir.tab, &pos)); pos = 0)
        tree_unlink(k, d, e);
    tree_unlink(k, k->vfs->proc, d->u.dir.self);
}

void vfs_set_exe(Kernel *k, Proc *p, VNode *n) {
    vfs_node_ref(n);
    VNode *old = p->exe;
    p->exe = n;
    vfs_node_unref(k, old);
}

/* ---- listings ---- */

static int cmp_pid(const void *x, const void *y) {
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

static int cmp_name(const void *x, const void *y) {
    return strcmp(((const ProcDirEnt *)x)->name, ((const ProcDirEnt *)y)->name);
}

/* /proc: the fixed names in byte order, then the pids in numeric order
 * (Linux lists its fixed entries first, then the processes). */
static int list_root(Kernel *k, VNode *dir, ProcDirEnt **out, size_t *n) {
    size_t fixed = 0;
    size_t pos = 0;
    for (DirEnt *e; (e = dirtab_next(&dir->u.dir.tab, &pos));)
        fixed += !(e->node->type == VN_DIR && e->node->u.dir.procfs == PROCFS_D_PID);
    size_t cap = fixed + (size_t)k->nprocs;
    ProcDirEnt *v = kmem_alloc(k, (cap ? cap : 1) * sizeof *v);
    int *pids = kmem_alloc(k, ((size_t)k->nprocs + 1) * sizeof *pids);
    if (!v || !pids) {
        kmem_free(k, v);
        kmem_free(k, pids);
        return -AX_ENOMEM;
    }
    size_t i = 0;
    pos = 0;
    for (DirEnt *e; (e = dirtab_next(&dir->u.dir.tab, &pos));) {
        if (e->node->type == VN_DIR && e->node->u.dir.procfs == PROCFS_D_PID)
            continue;
        v[i].ino = e->node->ino;
        v[i].type = e->node->type == VN_DIR ? AX_DT_DIR
                    : e->node->type == VN_PROCLINK ? AX_DT_LNK : AX_DT_REG;
        snprintf(v[i].name, sizeof v[i].name, "%s", e->name);
        i++;
    }
    qsort(v, i, sizeof *v, cmp_name);
    size_t np = 0;
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *t = k->pid_hash[b]; t && np < (size_t)k->nprocs; t = t->hash_next)
            pids[np++] = t->pid;
    qsort(pids, np, sizeof *pids, cmp_pid);
    int r = 0;
    for (size_t j = 0; j < np && r == 0; j++) {
        VNode *d;
        /* a directory per pid now, so its inode number stays what stat says */
        if ((r = pid_dir(k, proc_find(k, pids[j]), &d)) == 0) {
            v[i].ino = d->ino;
            v[i].type = AX_DT_DIR;
            snprintf(v[i].name, sizeof v[i].name, "%d", pids[j]);
            i++;
        }
    }
    kmem_free(k, pids);
    if (r < 0) {
        kmem_free(k, v);
        return r;
    }
    *out = v;
    *n = i;
    return 1;
}

/* fd/ and fdinfo/: the open fds in numeric order. */
static int list_fds(Kernel *k, VNode *dir, ProcDirEnt **out, size_t *n) {
    Proc *t = dir_proc(k, dir);
    size_t count = t ? (size_t)t->fds.used : 0;
    ProcDirEnt *v = kmem_alloc(k, (count ? count : 1) * sizeof *v);
    if (!v)
        return -AX_ENOMEM;
    size_t i = 0;
    bool info = dir->u.dir.procfs == PROCFS_D_FDINFO;
    for (int fd = 0; t && fd < t->fds.cap && i < count; fd++) {
        if (!t->fds.obj[fd])
            continue;
        snprintf(v[i].name, sizeof v[i].name, "%d", fd);
        v[i].ino = k->vfs->fd_entry->ino;
        v[i].type = info ? AX_DT_REG : AX_DT_LNK;
        if (info) { /* the node a lookup makes, for its inode number */
            VPath vp;
            VNode *f;
            DirEnt *e;
            size_t len = strlen(v[i].name);
            int r = procfs_lookup(k, NULL, dir, v[i].name, len, dirtab_hash(v[i].name, len), &vp,
                                  &f, &e);
            if (r < 0) {
                kmem_free(k, v);
                return r;
            }
            v[i].ino = f ? f->ino : v[i].ino;
        }
        i++;
    }
    *out = v;
    *n = i;
    return 1;
}

int procfs_list(Kernel *k, VNode *dir, ProcDirEnt **out, size_t *n) {
    switch (dir->u.dir.procfs) {
    case PROCFS_D_ROOT: return list_root(k, dir, out, n);
    case PROCFS_D_FD:
    case PROCFS_D_FDINFO: return list_fds(k, dir, out, n);
    case PROCFS_D_PID: return dir_proc(k, dir) ? pid_dir_fill(k, dir) : 0;
    default: return 0;
    }
}
