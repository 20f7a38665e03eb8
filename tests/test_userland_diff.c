/* Hypotheses about diff, du and df. diff's expected outputs were taken
 * from GNU diffutils on the host for the same files; du and df follow
 * GNU's formats with axos's accounting (docs/differences.md). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()

static Kernel *files(void)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/A", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
    ul_write_file(k, "/B", "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\n");
    ul_write_file(k, "/C", "x\n");
    ul_write_file(k, "/D", "x");
    ul_write_file(k, "/E", "");
    ul_write_file(k, "/H", "a\nb\nc\n");
    ul_write_file(k, "/I", "a\nc\nd\n");
    ul_write_file(k, "/J", "Hello  World\n");
    ul_write_file(k, "/K", "hello world\n");
    return k;
}

static void test_diff_normal_format(void **state)
{
    Kernel *k = files();
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "/A", "/B"), 1);
    assert_string_equal(OUT, "2c2\n< b\n---\n> B\n10a11\n> k\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "/H", "/I"), 1);
    assert_string_equal(OUT, "2d1\n< b\n3a3\n> d\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "/C", "/D"), 1);
    assert_string_equal(OUT, "1c1\n< x\n---\n> x\n\\ No newline at end of file\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "/A", "/E"), 1);
    assert_true(strncmp(OUT, "1,10d0\n< a\n", 11) == 0);
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "/A", "/A"), 0);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-i", "/J", "/K"), 1);
    assert_string_equal(OUT, "1c1\n< Hello  World\n---\n> hello world\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-ib", "/J", "/K"), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-w", "-i", "/J", "/K"), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-q", "/A", "/B"), 1);
    assert_string_equal(OUT, "Files /A and /B differ\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-s", "/A", "/A"), 0);
    assert_string_equal(OUT, "Files /A and /A are identical\n");
    assert_int_equal(RUN_PIPED(k, "a\nb\nc\n", "diff", "-", "/H"), 0);
    harness_destroy(k);
}

static void test_diff_unified_format(void **state)
{
    Kernel *k = files();
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-u", "--label", "A", "--label", "B", "/A", "/B"),
                     1);
    assert_string_equal(OUT, "--- A\n+++ B\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n"
                             "@@ -8,3 +8,4 @@\n h\n i\n j\n+k\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-U", "1", "--label", "A", "--label", "B", "/A",
                               "/B"),
                     1);
    assert_string_equal(OUT, "--- A\n+++ B\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
                             "@@ -10 +10,2 @@\n j\n+k\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-u", "--label", "H", "--label", "I", "/H", "/I"),
                     1);
    assert_string_equal(OUT, "--- H\n+++ I\n@@ -1,3 +1,3 @@\n a\n-b\n c\n+d\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-u", "--label", "C", "--label", "D", "/C", "/D"),
                     1);
    assert_string_equal(OUT, "--- C\n+++ D\n@@ -1 +1 @@\n-x\n+x\n\\ No newline at end of file\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-u", "--label", "E", "--label", "H", "/E", "/H"),
                     1);
    assert_string_equal(OUT, "--- E\n+++ H\n@@ -0,0 +1,3 @@\n+a\n+b\n+c\n");
    /* without labels: the names and modification times */
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "-u", "/H", "/I"), 1);
    assert_true(strncmp(OUT, "--- /H\t", 7) == 0);
    assert_non_null(strstr(OUT, " +0000\n+++ /I\t"));
    harness_destroy(k);
}

