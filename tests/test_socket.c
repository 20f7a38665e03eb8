/* Hypotheses about UNIX stream sockets: creation, names, connections,
 * data, shutdown and close, buffers, options, and waits that are
 * interrupted, timed out or killed. */
#include "ipc_test.h"

static SockAddrUn un(const char *path, uint32_t *len) {
    SockAddrUn a = {AX_AF_UNIX, {0}};
    strcpy(a.sun_path, path);
    *len = (uint32_t)(2 + strlen(path) + 1);
    return a;
}

/* an abstract name: NUL then name */
static SockAddrUn abs_un(const char *name, uint32_t *len) {
    SockAddrUn a = {AX_AF_UNIX, {0}};
    memcpy(a.sun_path + 1, name, strlen(name));
    *len = (uint32_t)(2 + 1 + strlen(name));
    return a;
}

static int listener(const char *path, int backlog) {
    uint32_t len;
    SockAddrUn a = un(path, &len);
    int l = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM, 0).value;
    if (sys_bind(l, &a, len).error || sys_listen(l, backlog).error)
        return -1;
    return l;
}

static int connector(const char *path, int type) {
    uint32_t len;
    SockAddrUn a = un(path, &len);
    int c = (int)sys_socket(AX_AF_UNIX, type, 0).value;
    SyscallResult r = sys_connect(c, &a, len);
    return r.error ? -(int)r.error : c;
}

/* /bin/client PATH MSG: connect, send MSG, read the echo, exit 0 if equal */
static int prog_client(int argc, char **argv) {
    int c = connector(argv[1], AX_SOCK_STREAM);
    if (c < 0)
        return 2;
    size_t n = strlen(argv[2]);
    if (sys_write(c, argv[2], n).value != (int64_t)n)
        return 3;
    char buf[64];
    size_t got = 0;
    while (got < n) {
        SyscallResult r = sys_read(c, buf + got, sizeof buf - got);
        if (r.value <= 0)
            return 4;
        got += (size_t)r.value;
    }
    sys_close(c);
    return memcmp(buf, argv[2], n) == 0 ? 0 : 5;
}

/* /bin/bigsend FD N: write N KiB of a counting pattern to FD */
static int prog_bigsend(int argc, char **argv) {
    int fd = atoi(argv[1]);
    long kib = atol(argv[2]);
    uint8_t buf[1024];
    unsigned char x = 0;
    for (long i = 0; i < kib; i++) {
        for (size_t j = 0; j < sizeof buf; j++)
            buf[j] = x++;
        if (sys_write(fd, buf, sizeof buf).value != (int64_t)sizeof buf)
            return 1;
    }
    return 0;
}

/* /bin/blocker KIND ARG: wait for ever in accept (ARG a listener fd),
 * recv (a socket fd) or send (a full socket fd) */
static int prog_blocker(int argc, char **argv) {
    int fd = atoi(argv[2]);
    char buf[8];
    switch (argv[1][0]) {
    case 'a': sys_accept(fd, NULL, NULL); break;
    case 'r': sys_recv(fd, buf, sizeof buf, 0); break;
    case 's': sys_send(fd, buf, 1, 0); break;
    case 'c': connector(argv[2], AX_SOCK_STREAM); break;
    }
    return 99;
}

/* /bin/writer FD DELAY_MS: sleep, write one byte */
static int prog_writer(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[2]) * MS);
    return sys_write(atoi(argv[1]), "w", 1).value == 1 ? 0 : 1;
}

static int prog_signaller(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[3]) * MS);
    return sys_kill(atoi(argv[1]), atoi(argv[2])).error == AX_OK ? 0 : 1;
}

static const IpcProg helpers[] = {
    {"/bin/client", prog_client},
    {"/bin/bigsend", prog_bigsend},
    {"/bin/blocker", prog_blocker},
    {"/bin/signaller", prog_signaller},
    {"/bin/writer", prog_writer},
};
#define TRUN(t) ipc_run(NULL, t, helpers, sizeof helpers / sizeof helpers[0])

static char *num(int v) {
    static char buf[4][16];
    static int i;
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof buf[i], "%d", v);
    return buf[i];
}

