/* Hypotheses about UNIX datagram and seqpacket sockets: boundaries,
 * truncation, who may send to whom, queue limits, and ends. */
#include "ipc_test.h"

static SockAddrUn un(const char *path, uint32_t *len) {
    SockAddrUn a = {AX_AF_UNIX, {0}};
    strcpy(a.sun_path, path);
    *len = (uint32_t)(2 + strlen(path) + 1);
    return a;
}

static int bound(int type, const char *path) {
    uint32_t len;
    SockAddrUn a = un(path, &len);
    int s = (int)sys_socket(AX_AF_UNIX, type, 0).value;
    return sys_bind(s, &a, len).error ? -1 : s;
}

static int t_dgram(int argc, char **argv) {
    int r = bound(AX_SOCK_DGRAM, "/tmp/r"), named = bound(AX_SOCK_DGRAM, "/tmp/w");
    int anon = (int)sys_socket(AX_AF_UNIX, AX_SOCK_DGRAM, 0).value;
    CHECK(r >= 0 && named >= 0);
    uint32_t len, flen;
    SockAddrUn to = un("/tmp/r", &len), from;
    char buf[16];
    /* not connected, no address: ENOTCONN; names that lead nowhere */
    CHECK(sys_send(anon, "x", 1, 0).error == AX_ENOTCONN);
    uint32_t nl;
    SockAddrUn nowhere = un("/tmp/none", &nl);
    CHECK(sys_sendto(anon, "x", 1, 0, &nowhere, nl).error == AX_ENOENT);
    /* boundaries kept; the sender's name, or length 0 for none */
    CHECK(sys_sendto(named, "hello", 5, 0, &to, len).value == 5);
    CHECK(sys_sendto(anon, "hi", 2, 0, &to, len).value == 2);
    flen = sizeof from;
    CHECK(sys_recvfrom(r, buf, sizeof buf, 0, &from, &flen).value == 5);
    CHECK(flen == 9 && strcmp(from.sun_path, "/tmp/w") == 0);
    flen = sizeof from;
    CHECK(sys_recvfrom(r, buf, sizeof buf, 0, &from, &flen).value == 2 && flen == 0);
    /* a short buffer loses the rest; MSG_TRUNC returns the full length */
    sys_sendto(anon, "abcdef", 6, 0, &to, len);
    CHECK(sys_recv(r, buf, 2, 0).value == 2);
    CHECK(sys_recv(r, buf, 2, AX_MSG_DONTWAIT).error == AX_EAGAIN);
    sys_sendto(anon, "abcdef", 6, 0, &to, len);
    CHECK(sys_recv(r, buf, 2, AX_MSG_TRUNC).value == 6);
    /* recvmsg says MSG_TRUNC in msg_flags */
    sys_sendto(anon, "abcdef", 6, 0, &to, len);
    IoVec iov = {buf, 3};
    MsgHdr mh = {.iov = &iov, .iovlen = 1};
    CHECK(sys_recvmsg(r, &mh, 0).value == 3 && mh.flags == AX_MSG_TRUNC);
    /* zero-length datagrams exist, and a zero-length read takes one */
    CHECK(sys_sendto(anon, "", 0, 0, &to, len).value == 0);
    sys_sendto(anon, "q", 1, 0, &to, len);
    CHECK(sys_recv(r, buf, 0, 0).value == 0);
    CHECK(sys_recv(r, buf, 0, 0).value == 0);
    CHECK(sys_recv(r, buf, 1, AX_MSG_DONTWAIT).error == AX_EAGAIN);
    /* the queue holds 10 (+1) datagrams from senders not connected back */
    int n = 0;
    while (sys_sendto(anon, "x", 1, AX_MSG_DONTWAIT, &to, len).error == AX_OK)
        n++;
    CHECK(n == 11);
    PollFd f = {anon, AX_POLLOUT, 0};
    CHECK(sys_poll(&f, 1, 0).value == 1); /* unconnected: no peer to be full */
    CHECK(sys_connect(anon, &to, len).error == AX_OK);
    CHECK(sys_poll(&f, 1, 0).value == 0); /* its peer's queue is full */
    CHECK(sys_recv(r, buf, 1, 0).value == 1);
    CHECK(sys_poll(&f, 1, 0).value == 1);
    /* too long for the send buffer */
    static char big[212961];
    CHECK(sys_send(anon, big, 212961, 0).error == AX_EMSGSIZE);
    /* a socket connected elsewhere takes nothing from others */
    CHECK(sys_connect(r, &to, len).error == AX_OK); /* r to itself */
    CHECK(sys_sendto(named, "x", 1, 0, &to, len).error == AX_EPERM);
    SockAddrUn unspec = {AX_AF_UNSPEC, {0}};
    CHECK(sys_connect(r, &unspec, 2).error == AX_OK); /* dissolved: its queue is dropped */
    CHECK(sys_recv(r, buf, 1, AX_MSG_DONTWAIT).error == AX_EAGAIN);
    /* the connected peer closes: ECONNREFUSED once, then not connected */
    sys_close(r);
    CHECK(sys_send(anon, "x", 1, 0).error == AX_ECONNREFUSED);
    CHECK(sys_send(anon, "x", 1, 0).error == AX_ENOTCONN);
    /* type mismatch, and stream-only calls */
    int st = (int)sys_socket(AX_AF_UNIX, AX_SOCK_STREAM, 0).value;
    uint32_t sl;
    SockAddrUn sa = un("/tmp/st", &sl);
    sys_bind(st, &sa, sl);
    CHECK(sys_sendto(anon, "x", 1, 0, &sa, sl).error == AX_EPROTOTYPE);
    CHECK(sys_listen(anon, 1).error == AX_EOPNOTSUPP && sys_accept(anon, NULL, NULL).error == AX_EOPNOTSUPP);
    /* shutdowns: EPIPE, without SIGPIPE for datagrams */
    int sv[2];
    sys_socketpair(AX_AF_UNIX, AX_SOCK_DGRAM, 0, sv);
    sys_shutdown(sv[0], AX_SHUT_WR);
    CHECK(sys_send(sv[0], "x", 1, 0).error == AX_EPIPE);
    sys_shutdown(sv[0], AX_SHUT_RD);
    CHECK(sys_recv(sv[0], buf, 1, AX_MSG_DONTWAIT).error == AX_EAGAIN);
    CHECK(sys_recv(sv[0], buf, 1, 0).value == 0); /* blocking: end of file */
    CHECK(sys_send(sv[1], "x", 1, 0).error == AX_EPIPE);
    for (int i = 3; i < 20; i++)
        sys_close(i);
    return 0;
}

