/*
 * axos.h — the one public header of axos, a Unix-like kernel simulated
 * inside one host process.
 *
 * Two audiences read this file:
 *   - programs that run inside axos (the shell, the userland, an embedder's
 *     own programs) use the sys_* calls;
 *   - a host program that embeds axos uses the kernel_* calls to create a
 *     kernel, install programs, run them and look at what they did.
 *
 * Conventions, everywhere:
 *   - Every sys_* call returns a SyscallResult. error == AX_OK means success
 *     and value holds the result (an fd, a byte count, a pid...). Otherwise
 *     value is -1 and error is a POSIX errno name with its Linux number.
 *   - A failed call changes no state, unless its comment says otherwise.
 *   - Sizes are in bytes, times in nanoseconds of the kernel clock, fds are
 *     small non-negative ints local to the calling process.
 *   - Called outside any axos process (from the host), every sys_* call
 *     fails with AX_ESRCH ("no current process").
 *   - Semantics follow POSIX and Linux where they have a word for it; each
 *     place axos differs on purpose says so.
 */
#ifndef AXOS_H
#define AXOS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(AXOS_BUILDING) && defined(__GNUC__)
#define AX_API __attribute__((visibility("default")))
#else
#define AX_API
#endif

#define AX_VERSION_MAJOR 0
#define AX_VERSION_MINOR 1
#define AX_VERSION_PATCH 0
#define AX_VERSION_STRING "0.1.0"

/* ======================================================================
 * Errors (POSIX names, Linux numbers)
 * ====================================================================== */

typedef enum SyscallError {
    AX_OK = 0,
    AX_EPERM = 1,         /* operation not permitted */
    AX_ENOENT = 2,        /* no such file or directory */
    AX_ESRCH = 3,         /* no such process (also: no current process) */
    AX_EINTR = 4,         /* interrupted by a signal */
    AX_EIO = 5,           /* input/output error */
    AX_ENXIO = 6,         /* no such device or address */
    AX_E2BIG = 7,         /* argument list too long */
    AX_ENOEXEC = 8,       /* exec format error */
    AX_EBADF = 9,         /* bad file descriptor */
    AX_ECHILD = 10,       /* no child processes */
    AX_EAGAIN = 11,       /* resource temporarily unavailable (would block) */
    AX_ENOMEM = 12,       /* cannot allocate memory */
    AX_EACCES = 13,       /* permission denied */
    AX_EFAULT = 14,       /* bad address (NULL buffer) */
    AX_EBUSY = 16,        /* device or resource busy */
    AX_EEXIST = 17,       /* file exists */
    AX_EXDEV = 18,        /* cross-device link */
    AX_ENODEV = 19,       /* no such device */
    AX_ENOTDIR = 20,      /* not a directory */
    AX_EISDIR = 21,       /* is a directory */
    AX_EINVAL = 22,       /* invalid argument */
    AX_ENFILE = 23,       /* too many open files in system */
    AX_EMFILE = 24,       /* too many open files */
    AX_ENOTTY = 25,       /* inappropriate ioctl for device */
    AX_EFBIG = 27,        /* file too large */
    AX_ENOSPC = 28,       /* no space left on device */
    AX_ESPIPE = 29,       /* illegal seek */
    AX_EROFS = 30,        /* read-only file system */
    AX_EMLINK = 31,       /* too many links */
    AX_EPIPE = 32,        /* broken pipe */
    AX_ERANGE = 34,       /* result too large (buffer too small) */
    AX_EDEADLK = 35,      /* resource deadlock avoided */
    AX_ENAMETOOLONG = 36, /* file name too long */
    AX_ENOSYS = 38,       /* function not implemented */
    AX_ENOTEMPTY = 39,    /* directory not empty */
    AX_ELOOP = 40,        /* too many levels of symbolic links */
    AX_EIDRM = 43,        /* identifier removed */
    AX_ETIMEDOUT = 110,   /* timed out */
} SyscallError;

typedef struct SyscallResult {
    int64_t value;      /* the result on success; -1 on error */
    SyscallError error; /* AX_OK on success */
} SyscallResult;

/* "No such file or directory" for AX_ENOENT, as strerror(3) says it.
 * Unknown numbers give "Unknown error". Never NULL; the string is static. */
AX_API const char *sys_strerror(SyscallError err);

/* "ENOENT" for AX_ENOENT, "OK" for AX_OK, "E?" for an unknown number.
 * Never NULL; the string is static. */
AX_API const char *sys_errname(SyscallError err);

/* ======================================================================
 * The syscall table and the single entry point
 * ====================================================================== */

typedef enum SyscallNo {
#define AX_SYSCALL(num, name, fmt) AX_SYS_##name = (num),
#include "axos/syscalls.def"
#undef AX_SYSCALL
    AX_SYS_COUNT = 192 /* one past the largest number the table may use */
} SyscallNo;

/* Up to six raw arguments; pointers and ints are stored as uint64_t. */
typedef struct SyscallArgs {
    uint64_t a[6];
} SyscallArgs;

/* The only way into the kernel: every sys_* wrapper packs its arguments and
 * calls this. `no` outside the table gives AX_ENOSYS; args NULL gives
 * AX_EFAULT. A call that would block parks the calling task (see
 * "Blocking" below) and returns once it can complete, or with AX_EINTR if
 * a caught signal arrives first. Pending unblocked signals are delivered
 * before this returns. */
AX_API SyscallResult sys_dispatch(SyscallNo no, const SyscallArgs *args);

/* Name of a syscall ("read"), or NULL for a number not in the table. */
AX_API const char *sys_name(SyscallNo no);

/*
 * Blocking. A call that cannot complete yet (read of an empty pipe, waitpid
 * with a live child, read of a timer that has not fired...) parks the
 * calling task on the object's wait queue and lets others run; the call is
 * retried when the task is woken. On an fd opened with AX_O_NONBLOCK it
 * returns AX_EAGAIN instead. A caught signal ends the wait with AX_EINTR;
 * a fatal one ends the process. Stop signals stop the task in place; after
 * SIGCONT the call carries on waiting, as Linux restarts it.
 */

/* ======================================================================
 * Files
 * ====================================================================== */

/* open flags: Linux values */
#define AX_O_RDONLY 00
#define AX_O_WRONLY 01
#define AX_O_RDWR 02
#define AX_O_ACCMODE 03
#define AX_O_CREAT 0100
#define AX_O_EXCL 0200
#define AX_O_NOCTTY 0400
#define AX_O_TRUNC 01000
#define AX_O_APPEND 02000
#define AX_O_NONBLOCK 04000
#define AX_O_DIRECTORY 0200000
#define AX_O_CLOEXEC 02000000

