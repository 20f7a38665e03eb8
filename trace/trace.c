/* The event ring: recording, drop-oldest, reset and reading back. */
#include <string.h>

#include "trace/trace.h"

#define TRACE_LINE 64 /* cache line: slots start on one */

static const char *const trace_sysnames[AX_SYS_COUNT] = {
#define AX_SYSCALL(num, name, fmt) [num] = #name,
#include "axos/syscalls.def"
#undef AX_SYSCALL
};

/* ---- trace_calls: each call's facts, from its argument format ----
 * TC_CH(f, i) is format f's i-th character, 0 past its end (the padding
 * keeps every index up to 6 inside the literal). */
#define TC_CH(f, i) ((f "\0\0\0\0\0\0")[i])
/* integer formats: their values are folded into the digest */
#define TC_INT(c)                                                                                  \
    ((c) == 'd' || (c) == 'u' || (c) == 'x' || (c) == 'o' || (c) == 'l' || (c) == 'n' ||          \
     (c) == 'f' || (c) == 'S')
/* formats whose bytes an event copies */
#define TC_CAP(c) ((c) == 's' || (c) == 'b' || (c) == 'B' || (c) == 'v')
#define TC_INTBIT(f, i) (TC_INT(TC_CH(f, i)) ? 1u << (i) : 0u)
#define TC_INTBITS(f)                                                                              \
    (TC_INTBIT(f, 0) | TC_INTBIT(f, 1) | TC_INTBIT(f, 2) | TC_INTBIT(f, 3) | TC_INTBIT(f, 4) |    \
     TC_INTBIT(f, 5))
#define TC_KEEP(f, i) (TC_INT(TC_CH(f, i)) ? ~(uint64_t)0 : 0)
/* the first captured argument after argument `after` (6: none) */
#define TC_CAPAT(f, i, after) ((i) > (after) && TC_CAP(TC_CH(f, i)))
#define TC_NEXT(f, after)                                                                          \
    (TC_CAPAT(f, 0, after)   ? 0                                                                   \
     : TC_CAPAT(f, 1, after) ? 1                                                                   \
     : TC_CAPAT(f, 2, after) ? 2                                                                   \
     : TC_CAPAT(f, 3, after) ? 3                                                                   \
     : TC_CAPAT(f, 4, after) ? 4                                                                   \
     : TC_CAPAT(f, 5, after) ? 5                                                                   \
                             : 6)
#define TC_SLOT(f, arg) {TC_CH(f, arg), (uint8_t)(arg)} /* kind 0 (arg 6) ends the list */
/* results that are byte counts, and results that are addresses (they
 * differ from run to run) */
#define TC_EXTRA(no)                                                                               \
    ((no) == AX_SYS_read || (no) == AX_SYS_write || (no) == AX_SYS_mem_read ||                     \
             (no) == AX_SYS_mem_write || (no) == AX_SYS_sendto || (no) == AX_SYS_recvfrom ||       \
             (no) == AX_SYS_sendmsg || (no) == AX_SYS_recvmsg                                      \
         ? TRACE_MOVES_BYTES                                                                       \
     : (no) == AX_SYS_heap_alloc || (no) == AX_SYS_heap_realloc || (no) == AX_SYS_signal          \
         ? TRACE_RET_PTR                                                                           \
         : 0)

const uint8_t trace_call_flags[AX_SYS_COUNT] = {
#define AX_SYSCALL(num, name, fmt) [num] = (uint8_t)(TC_INTBITS(fmt) | TC_EXTRA(AX_SYS_##name)),
#include "axos/syscalls.def"
#undef AX_SYSCALL
};

const uint64_t trace_call_keep[AX_SYS_COUNT][TRACE_DIGEST_ARGS] = {
#define AX_SYSCALL(num, name, fmt) [num] = {TC_KEEP(fmt, 0), TC_KEEP(fmt, 1), TC_KEEP(fmt, 2), TC_KEEP(fmt, 3)},
#include "axos/syscalls.def"
#undef AX_SYSCALL
};

const TraceCallInfo trace_calls[AX_SYS_COUNT] = {
#define AX_SYSCALL(num, name, fmt)                                                                 \
    [num] = {.nargs = sizeof(fmt) - 1 < 6 ? sizeof(fmt) - 1 : 6,                                   \
             .capture = {TC_SLOT(fmt, TC_NEXT(fmt, -1)), TC_SLOT(fmt, TC_NEXT(fmt, TC_NEXT(fmt, -1)))}},
#include "axos/syscalls.def"
#undef AX_SYSCALL
};

int trace_init(Kernel *k) {
    TraceState *ts = kmem_alloc(k, sizeof *ts);
    if (!ts)
        return -AX_ENOMEM;
    memcpy(ts->callflags, trace_call_flags, sizeof ts->callflags);
    memcpy(ts->argkeep, trace_call_keep, sizeof ts->argkeep);
    ts->owner_uid = AX_ID_NONE;
    k->trace = ts;
    return 0;
}

