/* dt's IPC calls on the host: the Linux ones, errors as -errno. */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <fcntl.h>
#include <unistd.h>

#include "dt_ipc.h"

_Static_assert(POLLIN == DT_POLLIN && POLLOUT == DT_POLLOUT && POLLHUP == DT_POLLHUP &&
                   POLLNVAL == DT_POLLNVAL && POLLRDHUP == DT_POLLRDHUP,
               "poll bits");
_Static_assert(EPOLLET == DT_EPOLLET && EPOLLONESHOT == DT_EPOLLONESHOT, "epoll flags");
_Static_assert(SOCK_SEQPACKET == DT_SOCK_SEQPACKET && MSG_NOSIGNAL == DT_MSG_NOSIGNAL &&
                   MSG_DONTWAIT == DT_MSG_DONTWAIT && MSG_PEEK == DT_MSG_PEEK,
               "socket numbers");
_Static_assert(F_SETLKW == DT_F_SETLKW && F_WRLCK == DT_F_WRLCK && LOCK_NB == DT_LOCK_NB, "locks");
_Static_assert(IPC_NOWAIT == DT_IPC_NOWAIT && MSG_EXCEPT == DT_MSG_EXCEPT && SEM_UNDO == DT_SEM_UNDO &&
                   GETNCNT == DT_GETNCNT && SETVAL == DT_SETVAL,
               "SysV numbers");

static long R(long x) { return x < 0 ? -(long)errno : x; }

long dt_poll(DtPollFd *fds, int n, int timeout_ms) {
    struct pollfd p[64];
    if (n > 64)
        return -EINVAL;
    for (int i = 0; i < n; i++)
        p[i] = (struct pollfd){fds[i].fd, fds[i].events, 0};
    long r = R(poll(p, (nfds_t)n, timeout_ms));
    for (int i = 0; i < n; i++)
        fds[i].revents = p[i].revents;
    return r;
}

long dt_epoll_create(int flags) { return R(epoll_create1(flags)); }

long dt_epoll_ctl(int ep, int op, int fd, uint32_t events, uint64_t data) {
    struct epoll_event e = {.events = events, .data.u64 = data};
    return R(epoll_ctl(ep, op, fd, &e));
}

long dt_epoll_wait(int ep, DtEpollEvent *ev, int max, int timeout_ms) {
    struct epoll_event e[64];
    long r = R(epoll_wait(ep, e, max > 64 ? 64 : max, timeout_ms));
    for (long i = 0; i < r; i++)
        ev[i] = (DtEpollEvent){e[i].events, e[i].data.u64};
    return r;
}

long dt_mkfifo(const char *path, int mode) { return R(mkfifo(path, (mode_t)mode)); }

long dt_socket(int type) { return R(socket(AF_UNIX, type, 0)); }
long dt_socketpair(int type, int sv[2]) { return R(socketpair(AF_UNIX, type, 0, sv)); }

static socklen_t dt_addr(const char *path, struct sockaddr_un *a) {
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    size_t n = strlen(path);
    if (n >= sizeof a->sun_path)
        n = sizeof a->sun_path - 1;
    memcpy(a->sun_path, path, n);
    if (path[0] == '@') {
        a->sun_path[0] = 0;
        return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
    }
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
}

long dt_bind(int fd, const char *path) {
    struct sockaddr_un a;
    socklen_t len = dt_addr(path, &a);
    return R(bind(fd, (struct sockaddr *)&a, len));
}

long dt_connect(int fd, const char *path) {
    struct sockaddr_un a;
    socklen_t len = dt_addr(path, &a);
    return R(connect(fd, (struct sockaddr *)&a, len));
}

long dt_listen(int fd, int backlog) { return R(listen(fd, backlog)); }
long dt_accept(int fd, int flags) { return R(accept4(fd, NULL, NULL, flags)); }
long dt_send(int fd, const void *buf, size_t n, int flags) { return R(send(fd, buf, n, flags)); }
long dt_recv(int fd, void *buf, size_t n, int flags) { return R(recv(fd, buf, n, flags)); }
long dt_shutdown(int fd, int how) { return R(shutdown(fd, how)); }

long dt_send_fd(int sock, int fd) {
    char byte = 'F';
    struct iovec iov = {&byte, 1};
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(sizeof(int))];
    } c;
    memset(&c, 0, sizeof c);
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf, .msg_controllen = sizeof c.buf};
    struct cmsghdr *h = CMSG_FIRSTHDR(&m);
    h->cmsg_level = SOL_SOCKET;
    h->cmsg_type = SCM_RIGHTS;
    h->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(h), &fd, sizeof fd);
    return R(sendmsg(sock, &m, 0));
}

long dt_recv_fd(int sock) {
    char byte;
    struct iovec iov = {&byte, 1};
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(sizeof(int))];
    } c;
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf, .msg_controllen = sizeof c.buf};
    long r = R(recvmsg(sock, &m, 0));
    if (r < 0)
        return r;
    struct cmsghdr *h = CMSG_FIRSTHDR(&m);
    if (!h || h->cmsg_type != SCM_RIGHTS)
        return -1000;
    int fd;
    memcpy(&fd, CMSG_DATA(h), sizeof fd);
    return fd;
}

long dt_flock(int fd, int op) { return R(flock(fd, op)); }

long dt_fcntl_lock(int fd, int cmd, DtLock *l) {
    struct flock f = {.l_type = (short)l->type, .l_whence = (short)l->whence, .l_start = l->start,
                      .l_len = l->len};
    long r = R(fcntl(fd, cmd, &f));
    l->type = f.l_type;
    l->whence = f.l_whence;
    l->start = f.l_start;
    l->len = f.l_len;
    l->pid = f.l_pid;
    return r;
}

long dt_msgget(int key, int flags) { return R(msgget(key, flags)); }

long dt_msgsnd(int q, long type, const char *text, int flags) {
    struct {
        long mtype;
        char mtext[256];
    } m = {type, {0}};
    size_t n = strlen(text);
    memcpy(m.mtext, text, n);
    return R(msgsnd(q, &m, n, flags));
}

long dt_msgrcv(int q, long type, char *buf, size_t n, int flags) {
    struct {
        long mtype;
        char mtext[256];
    } m;
    long r = R(msgrcv(q, &m, n > 256 ? 256 : n, type, flags));
    if (r >= 0) {
        memcpy(buf, m.mtext, (size_t)r);
        buf[r] = 0;
    }
    return r;
}

long dt_msgqnum(int q) {
    struct msqid_ds ds;
    long r = R(msgctl(q, IPC_STAT, &ds));
    return r < 0 ? r : (long)ds.msg_qnum;
}

long dt_msgrm(int q) { return R(msgctl(q, IPC_RMID, NULL)); }

long dt_semget(int key, int nsems, int flags) { return R(semget(key, nsems, flags)); }

long dt_semop(int id, const DtSemOp *ops, int n) {
    struct sembuf b[16];
    if (n > 16)
        return -E2BIG;
    for (int i = 0; i < n; i++)
        b[i] = (struct sembuf){(unsigned short)ops[i].num, (short)ops[i].op, (short)ops[i].flags};
    return R(semop(id, b, (size_t)n));
}

long dt_semctl(int id, int num, int cmd, int val) { return R(semctl(id, num, cmd, val)); }
long dt_semrm(int id) { return R(semctl(id, 0, IPC_RMID)); }