/* lseek whence */
#define AX_SEEK_SET 0
#define AX_SEEK_CUR 1
#define AX_SEEK_END 2

/* file type bits of FileStat.mode: Linux values */
#define AX_S_IFMT 0170000
#define AX_S_IFDIR 0040000
#define AX_S_IFCHR 0020000
#define AX_S_IFREG 0100000
#define AX_S_IFIFO 0010000
#define AX_S_ISDIR(m) (((m)&AX_S_IFMT) == AX_S_IFDIR)
#define AX_S_ISREG(m) (((m)&AX_S_IFMT) == AX_S_IFREG)
#define AX_S_ISCHR(m) (((m)&AX_S_IFMT) == AX_S_IFCHR)
#define AX_S_ISFIFO(m) (((m)&AX_S_IFMT) == AX_S_IFIFO)

/* fcntl commands and fd flags: Linux values */
#define AX_F_DUPFD 0
#define AX_F_GETFD 1
#define AX_F_SETFD 2
#define AX_F_GETFL 3
#define AX_F_SETFL 4
#define AX_FD_CLOEXEC 1

#define AX_PATH_MAX 4096 /* bytes in a path, excluding the NUL */
#define AX_NAME_MAX 255  /* bytes in one path component */
#define AX_OPEN_MAX 1024 /* fds per process */

typedef struct FileStat {
    uint64_t dev;      /* device id: 1 for the memory fs, 2 for devices, 3 for pipes */
    uint64_t ino;      /* inode number, unique while the inode lives */
    uint32_t mode;     /* AX_S_IF* type | permission bits (0644, 0755...) */
    uint32_t nlink;    /* links: names for files, 2 + subdirs for directories */
    uint64_t size;     /* bytes (files), entries (directories), 0 otherwise */
    uint64_t atime_ns; /* last read, kernel clock */
    uint64_t mtime_ns; /* last change of content */
    uint64_t ctime_ns; /* last change of content or metadata */
} FileStat;

/* readdir entry types: Linux d_type values */
#define AX_DT_UNKNOWN 0
#define AX_DT_FIFO 1
#define AX_DT_CHR 2
#define AX_DT_DIR 4
#define AX_DT_REG 8

typedef struct DirEntry {
    uint64_t ino;
    uint32_t type; /* AX_DT_* */
    char name[AX_NAME_MAX + 1];
} DirEntry;

/* Open `path` (absolute, or relative to the cwd) with AX_O_* `flags`;
 * `mode` gives the permission bits of a file that AX_O_CREAT creates.
 * Returns the lowest free fd. The fd's offset starts at 0 (AX_O_APPEND: every
 * write goes to the end).
 * Errors: AX_EFAULT (path NULL), AX_EINVAL (empty path, bad access mode),
 * AX_ENAMETOOLONG (path > AX_PATH_MAX or a component > AX_NAME_MAX),
 * AX_ENOENT (missing, and no AX_O_CREAT or missing parent), AX_ENOTDIR (a
 * non-directory used as a directory, or AX_O_DIRECTORY on a file),
 * AX_EEXIST (AX_O_CREAT|AX_O_EXCL on an existing path), AX_EISDIR (a
 * directory opened for writing), AX_EMFILE (AX_OPEN_MAX fds open),
 * AX_ENOMEM. On error no fd is allocated and no file is created. */
AX_API SyscallResult sys_open(const char *path, int flags, uint32_t mode);

/* Read up to n bytes from fd into buf; returns the count, 0 at end of file.
 * Regular files read at the fd's offset and advance it; pipes, the console
 * and timers block while empty (see "Blocking").
 * Errors: AX_EBADF (fd not open, or not open for reading), AX_EFAULT (buf
 * NULL with n > 0), AX_EINVAL (n > SSIZE_MAX), AX_EISDIR (a directory),
 * AX_EAGAIN (would block on an AX_O_NONBLOCK fd), AX_EINTR. */
AX_API SyscallResult sys_read(int fd, void *buf, size_t n);

/* Write n bytes from buf to fd; returns the count written.
 * Regular files write at the fd's offset (or the end with AX_O_APPEND) and
 * grow; a write past the end fills the gap with zeros.
 * Errors: AX_EBADF (not open for writing), AX_EFAULT, AX_EINVAL, AX_EPIPE
 * (pipe with no reader; SIGPIPE is raised too), AX_ENOSPC (/dev/full, or
 * the system memory limit), AX_EAGAIN, AX_EINTR. */
AX_API SyscallResult sys_write(int fd, const void *buf, size_t n);

/* Close fd: the slot is freed and the object loses one reference; it is
 * released at zero. Errors: AX_EBADF. */
AX_API SyscallResult sys_close(int fd);

/* Move fd's offset: AX_SEEK_SET (to off), _CUR (by off), _END (size + off).
 * Returns the new offset. Seeking past the end is allowed.
 * Errors: AX_EBADF, AX_EINVAL (bad whence, or a negative result),
 * AX_ESPIPE (pipes, the console, devices without offsets). */
AX_API SyscallResult sys_lseek(int fd, int64_t off, int whence);

/* A new fd (the lowest free) for the same open file: they share the offset
 * and status flags; close-on-exec is clear on the new one.
 * Errors: AX_EBADF, AX_EMFILE. */
AX_API SyscallResult sys_dup(int fd);

/* Make newfd refer to oldfd's open file, closing what newfd held first.
 * dup2(fd, fd) returns fd and does nothing. Returns newfd.
 * Errors: AX_EBADF (oldfd not open, or newfd outside 0..AX_OPEN_MAX-1).
 * On error newfd is untouched. */
AX_API SyscallResult sys_dup2(int oldfd, int newfd);

/* Fill *st for path (stat) or fd (fstat). Errors: as open's path errors,
 * AX_EFAULT (st NULL), AX_EBADF (fstat). */
AX_API SyscallResult sys_stat(const char *path, FileStat *st);
AX_API SyscallResult sys_fstat(int fd, FileStat *st);

/* Create a directory with permission bits `mode`. Errors: path errors,
 * AX_EEXIST, AX_ENOENT (parent missing). */
AX_API SyscallResult sys_mkdir(const char *path, uint32_t mode);

/* Remove an empty directory. Errors: path errors, AX_ENOTDIR,
 * AX_ENOTEMPTY, AX_EBUSY (the root), AX_EINVAL (last component "."). */
AX_API SyscallResult sys_rmdir(const char *path);