static int getint(int fd, int name) {
    int v = -12345;
    uint32_t len = sizeof v;
    if (sys_getsockopt(fd, AX_SOL_SOCKET, name, &v, &len).error)
        return -12345;
    return v;
}

/* ---- creation ---- */

static int t_create(int argc, char **argv) {
    CHECK(sys_socket(AX_AF_INET, AX_SOCK_STREAM, 0).error == AX_EAFNOSUPPORT);
    CHECK(sys_socket(99, AX_SOCK_STREAM, 0).error == AX_EAFNOSUPPORT);
    CHECK(sys_socket(AX_AF_UNIX, AX_SOCK_STREAM | 0x100, 0).error == AX_EINVAL);
    CHECK(sys_socket(AX_AF_UNIX, 11, 0).error == AX_EINVAL);
    CHECK(sys_socket(AX_AF_UNIX, 4, 0).error == AX_ESOCKTNOSUPPORT);
    CHECK(sys_socket(AX_AF_UNIX, AX_SOCK_STREAM, 2).error == AX_EPROTONOSUPPORT);
    int sv[2];
    CHECK(sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, NULL).error == AX_EFAULT);
    int raw = (int)sys_socket(AX_AF_UNIX, AX_SOCK_RAW, 0).value;
    CHECK(getint(raw, AX_SO_TYPE) == AX_SOCK_DGRAM); /* RAW is DGRAM on AF_UNIX */
    int s = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM | AX_SOCK_NONBLOCK | AX_SOCK_CLOEXEC, 0).value;
    CHECK(sys_fcntl(s, AX_F_GETFD, 0).value == AX_FD_CLOEXEC);
    CHECK(sys_fcntl(s, AX_F_GETFL, 0).value == (AX_O_RDWR | AX_O_NONBLOCK));
    FileStat st;
    CHECK(sys_fstat(s, &st).error == AX_OK && AX_S_ISSOCK(st.mode));
    CHECK(getint(s, AX_SO_DOMAIN) == AX_AF_UNIX && getint(s, AX_SO_ACCEPTCONN) == 0);
    CHECK(getint(s, AX_SO_SNDBUF) == 212992 && getint(s, AX_SO_RCVBUF) == 212992);
    /* not a socket */
    int p[2];
    sys_pipe(p);
    CHECK(sys_listen(p[0], 1).error == AX_ENOTSOCK && sys_listen(77, 1).error == AX_EBADF);
    /* an unconnected stream socket: reads EINVAL, writes ENOTCONN, poll HUP|OUT */
    char c;
    CHECK(sys_read(s, &c, 1).error == AX_EINVAL);
    CHECK(sys_send(s, "x", 1, 0).error == AX_ENOTCONN);
    CHECK(sys_getpeername(s, NULL, NULL).error == AX_ENOTCONN);
    PollFd f = {s, AX_POLLIN | AX_POLLOUT, 0};
    CHECK(sys_poll(&f, 1, 0).value == 1 && f.revents == (AX_POLLOUT | AX_POLLHUP));
    CHECK(sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, sv).error == AX_OK);
    for (int i = 0; i < 2; i++) {
        sys_close(sv[i]);
        sys_close(p[i]);
    }
    sys_close(s);
    sys_close(raw);
    return 0;
}

static void test_socket_checks_its_arguments_in_linux_order(void **state) {
    TRUN(t_create);
}

/* ---- a pair ---- */

static int sigpipes;
static void on_pipe(int sig) {
    sigpipes++;
}

