/* ulib paths: joining, last component, absolute form. */
#include <string.h>

#include "ulib.h"

char *u_path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    bool slash = dl > 0 && dir[dl - 1] != '/';
    char *p = xmalloc(dl + slash + nl + 1);
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    memcpy(p + dl + slash, name, nl + 1);
    return p;
}

char *u_path_base(const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    size_t start = len;
    while (start > 0 && path[start - 1] != '/')
        start--;
    if (start == len && len > 0)
        start = len - 1; /* all slashes: "/" */
    return xstrndup(path + start, len - start);
}

char *u_path_abs(const char *path)
{
    size_t cap = strlen(path) + AX_PATH_MAX + 2;
    char *out = xmalloc(cap);
    size_t len = 0;
    if (path[0] != '/') {
        SyscallResult r = sys_getcwd(out, AX_PATH_MAX + 1);
        len = r.error == AX_OK ? (size_t)r.value : 0;
    }
    if (len == 1)
        len = 0; /* the root: components add their own '/' */
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (len > 0 && out[len - 1] != '/')
                len--;
            if (len > 0)
                len--;
        } else {
            out[len++] = '/';
            memcpy(out + len, p, n);
            len += n;
        }
        p += n;
    }
    if (len == 0)
        out[len++] = '/';
    out[len] = '\0';
    return out;
}

bool u_is_program(const char *path)
{
    FileStat st;
    return sys_stat(path, &st).error == AX_OK && !AX_S_ISDIR(st.mode) && (st.mode & 0111);
}

char *u_path_lookup(const char *name, const char *path_list, const char **cursor)
{
    const char *p = *cursor;
    if (p == NULL)
        return NULL;
    if (strchr(name, '/')) {
        *cursor = NULL;
        return u_is_program(name) ? xstrdup(name) : NULL;
    }
    while (p) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        char *dir = len ? xstrndup(p, len) : xstrdup(".");
        char *full = u_path_join(dir, name);
        xfree(dir);
        p = colon ? colon + 1 : NULL;
        if (u_is_program(full)) {
            *cursor = p;
            return full;
        }
        xfree(full);
    }
    *cursor = NULL;
    return NULL;
}
