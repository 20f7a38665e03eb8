/* Hypotheses about the terminal emulator (userland/term) on the headless
 * desktop: typed text reaches the shell through the pty, the shell's
 * output lands in the right cells (read back through term's hard copy,
 * Ctrl+Shift+S) and in the right pixels (the window's frame and the
 * composed screen), a smaller screen reflows the lines, selection goes to
 * the clipboard and a paste comes back, and closing the window hangs the
 * shell up. Skipped where no font can be opened (term exits 1 at once). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define BG 0xFF101418u /* render.c's default background */
#define SLICE 50000000ULL
#define SHOT "/tmp/screen.txt"

static const KernelConfig desk = {.window_backend = AX_WINDOW_HEADLESS,
                                  .screen_width = 800, .screen_height = 600};

typedef struct TermRun {
    Kernel *k;
    int pid, win;
    size_t seen; /* console output already looked at */
} TermRun;

/* What the console printed since the last look. */
static const char *fresh_output(TermRun *t) {
    const char *all = harness_output(t->k);
    const char *news = all + t->seen;
    t->seen = strlen(all);
    return news;
}

/* Start term; false when it could not run here (no fonts). */
static bool term_start(TermRun *t) {
    t->k = harness_kernel(&desk);
    assert_int_equal(kernel_install_userland(t->k), 0);
    char *argv[] = {"term", "-H", SHOT, NULL};
    SyscallResult r = kernel_spawn(t->k, "/bin/term", argv);
    assert_int_equal(r.error, AX_OK);
    t->pid = (int)r.value;
    for (int i = 0; i < 20 && kernel_window_list(t->k, NULL, 0) == 0; i++) {
        kernel_run_for(t->k, SLICE);
        int st;
        if (kernel_window_list(t->k, NULL, 0) == 0 && kernel_wait(t->k, t->pid, &st) == 0) {
            assert_int_equal(AX_WEXITSTATUS(st), 1); /* no font: says so and fails */
            harness_destroy(t->k);
            return false;
        }
    }
    assert_int_equal(kernel_window_list(t->k, &t->win, 1), 1);
    kernel_run_for(t->k, SLICE * 4); /* the shell's prompt */
    return true;
}

static void type(TermRun *t, const char *s) {
    for (; *s; s++) {
        WindowEvent ev = {.type = AX_WEV_TEXT};
        if (*s == '\r') {
            ev.type = AX_WEV_KEY_DOWN;
            ev.key = AX_KEY_RETURN;
        } else {
            ev.text[0] = *s;
        }
        assert_int_equal(kernel_window_inject(t->k, t->win, &ev), 0);
        if (ev.type == AX_WEV_KEY_DOWN)
            kernel_run_for(t->k, SLICE);
    }
    kernel_run_for(t->k, SLICE * 4);
}

static void ctrl_shift(TermRun *t, uint32_t key) {
    WindowEvent ev = {.type = AX_WEV_KEY_DOWN, .key = key, .mod = AX_KMOD_CTRL | AX_KMOD_SHIFT};
    assert_int_equal(kernel_window_inject(t->k, t->win, &ev), 0);
    kernel_run_for(t->k, SLICE);
}

/* The terminal's screen as text, one row a line (its hard copy). */
static char *screen_text(TermRun *t) {
    ctrl_shift(t, 's');
    char *argv[] = {"cat", SHOT, NULL};
    SyscallResult r = kernel_spawn(t->k, "/bin/cat", argv);
    assert_int_equal(r.error, AX_OK);
    fresh_output(t); /* drop what came before */
    int st;
    for (int i = 0; i < 50 && kernel_wait(t->k, (int)r.value, &st) != 0; i++)
        kernel_run_for(t->k, SLICE);
    return strdup(fresh_output(t));
}

/* The row (0-based) of the first screen line equal to `line`, or -1. */
static int row_of(const char *text, const char *line) {
    int row = 0;
    size_t n = strlen(line);
    for (const char *p = text; *p; row++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len == n && memcmp(p, line, n) == 0)
            return row;
        if (!nl)
            break;
        p = nl + 1;
    }
    return -1;
}

