/* window: presenting a 640x480 ARGB8888 frame through sys_write with the
 * headless backend (the kernel keeps the frame), against a memcpy of the
 * same 1.2 MB on the host, which is the copy the kernel has to make. */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define FRAME_W 640
#define FRAME_H 480
#define FRAME_BYTES ((size_t)FRAME_W * FRAME_H * 4)

typedef struct WindowCtx {
    Bench *b;
    uint64_t iters;
    int fd;
    uint32_t *frame; /* real pixels: a zero-page source would flatter the copy */
    uint32_t *dst;   /* host: the memcpy target */
    BenchStat present;
} WindowCtx;

static double rep_present(void *ud) {
    WindowCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++) {
        c->frame[i % FRAME_W] ^= 1; /* a new frame each time */
        if (sys_write(c->fd, c->frame, FRAME_BYTES).value != (int64_t)FRAME_BYTES)
            return -1;
    }
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

static int prog_present(int argc, char **argv) {
    WindowCtx *c = bench_task_ud(argc, argv);
    SyscallResult r = sys_window_create("bench", FRAME_W, FRAME_H);
    if (r.error != AX_OK)
        return 1;
    c->fd = (int)r.value;
    int ok = bench_measure(c->b, rep_present, c, &c->present) == 0;
    return sys_close(c->fd).error == AX_OK && ok ? 0 : 1;
}

static double rep_memcpy(void *ud) {
    WindowCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++) {
        c->frame[i % FRAME_W] ^= 1;
        memcpy(c->dst, c->frame, FRAME_BYTES);
        bench_keep(c->dst[i % FRAME_W]);
    }
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

void bench_window(Bench *b) {
    WindowCtx c = {.b = b, .iters = bench_iters(b, 2000, 10)};
    c.frame = malloc(FRAME_BYTES);
    c.dst = malloc(FRAME_BYTES);
    for (size_t i = 0; i < (size_t)FRAME_W * FRAME_H; i++)
        c.frame[i] = 0xFF000000u | (uint32_t)(i * 2654435761u >> 8);
    memset(c.dst, 1, FRAME_BYTES);
    KernelConfig cfg = {.window_backend = AX_WINDOW_HEADLESS};
    const BenchProgram prog = {"/bench/present", prog_present};
    if (bench_kernel_run(&cfg, &prog, 1, 0, &c) != 0) {
        bench_fail(b, "window_present_640x480", "the presenting program failed");
    } else {
        BenchFigure f = {.name = "window_present_640x480",
                         .label = "present a 640x480 frame (sys_write, headless)",
                         .unit = "ns",
                         .better = BENCH_LOWER,
                         .axos = c.present,
                         .has_target = 1,
                         .target = 1000000,
                         .note = "host: memcpy of the 1.2 MB frame, the copy the kernel makes"};
        bench_measure(b, rep_memcpy, &c, &f.host);
        bench_report(b, &f);
    }
    free(c.dst);
    free(c.frame);
}
