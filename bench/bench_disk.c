/* disk: booting from an SQLite disk of 10,000 files holding 100 MB
 * (kernel_create + kernel_disk_open, which loads every file), and the cost
 * of a sync with nothing changed and with one file changed. The disk is
 * built once in the host's temporary directory (TMPDIR, else /tmp) and
 * removed at the end; a first boot reads it once so that every timed one
 * finds it in the host's page cache. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

typedef struct DiskCtx {
    Bench *b;
    char path[256];
    uint64_t files;   /* in the image */
    size_t file_size; /* bytes each */
} DiskCtx;

/* Fill the tree of a fresh kernel, from the host: kernel_import would
 * need host files; a task writing them costs the same either way, so the
 * image is made by a program inside. */
static int prog_fill(int argc, char **argv)
{
    DiskCtx *c = bench_task_ud(argc, argv);
    char *buf = malloc(c->file_size);
    memset(buf, 'x', c->file_size);
    char path[64];
    for (uint64_t i = 0; i < c->files; i++) {
        if (i % 100 == 0) {
            snprintf(path, sizeof path, "/home/d%llu", (unsigned long long)(i / 100));
            sys_mkdir(path, 0755);
        }
        snprintf(path, sizeof path, "/home/d%llu/f%llu", (unsigned long long)(i / 100),
                 (unsigned long long)i);
        SyscallResult fd = sys_open(path, AX_O_WRONLY | AX_O_CREAT, 0644);
        if (fd.error != AX_OK || sys_write((int)fd.value, buf, c->file_size).error != AX_OK) {
            free(buf);
            return 1;
        }
        sys_close((int)fd.value);
    }
    free(buf);
    return 0;
}

static int build_image(DiskCtx *c)
{
    KernelConfig cfg = {.clock = AX_CLOCK_VIRTUAL};
    Kernel *k = kernel_create(&cfg);
    if (!k || kernel_disk_open(k, c->path, NULL, 0) < 0 ||
        kernel_install_program(k, "/bench/fill", prog_fill) < 0) {
        kernel_destroy(k);
        return -1;
    }
    char arg[32];
    snprintf(arg, sizeof arg, "%p", (void *)c);
    char *argv[] = {"/bench/fill", arg, NULL};
    SyscallResult pid = kernel_spawn(k, "/bench/fill", argv);
    int st = -1;
    if (pid.error != AX_OK || kernel_wait(k, (int)pid.value, &st) < 0 || st != 0 ||
        kernel_disk_close(k) < 0) {
        kernel_destroy(k);
        return -1;
    }
    kernel_destroy(k);
    return 0;
}

static double rep_boot(void *ud)
{
    DiskCtx *c = ud;
    KernelConfig cfg = {.clock = AX_CLOCK_VIRTUAL};
    uint64_t t0 = bench_now_ns();
    Kernel *k = kernel_create(&cfg);
    int r = k ? kernel_disk_open(k, c->path, NULL, 0) : -1;
    uint64_t t1 = bench_now_ns();
    kernel_destroy(k); /* closes the disk: nothing changed, nothing written */
    return r == 0 ? (double)(t1 - t0) : -1;
}

typedef struct SyncCtx {
    Kernel *k;
    bool change; /* change one file before each sync */
    uint64_t n;
} SyncCtx;

static int prog_touch(int argc, char **argv)
{
    SyscallResult fd = sys_open("/home/d0/f0", AX_O_WRONLY | AX_O_APPEND, 0);
    sys_write((int)fd.value, "y", 1);
    sys_close((int)fd.value);
    return 0;
}

static double rep_sync(void *ud)
{
    SyncCtx *s = ud;
    if (s->change) {
        SyscallResult pid = kernel_spawn(s->k, "/bench/touch", NULL);
        if (pid.error != AX_OK || kernel_wait(s->k, (int)pid.value, NULL) < 0)
            return -1;
    }
    uint64_t t0 = bench_now_ns();
    int r = kernel_disk_sync(s->k);
    uint64_t t1 = bench_now_ns();
    return r == 0 ? (double)(t1 - t0) : -1;
}

void bench_disk(Bench *b)
{
    DiskCtx c = {.b = b, .files = bench_iters(b, 10000, 20), .file_size = 10000};
    const char *dir = getenv("TMPDIR");
    snprintf(c.path, sizeof c.path, "%s/axos-bench-disk-%d.db", dir && *dir ? dir : "/tmp",
             (int)getpid());
    unlink(c.path);
    if (build_image(&c) < 0) {
        bench_fail(b, "disk_boot", "the image could not be built");
        unlink(c.path);
        return;
    }
    rep_boot(&c); /* into the page cache */
    static char label[96];
    snprintf(label, sizeof label, "boot from a disk of %llu files, %llu MB",
             (unsigned long long)c.files,
             (unsigned long long)(c.files * c.file_size / 1000000));
    BenchFigure f = {.name = "disk_boot", .label = label, .unit = "ns", .better = BENCH_LOWER,
                     .has_target = c.files >= 10000, .target = 1e9,
                     .note = "kernel_create + kernel_disk_open: every file's content loaded"};
    bench_measure(b, rep_boot, &c, &f.axos);
    bench_report(b, &f);

    KernelConfig cfg = {.clock = AX_CLOCK_VIRTUAL};
    SyncCtx s = {kernel_create(&cfg), false, 0};
    if (!s.k || kernel_disk_open(s.k, c.path, NULL, 0) < 0 ||
        kernel_install_program(s.k, "/bench/touch", prog_touch) < 0) {
        bench_fail(b, "disk_sync_unchanged", "the disk could not be opened");
    } else {
        BenchFigure u = {.name = "disk_sync_unchanged", .label = "sync with nothing changed",
                         .unit = "ns", .better = BENCH_LOWER};
        bench_measure(b, rep_sync, &s, &u.axos);
        bench_report(b, &u);
        s.change = true;
        BenchFigure one = {.name = "disk_sync_one_file",
                           .label = "sync after one file changed (one transaction)",
                           .unit = "ns", .better = BENCH_LOWER,
                           .note = "includes the walk over every node and SQLite's fsync"};
        bench_measure(b, rep_sync, &s, &one.axos);
        bench_report(b, &one);
    }
    kernel_destroy(s.k);
    unlink(c.path);
}
