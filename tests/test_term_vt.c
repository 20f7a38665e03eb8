/* Hypotheses about the terminal's screen model (userland/term/vt.c and
 * screen.c): the bytes a shell, an editor, a pager or top write leave
 * the cells an xterm would show. Each body runs in a task (the model
 * allocates from the program heap). */
#include <string.h>

#include "harness.h"
#include "../userland/term/vt.h"

#define RUN_IN_TASK(name)                                                                \
    static int name##_main(int argc, char **argv);                                       \
    static void name(void **state) {                                                     \
        Kernel *k = harness_kernel(NULL);                                                \
        kernel_install_program(k, "/bin/t", name##_main);                                \
        assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);                 \
        harness_destroy(k);                                                              \
    }                                                                                    \
    static int name##_main(int argc, char **argv)

static void feed(Vt *vt, const char *s) {
    vt_feed(vt, s, strlen(s));
}

static const char *row(const Vt *vt, int y) {
    static char buf[1024];
    vt_row_text(vt, y, buf, sizeof buf);
    return buf;
}

RUN_IN_TASK(test_text_and_newlines_land_in_cells) {
    Vt vt;
    assert_int_equal(vt_init(&vt, 5, 20, 100), 0);
    feed(&vt, "$ echo hi\r\nhi\r\n$ ");
    assert_string_equal(row(&vt, 0), "$ echo hi");
    assert_string_equal(row(&vt, 1), "hi");
    assert_string_equal(row(&vt, 2), "$");
    assert_int_equal(vt.cur.x, 2);
    assert_int_equal(vt.cur.y, 2);
    feed(&vt, "a\tb\bc"); /* tab to column 8, back one, overwrite */
    assert_string_equal(row(&vt, 2), "$ a     c");
    feed(&vt, "\xc3\xa9\xe2\x94\x80\xff!"); /* é, a box line, a bad byte */
    assert_int_equal(vt.screen[2].cells[9].ch, 0xE9);
    assert_int_equal(vt.screen[2].cells[10].ch, 0x2500);
    assert_int_equal(vt.screen[2].cells[11].ch, 0xFFFD);
    assert_int_equal(vt.screen[2].cells[12].ch, '!');
    vt_free(&vt);
    return 0;
}

RUN_IN_TASK(test_cursor_movement_and_erasing) {
    Vt vt;
    vt_init(&vt, 5, 10, 0);
    feed(&vt, "0123456789abcdefghij");
    feed(&vt, "\033[1;4H\033[K"); /* row 1, col 4: erase to the end */
    assert_string_equal(row(&vt, 0), "012");
    feed(&vt, "\033[2;5H\033[1K"); /* erase to the start, inclusive */
    assert_string_equal(row(&vt, 1), "     fghij");
    feed(&vt, "\033[3;1HXY\033[A\033[2CZ"); /* up one, right two */
    assert_string_equal(row(&vt, 1), "    Zfghij");
    assert_string_equal(row(&vt, 2), "XY");
    feed(&vt, "\033[5;10H\033[99C\033[99B#"); /* clamped to the corner */
    assert_int_equal(vt.screen[4].cells[9].ch, '#');
    feed(&vt, "\033[2J");
    for (int y = 0; y < 5; y++)
        assert_string_equal(row(&vt, y), "");
    feed(&vt, "\033[3;3Habcdef\033[3;4H\033[2P"); /* delete two at column 4 */
    assert_string_equal(row(&vt, 2), "  adef");
    feed(&vt, "\033[2@"); /* and insert two blanks back */
    assert_string_equal(row(&vt, 2), "  a  def");
    feed(&vt, "\033[3;1H\033[4X"); /* erase four, no shift */
    assert_string_equal(row(&vt, 2), "     def");
    vt_free(&vt);
    return 0;
}