static void term_end(TermRun *t) {
    WindowEvent ev = {.type = AX_WEV_CLOSE};
    kernel_window_inject(t->k, t->win, &ev);
    int st = -1;
    for (int i = 0; i < 50 && kernel_wait(t->k, t->pid, &st) != 0; i++)
        kernel_run_for(t->k, SLICE);
    assert_true(AX_WIFEXITED(st));
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    assert_int_equal(kernel_window_list(t->k, NULL, 0), 0);
    harness_destroy(t->k);
}

static int metrics_main(int argc, char **argv) {
    FontMetrics m;
    SyscallResult r = sys_font_open("monospace", 16);
    if (r.error != AX_OK || sys_font_metrics((int)r.value, &m).error != AX_OK)
        return 1;
    tprintf("%d %d\n", m.cell_width, m.cell_height);
    return 0;
}

/* The cells of term's default font (16 pixels), from a program. */
static FontMetrics font_metrics(TermRun *t) {
    FontMetrics m = {0};
    kernel_install_program(t->k, "/bin/fm", metrics_main);
    fresh_output(t);
    assert_int_equal(harness_run(t->k, (char *[]){"/bin/fm", NULL}), 0);
    assert_int_equal(sscanf(fresh_output(t), "%d %d", &m.cell_width, &m.cell_height), 2);
    return m;
}

/* Ink in the cell at (col, row): pixels other than the background. */
static int cell_ink(const uint32_t *px, int stride, int cw, int ch, int col, int row) {
    int n = 0;
    for (int y = row * ch; y < (row + 1) * ch; y++)
        for (int x = col * cw; x < (col + 1) * cw; x++)
            n += px[(size_t)y * stride + x] != BG;
    return n;
}

static void test_typed_commands_show_in_cells_and_pixels(void **state) {
    TermRun t = {0};
    if (!term_start(&t))
        skip();
    type(&t, "echo hi; ls /\r");
    char *text = screen_text(&t);
    int hi = row_of(text, "hi");
    assert_true(hi > 0);
    assert_non_null(strstr(text, "echo hi; ls /\n"));
    assert_non_null(strstr(text, "bin"));
    assert_non_null(strstr(text, "tmp"));

    /* The cells' pixels: "hi" at row `hi`, columns 0 and 1; blank after. */
    FontMetrics m = font_metrics(&t);
    int fw, fh;
    const uint32_t *frame = kernel_window_frame(t.k, t.win, &fw, &fh);
    assert_non_null(frame);
    WindowInfo info;
    assert_int_equal(kernel_window_info(t.k, t.win, &info), 0);
    /* the frame fills its tile unscaled: the whole screen but the border */
    assert_int_equal(info.shown_width, fw);
    assert_int_equal(info.shown_height, fh);
    assert_true(fw > 700 && fh > 500);
    assert_true(cell_ink(frame, fw, m.cell_width, m.cell_height, 0, hi) > 10);
    assert_true(cell_ink(frame, fw, m.cell_width, m.cell_height, 1, hi) > 10);
    assert_int_equal(cell_ink(frame, fw, m.cell_width, m.cell_height, 2, hi), 0);
    assert_int_equal(cell_ink(frame, fw, m.cell_width, m.cell_height, 40, hi), 0);
    /* 'h' and 'i' differ in shape */
    assert_int_not_equal(cell_ink(frame, fw, m.cell_width, m.cell_height, 0, hi),
                         cell_ink(frame, fw, m.cell_width, m.cell_height, 1, hi));
    /* the composed screen shows the same pixels where the window is */
    int sw, sh;
    const uint32_t *screen = kernel_screen_frame(t.k, &sw, &sh);
    assert_non_null(screen);
    for (int y = hi * m.cell_height; y < (hi + 1) * m.cell_height; y++)
        for (int x = 0; x < 2 * m.cell_width; x++)
            assert_int_equal(screen[(size_t)(info.y + y) * sw + info.x + x], frame[(size_t)y * fw + x]);
    free(text);
    term_end(&t);
}

