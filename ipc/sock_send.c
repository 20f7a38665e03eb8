/* Sending: the messages themselves (allocation, the sender's sndbuf and
 * the system memory limit), a stream's pieces, a datagram, and the send
 * calls (sendto, sendmsg; write(2) comes through socket.c).
 *
 * A send that cannot go on waits from the top (sched_wait): a stream
 * write that went in part keeps its progress in Proc.io_done, as a pipe
 * write does, and the fds it carries go with its first piece only. */
#include <string.h>

#include "ipc/socket.h"
#include "kernel/fd.h"
#include "kernel/sched.h"
#include "kernel/account.h"
#include "signal/signal.h"
#include "syscall/handlers.h"

#define SOCK_IOV_MAX 1024 /* Linux's UIO_MAXIOV */

int64_t sock_iov_len(const IoVec *iov, size_t n) {
    if (n > SOCK_IOV_MAX)
        return -AX_EINVAL;
    if (n && !iov)
        return -AX_EFAULT;
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (iov[i].len && !iov[i].base)
            return -AX_EFAULT;
        total += iov[i].len;
        if (iov[i].len > (size_t)INT64_MAX || total > (uint64_t)INT64_MAX)
            return -AX_EINVAL;
    }
    return (int64_t)total;
}

/* Copy n bytes of the iovec, from byte `skip` of it on, to dst. */
static void sock_iov_gather(uint8_t *dst, const IoVec *iov, size_t iovlen, size_t skip, size_t n) {
    for (size_t i = 0; i < iovlen && n; i++) {
        size_t l = iov[i].len;
        if (skip >= l) {
            skip -= l;
            continue;
        }
        size_t take = l - skip < n ? l - skip : n;
        memcpy(dst, (const uint8_t *)iov[i].base + skip, take);
        dst += take;
        n -= take;
        skip = 0;
    }
}

/* ---- messages ---- */

/* A message of len bytes from `from`, charged to its wmem and to the
 * account of whoever made it (and the system). NULL with *err -AX_ENOMEM
 * or -AX_ENOBUFS (a memory limit). */
static SockMsg *sock_msg_new(Kernel *k, Sock *from, size_t len, int *err) {
    uint64_t charge = len + SOCK_MSG_OVERHEAD;
    if (mem_charge(k, from->acct, MEM_SOCK, charge) < 0) {
        *err = -AX_ENOBUFS;
        return NULL;
    }
    SockMsg *m = kmem_alloc(k, sizeof *m + len);
    if (!m) {
        mem_uncharge(k, from->acct, MEM_SOCK, charge);
        *err = -AX_ENOMEM;
        return NULL;
    }
    m->len = len;
    m->charge = charge;
    m->from = sock_ref(from);
    from->wmem += charge;
    return m;
}

void sock_msg_free(Kernel *k, SockMsg *m) {
    if (m->nfds)
        sock_scm_inflight(k, m, -1);
    for (unsigned i = 0; i < m->nfds; i++)
        obj_unref(k, m->fds[i]);
    kmem_free(k, m->fds);
    Sock *from = m->from;
    if (from) {
        from->wmem -= m->charge;
        mem_uncharge(k, from->acct, MEM_SOCK, m->charge);
        /* Linux's sock_wfree: writers hear of room once a quarter is left */
        if (sock_writable(from))
            wq_wake_all(k, &from->wait);
        sock_unref(k, from);
    }
    kmem_free(k, m);
}

void sock_purge(Kernel *k, Sock *s) {
    bool was_full = s->rqlen > SOCK_MAX_DGRAM_QLEN;
    while (s->rhead) {
        SockMsg *m = s->rhead;
        s->rhead = m->next;
        sock_msg_free(k, m);
    }
    s->rtail = NULL;
    s->rqlen = 0;
    if (was_full)
        wq_wake_all(k, &s->wait);
}

