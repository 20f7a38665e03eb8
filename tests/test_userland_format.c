/* Hypotheses about column, fmt and xargs -P: column and fmt give what
 * util-linux column 2.38 and GNU fmt 9.1 give for the same input (taken
 * from them), and xargs -P runs its commands side by side. */
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()

static void test_column(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, "a bb ccc\ndddd e f\n", "column", "-t"), 0);
    assert_string_equal(OUT, "a     bb  ccc\ndddd  e   f\n");
    /* -s: each separator counts, so empty fields stay */
    assert_int_equal(RUN_PIPED(k, "a,,b\nccc,d,e\n", "column", "-t", "-s", ","), 0);
    assert_string_equal(OUT, "a       b\nccc  d  e\n");
    assert_int_equal(RUN_PIPED(k, "a,,b\nccc,d,e\n", "column", "-t", "-s", ",", "-o", "|"), 0);
    assert_string_equal(OUT, "a  | |b\nccc|d|e\n");
    assert_int_equal(RUN_PIPED(k, "x y\n\nzz w\n", "column", "-t"), 0);
    assert_string_equal(OUT, "x   y\nzz  w\n");
    /* filling: down the columns, tab stops, as wide as -c allows */
    assert_int_equal(RUN(k, NULL, "sh", "-c", "seq 1 30 | column -c 40 | head -n 2"), 0);
    assert_string_equal(OUT, "1\t7\t13\t19\t25\n2\t8\t14\t20\t26\n");
    assert_int_equal(RUN(k, NULL, "sh", "-c", "seq 1 12 | column -x -c 30"), 0);
    assert_string_equal(OUT, "1\t2\t3\n4\t5\t6\n7\t8\t9\n10\t11\t12\n");
    assert_int_equal(RUN_PIPED(k, "ab\ncde\nf\n", "column", "-c", "80"), 0);
    assert_string_equal(OUT, "ab\tcde\tf\n");
    assert_int_equal(RUN(k, NULL, "column", "/nofile"), 1);
    assert_string_equal(OUT, "column: /nofile: No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "column", "-c", "x"), 1);
    assert_string_equal(OUT, "column: invalid columns argument: 'x'\n");
    harness_destroy(k);
}

static void test_fmt(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n\nSecond para  here.\n", "fmt", "-w", "30"), 0);
    assert_string_equal(OUT, "Lorem ipsum dolor sit amet,\nconsectetur adipiscing\nelit, sed do eiusmod tempor\nincididunt ut labore et\ndolore magna aliqua. Ut enim\nad minim veniam, quis nostrud\nexercitation ullamco laboris\nnisi ut aliquip ex ea commodo\nconsequat.\n\nSecond para  here.\n");
    assert_int_equal(RUN_PIPED(k, "one two three four five six seven eight nine ten eleven twelve thirteen "
                                  "fourteen fifteen sixteen seventeen eighteen nineteen twenty.\n", "fmt"), 0);
    assert_string_equal(OUT, "one two three four five six seven eight nine ten eleven twelve thirteen\n"
                             "fourteen fifteen sixteen seventeen eighteen nineteen twenty.\n");
    /* -u: one space, two after a sentence; indentation makes paragraphs */
    assert_int_equal(RUN_PIPED(k, "a  b.  c\nd e\n\n    x y\n    z\n", "fmt", "-u", "-w", "20"), 0);
    assert_string_equal(OUT, "a b.  c d e\n\n    x y z\n");
    assert_int_equal(RUN_PIPED(k, "short\nlines\n", "fmt", "-20"), 0);
    assert_string_equal(OUT, "short lines\n");
    assert_int_equal(RUN(k, NULL, "fmt", "-w", "x"), 1);
    assert_string_equal(OUT, "fmt: invalid width: 'x'\n");
    assert_int_equal(RUN(k, NULL, "fmt", "/nofile"), 1);
    assert_string_equal(OUT, "fmt: /nofile: No such file or directory\n");
    harness_destroy(k);
}

static void test_xargs_parallel(void **state)
{
    Kernel *k = ul_kernel();
    /* -P 3: the three sleeps overlap, so the later-started, shorter ones
     * finish first (one at a time they would print in input order) */
    assert_int_equal(RUN_PIPED(k, "3\n2\n1\n", "xargs", "-P", "3", "-n", "1", "sh", "-c", "sleep $0; echo $0"), 0);
    assert_string_equal(OUT, "1\n2\n3\n");
    assert_int_equal(RUN_PIPED(k, "3\n2\n1\n", "xargs", "-n", "1", "sh", "-c", "sleep $0; echo $0"), 0);
    assert_string_equal(OUT, "3\n2\n1\n");
    /* -P 0: no limit; statuses still count (GNU's 123 for an exit of 1-125) */
    assert_int_equal(RUN_PIPED(k, "0\n1\n0\n", "xargs", "-P", "0", "-n", "1", "sh", "-c", "exit $0"), 123);
    assert_int_equal(RUN_PIPED(k, "a b c d\n", "xargs", "-P", "2", "-n", "2", "echo"), 0);
    assert_string_equal(OUT, "a b\nc d\n");
    assert_int_equal(RUN(k, NULL, "xargs", "-P", "x"), 1);
    assert_string_equal(OUT, "xargs: invalid number \"x\" for -P option\n");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_column),
        cmocka_unit_test(test_fmt),
        cmocka_unit_test(test_xargs_parallel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
