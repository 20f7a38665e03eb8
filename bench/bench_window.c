/* window: presenting a 640x480 ARGB8888 frame through sys_write with the
 * headless backend (the kernel keeps the frame), against a memcpy of the
 * same 1.2 MB on the host, which is the copy the kernel has to make; and
 * composing the desktop after such a window changed every pixel, with
 * another window tiled behind it, against the same memcpy (the least a
 * compositor must move). */
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

/* ---- composing ---- */

typedef struct ComposeCtx {
    Kernel *k;
    uint64_t iters;
    WindowEvent tick;
} ComposeCtx;

/* A tiled window behind, then the measured 640x480 one, which draws a
 * wholly new frame at each key the host sends. */
static int prog_compose(int argc, char **argv) {
    if (sys_window_create("behind", 64, 64).error != AX_OK)
        return 1;
    SyscallResult r = sys_window_create("bench", FRAME_W, FRAME_H);
    if (r.error != AX_OK)
        return 1;
    int fd = (int)r.value;
    uint32_t *frame = malloc(FRAME_BYTES);
    if (!frame)
        return 1;
    for (uint32_t n = 0;; n++) {
        WindowEvent ev;
        if (sys_read(fd, &ev, sizeof ev).error != AX_OK)
            break;
        if (ev.type == AX_WEV_CLOSE)
            break;
        if (ev.type != AX_WEV_KEY_DOWN)
            continue;
        uint32_t flip = n & 1 ? 0x00FFFFFFu : 0;
        for (size_t i = 0; i < (size_t)FRAME_W * FRAME_H; i++)
            frame[i] = (0xFF000000u | (uint32_t)(i * 2654435761u >> 8)) ^ flip;
        if (sys_write(fd, frame, FRAME_BYTES).error != AX_OK)
            break;
    }
    free(frame);
    return 0;
}

static double rep_compose(void *ud) {
    ComposeCtx *c = ud;
    uint64_t total = 0;
    for (uint64_t i = 0; i < c->iters; i++) {
        if (kernel_window_inject(c->k, 2, &c->tick) != 0 || kernel_run(c->k) != AX_RUN_DEADLOCK)
            return -1;
        uint64_t t0 = bench_now_ns();
        const uint32_t *px = kernel_screen_frame(c->k, NULL, NULL);
        total += bench_now_ns() - t0;
        if (!px)
            return -1;
        bench_keep(px[(i * 7919) % (1280 * 800)]);
    }
    return (double)total / (double)c->iters;
}

/* The compose figure: a 1280x800 desktop, the 640x480 window floating
 * above a tile so that it shows unscaled. */
static void bench_compose(Bench *b, WindowCtx *wc) {
    KernelConfig cfg = {.window_backend = AX_WINDOW_HEADLESS, .screen_width = 1280,
                        .screen_height = 800};
    ComposeCtx c = {.iters = bench_iters(b, 200, 5), .tick = {.type = AX_WEV_KEY_DOWN}};
    c.k = kernel_create(&cfg);
    BenchFigure f = {.name = "window_compose_640x480",
                     .label = "compose a desktop whose 640x480 window changed all over",
                     .unit = "ns",
                     .better = BENCH_LOWER,
                     .has_target = 1,
                     .target = 1000000,
                     .note = "host: memcpy of the 1.2 MB frame, the least a compositor moves"};
    WindowEvent super_f = {.type = AX_WEV_KEY_DOWN, .key = 'f', .mod = AX_KMOD_GUI};
    if (!c.k || kernel_install_program(c.k, "/bench/compose", prog_compose) != 0 ||
        kernel_spawn(c.k, "/bench/compose", (char *[]){"compose", NULL}).error != AX_OK ||
        kernel_run(c.k) != AX_RUN_DEADLOCK || kernel_screen_input(c.k, &super_f) < 0 ||
        bench_measure(b, rep_compose, &c, &f.axos) != 0) {
        bench_fail(b, f.name, "the composing kernel failed");
    } else {
        wc->iters = bench_iters(b, 200, 5);
        bench_measure(b, rep_memcpy, wc, &f.host);
        bench_report(b, &f);
    }
    if (c.k) {
        kernel_window_inject(c.k, 2, &(WindowEvent){.type = AX_WEV_CLOSE});
        kernel_run(c.k);
        kernel_destroy(c.k);
    }
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
    bench_compose(b, &c);
    free(c.dst);
    free(c.frame);
}