/* A narrower screen: term gets its new room, the shell SIGWINCH, and a
 * long line wraps again at the new width. */
static void test_a_smaller_screen_reflows_the_lines(void **state) {
    TermRun t = {0};
    if (!term_start(&t))
        skip();
    char cmd[128] = "echo ";
    for (int i = 0; i < 60; i++)
        cmd[5 + i] = (char)('a' + i % 26);
    strcpy(cmd + 65, "\r");
    type(&t, cmd);
    char *before = screen_text(&t);
    char want[61];
    memcpy(want, cmd + 5, 60);
    want[60] = '\0';
    assert_true(row_of(before, want) > 0); /* the echo printed it on one row */
    WindowEvent ev = {.type = AX_WEV_RESIZE, .width = 300, .height = 600};
    assert_true(kernel_screen_input(t.k, &ev) >= 0);
    kernel_run_for(t.k, SLICE * 2);
    type(&t, "\r"); /* the shell looks at the size before each prompt */
    type(&t, "echo cols=$COLUMNS\r");
    char *after = screen_text(&t);
    assert_int_equal(row_of(after, want), -1); /* no longer one row */
    /* its first row is now as wide as the terminal: the same text, cut */
    const char *p = strstr(after, "\nabcdefghij"); /* the output, not the command */
    assert_non_null(p);
    p++;
    const char *nl = strchr(p, '\n');
    int cols = (int)(nl - p);
    assert_true(cols >= 20 && cols < 60);
    char size[32];
    snprintf(size, sizeof size, "\ncols=%d\n", cols);
    assert_non_null(strstr(after, size)); /* the shell got SIGWINCH and the new size */
    free(before);
    free(after);
    term_end(&t);
}

/* A drag selects; the clipboard gets the text; a middle click pastes it
 * back as typed input. */
static void mouse(TermRun *t, uint32_t type, uint32_t button, int x, int y) {
    WindowEvent ev = {.type = type, .button = button, .x = x, .y = y};
    if (type == AX_WEV_MOUSE_MOVE)
        ev.button = AX_BUTTON_MASK(AX_BUTTON_LEFT);
    assert_int_equal(kernel_window_inject(t->k, t->win, &ev), 0);
    kernel_run_for(t->k, SLICE);
}

static int clip_main(int argc, char **argv) {
    char buf[64] = {0};
    SyscallResult r = sys_clipboard_get(buf, sizeof buf - 1);
    tprintf("clip '%s' %lld\n", buf, (long long)r.value);
    return 0;
}

static void test_selection_copies_and_middle_click_pastes(void **state) {
    TermRun t = {0};
    if (!term_start(&t))
        skip();
    type(&t, "echo copyme\r");
    char *text = screen_text(&t);
    int row = row_of(text, "copyme");
    assert_true(row > 0);
    free(text);
    FontMetrics m = font_metrics(&t);
    int y = row * m.cell_height + m.cell_height / 2;
    mouse(&t, AX_WEV_MOUSE_DOWN, AX_BUTTON_LEFT, m.cell_width / 2, y);
    mouse(&t, AX_WEV_MOUSE_MOVE, 0, 5 * m.cell_width + m.cell_width / 2, y);
    mouse(&t, AX_WEV_MOUSE_UP, AX_BUTTON_LEFT, 5 * m.cell_width + m.cell_width / 2, y);
    kernel_install_program(t.k, "/bin/clip", clip_main);
    fresh_output(&t);
    harness_run(t.k, (char *[]){"/bin/clip", NULL});
    assert_string_equal(fresh_output(&t), "clip 'copyme' 6\n");
    type(&t, "echo pasted-");
    mouse(&t, AX_WEV_MOUSE_DOWN, AX_BUTTON_MIDDLE, 10, 10);
    type(&t, "\r");
    text = screen_text(&t);
    assert_true(row_of(text, "pasted-copyme") > row);
    free(text);
    term_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_commands_show_in_cells_and_pixels),
        cmocka_unit_test(test_a_smaller_screen_reflows_the_lines),
        cmocka_unit_test(test_selection_copies_and_middle_click_pastes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
