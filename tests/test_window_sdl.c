/* Hypotheses about the SDL2 backend, under SDL's dummy video driver and
 * software renderer (no display needed): the composed screen reaches the
 * renderer pixel for pixel, SDL events reach the task that reads the
 * window they are for, the clipboard is SDL's, and a task waiting on a
 * window keeps the host-clock run loop alive. */
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "harness.h"
#include "window_util.h"

static const KernelConfig sdl_cfg = {.window_backend = AX_WINDOW_SDL, .screen_width = 200,
                                     .screen_height = 150};

/* The SDL id of the screen's window, titled "axos" (ids count from 1). */
static Uint32 sdl_window_id(void) {
    for (Uint32 id = 1; id < 1000; id++) {
        SDL_Window *w = SDL_GetWindowFromID(id);
        if (w && strcmp(SDL_GetWindowTitle(w), "axos") == 0)
            return id;
    }
    fail_msg("no SDL window titled 'axos'");
    return 0;
}

static void push(SDL_Event e) {
    assert_int_equal(SDL_PushEvent(&e), 1);
}

static void push_key(Uint32 type, Uint32 id, SDL_Keycode sym, Uint16 mod) {
    SDL_Event e = {.key = {.type = type, .windowID = id, .state = SDL_PRESSED}};
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    push(e);
}

static void push_window_event(Uint32 id, Uint8 event, int w, int h) {
    push((SDL_Event){.window = {.type = SDL_WINDOWEVENT, .windowID = id, .event = event,
                                .data1 = w, .data2 = h}});
}

/* One SDL window holds the whole screen, and what the renderer shows is
 * the composed screen pixel for pixel: the window's frame in its room. */
static void test_the_screen_reads_back_from_the_renderer_pixel_for_pixel(void **state) {
    Kernel *k = harness_kernel(&sdl_cfg);
    int pid = wu_spawn_win(k, (char *[]){"win", "196", "146", NULL});
    int id = wu_only_window(k);
    kernel_window_pump(k, 0); /* the first frame is due at once */
    SDL_Window *win = SDL_GetWindowFromID(sdl_window_id());
    int w, h;
    SDL_GetWindowSize(win, &w, &h);
    assert_int_equal(w, 200);
    assert_int_equal(h, 150);
    static uint32_t shown[200 * 150];
    assert_int_equal(SDL_RenderReadPixels(SDL_GetRenderer(win), NULL, SDL_PIXELFORMAT_ARGB8888,
                                          shown, 200 * 4), 0);
    const uint32_t *screen = kernel_screen_frame(k, NULL, NULL);
    for (int y = 0; y < 146; y++)
        for (int x = 0; x < 196; x++)
            assert_int_equal(shown[(y + 2) * 200 + x + 2] | 0xFF000000u, wu_pattern(y * 196 + x));
    for (int i = 0; i < 200 * 150; i++)
        assert_int_equal(shown[i] | 0xFF000000u, screen[i]);
    wu_close_and_wait(k, id, pid);
    harness_destroy(k);
}

/* SDL's events become the screen's, and reach the focused window (keys,
 * text) or the one under the pointer, in its frame's pixels; a new size
 * of the SDL window is a new screen size. Events of other SDL windows are
 * not ours. */
