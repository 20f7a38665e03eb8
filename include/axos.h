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
    AX_ENOLCK = 37,       /* no locks available */
    AX_ENOSYS = 38,       /* function not implemented */
    AX_ENOTEMPTY = 39,    /* directory not empty */
    AX_ELOOP = 40,        /* too many levels of symbolic links */
    AX_ENOMSG = 42,       /* no message of desired type */
    AX_EIDRM = 43,        /* identifier removed */
    AX_EOVERFLOW = 75,    /* value too large for defined data type */
    AX_ENOTSOCK = 88,     /* socket operation on non-socket */
    AX_EDESTADDRREQ = 89, /* destination address required */
    AX_EMSGSIZE = 90,     /* message too long */
    AX_EPROTOTYPE = 91,   /* protocol wrong type for socket */
    AX_ENOPROTOOPT = 92,  /* protocol not available */
    AX_EPROTONOSUPPORT = 93, /* protocol not supported */
    AX_ESOCKTNOSUPPORT = 94, /* socket type not supported */
    AX_EOPNOTSUPP = 95,   /* operation not supported */
    AX_EAFNOSUPPORT = 97, /* address family not supported by protocol */
    AX_EADDRINUSE = 98,   /* address already in use */
    AX_EADDRNOTAVAIL = 99,/* cannot assign requested address */
    AX_ECONNABORTED = 103,/* software caused connection abort */
    AX_ECONNRESET = 104,  /* connection reset by peer */
    AX_ENOBUFS = 105,     /* no buffer space available */
    AX_EISCONN = 106,     /* transport endpoint is already connected */
    AX_ENOTCONN = 107,    /* transport endpoint is not connected */
    AX_ETOOMANYREFS = 109,/* too many references: cannot splice */
    AX_ETIMEDOUT = 110,   /* timed out */
    AX_ECONNREFUSED = 111,/* connection refused */
    AX_EALREADY = 114,    /* operation already in progress */
    AX_EINPROGRESS = 115, /* operation now in progress */
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
    AX_SYS_COUNT = 448 /* one past the largest number the table may use */
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
 * returns AX_EAGAIN instead. A caught signal ends the wait with AX_EINTR,
 * or with the count already moved by a write that went in part; when every
 * handler it runs has AX_SA_RESTART, read, write, waitpid and the open
 * (or openat) of a FIFO are started over after the handlers ran instead (sleep,
 * pause, poll, select and epoll_wait never are, as on Linux). When what
 * the call waited for came with the signal, waitpid and a pipe or FIFO
 * read end with it instead (a child whose exit raised a caught SIGCHLD is
 * reported, not lost to AX_EINTR) and the handler runs after, as Linux's
 * wait loops test their condition first. A fatal signal ends the process.
 * Stop signals stop the task in place; after SIGCONT the call carries on
 * waiting, as Linux restarts it.
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
#define AX_O_NOFOLLOW 0400000 /* fail with AX_ELOOP when the last component is a symbolic link */
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
#define AX_S_IFLNK 0120000
#define AX_S_IFSOCK 0140000
/* permission bits beyond rwx (octal 07000): Linux values */
#define AX_S_ISUID 04000 /* set-user-ID on exec */
#define AX_S_ISGID 02000 /* set-group-ID on exec; on a directory: new entries take its group */
#define AX_S_ISVTX 01000 /* sticky: in a directory, only owners may remove names */
#define AX_S_ISDIR(m) (((m)&AX_S_IFMT) == AX_S_IFDIR)
#define AX_S_ISREG(m) (((m)&AX_S_IFMT) == AX_S_IFREG)
#define AX_S_ISCHR(m) (((m)&AX_S_IFMT) == AX_S_IFCHR)
#define AX_S_ISFIFO(m) (((m)&AX_S_IFMT) == AX_S_IFIFO)
#define AX_S_ISLNK(m) (((m)&AX_S_IFMT) == AX_S_IFLNK)
#define AX_S_ISSOCK(m) (((m)&AX_S_IFMT) == AX_S_IFSOCK)

/* fcntl commands and fd flags: Linux values */
#define AX_F_DUPFD 0
#define AX_F_GETFD 1
#define AX_F_SETFD 2
#define AX_F_GETFL 3
#define AX_F_SETFL 4
#define AX_F_GETLK 5  /* record locks: sys_fcntl_lock */
#define AX_F_SETLK 6
#define AX_F_SETLKW 7
#define AX_FD_CLOEXEC 1

/* record lock types (RecordLock.l_type): Linux values */
#define AX_F_RDLCK 0
#define AX_F_WRLCK 1
#define AX_F_UNLCK 2

/* flock operations: Linux values */
#define AX_LOCK_SH 1 /* shared */
#define AX_LOCK_EX 2 /* exclusive */
#define AX_LOCK_NB 4 /* or'ed in: fail with AX_EAGAIN rather than wait */
#define AX_LOCK_UN 8 /* unlock */

/* A byte range lock (POSIX struct flock, Linux's field names): l_len
 * bytes from l_start counted from l_whence (AX_SEEK_SET, _CUR: the fd's
 * offset, _END: the file's size); l_len 0 runs to the end of the file
 * however it grows, a negative l_len names the -l_len bytes before. */
typedef struct RecordLock {
    int16_t l_type;   /* AX_F_RDLCK, AX_F_WRLCK, AX_F_UNLCK */
    int16_t l_whence;
    int64_t l_start;  /* bytes */
    int64_t l_len;    /* bytes */
    int32_t l_pid;    /* F_GETLK: the holder of the lock in the way */
} RecordLock;

#define AX_PATH_MAX 4096 /* bytes in a path, its NUL included (as Linux's PATH_MAX) */
#define AX_NAME_MAX 255  /* bytes in one path component */
#define AX_SYMLOOP_MAX 40 /* symbolic links one path may lead through (Linux's MAXSYMLINKS) */
#define AX_OPEN_MAX 1024 /* fds per process */

typedef struct FileStat {
    uint64_t dev;      /* device id: 1 for the memory fs, 2 for devices, 3 for pipes */
    uint64_t ino;      /* inode number, unique while the inode lives */
    uint32_t mode;     /* AX_S_IF* type | permission bits (0644, 0755...) */
    uint32_t nlink;    /* links: names for files, 2 + subdirs for directories */
    uint64_t size;     /* bytes (files), entries (directories), 0 otherwise */
    /* Times in ns of the kernel clock (AX_CLOCK_MONOTONIC; add
     * CLOCK_REALTIME - CLOCK_MONOTONIC for wall time). A time before boot
     * (set by sys_futimens, or loaded from a disk image) is negative:
     * read these as int64_t. */
    uint64_t atime_ns; /* last read */
    uint64_t mtime_ns; /* last change of content */
    uint64_t ctime_ns; /* last change of content or metadata */
    uint32_t uid;      /* owner */
    uint32_t gid;      /* group */
    uint64_t blocks;   /* 512-byte units of memory the data takes (holes take none) */
    uint64_t rdev;     /* a device's number, Linux's (major << 8 | minor for
                          small numbers: /dev/null is 0x103); 0 otherwise */
} FileStat;

/* readdir entry types: Linux d_type values */
#define AX_DT_UNKNOWN 0
#define AX_DT_FIFO 1
#define AX_DT_CHR 2
#define AX_DT_DIR 4
#define AX_DT_REG 8
#define AX_DT_LNK 10 /* symbolic links, and /dev/stdin, /dev/fd/N... */
#define AX_DT_SOCK 12

typedef struct DirEntry {
    uint64_t ino;
    uint32_t type; /* AX_DT_* */
    char name[AX_NAME_MAX + 1];
} DirEntry;

/*
 * Paths. Absolute, or relative to the cwd; ".", "..", repeated slashes; a
 * trailing slash asks for a directory. The path errors every path call
 * gives: AX_EFAULT (NULL), AX_ENOENT (empty, as POSIX says, or a component
 * missing), AX_ENAMETOOLONG (AX_PATH_MAX bytes or more, NUL excluded: the
 * limit counts the NUL; or a component over AX_NAME_MAX), AX_ENOTDIR (a
 * non-directory used as a directory), AX_EACCES (no search permission on
 * a directory walked through), AX_ELOOP (more than AX_SYMLOOP_MAX
 * symbolic links met in one path).
 *
 * Symbolic links (sys_symlink) are followed wherever they appear in a
 * path, as POSIX and Linux resolve them: a relative target from the
 * link's directory, an absolute one from the root, the rest of the path
 * after it; search permission is checked on every directory the walk
 * goes through, those inside targets too. The last component's link is
 * followed by the calls that act on what a path leads to (open, stat,
 * chmod, chown, truncate, access, chdir, spawn, exec, connect) and not by
 * those that act on the name itself (lstat, lchown, readlink, unlink,
 * rmdir, rename, link's old path, and the new name of mkdir, mknod,
 * symlink, link); a trailing slash ("link/") makes the first kind follow
 * it and require a directory. A link whose target is missing is
 * dangling: following it gives AX_ENOENT (open with AX_O_CREAT creates
 * the target). As Linux with fs.protected_symlinks = 1 (Debian's
 * default), a link in a sticky directory anyone may write to (/tmp) is
 * followed only by its owner or when the directory's owner owns it
 * (AX_EACCES otherwise, root included).
 *
 * /dev holds null, zero, full, random, urandom, console and tty (the
 * caller's controlling terminal: the console for the processes of the
 * session it belongs to, AX_ENXIO for the others), and names for the
 * caller's own fds: /dev/fd/N for each open fd N (listed by readdir) and
 * /dev/stdin, /dev/stdout, /dev/stderr for 0, 1 and 2. Opening one of
 * those opens what the fd refers to anew, as Linux's /proc/self/fd does:
 * a regular file, directory or device gets a new open file (an offset of
 * its own; AX_O_TRUNC and AX_O_APPEND as asked), the console a new
 * console fd, and anything else (a pipe end, a timer, a window) a new
 * reference to the fd's open file when it allows the access mode asked
 * for (AX_EACCES otherwise). With the fd closed the name is missing
 * (AX_ENOENT). stat follows them to the fd's file; readdir types them
 * AX_DT_LNK. No name is made or removed in /dev or /dev/fd: creating a
 * file, mkdir, unlink, rmdir and rename there fail with AX_EACCES.
 */

/* Make a symbolic link named linkpath whose content is target, taken as
 * it is (bytes up to the NUL; it need not exist: the link may dangle).
 * The link's mode is 0777 whatever the umask; its owner is the caller's
 * effective uid, its group the caller's effective gid (or the
 * directory's, when that has AX_S_ISGID). linkpath's last component is
 * not followed.
 * Errors: AX_EFAULT (target or linkpath NULL), AX_ENOENT (target empty,
 * linkpath's directory missing or removed, or "name/" given as
 * linkpath), AX_ENAMETOOLONG (target of AX_PATH_MAX bytes or more, or a
 * linkpath path error), AX_EEXIST (linkpath exists, even as a dangling
 * link; also "/", "." and ".."), AX_EACCES (no write or search permission
 * on the directory; a name in /dev), AX_ENOTDIR, AX_ELOOP, AX_ENOMEM. On
 * error nothing is created. POSIX symlink (Linux symlink(2)). */
AX_API SyscallResult sys_symlink(const char *target, const char *linkpath);

/* Copy the target of the symbolic link path names into buf, at most size
 * bytes, without a NUL (a longer target is cut short, silently, as
 * POSIX says); returns the bytes copied. The last component is not
 * followed (a trailing slash does follow it, and what it leads to is
 * then no link). /dev/stdin, /dev/stdout, /dev/stderr read as
 * "/proc/self/fd/N", as on Linux; /dev/fd/N and /proc/PID/fd/N as the
 * fd's file ("/dev/console", "pipe:[N]", a path...), /proc's other links
 * as where they lead (/proc/self: the caller's pid).
 * Errors: path errors, AX_EACCES (search), AX_ELOOP, AX_EINVAL (path is
 * no symbolic link; size 0 or over INT32_MAX), AX_EFAULT (buf NULL).
 * Nothing changes. POSIX readlink (Linux readlink(2)). */
AX_API SyscallResult sys_readlink(const char *path, char *buf, size_t size);

/* Give the inode oldpath names one more name, newpath (a hard link): both
 * names then reach the same file (FileStat.ino and .nlink show it), and
 * its data lives until the last name is removed and the last open file
 * on it closed. A symbolic link at oldpath is not followed: newpath
 * becomes another name for the link (Linux). The inode's change time
 * becomes now, as does the new directory's modification time.
 * Errors, in Linux's order: oldpath's path errors (AX_ENOENT missing,
 * AX_ENOTDIR "file/"); newpath's path errors, AX_EEXIST (newpath exists,
 * even as a dangling link; or "/", ".", ".."), AX_ENOENT ("new/");
 * AX_EXDEV (one side in /dev or a name for an fd, the other not: Linux
 * mounts devices apart); AX_EPERM (a caller that does not own the inode
 * and is not root linking anything but a plain file it may read and
 * write, or a set-user-ID / set-group-ID one: Linux with
 * fs.protected_hardlinks = 1); AX_EACCES (no write or search permission
 * on newpath's directory); AX_EPERM (oldpath is a directory, "/" too);
 * AX_EMLINK (the inode has 65000 names already, ext4's limit);
 * AX_ENOMEM. On error nothing changes. POSIX link (Linux link(2)). */
AX_API SyscallResult sys_link(const char *oldpath, const char *newpath);

/*
 * The *at calls: each is a path call whose relative path starts at the
 * directory open at a dirfd instead of the cwd (POSIX.1-2008, Linux's
 * numbers). The directory is the one the fd was opened on, wherever it
 * has moved since (renamed: still reached; removed: its names are gone,
 * so lookups give AX_ENOENT and nothing can be created in it). dirfd
 * AX_AT_FDCWD means the cwd, which makes each the plain call. An absolute
 * path ignores dirfd (even a bad one), as POSIX says; for a relative one
 * a dirfd that is not open is AX_EBADF and one open on anything but a
 * directory AX_ENOTDIR (a NULL or empty path gives its own error first,
 * AX_EFAULT or AX_ENOENT, unless AX_AT_EMPTY_PATH is given and allowed).
 * Unknown flag bits are AX_EINVAL before anything else is looked at.
 * Otherwise each call behaves, errors and all, as its plain form, and a
 * failed call changes nothing.
 */
#define AX_AT_FDCWD (-100)              /* dirfd: the cwd */
#define AX_AT_SYMLINK_NOFOLLOW 0x100     /* act on a final symbolic link itself */
#define AX_AT_REMOVEDIR 0x200            /* unlinkat: remove a directory, as rmdir */
#define AX_AT_EACCESS 0x200              /* faccessat: judge with the effective ids */
#define AX_AT_SYMLINK_FOLLOW 0x400       /* linkat: follow a final link of oldpath */
#define AX_AT_NO_AUTOMOUNT 0x800         /* fstatat: accepted, means nothing here */
#define AX_AT_EMPTY_PATH 0x1000          /* path "": act on the file open at dirfd */

/* sys_open relative to dirfd (POSIX openat). The start directory is held
 * for the whole call (a FIFO's open may wait while another task closes
 * dirfd). Errors: dirfd's (AX_EBADF, AX_ENOTDIR) and sys_open's. */
AX_API SyscallResult sys_openat(int dirfd, const char *path, int flags, uint32_t mode);

/* sys_stat relative to dirfd; flags: AX_AT_SYMLINK_NOFOLLOW (sys_lstat),
 * AX_AT_EMPTY_PATH (path "": describe the file open at dirfd, of any
 * kind, as sys_fstat; AX_AT_FDCWD: the cwd), AX_AT_NO_AUTOMOUNT (no
 * effect). Errors: AX_EINVAL (other flag bits), dirfd's, sys_stat's.
 * Nothing changes. POSIX fstatat, Linux newfstatat. */
AX_API SyscallResult sys_fstatat(int dirfd, const char *path, FileStat *st, int flags);

/* sys_mkdir relative to dirfd. Errors: dirfd's and sys_mkdir's. POSIX
 * mkdirat. */
AX_API SyscallResult sys_mkdirat(int dirfd, const char *path, uint32_t mode);

/* sys_unlink relative to dirfd, or sys_rmdir with AX_AT_REMOVEDIR.
 * Errors: AX_EINVAL (other flag bits), dirfd's, then sys_unlink's or
 * sys_rmdir's. POSIX unlinkat. */
AX_API SyscallResult sys_unlinkat(int dirfd, const char *path, int flags);

/* sys_rename with oldpath relative to olddirfd and newpath to newdirfd
 * (either may be AX_AT_FDCWD). Errors: the dirfds' (olddirfd's first)
 * and sys_rename's. POSIX renameat. */
AX_API SyscallResult sys_renameat(int olddirfd, const char *oldpath, int newdirfd,
                                  const char *newpath);

/* sys_link with oldpath relative to olddirfd and newpath to newdirfd.
 * flags: AX_AT_SYMLINK_FOLLOW (a final symbolic link of oldpath is
 * followed, so the new name is one more for its target; a name for an fd,
 * /dev/fd/N or /proc/self/fd/N, then stands for the fd's file, as Linux
 * follows those); AX_AT_EMPTY_PATH (oldpath "": name the file open at
 * olddirfd; only root may, as Linux without CAP_DAC_READ_SEARCH
 * answers AX_ENOENT). Errors: AX_EINVAL (other flag bits), dirfds',
 * AX_EXDEV (the file open at olddirfd or behind an fd name is no inode
 * of the tree: a pipe, the console) and sys_link's. POSIX linkat. */
AX_API SyscallResult sys_linkat(int olddirfd, const char *oldpath, int newdirfd,
                                const char *newpath, int flags);

/* sys_symlink with linkpath relative to newdirfd (target is stored as it
 * is). Errors: newdirfd's and sys_symlink's. POSIX symlinkat. */
AX_API SyscallResult sys_symlinkat(const char *target, int newdirfd, const char *linkpath);

/* sys_readlink relative to dirfd. Errors: dirfd's and sys_readlink's.
 * Nothing changes. POSIX readlinkat. */
AX_API SyscallResult sys_readlinkat(int dirfd, const char *path, char *buf, size_t size);

/* sys_access relative to dirfd. flags: AX_AT_EACCESS (judge with the
 * effective uid and gid, as open would, not the real ones),
 * AX_AT_SYMLINK_NOFOLLOW (judge a final symbolic link itself: mode 0777),
 * AX_AT_EMPTY_PATH (path "": the file open at dirfd; an object outside
 * the tree keeps no mode and passes). Errors: AX_EINVAL (mode bits other
 * than AX_R_OK|AX_W_OK|AX_X_OK, then other flag bits), dirfd's,
 * sys_access's. Nothing changes. POSIX faccessat, Linux faccessat2. */
AX_API SyscallResult sys_faccessat(int dirfd, const char *path, int mode, int flags);

/* sys_mknod relative to dirfd. Errors: dirfd's and sys_mknod's. POSIX
 * mknodat (mkfifoat is mode | AX_S_IFIFO). */
AX_API SyscallResult sys_mknodat(int dirfd, const char *path, uint32_t mode, uint64_t dev);

/* Open `path` with AX_O_* `flags`; `mode` gives the permission bits of a
 * file that AX_O_CREAT creates. Returns the lowest free fd. The fd's
 * offset starts at 0 (AX_O_APPEND: every write goes to the end).
 * AX_O_TRUNC empties a regular file, even opened AX_O_RDONLY (Linux); on
 * other files it does nothing.
 * Errors: path errors, AX_EINVAL (bad access mode), AX_ENOENT (missing,
 * and no AX_O_CREAT or missing parent), AX_ENOTDIR (AX_O_DIRECTORY on a
 * file), AX_EEXIST (AX_O_CREAT|AX_O_EXCL on an existing path), AX_EISDIR
 * (a directory opened for writing or with AX_O_TRUNC, or "name/" to be
 * created as a file), AX_EACCES (a program opened for writing or with
 * AX_O_TRUNC; a file created in /dev), AX_ENXIO (/dev/tty without a
 * controlling terminal), AX_ELOOP (AX_O_NOFOLLOW and the last component
 * is a symbolic link; a final link is otherwise followed, and with
 * AX_O_CREAT a dangling one creates its target, except with AX_O_EXCL,
 * where any link there is AX_EEXIST), AX_EINVAL (AX_O_CREAT with AX_O_DIRECTORY would
 * make a file), AX_EMFILE (AX_OPEN_MAX fds open), AX_ENOMEM. On error no
 * fd is allocated and no file is created or truncated. */
AX_API SyscallResult sys_open(const char *path, int flags, uint32_t mode);

/* Read up to n bytes from fd into buf; returns the count, 0 at end of file.
 * Regular files read at the fd's offset and advance it; pipes, the console
 * and timers block while empty (see "Blocking").
 * Errors: AX_EBADF (fd not open, or not open for reading), AX_EFAULT (buf
 * NULL with n > 0), AX_EINVAL (n > SSIZE_MAX), AX_EISDIR (a directory),
 * AX_EAGAIN (would block on an AX_O_NONBLOCK fd), AX_EINTR, AX_EIO (the
 * console, read from the background; see "Console and terminal control"),
 * AX_ENOMEM (a raw-mode console read with VTIME could not arm its timer;
 * nothing was read). */
AX_API SyscallResult sys_read(int fd, void *buf, size_t n);

/* Write n bytes from buf to fd; returns the count written.
 * Regular files write at the fd's offset (or the end with AX_O_APPEND) and
 * grow to any offset lseek reaches; a write past the end leaves a hole
 * that reads as zeros and takes no memory. File data is kept in blocks of
 * 64 KiB (smaller for a file's last bytes), charged to the writer (see
 * "Memory accounting"): when a memory limit or the host refuses a block,
 * the write stops there and returns the bytes that went in, or fails with
 * AX_ENOSPC, having changed nothing, when none did (as a full tmpfs).
 * Errors: AX_EBADF (not open for writing), AX_EFAULT, AX_EINVAL, AX_EPIPE
 * (pipe with no reader; SIGPIPE is raised too), AX_ENOSPC (/dev/full, or
 * no memory for a file's growth), AX_EFBIG (a regular file's offset at
 * INT64_MAX, the largest; a write that would pass it is short), AX_EAGAIN,
 * AX_EINTR. */
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

/* Fill *st for path (stat) or fd (fstat). stat follows symbolic links
 * (and the names for fds) to what they lead to. Errors: path errors,
 * AX_EACCES (search), AX_ELOOP, AX_EFAULT (st NULL), AX_EBADF (fstat).
 * Nothing changes. POSIX stat, fstat. */