/* Remove a name. The file lives on while an fd holds it, and is freed at
 * the last close. Errors: path errors, AX_EISDIR (a directory). */
AX_API SyscallResult sys_unlink(const char *path);

/* Rename oldpath to newpath, replacing a file at newpath (POSIX). A
 * directory may replace an empty directory only.
 * Errors: path errors, AX_EINVAL (a directory into its own subtree),
 * AX_EISDIR (a file over a directory), AX_ENOTDIR (a directory over a
 * file), AX_ENOTEMPTY, AX_EBUSY (the root). Renaming a path to itself
 * succeeds and does nothing. */
AX_API SyscallResult sys_rename(const char *oldpath, const char *newpath);

/* Read up to `count` entries of the directory open at fd into ents, in
 * byte order of their names (sorted), "." and ".." excluded. The listing is
 * taken when the first entry is read, so changes to the directory after
 * that do not show until the fd is rewound with lseek(fd, 0, AX_SEEK_SET).
 * Returns the number filled; 0 at the end.
 * Errors: AX_EBADF, AX_ENOTDIR (fd is not a directory), AX_EFAULT. */
AX_API SyscallResult sys_readdir(int fd, DirEntry *ents, size_t count);

/* 1 if path names something, 0 if not; path errors other than AX_ENOENT and
 * AX_ENOTDIR are still returned. */
AX_API SyscallResult sys_exists(const char *path);

/* Copy the absolute cwd, NUL-terminated, into buf of `size` bytes; returns
 * the length without the NUL. Errors: AX_EFAULT, AX_ERANGE (too small). */
AX_API SyscallResult sys_getcwd(char *buf, size_t size);

/* Change the cwd. Errors: path errors, AX_ENOTDIR. */
AX_API SyscallResult sys_chdir(const char *path);

/* AX_F_GETFD / AX_F_SETFD (AX_FD_CLOEXEC), AX_F_GETFL / AX_F_SETFL
 * (access mode and AX_O_APPEND / AX_O_NONBLOCK; only the last two can be
 * changed), AX_F_DUPFD (lowest fd >= arg). Errors: AX_EBADF, AX_EINVAL. */
AX_API SyscallResult sys_fcntl(int fd, int cmd, int64_t arg);

/* Set a regular file's size to len bytes, zero-filling growth.
 * Errors: AX_EBADF, AX_EINVAL (negative, or not a regular file open for
 * writing). */
AX_API SyscallResult sys_ftruncate(int fd, int64_t len);

/* ======================================================================
 * Processes
 * ====================================================================== */

/* A program: an ordinary C main. Returning from it is sys_exit(value). */
typedef int (*ProgramMain)(int argc, char **argv);

typedef uint64_t SigSet; /* bit (sig - 1) for each signal 1..64 */

/* posix_spawn-style file actions, applied in order in the child */
#define AX_SPAWN_OPEN 1  /* open(path, oflag, mode) onto fd */
#define AX_SPAWN_CLOSE 2 /* close(fd) */
#define AX_SPAWN_DUP2 3  /* dup2(fd, newfd) */

typedef struct SpawnFileAction {
    int kind;         /* AX_SPAWN_OPEN / _CLOSE / _DUP2 */
    int fd;           /* the fd acted on (source fd for DUP2) */
    int newfd;        /* DUP2: the target fd */
    const char *path; /* OPEN */
    int oflag;        /* OPEN */
    uint32_t mode;    /* OPEN */
} SpawnFileAction;

/* SpawnAttr.flags */
#define AX_SPAWN_SETPGROUP 0x01 /* put the child in process group pgroup (0: its own) */
#define AX_SPAWN_SETSIGMASK 0x02 /* child's blocked mask = sigmask */
#define AX_SPAWN_SETSIGDEF 0x04  /* signals in sigdefault get the default action */
#define AX_SPAWN_SETSID 0x08     /* child starts a new session */

typedef struct SpawnAttr {
    uint32_t flags;
    int pgroup;
    SigSet sigmask;
    SigSet sigdefault;
    const SpawnFileAction *actions;
    size_t nactions;
} SpawnAttr;

/* Create a child process running the program at `path` with argv (NULL-
 * terminated, argv[0] the name) and envp (NULL-terminated "NAME=value"
 * strings; NULL inherits the caller's environment). The child inherits the
 * caller's fds except close-on-exec ones, its cwd, its signal mask and its
 * ignored signals (caught ones reset to default), then applies attr (may be
 * NULL). The child first runs when the caller blocks or yields. Returns the
 * child's pid.
 * Errors: AX_EFAULT (path or argv NULL), AX_ENOENT, AX_ENOTDIR, path errors,
 * AX_EACCES (not a program), AX_EBADF (a file action names a bad fd),
 * AX_EINVAL (bad action kind or pgroup), AX_E2BIG (args over 128 KiB),
 * AX_ENOMEM. On error no process is created. A file action's open that
 * fails makes the whole spawn fail with its error, as posix_spawn does. */
AX_API SyscallResult sys_spawn(const char *path, char *const argv[], char *const envp[],
                               const SpawnAttr *attr);

/* Replace the caller's program with the one at path: pid, fds (minus
 * close-on-exec ones), cwd, process group and signal mask stay; caught
 * signals reset to default. Does not return on success.
 * Errors: as sys_spawn; on error the caller goes on unchanged. */
AX_API SyscallResult sys_exec(const char *path, char *const argv[], char *const envp[]);

/* End the calling process with status & 0xff (POSIX truncates). Never
 * returns. Its fds, timers, memory and stack are released; it stays a
 * zombie until its parent reaps it; its children go to init (pid 1). */
AX_API void sys_exit(int status);

/* waitpid options and status macros: Linux values and encoding */
#define AX_WNOHANG 1
#define AX_WUNTRACED 2
#define AX_WCONTINUED 8
#define AX_WIFEXITED(s) (((s)&0x7f) == 0)
#define AX_WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define AX_WIFSIGNALED(s) (((s)&0x7f) != 0 && ((s)&0x7f) != 0x7f)
#define AX_WTERMSIG(s) ((s)&0x7f)
#define AX_WIFSTOPPED(s) (((s)&0xff) == 0x7f)
#define AX_WSTOPSIG(s) (((s) >> 8) & 0xff)
#define AX_WIFCONTINUED(s) ((s) == 0xffff)

/* Wait for a child to change state: pid > 0 that child, -1 any child, 0 any
 * in the caller's group, < -1 any in group -pid. Reaps an exited child and
 * returns its pid with *status (may be NULL) set; AX_WUNTRACED also reports
 * stopped children, AX_WCONTINUED continued ones. With AX_WNOHANG returns 0
 * if none has changed yet; otherwise blocks.
 * Errors: AX_ECHILD (no child matches), AX_EINVAL (unknown option bits),
 * AX_EINTR. */
