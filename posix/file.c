/* The path calls: stat, lstat, mkdir, rmdir, unlink, rename, access,
 * chdir, getcwd, umask, link, symlink, readlink and realpath, with their
 * *at forms (the kernel's, relative to any directory fd), FIFOs, file
 * times, owners and modes. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <utime.h>
#include <unistd.h>

#include "canon.h"
#include "posix/internal.h"

static struct timespec ts_of(uint64_t ns) {
    return (struct timespec){.tv_sec = (time_t)(ns / 1000000000u), .tv_nsec = (long)(ns % 1000000000u)};
}

/* A FileStat as struct stat. File times are kept on the kernel clock
 * (ns since boot); stat's are since the epoch. */
static void stat_fill(struct stat *st, const FileStat *fs) {
    memset(st, 0, sizeof *st);
    st->st_dev = fs->dev;
    st->st_ino = fs->ino;
    st->st_mode = fs->mode;
    st->st_nlink = fs->nlink;
    st->st_uid = fs->uid;
    st->st_gid = fs->gid;
    st->st_rdev = fs->rdev;
    st->st_size = (off_t)fs->size;
    st->st_blksize = 4096;
    st->st_blocks = (blkcnt_t)fs->blocks;
    int64_t boot = px_boot_ns();
    st->st_atim = ts_of(fs->atime_ns + (uint64_t)boot);
    st->st_mtim = ts_of(fs->mtime_ns + (uint64_t)boot);
    st->st_ctim = ts_of(fs->ctime_ns + (uint64_t)boot);
}

/* The *at flags go to the kernel as they are: Linux gives them the same
 * values on every architecture, and the kernel checks them. */
_Static_assert(AT_FDCWD == AX_AT_FDCWD && AT_SYMLINK_NOFOLLOW == AX_AT_SYMLINK_NOFOLLOW &&
                   AT_REMOVEDIR == AX_AT_REMOVEDIR && AT_EACCESS == AX_AT_EACCESS &&
                   AT_SYMLINK_FOLLOW == AX_AT_SYMLINK_FOLLOW &&
                   AT_NO_AUTOMOUNT == AX_AT_NO_AUTOMOUNT && AT_EMPTY_PATH == AX_AT_EMPTY_PATH,
               "AT_* flags are Linux's");

int stat(const char *path, struct stat *st) {
    FileStat fs;
    if (!st)
        return px_fail(EFAULT);
    if (px_ret(sys_stat(path, &fs)) < 0)
        return -1;
    stat_fill(st, &fs);
    return 0;
}

/* The large-file names: on 64-bit hosts struct stat64 is struct stat. */
_Static_assert(sizeof(struct stat64) == sizeof(struct stat), "stat64 is stat");
int stat64(const char *path, struct stat64 *st) {
    return stat(path, (struct stat *)st);
}

int lstat(const char *path, struct stat *st) {
    FileStat fs;
    if (!st)
        return px_fail(EFAULT);
    if (px_ret(sys_lstat(path, &fs)) < 0)
        return -1;
    stat_fill(st, &fs);
    return 0;
}
int lstat64(const char *path, struct stat64 *st) {
    return lstat(path, (struct stat *)st);
}

int fstat(int fd, struct stat *st) {
    FileStat fs;
    if (!st)
        return px_fail(EFAULT);
    if (px_ret(sys_fstat(fd, &fs)) < 0)
        return -1;
    stat_fill(st, &fs);
    return 0;
}
int fstat64(int fd, struct stat64 *st) {
    return fstat(fd, (struct stat *)st);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags) {
    FileStat fs;
    if (!st)
        return px_fail(EFAULT);
    if (px_ret(sys_fstatat(dirfd, path, &fs, flags)) < 0)
        return -1;
    stat_fill(st, &fs);
    return 0;
}
int fstatat64(int dirfd, const char *path, struct stat64 *st, int flags) {
    return fstatat(dirfd, path, (struct stat *)st, flags);
}

int mkdir(const char *path, mode_t mode) {
    return (int)px_ret(sys_mkdir(path, (uint32_t)mode));
}

int mkdirat(int dirfd, const char *path, mode_t mode) {
    return (int)px_ret(sys_mkdirat(dirfd, path, (uint32_t)mode));
}

int rmdir(const char *path) {
    return (int)px_ret(sys_rmdir(path));
}

int unlink(const char *path) {
    return (int)px_ret(sys_unlink(path));
}

int unlinkat(int dirfd, const char *path, int flags) {
    return (int)px_ret(sys_unlinkat(dirfd, path, flags));
}