AX_API SyscallResult sys_stat(const char *path, FileStat *st);
/* stat, but a symbolic link that path's last component names is
 * described itself (mode AX_S_IFLNK | 0777, size the target's bytes, its
 * own nlink, uid and gid), as are /dev/stdin, /dev/fd/N... A trailing
 * slash still follows the link ("link/" is its directory), as on Linux.
 * Errors: as sys_stat. POSIX lstat (Linux's fstatat with
 * AT_SYMLINK_NOFOLLOW). */
AX_API SyscallResult sys_lstat(const char *path, FileStat *st);
AX_API SyscallResult sys_fstat(int fd, FileStat *st);

/* Create a directory with permission bits `mode`. Errors: path errors,
 * AX_EEXIST, AX_ENOENT (parent missing), AX_EACCES (in /dev). */
AX_API SyscallResult sys_mkdir(const char *path, uint32_t mode);

/* Remove an empty directory. Errors: path errors, AX_ENOTDIR,
 * AX_ENOTEMPTY, AX_EBUSY (the root), AX_EINVAL (last component "."),
 * AX_EACCES (in /dev). */
AX_API SyscallResult sys_rmdir(const char *path);

/* Remove a name. The file lives on while an fd holds it, and is freed at
 * the last close. Errors: path errors, AX_EISDIR (a directory), AX_EACCES
 * (in /dev). */
AX_API SyscallResult sys_unlink(const char *path);

/* Rename oldpath to newpath, replacing a file at newpath (POSIX). A
 * directory may replace an empty directory only.
 * Errors: path errors, AX_EINVAL (a directory into its own subtree),
 * AX_EISDIR (a file over a directory), AX_ENOTDIR (a directory over a
 * file), AX_ENOTEMPTY, AX_EBUSY (the root), AX_EACCES (from or into
 * /dev). Renaming a path to itself succeeds and does nothing. */
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
 * the length without the NUL. Errors: AX_EFAULT (buf NULL), AX_EINVAL
 * (size 0, as POSIX says), AX_ERANGE (too small), AX_ENOENT (the cwd has
 * been removed; ".." still leads out of it). */
AX_API SyscallResult sys_getcwd(char *buf, size_t size);

/* Change the cwd. Errors: path errors, AX_ENOTDIR. */
AX_API SyscallResult sys_chdir(const char *path);

/* Make the directory open at fd the cwd (POSIX fchdir); a directory
 * removed since it was opened may be entered (Linux), and getcwd then
 * says AX_ENOENT. Errors: AX_EBADF (fd not open), AX_ENOTDIR (fd is no
 * directory), AX_EACCES (no search permission on it). Nothing changes
 * on error. */
AX_API SyscallResult sys_fchdir(int fd);

/* AX_F_GETFD / AX_F_SETFD (AX_FD_CLOEXEC), AX_F_GETFL / AX_F_SETFL
 * (access mode and AX_O_APPEND / AX_O_NONBLOCK; only the last two can be
 * changed), AX_F_DUPFD (lowest fd >= arg). Errors: AX_EBADF, AX_EINVAL.
 * AX_F_GETLK / AX_F_SETLK / AX_F_SETLKW take a RecordLock * as arg and
 * are sys_fcntl_lock (that is the call a trace shows). */
AX_API SyscallResult sys_fcntl(int fd, int cmd, int64_t arg);

/* POSIX record locks on the file open at fd, owned by the calling
 * process (POSIX fcntl F_GETLK/F_SETLK/F_SETLKW, Linux semantics).
 * AX_F_SETLK puts lock->l_type on the bytes *lock names: AX_F_RDLCK
 * (shared; fd open for reading), AX_F_WRLCK (exclusive; fd open for
 * writing) or AX_F_UNLCK; what the process already held on those bytes
 * is replaced (a lock may be split), and neighbouring locks of one type
 * merge. It fails with AX_EAGAIN if another process holds a conflicting
 * lock; AX_F_SETLKW waits instead, until the lock can be had or a
 * caught signal ends it (AX_EINTR; restarted with AX_SA_RESTART), and
 * fails with AX_EDEADLK if waiting would close a cycle of processes
 * each waiting for the next (followed as Linux does: the first lock in
 * the way at each step, 10 steps at most). AX_F_GETLK
 * (l_type AX_F_RDLCK or AX_F_WRLCK) asks whether that lock could be
 * had: it sets l_type to AX_F_UNLCK if so, else fills *lock with the
 * first conflicting lock (l_whence AX_SEEK_SET, l_pid its holder).
 * A process's locks on a file all go when it closes ANY fd on that file
 * (POSIX) and when it exits; they are not inherited by spawn. Locks are
 * advisory, per file (every fd and path to it), and never conflict with
 * sys_flock locks.
 * Returns 0. Errors: AX_EBADF (fd not open, or not open for the access
 * the lock type needs), AX_EINVAL (cmd, l_type, l_whence, a start
 * before byte 0), AX_EOVERFLOW (the range passes INT64_MAX),
 * AX_EFAULT (lock NULL), AX_EAGAIN, AX_EDEADLK, AX_EINTR, AX_ENOLCK (no
 * memory). A failed call changes no lock. */
AX_API SyscallResult sys_fcntl_lock(int fd, int cmd, RecordLock *lock);

/* A whole-file advisory lock on the file open at fd, held by the open
 * file description (Linux flock(2)): so fds made by dup or inherited by
 * spawn share it, and it goes when the description's last fd closes.
 * op: AX_LOCK_SH (shared), AX_LOCK_EX (exclusive) or AX_LOCK_UN, with
 * AX_LOCK_NB to fail with AX_EAGAIN rather than wait. A wait ends when
 * the lock can be had, or with AX_EINTR on a caught signal (restarted
 * with AX_SA_RESTART). Changing a held lock's type is not atomic, as on
 * Linux: the old lock goes first, and stays gone when the new one
 * fails with AX_EAGAIN or the wait is interrupted. Unlocking what is
 * not locked succeeds. flock locks never conflict with record locks.
 * Returns 0. Errors: AX_EBADF, AX_EINVAL (op), AX_EAGAIN, AX_EINTR,
 * AX_ENOLCK (no memory). */
AX_API SyscallResult sys_flock(int fd, int op);

/* Set a regular file's size to len bytes: growth is a hole (it reads as
 * zeros and takes no memory, so it cannot run out), a cut frees the data
 * past the new end.
 * Errors: AX_EBADF, AX_EINVAL (negative, or not a regular file open for
 * writing). */
AX_API SyscallResult sys_ftruncate(int fd, int64_t len);

/* Write every change to the file system out to the kernel's backing store
 * (the disk image of `axos --disk`, see kernel_disk_open), in one
 * transaction; without one there is nothing to do. Returns 0. As on Linux,
 * a failure to write is not reported here (fsync reports it). */
AX_API SyscallResult sys_sync(void);

/* As sys_sync, for the file open at fd: returns once the store holds it
 * (axos writes the whole tree's changes in the same transaction, which is
 * what keeps a stored tree consistent).
 * Errors: AX_EBADF (fd not open), AX_EINVAL (fd is not a file or
 * directory: a pipe, the console, a device, a timer), AX_EIO (the backing
 * store could not be written; the store keeps its last committed state). */
AX_API SyscallResult sys_fsync(int fd);

/* futimens: special values of times[i] */
#define AX_UTIME_NOW INT64_MAX        /* the kernel clock now */
#define AX_UTIME_OMIT (INT64_MAX - 1) /* leave this time as it is */

/* Set the access time (times[0]) and modification time (times[1]) of the
 * file or directory open at fd, in ns of the kernel clock (the clock of
 * FileStat's times: negative before boot), or AX_UTIME_NOW / AX_UTIME_OMIT;
 * times NULL sets both to now. The change time becomes now unless both are
 * omitted (POSIX futimens). Objects outside the file system (pipes, the
 * console, timers) keep no times: the call succeeds and changes nothing.
 * Who may, as Linux: explicit times only the file's owner or root;
 * "now" (times NULL, AX_UTIME_NOW) also whoever may write the file.
 * Errors: AX_EBADF (fd not open), AX_EPERM (explicit times, not the
 * owner), AX_EACCES ("now", neither owner nor allowed to write). */
AX_API SyscallResult sys_futimens(int fd, const int64_t times[2]);

/* sys_futimens on the file path names, relative to dirfd (POSIX
 * utimensat). flags: AX_AT_SYMLINK_NOFOLLOW (set a final symbolic
 * link's own times), AX_AT_EMPTY_PATH (path "": the file open at dirfd).
 * path NULL with a dirfd other than AX_AT_FDCWD is sys_futimens(dirfd)
 * (Linux), and then takes no flags. Errors: AX_EINVAL (other flag bits,
 * or any with path NULL), dirfd's, path errors, sys_futimens's. */
AX_API SyscallResult sys_utimensat(int dirfd, const char *path, const int64_t times[2],
                                   int flags);
/* Read up to n bytes from fd at byte offset off, without using or moving
 * the fd's offset (POSIX pread); returns the count, 0 at or past the end.
 * Errors: as sys_read, and AX_ESPIPE (an object without offsets: a pipe,
 * the console, a timer), AX_EINVAL (off negative). */
AX_API SyscallResult sys_pread(int fd, void *buf, size_t n, int64_t off);

/* Write n bytes from buf to fd at byte offset off, without using or moving
 * the fd's offset (POSIX pwrite); a file opened with AX_O_APPEND is still
 * written at its end, as Linux does. Returns the count.
 * Errors: as sys_write, and AX_ESPIPE, AX_EINVAL (off negative). */
AX_API SyscallResult sys_pwrite(int fd, const void *buf, size_t n, int64_t off);

/* Set the size of the regular file at path to len bytes, zero-filling
 * growth (POSIX truncate); the file need not be open.
 * Errors: path errors, AX_EISDIR (a directory), AX_EACCES (a program, or
 * no write permission on the file), AX_EINVAL (len negative, or not a regular file: a device), AX_EFBIG,
 * AX_ENOSPC. On error the file is untouched. */
AX_API SyscallResult sys_truncate(const char *path, int64_t len);

/* access(2) modes */
#define AX_F_OK 0
#define AX_X_OK 1
#define AX_W_OK 2
#define AX_R_OK 4

/* May the caller reach path for mode (AX_F_OK: it exists; or any of
 * AX_R_OK, AX_W_OK, AX_X_OK)? Judged with the caller's REAL uid and gid
 * (POSIX access: what the user behind a set-uid program may do) against
 * the owner, group and mode of path; root may read and write anything and
 * execute what has an execute bit (or search a directory); a program node
 * cannot be opened for writing, so AX_W_OK on one fails as that open
 * would. Returns 0. Errors: path errors, AX_EINVAL (mode has other bits),
 * AX_EACCES. Nothing changes. */
AX_API SyscallResult sys_access(const char *path, int mode);

/* Set the calling process's file mode creation mask to mask & 0777 and
 * return the previous mask (bits above 0777 are ignored, as Linux's
 * umask(2) does). A file that open (AX_O_CREAT) or mknod creates, and a
 * directory that mkdir creates, gets the asked mode & ~mask. The mask is
 * inherited by spawned children and kept across exec; processes that
 * kernel_spawn starts begin with 022. Cannot fail. POSIX umask. */
AX_API SyscallResult sys_umask(uint32_t mask);

/* ======================================================================
 * Users, groups and permissions
 * ======================================================================
 *
 * Each process has a real, an effective and a saved set-user-ID, the same
 * three group ids, and up to AX_NGROUPS_MAX supplementary groups. A
 * child gets its parent's; exec keeps them, except that a program file
 * with AX_S_ISUID makes its owner the effective uid, and one with
 * AX_S_ISGID and group execute makes its group the effective gid; the
 * saved ids then take the effective ones (POSIX). uid 0 is the superuser,
 * which passes every permission check as Linux's root does: it may read,
 * write and search anything and execute a file with at least one execute
 * bit. Processes kernel_spawn starts run as KernelConfig.session says.
 *
 * Every inode has an owner, a group and permission bits (07777). Access
 * is checked as POSIX says: the owner's bits apply to the owner, else the
 * group's to a member of the group (effective or supplementary), else the
 * others'. Path resolution needs search (x) on every directory it passes
 * through; opening needs read and/or write on the file (AX_O_TRUNC needs
 * write); creating, removing or renaming a name needs write and search on
 * its directory, and in a sticky directory (AX_S_ISVTX, as /tmp) only the
 * file's owner, the directory's owner or root may remove or replace a
 * name; exec needs execute. A denial is AX_EACCES. The effective ids are
 * the ones checked (axos has no setfsuid), except by sys_access.
 *
 * The set calls follow POSIX and Linux: root may set any id; others may
 * only move among the real, effective and saved ids they have. An id of
 * AX_ID_NONE ((uint32_t)-1) leaves a field as it is where a call takes
 * several. No call here can fail for want of memory.
 */
#define AX_ID_NONE ((uint32_t)-1)
/* access(2) modes */
#define AX_F_OK 0
#define AX_X_OK 1
#define AX_W_OK 2
#define AX_R_OK 4
#define AX_NGROUPS_MAX 32 /* supplementary groups per process (Linux: 65536) */

/* The real uid, effective uid, real gid, effective gid of the caller.
 * Cannot fail. POSIX getuid, geteuid, getgid, getegid. */
AX_API SyscallResult sys_getuid(void);
AX_API SyscallResult sys_geteuid(void);
AX_API SyscallResult sys_getgid(void);
AX_API SyscallResult sys_getegid(void);

/* Store the real, effective and saved uid (gid) in *r, *e, *s.
 * Errors: AX_EFAULT (a pointer NULL; nothing stored). Linux getresuid. */
AX_API SyscallResult sys_getresuid(uint32_t *r, uint32_t *e, uint32_t *s);
AX_API SyscallResult sys_getresgid(uint32_t *r, uint32_t *e, uint32_t *s);

/* The supplementary groups, in ascending order (as Linux keeps them):
 * size 0 returns their number and stores nothing; otherwise up to size
 * gids go to list and the number is returned. The effective gid is not
 * added (it may or may not be among them, as POSIX allows).
 * Errors: AX_EINVAL (size negative, or smaller than the number of
 * groups), AX_EFAULT (list NULL with size > 0). POSIX getgroups. */
AX_API SyscallResult sys_getgroups(int size, uint32_t *list);

/* Make list[0..size) the supplementary groups (sorted, duplicates kept).
 * Errors: AX_EPERM (the caller is not root), AX_EINVAL (size negative or
 * over AX_NGROUPS_MAX), AX_EFAULT (list NULL with size > 0). On error the
 * groups are unchanged. Linux setgroups. */
AX_API SyscallResult sys_setgroups(int size, const uint32_t *list);

/* setuid: root sets the real, effective and saved uid to uid; anyone else
 * may set the effective uid to its real or saved uid. setgid likewise for
 * gids (root: effective uid 0).
 * Errors: AX_EINVAL (uid is AX_ID_NONE), AX_EPERM. POSIX setuid, setgid. */
AX_API SyscallResult sys_setuid(uint32_t uid);
AX_API SyscallResult sys_setgid(uint32_t gid);

/* Set the effective uid (gid) only: root to anything, others to their
 * real, effective or saved id. Errors: AX_EINVAL (AX_ID_NONE), AX_EPERM.
 * POSIX seteuid, setegid (as glibc: setresuid(-1, id, -1)). */
AX_API SyscallResult sys_seteuid(uint32_t euid);
AX_API SyscallResult sys_setegid(uint32_t egid);

/* Set the real and effective uid (gid); AX_ID_NONE leaves one. Others
 * than root may set the real id to the real or effective one, the
 * effective to the real, effective or saved one. The saved id becomes the
 * new effective id when the real id is set or the effective id is set to
 * something else than the old real id (Linux).
 * Errors: AX_EPERM (nothing changes). POSIX setreuid, setregid. */
AX_API SyscallResult sys_setreuid(uint32_t ruid, uint32_t euid);
AX_API SyscallResult sys_setregid(uint32_t rgid, uint32_t egid);

/* Set the real, effective and saved uid (gid); AX_ID_NONE leaves one.
 * Others than root may only set each to one of the three they have.
 * Errors: AX_EPERM (nothing changes). Linux setresuid, setresgid. */
AX_API SyscallResult sys_setresuid(uint32_t ruid, uint32_t euid, uint32_t suid);
AX_API SyscallResult sys_setresgid(uint32_t rgid, uint32_t egid, uint32_t sgid);

/* Set the permission bits (mode & 07777; the file type bits are ignored)
 * of the file at path (chmod: a symbolic link is followed) or open at fd.
 * Only the owner or root may; an owner outside the file's group who asks
 * for AX_S_ISGID does not get it (Linux). The change time becomes now.
 * Errors: path errors and AX_EACCES (search), AX_EPERM (not the owner),
 * AX_EBADF (fchmod: fd not open). An object outside the file system (a
 * pipe, the console, a timer) takes fchmod as Linux's anonymous inodes
 * do: it succeeds and changes nothing that lasts. POSIX chmod, fchmod. */
AX_API SyscallResult sys_chmod(const char *path, uint32_t mode);
AX_API SyscallResult sys_fchmod(int fd, uint32_t mode);

/* Set the owner and group of the file at path (chown follows a symbolic
 * link, lchown changes the link itself) or open at fd; AX_ID_NONE leaves
 * one as it is. Root may set any; the owner may set the group to one it
 * belongs to (effective or supplementary) and "set" the owner to itself.
 * A regular file (anything but a directory) loses AX_S_ISUID, and
 * AX_S_ISGID when group execute is set, even when root changes it or the
 * ids stay the same (Linux). The change time becomes now.
 * Errors: path errors and AX_EACCES (search), AX_EPERM, AX_EBADF.
 * POSIX chown, fchown, lchown. */
AX_API SyscallResult sys_chown(const char *path, uint32_t uid, uint32_t gid);
AX_API SyscallResult sys_fchown(int fd, uint32_t uid, uint32_t gid);
AX_API SyscallResult sys_lchown(const char *path, uint32_t uid, uint32_t gid);

/* sys_chmod relative to dirfd (POSIX fchmodat, Linux fchmodat2). flags:
 * AX_AT_SYMLINK_NOFOLLOW (a final link is not followed: a link has no
 * mode to change, so naming one gives AX_EOPNOTSUPP, as Linux and glibc
 * answer, before any permission check), AX_AT_EMPTY_PATH (path "": the
 * file open at dirfd, as sys_fchmod). Errors: AX_EINVAL (other flag
 * bits), dirfd's, AX_EOPNOTSUPP, sys_chmod's. */
AX_API SyscallResult sys_fchmodat(int dirfd, const char *path, uint32_t mode, int flags);

/* sys_chown relative to dirfd; AX_AT_SYMLINK_NOFOLLOW makes it
 * sys_lchown, AX_AT_EMPTY_PATH (path "") sys_fchown on dirfd. Errors:
 * AX_EINVAL (other flag bits), dirfd's, sys_chown's. POSIX fchownat. */
AX_API SyscallResult sys_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid,
                                  int flags);

/* ======================================================================
 * Processes
 * ====================================================================== */

/* A program: an ordinary C main. Returning from it is sys_exit(value). */
typedef int (*ProgramMain)(int argc, char **argv);

/*
 * Programs built outside the kernel (kernel_load_program): a shared object
 * linked with the POSIX layer (libaxos_posix.a, through axos-cc or CMake's
 * axos_add_program) carries one exported data symbol, `axos_program_stamp`,
 * of this type. The loader checks its magic, ABI and version, then fills
 * `imports` in each copy of the program it loads: the image reaches the
 * kernel only through these pointers, never through symbols of the host
 * executable. See docs/posix.md.
 */
#define AX_PROGRAM_MAGIC 0x474f5250534f5841ULL /* "AXOSPROG" in memory order */
#define AX_PROGRAM_ABI 1 /* bumped whenever ProgramStamp or a call's meaning changes */

typedef struct ProgramImports {
    SyscallResult (*dispatch)(SyscallNo no, const SyscallArgs *args);
    void **(*tls)(void);
    void (*set_exit_hook)(void (*fn)(void));
    const char *(*strerror)(SyscallError err);
    const char *(*errname)(SyscallError err);
    const char *(*name)(SyscallNo no);
    const char *(*signame)(int sig);
    int (*sigbyname)(const char *name);
} ProgramImports;

typedef struct ProgramStamp {
    uint64_t magic;         /* AX_PROGRAM_MAGIC */
    uint32_t abi;           /* AX_PROGRAM_ABI of the layer it was built with */
    uint32_t size;          /* sizeof(ProgramStamp) there */
    uint32_t version_major; /* AX_VERSION_MAJOR / _MINOR of that layer */
    uint32_t version_minor;
    ProgramMain start;      /* the layer's entry: sets the process up, runs
                               main, and exits with its value */
    ProgramImports imports; /* filled by the loader */
} ProgramStamp;

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
 * strings; NULL inherits the caller's environment). The child gets a copy
 * of the caller's fd table, its cwd, its signal mask and its ignored
 * signals (caught ones reset to default); then attr (may be NULL) applies:
 * its file actions run in order on the child's table, and only after them
 * are the close-on-exec fds closed, as posix_spawn does (so a DUP2 may
 * take a close-on-exec fd, such as a pipe2(AX_O_CLOEXEC) end, as its
 * source; an OPEN with AX_O_CLOEXEC opens an fd that is closed again). A
 * CLOSE of an fd that is not open is no error (POSIX.1-2024). The child
 * first runs when the caller blocks or yields. Returns the child's pid.
 * Errors: AX_EFAULT (path or argv NULL), AX_ENOENT, AX_ENOTDIR, path errors,
 * AX_EACCES (not a program), AX_EBADF (a file action names an fd outside
 * 0..AX_OPEN_MAX-1, or DUP2 a source that is not open), AX_EINVAL (bad
 * action kind or pgroup), AX_E2BIG (args over 128 KiB), AX_ENOMEM. A file
 * action's open that fails makes the whole spawn fail with its error, as
 * posix_spawn does. On error no process is created, and files the actions
 * created are removed again; an existing file that an OPEN with
 * AX_O_TRUNC emptied stays empty, as on Linux (where the child did it). */
AX_API SyscallResult sys_spawn(const char *path, char *const argv[], char *const envp[],
                               const SpawnAttr *attr);

/* Replace the caller's program with the one at path: pid, fds (minus
 * close-on-exec ones), cwd, process group and signal mask stay; caught
 * signals reset to default. Does not return on success.
 * Errors: as sys_spawn; on error the caller goes on unchanged. */
AX_API SyscallResult sys_exec(const char *path, char *const argv[], char *const envp[]);

