/* The kernel clock and a binary min-heap of timers keyed (deadline, seq). */
#include <time.h>

#include "kernel/timer.h"

uint64_t clock_host_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t clock_now(Kernel *k) {
    if (k->cfg.clock == AX_CLOCK_HOST) {
        uint64_t t = clock_host_ns() - k->host_base_ns;
        if (t > k->now)
            k->now = t;
    }
    return k->now;
}

static bool timer_before(const KTimer *a, const KTimer *b) {
    return a->deadline < b->deadline || (a->deadline == b->deadline && a->seq < b->seq);
}

static void heap_place(Kernel *k, KTimer *t, size_t i) {
    k->timers[i] = t;
    t->heap_index = i;
}

static void sift_up(Kernel *k, size_t i) {
    KTimer *t = k->timers[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!timer_before(t, k->timers[parent]))
            break;
        heap_place(k, k->timers[parent], i);
        i = parent;
    }
    heap_place(k, t, i);
}

static void sift_down(Kernel *k, size_t i) {
    KTimer *t = k->timers[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= k->ntimers)
            break;
        if (c + 1 < k->ntimers && timer_before(k->timers[c + 1], k->timers[c]))
            c++;
        if (!timer_before(k->timers[c], t))
            break;
        heap_place(k, k->timers[c], i);
        i = c;
    }
    heap_place(k, t, i);
}

int ktimer_arm(Kernel *k, KTimer *t, uint64_t deadline) {
    ktimer_disarm(k, t);
    if (kmem_grow(k, &k->timers, &k->timers_cap, sizeof *k->timers, k->ntimers + 1, 16) < 0)
        return -AX_ENOMEM;
    t->deadline = deadline;
    t->seq = k->timer_seq++;
    size_t i = k->ntimers++;
    heap_place(k, t, i);
    sift_up(k, i);
    return 0;
}

void ktimer_disarm(Kernel *k, KTimer *t) {
    if (!ktimer_armed(t))
        return;
    size_t i = t->heap_index;
    t->heap_index = KTIMER_UNARMED;
    KTimer *last = k->timers[--k->ntimers];
    if (last == t)
        return;
    heap_place(k, last, i);
    sift_down(k, i);
    sift_up(k, last->heap_index);
}

/* The earliest deadline below heap slot i that is before `best` and not
 * inert. A heap's children are never earlier than their parent, so only
 * inert timers are looked through: the walk is as long as the inert ones
 * at the top. */
static uint64_t next_live_below(Kernel *k, size_t i, uint64_t best) {
    if (i >= k->ntimers)
        return best;
    const KTimer *t = k->timers[i];
    if (t->deadline >= best)
        return best;
    if (!t->inert || !t->inert(k, t))
        return t->deadline;
    best = next_live_below(k, 2 * i + 1, best);
    return next_live_below(k, 2 * i + 2, best);
}

uint64_t ktimer_next_deadline(Kernel *k) {
    if (k->ntimers == 0)
        return UINT64_MAX;
    const KTimer *top = k->timers[0];
    if (!top->inert) /* the usual case: a sleep */
        return top->deadline;
    return next_live_below(k, 0, UINT64_MAX);
}

size_t ktimer_fire_due(Kernel *k) {
    size_t fired = 0;
    uint64_t now = clock_now(k);
    while (k->ntimers && k->timers[0]->deadline <= now) {
        KTimer *t = k->timers[0];
        ktimer_disarm(k, t);
        fired++;
        t->fire(k, t); /* may re-arm itself (interval timers) */
    }
    return fired;
}
