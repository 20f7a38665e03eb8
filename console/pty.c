/* Pseudo-terminal pairs (pty.h): the master and slave objects over one
 * Pty, the pair table, and the hang-ups at either end. */
#include <stdio.h>
#include <string.h>

#include "console/internal.h"
#include "console/pty.h"
#include "kernel/proc.h"
#include "signal/signal.h"
#include "vfs/vfs.h"

struct Pty {
    Tty tty;                /* first: the slave's terminal is the pair's Tty */
    int index;              /* N of /dev/pts/N */
    uint64_t master_ino, slave_ino;
    struct VNode *node;     /* /dev/pts/N (referenced until the master closes) */
    ByteQueue out;          /* slave output and echo, for the master to read */
    WaitQueue master_wait;  /* master readers; master writers waiting for input room */
    WaitQueue slave_wait;   /* slave writers waiting for output room */
    bool locked;            /* until unlockpt */
    bool master_open;
    bool slave_hup;         /* every slave file opened so far is closed again */
    unsigned slaves;        /* open slave objects */
};

int pty_index(const Pty *pty) {
    return pty->index;
}

void pty_unlock(Pty *pty) {
    pty->locked = false;
}

/* ---- output: what the master reads ---- */

/* Append slave output to `out` with output processing, as much as fits
 * under PTY_OUTPUT_MAX (a "\n" that becomes "\r\n" goes whole or not at
 * all). Returns the count of input bytes taken. */
static size_t pty_put_output(Kernel *k, Pty *pty, const uint8_t *buf, size_t n) {
    bool onlcr = (pty->tty.attr.oflag & (AX_OPOST | AX_ONLCR)) == (AX_OPOST | AX_ONLCR);
    size_t done = 0;
    while (done < n) {
        size_t room = PTY_OUTPUT_MAX - pty->out.len;
        if (room == 0)
            break;
        size_t run = n - done;
        const uint8_t *nl = onlcr ? memchr(buf + done, '\n', run) : NULL;
        if (nl)
            run = (size_t)(nl - (buf + done));
        if (run > room)
            run = room;
        if (run > 0) {
            if (bq_push(k, &pty->out, buf + done, run) < 0)
                break;
            done += run;
            continue;
        }
        /* at a "\n" under ONLCR */
        if (room < 2 || bq_push(k, &pty->out, "\r\n", 2) < 0)
            break;
        done++;
    }
    if (done)
        wq_wake_all(k, &pty->master_wait);
    return done;
}

/* Echo: lost when the master is gone or has left too much unread, as
 * Linux drops echo that finds no room. */
static int pty_tty_output(Kernel *k, Tty *t, const void *buf, size_t n) {
    Pty *pty = (Pty *)t;
    if (!pty->master_open)
        return -AX_EIO;
    return pty_put_output(k, pty, buf, n) == n ? 0 : -AX_ENOSPC;
}

/* A slave reader took input: a master writer may go on. */
static void pty_tty_input_room(Kernel *k, Tty *t) {
    wq_wake_all(k, &((Pty *)t)->master_wait);
}

static const TtyOps pty_tty_ops = {.output = pty_tty_output, .input_room = pty_tty_input_room};

/* ---- the pair's lifetime ---- */

static void pty_free(Kernel *k, Pty *pty) {
    Console *c = k->console;
    c->pty[pty->index] = NULL;
    ldisc_fini(k, &pty->tty);
    bq_free(k, &pty->out);
    kmem_free(k, pty);
}

void pty_fini(Kernel *k) {
    Console *c = k->console;
    for (int i = 0; i < PTY_MAX; i++)
        if (c->pty[i])
            pty_free(k, c->pty[i]);
}

/* The master is closed: hang the slave up (Linux's tty_vhangup). */
static void pty_hangup(Kernel *k, Pty *pty) {
    Tty *t = tty_session_check(k, &pty->tty);
    if (t->sid) {
        Proc *leader = proc_find(k, t->sid);
        if (leader) {
            sig_send(k, leader, AX_SIGHUP);
            sig_send(k, leader, AX_SIGCONT);
        }
        if (t->fg_pgrp > 0)
            sig_send_group(k, t->fg_pgrp, AX_SIGHUP);
        t->sid = 0;
        t->fg_pgrp = 0;
    }
    ldisc_close_input(k, t);
    wq_wake_all(k, &pty->slave_wait);
    vfs_pts_remove(k, pty->index, pty->node);
    pty->node = NULL;
}

/* ---- the slave ---- */

static int64_t pts_read(Kernel *k, KObject *o, void *buf, size_t n) {
    Pty *pty = o->priv;
    Tty *t = tty_session_check(k, &pty->tty);
    int64_t r = tty_job_check(k, t, AX_SIGTTIN);
    return r < 0 ? r : ldisc_read(k, t, o, buf, n);
}

