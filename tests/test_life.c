/* Hypotheses about the life demo, run headless under the virtual clock:
 * it draws its board each tick, takes clicks and keys from its window,
 * and ends cleanly on q, Esc, close, or after -n generations. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define DEAD 0xFF101418u
#define LIVE 0xFF3CDC78u
#define PAUSED 0xFFE0B040u
#define TICK 10000000ULL /* -t 10 */

static const KernelConfig headless = {.window_backend = AX_WINDOW_HEADLESS};

/* A 40x12 board of 2-pixel cells (no grid lines), ticking every 10 ms. */
static int start_life(Kernel *k, const char *extra) {
    assert_int_equal(kernel_install_userland(k), 0);
    char *argv[] = {"life", "-g", "40x12", "-c", "2", "-t", "10", (char *)extra, NULL};
    SyscallResult r = kernel_spawn(k, "/bin/life", argv);
    assert_int_equal(r.error, AX_OK);
    assert_int_equal(kernel_run_for(k, TICK / 2), AX_RUN_TIMEOUT);
    return (int)r.value;
}

static int the_window(Kernel *k) {
    int id;
    assert_int_equal(kernel_window_list(k, &id, 1), 1);
    return id;
}

/* Colour of board cell (x, y) of window id. */
static uint32_t cell(Kernel *k, int id, int x, int y) {
    int w, h;
    const uint32_t *px = kernel_window_frame(k, id, &w, &h);
    assert_non_null(px);
    assert_int_equal(w, 80);
    assert_int_equal(h, 24);
    return px[(y * 2) * w + x * 2];
}

static void key(Kernel *k, int id, uint32_t code) {
    WindowEvent ev = {.type = AX_WEV_KEY_DOWN, .key = code};
    assert_int_equal(kernel_window_inject(k, id, &ev), 0);
}

static void ends_cleanly(Kernel *k, int pid) {
    int st;
    assert_int_equal(kernel_wait(k, pid, &st), 0);
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    assert_int_equal(kernel_window_list(k, NULL, 0), 0);
    harness_destroy(k);
}

static void test_life_starts_with_the_glider_gun_and_steps_each_tick(void **state) {
    Kernel *k = harness_kernel(&headless);
    int pid = start_life(k, NULL);
    int id = the_window(k);
    WindowInfo info;
    kernel_window_info(k, id, &info);
    assert_string_equal(info.title, "life");
    assert_int_equal(info.frames, 1);
    /* the gun's left block sits at board (2..3, 6..7) */
    assert_int_equal(cell(k, id, 2, 6), LIVE);
    assert_int_equal(cell(k, id, 3, 7), LIVE);
    assert_int_equal(cell(k, id, 0, 0), DEAD);
    assert_int_equal(cell(k, id, 26, 2), LIVE); /* the top of the right part */
    kernel_run_for(k, 3 * TICK);
    kernel_window_info(k, id, &info);
    assert_int_equal(info.frames, 4);
    assert_int_equal(cell(k, id, 2, 6), LIVE); /* a block stays */
    key(k, id, 'q');
    ends_cleanly(k, pid);
}

static void test_space_pauses_and_a_click_toggles_a_cell(void **state) {
    Kernel *k = harness_kernel(&headless);
    int pid = start_life(k, NULL);
    int id = the_window(k);
    key(k, id, AX_KEY_SPACE);
    kernel_run_for(k, TICK);
    assert_int_equal(cell(k, id, 2, 6), PAUSED);
    WindowInfo before, after;
    kernel_window_info(k, id, &before);
    /* paused: nothing changes, so nothing is presented */
    kernel_run_for(k, 3 * TICK);
    kernel_window_info(k, id, &after);
    assert_int_equal(after.frames, before.frames);
    /* a lone cell would die at the next step: it lives while paused */
    WindowEvent click = {.type = AX_WEV_MOUSE_DOWN, .button = AX_BUTTON_LEFT, .x = 1, .y = 1};
    assert_int_equal(kernel_window_inject(k, id, &click), 0);
    kernel_run_for(k, TICK);
    assert_int_equal(cell(k, id, 0, 0), PAUSED);
    click.button = AX_BUTTON_RIGHT; /* only the left button toggles */
    assert_int_equal(kernel_window_inject(k, id, &click), 0);
    kernel_run_for(k, TICK);
    assert_int_equal(cell(k, id, 0, 0), PAUSED);
    key(k, id, 's'); /* one step: the lone cell dies */
    kernel_run_for(k, TICK);
    assert_int_equal(cell(k, id, 0, 0), DEAD);
    key(k, id, AX_KEY_SPACE);
    kernel_run_for(k, TICK);
    assert_int_equal(cell(k, id, 2, 6), LIVE);
    key(k, id, AX_KEY_ESCAPE);
    ends_cleanly(k, pid);
}

