/* The host bridge: what a terminal front end (the axos REPL, a test)
 * needs from the console beyond pushing input and taking output, which
 * kernel/kernel.c forwards to console.c. */
#include <string.h>

#include "console/internal.h"
#include "kernel/timer.h"
#include "vfs/vfs.h"

int kernel_console_signal(Kernel *k, int sig) {
    if (sig != AX_SIGINT && sig != AX_SIGQUIT && sig != AX_SIGTSTP)
        return -AX_EINVAL;
    Kernel *outer = console_enter(k);
    Console *c = console_get(k);
    /* no echo: the character was not typed here (it was the host's, or
     * the signal came from kill(1)); nothing at all without a group */
    int n = c->tty.fg_pgrp > 0 ? ldisc_isig(k, &c->tty, sig, 0) : 0;
    console_leave(outer);
    return n > 0 ? 0 : -AX_ESRCH;
}

void kernel_console_set_winsize(Kernel *k, unsigned rows, unsigned cols) {
    Kernel *outer = console_enter(k);
    Console *c = console_get(k);
    WinSize ws = c->tty.winsize;
    ws.rows = (uint16_t)(rows > 65535 ? 65535 : rows);
    ws.cols = (uint16_t)(cols > 65535 ? 65535 : cols);
    tty_set_winsize(k, &c->tty, &ws);
    console_leave(outer);
}

static uint64_t host_wait_ns(Kernel *k) {
    if (k->rq_head)
        return 0;
    uint64_t next = ktimer_next_deadline(k);
    if (next == UINT64_MAX)
        return UINT64_MAX;
    uint64_t now = clock_now(k);
    return next > now ? next - now : 0;
}

void kernel_console_state(Kernel *k, ConsoleState *out) {
    Console *c = console_get(k);
    memset(out, 0, sizeof *out);
    Tty *t = &c->tty;
    out->session = t->sid;
    out->fg_pgrp = t->fg_pgrp;
    /* an epoll watching the console has an entry of no task's */
    for (WaitEntry *e = t->read_wait.head; e; e = e->next) {
        out->readers++;
        if (t->fg_pgrp && e->proc && e->proc->pgid == t->fg_pgrp)
            out->fg_readers++;
    }
    out->typed = t->edit_len;
    out->unread = t->ready.len;
    out->wait_ns = host_wait_ns(k);
    out->attr = t->attr;
    out->winsize = t->winsize;
}

void kernel_console_set_terminal(Kernel *k, unsigned streams) {
    k->console->tty_streams = streams & 7u;
}

void kernel_console_set_attr(Kernel *k, const TermAttr *attr) {
    if (!attr)
        return;
    Kernel *outer = console_enter(k);
    ldisc_set_attr(k, &console_get(k)->tty, attr);
    console_leave(outer);
}

size_t kernel_console_push_text(Kernel *k, const void *buf, size_t n) {
    if (!buf && n)
        return 0;
    Kernel *outer = console_enter(k);
    size_t taken = ldisc_input_text(k, &console_get(k)->tty, buf, n);
    console_leave(outer);
    return taken;
}

size_t kernel_console_take_typed(Kernel *k, void *buf, size_t n) {
    Tty *t = &console_get(k)->tty;
    size_t len = t->edit_len;
    if (buf)
        memcpy(buf, t->edit, len < n ? len : n);
    t->edit_len = 0;
    return len;
}

void kernel_console_close_input(Kernel *k) {
    Kernel *outer = console_enter(k);
    ldisc_close_input(k, &console_get(k)->tty);
    console_leave(outer);
}

int kernel_list_dir(Kernel *k, int pid, const char *path,
                    void (*fn)(void *ud, const DirEntry *entry), void *ud) {
    Proc *p = NULL;
    if (pid) {
        p = proc_find(k, pid);
        if (!p || p->state == PROC_ZOMBIE || p == k->init)
            return -AX_ESRCH;
    }
    Kernel *outer = console_enter(k);
    KObject *o;
    int r = vfs_open(k, p, path, AX_O_RDONLY | AX_O_DIRECTORY, 0, &o);
    if (r == 0) {
        DirEntry ents[16];
        int64_t got;
        while ((got = o->ops->readdir(k, o, ents, 16)) > 0) {
            for (int64_t i = 0; i < got; i++)
                if (fn)
                    fn(ud, &ents[i]);
            r += (int)got;
        }
        if (got < 0)
            r = (int)got;
        obj_unref(k, o);
    }
    console_leave(outer);
    return r;
}
