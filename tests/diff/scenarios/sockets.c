/* UNIX sockets: stream order, MSG_PEEK, shutdown and EOF, EPIPE with and
 * without MSG_NOSIGNAL, names (EADDRINUSE, ENOENT, ECONNREFUSED, abstract
 * names), listen/connect/accept between processes, datagram and seqpacket
 * boundaries, SCM_RIGHTS between processes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt_ipc.h"

static void show_recv(const char *label, int fd, size_t n, int flags) {
    char buf[64];
    long r = dt_recv(fd, buf, n < sizeof buf ? n : sizeof buf, flags);
    if (r < 0)
        dt_show(label, r);
    else
        dt_out("%s: %ld \"%.*s\"\n", label, r, (int)r, buf);
}

/* Connects to argv[1], sends argv[2], reads the echo, exits 0 when it
 * matches. */
static int role_client(int argc, char **argv) {
    int s = (int)dt_socket(DT_SOCK_STREAM);
    if (dt_connect(s, argv[1]) < 0)
        return 2;
    size_t n = strlen(argv[2]);
    if (dt_send(s, argv[2], n, 0) != (long)n)
        return 3;
    char buf[64];
    size_t got = 0;
    while (got < n) {
        long r = dt_recv(s, buf + got, sizeof buf - got, 0);
        if (r <= 0)
            return 4;
        got += (size_t)r;
    }
    return memcmp(buf, argv[2], n) == 0 ? 0 : 5;
}

/* Receives an fd on socket argv[1] and writes "passed" to it. */
static int role_fd_taker(int argc, char **argv) {
    long fd = dt_recv_fd(atoi(argv[1]));
    if (fd < 0)
        return 2;
    return dt_write((int)fd, "passed", 6) == 6 ? 0 : 3;
}

const DtRole dt_roles[] = {{"client", role_client}, {"fd_taker", role_fd_taker}, {NULL, NULL}};

static void stream_pair(void) {
    int sv[2];
    dt_show("socketpair", dt_socketpair(DT_SOCK_STREAM, sv));
    dt_send(sv[0], "hello ", 6, 0);
    dt_send(sv[0], "world", 5, 0);
    show_recv("peek", sv[1], 4, DT_MSG_PEEK);
    show_recv("bytes in order", sv[1], 64, 0);
    show_recv("empty nonblocking", sv[1], 64, DT_MSG_DONTWAIT);
    dt_show("shutdown write", dt_shutdown(sv[0], DT_SHUT_WR));
    show_recv("end of file", sv[1], 64, 0);
    dt_show("send after shutdown", dt_send(sv[0], "x", 1, DT_MSG_NOSIGNAL));
    dt_show("shutdown bad how", dt_shutdown(sv[0], 7));
    dt_close(sv[1]);
    dt_signal(DT_SIGPIPE, DT_SIG_IGN);
    dt_socketpair(DT_SOCK_STREAM, sv);
    dt_close(sv[1]);
    dt_show("send to a closed peer", dt_send(sv[0], "x", 1, 0));
    dt_show("with nosignal", dt_send(sv[0], "x", 1, DT_MSG_NOSIGNAL));
    show_recv("recv from a closed peer", sv[0], 8, 0);
    dt_close(sv[0]);
}

static void boundaries(void) {
    int sv[2];
    dt_socketpair(DT_SOCK_DGRAM, sv);
    dt_send(sv[0], "one", 3, 0);
    dt_send(sv[0], "three", 5, 0);
    show_recv("datagram one", sv[1], 64, 0);
    show_recv("datagram cut", sv[1], 2, 0);
    show_recv("datagram none left", sv[1], 64, DT_MSG_DONTWAIT);
    dt_send(sv[0], "", 0, 0);
    show_recv("empty datagram", sv[1], 64, DT_MSG_DONTWAIT);
    dt_close(sv[0]);
    dt_close(sv[1]);
    dt_socketpair(DT_SOCK_SEQPACKET, sv);
    dt_send(sv[0], "ab", 2, 0);
    dt_send(sv[0], "cde", 3, 0);
    show_recv("packet one", sv[1], 64, 0);
    show_recv("packet two", sv[1], 64, 0);
    dt_close(sv[0]);
    show_recv("packet end of file", sv[1], 64, 0);
    dt_close(sv[1]);
}