RUN_IN_TASK(test_sgr_colours_and_attributes) {
    Vt vt;
    vt_init(&vt, 2, 20, 0);
    feed(&vt, "\033[1;31mR\033[38;5;196mS\033[48;2;1;2;3mT\033[0;7;4mU\033[39;49;24;27mV"
              "\033[38:2::10:20:30mW\033[95;100mX\033[mY");
    VtCell *c = vt.screen[0].cells;
    assert_int_equal(c[0].fg, VT_COLOR_PALETTE(1));
    assert_true(c[0].attr & VT_BOLD);
    assert_int_equal(c[1].fg, VT_COLOR_PALETTE(196));
    assert_int_equal(c[2].bg, VT_COLOR_RGB(1, 2, 3));
    assert_int_equal(c[3].attr, VT_INVERSE | VT_UNDERLINE);
    assert_int_equal(c[3].fg, VT_COLOR_DEFAULT);
    assert_int_equal(c[4].attr, 0);
    assert_int_equal(c[5].fg, VT_COLOR_RGB(10, 20, 30)); /* the colon form */
    assert_int_equal(c[6].fg, VT_COLOR_PALETTE(13));
    assert_int_equal(c[6].bg, VT_COLOR_PALETTE(8));
    assert_int_equal(c[7].fg, VT_COLOR_DEFAULT);
    feed(&vt, "\r\033[38:5:42mA\033[48:2:7:8:9mB\033[38:2:1mC\033[4mD");
    assert_int_equal(c[0].fg, VT_COLOR_PALETTE(42));
    assert_int_equal(c[1].bg, VT_COLOR_RGB(7, 8, 9)); /* xterm's colon form without CS */
    assert_int_equal(c[2].fg, VT_COLOR_PALETTE(42)); /* a short colour is ignored alone... */
    assert_true(c[3].attr & VT_UNDERLINE);          /* ...and the next SGR still acts */
    feed(&vt, "\033[44m\033[2K"); /* erase takes the background */
    assert_int_equal(vt.screen[0].cells[0].bg, VT_COLOR_PALETTE(4));
    vt_free(&vt);
    return 0;
}

/* A full-screen program (an editor, a pager) uses the alternate screen:
 * leaving it gives back the shell's screen and cursor. */
RUN_IN_TASK(test_the_alternate_screen_keeps_the_shells) {
    Vt vt;
    vt_init(&vt, 4, 10, 10);
    feed(&vt, "$ less f\r\n");
    feed(&vt, "\033[?1049h\033[H\033[2Jpage one\r\n~\r\n~");
    assert_true(vt.alt_active);
    assert_string_equal(row(&vt, 0), "page one");
    feed(&vt, "\033[?1049l");
    assert_false(vt.alt_active);
    assert_string_equal(row(&vt, 0), "$ less f");
    assert_int_equal(vt.cur.y, 1);
    assert_int_equal(vt.cur.x, 0);
    assert_int_equal(vt.sb_len, 0); /* the pager's lines are not history */
    vt_free(&vt);
    return 0;
}

/* Lines that scroll off the top are kept, up to the scrollback size; a
 * scroll region (top's header) scrolls alone and keeps none. */
RUN_IN_TASK(test_scrollback_and_scroll_regions) {
    Vt vt;
    vt_init(&vt, 3, 10, 4);
    for (int i = 0; i < 8; i++) {
        char line[8] = {'l', (char)('0' + i), '\r', '\n', 0};
        feed(&vt, line);
    }
    assert_int_equal(vt.sb_len, 4);
    assert_int_equal(vt_view_line(&vt, 4, 0)->cells[1].ch, '2'); /* oldest kept: l2 */
    assert_string_equal(row(&vt, 0), "l6");
    feed(&vt, "\033[2;3r\033[3;1Hx\r\ny\r\nz"); /* scroll rows 2..3 only */
    assert_string_equal(row(&vt, 0), "l6");
    assert_string_equal(row(&vt, 1), "y");
    assert_string_equal(row(&vt, 2), "z");
    assert_int_equal(vt.sb_len, 4);
    feed(&vt, "\033[r\033[3J");
    assert_int_equal(vt.sb_len, 0);
    vt_free(&vt);
    return 0;
}

/* A window resize reflows: soft-wrapped lines join and wrap again at the
 * new width; the cursor stays after the same character. */
RUN_IN_TASK(test_resizing_reflows_wrapped_lines) {
    Vt vt;
    vt_init(&vt, 6, 10, 50);
    feed(&vt, "abcdefghijklmnopqrstuvwxy\r\n$ ");
    assert_string_equal(row(&vt, 0), "abcdefghij");
    assert_true(vt.screen[0].wrapped);
    assert_string_equal(row(&vt, 2), "uvwxy");
    assert_int_equal(vt_resize(&vt, 6, 20), 0);
    assert_string_equal(row(&vt, 0), "abcdefghijklmnopqrst");
    assert_string_equal(row(&vt, 1), "uvwxy");
    assert_string_equal(row(&vt, 2), "$");
    assert_int_equal(vt.cur.y, 2);
    assert_int_equal(vt.cur.x, 2);
    assert_int_equal(vt_resize(&vt, 2, 5), 0); /* narrow and short: history takes the rest */
    assert_string_equal(row(&vt, 1), "$");
    assert_string_equal(row(&vt, 0), "uvwxy");
    assert_int_equal(vt.sb_len, 4);
    assert_int_equal(vt_resize(&vt, 6, 30), 0);
    assert_string_equal(row(&vt, 0), "abcdefghijklmnopqrstuvwxy");
    assert_string_equal(row(&vt, 1), "$");
    assert_int_equal(vt.sb_len, 0);
    vt_free(&vt);
    return 0;
}

