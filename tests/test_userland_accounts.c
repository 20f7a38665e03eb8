/* Hypotheses about the account programs, driven through the console as a
 * person types: su asks for the password with echo off and becomes the
 * user (root by default) or fails after a delay; passwd changes one's own
 * password after the current one, root anyone's; useradd, userdel and
 * groupadd edit /etc/passwd, /etc/shadow and /etc/group as shadow-utils
 * does and are root's only; login starts a session after a password.
 * The kernel runs as the ordinary user "user" (password "secret"; root's
 * is "rootpw"), as the REPL does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userland_run.h"

/* yescrypt hashes (cost 1) of "secret" and "rootpw" */
#define HASH_SECRET "$y$j75$5Qk/5Qk/5Qk/5Qk/5Qk/5.$Je2w.qAwvbf8kK59.gZxpiytRe4MOrGnwquYN98mxL/"
#define HASH_ROOTPW "$y$j75$5Qk/5Qk/5Qk/5Qk/5Qk/5.$xHApqJard3DWwq93/A.Vn5p9.vdJmbMTdTaCbYK7Yz."

static char out[65536];

static Kernel *acct_kernel(int session) {
    KernelConfig cfg = {.user = "user", .user_hash = HASH_SECRET, .root_hash = HASH_ROOTPW,
                        .session = session};
    Kernel *k = harness_kernel(&cfg);
    ul_install(k);
    return k;
}

static void drain(Kernel *k) {
    size_t len = strlen(out), n;
    while ((n = kernel_console_take_output(k, out + len, sizeof out - 1 - len)) > 0)
        len += n;
    out[len] = '\0';
}

/* Run argv, typing keys[i] at its i-th wait for console input; the
 * console's output is in `out`. Returns the exit status. */
static int typed(Kernel *k, char *const argv[], const char *const keys[], size_t nkeys) {
    out[0] = '\0';
    SyscallResult pid = kernel_spawn(k, argv[0], argv);
    assert_int_equal(pid.error, AX_OK);
    for (size_t i = 0; i < nkeys; i++) {
        RunState st = kernel_run(k);
        drain(k);
        if (st != AX_RUN_INPUT)
            fail_msg("before key %zu: the program did not wait for input (%d); output:\n%s", i,
                     (int)st, out);
        kernel_console_push_input(k, keys[i], strlen(keys[i]));
    }
    int status = -1;
    if (kernel_wait(k, (int)pid.value, &status) != 0)
        fail_msg("the program did not end after the last key; output:\n%s", out);
    drain(k);
    return AX_WIFEXITED(status) ? AX_WEXITSTATUS(status) : 128 + AX_WTERMSIG(status);
}

#define KEYS(...) (const char *const[]){__VA_ARGS__}, sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *)
#define NOKEYS NULL, 0
#define ARGV(...) (char *const[]){__VA_ARGS__, NULL}

static void test_su_to_root_with_the_password(void **state) {
    Kernel *k = acct_kernel(AX_SESSION_USER);
    int st = typed(k, ARGV("/bin/su", "-c", "id; pwd"), KEYS("rootpw\n"));
    assert_int_equal(st, 0);
    /* the prompt, no echo of what was typed, a newline, then the command */
    assert_string_equal(out, "Password: \nuid=0(root) gid=0(root) groups=0(root)\n/home/user\n");
    /* a login shell goes home, with a clean environment */
    st = typed(k, ARGV("/bin/su", "-", "-c", "pwd; echo $USER $HOME $LOGNAME"), KEYS("rootpw\n"));
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "\n/root\nroot /root root\n"));
    /* the command's status is su's */
    st = typed(k, ARGV("/bin/su", "root", "-c", "exit 7"), KEYS("rootpw\n"));
    assert_int_equal(st, 7);
    harness_destroy(k);
}

