/* Hypotheses about the text programs: echo, printf, wc, head, tail, grep,
 * sort, uniq, tee, tr, cut, seq, yes, hexdump. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()

/* ---- echo ---- */

static void test_echo_joins_arguments(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "echo", "a", "b  c"), 0);
    assert_string_equal(OUT, "a b  c\n");
    assert_int_equal(RUN(k, NULL, "echo"), 0);
    assert_string_equal(OUT, "\n");
    assert_int_equal(RUN(k, NULL, "echo", "-n", "x"), 0);
    assert_string_equal(OUT, "x");
    assert_int_equal(RUN(k, NULL, "echo", "-e", "a\\tb\\n\\x41\\0102\\\\"), 0);
    assert_string_equal(OUT, "a\tb\nAB\\\n");
    assert_int_equal(RUN(k, NULL, "echo", "-e", "stop\\chere", "more"), 0);
    assert_string_equal(OUT, "stop");
    assert_int_equal(RUN(k, NULL, "echo", "a\\tb"), 0); /* no -e: literal */
    assert_string_equal(OUT, "a\\tb\n");
    assert_int_equal(RUN(k, NULL, "echo", "-x", "-n"), 0); /* not an option word */
    assert_string_equal(OUT, "-x -n\n");
    harness_destroy(k);
}

/* ---- printf ---- */

static void test_printf_formats_and_reuses_the_format(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "printf", "%s=%d\\n", "a", "1", "b", "2"), 0);
    assert_string_equal(OUT, "a=1\nb=2\n");
    assert_int_equal(RUN(k, NULL, "printf", "[%5s|%-3d|%x|%o|%c|%%]\\n", "ab", "7", "255", "8",
                         "zed"),
                     0);
    assert_string_equal(OUT, "[   ab|7  |ff|10|z|%]\n");
    assert_int_equal(RUN(k, NULL, "printf", "%s %s\\n", "only"), 0); /* missing: empty */
    assert_string_equal(OUT, "only \n");
    assert_int_equal(RUN(k, NULL, "printf", "%d %d\\n"), 0);
    assert_string_equal(OUT, "0 0\n");
    assert_int_equal(RUN(k, NULL, "printf", "%05.1f|%X|%i\\n", "3.14159", "0x1f", "'A"), 0);
    assert_string_equal(OUT, "003.1|1F|65\n");
    assert_int_equal(RUN(k, NULL, "printf", "%b|\\101\\n", "x\\ty"), 0);
    assert_string_equal(OUT, "x\ty|A\n");
    assert_int_equal(RUN(k, NULL, "printf", "%*d|\\n", "4", "9"), 0);
    assert_string_equal(OUT, "   9|\n");
    assert_int_equal(RUN(k, NULL, "printf", "no newline"), 0);
    assert_string_equal(OUT, "no newline");
    harness_destroy(k);
}

static void test_printf_reports_bad_numbers_and_formats(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "printf", "%d\\n", "abc"), 1);
    assert_string_equal(OUT, "printf: 'abc': expected a numeric value\n0\n");
    assert_int_equal(RUN(k, NULL, "printf", "%d\\n", "12abc"), 1);
    assert_string_equal(OUT, "printf: '12abc': value not completely converted\n12\n");
    assert_int_equal(RUN(k, NULL, "printf", "%y"), 1);
    assert_string_equal(OUT, "printf: %y: invalid conversion specification\n");
    assert_int_equal(RUN(k, NULL, "printf"), 1);
    assert_string_equal(OUT, "printf: missing operand\nTry 'printf --help' for more information.\n");
    harness_destroy(k);
}

/* ---- wc ---- */

