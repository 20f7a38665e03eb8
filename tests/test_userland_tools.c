/* Hypotheses about dd, split, install, cal, stty, watch, patch and nice:
 * they do what GNU coreutils, util-linux, procps and GNU patch do with
 * the same input (outputs taken from those tools where they are on the
 * host), and bad input gets their words and statuses. */
#include <stdio.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()
#define SH(k, in, cmd) RUN((k), (in), "sh", "-c", (cmd))

static void test_dd(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(SH(k, NULL, "printf hello | dd of=/tmp/o"), 0);
    assert_non_null(strstr(OUT, "0+1 records in\n0+1 records out\n5 bytes copied, "));
    assert_string_equal(ul_read_file(k, "/tmp/o"), "hello");
    /* bs=: whole blocks and a partial one; the bytes in SI and IEC units */
    assert_int_equal(SH(k, NULL, "head -c 1024 /dev/zero | dd of=/dev/null bs=100"), 0);
    assert_non_null(strstr(OUT, "10+1 records in\n10+1 records out\n"
                                "1024 bytes (1.0 kB, 1.0 KiB) copied, "));
    assert_int_equal(SH(k, NULL, "echo abc | dd conv=ucase status=none"), 0);
    assert_string_equal(OUT, "ABC\n");
    assert_int_equal(SH(k, NULL, "echo ABC | dd conv=lcase status=noxfer"), 0);
    assert_string_equal(OUT, "abc\n0+1 records in\n0+1 records out\n");
    ul_write_file(k, "/tmp/n", "0123456789\n");
    assert_int_equal(RUN(k, NULL, "dd", "if=/tmp/n", "bs=2", "skip=1", "count=2", "status=none"), 0);
    assert_string_equal(OUT, "2345");
    assert_int_equal(SH(k, NULL, "printf XX | dd of=/tmp/n bs=1 seek=3 conv=notrunc status=none"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/n"), "012XX56789\n");
    /* without notrunc the output ends where the copy does (after seek) */
    assert_int_equal(SH(k, NULL, "printf YY | dd of=/tmp/n bs=1 seek=2 status=none"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/n"), "01YY");
    /* ibs/obs: the output gathered into obs blocks */
    assert_int_equal(SH(k, NULL, "printf abcdefgh | dd ibs=3 obs=4 of=/dev/null"), 0);
    assert_non_null(strstr(OUT, "2+1 records in\n2+0 records out\n8 bytes copied"));
    assert_int_equal(RUN(k, NULL, "dd", "if=/nope"), 1);
    assert_string_equal(OUT, "dd: failed to open '/nope': No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "dd", "bs=0"), 1);
    assert_string_equal(OUT, "dd: invalid number: '0'\n");
    assert_int_equal(RUN(k, NULL, "dd", "foo=1"), 1);
    assert_string_equal(OUT, "dd: unrecognized operand 'foo=1'\nTry 'dd --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "dd", "conv=bogus"), 1);
    assert_string_equal(OUT, "dd: invalid conversion: 'bogus'\nTry 'dd --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "dd", "count=x"), 1);
    assert_string_equal(OUT, "dd: invalid number: 'x'\n");
    harness_destroy(k);
}

static void test_split(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(SH(k, NULL, "mkdir /tmp/s && cd /tmp/s && seq 1 5 > in && split -l 2 in && ls -1 && cat xac"), 0);
    assert_string_equal(OUT, "in\nxaa\nxab\nxac\n5\n");
    assert_int_equal(SH(k, NULL, "cd /tmp/s && split -b 4 -d in b && ls -1 b* && cat b01"), 0);
    assert_string_equal(OUT, "b00\nb01\nb02\n3\n4\n");
    /* -n 3 of 10 bytes: 3, 3 and the rest (GNU) */
    assert_int_equal(SH(k, NULL, "cd /tmp/s && split -n 3 in n && wc -c naa nab nac"), 0);
    assert_string_equal(OUT, " 3 naa\n 3 nab\n 4 nac\n10 total\n");
    assert_int_equal(SH(k, NULL, "cd /tmp/s && seq 1 3 | split --verbose -l 1 --additional-suffix=.txt - p && cat pac.txt"), 0);
    assert_string_equal(OUT, "creating file 'paa.txt'\ncreating file 'pab.txt'\ncreating file 'pac.txt'\n3\n");
    /* the suffixes widen as GNU's do: the 651st piece is xzaaa */
    assert_int_equal(SH(k, NULL, "cd /tmp/s && seq 1 652 | split -l 1 - w && ls -1 w* | tail -n 3"), 0);
    assert_string_equal(OUT, "wyz\nwzaaa\nwzaab\n");
    assert_int_equal(SH(k, NULL, "cd /tmp/s && seq 1 3 | split -a 1 -l 1 -x - h && ls -1 h*"), 0);
    assert_string_equal(OUT, "h0\nh1\nh2\n");
    assert_int_equal(SH(k, NULL, "cd /tmp/s && seq 1 30 | split -a 1 -l 1 - q"), 1);
    assert_string_equal(OUT, "split: output file suffixes exhausted\n");
    assert_int_equal(RUN(k, NULL, "split", "-l", "x"), 1);
    assert_string_equal(OUT, "split: invalid number of lines: 'x'\n");
    assert_int_equal(RUN(k, NULL, "split", "-b", "0"), 1);
    assert_string_equal(OUT, "split: invalid number of bytes: '0': Numerical result out of range\n");
    assert_int_equal(RUN(k, NULL, "split", "/nofile"), 1);
    assert_string_equal(OUT, "split: cannot open '/nofile' for reading: No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "split", "a", "b", "c"), 1);
    assert_string_equal(OUT, "split: extra operand 'c'\nTry 'split --help' for more information.\n");
    harness_destroy(k);
}

static void test_install(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/prog", "#!/bin/sh\necho hi\n");
    assert_int_equal(RUN(k, NULL, "install", "/tmp/prog", "/tmp/p1"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/p1"), "#!/bin/sh\necho hi\n");
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%a %U", "/tmp/p1"), 0);
    assert_string_equal(OUT, "755 root\n");
    assert_int_equal(RUN(k, NULL, "install", "-m", "640", "-o", "user", "-g", "user", "/tmp/prog", "/tmp/p2"), 0);
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%a %U %G", "/tmp/p2"), 0);
    assert_string_equal(OUT, "640 user user\n");
    assert_int_equal(RUN(k, NULL, "install", "-m", "u=rw,go=r", "/tmp/prog", "/tmp/p3"), 0);
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%a", "/tmp/p3"), 0);
    assert_string_equal(OUT, "644\n");
    assert_int_equal(RUN(k, NULL, "install", "-d", "-v", "-m", "700", "/tmp/d1/d2"), 0);
    assert_string_equal(OUT, "install: creating directory '/tmp/d1'\ninstall: creating directory '/tmp/d1/d2'\n");
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%a", "/tmp/d1", "/tmp/d1/d2"), 0);
    assert_string_equal(OUT, "755\n700\n");
    assert_int_equal(RUN(k, NULL, "install", "-D", "-v", "/tmp/prog", "/tmp/deep/x/y"), 0);
    assert_string_equal(OUT, "install: creating directory '/tmp/deep'\ninstall: creating directory "
                             "'/tmp/deep/x'\n'/tmp/prog' -> '/tmp/deep/x/y'\n");
    assert_int_equal(RUN(k, NULL, "install", "-t", "/tmp/d1", "/tmp/prog", "/tmp/p1"), 0);
    assert_true(ul_exists(k, "/tmp/d1/prog") && ul_exists(k, "/tmp/d1/p1"));
    assert_int_equal(RUN(k, NULL, "install", "-m", "999", "/tmp/prog", "/tmp/p4"), 1);
    assert_string_equal(OUT, "install: invalid mode '999'\n");
    assert_int_equal(RUN(k, NULL, "install", "-o", "nosuch", "/tmp/prog", "/tmp/p4"), 1);
    assert_string_equal(OUT, "install: invalid user 'nosuch'\n");
    assert_int_equal(RUN(k, NULL, "install", "-g", "nosuch", "/tmp/prog", "/tmp/p4"), 1);
    assert_string_equal(OUT, "install: invalid group 'nosuch'\n");
    assert_int_equal(RUN(k, NULL, "install", "/nofile", "/tmp/p4"), 1);
    assert_string_equal(OUT, "install: cannot stat '/nofile': No such file or directory\n");
    assert_false(ul_exists(k, "/tmp/p4"));
    assert_int_equal(RUN(k, NULL, "install", "/tmp/prog"), 1);
    assert_string_equal(OUT, "install: missing destination file operand after '/tmp/prog'\n"
                             "Try 'install --help' for more information.\n");
    harness_destroy(k);
}

static void test_cal(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "cal", "2", "2024"), 0);
    assert_string_equal(OUT, "   February 2024    \n"
                             "Su Mo Tu We Th Fr Sa\n"
                             "             1  2  3\n"
                             " 4  5  6  7  8  9 10\n"
                             "11 12 13 14 15 16 17\n"
                             "18 19 20 21 22 23 24\n"
                             "25 26 27 28 29      \n"
                             "                    \n");
    /* the Gregorian reform: 2 September 1752 is followed by the 14th */
    assert_int_equal(RUN(k, NULL, "cal", "sep", "1752"), 0);
    assert_non_null(strstr(OUT, "       1  2 14 15 16\n17 18 19 20 21 22 23\n"));
    /* Julian leap years before it, Gregorian after */
    assert_int_equal(RUN(k, NULL, "cal", "2", "1700"), 0);
    assert_non_null(strstr(OUT, " 29"));
    assert_int_equal(RUN(k, NULL, "cal", "2", "1900"), 0);
    assert_null(strstr(OUT, " 29"));
    assert_int_equal(RUN(k, NULL, "cal", "-m", "2", "2023"), 0);
    assert_non_null(strstr(OUT, "Mo Tu We Th Fr Sa Su\n       1  2  3  4  5\n"));
    assert_int_equal(RUN(k, NULL, "cal", "-3", "1", "2025"), 0);
    assert_non_null(strstr(OUT, "   December 2024          January 2025         February 2025    \n"));
    assert_int_equal(RUN(k, NULL, "cal", "2025"), 0);
    assert_non_null(strstr(OUT, "      January               February               March        \n"));
    assert_int_equal(RUN(k, NULL, "cal", "13", "2024"), 1);
    assert_string_equal(OUT, "cal: failed to parse month: '13'\n");
    assert_int_equal(RUN(k, NULL, "cal", "0"), 1);
    assert_string_equal(OUT, "cal: year '0' not in range 1..9999\n");
    assert_int_equal(RUN(k, NULL, "cal", "1", "2", "3"), 1);
    assert_string_equal(OUT, "cal: extra operand '3'\nTry 'cal --help' for more information.\n");
    harness_destroy(k);
}

static void test_stty(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "stty"), 0);
    assert_string_equal(OUT, "speed 38400 baud; line = 0;\n");
    assert_int_equal(RUN(k, NULL, "stty", "-a"), 0);
    assert_non_null(strstr(OUT, "intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D;"));
    assert_non_null(strstr(OUT, "isig icanon iexten echo echoe echok -echonl -noflsh -tostop echoctl\n"));
    /* a change shows in the short listing, and sane takes it back */
    assert_int_equal(RUN(k, NULL, "stty", "-echo", "intr", "^X", "min", "3"), 0);
    assert_int_equal(RUN(k, NULL, "stty"), 0);
    assert_string_equal(OUT, "speed 38400 baud; line = 0;\nintr = ^X; min = 3; time = 0;\n-echo\n");
    assert_int_equal(RUN(k, NULL, "stty", "sane"), 0);
    assert_int_equal(RUN(k, NULL, "stty"), 0);
    assert_string_equal(OUT, "speed 38400 baud; line = 0;\n");
    assert_int_equal(RUN(k, NULL, "stty", "raw"), 0);
    assert_int_equal(RUN(k, NULL, "stty"), 0);
    assert_string_equal(OUT, "speed 38400 baud; line = 0;\n-icrnl\n-opost\n-isig -icanon -iexten\n");
    /* -g's form restores everything */
    assert_int_equal(RUN(k, NULL, "stty", "sane"), 0);
    assert_int_equal(RUN(k, NULL, "stty", "-g"), 0);
    char saved[512];
    snprintf(saved, sizeof saved, "%s", OUT);
    saved[strcspn(saved, "\n")] = '\0';
    assert_int_equal(RUN(k, NULL, "stty", "-icanon", "-isig"), 0);
    assert_int_equal(RUN(k, NULL, "stty", saved), 0);
    assert_int_equal(RUN(k, NULL, "stty"), 0);
    assert_string_equal(OUT, "speed 38400 baud; line = 0;\n");
    assert_int_equal(RUN(k, NULL, "stty", "rows", "30", "cols", "100"), 0);
    assert_int_equal(RUN(k, NULL, "stty", "size"), 0);
    assert_string_equal(OUT, "30 100\n");
    assert_int_equal(RUN(k, NULL, "stty", "foo"), 1);
    assert_string_equal(OUT, "stty: invalid argument 'foo'\nTry 'stty --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "stty", "rows", "x"), 1);
    assert_string_equal(OUT, "stty: invalid integer argument: 'x'\n");
    assert_int_equal(RUN(k, NULL, "stty", "-a", "echo"), 1);
    assert_string_equal(OUT, "stty: when specifying an output style, modes may not be set\n");
    assert_int_equal(RUN_PIPED(k, "", "stty"), 1);
    assert_string_equal(OUT, "stty: 'standard input': Inappropriate ioctl for device\n");
    harness_destroy(k);
}

static void test_watch_and_nice(void **state)
{
    Kernel *k = ul_kernel();
    /* q typed ahead: one screen, then watch ends and clears it */
    kernel_console_push_input(k, "q", 1);
    assert_int_equal(RUN(k, NULL, "watch", "-n", "1", "echo", "one;", "echo", "two"), 0);
    assert_non_null(strstr(OUT, "\033[H\033[2JEvery 1.0s: echo one; echo two"));
    assert_non_null(strstr(OUT, "\n\none\ntwo"));
    kernel_console_push_input(k, "q", 1);
    assert_int_equal(RUN(k, NULL, "watch", "-t", "echo", "x"), 0);
    assert_non_null(strstr(OUT, "\033[H\033[2Jx"));
    assert_null(strstr(OUT, "Every"));
    assert_int_equal(RUN(k, NULL, "watch", "-n", "x", "true"), 1);
    assert_string_equal(OUT, "watch: failed to parse argument: 'x'\n");
    assert_int_equal(RUN(k, NULL, "watch"), 1);
    assert_string_equal(OUT, "watch: no command given\nTry 'watch --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "nice"), 0);
    assert_string_equal(OUT, "0\n");
    assert_int_equal(RUN(k, NULL, "nice", "-n", "5", "sh", "-c", "echo hi; exit 3"), 3);
    assert_string_equal(OUT, "hi\n");
    assert_int_equal(RUN(k, NULL, "nice", "-5", "echo", "old form"), 0);
    assert_string_equal(OUT, "old form\n");
    assert_int_equal(RUN(k, NULL, "nice", "-n", "x", "true"), 125);
    assert_string_equal(OUT, "nice: invalid adjustment 'x'\n");
    assert_int_equal(RUN(k, NULL, "nice", "nosuch"), 127);
    assert_string_equal(OUT, "nice: 'nosuch': No such file or directory\n");
    harness_destroy(k);
}

static void test_patch(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(SH(k, NULL, "mkdir -p /w/a /w/b && cd /w && seq 1 10 > a/f && "
                                 "seq 1 10 | sed 's/^3$/three/; s/^9$/nine/' > b/f && "
                                 "diff -u a/f b/f > d.diff; cp a/f f && patch < d.diff && cat f | tr '\\n' ' '"), 0);
    assert_string_equal(OUT, "patching file f\n1 2 three 4 5 6 7 8 nine 10 ");
    /* -p1 keeps b/...; --dry-run changes nothing; an offset is reported */
    assert_int_equal(SH(k, NULL, "cd /w && (echo x; echo y; cat a/f) > f && patch --dry-run -p0 f < d.diff && head -n 3 f"), 0);
    assert_string_equal(OUT, "checking file f\nHunk #1 succeeded at 3 (offset 2 lines).\nx\ny\n1\n");
    assert_int_equal(SH(k, NULL, "cd /w && cp a/f b/g && sed -i 's#b/f#b/g#; s#a/f#a/g#' d.diff && cd b && patch -p1 -i ../d.diff && cat g | tr '\\n' ' '"), 0);
    assert_string_equal(OUT, "patching file g\n1 2 three 4 5 6 7 8 nine 10 ");
    assert_int_equal(SH(k, NULL, "cd /w/b && patch -R -p1 < ../d.diff && cat g | tr '\\n' ' '"), 0);
    assert_string_equal(OUT, "patching file g\n1 2 3 4 5 6 7 8 9 10 ");
    /* a hunk that fits nowhere goes to .rej, status 1 */
    assert_int_equal(SH(k, NULL, "cd /w && printf 'a\\nb\\n' > f && diff -u a/f b/f > e.diff; patch < e.diff; echo rc=$?; head -n 4 f.rej"), 0);
    assert_string_equal(OUT, "patching file f\nHunk #1 FAILED at 1.\n1 out of 1 hunk FAILED -- saving rejects to file "
                             "f.rej\nrc=1\n--- f\n+++ f\n@@ -1,10 +1,10 @@\n 1\n");
    /* already applied: the reversed patch is detected and skipped */
    assert_int_equal(SH(k, NULL, "cd /w && rm f.rej && cp b/f f && patch < e.diff; echo rc=$?; cat f | tr '\\n' ' '"), 0);
    assert_string_equal(OUT, "patching file f\nReversed (or previously applied) patch detected!  Assume -R? [n] \n"
                             "Apply anyway? [n] \nSkipping patch.\n1 out of 1 hunk ignored -- saving rejects to file f.rej\n"
                             "rc=1\n1 2 three 4 5 6 7 8 nine 10 ");
    /* new and removed files, a missing newline at the end */
    assert_int_equal(SH(k, NULL, "cd /w && printf 'new\\nfile' > n && diff -u /dev/null n > c.diff; rm n; patch < c.diff && cat n; echo; patch -R < c.diff; ls n"), 2);
    assert_string_equal(OUT, "patching file n\nnew\nfile\npatching file n\nls: cannot access 'n': No such file or directory\n");
    assert_int_equal(SH(k, NULL, "cd /w && rm -f f && patch < e.diff; echo rc=$?"), 0);
    assert_non_null(strstr(OUT, "can't find file to patch at input line 3\nPerhaps you should have used "
                                "the -p or --strip option?\nThe text leading up to this was:\n"
                                "--------------------------\n|--- a/f\t"));
    assert_non_null(strstr(OUT, "--------------------------\nNo file to patch.  Skipping patch.\n"
                                "1 out of 1 hunk ignored\nrc=1\n"));
    assert_int_equal(RUN_PIPED(k, "garbage\n", "patch"), 2);
    assert_string_equal(OUT, "patch: **** Only garbage was found in the patch input.\n");
    assert_int_equal(RUN(k, NULL, "patch", "-i", "/nope"), 2);
    assert_string_equal(OUT, "patch: **** Can't open patch file /nope : No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "patch", "-p", "x"), 2);
    assert_string_equal(OUT, "patch: **** strip count x is not a number\n");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dd),      cmocka_unit_test(test_split),
        cmocka_unit_test(test_install), cmocka_unit_test(test_cal),
        cmocka_unit_test(test_stty),    cmocka_unit_test(test_watch_and_nice),
        cmocka_unit_test(test_patch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