AX_API SyscallResult sys_waitpid(int pid, int *status, int options);

/* The caller's pid / its parent's pid. Cannot fail inside a process. */
AX_API SyscallResult sys_getpid(void);
AX_API SyscallResult sys_getppid(void);

/* Put process pid (0: the caller) into group pgid (0: pgid = pid). The
 * target must be the caller or its child, in the caller's session; the
 * group must exist in that session or be the target's own pid.
 * Errors: AX_ESRCH, AX_EINVAL (negative pgid), AX_EPERM. */
AX_API SyscallResult sys_setpgid(int pid, int pgid);

/* Process group of pid (0: the caller). Errors: AX_ESRCH. */
AX_API SyscallResult sys_getpgid(int pid);

/* Start a new session and group led by the caller; returns the new sid.
 * Errors: AX_EPERM (the caller already leads a group). */
AX_API SyscallResult sys_setsid(void);

/* Session id of pid (0: the caller). Errors: AX_ESRCH. */
AX_API SyscallResult sys_getsid(int pid);

/* Let the other ready tasks run; the caller goes to the back of the run
 * queue. Cannot fail. */
AX_API SyscallResult sys_yield(void);

/* Block for ns nanoseconds of kernel time. Returns 0, or AX_EINTR with
 * value -1 when a caught signal cuts it short. */
AX_API SyscallResult sys_sleep(uint64_t ns);

/* Copy the value of environment variable name, NUL-terminated, into buf;
 * returns its length without the NUL.
 * Errors: AX_EFAULT, AX_EINVAL (empty name or one with '='), AX_ENOENT
 * (unset), AX_ERANGE (buf smaller than length + 1). */
AX_API SyscallResult sys_getenv(const char *name, char *buf, size_t size);

/* Set name=value; with overwrite 0 an existing value is kept.
 * Errors: AX_EFAULT, AX_EINVAL (empty name or one with '='), AX_ENOMEM. */
AX_API SyscallResult sys_setenv(const char *name, const char *value, int overwrite);

/* Remove name; removing an unset name succeeds. Errors: AX_EFAULT, AX_EINVAL. */
AX_API SyscallResult sys_unsetenv(const char *name);

/* Copy the index-th "NAME=value" entry of the environment into buf, as
 * sys_getenv does; entries are in the order they were set.
 * Errors: AX_ENOENT (index past the end), AX_EFAULT, AX_ERANGE. */
AX_API SyscallResult sys_environ(size_t index, char *buf, size_t size);

/* clocks for sys_clock_gettime: Linux ids */
#define AX_CLOCK_REALTIME 0  /* nanoseconds since 1970; see KernelConfig.boot_time_ns */
#define AX_CLOCK_MONOTONIC 1 /* nanoseconds since boot */

/* Returns the clock's time in ns. Errors: AX_EINVAL (unknown clock). */
AX_API SyscallResult sys_clock_gettime(int clock_id);

/* process states in ProcInfo.state, as ps shows them */
#define AX_PROC_RUNNING 'R' /* running or ready */
#define AX_PROC_SLEEPING 'S'
#define AX_PROC_STOPPED 'T'
#define AX_PROC_ZOMBIE 'Z'

typedef struct ProcInfo {
    int pid, ppid, pgid, sid;
    char state;        /* AX_PROC_* */
    int exit_status;   /* raw wait status, for zombies */
    uint64_t start_ns; /* kernel clock at spawn */
    uint64_t cpu_ns;   /* kernel time spent running (host clock only) */
    uint64_t mem_bytes;
    char name[64];     /* argv[0], cut to fit */
    char cmdline[192]; /* argv joined by spaces, cut to fit */
} ProcInfo;

/* Fill up to count entries with the live processes (zombies included),
 * sorted by pid; returns the number of processes that exist, which may be
 * larger than count. Errors: AX_EFAULT (out NULL with count > 0). */
AX_API SyscallResult sys_proclist(ProcInfo *out, size_t count);

/* The process heap: memory that belongs to the calling process, counts in
 * its memory figures (MemStats.heap_bytes) and is freed when the process
 * dies, however it dies. Blocks are aligned to 16 bytes.
 * sys_heap_alloc returns the address in value (zeroed memory).
 * Errors: AX_EINVAL (size 0 or over 1 TiB), AX_ENOMEM (limit reached). */
AX_API SyscallResult sys_heap_alloc(size_t size);
/* Free a block from sys_heap_alloc; NULL is a no-op.
 * Errors: AX_EINVAL (not a live block of this process). */
AX_API SyscallResult sys_heap_free(void *ptr);
/* Resize a block (ptr NULL: allocate); returns the new address. On error
 * the old block is untouched. Errors: as alloc and free. */
AX_API SyscallResult sys_heap_realloc(void *ptr, size_t size);

/* ======================================================================
 * Pipes and timers
 * ====================================================================== */

#define AX_PIPE_BUF 4096         /* writes up to this size are atomic */
#define AX_PIPE_CAPACITY 65536   /* bytes a pipe holds before writers block */

/* Create a pipe: fds[0] is the read end, fds[1] the write end, each the
 * lowest free fd. flags may hold AX_O_NONBLOCK and AX_O_CLOEXEC (pipe2).
 * Reads block while the pipe is empty and a write end is open, and return 0
 * once every write end is closed and the buffer is drained. Writes block
 * while full; writes of at most AX_PIPE_BUF bytes are atomic. A write with
 * no read end open fails with AX_EPIPE and raises SIGPIPE.
 * Errors: AX_EFAULT, AX_EINVAL (other flags), AX_EMFILE (fewer than two free
 * fds; nothing is allocated). */
AX_API SyscallResult sys_pipe(int fds[2]);
AX_API SyscallResult sys_pipe2(int fds[2], int flags);

/* timer flags */
#define AX_TIMER_SIGALRM 0x1 /* also raise SIGALRM in the owner at each expiry */
#define AX_TIMER_NONBLOCK AX_O_NONBLOCK
#define AX_TIMER_CLOEXEC AX_O_CLOEXEC

/* A one-shot timer that fires delay_ns from now (0: at once); returns an fd.
 * Reading the fd (8-byte buffer) blocks until the timer has fired, then
 * returns the number of expirations since the last read as a uint64_t.
 * Timers due at the same instant fire in the order they were set.
 * Errors: AX_EINVAL (unknown flags), AX_EMFILE, AX_ENOMEM. */