/* vfork(2) for a program that cannot fork: create a child that runs on
 * the caller's own stack and in its memory until it calls sys_exec
 * successfully or ends (sys_exit, or a signal's default action). The call
 * returns once, in the child, with value 0. The child is a new process
 * (pid, parent = the caller) with copies of the caller's fds (close-on-exec
 * ones too, until it execs), cwd, umask, environment, signal mask and
 * dispositions (caught ones stay caught: the handlers are in the memory it
 * shares); its own memory regions and process heap start empty.
 * The caller is suspended meanwhile: signals sent to it, SIGKILL included,
 * stay pending. When the child stops borrowing, the caller resumes by
 * calling resume(child pid) on its own stack, below the child's last
 * frame; resume must not return (the POSIX layer longjmps back to where
 * the program called vfork; one that returns ends the caller with
 * SIGSEGV). As with vfork(2), the child may do little before exec or
 * _exit: what it writes to the caller's memory stays written.
 * Errors: AX_EFAULT (resume NULL), AX_ENOMEM (the child cannot be made;
 * nothing is created and the caller goes on). */
AX_API SyscallResult sys_vfork(void (*resume)(int pid));

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
 * While the caller's SIGCHLD is AX_SIG_IGN or has AX_SA_NOCLDWAIT, its
 * children leave no zombie: they are freed as they exit, and a waitpid
 * that waits for them blocks until none is left, then fails with
 * AX_ECHILD (POSIX). Stops are still reported.
 * Errors: AX_EINVAL (unknown option bits), AX_ESRCH (pid INT_MIN, as
 * Linux), AX_ECHILD (no child matches), AX_EINTR. */
AX_API SyscallResult sys_waitpid(int pid, int *status, int options);

/* Resource usage (sys_getrusage, sys_wait4), the kernel's side of Linux's
 * struct rusage: the fields Linux fills that mean something in axos. CPU
 * time is charged under AX_CLOCK_HOST from the host clock: user time is
 * the time in the program's own code, system time the time inside its
 * syscalls (and switches); under AX_CLOCK_VIRTUAL both stay 0, as running
 * takes no virtual time, so runs stay deterministic. The other fields are
 * deterministic under both clocks. */
typedef struct ResourceUsage {
    uint64_t utime_ns;    /* user CPU time, ns */
    uint64_t stime_ns;    /* system CPU time, ns */
    uint64_t maxrss;      /* peak memory charged to the process (MemStats.peak:
                             heap, regions, stack, its pipes and file blocks),
                             bytes; for children the largest child's, as Linux */
    uint64_t nvcsw;       /* voluntary switches: the task blocked or stopped */
    uint64_t nivcsw;      /* involuntary ones: it was still runnable (yield,
                             the host clock's turn every 1024 calls) */
} ResourceUsage;

/* sys_getrusage's who: Linux values */
#define AX_RUSAGE_SELF 0
#define AX_RUSAGE_CHILDREN (-1) /* the children waited for, theirs included */
#define AX_RUSAGE_THREAD 1      /* a process is one task: the same as SELF */

/* The usage of the caller (AX_RUSAGE_SELF, AX_RUSAGE_THREAD: up to this
 * call) or of its terminated children that it waited for, each counted
 * with the children it waited for in turn (AX_RUSAGE_CHILDREN: a child
 * freed unwaited because SIGCHLD is ignored adds nothing, as Linux since
 * 2.6.9). POSIX getrusage, Linux getrusage(2).
 * Errors: AX_EINVAL (unknown who; checked first, as Linux), AX_EFAULT
 * (out NULL). A failed call writes nothing. */
AX_API SyscallResult sys_getrusage(int who, ResourceUsage *out);

/* sys_waitpid that also fills *ru (may be NULL) with the usage of the
 * child it reports (its own plus that of the children it waited for, as
 * Linux's wait4): for an exited child its final figures, which are then
 * added to the caller's AX_RUSAGE_CHILDREN; for a stopped or continued
 * one, its figures so far. *ru is written only when a child is reported
 * (not on 0 from AX_WNOHANG, not on an error). Errors: as sys_waitpid. */
AX_API SyscallResult sys_wait4(int pid, int *status, int options, ResourceUsage *ru);

/* sys_times: the caller's CPU times and its waited-for children's, ns
 * (POSIX times() gives them in clock ticks: divide by 1e9 / AX_CLK_TCK) */
typedef struct ProcTimes {
    uint64_t utime_ns, stime_ns;   /* the caller's (ResourceUsage's) */
    uint64_t cutime_ns, cstime_ns; /* AX_RUSAGE_CHILDREN's */
} ProcTimes;
/* Linux's USER_HZ: the clock tick of times() and /proc's time fields */
#define AX_CLK_TCK 100

/* Fill *out (may be NULL, as Linux allows) and return the kernel clock,
 * ns since boot (AX_CLOCK_MONOTONIC): POSIX times() measures elapsed time
 * from it. Cannot fail. */
AX_API SyscallResult sys_times(ProcTimes *out);

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
#define AX_CLOCK_PROCESS_CPUTIME_ID 2 /* the caller's CPU time, user + system (ResourceUsage) */
#define AX_CLOCK_THREAD_CPUTIME_ID 3  /* the same: a process is one task */
/* axos's own: AX_CLOCK_REALTIME at boot, ns since 1970, which never
 * changes. REALTIME = BOOT_REALTIME + MONOTONIC exactly, so adding it to a
 * kernel-clock stamp (FileStat's times) gives wall time without the error
 * two separate reads of the moving clocks would make. */
#define AX_CLOCK_BOOT_REALTIME 64

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
    uint64_t cpu_ns;   /* CPU time, ns: its ResourceUsage's utime_ns +
                          stime_ns, the run under way included (kept by
                          zombies, across exec); under AX_CLOCK_VIRTUAL
                          always 0, as running takes no virtual time */
    uint64_t mem_bytes; /* MemStats.allocated (0 once it has exited) */
    char name[64];     /* argv[0], cut to fit */
    char cmdline[192]; /* argv joined by spaces, cut to fit */
    uint32_t uid, euid; /* real and effective uid */
    uint32_t gid, egid; /* real and effective gid */
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
/* Resize a block (ptr NULL: allocate) to size bytes, keeping the first
 * min(old, size) bytes; growth reads as zero. Returns the new address,
 * which may be the old one: the host grows big blocks in place when it
 * can, so growing a large buffer does not copy it each time. On error the
 * old block is untouched. Errors: as alloc and free. */
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
 * no read end open fails with AX_EPIPE and raises SIGPIPE, except one of
 * 0 bytes, which returns 0 (Linux).
 * Errors: AX_EFAULT, AX_EINVAL (other flags), AX_EMFILE (fewer than two free
 * fds; nothing is allocated). */
AX_API SyscallResult sys_pipe(int fds[2]);
AX_API SyscallResult sys_pipe2(int fds[2], int flags);

/*
 * FIFOs (named pipes). A FIFO is a name in the filesystem (`ls -l` shows
 * `p`) for a pipe that exists while somebody has it open: open(2) of it
 * gives an fd onto that pipe, with pipe semantics for read, write, EOF,
 * EPIPE and SIGPIPE; what is still in it when the last fd closes is
 * discarded. Opens follow Linux's rules:
 *   - AX_O_RDONLY waits until a writer has opened it (if none is open);
 *     with AX_O_NONBLOCK it succeeds at once (reads then return 0 while
 *     there is no writer, and poll shows no POLLHUP before a writer came);
 *   - AX_O_WRONLY waits until a reader has opened it; with AX_O_NONBLOCK
 *     and no reader it fails with AX_ENXIO;
 *   - AX_O_RDWR never waits.
 * An open waiting at one end counts already: the other end's opens go
 * through at once. The wait ends with AX_EINTR when a caught signal comes
 * (under AX_SA_RESTART the open starts over, as on Linux). A process
 * killed while it waits leaves nothing behind. sys_spawn's AX_SPAWN_OPEN
 * actions wait the same way, in the caller (posix_spawn waits too).
 * stat and fstat show AX_S_IFIFO, size 0; lseek fails with AX_ESPIPE.
 */

/* Make a node at path: mode's file type (mode & AX_S_IFMT) is AX_S_IFIFO
 * (a FIFO), AX_S_IFSOCK (a socket name nobody listens on: connect to it
 * gives AX_ECONNREFUSED), AX_S_IFREG or 0 (an empty regular file); its
 * permission bits are mode & 07777. dev is ignored (no device nodes).
 * Errors: path errors, AX_EEXIST (path exists, "/" "." ".." included),
 * AX_EPERM (AX_S_IFCHR, block devices and directories: axos makes no
 * device nodes; use mkdir for directories), AX_EINVAL (another file
 * type), AX_EACCES (in /dev), AX_ENOMEM. Nothing is made on error. POSIX
 * mknod, Linux semantics. */
AX_API SyscallResult sys_mknod(const char *path, uint32_t mode, uint64_t dev);

/* sys_mknod(path, mode | AX_S_IFIFO, 0), as POSIX mkfifo. */
AX_API SyscallResult sys_mkfifo(const char *path, uint32_t mode);

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
 * now. Expiries are counted, not queued: however short the interval and
 * however far the clock moves while nobody waits on the timer (and its
 * SIGALRM, if any, would change nothing), passing them costs O(1), and the
 * next read returns them all, as Linux's timerfd counts overruns. With
 * AX_TIMER_SIGALRM, SIGALRM is raised once per firing; like any standard
 * signal it does not queue.
 * Errors: AX_EINVAL (interval 0, unknown flags), AX_EMFILE, AX_ENOMEM. */
AX_API SyscallResult sys_timer_interval(uint64_t interval_ns, int flags);

/* Disarm the timer at fd (the fd stays open); returns 1 if it was still
 * pending (a one-shot that had not fired, or any interval timer), else 0.
 * Errors: AX_EBADF (not an open timer fd). */
AX_API SyscallResult sys_timer_cancel(int fd);

/* ======================================================================
 * Readiness: poll, select, epoll
 * ======================================================================
 *
 * Every kind of fd answers "what could I do now without blocking" (Linux's
 * poll file operation):
 *   - regular files, directories, program nodes, /dev/null, /dev/zero,
 *     /dev/full: always readable and writable (POLLIN|POLLOUT|POLLRDNORM|
 *     POLLWRNORM, what Linux gives files without a poll operation); epoll
 *     refuses them with AX_EPERM, as Linux does;
 *   - /dev/random, /dev/urandom: always readable and writable;
 *   - pipe and FIFO read ends: POLLIN while bytes are queued, POLLHUP once
 *     every write end is closed (a FIFO opened O_NONBLOCK without ever
 *     seeing a writer: no POLLHUP, as Linux); write ends: POLLOUT while at
 *     least AX_PIPE_BUF bytes are free, POLLERR once every read end is
 *     closed;
 *   - the console: POLLIN once a read would not block: in canonical mode a
 *     finished line (or end of input), in raw mode one byte (VMIN bytes
 *     when VTIME is 0, as Linux's n_tty); always POLLOUT;
 *   - timer fds: POLLIN once the timer has fired (a read would return);
 *   - window fds: POLLIN while events are queued; always POLLOUT;
 *   - sockets, epoll fds: see their sections.
 * POLLERR and POLLHUP are reported whether asked for or not.
 *
 * A poll, select or epoll_wait that has nothing to report parks once on
 * every wait queue of every fd it watches, is woken by the first change,
 * and looks again. A caught signal ends the wait with AX_EINTR whatever
 * AX_SA_RESTART says (Linux never restarts these calls); a timeout ends it
 * with 0. Timeouts are kernel time: under AX_CLOCK_VIRTUAL the clock jumps
 * to them once every task waits.
 */

/* poll events (PollFd.events, .revents) and epoll events: Linux values */
#define AX_POLLIN 0x001     /* data (or end of file, or a connection) to read */
#define AX_POLLPRI 0x002    /* urgent data: no axos object has any */
#define AX_POLLOUT 0x004    /* a write would not block */
#define AX_POLLERR 0x008    /* an error condition (always reported) */
#define AX_POLLHUP 0x010    /* the other side hung up (always reported) */
#define AX_POLLNVAL 0x020   /* poll: the fd is not open */
#define AX_POLLRDNORM 0x040 /* as POLLIN */
#define AX_POLLRDBAND 0x080
#define AX_POLLWRNORM 0x100 /* as POLLOUT */
#define AX_POLLWRBAND 0x200
#define AX_POLLMSG 0x400
#define AX_POLLRDHUP 0x2000 /* a stream socket's peer shut down its writing */

typedef struct PollFd {
    int fd;          /* negative: ignored (revents 0) */
    int16_t events;  /* AX_POLL* asked for */
    int16_t revents; /* AX_POLL* that hold, set by the call */
} PollFd;

/* Wait until one of nfds fds in fds[] is ready for what its events ask,
 * for at most timeout_ms milliseconds (negative: no limit; 0: look and
 * return at once). Sets every entry's revents and returns how many
 * entries have non-zero revents (0: the timeout passed). A closed fd gets
 * AX_POLLNVAL; a negative fd is skipped. The same fd may appear twice.
 * Errors: AX_EFAULT (fds NULL with nfds > 0), AX_EINVAL (nfds over
 * AX_OPEN_MAX), AX_EINTR (a caught signal came first; revents are all 0;
 * never restarted), AX_ENOMEM (no memory to park on that many queues).
 * On an error other than AX_EINTR fds[] is untouched. POSIX poll, Linux
 * semantics. */
AX_API SyscallResult sys_poll(PollFd *fds, size_t nfds, int timeout_ms);

/* poll with a nanosecond timeout (*timeout_ns; NULL: no limit) and, when
 * mask is not NULL, *mask as the blocked set for the duration of the call:
 * a signal it lets through interrupts the wait and its handler runs under
 * it before the caller's own mask comes back, atomically as Linux's ppoll.
 * Errors: as sys_poll, and AX_EINVAL (*timeout_ns negative). */
AX_API SyscallResult sys_ppoll(PollFd *fds, size_t nfds, const int64_t *timeout_ns,
                               const SigSet *mask);

/* select's fd sets: AX_FD_SETSIZE bits, bit fd % 64 of word fd / 64. */
#define AX_FD_SETSIZE 1024
typedef struct FdSet {
    uint64_t bits[AX_FD_SETSIZE / 64];
} FdSet;
#define AX_FD_ZERO(s) ((void)__builtin_memset((s), 0, sizeof(FdSet)))
#define AX_FD_SET(fd, s) ((s)->bits[(unsigned)(fd) / 64] |= (uint64_t)1 << ((unsigned)(fd) % 64))
#define AX_FD_CLR(fd, s) ((s)->bits[(unsigned)(fd) / 64] &= ~((uint64_t)1 << ((unsigned)(fd) % 64)))
#define AX_FD_ISSET(fd, s) (((s)->bits[(unsigned)(fd) / 64] >> ((unsigned)(fd) % 64)) & 1)

/* Wait until one of the fds below nfds set in readfds is readable (or at
 * end of file, or hung up, or in error), one in writefds writable (or in
 * error), or one in exceptfds has urgent data; any set may be NULL. On
 * return each set holds only the fds that are ready, and the value is the
 * total of bits set (0: the timeout passed; the sets are then empty).
 * *timeout_ns (NULL: no limit; 0: look and return) is updated with the
 * time left, as Linux's select does.
 * Errors: AX_EINVAL (nfds negative, *timeout_ns negative), AX_EBADF (a
 * set names an fd that is not open), AX_EINTR (a caught signal came
 * first; never restarted), AX_ENOMEM. nfds above AX_FD_SETSIZE is taken
 * as AX_FD_SETSIZE. On error the sets are untouched (AX_EINTR included;
 * the time left is still stored). POSIX select, Linux semantics. */
AX_API SyscallResult sys_select(int nfds, FdSet *readfds, FdSet *writefds, FdSet *exceptfds,
                                int64_t *timeout_ns);

/* select with a timeout that is not updated and, when mask is not NULL,
 * *mask as the blocked set for the duration of the call (see sys_ppoll).
 * Errors: as sys_select. POSIX pselect. */
AX_API SyscallResult sys_pselect(int nfds, FdSet *readfds, FdSet *writefds, FdSet *exceptfds,
                                 const int64_t *timeout_ns, const SigSet *mask);

/* epoll: Linux values */
#define AX_EPOLLIN AX_POLLIN
#define AX_EPOLLPRI AX_POLLPRI
#define AX_EPOLLOUT AX_POLLOUT
#define AX_EPOLLERR AX_POLLERR
#define AX_EPOLLHUP AX_POLLHUP
#define AX_EPOLLRDNORM AX_POLLRDNORM
#define AX_EPOLLRDBAND AX_POLLRDBAND
#define AX_EPOLLWRNORM AX_POLLWRNORM
#define AX_EPOLLWRBAND AX_POLLWRBAND
#define AX_EPOLLMSG AX_POLLMSG
#define AX_EPOLLRDHUP AX_POLLRDHUP
#define AX_EPOLLEXCLUSIVE (1u << 28) /* accepted on ADD; axos wakes every waiter */
#define AX_EPOLLWAKEUP (1u << 29)    /* accepted and ignored (no suspend) */
#define AX_EPOLLONESHOT (1u << 30)   /* report once, then disabled until MOD */
#define AX_EPOLLET (1u << 31)        /* edge-triggered */
#define AX_EPOLL_CLOEXEC AX_O_CLOEXEC
#define AX_EPOLL_CTL_ADD 1
#define AX_EPOLL_CTL_DEL 2
#define AX_EPOLL_CTL_MOD 3
#define AX_EPOLL_MAX_EVENTS (INT32_MAX / (int)sizeof(EpollEvent))

typedef struct EpollEvent {
    uint32_t events; /* AX_EPOLL* */
    uint64_t data;   /* the caller's, handed back with each event */
} EpollEvent;

/*
 * An epoll fd holds a set of watched (fd, open file) pairs and a ready
 * list, as on Linux. A watch is on the open file the fd referred to when
 * added: it lasts until EPOLL_CTL_DEL, or until the last fd referring to
 * that open file is closed anywhere (closing one of several dup'd fds
 * does not end it), or the epoll fd's last reference goes. A watch does
 * not keep its file open. Level-triggered (the default): epoll_wait
 * reports a watch for as long as its condition holds. AX_EPOLLET: only
 * after a wake-up of the file since the last report (new data, space,
 * a hang-up), even if the condition held before. AX_EPOLLONESHOT: after
 * one report the watch stays but reports nothing until EPOLL_CTL_MOD
 * arms it again. Reports come in the order the files became ready. An
 * epoll fd is itself pollable: POLLIN while one of its watches would be
 * reported; epoll fds may watch each other up to 5 deep, without loops.
 */

/* A new epoll fd (the lowest free), flags AX_EPOLL_CLOEXEC or 0.
 * Errors: AX_EINVAL (other flags), AX_EMFILE, AX_ENOMEM. Linux
 * epoll_create1. */
AX_API SyscallResult sys_epoll_create1(int flags);

/* Change the watch set of epfd: AX_EPOLL_CTL_ADD watches fd for
 * event->events (AX_EPOLLIN... plus AX_EPOLLET, AX_EPOLLONESHOT;
 * AX_EPOLLERR and AX_EPOLLHUP are always watched) with event->data;
 * AX_EPOLL_CTL_MOD replaces them (and re-arms a one-shot watch);
 * AX_EPOLL_CTL_DEL removes the watch (event may be NULL). Returns 0.
 * Errors: AX_EBADF (epfd or fd not open), AX_EINVAL (epfd not an epoll
 * fd, fd == epfd, unknown op, AX_EPOLLEXCLUSIVE with MOD or on an epoll
 * fd), AX_EFAULT (event NULL for ADD or MOD), AX_EEXIST (ADD of a watched
 * fd), AX_ENOENT (MOD or DEL of an unwatched fd), AX_EPERM (fd does not
 * support poll: regular files, directories, /dev/null...), AX_ELOOP
 * (epoll fds would watch each other in a loop or more than 5 deep),
 * AX_ENOMEM. On error the set is unchanged. Linux epoll_ctl. */
AX_API SyscallResult sys_epoll_ctl(int epfd, int op, int fd, EpollEvent *event);

/* Wait for events on epfd: store up to maxevents ready watches in
 * events[] (their AX_EPOLL* that hold, masked by what each watches, and
 * their data) and return how many, waiting up to timeout_ms milliseconds
 * (negative: no limit; 0: return at once). 0: the timeout passed.
 * Errors: AX_EBADF (epfd not open), AX_EINVAL (epfd not an epoll fd,
 * maxevents < 1 or > AX_EPOLL_MAX_EVENTS), AX_EFAULT (events NULL),
 * AX_EINTR (a caught signal came first; never restarted). Linux
 * epoll_wait. */
AX_API SyscallResult sys_epoll_wait(int epfd, EpollEvent *events, int maxevents, int timeout_ms);

/* epoll_wait with *mask (when not NULL) as the blocked set for the
 * duration of the call (see sys_ppoll). Errors: as sys_epoll_wait.
 * Linux epoll_pwait. */
AX_API SyscallResult sys_epoll_pwait(int epfd, EpollEvent *events, int maxevents, int timeout_ms,
                                     const SigSet *mask);

/* ======================================================================
 * UNIX domain sockets
 * ======================================================================
 *
 * AF_UNIX sockets as Linux has them (af_unix): SOCK_STREAM (a byte
 * stream, connections), SOCK_SEQPACKET (connections that keep message
 * boundaries) and SOCK_DGRAM (datagrams, by name or to a connected peer).
 *
 * Names. A socket is named by bind: a path (a socket inode in the
 * filesystem, `ls -l` shows `s`, mode 0777; it stays after the socket
 * closes, when connecting to it gives AX_ECONNREFUSED; unlink removes it)
 * or an abstract name (sun_path[0] == 0: the name is every byte of
 * addrlen after the family, NULs included; it goes with the socket;
 * abstract names are per socket type, as Linux hashes the type in, so a
 * connect finds only a socket of its own type and otherwise gets
 * AX_ECONNREFUSED, where a path of another type gives AX_EPROTOTYPE).
 * bind with addrlen 2 (the family alone), or sending with SO_PASSCRED
 * while unbound, picks an abstract name of 5 hex digits ("autobind").
 * A name that is taken gives AX_EADDRINUSE.
 *
 * Connections. listen(backlog) lets backlog + 1 connections wait for
 * accept; a connect that finds room is established at once (the peer
 * may write before it is accepted); one that finds the queue full waits
 * for room, or fails with AX_EAGAIN when non-blocking (Linux answers
 * EAGAIN, never EINPROGRESS, for AF_UNIX). Nobody listening on the name:
 * AX_ECONNREFUSED. When one end closes, the other reads what is left and
 * then end of file; a write to it fails with AX_EPIPE and raises SIGPIPE
 * (unless MSG_NOSIGNAL). If the closing end left data unread, or a
 * listener closes with connections not accepted, the other end's next
 * read fails once with AX_ECONNRESET.
 *
 * Buffers. Each socket may have SO_SNDBUF bytes (default 212992; set
 * values are doubled and kept within 4608..425984, as on Linux) of what
 * it sent waiting in queues; each message costs its length plus 767
 * bytes, as a Linux skb does. A writer past that waits (AX_EAGAIN when
 * non-blocking). A datagram socket's queue holds 10 datagrams from
 * senders it is not connected back to (net.unix.max_dgram_qlen). Queued
 * bytes are charged to the process that made the sending socket (its
 * limit, MemStats.sock_bytes, even after it exits, as a memory cgroup
 * keeps a charge) and to the system (KernelConfig.mem_limit): a send that
 * would pass either limit fails with AX_ENOBUFS.
 *
 * Readiness (poll, epoll): POLLIN when data, a connection to accept or
 * end of file is there; POLLOUT while under SO_SNDBUF / 4 is in flight
 * (never for a listener); POLLRDHUP and POLLIN once the peer shut down
 * its writing; POLLHUP when both directions are shut (or a stream socket
 * is not connected); POLLERR with a pending error.
 *
 * Passing fds (SCM_RIGHTS): each fd sent takes a reference to its open
 * file, which the receiver gets as a new fd (the lowest free; close-on-
 * exec with MSG_CMSG_CLOEXEC). fds that do not fit the receiver's control
 * buffer or fd table are closed and MSG_CTRUNC is set. fds in messages
 * never received are closed when their socket closes, and sockets that
 * only such messages still hold, in cycles or not, are found and freed
 * at the next close (Linux's garbage collector). Credentials
 * (SCM_CREDENTIALS, UCred): a sender may send its own; a receiver with
 * SO_PASSCRED gets the sender's with every message. axos has no users
 * yet: uid and gid are 0.
 *
 * A process killed in any socket call leaves nothing behind.
 */

