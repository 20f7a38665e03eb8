/* Hypotheses about the desktop, on the headless screen: windows are laid
 * out as a binary space partition (and float when asked), their frames
 * are composed into the screen pixel for pixel (scaled to fit when their
 * size is not their room's), input goes where a tiling desktop sends it,
 * in each window's own coordinates, only what changed is composed again,
 * and a program that floods or writes bad frames holds nobody up. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define SCREEN_W 800
#define SCREEN_H 600
static const KernelConfig desk = {.window_backend = AX_WINDOW_HEADLESS,
                                  .screen_width = SCREEN_W,
                                  .screen_height = SCREEN_H};

/* The colour a tile program named c paints: one per letter. */
static uint32_t colour_of(const char *name) {
    static const uint32_t colours[] = {0xFFC03030u, 0xFF30A040u, 0xFF3050D0u, 0xFFD0B020u};
    return colours[(name[0] - 'a') & 3];
}

static void paint(int fd, int w, int h, uint32_t c) {
    uint32_t *px = malloc((size_t)w * h * 4);
    for (int i = 0; i < w * h; i++)
        px[i] = c;
    SyscallResult r = sys_write(fd, px, (size_t)w * h * 4);
    free(px);
    if (r.error != AX_OK)
        tprintf("write: %s\n", sys_errname(r.error));
}

/* tile NAME [W H [fit]]: open window NAME (W x H, default 64 x 48), paint
 * it its colour; print each event as "NAME ev TYPE ..."; with "fit",
 * answer AX_WEV_RESIZE by taking the new size and painting again; exit at
 * AX_WEV_CLOSE or a 'q' key. */
static int prog_tile(int argc, char **argv) {
    const char *name = argv[1];
    int w = argc > 3 ? atoi(argv[2]) : 64, h = argc > 3 ? atoi(argv[3]) : 48;
    bool fit = argc > 4 && strcmp(argv[4], "fit") == 0;
    int fd = (int)sys_window_create(name, w, h).value;
    paint(fd, w, h, colour_of(name));
    WindowEvent ev;
    for (;;) {
        if (sys_read(fd, &ev, sizeof ev).error != AX_OK)
            return 1;
        tprintf("%s ev %u key=%u button=%u x=%d y=%d size=%dx%d text='%s'\n", name, ev.type,
                ev.key, ev.button, ev.x, ev.y, ev.width, ev.height, ev.text);
        if (ev.type == AX_WEV_RESIZE && fit) {
            if (sys_window_resize(fd, ev.width, ev.height).error != AX_OK)
                return 2;
            w = ev.width;
            h = ev.height;
            paint(fd, w, h, colour_of(name));
        }
        if (ev.type == AX_WEV_CLOSE || (ev.type == AX_WEV_KEY_DOWN && ev.key == 'q'))
            return sys_close(fd).error == AX_OK ? 0 : 3;
    }
}

/* Start a tile program from the host and run until everything waits. */
static int start(Kernel *k, char *const argv[]) {
    SyscallResult r = kernel_spawn(k, "/bin/tile", argv);
    assert_int_equal(r.error, AX_OK);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    return (int)r.value;
}

static Kernel *desktop(void) {
    Kernel *k = harness_kernel(&desk);
    kernel_install_program(k, "/bin/tile", prog_tile);
    return k;
}

static WindowInfo info(Kernel *k, int id) {
    WindowInfo wi;
    assert_int_equal(kernel_window_info(k, id, &wi), 0);
    return wi;
}

static uint32_t pixel(Kernel *k, int x, int y) {
    int w, h;
    const uint32_t *px = kernel_screen_frame(k, &w, &h);
    assert_non_null(px);
    assert_int_equal(w, SCREEN_W);
    return px[(size_t)y * w + x];
}

static void input(Kernel *k, WindowEvent ev) {
    assert_true(kernel_screen_input(k, &ev) >= 0);
    kernel_run(k);
}

/* A click: press and release of the left button at (x, y). */
static void click(Kernel *k, int x, int y) {
    input(k, (WindowEvent){.type = AX_WEV_MOUSE_DOWN, .x = x, .y = y, .button = 1});
    input(k, (WindowEvent){.type = AX_WEV_MOUSE_UP, .x = x, .y = y, .button = 1});
}

