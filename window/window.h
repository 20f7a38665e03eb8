/* Windows: objects behind sys_window_create, over a backend (backend.h).
 * The kernel's lifetime and run loop reach this room through three calls. */
#ifndef AXOS_WINDOW_WINDOW_H
#define AXOS_WINDOW_WINDOW_H

#include "kernel/kernel.h"

/* Set up k->win; the backend is chosen at the first window.
 * Returns 0 or -AX_ENOMEM. */
int window_init(Kernel *k);
/* Free every window left and stop the backend (after proc_fini). */
void window_fini(Kernel *k);
/* Pump host events into the windows' queues (host thread, run loop).
 * Returns how many arrived; also 1 after waiting for host input (host
 * clock, no task ready, a window whose owner can act), so the run loop
 * keeps going instead of calling the kernel stuck. */
int window_pump(Kernel *k);

#endif
