/* Tracing: the event ring and its exports.
 *
 * Three things, kept apart by cost:
 *   - counters (Kernel.stats), always on, one increment at each call site;
 *   - the determinism digest (Kernel.digest), always on, one fold at each
 *     call site: the same places that record events, so the digest covers
 *     what tracing records whether tracing is on or not;
 *   - the event ring, written only while Kernel.work has KWORK_TRACE.
 *     Call sites test trace_enabled() first (one load), so disabled
 *     tracing costs a predictable branch.
 *
 * The ring is allocated on first enable (kernel_create stays cheap: a
 * default ring is 16 MiB) and never grows: an event is a fixed-size record
 * whose strings are static names or bytes cut into fixed arrays, so
 * recording never allocates. Slots are 256 bytes on 64-byte boundaries
 * with the fixed fields first, and a syscall event stores only the
 * arguments the call has: one of up to three arguments that copies no
 * string dirties a single cache line. */
#ifndef AXOS_TRACE_TRACE_H
#define AXOS_TRACE_TRACE_H

#include <string.h>

#include "kernel/kernel.h"
#include "kernel/timer.h"
#include "syscall/handlers.h"

typedef enum TraceCategory {
    TRACE_SYSCALL = AX_TRACE_SYSCALL,
    TRACE_SCHED = AX_TRACE_SCHED,
    TRACE_PROC = AX_TRACE_PROC,
    TRACE_SIGNAL = AX_TRACE_SIGNAL,
    TRACE_TIMER = AX_TRACE_TIMER,
    TRACE_MEMORY = AX_TRACE_MEMORY,
    TRACE_IPC = AX_TRACE_IPC,
    TRACE_CUSTOM = AX_TRACE_CUSTOM,
    TRACE_FAULT = AX_TRACE_FAULT,
} TraceCategory;

#define TRACE_PATH_BYTES 64 /* bytes of a string argument kept ('s', 'v') */
#define TRACE_DATA_BYTES 32 /* bytes of a buffer argument kept ('b', 'B'), as strace -s 32 */
#define TRACE_NAME_MAX 63   /* custom event name, without NUL */
#define TRACE_DETAIL_MAX 127
#define TRACE_TEXT_BYTES (TRACE_NAME_MAX + 1 + TRACE_DETAIL_MAX + 1)

/* TraceEvent.flags: capture slot i was cut short */
#define TRACE_EV_CUT0 0x1
#define TRACE_EV_CUT1 0x2

/* One event. */
typedef struct TraceEvent {
    uint64_t ts;       /* kernel ns when recorded (a syscall: at return) */
    uint64_t start;    /* a syscall: kernel ns at entry; else ts */
    int64_t value;     /* a syscall: the handler's return (>= 0 or -AX_E*);
                          "exit": the wait status */
    const char *name;  /* static: the syscall's or the call site's name;
                          NULL for custom events (the name is in u.text) */
    int32_t pid;
    uint16_t no;       /* SyscallNo */
    uint8_t cat;       /* TraceCategory */
    uint8_t flags;     /* TRACE_EV_CUT* */
    union {
        struct {
            uint64_t args[6]; /* the first trace_nargs(no) are set */
            uint8_t len[2]; /* bytes in cap[i], for the call's capture slots */
            char cap[2][TRACE_PATH_BYTES]; /* the first two 's' 'b' 'B' 'v' arguments */
        } sc;
        /* other events: the detail, NUL-terminated; custom: name NUL detail NUL */
        char text[TRACE_TEXT_BYTES];
    } u;
} TraceEvent;

/* A ring slot: an event padded to four cache lines. */
#define TRACE_SLOT_BYTES 256
typedef union TraceSlot {
    TraceEvent e;
    unsigned char bytes[TRACE_SLOT_BYTES];
} TraceSlot;
_Static_assert(sizeof(TraceSlot) == TRACE_SLOT_BYTES, "a trace event outgrew its slot");

/* TraceState.callflags[no]: bits 0-5 mark integer arguments (folded into
 * the digest); TRACE_MOVES_BYTES marks a call whose successful result is a
 * byte count, added to its counters' bytes (read, write, mem_read,
 * mem_write: the summary's bytes_read and bytes_written are read's and
 * write's); TRACE_RET_PTR one whose result is an address. */
