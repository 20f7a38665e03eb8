/* Control messages: SCM_RIGHTS (fds) and SCM_CREDENTIALS, taken from
 * sendmsg and handed to recvmsg (Linux's __scm_send, scm_recv), and the
 * collector of sockets that only in-flight messages hold (unix_gc).
 *
 * An fd sent is a reference to its open file, held by the message until
 * a receiver installs it. A socket whose references are all such (it was
 * sent, and every fd on it closed) can be reached only by receiving it;
 * if no socket that a process can still read from leads to it, nothing
 * ever will, and it would live for ever: a socket sent over itself, or
 * two sent over each other. sock_gc finds those by marking what is
 * reachable from the sockets that have a holder outside the queues, and
 * drops the queues of the rest, which frees them. */
#include <string.h>

#include "ipc/socket.h"
#include "kernel/fd.h"
#include "syscall/handlers.h"

/* ---- sending ---- */

static int scm_take_fds(Kernel *k, const CmsgHdr *c, SockSend *m) {
    size_t n = (c->len - AX_CMSG_ALIGN(sizeof(CmsgHdr))) / sizeof(int);
    if (c->len < AX_CMSG_ALIGN(sizeof(CmsgHdr)) || n == 0)
        return 0;
    if (m->nfds + n > SOCK_MAX_FDS)
        return -AX_EINVAL;
    KObject **fds = kmem_realloc(k, m->fds, (m->nfds + n) * sizeof *fds);
    if (!fds)
        return -AX_ENOMEM;
    m->fds = fds;
    const int *in = (const int *)AX_CMSG_DATA(c);
    for (size_t i = 0; i < n; i++) {
        int fd;
        memcpy(&fd, in + i, sizeof fd);
        KObject *o = fd_get(k->cur, fd);
        if (!o)
            return -AX_EBADF;
        m->fds[m->nfds++] = obj_ref(o);
    }
    return 0;
}

/* A sender may claim only its own pid, and a uid (gid) among its real,
 * effective and saved ones; root may claim any (Linux's scm_check_creds:
 * CAP_SYS_ADMIN, CAP_SETUID, CAP_SETGID). */
static int scm_take_cred(Kernel *k, const CmsgHdr *c, SockSend *m) {
    UCred cred;
    if (c->len != AX_CMSG_LEN(sizeof cred))
        return -AX_EINVAL;
    memcpy(&cred, AX_CMSG_DATA(c), sizeof cred);
    const Cred *me = &k->cur->cred;
    bool uid_ok = cred.uid == me->ruid || cred.uid == me->euid || cred.uid == me->suid;
    bool gid_ok = cred.gid == me->rgid || cred.gid == me->egid || cred.gid == me->sgid;
    if (!cred_capable(me) && (cred.pid != k->cur->pid || !uid_ok || !gid_ok))
        return -AX_EPERM;
    m->cred = cred;
    m->has_cred = true;
    return 0;
}

int sock_scm_parse(Kernel *k, const MsgHdr *msg, SockSend *m) {
    if (msg->controllen && !msg->control)
        return -AX_EFAULT;
    if (msg->controllen > INT32_MAX)
        return -AX_ENOBUFS;
    const unsigned char *base = msg->control;
    size_t room = msg->controllen;
    int r = 0;
    for (size_t off = 0; r == 0 && room >= sizeof(CmsgHdr) && off <= room - sizeof(CmsgHdr);) {
        CmsgHdr c;
        memcpy(&c, base + off, sizeof c);
        if (c.len < sizeof c || c.len > room - off) {
            r = -AX_EINVAL;
            break;
        }
        if (c.level == AX_SOL_SOCKET) { /* other levels are skipped (Linux) */
            const CmsgHdr *cp = (const CmsgHdr *)(base + off);
            if (c.type == AX_SCM_RIGHTS)
                r = scm_take_fds(k, cp, m);
            else if (c.type == AX_SCM_CREDENTIALS)
                r = scm_take_cred(k, cp, m);
            else
                r = -AX_EINVAL;
        }
        off += AX_CMSG_ALIGN(c.len);
    }
    if (r < 0)
        sock_scm_drop(k, m);
    return r;
}

void sock_scm_drop(Kernel *k, SockSend *m) {
    for (unsigned i = 0; i < m->nfds; i++)
        obj_unref(k, m->fds[i]);
    kmem_free(k, m->fds);
    m->fds = NULL;
    m->nfds = 0;
}

void sock_scm_inflight(Kernel *k, SockMsg *m, int delta) {
    SockState *ss = sock_state(k);
    for (unsigned i = 0; i < m->nfds; i++)
        if (m->fds[i]->ops == &sock_ops) {
            Sock *s = m->fds[i]->priv;
            s->inflight += (unsigned)delta;
            ss->inflight += (uint64_t)(int64_t)delta;
        }
}