#define AX_AF_UNSPEC 0
#define AX_AF_UNIX 1
#define AX_AF_LOCAL AX_AF_UNIX
#define AX_PF_UNIX AX_AF_UNIX
#define AX_AF_INET 2
#define AX_AF_INET6 10

#define AX_SOCK_STREAM 1
#define AX_SOCK_DGRAM 2
#define AX_SOCK_RAW 3        /* taken as SOCK_DGRAM, as Linux's AF_UNIX does */
#define AX_SOCK_SEQPACKET 5
#define AX_SOCK_NONBLOCK AX_O_NONBLOCK
#define AX_SOCK_CLOEXEC AX_O_CLOEXEC

#define AX_SOMAXCONN 4096    /* listen's backlog is capped here */

/* send/recv flags: Linux values */
#define AX_MSG_OOB 0x1       /* AX_EOPNOTSUPP: AF_UNIX has no urgent data here */
#define AX_MSG_PEEK 0x2
#define AX_MSG_CTRUNC 0x8    /* recvmsg msg_flags: control data cut */
#define AX_MSG_TRUNC 0x20    /* recv: a datagram longer than the buffer; its full length is returned */
#define AX_MSG_DONTWAIT 0x40
#define AX_MSG_EOR 0x80      /* accepted and ignored (seqpacket records end at each send) */
#define AX_MSG_WAITALL 0x100 /* stream: wait for the whole length */
#define AX_MSG_NOSIGNAL 0x4000
#define AX_MSG_CMSG_CLOEXEC 0x40000000

#define AX_SHUT_RD 0
#define AX_SHUT_WR 1
#define AX_SHUT_RDWR 2

/* socket options: level AX_SOL_SOCKET only; Linux values */
#define AX_SOL_SOCKET 1
#define AX_SO_REUSEADDR 2    /* int, kept; no effect on AF_UNIX (as on Linux) */
#define AX_SO_TYPE 3         /* int, read only */
#define AX_SO_ERROR 4        /* int, read only: the pending error, cleared */
#define AX_SO_SNDBUF 7       /* int: bytes; set values are doubled */
#define AX_SO_RCVBUF 8       /* int: kept and reported (datagram queues count messages) */
#define AX_SO_KEEPALIVE 9    /* int, kept; no effect on AF_UNIX (as on Linux) */
#define AX_SO_PASSCRED 16    /* int: receive SCM_CREDENTIALS with every message */
#define AX_SO_PEERCRED 17    /* UCred, read only: the peer's at connect time;
                                {0, -1, -1} without one */
#define AX_SO_RCVTIMEO 20    /* int64_t ns (0: none): a blocked receive ends with AX_EAGAIN */
#define AX_SO_SNDTIMEO 21    /* int64_t ns: the same for sends, connect and accept */
#define AX_SO_PROTOCOL 38    /* int, read only: 0 */
#define AX_SO_DOMAIN 39      /* int, read only: AX_AF_UNIX */
#define AX_SO_ACCEPTCONN 30  /* int, read only: 1 while listening */

/* control message types (CmsgHdr.type at level AX_SOL_SOCKET) */
#define AX_SCM_RIGHTS 1      /* int fds[] */
#define AX_SCM_CREDENTIALS 2 /* UCred */
#define AX_SCM_MAX_FD 253    /* fds in one message */

/* A UNIX socket address: Linux's struct sockaddr_un, byte for byte. */
typedef struct SockAddrUn {
    uint16_t sun_family; /* AX_AF_UNIX */
    char sun_path[108];  /* a path (NUL-terminated unless it fills the
                            array), or NUL and an abstract name */
} SockAddrUn;

typedef struct UCred {
    int32_t pid;
    uint32_t uid, gid;
} UCred;

/* iovec, msghdr and cmsghdr: Linux's layouts on a 64-bit host. */
typedef struct IoVec {
    void *base;
    size_t len;
} IoVec;

typedef struct MsgHdr {
    void *name;          /* a SockAddrUn, or NULL */
    uint32_t namelen;    /* in: its size; out (recvmsg): the sender's name's length */
    IoVec *iov;
    size_t iovlen;       /* at most 1024 (Linux's UIO_MAXIOV) */
    void *control;       /* CmsgHdr records, or NULL */
    size_t controllen;   /* in: its size; out (recvmsg): the bytes used */
    int flags;           /* recvmsg: AX_MSG_TRUNC, AX_MSG_CTRUNC */
} MsgHdr;

typedef struct CmsgHdr {
    size_t len;          /* header and data, not the padding after */
    int level;           /* AX_SOL_SOCKET */
    int type;            /* AX_SCM_* */
} CmsgHdr;
#define AX_CMSG_ALIGN(n) (((n) + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))
#define AX_CMSG_LEN(n) (AX_CMSG_ALIGN(sizeof(CmsgHdr)) + (n))
#define AX_CMSG_SPACE(n) (AX_CMSG_ALIGN(sizeof(CmsgHdr)) + AX_CMSG_ALIGN(n))
#define AX_CMSG_DATA(c) ((unsigned char *)(c) + AX_CMSG_ALIGN(sizeof(CmsgHdr)))
#define AX_CMSG_FIRSTHDR(m)                                                      \
    ((m)->controllen >= sizeof(CmsgHdr) ? (CmsgHdr *)(m)->control : (CmsgHdr *)0)
#define AX_CMSG_NXTHDR(m, c)                                                     \
    ((c)->len < sizeof(CmsgHdr) ||                                               \
             (size_t)((unsigned char *)(c) + AX_CMSG_ALIGN((c)->len) + sizeof(CmsgHdr) - \
                      (unsigned char *)(m)->control) > (m)->controllen           \
         ? (CmsgHdr *)0                                                          \
         : (CmsgHdr *)((unsigned char *)(c) + AX_CMSG_ALIGN((c)->len)))

/* A new socket (the lowest free fd): domain AX_AF_UNIX, type one of
 * AX_SOCK_STREAM / _DGRAM / _SEQPACKET (AX_SOCK_RAW is taken as DGRAM)
 * ORed with AX_SOCK_NONBLOCK and AX_SOCK_CLOEXEC, protocol 0 (or
 * AX_PF_UNIX). Errors: AX_EAFNOSUPPORT (another domain), AX_EINVAL (other
 * type flags, a type over 10), AX_ESOCKTNOSUPPORT (another type),
 * AX_EPROTONOSUPPORT (another protocol), AX_EMFILE, AX_ENOMEM. Linux
 * socket(2). */
AX_API SyscallResult sys_socket(int domain, int type, int protocol);

/* Two sockets connected to each other, in sv[0] and sv[1] (arguments as
 * sys_socket; both ends get SO_PEERCRED of the caller). Errors: as
 * sys_socket, AX_EFAULT (sv NULL), AX_EMFILE (fewer than two free fds).
 * Nothing is made on error. Linux socketpair(2). */
AX_API SyscallResult sys_socketpair(int domain, int type, int protocol, int sv[2]);

/* Name the socket fd (see "Names"): addrlen bytes of addr, 2 to
 * sizeof(SockAddrUn). Errors: AX_EBADF, AX_ENOTSOCK, AX_EFAULT, AX_EINVAL
 * (addrlen, family other than AX_AF_UNIX, the socket already named),
 * AX_EADDRINUSE (the name is taken: a path that exists, whatever it is),
 * path errors of the directory (AX_ENOENT, AX_ENOTDIR, AX_ENAMETOOLONG),
 * AX_EACCES (in /dev), AX_ENOMEM. Linux bind(2). */
AX_API SyscallResult sys_bind(int fd, const SockAddrUn *addr, uint32_t addrlen);

/* Accept connections on the bound stream or seqpacket socket fd, with
 * backlog + 1 of them waiting (backlog negative or over AX_SOMAXCONN:
 * AX_SOMAXCONN); again on a listener only changes the backlog.
 * Errors: AX_EBADF, AX_ENOTSOCK, AX_EOPNOTSUPP (a datagram socket),
 * AX_EINVAL (not bound, or connected). Linux listen(2). */
AX_API SyscallResult sys_listen(int fd, int backlog);

/* Take the oldest waiting connection of the listener fd as a new socket
 * fd (flags: AX_SOCK_NONBLOCK, AX_SOCK_CLOEXEC); its peer's name goes to
 * addr/addrlen as sys_getpeername gives it (both may be NULL). Waits for
 * a connection unless fd is non-blocking (AX_EAGAIN).
 * Errors: AX_EBADF, AX_ENOTSOCK, AX_EOPNOTSUPP (a datagram socket),
 * AX_EINVAL (not listening, bad flags), AX_EFAULT (addr without addrlen),
 * AX_EAGAIN, AX_EINTR (restarted under AX_SA_RESTART), AX_EMFILE (the
 * connection stays queued), AX_ENOMEM. Linux accept4(2). */
AX_API SyscallResult sys_accept4(int fd, SockAddrUn *addr, uint32_t *addrlen, int flags);
/* sys_accept4 with flags 0. */
AX_API SyscallResult sys_accept(int fd, SockAddrUn *addr, uint32_t *addrlen);

/* Connect fd to the socket named addr: a stream or seqpacket socket to a
 * listener of its type (see "Connections"); a datagram socket sets its
 * default destination and the only sender it receives from (family
 * AX_AF_UNSPEC dissolves that).
 * Errors: AX_EBADF, AX_ENOTSOCK, AX_EFAULT, AX_EINVAL (addrlen, family;
 * a listening socket), AX_EISCONN (already connected), path errors
 * (AX_ENOENT...), AX_ECONNREFUSED (nobody listens there; not a socket),
 * AX_EPROTOTYPE (a socket of another type), AX_EPERM (a datagram socket
 * connected to a third one), AX_EAGAIN (non-blocking, the backlog is
 * full), AX_EINTR (restarted under AX_SA_RESTART), AX_ENOMEM. On error
 * nothing is connected. Linux connect(2). */
AX_API SyscallResult sys_connect(int fd, const SockAddrUn *addr, uint32_t addrlen);

/* Send n bytes of buf on fd, to addr (datagram sockets; NULL: the
 * connected peer). flags: AX_MSG_DONTWAIT, AX_MSG_NOSIGNAL, AX_MSG_EOR.
 * Returns the bytes sent: all of them, or a stream's part when a signal
 * or O_NONBLOCK stopped it midway. A datagram goes whole or not at all.
 * Errors: AX_EBADF, AX_ENOTSOCK, AX_EFAULT, AX_EINVAL (addrlen, family,
 * flags), AX_ENOTCONN (no peer and no addr), AX_EISCONN (addr on a
 * connected stream socket), AX_EOPNOTSUPP (addr on an unconnected stream
 * socket; AX_MSG_OOB), AX_EPIPE (the peer is gone or shut down, or this
 * end shut its writing; SIGPIPE too unless AX_MSG_NOSIGNAL),
 * AX_ECONNREFUSED (addr names nobody, or the connected peer closed),
 * AX_EPERM (the receiver is connected to another socket), AX_EMSGSIZE (a
 * datagram over SO_SNDBUF - 32), AX_EAGAIN, AX_EINTR, AX_ENOBUFS (the
 * memory limit), path errors of addr. Linux sendto(2). */
AX_API SyscallResult sys_sendto(int fd, const void *buf, size_t n, int flags,
                                const SockAddrUn *addr, uint32_t addrlen);
/* sys_sendto without an address. */
AX_API SyscallResult sys_send(int fd, const void *buf, size_t n, int flags);

/* Receive up to n bytes from fd into buf: a stream gives what is there
 * (with AX_MSG_WAITALL: waits for n bytes, end of file or a signal), a
 * datagram or seqpacket message is taken whole, what does not fit being
 * lost (AX_MSG_TRUNC: the full length is returned). AX_MSG_PEEK leaves
 * the data queued; AX_MSG_DONTWAIT does not wait. The sender's name goes
 * to addr/addrlen (datagrams; *addrlen 0 when the sender has none).
 * Returns the bytes, 0 at end of file (the peer closed or shut down, or
 * this end shut its reading).
 * Errors: AX_EBADF, AX_ENOTSOCK, AX_EFAULT, AX_EINVAL (a stream socket not
 * connected; flags), AX_ENOTCONN (seqpacket not connected), AX_EAGAIN,
 * AX_EINTR, AX_ECONNRESET (once: see "Connections"), AX_EOPNOTSUPP
 * (AX_MSG_OOB). Linux recvfrom(2). */
AX_API SyscallResult sys_recvfrom(int fd, void *buf, size_t n, int flags, SockAddrUn *addr,
                                  uint32_t *addrlen);
/* sys_recvfrom without an address. */
AX_API SyscallResult sys_recv(int fd, void *buf, size_t n, int flags);

/* sendto with the data in msg->iov and control messages in msg->control
 * (SCM_RIGHTS, SCM_CREDENTIALS). Errors: as sys_sendto, and AX_EINVAL
 * (iovlen over 1024, a bad control message, more than AX_SCM_MAX_FD fds),
 * AX_EBADF (an fd in SCM_RIGHTS), AX_EPERM (credentials that are not the
 * sender's), AX_EMSGSIZE. Linux sendmsg(2). */
AX_API SyscallResult sys_sendmsg(int fd, const MsgHdr *msg, int flags);

/* recvfrom into msg->iov, the sender's name into msg->name, control
 * messages into msg->control (controllen set to the bytes used), and
 * msg->flags set (AX_MSG_TRUNC, AX_MSG_CTRUNC). flags may add
 * AX_MSG_CMSG_CLOEXEC. Errors: as sys_recvfrom, and AX_EMFILE is not one:
 * fds that cannot be installed are dropped with AX_MSG_CTRUNC. Linux
 * recvmsg(2). */
AX_API SyscallResult sys_recvmsg(int fd, MsgHdr *msg, int flags);

/* Shut down reading (AX_SHUT_RD), writing (AX_SHUT_WR) or both: this end
 * reads end of file once the queue is empty, or gets AX_EPIPE writing; a
 * stream or seqpacket peer sees the mirror image. Errors: AX_EBADF,
 * AX_ENOTSOCK, AX_EINVAL (how). Linux shutdown(2). */
AX_API SyscallResult sys_shutdown(int fd, int how);

/* The socket's own name / its peer's, as a SockAddrUn of *addrlen bytes
 * at most (*addrlen is set to the full length: 2 for no name).
 * Errors: AX_EBADF, AX_ENOTSOCK, AX_EFAULT, AX_ENOTCONN (getpeername
 * without a peer). Linux getsockname(2), getpeername(2). */
AX_API SyscallResult sys_getsockname(int fd, SockAddrUn *addr, uint32_t *addrlen);
AX_API SyscallResult sys_getpeername(int fd, SockAddrUn *addr, uint32_t *addrlen);

/* Set / get socket option name at level AX_SOL_SOCKET (see AX_SO_*).
 * setsockopt: optlen is the bytes at val (at least an int; int64_t for
 * the timeouts). getsockopt: *optlen is the room at val, set to the bytes
 * stored (cut to the room).
 * Errors: AX_EBADF, AX_ENOTSOCK, AX_EFAULT, AX_EINVAL (optlen too small,
 * a negative timeout), AX_ENOPROTOOPT (another option), AX_EOPNOTSUPP
 * (another level). Linux setsockopt(2), getsockopt(2). */
AX_API SyscallResult sys_setsockopt(int fd, int level, int name, const void *val, uint32_t optlen);
AX_API SyscallResult sys_getsockopt(int fd, int level, int name, void *val, uint32_t *optlen);

/* ======================================================================
 * Memory regions and shared memory
 * ====================================================================== */

#define AX_PROT_NONE 0
#define AX_PROT_READ 1
#define AX_PROT_WRITE 2
#define AX_PROT_EXEC 4

/*
 * Regions are byte ranges owned by one process and named by a region id,
 * a small int local to that process: the lowest free one, from 0, as fds
 * are. Another process's id means nothing here and gives AX_EINVAL. A
 * region is reached only through mem_read / mem_write, which check its
 * protection (AX_PROT_READ to read, AX_PROT_WRITE to write; AX_PROT_EXEC
 * is recorded, axos runs no code from regions). Regions and shm
 * attachments share the id space and are freed when the process exits or
 * execs, however it dies.
 */

/* Allocate a zero-filled region of size bytes with AX_PROT_* prot
 * (AX_PROT_NONE allowed); returns its region id. It counts against the
 * caller's limit (sys_set_memlimit) and the system's (KernelConfig.mem_limit).
 * Errors: AX_EINVAL (size 0 or over 1 TiB, unknown prot bits), AX_ENOMEM
 * (a limit would be passed, or the host allocator refused). On error
 * nothing is allocated and no figure (peak included) moves. */
AX_API SyscallResult sys_mem_alloc(size_t size, int prot);
/* Free a region; for a shm attachment this is sys_shmdt. The id becomes
 * free for reuse. Errors: AX_EINVAL (not one of the caller's regions). */
AX_API SyscallResult sys_mem_free(int region);
/* Copy up to n bytes from region at byte offset into buf; returns the count
 * copied: 0 for an offset at or beyond the end, cut short where the region
 * ends. Errors, checked in this order: AX_EINVAL (bad region), AX_EFAULT
 * (buf NULL with n > 0), AX_EACCES (no AX_PROT_READ). */
AX_API SyscallResult sys_mem_read(int region, size_t offset, void *buf, size_t n);
/* Copy n bytes from buf into region at byte offset; returns the count
 * copied, cut short where the region ends (0 for an offset exactly at the
 * end). Errors, checked in this order: AX_EINVAL (bad region), AX_EFAULT
 * (buf NULL with n > 0), AX_EACCES (no AX_PROT_WRITE), AX_EINVAL (offset
 * beyond the end). On error no byte is written. */
AX_API SyscallResult sys_mem_write(int region, size_t offset, const void *buf, size_t n);
/* Replace a region's protection with prot (an attachment's too, for this
 * process only). Errors: AX_EINVAL (bad region, unknown prot bits). */
AX_API SyscallResult sys_mem_protect(int region, int prot);

/*
 * Memory accounting. Every byte the kernel holds for a process is charged
 * to that process's figures and to the system's: its regions, shm
 * attachments (each the segment's full size; the system pays for a
 * segment once, from shmget to its end), heap blocks, its task stack
 * (KernelConfig.stack_size), the buffer of every pipe it creates
 * (AX_PIPE_CAPACITY, until the pipe's last end closes) and the file
 * blocks it writes (until truncated or the file is freed, even after the
 * process exits: the charge stays with whoever caused it). KernelConfig.
 * mem_limit caps the system's total; a process's own limit (see
 * sys_set_memlimit) caps its figure. At a limit, file growth fails with
 * AX_ENOSPC (as a full disk), everything else with AX_ENOMEM, and the
 * call changes nothing (a write may be short: see sys_write).
 */
typedef struct MemStats {
    uint64_t allocated;    /* bytes charged to the caller, every kind below */
    uint64_t limit;        /* 0 = unlimited */
    uint64_t peak;         /* highest `allocated` seen by this process */
    uint64_t region_count; /* private regions */
    uint64_t shm_count;    /* shm attachments */
    uint64_t heap_bytes;   /* bytes in the process heap */
    uint64_t stack_bytes;  /* its task stack */
    uint64_t pipe_bytes;   /* buffers of the pipes it created that live on */
    uint64_t file_bytes;   /* file blocks it wrote that live on */
    uint64_t sock_bytes;   /* messages its sockets sent that wait in queues
                              (each with 767 bytes of overhead) */
} MemStats;

typedef struct SystemMemStats {
    uint64_t total_allocated; /* every process's charges, plus each shm
                                 segment once (attachments are not counted
                                 again), file blocks and their tables */
    uint64_t system_limit;    /* KernelConfig.mem_limit; 0 = unlimited */
    uint64_t shm_count;       /* segments that exist, removed ones still
                                 attached included */
    uint64_t shm_total_size;  /* their bytes */
    uint64_t stack_bytes;     /* task stacks */
    uint64_t pipe_bytes;      /* pipe buffers */
    uint64_t file_bytes;      /* regular file data and its block tables */
    uint64_t sock_bytes;      /* socket messages waiting in queues */
} SystemMemStats;

/* Fill the caller's figures / the system's. Errors: AX_EFAULT (out NULL). */
AX_API SyscallResult sys_memstats(MemStats *out);
AX_API SyscallResult sys_system_memstats(SystemMemStats *out);
/* Set the caller's limit in bytes (0: unlimited). A process may lower its
 * limit, never raise it (as a hard rlimit): only the host can
 * (kernel_set_memlimit). A limit below what is already charged is allowed
 * and frees nothing; charges that would pass it fail. The limit survives
 * exec, and a child starts with its parent's.
 * Errors: AX_EPERM (above the current limit, or 0 while one is set). */
AX_API SyscallResult sys_set_memlimit(uint64_t bytes);

#define AX_IPC_PRIVATE 0
#define AX_IPC_CREAT 01000
#define AX_IPC_EXCL 02000
#define AX_IPC_RMID 0
#define AX_IPC_STAT 2
#define AX_SHMMNI 4096 /* segments that may exist at once */

