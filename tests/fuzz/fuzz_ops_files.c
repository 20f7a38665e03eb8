/* Fuzz ops: fds, files, directories, pipes. */
#include "fuzz.h"

static SyscallResult op_open(FzTask *t) {
    const char *path = fz_path(t);
    int flags = fz_oflags(t);
    uint32_t mode = fz_u16(t) & 07777;
    fz_arm(t, "open");
    return sys_open(path, flags, mode);
}

static SyscallResult op_close(FzTask *t) {
    int fd = fz_fd(t);
    fz_arm(t, "close");
    return sys_close(fd);
}

static SyscallResult op_read(FzTask *t) {
    int fd = fz_fd(t);
    size_t n = fz_size(t, FZ_SCRATCH);
    void *buf = (fz_u8(t) % 16 == 0) ? NULL : t->scratch; /* NULL: promised AX_EFAULT */
    fz_arm(t, "read");
    return sys_read(fd, buf, n);
}

static SyscallResult op_write(FzTask *t) {
    int fd = fz_fd(t);
    size_t n = fz_size(t, FZ_WRITE_MAX);
    const void *buf = (fz_u8(t) % 16 == 0) ? NULL : fz_zeros;
    fz_arm(t, "write");
    return sys_write(fd, buf, n);
}

static SyscallResult op_lseek(FzTask *t) {
    int fd = fz_fd(t);
    int64_t off = fz_off(t);
    int whence = fz_u8(t) % 5; /* 3 and 4: bad */
    fz_arm(t, "lseek");
    return sys_lseek(fd, off, whence);
}

static SyscallResult op_dup(FzTask *t) {
    int fd = fz_fd(t);
    fz_arm(t, "dup");
    return sys_dup(fd);
}

static SyscallResult op_dup2(FzTask *t) {
    int fd = fz_fd(t), newfd = fz_fd(t);
    fz_arm(t, "dup2");
    return sys_dup2(fd, newfd);
}

static SyscallResult op_fcntl(FzTask *t) {
    int fd = fz_fd(t);
    int cmd = fz_u8(t) % 9; /* 8: unknown */
    int64_t arg = (fz_u8(t) & 1) ? (int64_t)fz_oflags(t) : (int64_t)fz_fd(t);
    if (cmd == AX_F_GETLK || cmd == AX_F_SETLK || cmd == AX_F_SETLKW) {
        /* the lock commands take a RecordLock: the scratch, or NULL */
        RecordLock *rl = (RecordLock *)t->scratch;
        uint8_t b = fz_u8(t);
        *rl = (RecordLock){(int16_t)(b % 4), (int16_t)(b / 4 % 4), fz_off(t), fz_off(t), 0};
        arg = b >= 240 ? 0 : (int64_t)(intptr_t)rl;
    }
    fz_arm(t, "fcntl");
    return sys_fcntl(fd, cmd, arg);
}

static SyscallResult op_pipe(FzTask *t) {
    int fds[2];
    uint8_t b = fz_u8(t);
    int flags = b < 200 ? (b & 1 ? AX_O_NONBLOCK : 0) | (b & 2 ? AX_O_CLOEXEC : 0)
                        : (int)fz_u32(t);
    int *p = b % 23 == 0 ? NULL : fds;
    fz_arm(t, "pipe2");
    return sys_pipe2(p, flags);
}

static SyscallResult op_stat(FzTask *t) {
    const char *path = fz_path(t);
    FileStat *st = (fz_u8(t) % 16 == 0) ? NULL : (FileStat *)t->scratch;
    fz_arm(t, "stat");
    return sys_stat(path, st);
}

static SyscallResult op_fstat(FzTask *t) {
    int fd = fz_fd(t);
    FileStat *st = (fz_u8(t) % 16 == 0) ? NULL : (FileStat *)t->scratch;
    fz_arm(t, "fstat");
    return sys_fstat(fd, st);
}

static SyscallResult op_mkdir(FzTask *t) {
    const char *path = fz_path(t);
    uint32_t mode = fz_u16(t);
    fz_arm(t, "mkdir");
    return sys_mkdir(path, mode);
}

static SyscallResult op_rmdir(FzTask *t) {
    const char *path = fz_path(t);
    fz_arm(t, "rmdir");
    return sys_rmdir(path);
}

static SyscallResult op_unlink(FzTask *t) {
    const char *path = fz_path(t);
    fz_arm(t, "unlink");
    return sys_unlink(path);
}

static SyscallResult op_rename(FzTask *t) {
    const char *from = fz_path(t), *to = fz_path(t);
    fz_arm(t, "rename");
    return sys_rename(from, to);
}

static SyscallResult op_chdir(FzTask *t) {
    const char *path = fz_path(t);
    fz_arm(t, "chdir");
    return sys_chdir(path);
}

static SyscallResult op_getcwd(FzTask *t) {
    size_t n = fz_u8(t) % 40;
    char *buf = n == 39 ? NULL : (char *)t->scratch;
    fz_arm(t, "getcwd");
    return sys_getcwd(buf, n);
}

static SyscallResult op_readdir(FzTask *t) {
    int fd = fz_fd(t);
    size_t count = fz_u8(t) % (FZ_SCRATCH / sizeof(DirEntry) + 1);
    DirEntry *ents = (fz_u8(t) % 16 == 0) ? NULL : (DirEntry *)t->scratch;
    fz_arm(t, "readdir");
    return sys_readdir(fd, ents, count);
}

static SyscallResult op_ftruncate(FzTask *t) {
    int fd = fz_fd(t);
    int64_t len = fz_off(t);
    fz_arm(t, "ftruncate");
    return sys_ftruncate(fd, len);
}

static SyscallResult op_exists(FzTask *t) {
    const char *path = fz_path(t);
    fz_arm(t, "exists");
    return sys_exists(path);
}

const FzOp fz_ops_files[] = {
    op_open,  op_open,  op_close, op_read,   op_write, op_write,     op_lseek,
    op_dup,   op_dup2,  op_fcntl, op_pipe,   op_pipe,  op_stat,      op_fstat,
    op_mkdir, op_rmdir, op_unlink, op_rename, op_chdir, op_getcwd,   op_readdir,
    op_ftruncate, op_exists, NULL,
};