static void key(Kernel *k, uint32_t key, uint32_t mod) {
    input(k, (WindowEvent){.type = AX_WEV_KEY_DOWN, .key = key, .mod = mod});
    input(k, (WindowEvent){.type = AX_WEV_KEY_UP, .key = key, .mod = mod});
}

/* Ask every window to close; reap every host child. */
static void close_all(Kernel *k) {
    int ids[8], n = kernel_window_list(k, ids, 8);
    for (int i = 0; i < n; i++)
        assert_int_equal(kernel_window_inject(k, ids[i], &(WindowEvent){.type = AX_WEV_CLOSE}), 0);
    assert_int_equal(kernel_run(k), AX_RUN_EXITED);
    for (int pid = 2; pid < 16; pid++)
        kernel_wait(k, pid, NULL); /* not a child of the host: an error, ignored */
}

/* The lines of the console output printed since *mark that start with
 * prefix (a static buffer); moves *mark to the end. */
static const char *lines(Kernel *k, size_t *mark, const char *prefix) {
    static char buf[8192];
    const char *out = harness_output(k), *p = out + *mark;
    size_t n = 0, plen = strlen(prefix);
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (strncmp(p, prefix, plen) == 0 && n + len < sizeof buf) {
            memcpy(buf + n, p, len);
            n += len;
        }
        p += len;
    }
    buf[n] = '\0';
    *mark = (size_t)(p - out);
    return buf;
}

/* ---- layout ---- */

/* The first window fills the screen; the second splits it side by side
 * (800 >= 600), the third splits the second's tall tile one above the
 * other. Each program is told its room and, fitting its frame to it,
 * shows its colour there; borders frame every tile, lit on the focused. */
static void test_windows_tile_as_a_binary_space_partition(void **state) {
    Kernel *k = desktop();
    start(k, (char *[]){"tile", "a", "64", "48", "fit", NULL});
    WindowInfo a = info(k, 1);
    assert_int_equal(a.x, 2);
    assert_int_equal(a.y, 2);
    assert_int_equal(a.shown_width, SCREEN_W - 4);
    assert_int_equal(a.shown_height, SCREEN_H - 4);
    assert_int_equal(a.width, SCREEN_W - 4); /* it took the size it was told */
    start(k, (char *[]){"tile", "b", "64", "48", "fit", NULL});
    start(k, (char *[]){"tile", "c", "64", "48", "fit", NULL});
    a = info(k, 1);
    WindowInfo b = info(k, 2), c = info(k, 3);
    assert_int_equal(a.shown_width, 396);
    assert_int_equal(a.shown_height, 596);
    assert_int_equal(b.x, 402);
    assert_int_equal(b.y, 2);
    assert_int_equal(b.shown_width, 396);
    assert_int_equal(b.shown_height, 296);
    assert_int_equal(c.x, 402);
    assert_int_equal(c.y, 302);
    assert_int_equal(c.shown_height, 296);
    assert_true(c.focused && !a.focused && !b.focused);
    /* each was told its room as it changed, and of the focus it got and lost */
    size_t m = 0;
    assert_string_equal(lines(k, &m, "a "), "a ev 7 key=0 button=0 x=0 y=0 size=796x596 text=''\n"
                                            "a ev 9 key=0 button=0 x=1 y=0 size=0x0 text=''\n"
                                            "a ev 7 key=0 button=0 x=0 y=0 size=396x596 text=''\n"
                                            "a ev 9 key=0 button=0 x=0 y=0 size=0x0 text=''\n");
    m = 0;
    assert_string_equal(lines(k, &m, "b "), "b ev 7 key=0 button=0 x=0 y=0 size=396x596 text=''\n"
                                            "b ev 9 key=0 button=0 x=1 y=0 size=0x0 text=''\n"
                                            "b ev 7 key=0 button=0 x=0 y=0 size=396x296 text=''\n"
                                            "b ev 9 key=0 button=0 x=0 y=0 size=0x0 text=''\n");
    m = 0;
    assert_string_equal(lines(k, &m, "c "), "c ev 7 key=0 button=0 x=0 y=0 size=396x296 text=''\n"
                                            "c ev 9 key=0 button=0 x=1 y=0 size=0x0 text=''\n");
    /* the pixels: each window's colour in its room, borders around */
    assert_int_equal(pixel(k, 200, 300), colour_of("a"));
    assert_int_equal(pixel(k, 2, 2), colour_of("a"));
    assert_int_equal(pixel(k, 397, 597), colour_of("a"));
    assert_int_equal(pixel(k, 600, 150), colour_of("b"));
    assert_int_equal(pixel(k, 600, 450), colour_of("c"));
    assert_int_equal(pixel(k, 0, 0), 0xFF383E46u);   /* a's border */
    assert_int_equal(pixel(k, 399, 300), 0xFF383E46u);
    assert_int_equal(pixel(k, 400, 300), 0xFF4C9BE8u); /* c's, focused */
    assert_int_equal(pixel(k, 799, 599), 0xFF4C9BE8u);
    close_all(k);
    harness_destroy(k);
}