static int t_pair(int argc, char **argv) {
    sys_signal(AX_SIGPIPE, on_pipe);
    sigpipes = 0;
    int sv[2];
    CHECK(sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, sv).error == AX_OK);
    char buf[32];
    /* bytes in order, both ways, and across writes */
    CHECK(sys_write(sv[0], "hel", 3).value == 3 && sys_send(sv[0], "lo", 2, 0).value == 2);
    CHECK(sys_recv(sv[1], buf, 2, AX_MSG_PEEK).value == 2 && memcmp(buf, "he", 2) == 0);
    CHECK(sys_read(sv[1], buf, sizeof buf).value == 5 && memcmp(buf, "hello", 5) == 0);
    CHECK(sys_write(sv[1], "back", 4).value == 4);
    CHECK(sys_recv(sv[0], buf, sizeof buf, 0).value == 4);
    CHECK(sys_recv(sv[0], buf, sizeof buf, AX_MSG_DONTWAIT).error == AX_EAGAIN);
    /* a zero-byte read waits for data like any other (Linux) */
    CHECK(sys_recv(sv[0], buf, 0, AX_MSG_DONTWAIT).error == AX_EAGAIN);
    uint32_t len = sizeof(SockAddrUn);
    SockAddrUn a;
    CHECK(sys_getpeername(sv[0], &a, &len).error == AX_OK && len == 2 && a.sun_family == AX_AF_UNIX);
    /* shut down writing: the peer reads the rest, then end of file; this
     * end gets EPIPE and SIGPIPE (not with MSG_NOSIGNAL) */
    sys_write(sv[0], "z", 1);
    CHECK(sys_shutdown(sv[0], AX_SHUT_WR).error == AX_OK);
    PollFd f = {sv[1], AX_POLLIN | AX_POLLRDHUP, 0};
    CHECK(sys_poll(&f, 1, 0).value == 1 && f.revents == (AX_POLLIN | AX_POLLRDHUP));
    CHECK(sys_read(sv[1], buf, sizeof buf).value == 1 && sys_read(sv[1], buf, sizeof buf).value == 0);
    CHECK(sys_write(sv[0], "x", 1).error == AX_EPIPE && sigpipes == 1);
    CHECK(sys_send(sv[0], "x", 0, 0).error == AX_EPIPE && sigpipes == 2);
    CHECK(sys_send(sv[0], "x", 1, AX_MSG_NOSIGNAL).error == AX_EPIPE && sigpipes == 2);
    CHECK(sys_shutdown(sv[0], 3).error == AX_EINVAL);
    /* the other way still works */
    CHECK(sys_write(sv[1], "ok", 2).value == 2 && sys_read(sv[0], buf, 2).value == 2);
    /* the peer closes with data unread here: read it, then EOF; the peer
     * closing with data unread THERE: ECONNRESET once */
    sys_write(sv[1], "tail", 4);
    sys_close(sv[1]);
    CHECK(sys_read(sv[0], buf, sizeof buf).value == 4 && sys_read(sv[0], buf, 1).value == 0);
    sys_close(sv[0]);
    CHECK(sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, sv).error == AX_OK);
    sys_write(sv[0], "unread", 6);
    sys_close(sv[1]);
    f = (PollFd){sv[0], AX_POLLIN | AX_POLLOUT, 0};
    CHECK(sys_poll(&f, 1, 0).value == 1);
    CHECK(f.revents == (AX_POLLIN | AX_POLLOUT | AX_POLLERR | AX_POLLHUP));
    CHECK(sys_read(sv[0], buf, 1).error == AX_ECONNRESET && sys_read(sv[0], buf, 1).value == 0);
    CHECK(sys_write(sv[0], "x", 1).error == AX_EPIPE && sigpipes == 3);
    sys_close(sv[0]);
    return 0;
}

static void test_a_stream_pair_keeps_order_and_reports_eof_epipe_and_reset(void **state) {
    TRUN(t_pair);
}

/* ---- names and connections ---- */

