/* The syscall-sequence fuzzer: one input, one kernel, several tasks.
 *
 * fuzz_one() boots a kernel and splits its input into scripts: a header,
 * up to FZ_SLOTS task scripts and one host script, separated by the two
 * bytes FZ_SEP. Each task runs the program /bin/fz with argv {"fz", slot}
 * and turns its script into syscalls, one op at a time (fuzz_task.c):
 * typed ops that build meaningful states (fds, pipes, children with file
 * actions, signals, memory; fuzz_ops_*.c), and a generic op that calls
 * any number of the syscall table with arguments made from its format
 * string (fuzz_generic.c), so a call added to syscalls.def is fuzzed at
 * once. The host script runs the kernel in slices of virtual time and
 * kills or signals tasks between them, most of them blocked by then;
 * tasks also kill each other at any point of their scripts.
 *
 * Arguments are valid or hostile, never wild: a NULL pointer goes only
 * where the API answers AX_EFAULT or takes NULL as "none", buffers are
 * always as large as the size passed with them (except sizes past
 * SSIZE_MAX, which the API refuses with AX_EINVAL before any copy), and
 * heap_free/heap_realloc get any address, since the kernel looks blocks
 * up without reading through them.
 *
 * What is checked (fuzz_fail() aborts, which libFuzzer reports):
 *   - no sanitizer report (ASan, UBSan, LeakSanitizer);
 *   - no hang: every task runs at most FZ_OPS ops, at most FZ_STARTS
 *     programs start per input, and the host script is bounded, so a run
 *     ends unless the kernel loops (libFuzzer's -timeout catches that);
 *   - a call that fails without blocking changes nothing observable: the
 *     caller's fds, its memory figures, the system's, and KernelStats
 *     (tests/state_check.h);
 *   - after the host kills every process and reaps them, nothing is left
 *     (no task, object, fd, region, heap block, timer), and after
 *     kernel_destroy every allocation the kernel made is freed.
 *
 * To add a typed op: write `static void op_NAME(FzTask *t)` in the
 * fuzz_ops_*.c of its area and add it to that file's table; to fuzz a new
 * syscall nothing is needed. Inputs that once crashed go to
 * tests/fuzz/crashes/ and are replayed by `make test` (fuzz_replay). */
#ifndef AXOS_TESTS_FUZZ_H
#define AXOS_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "axos.h"
#include "state_check.h"

#define FZ_SLOTS 4      /* task scripts */
#define FZ_OPS 48       /* ops one program runs */
#define FZ_STARTS 40    /* programs started (spawn and exec) per input */
#define FZ_HOST_STEPS 24
#define FZ_SCRATCH 32768 /* bytes of a task's scratch buffer */
#define FZ_KIDS 16
#define FZ_PTRS 16

/* One running fz program (on its own task stack). */
typedef struct FzTask {
    int slot;
    const uint8_t *in;
    size_t len, pos;
    int kids[FZ_KIDS]; /* pids it spawned */
    int nkids;
    uintptr_t ptrs[FZ_PTRS]; /* heap blocks it allocated (some freed since) */
    int nptrs;
    unsigned char *scratch; /* FZ_SCRATCH bytes */
    ProcState before;       /* taken by fz_arm */
    uint64_t runs;          /* tasks_run at fz_arm */
    int armed;
    const char *call;       /* the op's syscall, for reports */
} FzTask;

/* The run: one per input; tasks reach it through fz (the fuzzer's own
 * bookkeeping, not the kernel's). */
typedef struct FzRun {
    Kernel *k;
    const uint8_t *script[FZ_SLOTS + 1]; /* the last one is the host's */
    size_t script_len[FZ_SLOTS + 1];
    int nslots;
    int starts;
    int maxpid;
    uintptr_t shared_ptrs[FZ_PTRS]; /* heap blocks of any task */
    unsigned nptrs_shared;
} FzRun;
extern FzRun fz;

/* Run one input; aborts through fuzz_fail on a broken invariant. Returns
 * the run's determinism digest (kernel_trace_digest before the final
 * kills), the same for every run of the same input. */
uint64_t fuzz_one(const uint8_t *data, size_t size);
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Input: the next bytes of the task's script (0 once it is used up). */
uint8_t fz_u8(FzTask *t);
uint16_t fz_u16(FzTask *t);
uint32_t fz_u32(FzTask *t);
uint64_t fz_u64(FzTask *t);
int fz_done(const FzTask *t);

/* Argument pools: mostly valid values, some hostile ones. */
int fz_fd(FzTask *t);
int fz_pid(FzTask *t);
int fz_sig(FzTask *t);
const char *fz_path(FzTask *t);
size_t fz_size(FzTask *t, size_t max); /* <= max, or past SSIZE_MAX */
int64_t fz_off(FzTask *t);             /* offsets and lengths */
uint64_t fz_ns(FzTask *t);
int fz_oflags(FzTask *t);
SigHandler fz_handler(FzTask *t);
char *const *fz_argv(FzTask *t);
/* a zero buffer of FZ_WRITE_MAX bytes for writes (never written) */
#define FZ_WRITE_MAX 70000
extern const unsigned char fz_zeros[FZ_WRITE_MAX];

/* Ops. An op reads its arguments from the script (pool functions may make
 * calls that change nothing, such as getpid), calls fz_arm(t, "name")
 * just before its one syscall, and returns that call's result; the check
 * then runs if the call failed without blocking. Each area's table ends
 * with NULL. */
typedef SyscallResult (*FzOp)(FzTask *t);
void fz_arm(FzTask *t, const char *call);
extern const FzOp fz_ops_files[], fz_ops_proc[], fz_ops_mem[];
SyscallResult fz_op_generic(FzTask *t);
void fz_note_kid(FzTask *t, int pid);
void fz_note_ptr(FzTask *t, uintptr_t p);

/* The program every task runs. */
int fz_main(int argc, char **argv);

#endif
