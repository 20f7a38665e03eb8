/* heap: ulib's allocator (u_malloc / u_free inside a process) against the
 * host's malloc / free (glibc here), on the same sequence of sizes.
 *
 *   pair:  malloc then free at once, sizes cycling through 16..512 bytes:
 *          the steady state of a program that allocates and frees small
 *          objects (the budget: at most the host's cost, no syscall);
 *   batch: 1,000 blocks of 16..4,096 bytes allocated, then freed in a
 *          scrambled order: blocks that meet their neighbours free, split
 *          and merge, and the heap grows and shrinks. */
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "heap_pair.h"
#include "ulib.h"

#define BATCH 1000

typedef struct HeapCtx {
    Bench *b;
    uint64_t iters;
    size_t sizes[BATCH];
    unsigned order[BATCH]; /* the batch's free order */
    void *ptrs[BATCH];
    BenchStat pair, batch;
} HeapCtx;

static double rep_pair_axos(void *ud) {
    HeapCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    BENCH_HEAP_PAIR_LOOP(c->iters, u_malloc, u_free, bench_keep);
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

static double rep_pair_host(void *ud) {
    HeapCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    BENCH_HEAP_PAIR_LOOP(c->iters, malloc, free, bench_keep);
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

/* ns per malloc + free, over iters/BATCH rounds of the batch */
static double run_batch(HeapCtx *c, void *(*alloc)(size_t), void (*release)(void *)) {
    uint64_t rounds = c->iters / BATCH ? c->iters / BATCH : 1;
    uint64_t t0 = bench_now_ns();
    for (uint64_t r = 0; r < rounds; r++) {
        for (unsigned i = 0; i < BATCH; i++) {
            char *p = alloc(c->sizes[i]);
            if (!p)
                return -1;
            p[0] = 1;
            c->ptrs[i] = p;
        }
        for (unsigned i = 0; i < BATCH; i++)
            release(c->ptrs[c->order[i]]);
    }
    return (double)(bench_now_ns() - t0) / (double)(rounds * BATCH);
}

static double rep_batch_axos(void *ud) { return run_batch(ud, u_malloc, u_free); }
static double rep_batch_host(void *ud) { return run_batch(ud, malloc, free); }

static int prog_heap(int argc, char **argv) {
    HeapCtx *c = bench_task_ud(argc, argv);
    return bench_measure(c->b, rep_pair_axos, c, &c->pair) == 0 &&
                   bench_measure(c->b, rep_batch_axos, c, &c->batch) == 0
               ? 0
               : 1;
}

void bench_heap(Bench *b) {
    HeapCtx c = {.b = b, .iters = bench_iters(b, 200000, 1000)};
    uint64_t s = 88172645463325252ULL;
    for (unsigned i = 0; i < BATCH; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        c.sizes[i] = 16 + s % 4081;
        c.order[i] = i;
    }
    for (unsigned i = BATCH - 1; i > 0; i--) { /* a fixed shuffle */
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        unsigned j = (unsigned)(s % (i + 1)), t = c.order[i];
        c.order[i] = c.order[j];
        c.order[j] = t;
    }
    const BenchProgram prog = {"/bench/heap", prog_heap};
    if (bench_kernel_run(NULL, &prog, 1, 0, &c) != 0) {
        bench_fail(b, "heap_pair", "the measuring program failed");
        return;
    }
    BenchFigure pair = {.name = "heap_pair",
                        .label = "malloc + free, 16..512 bytes",
                        .unit = "ns",
                        .better = BENCH_LOWER,
                        .axos = c.pair,
                        .has_target = 1,
                        .target = 1,
                        .target_vs_host = 1,
                        .note = "host: glibc malloc/free in this process; axos: u_malloc/u_free "
                                "inside a process, per-process state reached through sys_tls()"};
    BenchFigure batch = {.name = "heap_batch",
                         .label = "1,000 blocks of 16..4096 bytes, freed scrambled",
                         .unit = "ns",
                         .better = BENCH_LOWER,
                         .axos = c.batch,
                         .has_target = 1,
                         .target = 1,
                         .target_vs_host = 1};
    if (bench_measure(b, rep_pair_host, &c, &pair.host) != 0 ||
        bench_measure(b, rep_batch_host, &c, &batch.host) != 0)
        fprintf(stderr, "bench heap: host malloc failed\n");
    bench_report(b, &pair);
    bench_report(b, &batch);
}
