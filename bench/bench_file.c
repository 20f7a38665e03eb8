/* file: writing 100 MB into a new regular file in 1 MiB writes, then
 * reading it back, against the same on the host's tmpfs (/dev/shm). Each
 * repetition starts from a fresh file, so both sides pay for getting the
 * memory (page faults on the host's side as on axos's); unlinking it is
 * outside the timing. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "bench.h"

#define TMPFS_MAGIC_NUMBER 0x01021994
#define CHUNK ((size_t)1 << 20)

/* One file system's calls, so one loop times both. */
typedef struct FileOps {
    int (*create)(const char *path);          /* an fd, or -1 */
    long (*write)(int fd, const void *buf, size_t n);
    long (*pread0)(int fd);                    /* back to offset 0: 0 or -1 */
    long (*read)(int fd, void *buf, size_t n);
    int (*close)(int fd);
    int (*unlink)(const char *path);
} FileOps;

typedef struct FileCtx {
    Bench *b;
    const FileOps *ops;
    const char *path;
    uint64_t bytes;     /* per repetition, a multiple of CHUNK */
    char *buf;          /* CHUNK bytes */
    int fd;             /* the file the read repetition reads */
    BenchStat write, read;
} FileCtx;

static int ax_create(const char *path) {
    SyscallResult r = sys_open(path, AX_O_RDWR | AX_O_CREAT | AX_O_TRUNC, 0644);
    return r.error == AX_OK ? (int)r.value : -1;
}
static long ax_write(int fd, const void *buf, size_t n) { return (long)sys_write(fd, buf, n).value; }
static long ax_rewind(int fd) { return sys_lseek(fd, 0, AX_SEEK_SET).error == AX_OK ? 0 : -1; }
static long ax_read(int fd, void *buf, size_t n) { return (long)sys_read(fd, buf, n).value; }
static int ax_close(int fd) { return sys_close(fd).error == AX_OK ? 0 : -1; }
static int ax_unlink(const char *path) { return sys_unlink(path).error == AX_OK ? 0 : -1; }
static const FileOps ax_ops = {ax_create, ax_write, ax_rewind, ax_read, ax_close, ax_unlink};

static int host_create(const char *path) { return open(path, O_RDWR | O_CREAT | O_TRUNC, 0644); }
static long host_write(int fd, const void *buf, size_t n) { return (long)write(fd, buf, n); }
static long host_rewind(int fd) { return lseek(fd, 0, SEEK_SET) == 0 ? 0 : -1; }
static long host_read(int fd, void *buf, size_t n) { return (long)read(fd, buf, n); }
static const FileOps host_ops = {host_create, host_write, host_rewind, host_read, close, unlink};

static double gbps(uint64_t bytes, uint64_t t0) {
    uint64_t ns = bench_now_ns() - t0;
    return ns ? (double)bytes / (double)ns : -1;
}

/* GB/s of writing c->bytes into a new file. */
static double rep_write(void *ud) {
    FileCtx *c = ud;
    const FileOps *o = c->ops;
    uint64_t t0 = bench_now_ns();
    int fd = o->create(c->path);
    if (fd < 0)
        return -1;
    for (uint64_t done = 0; done < c->bytes; done += CHUNK)
        if (o->write(fd, c->buf, CHUNK) != (long)CHUNK) {
            o->close(fd);
            return -1;
        }
    if (o->close(fd) != 0)
        return -1;
    double r = gbps(c->bytes, t0);
    return o->unlink(c->path) == 0 ? r : -1;
}

/* GB/s of reading the whole file c->fd back. */
static double rep_read(void *ud) {
    FileCtx *c = ud;
    const FileOps *o = c->ops;
    uint64_t t0 = bench_now_ns();
    if (o->pread0(c->fd) != 0)
        return -1;
    for (uint64_t done = 0; done < c->bytes; done += CHUNK)
        if (o->read(c->fd, c->buf, CHUNK) != (long)CHUNK)
            return -1;
    return gbps(c->bytes, t0);
}

/* Both figures on one file system. Returns 0 or -1. */
static int measure(FileCtx *c) {
    if (bench_measure(c->b, rep_write, c, &c->write) != 0)
        return -1;
    c->fd = c->ops->create(c->path);
    if (c->fd < 0)
        return -1;
    int r = 0;
    for (uint64_t done = 0; r == 0 && done < c->bytes; done += CHUNK)
        if (c->ops->write(c->fd, c->buf, CHUNK) != (long)CHUNK)
            r = -1;
    if (r == 0)
        r = bench_measure(c->b, rep_read, c, &c->read);
    c->ops->close(c->fd);
    c->ops->unlink(c->path);
    return r;
}

static int prog_file(int argc, char **argv) {
    FileCtx *c = bench_task_ud(argc, argv);
    return measure(c) == 0 ? 0 : 1;
}

void bench_file(Bench *b) {
    uint64_t chunks = bench_iters(b, 100, 1);
    FileCtx ax = {.b = b, .ops = &ax_ops, .path = "/tmp/bench-file", .bytes = chunks * CHUNK,
                  .buf = aligned_alloc(4096, CHUNK)};
    if (!ax.buf) {
        bench_fail(b, "file_write", "no memory for the buffer");
        return;
    }
    memset(ax.buf, 0x5a, CHUNK); /* real pages, not the zero page */
    const BenchProgram prog = {"/bench/file", prog_file};
    if (bench_kernel_run(NULL, &prog, 1, 0, &ax) != 0) {
        bench_fail(b, "file_write", "the measuring program failed");
        free(ax.buf);
        return;
    }
    BenchFigure w = {.name = "file_write_100m", .label = "write 100 MB to a new file (1 MiB writes)",
                     .unit = "GB/s", .better = BENCH_HIGHER, .axos = ax.write,
                     .has_target = 1, .target = 1, .target_vs_host = 1,
                     .note = "file_write_100m: the budget is the host's tmpfs (/dev/shm) or better"};
    BenchFigure r = {.name = "file_read_100m", .label = "read 100 MB back (1 MiB reads)",
                     .unit = "GB/s", .better = BENCH_HIGHER, .axos = ax.read};
    struct statfs fs;
    char path[64];
    snprintf(path, sizeof path, "/dev/shm/axos-bench-file.%ld", (long)getpid());
    FileCtx host = {.b = b, .ops = &host_ops, .path = path, .bytes = ax.bytes, .buf = ax.buf};
    if (statfs("/dev/shm", &fs) == 0 && fs.f_type == TMPFS_MAGIC_NUMBER && measure(&host) == 0) {
        w.host = host.write;
        r.host = host.read;
    } else {
        w.has_target = 0;
        w.note = "file_write_100m: no tmpfs at /dev/shm to compare with";
    }
    bench_report(b, &w);
    bench_report(b, &r);
    free(ax.buf);
}
