/* mem: copying 64 KiB into and out of a memory region with sys_mem_write
 * and sys_mem_read, against memcpy of 64 KiB on the host (both in cache). */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define BLOCK (64 * 1024)

typedef struct MemCtx {
    Bench *b;
    uint64_t iters;
    int region;
    char *buf;           /* BLOCK bytes */
    char *dst;           /* host: the memcpy target */
    SyscallError error; /* AX_OK, or why the region could not be made */
    BenchStat write, read;
} MemCtx;

static double rate(uint64_t t0, uint64_t iters) {
    uint64_t ns = bench_now_ns() - t0;
    return ns ? (double)iters * BLOCK / (double)ns : -1; /* bytes/ns == GB/s */
}

/* GB/s of c->iters copies of BLOCK bytes into (write) or out of the region */
static double time_copies(MemCtx *c, int write) {
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++) {
        SyscallResult r = write ? sys_mem_write(c->region, 0, c->buf, BLOCK)
                                : sys_mem_read(c->region, 0, c->buf, BLOCK);
        if (r.value != BLOCK)
            return -1;
    }
    return rate(t0, c->iters);
}

static double rep_mem_write(void *ud) {
    return time_copies(ud, 1);
}

static double rep_mem_read(void *ud) {
    return time_copies(ud, 0);
}

static int prog_mem(int argc, char **argv) {
    MemCtx *c = bench_task_ud(argc, argv);
    SyscallResult r = sys_mem_alloc(BLOCK, AX_PROT_READ | AX_PROT_WRITE);
    if (r.error != AX_OK) {
        c->error = r.error;
        return 1;
    }
    c->region = (int)r.value;
    if (bench_measure(c->b, rep_mem_write, c, &c->write) != 0 ||
        bench_measure(c->b, rep_mem_read, c, &c->read) != 0)
        return 1;
    return sys_mem_free(c->region).error == AX_OK ? 0 : 1;
}

static double rep_memcpy(void *ud) {
    MemCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++) {
        memcpy(c->dst, c->buf, BLOCK);
        bench_keep((uint64_t)(uintptr_t)c->dst); /* the copy must happen each time */
    }
    return rate(t0, c->iters);
}

void bench_mem(Bench *b) {
    /* Page-aligned buffers with real contents: untouched memory would all
     * map the zero page (one 4 KiB page in cache for 64 KiB of source),
     * and two heap blocks 64 KiB + 16 bytes apart make memcpy's loads and
     * stores alias modulo 4 KiB, which is several times slower. */
    MemCtx c = {.b = b, .iters = bench_iters(b, 1000, 100), .buf = aligned_alloc(4096, BLOCK),
                .dst = aligned_alloc(4096, BLOCK)};
    if (c.buf && c.dst) {
        memset(c.buf, 0x5a, BLOCK);
        memset(c.dst, 0xa5, BLOCK);
    }
    const BenchProgram prog = {"/bench/mem", prog_mem};
    if (!c.buf || !c.dst || bench_kernel_run(NULL, &prog, 1, 0, &c) != 0 || c.error != AX_OK) {
        bench_fail(b, "mem", "the measuring program failed");
    } else {
        BenchFigure w = {.name = "mem_write_64k", .label = "mem_write, 64 KiB into a region",
                         .unit = "GB/s", .better = BENCH_HIGHER, .axos = c.write,
                         .has_target = 1, .target = 20};
        BenchFigure r = {.name = "mem_read_64k", .label = "mem_read, 64 KiB out of a region",
                         .unit = "GB/s", .better = BENCH_HIGHER, .axos = c.read,
                         .has_target = 1, .target = 20};
        BenchStat host;
        if (bench_measure(b, rep_memcpy, &c, &host) == 0)
            w.host = r.host = host;
        bench_report(b, &w);
        bench_report(b, &r);
    }
    free(c.buf);
    free(c.dst);
}