static void names(void) {
    int l = (int)dt_socket(DT_SOCK_STREAM);
    dt_show("bind", dt_bind(l, "srv"));
    dt_show_type("bound name is a socket", "srv");
    int other = (int)dt_socket(DT_SOCK_STREAM);
    dt_show("bind taken name", dt_bind(other, "srv"));
    dt_show("connect to nobody", dt_connect(other, "nothing"));
    dt_show("connect before listen", dt_connect(other, "srv"));
    dt_close(other);
    dt_show("listen", dt_listen(l, 8));
    dt_fcntl(l, DT_F_SETFL, DT_O_NONBLOCK);
    dt_show("accept nonblocking", dt_accept(l, 0));
    dt_fcntl(l, DT_F_SETFL, 0);
    long pids[3];
    static const char *const words[] = {"alpha", "beta", "gamma"};
    for (int i = 0; i < 3; i++)
        pids[i] = dt_spawn(NULL, "client", "srv", words[i], NULL);
    for (int i = 0; i < 3; i++) {
        long s = dt_accept(l, 0);
        char buf[64];
        long r = dt_recv((int)s, buf, sizeof buf, 0);
        dt_send((int)s, buf, (size_t)(r > 0 ? r : 0), 0);
        dt_close((int)s);
    }
    for (int i = 0; i < 3; i++) {
        int st = 0;
        dt_waitpid(pids[i], &st, 0);
        dt_show_status(words[i], st);
    }
    dt_close(l);
    dt_show("connect after the listener closed", dt_connect((int)dt_socket(DT_SOCK_STREAM), "srv"));
    dt_show("unlink the name", dt_unlink("srv"));
    int a = (int)dt_socket(DT_SOCK_SEQPACKET);
    dt_show("bind abstract", dt_bind(a, "@axos-diff-abstract"));
    dt_show("listen abstract", dt_listen(a, 1));
    int c = (int)dt_socket(DT_SOCK_SEQPACKET);
    dt_show("connect abstract", dt_connect(c, "@axos-diff-abstract"));
    dt_show("connect wrong type", dt_connect((int)dt_socket(DT_SOCK_STREAM), "@axos-diff-abstract"));
    dt_close(c);
    dt_close(a);
}

static void passing(void) {
    int sv[2], p[2];
    dt_socketpair(DT_SOCK_STREAM, sv);
    dt_pipe(p, 0);
    char s[24];
    snprintf(s, sizeof s, "%d", sv[1]);
    long pid = dt_spawn(NULL, "fd_taker", s, NULL);
    dt_show("send the pipe's write end", dt_send_fd(sv[0], p[1]));
    dt_close(p[1]);
    int st = 0;
    dt_waitpid(pid, &st, 0);
    dt_show_status("taker", st);
    char buf[16] = {0};
    long r = dt_read(p[0], buf, sizeof buf - 1);
    dt_out("read through the passed fd: %ld %s\n", r, buf);
    dt_show("then end of file", dt_read(p[0], buf, sizeof buf));
    /* a message never received: its fd goes with the socket */
    dt_pipe(p, 0);
    dt_send_fd(sv[0], p[1]);
    dt_close(p[1]);
    dt_close(sv[0]);
    dt_close(sv[1]);
    dt_show("unreceived fd closed with the sockets", dt_read(p[0], buf, sizeof buf));
    dt_close(p[0]);
}

int dt_main(void) {
    stream_pair();
    boundaries();
    names();
    passing();
    return 0;
}
