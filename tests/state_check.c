#include "state_check.h"

#include <stddef.h>
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
    /* the resources a call holds; stacks are a cache the kernel keeps
     * between spawns (KernelStats.stacks), not the caller's state */
    static const struct {
        const char *name;
        size_t off;
    } fields[] = {
#define STATE_FIELD(f) {#f, offsetof(KernelStats, f)}
        STATE_FIELD(procs),   STATE_FIELD(tasks),        STATE_FIELD(objects),
        STATE_FIELD(fds),     STATE_FIELD(nodes),        STATE_FIELD(regions),
        STATE_FIELD(shm_segments), STATE_FIELD(heap_blocks), STATE_FIELD(timers),
#undef STATE_FIELD
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        uint64_t x, y;
        memcpy(&x, (const char *)&a->ks + fields[i].off, sizeof x);
        memcpy(&y, (const char *)&b->ks + fields[i].off, sizeof y);
        if (x != y) {
            snprintf(buf, n, "KernelStats.%s (%llu -> %llu)", fields[i].name,
                     (unsigned long long)x, (unsigned long long)y);
            return buf;
        }
    }
    return NULL;
}