static void test_sdl_events_reach_the_reading_task_translated(void **state) {
    Kernel *k = harness_kernel(&sdl_cfg);
    int pid = wu_spawn_win(k, (char *[]){"win", "196", "146", "8", NULL});
    wu_only_window(k);
    Uint32 sid = sdl_window_id();
    push_key(SDL_KEYDOWN, sid, SDLK_q, KMOD_LSHIFT | KMOD_RCTRL);
    push_key(SDL_KEYUP, sid, SDLK_ESCAPE, KMOD_NONE);
    push_key(SDL_KEYDOWN, sid, SDLK_UP, KMOD_LALT);
    push_key(SDL_KEYDOWN, sid, SDLK_KP_ENTER, KMOD_NONE);
    push_key(SDL_KEYDOWN, sid, SDLK_F5, KMOD_NONE);
    push_key(SDL_KEYDOWN, sid + 100, SDLK_a, KMOD_NONE); /* not our window: dropped */
    SDL_Event text = {.text = {.type = SDL_TEXTINPUT, .windowID = sid}};
    strcpy(text.text.text, "aé");
    push(text);
    push((SDL_Event){.button = {.type = SDL_MOUSEBUTTONDOWN, .windowID = sid,
                                .button = SDL_BUTTON_RIGHT, .x = 5, .y = 7}});
    push((SDL_Event){.motion = {.type = SDL_MOUSEMOTION, .windowID = sid,
                                .state = SDL_BUTTON_RMASK, .x = 6, .y = 8}});
    push_window_event(sid, SDL_WINDOWEVENT_SIZE_CHANGED, 80, 60);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    const char *out = harness_output(k);
    const char *want[] = {
        "ev 1 key=113 mod=3 button=0 x=0 y=0 size=0x0 text=''",
        "ev 2 key=27 mod=0 button=0",
        "ev 1 key=256 mod=4 button=0",
        "ev 1 key=13 mod=0",
        "ev 1 key=276 mod=0",
        "ev 3 key=0 mod=0 button=0 x=0 y=0 size=0x0 text='a'",
        "ev 3 key=0 mod=0 button=0 x=0 y=0 size=0x0 text='é'",
        "ev 5 key=0 mod=0 button=3 x=3 y=5",
        "ev 4 key=0 mod=0 button=4 x=4 y=6",
        "ev 7 key=0 mod=0 button=0 x=0 y=0 size=76x56",
    };
    const char *at = out;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const char *hit = strstr(at, want[i]);
        if (!hit)
            fail_msg("missing, in order: %s\nin:\n%s", want[i], out);
        at = hit + 1;
    }
    assert_null(strstr(out, "key=97")); /* the other window's 'a' */
    ScreenInfo si;
    assert_int_equal(kernel_screen_info(k, &si), 0);
    assert_int_equal(si.width, 80);
    push_window_event(sid, SDL_WINDOWEVENT_CLOSE, 0, 0);
    int st;
    assert_int_equal(kernel_wait(k, pid, &st), 0);
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    assert_int_equal(kernel_window_list(k, NULL, 0), 0);
    assert_int_equal(kernel_screen_info(k, &si), 0);
    assert_int_equal(si.close_requested, 1);
    harness_destroy(k);
    assert_null(SDL_GetWindowFromID(sid)); /* the screen went with the kernel */
}

/* The clipboard is the host's: text set in axos is SDL's, and text SDL
 * has is what axos reads. */
static int prog_clip(int argc, char **argv) {
    char buf[32] = {0};
    if (sys_window_create("c", 8, 8).error != AX_OK)
        return 1;
    if (sys_clipboard_set("from axos", 9).error != AX_OK)
        return 2;
    sys_sleep(1000000); /* the host puts its own text there */
    SyscallResult r = sys_clipboard_get(buf, sizeof buf);
    return r.value == 9 && memcmp(buf, "from host", 9) == 0 ? 0 : 3;
}

static void test_the_clipboard_is_the_hosts(void **state) {
    Kernel *k = harness_kernel(&sdl_cfg);
    kernel_install_program(k, "/bin/clip", prog_clip);
    SyscallResult r = kernel_spawn(k, "/bin/clip", (char *[]){"clip", NULL});
    assert_int_equal(kernel_run_for(k, 500000), AX_RUN_TIMEOUT);
    char *t = SDL_GetClipboardText();
    assert_string_equal(t, "from axos");
    SDL_free(t);
    SDL_SetClipboardText("from host");
    int st;
    assert_int_equal(kernel_wait(k, (int)r.value, &st), 0);
    assert_int_equal(st, 0);
    harness_destroy(k);
}

