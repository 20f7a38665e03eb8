/* Helpers shared by the memory room's tests (test_mem.c, test_shm.c). */
#ifndef AXOS_TESTS_MEM_TEST_H
#define AXOS_TESTS_MEM_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* The kernel under test, for the host calls a program makes. */
static Kernel *mt_kernel __attribute__((unused));

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

/* What the caller is charged for before it allocates anything: its task
 * stack. */
static inline uint64_t mt_base(void) {
    return mt_memstats().stack_bytes;
}

/* The system's figure less what every kernel running a test holds anyway
 * (task stacks, boot's files): what the test itself allocated. */
static inline uint64_t mt_sys_used(void);

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

static inline uint64_t mt_sys_used(void) {
    SystemMemStats s = mt_sysstats();
    return s.total_allocated - s.stack_bytes - s.file_bytes;
}

/* The system's figure when a test program starts (its own stack, boot's
 * files), learned by running it in a kernel like cfg with no limit. */
static uint64_t mt_sys_baseline;

static int mt_learn_baseline(int argc, char **argv) {
    mt_sys_baseline = mt_sysstats().total_allocated;
    return 0;
}

/* A kernel like cfg (NULL: defaults) whose system limit leaves exactly
 * `room` bytes over what a program has when it starts. */
static inline Kernel *mt_kernel_with_room(const KernelConfig *cfg, uint64_t room) {
    KernelConfig c = {0};
    if (cfg)
        c = *cfg;
    c.mem_limit = 0;
    Kernel *k = harness_kernel(&c);
    mt_run_ok(k, mt_learn_baseline, NULL);
    harness_destroy(k);
    c.mem_limit = mt_sys_baseline + room;
    return harness_kernel(&c);
}

#endif