typedef struct ShmInfo {
    int shmid;
    int key;           /* AX_IPC_PRIVATE once removed (as Linux shows it) */
    uint64_t size;     /* bytes */
    uint32_t attach_count;
    int creator_pid;
    int last_pid;      /* last to attach or detach; 0 before any */
    int removed;       /* AX_IPC_RMID given; destroyed at last detach */
    uint64_t ctime_ns; /* created or last AX_IPC_SET (kernel clock) */
    uint64_t atime_ns; /* last attach; 0 before any */
    uint64_t dtime_ns; /* last detach; 0 before any */
    uint32_t mode;       /* permission bits */
    uint32_t uid, gid;   /* owner */
    uint32_t cuid, cgid; /* creator (its effective ids) */
} ShmInfo;

/*
 * Shared memory, SysV style. A segment is a zero-filled byte range with a
 * key; shmget finds or creates it, shmat maps it into the caller's region
 * table. Every attachment reaches the segment's own bytes: a write by one
 * attacher is visible to all at once, with no copy and no sync step. A
 * segment lives until AX_IPC_RMID has been given and the last attachment
 * is gone (shmdt, mem_free, exit, exec or a kill); one never removed lives
 * as long as the kernel. shmids count up from 0 and are never reused.
 * Accounting: the system pays for a segment once, from creation; each
 * attacher pays its full size against its own limit.
 */

/* Get the segment for key, or with AX_IPC_CREAT create one of size bytes;
 * AX_IPC_PRIVATE always creates. flags: AX_IPC_CREAT, AX_IPC_EXCL and
 * permission bits 0777 (the new segment's mode; its owner and creator are
 * the caller's effective ids). An existing segment is found with any size
 * up to its own (0 included), when the caller may use it as the flags'
 * permission bits ask (the SysV rules below msgget's; AX_EACCES).
 * Returns the shmid.
 * Errors: AX_EINVAL (unknown flag bits; size 0 or over 1 TiB on create;
 * size larger than the existing segment's), AX_ENOENT (no segment for key
 * and no AX_IPC_CREAT), AX_EEXIST (AX_IPC_CREAT|AX_IPC_EXCL and key
 * exists), AX_ENOSPC (AX_SHMMNI segments exist), AX_ENOMEM (system limit,
 * or the host allocator refused). On error nothing is created. */
AX_API SyscallResult sys_shmget(int key, size_t size, int flags);
/* Attach segment shmid with AX_PROT_* prot; returns a region id for
 * mem_read / mem_write that covers the whole segment.
 * Errors: AX_EINVAL (no such shmid, unknown prot bits), AX_EACCES (no
 * read permission, or no write permission with AX_PROT_WRITE), AX_EIDRM
 * (the segment was removed), AX_ENOMEM (the caller's limit). */
AX_API SyscallResult sys_shmat(int shmid, int prot);
/* Detach the attachment with this region id; a removed segment whose last
 * attachment this was is destroyed. Errors: AX_EINVAL (not an attachment
 * of the caller; a private region is freed with sys_mem_free). */
AX_API SyscallResult sys_shmdt(int region);
/* AX_IPC_STAT fills *info (also for a removed segment still attached).
 * AX_IPC_SET takes info->uid, info->gid and the low 9 bits of info->mode
 * as the segment's new owner and permissions (the creator stays) and sets
 * ctime_ns to now; the other fields of *info are ignored (Linux).
 * AX_IPC_RMID marks the segment removed: its key is released at once, new
 * attaches fail with AX_EIDRM, and it is destroyed now if nobody is attached
 * or else at the last detach; giving it again is harmless. AX_IPC_STAT
 * needs read permission; AX_IPC_SET and AX_IPC_RMID are the owner's, the
 * creator's or root's (Linux). info is unused for AX_IPC_RMID.
 * Errors, in this order: AX_EINVAL (no such shmid, unknown cmd),
 * AX_EACCES (IPC_STAT without read permission), AX_EPERM (IPC_SET or
 * IPC_RMID by another user), AX_EFAULT (IPC_STAT or IPC_SET with info
 * NULL), AX_EINVAL (IPC_SET with uid or gid AX_ID_NONE). A failed
 * IPC_SET changes nothing. */
AX_API SyscallResult sys_shmctl(int shmid, int cmd, ShmInfo *info);
/* Kept for parity with the model OS, where attachments were copies.
 * Sharing in axos is immediate (every attachment is the segment's own
 * bytes), so these do nothing but check that region is an attachment of
 * the caller. Errors: AX_EINVAL. */
AX_API SyscallResult sys_shm_sync(int region);
AX_API SyscallResult sys_shm_refresh(int region);
/* Fill up to count entries with the segments that exist (removed ones still
 * attached included), in shmid order; returns how many exist, which may be
 * more than count. For ipcs. Errors: AX_EFAULT (out NULL with count > 0). */
AX_API SyscallResult sys_shm_list(ShmInfo *out, size_t count);

/* ======================================================================
 * SysV message queues and semaphores
 * ======================================================================
 *
 * As Linux's ipc/msg.c and ipc/sem.c, with Linux's default limits. Like
 * shm segments, queues and semaphore sets live until removed
 * (AX_IPC_RMID) or the kernel goes; their ids count up from 0 and are
 * never reused. axos has no users, so permission bits are kept and shown
 * but not enforced. A call waiting on a queue or set that is removed
 * fails with AX_EIDRM; a caught signal ends the wait with AX_EINTR, and
 * these calls are never restarted (Linux). A process killed while it
 * waits leaves nothing behind. Queued messages count against the system
 * memory limit (KernelConfig.mem_limit).
 */

#define AX_IPC_NOWAIT 04000
#define AX_IPC_SET 1
#define AX_IPC_INFO 3

#define AX_MSGMNI 32000   /* queues that may exist */
#define AX_MSGMAX 8192    /* bytes in one message */
#define AX_MSGMNB 16384   /* default bytes a queue holds (msg_qbytes) */
#define AX_MSG_NOERROR 010000  /* msgrcv: cut a long message instead of E2BIG */
#define AX_MSG_EXCEPT 020000   /* msgrcv: the first message NOT of msgtyp */
#define AX_MSG_COPY 040000     /* msgrcv: AX_ENOSYS (Linux without checkpoint/restore) */

/* What msgsnd takes and msgrcv fills: a type, then mtext's bytes. */
typedef struct MsgBuf {
    long mtype;     /* > 0 */
    char mtext[1];  /* msgsz bytes (the caller's buffer is that big) */
} MsgBuf;

typedef struct MsqInfo {
    int msqid;
    int key;           /* AX_IPC_PRIVATE for a private queue */
    uint32_t mode;     /* permission bits */
    uint64_t cbytes;   /* bytes queued */
    uint64_t qnum;     /* messages queued */
    uint64_t qbytes;   /* the most bytes it holds (AX_IPC_SET may change it) */
    int lspid, lrpid;  /* last msgsnd / msgrcv; 0 before any */
    int creator_pid;
    uint64_t stime_ns, rtime_ns, ctime_ns; /* last send, receive, change (kernel clock) */
    uint32_t uid, gid;   /* owner (AX_IPC_SET may change them) */
    uint32_t cuid, cgid; /* creator (its effective ids) */
} MsqInfo;

/* SysV permissions (queues and semaphore sets), as Linux's ipcperms: an
 * object has an owner (uid, gid: the creator's effective ids at first,
 * AX_IPC_SET may change them), a creator (cuid, cgid) and permission
 * bits. The owner's or creator's bits apply to their effective uid, else
 * the group bits to members of the owner's or creator's group, else the
 * others'; root passes. Reading (msgrcv, a semop that only waits for
 * zero, the GET commands, AX_IPC_STAT) needs r, changing needs w,
 * AX_IPC_SET and AX_IPC_RMID need the owner, the creator or root.
 *
 * The queue for key, or with AX_IPC_CREAT a new one (AX_IPC_PRIVATE
 * always makes one); flags: AX_IPC_CREAT, AX_IPC_EXCL, permission bits
 * (for an existing queue: the access asked of it). Returns the msqid.
 * Errors: AX_ENOENT (no queue for key, no AX_IPC_CREAT), AX_EEXIST
 * (AX_IPC_CREAT|AX_IPC_EXCL and it exists), AX_EACCES, AX_ENOSPC
 * (AX_MSGMNI queues exist), AX_ENOMEM. Nothing is made on error. POSIX
 * msgget. */
AX_API SyscallResult sys_msgget(int key, int flags);

/* Queue a message of msgsz bytes (mtext) of type msgp->mtype (> 0).
 * While the queue's bytes plus msgsz pass msg_qbytes (or it holds
 * msg_qbytes messages) the call waits, or fails with AX_EAGAIN under
 * AX_IPC_NOWAIT. Returns 0.
 * Errors: AX_EINVAL (no such msqid, mtype < 1, msgsz over AX_MSGMAX),
 * AX_EFAULT (msgp NULL), AX_EACCES (no w), AX_EAGAIN, AX_EIDRM (removed
 * while waiting), AX_EINTR, AX_ENOMEM (the memory limit). Nothing is
 * queued on error.
 * POSIX msgsnd. */
AX_API SyscallResult sys_msgsnd(int msqid, const void *msgp, size_t msgsz, int flags);

/* Take a message: msgtyp 0 the first, > 0 the first of that type (with
 * AX_MSG_EXCEPT: the first of another type), < 0 the first of the
 * lowest type <= -msgtyp. Its mtype and up to msgsz bytes of text go to
 * msgp; returns the bytes of text. A longer message fails with AX_E2BIG
 * and stays queued, unless AX_MSG_NOERROR cuts it. Waits for a message,
 * or fails with AX_ENOMSG under AX_IPC_NOWAIT.
 * Errors: AX_EINVAL (no such msqid; msgsz negative as ssize_t), AX_EFAULT,
 * AX_EACCES (no r), AX_E2BIG, AX_ENOMSG, AX_EIDRM, AX_EINTR, AX_ENOSYS
 * (AX_MSG_COPY).
 * POSIX msgrcv, Linux flags. */
AX_API SyscallResult sys_msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int flags);

/* AX_IPC_STAT fills *info; AX_IPC_SET takes info->uid, gid, mode (the
 * owner and permission bits) and qbytes (1..AX_MSGMNB, larger for root
 * only, as CAP_SYS_RESOURCE); AX_IPC_RMID removes the queue and its
 * messages, waking its waiters with AX_EIDRM (info unused). Returns 0.
 * Errors: AX_EINVAL (no such msqid, unknown cmd, qbytes 0, uid or gid
 * AX_ID_NONE), AX_EFAULT, AX_EACCES (AX_IPC_STAT without r), AX_EPERM
 * (not the owner, the creator or root; qbytes too large). POSIX msgctl. */
AX_API SyscallResult sys_msgctl(int msqid, int cmd, MsqInfo *info);

/* Fill up to count entries with the queues that exist, in msqid order;
 * returns how many exist. For ipcs. Errors: AX_EFAULT (out NULL with
 * count > 0). */
AX_API SyscallResult sys_msg_list(MsqInfo *out, size_t count);

#define AX_SEMMSL 32000   /* semaphores in a set */
#define AX_SEMMNS 1024000000 /* semaphores in every set together */
#define AX_SEMOPM 500     /* operations in one semop */
#define AX_SEMMNI 32000   /* sets that may exist */
#define AX_SEMVMX 32767   /* the largest value */
#define AX_SEM_UNDO 0x1000

/* semctl commands: Linux values */
#define AX_GETPID 11
#define AX_GETVAL 12
#define AX_GETALL 13
#define AX_GETNCNT 14
#define AX_GETZCNT 15
#define AX_SETVAL 16
#define AX_SETALL 17

typedef struct SemBuf {
    uint16_t sem_num; /* which semaphore of the set */
    int16_t sem_op;   /* > 0 add; 0 wait for zero; < 0 wait to subtract */
    int16_t sem_flg;  /* AX_IPC_NOWAIT, AX_SEM_UNDO */
} SemBuf;

typedef struct SemInfo {
    int semid;
    int key;
    uint32_t mode;
    uint32_t nsems;
    int creator_pid;
    uint64_t otime_ns, ctime_ns; /* last semop (0 before any), last change */
    uint32_t uid, gid;   /* owner (AX_IPC_SET may change them) */
    uint32_t cuid, cgid; /* creator (its effective ids) */
} SemInfo;

/* The semaphore set for key, or with AX_IPC_CREAT a new one of nsems
 * semaphores, all 0 (AX_IPC_PRIVATE always makes one). An existing set
 * is found with any nsems up to its own. Returns the semid.
 * Errors: AX_EINVAL (nsems over AX_SEMMSL, 0 or negative when making one,
 * larger than the existing set's), AX_ENOENT, AX_EEXIST, AX_EACCES (the
 * permission bits of flags, asked of an existing set; see sys_msgget),
 * AX_ENOSPC (AX_SEMMNI sets or AX_SEMMNS semaphores), AX_ENOMEM. POSIX
 * semget. */
AX_API SyscallResult sys_semget(int key, int nsems, int flags);

/* Do the nsops operations of sops on set semid, all at once or none:
 * each adds sem_op (> 0), waits for the value to be 0 (sem_op 0), or
 * waits until it is at least -sem_op and subtracts (< 0). The call waits
 * until all can be done, for at most *timeout_ns (NULL: no limit; then
 * AX_EAGAIN), or fails with AX_EAGAIN if one with AX_IPC_NOWAIT would
 * wait. With AX_SEM_UNDO the opposite adjustment is kept for the process
 * and applied when it exits, however it dies (values kept in 0..SEMVMX).
 * Returns 0. Errors: AX_EINVAL (no such semid, nsops < 1, a negative
 * timeout), AX_E2BIG (nsops over AX_SEMOPM), AX_EFBIG (sem_num out of
 * the set), AX_EFAULT, AX_EACCES (w to change a value, r to wait for
 * zero), AX_ERANGE (a value or an undo adjustment would pass
 * AX_SEMVMX), AX_EAGAIN, AX_EIDRM, AX_EINTR, AX_ENOMEM. Nothing
 * changes on error. POSIX semop, Linux semtimedop. */
AX_API SyscallResult sys_semtimedop(int semid, SemBuf *sops, size_t nsops, const int64_t *timeout_ns);
/* sys_semtimedop without a timeout. */
AX_API SyscallResult sys_semop(int semid, SemBuf *sops, size_t nsops);

/* Control set semid: AX_GETVAL / AX_GETPID / AX_GETNCNT / AX_GETZCNT of
 * semaphore semnum (the value, the last semop's pid, how many wait for
 * it to grow / to be zero); AX_SETVAL sets it to arg (0..AX_SEMVMX) and
 * clears every process's undo adjustment for it; AX_GETALL / AX_SETALL
 * read / write all values through the uint16_t array at arg;
 * AX_IPC_STAT fills the SemInfo at arg; AX_IPC_SET takes its uid, gid
 * and mode;
 * AX_IPC_RMID removes the set, waking its waiters with AX_EIDRM.
 * Errors: AX_ERANGE (SETVAL over AX_SEMVMX, checked first, as Linux; a
 * SETALL value), AX_EINVAL (no such semid, unknown cmd, semnum out of
 * the set, an AX_IPC_SET uid or gid AX_ID_NONE), AX_EACCES (r for the
 * GET commands and AX_IPC_STAT, w for SETVAL and SETALL), AX_EPERM
 * (AX_IPC_SET, AX_IPC_RMID: not the owner, the creator or root),
 * AX_EFAULT. POSIX semctl. */
AX_API SyscallResult sys_semctl(int semid, int semnum, int cmd, uint64_t arg);

/* Fill up to count entries with the sets that exist, in semid order;
 * returns how many exist. For ipcs. Errors: AX_EFAULT. */
AX_API SyscallResult sys_sem_list(SemInfo *out, size_t count);

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

#define AX_SA_NOCLDSTOP 0x00000001 /* SIGCHLD: not for children that stop or continue */
#define AX_SA_NOCLDWAIT 0x00000002 /* SIGCHLD: children leave no zombie (see sys_waitpid) */
#define AX_SA_RESTART 0x10000000   /* restart the calls it interrupts (see "Blocking") */
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
 * a target exists. A zombie (exited, not yet reaped) is a target that
 * exists: kill succeeds and the signal has no effect (POSIX). A signal to
 * init (pid 1) succeeds and is discarded.
 * Errors, in Linux's order: AX_ESRCH (no target; pid INT_MIN), then
 * AX_EINVAL (sig outside 0..64). */
AX_API SyscallResult sys_kill(int pid, int sig);

/* Set sig's handler; returns the previous one in value (cast to SigHandler).
 * Setting AX_SIG_IGN discards sig if it is pending (POSIX). An ignored
 * signal is discarded as it is sent, unless the target blocks it: then it
 * stays pending (sys_sigpending shows it) until unblocked, when it is
 * discarded, as Linux does (POSIX leaves it open).
 * Errors: AX_EINVAL (bad sig, or SIGKILL / SIGSTOP); AX_ENOMEM (the
 * process's first action that is not the default needs its table of
 * actions, and the kernel has no memory for it: nothing changed). */
AX_API SyscallResult sys_signal(int sig, SigHandler handler);

/* Examine and change sig's action: *old (may be NULL) gets the current one,
 * then *act (may be NULL) is installed.
 * Errors: AX_EINVAL (bad sig; SIGKILL or SIGSTOP with act); AX_ENOMEM as
 * for sys_signal (nothing changed, *old not written). Linux's
 * rt_sigaction has no such error: its table comes with the process. */
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

/* Take a pending signal of *set without running its handler (POSIX
 * sigwait/sigwaitinfo/sigtimedwait, Linux's rt_sigtimedwait): value is
 * the signal, the lowest-numbered pending one of the set, which is no
 * longer pending. With none pending, wait for one to be sent, at most
 * *timeout_ns nanoseconds of kernel time (NULL: for ever; 0: do not
 * wait). The caller should block the signals it waits for (POSIX leaves
 * the rest open): a blocked one, or a caught one in the set, is taken
 * when it arrives; SIGKILL and SIGSTOP in the set are ignored. Errors:
 * AX_EFAULT (set NULL), AX_EINVAL (*timeout_ns negative), AX_EAGAIN (the
 * timeout passed, or 0 with nothing pending), AX_EINTR (a caught signal
 * outside the set arrived and its handler ran; never restarted, as on
 * Linux), AX_ENOMEM (no timer for the timeout). A failed call takes no
 * signal. */
AX_API SyscallResult sys_sigtimedwait(const SigSet *set, const int64_t *timeout_ns);

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
    uint64_t time_ns; /* kernel time spent waiting inside (blocked on a pipe,
                         a sleep, a child...); the kernel clock does not
                         move while a task runs, so that is all of it */
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

/*
 * Two things are always on and cost one increment or one fold per call: the
 * counters above, and the determinism digest (see kernel_trace_digest).
 * Events are recorded only while tracing is enabled, into a ring of
 * KernelConfig.trace_ring events allocated the first time tracing is
 * enabled; when the ring is full the oldest event is dropped and
 * TraceSummary.events_dropped counts it. events_recorded counts every event
 * recorded since boot or the last reset, dropped ones included, so the
 * events still in the ring carry the sequence numbers
 * events_dropped .. events_recorded - 1.
 */

/* Event categories (TraceEventInfo.category) */
#define AX_TRACE_SYSCALL 0 /* a syscall returned: number, arguments, result */
#define AX_TRACE_SCHED 1   /* the scheduler gave a task the CPU ("switch") */
#define AX_TRACE_PROC 2    /* "spawn", "exec", "exit" of a process */
#define AX_TRACE_SIGNAL 3  /* "send", "deliver", "stop", "continue"; detail: the signal name */
#define AX_TRACE_TIMER 4   /* a timer fired ("fire") */
#define AX_TRACE_MEMORY 5  /* memory events */
#define AX_TRACE_IPC 6     /* pipe and shared-memory events */
#define AX_TRACE_CUSTOM 7  /* sys_trace_event */
#define AX_TRACE_FAULT 8   /* a fault plan's rule fired: name "errno", "short",
                              "delay", "signal" or "alloc"; detail: the call and
                              what was done ("write EIO rule 0 #3") */

/* sys_trace_read's `from`: the last `count` events, whatever their number */
#define AX_TRACE_LAST UINT64_MAX

/* One recorded event, as sys_trace_read and kernel_trace_read give it: the
 * raw fields, and the same event formatted as one strace-style line. */
typedef struct TraceEventInfo {
    uint64_t seq;      /* 0 for the first event after boot or the last reset */
    uint64_t ts_ns;    /* kernel clock when recorded (a syscall: when it returned) */
    uint64_t start_ns; /* a syscall: kernel clock at entry; other events: ts_ns */
    uint64_t dur_ns;   /* ts_ns - start_ns, blocking included */
    int pid;           /* the process the event belongs to */
    int tid;           /* its task: equal to pid (one task per process) */
    int category;      /* AX_TRACE_* */
    int sysno;         /* a syscall: its SyscallNo; other events: -1 */
    uint64_t args[6];  /* a syscall: the raw arguments; unused ones are 0 */
    int64_t value;     /* a syscall: its result value (-1 on error);
                          "exit": the wait status; a timer's "fire": the
                          expirations it counted (more than 1 when the
                          clock passed several at once); otherwise 0 */
    SyscallError error;/* a syscall: AX_OK or its error; otherwise AX_OK */
    char name[64];     /* "open", "switch", "deliver", a custom name... */
    char detail[128];  /* signal name, program name, custom detail, or "" */
    /* The event as strace prints it, without pid prefix or newline:
     *   open("/etc/motd", O_RDONLY) = 3
     *   read(3, "hello\n", 4096) = 6
     *   close(99) = -1 EBADF (Bad file descriptor)
     *   --- SIGINT (deliver) ---        +++ exited with 0 +++
     * Strings and buffers show the bytes captured when the call returned:
     * paths up to 64 bytes, data up to 32, then `...`. Addresses print
     * as <ptr> (NULL as NULL, values below 4096 such as AX_SIG_IGN as
     * numbers) so that the text of a run repeats; args has the raw values.
     * Cut to fit. */
    char text[256];
} TraceEventInfo;

/* Turn event recording (kernel-wide) on. Anyone may: what a process then
 * reads is limited by sys_trace_read's rule. The first call allocates the
 * ring. Turning it on notes the caller's real uid (root's or the host's:
 * none), which sys_trace_disable consults. Returns the previous state (1
 * on, 0 off). Errors: AX_ENOMEM (the ring cannot be allocated; tracing
 * stays off). */
