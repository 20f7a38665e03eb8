/* Readiness and FIFOs: what poll says of pipe, FIFO and socket ends as
 * they fill, drain and lose their peers; epoll's level- and
 * edge-triggered and one-shot modes and its errors; FIFO open rules
 * (ENXIO, opens that wait for the other end) and EOF/EPIPE. */
#include <stdio.h>
#include <stdlib.h>

#include "dt_ipc.h"

#define FIFO "fifo"

static long poll1(int fd, short events) {
    DtPollFd p = {fd, events, 0};
    long r = dt_poll(&p, 1, 0);
    return r < 0 ? r : p.revents;
}

static void show_poll1(const char *label, int fd, short events) {
    long r = poll1(fd, events);
    if (r < 0)
        dt_show(label, r);
    else
        dt_show_poll(label, r);
}

/* Opens FIFO with flags argv[1], writes "hi" if it may, exits. */
static int role_opener(int argc, char **argv) {
    int flags = atoi(argv[1]);
    long fd = dt_open(FIFO, flags, 0);
    if (fd < 0)
        return (int)-fd;
    if ((flags & 3) != DT_O_RDONLY)
        dt_write((int)fd, "hi", 2);
    return 0;
}

const DtRole dt_roles[] = {{"opener", role_opener}, {NULL, NULL}};

static void pipes(void) {
    int p[2];
    dt_pipe(p, 0);
    short all = DT_POLLIN | DT_POLLOUT | DT_POLLPRI | DT_POLLRDHUP;
    show_poll1("empty read end", p[0], all);
    show_poll1("empty write end", p[1], all);
    dt_write(p[1], "abc", 3);
    show_poll1("read end with data", p[0], all);
    show_poll1("read end asked for nothing", p[0], 0);
    dt_close(p[1]);
    show_poll1("data and no writer", p[0], all);
    char buf[8];
    dt_read(p[0], buf, sizeof buf);
    show_poll1("no data, no writer", p[0], all);
    dt_close(p[0]);
    dt_pipe(p, 0);
    dt_close(p[0]);
    show_poll1("write end without reader", p[1], all);
    dt_close(p[1]);
    show_poll1("closed fd", p[1], all);
    DtPollFd two[3] = {{-1, DT_POLLIN, 7}, {p[1], DT_POLLIN, 0}, {0, 0, 0}};
    dt_show("poll negative and closed fd", dt_poll(two, 2, 0));
    dt_show_poll("negative fd revents", two[0].revents);
    dt_show_poll("closed fd revents", two[1].revents);
    dt_show("poll nothing", dt_poll(two, 0, 0));
    dt_show("poll timeout", dt_poll(two, 0, 5));
}

static void sockets(void) {
    int sv[2];
    dt_socketpair(DT_SOCK_STREAM, sv);
    short all = DT_POLLIN | DT_POLLOUT | DT_POLLRDHUP;
    show_poll1("socket idle", sv[0], all);
    dt_send(sv[1], "x", 1, 0);
    show_poll1("socket with data", sv[0], all);
    dt_shutdown(sv[1], DT_SHUT_WR);
    show_poll1("peer shut down writing", sv[0], all);
    show_poll1("shut down side", sv[1], all);
    dt_close(sv[1]);
    show_poll1("peer closed", sv[0], all);
    dt_close(sv[0]);
    int l = (int)dt_socket(DT_SOCK_STREAM);
    dt_bind(l, "sock");
    dt_listen(l, 4);
    show_poll1("listener idle", l, all);
    int c = (int)dt_socket(DT_SOCK_STREAM);
    dt_connect(c, "sock");
    show_poll1("listener with a connection", l, all);
    dt_close(c);
    dt_close(l);
}