static int t_names(int argc, char **argv) {
    uint32_t len, alen;
    SockAddrUn a = un("/tmp/s", &len);
    int l = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM, 0).value;
    CHECK(sys_listen(l, 5).error == AX_EINVAL); /* not bound */
    CHECK(sys_bind(l, &a, 1).error == AX_EINVAL);
    CHECK(sys_bind(l, NULL, len).error == AX_EFAULT);
    SockAddrUn bad = a;
    bad.sun_family = AX_AF_INET;
    CHECK(sys_bind(l, &bad, len).error == AX_EINVAL);
    CHECK(sys_bind(l, &a, sizeof(SockAddrUn) + 1).error == AX_EINVAL);
    CHECK(sys_bind(l, &a, len).error == AX_OK);
    CHECK(sys_bind(l, &a, len).error == AX_EINVAL); /* bound already */
    FileStat st;
    CHECK(sys_stat("/tmp/s", &st).error == AX_OK && st.mode == (AX_S_IFSOCK | 0755)); /* 0777 & ~umask 022, as Linux */
    int l2 = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM, 0).value;
    CHECK(sys_bind(l2, &a, len).error == AX_EADDRINUSE);
    SockAddrUn nodir = un("/nodir/s", &alen);
    CHECK(sys_bind(l2, &nodir, alen).error == AX_ENOENT);
    /* nobody listening yet */
    CHECK(connector("/tmp/s", AX_SOCK_STREAM) == -AX_ECONNREFUSED);
    CHECK(sys_listen(l, 5).error == AX_OK && getint(l, AX_SO_ACCEPTCONN) == 1);
    char buf[8];
    CHECK(sys_read(l, buf, 1).error == AX_EINVAL);
    CHECK(connector("/tmp/nothing", AX_SOCK_STREAM) == -AX_ENOENT);
    CHECK(connector("/tmp/s", AX_SOCK_SEQPACKET) == -AX_EPROTOTYPE);
    int fd = (int)sys_open("/tmp/file", AX_O_CREAT | AX_O_WRONLY, 0600).value;
    sys_close(fd);
    CHECK(connector("/tmp/file", AX_SOCK_STREAM) == -AX_ECONNREFUSED);
    /* a connection: names on both sides */
    int c = connector("/tmp/s", AX_SOCK_STREAM);
    CHECK(c >= 0);
    CHECK(connector("/tmp/s", AX_SOCK_STREAM) >= 0); /* a second waits in the backlog */
    SockAddrUn got;
    len = sizeof got;
    int s = (int)sys_accept(l, &got, &len).value;
    CHECK(s >= 0 && len == 2); /* the client has no name */
    len = sizeof got;
    CHECK(sys_getsockname(s, &got, &len).error == AX_OK && len == 9 && strcmp(got.sun_path, "/tmp/s") == 0);
    len = sizeof got;
    CHECK(sys_getpeername(c, &got, &len).error == AX_OK && len == 9);
    len = 4; /* too small: cut, and the full length told */
    CHECK(sys_getsockname(s, &got, &len).error == AX_OK && len == 9);
    CHECK(sys_connect(c, &a, 9).error == AX_EISCONN);
    CHECK(sys_listen(c, 1).error == AX_EINVAL);
    CHECK(sys_accept(c, NULL, NULL).error == AX_EINVAL);
    CHECK(sys_accept4(l, NULL, NULL, 0x10).error == AX_EINVAL);
    CHECK(sys_sendto(c, "x", 1, 0, &a, 9).error == AX_EISCONN);
    /* an abstract name, and SO_PASSCRED's autobind of a client */
    uint32_t anl;
    SockAddrUn an = abs_un("srv", &anl);
    int al = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM, 0).value;
    CHECK(sys_bind(al, &an, anl).error == AX_OK && sys_listen(al, 1).error == AX_OK);
    CHECK(sys_exists("srv").value == 0); /* nothing in the filesystem */
    int ac = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM, 0).value;
    int one = 1;
    sys_setsockopt(ac, AX_SOL_SOCKET, AX_SO_PASSCRED, &one, sizeof one);
    CHECK(sys_connect(ac, &an, anl).error == AX_OK);
    len = sizeof got;
    int as = (int)sys_accept(al, &got, &len).value;
    CHECK(as >= 0 && len == 8 && got.sun_path[0] == 0); /* NUL and 5 hex digits */
    len = sizeof got;
    SockAddrUn own;
    uint32_t ownlen = sizeof own;
    sys_getsockname(ac, &own, &ownlen);
    CHECK(ownlen == 8 && memcmp(own.sun_path, got.sun_path, 6) == 0);
    /* closing frees an abstract name; a path name stays, and refuses */
    sys_close(al);
    int al2 = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM, 0).value;
    CHECK(sys_bind(al2, &an, anl).error == AX_OK);
    /* abstract names are per type (Linux hashes the type in) */
    int dg = (int)sys_socket(AX_AF_UNIX, AX_SOCK_DGRAM, 0).value;
    CHECK(sys_bind(dg, &an, anl).error == AX_OK);
    int sp = (int)sys_socket(AX_AF_UNIX, AX_SOCK_SEQPACKET, 0).value;
    CHECK(sys_connect(sp, &an, anl).error == AX_ECONNREFUSED);
    sys_close(l);
    CHECK(sys_exists("/tmp/s").value == 1);
    CHECK(connector("/tmp/s", AX_SOCK_STREAM) == -AX_ECONNREFUSED);
    for (int i = 3; i < 40; i++)
        sys_close(i);
    return 0;
}

