/* /proc: a file system generated from the kernel's state (proc(5)).
 *
 * Files:
 *   procfs.c      the tree: /proc and its fixed entries, /proc/PID made on
 *                 lookup and taken away when the process is reaped, the
 *                 listings, links (self, cwd, exe, root, fd/N)
 *   procfs_file.c open generated files: the whole text is made at open
 *                 and reads are served from it (a consistent snapshot)
 *   procfs_pid.c  per process: status, stat, statm, cmdline, environ,
 *                 comm, limits, wchan, fdinfo/N, and the links' text
 *   procfs_sys.c  the system: meminfo, uptime, loadavg, stat, mounts,
 *                 version, cpuinfo, filesystems, sys/kernel/...
 *
 * Directories of /proc are VN_DIR nodes with u.dir.procfs set; path
 * resolution asks procfs_lookup for names in them, and readdir asks
 * procfs_list. Nothing happens for processes that never look at /proc:
 * /proc/PID exists as nodes only after a lookup, and the one check at
 * reap is a NULL pointer (Proc.proc_dir). Internal to vfs/.
 */
#ifndef AXOS_VFS_PROCFS_H
#define AXOS_VFS_PROCFS_H

#include "vfs/internal.h"

/* Directory kinds (u.dir.procfs). */
enum {
    PROCFS_D_ROOT = 1, /* /proc: fixed entries, then one directory per pid */
    PROCFS_D_PID,      /* /proc/PID */
    PROCFS_D_FD,       /* /proc/PID/fd: one link per open fd */
    PROCFS_D_FDINFO,   /* /proc/PID/fdinfo: one file per open fd */
    PROCFS_D_PLAIN,    /* /proc/sys, /proc/sys/kernel: fixed entries */
};

/* Generated files (VN_PROC u.proc.kind). */
enum {
    PROCFS_F_STATUS = 1,
    PROCFS_F_STAT,
    PROCFS_F_STATM,
    PROCFS_F_CMDLINE,
    PROCFS_F_ENVIRON,
    PROCFS_F_COMM,
    PROCFS_F_LIMITS,
    PROCFS_F_WCHAN,
    PROCFS_F_FDINFO,
    PROCFS_F_PID_LAST = PROCFS_F_FDINFO, /* the kinds above describe a process */
    PROCFS_F_MEMINFO,
    PROCFS_F_UPTIME,
    PROCFS_F_LOADAVG,
    PROCFS_F_KSTAT,
    PROCFS_F_MOUNTS,
    PROCFS_F_VERSION,
    PROCFS_F_CPUINFO,
    PROCFS_F_FILESYSTEMS,
    PROCFS_F_HOSTNAME,
    PROCFS_F_OSTYPE,
    PROCFS_F_OSRELEASE,
    PROCFS_F_PIDMAX,
};

/* Links (VN_PROCLINK u.proc.kind). */
enum {
    PROCFS_L_SELF = 1, /* the caller's /proc/PID */
    PROCFS_L_CWD,
    PROCFS_L_EXE,
    PROCFS_L_ROOT,
};

/* pid_max: the largest pid + 1 (/proc/sys/kernel/pid_max); pids are
 * counters and never reach it in a simulation's life. */
#define PROCFS_PID_MAX 4194304

/* A growing text buffer in kernel memory. A failed allocation sets oom
 * and later appends do nothing. */
typedef struct PBuf {
    char *s;
    size_t len, cap;
    bool oom;
} PBuf;
void pbuf_printf(Kernel *k, PBuf *b, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void pbuf_put(Kernel *k, PBuf *b, const void *data, size_t n);

/* Build /proc in root (vfs_init). 0 or -AX_ENOMEM. */
int procfs_init(Kernel *k, VNode *root);

/* The walk met name[0..len) in procfs directory dir: *found (borrowed)
 * and *ent (its entry, NULL when it has none) or *found NULL when
 * missing. An open fd of /proc/PID/fd sets vp->fd and vp->fd_proc and
 * names vfs's fd entry. 0 or -AX_ENOMEM. */
int procfs_lookup(Kernel *k, Proc *p, VNode *dir, const char *name, size_t len, uint64_t hash,
                  VPath *vp, VNode **found, DirEnt **ent);
/* What link n leads p to: 0 and *out (borrowed), -AX_ENOENT (the
 * process or its file is gone), -AX_EACCES (another user's process),
 * -AX_ENOMEM. */
int procfs_follow(Kernel *k, Proc *p, VNode *n, VNode **out);
/* The text of the link the walk vp met (vp->link, or a VN_FDLINK node):
 * its length (not NUL-terminated, cut to size), or -AX_EINVAL (no link),
 * -AX_ENOENT, -AX_EACCES. */
int64_t procfs_readlink(Kernel *k, Proc *p, const VPath *vp, char *buf, size_t size);

/* A listing of a procfs directory for readdir, in its order: entries of
 * name, inode and DT_* type. */
typedef struct ProcDirEnt {
    uint64_t ino;
    uint8_t type;
    char name[24];
} ProcDirEnt;
/* *out (kmem, the caller frees) and *n for the directories procfs lists
 * itself, returning 1; 0 for the others (their table is the listing, now
 * complete); -AX_ENOMEM. */
int procfs_list(Kernel *k, VNode *dir, ProcDirEnt **out, size_t *n);

/* Open generated file n for p (vfs_open_node). Write access and O_TRUNC:
 * -AX_EACCES; a process gone: -AX_ESRCH; -AX_ENOMEM. */
int procfs_open(Kernel *k, Proc *p, VNode *n, int flags, KObject **out);

/* procfs_pid.c / procfs_sys.c: write file kind's text for process t
 * (NULL for system files) into b. -AX_EACCES when p may not see it. */
int procfs_gen_pid(Kernel *k, Proc *p, Proc *t, const VNode *n, PBuf *b);
int procfs_gen_sys(Kernel *k, Proc *p, const VNode *n, PBuf *b);
/* The text fd of t names ("/dev/console", "pipe:[N]", a path...). */
void procfs_fd_text(Kernel *k, Proc *t, int fd, PBuf *b);
/* The path of node n ("/bin/sh"), found from the root: false if it has
 * no name any more. */
bool procfs_node_path(Kernel *k, const VNode *n, PBuf *b);
/* May p look into t's private files (environ, fd/, cwd, exe, root)? As
 * Linux's ptrace_may_access in its simplest form: root, or the same user
 * owning both. */
bool procfs_may_inspect(const Proc *p, const Proc *t);

#endif
