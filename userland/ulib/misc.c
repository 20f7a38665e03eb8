/* ulib odds and ends: errors, exit, terminals, small string helpers. */
#include <string.h>

#include "ulib_internal.h"

void u_perror(const char *prog, const char *what, SyscallError err)
{
    if (what)
        u_eprintf("%s: %s: %s\n", prog, what, sys_strerror(err));
    else
        u_eprintf("%s: %s\n", prog, sys_strerror(err));
}

_Noreturn void u_exit(int status)
{
    ulib_flush_all();
    sys_exit(status);
    for (;;) {
    }
}

bool u_isatty(int fd)
{
    TermAttr t;
    return sys_tcgetattr(fd, &t).error == AX_OK;
}

int u_write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        SyscallResult r = sys_write(fd, p, n);
        if (r.error == AX_EINTR)
            continue; /* restart, as SA_RESTART would */
        if (r.error != AX_OK)
            return -(int)r.error;
        p += r.value;
        n -= (size_t)r.value;
    }
    return 0;
}

size_t u_utoa(uint64_t v, char *buf)
{
    char tmp[21];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

bool u_parse_i64(const char *s, int64_t *out)
{
    bool neg = false;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    if (*s == '\0')
        return false;
    uint64_t v = 0;
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        unsigned d = (unsigned)(*s - '0');
        if (v > (limit - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

char *u_getenv(const char *name)
{
    char small[256];
    SyscallResult r = sys_getenv(name, small, sizeof small);
    if (r.error == AX_OK)
        return xstrdup(small);
    if (r.error != AX_ERANGE)
        return NULL;
    /* Too long for the stack buffer: ask again with room to spare. */
    size_t cap = 4096;
    for (;;) {
        char *buf = xmalloc(cap);
        r = sys_getenv(name, buf, cap);
        if (r.error == AX_OK)
            return buf;
        xfree(buf);
        if (r.error != AX_ERANGE)
            return NULL;
        cap *= 4;
    }
}

void u_mode_string(uint32_t mode, char buf[11])
{
    switch (mode & AX_S_IFMT) {
    case AX_S_IFDIR: buf[0] = 'd'; break;
    case AX_S_IFCHR: buf[0] = 'c'; break;
    case AX_S_IFIFO: buf[0] = 'p'; break;
    default: buf[0] = '-'; break;
    }
    static const char rwx[] = "rwx";
    for (int i = 0; i < 9; i++)
        buf[1 + i] = (mode & (0400u >> i)) ? rwx[i % 3] : '-';
    /* setuid, setgid and sticky show in the x slots, upper case without x */
    if (mode & 04000)
        buf[3] = buf[3] == 'x' ? 's' : 'S';
    if (mode & 02000)
        buf[6] = buf[6] == 'x' ? 's' : 'S';
    if (mode & 01000)
        buf[9] = buf[9] == 'x' ? 't' : 'T';
    buf[10] = '\0';
}