/* Reports go back to the program: cursor position, device attributes. */
RUN_IN_TASK(test_reports_and_modes) {
    Vt vt;
    vt_init(&vt, 5, 10, 0);
    feed(&vt, "\033[3;7H\033[6n\033[c");
    assert_int_equal(vt.reply_len, strlen("\033[3;7R\033[?62;22c"));
    assert_memory_equal(vt.reply, "\033[3;7R\033[?62;22c", vt.reply_len);
    feed(&vt, "\033[?1h\033[?2004h\033[?25l\033]2;my title\007");
    assert_true(vt.app_cursor);
    assert_true(vt.bracketed_paste);
    assert_false(vt.cursor_visible);
    assert_string_equal(vt.title, "my title");
    feed(&vt, "\033c"); /* RIS */
    assert_false(vt.app_cursor);
    assert_true(vt.cursor_visible);
    /* junk and huge numbers change nothing they should not */
    feed(&vt, "\033[999999999999;99999999999H\033[;;;;;;;;;;;;;;;;;;;;;;;;;;;;;m\033P1$qm\033\\o");
    assert_int_equal(vt.cur.y, 4); /* clamped to the corner */
    assert_int_equal(vt.screen[4].cells[9].ch, 'o');
    assert_true(vt.cur.wrap_pending); /* the next character wraps, not this one */
    feed(&vt, "k");
    assert_string_equal(row(&vt, 3), "         o");
    assert_true(vt.screen[3].wrapped);
    assert_string_equal(row(&vt, 4), "k");
    feed(&vt, "\033(0lqk\033(Bq"); /* DEC line drawing, then ASCII again */
    assert_int_equal(vt.screen[4].cells[1].ch, 0x250C);
    assert_int_equal(vt.screen[4].cells[2].ch, 0x2500);
    assert_int_equal(vt.screen[4].cells[3].ch, 0x2510);
    assert_int_equal(vt.screen[4].cells[4].ch, 'q');
    vt_free(&vt);
    return 0;
}

/* Whatever bytes come, the model stays consistent: the cursor on the
 * screen, the scroll region inside it, replies bounded. */
RUN_IN_TASK(test_random_bytes_keep_the_model_consistent) {
    Vt vt;
    assert_int_equal(vt_init(&vt, 7, 13, 20), 0);
    uint32_t seed = 12345;
    static const char pieces[] = "\033[;?0123456789:mHJKrhlABCDPX@LMST\033]P\\\007\r\n\b\t(0#8c";
    char buf[256];
    for (int round = 0; round < 2000; round++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            seed = seed * 1103515245u + 12345u;
            uint32_t r = seed >> 16;
            buf[i] = (r & 3) ? pieces[r % (sizeof pieces - 1)] : (char)(r >> 3);
        }
        vt_feed(&vt, buf, sizeof buf);
        assert_in_range(vt.cur.x, 0, vt.cols - 1);
        assert_in_range(vt.cur.y, 0, vt.rows - 1);
        assert_true(vt.top >= 0 && vt.top < vt.bottom && vt.bottom < vt.rows);
        assert_true(vt.reply_len <= VT_REPLY_MAX);
        assert_true(vt.sb_len <= vt.sb_cap);
        vt.reply_len = 0;
        if (round % 500 == 499)
            assert_int_equal(vt_resize(&vt, 3 + round % 11, 5 + round % 17), 0);
    }
    vt_free(&vt);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_and_newlines_land_in_cells),
        cmocka_unit_test(test_cursor_movement_and_erasing),
        cmocka_unit_test(test_sgr_colours_and_attributes),
        cmocka_unit_test(test_the_alternate_screen_keeps_the_shells),
        cmocka_unit_test(test_scrollback_and_scroll_regions),
        cmocka_unit_test(test_resizing_reflows_wrapped_lines),
        cmocka_unit_test(test_reports_and_modes),
        cmocka_unit_test(test_random_bytes_keep_the_model_consistent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