/* Put m (filled) at the back of s's queue and wake its readers. */
static void sock_queue(Kernel *k, Sock *s, SockMsg *m) {
    if (m->nfds)
        sock_scm_inflight(k, m, 1);
    if (s->rtail)
        s->rtail->next = m;
    else
        s->rhead = m;
    s->rtail = m;
    s->rqlen++;
    wq_wake_all(k, &s->wait);
}

/* Fill m from the send: bytes [skip, skip + m->len) of the data, and the
 * control data when `scm` (the message's fds and credentials). */
static void sock_msg_fill(Kernel *k, SockMsg *m, SockSend *snd, size_t skip, bool scm) {
    sock_iov_gather(m->data, snd->iov, snd->iovlen, skip, m->len);
    m->cred = snd->has_cred ? snd->cred : sock_cred_of(k->cur);
    m->has_cred = snd->has_cred;
    if (scm && snd->nfds) {
        m->fds = snd->fds; /* the references move into the message */
        m->nfds = snd->nfds;
        snd->fds = NULL;
        snd->nfds = 0;
    }
}

/* ---- stream ---- */

/* EPIPE, with SIGPIPE unless MSG_NOSIGNAL (only for a write that sent
 * nothing yet, as Linux). */
static int64_t sock_pipe_error(Kernel *k, const SockSend *snd, size_t done) {
    if (done)
        return (int64_t)done;
    if (!(snd->flags & AX_MSG_NOSIGNAL))
        sig_send(k, k->cur, AX_SIGPIPE);
    return -AX_EPIPE;
}

static int64_t sock_send_stream(Kernel *k, KObject *o, Sock *s, SockSend *snd) {
    Proc *me = k->cur;
    if (snd->to)
        return s->state == SOCK_CONNECTED ? -AX_EISCONN : -AX_EOPNOTSUPP;
    Sock *peer = s->peer;
    if (!peer)
        return -AX_ENOTCONN;
    size_t done = me->io_done;
    bool nonblock = (o->flags & AX_O_NONBLOCK) || (snd->flags & AX_MSG_DONTWAIT);
    if ((s->shutdown & SOCK_SEND_SHUT) || peer->dead || (peer->shutdown & SOCK_RCV_SHUT))
        return sock_pipe_error(k, snd, done);
    while (done < snd->len) {
        if (s->wmem >= (uint64_t)s->sndbuf) {
            me->io_done = done;
            int64_t w = sock_wait(k, s, nonblock, s->sndtimeo);
            if (w == -AX_EAGAIN && done)
                return (int64_t)done;
            return w;
        }
        size_t piece = (size_t)s->sndbuf / 2 - 64;
        if (piece > SOCK_STREAM_CHUNK)
            piece = SOCK_STREAM_CHUNK;
        if (piece > snd->len - done)
            piece = snd->len - done;
        int err;
        SockMsg *m = sock_msg_new(k, s, piece, &err);
        if (!m)
            return done ? (int64_t)done : err;
        sock_msg_fill(k, m, snd, done, done == 0);
        sock_queue(k, peer, m);
        done += piece;
    }
    return (int64_t)done;
}

/* ---- datagram and seqpacket ---- */

