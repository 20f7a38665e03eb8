/* Receiving: a stream's bytes across messages (Linux's
 * unix_stream_read_generic), a datagram or seqpacket message whole
 * (unix_dgram_recvmsg), and the receive calls (recvfrom, recvmsg; read(2)
 * comes through socket.c).
 *
 * A receive that finds nothing waits from the top (sched_wait); a stream
 * read with MSG_WAITALL keeps what it copied so far in Proc.io_done. */
#include <string.h>

#include "ipc/socket.h"
#include "kernel/fd.h"
#include "kernel/sched.h"
#include "syscall/handlers.h"

/* Copy n bytes from src into the iovec, from byte `skip` of it on. */
static void sock_iov_scatter(const IoVec *iov, size_t iovlen, size_t skip, const uint8_t *src,
                             size_t n) {
    for (size_t i = 0; i < iovlen && n; i++) {
        size_t l = iov[i].len;
        if (skip >= l) {
            skip -= l;
            continue;
        }
        size_t take = l - skip < n ? l - skip : n;
        memcpy((uint8_t *)iov[i].base + skip, src, take);
        src += take;
        n -= take;
        skip = 0;
    }
}

static bool sock_cred_eq(const UCred *a, const UCred *b) {
    return a->pid == b->pid && a->uid == b->uid && a->gid == b->gid;
}

/* Take m off the head of s's queue (it was the head) and free it. */
static void sock_dequeue_head(Kernel *k, Sock *s) {
    SockMsg *m = s->rhead;
    bool was_full = s->rqlen > SOCK_MAX_DGRAM_QLEN;
    s->rhead = m->next;
    if (!s->rhead)
        s->rtail = NULL;
    s->rqlen--;
    sock_msg_free(k, m);
    if (was_full) /* datagram senders waiting for room */
        wq_wake_all(k, &s->wait);
}

/* Nothing (more) to read: the error, end of file, or a wait. copied
 * bytes are already the caller's. */
static int64_t sock_recv_empty(Kernel *k, KObject *o, Sock *s, SockRecv *r, size_t copied,
                               bool eof_first) {
    if (s->err) {
        int e = s->err;
        s->err = 0;
        return copied ? (int64_t)copied : -e;
    }
    bool nonblock = (o->flags & AX_O_NONBLOCK) || (r->flags & AX_MSG_DONTWAIT);
    if ((s->shutdown & SOCK_RCV_SHUT) && (eof_first || !nonblock))
        return (int64_t)copied;
    k->cur->io_done = copied;
    int64_t w = sock_wait(k, s, nonblock, s->rcvtimeo);
    return w == -AX_EAGAIN && copied ? (int64_t)copied : w;
}

static int64_t sock_recv_stream(Kernel *k, KObject *o, Sock *s, SockRecv *r) {
    if (s->state != SOCK_CONNECTED)
        return -AX_EINVAL;
    bool peek = (r->flags & AX_MSG_PEEK) != 0;
    size_t copied = peek ? 0 : k->cur->io_done;
    size_t target = !peek && (r->flags & AX_MSG_WAITALL) ? r->len : 1;
    if (target == 0)
        target = 1; /* Linux's sock_rcvlowat: at least one byte */
    SockMsg *m = s->rhead;
    bool have_first = false;
    UCred first = {0, 0, 0};
    for (;;) {
        if (!m) {
            if (copied >= target)
                break;
            return sock_recv_empty(k, o, s, r, copied, true);
        }
        /* with SO_PASSCRED, never glue messages of different senders */
        if (s->passcred) {
            if (have_first && !sock_cred_eq(&first, &m->cred))
                break;
            first = m->cred;
            have_first = true;
        }
        size_t avail = m->len - m->off, room = r->len - copied;
        size_t take = avail < room ? avail : room;
        sock_iov_scatter(r->iov, r->iovlen, copied, m->data + m->off, take);
        copied += take;
        bool had_fds = m->nfds > 0;
        if (had_fds || (s->passcred && r->control))
            sock_scm_deliver(k, s, m, r, peek);
        if (peek) { /* a peek reads on across messages, up to one with fds */
            if (had_fds || copied == r->len)
                break;
            m = m->next;
            continue;
        }
        m->off += take;
        if (m->off < m->len)
            break; /* the buffer is full */
        sock_dequeue_head(k, s);
        m = s->rhead;
        if (had_fds || copied == r->len)
            break; /* a message with fds ends a read (Linux) */
    }
    return (int64_t)copied;
}

