/* nc -U [-l] [-k] [-u] [-N] [-d] [-z] [-v] [-w SECS] [-s PATH] PATH
 * OpenBSD netcat over UNIX domain sockets (axos has no network): connect
 * to the socket at PATH, or with -l bind it and accept, then copy stdin
 * to the socket and the socket to stdout until the peer closes. Both
 * directions are driven by one poll, so neither blocks the other. */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ulib.h"

typedef struct Nc {
    bool listen, keep, dgram, shut_on_eof, no_stdin, scan, verbose;
    int timeout_ms; /* -1: none */
    const char *path, *source;
    char tmp[64];   /* a datagram client's own name, removed at the end */
} Nc;

static uint32_t nc_addr(const char *path, SockAddrUn *a) {
    memset(a, 0, sizeof *a);
    a->sun_family = AX_AF_UNIX;
    size_t n = strlen(path);
    memcpy(a->sun_path, path, n); /* length checked by the caller */
    return (uint32_t)(offsetof(SockAddrUn, sun_path) + n + 1);
}

static void nc_warn(const char *what, int err) {
    u_eprintf("nc: %s: %s\n", what, sys_strerror(err));
}

/* Write all of buf to fd; false when the other side is gone. */
static bool write_all(int fd, const char *buf, size_t n, bool sock) {
    while (n > 0) {
        SyscallResult r = sock ? sys_send(fd, buf, n, AX_MSG_NOSIGNAL) : sys_write(fd, buf, n);
        if (r.error == AX_EINTR)
            continue;
        if (r.error != AX_OK)
            return false;
        buf += r.value;
        n -= (size_t)r.value;
    }
    return true;
}

/* Copy between stdin/stdout and s until the peer closes (or -w passes
 * with nothing to do). Returns 0, or 1 on an error. */
static int nc_pump(const Nc *nc, int s) {
    char buf[16384];
    bool in_open = !nc->no_stdin;
    for (;;) {
        PollFd p[2] = {{s, AX_POLLIN, 0}, {in_open ? 0 : -1, AX_POLLIN, 0}};
        SyscallResult r = sys_poll(p, 2, nc->timeout_ms);
        if (r.error == AX_EINTR)
            continue;
        if (r.error != AX_OK || r.value == 0)
            return r.error != AX_OK;
        if (p[0].revents & (AX_POLLIN | AX_POLLHUP | AX_POLLERR)) {
            SyscallResult n = sys_recv(s, buf, sizeof buf, 0);
            if (n.error != AX_OK && n.error != AX_EINTR && n.error != AX_EAGAIN) {
                nc_warn("read", n.error);
                return 1;
            }
            if (n.error == AX_OK && n.value == 0 && !nc->dgram)
                return 0; /* the peer closed */
            if (n.error == AX_OK && !write_all(1, buf, (size_t)n.value, false))
                return 1;
        }
        if (p[1].revents & (AX_POLLIN | AX_POLLHUP | AX_POLLERR)) {
            SyscallResult n = sys_read(0, buf, sizeof buf);
            if (n.error == AX_EINTR || n.error == AX_EAGAIN)
                continue;
            if (n.error != AX_OK || n.value == 0) {
                in_open = false;
                if (nc->shut_on_eof)
                    sys_shutdown(s, AX_SHUT_WR);
                if (nc->dgram && !nc->listen)
                    return 0; /* no end of file comes from a datagram peer */
            } else if (!write_all(s, buf, (size_t)n.value, true)) {
                return 0; /* the peer went: as nc, not an error */
            }
        }
    }
}

