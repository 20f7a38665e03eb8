/* UNIX domain sockets: the socket object, its lifetime and readiness,
 * and the calls on a socket as a whole (socket, socketpair, shutdown,
 * the names, the options). */
#include <string.h>

#include "ipc/socket.h"
#include "kernel/account.h"
#include "kernel/fd.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "syscall/handlers.h"
#include "trace/trace.h"

/* ---- lifetime ---- */

Sock *sock_new(Kernel *k, int type) {
    Sock *s = kmem_alloc(k, sizeof *s);
    if (!s)
        return NULL;
    s->type = type;
    s->refs = 1;
    s->sndbuf = s->rcvbuf = SOCK_BUF_DEFAULT;
    s->peercred = (UCred){0, (uint32_t)-1, (uint32_t)-1};
    s->ino = ++k->next_anon_ino;
    s->acct = mem_account_hold(k->cur ? k->cur->acct : NULL);
    SockState *ss = sock_state(k);
    s->all_next = ss->all;
    if (ss->all)
        ss->all->all_prev = s;
    ss->all = s;
    return s;
}

Sock *sock_ref(Sock *s) {
    s->refs++;
    return s;
}

/* A Sock's last reference: whatever pointed at it is gone, so its peer
 * pointer and queue were dropped when it closed (an embryo that never
 * got an object was closed by its listener). */
void sock_unref(Kernel *k, Sock *s) {
    if (--s->refs > 0)
        return;
    SockState *ss = sock_state(k);
    if (s->all_prev)
        s->all_prev->all_next = s->all_next;
    else
        ss->all = s->all_next;
    if (s->all_next)
        s->all_next->all_prev = s->all_prev;
    mem_account_release(k, s->acct);
    kmem_free(k, s->name);
    kmem_free(k, s);
}

KObject *sock_obj_new(Kernel *k, Sock *s, int flags) {
    KObject *o = obj_new(k, &sock_ops, AX_O_RDWR | ((uint32_t)flags & AX_O_NONBLOCK), s);
    if (o)
        s->obj = o;
    return o;
}

/* The last close (Linux's unix_release_sock): a stream or seqpacket peer
 * can no longer read more nor write, and hears ECONNRESET when data was
 * left unread here or the connection was never accepted (embryo). */
static void sock_close(Kernel *k, Sock *s, bool embryo) {
    s->dead = true;
    bool unread = s->rhead != NULL;
    if (s->state == SOCK_LISTENING)
        sock_drop_pending(k, s);
    Sock *peer = s->peer;
    if (peer) {
        if (s->type != AX_SOCK_DGRAM) {
            peer->shutdown = SOCK_RCV_SHUT | SOCK_SEND_SHUT;
            if (unread || embryo)
                peer->err = AX_ECONNRESET;
            wq_wake_all(k, &peer->wait);
        }
        s->peer = NULL;
        sock_unref(k, peer);
    }
    sock_purge(k, s);
    sock_unbind(k, s);
    wq_wake_all(k, &s->wait); /* datagram senders waiting for room here */
}

void sock_drop_pending(Kernel *k, Sock *l) {
    while (l->rhead) {
        SockMsg *m = l->rhead;
        l->rhead = m->next;
        l->rqlen--;
        Sock *e = m->conn;
        m->conn = NULL;
        if (e) {
            sock_close(k, e, true);
            sock_unref(k, e);
        }
        sock_msg_free(k, m);
    }
    l->rtail = NULL;
}

static void sock_obj_release(Kernel *k, KObject *o) {
    Sock *s = o->priv;
    if (!s)
        return; /* an accept that could not install its fd (sock_conn.c) */
    s->obj = NULL;
    sock_close(k, s, false);
    sock_unref(k, s);
    if (sock_state(k)->inflight)
        sock_gc(k);
}

/* ---- waiting ---- */

int64_t sock_wait(Kernel *k, Sock *s, bool nonblock, int64_t timeo) {
    Proc *p = k->cur;
    if (nonblock)
        return -AX_EAGAIN;
    if (timeo > 0) {
        if (!p->retry) {
            uint64_t now = clock_now(k);
            uint64_t deadline = (uint64_t)timeo > UINT64_MAX - 1 - now ? UINT64_MAX - 1 : now + (uint64_t)timeo;
            if (sched_timeout_arm(k, deadline) < 0)
                return -AX_ENOMEM;
        } else if (p->timed_out) {
            return -AX_EAGAIN; /* SO_RCVTIMEO / SO_SNDTIMEO ran out */
        }
        p->no_restart = true; /* a call with a timeout is not restarted (Linux) */
    }
    return sched_wait(k, &s->wait);
}

