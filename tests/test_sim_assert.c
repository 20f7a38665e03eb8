/* Hypotheses about assertions (sys_assert and the ax_assert_* macros):
 * each kind records hits and passes, a failed always or a reached
 * unreachable counts as a failure without stopping the program, and bad
 * calls record nothing. */
#include <string.h>

#include "harness.h"

static int prog_asserts(int argc, char **argv) {
    for (int i = 0; i < 4; i++) {
        ax_assert_always(i < 3, "small");
        ax_assert_sometimes(i == 2, "two");
        ax_assert_sometimes(i == 9, "nine");
    }
    ax_assert_reachable("end");
    SyscallResult r = ax_assert_unreachable("never");
    tprintf("%lld %d|", (long long)r.value, r.error);
    return 0;
}

static void test_kinds_record_hits_and_passes(void **state) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(kernel_assertions(k, NULL, 0), 0);
    assert_int_equal(kernel_assert_failures(k), 0);
    kernel_install_program(k, "/bin/a", prog_asserts);
    assert_int_equal(harness_run(k, (char *[]){"/bin/a", NULL}), 0);
    /* the program ran to its end after the failures */
    assert_string_equal(harness_output(k), "0 0|");
    AssertInfo ai[8];
    assert_int_equal(kernel_assertions(k, ai, 8), 5);
    assert_string_equal(ai[0].name, "small");
    assert_int_equal(ai[0].kind, AX_ASSERT_ALWAYS);
    assert_int_equal(ai[0].hits, 4);
    assert_int_equal(ai[0].passes, 3);
    assert_string_equal(ai[1].name, "two");
    assert_int_equal(ai[1].passes, 1);
    assert_string_equal(ai[2].name, "nine");
    assert_int_equal(ai[2].passes, 0);
    assert_int_equal(ai[3].kind, AX_ASSERT_REACHABLE);
    assert_int_equal(ai[3].passes, 1);
    assert_int_equal(ai[4].kind, AX_ASSERT_UNREACHABLE);
    assert_int_equal(ai[4].hits, 1);
    assert_int_equal(ai[4].passes, 0);
    /* one false always, one reached unreachable */
    assert_int_equal(kernel_assert_failures(k), 2);
    /* a short buffer gets the first ones */
    assert_int_equal(kernel_assertions(k, ai, 1), 5);
    harness_destroy(k);
}

static int prog_bad(int argc, char **argv) {
    char long_name[AX_ASSERT_NAME_MAX + 1];
    memset(long_name, 'n', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    int e[6];
    e[0] = sys_assert(AX_ASSERT_ALWAYS, 1, NULL).error;
    e[1] = sys_assert(7, 1, "x").error;
    e[2] = sys_assert(AX_ASSERT_ALWAYS, 1, "").error;
    e[3] = sys_assert(AX_ASSERT_ALWAYS, 1, long_name).error;
    e[4] = ax_assert_always(1, "k").error;
    e[5] = ax_assert_sometimes(0, "k").error; /* another kind under the same name */
    tprintf("%d %d %d %d %d %d|", e[0], e[1], e[2], e[3], e[4], e[5]);
    return 0;
}

static void test_bad_calls_record_nothing(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/b", prog_bad);
    assert_int_equal(harness_run(k, (char *[]){"/bin/b", NULL}), 0);
    assert_string_equal(harness_output(k), "14 22 22 36 0 22|");
    AssertInfo ai[2];
    assert_int_equal(kernel_assertions(k, ai, 2), 1);
    assert_int_equal(ai[0].hits, 1);
    assert_int_equal(kernel_assert_failures(k), 0);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_record_hits_and_passes),
        cmocka_unit_test(test_bad_calls_record_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