/* A frame whose size is not its room's is scaled to fit, aspect kept,
 * centred between black bars; mouse coordinates come back in frame
 * pixels. */
static void test_a_frame_of_another_size_is_scaled_to_fit(void **state) {
    Kernel *k = desktop();
    start(k, (char *[]){"tile", "a", "199", "100", NULL}); /* keeps its size */
    WindowInfo a = info(k, 1);
    /* 796x596 room: as wide as it, 796*100/199 = 400 tall, centred */
    assert_int_equal(a.shown_width, 796);
    assert_int_equal(a.shown_height, 400);
    assert_int_equal(a.x, 2);
    assert_int_equal(a.y, 2 + (596 - 400) / 2);
    assert_int_equal(pixel(k, 400, 300), colour_of("a"));
    assert_int_equal(pixel(k, 400, 50), 0xFF000000u); /* the bar above */
    input(k, (WindowEvent){.type = AX_WEV_MOUSE_DOWN, .x = 2 + 796 - 1, .y = 100 + 399,
                           .button = AX_BUTTON_LEFT});
    assert_non_null(strstr(harness_output(k), "a ev 5 key=0 button=1 x=198 y=99 "));
    close_all(k);
    harness_destroy(k);
}

/* ---- input ---- */

/* Keys go to the focused window; a click focuses the window under the
 * pointer and reaches it in its own coordinates; Super+Tab moves the
 * focus and is not seen by any window, nor the text of a Super key. */
static void test_focus_follows_clicks_and_super_tab(void **state) {
    Kernel *k = desktop();
    start(k, (char *[]){"tile", "a", "396", "596", NULL});
    start(k, (char *[]){"tile", "b", "396", "596", NULL});
    size_t m = 0, m2;
    lines(k, &m, ""); /* what came before */
    m2 = m;
    key(k, 'x', 0);
    click(k, 12, 7);
    key(k, 'y', 0);
    input(k, (WindowEvent){.type = AX_WEV_KEY_DOWN, .key = AX_KEY_LGUI});
    input(k, (WindowEvent){.type = AX_WEV_KEY_DOWN, .key = AX_KEY_TAB, .mod = AX_KMOD_GUI});
    input(k, (WindowEvent){.type = AX_WEV_TEXT, .text = "\t"});
    input(k, (WindowEvent){.type = AX_WEV_KEY_UP, .key = AX_KEY_TAB, .mod = AX_KMOD_GUI});
    input(k, (WindowEvent){.type = AX_WEV_KEY_UP, .key = AX_KEY_LGUI});
    input(k, (WindowEvent){.type = AX_WEV_TEXT, .text = "z"});
    assert_string_equal(lines(k, &m, "a "),
                        "a ev 9 key=0 button=0 x=1 y=0 size=0x0 text=''\n"
                        "a ev 5 key=0 button=1 x=10 y=5 size=0x0 text=''\n"
                        "a ev 6 key=0 button=1 x=10 y=5 size=0x0 text=''\n"
                        "a ev 1 key=121 button=0 x=0 y=0 size=0x0 text=''\n"
                        "a ev 2 key=121 button=0 x=0 y=0 size=0x0 text=''\n"
                        "a ev 1 key=294 button=0 x=0 y=0 size=0x0 text=''\n"
                        "a ev 9 key=0 button=0 x=0 y=0 size=0x0 text=''\n");
    assert_string_equal(lines(k, &m2, "b "),
                        "b ev 1 key=120 button=0 x=0 y=0 size=0x0 text=''\n"
                        "b ev 2 key=120 button=0 x=0 y=0 size=0x0 text=''\n"
                        "b ev 9 key=0 button=0 x=0 y=0 size=0x0 text=''\n"
                        "b ev 9 key=0 button=0 x=1 y=0 size=0x0 text=''\n"
                        "b ev 2 key=294 button=0 x=0 y=0 size=0x0 text=''\n"
                        "b ev 3 key=0 button=0 x=0 y=0 size=0x0 text='z'\n");
    close_all(k);
    harness_destroy(k);
}

