/* console/ internals: the Console object and what its files share.
 * Nothing outside console/ includes this file. */
#ifndef AXOS_CONSOLE_INTERNAL_H
#define AXOS_CONSOLE_INTERNAL_H

#include "console/console.h"
#include "console/pty.h"
#include "console/tty.h"

/* The console: a Tty whose output is the host's, plus which host streams
 * are terminals and the output buffer kernel_console_take_output drains. */
typedef struct Console {
    Tty tty;              /* first: a Console is its Tty */
    unsigned tty_streams; /* host streams that are terminals: bit 0 stdin, 1 stdout, 2 stderr */
    ByteQueue out;        /* output waiting for take_output (no sink) */
    Pty *pty[PTY_MAX];    /* pseudo-terminal pairs by index (pty.c) */
} Console;

/* ---- console.c ---- */

/* Send bytes to the host: the sink with `stream` (1 or 2), else the output
 * buffer. Returns 0 or -AX_ENOSPC (buffer growth refused). */
int console_emit(Kernel *k, int stream, const void *buf, size_t n);

/* Is o's stream a terminal? If not, o is a plain device: no terminal
 * control, no job control (see kernel_console_set_terminal). */
static inline bool console_is_terminal(const Console *c, const KObject *o) {
    return (c->tty_streams >> o->console_stream) & 1u;
}

/* The console, after letting go of a session whose leader has exited. */
Console *console_get(Kernel *k);

/* Run host-side work with kernel_current set to k (signals sent from the
 * host act as from outside any task). */
static inline Kernel *console_enter(Kernel *k) {
    Kernel *outer = kernel_current;
    kernel_current = k;
    return outer;
}
static inline void console_leave(Kernel *outer) { kernel_current = outer; }

#endif
