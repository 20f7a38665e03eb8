/* Hypotheses about find and xargs: they behave as GNU findutils does on
 * the same tree and input. The expected outputs were taken from GNU find
 * 4.9 and xargs on the host (sorted: axos walks directories in name order,
 * GNU in readdir order). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()

/* t/a.txt (6 bytes), t/b.log (empty), t/empty/, t/sub/c.txt (11 bytes),
 * t/sub/deep/d.TXT (1 byte): files 0644, directories 0755 */
static Kernel *tree(void)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/t/sub/deep", "/t/empty"), 0);
    ul_write_file(k, "/t/a.txt", "hello\n");
    ul_write_file(k, "/t/b.log", "");
    ul_write_file(k, "/t/sub/c.txt", "12345678901");
    ul_write_file(k, "/t/sub/deep/d.TXT", "x");
    return k;
}

#define FIND(k, ...) RUN_PIPED((k), NULL, "sh", "-c", "cd / && find " __VA_ARGS__)

static void test_find_walks_in_order_with_tests(void **state)
{
    Kernel *k = tree();
    assert_int_equal(FIND(k, "t"), 0);
    assert_string_equal(OUT, "t\nt/a.txt\nt/b.log\nt/empty\nt/sub\nt/sub/c.txt\nt/sub/deep\n"
                             "t/sub/deep/d.TXT\n");
    assert_int_equal(FIND(k, "t -name '*.txt'"), 0);
    assert_string_equal(OUT, "t/a.txt\nt/sub/c.txt\n");
    assert_int_equal(FIND(k, "t -iname '*.txt'"), 0);
    assert_string_equal(OUT, "t/a.txt\nt/sub/c.txt\nt/sub/deep/d.TXT\n");
    assert_int_equal(FIND(k, "t -type d"), 0);
    assert_string_equal(OUT, "t\nt/empty\nt/sub\nt/sub/deep\n");
    assert_int_equal(FIND(k, "t -type f -size -1"), 0);
    assert_string_equal(OUT, "t/b.log\n");
    assert_int_equal(FIND(k, "t -size +1c -type f"), 0);
    assert_string_equal(OUT, "t/a.txt\nt/sub/c.txt\n");
    assert_int_equal(FIND(k, "t -maxdepth 1"), 0);
    assert_string_equal(OUT, "t\nt/a.txt\nt/b.log\nt/empty\nt/sub\n");
    assert_int_equal(FIND(k, "t -mindepth 2"), 0);
    assert_string_equal(OUT, "t/sub/c.txt\nt/sub/deep\nt/sub/deep/d.TXT\n");
    assert_int_equal(FIND(k, "t -empty"), 0);
    assert_string_equal(OUT, "t/b.log\nt/empty\n");
    assert_int_equal(FIND(k, "t ! -type d"), 0);
    assert_string_equal(OUT, "t/a.txt\nt/b.log\nt/sub/c.txt\nt/sub/deep/d.TXT\n");
    assert_int_equal(FIND(k, "t '(' -name 'a*' -o -name 'c*' ')' -print"), 0);
    assert_string_equal(OUT, "t/a.txt\nt/sub/c.txt\n");
    assert_int_equal(FIND(k, "t -path '*/sub/*' -type f"), 0);
    assert_string_equal(OUT, "t/sub/c.txt\nt/sub/deep/d.TXT\n");
    /* default: "." */
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd /t/sub && find"), 0);
    assert_string_equal(OUT, ".\n./c.txt\n./deep\n./deep/d.TXT\n");
    harness_destroy(k);
}

static void test_find_prune_depth_perm_printf(void **state)
{
    Kernel *k = tree();
    assert_int_equal(FIND(k, "t -name sub -prune -o -type f -print"), 0);
    assert_string_equal(OUT, "t/a.txt\nt/b.log\n");
    assert_int_equal(FIND(k, "t -depth -type d"), 0); /* contents first */
    assert_string_equal(OUT, "t/empty\nt/sub/deep\nt/sub\nt\n");
    assert_int_equal(FIND(k, "t -perm 644"), 0);
    assert_string_equal(OUT, "t/a.txt\nt/b.log\nt/sub/c.txt\nt/sub/deep/d.TXT\n");
    assert_int_equal(FIND(k, "t -perm -700"), 0);
    assert_string_equal(OUT, "t\nt/empty\nt/sub\nt/sub/deep\n");
    assert_int_equal(FIND(k, "t -perm /u+x,g+w -name 'e*'"), 0);
    assert_string_equal(OUT, "t/empty\n");
    assert_int_equal(FIND(k, "t -perm /022"), 0);
    assert_string_equal(OUT, "");
    assert_int_equal(FIND(k, "t -type f -printf '%f:%s:%d:%h\\n'"), 0);
    assert_string_equal(OUT, "a.txt:6:1:t\nb.log:0:1:t\nc.txt:11:2:t/sub\nd.TXT:1:3:t/sub/deep\n");
    assert_int_equal(FIND(k, "t -type f -print0 | tr '\\0' '|'"), 0);
    assert_string_equal(OUT, "t/a.txt|t/b.log|t/sub/c.txt|t/sub/deep/d.TXT|");
    assert_int_equal(FIND(k, "t -name '*.log' -quit -o -print"), 0); /* stops at b.log */
    assert_string_equal(OUT, "t\nt/a.txt\n");
    harness_destroy(k);
}

