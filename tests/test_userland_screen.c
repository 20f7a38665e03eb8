/* Hypotheses about the full-screen programs, vi and less/more, driven as
 * a person drives them: keys typed on the console (a terminal of 10 rows
 * by 40 columns) whenever the program waits for one, and the screen read
 * back through a small terminal emulator that understands what they
 * write (cursor moves, clears, SGR). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userland_run.h"

#define ROWS 10
#define COLS 40

typedef struct Screen {
    char cell[ROWS][COLS + 1];
    int r, c;
} Screen;

static void scr_clear(Screen *s)
{
    for (int r = 0; r < ROWS; r++) {
        memset(s->cell[r], ' ', COLS);
        s->cell[r][COLS] = 0;
    }
}

/* Apply output bytes to the screen. */
static void scr_feed(Screen *s, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ch = p[i];
        if (ch == '\033' && i + 1 < n && p[i + 1] == '[') {
            size_t j = i + 2;
            int a[4] = {0, 0, 0, 0}, na = 0;
            while (j < n && ((p[j] >= '0' && p[j] <= '9') || p[j] == ';')) {
                if (p[j] == ';')
                    na++;
                else if (na < 4)
                    a[na] = a[na] * 10 + (p[j] - '0');
                j++;
            }
            char f = j < n ? p[j] : 0;
            if (f == 'H') {
                s->r = (a[0] ? a[0] : 1) - 1;
                s->c = (na >= 1 && a[1] ? a[1] : 1) - 1;
            } else if (f == 'J') {
                scr_clear(s);
            } else if (f == 'K') {
                if (s->r < ROWS)
                    for (int c = s->c; c < COLS; c++)
                        s->cell[s->r][c] = ' ';
            } /* m (SGR): no effect on the text */
            i = j;
            continue;
        }
        if (ch == '\r') {
            s->c = 0;
        } else if (ch == '\n') { /* as the host's terminal shows it: CR too */
            s->c = 0;
            if (s->r + 1 < ROWS) {
                s->r++;
            } else { /* scroll */
                memmove(s->cell[0], s->cell[1], sizeof s->cell[0] * (ROWS - 1));
                memset(s->cell[ROWS - 1], ' ', COLS);
            }
        } else if ((unsigned char)ch >= 32) {
            if (s->r < ROWS && s->c < COLS)
                s->cell[s->r][s->c] = ch;
            s->c++;
        }
    }
}

/* A screen row without its trailing blanks. */
static const char *row(Screen *s, int r)
{
    static char buf[COLS + 1];
    memcpy(buf, s->cell[r], COLS + 1);
    for (int c = COLS - 1; c >= 0 && buf[c] == ' '; c--)
        buf[c] = 0;
    return buf;
}

static Screen screens[16]; /* the screen each time the program waited for keys */

static void drain(Kernel *k, Screen *s)
{
    char buf[4096];
    size_t n;
    while ((n = kernel_console_take_output(k, buf, sizeof buf)) > 0)
        scr_feed(s, buf, n);
}

/* Run argv, typing keys[i] at its i-th wait for input; screens[i] is the
 * screen at that wait. Returns the exit status; *final the last screen. */
static int session(Kernel *k, char *const argv[], const char *const keys[], size_t nkeys,
                   Screen *final)
{
    kernel_console_set_winsize(k, ROWS, COLS);
    Screen s;
    scr_clear(&s);
    s.r = s.c = 0;
    SyscallResult pid = kernel_spawn(k, argv[0], argv);
    assert_int_equal(pid.error, AX_OK);
    for (size_t i = 0; i < nkeys; i++) {
        RunState st = kernel_run(k);
        drain(k, &s);
        if (st != AX_RUN_INPUT)
            fail_msg("before key %zu (\"%s\"): the program did not wait for input (%d)", i,
                     keys[i], (int)st);
        if (i < 16)
            screens[i] = s;
        kernel_console_push_input(k, keys[i], strlen(keys[i]));
    }
    int status = -1;
    if (kernel_wait(k, (int)pid.value, &status) != 0)
        fail_msg("the program did not end after the last key");
    drain(k, &s);
    if (final)
        *final = s;
    return AX_WIFEXITED(status) ? AX_WEXITSTATUS(status) : 128 + AX_WTERMSIG(status);
}

