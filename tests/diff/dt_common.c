/* dt: what both sides share: the entry, role dispatch, and printing.
 * Nothing here calls the host or axos directly: only dt_* calls. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "dt_ipc.h"

/* Linux errno names; both sides print these, so a name never differs
 * because a C library spells it differently. */
static const char *const dt_errnames[] = {
    [1] = "EPERM",    [2] = "ENOENT",  [3] = "ESRCH",   [4] = "EINTR",
    [5] = "EIO",      [6] = "ENXIO",   [7] = "E2BIG",   [8] = "ENOEXEC",
    [9] = "EBADF",    [10] = "ECHILD", [11] = "EAGAIN", [12] = "ENOMEM",
    [13] = "EACCES",  [14] = "EFAULT", [15] = "ENOTBLK", [16] = "EBUSY",
    [17] = "EEXIST",  [18] = "EXDEV",  [19] = "ENODEV", [20] = "ENOTDIR",
    [21] = "EISDIR",  [22] = "EINVAL", [23] = "ENFILE", [24] = "EMFILE",
    [25] = "ENOTTY",  [26] = "ETXTBSY", [27] = "EFBIG", [28] = "ENOSPC",
    [29] = "ESPIPE",  [30] = "EROFS",  [31] = "EMLINK", [32] = "EPIPE",
    [33] = "EDOM",    [34] = "ERANGE", [35] = "EDEADLK", [36] = "ENAMETOOLONG",
    [37] = "ENOLCK",  [38] = "ENOSYS", [39] = "ENOTEMPTY", [40] = "ELOOP",
    [42] = "ENOMSG",  [43] = "EIDRM",   [61] = "ENODATA", [75] = "EOVERFLOW",
    [88] = "ENOTSOCK", [91] = "EPROTOTYPE", [95] = "EOPNOTSUPP", [97] = "EAFNOSUPPORT",
    [98] = "EADDRINUSE", [104] = "ECONNRESET", [106] = "EISCONN", [107] = "ENOTCONN",
    [110] = "ETIMEDOUT", [111] = "ECONNREFUSED", [115] = "EINPROGRESS",
};

const char *dt_errname(long negerr) {
    static char other[2][24]; /* only for numbers without a name */
    long e = -negerr;
    if (e > 0 && e < (long)(sizeof dt_errnames / sizeof *dt_errnames) && dt_errnames[e])
        return dt_errnames[e];
    char *buf = other[e & 1];
    snprintf(buf, sizeof other[0], "E#%ld", e);
    return buf;
}

static const char *const dt_signames[] = {
    [1] = "HUP",   [2] = "INT",    [3] = "QUIT",  [4] = "ILL",     [5] = "TRAP",
    [6] = "ABRT",  [7] = "BUS",    [8] = "FPE",   [9] = "KILL",    [10] = "USR1",
    [11] = "SEGV", [12] = "USR2",  [13] = "PIPE", [14] = "ALRM",   [15] = "TERM",
    [16] = "STKFLT", [17] = "CHLD", [18] = "CONT", [19] = "STOP",  [20] = "TSTP",
    [21] = "TTIN", [22] = "TTOU",  [23] = "URG",  [24] = "XCPU",   [25] = "XFSZ",
    [26] = "VTALRM", [27] = "PROF", [28] = "WINCH", [29] = "IO",   [30] = "PWR",
    [31] = "SYS",
};

const char *dt_signame(int sig) {
    if (sig > 0 && sig < 32)
        return dt_signames[sig];
    return "?";
}