static void test_su_wrong_password_fails_after_a_delay(void **state) {
    Kernel *k = acct_kernel(AX_SESSION_USER);
    uint64_t before = kernel_now(k);
    int st = typed(k, ARGV("/bin/su", "-c", "id"), KEYS("wrong\n"));
    assert_int_equal(st, 1);
    assert_string_equal(out, "Password: \nsu: Authentication failure\n");
    assert_true(kernel_now(k) - before >= 3000000000ull);
    /* end of input instead of a password: the same */
    st = typed(k, ARGV("/bin/su", "-c", "id"), KEYS("\004"));
    assert_int_equal(st, 1);
    st = typed(k, ARGV("/bin/su", "nosuchuser"), NOKEYS);
    assert_int_equal(st, 1);
    assert_string_equal(out, "su: user nosuchuser does not exist or the user entry does not "
                             "contain all the required fields\n");
    st = typed(k, ARGV("/bin/su", "-z"), NOKEYS);
    assert_int_equal(st, 1);
    harness_destroy(k);
}

static void test_su_from_root_needs_no_password(void **state) {
    Kernel *k = acct_kernel(AX_SESSION_ROOT);
    int st = typed(k, ARGV("/bin/su", "user", "-c", "id; echo $HOME $USER"), NOKEYS);
    assert_int_equal(st, 0);
    assert_string_equal(out, "uid=1000(user) gid=1000(user) groups=1000(user),100(users)\n"
                             "/home/user user\n");
    harness_destroy(k);
}

static void test_passwd_changes_ones_own_password(void **state) {
    Kernel *k = acct_kernel(AX_SESSION_USER);
    int st = typed(k, ARGV("/bin/passwd"), KEYS("secret\n", "n3w\n", "n3w\n"));
    assert_int_equal(st, 0);
    assert_string_equal(out, "Changing password for user.\nCurrent password: \nNew password: \n"
                             "Retype new password: \npasswd: password updated successfully\n");
    /* the new one opens the account, the old one no more */
    assert_int_equal(typed(k, ARGV("/bin/su", "user", "-c", "true"), KEYS("n3w\n")), 0);
    assert_int_equal(typed(k, ARGV("/bin/su", "user", "-c", "true"), KEYS("secret\n")), 1);
    /* a yescrypt hash of the default cost, and the file's owner and mode */
    assert_int_equal(typed(k, ARGV("/bin/su", "-c", "grep '^user:' /etc/shadow | cut -c1-12; stat -c '%a %U %G' /etc/shadow"),
                           KEYS("rootpw\n")),
                     0);
    assert_non_null(strstr(out, "\nuser:$y$j9T$\n640 root shadow\n"));
    harness_destroy(k);
}

static void test_passwd_refusals(void **state) {
    Kernel *k = acct_kernel(AX_SESSION_USER);
    const char *tail = "passwd: Authentication token manipulation error\npasswd: password unchanged\n";
    assert_int_equal(typed(k, ARGV("/bin/passwd"), KEYS("bad\n")), 10);
    assert_non_null(strstr(out, tail));
    assert_int_equal(typed(k, ARGV("/bin/passwd"), KEYS("secret\n", "a\n", "b\n")), 10);
    assert_non_null(strstr(out, "Sorry, passwords do not match.\n"));
    assert_int_equal(typed(k, ARGV("/bin/passwd"), KEYS("secret\n", "\n")), 10);
    assert_non_null(strstr(out, "No password has been supplied.\n"));
    assert_int_equal(typed(k, ARGV("/bin/passwd", "root"), NOKEYS), 1);
    assert_string_equal(out, "passwd: You may not view or modify password information for root.\n");
    assert_int_equal(typed(k, ARGV("/bin/passwd", "-l"), NOKEYS), 1);
    assert_string_equal(out, "passwd: Permission denied.\n");
    assert_int_equal(typed(k, ARGV("/bin/passwd", "nobody2"), NOKEYS), 6);
    assert_int_equal(typed(k, ARGV("/bin/passwd", "a", "b"), NOKEYS), 1);
    /* nothing changed: the old password still works */
    assert_int_equal(typed(k, ARGV("/bin/su", "user", "-c", "true"), KEYS("secret\n")), 0);
    harness_destroy(k);
}