/* POSIX remove: a directory is removed as rmdir would, anything else as
 * unlink would. */
int remove(const char *path) {
    struct stat st;
    if (stat(path, &st) < 0)
        return -1;
    return S_ISDIR(st.st_mode) ? rmdir(path) : unlink(path);
}

int rename(const char *oldpath, const char *newpath) {
    return (int)px_ret(sys_rename(oldpath, newpath));
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
    return (int)px_ret(sys_renameat(olddirfd, oldpath, newdirfd, newpath));
}

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
              unsigned int flags) {
    if (flags)
        return px_fail(EINVAL);
    return renameat(olddirfd, oldpath, newdirfd, newpath);
}

static int access_mode(int mode) {
    return (mode & R_OK ? AX_R_OK : 0) | (mode & W_OK ? AX_W_OK : 0) | (mode & X_OK ? AX_X_OK : 0) |
           (mode & ~(R_OK | W_OK | X_OK) ? 8 : 0); /* stray bits: the kernel's EINVAL */
}

int access(const char *path, int mode) {
    return (int)px_ret(sys_access(path, access_mode(mode)));
}

int faccessat(int dirfd, const char *path, int mode, int flags) {
    return (int)px_ret(sys_faccessat(dirfd, path, access_mode(mode), flags));
}

/* GNU: access judged with the effective ids. */
int euidaccess(const char *path, int mode) {
    return faccessat(AT_FDCWD, path, mode, AT_EACCESS);
}
int eaccess(const char *path, int mode) __attribute__((alias("euidaccess")));

int chdir(const char *path) {
    return (int)px_ret(sys_chdir(path));
}

int fchdir(int fd) {
    return (int)px_ret(sys_fchdir(fd));
}

/* POSIX getcwd, with glibc's extension: buf NULL allocates (size bytes,
 * or as many as needed when size is 0). */
char *getcwd(char *buf, size_t size) {
    if (buf) {
        if (size == 0) {
            errno = EINVAL;
            return NULL;
        }
        return px_ret(sys_getcwd(buf, size)) < 0 ? NULL : buf;
    }
    char tmp[AX_PATH_MAX + 1];
    SyscallResult r = sys_getcwd(tmp, sizeof tmp);
    if (px_ret(r) < 0)
        return NULL;
    size_t need = (size_t)r.value + 1;
    if (size && size < need) {
        errno = ERANGE;
        return NULL;
    }
    char *out = malloc(size ? size : need);
    if (out)
        memcpy(out, tmp, need);
    return out;
}

char *__getcwd_chk(char *buf, size_t size, size_t buflen) {
    if (size > buflen)
        __chk_fail();
    return getcwd(buf, size);
}

char *get_current_dir_name(void) {
    return getcwd(NULL, 0);
}

char *getwd(char *buf) {
    return getcwd(buf, PATH_MAX);
}

mode_t umask(mode_t mask) {
    return (mode_t)sys_umask((uint32_t)mask).value;
}

ssize_t readlink(const char *path, char *buf, size_t size) {
    return (ssize_t)px_ret(sys_readlink(path, buf, size));
}

ssize_t __readlink_chk(const char *path, char *buf, size_t size, size_t buflen) {
    if (size > buflen)
        __chk_fail();
    return readlink(path, buf, size);
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size) {
    return (ssize_t)px_ret(sys_readlinkat(dirfd, path, buf, size));
}

/* The absolute path with ".", ".." and symbolic links resolved; every
 * component must exist (ulib's u_canonicalize, shared with realpath(1)). */
char *realpath(const char *path, char *resolved) {
    char out[AX_PATH_MAX];
    SyscallError e = u_canonicalize(path, U_CANON_EXISTING, out, sizeof out);
    if (e != AX_OK) {
        errno = (int)e;
        return NULL;
    }
    if (!resolved)
        return strdup(out);
    return strcpy(resolved, out);
}

char *__realpath_chk(const char *path, char *resolved, size_t resolvedlen) {
    if (resolvedlen < PATH_MAX)
        __chk_fail();
    return realpath(path, resolved);
}

char *canonicalize_file_name(const char *path) {
    return realpath(path, NULL);
}

/* ---- owners and modes ---- */

int chmod(const char *path, mode_t mode) {
    return (int)px_ret(sys_chmod(path, mode));
}

int fchmod(int fd, mode_t mode) {
    return (int)px_ret(sys_fchmod(fd, mode));
}

/* AT_SYMLINK_NOFOLLOW on a link is EOPNOTSUPP, as glibc's fchmodat says
 * (the kernel's fchmodat2). */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags) {
    return (int)px_ret(sys_fchmodat(dirfd, path, mode, flags));
}

