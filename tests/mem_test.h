/* Helpers shared by the memory room's tests (test_mem.c, test_shm.c). */
#ifndef AXOS_TESTS_MEM_TEST_H
#define AXOS_TESTS_MEM_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* Programs run inside the kernel and report the line of the first check
 * that failed; the test turns it into a readable failure. */
static int mt_fail_line;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            mt_fail_line = __LINE__;                                                               \
            return 1;                                                                              \
        }                                                                                          \
    } while (0)
#define ERR(call) ((call).error)
#define VAL(call) ((call).value)

/* Install main at /bin/t, run it with argv (NULL: no arguments) and
 * require that it exits 0. */
static inline void mt_run_ok(Kernel *k, ProgramMain main, char *const argv[]) {
    mt_fail_line = 0;
    assert_int_equal(kernel_install_program(k, "/bin/t", main), 0);
    int st = harness_run(k, argv ? argv : (char *const[]){"/bin/t", NULL});
    if (st != 0)
        fail_msg("program failed at line %d (wait status %#x)", mt_fail_line, st);
}

/* Argument i of a program as an int. */
static inline int mt_arg(char **argv, int i) {
    return atoi(argv[i]);
}

static inline MemStats mt_memstats(void) {
    MemStats m;
    sys_memstats(&m);
    return m;
}

static inline SystemMemStats mt_sysstats(void) {
    SystemMemStats s;
    sys_system_memstats(&s);
    return s;
}

/* The allocator of the kernel under test, for FAIL_EACH. */
static HarnessAlloc *mt_alloc;
static long mt_refused; /* refusals the last FAIL_EACH went through */

/* In a program: run call with the n-th allocation from now refused, for
 * n = 1, 2, ... until it succeeds, leaving its result in result. Each
 * refusal must give AX_ENOMEM and move no figure and no segment; a check
 * that fails returns 1 from the program. */
#define FAIL_EACH(result, call)                                                                    \
    for (long n = 1;; n++) {                                                                       \
        mt_refused = n - 1;                                                                        \
        MemStats mb = mt_memstats();                                                               \
        SystemMemStats sb = mt_sysstats();                                                         \
        ShmInfo lb[4] = {0}, la[4] = {0};                                                          \
        sys_shm_list(lb, 4);                                                                       \
        mt_alloc->fail_at = mt_alloc->total_allocs + n;                                            \
        result = (call);                                                                           \
        mt_alloc->fail_at = 0;                                                                     \
        if (result.error == AX_OK)                                                                 \
            break;                                                                                 \
        CHECK(result.error == AX_ENOMEM && n < 10);                                                \
        MemStats ma = mt_memstats();                                                               \
        SystemMemStats sa = mt_sysstats();                                                         \
        sys_shm_list(la, 4);                                                                       \
        CHECK(memcmp(&mb, &ma, sizeof mb) == 0 && memcmp(&sb, &sa, sizeof sb) == 0);               \
        CHECK(memcmp(lb, la, sizeof lb) == 0);                                                     \
    }

#endif