AX_API SyscallResult sys_timer_set(uint64_t delay_ns, int flags);

/* A repeating timer with period interval_ns, first expiry one interval from
 * now. Errors: AX_EINVAL (interval 0, unknown flags), AX_EMFILE. */
AX_API SyscallResult sys_timer_interval(uint64_t interval_ns, int flags);

/* Disarm the timer at fd (the fd stays open); returns 1 if it was still
 * pending (a one-shot that had not fired, or any interval timer), else 0.
 * Errors: AX_EBADF (not an open timer fd). */
AX_API SyscallResult sys_timer_cancel(int fd);

/* ======================================================================
 * Memory regions and shared memory
 * ====================================================================== */

#define AX_PROT_NONE 0
#define AX_PROT_READ 1
#define AX_PROT_WRITE 2
#define AX_PROT_EXEC 4

/* Allocate a zero-filled region of size bytes with AX_PROT_* prot; returns
 * its region id (local to the process).
 * Errors: AX_EINVAL (size 0, unknown prot bits), AX_ENOMEM (process or
 * system limit). */
AX_API SyscallResult sys_mem_alloc(size_t size, int prot);
/* Free a region (a shm attachment: detach it). Errors: AX_EINVAL (not one
 * of the caller's regions). */
AX_API SyscallResult sys_mem_free(int region);
/* Copy up to n bytes from region at offset into buf; returns the count: 0
 * at or beyond the end, cut short at the end.
 * Errors: AX_EINVAL (bad region), AX_EFAULT, AX_EACCES (no AX_PROT_READ). */
AX_API SyscallResult sys_mem_read(int region, size_t offset, void *buf, size_t n);
/* Copy n bytes from buf into region at offset; returns the count, cut short
 * at the end. Errors: AX_EINVAL (bad region, offset beyond the end),
 * AX_EFAULT, AX_EACCES (no AX_PROT_WRITE). */
AX_API SyscallResult sys_mem_write(int region, size_t offset, const void *buf, size_t n);
/* Change a region's protection. Errors: AX_EINVAL. */
AX_API SyscallResult sys_mem_protect(int region, int prot);

typedef struct MemStats {
    uint64_t allocated;    /* bytes in regions, attachments and heap */
    uint64_t limit;        /* 0 = unlimited */
    uint64_t peak;         /* highest `allocated` seen */
    uint64_t region_count; /* private regions */
    uint64_t shm_count;    /* attached shm segments */
    uint64_t heap_bytes;   /* bytes in the process heap */
} MemStats;

typedef struct SystemMemStats {
    uint64_t total_allocated; /* all processes, plus shm segments */
    uint64_t system_limit;    /* KernelConfig.mem_limit; 0 = unlimited */
    uint64_t shm_count;
    uint64_t shm_total_size;
} SystemMemStats;

/* Fill the caller's figures / the system's. Errors: AX_EFAULT. */
AX_API SyscallResult sys_memstats(MemStats *out);
AX_API SyscallResult sys_system_memstats(SystemMemStats *out);
/* Set the caller's limit in bytes (0: unlimited). A limit below what is
 * already allocated is allowed; further allocations fail with AX_ENOMEM. */
AX_API SyscallResult sys_set_memlimit(uint64_t bytes);

#define AX_IPC_PRIVATE 0
#define AX_IPC_CREAT 01000
#define AX_IPC_EXCL 02000
#define AX_IPC_RMID 0
#define AX_IPC_STAT 2

typedef struct ShmInfo {
    int shmid;
    int key;
    uint64_t size;
    uint32_t attach_count;
    int creator_pid;
    int last_pid;      /* last to attach or detach */
    int removed;       /* AX_IPC_RMID given; destroyed at last detach */
    uint64_t ctime_ns; /* created */
    uint64_t atime_ns; /* last attach */
    uint64_t dtime_ns; /* last detach */
} ShmInfo;

/* Get the segment for key, creating one of size bytes with AX_IPC_CREAT.
 * AX_IPC_PRIVATE always creates. Returns the shmid.
 * Errors: AX_ENOENT (no segment, no AX_IPC_CREAT), AX_EEXIST (CREAT|EXCL and
 * it exists), AX_EINVAL (size 0 on create, or size larger than the
 * segment's), AX_ENOMEM. */
AX_API SyscallResult sys_shmget(int key, size_t size, int flags);
/* Attach a segment; returns a region id for mem_read/mem_write. Writes are
 * visible to every attacher at once. Errors: AX_EINVAL (no such shmid),
 * AX_EIDRM (removed), AX_ENOMEM. */
AX_API SyscallResult sys_shmat(int shmid, int prot);
/* Detach. Errors: AX_EINVAL (not an attachment of the caller). */
AX_API SyscallResult sys_shmdt(int region);
/* AX_IPC_STAT fills *info; AX_IPC_RMID marks for removal (no new attaches;
 * destroyed at the last detach). Errors: AX_EINVAL, AX_EFAULT. */
AX_API SyscallResult sys_shmctl(int shmid, int cmd, ShmInfo *info);
/* Kept for parity with the model OS. Sharing in axos is immediate, so these
 * only check that region is a shm attachment. Errors: AX_EINVAL. */
AX_API SyscallResult sys_shm_sync(int region);
AX_API SyscallResult sys_shm_refresh(int region);

/* ======================================================================
 * Signals
 * ====================================================================== */

#define AX_SIGHUP 1
#define AX_SIGINT 2
#define AX_SIGQUIT 3
#define AX_SIGILL 4
#define AX_SIGTRAP 5
#define AX_SIGABRT 6
#define AX_SIGBUS 7
#define AX_SIGFPE 8
#define AX_SIGKILL 9
#define AX_SIGUSR1 10
#define AX_SIGSEGV 11
#define AX_SIGUSR2 12
#define AX_SIGPIPE 13
#define AX_SIGALRM 14
#define AX_SIGTERM 15
#define AX_SIGSTKFLT 16
#define AX_SIGCHLD 17
#define AX_SIGCONT 18
#define AX_SIGSTOP 19
#define AX_SIGTSTP 20
#define AX_SIGTTIN 21
#define AX_SIGTTOU 22
#define AX_SIGURG 23
#define AX_SIGXCPU 24
#define AX_SIGXFSZ 25
#define AX_SIGVTALRM 26
#define AX_SIGPROF 27
#define AX_SIGWINCH 28
#define AX_SIGIO 29
#define AX_SIGPWR 30
#define AX_SIGSYS 31
#define AX_NSIG 65 /* signals are 1..64 */

