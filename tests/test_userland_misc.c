/* Hypotheses about the small system programs: uname, hostname, printenv,
 * tty, realpath, mktemp, truncate, expr, timeout, nohup. Outputs and messages follow GNU
 * coreutils (checked on the host where the tool exists). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()

static void test_uname_and_hostname(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, NULL, "uname"), 0);
    assert_string_equal(OUT, "axos\n");
    assert_int_equal(RUN_PIPED(k, NULL, "uname", "-sr"), 0);
    assert_string_equal(OUT, "axos " AX_VERSION_STRING "\n");
    assert_int_equal(RUN_PIPED(k, NULL, "uname", "-a"), 0);
    assert_true(strncmp(OUT, "axos axos " AX_VERSION_STRING " #1 ", 16) == 0);
    assert_non_null(strstr(OUT, " axos\n"));
    assert_int_equal(RUN_PIPED(k, NULL, "uname", "x"), 1);
    assert_string_equal(OUT, "uname: extra operand 'x'\nTry 'uname --help' for more information.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "hostname"), 0);
    assert_string_equal(OUT, "axos\n");
    assert_int_equal(RUN_PIPED(k, NULL, "hostname", "box.example"), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "hostname", "-s"), 0);
    assert_string_equal(OUT, "box\n");
    assert_int_equal(RUN_PIPED(k, NULL, "uname", "-n"), 0);
    assert_string_equal(OUT, "box.example\n");
    assert_int_equal(RUN_PIPED(k, NULL, "hostname", "bad name"), 1);
    assert_string_equal(OUT, "hostname: the specified hostname is invalid\n");
    harness_destroy(k);
}

static void test_printenv_and_tty(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, NULL, "env", "-i", "A=1", "B=two", "printenv"), 0);
    assert_string_equal(OUT, "A=1\nB=two\n");
    assert_int_equal(RUN_PIPED(k, NULL, "env", "-i", "A=1", "printenv", "A", "NOPE"), 1);
    assert_string_equal(OUT, "1\n");
    assert_int_equal(RUN(k, NULL, "tty"), 0); /* stdin is the console */
    assert_string_equal(OUT, "/dev/console\n");
    assert_int_equal(RUN_PIPED(k, "", "tty"), 1);
    assert_string_equal(OUT, "not a tty\n");
    assert_int_equal(RUN_PIPED(k, "", "tty", "-s"), 1);
    assert_string_equal(OUT, "");
    harness_destroy(k);
}

static void test_realpath(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, NULL, "realpath", "/tmp/../tmp//x"), 0);
    assert_string_equal(OUT, "/tmp/x\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "cd /etc && realpath . hostname"), 0);
    assert_string_equal(OUT, "/etc\n/etc/hostname\n");
    assert_int_equal(RUN_PIPED(k, NULL, "realpath", "/nonexist/x"), 1);
    assert_string_equal(OUT, "realpath: /nonexist/x: No such file or directory\n");
    assert_int_equal(RUN_PIPED(k, NULL, "realpath", "-e", "/tmp/nope"), 1);
    assert_string_equal(OUT, "realpath: /tmp/nope: No such file or directory\n");
    assert_int_equal(RUN_PIPED(k, NULL, "realpath", "-m", "/a/b/../c"), 0);
    assert_string_equal(OUT, "/a/c\n");
    assert_int_equal(RUN_PIPED(k, NULL, "realpath"), 1);
    assert_string_equal(OUT, "realpath: missing operand\nTry 'realpath --help' for more "
                             "information.\n");
    harness_destroy(k);
}

static void test_mktemp(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, NULL, "mktemp"), 0);
    char name[128];
    snprintf(name, sizeof name, "%s", OUT);
    name[strcspn(name, "\n")] = 0;
    assert_true(strncmp(name, "/tmp/tmp.", 9) == 0 && strlen(name) == 19);
    assert_true(ul_exists(k, name));
    assert_int_equal(RUN_PIPED(k, NULL, "mktemp", "-d", "-p", "/tmp", "dXXXX"), 0);
    snprintf(name, sizeof name, "%s", OUT);
    name[strcspn(name, "\n")] = 0;
    assert_int_equal(RUN(k, NULL, "sh", "-c", "test -d \"$0\"", name), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "mktemp", "-u", "/tmp/uXXX"), 0);
    snprintf(name, sizeof name, "%s", OUT);
    name[strcspn(name, "\n")] = 0;
    assert_false(ul_exists(k, name)); /* -u makes nothing */
    assert_int_equal(RUN_PIPED(k, NULL, "mktemp", "XX"), 1);
    assert_string_equal(OUT, "mktemp: too few X's in template 'XX'\n");
    assert_int_equal(RUN_PIPED(k, NULL, "mktemp", "/nonexist/aXXX"), 1);
    assert_string_equal(OUT, "mktemp: failed to create file via template '/nonexist/aXXX': No "
                             "such file or directory\n");
    harness_destroy(k);
}

static const char *size_of(Kernel *k, const char *path)
{
    assert_int_equal(RUN_PIPED(k, NULL, "stat", "-c", "%s", (char *)path), 0);
    return OUT;
}

