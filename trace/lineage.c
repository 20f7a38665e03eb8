/* Who may read which events: a process reads those of itself and of its
 * descendants that it may trace, as ptrace lets one trace only what one
 * may (the host reads everything).
 *
 * Descent is by spawn: every process was spawned by a process with a
 * smaller pid, so walking up from an event's pid reaches the reader or
 * passes below it. A live process's parent is in its Proc (init's, once
 * orphaned); the events of processes that have exited stay in the ring,
 * so the processes alive when tracing starts and those spawned while it is
 * on are also noted here, pid to spawner, in an open-addressing table
 * that lives as long as the kernel's trace state.
 *
 * Permission is Linux's ptrace rule (kernel/cred.h, cred_may_trace): root
 * reads every descendant's events; others only those of processes whose
 * ids are all the reader's real ones and that no set-ID exec or id change
 * made privileged. The table keeps each noted process's answer
 * (cred_trace_owner) as of its spawn and, once it exits, as of its end:
 * a process made privileged stays so for its life (Cred.nodump), so the
 * last answer covers every event it left. */
#include "kernel/cred.h"
#include "kernel/proc.h"
#include "trace/trace.h"

typedef struct LineageEnt {
    int pid;   /* 0: empty */
    int ppid;
    uint32_t uid, gid; /* whom besides root it is open to, when open */
    bool open;
} LineageEnt;

static size_t lineage_slot(size_t cap, int pid) {
    return (size_t)(((uint32_t)pid * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
}

static int lineage_grow(Kernel *k, TraceState *ts) {
    size_t cap = ts->lineage_cap ? ts->lineage_cap * 2 : 256;
    LineageEnt *t = kmem_alloc(k, cap * sizeof *t);
    if (!t)
        return -AX_ENOMEM;
    LineageEnt *old = ts->lineage;
    for (size_t i = 0; i < ts->lineage_cap; i++)
        if (old[i].pid) {
            size_t j = lineage_slot(cap, old[i].pid);
            while (t[j].pid)
                j = (j + 1) & (cap - 1);
            t[j] = old[i];
        }
    kmem_free(k, old);
    ts->lineage = t;
    ts->lineage_cap = cap;
    return 0;
}

/* The entry of pid, or NULL when it was never noted. */
static LineageEnt *lineage_find(const TraceState *ts, int pid) {
    if (!ts->lineage_cap)
        return NULL;
    LineageEnt *t = ts->lineage;
    for (size_t i = lineage_slot(ts->lineage_cap, pid); t[i].pid; i = (i + 1) & (ts->lineage_cap - 1))
        if (t[i].pid == pid)
            return &t[i];
    return NULL;
}

static void lineage_owner(LineageEnt *e, const Proc *p) {
    e->open = cred_trace_owner(&p->cred, &e->uid, &e->gid);
}

void trace_note_spawn(Kernel *k, const Proc *p) {
    TraceState *ts = k->trace;
    if ((ts->lineage_used + 1) * 4 > ts->lineage_cap * 3 && lineage_grow(k, ts) < 0)
        return; /* unknown then: only the live Proc tells (and root reads it) */
    LineageEnt *t = ts->lineage;
    size_t i = lineage_slot(ts->lineage_cap, p->pid);
    while (t[i].pid && t[i].pid != p->pid)
        i = (i + 1) & (ts->lineage_cap - 1);
    if (!t[i].pid)
        ts->lineage_used++;
    t[i] = (LineageEnt){.pid = p->pid, .ppid = p->parent ? p->parent->pid : 0};
    lineage_owner(&t[i], p);
}

void trace_note_exit(Kernel *k, const Proc *p) {
    LineageEnt *e = lineage_find(k->trace, p->pid);
    if (e)
        lineage_owner(e, p);
}

void trace_note_live(Kernel *k) {
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
            if (p->parent)
                trace_note_spawn(k, p);
}

/* pid's spawner, or 0 when unknown. */
static int lineage_parent(Kernel *k, int pid) {
    const LineageEnt *e = lineage_find(k->trace, pid);
    if (e)
        return e->ppid;
    Proc *p = proc_find(k, pid);
    return p && p->parent ? p->parent->pid : 0;
}

/* May reader trace pid (cred_may_trace): a process as it is now (its
 * Cred.nodump keeps its past), one already freed as it ended. */
static bool lineage_may_trace(Kernel *k, const Proc *reader, int pid) {
    if (pid == reader->pid || cred_capable(&reader->cred))
        return true;
    uint32_t uid, gid;
    bool open;
    const Proc *p = proc_find(k, pid);
    const LineageEnt *e;
    if (p) {
        open = cred_trace_owner(&p->cred, &uid, &gid);
    } else if ((e = lineage_find(k->trace, pid))) {
        open = e->open;
        uid = e->uid;
        gid = e->gid;
    } else {
        return false; /* never noted: nothing tells who it was */
    }
    return cred_may_trace(&reader->cred, open, uid, gid) == 0;
}

bool trace_visible(Kernel *k, const Proc *reader_proc, int pid, TraceMemo *m) {
    if (!reader_proc)
        return true; /* the host */
    int reader = reader_proc->pid;
    int at = pid;
    bool ok = false;
    for (;;) {
        unsigned slot = (unsigned)at % TRACE_MEMO;
        if (at > 0 && m->pid[slot] == at) { /* answered already on this way up */
            ok = m->ok[slot];
            break;
        }
        if (at <= reader) {
            ok = at == reader;
            break;
        }
        int up = lineage_parent(k, at);
        if (up <= 0 || up >= at)
            break;
        at = up;
    }
    if (pid > 0) {
        unsigned slot = (unsigned)pid % TRACE_MEMO;
        m->pid[slot] = pid;
        m->ok[slot] = ok;
    }
    return ok && lineage_may_trace(k, reader_proc, pid);
}

void trace_lineage_fini(Kernel *k) {
    kmem_free(k, k->trace->lineage);
    k->trace->lineage = NULL;
    k->trace->lineage_cap = k->trace->lineage_used = 0;
}
