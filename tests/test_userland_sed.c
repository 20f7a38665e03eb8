/* Hypotheses about sed: scripts give what GNU sed 4.9 gives for the same
 * input (every expected output below was taken from it), errors are
 * reported with GNU's words, positions and statuses, and -i replaces a
 * file only with the edited copy. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()
#define SED(k, in, ...) RUN_PIPED((k), (in), "sed", __VA_ARGS__)

static void test_sed_substitute(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(SED(k, "hello world\n", "s/o/0/g"), 0);
    assert_string_equal(OUT, "hell0 w0rld\n");
    assert_int_equal(SED(k, "hello world\n", "s/o/0/2"), 0);
    assert_string_equal(OUT, "hello w0rld\n");
    assert_int_equal(SED(k, "aaa\n", "s/a/b/2g"), 0);
    assert_string_equal(OUT, "abb\n");
    assert_int_equal(SED(k, "one two\n", "-E", "s/(\\w+) (\\w+)/\\2 \\1/"), 0);
    assert_string_equal(OUT, "two one\n");
    assert_int_equal(SED(k, "x\n", "s/x/a\\nb/"), 0);
    assert_string_equal(OUT, "a\nb\n");
    assert_int_equal(SED(k, "abc\n", "s/b/[&]/"), 0);
    assert_string_equal(OUT, "a[b]c\n");
    assert_int_equal(SED(k, "Hello\n", "s/.*/\\U&/"), 0);
    assert_string_equal(OUT, "HELLO\n");
    assert_int_equal(SED(k, "hello world\n", "s/\\(hello\\) \\(w\\)/\\U\\2\\E-\\u\\1/"), 0);
    assert_string_equal(OUT, "W-Helloorld\n");
    assert_int_equal(SED(k, "a.b.c\n", "s|\\.|/|g"), 0);
    assert_string_equal(OUT, "a/b/c\n");
    assert_int_equal(SED(k, "path/to/file\n", "s#/#\\\\#g"), 0);
    assert_string_equal(OUT, "path\\to\\file\n");
    assert_int_equal(SED(k, "a b c\n", "s/ /\\\n/g"), 0);
    assert_string_equal(OUT, "a\nb\nc\n");
    assert_int_equal(SED(k, "a1b22c\n", "-E", "s/[0-9]+/<&>/g"), 0);
    assert_string_equal(OUT, "a<1>b<22>c\n");
    assert_int_equal(SED(k, "aXbxc\n", "s/x/-/Ig"), 0);
    assert_string_equal(OUT, "a-b-c\n");
    /* empty matches: GNU skips one right after a match */
    assert_int_equal(SED(k, "baaac\n", "s/a*/x/g"), 0);
    assert_string_equal(OUT, "xbxcx\n");
    assert_int_equal(SED(k, "abc\n", "s/x*/-/g"), 0);
    assert_string_equal(OUT, "-a-b-c-\n");
    assert_int_equal(SED(k, "abc\n", "s/\\(b\\)/\\1\\1/w /dev/stdout"), 0);
    assert_string_equal(OUT, "abbc\nabbc\n");
    assert_int_equal(SED(k, "noeol", "s/o/0/"), 0); /* a missing last newline stays missing */
    assert_string_equal(OUT, "n0eol");
    assert_int_equal(SED(k, "a", "p"), 0);
    assert_string_equal(OUT, "a\na");
    harness_destroy(k);
}

static void test_sed_addresses_and_ranges(void **state)
{
    Kernel *k = ul_kernel();
    const char *ten = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
    assert_int_equal(SED(k, "a\nb\nc\n", "-n", "2p"), 0);
    assert_string_equal(OUT, "b\n");
    assert_int_equal(SED(k, "1\n2\n3\n4\n5\n", "2,4d"), 0);
    assert_string_equal(OUT, "1\n5\n");
    assert_int_equal(SED(k, "1\n2\n3\n4\n5\n", "-n", "/2/,/4/p"), 0);
    assert_string_equal(OUT, "2\n3\n4\n");
    assert_int_equal(SED(k, "1\n2\n3\n", "$!d"), 0);
    assert_string_equal(OUT, "3\n");
    assert_int_equal(SED(k, ten, "-n", "0,/[0-9]/p"), 0);
    assert_string_equal(OUT, "1\n");
    assert_int_equal(SED(k, ten, "-n", "2,+2p;7~2p"), 0);
    assert_string_equal(OUT, "2\n3\n4\n7\n9\n");
    assert_int_equal(SED(k, ten, "-n", "5,2p"), 0); /* an end before the start: one line */
    assert_string_equal(OUT, "5\n");
    assert_int_equal(SED(k, ten, "-n", "2,~4p"), 0);
    assert_string_equal(OUT, "2\n3\n4\n");
    assert_int_equal(SED(k, "A\nb\n", "/a/Id"), 0);
    assert_string_equal(OUT, "b\n");
    assert_int_equal(SED(k, "a\n\nb\n", "/^$/d"), 0);
    assert_string_equal(OUT, "a\nb\n");
    assert_int_equal(SED(k, "a\nb\nc\nd\n", "-n", "2{p;p}"), 0);
    assert_string_equal(OUT, "b\nb\n");
    assert_int_equal(SED(k, "a\nb\nc\n", "-n", "$="), 0);
    assert_string_equal(OUT, "3\n");
    harness_destroy(k);
}