static void test_truncate(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "truncate", "-s", "10", "/t"), 0);
    assert_string_equal(size_of(k, "/t"), "10\n");
    assert_int_equal(RUN(k, NULL, "truncate", "-s", "+5", "/t"), 0);
    assert_string_equal(size_of(k, "/t"), "15\n");
    assert_int_equal(RUN(k, NULL, "truncate", "-s", "%8", "/t"), 0);
    assert_string_equal(size_of(k, "/t"), "16\n");
    assert_int_equal(RUN(k, NULL, "truncate", "-s", "/5", "/t"), 0);
    assert_string_equal(size_of(k, "/t"), "15\n");
    assert_int_equal(RUN(k, NULL, "truncate", "-s", "<3", "/t"), 0);
    assert_string_equal(size_of(k, "/t"), "3\n");
    assert_int_equal(RUN(k, NULL, "truncate", "-s", "1K", "/t"), 0);
    assert_string_equal(size_of(k, "/t"), "1024\n");
    assert_int_equal(RUN(k, NULL, "truncate", "-r", "/etc/hostname", "/t"), 0);
    assert_string_equal(size_of(k, "/t"), "5\n");
    assert_int_equal(RUN(k, NULL, "truncate", "-c", "-s", "5", "/nonex"), 0);
    assert_false(ul_exists(k, "/nonex"));
    assert_int_equal(RUN_PIPED(k, NULL, "truncate", "-s", "x", "/t"), 1);
    assert_string_equal(OUT, "truncate: Invalid number: 'x'\n");
    assert_int_equal(RUN_PIPED(k, NULL, "truncate", "/t"), 1);
    assert_string_equal(OUT, "truncate: you must specify either '--size' or '--reference'\n"
                             "Try 'truncate --help' for more information.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "truncate", "-s", "1"), 1);
    assert_string_equal(OUT, "truncate: missing file operand\n"
                             "Try 'truncate --help' for more information.\n");
    harness_destroy(k);
}

static void test_expr(void **state)
{
    Kernel *k = ul_kernel();
    static const struct {
        const char *args, *out;
        int status;
    } cases[] = {
        {"1 + 2", "3\n", 0},
        {"'(' 1 + 2 ')' '*' 3", "9\n", 0},
        {"2 % 3 - 1", "1\n", 0},
        {"3 '>' 2", "1\n", 0},
        {"10 '<' 9", "0\n", 1},
        {"b '>' a", "1\n", 0},
        {"abc = abc", "1\n", 0},
        {"abc : 'a\\(.\\)'", "b\n", 0},
        {"abc : 'a.'", "2\n", 0},
        {"match abc b", "0\n", 1},
        {"length hello", "5\n", 0},
        {"substr hello 2 3", "ell\n", 0},
        {"index hello l", "3\n", 0},
        {"a '|' b", "a\n", 0},
        {"0 '|' ''", "0\n", 1},
        {"5 '&' 0", "0\n", 1},
        {"-- -5 + 1", "-4\n", 0},
        {"''", "\n", 1},
        {"7 / 0", "expr: division by zero\n", 2},
        {"a + 1", "expr: non-integer argument\n", 2},
        {"1 +", "expr: syntax error: missing argument after '+'\n", 2},
        {"1 2", "expr: syntax error: unexpected argument '2'\n", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "expr %s", cases[i].args);
        int st = RUN_PIPED(k, NULL, "sh", "-c", cmd);
        if (st != cases[i].status || strcmp(OUT, cases[i].out) != 0)
            fail_msg("%s: status %d, output \"%s\"", cmd, st, OUT);
    }
    harness_destroy(k);
}

static void test_timeout_and_nohup(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, NULL, "timeout", "0.1", "sleep", "1"), 124);
    assert_int_equal(RUN_PIPED(k, NULL, "timeout", "-s", "KILL", "0.1", "sleep", "1"), 137);
    assert_int_equal(RUN_PIPED(k, NULL, "timeout", "--preserve-status", "0.1", "sleep", "1"),
                     143);
    assert_int_equal(RUN_PIPED(k, NULL, "timeout", "1", "false"), 1);
    assert_int_equal(RUN_PIPED(k, NULL, "timeout", "5", "echo", "hi"), 0);
    assert_string_equal(OUT, "hi\n");
    assert_int_equal(RUN_PIPED(k, NULL, "timeout", "1", "nosuch"), 127);
    assert_string_equal(OUT, "timeout: failed to run command 'nosuch': No such file or "
                             "directory\n");
    assert_int_equal(RUN_PIPED(k, NULL, "timeout", "x", "sleep", "1"), 125);
    assert_string_equal(OUT, "timeout: invalid time interval 'x'\n"
                             "Try 'timeout --help' for more information.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "timeout", "-s", "NOPE", "1", "true"), 125);
    assert_string_equal(OUT, "timeout: 'NOPE': invalid signal\n"
                             "Try 'timeout --help' for more information.\n");
    /* nohup: output that is not a terminal stays where it is */
    assert_int_equal(RUN_PIPED(k, NULL, "nohup", "echo", "out"), 0);
    assert_string_equal(OUT, "out\n");
    /* on a terminal it goes to nohup.out */
    assert_int_equal(RUN(k, NULL, "sh", "-c", "cd /tmp && nohup echo kept"), 0);
    assert_string_equal(OUT, "nohup: ignoring input and appending output to 'nohup.out'\n");
    assert_string_equal(ul_read_file(k, "/tmp/nohup.out"), "kept\n");
    assert_int_equal(RUN_PIPED(k, NULL, "nohup", "nosuch"), 127);
    assert_int_equal(RUN_PIPED(k, NULL, "nohup"), 125);
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uname_and_hostname),
        cmocka_unit_test(test_printenv_and_tty),
        cmocka_unit_test(test_realpath),
        cmocka_unit_test(test_mktemp),
        cmocka_unit_test(test_truncate),
        cmocka_unit_test(test_expr),
        cmocka_unit_test(test_timeout_and_nohup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
