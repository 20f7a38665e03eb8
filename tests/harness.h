/* Test harness: kernels with a counting allocator, and the end-of-test
 * check that nothing leaked. */
#ifndef AXOS_TESTS_HARNESS_H
#define AXOS_TESTS_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "axos.h"

/* Counts live allocations; can refuse the N-th one (fail_at, 1-based). */
typedef struct HarnessAlloc {
    long live_blocks;
    long total_allocs;
    long fail_at; /* 0: never */
} HarnessAlloc;

void *harness_alloc(void *ud, void *ptr, size_t size);

/* A kernel over a fresh counting allocator; cfg may be NULL. Fails the
 * test if creation fails. */
Kernel *harness_kernel(const KernelConfig *cfg);

/* The allocator of a kernel made by harness_kernel. */
HarnessAlloc *harness_allocator(Kernel *k);

/* End of test: no task, object or fd may be left (every process must have
 * been run to completion and reaped), then kernel_destroy, then every
 * allocation must have been freed. */
void harness_destroy(Kernel *k);

/* End of a test that leaves processes alive on purpose (kernel_destroy
 * must kill and free them): kernel_destroy, then every allocation must
 * have been freed. */
void harness_destroy_live(Kernel *k);

/* Spawn argv[0] from the host and run the kernel until it exits; returns
 * its wait status. Fails the test on spawn errors. */
int harness_run(Kernel *k, char *const argv[]);

/* Everything the console printed so far (NUL-terminated, malloc'd by the
 * harness and freed at the next call or at harness_destroy). */
const char *harness_output(Kernel *k);



/* printf to fd 1 of the calling task (for test programs). */
void tprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Spawn a program from inside a task and wait for it; returns the wait
 * status, or -1 if spawn failed. */
int tspawn_wait(const char *path, char *const argv[]);
#endif
