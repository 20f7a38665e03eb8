/* vfs: open + close of an existing file, create + unlink, and a lookup
 * (stat) in a directory of 1,000,000 entries compared with one of 1,000;
 * against the same calls on the host's tmpfs (/dev/shm) where there is one. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "bench.h"

#define TMPFS_MAGIC_NUMBER 0x01021994
#define NAME_LEN 24
#define PROBES 65536 /* random lookups cycle through this many names */
#define HOT_PROBES 64 /* the in-cache lookups: the algorithm's own cost */

/* The file operations, as function pointers so that one loop times both
 * axos and the host. Each returns 0 on success. */
typedef struct FsOps {
    int (*open_close)(const char *path);
    int (*create_unlink)(const char *path);
    int (*create)(const char *path);
    int (*lookup)(const char *path);
} FsOps;

typedef struct VfsCtx {
    Bench *b;
    const FsOps *ops;
    char root[64];        /* directory the figures work in */
    uint64_t iters;       /* open/close and create/unlink per repetition */
    uint64_t big, small;  /* entries in the two lookup directories */
    char (*probe)[NAME_LEN]; /* PROBES paths, relative to root */
    int nprobes;          /* how many of them a lookup repetition cycles through */
    char path[128];       /* scratch */
    BenchStat open_close, create_unlink, lookup_big, lookup_small, hot_big, hot_small;
    BenchStat populate;   /* one measurement: ns per create while filling "big" */
} VfsCtx;

/* ---- the two file systems ---- */

static int ax_open_close(const char *path) {
    SyscallResult r = sys_open(path, AX_O_RDONLY, 0);
    return r.error == AX_OK && sys_close((int)r.value).error == AX_OK ? 0 : -1;
}
static int ax_create(const char *path) {
    SyscallResult r = sys_open(path, AX_O_WRONLY | AX_O_CREAT | AX_O_EXCL, 0644);
    return r.error == AX_OK && sys_close((int)r.value).error == AX_OK ? 0 : -1;
}
static int ax_create_unlink(const char *path) {
    return ax_create(path) == 0 && sys_unlink(path).error == AX_OK ? 0 : -1;
}
static int ax_lookup(const char *path) {
    FileStat st;
    return sys_stat(path, &st).error == AX_OK ? 0 : -1;
}
static const FsOps ax_ops = {ax_open_close, ax_create_unlink, ax_create, ax_lookup};

static int host_open_close(const char *path) {
    int fd = open(path, O_RDONLY);
    return fd >= 0 && close(fd) == 0 ? 0 : -1;
}
static int host_create(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    return fd >= 0 && close(fd) == 0 ? 0 : -1;
}
static int host_create_unlink(const char *path) {
    return host_create(path) == 0 && unlink(path) == 0 ? 0 : -1;
}
static int host_lookup(const char *path) {
    struct stat st;
    return stat(path, &st);
}
static const FsOps host_ops = {host_open_close, host_create_unlink, host_create, host_lookup};

/* ---- the repetitions ---- */

static const char *at(VfsCtx *c, const char *rel) {
    snprintf(c->path, sizeof c->path, "%s/%s", c->root, rel);
    return c->path;
}

static double per_op(uint64_t t0, uint64_t n) {
    return (double)(bench_now_ns() - t0) / (double)n;
}

/* ns per op(root/rel), c->iters times */
static double time_path_op(VfsCtx *c, const char *rel, int (*op)(const char *)) {
    const char *p = at(c, rel);
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        if (op(p) != 0)
            return -1;
    return per_op(t0, c->iters);
}

static double rep_open_close(void *ud) {
    VfsCtx *c = ud;
    return time_path_op(c, "existing", c->ops->open_close);
}

static double rep_create_unlink(void *ud) {
    VfsCtx *c = ud;
    return time_path_op(c, "scratch", c->ops->create_unlink);
}

/* Random names of dir ("big" or "small" with n entries), full paths. */
static void make_probes(VfsCtx *c, const char *dir, uint64_t n) {
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < PROBES; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
        snprintf(c->probe[i], NAME_LEN, "%s/f%07u", dir, (unsigned)(x % n));
    }
}

static double rep_lookup(void *ud) {
    VfsCtx *c = ud;
    char full[128];
    size_t rl = strlen(c->root);
    memcpy(full, c->root, rl);
    full[rl] = '/';
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++) {
        /* the copy is part of both sides' loop: it keeps paths absolute */
        strcpy(full + rl + 1, c->probe[i % (uint64_t)c->nprobes]);
        if (c->ops->lookup(full) != 0)
            return -1;
    }
    return per_op(t0, c->iters);
}

static int populate(VfsCtx *c, const char *dir, uint64_t n, int (*mk)(const char *, uint32_t)) {
    char name[NAME_LEN];
    if (mk(at(c, dir), 0755) != 0)
        return -1;
    for (uint64_t i = 0; i < n; i++) {
        snprintf(name, sizeof name, "%s/f%07u", dir, (unsigned)i);
        if (c->ops->create(at(c, name)) != 0)
            return -1;
    }
    return 0;
}