static int64_t pts_write(Kernel *k, KObject *o, const void *buf, size_t n) {
    Pty *pty = o->priv;
    Tty *t = tty_session_check(k, &pty->tty);
    Proc *me = k->cur;
    if (!pty->master_open)
        return me->io_done ? (int64_t)me->io_done : -AX_EIO;
    if (t->attr.lflag & AX_TOSTOP) {
        int64_t r = tty_job_check(k, t, AX_SIGTTOU);
        if (r < 0)
            return r;
    }
    size_t done = me->io_done;
    done += pty_put_output(k, pty, (const uint8_t *)buf + done, n - done);
    if (done == n)
        return (int64_t)n;
    if (o->flags & AX_O_NONBLOCK)
        return done ? (int64_t)done : -AX_EAGAIN;
    me->io_done = done; /* only a call that waits keeps it (dispatch clears it) */
    return sched_wait(k, &pty->slave_wait);
}

static int pts_ioctl(Kernel *k, KObject *o, unsigned cmd, void *arg) {
    Pty *pty = o->priv;
    Tty *t = tty_session_check(k, &pty->tty);
    if (cmd == KIOC_TIOCSCTTY)
        return arg ? tty_set_ctty(k, t, arg) : -AX_EFAULT;
    return tty_ioctl(k, t, cmd, arg, true);
}

/* Readable as the discipline says; writable while the master has room.
 * Hung up: everything at once, as Linux's hung_up_tty_poll. */
static unsigned pts_poll(Kernel *k, KObject *o, PollTable *pt) {
    Pty *pty = o->priv;
    poll_wait(k, pt, &pty->tty.read_wait);
    poll_wait(k, pt, &pty->slave_wait);
    if (!pty->master_open)
        return AX_POLLIN | AX_POLLRDNORM | AX_POLLOUT | AX_POLLWRNORM | AX_POLLERR | AX_POLLHUP;
    unsigned m = ldisc_poll(&pty->tty);
    if (pty->out.len < PTY_OUTPUT_MAX)
        m |= AX_POLLOUT | AX_POLLWRNORM;
    return m;
}

static int pts_stat(Kernel *k, KObject *o, FileStat *st) {
    Pty *pty = o->priv;
    st->dev = 2;
    st->ino = pty->slave_ino;
    st->mode = AX_S_IFCHR | 0620;
    st->nlink = 1;
    return 0;
}

static void pts_release(Kernel *k, KObject *o) {
    Pty *pty = o->priv;
    if (--pty->slaves > 0)
        return;
    /* The last slave went: a master read finds end of input (EIO). */
    pty->slave_hup = true;
    wq_wake_all(k, &pty->master_wait);
    if (!pty->master_open)
        pty_free(k, pty);
}

static const ObjOps pts_ops = {
    .kind = "pts",
    .read = pts_read,
    .write = pts_write,
    .ioctl = pts_ioctl,
    .poll = pts_poll,
    .stat = pts_stat,
    .release = pts_release,
    .stat_mode = AX_S_IFCHR,
};

int pty_open_slave(Kernel *k, Pty *pty, int flags, KObject **out) {
    if (pty->locked || !pty->master_open)
        return -AX_EIO;
    KObject *o = obj_new(k, &pts_ops, (uint32_t)flags & (AX_O_ACCMODE | AX_O_NONBLOCK), pty);
    if (!o)
        return -AX_ENOMEM;
    pty->slaves++;
    pty->slave_hup = false;
    *out = o;
    return 0;
}

/* ---- the master ---- */

static int64_t ptm_read(Kernel *k, KObject *o, void *buf, size_t n) {
    Pty *pty = o->priv;
    if (n == 0)
        return 0;
    if (pty->out.len > 0) {
        size_t got = bq_pop(&pty->out, buf, n);
        wq_wake_all(k, &pty->slave_wait);
        return (int64_t)got;
    }
    /* Linux: EIO once every slave file is closed (a read before the
     * first slave open waits). */
    if (pty->slave_hup)
        return -AX_EIO;
    if (o->flags & AX_O_NONBLOCK)
        return -AX_EAGAIN;
    return sched_wait(k, &pty->master_wait);
}

static int64_t ptm_write(Kernel *k, KObject *o, const void *buf, size_t n) {
    Pty *pty = o->priv;
    Proc *me = k->cur;
    /* Linux's n_tty_write: nothing can be typed while no slave is open. */
    if (pty->slaves == 0)
        return me->io_done ? (int64_t)me->io_done : -AX_EIO;
    size_t done = me->io_done;
    done += ldisc_input(k, tty_session_check(k, &pty->tty), (const uint8_t *)buf + done, n - done);
    if (done == n)
        return (int64_t)n;
    if (o->flags & AX_O_NONBLOCK)
        return done ? (int64_t)done : -AX_EAGAIN;
    me->io_done = done;
    return sched_wait(k, &pty->master_wait);
}