/* While a button is held every mouse event goes to the window it was
 * pressed in, even over another; with none held, to the one under the
 * pointer. */
static void test_a_held_button_grabs_the_mouse(void **state) {
    Kernel *k = desktop();
    start(k, (char *[]){"tile", "a", "396", "596", NULL});
    start(k, (char *[]){"tile", "b", "396", "596", NULL});
    size_t m = 0;
    lines(k, &m, "");
    input(k, (WindowEvent){.type = AX_WEV_MOUSE_DOWN, .x = 100, .y = 100, .button = 1});
    input(k, (WindowEvent){.type = AX_WEV_MOUSE_MOVE, .x = 500, .y = 100, .button = 1});
    input(k, (WindowEvent){.type = AX_WEV_MOUSE_UP, .x = 500, .y = 100, .button = 1});
    input(k, (WindowEvent){.type = AX_WEV_MOUSE_MOVE, .x = 501, .y = 100});
    const char *out = lines(k, &m, "");
    assert_non_null(strstr(out, "a ev 5 key=0 button=1 x=98 y=98 "));
    assert_non_null(strstr(out, "a ev 4 key=0 button=1 x=498 y=98 ")); /* beyond its frame */
    assert_non_null(strstr(out, "a ev 6 key=0 button=1 x=498 y=98 "));
    assert_non_null(strstr(out, "b ev 4 key=0 button=0 x=99 y=98 ")); /* 501 - 402 */
    close_all(k);
    harness_destroy(k);
}

/* Super+F floats the focused window above the tiles at its frame's size,
 * centred, and the tiles close up; Super+drag moves it; Super+F again
 * tiles it. */
static void test_floating_windows_sit_above_the_tiles(void **state) {
    Kernel *k = desktop();
    start(k, (char *[]){"tile", "a", "64", "48", "fit", NULL});
    start(k, (char *[]){"tile", "b", "100", "80", NULL});
    key(k, 'f', AX_KMOD_GUI);
    WindowInfo a = info(k, 1), b = info(k, 2);
    assert_true(b.floating && b.focused);
    assert_int_equal(b.shown_width, 100);
    assert_int_equal(b.x, (SCREEN_W - 104) / 2 + 2);
    assert_int_equal(b.y, (SCREEN_H - 84) / 2 + 2);
    assert_int_equal(a.shown_width, SCREEN_W - 4); /* a has the screen again */
    assert_int_equal(pixel(k, b.x + 50, b.y + 40), colour_of("b"));
    assert_int_equal(pixel(k, 10, 10), colour_of("a"));
    input(k, (WindowEvent){.type = AX_WEV_MOUSE_DOWN, .x = b.x + 5, .y = b.y + 5,
                           .button = 1, .mod = AX_KMOD_GUI});
    input(k, (WindowEvent){.type = AX_WEV_MOUSE_MOVE, .x = b.x - 95, .y = b.y - 45,
                           .button = 1, .mod = AX_KMOD_GUI});
    input(k, (WindowEvent){.type = AX_WEV_MOUSE_UP, .x = b.x - 95, .y = b.y - 45,
                           .button = 1, .mod = AX_KMOD_GUI});
    WindowInfo moved = info(k, 2);
    assert_int_equal(moved.x, b.x - 100);
    assert_int_equal(moved.y, b.y - 50);
    assert_null(strstr(harness_output(k), "b ev 5")); /* the drag was the desktop's */
    /* a click on the tile below focuses it; the floating window stays on top */
    click(k, 5, 5);
    assert_true(info(k, 1).focused);
    assert_int_equal(pixel(k, moved.x + 10, moved.y + 10), colour_of("b"));
    /* back to a tile */
    click(k, moved.x + 10, moved.y + 10);
    key(k, 'f', AX_KMOD_GUI);
    b = info(k, 2);
    assert_false(b.floating);
    assert_int_equal(b.x, 402);
    close_all(k);
    harness_destroy(k);
}