static void test_names_bind_and_connect_as_linux_says(void **state) {
    TRUN(t_names);
}

static int t_backlog(int argc, char **argv) {
    int l = listener("/tmp/s", 0); /* backlog 0: one connection may wait */
    CHECK(l >= 0);
    uint32_t len;
    SockAddrUn a = un("/tmp/s", &len);
    int c1 = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM | AX_SOCK_NONBLOCK, 0).value;
    int c2 = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM | AX_SOCK_NONBLOCK, 0).value;
    CHECK(sys_connect(c1, &a, len).error == AX_OK);
    CHECK(sys_connect(c2, &a, len).error == AX_EAGAIN); /* never EINPROGRESS for AF_UNIX */
    /* a client may write before it is accepted */
    CHECK(sys_write(c1, "early", 5).value == 5);
    PollFd f = {l, AX_POLLIN | AX_POLLOUT, 0};
    CHECK(sys_poll(&f, 1, 0).value == 1 && f.revents == AX_POLLIN);
    /* a blocking connect waits for room: a child connects, we accept */
    int pid = ipc_spawn("/bin/client", "/tmp/s", "ping", NULL);
    sys_sleep(MS); /* the child is parked in connect now */
    int s1 = (int)sys_accept(l, NULL, NULL).value;
    char buf[8];
    CHECK(sys_read(s1, buf, sizeof buf).value == 5);
    int s2 = (int)sys_accept(l, NULL, NULL).value;
    CHECK(s2 >= 0 && sys_read(s2, buf, 4).value == 4 && sys_write(s2, buf, 4).value == 4);
    CHECK(ipc_wait(pid) == 0);
    /* non-blocking accept with nothing waiting */
    sys_fcntl(l, AX_F_SETFL, AX_O_NONBLOCK);
    CHECK(sys_accept(l, NULL, NULL).error == AX_EAGAIN);
    /* the listener goes with a connection waiting: its client is reset */
    int c3 = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM, 0).value;
    CHECK(sys_connect(c3, &a, len).error == AX_OK);
    sys_close(l);
    CHECK(sys_read(c3, buf, 1).error == AX_ECONNRESET && sys_read(c3, buf, 1).value == 0);
    sys_signal(AX_SIGPIPE, AX_SIG_IGN);
    CHECK(sys_write(c3, "x", 1).error == AX_EPIPE);
    for (int i = 3; i < 20; i++)
        sys_close(i);
    return 0;
}

static void test_listen_backlog_lets_backlog_plus_one_wait(void **state) {
    TRUN(t_backlog);
}

/* ---- data ---- */

static int t_big(int argc, char **argv) {
    int sv[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, sv);
    /* 1 MiB through a 212992-byte buffer: the writer waits for the reader */
    int pid = ipc_spawn("/bin/bigsend", num(sv[1]), "1024", NULL);
    sys_close(sv[1]);
    static uint8_t buf[70000];
    unsigned char x = 0;
    long total = 0;
    for (;;) {
        /* MSG_WAITALL: the whole buffer, unless end of file comes first */
        SyscallResult r = sys_recv(sv[0], buf, sizeof buf, AX_MSG_WAITALL);
        CHECK(r.error == AX_OK);
        if (r.value == 0)
            break;
        CHECK(r.value == (int64_t)sizeof buf || total + r.value == 1024 * 1024);
        for (int64_t i = 0; i < r.value; i++)
            CHECK(buf[i] == x++);
        total += r.value;
    }
    CHECK(total == 1024 * 1024);
    CHECK(ipc_wait(pid) == 0);
    sys_close(sv[0]);
    return 0;
}