static int nc_listen(Nc *nc) {
    int type = nc->dgram ? AX_SOCK_DGRAM : AX_SOCK_STREAM;
    SyscallResult r = sys_socket(AX_AF_UNIX, type | AX_SOCK_CLOEXEC, 0);
    if (r.error != AX_OK) {
        nc_warn("socket", r.error);
        return 1;
    }
    int l = (int)r.value;
    SockAddrUn a;
    uint32_t len = nc_addr(nc->path, &a);
    if ((r = sys_bind(l, &a, len)).error != AX_OK) {
        nc_warn(nc->path, r.error);
        return 1;
    }
    if (nc->dgram) { /* one peer: the socket's datagrams, both ways once one came */
        if (nc->verbose)
            u_eprintf("Bound on %s\n", nc->path);
        int st = nc_pump(nc, l);
        sys_close(l);
        return st;
    }
    if ((r = sys_listen(l, 5)).error != AX_OK) {
        nc_warn("listen", r.error);
        return 1;
    }
    if (nc->verbose)
        u_eprintf("Listening on %s\n", nc->path);
    int st = 0;
    do {
        r = sys_accept4(l, NULL, NULL, AX_SOCK_CLOEXEC);
        if (r.error == AX_EINTR)
            continue;
        if (r.error != AX_OK) {
            nc_warn("accept", r.error);
            st = 1;
            break;
        }
        if (nc->verbose)
            u_eprintf("Connection received on %s\n", nc->path);
        st = nc_pump(nc, (int)r.value);
        sys_close((int)r.value);
    } while (nc->keep);
    sys_close(l);
    return st;
}

static int nc_connect(Nc *nc) {
    int type = nc->dgram ? AX_SOCK_DGRAM : AX_SOCK_STREAM;
    SyscallResult r = sys_socket(AX_AF_UNIX, type | AX_SOCK_CLOEXEC, 0);
    if (r.error != AX_OK) {
        nc_warn("socket", r.error);
        return 1;
    }
    int s = (int)r.value;
    SockAddrUn a;
    if (nc->dgram) { /* a name of our own, so that replies can come back */
        const char *name = nc->source;
        if (!name) {
            snprintf(nc->tmp, sizeof nc->tmp, "/tmp/nc.%d", (int)sys_getpid().value);
            name = nc->tmp;
        }
        uint32_t len = nc_addr(name, &a);
        if ((r = sys_bind(s, &a, len)).error != AX_OK) {
            nc_warn(name, r.error);
            nc->tmp[0] = 0;
            return 1;
        }
    }
    uint32_t len = nc_addr(nc->path, &a);
    if ((r = sys_connect(s, &a, len)).error != AX_OK) {
        nc_warn(nc->path, r.error);
        return 1;
    }
    if (nc->verbose)
        u_eprintf("Connection to %s succeeded!\n", nc->path);
    int st = nc->scan ? 0 : nc_pump(nc, s);
    sys_close(s);
    return st;
}

int nc_main(int argc, char **argv) {
    Nc nc = {.timeout_ms = -1};
    bool unix_sock = false;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "UlkuNdzvw:s:", NULL)) != -1) {
        switch (c) {
        case 'U': unix_sock = true; break;
        case 'l': nc.listen = true; break;
        case 'k': nc.keep = true; break;
        case 'u': nc.dgram = true; break;
        case 'N': nc.shut_on_eof = true; break;
        case 'd': nc.no_stdin = true; break;
        case 'z': nc.scan = true; break;
        case 'v': nc.verbose = true; break;
        case 's': nc.source = g.arg; break;
        case 'w': {
            uint64_t ns;
            if (!u_parse_duration(g.arg, &ns) || ns / 1000000u > 0x7fffffff) {
                u_eprintf("nc: timeout is invalid: %s\n", g.arg);
                return 1;
            }
            nc.timeout_ms = (int)(ns / 1000000u);
            break;
        }
        default: return 1;
        }
    }
    if (!unix_sock) {
        u_eprintf("nc: only UNIX domain sockets (-U) are supported: axos has no network\n");
        return 1;
    }
    if (g.ind != argc - 1) {
        u_usage_error("nc", "expected one socket path");
        return 1;
    }
    nc.path = argv[g.ind];
    if (strlen(nc.path) >= sizeof(((SockAddrUn *)0)->sun_path)) {
        u_eprintf("nc: %s: %s\n", nc.path, sys_strerror(AX_ENAMETOOLONG));
        return 1;
    }
    if (nc.keep && !nc.listen) {
        u_usage_error("nc", "must use -l with -k");
        return 1;
    }
    int st = nc.listen ? nc_listen(&nc) : nc_connect(&nc);
    if (nc.tmp[0])
        sys_unlink(nc.tmp);
    return st;
}
