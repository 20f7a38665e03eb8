/* Assertions programs make (sys_assert, the Antithesis SDK's kinds): one
 * record per name, counting how often it was reached and how often it
 * held. A failure is recorded and the run goes on; the sweep runner reads
 * the records when the run is over. */
#include <string.h>

#include "sim/sim.h"
#include "syscall/handlers.h"
#include "trace/trace.h"

static AssertInfo *assert_find(SimState *s, const char *name) {
    for (size_t i = 0; i < s->nasserts; i++)
        if (strcmp(s->asserts[i].name, name) == 0)
            return &s->asserts[i];
    return NULL;
}

int64_t ksys_assert(Kernel *k, const SyscallArgs *a) {
    int kind = ARG_INT(0);
    bool cond = ARG_INT(1) != 0;
    const char *name = ARG_PTR(const char *, 2);
    if (!name)
        return -AX_EFAULT;
    if (kind < AX_ASSERT_ALWAYS || kind > AX_ASSERT_UNREACHABLE || !name[0])
        return -AX_EINVAL;
    if (strnlen(name, AX_ASSERT_NAME_MAX) == AX_ASSERT_NAME_MAX)
        return -AX_ENAMETOOLONG;
    SimState *s = sim_state(k);
    if (!s)
        return -AX_ENOMEM;
    AssertInfo *ai = assert_find(s, name);
    if (ai && ai->kind != kind)
        return -AX_EINVAL;
    if (!ai) {
        if (s->nasserts == AX_ASSERT_MAX)
            return -AX_ENOSPC;
        if (kmem_grow(k, &s->asserts, &s->asserts_cap, sizeof *s->asserts, s->nasserts + 1, 8) < 0)
            return -AX_ENOMEM;
        ai = &s->asserts[s->nasserts++];
        memset(ai, 0, sizeof *ai);
        strcpy(ai->name, name);
        ai->kind = kind;
    }
    bool held = kind == AX_ASSERT_REACHABLE || (kind != AX_ASSERT_UNREACHABLE && cond);
    ai->hits++;
    ai->passes += held;
    if (!held && (kind == AX_ASSERT_ALWAYS || kind == AX_ASSERT_UNREACHABLE)) {
        s->assert_failures++;
        if (trace_enabled(k))
            trace_custom(k, k->cur, "assertion failed", name);
    }
    return held;
}

size_t kernel_assertions(Kernel *k, AssertInfo *out, size_t cap) {
    SimState *s = k ? k->sim : NULL;
    if (!s)
        return 0;
    size_t n = s->nasserts < cap ? s->nasserts : cap;
    if (out && n)
        memcpy(out, s->asserts, n * sizeof *out);
    return s->nasserts;
}

uint64_t kernel_assert_failures(Kernel *k) {
    return k && k->sim ? k->sim->assert_failures : 0;
}
