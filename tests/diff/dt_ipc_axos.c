/* dt's IPC calls in axos: the sys_* ones, errors as -AX_E*. */
#include <stddef.h>
#include <string.h>

#include "axos.h"
#include "dt_ipc.h"

_Static_assert(AX_POLLIN == DT_POLLIN && AX_POLLOUT == DT_POLLOUT && AX_POLLHUP == DT_POLLHUP &&
                   AX_POLLNVAL == DT_POLLNVAL && AX_POLLRDHUP == DT_POLLRDHUP,
               "poll bits");
_Static_assert(AX_EPOLLET == DT_EPOLLET && AX_EPOLLONESHOT == DT_EPOLLONESHOT, "epoll flags");
_Static_assert(AX_SOCK_SEQPACKET == DT_SOCK_SEQPACKET && AX_MSG_NOSIGNAL == DT_MSG_NOSIGNAL &&
                   AX_MSG_DONTWAIT == DT_MSG_DONTWAIT && AX_MSG_PEEK == DT_MSG_PEEK,
               "socket numbers");
_Static_assert(AX_F_SETLKW == DT_F_SETLKW && AX_F_WRLCK == DT_F_WRLCK && AX_LOCK_NB == DT_LOCK_NB, "locks");
_Static_assert(AX_IPC_NOWAIT == DT_IPC_NOWAIT && AX_MSG_EXCEPT == DT_MSG_EXCEPT && AX_SEM_UNDO == DT_SEM_UNDO &&
                   AX_GETNCNT == DT_GETNCNT && AX_SETVAL == DT_SETVAL,
               "SysV numbers");

static long R(SyscallResult r) { return r.error ? -(long)r.error : (long)r.value; }

long dt_poll(DtPollFd *fds, int n, int timeout_ms) {
    PollFd p[64];
    if (n > 64 || n < 0)
        return -AX_EINVAL;
    for (int i = 0; i < n; i++)
        p[i] = (PollFd){fds[i].fd, fds[i].events, 0};
    long r = R(sys_poll(p, (size_t)n, timeout_ms));
    for (int i = 0; i < n; i++)
        fds[i].revents = p[i].revents;
    return r;
}

long dt_epoll_create(int flags) { return R(sys_epoll_create1(flags)); }

long dt_epoll_ctl(int ep, int op, int fd, uint32_t events, uint64_t data) {
    EpollEvent e = {events, data};
    return R(sys_epoll_ctl(ep, op, fd, &e));
}

long dt_epoll_wait(int ep, DtEpollEvent *ev, int max, int timeout_ms) {
    EpollEvent e[64];
    long r = R(sys_epoll_wait(ep, e, max > 64 ? 64 : max, timeout_ms));
    for (long i = 0; i < r; i++)
        ev[i] = (DtEpollEvent){e[i].events, e[i].data};
    return r;
}

long dt_mkfifo(const char *path, int mode) { return R(sys_mkfifo(path, (uint32_t)mode)); }

long dt_socket(int type) { return R(sys_socket(AX_AF_UNIX, type, 0)); }
long dt_socketpair(int type, int sv[2]) { return R(sys_socketpair(AX_AF_UNIX, type, 0, sv)); }

static uint32_t dt_addr(const char *path, SockAddrUn *a) {
    memset(a, 0, sizeof *a);
    a->sun_family = AX_AF_UNIX;
    size_t n = strlen(path);
    if (n >= sizeof a->sun_path)
        n = sizeof a->sun_path - 1;
    memcpy(a->sun_path, path, n);
    if (path[0] == '@') {
        a->sun_path[0] = 0;
        return (uint32_t)(offsetof(SockAddrUn, sun_path) + n);
    }
    return (uint32_t)(offsetof(SockAddrUn, sun_path) + n + 1);
}

long dt_bind(int fd, const char *path) {
    SockAddrUn a;
    uint32_t len = dt_addr(path, &a);
    return R(sys_bind(fd, &a, len));
}

long dt_connect(int fd, const char *path) {
    SockAddrUn a;
    uint32_t len = dt_addr(path, &a);
    return R(sys_connect(fd, &a, len));
}