static void test_wc_counts_lines_words_bytes(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, "one two\nthree\n", "wc"), 0);
    assert_string_equal(OUT, "      2       3      14\n");
    assert_int_equal(RUN(k, "one two\nthree\n", "wc", "-l"), 0);
    assert_string_equal(OUT, "2\n");
    assert_int_equal(RUN(k, "  a  b\tc\n", "wc", "-w"), 0);
    assert_string_equal(OUT, "3\n");
    ul_write_file(k, "/tmp/a", "x y\n");
    ul_write_file(k, "/tmp/b", "1\n2\n3\n");
    assert_int_equal(RUN(k, NULL, "wc", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(OUT, " 1  2  4 /tmp/a\n 3  3  6 /tmp/b\n 4  5 10 total\n");
    assert_int_equal(RUN(k, NULL, "wc", "-c", "/tmp/a"), 0);
    assert_string_equal(OUT, "4 /tmp/a\n");
    harness_destroy(k);
}

static void test_wc_reports_missing_files_and_counts_the_rest(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/a", "x\n");
    assert_int_equal(RUN(k, NULL, "wc", "-l", "/nope", "/tmp/a"), 1);
    assert_string_equal(OUT, "wc: /nope: No such file or directory\n1 /tmp/a\n1 total\n");
    harness_destroy(k);
}

/* ---- head, tail ---- */

static const char ten[] = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";

static void test_head_takes_the_first_lines_or_bytes(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, ten, "head"), 0);
    assert_string_equal(OUT, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
    assert_int_equal(RUN(k, ten, "head", "-n", "2"), 0);
    assert_string_equal(OUT, "1\n2\n");
    assert_int_equal(RUN(k, ten, "head", "-3"), 0);
    assert_string_equal(OUT, "1\n2\n3\n");
    assert_int_equal(RUN(k, ten, "head", "-c", "5"), 0);
    assert_string_equal(OUT, "1\n2\n3");
    assert_int_equal(RUN(k, ten, "head", "-n", "-9"), 0);
    assert_string_equal(OUT, "1\n2\n3\n");
    assert_int_equal(RUN(k, "a\nb", "head", "-n", "-1"), 0); /* last line lacks '\n' */
    assert_string_equal(OUT, "a\n");
    ul_write_file(k, "/tmp/a", "A\n");
    ul_write_file(k, "/tmp/b", "B\n");
    assert_int_equal(RUN(k, NULL, "head", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(OUT, "==> /tmp/a <==\nA\n\n==> /tmp/b <==\nB\n");
    assert_int_equal(RUN(k, NULL, "head", "/nope"), 1);
    assert_string_equal(OUT, "head: cannot open '/nope' for reading: No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "head", "-n", "x"), 1);
    assert_string_equal(OUT, "head: invalid number of lines: 'x'\n");
    harness_destroy(k);
}

static void test_head_ends_an_endless_pipeline(void **state)
{
    Kernel *k = ul_kernel();
    int yes_status;
    assert_int_equal(run_pipeline(k, (char *const[]){"yes", NULL},
                                  (char *const[]){"head", "-n", "3", NULL}, &yes_status),
                     0);
    assert_int_equal(yes_status, 128 + AX_SIGPIPE);
    assert_string_equal(OUT, "y\ny\ny\nA=141\n");
    assert_int_equal(run_pipeline(k, (char *const[]){"yes", "a", "b", NULL},
                                  (char *const[]){"head", "-c", "9", NULL}, NULL),
                     0);
    assert_string_equal(OUT, "a b\na b\naA=141\n");
    harness_destroy(k);
}

static void test_tail_takes_the_last_lines_or_bytes(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, ten, "tail"), 0);
    assert_string_equal(OUT, "3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n");
    assert_int_equal(RUN(k, ten, "tail", "-n", "2"), 0);
    assert_string_equal(OUT, "11\n12\n");
    assert_int_equal(RUN(k, ten, "tail", "-1"), 0);
    assert_string_equal(OUT, "12\n");
    assert_int_equal(RUN(k, ten, "tail", "-n", "+11"), 0);
    assert_string_equal(OUT, "11\n12\n");
    assert_int_equal(RUN(k, ten, "tail", "-c", "3"), 0);
    assert_string_equal(OUT, "12\n");
    assert_int_equal(RUN(k, "a\nb\nc", "tail", "-n", "2"), 0);
    assert_string_equal(OUT, "b\nc");
    assert_int_equal(RUN(k, "abc", "tail", "-c", "+2"), 0);
    assert_string_equal(OUT, "bc");
    assert_int_equal(RUN(k, NULL, "tail", "/nope"), 1);
    assert_string_equal(OUT, "tail: cannot open '/nope' for reading: No such file or directory\n");
    harness_destroy(k);
}

/* A write error is the output's, said as GNU coreutils 9 says it. */
static void test_head_and_tail_name_a_write_error_as_the_outputs(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/a", ten);
    assert_int_equal(RUN(k, NULL, "sh", "-c", "head -c 10 /dev/zero >/dev/full"), 1);
    assert_string_equal(OUT, "head: write error: No space left on device\n");
    assert_int_equal(RUN(k, NULL, "sh", "-c", "head -n -2 /tmp/a >/dev/full"), 1);
    assert_string_equal(OUT, "head: write error: No space left on device\n");
    assert_int_equal(RUN(k, NULL, "sh", "-c", "tail -n 3 /tmp/a >/dev/full"), 1);
    assert_string_equal(OUT, "tail: write error: No space left on device\n");
    assert_int_equal(RUN(k, ten, "sh", "-c", "tail -c 4 >/dev/full"), 1);
    assert_string_equal(OUT, "tail: write error: No space left on device\n");
    harness_destroy(k);
}

/* ---- grep ---- */

static const char fruit[] = "apple\nBanana\ncherry\nbanana split\n";

static void test_grep_selects_lines(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, fruit, "grep", "an"), 0);
    assert_string_equal(OUT, "Banana\nbanana split\n");
    assert_int_equal(RUN(k, fruit, "grep", "-i", "^b"), 0);
    assert_string_equal(OUT, "Banana\nbanana split\n");
    assert_int_equal(RUN(k, fruit, "grep", "-v", "an"), 0);
    assert_string_equal(OUT, "apple\ncherry\n");
    assert_int_equal(RUN(k, fruit, "grep", "-n", "e"), 0);
    assert_string_equal(OUT, "1:apple\n3:cherry\n");
    assert_int_equal(RUN(k, fruit, "grep", "-c", "a"), 0);
    assert_string_equal(OUT, "3\n");
    assert_int_equal(RUN(k, fruit, "grep", "-E", "^(apple|cherry)$"), 0);
    assert_string_equal(OUT, "apple\ncherry\n");
    assert_int_equal(RUN(k, fruit, "grep", "-F", "a.a"), 1);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN(k, fruit, "grep", "-e", "apple", "-e", "cherry"), 0);
    assert_string_equal(OUT, "apple\ncherry\n");
    harness_destroy(k);
}