static int64_t sock_send_dgram(Kernel *k, KObject *o, Sock *s, SockSend *snd) {
    bool nonblock = (o->flags & AX_O_NONBLOCK) || (snd->flags & AX_MSG_DONTWAIT);
    if (s->type == AX_SOCK_SEQPACKET) {
        if (s->state != SOCK_CONNECTED)
            return -AX_ENOTCONN;
        snd->to = NULL; /* a seqpacket socket sends to its peer only */
    }
    if (snd->len > (size_t)s->sndbuf - 32)
        return -AX_EMSGSIZE;
    int r;
    if (s->passcred && !s->name && (r = sock_autobind(k, s)) < 0)
        return r;
    Sock *other;
    if (snd->to) {
        if ((r = sock_find(k, snd->to, s->type, &other)) < 0)
            return r;
    } else {
        if (!s->peer)
            return -AX_ENOTCONN;
        other = sock_ref(s->peer);
    }
    int64_t res;
    if (other->dead) {
        /* the connected peer closed: a datagram socket is disconnected */
        res = s->type == AX_SOCK_SEQPACKET ? -AX_EPIPE : -AX_ECONNREFUSED;
        if (s->type == AX_SOCK_DGRAM && s->peer == other) {
            s->peer = NULL;
            s->state = SOCK_UNCONNECTED;
            sock_unref(k, other);
        }
    } else if (other->peer && other->peer != s) {
        res = -AX_EPERM; /* it receives from its own peer only */
    } else if ((s->shutdown & SOCK_SEND_SHUT) || (other->shutdown & SOCK_RCV_SHUT)) {
        res = -AX_EPIPE; /* no SIGPIPE for datagrams (Linux) */
    } else if (other->peer != s && other->rqlen > SOCK_MAX_DGRAM_QLEN) {
        res = sock_wait(k, other, nonblock, s->sndtimeo);
    } else if (s->wmem >= (uint64_t)s->sndbuf) {
        res = sock_wait(k, s, nonblock, s->sndtimeo);
    } else {
        int err;
        SockMsg *m = sock_msg_new(k, s, snd->len, &err);
        if (m) {
            sock_msg_fill(k, m, snd, 0, true);
            sock_queue(k, other, m);
            res = (int64_t)snd->len;
        } else {
            res = err;
        }
    }
    sock_unref(k, other);
    return res;
}

int64_t sock_send(Kernel *k, KObject *o, Sock *s, SockSend *snd) {
    int64_t r;
    if (snd->flags & AX_MSG_OOB)
        r = -AX_EOPNOTSUPP;
    else if (s->type == AX_SOCK_STREAM)
        r = sock_send_stream(k, o, s, snd);
    else
        r = sock_send_dgram(k, o, s, snd);
    if (r != -KERR_BLOCK)
        sock_wait_done(k);
    return r;
}

/* ---- the calls ---- */

/* Send on fd with the destination (addr NULL: none) and control data
 * (msg NULL: none). The fds taken for SCM_RIGHTS are dropped again when
 * they were not sent (an error, a wait that will take them anew). */
static int64_t sock_send_call(Kernel *k, int fd, const IoVec *iov, size_t iovlen, int flags,
                              const SockAddrUn *addr, uint32_t addrlen, const MsgHdr *msg) {
    Sock *s;
    int r = sock_lookup(k, fd, &s);
    if (r < 0)
        return r;
    int64_t len = sock_iov_len(iov, iovlen);
    if (len < 0)
        return len;
    SockName to;
    SockSend snd = {.iov = iov, .iovlen = iovlen, .len = (size_t)len, .flags = flags};
    if (addr || addrlen) {
        if ((r = sock_name_parse(addr, addrlen, &to)) < 0)
            return r;
        snd.to = &to;
    }
    /* a stream write that already went in part took its fds with it */
    if (msg && !k->cur->io_done && (r = sock_scm_parse(k, msg, &snd)) < 0)
        return r;
    int64_t res = sock_send(k, fd_get(k->cur, fd), s, &snd);
    sock_scm_drop(k, &snd);
    return res;
}

int64_t ksys_sendto(Kernel *k, const SyscallArgs *a) {
    IoVec iov = {ARG_PTR(void *, 1), ARG_SIZE(2)}; /* checked after the fd, as Linux */
    return sock_send_call(k, ARG_INT(0), &iov, 1, ARG_INT(3), ARG_PTR(const SockAddrUn *, 4),
                          (uint32_t)ARG_U64(5), NULL);
}

int64_t ksys_sendmsg(Kernel *k, const SyscallArgs *a) {
    const MsgHdr *msg = ARG_PTR(const MsgHdr *, 1);
    if (!msg)
        return -AX_EFAULT;
    return sock_send_call(k, ARG_INT(0), msg->iov, msg->iovlen, ARG_INT(2),
                          (const SockAddrUn *)msg->name, msg->name ? msg->namelen : 0, msg);
}