static void test_sed_commands(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(SED(k, "a\nb\nc\n", "1!G;h;$!d"), 0); /* tac */
    assert_string_equal(OUT, "c\nb\na\n");
    assert_int_equal(SED(k, "a\nb\nc\n", "N;P;D"), 0);
    assert_string_equal(OUT, "a\nb\nc\n");
    assert_int_equal(SED(k, "foo\nbar\nbaz\n", ":a;N;$!ba;s/\\n/,/g"), 0);
    assert_string_equal(OUT, "foo,bar,baz\n");
    assert_int_equal(SED(k, "ab\n", "s/\\(a\\)\\(b\\)/\\2\\1/;t done;s/^/no/;:done"), 0);
    assert_string_equal(OUT, "ba\n");
    assert_int_equal(SED(k, "abc\n", "-n", "s/x/y/;T;p"), 0);
    assert_string_equal(OUT, "");
    assert_int_equal(SED(k, "a b\n", "y/ab/xy/"), 0);
    assert_string_equal(OUT, "x y\n");
    assert_int_equal(SED(k, "a\nb\n", "1a\\\nadded"), 0);
    assert_string_equal(OUT, "a\nadded\nb\n");
    assert_int_equal(SED(k, "a\nb\n", "2i inserted"), 0);
    assert_string_equal(OUT, "a\ninserted\nb\n");
    assert_int_equal(SED(k, "a\nb\nc\n", "2c\\\nchanged"), 0);
    assert_string_equal(OUT, "a\nchanged\nc\n");
    assert_int_equal(SED(k, "1\n2\n3\n4\n5\n6\n", "2,4c\\X"), 0); /* a range: once, at its end */
    assert_string_equal(OUT, "1\nX\n5\n6\n");
    assert_int_equal(SED(k, "x\n", "-e", "h", "-e", "G", "-e", "s/\\n/+/"), 0);
    assert_string_equal(OUT, "x+x\n");
    assert_int_equal(SED(k, "1\n2\n3\n", "n;d"), 0);
    assert_string_equal(OUT, "1\n3\n");
    assert_int_equal(SED(k, "1\n2\n3\n", "N"), 0); /* GNU: N at the end prints */
    assert_string_equal(OUT, "1\n2\n3\n");
    assert_int_equal(SED(k, "1\n2\n3\n", "2q"), 0);
    assert_string_equal(OUT, "1\n2\n");
    assert_int_equal(SED(k, "1\n2\n3\n", "2Q"), 0);
    assert_string_equal(OUT, "1\n");
    assert_int_equal(SED(k, "1\n2\n3\n", "2q5"), 5);
    assert_string_equal(OUT, "1\n2\n");
    assert_int_equal(SED(k, "a\tb\\c\001\n", "-n", "l"), 0);
    assert_string_equal(OUT, "a\\tb\\\\c\\001$\n");
    assert_int_equal(SED(k, "a\n", "-n", "p;p"), 0);
    assert_string_equal(OUT, "a\na\n");
    assert_int_equal(SED(k, "k\n", "-z", "s/k/z/"), 0);
    assert_string_equal(OUT, "z\n");
    harness_destroy(k);
}

