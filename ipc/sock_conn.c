/* Connections: listen, connect and accept (Linux's unix_listen,
 * unix_stream_connect, unix_dgram_connect, unix_accept).
 *
 * A stream or seqpacket connect that finds room in the listener's queue
 * is done at once: it makes the server side's Sock (an "embryo", no
 * KObject yet), connects the two, and queues the embryo on the listener
 * for accept, which gives it an object and an fd. The client may write
 * meanwhile; what it writes waits in the embryo's queue. */
#include <string.h>

#include "ipc/socket.h"
#include "kernel/fd.h"
#include "kernel/sched.h"
#include "syscall/handlers.h"
#include "trace/trace.h"

int64_t ksys_listen(Kernel *k, const SyscallArgs *a) {
    Sock *s;
    int r = sock_lookup(k, ARG_INT(0), &s);
    if (r < 0)
        return r;
    int backlog = ARG_INT(1);
    if (s->type == AX_SOCK_DGRAM)
        return -AX_EOPNOTSUPP;
    if (!s->name || (s->state != SOCK_UNCONNECTED && s->state != SOCK_LISTENING))
        return -AX_EINVAL;
    if ((unsigned)backlog > AX_SOMAXCONN)
        backlog = AX_SOMAXCONN;
    if (s->state == SOCK_LISTENING && backlog > s->backlog)
        wq_wake_all(k, &s->wait); /* room for connectors waiting */
    s->backlog = backlog;
    s->state = SOCK_LISTENING;
    s->peercred = sock_cred_of(k->cur); /* what connectors will see */
    return 0;
}

/* ---- connect ---- */

/* A datagram socket leaves its peer: what it had queued goes, and a peer
 * connected back to it hears ECONNRESET (Linux's unix_dgram_disconnected). */
static void sock_dgram_disconnect(Kernel *k, Sock *s) {
    Sock *old = s->peer;
    if (!old)
        return;
    s->peer = NULL;
    s->state = SOCK_UNCONNECTED;
    if (s->rhead) {
        sock_purge(k, s);
        if (!old->dead && old->peer == s) {
            old->err = AX_ECONNRESET;
            wq_wake_all(k, &old->wait);
        }
    }
    sock_unref(k, old);
}

static int64_t sock_dgram_connect(Kernel *k, Sock *s, const SockAddrUn *addr, uint32_t len) {
    if (len >= 2 && addr && addr->sun_family == AX_AF_UNSPEC) {
        sock_dgram_disconnect(k, s);
        return 0;
    }
    SockName name;
    int r = sock_name_parse(addr, len, &name);
    if (r < 0)
        return r;
    if (s->passcred && !s->name && (r = sock_autobind(k, s)) < 0)
        return r;
    Sock *other;
    if ((r = sock_find(k, &name, s->type, &other)) < 0)
        return r;
    if (other->peer && other->peer != s) { /* it receives from its peer only */
        sock_unref(k, other);
        return -AX_EPERM;
    }
    if (s->peer == other) {
        sock_unref(k, other);
        return 0;
    }
    sock_dgram_disconnect(k, s);
    s->peer = other; /* the reference sock_find took */
    s->state = SOCK_CONNECTED;
    return 0;
}

