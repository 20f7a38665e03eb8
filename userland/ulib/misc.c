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
    sys_exit(status); /* the user area's exit hook flushes the streams */
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

/* Fetch a string through a sys_getenv-style call (copy into buf of size
 * bytes, AX_ERANGE when too small), growing the buffer until it fits. */
typedef SyscallResult (*FetchFn)(const void *key, char *buf, size_t size);

static char *fetch_string(FetchFn fetch, const void *key)
{
    for (size_t cap = 256;; cap *= 4) {
        char *buf = xmalloc(cap);
        SyscallResult r = fetch(key, buf, cap);
        if (r.error == AX_OK)
            return buf;
        xfree(buf);
        if (r.error != AX_ERANGE)
            return NULL;
    }
}

static SyscallResult fetch_env(const void *name, char *buf, size_t size)
{
    return sys_getenv(name, buf, size);
}

static SyscallResult fetch_environ(const void *index, char *buf, size_t size)
{
    return sys_environ(*(const size_t *)index, buf, size);
}

char *u_getenv(const char *name) { return fetch_string(fetch_env, name); }

char *u_environ(size_t index) { return fetch_string(fetch_environ, &index); }

void u_mode_string(uint32_t mode, char buf[11])
{
    switch (mode & AX_S_IFMT) {
    case AX_S_IFDIR: buf[0] = 'd'; break;
    case AX_S_IFCHR: buf[0] = 'c'; break;
    case AX_S_IFIFO: buf[0] = 'p'; break;
    case AX_S_IFSOCK: buf[0] = 's'; break;
    case AX_S_IFLNK: buf[0] = 'l'; break;
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
