/* What "a failed call changed nothing" compares, for the tests that check
 * it after every failure (the allocation-failure walk, the fuzzer): the
 * calling process's fds (open, flags, offsets), its memory figures, the
 * system's, and the kernel's resource counts. Called from inside a task. */
#ifndef AXOS_TESTS_STATE_CHECK_H
#define AXOS_TESTS_STATE_CHECK_H

#include <stddef.h>

#include "axos.h"

#define STATE_FDS 16 /* fds 0..STATE_FDS-1 are looked at */

typedef struct ProcState {
    int64_t fd_flags[STATE_FDS], fl_flags[STATE_FDS], offsets[STATE_FDS];
    MemStats mem;
    SystemMemStats sys;
    KernelStats ks;
} ProcState;

/* Fill *s for the calling process; k is the kernel it runs in. Makes
 * only calls that change nothing (fcntl F_GETFD/F_GETFL, lseek by 0,
 * memstats). */
void state_take(Kernel *k, ProcState *s);

/* NULL when a and b agree, else what differs, written into buf. */
const char *state_diff(const ProcState *a, const ProcState *b, char *buf, size_t n);

#endif