static void test_passwd_as_root(void **state) {
    Kernel *k = acct_kernel(AX_SESSION_ROOT);
    assert_int_equal(typed(k, ARGV("/bin/passwd", "user"), KEYS("other\n", "other\n")), 0);
    assert_string_equal(out, "New password: \nRetype new password: \npasswd: password updated successfully\n");
    assert_int_equal(typed(k, ARGV("/bin/passwd", "-S", "user"), NOKEYS), 0);
    assert_string_equal(out, "user P 2026-01-01 0 99999 7 -1\n");
    assert_int_equal(typed(k, ARGV("/bin/passwd", "-l", "user"), NOKEYS), 0);
    assert_int_equal(typed(k, ARGV("/bin/passwd", "-S", "user"), NOKEYS), 0);
    assert_string_equal(out, "user L 2026-01-01 0 99999 7 -1\n");
    /* locked: even the right password does not open it */
    assert_int_equal(typed(k, ARGV("/bin/su", "user", "-c", "su user -c true"), KEYS("other\n")), 1);
    assert_int_equal(typed(k, ARGV("/bin/passwd", "-u", "user"), NOKEYS), 0);
    assert_int_equal(typed(k, ARGV("/bin/su", "user", "-c", "su user -c true"), KEYS("other\n")), 0);
    assert_int_equal(typed(k, ARGV("/bin/passwd", "-d", "user"), NOKEYS), 0);
    assert_int_equal(typed(k, ARGV("/bin/passwd", "-u", "user"), NOKEYS), 3);
    assert_int_equal(typed(k, ARGV("/bin/passwd", "-l", "-u", "user"), NOKEYS), 1);
    harness_destroy(k);
}

static void test_useradd_groupadd_userdel(void **state) {
    Kernel *k = acct_kernel(AX_SESSION_ROOT);
    assert_int_equal(typed(k, ARGV("/bin/useradd", "-m", "-G", "users", "-c", "Bob B", "bob"), NOKEYS), 0);
    assert_string_equal(out, "");
    const char *pw = ul_read_file(k, "/etc/passwd");
    assert_non_null(strstr(pw, "\nbob:x:1001:1001:Bob B:/home/bob:/bin/sh\n"));
    const char *gr = ul_read_file(k, "/etc/group");
    assert_non_null(strstr(gr, "\nusers:x:100:user,bob\n"));
    assert_non_null(strstr(gr, "\nbob:x:1001:\n"));
    assert_int_equal(typed(k, ARGV("/bin/stat", "-c", "%a %U %G", "/home/bob"), NOKEYS), 0);
    assert_string_equal(out, "700 bob bob\n");
    assert_non_null(strstr(ul_read_file(k, "/etc/shadow"), "\nbob:!:20454:0:99999:7:::\n"));
    /* refusals, with useradd's codes */
    assert_int_equal(typed(k, ARGV("/bin/useradd", "bob"), NOKEYS), 9);
    assert_string_equal(out, "useradd: user 'bob' already exists\n");
    assert_int_equal(typed(k, ARGV("/bin/useradd", "-u", "1000", "carl"), NOKEYS), 4);
    assert_int_equal(typed(k, ARGV("/bin/useradd", "-g", "nosuch", "carl"), NOKEYS), 6);
    assert_int_equal(typed(k, ARGV("/bin/useradd", "-G", "users,nosuch", "carl"), NOKEYS), 6);
    assert_int_equal(typed(k, ARGV("/bin/useradd", "Carl"), NOKEYS), 3);
    assert_int_equal(typed(k, ARGV("/bin/useradd", "-u", "x", "carl"), NOKEYS), 3);
    assert_int_equal(typed(k, ARGV("/bin/useradd", "-d", "rel", "carl"), NOKEYS), 3);
    assert_int_equal(typed(k, ARGV("/bin/useradd"), NOKEYS), 2);
    assert_int_equal(typed(k, ARGV("/bin/useradd", "-z", "carl"), NOKEYS), 2);
    assert_null(strstr(ul_read_file(k, "/etc/passwd"), "carl"));
    /* -g with a group, -u with a uid */
    assert_int_equal(typed(k, ARGV("/bin/groupadd", "staff"), NOKEYS), 0);
    assert_non_null(strstr(ul_read_file(k, "/etc/group"), "\nstaff:x:1002:\n"));
    assert_int_equal(typed(k, ARGV("/bin/useradd", "-u", "2000", "-g", "staff", "-s", "/bin/false", "dan"), NOKEYS), 0);
    assert_non_null(strstr(ul_read_file(k, "/etc/passwd"), "\ndan:x:2000:1002::/home/dan:/bin/false\n"));
    assert_int_equal(typed(k, ARGV("/bin/groupadd", "staff"), NOKEYS), 9);
    assert_int_equal(typed(k, ARGV("/bin/groupadd", "-g", "5", "ttys"), NOKEYS), 4);
    assert_string_equal(out, "groupadd: GID '5' already exists\n");
    assert_int_equal(typed(k, ARGV("/bin/groupadd", "-r", "daemon"), NOKEYS), 0);
    assert_non_null(strstr(ul_read_file(k, "/etc/group"), "\ndaemon:x:999:\n"));
    assert_int_equal(typed(k, ARGV("/bin/groupadd", "-g", "x", "g2"), NOKEYS), 3);
    assert_int_equal(typed(k, ARGV("/bin/groupadd", "9bad"), NOKEYS), 3);
    /* userdel -r: the lines, the group and the home go */
    assert_int_equal(typed(k, ARGV("/bin/userdel", "-r", "bob"), NOKEYS), 0);
    assert_null(strstr(ul_read_file(k, "/etc/passwd"), "bob"));
    assert_null(strstr(ul_read_file(k, "/etc/shadow"), "bob"));
    gr = ul_read_file(k, "/etc/group");
    assert_null(strstr(gr, "bob"));
    assert_non_null(strstr(gr, "\nusers:x:100:user\n"));
    assert_false(ul_exists(k, "/home/bob"));
    assert_int_equal(typed(k, ARGV("/bin/userdel", "bob"), NOKEYS), 6);
    assert_string_equal(out, "userdel: user 'bob' does not exist\n");
    /* a user with a live process stays */
    SyscallResult s = kernel_spawn(k, "/bin/su", ARGV("su", "dan", "-s", "/bin/sh", "-c", "sleep 100"));
    assert_int_equal(s.error, AX_OK);
    kernel_run_for(k, 1000000);
    assert_int_equal(typed(k, ARGV("/bin/userdel", "dan"), NOKEYS), 8);
    harness_destroy_live(k); /* the shell's sleep is still there */
}

