/* uname [OPTION]...: the system's name and version: axos, the host name
 * (/etc/hostname), axos's version, and the machine it runs on. */
#include <string.h>

#include "ulib.h"

#if defined(__x86_64__)
#define UNAME_MACHINE "x86_64"
#elif defined(__aarch64__)
#define UNAME_MACHINE "aarch64"
#else
#define UNAME_MACHINE "unknown"
#endif

/* The first line of /etc/hostname, or "axos". */
static void node_name(char *buf, size_t size)
{
    snprintf(buf, size, "axos");
    int fd = u_open_operand("/etc/hostname");
    if (fd < 0)
        return;
    SyscallResult r = sys_read(fd, buf, size - 1);
    sys_close(fd);
    if (r.error != AX_OK || r.value == 0) {
        snprintf(buf, size, "axos");
        return;
    }
    buf[r.value] = 0;
    buf[strcspn(buf, "\n")] = 0;
}

int uname_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"all", U_NO_ARG, 'a'},           {"kernel-name", U_NO_ARG, 's'},
        {"nodename", U_NO_ARG, 'n'},      {"kernel-release", U_NO_ARG, 'r'},
        {"kernel-version", U_NO_ARG, 'v'}, {"machine", U_NO_ARG, 'm'},
        {"processor", U_NO_ARG, 'p'},     {"hardware-platform", U_NO_ARG, 'i'},
        {"operating-system", U_NO_ARG, 'o'}, {NULL, 0, 0},
    };
    enum { S = 1, N = 2, R = 4, V = 8, M = 16, P = 32, I = 64, O = 128 };
    unsigned want = 0;
    bool all = false;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "asnrvmpio", longopts)) != -1) {
        switch (c) {
        case 'a': all = true; break;
        case 's': want |= S; break;
        case 'n': want |= N; break;
        case 'r': want |= R; break;
        case 'v': want |= V; break;
        case 'm': want |= M; break;
        case 'p': want |= P; break;
        case 'i': want |= I; break;
        case 'o': want |= O; break;
        default: return 1;
        }
    }
    if (g.ind < argc) {
        u_usage_error("uname", "extra operand '%s'", argv[g.ind]);
        return 1;
    }
    if (all)
        want = S | N | R | V | M | O; /* -a leaves out -p and -i when unknown (GNU) */
    if (!want)
        want = S;
    char node[256];
    node_name(node, sizeof node);
    const char *fields[] = {"axos", node, AX_VERSION_STRING, "#1", UNAME_MACHINE, "unknown",
                            "unknown", "axos"};
    bool first = true;
    for (int i = 0; i < 8; i++) {
        if (!(want & (1u << i)))
            continue;
        u_printf("%s%s", first ? "" : " ", fields[i]);
        first = false;
    }
    u_putc('\n', u_stdout());
    return 0;
}
