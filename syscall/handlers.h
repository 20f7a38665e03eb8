/* Syscall handlers: ksys_<name> for each line of syscalls.def.
 *
 * A handler returns its result value (>= 0, or any value outside
 * -4095..-1), -AX_E* on error, or -KERR_BLOCK after sched_wait() when it
 * must wait. Each lives in its subsystem's room and validates its own
 * arguments; the dispatcher has already found the calling task. */
#ifndef AXOS_SYSCALL_HANDLERS_H
#define AXOS_SYSCALL_HANDLERS_H

#include "kernel/kernel.h"

#define AX_SYSCALL(num, name, fmt) int64_t ksys_##name(Kernel *k, const SyscallArgs *a);
#include "axos/syscalls.def"
#undef AX_SYSCALL

/* Is r an error return (-4095..-1, as Linux's IS_ERR_VALUE)? */
static inline bool ksys_is_error(int64_t r) { return r < 0 && r >= -4095; }

/* Argument unpacking */
#define ARG_INT(i) ((int)(int64_t)a->a[i])
#define ARG_I64(i) ((int64_t)a->a[i])
#define ARG_U64(i) ((uint64_t)a->a[i])
#define ARG_SIZE(i) ((size_t)a->a[i])
#define ARG_PTR(T, i) ((T)(uintptr_t)a->a[i])

#endif