/* A closed window's sibling takes the space and the focus; a new screen
 * size lays everything out again and tells every program. */
static void test_closing_and_resizing_the_screen_relayout(void **state) {
    Kernel *k = desktop();
    start(k, (char *[]){"tile", "a", "64", "48", "fit", NULL});
    start(k, (char *[]){"tile", "b", "64", "48", "fit", NULL});
    start(k, (char *[]){"tile", "c", "64", "48", "fit", NULL});
    key(k, 'q', 0); /* c is focused: it quits */
    assert_int_equal(kernel_window_list(k, NULL, 0), 2);
    WindowInfo b = info(k, 2);
    assert_true(b.focused);
    assert_int_equal(b.shown_height, 596);
    assert_int_equal(pixel(k, 600, 450), colour_of("b"));
    input(k, (WindowEvent){.type = AX_WEV_RESIZE, .width = 400, .height = 300});
    ScreenInfo si;
    assert_int_equal(kernel_screen_info(k, &si), 0);
    assert_int_equal(si.width, 400);
    assert_int_equal(si.height, 300);
    WindowInfo a = info(k, 1);
    assert_int_equal(a.width, 196);
    assert_int_equal(a.height, 296);
    assert_non_null(strstr(harness_output(k), "a ev 7 key=0 button=0 x=0 y=0 size=196x296"));
    int w;
    const uint32_t *px = kernel_screen_frame(k, &w, NULL);
    assert_int_equal(w, 400);
    assert_int_equal(px[150 * 400 + 300], colour_of("b"));
    close_all(k);
    harness_destroy(k);
}

/* ---- composing ---- */

/* pixel (x, y) of a frame changes: only that pixel is damaged and
 * composed again. */
static int prog_dot(int argc, char **argv) {
    int fd = (int)sys_window_create("dot", 796, 596).value;
    uint32_t *px = calloc(796 * 596, 4);
    sys_write(fd, px, 796 * 596 * 4);
    WindowEvent ev;
    do /* until the host has looked at the screen */
        sys_read(fd, &ev, sizeof ev);
    while (ev.type != AX_WEV_KEY_DOWN);
    px[10 * 796 + 20] = 0xFFFFFFFFu;
    sys_write(fd, px, 796 * 596 * 4);
    do
        sys_read(fd, &ev, sizeof ev);
    while (ev.type != AX_WEV_KEY_DOWN);
    free(px);
    return 0;
}

static void test_only_what_changed_is_composed(void **state) {
    Kernel *k = desktop();
    kernel_install_program(k, "/bin/dot", prog_dot);
    SyscallResult pid = kernel_spawn(k, "/bin/dot", (char *[]){"dot", NULL});
    kernel_run(k);
    ScreenInfo si;
    assert_int_equal(kernel_screen_info(k, &si), 0);
    assert_int_equal(si.damaged_area, SCREEN_W * SCREEN_H); /* the first layout */
    assert_int_equal(pixel(k, 22, 12), 0xFF000000u);
    kernel_screen_info(k, &si);
    assert_int_equal(si.damaged, 0);
    uint64_t presents = si.presents;
    kernel_window_inject(k, 1, &(WindowEvent){.type = AX_WEV_KEY_DOWN});
    kernel_run(k);
    kernel_screen_info(k, &si);
    assert_int_equal(si.damaged, 1);
    assert_int_equal(si.damaged_area, 1);
    assert_int_equal(pixel(k, 22, 12), 0xFFFFFFFFu);
    kernel_screen_info(k, &si);
    assert_int_equal(si.presents, presents + 1);
    kernel_window_inject(k, 1, &(WindowEvent){.type = AX_WEV_KEY_DOWN});
    int st;
    kernel_wait(k, (int)pid.value, &st);
    assert_int_equal(st, 0);
    harness_destroy(k);
}

