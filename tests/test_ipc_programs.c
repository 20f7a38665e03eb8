/* Hypotheses about flock(1) and nc -U, run through the shell: flock waits,
 * fails at once with -n (its exit code from -E), gives up after -w, locks
 * the shell's fd, runs -c commands; nc carries bytes both ways over a
 * stream socket and a datagram over a datagram one, and says why it
 * cannot connect. Times are the virtual clock's, so the runs repeat. */
#include <string.h>

#include "userland_run.h"

static void expect(Kernel *k, char *script, int status, const char *out) {
    int st = RUN(k, NULL, "sh", "-c", script);
    if (st != status || strcmp(ul_output(), out) != 0)
        print_error("script: %s\nstatus %d, output:\n%s\n", script, st, ul_output());
    assert_int_equal(st, status);
    assert_string_equal(ul_output(), out);
}

static void test_flock_runs_a_command_under_the_lock_and_fails_as_util_linux(void **state) {
    Kernel *k = ul_kernel();
    expect(k, "flock /tmp/l echo held; echo $?", 0, "held\n0\n");
    /* a holder for 1 s; the others try at 0.1 s */
    expect(k,
           "flock /tmp/l sleep 1 & sleep 0.1; flock -n /tmp/l true; echo n=$?; "
           "flock -n -E 7 /tmp/l true; echo E=$?; flock -w 0.2 /tmp/l true; echo w=$?; "
           "flock -s -w 5 /tmp/l echo late; echo s=$?; wait",
           0, "n=1\nE=7\nw=1\nlate\ns=0\n");
    /* the shell's own fd; another open of the file conflicts */
    expect(k, "exec 9>/tmp/l3; flock -n 9 && echo a; flock -n /tmp/l3 true; echo b=$?; "
              "flock -u 9; flock -n /tmp/l3 true; echo c=$?",
           0, "a\nb=1\nc=0\n");
    expect(k, "flock /tmp/l -c 'echo one two'", 0, "one two\n");
    expect(k, "flock -x /tmp/l sh -c 'exit 3'", 3, "");
    expect(k, "flock 2>&1", 64, "flock: not enough arguments\nTry 'flock --help' for more information.\n");
    expect(k, "flock /tmp/l 2>&1", 64, "flock: bad file descriptor: '/tmp/l'\n");
    expect(k, "flock /tmp/l /no/such 2>&1", 69, "flock: failed to execute /no/such: No such file or directory\n");
    expect(k, "flock -w x /tmp/l true 2>&1", 64, "flock: invalid timeout value: 'x'\n");
    expect(k, "flock -E 256 /tmp/l true 2>&1", 64, "flock: exit code out of range (expected 0 to 255)\n");
    expect(k, "flock /tmp/l -c a b 2>&1", 64, "flock: -c requires exactly one command argument\n");
    expect(k, "flock /no/dir/l true 2>&1", 66, "flock: cannot open lock file /no/dir/l: No such file or directory\n");
    harness_destroy(k);
}

static void test_nc_carries_bytes_both_ways_over_a_unix_socket(void **state) {
    Kernel *k = ul_kernel();
    expect(k,
           "echo pong > /tmp/r; nc -lU /tmp/s < /tmp/r > /tmp/got & sleep 0.1; "
           "echo ping | nc -NU /tmp/s; wait; cat /tmp/got",
           0, "pong\nping\n");
    /* -k: one connection after another on the same listener */
    expect(k,
           "nc -lkU -d /tmp/k > /tmp/kk & sleep 0.1; echo one | nc -NU /tmp/k; echo two | nc -NU /tmp/k; "
           "sleep 0.1; kill $!; wait; cat /tmp/kk",
           0, "one\ntwo\n");
    /* a datagram; the server gives up after -w without traffic */
    expect(k, "nc -luU -w 0.5 /tmp/d > /tmp/dg & sleep 0.1; echo dgram | nc -uU /tmp/d; wait; cat /tmp/dg; "
              "ls /tmp/nc.* 2>/dev/null | wc -l",
           0, "dgram\n0\n");
    expect(k, "nc -zU /tmp/s 2>&1; echo $?", 0, "nc: /tmp/s: Connection refused\n1\n");
    expect(k, "nc -U /tmp/none 2>&1", 1, "nc: /tmp/none: No such file or directory\n");
    expect(k, "nc -U /tmp/r 2>&1", 1, "nc: /tmp/r: Connection refused\n");
    expect(k, "nc /tmp/s 2>&1", 1, "nc: only UNIX domain sockets (-U) are supported: axos has no network\n");
    expect(k, "nc -kU /tmp/s 2>&1", 1, "nc: must use -l with -k\nTry 'nc --help' for more information.\n");
    expect(k, "nc -lU /tmp/s 2>&1", 1, "nc: /tmp/s: Address already in use\n");
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flock_runs_a_command_under_the_lock_and_fails_as_util_linux),
        cmocka_unit_test(test_nc_carries_bytes_both_ways_over_a_unix_socket),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