static void test_sed_files_r_w_and_in_place(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/rf", "R1\nR2\n");
    assert_int_equal(SED(k, "a\nb\nc\n", "1r /rf"), 0);
    assert_string_equal(OUT, "a\nR1\nR2\nb\nc\n");
    assert_int_equal(SED(k, "a\nb\nc\n", "R /rf"), 0);
    assert_string_equal(OUT, "a\nR1\nb\nR2\nc\n");
    assert_int_equal(SED(k, "a\nb\n", "-n", "/a/w /wout"), 0);
    assert_string_equal(ul_read_file(k, "/wout"), "a\n");
    ul_write_file(k, "/s1", "a\nb\n");
    ul_write_file(k, "/s2", "c\nd\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sed", "-s", "-n", "1p;$p", "/s1", "/s2"), 0);
    assert_string_equal(OUT, "a\nb\nc\nd\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sed", "-n", "1p;$p", "/s1", "/s2"), 0);
    assert_string_equal(OUT, "a\nd\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sed", "-i.bak", "s/a/A/;s/c/C/", "/s1", "/s2"), 0);
    assert_string_equal(OUT, "");
    assert_string_equal(ul_read_file(k, "/s1"), "A\nb\n");
    assert_string_equal(ul_read_file(k, "/s2"), "C\nd\n");
    assert_string_equal(ul_read_file(k, "/s1.bak"), "a\nb\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sed", "-i", "1d", "/s1"), 0);
    assert_string_equal(ul_read_file(k, "/s1"), "b\n");
    ul_write_file(k, "/q", "a\nb\nc\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sed", "-i", "1q", "/q"), 0); /* GNU: the rest is gone */
    assert_string_equal(ul_read_file(k, "/q"), "a\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sed", "-n", "$=", "/s2", "/s1.bak"), 0);
    assert_string_equal(OUT, "4\n");
    ul_write_file(k, "/script", "s/b/B/\n# a comment\n$a\\\nend\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sed", "-f", "/script", "/s1"), 0);
    assert_string_equal(OUT, "B\nend\n");
    harness_destroy(k);
}

static void test_sed_errors_as_gnu(void **state)
{
    Kernel *k = ul_kernel();
    static const struct {
        const char *script, *msg;
    } bad[] = {
        {"s/a/b", "sed: -e expression #1, char 5: unterminated `s' command\n"},
        {"k", "sed: -e expression #1, char 1: unknown command: `k'\n"},
        {"1,", "sed: -e expression #1, char 2: unexpected `,'\n"},
        {"{p", "sed: -e expression #1, char 0: unmatched `{'\n"},
        {"}", "sed: -e expression #1, char 1: unexpected `}'\n"},
        {"p x", "sed: -e expression #1, char 3: extra characters after command\n"},
        {"/abc", "sed: -e expression #1, char 4: unterminated address regex\n"},
        {"s/\\(a\\)/\\2/", "sed: -e expression #1, char 11: invalid reference \\2 on `s' "
                           "command's RHS\n"},
        {"y/ab/c/", "sed: -e expression #1, char 7: strings for `y' command are different "
                    "lengths\n"},
        {"1,2q", "sed: -e expression #1, char 4: command only uses one address\n"},
        {"s/a/b/q", "sed: -e expression #1, char 7: unknown option to `s'\n"},
        {"0p", "sed: -e expression #1, char 2: invalid usage of line address 0\n"},
        {"3!!p", "sed: -e expression #1, char 3: multiple `!'s\n"},
        {":", "sed: -e expression #1, char 1: \":\" lacks a label\n"},
        {"a", "sed: -e expression #1, char 1: expected \\ after `a', `c' or `i'\n"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(SED(k, "abc\n", (char *)bad[i].script), 1);
        assert_string_equal(OUT, bad[i].msg);
    }
    assert_int_equal(SED(k, "abc\n", "-e", "p", "-e", "k"), 1);
    assert_string_equal(OUT, "sed: -e expression #2, char 1: unknown command: `k'\n");
    assert_int_equal(SED(k, "abc\n", "b foo"), 4);
    assert_string_equal(OUT, "sed: can't find label for jump to `foo'\n");
    /* a missing file: the others are still read, status 2 */
    assert_int_equal(SED(k, "a\n", "p", "/nonexist", "-"), 2);
    assert_string_equal(OUT, "sed: can't read /nonexist: No such file or directory\na\na\n");
    assert_int_equal(RUN(k, NULL, "sed"), 1);
    assert_string_equal(OUT, "Usage: sed [OPTION]... {script-only-if-no-other-script} "
                             "[input-file]...\nTry 'sed --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "sed", "-i", "p"), 4);
    assert_string_equal(OUT, "sed: no input files\n");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sed_substitute),
        cmocka_unit_test(test_sed_addresses_and_ranges),
        cmocka_unit_test(test_sed_commands),
        cmocka_unit_test(test_sed_files_r_w_and_in_place),
        cmocka_unit_test(test_sed_errors_as_gnu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
