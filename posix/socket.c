/* Sockets: the BSD socket calls over axos's UNIX-domain sockets.
 *
 * axos keeps Linux's layouts for the socket structures (sockaddr_un,
 * msghdr, cmsghdr, iovec, ucred) and Linux's numbers for the flags,
 * levels and options, so most calls pass their arguments through; the
 * asserts below hold the layer to that. What differs is converted here:
 * SOCK_NONBLOCK and SOCK_CLOEXEC (they are O_NONBLOCK and O_CLOEXEC, which
 * vary between architectures), and the timeouts SO_RCVTIMEO/SO_SNDTIMEO,
 * a struct timeval for the program and nanoseconds for axos. Only AF_UNIX
 * exists: another family gets EAFNOSUPPORT from the kernel. */
#include <stddef.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include "posix/internal.h"

_Static_assert(sizeof(struct sockaddr_un) == sizeof(SockAddrUn), "sockaddr_un");
_Static_assert(offsetof(struct sockaddr_un, sun_path) == offsetof(SockAddrUn, sun_path),
               "sun_path");
_Static_assert(sizeof(struct msghdr) == sizeof(MsgHdr), "msghdr");
_Static_assert(offsetof(struct msghdr, msg_namelen) == offsetof(MsgHdr, namelen), "namelen");
_Static_assert(offsetof(struct msghdr, msg_iov) == offsetof(MsgHdr, iov), "iov");
_Static_assert(offsetof(struct msghdr, msg_iovlen) == offsetof(MsgHdr, iovlen), "iovlen");
_Static_assert(offsetof(struct msghdr, msg_control) == offsetof(MsgHdr, control), "control");
_Static_assert(offsetof(struct msghdr, msg_controllen) == offsetof(MsgHdr, controllen),
               "controllen");
_Static_assert(offsetof(struct msghdr, msg_flags) == offsetof(MsgHdr, flags), "flags");
_Static_assert(sizeof(struct cmsghdr) == sizeof(CmsgHdr), "cmsghdr");
_Static_assert(offsetof(struct cmsghdr, cmsg_type) == offsetof(CmsgHdr, type), "cmsg_type");
_Static_assert(sizeof(struct iovec) == sizeof(IoVec), "iovec");
_Static_assert(sizeof(struct ucred) == sizeof(UCred), "ucred");
_Static_assert(AF_UNIX == AX_AF_UNIX && SOCK_STREAM == AX_SOCK_STREAM &&
                   SOCK_DGRAM == AX_SOCK_DGRAM && SOCK_SEQPACKET == AX_SOCK_SEQPACKET,
               "families and types");
_Static_assert(MSG_PEEK == AX_MSG_PEEK && MSG_DONTWAIT == AX_MSG_DONTWAIT &&
                   MSG_WAITALL == AX_MSG_WAITALL && MSG_NOSIGNAL == AX_MSG_NOSIGNAL &&
                   MSG_TRUNC == AX_MSG_TRUNC && MSG_CTRUNC == AX_MSG_CTRUNC &&
                   MSG_CMSG_CLOEXEC == AX_MSG_CMSG_CLOEXEC,
               "message flags");
_Static_assert(SOL_SOCKET == AX_SOL_SOCKET && SO_TYPE == AX_SO_TYPE &&
                   SO_ERROR == AX_SO_ERROR && SO_SNDBUF == AX_SO_SNDBUF &&
                   SO_PEERCRED == AX_SO_PEERCRED && SO_PASSCRED == AX_SO_PASSCRED &&
                   SCM_RIGHTS == AX_SCM_RIGHTS && SCM_CREDENTIALS == AX_SCM_CREDENTIALS,
               "options");

/* A type argument's SOCK_NONBLOCK / SOCK_CLOEXEC bits as axos's; any
 * other high bit is passed on for the kernel to refuse (EINVAL). */
static int px_sock_flags(int type) {
    int ax = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (type & SOCK_NONBLOCK)
        ax |= AX_SOCK_NONBLOCK;
    if (type & SOCK_CLOEXEC)
        ax |= AX_SOCK_CLOEXEC;
    return ax;
}

int socket(int domain, int type, int proto) {
    return (int)px_ret(sys_socket(domain, px_sock_flags(type), proto));
}

int socketpair(int domain, int type, int proto, int sv[2]) {
    return (int)px_ret(sys_socketpair(domain, px_sock_flags(type), proto, sv));
}

int bind(int fd, const struct sockaddr *a, socklen_t n) {
    return (int)px_ret(sys_bind(fd, (const SockAddrUn *)a, n));
}

int connect(int fd, const struct sockaddr *a, socklen_t n) {
    return (int)px_ret(sys_connect(fd, (const SockAddrUn *)a, n));
}

int listen(int fd, int backlog) {
    return (int)px_ret(sys_listen(fd, backlog));
}

