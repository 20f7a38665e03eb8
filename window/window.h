/* Windows: objects behind sys_window_create, over a backend. */
#ifndef AXOS_WINDOW_WINDOW_H
#define AXOS_WINDOW_WINDOW_H

#include "kernel/kernel.h"

int window_init(Kernel *k);
void window_fini(Kernel *k);
/* Pump host events (idle loop); returns how many arrived. */
int window_pump(Kernel *k);

#endif
