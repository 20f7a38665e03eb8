/* epoll: a set of watches, each parked for good on the wait queues of the
 * file it watches, and a ready list (Linux's eventpoll).
 *
 * A watch (EpItem) is keyed by its fd and the open file the fd referred
 * to when it was added. When it is added, the file's poll operation is
 * handed a table that puts one EpEntry on each of its queues; those stay
 * until the watch goes. A wake-up of any of them puts the watch on the
 * ready list (once) and wakes the epoll's own queue: its epoll_wait
 * callers and whoever polls the epoll fd. epoll_wait then asks each ready
 * watch's file for its mask again: a watch whose condition no longer
 * holds is dropped from the list, a level-triggered one that reported
 * goes back at the tail, an edge-triggered one waits for the next
 * wake-up, a one-shot one is disabled until EPOLL_CTL_MOD. So epoll_wait
 * costs O(ready), whatever the number of watches.
 *
 * A watch does not hold its file: the file's end (its last reference,
 * whoever held it) tells the epoll through an ObjWatch, which removes the
 * watch, as Linux's eventpoll_release does. */
#include <string.h>

#include "kernel/fd.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "signal/signal.h"
#include "syscall/handlers.h"

typedef struct Epoll Epoll;
typedef struct EpItem EpItem;

/* One queue a watched file polls on. */
typedef struct EpEntry {
    WaitEntry we; /* first: the wake function finds the entry from it */
    EpItem *item;
    struct EpEntry *next;
} EpEntry;

/* events bits that are not conditions (Linux's EP_PRIVATE_BITS). */
#define EP_PRIVATE (AX_EPOLLWAKEUP | AX_EPOLLONESHOT | AX_EPOLLET | AX_EPOLLEXCLUSIVE)
/* What EPOLLEXCLUSIVE may come with (Linux's EPOLLEXCLUSIVE_OK_BITS). */
#define EP_EXCLUSIVE_OK                                                                  \
    (AX_EPOLLIN | AX_EPOLLOUT | AX_EPOLLERR | AX_EPOLLHUP | AX_EPOLLWAKEUP | AX_EPOLLET |  \
     AX_EPOLLEXCLUSIVE)
/* Epoll fds watching epoll fds: at most this many in a chain. */
#define EP_MAX_DEPTH 5

struct EpItem {
    Epoll *ep;
    KObject *obj;       /* not referenced: obj's end removes the watch */
    int fd;
    uint32_t events;    /* what is watched (ERR and HUP always), and EP_PRIVATE bits */
    uint64_t data;
    ObjWatch watch;     /* on obj->watchers */
    EpEntry *entries;   /* one per queue obj polls on */
    EpItem *hash_next;  /* chain of Epoll.hash */
    EpItem *rnext, *rprev;
    bool ready;         /* on the ready list */
    EpItem *next, *prev; /* every watch, in the order added */
};

struct Epoll {
    KObject *self;
    EpItem **hash;      /* by fd; power-of-two buckets */
    size_t hash_cap, count;
    EpItem *rhead, *rtail; /* the ready list */
    EpItem *head, *tail;   /* every watch */
    WaitQueue wq;          /* epoll_wait callers and pollers of the epoll fd */
    uint64_t ino;
};

static const ObjOps epoll_ops;

/* ---- the ready list ---- */

static void ep_ready_add(EpItem *it) {
    Epoll *ep = it->ep;
    it->rnext = NULL;
    it->rprev = ep->rtail;
    if (ep->rtail)
        ep->rtail->rnext = it;
    else
        ep->rhead = it;
    ep->rtail = it;
    it->ready = true;
}

static void ep_ready_del(EpItem *it) {
    Epoll *ep = it->ep;
    if (!it->ready)
        return;
    if (it->rprev)
        it->rprev->rnext = it->rnext;
    else
        ep->rhead = it->rnext;
    if (it->rnext)
        it->rnext->rprev = it->rprev;
    else
        ep->rtail = it->rprev;
    it->rnext = it->rprev = NULL;
    it->ready = false;
}

/* A queue of the watched file was woken. */
static void ep_wake(Kernel *k, WaitEntry *we) {
    EpItem *it = ((EpEntry *)we)->item;
    if (!(it->events & ~EP_PRIVATE))
        return; /* a one-shot watch that has reported */
    if (!it->ready)
        ep_ready_add(it);
    wq_wake_all(k, &it->ep->wq);
}

/* ---- registering on the watched file's queues ---- */

typedef struct EpTable {
    PollTable pt; /* first */
    EpItem *item;
    int error;
} EpTable;