static void test_closing_the_window_ends_life(void **state) {
    Kernel *k = harness_kernel(&headless);
    int pid = start_life(k, NULL);
    WindowEvent close = {.type = AX_WEV_CLOSE};
    assert_int_equal(kernel_window_inject(k, the_window(k), &close), 0);
    ends_cleanly(k, pid);
}

static void test_n_stops_after_that_many_generations(void **state) {
    Kernel *k = harness_kernel(&headless);
    assert_int_equal(kernel_install_userland(k), 0);
    int st = harness_run(k, (char *[]){"/bin/life", "-n", "5", "-t", "1", NULL});
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    /* five ticks of 1 ms and nothing else */
    assert_int_equal(kernel_now(k), 5000000);
    assert_int_equal(kernel_window_list(k, NULL, 0), 0);
    harness_destroy(k);
}

/* The first frame of `life -r` in a kernel seeded with seed (malloc'd). */
static uint32_t *random_board(uint64_t seed) {
    KernelConfig cfg = headless;
    cfg.seed = seed;
    Kernel *k = harness_kernel(&cfg);
    int pid = start_life(k, "-r");
    int id = the_window(k);
    uint32_t *copy = malloc(80 * 24 * 4);
    memcpy(copy, kernel_window_frame(k, id, NULL, NULL), 80 * 24 * 4);
    key(k, id, 'q');
    ends_cleanly(k, pid);
    return copy;
}

static void test_a_random_board_repeats_with_the_seed(void **state) {
    uint32_t *a = random_board(7), *b = random_board(7), *c = random_board(8);
    assert_memory_equal(a, b, 80 * 24 * 4);
    assert_memory_not_equal(a, c, 80 * 24 * 4);
    int live = 0;
    for (int i = 0; i < 80 * 24; i++)
        live += a[i] == LIVE;
    assert_in_range(live, 80 * 24 / 8, 80 * 24 / 2); /* about a quarter */
    free(a);
    free(b);
    free(c);
}

static void test_bad_arguments_and_no_window_fail_with_a_message(void **state) {
    KernelConfig cfg = {.window_backend = AX_WINDOW_NONE};
    Kernel *k = harness_kernel(&cfg);
    assert_int_equal(kernel_install_userland(k), 0);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/life", "-g", "2x2", NULL})), 2);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/life", "-c", "0", NULL})), 2);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/life", "-z", NULL})), 2);
    assert_int_equal(
        AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/life", "-g", "4000x10", "-c", "64", NULL})), 2);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/life", NULL})), 1);
    const char *out = harness_output(k);
    assert_non_null(strstr(out, "life: invalid argument to -g: '2x2'"));
    assert_non_null(strstr(out, "usage: life"));
    assert_non_null(strstr(out, "does not fit a window"));
    assert_non_null(strstr(out, "life: cannot open a window: No such device"));
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_life_starts_with_the_glider_gun_and_steps_each_tick),
        cmocka_unit_test(test_space_pauses_and_a_click_toggles_a_cell),
        cmocka_unit_test(test_closing_the_window_ends_life),
        cmocka_unit_test(test_n_stops_after_that_many_generations),
        cmocka_unit_test(test_a_random_board_repeats_with_the_seed),
        cmocka_unit_test(test_bad_arguments_and_no_window_fail_with_a_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
