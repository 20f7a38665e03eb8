#include "state_check.h"

#include <stdio.h>
#include <string.h>

static int64_t state_value(SyscallResult r) { return r.error ? -(int64_t)r.error : r.value; }

void state_take(Kernel *k, ProcState *s) {
    memset(s, 0, sizeof *s);
    for (int fd = 0; fd < STATE_FDS; fd++) {
        s->fd_flags[fd] = state_value(sys_fcntl(fd, AX_F_GETFD, 0));
        s->fl_flags[fd] = state_value(sys_fcntl(fd, AX_F_GETFL, 0));
        s->offsets[fd] = state_value(sys_lseek(fd, 0, AX_SEEK_CUR));
    }
    sys_memstats(&s->mem);
    sys_system_memstats(&s->sys);
    kernel_stats(k, &s->ks);
}

const char *state_diff(const ProcState *a, const ProcState *b, char *buf, size_t n) {
    for (int fd = 0; fd < STATE_FDS; fd++)
        if (a->fd_flags[fd] != b->fd_flags[fd] || a->fl_flags[fd] != b->fl_flags[fd] ||
            a->offsets[fd] != b->offsets[fd]) {
            snprintf(buf, n, "fd %d (fd flags %lld -> %lld, status %lld -> %lld, offset %lld -> %lld)",
                     fd, (long long)a->fd_flags[fd], (long long)b->fd_flags[fd],
                     (long long)a->fl_flags[fd], (long long)b->fl_flags[fd],
                     (long long)a->offsets[fd], (long long)b->offsets[fd]);
            return buf;
        }
    if (memcmp(&a->mem, &b->mem, sizeof a->mem) != 0) {
        snprintf(buf, n, "the caller's MemStats (allocated %llu -> %llu, peak %llu -> %llu)",
                 (unsigned long long)a->mem.allocated, (unsigned long long)b->mem.allocated,
                 (unsigned long long)a->mem.peak, (unsigned long long)b->mem.peak);
        return buf;
    }
    if (memcmp(&a->sys, &b->sys, sizeof a->sys) != 0) {
        snprintf(buf, n, "the system's memory figures (allocated %llu -> %llu)",
                 (unsigned long long)a->sys.total_allocated,
                 (unsigned long long)b->sys.total_allocated);
        return buf;
    }
    static const char *const names[] = {"procs", "tasks", "objects", "fds", "nodes",
                                        "regions", "shm_segments", "heap_blocks", "timers"};
    _Static_assert(sizeof(KernelStats) == sizeof names / sizeof *names * sizeof(uint64_t),
                   "every KernelStats field is named here");
    const uint64_t *x = (const uint64_t *)&a->ks, *y = (const uint64_t *)&b->ks;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (x[i] != y[i]) {
            snprintf(buf, n, "KernelStats.%s (%llu -> %llu)", names[i], (unsigned long long)x[i],
                     (unsigned long long)y[i]);
            return buf;
        }
    return NULL;
}