static void test_a_megabyte_crosses_in_order_with_the_writer_waiting(void **state) {
    TRUN(t_big);
}

static int t_sndbuf(int argc, char **argv) {
    int sv[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM | AX_SOCK_NONBLOCK, 0, sv);
    int v = 1000;
    CHECK(sys_setsockopt(sv[0], AX_SOL_SOCKET, AX_SO_SNDBUF, &v, sizeof v).error == AX_OK);
    CHECK(getint(sv[0], AX_SO_SNDBUF) == 4608); /* doubled, then at least the minimum */
    v = 1 << 30;
    sys_setsockopt(sv[1], AX_SOL_SOCKET, AX_SO_SNDBUF, &v, sizeof v);
    CHECK(getint(sv[1], AX_SO_SNDBUF) == 425984);
    /* each message costs 768 bytes: six 1-byte writes fill 4608 (Linux) */
    int n = 0;
    while (sys_write(sv[0], "x", 1).value == 1)
        n++;
    CHECK(n == 6);
    PollFd f = {sv[0], AX_POLLOUT, 0};
    CHECK(sys_poll(&f, 1, 0).value == 0);
    /* writable again once a quarter of it is in flight */
    char buf[8];
    CHECK(sys_read(sv[1], buf, 4).value == 4);
    CHECK(sys_poll(&f, 1, 0).value == 0); /* 2 x 768 > 4608 / 4 */
    CHECK(sys_read(sv[1], buf, 1).value == 1);
    CHECK(sys_poll(&f, 1, 0).value == 1 && f.revents == AX_POLLOUT);
    /* options: errors */
    CHECK(sys_setsockopt(sv[0], 0, AX_SO_SNDBUF, &v, sizeof v).error == AX_EOPNOTSUPP);
    CHECK(sys_setsockopt(sv[0], AX_SOL_SOCKET, 999, &v, sizeof v).error == AX_ENOPROTOOPT);
    CHECK(sys_setsockopt(sv[0], AX_SOL_SOCKET, AX_SO_SNDBUF, &v, 2).error == AX_EINVAL);
    CHECK(sys_setsockopt(sv[0], AX_SOL_SOCKET, AX_SO_SNDBUF, NULL, 4).error == AX_EFAULT);
    CHECK(sys_setsockopt(sv[0], AX_SOL_SOCKET, AX_SO_TYPE, &v, sizeof v).error == AX_ENOPROTOOPT);
    uint32_t len = 2;
    CHECK(sys_getsockopt(sv[0], AX_SOL_SOCKET, AX_SO_TYPE, &v, &len).error == AX_OK && len == 2);
    CHECK(sys_getsockopt(sv[0], AX_SOL_SOCKET, AX_SO_TYPE, &v, NULL).error == AX_EFAULT);
    UCred c;
    len = sizeof c;
    CHECK(sys_getsockopt(sv[0], AX_SOL_SOCKET, AX_SO_PEERCRED, &c, &len).error == AX_OK);
    CHECK(len == sizeof c && c.pid == (int)sys_getpid().value && c.uid == 0 && c.gid == 0);
    int lone = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM, 0).value;
    len = sizeof c;
    sys_getsockopt(lone, AX_SOL_SOCKET, AX_SO_PEERCRED, &c, &len);
    CHECK(c.pid == 0 && c.uid == (uint32_t)-1 && c.gid == (uint32_t)-1);
    sys_close(lone);
    sys_close(sv[0]);
    sys_close(sv[1]);
    return 0;
}

static void test_sndbuf_bounds_what_is_in_flight_as_on_linux(void **state) {
    TRUN(t_sndbuf);
}