AX_API SyscallResult sys_trace_enable(void);
/* Turn event recording off; the events stay readable. It ends everyone's
 * recording, so it is kernel-wide control: root's (euid 0), or the user's
 * whose process turned recording on (the same real uid); when it is off
 * already anyone may. Returns the previous state (1 on, 0 off).
 * Errors: AX_EPERM (another user, the host or root turned it on;
 * recording goes on). */
AX_API SyscallResult sys_trace_disable(void);
/* 1 if events are being recorded, else 0. Cannot fail in a process. */
AX_API SyscallResult sys_trace_enabled(void);
/* Zero the counters and empty the ring, as kernel_trace_reset (the on/off
 * state, the filter and the digest stay). Kernel-wide control: root's only (euid 0), as
 * anyone else could wipe what others record. Errors: AX_EPERM (not root;
 * nothing is dropped). */
AX_API SyscallResult sys_trace_reset(void);
/* Fill *out with the counters and uptime_ns (kernel clock now).
 * Errors: AX_EFAULT. */
AX_API SyscallResult sys_trace_summary(TraceSummary *out);
/* Record a custom event (category AX_TRACE_CUSTOM) for the caller, when
 * tracing is on and the process-group filter lets the caller through;
 * otherwise do nothing and succeed. detail may be NULL. name is cut to 63
 * bytes, detail to 127. A recorded custom event replaces the syscall event
 * of this call (it appears once). Errors: AX_EFAULT (name NULL). */
AX_API SyscallResult sys_trace_event(const char *name, const char *detail);
/* Store the determinism digest so far (see kernel_trace_digest) in *out.
 * Errors: AX_EFAULT. */
AX_API SyscallResult sys_trace_digest(uint64_t *out);
/* Copy recorded events into out[0..count-1], oldest first, and return how
 * many were copied. A process reads only the events of itself and of those
 * of its descendants (the processes it spawned, theirs, and so on, exited
 * ones included) that it may trace, by Linux's ptrace rule
 * (PTRACE_MODE_ATTACH_REALCREDS): root (euid 0, CAP_SYS_PTRACE) any of
 * them; anyone else only those whose real, effective and saved uids all
 * equal the reader's real uid, whose gids all equal its real gid, and
 * that no set-user-ID or set-group-ID exec or change of effective id made
 * privileged during their life (Linux's "dumpable"; axos keeps it for the
 * whole life, as the ring keeps the past: see docs/differences.md). The
 * others are skipped as if they were not there (the seq numbers show the
 * gaps).
 * from == AX_TRACE_LAST: the last `count` such events in the ring.
 * Otherwise the first `count` whose seq >= from (a reader that pages
 * passes the last seq it saw + 1; events already dropped are simply
 * missing). Nothing is copied when tracing was never enabled or the ring
 * holds nothing readable at or after from. The host reads everything
 * (kernel_trace_read). Errors: AX_EFAULT (out NULL with count > 0). */
AX_API SyscallResult sys_trace_read(TraceEventInfo *out, size_t count, uint64_t from);
/* Record only the events of process group pgid (0: every process), as
 * kernel_trace_filter; returns the previous filter. Kernel-wide control:
 * root's only (euid 0). Errors: AX_EINVAL (pgid < 0; checked first),
 * AX_EPERM (not root; the filter stays). */
AX_API SyscallResult sys_trace_filter(int pgid);

/* ======================================================================
 * Console and terminal control
 * ======================================================================
 *
 * The console is the machine's terminal: fds 0, 1, 2 of kernel_spawn and
 * /dev/console. Typed input goes through a line discipline, as on Linux:
 *   - canonical mode (ICANON, the default): a read returns at most one
 *     line, once it is finished by Enter. While it is typed, ^? and ^H
 *     erase a character, ^U (VKILL) the line, ^W (VWERASE) a word; ^D
 *     (VEOF) at the start of a line makes the read return 0 (end of file).
 *   - raw mode (ICANON off): bytes are readable as they come; a read waits
 *     for VMIN of them (VMIN 0: returns at once), and VTIME (tenths of a
 *     second) bounds the wait as POSIX says: with VMIN 0 a read returns 0
 *     when no byte came within VTIME; with VMIN > 0 the timer starts at the
 *     first byte and restarts at each, and the read returns what it has
 *     when it runs out. The time is the kernel clock's (under
 *     AX_CLOCK_VIRTUAL it jumps there once every task waits). O_NONBLOCK
 *     overrides VTIME (AX_EAGAIN at once).
 *   - ECHO writes typed characters back (an erase as "\b \b" with ECHOE);
 *     ISIG turns ^C, ^Z and ^\ into SIGINT, SIGTSTP and SIGQUIT for the
 *     foreground process group and discards pending input.
 *   - ICRNL turns a typed '\r' into '\n'. Output is not translated: OPOST
 *     and ONLCR are there for programs to read and save, and "\n" reaches
 *     the host as it is (a host terminal adds its own '\r').
 * Job control: the console belongs to the session of the first process
 * kernel_spawn starts while it is free (until that process exits). In
 * that session, a process outside the foreground group that reads the
 * console gets SIGTTIN (the read fails with AX_EIO when it ignores or
 * blocks SIGTTIN, or its group is orphaned); one that calls tcsetattr or
 * tcsetpgrp, or writes with TOSTOP set, gets SIGTTOU unless it ignores or
 * blocks it. A process stopped so carries on with its call when continued.
 * When an exit leaves a process group orphaned (no member has a parent in
 * another group of the session) and a member is stopped, every member gets
 * SIGHUP and then SIGCONT, as POSIX's _exit says. SIGTSTP, SIGTTIN and
 * SIGTTOU (from ^Z, kill or anywhere) that would stop a process of an
 * orphaned group by their default action are discarded, as POSIX says;
 * SIGSTOP still stops it. Unlike Linux, a session
 * leader's exit does not send SIGHUP to the foreground group: kernel_spawn
 * makes every host program a session leader, and one that leaves helpers
 * behind keeps them, as a program started from a shell would.
 */

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

/* Terminal attributes of the terminal at fd. action: AX_TCSANOW,
 * AX_TCSADRAIN (the same: output is never pending) or AX_TCSAFLUSH (also
 * discards unread input). Errors: AX_EINVAL (bad action), AX_EBADF,
 * AX_ENOTTY (fd is not a terminal), AX_EFAULT, AX_EINTR or AX_EIO (a
 * background tcsetattr, see job control above). */
AX_API SyscallResult sys_tcgetattr(int fd, TermAttr *out);
AX_API SyscallResult sys_tcsetattr(int fd, int action, const TermAttr *attr);
/* Foreground process group of the terminal at fd.
 * Errors: AX_EBADF, AX_ENOTTY (fd is not a terminal, or not the caller's
 * controlling terminal; also a background caller of an orphaned group),
 * AX_EINVAL (pgid < 0), AX_EPERM (no such group in the caller's session),
 * AX_EINTR (SIGTTOU caught). */
AX_API SyscallResult sys_tcsetpgrp(int fd, int pgid);
AX_API SyscallResult sys_tcgetpgrp(int fd);
/* Window size of the terminal at fd (POSIX 2024 tcgetwinsize); setting it
 * sends SIGWINCH to the foreground group. Errors: AX_EBADF, AX_ENOTTY,
 * AX_EFAULT. */
AX_API SyscallResult sys_tcgetwinsize(int fd, WinSize *out);
AX_API SyscallResult sys_tcsetwinsize(int fd, const WinSize *ws);

/*
 * Pseudo-terminals, as Linux's devpts gives them (POSIX posix_openpt,
 * grantpt, unlockpt, ptsname; Linux's TIOCSCTTY).
 *
 * A pair is a master and a slave. The slave, /dev/pts/N, is a terminal
 * with everything the console has: the same line discipline (canonical
 * editing, echo, ISIG, VMIN/VTIME), job control (SIGTTIN, SIGTTOU,
 * tcsetpgrp), a window size whose change sends SIGWINCH to its
 * foreground group. Bytes written to the master are typed input of the
 * slave; bytes the slave writes, and its echo, are what the master reads,
 * with output processing: under OPOST and ONLCR (the default) "\n"
 * becomes "\r\n". tcgetattr, tcsetattr, tcgetwinsize, tcsetwinsize and
 * tcgetpgrp on the master act on the slave's terminal without job control
 * (this is how a terminal emulator reports a new size).
 *
 * Each direction holds at most 64 KiB unread: a writer waits for the
 * reader (AX_EAGAIN on an AX_O_NONBLOCK fd; echo that finds no room is
 * dropped). Reads and writes return what they moved when a wait is
 * interrupted after some bytes.
 *
 * Controlling terminal: a session leader that opens a slave without
 * AX_O_NOCTTY, while neither its session nor the slave has one, makes the
 * slave its session's controlling terminal with its own group in the
 * foreground (Linux's rule; it also holds for a sys_spawn file action of a
 * child made with AX_SPAWN_SETSID). sys_tiocsctty does it explicitly.
 * The master never becomes a controlling terminal; neither does the
 * console by being opened (kernel_spawn hands it out).
 *
 * Ends: a master read waits while the slave was never opened, and fails
 * with AX_EIO once every slave file is closed and the output is read; a
 * master write fails with AX_EIO while no slave file is open. Closing the
 * master hangs the slave up: the session leader it controls gets SIGHUP
 * and SIGCONT, its foreground group SIGHUP, the slave stops being a
 * controlling terminal, slave reads return what was typed and then 0 (end
 * of file), slave writes fail with AX_EIO, and /dev/pts/N is removed. At
 * most 256 pairs are open at once; N is the lowest free number.
 */

/* Open a new pair and return its master fd (the lowest free). flags:
 * AX_O_RDWR, optionally with AX_O_NOCTTY (no effect: a master is never a
 * controlling terminal), AX_O_NONBLOCK, AX_O_CLOEXEC. The slave is
 * /dev/pts/N (sys_ptsname), locked until sys_unlockpt.
 * Errors: AX_EINVAL (access mode not AX_O_RDWR, or another flag),
 * AX_EMFILE, AX_ENOSPC (256 pairs open), AX_ENOMEM. On error no pair
 * exists and no fd is allocated. Opening /dev/ptmx does the same. */
AX_API SyscallResult sys_posix_openpt(int flags);

/* Give the caller the slave of master fd (POSIX grantpt). axos has no
 * owners or modes to change yet, so it only checks fd. Returns 0.
 * Errors: AX_EBADF (fd not open), AX_EINVAL (fd is not a pty master). */
AX_API SyscallResult sys_grantpt(int fd);

/* Unlock the slave of master fd so that it can be opened; until then an
 * open of /dev/pts/N fails with AX_EIO. Returns 0.
 * Errors: AX_EBADF (fd not open), AX_EINVAL (fd is not a pty master). */
AX_API SyscallResult sys_unlockpt(int fd);

/* Store the slave's path ("/dev/pts/N", NUL-terminated) in buf of `size`
 * bytes (POSIX ptsname_r); returns its length without the NUL.
 * Errors: AX_EBADF (fd not open), AX_ENOTTY (fd is not a pty master),
 * AX_EINVAL (buf NULL), AX_ERANGE (size below length + 1). On error buf
 * is unchanged. */
AX_API SyscallResult sys_ptsname(int fd, char *buf, size_t size);

/* Make the terminal at fd the controlling terminal of the caller's
 * session, with the caller's group in the foreground (Linux's ioctl
 * TIOCSCTTY). force 1 takes it from the session it controls (Linux asks
 * for CAP_SYS_ADMIN, which every axos process has); any other value does
 * not. Returns 0, also when it already is the caller's.
 * Errors: AX_EBADF, AX_ENOTTY (fd is not a terminal, or a pty master),
 * AX_EPERM (the caller does not lead its session; its session has another
 * controlling terminal; or the terminal controls another session and
 * force is not 1). On error nothing changes. */
AX_API SyscallResult sys_tiocsctty(int fd, int force);

/* ======================================================================
 * Windows
 * ====================================================================== */

/*
 * A window is an fd. Frames go in by write(2), input events come out by
 * read(2):
 *
 *   - Frames. A write of exactly width*height*4 bytes presents one frame:
 *     width*height pixels, row-major from the top-left corner, each a
 *     uint32_t 0xAARRGGBB in host byte order (ARGB8888, SDL's name for it).
 *     Alpha is ignored: windows are opaque. Any other size fails with
 *     AX_EINVAL and presents nothing. A frame replaces the whole window.
 *   - Events. A read returns as many whole WindowEvent records as fit in
 *     the buffer and are queued (at least one); a buffer smaller than one
 *     record fails with AX_EINVAL. With no event queued the read blocks
 *     (see "Blocking"); on an AX_O_NONBLOCK fd (sys_fcntl F_SETFL) it fails
 *     with AX_EAGAIN.
 *   - The desktop. Every window of a kernel is a surface of one screen:
 *     one host window under SDL, memory when headless (1024x768 unless
 *     KernelConfig says). Windows are tiled, as the leaves of a binary
 *     space partition: a new window splits the focused window's tile in
 *     two, side by side when it is at least as wide as it is tall, one
 *     above the other otherwise, and takes the second half; a closed
 *     window's sibling takes the space. A window may instead float above
 *     the tiles at its frame's size. Each has a 2-pixel border, lit on the
 *     focused one.
 *   - Focus and input. A new window gets the focus, and so does a window
 *     clicked. Keys and text go to the focused window; mouse events to the
 *     window under the pointer, and while a button is held to the window
 *     it was pressed in, even outside it (coordinates may then fall outside
 *     the frame). AX_WEV_FOCUS tells a window it got (x = 1) or lost
 *     (x = 0) the focus. The desktop keeps the GUI ("Super") key for
 *     itself: Super+Tab and Super+Shift+Tab focus the next and previous
 *     window (in the order they were opened), Super+F floats or tiles the
 *     focused one, Super with a left drag moves a floating one; those keys,
 *     and text typed while Super is held, reach no window.
 *   - Size. The layout gives each window its room on the screen. When the
 *     room differs from the size the program was last told (at creation:
 *     the size it asked for), an AX_WEV_RESIZE event gives it, so the
 *     program may sys_window_resize its frame to fit and draw again. A
 *     frame of another size is scaled to fit (aspect kept, nearest pixel)
 *     and centred; mouse coordinates are always in frame pixels.
 *   - Presentation. Only what changed between two frames is composed
 *     again; the screen is presented at most once per refresh of the
 *     display (60 Hz when it says nothing), never blocking a task.
 *   - Lifetime. The window lives as long as its open file description:
 *     closing the last fd that refers to it destroys it, and so does the
 *     exit of the process that holds it (exit closes every fd), by any path
 *     (kill included). An AX_WEV_CLOSE event only asks: the window stays
 *     until the program closes it.
 *
 * Events wait in a per-window queue of AX_WINDOW_QUEUE_MAX records.
 * Consecutive mouse moves with the same buttons and modifiers are merged
 * into the latest one; when the queue is full, new events are dropped
 * (counted in WindowInfo.dropped): a program that does not read its
 * events, or writes frames without pause, holds up no other window.
 */

/* WindowEvent.type */
#define AX_WEV_KEY_DOWN 1   /* key, mod; repeats while held */
#define AX_WEV_KEY_UP 2     /* key, mod */
#define AX_WEV_TEXT 3       /* text: the characters a keystroke typed */
#define AX_WEV_MOUSE_MOVE 4 /* x, y, button = mask of held buttons, mod */
#define AX_WEV_MOUSE_DOWN 5 /* x, y, button = the button pressed, mod */
#define AX_WEV_MOUSE_UP 6   /* x, y, button = the button released, mod */
#define AX_WEV_RESIZE 7     /* width, height: new on-screen size in pixels */
#define AX_WEV_CLOSE 8      /* the user asked to close the window */
#define AX_WEV_FOCUS 9      /* x: 1 the window got the keyboard focus, 0 lost it */

/* WindowEvent.key: what the key means under the keyboard layout,
 * unshifted (SDL keycodes). Printable keys are their ASCII character, with
 * letters in lower case ('a', '7', '/', ' '); keypad digits and operators
 * give the same characters, keypad Enter gives AX_KEY_RETURN. */
#define AX_KEY_UNKNOWN 0
#define AX_KEY_BACKSPACE 8
#define AX_KEY_TAB 9
#define AX_KEY_RETURN 13
#define AX_KEY_ESCAPE 27
#define AX_KEY_SPACE 32
#define AX_KEY_DELETE 127
#define AX_KEY_UP 0x100
#define AX_KEY_DOWN 0x101
#define AX_KEY_LEFT 0x102
#define AX_KEY_RIGHT 0x103
#define AX_KEY_INSERT 0x104
#define AX_KEY_HOME 0x105
#define AX_KEY_END 0x106
#define AX_KEY_PAGEUP 0x107
#define AX_KEY_PAGEDOWN 0x108
#define AX_KEY_F1 0x110 /* F1..F12 are AX_KEY_F1 + 0..11 */
#define AX_KEY_F12 0x11B
#define AX_KEY_LSHIFT 0x120
#define AX_KEY_RSHIFT 0x121
#define AX_KEY_LCTRL 0x122
#define AX_KEY_RCTRL 0x123
#define AX_KEY_LALT 0x124
#define AX_KEY_RALT 0x125
#define AX_KEY_LGUI 0x126
#define AX_KEY_RGUI 0x127
#define AX_KEY_CAPSLOCK 0x128

/* WindowEvent.mod: modifier keys held when the event happened */
#define AX_KMOD_SHIFT 0x01
#define AX_KMOD_CTRL 0x02
#define AX_KMOD_ALT 0x04
#define AX_KMOD_GUI 0x08  /* the "Windows" / command key */
#define AX_KMOD_CAPS 0x10 /* caps lock is on */

/* Mouse buttons (WindowEvent.button of MOUSE_DOWN / MOUSE_UP); a
 * MOUSE_MOVE carries the held ones as a mask of AX_BUTTON_MASK bits. */
#define AX_BUTTON_LEFT 1
#define AX_BUTTON_MIDDLE 2
#define AX_BUTTON_RIGHT 3
#define AX_BUTTON_X1 4
#define AX_BUTTON_X2 5
#define AX_BUTTON_MASK(b) (1u << ((b)-1))

#define AX_WINDOW_MAX_SIDE 8192   /* pixels, width and height */
#define AX_WINDOW_QUEUE_MAX 256   /* events queued per window */
#define AX_CLIPBOARD_MAX (1u << 20) /* bytes of text the clipboard holds */

/* One input event: 48 bytes, the same on every host (no pointers, fixed
 * widths). Fields an event type does not use are zero. */
typedef struct WindowEvent {
    uint32_t type;         /* AX_WEV_* */
    uint32_t key;          /* KEY_DOWN / KEY_UP: AX_KEY_* */
    uint32_t mod;          /* AX_KMOD_* bits (key and mouse events) */
    uint32_t button;       /* MOUSE_DOWN / _UP: AX_BUTTON_*; MOUSE_MOVE: mask */
    int32_t x, y;          /* mouse events: pointer in frame pixels, may be
                              outside 0..width-1 while a button is held */
    int32_t width, height; /* RESIZE: on-screen size in pixels */
    char text[8];          /* TEXT: UTF-8, NUL-terminated (one character) */
    uint64_t time_ns;      /* kernel clock when the event was queued */
} WindowEvent;

/* Open a window titled `title` (cut to 63 bytes) with a frame of width x
 * height pixels; returns an fd, open for reading and writing, the lowest
 * free one. The window shows black until the first frame.
 * Errors: AX_EFAULT (title NULL), AX_EINVAL (width or height outside
 * 1..AX_WINDOW_MAX_SIDE), AX_ENODEV (the kernel has no window backend:
 * AX_WINDOW_NONE, or AX_WINDOW_SDL without a usable display), AX_EMFILE,
 * AX_ENOMEM. On error no window exists and no fd is allocated. */
AX_API SyscallResult sys_window_create(const char *title, int width, int height);

/* Store the frame size of the window at fd in *width and *height (pixels;
 * a write must be width*height*4 bytes). Returns 0.
 * Errors: AX_EBADF (fd is not an open window), AX_EFAULT (a NULL pointer).
 * On error nothing is stored. */
AX_API SyscallResult sys_window_size(int fd, int *width, int *height);

/* Change the frame size of the window at fd to width x height pixels
 * (each 1..AX_WINDOW_MAX_SIDE): from now on a write must be
 * width*height*4 bytes. The window shows black until the next frame; a
 * floating window's place grows or shrinks with it, a tile keeps its
 * room and scales the frame to fit. Usually the answer to AX_WEV_RESIZE.
 * Returns 0. Errors: AX_EBADF (fd is not an open window), AX_EINVAL (a
 * side out of range), AX_ENOMEM. On error the frame is unchanged. */
AX_API SyscallResult sys_window_resize(int fd, int width, int height);

/* Put n bytes of text (UTF-8, no NUL byte) on the desktop's clipboard,
 * replacing what was there; with the SDL backend, on the host's
 * clipboard too. n may be 0 (an empty clipboard). Returns 0.
 * Errors: AX_EFAULT (buf NULL with n > 0), AX_EINVAL (n over
 * AX_CLIPBOARD_MAX, or a NUL byte in the text), AX_ENOMEM. On error the
 * clipboard is unchanged. */
AX_API SyscallResult sys_clipboard_set(const void *buf, size_t n);

/* Copy the clipboard's text (no NUL added) into buf, at most n bytes;
 * returns the text's whole length, which may exceed n (call again with a
 * bigger buffer). With the SDL backend the host's clipboard is read
 * first, so text copied in another host program is there.
 * Errors: AX_EFAULT (buf NULL with n > 0). */
AX_API SyscallResult sys_clipboard_get(void *buf, size_t n);

/* ======================================================================
 * Fonts
 * ======================================================================
 *
 * Text drawn by the kernel, for programs that put it in their windows:
 * a font is an fd on a monospaced TrueType face at a pixel size, rendered
 * with SDL2_ttf (loaded at the first font). The faces are DejaVu Sans
 * Mono, from Debian's fonts-dejavu-core (in /usr/share/fonts/truetype/
 * dejavu, or the directory $AXOS_FONT_DIR names in the host's
 * environment); a style without its own file there is made from the
 * regular face. A glyph is a coverage mask of one character cell, which
 * the program blends in its own colours: rendered once, it is kept by
 * the font, so drawing the same text again costs a copy.
 */

#define AX_FONT_MIN_SIZE 6    /* pixels */
#define AX_FONT_MAX_SIZE 128

typedef struct FontMetrics {
    int cell_width;  /* pixels from one character to the next */
    int cell_height; /* pixels from one line to the next */
    int ascent;      /* from a cell's top down to the baseline */
    int descent;     /* from the baseline down (positive) */
    int size;        /* the size asked for */
} FontMetrics;