void sock_wait_done(Kernel *k) {
    Proc *p = k->cur;
    if (ktimer_armed(&p->sleep_timer))
        ktimer_disarm(k, &p->sleep_timer);
}

/* ---- the object's operations ---- */

static int64_t sock_obj_read(Kernel *k, KObject *o, void *buf, size_t n) {
    IoVec iov = {buf, n};
    SockRecv r = {.iov = &iov, .iovlen = 1, .len = n};
    return sock_recv(k, o, o->priv, &r);
}

static int64_t sock_obj_write(Kernel *k, KObject *o, const void *buf, size_t n) {
    IoVec iov = {(void *)buf, n};
    SockSend m = {.iov = &iov, .iovlen = 1, .len = n};
    return sock_send(k, o, o->priv, &m);
}

/* Readiness as Linux's unix_poll (stream) and unix_dgram_poll. */
static unsigned sock_poll(Kernel *k, KObject *o, PollTable *pt) {
    Sock *s = o->priv;
    poll_wait(k, pt, &s->wait);
    unsigned mask = 0;
    if (s->err)
        mask |= AX_POLLERR;
    if (s->shutdown == (SOCK_RCV_SHUT | SOCK_SEND_SHUT))
        mask |= AX_POLLHUP;
    if (s->shutdown & SOCK_RCV_SHUT)
        mask |= AX_POLLRDHUP | AX_POLLIN | AX_POLLRDNORM;
    if (s->rhead)
        mask |= AX_POLLIN | AX_POLLRDNORM;
    if (s->type != AX_SOCK_DGRAM && s->state == SOCK_UNCONNECTED)
        mask |= AX_POLLHUP;
    bool writable = sock_writable(s);
    Sock *peer = s->peer;
    /* a datagram peer whose queue is full (and who is not connected back
     * to us): not writable, and its reads will make us so */
    if (writable && s->type == AX_SOCK_DGRAM && peer && peer->peer != s &&
        peer->rqlen > SOCK_MAX_DGRAM_QLEN) {
        poll_wait(k, pt, &peer->wait);
        writable = false;
    }
    if (writable)
        mask |= AX_POLLOUT | AX_POLLWRNORM | AX_POLLWRBAND;
    return mask;
}

static int sock_stat(Kernel *k, KObject *o, FileStat *st) {
    Sock *s = o->priv;
    st->dev = 3;
    st->ino = s->ino;
    st->mode = AX_S_IFSOCK | 0777;
    st->nlink = 1;
    return 0;
}

const ObjOps sock_ops = {
    .kind = "socket",
    .read = sock_obj_read,
    .write = sock_obj_write,
    .stat = sock_stat,
    .poll = sock_poll,
    .release = sock_obj_release,
    .stat_mode = AX_S_IFSOCK,
};

int sock_lookup(Kernel *k, int fd, Sock **out) {
    KObject *o = fd_get(k->cur, fd);
    if (!o)
        return -AX_EBADF;
    if (o->ops != &sock_ops)
        return -AX_ENOTSOCK;
    *out = o->priv;
    return 0;
}

UCred sock_cred_of(const Proc *p) {
    return (UCred){p->pid, p->cred.euid, p->cred.egid}; /* Linux sends the effective ids */
}

/* ---- socket, socketpair ---- */

#define SOCK_TYPE_MAX 11 /* Linux's SOCK_MAX */

/* Check socket(2)'s arguments in Linux's order; the type's flag bits go
 * to *flags. */
static int sock_check(int domain, int type, int protocol, int *base, int *flags) {
    *flags = type & ~0xf;
    if (*flags & ~(AX_SOCK_NONBLOCK | AX_SOCK_CLOEXEC))
        return -AX_EINVAL;
    type &= 0xf;
    if (domain < 0 || domain >= 46) /* Linux's AF_MAX */
        return -AX_EAFNOSUPPORT;
    if (type >= SOCK_TYPE_MAX)
        return -AX_EINVAL;
    if (domain != AX_AF_UNIX)
        return -AX_EAFNOSUPPORT;
    if (protocol != 0 && protocol != AX_PF_UNIX)
        return -AX_EPROTONOSUPPORT;
    switch (type) {
    case AX_SOCK_STREAM:
    case AX_SOCK_DGRAM:
    case AX_SOCK_SEQPACKET: *base = type; return 0;
    case AX_SOCK_RAW: *base = AX_SOCK_DGRAM; return 0;
    default: return -AX_ESOCKTNOSUPPORT;
    }
}

