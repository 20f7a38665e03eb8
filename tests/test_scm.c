/* Hypotheses about control messages: fds passed between processes,
 * references kept right whether or not they are received (cycles
 * included), truncation, and credentials. */
#include "ipc_test.h"

/* Send fds[0..n) over sock with one byte of data. */
static SyscallResult send_fds(int sock, const int *fds, int n) {
    union {
        char buf[AX_CMSG_SPACE(sizeof(int) * 8)];
        CmsgHdr align;
    } u;
    memset(&u, 0, sizeof u);
    IoVec iov = {"F", 1};
    MsgHdr mh = {.iov = &iov, .iovlen = 1, .control = u.buf, .controllen = AX_CMSG_SPACE(sizeof(int) * n)};
    CmsgHdr *c = AX_CMSG_FIRSTHDR(&mh);
    c->len = AX_CMSG_LEN(sizeof(int) * n);
    c->level = AX_SOL_SOCKET;
    c->type = AX_SCM_RIGHTS;
    memcpy(AX_CMSG_DATA(c), fds, sizeof(int) * n);
    return sys_sendmsg(sock, &mh, 0);
}

/* Receive one byte and up to `room` fds into fds; returns how many fds
 * came (-1 on error), *flags the msg_flags. */
static int recv_fds(int sock, int *fds, int room, int flags, int *out_flags) {
    union {
        char buf[AX_CMSG_SPACE(sizeof(int) * 8)];
        CmsgHdr align;
    } u;
    char b;
    IoVec iov = {&b, 1};
    MsgHdr mh = {.iov = &iov, .iovlen = 1, .control = u.buf,
                 .controllen = room ? AX_CMSG_LEN(sizeof(int) * room) : 0};
    if (sys_recvmsg(sock, &mh, flags).error)
        return -1;
    if (out_flags)
        *out_flags = mh.flags;
    int n = 0;
    for (CmsgHdr *c = AX_CMSG_FIRSTHDR(&mh); c; c = AX_CMSG_NXTHDR(&mh, c))
        if (c->level == AX_SOL_SOCKET && c->type == AX_SCM_RIGHTS) {
            int k = (int)((c->len - AX_CMSG_LEN(0)) / sizeof(int));
            memcpy(fds + n, AX_CMSG_DATA(c), sizeof(int) * k);
            n += k;
        }
    return n;
}

/* /bin/taker SOCK: receive one fd over SOCK, write "via child" to it */
static int prog_taker(int argc, char **argv) {
    int fd;
    if (recv_fds(atoi(argv[1]), &fd, 1, 0, NULL) != 1)
        return 1;
    return sys_write(fd, "via child", 9).value == 9 ? 0 : 2;
}

static const IpcProg helpers[] = {{"/bin/taker", prog_taker}};

static char *num(int v) {
    static char buf[16];
    snprintf(buf, sizeof buf, "%d", v);
    return buf;
}

static int t_pass(int argc, char **argv) {
    int sv[2], p[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, sv);
    sys_pipe(p);
    /* the child gets our pipe's write end through the socket, after we
     * closed ours: the message kept the pipe's write end open */
    int pid = ipc_spawn("/bin/taker", num(sv[1]), NULL, NULL);
    CHECK(send_fds(sv[0], &p[1], 1).value == 1);
    sys_close(p[1]);
    char buf[16];
    CHECK(sys_read(p[0], buf, sizeof buf).value == 9 && memcmp(buf, "via child", 9) == 0);
    CHECK(ipc_wait(pid) == 0);
    CHECK(sys_read(p[0], buf, 1).value == 0); /* every write end gone now */
    sys_close(p[0]);
    sys_close(sv[0]);
    sys_close(sv[1]);
    return 0;
}

static void test_an_fd_passes_to_another_process(void **state) {
    ipc_run(NULL, t_pass, helpers, 1);
}

static int t_unreceived(int argc, char **argv) {
    int sv[2], p[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_DGRAM, 0, sv);
    sys_pipe(p);
    CHECK(send_fds(sv[0], &p[1], 1).value == 1);
    sys_close(p[1]);
    char c;
    sys_fcntl(p[0], AX_F_SETFL, AX_O_NONBLOCK);
    CHECK(sys_read(p[0], &c, 1).error == AX_EAGAIN); /* in flight: still open */
    /* the receiving socket closes with the message unread: the fd goes */
    sys_close(sv[1]);
    CHECK(sys_read(p[0], &c, 1).value == 0);
    /* read(2) of a message with fds: no room for them, so they are closed */
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, sv);
    int q[2];
    sys_pipe(q);
    send_fds(sv[0], &q[1], 1);
    sys_close(q[1]);
    CHECK(sys_read(sv[1], &c, 1).value == 1);
    CHECK(sys_read(q[0], &c, 1).value == 0);
    for (int i = 3; i < 20; i++)
        sys_close(i);
    return 0;
}

