/* Hypotheses about /bin/sh, checked through the console. */
#include <string.h>

#include "userland_run.h"

static void sh_c_runs_a_command(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "/bin/sh", "-c", "echo hello"), 0);
    assert_string_equal(ul_output(), "hello\n");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sh_c_runs_a_command),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
