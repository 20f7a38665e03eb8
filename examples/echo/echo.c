/* An event-loop echo server over a UNIX socket, and its client: the same
 * source for the host and for axos (echo_os.h picks the calls).
 *
 * The server is one epoll loop: a level-triggered listener that accepts
 * until EAGAIN, and edge-triggered connections that are read until
 * EAGAIN and written back; what the peer cannot take yet waits in the
 * connection's buffer until EPOLLOUT. It serves `clients` connections to
 * their end, then prints one summary line. Each client sends `lines`
 * lines and checks that each comes back whole before sending the next. */
#include <stdio.h>

#include "echo.h"
#include "echo_os.h"

#define ECHO_MAX_CONN 16

typedef struct Conn {
    int fd;           /* -1: free */
    char out[1024];   /* bytes read and not yet written back */
    size_t out_len;
    uint64_t bytes;
} Conn;

static Conn *conn_of(Conn *conns, int fd) {
    for (int i = 0; i < ECHO_MAX_CONN; i++)
        if (conns[i].fd == fd)
            return &conns[i];
    return NULL;
}

/* Write what c holds; 0 when all went, 1 when the peer must drain first,
 * -errno on an error. */
static long conn_flush(Conn *c) {
    size_t done = 0;
    while (done < c->out_len) {
        long w = os_write(c->fd, c->out + done, c->out_len - done);
        if (w == -ECHO_EINTR)
            continue;
        if (w == -ECHO_EAGAIN)
            break;
        if (w < 0)
            return w;
        done += (size_t)w;
    }
    memmove(c->out, c->out + done, c->out_len - done);
    c->out_len -= done;
    return c->out_len > 0;
}

/* Read all there is (edge-triggered) and echo it. 1 while open, 0 at end
 * of file, -errno on an error. */
static long conn_serve(Conn *c, int ep) {
    for (;;) {
        size_t room = sizeof c->out - c->out_len;
        if (room == 0) /* the peer is slow: wait for EPOLLOUT */
            return 1;
        long n = os_read(c->fd, c->out + c->out_len, room);
        if (n == -ECHO_EINTR)
            continue;
        if (n == -ECHO_EAGAIN)
            return 1;
        if (n <= 0)
            return n;
        c->out_len += (size_t)n;
        c->bytes += (uint64_t)n;
        long f = conn_flush(c);
        if (f < 0)
            return f;
        uint32_t want = ECHO_IN | ECHO_RDHUP | ECHO_ET | (f ? ECHO_OUT : 0);
        if (os_epoll_ctl(ep, OS_EPOLL_MOD, c->fd, want) < 0)
            return -1;
    }
}

int echo_server(const char *path, int clients) {
    Conn conns[ECHO_MAX_CONN]; /* on the stack: axos processes share statics */
    for (int i = 0; i < ECHO_MAX_CONN; i++)
        conns[i].fd = -1;
    long ep = os_epoll_create(), l = os_listen_unix(path, 16);
    if (ep < 0 || l < 0 || os_epoll_ctl((int)ep, OS_EPOLL_ADD, (int)l, ECHO_IN) < 0) {
        os_print(2, "echo server: cannot listen\n");
        return 1;
    }
    int served = 0, accepted = 0;
    uint64_t total = 0;
    while (served < clients) {
        EchoEvent ev[16];
        long n = os_epoll_wait((int)ep, ev, 16);
        if (n == -ECHO_EINTR)
            continue;
        if (n < 0)
            return 1;
        for (long i = 0; i < n; i++) {
            if (ev[i].fd == (int)l) {
                long fd;
                while ((fd = os_accept_nb((int)l)) >= 0) {
                    Conn *c = conn_of(conns, -1);
                    if (!c || os_epoll_ctl((int)ep, OS_EPOLL_ADD, (int)fd, ECHO_IN | ECHO_RDHUP | ECHO_ET) < 0) {
                        os_close((int)fd);
                        continue;
                    }
                    *c = (Conn){.fd = (int)fd};
                    accepted++;
                }
                continue;
            }
            Conn *c = conn_of(conns, ev[i].fd);
            if (!c)
                continue;
            long r = 1;
            if (ev[i].events & ECHO_OUT)
                r = conn_flush(c) < 0 ? -1 : 1;
            if (r > 0 && (ev[i].events & (ECHO_IN | ECHO_RDHUP | ECHO_HUP | ECHO_ERR)))
                r = conn_serve(c, (int)ep);
            if (r <= 0) { /* its end (or an error): closing drops the watch */
                total += c->bytes;
                os_close(c->fd);
                c->fd = -1;
                served++;
            }
        }
    }
    os_close((int)l);
    os_close((int)ep);
    os_unlink(path);
    char line[96];
    snprintf(line, sizeof line, "echo server: %d clients accepted and served, %llu bytes echoed\n", accepted,
             (unsigned long long)total);
    os_print(1, line);
    return accepted == clients ? 0 : 1;
}

int echo_client(const char *path, int id, int lines) {
    long s = os_connect_unix(path);
    if (s < 0)
        return 2;
    for (int i = 0; i < lines; i++) {
        char line[64], back[64];
        int len = snprintf(line, sizeof line, "client %d line %d\n", id, i);
        if (os_write((int)s, line, (size_t)len) != len)
            return 3;
        int got = 0;
        while (got < len) {
            long r = os_read((int)s, back + got, (size_t)(len - got));
            if (r == -ECHO_EINTR)
                continue;
            if (r <= 0)
                return 4;
            got += (int)r;
        }
        if (memcmp(line, back, (size_t)len) != 0)
            return 5;
    }
    os_close((int)s);
    return 0;
}