void trace_fini(Kernel *k) {
    if (!k->trace)
        return;
    kmem_free(k, k->trace->ring_mem);
    trace_lineage_fini(k);
    kmem_free(k, k->trace);
    k->trace = NULL;
    kernel_work_clear(k, KWORK_TRACE);
}

/* A call's start is kept only while tracing (the dispatcher stamps it on
 * entry then), so when tracing starts, the calls already under way (every
 * task but a fresh one is inside one) are stamped with the current time:
 * their events span what tracing saw of them. */
static void trace_stamp_calls(Kernel *k) {
    uint64_t now = trace_now(k);
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
            p->sys_start = now;
}

int trace_set_enabled(Kernel *k, bool on) {
    TraceState *ts = k->trace;
    if (on && !ts->ring) {
        size_t cap = k->cfg.trace_ring;
        if (cap > (SIZE_MAX - TRACE_LINE) / sizeof(TraceSlot))
            return -AX_ENOMEM;
        ts->ring_mem = kmem_alloc(k, cap * sizeof(TraceSlot) + TRACE_LINE);
        if (!ts->ring_mem)
            return -AX_ENOMEM;
        uintptr_t at = ((uintptr_t)ts->ring_mem + TRACE_LINE - 1) & ~(uintptr_t)(TRACE_LINE - 1);
        ts->ring = (TraceSlot *)at;
        ts->cap = cap;
    }
    if (on && !trace_enabled(k)) {
        trace_stamp_calls(k);
        trace_note_live(k);
    }
    if (on)
        kernel_work_set(k, KWORK_TRACE);
    else
        kernel_work_clear(k, KWORK_TRACE);
    return 0;
}

void trace_reset(Kernel *k) {
    memset(&k->stats, 0, sizeof k->stats);
    k->trace->head = 0;
    k->trace->count = 0;
}

/* Does the filter let pid's events through? */
static bool trace_passes(Kernel *k, int pid) {
    int pgid = k->trace->filter_pgid;
    if (pgid == 0)
        return true;
    Proc *p = proc_find(k, pid);
    return p && p->pgid == pgid;
}

/* The next slot, dropping the oldest event when the ring is full. */
static TraceEvent *trace_slot(Kernel *k) {
    TraceState *ts = k->trace;
    TraceEvent *e = &ts->ring[ts->head].e;
    if (++ts->head == ts->cap)
        ts->head = 0;
    if (ts->count == ts->cap)
        k->stats.events_dropped++;
    else
        ts->count++;
    k->stats.events_recorded++;
    return e;
}

/* Keep up to max bytes of src (n bytes long); flag the slot if cut. */
static void trace_capture(TraceEvent *e, int slot, const void *src, size_t n, size_t max) {
    if (n > max) {
        n = max;
        e->flags |= (uint8_t)(TRACE_EV_CUT0 << slot);
    }
    memcpy(e->u.sc.cap[slot], src, n);
    e->u.sc.len[slot] = (uint8_t)n;
}

/* argv as its strings one after the other, each with its NUL. */
static void trace_capture_argv(TraceEvent *e, int slot, char *const *argv) {
    char *dst = e->u.sc.cap[slot];
    size_t used = 0;
    for (; *argv; argv++) {
        size_t n = strnlen(*argv, TRACE_PATH_BYTES);
        if (used + n + 1 > TRACE_PATH_BYTES) {
            e->flags |= (uint8_t)(TRACE_EV_CUT0 << slot);
            break;
        }
        memcpy(dst + used, *argv, n);
        dst[used + n] = '\0';
        used += n + 1;
    }
    e->u.sc.len[slot] = (uint8_t)used;
}

void trace_syscall(Kernel *k, Proc *p, SyscallNo no, const SyscallArgs *a, int64_t ret,
                   uint64_t t0) {
    if (k->trace->filter_pgid && p->pgid != k->trace->filter_pgid)
        return;
    if (no == AX_SYS_trace_event && ret == 0)
        return; /* the custom event stands for the call */
    TraceEvent *e = trace_slot(k);
    e->ts = trace_now(k);
    e->start = t0;
    e->value = ret;
    e->name = trace_sysnames[no];
    e->pid = p->pid;
    e->no = (uint16_t)no;
    e->cat = TRACE_SYSCALL;
    e->flags = 0;
    /* Only what the call has: a call of up to three arguments that copies
     * no string then writes one cache line. */
    for (int i = 0, n = trace_calls[no].nargs; i < n; i++)
        e->u.sc.args[i] = a->a[i];

    const TraceCapture *plan = trace_calls[no].capture;
    for (int slot = 0; slot < 2 && plan[slot].kind; slot++) {
        int i = plan[slot].arg;
        const void *ptr = (const void *)(uintptr_t)a->a[i];
        e->u.sc.len[slot] = 0;
        switch (plan[slot].kind) {
        case 's':
            if (ptr)
                trace_capture(e, slot, ptr, strnlen(ptr, TRACE_PATH_BYTES + 1), TRACE_PATH_BYTES);
            break;
        case 'b':
            if (ptr)
                trace_capture(e, slot, ptr, (size_t)a->a[i + 1], TRACE_DATA_BYTES);
            break;
        case 'B':
            if (ptr && !ksys_is_error(ret) && ret > 0)
                trace_capture(e, slot, ptr, (size_t)ret, TRACE_DATA_BYTES);
            break;
        case 'v':
            if (ptr)
                trace_capture_argv(e, slot, ptr);
            break;
        }
    }
}