static void ep_queue(Kernel *k, PollTable *pt, WaitQueue *q) {
    EpTable *t = (EpTable *)pt;
    EpEntry *e = kmem_alloc(k, sizeof *e);
    if (!e) {
        t->error = -AX_ENOMEM;
        return;
    }
    e->item = t->item;
    e->we.proc = NULL; /* no task: the epoll's waiters are on its own queue */
    e->we.wake = ep_wake;
    e->next = t->item->entries;
    t->item->entries = e;
    wq_add(q, &e->we);
}

static void ep_unregister(Kernel *k, EpItem *it) {
    while (it->entries) {
        EpEntry *e = it->entries;
        it->entries = e->next;
        wq_remove(&e->we);
        kmem_free(k, e);
    }
}

/* ---- the set ---- */

static size_t ep_bucket(const Epoll *ep, int fd) {
    return (size_t)(unsigned)fd & (ep->hash_cap - 1);
}

static EpItem *ep_find(const Epoll *ep, KObject *o, int fd) {
    if (!ep->hash_cap)
        return NULL;
    for (EpItem *it = ep->hash[ep_bucket(ep, fd)]; it; it = it->hash_next)
        if (it->fd == fd && it->obj == o)
            return it;
    return NULL;
}

/* Room in the hash for one more watch (it grows at load 1). */
static int ep_hash_reserve(Kernel *k, Epoll *ep) {
    if (ep->count < ep->hash_cap)
        return 0;
    size_t cap = ep->hash_cap ? ep->hash_cap * 2 : 16;
    EpItem **h = kmem_alloc(k, cap * sizeof *h);
    if (!h)
        return -AX_ENOMEM;
    for (size_t b = 0; b < ep->hash_cap; b++)
        while (ep->hash[b]) {
            EpItem *it = ep->hash[b];
            ep->hash[b] = it->hash_next;
            size_t nb = (size_t)(unsigned)it->fd & (cap - 1);
            it->hash_next = h[nb];
            h[nb] = it;
        }
    kmem_free(k, ep->hash);
    ep->hash = h;
    ep->hash_cap = cap;
    return 0;
}

static void ep_remove(Kernel *k, EpItem *it) {
    Epoll *ep = it->ep;
    ep_unregister(k, it);
    ep_ready_del(it);
    EpItem **pp = &ep->hash[ep_bucket(ep, it->fd)];
    while (*pp != it)
        pp = &(*pp)->hash_next;
    *pp = it->hash_next;
    if (it->prev)
        it->prev->next = it->next;
    else
        ep->head = it->next;
    if (it->next)
        it->next->prev = it->prev;
    else
        ep->tail = it->prev;
    ep->count--;
    kmem_free(k, it);
}

/* The watched file's last reference went (it is already unwatched). */
static void ep_watch_gone(Kernel *k, ObjWatch *w) {
    EpItem *it = (EpItem *)((char *)w - offsetof(EpItem, watch));
    ep_remove(k, it);
}

/* ---- nesting: epoll fds watching epoll fds ---- */

static Epoll *ep_of(KObject *o) {
    return o->ops == &epoll_ops ? o->priv : NULL;
}

/* The longest chain of epolls from ep down through the epolls it watches
 * (ep alone: 1); EP_MAX_DEPTH + 1 when it reaches `target` (a loop). */
static int ep_height(const Epoll *ep, const Epoll *target, int depth) {
    if (ep == target || depth > EP_MAX_DEPTH)
        return EP_MAX_DEPTH + 1;
    int h = 1;
    for (EpItem *it = ep->head; it; it = it->next) {
        Epoll *sub = ep_of(it->obj);
        if (sub) {
            int s = 1 + ep_height(sub, target, depth + 1);
            if (s > h)
                h = s;
        }
    }
    return h;
}

/* The longest chain of epolls watching ep, from above (ep alone: 1). */
static int ep_up(const Epoll *ep, int depth) {
    if (depth > EP_MAX_DEPTH)
        return EP_MAX_DEPTH + 1;
    int h = 1;
    for (ObjWatch *w = ep->self->watchers; w; w = w->next) {
        if (w->gone != ep_watch_gone)
            continue;
        const EpItem *it = (const EpItem *)((const char *)w - offsetof(EpItem, watch));
        int s = 1 + ep_up(it->ep, depth + 1);
        if (s > h)
            h = s;
    }
    return h;
}

/* Would ep watching sub make a loop, or a chain longer than allowed? */
static bool ep_would_loop(const Epoll *ep, const Epoll *sub) {
    return ep_up(ep, 1) + ep_height(sub, ep, 1) > EP_MAX_DEPTH;
}

/* ---- the epoll object ---- */

/* The events of it that hold now (0: none). */
static uint32_t ep_item_poll(Kernel *k, EpItem *it) {
    return obj_poll(k, it->obj, NULL) & (it->events & ~EP_PRIVATE);
}

