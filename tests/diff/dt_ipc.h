/* dt's IPC calls: readiness (poll, epoll), FIFOs, UNIX sockets, file
 * locks, SysV message queues and semaphores. Same conventions as dt.h
 * (results or -errno, Linux's numbers on both sides); built from
 * dt_ipc_host.c and dt_ipc_axos.c. */
#ifndef DT_IPC_H
#define DT_IPC_H

#include "dt.h"

#define DT_EPIPE 32
#define DT_EDEADLK 35
#define DT_ENXIO 6
#define DT_ECONNREFUSED 111

/* ---- readiness ---- */
#define DT_POLLIN 0x001
#define DT_POLLPRI 0x002
#define DT_POLLOUT 0x004
#define DT_POLLERR 0x008
#define DT_POLLHUP 0x010
#define DT_POLLNVAL 0x020
#define DT_POLLRDHUP 0x2000
typedef struct DtPollFd {
    int fd;
    short events, revents;
} DtPollFd;
long dt_poll(DtPollFd *fds, int n, int timeout_ms);

#define DT_EPOLL_CTL_ADD 1
#define DT_EPOLL_CTL_DEL 2
#define DT_EPOLL_CTL_MOD 3
#define DT_EPOLLONESHOT (1u << 30)
#define DT_EPOLLET (1u << 31)
typedef struct DtEpollEvent {
    uint32_t events;
    uint64_t data;
} DtEpollEvent;
long dt_epoll_create(int flags);
long dt_epoll_ctl(int ep, int op, int fd, uint32_t events, uint64_t data);
long dt_epoll_wait(int ep, DtEpollEvent *ev, int max, int timeout_ms);
/* "label: IN,OUT,HUP" for a poll mask ("-" if none) */
void dt_show_poll(const char *label, long mask);

/* ---- FIFOs ---- */
long dt_mkfifo(const char *path, int mode);

/* ---- UNIX sockets ---- */
#define DT_SOCK_STREAM 1
#define DT_SOCK_DGRAM 2
#define DT_SOCK_SEQPACKET 5
#define DT_SOCK_NONBLOCK 04000
#define DT_SOCK_CLOEXEC 02000000
#define DT_MSG_PEEK 0x2
#define DT_MSG_TRUNC 0x20
#define DT_MSG_DONTWAIT 0x40
#define DT_MSG_NOSIGNAL 0x4000
#define DT_SHUT_RD 0
#define DT_SHUT_WR 1
#define DT_SHUT_RDWR 2
long dt_socket(int type);                  /* AF_UNIX, type | DT_SOCK_* flags */
long dt_socketpair(int type, int sv[2]);
long dt_bind(int fd, const char *path);    /* a leading '@' names an abstract address */
long dt_connect(int fd, const char *path); /* the same */
long dt_listen(int fd, int backlog);
long dt_accept(int fd, int flags);         /* accept4 */
long dt_send(int fd, const void *buf, size_t n, int flags);
long dt_recv(int fd, void *buf, size_t n, int flags);
long dt_shutdown(int fd, int how);
/* Send one byte 'F' carrying fd (SCM_RIGHTS). */
long dt_send_fd(int sock, int fd);
/* Receive one byte; returns the fd that came with it, -1000 if none came,
 * or -errno. */
long dt_recv_fd(int sock);

/* ---- file locks ---- */
#define DT_LOCK_SH 1
#define DT_LOCK_EX 2
#define DT_LOCK_NB 4
#define DT_LOCK_UN 8
#define DT_F_GETLK 5
#define DT_F_SETLK 6
#define DT_F_SETLKW 7
#define DT_F_RDLCK 0
#define DT_F_WRLCK 1
#define DT_F_UNLCK 2
typedef struct DtLock {
    int type, whence;
    long start, len;
    long pid;
} DtLock;
long dt_flock(int fd, int op);
long dt_fcntl_lock(int fd, int cmd, DtLock *l);

/* ---- SysV message queues and semaphores (IPC_PRIVATE or a key) ---- */
#define DT_IPC_PRIVATE 0
#define DT_IPC_CREAT 01000
#define DT_IPC_EXCL 02000
#define DT_IPC_NOWAIT 04000
#define DT_MSG_NOERROR 010000
#define DT_MSG_EXCEPT 020000
#define DT_SEM_UNDO 0x1000
#define DT_GETNCNT 14
#define DT_GETVAL 12
#define DT_SETVAL 16
#define DT_GETZCNT 15
#define DT_E2BIG 7
#define DT_ENOMSG 42
#define DT_EIDRM 43
#define DT_ERANGE 34
#define DT_EFBIG 27
long dt_msgget(int key, int flags);
long dt_msgsnd(int q, long type, const char *text, int flags);
/* The message's text (NUL-terminated in buf of n + 1 bytes); returns its length. */
long dt_msgrcv(int q, long type, char *buf, size_t n, int flags);
long dt_msgqnum(int q); /* IPC_STAT's message count */
long dt_msgrm(int q);
typedef struct DtSemOp {
    int num, op, flags;
} DtSemOp;
long dt_semget(int key, int nsems, int flags);
long dt_semop(int id, const DtSemOp *ops, int n);
long dt_semctl(int id, int num, int cmd, int val); /* GETVAL, SETVAL, GETNCNT, GETZCNT */
long dt_semrm(int id);

#endif