int chown(const char *path, uid_t uid, gid_t gid) {
    return (int)px_ret(sys_chown(path, uid, gid));
}

int fchown(int fd, uid_t uid, gid_t gid) {
    return (int)px_ret(sys_fchown(fd, uid, gid));
}

int lchown(const char *path, uid_t uid, gid_t gid) {
    return (int)px_ret(sys_lchown(path, uid, gid));
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags) {
    return (int)px_ret(sys_fchownat(dirfd, path, uid, gid, flags));
}

/* ---- links ---- */

int link(const char *oldpath, const char *newpath) {
    return (int)px_ret(sys_link(oldpath, newpath));
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags) {
    return (int)px_ret(sys_linkat(olddirfd, oldpath, newdirfd, newpath, flags));
}

int symlink(const char *target, const char *linkpath) {
    return (int)px_ret(sys_symlink(target, linkpath));
}

int symlinkat(const char *target, int newdirfd, const char *linkpath) {
    return (int)px_ret(sys_symlinkat(target, newdirfd, linkpath));
}

/* No other roots in axos. */
int chroot(const char *path) {
    (void)path;
    return px_fail(ENOSYS);
}

/* ---- FIFOs and other nodes ---- */

int mknod(const char *path, mode_t mode, dev_t dev) {
    return (int)px_ret(sys_mknod(path, (uint32_t)mode, (uint64_t)dev));
}

int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev) {
    return (int)px_ret(sys_mknodat(dirfd, path, (uint32_t)mode, (uint64_t)dev));
}

int mkfifo(const char *path, mode_t mode) {
    return (int)px_ret(sys_mkfifo(path, (uint32_t)mode));
}

int mkfifoat(int dirfd, const char *path, mode_t mode) {
    return (int)px_ret(sys_mknodat(dirfd, path, (uint32_t)mode | AX_S_IFIFO, 0));
}

/* ---- file times: the kernel keeps them on its own clock (ns since
 * boot); programs give times since the epoch ---- */

static int ts_to_kernel(const struct timespec *ts, int64_t *out) {
    if (ts->tv_nsec == UTIME_NOW) {
        *out = AX_UTIME_NOW;
        return 0;
    }
    if (ts->tv_nsec == UTIME_OMIT) {
        *out = AX_UTIME_OMIT;
        return 0;
    }
    if (ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)
        return px_fail(EINVAL);
    *out = (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec - px_boot_ns();
    return 0;
}

int futimens(int fd, const struct timespec times[2]) {
    int64_t t[2];
    if (times && (ts_to_kernel(&times[0], &t[0]) < 0 || ts_to_kernel(&times[1], &t[1]) < 0))
        return -1;
    return (int)px_ret(sys_futimens(fd, times ? t : NULL));
}

/* glibc's wrapper refuses a NULL path (EINVAL) that the Linux call would
 * take as futimens(dirfd). (glibc declares path nonnull, and GCC drops a
 * test of it despite -fno-delete-null-pointer-checks: the empty asm hides
 * where the value comes from.) */
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags) {
    __asm__("" : "+r"(path));
    if (!path)
        return px_fail(EINVAL);
    int64_t t[2];
    if (times && (ts_to_kernel(&times[0], &t[0]) < 0 || ts_to_kernel(&times[1], &t[1]) < 0))
        return -1;
    return (int)px_ret(sys_utimensat(dirfd, path, times ? t : NULL, flags));
}

int utimes(const char *path, const struct timeval tv[2]) {
    if (!tv)
        return utimensat(AT_FDCWD, path, NULL, 0);
    struct timespec ts[2];
    for (int i = 0; i < 2; i++) {
        if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
            return px_fail(EINVAL);
        ts[i] = (struct timespec){tv[i].tv_sec, tv[i].tv_usec * 1000};
    }
    return utimensat(AT_FDCWD, path, ts, 0);
}

int futimes(int fd, const struct timeval tv[2]) {
    if (!tv)
        return futimens(fd, NULL);
    struct timespec ts[2] = {{tv[0].tv_sec, tv[0].tv_usec * 1000}, {tv[1].tv_sec, tv[1].tv_usec * 1000}};
    return futimens(fd, ts);
}

int utime(const char *path, const struct utimbuf *t) {
    if (!t)
        return utimensat(AT_FDCWD, path, NULL, 0);
    struct timespec ts[2] = {{t->actime, 0}, {t->modtime, 0}};
    return utimensat(AT_FDCWD, path, ts, 0);
}