static void test_a_window_reader_keeps_the_host_clock_loop_alive(void **state) {
    KernelConfig cfg = sdl_cfg;
    cfg.clock = AX_CLOCK_HOST;
    Kernel *k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/win", wu_prog_win);
    int pid = (int)kernel_spawn(k, "/bin/win", NULL).value;
    /* Not a deadlock: the user may still click. The loop waits for SDL
     * and gives the host control back when its budget is spent. */
    assert_int_equal(kernel_run_for(k, 30000000), AX_RUN_TIMEOUT);
    assert_int_equal(kernel_window_list(k, NULL, 0), 1);
    push_key(SDL_KEYDOWN, sdl_window_id(), SDLK_SPACE, KMOD_NONE);
    push_window_event(sdl_window_id(), SDL_WINDOWEVENT_CLOSE, 0, 0);
    assert_int_equal(kernel_run(k), AX_RUN_EXITED);
    assert_non_null(strstr(harness_output(k), "ev 1 key=32"));
    assert_int_equal(kernel_wait(k, pid, NULL), 0);
    harness_destroy(k);
}

static void test_a_host_can_pump_sdl_between_runs(void **state) {
    Kernel *k = harness_kernel(&sdl_cfg);
    assert_int_equal(kernel_window_pump(k, 0), 0); /* no window yet */
    int pid = wu_spawn_win(k, (char *[]){"win", NULL});
    int id = wu_only_window(k);
    push_key(SDL_KEYDOWN, sdl_window_id(), SDLK_a, KMOD_NONE);
    push_key(SDL_KEYUP, sdl_window_id(), SDLK_a, KMOD_NONE);
    assert_int_equal(kernel_window_pump(k, 0), 2);
    WindowInfo info;
    kernel_window_info(k, id, &info);
    assert_int_equal(info.queued, 2);
    /* the reader is ready: the next run takes both */
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    assert_non_null(strstr(harness_output(k), "ev 1 key=97"));
    assert_non_null(strstr(harness_output(k), "ev 2 key=97"));
    wu_close_and_wait(k, id, pid);
    harness_destroy(k);
}

static void test_auto_picks_sdl_when_a_video_driver_is_named(void **state) {
    Kernel *k = harness_kernel(NULL); /* AX_WINDOW_AUTO, SDL_VIDEODRIVER=dummy */
    int pid = wu_spawn_win(k, (char *[]){"win", NULL});
    wu_only_window(k);
    /* an event pushed into SDL arrives: the window is an SDL one */
    push_window_event(sdl_window_id(), SDL_WINDOWEVENT_CLOSE, 0, 0);
    assert_int_equal(kernel_wait(k, pid, NULL), 0);
    assert_int_equal(kernel_window_list(k, NULL, 0), 0);
    harness_destroy(k);
}

static int prog_no_display(int argc, char **argv) {
    return sys_window_create("x", 10, 10).error == AX_ENODEV ? 0 : 1;
}

static void test_sdl_without_a_usable_driver_gives_enodev(void **state) {
    setenv("SDL_VIDEODRIVER", "no-such-driver", 1);
    Kernel *k = harness_kernel(&sdl_cfg);
    kernel_install_program(k, "/bin/n", prog_no_display);
    int st = harness_run(k, (char *[]){"/bin/n", NULL});
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    harness_destroy(k);
}

int main(void) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_RENDER_DRIVER", "software", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_screen_reads_back_from_the_renderer_pixel_for_pixel),
        cmocka_unit_test(test_sdl_events_reach_the_reading_task_translated),
        cmocka_unit_test(test_the_clipboard_is_the_hosts),
        cmocka_unit_test(test_a_window_reader_keeps_the_host_clock_loop_alive),
        cmocka_unit_test(test_a_host_can_pump_sdl_between_runs),
        cmocka_unit_test(test_auto_picks_sdl_when_a_video_driver_is_named),
        cmocka_unit_test(test_sdl_without_a_usable_driver_gives_enodev),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