#define TRACE_MOVES_BYTES 0x40
#define TRACE_RET_PTR 0x80

/* Integer arguments folded into the digest: the first four (no call in
 * syscalls.def has an integer argument after its fourth). */
#define TRACE_DIGEST_ARGS 4

/* Which arguments a syscall event copies: format 's' 'b' 'B' or 'v' of
 * argument `arg`, in capture slot order; kind 0 ends the list. Worked out
 * once from syscalls.def so recording does not parse format strings. */
typedef struct TraceCapture {
    char kind;
    uint8_t arg;
} TraceCapture;

/* What the trace and the digest need to know of each call, worked out
 * from syscalls.def at compile time (trace.c): kernels used to work it
 * out at every boot, a sixth of a small sweep seed's cost. The digest's
 * part is copied into each kernel's TraceState (a memcpy at boot), so the
 * per-call fold indexes it off k->trace as it always did. */
extern const uint8_t trace_call_flags[AX_SYS_COUNT];
extern const uint64_t trace_call_keep[AX_SYS_COUNT][TRACE_DIGEST_ARGS];
typedef struct TraceCallInfo {
    uint8_t nargs;            /* arguments a call has: only those are stored */
    TraceCapture capture[2];
} TraceCallInfo;
extern const TraceCallInfo trace_calls[AX_SYS_COUNT];

typedef struct TraceState {
    TraceSlot *ring;   /* cap slots on a 64-byte boundary inside ring_mem */
    void *ring_mem;    /* the allocation; NULL until tracing is first enabled */
    size_t cap;
    size_t head;       /* next slot to write */
    size_t count;      /* slots in use */
    int filter_pgid;   /* 0: every process */
    uint32_t owner_uid; /* the real uid that turned recording on, the only
                           one besides root that may turn it off;
                           AX_ID_NONE: root or the host did */
    struct LineageEnt *lineage; /* lineage.c: spawns seen while tracing */
    size_t lineage_cap, lineage_used;
    uint8_t callflags[AX_SYS_COUNT];                   /* trace_call_flags */
    uint64_t argkeep[AX_SYS_COUNT][TRACE_DIGEST_ARGS]; /* trace_call_keep */
} TraceState;

int trace_init(Kernel *k);
void trace_fini(Kernel *k);

/* Is event recording on? (one load; the hot path checks this first) */
static inline bool trace_enabled(const Kernel *k) { return k->work & KWORK_TRACE; }

/* Turn recording on (allocating the ring on first use: 0 or -AX_ENOMEM)
 * or off (always 0). */
int trace_set_enabled(Kernel *k, bool on);
/* Zero the counters and empty the ring; the digest stays. */
void trace_reset(Kernel *k);

/* Kernel clock for event timestamps. Under AX_CLOCK_HOST this reads the
 * host clock, which the kernel otherwise reads only now and then. */
static inline uint64_t trace_now(Kernel *k) {
    return k->cfg.clock == AX_CLOCK_HOST ? clock_now(k) : k->now;
}

static inline uint64_t trace_rotl(uint64_t x, unsigned n) {
    return (x << n) | (x >> (64 - n));
}

/* The word a finished syscall folds into the digest: its number, its
 * integer arguments (those callflags m marks) and its result r (a pointer
 * result comes in as 0, its success). */
static inline uint64_t trace_syscall_word(const TraceState *ts, unsigned m, SyscallNo no,
                                          const SyscallArgs *a, uint64_t r) {
    uint64_t w = ((uint64_t)no << 48) ^ r;
    if (!(m & ((1u << TRACE_DIGEST_ARGS) - 1)))
        return w; /* getpid, yield...: nothing more to fold */
    /* Branch-free: each argument is kept or masked out, rotated to its
     * own quarter of the word, and one multiply mixes them all. */
    const uint64_t *keep = ts->argkeep[no];
    uint64_t args = (a->a[0] & keep[0]) ^ trace_rotl(a->a[1] & keep[1], 16) ^
                    trace_rotl(a->a[2] & keep[2], 32) ^ trace_rotl(a->a[3] & keep[3], 48);
    return w ^ args * 0x9e3779b97f4a7c15ULL;
}

/* What every finished syscall leaves, tracing on or off: its counters
 * (time_ns apart: sched_block adds it while the call waits) and its fold
 * into the digest. */