#define AX_SIGBIT(sig) ((SigSet)1 << ((sig)-1))

typedef void (*SigHandler)(int sig);
#define AX_SIG_DFL ((SigHandler)0)
#define AX_SIG_IGN ((SigHandler)1)

#define AX_SA_NODEFER 0x40000000   /* do not block the signal in its handler */
#define AX_SA_RESETHAND 0x80000000 /* reset to default after one delivery */

typedef struct SigAction {
    SigHandler handler; /* AX_SIG_DFL, AX_SIG_IGN or a function */
    SigSet mask;        /* blocked while the handler runs (plus sig itself) */
    uint32_t flags;     /* AX_SA_* */
} SigAction;

#define AX_SIG_BLOCK 0
#define AX_SIG_UNBLOCK 1
#define AX_SIG_SETMASK 2

/* Send sig to pid > 0, to the caller's group (0), to every process but
 * init and the caller (-1), or to group -pid (< -1). sig 0 only checks that
 * a target exists. Errors: AX_EINVAL (sig outside 0..64), AX_ESRCH (no
 * target). */
AX_API SyscallResult sys_kill(int pid, int sig);

/* Set sig's handler; returns the previous one in value (cast to SigHandler).
 * Errors: AX_EINVAL (bad sig, or SIGKILL / SIGSTOP). */
AX_API SyscallResult sys_signal(int sig, SigHandler handler);

/* Examine and change sig's action: *old (may be NULL) gets the current one,
 * then *act (may be NULL) is installed.
 * Errors: AX_EINVAL (bad sig; SIGKILL or SIGSTOP with act). */
AX_API SyscallResult sys_sigaction(int sig, const SigAction *act, SigAction *old);

/* Change the blocked mask: AX_SIG_BLOCK adds *set, _UNBLOCK removes it,
 * _SETMASK replaces it; *old (may be NULL) gets the previous mask. SIGKILL
 * and SIGSTOP are silently left unblocked, as POSIX says. Signals that
 * become unblocked and are pending are delivered before this returns.
 * Errors: AX_EINVAL (bad how). */
AX_API SyscallResult sys_sigprocmask(int how, const SigSet *set, SigSet *old);

/* Block / unblock one signal (the model OS's helpers).
 * Errors: AX_EINVAL (bad sig, or SIGKILL / SIGSTOP). */
AX_API SyscallResult sys_sigblock(int sig);
AX_API SyscallResult sys_sigunblock(int sig);

/* *set = signals pending for the caller (blocked ones, in practice).
 * value is 1 if any is pending. Errors: AX_EFAULT. */
AX_API SyscallResult sys_sigpending(SigSet *set);

/* Block until a signal is caught; always returns AX_EINTR (POSIX pause). */
AX_API SyscallResult sys_pause(void);

/* "SIGINT" for 2 (NULL for unknown), and the reverse: "INT" or "SIGINT"
 * to 2 (-1 for unknown). Pure functions, callable anywhere. */
AX_API const char *sys_signame(int sig);
AX_API int sys_sigbyname(const char *name);

/* ======================================================================
 * Tracing
 * ====================================================================== */

typedef struct SyscallCounters {
    uint64_t calls;
    uint64_t errors;
    uint64_t bytes;   /* bytes moved by successful read/write-like calls */
    uint64_t time_ns; /* kernel time spent inside, blocking included */
} SyscallCounters;

typedef struct TraceSummary {
    uint64_t uptime_ns;
    SyscallCounters syscalls[AX_SYS_COUNT]; /* indexed by SyscallNo */
    uint64_t context_switches;
    uint64_t tasks_run; /* times a task was given the CPU */
    uint64_t idle_ns;   /* kernel time with no ready task */
    uint64_t procs_spawned, procs_exited, procs_killed;
    uint64_t signals_sent, signals_delivered;
    uint64_t timers_fired;
    uint64_t bytes_read, bytes_written, pipe_bytes;
    uint64_t events_recorded, events_dropped;
} TraceSummary;

/* Turn event recording on / off (counters are always on); _enabled returns
 * 1 or 0; _reset clears counters and events. Cannot fail in a process. */
AX_API SyscallResult sys_trace_enable(void);
AX_API SyscallResult sys_trace_disable(void);
AX_API SyscallResult sys_trace_enabled(void);
AX_API SyscallResult sys_trace_reset(void);
/* Fill *out with the counters. Errors: AX_EFAULT. */
AX_API SyscallResult sys_trace_summary(TraceSummary *out);
/* Record a custom event (when tracing is on); detail may be NULL. Strings
 * are cut to 63 / 127 bytes. Errors: AX_EFAULT (name NULL). */
AX_API SyscallResult sys_trace_event(const char *name, const char *detail);
/* Store the determinism digest so far (see kernel_trace_digest) in *out.
 * Errors: AX_EFAULT. */
AX_API SyscallResult sys_trace_digest(uint64_t *out);

/* ======================================================================
 * Console and terminal control
 * ====================================================================== */

/* TermAttr flags and control characters: Linux termios values */
#define AX_ICRNL 0000400
#define AX_OPOST 0000001
#define AX_ONLCR 0000004
#define AX_ISIG 0000001
#define AX_ICANON 0000002
#define AX_ECHO 0000010
#define AX_ECHOE 0000020
#define AX_ECHOK 0000040
#define AX_ECHONL 0000100
#define AX_NOFLSH 0000200
#define AX_TOSTOP 0000400
#define AX_ECHOCTL 0001000
#define AX_IEXTEN 0100000

#define AX_VINTR 0
#define AX_VQUIT 1
#define AX_VERASE 2
#define AX_VKILL 3
#define AX_VEOF 4
#define AX_VTIME 5
#define AX_VMIN 6
#define AX_VSUSP 10
#define AX_VEOL 11
#define AX_VWERASE 14
#define AX_NCCS 32

#define AX_TCSANOW 0
#define AX_TCSADRAIN 1
#define AX_TCSAFLUSH 2

typedef struct TermAttr {
    uint32_t iflag, oflag, cflag, lflag;
    uint8_t cc[AX_NCCS];
} TermAttr;

typedef struct WinSize {
    uint16_t rows, cols, xpixel, ypixel;
} WinSize;

/* Feed bytes to the console's input as if typed; returns the count taken.
 * Errors: AX_EFAULT. */
AX_API SyscallResult sys_console_push_input(const void *buf, size_t n);
/* Drain up to n bytes of console output into buf; returns the count.
 * Errors: AX_EFAULT. */
AX_API SyscallResult sys_console_take_output(void *buf, size_t n);