/* A new socket with its object; NULL when memory runs out. */
static KObject *sock_create(Kernel *k, int type, int flags) {
    Sock *s = sock_new(k, type);
    if (!s)
        return NULL;
    KObject *o = sock_obj_new(k, s, flags);
    if (!o)
        sock_unref(k, s);
    return o;
}

int64_t ksys_socket(Kernel *k, const SyscallArgs *a) {
    int type, flags;
    int r = sock_check(ARG_INT(0), ARG_INT(1), ARG_INT(2), &type, &flags);
    if (r < 0)
        return r;
    KObject *o = sock_create(k, type, flags);
    if (!o)
        return -AX_ENOMEM;
    int fd = fd_install(k, k->cur, o, 0, (flags & AX_SOCK_CLOEXEC) != 0);
    if (fd < 0)
        obj_unref(k, o);
    return fd;
}

int64_t ksys_socketpair(Kernel *k, const SyscallArgs *a) {
    int type, flags;
    int *sv = ARG_PTR(int *, 3);
    Proc *me = k->cur;
    int r = sock_check(ARG_INT(0), ARG_INT(1), ARG_INT(2), &type, &flags);
    if (r < 0)
        return r;
    if (!sv)
        return -AX_EFAULT;
    if (fd_free_count(me) < 2)
        return -AX_EMFILE;
    KObject *o1 = sock_create(k, type, flags), *o2 = o1 ? sock_create(k, type, flags) : NULL;
    if (!o2) {
        if (o1)
            obj_unref(k, o1);
        return -AX_ENOMEM;
    }
    Sock *s1 = o1->priv, *s2 = o2->priv;
    s1->peer = sock_ref(s2);
    s2->peer = sock_ref(s1);
    s1->state = s2->state = SOCK_CONNECTED;
    s1->peercred = s2->peercred = sock_cred_of(me);
    bool cloexec = (flags & AX_SOCK_CLOEXEC) != 0;
    int fd1 = fd_install(k, me, o1, 0, cloexec);
    int fd2 = fd1 < 0 ? fd1 : fd_install(k, me, o2, 0, cloexec);
    if (fd2 < 0) {
        if (fd1 >= 0)
            fd_close(k, me, fd1);
        else
            obj_unref(k, o1);
        obj_unref(k, o2);
        return fd2;
    }
    sv[0] = fd1;
    sv[1] = fd2;
    if (trace_enabled(k))
        trace_emit(k, TRACE_IPC, "socketpair", me->pid, NULL);
    return 0;
}

/* ---- shutdown, names ---- */

int64_t ksys_shutdown(Kernel *k, const SyscallArgs *a) {
    Sock *s;
    int r = sock_lookup(k, ARG_INT(0), &s);
    if (r < 0)
        return r;
    int how = ARG_INT(1);
    if (how < AX_SHUT_RD || how > AX_SHUT_RDWR)
        return -AX_EINVAL;
    int mode = how + 1; /* SHUT_RD -> RCV, SHUT_WR -> SEND, both */
    s->shutdown |= mode;
    wq_wake_all(k, &s->wait);
    Sock *peer = s->peer;
    if (peer && s->type != AX_SOCK_DGRAM) {
        int peer_mode = 0;
        if (mode & SOCK_RCV_SHUT)
            peer_mode |= SOCK_SEND_SHUT;
        if (mode & SOCK_SEND_SHUT)
            peer_mode |= SOCK_RCV_SHUT;
        peer->shutdown |= peer_mode;
        wq_wake_all(k, &peer->wait);
    }
    return 0;
}

int64_t ksys_getsockname(Kernel *k, const SyscallArgs *a) {
    Sock *s;
    int r = sock_lookup(k, ARG_INT(0), &s);
    if (r < 0)
        return r;
    return sock_name_out(s, ARG_PTR(SockAddrUn *, 1), ARG_PTR(uint32_t *, 2));
}

int64_t ksys_getpeername(Kernel *k, const SyscallArgs *a) {
    Sock *s;
    int r = sock_lookup(k, ARG_INT(0), &s);
    if (r < 0)
        return r;
    if (!s->peer)
        return -AX_ENOTCONN;
    return sock_name_out(s->peer, ARG_PTR(SockAddrUn *, 1), ARG_PTR(uint32_t *, 2));
}