/* Readable while a watch on the ready list would report; watches whose
 * condition went away leave the list here, as in Linux's ep_read_events. */
static unsigned epoll_poll(Kernel *k, KObject *o, PollTable *pt) {
    Epoll *ep = o->priv;
    poll_wait(k, pt, &ep->wq);
    for (EpItem *it = ep->rhead, *next; it; it = next) {
        next = it->rnext;
        if (ep_item_poll(k, it))
            return AX_POLLIN | AX_POLLRDNORM;
        ep_ready_del(it);
    }
    return 0;
}

static void epoll_release(Kernel *k, KObject *o) {
    Epoll *ep = o->priv;
    while (ep->head) {
        EpItem *it = ep->head;
        obj_unwatch(it->obj, &it->watch);
        ep_remove(k, it);
    }
    kmem_free(k, ep->hash);
    kmem_free(k, ep);
}

static int epoll_stat(Kernel *k, KObject *o, FileStat *st) {
    Epoll *ep = o->priv;
    st->dev = 3;
    st->ino = ep->ino;
    st->mode = 0600; /* an anonymous inode: no file type, as on Linux */
    st->nlink = 1;
    return 0;
}

static const ObjOps epoll_ops = {
    .kind = "epoll",
    .stat = epoll_stat,
    .poll = epoll_poll,
    .release = epoll_release,
};

int64_t ksys_epoll_create1(Kernel *k, const SyscallArgs *a) {
    int flags = ARG_INT(0);
    if (flags & ~AX_EPOLL_CLOEXEC)
        return -AX_EINVAL;
    if (obj_room(k, 1) < 0)
        return -AX_ENFILE;
    Epoll *ep = kmem_alloc(k, sizeof *ep);
    if (!ep)
        return -AX_ENOMEM;
    KObject *o = obj_new(k, &epoll_ops, AX_O_RDWR, ep);
    if (!o) {
        kmem_free(k, ep);
        return -AX_ENOMEM;
    }
    ep->self = o;
    ep->ino = ++k->next_anon_ino;
    int fd = fd_install(k, k->cur, o, 0, (flags & AX_EPOLL_CLOEXEC) != 0);
    if (fd < 0)
        obj_unref(k, o);
    return fd;
}

/* ---- epoll_ctl ---- */

static int ep_insert(Kernel *k, Epoll *ep, KObject *o, int fd, const EpollEvent *ev) {
    if (ep_hash_reserve(k, ep) < 0)
        return -AX_ENOMEM;
    EpItem *it = kmem_alloc(k, sizeof *it);
    if (!it)
        return -AX_ENOMEM;
    it->ep = ep;
    it->obj = o;
    it->fd = fd;
    it->events = ev->events | AX_EPOLLERR | AX_EPOLLHUP;
    it->data = ev->data;
    it->watch.gone = ep_watch_gone;
    EpTable t = {{ep_queue}, it, 0};
    uint32_t revents = obj_poll(k, o, &t.pt) & (it->events & ~EP_PRIVATE);
    if (t.error) {
        ep_unregister(k, it);
        kmem_free(k, it);
        return t.error;
    }
    size_t b = ep_bucket(ep, fd);
    it->hash_next = ep->hash[b];
    ep->hash[b] = it;
    it->prev = ep->tail;
    if (ep->tail)
        ep->tail->next = it;
    else
        ep->head = it;
    ep->tail = it;
    ep->count++;
    obj_watch(o, &it->watch);
    if (revents) {
        ep_ready_add(it);
        wq_wake_all(k, &ep->wq);
    }
    return 0;
}

static void ep_modify(Kernel *k, EpItem *it, const EpollEvent *ev) {
    it->events = ev->events | AX_EPOLLERR | AX_EPOLLHUP;
    it->data = ev->data;
    if (ep_item_poll(k, it) && !it->ready) {
        ep_ready_add(it);
        wq_wake_all(k, &it->ep->wq);
    }
}

