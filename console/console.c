/* The console device: an input queue the host fills and output that goes
 * to the host (a ConsoleSink, or a buffer drained by take_output). */
#include <string.h>

#include "console/console.h"
#include "kernel/sched.h"
#include "signal/signal.h"

typedef struct ByteQueue {
    uint8_t *data;
    size_t head, len, cap;
} ByteQueue;

typedef struct Console {
    ByteQueue in, out;
    WaitQueue read_wait;
    int fg_pgrp;
    WinSize winsize;
} Console;

static int bq_push(Kernel *k, ByteQueue *q, const void *buf, size_t n) {
    if (q->head > 0 && q->head + q->len + n > q->cap) {
        memmove(q->data, q->data + q->head, q->len);
        q->head = 0;
    }
    if (q->len + n > q->cap) {
        size_t cap = q->cap ? q->cap : 4096;
        while (cap < q->len + n)
            cap *= 2;
        uint8_t *d = kmem_realloc(k, q->data, cap);
        if (!d)
            return -AX_ENOMEM;
        q->data = d;
        q->cap = cap;
    }
    memcpy(q->data + q->head + q->len, buf, n);
    q->len += n;
    return 0;
}

static size_t bq_pop(ByteQueue *q, void *buf, size_t n) {
    if (n > q->len)
        n = q->len;
    if (n == 0)
        return 0; /* data may still be NULL */
    memcpy(buf, q->data + q->head, n);
    q->head += n;
    q->len -= n;
    if (q->len == 0)
        q->head = 0;
    return n;
}

int console_init(Kernel *k) {
    Console *c = kmem_alloc(k, sizeof *c);
    if (!c)
        return -AX_ENOMEM;
    c->winsize = (WinSize){24, 80, 0, 0};
    k->console = c;
    return 0;
}

void console_fini(Kernel *k) {
    Console *c = k->console;
    if (!c)
        return;
    kmem_free(k, c->in.data);
    kmem_free(k, c->out.data);
    kmem_free(k, c);
    k->console = NULL;
}

static int64_t console_read(Kernel *k, KObject *o, void *buf, size_t n) {
    Console *c = k->console;
    if (n == 0)
        return 0;
    if (c->in.len == 0) {
        if (o->flags & AX_O_NONBLOCK)
            return -AX_EAGAIN;
        return sched_wait(k, &c->read_wait);
    }
    return (int64_t)bq_pop(&c->in, buf, n);
}

static int64_t console_write(Kernel *k, KObject *o, const void *buf, size_t n) {
    Console *c = k->console;
    if (k->cfg.console_output) {
        k->cfg.console_output(k->cfg.console_ud, o->console_stream, buf, n);
        return (int64_t)n;
    }
    if (bq_push(k, &c->out, buf, n) < 0)
        return -AX_ENOSPC;
    return (int64_t)n;
}

static const ObjOps console_ops = {
    .kind = "console",
    .read = console_read,
    .write = console_write,
    .stat_mode = AX_S_IFCHR,
};

int console_open(Kernel *k, int flags, int stream, KObject **out) {
    KObject *o = obj_new(k, &console_ops, (uint32_t)flags & (AX_O_ACCMODE | AX_O_NONBLOCK), NULL);
    if (!o)
        return -AX_ENOMEM;
    o->console_stream = stream == 2 ? 2 : 1;
    *out = o;
    return 0;
}

size_t console_push_input(Kernel *k, const void *buf, size_t n) {
    Console *c = k->console;
    if (bq_push(k, &c->in, buf, n) < 0)
        return 0;
    wq_wake_all(k, &c->read_wait);
    return n;
}

size_t console_take_output(Kernel *k, void *buf, size_t n) {
    return bq_pop(&k->console->out, buf, n);
}

int console_input_waiters(Kernel *k) {
    int n = 0;
    for (Proc *p = k->console->read_wait.head; p; p = p->q_next)
        n++;
    return n;
}

int console_fg_pgrp(Kernel *k) {
    return k->console->fg_pgrp;
}

void console_set_fg_pgrp(Kernel *k, int pgid) {
    k->console->fg_pgrp = pgid;
}

int kernel_console_signal(Kernel *k, int sig) {
    if (sig != AX_SIGINT && sig != AX_SIGTSTP && sig != AX_SIGQUIT)
        return -AX_EINVAL;
    int pg = k->console->fg_pgrp;
    return pg > 0 && sig_send_group(k, pg, sig) > 0 ? 0 : -AX_ESRCH;
}

void kernel_console_set_winsize(Kernel *k, unsigned rows, unsigned cols) {
    k->console->winsize.rows = (uint16_t)rows;
    k->console->winsize.cols = (uint16_t)cols;
    if (k->console->fg_pgrp > 0)
        sig_send_group(k, k->console->fg_pgrp, AX_SIGWINCH);
}