static void test_datagrams_keep_boundaries_and_linux_rules(void **state) {
    ipc_run(NULL, t_dgram, NULL, 0);
}

static int t_seqpacket(int argc, char **argv) {
    int l = bound(AX_SOCK_SEQPACKET, "/tmp/sp");
    CHECK(sys_listen(l, 1).error == AX_OK);
    uint32_t len;
    SockAddrUn a = un("/tmp/sp", &len);
    int c = (int)sys_socket(AX_AF_UNIX, AX_SOCK_SEQPACKET, 0).value;
    char buf[16];
    CHECK(sys_send(c, "x", 1, 0).error == AX_ENOTCONN);
    CHECK(sys_recv(c, buf, 1, 0).error == AX_ENOTCONN);
    CHECK(sys_connect(c, &a, len).error == AX_OK);
    int s = (int)sys_accept(l, NULL, NULL).value;
    /* records are kept whole, the address given is ignored */
    CHECK(sys_sendto(c, "hello", 5, 0, &a, len).value == 5);
    CHECK(sys_send(c, "world", 5, 0).value == 5);
    CHECK(sys_send(c, "", 0, 0).value == 0);
    CHECK(sys_recv(s, buf, 3, 0).value == 3);
    CHECK(sys_recv(s, buf, sizeof buf, 0).value == 5 && memcmp(buf, "world", 5) == 0);
    CHECK(sys_recv(s, buf, sizeof buf, 0).value == 0); /* the empty record */
    /* the peer goes: EOF even non-blocking, EPIPE without SIGPIPE */
    sys_close(c);
    CHECK(sys_recv(s, buf, sizeof buf, AX_MSG_DONTWAIT).value == 0);
    CHECK(sys_send(s, "x", 1, 0).error == AX_EPIPE);
    PollFd f = {s, AX_POLLIN, 0};
    CHECK(sys_poll(&f, 1, 0).value == 1 && (f.revents & AX_POLLHUP));
    sys_close(s);
    sys_close(l);
    return 0;
}

static void test_seqpacket_keeps_records_over_a_connection(void **state) {
    ipc_run(NULL, t_seqpacket, NULL, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_datagrams_keep_boundaries_and_linux_rules),
        cmocka_unit_test(test_seqpacket_keeps_records_over_a_connection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