static void test_grep_exit_status_is_0_1_or_2(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, fruit, "grep", "-q", "cherry"), 0);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN(k, fruit, "grep", "kiwi"), 1);
    assert_int_equal(RUN(k, fruit, "grep", "-q", "kiwi"), 1);
    assert_int_equal(RUN(k, fruit, "grep", "-E", "("), 2);
    assert_non_null(strstr(OUT, "grep: "));
    assert_int_equal(RUN(k, NULL, "grep", "x", "/nope"), 2);
    assert_string_equal(OUT, "grep: /nope: No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "grep", "-s", "x", "/nope"), 2);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN(k, NULL, "grep"), 2);
    assert_int_equal(RUN(k, NULL, "grep", "x", "/tmp"), 2);
    assert_string_equal(OUT, "grep: /tmp: Is a directory\n");
    harness_destroy(k);
}

static void test_grep_names_files_when_there_are_several(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/a", "hit\nmiss\n");
    ul_write_file(k, "/tmp/b", "hit again\n");
    assert_int_equal(RUN(k, NULL, "grep", "hit", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(OUT, "/tmp/a:hit\n/tmp/b:hit again\n");
    assert_int_equal(RUN(k, NULL, "grep", "-c", "hit", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(OUT, "/tmp/a:1\n/tmp/b:1\n");
    assert_int_equal(RUN(k, NULL, "grep", "-l", "again", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(OUT, "/tmp/b\n");
    assert_int_equal(RUN(k, NULL, "grep", "-h", "hit", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(OUT, "hit\nhit again\n");
    /* A match in one file and an error in another: still 2, as GNU. */
    assert_int_equal(RUN(k, NULL, "grep", "hit", "/tmp/a", "/nope"), 2);
    harness_destroy(k);
}

/* ---- sort, uniq ---- */

static void test_sort_orders_lines(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, "pear\napple\nfig\napple\n", "sort"), 0);
    assert_string_equal(OUT, "apple\napple\nfig\npear\n");
    assert_int_equal(RUN(k, "pear\napple\nfig\napple\n", "sort", "-r"), 0);
    assert_string_equal(OUT, "pear\nfig\napple\napple\n");
    assert_int_equal(RUN(k, "pear\napple\nfig\napple", "sort", "-u"), 0);
    assert_string_equal(OUT, "apple\nfig\npear\n");
    assert_int_equal(RUN(k, "10\n9\n-1\n2.5\nx\n", "sort", "-n"), 0);
    assert_string_equal(OUT, "-1\nx\n2.5\n9\n10\n");
    assert_int_equal(RUN(k, "10\n9\n100\n", "sort", "-rn"), 0);
    assert_string_equal(OUT, "100\n10\n9\n");
    /* Equal keys: GNU's last resort orders by bytes; -s keeps input order. */
    assert_int_equal(RUN(k, "1 b\n1 a\n", "sort", "-n"), 0);
    assert_string_equal(OUT, "1 a\n1 b\n");
    assert_int_equal(RUN(k, "1 b\n1 a\n", "sort", "-ns"), 0);
    assert_string_equal(OUT, "1 b\n1 a\n");
    assert_int_equal(RUN(k, "1 b\n01 a\n2\n", "sort", "-nu"), 0);
    assert_string_equal(OUT, "1 b\n2\n");
    assert_int_equal(RUN(k, NULL, "sort", "/nope"), 2);
    assert_string_equal(OUT, "sort: cannot read: /nope: No such file or directory\n");
    harness_destroy(k);
}

static void test_sort_handles_many_lines(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(run_pipeline(k, (char *const[]){"seq", "20000", "-1", "1", NULL},
                                  (char *const[]){"sort", "-n", NULL}, NULL),
                     0);
    const char *out = OUT;
    assert_int_equal(strncmp(out, "1\n2\n3\n", 6), 0);
    assert_int_equal(strcmp(out + strlen(out) - 12, "19999\n20000\n"), 0);
    harness_destroy(k);
}

/* ---- sort's fast paths against an order computed here ---- */

static uint64_t st_rng(uint64_t *s)
{
    *s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
    return *s;
}

static int st_cmp_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* -n over integers (some longer than 64 bits can hold): by value, then by
 * bytes (GNU's last resort). Values compare as decimal strings. */
static int st_cmp_num(const void *pa, const void *pb)
{
    const char *a = *(char *const *)pa, *b = *(char *const *)pb;
    int sa = a[0] == '-' ? -1 : 1, sb = b[0] == '-' ? -1 : 1;
    const char *da = a + (sa < 0), *db = b + (sb < 0);
    while (*da == '0')
        da++;
    while (*db == '0')
        db++;
    if (!*da)
        sa = 0;
    if (!*db)
        sb = 0;
    int c = sa != sb ? (sa < sb ? -1 : 1) : 0;
    if (!c && sa) {
        size_t la = strlen(da), lb = strlen(db);
        c = la != lb ? (la < lb ? -1 : 1) : strcmp(da, db);
        c = sa * ((c > 0) - (c < 0));
    }
    return c ? c : strcmp(a, b);
}

/* n random lines of kind 'b' (short words over a small alphabet, many
 * shared prefixes and duplicates) or 'n' (integers, a few of 25 digits),
 * joined with newlines into one malloc'd string; lines[] point into a copy. */
static char *st_lines(uint64_t seed, size_t n, char kind, char **lines, char *store)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        lines[i] = store + at;
        if (kind == 'b') {
            size_t len = st_rng(&seed) % 7;
            for (size_t j = 0; j < len; j++)
                store[at++] = "aab b\x01~"[st_rng(&seed) % 7];
        } else {
            if (st_rng(&seed) % 3 == 0)
                store[at++] = '-';
            size_t len = st_rng(&seed) % 20 == 0 ? 25 : 1 + st_rng(&seed) % 6;
            for (size_t j = 0; j < len; j++)
                store[at++] = (char)('0' + st_rng(&seed) % 10);
        }
        store[at++] = '\0';
    }
    char *joined = malloc(at + 1);
    for (size_t i = 0, k = 0; i < n; i++) {
        size_t l = strlen(lines[i]);
        memcpy(joined + k, lines[i], l);
        joined[k + l] = '\n';
        k += l + 1;
    }
    joined[at] = '\0';
    return joined;
}

static void st_expect(char **lines, size_t n, bool rev, bool uniq)
{
    size_t cap = 16;
    for (size_t i = 0; i < n; i++)
        cap += strlen(lines[i]) + 1;
    char *want = malloc(cap), *w = want;
    for (size_t k = 0; k < n; k++) {
        const char *l = lines[rev ? n - 1 - k : k];
        if (uniq && k > 0 && strcmp(l, lines[rev ? n - k : k - 1]) == 0)
            continue;
        w += sprintf(w, "%s\n", l);
    }
    assert_string_equal(ul_output(), want);
    free(want);
}

static void test_sort_fast_paths_agree_with_a_reference(void **state)
{
    Kernel *k = ul_kernel();
    enum { N = 3000 };
    static char *lines[N];
    static char store[N * 32];
    for (uint64_t seed = 1; seed <= 3; seed++) {
        char *in = st_lines(seed * 7919, N, 'b', lines, store);
        qsort(lines, N, sizeof *lines, st_cmp_bytes);
        assert_int_equal(RUN_PIPED(k, in, "sort"), 0);
        st_expect(lines, N, false, false);
        assert_int_equal(RUN_PIPED(k, in, "sort", "-ru"), 0);
        st_expect(lines, N, true, true);
        free(in);
        in = st_lines(seed * 104729, N, 'n', lines, store);
        qsort(lines, N, sizeof *lines, st_cmp_num);
        assert_int_equal(RUN_PIPED(k, in, "sort", "-n"), 0);
        st_expect(lines, N, false, false);
        assert_int_equal(RUN_PIPED(k, in, "sort", "-rn"), 0);
        st_expect(lines, N, true, false);
        free(in);
    }
    harness_destroy(k);
}

static void test_uniq_collapses_adjacent_duplicates(void **state)
{
    Kernel *k = ul_kernel();
    static const char in[] = "a\na\nb\na\nc\nc\nc\n";
    assert_int_equal(RUN(k, in, "uniq"), 0);
    assert_string_equal(OUT, "a\nb\na\nc\n");
    assert_int_equal(RUN(k, in, "uniq", "-c"), 0);
    assert_string_equal(OUT, "      2 a\n      1 b\n      1 a\n      3 c\n");
    assert_int_equal(RUN(k, in, "uniq", "-d"), 0);
    assert_string_equal(OUT, "a\nc\n");
    assert_int_equal(RUN(k, in, "uniq", "-u"), 0);
    assert_string_equal(OUT, "b\na\n");
    assert_int_equal(RUN(k, "A\na\n", "uniq", "-i"), 0);
    assert_string_equal(OUT, "A\n");
    assert_int_equal(RUN(k, NULL, "uniq", "/nope"), 1);
    assert_string_equal(OUT, "uniq: /nope: No such file or directory\n");
    harness_destroy(k);
}

/* ---- tee ---- */

static void test_tee_copies_to_stdout_and_files(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, "data\n", "tee", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(OUT, "data\n");
    assert_string_equal(ul_read_file(k, "/tmp/a"), "data\n");
    assert_string_equal(ul_read_file(k, "/tmp/b"), "data\n");
    assert_int_equal(RUN(k, "more\n", "tee", "-a", "/tmp/a"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/a"), "data\nmore\n");
    assert_int_equal(RUN(k, "x\n", "tee", "/nope/f", "/tmp/c"), 1);
    assert_string_equal(OUT, "tee: /nope/f: No such file or directory\nx\n");
    assert_string_equal(ul_read_file(k, "/tmp/c"), "x\n");
    harness_destroy(k);
}

/* ---- tr ---- */

static void test_tr_translates_deletes_and_squeezes(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, "Hello World\n", "tr", "a-z", "A-Z"), 0);
    assert_string_equal(OUT, "HELLO WORLD\n");
    assert_int_equal(RUN(k, "Hello World\n", "tr", "[:upper:]", "[:lower:]"), 0);
    assert_string_equal(OUT, "hello world\n");
    assert_int_equal(RUN(k, "hello\n", "tr", "el", "x"), 0); /* short SET2 pads */
    assert_string_equal(OUT, "hxxxo\n");
    assert_int_equal(RUN(k, "hello world\n", "tr", "-d", "lo"), 0);
    assert_string_equal(OUT, "he wrd\n");
    assert_int_equal(RUN(k, "aaabbbccc  d\n", "tr", "-s", "a-c "), 0);
    assert_string_equal(OUT, "abc d\n");
    assert_int_equal(RUN(k, "a1b2c3\n", "tr", "-cd", "[:digit:]"), 0);
    assert_string_equal(OUT, "123");
    assert_int_equal(RUN(k, "a\tb\n", "tr", "\\t", "_"), 0);
    assert_string_equal(OUT, "a_b\n");
    assert_int_equal(RUN(k, "aa  bb\n", "tr", "-s", " ", "\\n"), 0);
    assert_string_equal(OUT, "aa\nbb\n");
    assert_int_equal(RUN(k, "x", "tr", "a"), 1);
    assert_string_equal(OUT, "tr: missing operand after 'a'\n"
                             "Two strings must be given when translating.\n"
                             "Try 'tr --help' for more information.\n");
    assert_int_equal(RUN(k, "x", "tr", "z-a", "x"), 1);
    harness_destroy(k);
}

/* ---- cut ---- */

static void test_cut_selects_fields_and_characters(void **state)
{
    Kernel *k = ul_kernel();
    static const char csv[] = "a,b,c,d\nno delimiter\n1,2\n";
    assert_int_equal(RUN(k, csv, "cut", "-d", ",", "-f", "2"), 0);
    assert_string_equal(OUT, "b\nno delimiter\n2\n");
    assert_int_equal(RUN(k, csv, "cut", "-d,", "-f", "3-,1"), 0);
    assert_string_equal(OUT, "a,c,d\nno delimiter\n1\n");
    assert_int_equal(RUN(k, csv, "cut", "-s", "-d,", "-f", "-2"), 0);
    assert_string_equal(OUT, "a,b\n1,2\n");
    assert_int_equal(RUN(k, "a\tb\n", "cut", "-f", "2"), 0);
    assert_string_equal(OUT, "b\n");
    assert_int_equal(RUN(k, "abcdef\n", "cut", "-c", "2-3,5"), 0);
    assert_string_equal(OUT, "bce\n");
    assert_int_equal(RUN(k, "x\n", "cut"), 1);
    assert_string_equal(OUT, "cut: you must specify a list of bytes, characters, or fields\n"
                             "Try 'cut --help' for more information.\n");
    assert_int_equal(RUN(k, "x\n", "cut", "-f", "0"), 1);
    assert_string_equal(OUT, "cut: fields are numbered from 1\n"
                             "Try 'cut --help' for more information.\n");
    assert_int_equal(RUN(k, "x\n", "cut", "-f", "x"), 1);
    assert_string_equal(OUT, "cut: invalid field value 'x'\n"
                             "Try 'cut --help' for more information.\n");
    harness_destroy(k);
}

/* ---- seq, yes ---- */

static void test_seq_counts(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "seq", "3"), 0);
    assert_string_equal(OUT, "1\n2\n3\n");
    assert_int_equal(RUN(k, NULL, "seq", "8", "11"), 0);
    assert_string_equal(OUT, "8\n9\n10\n11\n");
    assert_int_equal(RUN(k, NULL, "seq", "10", "-4", "1"), 0);
    assert_string_equal(OUT, "10\n6\n2\n");
    assert_int_equal(RUN(k, NULL, "seq", "-2", "0"), 0);
    assert_string_equal(OUT, "-2\n-1\n0\n");
    assert_int_equal(RUN(k, NULL, "seq", "1", "0.5", "2"), 0);
    assert_string_equal(OUT, "1.0\n1.5\n2.0\n");
    assert_int_equal(RUN(k, NULL, "seq", "-s", ",", "-w", "8", "10"), 0);
    assert_string_equal(OUT, "08,09,10\n");
    assert_int_equal(RUN(k, NULL, "seq", "5", "1"), 0);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN(k, NULL, "seq", "98", "101"), 0); /* the ASCII counter carries */
    assert_string_equal(OUT, "98\n99\n100\n101\n");
    assert_int_equal(RUN(k, NULL, "seq", "x"), 1);
    assert_string_equal(OUT, "seq: invalid floating point argument: 'x'\n"
                             "Try 'seq --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "seq", "1", "0", "3"), 1);
    assert_string_equal(OUT, "seq: invalid Zero increment value: '0'\n"
                             "Try 'seq --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "seq"), 1);
    harness_destroy(k);
}

static void test_seq_a_million_lines_through_wc(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(run_pipeline(k, (char *const[]){"seq", "1", "1000000", NULL},
                                  (char *const[]){"wc", "-l", NULL}, NULL),
                     0);
    assert_string_equal(OUT, "1000000\n");
    assert_int_equal(run_pipeline(k, (char *const[]){"seq", "1", "1000000", NULL},
                                  (char *const[]){"wc", "-c", NULL}, NULL),
                     0);
    assert_string_equal(OUT, "6888896\n");
    harness_destroy(k);
}

static void test_yes_repeats_its_arguments(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(run_pipeline(k, (char *const[]){"yes", "hi", NULL},
                                  (char *const[]){"head", "-n", "2", NULL}, NULL),
                     0);
    assert_string_equal(OUT, "hi\nhi\nA=141\n");
    /* A large count still ends: many chunks pass through the pipe. */
    assert_int_equal(run_pipeline(k, (char *const[]){"yes", NULL},
                                  (char *const[]){"head", "-c", "300000", NULL}, NULL),
                     0);
    assert_int_equal(strlen(OUT), 300000 + strlen("A=141\n"));
    harness_destroy(k);
}

/* ---- hexdump ---- */

static void test_hexdump_canonical_and_words(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, "hello world\n", "hexdump", "-C"), 0);
    assert_string_equal(OUT, "00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a              "
                             "|hello world.|\n0000000c\n");
    assert_int_equal(RUN(k, "hello\n", "hexdump"), 0);
    assert_string_equal(OUT, "0000000 6568 6c6c 0a6f                         \n0000006\n");
    /* 48 equal bytes: the repeated lines fold into one '*'. */
    char zeros[49];
    memset(zeros, 'z', 48);
    zeros[48] = '\0';
    assert_int_equal(RUN(k, zeros, "hexdump", "-C"), 0);
    assert_string_equal(OUT, "00000000  7a 7a 7a 7a 7a 7a 7a 7a  7a 7a 7a 7a 7a 7a 7a 7a  "
                             "|zzzzzzzzzzzzzzzz|\n*\n00000030\n");
    assert_int_equal(RUN(k, "", "hexdump", "-C"), 0);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN(k, NULL, "hexdump", "/nope"), 1);
    assert_string_equal(OUT, "hexdump: /nope: No such file or directory\n");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_echo_joins_arguments),
        cmocka_unit_test(test_printf_formats_and_reuses_the_format),
        cmocka_unit_test(test_printf_reports_bad_numbers_and_formats),
        cmocka_unit_test(test_wc_counts_lines_words_bytes),
        cmocka_unit_test(test_wc_reports_missing_files_and_counts_the_rest),
        cmocka_unit_test(test_head_takes_the_first_lines_or_bytes),
        cmocka_unit_test(test_head_ends_an_endless_pipeline),
        cmocka_unit_test(test_head_and_tail_name_a_write_error_as_the_outputs),
        cmocka_unit_test(test_tail_takes_the_last_lines_or_bytes),
        cmocka_unit_test(test_grep_selects_lines),
        cmocka_unit_test(test_grep_exit_status_is_0_1_or_2),
        cmocka_unit_test(test_grep_names_files_when_there_are_several),
        cmocka_unit_test(test_sort_orders_lines),
        cmocka_unit_test(test_sort_handles_many_lines),
        cmocka_unit_test(test_sort_fast_paths_agree_with_a_reference),
        cmocka_unit_test(test_uniq_collapses_adjacent_duplicates),
        cmocka_unit_test(test_tee_copies_to_stdout_and_files),
        cmocka_unit_test(test_tr_translates_deletes_and_squeezes),
        cmocka_unit_test(test_cut_selects_fields_and_characters),
        cmocka_unit_test(test_seq_counts),
        cmocka_unit_test(test_seq_a_million_lines_through_wc),
        cmocka_unit_test(test_yes_repeats_its_arguments),
        cmocka_unit_test(test_hexdump_canonical_and_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
