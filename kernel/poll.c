/* The multi-queue waiter of poll, select and epoll_wait. */
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/timer.h"

#define POLL_CHUNK 32

struct PollChunk {
    PollChunk *next;
    WaitEntry e[POLL_CHUNK];
};

/* A queue the poller registered on was woken: the task runs once, however
 * many of its queues are woken before it does. The entry stays. */
static void poll_wake(Kernel *k, WaitEntry *e) {
    Proc *p = e->proc;
    if (p->state == PROC_BLOCKED && !p->wait.queue)
        sched_make_ready(k, p);
}

/* The entry for the n-th registration: inline first, then chunk by chunk
 * (kept from earlier registrations of the same call). */
static WaitEntry *poll_entry(Kernel *k, PollWaiter *w, size_t n) {
    if (n < POLL_INLINE)
        return &w->first[n];
    n -= POLL_INLINE;
    PollChunk **cp = &w->chunks;
    for (;;) {
        if (!*cp && !(*cp = kmem_alloc(k, sizeof **cp)))
            return NULL;
        if (n < POLL_CHUNK)
            return &(*cp)->e[n];
        n -= POLL_CHUNK;
        cp = &(*cp)->next;
    }
}

static void poll_queue(Kernel *k, PollTable *pt, WaitQueue *q) {
    PollWaiter *w = (PollWaiter *)pt;
    WaitEntry *e = poll_entry(k, w, w->n);
    if (!e) {
        w->error = -AX_ENOMEM;
        return;
    }
    w->n++;
    e->proc = w->proc;
    e->wake = poll_wake;
    wq_add(q, e);
}

void pollwaiter_init(Kernel *k, PollWaiter *w) {
    w->pt.queue = poll_queue;
    w->proc = k->cur;
    w->armed = false;
    w->timer_set = false;
    w->error = 0;
    w->n = 0;
    w->chunks = NULL;
    k->cur->polls = w;
}

void pollwaiter_detach(Kernel *k, PollWaiter *w) {
    size_t i = 0;
    for (; i < w->n && i < POLL_INLINE; i++)
        wq_remove(&w->first[i]);
    for (PollChunk *c = w->chunks; i < w->n; c = c->next)
        for (size_t j = 0; j < POLL_CHUNK && i < w->n; j++, i++)
            wq_remove(&c->e[j]);
    while (w->chunks) {
        PollChunk *c = w->chunks;
        w->chunks = c->next;
        kmem_free(k, c);
    }
    w->n = 0;
    w->armed = false;
}

int pollwaiter_block(Kernel *k, PollWaiter *w, uint64_t deadline) {
    Proc *p = k->cur;
    if (deadline != UINT64_MAX && !w->timer_set) {
        if (sched_timeout_arm(k, deadline) < 0)
            return -AX_ENOMEM;
        w->timer_set = true; /* armed once for the whole call */
    }
    if (!sched_block(k))
        return -KERR_INTR;
    return p->timed_out ? 0 : 1;
}

void pollwaiter_done(Kernel *k, PollWaiter *w) {
    pollwaiter_detach(k, w);
    w->proc->polls = NULL;
    if (w->timer_set)
        ktimer_disarm(k, &w->proc->sleep_timer);
}

uint64_t poll_deadline(Kernel *k, uint64_t ns) {
    uint64_t now = clock_now(k);
    return ns > UINT64_MAX - 1 - now ? UINT64_MAX - 1 : now + ns;
}
