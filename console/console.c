/* The Console object: its lifetime, the open files on it (their read and
 * write), where output goes, and which session owns it. */
#include <string.h>

#include "console/internal.h"

/* Echo goes where stdout does. */
static int console_tty_output(Kernel *k, Tty *t, const void *buf, size_t n) {
    return console_emit(k, 1, buf, n);
}

static const TtyOps console_tty_ops = {.output = console_tty_output};

int console_init(Kernel *k) {
    Console *c = kmem_alloc(k, sizeof *c);
    if (!c)
        return -AX_ENOMEM;
    ldisc_init(&c->tty, &console_tty_ops);
    c->tty_streams = 7;
    k->console = c;
    return 0;
}

void console_fini(Kernel *k) {
    Console *c = k->console;
    if (!c)
        return;
    pty_fini(k);
    ldisc_fini(k, &c->tty);
    bq_free(k, &c->out);
    kmem_free(k, c);
    k->console = NULL;
}

/* The console stays with a session while its leader lives (tty.c). */
Console *console_get(Kernel *k) {
    Console *c = k->console;
    tty_session_check(k, &c->tty);
    return c;
}

int console_emit(Kernel *k, int stream, const void *buf, size_t n) {
    if (n == 0)
        return 0;
    if (k->cfg.console_output) {
        k->cfg.console_output(k->cfg.console_ud, stream, buf, n);
        return 0;
    }
    return bq_push(k, &k->console->out, buf, n) < 0 ? -AX_ENOSPC : 0;
}

static int64_t console_read(Kernel *k, KObject *o, void *buf, size_t n) {
    Console *c = console_get(k);
    if (console_is_terminal(c, o)) {
        int64_t r = tty_job_check(k, &c->tty, AX_SIGTTIN);
        if (r < 0)
            return r;
    }
    return ldisc_read(k, &c->tty, o, buf, n);
}

static int64_t console_write(Kernel *k, KObject *o, const void *buf, size_t n) {
    Console *c = console_get(k);
    if ((c->tty.attr.lflag & AX_TOSTOP) && console_is_terminal(c, o)) {
        int64_t r = tty_job_check(k, &c->tty, AX_SIGTTOU);
        if (r < 0)
            return r;
    }
    int r = console_emit(k, o->console_stream == 2 ? 2 : 1, buf, n);
    return r < 0 ? r : (int64_t)n;
}

/* /dev/fd/N of a console fd: a new console object for the same stream. */
static int console_reopen(Kernel *k, KObject *o, int flags, KObject **out) {
    return console_open(k, flags, o->console_stream, out);
}

/* Readable as the line discipline says (canonical mode: a finished line);
 * output never waits, so always writable. Input, the end of input and a
 * change of attributes wake read_wait. */
static unsigned console_poll(Kernel *k, KObject *o, PollTable *pt) {
    Console *c = console_get(k);
    poll_wait(k, pt, &c->tty.read_wait);
    return ldisc_poll(&c->tty) | AX_POLLOUT | AX_POLLWRNORM;
}

static int console_ioctl(Kernel *k, KObject *o, unsigned cmd, void *arg) {
    Console *c = console_get(k);
    if (!console_is_terminal(c, o))
        return -AX_ENOTTY;
    if (cmd == KIOC_TIOCSCTTY) {
        const CttyRequest *req = arg;
        if (!req)
            return -AX_EFAULT;
        /* Opening the console never makes it a controlling terminal, as
         * Linux's /dev/console; kernel_spawn hands it out. */
        return req->on_open ? 0 : tty_set_ctty(k, &c->tty, req);
    }
    return tty_ioctl(k, &c->tty, cmd, arg, true);
}

static const ObjOps console_ops = {
    .kind = "console",
    .read = console_read,
    .write = console_write,
    .ioctl = console_ioctl,
    .reopen = console_reopen,
    .poll = console_poll,
    .stat_mode = AX_S_IFCHR,
};

int console_open(Kernel *k, int flags, int stream, KObject **out) {
    KObject *o = obj_new(k, &console_ops, (uint32_t)flags & (AX_O_ACCMODE | AX_O_NONBLOCK), NULL);
    if (!o)
        return -AX_ENOMEM;
    o->console_stream = stream >= 0 && stream <= 2 ? stream : 1;
    *out = o;
    return 0;
}

int console_open_ctty(Kernel *k, const Proc *p, int flags, KObject **out) {
    Tty *t = p ? console_session_tty(k, p->sid) : NULL;
    if (!t)
        return -AX_ENXIO;
    if (t == &k->console->tty)
        return console_open(k, flags, 1, out);
    return pty_open_slave(k, pty_of_tty(t), flags, out);
}

size_t console_push_input(Kernel *k, const void *buf, size_t n) {
    Kernel *outer = console_enter(k);
    size_t taken = ldisc_input(k, &console_get(k)->tty, buf, n);
    console_leave(outer);
    return taken;
}

size_t console_take_output(Kernel *k, void *buf, size_t n) {
    return bq_pop(&k->console->out, buf, n);
}

int console_input_waiters(Kernel *k) {
    int n = 0;
    for (WaitEntry *e = k->console->tty.read_wait.head; e; e = e->next)
        n++;
    return n;
}

int console_fg_pgrp(Kernel *k) {
    return console_get(k)->tty.fg_pgrp;
}

void console_set_fg_pgrp(Kernel *k, int pgid) {
    Console *c = console_get(k);
    if (!c->tty.sid) {
        Proc *p = proc_find(k, pgid);
        if (!p)
            return;
        c->tty.sid = p->sid;
    }
    c->tty.fg_pgrp = pgid;
}