/* Open the face `name` ("monospace", "monospace-bold", "monospace-italic"
 * or "monospace-bold-italic") at size pixels; returns an fd (the lowest
 * free), which reads and writes nothing.
 * Errors: AX_EFAULT (name NULL), AX_ENOENT (no such face, or its font
 * file is missing), AX_EINVAL (size outside AX_FONT_MIN_SIZE..
 * AX_FONT_MAX_SIZE), AX_ENODEV (SDL2_ttf cannot be loaded), AX_EMFILE,
 * AX_ENOMEM. On error no fd is allocated. */
AX_API SyscallResult sys_font_open(const char *name, int size);

/* Store the metrics of the font at fd in *out. Returns 0.
 * Errors: AX_EBADF (fd is not a font), AX_EFAULT (out NULL). */
AX_API SyscallResult sys_font_metrics(int fd, FontMetrics *out);

/* Render the character `codepoint` (Unicode) of the font at fd into mask:
 * cell_width * cell_height bytes, row-major, 0 for background up to 255
 * for full ink, the baseline at row `ascent`. A character the face lacks
 * shows as the face's missing-glyph box. Returns the bytes written.
 * Errors: AX_EBADF (fd is not a font), AX_EFAULT (mask NULL), AX_EINVAL
 * (codepoint 0, a surrogate or above U+10FFFF), AX_ERANGE (n smaller than
 * a cell), AX_ENOMEM (no memory to keep the glyph), AX_EIO (SDL2_ttf
 * failed to render it). A character of no width (U+00AD) is a blank
 * cell. On error mask is unchanged. */
AX_API SyscallResult sys_font_glyph(int fd, uint32_t codepoint, uint8_t *mask, size_t n);

/* ======================================================================
 * Simulation: assertions a program makes (docs/simulation.md)
 *
 * The kinds of the Antithesis SDK. A run fails when an "always" assertion
 * is false or an "unreachable" one is reached; it goes on running (the
 * assertion records, it does not stop anything). A sweep over many seeds
 * reports the "sometimes" assertions that never held and the "reachable"
 * ones never reached in any seed. Each is the syscall sys_assert, so it is
 * part of the trace and the digest.
 * ====================================================================== */

#define AX_ASSERT_ALWAYS 0      /* cond must hold every time it is evaluated */
#define AX_ASSERT_SOMETIMES 1   /* cond must hold at least once in a sweep */
#define AX_ASSERT_REACHABLE 2   /* must be reached at least once in a sweep */
#define AX_ASSERT_UNREACHABLE 3 /* must never be reached */
#define AX_ASSERT_NAME_MAX 64   /* bytes of a name, NUL included */
#define AX_ASSERT_MAX 256       /* distinct names one kernel keeps */

/* Record that the assertion `name` of kind `kind` (AX_ASSERT_*) was
 * evaluated with cond (0 false, anything else true; ignored for the two
 * reachability kinds). The same name always has the same kind. Returns
 * value 1 when the assertion held (always, sometimes: cond; reachable: 1;
 * unreachable: 0), else 0. Errors: AX_EFAULT (name NULL), AX_EINVAL (kind
 * unknown, name empty, or the name was used before with another kind),
 * AX_ENAMETOOLONG (name of AX_ASSERT_NAME_MAX bytes or more), AX_ENOSPC
 * (AX_ASSERT_MAX names exist already); a failed call records nothing. */
AX_API SyscallResult sys_assert(int kind, int cond, const char *name);

#define ax_assert_always(cond, name) sys_assert(AX_ASSERT_ALWAYS, !!(cond), (name))
#define ax_assert_sometimes(cond, name) sys_assert(AX_ASSERT_SOMETIMES, !!(cond), (name))
#define ax_assert_reachable(name) sys_assert(AX_ASSERT_REACHABLE, 1, (name))
#define ax_assert_unreachable(name) sys_assert(AX_ASSERT_UNREACHABLE, 1, (name))

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

#define AX_STACK_GUARD_AUTO 0 /* guard pages while the host allows, then canaries */
#define AX_STACK_GUARD_OFF 1  /* no guard pages: canary checks only */
#define AX_DEFAULT_TRACE_RING 65536u

/* Where console output goes when KernelConfig.console_output is set:
 * stream 1 for what processes wrote to stdout-like console fds, 2 for
 * stderr (fd 2 at open time), and echo is stream 1. */
typedef void (*ConsoleSink)(void *ud, int stream, const void *buf, size_t n);

/* ----------------------------------------------------------------------
 * Simulation: fault plans (docs/simulation.md)
 *
 * A fault plan is a list of rules the dispatcher consults before each
 * syscall (and the kernel allocator before each allocation) while the plan
 * has rules; an empty plan costs the dispatcher nothing (it is one bit of
 * the kernel's work word, tested together with tracing's). A rule is a
 * match (which calls), a trigger (which of the matching calls) and an
 * action (what happens instead). Rules are tried in order; the first that
 * fires acts, but every rule counts every call it matches, so a rule's
 * "nth" does not depend on the rules before it. Every fired fault is a
 * trace event (category AX_TRACE_FAULT) and is folded into the digest.
 * ---------------------------------------------------------------------- */

#define AX_FAULT_RULES_MAX 64 /* rules in one plan */
#define AX_FAULT_PATH_MAX 64  /* bytes of a path prefix, NUL included */
#define AX_FAULT_NAME_MAX 32  /* bytes of a process name or object kind, NUL included */

/* FaultRule.on: what the rule matches. */
#define AX_FAULT_ON_SYSCALL 0 /* a syscall, before its handler runs */
#define AX_FAULT_ON_ALLOC 1   /* a kernel allocation made inside a syscall
                                 (KernelConfig.alloc's callers): it fails, and
                                 the call fails with AX_ENOMEM, changing nothing */

/* FaultRule.classes: groups of syscalls, by the block of syscalls.def
 * they are in (one bit each; a rule matches a call in any class it names). */
#define AX_FAULT_CLASS_FILE (1u << 0)    /* 0-39, 224-255: files, paths, sync */
#define AX_FAULT_CLASS_PROCESS (1u << 1) /* 40-69: spawn, exec, wait, env, heap */
#define AX_FAULT_CLASS_PIPE (1u << 2)    /* pipe */
#define AX_FAULT_CLASS_TIME (1u << 3)    /* sleep, clock_gettime, timers */
#define AX_FAULT_CLASS_MEMORY (1u << 4)  /* 80-99: regions, shm */
#define AX_FAULT_CLASS_SIGNAL (1u << 5)  /* 100-119 */
#define AX_FAULT_CLASS_IPC (1u << 6)     /* 256-319: poll, FIFOs, sockets, SysV IPC */
#define AX_FAULT_CLASS_CONSOLE (1u << 7) /* 140-159, 352-383: console, terminals */
#define AX_FAULT_CLASS_WINDOW (1u << 8)  /* 160-179 */
#define AX_FAULT_CLASS_ALL 0x1ffu

/* FaultRule.action */
#define AX_FAULT_ERRNO 1  /* the call fails with arg (an AX_E* errno), doing nothing */
#define AX_FAULT_SHORT 2  /* a read or write moves fewer bytes: arg bytes (0: a
                             length in [1, n-1] drawn from the seed); only calls
                             with a byte count, and only when it is 2 or more */
#define AX_FAULT_DELAY 3  /* the caller waits arg ns of kernel time, then the
                             call runs (a signal that comes ends the wait early) */
#define AX_FAULT_SIGNAL 4 /* signal arg is sent to the caller, which the call
                             then leaves with AX_EINTR without running: with
                             SIGKILL, "the process crashes here" */
#define AX_FAULT_FAIL 5   /* an AX_FAULT_ON_ALLOC rule's only action */
#define AX_FAULT_POWERLOSS 6 /* the machine loses power at this call: every
                                process dies (the caller last) and the file
                                system keeps what kernel_crash says */

typedef struct FaultRule {
    int on;                         /* AX_FAULT_ON_* */
    /* match (a field left at its "any" value matches every call) */
    int syscall;                    /* one SyscallNo; -1: any. For an alloc rule:
                                       the syscall in progress */
    unsigned classes;               /* AX_FAULT_CLASS_* bits; 0: any */
    char path[AX_FAULT_PATH_MAX];   /* prefix of the call's first path argument
                                       as the caller passed it (not resolved);
                                       "": any. A call without one never matches */
    char object[AX_FAULT_NAME_MAX]; /* kind of the object at the call's fd
                                       argument ("file", "dir", "pipe", "fifo",
                                       "console", "device", "socket", "timer"...);
                                       "": any. A call without an fd never matches */
    char proc[AX_FAULT_NAME_MAX];   /* the caller's process name (its program's
                                       basename); "": any */
    int pid;                        /* the caller's pid; 0: any */
    /* trigger */
    uint64_t nth;                   /* only the nth call the match selects (1 is
                                       the first); 0: any */
    double probability;             /* chance each selected call fires, in [0, 1],
                                       drawn from the kernel's seeded generator
                                       (a stream of its own: the schedule does
                                       not move when rules draw) */
    uint64_t after_ns;              /* only once the kernel clock reads this (ns) */
    uint64_t max_fires;             /* fires at most this many times; 0: no limit */
    /* action */
    int action;                     /* AX_FAULT_ERRNO, _SHORT, _DELAY, _SIGNAL, _FAIL,
                                       _POWERLOSS */
    int64_t arg;                    /* errno (1-4095), short bytes (>= 0), delay ns
                                       (> 0) or signal (1-64) */
} FaultRule;

/* One fault that fired, as kernel_faults_fired reports it. */
typedef struct FaultFired {
    uint64_t time_ns;  /* kernel clock */
    uint64_t nth;      /* the call was the rule's nth match */
    int rule;          /* index in the plan */
    int pid;
    int syscall;       /* SyscallNo of the call (for an alloc rule: the one in progress) */
    int action;        /* AX_FAULT_* */
    int64_t arg;       /* what it did: the errno, the bytes a short call moved
                          (the length asked for when it moved none), the delay, the signal */
} FaultFired;

/* All fields zero means the defaults, so `KernelConfig cfg = {0};` works. */
/* Programs shared by kernels made one after another (see
 * kernel_program_cache_new). */
typedef struct ProgramCache ProgramCache;

typedef struct KernelConfig {
    uint64_t seed;        /* drives AX_SCHED_RANDOM and /dev/random */
    int sched;            /* AX_SCHED_FIFO (default) or AX_SCHED_RANDOM */
    int clock;            /* AX_CLOCK_VIRTUAL (default) or AX_CLOCK_HOST */
    size_t stack_size;    /* bytes per task stack; 0: AX_DEFAULT_STACK_SIZE */
    int stack_guard;      /* AX_STACK_GUARD_*. Each stack normally has a
                             guard page below it (an overflow faults).
                             Stacks come in slabs (one host mapping per up
                             to 64) and are reused after exit. On Linux
                             6.13+ the guards (MADV_GUARD_INSTALL) cost no
                             host mapping; on older hosts each is an
                             mprotect that costs two, Linux allows
                             vm.max_map_count (65530) per process, and past
                             ~32,000 live tasks new stacks have no guard:
                             a canary at their base is checked at every
                             switch (an overflow ends the task with
                             SIGSEGV, after the fact). */
    uint64_t mem_limit;   /* system memory limit in bytes; 0: unlimited */
    size_t trace_ring;    /* events kept; 0: AX_DEFAULT_TRACE_RING */
    int window_backend;   /* AX_WINDOW_*; default AX_WINDOW_AUTO */
    int screen_width;     /* the desktop's size in pixels (1..AX_WINDOW_MAX_SIDE); */
    int screen_height;    /* 0: 1024x768. An SDL screen's host window may be resized */
    uint64_t boot_time_ns;/* AX_CLOCK_REALTIME at boot, ns since 1970 (the
                             wall clock then moves with the kernel clock);
                             0: 2026-01-01T00:00:00Z. The REPL passes the
                             host's real time under the host clock. */
    /* Allocation hook (Lua style): alloc(ud, NULL, n) allocates, alloc(ud,
     * p, n) resizes, alloc(ud, p, 0) frees and returns NULL. NULL: the host
     * malloc. Returning NULL for n > 0 makes the caller fail with AX_ENOMEM
     * and change nothing. Task stacks and process-heap blocks of 256 KiB
     * and more are host mappings (mmap), not allocations through this. */
    void *(*alloc)(void *ud, void *ptr, size_t size);
    void *alloc_ud;
    ConsoleSink console_output; /* NULL: output waits for take_output */
    void *console_ud;
    /* Limits on kernel resources (0: the default). Past one, the call
     * that would go beyond fails cleanly and changes nothing. */
    uint32_t max_procs;         /* processes at once, zombies included, init
                                   aside; spawn fails with AX_EAGAIN, as
                                   fork does; 0: AX_DEFAULT_MAX_PROCS */
    uint32_t max_session_procs; /* processes in one session (the same
                                   counting); 0 or more than max_procs:
                                   max_procs */
    uint32_t max_regions;       /* regions and shm attachments per process;
                                   beyond, AX_ENOMEM (Linux's
                                   vm.max_map_count); 0: AX_DEFAULT_MAX_REGIONS */
    uint64_t max_files;         /* open files (open file descriptions: files,
                                   pipe ends, timers...) in the whole kernel;
                                   beyond, AX_ENFILE; 0: AX_DEFAULT_MAX_FILES */
    /* Accounts. The boot writes /etc/passwd, /etc/group and /etc/shadow
     * (their standard formats, modes 0644, 0644 and 0640 root:shadow) with
     * root (uid 0, home /root) and one ordinary user: login name `user`
     * (NULL: "user"; 1 to 32 bytes of [a-z0-9_-], not starting with '-'
     * or a digit, not "root"), uid and gid 1000, its own group of the same
     * name, supplementary group "users" (100), home /home/NAME (mode 0755,
     * owned by it), shell /bin/sh. The strings are read by kernel_create
     * only. */
    const char *user;
    /* Their password fields in /etc/shadow: a crypt(3) hash as Debian's
     * libcrypt makes (crypt_gensalt "$y$": yescrypt), or NULL for "!" (no
     * password opens the account). A hash must not hold ':' or a newline. */
    const char *user_hash;
    const char *root_hash;
    /* Who the processes kernel_spawn starts are: AX_SESSION_ROOT (the
     * default) runs them as root with cwd "/"; AX_SESSION_USER as the
     * ordinary user (its uid, gid and groups) with cwd its home. Either
     * way HOME of the base environment is the account's home unless
     * kernel_setenv set it. */
    int session;
    /* The fault plan the kernel starts with (copied; see FaultRule):
     * nfaults rules at faults. An invalid rule makes kernel_create fail. */
    const FaultRule *faults;
    size_t nfaults;
    /* Bytes of regular-file data the file system holds: the sum of every
     * file's size (holes included, as a simple quota counts). A write
     * past it is short, or fails with AX_ENOSPC when no byte fits, and a
     * growing ftruncate fails with AX_ENOSPC, changing nothing. What the
     * host writes (the boot files) counts too, but is never refused. 0:
     * no limit but memory. */
    uint64_t fs_capacity;
    /* 1: keep track of what fsync made durable, so that kernel_crash (and
     * the powerloss fault action) can lose what was not. It costs a flag
     * per write, and for a file that was fsynced one copy of its data at
     * its next change. 0: off, until a fault plan with a powerloss rule
     * is set (tracking starts then). Other values: invalid. */
    int crash_model;
    /* NULL, or a cache from kernel_program_cache_new that this kernel's
     * kernel_load_program reads checked files from and leaves its idle
     * program copies in when it is destroyed. */
    ProgramCache *program_cache;
} KernelConfig;

#define AX_DEFAULT_MAX_PROCS 262144u
#define AX_DEFAULT_MAX_REGIONS 65530u
#define AX_DEFAULT_MAX_FILES 1048576u
#define AX_SESSION_ROOT 0
#define AX_SESSION_USER 1
#define AX_USER_UID 1000 /* uid and gid of the ordinary user the boot creates */

/* Create a kernel: the boot filesystem (/bin /dev /etc /home /root /tmp,
 * /etc/hostname, /etc/motd, the account files and the user's home), its
 * devices and init (pid 1, root). cfg NULL means the defaults. Returns
 * NULL when memory runs out or cfg is invalid (unknown sched, clock,
 * window_backend or session; a screen side negative or over
 * AX_WINDOW_MAX_SIDE; a bad user name; a hash with ':' or a newline; a
 * fault rule that kernel_fault_rule_check refuses). Several kernels may
 * exist in one process; each host thread runs at most one at a time. */
AX_API Kernel *kernel_create(const KernelConfig *cfg);

/* Free everything the kernel holds: processes (killed where still alive),
 * objects, files, memory. Must not be called from inside a task. */
AX_API void kernel_destroy(Kernel *k);

/* Install main as an executable program node at path (mode 0755), creating
 * missing parent directories, replacing a program already there.
 * Returns 0 or -AX_* (AX_EINVAL for a bad path or NULL main, AX_EISDIR,
 * AX_ENOMEM). */
AX_API int kernel_install_program(Kernel *k, const char *path, ProgramMain main);

/* The host's chmod and chown (as root: no permission check), for an
 * embedder setting up files before it starts processes. path is resolved
 * from "/"; uid or gid AX_ID_NONE leaves one; kernel_chown clears
 * AX_S_ISUID and AX_S_ISGID as sys_chown does. Returns 0, -AX_EINVAL (k
 * NULL) or a path error (-AX_EFAULT, -AX_ENOENT, -AX_ENOTDIR,
 * -AX_ENAMETOOLONG). */
AX_API int kernel_chmod(Kernel *k, const char *path, uint32_t mode);
AX_API int kernel_chown(Kernel *k, const char *path, uint32_t uid, uint32_t gid);

/* Install the bundled userland: /bin/sh and the programs in userland/bin.
 * Returns 0 or -AX_ENOMEM. */
AX_API int kernel_install_userland(Kernel *k);

/* ---- The disk: a file system kept in an SQLite database ----
 *
 * A disk is a backing store the VFS loads from at boot and writes its
 * changes to; the tree in memory stays the one every syscall works on. It
 * keeps the directories, regular files (content included) and FIFOs below
 * the root, with their modes, owners and times; not /dev, not the programs
 * (installed again at every boot), not socket names. The changes are
 * written in one SQLite transaction at sys_sync, at sys_fsync, at every
 * kernel_disk_sync (the REPL calls it on a timer of the host clock) and at
 * kernel_disk_close, so a crash of the host process at any moment leaves
 * the last committed state, never a mix. A write covers only the nodes
 * that changed since the last one. While a disk is open nobody else may
 * open its file (SQLite's exclusive lock). */

/* Attach the SQLite database at path as k's disk. A file that does not
 * exist, or is empty, becomes a new disk holding the tree as it is; an
 * axos disk replaces the tree below the root with the one it holds (/dev
 * stays): call this after kernel_create and before kernel_install_userland
 * and the first kernel_spawn. A file that is not an axos disk is never
 * written. On error, msg (may be NULL) gets a line saying why, for a
 * person, and the tree may be partly loaded: destroy the kernel.
 * Returns 0 or -AX_EINVAL (k or path NULL or empty), -AX_EEXIST (k has a
 * disk already), -AX_EACCES (the file cannot be read and written),
 * -AX_EISDIR, -AX_ENOENT (its directory does not exist), -AX_EBUSY
 * (another process has it open), -AX_EOPNOTSUPP (not an axos disk: another
 * kind of file, another program's SQLite database, or a newer format;
 * also every file in a library built with -DAXOS_WITH_DISK=OFF),
 * -AX_EIO (a corrupt database, or an SQLite error), -AX_ENOMEM. */
AX_API int kernel_disk_open(Kernel *k, const char *path, char *msg, size_t msglen);

/* Write the changes since the last write, in one transaction (nothing at
 * all when nothing changed). Must not be called from inside a task.
 * Returns 0, -AX_ENODEV (no disk) or -AX_EIO (the write failed; the disk
 * keeps its last committed state, and the next sync tries again). */
AX_API int kernel_disk_sync(Kernel *k);

/* A last kernel_disk_sync, then close the database and detach it. Returns
 * what that sync returned, or -AX_ENODEV. kernel_destroy closes an open
 * disk this way too, once every process is gone. */
AX_API int kernel_disk_close(Kernel *k);

typedef struct DiskInfo {
    uint64_t syncs;          /* writes that committed a transaction */
    uint64_t nodes;          /* nodes on the disk */
    uint64_t nodes_written;  /* by the last committed write: node records */
    uint64_t data_written;   /* ... of which with their content */
    uint64_t dirs_written;   /* ... directories whose entries were written */
    uint64_t nodes_deleted;  /* ... records of nodes that were gone */
    uint64_t bytes_written;  /* ... bytes of file content */
} DiskInfo;

/* Fill *out for k's disk. Returns 0 or -AX_ENODEV (no disk; *out zeroed). */
AX_API int kernel_disk_info(Kernel *k, DiskInfo *out);

/* Copy the contents of host directory hostdir into the directory at
 * absolute path (made with its parents when missing), at boot: files,
 * directories and FIFOs with their modes and times; an existing name is
 * replaced by the host's (directories merge). Host symbolic links are
 * never followed: axos has none yet, so they are left out, as are devices
 * and sockets, each with a warning on the host's stderr. With a disk, the
 * copy is written at the next sync. On error msg (may be NULL) says why;
 * what was copied before stays. Returns 0 or -AX_EINVAL (a relative path,
 * or one into /dev), -AX_ENOENT / -AX_ENOTDIR / -AX_EACCES (hostdir),
 * -AX_ENOTDIR (a file in the way in axos), -AX_EFBIG, -AX_EIO (a host read
 * failed), -AX_ENOMEM. */
AX_API int kernel_import(Kernel *k, const char *hostdir, const char *path, char *msg,
                         size_t msglen);

/* Copy the contents of the directory at absolute path out to host
 * directory hostdir (made when missing), at the end of a run: files,
 * directories and FIFOs with their modes and times, replacing host files
 * of the same names. Every host name is opened without following
 * symbolic links, so a link in hostdir cannot lead the copy elsewhere
 * (such a name fails with AX_EIO). Returns 0 or -AX_EINVAL, -AX_ENOENT /
 * -AX_ENOTDIR (path), -AX_EACCES (hostdir), -AX_EIO, -AX_ENOMEM, with msg
 * as for kernel_import. */
AX_API int kernel_export(Kernel *k, const char *path, const char *hostdir, char *msg,
                         size_t msglen);

