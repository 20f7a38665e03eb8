/* dt: the differential tests' portability layer.
 *
 * A scenario (tests/diff/scenarios/NAME.c) is written once against this
 * header and built twice: with dt_host.c it is a host executable over
 * POSIX (posix_spawn for spawn), with dt_axos.c it is an axos program over
 * sys_*. The runner (run_diff.py) runs both and compares what they print.
 *
 * Conventions:
 *   - Every call returns its result (>= 0) or a negative errno (-ENOENT).
 *     Error, flag, signal and wait-status numbers are Linux's on both
 *     sides (axos uses Linux's numbers), so a scenario needs no mapping.
 *   - A scenario prints through dt_out and the dt_show_* helpers only, one
 *     "label: value" line per fact, and never prints a pid, an address, a
 *     time or anything else that differs between two correct systems.
 *     Labels are unique within a scenario.
 *   - Children are roles of the same program: dt_spawn runs this program
 *     again with argv[1] = the role's name (host: /proc/self/exe; axos:
 *     the path it is installed at), and the layer calls the role's
 *     function. A role's return value is its exit status.
 *   - Statics are shared by every process of an axos program (they all
 *     live in one address space), so a scenario keeps per-process state
 *     on the stack or in dt_local(), never in a static a child also uses.
 *   - Output order must not depend on scheduling: a parent prints what it
 *     learned after it waited for the child, or children print only
 *     while the parent waits for them.
 *   - The top process starts with default signal actions, an empty mask,
 *     fds 0, 1 and 2 open, in its own session and group, with its cwd in
 *     an empty scratch directory (host: a fresh temporary directory;
 *     axos: /tmp/dt). RLIMIT_NOFILE is 1024 on the host, AX_OPEN_MAX in
 *     axos. Output goes to fd DT_OUT_FD, which children inherit, so a
 *     scenario may close or redirect 0, 1 and 2 freely.
 */
#ifndef DT_H
#define DT_H

#include <stddef.h>
#include <stdint.h>

/* ---- constants (Linux values, the same in axos) ---- */
#define DT_O_RDONLY 00
#define DT_O_WRONLY 01
#define DT_O_RDWR 02
#define DT_O_CREAT 0100
#define DT_O_EXCL 0200
#define DT_O_NOCTTY 0400
#define DT_O_TRUNC 01000
#define DT_O_APPEND 02000
#define DT_O_NONBLOCK 04000
#define DT_O_DIRECTORY 0200000
#define DT_O_CLOEXEC 02000000
#define DT_O_NOFOLLOW 0400000

#define DT_SEEK_SET 0
#define DT_SEEK_CUR 1
#define DT_SEEK_END 2

#define DT_F_DUPFD 0
#define DT_F_GETFD 1
#define DT_F_SETFD 2
#define DT_F_GETFL 3
#define DT_F_SETFL 4
#define DT_FD_CLOEXEC 1

#define DT_WNOHANG 1
#define DT_WUNTRACED 2
#define DT_WCONTINUED 8

#define DT_SIGHUP 1
#define DT_SIGINT 2
#define DT_SIGQUIT 3
#define DT_SIGABRT 6
#define DT_SIGKILL 9
#define DT_SIGUSR1 10
#define DT_SIGSEGV 11
#define DT_SIGUSR2 12
#define DT_SIGPIPE 13
#define DT_SIGALRM 14
#define DT_SIGTERM 15
#define DT_SIGCHLD 17
#define DT_SIGCONT 18
#define DT_SIGSTOP 19
#define DT_SIGTSTP 20
#define DT_SIGTTIN 21
#define DT_SIGTTOU 22
#define DT_SIGWINCH 28
#define DT_SIGBIT(sig) ((uint64_t)1 << ((sig)-1))

#define DT_SIG_BLOCK 0
#define DT_SIG_UNBLOCK 1
#define DT_SIG_SETMASK 2

#define DT_SA_RESTART 0x10000000
#define DT_SA_NODEFER 0x40000000
#define DT_SA_RESETHAND 0x80000000u

#define DT_SIG_DFL ((void (*)(int))0)
#define DT_SIG_IGN ((void (*)(int))1)

#define DT_OUT_FD 1000   /* where dt_out writes; inherited by children */
#define DT_ALARM_FD 1001 /* axos: the fd of dt_alarm's timer */
#define DT_PATH_MAX 4096 /* bytes in a path, the NUL included (Linux) */

#define DT_ENOENT 2
#define DT_EINTR 4
#define DT_EBADF 9
#define DT_ECHILD 10
#define DT_EAGAIN 11
#define DT_EINVAL 22

/* ---- a scenario defines these two ---- */
typedef struct DtRole {
    const char *name;
    int (*fn)(int argc, char **argv); /* argv[0] is the role's name */
} DtRole;
extern const DtRole dt_roles[]; /* ends with {NULL, NULL} */
int dt_main(void);               /* the top process; returns its exit status */
/* For a scenario without children. */
#define DT_NO_ROLES const DtRole dt_roles[] = {{NULL, NULL}}

/* ---- output ---- */
void dt_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "label: r" for r >= 0, "label: ENAME" for r < 0 */
void dt_show(const char *label, long r);
/* "label: ok" for r >= 0 (for pids and other values that differ between
 * systems), "label: ENAME" for r < 0 */
void dt_show_ok(const char *label, long r);
/* a wait status, decoded and raw: "label: exited 3 (0x0300)" */
void dt_show_status(const char *label, int status);
/* the open fds below 64 (DT_OUT_FD is not listed): "label: 0,1,2,5" */
void dt_show_fds(const char *label);
/* the signals 1..31 in a mask, by name: "label: HUP,USR1" ("-" if none) */
void dt_show_sigs(const char *label, uint64_t mask);
/* what stat says path is: "label: f" (DtStat.type), or the error */
void dt_show_type(const char *label, const char *path);
const char *dt_errname(long negerr); /* "ENOENT" for -2 */
const char *dt_signame(int sig);     /* "USR1" for 10 */