static void test_fds_never_received_are_closed_with_their_socket(void **state) {
    ipc_run(NULL, t_unreceived, NULL, 0);
}

static int t_cycles(int argc, char **argv) {
    /* a socket sent over itself, then closed: only its own queue holds
     * it; the collector frees it (harness_destroy checks no object is left) */
    int sv[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, sv);
    CHECK(send_fds(sv[0], &sv[1], 1).value == 1);
    sys_close(sv[0]);
    sys_close(sv[1]);
    /* two pairs, each sent into the other */
    int a[2], b[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_DGRAM, 0, a);
    sys_socketpair(AX_AF_UNIX, AX_SOCK_DGRAM, 0, b);
    send_fds(a[0], b, 2);
    send_fds(b[0], a, 2);
    for (int i = 0; i < 2; i++) {
        sys_close(a[i]);
        sys_close(b[i]);
    }
    /* but one still reachable from an open socket is left alone */
    int keep[2], inner[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, keep);
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, inner);
    sys_write(inner[1], "still here", 10);
    send_fds(keep[0], &inner[0], 1);
    sys_close(inner[0]);
    sys_close(inner[1]);
    int x[2]; /* any close runs the collector */
    sys_socketpair(AX_AF_UNIX, AX_SOCK_STREAM, 0, x);
    sys_close(x[0]);
    sys_close(x[1]);
    int got;
    CHECK(recv_fds(keep[1], &got, 1, 0, NULL) == 1);
    char buf[16];
    CHECK(sys_read(got, buf, sizeof buf).value == 10);
    sys_close(got);
    sys_close(keep[0]);
    sys_close(keep[1]);
    return 0;
}

static void test_sockets_only_queues_hold_are_collected(void **state) {
    ipc_run(NULL, t_cycles, NULL, 0);
}

static int t_edges(int argc, char **argv) {
    int sv[2], p[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_DGRAM, 0, sv);
    sys_pipe(p);
    int three[3] = {p[0], p[1], p[0]};
    /* room for one fd: one installed, the others closed, MSG_CTRUNC */
    CHECK(send_fds(sv[0], three, 3).value == 1);
    int got[8], flags = 0;
    CHECK(recv_fds(sv[1], got, 1, 0, &flags) == 1 && (flags & AX_MSG_CTRUNC));
    FileStat a, b;
    sys_fstat(got[0], &a);
    sys_fstat(p[0], &b);
    CHECK(a.ino == b.ino);
    sys_close(got[0]);
    /* MSG_PEEK installs copies and leaves the message */
    send_fds(sv[0], &p[1], 1);
    CHECK(recv_fds(sv[1], got, 2, AX_MSG_PEEK, NULL) == 1);
    CHECK(recv_fds(sv[1], got + 1, 2, AX_MSG_CMSG_CLOEXEC, NULL) == 1);
    CHECK(got[0] != got[1] && sys_fcntl(got[1], AX_F_GETFD, 0).value == AX_FD_CLOEXEC);
    CHECK(sys_fcntl(got[0], AX_F_GETFD, 0).value == 0);
    sys_close(got[0]);
    sys_close(got[1]);
    /* errors: a closed fd, too many, a bad header */
    int bad = 77;
    CHECK(send_fds(sv[0], &bad, 1).error == AX_EBADF);
    static char big[AX_CMSG_SPACE(sizeof(int) * 254)];
    IoVec iov = {"x", 1};
    MsgHdr mh = {.iov = &iov, .iovlen = 1, .control = big, .controllen = sizeof big};
    CmsgHdr *c = (CmsgHdr *)big;
    c->len = AX_CMSG_LEN(sizeof(int) * 254);
    c->level = AX_SOL_SOCKET;
    c->type = AX_SCM_RIGHTS;
    for (int i = 0; i < 254; i++)
        memcpy(AX_CMSG_DATA(c) + i * sizeof(int), &p[0], sizeof(int));
    CHECK(sys_sendmsg(sv[0], &mh, 0).error == AX_EINVAL);
    c->len = sizeof big + 1;
    CHECK(sys_sendmsg(sv[0], &mh, 0).error == AX_EINVAL);
    c->len = AX_CMSG_LEN(4);
    c->type = 77;
    CHECK(sys_sendmsg(sv[0], &mh, 0).error == AX_EINVAL);
    mh.control = NULL;
    CHECK(sys_sendmsg(sv[0], &mh, 0).error == AX_EFAULT);
    char ch;
    CHECK(sys_recv(sv[1], &ch, 1, AX_MSG_DONTWAIT).error == AX_EAGAIN); /* nothing went */
    for (int i = 3; i < 20; i++)
        sys_close(i);
    return 0;
}