static int t_memlimit(int argc, char **argv) {
    int sv[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM | AX_SOCK_NONBLOCK, 0, sv);
    SystemMemStats before, during;
    sys_system_memstats(&before);
    static char buf[8192];
    CHECK(sys_write(sv[0], buf, sizeof buf).value == (int64_t)sizeof buf);
    sys_system_memstats(&during);
    /* the queued bytes count, with each message's overhead */
    CHECK(during.total_allocated == before.total_allocated + sizeof buf + 767);
    /* the system limit (2 MiB here, task stacks included) stops senders,
     * however many sockets they spread over (each may have 425984 bytes
     * in flight): ENOBUFS */
    enum { PAIRS = 8 };
    int n = 0, more[PAIRS][2];
    memset(more, 0, sizeof more);
    SyscallResult r = {0, AX_OK};
    for (int i = 0; i < PAIRS && r.error != AX_ENOBUFS; i++) {
        sys_socketpair(AX_AF_UNIX, AX_SOCK_DGRAM, 0, more[i]);
        int v = 1 << 20;
        sys_setsockopt(more[i][0], AX_SOL_SOCKET, AX_SO_SNDBUF, &v, sizeof v);
        while ((r = sys_send(more[i][0], buf, sizeof buf, AX_MSG_DONTWAIT)).error == AX_OK)
            n++;
        CHECK(r.error == AX_EAGAIN || r.error == AX_ENOBUFS);
        n += 1000 * (r.error == AX_ENOBUFS);
    }
    CHECK(r.error == AX_ENOBUFS && n > 1000 + 100);
    MemStats ms;
    sys_memstats(&ms); /* the sender pays: its own figure shows it */
    CHECK(ms.sock_bytes >= 100 * (sizeof buf + 767));
    char c;
    CHECK(sys_read(sv[1], &c, 1).value == 1);
    for (int i = 0; i < PAIRS; i++)
        if (more[i][0] > 0) {
            sys_close(more[i][0]);
            sys_close(more[i][1]);
        }
    sys_close(sv[0]);
    sys_close(sv[1]);
    SystemMemStats after;
    sys_system_memstats(&after);
    CHECK(after.total_allocated == before.total_allocated);
    return 0;
}

static void test_queued_bytes_count_against_the_memory_limit(void **state) {
    KernelConfig cfg = {.mem_limit = 2 << 20};
    ipc_run(&cfg, t_memlimit, helpers, sizeof helpers / sizeof helpers[0]);
}

/* ---- waits: signals, timeouts, kills ---- */

static int hits;
static void on_usr1(int sig) {
    hits++;
}

