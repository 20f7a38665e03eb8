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

#endif