/* Copy s into dst (room bytes with its NUL), cut to fit. */
static size_t trace_copy_str(char *dst, const char *s, size_t room) {
    size_t n = s ? strnlen(s, room - 1) : 0;
    memcpy(dst, s ? s : "", n);
    dst[n] = '\0';
    return n;
}

static TraceEvent *trace_begin(Kernel *k, TraceCategory cat, const char *name, int pid,
                               int64_t value) {
    TraceEvent *e = trace_slot(k);
    e->ts = trace_now(k);
    e->start = e->ts;
    e->value = value;
    e->name = name;
    e->pid = pid;
    e->no = 0;
    e->cat = (uint8_t)cat;
    e->flags = 0;
    return e;
}

void trace_emit_value(Kernel *k, TraceCategory cat, const char *name, int pid,
                      const char *detail, int64_t value) {
    if (!trace_passes(k, pid))
        return;
    TraceEvent *e = trace_begin(k, cat, name, pid, value);
    trace_copy_str(e->u.text, detail, sizeof e->u.text);
}

void trace_emit(Kernel *k, TraceCategory cat, const char *name, int pid, const char *detail) {
    trace_emit_value(k, cat, name, pid, detail, 0);
}

void trace_custom(Kernel *k, Proc *p, const char *name, const char *detail) {
    if (!trace_passes(k, p->pid))
        return;
    TraceEvent *e = trace_begin(k, TRACE_CUSTOM, NULL, p->pid, 0);
    size_t n = trace_copy_str(e->u.text, name, TRACE_NAME_MAX + 1);
    trace_copy_str(e->u.text + n + 1, detail, TRACE_DETAIL_MAX + 1);
}

/* ---- reading back ---- */

uint64_t trace_first_seq(Kernel *k) {
    return k->stats.events_recorded - k->trace->count;
}

const TraceEvent *trace_event_at(Kernel *k, uint64_t seq) {
    TraceState *ts = k->trace;
    uint64_t first = trace_first_seq(k);
    if (seq < first || seq >= k->stats.events_recorded)
        return NULL;
    /* the oldest event sits at head once the ring has wrapped, else at 0 */
    size_t oldest = ts->count == ts->cap ? ts->head : 0;
    size_t i = oldest + (size_t)(seq - first);
    if (i >= ts->cap)
        i -= ts->cap;
    return &ts->ring[i].e;
}

static void trace_info(const TraceEvent *e, uint64_t seq, TraceEventInfo *out) {
    memset(out, 0, sizeof *out);
    out->seq = seq;
    out->ts_ns = e->ts;
    out->start_ns = e->start;
    out->dur_ns = e->ts - e->start;
    out->pid = out->tid = e->pid;
    out->category = e->cat;
    out->sysno = -1;
    out->error = AX_OK;
    out->value = e->value;
    if (e->cat == TRACE_SYSCALL) {
        out->sysno = e->no;
        memcpy(out->args, e->u.sc.args, trace_nargs((SyscallNo)e->no) * sizeof out->args[0]);
        if (ksys_is_error(e->value)) {
            out->error = (SyscallError)-e->value;
            out->value = -1;
        }
    }
    trace_copy_str(out->name, trace_event_name(e), sizeof out->name);
    trace_copy_str(out->detail, trace_event_detail(e), sizeof out->detail);
    trace_format(e, &(TraceBuf){out->text, sizeof out->text, 0});
}

static bool trace_readable(Kernel *k, const Proc *reader, uint64_t seq, TraceMemo *m) {
    return !reader || trace_visible(k, reader, trace_event_at(k, seq)->pid, m);
}

size_t trace_read(Kernel *k, TraceEventInfo *out, size_t count, uint64_t from,
                  const Proc *reader) {
    if (!k->trace->ring || count == 0)
        return 0;
    TraceMemo memo;
    memset(&memo, 0, sizeof memo);
    uint64_t first = trace_first_seq(k), end = k->stats.events_recorded;
    if (from == AX_TRACE_LAST) { /* back from the end, over `count` readable ones */
        size_t seen = 0;
        for (from = end; from > first && seen < count;)
            if (trace_readable(k, reader, --from, &memo))
                seen++;
    } else if (from < first) {
        from = first;
    }
    size_t n = 0;
    for (uint64_t seq = from; seq < end && n < count; seq++)
        if (trace_readable(k, reader, seq, &memo))
            trace_info(trace_event_at(k, seq), seq, &out[n++]);
    return n;
}