/* ---- files ---- */
typedef struct DtStat {
    char type;     /* 'f' regular, 'd' directory, 'c' char device, 'p' pipe,
                      'l' symbolic link (dt_lstat), '?' */
    uint32_t perm; /* mode & 07777 */
    uint64_t size;
    uint32_t nlink;
} DtStat;
long dt_open(const char *path, int flags, int mode);
long dt_close(int fd);
long dt_read(int fd, void *buf, size_t n);
long dt_write(int fd, const void *buf, size_t n);
long dt_lseek(int fd, long off, int whence);
long dt_dup(int fd);
long dt_dup2(int fd, int newfd);
long dt_fcntl(int fd, int cmd, long arg);
long dt_ftruncate(int fd, long len);
long dt_stat(const char *path, DtStat *st);
long dt_fstat(int fd, DtStat *st);
long dt_mkdir(const char *path, int mode);
long dt_rmdir(const char *path);
long dt_unlink(const char *path);
long dt_rename(const char *from, const char *to);
long dt_chdir(const char *path);
long dt_getcwd(char *buf, size_t n);
long dt_pipe(int fds[2], int flags); /* pipe2 */
long dt_lstat(const char *path, DtStat *st);
long dt_symlink(const char *target, const char *path);
long dt_link(const char *from, const char *to);
/* readlink: the byte count (no NUL is added) */
long dt_readlink(const char *path, char *buf, size_t n);
long dt_chmod(const char *path, int mode);
long dt_umask(int mask); /* the old mask */

/* ---- processes ---- */
#define DT_ACT_OPEN 1
#define DT_ACT_CLOSE 2
#define DT_ACT_DUP2 3
typedef struct DtAction {
    int kind;  /* DT_ACT_* */
    int fd;    /* OPEN: the target; CLOSE: the fd; DUP2: the source */
    int newfd; /* DUP2: the target */
    const char *path;
    int oflag;
    int mode;
} DtAction;

#define DT_SPAWN_SETPGROUP 0x01
#define DT_SPAWN_SETSIGMASK 0x02
#define DT_SPAWN_SETSIGDEF 0x04
#define DT_SPAWN_SETSID 0x08
typedef struct DtSpawn {
    unsigned flags;      /* DT_SPAWN_* */
    int pgroup;          /* SETPGROUP: 0 for the child's own */
    uint64_t sigmask;    /* SETSIGMASK: DT_SIGBIT()s */
    uint64_t sigdefault; /* SETSIGDEF */
    const DtAction *actions;
    int nactions;
} DtSpawn;

/* Run role `role` in a child (sp may be NULL), with optional extra string
 * arguments ending with NULL. Returns the pid or -errno. */
long dt_spawn(const DtSpawn *sp, const char *role, ...) __attribute__((sentinel));
/* Spawn the file at path (to see spawn's path errors); argv {path, NULL}. */
long dt_spawn_path(const char *path, const DtSpawn *sp);
long dt_waitpid(long pid, int *status, int options);
long dt_getpid(void);
long dt_getppid(void);
long dt_getpgid(long pid);
long dt_setpgid(long pid, long pgid);
long dt_setsid(void);
long dt_getsid(long pid);
void dt_exit(int status) __attribute__((noreturn));
void dt_yield(void);
void dt_sleep_ms(long ms); /* sleeps on through signals */
/* One sleep: 0, or -EINTR when a caught signal cut it short. */
long dt_nanosleep_ms(long ms);
/* Wait (in host time, polling; axos: yielding) until process pid sleeps
 * in a blocking call, so a signal sent next finds it blocked. 0, or -1
 * after ten seconds. */
int dt_wait_blocked(long pid);
/* Wait until pid is a zombie (exited, not reaped). 0, or -1 after ten
 * seconds. */
int dt_wait_zombie(long pid);

/* ---- signals ---- */
long dt_kill(long pid, int sig);
/* Install handler (DT_SIG_DFL, DT_SIG_IGN or a function) with a mask and
 * DT_SA_* flags. */
long dt_sigaction(int sig, void (*handler)(int), uint64_t mask, unsigned flags);
/* The current handler's kind: 'D' default, 'I' ignored, 'C' caught;
 * or '!' and the error. */
char dt_sigaction_kind(int sig);
long dt_signal(int sig, void (*handler)(int));
long dt_sigprocmask(int how, const uint64_t *set, uint64_t *old);
long dt_sigpending(uint64_t *set);
long dt_pause(void);
/* Catch sig with the layer's counting handler (flags: DT_SA_*), with an
 * empty sa_mask or with mask. */
long dt_catch(int sig, unsigned flags);
long dt_catch_mask(int sig, unsigned flags, uint64_t mask);
/* How many times the counting handler ran for sig in this process, and
 * the mask it saw while running the last time. */
int dt_caught(int sig);
uint64_t dt_caught_mask(int sig);
/* A one-shot SIGALRM ms from now (0: cancel). */
long dt_alarm_ms(long ms);

/* ---- per-process scratch ---- */
typedef struct DtLocal {
    int caught[65];
    uint64_t caught_mask[65];
    long user[16]; /* the scenario's own per-process values */
} DtLocal;
DtLocal *dt_local(void);

/* ---- the two sides' entry (dt_common.c) ---- */
int dt_entry(int argc, char **argv);
/* per side: set up the top process (scratch dir, signals, limits) */
void dt_side_init_top(void);
void dt_side_init(void);

#endif
