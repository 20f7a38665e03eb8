/* A terminal as the kernel sees it: the line discipline's state and the
 * job control state of one tty, shared by the console (console.c) and the
 * slave side of every pseudo-terminal (pty.c). Nothing outside console/
 * includes this file.
 *
 * The owner of a Tty supplies where output goes (TtyOps.output): the
 * console sends echo to the host, a pty puts it where its master reads.
 * ldisc.c works on a Tty and knows neither owner. */
#ifndef AXOS_CONSOLE_TTY_H
#define AXOS_CONSOLE_TTY_H

#include "kernel/kernel.h"
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

#define TTY_LINE_MAX 4095    /* bytes of the line being edited, as Linux's N_TTY */
#define TTY_INPUT_MAX 65536  /* typed bytes not yet read before input is refused */

typedef struct Tty Tty;

typedef struct TtyOps {
    /* Echo and other output the discipline makes itself (stream 1 of the
     * console). Returns 0 or a negative AX_E* (the bytes are lost). */
    int (*output)(Kernel *k, Tty *t, const void *buf, size_t n);
    /* Typed input was taken by a reader: room may have opened for a
     * writer of input (a pty's master). May be NULL. */
    void (*input_room)(Kernel *k, Tty *t);
} TtyOps;

struct Tty {
    const TtyOps *ops;
    TermAttr attr;
    WinSize winsize;
    int sid;     /* controlling session (its leader's pid); 0: none */
    int fg_pgrp; /* foreground process group; 0: none */

    /* Input. Canonical mode edits a line in `edit`; a finished line moves
     * to `ready`, and its end goes to `marks`. Raw mode puts every byte in
     * `ready` at once. Positions are counted in bytes ever queued, so a
     * mark stays right however much has been read. */
    uint8_t edit[TTY_LINE_MAX];
    size_t edit_len;
    ByteQueue ready;
    uint64_t ready_in, ready_out; /* bytes ever put into / taken from ready */
    ByteQueue marks;              /* uint64_t: (line end << 1) | ended-by-EOF */
    bool input_closed;            /* no more input will come (end of file) */
    WaitQueue read_wait;
};

/* Where a mark's fields live. */
#define MARK(end, eof) (((uint64_t)(end) << 1) | ((eof) ? 1u : 0u))
#define MARK_END(m) ((m) >> 1)
#define MARK_EOF(m) (((m)&1u) != 0)

/* ---- ldisc.c: the line discipline ---- */

/* Default attributes (Linux's for a new tty), 24x80, no session. */
void ldisc_init(Tty *t, const TtyOps *ops);
/* Free the queues (the Tty itself belongs to its owner). */
void ldisc_fini(Kernel *k, Tty *t);
/* Process typed bytes; returns how many were taken: fewer than n only
 * when TTY_INPUT_MAX bytes wait unread or memory runs out. */
size_t ldisc_input(Kernel *k, Tty *t, const uint8_t *buf, size_t n);
/* Queue text the host already edited and showed (kernel_console_push_text).
 * Returns the count taken (n, or less when full). */
size_t ldisc_input_text(Kernel *k, Tty *t, const uint8_t *buf, size_t n);
/* The read side: returns bytes, 0 at end of file, -AX_EAGAIN, or
 * sched_wait's value. */
int64_t ldisc_read(Kernel *k, Tty *t, KObject *o, uint8_t *buf, size_t n);
/* Input readiness for poll: AX_POLLIN|AX_POLLRDNORM when a read would
 * return data at once (canonical mode: a finished line; raw mode: a byte,
 * or VMIN bytes when VTIME is 0, as Linux's n_tty_poll), AX_POLLHUP when
 * the input has ended and nothing is left to read, else 0. */
unsigned ldisc_poll(const Tty *t);
/* A signal character (or its host equivalent) was typed: flush input
 * unless NOFLSH, echo it as ^C under ECHOCTL, signal the foreground group.
 * Returns how many processes got the signal. */
int ldisc_isig(Kernel *k, Tty *t, int sig, uint8_t ch);
/* Drop all pending input. */
void ldisc_flush_input(Tty *t);
/* Install new attributes, moving a half-edited line where it now belongs. */
void ldisc_set_attr(Kernel *k, Tty *t, const TermAttr *attr);
/* End of input: what is queued can still be read, then reads return 0. */
void ldisc_close_input(Kernel *k, Tty *t);

/* ---- tty.c: terminal control and job control ---- */

/* Let go of the session whose leader has exited (Linux disassociates the
 * controlling tty then). Returns t. */
Tty *tty_session_check(Kernel *k, Tty *t);
/* Job control for the current task touching t. `sig` is AX_SIGTTIN
 * (read) or AX_SIGTTOU (write with TOSTOP, terminal changes). Returns 0
 * when the task may go on; otherwise -AX_EIO or -AX_EINTR. A task
 * stopped here carries on after SIGCONT (as Linux restarts the call). */
int64_t tty_job_check(Kernel *k, Tty *t, int sig);
/* Is t the current task's controlling terminal? */
bool tty_is_ctty(Kernel *k, const Tty *t);
/* The terminal ioctls (KIOC_*) on t. `job` says whether job control
 * applies (the slave side of a pty and the console do; a pty's master,
 * which acts for the terminal itself, does not). */
int tty_ioctl(Kernel *k, Tty *t, unsigned cmd, void *arg, bool job);
/* KIOC_TIOCSCTTY on t (see CttyRequest): returns 0, or for an explicit
 * request -AX_EPERM (the caller does not lead its session, its session
 * has another controlling terminal, or t controls another session and
 * force is not set). */
int tty_set_ctty(Kernel *k, Tty *t, const CttyRequest *req);
/* The terminal that controls session sid (the console or a pty's slave),
 * or NULL (pty.c, which knows every terminal). */
Tty *console_session_tty(Kernel *k, int sid);
/* That terminal's device number in Linux's tty_nr encoding (major << 8 |
 * minor, the minor's high bits at 20): 5:1 for the console, 136:N for
 * /dev/pts/N; 0 when the session has none (/proc/PID/stat). */
unsigned console_session_tty_nr(Kernel *k, int sid);
/* Set the window size; SIGWINCH to the foreground group on a change. */
void tty_set_winsize(Kernel *k, Tty *t, const WinSize *ws);

#endif
