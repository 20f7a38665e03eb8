/* u_canonicalize: a path made absolute and physical, component by
 * component, as GNU's canonicalize_filename_mode walks it. The resolved
 * prefix grows in out; what is left to walk sits in a buffer of its own,
 * and a link's target is spliced in front of the rest of it. */
#include <stdbool.h>
#include <string.h>

#include "canon.h"

/* Drop out's last component ("/a/b" -> "/a"; the root stays). */
static size_t canon_up(char *out, size_t len) {
    while (len > 0 && out[len - 1] != '/')
        len--;
    return len > 0 ? len - 1 : 0;
}

SyscallError u_canonicalize(const char *path, int how, char *out, size_t cap) {
    if (!path)
        return AX_EINVAL;
    if (!*path)
        return AX_ENOENT;
    int mode = how & 0xf;
    size_t plen = strlen(path);
    if (plen >= AX_PATH_MAX || cap < 2)
        return AX_ENAMETOOLONG;
    char pend[2 * AX_PATH_MAX]; /* what is left to walk */
    memcpy(pend, path, plen + 1);
    size_t len = 0; /* out[0..len): the resolved part, "" for the root */
    if (path[0] != '/') {
        SyscallResult r = sys_getcwd(out, cap);
        if (r.error != AX_OK)
            return r.error;
        len = strlen(out);
        if (len == 1)
            len = 0;
    }
    int follows = 0;
    const char *p = pend;
    for (;;) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *end = p;
        while (*end && *end != '/')
            end++;
        size_t n = (size_t)(end - p);
        const char *after = end;
        while (*after == '/')
            after++;
        bool last = !*after;
        if (n == 1 && p[0] == '.') {
            p = end;
            continue;
        }
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            len = canon_up(out, len);
            p = end;
            continue;
        }
        if (len + 1 + n >= cap)
            return AX_ENAMETOOLONG;
        size_t prev = len;
        out[len] = '/';
        memcpy(out + len + 1, p, n);
        len += 1 + n;
        out[len] = '\0';
        FileStat st;
        SyscallError e = sys_lstat(out, &st).error;
        if (e != AX_OK) {
            if (mode == U_CANON_MISSING || (mode == U_CANON_PARENT && last && e == AX_ENOENT)) {
                p = end;
                continue;
            }
            return e;
        }
        if (AX_S_ISLNK(st.mode) && !(how & U_CANON_NOLINKS)) {
            if (++follows > AX_SYMLOOP_MAX)
                return AX_ELOOP;
            char target[AX_PATH_MAX];
            SyscallResult r = sys_readlink(out, target, sizeof target);
            if (r.error != AX_OK)
                return r.error;
            size_t tlen = (size_t)r.value, rest = strlen(end);
            if (tlen + rest + 1 > sizeof pend)
                return AX_ENAMETOOLONG;
            memmove(pend + tlen, end, rest + 1); /* end points into pend */
            memcpy(pend, target, tlen);
            p = pend;
            len = tlen > 0 && target[0] == '/' ? 0 : prev;
            out[len] = '\0';
            continue;
        }
        /* a file with more to come (a component, or a trailing slash) */
        if (!AX_S_ISDIR(st.mode) && *end && mode != U_CANON_MISSING)
            return AX_ENOTDIR;
        p = end;
    }
    if (len == 0)
        out[len++] = '/';
    out[len] = '\0';
    return AX_OK;
}
