/* UNIX-domain sockets through the layer, compared with the host: stream,
 * datagram and seqpacket sockets, names, a listener and its connections
 * (in one process and across a posix_spawn'ed child), end of file and
 * EPIPE, fd passing, credentials, options (the timeouts as a timeval),
 * poll readiness, and the errors of each call. Prints no pid or path that
 * differs between two runs. */
#define _GNU_SOURCE /* struct ucred, SO_DOMAIN */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void show(const char *what, long r) {
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static socklen_t addr_of(struct sockaddr_un *a, const char *path) {
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strcpy(a->sun_path, path);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1);
}

static void pairs(void) {
    int sv[2];
    show("socketpair stream", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    show("write", write(sv[0], "hello", 5));
    char buf[64] = {0};
    show("read", read(sv[1], buf, sizeof buf));
    printf("got: %s\n", buf);
    show("send", send(sv[1], "back", 4, 0));
    memset(buf, 0, sizeof buf);
    show("recv peek", recv(sv[0], buf, 2, MSG_PEEK));
    show("recv", recv(sv[0], buf, sizeof buf, 0));
    printf("got: %s\n", buf);
    show("recv dontwait", recv(sv[0], buf, sizeof buf, MSG_DONTWAIT));
    show("shutdown wr", shutdown(sv[1], SHUT_WR));
    show("read after peer shut", read(sv[0], buf, sizeof buf));
    show("shutdown bad how", shutdown(sv[1], 7));
    close(sv[0]);
    show("send to closed peer", send(sv[1], "x", 1, MSG_NOSIGNAL));
    signal(SIGPIPE, SIG_IGN);
    show("write to closed peer", write(sv[1], "x", 1));
    signal(SIGPIPE, SIG_DFL);
    close(sv[1]);

    show("socketpair dgram", socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
    printf("cloexec: %d\n", fcntl(sv[0], F_GETFD) & FD_CLOEXEC);
    send(sv[0], "one", 3, 0);
    send(sv[0], "second", 6, 0);
    memset(buf, 0, sizeof buf);
    show("recv trunc", recv(sv[1], buf, 2, MSG_TRUNC));
    show("recv whole", recv(sv[1], buf, sizeof buf, 0));
    struct msghdr m = {0};
    struct iovec iov = {buf, 3};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    send(sv[0], "longer", 6, 0);
    show("recvmsg", recvmsg(sv[1], &m, 0));
    printf("msg_flags trunc: %d\n", (m.msg_flags & MSG_TRUNC) != 0);
    close(sv[0]);
    close(sv[1]);

    show("socketpair seqpacket nonblock", socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0, sv));
    printf("nonblock: %d\n", (fcntl(sv[0], F_GETFL) & O_NONBLOCK) != 0);
    show("read empty", read(sv[0], buf, sizeof buf));
    close(sv[0]);
    close(sv[1]);
}

static void options(void) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int v;
    socklen_t len = sizeof v;
    show("SO_TYPE", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len));
    printf("type %d len %u\n", v, (unsigned)len);
    len = sizeof v;
    show("SO_DOMAIN", getsockopt(sv[0], SOL_SOCKET, SO_DOMAIN, &v, &len));
    printf("domain %d\n", v);
    len = sizeof v;
    show("SO_ERROR", getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &v, &len));
    printf("error %d\n", v);
    struct ucred cr;
    len = sizeof cr;
    show("SO_PEERCRED", getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &len));
    printf("peer is me: %d\n", cr.pid == getpid());
    show("unknown option", setsockopt(sv[0], SOL_SOCKET, 9999, &v, sizeof v));
    show("short option", setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &v, 1));

    struct timeval tv = {0, 200000}, out; /* whole jiffies at any HZ */
    show("SO_RCVTIMEO set", setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    len = sizeof out;
    show("SO_RCVTIMEO get", getsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &out, &len));
    printf("timeout %ld.%06ld len %u\n", (long)out.tv_sec, (long)out.tv_usec, (unsigned)len);
    char c;
    show("recv times out", recv(sv[0], &c, 1, 0));
    tv.tv_usec = 1000000;
    show("SO_RCVTIMEO usec too big", setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    show("SO_SNDTIMEO short", setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, 4));
    close(sv[0]);
    close(sv[1]);

    int p[2];
    pipe(p);
    len = sizeof v;
    show("getsockopt on a pipe", getsockopt(p[0], SOL_SOCKET, SO_TYPE, &v, &len));
    show("send on a pipe", send(p[1], "x", 1, 0));
    show("listen on a pipe", listen(p[0], 1));
    show("shutdown bad fd", shutdown(99, SHUT_RD));
    close(p[0]);
    close(p[1]);
    show("socket bad type", socket(AF_UNIX, 99, 0));
    show("socket bad protocol", socket(AF_UNIX, SOCK_STREAM, 7));
    show("socketpair bad family", socketpair(12345, SOCK_STREAM, 0, sv));
}