long dt_listen(int fd, int backlog) { return R(sys_listen(fd, backlog)); }
long dt_accept(int fd, int flags) { return R(sys_accept4(fd, NULL, NULL, flags)); }
long dt_send(int fd, const void *buf, size_t n, int flags) { return R(sys_send(fd, buf, n, flags)); }
long dt_recv(int fd, void *buf, size_t n, int flags) { return R(sys_recv(fd, buf, n, flags)); }
long dt_shutdown(int fd, int how) { return R(sys_shutdown(fd, how)); }

long dt_send_fd(int sock, int fd) {
    char byte = 'F';
    IoVec iov = {&byte, 1};
    size_t c[AX_CMSG_SPACE(sizeof(int)) / sizeof(size_t)] = {0};
    CmsgHdr *h = (CmsgHdr *)c;
    h->len = AX_CMSG_LEN(sizeof(int));
    h->level = AX_SOL_SOCKET;
    h->type = AX_SCM_RIGHTS;
    memcpy(AX_CMSG_DATA(h), &fd, sizeof fd);
    MsgHdr m = {.iov = &iov, .iovlen = 1, .control = c, .controllen = sizeof c};
    return R(sys_sendmsg(sock, &m, 0));
}

long dt_recv_fd(int sock) {
    char byte;
    IoVec iov = {&byte, 1};
    size_t c[AX_CMSG_SPACE(sizeof(int)) / sizeof(size_t)] = {0};
    MsgHdr m = {.iov = &iov, .iovlen = 1, .control = c, .controllen = sizeof c};
    long r = R(sys_recvmsg(sock, &m, 0));
    if (r < 0)
        return r;
    CmsgHdr *h = (CmsgHdr *)c;
    if (m.controllen < AX_CMSG_LEN(sizeof(int)) || h->type != AX_SCM_RIGHTS)
        return -1000;
    int fd;
    memcpy(&fd, AX_CMSG_DATA(h), sizeof fd);
    return fd;
}

long dt_flock(int fd, int op) { return R(sys_flock(fd, op)); }

long dt_fcntl_lock(int fd, int cmd, DtLock *l) {
    RecordLock f = {(int16_t)l->type, (int16_t)l->whence, l->start, l->len, 0};
    long r = R(sys_fcntl_lock(fd, cmd, &f));
    l->type = f.l_type;
    l->whence = f.l_whence;
    l->start = f.l_start;
    l->len = f.l_len;
    l->pid = f.l_pid;
    return r;
}

typedef struct DtMsg {
    long mtype;
    char mtext[256];
} DtMsg;

long dt_msgget(int key, int flags) { return R(sys_msgget(key, flags)); }

long dt_msgsnd(int q, long type, const char *text, int flags) {
    DtMsg m = {type, {0}};
    size_t n = strlen(text);
    memcpy(m.mtext, text, n);
    return R(sys_msgsnd(q, &m, n, flags));
}

long dt_msgrcv(int q, long type, char *buf, size_t n, int flags) {
    DtMsg m;
    long r = R(sys_msgrcv(q, &m, n > 256 ? 256 : n, type, flags));
    if (r >= 0) {
        memcpy(buf, m.mtext, (size_t)r);
        buf[r] = 0;
    }
    return r;
}

long dt_msgqnum(int q) {
    MsqInfo info;
    long r = R(sys_msgctl(q, AX_IPC_STAT, &info));
    return r < 0 ? r : (long)info.qnum;
}

long dt_msgrm(int q) { return R(sys_msgctl(q, AX_IPC_RMID, NULL)); }

long dt_semget(int key, int nsems, int flags) { return R(sys_semget(key, nsems, flags)); }

long dt_semop(int id, const DtSemOp *ops, int n) {
    SemBuf b[16];
    if (n > 16)
        return -AX_E2BIG;
    for (int i = 0; i < n; i++)
        b[i] = (SemBuf){(uint16_t)ops[i].num, (int16_t)ops[i].op, (int16_t)ops[i].flags};
    return R(sys_semop(id, b, (size_t)n));
}

long dt_semctl(int id, int num, int cmd, int val) {
    return R(sys_semctl(id, num, cmd, (uint64_t)(int64_t)val));
}

long dt_semrm(int id) { return R(sys_semctl(id, 0, AX_IPC_RMID, 0)); }