int accept4(int fd, struct sockaddr *a, socklen_t *n, int flags) {
    /* only the two flags: anything else must reach the kernel as a bit it
     * refuses, not as one of axos's that happens to share the value */
    int ax = px_sock_flags(flags);
    return (int)px_ret(sys_accept4(fd, (SockAddrUn *)a, n, ax));
}

int accept(int fd, struct sockaddr *a, socklen_t *n) {
    return accept4(fd, a, n, 0);
}

int shutdown(int fd, int how) {
    return (int)px_ret(sys_shutdown(fd, how));
}

int getsockname(int fd, struct sockaddr *a, socklen_t *n) {
    return (int)px_ret(sys_getsockname(fd, (SockAddrUn *)a, n));
}

int getpeername(int fd, struct sockaddr *a, socklen_t *n) {
    return (int)px_ret(sys_getpeername(fd, (SockAddrUn *)a, n));
}

ssize_t sendto(int fd, const void *b, size_t n, int flags, const struct sockaddr *a,
               socklen_t l) {
    return px_ret(sys_sendto(fd, b, n, flags, (const SockAddrUn *)a, l));
}

ssize_t send(int fd, const void *b, size_t n, int flags) {
    return px_ret(sys_sendto(fd, b, n, flags, NULL, 0));
}

ssize_t recvfrom(int fd, void *b, size_t n, int flags, struct sockaddr *a, socklen_t *l) {
    return px_ret(sys_recvfrom(fd, b, n, flags, (SockAddrUn *)a, l));
}

ssize_t recv(int fd, void *b, size_t n, int flags) {
    return px_ret(sys_recvfrom(fd, b, n, flags, NULL, NULL));
}

/* glibc's fortified recv and recvfrom (the buffer's known size). */
ssize_t __recv_chk(int fd, void *b, size_t n, size_t room, int flags) {
    if (n > room)
        __chk_fail();
    return recv(fd, b, n, flags);
}

ssize_t __recvfrom_chk(int fd, void *b, size_t n, size_t room, int flags, struct sockaddr *a,
                       socklen_t *l) {
    if (n > room)
        __chk_fail();
    return recvfrom(fd, b, n, flags, a, l);
}

ssize_t sendmsg(int fd, const struct msghdr *m, int flags) {
    return px_ret(sys_sendmsg(fd, (const MsgHdr *)m, flags));
}

ssize_t recvmsg(int fd, struct msghdr *m, int flags) {
    return px_ret(sys_recvmsg(fd, (MsgHdr *)m, flags));
}

static bool px_is_timeout(int level, int name) {
    return level == SOL_SOCKET && (name == SO_RCVTIMEO || name == SO_SNDTIMEO);
}

/* SO_RCVTIMEO / SO_SNDTIMEO take a struct timeval: EDOM for microseconds
 * outside 0..999999 (Linux), {0, 0} for none; a negative time, which Linux
 * takes as "do not wait", is the shortest wait axos has (1 ns). */
int setsockopt(int fd, int level, int name, const void *v, socklen_t n) {
    if (!px_is_timeout(level, name))
        return (int)px_ret(sys_setsockopt(fd, level, name, v, n));
    if (n < sizeof(struct timeval))
        return px_fail(EINVAL);
    if (!v)
        return px_fail(EFAULT);
    struct timeval tv = *(const struct timeval *)v;
    if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
        return px_fail(EDOM);
    int64_t ns = tv.tv_sec < 0 ? 1 : 0;
    if (tv.tv_sec > 0 || tv.tv_usec > 0)
        ns = tv.tv_sec >= INT64_MAX / 1000000000 - 1
                 ? INT64_MAX
                 : (int64_t)tv.tv_sec * 1000000000 + (int64_t)tv.tv_usec * 1000;
    return (int)px_ret(sys_setsockopt(fd, level, name, &ns, sizeof ns));
}

int getsockopt(int fd, int level, int name, void *v, socklen_t *n) {
    if (!px_is_timeout(level, name))
        return (int)px_ret(sys_getsockopt(fd, level, name, v, n));
    if (!n || !v)
        return px_fail(EFAULT);
    if ((int)*n < 0)
        return px_fail(EINVAL);
    int64_t ns;
    uint32_t len = sizeof ns;
    if (px_ret(sys_getsockopt(fd, level, name, &ns, &len)) < 0)
        return -1;
    struct timeval tv = {(time_t)(ns / 1000000000), (suseconds_t)(ns % 1000000000 / 1000)};
    socklen_t take = *n < sizeof tv ? *n : (socklen_t)sizeof tv;
    memcpy(v, &tv, take);
    *n = take;
    return 0;
}

/* No out-of-band data on AF_UNIX: never at the mark. */
int sockatmark(int fd) {
    int type;
    socklen_t len = sizeof type;
    return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 ? -1 : 0;
}