/* Terminal attributes of the terminal at fd. Errors: AX_EBADF, AX_ENOTTY
 * (fd is not a terminal), AX_EFAULT, AX_EINVAL (bad action). */
AX_API SyscallResult sys_tcgetattr(int fd, TermAttr *out);
AX_API SyscallResult sys_tcsetattr(int fd, int action, const TermAttr *attr);
/* Foreground process group of the terminal at fd.
 * Errors: AX_EBADF, AX_ENOTTY, AX_EPERM (group not in the caller's
 * session), AX_EINVAL (pgid < 0). */
AX_API SyscallResult sys_tcsetpgrp(int fd, int pgid);
AX_API SyscallResult sys_tcgetpgrp(int fd);
/* Window size of the terminal at fd (POSIX 2024 tcgetwinsize); setting it
 * sends SIGWINCH to the foreground group. Errors: AX_EBADF, AX_ENOTTY,
 * AX_EFAULT. */
AX_API SyscallResult sys_tcgetwinsize(int fd, WinSize *out);
AX_API SyscallResult sys_tcsetwinsize(int fd, const WinSize *ws);

/* ======================================================================
 * Windows
 * ====================================================================== */

/* Open a window of width x height pixels; returns an fd. Writing exactly
 * width*height*4 bytes (ARGB8888, row-major) presents a frame; reading
 * returns whole WindowEvent records. Errors: AX_EINVAL (size 0 or over
 * 8192, title NULL), AX_ENODEV (no backend), AX_EMFILE. */
AX_API SyscallResult sys_window_create(const char *title, int width, int height);

/* ======================================================================
 * Host API: embedding a kernel
 * ====================================================================== */

typedef struct Kernel Kernel;

#define AX_SCHED_FIFO 0   /* ready tasks run in the order they became ready */
#define AX_SCHED_RANDOM 1 /* the seed picks among ready tasks */

#define AX_CLOCK_VIRTUAL 0 /* advances only when every task is blocked */
#define AX_CLOCK_HOST 1    /* follows the host's monotonic clock */

#define AX_WINDOW_AUTO 0     /* SDL2 where there is a display, else headless */
#define AX_WINDOW_HEADLESS 1 /* frames kept in memory, events injected */
#define AX_WINDOW_SDL 2
#define AX_WINDOW_NONE 3     /* sys_window_create fails with AX_ENODEV */

#define AX_DEFAULT_STACK_SIZE (256u * 1024u)
#define AX_DEFAULT_TRACE_RING 65536u

/* Where console output goes when KernelConfig.console_output is set:
 * stream 1 for what processes wrote to stdout-like console fds, 2 for
 * stderr (fd 2 at open time), and echo is stream 1. */
typedef void (*ConsoleSink)(void *ud, int stream, const void *buf, size_t n);

/* All fields zero means the defaults, so `KernelConfig cfg = {0};` works. */
typedef struct KernelConfig {
    uint64_t seed;        /* drives AX_SCHED_RANDOM and /dev/random */
    int sched;            /* AX_SCHED_FIFO (default) or AX_SCHED_RANDOM */
    int clock;            /* AX_CLOCK_VIRTUAL (default) or AX_CLOCK_HOST */
    size_t stack_size;    /* bytes per task stack; 0: AX_DEFAULT_STACK_SIZE */
    uint64_t mem_limit;   /* system memory limit in bytes; 0: unlimited */
    size_t trace_ring;    /* events kept; 0: AX_DEFAULT_TRACE_RING */
    int window_backend;   /* AX_WINDOW_*; default AX_WINDOW_AUTO */
    uint64_t boot_time_ns;/* AX_CLOCK_REALTIME at boot under the virtual
                             clock; 0: 2026-01-01T00:00:00Z */
    /* Allocation hook (Lua style): alloc(ud, NULL, n) allocates, alloc(ud,
     * p, n) resizes, alloc(ud, p, 0) frees and returns NULL. NULL: the host
     * malloc. Returning NULL for n > 0 makes the caller fail with AX_ENOMEM
     * and change nothing. */
    void *(*alloc)(void *ud, void *ptr, size_t size);
    void *alloc_ud;
    ConsoleSink console_output; /* NULL: output waits for take_output */
    void *console_ud;
} KernelConfig;

/* Create a kernel: the boot filesystem (/bin /dev /etc /home /tmp,
 * /etc/hostname, /etc/motd), its devices and init (pid 1). cfg NULL means
 * the defaults. Returns NULL when memory runs out or cfg is invalid
 * (unknown sched, clock or window_backend). Several kernels may exist in
 * one process; each host thread runs at most one at a time. */
AX_API Kernel *kernel_create(const KernelConfig *cfg);

/* Free everything the kernel holds: processes (killed where still alive),
 * objects, files, memory. Must not be called from inside a task. */
AX_API void kernel_destroy(Kernel *k);

/* Install main as an executable program node at path (mode 0755), creating
 * missing parent directories, replacing a program already there.
 * Returns 0 or -AX_* (AX_EINVAL for a bad path or NULL main, AX_EISDIR,
 * AX_ENOMEM). */
AX_API int kernel_install_program(Kernel *k, const char *path, ProgramMain main);

/* Install the bundled userland: /bin/sh and the programs in userland/bin.
 * Returns 0 or -AX_ENOMEM. */
AX_API int kernel_install_userland(Kernel *k);

/* Start a process from the host: a child of init, with fds 0, 1, 2 on
 * /dev/console, cwd "/", the kernel's base environment, in a new session
 * and process group that owns the console's foreground. argv NULL means
 * { path, NULL }. Returns the pid, or the error as sys_spawn gives it. The
 * process stays a zombie until kernel_wait reaps it. */
AX_API SyscallResult kernel_spawn(Kernel *k, const char *path, char *const argv[]);

typedef enum RunState {
    AX_RUN_EXITED = 0,   /* no process is left but init */
    AX_RUN_INPUT = 1,    /* every task is blocked and some wait on console input */
    AX_RUN_DEADLOCK = 2, /* every task is blocked, no timer pending, no input wait */
    AX_RUN_TIMEOUT = 3,  /* kernel_run_for: the time budget was used up */
    AX_RUN_STOPPED = 4,  /* every live process is stopped */
} RunState;

/* Run tasks until none can make progress; returns why it stopped. */
AX_API RunState kernel_run(Kernel *k);

/* As kernel_run, but return AX_RUN_TIMEOUT once the kernel clock has moved
 * ns past its value at the call. */
AX_API RunState kernel_run_for(Kernel *k, uint64_t ns);