static void names(void) {
    struct sockaddr_un a, got;
    socklen_t alen = addr_of(&a, "srv.sock");
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    show("bind", bind(l, (struct sockaddr *)&a, alen));
    struct stat st;
    show("stat socket", stat("srv.sock", &st));
    printf("is socket: %d\n", S_ISSOCK(st.st_mode));
    socklen_t glen = sizeof got;
    show("getsockname", getsockname(l, (struct sockaddr *)&got, &glen));
    printf("name %s len %u\n", got.sun_path, (unsigned)glen);
    int again = socket(AF_UNIX, SOCK_STREAM, 0);
    show("bind taken", bind(again, (struct sockaddr *)&a, alen));
    show("accept before listen", accept(l, NULL, NULL));
    show("listen", listen(l, 4));
    show("connect", connect(again, (struct sockaddr *)&a, alen));
    show("connect again", connect(again, (struct sockaddr *)&a, alen));
    glen = sizeof got;
    int s = accept(l, (struct sockaddr *)&got, &glen);
    show("accept", s >= 0 ? 0 : -1);
    printf("peer name len %u\n", (unsigned)glen);
    glen = sizeof got;
    show("getpeername", getpeername(again, (struct sockaddr *)&got, &glen));
    printf("peer %s\n", got.sun_path);
    write(again, "ping", 4);
    char buf[16] = {0};
    read(s, buf, sizeof buf);
    printf("server got %s\n", buf);

    /* a file descriptor across the connection */
    int p[2];
    pipe(p);
    char cbuf[CMSG_SPACE(sizeof(int))];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec iov = {"f", 1};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = cbuf;
    m.msg_controllen = sizeof cbuf;
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &p[1], sizeof(int));
    show("sendmsg fd", sendmsg(s, &m, 0));
    close(p[1]);
    char one;
    struct iovec riov = {&one, 1};
    struct msghdr r = {0};
    char rbuf[CMSG_SPACE(sizeof(int))];
    r.msg_iov = &riov;
    r.msg_iovlen = 1;
    r.msg_control = rbuf;
    r.msg_controllen = sizeof rbuf;
    show("recvmsg fd", recvmsg(again, &r, 0));
    struct cmsghdr *rc = CMSG_FIRSTHDR(&r);
    int fd = -1;
    if (rc && rc->cmsg_type == SCM_RIGHTS)
        memcpy(&fd, CMSG_DATA(rc), sizeof fd);
    printf("got an fd: %d\n", fd >= 0);
    write(fd, "through", 7);
    close(fd);
    memset(buf, 0, sizeof buf);
    show("read passed pipe", read(p[0], buf, sizeof buf));
    printf("pipe said %s\n", buf);
    close(p[0]);

    struct pollfd pf[2] = {{s, POLLIN, 0}, {again, POLLOUT, 0}};
    show("poll", poll(pf, 2, 0));
    printf("revents %#x %#x\n", pf[0].revents, pf[1].revents);
    close(again);
    pf[0].revents = 0;
    show("poll after close", poll(pf, 1, 0));
    printf("revents %#x\n", pf[0].revents & (POLLIN | POLLHUP));
    close(s);
    close(l);
    show("connect to no listener", connect(socket(AF_UNIX, SOCK_STREAM, 0),
                                           (struct sockaddr *)&a, alen));
    unlink("srv.sock");
    show("connect to nothing", connect(socket(AF_UNIX, SOCK_STREAM, 0),
                                       (struct sockaddr *)&a, alen));
    show("bind bad family", bind(socket(AF_UNIX, SOCK_DGRAM, 0),
                                 (struct sockaddr *)&(struct sockaddr){.sa_family = 2}, 16));

    /* datagrams with names */
    struct sockaddr_un da, db;
    socklen_t dal = addr_of(&da, "a.sock"), dbl = addr_of(&db, "b.sock");
    int x = socket(AF_UNIX, SOCK_DGRAM, 0), y = socket(AF_UNIX, SOCK_DGRAM, 0);
    bind(x, (struct sockaddr *)&da, dal);
    bind(y, (struct sockaddr *)&db, dbl);
    show("sendto", sendto(x, "dg", 2, 0, (struct sockaddr *)&db, dbl));
    struct sockaddr_un from;
    socklen_t flen = sizeof from;
    memset(buf, 0, sizeof buf);
    show("recvfrom", recvfrom(y, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen));
    printf("from %s: %s\n", from.sun_path, buf);
    show("send unconnected dgram", send(x, "z", 1, 0));
    close(x);
    close(y);
    unlink("a.sock");
    unlink("b.sock");
}

/* The child: connect to the server's name, send a line, read the answer. */
static int client(const char *path) {
    struct sockaddr_un a;
    socklen_t alen = addr_of(&a, path);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    while (connect(s, (struct sockaddr *)&a, alen) < 0)
        if (errno != ENOENT && errno != ECONNREFUSED)
            return 2;
        else
            usleep(1000);
    const char msg[] = "from the child";
    if (write(s, msg, sizeof msg - 1) != sizeof msg - 1)
        return 3;
    shutdown(s, SHUT_WR);
    char buf[64] = {0};
    ssize_t n = read(s, buf, sizeof buf - 1);
    printf("child got %zd: %s\n", n, buf);
    return 0;
}

static void across_processes(const char *self) {
    struct sockaddr_un a;
    socklen_t alen = addr_of(&a, "x.sock");
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(l, (struct sockaddr *)&a, alen);
    listen(l, 1);
    fflush(stdout);
    pid_t pid;
    char *argv[] = {(char *)self, "client", "x.sock", NULL};
    if (posix_spawnp(&pid, self, NULL, NULL, argv, environ) != 0) {
        printf("spawn failed\n");
        return;
    }
    int s = accept(l, NULL, NULL);
    char buf[64] = {0}, *p = buf;
    ssize_t n;
    while ((n = read(s, p, sizeof buf - 1 - (size_t)(p - buf))) > 0)
        p += n;
    write(s, "answer", 6);
    close(s);
    int st;
    waitpid(pid, &st, 0);
    printf("server got: %s; child status %d\n", buf, WEXITSTATUS(st));
    close(l);
    unlink("x.sock");
}

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "client") == 0)
        return client(argv[2]);
    setvbuf(stdout, NULL, _IONBF, 0);
    pairs();
    options();
    names();
    across_processes(argv[0]);
    return 0;
}
