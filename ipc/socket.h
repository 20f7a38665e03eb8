/* ipc/ internals: UNIX domain sockets (Linux's af_unix). Nothing outside
 * ipc/ includes this file.
 *
 *   socket.c     the socket object: create, release, poll, stat, options,
 *                shutdown, names; socket(2), socketpair(2)
 *   sock_addr.c  addresses: checking a sockaddr_un, bind (a socket inode
 *                in the VFS, or an abstract name), finding a peer by name
 *   sock_conn.c  listen, connect, accept (stream and seqpacket)
 *   sock_send.c  messages: sending on every type, the sndbuf and memory
 *   sock_recv.c  receiving on every type, read(2) and recvmsg's parts
 *   sock_scm.c   control messages: SCM_RIGHTS, SCM_CREDENTIALS, and the
 *                collector of sockets only in-flight messages hold
 *
 * A Sock is the socket; its KObject (Sock.obj) is what fds refer to. A
 * Sock also lives on while others point at it: its peer, the messages it
 * sent that wait in a queue (they count against its sndbuf), a listener's
 * queue of connections not yet accepted (those server-side Socks, the
 * "embryos", have no KObject until accept). Sock.refs counts all of them;
 * the Sock is freed at zero.
 *
 * Data travels as SockMsg records in the receiver's queue, one per
 * datagram or per piece of a stream write, each charged to the sender's
 * in-flight bytes (Sock.wmem, against its SO_SNDBUF) and to the system
 * memory limit, and uncharged when read or dropped. */
#ifndef AXOS_IPC_SOCKET_H
#define AXOS_IPC_SOCKET_H

#include "kernel/kernel.h"

typedef struct Sock Sock;
typedef struct VNode VNode;

/* Sock.state (Linux's sk_state for AF_UNIX) */
enum { SOCK_UNCONNECTED, SOCK_LISTENING, SOCK_CONNECTED };

/* Sock.shutdown bits (Linux's RCV_SHUTDOWN, SEND_SHUTDOWN) */
#define SOCK_RCV_SHUT 1
#define SOCK_SEND_SHUT 2

/* Linux's defaults (net.core.wmem_default, wmem_max; SOCK_MIN_SNDBUF...) */
#define SOCK_BUF_DEFAULT 212992
#define SOCK_BUF_MAX 212992     /* SO_SNDBUF/SO_RCVBUF ask for at most this (doubled) */
#define SOCK_MIN_SNDBUF 4608
#define SOCK_MIN_RCVBUF 2304
#define SOCK_MAX_DGRAM_QLEN 10  /* net.unix.max_dgram_qlen */
/* What each message costs beyond its bytes (an skb's truesize on Linux:
 * six 1-byte writes fill the smallest sndbuf there too). */
#define SOCK_MSG_OVERHEAD 767
/* The largest piece one stream message carries (Linux's skb size). */
#define SOCK_STREAM_CHUNK 36544
#define SOCK_MAX_FDS 253        /* SCM_MAX_FD: fds in one message */

/* A bound name: a path, or an abstract name (first byte NUL). */
typedef struct SockName {
    uint32_t len;                /* bytes of addr used (family included) */
    SockAddrUn addr;
    char nul;                    /* ends a path that fills sun_path */
} SockName;

typedef struct SockMsg SockMsg;
struct SockMsg {
    SockMsg *next;
    Sock *from;           /* the sender (referenced): its wmem, its name */
    Sock *conn;           /* a listener's queue: the connection (referenced) */
    size_t len, off;      /* bytes; bytes already read (stream) */
    uint64_t charge;      /* bytes charged to from->wmem and the system */
    KObject **fds;        /* SCM_RIGHTS: references, in order */
    unsigned nfds;
    bool has_cred;        /* SCM_CREDENTIALS given by the sender */
    UCred cred;           /* those, or the sender's own */
    uint8_t data[];
};

