/* The kernel clock and its timer heap.
 *
 * Under AX_CLOCK_VIRTUAL the clock moves only when every task is blocked:
 * it jumps to the next timer's deadline. Under AX_CLOCK_HOST it follows the
 * host's monotonic clock. Timers due at the same instant fire in the order
 * they were armed (the seq tie-break), so a run repeats. */
#ifndef AXOS_KERNEL_TIMER_H
#define AXOS_KERNEL_TIMER_H

#include "kernel/kernel.h"

/* Current kernel time in ns (reads the host clock under AX_CLOCK_HOST). */
uint64_t clock_now(Kernel *k);

/* Host monotonic clock in ns (for the host clock and idle waits). */
uint64_t clock_host_ns(void);

/* The kernel time ns after now, held below UINT64_MAX (which stands for
 * "no deadline"): a deadline so far away is the end of time, not never. */
static inline uint64_t clock_after(uint64_t now, uint64_t ns) {
    return ns >= UINT64_MAX - now ? UINT64_MAX - 1 : now + ns;
}

static inline void ktimer_init(KTimer *t, void (*fire)(Kernel *, KTimer *)) {
    t->deadline = 0;
    t->seq = 0;
    t->heap_index = KTIMER_UNARMED;
    t->fire = fire;
    t->inert = NULL;
}
static inline bool ktimer_armed(const KTimer *t) { return t->heap_index != KTIMER_UNARMED; }

/* Arm (or re-arm) t for the absolute kernel time deadline.
 * Returns 0 or -AX_ENOMEM (heap growth refused; t is left unarmed). */
int ktimer_arm(Kernel *k, KTimer *t, uint64_t deadline);
/* Disarm t; a no-op when not armed. */
void ktimer_disarm(Kernel *k, KTimer *t);

/* Earliest deadline of a timer whose expiry matters (inert ones are
 * passed over), or UINT64_MAX with none: how far the idle clock may jump,
 * how long the host may wait. */
uint64_t ktimer_next_deadline(Kernel *k);
/* Fire every timer due at or before now, in (deadline, seq) order.
 * Returns how many fired. */
size_t ktimer_fire_due(Kernel *k);

#endif