static int t_waits(int argc, char **argv) {
    int sv[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, sv);
    char buf[8];
    /* SO_RCVTIMEO: a receive ends with EAGAIN once it is up */
    int64_t ns = 30 * MS;
    CHECK(sys_setsockopt(sv[0], AX_SOL_SOCKET, AX_SO_RCVTIMEO, &ns, sizeof ns).error == AX_OK);
    uint64_t t0 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    CHECK(sys_recv(sv[0], buf, 1, 0).error == AX_EAGAIN);
    CHECK((uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - t0 == 30 * MS);
    ns = -1;
    CHECK(sys_setsockopt(sv[0], AX_SOL_SOCKET, AX_SO_RCVTIMEO, &ns, sizeof ns).error == AX_EINVAL);
    /* with a timeout a signal is not restarted, even under SA_RESTART */
    SigAction sa = {.handler = on_usr1, .flags = AX_SA_RESTART};
    sys_sigaction(AX_SIGUSR1, &sa, NULL);
    hits = 0;
    int me = (int)sys_getpid().value;
    int pid = ipc_spawn("/bin/signaller", num(me), num(AX_SIGUSR1), "5");
    CHECK(sys_recv(sv[0], buf, 1, 0).error == AX_EINTR && hits == 1);
    CHECK(ipc_wait(pid) == 0);
    /* without one it is: the receive goes on and gets the data */
    ns = 0;
    sys_setsockopt(sv[0], AX_SOL_SOCKET, AX_SO_RCVTIMEO, &ns, sizeof ns);
    pid = ipc_spawn("/bin/signaller", num(me), num(AX_SIGUSR1), "5");
    int wpid = ipc_spawn("/bin/writer", num(sv[1]), "10", NULL);
    CHECK(sys_recv(sv[0], buf, 1, 0).value == 1 && hits == 2);
    CHECK(ipc_wait(pid) == 0 && ipc_wait(wpid) == 0);
    sys_close(sv[0]);
    sys_close(sv[1]);
    return 0;
}

static void test_receive_timeouts_and_restarts_follow_linux(void **state) {
    TRUN(t_waits);
}

static int t_killed(int argc, char **argv) {
    int l = listener("/tmp/s", 0), idle = listener("/tmp/idle", 4);
    int sv[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, sv);
    int full[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, full);
    int v = 1;
    sys_setsockopt(full[0], AX_SOL_SOCKET, AX_SO_SNDBUF, &v, sizeof v);
    sys_fcntl(full[0], AX_F_SETFL, AX_O_NONBLOCK);
    while (sys_write(full[0], "x", 1).value == 1)
        ;
    sys_fcntl(full[0], AX_F_SETFL, 0);
    /* fill the backlog so a connect waits too */
    int c1 = connector("/tmp/s", AX_SOCK_STREAM);
    CHECK(c1 >= 0);
    int pids[4] = {
        ipc_spawn("/bin/blocker", "a", num(idle), NULL),
        ipc_spawn("/bin/blocker", "r", num(sv[0]), NULL),
        ipc_spawn("/bin/blocker", "s", num(full[0]), NULL),
        ipc_spawn("/bin/blocker", "c", "/tmp/s", NULL),
    };
    sys_sleep(MS);
    for (int i = 0; i < 4; i++) {
        sys_kill(pids[i], AX_SIGKILL);
        CHECK(AX_WTERMSIG(ipc_wait(pids[i])) == AX_SIGKILL);
    }
    /* the queues they were parked on are woken with nobody left on them */
    char buf[8];
    sys_write(sv[1], "x", 1);
    CHECK(sys_read(full[1], buf, sizeof buf).value > 0);
    CHECK(sys_accept(l, NULL, NULL).value >= 0);
    for (int i = 3; i < 20; i++)
        sys_close(i);
    return 0;
}

static void test_processes_killed_in_socket_calls_leave_nothing(void **state) {
    TRUN(t_killed);
}

/* ---- several clients through the programs' own loop ---- */

static int t_echo(int argc, char **argv) {
    int l = listener("/tmp/echo", 8);
    CHECK(l >= 0);
    int pids[3];
    const char *msgs[3] = {"one", "two!", "three"};
    for (int i = 0; i < 3; i++)
        pids[i] = ipc_spawn("/bin/client", "/tmp/echo", msgs[i], NULL);
    for (int i = 0; i < 3; i++) {
        int s = (int)sys_accept(l, NULL, NULL).value;
        char buf[16];
        SyscallResult r = sys_read(s, buf, sizeof buf);
        CHECK(r.value > 0 && sys_write(s, buf, (size_t)r.value).value == r.value);
        sys_close(s);
    }
    for (int i = 0; i < 3; i++)
        CHECK(ipc_wait(pids[i]) == 0);
    sys_close(l);
    return 0;
}

static void test_a_server_answers_several_clients(void **state) {
    TRUN(t_echo);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_socket_checks_its_arguments_in_linux_order),
        cmocka_unit_test(test_a_stream_pair_keeps_order_and_reports_eof_epipe_and_reset),
        cmocka_unit_test(test_names_bind_and_connect_as_linux_says),
        cmocka_unit_test(test_listen_backlog_lets_backlog_plus_one_wait),
        cmocka_unit_test(test_a_megabyte_crosses_in_order_with_the_writer_waiting),
        cmocka_unit_test(test_sndbuf_bounds_what_is_in_flight_as_on_linux),
        cmocka_unit_test(test_queued_bytes_count_against_the_memory_limit),
        cmocka_unit_test(test_receive_timeouts_and_restarts_follow_linux),
        cmocka_unit_test(test_processes_killed_in_socket_calls_leave_nothing),
        cmocka_unit_test(test_a_server_answers_several_clients),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
