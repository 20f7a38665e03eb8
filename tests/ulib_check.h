/* For tests whose programs use ulib: a CHECK that makes the program say
 * which check failed and return 1, and expect_ok, which turns that into
 * a test failure showing the program's output. */
#ifndef AXOS_TESTS_ULIB_CHECK_H
#define AXOS_TESTS_ULIB_CHECK_H

#include "../userland/ulib/ulib.h"
#include "userland_run.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            u_eprintf("check failed at line %d: %s\n", __LINE__, #cond);                           \
            return 1;                                                                              \
        }                                                                                          \
    } while (0)

static inline void expect_ok(int code)
{
    if (code != 0)
        fail_msg("status %d, output:\n%s", code, ul_output());
}

#endif