int64_t ksys_epoll_ctl(Kernel *k, const SyscallArgs *a) {
    Proc *p = k->cur;
    int op = ARG_INT(1), fd = ARG_INT(2);
    const EpollEvent *uev = ARG_PTR(const EpollEvent *, 3);
    EpollEvent ev = {0};
    if (op != AX_EPOLL_CTL_DEL) {
        if (!uev)
            return -AX_EFAULT;
        ev = *uev;
    }
    KObject *eo = fd_get(p, ARG_INT(0)), *o = fd_get(p, fd);
    if (!eo || !o)
        return -AX_EBADF;
    if (!o->ops->poll)
        return -AX_EPERM;
    Epoll *ep = ep_of(eo);
    if (eo == o || !ep)
        return -AX_EINVAL;
    ev.events &= ~AX_EPOLLWAKEUP; /* no suspend to keep away (Linux drops it too without the capability) */
    if (ev.events & AX_EPOLLEXCLUSIVE) {
        if (op == AX_EPOLL_CTL_MOD)
            return -AX_EINVAL;
        if (op == AX_EPOLL_CTL_ADD && (ep_of(o) || (ev.events & ~EP_EXCLUSIVE_OK)))
            return -AX_EINVAL;
    }
    EpItem *it = ep_find(ep, o, fd);
    switch (op) {
    case AX_EPOLL_CTL_ADD:
        if (it)
            return -AX_EEXIST;
        if (ep_of(o) && ep_would_loop(ep, ep_of(o)))
            return -AX_ELOOP;
        return ep_insert(k, ep, o, fd, &ev);
    case AX_EPOLL_CTL_DEL:
        if (!it)
            return -AX_ENOENT;
        obj_unwatch(o, &it->watch);
        ep_remove(k, it);
        return 0;
    case AX_EPOLL_CTL_MOD:
        if (!it)
            return -AX_ENOENT;
        if (it->events & AX_EPOLLEXCLUSIVE)
            return -AX_EINVAL;
        ep_modify(k, it, &ev);
        return 0;
    default:
        return -AX_EINVAL;
    }
}

/* ---- epoll_wait ---- */

/* Report up to max ready watches into out (Linux's ep_send_events). The
 * list is taken whole first, so a level-triggered watch that reports goes
 * back behind the ones not reached this time. */
static int ep_send_events(Kernel *k, Epoll *ep, EpollEvent *out, int max) {
    EpItem *it = ep->rhead;
    EpItem *requeue = NULL, *requeue_tail = NULL;
    int n = 0;
    while (it && n < max) {
        EpItem *next = it->rnext;
        ep_ready_del(it);
        uint32_t revents = ep_item_poll(k, it);
        if (revents) {
            out[n].events = revents;
            out[n].data = it->data;
            n++;
            if (it->events & AX_EPOLLONESHOT)
                it->events &= EP_PRIVATE;
            else if (!(it->events & AX_EPOLLET)) {
                it->rnext = NULL; /* level: kept, behind the others */
                if (requeue_tail)
                    requeue_tail->rnext = it;
                else
                    requeue = it;
                requeue_tail = it;
            }
        }
        it = next;
    }
    for (it = requeue; it;) {
        EpItem *next = it->rnext;
        ep_ready_add(it);
        it = next;
    }
    return n;
}

static int64_t ep_wait(Kernel *k, Epoll *ep, EpollEvent *out, int max, uint64_t deadline) {
    Proc *p = k->cur;
    bool timer = false;
    int64_t r;
    for (;;) {
        r = ep_send_events(k, ep, out, max);
        if (r > 0)
            break;
        if (sig_deliverable(p)) {
            r = -KERR_INTR;
            break;
        }
        if (deadline == 0 || (timer && p->timed_out))
            break;
        if (deadline != UINT64_MAX && !timer) {
            if (sched_timeout_arm(k, deadline) < 0) {
                r = -AX_ENOMEM;
                break;
            }
            timer = true;
        }
        if (!sched_wait_here(k, &ep->wq)) {
            r = ep_send_events(k, ep, out, max); /* events win over the signal */
            if (r == 0)
                r = -KERR_INTR;
            break;
        }
    }
    if (timer)
        ktimer_disarm(k, &p->sleep_timer);
    return r;
}

static int64_t epoll_wait_common(Kernel *k, const SyscallArgs *a, const SigSet *mask) {
    EpollEvent *out = ARG_PTR(EpollEvent *, 1);
    int max = ARG_INT(2), ms = ARG_INT(3);
    /* Linux's order: the count, the buffer, then the fd */
    if (max < 1 || max > AX_EPOLL_MAX_EVENTS)
        return -AX_EINVAL;
    if (!out)
        return -AX_EFAULT;
    KObject *o = fd_get(k->cur, ARG_INT(0));
    if (!o)
        return -AX_EBADF;
    if (!ep_of(o))
        return -AX_EINVAL;
    uint64_t deadline = ms < 0 ? UINT64_MAX : ms == 0 ? 0 : poll_deadline(k, (uint64_t)ms * 1000000u);
    if (mask)
        sig_mask_temp(k->cur, *mask);
    int64_t r = ep_wait(k, o->priv, out, max, deadline);
    if (mask)
        sig_mask_temp_end(k->cur);
    return r;
}

int64_t ksys_epoll_wait(Kernel *k, const SyscallArgs *a) {
    return epoll_wait_common(k, a, NULL);
}

int64_t ksys_epoll_pwait(Kernel *k, const SyscallArgs *a) {
    return epoll_wait_common(k, a, ARG_PTR(const SigSet *, 4));
}