#define KEYS(...) (const char *const[]){__VA_ARGS__}, sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *)
#define ARGV(...) (char *const[]){__VA_ARGS__, NULL}

/* ---- vi ---- */

static void test_vi_edits_and_writes(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/f", "hello world\nsecond line\n");
    Screen fin;
    int st = session(k, ARGV("/bin/vi", "/f"), KEYS("x", "A!\033", "j0dw", ":wq\r"), &fin);
    assert_int_equal(st, 0);
    assert_string_equal(row(&screens[0], 0), "hello world");
    assert_string_equal(row(&screens[0], 1), "second line");
    assert_string_equal(row(&screens[0], 2), "~");
    assert_non_null(strstr(row(&screens[0], ROWS - 1), "\"/f\" 2L, 24B"));
    assert_string_equal(row(&screens[1], 0), "ello world");
    assert_string_equal(row(&screens[2], 0), "ello world!");
    assert_string_equal(row(&screens[3], 1), "line");
    assert_string_equal(ul_read_file(k, "/f"), "ello world!\nline\n");
    harness_destroy(k);
}

static void test_vi_dot_repeats_the_last_change(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/f", "abcdef\none two three\nline\nline\n");
    Screen fin;
    /* x then . twice; dw then .; an append, repeated on the next line and
     * (a motion between does not replace the change) on this one again */
    int st = session(k, ARGV("/bin/vi", "/f"),
                     KEYS("x", "..", "jdw", ".", "jA!\033", "j.", "k.", ":wq\r"), &fin);
    assert_int_equal(st, 0);
    assert_string_equal(row(&screens[1], 0), "bcdef");
    assert_string_equal(row(&screens[2], 0), "def");
    assert_string_equal(row(&screens[3], 1), "two three");
    assert_string_equal(row(&screens[4], 1), "three");
    assert_string_equal(row(&screens[5], 2), "line!");
    assert_string_equal(row(&screens[6], 3), "line!");
    assert_string_equal(row(&screens[7], 2), "line!!");
    assert_string_equal(ul_read_file(k, "/f"), "def\nthree\nline!!\nline!\n");
    harness_destroy(k);
}

static void test_vi_new_file_insert_delete_put_undo(void **state)
{
    Kernel *k = ul_kernel();
    Screen fin;
    int st = session(k, ARGV("/bin/vi", "/new"),
                     KEYS("ione\rtwo\rthree\033", "ggdd", "p", "u", ":w\r", ":q\r"), &fin);
    assert_int_equal(st, 0);
    assert_non_null(strstr(row(&screens[0], ROWS - 1), "\"/new\" [New]"));
    assert_string_equal(row(&screens[1], 2), "three");
    assert_string_equal(row(&screens[2], 0), "two"); /* after dd */
    assert_string_equal(row(&screens[3], 1), "one"); /* after p */
    assert_string_equal(row(&screens[4], 1), "three"); /* after u */
    assert_non_null(strstr(row(&screens[5], ROWS - 1), "\"/new\" 2L, 10B written"));
    assert_string_equal(ul_read_file(k, "/new"), "two\nthree\n");
    harness_destroy(k);
}

static void test_vi_refuses_to_lose_changes(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/f", "keep\n");
    Screen fin;
    int st = session(k, ARGV("/bin/vi", "/f"), KEYS("dd", ":q\r", ":bogus\r", ":q!\r"), &fin);
    assert_int_equal(st, 0);
    assert_non_null(strstr(row(&screens[2], ROWS - 1), "E37: No write since last change"));
    assert_non_null(strstr(row(&screens[3], ROWS - 1), "E492: Not an editor command"));
    assert_string_equal(ul_read_file(k, "/f"), "keep\n");
    harness_destroy(k);
}

static void test_vi_search_change_word_and_substitute(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/f", "hello world\nall is well\n");
    Screen fin;
    int st = session(k, ARGV("/bin/vi", "/f"),
                     KEYS("/wor\r", "cwWOR\033", ":%s/l/L/g\r", "3G", "yyP", "ZZ"), &fin);
    assert_int_equal(st, 0);
    assert_string_equal(row(&screens[2], 0), "hello WOR");
    assert_string_equal(row(&screens[3], 0), "heLLo WOR");
    assert_string_equal(row(&screens[3], 1), "aLL is weLL");
    assert_string_equal(ul_read_file(k, "/f"), "heLLo WOR\naLL is weLL\naLL is weLL\n");
    harness_destroy(k);
}