/* ---- options ---- */

/* SO_SNDBUF / SO_RCVBUF: Linux doubles what is asked (for its
 * bookkeeping), within [min, 2 * max]. */
static int sock_buf_size(int val, int min) {
    uint32_t v = (uint32_t)val;
    if (v > SOCK_BUF_MAX)
        v = SOCK_BUF_MAX;
    return (int)v * 2 > min ? (int)v * 2 : min;
}

int64_t ksys_setsockopt(Kernel *k, const SyscallArgs *a) {
    Sock *s;
    int r = sock_lookup(k, ARG_INT(0), &s);
    if (r < 0)
        return r;
    int level = ARG_INT(1), name = ARG_INT(2);
    const void *val = ARG_PTR(const void *, 3);
    uint32_t len = (uint32_t)ARG_U64(4);
    if (level != AX_SOL_SOCKET)
        return -AX_EOPNOTSUPP;
    bool timeo = name == AX_SO_RCVTIMEO || name == AX_SO_SNDTIMEO;
    if (len < (timeo ? sizeof(int64_t) : sizeof(int)))
        return -AX_EINVAL;
    if (!val)
        return -AX_EFAULT;
    int v = 0;
    int64_t ns = 0;
    if (timeo) {
        memcpy(&ns, val, sizeof ns);
        if (ns < 0)
            return -AX_EINVAL;
    } else {
        memcpy(&v, val, sizeof v);
    }
    switch (name) {
    case AX_SO_SNDBUF:
        s->sndbuf = sock_buf_size(v, SOCK_MIN_SNDBUF);
        wq_wake_all(k, &s->wait); /* writers may go on */
        return 0;
    case AX_SO_RCVBUF: s->rcvbuf = sock_buf_size(v, SOCK_MIN_RCVBUF); return 0;
    case AX_SO_PASSCRED: s->passcred = v != 0; return 0;
    case AX_SO_REUSEADDR: s->reuseaddr = v != 0; return 0;
    case AX_SO_KEEPALIVE: s->keepalive = v != 0; return 0;
    case AX_SO_RCVTIMEO: s->rcvtimeo = ns; return 0;
    case AX_SO_SNDTIMEO: s->sndtimeo = ns; return 0;
    default: return -AX_ENOPROTOOPT;
    }
}

int64_t ksys_getsockopt(Kernel *k, const SyscallArgs *a) {
    Sock *s;
    int r = sock_lookup(k, ARG_INT(0), &s);
    if (r < 0)
        return r;
    int level = ARG_INT(1), name = ARG_INT(2);
    void *val = ARG_PTR(void *, 3);
    uint32_t *lenp = ARG_PTR(uint32_t *, 4);
    if (level != AX_SOL_SOCKET)
        return -AX_EOPNOTSUPP;
    if (!lenp)
        return -AX_EFAULT;
    int v = 0;
    int64_t ns = 0;
    UCred cred;
    const void *src = &v;
    uint32_t size = sizeof v;
    switch (name) {
    case AX_SO_TYPE: v = s->type; break;
    case AX_SO_DOMAIN: v = AX_AF_UNIX; break;
    case AX_SO_PROTOCOL: v = 0; break;
    case AX_SO_ACCEPTCONN: v = s->state == SOCK_LISTENING; break;
    case AX_SO_ERROR: v = s->err; break;
    case AX_SO_SNDBUF: v = s->sndbuf; break;
    case AX_SO_RCVBUF: v = s->rcvbuf; break;
    case AX_SO_PASSCRED: v = s->passcred; break;
    case AX_SO_REUSEADDR: v = s->reuseaddr; break;
    case AX_SO_KEEPALIVE: v = s->keepalive; break;
    case AX_SO_RCVTIMEO: ns = s->rcvtimeo; src = &ns; size = sizeof ns; break;
    case AX_SO_SNDTIMEO: ns = s->sndtimeo; src = &ns; size = sizeof ns; break;
    case AX_SO_PEERCRED: cred = s->peercred; src = &cred; size = sizeof cred; break;
    default: return -AX_ENOPROTOOPT;
    }
    uint32_t room = *lenp;
    if (room > size)
        room = size;
    if (room && !val)
        return -AX_EFAULT;
    memcpy(val, src, room);
    *lenp = room;
    if (name == AX_SO_ERROR)
        s->err = 0; /* read once, as sock_error does */
    return 0;
}