void dt_out(const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 1)
        n = (int)sizeof buf - 1;
    size_t done = 0;
    while (done < (size_t)n) {
        long w = dt_write(DT_OUT_FD, buf + done, (size_t)n - done);
        if (w == -DT_EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
}

void dt_show(const char *label, long r) {
    if (r >= 0)
        dt_out("%s: %ld\n", label, r);
    else
        dt_out("%s: %s\n", label, dt_errname(r));
}

void dt_show_ok(const char *label, long r) {
    if (r >= 0)
        dt_out("%s: ok\n", label);
    else
        dt_out("%s: %s\n", label, dt_errname(r));
}

void dt_show_status(const char *label, int st) {
    unsigned s = (unsigned)st;
    if ((s & 0x7f) == 0)
        dt_out("%s: exited %u (0x%04x)\n", label, (s >> 8) & 0xff, s);
    else if (s == 0xffff)
        dt_out("%s: continued (0x%04x)\n", label, s);
    else if ((s & 0xff) == 0x7f)
        dt_out("%s: stopped %s (0x%04x)\n", label, dt_signame((int)(s >> 8) & 0xff), s);
    else
        dt_out("%s: killed %s%s (0x%04x)\n", label, dt_signame((int)(s & 0x7f)),
               (s & 0x80) ? " core" : "", s);
}

void dt_show_fds(const char *label) {
    char buf[512];
    size_t len = 0;
    buf[0] = '\0';
    for (int fd = 0; fd < 64; fd++)
        if (dt_fcntl(fd, DT_F_GETFD, 0) >= 0)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d", len ? "," : "", fd);
    dt_out("%s: %s\n", label, len ? buf : "-");
}

void dt_show_sigs(const char *label, uint64_t mask) {
    char buf[512];
    size_t len = 0;
    buf[0] = '\0';
    for (int s = 1; s < 32; s++)
        if (mask & DT_SIGBIT(s))
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? "," : "",
                                    dt_signame(s));
    dt_out("%s: %s\n", label, len ? buf : "-");
}

void dt_show_poll(const char *label, long mask) {
    static const struct {
        long bit;
        const char *name;
    } bits[] = {{DT_POLLIN, "IN"},   {DT_POLLPRI, "PRI"},   {DT_POLLOUT, "OUT"},     {DT_POLLERR, "ERR"},
                {DT_POLLHUP, "HUP"}, {DT_POLLNVAL, "NVAL"}, {DT_POLLRDHUP, "RDHUP"}};
    char buf[128];
    size_t len = 0;
    long rest = mask;
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
        if (mask & bits[i].bit) {
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? "," : "", bits[i].name);
            rest &= ~bits[i].bit;
        }
    if (rest) /* RDNORM, WRNORM and the rest, in hex */
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s0x%lx", len ? "," : "", rest);
    dt_out("%s: %s\n", label, len ? buf : "-");
}

void dt_show_type(const char *label, const char *path) {
    DtStat st;
    long r = dt_stat(path, &st);
    if (r < 0)
        dt_show(label, r);
    else
        dt_out("%s: %c\n", label, st.type);
}

/* ---- the counting handler ---- */

static void dt_count_handler(int sig) {
    DtLocal *l = dt_local();
    uint64_t m = 0;
    dt_sigprocmask(DT_SIG_BLOCK, NULL, &m);
    if (sig > 0 && sig < 65) {
        l->caught[sig]++;
        l->caught_mask[sig] = m;
    }
}

long dt_catch(int sig, unsigned flags) {
    return dt_sigaction(sig, dt_count_handler, 0, flags);
}

long dt_catch_mask(int sig, unsigned flags, uint64_t mask) {
    return dt_sigaction(sig, dt_count_handler, mask, flags);
}

int dt_caught(int sig) { return sig > 0 && sig < 65 ? dt_local()->caught[sig] : 0; }

uint64_t dt_caught_mask(int sig) {
    return sig > 0 && sig < 65 ? dt_local()->caught_mask[sig] : 0;
}

/* ---- entry ---- */

int dt_entry(int argc, char **argv) {
    if (argc > 1) {
        dt_side_init();
        for (const DtRole *r = dt_roles; r->name; r++)
            if (strcmp(r->name, argv[1]) == 0)
                return r->fn(argc - 1, argv + 1);
        dt_out("dt: no role %s\n", argv[1]);
        return 127;
    }
    dt_side_init_top();
    return dt_main();
}
