/* The few calls the echo example makes, for the host (Linux) and for axos
 * (ECHO_ON_AXOS): each returns its result, or -errno. echo.c is the same
 * source on both; only this header chooses. */
#ifndef ECHO_OS_H
#define ECHO_OS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ECHO_IN 0x001    /* EPOLLIN */
#define ECHO_OUT 0x004   /* EPOLLOUT */
#define ECHO_ERR 0x008   /* EPOLLERR */
#define ECHO_HUP 0x010   /* EPOLLHUP */
#define ECHO_RDHUP 0x2000
#define ECHO_ET (1u << 31)
#define ECHO_EAGAIN 11
#define ECHO_EINTR 4

typedef struct EchoEvent {
    uint32_t events;
    int fd;
} EchoEvent;

#ifdef ECHO_ON_AXOS
#include <axos.h>

#define ECHO_R(call)                                                   \
    __extension__({                                                    \
        SyscallResult r_ = (call);                                     \
        r_.error ? -(long)r_.error : (long)r_.value;                   \
    })

static inline uint32_t echo_addr(const char *path, SockAddrUn *a) {
    memset(a, 0, sizeof *a);
    a->sun_family = AX_AF_UNIX;
    strncpy(a->sun_path, path, sizeof a->sun_path - 1);
    return (uint32_t)(offsetof(SockAddrUn, sun_path) + strlen(a->sun_path) + 1);
}
static inline long os_listen_unix(const char *path, int backlog) {
    long fd = ECHO_R(sys_socket(AX_AF_UNIX, AX_SOCK_STREAM | AX_SOCK_NONBLOCK | AX_SOCK_CLOEXEC, 0));
    SockAddrUn a;
    uint32_t len = echo_addr(path, &a);
    long r = fd < 0 ? fd : ECHO_R(sys_bind((int)fd, &a, len));
    if (r >= 0)
        r = ECHO_R(sys_listen((int)fd, backlog));
    return r < 0 ? r : fd;
}
static inline long os_connect_unix(const char *path) {
    long fd = ECHO_R(sys_socket(AX_AF_UNIX, AX_SOCK_STREAM | AX_SOCK_CLOEXEC, 0));
    SockAddrUn a;
    uint32_t len = echo_addr(path, &a);
    long r = fd < 0 ? fd : ECHO_R(sys_connect((int)fd, &a, len));
    return r < 0 ? r : fd;
}
static inline long os_accept_nb(int fd) {
    return ECHO_R(sys_accept4(fd, NULL, NULL, AX_SOCK_NONBLOCK | AX_SOCK_CLOEXEC));
}
static inline long os_read(int fd, void *b, size_t n) { return ECHO_R(sys_read(fd, b, n)); }
static inline long os_write(int fd, const void *b, size_t n) { return ECHO_R(sys_write(fd, b, n)); }
static inline long os_close(int fd) { return ECHO_R(sys_close(fd)); }
static inline long os_unlink(const char *path) { return ECHO_R(sys_unlink(path)); }
static inline long os_epoll_create(void) { return ECHO_R(sys_epoll_create1(AX_EPOLL_CLOEXEC)); }
static inline long os_epoll_ctl(int ep, int op, int fd, uint32_t events) {
    EpollEvent e = {events, (uint64_t)fd};
    return ECHO_R(sys_epoll_ctl(ep, op, fd, &e));
}
static inline long os_epoll_wait(int ep, EchoEvent *out, int max) {
    EpollEvent e[32];
    long n = ECHO_R(sys_epoll_wait(ep, e, max < 32 ? max : 32, -1));
    for (long i = 0; i < n; i++)
        out[i] = (EchoEvent){e[i].events, (int)e[i].data};
    return n;
}
#define OS_EPOLL_ADD AX_EPOLL_CTL_ADD
#define OS_EPOLL_MOD AX_EPOLL_CTL_MOD
#define OS_EPOLL_DEL AX_EPOLL_CTL_DEL

#else /* the host */
#include <errno.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static inline long echo_r(long x) {
    return x < 0 ? -(long)errno : x;
}
#define ECHO_R(x) echo_r((long)(x))

static inline socklen_t echo_addr(const char *path, struct sockaddr_un *a) {
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strncpy(a->sun_path, path, sizeof a->sun_path - 1);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(a->sun_path) + 1);
}
static inline long os_listen_unix(const char *path, int backlog) {
    long fd = ECHO_R(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    struct sockaddr_un a;
    socklen_t len = echo_addr(path, &a);
    long r = fd < 0 ? fd : ECHO_R(bind((int)fd, (struct sockaddr *)&a, len));
    if (r >= 0)
        r = ECHO_R(listen((int)fd, backlog));
    return r < 0 ? r : fd;
}
static inline long os_connect_unix(const char *path) {
    long fd = ECHO_R(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    struct sockaddr_un a;
    socklen_t len = echo_addr(path, &a);
    long r = fd < 0 ? fd : ECHO_R(connect((int)fd, (struct sockaddr *)&a, len));
    return r < 0 ? r : fd;
}
static inline long os_accept_nb(int fd) { return ECHO_R(accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)); }
static inline long os_read(int fd, void *b, size_t n) { return ECHO_R(read(fd, b, n)); }
static inline long os_write(int fd, const void *b, size_t n) { return ECHO_R(write(fd, b, n)); }
static inline long os_close(int fd) { return ECHO_R(close(fd)); }
static inline long os_unlink(const char *path) { return ECHO_R(unlink(path)); }
static inline long os_epoll_create(void) { return ECHO_R(epoll_create1(EPOLL_CLOEXEC)); }
static inline long os_epoll_ctl(int ep, int op, int fd, uint32_t events) {
    struct epoll_event e = {.events = events, .data.fd = fd};
    return ECHO_R(epoll_ctl(ep, op, fd, &e));
}
static inline long os_epoll_wait(int ep, EchoEvent *out, int max) {
    struct epoll_event e[32];
    long n = ECHO_R(epoll_wait(ep, e, max < 32 ? max : 32, -1));
    for (long i = 0; i < n; i++)
        out[i] = (EchoEvent){e[i].events, e[i].data.fd};
    return n;
}
#define OS_EPOLL_ADD EPOLL_CTL_ADD
#define OS_EPOLL_MOD EPOLL_CTL_MOD
#define OS_EPOLL_DEL EPOLL_CTL_DEL
#endif

static inline void os_print(int fd, const char *s) {
    os_write(fd, s, strlen(s));
}

#endif
