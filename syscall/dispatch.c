/* sys_dispatch: the single entry into the kernel.
 *
 * 1. find the calling task (none: AX_ESRCH);
 * 2. call the handler from the table built out of syscalls.def;
 * 3. when it says "would block", park the task and call it again once
 *    woken; a caught signal ends the wait with AX_EINTR (or the partial
 *    count, when bytes already moved);
 * 4. count the call, fold it into the digest, record a trace event;
 * 5. deliver pending unblocked signals before returning to the task. */
#include "kernel/sched.h"
#include "signal/signal.h"
#include "syscall/handlers.h"
#include "trace/trace.h"

typedef int64_t (*Handler)(Kernel *k, const SyscallArgs *a);

static const Handler dispatch_table[AX_SYS_COUNT] = {
#define AX_SYSCALL(num, name, fmt) [num] = ksys_##name,
#include "axos/syscalls.def"
#undef AX_SYSCALL
};

static const char *const dispatch_names[AX_SYS_COUNT] = {
#define AX_SYSCALL(num, name, fmt) [num] = #name,
#include "axos/syscalls.def"
#undef AX_SYSCALL
};

const char *sys_name(SyscallNo no) {
    return (unsigned)no < AX_SYS_COUNT ? dispatch_names[no] : NULL;
}

static inline SyscallResult dispatch_result(int64_t r) {
    if (ksys_is_error(r))
        return (SyscallResult){-1, (SyscallError)-r};
    return (SyscallResult){r, AX_OK};
}

/* Which I/O counters a successful call's result feeds. */
enum { IO_NONE, IO_READ, IO_WRITE, IO_BYTES };
static const uint8_t dispatch_io[AX_SYS_COUNT] = {
    [AX_SYS_read] = IO_READ,
    [AX_SYS_write] = IO_WRITE,
    [AX_SYS_mem_read] = IO_BYTES,
    [AX_SYS_mem_write] = IO_BYTES,
};

static inline void dispatch_count_bytes(Kernel *k, SyscallNo no, int64_t r) {
    unsigned io = dispatch_io[no];
    if (io == IO_NONE)
        return;
    k->stats.syscalls[no].bytes += (uint64_t)r;
    if (io == IO_READ)
        k->stats.bytes_read += (uint64_t)r;
    else if (io == IO_WRITE)
        k->stats.bytes_written += (uint64_t)r;
}

SyscallResult sys_dispatch(SyscallNo no, const SyscallArgs *a) {
    Kernel *k = kernel_current;
    Proc *p = k ? k->cur : NULL;
    if (!p)
        return (SyscallResult){-1, AX_ESRCH};
    if ((unsigned)no >= AX_SYS_COUNT || !dispatch_table[no])
        return (SyscallResult){-1, AX_ENOSYS};
    if (!a)
        return (SyscallResult){-1, AX_EFAULT};

    /* tracing reads the clock itself: under the host clock k->now is stale */
    uint64_t t0 = trace_enabled(k) ? trace_now(k) : k->now;
    p->retry = false;
    p->io_done = 0;
    int64_t r;
    for (;;) {
        r = dispatch_table[no](k, a);
        if (r != -KERR_BLOCK)
            break;
        if (!sched_block(k)) {
            r = p->io_done ? (int64_t)p->io_done : -AX_EINTR;
            break;
        }
        p->retry = true;
    }

    SyscallCounters *c = &k->stats.syscalls[no];
    c->calls++;
    c->time_ns += k->now - t0;
    if (ksys_is_error(r))
        c->errors++;
    else
        dispatch_count_bytes(k, no, r);
    kernel_digest_mix(k, trace_syscall_word(k, no, a, r));
    if (trace_enabled(k))
        trace_syscall(k, p, no, a, r, t0);
    /* Under the host clock the host must get its turn now and then (to
     * pass on a ^C, fire timers) even while a task calls without ever
     * blocking, as `yes` does: every 1024 calls it goes back to the host. */
    if (k->cfg.clock == AX_CLOCK_HOST && ++k->switches_since_host >= 1024) {
        sched_make_ready(k, p);
        sched_request_host(k);
        sched_switch(k);
    }
    if (sig_deliverable(p))
        sig_deliver(k);
    return dispatch_result(r);
}