struct Sock {
    int type;             /* AX_SOCK_STREAM, _DGRAM, _SEQPACKET */
    int state;            /* SOCK_* */
    unsigned refs;
    KObject *obj;         /* NULL: an embryo, or after the last close */
    bool dead;            /* the last close happened */
    Sock *peer;           /* referenced */
    SockName *name;       /* bound name (own copy; an accepted socket's is
                             its listener's), or NULL */
    VNode *node;          /* the socket inode of a path name (referenced) */
    bool in_abstract;     /* its name is in the abstract namespace */
    Sock *abs_next;       /* chain of SockState.abstract */
    SockMsg *rhead, *rtail; /* the receive queue */
    size_t rqlen;         /* messages in it */
    uint64_t wmem;        /* bytes this socket sent that wait in a queue */
    int sndbuf, rcvbuf;   /* as SO_SNDBUF / SO_RCVBUF report them */
    int backlog;          /* listen's, capped at AX_SOMAXCONN */
    int shutdown;         /* SOCK_*_SHUT */
    int err;              /* pending error (ECONNRESET), SO_ERROR */
    bool passcred, reuseaddr, keepalive;
    UCred peercred;       /* SO_PEERCRED: the peer's at connect time */
    int64_t sndtimeo, rcvtimeo; /* ns; 0: wait for ever */
    unsigned inflight;    /* references to obj in queued SCM_RIGHTS */
    bool gc_mark;
    WaitQueue wait;       /* readers, writers, connectors, accepters, pollers */
    uint64_t ino;
    MemAccount *acct;     /* pays for what it sends: whoever made it (held) */
    Sock *all_next, *all_prev; /* every Sock of the kernel (the collector) */
};

/* Per-kernel socket state (IpcState.sock). */
typedef struct SockState {
    Sock *all;            /* every Sock */
    Sock **abstract;      /* the abstract namespace: buckets of Socks */
    size_t abstract_cap, abstract_count;
    uint32_t autobind_next;
    uint64_t inflight;    /* sockets referenced from queued SCM_RIGHTS */
    bool gc_running;
} SockState;

SockState *sock_state(Kernel *k);

/* ---- socket.c ---- */

extern const ObjOps sock_ops;
/* The Sock of fd, or -AX_EBADF / -AX_ENOTSOCK. */
int sock_lookup(Kernel *k, int fd, Sock **out);
/* A new Sock (refs 1, for its future KObject or its embryo holder). */
Sock *sock_new(Kernel *k, int type);
/* Give s a KObject (refcount 1, holding s's reference) with O_* flags. */
KObject *sock_obj_new(Kernel *k, Sock *s, int flags);
Sock *sock_ref(Sock *s);
void sock_unref(Kernel *k, Sock *s);
/* The caller's credentials (SO_PEERCRED, SCM_CREDENTIALS). */
UCred sock_cred_of(const Proc *p);
/* Wait on s's queue, unless non-blocking (-AX_EAGAIN); a timeout
 * (SO_RCVTIMEO / SO_SNDTIMEO) ends the wait with -AX_EAGAIN. */
int64_t sock_wait(Kernel *k, Sock *s, bool nonblock, int64_t timeo);
/* The end of a call that may have armed a timeout: disarm it. */
void sock_wait_done(Kernel *k);
/* Is s (stream or seqpacket) below its sndbuf, so a write would go on? */
static inline bool sock_writable(const Sock *s) {
    return s->state != SOCK_LISTENING && s->wmem * 4 <= (uint64_t)s->sndbuf;
}

/* ---- sock_addr.c ---- */

/* Check a caller's address (addrlen bytes at addr): 0 and *out filled, or
 * -AX_EINVAL (length, family), -AX_EFAULT. An address of the family
 * alone (len 2) gives out->len 2. */
int sock_name_parse(const SockAddrUn *addr, uint32_t addrlen, SockName *out);
/* bind s to name (len 2: autobind an abstract name). */
int sock_bind(Kernel *k, Sock *s, const SockName *name);
/* An abstract name for an unbound s (autobind: NUL and 5 hex digits). */
int sock_autobind(Kernel *k, Sock *s);
/* The socket bound to name, of the given type: referenced in *out, or
 * path errors, -AX_ECONNREFUSED (nothing bound there, a dead socket),
 * -AX_EPROTOTYPE (another type). */