static void test_diff_trees_and_errors(void **state)
{
    Kernel *k = files();
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/d1/s", "/d2/s", "/d3"), 0);
    ul_write_file(k, "/d1/f", "1\n");
    ul_write_file(k, "/d2/f", "2\n");
    ul_write_file(k, "/d1/only", "o\n");
    ul_write_file(k, "/d1/s/x", "s\n");
    ul_write_file(k, "/d2/s/x", "t\n");
    ul_write_file(k, "/d3/H", "a\nb\nc\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && diff -r d1 d2"), 1);
    assert_string_equal(OUT, "diff -r d1/f d2/f\n1c1\n< 1\n---\n> 2\nOnly in d1: only\n"
                             "diff -r d1/s/x d2/s/x\n1c1\n< s\n---\n> t\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && diff d1 d2"), 1);
    assert_string_equal(OUT, "diff d1/f d2/f\n1c1\n< 1\n---\n> 2\nOnly in d1: only\n"
                             "Common subdirectories: d1/s and d2/s\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && diff -rN d1 d2"), 1);
    assert_string_equal(OUT, "diff -rN d1/f d2/f\n1c1\n< 1\n---\n> 2\n"
                             "diff -rN d1/only d2/only\n1d0\n< o\n"
                             "diff -rN d1/s/x d2/s/x\n1c1\n< s\n---\n> t\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && diff -rq d1 d2"), 1);
    assert_string_equal(OUT, "Files d1/f and d2/f differ\nOnly in d1: only\n"
                             "Files d1/s/x and d2/s/x differ\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && diff H d3"), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && diff H d1"), 2);
    assert_string_equal(OUT, "diff: d1/H: No such file or directory\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "/A", "/nonexist"), 2);
    assert_string_equal(OUT, "diff: /nonexist: No such file or directory\n");
    assert_int_equal(RUN_PIPED(k, NULL, "diff", "/A"), 2);
    assert_string_equal(OUT, "diff: missing operand after '/A'\n"
                             "diff: Try 'diff --help' for more information.\n");
    harness_destroy(k);
}

/* ---- du and df ---- */

static void test_du_sums_trees(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/t/a/b"), 0);
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    ul_write_file(k, "/t/one", big);    /* 2999 bytes: one 4 KiB block */
    ul_write_file(k, "/t/a/two", "hi"); /* one block */
    ul_write_file(k, "/t/a/b/three", big);
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && du t"), 0);
    assert_string_equal(OUT, "4\tt/a/b\n8\tt/a\n12\tt\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && du -a t"), 0);
    assert_string_equal(OUT, "4\tt/a/b/three\n4\tt/a/b\n4\tt/a/two\n8\tt/a\n4\tt/one\n12\tt\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && du -s t t/a"), 0);
    assert_string_equal(OUT, "12\tt\n8\tt/a\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && du -sb t"), 0);
    assert_string_equal(OUT, "6000\tt\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && du --apparent-size -s t"), 0);
    assert_string_equal(OUT, "6\tt\n"); /* 6000 bytes in KiB, rounded up */
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd / && du -d 0 -c t t/one"), 0);
    assert_string_equal(OUT, "12\tt\n4\tt/one\n16\ttotal\n");
    assert_int_equal(RUN_PIPED(k, NULL, "du", "/nonexist"), 1);
    assert_string_equal(OUT, "du: cannot access '/nonexist': No such file or directory\n");
    assert_int_equal(RUN_PIPED(k, NULL, "du", "-d", "x"), 1);
    assert_string_equal(OUT, "du: invalid maximum depth 'x'\n");
    harness_destroy(k);
}

static void test_df_reports_the_file_systems(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, NULL, "df"), 0);
    const char *head = "Filesystem  1K-blocks     Used Available Use% Mounted on\nmemfs";
    assert_true(strncmp(OUT, head, strlen(head)) == 0);
    assert_non_null(strstr(OUT, "\ndevfs               0        0         0    - /dev\n"));
    assert_int_equal(RUN_PIPED(k, NULL, "df", "/dev/null"), 0);
    assert_non_null(strstr(OUT, "devfs"));
    assert_null(strstr(OUT, "memfs"));
    assert_int_equal(RUN_PIPED(k, NULL, "df", "/nonexist"), 1);
    assert_non_null(strstr(OUT, "df: /nonexist: No such file or directory\n"));
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_normal_format),
        cmocka_unit_test(test_diff_unified_format),
        cmocka_unit_test(test_diff_trees_and_errors),
        cmocka_unit_test(test_du_sums_trees),
        cmocka_unit_test(test_df_reports_the_file_systems),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