static void test_account_tools_are_roots(void **state) {
    Kernel *k = acct_kernel(AX_SESSION_USER);
    assert_int_equal(typed(k, ARGV("/bin/useradd", "eve"), NOKEYS), 1);
    assert_string_equal(out, "useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n");
    assert_int_equal(typed(k, ARGV("/bin/userdel", "user"), NOKEYS), 1);
    assert_int_equal(typed(k, ARGV("/bin/groupadd", "eve"), NOKEYS), 10);
    assert_int_equal(typed(k, ARGV("/bin/login"), NOKEYS), 1);
    assert_string_equal(out, "login: Cannot possibly work without effective root\n");
    assert_null(strstr(ul_read_file(k, "/etc/passwd"), "eve"));
    harness_destroy(k);
}

static void test_login_starts_a_session(void **state) {
    Kernel *k = acct_kernel(AX_SESSION_ROOT);
    int st = typed(k, ARGV("/bin/login"),
                   KEYS("user\n", "nope\n", "user\n", "secret\n", "id; pwd; echo $SHELL\n", "exit 3\n"));
    assert_int_equal(st, 3);
    assert_non_null(strstr(out, "axos login: user\nPassword: \n\nLogin incorrect\naxos login: "));
    assert_non_null(strstr(out, "Welcome to axos"));
    assert_non_null(strstr(out, "uid=1000(user) gid=1000(user) groups=1000(user),100(users)\n/home/user\n/bin/sh\n"));
    assert_null(strstr(out, "secret"));
    /* -f: no password; three wrong tries end it */
    st = typed(k, ARGV("/bin/login", "-f", "user"), KEYS("exit 0\n"));
    assert_int_equal(st, 0);
    st = typed(k, ARGV("/bin/login", "user"), KEYS("a\n", "user\n", "b\n", "user\n", "c\n"));
    assert_int_equal(st, 1);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_su_to_root_with_the_password),
        cmocka_unit_test(test_su_wrong_password_fails_after_a_delay),
        cmocka_unit_test(test_su_from_root_needs_no_password),
        cmocka_unit_test(test_passwd_changes_ones_own_password),
        cmocka_unit_test(test_passwd_refusals),
        cmocka_unit_test(test_passwd_as_root),
        cmocka_unit_test(test_useradd_groupadd_userdel),
        cmocka_unit_test(test_account_tools_are_roots),
        cmocka_unit_test(test_login_starts_a_session),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