static int64_t sock_recv_dgram(Kernel *k, KObject *o, Sock *s, SockRecv *r) {
    if (s->type == AX_SOCK_SEQPACKET && s->state != SOCK_CONNECTED)
        return -AX_ENOTCONN;
    SockMsg *m = s->rhead;
    if (!m) /* non-blocking: EOF for seqpacket only, as Linux */
        return sock_recv_empty(k, o, s, r, 0, s->type == AX_SOCK_SEQPACKET);
    size_t take = m->len < r->len ? m->len : r->len;
    sock_iov_scatter(r->iov, r->iovlen, 0, m->data, take);
    if (take < m->len)
        r->out_flags |= AX_MSG_TRUNC;
    if (r->from) {
        const SockName *name = m->from ? m->from->name : NULL;
        uint32_t len = name ? name->len : 0; /* an unnamed sender: length 0 */
        if (name)
            memcpy(r->from, &name->addr, len < r->fromlen ? len : r->fromlen);
        r->fromlen = len;
    }
    sock_scm_deliver(k, s, m, r, (r->flags & AX_MSG_PEEK) != 0);
    int64_t res = (r->flags & AX_MSG_TRUNC) ? (int64_t)m->len : (int64_t)take;
    if (!(r->flags & AX_MSG_PEEK))
        sock_dequeue_head(k, s);
    return res;
}

int64_t sock_recv(Kernel *k, KObject *o, Sock *s, SockRecv *r) {
    int64_t res;
    if (r->flags & AX_MSG_OOB)
        res = -AX_EOPNOTSUPP;
    else if (s->type == AX_SOCK_STREAM)
        res = sock_recv_stream(k, o, s, r);
    else
        res = sock_recv_dgram(k, o, s, r);
    if (res != -KERR_BLOCK)
        sock_wait_done(k);
    return res;
}

/* ---- the calls ---- */

int64_t ksys_recvfrom(Kernel *k, const SyscallArgs *a) {
    Sock *s;
    int fd = ARG_INT(0);
    int r = sock_lookup(k, fd, &s);
    if (r < 0)
        return r;
    IoVec iov = {ARG_PTR(void *, 1), ARG_SIZE(2)};
    SockAddrUn *addr = ARG_PTR(SockAddrUn *, 4);
    uint32_t *lenp = ARG_PTR(uint32_t *, 5);
    int64_t len = sock_iov_len(&iov, 1);
    if (len < 0)
        return len;
    if (addr && !lenp)
        return -AX_EFAULT;
    SockRecv rv = {.iov = &iov, .iovlen = 1, .len = (size_t)len, .flags = ARG_INT(3),
                   .from = addr, .fromlen = addr ? *lenp : 0};
    int64_t res = sock_recv(k, fd_get(k->cur, fd), s, &rv);
    if (res >= 0 && addr)
        *lenp = rv.from ? rv.fromlen : 0;
    return res;
}

int64_t ksys_recvmsg(Kernel *k, const SyscallArgs *a) {
    Sock *s;
    int fd = ARG_INT(0);
    MsgHdr *msg = ARG_PTR(MsgHdr *, 1);
    int r = sock_lookup(k, fd, &s);
    if (r < 0)
        return r;
    if (!msg)
        return -AX_EFAULT;
    int64_t len = sock_iov_len(msg->iov, msg->iovlen);
    if (len < 0)
        return len;
    if (msg->controllen && !msg->control)
        return -AX_EFAULT;
    SockRecv rv = {.iov = msg->iov, .iovlen = msg->iovlen, .len = (size_t)len,
                   .flags = ARG_INT(2), .from = msg->name,
                   .fromlen = msg->name ? msg->namelen : 0, .control = msg->control,
                   .ctl_room = msg->control ? msg->controllen : 0};
    int64_t res = sock_recv(k, fd_get(k->cur, fd), s, &rv);
    if (res < 0)
        return res;
    if (msg->name)
        msg->namelen = rv.fromlen;
    msg->controllen = rv.ctl_used;
    msg->flags = rv.out_flags;
    return res;
}