static void test_vi_counts_join_and_motions(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/f", "one two three\nfour\n  five\nsix\n");
    Screen fin;
    int st = session(k, ARGV("/bin/vi", "/f"),
                     KEYS("w2x", "J", "$D", "j0d$", "ggd2w", ":x\r"), &fin);
    assert_int_equal(st, 0);
    assert_string_equal(row(&screens[1], 0), "one o three");  /* w2x */
    assert_string_equal(row(&screens[2], 0), "one o three four"); /* J */
    assert_string_equal(row(&screens[3], 0), "one o three fou"); /* $D */
    assert_string_equal(row(&screens[4], 1), "");                /* j0d$ */
    assert_string_equal(ul_read_file(k, "/f"), "three fou\n\nsix\n");
    harness_destroy(k);
}

/* ---- less and more ---- */

static void test_less_pages_searches_and_quits(void **state)
{
    Kernel *k = ul_kernel();
    char text[1024] = "";
    for (int i = 1; i <= 30; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "line %d\n", i);
    ul_write_file(k, "/t", text);
    Screen fin;
    int st = session(k, ARGV("/bin/less", "/t"), KEYS(" ", "G", "g", "/ne 2[05]\r", "n", "q"),
                     &fin);
    assert_int_equal(st, 0);
    assert_string_equal(row(&screens[0], 0), "line 1");
    assert_string_equal(row(&screens[0], 8), "line 9");
    assert_string_equal(row(&screens[0], 9), ":");
    assert_string_equal(row(&screens[1], 0), "line 10"); /* SPACE: a screen on */
    assert_string_equal(row(&screens[2], 8), "line 30"); /* G */
    assert_string_equal(row(&screens[2], 9), "(END)");
    assert_string_equal(row(&screens[3], 0), "line 1"); /* g */
    assert_string_equal(row(&screens[4], 0), "line 20"); /* the search */
    assert_string_equal(row(&screens[5], 0), "line 22"); /* n: line 25 can go no higher */
    harness_destroy(k);
}

static void test_less_without_terminal_and_errors(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/t", "a\nb\n");
    assert_int_equal(RUN_PIPED(k, NULL, "less", "/t"), 0); /* not a terminal: as cat */
    assert_string_equal(ul_output(), "a\nb\n");
    assert_int_equal(RUN_PIPED(k, "x\ny\n", "more"), 0);
    assert_string_equal(ul_output(), "x\ny\n");
    assert_int_equal(RUN_PIPED(k, NULL, "less", "/nonexist"), 1);
    assert_string_equal(ul_output(), "/nonexist: No such file or directory\n");
    assert_int_equal(RUN_PIPED(k, NULL, "less", "--bogus"), 1);
    assert_string_equal(ul_output(), "less: unrecognized option '--bogus'\n"
                                     "Try 'less --help' for more information.\n");
    /* more with a text that fits: printed, no keys wanted */
    Screen fin;
    assert_int_equal(session(k, ARGV("/bin/more", "/t"), NULL, 0, &fin), 0);
    assert_string_equal(row(&fin, 0), "a");
    assert_string_equal(row(&fin, 1), "b");
    harness_destroy(k);
}

static void test_man_shows_its_page_through_the_pager(void **state)
{
    Kernel *k = ul_kernel();
    Screen fin;
    int st = session(k, ARGV("/bin/man", "sed"), KEYS("q"), &fin);
    assert_int_equal(st, 0);
    bool found = false;
    for (int r = 0; r < ROWS - 1; r++)
        found |= strstr(row(&screens[0], r), "sed - stream editor") != NULL;
    assert_true(found);
    assert_string_equal(row(&screens[0], ROWS - 1), ":");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vi_edits_and_writes),
        cmocka_unit_test(test_vi_dot_repeats_the_last_change),
        cmocka_unit_test(test_vi_new_file_insert_delete_put_undo),
        cmocka_unit_test(test_vi_refuses_to_lose_changes),
        cmocka_unit_test(test_vi_search_change_word_and_substitute),
        cmocka_unit_test(test_vi_counts_join_and_motions),
        cmocka_unit_test(test_less_pages_searches_and_quits),
        cmocka_unit_test(test_less_without_terminal_and_errors),
        cmocka_unit_test(test_man_shows_its_page_through_the_pager),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