int sock_find(Kernel *k, const SockName *name, int type, Sock **out);
/* Let go of s's name (its last close). */
void sock_unbind(Kernel *k, Sock *s);
/* Copy s's name out as getsockname does: up to *len bytes into addr,
 * *len set to the full length (2 for an unbound socket). -AX_EFAULT. */
int sock_name_out(const Sock *s, SockAddrUn *addr, uint32_t *len);
/* Free the abstract namespace (ipc_fini). */
void sock_names_fini(Kernel *k);

/* ---- sock_conn.c ---- */

/* The connections a listener still holds go: their clients see
 * ECONNRESET (its last close). */
void sock_drop_pending(Kernel *k, Sock *listener);

/* ---- sock_send.c ---- */

/* What one send hands down: the data, the destination (NULL: the peer),
 * the flags, the control messages already taken in. */
typedef struct SockSend {
    const IoVec *iov;
    size_t iovlen;
    size_t len;           /* total bytes */
    const SockName *to;
    int flags;            /* AX_MSG_* */
    KObject **fds;        /* SCM_RIGHTS (references moved into the message) */
    unsigned nfds;
    bool has_cred;
    UCred cred;
} SockSend;

/* Send on s; returns bytes or -AX_*. Non-blocking with O_NONBLOCK or
 * MSG_DONTWAIT; EPIPE raises SIGPIPE unless MSG_NOSIGNAL. */
int64_t sock_send(Kernel *k, KObject *o, Sock *s, SockSend *m);
/* Free a message: uncharge its sender, drop its fds and references. */
void sock_msg_free(Kernel *k, SockMsg *m);
/* Drop every message in s's queue (its last close, the collector). */
void sock_purge(Kernel *k, Sock *s);
/* Total length of an iovec array, or -AX_EINVAL / -AX_EFAULT. */
int64_t sock_iov_len(const IoVec *iov, size_t n);

/* ---- sock_recv.c ---- */

typedef struct SockRecv {
    const IoVec *iov;
    size_t iovlen;
    size_t len;
    int flags;            /* AX_MSG_* asked for */
    int out_flags;        /* MSG_TRUNC, MSG_CTRUNC for msg_flags */
    SockAddrUn *from;     /* where the sender's name goes, or NULL */
    uint32_t fromlen;     /* in: room; out: the name's length */
    void *control;        /* recvmsg: where control messages go, or NULL */
    size_t ctl_room, ctl_used;
    bool cred_done;       /* SCM_CREDENTIALS given (once per call) */
} SockRecv;

int64_t sock_recv(Kernel *k, KObject *o, Sock *s, SockRecv *r);

/* ---- sock_scm.c ---- */

/* Take sendmsg's control messages into m (fds referenced). -AX_EINVAL
 * (bad length, level or type; more than SOCK_MAX_FDS), -AX_EBADF,
 * -AX_EPERM (credentials the sender may not claim), -AX_EFAULT. On
 * error nothing is referenced. */
int sock_scm_parse(Kernel *k, const MsgHdr *msg, SockSend *m);
/* Drop what sock_scm_parse took (a send that failed). */
void sock_scm_drop(Kernel *k, SockSend *m);
/* A message carrying fds was queued / is gone: count the sockets among
 * them in flight, or not any more. */
void sock_scm_inflight(Kernel *k, SockMsg *m, int delta);
/* Hand the control data of m to the receiver of r: fds installed (or, when
 * they do not fit, dropped with MSG_CTRUNC), credentials when asked.
 * peek: m stays queued (its fds are installed as new references). */
int sock_scm_deliver(Kernel *k, Sock *s, SockMsg *m, SockRecv *r, bool peek);
/* Free sockets that only queued messages hold, in cycles or not (Linux's
 * unix_gc). Runs at a socket's last close while any are in flight. */
void sock_gc(Kernel *k);

#endif