/* The same scenario composes the same screen, pixel for pixel. */
static uint64_t run_scenario(void) {
    Kernel *k = desktop();
    start(k, (char *[]){"tile", "a", "64", "48", "fit", NULL});
    start(k, (char *[]){"tile", "b", "30", "70", NULL});
    start(k, (char *[]){"tile", "c", "64", "48", "fit", NULL});
    key(k, 'f', AX_KMOD_GUI);
    click(k, 30, 40);
    int w, h;
    const uint32_t *px = kernel_screen_frame(k, &w, &h);
    uint64_t hash = 1469598103934665603ULL;
    for (int i = 0; i < w * h; i++)
        hash = (hash ^ px[i]) * 1099511628211ULL;
    hash ^= kernel_trace_digest(k);
    close_all(k);
    harness_destroy(k);
    return hash;
}

static void test_layout_and_routing_are_deterministic(void **state) {
    assert_true(run_scenario() == run_scenario());
}

/* ---- misbehaving programs ---- */

/* Bad frames and resizes are refused with nothing changed; a program that
 * writes frames without pause and one that never reads its events hold
 * up neither the screen nor a third window. */
static int prog_flood(int argc, char **argv) {
    int fd = (int)sys_window_create("flood", 32, 32).value;
    static uint32_t px[32 * 32];
    int bad = 0;
    bad |= sys_write(fd, px, sizeof px - 4).error != AX_EINVAL;
    bad |= sys_window_resize(fd, 0, 5).error != AX_EINVAL;
    bad |= sys_window_resize(fd, 5, AX_WINDOW_MAX_SIDE + 1).error != AX_EINVAL;
    bad |= sys_window_resize(0, 5, 5).error != AX_EBADF;
    int w, h;
    bad |= sys_window_size(fd, &w, &h).error != AX_OK || w != 32 || h != 32;
    for (uint32_t i = 0; i < 5000; i++) {
        px[i % (32 * 32)] = 0xFF000000u | i;
        bad |= sys_write(fd, px, sizeof px).error != AX_OK;
    }
    tprintf("flood %s\n", bad ? "bad" : "done");
    sys_pause();
    return 0;
}

static int prog_deaf(int argc, char **argv) {
    sys_window_create("deaf", 32, 32);
    sys_pause();
    return 0;
}

static void test_a_flooding_program_holds_nobody_up(void **state) {
    Kernel *k = desktop();
    kernel_install_program(k, "/bin/flood", prog_flood);
    kernel_install_program(k, "/bin/deaf", prog_deaf);
    SyscallResult f = kernel_spawn(k, "/bin/flood", (char *[]){"flood", NULL});
    SyscallResult d = kernel_spawn(k, "/bin/deaf", (char *[]){"deaf", NULL});
    start(k, (char *[]){"tile", "c", "64", "48", "fit", NULL});
    assert_non_null(strstr(harness_output(k), "flood done"));
    for (int i = 0; i < 1000; i++) /* the deaf window's queue fills and drops */
        kernel_window_inject(k, 2, &(WindowEvent){.type = AX_WEV_KEY_DOWN, .key = 'x'});
    WindowInfo deaf = info(k, 2);
    assert_int_equal(deaf.queued, AX_WINDOW_QUEUE_MAX);
    assert_true(deaf.dropped > 0);
    /* the third window still gets its input and shows */
    input(k, (WindowEvent){.type = AX_WEV_KEY_DOWN, .key = 'k'});
    assert_non_null(strstr(harness_output(k), "c ev 1 key=107"));
    WindowInfo c = info(k, 3);
    assert_int_equal(pixel(k, c.x + 1, c.y + 1), colour_of("c"));
    key(k, 'q', 0);
    kernel_console_signal(k, AX_SIGINT); /* nobody holds the console: kill them */
    sys_kill((int)f.value, AX_SIGKILL);
    harness_destroy_live(k);
    (void)d;
}