static int64_t sock_stream_connect(Kernel *k, KObject *o, Sock *s, const SockAddrUn *addr,
                                   uint32_t len) {
    SockName name;
    int r = sock_name_parse(addr, len, &name);
    if (r < 0)
        return r;
    if (s->passcred && !s->name && (r = sock_autobind(k, s)) < 0)
        return r;
    Sock *l;
    if ((r = sock_find(k, &name, s->type, &l)) < 0)
        return r;
    if (l->state != SOCK_LISTENING || (l->shutdown & SOCK_RCV_SHUT)) {
        r = -AX_ECONNREFUSED;
    } else if (l->rqlen > (size_t)l->backlog) {
        /* the backlog is full: wait for an accept (or for the listener's
         * end, which refuses) */
        r = (int)sock_wait(k, l, (o->flags & AX_O_NONBLOCK) != 0, s->sndtimeo);
    } else if (s->state == SOCK_CONNECTED) {
        r = -AX_EISCONN;
    } else if (s->state != SOCK_UNCONNECTED) {
        r = -AX_EINVAL;
    } else {
        Sock *e = sock_new(k, s->type);
        SockName *ename = e ? kmem_alloc(k, sizeof *ename) : NULL;
        SockMsg *m = ename ? kmem_alloc(k, sizeof *m) : NULL;
        if (!m) {
            kmem_free(k, ename);
            if (e)
                sock_unref(k, e);
            r = -AX_ENOMEM;
        } else {
            *ename = *l->name; /* an accepted socket's own name is the listener's */
            e->name = ename;
            e->state = s->state = SOCK_CONNECTED;
            e->peer = sock_ref(s);
            s->peer = sock_ref(e);
            e->peercred = sock_cred_of(k->cur);
            s->peercred = l->peercred;
            m->conn = e; /* the embryo's first reference */
            if (l->rtail)
                l->rtail->next = m;
            else
                l->rhead = m;
            l->rtail = m;
            l->rqlen++;
            wq_wake_all(k, &l->wait);
            r = 0;
        }
    }
    sock_unref(k, l);
    return r;
}

int64_t ksys_connect(Kernel *k, const SyscallArgs *a) {
    Sock *s;
    int r = sock_lookup(k, ARG_INT(0), &s);
    if (r < 0)
        return r;
    const SockAddrUn *addr = ARG_PTR(const SockAddrUn *, 1);
    uint32_t len = (uint32_t)ARG_U64(2);
    int64_t res = s->type == AX_SOCK_DGRAM
                      ? sock_dgram_connect(k, s, addr, len)
                      : sock_stream_connect(k, fd_get(k->cur, ARG_INT(0)), s, addr, len);
    if (res != -KERR_BLOCK)
        sock_wait_done(k);
    return res;
}

/* ---- accept ---- */

int64_t ksys_accept4(Kernel *k, const SyscallArgs *a) {
    Proc *me = k->cur;
    int flags = ARG_INT(3);
    SockAddrUn *addr = ARG_PTR(SockAddrUn *, 1);
    uint32_t *lenp = ARG_PTR(uint32_t *, 2);
    if (flags & ~(AX_SOCK_NONBLOCK | AX_SOCK_CLOEXEC))
        return -AX_EINVAL;
    Sock *l;
    int r = sock_lookup(k, ARG_INT(0), &l);
    if (r < 0)
        return r;
    if (l->type == AX_SOCK_DGRAM)
        return -AX_EOPNOTSUPP;
    if (l->state != SOCK_LISTENING)
        return -AX_EINVAL;
    if (addr && !lenp)
        return -AX_EFAULT;
    if (fd_free_count(me) == 0) /* Linux takes the fd before it waits */
        return -AX_EMFILE;
    if (!l->rhead) {
        int64_t w = sock_wait(k, l, (l->obj->flags & AX_O_NONBLOCK) != 0, l->rcvtimeo);
        if (w != -KERR_BLOCK)
            sock_wait_done(k);
        return w;
    }
    sock_wait_done(k);
    SockMsg *m = l->rhead;
    Sock *e = m->conn;
    KObject *o = sock_obj_new(k, e, flags);
    if (!o)
        return -AX_ENOMEM;
    int fd = fd_install(k, me, o, 0, (flags & AX_SOCK_CLOEXEC) != 0);
    if (fd < 0) { /* the connection stays queued */
        e->obj = NULL;
        o->priv = NULL;
        obj_unref(k, o);
        return fd;
    }
    l->rhead = m->next;
    if (!l->rhead)
        l->rtail = NULL;
    l->rqlen--;
    m->conn = NULL; /* its reference is the object's now */
    sock_msg_free(k, m);
    wq_wake_all(k, &l->wait); /* room for a connector waiting */
    if (addr)
        sock_name_out(e->peer ? e->peer : e, addr, lenp);
    if (trace_enabled(k))
        trace_emit(k, TRACE_IPC, "accept", me->pid, NULL);
    return fd;
}