static void test_fds_that_do_not_fit_are_closed_and_bad_messages_refused(void **state) {
    ipc_run(NULL, t_edges, NULL, 0);
}

static int t_creds(int argc, char **argv) {
    int sv[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_DGRAM, 0, sv);
    int one = 1;
    sys_setsockopt(sv[1], AX_SOL_SOCKET, AX_SO_PASSCRED, &one, sizeof one);
    sys_send(sv[0], "x", 1, 0);
    union {
        char buf[AX_CMSG_SPACE(sizeof(UCred))];
        CmsgHdr align;
    } u;
    char b;
    IoVec iov = {&b, 1};
    MsgHdr mh = {.iov = &iov, .iovlen = 1, .control = u.buf, .controllen = sizeof u.buf};
    CHECK(sys_recvmsg(sv[1], &mh, 0).value == 1);
    CmsgHdr *c = AX_CMSG_FIRSTHDR(&mh);
    CHECK(c && c->type == AX_SCM_CREDENTIALS && c->len == AX_CMSG_LEN(sizeof(UCred)));
    UCred cr;
    memcpy(&cr, AX_CMSG_DATA(c), sizeof cr);
    CHECK(cr.pid == (int)sys_getpid().value && cr.uid == 0 && cr.gid == 0);
    /* root may claim any credentials */
    cr.pid = 1;
    cr.uid = 5;
    memcpy(AX_CMSG_DATA(c), &cr, sizeof cr);
    mh.controllen = sizeof u.buf;
    CHECK(sys_sendmsg(sv[0], &mh, 0).value == 1);
    /* anyone else its own pid, and ids among its real, effective, saved */
    CHECK(sys_setgid(100).error == AX_OK && sys_setuid(1000).error == AX_OK);
    cr = (UCred){1, 1000, 100};
    memcpy(AX_CMSG_DATA(c), &cr, sizeof cr);
    CHECK(sys_sendmsg(sv[0], &mh, 0).error == AX_EPERM);
    cr = (UCred){(int)sys_getpid().value, 0, 100};
    memcpy(AX_CMSG_DATA(c), &cr, sizeof cr);
    CHECK(sys_sendmsg(sv[0], &mh, 0).error == AX_EPERM);
    cr = (UCred){(int)sys_getpid().value, 1000, 0};
    memcpy(AX_CMSG_DATA(c), &cr, sizeof cr);
    CHECK(sys_sendmsg(sv[0], &mh, 0).error == AX_EPERM);
    cr = (UCred){(int)sys_getpid().value, 1000, 100};
    memcpy(AX_CMSG_DATA(c), &cr, sizeof cr);
    CHECK(sys_sendmsg(sv[0], &mh, 0).value == 1);
    /* and what it sends unasked carries its effective ids */
    mh.controllen = 0;
    mh.control = NULL;
    CHECK(sys_recv(sv[1], &b, 1, 0).value == 1); /* root's claim */
    CHECK(sys_recv(sv[1], &b, 1, 0).value == 1);
    CHECK(sys_send(sv[0], "y", 1, 0).value == 1);
    mh.control = u.buf;
    mh.controllen = sizeof u.buf;
    CHECK(sys_recvmsg(sv[1], &mh, 0).value == 1);
    c = AX_CMSG_FIRSTHDR(&mh);
    memcpy(&cr, AX_CMSG_DATA(c), sizeof cr);
    CHECK(cr.uid == 1000 && cr.gid == 100);
    sys_close(sv[0]);
    sys_close(sv[1]);
    return 0;
}

static void test_credentials_come_to_receivers_that_ask(void **state) {
    ipc_run(NULL, t_creds, NULL, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_fd_passes_to_another_process),
        cmocka_unit_test(test_fds_never_received_are_closed_with_their_socket),
        cmocka_unit_test(test_sockets_only_queues_hold_are_collected),
        cmocka_unit_test(test_fds_that_do_not_fit_are_closed_and_bad_messages_refused),
        cmocka_unit_test(test_credentials_come_to_receivers_that_ask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