/* The host API checks its arguments. */
static void test_the_screen_api_checks_its_arguments(void **state) {
    Kernel *k = desktop();
    ScreenInfo si;
    assert_int_equal(kernel_screen_info(k, &si), -AX_ENODEV); /* no window yet */
    assert_null(kernel_screen_frame(k, NULL, NULL));
    WindowEvent ev = {.type = AX_WEV_KEY_DOWN};
    assert_int_equal(kernel_screen_input(k, &ev), -AX_ENODEV);
    start(k, (char *[]){"tile", "a", NULL});
    assert_int_equal(kernel_screen_info(k, NULL), -AX_EFAULT);
    assert_int_equal(kernel_screen_input(k, NULL), -AX_EFAULT);
    ev.type = AX_WEV_FOCUS; /* not one the user makes */
    assert_int_equal(kernel_screen_input(k, &ev), -AX_EINVAL);
    ev.type = AX_WEV_TEXT;
    memset(ev.text, 'x', sizeof ev.text);
    assert_int_equal(kernel_screen_input(k, &ev), -AX_EINVAL);
    ev = (WindowEvent){.type = AX_WEV_RESIZE, .width = 0, .height = 10};
    assert_int_equal(kernel_screen_input(k, &ev), 0); /* refused: the size stays */
    assert_int_equal(kernel_screen_info(k, &si), 0);
    assert_int_equal(si.width, SCREEN_W);
    KernelConfig bad = desk;
    bad.screen_width = AX_WINDOW_MAX_SIDE + 1;
    assert_null(kernel_create(&bad));
    bad.screen_width = -1;
    assert_null(kernel_create(&bad));
    close_all(k);
    harness_destroy(k);
}

/* ---- the clipboard ---- */

static int prog_clip(int argc, char **argv) {
    char buf[16] = "untouched";
    int bad = 0;
    bad |= sys_clipboard_get(buf, sizeof buf).value != 0; /* empty at boot */
    bad |= sys_clipboard_set("héllo", 6).error != AX_OK;
    bad |= sys_clipboard_get(buf, 3).value != 6 || memcmp(buf, "hé", 3) != 0;
    bad |= sys_clipboard_get(NULL, 0).value != 6;
    bad |= sys_clipboard_get(NULL, 4).error != AX_EFAULT;
    bad |= sys_clipboard_set(NULL, 3).error != AX_EFAULT;
    bad |= sys_clipboard_set("a\0b", 3).error != AX_EINVAL;
    bad |= sys_clipboard_set("x", AX_CLIPBOARD_MAX + 1).error != AX_EINVAL;
    bad |= sys_clipboard_get(buf, sizeof buf).value != 6; /* failures kept it */
    bad |= sys_clipboard_set("", 0).error != AX_OK || sys_clipboard_get(buf, 1).value != 0;
    return bad;
}

static void test_the_clipboard_holds_text(void **state) {
    Kernel *k = desktop();
    kernel_install_program(k, "/bin/clip", prog_clip);
    assert_int_equal(harness_run(k, (char *[]){"/bin/clip", NULL}), 0);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_windows_tile_as_a_binary_space_partition),
        cmocka_unit_test(test_a_frame_of_another_size_is_scaled_to_fit),
        cmocka_unit_test(test_focus_follows_clicks_and_super_tab),
        cmocka_unit_test(test_a_held_button_grabs_the_mouse),
        cmocka_unit_test(test_floating_windows_sit_above_the_tiles),
        cmocka_unit_test(test_closing_and_resizing_the_screen_relayout),
        cmocka_unit_test(test_only_what_changed_is_composed),
        cmocka_unit_test(test_layout_and_routing_are_deterministic),
        cmocka_unit_test(test_a_flooding_program_holds_nobody_up),
        cmocka_unit_test(test_the_screen_api_checks_its_arguments),
        cmocka_unit_test(test_the_clipboard_holds_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