static void test_find_times_and_newer(void **state)
{
    Kernel *k = tree();
    assert_int_equal(RUN(k, NULL, "touch", "-d", "3 days ago", "/t/a.txt"), 0);
    assert_int_equal(FIND(k, "t -type f -mtime +1"), 0);
    assert_string_equal(OUT, "t/a.txt\n");
    assert_int_equal(FIND(k, "t -type f -mtime -1 -name '*.txt'"), 0);
    assert_string_equal(OUT, "t/sub/c.txt\n");
    assert_int_equal(FIND(k, "t -type f -mmin +60"), 0);
    assert_string_equal(OUT, "t/a.txt\n");
    assert_int_equal(FIND(k, "t -type f -newer t/a.txt -iname '*.txt'"), 0);
    assert_string_equal(OUT, "t/sub/c.txt\nt/sub/deep/d.TXT\n");
    harness_destroy(k);
}

static void test_find_exec_and_delete(void **state)
{
    Kernel *k = tree();
    assert_int_equal(FIND(k, "t -type f -exec echo X {} ';'"), 0);
    assert_string_equal(OUT, "X t/a.txt\nX t/b.log\nX t/sub/c.txt\nX t/sub/deep/d.TXT\n");
    assert_int_equal(FIND(k, "t -name '*.txt' -exec echo {} +"), 0);
    assert_string_equal(OUT, "t/a.txt t/sub/c.txt\n");
    assert_int_equal(FIND(k, "t -type f -exec echo '<{}>' ';'"), 0); /* {} inside a word */
    assert_string_equal(OUT, "<t/a.txt>\n<t/b.log>\n<t/sub/c.txt>\n<t/sub/deep/d.TXT>\n");
    /* -exec as a test: only files that grep finds "hello" in */
    assert_int_equal(FIND(k, "t -type f -exec grep -q hello {} ';' -print"), 0);
    assert_string_equal(OUT, "t/a.txt\n");
    /* a failing "+" command makes find's status 1 */
    assert_int_equal(FIND(k, "t -name '*.log' -exec false {} +"), 1);
    assert_int_equal(FIND(k, "t -name '*.log' -exec nosuchcmd {} ';'"), 1);
    assert_non_null(strstr(OUT, "find: 'nosuchcmd': No such file or directory"));
    assert_int_equal(FIND(k, "t/sub -delete"), 0);
    assert_false(ul_exists(k, "/t/sub"));
    assert_true(ul_exists(k, "/t/a.txt"));
    assert_int_equal(FIND(k, "t -name '*.log' -delete -print"), 0);
    assert_string_equal(OUT, "t/b.log\n");
    assert_false(ul_exists(k, "/t/b.log"));
    harness_destroy(k);
}

static void test_find_errors_as_gnu(void **state)
{
    Kernel *k = tree();
    assert_int_equal(FIND(k, "t -foo"), 1);
    assert_string_equal(OUT, "find: unknown predicate `-foo'\n");
    assert_int_equal(FIND(k, "t -name"), 1);
    assert_string_equal(OUT, "find: missing argument to `-name'\n");
    assert_int_equal(FIND(k, "t -type q"), 1);
    assert_string_equal(OUT, "find: Unknown argument to -type: q\n");
    assert_int_equal(FIND(k, "t -o"), 1);
    assert_string_equal(OUT, "find: invalid expression; you have used a binary operator '-o' "
                             "with nothing before it.\n");
    assert_int_equal(FIND(k, "t '(' -name a"), 1);
    assert_string_equal(OUT, "find: invalid expression; I was expecting to find a ')' somewhere "
                             "but did not see one.\n");
    assert_int_equal(FIND(k, "t -exec echo"), 1);
    assert_string_equal(OUT, "find: missing argument to `-exec'\n");
    assert_int_equal(FIND(k, "t -size 3q"), 1);
    assert_string_equal(OUT, "find: invalid -size type `q'\n");
    assert_int_equal(FIND(k, "t -mtime x"), 1);
    assert_string_equal(OUT, "find: invalid argument `x' to `-mtime'\n");
    assert_int_equal(FIND(k, "t -perm 9"), 1);
    assert_string_equal(OUT, "find: invalid mode `9'\n");
    assert_int_equal(FIND(k, "t -maxdepth x"), 1);
    assert_string_equal(OUT, "find: Expected a positive decimal integer argument to -maxdepth, "
                             "but got `x'\n");
    assert_int_equal(FIND(k, "t -name a b"), 1);
    assert_string_equal(OUT, "find: paths must precede expression: `b'\n");
    /* a missing start is reported, the others still walked */
    assert_int_equal(FIND(k, "/nonexist t/sub/deep"), 1);
    assert_string_equal(OUT, "find: /nonexist: No such file or directory\n"
                             "t/sub/deep\nt/sub/deep/d.TXT\n");
    harness_destroy(k);
}

