/* The console: one object behind /dev/console, with an input queue fed by
 * the host and output that goes to the host (a ConsoleSink, or a buffer
 * that kernel_console_take_output drains). */
#ifndef AXOS_CONSOLE_CONSOLE_H
#define AXOS_CONSOLE_CONSOLE_H

#include "kernel/kernel.h"

int console_init(Kernel *k);
void console_fini(Kernel *k);

/* A new open file on the console (for /dev/console and kernel_spawn's
 * fds); stream 2 marks output that goes to the host's stderr. Returns 0 and
 * *out (refcount 1) or -AX_ENOMEM. */
int console_open(Kernel *k, int flags, int stream, KObject **out);

size_t console_push_input(Kernel *k, const void *buf, size_t n);
size_t console_take_output(Kernel *k, void *buf, size_t n);

/* How many tasks are parked waiting for console input. */
int console_input_waiters(Kernel *k);

/* The console's foreground process group (0: none). */
int console_fg_pgrp(Kernel *k);
void console_set_fg_pgrp(Kernel *k, int pgid);

#endif
