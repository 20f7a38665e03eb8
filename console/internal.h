/* console/ internals: the Console object and what its files share.
 * Nothing outside console/ includes this file. */
#ifndef AXOS_CONSOLE_INTERNAL_H
#define AXOS_CONSOLE_INTERNAL_H

#include "console/console.h"
#include "kernel/sched.h"

/* A FIFO of bytes in one kmem block that grows on demand. */
typedef struct ByteQueue {
    uint8_t *data;
    size_t head, len, cap;
} ByteQueue;

/* Append n bytes. Returns 0 or -AX_ENOMEM (the queue is unchanged). */
int bq_push(Kernel *k, ByteQueue *q, const void *buf, size_t n);
/* Take up to n bytes from the front (buf NULL: drop them); returns the
 * count taken. */
size_t bq_pop(ByteQueue *q, void *buf, size_t n);
/* Copy up to n bytes from offset off without taking them. */
size_t bq_peek(const ByteQueue *q, size_t off, void *buf, size_t n);
static inline void bq_clear(ByteQueue *q) { q->head = q->len = 0; }
void bq_free(Kernel *k, ByteQueue *q);

#define CONSOLE_LINE_MAX 4095    /* bytes of the line being edited, as Linux's N_TTY */
#define CONSOLE_INPUT_MAX 65536  /* typed bytes not yet read before push_input refuses */

typedef struct Console {
    TermAttr attr;
    WinSize winsize;
    int sid;     /* controlling session (its leader's pid); 0: free */
    int fg_pgrp; /* foreground process group; 0: none */
    unsigned tty_streams; /* host streams that are terminals: bit 0 stdin, 1 stdout, 2 stderr */

    /* Input. Canonical mode edits a line in `edit`; a finished line moves
     * to `ready`, and its end goes to `marks`. Raw mode puts every byte in
     * `ready` at once. Positions are counted in bytes ever queued, so a
     * mark stays right however much has been read. */
    uint8_t edit[CONSOLE_LINE_MAX];
    size_t edit_len;
    ByteQueue ready;
    uint64_t ready_in, ready_out; /* bytes ever put into / taken from ready */
    ByteQueue marks;              /* uint64_t: (line end << 1) | ended-by-EOF */
    bool input_closed;            /* the host has no more input (end of file) */
    WaitQueue read_wait;

    ByteQueue out; /* output waiting for take_output (no sink) */
} Console;

/* Where a mark's fields live. */
#define MARK(end, eof) (((uint64_t)(end) << 1) | ((eof) ? 1u : 0u))
#define MARK_END(m) ((m) >> 1)
#define MARK_EOF(m) (((m)&1u) != 0)

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

/* ---- ldisc.c ---- */

void ldisc_init(Console *c);
/* Process typed bytes; returns how many were taken (see console_push_input). */
size_t ldisc_input(Kernel *k, Console *c, const uint8_t *buf, size_t n);
/* Queue text the host already edited and showed (kernel_console_push_text).
 * Returns the count taken (n, or less when full). */
size_t ldisc_input_text(Kernel *k, Console *c, const uint8_t *buf, size_t n);
/* The read side: returns bytes, 0 at end of file, -AX_EAGAIN, or
 * sched_wait's value. */
int64_t ldisc_read(Kernel *k, Console *c, KObject *o, uint8_t *buf, size_t n);
/* Input readiness for poll: AX_POLLIN|AX_POLLRDNORM when a read would
 * return data at once (canonical mode: a finished line; raw mode: a byte,
 * or VMIN bytes when VTIME is 0, as Linux's n_tty_poll), AX_POLLHUP when
 * the host's input has ended and nothing is left to read, else 0. */
unsigned ldisc_poll(const Console *c);
/* A signal character (or its host equivalent) was typed: flush input
 * unless NOFLSH, echo it as ^C under ECHOCTL, signal the foreground group.
 * Returns how many processes got the signal. */
int ldisc_isig(Kernel *k, Console *c, int sig, uint8_t ch);
/* Drop all pending input. */
void ldisc_flush_input(Console *c);
/* Install new attributes, moving a half-edited line where it now belongs. */
void ldisc_set_attr(Kernel *k, Console *c, const TermAttr *t);
/* End of host input: what is queued can still be read, then reads return 0. */
void ldisc_close_input(Kernel *k, Console *c);

/* ---- tty.c ---- */

/* Job control for the current task touching the console. `sig` is
 * AX_SIGTTIN (read) or AX_SIGTTOU (write with TOSTOP, terminal changes).
 * Returns 0 when the task may go on; otherwise -AX_EIO or -AX_EINTR.
 * A task stopped here is carried on after SIGCONT (as Linux restarts the
 * call). */
int64_t console_job_check(Kernel *k, Console *c, int sig);
/* Is the current task's controlling terminal the console? */
bool console_is_ctty(Kernel *k, Console *c);
int console_ioctl(Kernel *k, KObject *o, unsigned cmd, void *arg);
/* Set the window size; SIGWINCH to the foreground group on a change. */
void console_set_winsize(Kernel *k, Console *c, const WinSize *ws);

#endif