/* ---- receiving ---- */

/* Append a control message of type with n bytes of data, if it fits. */
static bool scm_put(SockRecv *r, int type, const void *data, size_t n) {
    size_t space = AX_CMSG_SPACE(n);
    if (r->ctl_room - r->ctl_used < AX_CMSG_LEN(n))
        return false;
    unsigned char *at = (unsigned char *)r->control + r->ctl_used;
    CmsgHdr c = {AX_CMSG_LEN(n), AX_SOL_SOCKET, type};
    memcpy(at, &c, sizeof c);
    memcpy(AX_CMSG_DATA(at), data, n);
    /* the padding after the last one may not fit: count what there is */
    r->ctl_used += space < r->ctl_room - r->ctl_used ? space : r->ctl_room - r->ctl_used;
    return true;
}

int sock_scm_deliver(Kernel *k, Sock *s, SockMsg *m, SockRecv *r, bool peek) {
    if (s->passcred && !r->cred_done) {
        r->cred_done = true;
        if (!r->control || !scm_put(r, AX_SCM_CREDENTIALS, &m->cred, sizeof m->cred))
            r->out_flags |= AX_MSG_CTRUNC;
    }
    if (!m->nfds)
        return 0;
    /* as many fds as the control buffer has room for, and the fd table */
    size_t room = 0;
    if (r->control && r->ctl_room - r->ctl_used >= AX_CMSG_LEN(0))
        room = (r->ctl_room - r->ctl_used - AX_CMSG_LEN(0)) / sizeof(int);
    int fds[SOCK_MAX_FDS];
    unsigned n = 0;
    bool cloexec = (r->flags & AX_MSG_CMSG_CLOEXEC) != 0;
    for (; n < m->nfds && n < room; n++) {
        KObject *o = obj_ref(m->fds[n]);
        int fd = fd_install(k, k->cur, o, 0, cloexec);
        if (fd < 0) {
            obj_unref(k, o);
            break;
        }
        fds[n] = fd;
    }
    if (n)
        scm_put(r, AX_SCM_RIGHTS, fds, n * sizeof(int));
    if (n < m->nfds)
        r->out_flags |= AX_MSG_CTRUNC;
    if (!peek) { /* the message's own references go: what did not fit is closed */
        sock_scm_inflight(k, m, -1);
        for (unsigned i = 0; i < m->nfds; i++)
            obj_unref(k, m->fds[i]);
        kmem_free(k, m->fds);
        m->fds = NULL;
        m->nfds = 0;
    }
    return 0;
}

/* ---- the collector ---- */

static void gc_mark(Sock *s, Sock **stack, size_t *top) {
    if (s->gc_mark)
        return;
    s->gc_mark = true;
    stack[(*top)++] = s;
}

void sock_gc(Kernel *k) {
    SockState *ss = sock_state(k);
    if (ss->gc_running || !ss->inflight)
        return;
    ss->gc_running = true;
    size_t count = 0;
    for (Sock *s = ss->all; s; s = s->all_next)
        count++;
    Sock **stack = kmem_alloc(k, count * sizeof *stack);
    if (!stack) { /* tried again at the next close */
        ss->gc_running = false;
        return;
    }
    /* the roots: sockets something outside the queues holds (an fd, a
     * process's call) -- and no embryo, which its listener leads to */
    size_t top = 0;
    for (Sock *s = ss->all; s; s = s->all_next) {
        s->gc_mark = false;
    }
    for (Sock *s = ss->all; s; s = s->all_next)
        if (s->obj && s->obj->refcount > s->inflight)
            gc_mark(s, stack, &top);
    /* what a reachable socket's queue leads to is reachable */
    while (top) {
        Sock *s = stack[--top];
        for (SockMsg *m = s->rhead; m; m = m->next) {
            if (m->conn)
                gc_mark(m->conn, stack, &top);
            for (unsigned i = 0; i < m->nfds; i++)
                if (m->fds[i]->ops == &sock_ops)
                    gc_mark(m->fds[i]->priv, stack, &top);
        }
    }
    /* the rest that are in flight are garbage: hold each, empty its queue
     * (dropping the references to the others), then let go */
    size_t n = 0;
    for (Sock *s = ss->all; s; s = s->all_next)
        if (!s->gc_mark && s->obj && s->inflight)
            stack[n++] = s;
    for (size_t i = 0; i < n; i++)
        obj_ref(stack[i]->obj);
    for (size_t i = 0; i < n; i++) {
        if (stack[i]->state == SOCK_LISTENING)
            sock_drop_pending(k, stack[i]);
        sock_purge(k, stack[i]);
    }
    for (size_t i = 0; i < n; i++)
        obj_unref(k, stack[i]->obj);
    kmem_free(k, stack);
    ss->gc_running = false;
}