static void epolls(void) {
    int p[2];
    dt_pipe(p, 0);
    int ep = (int)dt_epoll_create(0);
    DtEpollEvent ev[4];
    dt_show("add read end", dt_epoll_ctl(ep, DT_EPOLL_CTL_ADD, p[0], DT_POLLIN, 7));
    dt_show("add again", dt_epoll_ctl(ep, DT_EPOLL_CTL_ADD, p[0], DT_POLLIN, 7));
    dt_show("wait empty", dt_epoll_wait(ep, ev, 4, 0));
    dt_write(p[1], "a", 1);
    long n = dt_epoll_wait(ep, ev, 4, 0);
    dt_show("wait level", n);
    if (n > 0) {
        dt_show_poll("level events", ev[0].events);
        dt_show("level data", (long)ev[0].data);
    }
    dt_show("level again", dt_epoll_wait(ep, ev, 4, 0));
    show_poll1("epoll fd polls readable", ep, DT_POLLIN | DT_POLLOUT);
    dt_show("mod edge", dt_epoll_ctl(ep, DT_EPOLL_CTL_MOD, p[0], DT_POLLIN | DT_EPOLLET, 8));
    dt_show("edge first", dt_epoll_wait(ep, ev, 4, 0));
    dt_show("edge second", dt_epoll_wait(ep, ev, 4, 0));
    dt_write(p[1], "b", 1);
    dt_show("edge after more", dt_epoll_wait(ep, ev, 4, 0));
    dt_show("mod oneshot", dt_epoll_ctl(ep, DT_EPOLL_CTL_MOD, p[0], DT_POLLIN | DT_EPOLLONESHOT, 9));
    dt_show("oneshot first", dt_epoll_wait(ep, ev, 4, 0));
    dt_show("oneshot second", dt_epoll_wait(ep, ev, 4, 0));
    dt_show("oneshot rearmed", dt_epoll_ctl(ep, DT_EPOLL_CTL_MOD, p[0], DT_POLLIN, 10));
    dt_show("after rearm", dt_epoll_wait(ep, ev, 4, 0));
    dt_show("del", dt_epoll_ctl(ep, DT_EPOLL_CTL_DEL, p[0], 0, 0));
    dt_show("del again", dt_epoll_ctl(ep, DT_EPOLL_CTL_DEL, p[0], 0, 0));
    dt_show("mod missing", dt_epoll_ctl(ep, DT_EPOLL_CTL_MOD, p[0], DT_POLLIN, 0));
    dt_show("add itself", dt_epoll_ctl(ep, DT_EPOLL_CTL_ADD, ep, DT_POLLIN, 0));
    int f = (int)dt_open("file", DT_O_RDWR | DT_O_CREAT, 0644);
    dt_show("add a regular file", dt_epoll_ctl(ep, DT_EPOLL_CTL_ADD, f, DT_POLLIN, 0));
    dt_show("bad op", dt_epoll_ctl(ep, 9, p[0], DT_POLLIN, 0));
    dt_show("bad epoll fd", dt_epoll_ctl(f, DT_EPOLL_CTL_ADD, p[0], DT_POLLIN, 0));
    dt_show("wait on a non-epoll fd", dt_epoll_wait(f, ev, 4, 0));
    dt_show("wait for 0 events", dt_epoll_wait(ep, ev, 0, 0));
    dt_show("create bad flags", dt_epoll_create(1));
    /* closing the only fd of a watched file drops the watch */
    int q[2];
    dt_pipe(q, 0);
    dt_epoll_ctl(ep, DT_EPOLL_CTL_ADD, q[1], DT_POLLOUT, 11);
    dt_show("write end ready", dt_epoll_wait(ep, ev, 4, 0));
    dt_close(q[1]);
    dt_show("closed: gone", dt_epoll_wait(ep, ev, 4, 0));
    dt_close(q[0]);
    dt_close(f);
    dt_close(ep);
    dt_close(p[0]);
    dt_close(p[1]);
}

static void fifos(void) {
    dt_show("mkfifo", dt_mkfifo(FIFO, 0600));
    dt_show("mkfifo again", dt_mkfifo(FIFO, 0600));
    dt_show_type("fifo type", FIFO);
    dt_show("write-only nonblock without reader", dt_open(FIFO, DT_O_WRONLY | DT_O_NONBLOCK, 0));
    long r = dt_open(FIFO, DT_O_RDONLY | DT_O_NONBLOCK, 0);
    dt_show_ok("read-only nonblock at once", r);
    show_poll1("reader never saw a writer", (int)r, DT_POLLIN);
    char buf[8];
    dt_show("read with no writer", dt_read((int)r, buf, sizeof buf));
    long w = dt_open(FIFO, DT_O_WRONLY | DT_O_NONBLOCK, 0);
    dt_show_ok("write-only nonblock with a reader", w);
    dt_show("read empty with a writer", dt_read((int)r, buf, sizeof buf));
    dt_write((int)w, "xy", 2);
    dt_close((int)w);
    show_poll1("writer gone, data left", (int)r, DT_POLLIN);
    dt_show("read the data", dt_read((int)r, buf, sizeof buf));
    dt_show("then end of file", dt_read((int)r, buf, sizeof buf));
    dt_close((int)r);
    long rw = dt_open(FIFO, DT_O_RDWR, 0);
    dt_show_ok("read-write opens at once", rw);
    dt_close((int)rw);
    /* a blocking open waits for the other end */
    char s[24];
    snprintf(s, sizeof s, "%d", DT_O_WRONLY);
    long pid = dt_spawn(NULL, "opener", s, NULL);
    r = dt_open(FIFO, DT_O_RDONLY, 0);
    dt_show_ok("blocking read open", r);
    int st = 0;
    dt_waitpid(pid, &st, 0);
    dt_show_status("writer", st);
    dt_show("read what it wrote", dt_read((int)r, buf, sizeof buf));
    dt_show("then end of file again", dt_read((int)r, buf, sizeof buf));
    dt_close((int)r);
    snprintf(s, sizeof s, "%d", DT_O_RDONLY);
    pid = dt_spawn(NULL, "opener", s, NULL);
    w = dt_open(FIFO, DT_O_WRONLY, 0);
    dt_show_ok("blocking write open", w);
    dt_waitpid(pid, &st, 0);
    dt_signal(DT_SIGPIPE, DT_SIG_IGN);
    dt_show("write with the reader gone", dt_write((int)w, "z", 1));
    show_poll1("write end, reader gone", (int)w, DT_POLLOUT);
    dt_close((int)w);
    dt_show("unlink", dt_unlink(FIFO));
}

int dt_main(void) {
    pipes();
    sockets();
    epolls();
    fifos();
    return 0;
}