/* Run until process pid (spawned with kernel_spawn) exits, then reap it
 * and store its wait status in *status (may be NULL). Returns 0, -AX_ECHILD
 * (no such host-spawned process), or -AX_EDEADLK if the kernel stops making
 * progress before pid exits (its RunState is then what kernel_run gave). */
AX_API int kernel_wait(Kernel *k, int pid, int *status);

/* The host side of /dev/console: push input (as typed, passed through the
 * line discipline), take output not yet taken. Return byte counts. */
AX_API size_t kernel_console_push_input(Kernel *k, const void *buf, size_t n);
AX_API size_t kernel_console_take_output(Kernel *k, void *buf, size_t n);
/* Deliver the terminal's signal character effect (^C etc.) to the console's
 * foreground group as the line discipline would: sig is AX_SIGINT,
 * AX_SIGTSTP or AX_SIGQUIT. Returns 0 or -AX_EINVAL / -AX_ESRCH. */
AX_API int kernel_console_signal(Kernel *k, int sig);
/* Set the console's window size (rows, cols); sends SIGWINCH to the
 * foreground group when it changes. Sizes above 65535 are cut to 65535. */
AX_API void kernel_console_set_winsize(Kernel *k, unsigned rows, unsigned cols);

/* What the console is doing, for a host front end deciding what to do next
 * (the REPL: show its own prompt, pass keys through, or wait). */
typedef struct ConsoleState {
    int session;     /* pid of the session leader that owns the console (the
                        first process kernel_spawn started while it was
                        free); 0 once that process has exited */
    int fg_pgrp;     /* foreground process group; 0: none */
    int readers;     /* tasks parked reading the console */
    int fg_readers;  /* of those, how many are in the foreground group */
    size_t typed;    /* bytes of a half-typed line (canonical mode) */
    size_t unread;   /* bytes readable and not read yet */
    uint64_t wait_ns;/* how long the host may wait on its own input before
                        the kernel has work again: 0 (a task is ready), ns
                        of kernel time until the next timer, or UINT64_MAX
                        (only input or a signal can wake anything) */
    TermAttr attr;
    WinSize winsize;
} ConsoleState;
/* Fill *out. Cannot fail. */
AX_API void kernel_console_state(Kernel *k, ConsoleState *out);

/* Say which of the host's streams are terminals: bit 0 stdin, bit 1
 * stdout, bit 2 stderr (all three until this is called). fd 0, 1 and 2 of
 * kernel_spawn stand for those streams, /dev/console for stdout. A console
 * fd whose stream is not a terminal acts as a plain device, the way a pipe
 * to the host would: tc* calls on it fail with AX_ENOTTY (so programs see
 * isatty() false and print for a pipe: `axos -c ls | cat` lists one name
 * per line), and reading it is not subject to job control. Input still
 * passes through the line discipline. */
AX_API void kernel_console_set_terminal(Kernel *k, unsigned streams);

/* The host's tcsetattr(TCSANOW), with no job control check (a REPL that
 * reads a script turns ECHO off). */
AX_API void kernel_console_set_attr(Kernel *k, const TermAttr *attr);

/* Queue text that the host has already edited and displayed (a line
 * editor such as libedit), or read from a file: nothing is echoed, and
 * editing and signal characters in it are plain bytes. In canonical mode
 * each '\n' ends a line; text after the last one waits as a half-typed
 * line for more text or kernel_console_close_input, and a line longer
 * than the discipline's 4095 bytes is handed to readers in pieces.
 * Returns the bytes taken: n, or fewer when the input queue is full
 * (64 KiB unread) or memory runs out. */
AX_API size_t kernel_console_push_text(Kernel *k, const void *buf, size_t n);

/* Take back the half-typed line of canonical mode (keys typed ahead while
 * a command ran), to hand it to a host line editor. Copies up to n bytes
 * of it into buf, empties it, and returns its full length. */
AX_API size_t kernel_console_take_typed(Kernel *k, void *buf, size_t n);

/* The host has no more input (its stdin reached end of file): a
 * half-typed line becomes readable, and once everything queued has been
 * read every read of the console returns 0, as a pipe does when its
 * writer closes. */
AX_API void kernel_console_close_input(Kernel *k);

/* List the directory at path as process pid sees it (relative paths from
 * its cwd; pid 0: from "/"), for host tools such as the REPL's tab
 * completion. fn(ud, entry) is called for each entry, sorted by name,
 * "." and ".." excluded. Returns the number of entries, or -AX_ESRCH (no
 * such live process), a path error, -AX_ENOTDIR or -AX_ENOMEM. */
AX_API int kernel_list_dir(Kernel *k, int pid, const char *path,
                           void (*fn)(void *ud, const DirEntry *entry), void *ud);

/* Process-local storage for a program's runtime library (ulib keeps its
 * stdio buffers there): the address of one pointer-sized slot that belongs
 * to the calling process, NULL outside a process. Programs share their
 * static variables with every other process running the same program (all
 * run in one address space), so per-process state must live on the stack,
 * in the process heap, or behind this slot. Not a syscall: no dispatch. */
AX_API void **sys_tls(void);

/* Register fn to run when the calling process ends by sys_exit or by
 * returning from main (not when a signal kills it); one hook per process,
 * a new one replaces the old. ulib flushes its buffers here. Not a syscall. */
AX_API void sys_set_exit_hook(void (*fn)(void));

/* Kernel clock in ns (AX_CLOCK_MONOTONIC). */
AX_API uint64_t kernel_now(Kernel *k);

/* A 64-bit hash of the scheduling and syscall event stream so far. Same
 * seed, programs and input give the same digest. */
AX_API uint64_t kernel_trace_digest(Kernel *k);

/* Counters, the same as sys_trace_summary fills. */
AX_API void kernel_trace_summary(Kernel *k, TraceSummary *out);

/* Resource counts, for leak checks in tests. */
typedef struct KernelStats {
    uint64_t procs;       /* processes, zombies and init included */
    uint64_t tasks;       /* processes with a live task (not zombies, not init) */
    uint64_t objects;     /* open objects (open files, pipe ends, timers...) */
    uint64_t fds;         /* fd slots in use across all processes */
    uint64_t nodes;       /* VFS inodes */
    uint64_t regions;     /* memory regions and attachments */
    uint64_t shm_segments;
    uint64_t heap_blocks; /* process-heap blocks across all processes */
    uint64_t timers;      /* armed timers, sleeps included */
} KernelStats;
AX_API void kernel_stats(Kernel *k, KernelStats *out);

#ifdef __cplusplus
}
#endif
#endif /* AXOS_H */