static inline void trace_syscall_done(Kernel *k, SyscallNo no, const SyscallArgs *a, int64_t r) {
    const TraceState *ts = k->trace;
    unsigned m = ts->callflags[no];
    SyscallCounters *c = &k->stats.syscalls[no];
    uint64_t res = (uint64_t)r;
    c->calls++;
    if (ksys_is_error(r))
        c->errors++;
    else if (__builtin_expect(m & (TRACE_MOVES_BYTES | TRACE_RET_PTR), 0)) {
        if (m & TRACE_MOVES_BYTES)
            c->bytes += res;
        else
            res = 0; /* an address differs from run to run */
    }
    kernel_digest_mix(k, trace_syscall_word(ts, m, no, a, res));
}

/* Record a syscall event: arguments, result, start time (call only when
 * trace_enabled). String and buffer arguments are copied now. */
void trace_syscall(Kernel *k, Proc *p, SyscallNo no, const SyscallArgs *a, int64_t ret,
                   uint64_t t0);
/* Record any other event; detail (may be NULL) is copied, cut to fit. */
void trace_emit(Kernel *k, TraceCategory cat, const char *name, int pid, const char *detail);
/* As trace_emit, with a number kept in the event's value ("exit": the
 * wait status). */
void trace_emit_value(Kernel *k, TraceCategory cat, const char *name, int pid,
                      const char *detail, int64_t value);
/* Record a custom event for the current process (sys_trace_event). */
void trace_custom(Kernel *k, Proc *p, const char *name, const char *detail);

/* ---- reading the ring (trace.c) ---- */

/* Sequence number of the oldest event in the ring. */
uint64_t trace_first_seq(Kernel *k);
/* The event with sequence number seq, or NULL if it is not in the ring. */
const TraceEvent *trace_event_at(Kernel *k, uint64_t seq);
/* Copy events as sys_trace_read describes, those `reader` may see (NULL:
 * the host, every event). */
size_t trace_read(Kernel *k, TraceEventInfo *out, size_t count, uint64_t from,
                  const Proc *reader);

/* ---- who reads what (lineage.c) ---- */

/* Note that p was spawned by its parent, and who may trace it (while
 * tracing is on). */
void trace_note_spawn(Kernel *k, const Proc *p);
/* p exits: note who may trace it as it ends, if it was noted (its events
 * may outlive it in the ring). */
void trace_note_exit(Kernel *k, const Proc *p);
/* Note every live process's parent (as tracing starts: they may exit
 * while their events are in the ring). */
void trace_note_live(Kernel *k);
/* Answers of trace_visible for one reader, remembered while one read
 * walks the ring: an ancestry walk may be long (a fork bomb's chain) and
 * the ring holds many events of each process. Direct-mapped by pid;
 * zeroed before use. */
#define TRACE_MEMO 64
typedef struct TraceMemo {
    int pid[TRACE_MEMO];
    bool ok[TRACE_MEMO];
} TraceMemo;
/* May process `reader` (NULL: the host) read pid's events: is pid the
 * reader, or one of its descendants that it may trace (cred_may_trace)? */
bool trace_visible(Kernel *k, const Proc *reader, int pid, TraceMemo *m);
void trace_lineage_fini(Kernel *k);

/* ---- formatting (format.c) ---- */

/* Small bounded string builder: appends are cut at cap - 1, always NUL-
 * terminated. */
typedef struct TraceBuf {
    char *s;
    size_t cap, len;
} TraceBuf;
void tbuf_put(TraceBuf *b, const char *s, size_t n);
void tbuf_puts(TraceBuf *b, const char *s);
void tbuf_printf(TraceBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The event as one strace-style line (see TraceEventInfo.text). */
void trace_format(const TraceEvent *e, TraceBuf *b);
/* The event's detail string ("" for syscalls) and custom name. */
const char *trace_event_name(const TraceEvent *e);
const char *trace_event_detail(const TraceEvent *e);
/* "syscall", "sched", ... ("?" out of range) */
const char *trace_category_name(int cat);
/* Syscall argument formats, from syscalls.def ("" for unknown numbers),
 * and how many arguments that is. */
const char *trace_argfmt(SyscallNo no);
static inline size_t trace_nargs(SyscallNo no) { return strnlen(trace_argfmt(no), 6); }

#endif