/* Load a program built with the POSIX layer from the host file `file` (a
 * shared object made by axos-cc or axos_add_program) and install it at
 * `path` as kernel_install_program does. The file is read once, now: later
 * changes to it do not matter. Each process that runs the program gets its
 * own copy of it (its globals, errno, stdio and heap are its own), made
 * from that content; copies are reused after their process ends, reset to
 * their state at load. Before anything is installed the file is checked:
 * an ELF shared object for this machine, carrying the stamp of a layer
 * built for this axos (AX_PROGRAM_ABI, AX_VERSION_MAJOR.MINOR), with a
 * `main`, no thread-local storage, needing no library beyond the C and
 * math libraries, and calling no host function that could touch the
 * host's files or processes (only pure ones such as strlen or sin; the
 * layer provides the rest). kernel_load_error(k) then says what was wrong.
 * Returns 0, or -AX_EINVAL (k, path or file NULL; path as
 * kernel_install_program), -AX_ENOENT (no such file), -AX_EACCES (not
 * readable), -AX_EISDIR (a directory), -AX_ENOEXEC (not such a program,
 * built for another axos, no main, a forbidden call or library, or the
 * host's dynamic loader refused it), -AX_EFBIG (over 256 MiB), -AX_ENOMEM,
 * -AX_EMFILE (the host has no fd for the copy). On error nothing is
 * installed and the node at path is untouched. */
AX_API int kernel_load_program(Kernel *k, const char *path, const char *file);

/* A cache of loaded programs for kernels made one after another (axos
 * sweep makes one per seed). With KernelConfig.program_cache set to it,
 * kernel_load_program reads and checks a file once (a file whose inode,
 * size or modification time has changed since is read and checked
 * afresh), and the idle copies of it a kernel holds go to the cache at
 * kernel_destroy (up to 16 per file) instead of being closed; the next
 * kernel's processes take them, reset to their state right after load, as
 * a copy reused within one kernel is: no state crosses from one kernel to
 * the next. A refused file is not kept. The cache holds host memory and
 * one host fd per copy. One host thread uses it at a time. Returns NULL
 * when memory runs out. */
AX_API ProgramCache *kernel_program_cache_new(void);

/* Close every copy the cache holds and free it. Call it once every kernel
 * made with it is destroyed. NULL is a no-op. */
AX_API void kernel_program_cache_free(ProgramCache *c);

/* Why the last kernel_load_program on k failed: one line such as
 * "prog.so: calls socket, which programs in axos cannot reach", or "" when
 * it succeeded (or none was made). Valid until the next load. */
AX_API const char *kernel_load_error(Kernel *k);

/* Start a process from the host: a child of init, with fds 0, 1, 2 on
 * /dev/console, the credentials and cwd KernelConfig.session gives (root
 * in "/" by default), the kernel's base environment (PATH=/bin and HOME
 * unless kernel_setenv set them), in a new session
 * and process group that owns the console's foreground. argv NULL means
 * { path, NULL }. Returns the pid, or the error as sys_spawn gives it. The
 * process stays a zombie until kernel_wait reaps it. */
AX_API SyscallResult kernel_spawn(Kernel *k, const char *path, char *const argv[]);

/* Set NAME=value in the kernel's base environment, the one kernel_spawn
 * gives the processes it starts (the REPL puts TERM, USER, COLUMNS...
 * there). name: a non-empty string without '='; value: any string.
 * Replaces an existing NAME. Returns 0, -AX_EINVAL (NULL, empty or '='
 * in name, NULL value) or -AX_ENOMEM; a failure changes nothing.
 * Processes already running keep the environment they have, as on Linux. */
AX_API int kernel_setenv(Kernel *k, const char *name, const char *value);

typedef enum RunState {
    AX_RUN_EXITED = 0,   /* no process is left but init */
    AX_RUN_INPUT = 1,    /* every task is blocked and some wait on console input */
    AX_RUN_DEADLOCK = 2, /* every task is blocked, no timer pending, no input wait */
    AX_RUN_TIMEOUT = 3,  /* kernel_run_for: the time budget was used up */
    AX_RUN_STOPPED = 4,  /* every live process is stopped */
    AX_RUN_INTERRUPTED = 5, /* kernel_interrupt was called */
} RunState;

/* Run tasks until none can make progress; returns why it stopped. */
AX_API RunState kernel_run(Kernel *k);

/* As kernel_run, but return AX_RUN_TIMEOUT once the kernel clock has moved
 * ns past its value at the call. */
AX_API RunState kernel_run_for(Kernel *k, uint64_t ns);

/* Run until process pid (spawned with kernel_spawn) exits, then reap it
 * and store its wait status in *status (may be NULL). Returns 0, -AX_ECHILD
 * (no such host-spawned process), -AX_EINTR (kernel_interrupt came first),
 * or -AX_EDEADLK if the kernel stops making progress before pid exits (its
 * RunState is then what kernel_run gave). */
AX_API int kernel_wait(Kernel *k, int pid, int *status);

/* Ask a kernel_run, kernel_run_for or kernel_wait under way on this thread
 * (or the next one) to return, with AX_RUN_INTERRUPTED (-AX_EINTR for
 * kernel_wait), as soon as the running task makes a syscall, even one
 * that never blocks (`yes > /dev/null`): so a host's SIGTERM handler can
 * stop a busy machine and shut it down cleanly. Async-signal-safe; the
 * request is spent by the run that returns for it. A task that loops
 * making no syscall is not reached (the scheduler is cooperative). */
AX_API void kernel_interrupt(Kernel *k);

/* Set process pid's memory limit in bytes (0: unlimited), raising it too,
 * which the process itself cannot (see sys_set_memlimit).
 * Returns 0 or -AX_ESRCH (no such live process, or init). */
AX_API int kernel_set_memlimit(Kernel *k, int pid, uint64_t bytes);

/* Send sig to process pid from the host, as kill(2) from outside the
 * machine would (the target's handlers run when it next runs). pid > 0
 * only. A zombie exists until reaped: 0, and the signal has no effect.
 * Returns 0, -AX_ESRCH (no such process, or init), then -AX_EINVAL (sig
 * outside 1..64). */
AX_API int kernel_kill(Kernel *k, int pid, int sig);

/* The host side of /dev/console: push input (as typed, passed through the
 * line discipline), take output not yet taken. Return byte counts. */
AX_API size_t kernel_console_push_input(Kernel *k, const void *buf, size_t n);
AX_API size_t kernel_console_take_output(Kernel *k, void *buf, size_t n);
/* Deliver the terminal's signal character effect (^C etc.) to the console's
 * foreground group as the line discipline would (pending input is
 * flushed unless NOFLSH), but echo nothing: the character was not typed
 * on the console (to have it echoed as "^C" under ECHOCTL, push it with
 * kernel_console_push_input instead). sig is AX_SIGINT, AX_SIGTSTP or
 * AX_SIGQUIT. Returns 0, -AX_EINVAL (another sig) or -AX_ESRCH (no
 * foreground process group), the errors changing nothing. */
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
    int readers;     /* tasks parked reading the console or polling it
                        (an epoll watching it counts too) */
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

/* A 64-bit hash of the kernel's event stream so far, whether tracing is on
 * or not: every event category tracing records is folded in at the point
 * it happens (each syscall's number, integer arguments and result; context
 * switches; spawn, exec and exit with its status; signals sent, delivered,
 * stopping and continuing; timer expiries; pipes created). Strings, buffers
 * and pointers stay out, since addresses change from one host run to the
 * next; pointer results (heap_alloc...) count as success or their error.
 * Same seed, programs and input give the same digest; sys_trace_reset does
 * not reset it. */
AX_API uint64_t kernel_trace_digest(Kernel *k);

/* Counters, the same as sys_trace_summary fills. */
AX_API void kernel_trace_summary(Kernel *k, TraceSummary *out);

/* Turn event recording on (on != 0) or off from the host, as
 * sys_trace_enable / sys_trace_disable do; an embedder or the REPL calls it
 * before the first kernel_spawn to trace a whole run. Returns 0, or
 * -AX_ENOMEM when the ring cannot be allocated (tracing stays off). */
AX_API int kernel_trace_enable(Kernel *k, int on);

/* The host's sys_trace_read, which sees every process's events: copy up
 * to count events (from as there) into out and return how many were
 * copied (0 when out is NULL). */
AX_API size_t kernel_trace_read(Kernel *k, TraceEventInfo *out, size_t count, uint64_t from);

/* Zero every counter (TraceSummary) and empty the ring (sequence numbers
 * start again at 0, events_dropped is 0). The on/off state and the
 * process-group filter stay. The determinism digest is NOT reset: it
 * describes the whole run, and a run that resets its counters must still
 * compare equal to an identical run. Cannot fail. */
AX_API void kernel_trace_reset(Kernel *k);

/* Record only events of processes in process group pgid (0: every
 * process); counters and the digest are not filtered. Returns the previous
 * filter, or -AX_EINVAL (pgid < 0). */
AX_API int kernel_trace_filter(Kernel *k, int pgid);

/* Write the events in the ring as a Chrome trace event file (the JSON
 * object format: {"traceEvents": [...]}), which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open. One track per process:
 * pid and tid are the axos pid, with process_name / thread_name metadata
 * events naming each track after its program. Syscalls are complete
 * events ("ph":"X", "cat":"syscall") from entry to return; signals,
 * timers, process, scheduler, ipc and custom events are instants
 * ("ph":"i", "s":"t"). Times are microseconds of the kernel clock written
 * with three decimals, so no nanosecond is lost. Each event's args hold
 * its strace-style line and its seq; "otherData" holds the digest, the
 * dropped count and the clock. The output depends only on the ring (and
 * the names of live processes), so a deterministic run writes the same
 * file twice. Under AX_CLOCK_VIRTUAL the clock stands still while tasks
 * run, so spans have length zero except where a call waited for time; use
 * AX_CLOCK_HOST to see where host time goes. Does not change the ring.
 * Returns 0, -AX_EINVAL (k or out NULL), -AX_ENOMEM, or -AX_EIO when
 * writing to out failed (the file then holds a partial trace). */
AX_API int kernel_trace_write_json(Kernel *k, FILE *out);

/* Write the events in the ring as strace-style lines, oldest first:
 *   [pid 3] open("/etc/motd", O_RDONLY) = 3
 * preceded by "... N earlier events dropped ..." when the ring overflowed.
 * Deterministic as kernel_trace_write_json. Returns 0, -AX_EINVAL or
 * -AX_EIO (as above). */
AX_API int kernel_trace_write_text(Kernel *k, FILE *out);

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
    uint64_t stacks;      /* task stacks mapped: in use, or free and kept for
                             the next spawn (trimmed when the kernel is idle) */
    uint64_t stack_maps;  /* host mappings holding them */
    uint64_t images;      /* copies of loaded programs (kernel_load_program),
                             in use by a process or kept for reuse */
    uint64_t images_busy; /* of those, the ones a process is running */
} KernelStats;
AX_API void kernel_stats(Kernel *k, KernelStats *out);

/* ---- Windows, from the host (tests and embedders) ----
 * Windows are named by ids: small positive ints, counted up from 1 per
 * kernel, never reused while the kernel lives. These calls work with every
 * backend; they must not be called from inside a task. */

/* Store the ids of the open windows, oldest first, in ids[0..max-1];
 * returns how many windows are open (which may exceed max). ids may be
 * NULL when max is 0. Cannot fail. */
AX_API int kernel_window_list(Kernel *k, int *ids, int max);

typedef struct WindowInfo {
    int id;
    int pid;             /* the process that created it */
    int width, height;   /* frame size in pixels */
    uint64_t frames;     /* frames presented so far */
    uint32_t queued;     /* events waiting to be read */
    uint32_t dropped;    /* events lost to a full queue */
    char title[64];
    int x, y;            /* where the frame shows on the screen (pixels) */
    int shown_width, shown_height; /* its size there (scaled to fit) */
    int floating;        /* 1: above the tiles; 0: a tile */
    int focused;         /* 1: it has the keyboard focus */
} WindowInfo;

/* Fill *out for window id. Returns 0, -AX_ENOENT (no such window) or
 * -AX_EFAULT (out NULL; nothing is stored). */
AX_API int kernel_window_info(Kernel *k, int id, WindowInfo *out);

/* Queue *ev on window id as if the user had done it, and wake the tasks
 * reading it. time_ns is set to the kernel clock; the other fields are
 * taken as they are. Works with every backend (tests of the SDL backend
 * use it too). Returns 0, or -AX_EFAULT (ev NULL), -AX_ENOENT (no such
 * window), -AX_EINVAL (type not an AX_WEV_*, or text not NUL-terminated),
 * -AX_EAGAIN (the queue holds AX_WINDOW_QUEUE_MAX events; nothing queued). */
AX_API int kernel_window_inject(Kernel *k, int id, const WindowEvent *ev);

/* The last frame presented on window id: width*height pixels as written
 * (0xAARRGGBB, row-major), all zero before the first frame and after a
 * resize; *width and *height (either may be NULL) get the frame size. The
 * pointer stays valid until the next frame, resize, or the window's end.
 * Returns NULL for an unknown id, leaving *width and *height untouched.
 * kernel_screen_frame shows how the desktop composes it. */
AX_API const uint32_t *kernel_window_frame(Kernel *k, int id, int *width, int *height);

/* Move host input (SDL events) into the windows' queues now, waiting up to
 * wait_ns for the first event, and make the tasks reading those windows
 * ready (kernel_run then runs them). kernel_run does this by itself while
 * it runs; a host that waits on something else between runs (the REPL
 * reading its terminal) calls this to keep windows responsive. Returns
 * how many events were queued; 0 at once when no open window gets host
 * input (the headless backend never does). */
AX_API int kernel_window_pump(Kernel *k, uint64_t wait_ns);

/* ---- The desktop, from the host ----
 * The screen exists from the first sys_window_create on. */
typedef struct ScreenInfo {
    int width, height;     /* pixels */
    int focus;             /* id of the focused window, 0: none */
    int damaged;           /* rectangles changed and not yet presented */
    uint64_t damaged_area; /* pixels in them */
    uint64_t presents;     /* frames the backend was handed so far */
    int close_requested;   /* 1: the host asked to close the desktop (SDL's
                              close button); every window got AX_WEV_CLOSE */
} ScreenInfo;

/* Fill *out. Returns 0, -AX_EFAULT (out NULL) or -AX_ENODEV (no window
 * was ever opened: no screen yet). */
AX_API int kernel_screen_info(Kernel *k, ScreenInfo *out);

/* The composed screen: width*height ARGB pixels (alpha 0xFF), row-major,
 * after composing and presenting whatever changed. *width and *height
 * (either may be NULL) get the size. Valid until the next call into the
 * kernel. NULL before the screen exists. */
AX_API const uint32_t *kernel_screen_frame(Kernel *k, int *width, int *height);

/* Hand *ev to the desktop as if the user had done it on the screen: x, y
 * in screen pixels; routed as sys_window_create's comment says (focus,
 * grabs, the Super shortcuts, AX_WEV_RESIZE resizes the screen,
 * AX_WEV_CLOSE asks every window to close). Returns how many windows got
 * an event (0: the desktop took it, or no window was there), -AX_EFAULT,
 * -AX_EINVAL (type not an AX_WEV_* the user makes, text not
 * NUL-terminated) or -AX_ENODEV (no screen yet). */
AX_API int kernel_screen_input(Kernel *k, const WindowEvent *ev);

/* ======================================================================
 * Host API: simulation (fault plans, assertions; docs/simulation.md)
 * ====================================================================== */

/* Set *r to a rule that matches every syscall, fires every time, and
 * fails it with AX_EIO: a starting point to narrow down. */
AX_API void kernel_fault_rule_init(FaultRule *r);

/* Check one rule: 0, or -AX_EINVAL with a message (static string) in
 * *why when why is not NULL: unknown on/action/class bits, syscall out of
 * the table, unterminated path/object/proc, pid < 0, probability outside
 * [0, 1] (or NaN), errno outside 1-4095, signal outside 1-64, a delay of
 * 0, a short rule on a call that moves no bytes, an alloc rule with an
 * action other than AX_FAULT_FAIL. */
AX_API int kernel_fault_rule_check(const FaultRule *r, const char **why);

/* Parse a fault plan written as text (the --faults grammar of
 * docs/simulation.md: rules separated by ';', each a comma-separated
 * list of items such as `write,path=/data/,p=0.1,errno=EIO`) into
 * rules[0..cap). Sets *n to the number of rules. Returns 0, or
 * -AX_EINVAL when the text is malformed: err (errlen bytes, may be NULL)
 * then says where, as "column C: `item`: why" (C counts bytes from 1);
 * -AX_ENOSPC when it has more than cap rules. On error *n and rules are
 * left untouched. An empty or all-blank spec is a plan of no rules.
 * Pure: needs no kernel. */
AX_API int kernel_faults_parse(const char *spec, FaultRule *rules, size_t cap, size_t *n,
                               char *err, size_t errlen);

/* Write rules[0..n) as the text kernel_faults_parse reads back into the
 * same rules, NUL-terminated in buf (size bytes). Returns the length the
 * whole text needs, without the NUL (as snprintf): when that is size or
 * more, the text was cut. Pure. */
AX_API size_t kernel_faults_format(const FaultRule *rules, size_t n, char *buf, size_t size);

/* Replace k's fault plan with rules[0..n) (copied; n 0 removes the plan,
 * and with it all cost in the dispatcher). Every rule's count of matching
 * calls starts again from 0; the log of fired faults is kept. Returns 0,
 * -AX_EINVAL (rules NULL with n > 0, n > AX_FAULT_RULES_MAX, or a rule
 * kernel_fault_rule_check refuses) or -AX_ENOMEM; on error the old plan
 * stays. Callable between runs or from a task's host callback. */
AX_API int kernel_set_faults(Kernel *k, const FaultRule *rules, size_t n);

/* The faults fired since boot, oldest first: copies up to cap of them
 * into out (may be NULL with cap 0) and returns how many there are. */
AX_API size_t kernel_faults_fired(Kernel *k, FaultFired *out, size_t cap);

/* The rule that fires exactly the fault f of a run under plan rules:
 * f's rule with trigger nth = f->nth, probability 1, no time or count
 * limit, and for a short fault the length it moved. Replaying a seed with
 * such rules (one per fault kept) repeats those faults, which is how a
 * sweep shrinks a failing run. Returns 0, or -AX_EINVAL (f's rule not in
 * rules[0..n)). */
AX_API int kernel_fault_replay_rule(const FaultRule *rules, size_t n, const FaultFired *f,
                                    FaultRule *out);

/* Power loss, as the ALICE study of application crash consistency models
 * it: every process but init dies at once with SIGKILL (no handler runs);
 * then each regular file whose data a process changed since its last
 * fsync (or sync) is, by the seed, kept (every change reached the disk),
 * dropped (back to what the last fsync left; a file made since is empty)
 * or torn (its new size, but the new bytes only up to a seeded offset:
 * past it the old bytes, or zeros). Directory entries stay as they are (a
 * journaled file system's ordered metadata: a rename is durable, the
 * renamed file's data is not). The same Kernel then goes on as a fresh
 * boot on that disk: kernel_spawn the program's recovery. Folded into
 * the digest; a trace event ("powerloss"). Returns 0, -AX_EBUSY when
 * called from inside a task (use the AX_FAULT_POWERLOSS action there),
 * -AX_EINVAL (k NULL, or no crash model: KernelConfig.crash_model was 0
 * and no powerloss rule was ever set; nothing is done) or -AX_ENOMEM
 * (some files were left as they were). */
AX_API int kernel_crash(Kernel *k);

/* Power losses since boot (kernel_crash and AX_FAULT_POWERLOSS). */
AX_API uint64_t kernel_crashes(Kernel *k);

/* Bytes of regular-file data in k's file system: what
 * KernelConfig.fs_capacity limits. */
AX_API uint64_t kernel_fs_used(Kernel *k);

/* Boot `to` on the disk `from` holds: replace to's file tree with a copy
 * of the part of from's that a disk keeps (every directory, regular file,
 * FIFO and symbolic link below the root, with their modes, owners and
 * times; a file with several names becomes one file per name; not /dev,
 * not program nodes, not socket names, not unlinked open files), so that
 * a recovery program runs in a fresh machine on what a power loss
 * (kernel_crash) left in another, as after a real reboot. `from` is not
 * changed and may be destroyed afterwards. Call it on a `to` straight
 * from kernel_create (no process but init, no disk attached), BEFORE
 * kernel_install_userland and kernel_load_program: the copy replaces
 * /bin with from's, which holds no programs. Host context only.
 * Returns 0, -AX_EINVAL (a NULL kernel, or to == from), -AX_EBUSY (called
 * from a task, `to` has processes besides init or a disk) or -AX_ENOMEM;
 * after -AX_ENOMEM to's tree is partly copied: destroy it. */
AX_API int kernel_fs_copy(Kernel *to, Kernel *from);

/* One assertion's record (sys_assert). */
typedef struct AssertInfo {
    char name[AX_ASSERT_NAME_MAX];
    int kind;        /* AX_ASSERT_* */
    uint64_t hits;   /* times evaluated (reached) */
    uint64_t passes; /* times it held (sys_assert's value 1) */
} AssertInfo;

/* The assertions made since boot, in the order first made: copies up to
 * cap into out and returns how many there are. */
AX_API size_t kernel_assertions(Kernel *k, AssertInfo *out, size_t cap);

/* How many times an assertion failed in this run (an always that was
 * false, an unreachable that was reached); 0 when none did. */
AX_API uint64_t kernel_assert_failures(Kernel *k);

/* What a scenario library (axos sweep --scenario lib.so) exports, under
 * these names: for each seed the runner creates a fresh kernel (virtual
 * clock, the seed, the --sched policy and the --faults plan), installs the
 * userland, and calls
 *   int ax_scenario_setup(Kernel *k, int argc, char **argv)
 * (argc/argv: the words after --scenario lib.so), which installs the
 * scenario's programs and spawns its processes with kernel_spawn. It
 * returns the pid of the process whose end ends the run (its exit status
 * must be 0 and it must not be killed by a signal), or a negative number
 * to fail the seed. Once that process is reaped and the machine has run
 * down, the optional
 *   int ax_scenario_check(Kernel *k)
 * looks at the end state (files, assertions) and returns 0 when it is
 * right; nonzero fails the seed ("the scenario's own check"). The library
 * is loaded into the axos executable, which provides every kernel_* and
 * sys_* function: build it as a module that does not link libaxos. */
typedef int (*ScenarioSetup)(Kernel *k, int argc, char **argv);
typedef int (*ScenarioCheck)(Kernel *k);
/* And, for scenarios that meet a power loss (the powerloss fault action,
 * kernel_crash), the optional
 *   int ax_scenario_recover(Kernel *k)
 * which the runner calls after the main process has ended, when the run
 * had a power loss: it spawns the program's recovery into the same kernel
 * (a fresh boot's view of the disk the crash left) and returns its pid,
 * whose exit status is then the verdict (negative: fail the seed). */
typedef int (*ScenarioRecover)(Kernel *k);

#ifdef __cplusplus
}
#endif
#endif /* AXOS_H */