/* Everything, on whichever file system c->ops names. */
static int measure_all(VfsCtx *c, int (*mk)(const char *, uint32_t)) {
    Bench *b = c->b;
    if (c->ops->create(at(c, "existing")) != 0 ||
        bench_measure(b, rep_open_close, c, &c->open_close) != 0 ||
        bench_measure(b, rep_create_unlink, c, &c->create_unlink) != 0)
        return -1;
    uint64_t t0 = bench_now_ns();
    if (populate(c, "big", c->big, mk) != 0)
        return -1;
    double per = per_op(t0, c->big);
    c->populate = (BenchStat){per, per, per, 1};
    if (populate(c, "small", c->small, mk) != 0)
        return -1;
    struct {
        const char *dir;
        uint64_t n;
        int nprobes;
        BenchStat *out;
    } runs[] = {{"big", c->big, PROBES, &c->lookup_big},
                {"small", c->small, PROBES, &c->lookup_small},
                {"big", c->big, HOT_PROBES, &c->hot_big},
                {"small", c->small, HOT_PROBES, &c->hot_small}};
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        make_probes(c, runs[i].dir, runs[i].n);
        c->nprobes = runs[i].nprobes;
        if (bench_measure(b, rep_lookup, c, runs[i].out) != 0)
            return -1;
    }
    return 0;
}

static int ax_mkdir(const char *path, uint32_t mode) {
    return sys_mkdir(path, mode).error == AX_OK ? 0 : -1;
}

static int prog_vfs(int argc, char **argv) {
    VfsCtx *c = bench_task_ud(argc, argv);
    return measure_all(c, ax_mkdir) == 0 ? 0 : 1;
}

/* ---- the host ---- */

static int host_mkdir(const char *path, uint32_t mode) {
    return mkdir(path, (mode_t)mode);
}

static void host_remove_dir(VfsCtx *c, const char *dir, uint64_t n) {
    char name[NAME_LEN];
    for (uint64_t i = 0; i < n; i++) {
        snprintf(name, sizeof name, "%s/f%07u", dir, (unsigned)i);
        unlink(at(c, name));
    }
    rmdir(at(c, dir));
}

static int host_measure(VfsCtx *c) {
    struct statfs fs;
    if (statfs("/dev/shm", &fs) != 0 || fs.f_type != TMPFS_MAGIC_NUMBER)
        return 1; /* no tmpfs to compare with */
    snprintf(c->root, sizeof c->root, "/dev/shm/axos-bench.%ld", (long)getpid());
    if (mkdir(c->root, 0700) != 0)
        return -1;
    c->ops = &host_ops;
    int r = measure_all(c, host_mkdir);
    unlink(at(c, "existing"));
    unlink(at(c, "scratch"));
    host_remove_dir(c, "big", c->big);
    host_remove_dir(c, "small", c->small);
    rmdir(c->root);
    return r;
}

static BenchStat ratio_of(const BenchStat *a, const BenchStat *b) {
    double r = a->median / b->median;
    return (BenchStat){r, r, r, a->n && b->n};
}

static void report(Bench *b, const VfsCtx *ax, const VfsCtx *host, int have_host) {
    char note_big[160];
    snprintf(note_big, sizeof note_big,
             "random names over the whole directory (%llu entries%s): mostly cache misses",
             (unsigned long long)ax->big, ax->big == 1000000 ? "" : ", scaled run");
    BenchFigure f[] = {
        {.name = "vfs_open_close", .label = "open + close of an existing file", .unit = "ns",
         .axos = ax->open_close, .host = host->open_close, .has_target = 1, .target = 250},
        {.name = "vfs_create_unlink", .label = "create + close + unlink", .unit = "ns",
         .axos = ax->create_unlink, .host = host->create_unlink},
        {.name = "vfs_populate_big", .label = "create + close, filling the big dir", .unit = "ns",
         .axos = ax->populate, .host = host->populate,
         .note = "one pass (no repetitions): the directory grows from 0 to its full size"},
        {.name = "vfs_lookup_big", .label = "stat, dir of 1,000,000, random", .unit = "ns",
         .axos = ax->lookup_big, .host = host->lookup_big, .note = note_big},
        {.name = "vfs_lookup_small", .label = "stat, dir of 1,000, random", .unit = "ns",
         .axos = ax->lookup_small, .host = host->lookup_small},
        {.name = "vfs_lookup_hot_big", .label = "stat, dir of 1,000,000, 64 names", .unit = "ns",
         .axos = ax->hot_big, .host = host->hot_big},
        {.name = "vfs_lookup_hot_small", .label = "stat, dir of 1,000, 64 names", .unit = "ns",
         .axos = ax->hot_small, .host = host->hot_small},
        {.name = "vfs_lookup_flat", .label = "lookup flatness: hot big / hot small",
         .unit = "ratio", .axos = ratio_of(&ax->hot_big, &ax->hot_small),
         .host = ratio_of(&host->hot_big, &host->hot_small), .has_target = 1, .target = 1.5,
         .note = "flat: with the names in cache, a lookup among 1,000,000 entries costs "
                 "at most 1.5x one among 1,000"},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        f[i].better = BENCH_LOWER;
        if (!have_host)
            f[i].host.n = 0;
        bench_report(b, &f[i]);
    }
}

void bench_vfs(Bench *b) {
    char (*probe)[NAME_LEN] = malloc(PROBES * NAME_LEN);
    VfsCtx ax = {.b = b, .ops = &ax_ops, .root = "/tmp",
                 .iters = bench_iters(b, 10000, 1000),
                 .big = bench_iters(b, 1000000, 1000), .small = 1000, .probe = probe};
    if (ax.big < 2 * ax.small)
        ax.big = 2 * ax.small;
    const BenchProgram prog = {"/bench/vfs", prog_vfs};
    if (!probe || bench_kernel_run(NULL, &prog, 1, 0, &ax) != 0) {
        bench_fail(b, "vfs", "the measuring program failed");
        free(probe);
        return;
    }
    VfsCtx host = ax;
    host.iters = bench_iters(b, 500, 100);
    int hr = host_measure(&host);
    if (hr < 0)
        fprintf(stderr, "bench vfs: the host measurement on /dev/shm failed\n");
    report(b, &ax, &host, hr == 0);
    free(probe);
}