/* ---- xargs ---- */

static void test_xargs_items_and_quoting(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, "a b\nc\n", "xargs"), 0);
    assert_string_equal(OUT, "a b c\n");
    assert_int_equal(RUN_PIPED(k, "a b\nc\n", "xargs", "-n", "2", "echo"), 0);
    assert_string_equal(OUT, "a b\nc\n");
    assert_int_equal(RUN_PIPED(k, "a 'b c' \"d e\" f\\ g\n", "xargs", "-n1"), 0);
    assert_string_equal(OUT, "a\nb c\nd e\nf g\n");
    assert_int_equal(RUN_PIPED(k, "  l1 a\n\nl2\n", "xargs", "-I{}", "echo", "[{}]"), 0);
    assert_string_equal(OUT, "[l1 a]\n[l2]\n");
    assert_int_equal(RUN_PIPED(k, "a b\nc d \ne\n", "xargs", "-L", "1"), 0);
    assert_string_equal(OUT, "a b\nc d e\n"); /* a trailing blank continues the line */
    assert_int_equal(RUN_PIPED(k, "", "xargs", "echo", "hi"), 0);
    assert_string_equal(OUT, "hi\n");
    assert_int_equal(RUN_PIPED(k, "", "xargs", "-r", "echo", "hi"), 0);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN_PIPED(k, "a STOP b\n", "xargs", "-E", "STOP"), 0);
    assert_string_equal(OUT, "a\n");
    assert_int_equal(RUN_PIPED(k, "a,b,c", "xargs", "-d", ",", "-n1"), 0);
    assert_string_equal(OUT, "a\nb\nc\n");
    assert_int_equal(RUN_PIPED(k, "1 2 3 4 5", "xargs", "-s", "12", "echo"), 0);
    assert_string_equal(OUT, "1 2 3\n4 5\n");
    assert_int_equal(RUN_PIPED(k, "a b\n", "xargs", "-t", "echo"), 0);
    assert_string_equal(OUT, "echo a b\na b\n");
    harness_destroy(k);
}

static void test_xargs_null_items_from_find(void **state)
{
    Kernel *k = tree();
    ul_write_file(k, "/t/with space", "y");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c",
                               "cd / && find t -type f -print0 | xargs -0 -n1 echo '>'"),
                     0);
    assert_string_equal(OUT, "> t/a.txt\n> t/b.log\n> t/sub/c.txt\n> t/sub/deep/d.TXT\n"
                             "> t/with space\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c",
                               "cd / && find t -name '*.txt' | xargs wc -c"),
                     0);
    assert_string_equal(OUT, " 6 t/a.txt\n11 t/sub/c.txt\n17 total\n");
    harness_destroy(k);
}

static void test_xargs_exit_status_as_gnu(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, "a\n", "xargs", "false"), 123);
    assert_int_equal(RUN_PIPED(k, "a\n", "xargs", "nosuchcmd"), 127);
    assert_string_equal(OUT, "xargs: nosuchcmd: No such file or directory\n");
    assert_int_equal(RUN_PIPED(k, "a\nb\n", "xargs", "-n1", "sh", "-c", "echo $0; exit 255"),
                     124);
    /* b never runs; stdout reaches the console through a pipe, after */
    assert_string_equal(OUT, "a\nxargs: sh: exited with status 255; aborting\n");
    assert_int_equal(RUN_PIPED(k, "a 'b\n", "xargs"), 1);
    assert_string_equal(OUT, "xargs: unmatched single quote; by default quotes are special to "
                             "xargs unless you use the -0 option\na\n");
    assert_int_equal(RUN_PIPED(k, "a\n", "xargs", "-n", "0"), 1);
    assert_string_equal(OUT, "xargs: invalid number \"0\" for -n option\n");
    assert_int_equal(RUN_PIPED(k, "a\n", "xargs", "--bogus"), 1);
    assert_string_equal(OUT, "xargs: unrecognized option '--bogus'\n"
                             "Try 'xargs --help' for more information.\n");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_walks_in_order_with_tests),
        cmocka_unit_test(test_find_prune_depth_perm_printf),
        cmocka_unit_test(test_find_times_and_newer),
        cmocka_unit_test(test_find_exec_and_delete),
        cmocka_unit_test(test_find_errors_as_gnu),
        cmocka_unit_test(test_xargs_items_and_quoting),
        cmocka_unit_test(test_xargs_null_items_from_find),
        cmocka_unit_test(test_xargs_exit_status_as_gnu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