static int ptm_ioctl(Kernel *k, KObject *o, unsigned cmd, void *arg) {
    Pty *pty = o->priv;
    if (cmd == KIOC_TIOCSCTTY)
        return -AX_ENOTTY; /* the master side is never a controlling terminal */
    return tty_ioctl(k, tty_session_check(k, &pty->tty), cmd, arg, false);
}

/* Readable with output queued; hung up once every slave is closed (reads
 * give EIO). Writable when the slave's input has room, or when a write
 * fails at once (no slave open). master_wait is woken by all of these. */
static unsigned ptm_poll(Kernel *k, KObject *o, PollTable *pt) {
    Pty *pty = o->priv;
    poll_wait(k, pt, &pty->master_wait);
    unsigned m = 0;
    if (pty->out.len > 0)
        m |= AX_POLLIN | AX_POLLRDNORM;
    else if (pty->slave_hup)
        m |= AX_POLLHUP;
    if (pty->slaves == 0 || pty->tty.ready.len < TTY_INPUT_MAX)
        m |= AX_POLLOUT | AX_POLLWRNORM;
    return m;
}

static int ptm_stat(Kernel *k, KObject *o, FileStat *st) {
    Pty *pty = o->priv;
    st->dev = 2;
    st->ino = pty->master_ino;
    st->mode = AX_S_IFCHR | 0666;
    st->nlink = 1;
    return 0;
}

static void ptm_release(Kernel *k, KObject *o) {
    Pty *pty = o->priv;
    /* The hangup's SIGHUP may end the leader at once, and its exit close
     * the last slave: master_open stays set until the hangup is done, so
     * that close does not free the pty under it. */
    pty_hangup(k, pty);
    pty->master_open = false;
    if (pty->slaves == 0)
        pty_free(k, pty);
}

static const ObjOps ptm_ops = {
    .kind = "ptmx",
    .read = ptm_read,
    .write = ptm_write,
    .ioctl = ptm_ioctl,
    .poll = ptm_poll,
    .stat = ptm_stat,
    .release = ptm_release,
    .stat_mode = AX_S_IFCHR,
};

Pty *pty_of_tty(Tty *t) {
    return (Pty *)t; /* the Tty is a Pty's first member */
}

Pty *pty_of_master(KObject *o) {
    return o && o->ops == &ptm_ops ? o->priv : NULL;
}

int pty_open_master(Kernel *k, int flags, KObject **out) {
    Console *c = k->console;
    int i = 0;
    while (i < PTY_MAX && c->pty[i])
        i++;
    if (i == PTY_MAX)
        return -AX_ENOSPC;
    Pty *pty = kmem_alloc(k, sizeof *pty);
    if (!pty)
        return -AX_ENOMEM;
    ldisc_init(&pty->tty, &pty_tty_ops);
    pty->index = i;
    pty->locked = true;
    pty->master_open = true;
    wq_init(&pty->master_wait);
    wq_init(&pty->slave_wait);
    int r = vfs_pts_add(k, i, pty, &pty->node, &pty->slave_ino);
    if (r < 0) {
        kmem_free(k, pty);
        return r;
    }
    KObject *o = obj_new(k, &ptm_ops, (uint32_t)flags & (AX_O_ACCMODE | AX_O_NONBLOCK), pty);
    if (!o) {
        vfs_pts_remove(k, i, pty->node);
        kmem_free(k, pty);
        return -AX_ENOMEM;
    }
    c->pty[i] = pty;
    pty->master_ino = ++k->next_anon_ino;
    *out = o;
    return 0;
}

/* ---- which terminal controls a session ---- */

Tty *console_session_tty(Kernel *k, int sid) {
    if (sid <= 0)
        return NULL;
    Console *c = console_get(k);
    if (c->tty.sid == sid)
        return &c->tty;
    for (int i = 0; i < PTY_MAX; i++)
        if (c->pty[i] && tty_session_check(k, &c->pty[i]->tty)->sid == sid)
            return &c->pty[i]->tty;
    return NULL;
}

unsigned console_session_tty_nr(Kernel *k, int sid) {
    Tty *t = console_session_tty(k, sid);
    if (!t)
        return 0;
    if (t == &console_get(k)->tty)
        return (5u << 8) | 1; /* /dev/console, 5:1 */
    unsigned minor = (unsigned)((Pty *)t)->index; /* /dev/pts/N, 136:N */
    return (136u << 8) | (minor & 0xff) | ((minor & ~0xffu) << 12);
}

void console_session_drop(Kernel *k, int sid) {
    Tty *t = console_session_tty(k, sid);
    if (t) {
        t->sid = 0;
        t->fg_pgrp = 0;
    }
}
